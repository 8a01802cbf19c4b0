/*
 * extract.h - helpers shared by the text-based extractors.
 */
#ifndef CLINT_EXTRACT_H
#define CLINT_EXTRACT_H

#include "../internal.h"
#include "pdfmod.h"

/* One line of a decoded text: [start, end) without its line end. */
typedef struct {
	size_t start, end;
	size_t next;      /* offset of the following line */
	int page_break;   /* the line ended with a form feed */
} clint_line;

/* Splits text at LF, CRLF, CR and form feed; returns the line at `pos`. */
CLINT_INTERNAL void clint_next_line(const char *text, size_t len, size_t pos,
                                    clint_line *line);
/* True if the line holds only white space. */
CLINT_INTERNAL int clint_line_blank(const char *text, const clint_line *line);
/*
 * True if the line opens a new clause: "1.", "1.1", "1.1.The" (no space), "(a)", "(iv)", "a)",
 * "Article IV", "Section 7.2", "Clause 9", "Schedule A", "Exhibit B",
 * "Annex 1", "Appendix 2", "Part 3". Such a line starts a new block even
 * without a blank line before it.
 */
CLINT_INTERNAL int clint_line_opens_clause(const char *s, size_t len);

/*
 * pdf.c: the PDF extractor's layout stage: opens data[0..len) with reader
 * `m` (pdfmod.h) within `lim` (NULL: none), reads every page's text and
 * character boxes, and rebuilds paragraphs, hyphenated words and page
 * breaks, dropping running heads and page numbers. The same contract as
 * clint_extract_pdf(), which calls it with clint_pdf_reader(); the pdf
 * fuzz target calls it with the poppler module itself, and the tests and
 * the pdf_layout fuzz target with stand-ins, to give the layout code text
 * and boxes no PDF would lead poppler to.
 */
struct clint_pdf_module;
CLINT_INTERNAL int clint_extract_pdf_layout(clint_doc *doc,
                                            const struct clint_pdf_module *m,
                                            const clint_pdf_limits *lim,
                                            const unsigned char *data,
                                            size_t len, clint_diag *diag);
/*
 * pdfproc.c: the reader that runs the helper program clauselint-pdf, or
 * NULL and in *why the reason there is none (not installed, or a build
 * without poppler-glib). Found once per process.
 */
CLINT_INTERNAL const struct clint_pdf_module *clint_pdf_reader(const char **why);
/* The same reader without a process: its open() takes the bytes a helper
 * would have written (the pdf_wire fuzz target reads them). */
CLINT_INTERNAL const struct clint_pdf_module *clint_pdf_wire_reader(void);

/* UTF-16 (be: big-endian) to UTF-8, a bad surrogate as U+FFFD; NULL if
 * out of memory. */
CLINT_INTERNAL char *clint_utf16_to_utf8(const unsigned char *s, size_t len,
                                         int be, size_t *outlen);
/* True if `data` is a ZIP holding an OpenDocument text (odt.c). */
CLINT_INTERNAL int clint_odt_sniff(const unsigned char *data, size_t len);

/*
 * mathml.c: what the MathML element `math` holds (the caller has walked
 * `math` itself; its children are at `depth`) as one line of text through
 * `out`: "(num)/(den)", "^(sup)", "_(sub)", "(3)√x", fences, a table's
 * rows between "; ". put() takes the text; check() is called with the
 * depth of every node walked, and its error stops the walk. html: the
 * tree is an HTML parser's, without namespaces: MathML elements are known
 * by their names, in any case, and other() walks the page's own elements
 * a formula holds (in a token, as a browser shows them; a <p> where the
 * page forgot its </math>). Otherwise only elements in the MathML
 * namespace are read, and other() may be NULL.
 */
typedef struct {
	int (*put)(void *ctx, const char *s, size_t n);
	int (*check)(void *ctx, unsigned depth);
	int (*other)(void *ctx, struct _xmlNode *n, unsigned depth);
	void *ctx;
	int html;
} clint_mathml_sink;
CLINT_INTERNAL int clint_mathml_put(struct _xmlNode *math, unsigned depth,
                                    const clint_mathml_sink *out);
/* True if `n` is a MathML <math> element (html: as clint_mathml_sink). */
CLINT_INTERNAL int clint_mathml_is_math(struct _xmlNode *n, int html);

/*
 * xlsx.c: the cells of the workbook (.xlsx) in data[0..len) that Word
 * shows (its active sheet), each that holds something given to
 * out->cell() in row order, the first of each row said. Reads at most
 * `budget` uncompressed bytes, and says in *used how many it read. Its tables (shared strings,
 * formats) are paid for from `mem` (the document's; NULL: none) while it
 * reads, and all given back before it returns. A workbook that cannot be
 * read gives a negative code with why[0..why_cap) saying why (for a
 * warning); an error with why empty is the caller's own (out of memory,
 * CLINT_ELIMIT with mem->over past mem's limit, or what out->cell()
 * returned). One read but for its numbers' formats gives CLINT_OK with
 * why saying so.
 */
typedef struct {
	/* row_start: the first cell given of its row */
	int (*cell)(void *ctx, const char *s, size_t n, int row_start);
	void *ctx;
} clint_xlsx_sink;
CLINT_INTERNAL int clint_xlsx_read(const unsigned char *data, size_t len,
                                   uint64_t budget, clint_mem *mem,
                                   const clint_xlsx_sink *out, char *why,
                                   size_t why_cap, uint64_t *used);

/*
 * numfmt.c: number v as Excel's number format `code` shows it, appended
 * to out ("#,##0.00" 1500 is "1,500.00", "m/d/yyyy" 45292 is
 * "1/1/2024"; date1904: the workbook counts days from 1904). What the
 * reader does not read shows as General. A negative code is out of
 * memory, with out as it was.
 */
CLINT_INTERNAL int clint_numfmt_format(clint_buf *out, double v,
                                       const char *code, int date1904);
/* The code of Excel's built-in format `id` (en-US), "General" if it has
 * none. */
CLINT_INTERNAL const char *clint_numfmt_builtin(unsigned long id);

/*
 * extract.c: table cells of an embedded sheet, held until the block
 * that shows it ends (a paragraph, its number or heading, is not cut in
 * two), then written as blocks of their own. The room they take is
 * charged to doc->mem. A cell keeps the flags, paragraph and page it was
 * shown with.
 */
typedef struct {
	clint_buf buf;     /* each: flags, paragraph, page, text, NUL */
	size_t charged;    /* taken from doc->mem: buf's capacity */
	int row_pending;   /* clint_held_cells_row() before the next cell */
} clint_held_cells;
/* A row of the sheet starts: the next cell added gets
 * CLINT_BLOCK_ROW_START. */
CLINT_INTERNAL void clint_held_cells_row(clint_held_cells *q);
CLINT_INTERNAL int clint_held_cells_add(clint_held_cells *q, clint_doc *doc,
                                        unsigned flags, unsigned paragraph,
                                        unsigned page, const char *s,
                                        size_t n);
/* The page of the first cell held (0 if none). */
CLINT_INTERNAL unsigned clint_held_cells_page(const clint_held_cells *q);
/* Writes them, the first with `first_flags` added, and empties `q`. */
CLINT_INTERNAL int clint_held_cells_flush(clint_held_cells *q, clint_doc *doc,
                                          unsigned first_flags);
CLINT_INTERNAL void clint_held_cells_free(clint_held_cells *q,
                                          clint_doc *doc);

/*
 * extract.c: the warnings about embedded objects an extractor does not
 * read: one for each object, by `key` (what names it in its document;
 * NULL: nothing does, said each time), and CLINT_MAX_OBJECT_WARNINGS in
 * all, after which one more says the rest are not listed. Zeroed to
 * start.
 */
#define CLINT_MAX_OBJECT_WARNINGS 100
typedef struct {
	char *keys[CLINT_MAX_OBJECT_WARNINGS];
	unsigned count;   /* keys kept */
	unsigned said;    /* warnings said */
} clint_object_warnings;
/* True if the warning about object `key` is to be said. At the cap,
 * says `more` (a warning about `name`, at `line`) instead, once. */
CLINT_INTERNAL int clint_object_warn(clint_object_warnings *w,
                                     const char *key, clint_diag *diag,
                                     const char *name, unsigned line,
                                     const char *more);
CLINT_INTERNAL void clint_object_warnings_free(clint_object_warnings *w);

/* Decodes text bytes (clint_decode_text) into doc->text. */
CLINT_INTERNAL int clint_doc_decode(clint_doc *doc, const unsigned char *data,
                                    size_t len, clint_diag *diag);

#endif
