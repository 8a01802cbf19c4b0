/*
 * test_markdown.c - Markdown extraction (src/lib/extract/markdown.c):
 * headings, list items and table cells become blocks; markup is skipped
 * in the matching view (doc->norm) while positions stay in the source.
 */
#include "unit.h"

#include "internal.h"

static void assert_block(const clint_doc *doc, size_t i, clint_block_type type,
                         unsigned level, const char *text)
{
	clint_block b;

	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	if (b.type != type || b.level != level)
		fail_msg("block %zu is type %d level %u, expected type %d level %u",
		         i, (int)b.type, b.level, (int)type, level);
	unit_assert_slice(doc, b.start, b.end, text);
}

/* The matching text of block i. */
static void assert_block_norm(const clint_doc *doc, size_t i,
                              const char *expect)
{
	const clint_iblock *b;

	assert_true(i < doc->block_count);
	b = &doc->blocks[i];
	if (b->norm_end - b->norm_start != strlen(expect) ||
	    memcmp(doc->norm + b->norm_start, expect, strlen(expect)) != 0)
		fail_msg("block %zu matches as '%.*s', expected '%s'", i,
		         (int)(b->norm_end - b->norm_start),
		         doc->norm + b->norm_start, expect);
}

static void test_atx_headings(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("# Master Services Agreement\n"
	              "\n"
	              "Some body text here.\n"
	              "\n"
	              "## Fees and Payment ##\n"
	              "###### Deep Heading\n"
	              "####### not a heading\n"
	              "#hashtag is not a heading\n");
	assert_int_equal(clint_doc_block_count(doc), 5);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1,
	             "# Master Services Agreement");
	assert_block_norm(doc, 0, "Master Services Agreement");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Some body text here.");
	/* closing hashes are not part of the heading */
	assert_block(doc, 2, CLINT_BLOCK_HEADING, 2, "## Fees and Payment");
	assert_block_norm(doc, 2, "Fees and Payment");
	assert_block(doc, 3, CLINT_BLOCK_HEADING, 6, "###### Deep Heading");
	assert_block_norm(doc, 3, "Deep Heading");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0,
	             "####### not a heading\n#hashtag is not a heading");
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_MARKDOWN);
	clint_doc_free(doc);
}

static void test_setext_headings(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("Main Title\n"
	              "==========\n"
	              "\n"
	              "Body text follows here.\n"
	              "\n"
	              "Second Title\n"
	              "---\n"
	              "\n"
	              "Two lines of text\n"
	              "before a rule\n"
	              "---\n");
	assert_int_equal(clint_doc_block_count(doc), 4);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1, "Main Title");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Body text follows here.");
	assert_block(doc, 2, CLINT_BLOCK_HEADING, 2, "Second Title");
	/* only a one-line paragraph becomes a setext heading */
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0,
	             "Two lines of text\nbefore a rule");
	assert_block_norm(doc, 0, "Main Title");
	clint_doc_free(doc);
}

static void test_headings_are_sections(void **state)
{
	clint_doc *doc;
	clint_section s;

	(void)state;
	doc = unit_md("# Agreement\n\n## 4. Fees\n\nThe Client pays.\n\n"
	              "## Term\n\nTwo years.\n");
	assert_int_equal(clint_doc_section_count(doc), 3);
	assert_int_equal(clint_doc_section(doc, 1, &s), CLINT_OK);
	assert_string_equal(s.number, "4");
	assert_string_equal(s.heading, "Fees");
	assert_string_equal(s.label, "\xC2\xA7 4 Fees");
	assert_int_equal(s.parent, 0);
	assert_int_equal(s.depth, 2);
	assert_int_equal(clint_doc_section(doc, 2, &s), CLINT_OK);
	assert_string_equal(s.heading, "Term");
	assert_string_equal(s.label, "Term");
	assert_int_equal(s.parent, 0);
	clint_doc_free(doc);
}

static void test_emphasis_is_invisible(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("**Services** means the services in *Schedule 1*.\n\n"
	              "__Fees__ are _payable_ monthly.\n\n"
	              "A ~~struck~~ word and `code` and <b>bold</b> text.\n\n"
	              "snake_case_name and 2 * 3 * 4 stay.\n");
	assert_int_equal(clint_doc_block_count(doc), 4);
	assert_block_norm(doc, 0, "Services means the services in Schedule 1.");
	assert_block_norm(doc, 1, "Fees are payable monthly.");
	assert_block_norm(doc, 2, "A struck word and code and bold text.");
	/* intra-word underscores and free-standing asterisks are text */
	assert_block_norm(doc, 3, "snake_case_name and 2 * 3 * 4 stay.");
	/* the text is untouched */
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	             "**Services** means the services in *Schedule 1*.");
	clint_doc_free(doc);
}

static void test_emphasis_invisible_to_rules(void **state)
{
	const char *pack =
		UNIT_PACK_HEAD("md")
		UNIT_RULE("flag-services-means", "flag", "warning", "")
		UNIT_PATTERN("\\bServices means\\b")
		UNIT_EXAMPLE("match", "Services means x.")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_md("Intro line.\n\n"
	                         "**Services** means the services.\n");
	clint_result *res = unit_check(rs, doc);
	clint_finding f;

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 1);
	assert_int_equal(clint_result_finding(res, 0, &f), CLINT_OK);
	assert_string_equal(f.rule_id, "flag-services-means");
	/* the finding starts at the word, after the markup, and ends after
	 * "means" in the source */
	assert_int_equal(f.start, unit_offset(doc, "Services"));
	assert_int_equal(f.end, unit_offset(doc, " the services"));
	assert_int_equal(f.begin_loc.line, 3);
	assert_int_equal(f.begin_loc.column, 3);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/*
 * A match that ends right before closing markup ends at its last word
 * character in the source: the finding's range (and so the JSON "match"
 * and the caret line) must not take in the closing "**".
 */
static void test_match_end_excludes_closing_markup(void **state)
{
	const char *pack =
		UNIT_PACK_HEAD("md")
		UNIT_RULE("flag-services", "flag", "warning", "")
		UNIT_PATTERN("\\bServices\\b")
		UNIT_EXAMPLE("match", "Services.")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_md("The **Services** are listed below.\n");
	clint_result *res = unit_check(rs, doc);
	clint_finding f;

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 1);
	assert_int_equal(clint_result_finding(res, 0, &f), CLINT_OK);
	assert_int_equal(f.start, unit_offset(doc, "Services"));
	unit_assert_slice(doc, f.start, f.end, "Services");
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/*
 * Character references read as their characters, as a Markdown viewer
 * shows them: "f&#x65;&#101;s" is "fees" to the rules. Numeric ones out
 * of range are U+FFFD; a name libxml2 does not know, a reference without
 * its ";", or one past the digit limits stays text. A finding over one
 * spans the reference in the source.
 */
static void test_character_references(void **state)
{
	const char *pack =
		UNIT_PACK_HEAD("md")
		UNIT_RULE("flag-fees", "flag", "warning", "")
		UNIT_PATTERN("\\badditional fees\\b")
		UNIT_EXAMPLE("match", "Additional fees.")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc;
	clint_result *res;
	clint_finding f;

	(void)state;
	doc = unit_md("Additional f&#x65;&#101;s apply.\n\n"
	              "The Supplier&rsquo;s &amp; the Client&#X2019;s rates&nbsp;"
	              "&quot;TBD&quot;&shy;.\n\n"
	              "Kept: &bogus; &amp &#xZZ; &#12345678; &#x1234567; &#;.\n\n"
	              "Replaced: &#0; &#xD800; &#x110000;.\n");
	assert_block_norm(doc, 0, "Additional fees apply.");
	assert_block_norm(doc, 1, "The Supplier's & the Client's rates \"TBD\".");
	assert_block_norm(doc, 2,
	                  "Kept: &bogus; &amp &#xZZ; &#12345678; &#x1234567; &#;.");
	assert_block_norm(doc, 3, "Replaced: \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD.");
	res = unit_check(rs, doc);
	assert_int_equal(clint_result_finding_count(res), 1);
	assert_int_equal(clint_result_finding(res, 0, &f), CLINT_OK);
	unit_assert_slice(doc, f.start, f.end, "Additional f&#x65;&#101;s");
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/* A line-break tag separates the words on either side; a code span is
 * literal (no references, no emphasis); a line of comment openers with
 * no closer, and of brackets with no ']', are text (and linear). */
static void test_breaks_code_spans_and_openers(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	int k;

	(void)state;
	doc = unit_md("name<br>Name and pay<br/>Pay<p>x</p>\n\n"
	              "Use `f&#x65;es **x**` and ``a`b`` here &amp; there.\n");
	assert_block_norm(doc, 0, "name Name and pay Pay x");
	assert_block_norm(doc, 1, "Use f&#x65;es **x** and a`b here & there.");
	clint_doc_free(doc);
	/* an opening run with no closing run of its length (a shorter one
	 * after it): the text after it is read as usual */
	doc = unit_md("Open ``code ` and **fees** &amp; more\n");
	assert_block_norm(doc, 0, "Open code and fees & more");
	clint_doc_free(doc);
	for (k = 0; k < 20000; k++)
		assert_int_equal(clint_buf_puts(&b, "<!--[a"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, " end -->\n"), CLINT_OK);
	doc = unit_md(b.data);
	/* the comment from the first opener to the closer is markup */
	assert_int_equal(doc->norm_len, 0);
	clint_doc_free(doc);
	clint_buf_free(&b);
}

static int put_run(clint_buf *b, char c, size_t n)
{
	int rc = CLINT_OK;

	while (n-- > 0 && rc == CLINT_OK)
		rc = clint_buf_putc(b, c);
	return rc;
}

/* What md_inline remembers so that no line makes it look ahead again at
 * each character (nested brackets, link destinations, code spans) reads
 * the line as the look-ahead did. */
static void test_lookahead_remembered(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	int k;

	(void)state;
	/* a run that nothing closes, then spans of a shorter run: each is
	 * still found once the first look has gone to the end of the line */
	doc = unit_md("Open ``a `b` then `**c**` and `d` fees\n");
	assert_block_norm(doc, 0, "Open a b then **c** and d fees");
	clint_doc_free(doc);
	/* a run of more than 64 backticks opens no span */
	assert_int_equal(clint_buf_puts(&b, "A "), CLINT_OK);
	for (k = 0; k < 2; k++) {
		assert_int_equal(put_run(&b, '`', 65), CLINT_OK);
		assert_int_equal(clint_buf_puts(&b, k ? "\n" : "x **y** "), CLINT_OK);
	}
	doc = unit_md(b.data);
	assert_block_norm(doc, 0, "A x y");
	clint_doc_free(doc);
	clint_buf_free(&b);
	/* an outer bracket that is no link, an inner one that is */
	doc = unit_md("See [[a](u) b] c and [x [y] z](v) [w]\n");
	assert_block_norm(doc, 0, "See [a b] c and x [y] z [w]");
	clint_doc_free(doc);
	/* link text of up to 1,999 bytes and a destination of up to 1,998,
	 * past the first window of brackets (2,048 bytes) */
	for (k = 0; k < 3; k++) {
		size_t text = k == 1 ? 2000 : 1999, dest = k == 2 ? 1999 : 1998;

		assert_int_equal(put_run(&b, 'p', 3000), CLINT_OK);
		assert_int_equal(clint_buf_puts(&b, " ["), CLINT_OK);
		assert_int_equal(put_run(&b, 't', text - 1), CLINT_OK);
		assert_int_equal(clint_buf_puts(&b, "]("), CLINT_OK);
		assert_int_equal(put_run(&b, 'u', dest), CLINT_OK);
		assert_int_equal(clint_buf_puts(&b, ") end\n"), CLINT_OK);
		doc = unit_md(b.data);
		if (k == 0) {
			assert_int_equal(doc->norm_len, 3000 + 1 + text - 1 + 4);
			assert_memory_equal(doc->norm + doc->norm_len - 5, "t end", 5);
		} else {
			assert_int_equal(doc->norm_len, b.len - 1);
		}
		clint_doc_free(doc);
		b.len = 0;
	}
	clint_buf_free(&b);
}

static void test_links_keep_only_text(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("See [the Schedule](https://example.com/s.pdf) for details.\n\n"
	              "An image ![Logo](logo.png) here.\n\n"
	              "Nested [**bold** link](x) too.\n");
	assert_block_norm(doc, 0, "See the Schedule for details.");
	assert_block_norm(doc, 1, "An image Logo here.");
	assert_block_norm(doc, 2, "Nested bold link too.");
	clint_doc_free(doc);
}

static void test_placeholders_are_kept(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("Dated [\xE2\x97\x8F] and signed on [insert date] by "
	              "[Party A] (the [Client]).\n");
	assert_block_norm(doc, 0,
	                  "Dated [\xE2\x97\x8F] and signed on [insert date] by "
	                  "[Party A] (the [Client]).");
	clint_doc_free(doc);
}

static void test_table_cells(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("Pricing table:\n"
	              "\n"
	              "| Service | Monthly Fee |\n"
	              "|---------|:-----------:|\n"
	              "| **Hosting** | EUR 100 |\n"
	              "| Support |  |\n");
	assert_int_equal(clint_doc_block_count(doc), 6);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Pricing table:");
	assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, "Service");
	assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, "Monthly Fee");
	assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0, "**Hosting**");
	assert_block_norm(doc, 3, "Hosting");
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, "EUR 100");
	/* an empty cell is no block */
	assert_block(doc, 5, CLINT_BLOCK_TABLE_CELL, 0, "Support");
	/* table cells never open sections */
	assert_int_equal(clint_doc_section_count(doc), 0);
	/* each line of the table is a row */
	unit_assert_rows(doc, ".RcRcR");
	clint_doc_free(doc);
}

static void test_bullets_and_ordered_lists(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("The Supplier shall:\n"
	              "- host the system;\n"
	              "* back it up;\n"
	              "  + nested item\n"
	              "1. First numbered clause\n");
	assert_int_equal(clint_doc_block_count(doc), 5);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "The Supplier shall:");
	assert_block(doc, 1, CLINT_BLOCK_LIST_ITEM, 1, "- host the system;");
	assert_block_norm(doc, 1, "host the system;");
	assert_block(doc, 2, CLINT_BLOCK_LIST_ITEM, 1, "* back it up;");
	assert_block_norm(doc, 2, "back it up;");
	assert_block(doc, 3, CLINT_BLOCK_LIST_ITEM, 2, "  + nested item");
	assert_block_norm(doc, 3, "nested item");
	/* the number of an ordered item is kept: it is a clause number */
	assert_block(doc, 4, CLINT_BLOCK_LIST_ITEM, 1, "1. First numbered clause");
	assert_block_norm(doc, 4, "1. First numbered clause");
	clint_doc_free(doc);
}

static void test_code_fence_and_quote(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("```\n**kept as is**\n```\n\n> Quoted text here.\n");
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "**kept as is**");
	assert_block_norm(doc, 1, "Quoted text here.");
	clint_doc_free(doc);
}

/* Inline HTML and comments are invisible; escapes keep the character;
 * intraword underscores are text; a link with a space in its target is
 * not a link. */
static void test_html_escapes_and_underscores(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("Fees<!-- internal note --> are <b>fixed</b> per<br/> month"
	              "<span class=\"x\">.</span>\n\n"
	              "An <unknown> tag and a <!-- comment that never ends\n\n"
	              "Escaped \\*stars\\* and \\[brackets\\] stay, a\\b too.\n\n"
	              "snake_case_name and _emphasis_ here.\n\n"
	              "A [link](with space) and [text](url\n");
	assert_block_norm(doc, 0, "Fees are fixed per month.");
	assert_block_norm(doc, 1,
	                  "An <unknown> tag and a <!-- comment that never ends");
	assert_block_norm(doc, 2, "Escaped *stars* and [brackets] stay, a\\b too.");
	assert_block_norm(doc, 3, "snake_case_name and emphasis here.");
	assert_block_norm(doc, 4, "A [link](with space) and [text](url");
	clint_doc_free(doc);
}

/* Tables with escaped pipes and no closing pipe, ~~~ fences (one never
 * closed), empty quotes, rules, headings with only hashes, ordered items
 * with ")" and tabs. */
static void test_blocks_variants(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("| Fee | Note\n"
	              "|--- | ---\n"
	              "| EUR 100 | a \\| b |\n"
	              "\n"
	              "~~~\n**as is**\n~~~\n"
	              "\n"
	              ">\n> > Nested quote.\n"
	              "\n"
	              "***\n"
	              "\n"
	              "### Closing ###   \n"
	              "\n"
	              "2) Second clause\n"
	              "-\tTabbed bullet\n"
	              "\n"
	              "~~~\nnever closed **bold**\n");
	assert_block(doc, 0, CLINT_BLOCK_TABLE_CELL, 0, "Fee");
	assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, "Note");
	assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, "EUR 100");
	assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0, "a \\| b");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "**as is**");
	assert_block_norm(doc, 5, "Nested quote.");
	assert_block(doc, 6, CLINT_BLOCK_HEADING, 3, "### Closing");
	assert_block(doc, 7, CLINT_BLOCK_LIST_ITEM, 1, "2) Second clause");
	assert_block(doc, 8, CLINT_BLOCK_LIST_ITEM, 1, "-\tTabbed bullet");
	assert_block_norm(doc, 8, "Tabbed bullet");
	assert_block(doc, 9, CLINT_BLOCK_PARAGRAPH, 0, "never closed **bold**");
	assert_int_equal(clint_doc_block_count(doc), 10);
	clint_doc_free(doc);
}

static void test_format_detected_from_name(void **state)
{
	const char *s = "# Title\n\nText.\n";
	clint_doc *doc;

	(void)state;
	doc = unit_doc_n("contract.md", s, strlen(s), CLINT_INPUT_AUTO, NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_MARKDOWN);
	assert_int_equal(clint_doc_block_count(doc), 2);
	clint_doc_free(doc);
	doc = unit_doc_n("CONTRACT.MARKDOWN", s, strlen(s), CLINT_INPUT_AUTO, NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_MARKDOWN);
	clint_doc_free(doc);
	doc = unit_doc_n("contract.txt", s, strlen(s), CLINT_INPUT_AUTO, NULL);
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_TEXT);
	clint_doc_free(doc);
}

static void test_markdown_crlf_positions(void **state)
{
	clint_doc *doc;
	clint_location loc;

	(void)state;
	doc = unit_md("## Fees\r\n\r\nThe *Client* pays.\r\n");
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 2, "## Fees");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "The *Client* pays.");
	assert_block_norm(doc, 1, "The Client pays.");
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "Client"), &loc),
	                 CLINT_OK);
	assert_int_equal(loc.line, 3);
	assert_int_equal(loc.column, 6);
	clint_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atx_headings),
		cmocka_unit_test(test_setext_headings),
		cmocka_unit_test(test_headings_are_sections),
		cmocka_unit_test(test_emphasis_is_invisible),
		cmocka_unit_test(test_emphasis_invisible_to_rules),
		cmocka_unit_test(test_match_end_excludes_closing_markup),
		cmocka_unit_test(test_character_references),
		cmocka_unit_test(test_breaks_code_spans_and_openers),
		cmocka_unit_test(test_lookahead_remembered),
		cmocka_unit_test(test_links_keep_only_text),
		cmocka_unit_test(test_placeholders_are_kept),
		cmocka_unit_test(test_table_cells),
		cmocka_unit_test(test_bullets_and_ordered_lists),
		cmocka_unit_test(test_code_fence_and_quote),
		cmocka_unit_test(test_html_escapes_and_underscores),
		cmocka_unit_test(test_blocks_variants),
		cmocka_unit_test(test_format_detected_from_name),
		cmocka_unit_test(test_markdown_crlf_positions),
	};

	return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
