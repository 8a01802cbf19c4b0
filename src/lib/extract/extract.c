/*
 * extract.c - the extraction stage: detects the input format from its
 * content (and the file name for Markdown) and hands the bytes to the
 * extractor for that format. Formats this build cannot read are refused
 * with a message that names the remedy.
 */
#define _GNU_SOURCE  /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n >= m && strcasecmp(name + n - m, suffix) == 0;
}

static int starts(const unsigned char *d, size_t len, const char *magic,
                  size_t n)
{
	return len >= n && memcmp(d, magic, n) == 0;
}

/* Skips a UTF-8 BOM, white space, and XML declarations, processing
 * instructions and comments before the first tag. */
static size_t skip_prolog(const unsigned char *d, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		const char *close = NULL;
		while (i < len && isspace(d[i]))
			i++;
		if (i + 1 < len && d[i] == '<' && d[i + 1] == '?')
			close = "?>";
		else if (i + 3 < len && memcmp(d + i, "<!--", 4) == 0)
			close = "-->";
		if (!close)
			return i;
		while (i < len && !(d[i] == close[0] &&
		                    len - i >= strlen(close) &&
		                    memcmp(d + i, close, strlen(close)) == 0))
			i++;
		if (i >= len)
			return len;
		i += strlen(close);
	}
}

/*
 * True if the bytes look like HTML: after a BOM, white space, an XML
 * declaration and comments, "<!DOCTYPE html", "<html" or an XHTML root.
 */
static int looks_like_html(const unsigned char *d, size_t len)
{
	size_t i = skip_prolog(d, len);
	const char *s = (const char *)d + i;
	size_t n = len - i;

	if (n >= 14 && strncasecmp(s, "<!DOCTYPE html", 14) == 0)
		return 1;
	if (n >= 6 && strncasecmp(s, "<html", 5) == 0 &&
	    (isspace((unsigned char)s[5]) || s[5] == '>'))
		return 1;
	/* an XHTML root with a prefix, e.g. <xhtml:html xmlns:xhtml=...> */
	if (n > 1 && s[0] == '<') {
		size_t k = 1;
		while (k < n && k < 64 && (isalnum((unsigned char)s[k]) || s[k] == '_'))
			k++;
		if (k < n && s[k] == ':' && n - k > 6 &&
		    strncasecmp(s + k + 1, "html", 4) == 0 &&
		    (isspace((unsigned char)s[k + 5]) || s[k + 5] == '>'))
			return 1;
	}
	return 0;
}

static int is_zip(const unsigned char *d, size_t len)
{
	return starts(d, len, "PK\x03\x04", 4) || starts(d, len, "PK\x05\x06", 4);
}

/*
 * A ZIP that names word/document.xml is read as DOCX (the DOCX extractor
 * then checks that the entry really exists). The name is stored
 * uncompressed in the local and central headers, so a byte search finds
 * it without opening the archive.
 */
static int is_docx(const unsigned char *d, size_t len)
{
	return is_zip(d, len) && memmem(d, len, "word/document.xml", 17) != NULL;
}

/*
 * Decides the format of an input. The content decides first: a container
 * or page format cannot be read as anything else, whatever was asked.
 * Then the requested format, then the file name and the content of a
 * text file. Returns CLINT_INPUT_AUTO with *why set for an input this
 * build cannot read; the message names the remedy.
 */
static clint_input_format detect_format(const char *name,
                                        const unsigned char *d, size_t len,
                                        clint_input_format asked,
                                        const char **why)
{
	*why = NULL;
	if (is_docx(d, len))
		return CLINT_INPUT_DOCX;
	if (clint_odt_sniff(d, len))
		return CLINT_INPUT_ODT;
	if (is_zip(d, len)) {
		*why = "ZIP container that is neither a DOCX nor an ODT document: "
		       "save the document as .docx, .odt, .txt or .md";
		return CLINT_INPUT_AUTO;
	}
	if (starts(d, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		*why = "OLE compound file (legacy Word .doc or password-protected "
		       "Office file): remove the password and save as .docx";
		return CLINT_INPUT_AUTO;
	}
	if (starts(d, len, "{\\rtf", 5))
		return CLINT_INPUT_RTF;
	if (starts(d, len, "%PDF-", 5))
		return CLINT_INPUT_PDF;
	if (asked != CLINT_INPUT_AUTO)
		return asked;
	if (has_suffix(name, ".html") || has_suffix(name, ".htm") ||
	    has_suffix(name, ".xhtml") || looks_like_html(d, len))
		return CLINT_INPUT_HTML;
	if (has_suffix(name, ".md") || has_suffix(name, ".markdown"))
		return CLINT_INPUT_MARKDOWN;
	return CLINT_INPUT_TEXT;
}

int clint_extract(clint_doc **out, const char *name, const unsigned char *data,
                  size_t len, const clint_doc_options *opts, clint_diag *diag)
{
	clint_input_format fmt;
	clint_doc *doc = NULL;
	const char *why;
	size_t errors = clint_diag_count_level(diag, CLINT_DIAG_ERROR);
	/* the text is no larger than the input may be: a byte of Windows-1252
	 * is up to three of UTF-8, so 256 MiB of it were 768 MB of text
	 * (DOCX and ODT set a lower limit of their own, PDF's pages have
	 * theirs) */
	size_t limit = opts->max_input_bytes ? opts->max_input_bytes
	                                     : CLINT_DEFAULT_MAX_INPUT;
	int rc;

	*out = NULL;
	fmt = detect_format(name, data, len, opts->format, &why);
	if (why) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, name, 0, 0, "%s", why);
		return CLINT_EUNSUPPORTED;
	}
	/* the content overrode what was asked: say so, or a pipeline that
	 * asked for text gets a DOCX's findings without a word */
	if (opts->format != CLINT_INPUT_AUTO && fmt != opts->format)
		clint_diag_add(diag, CLINT_DIAG_NOTE, name, 0, 0,
		               "read as %s, not %s: its content is %s",
		               clint_input_format_name(fmt),
		               clint_input_format_name(opts->format),
		               fmt == CLINT_INPUT_DOCX  ? "a DOCX package"
		               : fmt == CLINT_INPUT_ODT ? "an ODT package"
		               : fmt == CLINT_INPUT_RTF ? "RTF"
		                                        : "a PDF");
	TRY(clint_doc_alloc(&doc, name));
	doc->format = fmt;
	doc->revisions = opts->revisions;
	doc->pdf_seconds = opts->max_pdf_seconds;
	doc->pdf_memory = opts->max_pdf_memory;
	doc->mem.limit = opts->max_doc_memory == SIZE_MAX ? 0
	                 : opts->max_doc_memory ? opts->max_doc_memory
	                                        : CLINT_DEFAULT_MAX_DOC_MEMORY;
	if (fmt != CLINT_INPUT_PDF)
		doc->build.limit = limit;
	switch (fmt) {
	case CLINT_INPUT_MARKDOWN:
		TRY(clint_extract_markdown(doc, data, len, diag));
		break;
	case CLINT_INPUT_DOCX:
	case CLINT_INPUT_ODT:
	case CLINT_INPUT_HTML:
	case CLINT_INPUT_RTF:
	case CLINT_INPUT_PDF:
		/* word processing and page formats build their text block by block */
		TRY(fmt == CLINT_INPUT_DOCX   ? clint_extract_docx(doc, data, len, diag)
		    : fmt == CLINT_INPUT_ODT  ? clint_extract_odt(doc, data, len, diag)
		    : fmt == CLINT_INPUT_HTML ? clint_extract_html(doc, data, len, diag)
		    : fmt == CLINT_INPUT_RTF  ? clint_extract_rtf(doc, data, len, diag)
		                              : clint_extract_pdf(doc, data, len, diag));
		TRY(clint_doc_finish_build(doc));
		break;
	default:
		TRY(clint_extract_text(doc, data, len, diag));
		break;
	}
	TRY(clint_doc_index_lines(doc));
	*out = doc;
	doc = NULL;
done:
	if (rc == CLINT_ELIMIT && doc && doc->mem.over)
		clint_doc_mem_error(doc, diag);
	else if (rc == CLINT_ELIMIT && doc &&
	         clint_diag_count_level(diag, CLINT_DIAG_ERROR) == errors)
		clint_diag_add(diag, CLINT_DIAG_ERROR, name, 0, 0,
		               "its text is larger than the limit of %zu bytes%s",
		               doc->build.limit,
		               doc->build.limit == limit ? " (the input size limit)"
		                                         : "");
	clint_doc_free(doc);
	return rc;
}

char *clint_utf16_to_utf8(const unsigned char *s, size_t len, int be,
                           size_t *outlen)
{
	char *o = malloc(len / 2 * 3 + 1), *w = o;
	size_t i;

	if (!o)
		return NULL;
	for (i = 0; i + 1 < len; i += 2) {
		unsigned long u = be ? (unsigned long)s[i] << 8 | s[i + 1]
		                     : (unsigned long)s[i + 1] << 8 | s[i];

		if (u >= 0xD800 && u < 0xDC00 && i + 3 < len) {
			unsigned long l = be ? (unsigned long)s[i + 2] << 8 | s[i + 3]
			                     : (unsigned long)s[i + 3] << 8 | s[i + 2];
			if (l >= 0xDC00 && l < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
				i += 2;
			}
		}
		/* a lone surrogate becomes U+FFFD there */
		w += clint_utf8_encode((uint32_t)u, w);
	}
	*outlen = (size_t)(w - o);
	return o;
}

/* ---- line helpers shared by the text extractors -------------------------- */

void clint_next_line(const char *text, size_t len, size_t pos, clint_line *line)
{
	size_t i = len, from = pos, to, w = 64;
	const char *p;

	/* the first of \n, \r, \f: memchr for \n, then for the rarer two
	 * before it, in a window that doubles until one is found (a line is
	 * short; without the window, a file of CR line ends had each line
	 * look for a \n to the end of the text: 10 MB took minutes) */
	if (pos >= len)
		i = pos;
	while (from < len && i == len) {
		to = len - from > w ? from + w : len;
		if ((p = memchr(text + from, '\n', to - from)) != NULL)
			i = to = (size_t)(p - text);
		if ((p = memchr(text + from, '\r', to - from)) != NULL)
			i = to = (size_t)(p - text);
		if ((p = memchr(text + from, '\f', to - from)) != NULL)
			i = (size_t)(p - text);
		from = to;
		w *= 2;
	}
	line->start = pos;
	line->end = i;
	line->page_break = 0;
	if (i < len && text[i] == '\f') {
		line->page_break = 1;
		i++;
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n')
			i++;
	} else if (i < len && text[i] == '\r') {
		i++;
		if (i < len && text[i] == '\n')
			i++;
	} else if (i < len) {
		i++;
	}
	line->next = i;
}

int clint_line_blank(const char *text, const clint_line *line)
{
	size_t i;

	for (i = line->start; i < line->end; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || c == '\t' || c == '\v')
			continue;
		/* U+00A0 NO-BREAK SPACE */
		if (c == 0xC2 && i + 1 < line->end &&
		    (unsigned char)text[i + 1] == 0xA0) {
			i++;
			continue;
		}
		return 0;
	}
	return 1;
}

static const char *const clause_words[] = {
	"article", "section", "clause", "schedule", "exhibit",
	"annex",   "appendix", "part",  "attachment",
};

int clint_line_opens_clause(const char *s, size_t len)
{
	size_t i = 0, j, k, w;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= len)
		return 0;
	/* "1." "1.1" "12.3.4" followed by a space: at most 3 digits first */
	if (isdigit((unsigned char)s[i])) {
		j = i;
		while (j < len && isdigit((unsigned char)s[j]))
			j++;
		if (j - i > 3)
			return 0;
		while (j + 1 < len && s[j] == '.' && isdigit((unsigned char)s[j + 1])) {
			j++;
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
		}
		if (j < len && (s[j] == '.' || s[j] == ')'))
			j++;
		else if (!(j > i && j < len && memchr(s + i, '.', j - i)))
			return 0;
		/* "1.1.The Supplier": typed without a space (segment.c) */
		if (j + 1 < len && s[j - 1] == '.' && isupper((unsigned char)s[j]) &&
		    isalpha((unsigned char)s[j + 1]))
			return 1;
		return j < len && (s[j] == ' ' || s[j] == '\t');
	}
	/* "(a)" "(iv)" "(12)" */
	if (s[i] == '(') {
		j = i + 1;
		while (j < len && j - i <= 5 && isalnum((unsigned char)s[j]))
			j++;
		if (j == i + 1 || j >= len || s[j] != ')')
			return 0;
		k = j - i - 1;
		if (!(k == 1 || clint_is_roman(s + i + 1, k) ||
		      (k <= 3 && isdigit((unsigned char)s[i + 1]))))
			return 0;
		return j + 1 >= len || s[j + 1] == ' ' || s[j + 1] == '\t';
	}
	/* "a)" */
	if (isalpha((unsigned char)s[i]) && i + 2 < len && s[i + 1] == ')' &&
	    s[i + 2] == ' ')
		return 1;
	/* "Article IV", "Section 7.2", ... followed by a number or letter */
	for (w = 0; w < ARRAY_LEN(clause_words); w++) {
		size_t n = strlen(clause_words[w]);
		if (len - i > n + 1 && strncasecmp(s + i, clause_words[w], n) == 0 &&
		    s[i + n] == ' ' &&
		    (isdigit((unsigned char)s[i + n + 1]) ||
		     isupper((unsigned char)s[i + n + 1]))) {
			/* the designator is a number, a roman numeral or one letter */
			j = i + n + 1;
			k = j;
			while (k < len && (isalnum((unsigned char)s[k]) || s[k] == '.'))
				k++;
			while (k > j && s[k - 1] == '.')
				k--;
			if (isdigit((unsigned char)s[j]) || k - j == 1 ||
			    clint_is_roman(s + j, k - j))
				return 1;
		}
	}
	return 0;
}

/* ---- cells held for after their block --------------------------------- */

int clint_held_cells_add(clint_held_cells *q, clint_doc *doc, unsigned flags,
                         unsigned paragraph, unsigned page, const char *s,
                         size_t n)
{
	unsigned head[3];
	int rc;

	head[0] = flags;
	if (q->row_pending)
		head[0] |= CLINT_BLOCK_ROW_START;
	q->row_pending = 0;
	head[1] = paragraph;
	head[2] = page;
	if ((rc = clint_buf_put(&q->buf, head, sizeof(head))) >= 0 &&
	    (rc = clint_buf_put(&q->buf, s, n)) >= 0)
		rc = clint_buf_putc(&q->buf, '\0');
	/* the room the buffer took (it doubles), not only what it holds */
	if (rc >= 0 && q->buf.cap > q->charged) {
		if ((rc = clint_mem_take(&doc->mem, q->buf.cap - q->charged)) < 0)
			return rc;
		q->charged = q->buf.cap;
	}
	return rc;
}

void clint_held_cells_row(clint_held_cells *q)
{
	q->row_pending = 1;
}

unsigned clint_held_cells_page(const clint_held_cells *q)
{
	unsigned head[3];

	if (!q->buf.len)
		return 0;
	memcpy(head, q->buf.data, sizeof(head));
	return head[2];
}

int clint_held_cells_flush(clint_held_cells *q, clint_doc *doc,
                           unsigned first_flags)
{
	unsigned head[3];
	size_t at = 0, len;
	const char *s;
	int rc = CLINT_OK;

	while (rc >= 0 && at < q->buf.len) {
		memcpy(head, q->buf.data + at, sizeof(head));
		s = q->buf.data + at + sizeof(head);
		len = strlen(s);
		if ((rc = clint_doc_open_block(doc, CLINT_BLOCK_TABLE_CELL, 0, head[2],
		                               head[1], head[0] | first_flags)) >= 0 &&
		    (rc = clint_doc_put(doc, s, len)) >= 0)
			rc = clint_doc_close_block(doc);
		first_flags = 0;
		at += sizeof(head) + len + 1;
	}
	/* the cells after the sheet's are not in its last row */
	if (q->buf.len)
		clint_doc_table_row(doc);
	clint_held_cells_free(q, doc);  /* its room too, until cells come again */
	return rc;
}

void clint_held_cells_free(clint_held_cells *q, clint_doc *doc)
{
	clint_buf_free(&q->buf);
	clint_mem_give(&doc->mem, q->charged);
	q->charged = 0;
}

int clint_object_warn(clint_object_warnings *w, const char *key,
                      clint_diag *diag, const char *name, unsigned line,
                      const char *more)
{
	unsigned i;

	for (i = 0; key && i < w->count; i++)
		if (strcmp(w->keys[i], key) == 0)
			return 0;
	if (w->said == CLINT_MAX_OBJECT_WARNINGS)
		clint_diag_add(diag, CLINT_DIAG_WARNING, name, line, 0, "%s", more);
	if (w->said >= CLINT_MAX_OBJECT_WARNINGS) {
		w->said = CLINT_MAX_OBJECT_WARNINGS + 1;
		return 0;
	}
	w->said++;
	/* out of memory: said again the next time */
	if (key && (w->keys[w->count] = strdup(key)) != NULL)
		w->count++;
	return 1;
}

void clint_object_warnings_free(clint_object_warnings *w)
{
	unsigned i;

	for (i = 0; i < w->count; i++)
		free(w->keys[i]);
	w->count = 0;
}
