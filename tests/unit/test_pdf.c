/*
 * test_pdf.c - the PDF extractor (src/lib/extract/pdf.c). The PDFs are
 * written here at test time by a tiny generator (Helvetica text lines at
 * given positions, or an image with no text), so the expected text is
 * known exactly. Without poppler the extractor must refuse PDFs with the
 * remedy; the poppler tests are skipped with a message. The real PDFs of
 * ../shared/corpus/docs are checked when present: the Bonterms PDFs
 * against their Markdown twins (word overlap), the CUAD PDFs must load.
 *
 * The text layer is read by the PDF module (clauselint-pdf.so, opened with
 * dlopen() at the first PDF): `make unit` points CLAUSELINT_PDF_MODULE at
 * the one of the build. That the module is loaded only when a PDF is met,
 * and that a missing or foreign module is an error and never a crash, is
 * checked in child processes (this program run again with --load-pdf),
 * whose module state starts fresh.
 */
#include "unit.h"

#include <ctype.h>
#include <math.h>
#include <sys/wait.h>

#include "internal.h"
#include "extract/extract.h"
#include "extract/pdfmod.h"

/* ---- a minimal PDF writer ---------------------------------------------------- */

typedef struct {
	char *data;
	size_t len, cap;
	size_t offs[64]; /* object offsets */
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
 * A PDF of `npages` pages; page p's content stream is content[p]
 * (already PDF operators). Objects: 1 catalog, 2 pages, 3 font,
 * 4+2p page, 5+2p contents.
 */
static pdfw make_pdf(const char *const *content, int npages)
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
		w_printf(&w, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
		             "/Resources << /Font << /F1 3 0 R >> >> "
		             "/Contents %d 0 R >>\nendobj\n", 5 + 2 * p);
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

/* Appends a text line at (x, y) to a content stream. */
static void line_at(char *cs, size_t cap, double x, double y, const char *s)
{
	size_t n = strlen(cs);

	snprintf(cs + n, cap - n, "BT /F1 11 Tf %.1f %.1f Td (%s) Tj ET\n", x, y,
	         s);
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

/* ---- the PDF module: loaded on demand, absent or foreign -------------------- */

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

/*
 * Child mode (--load-pdf): loads a one-page PDF and prints, one per line,
 * whether poppler was mapped before, the load's return code, whether
 * poppler is mapped after, and the first diagnostic.
 */
static int child_load_pdf(void)
{
	char cs[512] = "";
	const char *content[1] = {cs};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	clint_diag_entry e;
	int before, rc;
	pdfw w;

	line_at(cs, sizeof(cs), 72, 700, "The Supplier shall provide the Services.");
	w = make_pdf(content, 1);
	before = poppler_mapped();
	if (clint_diag_new(&d) < 0)
		return 1;
	rc = clint_doc_load_buffer(&doc, "m.pdf", w.data, w.len, &o, d);
	printf("before %d\nrc %d\nafter %d\n", before, rc, poppler_mapped());
	if (clint_diag_count(d) && clint_diag_get(d, 0, &e) == CLINT_OK)
		printf("diag %s\n", e.message);
	clint_doc_free(doc);
	clint_diag_free(d);
	free(w.data);
	return 0;
}

/* Runs this program with --load-pdf and CLAUSELINT_PDF_MODULE set to
 * `module` (unset if NULL); returns its output. */
static char *run_child(const char *module)
{
	static char out[4096];
	size_t n = 0;
	ssize_t k;
	int fd[2], status;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[] = {(char *)"test_pdf", (char *)"--load-pdf", NULL};
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (module)
			setenv("CLAUSELINT_PDF_MODULE", module, 1);
		else
			unsetenv("CLAUSELINT_PDF_MODULE");
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

static void test_module_missing(void **state)
{
	char want[32], *out;

	(void)state;
	out = run_child("/nonexistent/clauselint-pdf.so");
	snprintf(want, sizeof(want), "rc %d\n", CLINT_EUNSUPPORTED);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "PDF support is not installed"));
	assert_non_null(strstr(out, "/nonexistent/clauselint-pdf.so"));
	assert_non_null(strstr(out, "after 0\n"));
	/* a file that is no shared object, and one that is not our module */
	out = run_child("/proc/self/exe/none");
	assert_non_null(strstr(out, "PDF support is not installed"));
	out = run_child("/proc/self/maps");
	assert_non_null(strstr(out, "PDF support is broken"));
}

#ifdef CLINT_HAVE_POPPLER
/* Poppler is not in the process until a PDF is read. */
static void test_module_on_demand(void **state)
{
	const char *module = getenv("CLAUSELINT_PDF_MODULE");
	char *out;

	(void)state;
	if (!module || access(module, R_OK) != 0) {
		print_message("SKIP: CLAUSELINT_PDF_MODULE is not set to the "
		              "build's clauselint-pdf.so (make unit sets it)\n");
		return;
	}
	out = run_child(module);
	assert_non_null(strstr(out, "before 0\nrc 0\nafter 1\n"));
	assert_null(strstr(out, "diag"));
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
} stand_in;

static int si_open(void **out, const unsigned char *data, size_t len,
                   char *err, size_t errlen)
{
	const stand_in *s = (const stand_in *)(const void *)data;

	assert_int_equal(len, sizeof(*s));
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

static int si_page(void *pdf, int i, char **text, clint_pdf_rect **rects,
                   size_t *nrects)
{
	const stand_in *s = pdf;

	*text = strdup(s->pages[i]);
	*rects = NULL;
	*nrects = 0;
	if (i == 0 && s->nrects) {
		*rects = malloc(s->nrects * sizeof(**rects));
		assert_non_null(*rects);
		memcpy(*rects, s->rects, s->nrects * sizeof(**rects));
		*nrects = s->nrects;
	}
	return *text ? CLINT_PDF_OK : CLINT_PDF_ENOMEM;
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
	assert_int_equal(clint_extract_pdf_layout(doc, &stand_in_module,
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

static void assert_text_has(const clint_doc *doc, const char *needle, int want)
{
	const char *t = clint_doc_text(doc, NULL);

	if ((strstr(t, needle) != NULL) != want)
		fail_msg("'%s' %s in:\n%s", needle, want ? "missing" : "kept", t);
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
	stand_in s = {four, 4, CLINT_PDF_OK, NULL, 0};
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
	assert_int_equal(clint_diag_count(d), 0);
	clint_diag_free(d);
}

/* Boxes a hostile PDF may lead the module to give: NaN and infinite
 * positions, no height, or one box too many (then all are ignored). */
static void test_layout_hostile_boxes(void **state)
{
	static const char *const one[] = {"First line here.\nSecond line here.\n"};
	clint_pdf_rect r[36];
	stand_in s = {one, 1, CLINT_PDF_OK, r, 0};
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

/* The module's failures, each a clear message (or ENOMEM). */
static void test_layout_module_failures(void **state)
{
	static const char *const blank[] = {"  \n", "\n"};
	stand_in s = {blank, 2, CLINT_PDF_EENCRYPTED, NULL, 0};
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
		cmocka_unit_test(test_module_missing),
		cmocka_unit_test(test_layout_running_heads),
		cmocka_unit_test(test_layout_hostile_boxes),
		cmocka_unit_test(test_layout_module_failures),
#ifdef CLINT_HAVE_POPPLER
		cmocka_unit_test(test_module_on_demand),
		cmocka_unit_test(test_pages_paragraphs_running_heads),
		cmocka_unit_test(test_no_text_layer),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_corpus_bonterms),
		cmocka_unit_test(test_corpus_cuad),
#else
		cmocka_unit_test(test_no_pdf_support),
#endif
	};

	if (argc > 1 && strcmp(argv[1], "--load-pdf") == 0)
		return child_load_pdf();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
