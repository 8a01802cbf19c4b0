/*
 * test_check.c - running a ruleset over a document (src/lib/check.c):
 * required clauses found through headings or body patterns, min-matches,
 * `within` scopes, `unless` exclusions per sentence, merged overlapping
 * matches, ordering, counts, finding locations and content fingerprints,
 * rules that hit a PCRE2 limit, per-rule profiling, and threads sharing
 * one ruleset whose patterns are JIT-compiled on first use.
 */
#include <pthread.h>
#include <strings.h>

#include "unit.h"
#include "fakeclock.h"
#include "../../src/lib/check.c"

static const char check_pack[] =
	UNIT_PACK_HEAD("chk")
	UNIT_RULE("req-conf", "require", "error", "")
	UNIT_HEADING("confidential")
	UNIT_PATTERN("\\bkeep\\b[^.]{0,40}\\bconfidential\\b")
	UNIT_EXAMPLE("match", "CONFIDENTIALITY")
	UNIT_RULE_END
	UNIT_RULE("req-audit", "require", "warning", " min-matches=\"2\"")
	UNIT_PATTERN("\\baudit\\b")
	UNIT_EXAMPLE("match", "An audit. Another audit.")
	UNIT_RULE_END
	UNIT_RULE("flag-reasonable", "flag", "warning", "")
	UNIT_WITHIN("\\b(fees|charges)\\b")
	UNIT_PATTERN("\\breasonable\\b")
	UNIT_EXAMPLE("match", "1. Fees\n\nreasonable costs")
	UNIT_RULE_END
	UNIT_RULE("flag-best", "flag", "info", "")
	UNIT_PATTERN("\\bbest efforts\\b")
	UNIT_UNLESS("\\bsubject to\\b")
	UNIT_EXAMPLE("match", "It uses best efforts.")
	UNIT_RULE_END
	UNIT_RULE("flag-tbd", "flag", "warning", "")
	UNIT_PATTERN("\\bto be agreed\\b")
	UNIT_PATTERN("\\bbe agreed later\\b")
	UNIT_EXAMPLE("match", "Price to be agreed.")
	UNIT_RULE_END
	UNIT_RULE("flag-late", "flag", "error", "")
	UNIT_PATTERN("\\blate\\b")
	UNIT_EXAMPLE("match", "Late.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static int setup(void **state)
{
	*state = unit_ruleset(check_pack);
	return 0;
}

static int teardown(void **state)
{
	clint_ruleset_free(*state);
	return 0;
}

/* A document checked against the group's ruleset. */
typedef struct {
	clint_doc *doc;
	clint_result *res;
} checked;

static checked run(void **state, const char *text)
{
	checked c;

	c.doc = unit_text(text);
	c.res = unit_check(*state, c.doc);
	assert_ptr_equal(clint_result_doc(c.res), c.doc);
	return c;
}

static void done(checked *c)
{
	clint_result_free(c->res);
	clint_doc_free(c->doc);
}

/* Findings of rule `id`, in order, copied to out[] (at most `max`). */
static size_t findings_of(const clint_result *res, const char *id,
                          clint_finding *out, size_t max)
{
	clint_finding f;
	size_t i, n = 0;

	for (i = 0; i < clint_result_finding_count(res); i++) {
		assert_int_equal(clint_result_finding(res, i, &f), CLINT_OK);
		if (strcmp(f.rule_id, id) != 0)
			continue;
		if (n < max)
			out[n] = f;
		n++;
	}
	return n;
}

/* 1 and *out if rule `id` is present, 0 if missing; fails if neither. */
static int presence(const clint_result *res, const char *id,
                    clint_finding *out)
{
	clint_finding f;
	size_t i;
	int found = -1;

	for (i = 0; i < clint_result_present_count(res); i++) {
		assert_int_equal(clint_result_present(res, i, &f), CLINT_OK);
		if (strcmp(f.rule_id, id) == 0) {
			found = 1;
			if (out)
				*out = f;
		}
	}
	for (i = 0; i < clint_result_missing_count(res); i++) {
		assert_int_equal(clint_result_missing(res, i, &f), CLINT_OK);
		if (strcmp(f.rule_id, id) == 0) {
			if (found == 1)
				fail_msg("rule %s is both present and missing", id);
			found = 0;
			if (out)
				*out = f;
		}
	}
	if (found < 0)
		fail_msg("rule %s is neither present nor missing", id);
	return found;
}

/* ---- required clauses ------------------------------------------------------ */

static void test_require_via_heading(void **state)
{
	checked c = run(state, "CONFIDENTIALITY\n\n"
	                       "Each party protects the other's secrets.\n");
	clint_finding f;

	assert_int_equal(presence(c.res, "req-conf", &f), 1);
	assert_int_equal(f.has_location, 1);
	assert_int_equal(f.kind, CLINT_RULE_REQUIRE);
	/* the evidence is the heading words that matched */
	unit_assert_slice(c.doc, f.start, f.end, "CONFIDENTIAL");
	assert_int_equal(f.section, 0);
	assert_string_equal(f.section_label, "CONFIDENTIALITY");
	assert_int_equal(f.begin_loc.line, 1);
	assert_int_equal(f.begin_loc.column, 1);
	done(&c);
}

/* A title counts once toward min-matches, in any case (Latin-1 letters
 * too); two different titles count twice. */
static void test_require_title_once(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("titles")
		UNIT_RULE("req-fees", "require", "error", " min-matches=\"2\"")
		UNIT_HEADING("geb\u00fchren|charges")
		UNIT_PATTERN("\\bEUR \\d")
		UNIT_EXAMPLE("match", "1. Charges\n\nEUR 5 a day.")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	static const char *const texts[] = {
		"1. GEB\u00dcHREN\n\nSiehe unten.\n\n2. Geb\u00fchren\n\nSiehe oben.\n",
		"1. Charges\n\nTo follow.\n\n2. Geb\u00fchren\n\nSiehe oben.\n",
	};
	clint_ruleset *rs = unit_ruleset(pack);
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		clint_doc *doc = unit_text(texts[k]);
		clint_result *res = NULL;
		assert_int_equal(clint_check(&res, rs, doc, NULL, NULL), CLINT_OK);
		assert_int_equal(presence(res, "req-fees", NULL), (int)k);
		clint_result_free(res);
		clint_doc_free(doc);
	}
	clint_ruleset_free(rs);
}

static void test_require_via_pattern(void **state)
{
	checked c = run(state, "Intro words here.\n\n"
	                       "The Supplier shall keep all data confidential.\n");
	clint_finding f;

	assert_int_equal(presence(c.res, "req-conf", &f), 1);
	unit_assert_slice(c.doc, f.start, f.end, "keep all data confidential");
	assert_int_equal(f.section, CLINT_NO_SECTION);
	assert_string_equal(f.section_label, "");
	assert_int_equal(f.begin_loc.line, 3);
	assert_int_equal(f.begin_loc.column, 20);
	done(&c);
}

static void test_require_missing(void **state)
{
	checked c = run(state, "The Supplier shall do the work.\n\n"
	                       "This information is confidential.\n");
	clint_finding f;

	/* "confidential" alone is neither the heading nor the pattern */
	assert_int_equal(presence(c.res, "req-conf", &f), 0);
	assert_int_equal(f.has_location, 0);
	assert_string_equal(f.title, "Title of req-conf");
	assert_string_equal(f.message, "Message of req-conf");
	assert_string_equal(f.pack, "chk");
	assert_int_equal(f.severity, CLINT_SEVERITY_ERROR);
	assert_int_equal(f.section, CLINT_NO_SECTION);
	assert_string_equal(f.section_label, "");
	/* missing clauses come in ruleset order */
	assert_int_equal(clint_result_missing_count(c.res), 2);
	assert_int_equal(clint_result_missing(c.res, 0, &f), CLINT_OK);
	assert_string_equal(f.rule_id, "req-conf");
	assert_int_equal(clint_result_missing(c.res, 1, &f), CLINT_OK);
	assert_string_equal(f.rule_id, "req-audit");
	assert_int_equal(clint_result_missing(c.res, 2, &f), CLINT_EINVAL);
	assert_int_equal(clint_result_present_count(c.res), 0);
	done(&c);
}

static void test_min_matches(void **state)
{
	checked c = run(state, "The Client may audit the Supplier once a year.\n");
	clint_finding f;

	assert_int_equal(presence(c.res, "req-audit", NULL), 0);
	done(&c);

	c = run(state, "The Client may audit the Supplier. A second audit "
	               "follows a breach.\n");
	assert_int_equal(presence(c.res, "req-audit", &f), 1);
	/* the evidence is the first match */
	assert_int_equal(f.start, unit_offset(c.doc, "audit"));
	done(&c);
}

static void test_heading_patterns_see_the_heading_alone(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("anchored")
		UNIT_RULE("req-term", "require", "error", "")
		UNIT_HEADING("^term$")
		UNIT_EXAMPLE("match", "3. TERM")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_text("3. Term\n\nTwo years.\n");
	clint_result *res = unit_check(rs, doc);
	clint_finding f;

	(void)state;
	/* "^" and "$" anchor at the heading's own ends */
	assert_int_equal(clint_result_present_count(res), 1);
	assert_int_equal(clint_result_present(res, 0, &f), CLINT_OK);
	unit_assert_slice(doc, f.start, f.end, "Term");
	assert_string_equal(f.section_label, "\xC2\xA7 3 Term");
	clint_result_free(res);
	clint_doc_free(doc);

	doc = unit_text("3. Term of the Agreement\n\nTwo years.\n");
	res = unit_check(rs, doc);
	assert_int_equal(clint_result_missing_count(res), 1);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/* ---- flags: within, unless, merging ------------------------------------------ */

static void test_within_limits_to_sections(void **state)
{
	checked c = run(state, "1. Services\n\n"
	                       "The Supplier shall use reasonable care.\n\n"
	                       "2. Fees and Charges\n\n"
	                       "The Client shall pay reasonable expenses.\n\n"
	                       "2.1 Travel\n\n"
	                       "Other reasonable costs apply.\n\n"
	                       "3. Term\n\n"
	                       "Reasonable notice applies.\n");
	clint_finding f[4];

	/* inside "Fees and Charges" and its sub-section only */
	assert_int_equal(findings_of(c.res, "flag-reasonable", f, 4), 2);
	assert_int_equal(f[0].start, unit_offset(c.doc, "reasonable expenses"));
	assert_string_equal(f[0].section_label, "\xC2\xA7 2 Fees and Charges");
	assert_int_equal(f[1].start, unit_offset(c.doc, "reasonable costs"));
	assert_string_equal(f[1].section_label, "\xC2\xA7 2.1 Travel");
	done(&c);
}

static void test_within_outside_any_section(void **state)
{
	checked c = run(state, "Fees are reasonable.\n");

	/* no section, so no heading to be within */
	assert_int_equal(findings_of(c.res, "flag-reasonable", NULL, 0), 0);
	done(&c);
}

static void test_unless_same_sentence_only(void **state)
{
	checked c = run(state, "Subject to clause 4, the Supplier uses best "
	                       "efforts. The Supplier uses best efforts for "
	                       "hosting. Subject to the budget, it hosts.\n");
	clint_finding f[3];

	assert_int_equal(findings_of(c.res, "flag-best", f, 3), 1);
	assert_int_equal(f[0].start, unit_offset(c.doc, "best efforts for"));
	unit_assert_slice(c.doc, f[0].start, f[0].end, "best efforts");
	done(&c);

	/* an `unless` after the match in the same sentence also excludes */
	c = run(state, "The Supplier uses best efforts subject to funding.\n");
	assert_int_equal(findings_of(c.res, "flag-best", NULL, 0), 0);
	done(&c);
}

/* A sentence longer than PART_WINDOWS is searched for an `unless` window
 * by window at the unless pattern's leads: found far from the match on
 * either side, not found where only part of it occurs. */
static void test_unless_in_long_sentence(void **state)
{
	static const char filler[] =
		" and the Supplier keeps the hosting and the network and the "
		"service desk and the data centre running for the Client";
	char text[2048];
	checked c;

	(void)state;
	snprintf(text, sizeof(text), "The Supplier uses best efforts%s%s%s, "
	         "subject to funding.\n", filler, filler, filler);
	assert_true(strlen(text) > PART_WINDOWS);
	c = run(state, text);
	assert_int_equal(findings_of(c.res, "flag-best", NULL, 0), 0);
	done(&c);

	snprintf(text, sizeof(text), "Subject to funding%s%s%s, the Supplier "
	         "uses best efforts.\n", filler, filler, filler);
	c = run(state, text);
	assert_int_equal(findings_of(c.res, "flag-best", NULL, 0), 0);
	done(&c);

	snprintf(text, sizeof(text), "The Supplier uses best efforts%s%s%s, "
	         "subject and to funding.\n", filler, filler, filler);
	c = run(state, text);
	assert_int_equal(findings_of(c.res, "flag-best", NULL, 0), 1);
	done(&c);
}

static void test_overlapping_matches_merged(void **state)
{
	checked c = run(state, "The price is to be agreed later.\n");
	clint_finding f[3];

	/* "to be agreed" and "be agreed later" overlap: one finding */
	assert_int_equal(findings_of(c.res, "flag-tbd", f, 3), 1);
	assert_int_equal(f[0].start, unit_offset(c.doc, "to be agreed"));
	assert_true(f[0].end > f[0].start);
	done(&c);

	/* separate places stay separate */
	c = run(state, "Price to be agreed. Scope to be agreed.\n");
	assert_int_equal(findings_of(c.res, "flag-tbd", f, 3), 2);
	done(&c);
}

static void test_findings_sorted_by_position(void **state)
{
	checked c = run(state, "Late fees are to be agreed, and late interest "
	                       "is to be agreed too.\n");
	clint_finding f;
	const char *expect[] = {"flag-late", "flag-tbd", "flag-late", "flag-tbd"};
	size_t i, last = 0;

	/* flag-tbd comes before flag-late in the pack, but findings are in
	 * text order */
	assert_int_equal(clint_result_finding_count(c.res), 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(clint_result_finding(c.res, i, &f), CLINT_OK);
		assert_string_equal(f.rule_id, expect[i]);
		assert_true(i == 0 || f.start > last);
		last = f.start;
	}
	assert_int_equal(clint_result_finding(c.res, 4, &f), CLINT_EINVAL);
	done(&c);
}

static void test_count_at_least(void **state)
{
	checked c = run(state, "The Supplier uses best efforts. The price is to "
	                       "be agreed. Payment is late.\n");

	/* findings: best (info), tbd (warning), late (error);
	 * missing: req-conf (error), req-audit (warning) */
	assert_int_equal(clint_result_finding_count(c.res), 3);
	assert_int_equal(clint_result_missing_count(c.res), 2);
	assert_int_equal(clint_result_count_at_least(c.res, CLINT_SEVERITY_INFO),
	                 5);
	assert_int_equal(
		clint_result_count_at_least(c.res, CLINT_SEVERITY_WARNING), 4);
	assert_int_equal(clint_result_count_at_least(c.res, CLINT_SEVERITY_ERROR),
	                 2);
	assert_int_equal(clint_result_count_at_least(NULL, CLINT_SEVERITY_INFO),
	                 0);
	done(&c);
}

static void test_finding_location(void **state)
{
	checked c = run(state, "1. Services\n\n"
	                       "The caf\xC3\xA9 staff use best efforts daily.\n"
	                       "They use best\nefforts nightly.\n");
	clint_finding f[3];

	assert_int_equal(findings_of(c.res, "flag-best", f, 3), 2);
	/* columns count characters: "The café staff use " is 19 of them */
	assert_int_equal(f[0].begin_loc.line, 3);
	assert_int_equal(f[0].begin_loc.column, 20);
	assert_int_equal(f[0].end_loc.line, 3);
	assert_int_equal(f[0].end_loc.column, 32);
	assert_int_equal(f[0].begin_loc.page, 1);
	assert_int_equal(f[0].start, unit_offset(c.doc, "best efforts daily"));
	assert_int_equal(f[0].section, 0);
	assert_string_equal(f[0].section_label, "\xC2\xA7 1 Services");
	assert_string_equal(f[0].message, "Message of flag-best");
	assert_string_equal(f[0].rationale, "Rationale of flag-best");
	assert_string_equal(f[0].ref, "Ref of flag-best");
	assert_string_equal(f[0].suggestion, "Suggestion of flag-best");
	assert_string_equal(f[0].category, "test");
	assert_int_equal(f[0].severity, CLINT_SEVERITY_INFO);
	assert_int_equal(f[0].kind, CLINT_RULE_FLAG);
	/* a match across a line break: the range keeps the newline */
	assert_int_equal(f[1].begin_loc.line, 4);
	assert_int_equal(f[1].begin_loc.column, 10);
	assert_int_equal(f[1].end_loc.line, 5);
	assert_int_equal(f[1].end_loc.column, 8);
	unit_assert_slice(c.doc, f[1].start, f[1].end, "best\nefforts");
	done(&c);
}

static void test_check_arguments(void **state)
{
	clint_check_options bad = CLINT_CHECK_OPTIONS_INIT;
	clint_doc *doc = unit_text("Text.");
	clint_result *res = NULL;
	clint_finding f;

	bad.version = 7;
	assert_int_equal(clint_check(NULL, *state, doc, NULL, NULL), CLINT_EINVAL);
	assert_int_equal(clint_check(&res, NULL, doc, NULL, NULL), CLINT_EINVAL);
	assert_int_equal(clint_check(&res, *state, NULL, NULL, NULL), CLINT_EINVAL);
	assert_int_equal(clint_check(&res, *state, doc, &bad, NULL), CLINT_EINVAL);
	/* NULL options are the defaults */
	assert_int_equal(clint_check(&res, *state, doc, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_result_finding(res, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_result_present(res, 0, &f), CLINT_EINVAL);
	clint_result_free(res);
	clint_result_free(NULL);
	assert_null(clint_result_doc(NULL));
	assert_int_equal(clint_result_finding_count(NULL), 0);
	assert_int_equal(clint_result_missing_count(NULL), 0);
	assert_int_equal(clint_result_present_count(NULL), 0);
	assert_int_equal(clint_result_finding(NULL, 0, &f), CLINT_EINVAL);
	assert_int_equal(clint_result_missing(NULL, 0, &f), CLINT_EINVAL);
	assert_int_equal(clint_result_present(NULL, 0, &f), CLINT_EINVAL);
	{
		char fp[17];
		assert_int_equal(clint_finding_fingerprint(NULL, &f, fp),
		                 CLINT_EINVAL);
		assert_int_equal(clint_check(&res, *state, doc, NULL, NULL), CLINT_OK);
		assert_int_equal(clint_result_missing(res, 0, NULL), CLINT_EINVAL);
		assert_int_equal(clint_result_missing(res, 100000, &f), CLINT_EINVAL);
		assert_int_equal(clint_result_present(res, 0, NULL), CLINT_EINVAL);
		assert_int_equal(clint_finding_fingerprint(res, NULL, fp),
		                 CLINT_EINVAL);
		assert_int_equal(clint_finding_fingerprint(res, &f, NULL),
		                 CLINT_EINVAL);
		clint_result_free(res);
	}
	clint_doc_free(doc);
}

/* A rule matching more than 10000 times reports 10000 findings and a
 * note saying the rest are not reported; the check still succeeds. */
static void test_findings_per_rule_capped(void **state)
{
	size_t n = 10050, i, tbd = 0;
	char *text = malloc(n * 13 + 1), *p = text;
	clint_doc *doc;
	clint_result *res = NULL;
	clint_diag *d = NULL;

	assert_non_null(text);
	for (i = 0; i < n; i++)
		p += sprintf(p, "to be agreed%c", i % 100 == 99 ? '\n' : ' ');
	doc = unit_text(text);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_check(&res, *state, doc, NULL, d), CLINT_OK);
	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_finding f;
		assert_int_equal(clint_result_finding(res, i, &f), CLINT_OK);
		tbd += strcmp(f.rule_id, "flag-tbd") == 0;
	}
	assert_int_equal(tbd, 10000);
	assert_true(unit_diag_find(d, "rule 'flag-tbd': more than 10000 findings") >= 0);
	clint_result_free(res);
	clint_diag_free(d);
	clint_doc_free(doc);
	free(text);
}

/* A built-in check has the same cap: 10 MB of "TBD " made 2.6 million
 * placeholder findings (4 GB of memory and of JSON). */
static void test_check_findings_capped(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("chk")
		"  <rule id=\"ph\" kind=\"check\" check=\"placeholders\" "
		"severity=\"warning\" category=\"drafting\">\n"
		"    <title>Placeholder</title>\n"
		"    <message>A placeholder</message>\n"
		"    <rationale>Why</rationale>\n"
		"    <ref>Ref</ref>\n"
		"    <suggestion>Fix</suggestion>\n"
		"    <example expect=\"match\">Pay [Client].</example>\n"
		"  </rule>\n"
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_buf b = CLINT_BUF_INIT;
	clint_result *res = NULL;
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	for (i = 0; i < 10050; i++)
		assert_int_equal(clint_buf_puts(&b, i % 100 == 99 ? "TBD\n" : "TBD "),
		                 CLINT_OK);
	doc = unit_text(b.data);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_check(&res, rs, doc, NULL, d), CLINT_OK);
	assert_int_equal(clint_result_finding_count(res), 10000);
	assert_true(unit_diag_find(d, "rule 'ph': more than 10000 findings") >= 0);
	assert_int_equal(clint_diag_count(d), 1);
	clint_result_free(res);
	clint_diag_free(d);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
	clint_buf_free(&b);
}

static void test_empty_document(void **state)
{
	clint_doc *doc = unit_doc_n("empty.txt", "", 0, CLINT_INPUT_TEXT, NULL);
	clint_result *res = unit_check(*state, doc);

	assert_int_equal(clint_result_finding_count(res), 0);
	assert_int_equal(clint_result_missing_count(res), 2);
	assert_int_equal(clint_result_present_count(res), 0);
	clint_result_free(res);
	clint_doc_free(doc);
}

/* ---- fingerprints ---------------------------------------------------------- */

/* The fingerprint of the first finding of rule `id` in `text` (Markdown
 * if `md`). */
static void fingerprint_in(void **state, const char *text, int md,
                           const char *id, char fp[CLINT_FINGERPRINT_SIZE])
{
	checked c;
	clint_finding f;

	c.doc = md ? unit_md(text) : unit_text(text);
	c.res = unit_check(*state, c.doc);

	assert_int_equal(findings_of(c.res, id, &f, 1) >= 1, 1);
	assert_int_equal(clint_finding_fingerprint(c.res, &f, fp), CLINT_OK);
	assert_int_equal(strlen(fp), 16);
	assert_int_equal(strspn(fp, "0123456789abcdef"), 16);
	done(&c);
}

static void fingerprint_of(void **state, const char *text, const char *id,
                           char fp[CLINT_FINGERPRINT_SIZE])
{
	fingerprint_in(state, text, 0, id, fp);
}

static void test_fingerprint_survives_moves_and_renumbering(void **state)
{
	char a[CLINT_FINGERPRINT_SIZE], b[CLINT_FINGERPRINT_SIZE];
	char c[CLINT_FINGERPRINT_SIZE], d[CLINT_FINGERPRINT_SIZE];

	fingerprint_of(state, "1. Delivery\n\nThe supplier uses best efforts.\n",
	               "flag-best", a);
	/* text added before it, the section renumbered, case and spacing */
	fingerprint_of(state,
	               "1. Scope\n\nA new clause.\n\n2. Delivery\n\n"
	               "The supplier uses Best   Efforts.\n",
	               "flag-best", b);
	assert_string_equal(a, b);
	/* the same words under another heading are another finding */
	fingerprint_of(state, "1. Pricing\n\nThe supplier uses best efforts.\n",
	               "flag-best", c);
	assert_string_not_equal(a, c);
	/* other matched words, another fingerprint */
	fingerprint_of(state, "1. Delivery\n\nPrice to be agreed.\n", "flag-tbd",
	               d);
	assert_string_not_equal(a, d);
	/* characters that show nothing, inside a word of the match or of the
	 * heading, make no other finding: a revision that adds them is not
	 * a new risk */
	fingerprint_of(state, "1. Deli\xE2\x80\x8Bvery\n\nThe supplier uses "
	               "be\xE2\x81\xA6\xE2\x81\xA9st eff\xC2\xADorts.\n",
	               "flag-best", b);
	assert_string_equal(a, b);
	/* nor do letters the rules read as Latin: a Cyrillic 'е' in the
	 * heading and in "efforts", a fullwidth 'ｂ' in "best" */
	fingerprint_of(state, "1. D\xD0\xB5livery\n\nThe supplier uses "
	               "\xEF\xBD\x82" "est \xD0\xB5" "fforts.\n",
	               "flag-best", b);
	assert_string_equal(a, b);
	/* a word all of look-alikes whose run starts before the finding:
	 * "uses" is Latin, so the matching view reads it as Latin, and so
	 * does the fingerprint that starts at it */
	fingerprint_of(state, "1. Delivery\n\nThe supplier uses "
	               "\xD0\x92\xD0\x95\xD0\x85\xD0\xA2 \xD0\x95" "FFORTS.\n",
	               "flag-best", b);
	assert_string_equal(a, b);
	/* Markdown: markup inside the words and a reference are read as the
	 * rules read them */
	fingerprint_in(state, "# 1. Delivery\n\nThe supplier uses "
	               "b**e**st eff&#111;rts.\n", 1, "flag-best", b);
	assert_string_equal(a, b);
}

static void test_fingerprint_of_missing_clause(void **state)
{
	checked c1 = run(state, "Nothing here.");
	checked c2 = run(state, "Something else entirely, also nothing.");
	char a[CLINT_FINGERPRINT_SIZE], b[CLINT_FINGERPRINT_SIZE];
	clint_finding f1, f2;

	assert_int_equal(presence(c1.res, "req-conf", &f1), 0);
	assert_int_equal(presence(c2.res, "req-conf", &f2), 0);
	assert_int_equal(clint_finding_fingerprint(c1.res, &f1, a), CLINT_OK);
	assert_int_equal(clint_finding_fingerprint(c2.res, &f2, b), CLINT_OK);
	assert_string_equal(a, b);
	assert_int_equal(clint_finding_fingerprint(NULL, &f1, a), CLINT_EINVAL);
	done(&c1);
	done(&c2);
}

/* ---- regex limits ------------------------------------------------------------ */

/* Catastrophic backtracking in a body pattern, an `unless` and a required
 * clause's pattern, beside ordinary rules. */
static const char limit_pack[] =
	UNIT_PACK_HEAD("lim")
	UNIT_RULE("lim-body", "flag", "warning", "")
	UNIT_PATTERN("(?:a+)+;")
	UNIT_EXAMPLE("match", "aaa;")
	UNIT_RULE_END
	UNIT_RULE("lim-unless", "flag", "warning", "")
	UNIT_PATTERN("\\bend\\b")
	UNIT_UNLESS("(?:a+)+;")
	UNIT_EXAMPLE("match", "end")
	UNIT_RULE_END
	UNIT_RULE("lim-require", "require", "error", "")
	UNIT_PATTERN("(?:\\w+\\s?)+;")
	UNIT_EXAMPLE("match", "a b;")
	UNIT_RULE_END
	UNIT_RULE("lim-late", "flag", "error", "")
	UNIT_PATTERN("\\blate\\b")
	UNIT_EXAMPLE("match", "Late.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* Index of the diagnostic holding both `a` and `b`, or -1. */
static long diag_with(const clint_diag *d, const char *a, const char *b)
{
	clint_diag_entry e;
	size_t i;

	for (i = 0; i < clint_diag_count(d); i++) {
		assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
		if (strstr(e.message, a) && strstr(e.message, b))
			return (long)i;
	}
	return -1;
}

/* A pack loaded from a file, as a user's pack is (validated, compiled
 * with JIT or not), and one document checked with it. */
typedef struct {
	char *path;
	clint_ruleset *rs;
	clint_diag *diag;
	clint_doc *doc;
	clint_result *res;
} pack_run;

/* pack_run_check() without the check. */
static void pack_run_load(pack_run *r, const char *pack, const char *text,
                          int jit)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	const char *paths[1];

	memset(r, 0, sizeof(*r));
	r->path = unit_temp_file(pack, strlen(pack));
	paths[0] = r->path;
	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = 1;
	o.jit = jit;
	assert_int_equal(clint_diag_new(&r->diag), CLINT_OK);
	assert_int_equal(clint_ruleset_load(&r->rs, &o, r->diag), CLINT_OK);
	r->doc = unit_text(text);
}

/* Without the CPU-time limit: these checks pay the match limit on
 * purpose, and under valgrind that can take longer than the default. */
static void pack_run_check(pack_run *r, const char *pack, const char *text,
                           int jit)
{
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;

	pack_run_load(r, pack, text, jit);
	co.max_cpu_seconds = CLINT_CHECK_NO_TIME_LIMIT;
	assert_int_equal(clint_check(&r->res, r->rs, r->doc, &co, r->diag),
	                 CLINT_OK);
}

static void pack_run_free(pack_run *r)
{
	clint_result_free(r->res);
	clint_doc_free(r->doc);
	clint_ruleset_free(r->rs);
	clint_diag_free(r->diag);
	unlink(r->path);
	free(r->path);
}

static void limits_reported(int jit)
{
	const char *ids[] = {"lim-body", "lim-unless", "lim-require"};
	char text[512];
	pack_run r;
	clint_diag_entry e;
	clint_finding f[4];
	size_t i;
	long k;

	/* 60 letters followed by " end;", not ";": (a+)+; tries every way
	 * to split them, far beyond any match limit (the ";" must be in
	 * the subject, or PCRE2 sees at once that nothing can match) */
	snprintf(text, sizeof(text),
	         "1. Payment\n\nPayment is late and the end is near. %s end; done.\n",
	         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	pack_run_check(&r, limit_pack, text, jit);
	/* each rule that hit the limit is a warning naming the rule, the
	 * document and the pack file with the pattern's line */
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char rule[64];
		snprintf(rule, sizeof(rule), "rule '%s' stopped on test.txt", ids[i]);
		k = diag_with(r.diag, rule, "limit");
		if (k < 0)
			unit_diag_dump(r.diag);
		assert_true(k >= 0);
		assert_int_equal(clint_diag_get(r.diag, (size_t)k, &e), CLINT_OK);
		assert_int_equal(e.level, CLINT_DIAG_WARNING);
		assert_string_equal(e.file, r.path);
		assert_true(e.line > 0);
	}
	/* the document's other findings are still reported */
	assert_int_equal(findings_of(r.res, "lim-late", f, 4), 1);
	assert_int_equal(f[0].start, unit_offset(r.doc, "late"));
	/* an `unless` that cannot be decided does not hide the finding */
	assert_int_equal(findings_of(r.res, "lim-unless", f, 4), 2);
	assert_int_equal(findings_of(r.res, "lim-body", f, 4), 0);
	assert_int_equal(presence(r.res, "lim-require", NULL), 0);
	pack_run_free(&r);
}

static void test_regex_limit_reported_jit(void **state)
{
	(void)state;
	limits_reported(1);
}

static void test_regex_limit_reported_interpreter(void **state)
{
	(void)state;
	limits_reported(0);
}

/* A pattern that hits a limit is not run on the document again: a heading
 * pattern would otherwise pay the limit at every section, an `unless` or
 * a `near` at every match of its rule (a 200-section document with one
 * such heading pattern took 17.8 s and gave 200 warnings). */
static const char repeat_pack[] =
	UNIT_PACK_HEAD("rep")
	UNIT_RULE("rep-heading", "flag", "warning", "")
	UNIT_HEADING("^(?:\\w+\\s?)+\\d")
	UNIT_EXAMPLE("match", "1. Fees 2")
	UNIT_RULE_END
	UNIT_RULE("rep-unless", "flag", "warning", "")
	UNIT_PATTERN("\\bend\\b")
	UNIT_UNLESS("(?:a+)+;")
	UNIT_EXAMPLE("match", "end")
	UNIT_RULE_END
	UNIT_RULE("rep-near", "flag", "warning", "")
	UNIT_PATTERN("\\bstop\\b")
	"    <near words=\"3\">(?:a+)+;</near>\n"
	UNIT_EXAMPLE("match", "stop a;")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static void test_regex_limit_paid_once(void **state)
{
	const char *ids[] = {"rep-heading", "rep-unless", "rep-near"};
	static const char as[] =
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	clint_finding f[4];
	pack_run r;
	char *text, *t;
	size_t i, n = 0;

	(void)state;
	/* 30 sections: a heading of words without a digit, and a paragraph
	 * where "end" and "stop" each match twice beside 60 a's and a ";" */
	text = t = malloc(30 * 300);
	assert_non_null(text);
	for (i = 1; i <= 30; i++)
		t += sprintf(t, "%zu. Fees Fees Fees Fees Fees Fees Fees Fees Fees "
		                "Fees Fees Fees\n\nThe end: stop %s end; stop.\n\n",
		             i, as);
	pack_run_check(&r, repeat_pack, text, 0);
	assert_int_equal(clint_doc_section_count(r.doc), 30);
	/* one warning for each rule, not one for each section or match */
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char rule[64];
		size_t k, count = 0;
		clint_diag_entry e;

		snprintf(rule, sizeof(rule), "rule '%s' stopped on test.txt", ids[i]);
		for (k = 0; k < clint_diag_count(r.diag); k++) {
			clint_diag_get(r.diag, k, &e);
			count += strstr(e.message, rule) != NULL;
		}
		if (count != 1)
			unit_diag_dump(r.diag);
		assert_int_equal(count, 1);
		n += count;
	}
	assert_int_equal(clint_diag_count(r.diag), n);
	assert_int_equal(clint_result_limit_hits(r.res), 3);
	/* as before: an undecided `unless` hides nothing, an undecided
	 * `near` holds nowhere, and the heading matched nothing */
	assert_int_equal(findings_of(r.res, "rep-unless", f, 4), 60);
	assert_int_equal(findings_of(r.res, "rep-near", f, 4), 0);
	assert_int_equal(findings_of(r.res, "rep-heading", f, 4), 0);
	pack_run_free(&r);
	free(text);
}

/*
 * The CPU-time limit. Every pattern is bounded by the match limit, but a
 * pack can hold thousands that each pay it: 1,000 rules of the kind below
 * took 36 s on a 10 KB contract, 20,000 would take 12 minutes. This pack
 * has a plain flag rule, a require rule that the text lacks, then `n`
 * rules that each find "Supplier", then backtrack past the match limit
 * (each with its own pattern, so none is skipped as a copy of another).
 */
static char *time_limit_pack(size_t n)
{
	static const char head[] =
		UNIT_PACK_HEAD("tl")
		UNIT_RULE("tl-first", "flag", "warning", "")
		UNIT_PATTERN("\\bshall\\b")
		UNIT_EXAMPLE("match", "shall")
		UNIT_RULE_END
		UNIT_RULE("tl-require", "require", "error", "")
		UNIT_PATTERN("\\bzqxj\\b")
		UNIT_EXAMPLE("match", "zqxj")
		UNIT_RULE_END;
	size_t cap = sizeof(head) + n * 512 + 64, i;
	char *pack = malloc(cap), *p;

	assert_non_null(pack);
	p = pack + sprintf(pack, "%s", head);
	for (i = 0; i < n; i++)
		p += sprintf(p,
		             "  <rule id=\"tl-cat-%zu\" kind=\"flag\" "
		             "severity=\"warning\" category=\"test\">\n"
		             "    <title>t</title>\n    <message>m</message>\n"
		             "    <rationale>r</rationale>\n    <ref>f</ref>\n"
		             "    <suggestion>s</suggestion>\n"
		             "    <pattern>\\bSupplier\\b</pattern>\n"
		             "    <pattern>(?:\\w+\\s?)+;{1,%zu}</pattern>\n"
		             "    <example expect=\"match\">a b;</example>\n"
		             "  </rule>\n",
		             i, i + 1);
	strcpy(p, UNIT_PACK_TAIL);
	return pack;
}

/* Sentences of 40 words that end in "." where those rules want ";" (the
 * one ";" is at the end: without one the prefilter would skip them). */
static char *time_limit_text(void)
{
	char *text = malloc(20 * 300 + 32), *t = text;
	size_t i, w;

	assert_non_null(text);
	for (i = 0; i < 20; i++) {
		t += sprintf(t, "The Supplier shall");
		for (w = 0; w < 40; w++)
			t += sprintf(t, " word");
		t += sprintf(t, ".\n\n");
	}
	sprintf(t, "Notes; end.\n");
	return text;
}

/* The error of a check stopped by its CPU-time limit: one, naming the
 * document; *not_run gets the number of rules it says did not run. */
static void time_limit_error(const clint_diag *diag, size_t *not_run,
                             size_t total)
{
	clint_diag_entry e;
	size_t i, errors = 0, n = 0, of = 0;
	const char *s;

	for (i = 0; i < clint_diag_count(diag); i++) {
		assert_int_equal(clint_diag_get(diag, i, &e), CLINT_OK);
		if (e.level != CLINT_DIAG_ERROR)
			continue;
		errors++;
		assert_string_equal(e.file, "test.txt");
		s = strstr(e.message, "CPU-time limit of ");
		assert_non_null(s);
		s = strchr(s, ':');
		assert_non_null(s);
		assert_int_equal(sscanf(s, ": %zu of %zu rules did not run", &n, &of),
		                 2);
		assert_non_null(strstr(e.message, "incomplete"));
	}
	assert_int_equal(errors, 1);
	assert_int_equal(of, total);
	*not_run = n;
}

static void test_time_limit_stops_check(void **state)
{
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;
	char *pack = time_limit_pack(300), *text = time_limit_text();
	clint_finding f[32];
	size_t not_run = 0, i;
	pack_run r;

	(void)state;
	pack_run_load(&r, pack, text, 1);
	/* 300 rules that each pay the limit take seconds; 0.2 s stops them
	 * partway, and the check still gives its result */
	co.max_cpu_seconds = 0.2;
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag), CLINT_OK);
	assert_int_equal(clint_result_timed_out(r.res), 1);
	time_limit_error(r.diag, &not_run, 302);
	assert_true(not_run >= 1 && not_run <= 300);
	/* the rules that ran before it keep their results */
	assert_int_equal(findings_of(r.res, "tl-first", f, 32), 20);
	assert_int_equal(presence(r.res, "tl-require", NULL), 0);
	assert_int_equal(clint_result_missing_count(r.res), 1);
	/* 20 findings for each rule that ran to the end, none from the rule
	 * it stopped in or after (test_time_limit_stops_anywhere stops inside
	 * rules on purpose) */
	assert_int_equal(clint_result_finding_count(r.res),
	                 20 * (1 + 300 - not_run));
	for (i = 0; i < 300; i++) {
		char id[32];
		snprintf(id, sizeof(id), "tl-cat-%zu", i);
		assert_int_equal(findings_of(r.res, id, f, 32),
		                 i < 300 - not_run ? 20 : 0);
	}
	pack_run_free(&r);

	/* a limit so small that it is over before the first rule: nothing
	 * ran, so nothing is reported missing either */
	pack_run_load(&r, pack, text, 1);
	co.max_cpu_seconds = 1e-9;
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag), CLINT_OK);
	assert_int_equal(clint_result_timed_out(r.res), 1);
	time_limit_error(r.diag, &not_run, 302);
	assert_int_equal(not_run, 302);
	assert_int_equal(clint_result_finding_count(r.res), 0);
	assert_int_equal(clint_result_missing_count(r.res), 0);
	assert_int_equal(clint_result_present_count(r.res), 0);
	assert_true(diag_with(r.diag, "(the first: 'tl-first' of ", r.path) >= 0);
	pack_run_free(&r);
	free(pack);
	free(text);
}

/*
 * Wherever the limit falls - between rules, or in the middle of a flag
 * rule, a require rule, a rule's `within` scope or an `unless` - the
 * result holds exactly the rules before clint_result_rules_checked(), each
 * as complete as without a limit, and nothing of the others: no finding,
 * and no required clause present or missing. The fake clock stops the
 * check at CPU clock read k, for every k until the check completes.
 */
static const char anywhere_pack[] =
	UNIT_PACK_HEAD("any")
	UNIT_RULE("any-first", "flag", "warning", "")
	UNIT_PATTERN("\\bshall\\b")
	UNIT_EXAMPLE("match", "shall")
	UNIT_RULE_END
	UNIT_RULE("any-require-missing", "require", "error", " min-matches=\"30\"")
	UNIT_PATTERN("\\bSupplier\\b")
	UNIT_EXAMPLE("match", "Supplier")
	UNIT_RULE_END
	UNIT_RULE("any-within", "flag", "warning", "")
	UNIT_WITHIN("Services")
	UNIT_PATTERN("\\bSupplier\\b")
	UNIT_EXAMPLE("match", "Supplier")
	UNIT_RULE_END
	UNIT_RULE("any-unless", "flag", "warning", "")
	UNIT_PATTERN("\\bdo\\b")
	UNIT_UNLESS("\\bnot\\b")
	UNIT_EXAMPLE("match", "do")
	UNIT_RULE_END
	UNIT_RULE("any-require-present", "require", "error", " min-matches=\"15\"")
	UNIT_PATTERN("\\bshall\\b")
	UNIT_EXAMPLE("match", "shall")
	UNIT_RULE_END
	UNIT_RULE("any-last", "flag", "info", "")
	UNIT_PATTERN("\\bit\\b")
	UNIT_EXAMPLE("match", "it")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* Per rule of `res`: findings, and 1 present / 2 missing / 0 neither. */
static void rule_outcomes(const clint_result *res, size_t *findings,
                          int *clause, size_t n)
{
	clint_finding f;
	size_t i, r;

	memset(findings, 0, n * sizeof(*findings));
	memset(clause, 0, n * sizeof(*clause));
	for (i = 0; i < clint_result_finding_count(res); i++) {
		assert_int_equal(clint_result_finding(res, i, &f), CLINT_OK);
		r = clint_ruleset_find(clint_result_ruleset(res), f.rule_id);
		assert_true(r < n);
		findings[r]++;
	}
	for (i = 0; i < clint_result_present_count(res); i++) {
		assert_int_equal(clint_result_present(res, i, &f), CLINT_OK);
		r = clint_ruleset_find(clint_result_ruleset(res), f.rule_id);
		assert_true(r < n && clause[r] == 0);
		clause[r] = 1;
	}
	for (i = 0; i < clint_result_missing_count(res); i++) {
		assert_int_equal(clint_result_missing(res, i, &f), CLINT_OK);
		r = clint_ruleset_find(clint_result_ruleset(res), f.rule_id);
		assert_true(r < n && clause[r] == 0);
		clause[r] = 2;
	}
}

static void test_time_limit_stops_anywhere(void **state)
{
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;
	size_t full_f[6], got_f[6], k, i, n, last = 0, mid[6] = {0};
	int full_c[6], got_c[6];
	char *text = malloc(12 * 200), *t = text;
	pack_run r;

	(void)state;
	assert_non_null(text);
	for (i = 1; i <= 12; i++)
		t += sprintf(t, "%zu. %s\n\nThe Supplier shall do it. The Supplier "
		                "shall not do it.\n\n",
		             i, i % 2 ? "Services" : "Charges");
	pack_run_load(&r, anywhere_pack, text, 1);
	assert_int_equal(clint_ruleset_rule_count(r.rs), 6);
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, NULL, r.diag), CLINT_OK);
	assert_int_equal(clint_result_rules_checked(r.res), 6);
	rule_outcomes(r.res, full_f, full_c, 6);
	/* what each rule gives when it runs to the end */
	assert_int_equal(full_f[0], 24);
	assert_int_equal(full_c[1], 2);
	assert_int_equal(full_f[2], 12);
	assert_int_equal(full_f[3], 12);
	assert_int_equal(full_c[4], 1);
	assert_int_equal(full_f[5], 24);
	clint_result_free(r.res);
	r.res = NULL;

	/* 1e6 reads of 1e-6 s, or one jump; read 1 sets the deadline */
	co.max_cpu_seconds = 1;
	for (k = 2; k < 10000; k++) {
		fake_clock_start(k);
		assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag),
		                 CLINT_OK);
		fake_clock_stop();
		n = clint_result_rules_checked(r.res);
		if (!clint_result_timed_out(r.res)) {
			assert_int_equal(n, 6);
			clint_result_free(r.res);
			r.res = NULL;
			break;
		}
		assert_true(n < 6);
		rule_outcomes(r.res, got_f, got_c, 6);
		for (i = 0; i < 6; i++) {
			assert_int_equal(got_f[i], i < n ? full_f[i] : 0);
			assert_int_equal(got_c[i], i < n ? full_c[i] : 0);
		}
		/* n grows with k: the first k that gives n stopped at the start of
		 * rule n, the later ones inside it, after some of its calls */
		assert_true(n >= last);
		if (k > 2 && n == last)
			mid[n]++;
		last = n;
		clint_result_free(r.res);
		r.res = NULL;
	}
	/* the loop ended with a complete check, after stops at every read,
	 * inside each rule */
	assert_true(k < 10000);
	for (i = 0; i < 6; i++)
		assert_true(mid[i] > 0);
	pack_run_free(&r);
	free(text);
}

/* A test that fails between fake_clock_start() and fake_clock_stop()
 * leaves the clock fake: the later tests get the real one back. */
static int teardown_clock(void **state)
{
	(void)state;
	fake_clock_stop();
	return 0;
}

/* The default limit: 10 s plus 5 s per MiB of text, the 5 s growing in
 * proportion past 1,000 patterns; an option's value as it is; none. */
static void test_time_limit_default(void **state)
{
	clint_ruleset rs;
	size_t mib4 = 4u << 20;

	(void)state;
	memset(&rs, 0, sizeof(rs));
	rs.pattern_count = 600;
	assert_true(clint_time_limit(&rs, 0, 0) == 10.0);
	assert_true(clint_time_limit(&rs, mib4, 0) == 30.0);
	rs.pattern_count = 1000;
	assert_true(clint_time_limit(&rs, mib4, 0) == 30.0);
	rs.pattern_count = 3000;
	assert_true(clint_time_limit(&rs, mib4, 0) == 70.0);
	assert_true(clint_time_limit(&rs, mib4, 2.5) == 2.5);
	assert_true(clint_time_limit(&rs, mib4, CLINT_CHECK_NO_TIME_LIMIT) == 0);
}

static void test_time_limit_options(void **state)
{
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;
	char *pack = time_limit_pack(2), *text = time_limit_text();
	pack_run r;

	(void)state;
	pack_run_load(&r, pack, text, 1);
	/* the default limit, none, and version 1 (the default): all rules run */
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag), CLINT_OK);
	assert_int_equal(clint_result_timed_out(r.res), 0);
	assert_int_equal(clint_result_missing_count(r.res), 1);
	clint_result_free(r.res);
	co.max_cpu_seconds = CLINT_CHECK_NO_TIME_LIMIT;
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag), CLINT_OK);
	assert_int_equal(clint_result_timed_out(r.res), 0);
	clint_result_free(r.res);
	co.version = 1;
	co.max_cpu_seconds = 1e-9;  /* not read in version 1 */
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag), CLINT_OK);
	assert_int_equal(clint_result_timed_out(r.res), 0);
	clint_result_free(r.res);
	r.res = NULL;
	/* refused: NaN, a negative other than "none", another version */
	co.version = CLINT_CHECK_OPTIONS_VERSION;
	co.max_cpu_seconds = 0.0 / 0.0;
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag),
	                 CLINT_EINVAL);
	co.max_cpu_seconds = -2;
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag),
	                 CLINT_EINVAL);
	co.max_cpu_seconds = 0;
	co.version = 3;
	assert_int_equal(clint_check(&r.res, r.rs, r.doc, &co, r.diag),
	                 CLINT_EINVAL);
	assert_null(r.res);
	assert_int_equal(clint_result_timed_out(NULL), 0);
	pack_run_free(&r);
	free(pack);
	free(text);
}

/* A pattern is only given up after several limits: one long sentence
 * where an `unless` stops does not leave it undecided in the others. */
static void test_regex_limit_decides_elsewhere(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("else")
		UNIT_RULE("else-unless", "flag", "warning", "")
		UNIT_PATTERN("\\bend\\b")
		UNIT_UNLESS("(?:a+)+;|\\bexempt\\b")
		UNIT_EXAMPLE("match", "end")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_finding f[4];
	pack_run r;
	char text[2048], *t = text;
	int i;

	(void)state;
	t += sprintf(t, "1. Terms\n\nThe end: %s end; done.",
	             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	for (i = 0; i < 20; i++)
		t += sprintf(t, " The end is exempt here.");
	sprintf(t, "\n");
	pack_run_check(&r, pack, text, 0);
	/* the long sentence's two matches are undecided, so reported; the
	 * twenty exempt ones are not (with the pattern given up at its
	 * first limit, all 22 were) */
	assert_int_equal(findings_of(r.res, "else-unless", f, 4), 2);
	assert_int_equal(clint_diag_count(r.diag), 1);
	pack_run_free(&r);
}

/* ---- profiling ---------------------------------------------------------- */

/* The bound on the newlines a pattern may consume errs only upwards. */
static void test_newline_bound(void **state)
{
	static const struct {
		const char *src;
		long bound;
	} cases[] = {
		{"\\bnotice\\b", 0}, {"[^.\\n]{0,40}", 0}, {"[^\\s]x", 0},
		{"\\d+ days?", 0}, {"a.b", 0}, {"[\\w\"'-]+", 0}, {"\\S+", 0},
		{"(?:x|y)(?=\\s+z)(?!\\s*w)(?<=\\s)(?<!\\n)(?>t)", 0},
		{"a{2}b{1,}c{", 0}, {"a\\sb", 1}, {"[\\s-]x\\s?y", 2},
		{"(?:a\\s){0,3}", 3}, {"(a|\\s\\s|b)", 2}, {"[^.]", 1},
		{"\\W\\D\\x0a\\n\\R\\cJ\\N\\p{Cc}", 8},
		{"(?:[^.;:\\n]|\\.(?=\\w)){0,200}?", 0}, {"(x\\s?){0,2}+", 2},
	};
	static const char *const unknown[] = {
		"\\s+", "[\\s-]*", "(?:a\\s){2,}", "(?s)a.b", "(*CR)a.b",
		"(?<name>a)", "[[:space:]]", "\\Qa\\E", "a\\", "(?#c)x",
		"(\\s)\\1", "\\g{1}", "a)", "(a", "(?:\\s{1,9}){1,9}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++)
		if (clint_newline_bound(cases[i].src) != cases[i].bound)
			fail_msg("'%s': bound %ld, expected %ld", cases[i].src,
			         clint_newline_bound(cases[i].src), cases[i].bound);
	for (i = 0; i < ARRAY_LEN(unknown); i++)
		if (clint_newline_bound(unknown[i]) != NL_UNKNOWN)
			fail_msg("'%s': bound %ld, expected none", unknown[i],
			         clint_newline_bound(unknown[i]));
}

static const char lines_pack[] =
	UNIT_PACK_HEAD("lines")
	UNIT_RULE("flag-notice", "flag", "warning", "")
	UNIT_PATTERN("\\b[a-z]+ days'? notice\\b")
	UNIT_EXAMPLE("match", "ten days notice")
	UNIT_RULE_END
	UNIT_RULE("flag-notice-across", "flag", "warning", "")
	UNIT_PATTERN("\\b[a-z]+ days\\s+notice\\b")
	UNIT_EXAMPLE("match", "ten days notice")
	UNIT_RULE_END
	UNIT_RULE("flag-notice-window", "flag", "warning", "")
	UNIT_PATTERN("\\b[a-z]{1,8}\\s(?:[a-z]{1,8} )?days\\s?notice\\b")
	UNIT_EXAMPLE("match", "ten days notice")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* Findings of every rule as (rule, start, end), for comparing runs. */
static size_t spans_of(const clint_result *res, size_t *out, size_t max)
{
	clint_finding f;
	size_t i, n = 0;

	for (i = 0; i < clint_result_finding_count(res) && n + 3 <= max; i++) {
		assert_int_equal(clint_result_finding(res, i, &f), CLINT_OK);
		out[n++] = strlen(f.rule_id);
		out[n++] = f.start;
		out[n++] = f.end;
	}
	return n;
}

static const char window_pack[] =
	UNIT_PACK_HEAD("window")
	UNIT_RULE("flag-cap", "flag", "warning", "")
	UNIT_PATTERN("\\bcap\\b")
	UNIT_NEAR("3", "\\bfee\\b")
	UNIT_EXAMPLE("match", "a cap on the fee")
	UNIT_RULE_END
	UNIT_RULE("flag-span", "flag", "warning", "")
	UNIT_PATTERN("\\bspan\\s+end\\b")
	UNIT_NEAR("3", "\\bfee\\b")
	UNIT_EXAMPLE("match", "a fee to span end")
	UNIT_RULE_END
	UNIT_RULE("flag-cjk", "flag", "warning", "")
	UNIT_PATTERN("\xE8\xB2\xBB\xE7\x94\xA8")   /* fees */
	UNIT_UNLESS("\xE4\xB8\x8A\xE9\x99\x90")    /* cap */
	UNIT_EXAMPLE("match", "\xE8\xB2\xBB\xE7\x94\xA8")
	UNIT_RULE_END
	UNIT_RULE("flag-gap", "flag", "warning", "")
	UNIT_PATTERN("\\bgap\\b")
	UNIT_UNLESS("\\bfee\\b")
	UNIT_EXAMPLE("match", "a gap")
	UNIT_EXAMPLE("no-match", "a gap with no fee")
	UNIT_RULE_END
	UNIT_RULE("flag-telesales", "flag", "warning", "")
	UNIT_PATTERN("\\btelesales\\b")
	UNIT_NEAR("15", "\\bdaily\\b")
	UNIT_EXAMPLE("match", "telesales are reported daily")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* Findings of rule `id` in `text`. */
static size_t rule_findings(clint_ruleset *rs, const char *id,
                            const char *text)
{
	clint_finding f[2];
	clint_doc *doc = unit_text(text);
	clint_result *res = unit_check(rs, doc);
	size_t n = findings_of(res, id, f, 2);

	clint_result_free(res);
	clint_doc_free(doc);
	return n;
}

/* Findings of rule `id` (flag-cap or flag-gap) in `id`'s word + " " +
 * `gap` + `after`, and in `before` + `gap` + " " + the word (the near or
 * unless pattern then lies before the match). */
static size_t cap_findings(clint_ruleset *rs, const char *id,
                           const char *gap, const char *after,
                           const char *before)
{
	clint_buf b = CLINT_BUF_INIT;
	const char *word = id + strlen("flag-");
	size_t n;

	if (after)
		assert_int_equal(clint_buf_printf(&b, "%s %s%s", word, gap, after),
		                 CLINT_OK);
	else
		assert_int_equal(clint_buf_printf(&b, "%s%s %s", before, gap, word),
		                 CLINT_OK);
	n = rule_findings(rs, id, b.data);
	clint_buf_free(&b);
	return n;
}

/* A window CONTEXT_WINDOW bytes from a match of rule `id` (flag-cap or
 * flag-gap, its word + gap + ...) falls on a word: one it cuts ("fee" of
 * "feesible", of "unfee") is left out, a whole "fee" just inside is read,
 * after the match and before it. `cut` and `whole` are the findings
 * expected of each (a near pattern found gives one, an unless none). */
static void window_cuts(clint_ruleset *rs, const char *id, size_t cut,
                        size_t whole)
{
	char gap[CONTEXT_WINDOW];

	/* forward: the window's last byte falls after the "fee"; the
	 * sentence goes on past it */
	memset(gap, 'a', CONTEXT_WINDOW - 5);
	gap[CONTEXT_WINDOW - 5] = '\0';
	assert_int_equal(cap_findings(rs, id, gap, " feesible and on", NULL), cut);
	assert_int_equal(cap_findings(rs, id, gap, " fee and on", NULL), whole);
	/* backward: its first byte falls on the "fee" of "unfee" */
	memset(gap, 'a', CONTEXT_WINDOW - 4);
	gap[0] = ' ';
	gap[CONTEXT_WINDOW - 4] = '\0';
	assert_int_equal(cap_findings(rs, id, gap, NULL, "x unfee"), cut);
	gap[CONTEXT_WINDOW - 5] = '\0';
	assert_int_equal(cap_findings(rs, id, gap, NULL, "x fee"), whole);
}

/* An `unless` window in a sentence longer than CONTEXT_WINDOW either
 * side of the match leaves out a word it cuts, as a `near` window does:
 * the "fee" of "feesible" or of "unfee" is not a fee, a whole "fee" just
 * inside the window still excludes the match. */
static void test_unless_window_words(void **state)
{
	clint_ruleset *rs = unit_ruleset(window_pack);

	(void)state;
	window_cuts(rs, "flag-gap", 1, 0);
	clint_ruleset_free(rs);
}

/* In text with no spaces (Chinese, Japanese) there is no word to leave
 * out: an `unless` window in a long sentence is cut at a character, and
 * an exclusion next to the match is still seen (it shrank to the match). */
static void test_unless_window_no_spaces(void **state)
{
	clint_ruleset *rs = unit_ruleset(window_pack);
	clint_buf b = CLINT_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 600; i++)  /* U+3042, 3 bytes: 1,800 bytes */
		assert_int_equal(clint_buf_puts(&b, "\xE3\x81\x82"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "\xE8\xB2\xBB\xE7\x94\xA8"
	                                    "\xE4\xB8\x8A\xE9\x99\x90"),
	                 CLINT_OK);
	for (i = 0; i < 600; i++)
		assert_int_equal(clint_buf_puts(&b, "\xE3\x81\x82"), CLINT_OK);
	assert_int_equal(rule_findings(rs, "flag-cjk", b.data), 0);
	/* the cap 1,800 bytes further on is outside the window */
	b.len = 0;
	assert_int_equal(clint_buf_puts(&b, "\xE8\xB2\xBB\xE7\x94\xA8"), CLINT_OK);
	for (i = 0; i < 600; i++)
		assert_int_equal(clint_buf_puts(&b, "\xE3\x81\x82"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "\xE4\xB8\x8A\xE9\x99\x90"),
	                 CLINT_OK);
	assert_int_equal(rule_findings(rs, "flag-cjk", b.data), 1);
	clint_buf_free(&b);
	clint_ruleset_free(rs);
}

/* A `near` window ends CONTEXT_WINDOW bytes from the match, however few
 * words that is, and leaves out a word it cuts ("fee" of "feesible" is
 * not a fee). A run of 128,000 "telesales," without a space was walked
 * whole at each match (16 s at 1.28 MB). */
static void test_near_window_bounded(void **state)
{
	clint_ruleset *rs = unit_ruleset(window_pack);
	char gap[CONTEXT_WINDOW + 64];
	clint_buf b = CLINT_BUF_INIT;
	clint_finding f[CONTEXT_WINDOW / 10 + 1];
	clint_doc *doc;
	clint_result *res;
	size_t i, n, tokens = 1000, daily;

	(void)state;
	window_cuts(rs, "flag-cap", 0, 1);
	/* within the window the words decide, as before */
	memset(gap, 'a', 100);
	gap[100] = '\0';
	assert_int_equal(cap_findings(rs, "flag-cap", gap, " fee", NULL), 1);
	assert_int_equal(cap_findings(rs, "flag-cap", gap, " x y z fee", NULL), 0);
	/* 10 bytes further than a whole "fee" just inside the window
	 * (window_cuts()), outside it, though 2 words away */
	memset(gap, 'a', CONTEXT_WINDOW - 5);
	gap[0] = ' ';
	memset(gap + CONTEXT_WINDOW - 5, 'a', 10);
	gap[CONTEXT_WINDOW + 5] = '\0';
	assert_int_equal(cap_findings(rs, "flag-cap", gap, NULL, "x fee"), 0);
	gap[1400] = ' ';
	assert_int_equal(cap_findings(rs, "flag-cap", gap + 1400, NULL, "x fee"), 1);

	/* a match that ends in the next paragraph, at the end of the text:
	 * the window ends with it (it read on past the text's end), and
	 * looks no further into that paragraph */
	assert_int_equal(rule_findings(rs, "flag-span", "span\n\nend"), 0);
	assert_int_equal(rule_findings(rs, "flag-span", "span\n\nend fee"), 0);
	assert_int_equal(rule_findings(rs, "flag-span", "span\n\nend\n\nfee"), 0);
	assert_int_equal(rule_findings(rs, "flag-span", "a fee, span\n\nend"), 1);

	/* one "word" of telesales, 10 bytes each: only the matches within
	 * the window of "daily" are findings */
	assert_int_equal(clint_buf_puts(&b, "The Client uses "), CLINT_OK);
	for (i = 0; i < tokens; i++)
		assert_int_equal(clint_buf_puts(&b, "telesales,"), CLINT_OK);
	daily = b.len + 1;
	assert_int_equal(clint_buf_puts(&b, " daily.\n"), CLINT_OK);
	doc = unit_text(b.data);
	res = unit_check(rs, doc);
	n = findings_of(res, "flag-telesales", f, ARRAY_LEN(f));
	/* the last CONTEXT_WINDOW / 10 matches: the first of them reaches
	 * past "daily", the one before it does not, and the last is the
	 * last match */
	assert_true(n >= CONTEXT_WINDOW / 10 - 1 && n <= CONTEXT_WINDOW / 10);
	assert_true(f[0].end + CONTEXT_WINDOW >= daily + 5);
	assert_true(f[0].end - 10 + CONTEXT_WINDOW < daily + 5);
	assert_int_equal(f[n - 1].end, daily - 2);
	for (i = 1; i < n; i++)
		assert_int_equal(f[i].start, f[i - 1].start + 10);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_buf_free(&b);
	clint_ruleset_free(rs);
}

static const char threshold_pack[] =
	UNIT_PACK_HEAD("threshold")
	UNIT_RULE("flag-big-fee", "flag", "warning", "")
	UNIT_PATTERN("\\bfee\\b")
	"    <threshold value=\"money\" op=\"gt\" than=\"1000000\" "
	"scope=\"sentence\"/>\n"
	UNIT_EXAMPLE("match", "a fee of USD 2,000,000")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* With scope="sentence" the value a match is judged by is that of its
 * sentence, found once per sentence (a sentence of 128,000 fees and
 * values was walked once per match: 21.5 s at 2.7 MB). Each match of a
 * sentence with one carries the same value; a sentence without one has
 * no finding, even after one with. */
static void test_threshold_per_sentence(void **state)
{
	clint_ruleset *rs = unit_ruleset(threshold_pack);
	clint_buf b = CLINT_BUF_INIT;
	clint_finding f[8];
	clint_doc *doc;
	clint_result *res;
	size_t i, n;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, "The Client pays a fee of USD 10 and "
	                                    "a fee of USD 3,000,000 and a fee of "
	                                    "USD 20. Then a fee of USD 30 and a "
	                                    "fee of USD 40. A fee of USD "
	                                    "5,000,000 and a fee.\n"),
	                 CLINT_OK);
	doc = unit_text(b.data);
	res = unit_check(rs, doc);
	n = findings_of(res, "flag-big-fee", f, 8);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++) {
		assert_true(f[i].has_value);
		assert_true(f[i].value.amount == (i < 3 ? 3000000.0 : 5000000.0));
		unit_assert_slice(doc, f[i].start, f[i].end, "fee");
	}
	assert_true(f[2].start < (size_t)(strstr(b.data, "Then") - b.data));
	assert_true(f[3].start > (size_t)(strstr(b.data, "A fee") - b.data));
	clint_result_free(res);
	clint_doc_free(doc);
	clint_buf_free(&b);
	clint_ruleset_free(rs);
}

/* A pattern with no leading literal that cannot match a newline is only
 * run on the lines holding its needed literal; a pattern that may cross
 * lines is run everywhere. Findings are those without the prefilter. */
static void test_one_line_pattern_by_lines(void **state)
{
	static const char text[] =
		"Ten days notice applies. Also thirty days notice. Forty days notice\n\n"
		"No notice here at all, and no days either.\n\n"
		"five days\n\nnotice split across paragraphs.\n\n"
		"Then sixty days' notice. Notice\n\nseventy days notice";
	clint_ruleset *with = unit_ruleset(lines_pack), *without;
	clint_doc *doc = unit_text(text);
	clint_result *a, *b;
	clint_finding f[8];
	size_t sa[64], sb[64], na, nb;

	(void)state;
	setenv("CLAUSELINT_NO_PREFILTER", "1", 1);
	without = unit_ruleset(lines_pack);
	unsetenv("CLAUSELINT_NO_PREFILTER");
	a = unit_check(with, doc);
	b = unit_check(without, doc);
	assert_int_equal(findings_of(a, "flag-notice", f, 8), 5);
	unit_assert_slice(doc, f[0].start, f[0].end, "Ten days notice");
	unit_assert_slice(doc, f[3].start, f[3].end, "sixty days' notice");
	unit_assert_slice(doc, f[4].start, f[4].end, "seventy days notice");
	assert_int_equal(findings_of(a, "flag-notice-across", f, 8), 5);
	unit_assert_slice(doc, f[3].start, f[3].end, "five days\n\nnotice");
	/* a lead ("days") at a distance, on the line below the start */
	assert_int_equal(findings_of(a, "flag-notice-window", f, 8), 5);
	unit_assert_slice(doc, f[1].start, f[1].end, "Also thirty days notice");
	unit_assert_slice(doc, f[4].start, f[4].end,
	                  "Notice\n\nseventy days notice");
	na = spans_of(a, sa, ARRAY_LEN(sa));
	nb = spans_of(b, sb, ARRAY_LEN(sb));
	assert_int_equal(na, nb);
	assert_memory_equal(sa, sb, na * sizeof(size_t));
	clint_result_free(a);
	clint_result_free(b);
	clint_doc_free(doc);
	clint_ruleset_free(with);
	clint_ruleset_free(without);
}

static const char near_pack[] =
	UNIT_PACK_HEAD("near")
	UNIT_RULE("flag-penalty", "flag", "warning", "")
	UNIT_PATTERN("\\b(the|this) (\\w{1,8} ){0,3}penalt(y|ies)\\b")
	UNIT_EXAMPLE("match", "the late penalty")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* A pattern tried at its lead literals ("the ", "this ") that also needs
 * another literal ("penalt") a bounded distance after its start is not
 * run at leads with no such literal after them, and skips to the leads
 * that can reach one; where that bound falls inside a UTF-8 sequence the
 * search starts on the next character. Findings are those without the
 * prefilter, and the run needs fewer pcre2_match() calls than leads. */
static void test_lead_needs_second_literal(void **state)
{
	static const char *const texts[] = {
		"The cost of the service and the fees of the staff are the same "
		"as the cost of the work and the rest of the term of the form. "
		"The cost of the service and the fees of the staff are the same "
		"as the cost of the work and the rest of the term of the form. "
		"The end of the term. The parties sign the form. The rest.\n"
		"This late penalty applies. Then the staff and this "
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		" penalty. The a b c d penalty. The \xC3\xA9t\xC3\xA9 penalties.",
		"x The fee. This "
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		" penalty and the one penalty.",
	};
	static const size_t expect[] = {2, 1};
	clint_ruleset *with = unit_ruleset(near_pack), *without;
	size_t t;

	(void)state;
	setenv("CLAUSELINT_NO_PREFILTER", "1", 1);
	without = unit_ruleset(near_pack);
	unsetenv("CLAUSELINT_NO_PREFILTER");
	for (t = 0; t < ARRAY_LEN(texts); t++) {
		clint_doc *doc = unit_text(texts[t]);
		clint_result *a = unit_check(with, doc), *b = unit_check(without, doc);
		clint_finding f[4];
		size_t sa[32], sb[32], na, nb;
		unsigned long calls = 0;
		double sec = 0;

		assert_int_equal(findings_of(a, "flag-penalty", f, 4), expect[t]);
		if (t == 0) {
			unit_assert_slice(doc, f[0].start, f[0].end, "This late penalty");
			unit_assert_slice(doc, f[1].start, f[1].end,
			                  "The \xC3\xA9t\xC3\xA9 penalties");
		} else {
			unit_assert_slice(doc, f[0].start, f[0].end, "the one penalty");
		}
		na = spans_of(a, sa, ARRAY_LEN(sa));
		nb = spans_of(b, sb, ARRAY_LEN(sb));
		assert_int_equal(na, nb);
		assert_memory_equal(sa, sb, na * sizeof(size_t));
		/* 30 leads in the first text, 3 in the second: at most half run */
		assert_int_equal(clint_check_profile(with, doc, &sec, &calls, NULL,
		                                     NULL), CLINT_OK);
		assert_true(calls <= (t == 0 ? 30u : 3u) / 2);
		clint_result_free(a);
		clint_result_free(b);
		clint_doc_free(doc);
	}
	clint_ruleset_free(with);
	clint_ruleset_free(without);
}

static const char unit_pack[] =
	UNIT_PACK_HEAD("unit")
	UNIT_RULE("flag-due", "flag", "warning", "")
	UNIT_PATTERN("\\bfees?\\b[^;\\n]{0,40}?\\b\\d+d\\b")
	UNIT_EXAMPLE("match", "fee of 5d")
	UNIT_RULE_END
	UNIT_RULE("flag-due-line", "flag", "warning", "")
	UNIT_PATTERN("\\d{1,3} fees?\\b[^\\n]{0,40}?\\b\\d+d\\b")
	UNIT_EXAMPLE("match", "1 fee of 5d")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* Both patterns need a "d" (PCRE2's required code unit) that the lines
 * before the last lack: each window's pcre2_match() looked for it to the
 * end. Without one in the rest of the text (in either case) the pattern
 * is not run; with one far past a window, the window is matched with the
 * pattern compiled without start optimisations (which do that search);
 * with one near, as before. Findings are those without the prefilter. */
static void test_required_unit_far(void **state)
{
	static const struct {
		const char *head, *tail, *end;
		size_t due, due_line;   /* findings of each rule */
		int far[2];             /* each rule ran unoptimised windows */
	} cases[] = {
		{"fee ", "", "fee of 5d\n", 1, 0, {1, 0}},
		{"1 fee ", "", "1 fee of 5d\n", 1, 1, {1, 1}},
		{"FEE ", "", "FEE OF 5D\n", 1, 0, {1, 0}},      /* only "D" */
		{"fee ", "", "fee of 5e\n", 0, 0, {0, 0}},      /* no "d" */
		{"1 fee ", "", "1 fee 5\n", 0, 0, {0, 0}},
		{"fee ", "d", "", 3000, 0, {0, 0}},              /* near */
	};
	clint_ruleset *without;
	size_t t, i;

	(void)state;
	setenv("CLAUSELINT_NO_PREFILTER", "1", 1);
	without = unit_ruleset(unit_pack);
	unsetenv("CLAUSELINT_NO_PREFILTER");
	for (t = 0; t < ARRAY_LEN(cases); t++) {
		char line[32], *text;
		clint_ruleset *with = unit_ruleset(unit_pack);
		clint_doc *doc;
		clint_result *a, *b;
		static size_t sa[3 * 3100], sb[3 * 3100];
		unsigned long calls[2] = {0, 0};
		double sec[2] = {0, 0};
		clint_finding f[1];
		size_t na, nb;

		/* 3,000 lines "<head>7<tail>", then the end */
		snprintf(line, sizeof(line), "%s7%s\n\n", cases[t].head,
		         cases[t].tail);
		text = unit_repeat("", line, 3000, cases[t].end);
		doc = unit_text(text);
		a = unit_check(with, doc);
		b = unit_check(without, doc);

		assert_int_equal(findings_of(a, "flag-due", f, 1), cases[t].due);
		if (cases[t].due == 1)
			assert_true(f[0].end - f[0].start == 9 &&
			            strncasecmp(text + f[0].start, "fee of 5d", 9) == 0);
		assert_int_equal(findings_of(a, "flag-due-line", f, 1),
		                 cases[t].due_line);
		na = spans_of(a, sa, ARRAY_LEN(sa));
		nb = spans_of(b, sb, ARRAY_LEN(sb));
		assert_int_equal(na, nb);
		assert_memory_equal(sa, sb, na * sizeof(size_t));
		for (i = 0; i < 2; i++)
			assert_int_equal(atomic_load(&with->rules[i].patterns[0]
			                                  .unopt_code) != NULL,
			                 cases[t].far[i]);
		/* without a "d": not run (the code before: 3,001 calls each) */
		assert_int_equal(clint_check_profile(with, doc, sec, calls, NULL,
		                                     NULL), CLINT_OK);
		if (!cases[t].due)
			assert_true(calls[0] == 0 && calls[1] == 0);
		clint_result_free(a);
		clint_result_free(b);
		clint_doc_free(doc);
		clint_ruleset_free(with);
		free(text);
	}
	clint_ruleset_free(without);
}

static void test_profile_per_rule(void **state)
{
	const clint_ruleset *rs = *state;
	size_t n = clint_ruleset_rule_count(rs), i, late = n, tbd = n;
	double secs[16] = {0}, scan = 0;
	unsigned long calls[16] = {0}, first[16];
	clint_doc *doc = unit_text("1. Fees\n\nPrice to be agreed. Late. "
	                           "We keep it confidential.\n");
	clint_rule_info ri;

	assert_true(n <= 16);
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_ruleset_rule(rs, i, &ri), CLINT_OK);
		if (strcmp(ri.id, "flag-late") == 0)
			late = i;
		if (strcmp(ri.id, "flag-tbd") == 0)
			tbd = i;
	}
	assert_true(late < n && tbd < n);
	assert_int_equal(clint_check_profile(rs, doc, secs, calls, &scan, NULL),
	                 CLINT_OK);
	/* flag-late and flag-tbd match, so each ran PCRE2 at least once;
	 * the prefilter decides how often (once per window of a literal) */
	assert_true(calls[late] >= 1);
	assert_true(calls[tbd] >= 1);
	for (i = 0; i < n; i++) {
		assert_true(secs[i] >= 0);
		first[i] = calls[i];
	}
	assert_true(scan >= 0);
	/* it adds up: a second run doubles every count */
	assert_int_equal(clint_check_profile(rs, doc, secs, calls, NULL, NULL),
	                 CLINT_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(calls[i], 2 * first[i]);
	/* either array may be NULL */
	assert_int_equal(clint_check_profile(rs, doc, NULL, NULL, NULL, NULL),
	                 CLINT_OK);
	assert_int_equal(clint_check_profile(NULL, doc, NULL, NULL, NULL, NULL),
	                 CLINT_EINVAL);
	assert_int_equal(clint_check_profile(rs, NULL, NULL, NULL, NULL, NULL),
	                 CLINT_EINVAL);
	clint_doc_free(doc);
}

/* ---- threads and the lazy JIT ------------------------------------------- */

#define JIT_THREADS 4

typedef struct {
	const clint_ruleset *rs;
	const clint_doc *doc;
	clint_result *res;
	int rc;
} jit_job;

static void *jit_worker(void *arg)
{
	jit_job *j = arg;

	j->rc = clint_check(&j->res, j->rs, j->doc, NULL, NULL);
	return NULL;
}

static void assert_same_result(const clint_result *a, const clint_result *b)
{
	clint_finding fa, fb;
	size_t i;

	assert_int_equal(clint_result_finding_count(a),
	                 clint_result_finding_count(b));
	assert_int_equal(clint_result_missing_count(a),
	                 clint_result_missing_count(b));
	assert_int_equal(clint_result_present_count(a),
	                 clint_result_present_count(b));
	for (i = 0; i < clint_result_finding_count(a); i++) {
		assert_int_equal(clint_result_finding(a, i, &fa), CLINT_OK);
		assert_int_equal(clint_result_finding(b, i, &fb), CLINT_OK);
		assert_string_equal(fa.rule_id, fb.rule_id);
		assert_int_equal(fa.start, fb.start);
		assert_int_equal(fa.end, fb.end);
	}
}

/* JIT_THREADS threads check `doc` against the shared `rs` at once; each
 * must find `want`. */
static void check_in_threads(const clint_ruleset *rs, const clint_doc *doc,
                             const clint_result *want)
{
	pthread_t t[JIT_THREADS];
	jit_job jobs[JIT_THREADS];
	int i;

	for (i = 0; i < JIT_THREADS; i++) {
		jobs[i] = (jit_job){0};
		jobs[i].rs = rs;
		jobs[i].doc = doc;
		jobs[i].rc = -1;
		assert_int_equal(pthread_create(&t[i], NULL, jit_worker, &jobs[i]), 0);
	}
	for (i = 0; i < JIT_THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(jobs[i].rc, CLINT_OK);
		assert_same_result(jobs[i].res, want);
		clint_result_free(jobs[i].res);
	}
}

/*
 * Patterns are JIT-compiled when a document first needs them: threads
 * that start checking one freshly loaded ruleset together race to compile
 * the same patterns, and each must get the findings a ruleset loaded
 * without JIT gives (the interpreter) - every pattern compiled once.
 */
static void test_threads_share_lazy_jit(void **state)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *rs = NULL, *interp = NULL;
	clint_result *want = NULL;
	clint_doc *doc = NULL;
	int round;

	(void)state;
	assert_int_equal(clint_doc_load_file(&doc, "samples/weak-draft-outsourcing.txt",
	                                     NULL, NULL),
	                 CLINT_OK);
	o.jit = 0;
	assert_int_equal(clint_ruleset_load(&interp, &o, NULL), CLINT_OK);
	assert_int_equal(clint_check(&want, interp, doc, NULL, NULL), CLINT_OK);
	assert_true(clint_result_finding_count(want) > 5);
	o.jit = 1;
	for (round = 0; round < 3; round++) {
		assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
		check_in_threads(rs, doc, want);
		clint_ruleset_free(rs);
		rs = NULL;
	}
	clint_result_free(want);
	clint_ruleset_free(interp);
	clint_doc_free(doc);
}

/* Threads sharing a ruleset compile a pattern's unoptimised code for far
 * windows (test_required_unit_far) at once: one is kept and published,
 * and every thread finds what one thread alone finds. */
static void test_threads_share_unopt_code(void **state)
{
	char *text = unit_repeat("", "1 fee 7\n\n", 3000, "1 fee of 5d\n");
	clint_doc *doc = unit_text(text);
	clint_ruleset *one = unit_ruleset(unit_pack), *rs;
	clint_result *want = unit_check(one, doc);
	int round;

	(void)state;
	assert_int_equal(clint_result_finding_count(want), 2);
	for (round = 0; round < 3; round++) {
		rs = unit_ruleset(unit_pack);
		check_in_threads(rs, doc, want);
		assert_non_null(atomic_load(&rs->rules[0].patterns[0].unopt_code));
		clint_ruleset_free(rs);
	}
	clint_result_free(want);
	clint_ruleset_free(one);
	clint_doc_free(doc);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_require_via_heading),
		cmocka_unit_test(test_require_via_pattern),
		cmocka_unit_test(test_require_missing),
		cmocka_unit_test(test_min_matches),
		cmocka_unit_test(test_heading_patterns_see_the_heading_alone),
		cmocka_unit_test(test_within_limits_to_sections),
		cmocka_unit_test(test_within_outside_any_section),
		cmocka_unit_test(test_unless_same_sentence_only),
		cmocka_unit_test(test_unless_in_long_sentence),
		cmocka_unit_test(test_overlapping_matches_merged),
		cmocka_unit_test(test_findings_sorted_by_position),
		cmocka_unit_test(test_count_at_least),
		cmocka_unit_test(test_finding_location),
		cmocka_unit_test(test_check_arguments),
		cmocka_unit_test(test_findings_per_rule_capped),
		cmocka_unit_test(test_check_findings_capped),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_fingerprint_survives_moves_and_renumbering),
		cmocka_unit_test(test_fingerprint_of_missing_clause),
		cmocka_unit_test(test_regex_limit_reported_jit),
		cmocka_unit_test(test_regex_limit_reported_interpreter),
		cmocka_unit_test(test_regex_limit_paid_once),
		cmocka_unit_test(test_regex_limit_decides_elsewhere),
		cmocka_unit_test(test_required_unit_far),
		cmocka_unit_test(test_profile_per_rule),
		cmocka_unit_test(test_time_limit_stops_check),
		cmocka_unit_test(test_time_limit_options),
		cmocka_unit_test_teardown(test_time_limit_stops_anywhere,
		                          teardown_clock),
		cmocka_unit_test(test_time_limit_default),
		cmocka_unit_test(test_threads_share_lazy_jit),
		cmocka_unit_test(test_threads_share_unopt_code),
		cmocka_unit_test(test_newline_bound),
		cmocka_unit_test(test_lead_needs_second_literal),
		cmocka_unit_test(test_one_line_pattern_by_lines),
		cmocka_unit_test(test_near_window_bounded),
		cmocka_unit_test(test_unless_window_words),
		cmocka_unit_test(test_unless_window_no_spaces),
		cmocka_unit_test(test_threshold_per_sentence),
		cmocka_unit_test(test_require_title_once),
	};

	return cmocka_run_group_tests_name("check", tests, setup, teardown);
}
