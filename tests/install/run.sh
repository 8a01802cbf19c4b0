#!/bin/sh
# run.sh BUILD - installs into a staging DESTDIR, builds examples/lint.c
# against the installed header, library and clauselint.pc, and runs it;
# then checks the header alone as C99 -pedantic and as C++.
set -eu
build=$1
stage=$(cd "$build" && pwd)/stage
rm -rf "$stage"
make --no-print-directory -s install DESTDIR="$stage" PREFIX=/usr BUILD="$build" >/dev/null
for f in usr/bin/clauselint usr/lib/libclauselint.a usr/lib/libclauselint.so \
	usr/include/clauselint.h usr/lib/pkgconfig/clauselint.pc \
	usr/share/clauselint/packs/outsourcing.xml usr/share/clauselint/packs/schema/pack.rng; do
	[ -e "$stage/$f" ] || { echo "install: FAIL: $f not installed"; exit 1; }
done
flags=$(PKG_CONFIG_PATH="$stage/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage" \
	pkg-config --cflags --libs clauselint)
${CC:-cc} examples/lint.c $flags -o "$build/lint-example"
LD_LIBRARY_PATH="$stage/usr/lib" "$build/lint-example" samples/sound-outsourcing-agreement.txt \
	| python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["summary"]["documents"] == 1 and d["summary"]["missing"] == 0, d["summary"]'
# the PDF module: installed, and found by the installed library beside it
if [ -e "$build/clauselint-pdf.so" ]; then
	[ -e "$stage/usr/lib/clauselint/clauselint-pdf.so" ] ||
		{ echo "install: FAIL: usr/lib/clauselint/clauselint-pdf.so not installed"; exit 1; }
	CLAUSELINT_PDF_MODULE= LD_LIBRARY_PATH="$stage/usr/lib" "$build/lint-example" \
		samples/formats/sound-outsourcing-agreement.pdf \
		| python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["summary"]["documents"] == 1 and d["summary"]["missing"] == 0, d["summary"]'
	pdf=" (a PDF too, through the installed PDF module)"
else
	pdf=" (no PDF module: built without poppler-glib)"
fi
${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -c tests/install/headertest.c -Iinclude -o "$build/headertest.o"
if command -v g++ >/dev/null 2>&1; then
	g++ -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror -c tests/install/headertest.c -Iinclude -o "$build/headertest-cxx.o"
	cxx=" and as C++"
else
	cxx=" (g++ not installed: C++ check skipped)"
fi
make --no-print-directory -s uninstall DESTDIR="$stage" PREFIX=/usr BUILD="$build" >/dev/null
left=$(find "$stage" -type f | wc -l)
[ "$left" -eq 0 ] || { echo "install: FAIL: uninstall left $left files"; exit 1; }
echo "install: header compiles alone as C99$cxx; example built with pkg-config runs$pdf"
echo "install: 3 passed, 0 failed"
