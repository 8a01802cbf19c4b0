#!/bin/sh
# run.sh BUILD - installs into a staging DESTDIR, builds examples/lint.c
# against the installed header, library and clauselint.pc, and runs it;
# then checks the header alone as C99 -pedantic and as C++.
set -eu
build=$1
stage=$(cd "$build" && pwd)/stage
rm -rf "$stage"
# a .pc made for another prefix first: installing with the default PREFIX
# must not ship it stale
make --no-print-directory -s BUILD="$build" PREFIX=/opt/stale "$build/clauselint.pc" >/dev/null
make --no-print-directory -s install DESTDIR="$stage" BUILD="$build" >/dev/null
for f in usr/local/bin/clauselint usr/local/lib/libclauselint.a usr/local/lib/libclauselint.so \
	usr/local/include/clauselint.h usr/local/lib/pkgconfig/clauselint.pc \
	usr/local/share/clauselint/packs/outsourcing.xml usr/local/share/clauselint/packs/schema/pack.rng \
	usr/local/share/clauselint/packs/schema/config.rng usr/local/share/clauselint/rules.md \
	usr/local/share/man/man1/clauselint.1 usr/local/share/man/man5/clauselint-packs.5 \
	usr/local/share/bash-completion/completions/clauselint usr/local/share/zsh/site-functions/_clauselint; do
	[ -e "$stage/$f" ] || { echo "install: FAIL: $f not installed"; exit 1; }
done
grep -qx 'prefix=/usr/local' "$stage/usr/local/lib/pkgconfig/clauselint.pc" ||
	{ echo "install: FAIL: clauselint.pc does not name PREFIX=/usr/local:"; cat "$stage/usr/local/lib/pkgconfig/clauselint.pc"; exit 1; }
flags=$(PKG_CONFIG_PATH="$stage/usr/local/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage" \
	pkg-config --cflags --libs clauselint)
${CC:-cc} examples/lint.c $flags -o "$build/lint-example"
LD_LIBRARY_PATH="$stage/usr/local/lib" "$build/lint-example" samples/sound-outsourcing-agreement.txt \
	| python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["summary"]["documents"] == 1 and d["summary"]["missing"] == 0, d["summary"]'
# with a project file: only the wording packs, one rule re-graded
LD_LIBRARY_PATH="$stage/usr/local/lib" "$build/lint-example" --config tests/cli/fixtures/project/.clauselint.xml \
	tests/cli/fixtures/tree/sub/b-support.txt \
	| python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["summary"]; assert s["missing"] == 0 and s["error"] == 1 and s["info"] == 0, s'
# the PDF helper: installed, and found by the installed library beside it
if [ -e "$build/clauselint-pdf" ]; then
	[ -x "$stage/usr/local/lib/clauselint/clauselint-pdf" ] ||
		{ echo "install: FAIL: usr/local/lib/clauselint/clauselint-pdf not installed"; exit 1; }
	CLAUSELINT_PDF_HELPER= LD_LIBRARY_PATH="$stage/usr/local/lib" "$build/lint-example" \
		samples/formats/sound-outsourcing-agreement.pdf \
		| python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["summary"]["documents"] == 1 and d["summary"]["missing"] == 0, d["summary"]'
	pdf=" (a PDF too, through the installed PDF helper)"
else
	pdf=" (no PDF helper: built without poppler-glib)"
fi
${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -c tests/install/headertest.c -Iinclude -o "$build/headertest.o"
if command -v g++ >/dev/null 2>&1; then
	g++ -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror -c tests/install/headertest.c -Iinclude -o "$build/headertest-cxx.o"
	cxx=" and as C++"
else
	cxx=" (g++ not installed: C++ check skipped)"
fi
# the man pages: groff finds no warning in them
if command -v groff >/dev/null 2>&1; then
	for m in "$stage/usr/local/share/man/man1/clauselint.1" "$stage/usr/local/share/man/man5/clauselint-packs.5"; do
		w=$(groff -man -ww -z "$m" 2>&1)
		[ -z "$w" ] || { echo "install: FAIL: groff warns about $m:"; echo "$w"; exit 1; }
	done
	man="; man pages pass groff -ww"
else
	man=" (groff not installed: man pages not linted)"
fi
# every option of --help is in the man page and the bash completion
for opt in $("$stage/usr/local/bin/clauselint" --help | grep -o -- '--[a-z-]*' | sort -u); do
	grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$stage/usr/local/share/man/man1/clauselint.1" ||
		{ echo "install: FAIL: $opt is not in clauselint.1"; exit 1; }
	case $opt in --colour | --) continue ;; esac
	grep -q -- "$opt" "$stage/usr/local/share/bash-completion/completions/clauselint" ||
		{ echo "install: FAIL: $opt is not in the bash completion"; exit 1; }
done
if command -v bash >/dev/null 2>&1; then
	got=$(PATH="$stage/usr/local/bin:$PATH" bash -c ". '$stage/usr/local/share/bash-completion/completions/clauselint'
		COMP_WORDS=(clauselint --fail-on w); COMP_CWORD=2; _clauselint; echo \"\${COMPREPLY[*]}\"")
	[ "$got" = warning ] || { echo "install: FAIL: bash completion of --fail-on w gave '$got'"; exit 1; }
fi
make --no-print-directory -s uninstall DESTDIR="$stage" BUILD="$build" >/dev/null
left=$(find "$stage" -type f | wc -l)
[ "$left" -eq 0 ] || { echo "install: FAIL: uninstall left $left files"; exit 1; }
echo "install: header compiles alone as C99$cxx; example built with pkg-config runs$man$pdf; completions work"
echo "install: 6 passed, 0 failed"
