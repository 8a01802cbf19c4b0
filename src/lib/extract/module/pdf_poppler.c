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
 * over. So each page that has text is also drawn, and every character
 * gets an ink flag: whether anything is visible in its box (page_ink()).
 * An OCR layer over a scan keeps its text (the scan's edges are its ink);
 * what is left out, and the warning, is the library's decision. A page
 * is not judged (and the library says so) when its unseen text may be in
 * a font poppler's cairo backend could not make (it draws nothing for
 * one, where other viewers substitute one: fonts_judged()), when its
 * text covers more than INK_MAX_TILES tiles, or once half the CPU time
 * allowed is spent.
 */
#define _GNU_SOURCE /* memfd_create() */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <poppler.h>

/* An ASan build (the fuzz harness) poisons what a reused buffer holds
 * past the tile being drawn: a read past the tile is caught as it was
 * when each document allocated its own. */
#include "../../asan.h"
#ifdef CLINT_ASAN
#include <sanitizer/asan_interface.h>
#endif
#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#endif

#include "../pdfmod.h"

/* Pages are drawn at INK_SCALE pixels a point (144 dpi), only where
 * their boxes are, in tiles of at most INK_TILE x INK_TILE pixels (16
 * MB), at most INK_MAX_TILES of them (a text area of 1.4 x 1.4 m). A box
 * shows ink when two neighbouring pixels in it differ by INK_CONTRAST in
 * a channel (edge(): text lighter than #F0F0F0 on white cannot be read,
 * nor black on a black band). */
#define INK_SCALE 2.0
#define INK_TILE 2048
#define INK_MAX_TILES 16
#define INK_CONTRAST 16
/* see page_ink() */
#define INK_SCAN_TILES 4
/* A box no larger than this, in points, shows nothing a reader can read
 * (type of about a point) */
#define INK_MIN_POINTS 1.2
/* the distinct fonts of a page that fonts_judged() follows */
#define INK_MAX_FONTS 64
/* ink[] while a page is judged: decided unseen (not looked at) */
#define INK_UNSEEN 2

/* page_ink()'s pixels and summed-area table, kept from page to page (a
 * new 16 MB each page was a fifth of the helper's time), and from
 * document to document (spare) */
typedef struct {
	unsigned char *pixels;
	uint32_t *sum;
	size_t pixels_cap, sum_cap;  /* bytes, entries */
} ink_buffers;

typedef struct {
	PopplerDocument *doc;
	GBytes *bytes;
	double draw_seconds;  /* CPU time after which no page is drawn; 0:
	                         none */
	unsigned fonts_before; /* font_failures when it was opened */
	ink_buffers buf;
} pdf_handle;

/* While a page is drawn (drawing): the fonts poppler's cairo backend
 * could not make, by its messages (it draws nothing for them). The
 * helper and the fuzz harness read one PDF at a time in one thread. */
static int drawing;
static unsigned font_failures;
/* The pixels and summed-area table of the last document closed, taken by
 * the next one opened: a process that reads many PDFs (the fuzz harness)
 * mapped, faulted in and freed 32 MB for each, half its time under ASan
 * (150 corpus inputs: 10.5 s of CPU, 4.9 s with them kept). One PDF at a
 * time, as above. */
static ink_buffers spare;
/* Standard error while a page is drawn, when the helper asks for it
 * (clint_pdf_poppler_watch_stderr()): the cairo backend prints "some font
 * thing failed" there on every font it cannot make, also where it logs
 * nothing (a Type0 font of garbage). -1: not watched. */
static int stderr_copy = -1;

void clint_pdf_poppler_watch_stderr(void)
{
	if (stderr_copy < 0)
		stderr_copy = memfd_create("clauselint-pdf-stderr", MFD_CLOEXEC);
}

/* Standard error into stderr_copy, emptied; returns the real one (or -1:
 * not watched). */
static int watch_begin(void)
{
	int real;

	if (stderr_copy < 0)
		return -1;
	fflush(stderr);
	real = dup(2);
	if (real < 0 || ftruncate(stderr_copy, 0) != 0 ||
	    lseek(stderr_copy, 0, SEEK_SET) != 0 || dup2(stderr_copy, 2) < 0) {
		if (real >= 0)
			close(real);
		return -1;
	}
	return real;
}

/* Standard error back to `real`; counts a font failure if what was
 * printed names a font. */
static void watch_end(int real)
{
	char buf[4096];
	ssize_t n;

	if (real < 0)
		return;
	fflush(stderr);
	dup2(real, 2);
	close(real);
	n = pread(stderr_copy, buf, sizeof(buf) - 1, 0);
	if (n > 0) {
		buf[n] = '\0';
		if (strstr(buf, "font"))
			font_failures++;
	}
}

static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data)
{
	static const char *const failed[] = {
		"could not create", "failed to load", "font file may be invalid",
		"Couldn't find a font", "Couldn't create temporary font file"};
	size_t k;

	(void)domain;
	(void)level;
	(void)data;
	if (!drawing || !message)
		return;
	for (k = 0; k < sizeof(failed) / sizeof(failed[0]); k++)
		if (strstr(message, failed[k])) {
			font_failures++;
			return;
		}
}

/* The CPU time this process has used, in seconds. */
static double cpu_used(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
		return 0;
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int pdf_open(void **out, const unsigned char *data, size_t len,
                    const clint_pdf_limits *lim, char *err, size_t errlen)
{
	static gsize quiet = 0;
	pdf_handle *h;
	GError *e = NULL;
	int rc;

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
	h->fonts_before = font_failures;
	if (lim && lim->cpu_seconds > 0)
		h->draw_seconds = cpu_used() + lim->cpu_seconds / 2;
	h->bytes = g_bytes_new_static(data, len);
	h->doc = poppler_document_new_from_bytes(h->bytes, NULL, &e);
	if (h->doc) {
		/* the buffers of the last document closed */
		h->buf = spare;
		memset(&spare, 0, sizeof(spare));
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

/*
 * True if box `r` lies on the page (w x h points). One that does not is
 * not judged: poppler places the boxes and the drawing of a page turned
 * 180 degrees with a crop box alike, but not within the page: it cut the
 * drawing at the page's edge, through the first line, which other
 * viewers show whole. (Text wholly outside the crop box poppler leaves
 * out of the text itself.)
 */
static int on_page(const PopplerRectangle *r, double w, double h)
{
	return r->x1 >= 0 && r->y1 >= 0 && r->x1 < w && r->y1 < h &&
	       r->x2 <= w && r->y2 <= h;
}

/* Makes *buf hold at least n items of `size` bytes (its capacity in
 * *cap, in items), of which an ASan build lets only the first n be read
 * or written; 0, or -1 when out of memory. */
static int reserve(void **buf, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n > *cap) {
		p = g_try_malloc_n(n, size);
		if (!p)
			return -1;
		g_free(*buf);
		*buf = p;
		*cap = n;
	}
	ASAN_UNPOISON_MEMORY_REGION(*buf, n * size);
	ASAN_POISON_MEMORY_REGION((char *)*buf + n * size, (*cap - n) * size);
	return 0;
}

/* True if pixels a and b differ by INK_CONTRAST or more in a channel
 * (RGB24: the top byte is unused). */
static int contrast(uint32_t a, uint32_t b)
{
	int k;

	for (k = 0; k < 24; k += 8) {
		int d = (int)((a >> k) & 0xFF) - (int)((b >> k) & 0xFF);
		if (d >= INK_CONTRAST || d <= -INK_CONTRAST)
			return 1;
	}
	return 0;
}

/* True for an edge at pixel x of `row` (x >= 1; `up` the row above): it
 * differs from its left or upper neighbour. Ink is where something is
 * drawn against something else: a glyph has edges inside its box, text
 * drawn in the colour under it (white on white, black on a black band,
 * nothing at all) has none. */
static int edge(const uint32_t *row, const uint32_t *up, int x)
{
	return contrast(row[x], row[x - 1]) || contrast(row[x], up[x]);
}

/* The first x in [x1, x2) with an edge in `row` (x1 >= 1), or x2. */
static int first_edge(const uint32_t *row, const uint32_t *up, int x1, int x2)
{
	int x;

	for (x = x1; x < x2; x++)
		if (edge(row, up, x))
			break;
	return x;
}

/* Fills h->buf.sum, (W + 1) x (H + 1): sum[y(W+1) + x] is the number of
 * edge pixels above and left of (x, y) of the tile (none in its first row
 * and column, which have no neighbours in it). */
static void sum_ink(pdf_handle *h, int W, int H, int stride)
{
	uint32_t *sum = h->buf.sum;
	int x, y;

	memset(sum, 0, (size_t)(W + 1) * 2 * sizeof(*sum));
	for (y = 1; y < H; y++) {
		const uint32_t *row = (const uint32_t *)(h->buf.pixels + (size_t)y * stride);
		const uint32_t *above = (const uint32_t *)((const unsigned char *)row -
		                                           stride);
		uint32_t *up = sum + (size_t)y * (W + 1), *cur = up + (W + 1);
		uint32_t line = 0;

		cur[0] = cur[1] = 0;
		for (x = 1; x < W; x++) {
			line += edge(row, above, x);
			cur[x + 1] = up[x + 1] + line;
		}
	}
}

/* A tile of the page: pixels [x0, x1) x [y0, y1) at scale s. */
typedef struct {
	int x0, y0, x1, y1;
	double s;
} tile;

/* Draws tile `t` of `page` into h->buf.pixels; its stride, or 0 when it
 * cannot be drawn. */
static int draw_tile(pdf_handle *h, PopplerPage *page, const tile *t)
{
	int W = t->x1 - t->x0, H = t->y1 - t->y0, ok, real;
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, W);
	cairo_surface_t *sf;
	cairo_t *cr;

	if (stride <= 0 ||
	    reserve((void **)&h->buf.pixels, &h->buf.pixels_cap,
	            (size_t)stride * H, 1) ||
	    reserve((void **)&h->buf.sum, &h->buf.sum_cap,
	            (size_t)(W + 1) * (H + 1), sizeof(uint32_t)))
		return 0;
	sf = cairo_image_surface_create_for_data(h->buf.pixels,
	                                         CAIRO_FORMAT_RGB24, W, H, stride);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return 0;
	}
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_translate(cr, -t->x0, -t->y0);
	cairo_scale(cr, t->s, t->s);
	real = watch_begin();
	drawing = 1;
	poppler_page_render(page, cr);
	drawing = 0;
	watch_end(real);
	ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	cairo_surface_destroy(sf);
	return ok ? stride : 0;
}

/*
 * Sets ink[k] for the boxes of r[0..n) in tile `t`, drawn in h->buf.pixels
 * with `stride`, that have shown no ink yet. A box is looked at pixel by
 * pixel up to its first ink (a character that shows has some within a
 * few pixels); once INK_SCAN_TILES times the tile's pixels have been read
 * so (boxes that show nothing are read whole: a hostile page of
 * full-page boxes), the rest are counted in a summed-area table, where
 * any box costs the same. A table for every page took 2 ms a page: 20 s
 * for 10,000 pages.
 */
static void tile_ink(pdf_handle *h, const tile *t, int stride, int PW, int PH,
                     const PopplerRectangle *r, guint n, unsigned char *ink)
{
	int W = t->x1 - t->x0, H = t->y1 - t->y0, table = 0;
	size_t budget = INK_SCAN_TILES * (size_t)W * (size_t)H;
	guint k;

	for (k = 0; k < n; k++) {
		int b[4], x1, y1, x2, y2, x, y;
		size_t area, a, c;

		if (ink[k] || !box_pixels(&r[k], t->s, PW, PH, b))
			continue; /* shown, or decided */
		/* the part of the box in the tile, in the tile's pixels */
		x1 = (b[0] > t->x0 ? b[0] : t->x0) - t->x0;
		y1 = (b[1] > t->y0 ? b[1] : t->y0) - t->y0;
		x2 = (b[2] < t->x1 ? b[2] : t->x1) - t->x0;
		y2 = (b[3] < t->y1 ? b[3] : t->y1) - t->y0;
		if (x1 >= x2 || y1 >= y2)
			continue;
		/* edges are looked for inside the box: a pixel and its left and
		 * upper neighbours in it (a box of one pixel's width or height
		 * has none: type under half a point shows nothing to read) */
		x1++;
		y1++;
		if (x1 >= x2 || y1 >= y2)
			continue;
		area = (size_t)(x2 - x1) * (size_t)(y2 - y1);
		if (!table && area <= budget) {
			for (y = y1; y < y2 && !ink[k]; y++) {
				const uint32_t *row =
					(const uint32_t *)(h->buf.pixels + (size_t)y * stride);
				const uint32_t *above = (const uint32_t *)(
					h->buf.pixels + (size_t)(y - 1) * stride);
				x = first_edge(row, above, x1, x2);
				ink[k] = x < x2;
				budget -= (size_t)(x - x1);
			}
			continue;
		}
		if (!table) {
			sum_ink(h, W, H, stride);
			table = 1;
		}
		a = (size_t)y1 * (W + 1);
		c = (size_t)y2 * (W + 1);
		ink[k] = h->buf.sum[c + x2] - h->buf.sum[c + x1] - h->buf.sum[a + x2] +
		             h->buf.sum[a + x1] > 0;
	}
}

/*
 * True if the page can be judged after a font failed in the document
 * (poppler does not try a font again, and draws nothing for it): every
 * character of `text` (one per flag of ink[0..n)) that shows nothing,
 * white space aside, is in a font that shows ink elsewhere on the page.
 * The fonts come from poppler's text attributes, by name.
 */
static int fonts_judged(PopplerPage *page, const char *text,
                        const unsigned char *ink, guint n)
{
	const char *name[INK_MAX_FONTS];
	int seen[INK_MAX_FONTS], ok = 1, pass;
	GList *attrs, *l;
	size_t nfonts = 0;

	if ((glong)n != g_utf8_strlen(text, -1))
		return 0;
	attrs = poppler_page_get_text_attributes(page);
	/* pass 0: which fonts show ink; pass 1: is each unseen character in
	 * one of them */
	for (pass = 0; pass < 2 && ok; pass++)
		for (l = attrs; l && ok; l = l->next) {
			const PopplerTextAttributes *a = l->data;
			const char *c;
			size_t f;
			int k;

			if (!a || !a->font_name || a->start_index < 0 ||
			    a->end_index >= (int)n || a->start_index > a->end_index) {
				ok = 0;
				break;
			}
			for (f = 0; f < nfonts && strcmp(name[f], a->font_name); f++)
				;
			if (f == nfonts) {
				if (pass == 1 || nfonts == INK_MAX_FONTS) {
					ok = 0;
					break;
				}
				name[nfonts] = a->font_name;
				seen[nfonts++] = 0;
			}
			c = g_utf8_offset_to_pointer(text, a->start_index);
			for (k = a->start_index; k <= a->end_index;
			     k++, c = g_utf8_next_char(c)) {
				if (g_unichar_isspace(g_utf8_get_char(c)))
					continue;
				if (pass == 0 && ink[k] == 1)
					seen[f] = 1;
				else if (pass == 1 && ink[k] != 1 && !seen[f])
					ok = 0;
			}
		}
	poppler_page_free_text_attributes(attrs);
	return ok;
}

/* True if a box of r[0..n) without ink yet reaches into tile `t`. */
static int tile_wanted(const tile *t, int PW, int PH, const PopplerRectangle *r,
                       guint n, const unsigned char *ink)
{
	guint k;

	for (k = 0; k < n; k++) {
		int b[4];

		if (!ink[k] && box_pixels(&r[k], t->s, PW, PH, b) && b[0] < t->x1 &&
		    b[2] > t->x0 && b[1] < t->y1 && b[3] > t->y0)
			return 1;
	}
	return 0;
}

/*
 * Draws the part of `page` its boxes r[0..n) are in and sets *out to a
 * flag per box: 1 when some pixel in the box is ink (or the box is not
 * wholly on the page: on_page()), 0 when the box shows nothing. Returns
 * CLINT_PDF_DRAWN_OK, or another CLINT_PDF_DRAWN_* with *out NULL.
 */
static int page_ink(pdf_handle *h, PopplerPage *page, const char *text,
                    const PopplerRectangle *r, guint n, unsigned char **out)
{
	double w = 0, hp = 0, s = INK_SCALE;
	unsigned char *ink;
	int PW, PH, X0, Y0, X1, Y1, nx, ny, i, j;
	guint k;

	*out = NULL;
	if (h->draw_seconds > 0 && cpu_used() > h->draw_seconds)
		return CLINT_PDF_DRAWN_TIME;
	poppler_page_get_size(page, &w, &hp);
	if (!(w > 0 && hp > 0 && w * s < 1e9 && hp * s < 1e9))
		return CLINT_PDF_DRAWN_SIZE;
	PW = (int)ceil(w * s);
	PH = (int)ceil(hp * s);
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
	nx = X1 > X0 ? (X1 - X0 + INK_TILE - 1) / INK_TILE : 0;
	ny = Y1 > Y0 ? (Y1 - Y0 + INK_TILE - 1) / INK_TILE : 0;
	if ((double)nx * ny > INK_MAX_TILES)
		return CLINT_PDF_DRAWN_SIZE;
	ink = g_try_malloc0(n ? n : 1);
	if (!ink)
		return CLINT_PDF_DRAWN_SIZE;
	for (k = 0; k < n; k++) {
		double bw = r[k].x2 - r[k].x1, bh = r[k].y2 - r[k].y1;

		if (!on_page(&r[k], w, hp))
			ink[k] = 1; /* not judged */
		else if (bw < INK_MIN_POINTS && bh < INK_MIN_POINTS)
			ink[k] = INK_UNSEEN; /* too small to read */
	}
	for (j = 0; j < ny; j++)
		for (i = 0; i < nx; i++) {
			tile t;
			int stride;

			t.x0 = X0 + i * INK_TILE;
			t.y0 = Y0 + j * INK_TILE;
			t.x1 = t.x0 + INK_TILE < X1 ? t.x0 + INK_TILE : X1;
			t.y1 = t.y0 + INK_TILE < Y1 ? t.y0 + INK_TILE : Y1;
			t.s = s;
			if (!tile_wanted(&t, PW, PH, r, n, ink))
				continue;
			if (h->draw_seconds > 0 && cpu_used() > h->draw_seconds) {
				g_free(ink);
				return CLINT_PDF_DRAWN_TIME;
			}
			stride = draw_tile(h, page, &t);
			if (!stride) {
				g_free(ink);
				return CLINT_PDF_DRAWN_SIZE;
			}
			tile_ink(h, &t, stride, PW, PH, r, n, ink);
		}
	/* once a font has failed, a page is judged only where fonts_judged()
	 * can tell that its unseen text is not in a font that failed */
	if (font_failures != h->fonts_before &&
	    !fonts_judged(page, text, ink, n)) {
		g_free(ink);
		return CLINT_PDF_DRAWN_FONT;
	}
	for (k = 0; k < n; k++)
		ink[k] = ink[k] == 1;
	*out = ink;
	return CLINT_PDF_DRAWN_OK;
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
				pg->drawn = page_ink(pdf, page, pg->text, r, n, &pg->ink);
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
	/* for the next document; the spares are empty, as this one took
	 * them, unless another one open meanwhile left its own */
	g_free(spare.pixels);
	g_free(spare.sum);
	spare = h->buf;
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
