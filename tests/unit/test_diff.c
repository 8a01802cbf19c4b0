/*
 * test_diff.c - the revision diff: cosmetic classification, the bounded
 * word diff, section alignment (unchanged, modified, added, removed,
 * moved, renumbered), the risk diff (findings by fingerprint, clauses
 * gone with their OLD section), value changes with the party they favour,
 * the five renderers and the API's argument checks.
 */
#include "unit.h"

#include <math.h>

#include "diff/diff.h"
#include "diff/render.h"
#include "fakeclock.h"
#include "unitzip.h"
#include "ruleset.h"

/* ---- fixtures ------------------------------------------------------------ */

static const char pack_xml[] =
	UNIT_PACK_HEAD("difftest")
	UNIT_RULE("t-then-current", "flag", "warning", "")
	UNIT_PATTERN("then-current rates")
	UNIT_EXAMPLE("match", "at the then-current rates")
	UNIT_EXAMPLE("no-match", "at the agreed rates")
	UNIT_RULE_END
	UNIT_RULE("t-penalty", "require", "error", "")
	UNIT_PATTERN("service credits?")
	UNIT_EXAMPLE("match", "The Supplier shall pay service credits.")
	UNIT_EXAMPLE("no-match", "The Supplier shall do its best.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static const char old_text[] =
	"Services Agreement\n"
	"\n"
	"1. Scope\n"
	"\n"
	"1.1 The Supplier shall provide the hosting services described in "
	"Schedule 1 to the Client.\n"
	"\n"
	"1.2 The Supplier shall keep a service desk open on Business Days "
	"from 08:00 to 18:00.\n"
	"\n"
	"2. Charges\n"
	"\n"
	"2.1 The Client shall pay the Charges at the then-current rates.\n"
	"\n"
	"2.2 The Client shall pay each invoice within thirty (30) days of "
	"receipt.\n"
	"\n"
	"2.3 Travel costs are included in the Charges and are not billed "
	"separately.\n"
	"\n"
	"3. Service Levels\n"
	"\n"
	"3.1 If the Supplier misses a service level it shall pay service "
	"credits of 5% of the monthly Charges.\n"
	"\n"
	"3.2 The Supplier shall report monthly on every service level and "
	"every incident.\n"
	"\n"
	"4. Termination\n"
	"\n"
	"4.1 The Client may terminate this Agreement on ninety (90) days' "
	"written notice.\n"
	"\n"
	"4.2 Either party may terminate this Agreement for material breach "
	"that is not remedied.\n";

/* 1.2 moved to 3.3; 2.1 modified (risk resolved); 2.3 removed and 2.x
 * renumbered; 3.1 removed (clause gone); 4.1 value change; 4.3 added;
 * 2.2 cosmetic only ("thirty (30)" -> "30") */
static const char new_text[] =
	"Services Agreement\n"
	"\n"
	"1. Scope\n"
	"\n"
	"1.1 The Supplier shall provide the hosting services described in "
	"Schedule 1 to the Client.\n"
	"\n"
	"2. Charges\n"
	"\n"
	"2.1 The Client shall pay the Charges at the rates in Schedule 2.\n"
	"\n"
	"2.2 The Client shall pay each invoice within 30 days of receipt.\n"
	"\n"
	"3. Service Levels\n"
	"\n"
	"3.2 The Supplier shall report monthly on every service level and "
	"every incident.\n"
	"\n"
	"3.3 The Supplier shall keep a service desk open on Business Days "
	"from 08:00 to 18:00.\n"
	"\n"
	"4. Termination\n"
	"\n"
	"4.1 The Client may terminate this Agreement on thirty (30) days' "
	"written notice.\n"
	"\n"
	"4.2 Either party may terminate this Agreement for material breach "
	"that is not remedied.\n"
	"\n"
	"4.3 On termination the Supplier shall return all Client Data within "
	"ten (10) Business Days.\n";

typedef struct {
	clint_ruleset *rs;
	clint_doc *old_doc, *new_doc;
	clint_diff *d;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->rs = unit_ruleset(pack_xml);
	f->old_doc = unit_text(old_text);
	f->new_doc = unit_text(new_text);
	assert_int_equal(clint_diff_new(&f->d, f->rs, f->old_doc, f->new_doc,
	                                NULL, NULL),
	                 CLINT_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	clint_diff_free(f->d);
	clint_doc_free(f->old_doc);
	clint_doc_free(f->new_doc);
	clint_ruleset_free(f->rs);
	free(f);
	return 0;
}

/* The alignment entry whose OLD (old=1) or NEW label is `label`. */
static clint_diff_section find_section(const clint_diff *d, int old,
                                       const char *label)
{
	clint_diff_section s;
	size_t i;

	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		if (strcmp(clint_diff_label(d, old,
		                            old ? s.old_section : s.new_section,
		                            old ? s.old_start : s.new_start),
		           label) == 0 &&
		    (old ? s.kind != CLINT_CHANGE_ADDED
		         : s.kind != CLINT_CHANGE_REMOVED))
			return s;
	}
	fail_msg("no section '%s' on the %s side", label, old ? "OLD" : "NEW");
	return s;
}

/* ---- classify.c ------------------------------------------------------------ */

static int cosm(const char *a, const char *b)
{
	return clint_cosmetic_equal(a, strlen(a), b, strlen(b));
}

static void test_cosmetic(void **state)
{
	(void)state;
	assert_true(cosm("$1,000", "$1000"));
	assert_true(cosm("thirty (30) days", "30 days"));
	assert_true(cosm("one hundred and twenty (120) days", "120 days"));
	assert_true(cosm("the Supplier's rates", "the Supplier\xe2\x80\x99s rates"));
	assert_true(cosm("Entire Agreement", "entire  agreement"));
	assert_true(cosm("\"Charges\" means", "\xe2\x80\x9c" "Charges"
	                "\xe2\x80\x9d means"));
	assert_true(cosm("", ""));
	assert_false(cosm("30 days", "60 days"));
	assert_false(cosm("$1000", "1000"));        /* the currency matters */
	assert_false(cosm("10%", "10"));            /* so does the percent */
	assert_false(cosm("99.5", "995"));          /* and the decimal point */
	assert_false(cosm("sixty (30) days", "30 days")); /* words disagree */
	assert_false(cosm("shall", "may"));
	assert_false(cosm("not", ""));
	/* a character that shows nothing inside a word changes nothing a
	 * reader sees; an override around "01" shows "10" */
	assert_true(cosm("additional fees", "addi\xe2\x80\x8btional fe\xc2\xad" "es"));
	assert_true(cosm("pen\xf3\xa0\x81\x81" "alty", "penalty"));
	assert_false(cosm("within 01 days", "within \xe2\x80\xae" "01\xe2\x80\xac days"));
	assert_false(cosm("Alder Ltd", "\xe2\x81\xa7" "Alder Ltd\xe2\x81\xa9"));
	assert_false(cosm("days 10, 20 after", "days \xe2\x80\x8f" "10, 20\xe2\x80\x8f after"));
}

/* Other currencies, scale words restated in digits, non-ASCII letters
 * and punctuation, decimal marks. */
static void test_cosmetic_more(void **state)
{
	(void)state;
	assert_true(cosm("\xe2\x82\xac" "1,000", "\xe2\x82\xac" "1000"));
	assert_true(cosm("\xc2\xa3" "5 fee", "\xc2\xa3" "5  fee"));
	assert_true(cosm("two thousand (2,000) units", "2,000 units"));
	assert_true(cosm("three million (3,000,000) units", "3,000,000 units"));
	/* a dash is punctuation, an accented letter is a letter */
	assert_true(cosm("fees\xe2\x80\x94monthly", "fees - monthly"));
	assert_false(cosm("caf\xc3\xa9 terms", "cafe terms"));
	/* the multiplication sign is a word of its own */
	assert_false(cosm("2\xc3\x97" "3 grid", "2 x 3 grid"));
	assert_true(cosm("ten (10)", "10"));
	assert_true(cosm("fees.", "fees"));
	/* dropping the restated number drops a number */
	assert_false(cosm("twelve (12) months", "twelve months"));
	assert_false(cosm("1.5 days", "1,5 days"));
	assert_false(cosm("100.00", "100"));
}

/* ---- words.c ------------------------------------------------------------------ */

/* Tokens whose hashes are the letters of s (one token per character). */
static clint_dtoken *toks(const char *s, size_t *n)
{
	size_t i, len = strlen(s);
	clint_dtoken *t = calloc(len + 1, sizeof(*t));

	assert_non_null(t);
	for (i = 0; i < len; i++) {
		t[i].start = i;
		t[i].end = i + 1;
		t[i].hash = (uint32_t)(unsigned char)s[i];
		t[i].fold = t[i].hash;
		t[i].word = 1;
	}
	*n = len;
	return t;
}

/* The diff of a and b as "=abc -x +y" runs. */
static void word_diff_str(const char *a, const char *b, size_t work,
                          char *out, size_t max, int *coarse)
{
	size_t na, nb, nops, i, k, len = 0;
	clint_dtoken *ta = toks(a, &na), *tb = toks(b, &nb);
	clint_dop *ops = NULL;
	size_t spent;

	assert_int_equal(clint_word_diff(ta, na, tb, nb, work, &ops, &nops,
	                                 coarse, &spent),
	                 CLINT_OK);
	out[0] = '\0';
	for (i = 0; i < nops; i++) {
		if (ops[i].op == 0) {
			len += (size_t)snprintf(out + len, max - len, "%s=", len ? " " : "");
			for (k = 0; k < ops[i].na; k++)
				len += (size_t)snprintf(out + len, max - len, "%c", a[ops[i].a + k]);
		} else {
			len += (size_t)snprintf(out + len, max - len, "%s-", len ? " " : "");
			for (k = 0; k < ops[i].na; k++)
				len += (size_t)snprintf(out + len, max - len, "%c", a[ops[i].a + k]);
			len += (size_t)snprintf(out + len, max - len, "+");
			for (k = 0; k < ops[i].nb; k++)
				len += (size_t)snprintf(out + len, max - len, "%c", b[ops[i].b + k]);
		}
	}
	free(ops);
	free(ta);
	free(tb);
}

static void test_word_diff(void **state)
{
	char out[256];
	int coarse;

	(void)state;
	word_diff_str("abcdef", "abcdef", 1000, out, sizeof(out), &coarse);
	assert_string_equal(out, "=abcdef");
	word_diff_str("abcdef", "abXdef", 1000, out, sizeof(out), &coarse);
	assert_string_equal(out, "=ab -c+X =def");
	assert_false(coarse);
	word_diff_str("abcdef", "acdxef", 1000, out, sizeof(out), &coarse);
	assert_string_equal(out, "=a -b+ =cd -+x =ef");
	word_diff_str("", "abc", 1000, out, sizeof(out), &coarse);
	assert_string_equal(out, "-+abc");
	word_diff_str("abc", "", 1000, out, sizeof(out), &coarse);
	assert_string_equal(out, "-abc+");
	/* over the bound: prefix and suffix kept, the middle one change */
	word_diff_str("aXbXcXdXez", "aYbYcYdYez", 4, out, sizeof(out), &coarse);
	assert_true(coarse);
	assert_string_equal(out, "=a -XbXcXdX+YbYcYdY =ez");
}

/* Two token runs that share nothing: without the bound this is the
 * quadratic worst case; with it the diff is coarse and quick. */
static void test_word_diff_pathological(void **state)
{
	size_t n = 200000, i, nops = 0, spent = 0;
	clint_dtoken *ta = calloc(n, sizeof(*ta)), *tb = calloc(n, sizeof(*tb));
	clint_dop *ops = NULL;
	int coarse = 0;

	(void)state;
	assert_non_null(ta);
	assert_non_null(tb);
	for (i = 0; i < n; i++) {
		ta[i].hash = (uint32_t)(2 * i + 1);
		tb[i].hash = (uint32_t)(2 * i + 2);
		ta[i].start = tb[i].start = i;
		ta[i].end = tb[i].end = i + 1;
	}
	assert_int_equal(clint_word_diff(ta, n, tb, n, CLINT_DIFF_DEFAULT_WORK,
	                                 &ops, &nops, &coarse, &spent),
	                 CLINT_OK);
	assert_true(coarse);
	/* the work reported is within the bound, plus a pass over the tokens */
	assert_true(spent > 2 * n && spent <= 2 * CLINT_DIFF_DEFAULT_WORK + 2 * n);
	assert_int_equal(nops, 1);
	assert_int_equal(ops[0].na, n);
	assert_int_equal(ops[0].nb, n);
	free(ops);
	free(ta);
	free(tb);
}

/* ---- align.c ------------------------------------------------------------------ */

static void test_alignment(void **state)
{
	fixture *f = *state;
	clint_diff_section s;

	s = find_section(f->d, 1, "§ 1.1 (Scope)");
	assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
	assert_false(s.renumbered);

	s = find_section(f->d, 1, "§ 1.2 (Scope)");
	assert_int_equal(s.kind, CLINT_CHANGE_MOVED);
	assert_true(s.renumbered);
	assert_false(s.edited);
	assert_string_equal(clint_diff_label(f->d, 0, s.new_section, s.new_start),
	                    "§ 3.3 (Service Levels)");

	s = find_section(f->d, 1, "§ 2.1 (Charges)");
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	assert_false(s.cosmetic);
	assert_int_equal(s.hunk_count, 1);

	s = find_section(f->d, 1, "§ 2.2 (Charges)");
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	assert_true(s.cosmetic);

	s = find_section(f->d, 1, "§ 2.3 (Charges)");
	assert_int_equal(s.kind, CLINT_CHANGE_REMOVED);
	s = find_section(f->d, 1, "§ 3.1 (Service Levels)");
	assert_int_equal(s.kind, CLINT_CHANGE_REMOVED);
	s = find_section(f->d, 0, "§ 4.3 (Termination)");
	assert_int_equal(s.kind, CLINT_CHANGE_ADDED);
	s = find_section(f->d, 1, "§ 4.1 (Termination)");
	assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
	s = find_section(f->d, 1, "§ 4.2 (Termination)");
	assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
}

static void test_hunk_text(void **state)
{
	fixture *f = *state;
	const char *ta = clint_doc_text(f->old_doc, NULL);
	const char *tb = clint_doc_text(f->new_doc, NULL);
	clint_diff_section s;
	clint_diff_hunk h;
	size_t i;

	for (i = 0; i < clint_diff_section_count(f->d); i++) {
		assert_int_equal(clint_diff_section_get(f->d, i, &s), CLINT_OK);
		if (s.old_section == CLINT_NO_SECTION ||
		    strcmp(clint_diff_label(f->d, 1, s.old_section, s.old_start),
		           "§ 2.1 (Charges)") != 0)
			continue;
		assert_int_equal(clint_diff_hunk_get(f->d, i, 0, &h), CLINT_OK);
		assert_false(h.cosmetic);
		/* a change one word from the next reads as one change */
		assert_int_equal(h.old_end - h.old_start,
		                 strlen("then-current rates"));
		assert_memory_equal(ta + h.old_start, "then-current rates",
		                    strlen("then-current rates"));
		assert_int_equal(h.new_end - h.new_start,
		                 strlen("rates in Schedule 2"));
		assert_memory_equal(tb + h.new_start, "rates in Schedule 2",
		                    strlen("rates in Schedule 2"));
		assert_int_equal(clint_diff_hunk_get(f->d, i, 1, &h), CLINT_EINVAL);
		return;
	}
	fail_msg("§ 2.1 not aligned");
}

/* ---- risk.c ------------------------------------------------------------------- */

static void test_risks(void **state)
{
	fixture *f = *state;
	clint_diff_risk r;
	clint_diff_clause c;

	assert_int_equal(clint_diff_risk_count(f->d), 1);
	assert_int_equal(clint_diff_risk_get(f->d, 0, &r), CLINT_OK);
	assert_int_equal(r.change, CLINT_RISK_RESOLVED);
	assert_false(r.in_new);
	assert_string_equal(r.finding.rule_id, "t-then-current");
	assert_int_equal(strlen(r.fingerprint), 16);

	assert_int_equal(clint_diff_clause_count(f->d), 1);
	assert_int_equal(clint_diff_clause_get(f->d, 0, &c), CLINT_OK);
	assert_int_equal(c.change, CLINT_RISK_INTRODUCED);
	assert_string_equal(c.finding.rule_id, "t-penalty");
	assert_string_equal(c.old_section, "§ 3.1 (Service Levels)");
	assert_string_equal(c.new_section, "");
	/* the clause gone is an error: --fail-on error and below count it */
	assert_int_equal(clint_diff_introduced_at_least(f->d,
	                                                CLINT_SEVERITY_ERROR),
	                 1);
}

/* Equal findings in two sections: the one in the aligned section is the
 * unchanged one, so the other is reported resolved where it was. */
static void test_risk_match_prefers_aligned_section(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *a = unit_text("1. Fees\n\n1.1 Work at the then-current rates.\n\n"
	                         "2. Exit\n\n2.1 Exit work at the then-current "
	                         "rates.\n\n2.2 Service credits apply.\n");
	clint_doc *b = unit_text("1. Fees\n\n1.1 Work at the agreed rates.\n\n"
	                         "2. Exit\n\n2.1 Exit work at the then-current "
	                         "rates.\n\n2.2 Service credits apply.\n");
	clint_diff *d = NULL;
	clint_diff_risk r;
	size_t i, resolved = 0;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, a, b, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_risk_count(d); i++) {
		assert_int_equal(clint_diff_risk_get(d, i, &r), CLINT_OK);
		if (r.change == CLINT_RISK_RESOLVED) {
			resolved++;
			assert_string_equal(r.finding.section_label, "§ 1.1 (Fees)");
		}
	}
	assert_int_equal(resolved, 1);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_ruleset_free(rs);
}

/* The risks of `d` in their order, one token each: I (introduced), R
 * (resolved) or U (unchanged), then the finding's index in its side's
 * result; e.g. "I3 R0 U1 ". */
static char *risk_summary(const clint_diff *d)
{
	size_t i, k, cap = d->risk_count * 16 + 1, len = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	s[0] = '\0';
	for (i = 0; i < d->risk_count; i++) {
		const clint_diff_risk *r = &d->risks[i];
		const clint_result *res = r->in_new ? d->new_res : d->old_res;
		clint_finding f;
		for (k = 0; k < clint_result_finding_count(res); k++) {
			assert_int_equal(clint_result_finding(res, k, &f), CLINT_OK);
			if (f.start == r->finding.start && f.end == r->finding.end &&
			    !strcmp(f.rule_id, r->finding.rule_id))
				break;
		}
		assert_true(k < clint_result_finding_count(res));
		len += (size_t)snprintf(s + len, cap - len, "%c%zu ",
		                        r->change == CLINT_RISK_INTRODUCED ? 'I'
		                        : r->change == CLINT_RISK_RESOLVED ? 'R'
		                                                          : 'U',
		                        k);
	}
	return s;
}

/* The pairing of risk.c as its comments state it, in the plainest (and
 * quadratic) form: NEW findings in text order, each paired with the first
 * OLD finding in text order of its fingerprint not yet paired, first one
 * in the OLD section aligned with its section (or both outside sections),
 * then, for those left, one with the same words (fingerprint without the
 * heading) in the aligned section, then one of its fingerprint anywhere.
 * Returned as risk_summary() would. */
static char *risk_reference(const clint_diff *d)
{
	const clint_result *res[2] = {d->old_res, d->new_res};
	size_t n[2], i, j, pass, cut = clint_diff_rules_compared(d), len = 0;
	size_t nsec = clint_doc_section_count(d->old_doc), *old2new;
	char (*fp[2])[CLINT_FINGERPRINT_SIZE], (*wd[2])[CLINT_FINGERPRINT_SIZE];
	size_t *sec[2];
	int *used[2], side;
	char *s;

	old2new = malloc((nsec + 1) * sizeof(*old2new));
	assert_non_null(old2new);
	for (i = 0; i < nsec; i++)
		old2new[i] = CLINT_NO_SECTION;
	for (i = 0; i < d->section_count; i++)
		if (d->sections[i].old_section != CLINT_NO_SECTION)
			old2new[d->sections[i].old_section] = d->sections[i].new_section;
	for (side = 0; side < 2; side++) {
		n[side] = clint_result_finding_count(res[side]);
		fp[side] = calloc(n[side] + 1, sizeof(*fp[side]));
		wd[side] = calloc(n[side] + 1, sizeof(*wd[side]));
		sec[side] = calloc(n[side] + 1, sizeof(*sec[side]));
		used[side] = calloc(n[side] + 1, sizeof(*used[side]));
		assert_true(fp[side] && wd[side] && sec[side] && used[side]);
		for (i = 0; i < n[side]; i++) {
			clint_finding f;
			/* a rule not compared: out of the pairing, as if paired */
			used[side][i] = clint_result_finding_rule(res[side], i) >= cut;
			assert_int_equal(clint_result_finding(res[side], i, &f), CLINT_OK);
			assert_int_equal(clint_finding_fingerprint(res[side], &f,
			                                           fp[side][i]),
			                 CLINT_OK);
			assert_int_equal(clint_finding_words_fingerprint(res[side], &f,
			                                                 wd[side][i]),
			                 CLINT_OK);
			sec[side][i] = f.section;
		}
	}
	for (pass = 0; pass < 3; pass++)
		for (j = 0; j < n[1]; j++)
			for (i = 0; i < n[0] && !used[1][j]; i++) {
				size_t to = sec[0][i] == CLINT_NO_SECTION
				                ? CLINT_NO_SECTION : old2new[sec[0][i]];
				if (used[0][i])
					continue;
				if (pass == 1 ? strcmp(wd[0][i], wd[1][j]) != 0 ||
				                    sec[1][j] == CLINT_NO_SECTION
				              : strcmp(fp[0][i], fp[1][j]) != 0)
					continue;
				if (pass < 2 && to != sec[1][j])
					continue;
				used[0][i] = used[1][j] = 1;
			}
	s = malloc((n[0] + n[1]) * 16 + 1);
	assert_non_null(s);
	s[0] = '\0';
	for (j = 0; j < n[1]; j++)
		if (!used[1][j])
			len += (size_t)sprintf(s + len, "I%zu ", j);
	for (i = 0; i < n[0]; i++)
		if (!used[0][i])
			len += (size_t)sprintf(s + len, "R%zu ", i);
	for (j = 0; j < n[1]; j++)
		if (used[1][j] && clint_result_finding_rule(res[1], j) < cut)
			len += (size_t)sprintf(s + len, "U%zu ", j);
	for (side = 0; side < 2; side++) {
		free(fp[side]);
		free(wd[side]);
		free(sec[side]);
		free(used[side]);
	}
	free(old2new);
	return s;
}

/* The risk summary of diffing texts a and b with pack_xml. */
static char *diff_risks(const char *a, const char *b, int check_reference)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *x = unit_text(a), *y = unit_text(b);
	clint_diff *d = NULL;
	char *s, *ref;

	assert_int_equal(clint_diff_new(&d, rs, x, y, NULL, NULL), CLINT_OK);
	s = risk_summary(d);
	if (check_reference) {
		ref = risk_reference(d);
		assert_string_equal(s, ref);
		free(ref);
	}
	clint_diff_free(d);
	clint_doc_free(x);
	clint_doc_free(y);
	clint_ruleset_free(rs);
	return s;
}

/* `n` copies of `unit` after `head`. */
static char *repeat(const char *head, const char *unit, size_t n)
{
	size_t hl = strlen(head), ul = strlen(unit), i;
	char *s = malloc(hl + ul * n + 2);

	assert_non_null(s);
	memcpy(s, head, hl);
	for (i = 0; i < n; i++)
		memcpy(s + hl + i * ul, unit, ul);
	memcpy(s + hl + n * ul, "\n", 2);
	return s;
}

/* Many findings of one fingerprint (pairing them took quadratic time):
 * NEW's k-th pairs with OLD's k-th, so the surplus of a side is its last
 * ones, in text order. */
static void test_risk_pairing_many_equal(void **state)
{
	const char *unit = "Pay at the then-current rates and ";
	char *a = repeat("1. Fees\n\n", unit, 3000);
	char *b = repeat("1. Fees\n\n", unit, 2000);
	char *want = malloc(3000 * 16), *got;
	size_t i, len = 0;

	(void)state;
	assert_non_null(want);
	for (i = 2000; i < 3000; i++)
		len += (size_t)sprintf(want + len, "R%zu ", i);
	for (i = 0; i < 2000; i++)
		len += (size_t)sprintf(want + len, "U%zu ", i);
	got = diff_risks(a, b, 0);
	assert_string_equal(got, want);
	free(got);
	len = 0;
	for (i = 2000; i < 3000; i++)
		len += (size_t)sprintf(want + len, "I%zu ", i);
	for (i = 0; i < 2000; i++)
		len += (size_t)sprintf(want + len, "U%zu ", i);
	got = diff_risks(b, a, 0);
	assert_string_equal(got, want);
	free(got);
	free(a);
	free(b);
	free(want);
}

/* Equal fingerprints in several sections: aligned sections pair first,
 * then what is left pairs in text order, wherever it is. */
static void test_risk_pairing_mixed(void **state)
{
	/* OLD 1.1 (findings 0, 1), 1.2 (2, 3), 2.1 (4, 5); NEW 1.1 (0),
	 * 2.1 (1, 2, 3), 3.1 (4). Aligned: NEW 0-OLD 0, 1-4, 2-5; then NEW 3
	 * takes OLD 1 and NEW 4 OLD 2 (text order, not section); OLD 3 is
	 * resolved. */
	static const char a[] =
		"1. Fees\n\n"
		"1.1 Hosting work at the then-current rates; extra hosting "
		"work at the then-current rates.\n\n"
		"1.2 Travel at the then-current rates; travel by air at the "
		"then-current rates.\n\n"
		"2. Exit\n\n"
		"2.1 Exit assistance at the then-current rates; data return "
		"at the then-current rates.\n";
	static const char b[] =
		"1. Fees\n\n"
		"1.1 Hosting work at the then-current rates.\n\n"
		"2. Exit\n\n"
		"2.1 Exit assistance at the then-current rates; data return "
		"at the then-current rates; archives at the then-current "
		"rates.\n\n"
		"3. Support\n\n"
		"3.1 Support calls out of hours at the then-current rates.\n";
	char *got = diff_risks(a, b, 1);

	(void)state;
	assert_string_equal(got, "R3 U0 U1 U2 U3 U4 ");
	free(got);
}

/* Sections made, moved and renamed at random, findings of two
 * fingerprints in each, some before the first heading: the pairing is the
 * one the reference gives. */
static void test_risk_pairing_reference(void **state)
{
	static const char *const words[] = {
		"hosting", "travel", "exit", "support", "archives", "training",
		"licences", "storage", "audits", "escrow", "backups", "reports",
	};
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 6; round++) {
		char *doc[2];
		int side;
		for (side = 0; side < 2; side++) {
			size_t cap = 64 * 1024, len = 0, k, j;
			char *s = malloc(cap);
			assert_non_null(s);
			len += (size_t)sprintf(s + len, "Services Agreement\n\n"
			                       "Extras at the then-current rates.\n\n");
			for (k = 0; k < ARRAY_LEN(words); k++) {
				size_t w;
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 5 == 0)
					continue;  /* a section gone (or never there) */
				/* a section moved: another word in its place */
				w = (seed >> 16) % 7 == 0 ? (k + 5) % ARRAY_LEN(words) : k;
				/* a heading reworded in NEW now and then */
				len += (size_t)sprintf(s + len, "%zu. %s\n\n", k + 1,
				                       side && (seed >> 16) % 3 == 0
				                           ? "Fees and Charges"
				                       : k % 2 ? "Fees" : "Charges");
				seed = seed * 1103515245u + 12345u;
				for (j = 0; j < 1 + (seed >> 16) % 6; j++)
					len += (size_t)sprintf(s + len, "The %s %zu work is "
					                       "billed at the then-current "
					                       "rates. ", words[w], j);
				len += (size_t)sprintf(s + len, "\n\n");
				assert_true(len < cap - 1024);
			}
			doc[side] = s;
		}
		free(diff_risks(doc[0], doc[1], 1));
		free(doc[0]);
		free(doc[1]);
	}
}

/* A heading reworded: the finding under it is unchanged, not introduced
 * and resolved (the heading is in the fingerprint). Words alone pair
 * only in aligned sections: the same words before the first heading in
 * NEW are not the finding of a section that NEW removed. */
static void test_risk_heading_reworded(void **state)
{
	static const char a[] =
		"1. Charges\n\n1.1 Work at the then-current rates.\n\n"
		"2. Exit\n\n2.1 Exit work at the then-current rates.\n\n"
		"3. Hosting\n\n3.1 Platform. It is hosted in two data centres "
		"with nightly backups, billed at the then-current rates.\n";
	static const char b[] =
		"Work at the then-current rates.\n\n"
		"1. Fees and Charges\n\n1.1 Work at the then-current rates.\n\n"
		"2. Exit\n\n2.1 Exit work at the then-current rates.\n";
	char *got = diff_risks(a, b, 1);

	(void)state;
	/* OLD 0 (1.1) - NEW 1 by words, OLD 1 (2.1) - NEW 2 by fingerprint;
	 * OLD 2 (3.1, removed) is resolved and NEW 0 introduced */
	assert_string_equal(got, "I0 R2 U1 U2 ");
	free(got);
}

/* ---- terms.c ------------------------------------------------------------------ */

static void test_values(void **state)
{
	fixture *f = *state;
	clint_diff_value v;
	char ov[64], nv[64];

	assert_int_equal(clint_diff_value_count(f->d), 1);
	assert_int_equal(clint_diff_value_get(f->d, 0, &v), CLINT_OK);
	assert_string_equal(v.term, "Notice to terminate");
	assert_true(v.old_value.days == 90.0);
	assert_true(v.new_value.days == 30.0);
	assert_int_equal(v.favours, CLINT_FAVOURS_CUSTOMER);
	assert_string_equal(clint_favours_name(v.favours), "customer");
	clint_diff_value_text(f->d, 1, &v.old_value, ov, sizeof(ov));
	clint_diff_value_text(f->d, 0, &v.new_value, nv, sizeof(nv));
	assert_string_equal(ov, "ninety (90) days'");
	assert_string_equal(nv, "thirty (30) days'");
}

/* Diffs `a` and `b` (format fmt): `count` value changes, the one at `i`
 * a `change` shown as `old_shown` and `new_shown` (NULL: not looked at),
 * of term `term` (NULL: any), judged `favours`. */
static void diff_value_case(clint_input_format fmt, const char *a,
                            const char *b, size_t count, size_t i,
                            clint_value_change change, const char *old_shown,
                            const char *new_shown, const char *term,
                            clint_favours favours)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *da = unit_doc_n("a", a, strlen(a), fmt, NULL);
	clint_doc *db = unit_doc_n("b", b, strlen(b), fmt, NULL);
	clint_diff *d = NULL;
	clint_diff_value v;
	char ov[64], nv[64];

	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	if (clint_diff_value_count(d) != count)
		fail_msg("%zu value changes, expected %zu (%s)",
		         clint_diff_value_count(d), count, b);
	assert_int_equal(clint_diff_value_get(d, i, &v), CLINT_OK);
	assert_int_equal(v.change, change);
	clint_diff_value_text(d, 1, &v.old_value, ov, sizeof(ov));
	clint_diff_value_text(d, 0, &v.new_value, nv, sizeof(nv));
	if (old_shown)
		assert_string_equal(ov, old_shown);
	if (new_shown)
		assert_string_equal(nv, new_shown);
	if (term)
		assert_string_equal(v.term, term);
	assert_int_equal(v.favours, favours);
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_ruleset_free(rs);
}

static void value_change(const char *a, const char *b, const char *term,
                         clint_favours favours)
{
	diff_value_case(CLINT_INPUT_TEXT, a, b, 1, 0, CLINT_VALUE_CHANGED, NULL,
	                NULL, term, favours);
}

/* Values of one section are paired by kind and term in text order: each
 * old value with the first new value of its kind and term left (an
 * index now, a scan before). Unchanged pairs give nothing. */
static void test_value_pairing_order(void **state)
{
	static const double want[4][2] = {
		{100, 150}, {30, 45}, {60, 90}, {300, 350}};
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *da = unit_text("1. Payment\n\n1.1 The Client shall pay USD 100 "
	                          "within 30 days, USD 200 within 60 days and USD "
	                          "300 within 5 days.\n");
	clint_doc *db = unit_text("1. Payment\n\n1.1 The Client shall pay USD 150 "
	                          "within 45 days, USD 200 within 90 days and USD "
	                          "350 within 5 days.\n");
	clint_diff *d = NULL;
	clint_diff_value v;
	size_t i;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diff_value_count(d), 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(clint_diff_value_get(d, i, &v), CLINT_OK);
		assert_int_equal(v.old_value.kind, i == 0 || i == 3
		                                       ? CLINT_VALUE_MONEY
		                                       : CLINT_VALUE_DURATION);
		if (v.old_value.kind == CLINT_VALUE_MONEY) {
			assert_true(v.old_value.amount == want[i][0]);
			assert_true(v.new_value.amount == want[i][1]);
			assert_string_equal(v.term, "Charges");
		} else {
			assert_true(v.old_value.days == want[i][0]);
			assert_true(v.new_value.days == want[i][1]);
			assert_string_equal(v.term, "Payment terms");
		}
	}
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_ruleset_free(rs);
}

/* The value changes of diffing a and b, one token each: "C" (changed),
 * "A" (added) or "R" (removed), then the quantity before and/or after
 * (days for durations), e.g. "R30 C30>45 A2 ". */
static char *value_summary(const char *a, const char *b)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *da = unit_text(a), *db = unit_text(b);
	clint_diff *d = NULL;
	clint_diff_value v;
	char *s = malloc(4096);
	size_t i, len = 0;

	assert_non_null(s);
	s[0] = '\0';
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_value_count(d) && len < 4000; i++) {
		const clint_value *o = &v.old_value, *n = &v.new_value;
		double qo, qn;
		assert_int_equal(clint_diff_value_get(d, i, &v), CLINT_OK);
		qo = o->kind == CLINT_VALUE_DURATION ? o->days : o->amount;
		qn = n->kind == CLINT_VALUE_DURATION ? n->days : n->amount;
		/* the side missing has the other's kind and nothing else */
		assert_int_equal(o->kind, n->kind);
		if (v.change != CLINT_VALUE_CHANGED) {
			const clint_value *none = v.change == CLINT_VALUE_ADDED ? o : n;
			assert_int_equal(v.favours, CLINT_FAVOURS_UNKNOWN);
			assert_string_equal(v.why, "");
			assert_true(none->amount == 0 && none->days == 0);
			assert_string_equal(none->currency, "");
			assert_string_equal(none->unit, "");
			assert_int_equal(none->start, 0);
			assert_int_equal(none->end, 0);
		}
		if (v.change == CLINT_VALUE_ADDED)
			len += (size_t)sprintf(s + len, "A%g ", qn);
		else if (v.change == CLINT_VALUE_REMOVED)
			len += (size_t)sprintf(s + len, "R%g ", qo);
		else
			len += (size_t)sprintf(s + len, "C%g>%g ", qo, qn);
	}
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_ruleset_free(rs);
	return s;
}

static void value_case(const char *a, const char *b, const char *want)
{
	char *got = value_summary(a, b);

	assert_string_equal(got, want);
	free(got);
}

/* The one value change of diffing clause 1.1 `a` with `b` under "1.
 * Charges": both sides as shown, and whom it favours. */
static void period_case(const char *a, const char *b, const char *old_shown,
                        const char *new_shown, clint_favours favours)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	char ta[256], tb[256], ov[128], nv[128];
	clint_doc *da, *db;
	clint_diff *d = NULL;
	clint_diff_value v;

	snprintf(ta, sizeof(ta), "1. Charges\n\n1.1 %s\n", a);
	snprintf(tb, sizeof(tb), "1. Charges\n\n1.1 %s\n", b);
	da = unit_text(ta);
	db = unit_text(tb);
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diff_value_count(d), 1);
	assert_int_equal(clint_diff_value_get(d, 0, &v), CLINT_OK);
	assert_int_equal(v.change, CLINT_VALUE_CHANGED);
	clint_diff_value_text(d, 1, &v.old_value, ov, sizeof(ov));
	clint_diff_value_text(d, 0, &v.new_value, nv, sizeof(nv));
	assert_string_equal(ov, old_shown);
	assert_string_equal(nv, new_shown);
	assert_int_equal(v.favours, favours);
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_ruleset_free(rs);
}

#define CHARGES_MD "## 4. Charges\n\n| Item | Amount | Period |\n|---|---|---|\n"
#define CHARGES_HTML "<h2>4. Charges</h2><table><tr><th>Item</th><th>Amount" \
	"</th><th>Period</th></tr>"

/* A price table's "Period" column: a value that ends its cell takes its
 * period from the next cell of its row when that cell holds the period
 * alone, one that starts it from the cell before; never from another
 * row (CLINT_BLOCK_ROW_START): below, the next row's first cell says
 * "Annually" after an unchanged monthly fee, which is no value change,
 * and the annual fee of EUR 10,000 become EUR 2,900 a quarter is more a
 * year. A period cell between two sums is the first one's, unless the
 * row writes its periods before its sums. The value is shown with a
 * no-break space as a space. */
static void test_value_period_column(void **state)
{
	(void)state;
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                CHARGES_MD "| Service fee | EUR&nbsp;1,000 | per month |\n",
	                CHARGES_MD "| Service fee | EUR&nbsp;1,000 | per year |\n", 1, 0,
	                CLINT_VALUE_CHANGED, "EUR 1,000 | per month",
	                "EUR 1,000 | per year", NULL, CLINT_FAVOURS_CUSTOMER);
	diff_value_case(CLINT_INPUT_HTML,
	                CHARGES_HTML "<tr><td>Service fee</td><td>EUR 1,000</td><td>"
	                "Monthly</td></tr></table>",
	                CHARGES_HTML "<tr><td>Service fee</td><td>EUR 1,000</td><td>"
	                "Quarterly</td></tr></table>", 1, 0, CLINT_VALUE_CHANGED,
	                "EUR 1,000 Monthly", "EUR 1,000 Quarterly", NULL,
	                CLINT_FAVOURS_CUSTOMER);
	/* the monthly fee ends its row: the next row's first cell is not its
	 * period */
	diff_value_case(CLINT_INPUT_HTML,
	                "<h2>4. Charges</h2><table><tr><td>Monthly</td><td>"
	                "EUR 1,000</td></tr><tr><td>Annually</td><td>EUR 10,000"
	                "</td></tr></table>",
	                "<h2>4. Charges</h2><table><tr><td>Monthly</td><td>"
	                "EUR 1,000</td></tr><tr><td>Quarterly</td><td>EUR 2,900"
	                "</td></tr></table>", 1, 0, CLINT_VALUE_CHANGED,
	                "Annually EUR 10,000", "Quarterly EUR 2,900", NULL,
	                CLINT_FAVOURS_SUPPLIER);
	/* periods before sums: "Annually" is the added fee's, not the
	 * monthly fee's */
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 4. Charges\n\n| Monthly | EUR 1,000 |\n",
	                "## 4. Charges\n\n| Monthly | EUR 1,000 | Annually | "
	                "EUR 11,000 |\n", 1, 0, CLINT_VALUE_ADDED, NULL,
	                "Annually | EUR 11,000", NULL, CLINT_FAVOURS_UNKNOWN);
	/* periods after sums: "per month" is the first fee's, not the
	 * set-up fee's after it, which did not change */
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 4. Charges\n\n| Fee | Period | Set-up fee |\n|---|---|---|\n"
	                "| EUR 1,000 | per month | EUR 5,000 |\n",
	                "## 4. Charges\n\n| Fee | Period | Set-up fee |\n|---|---|---|\n"
	                "| EUR 12,000 | per year | EUR 5,000 |\n", 1, 0,
	                CLINT_VALUE_CHANGED, "EUR 1,000 | per month",
	                "EUR 12,000 | per year", NULL, CLINT_FAVOURS_UNKNOWN);
	diff_value_case(CLINT_INPUT_HTML,
	                CHARGES_HTML "<tr><td>EUR 1,000</td><td>per month</td></tr>"
	                "</table>",
	                CHARGES_HTML "<tr><td>EUR 1,000</td><td>per month</td><td>"
	                "EUR 200</td></tr></table>", 1, 0, CLINT_VALUE_ADDED, NULL,
	                "EUR 200", NULL, CLINT_FAVOURS_UNKNOWN);
	/* the period cell emptied: the fee changed (in Markdown it is
	 * reported removed: the " | " between the cells is no white space
	 * the new fee's reach steps over) */
	diff_value_case(CLINT_INPUT_HTML,
	                CHARGES_HTML "<tr><td>Hosting</td><td>EUR 1,000</td><td>per "
	                "month</td></tr></table>",
	                CHARGES_HTML "<tr><td>Hosting</td><td>EUR 1,000</td><td></td>"
	                "</tr></table>", 1, 0,
	                CLINT_VALUE_CHANGED, "EUR 1,000 per month", "EUR 1,000", NULL,
	                CLINT_FAVOURS_UNKNOWN);
	/* sums with their periods after them: each its own */
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 4. Charges\n\n| EUR 1,000 | Monthly | EUR 2,000 | "
	                "Annually | EUR 3,000 | Quarterly |\n",
	                "## 4. Charges\n\n| EUR 1,000 | Monthly | EUR 2,000 | "
	                "Monthly | EUR 3,000 | Quarterly |\n", 1, 0,
	                CLINT_VALUE_CHANGED, "EUR 2,000 | Annually",
	                "EUR 2,000 | Monthly", NULL, CLINT_FAVOURS_SUPPLIER);
	/* a label, then sums and periods: "Monthly" may be the first fee's
	 * period column or the second fee's label, and is neither's until
	 * the row ends with a period; a period on one side only is not
	 * judged */
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                CHARGES_MD "| Hosting | EUR 1,000 | Monthly | EUR 4,000 | |\n",
	                CHARGES_MD "| Hosting | EUR 1,000 | Monthly | EUR 5,000 | "
	                "Annually |\n", 1, 0, CLINT_VALUE_CHANGED, "EUR 4,000",
	                "EUR 5,000 | Annually", NULL, CLINT_FAVOURS_UNKNOWN);
	/* the separators a reach steps over are a row's: not a table's end
	 * or a rule before an item added after them */
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 9. Term\n\n| Term | Value |\n|---|---|\n| Termination "
	                "notice | 90 days |\n\n- Payment: 30 days\n",
	                "## 9. Term\n\n| Term | Value |\n|---|---|\n| Termination "
	                "notice | 90 days |\n\n- Termination notice for breach: 10 "
	                "days\n- Payment: 30 days\n", 1, 0, CLINT_VALUE_ADDED, NULL,
	                "10 days", NULL, CLINT_FAVOURS_UNKNOWN);
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 4. Charges\n\n- Fee: EUR 1,000\n\n---\n\n- Deposit: "
	                "EUR 500\n",
	                "## 4. Charges\n\n- Fee: EUR 1,000\n\n---\n\n- Cap: 10 "
	                "days\n- Deposit: EUR 500\n", 1, 0, CLINT_VALUE_ADDED, NULL,
	                "10 days", NULL, CLINT_FAVOURS_UNKNOWN);
	/* a list in the cell before a rate is its label, in its row */
	diff_value_case(CLINT_INPUT_HTML,
	                "<h2>7. Schedule</h2><table><tr><td><ul><li>Service credit</li>"
	                "</ul></td><td>5%</td></tr></table>",
	                "<h2>7. Schedule</h2><table><tr><td><ul><li>Service credit</li>"
	                "</ul></td><td>10%</td></tr></table>", 1, 0, CLINT_VALUE_CHANGED,
	                "5%", "10%", "Service credits", CLINT_FAVOURS_CUSTOMER);
}

/* A table cell's value takes no period from the next row's first cell
 * ("| Annually | EUR 10,000 |"): the unchanged monthly fee is no value
 * change; the fee after "Annually" is annual. The value is shown with a
 * no-break space as a space. */
static void test_value_period_cell(void **state)
{
	(void)state;
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 4. Charges\n\n| Period | Amount |\n|---|---|\n"
	                "| Monthly | EUR&nbsp;1,000 |\n| Annually | EUR 10,000 |\n",
	                "## 4. Charges\n\n| Period | Amount |\n|---|---|\n"
	                "| Monthly | EUR&nbsp;1,000 |\n| Quarterly | EUR 2,900 |\n",
	                1, 0, CLINT_VALUE_CHANGED, "Annually | EUR 10,000",
	                "Quarterly | EUR 2,900", NULL, CLINT_FAVOURS_SUPPLIER);
	diff_value_case(CLINT_INPUT_MARKDOWN,
	                "## 4. Charges\n\nThe fee is EUR&nbsp;1,000 per month.\n",
	                "## 4. Charges\n\nThe fee is EUR&nbsp;1,500 per month.\n",
	                1, 0, CLINT_VALUE_CHANGED, "EUR 1,000 per month", NULL, NULL,
	                CLINT_FAVOURS_SUPPLIER);
}

/* Clause `old` before the unchanged KEEP_MOVED and `new` after it in
 * section 1.1: `values` value changes (1: paired as a change). */
#define KEEP_MOVED "The Supplier shall keep full and accurate records of " \
	"the Services and shall make them available to the Customer on " \
	"request, and the Customer shall pay each undisputed invoice promptly."
static void moved_case(const clint_ruleset *rs, const char *old,
                       const char *new, size_t values)
{
	char ta[1024], tb[1024];
	clint_doc *da, *db;
	clint_diff *d = NULL;
	clint_diff_value v;

	snprintf(ta, sizeof(ta), "1. Charges\n\n%s%s\n", old, KEEP_MOVED);
	snprintf(tb, sizeof(tb), "1. Charges\n\n1.1 %s%s\n", KEEP_MOVED, new);
	da = unit_text(ta);
	db = unit_text(tb);
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	if (clint_diff_value_count(d) != values)
		fail_msg("'%s' -> '%s': %zu value changes, expected %zu", old, new,
		         clint_diff_value_count(d), values);
	if (values == 1) {
		assert_int_equal(clint_diff_value_get(d, 0, &v), CLINT_OK);
		assert_int_equal(v.change, CLINT_VALUE_CHANGED);
	}
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
}
#undef KEEP_MOVED

/* A value moved to another run of changes and changed there is a change
 * of it when it is the only value of its term removed and the only one
 * added, in the same clause (80% of the sentence's words); with two of a
 * term added, nothing says which one changed, and another clause's value
 * is not this one's. */
static void test_value_moved_and_changed(void **state)
{
#define KEEP "The Supplier shall keep full and accurate records of the " \
	"Services and shall make them available to the Client on request, " \
	"and the Client shall pay each undisputed invoice promptly in " \
	"accordance with the payment schedule set out in Schedule 2."
#define KEEP2 "The Supplier shall keep full and accurate records of the " \
	"Services and shall make them available to the Customer on request, " \
	"and the Customer shall pay each undisputed invoice promptly."
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *da = unit_text("1. Term\n\n1.1 Either party may terminate "
	                          "this Agreement on ninety (90) days' notice. "
	                          KEEP "\n");
	clint_doc *db = unit_text("1. Term\n\n1.1 " KEEP " Either party may "
	                          "terminate this Agreement on thirty (30) days' "
	                          "notice.\n");
	clint_doc *dc = unit_text("1. Term\n\n1.1 " KEEP " Either party may "
	                          "terminate this Agreement on thirty (30) days' "
	                          "notice. The Client may terminate this "
	                          "Agreement for convenience on forty-five (45) "
	                          "days' notice.\n");
	clint_diff *d = NULL;
	clint_diff_value v;
	size_t i;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diff_value_count(d), 1);
	assert_int_equal(clint_diff_value_get(d, 0, &v), CLINT_OK);
	assert_int_equal(v.change, CLINT_VALUE_CHANGED);
	assert_string_equal(v.term, "Notice to terminate");
	assert_true(v.old_value.amount == 90 && v.new_value.amount == 30);
	assert_int_not_equal(v.favours, CLINT_FAVOURS_UNKNOWN);
	clint_diff_free(d);

	/* a short numbered clause, and "every invoice" -> "each invoice" in
	 * a longer one: the clause number and "each" are not what tells
	 * clauses apart (in a sentence of nine words, one word changed is
	 * under 90%: "every invoice" -> "each invoice" there stays removed
	 * and added, as "a monthly fee" -> "an installation fee" must) */
	moved_case(rs, "1.1 Payment is due within thirty (30) days. ",
	           " Payment is due within sixty (60) days.", 1);
	moved_case(rs, "1.1 The Customer shall pay every undisputed invoice "
	           "issued under this Agreement within thirty (30) days of "
	           "receipt. ",
	           " The Customer shall pay each undisputed invoice issued under "
	           "this Agreement within sixty (60) days of receipt.", 1);
	/* another fee, or another currency: no pairing */
	moved_case(rs, "1.1 The Customer shall pay a monthly fee of EUR 10,000 "
	           "for the Services, plus VAT. ",
	           " The Customer shall pay an installation fee of EUR 15,000 "
	           "for the Services, plus VAT.", 2);
	moved_case(rs, "1.1 The Customer shall pay a monthly fee of EUR 10,000 "
	           "for the Services, plus VAT. ",
	           " The Customer shall pay a monthly fee of USD 15,000 for the "
	           "Services, plus VAT.", 2);
	/* another clause, with another party: no pairing */
	{
		clint_doc *dd = unit_text(
			"1. Term\n\n1.1 The Customer may terminate this Agreement "
			"for convenience on ninety (90) days' notice. " KEEP2 "\n");
		clint_doc *de = unit_text(
			"1. Term\n\n1.1 " KEEP2 " The Supplier may terminate this "
			"Agreement on thirty (30) days' written notice if the "
			"Customer commits a material breach.\n");
		d = NULL;
		assert_int_equal(clint_diff_new(&d, rs, dd, de, NULL, NULL),
		                 CLINT_OK);
		assert_int_equal(clint_diff_value_count(d), 2);
		assert_int_equal(clint_diff_value_get(d, 0, &v), CLINT_OK);
		assert_int_equal(v.change, CLINT_VALUE_REMOVED);
		clint_diff_free(d);
		clint_doc_free(dd);
		clint_doc_free(de);
	}
	/* 90 days removed, 30 and 45 days added: no pairing */
	d = NULL;
	assert_int_equal(clint_diff_new(&d, rs, da, dc, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diff_value_count(d), 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(clint_diff_value_get(d, i, &v), CLINT_OK);
		assert_string_equal(v.term, "Notice to terminate");
		assert_int_equal(v.change,
		                 i == 0 ? CLINT_VALUE_REMOVED : CLINT_VALUE_ADDED);
	}
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_doc_free(dc);
	clint_ruleset_free(rs);
#undef KEEP
#undef KEEP2
}

/* Markdown markup is no word of the diff: emphasis and link targets that
 * change alone change nothing, and a value's period is read past the
 * "**" after it and shown without it. */
static void test_markdown_markup(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *da = unit_md("## 1. Charges\n\nThe fee is **EUR 1,000** per "
	                        "month, see [Schedule 2](#s2).\n");
	clint_doc *db = unit_md("## 1. Charges\n\nThe fee is EUR 1,000 per "
	                        "month, see [Schedule 2](#prices).\n");
	clint_doc *dc = unit_md("## 1. Charges\n\nThe fee is **EUR 1,000** per "
	                        "year, see [Schedule 2](#s2).\n");
	clint_diff *d = NULL;
	clint_diff_section sec;
	clint_diff_value v;
	char ov[64], nv[64];
	size_t i;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &sec), CLINT_OK);
		assert_int_equal(sec.kind, CLINT_CHANGE_UNCHANGED);
		assert_int_equal(sec.hunk_count, 0);
	}
	assert_int_equal(clint_diff_value_count(d), 0);
	clint_diff_free(d);

	d = NULL;
	assert_int_equal(clint_diff_new(&d, rs, da, dc, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_diff_value_count(d), 1);
	assert_int_equal(clint_diff_value_get(d, 0, &v), CLINT_OK);
	assert_int_equal(v.change, CLINT_VALUE_CHANGED);
	clint_diff_value_text(d, 1, &v.old_value, ov, sizeof(ov));
	clint_diff_value_text(d, 0, &v.new_value, nv, sizeof(nv));
	assert_string_equal(ov, "EUR 1,000 per month");
	assert_string_equal(nv, "EUR 1,000 per year");
	assert_int_equal(v.favours, CLINT_FAVOURS_CUSTOMER);
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_doc_free(dc);
	clint_ruleset_free(rs);
}

/* The diff of two Markdown texts: its one section's kind and whether it
 * is cosmetic, and its value changes. */
static void md_case(const char *a, const char *b, clint_change_kind kind,
                    int cosmetic, size_t values)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *da = unit_md(a), *db = unit_md(b);
	clint_diff *d = NULL;
	clint_diff_section sec;
	size_t i, n = 0;

	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &sec), CLINT_OK);
		if (sec.new_section == CLINT_NO_SECTION)
			continue;
		n++;
		if (sec.kind != kind || sec.cosmetic != cosmetic)
			fail_msg("'%s' -> '%s': %s, cosmetic %d", a, b,
			         clint_change_kind_name(sec.kind), sec.cosmetic);
	}
	assert_int_equal(n, 1);
	assert_int_equal(clint_diff_value_count(d), values);
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_ruleset_free(rs);
}

/* A redline's marks are changes, substantive ones; markup inside a word
 * and a character reference are the text they stand for; a period is not
 * read from the next list item. */
static void test_markdown_redline_marks(void **state)
{
	(void)state;
	md_case("## 9. Termination\n\nThe Customer may terminate.\n",
	        "## 9. Termination\n\n~~The Customer may terminate.~~\n",
	        CLINT_CHANGE_MODIFIED, 0, 0);
	md_case("## 9. Termination\n\nThe Customer may terminate.\n",
	        "## 9. Termination\n\n<del>The Customer may terminate.</del>\n",
	        CLINT_CHANGE_MODIFIED, 0, 0);
	md_case("## 9. Termination\n\n~~The Customer may terminate.~~\n",
	        "## 9. Termination\n\nThe Customer may terminate.\n",
	        CLINT_CHANGE_MODIFIED, 0, 0);
	/* a mark's case and attributes are not the mark */
	md_case("## 9. Termination\n\n<INS>The Customer may terminate.</INS>\n",
	        "## 9. Termination\n\n<ins datetime=\"2026\">The Customer may "
	        "terminate.</ins>\n",
	        CLINT_CHANGE_UNCHANGED, 0, 0);
	md_case("## 9. Term\n\nThe renewal term is one year.\n",
	        "## 9. Term\n\nThe re**new**al term is one year.\n",
	        CLINT_CHANGE_UNCHANGED, 0, 0);
	md_case("## 9. Parties\n\nSmith &amp; Jones shall act.\n",
	        "## 9. Parties\n\nSmith & Jones shall act.\n",
	        CLINT_CHANGE_UNCHANGED, 0, 0);
	/* "EUR 5,000" and the next item's "Monthly": no period, no change */
	md_case("## 4. Charges\n\n- Set-up fee: EUR 5,000\n- Monthly fee: EUR "
	        "1,000\n",
	        "## 4. Charges\n\n- Set-up fee: EUR 5,000\n- Quarterly fee: EUR "
	        "3,000\n",
	        CLINT_CHANGE_MODIFIED, 0, 1);
}

/* The period written after a sum or a rate is part of it: "per month" ->
 * "per year" is a change, shown with the periods; periods of a week to a
 * year are judged by what they come to in a year; an hour against a day
 * is not judged. */
static void test_value_periods(void **state)
{
	(void)state;
	period_case("The hosting charge is EUR 4,000 per month.",
	            "The hosting charge is EUR 4,000 per year.",
	            "EUR 4,000 per month", "EUR 4,000 per year",
	            CLINT_FAVOURS_CUSTOMER);
	period_case("The hosting charge is EUR 4,000 per month.",
	            "The hosting charge is EUR 40,000 per annum.",
	            "EUR 4,000 per month", "EUR 40,000 per annum",
	            CLINT_FAVOURS_CUSTOMER);
	period_case("The hosting charge is EUR 4,000 monthly.",
	            "The hosting charge is EUR 50,000 p.a.",
	            "EUR 4,000 monthly", "EUR 50,000 p.a.",
	            CLINT_FAVOURS_SUPPLIER);
	period_case("The consultancy rate is EUR 95 an hour.",
	            "The consultancy rate is EUR 95 a day.",
	            "EUR 95 an hour", "EUR 95 a day", CLINT_FAVOURS_UNKNOWN);
	period_case("Overdue sums bear interest at 1.5% per month.",
	            "Overdue sums bear interest at 1.5% per annum.",
	            "1.5% per month", "1.5% per annum", CLINT_FAVOURS_CUSTOMER);
	/* a whole word: "a weekday" gives no period */
	period_case("The standby fee is EUR 100 a weekday.",
	            "The standby fee is EUR 200 a weekday.",
	            "EUR 100", "EUR 200", CLINT_FAVOURS_SUPPLIER);
	/* the same in a year: changed, not judged */
	period_case("The hosting charge is EUR 12,000 per year.",
	            "The hosting charge is EUR 1,000 per month.",
	            "EUR 12,000 per year", "EUR 1,000 per month",
	            CLINT_FAVOURS_UNKNOWN);
	/* an availability is no sum paid per period: not added up */
	period_case("The Service shall be available 99.9% per calendar year.",
	            "The Service shall be available 99.5% per calendar month.",
	            "99.9% per calendar year", "99.5% per calendar month",
	            CLINT_FAVOURS_UNKNOWN);
	/* words read as a period on one side only still touch the value on
	 * both: a change, not a sum removed */
	period_case("The hosting charge is EUR 4,000 per month.",
	            "The hosting charge is EUR 4,000 per user per month.",
	            "EUR 4,000 per month", "EUR 4,000", CLINT_FAVOURS_UNKNOWN);
	value_case("1. Charges\n\n1.1 The hosting charge is EUR 4,000 per "
	           "quarter.\n",
	           "1. Charges\n\n1.1 The hosting charge is EUR 4,000 per "
	           "calendar quarter.\n",
	           "");
	/* a line break before the period */
	value_case("1. Charges\n\n1.1 The hosting charge is EUR 4,000\nper "
	           "month.\n",
	           "1. Charges\n\n1.1 The hosting charge is EUR 4,000 per month, "
	           "payable in advance.\n",
	           "");
	/* "a month after" is a time, not a period */
	period_case("The Client shall pay EUR 500 a month after signature.",
	            "The Client shall pay EUR 700 a month after signature.",
	            "EUR 500", "EUR 700", CLINT_FAVOURS_SUPPLIER);
	/* the same sum and period, other words changed: no value change */
	value_case("1. Charges\n\n1.1 The hosting charge is EUR 4,000 per "
	           "month.\n",
	           "1. Charges\n\n1.1 The hosting fee is EUR 4,000 per month, "
	           "invoiced in advance.\n",
	           "");
	/* moved and given another period: a change, not the same value
	 * moved (which is not reported) */
	value_case("1. Charges\n\n1.1 The fee is EUR 4,000 per month. The "
	           "Client shall keep records.\n",
	           "1. Charges\n\n1.1 The Client shall keep records. The fee is "
	           "EUR 4,000 per year.\n",
	           "C4000>4000 ");
}

/* Values in unchanged text are the same value; the values a run of
 * changes touches pair in text order; what is left is added or removed;
 * a value moved within its section is neither. */
static void test_value_added_removed(void **state)
{
	(void)state;
	assert_string_equal(clint_value_change_name(CLINT_VALUE_CHANGED),
	                    "changed");
	assert_string_equal(clint_value_change_name(CLINT_VALUE_ADDED), "added");
	assert_string_equal(clint_value_change_name(CLINT_VALUE_REMOVED),
	                    "removed");
	assert_string_equal(clint_value_change_name((clint_value_change)9),
	                    "unknown");
	/* a right deleted: the 30 days are removed, not changed into 10 */
	value_case("1. Termination\n\n1.1 Either party may terminate on 30 days' "
	           "notice, or on 10 days' notice for material breach.\n",
	           "1. Termination\n\n1.1 Either party may terminate on 10 days' "
	           "notice for material breach.\n",
	           "R30 ");
	/* and put back */
	value_case("1. Termination\n\n1.1 Either party may terminate on 10 days' "
	           "notice for material breach.\n",
	           "1. Termination\n\n1.1 Either party may terminate on 30 days' "
	           "notice, or on 10 days' notice for material breach.\n",
	           "A30 ");
	/* a change, and a value added after it */
	value_case("1. Payment\n\n1.1 The Client shall pay within thirty (30) "
	           "days.\n",
	           "1. Payment\n\n1.1 The Client shall pay within forty-five (45) "
	           "days. Late payments bear interest of 2% per month.\n",
	           "C30>45 A2 ");
	/* a word inserted inside a value changes it */
	value_case("1. Payment\n\n1.1 The Client shall pay within 30 days.\n",
	           "1. Payment\n\n1.1 The Client shall pay within 30 business "
	           "days.\n",
	           "C30>42 ");
	/* sentences swapped: the values moved, nothing changed */
	value_case("1. Payment\n\n1.1 The set-up fee is USD 1,000. Support costs "
	           "are billed within 30 days. The Client shall keep records.\n",
	           "1. Payment\n\n1.1 Support costs are billed within 30 days. "
	           "The Client shall keep records. The set-up fee is USD 1,000.\n",
	           "");
	/* a value cut or extended at its edge is changed, not removed or
	 * added ("USD 5 [-million-]", "EUR 100{+,50+}"), and words changed
	 * next to a value leave it alone */
	value_case("1. Fees\n\n1.1 The total liability shall not exceed USD 5 "
	           "million in aggregate.\n",
	           "1. Fees\n\n1.1 The total liability shall not exceed USD 5 "
	           "in aggregate.\n",
	           "C5e+06>5 ");
	value_case("1. Fees\n\n1.1 The fee is EUR 100 a month.\n",
	           "1. Fees\n\n1.1 The fee is EUR 100,50 a month.\n",
	           "C100>100.5 ");
	value_case("1. Payment\n\n1.1 The Client shall pay within 30 days of "
	           "receipt.\n",
	           "1. Payment\n\n1.1 The Client shall pay within 30 days after "
	           "delivery.\n",
	           "");
	/* tiers shifted in one change: each changed in place, not 5 -> 20
	 * with 10 taken for unchanged */
	value_case("1. Credits\n\n1.1 A service credit of 5% or 10% of the "
	           "monthly Charges applies.\n",
	           "1. Credits\n\n1.1 A service credit of 10% or 20% of the "
	           "monthly Charges applies.\n",
	           "C5>10 C10>20 ");
	/* cosmetic: the same value written otherwise */
	value_case("1. Payment\n\n1.1 The Client shall pay within thirty (30) "
	           "days.\n",
	           "1. Payment\n\n1.1 The Client shall pay within 30 days.\n", "");
}

static void test_value_table(void **state)
{
	(void)state;
	value_change("7. Liability\n\n7.1 Each party's total liability shall not "
	             "exceed twelve (12) months' fees.\n",
	             "7. Liability\n\n7.1 Each party's total liability shall not "
	             "exceed three (3) months' fees.\n",
	             "Liability cap", CLINT_FAVOURS_SUPPLIER);
	value_change("5. Payment\n\n5.1 The Client shall pay each invoice within "
	             "thirty (30) days.\n",
	             "5. Payment\n\n5.1 The Client shall pay each invoice within "
	             "sixty (60) days.\n",
	             "Payment terms", CLINT_FAVOURS_CUSTOMER);
	value_change("3. Service Levels\n\n3.1 Availability shall be at least "
	             "99.9% in each month.\n",
	             "3. Service Levels\n\n3.1 Availability shall be at least "
	             "99.5% in each month.\n",
	             "Availability", CLINT_FAVOURS_SUPPLIER);
	/* a price table's cells, a block each: the words of the next row
	 * ("Service credit") are not the fee's (it read as a credit) */
	value_change("2. Fees\n\nMonthly fee\n\nEUR 12,500.00\n\nService credit "
	             "per missed level\n\nten (10) per cent\n",
	             "2. Fees\n\nMonthly fee\n\nEUR 14,500.00\n\nService credit "
	             "per missed level\n\nten (10) per cent\n",
	             "Charges", CLINT_FAVOURS_SUPPLIER);
	/* nor those of the row before the label ("Service credit ... 5%") */
	value_change("2. Fees\n\nService credit per missed level\n\n5%\n\n"
	             "Set-up fee\n\nEUR 1,000.00\n",
	             "2. Fees\n\nService credit per missed level\n\n5%\n\n"
	             "Set-up fee\n\nEUR 2,000.00\n",
	             "Charges", CLINT_FAVOURS_SUPPLIER);
	/* ... but a paragraph runs on over a plain text's line ends */
	value_change("1. Credits\n\nThe Supplier shall pay EUR 10,000\nas service "
	             "credits for each failure.\n",
	             "1. Credits\n\nThe Supplier shall pay EUR 20,000\nas service "
	             "credits for each failure.\n",
	             "Service credits", CLINT_FAVOURS_CUSTOMER);
	/* no row of the table: reported under its kind, no judgement */
	value_change("9. Misc\n\n9.1 The office has 40 parking spaces worth "
	             "USD 1,000.\n",
	             "9. Misc\n\n9.1 The office has 40 parking spaces worth "
	             "USD 2,000.\n",
	             "Amount", CLINT_FAVOURS_UNKNOWN);
	value_change("9. Fees\n\n9.1 The set-up fee is USD 1,000.\n",
	             "9. Fees\n\n9.1 The set-up fee is USD 2,000.\n", "Charges",
	             CLINT_FAVOURS_SUPPLIER);
	/* "EUR 2.500" is two thousand five hundred euros: a fall to EUR
	 * 1,000 is the customer paying less (2.5 against 1000 read as more) */
	value_change("9. Fees\n\n9.1 The set-up fee is EUR 2.500.\n",
	             "9. Fees\n\n9.1 The set-up fee is EUR 1,000.\n", "Charges",
	             CLINT_FAVOURS_CUSTOMER);
	/* who bears a cost is not what the value is: the cover is insurance
	 * (it read as a charge, favouring the customer when it fell) */
	value_change("8. Insurance\n\n8.1 The Supplier shall maintain, at its "
	             "own cost, cover of EUR 5,000,000 under a professional "
	             "indemnity insurance policy.\n",
	             "8. Insurance\n\n8.1 The Supplier shall maintain, at its "
	             "own cost, cover of EUR 2,000,000 under a professional "
	             "indemnity insurance policy.\n",
	             "Insurance cover", CLINT_FAVOURS_SUPPLIER);
	value_change("9. Misc\n\n9.1 The Supplier shall give training worth "
	             "USD 1,000 free of charge.\n",
	             "9. Misc\n\n9.1 The Supplier shall give training worth "
	             "USD 2,000 free of charge.\n",
	             "Amount", CLINT_FAVOURS_UNKNOWN);
	/* a charge word inside another word is not one ("separate",
	 * "operate", "discharge") */
	value_change("9. Misc\n\n9.1 A separate deposit of USD 1,000 helps "
	             "operate and discharge the escrow.\n",
	             "9. Misc\n\n9.1 A separate deposit of USD 2,000 helps "
	             "operate and discharge the escrow.\n",
	             "Amount", CLINT_FAVOURS_UNKNOWN);
	value_change("9. Fees\n\n9.1 A surcharge of USD 1,000 applies.\n",
	             "9. Fees\n\n9.1 A surcharge of USD 2,000 applies.\n",
	             "Charges", CLINT_FAVOURS_SUPPLIER);
	/* ... nor a bearer phrase ("own cost" in "wind-down costs") */
	value_change("9. Exit\n\n9.1 The Customer shall reimburse the wind-down "
	             "costs of USD 50,000.\n",
	             "9. Exit\n\n9.1 The Customer shall reimburse the wind-down "
	             "costs of USD 90,000.\n",
	             "Charges", CLINT_FAVOURS_SUPPLIER);
	/* a word after a curly quote or a no-break space starts a word */
	value_change("9. Fees\n\n9.1 The \xE2\x80\x9c" "Charges\xE2\x80\x9d are "
	             "USD 1,000 a month.\n",
	             "9. Fees\n\n9.1 The \xE2\x80\x9c" "Charges\xE2\x80\x9d are "
	             "USD 2,000 a month.\n",
	             "Charges", CLINT_FAVOURS_SUPPLIER);
	value_change("9. Misc\n\n9.1 The monthly\xC2\xA0" "fee is USD 1,000.\n",
	             "9. Misc\n\n9.1 The monthly\xC2\xA0" "fee is USD 2,000.\n",
	             "Charges", CLINT_FAVOURS_SUPPLIER);
}

/* ---- render*.c ---------------------------------------------------------------- */

static void render(const clint_diff *d, clint_diff_output fmt, int subst,
                   unit_sink *sink)
{
	clint_diff_render_options o = CLINT_DIFF_RENDER_OPTIONS_INIT;

	o.format = fmt;
	o.substantive_only = subst;
	memset(sink, 0, sizeof(*sink));
	assert_int_equal(clint_diff_render(d, &o, unit_sink_write, sink),
	                 CLINT_OK);
	assert_non_null(sink->data);
}

/* Counts the alignment entries of each kind. */
static void kinds(const clint_diff *d, size_t *count)
{
	clint_diff_section s;
	size_t i;

	memset(count, 0, 5 * sizeof(*count));
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		assert_true((unsigned)s.kind < 5);
		count[s.kind]++;
	}
}

/* An empty revision on either side; white space of every kind and
 * non-ASCII words that are the same; renders of each. */
static void test_edge_documents(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *empty = unit_text("");
	clint_doc *full = unit_text(old_text);
	clint_doc *a = unit_text("1. Gebühren\n\n1.1 Die Gebühr beträgt "
	                         "\xe2\x82\xac 100\xc2\xa0pro Monat.\n\n"
	                         "2. Laufzeit\n\n2.1 Zwölf Monate.\n");
	clint_doc *b = unit_text("1. Gebühren\n\n1.1 Die Gebühr\xe2\x80\x83"
	                         "beträgt \xe2\x82\xac 100 pro\xe2\x80\xa8Monat.\n\n"
	                         "2. Laufzeit\n\n2.1 Zwölf  Monate.\n");
	clint_diff *d = NULL;
	size_t k[5];
	unit_sink sink;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, empty, full, NULL, NULL), CLINT_OK);
	kinds(d, k);
	assert_true(k[CLINT_CHANGE_ADDED] >= 4);
	/* an empty revision has no sections, not an empty preamble */
	assert_int_equal(k[CLINT_CHANGE_REMOVED] + k[CLINT_CHANGE_MODIFIED] +
	                 k[CLINT_CHANGE_MOVED], 0);
	render(d, CLINT_DIFF_OUTPUT_MARKDOWN, 0, &sink);
	unit_assert_contains(sink.data, "added");
	unit_sink_free(&sink);
	clint_diff_free(d);

	assert_int_equal(clint_diff_new(&d, rs, full, empty, NULL, NULL), CLINT_OK);
	kinds(d, k);
	assert_true(k[CLINT_CHANGE_REMOVED] >= 4);
	assert_int_equal(k[CLINT_CHANGE_ADDED] + k[CLINT_CHANGE_MODIFIED] +
	                 k[CLINT_CHANGE_MOVED], 0);
	render(d, CLINT_DIFF_OUTPUT_HTML, 0, &sink);
	unit_assert_contains(sink.data, "</html>");
	unit_sink_free(&sink);
	clint_diff_free(d);

	/* only white space differs: nothing substantive */
	assert_int_equal(clint_diff_new(&d, rs, a, b, NULL, NULL), CLINT_OK);
	kinds(d, k);
	assert_int_equal(k[CLINT_CHANGE_ADDED] + k[CLINT_CHANGE_REMOVED] +
	                 k[CLINT_CHANGE_MOVED], 0);
	render(d, CLINT_DIFF_OUTPUT_TEXT, 1, &sink);
	if (strstr(sink.data, "[-") || strstr(sink.data, "{+"))
		fail_msg("white space shown as a change:\n%s", sink.data);
	unit_sink_free(&sink);
	clint_diff_free(d);

	clint_doc_free(a);
	clint_doc_free(b);
	clint_doc_free(empty);
	clint_doc_free(full);
	clint_ruleset_free(rs);
}

static void test_render_text(void **state)
{
	fixture *f = *state;
	unit_sink s;

	render(f->d, CLINT_DIFF_OUTPUT_TEXT, 0, &s);
	unit_assert_contains(s.data, "moved § 1.2 (Scope) -> § 3.3 (Service Levels)");
	unit_assert_contains(s.data, "[-then-current rates-]{+rates in Schedule 2+}");
	unit_assert_contains(s.data, "removed § 2.3 (Charges)");
	unit_assert_contains(s.data, "added § 4.3 (Termination)");
	unit_assert_contains(s.data, "(cosmetic) ");
	unit_assert_contains(s.data, "Notice to terminate: ninety (90) days' -> "
	                             "thirty (30) days' (favours the customer");
	unit_assert_contains(s.data, "gone: Title of t-penalty, § 3.1 (Service "
	                             "Levels) in OLD, is gone in NEW");
	unit_sink_free(&s);
	render(f->d, CLINT_DIFF_OUTPUT_TEXT, 1, &s);
	if (strstr(s.data, "(cosmetic)"))
		fail_msg("--substantive-only shows a cosmetic change:\n%s", s.data);
	unit_sink_free(&s);
}

static void test_render_formats(void **state)
{
	fixture *f = *state;
	unit_sink s;

	render(f->d, CLINT_DIFF_OUTPUT_JSON, 0, &s);
	unit_assert_contains(s.data, "\"change\": \"moved\"");
	unit_assert_contains(s.data, "\"favours\": \"customer\"");
	unit_assert_contains(s.data, "\"change\": \"gone\"");
	unit_sink_free(&s);
	render(f->d, CLINT_DIFF_OUTPUT_MARKDOWN, 0, &s);
	unit_assert_contains(s.data, "~~then-current rates~~ **rates in Schedule 2**");
	unit_assert_contains(s.data, "| **clause gone** |");
	unit_sink_free(&s);
	render(f->d, CLINT_DIFF_OUTPUT_HTML, 0, &s);
	unit_assert_contains(s.data, "<del>then-current rates</del>");
	unit_assert_contains(s.data, "<ins>rates in Schedule 2</ins>");
	unit_assert_contains(s.data, "<del class=\"cos\">");
	unit_assert_contains(s.data, "</html>");
	unit_sink_free(&s);
	render(f->d, CLINT_DIFF_OUTPUT_SARIF, 0, &s);
	unit_assert_contains(s.data, "\"version\": \"2.1.0\"");
	unit_assert_contains(s.data, "\"ruleId\": \"t-penalty\"");
	/* the resolved finding is not a SARIF result */
	if (strstr(s.data, "\"ruleId\": \"t-then-current\""))
		fail_msg("SARIF carries a resolved finding:\n%s", s.data);
	unit_sink_free(&s);
}

/* Fails unless every list and object in the JSON `s` has its commas only
 * between members: none after an opening bracket or brace, none before a
 * closing one, none doubled (strings skipped). */
static void assert_json_commas(const char *s)
{
	const char *p;
	char prev = 0;  /* the last character outside strings and white space */

	for (p = s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
			continue;
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++)
				if (*p == '\\' && p[1])
					p++;
			assert_true(*p == '"');
			prev = '"';
			continue;
		}
		if ((*p == ',' && (prev == '[' || prev == '{' || prev == ',')) ||
		    ((*p == ']' || *p == '}') && prev == ','))
			fail_msg("misplaced comma at offset %ld:\n%s", (long)(p - s), s);
		prev = *p;
	}
}

/* --substantive-only drops a section's cosmetic hunks: when the first one
 * is cosmetic, the next is still written without a comma before it. */
static void test_render_json_substantive_first_cosmetic(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *a = unit_text("1. Payment\n\n1.1 The Customer shall pay $1,000 "
	                         "within the period. The Supplier shall deliver "
	                         "the goods within thirty days of the order, and "
	                         "so on for the rest of it.\n");
	clint_doc *b = unit_text("1. Payment\n\n1.1 The Customer shall pay $1000 "
	                         "within the period. The Supplier shall deliver "
	                         "the goods within sixty days of the order, and "
	                         "so on for the rest of it.\n");
	clint_diff *d = NULL;
	clint_diff_section sec;
	clint_diff_hunk h;
	unit_sink sink;
	size_t i;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, a, b, NULL, NULL), CLINT_OK);
	/* the premise: a modified section whose first hunk is cosmetic,
	 * with a substantive one after it */
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &sec), CLINT_OK);
		if (sec.kind == CLINT_CHANGE_MODIFIED)
			break;
	}
	assert_true(i < clint_diff_section_count(d));
	assert_true(sec.hunk_count >= 2);
	assert_int_equal(clint_diff_hunk_get(d, i, 0, &h), CLINT_OK);
	assert_true(h.cosmetic);
	assert_int_equal(clint_diff_hunk_get(d, i, 1, &h), CLINT_OK);
	assert_false(h.cosmetic);

	render(d, CLINT_DIFF_OUTPUT_JSON, 1, &sink);
	assert_json_commas(sink.data);
	unit_assert_contains(sink.data, "\"hunks\": [{");
	unit_sink_free(&sink);
	render(d, CLINT_DIFF_OUTPUT_JSON, 0, &sink);
	assert_json_commas(sink.data);
	unit_assert_contains(sink.data, "\"cosmetic\": true");
	unit_sink_free(&sink);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_ruleset_free(rs);
}

/* Fails if `s` holds a control character other than a line end: C0, DEL,
 * or a C1 control (U+0080..U+009F, as UTF-8). `what` names the output. */
static void assert_no_controls(const char *s, const char *what)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7F ||
		    (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			fail_msg("%s: control character 0x%02x at offset %ld:\n%s", what,
			         p[0] == 0xC2 ? p[1] : p[0], (long)((const char *)p - s),
			         s);
}

/* The terminal escaper shared by the check and diff text reports
 * (clint_term_char(): bidirectional overrides and isolates too). */
static void test_term_str(void **state)
{
	static const char in[] = "a\tb\x1b]0;t\x07\x1b[2J\x7f\xc2\x9b"
	                         "6n\xc2\xa7 \xe2\x80\x94\xff\r\nz"
	                         "\xe2\x80\xae" "01\xe2\x81\xa9";
	clint_buf b = CLINT_BUF_INIT;

	(void)state;
	assert_int_equal(clint_term_str(&b, in, sizeof(in) - 1), CLINT_OK);
	assert_int_equal(clint_buf_putc(&b, '\0'), CLINT_OK);
	assert_string_equal(b.data, "a b?]0;t??[2J??6n\xc2\xa7 \xe2\x80\x94"
	                            "???z?01?");
	b.len = 0;
	assert_int_equal(clint_term_cstr(&b, NULL), CLINT_OK);
	assert_int_equal(b.len, 0);
	clint_buf_free(&b);
}

/* Document text, section labels and file labels reach the terminal with
 * no control character: the words that changed, the headings and the
 * labels carry ESC sequences (set the window title, clear the screen),
 * BEL, DEL and U+009B (CSI). */
static void test_render_text_controls(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *a = unit_text("1. Pay\x1b]0;x\x07ment\n\n1.1 The Client shall "
	                         "pay within thirty days of receipt.\n\n"
	                         "2. Gone\x7f\n\n2.1 The Supplier shall pay "
	                         "service credits.\n");
	clint_doc *b = unit_text("1. Pay\x1b]0;x\x07ment\n\n1.1 The Client shall "
	                         "pay within \x1b]0;pwned\x07\x1b[2J\xc2\x9b"
	                         "31mEVIL\x7f days at the then-current rates.\n\n"
	                         "3. New\xc2\x9b" "1m\n\n3.1 Added \x1b[5m text.\n");
	clint_diff_render_options o = CLINT_DIFF_RENDER_OPTIONS_INIT;
	clint_diff *d = NULL;
	unit_sink sink;
	int subst;

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, a, b, NULL, NULL), CLINT_OK);
	for (subst = 0; subst < 2; subst++) {
		render(d, CLINT_DIFF_OUTPUT_TEXT, subst, &sink);
		assert_no_controls(sink.data, "text");
		/* the text is shown, its controls as "?" */
		unit_assert_contains(sink.data, "{+?]0;pwned??[2J?31mEVIL?");
		unit_sink_free(&sink);
	}
	/* the labels of the library's options go the same way */
	o.format = CLINT_DIFF_OUTPUT_TEXT;
	o.old_label = "old\x1b]0;t\x07\n.txt";
	o.new_label = "new\xc2\x9b" "2J.txt";
	memset(&sink, 0, sizeof(sink));
	assert_int_equal(clint_diff_render(d, &o, unit_sink_write, &sink), CLINT_OK);
	assert_non_null(sink.data);
	assert_no_controls(sink.data, "text with labels");
	unit_assert_contains(sink.data, "old?]0;t??.txt -> new?2J.txt");
	unit_sink_free(&sink);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_ruleset_free(rs);
}

/* Digits past a double's range: "USD 1" and 400 zeros. */
#define HUGE_DIGITS "1" ZEROS100 ZEROS100 ZEROS100 ZEROS100
#define ZEROS100 "0000000000000000000000000000000000000000000000000000000000" \
                 "000000000000000000000000000000000000000000"

/* Counts the hits of a drafting check (clint_run_check()), keeping the
 * last message. */
typedef struct {
	size_t count;
	char msg[256];
} check_hits;

static int count_hit(void *ctx, size_t start, size_t end, char *detail)
{
	check_hits *h = ctx;

	(void)start;
	(void)end;
	h->count++;
	snprintf(h->msg, sizeof(h->msg), "%s", detail ? detail : "");
	free(detail);
	return CLINT_OK;
}

/* An amount too large for a double is no value: none of infinite amount
 * or days is recorded (digits, scaled by "billion", a duration in days),
 * words restated in such digits are not compared with "inf", and the
 * diff's JSON has no "inf" in it. */
static void test_values_not_finite(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *a = unit_text(
		"1. Charges\n\n1.1 The fee is USD " HUGE_DIGITS " a year.\n\n"
		"1.2 The bond is USD 1" ZEROS100 ZEROS100 ZEROS100 " billion.\n\n"
		"1.3 The term is 1" ZEROS100 ZEROS100 ZEROS100 "0000000 years.\n\n"
		"1.4 The deposit is USD 7.\n");
	clint_doc *b = unit_text("1. Charges\n\n1.1 The fee is USD 5 a year.\n\n"
	                         "1.2 The bond is USD 6.\n\n"
	                         "1.3 The term is 2 years.\n\n"
	                         "1.4 The deposit is USD 8.\n");
	clint_doc *w = unit_text("Pay within ten (" HUGE_DIGITS ") days.\n\n"
	                         "Pay within ten (20) days.\n");
	clint_diff *d = NULL;
	check_hits hits = {0, ""};
	clint_value v;
	unit_sink sink;
	size_t i, n;

	(void)state;
	n = clint_doc_value_count(a);
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_doc_value(a, i, &v), CLINT_OK);
		if (!isfinite(v.amount) || !isfinite(v.days))
			fail_msg("value %zu: amount %g, days %g", i, v.amount, v.days);
	}
	/* the usable amount beside them is still found */
	assert_int_equal(n, 1);
	assert_int_equal(clint_doc_value(a, 0, &v), CLINT_OK);
	assert_true(v.amount == 7);

	/* words and digits compared only when the digits are a number */
	assert_int_equal(clint_run_check(CLINT_CHECK_WORDS_DIGITS, w, NULL, count_hit,
	                                 &hits),
	                 CLINT_OK);
	assert_int_equal(hits.count, 1);
	unit_assert_contains(hits.msg, "the digits say 20");

	assert_int_equal(clint_diff_new(&d, rs, a, b, NULL, NULL), CLINT_OK);
	render(d, CLINT_DIFF_OUTPUT_JSON, 0, &sink);
	assert_json_commas(sink.data);
	if (strstr(sink.data, ": inf") || strstr(sink.data, ": -inf") ||
	    strstr(sink.data, ": nan"))
		fail_msg("a number that is not finite in the JSON:\n%s", sink.data);
	unit_sink_free(&sink);
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_doc_free(w);
	clint_ruleset_free(rs);
}

/* A file name or label with a backtick, a line end, an HTML tag and an
 * ESC sequence stays one line of literal text in Markdown (escaped, no
 * code span to break out of, no raw tag) and in the text output. */
static void test_render_hostile_labels(void **state)
{
	static const char old_label[] =
		"a`b\nc<img src=x onerror=alert(1)>\x1b]0;t\x07.txt";
	fixture *f = *state;
	clint_diff_render_options o = CLINT_DIFF_RENDER_OPTIONS_INIT;
	unit_sink sink;
	char *nl;

	o.old_label = old_label;
	o.new_label = "new`.txt";
	o.format = CLINT_DIFF_OUTPUT_MARKDOWN;
	memset(&sink, 0, sizeof(sink));
	assert_int_equal(clint_diff_render(f->d, &o, unit_sink_write, &sink),
	                 CLINT_OK);
	assert_non_null(sink.data);
	nl = strchr(sink.data, '\n');
	assert_non_null(nl);
	*nl = '\0';
	assert_string_equal(sink.data,
	                    "# Contract diff: a\\`b c\\<img src=x "
	                    "onerror=alert(1)\\>\xef\xbf\xbd\\]0;t\xef\xbf\xbd.txt "
	                    "\xe2\x86\x92 new\\`.txt");
	assert_true(nl[1] == '\n');  /* the blank line after the heading */
	unit_sink_free(&sink);

	o.format = CLINT_DIFF_OUTPUT_TEXT;
	memset(&sink, 0, sizeof(sink));
	assert_int_equal(clint_diff_render(f->d, &o, unit_sink_write, &sink),
	                 CLINT_OK);
	assert_non_null(sink.data);
	assert_no_controls(sink.data, "text");
	nl = strchr(sink.data, '\n');
	assert_non_null(nl);
	*nl = '\0';
	assert_string_equal(sink.data, "clauselint diff: a`b?c<img src=x "
	                               "onerror=alert(1)>?]0;t?.txt -> new`.txt");
	unit_sink_free(&sink);
}

/* A value's text longer than the buffer is cut on a character boundary:
 * the 128-byte buffer would end inside the euro sign at byte 126. */
static void test_value_text_cut_on_character(void **state)
{
	/* "USD " + 120 digits + " (" puts the first euro sign at byte 126 */
	clint_doc *a = unit_text("1. Fees\n\n1.1 The fee is USD " ZEROS100
	                         "12345678901234567890 (\xe2\x82\xac\xe2\x82\xac"
	                         "\xe2\x82\xac) a year.\n");
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_diff *d = NULL;
	clint_value v;
	char out[128];

	(void)state;
	assert_int_equal(clint_diff_new(&d, rs, a, a, NULL, NULL), CLINT_OK);
	assert_int_equal(clint_doc_value_count(a), 1);
	assert_int_equal(clint_doc_value(a, 0, &v), CLINT_OK);
	/* the premise: the value runs past the buffer, a character across
	 * its last byte */
	assert_true(v.end - v.start > sizeof(out));
	assert_memory_equal(clint_doc_text(a, NULL) + v.start + 124,
	                    " (\xe2\x82\xac", 5);
	clint_diff_value_text(d, 1, &v, out, sizeof(out));
	assert_true(clint_utf8_valid(out, strlen(out)));
	assert_int_equal(strlen(out), 126);
	assert_memory_equal(out + 121, "890 (", 5);
	clint_diff_free(d);
	clint_ruleset_free(rs);
	clint_doc_free(a);
}

static void test_render_errors(void **state)
{
	fixture *f = *state;
	clint_diff_render_options o = CLINT_DIFF_RENDER_OPTIONS_INIT;
	clint_diff_output out;
	unit_sink s;

	memset(&s, 0, sizeof(s));
	s.fail = 1;
	assert_int_equal(clint_diff_render(f->d, &o, unit_sink_write, &s),
	                 CLINT_EIO);
	o.version = 99;
	assert_int_equal(clint_diff_render(f->d, &o, unit_sink_write, &s),
	                 CLINT_EINVAL);
	assert_int_equal(clint_diff_render(NULL, NULL, unit_sink_write, &s),
	                 CLINT_EINVAL);
	assert_int_equal(clint_diff_output_from_name(&out, "md"), CLINT_OK);
	assert_int_equal(out, CLINT_DIFF_OUTPUT_MARKDOWN);
	assert_int_equal(clint_diff_output_from_name(&out, "pdf"), CLINT_EINVAL);
}

/* ---- API ---------------------------------------------------------------------- */

/* A revision diffed with itself changes nothing, even when the check of
 * one side stops at its CPU-time limit: the rules that did not run there
 * are left out on both sides, not reported as resolved or appeared. The
 * fake clock stops the checks at each CPU clock read in turn: OLD's
 * reads first, then NEW's. The OLD revision has a finding
 * (t-then-current), the NEW one a missing clause (t-penalty). */
static void timed_out_side(const fixture *f, const clint_doc *doc,
                           size_t risks, size_t clauses)
{
	clint_diff_options o = CLINT_DIFF_OPTIONS_INIT;
	clint_diff_risk rk;
	clint_diff_clause c;
	clint_diff *d = NULL;
	size_t k, i, reads, stopped_old = 0, stopped_new = 0;
	int a, b;

	o.max_cpu_seconds = 1;
	/* how many times the two checks read the clock: at each read but the
	 * first of each (which sets its deadline) the diff can stop */
	fake_clock_start(0);
	assert_int_equal(clint_diff_new(&d, f->rs, doc, doc, &o, NULL), CLINT_OK);
	fake_clock_stop();
	reads = fake_clock_reads;
	assert_int_equal(clint_diff_risk_count(d), risks);
	assert_int_equal(clint_diff_clause_count(d), clauses);
	clint_diff_free(d);
	d = NULL;
	for (k = 2; k <= reads; k++) {
		fake_clock_start(k);
		assert_int_equal(clint_diff_new(&d, f->rs, doc, doc, &o, NULL),
		                 CLINT_OK);
		fake_clock_stop();
		a = clint_result_timed_out(clint_diff_old_result(d));
		b = clint_result_timed_out(clint_diff_new_result(d));
		if (!a && !b) {  /* k set NEW's deadline */
			assert_int_equal(clint_diff_risk_count(d), risks);
			assert_int_equal(clint_diff_clause_count(d), clauses);
			clint_diff_free(d);
			d = NULL;
			continue;
		}
		assert_false(a && b);
		assert_true(a ? stopped_new == 0 : 1);  /* OLD's reads come first */
		stopped_old += a;
		stopped_new += b;
		for (i = 0; i < clint_diff_risk_count(d); i++) {
			assert_int_equal(clint_diff_risk_get(d, i, &rk), CLINT_OK);
			assert_int_equal(rk.change, CLINT_RISK_UNCHANGED);
		}
		for (i = 0; i < clint_diff_clause_count(d); i++) {
			assert_int_equal(clint_diff_clause_get(d, i, &c), CLINT_OK);
			assert_int_equal(c.change, CLINT_RISK_UNCHANGED);
		}
		clint_diff_free(d);
		d = NULL;
	}
	assert_true(stopped_old >= 2 && stopped_new >= 2);
	assert_int_equal(stopped_old + stopped_new + 2, reads);
}

static void test_timed_out_side(void **state)
{
	const fixture *f = *state;

	timed_out_side(f, f->old_doc, 1, 0);
	timed_out_side(f, f->new_doc, 0, 1);
}

/* A test that fails between fake_clock_start() and fake_clock_stop()
 * leaves the clock fake: the later tests get the real one back. */
static int teardown_clock(void **state)
{
	fake_clock_stop();
	return teardown(state);
}

static void test_api(void **state)
{
	fixture *f = *state;
	clint_diff_options o = CLINT_DIFF_OPTIONS_INIT;
	clint_diff *d = NULL;
	clint_diff_section s;

	assert_int_equal(clint_diff_new(&d, NULL, f->old_doc, f->new_doc, NULL,
	                                NULL),
	                 CLINT_EINVAL);
	assert_null(d);
	o.version = 7;
	assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, f->new_doc, &o,
	                                NULL),
	                 CLINT_EINVAL);
	/* the CPU-time limit reaches both checks; version 1 has none (the
	 * default); a bad limit is refused as clint_check() refuses it */
	o.version = CLINT_DIFF_OPTIONS_VERSION;
	o.max_cpu_seconds = 1e-9;
	assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, f->new_doc, &o,
	                                NULL),
	                 CLINT_OK);
	assert_int_equal(clint_result_timed_out(clint_diff_old_result(d)), 1);
	assert_int_equal(clint_result_timed_out(clint_diff_new_result(d)), 1);
	assert_int_equal(clint_diff_risk_count(d), 0);
	clint_diff_free(d);
	d = NULL;
	assert_int_equal(clint_result_timed_out(clint_diff_old_result(f->d)), 0);
	o.version = 1;
	assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, f->new_doc, &o,
	                                NULL),
	                 CLINT_OK);
	assert_int_equal(clint_result_timed_out(clint_diff_new_result(d)), 0);
	assert_int_equal(clint_diff_risk_count(d), clint_diff_risk_count(f->d));
	clint_diff_free(d);
	d = NULL;
	o.version = CLINT_DIFF_OPTIONS_VERSION;
	o.max_cpu_seconds = -5;
	assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, f->new_doc, &o,
	                                NULL),
	                 CLINT_EINVAL);
	assert_null(d);
	clint_diff_free(NULL);
	assert_ptr_equal(clint_diff_old_doc(f->d), f->old_doc);
	assert_ptr_equal(clint_diff_new_doc(f->d), f->new_doc);
	assert_ptr_equal(clint_result_doc(clint_diff_old_result(f->d)),
	                 f->old_doc);
	assert_ptr_equal(clint_result_doc(clint_diff_new_result(f->d)),
	                 f->new_doc);
	assert_int_equal(clint_diff_section_get(f->d, 100000, &s), CLINT_EINVAL);
	assert_string_equal(clint_change_kind_name(CLINT_CHANGE_MOVED), "moved");
	assert_string_equal(clint_risk_change_name(CLINT_RISK_RESOLVED),
	                    "resolved");
	assert_int_equal(clint_diff_section_count(NULL), 0);
	/* every accessor on NULL and past the end */
	{
		clint_diff_hunk h;
		clint_diff_risk rk;
		clint_diff_clause c;
		clint_diff_value v;

		assert_null(clint_diff_old_doc(NULL));
		assert_null(clint_diff_new_doc(NULL));
		assert_null(clint_diff_old_result(NULL));
		assert_null(clint_diff_new_result(NULL));
		assert_int_equal(clint_diff_section_get(NULL, 0, &s), CLINT_EINVAL);
		assert_int_equal(clint_diff_section_get(f->d, 0, NULL), CLINT_EINVAL);
		assert_int_equal(clint_diff_hunk_get(NULL, 0, 0, &h), CLINT_EINVAL);
		assert_int_equal(clint_diff_hunk_get(f->d, 100000, 0, &h),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_hunk_get(f->d, 0, 100000, &h),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_risk_count(NULL), 0);
		assert_int_equal(clint_diff_risk_get(NULL, 0, &rk), CLINT_EINVAL);
		assert_int_equal(clint_diff_risk_get(f->d, 100000, &rk), CLINT_EINVAL);
		assert_int_equal(clint_diff_clause_count(NULL), 0);
		assert_int_equal(clint_diff_clause_get(NULL, 0, &c), CLINT_EINVAL);
		assert_int_equal(clint_diff_clause_get(f->d, 100000, &c),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_value_count(NULL), 0);
		assert_int_equal(clint_diff_value_get(NULL, 0, &v), CLINT_EINVAL);
		assert_int_equal(clint_diff_value_get(f->d, 100000, &v),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_introduced_at_least(NULL,
		                                                CLINT_SEVERITY_INFO),
		                 0);
		assert_string_equal(clint_change_kind_name((clint_change_kind)99),
		                    "unknown");
		assert_string_equal(clint_risk_change_name((clint_risk_change)99),
		                    "unknown");
		assert_string_equal(clint_favours_name((clint_favours)99), "unknown");
		assert_int_equal(clint_diff_new(NULL, f->rs, f->old_doc, f->new_doc,
		                                NULL, NULL),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_new(&d, f->rs, NULL, f->new_doc, NULL,
		                                NULL),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, NULL, NULL,
		                                NULL),
		                 CLINT_EINVAL);
		assert_int_equal(clint_diff_output_from_name(NULL, "text"),
		                 CLINT_EINVAL);
	}
}

/* A tiny bound makes every edited section coarse, with a note. */
static void test_coarse_note(void **state)
{
	fixture *f = *state;
	clint_diff_options o = CLINT_DIFF_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_diff *d = NULL;
	clint_diff_section s;

	o.max_word_work = 1;
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, f->new_doc, &o,
	                                diag),
	                 CLINT_OK);
	assert_true(unit_diag_find(diag, "hit its bound") >= 0);
	s = find_section(d, 1, "§ 2.1 (Charges)");
	assert_true(s.coarse);
	assert_int_equal(s.hunk_count, 1);
	clint_diff_free(d);
	clint_diag_free(diag);
}

/* Every format with labels, --substantive-only and (text) colour, on the
 * fixture and on a coarse diff of it. */
static void test_render_options(void **state)
{
	static const clint_diff_output fmts[] = {
		CLINT_DIFF_OUTPUT_TEXT, CLINT_DIFF_OUTPUT_JSON,
		CLINT_DIFF_OUTPUT_MARKDOWN, CLINT_DIFF_OUTPUT_HTML,
		CLINT_DIFF_OUTPUT_SARIF};
	fixture *f = *state;
	clint_diff_options dopt = CLINT_DIFF_OPTIONS_INIT;
	clint_diff *coarse = NULL;
	size_t i, k;

	dopt.max_word_work = 1;
	assert_int_equal(clint_diff_new(&coarse, f->rs, f->old_doc, f->new_doc,
	                                &dopt, NULL),
	                 CLINT_OK);
	for (k = 0; k < 2; k++) {
		const clint_diff *d = k ? coarse : f->d;
		for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
			clint_diff_render_options o = CLINT_DIFF_RENDER_OPTIONS_INIT;
			unit_sink sink;

			memset(&sink, 0, sizeof(sink));
			o.format = fmts[i];
			o.substantive_only = 1;
			o.color = fmts[i] == CLINT_DIFF_OUTPUT_TEXT;
			o.old_label = "draft-v1<&>";
			o.new_label = "draft-v2";
			assert_int_equal(clint_diff_render(d, &o, unit_sink_write, &sink),
			                 CLINT_OK);
			assert_non_null(sink.data);
			/* the label is escaped for the format (JSON and text keep it) */
			if (fmts[i] == CLINT_DIFF_OUTPUT_HTML)
				unit_assert_contains(sink.data, "draft-v1&lt;&amp;&gt;");
			else if (fmts[i] != CLINT_DIFF_OUTPUT_SARIF)
				unit_assert_contains(sink.data, "draft-v2");
			if (fmts[i] == CLINT_DIFF_OUTPUT_TEXT) {
				unit_assert_contains(sink.data, "\x1b[");
				if (strstr(sink.data, "(cosmetic)"))
					fail_msg("substantive-only shows a cosmetic change");
			}
			if (fmts[i] == CLINT_DIFF_OUTPUT_JSON)
				unit_assert_contains(sink.data,
				                     "\"substantive_only\": true");
			unit_sink_free(&sink);
		}
	}
	clint_diff_free(coarse);
}

/* ---- notes after the body --------------------------------------------------- */

#define WNS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define WP(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"

/* A DOCX: an optional title, two clauses, then an optional footnote
 * (numbered "2." as a trap) and footer. */
static clint_doc *notes_docx(const char *title, const char *footnote,
                             const char *footer)
{
	char body[1024], fn[512], ft[512];
	unit_part p[3];
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	unsigned char *zip;
	size_t n = 1, len;

	snprintf(body, sizeof(body),
	         "<w:document xmlns:w=\"" WNS "\"><w:body>%s%s%s"
	         WP("1. Charges") WP("1.1 The Client shall pay EUR 4,000 per month.")
	         WP("2. Term") WP("2.1 This Agreement runs for two years.")
	         "</w:body></w:document>",
	         title ? "<w:p><w:r><w:t>" : "", title ? title : "",
	         title ? "</w:t></w:r></w:p>" : "");
	p[0].name = "word/document.xml";
	p[0].data = body;
	p[0].len = 0;
	if (footnote) {
		snprintf(fn, sizeof(fn),
		         "<w:footnotes xmlns:w=\"" WNS "\"><w:footnote w:id=\"1\">"
		         "<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:footnote>"
		         "</w:footnotes>", footnote);
		p[n].name = "word/footnotes.xml";
		p[n].data = fn;
		p[n++].len = 0;
	}
	if (footer) {
		snprintf(ft, sizeof(ft),
		         "<w:ftr xmlns:w=\"" WNS "\"><w:p><w:r><w:t>%s</w:t></w:r>"
		         "</w:p></w:ftr>", footer);
		p[n].name = "word/footer1.xml";
		p[n].data = ft;
		p[n++].len = 0;
	}
	zip = unit_make_zip(p, n, &len);
	assert_int_equal(clint_doc_load_buffer(&doc, "notes.docx", zip, len, &o,
	                                       NULL),
	                 CLINT_OK);
	free(zip);
	return doc;
}

/* Whether entry s of d is labelled `label` on the given side. */
static int labelled(const clint_diff *d, const clint_diff_section *s, int old,
                    const char *label)
{
	return strcmp(clint_diff_label(d, old, old ? s->old_section : s->new_section,
	                               old ? s->old_start : s->new_start),
	              label) == 0;
}

/* The notes, headers and footers after the body are a unit of their own:
 * a footer "Draft v1" -> "Draft v2" or a footnote's new rate is no edit of
 * the last clause, and the notes pair only with the other side's notes. */
static void test_notes_unit(void **state)
{
	static const char notes[] = "(notes, headers and footers)";
	clint_ruleset *rs = unit_ruleset(pack_xml);
	clint_doc *a = notes_docx(NULL, "2. Excluding VAT.", "Draft v1");
	clint_doc *b = notes_docx(NULL, "2. Including VAT at 20%.", "Draft v2");
	clint_doc *c = notes_docx("This agreement is made on 1 May 2026 between the parties.", NULL, NULL);
	clint_diff *d = NULL;
	clint_diff_section s;
	clint_diff_value v;
	size_t i, modified = 0;

	(void)state;
	assert_int_equal(clint_doc_section_count(a), 4);
	assert_int_equal(clint_diff_new(&d, rs, a, b, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		if (s.kind == CLINT_CHANGE_UNCHANGED)
			continue;
		modified++;
		assert_int_equal(s.kind, CLINT_CHANGE_MODIFIED);
		assert_int_equal(s.old_section, CLINT_NO_SECTION);
		assert_true(labelled(d, &s, 1, notes));
		assert_true(labelled(d, &s, 0, notes));
		assert_int_equal(s.new_start, clint_doc_notes_start(b));
	}
	assert_int_equal(modified, 1);
	/* the footnote's rate is a value of the notes, not of § 2.1 */
	assert_int_equal(clint_diff_value_count(d), 1);
	assert_int_equal(clint_diff_value_get(d, 0, &v), CLINT_OK);
	assert_string_equal(clint_diff_value_label(d, &d->values[0]), notes);
	clint_diff_free(d);

	/* OLD's notes and NEW's preamble do not pair */
	assert_int_equal(clint_diff_new(&d, rs, a, c, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		if (s.kind == CLINT_CHANGE_REMOVED)
			assert_true(labelled(d, &s, 1, notes));
		else if (s.kind == CLINT_CHANGE_ADDED)
			assert_true(labelled(d, &s, 0, "(preamble)"));
		else
			assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
		modified += s.kind != CLINT_CHANGE_UNCHANGED;
	}
	assert_int_equal(modified, 3); /* 1 above, 1 removed, 1 added */
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(c);

	/* OLD's preamble says what both notes say: the preamble is removed
	 * and the notes unchanged (the equal-text pass pairs no preamble
	 * with notes); the finding in it is the one resolved */
	a = notes_docx("Extra work is charged at the then-current rates.",
	               "Extra work is charged at the then-current rates.", NULL);
	c = notes_docx(NULL, "Extra work is charged at the then-current rates.",
	               NULL);
	assert_int_equal(clint_diff_new(&d, rs, a, c, NULL, NULL), CLINT_OK);
	modified = 0;
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		if (s.kind == CLINT_CHANGE_REMOVED)
			assert_true(labelled(d, &s, 1, "(preamble)"));
		else
			assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
		modified += s.kind != CLINT_CHANGE_UNCHANGED;
	}
	assert_int_equal(modified, 1);
	assert_int_equal(clint_diff_risk_count(d), 2);
	for (i = 0; i < 2; i++) {
		clint_diff_risk r;
		assert_int_equal(clint_diff_risk_get(d, i, &r), CLINT_OK);
		if (r.change == CLINT_RISK_RESOLVED)
			assert_true(r.finding.start < clint_doc_notes_start(a) &&
			            r.finding.section == CLINT_NO_SECTION);
		else
			assert_int_equal(r.change, CLINT_RISK_UNCHANGED);
	}
	clint_diff_free(d);
	clint_doc_free(a);
	clint_doc_free(b);
	clint_doc_free(c);
	clint_ruleset_free(rs);
}

/* The same document against itself: everything unchanged. */
static void test_identity(void **state)
{
	fixture *f = *state;
	clint_diff *d = NULL;
	clint_diff_section s;
	size_t i;

	assert_int_equal(clint_diff_new(&d, f->rs, f->old_doc, f->old_doc, NULL,
	                                NULL),
	                 CLINT_OK);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		assert_int_equal(s.kind, CLINT_CHANGE_UNCHANGED);
	}
	assert_int_equal(clint_diff_value_count(d), 0);
	assert_int_equal(clint_diff_introduced_at_least(d, CLINT_SEVERITY_INFO),
	                 0);
	clint_diff_free(d);
}

/* Two documents of 900 sections that share nothing: the similarity pass
 * is windowed (at most CLINT_DIFF_MAX_PAIRS pairs), every section is
 * removed or added, and nothing is paired by accident. */
static void test_alignment_bounded(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack_xml);
	size_t n = 900, i, cap = n * 64 + 64, la = 0, lb = 0;
	char *a = malloc(cap), *b = malloc(cap);
	clint_doc *da, *db;
	clint_diff *d = NULL;
	clint_diff_section s;
	size_t added = 0, removed = 0;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < n; i++) {
		la += (size_t)snprintf(a + la, cap - la, "%zu. Alpha%zu\n\nold%zu "
		                       "words%zu here%zu\n\n", i + 1, i, i, i, i);
		lb += (size_t)snprintf(b + lb, cap - lb, "%zu. Beta%zu\n\nnew%zu "
		                       "terms%zu there%zu\n\n", i + 1, i, i, i, i);
	}
	da = unit_text(a);
	db = unit_text(b);
	assert_int_equal(clint_doc_section_count(da), n);
	assert_int_equal(clint_doc_section_count(db), n);
	assert_int_equal(clint_diff_new(&d, rs, da, db, NULL, NULL), CLINT_OK);
	for (i = 0; i < clint_diff_section_count(d); i++) {
		assert_int_equal(clint_diff_section_get(d, i, &s), CLINT_OK);
		added += s.kind == CLINT_CHANGE_ADDED;
		removed += s.kind == CLINT_CHANGE_REMOVED;
	}
	assert_int_equal(added, clint_doc_section_count(db));
	assert_int_equal(removed, clint_doc_section_count(da));
	clint_diff_free(d);
	clint_doc_free(da);
	clint_doc_free(db);
	clint_ruleset_free(rs);
	free(a);
	free(b);
}

/* The Dice similarity of two word bags as a merge counts it: the model
 * clint_dunit_similarity() must agree with when it searches instead. */
static double similarity_model(const uint32_t *a, size_t na, const uint32_t *b,
                               size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (na + nb == 0)
		return 1.0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)common / (double)(na + nb);
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* Bags of very different sizes (searched) and of close ones (merged),
 * with repeated words, give the merge's value exactly. */
static void test_similarity_small_in_large(void **state)
{
	static const size_t sizes[][2] = {
		{1, 100}, {3, 1000}, {8, 5000}, {16, 257}, {16, 255}, {50, 50},
		{0, 10}, {10, 0}, {5, 17}, {1000, 20},
	};
	uint32_t a[1000], b[5000];
	clint_dunit x, y;
	size_t k, i, round;
	unsigned seed = 7;

	(void)state;
	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	for (round = 0; round < 20; round++)
		for (k = 0; k < ARRAY_LEN(sizes); k++) {
			uint32_t range = round % 2 ? 40 : 4000;

			for (i = 0; i < sizes[k][0]; i++)
				a[i] = (seed = seed * 1103515245u + 12345u) % range;
			for (i = 0; i < sizes[k][1]; i++)
				b[i] = (seed = seed * 1103515245u + 12345u) % range;
			qsort(a, sizes[k][0], sizeof(a[0]), cmp_u32);
			qsort(b, sizes[k][1], sizeof(b[0]), cmp_u32);
			x.bag = a;
			x.nbag = sizes[k][0];
			y.bag = b;
			y.nbag = sizes[k][1];
			assert_true(clint_dunit_similarity(&x, &y) ==
			            similarity_model(a, x.nbag, b, y.nbag));
			assert_true(clint_dunit_similarity(&y, &x) ==
			            similarity_model(a, x.nbag, b, y.nbag));
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_similarity_small_in_large),
		cmocka_unit_test(test_cosmetic),
		cmocka_unit_test(test_cosmetic_more),
		cmocka_unit_test(test_edge_documents),
		cmocka_unit_test(test_word_diff),
		cmocka_unit_test(test_word_diff_pathological),
		cmocka_unit_test_setup_teardown(test_alignment, setup, teardown),
		cmocka_unit_test(test_alignment_bounded),
		cmocka_unit_test_setup_teardown(test_hunk_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_risks, setup, teardown),
		cmocka_unit_test(test_risk_match_prefers_aligned_section),
		cmocka_unit_test(test_risk_heading_reworded),
		cmocka_unit_test(test_risk_pairing_many_equal),
		cmocka_unit_test(test_risk_pairing_mixed),
		cmocka_unit_test(test_risk_pairing_reference),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test(test_value_table),
		cmocka_unit_test(test_value_pairing_order),
		cmocka_unit_test(test_value_added_removed),
		cmocka_unit_test(test_value_periods),
		cmocka_unit_test(test_markdown_markup),
		cmocka_unit_test(test_markdown_redline_marks),
		cmocka_unit_test(test_value_period_cell),
		cmocka_unit_test(test_value_period_column),
		cmocka_unit_test(test_value_moved_and_changed),
		cmocka_unit_test(test_values_not_finite),
		cmocka_unit_test(test_value_text_cut_on_character),
		cmocka_unit_test_setup_teardown(test_render_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_formats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_errors, setup, teardown),
		cmocka_unit_test(test_render_json_substantive_first_cosmetic),
		cmocka_unit_test(test_term_str),
		cmocka_unit_test(test_render_text_controls),
		cmocka_unit_test_setup_teardown(test_render_hostile_labels, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_api, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timed_out_side, setup,
		                                teardown_clock),
		cmocka_unit_test_setup_teardown(test_render_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coarse_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity, setup, teardown),
		cmocka_unit_test(test_notes_unit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
