/*
 * test_segment.c - sections (numbering, headings, labels, nesting) and
 * sentences (src/lib/segment.c). The static helpers heading_like() and
 * no_break_before() are reached by including the module.
 */
#include "unit.h"

#include "../../src/lib/segment.c"

/* Asserts section i of doc: number, heading, label, depth. */
static void assert_section(const clint_doc *doc, size_t i, const char *number,
                           const char *heading, const char *label,
                           unsigned depth)
{
	clint_section s;

	if (i >= clint_doc_section_count(doc))
		fail_msg("no section %zu (the document has %zu)", i,
		         clint_doc_section_count(doc));
	assert_int_equal(clint_doc_section(doc, i, &s), CLINT_OK);
	assert_string_equal(s.number, number);
	assert_string_equal(s.heading, heading);
	assert_string_equal(s.label, label);
	assert_int_equal(s.depth, depth);
}

/* The one section of a one-block document. */
static void one_section(const char *text, const char *number,
                        const char *heading, const char *label)
{
	clint_doc *doc = unit_text(text);

	assert_int_equal(clint_doc_section_count(doc), 1);
	assert_section(doc, 0, number, heading, label, 1);
	clint_doc_free(doc);
}

static void test_decimal_numbering(void **state)
{
	(void)state;
	one_section("1. Definitions\n", "1", "Definitions",
	            "\xC2\xA7 1 Definitions");
	one_section("1.1 Scope of Work\n", "1.1", "Scope of Work",
	            "\xC2\xA7 1.1 Scope of Work");
	one_section("1.1.1 The Supplier shall provide the services daily.\n",
	            "1.1.1", "", "\xC2\xA7 1.1.1");
	one_section("12) PAYMENT TERMS\n", "12", "PAYMENT TERMS",
	            "\xC2\xA7 12 PAYMENT TERMS");
}

static void test_item_numbering(void **state)
{
	(void)state;
	one_section("(a) the first item of the list;\n", "(a)", "", "(a)");
	one_section("(iv) the fourth item of the list;\n", "(iv)", "", "(iv)");
	one_section("(B) an upper-case item;\n", "(B)", "", "(B)");
	one_section("(3) a numbered item;\n", "(3)", "", "(3)");
}

static void test_word_numbering(void **state)
{
	(void)state;
	one_section("Article IV\n", "IV", "", "Article IV");
	one_section("ARTICLE 3 - TERM AND TERMINATION\n", "3",
	            "TERM AND TERMINATION", "Article 3 TERM AND TERMINATION");
	one_section("Section 7.2 Payment Terms\n", "7.2", "Payment Terms",
	            "\xC2\xA7 7.2 Payment Terms");
	/* a Clause is cited like a Section */
	one_section("Clause 9 Liability\n", "9", "Liability",
	            "\xC2\xA7 9 Liability");
	one_section("Schedule A Pricing\n", "A", "Pricing", "Schedule A Pricing");
	one_section("Exhibit B\n", "B", "", "Exhibit B");
	one_section("Annex 1: Service Levels\n", "1", "Service Levels",
	            "Annex 1 Service Levels");
	one_section("Appendix 2 - Exit Plan\n", "2", "Exit Plan",
	            "Appendix 2 Exit Plan");
}

static void test_unnumbered_headings(void **state)
{
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = unit_text("CONFIDENTIALITY\n\n"
	                "Each party shall keep the information secret.\n\n"
	                "Limitation of Liability\n\n"
	                "Neither party excludes liability for fraud.\n");
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_section(doc, 0, "", "CONFIDENTIALITY", "CONFIDENTIALITY", 1);
	assert_section(doc, 1, "", "Limitation of Liability",
	               "Limitation of Liability", 1);
	/* the heading blocks are marked as headings */
	assert_int_equal(clint_doc_block(doc, 0, &b), CLINT_OK);
	assert_int_equal(b.type, CLINT_BLOCK_HEADING);
	assert_int_equal(clint_doc_block(doc, 1, &b), CLINT_OK);
	assert_int_equal(b.type, CLINT_BLOCK_PARAGRAPH);
	clint_doc_free(doc);
}

static void test_runin_heading(void **state)
{
	clint_doc *doc;
	clint_block b;

	(void)state;
	one_section("9.2 Service Credits. If the Supplier fails to meet a Service "
	            "Level, it shall credit the Client.\n",
	            "9.2", "Service Credits", "\xC2\xA7 9.2 Service Credits");
	one_section("4.1 Fees: The Client shall pay the fees.\n", "4.1", "Fees",
	            "\xC2\xA7 4.1 Fees");
	one_section("4.2 Invoicing - Invoices are issued monthly.\n", "4.2",
	            "Invoicing", "\xC2\xA7 4.2 Invoicing");
	/* a sentence is not a heading */
	one_section("4.3 The Client shall pay. Late amounts bear interest.\n",
	            "4.3", "", "\xC2\xA7 4.3");
	/* a run-in heading does not make the block a heading */
	doc = unit_text("9.2 Service Credits. If the Supplier fails, it pays.\n");
	assert_int_equal(clint_doc_block(doc, 0, &b), CLINT_OK);
	assert_int_equal(b.type, CLINT_BLOCK_PARAGRAPH);
	clint_doc_free(doc);
}

static void test_items_under_articles(void **state)
{
	clint_doc *doc;

	(void)state;
	/* an Article cannot be cited with a section sign: its items are
	 * labelled after it */
	doc = unit_text("ARTICLE IV - CHARGES\n"
	                "(a) monthly charges;\n"
	                "(i) the base fee;\n");
	assert_int_equal(clint_doc_section_count(doc), 3);
	assert_section(doc, 0, "IV", "CHARGES", "Article IV CHARGES", 1);
	assert_section(doc, 1, "(a)", "", "Article IV CHARGES (a)", 2);
	assert_section(doc, 2, "(i)", "", "Article IV CHARGES (a) (i)", 3);
	clint_doc_free(doc);
}

static void test_untitled_clause_names_ancestor(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("4. FEES\n"
	                "4.1 The Client shall pay the fees within 30 days.\n");
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_section(doc, 0, "4", "FEES", "\xC2\xA7 4 FEES", 1);
	assert_section(doc, 1, "4.1", "", "\xC2\xA7 4.1 (FEES)", 2);
	clint_doc_free(doc);
}

static const char nested_doc[] =
	"Preamble text comes first.\n"
	"9. Service Levels\n"
	"9.2 Service Credits. If the Supplier misses a level, it credits:\n"
	"(a) five per cent for the first miss; and\n"
	"(b) ten per cent thereafter.\n"
	"10. Term\n"
	"The Agreement lasts two years.\n";

/* A designator longer than MAX_DESIGNATOR_BYTES is not a number: each
 * item under it used to copy it into its cite and label. */
static void test_long_designator_not_a_number(void **state)
{
	char text[128], number[40], label[2][64];
	clint_doc *doc;

	(void)state;
	memset(number, '1', MAX_DESIGNATOR_BYTES);
	number[MAX_DESIGNATOR_BYTES] = '\0';
	snprintf(label[0], sizeof(label[0]), "\xC2\xA7 %s", number);
	snprintf(label[1], sizeof(label[1]), "\xC2\xA7 %s(a)", number);
	snprintf(text, sizeof(text), "Section %s\n\n(a) x\n", number);
	doc = unit_text(text);
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_section(doc, 0, number, "", label[0], 1);
	assert_section(doc, 1, "(a)", "", label[1], 2);
	clint_doc_free(doc);

	/* one more digit: a short line read as a plain heading, not a
	 * numbered Section */
	snprintf(text, sizeof(text), "Section %s1\n\n(a) x\n", number);
	doc = unit_text(text);
	assert_int_equal(clint_doc_section_count(doc), 2);
	snprintf(label[0], sizeof(label[0]), "Section %s1", number);
	snprintf(label[1], sizeof(label[1]), "Section %s1 (a)", number);
	assert_section(doc, 0, "", label[0], label[0], 1);
	assert_section(doc, 1, "(a)", "", label[1], 2);
	clint_doc_free(doc);
}

/* Checks the labels of "# heading" with an item "(a)" below it, and with
 * an untitled clause "1.1": each holds `want`, what the labels take from
 * the heading. */
static void assert_label_parts(const char *heading, const char *want)
{
	char md[800];
	clint_doc *doc;
	clint_section s;

	snprintf(md, sizeof(md), "# %s\n\n(a) x\n", heading);
	doc = unit_md(md);
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_section(doc, 0, "", heading, want, 1);
	assert_int_equal(clint_doc_section(doc, 1, &s), CLINT_OK);
	assert_true(clint_utf8_valid(s.label, strlen(s.label)));
	/* an item's label is its parent's, whole, and its number */
	assert_memory_equal(s.label, want, strlen(want));
	assert_string_equal(s.label + strlen(want), " (a)");
	clint_doc_free(doc);

	/* an untitled clause names its ancestor the same way */
	snprintf(md, sizeof(md), "# %s\n\n1.1 x\n", heading);
	doc = unit_md(md);
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_int_equal(clint_doc_section(doc, 1, &s), CLINT_OK);
	assert_memory_equal(s.label, "\xC2\xA7 1.1 (", 8);
	assert_memory_equal(s.label + 8, want, strlen(want));
	assert_string_equal(s.label + 8 + strlen(want), ")");
	clint_doc_free(doc);
}

/* What a label takes from a heading, its own or its titled ancestor's, is
 * cut to MAX_LABEL_HEADING_BYTES with its ellipsis, after a word, or on a
 * UTF-8 boundary in a long word; the section keeps its heading whole. The label
 * is in every finding of the section: a heading of 4 KB was copied into
 * each. */
static void test_label_parts_bounded(void **state)
{
	char heading[700], want[300];
	size_t i, n = 0;

	(void)state;
	/* the cut (MAX_LABEL_HEADING_BYTES - 3) falls inside a two-byte letter,
	 * in a word that fills the whole label */
	for (i = 0; i < MAX_LABEL_HEADING_BYTES - 4; i++)
		heading[n++] = 'A';
	for (i = 0; i < 200; i++) {
		heading[n++] = '\xC3';
		heading[n++] = '\x89'; /* É */
	}
	heading[n] = '\0';
	snprintf(want, sizeof(want), "%.*s\xE2\x80\xA6", MAX_LABEL_HEADING_BYTES - 4,
	         heading);
	assert_int_equal(strlen(want), MAX_LABEL_HEADING_BYTES - 1);
	assert_label_parts(heading, want);

	/* words: the last one the cut reaches is left out, and the space
	 * before it */
	for (n = 0; n < 600; n += 10)
		memcpy(heading + n, "Servicing ", 10);
	heading[n - 1] = '\0';
	/* 25 words of 10 bytes reach byte 250; the cut at 253 is inside the
	 * 26th */
	snprintf(want, sizeof(want), "%.*s\xE2\x80\xA6", 249, heading);
	assert_label_parts(heading, want);
}

/* Items below a part without a cite (an Article) take its label whole,
 * though it is longer than a heading's cut with the "Article IV" before
 * it: cut again, each level lost a word and "(i)" lost its "(a)". */
static void test_item_labels_keep_parents(void **state)
{
	char md[1200], want[700];
	clint_doc *doc;
	clint_section s[3];
	size_t i, n = 0;

	(void)state;
	n += (size_t)snprintf(md, sizeof(md), "# Article IV");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(md + n, sizeof(md) - n, " Servicing%zu", i);
	snprintf(md + n, sizeof(md) - n,
	         "\n\n(a) The Supplier shall:\n\n(i) use reasonable efforts.\n");
	doc = unit_md(md);
	assert_int_equal(clint_doc_section_count(doc), 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(clint_doc_section(doc, i, &s[i]), CLINT_OK);
	assert_true(strlen(s[0].heading) > MAX_LABEL_HEADING_BYTES);
	assert_true(strlen(s[0].label) > MAX_LABEL_HEADING_BYTES);
	assert_true(strlen(s[0].label) <=
	            strlen("Article IV ") + MAX_LABEL_HEADING_BYTES);
	assert_memory_equal(s[0].label + strlen(s[0].label) - 3, "\xE2\x80\xA6",
	                    3);
	snprintf(want, sizeof(want), "%s (a)", s[0].label);
	assert_string_equal(s[1].label, want);
	snprintf(want, sizeof(want), "%s (a) (i)", s[0].label);
	assert_string_equal(s[2].label, want);
	clint_doc_free(doc);
}

/* A heading block is kept up to MAX_HEADING_KEPT bytes, cut on a UTF-8
 * boundary with an ellipsis: a 100 KB Markdown heading was copied whole
 * into the heading and the label. */
static void test_long_heading_cut(void **state)
{
	size_t n = 100000, i, len;
	char *md = malloc(n + 16);
	clint_doc *doc;
	clint_section s;

	(void)state;
	assert_non_null(md);
	memcpy(md, "# ", 2);
	/* byte MAX_HEADING_KEPT of the heading falls inside an "É" */
	for (i = 2; i < MAX_HEADING_KEPT + 1; i++)
		md[i] = 'A';
	for (; i + 2 < n; i += 2)
		memcpy(md + i, "\xC3\x89", 2);
	memcpy(md + i, "\n\nx\n", 5); /* with its NUL */
	doc = unit_md(md);
	assert_int_equal(clint_doc_section_count(doc), 1);
	assert_int_equal(clint_doc_section(doc, 0, &s), CLINT_OK);
	len = strlen(s.heading);
	assert_int_equal(len, MAX_HEADING_KEPT - 1 + 3);
	assert_memory_equal(s.heading + len - 3, "\xE2\x80\xA6", 3);
	assert_true(clint_utf8_valid(s.heading, len));
	/* the label takes its first MAX_LABEL_HEADING_BYTES, with the ellipsis */
	assert_int_equal(strlen(s.label), MAX_LABEL_HEADING_BYTES);
	assert_memory_equal(s.label, s.heading, MAX_LABEL_HEADING_BYTES - 3);
	assert_string_equal(s.label + MAX_LABEL_HEADING_BYTES - 3, "\xE2\x80\xA6");
	clint_doc_free(doc);
	free(md);
}

static void test_nesting(void **state)
{
	clint_doc *doc;
	clint_section s;

	(void)state;
	doc = unit_text(nested_doc);
	assert_int_equal(clint_doc_section_count(doc), 5);
	assert_section(doc, 0, "9", "Service Levels", "\xC2\xA7 9 Service Levels",
	               1);
	assert_section(doc, 1, "9.2", "Service Credits",
	               "\xC2\xA7 9.2 Service Credits", 2);
	/* lettered items are cited the lawyer's way, named after the nearest
	 * titled ancestor */
	assert_section(doc, 2, "(a)", "", "\xC2\xA7 9.2(a) (Service Credits)", 3);
	assert_section(doc, 3, "(b)", "", "\xC2\xA7 9.2(b) (Service Credits)", 3);
	assert_section(doc, 4, "10", "Term", "\xC2\xA7 10 Term", 1);

	assert_int_equal(clint_doc_section(doc, 0, &s), CLINT_OK);
	assert_int_equal(s.parent, CLINT_NO_SECTION);
	assert_int_equal(s.start, unit_offset(doc, "9. Service"));
	/* a section ends where the next one of its rank or above begins */
	assert_int_equal(s.end, unit_offset(doc, "10. Term"));
	assert_int_equal(clint_doc_section(doc, 1, &s), CLINT_OK);
	assert_int_equal(s.parent, 0);
	assert_int_equal(s.end, unit_offset(doc, "10. Term"));
	assert_int_equal(clint_doc_section(doc, 2, &s), CLINT_OK);
	assert_int_equal(s.parent, 1);
	assert_int_equal(s.end, unit_offset(doc, "(b)"));
	assert_int_equal(clint_doc_section(doc, 3, &s), CLINT_OK);
	assert_int_equal(s.parent, 1);
	assert_int_equal(clint_doc_section(doc, 4, &s), CLINT_OK);
	assert_int_equal(s.parent, CLINT_NO_SECTION);
	/* the last section runs to the end of the text */
	assert_int_equal(s.end, strlen(nested_doc));
	assert_int_equal(clint_doc_section(doc, 5, &s), CLINT_EINVAL);
	clint_doc_free(doc);
}

static void test_section_at(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text(nested_doc);
	assert_int_equal(clint_doc_section_at(doc, 0), CLINT_NO_SECTION);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "Preamble") + 5),
	                 CLINT_NO_SECTION);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "9. Service")),
	                 0);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "Levels")), 0);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "misses")), 1);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "first miss")),
	                 2);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "thereafter")),
	                 3);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "two years")),
	                 4);
	assert_int_equal(clint_doc_section_at(NULL, 0), CLINT_NO_SECTION);
	clint_doc_free(doc);
}

static void test_section_at_after_child_ends(void **state)
{
	clint_doc *doc;

	(void)state;
	/* 2.1 closes the (a) item of 2. and nests in 2. itself */
	doc = unit_text("2. Fees\n"
	                "(a) monthly fees;\n"
	                "2.1 Expenses are paid at cost.\n"
	                "3. Term\n");
	assert_int_equal(clint_doc_section_count(doc), 4);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "monthly")), 1);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "at cost")), 2);
	assert_int_equal(clint_doc_section_at(doc, unit_offset(doc, "Term")), 3);
	clint_doc_free(doc);
}

static void test_references_are_not_sections(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("Section 7.2 of this Agreement applies to all fees.\n\n"
	                "Clause 9 shall survive termination.\n\n"
	                "12 months after the Effective Date the Client may "
	                "terminate.\n\n"
	                "2024. The year of signing.\n");
	assert_int_equal(clint_doc_section_count(doc), 0);
	clint_doc_free(doc);
}

static int hl(const char *s)
{
	return clint_heading_line(s, strlen(s));
}

static void test_heading_line(void **state)
{
	(void)state;
	assert_true(hl("SERVICES"));
	assert_true(hl("  Limitation of Liability  "));
	assert_true(hl("12. PAYMENT TERMS"));
	assert_true(hl("Fees and Payment:"));
	assert_true(hl("Article IV - Charges"));
	assert_false(hl("The Supplier shall provide the services."));
	assert_false(hl(""));
	assert_false(hl("A"));
	assert_false(hl("1."));
	assert_false(hl("Fees. Payment"));
	assert_false(hl("a lower case start"));
	/* too many words for a heading */
	assert_false(hl("One Two Three Four Five Six Seven Eight Nine Ten Eleven "
	                "Twelve Thirteen"));
}

/* ---- sentences ------------------------------------------------------------- */

/* Asserts that the text has exactly the sentences given, NULL-terminated. */
static void assert_sentences(const char *text, ...)
{
	clint_doc *doc = unit_text(text);
	const char *expect;
	size_t i = 0, a, b;
	va_list ap;

	va_start(ap, text);
	while ((expect = va_arg(ap, const char *)) != NULL) {
		if (i >= clint_doc_sentence_count(doc))
			fail_msg("only %zu sentences in '%s'", i, text);
		assert_int_equal(clint_doc_sentence(doc, i, &a, &b), CLINT_OK);
		unit_assert_slice(doc, a, b, expect);
		i++;
	}
	va_end(ap);
	if (clint_doc_sentence_count(doc) != i)
		fail_msg("%zu sentences in '%s', expected %zu",
		         clint_doc_sentence_count(doc), text, i);
	clint_doc_free(doc);
}

static void test_sentence_breaks(void **state)
{
	(void)state;
	assert_sentences("The Supplier shall perform. The Client shall pay.",
	                 "The Supplier shall perform.", "The Client shall pay.",
	                 NULL);
	assert_sentences("Is it due? Yes! \"Quoted\" starts here.", "Is it due?",
	                 "Yes!", "\"Quoted\" starts here.", NULL);
	assert_sentences("It ends (in brackets.) Then more.",
	                 "It ends (in brackets.)", "Then more.", NULL);
	/* no break before a lower-case word */
	assert_sentences("Fees are due. and then more.",
	                 "Fees are due. and then more.", NULL);
}

static void test_sentence_abbreviations(void **state)
{
	(void)state;
	assert_sentences("Use tools, e.g. Excel for tracking. The Client pays.",
	                 "Use tools, e.g. Excel for tracking.", "The Client pays.",
	                 NULL);
	assert_sentences("The Supplier is Acme Inc. Holdings of Delaware. It pays.",
	                 "The Supplier is Acme Inc. Holdings of Delaware.",
	                 "It pays.", NULL);
	assert_sentences("See Order No. 5 for details. The Client pays.",
	                 "See Order No. 5 for details.", "The Client pays.", NULL);
	assert_sentences("Data stays in the U.S. Government cloud. It is safe.",
	                 "Data stays in the U.S. Government cloud.", "It is safe.",
	                 NULL);
	assert_sentences("Signed by J. Smith for the Client. Done.",
	                 "Signed by J. Smith for the Client.", "Done.", NULL);
	assert_sentences("Charges under \xC2\xA7 4.1 Fees apply. The Client pays.",
	                 "Charges under \xC2\xA7 4.1 Fees apply.",
	                 "The Client pays.", NULL);
}

static void test_sentence_clause_number(void **state)
{
	(void)state;
	/* the number opening a block is not a sentence */
	assert_sentences("1. The Supplier shall perform. The Client pays.",
	                 "1. The Supplier shall perform.", "The Client pays.",
	                 NULL);
	assert_sentences("IV. The Term begins. It ends.", "IV. The Term begins.",
	                 "It ends.", NULL);
}

/* A clause number inside running text starts a new sentence: filed
 * contracts lose the line break before it. */
static void test_sentence_inline_clause_number(void **state)
{
	(void)state;
	assert_sentences("in your online activities 6. iPass and Reseller agree.",
	                 "in your online activities",
	                 "6. iPass and Reseller agree.", NULL);
	assert_sentences("The terms are as follows: 13.1.1 The Term begins.",
	                 "The terms are as follows:", "13.1.1 The Term begins.",
	                 NULL);
	assert_sentences("Customer shall: 7.1.2 notify Supplier; 7.1.3 pay.",
	                 "Customer shall:", "7.1.2 notify Supplier;", "7.1.3 pay.",
	                 NULL);
	assert_sentences("the Arena 4.2 Newegg shall pay.", "the Arena",
	                 "4.2 Newegg shall pay.", NULL);
	/* after a full stop the number opens the next sentence, whole */
	assert_sentences("Fees are due monthly. 6. The Client pays.",
	                 "Fees are due monthly.", "6. The Client pays.", NULL);
	assert_sentences("agree as follows: 1. Scope of Work. It is.",
	                 "agree as follows:", "1. Scope of Work.", "It is.", NULL);
}

/* ... but a number after a reference word, an abbreviation or a date is not
 * a clause, nor is a decimal. */
static void test_sentence_number_not_clause(void **state)
{
	(void)state;
	assert_sentences("as set out in Section 6. The Client pays.",
	                 "as set out in Section 6.", "The Client pays.", NULL);
	assert_sentences("under Sections 6, 7. or clause 9.1 Fees apply.",
	                 "under Sections 6, 7. or clause 9.1 Fees apply.", NULL);
	assert_sentences("The fee rises by 6.5 % a year.",
	                 "The fee rises by 6.5 % a year.", NULL);
	assert_sentences("a fee of USD 6.5 Million a year.",
	                 "a fee of USD 6.5 Million a year.", NULL);
	assert_sentences("a rate of 6.5 percent a year.",
	                 "a rate of 6.5 percent a year.", NULL);
	assert_sentences("See Order No. 6 for details.",
	                 "See Order No. 6 for details.", NULL);
	assert_sentences("Sales in the U.S. 6 times a year.",
	                 "Sales in the U.S. 6 times a year.", NULL);
	assert_sentences("Made in the U.S. 6. The Client pays.",
	                 "Made in the U.S. 6.", "The Client pays.", NULL);
	assert_sentences("a fee of USD 6. The Client pays.", "a fee of USD 6.",
	                 "The Client pays.", NULL);
	assert_sentences("the total shall not exceed 6. It is capped.",
	                 "the total shall not exceed 6.", "It is capped.", NULL);
	assert_sentences("signed on January 6. The Client pays.",
	                 "signed on January 6.", "The Client pays.", NULL);
	assert_sentences("paid within 6 months of the date.",
	                 "paid within 6 months of the date.", NULL);
	assert_sentences("a term of 2019. The Client pays.",
	                 "a term of 2019.", "The Client pays.", NULL);
	assert_sentences("Charges under \xC2\xA7 4.1 Fees apply.",
	                 "Charges under \xC2\xA7 4.1 Fees apply.", NULL);
}

static void test_sentences_per_block(void **state)
{
	clint_doc *doc;
	size_t a, b;

	(void)state;
	/* a block ends a sentence even without a full stop */
	doc = unit_text("First block without stop\n\nSecond block. Third one\n");
	assert_int_equal(clint_doc_sentence_count(doc), 3);
	assert_int_equal(clint_doc_sentence(doc, 0, &a, &b), CLINT_OK);
	unit_assert_slice(doc, a, b, "First block without stop");
	assert_int_equal(clint_doc_sentence(doc, 2, &a, &b), CLINT_OK);
	unit_assert_slice(doc, a, b, "Third one");
	assert_int_equal(clint_doc_sentence(doc, 3, &a, &b), CLINT_EINVAL);
	/* sentences are found by their norm offsets */
	assert_int_equal(clint_doc_sentence_at_norm(doc, 0), 0);
	assert_int_equal(clint_doc_sentence_at_norm(doc, doc->norm_len - 1), 2);
	clint_doc_free(doc);
}

static void test_no_break_before(void **state)
{
	const char *s = "see e.g. this";

	(void)state;
	assert_true(no_break_before(s, 0, 7));   /* "e.g." */
	assert_true(no_break_before("Acme Inc.", 0, 8));
	assert_true(no_break_before("1.2.", 0, 3));
	assert_false(no_break_before("x 1.2.", 0, 5)); /* not at block start */
	assert_true(no_break_before("x 1.2.", 2, 5)); /* at sentence start */
	assert_false(no_break_before("It ends.", 0, 7));
	assert_false(no_break_before(".", 0, 0));
}

/* Past CLINT_MAX_SECTIONS a heading is text of the last section, which
 * runs to the end: a file of headings cannot fill memory with them. */
static void test_sections_bounded(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	size_t k;

	(void)state;
	for (k = 0; k < CLINT_MAX_SECTIONS + 50; k++)
		assert_int_equal(clint_buf_puts(&b, "# a\n"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "The Supplier shall pay.\n"), CLINT_OK);
	doc = unit_md(b.data);
	assert_int_equal(clint_doc_analyse(doc), CLINT_OK);
	assert_int_equal(doc->section_count, CLINT_MAX_SECTIONS);
	assert_int_equal(doc->sections[CLINT_MAX_SECTIONS - 1].end, doc->text_len);
	assert_int_equal(doc->sections[CLINT_MAX_SECTIONS - 1].norm_end,
	                 doc->norm_len);
	clint_doc_free(doc);
	clint_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_numbering),
		cmocka_unit_test(test_item_numbering),
		cmocka_unit_test(test_word_numbering),
		cmocka_unit_test(test_unnumbered_headings),
		cmocka_unit_test(test_runin_heading),
		cmocka_unit_test(test_items_under_articles),
		cmocka_unit_test(test_untitled_clause_names_ancestor),
		cmocka_unit_test(test_long_designator_not_a_number),
		cmocka_unit_test(test_label_parts_bounded),
		cmocka_unit_test(test_item_labels_keep_parents),
		cmocka_unit_test(test_long_heading_cut),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_section_at),
		cmocka_unit_test(test_section_at_after_child_ends),
		cmocka_unit_test(test_references_are_not_sections),
		cmocka_unit_test(test_heading_line),
		cmocka_unit_test(test_sentence_breaks),
		cmocka_unit_test(test_sentence_abbreviations),
		cmocka_unit_test(test_sentence_clause_number),
		cmocka_unit_test(test_sentence_inline_clause_number),
		cmocka_unit_test(test_sentence_number_not_clause),
		cmocka_unit_test(test_sentences_per_block),
		cmocka_unit_test(test_no_break_before),
		cmocka_unit_test(test_sections_bounded),
	};

	return cmocka_run_group_tests_name("segment", tests, NULL, NULL);
}
