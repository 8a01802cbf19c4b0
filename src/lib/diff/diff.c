/*
 * diff.c - clint_diff_new(): align, word diff, classify, risk diff, value
 * changes; and the accessors of the result.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* clint_dside_build(), with the message for a revision too large. */
static int build_side(clint_dside *s, const clint_doc *doc, clint_diag *diag)
{
	int rc = clint_dside_build(s, doc);

	if (rc == CLINT_ELIMIT)
		clint_diag_add(diag, CLINT_DIAG_ERROR, clint_doc_name(doc), 0, 0,
		               "too large to compare: more than %zu words and "
		               "punctuation marks (the diff's limit; check it on "
		               "its own instead)",
		               CLINT_DIFF_MAX_TOKENS);
	return rc;
}

int clint_diff_new(clint_diff **out, const clint_ruleset *rs,
                   const clint_doc *old_doc, const clint_doc *new_doc,
                   const clint_diff_options *opts, clint_diag *diag)
{
	clint_diff *d = NULL;
	int rc = CLINT_OK;

	if (!out || !rs || !old_doc || !new_doc)
		return CLINT_EINVAL;
	*out = NULL;
	if (opts && opts->version != 1 &&
	    opts->version != CLINT_DIFF_OPTIONS_VERSION)
		return CLINT_EINVAL;
	/* refused before the work, as clint_check() would refuse it after */
	if (opts && opts->version == CLINT_DIFF_OPTIONS_VERSION &&
	    !clint_check_seconds_ok(opts->max_cpu_seconds))
		return CLINT_EINVAL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return CLINT_ENOMEM;
	d->rs = rs;
	d->old_doc = old_doc;
	d->new_doc = new_doc;
	d->max_work = opts && opts->max_word_work ? opts->max_word_work
	                                          : CLINT_DIFF_DEFAULT_WORK;
	d->check = (clint_check_options)CLINT_CHECK_OPTIONS_INIT;
	/* version 1 is version 2 without max_cpu_seconds */
	if (opts && opts->version == CLINT_DIFF_OPTIONS_VERSION)
		d->check.max_cpu_seconds = opts->max_cpu_seconds;
	if ((clint_doc_format(old_doc) == CLINT_INPUT_PDF) !=
	    (clint_doc_format(new_doc) == CLINT_INPUT_PDF))
		clint_diag_add(diag, CLINT_DIAG_NOTE,
		               clint_doc_name(clint_doc_format(old_doc) ==
		                                      CLINT_INPUT_PDF
		                                  ? old_doc
		                                  : new_doc),
		               0, 0,
		               "PDF text is lossy (line breaks, hyphenation, headers "
		               "and numbering are reconstructed): expect cosmetic "
		               "differences against the %s",
		               clint_input_format_name(
					   clint_doc_format(clint_doc_format(old_doc) ==
		                                            CLINT_INPUT_PDF
		                                        ? new_doc
		                                        : old_doc)));
	TRY(build_side(&d->a, old_doc, diag));
	TRY(build_side(&d->b, new_doc, diag));
	TRY(clint_diff_align(d, diag));
	TRY(clint_diff_risks(d, diag));
	TRY(clint_diff_values(d));
	*out = d;
	d = NULL;
done:
	clint_diff_free(d);
	return rc;
}

void clint_diff_free(clint_diff *d)
{
	if (!d)
		return;
	clint_dside_free(&d->a);
	clint_dside_free(&d->b);
	clint_result_free(d->old_res);
	clint_result_free(d->new_res);
	free(d->sections);
	free(d->first_hunk);
	free(d->hunks);
	free(d->risks);
	free(d->clauses);
	free(d->values);
	free(d);
}

const clint_doc *clint_diff_old_doc(const clint_diff *d)
{
	return d ? d->old_doc : NULL;
}

const clint_doc *clint_diff_new_doc(const clint_diff *d)
{
	return d ? d->new_doc : NULL;
}

const clint_result *clint_diff_old_result(const clint_diff *d)
{
	return d ? d->old_res : NULL;
}

const clint_result *clint_diff_new_result(const clint_diff *d)
{
	return d ? d->new_res : NULL;
}

const char *clint_change_kind_name(clint_change_kind kind)
{
	static const char *const names[] = {"unchanged", "modified", "added",
	                                    "removed", "moved"};
	return (unsigned)kind < ARRAY_LEN(names) ? names[kind] : "unknown";
}

const char *clint_risk_change_name(clint_risk_change c)
{
	static const char *const names[] = {"introduced", "resolved",
	                                    "unchanged"};
	return (unsigned)c < ARRAY_LEN(names) ? names[c] : "unknown";
}

const char *clint_favours_name(clint_favours f)
{
	static const char *const names[] = {"unknown", "customer", "supplier"};
	return (unsigned)f < ARRAY_LEN(names) ? names[f] : "unknown";
}

const char *clint_value_change_name(clint_value_change c)
{
	static const char *const names[] = {"changed", "added", "removed"};
	return (unsigned)c < ARRAY_LEN(names) ? names[c] : "unknown";
}

size_t clint_diff_section_count(const clint_diff *d)
{
	return d ? d->section_count : 0;
}

int clint_diff_section_get(const clint_diff *d, size_t i,
                           clint_diff_section *out)
{
	if (!d || !out || i >= d->section_count)
		return CLINT_EINVAL;
	*out = d->sections[i];
	return CLINT_OK;
}

int clint_diff_hunk_get(const clint_diff *d, size_t section, size_t i,
                        clint_diff_hunk *out)
{
	if (!d || !out || section >= d->section_count ||
	    i >= d->sections[section].hunk_count)
		return CLINT_EINVAL;
	*out = d->hunks[d->first_hunk[section] + i];
	return CLINT_OK;
}

size_t clint_diff_risk_count(const clint_diff *d)
{
	return d ? d->risk_count : 0;
}

int clint_diff_risk_get(const clint_diff *d, size_t i, clint_diff_risk *out)
{
	if (!d || !out || i >= d->risk_count)
		return CLINT_EINVAL;
	*out = d->risks[i];
	return CLINT_OK;
}

size_t clint_diff_clause_count(const clint_diff *d)
{
	return d ? d->clause_count : 0;
}

int clint_diff_clause_get(const clint_diff *d, size_t i,
                          clint_diff_clause *out)
{
	if (!d || !out || i >= d->clause_count)
		return CLINT_EINVAL;
	*out = d->clauses[i];
	return CLINT_OK;
}

size_t clint_diff_value_count(const clint_diff *d)
{
	return d ? d->value_count : 0;
}

int clint_diff_value_get(const clint_diff *d, size_t i, clint_diff_value *out)
{
	if (!d || !out || i >= d->value_count)
		return CLINT_EINVAL;
	*out = d->values[i];
	return CLINT_OK;
}

size_t clint_diff_introduced_at_least(const clint_diff *d,
                                      clint_severity level)
{
	size_t i, n = 0;

	if (!d)
		return 0;
	for (i = 0; i < d->risk_count; i++)
		if (d->risks[i].change == CLINT_RISK_INTRODUCED &&
		    d->risks[i].finding.severity >= level)
			n++;
	for (i = 0; i < d->clause_count; i++)
		if (d->clauses[i].change == CLINT_RISK_INTRODUCED &&
		    d->clauses[i].finding.severity >= level)
			n++;
	return n;
}

void clint_diff_count(const clint_diff *d, clint_diff_tally *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < d->section_count; i++) {
		const clint_diff_section *s = &d->sections[i];
		t->kind[s->kind]++;
		if (s->renumbered)
			t->renumbered++;
		if (s->edited && s->cosmetic)
			t->cosmetic++;
	}
	for (i = 0; i < d->risk_count; i++) {
		if (d->risks[i].change == CLINT_RISK_INTRODUCED)
			t->introduced++;
		else if (d->risks[i].change == CLINT_RISK_RESOLVED)
			t->resolved++;
		else
			t->unchanged++;
	}
	for (i = 0; i < d->clause_count; i++) {
		if (d->clauses[i].change == CLINT_RISK_INTRODUCED)
			t->gone++;
		else if (d->clauses[i].change == CLINT_RISK_RESOLVED)
			t->appeared++;
		else
			t->still_missing++;
	}
	t->values = d->value_count;
}

const char *clint_diff_label(const clint_diff *d, int old, size_t section,
                             size_t off)
{
	const clint_doc *doc = old ? d->old_doc : d->new_doc;
	clint_section s;
	size_t len;

	if (section == CLINT_NO_SECTION) {
		clint_doc_text(doc, &len);
		return off < len && off >= clint_doc_notes_start(doc)
		           ? "(notes, headers and footers)"
		           : "(preamble)";
	}
	if (clint_doc_section(doc, section, &s) < 0)
		return "";
	return s.label;
}

const char *clint_diff_value_label(const clint_diff *d,
                                   const clint_diff_value *v)
{
	const clint_diff_section *s = &d->sections[v->section];

	return clint_diff_label(d, 0, s->new_section, s->new_start);
}

unsigned clint_diff_line(const clint_diff *d, int old, size_t off)
{
	clint_location loc;

	if (clint_doc_locate(old ? d->old_doc : d->new_doc, off, &loc) < 0)
		return 0;
	return loc.line;
}

void clint_diff_value_text(const clint_diff *d, int old, const clint_value *v,
                           char *out, size_t max)
{
	const clint_doc *doc = old ? d->old_doc : d->new_doc;
	size_t len, i, n, o = 0, end;

	clint_doc_text(doc, &len);
	end = v->end > v->start && v->end <= len ? v->end : v->start;

	/* markup the extractor skips (Markdown "**") is left out, a
	 * character reference ("&nbsp;") is its character; line breaks, tabs
	 * and no-break spaces become spaces; a character that does not fit
	 * whole is cut */
	for (i = v->start; i < end; i += n) {
		uint32_t cp;
		char u[4];
		size_t m;

		n = clint_doc_char(doc, i, end, &cp);
		if (cp == CLINT_CP_MARKUP)
			continue;
		m = clint_utf8_encode(cp == 0xA0 ? ' ' : cp, u);
		if (o + m >= max)
			break;
		memcpy(out + o, u, m);
		o += m;
	}
	out[o] = '\0';
	for (i = 0; i < o; i++)
		if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t')
			out[i] = ' ';
}
