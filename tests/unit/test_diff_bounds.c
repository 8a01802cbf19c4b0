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

/* A test's ruleset and diagnostics, the texts of its two revisions,
 * their documents and the diff; teardown() frees them. */
typedef struct {
	clint_ruleset *rs;
	clint_diag *diag;
	text ta, tb;
	clint_doc *a, *b;
	clint_diff *d;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->rs = unit_ruleset(pack_xml);
	assert_int_equal(clint_diag_new(&f->diag), CLINT_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	clint_diff_free(f->d);
	clint_doc_free(f->a);
	clint_doc_free(f->b);
	clint_diag_free(f->diag);
	clint_ruleset_free(f->rs);
	free(f->ta.s);
	free(f->tb.s);
	free(f);
	return 0;
}

/* The documents of the two texts. */
static void load(fixture *f)
{
	f->a = unit_text(f->ta.s);
	f->b = unit_text(f->tb.s);
}

/* f->d: the diff of a and b (the one before is freed). */
static void diff(fixture *f, const clint_doc *a, const clint_doc *b,
                 const clint_diff_options *o)
{
	clint_diff_free(f->d);
	f->d = NULL;
	assert_int_equal(clint_diff_new(&f->d, f->rs, a, b, o, f->diag),
	                 CLINT_OK);
}

/* 300 sections with one body, against the same 300 and against 200 of
 * them: each pairs with its own counterpart, in order, none moved. */
static void test_equal_bodies_pair_in_order(void **state)
{
	fixture *f = *state;
	clint_diff_section s;
	size_t k, i, unchanged = 0, removed = 0;

	for (k = 0; k < 300; k++) {
		number(&f->ta, k);
		put(&f->ta, "Item\n\nThe same text here.\n\n");
		if (k < 200) {
			number(&f->tb, k);
			put(&f->tb, "Item\n\nThe same text here.\n\n");
		}
	}
	load(f);
	assert_int_equal(clint_doc_section_count(f->a), 300);
	diff(f, f->a, f->a, NULL);
	assert_int_equal(clint_diff_section_count(f->d), 300);
	for (i = 0; i < 300; i++) {
		assert_int_equal(clint_diff_section_get(f->d, i, &s), CLINT_OK);
		assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
		assert_int_equal(s.old_section, i);
		assert_int_equal(s.new_section, i);
	}
	diff(f, f->a, f->b, NULL);
	for (i = 0; i < clint_diff_section_count(f->d); i++) {
		assert_int_equal(clint_diff_section_get(f->d, i, &s), CLINT_OK);
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
}

/* An ordinary long revision: 400 clauses of 120 words, every quote made
 * curly. Every clause pairs with its own, modified and cosmetic only; a
 * work budget in the similarity pass once cut off the last 79 of such a
 * revision as removed and added. */
static void test_long_cosmetic_revision_pairs_every_clause(void **state)
{
	fixture *f = *state;
	clint_diff_section s;
	size_t k, w;

	for (k = 0; k < 400; k++) {
		number(&f->ta, k);
		number(&f->tb, k);
		put(&f->ta, "Clause\n\nThe \"Supplier\" shall ");
		put(&f->tb, "Clause\n\nThe \xE2\x80\x9CSupplier\xE2\x80\x9D shall ");
		for (w = 0; w < 115; w++) {
			/* words shared by all clauses, and some of their own */
			put(&f->ta, w % 3 ? "services%zu " : "c%zuw%zu ", w % 3 ? w : k, w);
			put(&f->tb, w % 3 ? "services%zu " : "c%zuw%zu ", w % 3 ? w : k, w);
		}
		put(&f->ta, "\n\n");
		put(&f->tb, "\n\n");
	}
	load(f);
	diff(f, f->a, f->b, NULL);
	assert_int_equal(clint_diff_section_count(f->d), 400);
	for (k = 0; k < 400; k++) {
		assert_int_equal(clint_diff_section_get(f->d, k, &s), CLINT_OK);
		assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
		assert_true(s.cosmetic);
		assert_int_equal(s.old_section, k);
		assert_int_equal(s.new_section, k);
	}
	assert_int_equal(clint_diag_count(f->diag), 0);
}

/* Pairs that the bag sizes alone do not rule out are still compared: a
 * section with the same heading needs a similarity of only 0.2 (here 0.4,
 * 10 words of 40), and one of at most 8 words with the same heading
 * pairs whatever the sizes (3 words of 100). Another number and no other
 * section keep pass 1 and the number bonus out of it. */
static void test_size_check_keeps_possible_pairs(void **state)
{
	fixture *f = *state;
	clint_diff_section s;
	size_t w, i;

	put(&f->ta, "1. Fees\n\n");
	put(&f->tb, "7. Fees\n\n");
	for (w = 0; w < 9; w++)
		put(&f->ta, "fee%zu ", w);
	for (w = 0; w < 39; w++)
		put(&f->tb, w < 9 ? "fee%zu " : "other%zu ", w);
	put(&f->ta, "\n\n2. Exit\n\nalpha beta\n");
	put(&f->tb, "\n\n8. Exit\n\n");
	for (w = 0; w < 99; w++)
		put(&f->tb, w < 2 ? (w ? "beta " : "alpha ") : "word%zu ", w);
	put(&f->tb, "\n");
	load(f);
	diff(f, f->a, f->b, NULL);
	assert_int_equal(clint_diff_section_count(f->d), 2);
	for (i = 0; i < 2; i++) {
		assert_int_equal(clint_diff_section_get(f->d, i, &s), CLINT_OK);
		assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
		assert_true(s.renumbered);
		assert_int_equal(s.old_section, s.new_section);
	}
	assert_int_equal(clint_diff_section_get(f->d, 0, &s), CLINT_OK);
	assert_true(s.similarity > 0.35 && s.similarity < 0.45);
}

/* Pass 1 pairs a section with its identical counterpart before pass 2
 * looks at similarity: here pass 2 alone would rather pair OLD 1 with NEW
 * 1 (same number and heading, 39 of 40 words) than with NEW 2 (the same
 * body under another number). */
static void test_equal_body_wins_over_similar(void **state)
{
	fixture *f = *state;
	clint_diff_section s;
	size_t w, i, found = 0;

	put(&f->ta, "1. Alpha\n\n");
	put(&f->tb, "1. Alpha\n\n");
	for (w = 0; w < 40; w++) {
		put(&f->ta, "w%zu ", w);
		put(&f->tb, w < 39 ? "w%zu " : "v%zu ", w);
	}
	put(&f->tb, "\n\n2. Alpha\n\n");
	for (w = 0; w < 40; w++)
		put(&f->tb, "w%zu ", w);
	put(&f->ta, "\n");
	put(&f->tb, "\n");
	load(f);
	diff(f, f->a, f->b, NULL);
	for (i = 0; i < clint_diff_section_count(f->d); i++) {
		assert_int_equal(clint_diff_section_get(f->d, i, &s), CLINT_OK);
		if (s.old_section == 0) {
			assert_int_equal(s.new_section, 1);
			assert_false(s.edited);
			assert_true(s.renumbered);
			found++;
		} else {
			assert_int_equal(s.kind, CLINT_CHANGE_ADDED);
			assert_int_equal(s.new_section, 0);
		}
	}
	assert_int_equal(found, 1);
}

/* 30 sections of 150 words whose case all changes: each word diff needs
 * 300 x 301 cells, under the bound of one section (100,000) but not, 30
 * times over, under the whole diff's (4 sections' plus 64 a token): the
 * first sections get word-level hunks, the last a coarse one, and the
 * note says why. */
static void test_word_diff_budget_of_the_whole_diff(void **state)
{
	fixture *f = *state;
	clint_diff_options o = CLINT_DIFF_OPTIONS_INIT;
	clint_diff_section s;
	size_t k, w, n;

	for (k = 0; k < 30; k++) {
		number(&f->ta, k);
		number(&f->tb, k);
		put(&f->ta, "Part\n\n");
		put(&f->tb, "Part\n\n");
		for (w = 0; w < 150; w++) {
			put(&f->ta, "alpha ");
			put(&f->tb, "ALPHA ");
		}
		put(&f->ta, "\n\n");
		put(&f->tb, "\n\n");
	}
	load(f);
	o.max_word_work = 100000;
	diff(f, f->a, f->b, &o);
	n = clint_diff_section_count(f->d);
	assert_int_equal(n, 30);
	assert_int_equal(clint_diff_section_get(f->d, 0, &s), CLINT_OK);
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	assert_false(s.coarse);
	assert_int_equal(clint_diff_section_get(f->d, n - 1, &s), CLINT_OK);
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	assert_true(s.coarse);
	assert_int_equal(s.hunk_count, 1);
	assert_true(unit_diag_find(f->diag, "the whole diff's work is spent") >= 0);
	/* with the default bound, the same pair is diffed word by word */
	clint_diag_clear(f->diag);
	diff(f, f->a, f->b, NULL);
	for (k = 0; k < clint_diff_section_count(f->d); k++) {
		assert_int_equal(clint_diff_section_get(f->d, k, &s), CLINT_OK);
		assert_false(s.coarse);
	}
	assert_int_equal(clint_diag_count(f->diag), 0);
}

/* A revision of more than CLINT_DIFF_MAX_TOKENS tokens (commas are one a
 * byte) is refused, naming it; one of exactly that many is compared. */
static void test_too_many_tokens(void **state)
{
	fixture *f = *state;
	size_t n = CLINT_DIFF_MAX_TOKENS;
	char *s = malloc(n + 2);
	clint_diag_entry e;
	long i;

	assert_non_null(s);
	memset(s, ',', n + 1);
	s[n + 1] = '\0';
	f->a = unit_text("1. Fees\n\nThe Client shall pay.\n");
	f->b = unit_doc_n("big.txt", s, n + 1, CLINT_INPUT_TEXT, NULL);
	assert_int_equal(clint_diff_new(&f->d, f->rs, f->a, f->b, NULL, f->diag),
	                 CLINT_ELIMIT);
	assert_null(f->d);
	i = unit_diag_find(f->diag, "too large to compare");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(f->diag, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, "big.txt");
	unit_assert_contains(e.message, "more than 4000000 words");
	clint_doc_free(f->b);
	f->b = unit_doc_n("big.txt", s, n, CLINT_INPUT_TEXT, NULL);
	diff(f, f->b, f->a, NULL);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_equal_bodies_pair_in_order, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(
			test_long_cosmetic_revision_pairs_every_clause, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_check_keeps_possible_pairs,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_equal_body_wins_over_similar,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_word_diff_budget_of_the_whole_diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_tokens, setup, teardown),
	};

	return cmocka_run_group_tests_name("diff_bounds", tests, NULL, NULL);
}
