/*
 * lint.c - pack lint: finds rules that will misbehave before they run on
 * a contract. Works on a loaded ruleset, so schema and compile errors
 * have already been reported by the pack stage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset.h"

typedef struct {
	const clint_ruleset *rs;
	clint_diag *diag;
	size_t errors, warnings;
	pcre2_match_context *mctx;  /* the checker's match limits */
	clint_budget budget;        /* the run's CPU time */
} lint_ctx;

static void lint_msg(lint_ctx *l, clint_diag_level level, const clint_rule *r,
                     unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void lint_msg(lint_ctx *l, clint_diag_level level, const clint_rule *r,
                     unsigned line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	clint_vsnprintf_c(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	clint_diag_add(l->diag, level, l->rs->packs[r->pack].file, line, 0,
	               "rule '%s': %s", r->id, msg);
	if (level == CLINT_DIAG_ERROR)
		l->errors++;
	else
		l->warnings++;
}

/*
 * Finds an unbounded gap in a regex source: "." or a negated class "[^...]"
 * followed by "*", "+" or "{n,}". Returns its offset or -1.
 */
static long unbounded_gap(const char *s)
{
	size_t i = 0, n = strlen(s), start;
	int gap;

	while (i < n) {
		gap = 0;
		start = i;
		if (s[i] == '\\') {
			i += 2;
			continue;
		}
		if (s[i] == '.') {
			gap = 1;
			i++;
		} else if (s[i] == '[') {
			int negated = i + 1 < n && s[i + 1] == '^';
			i += negated ? 2 : 1;
			if (i < n && s[i] == ']')
				i++;
			while (i < n && s[i] != ']') {
				if (s[i] == '\\')
					i++;
				i++;
			}
			i++;
			gap = negated;
		} else {
			i++;
			continue;
		}
		if (!gap || i >= n)
			continue;
		if (s[i] == '*' || s[i] == '+')
			return (long)start;
		if (s[i] == '{') {
			size_t j = i + 1;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j + 1 < n && s[j] == ',' && s[j + 1] == '}')
				return (long)start;
		}
	}
	return -1;
}

static void lint_source(lint_ctx *l, const clint_rule *r,
                        const clint_pattern *p, const char *what)
{
	uint32_t empty = 0;
	long at;

	if (!p->code)
		return;
	if (pcre2_pattern_info(p->code, PCRE2_INFO_MATCHEMPTY, &empty) == 0 &&
	    empty)
		lint_msg(l, CLINT_DIAG_ERROR, r, p->line,
		         "<%s> can match the empty string, so it matches anywhere",
		         what);
	at = unbounded_gap(p->source);
	if (at >= 0)
		lint_msg(l, CLINT_DIAG_WARNING, r, p->line,
		         "<%s> has an unbounded gap at offset %ld; bound it, e.g. "
		         "[^.\\n]{0,80}",
		         what, at);
}

/* One pcre2_match() of `p` on norm[start..end) of `doc`: 1 a match, 0
 * none, or a negative PCRE2 error (a limit). */
static int match_part(const clint_pattern *p, const clint_doc *doc,
                      size_t start, size_t end, pcre2_match_data *md,
                      pcre2_match_context *mctx)
{
	int rc = pcre2_match(clint_pattern_code(p),
	                     (PCRE2_SPTR)(doc->norm + start), end - start, 0, 0,
	                     md, mctx);

	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

/* What exercised() returns when the run's time is up. */
#define LINT_OUT_OF_TIME (-1001)

/* 1 if pattern `p` matches somewhere in the examples that must match:
 * body patterns in the matching text, heading patterns in a heading; 0 if
 * not; a negative PCRE2 error when it hit a limit, where it stops (so a
 * pattern that backtracks for ever pays the limit once, not once per
 * example or heading); LINT_OUT_OF_TIME when the budget ran out. */
static int exercised(const clint_pattern *p, clint_doc *const *docs,
                     size_t ndocs, int heading, pcre2_match_data *md,
                     pcre2_match_context *mctx, clint_budget *budget)
{
	size_t d, s;
	int m;

	for (d = 0; d < ndocs; d++) {
		const clint_doc *doc = docs[d];
		if (!doc)
			continue;
		if (clint_budget_over(budget))
			return LINT_OUT_OF_TIME;
		if (!heading) {
			if ((m = match_part(p, doc, 0, doc->norm_len, md, mctx)) != 0)
				return m;
			continue;
		}
		for (s = 0; s < doc->section_count; s++) {
			const clint_isection *sec = &doc->sections[s];
			if (clint_budget_over(budget))
				return LINT_OUT_OF_TIME;
			if ((m = match_part(p, doc, sec->heading_norm_start,
			                    sec->heading_norm_end, md, mctx)) != 0)
				return m;
		}
	}
	return 0;
}

/* Warns when body or heading pattern `p` of `r` is not exercised by an
 * example, or hit a limit on one. */
static void lint_exercised(lint_ctx *l, const clint_rule *r,
                           const clint_pattern *p, int heading,
                           clint_doc *const *docs, pcre2_match_data *md)
{
	const char *what = heading ? "heading" : "pattern";
	char msg[128];
	int m;

	if (!p->code)
		return;
	m = exercised(p, docs, r->example_count, heading, md, l->mctx,
	              &l->budget);
	/* out of time: not known (the run says it stopped) */
	if (m > 0 || m == LINT_OUT_OF_TIME)
		return;
	if (m == 0) {
		lint_msg(l, CLINT_DIAG_WARNING, r, p->line,
		         "no example exercises this <%s>: add one %s, or drop it",
		         what, heading ? "with such a heading" : "it matches");
		return;
	}
	pcre2_get_error_message(m, (PCRE2_UCHAR *)msg, sizeof(msg));
	lint_msg(l, CLINT_DIAG_ERROR, r, p->line,
	         "<%s> stopped on an example: %s (a regex limit a check "
	         "would hit too); the other examples were not tried",
	         what, msg);
}

static int lint_rule(lint_ctx *l, const clint_rule *r, pcre2_match_data *md)
{
	clint_doc **docs;
	size_t i, pos = 0, neg = 0;

	for (i = 0; i < r->example_count; i++) {
		if (r->examples[i].expect_match)
			pos++;
		else
			neg++;
	}
	if (!pos)
		lint_msg(l, CLINT_DIAG_WARNING, r, r->line,
		         "no example that must match (expect=\"match\")");
	if (!neg)
		lint_msg(l, CLINT_DIAG_WARNING, r, r->line,
		         "no example that must not match (expect=\"no-match\")");
	if (r->within)
		lint_source(l, r, r->within, "within");
	for (i = 0; i < r->heading_count; i++)
		lint_source(l, r, &r->headings[i], "heading");
	for (i = 0; i < r->pattern_count; i++)
		lint_source(l, r, &r->patterns[i], "pattern");
	for (i = 0; i < r->unless_count; i++)
		lint_source(l, r, &r->unless[i], "unless");
	for (i = 0; i < r->near_count; i++)
		lint_source(l, r, &r->near[i], "near");

	docs = calloc(r->example_count + 1, sizeof(*docs));
	if (!docs)
		return CLINT_ENOMEM;
	for (i = 0; i < r->example_count; i++)
		if (r->examples[i].expect_match &&
		    clint_doc_load_buffer(&docs[i], "<example>", r->examples[i].text,
		                          strlen(r->examples[i].text), NULL,
		                          NULL) == CLINT_OK &&
		    clint_doc_analyse(docs[i]) < 0) {
			clint_doc_free(docs[i]); /* the patterns read its norm */
			docs[i] = NULL;
		}
	for (i = 0; pos && i < r->pattern_count; i++)
		lint_exercised(l, r, &r->patterns[i], 0, docs, md);
	for (i = 0; pos && i < r->heading_count; i++)
		lint_exercised(l, r, &r->headings[i], 1, docs, md);
	for (i = 0; i < r->example_count; i++)
		clint_doc_free(docs[i]);
	free(docs);
	return CLINT_OK;
}

/* Says that the run stopped at its CPU-time limit in rule `i`: the rules
 * from it on are not (fully) linted. */
static void lint_timeout(lint_ctx *l, size_t i)
{
	const clint_ruleset *rs = l->rs;
	const clint_rule *r = &rs->rules[i];
	size_t n = rs->rule_count - i;

	clint_diag_add(l->diag, CLINT_DIAG_ERROR, rs->packs[r->pack].file,
	               r->line, 0,
	               "linting stopped at its CPU-time limit of %.3g s: %zu "
	               "of %zu rules were not linted to the end (the first: "
	               "'%s')",
	               l->budget.seconds, n, rs->rule_count, r->id);
	l->errors++;
}

int clint_ruleset_lint(const clint_ruleset *rs,
                       const clint_packs_options *opts, clint_diag *diag,
                       size_t *errors, size_t *warnings)
{
	lint_ctx l;
	clint_matcher matcher = {NULL, NULL};
	pcre2_match_data *md;
	size_t i;
	int rc = CLINT_OK;

	if (!rs)
		return CLINT_EINVAL;
	memset(&l, 0, sizeof(l));
	if ((rc = clint_packs_budget(rs, opts, &l.budget)) < 0)
		return rc;
	l.rs = rs;
	l.diag = diag;
	/* the limits and JIT stack of a check (check.c): an example cannot
	 * make the linter backtrack for ever, and a pattern that checks fine
	 * lints fine */
	md = pcre2_match_data_create(1, NULL);
	if (!md || clint_matcher_init(&matcher) != CLINT_OK) {
		pcre2_match_data_free(md);
		clint_matcher_free(&matcher);
		return CLINT_ENOMEM;
	}
	l.mctx = matcher.mctx;
	for (i = 0; i < rs->rule_count && rc == CLINT_OK; i++) {
		if (clint_budget_over(&l.budget)) {
			lint_timeout(&l, i);
			rc = CLINT_ELIMIT;
			break;
		}
		rc = lint_rule(&l, &rs->rules[i], md);
		if (rc == CLINT_OK && l.budget.over) {
			lint_timeout(&l, i);
			rc = CLINT_ELIMIT;
		}
	}
	clint_matcher_free(&matcher);
	pcre2_match_data_free(md);
	if (errors)
		*errors = l.errors;
	if (warnings)
		*warnings = l.warnings;
	return rc;
}
