#!/usr/bin/env python3
"""gen.py OUTDIR - writes the hostile inputs of tests/hostile/cases into
OUTDIR. Everything is made here from our own words (no file is copied from
anywhere); the run is deterministic (fixed random seed). The small files
are also committed in tests/hostile/files (gen.py --small DIR writes only
those); the big ones (zip bombs, 100 MB of text, a million lines, ...) are
made at test time."""
import io, os, random, socket, sys, zipfile, zlib

SMALL_MAX = 16 * 1024

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODT_NS = (b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
ODT_MIME = b"application/vnd.oasis.opendocument.text"
PARA = (b"The Supplier shall provide the Services with reasonable skill and "
        b"care and the Client shall pay the Charges within thirty (30) days.")


FIFO = object()  # a file made as a named pipe (mkfifo), not written
SOCKET = object()  # a file made as a Unix socket (bound, then closed)


def docx_xml(body):
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document ' + W + b'><w:body>' + body + b'</w:body></w:document>')


def wpara(text):
    return b'<w:p><w:r><w:t>' + text + b'</w:t></w:r></w:p>'


def odt_xml(body):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            + ODT_NS + b'><office:body><office:text>' + body +
            b'</office:text></office:body></office:document-content>')


def zip_bytes(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            if name == "mimetype":
                z.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_STORED)
            else:
                z.writestr(name, data)
    return buf.getvalue()


def docx(document, extra=()):
    return zip_bytes([("[Content_Types].xml", b'<Types/>'),
                      ("word/document.xml", document)] + list(extra))


def odt(content):
    return zip_bytes([("mimetype", ODT_MIME), ("content.xml", content)])


# ---- ODT lookups that went as the square (also kinds of growth.py) ----

ODT_STYLE_NS = (ODT_NS + b' xmlns:style="urn:oasis:names:tc:opendocument:'
                b'xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument'
                b':xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument'
                b':xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"')


def odt_styled(styles, body, extra=()):
    return odt_entries([("content.xml",
                         b'<?xml version="1.0" encoding="UTF-8"?>\n'
                         b'<office:document-content ' + ODT_STYLE_NS +
                         b'><office:automatic-styles>' + styles +
                         b'</office:automatic-styles><office:body><office:text>'
                         + body + b'</office:text></office:body>'
                         b'</office:document-content>')] + list(extra))


def odt_entries(entries):
    return zip_bytes([("mimetype", ODT_MIME)] + entries)


def odt_list_styles(n):
    """n lists, each of its own list style, among n: each list looked its
    style up through all of them."""
    return odt_styled(
        b"".join(b'<text:list-style style:name="L%d"><text:list-level-style-'
                 b'number text:level="1" style:num-format="1"/></text:list-style>'
                 % i for i in range(n)),
        b"".join(b'<text:list text:style-name="L%d"><text:list-item><text:p>'
                 b'Item %d.</text:p></text:list-item></text:list>' % (n - 1 - i, i)
                 for i in range(n)))


def odt_sheet_styles(n):
    """An embedded sheet of n tables among n automatic styles: each table
    looked its style up through all of them."""
    obj = (b'<?xml version="1.0"?><office:document-content ' + ODT_STYLE_NS +
           b'><office:automatic-styles>' +
           b"".join(b'<style:style style:name="s%d" style:family="table"/>' % i
                    for i in range(n)) +
           b'</office:automatic-styles><office:body><office:spreadsheet>' +
           b"".join(b'<table:table table:style-name="t%d"><table:table-row>'
                    b'<table:table-cell><text:p>fee %d</text:p></table:table-cell>'
                    b'</table:table-row></table:table>' % (i, i) for i in range(n)) +
           b'</office:spreadsheet></office:body></office:document-content>')
    return odt_styled(b"", b'<text:p>The Client shall pay the fees.<draw:frame>'
                      b'<draw:object xlink:href="./Object 1"/></draw:frame>'
                      b'</text:p>', [("Object 1/content.xml", obj)])


def odt_level_children(n):
    """A list style of n children before its level 1, and a list of n
    items: each item looked its level up through all of them."""
    return odt_styled(
        b'<text:list-style style:name="L">' +
        b'<text:list-level-style-number text:level="9"/>' * n +
        b'<text:list-level-style-number text:level="1" style:num-format="1"/>'
        b'</text:list-style>',
        b'<text:list text:style-name="L">' +
        b"".join(b'<text:list-item><text:p>Item %d.</text:p></text:list-item>' % i
                 for i in range(n)) + b'</text:list>')


def fnv_colliding_names(prefix, bits, n, seed=1):
    """n names whose 32-bit FNV-1a hashes agree in their low `bits` bits:
    for each bit of the index a pair of 4-letter blocks that collide from
    the state before them (a birthday search), one of the pair chosen."""
    prime, mask = 16777619, (1 << bits) - 1
    state = 2166136261 & mask
    for c in prefix:
        state = ((state ^ c) * prime) & mask
    rnd, pairs = random.Random(seed), []
    for _ in range(max(1, (n - 1).bit_length())):
        seen = {}
        while True:
            block = bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz")
                          for _ in range(4))
            t = state
            for c in block:
                t = ((t ^ c) * prime) & mask
            if t in seen and seen[t] != block:
                pairs.append((seen[t], block))
                state = t
                break
            seen[t] = block
    return [prefix + b"".join(p[(i >> j) & 1] for j, p in enumerate(pairs))
            for i in range(n)]


def odt_comment_collisions(n):
    """n comment ranges whose names collide in the hash their table used."""
    return odt_entries([("content.xml", odt_xml(b"".join(
        b'<text:p><office:annotation office:name="' + name + b'"><text:p>c'
        b'</text:p></office:annotation>Item %d.<office:annotation-end '
        b'office:name="' % i + name + b'"/></text:p>'
        for i, name in enumerate(fnv_colliding_names(b"n", 24, n)))))])


def caps_term_uses(n):
    """An all-caps defined term whose first letter never occurs in lower
    case, and n candidates that are not uses: each looked for the lower
    case to the end of the text."""
    return (b'1. Definitions\n\n"ZAP" means the thing.\n\n2. Payment\n\n' +
            b"The Supplier shall pay 1ZAP. " * n + b"\n")


def unit_far(n):
    """n lines that each start a window of the pricing and revenue
    patterns, and the one "o" those patterns need (PCRE2's required code
    unit) at the very end: each window's pcre2_match() looked for it to
    the end of the text."""
    return (b"SERVICES AGREEMENT\n\n" +
            b"".join(b"fee %d\n\n" % i for i in range(n)) + b"o\n")


def odt_deleted_comment(n):
    """A tracked deletion holding a comment of n empty spans, and n marks
    where reject mode shows that deletion: each showing read the comment's
    n spans again, counted nowhere (n = 16,000, 2.6 KB: 70 s)."""
    return odt_entries([("content.xml", odt_xml(
        b'<text:tracked-changes><text:changed-region text:id="d1">'
        b'<text:deletion><office:change-info/><text:p>x<office:annotation>'
        b'<text:p>' + b'<text:span/>' * n + b'</text:p></office:annotation>'
        b'</text:p></text:deletion></text:changed-region>'
        b'</text:tracked-changes><text:p>The Supplier shall ' +
        b'<text:change text:change-id="d1"/>' * n + b'</text:p>'))])


def near_token(n):
    """One "word" of n "telesales," (no space): a built-in rule flags
    "telesales" near the supplier's name (15 words), and each match's
    window walked the whole word (16 s at n = 128,000)."""
    return (b"1. SALES\n\nThe Client uses " + b"telesales," * n +
            b" daily.\n")


def threshold_sentence(n):
    """One sentence of n fees and n amounts, none over the threshold of
    threshold_pack()'s rule (scope="sentence"): each match walked every
    value of the sentence (21.5 s at n = 128,000)."""
    return (b"1. FEES\n\nThe Client shall pay " +
            b" ".join(b"a fee of USD %d and" % (i % 900 + 1)
                      for i in range(n)) + b" nothing more.\n")


def long_heading(n):
    """A Markdown heading of 500 words (5.4 KB, of which a heading keeps
    4 KB) over n lines of wording the built-in rules flag: each finding's
    section label copied the whole heading (n = 10,000, 1 MB: 724 MB of
    memory and 354 MB of SARIF)."""
    return (b"# " + b" ".join(b"headword%d" % i for i in range(500)) +
            b"\n\n" +
            b"".join(b"The Supplier uses reasonable efforts, as soon as "
                     b"possible, from time to time, and/or to be agreed.\n"
                     for _ in range(n)))


def bomb_entry(name, head, fill, count, tail):
    """A ZIP of one deflated entry: head + fill * count + tail, compressed
    chunk by chunk, so the expanded size never sits in memory."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    parts = [comp.compress(head)]
    chunk = fill * (1 << 20 // len(fill))
    left = count * len(fill)
    size = len(head)
    while left > 0:
        c = chunk[:left]
        parts.append(comp.compress(c))
        crc = zlib.crc32(c, crc)
        left -= len(c)
        size += len(c)
    parts.append(comp.compress(tail))
    crc = zlib.crc32(tail, crc)
    size += len(tail)
    parts.append(comp.flush())
    data = b"".join(parts)
    return name.encode(), data, crc, size


def raw_zip(entries):
    """ZIP from already deflated entries (name, data, crc, size)."""
    import struct
    out = io.BytesIO()
    central = []
    for name, data, crc, size in entries:
        off = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0,
                              crc, len(data), size, len(name), 0))
        out.write(name)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20,
                                   0, 8, 0, 0, crc, len(data), size,
                                   len(name), 0, 0, 0, 0, 0, off) + name)
    cd = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(central),
                          len(central), out.tell() - cd, cd, 0))
    return out.getvalue()


def ole(streams):
    """The start of an OLE compound file: the signature, a header and a
    directory sector naming `streams` (enough for anything that sniffs)."""
    hdr = bytearray(512)
    hdr[0:8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
    hdr[24:26] = b"\x3E\x00"
    hdr[26:28] = b"\x03\x00"
    hdr[28:30] = b"\xFE\xFF"
    hdr[30:32] = b"\x09\x00"
    hdr[32:34] = b"\x06\x00"
    dirs = b""
    for s in ["Root Entry"] + streams:
        e = bytearray(128)
        n = s.encode("utf-16-le")
        e[0:len(n)] = n
        e[64:66] = (len(n) + 2).to_bytes(2, "little")
        e[66] = 5 if s == "Root Entry" else 2
        dirs += bytes(e)
    return bytes(hdr) + dirs + b"\0" * (512 - len(dirs) % 512)


def pdf(stream):
    """A one-page PDF whose content stream draws `stream` (no fonts)."""
    return pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     b"/Contents 4 0 R /Resources << >> >>",
                     b"<< /Length %d >>\nstream\n" % len(stream) + stream +
                     b"\nendstream"])


def pdf_pages(streams):
    """A PDF with a page per content stream, Helvetica as font /F1."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for stream in streams:
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream +
                    b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    b"/Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
                    % len(objs))
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = (b"<< /Type /Pages /Kids [" + b" ".join(kids) +
               b"] /Count %d >>" % len(kids))
    return pdf_file(objs)


def pdf_file(objs):
    """A PDF of objects 1..n (1: the catalog), with its xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(out.tell())
        out.write(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n")
    x = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for o in offs:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, x))
    return out.getvalue()


def pack(rules, extra_head=b""):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + extra_head +
            b'<pack name="hostile" format="1" version="1">\n'
            b'  <title>Hostile pack</title>\n' + rules + b'</pack>\n')


def ns_scope(depth, size):
    """`depth` nested tags of 255 namespace declarations each, around
    tags of 255 attributes with a prefix bound outside them all: about
    `size` bytes."""
    decls = b"".join(b' xmlns:a%d="u"' % i for i in range(255))
    inner = b'<z:e%s/>' % b"".join(b' z:b%d=""' % i for i in range(255))
    head = b'<x xmlns:z="u">' + (b"<x" + decls + b">") * depth
    tail = b"</x>" * (depth + 1)
    count = max(0, (size - len(head) - len(tail) - 256) // len(inner))
    return head + inner * count + tail


def flag_rule(rid, pattern, example=b"shall"):
    return (b'  <rule id="' + rid + b'" kind="flag" severity="warning" '
            b'category="ambiguity">\n'
            b'    <title>Hostile rule</title>\n'
            b'    <message>Hostile rule matched.</message>\n'
            b'    <rationale>Made to test the limits.</rationale>\n'
            b'    <ref>tests/hostile</ref>\n'
            b'    <suggestion>None.</suggestion>\n'
            b'    <pattern>' + pattern + b'</pattern>\n'
            b'    <example expect="match">' + example + b'</example>\n'
            b'  </rule>\n')


def threshold_pack():
    """A rule that flags a fee with one over a billion in its sentence."""
    return pack(flag_rule(b"big-fee", b"\\bfee\\b",
                          b"a fee of USD 2000000000").replace(
        b"    <example", b'    <threshold value="money" op="gt" '
        b'than="1000000000" scope="sentence"/>\n    <example'))


def check_rule(rid, example=True):
    """A rule of a built-in check, on one line; without its required
    <example> when example is false (a schema error)."""
    return (b'  <rule id="' + rid + b'" kind="check" check="dates" '
            b'severity="info" category="a"><title>T</title><message>M.'
            b'</message><rationale>R.</rationale><ref>x</ref><suggestion>S.'
            b'</suggestion>' +
            (b'<example expect="no-match">x</example>' if example else b"") +
            b'</rule>\n')


def colliding_ids(count, bits, seed=1):
    """`count` distinct rule ids whose 32-bit FNV-1a hashes agree in their
    low `bits` bits: "r", then per bit of the index one of a pair of
    3-letter blocks that take the hash's low bits to the same low bits
    (they depend on nothing above them), so every choice collides."""
    alpha = b"abcdefghijklmnopqrstuvwxyz0123456789"
    mask = (1 << bits) - 1
    rnd = random.Random(seed)
    state = ((2166136261 ^ ord("r")) * 16777619) & mask
    pairs = []
    while len(pairs) < max(1, (count - 1).bit_length()):
        seen = {}
        while True:
            x = bytes(rnd.choice(alpha) for _ in range(3))
            h = state
            for c in x:
                h = ((h ^ c) * 16777619) & mask
            if seen.get(h, x) != x:
                pairs.append((seen[h], x))
                state = h
                break
            seen[h] = x
    return [b"r" + b"".join(p[(i >> j) & 1] for j, p in enumerate(pairs))
            for i in range(count)]


XXE = (b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
LAUGHS = (b'<!DOCTYPE x [<!ENTITY a "lollollollollollollollollollol">' +
          b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                   % ((98 + i,) + (97 + i,) * 10) for i in range(9)) +
          b']>\n')


def small():
    rnd = random.Random(9)
    f = {}
    good = docx(docx_xml(wpara(PARA)))
    f["truncated.docx"] = good[:len(good) // 2]
    bad = bytearray(good)
    i = bad.index(b"word/document.xml") + 17 + 10
    for k in range(i, min(i + 40, len(bad))):
        bad[k] ^= 0x5A
    f["corrupt-data.docx"] = bytes(bad)
    bad = bytearray(good)
    cd = bad.rindex(b"PK\x01\x02")
    bad[cd + 10:cd + 46] = b"\xff" * 36
    f["corrupt-central.docx"] = bytes(bad)
    f["no-document.docx"] = zip_bytes([("word/document.xml.bak", b"x")])
    f["not-xml.docx"] = docx(bytes(rnd.getrandbits(8) for _ in range(2000)))
    f["xxe.docx"] = docx(b'<?xml version="1.0"?>\n' + XXE +
                         b'<w:document ' + W + b'><w:body>' +
                         wpara(b"&xxe;") + wpara(PARA) + b'</w:body></w:document>')
    f["laughs.docx"] = docx(b'<?xml version="1.0"?>\n' + LAUGHS +
                            b'<w:document ' + W + b'><w:body>' +
                            wpara(b"&j;") + b'</w:body></w:document>')
    f["traversal.docx"] = docx(docx_xml(wpara(PARA)),
                               [("../../../../tmp/clint-hostile-escaped", b"x"),
                                ("/etc/clint-hostile-abs", b"x")])
    f["numbering-huge-ids.docx"] = docx(docx_xml(
        b'<w:p><w:pPr><w:numPr><w:ilvl w:val="4294967295"/>'
        b'<w:numId w:val="-2147483648"/></w:numPr></w:pPr><w:r><w:t>' + PARA +
        b'</w:t></w:r></w:p>'), [("word/numbering.xml",
        b'<w:numbering ' + W + b'><w:abstractNum w:abstractNumId="99999999">'
        b'<w:lvl w:ilvl="999"><w:start w:val="-5"/><w:lvlText w:val="%9.%999.%1"/>'
        b'</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId '
        b'w:val="99999999"/></w:num></w:numbering>')])
    # a w:lvl left open around 40 more definitions, then one more of its
    # properties: the level was written through a pointer into the array
    # the definitions had moved (a use after free; malloc aborted)
    numbered = docx_xml(
        b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
        b'</w:numPr></w:pPr><w:r><w:t>' + PARA + b'</w:t></w:r></w:p>')
    for name, inner, outer in (
            ("defs", b'<w:abstractNum w:abstractNumId="%d"></w:abstractNum>',
             b'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
             b'<w:lvlText w:val="%%1."/>%s<w:lvlText w:val="again"/></w:lvl>'
             b'</w:abstractNum><w:num w:numId="1"><w:abstractNumId '
             b'w:val="1"/></w:num>'),
            ("nums", b'<w:num w:numId="%d"></w:num>',
             b'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
             b'<w:lvlText w:val="%%1."/></w:lvl></w:abstractNum><w:num '
             b'w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride '
             b'w:ilvl="0"><w:lvl w:ilvl="0"><w:lvlText w:val="(%%1)"/>%s'
             b'<w:lvlText w:val="again"/></w:lvl></w:lvlOverride></w:num>')):
        defs = b"".join(inner % (i + 2) for i in range(40))
        f["numbering-nested-%s.docx" % name] = docx(numbered, [(
            "word/numbering.xml",
            b'<w:numbering ' + W + b'>' + outer % defs + b'</w:numbering>')])
    f["truncated.odt"] = odt(odt_xml(b"<text:p>" + PARA + b"</text:p>"))[:300]
    f["xxe.odt"] = odt(b'<?xml version="1.0"?>\n' + XXE +
                       b'<office:document-content ' + ODT_NS +
                       b'><office:body><office:text><text:p>&xxe;</text:p>'
                       b'</office:text></office:body></office:document-content>')
    f["laughs.odt"] = odt(b'<?xml version="1.0"?>\n' + LAUGHS +
                          b'<office:document-content ' + ODT_NS +
                          b'><office:body><office:text><text:p>&j;</text:p>'
                          b'</office:text></office:body></office:document-content>')
    f["other.zip"] = zip_bytes([("readme.txt", PARA)])
    f["encrypted.docx"] = ole(["EncryptionInfo", "EncryptedPackage",
                               "\x06DataSpaces"])
    f["legacy.doc"] = ole(["WordDocument", "1Table", "\x05SummaryInformation"])
    f["no-text-layer.pdf"] = pdf(b"0 0 1 rg 100 100 400 600 re f "
                                 b"1 0 0 RG 5 w 50 50 m 550 750 l S")
    f["truncated.pdf"] = pdf(b"BT ET")[:200]
    f["empty.txt"] = b""
    f["random.bin"] = bytes(rnd.getrandbits(8) for _ in range(4096))
    f["invalid-utf8.txt"] = (b"1. Charges\nThe Client shall pay \x80\xff\xfe "
                             b"at the Supplier's then-current rates \xc3\x28 "
                             b"\xed\xa0\x80 \xf4\x90\x80\x80.\n")
    text = ("1. Charges\nThe Client shall pay the Charges at the Supplier's "
            "then-current rates.\n")
    f["utf16le-nobom.txt"] = text.encode("utf-16-le")
    f["utf16be-nobom.txt"] = text.encode("utf-16-be")
    f["utf16-odd-length.txt"] = b"\xff\xfe" + text.encode("utf-16-le") + b"A"
    f["nul-bytes.txt"] = b"1. Charges\nThe Client shall pay\0 the Charges.\n"
    f["utf16-nul.txt"] = b"\xff\xfe" + text.replace(
        "pay", "pay\0").encode("utf-16-le")
    f["xxe.html"] = (b'<?xml version="1.0"?>\n' + XXE +
                     b'<html><body><p>&xxe;</p><p>' + PARA + b'</p></body></html>')
    # libxml2 took the NUL for the end of the page: the clause after it
    # was lost without a word
    f["nul.html"] = (b"<html><body><p>Fees.</p>\0<p>" + PARA +
                     b"</p></body></html>")
    f["unclosed.html"] = (b"<html><body><!-- never closed <p>" + PARA +
                          b"<script>while(1){}" + b"<p><table><tr><td>" * 50)
    f["rtf-bad-escapes.rtf"] = (b"{\\rtf1\\ansi\\uc9999999 \\u-99999999?"
                                b"\\u4294967296? \\'zz \\bin999999999 "
                                b"{\\*\\fldinst {\\fldrslt " + PARA +
                                b"}\\par \\ansicpg99999 \\f-1 \\fs99999999999999")
    f["rtf-unbalanced.rtf"] = b"{\\rtf1 " + b"}" * 500 + PARA + b"{" * 500
    f["md-evil.md"] = (b"# " + b"[" * 3000 + b"x" + b"](" * 2000 + b"\n" +
                       b"|" * 2000 + b"\n" + b"*" * 4000 + b"\n" +
                       b"```\n" + b"<" * 2000 + b"\n")
    f["form-feeds.txt"] = b"\f" * 10000 + PARA + b"\n"
    f["bidi-controls.txt"] = ("1. Charges\nThe Client shall pay the "
                              "\u202eCharges\u202c at then-\u00adcurrent "
                              "\ufeff rates \U0001F4B0.\n").encode()
    # packs
    f["pack-invalid-xml.xml"] = b'<?xml version="1.0"?>\n<pack name="x">\n<rule id="a">\n'
    f["pack-is-zip.xml"] = good
    f["pack-xxe.xml"] = pack(flag_rule(b"xxe", b"&xxe;"), XXE)
    f["pack-laughs.xml"] = pack(flag_rule(b"laughs", b"&j;"), LAUGHS)
    f["pack-bad-regex.xml"] = pack(flag_rule(b"bad-regex", b"(shall[a-"))
    f["pack-empty-match.xml"] = pack(flag_rule(b"empty-match", b"x*"))
    f["pack-binary.xml"] = bytes(rnd.getrandbits(8) for _ in range(2048))
    f["pack-empty.xml"] = b""
    f["pack-utf16.xml"] = pack(flag_rule(b"u16", b"shall")).replace(
        b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")
    f["pack-huge-quantifier.xml"] = pack(flag_rule(
        b"huge-quantifier", b"(?:(?:a{65535}){65535}){65535}"))
    f["pack-limit-override.xml"] = pack(flag_rule(
        b"limit-override",
        b"(*LIMIT_MATCH=2000000000)(*LIMIT_DEPTH=2000000000)"
        b"(*LIMIT_HEAP=2000000000)(?:\\w+\\s?)+;",
        b"the Supplier shall"))
    f["pack-backtracking.xml"] = pack(flag_rule(
        b"catastrophic", b"(?:\\w+\\s?)+;", b"shall;"))
    f["pack-recursion.xml"] = pack(flag_rule(b"recursion",
                                             b"(\\((?:[^()]|(?1))*\\))"
                                             b"|(?:(?:\\w|\\s)*)*!", b"(a)"))
    for k, v in f.items():
        assert len(v) <= SMALL_MAX or k.startswith("pack-is-zip"), k
    return f


def nested_ranges(n):
    """ODT body: n comment ranges opened one per paragraph, then closed
    last first, so that every range holds all those opened after it."""
    return (b"".join(b'<text:p><office:annotation office:name="n%d"><text:p>note'
                     b'</text:p></office:annotation>' % i + PARA + b"</text:p>"
                     for i in range(n)) +
            b"".join(b'<text:p>end<office:annotation-end office:name="n%d"/>'
                     b'</text:p>' % i for i in reversed(range(n))))


def big():
    f = {}
    head = b'<?xml version="1.0"?>\n<w:document ' + W + b'><w:body><w:p><w:r><w:t>'
    tail = b'</w:t></w:r></w:p></w:body></w:document>'
    f["zip-bomb.docx"] = raw_zip([
        (b"[Content_Types].xml", zlib.compress(b"<Types/>")[2:-4],
         zlib.crc32(b"<Types/>"), 8),
        bomb_entry("word/document.xml", head, b"A", 1 << 28, tail)])
    ohead = (b'<?xml version="1.0"?>\n<office:document-content ' + ODT_NS +
             b'><office:body><office:text><text:p>')
    otail = b'</text:p></office:text></office:body></office:document-content>'
    f["zip-bomb.odt"] = raw_zip([
        (b"mimetype", zlib.compress(ODT_MIME)[2:-4], zlib.crc32(ODT_MIME),
         len(ODT_MIME)),
        bomb_entry("content.xml", ohead, b" ", 1 << 28, otail)])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", docx_xml(wpara(PARA)))
        for i in range(20000):
            z.writestr("e/%d" % i, b"")
    f["many-entries.docx"] = buf.getvalue()
    f["deep.docx"] = docx(docx_xml(b"<w:p>" + b"<w:r>" * 10000 + b"<w:t>x</w:t>" +
                                   b"</w:r>" * 10000 + b"</w:p>"))
    f["deep.odt"] = odt(odt_xml(b"<text:span>" * 10000 + b"x" +
                                b"</text:span>" * 10000))
    f["deep.html"] = b"<html><body>" + b"<div>" * 10000 + PARA + b"</div>" * 10000
    # a million elements (2 million nodes with their text: read)
    f["tags-1m.html"] = b"<html><body><p>" + b"<b>x</b>" * 999997 + b"</p></body></html>"
    f["deep-groups.rtf"] = b"{\\rtf1 " + b"{" * 100000 + PARA + b"}" * 100001
    f["deep.md"] = (b"> " * 50000 + PARA + b"\n" +
                    b"".join(b"  " * i + b"- item\n" for i in range(0, 1000)) +
                    b"[" * 100000 + b"\n")
    f["pack-deep.xml"] = pack(b"<rule>" * 10000 + b"</rule>" * 10000)
    # a paragraph of over 10,000,000 characters: libxml2 stopped there and
    # the rest ("END") was lost without a word; in XML, entities split the
    # run (in one piece it fails sooner, with an error)
    f["long-text.html"] = (b"<html><body><p>" + b"word " * (4 << 20) +
                           b"</p><p>END</p></body></html>")
    # a script of as much: its content is not kept, the page is read
    f["long-script.html"] = (b"<html><body><p>START</p><script>" +
                             b"var x = 1; " * (1 << 20) +
                             b"</script><p>END</p></body></html>")
    # and a title, a hidden paragraph and a noscript of as much each: the
    # walk leaves them out, so their text is not kept (was refused)
    f["long-hidden.html"] = (b"<html><head><title>" + b"word " * (2 << 20) +
                             b"</title></head><body><p>START</p><p hidden>" +
                             b"word " * (2 << 20) + b"<p>MIDDLE</p><noscript>" +
                             b"word " * (2 << 20) +
                             b"</noscript><p>END</p></body></html>")
    # a textarea shows its text: as much of it is refused as a paragraph
    # is (it was left out, with the rest of the form's text)
    f["long-textarea.html"] = (b"<html><body><p>START</p><textarea>" +
                               b"word " * (2 << 20) +
                               b"</textarea><p>END</p></body></html>")
    f["long-text.odt"] = zip_bytes(
        [("mimetype", ODT_MIME),
         ("content.xml", odt_xml(b"<text:p>" + b"a word &amp; " * 1200000 +
                                 b"</text:p><text:p>END</text:p>"))],
        zipfile.ZIP_STORED)
    # 100,000 <text:s text:c="1000"/> (1.7 MB, stored: deflated, the
    # 100:1 check stops it) are 100 MB of spaces: refused at 64 MiB
    # (it was read, some 60 bytes of text for each byte of XML)
    f["space-bomb.odt"] = zip_bytes(
        [("mimetype", ODT_MIME),
         ("content.xml", odt_xml(b"<text:p>a" +
                                 b'<text:s text:c="1000"/>' * 100000 +
                                 b"</text:p>"))],
        zipfile.ZIP_STORED)
    # the same in a DOCX: refused with the same words (was libxml2's
    # "xmlSAX2Characters: huge text node", as malformed XML)
    f["long-text.docx"] = zip_bytes(
        [("[Content_Types].xml", b'<Types/>'),
         ("word/document.xml",
          docx_xml(wpara(b"a word &amp; " * 1200000) + wpara(b"END")))],
        zipfile.ZIP_STORED)
    # one tag of 100,000 attributes: libxml2 checks each against the
    # others (13 s for this 1 MB); the same in a project file
    attrs = b" ".join(b'a%d=""' % i for i in range(100000))
    f["pack-tag-attrs.xml"] = pack(b"<rule " + attrs + b"/>\n")
    # a DOCTYPE in EBCDIC: a search of the bytes for "<!DOCTYPE" missed it,
    # and its 200,000 defaulted attributes ran 20 s
    f["pack-ebcdic-doctype.xml"] = (
        '<?xml version="1.0" encoding="IBM037"?>\n<!DOCTYPE pack [<!ATTLIST pack ' +
        " ".join('a%d CDATA "x"' % i for i in range(200000)) +
        ']>\n<pack name="hostile" format="1" version="1"/>\n').encode("cp037")
    # 8 MB of tiny patterns in one rule: 945 MB to load before the cap
    f["pack-many-patterns.xml"] = pack(
        b'  <rule id="many" kind="flag" severity="info" category="ambiguity">'
        b"<title>T</title><message>M.</message><rationale>R.</rationale>"
        b"<ref>x</ref><suggestion>S.</suggestion>" +
        b"<pattern>a</pattern>" * ((8 << 20) // 20 - 64) +
        b'<example expect="match">a</example></rule>\n')
    # 8 MB of empty elements: 2 million nodes, a tree of about 200 MB
    f["pack-many-nodes.xml"] = pack(b"<a/>" * ((8 << 20) // 4 - 64))
    # 250 nested tags of 255 namespace declarations, then prefixed
    # attributes: libxml2 looks each prefix up through all 63,750 in
    # scope (this 8 MB pack ran for minutes; 1 MB project file: 7 s)
    f["pack-ns-scope.xml"] = pack(ns_scope(250, 8 << 20))
    line = b"The Supplier shall provide the Services promptly and the Client shall pay.\n"
    f["text-100mb.txt"] = line * ((100 << 20) // len(line))
    # lookups through all the styles, levels or names, for each list,
    # table, item or comment: 142 s, 160 s, 23 s and 6 s before
    f["odt-list-styles.odt"] = odt_list_styles(40000)
    f["odt-sheet-styles.odt"] = odt_sheet_styles(40000)
    f["odt-level-children.odt"] = odt_level_children(16000)
    f["odt-comment-collisions.odt"] = odt_comment_collisions(32000)
    # 5.8 MB: 7.9 s before
    f["caps-term-uses.txt"] = caps_term_uses(200000)
    f["unit-far.txt"] = unit_far(200000)
    f["odt-deleted-comment.odt"] = odt_deleted_comment(16000)
    f["near-token.txt"] = near_token(128000)
    f["threshold-sentence.txt"] = threshold_sentence(128000)
    f["pack-threshold-sentence.xml"] = threshold_pack()
    f["long-heading.md"] = long_heading(10000)
    # 90 MiB of Windows-1252 euro signs are 270 MiB of UTF-8: past the
    # text's limit, the input's (it was read: 768 MB from 256 MiB)
    f["cp1252-euros.txt"] = b"\x80" * (90 << 20)
    f["lines-1m.txt"] = b"x\n" * 1000000
    # a million lines ended by CR alone: each line looked for a LF to the
    # end of the text (quadratic, minutes for 10 MB)
    f["lines-1m-cr.txt"] = b"The Supplier shall pay.\r" * 1000000
    # a line of comment openers with no closer, and of brackets with no
    # ']': each looked to the end of the line (1 MB of "<!--" over 60 s)
    f["comment-openers.md"] = b"<!--" * 2500000
    f["bracket-openers.md"] = b"[a" * 5000000
    # 10 MB of Markdown headings: 2.5 million sections took 1.1 GB (the
    # document was refused at 1 GiB); at most 100,000 sections now
    f["headings-10mb.md"] = b"# a\n" * 2500000
    # 10 MB of "TBD ": 2.6 million placeholder findings, 4 GB of memory
    # and of JSON (a built-in check's findings had no cap)
    f["tbd-10mb.txt"] = b"TBD " * ((10 << 20) // 4)
    # dense structure: a paragraph every 3 bytes made the document's tables
    # take 53 bytes a byte (40 MB: 1.96 GB; 250 MB: 12 GB, 64 s); they are
    # now refused at the document memory limit (1 GiB by default)
    f["paragraphs-40mb.txt"] = b"a\n\n" * ((40 << 20) // 3)
    # a tab between letters costs two runs of the matching view's map: the
    # text loads, its analysis passes a limit of 64 MiB (2 million words:
    # within what diff compares)
    f["tabs-4mb.txt"] = b"1. Fees\n\n" + b"a\t" * (2 << 20)
    # libxml2 builds the whole tree before the walk counts its nodes: 100 MB
    # of "<p>a</p>" took 4.2 GB. The nodes are now counted while it parses
    # (elements, attributes, text runs): past 4,000,000 it is stopped. The
    # ODT's element names are random and the entry stored, as a hostile
    # file would do to pass the ZIP-bomb ratio; the EBCDIC page hides its
    # tags from any count of raw bytes ("<" is 0x4C there).
    f["many-tags.html"] = b"<html><body>" + b"<p>a</p>" * 2100000
    rnd = random.Random(7)
    names = bytes(rnd.randrange(97, 123) for _ in range(2 * 4100000))
    tags = b"".join(b"<" + names[2 * i:2 * i + 2] + b"/>"
                    for i in range(4100000))
    f["many-tags.odt"] = zip_bytes(
        [("mimetype", ODT_MIME),
         ("content.xml", odt_xml(b"<text:p>" + tags + b"</text:p>"))],
        zipfile.ZIP_STORED)
    f["ebcdic-nodes.html"] = (b'<html><head><meta charset="IBM037"></head>'
                              b'<body>' + "<p>a".encode("cp037") * 4100000)
    # one tag of 200,000 attributes: libxml2 compares each with the others
    # before any callback sees the tag (over 120 s for 1 MB)
    # unterminated comments and scripts: each searched to the end of the
    # file for its close before its attributes could be counted (1 MB of
    # "<!--": over 120 s)
    f["comment-openers.html"] = b"<!--" * 2500000
    f["script-openers.html"] = b"<script>" * 1250000
    f["tag-attrs.html"] = (b"<html><body><b " + b" ".join(
        b"a%d" % i for i in range(200000)) + b">x</b></body></html>")
    # a diff of 16,000 small sections "Fees" against one "Fees" section of
    # 3.9 million words: each small one was merged with the whole big bag
    # (8 MB: 44 s)
    f["diff-small-sections.txt"] = b"".join(b"%d.%d Fees\n\nb\n\n" % (i // 99 + 1, i % 99 + 1) for i in range(16000))
    f["diff-one-big-section.txt"] = b"1.1 Fees\n\n" + b"a " * 3900000 + b"\n"
    # a pack of 20,000 rules, a SARIF report of 8,000 findings: each new
    # rule and each finding walked the rule ids (3.5 s in all)
    f["pack-20000-rules.xml"] = pack(b"".join(flag_rule(b"r%d" % i, b"zq%dzq" % i, b"zq%dzq" % i) for i in range(20000)))
    f["tbd-8000.txt"] = b"TBD " * 8000
    # each of those 20,000 rules fires 5 times: the text report walked the
    # ids already shown, once per finding (3.6 s; now a hash table)
    f["zq-100000.txt"] = b"".join(
        b" ".join(b"zq%dzq" % i for i in range(j, j + 20)) + b"\n\n"
        for j in range(0, 20000, 20)) * 5
    # a pack directory of 1,001 files: the first 1,000 readdir() gave were
    # loaded, without a word; now none, with an error
    for i in range(1001):
        f["pack-dir-1001/p%04d.xml" % i] = pack(flag_rule(b"d%d" % i, b"zqdzq"))
    # a diff with a pack of 20,000 require rules: each required clause
    # walked all the clauses of both results (12.5 s)
    f["pack-20000-require.xml"] = pack(b"".join(flag_rule(b"q%d" % i, b"zq%dzq" % i, b"zq%dzq" % i).replace(b'kind="flag"', b'kind="require"') for i in range(20000)))
    # nested brackets, link destinations and code spans: each '[' counted
    # nesting 2,000 bytes ahead (10 s), each "](" looked 2,000 bytes ahead
    # for its ')' (4 s), each run of backticks to the end of the line for
    # one as long (9 s)
    f["bracket-nests.md"] = (b"[" * 1990 + b"]" * 10) * 5000
    f["link-destinations.md"] = b"[](" * 3300000
    f["code-span-runs.md"] = b"".join(b"`" * n + b"a" for n in range(1, 4473))
    # an item first under each of 90,000 headings: each looked back through
    # every section for a sibling (1 MB: 10 s); 8,000 phrases that name
    # headings among 230,000 headings: each walked every heading (7 s)
    f["items-under-headings.txt"] = b"AB\n\n(a) x\n\n" * 90909
    tag = lambda i: (b"%x" % i).translate(bytes.maketrans(b"0123456789abcdef", b"ghijklmnopqrstuv"))
    defs = b"".join(b'"Alpha%s" means the thing.\n\n' % tag(i) for i in range(3))
    uses = b"".join(b"The Supplier shall see the Q%s Zq and the Q%s Zq daily.\n\n" % (tag(i), tag(i)) for i in range(8000))
    heads = b"".join(b"Q%s Zq\n\n" % tag(i) for i in range(8000))
    f["phrases-name-headings.txt"] = defs + uses + b"AB\n\n" * ((1000000 - len(defs + uses + heads)) // 4) + heads
    # 4,096 definitions of one term "as used herein": each pair looked for
    # the marks of a local definition again (1.3 MB: 4.2 s)
    f["one-term-4096-definitions.txt"] = b"1. Terms\n\n" + (b"word " * 56 + b'As used herein, "Fee" means the sum due. \n\n') * 4096
    # a Section number and a Markdown heading of 0.5 MB over 70,000 items:
    # each item copied the number into its cite, or the heading into its
    # label (11.4 GB from 0.4 MB)
    f["long-section-number.txt"] = (b"Section " + b"1" * 500000 + b"\n\n" +
                                    b"(a) x\n\n" * 70000)
    f["long-heading-items.md"] = (b"# " + b"Heading " * 62500 + b"\n\n" +
                                  b"(a) x\n\n" * 70000)
    # 4,096 definitions in one sentence that ends in 10 MB of commas: each
    # definition trimmed the whole comma run (23 s)
    d = b'"Aa" means ' * 4096
    f["definitions-comma-run.txt"] = d + b"," * ((10 << 20) - len(d)) + b"\n"
    # a diff of a revision with itself, 80,000 findings of one
    # fingerprint: each NEW finding stepped over the OLD ones of its
    # fingerprint already paired (13.2 s)
    f["diff-equal-findings.txt"] = b"The fee is XX and " * 80000 + b"\n"
    f["line-10mb.txt"] = b"The Supplier shall pay " * ((10 << 20) // 23)
    f["numbering-deep.txt"] = b"".join(b"1." * i + b" Heading\n" for i in range(1, 2000))
    rules = b"".join(flag_rule(b"r%d" % i, b"zq%dzq" % i, b"zq%dzq" % i)
                     for i in range(100000))
    f["pack-100k-rules.xml"] = pack(rules)
    rules = b"".join(flag_rule(b"r%d" % i, b"zq%dzq" % i, b"zq%dzq" % i)
                     for i in range(20000))
    f["pack-20k-rules.xml"] = pack(rules)
    # two packs of 8 MiB of rules whose ids agree in the low 20 bits of
    # FNV-1a, the hash they were once found by: each new rule was compared
    # with all those before (63,070 rules: 36.9 s, now 2.1 s)
    rule = check_rule(b"r" + b"x" * 48)  # 16 blocks of 3 letters
    n = ((8 << 20) - 200) // len(rule)
    ids = colliding_ids(2 * n, 20)
    assert len(ids[-1]) == 49
    for k in (1, 2):
        f["pack-colliding-ids-%d.xml" % k] = pack(b"".join(
            check_rule(i) for i in ids[(k - 1) * n:k * n])).replace(
                b'name="hostile"', b'name="hostile-%d"' % k, 1)
    # 8 MiB of rules without their <example>: a schema error each, the
    # later the costlier in libxml2 (45,342 errors: 271 s, now 0.6 s);
    # the first 20 are reported, then their count
    rule = check_rule(b"r99999", example=False)
    f["pack-invalid-many.xml"] = pack(b"".join(
        check_rule(b"r%d" % i, example=False)
        for i in range(((8 << 20) - 200) // len(rule))))
    # 10,000 pages, each with the same header and a page number (running
    # heads, dropped) around a line of its own: matching every page's
    # edge lines against every other page's took 27 s here
    def word(i):
        w = b""
        while True:
            w += bytes([97 + i % 26])
            i //= 26
            if not i:
                return w
    # one page of 60,000 lines, its content compressed (466 KB): poppler's
    # text layout compares the words of a page with each other (38 s of
    # CPU and 810 MB in it); the helper that runs it is stopped at its
    # limits
    n = 60000
    h = 12 * n + 100
    page = zlib.compress(b"".join(
        b"BT /F1 10 Tf 72 %d Td (Clause %d " % (h - 50 - 12 * i, i + 1) +
        word(i) + b" shall apply) Tj ET\n" for i in range(n)), 9)
    f["quadratic-page.pdf"] = pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 %d] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % h,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(page) +
        page + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
    f["many-pages.pdf"] = pdf_pages([
        b"BT /F1 10 Tf 72 760 Td (Master Services Agreement) Tj ET "
        b"BT /F1 10 Tf 72 400 Td (The Supplier shall deliver the " + word(i) +
        b" report.) Tj ET BT /F1 10 Tf 300 40 Td (Page %d) Tj ET" % (i + 1)
        for i in range(10000)])
    # 60,000 defined terms, each "described in Schedule <n>": every
    # reference to a missing schedule was looked up in every section and
    # every block (29 s); now in indexes built once
    f["xref-many-targets.txt"] = b"1. DEFINITIONS\n\n" + b"".join(
        b'1.%d "Service %s" means the services described in Schedule %d.\n'
        % (i + 1, word(i), i + 1) for i in range(60000))
    # 4,096 definitions, then 10 MB of "Client", a role the preamble's
    # parties do not go by: each use looked through all the definitions
    # (23.6 s)
    head = (b'This Agreement is made between Acme Ltd (the "Supplier") and '
            b'Beta Ltd (the "Customer").\n\n1. Definitions\n\n' + b"".join(
                b'"Term%s" means a thing.\n\n' % word(i) for i in range(4096)) +
            b"2. Services\n\n")
    f["party-role-words.txt"] = head + b"Client " * ((10000000 - len(head)) // 7) + b"\n"
    # the same definitions, then 5 MB of a misspelt party name: each use
    # looked through all the definitions (9.2 s)
    f["party-name-typos.txt"] = head + b"Suppliar " * ((5000000 - len(head)) // 9) + b"\n"
    # references to 2,000 clauses that do not exist, then 10 MB of
    # digits: the cross-reference check takes 3.3 s, linear; with a limit
    # of 1 s it stops at it (it ran to its end, the built-in checks not
    # reading the limit)
    refs = (b"1. Scope\n\n1.1 The Supplier shall. \n\n" + b"".join(
        b"See Section 1.%d here. " % i for i in range(2, 2000)) + b"\n\n")
    f["xref-digits.txt"] = refs + b"1" * (10000000 - len(refs)) + b"\n"
    # 40,000 changed regions, each named by a change mark in a paragraph:
    # every mark searched the regions from the first (6.8 s)
    regions = b"".join(
        b'<text:changed-region text:id="c%d"><text:deletion><text:p>gone %s'
        b'</text:p></text:deletion></text:changed-region>' % (i, word(i))
        for i in range(40000))
    f["odt-many-changes.odt"] = odt(odt_xml(
        b"<text:tracked-changes>" + regions + b"</text:tracked-changes>" +
        b"".join(b'<text:p>' + PARA + b' <text:change text:change-id="c%d"/>'
                 b'</text:p>' % i for i in range(40000))))
    # 40,000 comment ranges, all open, then closed last first: each end
    # searched the ranges from the first (6.7 s)
    f["odt-many-comment-ranges.odt"] = odt(odt_xml(nested_ranges(40000)))
    # one line: 10,000 sentences of three vague phrases (20,000 findings
    # shown), then 16 MB more: each finding's excerpt looked for a form
    # feed up to the end of the line (8.3 s)
    f["findings-long-line.txt"] = (
        b"1. SERVICES\n\n" + b"The Supplier shall use reasonable efforts "
        b"to deliver the report as soon as possible and may, at its sole "
        b"discretion, charge additional fees as appropriate. " * 10000 +
        b"The Client shall pay the Charges. " * 480000 + b"\n")
    # 12,000 nested comment ranges: the json report showed each anchor
    # whole, 9 GB of report (8.9 GB of memory) from a 0.2 MB file
    f["odt-nested-comments.odt"] = odt(odt_xml(nested_ranges(12000)))
    # a diff of one section of 100,000 amounts against one of 100,000
    # periods: each old value looked for a new one of its kind and term
    # from the first (8.8 s)
    f["values-old.txt"] = b"1. PAYMENT\n\n" + b"".join(
        b"The Client shall pay USD %d. " % (100 + i) +
        (b"\n\n" if i % 10 == 9 else b"") for i in range(100000)) + b"\n"
    f["values-new.txt"] = b"1. PAYMENT\n\n" + b"".join(
        b"The Client shall pay within %d days. " % (1 + i % 90) +
        (b"\n\n" if i % 10 == 9 else b"") for i in range(100000)) + b"\n"
    # patterns that backtrack past the match limit wherever they run: a
    # heading one at each of 400 sections, an `unless` at each of 800
    # matches, and one in a rule with 300 examples (packs test and lint).
    # Each paid the limit every time (a 200-section document: 17.8 s);
    # now once per document, or once per rule
    rule = (b'  <rule id="%s" kind="flag" severity="warning" '
            b'category="ambiguity">\n'
            b'    <title>Hostile rule</title>\n'
            b'    <message>Hostile rule matched.</message>\n'
            b'    <rationale>Made to test the limits.</rationale>\n'
            b'    <ref>tests/hostile</ref>\n'
            b'    <suggestion>None.</suggestion>\n%s'
            b'  </rule>\n')
    a60 = b"a" * 60
    f["pack-backtracking-repeated.xml"] = pack(
        rule % (b"heading-catastrophic",
                b'    <heading>^(?:\\w+\\s?)+\\d</heading>\n'
                b'    <example expect="match">1. Fees 2</example>\n') +
        rule % (b"unless-catastrophic",
                b'    <pattern>\\bend\\b</pattern>\n'
                b'    <unless>(?:a+)+;</unless>\n'
                b'    <example expect="match">end</example>\n'))
    f["many-headings.txt"] = b"".join(
        b"%d. Fees Fees Fees Fees Fees Fees Fees Fees Fees Fees Fees Fees"
        b"\n\nThe end: %s end;\n\n" % (i, a60) for i in range(1, 401))
    f["pack-backtracking-examples.xml"] = pack(
        rule % (b"examples-catastrophic",
                b'    <pattern>(?:a+)+;</pattern>\n' + b"".join(
                    b'    <example expect="match">%d %s ;</example>\n' %
                    (i, a60) for i in range(300))))
    # 2,000 patterns that each backtrack past the match limit: each pays
    # it once per document, 50 s of CPU in all on the good contract; the check's
    # CPU-time limit (10 s by default) stops it
    f["pack-many-backtracking.xml"] = pack(b"".join(
        rule % (b"many-catastrophic-%d" % i,
                b"    <pattern>(?:\\w+\\s?)+;{1,%d}</pattern>\n" % (i + 1) +
                b'    <example expect="match">a b;</example>\n')
        for i in range(2000)))
    # 1,000 rules whose examples each pay the match limit: packs test
    # took 0.15 s per rule (149 s in all) and packs lint 13 ms (13 s); the
    # run's CPU-time limit (10.6 s by default here) stops both
    f["pack-many-backtracking-examples.xml"] = pack(b"".join(
        rule % (b"examples-many-%d" % i,
                b"    <pattern>(?:a+)+;{1,%d}</pattern>\n" % (i + 1) +
                b'    <example expect="match">x %s!;</example>\n' % a60 +
                b'    <example expect="no-match">y %s!;</example>\n' % a60)
        for i in range(1000)))
    # named pipes nobody writes to, as a document, a pack and a project
    # file: opening one for reading waited for a writer for ever
    f["fifo.txt"] = FIFO
    f["fifo-pack.xml"] = FIFO
    f["fifo-config.xml"] = FIFO
    f["fifo.baseline"] = FIFO
    f["fifo-dir/contract.txt"] = FIFO
    f["socket.txt"] = SOCKET
    # project files (.clauselint.xml), each in a directory of its own
    # with a contract it would apply to
    def project(name, config):
        f[name + "/.clauselint.xml"] = config
        f[name + "/contract.txt"] = PARA + b"\n"
    cfg = b'<?xml version="1.0"?>\n<clauselint format="1">%s</clauselint>\n'
    project("proj-deep", cfg % (b"<x>" * 10000 + b"</x>" * 10000))
    project("proj-huge", cfg % (b"<!-- %s -->" % (b"x" * (2 << 20))))
    project("proj-many", cfg % b"".join(b'<disable rule="r%d"/>' % i
                                         for i in range(20000)))
    project("proj-zip", zip_bytes([("a.txt", PARA)]))
    project("proj-tag-attrs", cfg % (b"<disable " + attrs + b"/>"))
    project("proj-ns-scope", cfg % ns_scope(145, 1 << 20))
    # a directory whose name sets the terminal's title: the "not checked"
    # line printed it raw
    project("proj-esc\x1b]0;pwned\x07", cfg % b"<broken")
    project("proj-fifo-pack", cfg % b'<pack file="pack.xml"/>')
    f["proj-fifo-pack/pack.xml"] = FIFO
    project("proj-device-pack", cfg % b'<pack file="/dev/zero"/>')
    project("proj-laughs", b'<?xml version="1.0"?>\n<!DOCTYPE clauselint [' +
            b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
                b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                for i in range(9)) +
            b']>\n<clauselint format="1"><include glob="&j;"/></clauselint>\n')
    # two projects whose packs hold the same 20,000 rules, their
    # documents taken in turn: SARIF's rule table walked the ids of the
    # earlier project's rules for each rule at each change (7.2 s)
    rules = b"".join(check_rule(b"r%d" % i) for i in range(20000))
    for p in ("sarif-p1", "sarif-p2"):
        f[p + "/rules.xml"] = pack(rules)
        f[p + "/.clauselint.xml"] = cfg % b'<pack file="rules.xml"/>'
        for i in range(5):
            f[p + "/c%d.txt" % i] = PARA + b"\n"
    return f


def main():
    args = sys.argv[1:]
    only_small = args and args[0] == "--small"
    if only_small:
        args = args[1:]
    out = args[0]
    os.makedirs(out, exist_ok=True)
    files = small() if only_small else big()
    for name, data in files.items():
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.lexists(path):
            os.remove(path)
        if data is FIFO:
            os.mkfifo(path)
            continue
        if data is SOCKET:
            # bound by its name from its directory: a socket's path is
            # limited to 107 bytes
            cwd = os.getcwd()
            os.chdir(os.path.dirname(path) or ".")
            with socket.socket(socket.AF_UNIX) as s:
                s.bind(os.path.basename(path))
            os.chdir(cwd)
            continue
        with open(path, "wb") as fh:
            fh.write(data)


if __name__ == "__main__":
    main()
