/*
 * fuzz_pdf_layout.c - the PDF extractor's layout stage (pdf.c: lines,
 * paragraphs, running heads, hyphenation, page breaks), then normalise,
 * segment and values, fed by a stand-in PDF module that takes its pages
 * and character boxes from the input.
 *
 * The pdf target reaches this code only through poppler, which spends
 * nearly all of each run and returns the well-behaved text and boxes of
 * whatever it can parse. A hostile PDF controls both, within what poppler
 * lets through; here every line's position, gap and height comes straight
 * from the input, including NaN, infinite and negative ones, and the
 * module's failures are the input's to choose.
 *
 * Input: a flag byte, the text (pages separated by form feeds; invalid
 * UTF-8 is made '?', as the module promises UTF-8), then, after the first
 * NUL byte, the geometry: three bytes per line, used in turn and cycled:
 * the indent in points, the gap to the previous line (a signed byte;
 * -128 makes y NaN), the height in sixteenths of a point (255:
 * infinite); when the first of them is odd, direction marks get no box
 * (poppler's, around right-to-left text). Without a NUL there are no
 * boxes. Every box has an ink flag:
 * on a line whose height byte is odd, a character shows no ink where the
 * line's indent byte has the bit of its column (modulo 8) set.
 * Flags: bits 0-2 = 3, 4, 5, 6, 7: open() fails with ELIMIT, EFAILED,
 * ENOMEM, EENCRYPTED, EDAMAGED; bit 3: one box too many (the extractor
 * must then ignore them); bit 4: the last page fails with ENOMEM, or with
 * ELIMIT when bit 7 is set too (a helper stopped mid-way); bit 5:
 * page_count() says
 * one page more than there is (that page reads empty, as poppler's
 * missing pages do); bit 6: no pages at all.
 */
#include <math.h>
#include <stdio.h>

#include "fuzz.h"
#include "extract/extract.h"
#include "extract/pdfmod.h"

typedef struct {
	unsigned char flags;
	const unsigned char *text, *geo;
	size_t text_len, geo_len;
	size_t page_count;
	size_t next_page, next_at;  /* where page next_page starts (pages are
	                               read in order: no quadratic scan) */
} fake_pdf;

static int fake_open(void **out, const unsigned char *data, size_t len,
                     const clint_pdf_limits *lim, char *err, size_t errlen)
{
	fake_pdf *f;
	const unsigned char *nul;
	size_t i;

	*out = NULL;
	if (!len)
		return CLINT_PDF_EDAMAGED;
	(void)lim;
	switch (data[0] & 7) {
	case 3:
		snprintf(err, errlen, "stand-in limit");
		return CLINT_PDF_ELIMIT;
	case 4:
		snprintf(err, errlen, "stand-in failure");
		return CLINT_PDF_EFAILED;
	case 5:
		return CLINT_PDF_ENOMEM;
	case 6:
		return CLINT_PDF_EENCRYPTED;
	case 7:
		snprintf(err, errlen, "stand-in damage");
		return CLINT_PDF_EDAMAGED;
	}
	f = calloc(1, sizeof(*f));
	if (!f)
		return CLINT_PDF_ENOMEM;
	f->flags = data[0];
	f->text = data + 1;
	nul = memchr(f->text, 0, len - 1);
	f->text_len = nul ? (size_t)(nul - f->text) : len - 1;
	if (nul) {
		f->geo = nul + 1;
		f->geo_len = len - 1 - f->text_len - 1;
	}
	f->page_count = 1;
	for (i = 0; i < f->text_len; i++)
		f->page_count += f->text[i] == '\f';
	*out = f;
	return CLINT_PDF_OK;
}

static int fake_page_count(void *pdf)
{
	fake_pdf *f = pdf;

	if (f->flags & 0x40)
		return 0;
	return (int)(f->page_count + !!(f->flags & 0x20));
}

/* One signed geometry byte, cycling through the geometry part. */
static int geo_byte(const fake_pdf *f, size_t k)
{
	return (signed char)f->geo[k % f->geo_len];
}

/* True for a direction mark (U+202A..U+202E, U+2066..U+2069) at s[0..n). */
static int is_mark(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	return n >= 3 && u[0] == 0xE2 &&
	       ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
	        (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
}

static int fake_page(void *pdf, int i, clint_pdf_page *pg, char *err,
                     size_t errlen)
{
	fake_pdf *f = pdf;
	size_t a = 0, b, n = 0, k, line = 0, cps = 0, col = 0;
	int nomarks;
	double y = 0;
	char *t;

	memset(pg, 0, sizeof(*pg));
	if ((f->flags & 0x10) && (size_t)i + 1 >= f->page_count) {
		if (!(f->flags & 0x80))
			return CLINT_PDF_ENOMEM;
		snprintf(err, errlen, "stand-in limit on a page");
		return CLINT_PDF_ELIMIT;
	}
	/* page i: the text between the i-th and (i+1)-th form feeds */
	k = 0;
	if ((size_t)i >= f->next_page) {
		k = f->next_page;
		a = f->next_at;
	}
	for (; k < (size_t)i && a <= f->text_len; a++)
		if (a == f->text_len || f->text[a] == '\f')
			k++;
	if (a > f->text_len)
		a = f->text_len;  /* past the last page: empty */
	for (b = a; b < f->text_len && f->text[b] != '\f'; b++)
		;
	f->next_page = (size_t)i + 1;
	f->next_at = b + 1;
	t = malloc(b - a + 1);
	if (!t)
		return CLINT_PDF_ENOMEM;
	/* valid UTF-8, as the module promises: anything else becomes '?' */
	for (k = a; k < b;) {
		uint32_t cp;
		size_t m = clint_utf8_decode(f->text + k, b - k, &cp);
		if (!m || cp == 0) {
			t[n++] = '?';
			k++;
		} else {
			memcpy(t + n, f->text + k, m);
			n += m;
			k += m;
		}
		cps++;
	}
	t[n] = '\0';
	pg->text = t;
	if (!f->geo || !f->geo_len)
		return CLINT_PDF_OK;
	/* an odd first geometry byte: direction marks get no box, as from
	 * poppler around right-to-left text */
	nomarks = f->geo[0] & 1;
	if (nomarks)
		for (k = 0; k < n; k++)
			cps -= is_mark(t + k, n - k);
	pg->nrects = cps + !!(f->flags & 0x08);
	pg->rects = calloc(pg->nrects ? pg->nrects : 1, sizeof(*pg->rects));
	pg->ink = malloc(pg->nrects ? pg->nrects : 1);
	pg->drawn = CLINT_PDF_DRAWN_OK;
	if (!pg->rects || !pg->ink) {
		free(t);
		free(pg->rects);
		free(pg->ink);
		memset(pg, 0, sizeof(*pg));
		return CLINT_PDF_ENOMEM;
	}
	/* a box per code point; each line's from its three geometry bytes */
	for (k = 0, a = 0; k < pg->nrects; k++) {
		clint_pdf_rect *r = &pg->rects[k];

		while (nomarks && a < n && is_mark(t + a, n - a))
			a += 3;
		double x = (unsigned char)geo_byte(f, 3 * line), h;
		int gap = geo_byte(f, 3 * line + 1);
		int hb = (unsigned char)geo_byte(f, 3 * line + 2);

		if (col == 0)
			y = gap == -128 ? NAN : y + gap;
		h = hb == 255 ? INFINITY : hb / 16.0;
		r->x1 = x + 6.0 * (double)col;
		r->x2 = r->x1 + 5.0;
		r->y1 = y;
		r->y2 = y + h;
		/* unseen: on a line of odd height, where the indent's bit of
		 * the column is set */
		pg->ink[k] = !((hb & 1) && ((unsigned)x >> (col % 8) & 1));
		col++;
		if (a < n) {
			size_t m = 1;
			if (t[a] == '\n') {
				line++;
				col = 0;
			} else {
				uint32_t cp;
				m = clint_utf8_decode((const unsigned char *)t + a, n - a, &cp);
			}
			a += m ? m : 1;
		}
	}
	return CLINT_PDF_OK;
}

static void fake_release(void *p)
{
	free(p);
}

static void fake_close(void *pdf)
{
	free(pdf);
}

/* Beyond ASCII, every third code point is lower case. */
static int fake_is_lower(uint32_t cp)
{
	return cp % 3 == 0;
}

static const clint_pdf_module fake = {
	CLINT_PDF_MODULE_ABI, fake_open,  fake_page_count, fake_page,
	fake_release,         fake_close, fake_is_lower,
};

static int extract_layout(clint_doc *doc, const unsigned char *data,
                          size_t len, clint_diag *diag)
{
	return clint_extract_pdf_layout(doc, &fake, NULL, data, len, diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_extract_with(extract_layout, CLINT_INPUT_PDF, "fuzz.pdf", data,
	                         size);
}
