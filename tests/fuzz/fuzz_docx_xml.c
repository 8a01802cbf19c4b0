/* fuzz_docx_xml.c - the DOCX extractor on a ZIP built from the input:
 * document, numbering, styles, footnotes, comments and a header part,
 * separated by "\n--part--\n" lines (zipwrap.h). */
#include "fuzz.h"
#include "zipwrap.h"

static const char *const parts[] = {
	"word/document.xml", "word/numbering.xml", "word/styles.xml",
	"word/footnotes.xml", "word/comments.xml", "word/header1.xml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *zip;
	size_t len = 0;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	zip = zipwrap(data, size, parts, sizeof(parts) / sizeof(parts[0]), &len);
	if (zip)
		fuzz_extract(CLINT_INPUT_DOCX, "fuzz.docx", zip, len);
	free(zip);
	return 0;
}
