/*
 * test_xlsx.c - the workbook reader (src/lib/extract/xlsx.c) on its own:
 * which cells it gives, in what order, what it leaves out, and how it
 * says a workbook cannot be read. How a DOCX shows them is test_docx.c's.
 */
#include "unit.h"

#include "internal.h"
#include "extract/extract.h"
#include "unitzip.h"

#define SML "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/" \
	"main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/" \
	"2006/relationships\""
#define RELS(x) "<Relationships xmlns=\"http://schemas.openxmlformats.org/" \
	"package/2006/relationships\">" x "</Relationships>"
#define BOOK(tab) "<workbook " SML "><bookViews><workbookView activeTab=\"" \
	tab "\"/></bookViews><sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"" \
	"rId1\"/><sheet name=\"B\" sheetId=\"2\" r:id=\"rId2\"/></sheets>" \
	"</workbook>"
#define SHEET(rows) "<worksheet " SML "><sheetData>" rows "</sheetData>" \
	"</worksheet>"

/* The cells given, each followed by "|". */
/* Each cell then "|"; a cell that opens its row after "\n", but the
 * first. */
static int collect(void *ctx, const char *s, size_t n, int row_start)
{
	clint_buf *b = ctx;
	int rc = row_start && b->len ? clint_buf_putc(b, '\n') : CLINT_OK;

	if (rc >= 0)
		rc = clint_buf_put(b, s, n);
	return rc < 0 ? rc : clint_buf_putc(b, '|');
}

/* Reads the workbook of `parts` within `budget`, its tables paid for
 * from `mem` (NULL: a budget without a limit); its cells into *cells
 * (NUL-terminated), why it was not read into why. All it took from the
 * memory budget is given back. */
static int read_book_mem(const unit_part *parts, size_t n, uint64_t budget,
                         clint_mem *mem, clint_buf *cells, char *why,
                         size_t cap)
{
	clint_xlsx_sink out = {collect, cells};
	clint_mem none = {0, 0, 0};
	uint64_t used = 0;
	unsigned char *zip;
	size_t len, before;
	int rc;

	if (!mem)
		mem = &none;
	before = mem->used;
	zip = unit_make_zip(parts, n, &len);
	cells->len = 0;
	rc = clint_xlsx_read(zip, len, budget, mem, &out, why, cap, &used);
	assert_true(clint_buf_putc(cells, '\0') >= 0);
	assert_true(used <= budget + len);
	assert_int_equal(mem->used, before);
	free(zip);
	return rc;
}

static int read_book(const unit_part *parts, size_t n, uint64_t budget,
                     clint_buf *cells, char *why, size_t cap)
{
	return read_book_mem(parts, n, budget, NULL, cells, why, cap);
}

static void test_cells(void **state)
{
	/* the active sheet (the second), its shared strings named by a
	 * relationship; a hidden row, a blank string, an empty cell, a
	 * string out of range left out */
	static const unit_part book[] = {
		{"xl/workbook.xml", BOOK("1"), 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"worksheets/a.xml\"/>"
		      "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/b.xml\"/>"
		      "<Relationship Id=\"rId3\" Type=\"http://schemas."
		      "openxmlformats.org/officeDocument/2006/relationships/"
		      "sharedStrings\" Target=\"Strings.xml\"/>"), 0},
		{"xl/Strings.xml", "<sst " SML "><si><t>Hosting</t></si><si><t>"
		 "   </t></si><si><r><t>Monthly </t></r><r><t>fee</t></r><rPh>"
		 "<t>ignored</t></rPh></si></sst>", 0},
		{"xl/worksheets/a.xml", SHEET("<row><c t=\"inlineStr\"><is><t>"
		                              "other sheet</t></is></c></row>"), 0},
		{"xl/worksheets/b.xml",
		 SHEET("<row><c t=\"s\"><v>2</v></c><c t=\"s\"><v>0</v></c></row>"
		       "<row hidden=\"1\"><c t=\"inlineStr\"><is><t>hidden</t></is>"
		       "</c></row><row><c t=\"s\"><v>1</v></c><c/><c><v>12.5</v>"
		       "</c><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v></c>"
		       "<c t=\"s\"><v>7</v></c><c t=\"s\"><v>-1</v></c></row>"), 0},
	};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200];

	(void)state;
	assert_int_equal(read_book(book, ARRAY_LEN(book), 1 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_OK);
	assert_string_equal(cells.data, "Monthly fee|Hosting|\n12.5|FALSE|#N/A|");
	assert_string_equal(why, "");
	clint_buf_free(&cells);
}

/* Numbers read as their formats show them: the workbook's own format
 * (the last of an id), built-in ones, a date in the 1904 system, a
 * style out of range; hidden columns left out, by reference or by
 * place. */
static void test_formats(void **state)
{
	static const unit_part book[] = {
		{"xl/workbook.xml",
		 "<workbook " SML "><workbookPr date1904=\"true\"/><sheets><sheet "
		 "name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"worksheets/a.xml\"/>"
		      "<Relationship Id=\"rId2\" Type=\"http://schemas."
		      "openxmlformats.org/officeDocument/2006/relationships/"
		      "styles\" Target=\"Styles.xml\"/>"), 0},
		{"xl/Styles.xml",
		 "<styleSheet " SML "><numFmts count=\"3\"><numFmt numFmtId=\"164\""
		 " formatCode=\"0.0\"/><numFmt numFmtId=\"165\" formatCode=\""
		 "&quot;EUR &quot;#,##0.00\"/><numFmt numFmtId=\"164\" formatCode="
		 "\"#,##0.000\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf "
		 "numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"14\"/>"
		 "<xf numFmtId=\"9\"/><xf numFmtId=\"44\"/><xf numFmtId=\"999\"/>"
		 "</cellXfs></styleSheet>", 0},
		{"xl/worksheets/a.xml",
		 "<worksheet " SML "><cols><col min=\"3\" max=\"3\" hidden=\"1\"/>"
		 "<col min=\"9\" max=\"20000\" hidden=\"true\"/></cols><sheetData>"
		 "<row><c r=\"A1\" s=\"1\"><v>1234.5</v></c><c r=\"B1\" s=\"2\">"
		 "<v>-1500</v></c><c r=\"C1\"><v>111</v></c><c r=\"D1\" s=\"3\">"
		 "<v>43830</v></c><c r=\"E1\" s=\"4\"><v>0.05</v></c><c r=\"F1\" "
		 "s=\"5\"><v>1500</v></c><c r=\"G1\" s=\"6\"><v>0.1</v></c><c "
		 "r=\"H1\" s=\"77\"><v>2.50</v></c><c r=\"I1\"><v>9</v></c></row>"
		 "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v>"
		 "</c><c r=\"XFE2\"><v>5</v></c><c><v>1e999</v></c><c><v>x</v></c>"
		 "</row></sheetData></worksheet>", 0},
	};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200];

	(void)state;
	assert_int_equal(read_book(book, ARRAY_LEN(book), 1 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_OK);
	assert_string_equal(cells.data,
	                    "1,234.500|-EUR 1,500.00|1/1/2024|5%|$ 1,500.00|0.1|"
	                    "2.5|\n1|2|4|5|1e999|x|");
	clint_buf_free(&cells);
}

/* A styles part that cannot be read costs the numbers their formats,
 * not the workbook its cells; a number whose format shows nothing is
 * left out, the first cell too. */
static void test_formats_not_read(void **state)
{
	unit_part book[] = {
		{"xl/workbook.xml",
		 "<workbook " SML "><sheets><sheet name=\"A\" sheetId=\"1\" "
		 "r:id=\"rId1\"/></sheets></workbook>", 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"worksheets/a.xml\"/>"),
		 0},
		{"xl/styles.xml", "<styleSheet " SML "><numFmts><numFmt", 0},
		{"xl/worksheets/a.xml",
		 SHEET("<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>1500</v></c>"
		       "</row>"), 0},
	};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200];

	(void)state;
	assert_int_equal(read_book(book, ARRAY_LEN(book), 1 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_OK);
	assert_string_equal(cells.data, "0|1500|");
	assert_string_equal(why, "its numbers' formats are not read "
	                         "(xl/styles.xml: not well-formed XML): they are "
	                         "shown as stored");
	book[2].data = "<styleSheet " SML "><numFmts><numFmt numFmtId=\"164\" "
	               "formatCode=\"0;-0;;@\"/></numFmts><cellXfs><xf/><xf "
	               "numFmtId=\"164\"/></cellXfs></styleSheet>";
	assert_int_equal(read_book(book, ARRAY_LEN(book), 1 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_OK);
	assert_string_equal(cells.data, "1500|");
	clint_buf_free(&cells);
}

/* Only the range Word shows of the sheet (the workbook's oleSize), by
 * the rows' and cells' references or their places. */
static void test_shown_range(void **state)
{
	unit_part book[] = {
		{"xl/workbook.xml",
		 "<workbook " SML "><oleSize ref=\"$B$2:C3\"/><sheets><sheet "
		 "name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"worksheets/a.xml\"/>"),
		 0},
		{"xl/worksheets/a.xml",
		 SHEET("<row><c><v>1</v></c><c><v>2</v></c></row>"
		       "<row><c><v>3</v></c><c><v>4</v></c><c><v>5</v></c>"
		       "<c><v>6</v></c></row>"
		       "<row r=\"3\"><c r=\"A3\"><v>7</v></c><c r=\"C3\"><v>8</v>"
		       "</c></row><row r=\"9\"><c r=\"B9\"><v>9</v></c></row>"
		       /* placed by the cell's reference, as Excel does */
		       "<row r=\"20\"><c r=\"B2\"><v>11</v></c></row>"), 0},
	};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200];

	(void)state;
	assert_int_equal(read_book(book, ARRAY_LEN(book), 1 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_OK);
	/* rows: the first cell shown of each opens it */
	assert_string_equal(cells.data, "4|5|\n8|\n11|");
	/* one that is not a range: the whole sheet */
	book[0].data = "<workbook " SML "><oleSize ref=\"C3:B2\"/><sheets>"
	               "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/>"
	               "</sheets></workbook>";
	assert_int_equal(read_book(book, ARRAY_LEN(book), 1 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_OK);
	assert_string_equal(cells.data, "1|2|\n3|4|5|6|\n7|8|\n9|\n11|");
	clint_buf_free(&cells);
}

static void test_not_read(void **state)
{
	static const unit_part chart[] = {
		{"xl/workbook.xml", BOOK("0"), 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"chartsheets/c.xml\"/>"), 0},
		{"xl/chartsheets/c.xml", "<chartsheet " SML "/>", 0},
	};
	static const unit_part no_book[] = {
		{"xl/worksheets/sheet1.xml", SHEET(""), 0},
	};
	static const unit_part escape[] = {
		{"xl/workbook.xml", BOOK("0"), 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"../../x.xml\"/>"), 0},
	};
	static const unit_part doctype[] = {
		{"xl/workbook.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]>" BOOK("0"), 0},
	};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200];
	clint_xlsx_sink out = {collect, &cells};
	uint64_t used;

	(void)state;
	assert_true(read_book(chart, ARRAY_LEN(chart), 1 << 20, &cells, why,
	                      sizeof(why)) < 0);
	assert_string_equal(why, "the sheet it shows is a chart");
	assert_true(read_book(no_book, ARRAY_LEN(no_book), 1 << 20, &cells, why,
	                      sizeof(why)) < 0);
	assert_string_equal(why, "it has no xl/workbook.xml");
	assert_true(read_book(escape, ARRAY_LEN(escape), 1 << 20, &cells, why,
	                      sizeof(why)) < 0);
	assert_string_equal(why, "its sheet has no part");
	assert_true(read_book(doctype, ARRAY_LEN(doctype), 1 << 20, &cells, why,
	                      sizeof(why)) < 0);
	assert_non_null(strstr(why, "xl/workbook.xml: "));
	assert_true(clint_xlsx_read((const unsigned char *)"not a zip", 9, 1 << 20,
	                            NULL, &out, why, sizeof(why), &used) < 0);
	assert_string_equal(why, "not a readable ZIP archive");
	clint_buf_free(&cells);
}

/* A string stored once and used by every cell counts each time it is
 * written: past the budget, the workbook stops, and says why; a blank
 * one costs nothing. */
static void test_budget(void **state)
{
	unit_part book[] = {
		{"xl/workbook.xml", BOOK("0"), 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"worksheets/a.xml\"/>"), 0},
		{"xl/sharedStrings.xml", NULL, 0},
		{"xl/worksheets/a.xml", NULL, 0},
	};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200], *strings, *sheet, *p;
	size_t i;

	(void)state;
	strings = malloc(100000 + 200);
	sheet = malloc(4000 * 40 + 200);
	assert_non_null(strings);
	assert_non_null(sheet);
	p = strings + sprintf(strings, "<sst " SML "><si><t>");
	memset(p, ' ', 50000);
	p += 50000;
	p += sprintf(p, "</t></si><si><t>");
	memset(p, 'x', 50000);
	strcpy(p + 50000, "</t></si></sst>");
	/* 2000 cells of the blank string, then 2000 of the other: 100 MB */
	p = sheet + sprintf(sheet, "<worksheet " SML "><sheetData><row>");
	for (i = 0; i < 4000; i++)
		p += sprintf(p, "<c t=\"s\"><v>%d</v></c>", i < 2000 ? 0 : 1);
	strcpy(p, "</row></sheetData></worksheet>");
	book[2].data = strings;
	book[3].data = sheet;
	assert_int_equal(read_book(book, ARRAY_LEN(book), 4 << 20, &cells, why,
	                           sizeof(why)),
	                 CLINT_ELIMIT);
	assert_string_equal(why, "its cells' text is over the budget of "
	                         "embedded workbooks");
	/* the cells written before it: less than the budget */
	assert_true(cells.len > 0 && cells.len < (4u << 20));
	assert_int_equal(cells.data[0], 'x');
	clint_buf_free(&cells);
	free(strings);
	free(sheet);
}

/* A part's tree and the shared strings' tables are paid for from the
 * memory budget while the workbook is read: 150,000 empty strings
 * (750 KB of <si/>: a tree of 24 MB, then 1.5 MiB of tables) are past a
 * 1 MiB budget, which refuses them (the document's error: nothing in
 * why), and so are 150,000 cell styles (<xf/>, 2 MiB of codes); the same
 * workbook with a few of each is read within it. All is given back
 * (read_book_mem()). */
static void test_tables_budget(void **state)
{
	unit_part book[] = {
		{"xl/workbook.xml", BOOK("0"), 0},
		{"xl/_rels/workbook.xml.rels",
		 RELS("<Relationship Id=\"rId1\" Target=\"worksheets/a.xml\"/>"), 0},
		{"xl/sharedStrings.xml", NULL, 0},
		{"xl/styles.xml", NULL, 0},
		{"xl/worksheets/a.xml",
		 SHEET("<row><c t=\"s\"><v>2</v></c><c s=\"1\"><v>0.5</v></c>"
		       "</row>"), 0},
	};
	clint_mem mem = {0, (size_t)1 << 20, 0};
	clint_buf cells = CLINT_BUF_INIT;
	char why[200], *many_si, *many_xf;

	(void)state;
	many_si = unit_repeat("<sst " SML "><si/><si/><si><t>Fee</t></si>",
	                      "<si/>", 150000, "</sst>");
	many_xf = unit_repeat("<styleSheet " SML "><cellXfs><xf/>"
	                      "<xf numFmtId=\"9\"/>",
	                      "<xf/>", 150000, "</cellXfs></styleSheet>");
	book[2].data = many_si;
	book[3].data = "<styleSheet " SML "><cellXfs><xf/><xf numFmtId=\"9\"/>"
	               "</cellXfs></styleSheet>";
	assert_int_equal(read_book_mem(book, ARRAY_LEN(book), 8 << 20, &mem,
	                               &cells, why, sizeof(why)),
	                 CLINT_ELIMIT);
	assert_true(mem.over);
	assert_string_equal(why, "");
	mem.over = 0;
	book[2].data = "<sst " SML "><si/><si/><si><t>Fee</t></si></sst>";
	book[3].data = many_xf;
	assert_int_equal(read_book_mem(book, ARRAY_LEN(book), 8 << 20, &mem,
	                               &cells, why, sizeof(why)),
	                 CLINT_ELIMIT);
	assert_true(mem.over);
	assert_string_equal(why, "");
	mem.over = 0;
	book[3].data = "<styleSheet " SML "><cellXfs><xf/><xf numFmtId=\"9\"/>"
	               "</cellXfs></styleSheet>";
	assert_int_equal(read_book_mem(book, ARRAY_LEN(book), 8 << 20, &mem,
	                               &cells, why, sizeof(why)),
	                 CLINT_OK);
	assert_string_equal(cells.data, "Fee|50%|");
	assert_false(mem.over);
	clint_buf_free(&cells);
	free(many_si);
	free(many_xf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_formats_not_read),
		cmocka_unit_test(test_shown_range),
		cmocka_unit_test(test_not_read),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_tables_budget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
