/*
 * pdfmod.h - the interface between the PDF extractor's layout stage
 * (pdf.c, in the library) and what reads a PDF's text layer: a "module",
 * a table of functions.
 *
 * The real reader is poppler (module/pdf_poppler.c). It never runs in the
 * library's process: it is built into a program of its own, clauselint-pdf
 * (module/pdf_helper.c), which the library runs for each PDF (pdfproc.c)
 * under limits of CPU time and memory. A hostile PDF can make poppler take
 * minutes and gigabytes (its text layout is quadratic in the words of a
 * page, and a page's content is compressed) or crash it; then only the
 * helper is stopped, and the file is reported. The process also keeps
 * poppler, GLib and cairo, some 50 shared libraries, out of every program
 * that uses the library. pdfproc.c implements this same table over the
 * helper's output, so pdf.c sees one interface; the fuzz harness links the
 * poppler module itself, and tests use stand-ins.
 *
 * This header uses nothing but the C library.
 */
#ifndef CLINT_PDFMOD_H
#define CLINT_PDFMOD_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever clint_pdf_module changes. */
#define CLINT_PDF_MODULE_ABI 3

/* clint_pdf_module.open() results */
#define CLINT_PDF_OK 0
#define CLINT_PDF_ENOMEM (-1)
#define CLINT_PDF_EENCRYPTED (-2)  /* needs a password */
#define CLINT_PDF_EDAMAGED (-3)    /* unreadable; message in err */
#define CLINT_PDF_ELIMIT (-4)      /* the reader reached a limit; message */
#define CLINT_PDF_EFAILED (-5)     /* the reader failed; message in err */

/* What reading one PDF may cost; 0 in a field: no limit. Only a reader
 * in a process of its own (pdfproc.c) can enforce them. */
typedef struct {
	double cpu_seconds;
	size_t memory_bytes;  /* address space */
} clint_pdf_limits;

typedef struct {
	double x1, y1, x2, y2;  /* page coordinates, y growing downwards */
} clint_pdf_rect;

/*
 * One page as page() gives it; each pointer is the caller's to release
 * with release().
 *  - text: UTF-8 in reading order with a '\n' after each line;
 *  - rects, nrects: one box per character of the text ('\n' included)
 *    when the module knows them (nrects is then the number of code points
 *    of the text; otherwise 0 and rects NULL);
 *  - drawn: whether the module drew the page to see what shows
 *    (CLINT_PDF_DRAWN_*);
 *  - ink: when drawn is CLINT_PDF_DRAWN_OK, nrects flags: 0 where the
 *    character's box shows nothing on the drawn page (text in render
 *    mode 3, white on white, clipped away, covered by what is drawn over
 *    it, or off the page), 1 where it does; otherwise NULL.
 */
typedef struct {
	char *text;
	clint_pdf_rect *rects;
	size_t nrects;
	int drawn;
	unsigned char *ink;
} clint_pdf_page;

/* clint_pdf_page.drawn */
#define CLINT_PDF_DRAWN_NO 0    /* not drawn: the module does not draw, or
                                   the page has no boxes */
#define CLINT_PDF_DRAWN_OK 1    /* drawn: ink holds a flag per box */
#define CLINT_PDF_DRAWN_FONT 2  /* not drawn: a font of it cannot be */
#define CLINT_PDF_DRAWN_SIZE 3  /* not drawn: too large, or out of memory */
#define CLINT_PDF_DRAWN_TIME 4  /* not drawn: half the CPU time allowed
                                   had been spent */

typedef struct clint_pdf_module {
	unsigned abi;  /* CLINT_PDF_MODULE_ABI */
	/*
	 * Opens the PDF in data[0..len), which must outlive the handle,
	 * within `lim` (NULL: none; a module that draws pages stops drawing
	 * them at half of lim->cpu_seconds). Returns CLINT_PDF_OK and a handle in
	 * *pdf, or a CLINT_PDF_E* code and (but for ENOMEM and EENCRYPTED) a
	 * NUL-terminated reason in err[0..errlen).
	 */
	int (*open)(void **pdf, const unsigned char *data, size_t len,
	            const clint_pdf_limits *lim, char *err, size_t errlen);
	/* Number of pages (<= 0: none). */
	int (*page_count)(void *pdf);
	/*
	 * Page `i` (0-based) into *pg (see clint_pdf_page; all NULL and 0 on
	 * an error). Pages are asked for in order, each once. Returns
	 * CLINT_PDF_OK, ENOMEM, or ELIMIT or EFAILED with a reason in
	 * err[0..errlen). A page that cannot be read gives an empty text.
	 */
	int (*page)(void *pdf, int i, clint_pdf_page *pg, char *err,
	            size_t errlen);
	void (*release)(void *p);
	void (*close)(void *pdf);
	/* True if the code point is a lower-case letter. */
	int (*is_lower)(uint32_t cp);
} clint_pdf_module;

/* module/pdf_poppler.c: the poppler module (in the helper and the fuzz
 * harness only). */
const clint_pdf_module *clint_pdf_poppler_module(void);
/* The poppler module reads what poppler prints on standard error while it
 * draws a page (to learn which fonts it could not draw): for a process
 * whose standard error shows nothing else then, the helper's. */
void clint_pdf_poppler_watch_stderr(void);

/*
 * What the helper writes to its standard output, in the byte order and
 * type sizes of the machine (the library and its helper are built
 * together; the header's magic and version catch a stray one):
 *   "CLINTPDF", u32 CLINT_PDF_WIRE_VERSION, i32 open() result,
 *   then for an error: u32 length and the reason;
 *   for CLINT_PDF_OK: i32 page count, then per page:
 *     i32 page() result (an error ends the output),
 *     u64 text length and the text, u64 box count and the boxes
 *     (4 doubles each), i32 drawn (CLINT_PDF_DRAWN_*) and, when it is
 *     CLINT_PDF_DRAWN_OK, the ink flags (a byte a box, 0 or 1).
 * The helper reads the PDF from its standard input, which is a regular
 * file (seekable), and takes its limits as arguments:
 *   clauselint-pdf CPU_SECONDS MEMORY_BYTES    (0: none)
 */
#define CLINT_PDF_WIRE_MAGIC "CLINTPDF"
#define CLINT_PDF_WIRE_VERSION 2u

#endif
