/*
 * test_diff_bounds.c - the bounds of the revision diff on hostile pairs
 * of documents: many sections with the same body pair in order, the
 * similarity pass and the word diffs share one budget for the whole diff
 * (and say so when it is spent), and a revision with too many tokens is
 * refused naming the file. The timings these bounds buy are measured by
 * tests/hostile/growth.py (diff-equal-bodies, diff-bag-sizes), not here.
 */
#include "unit.h"

#include "diff/diff.h"

static const char pack_xml[] =
	UNIT_PACK_HEAD("boundtest")
	UNIT_RULE("b-then-current", "flag", "warning", "")
	UNIT_PATTERN("then-current rates")
	UNIT_EXAMPLE("match", "at the then-current rates")
	UNIT_EXAMPLE("no-match", "at the agreed rates")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* A growing text buffer for the generated documents. */
typedef struct {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL,
		              t->s ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (t->s && t->len + (size_t)n < t->cap)
			break;
		t->cap = (t->cap + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	t->len += (size_t)n;
}

/* A clause number with two levels (a number of more than three digits
 * does not start a section). */
static void number(text *t, size_t k)
{
	put(t, "%zu.%zu ", k / 99 + 1, k % 99 + 1);
}

static clint_diff *diff_of(const clint_ruleset *rs, const clint_doc *a,
                           const clint_doc *b,
                           const clint_diff_options *o, clint_diag *diag)
{
	clint_diff *d = NULL;

	assert_int_equal(clint_diff_new(&d, rs, a, b, o, diag), CLINT_OK);
	return d;
}

/* 300 sections with one body, against the same 300 and against 200 of
 * them: each pairs with its own counterpart, in order, none moved. */
static void test_equal_bodies_pair_in_order(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	text ta = {NULL, 0, 0}, tb = {NULL, 0, 0};
	clint_doc *a, *b;
	clint_diff *d;
	clint_diff_section s;
	size_t k, i, unchanged = 0, removed = 0;

	(void)state;
	for (k = 0; k < 300; k++) {
		number(&ta, k);
		put(&ta, "Item\n\nThe same text here.\n\n");
		if (k < 200) {
			number(&tb, k);
			put(&tb, "Item\n\nThe same text here.\n\n");
		}
	}
	a = unit_text(ta.s);
	b = unit_text(tb.s);
	assert_int_equal(clint_doc_section_count(a), 300);
	d = diff_of(rs, a, a, NULL, NULL);
	assert_int_equal(clint_diff_section_count(d), 300);
	for (i = 0; i < 300; i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
		assert_int_equal(s.old_section, i);
		assert_int_equal(s.new_section, i);
	}
	clint_diff_free(d);
	d = diff_of(rs, a, b, NULL, NULL);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		if (s.kind == CLINT_CHANGE_UNCHANGED) {
			assert_int_equal(s.old_section, s.new_section);
			unchanged++;
		} else {
			assert_int_equal(s.kind, CLINT_CHANGE_REMOVED);
			assert_true(s.old_section >= 200);
			removed++;
		}
	}
	assert_int_equal(unchanged, 200);
	assert_int_equal(removed, 100);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_ruleset_free(rs);
	free(ta.s);
	free(tb.s);
}

/* 600 sections a side, 100 words each, no word in common: 360,000 pairs
 * of equal size, each worth comparing by size, are more than the budget
 * of the similarity pass; the pass stops and says how many sections it
 * left. Two sections of 2,000 words against 600 of one word are ruled
 * out by their sizes, with no note. */
static void test_similarity_budget(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	text ta = {NULL, 0, 0}, tb = {NULL, 0, 0}, tc = {NULL, 0, 0};
	clint_diag *diag = NULL;
	clint_diag_entry e;
	clint_doc *a, *b, *c;
	clint_diff *d;
	size_t k, w;
	long i;

	(void)state;
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	for (k = 0; k < 600; k++) {
		number(&ta, k);
		number(&tb, k);
		put(&ta, "Old\n\n");
		put(&tb, "New\n\n");
		for (w = 0; w < 100; w++) {
			put(&ta, "o%zux%zu ", k, w);
			put(&tb, "n%zux%zu ", k, w);
		}
		put(&ta, "\n\n");
		put(&tb, "\n\n");
	}
	a = unit_text(ta.s);
	b = unit_text(tb.s);
	d = diff_of(rs, a, b, NULL, diag);
	i = unit_diag_find(diag, "the alignment hit its work bound comparing "
	                         "sections by their words");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(diag, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_NOTE);
	unit_assert_contains(e.message, "unmatched sections of the old revision "
	                                "were not compared");
	/* nothing paired: every section removed or added */
	assert_int_equal(clint_diff_section_count(d), 1200);
	clint_diff_free(d);

	put(&tc, "1. One\n\n");
	for (w = 0; w < 2000; w++)
		put(&tc, "alpha ");
	put(&tc, "\n\n2. Two\n\n");
	for (w = 0; w < 2000; w++)
		put(&tc, "alpha ");
	put(&tc, "\n");
	c = unit_text(tc.s);
	clint_diag_clear(diag);
	d = diff_of(rs, c, b, NULL, diag);
	assert_true(unit_diag_find(diag, "work bound") < 0);
	assert_int_equal(clint_diff_section_count(d), 602);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_doc_free(c);
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	free(ta.s);
	free(tb.s);
	free(tc.s);
}

/* 30 sections of 150 words whose case all changes: each word diff needs
 * 300 x 301 cells, under the bound of one section (100,000) but not, 30
 * times over, under the whole diff's (4 sections' plus 64 a token): the
 * first sections get word-level hunks, the last a coarse one, and the
 * note says why. */
static void test_word_diff_budget_of_the_whole_diff(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	text ta = {NULL, 0, 0}, tb = {NULL, 0, 0};
	clint_diff_options o = CLINT_DIFF_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *a, *b;
	clint_diff *d;
	clint_diff_section s;
	size_t k, w, n;

	(void)state;
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	for (k = 0; k < 30; k++) {
		number(&ta, k);
		number(&tb, k);
		put(&ta, "Part\n\n");
		put(&tb, "Part\n\n");
		for (w = 0; w < 150; w++) {
			put(&ta, "alpha ");
			put(&tb, "ALPHA ");
		}
		put(&ta, "\n\n");
		put(&tb, "\n\n");
	}
	a = unit_text(ta.s);
	b = unit_text(tb.s);
	o.max_word_work = 100000;
	d = diff_of(rs, a, b, &o, diag);
	n = clint_diff_section_count(d);
	assert_int_equal(n, 30);
	assert_int_equal(clint_diff_section_get(d, 0, &s), CLINT_OK);
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	assert_false(s.coarse);
	assert_int_equal(clint_diff_section_get(d, n - 1, &s), CLINT_OK);
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	assert_true(s.coarse);
	assert_int_equal(s.hunk_count, 1);
	assert_true(unit_diag_find(diag, "the whole diff's work is spent") >= 0);
	clint_diff_free(d);
	/* with the default bound, the same pair is diffed word by word */
	clint_diag_clear(diag);
	d = diff_of(rs, a, b, NULL, diag);
	for (k = 0; k < clint_diff_section_count(d); k++) {
		assert_int_equal(clint_diff_section_get(d, k, &s), CLINT_OK);
		assert_false(s.coarse);
	}
	assert_int_equal(clint_diag_count(diag), 0);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	free(ta.s);
	free(tb.s);
}

/* A revision of more than CLINT_DIFF_MAX_TOKENS tokens (commas are one a
 * byte) is refused, naming it; one of exactly that many is compared. */
static void test_too_many_tokens(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	size_t n = CLINT_DIFF_MAX_TOKENS;
	char *s = malloc(n + 2);
	clint_diag *diag = NULL;
	clint_diag_entry e;
	clint_doc *big, *small;
	clint_diff *d = NULL;
	long i;

	(void)state;
	assert_non_null(s);
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	memset(s, ',', n + 1);
	s[n + 1] = '\0';
	big = unit_doc_n("big.txt", s, n + 1, CLINT_INPUT_TEXT, NULL);
	small = unit_text("1. Fees\n\nThe Client shall pay.\n");
	assert_int_equal(clint_diff_new(&d, rs, small, big, NULL, diag),
	                 CLINT_ELIMIT);
	assert_null(d);
	i = unit_diag_find(diag, "too large to compare");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(diag, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, "big.txt");
	unit_assert_contains(e.message, "more than 4000000 words");
	clint_doc_free(big);
	big = unit_doc_n("big.txt", s, n, CLINT_INPUT_TEXT, NULL);
	assert_int_equal(clint_diff_new(&d, rs, big, small, NULL, NULL), CLINT_OK);
	clint_diff_free(d);
	clint_doc_free(big);
	clint_doc_free(small);
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_bodies_pair_in_order),
		cmocka_unit_test(test_similarity_budget),
		cmocka_unit_test(test_word_diff_budget_of_the_whole_diff),
		cmocka_unit_test(test_too_many_tokens),
	};

	return cmocka_run_group_tests_name("diff_bounds", tests, NULL, NULL);
}
