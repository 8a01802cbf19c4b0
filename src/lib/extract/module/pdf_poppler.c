/*
 * pdf_poppler.c - the poppler module: reads the text layer of a PDF with
 * poppler-glib for pdf.c's layout stage. It runs in the helper program
 * clauselint-pdf (pdf_helper.c), never in the library; see pdfmod.h. The
 * limits are the helper's to enforce, on its whole process.
 *
 * Nothing here writes to stderr: poppler reports the damage it recovers
 * from through GLib's log, which is silenced (the file is reported once,
 * by the library).
 *
 * poppler reads every character of the text layer, drawn or not: text in
 * render mode 3 (invisible), white on white, clipped away, or painted
 * over. So each page that has text is also drawn, small, and every
 * character gets an ink flag: whether anything is visible in its box
 * (page_ink()). An OCR layer over a scan keeps its text (the scan is the
 * ink); what is left out, and the warning, is the library's decision.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "../pdfmod.h"

/* The page is drawn at INK_SCALE pixels a point (144 dpi), fewer on a
 * page of more than INK_MAX_PIXELS; a pixel is ink when one of its
 * channels is below INK_LEVEL (text lighter than #F0F0F0 on white cannot
 * be read). Cairo's image surfaces are at most 32767 pixels a side. */
#define INK_SCALE 2.0
#define INK_MAX_PIXELS (4.0 * 1024 * 1024)
#define INK_LEVEL 0xF0
#define INK_MAX_SIDE 32767
/* see page_ink() */
#define INK_SCAN_PAGES 4

typedef struct {
	PopplerDocument *doc;
	GBytes *bytes;
	/* page_ink()'s pixels and summed-area table, kept from page to page
	 * (a new 16 MB each page was a fifth of the helper's time) */
	unsigned char *pixels;
	uint32_t *sum;
	size_t pixels_cap, sum_cap;  /* bytes, entries */
} pdf_handle;

static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static int pdf_open(void **out, const unsigned char *data, size_t len,
                    const clint_pdf_limits *lim, char *err, size_t errlen)
{
	static gsize quiet = 0;
	pdf_handle *h;
	GError *e = NULL;
	int rc;

	(void)lim;
	*out = NULL;
	if (errlen)
		err[0] = '\0';
	if (g_once_init_enter(&quiet)) {
		g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
		                                 G_LOG_FLAG_RECURSION,
		                  quiet_log, NULL);
		g_once_init_leave(&quiet, 1);
	}
	h = calloc(1, sizeof(*h));
	if (!h)
		return CLINT_PDF_ENOMEM;
	h->bytes = g_bytes_new_static(data, len);
	h->doc = poppler_document_new_from_bytes(h->bytes, NULL, &e);
	if (h->doc) {
		*out = h;
		return CLINT_PDF_OK;
	}
	if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED) {
		rc = CLINT_PDF_EENCRYPTED;
	} else {
		rc = CLINT_PDF_EDAMAGED;
		if (errlen)
			snprintf(err, errlen, "%s",
			         e && e->message ? e->message : "unknown error");
	}
	if (e)
		g_error_free(e);
	g_bytes_unref(h->bytes);
	free(h);
	return rc;
}

static int pdf_page_count(void *pdf)
{
	return poppler_document_get_n_pages(((pdf_handle *)pdf)->doc);
}

/* v * s as a pixel index in [0, max]; NaN counts as 0. */
static int pixel(double v, double s, int max, int up)
{
	v = up ? ceil(v * s) : floor(v * s);
	if (!(v > 0))
		return 0;
	return v < (double)max ? (int)v : max;
}

/* Makes *buf hold at least n items of `size` bytes (its capacity in
 * *cap, in items); 0, or -1 when out of memory. */
static int reserve(void **buf, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n <= *cap)
		return 0;
	p = g_try_malloc_n(n, size);
	if (!p)
		return -1;
	g_free(*buf);
	*buf = p;
	*cap = n;
	return 0;
}

/* The pixels box `r` touches at scale s, at least one, on a page of
 * W x H pixels: x1, y1, x2, y2 (exclusive) into b; 0 when it is off the
 * page. */
static int box_pixels(const PopplerRectangle *r, double s, int W, int H,
                      int b[4])
{
	b[0] = pixel(r->x1, s, W, 0);
	b[1] = pixel(r->y1, s, H, 0);
	b[2] = pixel(r->x2, s, W, 1);
	b[3] = pixel(r->y2, s, H, 1);
	if (b[2] <= b[0] && b[0] < W)
		b[2] = b[0] + 1;
	if (b[3] <= b[1] && b[1] < H)
		b[3] = b[1] + 1;
	return b[0] < b[2] && b[1] < b[3];
}

/* True for an ink pixel (RGB24: the top byte is unused). */
static int dark(uint32_t v)
{
	return ((v >> 16) & 0xFF) < INK_LEVEL || ((v >> 8) & 0xFF) < INK_LEVEL ||
	       (v & 0xFF) < INK_LEVEL;
}

/* Fills h->sum, (W + 1) x (H + 1): sum[y(W+1) + x] is the number of ink
 * pixels above and left of (x, y). */
static void sum_ink(pdf_handle *h, int W, int H, int stride)
{
	uint32_t *sum = h->sum;
	int x, y;

	memset(sum, 0, (size_t)(W + 1) * sizeof(*sum));
	for (y = 0; y < H; y++) {
		const uint32_t *row = (const uint32_t *)(h->pixels + (size_t)y * stride);
		uint32_t *up = sum + (size_t)y * (W + 1), *cur = up + (W + 1);
		uint32_t line = 0;

		cur[0] = 0;
		for (x = 0; x < W; x++) {
			line += dark(row[x]);
			cur[x + 1] = up[x + 1] + line;
		}
	}
}

/*
 * Draws `page` and returns a flag per box of r[0..n): 1 when some pixel
 * in the box is ink, 0 when the box shows nothing (or lies off the
 * page). NULL when the page cannot be drawn (too large, out of memory).
 * A box is looked at pixel by pixel up to its first ink (a character
 * that shows has some within a few pixels); once INK_SCAN_PAGES times
 * the page's pixels have been read so (boxes that show nothing, read
 * whole: a hostile page of full-page boxes), the rest are counted in a
 * summed-area table, where any box costs the same. A table for every
 * page took 2 ms a page: 20 s for 10,000 pages.
 */
static unsigned char *page_ink(pdf_handle *h, PopplerPage *page,
                               const PopplerRectangle *r, guint n)
{
	double w = 0, h_pt = 0, s = INK_SCALE;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	unsigned char *ink = NULL;
	size_t budget;
	int PW, PH, W, H, X0, Y0, X1, Y1, stride, table = 0;
	guint k;

	poppler_page_get_size(page, &w, &h_pt);
	if (!(w > 0 && h_pt > 0 && w * h_pt < 1e12))
		return NULL;
	if (w * h_pt * s * s > INK_MAX_PIXELS)
		s = sqrt(INK_MAX_PIXELS / (w * h_pt));
	if (w * s > INK_MAX_SIDE || h_pt * s > INK_MAX_SIDE)
		return NULL;
	PW = (int)ceil(w * s);
	PH = (int)ceil(h_pt * s);
	/* only the part of the page the boxes are in is drawn (a page of a
	 * few short lines costs a few lines of pixels) */
	X0 = PW;
	Y0 = PH;
	X1 = Y1 = 0;
	for (k = 0; k < n; k++) {
		int b[4];

		if (box_pixels(&r[k], s, PW, PH, b)) {
			X0 = b[0] < X0 ? b[0] : X0;
			Y0 = b[1] < Y0 ? b[1] : Y0;
			X1 = b[2] > X1 ? b[2] : X1;
			Y1 = b[3] > Y1 ? b[3] : Y1;
		}
	}
	if (X0 >= X1 || Y0 >= Y1) { /* every box is off the page */
		ink = g_try_malloc0(n ? n : 1);
		return ink;
	}
	W = X1 - X0;
	H = Y1 - Y0;
	stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, W);
	if (W < 1 || H < 1 || stride <= 0 ||
	    reserve((void **)&h->pixels, &h->pixels_cap, (size_t)stride * H, 1) ||
	    reserve((void **)&h->sum, &h->sum_cap, (size_t)(W + 1) * (H + 1),
	            sizeof(uint32_t)))
		return NULL;
	sf = cairo_image_surface_create_for_data(h->pixels, CAIRO_FORMAT_RGB24, W,
	                                         H, stride);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		goto out;
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_translate(cr, -X0, -Y0);
	cairo_scale(cr, s, s);
	poppler_page_render(page, cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_surface_flush(sf);
	ink = g_try_malloc(n ? n : 1);
	if (!ink)
		goto out;
	budget = INK_SCAN_PAGES * (size_t)W * (size_t)H;
	for (k = 0; k < n; k++) {
		int bp[4], x1, y1, x2, y2;
		size_t a, b, area;

		ink[k] = 0;
		if (!box_pixels(&r[k], s, PW, PH, bp))
			continue;
		/* into the drawn part, which holds every box */
		x1 = bp[0] - X0;
		y1 = bp[1] - Y0;
		x2 = bp[2] - X0;
		y2 = bp[3] - Y0;
		area = (size_t)(x2 - x1) * (size_t)(y2 - y1);
		if (!table && area <= budget) {
			int x, y;

			for (y = y1; y < y2 && !ink[k]; y++) {
				const uint32_t *row =
					(const uint32_t *)(h->pixels + (size_t)y * stride);
				for (x = x1; x < x2; x++)
					if (dark(row[x])) {
						ink[k] = 1;
						break;
					}
				budget -= (size_t)(x - x1);
			}
			continue;
		}
		if (!table) {
			sum_ink(h, W, H, stride);
			table = 1;
		}
		a = (size_t)y1 * (W + 1);
		b = (size_t)y2 * (W + 1);
		ink[k] = h->sum[b + x2] - h->sum[b + x1] - h->sum[a + x2] +
		             h->sum[a + x1] > 0;
	}
out:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	return ink;
}

static int pdf_page(void *pdf, int i, clint_pdf_page *pg, char *err,
                    size_t errlen)
{
	PopplerPage *page = poppler_document_get_page(((pdf_handle *)pdf)->doc, i);
	PopplerRectangle *r = NULL;
	guint n = 0, k;

	(void)err;
	(void)errlen;
	memset(pg, 0, sizeof(*pg));
	if (page) {
		pg->text = poppler_page_get_text(page);
		if (pg->text && poppler_page_get_text_layout(page, &r, &n) && n) {
			pg->rects = g_try_new(clint_pdf_rect, n);
			if (pg->rects) {
				for (k = 0; k < n; k++) {
					pg->rects[k].x1 = r[k].x1;
					pg->rects[k].y1 = r[k].y1;
					pg->rects[k].x2 = r[k].x2;
					pg->rects[k].y2 = r[k].y2;
				}
				pg->nrects = n;
				pg->ink = page_ink(pdf, page, r, n);
			}
		}
		g_free(r);
		g_object_unref(page);
	}
	if (!pg->text)
		pg->text = g_strdup("");
	return CLINT_PDF_OK;
}

static void pdf_release(void *p)
{
	g_free(p);
}

static void pdf_close(void *pdf)
{
	pdf_handle *h = pdf;

	if (!h)
		return;
	g_object_unref(h->doc);
	g_bytes_unref(h->bytes);
	g_free(h->pixels);
	g_free(h->sum);
	free(h);
}

static int pdf_is_lower(uint32_t cp)
{
	return g_unichar_islower((gunichar)cp) != 0;
}

static const clint_pdf_module module = {
	CLINT_PDF_MODULE_ABI, pdf_open,  pdf_page_count, pdf_page,
	pdf_release,          pdf_close, pdf_is_lower,
};

const clint_pdf_module *clint_pdf_poppler_module(void)
{
	return &module;
}
