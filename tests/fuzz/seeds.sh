#!/bin/sh
# seeds.sh OUT - writes a seed directory per fuzz target, OUT/<target>/,
# made from the team's samples (samples/, tests/cli/fixtures, the shipped
# packs): never from ../shared. For docx_xml and odt_xml the XML parts are
# taken out of the samples' containers and joined with the "--part--"
# separator the harnesses split on (zipwrap.h). For diff, a flag byte (its
# low three bits the format, see fuzz_diff.c) then two revisions joined by
# a "--version--" line, or one document with tracked changes (a redline).
set -eu
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
for t in text markdown html rtf docx odt pdf pdf_layout pdf_wire docx_xml odt_xml xlsx pack config baseline segment check diff; do
	mkdir -p "$out/$t"
done
cp samples/*.txt tests/cli/fixtures/cp1252.txt tests/cli/fixtures/utf16le.txt "$out/text/"
cp samples/*.md "$out/markdown/"
cp samples/formats/*.html tests/cli/fixtures/hosting.html "$out/html/"
cp samples/formats/*.rtf "$out/rtf/"
# the double-byte code pages: the document's, a font's \cpg and \fcharset,
# a second byte written as itself and as a control symbol, a line end
# inside a character
printf '%s\n' '{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0 MS Mincho;}' \
	'{\f1\fcharset134 SimSun;}{\f2\cpg949 Batang;}{\f3\fcharset136 MingLiU;}}' \
	"\\f0 \\'8c\\'5f\\'96\\'f1 \\'83e\\'82\\'b1 \\'b1\\'95\\\\\\par {\\f1 \\'ba\\'cf" \
	"\\'cd\\'ac}{\\f2 \\'b0\\'e8\\'be\\'e0}{\\f3 \\'a6\\'58\\'ac\\'f9}" \
	"\\uc2\\u12354\\'82\\'a0\\par}" > "$out/rtf/double-byte.rtf"
cp samples/formats/*.docx tests/cli/fixtures/tracked-changes.docx "$out/docx/"
cp samples/formats/*.odt tests/cli/fixtures/hosting-tracked.odt "$out/odt/"
cp samples/formats/*.pdf tests/cli/fixtures/damaged.pdf "$out/pdf/"
cp clausepacks/*.xml tests/cli/fixtures/*pack*.xml "$out/pack/"
# baseline: the test baselines (good, malformed, a NUL byte), and one
# written by --write-baseline with paths holding spaces and a CR
cp tests/cli/fixtures/*.baseline "$out/baseline/"
printf '# clauselint baseline 1\n# FINGERPRINT COUNT RULE PATH (docs/baseline.md)\n0123456789abcdef 3 amb-efforts my docs/a.txt\n0123456789abcdef 1 amb-efforts my docs/a.txt\nfedcba9876543210 1000000000 clause-scope b.txt\r\n\n# note\n00000000000000ff 12 cost-then-current-rates c d/e.docx' > "$out/baseline/merged.baseline"
# two 8192-byte lines merged into one that prints a byte longer
long=$(printf '%08163d' 0)
printf '# clauselint baseline 1\n0123456789abcdef 999999999 r %s\n0123456789abcdef 1 r %s\nfedcba9876543210 2 q short.txt\n' "$long" "$long" > "$out/baseline/merged-long.baseline"
# config: the test projects' files, and one of every entry
for d in tests/cli/fixtures/*/; do
	[ -f "$d.clauselint.xml" ] && cp "$d.clauselint.xml" "$out/config/$(basename "$d").xml"
done
cat > "$out/config/every-entry.xml" <<'EOF'
<?xml version="1.0"?>
<clauselint format="1" default-packs="no">
  <pack name="ambiguity"/>
  <pack name="hidden-costs"/>
  <pack file="packs/house.xml"/>
  <pack name="gdpr-art28"/>
  <disable-pack name="drafting"/>
  <enable rule="amb-vague-quality"/>
  <disable rule="cost-then-current-rates"/>
  <severity rule="amb-vague-time" level="error"/>
  <include glob="*.docx"/>
  <exclude glob="drafts/*"/>
</clauselint>
EOF
# segment: first byte odd = plain text, even = one block per line whose
# first two bytes give type and level
for f in samples/*.txt; do
	{ printf '1'; cat "$f"; } > "$out/segment/text-$(basename "$f")"
	{ printf '0'; sed 's/^[0-9][0-9.]* /A1&/; t; s/^/@0/' "$f"; } \
		> "$out/segment/blocks-$(basename "$f")"
done
# check: first byte & 3 = 0 text, 1 Markdown, 2 HTML; & 8: timed out
for f in samples/*.txt; do { printf '0'; cat "$f"; } > "$out/check/$(basename "$f")"; done
for f in samples/*.md; do { printf '1'; cat "$f"; } > "$out/check/$(basename "$f")"; done
for f in samples/formats/*.html; do { printf '2'; cat "$f"; } > "$out/check/$(basename "$f")"; done
# bit 3: a CPU-time limit over before the first rule (text)
{ printf '8'; cat samples/weak-draft-outsourcing.txt; } > "$out/check/timed-out.txt"
# diff: flag byte, OLD, "--version--" line, NEW (flags in fuzz_diff.c).
# Each side is a window of some 50 lines (3-5 KB) of a sample revision,
# where the revisions differ: a run costs in proportion to the two texts,
# and whole contracts made the diff target ten times slower without
# reaching more of the diff.
rev=samples/revisions
pair() { # pair OUT FLAG OLD NEW [FIRST LAST]: lines FIRST..LAST (40..90)
	{ printf "$2"; sed -n "${5:-40},${6:-90}p" "$3"; printf '\n--version--\n'
	  sed -n "${5:-40},${6:-90}p" "$4"; } > "$out/diff/$1"
}
pair weak-v1-v2.txt '\000' $rev/weak-v1.txt $rev/weak-v2.txt
pair weak-v2-v3.txt '\010' $rev/weak-v2.txt $rev/weak-v3.txt
pair sound-v1-v2.txt '\100' $rev/sound-v1.txt $rev/sound-v2.txt 55 100
pair weak-renumbered.txt '\020' samples/weak-draft-outsourcing.txt \
	tests/cli/fixtures/weak-draft-renumbered.txt
pair weak-v2-v3-coarse.txt '\040' $rev/weak-v2.txt $rev/weak-v3.txt
# bit 7: checked with every default pack (the others: two packs)
pair weak-v1-v2-allpacks.txt '\200' $rev/weak-v1.txt $rev/weak-v2.txt
pair sound-v1-v2-allpacks.txt '\210' $rev/sound-v1.txt $rev/sound-v2.txt 55 100
pair weak-v1-v2.md '\001' $rev/weak-v1.md $rev/weak-v2.md
# HTML: the start of the body (the style sheet in the head is long)
pair weak-sound.html '\002' samples/formats/weak-draft-outsourcing.html \
	samples/formats/sound-outsourcing-agreement.html 158 200
# RTF: the header, then paragraphs 20 to 40
rtf_window() { sed -n '1,4p; 20,40p' "$1"; }
{ printf '\003'; rtf_window samples/formats/sound-outsourcing-agreement.rtf
  printf '\n--version--\n'; rtf_window samples/formats/weak-draft-outsourcing.rtf; } \
	> "$out/diff/sound-weak.rtf"
# an RTF redline: the weak sample with one deletion and one insertion
{ printf '\003'; rtf_window samples/formats/weak-draft-outsourcing.rtf |
	sed 's/then-current rates\./{\\deleted then-current rates.}{\\revised rates in Part B of Schedule 3.}/'; } \
	> "$out/diff/redline-weak.rtf"
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
    # the document part alone: the styles parts are most of the bytes
    # (ODT styles.xml 56 KB), and every run costs in proportion to them
    with open(os.path.join(out, target, name + ".main.parts"), "wb") as f:
        f.write(z.read(parts[0]))
PY
# Office Math (no sample has any): every object the extractor writes
# characters for, and a fraction and a delimiter tracked as a whole
cat > "$out/docx_xml/math.parts" <<'EOF'
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><w:body>
<w:p><w:r><w:t>Credit </w:t></w:r><m:oMath><m:r><m:t>C=</m:t></m:r><m:f><m:fPr><m:type m:val="bar"/></m:fPr><m:num><m:r><m:t>T-A</m:t></m:r></m:num><m:den><m:r><m:t>T</m:t></m:r></m:den></m:f><m:sSup><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup><m:sSub><m:e><m:r><m:t>y</m:t></m:r></m:e><m:sub><m:r><m:t>i</m:t></m:r></m:sub></m:sSub></m:oMath></w:p>
<w:p><m:oMathPara><m:oMath><m:nary><m:naryPr><m:chr m:val="&#x2211;"/></m:naryPr><m:sub><m:r><m:t>i=1</m:t></m:r></m:sub><m:sup><m:r><m:t>n</m:t></m:r></m:sup><m:e><m:r><m:t>f</m:t></m:r></m:e></m:nary><m:d><m:dPr><m:begChr m:val="["/><m:sepChr m:val=";"/><m:endChr m:val="]"/></m:dPr><m:e><m:r><m:t>a</m:t></m:r></m:e><m:e><m:r><m:t>b</m:t></m:r></m:e></m:d><m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e><m:r><m:t>4</m:t></m:r></m:e></m:rad><m:func><m:fName><m:r><m:t>sin</m:t></m:r></m:fName><m:e><m:r><m:t>x</m:t></m:r></m:e></m:func><m:limUpp><m:e><m:r><m:t>x</m:t></m:r></m:e><m:lim><m:r><m:t>k</m:t></m:r></m:lim></m:limUpp><m:limLow><m:e><m:r><m:t>lim</m:t></m:r></m:e><m:lim><m:r><m:t>n</m:t></m:r></m:lim></m:limLow><m:eqArr><m:e><m:r><m:t>a=b</m:t></m:r></m:e><m:e><m:r><m:t>c=d</m:t></m:r></m:e></m:eqArr><m:m><m:mr><m:e><m:r><m:t>1</m:t></m:r></m:e><m:e><m:r><m:t>2</m:t></m:r></m:e></m:mr></m:m></m:oMath></m:oMathPara></w:p>
<w:p><m:oMath><m:f><m:fPr><m:ctrlPr><w:del w:id="1" w:author="A"><w:rPr><w:i/></w:rPr></w:del></m:ctrlPr></m:fPr><m:num><w:del w:id="2" w:author="A"><m:r><m:t>a</m:t></m:r></w:del></m:num><m:den><w:del w:id="3" w:author="A"><m:r><m:t>b</m:t></m:r></w:del></m:den></m:f><m:d><m:dPr><m:ctrlPr><w:ins w:id="4" w:author="A"/></m:ctrlPr></m:dPr><m:e><w:ins w:id="5" w:author="A"><m:r><m:t>p</m:t></m:r></w:ins></m:e></m:d></m:oMath></w:p>
</w:body></w:document>
EOF
# An ODT formula (an object of its own: content.xml, styles.xml and
# "Object 1/content.xml", fuzz_odt_xml.c): every MathML element the
# extractor writes characters for, and an object that is not a formula
{ cat <<'EOF'
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>
<text:p>The credit is <draw:frame text:anchor-type="as-char"><draw:object xlink:href="./Object 1" xlink:type="simple"/></draw:frame> where F is the fee.</text:p>
<text:p><draw:frame><draw:object xlink:href="./Object 2/"/></draw:frame><draw:frame><draw:object-ole xlink:href="./Obj3"/></draw:frame></text:p>
</office:text></office:body></office:document-content>
EOF
printf '\n--part--\n<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>\n--part--\n'
cat <<'EOF'
<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi>C</mi><mo>=</mo><mfrac><mrow><mi>T</mi><mo>-</mo><mi>A</mi></mrow><mi>T</mi></mfrac><mo>&#xD7;</mo><mi>F</mi><munderover><mo>&#x2211;</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup><msqrt><mi>y</mi></msqrt><mroot><mi>x</mi><mn>3</mn></mroot><mi>sin</mi><mo>&#x2061;</mo><mi>x</mi><mfenced open="[" close="]" separators=";,"><mi>p</mi><mi>q</mi><mi>r</mi></mfenced><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr></mtable><mover><mi>x</mi><mo>&#xAF;</mo></mover><munder><mi>lim</mi><mi>n</mi></munder><mspace/><mphantom><mi>h</mi></mphantom></mrow><annotation encoding="StarMath 5.0">C = {T - A} over T times F</annotation></semantics></math>
EOF
} > "$out/odt_xml/formula.parts"
# An embedded spreadsheet (a price table), its cells read where it is
# shown, in a list item; an object in a cell is not read
{ cat <<'EOF'
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>
<text:list><text:list-item><text:p>Prices: <draw:frame text:anchor-type="as-char"><draw:object xlink:href="./Object 1"/></draw:frame> apply.</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>
EOF
printf '\n--part--\n<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>\n--part--\n'
cat <<'EOF'
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:spreadsheet><table:table table:name="Fees"><table:table-row><table:table-cell><text:p>Hosting</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1500"><text:p>1,500.00 <draw:frame><draw:object xlink:href="./Object 1"/></draw:frame></text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
EOF
} > "$out/odt_xml/sheet.parts"
# An Excel workbook embedded in a DOCX (no sample has one): a ZIP in the
# ZIP, its active sheet's cells read where the object is shown
python3 - "$out/docx/embedded-workbook.docx" <<'PY'
import io, sys, zipfile
SML = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
book = io.BytesIO()
with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", '<workbook %s><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="Fees" sheetId="1" r:id="rId1"/></sheets></workbook>' % SML)
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % REL)
    z.writestr("xl/sharedStrings.xml", '<sst %s><si><t>Hosting</t></si><si><r><t>Monthly </t></r><r><t>fee</t></r><rPh><t>x</t></rPh></si></sst>' % SML)
    z.writestr("xl/worksheets/sheet1.xml", '<worksheet %s><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row><row r="2"><c t="inlineStr"><is><t>Fee</t></is></c><c><v>1500.5</v></c><c t="b"><v>1</v></c><c t="str"><f>A1</f><v>due</v></c></row></sheetData></worksheet>' % SML)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
doc = ('<w:document xmlns:w="%s" xmlns:r="%s" xmlns:o="urn:schemas-microsoft-com:office:office"><w:body>'
       '<w:p><w:r><w:t xml:space="preserve">Prices: </w:t></w:r><w:r><w:object><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId5"/></w:object></w:r><w:r><w:t>apply.</w:t></w:r></w:p>'
       '</w:body></w:document>') % (W, REL)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/></Types>')
    z.writestr("word/document.xml", doc)
    z.writestr("word/_rels/document.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="%s/package" Target="embeddings/Microsoft_Excel_Worksheet.xlsx"/></Relationships>' % REL)
    z.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", book.getvalue())
PY
# Workbooks for the xlsx target (fuzz_xlsx.c): workbook, relationships,
# shared strings, styles, sheet. A price table in the number formats
# contracts use (currency, thousands, percent, dates, times, sections,
# scientific, literals between digits), a hidden row and column, the
# range Word shows (oleSize); then a
# 1904 workbook whose styles part the relationships name, conditions and
# fractions (read as General) and an inline string.
SML='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RELS='<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
REL='http://schemas.openxmlformats.org/officeDocument/2006/relationships'
{ printf '<workbook %s><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="Fees" sheetId="1" r:id="rId1"/></sheets><oleSize ref="A1:L4"/></workbook>' "$SML"
  printf '\n--part--\n%s<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' "$RELS" "$REL" "$REL"
  printf '\n--part--\n<sst %s><si><t>Service</t></si><si><t>Monthly fee</t></si><si><r><t>Service </t></r><r><t>credit</t></r></si></sst>' "$SML"
  printf '\n--part--\n<styleSheet %s><numFmts><numFmt numFmtId="164" formatCode="&quot;EUR &quot;#,##0.00;[Red]\\(&quot;EUR &quot;#,##0.00\\)"/><numFmt numFmtId="165" formatCode="dddd, mmmm d, yyyy"/><numFmt numFmtId="166" formatCode="[h]:mm:ss.00"/><numFmt numFmtId="167" formatCode="#,##0,,&quot; M&quot;;-0;&quot;nil&quot;"/><numFmt numFmtId="168" formatCode="000-00-0000"/><numFmt numFmtId="169" formatCode="[$\342\202\254-407] #,##0.00_)"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="169"/><xf numFmtId="9"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="11"/><xf numFmtId="48"/><xf numFmtId="44"/><xf numFmtId="18"/></cellXfs></styleSheet>' "$SML"
  printf '\n--part--\n<worksheet %s><cols><col min="4" max="4" hidden="1"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1"><v>7</v></c></row><row r="2"><c r="A2" s="1"><v>-1500.5</v></c><c r="B2" s="2"><v>45292</v></c><c r="C2" s="3"><v>1.25</v></c><c r="E2" s="4"><v>0</v></c></row><row r="3" hidden="1"><c r="A3"><v>1</v></c></row><row r="4"><c s="5"><v>123456789</v></c><c s="6"><v>99.995</v></c><c s="7"><v>0.05</v></c><c s="8"><v>60</v></c><c s="9"><v>45292.75</v></c><c s="10"><v>0.00012</v></c><c s="11"><v>12345</v></c><c s="12"><v>0</v></c><c s="13"><v>0.5</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="str"><f>A1</f><v>Service</v></c></row></sheetData></worksheet>' "$SML"
} > "$out/xlsx/price-table.parts"
{ printf '<workbook %s><workbookPr date1904="1"/><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>' "$SML"
  printf '\n--part--\n%s<Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/></Relationships>' "$RELS" "$REL"
  printf '\n--part--\n'
  printf '\n--part--\n<styleSheet %s><numFmts><numFmt numFmtId="170" formatCode="[&gt;=1000]#,##0;0.0"/><numFmt numFmtId="171" formatCode="# ?/?"/><numFmt numFmtId="172" formatCode="m/d/yy h:mm AM/PM"/></numFmts><cellXfs><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="172"/></cellXfs></styleSheet>' "$SML"
  printf '\n--part--\n<worksheet %s><sheetData><row><c s="0"><v>2500</v></c><c s="1"><v>1.5</v></c><c s="2"><v>43830.5</v></c><c t="inlineStr"><is><t>Total</t></is></c></row></sheetData></worksheet>' "$SML"
} > "$out/xlsx/date1904.parts"
# MathML in a web page (pandoc --mathml; no sample has any), read by the
# same code as the ODT formula, with HTML's own tree (no namespaces)
cat > "$out/html/formula.html" <<'EOF'
<html><body><p>The Service Credit is <math display="inline" xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>C</mi><mo>=</mo><mfrac><mrow><mi>T</mi><mo>&minus;</mo><mi>A</mi></mrow><mi>T</mi></mfrac><mo>&times;</mo><mi>F</mi></mrow><annotation encoding="application/x-tex">C=\frac{T-A}{T}\times F</annotation></semantics></math> where <m:math xmlns:m="http://www.w3.org/1998/Math/MathML"><m:msubsup><m:mo>&sum;</m:mo><m:mn>1</m:mn><m:mi>n</m:mi></m:msubsup></m:math> and <MATH><mmultiscripts><mi>R</mi><mi>i</mi><none/><mprescripts/><mi>k</mi><none/></mmultiscripts><maction selection="2"><mi>a</mi><mi>b</mi></maction><mtable><mlabeledtr><mtd><mtext>(1)</mtext></mtd><mtd><mi>x</mi></mtd></mlabeledtr></mtable><mroot><mi>y</mi><mn>3</mn></mroot><mfenced separators=";"><mi>p</mi><mi>q</mi></mfenced></MATH>.</p></body></html>
EOF
python3 - "$out" $rev/weak-v2-tracked.docx tests/cli/fixtures/tracked-changes.docx \
	tests/cli/fixtures/hosting-tracked.odt $rev/weak-v1.docx $rev/weak-v2.docx \
	tests/cli/fixtures/notes-v1.docx tests/cli/fixtures/notes-v2.docx <<'PY'
import os, sys, zipfile
# the redlines' document part alone (styles and numbering are large, and
# the docx_xml and odt_xml targets' business), and one pair of whole DOCX
# revisions with their numbering and styles (numbered clauses)
out = sys.argv[1]
tracked, fixture, odt, v1, v2, n1, n2 = sys.argv[2:]
def part(path, name):
    return zipfile.ZipFile(path).read(name)
# the body, its footnotes and its header (the notes after the body: an
# alignment unit of their own); fuzz_diff.c's parts, empty ones left out
def with_notes(path):
    return b"\n--part--\n".join([part(path, "word/document.xml"), b"", b"",
                                  part(path, "word/footnotes.xml"), b"",
                                  part(path, "word/header1.xml")])
def parts(path):
    return b"\n--part--\n".join(part(path, "word/" + p) for p in
                                ("document.xml", "numbering.xml", "styles.xml"))
seeds = {
    "weak-v1-v2.docx": b"\004" + parts(v1) + b"\n--version--\n" + parts(v2),
    "redline-weak-v2.docx": b"\004" + part(tracked, "word/document.xml"),
    "redline-fixture.docx": b"\014" + part(fixture, "word/document.xml"),
    "redline-hosting.odt": b"\005" + part(odt, "content.xml"),
    "notes-v1-v2.docx": b"\004" + with_notes(n1) + b"\n--version--\n" +
                        with_notes(n2),
}
for name, body in seeds.items():
    with open(os.path.join(out, "diff", name), "wb") as f:
        f.write(body)
PY
# pdf_layout: flag byte 0, the first three pages of each sample (45 lines
# a page: whole contracts made every run cost the analysis of 30 KB) with a
# running header and a page number, NUL, three geometry bytes per line
# (indent, gap, height in sixteenths): a clause number indented, a blank
# line a wider gap (fuzz_pdf_layout.c); the same text without boxes; and
# 40 short pages, where running heads are most of the text
python3 - "$out/pdf_layout" samples/*.txt <<'PY'
import os, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[:135]
    pages, geo = [], bytearray()
    for p in range(0, len(lines), 45):
        body = ["Outsourcing Agreement"] + lines[p:p + 45] + ["Page %d" % (p // 45 + 1)]
        pages.append("\n".join(body) + "\n")
        for l in body:
            geo += bytes([90 if l[:1].isdigit() else 72, 14 if l.strip() else 28, 192])
    text = "\f".join(pages).encode()
    name = os.path.basename(path)
    with open(os.path.join(out, name), "wb") as f:
        f.write(b"\0" + text + b"\0" + bytes(geo))
    with open(os.path.join(out, "nobox-" + name), "wb") as f:
        f.write(b"\0" + text)
short = "\f".join("Outsourcing Agreement\n%d. Clause %d applies.\n- %d -\n" % (i, i, i)
                   for i in range(1, 41))
with open(os.path.join(out, "short-pages"), "wb") as f:
    f.write(b"\0" + short.encode() + b"\0" + bytes([72, 14, 192, 90, 40, 160, 44, 90, 120]))
PY
# pdf_wire: what the PDF helper writes (pdfmod.h, in this machine's byte
# order): the first two pages of 45 lines of each sample, each character
# with a box (12 points a line, 6 a character) and an ink flag (every
# fifth line unseen), and the same without boxes (not drawn)
python3 - "$out/pdf_wire" samples/*.txt <<'PY'
import os, struct, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[:90]
    for boxes in (True, False):
        pages = []
        for p in range(0, len(lines), 45):
            text = "\n".join(lines[p:p + 45]) + "\n"
            body = text.encode()
            rects = b""
            ink = b""
            if boxes:
                y, x, line = 72.0, 72.0, 0
                for ch in text:
                    rects += struct.pack("=4d", x, y, x + 6, y + 10)
                    ink += b"\0" if line % 5 == 4 else b"\1"
                    x += 6
                    if ch == "\n":
                        y, x, line = y + 12, 72.0, line + 1
            n = len(text) if boxes else 0
            pages.append(struct.pack("=iQ", 0, len(body)) + body +
                         struct.pack("=Q", n) + rects +
                         struct.pack("=i", 1 if boxes else 0) + ink)
        name = ("" if boxes else "nobox-") + os.path.basename(path)
        with open(os.path.join(out, name), "wb") as f:
            f.write(b"CLINTPDF" + struct.pack("=Iii", 2, 0, len(pages)) +
                    b"".join(pages))
PY
