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
/* Fontconfig, which cairo asks for fonts when poppler draws a page,
 * keeps its configuration for the life of the process: not a leak of
 * ours (LeakSanitizer, in the fuzzer and the sanitized replay). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
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
