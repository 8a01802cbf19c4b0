/* fuzz_pdf.c - the pdf extractor, then normalise, segment and values. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_extract(CLINT_INPUT_PDF, "fuzz.pdf", data, size);
}
