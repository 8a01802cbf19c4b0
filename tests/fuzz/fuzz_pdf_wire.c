/*
 * fuzz_pdf_wire.c - what the library reads from the PDF helper
 * (pdfproc.c): the input is the helper's output (pdfmod.h: magic,
 * version, verdict, page count, then each page's text and boxes), read by
 * the same code that reads a real helper, without the process; then the
 * layout stage, normalise, segment and values.
 *
 * The helper runs poppler on hostile PDFs, so what it writes is untrusted
 * too: a PDF that took poppler over could make it write anything. Every
 * length and count must be checked before it is used, and the text must
 * reach the document as valid UTF-8 (the matching relies on it).
 */
#include "fuzz.h"
#include "extract/extract.h"

static int extract_wire(clint_doc *doc, const unsigned char *data, size_t len,
                        clint_diag *diag)
{
	return clint_extract_pdf_layout(doc, clint_pdf_wire_reader(), NULL, data,
	                                len, diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_extract_with(extract_wire, CLINT_INPUT_PDF, "fuzz.pdf", data,
	                         size);
}
