/*
 * test_hygiene.c - the drafting-hygiene checks (src/lib/hygiene.c) and the
 * defined terms the segmenter finds for them (clint_find_definitions in
 * src/lib/segment.c, read through the public clint_doc_definition API).
 * The static helpers (bracket_placeholder, parse_date, one_edit) are
 * reached by including the module.
 */
#include "unit.h"

#include <ctype.h>

#include "../../src/lib/hygiene.c"

/* ---- collecting the hits of one check ----------------------------------- */

typedef struct {
	size_t count;
	size_t start[32], end[32];
	char msg[32][512];
} hits;

static int collect(void *ctx, size_t start, size_t end, char *detail)
{
	hits *h = ctx;

	if (h->count < 32) {
		h->start[h->count] = start;
		h->end[h->count] = end;
		snprintf(h->msg[h->count], sizeof(h->msg[0]), "%s", detail);
	}
	h->count++;
	free(detail);
	return CLINT_OK;
}

/* Runs check `id` on `text` (plain text) into *h. */
/* Runs check `id` on `doc` under `cpu` (NULL: no limit) into *h. */
static void run_doc(clint_check_id id, const clint_doc *doc, clint_budget *cpu,
                    hits *h)
{
	memset(h, 0, sizeof(*h));
	assert_int_equal(clint_run_check(id, doc, cpu, collect, h), CLINT_OK);
}

static void run(clint_check_id id, const char *text, hits *h)
{
	clint_doc *doc = unit_text(text);

	run_doc(id, doc, NULL, h);
	clint_doc_free(doc);
}

/* The text of hit i of the last run on `text`. */
static void assert_hit(const char *text, const hits *h, size_t i,
                       const char *words, const char *msg_part)
{
	size_t n = strlen(words);

	if (i >= h->count)
		fail_msg("no hit %zu (%zu hits)", i, h->count);
	assert_int_equal(h->end[i] - h->start[i], n);
	assert_memory_equal(text + h->start[i], words, n);
	if (!strstr(h->msg[i], msg_part))
		fail_msg("message '%s' lacks '%s'", h->msg[i], msg_part);
}

/* ---- definitions (segment.c) ------------------------------------------------ */

static void assert_definition(const clint_doc *doc, size_t i, const char *term,
                              clint_definition_form form, const char *def)
{
	clint_definition d;
	const char *t = clint_doc_text(doc, NULL);

	if (i >= clint_doc_definition_count(doc))
		fail_msg("no definition %zu (%zu found)", i,
		         clint_doc_definition_count(doc));
	assert_int_equal(clint_doc_definition(doc, i, &d), CLINT_OK);
	assert_string_equal(d.term, term);
	assert_int_equal(d.form, form);
	assert_memory_equal(t + d.start, term, strlen(term));
	if (def) {
		assert_int_equal(d.def_end - d.def_start, strlen(def));
		assert_memory_equal(t + d.def_start, def, strlen(def));
	}
}

static void test_definition_forms(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text(
		"This Agreement is made between Harrow Quay Foods Limited (the "
		"\"Customer\") and Brindle Ledger Limited (hereinafter referred to as "
		"the \"Supplier\"), each a \"Party\" and together the \"Parties\".\n"
		"1. DEFINITIONS\n"
		"\"Charges\" means the charges in Schedule 2.\n"
		"\"Business Day\": a day other than a Saturday or a Sunday.\n"
		"Service Level means each level in Schedule 3.\n"
		"The Supplier shall provide the payroll services (the \"Services\").\n"
		"The \"Payroll Data\" shall have the meaning given in clause 9.\n");
	assert_int_equal(clint_doc_definition_count(doc), 9);
	assert_definition(doc, 0, "Customer", CLINT_DEFINITION_INLINE, NULL);
	assert_definition(doc, 1, "Supplier", CLINT_DEFINITION_INLINE, NULL);
	assert_definition(doc, 2, "Party", CLINT_DEFINITION_INLINE, NULL);
	assert_definition(doc, 3, "Parties", CLINT_DEFINITION_INLINE, NULL);
	assert_definition(doc, 4, "Charges", CLINT_DEFINITION_MEANS,
	                  "the charges in Schedule 2");
	assert_definition(doc, 5, "Business Day", CLINT_DEFINITION_MEANS,
	                  "a day other than a Saturday or a Sunday");
	assert_definition(doc, 6, "Service Level", CLINT_DEFINITION_TABLE,
	                  "each level in Schedule 3");
	assert_definition(doc, 7, "Services", CLINT_DEFINITION_INLINE,
	                  "The Supplier shall provide the payroll services");
	assert_definition(doc, 8, "Payroll Data", CLINT_DEFINITION_MEANS, NULL);
	/* a pointer to another definition is marked as such */
	assert_false(doc->definitions[4].pointer);
	assert_true(doc->definitions[8].pointer);
	/* parties are defined in the preamble, before clause 1 */
	assert_true(doc->definitions[0].preamble);
	assert_false(doc->definitions[4].preamble);
	clint_doc_free(doc);
}

static void test_definitions_curly_quotes_markdown(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("## 1. Definitions\n\n"
	              "**\xE2\x80\x9C" "Exit Plan\xE2\x80\x9D** means the plan for exit.\n\n"
	              "The fee (the \xE2\x80\x9C" "Charges\xE2\x80\x9D) is fixed.\n");
	assert_int_equal(clint_doc_definition_count(doc), 2);
	assert_definition(doc, 0, "Exit Plan", CLINT_DEFINITION_MEANS, NULL);
	assert_definition(doc, 1, "Charges", CLINT_DEFINITION_INLINE, NULL);
	clint_doc_free(doc);
}

static void test_not_definitions(void **state)
{
	clint_doc *doc;

	(void)state;
	/* quotations, titles and references are not definitions */
	doc = unit_text("The Supplier marked it \"Confidential\" and sent it.\n"
	                "Products designated as a \"Special Item\" ship first.\n"
	                "See Section 1.44 (\"Drug Approval Application\").\n"
	                "He said \"we will see\" and left.\n");
	assert_int_equal(clint_doc_definition_count(doc), 0);
	assert_int_equal(clint_doc_definition(doc, 0, &(clint_definition){0}),
	                 CLINT_EINVAL);
	clint_doc_free(doc);
}

static void test_definitions_bounded(void **state)
{
	char *buf;
	size_t i, n = 0, cap = (CLINT_MAX_DEFINITIONS + 100) * 40;
	clint_doc *doc;

	(void)state;
	buf = malloc(cap);
	assert_non_null(buf);
	for (i = 0; i < CLINT_MAX_DEFINITIONS + 100; i++)
		n += (size_t)snprintf(buf + n, cap - n, "\"Term %zu\" means x.\n", i);
	doc = unit_doc_n("many.txt", buf, n, CLINT_INPUT_TEXT, NULL);
	assert_int_equal(clint_doc_definition_count(doc), CLINT_MAX_DEFINITIONS);
	clint_doc_free(doc);
	free(buf);
}

/* The defining words lose their trailing punctuation, then are cut to 600
 * bytes (MAX_DEF_BYTES in segment.c): a text cut there keeps what it had
 * at the cut. The walk over the trailing punctuation is bounded by the cut,
 * since every definition in a sentence shares its end; a longer run ends no
 * real sentence and is trimmed from the cut. */
static void test_definition_text_trimmed(void **state)
{
	char text[2400], words[760], want[620];
	clint_doc *doc;
	size_t i, n = 0;

	(void)state;
	doc = unit_text("\"Charges\" means the fees in Schedule 2, ;.\n");
	assert_definition(doc, 0, "Charges", CLINT_DEFINITION_MEANS,
	                  "the fees in Schedule 2");
	clint_doc_free(doc);

	for (i = 0; i < 150; i++)
		n += (size_t)snprintf(words + n, sizeof(words) - n, "word ");
	snprintf(want, sizeof(want), "%.600s", words);
	snprintf(text, sizeof(text), "\"Charges\" means %send.\n", words);
	doc = unit_text(text);
	assert_definition(doc, 0, "Charges", CLINT_DEFINITION_MEANS, want);
	clint_doc_free(doc);

	/* the same words, then a thousand commas */
	n = (size_t)snprintf(text, sizeof(text), "\"Charges\" means %s", words);
	memset(text + n, ',', 1000);
	memcpy(text + n + 1000, "\n", 2);
	want[599] = '\0';
	doc = unit_text(text);
	assert_definition(doc, 0, "Charges", CLINT_DEFINITION_MEANS, want);
	clint_doc_free(doc);
}

/* ---- placeholders --------------------------------------------------------- */

static void test_bracket_classes(void **state)
{
	(void)state;
	/* placeholders */
	assert_non_null(bracket_placeholder("insert date", 11, ' ', 0));
	assert_non_null(bracket_placeholder("\xE2\x97\x8F", 3, ' ', 0));
	assert_non_null(bracket_placeholder("...", 3, ' ', 0));
	assert_non_null(bracket_placeholder("XX", 2, ' ', 0));
	assert_non_null(bracket_placeholder("shall/may", 9, ' ', 1));
	assert_non_null(bracket_placeholder("Client", 6, ' ', 1));
	assert_non_null(bracket_placeholder("CLIENT NAME", 11, ' ', 0));
	/* legitimate brackets */
	assert_null(bracket_placeholder("***", 3, ' ', 1));
	assert_null(bracket_placeholder(" * * * ", 7, ' ', 1));
	assert_null(bracket_placeholder("Reserved", 8, '.', 0));
	assert_null(bracket_placeholder("Signature page follows", 22, ' ', 0));
	assert_null(bracket_placeholder("a", 1, ' ', 1));
	assert_null(bracket_placeholder("iv", 2, ' ', 1));
	assert_null(bracket_placeholder("T", 1, 'h', 1));
	assert_null(bracket_placeholder("2019", 4, ' ', 1));
	assert_null(bracket_placeholder(" ", 1, ' ', 1));
	assert_null(bracket_placeholder("x", 1, ' ', 1));
	/* a bracketed heading is not a name to fill in */
	assert_null(bracket_placeholder("Counterparts", 12, ' ', 0));
	assert_null(bracket_placeholder("COMPENSATION", 12, ' ', 1));
	assert_null(bracket_placeholder("Metric Tons / Year", 18, ' ', 1));
}

static void test_placeholders(void **state)
{
	const char *t = "The Services start on [Date] for EUR XX per month, TBD.\n"
	                "Payable within ____ days to {{account}}.\n"
	                "By: ____________\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_PLACEHOLDERS, t, &h);
	assert_int_equal(h.count, 5);
	assert_hit(t, &h, 0, "[Date]", "placeholder");
	assert_hit(t, &h, 1, "XX", "figure");
	assert_hit(t, &h, 2, "TBD", "decision");
	assert_hit(t, &h, 3, "____", "blank");
	assert_hit(t, &h, 4, "{{account}}", "template");
}

/* ---- defined terms -------------------------------------------------------- */

static const char *const terms_doc =
	"1. DEFINITIONS\n"
	"1.1 \"Business Day\" means a day other than a weekend.\n"
	"1.2 \"Charges\" means the charges in Schedule 2.\n"
	"1.3 \"Exit Plan\" means the plan for exit.\n"
	"1.4 \"Services\" means the payroll services.\n"
	"2. SERVICES\n"
	"2.1 The Supplier shall provide the Services for the Charges within one "
	"Business Day and run the Acceptance Tests; the Acceptance Tests are "
	"repeated after each release under the laws of the State of New York.\n"
	"2.2 \"Business Day\" means a day on which banks in London are open.\n";

static void test_undefined_unused_duplicate(void **state)
{
	hits h;

	(void)state;
	run(CLINT_CHECK_UNDEFINED_TERMS, terms_doc, &h);
	assert_int_equal(h.count, 1);
	assert_hit(terms_doc, &h, 0, "Acceptance Tests", "does not define");

	run(CLINT_CHECK_UNUSED_TERMS, terms_doc, &h);
	assert_int_equal(h.count, 1);
	assert_hit(terms_doc, &h, 0, "Exit Plan", "never used");

	run(CLINT_CHECK_DUPLICATE_DEFINITIONS, terms_doc, &h);
	assert_int_equal(h.count, 1);
	/* the second definition, naming both meanings and the first's line */
	assert_true(h.start[0] > (size_t)(strstr(terms_doc, "2.2") - terms_doc));
	assert_hit(terms_doc, &h, 0, "Business Day", "banks in London");
	assert_non_null(strstr(h.msg[0], "a day other than a weekend"));
	assert_non_null(strstr(h.msg[0], "line 2"));
}

/* A phrase that names a section heading, by its first words (up to a
 * space, a full stop or the end) or its last, in any case, is known. */
static void test_undefined_names_headings(void **state)
{
	const char *t =
		"1. DEFINITIONS\n\"Alpha\" means a. \"Beta\" means b. \"Gamma\" "
		"means c.\n2. Acceptance Tests. The procedure\nThe Supplier runs the "
		"Acceptance Tests and the Acceptance Tests again.\n3. Annual Service "
		"Review\nThe Parties hold the Service Review and the Service Review "
		"yearly, and the Annual Service twice: the Annual Service.\nThe "
		"Customer reads the Tests Procedure and the Tests Procedure.\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_UNDEFINED_TERMS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, "Tests Procedure", "does not define");
}

/* A definition made for one clause is compared with no other, in either
 * place of a pair: the third "Fee" is compared with the second. */
static void test_duplicate_local_definitions(void **state)
{
	const char *t =
		"1. DEFINITIONS\n1.1 For purposes of this Section only, \"Fee\" "
		"means the set-up sum.\n1.2 \"Fee\" means the monthly sum in "
		"Schedule 2.\n1.3 \"Fee\" means any amount the Supplier invoices.\n"
		"1.4 \"Term\" means two years.\n2. TERM\n2.1 As used in this clause, "
		"\"Term\" means the initial term.\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_DUPLICATE_DEFINITIONS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, "Fee", "here as 'any amount the Supplier invoices' "
	           "and at line 3 as 'the monthly sum in Schedule 2'");
}

/* find_definition() as it was, a walk through every definition: the
 * model the index must agree with. */
static long find_definition_model(const clint_doc *doc, const char *term,
                                  size_t n)
{
	size_t i;

	for (i = 0; i < doc->definition_count; i++) {
		const char *t = doc->definitions[i].term;
		size_t m = strlen(t);
		if ((m == n && memcmp(t, term, n) == 0) ||
		    (m == n && all_caps(t) && clint_ascii_ieq(t, term, n)) ||
		    (m + 1 == n && memcmp(t, term, m) == 0 && term[m] == 's') ||
		    (n + 1 == m && memcmp(t, term, n) == 0 && t[n] == 's') ||
		    (m + 2 == n && memcmp(t, term, m) == 0 && term[m] == 'e' &&
		     term[m + 1] == 's') ||
		    (m >= 2 && n >= 3 && t[m - 1] == 'y' && m + 2 == n &&
		     memcmp(t, term, m - 1) == 0 && memcmp(term + m - 1, "ies", 3) == 0) ||
		    (n >= 2 && m >= 3 && term[n - 1] == 'y' && n + 2 == m &&
		     memcmp(t, term, n - 1) == 0 && memcmp(t + n - 1, "ies", 3) == 0))
			return (long)i;
	}
	return -1;
}

/* The index finds the first definition the walk found, for every form. */
static void test_find_definition_index(void **state)
{
	static const char *const queries[] = {
		"Service Level", "Service Levels", "Service Leveles", "Services",
		"Service", "Party", "Parties", "Partys", "Escrow Agent",
		"ESCROW AGENT", "escrow agent", "ESCROW AGENTS", "Fee", "Fees",
		"Feees", "Box", "Boxes", "Company", "Companies", "Companys",
		"Territory", "Territories", "Territor", "Agreement", "agreement",
		"S", "s", "es", "ies", "y", "Sy", "Affiliate", "Affiliates",
		"Affiliat", "FEES", "fee", "Zebra", "Warranty", "Warranties",
	};
	const char *t =
		"1. DEFINITIONS\n\"Service Levels\" means the levels. \"Services\" "
		"means the work. \"Parties\" means both. \"ESCROW AGENT\" means the "
		"bank. \"Fees\" means the charges. \"Fee\" means one charge. "
		"\"Box\" means a box. \"Companies\" means firms. \"Territory\" means "
		"the area. \"Affiliate\" means a related firm. \"Warranties\" means "
		"promises. \"Agreement\" means this.\n";
	clint_doc *doc = unit_text(t);
	def_index dx = {NULL, NULL, 0, 0};
	size_t k;

	(void)state;
	assert_int_equal(clint_doc_analyse(doc), CLINT_OK);
	assert_true(doc->definition_count >= 10);
	assert_int_equal(make_def_index(doc, &dx), CLINT_OK);
	for (k = 0; k < ARRAY_LEN(queries); k++) {
		long want = find_definition_model(doc, queries[k], strlen(queries[k]));
		long got = find_definition(&dx, queries[k], strlen(queries[k]));

		if (want != got)
			fail_msg("'%s': %ld, the walk %ld", queries[k], got, want);
	}
	assert_true(find_definition(&dx, "Partys", 6) < 0);
	assert_true(find_definition(&dx, "escrow agent", 12) >= 0);
	free_def_index(&dx);
	clint_doc_free(doc);
}

/* A check whose CPU time is up stops and reports nothing more: each one
 * reads the budget as it goes (check.c then drops what it found). */
static void test_checks_stop_at_time_limit(void **state)
{
	const char *t =
		"This Agreement is made between Acme Ltd (the \"Supplier\") and Beta "
		"Ltd (the \"Customer\").\n"
		"1. DEFINITIONS\n1.1 \"Fee\" means the sum. \"Fee\" means another "
		"sum in Schedule 9. \"Term\" means two years. \"Exit Plan\" means a "
		"plan.\n"
		"1.3 Invoices are payable within thirty (45) days under clause 7.6 by "
		"[Client], and the Suppliar pays the Acceptance Tests and the "
		"Acceptance Tests on 31 February 2024 for f\xD0\xB5\xD0\xB5s of "
		"\xE2\x80\xAE" "03\xE2\x80\xAC days.\n"
		"1.3 The Customer runs the Acceptance Tests.\n"
		"1.5 Done.\n";
	clint_budget spent;
	hits h;
	int id, with_hits = 0;

	(void)state;
	clint_budget_start(&spent, 0);
	spent.over = 1;
	for (id = CLINT_CHECK_WORDS_DIGITS; id <= CLINT_CHECK_DISGUISED_WORDS; id++) {
		clint_doc *doc = unit_text(t);

		run((clint_check_id)id, t, &h);
		with_hits += h.count > 0;
		run_doc((clint_check_id)id, doc, &spent, &h);
		if (h.count)
			fail_msg("check %d: %zu hits after its time was up", id, h.count);
		clint_doc_free(doc);
	}
	assert_true(with_hits >= 8);
}

static void test_undefined_needs_definitions(void **state)
{
	hits h;

	(void)state;
	/* a document that defines nothing uses capitals its own way */
	run(CLINT_CHECK_UNDEFINED_TERMS,
	    "The Supplier shall run the Acceptance Tests. The Acceptance Tests "
	    "are repeated.\n",
	    &h);
	assert_int_equal(h.count, 0);
}

/* ---- parties ----------------------------------------------------------------- */

static void test_one_edit(void **state)
{
	(void)state;
	assert_true(one_edit("Suplier", 7, "Supplier", 8));
	assert_true(one_edit("Supplier", 8, "Suppleir", 8));
	assert_true(one_edit("Customar", 8, "Customer", 8));
	assert_false(one_edit("Supplier", 8, "Supplier", 8));
	assert_false(one_edit("Licensor", 8, "Licensee", 8));
	assert_false(one_edit("Client", 6, "Customer", 8));
}

static void test_parties(void **state)
{
	const char *t =
		"This Agreement is made between Harrow Quay Foods Limited (the "
		"\"Customer\") and Brindle Ledger Limited (the \"Supplier\").\n"
		"1. SERVICES\n"
		"1.1 The Suplier shall process the payroll for the Customer.\n"
		"1.2 The Client may claim a credit; the Client shall notify it.\n"
		"1.3 The Supplier's Licensed Software is licensed to the Customer.\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_PARTIES, t, &h);
	assert_int_equal(h.count, 2);
	assert_hit(t, &h, 0, "Suplier", "\"Supplier\"");
	/* once per wrong name, naming the parties the preamble defines */
	assert_hit(t, &h, 1, "The Client", "\"Customer\" and \"Supplier\"");
}

/* ---- dates ------------------------------------------------------------------- */

static void test_parse_date(void **state)
{
	const char *s;
	date_ref d;

	(void)state;
	s = "1st day of July, 2025";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_true(d.valid);
	assert_int_equal(date_key(&d), 20250701);
	assert_int_equal(d.end, strlen(s));
	s = "July 1, 2025";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_int_equal(date_key(&d), 20250701);
	s = "2024-02-29";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_true(d.valid);
	s = "2025-02-29";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_false(d.valid);
	s = "31 April 2026";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_false(d.valid);
	/* day/month or month/day: invalid only if both readings are */
	s = "07/31/2026";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_true(d.valid);
	s = "31/31/2026";
	assert_true(parse_date(s, 0, strlen(s), &d));
	assert_false(d.valid);
	/* not dates */
	s = "May 2025";
	assert_false(parse_date(s, 0, strlen(s), &d));
	s = "30 days";
	assert_false(parse_date(s, 0, strlen(s), &d));
	s = "Section 12.2025";
	assert_false(parse_date(s, 8, strlen(s), &d));
}

static void test_dates(void **state)
{
	const char *t =
		"1. TERM\n"
		"1.1 This Agreement is effective as of 1 July 2025 (the "
		"\"Effective Date\") and shall expire on 30 June 2024.\n"
		"1.2 Migration ends by 30 February 2026.\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_DATES, t, &h);
	assert_int_equal(h.count, 2);
	assert_hit(t, &h, 0, "30 June 2024", "before it starts on 1 July 2025");
	assert_hit(t, &h, 1, "30 February 2026", "February has 28 days");
}

/* RLO, PDF, LRO, LRE, RLI, PDI, FSI in UTF-8 */
#define RLO "\xE2\x80\xAE"
#define PDF "\xE2\x80\xAC"
#define LRO "\xE2\x80\xAD"
#define LRE "\xE2\x80\xAA"
#define RLE "\xE2\x80\xAB"
#define RLI "\xE2\x81\xA7"
#define PDI "\xE2\x81\xA9"
#define FSI "\xE2\x81\xA8"

/* Each number is compared with the previous sibling of its style: items
 * under one clause, clauses under one parent, across the other styles. */
static void test_numbering_siblings(void **state)
{
	const char *t =
		"1. SCOPE\n1.1 First.\n(a) one;\n(c) three.\n1.2 Second.\n(a) one;\n"
		"(b) two.\n1.4 Fourth.\n2. CHARGES\n2.1 Pay.\n(b) late.\n2.2 Pay.\n"
		"2.2 Again.\n(a) first;\n(a) again;\n(d) fourth.\n";
	clint_buf b = CLINT_BUF_INIT;
	hits h;
	int k;

	(void)state;
	run(CLINT_CHECK_NUMBERING, t, &h);
	assert_int_equal(h.count, 4);
	assert_hit(t, &h, 0, "(c)", "item (c) follows item (a): item (b) is missing");
	assert_hit(t, &h, 1, "1.4", "\xC2\xA7 1.4 follows \xC2\xA7 1.2: \xC2\xA7 1.3 is missing");
	assert_hit(t, &h, 2, "2.2", "\xC2\xA7 2.2 is numbered twice (also at line 12)");
	assert_hit(t, &h, 3, "(d)", "item (d) follows item (a): item (b) is missing");
	/* an item first under each of many headings has no sibling before it */
	for (k = 0; k < 20000; k++)
		assert_int_equal(clint_buf_puts(&b, "AB\n\n(a) x\n\n(c) y\n\n"), CLINT_OK);
	run(CLINT_CHECK_NUMBERING, b.data, &h);
	assert_int_equal(h.count, 20000);
	assert_true(strstr(h.msg[31], "item (c) follows item (a)") != NULL);
	clint_buf_free(&b);
}

/* Each scope with visible text in it is one hit, from the character that
 * opens it to where the bidirectional algorithm closes it or to the end
 * of the paragraph; the quote is the stored text without the characters. */
static void test_direction_controls(void **state)
{
	const char *t =
		"1. PAYMENT\n"
		"1.1 Invoices are payable within " RLO "03" PDF " days.\n"
		"1.2 Pay to " RLI "Alder " LRE "Bank" PDF " Ltd" PDI ", London.\n"
		"1.3 Empty " FSI PDI ", blank " RLO " \t\xC2\xA0\xE2\x80\x8B" PDF
		" and stray " PDF "closers" PDI ".\n"
		"1.4 Unclosed " LRO "abc\ndef\n"
		"\n"
		"2. The paragraph above ends the override.\n";
	uint32_t cp = 0;
	hits h;

	(void)state;
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 3);
	assert_hit(t, &h, 0, RLO "03" PDF,
	           "U+202E RIGHT-TO-LEFT OVERRIDE: '03' is shown in another order");
	assert_hit(t, &h, 1, RLI "Alder " LRE "Bank" PDF " Ltd" PDI,
	           "U+2067 RIGHT-TO-LEFT ISOLATE: 'Alder Bank Ltd' can be shown");
	/* a text editor ends the paragraph at the line break */
	assert_hit(t, &h, 2, LRO "abc",
	           "U+202D LEFT-TO-RIGHT OVERRIDE: 'abc' is shown");
	/* a closer of the other kind does not close the scope: a PDI with no
	 * isolate open, a PDF inside an isolate (both still show "10") */
	t = "within " RLO PDI "01" PDF " days";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, RLO PDI "01" PDF, "'01' is shown");
	t = "within " RLI PDF "01 days" PDI " of receipt";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, RLI PDF "01 days" PDI, "'01 days' can be shown");
	/* an isolate left open at the end of a line does not take the next
	 * line's PDI: a text editor ends the paragraph there */
	t = "within " RLI "\n" RLO PDI "01" PDF " days of receipt.";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, RLO PDI "01" PDF, "'01' is shown");
	/* ... while an override at the end of a line reaches past a soft
	 * break (Markdown, Word) to a blank line, even one of spaces */
	t = "within " RLO "\n30 days\n \t\nSecond paragraph 10 20.";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, RLO "\n30 days", "'30 days' is shown");
	/* a paragraph that is a line: the scope ends with it */
	t = "Pay within " RLO "30 days.\nSecond paragraph text 10 20.\nThird.";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, RLO "30 days.", "'30 days.' is shown");
	/* a PDI closes the embeddings opened inside its isolate */
	t = "a " RLI "x " RLE "y" PDI " z " RLO "w";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 2);
	assert_hit(t, &h, 0, RLI "x " RLE "y" PDI, "'x y'");
	assert_hit(t, &h, 1, RLO "w", "'w'");
	/* the quote leaves out the characters that show nothing, before and
	 * between the visible ones */
	t = "within " RLO "0" LRE PDF LRE PDF LRE PDF LRE PDF LRE PDF LRE PDF
	    LRE PDF LRE PDF LRE PDF LRE PDF LRE PDF LRE PDF LRE PDF LRE PDF
	    LRE PDF LRE PDF "1 days" PDF;
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_true(strstr(h.msg[0], ": '01 days' is shown") != NULL);
	t = "within " RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO
	    RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO RLO
	    "01 days";
	run(CLINT_CHECK_DIRECTION_CONTROLS, t, &h);
	assert_int_equal(h.count, 1);
	assert_true(strstr(h.msg[0], ": '01 days' is shown") != NULL);
	/* U+2029 and U+001E end the paragraph; nothing shows before them */
	run(CLINT_CHECK_DIRECTION_CONTROLS,
	    "pay" RLO "\xE2\x80\xA9 the Charges" RLO "\x1E" "x", &h);
	assert_int_equal(h.count, 0);
	/* each character's kind and length as the check reads it */
	{
		clint_doc *doc = unit_text(RLO PDI "\xE2\x80\xA9\xE2\x81\xA5"
		                                    "\xE2\x81\xA6" "a" PDF);
		static const struct {
			size_t at, n;
			int kind;
			uint32_t cp;
		} want[] = {
			{0, 3, 1, 0x202E}, {3, 3, -1, 0x2069},
			{6, 3, 0, 0x2029}, {9, 3, 0, 0x2065}, /* no controls */
			{12, 3, 1, 0x2066}, {15, 1, 0, 'a'}, {16, 3, -1, 0x202C},
		};
		bidi_reader rd = {doc, 0, 0, (size_t)-1, 1, 0, 0};
		size_t k, n;
		int ref;

		for (k = 0; k < ARRAY_LEN(want); k++) {
			assert_int_equal(bidi_char(&rd, want[k].at, &cp, &n, &ref),
			                 want[k].kind);
			assert_int_equal(n, want[k].n);
			assert_int_equal(cp, want[k].cp);
			assert_false(ref);
		}
		clint_doc_free(doc);
	}
	/* an opener as the last bytes, with nothing after it */
	run(CLINT_CHECK_DIRECTION_CONTROLS, "Fees" RLO, &h);
	assert_int_equal(h.count, 0);
	run(CLINT_CHECK_DIRECTION_CONTROLS, "Fees " FSI "x", &h);
	assert_int_equal(h.count, 1);
	assert_true(strstr(h.msg[0], "U+2068 FIRST STRONG ISOLATE: 'x'") != NULL);
	/* a plain text's bullet shows: it is quoted (the rules skip it) */
	run(CLINT_CHECK_DIRECTION_CONTROLS, "Fee." FSI "\n- " PDI " due.\n", &h);
	assert_int_equal(h.count, 1);
	assert_true(strstr(h.msg[0], "U+2068 FIRST STRONG ISOLATE: '-'") != NULL);
}

/* "Pay " RLI, then 124 embeddings (125 levels), then `tail`. */
static void overflow_text(clint_buf *b, const char *tail)
{
	int k;

	b->len = 0;
	assert_int_equal(clint_buf_puts(b, "Pay " RLI), CLINT_OK);
	for (k = 0; k < 124; k++)
		assert_int_equal(clint_buf_puts(b, k % 2 ? RLE : LRE), CLINT_OK);
	assert_int_equal(clint_buf_puts(b, tail), CLINT_OK);
	assert_int_equal(clint_buf_putc(b, '\0'), CLINT_OK);
}

/* In Markdown a reference is the character a viewer shows: a control
 * written "&#x202E;" reorders the text as a stored one does. */
static void test_direction_controls_markdown(void **state)
{
	const char *t =
		"Invoices are payable within &#x202E;0&#x33;&#x202C; days.\n\n"
		"Pay to **&#x2067;**Alder Bank&#x2069; and " RLO "12" PDF " more.\n\n"
		"Not: `&#x202E;x` in code, &#x202E;&#x202C; empty, " RLO "**" PDF
		" markup only, an escaped \\&#x202E;y, and &#x202Ex with no "
		"semicolon.\n";
	clint_doc *doc = unit_md(t);
	hits h;

	(void)state;
	run_doc(CLINT_CHECK_DIRECTION_CONTROLS, doc, NULL, &h);
	assert_int_equal(h.count, 3);
	/* quoted as shown: markup left out, a reference its character */
	assert_hit(t, &h, 0, "&#x202E;0&#x33;&#x202C;",
	           "U+202E RIGHT-TO-LEFT OVERRIDE: '03' is shown in another order");
	assert_hit(t, &h, 1, "&#x2067;**Alder Bank&#x2069;",
	           "U+2067 RIGHT-TO-LEFT ISOLATE: 'Alder Bank' can be shown");
	assert_hit(t, &h, 2, RLO "12" PDF, "'12' is shown");
	clint_doc_free(doc);
}

/* Past 125 levels UAX #9 counts the openers: isolates and embeddings
 * apart (X5a-X7), so a PDF does not close an isolate that overflowed, and
 * a PDI closes the embeddings that overflowed with its isolate. */
static void test_direction_controls_overflow(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	hits h;

	(void)state;
	/* RLI PDF PDI past the limit: the first isolate is still open */
	overflow_text(&b, RLI PDF PDI "10 or 20 or 30");
	run(CLINT_CHECK_DIRECTION_CONTROLS, b.data, &h);
	assert_int_equal(h.count, 1);
	assert_true(strstr(h.msg[0], "'10 or 20 or 30'") != NULL);
	/* RLE PDI past the limit: the PDI closes the first isolate */
	overflow_text(&b, RLE PDI "10 or 20 or 30");
	run(CLINT_CHECK_DIRECTION_CONTROLS, b.data, &h);
	assert_int_equal(h.count, 0);
	clint_buf_free(&b);
}

/* Keeps the last detail (a collector for more hits than `hits` holds). */
static int keep_last(void *ctx, size_t start, size_t end, char *detail)
{
	char *last = ctx;

	(void)start;
	(void)end;
	snprintf(last, 256, "%s", detail);
	free(detail);
	return CLINT_OK;
}

/* Runs check `id` on `unit` repeated 150 times: `max` hits, the last one
 * saying that no more are reported. */
static void assert_capped(clint_check_id id, const char *unit, size_t max)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_doc *doc;
	char last[256] = "";
	hits h;
	int k;

	for (k = 0; k < 150; k++)
		assert_int_equal(clint_buf_puts(&b, unit), CLINT_OK);
	assert_int_equal(clint_buf_putc(&b, '\0'), CLINT_OK);
	run(id, b.data, &h);
	assert_int_equal(h.count, max);
	assert_null(strstr(h.msg[30], "at most"));
	doc = unit_text(b.data);
	assert_int_equal(clint_run_check(id, doc, NULL, keep_last, last), CLINT_OK);
	unit_assert_contains(last, "(at most 100 in a document are reported)");
	clint_doc_free(doc);
	clint_buf_free(&b);
}

/* At most BIDI_MAX_FINDINGS hits a document, the last one saying so. */
static void test_direction_controls_capped(void **state)
{
	(void)state;
	assert_capped(CLINT_CHECK_DIRECTION_CONTROLS, RLO "x" PDF " ",
	              BIDI_MAX_FINDINGS);
}

/* Nesting past UAX #9's 125 levels is counted: the scope still ends where
 * the closers balance, and a document of openers alone is one hit. */
static void test_direction_controls_deep(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	hits h;
	int k;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, "a "), CLINT_OK);
	for (k = 0; k < 300; k++)
		assert_int_equal(clint_buf_puts(&b, k % 2 ? RLE : RLI), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "x"), CLINT_OK);
	for (k = 299; k >= 0; k--)
		assert_int_equal(clint_buf_puts(&b, k % 2 ? PDF : PDI), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, " b " RLO "c"), CLINT_OK);
	assert_int_equal(clint_buf_putc(&b, '\0'), CLINT_OK);
	run(CLINT_CHECK_DIRECTION_CONTROLS, b.data, &h);
	assert_int_equal(h.count, 2);
	assert_int_equal(h.start[0], 2);
	assert_memory_equal(b.data + h.end[0], " b ", 3);
	assert_true(strstr(h.msg[1], "'c'") != NULL);
	clint_buf_free(&b);
}

/* Cyrillic and Greek letters that look Latin, inside a Latin word: one
 * hit per word, over the whole word, naming the letters and the reading;
 * words of one script and letters of their own shape are not reported. */
static void test_lookalike_words(void **state)
{
	const char *t =
		"1. FEES\n"
		"1.1 The Client pays all f\xD0\xB5\xD0\xB5s to the "
		"\xCE\x9Fp\xD0\xB5rator.\n"
		/* Latin letters of two bytes before the look-alike; a zero-width
		 * space and a combining acute inside the word */
		"1.2 R\xC3\xA9sum\xD0\xB5 addi\xE2\x80\x8Bti\xD0\xBE\xCC\x81nal.\n"
		/* one script each: Moskva, "copy" in Cyrillic, TNF-alpha, NF-kappa-B,
		 * beta-2, Cyrillic ya with Latin (no look-alike), a hyphen
		 * between scripts */
		"1.3 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0, "
		"\xD1\x81\xD0\xBE\xD1\x80\xD1\x83, TNF\xCE\xB1, NF-\xCE\xBA" "B, "
		"\xCE\xB2" "2, \xD0\xAFndex, fees-\xD0\xB5\xD0\xB5.\n"
		/* words all of look-alikes: among Latin words (also beside
		 * other such words, and of one letter), not in a Cyrillic text,
		 * not alone, not beyond 16 visible characters */
		"1.4 shall \xD1\x81\xD0\xBE\xD1\x80\xD1\x83 \xD1\x80\xD0\xB0\xD1\x83 "
		"\xD0\xB0 fee; \xD0\x9E\xD0\x9E\xD0\x9E \xD0\xAF\xD1\x80\xD0\xBA\xD0\xB0;\n"
		"\xD1\x80\xD0\xB0\xD1\x83\n"
		"\xD1\x80\xD0\xB0\xD1\x83 ................. fee\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 8);
	assert_hit(t, &h, 0, "f\xD0\xB5\xD0\xB5s",
	           "'f\xD0\xB5\xD0\xB5s' mixes Latin letters with Cyrillic ones "
	           "that look the same (U+0435 for 'e'): it reads as 'fees', but "
	           "a search for that word does not find it");
	assert_hit(t, &h, 1, "\xCE\x9Fp\xD0\xB5rator",
	           "with Greek and Cyrillic ones that look the same (U+039F for "
	           "'O', U+0435 for 'e'): it reads as 'Operator',");
	assert_hit(t, &h, 2, "R\xC3\xA9sum\xD0\xB5", "it reads as 'R\xC3\xA9sume',");
	assert_hit(t, &h, 3, "addi\xE2\x80\x8Bti\xD0\xBE\xCC\x81nal",
	           "'addi[U+200B]ti\xD0\xBE\xCC\x81nal' mixes Latin letters with "
	           "Cyrillic ones that look the same (U+043E for 'o') and has a "
	           "character that shows nothing inside it (U+200B): it reads as "
	           "'additio\xCC\x81nal',");
	assert_hit(t, &h, 4, "\xD0\xB5\xD0\xB5",
	           "is written among Latin words in Cyrillic letters that look "
	           "Latin (U+0435 for 'e'): it reads as 'ee', but");
	assert_hit(t, &h, 5, "\xD1\x81\xD0\xBE\xD1\x80\xD1\x83",
	           "(U+0441 for 'c', U+043E for 'o', U+0440 for 'p'): it reads "
	           "as 'copy',");
	assert_hit(t, &h, 6, "\xD1\x80\xD0\xB0\xD1\x83", "reads as 'pay',");
	assert_hit(t, &h, 7, "\xD0\xB0", "reads as 'a',");
	/* other scripts, apostrophes and hyphens, symbols */
	t = "1.5 Additio\xD5\xB8" "al \xCF\xB9harges, a \xC9\xA1uarantee, the "
	    "Supplier'\xD1\x95 rates, \xD1\x80\xD0\xB0\xD1\x95\xD1\x95-through, "
	    "\xE1\x8F\x9A\xE1\x8E\xAC\xE1\x8E\xA1vices, f\xD0\xB5\xD0\xB5s\xCE\xB1.\n"
	    /* not: small Greek letters alone (symbols), TNF-alpha */
	    "1.6 photon energy h\xCE\xBD and PKC\xCE\xB9, density \xCF\x81 = 2.\n";
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 7);
	assert_hit(t, &h, 0, "Additio\xD5\xB8" "al",
	           "with Armenian ones that look the same (U+0578 for 'n'): it "
	           "reads as 'Additional'");
	assert_hit(t, &h, 1, "\xCF\xB9harges", "Greek ones");
	assert_hit(t, &h, 2, "\xC9\xA1uarantee", "with phonetic ones");
	assert_hit(t, &h, 3, "\xD1\x95", "reads as 's'");
	assert_hit(t, &h, 4, "\xD1\x80\xD0\xB0\xD1\x95\xD1\x95", "reads as 'pass'");
	assert_hit(t, &h, 5, "\xE1\x8F\x9A\xE1\x8E\xAC\xE1\x8E\xA1vices",
	           "with Cherokee ones that look the same (U+13DA for 'S', U+13AC "
	           "for 'E', U+13A1 for 'R'): it reads as 'SERvices'");
	/* the alpha is Greek but looks like no Latin letter: only Cyrillic */
	assert_hit(t, &h, 6, "f\xD0\xB5\xD0\xB5s\xCE\xB1",
	           "with Cyrillic ones that look the same (U+0435 for 'e')");
	/* the gap: 16 visible characters or fewer, white space and
	 * characters that show nothing not counted, line breaks inside a
	 * paragraph are white space; a run with a Latin word only after it,
	 * or only before it */
	t = "\xD1\x80\xD0\xB0\xD1\x83 ................ fee\n"
	    "fee \xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B"
	    "\xE2\x80\x8B                  \xD1\x80\xD0\xB0\xD1\x83\r\n"
	    "shall\r\n\xD1\x81\xD0\xBE\xD1\x80\xD1\x83 \xD1\x80\xD0\xB0\xD1\x83.\n"
	    /* small Greek look-alikes: one alone is a symbol, two a word */
	    "density \xCF\x81 and \xCF\x81\xCE\xBF here\n";
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 5);
	assert_hit(t, &h, 0, "\xD1\x80\xD0\xB0\xD1\x83", "reads as 'pay'");
	assert_int_equal(h.start[0], 0);
	assert_hit(t, &h, 1, "\xD1\x80\xD0\xB0\xD1\x83", "reads as 'pay'");
	assert_hit(t, &h, 2, "\xD1\x81\xD0\xBE\xD1\x80\xD1\x83", "'copy'");
	assert_hit(t, &h, 3, "\xD1\x80\xD0\xB0\xD1\x83", "reads as 'pay'");
	assert_hit(t, &h, 4, "\xCF\x81\xCE\xBF", "reads as 'po'");
	/* a word at the very start and end of the text */
	t = "\xD0\xBE" "ffer";
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, t, "reads as 'offer'");
}

/* The same check on a Markdown document: markup inside a word is part of
 * it, a character reference is its character, a line-break tag and a
 * code span are not words of the text, markup does not count in the gap
 * between words. */
/* Plain letters mixed with mathematical or fullwidth forms of letters,
 * which most fonts draw alike; a word all in such forms shows as one. */
static void test_disguised_forms(void **state)
{
	const char *t =
		"The Supplier may charge additional f\xF0\x9D\x96\xBE" "e"
		"\xF0\x9D\x97\x8C, f\xEF\xBD\x85" "es and f&#x1D5BE;es and "
		"f\xD0\xB5\xF0\x9D\x96\xBEs.\n\n"
		"Not: \xEF\xBD\x86\xEF\xBD\x85\xEF\xBD\x85\xEF\xBD\x93, bold "
		"\xF0\x9D\x90\x9F\xF0\x9D\x90\x9E\xF0\x9D\x90\x9E\xF0\x9D\x90\xAC, "
		"1\xF0\x9D\x9F\x8E days, \xEF\xBD\x86\xEF\xBD\x85\xEF\xBD\x85\xEF\xBD\x93"
		"2 and co\xEF\xBC\x8E ltd.\n";
	clint_doc *doc = unit_md(t);
	hits h;

	(void)state;
	run_doc(CLINT_CHECK_DISGUISED_WORDS, doc, NULL, &h);
	assert_int_equal(h.count, 4);
	assert_hit(t, &h, 0, "f\xF0\x9D\x96\xBE" "e\xF0\x9D\x97\x8C",
	           "mixes letters with mathematical or fullwidth forms of letters "
	           "(U+1D5BE for 'e', U+1D5CC for 's'): it reads as 'fees'");
	assert_hit(t, &h, 1, "f\xEF\xBD\x85" "es", "(U+FF45 for 'e')");
	assert_hit(t, &h, 2, "f&#x1D5BE;es", "(U+1D5BE for 'e'): it reads as 'fees'");
	/* both causes, each named */
	assert_hit(t, &h, 3, "f\xD0\xB5\xF0\x9D\x96\xBEs",
	           "mixes Latin letters with Cyrillic ones that look the same "
	           "(U+0435 for 'e') and mixes letters with mathematical or "
	           "fullwidth forms of letters (U+1D5BE for 'e'): it reads as "
	           "'fees'");
	clint_doc_free(doc);
	/* a fullwidth comma or a zero-width space after a word finds that
	 * word again: each word is reported once */
	t = "The f\xD0\xB5" "e\xEF\xBC\x8C and the Serv\xD1\x96" "ce\xEF\xBC\x89 "
	    "apply, add\xE2\x80\x8Bitional\xEF\xBC\x8C and f\xD0\xB5" "e\xE2\x80\x8B "
	    "and f\xEF\xBD\x85" "es\xEF\xBC\x8C.\n";
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 5);
}

static void test_disguised_words_markdown(void **state)
{
	const char *t =
		"The Supplier may charge additional f&#x435;&#1077;s, "
		"f**\xD0\xB5**es, addi<b>&#x200B;</b>tional; "
		"shall **_**_**_**_**_**_**_**_**_ \xD1\x80\xD0\xB0\xD1\x83.\n\n"
		"Not: name<br>\xD0\x9D\xD0\xB0\xD0\xB8\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xBE"
		"\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xB8\xD0\xB5, `f&#x435;es` in code.\n";
	clint_doc *doc = unit_md(t);
	hits h;

	(void)state;
	run_doc(CLINT_CHECK_DISGUISED_WORDS, doc, NULL, &h);
	assert_int_equal(h.count, 4);
	assert_hit(t, &h, 0, "f&#x435;&#1077;s",
	           "mixes Latin letters with Cyrillic ones that look the same "
	           "(U+0435 for 'e'): it reads as 'fees'");
	assert_hit(t, &h, 1, "f**\xD0\xB5**es", "it reads as 'fees'");
	assert_hit(t, &h, 2, "addi<b>&#x200B;</b>tional",
	           "'addi<b>[U+200B]</b>tional' has a character that shows "
	           "nothing inside it (U+200B): it reads as 'additional'");
	assert_hit(t, &h, 3, "\xD1\x80\xD0\xB0\xD1\x83", "reads as 'pay'");
	/* the rules read what the check reports */
	unit_assert_contains(doc->norm, "additional fees, fees, additional;");
	unit_assert_contains(doc->norm, "shall pay.");
	clint_doc_free(doc);
	/* a run's verdict is the whole run's: a word of a foreign text on
	 * one side; a Latin word only before the run, which ends the block */
	t = "The Supplier is \xD0\xA0\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x88\xD0\xBA\xD0\xB0 "
	    "\xD0\x90\xD0\x9E \xD0\xA2\xD0\x95\xD0\xA5\xD0\x9A\xD0\x9E\xD0\x9C and pays.\n\n"
	    "The Client shall \xD1\x80\xD0\xB0\xD1\x83 \xD1\x81\xD0\xBE\xD1\x80\xD0\xB5\n";
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 2);
	assert_hit(t, &h, 0, "\xD1\x80\xD0\xB0\xD1\x83", "reads as 'pay'");
	assert_hit(t, &h, 1, "\xD1\x81\xD0\xBE\xD1\x80\xD0\xB5", "reads as 'cope'");
}

/* A character that shows nothing between two letters of a word: one hit
 * for the word, naming each such character once; not at a word's edge,
 * not next to a digit, not the soft hyphen. */
static void test_hidden_characters(void **state)
{
	const char *t =
		"1.1 The Supplier may charge addi\xE2\x80\x8Btional fees, "
		"in\xE2\x81\xA0\xE2\x81\xA0" "dem\xE2\x81\xA0nify and pen"
		"\xF3\xA0\x81\x81\xF3\xA0\x81\xBF" "alty.\n"
		/* not: at the edges, beside a digit or a space, a soft hyphen,
		 * only invisible characters */
		"1.2 \xE2\x80\x8B" "fees\xE2\x80\x8B and 30\xE2\x80\x8B" "days, "
		"x \xE2\x80\x8B y, in\xC2\xAD" "demnify, \xE2\x80\x8B\xE2\x80\x8B.\n";
	hits h;

	(void)state;
	run(CLINT_CHECK_DISGUISED_WORDS, t, &h);
	assert_int_equal(h.count, 3);
	assert_hit(t, &h, 0, "addi\xE2\x80\x8Btional",
	           "'addi[U+200B]tional' has a character that shows nothing "
	           "inside it (U+200B): it reads as 'additional', but a search "
	           "for that word does not find it");
	assert_hit(t, &h, 1, "in\xE2\x81\xA0\xE2\x81\xA0" "dem\xE2\x81\xA0nify",
	           "'in[U+2060][U+2060]dem[U+2060]nify' has a character that "
	           "shows nothing inside it (U+2060): it reads as 'indemnify'");
	assert_hit(t, &h, 2, "pen\xF3\xA0\x81\x81\xF3\xA0\x81\xBF" "alty",
	           "(U+E0041, U+E007F): it reads as 'penalty'");
}

/* At most DISGUISED_MAX_FINDINGS hits a document, the last one saying so;
 * a long word's reading is cut whole. */
static void test_disguised_words_capped(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	hits h;
	int k;

	(void)state;
	assert_capped(CLINT_CHECK_DISGUISED_WORDS, "f\xD0\xB5\xD0\xB5s ",
	              DISGUISED_MAX_FINDINGS);
	/* one word of 10,000 letters: one hit, its quote and reading cut */
	for (k = 0; k < 5000; k++)
		assert_int_equal(clint_buf_puts(&b, "a\xD0\xB0"), CLINT_OK);
	assert_int_equal(clint_buf_putc(&b, '\0'), CLINT_OK);
	run(CLINT_CHECK_DISGUISED_WORDS, b.data, &h);
	assert_int_equal(h.count, 1);
	assert_int_equal(h.start[0], 0);
	assert_int_equal(h.end[0], 15000);
	unit_assert_contains(h.msg[0], "(U+0430 for 'a'): it reads as 'aaaa");
	unit_assert_contains(h.msg[0], "aaa...', but");
	assert_true(clint_utf8_valid(h.msg[0], strlen(h.msg[0])));
	clint_buf_free(&b);
}

static void test_quote_keeps_utf8_whole(void **state)
{
	clint_doc *doc = unit_text("caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9\n");
	char q[8];

	(void)state;
	/* room for "caf" + "..." only: the two bytes of the e-acute stay
	 * together or go together */
	quote(doc, 0, doc->text_len, q, sizeof(q));
	assert_true(clint_utf8_valid(q, strlen(q)));
	clint_doc_free(doc);
}

/* ---- the scanners against plain reference versions ------------------------- */

static uint32_t xorshift(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* A random text of contract-like pieces: determiners, capitalised runs,
 * ALL CAPS, proper names, labels with numbers, hyphens, punctuation. */
static void random_text(char *buf, size_t max, uint32_t *seed)
{
	static const char *const pieces[] = {
		"the ", "The ", "that ", "any ", "all ", "such ", "each ", "an ",
		"Acceptance ", "Tests ", "Service ", "Levels ", "ACME ", "SOW ",
		"Foo-the ", "Q3 ", "A ", "of ", "State ", "New ", "York ", "June ",
		"Act ", "Priority ", "1 ", "(", ") ", ", ", ". ", "\n", "x", "e",
		"theFoo ", "-the ", "Bank ", "\"", "as defined ", "Section 4.1 ",
		"CONFIDENTIAL ", "INFORMATION ", "Confidential ", "Information ",
	};
	size_t n = 0;

	while (n + 24 < max) {
		const char *p = pieces[xorshift(seed) % (sizeof(pieces) / sizeof(pieces[0]))];
		size_t l = strlen(p);
		memcpy(buf + n, p, l);
		n += l;
	}
	buf[n] = '\0';
}

/* The candidate scan as it was: stop at every t, a, s, e and try a
 * determiner there. The new one goes from capital to capital. */
static size_t ref_determiner_at(const char *s, size_t i, size_t n)
{
	const char *d;
	size_t len;

	switch (s[i]) {
	case 't': d = i + 2 < n && s[i + 2] == 'e' ? "the " : "that "; break;
	case 'a': d = i + 1 < n && s[i + 1] == 'n' ? "any " : "all "; break;
	case 's': d = "such "; break;
	case 'e': d = "each "; break;
	default: return 0;
	}
	len = strlen(d);
	return n - i >= len && memcmp(s + i, d, len) == 0 ? len : 0;
}

static int ref_next_candidate(const clint_doc *doc, size_t *i, size_t *a,
                              size_t *b, size_t *words)
{
	const char *s = doc->norm;
	size_t n = doc->norm_len, d, w;

	for (; *i < n; (*i)++) {
		int proper = 0, caps = 0;
		size_t k = *i;

		while (k < n && s[k] != 't' && s[k] != 'a' && s[k] != 's' && s[k] != 'e')
			k++;
		*i = k;
		if (k >= n)
			break;
		if (k == 0 || isalpha((unsigned char)s[k - 1]))
			continue;
		if (!(d = ref_determiner_at(s, k, n)))
			continue;
		*a = *i + d;
		*b = *a;
		*words = 0;
		for (w = *a; w < n && *words < 5;) {
			size_t e = w, u, up = 0;
			if (!isupper((unsigned char)s[w]))
				break;
			while (e < n && (isalpha((unsigned char)s[e]) || s[e] == '-'))
				e++;
			if (e == w + 1 || (e < n && word_char(s[e])))
				break;
			for (u = w; u < e; u++)
				up += isupper((unsigned char)s[u]) != 0;
			if (up == e - w)
				caps = 1;
			*b = e;
			(*words)++;
			if (e + 1 < n && s[e] == ' ' && isupper((unsigned char)s[e + 1]))
				w = e + 1;
			else
				break;
		}
		if (!*words || caps || *b - *a >= 48)
			continue;
		*i = *b;
		{
			size_t lw = *b;
			while (lw > *a && s[lw - 1] != ' ')
				lw--;
			proper = in_list(&proper_index, s + lw, *b - lw);
			for (w = *a; w < *b && !proper;) {
				size_t e = w;
				while (e < *b && s[e] != ' ')
					e++;
				if (in_list(&months_index, s + w, e - w))
					proper = 1;
				w = e + 1;
			}
		}
		if (*b + 1 < n && s[*b] == ' ' && isdigit((unsigned char)s[*b + 1]))
			continue;
		if (proper || (*b + 4 < n && !strncmp(s + *b, " of ", 4) &&
		               isupper((unsigned char)s[*b + 4])))
			continue;
		if (block_is_heading(doc, *a))
			continue;
		return 1;
	}
	return 0;
}

/* next_candidate() finds what the old scan found, in the same order. */
static void test_candidates_match_reference(void **state)
{
	uint32_t seed = 2024;
	char text[2048];
	int round;

	(void)state;
	for (round = 0; round < 300; round++) {
		clint_doc *doc;
		size_t i = 0, j = 0, a, b, w, ra, rb, rw, found = 0;
		int more, ref_more;

		random_text(text, sizeof(text), &seed);
		doc = unit_text(text);
		do {
			more = next_candidate(doc, &i, &a, &b, &w);
			ref_more = ref_next_candidate(doc, &j, &ra, &rb, &rw);
			assert_int_equal(more, ref_more);
			if (more) {
				assert_int_equal(a, ra);
				assert_int_equal(b, rb);
				assert_int_equal(w, rw);
				found++;
			}
		} while (more);
		assert_true(found > 0);
		clint_doc_free(doc);
	}
}

/* find_bytes() (the least-common-byte search on long texts) finds the
 * first occurrence, as a plain search does. */
static void test_find_bytes_matches_reference(void **state)
{
	uint32_t seed = 99;
	char text[2048];
	int round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t n, m, at, k;
		char needle[24];
		const char *want = NULL, *got;

		random_text(text, 256 + xorshift(&seed) % 1700, &seed);
		n = strlen(text);
		m = 1 + xorshift(&seed) % 20;
		at = xorshift(&seed) % (n - m);
		memcpy(needle, text + at, m);
		if (xorshift(&seed) % 3 == 0)
			needle[xorshift(&seed) % m] = (char)('A' + xorshift(&seed) % 26);
		for (k = 0; k + m <= n; k++)
			if (!memcmp(text + k, needle, m)) {
				want = text + k;
				break;
			}
		got = find_bytes(text, n, needle, m);
		assert_ptr_equal(got, want);
	}
}

/* ---- cross-references: the target index ------------------------------------ */

/* The lookups check_cross_references() made before the index, each a pass
 * over every section or block: the index must answer as they do. */
static int linear_section_exists(const clint_doc *doc, int kind,
                                 const char *word, const char *id)
{
	size_t i;

	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];
		if (kind == 1 && s->cite && strcasecmp(s->cite, id) == 0)
			return 1;
		if (kind == 2 && s->num_kind == 2 && strcasecmp(s->number, id) == 0 &&
		    clint_ascii_ieq(s->word, word, strlen(s->word)))
			return 1;
	}
	return 0;
}

static int linear_parent_known(const clint_doc *doc, const char *id)
{
	char pre[64], sp[64];
	size_t i, n = 0;

	prefix_of(id, pre, sizeof(pre));
	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];
		if (s->num_kind != 1 || !s->cite)
			continue;
		prefix_of(s->cite, sp, sizeof(sp));
		if (strcmp(sp, pre) == 0 && strchr(s->cite, '(') == NULL)
			n++;
	}
	return n >= 2;
}

static int linear_container_heading(const clint_doc *doc, const char *word,
                                    const char *id)
{
	size_t b, wl = strlen(word), idn = strlen(id);

	if (wl > 1 && word[wl - 1] == 's')
		wl--;
	for (b = 0; b < doc->block_count; b++) {
		const char *t = doc->norm + doc->blocks[b].norm_start;
		size_t len = doc->blocks[b].norm_end - doc->blocks[b].norm_start;
		if (len > wl + 1 + idn && clint_ascii_ieq(t, word, wl) &&
		    t[wl] == ' ' && clint_ascii_ieq(t + wl + 1, id, idn) &&
		    !clint_isalnum((unsigned char)t[wl + 1 + idn]))
			return 1;
	}
	return 0;
}

static void test_xref_index_matches_linear(void **state)
{
	static const char text[] =
		"1. Services\n\n1.1 The Supplier shall provide the Services.\n\n"
		"1.2 More.\n\n1.2(a) An item.\n\n2. Charges\n\n2.1 Pay.\n\n"
		"2.2 Pay more.\n\n7.4.1 Deep.\n\n7.4.2 Deeper.\n\n"
		"ARTICLE IV\n\nArticle 5 Term\n\nSchedule A - Services\n\n"
		"SCHEDULE 2 (Pricing)\n\nschedule 2 again\n\nExhibit B: Forms\n\n"
		"Exhibit C\n\nAnnex 3 x\n\nAppendix 1A, the list\n\n"
		"Attachment II.\n\nSchedules 9 text\n";
	static const char *const ids[] = {
		"1", "1.1", "1.2", "1.2(a)", "1.3", "2", "2.1", "2.3", "3", "7.4",
		"7.4.1", "7.4.3", "7", "IV", "iv", "5", "A", "a", "2", "B", "b", "C",
		"3", "1A", "1a", "II", "9", "X", "12",
	};
	clint_doc *doc = unit_text(text);
	xref_index ix;
	size_t w, i;

	(void)state;
	assert_int_equal(xref_index_build(doc, &ix), CLINT_OK);
	for (i = 0; i < ARRAY_LEN(ids); i++) {
		assert_int_equal(section_exists(&ix, 1, "section", ids[i]),
		                 linear_section_exists(doc, 1, "section", ids[i]));
		assert_int_equal(parent_known(&ix, ids[i]),
		                 linear_parent_known(doc, ids[i]));
		for (w = 0; w < ARRAY_LEN(ref_words); w++) {
			const char *word = ref_words[w].w;
			if (section_exists(&ix, 2, word, ids[i]) !=
			    linear_section_exists(doc, 2, word, ids[i]))
				fail_msg("section_exists(%s %s) differs", word, ids[i]);
			if (container_heading(&ix, word, ids[i]) !=
			    linear_container_heading(doc, word, ids[i]))
				fail_msg("container_heading(%s %s) differs", word, ids[i]);
		}
	}
	/* and the text has targets each finds */
	assert_true(section_exists(&ix, 1, "section", "2.2"));
	assert_true(parent_known(&ix, "7.4.9"));
	assert_false(parent_known(&ix, "9.1"));
	assert_true(container_heading(&ix, "schedules", "2"));
	assert_true(container_heading(&ix, "exhibit", "b"));
	assert_false(container_heading(&ix, "exhibit", "C")); /* nothing after */
	xref_index_free(&ix);
	clint_doc_free(doc);
}

/* Every reference points at a section that is missing, so each is looked
 * up through the whole chain (until the passes over the text that
 * numbered_inline() may make are spent). */
static void test_cross_references_many(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	hits h;
	size_t i;

	(void)state;
	for (i = 1; i <= 3000; i++)
		assert_int_equal(clint_buf_printf(&b, "%zu. Clause\n\n%zu.1 Text.\n\n"
		                                  "%zu.2 See Section %zu.9.\n\n",
		                                  i, i, i, i), 0);
	assert_int_equal(clint_buf_putc(&b, '\0'), 0);
	run(CLINT_CHECK_CROSS_REFERENCE, b.data, &h);
	assert_true(h.count > 64);
	assert_hit(b.data, &h, 0, "Section 1.9", "\xC2\xA7 1.9");
	clint_buf_free(&b);
}

/* A role's answer is asked once and kept: "Client Data" (not reported
 * there) does not keep "the Client" later from being reported, and a
 * defined "Client" is never reported. */
static void test_parties_role_asked_once(void **state)
{
	static const char head[] =
		"This Agreement is made between Harrow Quay Foods Limited (the "
		"\"Customer\") and Brindle Ledger Limited (the \"Supplier\").\n"
		"1. DEFINITIONS\n";
	static const char body[] =
		"2. SERVICES\n"
		"2.1 Client Data stays with the Customer.\n"
		"2.2 The Client may claim a credit; the Client shall notify it.\n";
	char t[1024];
	hits h;

	(void)state;
	snprintf(t, sizeof(t), "%s%s", head, body);
	run(CLINT_CHECK_PARTIES, t, &h);
	assert_int_equal(h.count, 1);
	assert_hit(t, &h, 0, "The Client", "\"Customer\" and \"Supplier\"");
	snprintf(t, sizeof(t), "%s\"Client\" means the Customer.\n%s", head,
	         body);
	run(CLINT_CHECK_PARTIES, t, &h);
	assert_int_equal(h.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_definition_forms),
		cmocka_unit_test(test_definitions_curly_quotes_markdown),
		cmocka_unit_test(test_not_definitions),
		cmocka_unit_test(test_definitions_bounded),
		cmocka_unit_test(test_definition_text_trimmed),
		cmocka_unit_test(test_bracket_classes),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_undefined_unused_duplicate),
		cmocka_unit_test(test_undefined_needs_definitions),
		cmocka_unit_test(test_checks_stop_at_time_limit),
		cmocka_unit_test(test_find_definition_index),
		cmocka_unit_test(test_duplicate_local_definitions),
		cmocka_unit_test(test_undefined_names_headings),
		cmocka_unit_test(test_one_edit),
		cmocka_unit_test(test_parties),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_numbering_siblings),
		cmocka_unit_test(test_direction_controls),
		cmocka_unit_test(test_direction_controls_deep),
		cmocka_unit_test(test_direction_controls_overflow),
		cmocka_unit_test(test_direction_controls_markdown),
		cmocka_unit_test(test_direction_controls_capped),
		cmocka_unit_test(test_lookalike_words),
		cmocka_unit_test(test_disguised_words_capped),
		cmocka_unit_test(test_hidden_characters),
		cmocka_unit_test(test_disguised_words_markdown),
		cmocka_unit_test(test_disguised_forms),
		cmocka_unit_test(test_quote_keeps_utf8_whole),
		cmocka_unit_test(test_candidates_match_reference),
		cmocka_unit_test(test_find_bytes_matches_reference),
		cmocka_unit_test(test_xref_index_matches_linear),
		cmocka_unit_test(test_cross_references_many),
		cmocka_unit_test(test_parties_role_asked_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
