/* fuzz_odt_xml.c - the ODT extractor on a ZIP built from the input:
 * content.xml, styles.xml and an embedded object's content.xml (a
 * formula: "Object 1", which content.xml shows as <draw:object
 * xlink:href="./Object 1"/>) separated by "\n--part--\n" lines
 * (zipwrap.h), after an ODT mimetype entry. */
#include "fuzz.h"
#include "zipwrap.h"

static const char mime[] = "application/vnd.oasis.opendocument.text";
static const char *const parts[] = {"mimetype", "content.xml", "styles.xml",
                                    "Object 1/content.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *in, *zip;
	size_t len = 0, mlen = sizeof(mime) - 1, sep = strlen(ZIPWRAP_SEP);

	if (size > FUZZ_MAX_INPUT)
		return 0;
	in = malloc(mlen + sep + size + 1);
	if (!in)
		return 0;
	memcpy(in, mime, mlen);
	memcpy(in + mlen, ZIPWRAP_SEP, sep);
	if (size)
		memcpy(in + mlen + sep, data, size);
	zip = zipwrap(in, mlen + sep + size, parts, 4, &len);
	if (zip)
		fuzz_extract(CLINT_INPUT_ODT, "fuzz.odt", zip, len);
	free(zip);
	free(in);
	return 0;
}
