/*
 * risk.c - the risk diff: the ruleset runs on both revisions; located
 * findings are matched by their content fingerprint (a multiset match:
 * two equal findings in OLD and one in NEW leave one resolved; among equal
 * fingerprints, a finding in the OLD section aligned with the NEW
 * finding's section is taken first), and
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
	size_t idx;
	size_t section;   /* the finding's section */
	int used;
} fp_item;

static int cmp_fp(const void *x, const void *y)
{
	const fp_item *a = x, *b = y;
	int c = strcmp(a->fp, b->fp);
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

size_t clint_diff_rules_compared(const clint_diff *d)
{
	size_t a = clint_result_rules_checked(d->old_res);
	size_t b = clint_result_rules_checked(d->new_res);

	return a < b ? a : b;
}

/* Findings of the rules before `cut` (clint_diff_rules_compared(): a
 * rule that ran on one side only would look introduced or resolved),
 * with their fingerprints. */
static int fingerprints(size_t cut, const clint_result *res, fp_item **out,
                        size_t *n)
{
	size_t i, k = 0, count = clint_result_finding_count(res);
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
		items[k].idx = i;
		items[k].section = f.section;
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

/* The label of the section holding the present evidence of `rule`, "" if
 * none. */
static const char *present_at(const clint_result *res, const char *rule)
{
	size_t i;
	clint_finding f;

	for (i = 0; i < clint_result_present_count(res); i++)
		if (clint_result_present(res, i, &f) == CLINT_OK &&
		    strcmp(f.rule_id, rule) == 0)
			return f.section_label ? f.section_label : "";
	return "";
}

static int missing_in(const clint_result *res, const char *rule)
{
	size_t i;
	clint_finding f;

	for (i = 0; i < clint_result_missing_count(res); i++)
		if (clint_result_missing(res, i, &f) == CLINT_OK &&
		    strcmp(f.rule_id, rule) == 0)
			return 1;
	return 0;
}

static int add_clause(clint_diff *d, clint_risk_change change,
                      const clint_finding *f)
{
	clint_diff_clause *c;
	int rc = CLINT_OK;

	TRY(ARRAY_PUSH(d->clauses, d->clause_count, d->clause_cap));
	c = &d->clauses[d->clause_count++];
	c->change = change;
	c->finding = *f;
	c->old_section = present_at(d->old_res, f->rule_id);
	c->new_section = present_at(d->new_res, f->rule_id);
done:
	return rc;
}

int clint_diff_risks(clint_diff *d, clint_diag *diag)
{
	fp_item *fa = NULL, *fb = NULL;
	size_t na = 0, nb = 0, i, cut, *old2new = NULL;
	int pass;
	clint_finding f;
	int rc = CLINT_OK;

	TRY(clint_check(&d->old_res, d->rs, d->old_doc, &d->check, diag));
	TRY(clint_check(&d->new_res, d->rs, d->new_doc, &d->check, diag));
	cut = clint_diff_rules_compared(d);
	TRY(fingerprints(cut, d->old_res, &fa, &na));
	TRY(fingerprints(cut, d->new_res, &fb, &nb));
	if (na > 1)
		qsort(fa, na, sizeof(*fa), cmp_fp);
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
	/* NEW findings in text order: matched ones are unchanged; first
	   pass in aligned sections, second anywhere */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nb; i++) {
			size_t lo = 0, hi = na;
			if (fb[i].used)
				continue;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (strcmp(fa[mid].fp, fb[i].fp) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < na && strcmp(fa[lo].fp, fb[i].fp) == 0; lo++) {
				if (fa[lo].used)
					continue;
				if (pass == 0 &&
				    (fa[lo].section == CLINT_NO_SECTION
				         ? fb[i].section != CLINT_NO_SECTION
				         : old2new[fa[lo].section] != fb[i].section))
					continue;
				fa[lo].used = 1;
				fb[i].used = 1;
				break;
			}
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
	for (i = 0; i < clint_result_missing_count(d->new_res); i++) {
		if (clint_result_missing_rule(d->new_res, i) >= cut)
			continue;
		TRY(clint_result_missing(d->new_res, i, &f));
		if (!missing_in(d->old_res, f.rule_id))
			TRY(add_clause(d, CLINT_RISK_INTRODUCED, &f));
	}
	for (i = 0; i < clint_result_missing_count(d->old_res); i++) {
		if (clint_result_missing_rule(d->old_res, i) >= cut)
			continue;
		TRY(clint_result_missing(d->old_res, i, &f));
		if (!missing_in(d->new_res, f.rule_id))
			TRY(add_clause(d, CLINT_RISK_RESOLVED, &f));
	}
	for (i = 0; i < clint_result_missing_count(d->new_res); i++) {
		if (clint_result_missing_rule(d->new_res, i) >= cut)
			continue;
		TRY(clint_result_missing(d->new_res, i, &f));
		if (missing_in(d->old_res, f.rule_id))
			TRY(add_clause(d, CLINT_RISK_UNCHANGED, &f));
	}
done:
	free(fa);
	free(fb);
	free(old2new);
	return rc;
}
