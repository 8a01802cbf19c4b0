#!/bin/sh
# generate.sh - writes the revisions of the weak and sound samples
# (samples/revisions/*.txt, *.md) with make-revisions.py, then the DOCX of
# each with pandoc, and weak-v2-tracked.docx: weak v2 as Word tracked
# changes against v1 (a redline). Needs python3 and pandoc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/make-revisions.py"
for md in "$here"/*.md; do
	name=$(basename "$md" .md)
	[ "$name" = README ] && continue
	pandoc -f markdown+hard_line_breaks-auto_identifiers "$md" -o "$here/$name.docx"
done
rm -f "$here"/*.md.tmp
echo "generated: $(ls "$here"/*.txt | wc -l) texts, $(ls "$here"/*.docx | wc -l) DOCX in samples/revisions"
