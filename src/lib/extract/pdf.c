/*
 * pdf.c - the PDF extractor: the text layer of a PDF, read with
 * poppler-glib, into blocks of UTF-8 text with page numbers.
 *
 * Poppler gives each page's text in reading order, one line per text
 * line, and a rectangle per character. From them this file rebuilds what
 * the page layout lost:
 *  - paragraphs: a new block starts after a blank line, at a vertical gap
 *    wider than the page's usual line pitch, at a first-line indent, at a
 *    line that opens a clause ("1.2", "(a)", "Section 4") and after a
 *    heading line;
 *  - words hyphenated at a line end are joined ("termi-" + "nation");
 *  - running headers, footers and page numbers are removed: a line at the
 *    top or bottom of a page whose text, digits ignored, is at the same
 *    edge of most pages.
 * Every page's blocks carry its number; the first block of every page
 * after the first is flagged CLINT_BLOCK_PAGE_BREAK. A PDF without any
 * text is refused (a scan needs OCR), as are encrypted and damaged files.
 *
 * Without poppler-glib (CLINT_HAVE_POPPLER undefined) PDFs are refused
 * with the remedy.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#ifndef CLINT_HAVE_POPPLER

int clint_extract_pdf(clint_doc *doc, const unsigned char *data, size_t len,
                      clint_diag *diag)
{
	(void)data;
	(void)len;
	clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
	               "this build has no PDF support: install "
	               "libpoppler-glib-dev and rebuild");
	return CLINT_EUNSUPPORTED;
}

#else

#include <poppler.h>

/* The lines nearest each page edge that may be a running header/footer. */
#define EDGE_LINES 6

/* One text line of a page: text[start, end) of the page text. */
typedef struct {
	size_t start, end;
	double x, y, h;   /* first character's left, top, height; h = 0 if the
	                     page's layout is unknown */
	int drop;         /* a running header, footer or page number */
} pdf_line;

typedef struct {
	char *text;       /* g_malloc'd by poppler */
	pdf_line *lines;
	size_t count, cap;
} pdf_page;

/* Poppler reports damage it recovers from through GLib's log: keep it out
 * of the tool's stderr (the file is reported once, through `diag`). */
static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

/*
 * Splits the page text into lines and takes each line's position from
 * the character rectangles (when poppler gives one per character).
 */
static int split_lines(pdf_page *pg, PopplerPage *page)
{
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	size_t i = 0, len = strlen(pg->text), ci = 0, nchars;
	int have = 0;

	nchars = (size_t)g_utf8_strlen(pg->text, (gssize)len);
	if (poppler_page_get_text_layout(page, &rects, &nrects) &&
	    nrects == nchars)
		have = 1;
	while (i <= len) {
		size_t j = i, cj = ci;
		pdf_line *l;

		while (j < len && pg->text[j] != '\n') {
			if (((unsigned char)pg->text[j] & 0xC0) != 0x80)
				cj++;
			j++;
		}
		if (ARRAY_PUSH(pg->lines, pg->count, pg->cap) < 0) {
			g_free(rects);
			return CLINT_ENOMEM;
		}
		l = &pg->lines[pg->count++];
		memset(l, 0, sizeof(*l));
		l->start = i;
		l->end = j;
		if (have && ci < nrects && j > i) {
			l->x = rects[ci].x1;
			l->y = rects[ci].y1;
			l->h = rects[ci].y2 - rects[ci].y1;
			if (l->h <= 0)
				l->h = 0.01;
		}
		ci = cj + 1; /* the '\n' has a rectangle too */
		if (j >= len)
			break;
		i = j + 1;
	}
	g_free(rects);
	return CLINT_OK;
}

static int line_blank(const char *s, size_t a, size_t b)
{
	clint_line l = {a, b, b, 0};

	return clint_line_blank(s, &l);
}

/* The line's text with digits left out and white space squeezed: pages
 * that share a header or footer share this key. */
static char *line_key(const char *s, size_t a, size_t b)
{
	char *k = malloc(b - a + 1);
	size_t n = 0, i;

	if (!k)
		return NULL;
	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c))
			continue;
		if (isspace(c)) {
			if (n && k[n - 1] != ' ')
				k[n++] = ' ';
			continue;
		}
		k[n++] = (char)c;
	}
	while (n && k[n - 1] == ' ')
		n--;
	k[n] = '\0';
	return k;
}

/* Up to EDGE_LINES non-blank lines from one edge (top: dir 1, bottom:
 * dir -1); fills idx and returns how many. */
static size_t edge_lines(const pdf_page *pg, int dir, size_t *idx)
{
	size_t n = 0, k;

	for (k = 0; k < pg->count && n < EDGE_LINES; k++) {
		size_t i = dir > 0 ? k : pg->count - 1 - k;
		if (!line_blank(pg->text, pg->lines[i].start, pg->lines[i].end))
			idx[n++] = i;
	}
	return n;
}

/*
 * Marks running headers, footers and page numbers: lines at an edge whose
 * key is at the same edge of more than half of the pages (and of at least
 * two). Only lines from the edge inwards are dropped, up to the first
 * line that is not repeated.
 */
static int drop_running(pdf_page *pages, size_t npages)
{
	int dir, rc = CLINT_OK;
	size_t p, q, a, b, need = npages / 2 + 1;

	if (npages < 2)
		return CLINT_OK;
	for (dir = 1; dir >= -1; dir -= 2) {
		for (p = 0; p < npages; p++) {
			size_t idx[EDGE_LINES], n = edge_lines(&pages[p], dir, idx);
			for (a = 0; a < n; a++) {
				pdf_line *l = &pages[p].lines[idx[a]];
				char *key = line_key(pages[p].text, l->start, l->end);
				size_t count = 0;
				if (!key)
					return CLINT_ENOMEM;
				for (q = 0; q < npages; q++) {
					size_t jdx[EDGE_LINES], m = edge_lines(&pages[q], dir, jdx);
					for (b = 0; b < m; b++) {
						pdf_line *o = &pages[q].lines[jdx[b]];
						char *k2 = line_key(pages[q].text, o->start, o->end);
						int same;
						if (!k2) {
							free(key);
							return CLINT_ENOMEM;
						}
						same = strcmp(key, k2) == 0;
						free(k2);
						if (same) {
							count++;
							break;
						}
					}
				}
				free(key);
				if (count < need)
					break; /* stop at the first line that is not repeated */
				l->drop = 1;
			}
		}
	}
	return rc;
}

/* The usual distance between the tops of consecutive lines of a
 * paragraph on a page (a low percentile: paragraph gaps are often as
 * common as line steps), or 0 when unknown. */
static double line_pitch(const pdf_page *pg)
{
	double *d = malloc((pg->count + 1) * sizeof(double)), m = 0, t;
	size_t i, j, n = 0;
	const pdf_line *prev = NULL;

	if (!d)
		return 0;
	for (i = 0; i < pg->count; i++) {
		const pdf_line *l = &pg->lines[i];
		if (l->drop || l->h == 0)
			continue;
		if (prev && l->y > prev->y)
			d[n++] = l->y - prev->y;
		prev = l;
	}
	/* insertion sort: a page has few lines */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && d[j - 1] > d[j]; j--) {
			t = d[j];
			d[j] = d[j - 1];
			d[j - 1] = t;
		}
	if (n)
		m = d[n / 5];
	free(d);
	return m;
}

static int starts_lower(const char *s, size_t a, size_t b)
{
	uint32_t cp;
	size_t n;

	while (a < b && s[a] == ' ')
		a++;
	if (a >= b)
		return 0;
	n = clint_utf8_decode((const unsigned char *)s + a, b - a, &cp);
	if (!n)
		return 0;
	if (cp < 0x80)
		return islower((int)cp) != 0;
	return g_unichar_islower(cp);
}

/* The built text ends mid-sentence (a letter or a comma): an "(a)" or
 * "3.4" at the start of the next line is an inline enumeration or a
 * cross-reference ("this Section / 3.4 will apply"), not a new clause. */
static int continues(const clint_doc *doc)
{
	const char *t = doc->build.data;
	size_t n = doc->build.len;

	return n >= 1 && (isalpha((unsigned char)t[n - 1]) || t[n - 1] == ',');
}

/* The built text ends in a letter and a hyphen. */
static int ends_hyphen(const clint_doc *doc)
{
	const char *t = doc->build.data;
	size_t n = doc->build.len;

	return n >= 2 && t[n - 1] == '-' && isalpha((unsigned char)t[n - 2]);
}

/* Turns the kept lines of every page into blocks. */
static int build_blocks(clint_doc *doc, pdf_page *pages, size_t npages)
{
	unsigned para = 0;
	size_t p, i;
	int rc = CLINT_OK;

	for (p = 0; p < npages; p++) {
		pdf_page *pg = &pages[p];
		double pitch = line_pitch(pg);
		const pdf_line *prev = NULL;
		int first_of_page = 1, lines_in_block = 0, after_heading = 0;

		for (i = 0; i < pg->count; i++) {
			const pdf_line *l = &pg->lines[i];
			const char *s = pg->text + l->start;
			size_t n = l->end - l->start;
			int start = 0;

			if (l->drop)
				continue;
			while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
				n--;
			if (line_blank(pg->text, l->start, l->start + n)) {
				if (doc->block_open)
					TRY(clint_doc_close_block(doc));
				prev = NULL;
				continue;
			}
			if (!doc->block_open || after_heading)
				start = 1;
			else if (clint_line_opens_clause(s, n) && !continues(doc))
				start = 1;
			else if (prev && l->h > 0 && prev->h > 0) {
				if (l->y < prev->y - 0.5 * prev->h)
					start = 1; /* a new column or region */
				else if (pitch > 0 && l->y - prev->y > pitch * 1.3 + 0.5)
					start = 1; /* a vertical gap */
				else if (lines_in_block > 1 && l->x > prev->x + 8)
					start = 1; /* a first-line indent */
			}
			if (start) {
				para++;
				TRY(clint_doc_open_block(
					doc, CLINT_BLOCK_PARAGRAPH, 0, (unsigned)p + 1, para,
					first_of_page && p > 0 ? CLINT_BLOCK_PAGE_BREAK : 0));
				first_of_page = 0;
				lines_in_block = 0;
				after_heading = 0;
			} else if (ends_hyphen(doc) && starts_lower(s, 0, n)) {
				doc->build.len--; /* "termi-" + "nation" */
			} else {
				TRY(clint_doc_put(doc, " ", 1));
			}
			TRY(clint_doc_put(doc, s, n));
			/* a heading line is a block of its own */
			if (lines_in_block == 0 && clint_heading_line(s, n))
				after_heading = 1;
			lines_in_block++;
			prev = l;
		}
		if (doc->block_open)
			TRY(clint_doc_close_block(doc));
	}
done:
	return rc;
}

int clint_extract_pdf(clint_doc *doc, const unsigned char *data, size_t len,
                      clint_diag *diag)
{
	static gsize quiet = 0;
	PopplerDocument *pd = NULL;
	GBytes *bytes = NULL;
	GError *err = NULL;
	pdf_page *pages = NULL;
	size_t npages = 0, p, chars = 0;
	int rc = CLINT_OK, n;

	if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "not a PDF (it does not start with \"%%PDF-\")");
		return CLINT_EFORMAT;
	}
	if (g_once_init_enter(&quiet)) {
		g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
		                                 G_LOG_FLAG_RECURSION,
		                  quiet_log, NULL);
		g_once_init_leave(&quiet, 1);
	}
	bytes = g_bytes_new_static(data, len);
	pd = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!pd) {
		if (err && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED)
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "encrypted PDF: it needs a password; save an "
			               "unprotected copy (e.g. qpdf --decrypt) and lint "
			               "that");
		else
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "damaged or unreadable PDF (%s)",
			               err && err->message ? err->message : "unknown error");
		rc = CLINT_EFORMAT;
		goto done;
	}
	n = poppler_document_get_n_pages(pd);
	if (n <= 0) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "damaged PDF: it has no pages");
		rc = CLINT_EFORMAT;
		goto done;
	}
	pages = calloc((size_t)n, sizeof(*pages));
	if (!pages) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (p = 0; p < (size_t)n; p++) {
		PopplerPage *page = poppler_document_get_page(pd, (int)p);
		size_t i;

		npages++;
		if (!page)
			continue;
		pages[p].text = poppler_page_get_text(page);
		if (!pages[p].text)
			pages[p].text = g_strdup("");
		rc = split_lines(&pages[p], page);
		g_object_unref(page);
		if (rc < 0)
			goto done;
		for (i = 0; pages[p].text[i]; i++)
			if (!isspace((unsigned char)pages[p].text[i]))
				chars++;
	}
	if (chars == 0) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "no text layer (scanned image?) \xE2\x80\x94 run OCR "
		               "first");
		rc = CLINT_EFORMAT;
		goto done;
	}
	TRY(drop_running(pages, npages));
	TRY(build_blocks(doc, pages, npages));
done:
	for (p = 0; p < npages; p++) {
		g_free(pages[p].text);
		free(pages[p].lines);
	}
	free(pages);
	if (err)
		g_error_free(err);
	if (pd)
		g_object_unref(pd);
	if (bytes)
		g_bytes_unref(bytes);
	return rc;
}

#endif /* CLINT_HAVE_POPPLER */
