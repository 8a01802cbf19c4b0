/*
 * pdfmod.h - the interface between the PDF extractor (pdf.c, in the
 * library) and the loadable PDF module (module/pdf_poppler.c, built into
 * clauselint-pdf.so with poppler-glib).
 *
 * Poppler, GLib and cairo bring some 50 shared libraries: linked into the
 * library they would be loaded by every process, even one that never sees
 * a PDF. The module is opened with dlopen() the first time a PDF is met.
 * It only reads the text layer: page texts and the box of every character;
 * the layout work (lines, paragraphs, running headers, hyphenation) stays
 * in pdf.c. The module uses nothing of the library, and this header
 * nothing but the C library.
 */
#ifndef CLINT_PDFMOD_H
#define CLINT_PDFMOD_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever clint_pdf_module changes: a module of another ABI is
 * refused. */
#define CLINT_PDF_MODULE_ABI 1

/* The symbol the module exports: a function returning its table. */
#define CLINT_PDF_MODULE_SYMBOL "clint_pdf_module_get"

/* clint_pdf_module.open() results */
#define CLINT_PDF_OK 0
#define CLINT_PDF_ENOMEM (-1)
#define CLINT_PDF_EENCRYPTED (-2)  /* needs a password */
#define CLINT_PDF_EDAMAGED (-3)    /* unreadable; message in err */

typedef struct {
	double x1, y1, x2, y2;  /* page coordinates, y growing downwards */
} clint_pdf_rect;

typedef struct clint_pdf_module {
	unsigned abi;  /* CLINT_PDF_MODULE_ABI */
	/*
	 * Opens the PDF in data[0..len), which must outlive the handle.
	 * Returns CLINT_PDF_OK and a handle in *pdf, or a CLINT_PDF_E* code
	 * and (for EDAMAGED) a NUL-terminated reason in err[0..errlen).
	 */
	int (*open)(void **pdf, const unsigned char *data, size_t len,
	            char *err, size_t errlen);
	/* Number of pages (<= 0: none). */
	int (*page_count)(void *pdf);
	/*
	 * Page `i` (0-based): its text, UTF-8 in reading order with a '\n'
	 * after each line, and one box per character of the text ('\n'
	 * included) when the module knows them (*nrects is then the number
	 * of code points of the text; otherwise 0). Both are the caller's
	 * to release with release(). Returns CLINT_PDF_OK, or ENOMEM. A page
	 * that cannot be read gives an empty text.
	 */
	int (*page)(void *pdf, int i, char **text, clint_pdf_rect **rects,
	            size_t *nrects);
	void (*release)(void *p);
	void (*close)(void *pdf);
	/* True if the code point is a lower-case letter. */
	int (*is_lower)(uint32_t cp);
} clint_pdf_module;

typedef const clint_pdf_module *(*clint_pdf_module_get_fn)(void);

#endif
