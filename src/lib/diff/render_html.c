/*
 * render_html.c - the diff as one self-contained HTML page (no script, no
 * external resources): the summary, the risk changes (introduced in red,
 * resolved in green, clauses gone first), the value changes, and the
 * sections side by side, OLD on the left with deletions, NEW on the right
 * with insertions; cosmetic changes are shown muted, and a section that
 * gained a risk carries its rule ids.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static const char css[] =
	"body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}"
	"table{border-collapse:collapse;width:100%}"
	"td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;"
	"text-align:left}"
	"td.text{white-space:pre-wrap;width:45%;font-family:Georgia,serif}"
	"del{background:#fdd;color:#900}ins{background:#dfd;color:#060;"
	"text-decoration:none}"
	"del.cos,ins.cos{background:#eee;color:#666}"
	"tr.added td.new{background:#f0fff0}tr.removed td.old{background:#fff0f0}"
	"tr.moved th{background:#eef}"
	".intro{color:#b00;font-weight:bold}.resolved{color:#070}"
	".risk{display:inline-block;background:#b00;color:#fff;border-radius:3px;"
	"padding:0 .3em;margin:.1em;font-size:.85em}"
	".summary td{text-align:right}";

static int esc(clint_buf *b, const char *s)
{
	return clint_dput_html(b, s, strlen(s));
}

/* Text [start, end) of one side with its hunk ranges wrapped in `tag`. */
static int side_text(clint_drender *r, size_t i, const clint_diff_section *s,
                     int old)
{
	const char *t = old ? clint_dhunk_old_text(r) : clint_dhunk_new_text(r);
	size_t pos = old ? s->old_start : s->new_start;
	size_t end = old ? s->old_end : s->new_end, k;
	const char *tag = old ? "del" : "ins";
	clint_diff_hunk h;
	int rc = CLINT_OK;

	for (k = 0; k < s->hunk_count; k++) {
		size_t hs, he;
		TRY(clint_diff_hunk_get(r->d, i, k, &h));
		hs = old ? h.old_start : h.new_start;
		he = old ? h.old_end : h.new_end;
		if (hs < pos || he > end || he == hs)
			continue;
		TRY(clint_dput_html(r->b, t + pos, hs - pos));
		TRY(clint_buf_printf(r->b, "<%s%s>", tag,
		                     h.cosmetic ? " class=\"cos\"" : ""));
		TRY(clint_dput_html(r->b, t + hs, he - hs));
		TRY(clint_buf_printf(r->b, "</%s>", tag));
		pos = he;
	}
	if (end > pos)
		TRY(clint_dput_html(r->b, t + pos, end - pos));
done:
	return rc;
}

/* An introduced risk and the NEW section it is in: the badges of the
 * section headings are looked up in these, sorted, not found by a pass
 * over every risk for every section (100,000 sections and 20,000 risks
 * took 3.7 s against 1.6 s for the JSON). */
typedef struct {
	size_t section, risk;
} badge;

static int cmp_badge(const void *a, const void *b)
{
	const badge *x = a, *y = b;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	return x->risk < y->risk ? -1 : x->risk > y->risk;
}

/* The introduced risks by section; *out is the caller's to free. */
static int index_badges(const clint_diff *d, badge **out, size_t *n)
{
	size_t i;

	*n = 0;
	*out = malloc((d->risk_count + 1) * sizeof(**out));
	if (!*out)
		return CLINT_ENOMEM;
	for (i = 0; i < d->risk_count; i++)
		if (d->risks[i].change == CLINT_RISK_INTRODUCED) {
			(*out)[*n].section = d->risks[i].finding.section;
			(*out)[(*n)++].risk = i;
		}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_badge);
	return CLINT_OK;
}

static int risk_badges(clint_drender *r, const badge *bs, size_t nb,
                       size_t new_section)
{
	const clint_diff *d = r->d;
	size_t lo = 0, hi = nb;
	int rc = CLINT_OK;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bs[mid].section < new_section)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nb && bs[lo].section == new_section; lo++) {
		const clint_diff_risk *x = &d->risks[bs[lo].risk];
		TRY(clint_buf_puts(r->b, "<span class=\"risk\" title=\""));
		TRY(esc(r->b, x->finding.message));
		TRY(clint_buf_puts(r->b, "\">"));
		TRY(esc(r->b, x->finding.rule_id));
		TRY(clint_buf_puts(r->b, "</span>"));
	}
done:
	return rc;
}

static int html_section(clint_drender *r, size_t i,
                        const clint_diff_section *s, const badge *bs,
                        size_t nb)
{
	const clint_diff *d = r->d;
	const char *ol, *nl;
	int rc = CLINT_OK;

	TRY(clint_buf_printf(r->b, "<tr class=\"%s\"><th colspan=\"2\">%s%s%s ",
	                     clint_change_kind_name(s->kind),
	                     clint_change_kind_name(s->kind),
	                     s->renumbered ? ", renumbered" : "",
	                     s->edited && s->cosmetic ? " (cosmetic only)" : ""));
	ol = clint_diff_label(d, 1, s->old_section, s->old_start);
	nl = clint_diff_label(d, 0, s->new_section, s->new_start);
	if (s->kind == CLINT_CHANGE_REMOVED ||
	    (s->kind != CLINT_CHANGE_ADDED && strcmp(ol, nl) != 0)) {
		TRY(esc(r->b, ol));
		if (s->kind != CLINT_CHANGE_REMOVED)
			TRY(clint_buf_puts(r->b, " &rarr; "));
	}
	if (s->kind != CLINT_CHANGE_REMOVED) {
		TRY(esc(r->b, nl));
		TRY(clint_buf_putc(r->b, ' '));
		TRY(risk_badges(r, bs, nb, s->new_section));
	}
	TRY(clint_buf_puts(r->b, "</th></tr>\n<tr class=\""));
	TRY(clint_buf_puts(r->b, clint_change_kind_name(s->kind)));
	TRY(clint_buf_puts(r->b, "\"><td class=\"text old\">"));
	if (s->kind != CLINT_CHANGE_ADDED)
		TRY(side_text(r, i, s, 1));
	TRY(clint_buf_puts(r->b, "</td><td class=\"text new\">"));
	if (s->kind != CLINT_CHANGE_REMOVED)
		TRY(side_text(r, i, s, 0));
	TRY(clint_buf_puts(r->b, "</td></tr>\n"));
done:
	return rc;
}

int clint_diff_render_html(clint_drender *r)
{
	const clint_diff *d = r->d;
	clint_buf inc = CLINT_BUF_INIT;
	clint_diff_tally t;
	clint_diff_section s;
	badge *bs = NULL;
	size_t i, nb = 0;
	int rc = CLINT_OK;

	clint_diff_count(d, &t);
	TRY(index_badges(d, &bs, &nb));
	TRY(clint_buf_puts(r->b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	                         "<meta charset=\"utf-8\"><title>clauselint diff: "));
	TRY(esc(r->b, r->old_name));
	TRY(clint_buf_puts(r->b, " &rarr; "));
	TRY(esc(r->b, r->new_name));
	TRY(clint_buf_printf(r->b, "</title><style>%s</style></head>\n<body>\n"
	                           "<h1>clauselint diff: ",
	                     css));
	TRY(esc(r->b, r->old_name));
	TRY(clint_buf_puts(r->b, " &rarr; "));
	TRY(esc(r->b, r->new_name));
	TRY(clint_buf_printf(
		r->b,
		"</h1>\n<table class=\"summary\"><tr><th>unchanged</th><th>modified"
		"</th><th>cosmetic only</th><th>added</th><th>removed</th><th>moved"
		"</th><th>renumbered</th><th>risks introduced</th><th>risks resolved"
		"</th><th>clauses gone</th><th>clauses appeared</th><th>value changes"
		"</th></tr>\n<tr><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td>"
		"<td>%zu</td><td>%zu</td><td>%zu</td><td class=\"intro\">%zu</td>"
		"<td class=\"resolved\">%zu</td><td class=\"intro\">%zu</td>"
		"<td class=\"resolved\">%zu</td><td>%zu</td></tr></table>\n",
		t.kind[CLINT_CHANGE_UNCHANGED], t.kind[CLINT_CHANGE_MODIFIED],
		t.cosmetic, t.kind[CLINT_CHANGE_ADDED], t.kind[CLINT_CHANGE_REMOVED],
		t.kind[CLINT_CHANGE_MOVED], t.renumbered, t.introduced, t.resolved,
		t.gone, t.appeared, t.values));
	TRY(clint_dincomplete(d, &inc));
	if (rc == 1) {  /* a revision's check stopped at its time limit */
		TRY(clint_buf_puts(r->b, "<p class=\"intro\">"));
		TRY(clint_dput_html(r->b, inc.data, inc.len));
		TRY(clint_buf_puts(r->b, "</p>\n"));
	}
	TRY(clint_buf_puts(r->b, "<h2>Risk changes</h2>\n<ul>\n"));
	for (i = 0; i < d->clause_count; i++) {
		const clint_diff_clause *c = &d->clauses[i];
		if (c->change == CLINT_RISK_UNCHANGED)
			continue;
		if (c->change == CLINT_RISK_INTRODUCED) {
			TRY(clint_buf_puts(r->b, "<li class=\"intro\">clause gone: "));
			TRY(esc(r->b, c->finding.title));
			if (*c->old_section) {
				TRY(clint_buf_puts(r->b, ", "));
				TRY(esc(r->b, c->old_section));
				TRY(clint_buf_puts(r->b, " in OLD,"));
			}
			TRY(clint_buf_puts(r->b, " is gone in NEW"));
		} else {
			TRY(clint_buf_puts(r->b, "<li class=\"resolved\">clause appeared: "));
			TRY(esc(r->b, c->finding.title));
			if (*c->new_section) {
				TRY(clint_buf_puts(r->b, " in "));
				TRY(esc(r->b, c->new_section));
			}
		}
		TRY(clint_buf_printf(r->b, " [%s, %s]</li>\n", c->finding.rule_id,
		                     clint_severity_name(c->finding.severity)));
	}
	for (i = 0; i < d->risk_count; i++) {
		const clint_diff_risk *x = &d->risks[i];
		unsigned line, col;
		if (x->change == CLINT_RISK_UNCHANGED)
			continue;
		clint_dfinding_loc(&x->finding, &line, &col);
		TRY(clint_buf_printf(r->b, "<li class=\"%s\">%s %s: ",
		                     x->change == CLINT_RISK_INTRODUCED ? "intro"
		                                                        : "resolved",
		                     clint_risk_change_name(x->change),
		                     clint_severity_name(x->finding.severity)));
		TRY(esc(r->b, x->finding.message));
		TRY(clint_buf_printf(r->b, " [%s] %s line %u ", x->finding.rule_id,
		                     x->in_new ? "NEW" : "OLD", line));
		TRY(esc(r->b, x->finding.section_label));
		TRY(clint_buf_puts(r->b, "</li>\n"));
	}
	TRY(clint_buf_printf(r->b, "</ul>\n<p>%zu finding%s unchanged.</p>\n",
	                     t.unchanged, t.unchanged == 1 ? "" : "s"));
	if (d->value_count) {
		TRY(clint_buf_puts(r->b, "<h2>Value changes</h2>\n<table><tr><th>"
		                         "section</th><th>term</th><th>old</th><th>new"
		                         "</th><th>favours</th></tr>\n"));
		for (i = 0; i < d->value_count; i++) {
			const clint_diff_value *v = &d->values[i];
			char ov[128], nv[128];
			clint_diff_value_text(d, 1, &v->old_value, ov, sizeof(ov));
			clint_diff_value_text(d, 0, &v->new_value, nv, sizeof(nv));
			TRY(clint_buf_puts(r->b, "<tr><td>"));
			TRY(esc(r->b, clint_diff_value_label(d, v)));
			TRY(clint_buf_puts(r->b, "</td><td>"));
			TRY(esc(r->b, v->term));
			TRY(clint_buf_puts(r->b, "</td><td><del>"));
			TRY(esc(r->b, v->change == CLINT_VALUE_ADDED ? "(none)" : ov));
			TRY(clint_buf_puts(r->b, "</del></td><td><ins>"));
			TRY(esc(r->b, v->change == CLINT_VALUE_REMOVED ? "(none)" : nv));
			TRY(clint_buf_puts(r->b, "</ins></td><td>"));
			if (v->favours != CLINT_FAVOURS_UNKNOWN) {
				TRY(clint_buf_printf(r->b, "%s: ",
				                     clint_favours_name(v->favours)));
				TRY(esc(r->b, v->why));
			}
			TRY(clint_buf_puts(r->b, "</td></tr>\n"));
		}
		TRY(clint_buf_puts(r->b, "</table>\n"));
	}
	TRY(clint_buf_puts(r->b, "<h2>Sections</h2>\n<table class=\"sections\">"
	                         "<tr><th>OLD: "));
	TRY(esc(r->b, r->old_name));
	TRY(clint_buf_puts(r->b, "</th><th>NEW: "));
	TRY(esc(r->b, r->new_name));
	TRY(clint_buf_puts(r->b, "</th></tr>\n"));
	for (i = 0; i < d->section_count; i++) {
		TRY(clint_diff_section_get(d, i, &s));
		if (!clint_diff_shown(r, &s))
			continue;
		TRY(html_section(r, i, &s, bs, nb));
	}
	TRY(clint_buf_puts(r->b, "</table>\n</body></html>\n"));
done:
	free(bs);
	clint_buf_free(&inc);
	return rc;
}
