/*
 * test_html.c - HTML extraction (src/lib/extract/html.c and its detection
 * in extract.c): block structure, dropped and hidden content, character
 * references, encodings, tables, numbered lists, limits.
 */
#include "unit.h"

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>

#include "internal.h"
#include "extract/extract.h"

static clint_doc *html_rc(const char *name, const char *s, size_t len,
                          clint_input_format fmt, clint_diag *diag, int rc)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	int got;

	o.format = fmt;
	got = clint_doc_load_buffer(&doc, name, s, len, &o, diag);
	if (got != rc && diag)
		unit_diag_dump(diag);
	assert_int_equal(got, rc);
	if (rc == CLINT_OK)
		assert_int_equal(clint_doc_format(doc), CLINT_INPUT_HTML);
	else
		assert_null(doc);
	return doc;
}

static clint_doc *html(const char *s)
{
	return html_rc("t.html", s, strlen(s), CLINT_INPUT_AUTO, NULL, CLINT_OK);
}

static void assert_block(const clint_doc *doc, size_t i, clint_block_type type,
                         unsigned level, const char *text)
{
	clint_block b;

	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	unit_assert_slice(doc, b.start, b.end, text);
	/* segment.c reads a short title-like block as a heading: allowed */
	if (b.type == CLINT_BLOCK_HEADING && type != CLINT_BLOCK_HEADING)
		type = CLINT_BLOCK_HEADING;
	if (b.type != type || b.level != level || b.paragraph != i + 1)
		fail_msg("block %zu '%s': type %d level %u paragraph %u, expected "
		         "%d %u %zu",
		         i, text, (int)b.type, b.level, b.paragraph, (int)type, level,
		         i + 1);
}

static void test_blocks(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<!DOCTYPE html>\n<html><head><title>Ignored title</title>"
	           "</head><body>\n"
	           "<h1>Master  Services\n<b>Agreement</b></h1>\n"
	           "<p>The Supplier <em>shall</em> provide the\n   Services."
	           "<br>On a new line.</p>\n"
	           "<div>Loose text in a div <span>and a span</span>"
	           "<p>with a paragraph inside</p>after it.</div>"
	           "<h3>Definitions in this Agreement</h3>"
	           "<blockquote>A quoted clause of the agreement text.</blockquote>"
	           "<pre>  keep   this\n  layout</pre>"
	           "<dl><dt>Term</dt><dd>the period of the agreement</dd></dl>"
	           "<section><article>In an article of a section.</article>"
	           "</section>Trailing body text.</body></html>");
	assert_int_equal(clint_doc_block_count(doc), 12);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1, "Master Services Agreement");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0,
	             "The Supplier shall provide the Services.\nOn a new line.");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0,
	             "Loose text in a div and a span");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "with a paragraph inside");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "after it.");
	assert_block(doc, 5, CLINT_BLOCK_HEADING, 3, "Definitions in this Agreement");
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, 0,
	             "A quoted clause of the agreement text.");
	assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "  keep   this\n  layout");
	assert_block(doc, 8, CLINT_BLOCK_PARAGRAPH, 0, "Term");
	assert_block(doc, 9, CLINT_BLOCK_PARAGRAPH, 0, "the period of the agreement");
	assert_block(doc, 10, CLINT_BLOCK_PARAGRAPH, 0,
	             "In an article of a section.");
	/* text after the last block element is a block of its own */
	assert_block(doc, 11, CLINT_BLOCK_PARAGRAPH, 0, "Trailing body text.");
	clint_doc_free(doc);
}

static void test_dropped_and_hidden(void **state)
{
	clint_doc *doc;
	const char *t;

	(void)state;
	doc = html("<html><head><style>p { color: red }</style>"
	           "<script>var secret = 'script text';</script></head><body>"
	           "<p>Visible clause one.</p>"
	           "<script>document.write('also script')</script>"
	           "<noscript>enable javascript</noscript>"
	           "<template><p>template text</p></template>"
	           "<p hidden>hidden attribute</p>"
	           "<p style=\"color: red; DISPLAY : none\">display none</p>"
	           "<p style=\"display:block;display:none !important\">last</p>"
	           "<span style=\"visibility:hidden\">visibility hidden</span>"
	           "<!-- a comment -->"
	           "<p aria-hidden=\"false\">Visible clause two.</p>"
	           "</body></html>");
	t = clint_doc_text(doc, NULL);
	assert_string_equal(t, "Visible clause one.\nVisible clause two.");
	clint_doc_free(doc);
	/* what a browser shows, though a rule of thumb read it as hidden:
	 * aria-hidden (for screen readers only), the hidden attribute under
	 * display:block, display:none as part of a longer property or of a
	 * value, a child made visible again */
	doc = html("<p>One.</p>"
	           "<div aria-hidden=\"true\">Two.</div>"
	           "<p hidden style=\"display: block\">Three.</p>"
	           "<p style=\"x-display:none\">Four.</p>"
	           "<p style=\"font-family:'display:none'\">Five.</p>"
	           "<div style=\"visibility:hidden\">not this<p style=\"visibility:"
	           "visible\">Six.</p>nor this</div>"
	           "<ul><li style=\"visibility:hidden\">no <b style=\"visibility:"
	           "visible\">Seven.</b></li></ul>");
	t = clint_doc_text(doc, NULL);
	assert_string_equal(t, "One.\nTwo.\nThree.\nFour.\nFive.\nSix.\nSeven.");
	clint_doc_free(doc);
}

static void test_character_references(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<p>Caf&eacute; &amp; Bar&nbsp;Ltd &#8220;Client&#x201D; "
	           "&lt;tag&gt; &euro;5 &copy;</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Caf\xC3\xA9 & Bar\xC2\xA0Ltd \xE2\x80\x9C" "Client"
	                    "\xE2\x80\x9D <tag> \xE2\x82\xAC" "5 \xC2\xA9");
	clint_doc_free(doc);
}

static void test_encodings(void **state)
{
	static const char cp1252[] =
		"<html><head><meta charset=\"windows-1252\"></head><body>"
		"<p>Caf\xE9 \x93quoted\x94 \x80" "5</p></body></html>";
	static const char cp1252_http[] =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=windows-1252\"></head><body><p>na\xEFve \x96 dash</p>"
		"</body></html>";
	static const char bom[] =
		"\xEF\xBB\xBF<p>Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D</p>";
	static const char *const labels[] = {
		"ANSI_X3.4-1968", "ISO_8859-1:1987", "iso88591", "csisolatin1",
		"iso-ir-100", "IBM819",
	};
	clint_doc *doc;
	size_t i;

	(void)state;
	doc = html_rc("a.html", cp1252, sizeof(cp1252) - 1, CLINT_INPUT_AUTO, NULL,
	              CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D "
	                    "\xE2\x82\xAC" "5");
	clint_doc_free(doc);
	doc = html_rc("b.htm", cp1252_http, sizeof(cp1252_http) - 1,
	              CLINT_INPUT_AUTO, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "na\xC3\xAFve \xE2\x80\x93 dash");
	clint_doc_free(doc);
	/* a UTF-8 BOM without any meta */
	doc = html_rc("c.html", bom, sizeof(bom) - 1, CLINT_INPUT_HTML, NULL,
	              CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
	clint_doc_free(doc);
	/* the other labels a browser reads as Windows-1252: ASCII's refused
	 * the page, ISO-8859-1's made the apostrophe a control, IBM819 was
	 * refused as EBCDIC */
	for (i = 0; i < ARRAY_LEN(labels); i++) {
		char page[160];

		snprintf(page, sizeof(page),
		         "<html><head><meta charset=\"%s\"></head><body>"
		         "<p>Supplier\x92s fee</p></body></html>",
		         labels[i]);
		doc = html_rc("d.html", page, strlen(page), CLINT_INPUT_AUTO, NULL,
		              CLINT_OK);
		assert_string_equal(clint_doc_text(doc, NULL),
		                    "Supplier\xE2\x80\x99s fee");
		clint_doc_free(doc);
	}
}

static void test_tables(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<table><caption>Service levels and their targets</caption>"
	           "<thead><tr><th>Service</th><th>Target</th></tr></thead>"
	           "<tbody><tr><td>Availability</td><td><p>99.9%</p>"
	           "<p>per month</p></td></tr>"
	           "<tr><td colspan=\"2\">Credits apply</td></tr></tbody></table>");
	assert_int_equal(clint_doc_block_count(doc), 7);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	             "Service levels and their targets");
	assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, "Service");
	assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, "Target");
	assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0, "Availability");
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, "99.9%");
	assert_block(doc, 5, CLINT_BLOCK_TABLE_CELL, 0, "per month");
	assert_block(doc, 6, CLINT_BLOCK_TABLE_CELL, 0, "Credits apply");
	/* a row starts at its first cell (a cell's paragraphs are blocks of
	 * the same row) */
	unit_assert_rows(doc, ".RcRccR");
	clint_doc_free(doc);
	/* an empty first cell: the row starts at its next cell */
	doc = html("<table><tr><td>Monthly</td><td>EUR 1,000</td></tr>"
	           "<tr><td> </td><td>Annually</td><td>EUR 9,000</td></tr>"
	           "</table><p>After.</p><table><tr><td>New</td></tr></table>");
	unit_assert_rows(doc, "RcRc.R");
	clint_doc_free(doc);
	/* a list in a cell: the cell after it stays in its row; after a
	 * nested table, the outer row goes on apart */
	doc = html("<table><tr><td><ul><li>Support</li></ul></td><td>EUR 2,000"
	           "</td></tr><tr><td>C</td><td><table><tr><td>N1</td><td>N2"
	           "</td></tr></table></td><td>D</td></tr></table>");
	unit_assert_rows(doc, ".cRRcR");
	clint_doc_free(doc);
	/* cells outside any tr are a row */
	doc = html("<p>Before.</p><table><td>A</td><td>B</td></table>");
	unit_assert_rows(doc, ".Rc");
	clint_doc_free(doc);
}

static void test_lists(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<ol><li>Service Credits apply as set out below"
	           "<ol type=\"a\"><li>first level of credits</li>"
	           "<li>second level of credits</li></ol></li>"
	           "<li><p>Fees are payable monthly</p><p>in arrears</p></li></ol>"
	           "<ol start=\"7\"><li>seventh clause of the agreement</li>"
	           "<li value=\"10\">tenth clause of the agreement</li>"
	           "<li>eleventh clause of the agreement</li></ol>"
	           "<ol type=\"I\" start=\"3\"><li>roman three</li></ol>"
	           "<ol reversed><li>counted down two</li>"
	           "<li>counted down one</li></ol>"
	           "<ul><li>a bullet item of the agreement</li></ul>");
	assert_block(doc, 0, CLINT_BLOCK_LIST_ITEM, 1,
	             "1. Service Credits apply as set out below");
	assert_block(doc, 1, CLINT_BLOCK_LIST_ITEM, 2, "a. first level of credits");
	assert_block(doc, 2, CLINT_BLOCK_LIST_ITEM, 2, "b. second level of credits");
	assert_block(doc, 3, CLINT_BLOCK_LIST_ITEM, 1, "2. Fees are payable monthly");
	assert_block(doc, 4, CLINT_BLOCK_LIST_ITEM, 1, "in arrears");
	assert_block(doc, 5, CLINT_BLOCK_LIST_ITEM, 1,
	             "7. seventh clause of the agreement");
	assert_block(doc, 6, CLINT_BLOCK_LIST_ITEM, 1,
	             "10. tenth clause of the agreement");
	assert_block(doc, 7, CLINT_BLOCK_LIST_ITEM, 1,
	             "11. eleventh clause of the agreement");
	assert_block(doc, 8, CLINT_BLOCK_LIST_ITEM, 1, "III. roman three");
	assert_block(doc, 9, CLINT_BLOCK_LIST_ITEM, 1, "2. counted down two");
	assert_block(doc, 10, CLINT_BLOCK_LIST_ITEM, 1, "1. counted down one");
	assert_block(doc, 11, CLINT_BLOCK_LIST_ITEM, 1,
	             "a bullet item of the agreement");
	clint_doc_free(doc);
}

/* Lower roman, letters past z (and upper), roman past 3999, a start that
 * is not a number or out of range, a reversed list with text nodes
 * between its items, a <menu>, and items hidden by style. */
static void test_list_variants(void **state)
{
	clint_doc *doc;
	const char *t;

	(void)state;
	doc = html("<ol type=\"i\" start=\"4\"><li>roman four of them</li></ol>"
	           "<ol type=\"a\" start=\"27\"><li>after the letter z</li></ol>"
	           "<ol type=\"A\" start=\"52\"><li>upper after letter Z</li></ol>"
	           "<ol type=\"I\" start=\"4000\"><li>past the roman range</li></ol>"
	           "<ol start=\"x7\"><li>start that is no number</li></ol>"
	           "<ol start=\"99999999\"><li>start out of range</li></ol>"
	           "<ol reversed> <li>second from the end</li> text "
	           "<li>last of the reversed</li></ol>"
	           "<menu><li>a menu entry of the agreement</li></menu>"
	           "<ul><li style=\"display: none\">hidden entry</li>"
	           "<li style=\"VISIBILITY:hidden\">invisible entry</li>"
	           "<li style=\"color:red\">visible entry of the list</li></ul>");
	t = clint_doc_text(doc, NULL);
	unit_offset(doc, "iv. roman four of them");
	unit_offset(doc, "aa. after the letter z");
	unit_offset(doc, "AZ. upper after letter Z");
	unit_offset(doc, "4000. past the roman range");
	unit_offset(doc, "1. start that is no number");
	unit_offset(doc, "1. start out of range");
	unit_offset(doc, "2. second from the end");
	unit_offset(doc, "1. last of the reversed");
	unit_offset(doc, "a menu entry of the agreement");
	unit_offset(doc, "visible entry of the list");
	assert_null(strstr(t, "hidden entry"));
	assert_null(strstr(t, "invisible entry"));
	clint_doc_free(doc);
}

static char *nested(size_t n, const char *open, const char *close)
{
	size_t len = n * (strlen(open) + strlen(close)) + 64;
	char *s = malloc(len), *p = s;
	size_t i;

	assert_non_null(s);
	p += sprintf(p, "<html><body>");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", open);
	p += sprintf(p, "deep text");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", close);
	sprintf(p, "</body></html>");
	return s;
}

static void test_deep_nesting(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc;
	char *s;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	s = nested(200, "<div>", "</div>");
	doc = html_rc("ok.html", s, strlen(s), CLINT_INPUT_AUTO, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "deep text");
	clint_doc_free(doc);
	free(s);
	s = nested(5000, "<span>", "</span>");
	html_rc("deep.html", s, strlen(s), CLINT_INPUT_AUTO, d, CLINT_ELIMIT);
	assert_true(unit_diag_find(d, "nested deeper than") >= 0);
	free(s);
	clint_diag_free(d);
}

/* libxml2 takes a NUL after a tag, inside one, or a U+0000 of a UTF-16
 * page for the end of its input, with no error: the rest of the page was
 * lost, one byte hiding the contract a browser shows. Refused. */
static void test_nul_refused(void **state)
{
	static const char *const pages[] = {
		"<html><body><p>Fees.</p>\0<p>The Supplier may raise its fees.</p>",
		"<html><body><p \0>Fees.</p><p>The Supplier may raise fees.</p>",
		"<html><body><p>Fees.</p\0><p>The Supplier may raise fees.</p>",
	};
	static const char u16[] = "\xff\xfe<\0p\0>\0\0\0<\0/\0p\0>\0";
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	for (i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
		/* the bytes up to the second "<p" are the same whole */
		size_t len = strlen(pages[i]) + 1 + strlen(pages[i] +
		                                            strlen(pages[i]) + 1);
		html_rc("nul.html", pages[i], len, CLINT_INPUT_HTML, d, CLINT_EFORMAT);
		assert_true(unit_diag_find(d, "a NUL character, where the HTML "
		                              "parser stops: refused") >= 0);
		clint_diag_clear(d);
	}
	html_rc("nul16.html", u16, sizeof(u16) - 1, CLINT_INPUT_HTML, d,
	        CLINT_EFORMAT);
	assert_true(unit_diag_find(d, "a NUL character") >= 0);
	clint_diag_free(d);
	/* NULs and white space padding the end: nothing is lost, read */
	doc = html_rc("pad.html", "<p>Fees.</p></html>\0 \0\n", 23,
	              CLINT_INPUT_HTML, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "Fees.");
	clint_doc_free(doc);
}

/* "<!-->" and "<!--->" are empty comments to a browser; libxml2 2.9 ran
 * them to the next "-->", and the text between, shown by a browser, was
 * lost. A tag that they hid still counts against the attribute limit. */
static void test_empty_comments(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	int i;

	(void)state;
	doc = html("<p>Fees<!--> are fixed<!---> for<!----> three years."
	           "<!-- a real one --></p><p>Then indexed.</p><!-->");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Fees are fixed for three years.\nThen indexed.");
	clint_doc_free(doc);
	/* inside a comment, its "-->" still ends that comment */
	doc = html("<p>A<!-- x <!--> B</p><!-- y <!---> <p>C</p>");
	assert_string_equal(clint_doc_text(doc, NULL), "A B\nC");
	clint_doc_free(doc);
	assert_int_equal(clint_buf_puts(&b, "<!--><p"), CLINT_OK);
	for (i = 0; i < CLINT_MAX_ATTRS + 1; i++)
		assert_int_equal(clint_buf_printf(&b, " a%d", i), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, ">x</p><!-- -->"), CLINT_OK);
	html_rc("attrs.html", b.data, b.len, CLINT_INPUT_HTML, NULL, CLINT_ELIMIT);
	clint_buf_free(&b);
}

static void test_detection(void **state)
{
	static const char xhtml[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- generated -->\n"
		"<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
		"<p>XHTML &amp; more</p></body></html>";
	static const char doctype[] = "  \n<!doctype HTML><p>Sniffed</p>";
	static const char plain[] = "<p> in a text file is not enough</p>";
	clint_doc *doc;

	(void)state;
	doc = html_rc("page.xhtml.txt", xhtml, sizeof(xhtml) - 1,
	              CLINT_INPUT_AUTO, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "XHTML & more");
	clint_doc_free(doc);
	doc = html_rc("notes.txt", doctype, sizeof(doctype) - 1, CLINT_INPUT_AUTO,
	              NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "Sniffed");
	clint_doc_free(doc);
	doc = unit_doc_n("notes.txt", plain, sizeof(plain) - 1, CLINT_INPUT_AUTO,
	                 NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_TEXT);
	clint_doc_free(doc);
	/* a BOM, a prefixed XHTML root, <html> right after the prolog */
	doc = html_rc("a.txt", "\xEF\xBB\xBF<x:html xmlns:x=\"http://www.w3.org/"
	              "1999/xhtml\"><x:body><x:p>Prefixed root</x:p></x:body>"
	              "</x:html>", 100, CLINT_INPUT_AUTO, NULL, CLINT_OK);
	unit_offset(doc, "Prefixed root");
	clint_doc_free(doc);
	doc = html_rc("b.txt", "<?pi x?><html><p>After a PI</p></html>", 38,
	              CLINT_INPUT_AUTO, NULL, CLINT_OK);
	unit_offset(doc, "After a PI");
	clint_doc_free(doc);
	/* not HTML: an unclosed comment, a prefix that is not html, <htmlx> */
	doc = unit_doc_n("c.txt", "<!-- never closed", 17, CLINT_INPUT_AUTO, NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_TEXT);
	clint_doc_free(doc);
	doc = unit_doc_n("d.txt", "<x:htmlx>words</x:htmlx>", 24, CLINT_INPUT_AUTO,
	                 NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_TEXT);
	clint_doc_free(doc);
	doc = unit_doc_n("e.txt", "<htmlx>words", 12, CLINT_INPUT_AUTO, NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_TEXT);
	clint_doc_free(doc);
	/* a .html name decides even without markup */
	doc = html_rc("x.HTM", "just words", 10, CLINT_INPUT_AUTO, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "just words");
	clint_doc_free(doc);
}

/* An application's own libxml2 handlers: they count what reaches them. */
static void app_serror(void *userdata, xmlErrorPtr err)
{
	(void)err;
	(*(int *)userdata)++;
}

static void app_gerror(void *userdata, const char *msg, ...)
{
	(void)msg;
	(*(int *)userdata)++;
}

/* "<" in UCS-4: libxml2 takes that encoding from the first four bytes,
 * then fails to convert the rest and says so outside any parser context
 * ("encoding error : input conversion failed", on stderr by default). */
static const unsigned char ucs4[] = {'<', 0, 0, 0, 0, 0,    0,
                                     0,   0, 0, 0, 14, '(', 'n'};

static void test_quiet_xml_errors(void **state)
{
	clint_xml_quiet q;
	clint_doc *doc = NULL;
	clint_diag *diag = NULL;
	xmlDocPtr x;
	int app = 0;

	(void)state;
	xmlSetStructuredErrorFunc(&app, app_serror);
	xmlSetGenericErrorFunc(&app, app_gerror);
	/* between begin and end, those errors are counted, not passed on */
	clint_xml_quiet_begin(&q);
	x = xmlReadMemory((const char *)ucs4, (int)sizeof(ucs4), "t.xml", NULL,
	                  XML_PARSE_NONET | XML_PARSE_NOERROR |
	                      XML_PARSE_NOWARNING);
	xmlFreeDoc(x);
	clint_xml_quiet_end(&q);
	assert_true(q.errors > 0);
	assert_int_equal(app, 0);
	/* the application's handlers are back */
	assert_true(xmlStructuredError == app_serror);
	assert_ptr_equal(xmlStructuredErrorContext, &app);
	assert_true(xmlGenericError == app_gerror);
	assert_ptr_equal(xmlGenericErrorContext, &app);
	/* the HTML extractor parses inside such a bracket: the input is
	 * refused or read, and nothing reaches the application */
	assert_int_equal(clint_doc_alloc(&doc, "t.html"), CLINT_OK);
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	(void)clint_extract_html(doc, ucs4, sizeof(ucs4), diag);
	assert_int_equal(app, 0);
	assert_true(xmlStructuredError == app_serror);
	assert_true(xmlGenericError == app_gerror);
	clint_doc_free(doc);
	clint_diag_free(diag);
	/* and the errors do reach them outside the bracket */
	x = xmlReadMemory((const char *)ucs4, (int)sizeof(ucs4), "t.xml", NULL,
	                  XML_PARSE_NONET | XML_PARSE_NOERROR |
	                      XML_PARSE_NOWARNING);
	xmlFreeDoc(x);
	assert_true(app > 0);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
}

/* The nodes of the tree are counted while libxml2 builds it, after the
 * input is decoded: elements with their attributes, runs of text,
 * comments, processing instructions; past the limit the parser stops. */
static void test_xml_count(void **state)
{
	static const char html[] =
		"<html><body><p a b=\"1\" c='2'>x</p><!-- c --><p>y<br>z</p>"
		"</body></html>";
	/* the same in EBCDIC (IBM037), where "<" is byte 0x4C: a count of
	 * raw bytes sees no tag, the parser sees them all */
	static const unsigned char ebcdic_p[] = {0x4C, 0x97, 0x6E, 0x81};
	static const char head[] = "<html><head><meta charset=\"IBM037\">"
	                           "</head><body>";
	clint_xml_count count;
	htmlParserCtxtPtr pctx;
	htmlDocPtr hdoc;
	xmlSAXHandler orig;
	char buf[sizeof(head) + 100 * sizeof(ebcdic_p)];
	size_t limit, i, all = 0;

	(void)state;
	clint_xml_init();
	for (limit = 1; limit <= 40; limit++) {
		pctx = htmlNewParserCtxt();
		assert_non_null(pctx);
		orig = *pctx->sax;
		clint_xml_count_begin(&count, pctx, limit);
		hdoc = htmlCtxtReadMemory(pctx, html, (int)strlen(html), "t.html",
		                          NULL, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		                                    HTML_PARSE_NOWARNING);
		/* the parser's own callbacks again, and no pointer to `count`
		 * (HTML_PARSE_NOWARNING took `warning` away) */
		clint_xml_count_end(&count, pctx);
		assert_ptr_equal(pctx->sax->startElement, orig.startElement);
		assert_ptr_equal(pctx->sax->characters, orig.characters);
		assert_ptr_equal(pctx->sax->ignorableWhitespace,
		                 orig.ignorableWhitespace);
		assert_ptr_equal(pctx->sax->cdataBlock, orig.cdataBlock);
		assert_ptr_equal(pctx->sax->comment, orig.comment);
		assert_ptr_equal(pctx->sax->processingInstruction,
		                 orig.processingInstruction);
		assert_ptr_equal(pctx->sax->reference, orig.reference);
		assert_ptr_equal(pctx->sax->internalSubset, orig.internalSubset);
		assert_null(pctx->_private);
		if (limit == 40)
			all = count.nodes;
		assert_int_equal(count.over, count.nodes > limit);
		assert_true(count.nodes <= limit + 4);  /* one start tag at most */
		xmlFreeDoc(hdoc);
		htmlFreeParserCtxt(pctx);
	}
	/* html, body, p + 3 attributes, x, comment, p, y, br, z */
	assert_int_equal(all, 12);
	memcpy(buf, head, sizeof(head) - 1);
	for (i = 0; i < 100; i++)
		memcpy(buf + sizeof(head) - 1 + i * sizeof(ebcdic_p), ebcdic_p,
		       sizeof(ebcdic_p));
	pctx = htmlNewParserCtxt();
	assert_non_null(pctx);
	clint_xml_count_begin(&count, pctx, 50);
	hdoc = htmlCtxtReadMemory(pctx, buf, (int)(sizeof(buf) - 1), "t.html",
	                          NULL, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                                    HTML_PARSE_NOWARNING);
	assert_int_equal(count.over, 1);
	xmlFreeDoc(hdoc);
	htmlFreeParserCtxt(pctx);
}

/* Form controls show what a browser shows in them: the option a
 * drop-down list displays (every option of a list box, with its groups'
 * labels), a textarea's text, a text input's value; none of it was read
 * (a payment term chosen in a <select> was lost). */
static void test_form_controls(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<p>Payment is due within <select name=\"d\"><option>30 days"
	           "</option><option selected>120 days</option></select>of the "
	           "invoice.</p>"
	           "<p>Billing: <select><option disabled>none</option>"
	           "<optgroup label=\"g\" disabled><option>weekly</option>"
	           "</optgroup><option>monthly</option></select></p>"
	           "<p>Last selected: <select><option selected>one</option>"
	           "<option selected>two</option></select></p>"
	           "<p>Label: <select><option label=\"annual\">yr</option>"
	           "</select></p>"
	           "<p>None: <select><option disabled>x</option></select>end</p>"
	           "<p>Services: <select multiple><option>Hosting</option>"
	           "<optgroup label=\"Support\"><option>Level 1</option>"
	           "<option hidden>Secret</option></optgroup><option label="
	           "\"Backup\">bk</option></select></p>"
	           "<p>Box: <select size=\"2\"><option>a</option><option>b"
	           "</option></select></p>"
	           "<p>Notes:<textarea>\nThe Supplier may   charge\nfees."
	           "</textarea></p>"
	           "<p>Fee <input value=\"5%\"> and<input type=hidden value=\"h\">"
	           "<input type=password value=\"pw\"><input type=checkbox "
	           "value=\"c\"><input type=\"Number\" value=\"30\"><input "
	           "type=\"future\" value=\"new type\"><input value=\"\"></p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Payment is due within 120 days of the invoice.\n"
	                    "Billing: monthly\n"
	                    "Last selected: two\n"
	                    "Label: annual\n"
	                    "None: end\n"
	                    "Services: Hosting\nSupport\nLevel 1\nBackup\n"
	                    "Box: a\nb\n"
	                    "Notes: The Supplier may   charge\nfees.\n"
	                    "Fee 5% and 30 new type");
	clint_doc_free(doc);
	/* what a helper's review found read otherwise than Chromium shows
	 * it: a datalist is never shown; options libxml2 nests in other
	 * elements or groups are the select's; a hidden option selected is
	 * shown, and hidden markup in an option; a number or date field shows
	 * only a valid value; a list box leaves out an invisible option */
	doc = html("<p>A <datalist><option>never</option></datalist> B</p>"
	           "<p>C <select><option>First</option><span><option selected>"
	           "Spanned</option></span></select> D</p>"
	           "<p>E <select><div><option>In a div</option></div></select></p>"
	           "<p>F <select><optgroup label=\"g1\"><optgroup label=\"g2\">"
	           "<option>Nested</option></optgroup></optgroup></select></p>"
	           "<p>G <select><option>x</option><option hidden selected>"
	           "Hidden selected</option></select></p>"
	           "<p>H <select><option>Pay <span hidden>NOT </span>100</option>"
	           "</select></p>"
	           "<p>I <input type=\"number\" value=\"30 days\"><input "
	           "type=\"number\" value=\"-1.5e3\"><input type=\"date\" "
	           "value=\"2026-13-01\"><input type=\"date\" value=\"2026-12-04\">"
	           "<input type=\"time\" value=\"23:59:30.5\"><input type=\"week\" "
	           "value=\"2026-W54\"><input type=\"datetime-local\" value="
	           "\"2026-12-04T09:30\"></p>"
	           "<p>J <select multiple><option style=\"visibility:hidden\">"
	           "unseen</option><option>seen</option></select></p>"
	           "<p>K <input type=number value=1e400><input type=date value="
	           "2023-02-30><input type=date value=2024-02-29><input type=date "
	           "value=0000-01-01><input type=week value=2021-W53><input "
	           "type=week value=2026-W53></p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "A B\nC Spanned D\nE In a div\nF Nested\n"
	                    "G Hidden selected\nH Pay NOT 100\n"
	                    "I -1.5e3 2026-12-04 23:59:30.5 2026-12-04T09:30\n"
	                    "J seen\nK 2024-02-29 2026-W53");
	clint_doc_free(doc);
	/* an unclosed select ends at an input, and the page goes on (libxml2
	 * put the rest of it in the select: all of it was lost) */
	doc = html("<p>Term: <select><option>Alpha</option><option>Beta</option>"
	           "<input type=\"hidden\"><p>The Supplier shall pay a service "
	           "credit.</p><p>Second clause.</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Term: Alpha\nThe Supplier shall pay a service "
	                    "credit.\nSecond clause.");
	clint_doc_free(doc);
}

/* Inline SVG: the text of its <text> elements is drawn, nothing else of
 * it (<desc>, <defs>, display="none", visibility); <foreignObject> holds
 * the page's content. An HTML tag ends the SVG content where a browser's
 * parser does, so that an unclosed <svg> does not hide the rest of the
 * page (it hid everything after it). */
static void test_svg(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<p>Before.</p><svg width=\"400\"><title>tip</title>"
	           "<desc>description</desc><defs><text id=\"t\">defined</text>"
	           "</defs>stray<text x=\"0\">Liability is <tspan>unlimited"
	           "</tspan>.</text><text display=\"none\">not drawn</text>"
	           "<text style=\"display:none\">nor this</text>"
	           "<text visibility=\"hidden\">hidden <tspan visibility=\"visible\">"
	           "shown</tspan></text><g><text>one</text><text>two</text></g>"
	           "<foreignObject><p>Foreign paragraph.</p></foreignObject></svg>"
	           "<p>After.</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Before.\nLiability is unlimited. shown one two\n"
	                    "Foreign paragraph.\nAfter.");
	clint_doc_free(doc);
	/* unclosed, and ended by a <p> deep inside: the rest is the page's */
	doc = html("<p>Before.</p><svg><g><text>drawn</text>not drawn"
	           "<p>Broke out.</p>shown</g>also shown</svg><p>After.</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Before.\ndrawn\nBroke out.\nshownalso shown\nAfter.");
	clint_doc_free(doc);
	doc = html("<p>Before.</p><svg><text>drawn</text>\n"
	           "<p>The Supplier shall pay a service credit.</p>"
	           "<div>The rest of the agreement.</div>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Before.\ndrawn\nThe Supplier shall pay a service "
	                    "credit.\nThe rest of the agreement.");
	clint_doc_free(doc);
	/* an SVG in a foreignObject ends there, back in the foreignObject */
	doc = html("<svg><foreignObject><svg><text>inner</text><p>out</p>"
	           "</svg>html</foreignObject>not drawn</svg>");
	assert_string_equal(clint_doc_text(doc, NULL), "inner\nout\nhtml");
	clint_doc_free(doc);
	/* what a helper's review found read otherwise than Chromium shows
	 * it: <desc> is HTML but not drawn (a <p> in it does not end the
	 * SVG); nothing under <defs> is drawn, form controls and formulas
	 * neither; a hidden or undrawn SVG element still ends at an HTML tag,
	 * and what follows shows (an unclosed <svg hidden> hid the page);
	 * at the end the page's visibility goes on, both ways; a <switch>
	 * draws its first child; visibility="collapse" hides */
	doc = html("<p>Start</p><svg><desc><p>described</p></desc><defs>"
	           "<foreignObject><input value=\"in\"><select><option>opt"
	           "</option></select><textarea>ta</textarea><math><mi>m</mi>"
	           "</math></foreignObject></defs><switch><text>first</text>"
	           "<text>second</text></switch><text visibility=\"collapse\">"
	           "collapsed</text></svg><p>End</p>");
	assert_string_equal(clint_doc_text(doc, NULL), "Start\nfirst\nEnd");
	clint_doc_free(doc);
	doc = html("<p>Start</p><svg style=\"display:none\"><text>not drawn"
	           "</text><p>Clause after a hidden svg.</p>More.");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Start\nClause after a hidden svg.\nMore.");
	clint_doc_free(doc);
	/* the hidden attribute is HTML's: SVG elements ignore it */
	doc = html("<svg><text hidden>A</text></svg><svg hidden><text>B</text>"
	           "</svg>");
	assert_string_equal(clint_doc_text(doc, NULL), "A B");
	clint_doc_free(doc);
	/* deep in an SVG, left out or not (the parse keeps all its text) */
	{
		char page[1024], *p = page;
		int i;

		p = stpcpy(p, "<p>Before.</p><svg>");
		for (i = 0; i < 40; i++)
			p = stpcpy(p, "<g>");
		stpcpy(p, "<g style=\"display:none\"><noscript><p>Clause one.</p>"
		          "<p>Clause two.</p>");
		doc = html(page);
		assert_string_equal(clint_doc_text(doc, NULL),
		                    "Before.\nClause one.\nClause two.");
		clint_doc_free(doc);
	}
	doc = html("<p>Start</p><svg><noscript><p>Broke out of noscript.</p>"
	           "</noscript></svg><p>End</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Start\nBroke out of noscript.\nEnd");
	clint_doc_free(doc);
	doc = html("<p>Start</p><div style=\"visibility:hidden\"><svg "
	           "visibility=\"visible\"><b>hidden again</b> after</svg></div>"
	           "<svg><g visibility=\"hidden\"><g><b>Shown</b></g> tail</g>"
	           "</svg><p>End</p>");
	assert_string_equal(clint_doc_text(doc, NULL), "Start\nShown tail\nEnd");
	clint_doc_free(doc);
}

/* An <object> without data shows its fallback content; with data, or a
 * type (Chromium shows an empty box), it is not read, and a note says
 * so. */
static void test_object_fallback(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc;
	static const char page[] =
		"<p><object>Fallback clause.</object></p>"
		"<p><object data=\"x.png\">Not shown.</object>Text.</p>"
		"<p><object data=\"  \">Shown.</object></p>"
		"<p><object type=\"application/pdf\">Typed.</object></p>"
		"<p><object type=\"application/x-unknown\">Unknown type.</object>"
		"</p>";

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = html_rc("t.html", page, sizeof(page) - 1, CLINT_INPUT_HTML, d,
	              CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Fallback clause.\nText.\nShown.\nUnknown type.");
	unit_diag_at(d, "fallback text of 2 <object>", CLINT_DIAG_NOTE);
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* The page's tree is charged to the document's budget while it is read
 * (20,000 elements: 3.2 MB), and given back after: past a 1 MiB limit
 * the page is refused with one error naming it (3,900,000 elements took
 * 695 MB under --max-doc-memory 64); at 16 MiB it is read, and the budget
 * holds only the document's own tables. Text and attribute values are
 * charged too. */
static void test_tree_memory(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	size_t n = 20000, i, len;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	char *page = malloc((size_t)3 << 20), *p;  /* the largest, 2 MB */

	(void)state;
	assert_non_null(page);
	p = stpcpy(page, "<p>Start");
	for (i = 0; i < n; i++)
		p = stpcpy(p, "<i></i>");
	stpcpy(p, " end</p>");
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	o.format = CLINT_INPUT_HTML;
	o.max_doc_memory = (size_t)1 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.html", page, strlen(page),
	                                       &o, d),
	                 CLINT_ELIMIT);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);
	assert_string_equal(unit_diag_at(d, "more memory", CLINT_DIAG_ERROR).message,
	                    "more memory to parse than the document memory limit "
	                    "of 1 MiB allows (--max-doc-memory): refused");
	o.max_doc_memory = (size_t)16 << 20;
	assert_int_equal(clint_doc_load_buffer(&doc, "t.html", page, strlen(page),
	                                       &o, NULL),
	                 CLINT_OK);
	assert_string_equal(clint_doc_text(doc, &len), "Start end");
	assert_true(doc->mem.used < ((size_t)64 << 10));
	clint_doc_free(doc);
	/* 2 MB of attribute values on a few elements, of text, of comments */
	for (i = 0; i < 3; i++) {
		size_t k;

		p = stpcpy(page, i == 0 ? "<p title=\"" : i == 1 ? "<p>" : "<p><!--");
		for (k = 0; k < ((size_t)2 << 20) / 8; k++)
			p = stpcpy(p, "xx xx xx");
		stpcpy(p, i == 0 ? "\">Short.</p>" : i == 1 ? "</p>" : "-->A.</p>");
		clint_diag_clear(d);
		o.max_doc_memory = (size_t)1 << 20;
		assert_int_equal(clint_doc_load_buffer(&doc, "t.html", page,
		                                       strlen(page), &o, d),
		                 CLINT_ELIMIT);
		unit_diag_at(d, "more memory to parse", CLINT_DIAG_ERROR);
	}
	clint_diag_free(d);
	free(page);
}

/* A paragraph of CLINT_XML_MAX_TEXT characters is read whole, and what
 * follows it; one more is refused: libxml2 stops the parser there, and the
 * rest of the page was lost without a word (exit 0, a 20 MB paragraph read
 * as its first 10 MB). Entities split a run into pieces libxml2 joins.
 * A longer script is read: its content is not kept. */
static void test_long_text_refused(void **state)
{
	static const struct {
		const char *open, *close;
	} left_out[] = {
		{"<html><body><p>A</p><script>", "</script>"},
		{"<html><head><title>T", "</title></head><body><p>A</p>"},
		{"<html><head><title>T", "<body><p>A</p>"},
		{"<p>A</p><p hidden>", ""},
		{"<p>A</p><div style=\"display: none\">", "</div>"},
		{"<p>A</p><noscript>", "</noscript>"},
		{"<p>A</p><ol><li hidden>", "</ol>"},
		{"<p>A</p><iframe>", "</iframe>"},
	};
	static const char head[] = "<html><body><p>";
	static const char tail[] = "</p><p>END</p></body></html>";
	char *big = malloc(sizeof(head) + CLINT_XML_MAX_TEXT / 50 * 4 +
	                   CLINT_XML_MAX_TEXT + 16 + sizeof(tail));
	const char *text;
	clint_doc *doc;
	size_t n, i, k, len;
	int amp;

	(void)state;
	assert_non_null(big);
	for (amp = 0; amp <= 1; amp++) {
		for (n = CLINT_XML_MAX_TEXT; n <= CLINT_XML_MAX_TEXT + 1; n++) {
			clint_diag *d = NULL;
			clint_diag_entry e;

			/* n characters: "x", or "&amp;" for every 50th */
			k = sizeof(head) - 1;
			memcpy(big, head, k);
			for (i = 0; i < n; i++) {
				if (amp && i % 50 == 0) {
					memcpy(big + k, "&amp;", 5);
					k += 5;
				} else {
					big[k++] = 'x';
				}
			}
			memcpy(big + k, tail, sizeof(tail));
			assert_int_equal(clint_diag_new(&d), CLINT_OK);
			doc = html_rc("t.html", big, strlen(big), CLINT_INPUT_HTML, d,
			              n == CLINT_XML_MAX_TEXT ? CLINT_OK : CLINT_ELIMIT);
			if (doc) {
				text = clint_doc_text(doc, &len);
				assert_true(len > 3 && memcmp(text + len - 3, "END", 3) == 0);
			} else {
				assert_int_equal(clint_diag_count(d), 1);
				assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
				assert_string_equal(e.message, CLINT_XML_TEXT_REFUSAL);
			}
			clint_doc_free(doc);
			clint_diag_free(d);
		}
	}
	/* the text of what the walk leaves out is not kept: no bound, and
	 * the text after it is read, also where the HTML parser ends the
	 * element itself (a <p> ends the <p hidden>, <body> the <title>) */
	for (i = 0; i < sizeof(left_out) / sizeof(left_out[0]); i++) {
		k = (size_t)sprintf(big, "%s", left_out[i].open);
		memset(big + k, 'x', CLINT_XML_MAX_TEXT + 1);
		k += CLINT_XML_MAX_TEXT + 1;
		k += (size_t)sprintf(big + k, "%s<p>B</p>", left_out[i].close);
		memcpy(big + k, tail, sizeof(tail));
		doc = html_rc("t.html", big, strlen(big), CLINT_INPUT_HTML, NULL,
		              CLINT_OK);
		text = clint_doc_text(doc, &len);
		if (len != 7 || memcmp(text, "A\nB\nEND", 7) != 0)
			fail_msg("%s: \"%.40s\"", left_out[i].open, text);
		clint_doc_free(doc);
	}
	/* after a tag libxml2 2.9 does not know (<section>: the parse is "not
	 * well-formed"), the run is refused all the same; its parser stopped
	 * there and the text after it was lost without a word */
	k = (size_t)sprintf(big, "<section><p>A</p></section><p>");
	memset(big + k, 'x', CLINT_XML_MAX_TEXT + 1);
	k += CLINT_XML_MAX_TEXT + 1;
	sprintf(big + k, "</p><p>The Supplier may terminate.</p>");
	{
		clint_diag *d = NULL;

		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = html_rc("t.html", big, strlen(big), CLINT_INPUT_HTML, d,
		              CLINT_ELIMIT);
		unit_diag_at(d, CLINT_XML_TEXT_REFUSAL, CLINT_DIAG_ERROR);
		clint_diag_free(d);
	}
	/* a hidden element is left out, not the next one of its name */
	k = (size_t)sprintf(big, "<p>A</p><div hidden>");
	memset(big + k, 'x', CLINT_XML_MAX_TEXT / 2);
	k += CLINT_XML_MAX_TEXT / 2;
	k += (size_t)sprintf(big + k, "</div><div>");
	memset(big + k, 'y', CLINT_XML_MAX_TEXT / 2);
	k += CLINT_XML_MAX_TEXT / 2;
	sprintf(big + k, "</div>");
	doc = html_rc("t.html", big, strlen(big), CLINT_INPUT_HTML, NULL, CLINT_OK);
	text = clint_doc_text(doc, &len);
	assert_int_equal(len, 2 + CLINT_XML_MAX_TEXT / 2);
	assert_true(memcmp(text, "A\ny", 3) == 0);
	clint_doc_free(doc);
	free(big);
}

/* A start tag's attributes are counted on the raw bytes, before libxml2
 * compares each with the others (one tag of 200,000 took minutes). */
static void test_tag_attrs(void **state)
{
	static const char utf16[] = "<\0b\0 \0x\0 \0y\0>\0";
	char buf[4096];
	size_t i, n;

	(void)state;
	assert_false(clint_tag_over_attrs("<b a b c>", 9, 3, 0));
	assert_true(clint_tag_over_attrs("<b a b c d>", 11, 3, 0));
	/* values, quoted or not, are not attributes; nor "=" or "/" */
	assert_false(clint_tag_over_attrs("<b a=\"x y z w\" b = 'p q r' c=v/>",
	                                  33, 3, 0));
	/* end tags, comments, declarations and text are not read */
	assert_false(clint_tag_over_attrs("</b a b c d><!-- a b c d --> a b c d",
	                                  36, 3, 0));
	assert_false(clint_tag_over_attrs("<b a b", 6, 3, 0));  /* unterminated */
	/* UTF-16: the NULs between the characters are not spaces */
	assert_false(clint_tag_over_attrs(utf16, sizeof(utf16) - 1, 2, 0));
	assert_true(clint_tag_over_attrs(utf16, sizeof(utf16) - 1, 1, 0));
	/* libxml2 needs no blank after a quoted value */
	assert_true(clint_tag_over_attrs("<b a=\"\"b=''c=\"\"d=\"\">", 20, 3, 0));
	/* a name of over 100 characters is two attributes to libxml2 */
	memset(buf, 'a', 301);
	memcpy(buf, "<b ", 3);
	buf[301] = '>';
	assert_true(clint_tag_over_attrs(buf, 302, 2, 0));
	assert_false(clint_tag_over_attrs(buf, 302, 3, 0));
	/* what cannot start a name is skipped to a blank, quotes too */
	assert_true(clint_tag_over_attrs("<b !=\"a b c d\">", 15, 2, 0));
	/* script and style text, and comments, are not markup */
	assert_false(clint_tag_over_attrs(
		"<script>if(i<n) a b c d</script><style>x<y a b c d</style>"
		"<!-- x<y a b c d --><!-- x<y a b c d --!>",
		99, 3, 0));
	assert_true(clint_tag_over_attrs("<script/>x<y a b c d>", 21, 3, 0));
	assert_true(clint_tag_over_attrs("<!-- x<y a b c d", 16, 3, 0));
	/* XML (ODT): names may start with a non-ASCII letter, and script and
	 * style hold markup (libxml2's XML parser reads both) */
	assert_false(clint_tag_over_attrs("<b \xC3\xA9 \xC3\xA9" "b \xC3\xA9" "c>", 14,
	                                  3, 0));
	assert_true(clint_tag_over_attrs("<b \xC3\xA9 \xC3\xA9" "b \xC3\xA9" "c>", 14,
	                                  2, 1));
	assert_true(clint_tag_over_attrs("<\xC3\xA9" " a b c>", 10, 2, 1));
	assert_true(clint_tag_over_attrs("<script><y a b c d/></script>", 29, 3,
	                                 1));
	assert_true(clint_tag_over_attrs("<style><y a b c d/></style>", 27, 3, 1));
	/* CLINT_MAX_ATTRS and one more, through the extractor */
	for (n = CLINT_MAX_ATTRS; n <= CLINT_MAX_ATTRS + 1; n++) {
		clint_diag *d = NULL;
		clint_doc *doc = NULL;
		size_t k = (size_t)sprintf(buf, "<p");

		for (i = 0; i < n; i++)
			k += (size_t)sprintf(buf + k, " a%zu", i);
		k += (size_t)sprintf(buf + k, ">text</p>");
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(clint_doc_load_buffer(&doc, "t.html", buf, k, NULL,
		                                       d),
		                 n > CLINT_MAX_ATTRS ? CLINT_ELIMIT : CLINT_OK);
		if (n > CLINT_MAX_ATTRS)
			assert_true(unit_diag_find(
			                d, "a tag with more than 256 attributes: refused") ==
			            0);
		clint_doc_free(doc);
		clint_diag_free(d);
	}
}

/* The scans read raw bytes, so they must be what libxml2 reads: UTF-16
 * with a byte order mark is converted (and reads as the UTF-8 page), a
 * page declaring EBCDIC, UTF-7 or UTF-16/32 is refused. */
static void test_encodings_read_as_scanned(void **state)
{
	static const char page[] =
		"<html><head><meta charset=\"utf-8\"></head><body><h1>Fees</h1>"
		"<p>The Client shall pay \xe2\x82\xac" "100 \xc3\xa0 la carte.</p>"
		"</body></html>";
	static const char *const refused[] = {
		"<meta charset=\"IBM037\"><p>x</p>",
		"<?xml version=\"1.0\" encoding='ibm-1047'?><p>x</p>",
		"<meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=UTF-7\"><p>x</p>",
		"<meta charset=ebcdic-cp-us><p>x</p>",
		"<meta CHARSET = 'UTF-32LE'><p>x</p>",
	};
	/* read as UTF-8, as a browser reads them: UTF-16 declared in ASCII
	 * bytes (no byte order mark), a DOS code page, UTF-8's old names */
	static const char *const as_utf8[] = {
		"<meta charset=utf-16><p>x</p>",
		"<meta charset=\"IBM866\"><p>x</p>",
		"<meta charset=csibm437><p>x</p>",
		"<meta charset=unicode-1-1-utf-8><p>x</p>",
	};
	char name[32], *u16;
	const char *t8, *t16;
	clint_doc *d8 = NULL, *d16 = NULL;
	size_t i, n = sizeof(page) - 1, len8, len16, k;
	int be;

	(void)state;
	assert_true(clint_declared_encoding(page, n, name));
	assert_false(clint_encoding_unsafe(name));
	assert_false(clint_encoding_unsafe("iso-8859-1"));
	assert_true(clint_encoding_unsafe("IBM037"));
	assert_true(clint_encoding_unsafe("utf-16le"));
	for (i = 0; i < ARRAY_LEN(refused); i++) {
		clint_diag *d = NULL;
		clint_doc *doc = NULL;

		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(clint_doc_load_buffer(&doc, "t.html", refused[i],
		                                       strlen(refused[i]), NULL, d),
		                 CLINT_EFORMAT);
		assert_true(unit_diag_find(d, "which is not read") == 0);
		clint_diag_free(d);
	}
	for (i = 0; i < ARRAY_LEN(as_utf8); i++) {
		clint_doc *doc = NULL;

		assert_int_equal(clint_doc_load_buffer(&doc, "t.html", as_utf8[i],
		                                       strlen(as_utf8[i]), NULL, NULL),
		                 CLINT_OK);
		assert_string_equal(clint_doc_text(doc, NULL), "x");
		clint_doc_free(doc);
	}
	assert_false(clint_encoding_unsafe("ibm-850"));
	assert_true(clint_encoding_unsafe("ibm-1047"));
	assert_int_equal(clint_doc_load_buffer(&d8, "t.html", page, n, NULL, NULL),
	                 CLINT_OK);
	t8 = clint_doc_text(d8, &len8);
	/* the same page in UTF-16 (ASCII and two-byte characters only), both
	 * byte orders, with a byte order mark */
	u16 = malloc(2 + 2 * n);
	assert_non_null(u16);
	for (be = 0; be <= 1; be++) {
		size_t w = 2;
		u16[0] = be ? '\xFE' : '\xFF';
		u16[1] = be ? '\xFF' : '\xFE';
		for (k = 0; k < n; ) {
			uint32_t cp;
			size_t l = clint_utf8_decode((const unsigned char *)page + k,
			                             n - k, &cp);
			assert_true(l > 0 && cp < 0x10000);
			u16[w + 1 - (size_t)be] = (char)(cp >> 8);  /* LE: low first */
			u16[w + (size_t)be] = (char)(cp & 0xFF);
			w += 2;
			k += l;
		}
		assert_int_equal(clint_doc_load_buffer(&d16, "t.html", u16, w, NULL,
		                                       NULL),
		                 CLINT_OK);
		t16 = clint_doc_text(d16, &len16);
		assert_int_equal(len16, len8);
		assert_memory_equal(t16, t8, len8);
		clint_doc_free(d16);
		d16 = NULL;
	}
	free(u16);
	clint_doc_free(d8);
}

/* libxml2 reads a page that declares no encoding as ISO-8859-1 and one
 * that declares UTF-8 as ISO-8859-1 from a byte that is not UTF-8 on;
 * those are decoded before it sees them. A byte that does not convert in
 * a declared encoding ended the page there: refused. */
static void test_encodings_undeclared_and_broken(void **state)
{
	static const char utf8[] =
		"<html><body><p>Supplier\xE2\x80\x99s fee \xE2\x82\xAC" "100</p>"
		"</body></html>";
	static const char cp1252[] =
		"<html><body><p>\x93Quoted\x94 \x80" "5 caf\xE9</p></body></html>";
	static const char bad_utf8[] =
		"<html><head><meta charset=\"utf-8\"></head><body>"
		"<p>Bad \xFF byte.</p><p>Supplier\xE2\x80\x99s fee</p></body></html>";
	static const char cp1252_hole[] =
		"<html><head><meta charset=\"windows-1252\"></head><body>"
		"<p>First clause.</p><p>Hole \x81 byte.</p>"
		"<p>Governing law.</p></body></html>";
	static const char bad_cp1250[] =
		"<html><head><meta charset=\"windows-1250\"></head><body>"
		"<p>First clause.</p><p>Bad \x81 byte.</p>"
		"<p>Governing law.</p></body></html>";
	static const char xml_decl[] =
		"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<html xmlns="
		"\"http://www.w3.org/1999/xhtml\"><body><p>\xCF\xF0\xE8\xE2\xE5\xF2"
		"</p></body></html>";
	static const char sjis[] =
		"<html><head><meta charset=\"shift_jis\"></head><body>"
		"<p>\x87\x40 \x82\xA0 END</p></body></html>";
	static const char unknown[] =
		"<html><head><meta charset=\"bogus\"></head><body>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>";
	static const char latin9[] =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=ISO-8859-15\"></head><body><p>\xA4" "5</p></body></html>";
	clint_diag *diag = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	doc = html_rc("a.html", utf8, sizeof(utf8) - 1, CLINT_INPUT_AUTO, diag,
	              CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Supplier\xE2\x80\x99s fee \xE2\x82\xAC" "100");
	assert_int_equal(clint_diag_count(diag), 0);
	clint_doc_free(doc);
	doc = html_rc("b.html", cp1252, sizeof(cp1252) - 1, CLINT_INPUT_AUTO, diag,
	              CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x82\xAC" "5 "
	                    "caf\xC3\xA9");
	assert_true(unit_diag_find(diag, "decoded as Windows-1252") >= 0);
	clint_doc_free(doc);
	doc = html_rc("c.html", bad_utf8, sizeof(bad_utf8) - 1, CLINT_INPUT_AUTO,
	              diag, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Bad \xEF\xBF\xBD byte.\nSupplier\xE2\x80\x99s fee");
	assert_true(unit_diag_find(diag, "1 such byte read as U+FFFD") >= 0);
	clint_doc_free(doc);
	/* one of the five bytes Windows-1252 leaves undefined: read on */
	doc = html_rc("d.html", cp1252_hole, sizeof(cp1252_hole) - 1,
	              CLINT_INPUT_AUTO, diag, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "First clause.\nHole \xEF\xBF\xBD byte.\n"
	                    "Governing law.");
	clint_doc_free(doc);
	html_rc("e.html", bad_cp1250, sizeof(bad_cp1250) - 1, CLINT_INPUT_AUTO,
	        diag, CLINT_EFORMAT);
	assert_true(unit_diag_find(diag, "declared encoding 'windows-1250'") >= 0);
	/* an encoding libxml2 does not know is as if none were declared (it
	 * read the page as ISO-8859-1); one it knows is read as declared */
	clint_diag_clear(diag);
	doc = html_rc("f.html", unknown, sizeof(unknown) - 1, CLINT_INPUT_AUTO,
	              diag, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Supplier\xE2\x80\x99s fee");
	assert_true(unit_diag_find(diag, "the declared encoding 'bogus' is "
	                                 "unknown") >= 0);
	clint_doc_free(doc);
	doc = html_rc("g.html", latin9, sizeof(latin9) - 1, CLINT_INPUT_AUTO,
	              diag, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "\xE2\x82\xAC" "5");
	clint_doc_free(doc);
	/* an XHTML page's XML declaration counts (libxml2's HTML parser reads
	 * only a <meta>); a Shift_JIS page is read as CP932, as a browser
	 * reads it (its NEC "①" stopped the page) */
	doc = html_rc("h.xhtml", xml_decl, sizeof(xml_decl) - 1, CLINT_INPUT_AUTO,
	              diag, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
	clint_doc_free(doc);
	doc = html_rc("i.html", sjis, sizeof(sjis) - 1, CLINT_INPUT_AUTO, diag,
	              CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "\xE2\x91\xA0 \xE3\x81\x82 END");
	clint_doc_free(doc);
	clint_diag_free(diag);
}

/* The encoding a page declares is read where it is declared - an XML
 * declaration at its start, a <meta> tag - not from any "charset=" or
 * "encoding=" of the file: one in a comment, a <link> or <form> before
 * the meta, or the text made a UTF-8 page read as Windows-1252 (or
 * left it to libxml2, which read it as ISO-8859-1). */
static void test_encoding_declared_where(void **state)
{
	static const char *const utf8_pages[] = {
		"<html><body><p>Files are sent with encoding=base64.</p>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
		"<html><head><!-- saved as charset=windows-1252 -->"
		"<meta charset=\"utf-8\"></head><body>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
		"<html><head><link rel=stylesheet href=a.css charset=latin1>"
		"<meta charset=utf-8></head><body>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
		"<html><body><form accept-charset=\"ISO-8859-1\"></form>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
		/* was refused as declared in UTF-16 */
		"<html><body><p>Messages are sent with charset=utf-16.</p>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
		/* a meta's content is read only with http-equiv, as a browser
		 * does: these were refused, and read as KOI8-R */
		"<html><head><meta name=\"description\" content=\"Sent with "
		"charset=utf-16\"><meta charset=\"utf-8\"></head><body>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
		"<html><head><meta name=keywords content=\"mail, charset=koi8-r\">"
		"<meta charset=utf-8></head><body>"
		"<p>Supplier\xE2\x80\x99s fee</p></body></html>",
	};
	static const char cp1251[] =
		"<html><head><script src=a.js charset=\"utf-8\"></script>"
		"<meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=windows-1251\"></head><body><p>\xCF\xF0\xE8\xE2\xE5\xF2"
		"</p></body></html>";
	char name[32];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(utf8_pages); i++) {
		clint_doc *doc = html(utf8_pages[i]);
		const char *t = clint_doc_text(doc, NULL);

		assert_non_null(strstr(t, "Supplier\xE2\x80\x99s fee"));
		clint_doc_free(doc);
	}
	{
		clint_doc *doc = html(cp1251);
		assert_string_equal(clint_doc_text(doc, NULL),
		                    "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5"
		                    "\xD1\x82");
		clint_doc_free(doc);
	}
	assert_true(clint_declared_encoding("<?xml version='1.0' "
	                                    "encoding='ISO-8859-2'?><p>x</p>",
	                                    51, name));
	assert_string_equal(name, "iso-8859-2");
	assert_true(clint_declared_encoding("<p>a</p><META\tcontent='x; "
	                                    "Charset=UTF-8' http-equiv=x>", 54,
	                                    name));
	assert_string_equal(name, "utf-8");
	assert_false(clint_declared_encoding("<p>charset=utf-8</p><!-- <meta "
	                                     "charset=x> -->", 45, name));
	assert_false(clint_declared_encoding("<p>x</p><?xml encoding='x'?>", 28,
	                                     name));
	assert_false(clint_declared_encoding("<metadata charset=x>", 20, name));
	assert_true(clint_declared_encoding("<meta/charset = 'KOI8-R'>", 25,
	                                    name));
	assert_string_equal(name, "koi8-r");
	assert_false(clint_declared_encoding("<meta data-charset=x content="
	                                     "'charset=y'>", 41, name));
}

/* Word's "Save as Web Page": its list numbers between downlevel-revealed
 * conditional comments, which libxml2 took for text ("<![if
 * !supportLists]>1. <![endif]>The Supplier ..."): the markers are left
 * out and the number starts its paragraph, as a browser shows it. */
static void test_word_conditional_markers(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = html("<html><head><!--[if gte mso 9]><xml><w:View>Print</w:View>"
	           "</xml><![endif]--></head><body>"
	           "<p class=MsoListParagraph><![if !supportLists]><span "
	           "style='mso-list:Ignore'>1.<span>&nbsp; </span></span>"
	           "<![endif]>The Supplier shall provide the Services.</p>"
	           "<p><![if !supportEmptyParas]>&nbsp;<![endif]>Fees apply."
	           "<![if unclosed</p></body></html>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "1.\xC2\xA0 The Supplier shall provide the Services.\n"
	                    "\xC2\xA0" "Fees apply.<![if unclosed");
	clint_doc_free(doc);

	/* the same text written as character references is text: it was
	 * left out too, having become the same text in the tree */
	doc = html("<p>Write &lt;![if x]&gt;kept&lt;![endif]&gt; and "
	           "&#60;![endif]> as shown.</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Write <![if x]>kept<![endif]> and <![endif]> as "
	                    "shown.");
	clint_doc_free(doc);

	/* a reference to '<' right before a marker: the parser passes it
	 * on with its input at the marker, as it does the marker's '<' (it
	 * was left out, and the marker's '>' shown) */
	doc = html("<p>a &lt;<![if x]>b<![endif]> c &#60;<![endif]>d "
	           "&#x3C;<![endif]>e &#060<![if y]>f &lt<![endif]>g "
	           "&amp;lt;<![endif]>h &#0000000000000000000000060;<![endif]>i "
	           "&#x000000000000000000000003c;<![endif]>j</p>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "a <b c <d <e <f &ltg &lt;h <i <j");
	clint_doc_free(doc);

	/* markup with a reference in it, over a line end, in a formula, in
	 * a page the parser converts from windows-1252: left out */
	doc = html("<html><head><meta charset=windows-1252></head><body>"
	           "<p><![if a&amp;b\nc]>Fee\xE9<![endif]> due <math><mi>x"
	           "<![endif]></mi></math>.</p></body></html>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Fee\xC3\xA9 due x.");
	clint_doc_free(doc);
}

/* A MathML formula is a line of text (mathml.c), as in ODT and DOCX:
 * it was dropped with all it held. */
static void test_mathml(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc;
	char *s, *p;
	size_t i;

	(void)state;
	/* as pandoc --mathml writes it: the TeX annotation is not shown */
	doc = html("<html><body><p>The Service Credit is\n<math display=\"inline\" "
	           "xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow>"
	           "<mi>C</mi><mo>=</mo><mfrac><mrow><mi>T</mi><mo>&minus;</mo>"
	           "<mi>A</mi></mrow><mi>T</mi></mfrac><mo>&times;</mo><mi>F</mi>"
	           "</mrow><annotation encoding=\"application/x-tex\">C=\\frac{T-A}"
	           "{T}\\times F</annotation></semantics></math>\nwhere <math><msubsup>"
	           "<mo>&sum;</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi>"
	           "</msubsup><mroot><mi>x</mi><mn>3</mn></mroot></math>.</p>"
	           "</body></html>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "The Service Credit is C=(T\xE2\x88\x92" "A)/(T)\xC3\x97"
	                    "F where \xE2\x88\x91_(i=1)^(n)(3)\xE2\x88\x9Ax.");
	clint_doc_free(doc);
	/* upper case, <none/>, a page's span inside a token, the function
	 * application, white space in a token kept (collapsed), a page's
	 * link in a token between its words; text outside a token
	 * is not shown (nor is it by a browser), nor a hidden formula, nor
	 * an maction's second child (a browser shows its first) */
	doc = html("<html><body><p>A <m:math xmlns:m=\"http://www.w3.org/1998/"
	           "Math/MathML\"><m:mi>w</m:mi></m:math> B <MATH><MI>z</MI>"
	           "</MATH> C <math><mmultiscripts><mi>R</mi><mi>i</mi><none/>"
	           "<mprescripts/><mi>k</mi><none/></mmultiscripts></math> D "
	           "<math><mtext>a<span>b</span><span hidden>h</span></mtext>"
	           "<mi>sin</mi><mo>&#x2061;</mo><mi> t </mi><mo> = </mo><mn>1"
	           "</mn><mtext>as per <a href=\"#s2\">Schedule 2</a> and"
	           "</mtext></math> E <math>loose text</math>F<math "
	           "style=\"display:none\"><mi>q</mi></math> <math><maction "
	           "selection=\"2\"><mi>shown</mi><mi>not</mi></maction></math>"
	           "</p></body></html>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "A w B z C _(k)R_(i) D absin t = 1as per Schedule 2 "
	                    "and E F shown");
	clint_doc_free(doc);
	/* a formula shown as a block does not run into the words around it;
	 * the page's elements in a formula are the page's (a browser ends
	 * the formula there): bold text, and the rest of a page that forgot
	 * its </math> */
	doc = html("<html><body><p>The credit is<math display=\"block\"><mi>C"
	           "</mi><mo>=</mo><mi>F</mi></math>where F is the fee.</p>"
	           "<p>A <math><mrow><mi>x</mi><b> bold text</b></mrow></math> Z"
	           "</p><p>Fee <math><mi>F</mi> applies.<p>Clause 2. The "
	           "Supplier shall provide the Services.<p>Clause 3. Fees."
	           "</body></html>");
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "The credit is C=F where F is the fee.\n"
	                    "A x bold text Z\nFee F\nClause 2. The Supplier shall "
	                    "provide the Services.\nClause 3. Fees.");
	clint_doc_free(doc);
	/* its nesting is bounded as the page's is */
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	s = malloc(5000 * 13 + 64);
	assert_non_null(s);
	p = s + sprintf(s, "<html><body><math>");
	for (i = 0; i < 5000; i++)
		p += sprintf(p, "<mrow>");
	p += sprintf(p, "<mi>x</mi>");
	for (i = 0; i < 5000; i++)
		p += sprintf(p, "</mrow>");
	sprintf(p, "</math></body></html>");
	html_rc("deep.html", s, strlen(s), CLINT_INPUT_AUTO, d, CLINT_ELIMIT);
	assert_true(unit_diag_find(d, "nested deeper than") >= 0);
	free(s);
	clint_diag_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_dropped_and_hidden),
		cmocka_unit_test(test_character_references),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_list_variants),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_nul_refused),
		cmocka_unit_test(test_empty_comments),
		cmocka_unit_test(test_detection),
		cmocka_unit_test(test_quiet_xml_errors),
		cmocka_unit_test(test_xml_count),
		cmocka_unit_test(test_long_text_refused),
		cmocka_unit_test(test_tag_attrs),
		cmocka_unit_test(test_encodings_read_as_scanned),
		cmocka_unit_test(test_encodings_undeclared_and_broken),
		cmocka_unit_test(test_encoding_declared_where),
		cmocka_unit_test(test_word_conditional_markers),
		cmocka_unit_test(test_mathml),
		cmocka_unit_test(test_form_controls),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_object_fallback),
		cmocka_unit_test(test_tree_memory),
	};

	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
