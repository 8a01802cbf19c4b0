/*
 * extract.c - the extraction stage: detects the input format from its
 * content (and the file name for Markdown) and hands the bytes to the
 * extractor for that format. Formats this build cannot read are refused
 * with a message that names the remedy.
 */
#define _GNU_SOURCE  /* memmem */
#include <ctype.h>
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
 * Names a binary container this build does not read, or returns NULL.
 * The message says what to do instead.
 */
static const char *refuse_binary(const unsigned char *d, size_t len)
{
	if (is_docx(d, len))
		return NULL;
	if (is_zip(d, len))
		return "ZIP container without word/document.xml (ODT or another "
		       "archive, not DOCX): this build reads DOCX, plain text and "
		       "Markdown; save the document as .docx, .txt or .md";
	if (starts(d, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return "OLE compound file (legacy Word .doc or password-protected "
		       "Office file): remove the password and save as .txt or .md";
	if (starts(d, len, "%PDF-", 5))
		return "PDF: this build reads plain text and Markdown only; export "
		       "the text (e.g. pdftotext) and lint the .txt";
	if (starts(d, len, "{\\rtf", 5))
		return "RTF: this build reads plain text and Markdown only; save as "
		       ".txt";
	return NULL;
}

int clint_extract(clint_doc **out, const char *name, const unsigned char *data,
                  size_t len, const clint_doc_options *opts, clint_diag *diag)
{
	clint_input_format fmt = opts->format;
	clint_doc *doc = NULL;
	const char *why;
	int rc;

	*out = NULL;
	why = refuse_binary(data, len);
	if (why) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, name, 0, 0, "%s", why);
		return CLINT_EUNSUPPORTED;
	}
	if (is_docx(data, len))
		fmt = CLINT_INPUT_DOCX;   /* whatever was asked: text it is not */
	if (fmt == CLINT_INPUT_AUTO)
		fmt = has_suffix(name, ".md") || has_suffix(name, ".markdown")
		          ? CLINT_INPUT_MARKDOWN
		          : CLINT_INPUT_TEXT;
	TRY(clint_doc_alloc(&doc, name));
	doc->format = fmt;
	doc->revisions = opts->revisions;
	if (fmt == CLINT_INPUT_DOCX) {
		TRY(clint_extract_docx(doc, data, len, diag));
		TRY(clint_doc_finish_build(doc));
	} else if (fmt == CLINT_INPUT_MARKDOWN)
		TRY(clint_extract_markdown(doc, data, len, diag));
	else
		TRY(clint_extract_text(doc, data, len, diag));
	TRY(clint_doc_index_lines(doc));
	*out = doc;
	doc = NULL;
done:
	clint_doc_free(doc);
	return rc;
}

/* ---- line helpers shared by the text extractors -------------------------- */

void clint_next_line(const char *text, size_t len, size_t pos, clint_line *line)
{
	size_t i = pos;

	while (i < len && text[i] != '\n' && text[i] != '\r' && text[i] != '\f')
		i++;
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

static int is_roman(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 6)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("ivxlcIVXLC", s[i]))
			return 0;
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
		if (!(k == 1 || is_roman(s + i + 1, k) ||
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
			    is_roman(s + j, k - j))
				return 1;
		}
	}
	return 0;
}
