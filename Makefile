# clauselint - a linter for outsourcing and services contracts.
#
#   make demo      install missing dependencies, build, lint a sample
#   make test      install missing dependencies, build, run every test
#   make           build the library and the tool into build/
#   make install   PREFIX=/usr/local DESTDIR=  (binary, libraries, header,
#                  clauselint.pc, packs and schemas, man pages, bash and
#                  zsh completions); make uninstall removes them all
#   make asan      the tests under AddressSanitizer + UBSan
#   make valgrind  the golden CLI runs under valgrind
#   make reports   every output format validated, HTML rendered in Chromium
#   make golden-update   regenerate tests/cli expectations (read them!)
#   make eval      detection quality on a labelled corpus (EVAL_DIR, EVAL_LABELS,
#                  EVAL_ARGS="--split tune|check" for one half)
#   make eval-hygiene    drafting-check findings per contract (HYGIENE_DIR,
#                  HYGIENE_SAMPLE=rule-id to print 30 of them for reading)
#   make fuzz      libFuzzer targets (clang, ASan+UBSan), FUZZ_SECONDS each,
#                  each campaign recorded in tests/fuzz/executions.tsv
#   make fuzz-report   executions per target over every recorded campaign
#   make fuzz-build    the fuzz programs alone (build-fuzz/fuzz/TARGET)
#   make fuzz-goal     FUZZ_BUDGET seconds on FUZZ_JOBS streams, to the
#                      targets furthest behind the goal (fuzz-plan: the plan)
#   make hostile   the hostile-input suite (tests/hostile)
#   make growth    the amplification audit: CPU time of generated inputs at
#                  N, 4N and 16N structures per kind (tests/hostile/growth.py);
#                  fails on growth over 6x per 4x. A timing, not in make test
#   make coverage  branch coverage of src/lib (gcc --coverage, lcov)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share/clauselint
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
BUILD ?= build

VERSION := $(shell sed -n 's/^\#define CLINT_VERSION_STRING "\(.*\)"/\1/p' include/clauselint.h)
# the library's ABI: bumped at every change a program built against the
# previous one would misread (1: clint_ruleset_test() and
# clint_ruleset_lint() take clint_packs_options; 2: clint_diff_value has
# `change`, and clint_diff_value_get() writes it)
SOVERSION := 2

DEPS = libpcre2-8 libxml-2.0 libzip
# test_zip.c writes its hand-made (and lying) archives with zlib
TEST_DEPS = zlib
# PDF text extraction is optional: when poppler-glib is installed, it is
# built into a program of its own, clauselint-pdf, that the library runs
# for each PDF under limits of CPU time and memory (installed in
# $(PDF_HELPER_DIR); see src/lib/extract/pdfmod.h), so that a hostile PDF
# stops only it, and no other process loads poppler, GLib and cairo.
POPPLER = $(shell $(PKG_CONFIG) --exists poppler-glib && echo poppler-glib)
# Evaluated when used, so that a sub-make sees packages deps.sh installed.
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(DEPS)) \
             $(if $(POPPLER),-DCLINT_HAVE_POPPLER)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(DEPS)) -pthread
POPPLER_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(POPPLER))
POPPLER_LIBS = $(shell $(PKG_CONFIG) --libs $(POPPLER))
PDF_HELPER_DIR = $(LIBDIR)/clauselint
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka $(TEST_DEPS))
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka $(TEST_DEPS))

CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wwrite-strings -Wvla
ifeq ($(CI),true)
WARN += -Werror
endif
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
             -Iinclude -Isrc/lib $(CFLAGS) $(DEP_CFLAGS)
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DCLINT_BUILDING_LIBRARY
# Where SARIF helpUri links point: docs/rules.md (each rule an anchor), by
# default as `make install` puts it; set RULES_URL to where you publish it.
# Changing it rebuilds src/lib/report/sarif.c (see paths-data below).
RULES_URL ?= file://$(DATADIR)/rules.md
LIB_CFLAGS += -DCLINT_RULES_URL='"$(RULES_URL)"'

LIB_SRC = $(wildcard src/lib/*.c src/lib/extract/*.c src/lib/report/*.c src/lib/diff/*.c)
PDF_MODULE_SRC = src/lib/extract/module/pdf_poppler.c
PDF_HELPER_SRC = src/lib/extract/module/pdf_helper.c $(PDF_MODULE_SRC)
# the library without the build-time table of compiled patterns, which
# the generator (tools/precompile.c) links to make it
LIB_CORE_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/embedded.o
LIB_OBJ = $(LIB_CORE_OBJ) $(BUILD)/obj/precompiled.o
CLI_SRC = $(wildcard src/cli/*.c)
CLI_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(CLI_SRC))
HEADERS = include/clauselint.h $(wildcard src/lib/*.h src/lib/*/*.h)

PACKS = $(sort $(wildcard clausepacks/*.xml))
SCHEMA = clausepacks/schema/pack.rng
CONFIG_SCHEMA = clausepacks/schema/config.rng

LIB_A = $(BUILD)/libclauselint.a
LIB_SO = $(BUILD)/libclauselint.so.$(VERSION)
BIN = $(BUILD)/clauselint
PDF_HELPER = $(if $(POPPLER),$(BUILD)/clauselint-pdf)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
SPEC_BIN = $(BUILD)/tests/spec_runner

DEMO_FILE = samples/weak-draft-outsourcing.txt
DEMO_DRAFT = samples/flawed-draft.txt

.PHONY: FORCE all deps test-deps demo test check unit spec packs-test packs-lint golden formats reports rules-doc diff-test \
        golden-update corpus formats prefilter precompiled scale eval eval-hygiene bench lazy-test install-test install uninstall valgrind-if-present test-asan clean asan ubsan valgrind \
        fuzz fuzz-build fuzz-run fuzz-goal fuzz-goal-run fuzz-plan fuzz-schedule-test fuzz-report fuzz-merge fuzz-replay hostile growth coverage coverage-run

all: $(LIB_A) $(LIB_SO) $(BIN) $(PDF_HELPER)

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== clauselint $(DEMO_FILE)"
	@$(BIN) $(DEMO_FILE); rc=$$?; \
	 echo "== exit status $$rc (1: findings at or above --fail-on error)"; \
	 test $$rc -le 1
	@echo "== clauselint --pack drafting $(DEMO_DRAFT)   (drafting hygiene only)"
	@$(BIN) --pack drafting $(DEMO_DRAFT); rc=$$?; \
	 echo "== exit status $$rc"; \
	 test $$rc -le 1

test: test-deps
	@$(MAKE) --no-print-directory check

check: all unit packs-test spec golden valgrind-if-present formats reports diff-test prefilter precompiled scale fuzz-replay fuzz-schedule-test hostile lazy-test install-test corpus
	@echo "== all tests passed"

# ---- build --------------------------------------------------------------

$(BUILD)/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(BUILD)/obj/cli/%.o: src/cli/%.c include/clauselint.h $(wildcard src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# libxml2 and libzip are opened with dlopen() at their first call
# (src/lib/lazylib.h), by the SONAME of the libraries built against; the
# program and libclauselint.so are linked --as-needed, so that they are not
# loaded at start
soname_of = $(shell lib="$$($(PKG_CONFIG) --variable=libdir $(1))/$(2)"; \
              objdump -p "$$lib" 2>/dev/null | sed -n 's/^ *SONAME *//p')
$(BUILD)/obj/lib/lazylib.o: LIB_CFLAGS += \
    $(if $(call soname_of,libxml-2.0,libxml2.so),-DCLINT_LIBXML2_SONAME='"$(call soname_of,libxml-2.0,libxml2.so)"') \
    $(if $(call soname_of,libzip,libzip.so),-DCLINT_LIBZIP_SONAME='"$(call soname_of,libzip,libzip.so)"')
AS_NEEDED = -Wl,--as-needed

# where an installed program finds the PDF helper
$(BUILD)/obj/lib/extract/pdfproc.o: LIB_CFLAGS += -DCLINT_PDF_HELPER_DIR='"$(PDF_HELPER_DIR)"'

# the PDF helper: poppler-glib, none of the library (see pdfmod.h)
$(BUILD)/clauselint-pdf: $(PDF_HELPER_SRC) src/lib/extract/pdfmod.h src/lib/asan.h
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(POPPLER_CFLAGS) \
	    -o $@ $(PDF_HELPER_SRC) $(LDFLAGS) $(POPPLER_LIBS) -lm

$(BUILD)/embedded.c: tools/embed.sh $(SCHEMA) $(CONFIG_SCHEMA) $(PACKS)
	@mkdir -p $(BUILD)
	sh tools/embed.sh $@ -c $(CONFIG_SCHEMA) $(SCHEMA) $(PACKS)

$(BUILD)/obj/embedded.o: $(BUILD)/embedded.c src/lib/internal.h
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

# The built-in packs' patterns compiled at build time (src/lib/precompiled.h)
$(BUILD)/precompile: tools/precompile.c $(HEADERS) $(LIB_CORE_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ tools/precompile.c $(LIB_CORE_OBJ) \
	    $(LDFLAGS) $(DEP_LIBS)

# Per pattern: JIT compilation cost and sizes, interpreted and JIT matching
# time on the given documents (build/jitcost FILE...; tools/jitcost.c)
$(BUILD)/jitcost: tools/jitcost.c $(HEADERS) $(LIB_A)
	$(CC) $(ALL_CFLAGS) -o $@ tools/jitcost.c $(LIB_A) \
	    -Wl,--wrap=pcre2_match_8 $(LDFLAGS) $(DEP_LIBS)

$(BUILD)/precompiled.c: $(BUILD)/precompile
	$(BUILD)/precompile $@

$(BUILD)/obj/precompiled.o: $(BUILD)/precompiled.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(LIB_SO): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libclauselint.so.$(SOVERSION) -o $@ $^ \
	    $(LDFLAGS) $(AS_NEEDED) $(DEP_LIBS)
	ln -sf libclauselint.so.$(VERSION) $(BUILD)/libclauselint.so.$(SOVERSION)
	ln -sf libclauselint.so.$(VERSION) $(BUILD)/libclauselint.so

# the program reads PDFs only through the helper beside it
$(BIN): | $(PDF_HELPER)
$(BIN): $(CLI_OBJ) $(LIB_A)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB_A) $(LDFLAGS) $(AS_NEEDED) \
	    $(DEP_LIBS)

# Files that embed install paths are rebuilt when the paths change (make
# install PREFIX=...), not only when the Makefile does: each stamp is
# rewritten only when its content differs.
STAMP_pc = '$(PREFIX)' '$(LIBDIR)' '$(INCLUDEDIR)' '$(VERSION)' '$(DEPS)'
STAMP_data = '$(RULES_URL)' '$(PDF_HELPER_DIR)'
$(BUILD)/paths-%: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n' $(STAMP_$*) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

FORCE:

$(BUILD)/obj/lib/report/sarif.o $(BUILD)/obj/lib/extract/pdfproc.o: $(BUILD)/paths-data

$(BUILD)/clauselint.pc: Makefile $(BUILD)/paths-pc
	@mkdir -p $(BUILD)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
	  'includedir=$(INCLUDEDIR)' '' 'Name: clauselint' \
	  'Description: Linter for outsourcing and services contracts' \
	  'Version: $(VERSION)' 'Requires.private: $(DEPS)' \
	  'Libs: -L$${libdir} -lclauselint' 'Libs.private: -pthread' \
	  'Cflags: -I$${includedir}' > $@

# ---- tests ---------------------------------------------------------------

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/unit.h \
    tests/unit/unitzip.h $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Wno-missing-prototypes \
	    -o $@ $< $(LIB_A) $(UNIT_LDFLAGS) $(LDFLAGS) $(DEP_LIBS) $(CMOCKA_LIBS)

# the CPU-time limit tests run on a clock they control (fakeclock.h)
$(BUILD)/tests/test_check $(BUILD)/tests/test_diff $(BUILD)/tests/test_pack: \
    tests/unit/fakeclock.h
$(BUILD)/tests/test_check $(BUILD)/tests/test_diff $(BUILD)/tests/test_pack: \
    UNIT_LDFLAGS = -Wl,--wrap=clock_gettime

# test_baseline.c and fuzz_baseline.c include the CLI's baseline, output
# and util sources
BASELINE_SRC = src/cli/baseline.c src/cli/output.c src/cli/util.c src/cli/cli.h
$(BUILD)/tests/test_baseline $(BUILD)/fuzz/baseline \
    $(BUILD)/fuzz-replay/baseline: $(BASELINE_SRC)

$(SPEC_BIN): tests/spec/spec_runner.c $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_A) $(LDFLAGS) $(DEP_LIBS)

# test_locale sets a German locale, which localedef builds here from the
# locales package's sources (LOCPATH): the system need not have it; the
# test says it skipped where it cannot be built
$(BUILD)/locale/de_DE.UTF-8:
	@mkdir -p $(dir $@)
	@localedef -i de_DE -f UTF-8 $@ 2>/dev/null || \
	  { rm -rf $@; echo "unit: no de_DE locale (localedef, package locales)"; }

# the unit tests find the PDF helper of this build through the environment
unit: $(UNIT_BIN) $(PDF_HELPER) $(BUILD)/locale/de_DE.UTF-8
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; \
	  CLAUSELINT_PDF_HELPER=$(if $(PDF_HELPER),$(CURDIR)/$(PDF_HELPER)) $(TEST_WRAPPER) $$t; done

packs-test: $(BIN)
	@echo "== clauselint packs test (every shipped pack)"
	@$(TEST_WRAPPER) $(BIN) packs test $(PACKS)
	@echo "== clauselint packs lint (every shipped pack: no errors, no warnings)"
	@status=0; $(BIN) packs lint $(PACKS) > $(BUILD)/packs-lint.log 2>&1 || status=$$?; \
	 grep -E ': (error|warning): ' $(BUILD)/packs-lint.log || true; tail -1 $(BUILD)/packs-lint.log; \
	 test $$status -eq 0

packs-lint: $(BIN)
	@$(BIN) packs lint $(PACKS)

spec: $(SPEC_BIN)
	@echo "== spec tests"
	@$(TEST_WRAPPER) $(SPEC_BIN) --coverage tests/spec/*.spec

golden: $(BIN)
	@echo "== golden CLI tests"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/cli/run.sh $(BIN)

golden-update: $(BIN)
	@sh tests/cli/run.sh --update $(BIN)

# libxml2 and libzip are opened at their first call (lazylib.h): nothing
# but lazylib.o may refer to them, and the program and shared library must
# not name them (a direct call in xmlinit.c once made every run load
# libxml2 and its dependencies at start)
lazy-test: all
	@echo "== libxml2 and libzip are loaded lazily"
	@bad=$$(for o in $(filter-out %/lazylib.o,$(LIB_OBJ)); do \
	  nm -u $$o | sed -n "s#^ *U \(xml[A-Za-z]*\|html[A-Za-z]*\|__xml[A-Za-z]*\|zip_[a-z_]*\)\$$#$$o: \1#p"; done; \
	  readelf -d $(BIN) $(LIB_SO) | grep -E 'NEEDED.*lib(xml2|zip)'); \
	 if [ -n "$$bad" ]; then echo "$$bad"; echo "lazy-test: FAIL"; exit 1; fi

install-test: all
	@if [ -n "$(NO_INSTALL_TEST)" ]; then \
	  echo "== install test skipped (sanitizer build: the example would need the sanitizer runtime)"; \
	else echo "== install, pkg-config and header checks"; sh tests/install/run.sh $(BUILD); fi

# Speed against the tools users would otherwise run (never fails the tests).
bench: all
	@sh bench/run.sh $(BIN)

# Detection quality on a labelled corpus (default: the CUAD dev set).
EVAL_DIR ?= ../shared/corpus/cuad-dev/txt
EVAL_LABELS ?= ../shared/corpus/cuad-dev/labels.tsv
EVAL_ARGS ?=
eval: all
	@if [ -d "$(EVAL_DIR)" ] && [ -f "$(EVAL_LABELS)" ]; then \
	  python3 eval/eval.py --bin $(BIN) $(EVAL_ARGS) $(EVAL_DIR) $(EVAL_LABELS); \
	else echo "eval: SKIP: $(EVAL_DIR) or $(EVAL_LABELS) not found (set EVAL_DIR and EVAL_LABELS)"; fi

# How often each drafting-hygiene check fires per contract (any directory).
HYGIENE_DIR ?= ../shared/corpus/cuad-dev/txt
eval-hygiene: all
	@if [ -d "$(HYGIENE_DIR)" ]; then \
	  python3 eval/hygiene.py --bin $(BIN) $(HYGIENE_DIR) $(if $(HYGIENE_SAMPLE),--sample $(HYGIENE_SAMPLE)); \
	else echo "eval-hygiene: SKIP: $(HYGIENE_DIR) not found (set HYGIENE_DIR)"; fi
# clauselint diff: JSON schema, SARIF, redline, HTML in Chromium, pandoc fixtures
diff-test: $(BIN)
	@echo "== clauselint diff (schema, SARIF, redline, HTML rendering, pandoc fixtures)"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/diff.sh $(BIN)

formats: $(BIN)
	@echo "== the same findings on every format of each sample"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/formats.sh $(BIN)

# docs/rules.md: every rule of the shipped packs, the target of SARIF helpUri.
rules-doc:
	python3 tools/rules-doc.py $(PACKS) > docs/rules.md

# Every output format validated (JSON Schema, SARIF 2.1.0, XML structure)
# and the HTML report rendered in headless Chromium (skipped when absent).
reports: $(BIN)
	@echo "== output formats: schemas, structure, HTML in a real browser"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/report/run.sh $(BIN)

prefilter: $(BIN)
	@echo "== the same findings with and without the literal prefilter"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/same-findings.sh $(BIN) \
	  CLAUSELINT_NO_PREFILTER prefilter

precompiled: $(BIN)
	@echo "== the same findings with and without the patterns compiled at build time"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/same-findings.sh $(BIN) \
	  CLAUSELINT_NO_PRECOMPILED precompiled

# -j identity, atomic --output, baselines across renumbering, the GNU
# parallel recipe of docs/scale-out.md.
scale: $(BIN)
	@echo "== running at scale (-j, --output, baselines, GNU parallel)"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/scale.sh $(BIN)

corpus: $(BIN)
	@echo "== real contracts (../shared/corpus)"
	@TEST_WRAPPER="$(TEST_WRAPPER)" sh tests/corpus.sh $(BIN)

# The hostile-input suite (tests/hostile/cases): crafted and generated
# inputs under CPU-time and memory limits; the small ones again under
# valgrind. Sanitizer builds skip the big cases and stretch the budgets.
hostile: $(BIN)
	@echo "== hostile inputs (tests/hostile)"
	@NO_VALGRIND="$(NO_VALGRIND)" HOSTILE_SKIP_BIG="$(NO_VALGRIND)" \
	  HOSTILE_SLOW="$(if $(NO_VALGRIND),5,1)" \
	  sh tests/hostile/run.sh $(BIN) $(BUILD)/hostile

# The amplification audit (tests/hostile/growth.py): each kind of structure
# a hostile input can pile up (DOCX numbering, tracked changes, comments,
# tables; ODT lists; HTML, RTF, Markdown; references, definitions; PDF
# pages and lines; diffs) is generated at N, 4N and 16N and timed (child CPU,
# median of 3); a kind growing more than 6x per 4x fails it. A timing, so
# not part of make test. GROWTH_ARGS: kinds to run, or --quick (N / 4).
growth: $(BIN)
	@echo "== growth: CPU time per 4x more structure (tests/hostile/growth.py)"
	@nice python3 tests/hostile/growth.py --bin $(BIN) $(GROWTH_ARGS)

# ---- fuzzing ---------------------------------------------------------------
# tests/fuzz/fuzz_<target>.c: LLVMFuzzerTestOneInput per parser. `make fuzz`
# builds them with clang, libFuzzer, ASan and UBSan into build-fuzz/ and
# runs each for FUZZ_SECONDS (one process, one core), seeded from the
# samples (tests/fuzz/seeds.sh) and the saved corpus; new inputs collect in
# build-fuzz/corpus/<target>, crashes in build-fuzz/crashes/<target>.
# `make fuzz-merge` minimises them into tests/fuzz/corpus/<target>.
# `make fuzz-replay` (in `make test`) feeds the saved corpus and
# tests/fuzz/regressions/<target> to each target built with $(CC).
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
# the targets that load documents through fuzz.h's fuzz_load_with(),
# replayed again with a 4 KiB document limit. `make test-asan` leaves pdf
# out of that pass (FUZZ_DOC_SKIP): poppler reads each input in full
# again before the limit refuses it (66 s of the ASan replay's 280 s), and
# the refusal in the layout stage is pdf_layout's, replayed there.
FUZZ_DOC_TARGETS = $(filter-out $(FUZZ_DOC_SKIP),docx docx_xml html \
                   markdown odt odt_xml pdf pdf_layout pdf_wire rtf segment text)
FUZZ_FLAGS ?= -rss_limit_mb=2048 -timeout=10 -max_len=262144
FUZZ_HDR = tests/fuzz/fuzz.h tests/fuzz/zipwrap.h tests/fuzz/outcheck.h
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all \
              -fsanitize=address,undefined,fuzzer-no-link \
              -fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt
# Comparison tracing (trace-cmp: libFuzzer records the operands of every
# comparison, to steer mutations towards the values the parsers compare
# input bytes with) is left out of the output code: the report and diff
# renderers compare our own output against constants, a byte at a time,
# and tracing that was a fifth of the check harness's time. So is the
# word diff (diff/words.c), which compares token hashes with each other
# (7 % of a running diff campaign's samples, perf): no value there is an
# input byte the fuzzer could place. Their edges are still counted, so
# the fuzzer still sees new paths through them.
# The ignorelist drops all instrumentation from the growable buffer's
# few-line helpers, called for every byte written.
FUZZ_LEAN_SRC = $(wildcard src/lib/report/*.c src/lib/diff/render*.c) \
                src/lib/diff/words.c
FUZZ_LEAN_OBJ = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(FUZZ_LEAN_SRC))
$(FUZZ_LEAN_OBJ): LIB_CFLAGS += $(FUZZ_LEAN_CFLAGS)
# make does not see flags change: the fuzz build's objects are remade when
# the ignorelist or the Makefile is
ifneq ($(FUZZ_LEAN_CFLAGS),)
$(LIB_OBJ): tests/fuzz/coverage-ignore.txt Makefile
endif
# The check and diff harnesses load their rulesets once and then only run
# the patterns: there the matching engine (prefilter.c, check.c) compares
# offsets and automaton states, not input bytes with constants, and its
# comparison tracing was a fifth of their time. They link copies of those
# two files built without trace-cmp ahead of the library, so the archive's
# traced copies are never pulled in. The pack harness, whose input is the
# patterns these files parse, keeps the traced ones.
FUZZ_RUN_OBJ = $(patsubst src/%.c,$(BUILD)/obj-run/%.o,src/lib/prefilter.c src/lib/check.c)
$(BUILD)/obj-run/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) $(FUZZ_LEAN_CFLAGS) -c $< -o $@
ifneq ($(FUZZ_LEAN_CFLAGS),)
$(FUZZ_RUN_OBJ): tests/fuzz/coverage-ignore.txt Makefile
$(BUILD)/fuzz/check $(BUILD)/fuzz/diff: $(FUZZ_RUN_OBJ)
$(BUILD)/fuzz/check $(BUILD)/fuzz/diff: FUZZ_FIRST_OBJ = $(FUZZ_RUN_OBJ)
endif
REPLAY_BIN = $(patsubst %,$(BUILD)/fuzz-replay/%,$(FUZZ_TARGETS))

# the pdf target links the poppler module itself (fuzz_pdf.c)
$(BUILD)/fuzz-replay/pdf $(BUILD)/fuzz/pdf: $(PDF_MODULE_SRC)
$(BUILD)/fuzz-replay/pdf $(BUILD)/fuzz/pdf: FUZZ_DEFS = \
    $(if $(POPPLER),-DFUZZ_POPPLER $(POPPLER_CFLAGS))
$(BUILD)/fuzz-replay/pdf $(BUILD)/fuzz/pdf: FUZZ_EXTRA = \
    $(if $(POPPLER),$(PDF_MODULE_SRC) $(POPPLER_LIBS) -lm)

# the harnesses that render parse their JSON output with jansson (a test
# dependency: tests/fuzz/outcheck.h), and so does the test of that oracle
JANSSON = $(shell $(PKG_CONFIG) --exists jansson && echo jansson)
OUTCHECK_TEST = $(BUILD)/fuzz-replay/test_outcheck
JSON_HARNESSES = $(BUILD)/fuzz-replay/check $(BUILD)/fuzz/check \
    $(BUILD)/fuzz-replay/diff $(BUILD)/fuzz/diff $(OUTCHECK_TEST)
$(JSON_HARNESSES): FUZZ_DEFS = \
    $(if $(JANSSON),-DFUZZ_JANSSON $(shell $(PKG_CONFIG) --cflags $(JANSSON)))
$(JSON_HARNESSES): FUZZ_EXTRA = \
    $(if $(JANSSON),$(shell $(PKG_CONFIG) --libs $(JANSSON)))

# the oracles of the rendering harnesses (outcheck.h), tested themselves
$(OUTCHECK_TEST): tests/fuzz/test_outcheck.c tests/fuzz/outcheck.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -Wno-unused-function -o $@ $< \
	    $(FUZZ_EXTRA) $(LDFLAGS)

$(BUILD)/fuzz-replay/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDR) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -Wno-unused-function -o $@ $< tests/fuzz/replay.c \
	    $(LIB_A) $(FUZZ_EXTRA) $(LDFLAGS) $(DEP_LIBS)

# a replay's standard error, but for the lines poppler's cairo font code
# prints for each font it cannot draw ("some font thing failed", "font
# type N not handled"); its exit status kept (rc=0 before the command)
REPLAY_STDERR = 2>$(BUILD)/fuzz-replay/$$t.err || rc=$$?; \
	  grep -v -e '^some font thing failed$$' -e '^font type [0-9-]* not handled$$' \
	    $(BUILD)/fuzz-replay/$$t.err >&2 || true; \
	  [ $$rc -eq 0 ] || exit $$rc

fuzz-replay: $(REPLAY_BIN) $(OUTCHECK_TEST)
	@echo "== fuzz corpus and regression inputs, replayed"
	@if [ "$(CI)" = true ] && [ -z "$(JANSSON)" ]; then \
	  echo "fuzz-replay: jansson is missing: the JSON output would not be validated (apt-get install libjansson-dev)"; exit 1; fi
	@$(TEST_WRAPPER) $(OUTCHECK_TEST)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  set --; for d in tests/fuzz/corpus/$$t tests/fuzz/regressions/$$t; do \
	    if [ -d $$d ]; then set -- "$$@" $$d; fi; done; \
	  printf '%s: ' $$t; rc=0; \
	  $(TEST_WRAPPER) $(BUILD)/fuzz-replay/$$t "$$@" $(REPLAY_STDERR); done
	@# again with a document memory limit of 4 KiB (fuzz.h): every
	@# extractor refuses the larger inputs part way, in one message
	@set -e; for t in $(FUZZ_DOC_TARGETS); do \
	  printf '%s, 4 KiB document limit: ' $$t; \
	  rc=0; FUZZ_DOC_MEMORY=4096 $(TEST_WRAPPER) $(BUILD)/fuzz-replay/$$t \
	    tests/fuzz/corpus/$$t $(REPLAY_STDERR); done

$(BUILD)/fuzz/%: tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -Wno-unused-function -fsanitize=fuzzer,address,undefined \
	    -o $@ $< $(FUZZ_FIRST_OBJ) $(LIB_A) $(FUZZ_EXTRA) $(LDFLAGS) $(DEP_LIBS)

# the commit label of the ledger is taken before the build (campaign.sh)
FUZZ_MAKE = $(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
	    FUZZ_LEAN_CFLAGS=-fno-sanitize-coverage=trace-cmp
fuzz:
	+@FUZZ_COMMIT=$$(sh tests/fuzz/campaign.sh --commit) $(FUZZ_MAKE) fuzz-run

# the fuzz programs alone, in build-fuzz/fuzz/ (for profiling or -runs=N)
fuzz-build:
	+@$(FUZZ_MAKE) $(patsubst %,build-fuzz/fuzz/%,$(FUZZ_TARGETS))

fuzz-run: $(patsubst %,$(BUILD)/fuzz/%,$(FUZZ_TARGETS))
	@rm -rf $(BUILD)/seeds && sh tests/fuzz/seeds.sh $(BUILD)/seeds
	@failed=; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  sh tests/fuzz/campaign.sh $(BUILD) $$t $(FUZZ_SECONDS) $(FUZZ_FLAGS) || \
	    failed="$$failed $$t"; done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashed:$$failed"; exit 1; fi

# FUZZ_BUDGET seconds of wall time on FUZZ_JOBS campaigns side by side,
# shared among the targets by how far each is behind the goal of 10
# million executions (tests/fuzz/schedule.sh: the target furthest behind
# first, until every target fuzzed stands at the same share of the goal).
# FUZZ_STRATEGY=finish brings the targets nearest the goal there first,
# one by one (with FUZZ_MARGIN per cent more time, default 10).
# `make fuzz-plan` prints the plan and runs nothing.
FUZZ_BUDGET ?= 3600
FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
fuzz-goal:
	+@FUZZ_COMMIT=$$(sh tests/fuzz/campaign.sh --commit) $(FUZZ_MAKE) fuzz-goal-run

fuzz-goal-run: $(patsubst %,$(BUILD)/fuzz/%,$(FUZZ_TARGETS))
	@rm -rf $(BUILD)/seeds && sh tests/fuzz/seeds.sh $(BUILD)/seeds
	@sh tests/fuzz/schedule.sh $(BUILD) $(FUZZ_BUDGET) $(FUZZ_JOBS) $(FUZZ_TARGETS) -- $(FUZZ_FLAGS)

fuzz-plan:
	@sh tests/fuzz/schedule.sh --plan build-fuzz $(FUZZ_BUDGET) $(FUZZ_JOBS) $(FUZZ_TARGETS)

# the planner, on made-up ledgers and stand-in fuzz programs (no clang)
fuzz-schedule-test:
	@echo "== fuzz schedule"
	@sh tests/fuzz/test_schedule.sh

# Executions and crashes per target, summed over every campaign in the
# ledger tests/fuzz/executions.tsv (one line per `make fuzz` campaign).
fuzz-report:
	@sh tests/fuzz/report.sh $(FUZZ_TARGETS)

# Minimise what the fuzzers found into the saved corpus, keeping only
# inputs of at most FUZZ_MERGE_MAX bytes (the saved corpus stays small).
FUZZ_MERGE_MAX ?= 8192
fuzz-merge:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p tests/fuzz/corpus/$$t build-fuzz/corpus/$$t; \
	  rm -rf build-fuzz/merged/$$t build-fuzz/small/$$t; \
	  mkdir -p build-fuzz/merged/$$t build-fuzz/small/$$t; \
	  find tests/fuzz/corpus/$$t build-fuzz/corpus/$$t -type f \
	    -size -$$(($(FUZZ_MERGE_MAX) + 1))c -exec cp {} build-fuzz/small/$$t/ \; ; \
	  build-fuzz/fuzz/$$t $(FUZZ_FLAGS) -merge=1 build-fuzz/merged/$$t \
	    build-fuzz/small/$$t > build-fuzz/merge-$$t.log 2>&1; \
	  rm -f tests/fuzz/corpus/$$t/*; cp build-fuzz/merged/$$t/* tests/fuzz/corpus/$$t/; \
	  echo "$$t: $$(ls tests/fuzz/corpus/$$t | wc -l) files"; done

# ---- coverage ----------------------------------------------------------------
# Branch coverage of src/lib over every suite of `make check` but valgrind
# and the install test (unit, pack, spec, golden, formats, reports, diff,
# prefilter, corpus, fuzz replay, hostile), counting the unit tests that
# compile library sources into themselves too (gcc --coverage into
# build-cov/, lcov and genhtml from Debian). Report:
# build-cov/coverage/index.html. Target: 85 % of branches.
LCOV_RC = --rc lcov_branch_coverage=1
coverage:
	@find build-cov -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) --no-print-directory BUILD=build-cov CC=gcc CFLAGS="-O0 -g --coverage" \
	  LDFLAGS="--coverage" NO_VALGRIND=1 coverage-run

coverage-run: all unit packs-test spec golden formats reports diff-test prefilter corpus fuzz-replay hostile
	@lcov --quiet $(LCOV_RC) --capture --directory $(BUILD)/obj --directory $(BUILD)/tests \
	  -o $(BUILD)/cov-all.info
	@lcov --quiet $(LCOV_RC) --extract $(BUILD)/cov-all.info '*/src/lib/*' -o $(BUILD)/cov.info
	@genhtml --quiet --branch-coverage -o $(BUILD)/coverage $(BUILD)/cov.info
	@echo "== coverage of src/lib (report: $(BUILD)/coverage/index.html)"
	@lcov $(LCOV_RC) --summary $(BUILD)/cov.info 2>&1 | grep -E 'lines|functions|branches'

# ASan keeps the last 32 MiB freed unused, to catch a use after free of
# it (256 MiB by default): the hostile inputs' big allocations paged in
# fresh memory for each (pack-colliding-ids 19 s -> 12 s, many-pages.pdf
# 11.6 s -> 8 s, half of it system time); ASAN_OPTIONS given to make
# come after it and win. The fuzzers keep the default.
asan:
	@ASAN_OPTIONS="quarantine_size_mb=32$${ASAN_OPTIONS:+:$$ASAN_OPTIONS}" \
	$(MAKE) --no-print-directory BUILD=build-asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" NO_VALGRIND=1 NO_INSTALL_TEST=1 \
	  FUZZ_DOC_SKIP=pdf check

ubsan: asan
test-asan: asan

valgrind-if-present: all
	@if [ -n "$(NO_VALGRIND)" ]; then echo "== valgrind stage skipped (sanitizer build)"; \
	elif command -v valgrind >/dev/null 2>&1; then \
	  echo "== golden CLI tests under valgrind"; $(MAKE) --no-print-directory valgrind; \
	else echo "== valgrind not installed: golden runs under valgrind skipped"; fi

valgrind: all
	@CLAUSELINT_NO_JIT=1 TEST_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  sh tests/cli/run.sh $(BIN)

# ---- install ---------------------------------------------------------------

install: all $(BUILD)/clauselint.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)/packs/schema
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/clauselint
	install -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/libclauselint.a
	install -m 755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/libclauselint.so.$(VERSION)
	ln -sf libclauselint.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libclauselint.so.$(SOVERSION)
	ln -sf libclauselint.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libclauselint.so
	install -m 644 include/clauselint.h $(DESTDIR)$(INCLUDEDIR)/clauselint.h
	$(if $(PDF_HELPER),install -d $(DESTDIR)$(PDF_HELPER_DIR))
	$(if $(PDF_HELPER),install -m 755 $(PDF_HELPER) $(DESTDIR)$(PDF_HELPER_DIR)/clauselint-pdf)
	install -m 644 $(BUILD)/clauselint.pc $(DESTDIR)$(PKGCONFIGDIR)/clauselint.pc
	install -m 644 $(PACKS) $(DESTDIR)$(DATADIR)/packs/
	install -m 644 $(SCHEMA) $(CONFIG_SCHEMA) $(DESTDIR)$(DATADIR)/packs/schema/
	install -m 644 docs/rules.md $(DESTDIR)$(DATADIR)/rules.md
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 docs/man/clauselint.1 $(DESTDIR)$(MANDIR)/man1/clauselint.1
	install -m 644 docs/man/clauselint-packs.5 $(DESTDIR)$(MANDIR)/man5/clauselint-packs.5
	install -m 644 completions/clauselint.bash $(DESTDIR)$(BASHCOMPDIR)/clauselint
	install -m 644 completions/_clauselint $(DESTDIR)$(ZSHCOMPDIR)/_clauselint

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/clauselint $(DESTDIR)$(LIBDIR)/libclauselint.a \
	    $(DESTDIR)$(LIBDIR)/libclauselint.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/libclauselint.so.$(SOVERSION) \
	    $(DESTDIR)$(LIBDIR)/libclauselint.so \
	    $(DESTDIR)$(INCLUDEDIR)/clauselint.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/clauselint.pc \
	    $(DESTDIR)$(MANDIR)/man1/clauselint.1 \
	    $(DESTDIR)$(MANDIR)/man5/clauselint-packs.5 \
	    $(DESTDIR)$(BASHCOMPDIR)/clauselint $(DESTDIR)$(ZSHCOMPDIR)/_clauselint \
	    $(DESTDIR)$(PDF_HELPER_DIR)/clauselint-pdf
	-rmdir $(DESTDIR)$(PDF_HELPER_DIR) 2>/dev/null
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz build-cov
