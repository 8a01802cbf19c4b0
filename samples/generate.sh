#!/bin/sh
# generate.sh - writes the weak and sound samples in every format clauselint
# reads, from the team's own Markdown text: samples/formats/NAME.{docx,odt,
# html,rtf,pdf}. Needs pandoc (Debian package pandoc) and python3; the PDF is
# written by tests/cli/fixtures/make-pdf.py (no LaTeX needed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/formats
mkdir -p "$out"
for name in weak-draft-outsourcing sound-outsourcing-agreement; do
	md=$here/$name.md
	for ext in docx odt html rtf; do
		pandoc -s "$md" -o "$out/$name.$ext"
	done
	python3 "$here/../tests/cli/fixtures/make-pdf.py" "$here/$name.txt" "$out/$name.pdf"
done
# a contract whose clause numbers are Word auto-numbering (pandoc writes
# Markdown ordered lists as w:numPr lists with numbering.xml)
pandoc "$here/auto-numbered-hosting.md" -o "$out/auto-numbered-hosting.docx"
echo "generated: $(ls "$out" | wc -l) files in samples/formats"
