/* fuzz_xlsx.c - the reader of Excel workbooks embedded in a DOCX
 * (src/lib/extract/xlsx.c, and numfmt.c for the numbers' formats) on a
 * ZIP built from the input: workbook, its relationships, shared strings,
 * styles and one sheet, separated by "\n--part--\n" lines (zipwrap.h).
 * Every cell it gives must be UTF-8 with something in it; a workbook it
 * refuses must say why, unless its tables outgrew the memory budget,
 * which gets back all it lent; it reads no more than its budget. */
#include "fuzz.h"
#include "zipwrap.h"
#include "extract/extract.h"

#define BUDGET ((uint64_t)8 << 20)
#define MEMORY ((size_t)4 << 20)

static const char *const parts[] = {
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
	"xl/styles.xml", "xl/worksheets/sheet1.xml",
};

static int cell(void *ctx, const char *s, size_t n, int row_start)
{
	size_t i;

	(void)ctx;
	if (row_start != 0 && row_start != 1)
		abort();
	for (i = 0; i < n && strchr(" \t\r\n", s[i]); i++)
		;
	if (n == 0 || i == n || !clint_utf8_valid(s, n))
		abort();
	return CLINT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clint_xlsx_sink out = {cell, NULL};
	clint_mem mem = {0, MEMORY, 0};
	unsigned char *zip;
	uint64_t used = 0;
	size_t len = 0;
	char why[256];
	int rc;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	zip = zipwrap(data, size, parts, sizeof(parts) / sizeof(parts[0]), &len);
	if (!zip)
		return 0;
	rc = clint_xlsx_read(zip, len, BUDGET, &mem, &out, why, sizeof(why),
	                     &used);
	if ((rc < 0 && rc != CLINT_ENOMEM && why[0] == '\0' &&
	     !(rc == CLINT_ELIMIT && mem.over)) ||
	    used > BUDGET + len || mem.used != 0)
		abort();
	free(zip);
	return 0;
}
