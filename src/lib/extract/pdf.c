/*
 * pdf.c - the PDF extractor: the text layer of a PDF into blocks of UTF-8
 * text with page numbers.
 *
 * The text layer is read by poppler in a process of its own, the helper
 * program clauselint-pdf, under limits of CPU time and memory (pdfproc.c;
 * pdfmod.h says why). It gives each page's text in reading order, one
 * line per text line, and a rectangle per character. From them this file
 * rebuilds what the page layout lost:
 *  - paragraphs: a new block starts after a blank line, at a vertical gap
 *    wider than the page's usual line pitch, at a first-line indent, at a
 *    line that opens a clause ("1.2", "(a)", "Section 4") and after a
 *    heading line;
 *  - words hyphenated at a line end are joined ("termi-" + "nation");
 *  - running headers, footers and page numbers are removed: a line at the
 *    top or bottom of a page whose text, digits ignored, is at the same
 *    edge of most pages (unless that would leave no text at all: pages
 *    that repeat each other keep their text).
 * Text a reader cannot see is left out first, with a warning naming the
 * pages: the reader marks the characters whose boxes show no ink when the
 * page is drawn (render mode 3, white on white or on its own colour,
 * clipped away, covered, type under a point; pdf_poppler.c), and
 * drop_unseen() takes out the words with no ink or with most of their
 * letters unseen, and runs of two or more unseen letters and digits in
 * the others; pages the reader could not judge are named in a warning.
 * Every page's blocks carry its number; the first block of every page
 * after the first is flagged CLINT_BLOCK_PAGE_BREAK. A PDF without any
 * text is refused (a scan needs OCR), as are encrypted and damaged files.
 * Without the helper (not installed, or a build without poppler-glib)
 * PDFs are refused with the remedy, and a PDF that reaches a limit (the
 * helper's, or PDF_MAX_LINES here) is refused naming it.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "extract.h"
#include "pdfmod.h"

/* The pages with unseen text that the warning names; the others are
 * counted. */
#define UNSEEN_PAGES_NAMED 5

/* The lines nearest each page edge that may be a running header/footer. */
#define EDGE_LINES 6

/* The lines kept from all pages, 48 bytes each (about 100 MB): the text
 * limits of the reader (pdfproc.c) allow 256 MiB of text, which as short
 * lines would take 6 GB here. A contract has a few thousand lines; empty
 * lines in a row are kept as one. */
#define PDF_MAX_LINES 2000000

/* One text line of a page: text[start, end) of the page text. */
typedef struct {
	size_t start, end;
	double x, y, h;   /* first character's left, top, height; h = 0 if the
	                     page's layout is unknown */
	int drop;         /* a running header, footer or page number */
} pdf_line;

typedef struct {
	char *text;       /* from the module: module->release(); unless
	                     `own`: then split_lines()'s copy, free() */
	int own;
	pdf_line *lines;
	size_t count, cap;
} pdf_page;

/* True for a direction mark at s[j] (U+202A..U+202E, U+2066..U+2069):
 * poppler puts them around right-to-left text and gives them no box. */
static int bidi_mark(const char *s, size_t j)
{
	const unsigned char *u = (const unsigned char *)s + j;

	return u[0] == 0xE2 &&
	       ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
	        (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
}

/*
 * How the boxes map to the code points of text[0..len): 1 when there is
 * one per code point, 2 when there is one per code point but the
 * direction marks (one Hebrew letter made poppler add two, and the whole
 * page lost its layout), 0 when they do not map (the layout is unknown).
 */
static int box_map(const char *text, size_t len, size_t nrects)
{
	size_t chars = clint_utf8_count(text, len), marks = 0, k;

	if (!nrects)
		return 0;
	if (nrects == chars)
		return 1;
	for (k = 0; k + 2 < len; k++)
		marks += bidi_mark(text, k);
	return marks && nrects == chars - marks ? 2 : 0;
}

/* Letters and digits by their Unicode category (PCRE2's tables), for
 * drop_unseen(); compiled once. */
static pthread_once_t letter_once = PTHREAD_ONCE_INIT;
static pcre2_code *letter_re;

static void compile_letter(void)
{
	int e;
	PCRE2_SIZE off;

	letter_re = pcre2_compile((PCRE2_SPTR) "^[\\p{L}\\p{Nd}]",
	                          PCRE2_ZERO_TERMINATED, PCRE2_UTF, &e, &off, NULL);
}

/*
 * True for the character s[0..n) (valid UTF-8) if it is a letter or a
 * digit: its ink shows at the resolution pages are drawn at.
 * Punctuation, symbols, combining and invisible marks may leave less than
 * a pixel, or none; "3.5" must not become "35". md: match data for
 * letter_re, or NULL (then only ASCII is known).
 */
static int letter(const char *s, size_t n, pcre2_match_data *md)
{
	if ((unsigned char)s[0] < 0x80)
		return isalnum((unsigned char)s[0]) != 0;
	return md && letter_re &&
	       pcre2_match(letter_re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, md,
	                   NULL) > 0;
}

/* The boxes and ink flags of a page being compacted in place. */
typedef struct {
	char *text;
	clint_pdf_rect *rects;
	const unsigned char *ink;
	size_t len, nrects;
	int map;                 /* box_map()'s */
	pcre2_match_data *md;    /* for letter() */
	size_t wt, wr;  /* where the next kept byte and box go */
} unseen_pass;

/* Keeps text[a, b) and boxes [ra, rb). */
static void keep(unseen_pass *u, size_t a, size_t b, size_t ra, size_t rb)
{
	memmove(u->text + u->wt, u->text + a, b - a);
	u->wt += b - a;
	if (rb > ra) {
		memmove(u->rects + u->wr, u->rects + ra, (rb - ra) * sizeof(*u->rects));
		u->wr += rb - ra;
	}
}

/* True if text[j] has a box (a direction mark may not). */
static int boxed(const unseen_pass *u, size_t j)
{
	return !(u->map == 2 && bidi_mark(u->text, j));
}

/*
 * How much of the word text[a, b), boxes from ra, shows: 1 when it is to
 * be kept, with only its unseen letters and digits taken out; 0 when it
 * is to be left out whole: none of its boxes shows ink, or most of its
 * letters and digits show none (what a crop box or a clip cuts through
 * cannot be read: keeping the letters that peek out made nonsense).
 * A word without boxes is kept.
 */
static int word_shows(const unseen_pass *u, size_t a, size_t b, size_t ra)
{
	size_t j, r = ra, letters = 0, unseen = 0;
	int any = 0, seen = 0, hidden = 0;

	for (j = a; j < b; j = clint_utf8_fwd(u->text, j + 1, b))
		if (boxed(u, j)) {
			int ink = r < u->nrects && u->ink[r++];

			any = 1;
			seen |= ink;
			hidden |= !ink;
		}
	if (!any || !hidden)
		return 1;
	if (!seen)
		return 0;
	for (j = a, r = ra; j < b;) {
		size_t next = clint_utf8_fwd(u->text, j + 1, b);

		if (boxed(u, j)) {
			if (letter(u->text + j, next - j, u->md)) {
				letters++;
				unseen += r < u->nrects && !u->ink[r];
			}
			r++;
		}
		j = next;
	}
	return unseen * 2 <= letters;
}

/* True if text[j] (box r) is a letter or digit that shows nothing. */
static int unseen_letter(const unseen_pass *u, size_t j, size_t r)
{
	return boxed(u, j) && r < u->nrects && !u->ink[r] &&
	       letter(u->text + j, clint_utf8_fwd(u->text, j + 1, u->len) - j,
	              u->md);
}

/*
 * Leaves out of a page the text a reader cannot see (ink flags 0): a
 * word that shows nothing (word_shows()), with the space before it (a
 * line of such words with its line end), and the runs of two or more
 * unseen letters and digits in a word that shows (hidden letters glued
 * to a word would change it). The text and boxes are compacted in place; `map` is
 * box_map()'s. Returns the number of characters left out (spaces not
 * counted).
 */
static size_t drop_unseen(pdf_page *pg, clint_pdf_rect *rects, size_t *nrects,
                          const unsigned char *ink, int map)
{
	unseen_pass u = {pg->text, rects, ink, 0, *nrects, map, NULL, 0, 0};
	size_t len = strlen(pg->text), i = 0, ri = 0, dropped = 0;

	if (!ink || !map)
		return 0;
	u.len = len;
	if (pthread_once(&letter_once, compile_letter) == 0 && letter_re)
		u.md = pcre2_match_data_create(1, NULL);
	while (i < len) {
		size_t ls = i;
		int kept_any = 0, had_word = 0;

		while (i < len && pg->text[i] != '\n') {
			size_t sa = i, sra = ri, wa, wra, j, r;

			while (i < len && (pg->text[i] == ' ' || pg->text[i] == '\t')) {
				i++;
				ri++;
			}
			if (i >= len || pg->text[i] == '\n') { /* trailing space */
				if (kept_any || !had_word)
					keep(&u, sa, i, sra, ri);
				break;
			}
			/* the word [wa, i) and its boxes [wra, ri) */
			wa = j = i;
			wra = r = ri;
			while (j < len && pg->text[j] != '\n' && pg->text[j] != ' ' &&
			       pg->text[j] != '\t') {
				r += boxed(&u, j);
				j = clint_utf8_fwd(pg->text, j + 1, len);
			}
			had_word = 1;
			i = j;
			ri = r;
			if (!word_shows(&u, wa, i, wra)) { /* the word, and its space */
				dropped += clint_utf8_count(pg->text + wa, i - wa);
				continue;
			}
			if (kept_any || sa == ls)
				keep(&u, sa, wa, sra, wra);
			kept_any = 1;
			for (j = wa, r = wra; j < i;) {
				size_t end = j, re = r, run = 0;

				/* a run of unseen letters and digits: out if it has
				 * two or more (a single one at a word's edge is an OCR
				 * box wider than the scan's ink: "fees" stays) */
				while (end < i && unseen_letter(&u, end, re)) {
					re++;
					run++;
					end = clint_utf8_fwd(pg->text, end + 1, i);
				}
				if (run >= 2) {
					dropped += run;
				} else {
					if (!run) {
						end = clint_utf8_fwd(pg->text, j + 1, i);
						re = r + boxed(&u, j);
					}
					keep(&u, j, end, r, re);
				}
				j = end;
				r = re;
			}
		}
		if (i < len) { /* the line end: gone with a line left out whole */
			if (!had_word || kept_any)
				keep(&u, i, i + 1, ri, ri + 1);
			i++;
			ri++;
		}
	}
	pcre2_match_data_free(u.md);
	pg->text[u.wt] = '\0';
	*nrects = u.wr;
	return dropped;
}

/* Two characters of a line that the text does not separate are two
 * words when the gap between their boxes is wider than this many times
 * the first one's height (about a space and a half): poppler gives
 * "10.Fees and Expenses." for a clause number set apart from its heading
 * by a tab stop, "2.1.“Action” means" for a definition, and "Service
 * deskEUR 500" for two cells of a table row. A space is 0.2 to 0.3 of
 * the height; a letter's gap to the next of its word, kerned or spaced
 * out, well under. */
#define GAP_SPACE 0.4

/* True if character a (box r[ra]) and character b (box r[ra + 1]) of
 * text t, neither a space, are on one line and GAP_SPACE apart. */
static int gap_space(const char *t, size_t a, size_t b,
                     const clint_pdf_rect *r, size_t ra)
{
	const clint_pdf_rect *x = &r[ra], *y = &r[ra + 1];
	double h = x->y2 - x->y1;

	if (isspace((unsigned char)t[a]) || isspace((unsigned char)t[b]))
		return 0;
	return h > 0 && y->y1 < x->y2 && y->y2 > x->y1 &&
	       y->x1 - x->x2 > GAP_SPACE * h;
}

/* The spaces gap_space() finds in the page text, one per pair of
 * characters it separates; only where every code point has a box
 * (box_map() 1). */
static size_t count_gaps(const char *t, size_t len,
                         const clint_pdf_rect *rects, size_t nrects)
{
	size_t j, ci = 0, prev = SIZE_MAX, n = 0;

	for (j = 0; j < len && ci < nrects; j++) {
		if (clint_utf8_cont((unsigned char)t[j]))
			continue;
		if (t[j] != '\n' && prev != SIZE_MAX &&
		    gap_space(t, prev, j, rects, ci - 1))
			n++;
		prev = t[j] == '\n' ? SIZE_MAX : j;
		ci++;
	}
	return n;
}

/*
 * Splits the page text into lines and takes each line's position from
 * the character rectangles (box_map()). An empty
 * line after an empty line is not kept (the layout would do nothing
 * with it). *budget is the number of lines still allowed: CLINT_ELIMIT
 * when the page has more. Where gap_space() finds words that the text
 * runs together, *spaced is set to a copy of the text (malloc()) with a
 * space put between them, which the lines' offsets are into; else to
 * NULL.
 */
static int split_lines(pdf_page *pg, const clint_pdf_rect *rects,
                       size_t nrects, size_t *budget, char **spaced)
{
	size_t i = 0, len = strlen(pg->text), ci = 0, gaps, o = 0;
	int map = box_map(pg->text, len, nrects), have = map != 0,
	    skip = map == 2;
	const char *t = pg->text;
	char *out = NULL;

	*spaced = NULL;
	gaps = map == 1 ? count_gaps(t, len, rects, nrects) : 0;
	if (gaps) {
		out = malloc(len + gaps + 1);
		if (!out)
			return CLINT_ENOMEM;
	}
	while (i <= len) {
		size_t j = i, cj = ci, start = o, prev = SIZE_MAX;
		const pdf_line *last = pg->count ? &pg->lines[pg->count - 1] : NULL;

		while (j < len && t[j] != '\n') {
			if (!clint_utf8_cont((unsigned char)t[j]) &&
			    !(skip && bidi_mark(t, j))) {
				if (out && prev != SIZE_MAX && cj < nrects &&
				    o - j < gaps && gap_space(t, prev, j, rects, cj - 1))
					out[o++] = ' ';
				prev = j;
				cj++;
			}
			if (out)
				out[o] = t[j];
			o++;
			j++;
		}
		if (j > i || !last || last->end > last->start) {
			pdf_line *l;

			if (*budget == 0) {
				free(out);
				return CLINT_ELIMIT;
			}
			if (ARRAY_PUSH(pg->lines, pg->count, pg->cap) < 0) {
				free(out);
				return CLINT_ENOMEM;
			}
			(*budget)--;
			l = &pg->lines[pg->count++];
			memset(l, 0, sizeof(*l));
			l->start = start;
			l->end = o;
			/* a line of direction marks alone has no box but its line
			 * end's (cj == ci), which poppler places where the line
			 * before ends: it is given no position */
			if (have && ci < nrects && cj > ci) {
				l->x = rects[ci].x1;
				l->y = rects[ci].y1;
				l->h = rects[ci].y2 - rects[ci].y1;
				if (l->h <= 0)
					l->h = 0.01;
			}
		}
		ci = cj + 1; /* the '\n' has a rectangle too */
		if (j >= len)
			break;
		if (out)
			out[o] = '\n';
		o++;
		i = j + 1;
	}
	if (out) {
		out[o] = '\0';
		*spaced = out;
	}
	return CLINT_OK;
}

static int line_blank(const char *s, size_t a, size_t b)
{
	clint_line l = {a, b, b, 0};

	return clint_line_blank(s, &l);
}

/* True if s[a, b) reads as a sentence: four words or more with a letter
 * in them, ending with '.', ';' or ':'. A running head seldom does ("Page
 * 3 of 12", "Confidential"); a clause does, and one repeated at the foot
 * of each page was dropped whole. */
static int sentence_line(const char *s, size_t a, size_t b)
{
	size_t i, words = 0;
	int letter = 0;

	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	if (b == a || !strchr(".;:", s[b - 1]))
		return 0;
	for (i = a; i <= b; i++) {
		if (i == b || isspace((unsigned char)s[i])) {
			words += letter;
			letter = 0;
		} else if (isalpha((unsigned char)s[i]) ||
		           (unsigned char)s[i] >= 0x80) {
			letter = 1;
		}
	}
	return words >= 4;
}

/* The line's text with white space squeezed and digits left out: pages
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

/* A line near a page edge, with its key (line_key()). */
typedef struct {
	char *key;
	size_t page, rank;  /* the page, and the line's place from the edge */
	size_t line;        /* its index in the page's lines */
	size_t pages;       /* pages with this key near the same edge */
	int sentence;       /* sentence_line(): its first copy is kept */
} edge_line;

static int cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

static int cmp_edge_key(const void *a, const void *b)
{
	const edge_line *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : cmp_size(x->page, y->page);
}

static int cmp_edge_place(const void *a, const void *b)
{
	const edge_line *x = a, *y = b;
	int c = cmp_size(x->page, y->page);

	return c ? c : cmp_size(x->rank, y->rank);
}

/* The numbers (runs of digits) of s[a, b) into v; their count, or
 * max + 1 when there are more or one has more than 15 digits. */
static size_t digit_runs(const char *s, size_t a, size_t b, long long *v,
                         size_t max)
{
	size_t n = 0, i = a, d;

	while (i < b) {
		if (!isdigit((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (n == max)
			return max + 1;
		v[n] = 0;
		for (d = 0; i < b && isdigit((unsigned char)s[i]); i++, d++)
			if (d < 15)  /* no overflow: a longer run is not compared */
				v[n] = v[n] * 10 + (s[i] - '0');
		if (d > 15)
			return max + 1;
		n++;
	}
	return n;
}

#define MAX_LINE_NUMBERS 16

/* True if the copies g[0..m) of a repeated sentence (one key: the same
 * but for their digits; by page) differ in a number that is not the page
 * number: each number must be the same on every page, or go up with the
 * pages ("Page 2 of 3."). */
static int numbers_vary(const pdf_page *pages, const edge_line *g, size_t m)
{
	long long v0[MAX_LINE_NUMBERS], v[MAX_LINE_NUMBERS], d;
	int same[MAX_LINE_NUMBERS], paged[MAX_LINE_NUMBERS];
	const pdf_line *l = &pages[g[0].page].lines[g[0].line];
	size_t n0, r, k;

	n0 = digit_runs(pages[g[0].page].text, l->start, l->end, v0,
	                MAX_LINE_NUMBERS);
	if (n0 > MAX_LINE_NUMBERS)
		return 1;
	for (r = 0; r < n0; r++)
		same[r] = paged[r] = 1;
	for (k = 1; k < m; k++) {
		l = &pages[g[k].page].lines[g[k].line];
		if (digit_runs(pages[g[k].page].text, l->start, l->end, v,
		               MAX_LINE_NUMBERS) != n0)
			return 1;
		for (r = 0; r < n0; r++) {
			d = v[r] - v0[r];
			same[r] &= d == 0;
			paged[r] &= d == (long long)(g[k].page - g[0].page);
			if (!same[r] && !paged[r])
				return 1;
		}
	}
	return 0;
}

/*
 * Marks running headers, footers and page numbers: lines at an edge whose
 * key is at the same edge of more than half of the pages (and of at least
 * two). Only lines from the edge inwards are dropped, up to the first
 * line that is not repeated. Of a line that reads as a sentence, the copy
 * on its first page is kept (a clause repeated at each page's foot is
 * still in the contract, once), and all are kept when their numbers
 * differ but for a page number. The edge lines of all pages are sorted by
 * key once per edge, so a PDF of many pages costs n log n, not n squared
 * (comparing every page with every other took a minute for 20,000 pages).
 */
static int drop_running(pdf_page *pages, size_t npages)
{
	edge_line *e;
	size_t p, i, j, k, n, need = npages / 2 + 1;
	int dir, rc = CLINT_OK;

	if (npages < 2)
		return CLINT_OK;
	if (npages > SIZE_MAX / EDGE_LINES / sizeof(*e))
		return CLINT_ENOMEM;
	e = malloc(npages * EDGE_LINES * sizeof(*e));
	if (!e)
		return CLINT_ENOMEM;
	for (dir = 1; dir >= -1 && rc == CLINT_OK; dir -= 2) {
		n = 0;
		for (p = 0; p < npages && rc == CLINT_OK; p++) {
			size_t idx[EDGE_LINES], m = edge_lines(&pages[p], dir, idx);
			for (i = 0; i < m; i++) {
				const pdf_line *l = &pages[p].lines[idx[i]];
				e[n].sentence = sentence_line(pages[p].text, l->start,
				                              l->end);
				e[n].key = line_key(pages[p].text, l->start, l->end);
				if (!e[n].key) {
					rc = CLINT_ENOMEM;
					break;
				}
				e[n].page = p;
				e[n].rank = i;
				e[n].line = idx[i];
				n++;
			}
		}
		if (rc == CLINT_OK) {
			/* equal keys side by side, by page: count the pages */
			qsort(e, n, sizeof(*e), cmp_edge_key);
			for (i = 0; i < n; i = j) {
				size_t distinct = 1;
				for (j = i + 1; j < n && strcmp(e[j].key, e[i].key) == 0; j++)
					distinct += e[j].page != e[j - 1].page;
				for (k = i; k < j; k++)
					e[k].pages = distinct;
				if (!e[i].sentence || distinct < need) {
					for (k = i; k < j; k++)
						e[k].sentence = 0;
				} else if (numbers_vary(pages, e + i, j - i)) {
					/* "within 30 days" on one page, "within 120
					 * days" on the next: clauses, kept */
					for (k = i; k < j; k++)
						e[k].pages = 0;
				} else {
					/* the first page's copy of a sentence stays */
					for (k = i + 1; k < j; k++)
						e[k].sentence = 0;
				}
			}
			/* each page from the edge inwards, up to the first line
			 * that is not repeated */
			qsort(e, n, sizeof(*e), cmp_edge_place);
			for (i = 0; i < n; i = j) {
				for (j = i; j < n && e[j].page == e[i].page; j++)
					;
				for (k = i; k < j && e[k].pages >= need; k++)
					pages[e[k].page].lines[e[k].line].drop = !e[k].sentence;
			}
		}
		for (i = 0; i < n; i++)
			free(e[i].key);
	}
	free(e);
	return rc;
}

/* When every line with text was taken for a running header or footer
 * (pages that repeat each other), none is: the text is the document's,
 * and hiding it would hide it from the checks. */
static void keep_if_all_running(pdf_page *pages, size_t npages)
{
	size_t p, i;

	for (p = 0; p < npages; p++)
		for (i = 0; i < pages[p].count; i++) {
			const pdf_line *l = &pages[p].lines[i];
			if (!l->drop && !line_blank(pages[p].text, l->start, l->end))
				return;
		}
	for (p = 0; p < npages; p++)
		for (i = 0; i < pages[p].count; i++)
			pages[p].lines[i].drop = 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The usual distance between the tops of consecutive lines of a
 * paragraph on a page (a low percentile: paragraph gaps are often as
 * common as line steps), or 0 when unknown. */
static double line_pitch(const pdf_page *pg)
{
	double *d = malloc((pg->count + 1) * sizeof(double)), m = 0;
	size_t i, n = 0;
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
	/* a hostile page may have a million lines: no quadratic sort
	 * (insertion sort took 13 s for 60,000 lines of falling gaps) */
	qsort(d, n, sizeof(*d), cmp_double);
	if (n)
		m = d[n / 5];
	free(d);
	return m;
}

static int starts_lower(const clint_pdf_module *m, const char *s, size_t a,
                        size_t b)
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
	return m->is_lower(cp);
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
static int build_blocks(clint_doc *doc, const clint_pdf_module *m,
                        pdf_page *pages, size_t npages)
{
	unsigned para = 0;
	size_t p, i;
	int rc = CLINT_OK;

	for (p = 0; p < npages; p++) {
		pdf_page *pg = &pages[p];
		double pitch = line_pitch(pg);
		const pdf_line *prev = NULL;
		int first_of_page = 1, lines_in_block = 0, after_heading = 0;
		int placed = 0; /* lines of the block with a position */

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
				else if (placed > 1 && l->x > prev->x + 8)
					start = 1; /* a first-line indent */
			}
			if (start) {
				para++;
				TRY(clint_doc_open_block(
					doc, CLINT_BLOCK_PARAGRAPH, 0, (unsigned)p + 1, para,
					first_of_page && p > 0 ? CLINT_BLOCK_PAGE_BREAK : 0));
				first_of_page = 0;
				lines_in_block = 0;
				placed = 0;
				after_heading = 0;
			} else if (ends_hyphen(doc) && starts_lower(m, s, 0, n)) {
				doc->build.len--; /* "termi-" + "nation" */
			} else {
				TRY(clint_doc_put(doc, " ", 1));
			}
			TRY(clint_doc_put(doc, s, n));
			/* a heading line is a block of its own */
			if (lines_in_block == 0 && clint_heading_line(s, n))
				after_heading = 1;
			lines_in_block++;
			/* the next line's position is compared with the last line
			 * that has one: a line without a box (direction marks
			 * alone) hid the paragraph gap after it */
			if (l->h > 0) {
				prev = l;
				placed++;
			}
		}
		if (doc->block_open)
			TRY(clint_doc_close_block(doc));
	}
done:
	return rc;
}

/* The default CPU-time limit of reading a PDF: generous for a real one
 * (poppler reads a contract at a few MiB a second). */
#define PDF_SECONDS_BASE 10.0
#define PDF_SECONDS_PER_MIB 40.0
#define PDF_DEFAULT_MEMORY ((size_t)2048 * 1024 * 1024)

int clint_extract_pdf(clint_doc *doc, const unsigned char *data, size_t len,
                      clint_diag *diag)
{
	const clint_pdf_module *m;
	clint_pdf_limits lim;
	const char *why;

	if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "not a PDF (it does not start with \"%%PDF-\")");
		return CLINT_EFORMAT;
	}
	m = clint_pdf_reader(&why);
	if (!m) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0, "%s", why);
		return CLINT_EUNSUPPORTED;
	}
	lim.cpu_seconds = doc->pdf_seconds < 0 ? 0
	                  : doc->pdf_seconds > 0
	                      ? doc->pdf_seconds
	                      : PDF_SECONDS_BASE +
	                            PDF_SECONDS_PER_MIB * (double)len / 1048576.0;
	lim.memory_bytes = doc->pdf_memory == SIZE_MAX ? 0
	                   : doc->pdf_memory ? doc->pdf_memory
	                                     : PDF_DEFAULT_MEMORY;
	return clint_extract_pdf_layout(doc, m, &lim, data, len, diag);
}

/* The error for a reader's failure `rc` with reason `why`; the code. */
static int reader_failed(clint_doc *doc, int rc, const char *why,
                         clint_diag *diag)
{
	switch (rc) {
	case CLINT_PDF_ENOMEM:
		return CLINT_ENOMEM;
	case CLINT_PDF_EENCRYPTED:
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "encrypted PDF: it needs a password; save an "
		               "unprotected copy (e.g. qpdf --decrypt) and lint that");
		return CLINT_EFORMAT;
	case CLINT_PDF_ELIMIT:
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "PDF not read: %s", why[0] ? why : "a limit");
		return CLINT_ELIMIT;
	case CLINT_PDF_EFAILED:
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "PDF not read: %s", why[0] ? why : "the reader failed");
		return CLINT_EFORMAT;
	default:
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "damaged or unreadable PDF (%s)",
		               why[0] ? why : "unknown error");
		return CLINT_EFORMAT;
	}
}

/* Pages a message names: how many, the first few, and a count of
 * characters. */
typedef struct {
	size_t pages, named[UNSEEN_PAGES_NAMED], chars;
} page_list;

static void list_page(page_list *l, size_t page, size_t chars)
{
	if (l->pages < UNSEEN_PAGES_NAMED)
		l->named[l->pages] = page;
	l->pages++;
	l->chars += chars;
}

/* Names the pages of `l`: "page 3", "pages 3, 5 and 9", "pages 3, 5, 9,
 * 12, 14 and 7 more". */
static const char *name_pages(char *buf, size_t cap, const page_list *l)
{
	size_t k, n = l->pages < UNSEEN_PAGES_NAMED ? l->pages : UNSEEN_PAGES_NAMED,
	          used = 0;

	buf[0] = '\0';
	for (k = 0; k < n && used < cap; k++) {
		const char *sep = k == 0 ? (l->pages == 1 ? "page " : "pages ")
		                  : k + 1 == l->pages ? " and " : ", ";
		int w = snprintf(buf + used, cap - used, "%s%zu", sep, l->named[k]);
		if (w < 0)
			return buf;
		used += (size_t)w;
	}
	if (l->pages > n && used < cap)
		snprintf(buf + used, cap - used, " and %zu more", l->pages - n);
	return buf;
}

/* The warnings for the pages the reader could not draw, and so that were
 * not looked at for text a reader cannot see (by CLINT_PDF_DRAWN_*). */
static void warn_undrawn(const clint_doc *doc, const page_list *undrawn,
                         clint_diag *diag)
{
	static const char *const why[] = {
		"a font there could not be drawn", "too large to draw",
		"half the CPU time allowed (--max-pdf-seconds) had been spent"};
	char where[160];
	int k;

	for (k = 0; k < 3; k++)
		if (undrawn[k].pages)
			clint_diag_add(diag, CLINT_DIAG_WARNING, doc->name, 0, 0,
			               "%s not looked at for text a reader cannot see: "
			               "%s",
			               name_pages(where, sizeof(where), &undrawn[k]),
			               why[k]);
}

int clint_extract_pdf_layout(clint_doc *doc, const clint_pdf_module *m,
                             const clint_pdf_limits *lim,
                             const unsigned char *data, size_t len,
                             clint_diag *diag)
{
	void *pdf = NULL;
	char why[1024], where[160];
	pdf_page *pages = NULL;
	size_t npages = 0, p, chars = 0, budget = PDF_MAX_LINES;
	page_list unseen = {0, {0}, 0}, undrawn[3];
	int rc = CLINT_OK, n;

	why[0] = '\0';
	memset(undrawn, 0, sizeof(undrawn));
	rc = m->open(&pdf, data, len, lim, why, sizeof(why));
	if (rc != CLINT_PDF_OK)
		return reader_failed(doc, rc, why, diag);
	n = m->page_count(pdf);
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
		clint_pdf_page pg = {NULL, NULL, 0, CLINT_PDF_DRAWN_NO, NULL};
		size_t i, gone;
		char *spaced;

		npages++;
		why[0] = '\0';
		rc = m->page(pdf, (int)p, &pg, why, sizeof(why));
		pages[p].text = pg.text;
		if (rc != CLINT_PDF_OK || !pg.text) {
			m->release(pg.rects);
			m->release(pg.ink);
			rc = reader_failed(doc, rc == CLINT_PDF_OK ? CLINT_PDF_ENOMEM : rc,
			                   why, diag);
			goto done;
		}
		if (pg.drawn == CLINT_PDF_DRAWN_OK) {
			gone = drop_unseen(&pages[p], pg.rects, &pg.nrects, pg.ink,
			                   box_map(pg.text, strlen(pg.text), pg.nrects));
			if (gone)
				list_page(&unseen, p + 1, gone);
		} else if (pg.drawn > CLINT_PDF_DRAWN_OK &&
		           pg.drawn <= CLINT_PDF_DRAWN_TIME && pg.nrects) {
			list_page(&undrawn[pg.drawn - CLINT_PDF_DRAWN_FONT], p + 1, 0);
		}
		m->release(pg.ink);
		rc = split_lines(&pages[p], pg.rects, pg.nrects, &budget, &spaced);
		m->release(pg.rects);
		if (spaced) {
			m->release(pages[p].text);
			pages[p].text = spaced;
			pages[p].own = 1;
		}
		if (rc == CLINT_ELIMIT)
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "PDF not read: more than %d lines of text (page "
			               "%zu reaches the limit)",
			               PDF_MAX_LINES, p + 1);
		if (rc < 0)
			goto done;
		for (i = 0; pages[p].text[i]; i++)
			if (!isspace((unsigned char)pages[p].text[i]))
				chars++;
	}
	warn_undrawn(doc, undrawn, diag);
	name_pages(where, sizeof(where), &unseen);
	if (chars == 0) {
		if (unseen.chars)
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "none of its text is drawn visibly: %zu "
			               "character%s invisible, white, clipped, covered or "
			               "too small (%s)",
			               unseen.chars, unseen.chars == 1 ? " is" : "s are",
			               where);
		else
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "no text layer (scanned image?) \xE2\x80\x94 run "
			               "OCR first");
		rc = CLINT_EFORMAT;
		goto done;
	}
	if (unseen.chars)
		clint_diag_add(diag, CLINT_DIAG_WARNING, doc->name, 0, 0,
		               "%zu character%s a reader cannot see (invisible, white, "
		               "clipped, covered or too small) left out, on %s",
		               unseen.chars, unseen.chars == 1 ? "" : "s", where);
	TRY(drop_running(pages, npages));
	keep_if_all_running(pages, npages);
	TRY(build_blocks(doc, m, pages, npages));
done:
	for (p = 0; p < npages; p++) {
		if (pages[p].own)
			free(pages[p].text);
		else
			m->release(pages[p].text);
		free(pages[p].lines);
	}
	free(pages);
	m->close(pdf);
	return rc;
}
