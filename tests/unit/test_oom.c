/*
 * test_oom.c - out of memory everywhere: the whole pipeline (extract in
 * each format, normalise, segment, values, check, every renderer, and a
 * pack load) runs once for every allocation it makes, with that one
 * allocation failing. Each run must fail cleanly with CLINT_ENOMEM (or
 * another error that says why) or succeed with the same output as a run
 * where nothing failed; never crash. (A report with a hole where a
 * failed allocation left out a part, or a section label without its "§",
 * was a success in 604 of the 5,365 runs over documents.)
 *
 * The test binary defines malloc, calloc and realloc; while armed they
 * count and fail only the allocations made by clauselint's own code (the
 * library is linked in statically, so its callers lie in the executable):
 * the libraries' own failure paths are theirs, and some are not safe -
 * with libxml2 2.9.14 a failed allocation inside htmlParseDocument can
 * loop for ever and one inside the RELAX NG compiler crashes. A sanitizer
 * build brings its own allocator, so there the test is skipped. PDF is
 * left out: poppler and GLib abort on a failed allocation by design.
 */
#include "unit.h"

#if defined(__SANITIZE_ADDRESS__)
#define OOM_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_SKIP 1
#endif
#endif

#ifndef OOM_SKIP
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

/* the executable's code: the library is linked in statically */
extern char __executable_start[], etext[];

static int armed;
static long counter, fail_at;

/* Counts the allocations clauselint's own code makes (the caller's
 * address is in the executable) and fails the fail_at-th. */
static int should_fail(const void *caller)
{
	if (!armed || (const char *)caller < __executable_start ||
	    (const char *)caller >= etext)
		return 0;
	return ++counter == fail_at;
}

void *malloc(size_t n)
{
	return should_fail(__builtin_return_address(0)) ? NULL
	                                                : __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	return should_fail(__builtin_return_address(0)) ? NULL
	                                                : __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	return should_fail(__builtin_return_address(0)) ? NULL
	                                                : __libc_realloc(p, n);
}
#endif

static const char mini_pack[] =
	UNIT_PACK_HEAD("oom")
	UNIT_RULE("oom-promptly", "flag", "warning", "")
	UNIT_PATTERN("\\bpromptly\\b")
	UNIT_UNLESS("\\bwithin \\d+")
	UNIT_EXAMPLE("match", "Pay promptly.")
	UNIT_RULE_END
	UNIT_RULE("oom-fees", "require", "error", "")
	UNIT_HEADING("\\bfees\\b")
	UNIT_PATTERN("\\bfees?\\b")
	UNIT_EXAMPLE("match", "1. Fees")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

#ifndef OOM_SKIP
static const char text[] =
	"1. Services\n\n1.1 The Supplier shall promptly provide the Services "
	"described in Section 2.3 for USD 10,000 within thirty (30) days.\n\n"
	"2. Fees\n\n(a) Fees are payable net 45; and\n(b) at 99.5% availability.\n";

static const char markdown[] =
	"# Agreement\n\n## 1. Services\n\nThe Supplier shall **promptly** "
	"provide [the Services](x) for USD 10,000.\n\n- item one\n- item two\n\n"
	"| a | b |\n|---|---|\n| fee | 30 days |\n";

static const char rtf[] =
	"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}\\pard 1. Services\\par "
	"The Supplier shall promptly provide the Services for \\u8364? 10,000."
	"\\par {\\*\\fldinst HYPERLINK x}{\\fldrslt see 2.1}\\cell\\row\\par}";

/* What a run with no allocation failing wrote (sweep()'s first run), and
 * the runs since that succeeded with other output. */
static char *want;
static size_t want_len;
static int recording;
static long differing;

static void compare_output(const unit_sink *sink)
{
	if (!armed)  /* a run outside sweep() */
		return;
	if (recording) {
		free(want);
		want = malloc(sink->len + 1);
		assert_non_null(want);
		memcpy(want, sink->data ? sink->data : "", sink->len);
		want_len = sink->len;
	} else if (sink->len != want_len ||
	           memcmp(sink->data ? sink->data : "", want, want_len) != 0) {
		differing++;
		print_message("  allocation %ld failed, the run succeeded, and its "
		              "output differs\n", fail_at);
	}
}

/* One run of the pipeline; returns its first error (or 0). */
static int pipeline(const clint_ruleset *rs, const char *name,
                    const void *data, size_t len, clint_input_format fmt)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_render_options ro = CLINT_RENDER_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	clint_renderer *r = NULL;
	unit_sink sink = {NULL, 0, 0};
	int rc, k;

	o.format = fmt;
	rc = clint_diag_new(&diag);
	if (rc == CLINT_OK)
		rc = clint_doc_load_buffer(&doc, name, data, len, &o, diag);
	if (rc == CLINT_OK)
		rc = clint_check(&res, rs, doc, NULL, diag);
	/* every format: each renderer's way to lose a part differs */
	for (k = 0; rc == CLINT_OK && k < CLINT_OUTPUT_FORMAT_COUNT; k++) {
		ro.format = (clint_output_format)k;
		ro.verbose = 1;
		rc = clint_renderer_new(&r, &ro, unit_sink_write, &sink);
		if (rc == CLINT_OK)
			rc = clint_renderer_document(r, res);
		if (rc == CLINT_OK)
			rc = clint_renderer_input_error(r, "x.txt", "no such file");
		if (rc == CLINT_OK)
			rc = clint_renderer_finish(r);
		clint_renderer_free(r);
		r = NULL;
	}
	/* a failure other than the allocation itself must say why */
	if (rc != CLINT_OK && rc != CLINT_ENOMEM && diag)
		assert_true(clint_diag_count(diag) > 0 || rc == CLINT_EIO);
	if (rc == CLINT_OK)
		compare_output(&sink);
	unit_sink_free(&sink);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_diag_free(diag);
	return rc;
}

/* Runs `fn` once counting its allocations, then once per allocation with
 * that one failing. */
static void sweep(const char *what, int (*fn)(void *), void *ctx)
{
	long total, i, failed = 0;

	armed = 1;
	counter = 0;
	fail_at = -1;
	recording = 1;
	want_len = 0;
	assert_int_equal(fn(ctx), CLINT_OK);
	recording = 0;
	differing = 0;
	total = counter;
	if (total == 0) {
		/* valgrind replaces malloc: our definitions are never called */
		armed = 0;
		print_message("  %s: the allocator is not ours (valgrind?)\n", what);
		skip();
	}
	for (i = 1; i <= total; i++) {
		counter = 0;
		fail_at = i;
		if (fn(ctx) != CLINT_OK)
			failed++;
	}
	armed = 0;
	print_message("  %s: %ld allocations, each failed once: %ld runs "
	              "failed cleanly, the rest recovered\n", what, total, failed);
	assert_true(total > 0);
	assert_true(failed > 0);
	assert_int_equal(differing, 0);
	free(want);
	want = NULL;
	want_len = 0;
}

typedef struct {
	const clint_ruleset *rs;
	const char *name;
	const void *data;
	size_t len;
	clint_input_format fmt;
} doc_case;

static int run_doc(void *p)
{
	doc_case *c = p;
	return pipeline(c->rs, c->name, c->data, c->len, c->fmt);
}

static void test_documents(void **state)
{
	static const struct {
		const char *name, *file;
		const char *data;
		clint_input_format fmt;
	} docs[] = {
		{"oom.txt", NULL, text, CLINT_INPUT_TEXT},
		{"oom.md", NULL, markdown, CLINT_INPUT_MARKDOWN},
		{"oom.rtf", NULL, rtf, CLINT_INPUT_RTF},
		{"oom.html", "tests/cli/fixtures/hosting.html", NULL, CLINT_INPUT_AUTO},
		{"oom.docx", "tests/cli/fixtures/tracked-changes.docx", NULL,
		 CLINT_INPUT_AUTO},
		{"oom.odt", "tests/cli/fixtures/hosting-tracked.odt", NULL,
		 CLINT_INPUT_AUTO},
		/* whole contracts: numbering, styles, notes, comments, tables */
		{"weak.docx", "samples/formats/weak-draft-outsourcing.docx", NULL,
		 CLINT_INPUT_AUTO},
		{"numbered.docx", "samples/formats/auto-numbered-hosting.docx", NULL,
		 CLINT_INPUT_AUTO},
		{"weak.odt", "samples/formats/weak-draft-outsourcing.odt", NULL,
		 CLINT_INPUT_AUTO},
		{"weak.rtf", "samples/formats/weak-draft-outsourcing.rtf", NULL,
		 CLINT_INPUT_AUTO},
		{"weak.html", "samples/formats/weak-draft-outsourcing.html", NULL,
		 CLINT_INPUT_AUTO},
		{"weak.md", "samples/weak-draft-outsourcing.md", NULL,
		 CLINT_INPUT_MARKDOWN},
		{"sound.txt", "samples/sound-outsourcing-agreement.txt", NULL,
		 CLINT_INPUT_TEXT},
	};
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		doc_case c;
		void *owned = NULL;

		c.rs = *state;
		c.name = docs[i].name;
		c.fmt = docs[i].fmt;
		if (docs[i].file) {
			owned = unit_read_file(docs[i].file, &c.len);
			c.data = owned;
		} else {
			c.data = docs[i].data;
			c.len = strlen(docs[i].data);
		}
		sweep(docs[i].name, run_doc, &c);
		free(owned);
	}
}

static int run_pack(void *p)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	const char *paths[1] = {p};
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	size_t a, b;
	int rc;

	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = 1;
	rc = clint_diag_new(&diag);
	if (rc == CLINT_OK)
		rc = clint_ruleset_load(&rs, &o, diag);
	if (rc == CLINT_OK)
		rc = clint_ruleset_test(rs, NULL, diag, &a, &b);
	if (rc == CLINT_OK)
		rc = clint_ruleset_lint(rs, NULL, diag, &a, &b);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	return rc;
}

static void test_pack_load(void **state)
{
	char *path = unit_temp_file(mini_pack, strlen(mini_pack));

	sweep("pack load, test and lint", run_pack, path);
	(void)state;
	unlink(path);
	free(path);
}

/* keep_valid_packs: a failed allocation fails the load (CLINT_ENOMEM);
 * it never leaves out a good pack or keeps a bad one. paths[1] defines
 * mini_pack's oom-fees again and must be the one left out. */
static int run_keep_valid(void *p)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	const char *const *paths = p;
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	int rc;

	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = 3;
	o.keep_valid_packs = 1;
	rc = clint_diag_new(&diag);
	if (rc == CLINT_OK)
		rc = clint_ruleset_load(&rs, &o, diag);
	if (rc == CLINT_OK) {
		assert_int_equal(clint_ruleset_left_out(rs), 1);
		assert_int_equal(clint_ruleset_pack_count(rs), 2);
		/* mini_pack's 2 and the 8 of the built-in ambiguity pack */
		assert_int_equal(clint_ruleset_rule_count(rs), 10);
	} else {
		assert_int_equal(rc, CLINT_ENOMEM);
	}
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	return rc;
}

static void test_keep_valid_load(void **state)
{
	static const char dup_pack[] =
		UNIT_PACK_HEAD("dup")
		UNIT_RULE("oom-fees", "require", "error", "")
		UNIT_PATTERN("\\bcharges\\b")
		UNIT_EXAMPLE("match", "charges")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	char *good = unit_temp_file(mini_pack, strlen(mini_pack));
	char *dup = unit_temp_file(dup_pack, strlen(dup_pack));
	const char *paths[3];

	(void)state;
	paths[0] = good;
	paths[1] = dup;
	paths[2] = "ambiguity";
	sweep("pack load leaving out a bad pack", run_keep_valid, paths);
	unlink(good);
	unlink(dup);
	free(good);
	free(dup);
}
/* Two revisions for the diff sweep: a section moved, one reworded (a risk
 * resolved), one removed with the renumbering after it, a value changed,
 * a section added, a cosmetic edit. */
static const char diff_old[] =
	"1. Scope\n\n1.1 The Supplier shall provide the Services.\n\n"
	"1.2 The Supplier shall keep a service desk open on Business Days.\n\n"
	"2. Fees\n\n2.1 The Client shall pay the fees promptly.\n\n"
	"2.2 The Client shall pay each invoice within thirty (30) days.\n\n"
	"2.3 Travel costs are included in the fees.\n\n"
	"3. Termination\n\n3.1 The Client may terminate on ninety (90) days' "
	"written notice.\n";
static const char diff_new[] =
	"1. Scope\n\n1.1 The Supplier shall provide the Services.\n\n"
	"2. Fees\n\n2.1 The Client shall pay the fees within 10 days.\n\n"
	"2.2 The Client shall pay each invoice within 30 days.\n\n"
	"2.3 The Supplier shall keep a service desk open on Business Days.\n\n"
	"3. Termination\n\n3.1 The Client may terminate on thirty (30) days' "
	"written notice.\n\n3.2 On termination the Supplier shall return all "
	"Client Data.\n";

typedef struct {
	const clint_ruleset *rs;
} diff_case;

/* Loads both revisions, diffs them and renders the diff in every format
 * (one also --substantive-only); returns the first error (or 0). */
static int run_diff(void *p)
{
	diff_case *c = p;
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diff_render_options ro = CLINT_DIFF_RENDER_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *a = NULL, *b = NULL;
	clint_diff *d = NULL;
	unit_sink sink = {NULL, 0, 0};
	int rc, k;

	o.format = CLINT_INPUT_TEXT;
	rc = clint_diag_new(&diag);
	if (rc == CLINT_OK)
		rc = clint_doc_load_buffer(&a, "old.txt", diff_old,
		                           strlen(diff_old), &o, diag);
	if (rc == CLINT_OK)
		rc = clint_doc_load_buffer(&b, "new.txt", diff_new,
		                           strlen(diff_new), &o, diag);
	if (rc == CLINT_OK)
		rc = clint_diff_new(&d, c->rs, a, b, NULL, diag);
	for (k = 0; rc == CLINT_OK && k < 6; k++) {
		static const clint_diff_output fmts[] = {
			CLINT_DIFF_OUTPUT_TEXT, CLINT_DIFF_OUTPUT_JSON,
			CLINT_DIFF_OUTPUT_MARKDOWN, CLINT_DIFF_OUTPUT_HTML,
			CLINT_DIFF_OUTPUT_SARIF, CLINT_DIFF_OUTPUT_TEXT};
		ro.format = fmts[k];
		ro.substantive_only = k == 5;
		ro.color = k == 5;
		rc = clint_diff_render(d, &ro, unit_sink_write, &sink);
	}
	if (rc != CLINT_OK && rc != CLINT_ENOMEM && diag)
		assert_true(clint_diag_count(diag) > 0 || rc == CLINT_EIO);
	if (rc == CLINT_OK)
		compare_output(&sink);
	unit_sink_free(&sink);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_diag_free(diag);
	return rc;
}

static void test_diff(void **state)
{
	diff_case c;
	unit_sink sink = {NULL, 0, 0};

	c.rs = *state;
	/* the run without failures really diffs: 3.2 is added, 1.2 moved */
	assert_int_equal(run_diff(&c), CLINT_OK);
	{
		clint_doc *a = unit_text(diff_old), *b = unit_text(diff_new);
		clint_diff *d = NULL;
		clint_diff_render_options ro = CLINT_DIFF_RENDER_OPTIONS_INIT;

		assert_int_equal(clint_diff_new(&d, c.rs, a, b, NULL, NULL),
		                 CLINT_OK);
		assert_int_equal(clint_diff_render(d, &ro, unit_sink_write, &sink),
		                 CLINT_OK);
		unit_assert_contains(sink.data, "added § 3.2");
		unit_assert_contains(sink.data, "moved § 1.2");
		unit_sink_free(&sink);
		clint_diff_free(d);
		clint_doc_free(a);
		clint_doc_free(b);
	}
	sweep("diff, five renderers", run_diff, &c);
}

#else
static void test_documents(void **state)
{
	(void)state;
	skip();
}

static void test_pack_load(void **state)
{
	(void)state;
	skip();
}

static void test_keep_valid_load(void **state)
{
	(void)state;
	skip();
}

static void test_diff(void **state)
{
	(void)state;
	skip();
}
#endif

static int setup(void **state)
{
	*state = unit_ruleset(mini_pack);
	return 0;
}

static int teardown(void **state)
{
	clint_ruleset_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_documents),
		cmocka_unit_test(test_pack_load),
		cmocka_unit_test(test_keep_valid_load),
		cmocka_unit_test(test_diff),
	};

	return cmocka_run_group_tests_name("oom", tests, setup, teardown);
}
