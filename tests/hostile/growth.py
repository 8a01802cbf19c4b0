#!/usr/bin/env python3
"""growth.py [--bin BIN] [--quick] [KIND...] - the amplification audit:
does any structure a hostile input can pile up make clauselint
super-linear?

For each kind of structure (DOCX paragraphs, numbering, tracked changes,
comments, tables, embedded objects; ODT lists, embedded objects; HTML,
RTF, Markdown, plain-text headings, definitions, cross-references; PDF
pages and lines; diff of revisions with many changed or moved clauses;
packs of many rules in each report format ...) an input is generated at
N and 4N structures (and 16N when the 4N run is cheap), run through BIN
(default build/clauselint; `check` with the default options, or `text`,
`outline` or `diff` where that is the stage under test, `check --format
json`, or a check with a pack of gen.py's own, or with a pack of N rules
beside the drafting pack), and its child CPU time
(getrusage(RUSAGE_CHILDREN), user + system) taken as the median of 3 runs.
The CPU time of an empty document (start-up, packs) is subtracted before
the growth ratio is formed.

Prints a table: kind, N, CPU at each size, growth ratio per 4x of the
two largest runs. Linear growth is 4, n log n about 4.5, quadratic 16; a
kind whose ratio exceeds 6 while its largest run takes at least 0.3 s
(below that it is noise) is flagged, and the exit status is then 1 -
unless the time goes to another project's code (UPSTREAM below: PDF
lines per page, inside poppler), which is shown as such and not failed.

This is a timing measurement, so it is not part of `make test`: run it
with `make growth`. The N of each kind is chosen so that the largest run
takes 0.5-3 s when the growth is linear. Stdlib only; the containers are
built with the generators of gen.py."""
import os, resource, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402  (gen.py runs nothing when imported)

FLAG_RATIO = 6.0
FLAG_MIN_CPU = 0.3
RUNS = 3

# Kinds whose growth is another project's, measured and shown but not
# failing the run: what our code cannot bound without the library's help.
UPSTREAM = {
    # 92 % of the CPU in libpoppler's TextPage::coalesce, which compares the
    # words of a page with each other; the module sees a page's text only
    # after poppler has built it (poppler_page_get_text), so pdf.c cannot
    # refuse such a page before the cost is paid
    "pdf-lines": "poppler: TextPage::coalesce is quadratic in the words of a page",
}

WORDS = (b"supplier client services charges invoice notice term party data "
         b"records audit liability warranty breach remedy fees schedule "
         b"milestone report deliverable acceptance change").split()


def tag(i):
    """A distinct lower-case word for i (a, b, ..., z, ba, bb, ...)."""
    w = b""
    while True:
        w = bytes([97 + i % 26]) + w
        i //= 26
        if not i:
            return b"q" + w


def sentence(i):
    """A contract sentence of its own for i."""
    a = WORDS[i % len(WORDS)]
    b = WORDS[(i * 7 + 3) % len(WORDS)]
    return (b"The Supplier shall deliver the " + a + b" " + tag(i) +
            b" to the Client and the Client shall review the " + b +
            b" within ten (10) days.")


# ---- DOCX -------------------------------------------------------------------

def wp(text, ppr=b""):
    return (b"<w:p>" + (b"<w:pPr>" + ppr + b"</w:pPr>" if ppr else b"") +
            b"<w:r><w:t>" + text + b"</w:t></w:r></w:p>")


def docx_paras(n):
    return gen.docx(gen.docx_xml(b"".join(wp(sentence(i)) for i in range(n))))


def docx_headings(n):
    styles = (b'<w:styles ' + gen.W + b'>' + b"".join(
        b'<w:style w:type="paragraph" w:styleId="Heading%d"><w:name '
        b'w:val="heading %d"/></w:style>' % (k, k) for k in range(1, 4)) +
        b'</w:styles>')
    body = b"".join(
        wp(b"Heading " + tag(i), b'<w:pStyle w:val="Heading%d"/>' % (1 + i % 3))
        + wp(sentence(i)) for i in range(n))
    return gen.docx(gen.docx_xml(body), [("word/styles.xml", styles)])


def docx_numbered(n):
    """n paragraphs numbered through n/4 numbering definitions over n/4
    abstract definitions of 9 levels each."""
    defs = max(1, n // 4)
    lvls = b"".join(b'<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt '
                    b'w:val="decimal"/><w:lvlText w:val="%s"/></w:lvl>'
                    % (k, b".".join(b"%%%d" % (j + 1) for j in range(k + 1)))
                    for k in range(9))
    numbering = (b'<w:numbering ' + gen.W + b'>' + b"".join(
        b'<w:abstractNum w:abstractNumId="%d">' % a + lvls + b'</w:abstractNum>'
        for a in range(defs)) + b"".join(
        b'<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
        % (a + 1, (a * 7) % defs) for a in range(defs)) + b'</w:numbering>')
    body = b"".join(wp(sentence(i), b'<w:numPr><w:ilvl w:val="%d"/><w:numId '
                       b'w:val="%d"/></w:numPr>' % (i % 9, 1 + (i * 13) % defs))
                    for i in range(n))
    return gen.docx(gen.docx_xml(body), [("word/numbering.xml", numbering)])


def docx_tracked(n):
    """n paragraphs, each with an insertion, a deletion and an insertion
    holding a deletion."""
    def p(i):
        return (b'<w:p><w:r><w:t xml:space="preserve">' + sentence(i) +
                b' </w:t></w:r><w:ins w:id="%d" w:author="A"><w:r><w:t>'
                b'added ' % (3 * i) + tag(i) + b' </w:t></w:r></w:ins>'
                b'<w:del w:id="%d" w:author="B"><w:r><w:delText>removed ' %
                (3 * i + 1) + tag(i) + b' </w:delText></w:r></w:del>'
                b'<w:ins w:id="%d" w:author="C"><w:del w:id="%d" w:author="D">'
                b'<w:r><w:delText>both</w:delText></w:r></w:del></w:ins></w:p>'
                % (3 * i + 2, 3 * i + 3 + 10 * n))
    return gen.docx(gen.docx_xml(b"".join(p(i) for i in range(n))))


def docx_comments(n):
    comments = (b'<w:comments ' + gen.W + b'>' + b"".join(
        b'<w:comment w:id="%d" w:author="R%d"><w:p><w:r><w:t>Comment ' % (i, i)
        + tag(i) + b' on this clause.</w:t></w:r></w:p></w:comment>'
        for i in range(n)) + b'</w:comments>')
    body = b"".join(
        b'<w:p><w:commentRangeStart w:id="%d"/><w:r><w:t>' % i + sentence(i) +
        b'</w:t></w:r><w:commentRangeEnd w:id="%d"/><w:r><w:commentReference '
        b'w:id="%d"/></w:r></w:p>' % (i, (i * 7919) % n) for i in range(n))
    return gen.docx(gen.docx_xml(body), [("word/comments.xml", comments)])


def docx_footnotes(n):
    notes = (b'<w:footnotes ' + gen.W + b'>' + b"".join(
        b'<w:footnote w:id="%d"><w:p><w:r><w:t>Note ' % (i + 1) + tag(i) +
        b' applies.</w:t></w:r></w:p></w:footnote>' for i in range(n)) +
        b'</w:footnotes>')
    body = b"".join(
        b'<w:p><w:r><w:t>' + sentence(i) + b'</w:t></w:r><w:r>'
        b'<w:footnoteReference w:id="%d"/></w:r></w:p>' % (1 + (i * 7919) % n)
        for i in range(n))
    return gen.docx(gen.docx_xml(body), [("word/footnotes.xml", notes)])


def docx_table(n):
    """One table of n rows of 4 cells."""
    rows = b"".join(b"<w:tr>" + b"".join(
        b"<w:tc>" + wp(tag(4 * i + c) + b" shall pay " + WORDS[c]) + b"</w:tc>"
        for c in range(4)) + b"</w:tr>" for i in range(n))
    return gen.docx(gen.docx_xml(b"<w:tbl>" + rows + b"</w:tbl>"))


def docx_nested_tables(n):
    """n cells, each holding a table of two cells holding a table."""
    inner = (b"<w:tbl><w:tr><w:tc>" + wp(b"inner one") + b"</w:tc><w:tc>" +
             wp(b"inner two") + b"</w:tc></w:tr></w:tbl>")
    cell = lambda i: (b"<w:tc>" + wp(sentence(i)) + b"<w:tbl><w:tr><w:tc>" +
                      inner + wp(b"x") + b"</w:tc><w:tc>" + wp(tag(i)) +
                      b"</w:tc></w:tr></w:tbl>" + wp(b"y") + b"</w:tc>")
    rows = b"".join(b"<w:tr>" + cell(i) + b"</w:tr>" for i in range(n))
    return gen.docx(gen.docx_xml(b"<w:tbl>" + rows + b"</w:tbl>"))


def docx_packages(n):
    """n embedded packages (at 16n 9,600, near the 10,000 relationships
    read) and 40n embedded objects, 40 a paragraph: half name a package
    whose part is missing, half an id no relationship has. Each object
    looks its id up among the packages."""
    r = (b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships"')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships">' + b"".join(
                b'<Relationship Id="rIdP%d" Type="http://schemas.openxmlformats'
                b'.org/officeDocument/2006/relationships/package" Target='
                b'"embeddings/w%d.xlsx"/>' % (i, i) for i in range(n)) +
            b'</Relationships>')
    def obj(k):
        rid = b"rIdP%d" % (k % n) if k % 2 else b"x%d" % k
        return b'<w:r><w:objectEmbed r:id="' + rid + b'"/></w:r>'
    body = b"".join(
        b"<w:p><w:r><w:t>" + sentence(i) + b"</w:t></w:r>" +
        b"".join(obj(40 * i + j) for j in range(40)) + b"</w:p>"
        for i in range(n))
    doc = gen.docx_xml(body).replace(b"<w:document ",
                                     b"<w:document " + r + b" ", 1)
    return gen.docx(doc, [("word/_rels/document.xml.rels", rels)])


# ---- ODT --------------------------------------------------------------------

def odt_paras(n):
    return gen.odt(gen.odt_xml(b"".join(b"<text:p>" + sentence(i) +
                                        b"</text:p>" for i in range(n))))


def odt_lists(n):
    """n list items, each holding a list nested three deep."""
    def item(i):
        s = b"<text:list-item><text:p>" + tag(i) + b" last</text:p></text:list-item>"
        for d in range(3):
            s = (b"<text:list-item><text:p>" + sentence(i + d) + b"</text:p>"
                 b"<text:list>" + s + b"</text:list></text:list-item>")
        return s
    return gen.odt(gen.odt_xml(b"<text:list>" + b"".join(item(i) for i in range(n))
                               + b"</text:list>"))


def odt_tracked(n):
    regions = b"".join(
        b'<text:changed-region text:id="c%d"><text:%s><office:change-info>'
        b'<dc:creator>A</dc:creator></office:change-info>%s</text:%s>'
        b'</text:changed-region>' % (
            i, b"deletion" if i % 2 else b"insertion",
            b"<text:p>gone " + tag(i) + b"</text:p>" if i % 2 else b"",
            b"deletion" if i % 2 else b"insertion") for i in range(n))
    body = b"".join(
        (b'<text:p>' + sentence(i) + b' <text:change text:change-id="c%d"/>'
         b'</text:p>' % i) if i % 2 else
        (b'<text:p>' + sentence(i) + b' <text:change-start text:change-id="c%d"/>'
         b'new ' % i + tag(i) + b'<text:change-end text:change-id="c%d"/></text:p>'
         % i) for i in range(n))
    content = gen.odt_xml(b'<text:tracked-changes>' + regions +
                          b'</text:tracked-changes>' + body)
    content = content.replace(b"<office:document-content ",
                              b'<office:document-content xmlns:dc="http://purl.'
                              b'org/dc/elements/1.1/" ', 1)
    return gen.odt(content)


def odt_comments(n):
    """n comments over ranges: all opened, then closed in reverse order."""
    def ann(i):
        return (b'<office:annotation office:name="n%d"><dc:creator>R</dc:creator>'
                b'<text:p>Comment ' % i + tag(i) + b'</text:p></office:annotation>')
    body = (b"".join(b"<text:p>" + ann(i) + sentence(i) + b"</text:p>"
                     for i in range(n)) +
            b"".join(b'<text:p>' + tag(i) + b'<office:annotation-end '
                     b'office:name="n%d"/></text:p>' % i
                     for i in reversed(range(n))))
    content = gen.odt_xml(body).replace(
        b"<office:document-content ",
        b'<office:document-content xmlns:dc="http://purl.org/dc/elements/1.1/" ',
        1)
    return gen.odt(content)


def odt_objects(n):
    """40n embedded objects (draw:object), each naming an entry the
    package does not hold, among n entries (at 16n 9,600, near the 10,000
    the ZIP reader takes): each object looks its content.xml up."""
    body = (b"<text:p>" + sentence(0) + b"".join(
        b'<draw:object xlink:href="./Object %d"/>' % i for i in range(40 * n))
        + b"</text:p>")
    content = gen.odt_xml(body).replace(
        b"<office:document-content ",
        b'<office:document-content xmlns:draw="urn:oasis:names:tc:'
        b'opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/'
        b'1999/xlink" ', 1)
    return gen.zip_bytes([("mimetype", gen.ODT_MIME), ("content.xml", content)]
                         + [("Pictures/%d.png" % i, b"") for i in range(n)])


# ---- HTML, RTF, Markdown ----------------------------------------------------

def html_elements(n):
    return (b"<html><body>" + b"".join(
        b"<div><p><b>" + tag(i) + b"</b> <i>" + sentence(i) + b"</i> <a href="
        b"\"#s%d\">see</a></p></div>" % i for i in range(n)) + b"</body></html>")


def html_tables(n):
    return (b"<html><body>" + b"".join(
        b"<table><tr><td>" + tag(i) + b"</td><td>" + sentence(i) +
        b"</td></tr><tr><td>x</td><td>y</td></tr></table>" for i in range(n)) +
        b"</body></html>")


def rtf_paras(n):
    return (b"{\\rtf1\\ansi " + b"".join(
        b"{\\b " + tag(i) + b"} {\\i " + sentence(i) + b"}\\par\n"
        for i in range(n)) + b"}")


def rtf_fields(n):
    return (b"{\\rtf1\\ansi " + b"".join(
        b"See {\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt " + tag(i) +
        b"}} and " + sentence(i) + b"{\\footnote note " + tag(i) + b"}\\par\n"
        for i in range(n)) + b"}")


def rtf_codepages(n):
    """n changes between two code pages that are not read, a byte read in
    each: noted once each (1.6 million \\ansicpg words made a note each:
    576 MB, 6.4 s); and n double-byte characters in each of two code
    pages read through iconv."""
    return (b"{\\rtf1\\ansi Fees.\\par " +
            b"\\ansicpg437\\'82\\ansicpg850\\'82" * n +
            b"\\ansicpg932\\'82\\'a0\\ansicpg949\\'b0\\'a1" * n + b"}")


def html_lists(n):
    """n list items, each holding a list nested four deep."""
    def item(i):
        s = b"<li>" + tag(i) + b"</li>"
        for d in range(4):
            s = b"<li>" + sentence(i + d) + b"<ol>" + s + b"</ol></li>"
        return s
    return (b"<html><body><ol>" + b"".join(item(i) for i in range(n)) +
            b"</ol></body></html>")


def rtf_tables(n):
    return (b"{\\rtf1\\ansi " + b"".join(
        b"\\trowd\\cellx2000\\cellx6000\\pard\\intbl " + tag(i) +
        b"\\cell " + sentence(i) + b"\\cell\\row\n" for i in range(n)) + b"}")


def md_tables(n):
    return (b"| Item | Term |\n|---|---|\n" + b"".join(
        b"| " + tag(i) + b" | " + sentence(i) + b" |\n" for i in range(n)))


def md_list(n):
    return b"".join(b"  " * (i % 4) + b"- " + sentence(i) + b"\n"
                    for i in range(n))


def md_headings(n):
    return b"".join(b"#" * (1 + i % 3) + b" Heading " + tag(i) + b"\n\n" +
                    sentence(i) + b"\n\n" for i in range(n))


def md_links(n):
    return b"".join(b"See [" + tag(i) + b"](#s%d) and [ref %d][r%d].\n\n" %
                    (i, i, i) for i in range(n)) + b"".join(
        b"[r%d]: http://x/%d\n" % (i, i) for i in range(n))


# ---- plain text -------------------------------------------------------------

def txt_headings(n):
    return b"".join(b"%d. %s\n\n" % (i + 1, tag(i).upper()) + sentence(i) +
                    b"\n\n" for i in range(n))


def txt_numbered(n):
    out = []
    for i in range(n):
        a, b, c = i // 100 + 1, (i // 10) % 10 + 1, i % 10 + 1
        out.append(b"%d.%d.%d " % (a, b, c) + sentence(i) + b"\n")
    return b"".join(out)


def term(i):
    return b"Service " + tag(i).capitalize()


def txt_definitions(n):
    return (b"1. DEFINITIONS\n\n" + b"".join(
        b'1.%d "' % (i + 1) + term(i) + b'" means the ' + WORDS[i % len(WORDS)] +
        b" described in Schedule %d.\n" % (i + 1) for i in range(n)))


def txt_xrefs(n):
    return b"".join(
        b"%d. " % (i + 1) + tag(i).upper() + b"\n\n" + sentence(i) +
        b" Subject to Section %d.%d and Clause %d, see paragraph (%s).\n\n"
        % ((i * 7) % n + 1, i % 5 + 1, (i * 13) % n + 1, tag(i)[1:])
        for i in range(n))


def txt_term_uses(n):
    k = 200
    defs = b"".join(b'"' + term(i) + b'" means the ' + WORDS[i % len(WORDS)] +
                    b".\n" for i in range(k))
    uses = b"".join(b"The Supplier shall provide the " + term(i % k) +
                    b" and the " + term((i * 7) % k) + b" promptly.\n"
                    for i in range(n))
    return b"1. DEFINITIONS\n\n" + defs + b"\n2. SERVICES\n\n" + uses


def txt_values(n):
    """n clauses, each with an amount, a period, a percentage and a date."""
    return b"".join(
        b"%d. " % (i + 1) + tag(i).upper() + b"\n\nThe Client shall pay "
        b"USD %d,%03d within %d days, with interest of %d.%d%% from %d "
        b"March 20%02d.\n\n" % (1 + i % 900, i % 1000, 1 + i % 90, i % 20,
                                 i % 10, 1 + i % 28, i % 100) for i in range(n))


def txt_findings(n):
    """n sentences, each of weak wording the packs flag."""
    return b"1. SERVICES\n\n" + b" ".join(
        b"The Supplier shall use reasonable efforts to deliver the " + tag(i) +
        b" as soon as possible and may, at its sole discretion, charge "
        b"additional fees as appropriate." for i in range(n)) + b"\n"


def txt_long_line(n):
    return b" ".join(sentence(i) for i in range(n)) + b"\n"


def txt_sentences(n):
    return b"1. SERVICES\n\n" + b" ".join(sentence(i) for i in range(n)) + b"\n"


# ---- PDF --------------------------------------------------------------------

def pdf_pages(n):
    return gen.pdf_pages([
        b"BT /F1 10 Tf 72 760 Td (Master Services Agreement) Tj ET "
        b"BT /F1 10 Tf 72 400 Td (" + sentence(i) + b") Tj ET "
        b"BT /F1 10 Tf 300 40 Td (Page %d) Tj ET" % (i + 1) for i in range(n)])


def pdf_lines(n):
    """One page of n lines (the page is as tall as the lines need)."""
    h = 12 * n + 100
    s = b"".join(b"BT /F1 10 Tf 72 %d Td (Clause %d " % (h - 50 - 12 * i, i + 1)
                 + tag(i) + b" shall apply) Tj ET\n" for i in range(n))
    return gen.pdf_pages([s]).replace(b"/MediaBox [0 0 612 792]",
                                      b"/MediaBox [0 0 612 %d]" % h)


# ---- packs of many rules ----------------------------------------------------

def pack_rules(n, kind=b"flag", fires=5):
    """A pack of n rules ("zq<i>zq" each) and a text where each fires
    `fires` times, with n/2 placeholders for the drafting pack, 20 words a
    paragraph: every report looks up the rule of each finding, and loading
    checks each new id against the others (each walked all the rules
    before c5aaa8ed and 6e7a68db: findings x rules)."""
    rules = b"".join(gen.flag_rule(b"r%d" % i, b"zq%dzq" % i, b"zq%dzq" % i)
                     for i in range(n))
    if kind != b"flag":
        rules = rules.replace(b'kind="flag"', b'kind="' + kind + b'"')
    words = [b"zq%dzq" % i for i in range(n)] * fires + [b"TBD"] * (n // 2 + 1)
    return gen.pack(rules), b"".join(b" ".join(words[j:j + 20]) + b"\n\n"
                                     for j in range(0, len(words), 20))


def pack_require_rules(n):
    """n required clauses, none of them in the text: each is reported
    missing (a diff walked every clause of both results for each)."""
    pack, _ = pack_rules(n, b"require", 0)
    return pack, b"".join(sentence(i) + b"\n\n" for i in range(64))


# ---- diff -------------------------------------------------------------------

def contract(n, f=lambda i: sentence(i), order=None):
    idx = order if order is not None else range(n)
    return b"".join(b"%d. CLAUSE " % (k + 1) + tag(i).upper() + b"\n\n" + f(i) +
                    b"\n\n" for k, i in enumerate(idx))


def diff_changed(n):
    old = contract(n)
    new = contract(n, lambda i: sentence(i).replace(b"ten (10)", b"five (5)")
                   if i % 2 else sentence(i))
    return old, new


def diff_moved(n):
    order = list(range(n))
    import random
    random.Random(4).shuffle(order)
    return contract(n), contract(n, order=order)


def diff_values(n):
    """n clauses whose amounts and periods all change."""
    old = txt_values(n)
    new = old.replace(b" days,", b" business days,").replace(b"USD ", b"EUR ")
    return old, new


def diff_words(n):
    """One paragraph of n sentences, every third word changed."""
    old = b"1. SERVICES\n\n" + b" ".join(sentence(i) for i in range(n)) + b"\n"
    words = old.split(b" ")
    new = b" ".join(w + b"x" if k % 3 == 0 else w for k, w in enumerate(words))
    return old, new


def num(k):
    """A two-level clause number for k (1.1 ... 1.99, 2.1 ...): a number
    of more than three digits does not start a section."""
    return b"%d.%d" % (k // 99 + 1, k % 99 + 1)


def diff_equal_bodies(n):
    """n sections with the same body, against themselves (pass 1 of the
    alignment once tried every paired section of the same hash)."""
    doc = b"".join(num(k) + b" Item\n\nThe same text here.\n\n"
                   for k in range(n))
    return doc, doc


def diff_bag_sizes(n):
    """Two sections of n words against n sections of one word: pairs
    whose sizes rule them out are not compared word by word."""
    big = b" ".join([b"alpha"] * n)
    old = b"1. ONE\n\n" + big + b"\n\n2. TWO\n\n" + big + b"\n"
    new = b"".join(num(k) + b" Item\n\n" + tag(k) + b"\n\n"
                   for k in range(n))
    return old, new


def diff_change_run(n):
    """One section of n words of 400 letters, a word inserted after each:
    the changes a word apart merge into one hunk, which was judged
    cosmetic or not again at every merge (quadratic up to the word diff's
    bound, some 1,300 changes a section)."""
    words = [(tag(k) * 100)[:400] for k in range(n)]
    old = b"1. SERVICES\n\n" + b" ".join(words) + b"\n"
    new = b"1. SERVICES\n\n" + b" ".join(w + b" q" for w in words) + b"\n"
    return old, new


# kind: (generator, file suffix, command, N)
KINDS = [
    ("docx-paragraphs", docx_paras, ".docx", "check", 6000),
    ("docx-headings", docx_headings, ".docx", "check", 3000),
    ("docx-numbered", docx_numbered, ".docx", "check", 6000),
    ("docx-tracked", docx_tracked, ".docx", "check", 4000),
    ("docx-tracked-diff", docx_tracked, ".docx", "diff", 2000),
    ("docx-comments", docx_comments, ".docx", "check", 4000),
    ("docx-comments-json", docx_comments, ".docx", "json", 4000),
    ("docx-footnotes", docx_footnotes, ".docx", "check", 4000),
    ("docx-table-rows", docx_table, ".docx", "check", 3000),
    ("docx-nested-tables", docx_nested_tables, ".docx", "check", 2000),
    ("docx-packages", docx_packages, ".docx", "check", 600),
    ("odt-paragraphs", odt_paras, ".odt", "check", 6000),
    ("odt-lists", odt_lists, ".odt", "check", 2000),
    ("odt-list-styles", gen.odt_list_styles, ".odt", "check", 2500),
    ("odt-sheet-styles", gen.odt_sheet_styles, ".odt", "text", 2500),
    ("odt-level-children", gen.odt_level_children, ".odt", "check", 1000),
    ("odt-comment-collisions", gen.odt_comment_collisions, ".odt", "check",
     2000),
    ("txt-caps-term-uses", gen.caps_term_uses, ".txt", "check", 12000),
    ("txt-unit-far", gen.unit_far, ".txt", "check", 40000),
    ("txt-near-token", gen.near_token, ".txt", "check", 32000),
    ("txt-threshold-sentence", gen.threshold_sentence, ".txt",
     gen.threshold_pack, 32000),
    ("odt-tracked", odt_tracked, ".odt", "check", 4000),
    ("odt-tracked-diff", odt_tracked, ".odt", "diff", 2000),
    ("odt-comments", odt_comments, ".odt", "check", 3000),
    ("odt-comments-json", odt_comments, ".odt", "json", 3000),
    ("odt-objects", odt_objects, ".odt", "check", 600),
    ("html-elements", html_elements, ".html", "check", 6000),
    ("html-tables", html_tables, ".html", "check", 4000),
    ("html-lists", html_lists, ".html", "check", 1500),
    ("rtf-tables", rtf_tables, ".rtf", "check", 4000),
    ("md-tables", md_tables, ".md", "check", 4000),
    ("rtf-paragraphs", rtf_paras, ".rtf", "check", 6000),
    ("rtf-fields", rtf_fields, ".rtf", "check", 4000),
    ("rtf-codepages", rtf_codepages, ".rtf", "check", 20000),
    ("md-list-items", md_list, ".md", "check", 6000),
    ("md-headings", md_headings, ".md", "check", 4000),
    ("md-links", md_links, ".md", "check", 8000),
    ("txt-headings", txt_headings, ".txt", "check", 4000),
    ("txt-headings-outline", txt_headings, ".txt", "outline", 8000),
    ("txt-numbered", txt_numbered, ".txt", "check", 6000),
    ("txt-definitions", txt_definitions, ".txt", "check", 4000),
    ("txt-xrefs", txt_xrefs, ".txt", "check", 4000),
    ("txt-term-uses", txt_term_uses, ".txt", "check", 6000),
    ("txt-values", txt_values, ".txt", "check", 3000),
    ("txt-findings", txt_findings, ".txt", "check", 2000),
    ("txt-long-line", txt_long_line, ".txt", "check", 6000),
    ("txt-sentences", txt_sentences, ".txt", "check", 6000),
    ("pdf-pages", pdf_pages, ".pdf", "text", 4000),
    ("pdf-lines", pdf_lines, ".pdf", "text", 6000),
    ("diff-changed", diff_changed, ".txt", "diff", 2000),
    ("diff-moved", diff_moved, ".txt", "diff", 2000),
    ("diff-values", diff_values, ".txt", "diff", 1500),
    ("diff-words", diff_words, ".txt", "diff", 1000),
    ("diff-equal-bodies", diff_equal_bodies, ".txt", "diff", 5000),
    ("diff-bag-sizes", diff_bag_sizes, ".txt", "diff", 5000),
    ("diff-change-run", diff_change_run, ".txt", "diff", 250),
    ("pack-rules-sarif", pack_rules, ".txt", "pack:sarif", 600),
    ("pack-rules-text", pack_rules, ".txt", "pack:text", 1000),
    ("pack-rules-junit", pack_rules, ".txt", "pack:junit", 1000),
    ("pack-require-diff", pack_require_rules, ".txt", "pack:diff", 1000),
]


def cpu_of(argv):
    """Child CPU seconds (user + system) of one run of argv."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):
        raise RuntimeError("%s: exit status %d: %s" % (
            " ".join(argv), r.returncode, r.stderr.decode(errors="replace")[:300]))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(argv):
    return sorted(cpu_of(argv) for _ in range(RUNS))[RUNS // 2]


def argv_for(binary, tmp, name, gen_fn, suffix, cmd, n):
    data = gen_fn(n)
    if cmd == "diff" and isinstance(data, tuple):
        files = []
        for side, d in zip(("old", "new"), data):
            path = os.path.join(tmp, "%s-%d-%s%s" % (name, n, side, suffix))
            with open(path, "wb") as fh:
                fh.write(d)
            files.append(path)
        return [binary, "diff"] + files
    if isinstance(cmd, str) and cmd.startswith("pack:"):
        # data is (pack, text): the pack beside the drafting pack; a diff
        # compares the text with itself, a check reports in the format named
        pack, path = (os.path.join(tmp, "%s-%d%s" % (name, n, x))
                      for x in (".xml", suffix))
        for p, d in zip((pack, path), data):
            with open(p, "wb") as fh:
                fh.write(d)
        packs = ["--no-default-packs", "--pack", pack, "--pack", "drafting"]
        if cmd == "pack:diff":
            return [binary, "diff"] + packs + [path, path]
        return [binary, "--format", cmd[5:], "--fail-on", "none"] + packs + [path]
    path = os.path.join(tmp, "%s-%d%s" % (name, n, suffix))
    with open(path, "wb") as fh:
        fh.write(data)
    if cmd == "json":
        return [binary, "--format", "json", path]
    if callable(cmd):  # check with only the pack cmd() makes
        pack = os.path.join(tmp, "%s.xml" % name)
        with open(pack, "wb") as fh:
            fh.write(cmd())
        return [binary, "--no-default-packs", "--pack", pack, path]
    return [binary, cmd, path]


def main():
    args = sys.argv[1:]
    binary = "build/clauselint"
    scale = 1.0
    if args[:1] == ["--bin"]:
        binary, args = args[1], args[2:]
    if args[:1] == ["--quick"]:
        scale, args = 0.25, args[1:]
    binary = os.path.abspath(binary)
    kinds = [k for k in KINDS if not args or k[0] in args]
    flagged, upstream = [], []
    with tempfile.TemporaryDirectory(prefix="clint-growth-") as tmp:
        empty = {}
        print("%-22s %6s %9s %9s %9s %7s" % ("kind", "N", "CPU N", "CPU 4N",
                                            "CPU 16N", "x/4x"))
        for name, fn, suffix, cmd, n in kinds:
            n = max(4, int(n * scale))
            key = (suffix, cmd)
            try:
                if key not in empty:
                    tiny = fn(1)
                    empty[key] = median_cpu(argv_for(binary, tmp, "empty",
                                                     lambda _m: tiny, suffix,
                                                     cmd, 1))
                times = []
                for m in (n, 4 * n, 16 * n):
                    if len(times) == 2 and times[-1] >= 0.4:
                        break
                    times.append(median_cpu(argv_for(binary, tmp, name, fn,
                                                     suffix, cmd, m)))
            except RuntimeError as e:
                print("%-22s %6d  could not run: %s" % (name, n, e))
                flagged.append(name)
                continue
            base = empty[key]
            a = max(times[-2] - base, 0.005)
            b = max(times[-1] - base, 0.005)
            ratio = b / a
            bad = ratio > FLAG_RATIO and times[-1] >= FLAG_MIN_CPU
            cells = ["%8.2fs" % t for t in times] + ["%9s" % "-"] * (3 - len(times))
            note = ""
            if bad:
                note = ("  super-linear, upstream (%s)" % UPSTREAM[name]
                        if name in UPSTREAM else "  SUPER-LINEAR")
            print("%-22s %6d %s %s %s %7.1f%s" % (name, n, cells[0], cells[1],
                                                 cells[2], ratio, note),
                  flush=True)
            if bad and name not in UPSTREAM:
                flagged.append(name)
            elif bad:
                upstream.append(name)
    if flagged:
        print("growth: super-linear or failing: " + ", ".join(flagged))
        return 1
    print("growth: every kind grows at most %.0fx per 4x%s" % (
        FLAG_RATIO, " but %s, in another project's code" % ", ".join(upstream)
        if upstream else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
