#!/bin/sh
# seeds.sh OUT - writes a seed directory per fuzz target, OUT/<target>/,
# made from the team's samples (samples/, tests/cli/fixtures, the shipped
# packs): never from ../shared. For docx_xml and odt_xml the XML parts are
# taken out of the samples' containers and joined with the "--part--"
# separator the harnesses split on (zipwrap.h).
set -eu
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
for t in text markdown html rtf docx odt pdf docx_xml odt_xml pack segment check; do
	mkdir -p "$out/$t"
done
cp samples/*.txt tests/cli/fixtures/cp1252.txt tests/cli/fixtures/utf16le.txt "$out/text/"
cp samples/*.md "$out/markdown/"
cp samples/formats/*.html tests/cli/fixtures/hosting.html "$out/html/"
cp samples/formats/*.rtf "$out/rtf/"
cp samples/formats/*.docx tests/cli/fixtures/tracked-changes.docx "$out/docx/"
cp samples/formats/*.odt tests/cli/fixtures/hosting-tracked.odt "$out/odt/"
cp samples/formats/*.pdf tests/cli/fixtures/damaged.pdf "$out/pdf/"
cp clausepacks/*.xml tests/cli/fixtures/*pack*.xml "$out/pack/"
# segment: first byte odd = plain text, even = one block per line whose
# first two bytes give type and level
for f in samples/*.txt; do
	{ printf '1'; cat "$f"; } > "$out/segment/text-$(basename "$f")"
	{ printf '0'; sed 's/^[0-9][0-9.]* /A1&/; t; s/^/@0/' "$f"; } \
		> "$out/segment/blocks-$(basename "$f")"
done
# check: first byte & 3 = 0 text, 1 Markdown, 2 HTML
for f in samples/*.txt; do { printf '0'; cat "$f"; } > "$out/check/$(basename "$f")"; done
for f in samples/*.md; do { printf '1'; cat "$f"; } > "$out/check/$(basename "$f")"; done
for f in samples/formats/*.html; do { printf '2'; cat "$f"; } > "$out/check/$(basename "$f")"; done
python3 - "$out" samples/formats/*.docx tests/cli/fixtures/tracked-changes.docx \
	samples/formats/*.odt tests/cli/fixtures/hosting-tracked.odt <<'PY'
import os, sys, zipfile
out = sys.argv[1]
sep = b"\n--part--\n"
docx = ["word/document.xml", "word/numbering.xml", "word/styles.xml",
        "word/footnotes.xml", "word/comments.xml", "word/header1.xml"]
for path in sys.argv[2:]:
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    if path.endswith(".docx"):
        target, parts = "docx_xml", docx
    else:
        target, parts = "odt_xml", ["content.xml", "styles.xml"]
    body = sep.join(z.read(p) if p in names else b"" for p in parts)
    name = os.path.basename(path)
    with open(os.path.join(out, target, name + ".parts"), "wb") as f:
        f.write(body)
PY
