/*
 * test_prefilter.c - the literal extractor (what every match of a pattern
 * must contain or start with, and how far from its start) and the
 * Aho-Corasick scan (every occurrence, case folded, Kelvin sign and long
 * s, positions), on patterns and texts written for the test.
 */
#include "unit.h"

#include "../../src/lib/prefilter.c"

static int has(const clint_pf_set *s, const char *lit)
{
	unsigned i;

	for (i = 0; i < s->n; i++)
		if (s->len[i] == strlen(lit) && memcmp(s->s[i], lit, s->len[i]) == 0)
			return 1;
	return 0;
}

static void test_literal_and_alternation(void **state)
{
	clint_pf_set needs, leads;

	(void)state;
	assert_int_equal(clint_pf_analyze("\\bliquidated damages\\b", &needs, &leads), 0);
	assert_true(needs.ok);
	assert_int_equal(needs.n, 1);
	assert_true(has(&needs, "liquidated damages"));
	assert_true(leads.ok);
	assert_int_equal(leads.dist, 0);

	/* optional parts multiply out; upper case folds */
	assert_int_equal(clint_pf_analyze("\\b(Service|performance) credits?\\b", &needs, &leads), 0);
	assert_true(leads.ok);
	assert_true(has(&leads, "service credit"));
	assert_true(has(&leads, "service credits"));
	assert_true(has(&leads, "performance credit"));
	assert_int_equal(leads.n, 4);
}

static void test_gap_gives_distance(void **state)
{
	clint_pf_set needs, leads;

	(void)state;
	/* a short first word ("to") is no filter: the literal after the gap is */
	assert_int_equal(clint_pf_analyze("\\bto\\b[^.\\n]{0,10}\\bpenalty\\b", &needs, &leads), 0);
	assert_true(needs.ok);
	assert_true(has(&needs, "penalty"));
	assert_true(leads.ok);
	/* "to" (2 letters, up to 3 bytes each caselessly) + 10 chars of 4 bytes */
	assert_int_equal(leads.dist, 6 + 40);

	/* an unbounded gap: still needed, but not at a known distance */
	assert_int_equal(clint_pf_analyze("\\bto\\b.*\\bpenalty\\b", &needs, &leads), 0);
	assert_true(needs.ok);
	assert_true(has(&needs, "penalty"));
	assert_false(leads.ok);
}

static void test_unsure_means_no_prefilter(void **state)
{
	clint_pf_set needs, leads;
	static const char *const unsure[] = {
		"(?i)abc(def)",        /* inline options */
		"(abc)\\1def",         /* backreference */
		"\\Qabc\\E",           /* quoting */
		"(*UTF)abcdef",        /* verbs */
		"abc{,3}def",          /* a brace that is not a quantifier */
		"\\bx(abc)?\\b",       /* may match without any literal */
		"[a-z]+in",            /* "in" is too short */
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(unsure); i++) {
		assert_int_equal(clint_pf_analyze(unsure[i], &needs, &leads), 0);
		assert_false(needs.ok);
		assert_false(leads.ok);
	}
	/* \G: literals still needed, but matches depend on the start offset */
	assert_int_equal(clint_pf_analyze("\\Gservices\\b", &needs, &leads), 0);
	assert_true(needs.ok);
	assert_false(leads.ok);
	/* \K moves the reported start, not the attempt's: "fee" still leads */
	assert_int_equal(clint_pf_analyze("\\bfees?\\b[^.]{0,20}?\\K\\d+ percent", &needs, &leads), 0);
	assert_true(needs.ok);
	assert_true(leads.ok);
	assert_true(has(&leads, "fee"));
	assert_int_equal(leads.dist, 0);
	/* lookarounds are zero width: the literal after them leads */
	assert_int_equal(clint_pf_analyze("(?<!not )\\bfrom time to time\\b(?! in force)", &needs, &leads), 0);
	assert_true(leads.ok);
	assert_true(has(&leads, "from time to time"));
	assert_int_equal(leads.n, 1);
}

static void test_scan(void **state)
{
	static const char *const src[] = {
		"\\bnet (30|sixty)\\b", "\\bmarked\\b", "\\bon\\b", "x[^y]*zzz",
	};
	static const char text[] = "NET 30 then net sixty, re-marked: \xE2\x84\xAA";
	clint_prefilter *pf = NULL;
	clint_pf_scan scan;
	size_t dist;

	(void)state;
	assert_int_equal(clint_prefilter_build(&pf, src, ARRAY_LEN(src)), 0);
	assert_int_equal(clint_prefilter_filtered(pf), 3); /* "on" is too short */
	assert_int_equal(clint_prefilter_scan(pf, text, 34, &scan), 0);
	assert_true(clint_pf_may_match(pf, &scan, 0));
	assert_true(clint_pf_may_match(pf, &scan, 1));
	assert_true(clint_pf_may_match(pf, &scan, 2));  /* no prefilter */
	assert_false(clint_pf_may_match(pf, &scan, 3)); /* no "zzz" */
	assert_true(clint_pf_positional(pf, &scan, 0));
	assert_int_equal(clint_pf_next(pf, &scan, 0, 0, &dist), 0);
	assert_int_equal(dist, 0);
	assert_int_equal(clint_pf_next(pf, &scan, 0, 1, &dist), 12);
	assert_int_equal(clint_pf_next(pf, &scan, 0, 13, &dist), (size_t)-1);
	assert_int_equal(clint_pf_next(pf, &scan, 1, 0, &dist), 26);
	/* needed literals' starts: of leads and of the other literals */
	assert_true(clint_pf_need_positional(pf, &scan, 0));
	assert_true(clint_pf_need_positional(pf, &scan, 3));
	assert_false(clint_pf_need_positional(pf, &scan, 2)); /* none */
	assert_int_equal(clint_pf_next_need(pf, &scan, 0, 1), 12);
	assert_int_equal(clint_pf_next_need(pf, &scan, 3, 0), (size_t)-1);
	clint_pf_scan_free(&scan);
	{
		static const char *const g[] = {"[a-z]+ days notice"};
		clint_prefilter *pg = NULL;

		assert_int_equal(clint_prefilter_build(&pg, g, 1), 0);
		assert_false(clint_prefilter_positional_slot(pg, 0));
		assert_int_equal(clint_prefilter_scan(pg, "ten DAYS NOTICE, two days notice", 32,
		                                      &scan), 0);
		assert_true(clint_pf_need_positional(pg, &scan, 0));
		assert_int_equal(clint_pf_next_need(pg, &scan, 0, 0), 3);
		assert_int_equal(clint_pf_next_need(pg, &scan, 0, 4), 20);
		assert_int_equal(clint_pf_next_need(pg, &scan, 0, 21), (size_t)-1);
		clint_pf_scan_free(&scan);
		clint_prefilter_free(pg);
	}

	/* KELVIN SIGN folds to k; positions are then not used */
	{
		static const char *const k[] = {"\\bkelvin\\b"};
		clint_prefilter *pk = NULL;

		assert_int_equal(clint_prefilter_build(&pk, k, 1), 0);
		assert_int_equal(clint_prefilter_scan(pk, "\xE2\x84\xAA" "elvin", 8, &scan), 0);
		assert_true(clint_pf_may_match(pk, &scan, 0));
		assert_false(clint_pf_positional(pk, &scan, 0));
		assert_false(clint_pf_need_positional(pk, &scan, 0));
		clint_pf_scan_free(&scan);
		assert_int_equal(clint_prefilter_scan(pk, "celsius", 7, &scan), 0);
		assert_false(clint_pf_may_match(pk, &scan, 0));
		clint_pf_scan_free(&scan);
		clint_prefilter_free(pk);
	}
	clint_prefilter_free(pf);
}

/* Needed literals other than the leads, at a bounded distance from the
 * start, are a second filter; not when they are the leads or too far. */
static void test_need_dist(void **state)
{
	static const char *const src[] = {
		"\\b(the|this) (\\w{1,8} ){0,3}penalt(y|ies)\\b",
		"\\bliquidated damages\\b",
		"\\bto\\b[^.\\n]{0,10}\\bpenalty\\b",
		"\\b(the|this) .*\\bpenalty\\b",
	};
	static const char text[] = "the a penalty, to the penalty";
	clint_prefilter *pf = NULL;
	clint_pf_scan scan;

	(void)state;
	assert_int_equal(clint_prefilter_build(&pf, src, ARRAY_LEN(src)), 0);
	assert_int_equal(clint_prefilter_scan(pf, text, strlen(text), &scan), 0);
	/* "the "/"this " lead; "penalt" starts at most 4 * 3 + 1 (a letter
	 * is up to 3 bytes caselessly) + 3 * (8 * 4 + 1) bytes after the start */
	assert_int_equal(clint_pf_need_dist(pf, &scan, 0), 13 + 3 * 33);
	assert_int_equal(clint_pf_next_need(pf, &scan, 0, 0), 6);
	assert_int_equal(clint_pf_next_need(pf, &scan, 0, 7), 22);
	/* the needed literal is the lead */
	assert_int_equal(clint_pf_need_dist(pf, &scan, 1), (size_t)-1);
	/* leads taken from the needed literal itself */
	assert_int_equal(clint_pf_need_dist(pf, &scan, 2), (size_t)-1);
	/* an unbounded gap */
	assert_int_equal(clint_pf_need_dist(pf, &scan, 3), (size_t)-1);
	clint_pf_scan_free(&scan);
	/* KELVIN SIGN: no positions, no second filter */
	assert_int_equal(clint_prefilter_scan(pf, "the \xE2\x84\xAA penalty", 16,
	                                      &scan), 0);
	assert_int_equal(clint_pf_need_dist(pf, &scan, 0), (size_t)-1);
	clint_pf_scan_free(&scan);
	clint_prefilter_free(pf);
}

/* Every start of `lit` in text[0..len), caselessly, by brute force. */
static size_t naive_starts(const char *text, size_t len, const char *lit,
                           uint32_t *out, size_t max)
{
	size_t i, j, n = 0, l = strlen(lit);

	for (i = 0; i + l <= len; i++) {
		for (j = 0; j < l; j++)
			if (lower(text[i + j]) != lit[j])
				break;
		if (j == l && n < max)
			out[n++] = (uint32_t)i;
	}
	return n;
}

/* A long text is scanned as two halves at once: every literal, ending
 * anywhere (around the middle too), is found once and in order; a
 * KELVIN SIGN in either half, or just before the middle, turns positions
 * off. */
static void test_scan_halves(void **state)
{
	static const char *const src[] = {
		"\\bfee\\b", "\\bpayable\\b", "\\bservice credits\\b",
		"\\bnotice period\\b",
	};
	static const char *const lits[] = {
		"fee", "payable", "service credits", "notice period",
	};
	static const char *const words[] = {
		"Fee ", "payable ", "SERVICE ", "credits ", "x ", "notice ",
		"period ", "service credits ", "feeder ", "notice period ",
	};
	char text[9000];
	uint32_t want[2048];
	clint_prefilter *pf = NULL;
	clint_pf_scan scan;
	size_t i, len, shift, n, l;

	(void)state;
	assert_int_equal(clint_prefilter_build(&pf, src, ARRAY_LEN(src)), 0);
	for (shift = 0; shift < 24; shift++) {
		for (i = 0, len = shift; len + 20 < sizeof(text); i++) {
			const char *w = words[(i * 7 + i / 5) % ARRAY_LEN(words)];
			memcpy(text + len, w, strlen(w));
			len += strlen(w);
		}
		memset(text, 'x', shift);
		assert_true(len >= SPLIT_MIN);
		assert_int_equal(clint_prefilter_scan(pf, text, len, &scan), 0);
		assert_true(scan.positional);
		for (l = 0; l < ARRAY_LEN(lits); l++) {
			uint32_t id = pf->ids[pf->need_off[l]];

			n = naive_starts(text, len, lits[l], want, ARRAY_LEN(want));
			assert_true(n > 10);
			assert_int_equal(scan.off[id + 1] - scan.off[id], n);
			assert_memory_equal(scan.pos + scan.off[id], want,
			                    n * sizeof(uint32_t));
		}
		clint_pf_scan_free(&scan);
	}
	/* a KELVIN SIGN early, late, or in the second half's lead-in */
	for (i = 0; i < 3; i++) {
		size_t at = i == 0 ? 10 : i == 1 ? len - 8 : len / 2 - 5;

		memcpy(text + at, "\xE2\x84\xAA", 3);
		assert_int_equal(clint_prefilter_scan(pf, text, len, &scan), 0);
		assert_false(scan.positional);
		assert_false(scan.need_positional);
		clint_pf_scan_free(&scan);
		memcpy(text + at, "xxx", 3);
	}
	clint_prefilter_free(pf);
}

/* The first start >= from of any of a slot's literals, by brute force. */
static size_t brute_next(const clint_prefilter *pf, const clint_pf_scan *scan,
                         size_t off, size_t n, size_t from)
{
	size_t best = (size_t)-1, k;

	for (k = 0; k < n; k++) {
		size_t h = next_hit(scan, pf->ids[off + k], from);
		if (h < best)
			best = h;
	}
	return best;
}

/* The merged lists a slot gets after LIST_AFTER queries answer as the
 * literals searched one by one, forwards, backwards and over budget. */
static void test_merged_lists(void **state)
{
	static const char *const src[] = {
		"\\b(fees?|charges?|costs?|rates?)\\b[^.]{0,40}\\bpayable\\b",
	};
	char text[4096];
	clint_prefilter *pf = NULL;
	clint_pf_scan scan;
	size_t i, len, dist, round;
	static const char *const words[] = {"fee ", "charges ", "cost ", "x ",
	                                    "rate ", "payable ", "fees "};

	(void)state;
	for (i = 0, len = 0; len + 16 < sizeof(text); i++) {
		const char *w = words[(i * 7 + i / 3) % ARRAY_LEN(words)];
		memcpy(text + len, w, strlen(w));
		len += strlen(w);
	}
	assert_int_equal(clint_prefilter_build(&pf, src, 1), 0);
	for (round = 0; round < 2; round++) {
		assert_int_equal(clint_prefilter_scan(pf, text, len, &scan), 0);
		if (round == 1)
			scan.list_budget = 0;  /* too big: searched per literal */
		for (i = 0; i <= len + 1; i++) {
			assert_int_equal(clint_pf_next(pf, &scan, 0, i, &dist),
			                 brute_next(pf, &scan, pf->lead_off[0],
			                            pf->lead_n[0], i));
			assert_int_equal(clint_pf_next_need(pf, &scan, 0, i),
			                 brute_next(pf, &scan, pf->need_off[0],
			                            pf->need_n[0], i));
		}
		for (i = len + 1; i > 0; i -= i > 7 ? 7 : i)
			assert_int_equal(clint_pf_next(pf, &scan, 0, i, &dist),
			                 brute_next(pf, &scan, pf->lead_off[0],
			                            pf->lead_n[0], i));
		assert_int_equal(scan.lists[0].state, round ? LIST_NO : LIST_MADE);
		clint_pf_scan_free(&scan);
	}
	clint_prefilter_free(pf);
}

/* The shipped packs: nearly every pattern gets a prefilter. */
static void test_shipped_packs(void **state)
{
	clint_ruleset *rs = NULL;
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_pattern_info pi;
	size_t i, n, filtered = 0;

	(void)state;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
	n = clint_ruleset_pattern_count(rs);
	assert_true(n > 100);
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_ruleset_pattern(rs, i, &pi), CLINT_OK);
		assert_non_null(pi.source);
		filtered += (size_t)pi.prefiltered;
	}
	assert_true(filtered * 10 >= n * 8);
	assert_int_equal(clint_ruleset_pattern(rs, n, &pi), CLINT_EINVAL);
	clint_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_alternation),
		cmocka_unit_test(test_gap_gives_distance),
		cmocka_unit_test(test_unsure_means_no_prefilter),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_need_dist),
		cmocka_unit_test(test_merged_lists),
		cmocka_unit_test(test_scan_halves),
		cmocka_unit_test(test_shipped_packs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
