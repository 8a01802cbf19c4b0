/*
 * render_text.c - the diff for a terminal: the changed sections with
 * their word diffs ([-old-]{+new+} in context), renumbered sections,
 * value changes with the party they favour, risk changes and required
 * clauses, and a summary line.
 */
#include <string.h>

#include "render.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static const char *c(const clint_drender *r, const char *code)
{
	return r->o->color ? code : "";
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

/* Appends `s`, untrusted (a file name, label, document or pack text), with
 * its control characters made harmless (clint_term_str()). */
static int put(clint_drender *r, const char *s)
{
	return clint_term_cstr(r->b, s);
}

static int put_slice(clint_drender *r, clint_buf *tmp, const char *t,
                     size_t s, size_t e)
{
	int rc = CLINT_OK;

	TRY(clint_dslice(tmp, t, s, e, CLINT_DSHOW));
	TRY(clint_term_str(r->b, tmp->data, tmp->len));
	if (e - s > CLINT_DSHOW)
		TRY(clint_buf_puts(r->b, "..."));
done:
	return rc;
}

static int text_hunk(clint_drender *r, clint_buf *tmp,
                     const clint_diff_section *s, const clint_diff_hunk *h)
{
	const char *ta = clint_dhunk_old_text(r), *tb = clint_dhunk_new_text(r);
	size_t before, after;
	int rc = CLINT_OK;

	clint_dcontext(tb, s->new_start, s->new_end, h->new_start, h->new_end,
	               &before, &after);
	TRY(clint_buf_printf(r->b, "    %s", h->cosmetic ? "(cosmetic) " : ""));
	if (before < h->new_start)
		TRY(clint_buf_puts(r->b, "..."));
	TRY(put_slice(r, tmp, tb, before, h->new_start));
	if (before < h->new_start && is_space(tb[h->new_start - 1]))
		TRY(clint_buf_putc(r->b, ' '));
	if (h->old_end > h->old_start) {
		TRY(clint_buf_printf(r->b, "%s[-", c(r, RED)));
		TRY(put_slice(r, tmp, ta, h->old_start, h->old_end));
		TRY(clint_buf_printf(r->b, "-]%s", c(r, RESET)));
	}
	if (h->new_end > h->new_start) {
		TRY(clint_buf_printf(r->b, "%s{+", c(r, GREEN)));
		TRY(put_slice(r, tmp, tb, h->new_start, h->new_end));
		TRY(clint_buf_printf(r->b, "+}%s", c(r, RESET)));
	}
	if (after > h->new_end) {
		if (is_space(tb[h->new_end]))
			TRY(clint_buf_putc(r->b, ' '));
		TRY(put_slice(r, tmp, tb, h->new_end, after));
		TRY(clint_buf_puts(r->b, "..."));
	}
	TRY(clint_buf_putc(r->b, '\n'));
done:
	return rc;
}

static int text_section(clint_drender *r, clint_buf *tmp, size_t i,
                        const clint_diff_section *s)
{
	const clint_diff *d = r->d;
	const char *ol = clint_diff_label(d, 1, s->old_section, s->old_start);
	const char *nl = clint_diff_label(d, 0, s->new_section, s->new_start);
	clint_diff_hunk h;
	size_t k;
	int rc = CLINT_OK;

	switch (s->kind) {
	case CLINT_CHANGE_UNCHANGED:
		if (!s->renumbered)
			return CLINT_OK;
		TRY(clint_buf_puts(r->b, "renumbered "));
		TRY(put(r, ol));
		TRY(clint_buf_puts(r->b, " -> "));
		TRY(put(r, nl));
		return clint_buf_putc(r->b, '\n');
	case CLINT_CHANGE_ADDED:
		TRY(clint_buf_printf(r->b, "%sadded%s ", c(r, BOLD), c(r, RESET)));
		TRY(put(r, nl));
		TRY(clint_buf_printf(r->b, "  [NEW line %u]\n",
		                     clint_diff_line(d, 0, s->new_start)));
		TRY(clint_buf_printf(r->b, "    %s+ ", c(r, GREEN)));
		TRY(put_slice(r, tmp, clint_dhunk_new_text(r), s->new_start,
		              s->new_end));
		return clint_buf_printf(r->b, "%s\n", c(r, RESET));
	case CLINT_CHANGE_REMOVED:
		TRY(clint_buf_printf(r->b, "%sremoved%s ", c(r, BOLD), c(r, RESET)));
		TRY(put(r, ol));
		TRY(clint_buf_printf(r->b, "  [OLD line %u]\n",
		                     clint_diff_line(d, 1, s->old_start)));
		TRY(clint_buf_printf(r->b, "    %s- ", c(r, RED)));
		TRY(put_slice(r, tmp, clint_dhunk_old_text(r), s->old_start,
		              s->old_end));
		return clint_buf_printf(r->b, "%s\n", c(r, RESET));
	case CLINT_CHANGE_MOVED:
		TRY(clint_buf_printf(r->b, "%smoved%s ", c(r, BOLD), c(r, RESET)));
		TRY(put(r, ol));
		TRY(clint_buf_puts(r->b, " -> "));
		TRY(put(r, nl));
		TRY(clint_buf_printf(r->b, "%s  [OLD line %u, NEW line %u]\n",
		                     s->edited ? (s->cosmetic ? " (and edited, "
		                                                "cosmetic only)"
		                                              : " (and edited)")
		                               : "",
		                     clint_diff_line(d, 1, s->old_start),
		                     clint_diff_line(d, 0, s->new_start)));
		break;
	case CLINT_CHANGE_MODIFIED:
		TRY(clint_buf_printf(r->b, "%smodified%s ", c(r, BOLD), c(r, RESET)));
		TRY(put(r, nl));
		if (s->renumbered) {
			TRY(clint_buf_puts(r->b, " (was "));
			TRY(put(r, ol));
			TRY(clint_buf_putc(r->b, ')'));
		}
		TRY(clint_buf_printf(r->b, "  [OLD line %u, NEW line %u]\n",
		                     clint_diff_line(d, 1, s->old_start),
		                     clint_diff_line(d, 0, s->new_start)));
		if (s->cosmetic)
			TRY(clint_buf_puts(r->b, "    cosmetic changes only\n"));
		break;
	}
	if (s->coarse)
		TRY(clint_buf_puts(r->b, "    (rewritten beyond the word diff's "
		                         "bound: shown as one change)\n"));
	for (k = 0; k < s->hunk_count; k++) {
		TRY(clint_diff_hunk_get(d, i, k, &h));
		if (r->o->substantive_only && h.cosmetic)
			continue;
		TRY(text_hunk(r, tmp, s, &h));
	}
done:
	return rc;
}

static int text_finding(clint_drender *r, const char *file,
                        const clint_finding *f)
{
	unsigned line, col;
	int rc = CLINT_OK;

	clint_dfinding_loc(f, &line, &col);
	TRY(clint_buf_puts(r->b, "    "));
	TRY(put(r, file));
	TRY(clint_buf_printf(r->b, ":%u:%u: %s: ", line, col,
	                     clint_severity_name(f->severity)));
	TRY(put(r, f->message));
	TRY(clint_buf_puts(r->b, " ["));
	TRY(put(r, f->rule_id));
	TRY(clint_buf_putc(r->b, ']'));
	if (f->section_label && *f->section_label) {
		TRY(clint_buf_puts(r->b, " in "));
		TRY(put(r, f->section_label));
	}
	TRY(clint_buf_putc(r->b, '\n'));
done:
	return rc;
}

int clint_diff_render_text(clint_drender *r)
{
	const clint_diff *d = r->d;
	clint_buf tmp = CLINT_BUF_INIT;
	clint_diff_tally t;
	clint_diff_section s;
	size_t i, sev[3] = {0, 0, 0};
	int rc = CLINT_OK, any;

	clint_diff_count(d, &t);
	TRY(clint_buf_printf(r->b, "%sclauselint diff%s: ", c(r, BOLD),
	                     c(r, RESET)));
	TRY(put(r, r->old_name));
	TRY(clint_buf_puts(r->b, " -> "));
	TRY(put(r, r->new_name));
	TRY(clint_buf_putc(r->b, '\n'));
	TRY(clint_buf_printf(r->b,
	                     "sections: %zu unchanged, %zu modified (%zu cosmetic "
	                     "only), %zu added, %zu removed, %zu moved; %zu "
	                     "renumbered\n\n",
	                     t.kind[CLINT_CHANGE_UNCHANGED],
	                     t.kind[CLINT_CHANGE_MODIFIED], t.cosmetic,
	                     t.kind[CLINT_CHANGE_ADDED], t.kind[CLINT_CHANGE_REMOVED],
	                     t.kind[CLINT_CHANGE_MOVED], t.renumbered));
	for (any = 0, i = 0; i < d->section_count; i++) {
		TRY(clint_diff_section_get(d, i, &s));
		if (!clint_diff_shown(r, &s))
			continue;
		if (s.kind != CLINT_CHANGE_UNCHANGED || s.renumbered)
			any = 1;
		TRY(text_section(r, &tmp, i, &s));
	}
	if (!any)
		TRY(clint_buf_puts(r->b, r->o->substantive_only
		                             ? "no substantive change in the sections\n"
		                             : "no section changed\n"));
	if (d->value_count) {
		TRY(clint_buf_puts(r->b, "\nvalue changes:\n"));
		for (i = 0; i < d->value_count; i++) {
			const clint_diff_value *v = &d->values[i];
			char ov[128], nv[128];
			clint_diff_value_text(d, 1, &v->old_value, ov, sizeof(ov));
			clint_diff_value_text(d, 0, &v->new_value, nv, sizeof(nv));
			TRY(clint_buf_puts(r->b, "    "));
			TRY(put(r, clint_diff_value_label(d, v)));
			TRY(clint_buf_puts(r->b, ": "));
			TRY(put(r, v->term));
			TRY(clint_buf_puts(r->b, ": "));
			if (v->change == CLINT_VALUE_ADDED) {
				TRY(put(r, nv));
				TRY(clint_buf_puts(r->b, " added"));
			} else if (v->change == CLINT_VALUE_REMOVED) {
				TRY(put(r, ov));
				TRY(clint_buf_puts(r->b, " removed"));
			} else {
				TRY(put(r, ov));
				TRY(clint_buf_puts(r->b, " -> "));
				TRY(put(r, nv));
			}
			if (v->favours != CLINT_FAVOURS_UNKNOWN) {
				TRY(clint_buf_printf(r->b, " (favours the %s: ",
				                     clint_favours_name(v->favours)));
				TRY(put(r, v->why));
				TRY(clint_buf_putc(r->b, ')'));
			}
			TRY(clint_buf_putc(r->b, '\n'));
		}
	}
	for (any = 0, i = 0; i < d->risk_count; i++)
		if (d->risks[i].change == CLINT_RISK_INTRODUCED) {
			if (!any++)
				TRY(clint_buf_puts(r->b, "\nrisks introduced:\n"));
			sev[d->risks[i].finding.severity]++;
			TRY(text_finding(r, r->new_name, &d->risks[i].finding));
		}
	for (any = 0, i = 0; i < d->risk_count; i++)
		if (d->risks[i].change == CLINT_RISK_RESOLVED) {
			if (!any++)
				TRY(clint_buf_puts(r->b, "\nrisks resolved:\n"));
			TRY(text_finding(r, r->old_name, &d->risks[i].finding));
		}
	for (any = 0, i = 0; i < d->clause_count; i++)
		if (d->clauses[i].change != CLINT_RISK_UNCHANGED ||
		    !r->o->substantive_only)
			any = 1;
	if (any)
		TRY(clint_buf_puts(r->b, "\nrequired clauses:\n"));
	for (i = 0; i < d->clause_count; i++) {
		const clint_diff_clause *cl = &d->clauses[i];
		const clint_finding *f = &cl->finding;
		if (cl->change == CLINT_RISK_INTRODUCED) {
			sev[f->severity]++;
			TRY(clint_buf_printf(r->b, "    %sgone%s: ", c(r, RED),
			                     c(r, RESET)));
			TRY(put(r, f->title));
			if (*cl->old_section) {
				TRY(clint_buf_puts(r->b, ", "));
				TRY(put(r, cl->old_section));
				TRY(clint_buf_puts(r->b, " in OLD,"));
			}
			TRY(clint_buf_puts(r->b, " is gone in NEW ["));
			TRY(put(r, f->rule_id));
			TRY(clint_buf_printf(r->b, "] (%s)\n",
			                     clint_severity_name(f->severity)));
		} else if (cl->change == CLINT_RISK_RESOLVED) {
			TRY(clint_buf_printf(r->b, "    %sappeared%s: ", c(r, GREEN),
			                     c(r, RESET)));
			TRY(put(r, f->title));
			if (*cl->new_section) {
				TRY(clint_buf_puts(r->b, ", "));
				TRY(put(r, cl->new_section));
				TRY(clint_buf_puts(r->b, " in NEW,"));
			}
			TRY(clint_buf_puts(r->b, " was missing in OLD ["));
			TRY(put(r, f->rule_id));
			TRY(clint_buf_puts(r->b, "]\n"));
		} else if (!r->o->substantive_only) {
			TRY(clint_buf_puts(r->b, "    still missing: "));
			TRY(put(r, f->title));
			TRY(clint_buf_puts(r->b, " ["));
			TRY(put(r, f->rule_id));
			TRY(clint_buf_printf(r->b, "] (%s)\n",
			                     clint_severity_name(f->severity)));
		}
	}
	TRY(clint_buf_printf(r->b,
	                     "\nsummary: %zu risk%s introduced (%zu error%s, %zu "
	                     "warning%s, %zu info), %zu resolved, %zu unchanged; "
	                     "required clauses: %zu gone, %zu appeared, %zu still "
	                     "missing; %zu value change%s\n",
	                     t.introduced + t.gone,
	                     t.introduced + t.gone == 1 ? "" : "s",
	                     sev[CLINT_SEVERITY_ERROR],
	                     sev[CLINT_SEVERITY_ERROR] == 1 ? "" : "s",
	                     sev[CLINT_SEVERITY_WARNING],
	                     sev[CLINT_SEVERITY_WARNING] == 1 ? "" : "s",
	                     sev[CLINT_SEVERITY_INFO], t.resolved + t.appeared,
	                     t.unchanged, t.gone, t.appeared, t.still_missing,
	                     t.values, t.values == 1 ? "" : "s"));
	TRY(clint_dincomplete(r->d, &tmp));
	if (rc == 1) {  /* a revision's check stopped at its time limit */
		TRY(clint_buf_put(r->b, tmp.data, tmp.len));
		TRY(clint_buf_putc(r->b, '\n'));
	}
done:
	clint_buf_free(&tmp);
	return rc;
}
