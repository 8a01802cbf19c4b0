/*
 * test_pdf.c - the PDF extractor (src/lib/extract/pdf.c). The PDFs are
 * written here at test time by a tiny generator (Helvetica text lines at
 * given positions, or an image with no text), so the expected text is
 * known exactly. Without poppler the extractor must refuse PDFs with the
 * remedy; the poppler tests are skipped with a message. The real PDFs of
 * ../shared/corpus/docs are checked when present: the Bonterms PDFs
 * against their Markdown twins (word overlap), the CUAD PDFs must load.
 *
 * The text layer is read by the helper program clauselint-pdf, which runs
 * poppler in a process of its own: `make unit` points CLAUSELINT_PDF_HELPER
 * at the one of the build. That poppler never enters this process, that a
 * missing helper is an error, that the helper's limits hold, and that a
 * hostile or broken helper (this program run as --fake-helper MODE: lying
 * lengths, bad text, early ends, crashes, spinning, sleeping) gets the file
 * refused and never crashes or hangs the library, is checked in child
 * processes (this program run again with --load-pdf), since the helper is
 * found once per process.
 */
#include "unit.h"

#include <ctype.h>
#include <math.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "internal.h"
#include "extract/extract.h"
#include "extract/pdfmod.h"

/* A helper built with ASan has no address-space limit (pdf_helper.c). */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_SANITIZED 1
#endif
#endif

/* ---- a minimal PDF writer ---------------------------------------------------- */

typedef struct {
	char *data;
	size_t len, cap;
	size_t offs[256]; /* object offsets */
	int nobj;
} pdfw;

static void w_put(pdfw *w, const char *s, size_t n)
{
	if (w->len + n + 1 > w->cap) {
		w->cap = (w->len + n + 1) * 2;
		w->data = realloc(w->data, w->cap);
		assert_non_null(w->data);
	}
	memcpy(w->data + w->len, s, n);
	w->len += n;
	w->data[w->len] = '\0';
}

static void w_printf(pdfw *w, const char *fmt, ...)
{
	char tmp[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(tmp));
	w_put(w, tmp, (size_t)n);
}

static void w_obj(pdfw *w, int num)
{
	w->offs[num] = w->len;
	if (num > w->nobj)
		w->nobj = num;
	w_printf(w, "%d 0 obj\n", num);
}

/*
 * A PDF of `npages` pages of 612 x `height` points, each with the
 * dictionary entries `page_keys` too; page p's content stream is
 * content[p] (already PDF operators). Objects: 1 catalog, 2 pages, 3 font,
 * 4+2p page, 5+2p contents.
 */
static pdfw make_pdf_with(const char *const *content, int npages, int height,
                          const char *page_keys)
{
	pdfw w = {NULL, 0, 0, {0}, 0};
	int p, i;
	size_t xref;

	w_put(&w, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15);
	w_obj(&w, 1);
	w_printf(&w, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	w_obj(&w, 2);
	w_printf(&w, "<< /Type /Pages /Count %d /Kids [", npages);
	for (p = 0; p < npages; p++)
		w_printf(&w, " %d 0 R", 4 + 2 * p);
	w_printf(&w, " ] >>\nendobj\n");
	w_obj(&w, 3);
	w_printf(&w, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	             "/Encoding /WinAnsiEncoding >>\nendobj\n");
	for (p = 0; p < npages; p++) {
		w_obj(&w, 4 + 2 * p);
		w_printf(&w, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 %d] %s"
		             "/Resources << /Font << /F1 3 0 R >> >> "
		             "/Contents %d 0 R >>\nendobj\n", height, page_keys,
		         5 + 2 * p);
		w_obj(&w, 5 + 2 * p);
		w_printf(&w, "<< /Length %zu >>\nstream\n", strlen(content[p]));
		w_put(&w, content[p], strlen(content[p]));
		w_printf(&w, "\nendstream\nendobj\n");
	}
	xref = w.len;
	w_printf(&w, "xref\n0 %d\n0000000000 65535 f \n", w.nobj + 1);
	for (i = 1; i <= w.nobj; i++)
		w_printf(&w, "%010zu 00000 n \n", w.offs[i]);
	w_printf(&w, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	         w.nobj + 1, xref);
	return w;
}

static pdfw make_pdf_tall(const char *const *content, int npages, int height)
{
	return make_pdf_with(content, npages, height, "");
}

static pdfw make_pdf(const char *const *content, int npages)
{
	return make_pdf_tall(content, npages, 792);
}

/* Appends a text line at (x, y) to a content stream. */
static void line_at(char *cs, size_t cap, double x, double y, const char *s)
{
	size_t n = strlen(cs);

	snprintf(cs + n, cap - n, "BT /F1 11 Tf %.1f %.1f Td (%s) Tj ET\n", x, y,
	         s);
}

static void assert_text_has(const clint_doc *doc, const char *needle, int want)
{
	const char *t = clint_doc_text(doc, NULL);

	if ((strstr(t, needle) != NULL) != want)
		fail_msg("'%s' %s in:\n%s", needle, want ? "missing" : "kept", t);
}

/* ---- tests ------------------------------------------------------------------- */

#ifdef CLINT_HAVE_POPPLER

static clint_doc *load_pdf(const pdfw *w, clint_diag *diag, int rc)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;

	assert_int_equal(clint_doc_load_buffer(&doc, "t.pdf", w->data, w->len, &o,
	                                       diag),
	                 rc);
	return doc;
}

static clint_block blk(const clint_doc *doc, size_t i, const char *text)
{
	clint_block b;

	assert_true(i < clint_doc_block_count(doc));
	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	unit_assert_slice(doc, b.start, b.end, text);
	return b;
}

/*
 * Text drawn so that no one sees it is left out, with a warning: render
 * mode 3, white, clipped away, painted over, too pale to read, in the
 * colour of the band under it, in type under a point, and letters glued
 * invisibly to a word. Text that shows stays: white on a
 * dark band, black on a grey one, 3-point type, light grey, and an
 * invisible OCR layer over a scan's image (the image's edges are its
 * ink), also
 * on a rotated page and inside a crop box.
 */
/* 10 rows of 150 bits (19 bytes), alternating, in hexadecimal: 19 times
 * 10 bytes */
#define STRIPES_10B "AAAAAAAAAAAAAAAAAAAA"
#define STRIPES STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B \
	STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B \
	STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B STRIPES_10B \
	STRIPES_10B STRIPES_10B

static void test_hidden_text(void **state)
{
	static const char page[] =
		"BT /F1 11 Tf 72 700 Td (Shown first line of the page.) Tj ET\n"
		"q BT 3 Tr /F1 11 Tf 72 680 Td (Hidden render mode three.) Tj ET Q\n"
		"1 1 1 rg BT /F1 11 Tf 72 660 Td (Hidden white text.) Tj ET 0 g\n"
		"q 0 0 0 0 re W n BT /F1 11 Tf 72 640 Td (Hidden clipped text.) Tj "
		"ET Q\n"
		"BT /F1 11 Tf 72 620 Td (Hidden covered text.) Tj ET\n"
		"1 1 1 rg 60 612 300 24 re f 0 g\n"
		"0.97 0.97 0.97 rg BT /F1 11 Tf 72 600 Td (Hidden pale text.) Tj ET "
		"0 g\n"
		"0 0 0.5 rg 60 496 300 20 re f 1 1 1 rg\n"
		"BT /F1 11 Tf 72 500 Td (Shown white on navy.) Tj ET 0 g\n"
		"0.9 0.9 0.9 rg 60 466 300 20 re f 0 g\n"
		"BT /F1 11 Tf 72 470 Td (Shown on grey shading.) Tj ET\n"
		"BT /F1 3 Tf 72 440 Td (Shown in three point type.) Tj ET\n"
		"0.8 0.8 0.8 rg BT /F1 11 Tf 72 420 Td (Shown in light grey.) Tj ET "
		"0 g\n"
		/* a scan: stripes of a 1-bit image, 2 points each */
		"q 300 0 0 20 60 386 cm BI /W 150 /H 10 /CS /G /BPC 1 /F /AHx ID "
		STRIPES "> EI Q\n"
		"q BT 3 Tr /F1 11 Tf 72 390 Td (Shown OCR layer over a scan.) Tj ET "
		"Q\n"
		"BT /F1 11 Tf 72 360 Td (Shown additional) Tj 3 Tr (xyz) Tj 0 Tr "
		"( fees apply.) Tj ET\n"
		"BT /F1 0.8 Tf 72 582 Td (Hidden micro type.) Tj ET\n"
		"0 0 0.5 rg 60 556 300 20 re f\n"
		"BT /F1 11 Tf 72 560 Td (Hidden navy on navy.) Tj ET 0 g\n"
		"60 526 300 20 re f BT /F1 11 Tf 72 530 Td (Hidden black on black.) "
		"Tj ET\n";
	static const char *const shown[] = {
		"Shown first line of the page.", "Shown white on navy.",
		"Shown on grey shading.", "Shown in three point type.",
		"Shown in light grey.", "Shown OCR layer over a scan.",
		"Shown additional fees apply."};
	static const char *const keys[] = {"/Rotate 90 ",
	                                   "/CropBox [50 300 600 750] "};
	const char *content[1] = {page};
	clint_diag *d = NULL;
	clint_doc *doc;
	pdfw w;
	size_t i, k;

	(void)state;
	for (k = 0; k <= 2; k++) {
		w = make_pdf_with(content, 1, 792, k ? keys[k - 1] : "");
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = load_pdf(&w, d, CLINT_OK);
		for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
			assert_text_has(doc, shown[i], 1);
		assert_text_has(doc, "Hidden", 0);
		assert_text_has(doc, "xyz", 0);
		/* Hidden render mode three., white text., clipped text., covered
		 * text., pale text., navy on navy., black on black., micro
		 * type.; xyz */
		unit_diag_at(d, "144 characters a reader cannot see (invisible, white, "
		                "clipped, covered or too small) left out, on page 1",
		             CLINT_DIAG_WARNING);
		assert_int_equal(clint_diag_count(d), 1);
		clint_doc_free(doc);
		clint_diag_free(d);
		free(w.data);
	}
}

/*
 * 100 invisible lines of 60-point type 5 points apart: their boxes cover
 * the page many times over, more than the helper reads pixel by pixel,
 * so the rest is counted in its summed-area table; the line drawn after
 * them still shows.
 */
static void test_hidden_text_stacked(void **state)
{
	char *cs = malloc(16384);
	const char *content[1];
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t n = 0;
	pdfw w;
	int i, j;

	(void)state;
	assert_non_null(cs);
	n += (size_t)snprintf(cs + n, 16384 - n,
	                      "BT /F1 11 Tf 72 760 Td (Shown first line.) Tj ET\n"
	                      "q BT 3 Tr /F1 60 Tf 5 TL 40 640 Td ");
	for (i = 0; i < 100; i++) {
		cs[n++] = '(';
		for (j = 0; j < 14; j++)
			cs[n++] = (char)('A' + (i * 7 + j * 3) % 26);
		n += (size_t)snprintf(cs + n, 16384 - n, ") '\n");
	}
	snprintf(cs + n, 16384 - n, "ET Q\nBT /F1 11 Tf 72 60 Td (Shown after "
	                            "the stack.) Tj ET\n");
	content[0] = cs;
	w = make_pdf(content, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_pdf(&w, d, CLINT_OK);
	assert_text_has(doc, "Shown first line.", 1);
	assert_text_has(doc, "Shown after the stack.", 1);
	/* nothing else: the two lines and what separates them */
	assert_true(strlen(clint_doc_text(doc, NULL)) <=
	            strlen("Shown first line.") + strlen("Shown after the stack.") +
	                3);
	unit_diag_at(d, "1400 characters a reader cannot see", CLINT_DIAG_WARNING);
	clint_doc_free(doc);
	clint_diag_free(d);
	free(w.data);
	free(cs);
}

/* Writes `text` as a hexadecimal string of 2-byte codes (Identity-H). */
static void hex_codes(char *out, size_t cap, const char *text)
{
	size_t n = 0;

	out[n++] = '<';
	for (; *text && n + 6 < cap; text++)
		n += (size_t)snprintf(out + n, cap - n, "%04X", (unsigned char)*text);
	snprintf(out + n, cap - n, ">");
}

/*
 * A PDF of 3 pages (content[p]) with Helvetica as /F1 and a font of
 * garbage as /FB: a simple TrueType font, or (type0) a Type0 font with an
 * Identity-H encoding and a ToUnicode map, for which poppler's cairo
 * backend logs nothing and prints "some font thing failed" on standard
 * error. Objects: 1 catalog, 2 pages, 3 Helvetica, 4 /FB, 5 its
 * descriptor, 6 its file, 7 its ToUnicode map, 8 its CID font (type0),
 * 9+2p page p, 10+2p its content.
 */
static pdfw broken_font_pdf(int type0, const char *const *content)
{
	static const char garbage[] = "\x00\x01\x00\x00garbage garbage garbage";
	static const char cmap[] =
		"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
		"/CMapName /X def 1 begincodespacerange <0000> <FFFF> "
		"endcodespacerange 1 beginbfrange <0020> <007E> <0020> endbfrange "
		"endcmap CMapName currentdict /CMap defineresource pop end end";
	pdfw w = {NULL, 0, 0, {0}, 0};
	size_t xref;
	int p, i;

	w_put(&w, "%PDF-1.4\n", 9);
	w_obj(&w, 1);
	w_printf(&w, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	w_obj(&w, 2);
	w_printf(&w, "<< /Type /Pages /Count 3 /Kids [9 0 R 11 0 R 13 0 R] >>\n"
	             "endobj\n");
	w_obj(&w, 3);
	w_printf(&w, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
	             "/Encoding /WinAnsiEncoding >>\nendobj\n");
	w_obj(&w, 4);
	if (type0) {
		w_printf(&w, "<< /Type /Font /Subtype /Type0 /BaseFont /Broken "
		             "/Encoding /Identity-H /DescendantFonts [8 0 R] "
		             "/ToUnicode 7 0 R >>\nendobj\n");
	} else {
		w_printf(&w, "<< /Type /Font /Subtype /TrueType /BaseFont /Broken "
		             "/FirstChar 32 /LastChar 126 /Widths [");
		for (i = 32; i <= 126; i++)
			w_printf(&w, " 500");
		w_printf(&w, " ] /Encoding /WinAnsiEncoding /FontDescriptor 5 0 R "
		             ">>\nendobj\n");
	}
	w_obj(&w, 5);
	w_printf(&w, "<< /Type /FontDescriptor /FontName /Broken /Flags 32 "
	             "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 "
	             "/Descent -200 /CapHeight 700 /StemV 80 /FontFile2 6 0 R >>\n"
	             "endobj\n");
	w_obj(&w, 6);
	w_printf(&w, "<< /Length %zu >>\nstream\n", sizeof(garbage) - 1);
	w_put(&w, garbage, sizeof(garbage) - 1);
	w_printf(&w, "\nendstream\nendobj\n");
	w_obj(&w, 7);
	w_printf(&w, "<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
	         strlen(cmap), cmap);
	w_obj(&w, 8);
	w_printf(&w, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Broken "
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
	             "/Supplement 0 >> /FontDescriptor 5 0 R /DW 500 "
	             "/CIDToGIDMap /Identity >>\nendobj\n");
	for (p = 0; p < 3; p++) {
		w_obj(&w, 9 + 2 * p);
		w_printf(&w, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
		             "/Resources << /Font << /F1 3 0 R /FB 4 0 R >> >> "
		             "/Contents %d 0 R >>\nendobj\n", 10 + 2 * p);
		w_obj(&w, 10 + 2 * p);
		w_printf(&w, "<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
		         strlen(content[p]), content[p]);
	}
	xref = w.len;
	w_printf(&w, "xref\n0 %d\n0000000000 65535 f \n", w.nobj + 1);
	for (i = 1; i <= w.nobj; i++)
		w_printf(&w, "%010zu 00000 n \n", w.offs[i]);
	w_printf(&w, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n"
	             "%%%%EOF\n", w.nobj + 1, xref);
	return w;
}

/*
 * A font poppler's cairo backend cannot make (an embedded TrueType font
 * of garbage) draws nothing, where other viewers substitute one: its
 * text stays, and the page is named as not looked at. Poppler does not
 * try the font again, so later pages are judged only where the text that
 * shows nothing is in a font that shows on the page: the hidden line of
 * page 2, in Helvetica, goes. The same with a Type0 font of garbage, for
 * which poppler logs nothing (the helper reads its standard error).
 */
static void test_hidden_text_broken_font(void **state)
{
	char hex[128], page1[400];
	const char *content[] = {
		page1,
		"BT /F1 11 Tf 72 700 Td (Second page shown.) Tj ET\n"
		"q BT 3 Tr /F1 11 Tf 72 680 Td (Hidden second page.) Tj ET Q\n",
		"BT /F1 11 Tf 72 700 Td (Third page shown.) Tj ET\n"};
	clint_diag *d = NULL;
	clint_doc *doc;
	pdfw w;
	int type0;

	(void)state;
	for (type0 = 0; type0 <= 1; type0++) {
		hex_codes(hex, sizeof(hex), "Shown in the broken font.");
		snprintf(page1, sizeof(page1),
		         "BT /F1 11 Tf 72 700 Td (Shown in Helvetica.) Tj ET\n"
		         "BT /FB 11 Tf 72 680 Td %s Tj ET\n",
		         type0 ? hex : "(Shown in the broken font.)");
		w = broken_font_pdf(type0, content);
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = load_pdf(&w, d, CLINT_OK);
		assert_text_has(doc, "Shown in Helvetica.", 1);
		assert_text_has(doc, "Shown in the broken font.", 1);
		assert_text_has(doc, "Second page shown.", 1);
		assert_text_has(doc, "Hidden second page.", 0);
		assert_text_has(doc, "Third page shown.", 1);
		unit_diag_at(d, "page 1 not looked at for text a reader cannot see: a "
		                "font there could not be drawn",
		             CLINT_DIAG_WARNING);
		unit_diag_at(d, "17 characters a reader cannot see (invisible, white, "
		                "clipped, covered or too small) left out, on page 2",
		             CLINT_DIAG_WARNING);
		assert_int_equal(clint_diag_count(d), 2);
		clint_doc_free(doc);
		clint_diag_free(d);
		free(w.data);
	}
}

/* A page whose text spreads over more than 16 tiles of 2048 pixels
 * (here 40,000 points tall) is not drawn: its text stays, invisible or
 * not, and the warning names it. */
static void test_hidden_text_too_large(void **state)
{
	static const char *const content[] = {
		"BT /F1 11 Tf 72 39900 Td (Shown at the top.) Tj ET\n"
		"q BT 3 Tr /F1 11 Tf 72 39880 Td (Hidden near the top.) Tj ET Q\n"
		"BT /F1 11 Tf 72 100 Td (Shown at the foot.) Tj ET\n"};
	clint_diag *d = NULL;
	clint_doc *doc;
	pdfw w = make_pdf_tall(content, 1, 40000);

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_pdf(&w, d, CLINT_OK);
	assert_text_has(doc, "Shown at the top.", 1);
	assert_text_has(doc, "Shown at the foot.", 1);
	assert_text_has(doc, "Hidden near the top.", 1);
	unit_diag_at(d, "page 1 not looked at for text a reader cannot see: too "
	                "large to draw",
	             CLINT_DIAG_WARNING);
	clint_doc_free(doc);
	clint_diag_free(d);
	free(w.data);
}

/*
 * Drawing stops once half the CPU time allowed is spent: 60 pages, each
 * drawing the same 3000 x 3000 image, with a limit of 2 s. Every page's
 * text is read; the pages left undrawn are named.
 */
static void test_hidden_text_time(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	pdfw w = {NULL, 0, 0, {0}, 0};
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	size_t xref, k;
	int p;

	(void)state;
	/* 1 catalog, 2 pages, 3 font, 4 image, 5+2p page p, 6+2p content */
	w_put(&w, "%PDF-1.4\n", 9);
	w_obj(&w, 1);
	w_printf(&w, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	w_obj(&w, 2);
	w_printf(&w, "<< /Type /Pages /Count 60 /Kids [");
	for (p = 0; p < 60; p++)
		w_printf(&w, " %d 0 R", 5 + 2 * p);
	w_printf(&w, " ] >>\nendobj\n");
	w_obj(&w, 3);
	w_printf(&w, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	             "endobj\n");
	w_obj(&w, 4);
	/* 9,000,000 grey bytes, run-length coded: 128 copies a pair */
	w_printf(&w, "<< /Type /XObject /Subtype /Image /Width 3000 /Height 3000 "
	             "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter "
	             "/RunLengthDecode /Length %zu >>\nstream\n",
	         (size_t)(9000000 / 128 + 1) * 2 + 1);
	for (k = 0; k < 9000000 / 128; k++)
		w_put(&w, "\x81\x80", 2);
	w_put(&w, "\xC1\x80\x80", 3); /* the last 64 (257 - 0xC1), the end */
	w_printf(&w, "\nendstream\nendobj\n");
	for (p = 0; p < 60; p++) {
		char cs[200];

		snprintf(cs, sizeof(cs), "q 300 0 0 300 100 300 cm /Im1 Do Q\n"
		         "BT /F1 11 Tf 72 700 Td (Page %d text.) Tj ET\n", p + 1);
		w_obj(&w, 5 + 2 * p);
		w_printf(&w, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
		             "/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 "
		             "0 R >> >> /Contents %d 0 R >>\nendobj\n", 6 + 2 * p);
		w_obj(&w, 6 + 2 * p);
		w_printf(&w, "<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
		         strlen(cs), cs);
	}
	xref = w.len;
	w_printf(&w, "xref\n0 %d\n0000000000 65535 f \n", w.nobj + 1);
	for (p = 1; p <= w.nobj; p++)
		w_printf(&w, "%010zu 00000 n \n", w.offs[p]);
	w_printf(&w, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n"
	             "%%%%EOF\n", w.nobj + 1, xref);

	o.max_pdf_seconds = 2;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "t.pdf", w.data, w.len, &o,
	                                       d),
	                 CLINT_OK);
	assert_text_has(doc, "Page 1 text.", 1);
	assert_text_has(doc, "Page 60 text.", 1);
	unit_diag_at(d, "not looked at for text a reader cannot see: half the CPU "
	                "time allowed (--max-pdf-seconds) had been spent",
	             CLINT_DIAG_WARNING);
	clint_doc_free(doc);
	clint_diag_free(d);
	free(w.data);
}

/* A PDF whose only text is invisible is refused, saying so (not as a
 * scan without text). */
static void test_hidden_only(void **state)
{
	static const char *const content[] = {
		"BT 3 Tr /F1 11 Tf 72 700 Td (The Supplier shall pay.) Tj ET\n",
		"BT 3 Tr /F1 11 Tf 72 700 Td (Service credits apply at once.) Tj "
		"ET\n"};
	clint_diag *d = NULL;
	pdfw w = make_pdf(content, 2);

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_null(load_pdf(&w, d, CLINT_EFORMAT));
	unit_diag_at(d, "none of its text is drawn visibly: 46 characters are "
	                "invisible, white, clipped, covered or too small (pages 1 and 2)",
	             CLINT_DIAG_ERROR);
	clint_diag_free(d);
	free(w.data);
}

/* Three pages with a running header, page-number footers, paragraphs
 * separated by vertical gaps, a hyphenated line end and numbered clauses. */
static void test_pages_paragraphs_running_heads(void **state)
{
	char cs[3][4096] = {"", "", ""};
	const char *content[3] = {cs[0], cs[1], cs[2]};
	clint_diag *d = NULL;
	clint_doc *doc;
	clint_block b;
	pdfw w;
	int p;

	(void)state;
	for (p = 0; p < 3; p++) {
		char num[32];
		line_at(cs[p], sizeof(cs[p]), 72, 750, "ACME Master Services Agreement");
		snprintf(num, sizeof(num), "Page %d of 3", p + 1);
		line_at(cs[p], sizeof(cs[p]), 290, 40, num);
	}
	line_at(cs[0], 4096, 72, 700, "1. Services. The Supplier shall provide the Services");
	line_at(cs[0], 4096, 72, 686, "described in the Statement of Work with due care and");
	line_at(cs[0], 4096, 72, 672, "skill.");
	line_at(cs[0], 4096, 72, 640, "The Customer may terminate this Agreement on notice. The");
	line_at(cs[0], 4096, 72, 626, "termi-");
	line_at(cs[0], 4096, 72, 612, "nation takes effect after thirty days.");
	line_at(cs[1], 4096, 72, 700, "2. Fees. The Customer shall pay the fees within");
	line_at(cs[1], 4096, 72, 686, "thirty (30) days of a valid invoice.");
	line_at(cs[1], 4096, 72, 672, "3. Term. This Agreement runs for three years.");
	line_at(cs[2], 4096, 72, 700, "4. Law. The law of England applies. A well-");
	line_at(cs[2], 4096, 72, 686, "Known exception: none.");
	w = make_pdf(content, 3);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_pdf(&w, d, CLINT_OK);
	unit_diag_dump(d);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_PDF);
	assert_string_equal(
		clint_doc_text(doc, NULL),
		"1. Services. The Supplier shall provide the Services described in "
		"the Statement of Work with due care and skill.\n"
		"The Customer may terminate this Agreement on notice. The "
		"termination takes effect after thirty days.\n"
		"2. Fees. The Customer shall pay the fees within thirty (30) days of "
		"a valid invoice.\n"
		"3. Term. This Agreement runs for three years.\n"
		"4. Law. The law of England applies. A well- Known exception: none.");
	/* no header or footer survives */
	assert_null(strstr(clint_doc_text(doc, NULL), "ACME"));
	assert_null(strstr(clint_doc_text(doc, NULL), "Page"));
	b = blk(doc, 0, "1. Services. The Supplier shall provide the Services "
	                "described in the Statement of Work with due care and "
	                "skill.");
	assert_int_equal(b.page, 1);
	assert_int_equal(b.paragraph, 1);
	assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK, 0);
	b = blk(doc, 2, "2. Fees. The Customer shall pay the fees within thirty "
	                "(30) days of a valid invoice.");
	assert_int_equal(b.page, 2);
	assert_int_equal(b.paragraph, 3);
	assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK, CLINT_BLOCK_PAGE_BREAK);
	b = blk(doc, 3, "3. Term. This Agreement runs for three years.");
	assert_int_equal(b.page, 2);
	assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK, 0);
	b = blk(doc, 4, "4. Law. The law of England applies. A well- Known "
	                "exception: none.");
	assert_int_equal(b.page, 3);
	assert_int_equal(b.paragraph, 5);
	/* poppler printed nothing the caller did not ask for; no diagnostics */
	assert_int_equal(clint_diag_count(d), 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	free(w.data);
}

static void test_no_text_layer(void **state)
{
	/* a page that only paints an inline image: a scan */
	const char *content[1] = {
		"q 200 0 0 200 100 400 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x10\x80\xF0\x40 EI Q"};
	clint_diag *d = NULL;
	clint_doc *doc;
	pdfw w = make_pdf(content, 1);

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_pdf(&w, d, CLINT_EFORMAT);
	assert_null(doc);
	assert_true(unit_diag_find(d, "no text layer (scanned image?)") >= 0);
	assert_true(unit_diag_find(d, "run OCR first") >= 0);
	clint_diag_free(d);
	free(w.data);
}

static void test_damaged(void **state)
{
	static const char junk[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type";
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	char cs[512] = "";
	const char *content[1] = {cs};
	pdfw w;
	size_t n;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "j.pdf", junk,
	                                       sizeof(junk) - 1, &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_true(unit_diag_find(d, "PDF") >= 0);
	clint_diag_free(d);
	/* every prefix of a good PDF: an error or text, never a crash */
	line_at(cs, sizeof(cs), 72, 700, "Short text.");
	w = make_pdf(content, 1);
	for (n = 5; n < w.len; n += 7) {
		int rc = clint_doc_load_buffer(&doc, "p.pdf", w.data, n, &o, NULL);
		assert_true(rc == CLINT_OK || rc == CLINT_EFORMAT);
		clint_doc_free(doc);
		doc = NULL;
	}
	free(w.data);
}

/* ---- the real PDFs of ../shared/corpus/docs -------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lower-cased ASCII words of `s`, sorted; the caller frees. */
static char **words(const char *s, size_t *count)
{
	size_t n = 0, cap = 1024, i = 0;
	char **v = malloc(cap * sizeof(*v));

	assert_non_null(v);
	while (s[i]) {
		size_t j = i, k;
		while (s[j] && isalnum((unsigned char)s[j]))
			j++;
		if (j > i) {
			if (n == cap) {
				cap *= 2;
				v = realloc(v, cap * sizeof(*v));
				assert_non_null(v);
			}
			v[n] = malloc(j - i + 1);
			assert_non_null(v[n]);
			for (k = i; k < j; k++)
				v[n][k - i] = (char)tolower((unsigned char)s[k]);
			v[n][j - i] = '\0';
			n++;
			i = j;
		} else {
			i++;
		}
	}
	qsort(v, n, sizeof(*v), cmp_str);
	*count = n;
	return v;
}

static void free_words(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Share of the words of `ref` (as a multiset) found in `got`. */
static double overlap(const char *got, const char *ref)
{
	size_t ng, nr, i = 0, j = 0, common = 0;
	char **g = words(got, &ng), **r = words(ref, &nr);

	while (i < ng && j < nr) {
		int c = strcmp(g[i], r[j]);
		if (c == 0) {
			common++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	free_words(g, ng);
	free_words(r, nr);
	return nr ? (double)common / (double)nr : 0;
}

#define CORPUS "../shared/corpus/docs/"

static void test_corpus_bonterms(void **state)
{
	static const char *const names[] = {"bonterms-psa-v1.2", "bonterms-sla-v1.0"};
	size_t i;

	(void)state;
	if (access(CORPUS, R_OK) != 0) {
		print_message("SKIP: %s not found (only in the team's workspace)\n",
		              CORPUS);
		skip();
	}
	for (i = 0; i < ARRAY_LEN(names); i++) {
		char pdf[256], md[256];
		char *ref;
		clint_doc *doc = NULL;
		double share;

		snprintf(pdf, sizeof(pdf), CORPUS "%s.pdf", names[i]);
		snprintf(md, sizeof(md), CORPUS "%s.md", names[i]);
		ref = slurp(md, NULL);
		if (!ref || access(pdf, R_OK) != 0) {
			free(ref);
			print_message("SKIP: %s or its .md is missing\n", pdf);
			continue;
		}
		assert_int_equal(clint_doc_load_file(&doc, pdf, NULL, NULL), CLINT_OK);
		share = overlap(clint_doc_text(doc, NULL), ref);
		print_message("%s.pdf: %.1f%% of the words of %s.md (%zu blocks)\n",
		              names[i], share * 100, names[i],
		              clint_doc_block_count(doc));
		assert_true(share >= 0.90);
		clint_doc_free(doc);
		free(ref);
	}
}

static void test_corpus_cuad(void **state)
{
	static const char *const names[] = {
		"cuad-BNLFINANCIALCORP_03_30_2007-EX-10.8-OUTSOURCING_AGREEMENT.pdf",
		"cuad-CENTRACKINTERNATIONALINC_10_29_1999-EX-10.3-WEB_SITE_HOSTING_AGREEMENT.pdf",
		"cuad-MERITLIFEINSURANCECO_06_19_2020-EX-10._XIV_-MASTER_SERVICES_AGREEMENT.pdf",
		"cuad-OFGBANCORP_03_28_2007-EX-10.23-OUTSOURCING_AGREEMENT.pdf",
		"cuad-UAGHINC_04_14_2004-EX-10.18-MAINTENANCE_AGREEMENT.pdf",
	};
	size_t i, loaded = 0;

	(void)state;
	if (access(CORPUS, R_OK) != 0) {
		print_message("SKIP: %s not found\n", CORPUS);
		skip();
	}
	for (i = 0; i < ARRAY_LEN(names); i++) {
		char path[512];
		clint_doc *doc = NULL;
		clint_block b;
		size_t len;

		snprintf(path, sizeof(path), CORPUS "%s", names[i]);
		if (access(path, R_OK) != 0)
			continue;
		assert_int_equal(clint_doc_load_file(&doc, path, NULL, NULL), CLINT_OK);
		clint_doc_text(doc, &len);
		assert_true(len > 1000);
		assert_true(clint_doc_block_count(doc) > 10);
		assert_int_equal(clint_doc_block(doc, clint_doc_block_count(doc) - 1,
		                                 &b),
		                 CLINT_OK);
		assert_true(b.page >= 1 && b.paragraph == clint_doc_block_count(doc));
		clint_doc_free(doc);
		loaded++;
	}
	print_message("%zu CUAD PDFs loaded\n", loaded);
}

#endif

/* ---- the PDF reader: a helper process, absent, foreign or hostile ---------- */

/* Child mode: is poppler mapped into this process? (/proc/self/maps) */
static int poppler_mapped(void)
{
	char line[4096];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, "libpoppler") != NULL;
	fclose(f);
	return found;
}

/* The quadratic page: poppler's text layout compares the words of a page
 * with each other, so `n` lines on one page (as tall as they need) cost
 * it O(n^2) time (60,000: some 40 s of CPU and 800 MB). */
static pdfw quadratic_pdf(int n)
{
	size_t cap = (size_t)n * 64 + 64, len = 0;
	char *cs = malloc(cap);
	const char *content[1];
	pdfw w;
	int i;

	assert_non_null(cs);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(cs + len, cap - len,
		                        "BT /F1 10 Tf 72 %d Td (Clause %d w%d) Tj ET\n",
		                        12 * n + 50 - 12 * i, i + 1, i * 7);
	content[0] = cs;
	w = make_pdf_tall(content, 1, 12 * n + 100);
	free(cs);
	return w;
}

/*
 * Child mode (--load-pdf [SECONDS [MIB [quadratic]]]): loads a one-page
 * PDF (or the quadratic page) within those limits and prints, one per
 * line, whether poppler was mapped before, the load's return code,
 * whether poppler is mapped after, the first diagnostic and the text.
 */
static int child_load_pdf(int argc, char **argv)
{
	char cs[512] = "";
	const char *content[1] = {cs};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	clint_diag_entry e;
	int before, rc;
	pdfw w;

	if (argc > 2)
		o.max_pdf_seconds = atof(argv[2]);
	if (argc > 3)
		o.max_pdf_memory = (size_t)atol(argv[3]) << 20;
	if (argc > 4) {
		w = quadratic_pdf(60000);
	} else {
		line_at(cs, sizeof(cs), 72, 700,
		        "The Supplier shall provide the Services.");
		w = make_pdf(content, 1);
	}
	before = poppler_mapped();
	if (clint_diag_new(&d) < 0)
		return 1;
	/* a program without standard input: the library's own fds may then
	 * be 0, and must not end up as the helper's */
	if (getenv("TEST_PDF_CLOSE_STDIN"))
		close(0);
	rc = clint_doc_load_buffer(&doc, "m.pdf", w.data, w.len, &o, d);
	printf("before %d\nrc %d\nafter %d\n", before, rc, poppler_mapped());
	if (clint_diag_count(d) && clint_diag_get(d, 0, &e) == CLINT_OK)
		printf("diag %s\n", e.message);
	if (doc)
		printf("text %.200s\n", clint_doc_text(doc, NULL));
	clint_doc_free(doc);
	clint_diag_free(d);
	free(w.data);
	return 0;
}

/* Runs this program with `args` (after --load-pdf) and
 * CLAUSELINT_PDF_HELPER set to `helper` (unset if NULL); returns its
 * output. */
static char *run_child(const char *helper, const char *const *args)
{
	static char out[8192];
	size_t n = 0;
	ssize_t k;
	int fd[2], status;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[8] = {(char *)"test_pdf", (char *)"--load-pdf"};
		int i;
		for (i = 0; args && args[i] && i < 5; i++)
			argv[2 + i] = (char *)args[i];
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (helper)
			setenv("CLAUSELINT_PDF_HELPER", helper, 1);
		else
			unsetenv("CLAUSELINT_PDF_HELPER");
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(fd[1]);
	while (n < sizeof(out) - 1 &&
	       (k = read(fd[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return out;
}

static void assert_has(const char *out, const char *want)
{
	if (!strstr(out, want))
		fail_msg("'%s' not in:\n%s", want, out);
}

static void test_helper_missing(void **state)
{
	char want[32], *out;

	(void)state;
	out = run_child("/nonexistent/clauselint-pdf", NULL);
	snprintf(want, sizeof(want), "rc %d\n", CLINT_EUNSUPPORTED);
	assert_has(out, want);
	assert_has(out, "PDF support is not installed");
	assert_has(out, "/nonexistent/clauselint-pdf");
	assert_has(out, "after 0\n");
	/* a file that is not executable */
	out = run_child("/proc/self/maps", NULL);
	assert_has(out, want);
	assert_has(out, "is not an executable file");
}

/* ---- stand-in helpers: this program run as --fake-helper MODE ---------- */

#define RC_FORMAT "rc -3\n" /* CLINT_EFORMAT */
#define RC_LIMIT "rc -6\n"  /* CLINT_ELIMIT */

static void put32(int32_t v)
{
	fwrite(&v, sizeof(v), 1, stdout);
}

static void put64(uint64_t v)
{
	fwrite(&v, sizeof(v), 1, stdout);
}

static void put_head(int32_t open_rc)
{
	fwrite(CLINT_PDF_WIRE_MAGIC, 1, 8, stdout);
	put32((int32_t)CLINT_PDF_WIRE_VERSION);
	put32(open_rc);
}

/* Helper mode: answers as a helper would, or as a hostile or broken one,
 * after checking the arguments it is given. */
static int fake_helper(const char *mode, int argc, char **argv)
{
	static const char text[] = "Hello from the stand-in helper.\n";
	char buf[64];
	ssize_t n;

	/* the library's arguments: CPU seconds and memory bytes (after
	 * --fake-helper MODE and the script's name) */
	(void)argv;
	if (argc != 6)
		return 90;
	/* standard input is the PDF, from its start */
	n = read(0, buf, 5);
	if (n != 5 || memcmp(buf, "%PDF-", 5) != 0)
		return 91;
	if (strcmp(mode, "ok") == 0 || strcmp(mode, "short") == 0) {
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_OK);
		if (strcmp(mode, "short") == 0) {
			put64(100);
			fwrite(text, 1, 10, stdout);
			return 0;
		}
		put64(strlen(text));
		fwrite(text, 1, strlen(text), stdout);
		put64(0);
		put32(CLINT_PDF_DRAWN_NO);
	} else if (strcmp(mode, "magic") == 0) {
		fwrite("CLINTPDX", 1, 8, stdout);
		put32((int32_t)CLINT_PDF_WIRE_VERSION);
	} else if (strcmp(mode, "pages") == 0) {
		put_head(CLINT_PDF_OK);
		put32(2000000);
	} else if (strcmp(mode, "reason") == 0) {
		put_head(CLINT_PDF_EDAMAGED);
		put32(100000);
	} else if (strcmp(mode, "damaged") == 0) {
		put_head(CLINT_PDF_EDAMAGED);
		put32(11);
		fwrite("xref broken", 1, 11, stdout);
	} else if (strcmp(mode, "unknown") == 0) {
		put_head(-77);
		put32(0);
	} else if (strcmp(mode, "enomem") == 0) {
		put_head(CLINT_PDF_ENOMEM);
		put32(0);
	} else if (strcmp(mode, "pagefail") == 0) {
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_ENOMEM);
	} else if (strcmp(mode, "text") == 0) {
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_OK);
		put64((uint64_t)1 << 40);
	} else if (strcmp(mode, "utf8") == 0 || strcmp(mode, "nul") == 0) {
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_OK);
		put64(14);
		fwrite(strcmp(mode, "nul") == 0 ? "The Supplier\0\n" : "The Supplier\xff\n",
		       1, 14, stdout);
		put64(0);
	} else if (strcmp(mode, "manyboxes") == 0) {
		/* 3 MiB of "a\n" and a box for each character: too many */
		size_t k;
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_OK);
		put64(3 << 20);
		for (k = 0; k < (3u << 19); k++)
			fwrite("a\n", 1, 2, stdout);
		put64(3 << 20);
	} else if (strcmp(mode, "killed") == 0) {
		fflush(stdout);
		raise(SIGKILL);
	} else if (strcmp(mode, "linger") == 0) {
		put_head(CLINT_PDF_OK);
		fflush(stdout);
		close(1);
		sleep(60);
	} else if (strcmp(mode, "boxes") == 0) {
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_OK);
		put64(4);
		fwrite("abc\n", 1, 4, stdout);
		put64(5);
	} else if (strcmp(mode, "inkcount") == 0 ||
	           strcmp(mode, "inkflag") == 0) {
		/* an unknown drawing result, or an ink flag that is not 0 or 1 */
		static const double box[4] = {72, 72, 78, 82};
		int k;
		put_head(CLINT_PDF_OK);
		put32(1);
		put32(CLINT_PDF_OK);
		put64(4);
		fwrite("abc\n", 1, 4, stdout);
		put64(4);
		for (k = 0; k < 4; k++)
			fwrite(box, sizeof(box), 1, stdout);
		if (strcmp(mode, "inkcount") == 0) {
			put32(7);
		} else {
			put32(CLINT_PDF_DRAWN_OK);
			fwrite("\1\2\1\1", 1, 4, stdout);
		}
	} else if (strcmp(mode, "exit") == 0) {
		return 7;
	} else if (strcmp(mode, "crash") == 0) {
		/* (abort(): a sanitizer turns SIGSEGV into exit status 1) */
		fflush(stdout);
		abort();
	} else if (strcmp(mode, "spin") == 0) {
		volatile unsigned long x = 0;
		for (;;)
			x++;
	} else if (strcmp(mode, "sleep") == 0) {
		sleep(60);
	}
	return 0;
}

/* Writes a script that runs this program as the helper in `mode`. */
static void write_fake(char *path, size_t cap, const char *dir, const char *mode)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	FILE *f;

	assert_true(n > 0);
	self[n] = '\0';
	snprintf(path, cap, "%s/%s", dir, mode);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\nexec '%s' --fake-helper %s \"$0\" \"$@\"\n", self,
	        mode);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

/*
 * The helper's output is untrusted: a stand-in helper that lies about
 * lengths and counts, stops early, crashes, spins or sleeps gets the file
 * refused with the reason, never a crash, a hang or a huge allocation.
 */
static void test_helper_hostile(void **state)
{
	static const struct {
		const char *mode, *seconds, *rc, *diag;
	} cases[] = {
		{"ok", "0", "rc 0\n", "text Hello from the stand-in helper."},
		{"magic", "0", RC_FORMAT, "is not the PDF reader of this version"},
		{"pages", "0", RC_LIMIT, "it has 2000000 pages, more than the limit of 100000"},
		{"utf8", "0", RC_FORMAT, "sent text that is not UTF-8"},
		{"nul", "0", RC_FORMAT, "sent text that is not UTF-8"},
		{"manyboxes", "0", RC_LIMIT, "page 1 has more than 2097152 characters"},
		/* killed by something else than a CPU limit: a crash */
		{"killed", "5", RC_FORMAT, "the PDF reader failed on it (signal 9, SIGKILL)"},
		/* a helper that closes its output and lives on is killed */
		{"linger", "0", RC_FORMAT, "did not exit when its output ended, and was killed"},
		{"reason", "0", RC_FORMAT, "sent a reason too long"},
		{"damaged", "0", RC_FORMAT, "damaged or unreadable PDF (xref broken)"},
		{"unknown", "0", RC_FORMAT, "sent an unknown result"},
		{"enomem", "0", RC_LIMIT, "the PDF reader ran out of memory (limit 2048 MiB"},
		{"pagefail", "0", RC_LIMIT, "ran out of memory on page 1"},
		{"text", "0", RC_LIMIT, "page 1 has more text than the limit of 16 MiB"},
		{"boxes", "0", RC_FORMAT, "sent more boxes than characters"},
		{"inkcount", "0", RC_FORMAT, "sent an unknown drawing result"},
		{"inkflag", "0", RC_FORMAT, "sent an ink flag that is not 0 or 1"},
		{"short", "0", RC_FORMAT, "output ended early"},
		{"exit", "0", RC_FORMAT, "failed: exit status 7"},
		{"crash", "0", RC_FORMAT, "the PDF reader failed on it (signal 6, SIGABRT)"},
		/* a helper that ignores its CPU limit still gets it, from the
		 * library */
		{"spin", "0.5", RC_LIMIT, "stopped at its CPU-time limit of 0.5 s"},
		/* one that waits for nothing is killed by the wall clock: 5
		 * times the CPU limit the kernel has (0.2 s: 1 s) plus 5 s */
		{"sleep", "0.2", RC_LIMIT, "longer than 10 s of wall-clock time"},
	};
	char dir[] = "/tmp/clint-pdf-XXXXXX", path[4200], *out;
	size_t i;

	(void)state;
	assert_int_equal(CLINT_EFORMAT, -3);
	assert_int_equal(CLINT_ELIMIT, -6);
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *args[] = {cases[i].seconds, NULL};
		write_fake(path, sizeof(path), dir, cases[i].mode);
		out = run_child(path, args);
		if (!strstr(out, cases[i].rc) || !strstr(out, cases[i].diag))
			fail_msg("helper %s: want '%s' and '%s' in:\n%s",
			         cases[i].mode, cases[i].rc, cases[i].diag, out);
		if (strcmp(cases[i].rc, "rc 0\n") != 0)
			assert_has(out, "diag ");
		unlink(path);
	}
	rmdir(dir);
}

/* Version 1 options get the default limits; bad limits are refused. */
static void test_pdf_limit_options(void **state)
{
	typedef struct {
		unsigned version;
		clint_input_format format;
		size_t max_input_bytes;
		clint_revisions revisions;
	} options_v1;
	options_v1 v1 = {1, CLINT_INPUT_TEXT, 0, CLINT_REVISIONS_ACCEPT};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;

	(void)state;
	assert_int_equal(clint_doc_load_buffer(&doc, "v1.txt", "Text.", 5,
	                                       (const clint_doc_options *)&v1,
	                                       NULL),
	                 CLINT_OK);
	clint_doc_free(doc);
	o.max_pdf_seconds = NAN;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.txt", "Text.", 5, &o, NULL),
	                 CLINT_EINVAL);
	o.max_pdf_seconds = -2;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.txt", "Text.", 5, &o, NULL),
	                 CLINT_EINVAL);
	o.max_pdf_seconds = CLINT_NO_TIME_LIMIT;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.txt", "Text.", 5, &o, NULL),
	                 CLINT_OK);
	clint_doc_free(doc);
	o.version = CLINT_DOC_OPTIONS_VERSION + 1;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.txt", "Text.", 5, &o, NULL),
	                 CLINT_EINVAL);
	assert_null(doc);
}

#ifdef CLINT_HAVE_POPPLER
/* Poppler never runs in the library's process: the helper reads the PDF. */
static void test_helper_reads(void **state)
{
	const char *helper = getenv("CLAUSELINT_PDF_HELPER");
	char *out;

	(void)state;
	if (!helper || access(helper, X_OK) != 0) {
		print_message("SKIP: CLAUSELINT_PDF_HELPER is not set to the "
		              "build's clauselint-pdf (make unit sets it)\n");
		return;
	}
	out = run_child(helper, NULL);
	assert_has(out, "before 0\nrc 0\nafter 0\n");
	assert_has(out, "text The Supplier shall provide the Services.");
	assert_null(strstr(out, "diag"));
	setenv("TEST_PDF_CLOSE_STDIN", "1", 1);
	out = run_child(helper, NULL);
	unsetenv("TEST_PDF_CLOSE_STDIN");
	assert_has(out, "rc 0\n");
	assert_has(out, "text The Supplier shall provide the Services.");
}

/* The helper puts itself under its CPU limit, without the library. */
static void test_helper_limits_itself(void **state)
{
	const char *helper = getenv("CLAUSELINT_PDF_HELPER");
	char path[] = "/tmp/clint-pdf-XXXXXX";
	pdfw w;
	int fd, status;
	pid_t pid;

	(void)state;
	if (!helper || access(helper, X_OK) != 0) {
		print_message("SKIP: CLAUSELINT_PDF_HELPER is not set\n");
		return;
	}
	w = quadratic_pdf(60000);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, w.data, w.len), (ssize_t)w.len);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	unlink(path);
	free(w.data);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(fd, 0);
		dup2(null, 1);
		execl(helper, helper, "1", "0", (char *)NULL);
		_exit(127);
	}
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFSIGNALED(status) ||
	    (WTERMSIG(status) != SIGXCPU && WTERMSIG(status) != SIGKILL))
		fail_msg("the helper was not stopped at 1 s of CPU (status %d)",
		         status);
}

/*
 * The quadratic page (60,000 lines, 2 MB) is stopped at its limits, by
 * the real helper: 1 s of CPU, then 64 MiB of memory.
 */
static void test_helper_limits(void **state)
{
	const char *helper = getenv("CLAUSELINT_PDF_HELPER");
	const char *cpu[] = {"1", "0", "quadratic", NULL};
	char *out;

	(void)state;
	if (!helper || access(helper, X_OK) != 0) {
		print_message("SKIP: CLAUSELINT_PDF_HELPER is not set\n");
		return;
	}
	out = run_child(helper, cpu);
	assert_has(out, RC_LIMIT);
	assert_has(out, "diag PDF not read: reading it stopped at its CPU-time "
	                "limit of 1 s (--max-pdf-seconds)");
#ifndef TEST_SANITIZED
	{
		/* -1: CLINT_NO_TIME_LIMIT; 64 MiB */
		const char *mem[] = {"-1", "64", "quadratic", NULL};
		out = run_child(helper, mem);
		assert_has(out, RC_FORMAT);
		assert_has(out, "needs more memory than the limit of 64 MiB");
	}
#endif
}
#endif

#ifndef CLINT_HAVE_POPPLER

static void test_no_pdf_support(void **state)
{
	char cs[512] = "";
	const char *content[1] = {cs};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	pdfw w;

	(void)state;
	line_at(cs, sizeof(cs), 72, 700, "Text.");
	w = make_pdf(content, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "t.pdf", w.data, w.len, &o, d),
	                 CLINT_EUNSUPPORTED);
	assert_null(doc);
	assert_true(unit_diag_find(d, "install libpoppler-glib-dev and rebuild") >= 0);
	print_message("SKIP: poppler-specific PDF tests (built without poppler-glib)\n");
	clint_diag_free(d);
	free(w.data);
}

#endif

/* ---- the layout stage, fed by a stand-in module (no poppler) ------------- */

/* What the stand-in module returns: its open() takes the address of one
 * of these as the "PDF" bytes. */
typedef struct {
	const char *const *pages;
	int count;                  /* page_count() */
	int open_rc;                /* open(): CLINT_PDF_OK or an error */
	const clint_pdf_rect *rects; /* page 0's boxes, nrects of them */
	size_t nrects;
	int page_rc;                /* page() of the last page */
	const unsigned char *ink;   /* page 0's ink flags (nrects), or NULL */
} stand_in;

static int si_open(void **out, const unsigned char *data, size_t len,
                   const clint_pdf_limits *lim, char *err, size_t errlen)
{
	const stand_in *s = (const stand_in *)(const void *)data;

	assert_int_equal(len, sizeof(*s));
	assert_null(lim);
	*out = NULL;
	if (s->open_rc != CLINT_PDF_OK) {
		snprintf(err, errlen, "stand-in damage");
		return s->open_rc;
	}
	*out = (void *)(uintptr_t)s;
	return CLINT_PDF_OK;
}

static int si_page_count(void *pdf)
{
	return ((const stand_in *)pdf)->count;
}

static int si_page(void *pdf, int i, clint_pdf_page *pg, char *err,
                   size_t errlen)
{
	const stand_in *s = pdf;

	memset(pg, 0, sizeof(*pg));
	if (s->page_rc != CLINT_PDF_OK && i + 1 == s->count) {
		snprintf(err, errlen, "stand-in page failure");
		return s->page_rc;
	}
	pg->text = strdup(s->pages[i]);
	if (i == 0 && s->nrects) {
		pg->rects = malloc(s->nrects * sizeof(*pg->rects));
		assert_non_null(pg->rects);
		memcpy(pg->rects, s->rects, s->nrects * sizeof(*pg->rects));
		pg->nrects = s->nrects;
		if (s->ink) {
			pg->ink = malloc(s->nrects);
			assert_non_null(pg->ink);
			memcpy(pg->ink, s->ink, s->nrects);
			pg->drawn = CLINT_PDF_DRAWN_OK;
		}
	}
	return pg->text ? CLINT_PDF_OK : CLINT_PDF_ENOMEM;
}

static void si_close(void *pdf)
{
	(void)pdf;  /* the caller's stand_in */
}

static int si_is_lower(uint32_t cp)
{
	(void)cp;
	return 0;
}

static const clint_pdf_module stand_in_module = {
	CLINT_PDF_MODULE_ABI, si_open, si_page_count, si_page, free, si_close,
	si_is_lower,
};

/* Runs the layout stage on `s`; expects `rc`. The document when it is
 * CLINT_OK (built), else NULL. */
static clint_doc *layout(const stand_in *s, clint_diag *d, int rc)
{
	clint_doc *doc = NULL;

	assert_int_equal(clint_doc_alloc(&doc, "s.pdf"), CLINT_OK);
	doc->format = CLINT_INPUT_PDF;
	assert_int_equal(clint_extract_pdf_layout(doc, &stand_in_module, NULL,
	                                          (const unsigned char *)s,
	                                          sizeof(*s), d),
	                 rc);
	if (rc != CLINT_OK) {
		clint_doc_free(doc);
		return NULL;
	}
	assert_int_equal(clint_doc_finish_build(doc), CLINT_OK);
	return doc;
}

/* Times `needle` is in the document's text. */
static size_t text_count(const clint_doc *doc, const char *needle)
{
	const char *t = clint_doc_text(doc, NULL);
	size_t n = 0;

	while ((t = strstr(t, needle)) != NULL) {
		n++;
		t += strlen(needle);
	}
	return n;
}

/*
 * A line at a page edge is a running head when its key (digits left out)
 * is at that edge of more than half of the pages, counted once per page
 * however often it repeats there; lines go from the edge inwards, up to
 * the first that is not repeated.
 */
static void test_layout_running_heads(void **state)
{
	static const char *const four[] = {
		"Acme Agreement\nBody one alpha.\nPage 1\n",
		"Acme Agreement\nBody two beta.\nPage 2\n",
		"Acme Agreement\nBody three gamma.\nPage 3\n",
		"Other Heading\nBody four delta.\nPage 4\n",
	};
	static const char *const twice[] = {
		"Twice Here\nTwice Here\nBody a.\n", "Twice Here\nTwice Here\nBody b.\n",
		"Body c.\n", "Body d.\n",
	};
	static const char *const same[] = {
		"The Supplier may raise the Charges at any time.\nPage 1\n",
		"The Supplier may raise the Charges at any time.\nPage 2\n",
		"The Supplier may raise the Charges at any time.\nPage 3\n",
	};
	static const char *const heads[] = {
		"Schedule of Charges\nPage 1\n", "Schedule of Charges\nPage 2\n",
		"Schedule of Charges\nPage 3\n",
	};
	stand_in s = {four, 4, CLINT_PDF_OK, NULL, 0, CLINT_PDF_OK, NULL};
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* the header on 3 of 4 pages, the page number on all: dropped */
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "Acme Agreement", 0);
	assert_text_has(doc, "Page", 0);
	assert_text_has(doc, "Other Heading", 1);
	assert_text_has(doc, "Body one alpha.", 1);
	assert_text_has(doc, "Body four delta.", 1);
	clint_doc_free(doc);
	/* on 2 of 4 pages, twice on each: not more than half of the pages */
	s.pages = twice;
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "Twice Here", 1);
	clint_doc_free(doc);
	/* on 3 of 4 once their header is shared: dropped, by page */
	s.pages = four;
	s.count = 3;
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "Acme Agreement", 0);
	assert_text_has(doc, "Body three gamma.", 1);
	clint_doc_free(doc);
	/* pages that repeat each other: every line is "running", so none is
	 * dropped (the text is not hidden from the checks) */
	s.pages = heads;
	s.count = 3;
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "Schedule of Charges", 1);
	assert_text_has(doc, "Page", 1);
	clint_doc_free(doc);
	/* ... but a sentence is kept once, and the rest is dropped */
	s.pages = same;
	doc = layout(&s, d, CLINT_OK);
	assert_int_equal(text_count(doc, "The Supplier may raise"), 1);
	assert_text_has(doc, "Page", 0);
	clint_doc_free(doc);
	assert_int_equal(clint_diag_count(d), 0);
	clint_diag_free(d);
}

/* A page of "x\n" lines costs 48 bytes of layout a line: the lines of all
 * pages are capped (PDF_MAX_LINES, 2,000,000), while empty lines in a row
 * count once, so a page padded with them is read as before. */
static void test_layout_line_limit(void **state)
{
	const size_t cap = 2000000;
	char *many = malloc(2 * (cap + 1) + 1), *half = malloc(cap + 3);
	char *empty = malloc(3 * cap + 64);
	const char *pages[2];
	stand_in s = {pages, 1, CLINT_PDF_OK, NULL, 0, CLINT_PDF_OK, NULL};
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	assert_non_null(many);
	assert_non_null(half);
	assert_non_null(empty);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* one line too many on one page */
	for (i = 0; i < cap + 1; i++)
		memcpy(many + 2 * i, "x\n", 2);
	many[2 * (cap + 1) - 1] = '\0'; /* cap + 1 lines, no final '\n' */
	pages[0] = many;
	assert_null(layout(&s, d, CLINT_ELIMIT));
	assert_true(unit_diag_find(d, "PDF not read: more than 2000000 lines of "
	                              "text (page 1 reaches the limit)") >= 0);
	/* exactly the limit is read */
	many[2 * cap - 1] = '\0';
	doc = layout(&s, d, CLINT_OK);
	clint_doc_free(doc);
	/* the limit is for the whole document: two pages of half + 1 */
	for (i = 0; i < cap / 2 + 1; i++)
		memcpy(half + 2 * i, "y\n", 2);
	half[2 * (cap / 2 + 1) - 1] = '\0';
	pages[0] = half;
	pages[1] = half;
	s.count = 2;
	clint_diag_clear(d);
	assert_null(layout(&s, d, CLINT_ELIMIT));
	assert_true(unit_diag_find(d, "(page 2 reaches the limit)") >= 0);
	/* 3 million empty lines between two paragraphs: read */
	strcpy(empty, "The Supplier shall keep records.");
	i = strlen(empty);
	memset(empty + i, '\n', 3 * cap / 2);
	strcpy(empty + i + 3 * cap / 2, "The Client shall pay.\n");
	pages[0] = empty;
	s.count = 1;
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "The Supplier shall keep records.", 1);
	assert_text_has(doc, "The Client shall pay.", 1);
	assert_int_equal(clint_doc_block_count(doc), 2);
	clint_doc_free(doc);
	clint_diag_free(d);
	free(many);
	free(half);
	free(empty);
}

/* A line at the page edges that reads as a sentence is a clause, not a
 * running head: its first copy is kept (a payment term repeated at each
 * page's foot was dropped whole), and all are when a number differs that
 * is not the page's. */
static void test_layout_running_sentences(void **state)
{
	static const char *const pay[] = {
		"Body one alpha.\nThe Client shall pay each invoice within ninety "
		"days.\nPage 1 of 3\n",
		"Body two beta.\nThe Client shall pay each invoice within ninety "
		"days.\nPage 2 of 3\n",
		"Body three gamma.\nThe Client shall pay each invoice within ninety "
		"days.\nPage 3 of 3\n",
	};
	static const char *const rise[] = {
		"Body one alpha.\nThe Charges rise by 3 per cent each year.\n",
		"Body two beta.\nThe Charges rise by 7 per cent each year.\n",
		"Body three gamma.\nThe Charges rise by 5 per cent each year.\n",
	};
	static const char *const huge[] = {
		"Body one alpha.\nFees under order 33333333333333333333333 are "
		"fixed.\n",
		"Body two beta.\nFees under order 33333333333333333333333 are "
		"fixed.\n",
		"Body three gamma.\nFees under order 33333333333333333333333 are "
		"fixed.\n",
	};
	static const char *const paged[] = {
		"Body one alpha.\nServices Agreement - Page 1 of 3 - Confidential.\n",
		"Body two beta.\nServices Agreement - Page 2 of 3 - Confidential.\n",
		"Body three gamma.\nServices Agreement - Page 3 of 3 - Confidential.\n",
	};
	stand_in s = {pay, 3, CLINT_PDF_OK, NULL, 0, CLINT_PDF_OK, NULL};
	clint_doc *doc;

	(void)state;
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(text_count(doc, "within ninety days."), 1);
	assert_text_has(doc, "Page", 0);
	assert_text_has(doc, "Body three gamma.", 1);
	clint_doc_free(doc);
	s.pages = rise;
	doc = layout(&s, NULL, CLINT_OK);
	assert_text_has(doc, "rise by 3 per cent", 1);
	assert_text_has(doc, "rise by 7 per cent", 1);
	assert_text_has(doc, "rise by 5 per cent", 1);
	clint_doc_free(doc);
	/* a running footer whose only changing number is the page's: one
	 * copy, not three between the pages' paragraphs */
	s.pages = paged;
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(text_count(doc, "Services Agreement - Page"), 1);
	assert_text_has(doc, "Body three gamma.", 1);
	clint_doc_free(doc);
	/* a number too long to compare (the fuzzer's: it overflowed a long
	 * long): the copies are told apart as clauses, all kept */
	s.pages = huge;
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(text_count(doc, "Fees under order 33333333333333333333"
	                                 "333 are fixed."), 3);
	clint_doc_free(doc);
}

/* Boxes a hostile PDF may lead the module to give: NaN and infinite
 * positions, no height, or one box too many (then all are ignored). */
static void test_layout_hostile_boxes(void **state)
{
	static const char *const one[] = {"First line here.\nSecond line here.\n"};
	clint_pdf_rect r[36];
	stand_in s = {one, 1, CLINT_PDF_OK, r, 0, CLINT_PDF_OK, NULL};
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i, n = strlen(one[0]);

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_true(n + 1 <= 36);
	for (i = 0; i < 36; i++) {
		r[i].x1 = i % 2 ? NAN : 72;
		r[i].x2 = INFINITY;
		r[i].y1 = i < 17 ? NAN : -INFINITY;
		r[i].y2 = r[i].y1;
	}
	for (s.nrects = n; s.nrects <= n + 1; s.nrects++) {
		doc = layout(&s, d, CLINT_OK);
		assert_text_has(doc, "First line here.", 1);
		assert_text_has(doc, "Second line here.", 1);
		clint_doc_free(doc);
	}
	clint_diag_free(d);
}

/*
 * poppler runs a clause number into the heading a tab stop sets it apart
 * from ("10.Fees"): two characters of a line that the text does not
 * separate are two words when their boxes are more than 0.4 of the
 * first one's height apart. Not a letter spaced out by less, not where
 * the text has a space already, not the next line, and not with boxes
 * that are not numbers.
 */
static void test_layout_word_gaps(void **state)
{
	static const char *const one[] = {
		"10.Fees and Expenses.\n"
		"10.1.Fees. The Customer pays the Charges.\n"
		"The Summary of Charges.\n"};
	const char *t = one[0], *sum = strstr(t, "Summary");
	clint_pdf_rect r[128];
	stand_in s = {one, 1, CLINT_PDF_OK, r, 0, CLINT_PDF_OK, NULL};
	clint_diag *d = NULL;
	clint_doc *doc;
	clint_section sec;
	double x = 72;
	size_t i, n = 0, line = 0;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	for (i = 0; t[i]; i++) {
		assert_true(n < 128);
		r[n].x1 = x;
		r[n].x2 = x + 5;
		r[n].y1 = 100 + 20 * (double)line;
		r[n].y2 = r[n].y1 + 10;
		x += 5;
		/* 16 points after the numbers (1.6 heights), 6 after a space
		 * (the text has one already), 3.5 after each letter of
		 * "Summary" (0.35: spaced-out type) */
		if (line < 2 && t[i] == '.' && t[i + 1] == 'F')
			x += 16;
		else if (t[i] == ' ')
			x += 6;
		else if (t + i >= sum && t + i < sum + 6)
			x += 3.5;
		if (t[i] == '\n') {
			line++;
			x = 72;
		}
		n++;
	}
	s.nrects = n;
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "10. Fees and Expenses.", 1);
	assert_text_has(doc, "10.1. Fees. The Customer pays the Charges.", 1);
	assert_text_has(doc, "The Summary of Charges.", 1);
	assert_text_has(doc, "  ", 0);
	/* the numbers are the sections' now */
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_int_equal(clint_doc_section(doc, 0, &sec), CLINT_OK);
	assert_string_equal(sec.number, "10");
	assert_int_equal(clint_doc_section(doc, 1, &sec), CLINT_OK);
	assert_string_equal(sec.number, "10.1");
	clint_doc_free(doc);
	/* boxes that do not map to the characters: the text as it is */
	s.nrects = n - 1;
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "10.Fees and Expenses.", 1);
	clint_doc_free(doc);
	assert_int_equal(clint_diag_count(d), 0);
	clint_diag_free(d);
}

/* Fills boxes for the code points of `text` but the direction marks
 * (U+202B, U+202C: 3 bytes each) when `marks` is 0: one a character,
 * the lines 12 points apart and a paragraph's gap after the third line.
 * Returns the number of boxes. */
static size_t line_boxes(const char *text, clint_pdf_rect *r, size_t max,
                         int marks)
{
	size_t i, n = 0, line = 0, col = 0;

	for (i = 0; text[i]; i++) {
		const unsigned char *u = (const unsigned char *)text + i;

		if ((*u & 0xC0) == 0x80)
			continue;
		if (!marks && u[0] == 0xE2 && u[1] == 0x80 &&
		    (u[2] == 0xAB || u[2] == 0xAC))
			continue;
		assert_true(n < max);
		r[n].x1 = 72 + 5 * (double)col++;
		r[n].x2 = r[n].x1 + 5;
		r[n].y1 = 100 + 12 * (double)line + (line >= 3 ? 24 : 0);
		r[n].y2 = r[n].y1 + 10;
		n++;
		if (*u == '\n') {
			line++;
			col = 0;
		}
	}
	return n;
}

/* A vertical gap starts a paragraph; it still does on a page where
 * poppler added direction marks around a right-to-left word and gave
 * them no box (the page lost its layout: one block). */
static void test_layout_direction_marks(void **state)
{
	static const char *const plain[] = {
		"Alpha one.\nAlpha two.\nAlpha three.\nBeta one.\nBeta two.\n"};
	static const char *const rtl[] = {
		"Alpha \xE2\x80\xAB\xD7\x90\xE2\x80\xAC one.\nAlpha two.\n"
		"Alpha three.\nBeta one.\nBeta two.\n"};
	clint_pdf_rect r[80];
	stand_in s = {plain, 1, CLINT_PDF_OK, r, 0, CLINT_PDF_OK, NULL};
	clint_doc *doc;

	(void)state;
	s.nrects = line_boxes(plain[0], r, 80, 0);
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 2);
	clint_doc_free(doc);
	s.pages = rtl;
	s.nrects = line_boxes(rtl[0], r, 80, 0);
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 2);
	clint_doc_free(doc);
	/* boxes for the marks too: counted as they come */
	s.nrects = line_boxes(rtl[0], r, 80, 1);
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 2);
	clint_doc_free(doc);
}

/* Boxes for `plain` as line_boxes() makes them, with a copy of the box
 * of the line end at byte `at` of it inserted after it: the line end of a
 * line of direction marks alone, which poppler places where the line
 * before it ends. Returns the number of boxes. */
static size_t mark_line_boxes(const char *plain, size_t at, clint_pdf_rect *r,
                              size_t max)
{
	size_t n = line_boxes(plain, r, max - 1, 0), k = clint_utf8_count(plain, at);

	assert_true(plain[at] == '\n' && k < n);
	memmove(r + k + 2, r + k + 1, (n - k - 1) * sizeof(*r));
	r[k + 1] = r[k];
	return n + 1;
}

/* A line of direction marks alone has no box but its line end's, which
 * poppler places where the line before ends: it takes no position (it
 * took that box, and moved a paragraph's start), the line after it is
 * placed against the line before it, and it does not count towards the
 * lines a first-line indent is looked for after. */
static void test_layout_direction_mark_line(void **state)
{
	static const char plain[] =
		"Alpha one.\nAlpha two.\nAlpha three.\nBeta one.\nBeta two.\n";
	static const char *const inside[] = {
		"Alpha one.\n\xE2\x80\xAC\nAlpha two.\nAlpha three.\nBeta one.\n"
		"Beta two.\n"};
	static const char *const before_gap[] = {
		"Alpha one.\nAlpha two.\nAlpha three.\n\xE2\x80\xAC\nBeta one.\n"
		"Beta two.\n"};
	static const char hanging_plain[] =
		"1.1 Alpha one and\nalpha two and\nalpha three.\n";
	static const char *const hanging[] = {
		"1.1 Alpha one and\n\xE2\x80\xAC\nalpha two and\nalpha three.\n"};
	clint_pdf_rect r[80];
	stand_in s = {inside, 1, CLINT_PDF_OK, r, 0, CLINT_PDF_OK, NULL};
	clint_doc *doc;
	size_t i;

	(void)state;
	/* lines 12 points apart, a gap before the fourth (Beta one) */
	s.nrects = mark_line_boxes(plain, 10, r, 80);
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_text_has(doc, "Alpha one. \xE2\x80\xAC Alpha two. Alpha three.\n",
	                1);
	clint_doc_free(doc);
	s.pages = before_gap;
	s.nrects = mark_line_boxes(plain, 34, r, 80);
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_text_has(doc, "Alpha three. \xE2\x80\xAC\n", 1);
	assert_text_has(doc, "\nBeta one. Beta two.", 1);
	clint_doc_free(doc);
	/* a clause with a hanging indent: one block */
	s.pages = hanging;
	s.nrects = mark_line_boxes(hanging_plain, 17, r, 80);
	for (i = 0; i < s.nrects; i++)
		if (r[i].y1 > 100)
			r[i].x1 += 20, r[i].x2 += 20;
	doc = layout(&s, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 1);
	clint_doc_free(doc);
}

/* Ink flags for the code points of `mask`: 0 where it has '#'. */
static size_t mask_ink(const char *mask, unsigned char *ink, size_t max)
{
	size_t i, n = 0;

	for (i = 0; mask[i]; i++) {
		if (((unsigned char)mask[i] & 0xC0) == 0x80)
			continue;
		assert_true(n < max);
		ink[n++] = mask[i] != '#';
	}
	return n;
}

/*
 * Text a reader cannot see is left out, with a warning: a line of unseen
 * words with its line end, an unseen word with its space, unseen letters
 * glued to a word that shows (they would change it), but not an unseen
 * full stop in a number that shows ("3.5" stays); a word most of whose
 * letters are unseen goes whole. A page whose text is all unseen is
 * refused, naming why.
 */
static void test_layout_unseen(void **state)
{
	static const char *const page[] = {
		"The Supplier shall pay credits.\n"
		"secret clause text here\n"
		"Fees are 3.5 per cent zz extra.\n"
		"Service creditsqq apply.\n"
		"hidden Start of line.\n"
		"Partly Control shown.\n"
		"Single fees stay.\n"};
	static const char mask[] =
		"The Supplier shall pay credits.\n"
		"#######################\n"
		"Fees are 3#5 per cent ## extra.\n"
		"Service credits## apply.\n"
		"###### Start of line.\n"
		"Partly C#o#t## shown.\n"
		"Single fee# stay.\n";
	static const char *const rtl[] = {
		"Alpha \xE2\x80\xAB\xD7\x90\xD7\x91\xE2\x80\xAC one.\n"};
	static const char rtl_mask[] = "Alpha ## one.\n";
	clint_pdf_rect r[200];
	unsigned char ink[200];
	stand_in s = {page, 1, CLINT_PDF_OK, r, 0, CLINT_PDF_OK, ink};
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	s.nrects = line_boxes(page[0], r, 200, 0);
	assert_int_equal(mask_ink(mask, ink, 200), s.nrects);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "The Supplier shall pay credits.", 1);
	assert_text_has(doc, "Fees are 3.5 per cent extra.", 1);
	assert_text_has(doc, "Service credits apply.", 1);
	assert_text_has(doc, "Start of line.", 1);
	assert_text_has(doc, "secret", 0);
	assert_text_has(doc, "zz", 0);
	assert_text_has(doc, "qq", 0);
	assert_text_has(doc, "hidden", 0);
	/* most of its letters unseen: left out whole, not rewritten */
	assert_text_has(doc, "Partly shown.", 1);
	/* one unseen letter at a word's edge stays (an OCR box wider than
	 * the scan's ink) */
	assert_text_has(doc, "Single fees stay.", 1);
	/* secret clause text here (20), zz, qq, hidden, Control */
	unit_diag_at(d, "37 characters a reader cannot see (invisible, white, "
	                "clipped, covered or too small) left out, on page 1",
	             CLINT_DIAG_WARNING);
	clint_doc_free(doc);
	clint_diag_free(d);

	/* all of it unseen: refused */
	memset(ink, 0, sizeof(ink));
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	layout(&s, d, CLINT_EFORMAT);
	unit_diag_at(d, "none of its text is drawn visibly: 146 characters are "
	                "invisible, white, clipped, covered or too small (page 1)",
	             CLINT_DIAG_ERROR);
	clint_diag_free(d);

	/* an unseen right-to-left word goes with its direction marks, which
	 * have no box */
	s.pages = rtl;
	s.nrects = line_boxes(rtl[0], r, 200, 0);
	assert_int_equal(mask_ink(rtl_mask, ink, 200), s.nrects);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = layout(&s, d, CLINT_OK);
	assert_text_has(doc, "Alpha one.", 1);
	assert_text_has(doc, "\xD7\x90", 0);
	assert_text_has(doc, "\xE2\x80\xAB", 0);
	unit_diag_at(d, "4 characters a reader cannot see", CLINT_DIAG_WARNING);
	clint_doc_free(doc);
	clint_diag_free(d);
	/* with ink, the word stays, marks and all */
	memset(ink, 1, sizeof(ink));
	doc = layout(&s, NULL, CLINT_OK);
	assert_text_has(doc, "Alpha \xE2\x80\xAB\xD7\x90\xD7\x91\xE2\x80\xAC one.", 1);
	clint_doc_free(doc);
}

/* The module's failures, each a clear message (or ENOMEM). */
static void test_layout_module_failures(void **state)
{
	static const char *const blank[] = {"  \n", "\n"};
	stand_in s = {blank, 2, CLINT_PDF_EENCRYPTED, NULL, 0, CLINT_PDF_OK, NULL};
	clint_diag *d = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_null(layout(&s, d, CLINT_EFORMAT));
	assert_true(unit_diag_find(d, "encrypted PDF: it needs a password") >= 0);
	s.open_rc = CLINT_PDF_EDAMAGED;
	assert_null(layout(&s, d, CLINT_EFORMAT));
	assert_true(unit_diag_find(d, "damaged or unreadable PDF (stand-in damage)") >= 0);
	s.open_rc = CLINT_PDF_ENOMEM;
	assert_null(layout(&s, d, CLINT_ENOMEM));
	/* a reader stopped at a limit, or failing */
	s.open_rc = CLINT_PDF_ELIMIT;
	assert_null(layout(&s, d, CLINT_ELIMIT));
	assert_true(unit_diag_find(d, "PDF not read: stand-in damage") >= 0);
	s.open_rc = CLINT_PDF_EFAILED;
	assert_null(layout(&s, d, CLINT_EFORMAT));
	/* ... after the first page: the pages read are freed (ASan) */
	s.open_rc = CLINT_PDF_OK;
	s.page_rc = CLINT_PDF_ELIMIT;
	assert_null(layout(&s, d, CLINT_ELIMIT));
	assert_true(unit_diag_find(d, "PDF not read: stand-in page failure") >= 0);
	s.page_rc = CLINT_PDF_EFAILED;
	assert_null(layout(&s, d, CLINT_EFORMAT));
	s.page_rc = CLINT_PDF_ENOMEM;
	assert_null(layout(&s, d, CLINT_ENOMEM));
	s.page_rc = CLINT_PDF_OK;
	s.open_rc = CLINT_PDF_OK;
	s.count = 0;
	assert_null(layout(&s, d, CLINT_EFORMAT));
	assert_true(unit_diag_find(d, "damaged PDF: it has no pages") >= 0);
	s.count = 2;
	assert_null(layout(&s, d, CLINT_EFORMAT));
	assert_true(unit_diag_find(d, "no text layer (scanned image?)") >= 0);
	clint_diag_free(d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_helper_missing),
		cmocka_unit_test(test_helper_hostile),
		cmocka_unit_test(test_pdf_limit_options),
		cmocka_unit_test(test_layout_running_heads),
		cmocka_unit_test(test_layout_line_limit),
		cmocka_unit_test(test_layout_running_sentences),
		cmocka_unit_test(test_layout_hostile_boxes),
		cmocka_unit_test(test_layout_word_gaps),
		cmocka_unit_test(test_layout_direction_marks),
		cmocka_unit_test(test_layout_direction_mark_line),
		cmocka_unit_test(test_layout_unseen),
		cmocka_unit_test(test_layout_module_failures),
#ifdef CLINT_HAVE_POPPLER
		cmocka_unit_test(test_helper_reads),
		cmocka_unit_test(test_helper_limits),
		cmocka_unit_test(test_helper_limits_itself),
		cmocka_unit_test(test_pages_paragraphs_running_heads),
		cmocka_unit_test(test_no_text_layer),
		cmocka_unit_test(test_hidden_text),
		cmocka_unit_test(test_hidden_text_stacked),
		cmocka_unit_test(test_hidden_text_broken_font),
		cmocka_unit_test(test_hidden_text_too_large),
		cmocka_unit_test(test_hidden_text_time),
		cmocka_unit_test(test_hidden_only),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_corpus_bonterms),
		cmocka_unit_test(test_corpus_cuad),
#else
		cmocka_unit_test(test_no_pdf_support),
#endif
	};

	if (argc > 1 && strcmp(argv[1], "--load-pdf") == 0)
		return child_load_pdf(argc, argv);
	if (argc > 2 && strcmp(argv[1], "--fake-helper") == 0)
		return fake_helper(argv[2], argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
