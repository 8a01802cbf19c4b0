/*
 * text.c - plain-text extraction: decoding (UTF-8 with or without BOM,
 * UTF-16 LE/BE, Windows-1252 fallback) and blocks from blank lines,
 * clause numbering and list bullets. Form feeds are page breaks.
 */
#include <string.h>

#include "extract.h"

/* Windows-1252 0x80..0x9F; 0 where the code page leaves a hole. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* A NUL character is refused in every encoding: in UTF-16 as in 8-bit text,
 * it means the file is not a text document. */
static int refuse_nul(const char *name, clint_diag *diag, const char *what)
{
	clint_diag_add(diag, CLINT_DIAG_ERROR, name, 0, 0,
	               "binary file (%s): not a text document", what);
	return CLINT_EFORMAT;
}

static int decode_utf16(clint_buf *out, const unsigned char *d, size_t len,
                        int big_endian, const char *name, clint_diag *diag)
{
	size_t i;
	int rc = CLINT_OK;

	for (i = 0; i + 1 < len && rc == CLINT_OK; i += 2) {
		uint32_t u = big_endian ? (uint32_t)(d[i] << 8 | d[i + 1])
		                        : (uint32_t)(d[i + 1] << 8 | d[i]);
		if (u == 0)
			return refuse_nul(name, diag, "U+0000 characters");
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t lo = big_endian ? (uint32_t)(d[i + 2] << 8 | d[i + 3])
			                         : (uint32_t)(d[i + 3] << 8 | d[i + 2]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		rc = clint_buf_put_utf8(out, u); /* lone surrogates become U+FFFD */
	}
	return rc;
}

int clint_decode_cp1252(clint_buf *out, const unsigned char *d, size_t len)
{
	size_t i;
	int rc = CLINT_OK;

	for (i = 0; i < len && rc == CLINT_OK; i++) {
		uint32_t c = d[i];
		if (c >= 0x80 && c <= 0x9F)
			c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
		rc = clint_buf_put_utf8(out, c);
	}
	return rc;
}

/* Guesses UTF-16 without a BOM from the pattern of zero bytes: 0 no, 1 LE,
 * 2 BE. Text in Latin script has a zero in every other byte. */
static int guess_utf16(const unsigned char *d, size_t len)
{
	size_t i, n = len < 4096 ? len : 4096, even = 0, odd = 0;

	if (n < 8 || n % 2)
		return 0;
	for (i = 0; i < n; i++) {
		if (d[i] == 0) {
			if (i % 2)
				odd++;
			else
				even++;
		}
	}
	if (odd > n / 2 * 7 / 10 && even == 0)
		return 1;
	if (even > n / 2 * 7 / 10 && odd == 0)
		return 2;
	return 0;
}

int clint_decode_utf8_lenient(clint_buf *out, const unsigned char *d,
                              size_t len, int fffd, size_t *count)
{
	size_t i = 0, run = 0, n;
	uint32_t cp;
	int rc = CLINT_OK;

	*count = 0;
	while (i < len && rc == CLINT_OK) {
		n = d[i] < 0x80 ? 1 : clint_utf8_decode(d + i, len - i, &cp);
		if (n) {
			i += n;
			continue;
		}
		cp = d[i];
		if (fffd || cp < 0x80 || cp > 0x9F)
			cp = fffd ? 0xFFFD : cp;
		else
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
		rc = clint_buf_put(out, d + run, i - run);
		if (rc == CLINT_OK)
			rc = clint_buf_put_utf8(out, cp);
		(*count)++;
		run = ++i;
	}
	if (rc == CLINT_OK)
		rc = clint_buf_put(out, d + run, len - run);
	return rc;
}

/* A character whose valid UTF-8 sequence settles that a file is UTF-8:
 * General Punctuation (U+2000-U+206F: curly quotes, dashes, the
 * direction controls and isolates, zero-width characters), the Arabic
 * letter mark and U+FEFF. In Windows-1252 their bytes read "â€" or "â"
 * followed by a symbol, "Øœ" or "ï»¿": text that was itself UTF-8. */
static int utf8_sign(uint32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x206F) || cp == 0x061C || cp == 0xFEFF;
}

/* Sequences of two bytes or more that are valid UTF-8, those of them that
 * are utf8_sign() characters, and bytes that start none, in d[0..len). */
static void utf8_census(const unsigned char *d, size_t len, size_t *multi,
                        size_t *signs, size_t *invalid)
{
	size_t i = 0, n;
	uint32_t cp;

	*multi = *signs = *invalid = 0;
	while (i < len) {
		if (d[i] < 0x80) {
			i++;
			continue;
		}
		n = clint_utf8_decode(d + i, len - i, &cp);
		if (n) {
			(*multi)++;
			*signs += utf8_sign(cp);
			i += n;
		} else {
			(*invalid)++;
			i++;
		}
	}
}

/*
 * Bytes that declare no encoding and are not all UTF-8 (the first bad
 * one at `bad`). Mostly UTF-8 - more valid sequences than bad bytes, or
 * any utf8_sign() character - is a UTF-8 file with a few bytes of
 * Windows-1252 pasted in (a "’" as 0x92): those bytes are read as
 * Windows-1252 and the rest as UTF-8; read all as Windows-1252, every "’"
 * of the file became "â€™". Else the file is Windows-1252 (where a valid
 * UTF-8 sequence is rare: a capital Â-ß followed by a symbol). A note
 * says which.
 *
 * One sign is enough: a right-to-left override (U+202E) read as
 * Windows-1252 is the letters "â€®", which the direction-control check
 * does not see, while an editor that reads the file as UTF-8 obeys it
 * and shows "30" where the file says "03". Without it, two stray
 * Windows-1252 bytes beside an override and its U+202C, two valid
 * sequences, hid it.
 */
int clint_decode_undeclared(clint_buf *out, const unsigned char *d, size_t len,
                            size_t bad, const char *name, clint_diag *diag)
{
	size_t multi, signs, invalid, count;

	utf8_census(d, len, &multi, &signs, &invalid);
	if (multi > invalid || signs) {
		clint_diag_add(diag, CLINT_DIAG_NOTE, name, 0, 0,
		               "not valid UTF-8 (byte 0x%02X at offset %zu): %zu "
		               "such byte%s decoded as Windows-1252, the rest as "
		               "UTF-8",
		               d[bad], bad, invalid, invalid == 1 ? "" : "s");
		return clint_decode_utf8_lenient(out, d, len, 0, &count);
	}
	clint_diag_add(diag, CLINT_DIAG_NOTE, name, 0, 0,
	               "not valid UTF-8 (byte 0x%02X at offset %zu); decoded "
	               "as Windows-1252",
	               d[bad], bad);
	return clint_decode_cp1252(out, d, len);
}

int clint_decode_text(clint_buf *out, const unsigned char *d, size_t len,
                      const char *name, clint_diag *diag)
{
	size_t bad;
	int guess;

	if (len == 0)
		return CLINT_OK;
	if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
		return decode_utf16(out, d + 2, len - 2, 0, name, diag);
	if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		return decode_utf16(out, d + 2, len - 2, 1, name, diag);
	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
		d += 3;
		len -= 3;
	}
	guess = guess_utf16(d, len);
	if (guess) {
		clint_diag_add(diag, CLINT_DIAG_NOTE, name, 0, 0,
		               "no byte-order mark; decoded as UTF-16%s",
		               guess == 1 ? "LE" : "BE");
		return decode_utf16(out, d, len, guess == 2, name, diag);
	}
	if (memchr(d, 0, len))
		return refuse_nul(name, diag, "NUL bytes");
	bad = clint_utf8_invalid_from(d, len, 0);
	if (bad < len)
		return clint_decode_undeclared(out, d, len, bad, name, diag);
	return clint_buf_put(out, d, len);
}

int clint_doc_decode(clint_doc *doc, const unsigned char *data, size_t len,
                     clint_diag *diag)
{
	clint_buf b = CLINT_BUF_INIT;
	int rc;

	b.limit = doc->build.limit;  /* the text's, clint_extract()'s */
	rc = clint_decode_text(&b, data, len, doc->name, diag);
	if (rc == CLINT_OK) {
		doc->text = clint_buf_detach(&b, &doc->text_len);
		if (!doc->text)
			rc = CLINT_ENOMEM;
	}
	clint_buf_free(&b);
	return rc;
}

/* True for a "- " "* " "+ " "• " bullet; sets *skip to the marker length. */
static int bullet(const char *s, size_t len, size_t *skip)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 < len && strchr("-*+", s[i]) && s[i + 1] == ' ') {
		*skip = i + 2;
		return 1;
	}
	if (i + 3 < len && memcmp(s + i, "\xE2\x80\xA2", 3) == 0 &&
	    (s[i + 3] == ' ' || s[i + 3] == '\t')) {
		*skip = i + 4;
		return 1;
	}
	return 0;
}

int clint_extract_text(clint_doc *doc, const unsigned char *data, size_t len,
                       clint_diag *diag)
{
	clint_line line;
	size_t pos = 0, bstart = 0, bend = 0, skip;
	unsigned page = 1, bpage = 1, flags = 0, lines = 0;
	int open = 0, type = CLINT_BLOCK_PARAGRAPH, heading = 0, rc;

	TRY(clint_doc_decode(doc, data, len, diag));

	while (pos < doc->text_len) {
		const char *s = doc->text;
		int blank, opens, is_bullet;

		clint_next_line(s, doc->text_len, pos, &line);
		blank = clint_line_blank(s, &line);
		is_bullet = !blank && bullet(s + line.start, line.end - line.start,
		                             &skip);
		opens = !blank && (is_bullet ||
		                   clint_line_opens_clause(s + line.start,
		                                           line.end - line.start));
		/* a heading line ends its block even without a blank line */
		if (open && (blank || opens || (lines == 1 && heading))) {
			TRY(clint_doc_add_block(doc, (clint_block_type)type, 0, bstart,
			                        bend, bpage, flags));
			open = 0;
			flags = 0;
		}
		if (!blank) {
			if (!open) {
				open = 1;
				bstart = line.start;
				bpage = page;
				type = is_bullet ? CLINT_BLOCK_LIST_ITEM : CLINT_BLOCK_PARAGRAPH;
				if (is_bullet)
					TRY(clint_doc_add_skip(doc, line.start, line.start + skip));
				lines = 0;
				heading = !is_bullet &&
				          clint_heading_line(s + line.start,
				                             line.end - line.start);
			}
			lines++;
			bend = line.end;
		}
		if (line.page_break) {
			if (open) {
				TRY(clint_doc_add_block(doc, (clint_block_type)type, 0, bstart,
				                        bend, bpage, flags));
				open = 0;
			}
			page++;
			flags = CLINT_BLOCK_F_PAGE_BREAK;
		}
		pos = line.next;
	}
	if (open)
		TRY(clint_doc_add_block(doc, (clint_block_type)type, 0, bstart, bend,
		                        bpage, flags));
done:
	return rc;
}
