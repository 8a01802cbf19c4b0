/*
 * test_pack.c - loading, validating and compiling clause packs
 * (src/lib/pack.c): every problem of every pack reported with file and
 * line, hostile inputs refused, directories and built-in packs, and the
 * <example> self-test.
 */
#include "unit.h"
#include "fakeclock.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "internal.h"
#include "ruleset.h"

#include <math.h>
#include <sys/stat.h>

/* 1-based line of the n-th (1-based) occurrence of `needle` in `s`. */
static unsigned line_of_nth(const char *s, const char *needle, int nth)
{
	const char *p = s, *q;
	unsigned line = 1;

	for (;;) {
		q = strstr(p, needle);
		if (!q) {
			fail_msg("'%s' occurs fewer than %d times", needle, nth);
			return 0;
		}
		if (--nth == 0)
			break;
		p = q + 1;
	}
	for (p = s; p < q; p++)
		if (*p == '\n')
			line++;
	return line;
}

static unsigned line_of(const char *s, const char *needle)
{
	return line_of_nth(s, needle, 1);
}

static clint_ruleset_options options_for(const char *const *paths, size_t n)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;

	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = n;
	return o;
}

/* ---- a valid pack ------------------------------------------------------------ */

static const char valid_pack[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<pack name=\"mini\" format=\"1\" version=\"2.0\">\n"
	"  <title>Mini   pack\n  for tests</title>\n"
	UNIT_RULE("clause-fees", "require", "error", "")
	UNIT_HEADING("\\bfees\\b")
	UNIT_PATTERN("\\bshall pay\\b")
	UNIT_EXAMPLE("match", "The Client shall pay the invoice.")
	UNIT_RULE_END
	UNIT_RULE("flag-tbd", "flag", "warning", " min-matches=\"1\"")
	UNIT_PATTERN("\\bTBD\\b")
	UNIT_UNLESS("\\bdraft\\b")
	UNIT_EXAMPLE("match", "Price: TBD.")
	UNIT_EXAMPLE("no-match", "Price: 100 EUR.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static void test_valid_pack(void **state)
{
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_pack_info pi;
	clint_rule_info ri;
	char *path = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(unit_ruleset_try(&rs, valid_pack, d, &path), CLINT_OK);
	assert_non_null(rs);
	assert_int_equal(clint_diag_count(d), 0);

	assert_int_equal(clint_ruleset_pack_count(rs), 1);
	assert_int_equal(clint_ruleset_pack(rs, 0, &pi), CLINT_OK);
	assert_string_equal(pi.name, "mini");
	assert_string_equal(pi.title, "Mini pack for tests"); /* folded */
	assert_string_equal(pi.version, "2.0");
	assert_string_equal(pi.file, path);
	assert_int_equal(pi.rule_count, 2);
	assert_int_equal(clint_ruleset_pack(rs, 1, &pi), CLINT_EINVAL);

	assert_int_equal(clint_ruleset_rule_count(rs), 2);
	assert_int_equal(clint_ruleset_find(rs, "clause-fees"), 0);
	assert_int_equal(clint_ruleset_find(rs, "flag-tbd"), 1);
	assert_int_equal(clint_ruleset_find(rs, "nope"), (size_t)-1);
	assert_int_equal(clint_ruleset_find(rs, NULL), (size_t)-1);
	assert_int_equal(clint_ruleset_find(NULL, "flag-tbd"), (size_t)-1);

	assert_int_equal(clint_ruleset_rule(rs, 0, &ri), CLINT_OK);
	assert_string_equal(ri.id, "clause-fees");
	assert_string_equal(ri.pack, "mini");
	assert_string_equal(ri.file, path);
	assert_int_equal(ri.line, line_of(valid_pack, "<rule id=\"clause-fees\""));
	assert_int_equal(ri.kind, CLINT_RULE_REQUIRE);
	assert_int_equal(ri.severity, CLINT_SEVERITY_ERROR);
	assert_string_equal(ri.category, "test");
	assert_string_equal(ri.title, "Title of clause-fees");
	assert_string_equal(ri.message, "Message of clause-fees");
	assert_string_equal(ri.rationale, "Rationale of clause-fees");
	assert_string_equal(ri.ref, "Ref of clause-fees");
	assert_string_equal(ri.suggestion, "Suggestion of clause-fees");
	assert_int_equal(ri.pattern_count, 2); /* heading + pattern */
	assert_int_equal(ri.example_count, 1);

	assert_int_equal(clint_ruleset_rule(rs, 1, &ri), CLINT_OK);
	assert_string_equal(ri.id, "flag-tbd");
	assert_int_equal(ri.kind, CLINT_RULE_FLAG);
	assert_int_equal(ri.severity, CLINT_SEVERITY_WARNING);
	assert_int_equal(ri.line, line_of(valid_pack, "<rule id=\"flag-tbd\""));
	assert_int_equal(ri.pattern_count, 1);
	assert_int_equal(ri.example_count, 2);
	assert_int_equal(clint_ruleset_rule(rs, 2, &ri), CLINT_EINVAL);

	clint_ruleset_free(rs);
	clint_diag_free(d);
	free(path);
}

/* ---- every problem, with file and line ------------------------------------------ */

static const char bad_pack[] =
	UNIT_PACK_HEAD("bad")
	UNIT_RULE("dup-rule", "flag", "warning", "")
	UNIT_PATTERN("(unclosed")
	UNIT_EXAMPLE("match", "x")
	UNIT_RULE_END
	UNIT_RULE("dup-rule", "flag", "warning", "")
	UNIT_PATTERN("\\bok\\b")
	UNIT_EXAMPLE("match", "ok")
	UNIT_RULE_END
	"  <rule id=\"schema-bad\" kind=\"flag\" severity=\"warning\" "
	"category=\"test\">\n"
	"    <title>Title</title>\n"
	"    <bogus>not in the schema</bogus>\n"
	"    <rationale>Rationale</rationale>\n"
	"    <ref>Ref</ref>\n"
	"    <suggestion>Suggestion</suggestion>\n"
	"    <pattern>\\bfine\\b</pattern>\n"
	"    <example expect=\"match\">fine</example>\n"
	"  </rule>\n"
	UNIT_PACK_TAIL;

static void test_all_problems_reported(void **state)
{
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	char *path = NULL;
	unsigned schema_first = line_of(bad_pack, "<rule id=\"schema-bad\"");
	unsigned schema_last = line_of_nth(bad_pack, "</rule>", 3);
	int schema_seen = 0;
	long i;
	size_t k;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(unit_ruleset_try(&rs, bad_pack, d, &path), CLINT_EPACK);
	assert_null(rs);
	if (clint_diag_count(d) < 3)
		unit_diag_dump(d);
	assert_true(clint_diag_count(d) >= 3);

	/* every entry is an error naming the pack file and a line */
	for (k = 0; k < clint_diag_count(d); k++) {
		assert_int_equal(clint_diag_get(d, k, &e), CLINT_OK);
		if (e.level != CLINT_DIAG_ERROR || !e.file ||
		    strcmp(e.file, path) != 0 || e.line == 0) {
			unit_diag_dump(d);
			fail_msg("entry %zu lacks the file or the line", k);
		}
		if (e.line >= schema_first && e.line <= schema_last)
			schema_seen = 1;
	}

	/* the regex that does not compile, at its own line */
	i = unit_diag_find(d, "does not compile");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.line, line_of(bad_pack, "(unclosed"));
	unit_assert_contains(e.message, "dup-rule");

	/* the duplicate id, at the second rule, naming the first one */
	i = unit_diag_find(d, "already defined");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.line, line_of_nth(bad_pack, "<rule id=\"dup-rule\"", 2));
	unit_assert_contains(e.message, path);

	/* the schema violation, inside the third rule */
	if (!schema_seen)
		unit_diag_dump(d);
	assert_true(schema_seen);

	clint_diag_free(d);
	free(path);
}

static void test_semantic_rule_errors(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("semantic")
		UNIT_RULE("req-empty", "require", "error", "")
		UNIT_EXAMPLE("match", "x")
		UNIT_RULE_END
		UNIT_RULE("flag-nothing", "flag", "info", "")
		UNIT_EXAMPLE("match", "x")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	long i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(unit_ruleset_try(&rs, pack, d, NULL), CLINT_EPACK);
	assert_null(rs);
	i = unit_diag_find(d, "'req-empty': a require rule needs");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.line, line_of(pack, "<rule id=\"req-empty\""));
	assert_true(unit_diag_find(d, "'flag-nothing': a flag rule needs") >= 0);
	clint_diag_free(d);
}

/* Thresholds on money and percentages with every operator, a bad 'than'
 * and a unit on a non-duration, near with and without words, a
 * paragraph-scoped unless. */
static void test_thresholds_and_modifiers(void **state)
{
	static const char good[] =
		UNIT_PACK_HEAD("thresholds")
		UNIT_RULE("t-money-le", "flag", "warning", "")
		UNIT_PATTERN("\\bset-up fee of [^.]*")
		"    <threshold value=\"money\" op=\"le\" than=\"1000\" scope=\"match\"/>\n"
		UNIT_EXAMPLE("match", "A set-up fee of USD 1,000 is payable.")
		UNIT_EXAMPLE("no-match", "A set-up fee of USD 5,000 is payable.")
		UNIT_RULE_END
		UNIT_RULE("t-pct-ge", "flag", "warning", "")
		UNIT_PATTERN("\\binterest at [^.]*")
		"    <threshold value=\"percent\" op=\"ge\" than=\"10\" scope=\"match\"/>\n"
		UNIT_EXAMPLE("match", "Late sums bear interest at 12% a year.")
		UNIT_EXAMPLE("no-match", "Late sums bear interest at 4% a year.")
		UNIT_RULE_END
		UNIT_RULE("t-weeks-gt", "flag", "warning", "")
		UNIT_PATTERN("\\bnotice of [^.]*")
		"    <threshold value=\"duration\" op=\"gt\" than=\"2\" unit=\"weeks\" "
		"scope=\"match\"/>\n"
		UNIT_EXAMPLE("match", "Either party may end it on notice of 30 days.")
		UNIT_EXAMPLE("no-match", "Either party may end it on notice of 7 days.")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	static const char bad[] =
		UNIT_PACK_HEAD("badthresholds")
		UNIT_RULE("t-bad-than", "flag", "warning", "")
		UNIT_PATTERN("\\bfee\\b")
		"    <threshold value=\"money\" op=\"lt\" than=\"ten\"/>\n"
		UNIT_EXAMPLE("match", "a fee of USD 5")
		UNIT_RULE_END
		UNIT_RULE("t-bad-unit", "flag", "warning", "")
		UNIT_PATTERN("\\brate\\b")
		"    <threshold value=\"percent\" op=\"lt\" than=\"5\" unit=\"days\"/>\n"
		UNIT_EXAMPLE("match", "a rate of 2%")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_rule_info ri;
	size_t passed = 0, failed = 0, i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	rs = unit_ruleset(good);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed), CLINT_OK);
	if (failed)
		unit_diag_dump(d);
	assert_int_equal(failed, 0);
	assert_int_equal(passed, 6);
	i = clint_ruleset_find(rs, "t-weeks-gt");
	assert_true(i != (size_t)-1);
	assert_int_equal(clint_ruleset_rule(rs, i, &ri), CLINT_OK);
	assert_string_equal(ri.id, "t-weeks-gt");
	clint_ruleset_free(rs);
	rs = NULL;

	clint_diag_clear(d);
	assert_int_equal(unit_ruleset_try(&rs, bad, d, NULL), CLINT_EPACK);
	assert_null(rs);
	assert_true(unit_diag_find(d, "'t-bad-than': threshold 'than' is not a "
	                              "number") >= 0);
	assert_true(unit_diag_find(d, "'t-bad-unit': threshold 'unit' applies to "
	                              "durations only") >= 0);
	clint_diag_free(d);
}

/* packs lint: unbounded gaps of every shape, bounded ones, classes that
 * are not negated, escapes, and a pattern that matches the empty string. */
static void test_lint_gaps(void **state)
{
	static const char *const unbounded[] = {
		"a.*b", "a.+b", "a[^.]*b", "a[^\\]x]+b", "a[^]x]*b", "a.{2,}b",
		"a[^\\n]{10,}b",
	};
	static const char *const bounded[] = {
		"a.{0,80}b", "a[^.]{0,80}b", "a[a-z]*b", "a\\.*b", "a[]x]+b",
		"a.{2,5}b", "a.", "a[^.]",
	};
	char xml[8192], *p;
	size_t i, errors = 0, warnings = 0;
	clint_ruleset *rs;
	clint_diag *d = NULL;

	(void)state;
	p = xml + sprintf(xml, UNIT_PACK_HEAD("lintgaps"));
	for (i = 0; i < sizeof(unbounded) / sizeof(*unbounded); i++)
		p += sprintf(p, UNIT_RULE("u%zu", "flag", "info", "")
		             UNIT_PATTERN("%s") UNIT_EXAMPLE("match", "ab")
		             UNIT_RULE_END, i, i, i, i, i, i, unbounded[i]);
	for (i = 0; i < sizeof(bounded) / sizeof(*bounded); i++)
		p += sprintf(p, UNIT_RULE("b%zu", "flag", "info", "")
		             UNIT_PATTERN("%s") UNIT_EXAMPLE("match", "ab")
		             UNIT_RULE_END, i, i, i, i, i, i, bounded[i]);
	p += sprintf(p, UNIT_RULE("empty", "flag", "info", "")
	             UNIT_PATTERN("(x)?") UNIT_EXAMPLE("match", "x") UNIT_RULE_END);
	sprintf(p, UNIT_PACK_TAIL);
	rs = unit_ruleset(xml);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_lint(rs, NULL, d, &errors, &warnings), CLINT_OK);
	for (i = 0; i < sizeof(unbounded) / sizeof(*unbounded); i++) {
		char want[64];
		snprintf(want, sizeof(want), "'u%zu': <pattern> has an unbounded gap",
		         i);
		if (unit_diag_find(d, want) < 0) {
			unit_diag_dump(d);
			fail_msg("no unbounded-gap warning for %s", unbounded[i]);
		}
	}
	for (i = 0; i < sizeof(bounded) / sizeof(*bounded); i++) {
		char want[64];
		snprintf(want, sizeof(want), "'b%zu': <pattern> has an unbounded gap",
		         i);
		if (unit_diag_find(d, want) >= 0) {
			unit_diag_dump(d);
			fail_msg("a bounded pattern was warned about: %s", bounded[i]);
		}
	}
	assert_true(unit_diag_find(d, "can match the empty string") >= 0);
	assert_int_equal(errors, 1);
	clint_diag_free(d);
	clint_ruleset_free(rs);
}

/* A pattern that backtracks past the match limit on an example: packs
 * lint says so once (it used to run it on every example, and then say
 * that no example exercises it), and packs test stops the rule at the
 * first such example, counting its later ones as failed. */
static void test_examples_stop_on_a_limit(void **state)
{
#define AS "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	static const char pack[] =
		UNIT_PACK_HEAD("stop")
		UNIT_RULE("stop-body", "flag", "warning", "")
		UNIT_PATTERN("(?:a+)+;")
		UNIT_EXAMPLE("match", "x " AS " ;")
		UNIT_EXAMPLE("match", "y " AS " ;")
		UNIT_EXAMPLE("match", "z " AS " ;")
		UNIT_EXAMPLE("no-match", "w " AS " ;")
		UNIT_RULE_END
		UNIT_RULE("stop-fine", "flag", "warning", "")
		UNIT_PATTERN("\\bfine\\b")
		UNIT_EXAMPLE("match", "fine")
		UNIT_EXAMPLE("no-match", "good")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
#undef AS
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	size_t errors = 0, warnings = 0, passed = 0, failed = 0, i, n = 0;
	long k;

	(void)state;
	assert_int_equal(unit_ruleset_try(&rs, pack, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_lint(rs, NULL, d, &errors, &warnings), CLINT_OK);
	k = unit_diag_find(d, "'stop-body': <pattern> stopped on an example: "
	                      "match limit exceeded");
	if (k < 0)
		unit_diag_dump(d);
	assert_true(k >= 0);
	assert_int_equal(unit_diag_find(d, "no example exercises"), -1);
	assert_int_equal(errors, 1);
	clint_diag_clear(d);

	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed), CLINT_OK);
	/* the first example stops: it fails (no match) and so do the three
	 * after it, unrun; stop-fine's two pass */
	assert_int_equal(passed, 2);
	assert_int_equal(failed, 4);
	for (i = 0; i < clint_diag_count(d); i++) {
		clint_diag_get(d, i, &e);
		n += strstr(e.message, "stopped on") != NULL;
	}
	assert_int_equal(n, 2);  /* the check's warning, and the test's error */
	assert_true(unit_diag_find(d, "rule 'stop-body' stopped on this example "
	                              "(a regex limit), which fails; its 3 later "
	                              "examples were not run") >= 0);
	clint_diag_free(d);
	clint_ruleset_free(rs);

	/* a limit on the last example, a no-match one (nothing found, so it
	 * would pass as judged): it fails too */
	{
		static const char last[] =
			UNIT_PACK_HEAD("last")
			UNIT_RULE("last-body", "flag", "warning", "")
			UNIT_PATTERN("(?:a+)+;")
			UNIT_EXAMPLE("match", "aa;")
			UNIT_EXAMPLE("no-match", "w aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			                         "aaaaaaaaaaaaaaaaaaaaaaaa ;")
			UNIT_RULE_END
			UNIT_PACK_TAIL;

		assert_int_equal(unit_ruleset_try(&rs, last, NULL, NULL), CLINT_OK);
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed),
		                 CLINT_OK);
		assert_int_equal(passed, 1);
		assert_int_equal(failed, 1);
		assert_true(unit_diag_find(d, "rule 'last-body' stopped on this "
		                              "example (a regex limit), which "
		                              "fails") >= 0);
		assert_int_equal(unit_diag_find(d, "later example"), -1);
		clint_diag_free(d);
		clint_ruleset_free(rs);
	}
}

/* packs lint matches with a check's JIT stack: a pattern that needs more
 * than PCRE2's default 32 KiB on a long example checks fine and lints
 * fine (with the default it "stopped on an example"). */
static void test_lint_jit_stack_as_check(void **state)
{
	char *xml = malloc(8192), *p;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t errors = 9, warnings = 9, passed = 0, failed = 9, i;

	(void)state;
	assert_non_null(xml);
	p = xml + sprintf(xml, UNIT_PACK_HEAD("jitstack")
	                  UNIT_RULE("jit-deep", "flag", "warning", "")
	                  UNIT_PATTERN("(?:(a)|b|\\s)*end")
	                  "    <example expect=\"match\">");
	for (i = 0; i < 1000; i++)
		p += sprintf(p, "ab ");
	sprintf(p, "end</example>\n" UNIT_EXAMPLE("no-match", "none")
	        UNIT_RULE_END UNIT_PACK_TAIL);
	assert_int_equal(unit_ruleset_try(&rs, xml, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed), CLINT_OK);
	assert_int_equal(passed, 2);
	assert_int_equal(failed, 0);
	assert_int_equal(clint_ruleset_lint(rs, NULL, d, &errors, &warnings), CLINT_OK);
	if (errors)
		unit_diag_dump(d);
	assert_int_equal(errors, 0);
	assert_int_equal(unit_diag_find(d, "stopped"), -1);
	clint_diag_free(d);
	clint_ruleset_free(rs);
	free(xml);
}

/* ---- the CPU-time limit of packs test and lint --------------------------- */

/* Four rules, eight examples, all passing and nothing to lint. */
static const char timed_pack[] =
	UNIT_PACK_HEAD("timed")
	UNIT_RULE("timed-flag", "flag", "warning", "")
	UNIT_PATTERN("\\bTBD\\b")
	UNIT_EXAMPLE("match", "Price: TBD.")
	UNIT_EXAMPLE("no-match", "Price: 10 EUR.")
	UNIT_RULE_END
	UNIT_RULE("timed-require", "require", "error", "")
	UNIT_PATTERN("\\bconfidential\\b")
	UNIT_EXAMPLE("match", "Each party keeps it confidential.")
	UNIT_EXAMPLE("no-match", "Each party may publish it.")
	UNIT_RULE_END
	UNIT_RULE("timed-heading", "require", "error", "")
	UNIT_HEADING("\\bFees\\b")
	UNIT_EXAMPLE("match", "1. Fees\n\nThe Customer pays.")
	UNIT_EXAMPLE("no-match", "1. Scope\n\nThe Supplier works.")
	UNIT_RULE_END
	UNIT_RULE("timed-unless", "flag", "warning", "")
	UNIT_PATTERN("\\bshall\\b")
	UNIT_UNLESS("\\bnot\\b")
	UNIT_EXAMPLE("match", "The Supplier shall do it.")
	UNIT_EXAMPLE("no-match", "The Supplier shall not do it.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* The one diag entry whose message holds `needle`, which must be the
 * only error in `d`; fails otherwise. */
static clint_diag_entry only_error(const clint_diag *d, const char *needle)
{
	clint_diag_entry e;
	size_t i, errors = 0;
	long k = unit_diag_find(d, needle);

	for (i = 0; i < clint_diag_count(d); i++) {
		assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
		errors += e.level == CLINT_DIAG_ERROR;
	}
	if (k < 0 || errors != 1)
		unit_diag_dump(d);
	assert_true(k >= 0);
	assert_int_equal(errors, 1);
	assert_int_equal(clint_diag_get(d, (size_t)k, &e), CLINT_OK);
	return e;
}

/* packs test stopped by its limit at each CPU clock read in turn: the
 * examples before the stop pass as without a limit, the others fail as
 * not run, one error names the first of them; every example is reached. */
static void test_packs_test_stops_anywhere(void **state)
{
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	size_t passed, failed, last = 0, k, reached[9] = {0};
	char want[160];
	int rc;

	(void)state;
	assert_int_equal(unit_ruleset_try(&rs, timed_pack, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed),
	                 CLINT_OK);
	assert_int_equal(passed, 8);
	assert_int_equal(failed, 0);
	assert_int_equal(clint_diag_count(d), 0);

	/* read 1 starts the budget; a jump at read k ends it */
	po.max_cpu_seconds = 1;
	for (k = 2; k < 10000; k++) {
		clint_diag_clear(d);
		fake_clock_start(k);
		rc = clint_ruleset_test(rs, &po, d, &passed, &failed);
		fake_clock_stop();
		if (rc == CLINT_OK) {
			/* complete: the jump came after the last read */
			assert_true(fake_clock_reads < k);
			assert_int_equal(passed, 8);
			assert_int_equal(failed, 0);
			assert_int_equal(clint_diag_count(d), 0);
			break;
		}
		assert_int_equal(rc, CLINT_ELIMIT);
		assert_int_equal(passed + failed, 8);
		assert_true(passed < 8 && passed >= last);
		last = passed;
		reached[passed]++;
		snprintf(want, sizeof(want),
		         "testing stopped at its CPU-time limit of 1 s: %zu "
		         "example%s of %zu rule%s did not run, which fail (the "
		         "first: this one of rule '%s')",
		         failed, failed == 1 ? "" : "s", (failed + 1) / 2,
		         failed > 2 ? "s" : "",
		         passed < 2 ? "timed-flag" : passed < 4 ? "timed-require"
		         : passed < 6 ? "timed-heading" : "timed-unless");
		e = only_error(d, want);
		assert_int_equal(e.line,
		                 line_of_nth(timed_pack, "<example", (int)passed + 1));
	}
	assert_true(k < 10000);
	for (k = 0; k < 8; k++)
		assert_true(reached[k] > 0);
	clint_diag_free(d);
	clint_ruleset_free(rs);
}

/* packs lint stopped at each CPU clock read in turn: no warning but the
 * full run's (an interrupted pattern is not "exercised by no example"),
 * one error naming the rule it stopped in, every rule reached. */
static void test_packs_lint_stops_anywhere(void **state)
{
	static const char *const ids[] = {"timed-flag", "timed-require",
	                                  "timed-heading", "timed-unless"};
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	size_t errors, warnings, k, r, reached[4] = {0};
	char want[160];
	int rc;

	(void)state;
	assert_int_equal(unit_ruleset_try(&rs, timed_pack, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_lint(rs, NULL, d, &errors, &warnings),
	                 CLINT_OK);
	if (errors || warnings)
		unit_diag_dump(d);
	assert_int_equal(errors, 0);
	assert_int_equal(warnings, 0);

	po.max_cpu_seconds = 1;
	for (k = 2; k < 10000; k++) {
		clint_diag_clear(d);
		fake_clock_start(k);
		rc = clint_ruleset_lint(rs, &po, d, &errors, &warnings);
		fake_clock_stop();
		if (rc == CLINT_OK) {
			assert_true(fake_clock_reads < k);
			assert_int_equal(errors, 0);
			assert_int_equal(clint_diag_count(d), 0);
			break;
		}
		assert_int_equal(rc, CLINT_ELIMIT);
		assert_int_equal(errors, 1);
		assert_int_equal(warnings, 0);
		assert_int_equal(clint_diag_count(d), 1);
		assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
		for (r = 0; r < 4; r++) {
			snprintf(want, sizeof(want),
			         "linting stopped at its CPU-time limit of 1 s: %zu of "
			         "4 rules were not linted to the end (the first: '%s')",
			         4 - r, ids[r]);
			if (strcmp(e.message, want) == 0)
				break;
		}
		if (r == 4)
			fail_msg("unexpected: %s", e.message);
		assert_int_equal(e.line, line_of_nth(timed_pack, "<rule ", (int)r + 1));
		reached[r]++;
	}
	assert_true(k < 10000);
	for (r = 0; r < 4; r++)
		assert_true(reached[r] > 0);
	clint_diag_free(d);
	clint_ruleset_free(rs);
}

/* The options: none, a limit over before the first example (with the
 * real clock), and the values refused. */
static void test_packs_time_limit_options(void **state)
{
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t a = 9, b = 9;

	(void)state;
	assert_int_equal(unit_ruleset_try(&rs, timed_pack, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	po.max_cpu_seconds = CLINT_CHECK_NO_TIME_LIMIT;
	assert_int_equal(clint_ruleset_test(rs, &po, d, &a, &b), CLINT_OK);
	assert_int_equal(a, 8);
	assert_int_equal(clint_ruleset_lint(rs, &po, d, &a, &b), CLINT_OK);
	assert_int_equal(a + b, 0);

	po.max_cpu_seconds = 1e-9;
	assert_int_equal(clint_ruleset_test(rs, &po, d, &a, &b), CLINT_ELIMIT);
	assert_int_equal(a, 0);
	assert_int_equal(b, 8);
	only_error(d, "testing stopped at its CPU-time limit of 1e-09 s: 8 "
	              "examples of 4 rules did not run, which fail (the first: "
	              "this one of rule 'timed-flag')");
	clint_diag_clear(d);
	assert_int_equal(clint_ruleset_lint(rs, &po, d, &a, &b), CLINT_ELIMIT);
	assert_int_equal(a, 1);
	assert_int_equal(b, 0);
	only_error(d, "linting stopped at its CPU-time limit of 1e-09 s: 4 of 4 "
	              "rules were not linted to the end (the first: "
	              "'timed-flag')");

	/* refused before any work: nothing said, counts untouched */
	clint_diag_clear(d);
	a = b = 9;
	po.max_cpu_seconds = NAN;
	assert_int_equal(clint_ruleset_test(rs, &po, d, &a, &b), CLINT_EINVAL);
	po.max_cpu_seconds = -2;
	assert_int_equal(clint_ruleset_lint(rs, &po, d, &a, &b), CLINT_EINVAL);
	po.max_cpu_seconds = 0;
	po.version = 0;
	assert_int_equal(clint_ruleset_test(rs, &po, d, &a, &b), CLINT_EINVAL);
	po.version = CLINT_PACKS_OPTIONS_VERSION + 1;
	assert_int_equal(clint_ruleset_lint(rs, &po, d, &a, &b), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_lint(NULL, NULL, d, &a, &b), CLINT_EINVAL);
	assert_int_equal(a + b, 18);
	assert_int_equal(clint_diag_count(d), 0);
	clint_diag_free(d);
	clint_ruleset_free(rs);
}

/* A real stop: 128 rules whose first example pays the match limit, under
 * a limit of 0.3 s. The run ends there; the rest fail as not run. Testing
 * them all takes about 11 s, linting them 1.2 s (lint pays a lower
 * limit: 9 ms a rule); with 32 rules, lint took 0.29 to 0.31 s, and the
 * test failed as often as not. */
static void test_packs_test_real_stop(void **state)
{
#define AS "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SLOW(id)                                                              \
	UNIT_RULE(id, "flag", "warning", "")                                      \
	UNIT_PATTERN("(?:a+)+;")                                                  \
	UNIT_EXAMPLE("match", "x " AS "!;")                                       \
	UNIT_EXAMPLE("no-match", "y " AS "!;")                                    \
	UNIT_RULE_END
#define SLOW8(id) SLOW(id "1") SLOW(id "2") SLOW(id "3") SLOW(id "4")         \
	SLOW(id "5") SLOW(id "6") SLOW(id "7") SLOW(id "8")
#define SLOW32(id) SLOW8(id "a") SLOW8(id "b") SLOW8(id "c") SLOW8(id "d")
	static const char pack[] =
		UNIT_PACK_HEAD("slow")
		SLOW32("slow-a") SLOW32("slow-b") SLOW32("slow-c") SLOW32("slow-d")
		UNIT_PACK_TAIL;
#undef SLOW32
#undef SLOW8
#undef SLOW
#undef AS
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t passed = 9, failed = 9;

	(void)state;
	assert_int_equal(unit_ruleset_try(&rs, pack, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	po.max_cpu_seconds = 0.3;
	assert_int_equal(clint_ruleset_test(rs, &po, d, &passed, &failed),
	                 CLINT_ELIMIT);
	assert_int_equal(passed, 0);
	assert_int_equal(failed, 256);
	assert_true(unit_diag_find(d, "testing stopped at its CPU-time limit "
	                              "of 0.3 s: ") >= 0);
	assert_int_equal(unit_diag_find(d, "rule 'slow-dd8'"), -1);
	clint_diag_clear(d);
	assert_int_equal(clint_ruleset_lint(rs, &po, d, &passed, &failed),
	                 CLINT_ELIMIT);
	assert_true(unit_diag_find(d, "linting stopped at its CPU-time limit "
	                              "of 0.3 s: ") >= 0);
	clint_diag_free(d);
	clint_ruleset_free(rs);
}

/* packs lint stops inside a rule, between its patterns: one rule of 300
 * patterns that each pay the match limit on its example (about 4 s in
 * all) under a limit of 0.3 s. It is the rule named, and most of its
 * patterns were not tried (each tried one is an error). */
static void test_packs_lint_stops_inside_a_rule(void **state)
{
#define AS "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	char *xml = malloc(300 * 64 + 2048), *p;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t errors = 0, warnings = 0, i;

	(void)state;
	assert_non_null(xml);
	p = xml + sprintf(xml, UNIT_PACK_HEAD("big")
	                  UNIT_RULE("one-big", "flag", "warning", ""));
	for (i = 0; i < 300; i++)
		p += sprintf(p, UNIT_PATTERN("(?:a+)+;{1,%zu}"), i + 1);
	sprintf(p, UNIT_EXAMPLE("match", "x " AS "!;")
	        UNIT_EXAMPLE("no-match", "good") UNIT_RULE_END
	        UNIT_RULE("two-small", "flag", "warning", "")
	        UNIT_PATTERN("\\bfine\\b") UNIT_EXAMPLE("match", "fine")
	        UNIT_EXAMPLE("no-match", "good") UNIT_RULE_END UNIT_PACK_TAIL);
#undef AS
	assert_int_equal(unit_ruleset_try(&rs, xml, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	po.max_cpu_seconds = 0.3;
	assert_int_equal(clint_ruleset_lint(rs, &po, d, &errors, &warnings),
	                 CLINT_ELIMIT);
	if (unit_diag_find(d, "2 of 2 rules were not linted to the end (the "
	                      "first: 'one-big')") < 0)
		unit_diag_dump(d);
	assert_true(unit_diag_find(d, "2 of 2 rules were not linted to the end "
	                              "(the first: 'one-big')") >= 0);
	assert_true(errors >= 2 && errors < 150);
	clint_diag_free(d);
	clint_ruleset_free(rs);
	free(xml);
}

/* The ruleset accessors on NULL, NULL output and indexes past the end. */
static void test_accessor_arguments(void **state)
{
	clint_ruleset *rs = unit_ruleset(valid_pack);
	clint_pattern_info pi;
	clint_pack_info pk;
	clint_rule_info ri;
	size_t n;

	(void)state;
	assert_int_equal(clint_ruleset_pattern_count(NULL), 0);
	assert_int_equal(clint_ruleset_pattern(NULL, 0, &pi), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_pattern(rs, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_pack_count(NULL), 0);
	assert_int_equal(clint_ruleset_pack(NULL, 0, &pk), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_pack(rs, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_pack(rs, clint_ruleset_pack_count(rs), &pk),
	                 CLINT_EINVAL);
	assert_int_equal(clint_ruleset_rule_count(NULL), 0);
	assert_int_equal(clint_ruleset_rule(NULL, 0, &ri), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_rule(rs, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_ruleset_rule(rs, clint_ruleset_rule_count(rs), &ri),
	                 CLINT_EINVAL);
	/* the real ones work */
	assert_int_equal(clint_ruleset_pack_count(rs), 1);
	assert_int_equal(clint_ruleset_pack(rs, 0, &pk), CLINT_OK);
	assert_string_equal(pk.name, "mini");
	n = clint_builtin_pack_count();
	assert_true(n > 0);
	assert_null(clint_builtin_pack_name(n));
	assert_int_equal(clint_builtin_pack_is_default(n), 0);
	clint_ruleset_free(rs);
}

/* ---- refused inputs ---------------------------------------------------------------- */

static void expect_refused(const void *data, size_t len, const char *why)
{
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	char *path = unit_temp_file(data, len);
	const char *paths[1];
	long i;

	paths[0] = path;
	o = options_for(paths, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	i = unit_diag_find(d, why);
	if (i < 0)
		unit_diag_dump(d);
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, path);
	unlink(path);
	free(path);
	clint_diag_free(d);
}

static void test_doctype_refused(void **state)
{
	static const char doctype[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE pack [ <!ENTITY boom \"boom\"> ]>\n"
		"<pack name=\"x\" format=\"1\"><title>&boom;</title></pack>\n";
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE pack SYSTEM \"file:///etc/passwd\">\n"
		"<pack name=\"x\" format=\"1\"><title>t</title></pack>\n";

	(void)state;
	expect_refused(doctype, sizeof(doctype) - 1, "DOCTYPE");
	expect_refused(xxe, sizeof(xxe) - 1, "DOCTYPE");
}

/* What costs libxml2 far more than its bytes is refused before it is
 * parsed (clint_xml_read): a tag of more than 256 attributes, a tree of
 * more than a million nodes; and a pack is read as UTF-8 or the
 * single-byte ASCII superset it declares, never as an encoding that hides
 * "<!DOCTYPE" from the search for it. */
static void test_costly_xml_refused(void **state)
{
	static const char head[] = "<?xml version=\"1.0\"?>\n<pack name=\"x\" "
	                           "format=\"1\" version=\"1\"><title>t</title>";
	/* "<?xml version="1.0" encoding="IBM037"?><!DOCTYPE" in EBCDIC */
	static const unsigned char ebcdic[] = {
		0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40, 0xA5, 0x85, 0x99, 0xA2, 0x89,
		0x96, 0x95, 0x7E, 0x7F, 0xF1, 0x4B, 0xF0, 0x7F, 0x40, 0x85, 0x95,
		0x83, 0x96, 0x84, 0x89, 0x95, 0x87, 0x7E, 0x7F, 0xC9, 0xC2, 0xD4,
		0xF0, 0xF3, 0xF7, 0x7F, 0x6F, 0x6E, 0x25, 0x4C, 0x5A, 0xC4, 0xD6,
		0xC3, 0xE3, 0xE8, 0xD7, 0xC5, 0x40, 0x97, 0x81, 0x83, 0x92, 0x6E};
	clint_buf b = CLINT_BUF_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_pack_info pi;
	const char *title;
	int n;

	(void)state;
	for (n = 256; n <= 257; n++) {
		int i;

		clint_buf_free(&b);
		assert_int_equal(clint_buf_puts(&b, head), CLINT_OK);
		assert_int_equal(clint_buf_puts(&b, "<x"), CLINT_OK);
		for (i = 0; i < n; i++)
			assert_int_equal(clint_buf_printf(&b, " a%d=''", i), CLINT_OK);
		assert_int_equal(clint_buf_puts(&b, "/></pack>\n"), CLINT_OK);
		if (n == 257) {
			expect_refused(b.data, b.len,
			               "a tag with more than 256 attributes: refused");
			continue;
		}
		/* 256: parsed, and refused by the schema only */
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(unit_ruleset_try(&rs, b.data, d, NULL), CLINT_EPACK);
		assert_true(unit_diag_find(d, "attributes: refused") < 0);
		assert_true(unit_diag_find(d, "Did not expect element x") >= 0);
		clint_diag_free(d);
	}
	clint_buf_free(&b);
	assert_int_equal(clint_buf_puts(&b, head), CLINT_OK);
	for (n = 0; n < 1000000; n++)
		assert_int_equal(clint_buf_puts(&b, "<a/>"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
	expect_refused(b.data, b.len, "more than 1000000 XML nodes: refused");
	clint_buf_free(&b);
	/* stopped inside a comment, libxml2 went on to "Premature end of
	 * data": only the refusal is said */
	assert_int_equal(clint_buf_puts(&b, head), CLINT_OK);
	for (n = 0; n < 1000001; n++)
		assert_int_equal(clint_buf_puts(&b, "<!---->"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(unit_ruleset_try(&rs, b.data, d, NULL), CLINT_EPACK);
	if (clint_diag_count(d) != 1)
		unit_diag_dump(d);
	assert_int_equal(clint_diag_count(d), 1);
	assert_true(unit_diag_find(d, "more than 1000000 XML nodes") == 0);
	clint_diag_free(d);
	clint_buf_free(&b);
	expect_refused(ebcdic, sizeof(ebcdic), "Start tag expected");
	/* valid_pack in ISO-8859-1, its title "Caf\xE9 Mini pack for tests" */
	title = strstr(valid_pack, "<title>") + 7;
	assert_int_equal(clint_buf_puts(&b, "<?xml version=\"1.0\" encoding="
	                                    "\"ISO-8859-1\"?>\n"), CLINT_OK);
	assert_int_equal(clint_buf_put(&b, strstr(valid_pack, "<pack"),
	                                  (size_t)(title - strstr(valid_pack, "<pack"))),
	                 CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "Caf\xE9 "), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, title), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	if (unit_ruleset_try(&rs, b.data, d, NULL) != CLINT_OK) {
		unit_diag_dump(d);
		fail_msg("the ISO-8859-1 pack does not load");
	}
	assert_int_equal(clint_ruleset_pack(rs, 0, &pi), CLINT_OK);
	assert_string_equal(pi.title, "Caf\xC3\xA9 Mini pack for tests");
	clint_buf_free(&b);
	clint_ruleset_free(rs);
	clint_diag_free(d);
}

/* libxml2 looks each prefix up through every namespace declaration in
 * scope: more than 256 of them (the tags around an element and its own)
 * are refused; the same declared by siblings, out of scope in turn, are
 * not. Each case: `depth` nested tags, `decls` declarations on each,
 * around a prefixed attribute, `times` side by side. */
static void test_namespaces_in_scope_bounded(void **state)
{
	static const char head[] = "<?xml version=\"1.0\"?>\n<pack name=\"x\" "
	                           "format=\"1\" version=\"1\" xmlns:z=\"u\">"
	                           "<title>t</title>";
	static const struct {
		int depth, decls, times, refused;
	} cases[] = {/* with the pack's own xmlns:z: 255, 256, 257 in scope */
	             {2, 127, 1, 0}, {1, 255, 1, 0}, {2, 128, 1, 1},
	             /* 255 at a time, 40 times over */
	             {2, 127, 40, 0}};
	clint_buf b = CLINT_BUF_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t k;
	int i, j, t;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(*cases); k++) {
		clint_buf_free(&b);
		assert_int_equal(clint_buf_puts(&b, head), CLINT_OK);
		for (t = 0; t < cases[k].times; t++) {
			for (i = 0; i < cases[k].depth; i++) {
				assert_int_equal(clint_buf_puts(&b, "<x"), CLINT_OK);
				for (j = 0; j < cases[k].decls; j++)
					assert_int_equal(clint_buf_printf(&b, " xmlns:a%d='u'", j),
					                 CLINT_OK);
				assert_int_equal(clint_buf_puts(&b, ">"), CLINT_OK);
			}
			assert_int_equal(clint_buf_puts(&b, "<y z:b=''/>"), CLINT_OK);
			for (i = 0; i < cases[k].depth; i++)
				assert_int_equal(clint_buf_puts(&b, "</x>"), CLINT_OK);
		}
		assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
		if (cases[k].refused) {
			expect_refused(b.data, b.len, "more than 256 namespace "
			                              "declarations in scope: refused");
			continue;
		}
		/* parsed, and refused by the schema only */
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(unit_ruleset_try(&rs, b.data, d, NULL), CLINT_EPACK);
		if (unit_diag_find(d, "Did not expect element x") < 0) {
			unit_diag_dump(d);
			fail_msg("case %zu", k);
		}
		assert_true(unit_diag_find(d, "namespace declarations") < 0);
		clint_diag_free(d);
	}
	clint_buf_free(&b);
}

/* A pack of many patterns costs memory a pattern each (945 MB for 419,000
 * in 8 MiB): the packs of one ruleset hold at most 100,000, and a pack
 * that passes it is refused in one error. With keep_valid_packs it is
 * left out, and the next pack loads (its patterns are given back). */
static char *many_patterns_pack(const char *name, size_t n, const char *more)
{
	clint_buf b = CLINT_BUF_INIT;
	size_t i;

	assert_int_equal(clint_buf_printf(&b, "<?xml version=\"1.0\"?>\n<pack "
	                                  "name=\"%s\" format=\"1\" version=\"1\">"
	                                  "<title>t</title>\n", name), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, UNIT_RULE("many", "flag", "info", "")),
	                 CLINT_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(clint_buf_printf(&b, "<pattern>zq%zu</pattern>\n", i),
		                 CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, UNIT_EXAMPLE("match", "zq0")
	                                UNIT_RULE_END), CLINT_OK);
	assert_int_equal(clint_buf_printf(&b, "%s</pack>\n", more), CLINT_OK);
	return b.data;
}

static void test_pattern_cap(void **state)
{
	char *at = many_patterns_pack("at", 100000, "");
	char *over = many_patterns_pack("over", 100001, "");
	char *paths[2];
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t i, n = 0;
	clint_diag_entry e;

	(void)state;
	/* exactly the cap */
	paths[0] = unit_temp_file(at, strlen(at));
	o = options_for((const char *const *)paths, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	if (clint_ruleset_load(&rs, &o, d) != CLINT_OK) {
		unit_diag_dump(d);
		fail_msg("the pack at the cap does not load");
	}
	clint_ruleset_free(rs);
	clint_diag_free(d);
	unlink(paths[0]);
	free(paths[0]);
	/* over it: one error, then the pack after it loads (keep_valid) */
	paths[0] = unit_temp_file(over, strlen(over));
	paths[1] = unit_temp_file(valid_pack, sizeof(valid_pack) - 1);
	o = options_for((const char *const *)paths, 2);
	o.keep_valid_packs = 1;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
	assert_int_equal(clint_ruleset_pack_count(rs), 1);
	assert_int_equal(clint_ruleset_rule_count(rs), 2);
	for (i = 0; i < clint_diag_count(d); i++) {
		assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
		n += strstr(e.message, "more than 100000 patterns") != NULL;
	}
	assert_int_equal(n, 1);
	clint_ruleset_free(rs);
	clint_diag_free(d);
	for (i = 0; i < 2; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	free(at);
	free(over);
}

/* The errors of loading `pack` alone (`defaults`: after the default
 * packs), and how many of them tell the pattern cap was passed. */
static size_t cap_errors(const char *pack, int defaults, size_t *cap)
{
	char *path = unit_temp_file(pack, strlen(pack));
	const char *paths[1];
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	size_t i, n;

	paths[0] = path;
	o = options_for(paths, 1);
	o.default_packs = defaults;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	(void)clint_ruleset_load(&rs, &o, d);
	n = clint_diag_count_level(d, CLINT_DIAG_ERROR);
	*cap = 0;
	for (i = 0; i < clint_diag_count(d); i++) {
		assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
		*cap += strstr(e.message, "more than 100000 patterns") != NULL;
	}
	clint_ruleset_free(rs);
	clint_diag_free(d);
	unlink(path);
	free(path);
	return n;
}

/* The default packs' patterns count against the cap whether they come
 * from their snapshot or from their XML (CLAUSELINT_NO_PRECOMPILED): the
 * snapshot's went uncounted, and a pack that loaded beside them was
 * refused without it. */
static void test_pattern_cap_counts_builtin(void **state)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t builtin, cap, k;
	char *fits, *over;
	int mode;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
	builtin = clint_ruleset_pattern_count(rs);
	clint_ruleset_free(rs);
	clint_diag_free(d);
	assert_true(builtin > 0 && builtin < 100000);
	fits = many_patterns_pack("fits", 100000 - builtin, "");
	over = many_patterns_pack("over", 100000 - builtin + 1, "");
	for (mode = 0; mode < 2; mode++) {
		if (mode)
			assert_int_equal(setenv("CLAUSELINT_NO_PRECOMPILED", "1", 1), 0);
		assert_int_equal(cap_errors(fits, 1, &cap), 0);
		k = cap_errors(over, 1, &cap);
		assert_int_equal(cap, 1);
		assert_int_equal(k, 1);
	}
	assert_int_equal(unsetenv("CLAUSELINT_NO_PRECOMPILED"), 0);
	free(fits);
	free(over);
}

/* A pack that passes the cap is not read on: its refused patterns cost
 * 72 bytes each to the end of a load that fails (8 MiB packs of 419,000:
 * 29 MB each, so a directory of them took gigabytes), so the rule after
 * it, whose id is taken, is never seen. */
static void test_pattern_cap_stops_pack(void **state)
{
	char *over = many_patterns_pack(
		"over", 100001,
		UNIT_RULE("many", "flag", "info", "") UNIT_PATTERN("zq")
			UNIT_EXAMPLE("match", "zq") UNIT_RULE_END);
	size_t cap;

	(void)state;
	assert_int_equal(cap_errors(over, 0, &cap), 1);
	assert_int_equal(cap, 1);
	free(over);
}

/* A pack of `n` rules "<id>0".."<id>n-1": check rules (no pattern), or
 * flag rules of one pattern `pattern`. */
static char *many_rules_pack(const char *name, const char *id, size_t n,
                             const char *pattern)
{
	clint_buf b = CLINT_BUF_INIT;
	size_t i;

	assert_int_equal(clint_buf_printf(&b, "<?xml version=\"1.0\"?>\n<pack "
	                                  "name=\"%s\" format=\"1\" version=\"1\">"
	                                  "<title>t</title>\n", name), CLINT_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(
			clint_buf_printf(
				&b,
				"<rule id=\"%s%zu\" kind=\"%s\"%s severity=\"info\" "
				"category=\"x\"><title>T</title><message>M.</message>"
				"<rationale>R.</rationale><ref>x</ref><suggestion>S."
				"</suggestion>%s%s%s<example expect=\"no-match\">zz</example>"
				"</rule>\n",
				id, i, pattern ? "flag" : "check",
				pattern ? "" : " check=\"numbering\"",
				pattern ? "<pattern>" : "", pattern ? pattern : "",
				pattern ? "</pattern>" : ""),
			CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
	return b.data;
}

/* Loads `n` pack texts with keep_valid_packs: the packs loaded, and how
 * many errors mention `needle`. */
static size_t load_kept(char **texts, size_t n, const char *needle,
                        size_t *errors)
{
	char *paths[5];
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	size_t i, packs;

	assert_true(n <= 5);
	for (i = 0; i < n; i++)
		paths[i] = unit_temp_file(texts[i], strlen(texts[i]));
	o = options_for((const char *const *)paths, n);
	o.keep_valid_packs = 1;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* with every pack left out, the load fails */
	if (clint_ruleset_load(&rs, &o, d) != CLINT_OK)
		assert_null(rs);
	packs = rs ? clint_ruleset_pack_count(rs) : 0;
	*errors = 0;
	for (i = 0; i < clint_diag_count(d); i++) {
		assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
		*errors += strstr(e.message, needle) != NULL;
	}
	clint_ruleset_free(rs);
	clint_diag_free(d);
	for (i = 0; i < n; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	return packs;
}

/* The other two caps of a ruleset: 100,000 rules (check rules have no
 * pattern: 380,000 took 354 MB), and 64 MiB of compiled patterns (20,000
 * 400-word alternations: 265 MB, 1.6 GB JIT-compiled). The pack that
 * passes one is left out with one error; the next one loads. */
static void test_rule_and_code_caps(void **state)
{
	char *texts[5];
	size_t errors, i;

	(void)state;
	/* under 8 MiB each: 34,000 rules of some 215 bytes */
	texts[0] = many_rules_pack("a", "a", 34000, NULL);
	texts[1] = many_rules_pack("b", "b", 34000, NULL);
	texts[2] = many_rules_pack("c", "c", 32001, NULL);
	texts[3] = strdup(valid_pack);
	assert_non_null(texts[3]);
	/* 100,001 with c: c left out, valid_pack's 2 then fit */
	assert_int_equal(load_kept(texts, 4, "more than 100000 rules in the packs "
	                           "loaded: refused", &errors), 3);
	assert_int_equal(errors, 1);
	for (i = 0; i < 3; i++)
		free(texts[i]);
	/* each some 50 KB compiled: past 64 MiB before the 2,000th */
	texts[0] = many_rules_pack("big", "big", 2000, "(?:abcdefgh){2600}");
	assert_int_equal(load_kept(texts, 1, "more than 64 MiB of compiled "
	                           "patterns in the packs loaded: refused",
	                           &errors), 0);
	assert_int_equal(errors, 1);
	texts[1] = texts[3];
	assert_int_equal(load_kept(texts, 2, "of compiled patterns", &errors), 1);
	free(texts[0]);
	free(texts[1]);
}

static void test_binary_junk_refused(void **state)
{
	static const char junk[] = "\x7F" "ELF\x02\x01\x01\x00\x00\x00junk";
	static const char zip[] = "PK\x03\x04\x14\x00pack.xml";

	(void)state;
	expect_refused(junk, sizeof(junk) - 1, "binary");
	expect_refused(zip, sizeof(zip) - 1, "binary");
}

/* A pack file is read in chunks up to its cap (PACK_MAX_BYTES in pack.c,
 * 8 MiB): a pack of several chunks loads whole, one of exactly the cap
 * loads, one byte more is refused. */
static void test_size_cap(void **state)
{
	const size_t cap = (size_t)8 * 1024 * 1024;
	size_t sizes[2] = {200000, cap}, i;
	char *big = malloc(cap + 1);
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	const char *paths[1];
	char *path;

	(void)state;
	assert_non_null(big);
	memcpy(big, valid_pack, sizeof(valid_pack) - 1);
	memset(big + sizeof(valid_pack) - 1, '\n', cap + 1 - (sizeof(valid_pack) - 1));
	for (i = 0; i < 2; i++) {
		path = unit_temp_file(big, sizes[i]);
		paths[0] = path;
		o = options_for(paths, 1);
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
		assert_int_equal(clint_ruleset_rule_count(rs), 2);
		clint_ruleset_free(rs);
		clint_diag_free(d);
		unlink(path);
		free(path);
	}
	expect_refused(big, cap + 1, "pack is larger than 8388608 bytes");
	free(big);
}

static void test_not_well_formed(void **state)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<pack name=\"x\" format=\"1\">\n"
		"  <title>unclosed\n";
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	char *path = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(unit_ruleset_try(&rs, xml, d, &path), CLINT_EPACK);
	assert_null(rs);
	assert_true(clint_diag_count(d) >= 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, path);
	assert_true(e.line > 0);
	clint_diag_free(d);
	free(path);
}

static void test_missing_path(void **state)
{
	const char *paths[] = {"/tmp/clint-unit-no-such-dir/none.xml"};
	clint_ruleset_options o = options_for(paths, 1);
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, paths[0]);
	unit_assert_contains(e.message, "No such file");
	clint_diag_free(d);
}

static void test_no_packs_at_all(void **state)
{
	clint_ruleset_options o = options_for(NULL, 0);
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	assert_true(unit_diag_find(d, "no clause packs loaded") >= 0);
	clint_diag_free(d);

	/* argument checks */
	assert_int_equal(clint_ruleset_load(NULL, &o, NULL), CLINT_EINVAL);
	o.version = 42;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_EINVAL);
	clint_ruleset_free(NULL);
	assert_int_equal(clint_ruleset_rule_count(NULL), 0);
	assert_int_equal(clint_ruleset_pack_count(NULL), 0);
}

/* ---- directories ------------------------------------------------------------------- */

static const char pack_a[] =
	UNIT_PACK_HEAD("apack")
	UNIT_RULE("a-rule", "flag", "info", "")
	UNIT_PATTERN("\\balpha\\b")
	UNIT_EXAMPLE("match", "alpha")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static const char pack_b[] =
	UNIT_PACK_HEAD("bpack")
	UNIT_RULE("b-rule", "flag", "info", "")
	UNIT_PATTERN("\\bbeta\\b")
	UNIT_EXAMPLE("match", "beta")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static void test_directory_in_name_order(void **state)
{
	char dir[] = "/tmp/clint-unit-dir-XXXXXX";
	char expect[600];
	const char *paths[1];
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_pack_info pi;
	clint_rule_info ri;
	int rc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* written in reverse order; a non-.xml file is ignored */
	unit_write_at(dir, "b.xml", pack_b);
	unit_write_at(dir, "a.xml", pack_a);
	unit_write_at(dir, "notes.txt", "\x01\x02 not a pack");
	paths[0] = dir;
	o = options_for(paths, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	rc = clint_ruleset_load(&rs, &o, d);
	if (rc != CLINT_OK)
		unit_diag_dump(d);
	assert_int_equal(rc, CLINT_OK);

	assert_int_equal(clint_ruleset_pack_count(rs), 2);
	assert_int_equal(clint_ruleset_pack(rs, 0, &pi), CLINT_OK);
	assert_string_equal(pi.name, "apack");
	snprintf(expect, sizeof(expect), "%s/a.xml", dir);
	assert_string_equal(pi.file, expect);
	assert_int_equal(clint_ruleset_pack(rs, 1, &pi), CLINT_OK);
	assert_string_equal(pi.name, "bpack");
	assert_int_equal(clint_ruleset_rule_count(rs), 2);
	assert_int_equal(clint_ruleset_rule(rs, 0, &ri), CLINT_OK);
	assert_string_equal(ri.id, "a-rule");
	assert_int_equal(clint_ruleset_rule(rs, 1, &ri), CLINT_OK);
	assert_string_equal(ri.id, "b-rule");
	clint_ruleset_free(rs);
	rs = NULL;

	/* the same pack twice: its name is already taken */
	clint_diag_clear(d);
	unit_write_at(dir, "c.xml", pack_a);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	assert_true(unit_diag_find(d, "pack 'apack' is already loaded") >= 0);
	assert_true(unit_diag_find(d, "rule 'a-rule' is already defined") >= 0);

	unit_remove_at(dir, "a.xml");
	unit_remove_at(dir, "b.xml");
	unit_remove_at(dir, "c.xml");
	unit_remove_at(dir, "notes.txt");
	assert_int_equal(rmdir(dir), 0);
	clint_diag_free(d);
}

/* keep_valid_packs: each pack with problems is left out with its errors
 * reported, in a directory and among paths; the others load. What is not
 * a pack's problem (a rule setting, a --disable-pack name) still fails. */
static void test_keep_valid_packs(void **state)
{
	static const char pack_c[] =  /* valid alone; a-rule is pack_a's */
		UNIT_PACK_HEAD("cpack")
		UNIT_RULE("c-only", "flag", "info", "")
		UNIT_PATTERN("\\bdelta\\b")
		UNIT_EXAMPLE("match", "delta")
		UNIT_RULE_END
		UNIT_RULE("a-rule", "flag", "info", "")
		UNIT_PATTERN("\\bgamma\\b")
		UNIT_EXAMPLE("match", "gamma")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	char dir[] = "/tmp/clint-unit-dir-XXXXXX", bad[600], missing[600];
	const char *paths[4];
	clint_rule_setting set = {CLINT_RULE_DISABLE, "c-rule", 0, NULL, 0};
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_pack_info pi;
	clint_rule_info ri;

	(void)state;
	assert_non_null(mkdtemp(dir));
	unit_write_at(dir, "1-a.xml", pack_a);
	unit_write_at(dir, "2-broken.xml", "<pack name=\"broken\">");
	unit_write_at(dir, "3-c.xml", pack_c);
	unit_write_at(dir, "4-b.xml", pack_b);
	paths[0] = dir;
	o = options_for(paths, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	/* without it: the load fails */
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	clint_diag_clear(d);

	o.keep_valid_packs = 1;
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
	assert_int_equal(clint_ruleset_left_out(rs), 2);
	assert_int_equal(clint_ruleset_pack_count(rs), 2);
	assert_int_equal(clint_ruleset_pack(rs, 0, &pi), CLINT_OK);
	assert_string_equal(pi.name, "apack");
	assert_int_equal(clint_ruleset_pack(rs, 1, &pi), CLINT_OK);
	assert_string_equal(pi.name, "bpack");
	assert_int_equal(pi.rule_count, 1);
	assert_int_equal(clint_ruleset_rule_count(rs), 2);
	assert_int_equal(clint_ruleset_rule(rs, 1, &ri), CLINT_OK);
	assert_string_equal(ri.id, "b-rule");
	assert_string_equal(ri.pack, "bpack");
	snprintf(bad, sizeof(bad), "%s/2-broken.xml", dir);
	assert_true(unit_diag_find(d, "rule 'a-rule' is already defined") >= 0);
	{
		clint_diag_entry e;
		size_t i, named = 0;

		for (i = 0; i < clint_diag_count(d); i++) {
			assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
			named += e.level == CLINT_DIAG_ERROR && e.file &&
			         strcmp(e.file, bad) == 0;
		}
		assert_true(named > 0);
	}
	clint_ruleset_free(rs);
	rs = NULL;

	/* among paths: a missing file and a built-in name that is none */
	clint_diag_clear(d);
	snprintf(missing, sizeof(missing), "%s/none.xml", dir);
	snprintf(bad, sizeof(bad), "%s/4-b.xml", dir);
	paths[0] = missing;
	paths[1] = "nosuchpack";
	paths[2] = bad;
	o = options_for(paths, 3);
	o.keep_valid_packs = 1;
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
	assert_int_equal(clint_ruleset_left_out(rs), 2);
	assert_int_equal(clint_ruleset_rule_count(rs), 1);
	assert_true(unit_diag_find(d, "no built-in pack has this name") >= 0);
	clint_ruleset_free(rs);
	rs = NULL;

	/* a built-in pack named twice: the second is left out */
	clint_diag_clear(d);
	paths[0] = "ambiguity";
	paths[1] = "ambiguity";
	o = options_for(paths, 2);
	o.keep_valid_packs = 1;
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
	assert_int_equal(clint_ruleset_left_out(rs), 1);
	assert_int_equal(clint_ruleset_pack_count(rs), 1);
	assert_true(unit_diag_find(d, "pack 'ambiguity' is already loaded") >= 0);
	clint_ruleset_free(rs);
	rs = NULL;
	paths[0] = missing;
	paths[1] = "nosuchpack";

	/* nothing left; a rule setting naming a rule left out; an unknown
	 * --disable-pack name: the load fails */
	paths[2] = missing;
	o = options_for(paths, 3);
	o.keep_valid_packs = 1;
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	paths[0] = dir;
	o = options_for(paths, 1);
	o.keep_valid_packs = 1;
	set.rule_id = "c-only";  /* defined by the pack left out */
	o.rule_settings = &set;
	o.rule_setting_count = 1;
	clint_diag_clear(d);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	assert_true(unit_diag_find(d, "unknown rule 'c-only' (no loaded pack "
	                              "defines it; packs with problems were "
	                              "left out)") >= 0);
	o.rule_setting_count = 0;
	o.disabled_packs = paths + 1;
	o.disabled_pack_count = 1;
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);

	unit_remove_at(dir, "1-a.xml");
	unit_remove_at(dir, "2-broken.xml");
	unit_remove_at(dir, "3-c.xml");
	unit_remove_at(dir, "4-b.xml");
	assert_int_equal(rmdir(dir), 0);
	clint_diag_free(d);
}

/* ---- built-in packs ----------------------------------------------------------------- */

/* Number of built-in packs that load by default (others are opt-in). */
static size_t default_builtin_count(void)
{
	size_t i, n = 0;

	for (i = 0; i < clint_builtin_pack_count(); i++)
		n += clint_builtin_pack_is_default(i) ? 1 : 0;
	return n;
}

static void test_default_packs(void **state)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_pack_info pi;
	clint_rule_info ri;
	size_t i, k, total = 0;
	int rc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	rc = clint_ruleset_load(&rs, NULL, d); /* NULL: the defaults */
	if (rc != CLINT_OK)
		unit_diag_dump(d);
	assert_int_equal(rc, CLINT_OK);
	assert_int_equal(clint_diag_count(d), 0);
	assert_true(clint_ruleset_rule_count(rs) > 4);
	assert_true(clint_builtin_pack_count() >= 1);
	/* the defaults are the built-in packs not marked opt-in, in order */
	assert_int_equal(clint_ruleset_pack_count(rs), default_builtin_count());
	for (i = 0, k = 0; i < clint_ruleset_pack_count(rs); i++, k++) {
		while (!clint_builtin_pack_is_default(k))
			k++;
		assert_int_equal(clint_ruleset_pack(rs, i, &pi), CLINT_OK);
		assert_string_equal(pi.name, clint_builtin_pack_name(k));
		assert_memory_equal(pi.file, "<builtin>/", 10);
		assert_true(strlen(pi.title) > 0);
		total += pi.rule_count;
	}
	assert_int_equal(total, clint_ruleset_rule_count(rs));
	assert_null(clint_builtin_pack_name(clint_builtin_pack_count()));
	/* every built-in rule is complete */
	for (i = 0; i < clint_ruleset_rule_count(rs); i++) {
		assert_int_equal(clint_ruleset_rule(rs, i, &ri), CLINT_OK);
		assert_true(ri.line > 0);
		assert_true(ri.example_count > 0);
		/* check rules run a built-in check instead of patterns */
		assert_true(ri.pattern_count > 0 || ri.kind == CLINT_RULE_CHECK);
		assert_non_null(ri.message);
		assert_non_null(ri.suggestion);
	}
	clint_ruleset_free(rs);
	rs = NULL;

	/* the same explicitly, without JIT */
	o.jit = 0;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
	assert_true(clint_ruleset_rule_count(rs) > 4);
	clint_ruleset_free(rs);
	clint_diag_free(d);
}

static void test_builtin_by_name_and_disabled(void **state)
{
	const char *name = clint_builtin_pack_name(0);
	const char *paths[1];
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_pack_info pi;
	size_t i;

	(void)state;
	assert_non_null(name);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);

	/* a built-in pack named where a path goes */
	paths[0] = name;
	o = options_for(paths, 1);
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_OK);
	assert_int_equal(clint_ruleset_pack_count(rs), 1);
	assert_int_equal(clint_ruleset_pack(rs, 0, &pi), CLINT_OK);
	assert_string_equal(pi.name, name);
	clint_ruleset_free(rs);
	rs = NULL;

	/* a name that is neither a file nor a built-in pack */
	paths[0] = "no-such-pack";
	assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
	assert_null(rs);
	assert_true(unit_diag_find(d, "no built-in pack has this name") >= 0);
	clint_diag_clear(d);

	/* a built-in pack left out of the defaults */
	if (clint_builtin_pack_count() >= 2) {
		clint_ruleset_options od = CLINT_RULESET_OPTIONS_INIT;
		const char *off[1];

		off[0] = name;
		od.disabled_packs = off;
		od.disabled_pack_count = 1;
		assert_int_equal(clint_ruleset_load(&rs, &od, d), CLINT_OK);
		assert_true(clint_builtin_pack_is_default(0));
		assert_int_equal(clint_ruleset_pack_count(rs),
		                 default_builtin_count() - 1);
		for (i = 0; i < clint_ruleset_pack_count(rs); i++) {
			assert_int_equal(clint_ruleset_pack(rs, i, &pi), CLINT_OK);
			assert_string_not_equal(pi.name, name);
		}
		clint_ruleset_free(rs);
		rs = NULL;

		/* an unknown name to disable is an error */
		off[0] = "nonesuch";
		assert_int_equal(clint_ruleset_load(&rs, &od, d), CLINT_EPACK);
		assert_null(rs);
		assert_true(unit_diag_find(d, "no built-in pack has this name") >= 0);
	}
	clint_diag_free(d);
}

/* ---- examples ------------------------------------------------------------------------ */

static const char example_pack[] =
	UNIT_PACK_HEAD("examples")
	UNIT_RULE("flag-tbd", "flag", "warning", "")
	UNIT_PATTERN("\\bTBD\\b")
	UNIT_EXAMPLE("match", "Price: TBD.")
	UNIT_EXAMPLE("match", "Price: to be agreed later.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static void test_ruleset_test_examples(void **state)
{
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	char *path = NULL;
	size_t passed = 99, failed = 99;

	(void)state;
	assert_int_equal(unit_ruleset_try(&rs, example_pack, NULL, &path),
	                 CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed), CLINT_OK);
	assert_int_equal(passed, 1);
	assert_int_equal(failed, 1);
	assert_int_equal(clint_diag_count(d), 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, line_of(example_pack, "to be agreed later"));
	unit_assert_contains(e.message, "flag-tbd");
	unit_assert_contains(e.message, "expected to match");
	assert_int_equal(clint_ruleset_test(NULL, NULL, d, &passed, &failed),
	                 CLINT_EINVAL);
	clint_ruleset_free(rs);
	clint_diag_free(d);
	free(path);
}

/* Plain groups do not capture (CLINT_PATTERN_OPTIONS), except in a
 * pattern that refers to a group by number, which still compiles and
 * matches as written; a source wrong either way is still an error. */
static void test_groups_capture_only_when_referred_to(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("captures")
		UNIT_RULE("plain-groups", "flag", "warning", "")
		UNIT_PATTERN("\\b(shall|will) (pay|invoice)\\b")
		UNIT_EXAMPLE("match", "The Client shall pay.")
		UNIT_RULE_END
		UNIT_RULE("repeated-word", "flag", "warning", "")
		UNIT_PATTERN("\\b(\\w+) \\1\\b")
		UNIT_PATTERN("\\b(?:the)\\b(?(1)never|) (fees)")
		UNIT_EXAMPLE("match", "The the fees are due.")
		UNIT_EXAMPLE("no-match", "The fee is due.")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	static const char broken[] =
		UNIT_PACK_HEAD("broken")
		UNIT_RULE("unbalanced", "flag", "warning", "")
		UNIT_PATTERN("\\b(shall pay")
		UNIT_EXAMPLE("match", "shall pay")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	static const uint32_t captures[] = {0, 1, 1};
	clint_ruleset *rs = unit_ruleset(pack);
	clint_diag *d = NULL;
	size_t passed = 0, failed = 0, i;

	(void)state;
	assert_int_equal(rs->pattern_count, 3);
	for (i = 0; i < rs->pattern_count; i++) {
		uint32_t n = 99;

		assert_int_equal(pcre2_pattern_info(rs->all[i].p->code,
		                                    PCRE2_INFO_CAPTURECOUNT, &n),
		                 0);
		assert_int_equal(n, captures[i]);
	}
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed), CLINT_OK);
	assert_int_equal(passed, 3);
	assert_int_equal(failed, 0);
	clint_ruleset_free(rs);
	rs = NULL;
	assert_int_equal(unit_ruleset_try(&rs, broken, d, NULL), CLINT_EPACK);
	assert_null(rs);
	assert_true(unit_diag_find(d, "missing closing parenthesis") >= 0);
	clint_diag_free(d);
}

static void test_ruleset_test_valid_pack(void **state)
{
	clint_ruleset *rs = unit_ruleset(valid_pack);
	size_t passed = 0, failed = 99;

	(void)state;
	assert_int_equal(clint_ruleset_test(rs, NULL, NULL, &passed, &failed), CLINT_OK);
	assert_int_equal(passed, 3);
	assert_int_equal(failed, 0);
	clint_ruleset_free(rs);
}

/*
 * The built-in packs load without schema validation (it was a tenth of the
 * start-up): every embedded copy must therefore follow the schema.
 */
static void test_builtin_packs_follow_the_schema(void **state)
{
	xmlRelaxNGParserCtxtPtr pctx;
	xmlRelaxNGPtr schema;
	size_t i;

	(void)state;
	pctx = xmlRelaxNGNewMemParserCtxt((const char *)clint_embedded_schema.data,
	                                  (int)clint_embedded_schema.len);
	assert_non_null(pctx);
	schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	assert_non_null(schema);
	assert_true(clint_embedded_pack_count >= 4);
	for (i = 0; i < clint_embedded_pack_count; i++) {
		xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
		xmlDocPtr doc = xmlReadMemory((const char *)clint_embedded_packs[i].data,
		                              (int)clint_embedded_packs[i].len,
		                              clint_embedded_packs[i].name, NULL,
		                              XML_PARSE_NONET);

		assert_non_null(vctx);
		assert_non_null(doc);
		if (xmlRelaxNGValidateDoc(vctx, doc) != 0)
			fail_msg("built-in pack %s does not follow the schema",
			         clint_embedded_packs[i].name);
		xmlRelaxNGFreeValidCtxt(vctx);
		xmlFreeDoc(doc);
	}
	xmlRelaxNGFree(schema);
}

/* Rule ids are found in a hash table: every rule of a large pack by its
 * id, before and after settings drop rules and move the rest, and an id
 * no rule has not at all. */
static void test_rules_found_by_id(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_ruleset_options o;
	clint_rule_setting off[2];
	clint_ruleset *rs = NULL;
	const char *paths[1];
	char *path, id[32];
	size_t k, r;
	int pass;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, "<?xml version=\"1.0\"?>\n<pack "
	                                "name=\"many\" format=\"1\" version=\"1\">"
	                                "<title>Many</title>\n"), CLINT_OK);
	for (k = 0; k < 3000; k++) {
		char rule[512];

		snprintf(rule, sizeof(rule),
		         "<rule id=\"r%zu\" kind=\"flag\" severity=\"warning\" "
		         "category=\"scope\"><title>T</title><message>M.</message>"
		         "<rationale>R.</rationale><ref>x</ref><suggestion>S."
		         "</suggestion><pattern>zq%zuzq</pattern><example expect="
		         "\"match\">zq%zuzq</example></rule>\n", k, k, k);
		assert_int_equal(clint_buf_puts(&b, rule), CLINT_OK);
	}
	assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
	path = unit_temp_file(b.data, b.len);
	paths[0] = path;
	memset(off, 0, sizeof(off));
	off[0].action = off[1].action = CLINT_RULE_DISABLE;
	off[0].rule_id = "r0";
	off[1].rule_id = "r1500";
	for (pass = 0; pass < 2; pass++) {
		o = options_for(paths, 1);
		if (pass) {
			o.rule_settings = off;
			o.rule_setting_count = 2;
		}
		assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
		assert_int_equal(clint_ruleset_rule_count(rs), pass ? 2998 : 3000);
		for (k = 0; k < 3000; k++) {
			clint_rule_info ri;

			snprintf(id, sizeof(id), "r%zu", k);
			r = clint_ruleset_find(rs, id);
			if (pass && (k == 0 || k == 1500)) {
				assert_true(r == (size_t)-1);
				continue;
			}
			assert_true(r != (size_t)-1);
			assert_int_equal(clint_ruleset_rule(rs, r, &ri), CLINT_OK);
			assert_string_equal(ri.id, id);
		}
		assert_true(clint_ruleset_find(rs, "r3000") == (size_t)-1);
		assert_true(clint_ruleset_find(rs, "") == (size_t)-1);
		clint_ruleset_free(rs);
		rs = NULL;
	}
	unlink(path);
	free(path);
	clint_buf_free(&b);
}

/* 2^COLLIDING_BITS rule ids that FNV-1a (the hash the ids were once found
 * by, in a table of open addressing) leaves equal in its low 16 bits: "r"
 * and, for each bit of k, one of two 3-letter blocks that map the same
 * low 16 bits to the same low 16 bits (the low bits of the hash depend on
 * nothing above them). All fell in one slot of any table up to 65,536. */
#define COLLIDING_BITS 11

static void colliding_id(char blocks[][2][4], size_t k, char *id)
{
	int b;

	*id++ = 'r';
	for (b = 0; b < COLLIDING_BITS; b++, id += 3)
		memcpy(id, blocks[b][(k >> b) & 1], 3);
	*id = '\0';
}

static void colliding_blocks(char blocks[][2][4])
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint32_t state = (2166136261u ^ 'r') * 16777619u, h, *seen;
	unsigned c, i;
	int b;

	seen = malloc(65536 * sizeof(*seen));
	assert_non_null(seen);
	for (b = 0; b < COLLIDING_BITS; b++) {
		memset(seen, 0, 65536 * sizeof(*seen));
		for (c = 0; c < 36 * 36 * 36; c++) {
			char x[4] = {alpha[c % 36], alpha[c / 36 % 36], alpha[c / 1296],
			             '\0'};

			for (h = state, i = 0; i < 3; i++)
				h = (h ^ (unsigned char)x[i]) * 16777619u;
			h &= 0xffff;
			if (seen[h]) {
				i = seen[h] - 1;
				snprintf(blocks[b][0], 4, "%c%c%c", alpha[i % 36],
				         alpha[i / 36 % 36], alpha[i / 1296]);
				memcpy(blocks[b][1], x, 4);
				state = h;
				break;
			}
			seen[h] = c + 1;
		}
		assert_true(c < 36 * 36 * 36);
	}
	free(seen);
}

/* Rule ids made to collide in that hash are told apart as any others: a
 * duplicate is named at its first rule, every id is found, a rule setting
 * finds its rule. */
static void test_colliding_ids(void **state)
{
	static const size_t dups[] = {3, 2000};
	char blocks[COLLIDING_BITS][2][4], id[4 + 3 * COLLIDING_BITS], want[160];
	clint_buf b = CLINT_BUF_INIT;
	clint_ruleset_options o;
	clint_rule_setting off;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	const char *paths[1];
	char *path;
	size_t n = (size_t)1 << COLLIDING_BITS, k, j, found = 0;
	uint32_t h, low = 0;
	int pass;
	long i;

	(void)state;
	colliding_blocks(blocks);
	for (pass = 0; pass < 2; pass++) {
		clint_buf_free(&b);
		assert_int_equal(clint_buf_puts(&b, "<?xml version=\"1.0\"?>\n<pack "
		                                "name=\"collide\" format=\"1\" "
		                                "version=\"1\"><title>C</title>\n"),
		                 CLINT_OK);
		/* rule k on line 3 + k; with pass 0, dups[j] again on line
		 * 3 + n + j */
		for (k = 0; k < n + (pass ? 0 : 2); k++) {
			char rule[512];

			colliding_id(blocks, k < n ? k : dups[k - n], id);
			snprintf(rule, sizeof(rule),
			         "<rule id=\"%s\" kind=\"flag\" severity=\"warning\" "
			         "category=\"scope\"><title>T</title><message>M."
			         "</message><rationale>R.</rationale><ref>x</ref>"
			         "<suggestion>S.</suggestion><pattern>zq%zuzq</pattern>"
			         "<example expect=\"match\">zq%zuzq</example></rule>\n",
			         id, k, k);
			assert_int_equal(clint_buf_puts(&b, rule), CLINT_OK);
		}
		assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
		path = unit_temp_file(b.data, b.len);
		paths[0] = path;
		o = options_for(paths, 1);
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		if (pass == 0) {
			assert_int_equal(clint_ruleset_load(&rs, &o, d), CLINT_EPACK);
			for (k = 0; k < 2; k++) {
				colliding_id(blocks, dups[k], id);
				snprintf(want, sizeof(want),
				         "rule '%s' is already defined at %s:%zu", id, path,
				         3 + dups[k]);
				i = unit_diag_find(d, want);
				if (i < 0) {
					unit_diag_dump(d);
					fail_msg("no '%s'", want);
				}
				assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
				assert_int_equal(e.line, 3 + n + k);
			}
			for (k = 0; k < clint_diag_count(d); k++) {
				assert_int_equal(clint_diag_get(d, k, &e), CLINT_OK);
				found += strstr(e.message, "already defined") != NULL;
			}
			assert_int_equal(found, 2);
		} else {
			colliding_id(blocks, 1000, id);
			memset(&off, 0, sizeof(off));
			off.action = CLINT_RULE_DISABLE;
			off.rule_id = id;
			o.rule_settings = &off;
			o.rule_setting_count = 1;
			if (clint_ruleset_load(&rs, &o, d) != CLINT_OK) {
				unit_diag_dump(d);
				fail_msg("the pack does not load");
			}
			assert_int_equal(clint_ruleset_rule_count(rs), n - 1);
			for (k = 0; k < n; k++) {
				/* the same low 16 bits of the hash, a distinct id */
				colliding_id(blocks, k, id);
				for (h = 2166136261u, j = 0; id[j]; j++)
					h = (h ^ (unsigned char)id[j]) * 16777619u;
				if (k == 0)
					low = h & 0xffff;
				assert_int_equal(h & 0xffff, low);
				assert_true(clint_ruleset_find(rs, id) ==
				            (k == 1000 ? (size_t)-1 : k - (k > 1000)));
			}
			clint_ruleset_free(rs);
			rs = NULL;
		}
		clint_diag_free(d);
		unlink(path);
		free(path);
	}
	clint_buf_free(&b);
}

/* Each rule of a pack that lacks its <example> is a schema error: the
 * first CLINT_XML_MAX_SCHEMA_ERRORS are reported as libxml2 words them,
 * at their rules, then one error counts the rest (64,000 such rules were
 * 64,000 errors, each costing more the later it came: 208 s). */
static void test_schema_errors_capped(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;
	size_t k, schema = 0;
	long i;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, UNIT_PACK_HEAD("capped")), CLINT_OK);
	for (k = 0; k < 100; k++) {
		char rule[512];

		/* rule k on lines 4 + 8k to 11 + 8k */
		snprintf(rule, sizeof(rule),
		         UNIT_RULE("r%zu", "flag", "warning", "")
		         UNIT_PATTERN("zq%zuzq") UNIT_RULE_END, k, k, k, k, k, k, k);
		assert_int_equal(clint_buf_puts(&b, rule), CLINT_OK);
	}
	assert_int_equal(clint_buf_puts(&b, UNIT_PACK_TAIL), CLINT_OK);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(unit_ruleset_try(&rs, b.data, d, NULL), CLINT_EPACK);
	assert_null(rs);
	for (k = 0; k < clint_diag_count(d); k++) {
		assert_int_equal(clint_diag_get(d, k, &e), CLINT_OK);
		if (strstr(e.message, "Expecting an element , got nothing")) {
			assert_int_equal(e.line, 4 + 8 * schema);
			schema++;
		}
	}
	if (schema != CLINT_XML_MAX_SCHEMA_ERRORS)
		unit_diag_dump(d);
	assert_int_equal(schema, CLINT_XML_MAX_SCHEMA_ERRORS);
	i = unit_diag_find(d, "and 80 more schema errors, not shown");
	if (i < 0)
		unit_diag_dump(d);
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.line, 0);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	clint_diag_free(d);
	clint_buf_free(&b);
}

/* A rule past line 65,535 is named at its own line (libxml2 keeps 16
 * bits of a line in a node unless asked for more), and so is an example,
 * whatever comes first in them: a comment, an entity, a non-ASCII letter,
 * CDATA (each once moved the line the old correction read back from the
 * element's first text). */
static void test_lines_past_65535(void **state)
{
	static const char rule[] =
		"<rule id=\"r1\" kind=\"flag\" severity=\"warning\" "
		"category=\"scope\">\n  <title>T</title>\n  <message>M.</message>\n"
		"  <rationale>R.</rationale>\n  <ref>x</ref>\n  <suggestion>S."
		"</suggestion>\n  <pattern>zq1zq</pattern>\n  <example expect="
		"\"match\">zq1zq</example>\n</rule>\n";
	/* 13 lines; its example, on the 11th, fails */
	static const char odd[] =
		"<rule id=\"%s\" kind=\"flag\" severity=\"warning\" "
		"category=\"scope\"><!-- a\nnote -->\n  <title>T &amp;\n\xC3\xA9</title>"
		"\n  <message>M.</message>\n  <rationale>R.</rationale>\n  <ref>x</ref>"
		"\n  <suggestion>S.</suggestion>\n  <pattern><![CDATA[zq1zq\n]]>"
		"</pattern>\n  <example expect=\"match\"><!-- x\n-->&#10;qq</example>\n"
		"</rule>\n";
	static const struct {
		const char *id;
		unsigned first, line;
	} cases[] = {{"r2", 70013, 140026}, {"r1", 4, 140039}};
	clint_buf b = CLINT_BUF_INIT;
	clint_ruleset_options o;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	const char *paths[1];
	char *path, want[96], tmp[sizeof(odd) + 8];
	clint_diag_entry e;
	size_t k, n, passed = 0, failed = 0;
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	long i;

	(void)state;
	assert_int_equal(clint_buf_puts(&b, "<?xml version=\"1.0\"?>\n<pack "
	                                "name=\"long\" format=\"1\" version=\"1\">\n"
	                                "<title>Long</title>\n"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, rule), CLINT_OK); /* line 4 */
	for (k = 0; k < 70000; k++)
		assert_int_equal(clint_buf_putc(&b, '\n'), CLINT_OK);
	/* r2 at line 4 + 9 + 70,000 */
	snprintf(tmp, sizeof(tmp), odd, "r2");
	assert_int_equal(clint_buf_puts(&b, tmp), CLINT_OK);
	for (k = 0; k < 70000; k++)
		assert_int_equal(clint_buf_putc(&b, '\n'), CLINT_OK);
	/* r2 again at 70,013 + 13 + 70,000 */
	assert_int_equal(clint_buf_puts(&b, tmp), CLINT_OK);
	/* and r1 again at 140,026 + 13 */
	snprintf(tmp, sizeof(tmp), odd, "r1");
	assert_int_equal(clint_buf_puts(&b, tmp), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
	path = unit_temp_file(b.data, b.len);
	paths[0] = path;
	o = options_for(paths, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_true(clint_ruleset_load(&rs, &o, d) < 0);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		snprintf(want, sizeof(want), "rule '%s' is already defined at %s:%u",
		         cases[k].id, path, cases[k].first);
		i = unit_diag_find(d, want);
		if (i < 0) {
			unit_diag_dump(d);
			fail_msg("no '%s'", want);
		}
		assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
		assert_int_equal(e.line, cases[k].line);
	}
	clint_diag_free(d);
	/* the examples of a pack without the duplicates: r2's fails, on the
	 * rule's 11th line (70,023) */
	clint_buf_free(&b);
	assert_int_equal(clint_buf_puts(&b, "<?xml version=\"1.0\"?>\n<pack "
	                                "name=\"long\" format=\"1\" version=\"1\">\n"
	                                "<title>Long</title>\n"), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, rule), CLINT_OK);
	for (k = 0; k < 70000; k++)
		assert_int_equal(clint_buf_putc(&b, '\n'), CLINT_OK);
	snprintf(tmp, sizeof(tmp), odd, "r2");
	assert_int_equal(clint_buf_puts(&b, tmp), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "</pack>\n"), CLINT_OK);
	unlink(path);
	free(path);
	path = unit_temp_file(b.data, b.len);
	paths[0] = path;
	o = options_for(paths, 1);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	if (clint_ruleset_load(&rs, &o, d) != CLINT_OK) {
		unit_diag_dump(d);
		fail_msg("the pack does not load");
	}
	clint_ruleset_test(rs, &po, d, &passed, &failed);
	assert_int_equal(passed, 1);
	assert_int_equal(failed, 1);
	assert_true(clint_diag_count(d) >= 1);
	for (n = 0, k = 0; k < clint_diag_count(d); k++) {
		assert_int_equal(clint_diag_get(d, k, &e), CLINT_OK);
		if (strstr(e.message, "r2"))
			n += e.line == 70023;
	}
	if (n != 1) {
		unit_diag_dump(d);
		fail_msg("no error of r2's example at line 70023");
	}
	clint_ruleset_free(rs);
	clint_diag_free(d);
	unlink(path);
	free(path);
	clint_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_past_65535),
		cmocka_unit_test(test_rules_found_by_id),
		cmocka_unit_test(test_colliding_ids),
		cmocka_unit_test(test_schema_errors_capped),
		cmocka_unit_test(test_builtin_packs_follow_the_schema),
		cmocka_unit_test(test_valid_pack),
		cmocka_unit_test(test_all_problems_reported),
		cmocka_unit_test(test_semantic_rule_errors),
		cmocka_unit_test(test_thresholds_and_modifiers),
		cmocka_unit_test(test_lint_gaps),
		cmocka_unit_test(test_examples_stop_on_a_limit),
		cmocka_unit_test(test_lint_jit_stack_as_check),
		cmocka_unit_test(test_accessor_arguments),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_costly_xml_refused),
		cmocka_unit_test(test_namespaces_in_scope_bounded),
		cmocka_unit_test(test_pattern_cap),
		cmocka_unit_test(test_pattern_cap_counts_builtin),
		cmocka_unit_test(test_pattern_cap_stops_pack),
		cmocka_unit_test(test_rule_and_code_caps),
		cmocka_unit_test(test_binary_junk_refused),
		cmocka_unit_test(test_not_well_formed),
		cmocka_unit_test(test_missing_path),
		cmocka_unit_test(test_no_packs_at_all),
		cmocka_unit_test(test_directory_in_name_order),
		cmocka_unit_test(test_keep_valid_packs),
		cmocka_unit_test(test_default_packs),
		cmocka_unit_test(test_builtin_by_name_and_disabled),
		cmocka_unit_test(test_ruleset_test_examples),
		cmocka_unit_test(test_ruleset_test_valid_pack),
		cmocka_unit_test(test_packs_test_stops_anywhere),
		cmocka_unit_test(test_packs_lint_stops_anywhere),
		cmocka_unit_test(test_packs_time_limit_options),
		cmocka_unit_test(test_packs_test_real_stop),
		cmocka_unit_test(test_packs_lint_stops_inside_a_rule),
		cmocka_unit_test(test_groups_capture_only_when_referred_to),
		cmocka_unit_test(test_size_cap),
	};

	return cmocka_run_group_tests_name("pack", tests, NULL, NULL);
}
