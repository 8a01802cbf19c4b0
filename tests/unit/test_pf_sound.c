/*
 * test_pf_sound.c - the literal prefilter is sound: for patterns written to
 * exercise every corner of its PCRE2 parser (classes, POSIX classes,
 * escapes, \x{..} and \p{..}, non-ASCII, groups of every kind, counted
 * repeats, empty alternatives, cross products past the set limit, long
 * literals, deep nesting, wide gaps) the rule still finds what the
 * pattern matches and nothing else. Runs through the public API, so the
 * prefilter is the library's (test_prefilter.c tests the parser's sets
 * directly).
 */
#include "unit.h"

typedef struct {
	const char *id;
	const char *pattern;  /* XML-escaped */
	const char *match;    /* a sentence the pattern matches */
	const char *nomatch;  /* one it does not */
	int filtered;         /* 1: has a prefilter, 0: none, -1: either */
} pf_case;

#define CASE(id, re, m, n, f) {id, re, m, n, f}

static const pf_case cases[] = {
	CASE("lit", "\\bliquidated damages\\b", "Liquidated Damages apply.",
	     "Damages apply.", 1),
	CASE("posix", "[[:alpha:]]+ surcharge", "A fuel surcharge applies.",
	     "A 5 surcharge.", 1),
	CASE("posix-neg", "[[:^digit:]]handling fee", "a handling fee",
	     "1handling fee", 1),
	CASE("negclass", "[^abc]xyz charges", "the dxyz charges", "bxyz charges", 1),
	CASE("hexesc", "\\x{41}cme widgets", "Acme widgets are sold.",
	     "Bcme widgets", -1),
	CASE("hexshort", "\\x41cme gadgets", "acme gadgets", "bcme gadgets", -1),
	CASE("octal", "\\o{101}cme tools", "acme tools", "bcme tools", -1),
	CASE("prop", "\\p{Lu}\\w+ indemnit(y|ies)", "Broad indemnities given.",
	     "no indemnity", -1),
	CASE("utf8", "caf\xC3\xA9 terms", "Caf\xC3\xA9 terms apply.",
	     "cafe terms", -1),
	CASE("utf8class", "[\xC3\xA9\xC3\xA8]clair payment",
	     "An \xC3\xA9\x63lair payment.", "eclair payment", 1),
	CASE("range", "[a-c]bc penalty", "The abc penalty.", "The dbc penalty.", 1),
	CASE("dash", "[x-]ray invoice", "a -ray invoice", "a ray invoice", 1),
	CASE("brackets", "[]x]y deposit", "a ]y deposit", "a zy deposit", 1),
	CASE("escbracket", "[\\]\\d]z retainer", "a 7z retainer", "a yz retainer", 1),
	CASE("noncap", "(?:service|supply) levels?", "The supply level.",
	     "The demand level.", 1),
	CASE("atomic", "(?&gt;atomic) grouping", "atomic grouping", "atomicgrouping", 1),
	CASE("ahead", "(?=look)lookahead term", "a lookahead term", "a look term", 1),
	CASE("behind", "(?&lt;=pre)post clause", "the prepost clause",
	     "the post clause", 1),
	CASE("neg-behind", "(?&lt;!not )agreed fee", "the agreed fee",
	     "not agreed fee", 1),
	CASE("comment", "(?#a note)commented rule", "a commented rule",
	     "a commented rul", -1),
	CASE("named", "(?&lt;n&gt;named) group term", "a named group term",
	     "a group term", 1),
	CASE("quoted", "(?'q'quoted) group item", "a quoted group item",
	     "a group item", 1),
	CASE("python", "(?P&lt;p&gt;python) group rule", "a python group rule",
	     "a group rule", 1),
	CASE("braces", "fe{2,3}s due", "Fees due now.", "Fes due now.", 1),
	CASE("brace1", "ser{1}vice credit", "a service credit", "a sevice credit", 1),
	CASE("braceopen", "x{2,}mark", "the xxmark", "the xmark", 1),
	CASE("brace0", "qq{0}uota limits", "the quota limits", "the qota limits", 1),
	CASE("lazy", "pay+? within", "pay within", "pa within", 1),
	CASE("possessive", "pays++ now", "payss now", "pay now", 1),
	CASE("escapes", "\\d{2} days\\. notice\\t?", "30 days. notice",
	     "thirty days. notice", 1),
	CASE("classes", "\\s\\S\\w\\W credits\\b", "x aa, credits",
	     "credits", 1),
	CASE("emptyalt", "(a|)bc rebate", "the bc rebate", "the b rebate", 1),
	CASE("topalt", "\\bretainer\\b|\\bescrow\\b", "an escrow account",
	     "a deposit", 1),
	CASE("product", "(?:ab|cd)(?:ef|gh)(?:ij|kl)(?:mn|op)(?:qr|st)(?:uv|wx)",
	     "cdghijopqrwx", "abefijmnqr", -1),
	CASE("longlit", "the supplier shall indemnify the customer in full",
	     "The Supplier shall indemnify the Customer in full.",
	     "The Supplier shall indemnify the Customer.", 1),
	CASE("deep", "((((((((((((((((((((((((((((((((((((deep nesting))))))))))))"
	     "))))))))))))))))))))))))", "a deep nesting", "a shallow nesting", -1),
	CASE("widegap", "\\bthe.{0,5000}late payment", "the very late payment",
	     "the payment", -1),
	CASE("unbounded", "audit.*rights", "audit and inspection rights",
	     "rights of audit", 1),
	CASE("backref", "(pay)\\1 twice", "paypay twice", "pay twice", 0),
	CASE("anchored", "\\Ginvoices\\b", "invoices are due", "the invoices", 1),
	CASE("dot", "n.t.ce period", "notice period", "nice period", 1),
	CASE("star", "x*yz surcharge", "yz surcharge", "y surcharge", 1),
	CASE("plusgroup", "(?:ab)+c rebate", "ababc rebate", "ac rebate", 1),
	CASE("qmark", "colou?r scheme", "color scheme", "colr scheme", 1),
	CASE("kelvin", "\\bkelvins?\\b", "300 kelvin", "300 celsius", 1),
	CASE("caret", "^termination\\b", "Termination for cause.",
	     "Early termination.", 1),
	CASE("dollar", "fees$", "pay the fees", "fees are due", 1),
	CASE("classesc", "[\\d\\s]x charge", "a 9x charge", "a yx charge", -1),
	CASE("classhex", "[\\x{41}-\\x{43}]bc levy", "the Bbc levy", "the Dbc levy",
	     -1),
	CASE("classprop", "[\\p{Lu}]ax duty", "a Tax duty", "a 9ax duty", -1),
	CASE("branchreset", "(?|(vat)|(gst)) return", "the VAT return",
	     "the tax return", -1),
	CASE("inlinegroup", "(?i:late) fee", "a late fee", "a early fee", -1),
	CASE("inlineoff", "(?-i)penalty clause", "a penalty clause",
	     "a penalties clause", -1),
	CASE("cond", "(a)?(?(1)bc|de) surcharge", "a de surcharge",
	     "a xy surcharge", -1),
	CASE("recursion", "(\\((?:[^()]|(?1))*\\)) costs", "(a(b)) costs",
	     "a b costs", -1),
	CASE("anchors", "\\Aindemnity\\b|\\bescrow\\z|\\bbond\\Z",
	     "indemnity applies", "no indemnity applies", -1),
	CASE("nonword", "\\Bfee\\B", "prefeesuffix", "a fee here", -1),
	CASE("lazyq", "colou??r chart", "color chart", "colouur chart", 1),
	CASE("lazybrace", "fe{1,2}?s payable", "fees payable", "fs payable", 1),
	CASE("named2", "(?&lt;f&gt;fee)s? and (?P=f) again", "fees and fee again",
	     "fees and fee", -1),
	CASE("callout", "(?C1)notice period", "a notice period", "a period", -1),
	CASE("atomicstar", "(?&gt;x*)yz levy", "xxyz levy", "xy levy", -1),
	CASE("unicodeesc", "\\N{U+0041}cme bonus", "Acme bonus", "Bcme bonus", -1),
	CASE("resetstart", "\\bfees?\\b[^.]{0,20}?\\K\\d+ percent",
	     "The fee is 5 percent.", "The rate is 5 percent.", 1),
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

static char *pack_xml(void)
{
	size_t i;
	char *out;

	out = calloc(1, 65536);
	assert_non_null(out);
	strcat(out, UNIT_PACK_HEAD("pfsound"));
	for (i = 0; i < N_CASES; i++) {
		char rule[2048];
		snprintf(rule, sizeof(rule),
		         UNIT_RULE("%s", "flag", "warning", "")
		         UNIT_PATTERN("%s") UNIT_EXAMPLE("match", "%s")
		         UNIT_EXAMPLE("no-match", "%s") UNIT_RULE_END,
		         cases[i].id, cases[i].id, cases[i].id, cases[i].id,
		         cases[i].id, cases[i].id, cases[i].pattern, cases[i].match,
		         cases[i].nomatch);
		assert_true(strlen(out) + strlen(rule) + 16 < 65536);
		strcat(out, rule);
	}
	strcat(out, UNIT_PACK_TAIL);
	return out;
}

/* Every example passes: each match found, each non-match not. */
static void test_examples(void **state)
{
	char *xml = pack_xml();
	clint_ruleset *rs = unit_ruleset(xml);
	clint_diag *d = NULL;
	size_t passed = 0, failed = 0;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed), CLINT_OK);
	if (failed)
		unit_diag_dump(d);
	assert_int_equal(failed, 0);
	assert_int_equal(passed, 2 * N_CASES);
	clint_diag_free(d);
	clint_ruleset_free(rs);
	free(xml);
}

/* Which patterns the parser trusts enough to filter. */
static void test_filtered(void **state)
{
	char *xml = pack_xml();
	clint_ruleset *rs = unit_ruleset(xml);
	clint_pattern_info pi;
	size_t i, bad = 0, n = clint_ruleset_pattern_count(rs);

	(void)state;
	assert_int_equal(n, N_CASES);
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_ruleset_pattern(rs, i, &pi), CLINT_OK);
		assert_string_equal(pi.rule_id, cases[i].id);
		if (cases[i].filtered >= 0 && pi.prefiltered != cases[i].filtered) {
			print_message("%s: prefiltered %d, expected %d\n", cases[i].id,
			              pi.prefiltered, cases[i].filtered);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	clint_ruleset_free(rs);
	free(xml);
}

/* One document holding every matching sentence, each in its own
 * paragraph and after unrelated text: every rule fires, on its own
 * paragraph (the scan finds literals wherever they are). */
static void test_one_document(void **state)
{
	char *xml = pack_xml();
	clint_ruleset *rs = unit_ruleset(xml);
	char *text = calloc(1, 65536);
	clint_doc *doc;
	clint_result *res;
	size_t i, k, n;
	unsigned *hits = calloc(N_CASES, sizeof(unsigned));

	(void)state;
	assert_non_null(text);
	assert_non_null(hits);
	for (i = 0; i < N_CASES; i++) {
		strcat(text, cases[i].match);
		strcat(text, "\n\nNothing to see in this paragraph.\n\n");
	}
	doc = unit_text(text);
	res = unit_check(rs, doc);
	n = clint_result_finding_count(res);
	for (k = 0; k < n; k++) {
		clint_finding f;
		assert_int_equal(clint_result_finding(res, k, &f), CLINT_OK);
		for (i = 0; i < N_CASES; i++)
			if (strcmp(f.rule_id, cases[i].id) == 0)
				hits[i]++;
	}
	for (i = 0; i < N_CASES; i++)
		/* \G, \A, ^ and $ only match where the text starts or ends */
		if (hits[i] == 0 && strcmp(cases[i].id, "anchored") != 0 &&
		    strcmp(cases[i].id, "caret") != 0 &&
		    strcmp(cases[i].id, "dollar") != 0 &&
		    strcmp(cases[i].id, "anchors") != 0)
			fail_msg("%s: no finding in the whole document", cases[i].id);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
	free(hits);
	free(text);
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_filtered),
		cmocka_unit_test(test_one_document),
	};
	return cmocka_run_group_tests_name("pf_sound", tests, NULL, NULL);
}
