/* fuzz_docx.c - the docx extractor, then normalise, segment and values. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_extract(CLINT_INPUT_DOCX, "fuzz.docx", data, size);
}
