/*
 * render_md.c - the diff as Markdown (for a pull request or a ticket): a
 * summary table, the changed sections with ~~deleted~~ and **inserted**
 * words, value changes, risk changes and required clauses as tables.
 */
#include <string.h>

#include "render.h"

static int md_slice(clint_drender *r, clint_buf *tmp, const char *t, size_t s,
                    size_t e)
{
	int rc = CLINT_OK;

	TRY(clint_dslice(tmp, t, s, e, CLINT_DSHOW));
	TRY(clint_dput_md(r->b, tmp->data, tmp->len));
	if (e - s > CLINT_DSHOW)
		TRY(clint_buf_puts(r->b, "..."));
done:
	return rc;
}

static int md_hunk(clint_drender *r, clint_buf *tmp,
                   const clint_diff_section *s, const clint_diff_hunk *h)
{
	const char *ta = clint_dhunk_old_text(r), *tb = clint_dhunk_new_text(r);
	size_t before, after;
	int rc = CLINT_OK;

	clint_dcontext(tb, s->new_start, s->new_end, h->new_start, h->new_end,
	               &before, &after);
	TRY(clint_buf_puts(r->b, h->cosmetic ? "- *(cosmetic)* " : "- "));
	if (before < h->new_start) {
		TRY(clint_buf_puts(r->b, "..."));
		TRY(md_slice(r, tmp, tb, before, h->new_start));
		if (tb[h->new_start - 1] == ' ' || tb[h->new_start - 1] == '\n')
			TRY(clint_buf_putc(r->b, ' '));
	}
	if (h->old_end > h->old_start) {
		TRY(clint_buf_puts(r->b, "~~"));
		TRY(md_slice(r, tmp, ta, h->old_start, h->old_end));
		TRY(clint_buf_puts(r->b, "~~ "));
	}
	if (h->new_end > h->new_start) {
		TRY(clint_buf_puts(r->b, "**"));
		TRY(md_slice(r, tmp, tb, h->new_start, h->new_end));
		TRY(clint_buf_puts(r->b, "**"));
	}
	if (after > h->new_end) {
		if (tb[h->new_end] == ' ' || tb[h->new_end] == '\n')
			TRY(clint_buf_putc(r->b, ' '));
		TRY(md_slice(r, tmp, tb, h->new_end, after));
		TRY(clint_buf_puts(r->b, "..."));
	}
	TRY(clint_buf_putc(r->b, '\n'));
done:
	return rc;
}

static int md_label(clint_drender *r, const char *label)
{
	return clint_dput_md(r->b, label, strlen(label));
}

static int md_section(clint_drender *r, clint_buf *tmp, size_t i,
                      const clint_diff_section *s)
{
	const clint_diff *d = r->d;
	const char *ol = clint_diff_label(d, 1, s->old_section, s->old_start);
	const char *nl = clint_diff_label(d, 0, s->new_section, s->new_start);
	clint_diff_hunk h;
	size_t k;
	int rc = CLINT_OK;

	if (s->kind == CLINT_CHANGE_UNCHANGED && !s->renumbered)
		return CLINT_OK;
	TRY(clint_buf_printf(r->b, "### %s: ",
	                     s->kind == CLINT_CHANGE_UNCHANGED
	                         ? "renumbered"
	                         : clint_change_kind_name(s->kind)));
	if (s->kind == CLINT_CHANGE_REMOVED) {
		TRY(md_label(r, ol));
	} else if (s->renumbered || s->kind == CLINT_CHANGE_MOVED) {
		TRY(md_label(r, ol));
		TRY(clint_buf_puts(r->b, " → "));
		TRY(md_label(r, nl));
	} else {
		TRY(md_label(r, nl));
	}
	TRY(clint_buf_puts(r->b, "\n\n"));
	if (s->kind == CLINT_CHANGE_ADDED || s->kind == CLINT_CHANGE_REMOVED) {
		int add = s->kind == CLINT_CHANGE_ADDED;
		TRY(clint_buf_puts(r->b, add ? "> **" : "> ~~"));
		TRY(md_slice(r, tmp, add ? clint_dhunk_new_text(r)
		                         : clint_dhunk_old_text(r),
		             add ? s->new_start : s->old_start,
		             add ? s->new_end : s->old_end));
		TRY(clint_buf_puts(r->b, add ? "**\n\n" : "~~\n\n"));
		return CLINT_OK;
	}
	if (s->edited && s->cosmetic)
		TRY(clint_buf_puts(r->b, "Cosmetic changes only.\n\n"));
	for (k = 0; k < s->hunk_count; k++) {
		TRY(clint_diff_hunk_get(d, i, k, &h));
		if (r->o->substantive_only && h.cosmetic)
			continue;
		TRY(md_hunk(r, tmp, s, &h));
	}
	if (s->hunk_count)
		TRY(clint_buf_putc(r->b, '\n'));
done:
	return rc;
}

static int md_cell(clint_drender *r, const char *s)
{
	int rc = clint_dput_md(r->b, s, strlen(s));
	return rc < 0 ? rc : clint_buf_puts(r->b, " | ");
}

int clint_diff_render_markdown(clint_drender *r)
{
	const clint_diff *d = r->d;
	clint_buf tmp = CLINT_BUF_INIT;
	clint_diff_tally t;
	clint_diff_section s;
	size_t i;
	int rc = CLINT_OK, any;

	clint_diff_count(d, &t);
	/* file names and labels are untrusted: escaped as text, not put in
	 * a code span a backtick or line end in them would close */
	TRY(clint_buf_puts(r->b, "# Contract diff: "));
	TRY(md_label(r, r->old_name));
	TRY(clint_buf_puts(r->b, " → "));
	TRY(md_label(r, r->new_name));
	TRY(clint_buf_puts(r->b, "\n\n"));
	TRY(clint_buf_printf(
		r->b,
		"| unchanged | modified | cosmetic only | added | removed | moved | "
		"renumbered | risks introduced | risks resolved | clauses gone | "
		"clauses appeared | value changes |\n"
		"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
		"| %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu | %zu | "
		"%zu |\n\n",
		t.kind[CLINT_CHANGE_UNCHANGED], t.kind[CLINT_CHANGE_MODIFIED],
		t.cosmetic, t.kind[CLINT_CHANGE_ADDED], t.kind[CLINT_CHANGE_REMOVED],
		t.kind[CLINT_CHANGE_MOVED], t.renumbered, t.introduced, t.resolved,
		t.gone, t.appeared, t.values));
	TRY(clint_dincomplete(d, &tmp));
	if (rc == 1) {  /* a revision's check stopped at its time limit */
		TRY(clint_buf_puts(r->b, "**"));
		TRY(clint_dput_md(r->b, tmp.data, tmp.len));
		TRY(clint_buf_puts(r->b, "**\n\n"));
	}
	if (d->clause_count || t.introduced || t.resolved) {
		TRY(clint_buf_puts(r->b, "## Risk changes\n\n| change | severity | "
		                         "rule | where | what |\n|---|---|---|---|---|\n"));
		for (i = 0; i < d->clause_count; i++) {
			const clint_diff_clause *c = &d->clauses[i];
			if (c->change == CLINT_RISK_UNCHANGED)
				continue;
			TRY(clint_buf_puts(r->b, "| "));
			TRY(clint_buf_puts(r->b, c->change == CLINT_RISK_INTRODUCED
			                             ? "**clause gone** | "
			                             : "clause appeared | "));
			TRY(md_cell(r, clint_severity_name(c->finding.severity)));
			TRY(md_cell(r, c->finding.rule_id));
			if (c->change == CLINT_RISK_INTRODUCED) {
				TRY(md_cell(r, *c->old_section ? c->old_section : "-"));
			} else {
				TRY(md_cell(r, *c->new_section ? c->new_section : "-"));
			}
			TRY(clint_dput_md(r->b, c->finding.title, strlen(c->finding.title)));
			TRY(clint_buf_puts(r->b,
			                   c->change == CLINT_RISK_INTRODUCED
			                       ? ": in OLD, gone in NEW |\n"
			                       : ": missing in OLD, present in NEW |\n"));
		}
		for (i = 0; i < d->risk_count; i++) {
			const clint_diff_risk *x = &d->risks[i];
			unsigned line, col;
			if (x->change == CLINT_RISK_UNCHANGED)
				continue;
			clint_dfinding_loc(&x->finding, &line, &col);
			TRY(clint_buf_puts(r->b, "| "));
			TRY(clint_buf_puts(r->b, x->change == CLINT_RISK_INTRODUCED
			                             ? "**introduced** | "
			                             : "resolved | "));
			TRY(md_cell(r, clint_severity_name(x->finding.severity)));
			TRY(md_cell(r, x->finding.rule_id));
			TRY(clint_buf_printf(r->b, "%s line %u, ",
			                     x->in_new ? "NEW" : "OLD", line));
			TRY(md_cell(r, x->finding.section_label));
			TRY(clint_dput_md(r->b, x->finding.message,
			                  strlen(x->finding.message)));
			TRY(clint_buf_puts(r->b, " |\n"));
		}
		TRY(clint_buf_putc(r->b, '\n'));
	}
	if (d->value_count) {
		TRY(clint_buf_puts(r->b, "## Value changes\n\n| section | term | old "
		                         "| new | favours |\n|---|---|---|---|---|\n"));
		for (i = 0; i < d->value_count; i++) {
			const clint_diff_value *v = &d->values[i];
			char ov[128], nv[128];
			clint_diff_value_text(d, 1, &v->old_value, ov, sizeof(ov));
			clint_diff_value_text(d, 0, &v->new_value, nv, sizeof(nv));
			TRY(clint_buf_puts(r->b, "| "));
			TRY(md_cell(r, clint_diff_value_label(d, v)));
			TRY(md_cell(r, v->term));
			TRY(md_cell(r, v->change == CLINT_VALUE_ADDED ? "(none)" : ov));
			TRY(md_cell(r, v->change == CLINT_VALUE_REMOVED ? "(none)" : nv));
			if (v->favours == CLINT_FAVOURS_UNKNOWN) {
				TRY(clint_buf_puts(r->b, "- |\n"));
			} else {
				TRY(clint_buf_printf(r->b, "%s: ",
				                     clint_favours_name(v->favours)));
				TRY(clint_dput_md(r->b, v->why, strlen(v->why)));
				TRY(clint_buf_puts(r->b, " |\n"));
			}
		}
		TRY(clint_buf_putc(r->b, '\n'));
	}
	TRY(clint_buf_puts(r->b, "## Sections\n\n"));
	for (any = 0, i = 0; i < d->section_count; i++) {
		TRY(clint_diff_section_get(d, i, &s));
		if (!clint_diff_shown(r, &s) ||
		    (s.kind == CLINT_CHANGE_UNCHANGED && !s.renumbered))
			continue;
		any = 1;
		TRY(md_section(r, &tmp, i, &s));
	}
	if (!any)
		TRY(clint_buf_puts(r->b, "No section changed.\n"));
done:
	clint_buf_free(&tmp);
	return rc;
}
