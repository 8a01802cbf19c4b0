/*
 * fuzz_pdf.c - the pdf extractor, then normalise, segment and values.
 *
 * The library reads PDFs through the helper program clauselint-pdf, which
 * runs poppler in a process of its own (pdfproc.c). A process per input
 * would hide poppler from the fuzzer's coverage, so this harness links
 * the poppler module (module/pdf_poppler.c) and feeds the layout stage
 * from it in-process, as the helper does in its own. A build without
 * poppler fuzzes the library's refusal.
 */
#include "fuzz.h"
#include "extract/extract.h"

#ifdef FUZZ_POPPLER
#include <poppler.h>

/* Fontconfig, which cairo asks for fonts when poppler draws a page,
 * keeps its configuration for the life of the process: not a leak of
 * ours (LeakSanitizer, in the fuzzer and the sanitized replay). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* A document of one empty page (LLVMFuzzerInitialize()); the numbers
 * are where its objects start, as its xref table says */
static const char keeper_pdf[] =
	"%PDF-1.4\n"
	"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"       /* 9 */
	"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" /* 58 */
	"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"
	"\nendobj\n"                                                   /* 115 */
	"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
	"0000000058 00000 n \n0000000115 00000 n \n"
	"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n184\n%%EOF\n";

/*
 * poppler makes its process-wide settings (GlobalParams: the tables of
 * poppler-data's encoding, CMap and glyph-name directories) when the
 * first document opens, and destroys them when the last one closes: a
 * third of this harness's CPU went to doing both for every input. The
 * helper opens one document a process, so it makes them once either
 * way. Here a document of one empty page, opened once a process, stays
 * open, and every input opens beside it.
 *
 * The settings also cache what poppler looked up: the system font found
 * for a font name (through fontconfig), and the CMaps and Unicode maps
 * loaded. So an input whose fonts an earlier input named skips those
 * lookups, as the second of two fonts of one name does in the helper; a
 * crash that depends on such an entry reproduces only after the inputs
 * that made it (tests/fuzz/README.md, "A crash that does not reproduce
 * alone").
 */
static PopplerDocument *keeper;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GBytes *bytes;

	(void)argc;
	(void)argv;
	if (keeper)
		return 0;
	bytes = g_bytes_new_static(keeper_pdf, sizeof(keeper_pdf) - 1);
	keeper = poppler_document_new_from_bytes(bytes, NULL, NULL);
	g_bytes_unref(bytes);  /* the document holds its own reference */
	if (!keeper)
		fprintf(stderr, "fuzz_pdf: the kept document did not open; "
		                "poppler's settings are rebuilt for each input\n");
	return 0;
}

static int extract_poppler(clint_doc *doc, const unsigned char *data,
                           size_t len, clint_diag *diag)
{
	if (len < 5 || memcmp(data, "%PDF-", 5) != 0)
		return clint_extract_pdf(doc, data, len, diag); /* the refusal */
	return clint_extract_pdf_layout(doc, clint_pdf_poppler_module(), NULL,
	                                data, len, diag);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_POPPLER
	return fuzz_extract_with(extract_poppler, CLINT_INPUT_PDF, "fuzz.pdf",
	                         data, size);
#else
	return fuzz_extract(CLINT_INPUT_PDF, "fuzz.pdf", data, size);
#endif
}
