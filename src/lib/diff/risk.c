/*
 * risk.c - the risk diff: the ruleset runs on both revisions; located
 * findings are matched by their content fingerprint (a multiset match:
 * two equal findings in OLD and one in NEW leave one resolved; among equal
 * fingerprints, a finding in the OLD section aligned with the NEW
 * finding's section is taken first; then, in aligned sections only, by
 * rule and matched words alone, so that rewording a heading, which is in
 * the fingerprint, does not make every finding under it introduced and
 * resolved), and
 * required clauses are compared by rule: present in OLD and missing in NEW
 * is a clause gone (with the OLD section that held it), the reverse a
 * clause that appeared. When a revision's check stopped at its CPU-time
 * limit, only the rules both checks ran are compared.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"

typedef struct {
	char fp[CLINT_FINGERPRINT_SIZE];
	char words[CLINT_FINGERPRINT_SIZE];  /* without the heading */
	size_t idx;
	size_t section;   /* the finding's section */
	size_t key;       /* NEW: its section; OLD: the NEW section its section
	                     became (CLINT_NO_SECTION if none); NOTES_KEY in
	                     the notes after the body, on both sides */
	int used;
} fp_item;

/* The pairing passes, in order: the fingerprint in the aligned section,
 * the words in the aligned section (its heading reworded), the
 * fingerprint anywhere (text moved between sections). */
enum { PAIR_ALIGNED, PAIR_WORDS, PAIR_ANYWHERE, PAIR_PASSES };

/* The order of a pairing pass: by the fingerprint or the words, and but
 * for PAIR_ANYWHERE by the NEW section too. Items of one run (equal under
 * this order) are the candidates of one NEW finding. */
static int cmp_run(const fp_item *a, const fp_item *b, int pass)
{
	int c = pass == PAIR_WORDS ? strcmp(a->words, b->words)
	                           : strcmp(a->fp, b->fp);
	if (c || pass == PAIR_ANYWHERE)
		return c;
	return a->key < b->key ? -1 : a->key > b->key;
}

/* The qsort() orders of the OLD fp_item pointers: by run, then in OLD's
 * text order, the order in which a run's items are taken. */
static int cmp_idx(const fp_item *a, const fp_item *b, int pass)
{
	int c = cmp_run(a, b, pass);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_aligned(const void *x, const void *y)
{
	return cmp_idx(*(fp_item *const *)x, *(fp_item *const *)y, PAIR_ALIGNED);
}

static int cmp_words(const void *x, const void *y)
{
	return cmp_idx(*(fp_item *const *)x, *(fp_item *const *)y, PAIR_WORDS);
}

static int cmp_anywhere(const void *x, const void *y)
{
	return cmp_idx(*(fp_item *const *)x, *(fp_item *const *)y, PAIR_ANYWHERE);
}

size_t clint_diff_rules_compared(const clint_diff *d)
{
	size_t a = clint_result_rules_checked(d->old_res);
	size_t b = clint_result_rules_checked(d->new_res);

	return a < b ? a : b;
}

/* The key of the findings in the notes after the body: they pair with
 * the other side's notes, never with its preamble (both in no section). */
#define NOTES_KEY ((size_t)-2)

/* Findings of the rules before `cut` (clint_diff_rules_compared(): a
 * rule that ran on one side only would look introduced or resolved),
 * with their fingerprints; `key` NOTES_KEY for those in the notes. */
static int fingerprints(size_t cut, const clint_result *res, fp_item **out,
                        size_t *n)
{
	size_t i, k = 0, count = clint_result_finding_count(res);
	size_t notes = clint_doc_notes_start(clint_result_doc(res));
	fp_item *items = calloc(count + 1, sizeof(*items));
	clint_finding f;
	int rc = CLINT_OK;

	if (!items)
		return CLINT_ENOMEM;
	for (i = 0; i < count; i++) {
		if (clint_result_finding_rule(res, i) >= cut)
			continue;
		TRY(clint_result_finding(res, i, &f));
		TRY(clint_finding_fingerprint(res, &f, items[k].fp));
		TRY(clint_finding_words_fingerprint(res, &f, items[k].words));
		items[k].idx = i;
		items[k].section = f.section;
		items[k].key = f.section == CLINT_NO_SECTION && f.has_location &&
		                       f.start >= notes
		                   ? NOTES_KEY
		                   : CLINT_NO_SECTION;
		k++;
	}
done:
	if (rc < 0) {
		free(items);
		return rc;
	}
	*out = items;
	*n = k;
	return rc;
}

static int add_risk(clint_diff *d, clint_risk_change change, int in_new,
                    const clint_result *res, size_t idx, const char *fp)
{
	clint_diff_risk *r;
	int rc = CLINT_OK;

	TRY(ARRAY_PUSH(d->risks, d->risk_count, d->risk_cap));
	r = &d->risks[d->risk_count];
	memset(r, 0, sizeof(*r));
	r->change = change;
	r->in_new = in_new;
	TRY(clint_result_finding(res, idx, &r->finding));
	memcpy(r->fingerprint, fp, CLINT_FINGERPRINT_SIZE);
	d->risk_count++;
done:
	return rc;
}

/* A result's required clauses by rule index: missing, and the first
 * present evidence (1 + its index, 0 if none). Asked once per clause of
 * the diff: a walk through the result's clauses at each took 12 s for
 * 20,000 require rules. */
typedef struct {
	unsigned char *missing;
	size_t *present;
} clause_index;

static int index_clauses(const clint_result *res, size_t rules,
                         clause_index *ci)
{
	size_t i, r;

	ci->missing = calloc(rules + 1, 1);
	ci->present = calloc(rules + 1, sizeof(*ci->present));
	if (!ci->missing || !ci->present)
		return CLINT_ENOMEM;
	for (i = 0; i < clint_result_missing_count(res); i++)
		if ((r = clint_result_missing_rule(res, i)) < rules)
			ci->missing[r] = 1;
	for (i = clint_result_present_count(res); i-- > 0;)
		if ((r = clint_result_present_rule(res, i)) < rules)
			ci->present[r] = i + 1;
	return CLINT_OK;
}

static void free_clause_index(clause_index *ci)
{
	free(ci->missing);
	free(ci->present);
}

/* The label of the section holding the present evidence of rule `r` in
 * `res`, "" if none. */
static const char *present_at(const clint_result *res, const clause_index *ci,
                              size_t r)
{
	clint_finding f;

	if (!ci->present[r] ||
	    clint_result_present(res, ci->present[r] - 1, &f) != CLINT_OK)
		return "";
	return f.section_label ? f.section_label : "";
}

static int add_clause(clint_diff *d, clint_risk_change change,
                      const clint_finding *f, size_t r,
                      const clause_index *ci_old, const clause_index *ci_new)
{
	clint_diff_clause *c;
	int rc = CLINT_OK;

	TRY(ARRAY_PUSH(d->clauses, d->clause_count, d->clause_cap));
	c = &d->clauses[d->clause_count++];
	c->change = change;
	c->finding = *f;
	c->old_section = present_at(d->old_res, ci_old, r);
	c->new_section = present_at(d->new_res, ci_new, r);
done:
	return rc;
}

/*
 * One pairing pass: each NEW finding not yet paired, in text order, takes
 * the first OLD finding of its run in `view` (sorted by the pass's cmp_*,
 * see cmp_run) not yet taken, if any. PAIR_WORDS pairs only in sections:
 * a NEW finding outside any, or in one that no OLD section became, has
 * no aligned section. A run holds only the
 * candidates, so the first pass does not step over the OLD findings of
 * other sections. `next` (n slots, scratch) remembers, at the first item
 * of each run, an item of the run with only taken ones before it: items
 * are only ever taken, so a run's taken items are stepped over once in a
 * pass, not once per NEW finding (80,000 equal findings took 13 s).
 */
static void pair_pass(fp_item **view, size_t n, size_t *next, fp_item *fb,
                      size_t nb, int pass)
{
	size_t i, k;

	for (k = 0; k < n; k++)
		next[k] = k;
	for (i = 0; i < nb; i++) {
		size_t lo = 0, hi = n;
		if (fb[i].used ||
		    (pass == PAIR_WORDS && fb[i].key == CLINT_NO_SECTION))
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cmp_run(view[mid], &fb[i], pass) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == n)
			continue;
		for (k = next[lo]; k < n && view[k]->used &&
		                   cmp_run(view[k], &fb[i], pass) == 0; k++)
			;
		next[lo] = k;
		if (k < n && cmp_run(view[k], &fb[i], pass) == 0) {
			view[k]->used = 1;
			fb[i].used = 1;
		}
	}
}

int clint_diff_risks(clint_diff *d, clint_diag *diag)
{
	fp_item *fa = NULL, *fb = NULL, **view = NULL;
	size_t na = 0, nb = 0, i, r, cut, *old2new = NULL, *next = NULL;
	clause_index ci_old = {NULL, NULL}, ci_new = {NULL, NULL};
	int pass;
	clint_finding f;
	int rc = CLINT_OK;

	TRY(clint_check(&d->old_res, d->rs, d->old_doc, &d->check, diag));
	TRY(clint_check(&d->new_res, d->rs, d->new_doc, &d->check, diag));
	cut = clint_diff_rules_compared(d);
	TRY(fingerprints(cut, d->old_res, &fa, &na));
	TRY(fingerprints(cut, d->new_res, &fb, &nb));
	/* which NEW section each OLD section became */
	old2new = malloc((clint_doc_section_count(d->old_doc) + 1) *
	                 sizeof(*old2new));
	if (!old2new) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < clint_doc_section_count(d->old_doc); i++)
		old2new[i] = CLINT_NO_SECTION;
	for (i = 0; i < d->section_count; i++)
		if (d->sections[i].old_section != CLINT_NO_SECTION)
			old2new[d->sections[i].old_section] = d->sections[i].new_section;
	for (i = 0; i < na; i++)
		if (fa[i].key != NOTES_KEY)
			fa[i].key = fa[i].section == CLINT_NO_SECTION
			                ? CLINT_NO_SECTION : old2new[fa[i].section];
	for (i = 0; i < nb; i++)
		if (fb[i].key != NOTES_KEY)
			fb[i].key = fb[i].section;
	view = malloc((na + 1) * sizeof(*view));
	next = malloc((na + 1) * sizeof(*next));
	if (!view || !next) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < na; i++)
		view[i] = &fa[i];
	/* NEW findings in text order: matched ones are unchanged */
	for (pass = 0; pass < PAIR_PASSES; pass++) {
		if (na > 1)
			qsort(view, na, sizeof(*view),
			      pass == PAIR_ALIGNED ? cmp_aligned
			      : pass == PAIR_WORDS ? cmp_words : cmp_anywhere);
		pair_pass(view, na, next, fb, nb, pass);
	}
	for (i = 0; i < nb; i++)
		if (!fb[i].used)
			TRY(add_risk(d, CLINT_RISK_INTRODUCED, 1, d->new_res, fb[i].idx,
			             fb[i].fp));
	/* resolved ones in OLD's text order */
	{
		size_t *order = calloc(clint_result_finding_count(d->old_res) + 1,
		                       sizeof(*order));
		if (!order) {
			rc = CLINT_ENOMEM;
			goto done;
		}
		for (i = 0; i < na; i++)
			order[fa[i].idx] = i + 1;
		for (i = 0; i < clint_result_finding_count(d->old_res); i++) {
			fp_item *it;
			if (!order[i])
				continue;  /* a rule not compared */
			it = &fa[order[i] - 1];
			if (!it->used && (rc = add_risk(d, CLINT_RISK_RESOLVED, 0,
			                                d->old_res, it->idx, it->fp)) < 0)
				break;
		}
		free(order);
		if (rc < 0)
			goto done;
	}
	for (i = 0; i < nb; i++)
		if (fb[i].used)
			TRY(add_risk(d, CLINT_RISK_UNCHANGED, 1, d->new_res, fb[i].idx,
			             fb[i].fp));
	/* required clauses: gone, still missing, appeared */
	TRY(index_clauses(d->old_res, cut, &ci_old));
	TRY(index_clauses(d->new_res, cut, &ci_new));
	for (i = 0; i < clint_result_missing_count(d->new_res); i++) {
		if ((r = clint_result_missing_rule(d->new_res, i)) >= cut)
			continue;
		TRY(clint_result_missing(d->new_res, i, &f));
		if (!ci_old.missing[r])
			TRY(add_clause(d, CLINT_RISK_INTRODUCED, &f, r, &ci_old, &ci_new));
	}
	for (i = 0; i < clint_result_missing_count(d->old_res); i++) {
		if ((r = clint_result_missing_rule(d->old_res, i)) >= cut)
			continue;
		TRY(clint_result_missing(d->old_res, i, &f));
		if (!ci_new.missing[r])
			TRY(add_clause(d, CLINT_RISK_RESOLVED, &f, r, &ci_old, &ci_new));
	}
	for (i = 0; i < clint_result_missing_count(d->new_res); i++) {
		if ((r = clint_result_missing_rule(d->new_res, i)) >= cut)
			continue;
		TRY(clint_result_missing(d->new_res, i, &f));
		if (ci_old.missing[r])
			TRY(add_clause(d, CLINT_RISK_UNCHANGED, &f, r, &ci_old, &ci_new));
	}
done:
	free_clause_index(&ci_old);
	free_clause_index(&ci_new);
	free(fa);
	free(fb);
	free(old2new);
	free(view);
	free(next);
	return rc;
}
