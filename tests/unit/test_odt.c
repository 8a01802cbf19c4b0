/*
 * test_odt.c - OpenDocument text extraction (src/lib/extract/odt.c and its
 * detection in extract.c). Fixtures are built at run time: content.xml
 * and styles.xml written here and zipped in memory with libzip. The real
 * ODT files of ../shared/corpus/docs/pandoc-fixtures are read when present.
 */
#include "unit.h"

#include <ctype.h>
#include <glob.h>
#include <zip.h>

#include "internal.h"
#include "extract/extract.h"

#define NS                                                                    \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""      \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""        \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""          \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""        \
	" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""                          \
	" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""      \
	" office:version=\"1.2\""
#define CONTENT_HEAD                                                          \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                            \
	"<office:document-content" NS ">"
#define BODY(x) "<office:body><office:text>" x "</office:text></office:body>"
#define CONTENT(x) CONTENT_HEAD BODY(x) "</office:document-content>"
#define STYLES(x)                                                             \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                            \
	"<office:document-styles" NS "><office:styles>" x                         \
	"</office:styles></office:document-styles>"

/* ---- building ODT files in memory --------------------------------------- */

typedef struct {
	const char *name;
	const void *data;
	size_t len;     /* 0: strlen(data) */
	int store;      /* stored, not deflated */
} entry;

/* Zips `entries` in memory; returns a malloc'd buffer, *len its size. */
static unsigned char *make_zip(const entry *entries, size_t n, size_t *len)
{
	zip_error_t err;
	zip_source_t *src, *fs;
	zip_t *za;
	zip_stat_t st;
	unsigned char *out;
	size_t i;

	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	zip_source_keep(src);
	for (i = 0; i < n; i++) {
		size_t l = entries[i].len ? entries[i].len : strlen(entries[i].data);
		zip_int64_t idx;
		fs = zip_source_buffer(za, entries[i].data, l, 0);
		assert_non_null(fs);
		idx = zip_file_add(za, entries[i].name, fs, ZIP_FL_OVERWRITE);
		assert_true(idx >= 0);
		if (entries[i].store)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_stat_init(&st);
	assert_int_equal(zip_source_stat(src, &st), 0);
	out = malloc(st.size ? st.size : 1);
	assert_non_null(out);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	*len = st.size;
	return out;
}

static unsigned char *make_odt(const char *content, const char *styles,
                               size_t *len)
{
	entry e[3] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 0},
		{"styles.xml", styles, 0, 0},
	};

	return make_zip(e, styles ? 3 : 2, len);
}

/* Loads an ODT zipped from `entries`, expecting `rc`. */
static clint_doc *load_entries(const entry *entries, size_t n,
                               clint_revisions rev, clint_diag *diag, int rc)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	size_t len;
	unsigned char *z = make_zip(entries, n, &len);
	int got;

	o.revisions = rev;
	got = clint_doc_load_buffer(&doc, "t.odt", z, len, &o, diag);
	free(z);
	if (got != rc && diag)
		unit_diag_dump(diag);
	assert_int_equal(got, rc);
	if (rc == CLINT_OK) {
		assert_non_null(doc);
		assert_int_equal(clint_doc_format(doc), CLINT_INPUT_ODT);
	} else {
		assert_null(doc);
	}
	return doc;
}

/* An ODT whose content.xml is `content` and whose "Object 1" has the
 * content.xml `object` reads as the text `want`. */
static void assert_object_text(const char *content, const char *object,
                               const char *want)
{
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 0},
		{"Object 1/content.xml", object, 0, 0},
	};
	clint_doc *doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT,
	                              NULL, CLINT_OK);

	assert_string_equal(clint_doc_text(doc, NULL), want);
	clint_doc_free(doc);
}

/* Loads an ODT built from `content`/`styles`, expecting `rc`. */
static clint_doc *load_odt(const char *content, const char *styles,
                           clint_revisions rev, clint_diag *diag, int rc)
{
	entry e[3] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 0},
		{"styles.xml", styles, 0, 0},
	};

	return load_entries(e, styles ? 3 : 2, rev, diag, rc);
}

static void assert_block(const clint_doc *doc, size_t i, clint_block_type type,
                         unsigned level, unsigned para, unsigned flags,
                         const char *text)
{
	clint_block b;

	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	unit_assert_slice(doc, b.start, b.end, text);
	/* segment.c reads a short title-like block as a heading: allowed */
	if (b.type == CLINT_BLOCK_HEADING && type != CLINT_BLOCK_HEADING)
		type = CLINT_BLOCK_HEADING;
	/* where rows start is unit_assert_rows()'s */
	b.flags &= ~CLINT_BLOCK_ROW_START;
	if (b.type != type || b.level != level || b.paragraph != para ||
	    b.flags != flags)
		fail_msg("block %zu '%s': type %d level %u paragraph %u flags %#x, "
		         "expected %d %u %u %#x",
		         i, text, (int)b.type, b.level, b.paragraph, b.flags,
		         (int)type, level, para, flags);
}

/* The diagnostic of `level` on t.odt that mentions `needle`. */
static clint_diag_entry diag_at(const clint_diag *d, const char *needle,
                                clint_diag_level level)
{
	clint_diag_entry e = unit_diag_at(d, needle, level);

	assert_string_equal(e.file, "t.odt");
	return e;
}

/* The error on t.odt that mentions `needle`. */
static clint_diag_entry assert_diag(const clint_diag *d, const char *needle)
{
	return diag_at(d, needle, CLINT_DIAG_ERROR);
}

static void assert_warning(const clint_diag *d, const char *needle)
{
	diag_at(d, needle, CLINT_DIAG_WARNING);
}

/* The error mentioning `message` is exactly that: one line, without the
 * newline libxml2 ends its own messages with. */
static void assert_diag_one_line(const clint_diag *d, const char *message)
{
	assert_string_equal(assert_diag(d, message).message, message);
}

/* ---- structure ------------------------------------------------------------ */

static void test_headings_and_paragraphs(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_odt(CONTENT("<text:sequence-decls><text:sequence-decl "
	                       "text:name=\"Table\"/></text:sequence-decls>"
	                       "<text:h text:outline-level=\"1\">Master "
	                       "Agreement</text:h>"
	                       "<text:p>The  Supplier\n  shall<text:s text:c=\"3\"/>"
	                       "act.<text:tab/>Then<text:line-break/>more.</text:p>"
	                       "<text:p/>"
	                       "<text:h text:outline-level=\"2\">Fees</text:h>"
	                       "<text:section><text:p>In a "
	                       "<text:span>section</text:span>.</text:p>"
	                       "</text:section>"),
	               NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 4);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1, 1, 0, "Master Agreement");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 2, 0,
	             "The Supplier shall   act.\tThen\nmore.");
	/* the empty paragraph 3 leaves no block but still counts */
	assert_block(doc, 2, CLINT_BLOCK_HEADING, 2, 4, 0, "Fees");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 5, 0, "In a section.");
	{
		clint_location loc;
		assert_int_equal(
			clint_doc_locate(doc, unit_offset(doc, "section."), &loc),
			CLINT_OK);
		assert_int_equal(loc.paragraph, 5);
	}
	clint_doc_free(doc);
}

#define LIST_STYLE                                                            \
	"<text:list-style style:name=\"Clauses\">"                                \
	"<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" "  \
	"style:num-suffix=\".\"/>"                                                \
	"<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" "  \
	"text:display-levels=\"2\"/>"                                             \
	"<text:list-level-style-number text:level=\"3\" style:num-format=\"a\" "  \
	"style:num-prefix=\"(\" style:num-suffix=\")\"/>"                         \
	"</text:list-style>"

static void test_numbered_lists(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_odt(
		CONTENT_HEAD
		"<office:automatic-styles>"
		"<text:list-style style:name=\"L9\">"
		"<text:list-level-style-number text:level=\"1\" style:num-format=\"I\" "
		"text:start-value=\"4\" style:num-suffix=\")\"/>"
		"</text:list-style>"
		"<text:list-style style:name=\"B\"><text:list-level-style-bullet "
		"text:level=\"1\" text:bullet-char=\"*\"/></text:list-style>"
		"<style:style style:name=\"P1\" style:family=\"paragraph\" "
		"style:parent-style-name=\"Numbered\"/>"
		"</office:automatic-styles>" BODY(
			"<text:list text:style-name=\"Clauses\">"
			"<text:list-item text:start-value=\"7\"><text:p>Service Levels</text:p>"
			"<text:list>"
			"<text:list-item><text:p>Availability</text:p></text:list-item>"
			"<text:list-item><text:p>Service Credits</text:p>"
			"<text:p>A second paragraph.</text:p>"
			"<text:list><text:list-item><text:p>first</text:p></text:list-item>"
			"<text:list-item><text:p>second</text:p></text:list-item>"
			"</text:list></text:list-item>"
			"</text:list></text:list-item>"
			"<text:list-item><text:p>Fees</text:p></text:list-item>"
			"</text:list>"
			"<text:p>Between lists.</text:p>"
			"<text:list text:style-name=\"Clauses\" "
			"text:continue-numbering=\"true\">"
			"<text:list-item><text:p>Term</text:p></text:list-item></text:list>"
			"<text:list text:style-name=\"L9\">"
			"<text:list-item><text:p>roman</text:p></text:list-item>"
			"<text:list-item><text:p>next</text:p></text:list-item></text:list>"
			"<text:list text:style-name=\"B\">"
			"<text:list-item><text:p>bullet</text:p></text:list-item></text:list>"
			"<text:list><text:list-item><text:p text:style-name=\"P1\">"
			"linked style</text:p></text:list-item></text:list>")
			"</office:document-content>",
		STYLES(LIST_STYLE
		       "<style:style style:name=\"Numbered\" style:family=\"paragraph\" "
		       "style:list-style-name=\"Clauses\"/>"),
		CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_LIST_ITEM, 1, 1, 0, "7. Service Levels");
	assert_block(doc, 1, CLINT_BLOCK_LIST_ITEM, 2, 2, 0, "7.1 Availability");
	/* segment.c may read a short numbered item as a heading: check text */
	unit_assert_slice(doc, unit_offset(doc, "7.2 "),
	                  unit_offset(doc, "7.2 ") + 19, "7.2 Service Credits");
	/* only the first paragraph of an item carries the number */
	assert_block(doc, 3, CLINT_BLOCK_LIST_ITEM, 2, 4, 0, "A second paragraph.");
	assert_block(doc, 4, CLINT_BLOCK_LIST_ITEM, 3, 5, 0, "(a) first");
	assert_block(doc, 5, CLINT_BLOCK_LIST_ITEM, 3, 6, 0, "(b) second");
	unit_offset(doc, "8. Fees");
	assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, 8, 0, "Between lists.");
	unit_offset(doc, "9. Term");
	unit_offset(doc, "IV) roman");
	unit_offset(doc, "V) next");
	assert_block(doc, 11, CLINT_BLOCK_LIST_ITEM, 1, 12, 0, "bullet");
	/* a list without a style takes the one its paragraph style links to */
	unit_offset(doc, "1. linked style");
	clint_doc_free(doc);
}

/* Number formats (lower roman, letters past z, roman out of range, an
 * empty format, a level without a style), list headers, continue-list,
 * nested lists deeper than the level styles, and inline spacing elements
 * (text:s with a count, tabs, line breaks, skipped inline elements). */
static void test_list_and_inline_variants(void **state)
{
	clint_doc *doc;
	const char *t;

	(void)state;
	doc = load_odt(
		CONTENT_HEAD
		"<office:automatic-styles>"
		"<text:list-style style:name=\"Fmt\">"
		"<text:list-level-style-number text:level=\"1\" style:num-format=\"i\" "
		"text:start-value=\"3998\" style:num-suffix=\".\"/>"
		"<text:list-level-style-number text:level=\"2\" style:num-format=\"a\" "
		"text:start-value=\"26\" style:num-prefix=\"(\" style:num-suffix=\")\"/>"
		"<text:list-level-style-number text:level=\"3\" style:num-format=\"\"/>"
		"<text:list-level-style-number text:level=\"4\" style:num-format=\"A\" "
		"text:display-levels=\"9\"/>"
		"</text:list-style>"
		"</office:automatic-styles>" BODY(
			"<text:list text:style-name=\"Fmt\">"
			"<text:list-header><text:p>Header line</text:p></text:list-header>"
			"<text:list-item><text:p>roman</text:p>"
			"<text:list><text:list-item><text:p>z</text:p></text:list-item>"
			"<text:list-item><text:p>aa</text:p>"
			"<text:list><text:list-item><text:p>unnumbered</text:p>"
			"<text:list><text:list-item><text:p>deep</text:p></text:list-item>"
			"</text:list></text:list-item></text:list>"
			"</text:list-item></text:list></text:list-item>"
			"<text:list-item><text:p>last</text:p></text:list-item>"
			"<text:list-item><text:p>out of range</text:p></text:list-item>"
			"</text:list>"
			"<text:p>Between.</text:p>"
			"<text:list text:style-name=\"Fmt\" text:continue-list=\"x\">"
			"<text:list-item><text:p>continued</text:p></text:list-item>"
			"</text:list>"
			"<text:p>Fee<text:tab/>USD<text:s text:c=\"3\"/>100<text:line-break/>"
			"net<text:s/>30<text:number>9.</text:number>"
			"<text:note-citation>1</text:note-citation>"
			"<text:ruby><text:ruby-base>base</text:ruby-base><text:ruby-text>"
			"rt</text:ruby-text></text:ruby><text:soft-page-break/>"
			"<text:span> end</text:span></text:p>"
			"<text:p><text:s text:c=\"2\"/>indented</text:p>"
			"<text:sequence-decls><text:sequence-decl text:name=\"x\"/>"
			"</text:sequence-decls>"
			"<text:section><text:p>In a section.</text:p></text:section>"
			"<text:soft-page-break/>"
			"<text:p>Page two.</text:p>")
			"</office:document-content>",
		NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	/* a list header has no number */
	assert_block(doc, 0, CLINT_BLOCK_LIST_ITEM, 1, 1, 0, "Header line");
	assert_block(doc, 1, CLINT_BLOCK_LIST_ITEM, 1, 2, 0, "mmmcmxcviii. roman");
	assert_block(doc, 2, CLINT_BLOCK_LIST_ITEM, 2, 3, 0, "(z) z");
	assert_block(doc, 3, CLINT_BLOCK_LIST_ITEM, 2, 4, 0, "(aa) aa");
	/* an empty num-format: no number */
	assert_block(doc, 4, CLINT_BLOCK_LIST_ITEM, 3, 5, 0, "unnumbered");
	/* display-levels past the level: every level shown in its own
	 * format, the unformatted level as a number */
	unit_offset(doc, "mmmcmxcviii.aa.1.A deep");
	assert_block(doc, 6, CLINT_BLOCK_LIST_ITEM, 1, 7, 0, "mmmcmxcix. last");
	/* past 3999: a number */
	assert_block(doc, 7, CLINT_BLOCK_LIST_ITEM, 1, 8, 0, "4000. out of range");
	assert_block(doc, 8, CLINT_BLOCK_PARAGRAPH, 0, 9, 0, "Between.");
	/* text:continue-list carries the count on */
	assert_block(doc, 9, CLINT_BLOCK_LIST_ITEM, 1, 10, 0, "4001. continued");
	/* spaces, tabs and breaks; numbers, citations, ruby text skipped */
	assert_block(doc, 10, CLINT_BLOCK_PARAGRAPH, 0, 11, 0,
	             "Fee\tUSD   100\nnet 30base end");
	assert_block(doc, 11, CLINT_BLOCK_PARAGRAPH, 0, 12, 0, "  indented");
	assert_block(doc, 12, CLINT_BLOCK_PARAGRAPH, 0, 13, 0, "In a section.");
	assert_null(strstr(t, "9."));
	assert_null(strstr(t, "rt"));
	{
		clint_block b;
		assert_int_equal(clint_doc_block(doc, 13, &b), CLINT_OK);
		unit_assert_slice(doc, b.start, b.end, "Page two.");
		assert_int_equal(b.page, 3);
	}
	assert_int_equal(clint_doc_block_count(doc), 14);
	clint_doc_free(doc);
}

static void test_outline_numbered_headings(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_odt(
		CONTENT("<text:h text:outline-level=\"1\">Definitions</text:h>"
		        "<text:h text:outline-level=\"1\">Services</text:h>"
		        "<text:h text:outline-level=\"2\">Scope</text:h>"
		        "<text:h text:outline-level=\"1\" text:is-list-header=\"true\">"
		        "Schedules</text:h>"),
		STYLES("<text:outline-style style:name=\"Outline\">"
		       "<text:outline-level-style text:level=\"1\" "
		       "style:num-format=\"1\" style:num-suffix=\".\"/>"
		       "<text:outline-level-style text:level=\"2\" "
		       "style:num-format=\"1\" text:display-levels=\"2\"/>"
		       "</text:outline-style>"),
		CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1, 1, 0, "1. Definitions");
	assert_block(doc, 1, CLINT_BLOCK_HEADING, 1, 2, 0, "2. Services");
	assert_block(doc, 2, CLINT_BLOCK_HEADING, 2, 3, 0, "2.1 Scope");
	assert_block(doc, 3, CLINT_BLOCK_HEADING, 1, 4, 0, "Schedules");
	clint_doc_free(doc);
}

static void test_tables(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_odt(
		CONTENT("<text:p>Before.</text:p>"
		        "<table:table table:name=\"T\"><table:table-column/>"
		        "<table:table-header-rows><table:table-row>"
		        "<table:table-cell><text:p>Service</text:p></table:table-cell>"
		        "<table:table-cell><text:p>Target</text:p></table:table-cell>"
		        "</table:table-row></table:table-header-rows>"
		        "<table:table-row>"
		        "<table:table-cell><text:p>Availability</text:p></table:table-cell>"
		        "<table:table-cell><text:p>99.9%</text:p><text:p>monthly</text:p>"
		        "</table:table-cell><table:covered-table-cell/>"
		        "</table:table-row></table:table>"
		        "<text:p>After.</text:p>"),
		NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 6);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, 0, "Before.");
	assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, 2, 0, "Service");
	assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, 3, 0, "Target");
	assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0, 4, 0, "Availability");
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, 5, 0, "99.9%\nmonthly");
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, 7, 0, "After.");
	unit_assert_rows(doc, ".RcRc.");
	clint_doc_free(doc);
}

/* Row groups and table-rows wrappers, a list and a note inside a cell
 * (the note follows the cell), a table nested in a cell, an empty cell,
 * and a change mark inside a cell. */
static void test_table_variants(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_odt(
		CONTENT("<table:table><table:table-columns><table:table-column/>"
		        "</table:table-columns>"
		        "<table:table-row-group><table:table-rows><table:table-row>"
		        "<table:table-cell><text:p>Fee<text:note><text:note-body>"
		        "<text:p>Excluding VAT.</text:p></text:note-body></text:note>"
		        "</text:p><text:list><text:list-item><text:p>monthly</text:p>"
		        "</text:list-item></text:list></table:table-cell>"
		        "<table:table-cell/>"
		        "<table:table-cell><table:table><table:table-row>"
		        "<table:table-cell><text:p>inner cell</text:p></table:table-cell>"
		        "</table:table-row></table:table>"
		        "<text:change text:change-id=\"none\"/></table:table-cell>"
		        "</table:table-row></table:table-rows></table:table-row-group>"
		        "<text:soft-page-break/></table:table>"
		        "<text:p>After.</text:p>"),
		NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	unit_offset(doc, "Fee\nmonthly");
	unit_offset(doc, "Excluding VAT.");
	unit_offset(doc, "inner cell");
	unit_offset(doc, "After.");
	/* the note comes after the cell that cites it */
	assert_true(unit_offset(doc, "Excluding VAT.") > unit_offset(doc, "monthly"));
	clint_doc_free(doc);
}

static void test_notes(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_odt(
		CONTENT("<text:p>Fees are fixed<text:note text:id=\"n1\" "
		        "text:note-class=\"footnote\"><text:note-citation>1"
		        "</text:note-citation><text:note-body><text:p>Excluding "
		        "VAT.</text:p><text:p>And travel.</text:p></text:note-body>"
		        "</text:note> for the Term.</text:p>"
		        "<text:p>Next paragraph.</text:p>"),
		NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 4);
	/* the citation mark is dropped and the note is not in the sentence */
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, 0,
	             "Fees are fixed for the Term.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 2, CLINT_BLOCK_NOTE,
	             "Excluding VAT.");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 3, CLINT_BLOCK_NOTE,
	             "And travel.");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, 0, "Next paragraph.");
	clint_doc_free(doc);
}

/* Headers and footers of the master pages in styles.xml: after the body,
 * as note blocks; a hidden one (style:display="false") is left out. */
static void test_master_page_headers_footers(void **state)
{
	static const char styles[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<office:document-styles" NS "><office:styles/>"
		"<office:master-styles>"
		"<style:master-page style:name=\"Standard\">"
		"<style:header><text:p>Heron Hosting - Services Agreement</text:p>"
		"</style:header>"
		"<style:header-left style:display=\"false\"><text:p>HIDDEN LEFT"
		"</text:p></style:header-left>"
		"<style:footer><text:p>Confidential between the parties</text:p>"
		"</style:footer></style:master-page>"
		"<style:master-page style:name=\"First_20_Page\">"
		"<style:footer-first><text:p>Draft 3 for review</text:p>"
		"</style:footer-first></style:master-page>"
		"</office:master-styles></office:document-styles>";
	clint_doc *doc;

	(void)state;
	doc = load_odt(CONTENT("<text:p>The Supplier shall host the Service."
	                       "</text:p>"),
	               styles, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 4);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, 0,
	             "The Supplier shall host the Service.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 2, CLINT_BLOCK_NOTE,
	             "Heron Hosting - Services Agreement");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 3, CLINT_BLOCK_NOTE,
	             "Confidential between the parties");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, CLINT_BLOCK_NOTE,
	             "Draft 3 for review");
	assert_null(strstr(clint_doc_text(doc, NULL), "HIDDEN"));
	clint_doc_free(doc);
	/* the footers are after the body, in no section; a footnote of the
	 * last paragraph stays in its clause */
	doc = load_odt(CONTENT("<text:p>1. Term</text:p>"
	                       "<text:p>1.1 The Term is two years.<text:note "
	                       "text:note-class=\"footnote\"><text:note-body>"
	                       "<text:p>2. Renewable once.</text:p>"
	                       "</text:note-body></text:note></text:p>"),
	               styles, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	{
		clint_block fn, hdr;
		assert_int_equal(clint_doc_block_count(doc), 6);
		assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 3, CLINT_BLOCK_NOTE,
		             "2. Renewable once.");
		assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, CLINT_BLOCK_NOTE,
		             "Heron Hosting - Services Agreement");
		assert_int_equal(clint_doc_block(doc, 2, &fn), CLINT_OK);
		assert_int_equal(clint_doc_block(doc, 3, &hdr), CLINT_OK);
		assert_int_equal(clint_doc_section_count(doc), 2);
		assert_int_equal(clint_doc_section_at(doc, fn.start), 1);
		assert_int_equal(clint_doc_notes_start(doc), hdr.start);
		assert_int_equal(clint_doc_section_at(doc, hdr.start),
		                 CLINT_NO_SECTION);
	}
	clint_doc_free(doc);
	/* no master pages, or no styles.xml: the body alone */
	doc = load_odt(CONTENT("<text:p>Body only.</text:p>"),
	               STYLES(""), CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 1);
	clint_doc_free(doc);
}

/* ---- tracked changes ------------------------------------------------------ */

#define TRACKED                                                               \
	CONTENT("<text:tracked-changes>"                                          \
	        "<text:changed-region text:id=\"d1\"><text:deletion>"             \
	        "<office:change-info><dc:creator>Ann</dc:creator>"                \
	        "</office:change-info><text:p>ninety (90)</text:p>"               \
	        "</text:deletion></text:changed-region>"                          \
	        "<text:changed-region text:id=\"i1\"><text:insertion>"            \
	        "<office:change-info><dc:creator>Bob</dc:creator>"                \
	        "</office:change-info></text:insertion></text:changed-region>"    \
	        "<text:changed-region text:id=\"d2\"><text:deletion>"             \
	        "<text:p>The Supplier may subcontract freely.</text:p>"           \
	        "</text:deletion></text:changed-region>"                          \
	        "</text:tracked-changes>"                                         \
	        "<text:p>Invoices are payable within <text:change "               \
	        "text:change-id=\"d1\"/><text:change-start text:change-id=\"i1\"/>" \
	        "thirty (30)<text:change-end text:change-id=\"i1\"/> days.</text:p>" \
	        "<text:change text:change-id=\"d2\"/>"                            \
	        "<text:p>Unchanged.</text:p>")

static void test_tracked_changes_accept(void **state)
{
	clint_doc *doc;
	const char *t;

	(void)state;
	doc = load_odt(TRACKED, NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	assert_null(strstr(t, "ninety"));
	assert_null(strstr(t, "subcontract"));
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, CLINT_BLOCK_INSERTED,
	             "Invoices are payable within thirty (30) days.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 2, 0, "Unchanged.");
	clint_doc_free(doc);
}

static void test_tracked_changes_reject(void **state)
{
	clint_doc *doc;
	const char *t;

	(void)state;
	doc = load_odt(TRACKED, NULL, CLINT_REVISIONS_REJECT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	assert_null(strstr(t, "thirty"));
	assert_int_equal(clint_doc_block_count(doc), 3);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, CLINT_BLOCK_DELETED,
	             "Invoices are payable within ninety (90) days.");
	/* a deleted paragraph between paragraphs stands alone */
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 1, CLINT_BLOCK_DELETED,
	             "The Supplier may subcontract freely.");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 2, 0, "Unchanged.");
	{
		clint_location loc;
		assert_int_equal(
			clint_doc_locate(doc, unit_offset(doc, "ninety"), &loc), CLINT_OK);
		assert_int_equal(loc.flags & CLINT_BLOCK_DELETED, CLINT_BLOCK_DELETED);
	}
	clint_doc_free(doc);
}

/* Change regions named by xml:id, format changes, unknown ids, a deletion
 * that merged two paragraphs, an insertion spanning paragraphs with white
 * space inside it, a change-end that closes nothing. */
#define TRACKED2                                                              \
	CONTENT("<text:tracked-changes>"                                          \
	        "<text:changed-region xml:id=\"x1\"><text:deletion>"              \
	        "<office:change-info><dc:creator>Ann</dc:creator>"                \
	        "</office:change-info><text:p>old end.</text:p>"                  \
	        "<text:p>Old second paragraph</text:p></text:deletion>"           \
	        "</text:changed-region>"                                          \
	        "<text:changed-region text:id=\"f1\"><text:format-change>"        \
	        "<office:change-info/></text:format-change></text:changed-region>" \
	        "<text:changed-region text:id=\"i2\"><text:insertion/>"           \
	        "</text:changed-region>"                                          \
	        "<text:changed-region/>"                                          \
	        "</text:tracked-changes>"                                         \
	        "<text:p>Start <text:change text:change-id=\"x1\"/>"              \
	        "<text:change-start text:change-id=\"f1\"/>bold"                  \
	        "<text:change-end text:change-id=\"f1\"/>"                        \
	        "<text:change text:change-id=\"nope\"/> here.</text:p>"           \
	        "<text:p>Keep<text:change-start text:change-id=\"i2\"/> new"      \
	        "<text:s text:c=\"2\"/>words<text:tab/></text:p>"                 \
	        "<text:p>inserted paragraph</text:p>"                             \
	        "<text:p>more<text:change-end text:change-id=\"i2\"/> tail"       \
	        "<text:change-end text:change-id=\"i2\"/></text:p>")

static void test_tracked_changes_variants(void **state)
{
	clint_doc *doc;
	const char *t;

	(void)state;
	doc = load_odt(TRACKED2, NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	assert_null(strstr(t, "old end"));
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, 0, "Start bold here.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 2, CLINT_BLOCK_INSERTED,
	             "Keep new  words\t");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 3, CLINT_BLOCK_INSERTED,
	             "inserted paragraph");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, CLINT_BLOCK_INSERTED,
	             "more tail");
	assert_int_equal(clint_doc_block_count(doc), 4);
	clint_doc_free(doc);

	doc = load_odt(TRACKED2, NULL, CLINT_REVISIONS_REJECT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	assert_null(strstr(t, "inserted"));
	assert_null(strstr(t, "words"));
	/* the deletion's first paragraph runs on, the second stands alone */
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, CLINT_BLOCK_DELETED,
	             "Start old end.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 1, CLINT_BLOCK_DELETED,
	             "Old second paragraphbold here.");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 2, 0, "Keep");
	/* the paragraphs the insertion spans stay apart (not merged back into
	 * "Keep tail"); the leading space of a block is dropped */
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, 0, "tail");
	assert_int_equal(clint_doc_block_count(doc), 4);
	clint_doc_free(doc);
}

/* Annotations between paragraphs, with spacing elements in their text,
 * ends that name nothing or no annotation; headings with odd outline
 * levels; a paragraph in a frame inside a paragraph. */
static void test_annotation_and_heading_variants(void **state)
{
	clint_doc *doc;
	clint_annotation a;
	size_t i, found = 0;

	(void)state;
	doc = load_odt(
		CONTENT("<office:annotation office:name=\"b1\"><dc:creator>Ann"
		        "</dc:creator><text:p>Tab<text:tab/>and<text:s text:c=\"2\"/>"
		        "gap<text:line-break/>next<text:span> span</text:span>"
		        "</text:p></office:annotation>"
		        "<text:p>Block level range.</text:p>"
		        "<office:annotation-end office:name=\"b1\"/>"
		        "<office:annotation-end office:name=\"nobody\"/>"
		        "<office:annotation-end/>"
		        "<text:h text:outline-level=\"0\">Level zero heading</text:h>"
		        "<text:h text:outline-level=\"12\">Level twelve heading</text:h>"
		        "<text:h>No level heading</text:h>"
		        "<text:p>Before the frame<draw:frame><draw:text-box>"
		        "<text:p>framed words</text:p></draw:text-box></draw:frame>"
		        " after it.</text:p>"
		        "<text:p>A<draw:frame><draw:text-box><text:p>frame text"
		        "</text:p></draw:text-box></draw:frame>B<draw:frame>"
		        "<draw:text-box><text:p>end</text:p></draw:text-box>"
		        "</draw:frame></text:p>"),
		NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, 0, "Block level range.");
	assert_block(doc, 1, CLINT_BLOCK_HEADING, 1, 2, 0, "Level zero heading");
	assert_block(doc, 2, CLINT_BLOCK_HEADING, 12, 3, 0, "Level twelve heading");
	assert_block(doc, 3, CLINT_BLOCK_HEADING, 1, 4, 0, "No level heading");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, 5, 0,
	             "Before the frame framed words after it.");
	/* words are not run together after a frame either */
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, 6, 0, "A frame text B end");
	assert_int_equal(clint_doc_annotation_count(doc), 1);
	for (i = 0; i < clint_doc_annotation_count(doc); i++) {
		assert_int_equal(clint_doc_annotation(doc, i, &a), CLINT_OK);
		assert_string_equal(a.author, "Ann");
		assert_string_equal(a.text, "Tab\tand  gap\nnext span");
		unit_assert_slice(doc, a.start, a.end, "Block level range.");
		found++;
	}
	assert_int_equal(found, 1);
	clint_doc_free(doc);
}

/* Ranges are paired with their ends by name through a hash table: 300 of
 * them (the table grows four times) closed in reverse order, each
 * anchored from its start to its end; two open ranges of one name are
 * closed first to last, and a third end of that name closes nothing. */
static void test_annotation_ranges_by_name(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	clint_annotation a;
	const char *t;
	char w[32];
	size_t i, k, n = 300, seen = 0;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, CONTENT_HEAD "<office:body><office:text>"), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(clint_buf_printf(&b,
			"<text:p><office:annotation office:name=\"n%zu\"><text:p>note %zu"
			"</text:p></office:annotation>w%zu.</text:p>", i, i, i), 0);
	for (i = n; i-- > 0;)
		assert_int_equal(clint_buf_printf(&b,
			"<text:p>e%zu<office:annotation-end office:name=\"n%zu\"/></text:p>",
			i, i), 0);
	assert_int_equal(clint_buf_puts(&b,
		"<text:p><office:annotation office:name=\"d\"><text:p>first</text:p>"
		"</office:annotation>one <office:annotation office:name=\"d\"><text:p>"
		"second</text:p></office:annotation>two<office:annotation-end "
		"office:name=\"d\"/> three<office:annotation-end office:name=\"d\"/>"
		" four<office:annotation-end office:name=\"d\"/></text:p>"
		"</office:text></office:body></office:document-content>"), 0);
	assert_int_equal(clint_buf_putc(&b, '\0'), 0);
	doc = load_odt(b.data, NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	clint_buf_free(&b);
	t = clint_doc_text(doc, NULL);
	assert_int_equal(clint_doc_annotation_count(doc), n + 2);
	for (i = 0; i < clint_doc_annotation_count(doc); i++) {
		assert_int_equal(clint_doc_annotation(doc, i, &a), CLINT_OK);
		if (strcmp(a.text, "first") == 0) {
			unit_assert_slice(doc, a.start, a.end, "one two");
			continue;
		}
		if (strcmp(a.text, "second") == 0) {
			unit_assert_slice(doc, a.start, a.end, "two three");
			continue;
		}
		assert_int_equal(sscanf(a.text, "note %zu", &k), 1);
		snprintf(w, sizeof(w), "w%zu.", k);
		assert_memory_equal(t + a.start, w, strlen(w));
		snprintf(w, sizeof(w), "e%zu", k);
		assert_true(a.end >= strlen(w));
		assert_memory_equal(t + a.end - strlen(w), w, strlen(w));
		seen++;
	}
	assert_int_equal(seen, n);
	clint_doc_free(doc);
}

/* A deletion shown again (reject mode, a text:change mark each time) has
 * every node under it counted, read or not: 3,000 empty paragraphs shown
 * at 1,500 marks are 4.5 million nodes, past the limit, where they were
 * counted nowhere (20,000 at 20,000 marks: 34 s). Shown at two marks it
 * reads as before. */
static void deletion_shown(size_t paras, size_t marks, int rc)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, CONTENT_HEAD "<office:body>"
	                                "<office:text><text:tracked-changes>"
	                                "<text:changed-region text:id=\"d\">"
	                                "<text:deletion><text:p>gone</text:p>"),
	                 0);
	for (i = 0; i < paras; i++)
		assert_int_equal(clint_buf_puts(&b, "<text:p/>"), 0);
	assert_int_equal(clint_buf_puts(&b, "</text:deletion></text:changed-region>"
	                                "</text:tracked-changes><text:p>Keep"),
	                 0);
	for (i = 0; i < marks; i++)
		assert_int_equal(clint_buf_puts(&b, " <text:change "
		                                "text:change-id=\"d\"/>"), 0);
	assert_int_equal(clint_buf_puts(&b, "</text:p></office:text></office:body>"
	                                "</office:document-content>"), 0);
	assert_int_equal(clint_buf_putc(&b, '\0'), 0);
	doc = load_odt(b.data, NULL, CLINT_REVISIONS_REJECT, d, rc);
	if (rc == CLINT_OK) {
		const char *t = clint_doc_text(doc, NULL), *g = strstr(t, "gone");
		assert_non_null(g);
		assert_non_null(strstr(g + 4, "gone"));
		assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 0);
	} else {
		diag_at(d, "content.xml: more than 4000000 XML nodes (a tracked "
		        "deletion counted each time it is shown): refused",
		        CLINT_DIAG_ERROR);
	}
	clint_doc_free(doc);
	clint_diag_free(d);
	clint_buf_free(&b);
}

static void test_deletion_shown_counted(void **state)
{
	(void)state;
	deletion_shown(3000, 2, CLINT_OK);
	deletion_shown(3000, 1500, CLINT_ELIMIT);
}

/* Changed regions are looked up by a binary search over their sorted
 * ids: 200 regions listed in no order, each found, and of two regions
 * with one id the first wins (an insertion: its deletion twin is never
 * shown). */
static void test_tracked_changes_many_regions(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	const char *t;
	char w[32];
	size_t i, n = 200;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, CONTENT_HEAD "<office:body><office:text>"
	                                "<text:tracked-changes>"), 0);
	for (i = 0; i < n; i++) {
		size_t k = (i * 37) % n;
		assert_int_equal(clint_buf_printf(&b,
			"<text:changed-region text:id=\"c%zu\"><text:deletion>"
			"<text:p>gone%zu</text:p></text:deletion></text:changed-region>",
			k, k), 0);
	}
	assert_int_equal(clint_buf_puts(&b,
		"<text:changed-region text:id=\"dup\"><text:insertion/>"
		"</text:changed-region><text:changed-region text:id=\"dup\">"
		"<text:deletion><text:p>twin</text:p></text:deletion>"
		"</text:changed-region></text:tracked-changes>"), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(clint_buf_printf(&b,
			"<text:p>p%zu <text:change text:change-id=\"c%zu\"/></text:p>",
			i, i), 0);
	assert_int_equal(clint_buf_puts(&b,
		"<text:p>Keep<text:change text:change-id=\"dup\"/>"
		"<text:change-start text:change-id=\"dup\"/> added"
		"<text:change-end text:change-id=\"dup\"/></text:p>"
		"</office:text></office:body></office:document-content>"), 0);
	assert_int_equal(clint_buf_putc(&b, '\0'), 0);
	doc = load_odt(b.data, NULL, CLINT_REVISIONS_REJECT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	for (i = 0; i < n; i++) {
		snprintf(w, sizeof(w), "p%zu gone%zu", i, i);
		if (!strstr(t, w))
			fail_msg("'%s' is not in the rejected text", w);
	}
	assert_null(strstr(t, "twin"));
	assert_null(strstr(t, "added"));
	clint_doc_free(doc);
	doc = load_odt(b.data, NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	clint_buf_free(&b);
	t = clint_doc_text(doc, NULL);
	assert_null(strstr(t, "gone"));
	assert_non_null(strstr(t, "Keep added"));
	clint_doc_free(doc);
}

/* ---- annotations ------------------------------------------------------------ */

static void test_annotations(void **state)
{
	clint_doc *doc;
	clint_annotation a;
	const char *t;

	(void)state;
	doc = load_odt(
		CONTENT("<text:p>The cap is <office:annotation office:name=\"c1\">"
		        "<dc:creator>Dana Reviewer</dc:creator><dc:date>2024-01-01"
		        "</dc:date><text:p>Too low?</text:p><text:p>Check "
		        "schedule.</text:p></office:annotation>GBP 10,000"
		        "<office:annotation-end office:name=\"c1\"/> in total."
		        "<office:annotation><dc:creator>Eve</dc:creator>"
		        "<text:p>point</text:p></office:annotation></text:p>"),
		NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	assert_string_equal(t, "The cap is GBP 10,000 in total.");
	assert_int_equal(clint_doc_annotation_count(doc), 2);
	/* in either order: the point one is added when met, the range one
	 * at its end */
	assert_int_equal(clint_doc_annotation(doc, 0, &a), CLINT_OK);
	if (strcmp(a.author, "Eve") != 0)
		assert_int_equal(clint_doc_annotation(doc, 1, &a), CLINT_OK);
	assert_string_equal(a.author, "Eve");
	assert_string_equal(a.text, "point");
	assert_int_equal(a.start, strlen(t));
	assert_int_equal(a.end, a.start);
	assert_int_equal(clint_doc_annotation(doc, 0, &a), CLINT_OK);
	if (strcmp(a.author, "Eve") == 0)
		assert_int_equal(clint_doc_annotation(doc, 1, &a), CLINT_OK);
	assert_string_equal(a.author, "Dana Reviewer");
	assert_string_equal(a.text, "Too low?\nCheck schedule.");
	unit_assert_slice(doc, a.start, a.end, "GBP 10,000");
	clint_doc_free(doc);
}

/* Annotations of <text:s text:c="1000"/> are a megabyte each from 25 KB
 * of XML: their strings, held by the extractor until the end (a range
 * never closed) and copied into the document, are paid for by the
 * document memory limit, and given back when the extractor is done. */
static void test_annotations_memory_limit(void **state)
{
	static const char head[] = CONTENT_HEAD "<office:body><office:text>";
	static const char ann[] = "<text:p>w<office:annotation office:name=\"n\">"
	                          "<text:p>";
	static const char sp[] = "<text:s text:c=\"1000\"/>";
	static const char end[] = "</text:p></office:annotation>x</text:p>";
	static const char tail[] = "</office:text></office:body>"
	                           "</office:document-content>";
	size_t n = 16, per = 1000, i, k, len, used;
	char *content = malloc(sizeof(head) + n * (sizeof(ann) + sizeof(end) +
	                                            per * (sizeof(sp) - 1)) +
	                       sizeof(tail));
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	unsigned char *z;
	char *p;

	(void)state;
	assert_non_null(content);
	p = stpcpy(content, head);
	for (i = 0; i < n; i++) {
		p = stpcpy(p, ann);
		for (k = 0; k < per; k++)
			p = stpcpy(p, sp);
		p = stpcpy(p, end);
	}
	stpcpy(p, tail);
	z = make_odt(content, NULL, &len);
	/* 16 MB of annotations: refused at 4 MiB, naming the limit */
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	o.max_doc_memory = (size_t)4 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, diag),
	                 CLINT_ELIMIT);
	assert_null(doc);
	assert_int_equal(clint_diag_count_level(diag, CLINT_DIAG_ERROR), 1);
	assert_diag(diag, "memory limit of 4 MiB");
	/* loaded at the default: the budget holds the document's copies,
	 * the extractor's given back */
	o.max_doc_memory = 0;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, NULL),
	                 CLINT_OK);
	assert_int_equal(clint_doc_annotation_count(doc), n);
	used = doc->block_cap * sizeof(*doc->blocks) +
	       doc->skip_cap * sizeof(*doc->skips) +
	       doc->fold_cap * sizeof(*doc->folds) +
	       (doc->line_count + doc->char_mark_count) * sizeof(size_t) +
	       doc->norm_map.cap * sizeof(*doc->norm_map.runs) +
	       doc->annotation_cap * sizeof(*doc->annotations);
	for (i = 0; i < n; i++)
		used += strlen(doc->annotations[i].author) + 1 +
		        strlen(doc->annotations[i].text) + 1;
	assert_true(strlen(doc->annotations[0].text) == per * 1000);
	assert_int_equal(doc->mem.used, used);
	clint_doc_free(doc);
	clint_diag_free(diag);
	free(z);
	free(content);
}

/* ---- embedded objects -------------------------------------------------------- */

/* A formula is an object of its own (draw:object, "Object 1/content.xml",
 * MathML): read as a line of text, where it was left out without a word
 * ("the Service Credit is  where F is the fee"). Other objects are not
 * read, with a warning naming each. */
#define MML(x) "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" " \
	"display=\"block\"><semantics><mrow>" x "</mrow><annotation " \
	"encoding=\"StarMath 5.0\">annotation text</annotation></semantics></math>"
#define OBJ(name) "<draw:frame text:anchor-type=\"as-char\"><draw:object " \
	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"" name "\" " \
	"xlink:type=\"simple\"/><draw:image xmlns:xlink=\"http://www.w3.org/" \
	"1999/xlink\" xlink:href=\"./ObjectReplacements/Object 1\"/></draw:frame>"

static void test_formulas(void **state)
{
	static const char content[] = CONTENT(
		"<text:p>The credit is " OBJ("./Object 1") " where F is the fee."
		"</text:p>"
		"<text:p>" OBJ("./Object 2") "</text:p>"
		"<text:p>Sales " OBJ("./Object 3/") OBJ("Object 4") OBJ("../up")
		OBJ("http://example.com/x") "<draw:frame><draw:object-ole "
		"xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"./Obj5\"/>"
		"</draw:frame> end.</text:p>"
		"<text:tracked-changes><text:changed-region text:id=\"c1\">"
		"<text:insertion><office:change-info><dc:creator>A</dc:creator>"
		"</office:change-info></text:insertion></text:changed-region>"
		"</text:tracked-changes>"
		"<text:p>Kept<text:change-start text:change-id=\"c1\"/>"
		OBJ("./Object 1") "<text:change-end text:change-id=\"c1\"/>.</text:p>"
		/* anchored to the page: a paragraph of its own; a name with
		 * escapes, one in a directory */
		"<draw:frame text:anchor-type=\"page\"><draw:object xmlns:xlink="
		"\"http://www.w3.org/1999/xlink\" xlink:href=\"./Object%201\"/>"
		"</draw:frame><text:p>In " OBJ("./Sub/Object 6") "</text:p>");
	static const char formula1[] = MML(
		"<mi>C</mi><mo>=</mo><mfrac><mrow><mi>T</mi><mo>\xE2\x88\x92</mo>"
		"<mi>A</mi></mrow><mi>T</mi></mfrac><mo>\xC3\x97</mo><mi>F</mi>");
	static const char formula2[] = MML(
		"<munderover><mo>\xE2\x88\x91</mo><mrow><mi>i</mi><mo>=</mo>"
		"<mn>1</mn></mrow><mi>n</mi></munderover><msup><mi>x</mi><mn>2</mn>"
		"</msup><msub><mi>y</mi><mi>i</mi></msub><msubsup><mi>z</mi>"
		"<mn>0</mn><mn>1</mn></msubsup><mo>,</mo><msqrt><mn>4</mn></msqrt>"
		"<mroot><mi>x</mi><mn>3</mn></mroot><mo>,</mo><mi>sin</mi>"
		"<mo>\xE2\x81\xA1</mo><mi>x</mi><mo>,</mo><mi>a</mi>"
		"<mo>\xE2\x81\xA2</mo><mi>b</mi><mo>,</mo>"
		"<mfenced open=\"[\" close=\"]\" separators=\";\"><mi>p</mi>"
		"<mi>q</mi><mi>r</mi></mfenced><mfenced><mi>s</mi></mfenced>"
		"<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr>"
		"<mtr><mtd><mn>3</mn></mtd><mtd><mn>4</mn></mtd></mtr></mtable>"
		"<mphantom><mi>hidden</mi></mphantom><mspace/><mtext>end</mtext>");
	static const char chart[] =
		"<office:document-content" NS "><office:body><office:chart/>"
		"</office:body></office:document-content>";
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 0},
		{"Object 1/content.xml", formula1, 0, 0},
		{"Object 2/content.xml", formula2, 0, 0},
		{"Object 3/content.xml", chart, 0, 0},
		/* a token's text only (a web page's elements in one are the
		 * page's; not so in a document) */
		{"Sub/Object 6/content.xml",
		 MML("<mi>z<x:n xmlns:x=\"urn:x\">SECRET</x:n></mi>"), 0, 0},
	};
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, 1, 0,
	             "The credit is C=(T\xE2\x88\x92" "A)/(T)\xC3\x97" "F where "
	             "F is the fee.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, 2, 0,
	             "\xE2\x88\x91_(i=1)^(n)x^(2)y_(i)z_(0)^(1),\xE2\x88\x9A" "4"
	             "(3)\xE2\x88\x9Ax,sin x,ab,[p;q;r](s)1 2; 3 4 end");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, 3, 0, "Sales end.");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, CLINT_BLOCK_INSERTED,
	             "KeptC=(T\xE2\x88\x92" "A)/(T)\xC3\x97" "F.");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, 4, 0,
	             "C=(T\xE2\x88\x92" "A)/(T)\xC3\x97" "F");
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, 5, 0, "In z");
	assert_warning(d, "embedded object 'Object 3' is not read (a chart)");
	assert_warning(d, "embedded object 'Object 4' is not read (it has no "
	                  "content.xml)");
	assert_warning(d, "embedded object '../up' is not read (not an object "
	                  "inside the document)");
	assert_warning(d, "embedded object 'http://example.com/x' is not read");
	assert_warning(d, "embedded object './Obj5' is not read (an OLE object)");
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 0);
	assert_null(strstr(clint_doc_text(doc, NULL), "annotation"));
	assert_null(strstr(clint_doc_text(doc, NULL), "hidden"));
	clint_doc_free(doc);

	/* rejected with its insertion */
	clint_diag_clear(d);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_REJECT, d, CLINT_OK);
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, 4, 0, "Kept.");
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* An embedded spreadsheet (a price table pasted in as one) is read
 * where it is shown: it was a warning, its cells not checked. The
 * document's own numbering, notes and paragraphs go on around it. */
static void test_embedded_spreadsheet(void **state)
{
	static const char content[] = CONTENT(
		"<text:list><text:list-item><text:p>Prices: " OBJ("./Object 1")
		" apply.</text:p></text:list-item></text:list>"
		"<text:p>Terms " OBJ("./Object 2") "</text:p>"
		"<table:table><table:table-row><table:table-cell><text:p>In a "
		"cell " OBJ("./Object 1") " too</text:p></table:table-cell>"
		"</table:table-row></table:table>"
		"<text:p>Again<text:note><text:note-body><text:p>A note."
		"</text:p></text:note-body></text:note> " OBJ("./Object 1")
		" end.</text:p>"
		/* deleted with the words around it */
		"<text:tracked-changes><text:changed-region text:id=\"d1\">"
		"<text:deletion><office:change-info><dc:creator>A</dc:creator>"
		"</office:change-info><text:p>old " OBJ("./Object 1") " fees"
		"</text:p></text:deletion></text:changed-region>"
		"</text:tracked-changes><text:p>Was<text:change text:change-id="
		"\"d1\"/>.</text:p>"
		/* anchored to the page, between paragraphs: between them */
		"<draw:frame text:anchor-type=\"page\"><draw:object xmlns:xlink="
		"\"http://www.w3.org/1999/xlink\" xlink:href=\"./Object 1\"/>"
		"</draw:frame><text:p>Last.</text:p>");
	static const char sheet[] =
		"<office:document-content" NS "><office:automatic-styles>"
		"<style:style style:name=\"ta2\" style:family=\"table\">"
		"<style:table-properties table:display=\"false\"/></style:style>"
		"</office:automatic-styles><office:body><office:spreadsheet>"
		"<table:tracked-changes><table:cell-content-change><table:previous>"
		"<table:change-track-table-cell><text:p>Fee waived</text:p>"
		"</table:change-track-table-cell></table:previous>"
		"</table:cell-content-change></table:tracked-changes>"
		"<table:content-validations><table:content-validation><table:help-"
		"message><text:p>Enter a fee</text:p></table:help-message>"
		"</table:content-validation></table:content-validations>"
		"<table:table table:name=\"Fees\">"
		"<table:table-column table:number-columns-repeated=\"2\"/>"
		"<table:table-header-rows><table:table-row><table:table-cell>"
		"<text:p>Service</text:p></table:table-cell><table:table-cell>"
		"<text:p>Fee</text:p></table:table-cell></table:table-row>"
		"</table:table-header-rows>"
		"<table:table-row><table:table-cell table:number-columns-spanned="
		"\"2\" office:value-type=\"string\"><office:annotation><text:p>a "
		"comment</text:p></office:annotation><text:p>Hosting</text:p>"
		"<text:p>and support</text:p></table:table-cell>"
		"<table:covered-table-cell><text:p>hidden</text:p>"
		"</table:covered-table-cell><table:table-cell office:value-type="
		"\"float\" office:value=\"1500\"><text:p>1,500.00<office:"
		"annotation><text:p>a remark</text:p></office:annotation></text:p>"
		"</table:table-cell><table:table-cell table:number-columns-"
		"repeated=\"16382\"/></table:table-row><table:table-row table:"
		"visibility=\"collapse\"><table:table-cell><text:p>hidden row"
		"</text:p></table:table-cell></table:table-row></table:table>"
		"<table:table table:name=\"Internal\" table:display=\"false\">"
		"<table:table-row><table:table-cell><text:p>hidden sheet</text:p>"
		"</table:table-cell></table:table-row></table:table>"
		"<table:table table:name=\"Styled\" table:style-name=\"ta2\">"
		"<table:table-row><table:table-cell><text:p>hidden by style"
		"</text:p></table:table-cell></table:table-row></table:table>"
		"</office:spreadsheet></office:body></office:document-content>";
	static const char text[] =
		"<office:document-content" NS "><office:body><office:text>"
		"<text:p>Fees may change.</text:p></office:text></office:body>"
		"</office:document-content>";
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 0},
		{"Object 1/content.xml", sheet, 0, 0},
		{"Object 2/content.xml", text, 0, 0},
	};
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	/* after the block that shows it, which is not cut in two: the
	 * header row, a merged cell's paragraphs (not the cell it covers,
	 * its comment), a number as shown; not the old value in the
	 * sheet's tracked changes, a validation message, a hidden row or
	 * sheet */
	assert_int_equal(clint_doc_block_count(doc), 23);
	assert_block(doc, 0, CLINT_BLOCK_LIST_ITEM, 1, 1, 0, "Prices: apply.");
	assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, 1, 0, "Service");
	assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, 1, 0, "Fee");
	assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0, 1, 0,
	             "Hosting\nand support");
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, 1, 0, "1,500.00");
	/* in a table cell: after the cell */
	assert_block(doc, 6, CLINT_BLOCK_TABLE_CELL, 0, 3, 0, "In a cell too");
	assert_block(doc, 7, CLINT_BLOCK_TABLE_CELL, 0, 3, 0, "Service");
	/* before the paragraph's note */
	assert_block(doc, 11, CLINT_BLOCK_PARAGRAPH, 0, 4, 0, "Again end.");
	assert_block(doc, 15, CLINT_BLOCK_TABLE_CELL, 0, 4, 0, "1,500.00");
	assert_block(doc, 16, CLINT_BLOCK_PARAGRAPH, 0, 5, CLINT_BLOCK_NOTE,
	             "A note.");
	assert_block(doc, 17, CLINT_BLOCK_PARAGRAPH, 0, 6, 0, "Was.");
	assert_block(doc, 18, CLINT_BLOCK_TABLE_CELL, 0, 6, 0, "Service");
	assert_block(doc, 22, CLINT_BLOCK_PARAGRAPH, 0, 7, 0, "Last.");
	/* the sheet's rows are rows, also after the cell that shows it */
	unit_assert_rows(doc, ".RcRc.RRcRc.RcRc..RcRc.");
	assert_null(strstr(clint_doc_text(doc, NULL), "waived"));
	assert_null(strstr(clint_doc_text(doc, NULL), "Enter"));
	assert_null(strstr(clint_doc_text(doc, NULL), "hidden"));
	assert_null(strstr(clint_doc_text(doc, NULL), "comment"));
	assert_null(strstr(clint_doc_text(doc, NULL), "remark"));
	/* a text document is not read */
	assert_int_equal(clint_diag_count(d), 1);
	assert_warning(d, "embedded object 'Object 2' is not read (a text "
	                  "document)");
	clint_doc_free(doc);

	/* the original: deleted with the words around it; the sheet's own
	 * tracked changes are not read, and said so */
	clint_diag_clear(d);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_REJECT, d, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 27);
	assert_block(doc, 17, CLINT_BLOCK_PARAGRAPH, 0, 6, CLINT_BLOCK_DELETED,
	             "Wasold fees.");
	assert_block(doc, 18, CLINT_BLOCK_TABLE_CELL, 0, 6, CLINT_BLOCK_DELETED,
	             "Service");
	assert_block(doc, 21, CLINT_BLOCK_TABLE_CELL, 0, 6, CLINT_BLOCK_DELETED,
	             "1,500.00");
	assert_warning(d, "embedded spreadsheet 'Object 1': its tracked changes "
	                  "are not read, its cells are shown as changed");
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* An embedded sheet's hidden columns are not read: by column, by
 * repeated columns, inside column groups; a cell repeated into a shown
 * column is read once; a covered cell takes its column. */
static void test_embedded_spreadsheet_columns(void **state)
{
#define CELL(t) "<table:table-cell><text:p>" t "</text:p></table:table-cell>"
	static const char content[] = CONTENT("<text:p>P" OBJ("./Object 1")
	                                      "</text:p>");
	static const char sheet[] =
		"<office:document-content" NS "><office:body><office:spreadsheet>"
		"<table:table table:name=\"T\">"
		"<table:table-column/>"
		"<table:table-column table:visibility=\"collapse\"/>"
		"<table:table-column-group><table:table-column table:number-"
		"columns-repeated=\"2\" table:visibility=\"filter\"/>"
		"</table:table-column-group>"
		"<table:table-column table:number-columns-repeated=\"3\" "
		"table:visibility=\"visible\"/>"
		"<table:table-row>" CELL("a") CELL("b hidden") CELL("c hidden")
		"<table:table-cell table:number-columns-repeated=\"2\"><text:p>"
		"d and e</text:p></table:table-cell>" CELL("f") "</table:table-row>"
		"<table:table-row>" CELL("a2") "<table:covered-table-cell table:"
		"number-columns-repeated=\"3\"/>" CELL("e2") "</table:table-row>"
		"<table:table-row><table:table-cell table:number-columns-repeated="
		"\"3\"><text:p>x</text:p></table:table-cell>"
		"<table:table-cell table:number-columns-repeated=\"9999999\"/>"
		"</table:table-row>"
		/* merged from a hidden column into a shown one: shown */
		"<table:table-row><table:table-cell/><table:table-cell table:"
		"number-columns-spanned=\"4\"><text:p>merged</text:p></table:"
		"table-cell><table:covered-table-cell table:number-columns-"
		"repeated=\"3\"/></table:table-row>"
		/* merged over hidden columns only: not */
		"<table:table-row><table:table-cell/><table:table-cell table:"
		"number-columns-spanned=\"3\"><text:p>merged hidden</text:p>"
		"</table:table-cell></table:table-row>"
		"</table:table>"
		/* columns inside column groups ten deep still count */
		"<table:table table:name=\"U\">"
		"<table:table-column-group><table:table-column-group>"
		"<table:table-column-group><table:table-column-group>"
		"<table:table-column-group><table:table-column-group>"
		"<table:table-column-group><table:table-column-group>"
		"<table:table-column-group><table:table-column-group>"
		"<table:table-column/>"
		"</table:table-column-group></table:table-column-group>"
		"</table:table-column-group></table:table-column-group>"
		"</table:table-column-group></table:table-column-group>"
		"</table:table-column-group></table:table-column-group>"
		"</table:table-column-group></table:table-column-group>"
		"<table:table-column table:visibility=\"collapse\"/>"
		"<table:table-row>" CELL("shown") CELL("deep hidden") CELL("too")
		"</table:table-row></table:table>"
		"</office:spreadsheet></office:body>"
		"</office:document-content>";

	(void)state;
	assert_object_text(content, sheet,
	                   "P\na\nd and e\nf\na2\ne2\nx\nmerged\nshown\ntoo");
#undef CELL
}

/* A sheet hidden by its table style is not read when a style of another
 * family (a cell's) has the same name before it: names are one a family
 * (the first style of the name was taken, and the sheet shown). */
static void test_embedded_sheet_style_families(void **state)
{
	static const char content[] = CONTENT("<text:p>P" OBJ("./Object 1")
	                                      "</text:p>");
	static const char sheet[] =
		"<office:document-content" NS "><office:automatic-styles>"
		"<style:style style:name=\"ta1\" style:family=\"table-cell\">"
		"<style:table-cell-properties/></style:style>"
		"<style:style style:name=\"ta1\" style:family=\"table\">"
		"<style:table-properties table:display=\"false\"/></style:style>"
		"</office:automatic-styles><office:body><office:spreadsheet>"
		"<table:table table:name=\"S\" table:style-name=\"ta1\">"
		"<table:table-row><table:table-cell><text:p>hidden</text:p>"
		"</table:table-cell></table:table-row></table:table>"
		"<table:table table:name=\"T\"><table:table-row><table:table-cell>"
		"<text:p>shown</text:p></table:table-cell></table:table-row>"
		"</table:table></office:spreadsheet></office:body>"
		"</office:document-content>";

	(void)state;
	assert_object_text(content, sheet, "P\nshown");
}

/* The tree of content.xml is charged to the document's budget while it is
 * read (20,000 spans: 3.2 MB), and given back after: past a 1 MiB limit
 * the document is refused with one error naming it (it took 160 bytes a
 * node whatever the limit said); at 16 MiB it is read, and the budget
 * holds only the document's own tables. */
static void test_tree_memory(void **state)
{
	static const char head[] = CONTENT_HEAD "<office:body><office:text>"
	                           "<text:p>Start";
	static const char span[] = "<text:span/>";
	static const char tail[] = " end</text:p></office:text></office:body>"
	                           "</office:document-content>";
	size_t n = 20000, i;
	char *content = malloc(sizeof(head) + n * (sizeof(span) - 1) +
	                       sizeof(tail)), *p;
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	unsigned char *z;
	size_t len;

	(void)state;
	assert_non_null(content);
	p = stpcpy(content, head);
	for (i = 0; i < n; i++)
		p = stpcpy(p, span);
	stpcpy(p, tail);
	z = make_odt(content, NULL, &len);
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	o.max_doc_memory = (size_t)1 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, diag),
	                 CLINT_ELIMIT);
	assert_null(doc);
	assert_int_equal(clint_diag_count_level(diag, CLINT_DIAG_ERROR), 1);
	assert_diag_one_line(diag, "content.xml: more memory to parse than the "
	                           "document memory limit of 1 MiB allows "
	                           "(--max-doc-memory): refused");
	o.max_doc_memory = (size_t)16 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, NULL),
	                 CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "Start end");
	assert_true(doc->mem.used < ((size_t)64 << 10));
	clint_doc_free(doc);
	clint_diag_free(diag);
	free(z);
	free(content);
}

/* An embedded sheet is paid for from the document's budget: its tree
 * (clint_xml_read(): 150,000 nodes, some 24 MB) and its hidden columns'
 * runs (50,000, 1 MiB; the tree always costs more). Past a 1 MiB limit
 * the object is not read, with a warning naming the limit, and the rest
 * of the document is; at the default it is read, its hidden first column
 * left out, or shown. */
static void test_embedded_spreadsheet_columns_budget(void **state)
{
	static const char content[] = CONTENT("<text:p>P" OBJ("./Object 1")
	                                      "</text:p>");
	static const char head[] =
		"<office:document-content" NS "><office:body><office:spreadsheet>"
		"<table:table table:name=\"T\">";
	static const char pair[] =
		"<table:table-column table:visibility=\"collapse\"/>"
		"<table:table-column/>";
	static const char tail[] =
		"<table:table-row><table:table-cell><text:p>a</text:p>"
		"</table:table-cell></table:table-row></table:table>"
		"</office:spreadsheet></office:body></office:document-content>";
	size_t n = 50000, i, len;
	char *sheet = malloc(sizeof(head) + n * (sizeof(pair) - 1) +
	                     sizeof(tail)), *p;
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 0},
		{"Object 1/content.xml", NULL, 0, 1},  /* stored: no bomb */
	};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	unsigned char *z;

	(void)state;
	assert_non_null(sheet);
	p = stpcpy(sheet, head);
	for (i = 0; i < n; i++)
		p = stpcpy(p, pair);
	stpcpy(p, tail);
	e[2].data = sheet;
	z = make_zip(e, ARRAY_LEN(e), &len);
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	o.max_doc_memory = (size_t)1 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, diag),
	                 CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "P");
	assert_int_equal(clint_diag_count_level(diag, CLINT_DIAG_ERROR), 0);
	assert_warning(diag, "embedded object not read: Object 1/content.xml: "
	                     "more memory to parse than the document memory "
	                     "limit of 1 MiB allows (--max-doc-memory): refused");
	assert_true(doc->mem.used < ((size_t)1 << 20));
	clint_doc_free(doc);
	o.max_doc_memory = 0;
	clint_diag_clear(diag);
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, diag),
	                 CLINT_OK);
	assert_int_equal(clint_diag_count(diag), 0);
	assert_string_equal(clint_doc_text(doc, NULL), "P");  /* in column 1 */
	clint_doc_free(doc);
	free(z);
	/* shown, the same columns take no runs: each pair's attribute blanked
	 * where it stands (strstr() from each match to the end was quadratic
	 * under ASan, whose strstr() measures the whole rest: 44 s) */
	for (i = 0; i < n; i++)
		memset(sheet + strlen(head) + i * (sizeof(pair) - 1) +
		           strlen("<table:table-column"),
		       ' ', strlen(" table:visibility=\"collapse\""));
	assert_null(strstr(sheet, "collapse"));
	z = make_zip(e, ARRAY_LEN(e), &len);
	clint_diag_clear(diag);
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, diag),
	                 CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "P\na");
	clint_doc_free(doc);
	clint_diag_free(diag);
	free(z);
	free(sheet);
}

/* head, n times open, mid, n times close, tail: malloc'd. */
static char *repeat(const char *head, const char *open, size_t n,
                    const char *mid, const char *close, const char *tail)
{
	size_t len = strlen(head) + n * (strlen(open) + strlen(close)) +
	             strlen(mid) + strlen(tail) + 1;
	char *s = malloc(len), *p;
	size_t i;

	assert_non_null(s);
	p = s + sprintf(s, "%s", head);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", open);
	p += sprintf(p, "%s", mid);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", close);
	sprintf(p, "%s", tail);
	return s;
}

/* What the notes' list took is given back once the notes are read: 100
 * paragraphs with a note each keep what the same text without notes
 * keeps (128 bytes a paragraph stayed charged). */
static void test_notes_budget(void **state)
{
	char *with = repeat(CONTENT_HEAD "<office:body><office:text>",
	                    "<text:p>Fees<text:note><text:note-body><text:p>VAT"
	                    "</text:p></text:note-body></text:note></text:p>",
	                    100, "", "",
	                    "</office:text></office:body></office:document-content>");
	char *without = repeat(CONTENT_HEAD "<office:body><office:text>",
	                       "<text:p>Fees</text:p><text:p>VAT</text:p>", 100,
	                       "", "",
	                       "</office:text></office:body>"
	                       "</office:document-content>");
	clint_doc *a = load_odt(with, NULL, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	clint_doc *b = load_odt(without, NULL, CLINT_REVISIONS_ACCEPT, NULL,
	                        CLINT_OK);

	(void)state;
	assert_string_equal(clint_doc_text(a, NULL), clint_doc_text(b, NULL));
	assert_int_equal(clint_doc_block_count(a), clint_doc_block_count(b));
	assert_int_equal(a->mem.used, b->mem.used);
	clint_doc_free(a);
	clint_doc_free(b);
	free(with);
	free(without);
}

/* Text past 64 MiB is refused, as in DOCX: 70,000 <text:s text:c="1000"/>
 * (1.5 MB of XML) are 70 MB of spaces, in a paragraph as in an embedded
 * sheet's cell (not taken for a cell nested too deep). */
static void test_text_limit(void **state)
{
	static const char space[] = "<text:s text:c=\"1000\"/>";
	char *body = repeat(CONTENT_HEAD "<office:body><office:text><text:p>a",
	                    space, 70000, "", "",
	                    "</text:p></office:text></office:body>"
	                    "</office:document-content>");
	char *sheet = repeat("<office:document-content" NS "><office:body>"
	                     "<office:spreadsheet><table:table><table:table-row>"
	                     "<table:table-cell><text:p>a",
	                     space, 70000, "", "",
	                     "</text:p></table:table-cell></table:table-row>"
	                     "</table:table></office:spreadsheet></office:body>"
	                     "</office:document-content>");
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", body, 0, 1},
		{"Object 1/content.xml", sheet, 0, 1},
	};
	clint_diag *d = NULL;
	clint_diag_entry got;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_entries(e, 2, CLINT_REVISIONS_ACCEPT, d, CLINT_ELIMIT);
	assert_int_equal(clint_diag_count(d), 1);
	(void)diag_at(d, "the extracted text exceeds the size limit (64 MiB",
	              CLINT_DIAG_ERROR);
	/* the diagnostics of a run shared with the file before: said too */
	e[1].data = CONTENT("<text:p>P" OBJ("./Object 1") "</text:p>");
	e[1].store = 0;
	load_entries(e, 3, CLINT_REVISIONS_ACCEPT, d, CLINT_ELIMIT);
	assert_int_equal(clint_diag_count(d), 2);
	assert_int_equal(clint_diag_get(d, 1, &got), CLINT_OK);
	unit_assert_contains(got.message,
	                     "the extracted text exceeds the size limit (64 MiB");
	clint_diag_free(d);
	free(body);
	free(sheet);
}

/* What the extractor holds for comments is paid for from the document's
 * budget: 5,000 empty comments fit in 1 MiB as the document keeps them,
 * not with the extractor's copies (some 200 bytes each); nor do its
 * tracked-change regions. A comment nested too deep is refused as that. */
static void test_annotation_budget(void **state)
{
	char *body = repeat(CONTENT_HEAD "<office:body><office:text><text:p>a",
	                    "<office:annotation/>", 5000, "", "",
	                    "</text:p></office:text></office:body>"
	                    "</office:document-content>");
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", body, 0, 1},
	};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	unsigned char *z;
	size_t len, kept;
	char *deep;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	z = make_zip(e, 2, &len);
	/* what the document keeps of them */
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, d),
	                 CLINT_OK);
	assert_int_equal(clint_doc_annotation_count(doc), 5000);
	kept = doc->mem.used;
	assert_true(kept < ((size_t)1 << 20));
	clint_doc_free(doc);
	o.max_doc_memory = (size_t)1 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, d),
	                 CLINT_ELIMIT);
	(void)diag_at(d, "memory limit of 1 MiB", CLINT_DIAG_ERROR);
	free(z);
	free(body);

	/* the tracked-change regions: 40,000 past 1 MiB as the document
	 * keeps none of them */
	body = repeat(CONTENT_HEAD "<office:body><office:text>"
	              "<text:tracked-changes>",
	              "<text:changed-region text:id=\"c\"/>", 40000, "", "",
	              "</text:tracked-changes><text:p>a</text:p></office:text>"
	              "</office:body></office:document-content>");
	e[1].data = body;
	z = make_zip(e, 2, &len);
	clint_diag_clear(d);
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, d),
	                 CLINT_ELIMIT);
	(void)diag_at(d, "memory limit of 1 MiB", CLINT_DIAG_ERROR);
	free(z);
	free(body);

	/* 201 spans deep in a comment */
	deep = repeat(CONTENT_HEAD "<office:body><office:text><text:p>a"
	              "<office:annotation>", "<text:span>", 201, "x",
	              "</text:span>", "</office:annotation></text:p>"
	              "</office:text></office:body></office:document-content>");
	clint_diag_clear(d);
	e[1].data = deep;
	load_entries(e, 2, CLINT_REVISIONS_ACCEPT, d, CLINT_ELIMIT);
	(void)diag_at(d, "a comment (office:annotation) nested deeper than 200 "
	                 "elements: refused", CLINT_DIAG_ERROR);
	clint_diag_free(d);
	free(deep);
}

/* A broken formula is an error naming its entry; one object shown many
 * times is read each time, within 64 MiB in all. */
static void test_formula_limits(void **state)
{
	static const char one[] = CONTENT("<text:p>" OBJ("./Object 1") "</text:p>");
	char *many, *big, *deep, *p;
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;
	entry e[] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", one, 0, 0},
		{"Object 1/content.xml", "<math xmlns=\"http://www.w3.org/1998/Math/"
		                         "MathML\"><mi>x</mi>", 0, 0},
	};

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* a broken object is left out, with a warning: the text is read */
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_warning(d, "Object 1/content.xml: not well-formed XML");
	clint_doc_free(doc);

	/* the DOCTYPE LibreOffice writes before a formula */
	e[2].data = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE "
	            "math:math PUBLIC \"-//OpenOffice.org//DTD Modified W3C "
	            "MathML 1.01//EN\" \"math.dtd\">\n<math:math xmlns:math=\""
	            "http://www.w3.org/1998/Math/MathML\"><math:mi>x</math:mi>"
	            "</math:math>";
	clint_diag_clear(d);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_non_null(strstr(doc->text, "x"));
	clint_doc_free(doc);

	/* too deep to walk: the error names the object's entry */
	deep = malloc(250 * 13 + 200);
	assert_non_null(deep);
	p = deep + sprintf(deep, "<math xmlns=\"http://www.w3.org/1998/Math/"
	                         "MathML\">");
	for (i = 0; i < 250; i++)
		p += sprintf(p, "<mrow>");
	for (i = 0; i < 250; i++)
		p += sprintf(p, "</mrow>");
	strcpy(p, "</math>");
	e[2].data = deep;
	clint_diag_clear(d);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d,
	                   CLINT_ELIMIT);
	assert_diag(d, "Object 1/content.xml: elements nested deeper than 200");
	free(deep);

	/* objects not read: 100 warnings, then one that says there are more */
	many = malloc(150 * 400 + 1000);
	assert_non_null(many);
	p = many + sprintf(many, "%s", CONTENT_HEAD "<office:body><office:text>"
	                               "<text:p>");
	for (i = 0; i < 150; i++)
		p += sprintf(p, OBJ("./Missing%zu"), i);
	strcpy(p, "</text:p></office:text></office:body>"
	          "</office:document-content>");
	e[1].data = many;
	clint_diag_clear(d);
	doc = load_entries(e, 2, CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_int_equal(clint_diag_count(d), 102);   /* and "no text" */
	assert_true(unit_diag_find(d, "more embedded objects are not read: not "
	                              "listed") == 100);
	clint_doc_free(doc);

	/* each said once, however often it is shown: a missing object and a
	 * broken one, shown in turn (each showing of the broken one reads it
	 * again, the last read being kept) */
	e[2].data = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x";
	p = many + sprintf(many, "%s", CONTENT_HEAD "<office:body><office:text>"
	                               "<text:p>");
	for (i = 0; i < 5; i++)
		p += sprintf(p, "%s", OBJ("./Missing") OBJ("./Object 1"));
	strcpy(p, "</text:p></office:text></office:body>"
	          "</office:document-content>");
	clint_diag_clear(d);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_int_equal(clint_diag_count(d), 3);   /* and "no text" */
	assert_warning(d, "embedded object 'Missing' is not read (it has no "
	                  "content.xml)");
	assert_warning(d, "Object 1/content.xml: not well-formed XML");
	clint_doc_free(doc);
	free(many);

	/* a 1 MiB formula, shown 70 times */
	big = malloc((1 << 20) + 200);
	many = malloc(70 * 400 + 1000);
	assert_non_null(big);
	assert_non_null(many);
	p = big + sprintf(big, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
	                       "<mtext>");
	memset(p, 'a', 1 << 20);
	strcpy(p + (1 << 20), "</mtext></math>");
	p = many + sprintf(many, "%s", CONTENT_HEAD "<office:body><office:text>"
	                               "<text:p>");
	for (i = 0; i < 70; i++)
		p += sprintf(p, "%s", OBJ("./Object 1"));
	strcpy(p, "</text:p></office:text></office:body>"
	          "</office:document-content>");
	e[1].data = many;
	e[2].data = big;
	e[2].store = 1;
	clint_diag_clear(d);
	doc = load_entries(e, ARRAY_LEN(e), CLINT_REVISIONS_ACCEPT, d,
	                   CLINT_ELIMIT);
	assert_null(doc);
	assert_diag(d, "embedded objects of more than 64 MiB in all");
	free(big);
	free(many);
	clint_diag_free(d);
}
#undef OBJ
#undef MML

/* ---- detection and hostile input --------------------------------------- */

static void test_detection(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	unsigned char *z;
	size_t len;
	entry no_mimetype[1] = {{"content.xml", CONTENT("<text:p>Hi.</text:p>"), 0, 0}};
	entry docx[1] = {{"word/document.xml",
	                  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	                  "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Hi."
	                  "</w:t></w:r></w:p></w:body></w:document>",
	                  0, 0}};

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* a content.xml without the mimetype entry is enough */
	z = make_zip(no_mimetype, 1, &len);
	assert_int_equal(clint_doc_load_buffer(&doc, "noext", z, len, &o, d),
	                 CLINT_OK);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_ODT);
	assert_string_equal(clint_doc_text(doc, NULL), "Hi.");
	clint_doc_free(doc);
	free(z);
	/* a ZIP with word/document.xml goes to the DOCX reader, not ODT */
	z = make_zip(docx, 1, &len);
	assert_int_equal(clint_doc_load_buffer(&doc, "x.odt", z, len, &o, d),
	                 CLINT_OK);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_DOCX);
	clint_doc_free(doc);
	doc = NULL;
	free(z);
	/* an explicit ODT that is not a ZIP */
	o.format = CLINT_INPUT_ODT;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", "plain", 5, &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_diag(d, "not a readable ZIP archive");
	clint_diag_free(d);
}

static void test_truncated_zip(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	size_t len;
	unsigned char *z = make_odt(CONTENT("<text:p>Hello there.</text:p>"), NULL,
	                            &len);

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	o.format = CLINT_INPUT_ODT;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len / 2, &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_diag(d, "ZIP");
	/* auto-detected from the mimetype entry even when truncated */
	clint_diag_clear(d);
	o.format = CLINT_INPUT_AUTO;
	assert_true(clint_doc_load_buffer(&doc, "t.odt", z, len - 10, &o, d) < 0);
	assert_null(doc);
	assert_diag(d, "ZIP");
	free(z);
	clint_diag_free(d);
}

static void test_missing_content(void **state)
{
	clint_diag *d = NULL;
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	entry e[1] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1}};
	size_t len;
	unsigned char *z = make_zip(e, 1, &len);

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, d),
	                 CLINT_EFORMAT);
	assert_diag(d, "no content.xml");
	free(z);
	clint_diag_free(d);
}

static void test_doctype_and_entities_refused(void **state)
{
	clint_diag *d = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_odt("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "
	         "\"file:///etc/passwd\">]>\n<office:document-content" NS ">"
	         BODY("<text:p>&e;</text:p>") "</office:document-content>",
	         NULL, CLINT_REVISIONS_ACCEPT, d, CLINT_EFORMAT);
	assert_diag(d, "content.xml: DOCTYPE");
	clint_diag_clear(d);
	/* in styles.xml too */
	load_odt(CONTENT("<text:p>x</text:p>"),
	         "<!DOCTYPE y [<!ENTITY a \"aaaa\">]><office:document-styles/>",
	         CLINT_REVISIONS_ACCEPT, d, CLINT_EFORMAT);
	assert_diag(d, "styles.xml: DOCTYPE");
	clint_diag_clear(d);
	/* an undeclared entity is a well-formedness error */
	load_odt(CONTENT("<text:p>&nope;</text:p>"), NULL, CLINT_REVISIONS_ACCEPT,
	         d, CLINT_EFORMAT);
	assert_diag(d, "content.xml: not well-formed XML");
	assert_diag_one_line(d, "content.xml: not well-formed XML (line 2: "
	                        "Entity 'nope' not defined)");
	clint_diag_free(d);
}

static void test_deep_nesting_refused(void **state)
{
	clint_diag *d = NULL;
	char *deep;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* deeper than libxml2's own limit (256) */
	deep = repeat(CONTENT_HEAD "<office:body><office:text><text:p>",
	              "<text:span>", 5000, "x", "</text:span>",
	              "</text:p></office:text></office:body>"
	              "</office:document-content>");
	load_odt(deep, NULL, CLINT_REVISIONS_ACCEPT, d, CLINT_EFORMAT);
	assert_diag(d, "content.xml: not well-formed XML");
	free(deep);
	clint_diag_clear(d);
	/* deeper than the extractor's limit (200), within libxml2's */
	deep = repeat(CONTENT_HEAD "<office:body><office:text><text:p>",
	              "<text:span>", 230, "x", "</text:span>",
	              "</text:p></office:text></office:body>"
	              "</office:document-content>");
	load_odt(deep, NULL, CLINT_REVISIONS_ACCEPT, d, CLINT_ELIMIT);
	assert_diag(d, "nested deeper than 200");
	free(deep);
	clint_diag_free(d);
}

/* content.xml stored, then its bytes altered (CRC mismatch); and
 * content.xml encrypted with a password: both refused with a reason. */
static void test_corrupt_and_encrypted_content(void **state)
{
	static const char content[] =
		CONTENT("<text:p>The Supplier shall host the system.</text:p>");
	entry e[2] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", content, 0, 1},
	};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	clint_diag *d = NULL;
	unsigned char *z, *hit;
	size_t len;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	z = make_zip(e, 2, &len);
	for (hit = z; hit + 15 <= z + len && memcmp(hit, "host the system", 15);
	     hit++)
		;
	assert_true(hit + 15 <= z + len);
	hit[0] = 'H';
	assert_int_equal(clint_doc_load_buffer(&doc, "t.odt", z, len, &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_diag(d, "content.xml: damaged entry: CRC mismatch");
	free(z);

	{
		zip_error_t err;
		zip_source_t *src, *fs;
		zip_t *za;
		zip_int64_t idx;
		zip_stat_t st;

		clint_diag_clear(d);
		zip_error_init(&err);
		src = zip_source_buffer_create(NULL, 0, 0, &err);
		assert_non_null(src);
		za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
		assert_non_null(za);
		zip_source_keep(src);
		fs = zip_source_buffer(za, e[0].data, strlen(e[0].data), 0);
		assert_true(zip_file_add(za, "mimetype", fs, 0) >= 0);
		fs = zip_source_buffer(za, content, strlen(content), 0);
		idx = zip_file_add(za, "content.xml", fs, 0);
		assert_true(idx >= 0);
		if (zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256,
		                            "secret") != 0) {
			zip_discard(za);
			zip_source_free(src);
			print_message("  SKIP: libzip without AES encryption\n");
		} else {
			assert_int_equal(zip_close(za), 0);
			assert_int_equal(zip_source_open(src), 0);
			zip_stat_init(&st);
			assert_int_equal(zip_source_stat(src, &st), 0);
			z = malloc(st.size);
			assert_non_null(z);
			assert_int_equal(zip_source_read(src, z, st.size),
			                 (zip_int64_t)st.size);
			zip_source_close(src);
			zip_source_free(src);
			assert_true(clint_doc_load_buffer(&doc, "t.odt", z, st.size, &o,
			                                  d) < 0);
			assert_null(doc);
			assert_diag(d, "content.xml");
			free(z);
		}
		zip_error_fini(&err);
	}
	clint_diag_free(d);
}

static void test_zip_bomb_refused(void **state)
{
	static const char head[] = CONTENT_HEAD BODY("<text:p>");
	static const char tail[] = "x</text:p>" BODY("") "</office:document-content>";
	clint_diag *d = NULL;
	size_t n = 4 * 1024 * 1024;
	char *big = malloc(sizeof(head) + n + sizeof(tail));

	(void)state;
	assert_non_null(big);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* 4 MiB of white space in one paragraph: deflates over 1000:1 */
	memcpy(big, head, sizeof(head) - 1);
	memset(big + sizeof(head) - 1, ' ', n);
	memcpy(big + sizeof(head) - 1 + n, tail, sizeof(tail));
	load_odt(big, NULL, CLINT_REVISIONS_ACCEPT, d, CLINT_ELIMIT);
	assert_diag(d, "possible ZIP bomb");
	assert_diag(d, "content.xml");
	free(big);
	clint_diag_free(d);
}

/* An entry with a tag of more than CLINT_MAX_ATTRS attributes is refused
 * before libxml2 parses it (it compares each attribute with the others);
 * one of CLINT_MAX_ATTRS is read. */
static void test_tag_attrs_refused(void **state)
{
	static const char head[] = CONTENT_HEAD "<office:body><office:text>"
	                           "<text:p text:style-name=\"P\"";
	static const char tail[] = ">x</text:p></office:text></office:body>"
	                           "</office:document-content>";
	char *big = malloc(sizeof(head) + 16 * (CLINT_MAX_ATTRS + 1) + sizeof(tail));
	size_t n, i, k;

	(void)state;
	assert_non_null(big);
	for (n = CLINT_MAX_ATTRS - 1; n <= CLINT_MAX_ATTRS; n++) {
		clint_diag *d = NULL;
		clint_doc *doc;

		k = sizeof(head) - 1;
		memcpy(big, head, k);
		for (i = 0; i < n; i++)
			k += (size_t)sprintf(big + k, " a%zu=\"v\"", i);
		memcpy(big + k, tail, sizeof(tail));
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = load_odt(big, NULL, CLINT_REVISIONS_ACCEPT, d,
		               n < CLINT_MAX_ATTRS ? CLINT_OK : CLINT_ELIMIT);
		if (n == CLINT_MAX_ATTRS) {
			assert_diag(d, "content.xml: a tag with more than 256 "
			               "attributes: refused");
			assert_int_equal(clint_diag_count(d), 1);
		}
		clint_doc_free(doc);
		clint_diag_free(d);
	}
	free(big);
}

/* A paragraph of CLINT_XML_MAX_TEXT characters is read whole, and what
 * follows it; one more is refused. libxml2 stops there, and the rest of
 * the document was lost without a word (a run of text in one piece
 * stops it sooner, with an error: "Huge input lookup"; entities split it
 * into pieces that libxml2 joins). */
static void test_long_text_refused(void **state)
{
	static const char head[] = CONTENT_HEAD "<office:body><office:text>"
	                           "<text:p>";
	static const char tail[] = "</text:p><text:p>END</text:p>"
	                           "</office:text></office:body>"
	                           "</office:document-content>";
	char *big = malloc(sizeof(head) + CLINT_XML_MAX_TEXT / 50 * 4 +
	                   CLINT_XML_MAX_TEXT + 16 + sizeof(tail));
	entry e[2] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", NULL, 0, 1},
	};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	unsigned char *z;
	const char *text;
	size_t n, i, k, len, zlen;
	int rc;

	(void)state;
	assert_non_null(big);
	for (n = CLINT_XML_MAX_TEXT; n <= CLINT_XML_MAX_TEXT + 1; n++) {
		clint_diag *d = NULL;
		clint_doc *doc;

		/* n characters: "&amp;" for every 50th, else "x" */
		k = sizeof(head) - 1;
		memcpy(big, head, k);
		for (i = 0; i < n; i++) {
			if (i % 50 == 0) {
				memcpy(big + k, "&amp;", 5);
				k += 5;
			} else {
				big[k++] = 'x';
			}
		}
		memcpy(big + k, tail, sizeof(tail));
		/* stored: deflated, it looks like a ZIP bomb */
		e[1].data = big;
		z = make_zip(e, 2, &zlen);
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = NULL;
		rc = clint_doc_load_buffer(&doc, "t.odt", z, zlen, &o, d);
		free(z);
		if (rc != (n == CLINT_XML_MAX_TEXT ? CLINT_OK : CLINT_ELIMIT)) {
			unit_diag_dump(d);
			fail_msg("%zu characters: %d", n, rc);
		}
		if (doc) {
			text = clint_doc_text(doc, &len);
			assert_true(len > 3 && memcmp(text + len - 3, "END", 3) == 0);
		} else {
			assert_diag_one_line(d, "content.xml: " CLINT_XML_TEXT_REFUSAL);
			assert_int_equal(clint_diag_count(d), 1);
		}
		clint_doc_free(doc);
		clint_diag_free(d);
	}
	/* an attribute value of as much is more than libxml2 reads, and what
	 * it could not parse it passes on as text: refused as not well-formed
	 * (it was the text refusal) */
	{
		clint_diag *d = NULL;
		clint_doc *doc = NULL;
		clint_diag_entry de;

		k = (size_t)sprintf(big, CONTENT_HEAD "<office:body><office:text>"
		                         "<text:p text:style-name=\"");
		memset(big + k, 'x', CLINT_XML_MAX_TEXT + 1);
		k += CLINT_XML_MAX_TEXT + 1;
		memcpy(big + k, "\">", 2);
		memcpy(big + k + 2, tail, sizeof(tail));
		e[1].data = big;
		z = make_zip(e, 2, &zlen);
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		rc = clint_doc_load_buffer(&doc, "t.odt", z, zlen, &o, d);
		free(z);
		assert_int_equal(rc, CLINT_EFORMAT);
		assert_null(doc);
		assert_int_equal(clint_diag_count(d), 1);
		assert_int_equal(clint_diag_get(d, 0, &de), CLINT_OK);
		assert_non_null(strstr(de.message, "content.xml: not well-formed XML"));
		clint_diag_free(d);
	}
	free(big);
}

/* Loads `xml` as a UTF-16LE content.xml (with a byte order mark): the
 * result code, with its diagnostics in `d` and the document in *out. */
static int load_utf16(const char *xml, clint_diag *d, clint_doc **out)
{
	size_t i, n = strlen(xml), len;
	unsigned char *u = malloc(2 + 2 * n), *z;
	entry e[2] = {
		{"mimetype", "application/vnd.oasis.opendocument.text", 0, 1},
		{"content.xml", NULL, 0, 0},
	};
	int rc;

	assert_non_null(u);
	u[0] = 0xFF;  /* UTF-16LE, with its byte order mark */
	u[1] = 0xFE;
	for (i = 0; i < n; i++) {
		u[2 + 2 * i] = (unsigned char)xml[i];
		u[3 + 2 * i] = 0;
	}
	e[1].data = u;
	e[1].len = 2 + 2 * n;
	z = make_zip(e, 2, &len);
	rc = clint_doc_load_buffer(out, "t.odt", z, len, NULL, d);
	free(z);
	free(u);
	return rc;
}

/* A DOCTYPE in UTF-16 has no "<!DOCTYPE" among its raw bytes: the entry
 * is read as UTF-8 and refused as in UTF-8 (read, its declarations could
 * cost minutes: defaulted attributes, entities). The internalSubset
 * callback alone missed one after a well-formedness error (a "--" in a
 * comment, a DOCTYPE without a name), which turns callbacks off. */
static void test_doctype_in_utf16_refused(void **state)
{
	static const char *const xml[] = {
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
		"<!DOCTYPE office:document-content [<!ENTITY e \"x\">]>"
		"<office:document-content" NS "><office:body><office:text>"
		"<text:p>Fees &e;</text:p></office:text></office:body>"
		"</office:document-content>",
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!-- a -- b -->"
		"<!DOCTYPE x [<!ATTLIST text:p a CDATA \"v\">]>" CONTENT("<text:p/>"),
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
		"<!DOCTYPE [<!ATTLIST text:p a CDATA \"v\">]>" CONTENT("<text:p/>"),
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(xml) / sizeof(*xml); i++) {
		clint_diag *d = NULL;
		clint_doc *doc = NULL;

		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(load_utf16(xml[i], d, &doc), CLINT_EFORMAT);
		assert_null(doc);
		assert_diag(d, "content.xml: DOCTYPE and entity declarations are "
		               "not allowed");
		clint_diag_free(d);
	}
}

/* UTF-16 and a declared ISO-8859-1 are still read */
static void test_utf16_and_latin1_read(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(
		load_utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<office:"
		           "document-content" NS ">" BODY("<text:p>Fees</text:p>")
		           "</office:document-content>",
		           d, &doc),
		CLINT_OK);
	assert_non_null(strstr(clint_doc_text(doc, NULL), "Fees"));
	clint_doc_free(doc);
	doc = load_odt("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	               "<office:document-content" NS ">"
	               BODY("<text:p>F\xE9" "es</text:p>")
	               "</office:document-content>",
	               NULL, CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_non_null(strstr(clint_doc_text(doc, NULL), "F\xC3\xA9" "es"));
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* Attributes libxml2's XML parser reads, which an HTML-minded scan did
 * not count: names starting with a non-ASCII letter, and the content of
 * an element named script or style. */
static void test_xml_attrs_counted(void **state)
{
	static const char *const open_[] = {"<text:p ", "<text:p><script><text:span ",
	                                    "<text:p><style><text:span "};
	static const char *const close_[] = {"/>", "/></script></text:p>",
	                                     "/></style></text:p>"};
	size_t w, f, i, k;
	char *attrs = malloc(300 * 16), *xml = malloc(300 * 16 + 1024);

	(void)state;
	assert_non_null(attrs);
	assert_non_null(xml);
	for (w = 0; w < 3; w++) {
		for (f = 0; f < 2; f++) {
			clint_diag *d = NULL;
			clint_doc *doc;
			if (w == 0 && f == 1)
				continue;  /* counted before */
			for (i = k = 0; i < 300; i++)
				k += (size_t)sprintf(attrs + k, "%s%zu=\"x\" ",
				                     f ? "a" : "\xC3\xA9", i);
			sprintf(xml, "%s<office:body><office:text>%s%s%s</office:text>"
			             "</office:body></office:document-content>",
			        CONTENT_HEAD, open_[w], attrs, close_[w]);
			assert_int_equal(clint_diag_new(&d), CLINT_OK);
			doc = load_odt(xml, NULL, CLINT_REVISIONS_ACCEPT, d,
			               CLINT_ELIMIT);
			assert_null(doc);
			assert_diag(d, "a tag with more than 256 attributes");
			clint_diag_free(d);
		}
	}
	free(attrs);
	free(xml);
}

/* ---- real documents --------------------------------------------------------- */

#define FIXTURES "../shared/corpus/docs/pandoc-fixtures"

/* Words of `s` (letters and digits) joined by one space, into `out`. */
static void words(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	int in = 0;

	for (; *s && k + 2 < cap; s++) {
		if (isalnum((unsigned char)*s)) {
			if (!in && k)
				out[k++] = ' ';
			out[k++] = *s;
			in = 1;
		} else {
			in = 0;
		}
	}
	out[k] = '\0';
}

/* The words of FIXTURES/base + suffix, or 0 if there is no such file. */
static int expected_words(const char *odt, const char *suffix, char *out,
                          size_t cap)
{
	char path[1024], buf[65536];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%.*s%s", (int)(strlen(odt) - 4), odt, suffix);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	words(buf, out, cap);
	return 1;
}

static void test_real_odt_fixtures(void **state)
{
	glob_t g;
	size_t i, tested = 0;

	(void)state;
	if (glob(FIXTURES "/*.odt", 0, NULL, &g) != 0) {
		print_message("skipped: no ODT files in %s\n", FIXTURES);
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
		clint_doc *acc = NULL, *rej = NULL;
		clint_diag *d = NULL;
		char got[65536], want[65536];
		int changes;

		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		if (clint_doc_load_file(&acc, g.gl_pathv[i], &o, d) != CLINT_OK) {
			unit_diag_dump(d);
			fail_msg("%s does not load", g.gl_pathv[i]);
		}
		assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 0);
		o.revisions = CLINT_REVISIONS_REJECT;
		assert_int_equal(clint_doc_load_file(&rej, g.gl_pathv[i], &o, d),
		                 CLINT_OK);
		changes = strstr(g.gl_pathv[i], "rack") != NULL;
		if (changes)
			assert_string_not_equal(clint_doc_text(acc, NULL),
			                        clint_doc_text(rej, NULL));
		/* pandoc's expected output reads as the accepted text */
		if (expected_words(g.gl_pathv[i], ".expected.md", want, sizeof(want)) ||
		    expected_words(g.gl_pathv[i], "_accept.native", want, sizeof(want))) {
			words(clint_doc_text(acc, NULL), got, sizeof(got));
			if (!strstr(want, "Str") && strcmp(got, want) != 0)
				fail_msg("%s: accepted words '%s', expected '%s'",
				         g.gl_pathv[i], got, want);
		}
		print_message("%s: %zu blocks, accept/reject %s\n", g.gl_pathv[i],
		              clint_doc_block_count(acc),
		              changes ? "differ" : "not compared");
		tested++;
		clint_doc_free(acc);
		clint_doc_free(rej);
		clint_diag_free(d);
	}
	globfree(&g);
	assert_true(tested > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings_and_paragraphs),
		cmocka_unit_test(test_numbered_lists),
		cmocka_unit_test(test_list_and_inline_variants),
		cmocka_unit_test(test_outline_numbered_headings),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_formula_limits),
		cmocka_unit_test(test_embedded_spreadsheet),
		cmocka_unit_test(test_embedded_spreadsheet_columns),
		cmocka_unit_test(test_embedded_sheet_style_families),
		cmocka_unit_test(test_embedded_spreadsheet_columns_budget),
		cmocka_unit_test(test_tree_memory),
		cmocka_unit_test(test_text_limit),
		cmocka_unit_test(test_notes_budget),
		cmocka_unit_test(test_annotation_budget),
		cmocka_unit_test(test_table_variants),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_master_page_headers_footers),
		cmocka_unit_test(test_tracked_changes_accept),
		cmocka_unit_test(test_tracked_changes_reject),
		cmocka_unit_test(test_tracked_changes_variants),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_annotation_and_heading_variants),
		cmocka_unit_test(test_annotation_ranges_by_name),
		cmocka_unit_test(test_tracked_changes_many_regions),
		cmocka_unit_test(test_deletion_shown_counted),
		cmocka_unit_test(test_detection),
		cmocka_unit_test(test_truncated_zip),
		cmocka_unit_test(test_missing_content),
		cmocka_unit_test(test_doctype_and_entities_refused),
		cmocka_unit_test(test_deep_nesting_refused),
		cmocka_unit_test(test_corrupt_and_encrypted_content),
		cmocka_unit_test(test_annotations_memory_limit),
		cmocka_unit_test(test_zip_bomb_refused),
		cmocka_unit_test(test_tag_attrs_refused),
		cmocka_unit_test(test_long_text_refused),
		cmocka_unit_test(test_doctype_in_utf16_refused),
		cmocka_unit_test(test_utf16_and_latin1_read),
		cmocka_unit_test(test_xml_attrs_counted),
		cmocka_unit_test(test_real_odt_fixtures),
	};

	return cmocka_run_group_tests_name("odt", tests, NULL, NULL);
}
