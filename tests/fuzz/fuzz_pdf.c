/*
 * fuzz_pdf.c - the pdf extractor, then normalise, segment and values.
 *
 * The extractor reads PDFs through the poppler module (clauselint-pdf.so),
 * which it looks for next to the program: not where the fuzz and replay
 * binaries live. The Makefile passes the module built beside them as
 * FUZZ_PDF_MODULE; without it every input would be refused with "PDF
 * support is not installed" and the harness would fuzz nothing but that
 * refusal, so a build with poppler stops at once when the module does not
 * load. A build without poppler has no module and fuzzes the refusals.
 */
#include <stdio.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
#ifdef FUZZ_PDF_MODULE
	static const unsigned char probe[] = "%PDF-1.4\n";
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	int rc;

	setenv("CLAUSELINT_PDF_MODULE", FUZZ_PDF_MODULE, 0);
	if (clint_diag_new(&diag) != CLINT_OK ||
	    clint_doc_alloc(&doc, "probe.pdf") != CLINT_OK)
		abort();
	rc = clint_extract_pdf(doc, probe, sizeof(probe) - 1, diag);
	if (rc == CLINT_EUNSUPPORTED) {
		clint_diag_entry e;
		if (clint_diag_get(diag, 0, &e) == CLINT_OK)
			fprintf(stderr, "fuzz_pdf: %s\n", e.message);
		abort();
	}
	clint_doc_free(doc);
	clint_diag_free(diag);
#endif
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_extract(CLINT_INPUT_PDF, "fuzz.pdf", data, size);
}
