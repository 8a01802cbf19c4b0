/*
 * render_json.c - the diff as one JSON object, stable key order, no
 * timestamps. docs/diff-json.schema.json is its JSON Schema and
 * docs/diff.md describes the fields.
 */
#include <math.h>
#include <string.h>

#include "render.h"

static int k(clint_buf *b, int in, const char *key, int first)
{
	return clint_buf_printf(b, "%s\n%*s\"%s\": ", first ? "" : ",", in, "",
	                        key);
}

/* A number as JSON: "inf" and "nan" are not JSON, so a value that is not
 * finite (the values stage records none) is written as null. */
static int num(clint_buf *b, double v)
{
	return isfinite(v) ? clint_buf_printf(b, "%.10g", v)
	                   : clint_buf_puts(b, "null");
}

/* A number of a side a value has (`has`), else null. */
static int side_num(clint_buf *b, int has, double v)
{
	return has ? num(b, v) : clint_buf_puts(b, "null");
}

static int kstr(clint_buf *b, int in, const char *key, const char *v,
                int first)
{
	int rc = k(b, in, key, first);
	return rc < 0 ? rc : clint_json_cstr(b, v);
}

static int kslice(clint_buf *b, clint_buf *tmp, int in, const char *key,
                  const char *t, size_t s, size_t e, int first)
{
	int rc = k(b, in, key, first);

	if (rc == CLINT_OK)
		rc = clint_dslice(tmp, t, s, e, (size_t)-1 / 4);
	return rc < 0 ? rc : clint_json_str(b, tmp->data, tmp->len);
}

static int side(clint_drender *r, clint_buf *tmp, int in, int old,
                size_t section, size_t start, size_t end)
{
	const clint_diff *d = r->d;
	clint_section sec;
	clint_buf *b = r->b;
	int rc = CLINT_OK;

	TRY(clint_buf_putc(b, '{'));
	if (section != CLINT_NO_SECTION) {
		TRY(clint_doc_section(old ? d->old_doc : d->new_doc, section, &sec));
		TRY(kstr(b, in + 2, "number", sec.number, 1));
		TRY(kstr(b, in + 2, "heading", sec.heading, 0));
		TRY(kstr(b, in + 2, "label", sec.label, 0));
	} else {
		TRY(kstr(b, in + 2, "number", "", 1));
		TRY(kstr(b, in + 2, "heading", "", 0));
		TRY(kstr(b, in + 2, "label",
		         clint_diff_label(d, old, CLINT_NO_SECTION, start), 0));
	}
	TRY(k(b, in + 2, "line", 0));
	TRY(clint_buf_printf(b, "%u", clint_diff_line(d, old, start)));
	TRY(kslice(b, tmp, in + 2, "text",
	           old ? clint_dhunk_old_text(r) : clint_dhunk_new_text(r), start,
	           end, 0));
	TRY(clint_buf_printf(b, "\n%*s}", in, ""));
done:
	return rc;
}

static int finding(clint_drender *r, int in, const clint_finding *f,
                   const char *change, const char *fp, const char *file,
                   const clint_doc *doc)
{
	clint_buf *b = r->b;
	unsigned line, col;
	int rc = CLINT_OK;

	clint_dfinding_loc(f, &line, &col);
	TRY(clint_buf_putc(b, '{'));
	TRY(kstr(b, in + 2, "change", change, 1));
	TRY(kstr(b, in + 2, "rule", f->rule_id, 0));
	TRY(kstr(b, in + 2, "pack", f->pack, 0));
	TRY(kstr(b, in + 2, "severity", clint_severity_name(f->severity), 0));
	TRY(kstr(b, in + 2, "category", f->category, 0));
	TRY(kstr(b, in + 2, "title", f->title, 0));
	TRY(kstr(b, in + 2, "message", f->message, 0));
	if (fp)
		TRY(kstr(b, in + 2, "fingerprint", fp, 0));
	TRY(kstr(b, in + 2, "file", file, 0));
	TRY(k(b, in + 2, "line", 0));
	TRY(clint_buf_printf(b, "%u", line));
	TRY(k(b, in + 2, "column", 0));
	TRY(clint_buf_printf(b, "%u", col));
	TRY(kstr(b, in + 2, "section", f->section_label ? f->section_label : "", 0));
	if (f->has_location) {
		size_t len;
		const char *t = clint_doc_text(doc, &len);
		TRY(k(b, in + 2, "matched", 0));
		if (f->start <= f->end && f->end <= len)
			TRY(clint_json_str(b, t + f->start, f->end - f->start));
		else
			TRY(clint_buf_puts(b, "\"\""));
	}
	TRY(clint_buf_printf(b, "\n%*s}", in, ""));
done:
	return rc;
}

int clint_diff_render_json(clint_drender *r)
{
	const clint_diff *d = r->d;
	clint_buf *b = r->b, tmp = CLINT_BUF_INIT;
	clint_diff_tally t;
	clint_diff_section s;
	clint_diff_hunk h;
	size_t i, j, n, nh;
	int rc = CLINT_OK;

	clint_diff_count(d, &t);
	TRY(clint_buf_puts(b, "{"));
	TRY(kstr(b, 2, "tool", "clauselint", 1));
	TRY(kstr(b, 2, "version", clint_version(), 0));
	TRY(k(b, 2, "old", 0));
	TRY(clint_buf_putc(b, '{'));
	TRY(kstr(b, 4, "file", r->old_name, 1));
	TRY(kstr(b, 4, "format", clint_input_format_name(clint_doc_format(d->old_doc)), 0));
	TRY(clint_buf_puts(b, "\n  }"));
	TRY(k(b, 2, "new", 0));
	TRY(clint_buf_putc(b, '{'));
	TRY(kstr(b, 4, "file", r->new_name, 1));
	TRY(kstr(b, 4, "format", clint_input_format_name(clint_doc_format(d->new_doc)), 0));
	TRY(clint_buf_puts(b, "\n  }"));
	TRY(k(b, 2, "substantive_only", 0));
	TRY(clint_buf_puts(b, r->o->substantive_only ? "true" : "false"));
	TRY(k(b, 2, "summary", 0));
	TRY(clint_buf_printf(
		b,
		"{\n    \"unchanged\": %zu,\n    \"modified\": %zu,\n    "
		"\"cosmetic_only\": %zu,\n    \"added\": %zu,\n    \"removed\": %zu,\n"
		"    \"moved\": %zu,\n    \"renumbered\": %zu,\n    \"introduced\": "
		"%zu,\n    \"resolved\": %zu,\n    \"unchanged_findings\": %zu,\n    "
		"\"clauses_gone\": %zu,\n    \"clauses_appeared\": %zu,\n    "
		"\"clauses_still_missing\": %zu,\n    \"value_changes\": %zu\n  }",
		t.kind[CLINT_CHANGE_UNCHANGED], t.kind[CLINT_CHANGE_MODIFIED],
		t.cosmetic, t.kind[CLINT_CHANGE_ADDED], t.kind[CLINT_CHANGE_REMOVED],
		t.kind[CLINT_CHANGE_MOVED], t.renumbered, t.introduced, t.resolved,
		t.unchanged, t.gone, t.appeared, t.still_missing, t.values));
	TRY(clint_dincomplete(d, &tmp));
	if (rc == 1) {  /* a revision's check stopped at its time limit */
		TRY(k(b, 2, "timed_out", 0));
		TRY(clint_buf_printf(
			b,
			"{\"old\": %s, \"new\": %s, \"rules_compared\": %zu, "
			"\"rules\": %zu, \"message\": ",
			clint_result_timed_out(d->old_res) ? "true" : "false",
			clint_result_timed_out(d->new_res) ? "true" : "false",
			clint_diff_rules_compared(d), clint_ruleset_rule_count(d->rs)));
		TRY(clint_json_str(b, tmp.data, tmp.len));
		TRY(clint_buf_putc(b, '}'));
	}
	TRY(k(b, 2, "sections", 0));
	TRY(clint_buf_putc(b, '['));
	for (n = 0, i = 0; i < d->section_count; i++) {
		TRY(clint_diff_section_get(d, i, &s));
		if (!clint_diff_shown(r, &s))
			continue;
		TRY(clint_buf_puts(b, n++ ? ",\n    {" : "\n    {"));
		TRY(kstr(b, 6, "change", clint_change_kind_name(s.kind), 1));
		TRY(k(b, 6, "renumbered", 0));
		TRY(clint_buf_puts(b, s.renumbered ? "true" : "false"));
		TRY(k(b, 6, "edited", 0));
		TRY(clint_buf_puts(b, s.edited ? "true" : "false"));
		TRY(k(b, 6, "cosmetic_only", 0));
		TRY(clint_buf_puts(b, s.edited && s.cosmetic ? "true" : "false"));
		TRY(k(b, 6, "coarse", 0));
		TRY(clint_buf_puts(b, s.coarse ? "true" : "false"));
		TRY(k(b, 6, "similarity", 0));
		TRY(clint_buf_printf(b, "%.3f", s.similarity));
		TRY(k(b, 6, "old", 0));
		if (s.kind == CLINT_CHANGE_ADDED)
			TRY(clint_buf_puts(b, "null"));
		else
			TRY(side(r, &tmp, 6, 1, s.old_section, s.old_start, s.old_end));
		TRY(k(b, 6, "new", 0));
		if (s.kind == CLINT_CHANGE_REMOVED)
			TRY(clint_buf_puts(b, "null"));
		else
			TRY(side(r, &tmp, 6, 0, s.new_section, s.new_start, s.new_end));
		TRY(k(b, 6, "hunks", 0));
		TRY(clint_buf_putc(b, '['));
		/* nh counts the hunks written: with --substantive-only the
		 * cosmetic ones are skipped, so j says nothing about commas */
		for (nh = 0, j = 0; j < s.hunk_count; j++) {
			TRY(clint_diff_hunk_get(d, i, j, &h));
			if (r->o->substantive_only && h.cosmetic)
				continue;
			TRY(clint_buf_puts(b, nh++ ? ", {" : "{"));
			TRY(k(b, 10, "cosmetic", 1));
			TRY(clint_buf_puts(b, h.cosmetic ? "true" : "false"));
			TRY(kslice(b, &tmp, 10, "old", clint_dhunk_old_text(r),
			           h.old_start, h.old_end, 0));
			TRY(kslice(b, &tmp, 10, "new", clint_dhunk_new_text(r),
			           h.new_start, h.new_end, 0));
			TRY(k(b, 10, "old_line", 0));
			TRY(clint_buf_printf(b, "%u", clint_diff_line(d, 1, h.old_start)));
			TRY(k(b, 10, "new_line", 0));
			TRY(clint_buf_printf(b, "%u\n        }",
			                     clint_diff_line(d, 0, h.new_start)));
		}
		TRY(clint_buf_puts(b, "]\n    }"));
	}
	TRY(clint_buf_puts(b, n ? "\n  ]" : "]"));
	TRY(k(b, 2, "values", 0));
	TRY(clint_buf_putc(b, '['));
	for (i = 0; i < d->value_count; i++) {
		const clint_diff_value *v = &d->values[i];
		/* the value there is: NEW's, OLD's when removed */
		const clint_value *side = v->change == CLINT_VALUE_REMOVED
		                              ? &v->old_value : &v->new_value;
		char ov[128], nv[128];
		clint_diff_value_text(d, 1, &v->old_value, ov, sizeof(ov));
		clint_diff_value_text(d, 0, &v->new_value, nv, sizeof(nv));
		TRY(clint_buf_puts(b, i ? ",\n    {" : "\n    {"));
		TRY(kstr(b, 6, "section", clint_diff_value_label(d, v), 1));
		TRY(kstr(b, 6, "change", clint_value_change_name(v->change), 0));
		TRY(kstr(b, 6, "term", v->term, 0));
		TRY(kstr(b, 6, "kind", clint_value_kind_name(side->kind), 0));
		TRY(kstr(b, 6, "old", ov, 0));
		TRY(kstr(b, 6, "new", nv, 0));
		/* the side a value added or removed does not have: null */
		TRY(k(b, 6, "old_amount", 0));
		TRY(side_num(b, v->change != CLINT_VALUE_ADDED, v->old_value.amount));
		TRY(k(b, 6, "new_amount", 0));
		TRY(side_num(b, v->change != CLINT_VALUE_REMOVED,
		             v->new_value.amount));
		/* NEW's unit, and OLD's: "30 days" -> "1 month" is 30 and 1,
		 * which read as one unit said "30 months -> 1 month"; durations
		 * also in days, which compare */
		TRY(kstr(b, 6, "unit",
		         v->new_value.kind == CLINT_VALUE_MONEY ? v->new_value.currency
		                                                : v->new_value.unit, 0));
		TRY(kstr(b, 6, "old_unit",
		         v->old_value.kind == CLINT_VALUE_MONEY ? v->old_value.currency
		                                                : v->old_value.unit, 0));
		if (side->kind == CLINT_VALUE_DURATION) {
			TRY(k(b, 6, "old_days", 0));
			TRY(side_num(b, v->change != CLINT_VALUE_ADDED,
			             v->old_value.days));
			TRY(k(b, 6, "new_days", 0));
			TRY(side_num(b, v->change != CLINT_VALUE_REMOVED,
			             v->new_value.days));
		}
		TRY(kstr(b, 6, "favours", clint_favours_name(v->favours), 0));
		TRY(kstr(b, 6, "why", v->why, 0));
		TRY(clint_buf_puts(b, "\n    }"));
	}
	TRY(clint_buf_puts(b, d->value_count ? "\n  ]" : "]"));
	TRY(k(b, 2, "risks", 0));
	TRY(clint_buf_putc(b, '['));
	for (i = 0; i < d->risk_count; i++) {
		const clint_diff_risk *x = &d->risks[i];
		TRY(clint_buf_puts(b, i ? ",\n    " : "\n    "));
		TRY(finding(r, 4, &x->finding, clint_risk_change_name(x->change),
		            x->fingerprint, x->in_new ? r->new_name : r->old_name,
		            x->in_new ? d->new_doc : d->old_doc));
	}
	TRY(clint_buf_puts(b, d->risk_count ? "\n  ]" : "]"));
	TRY(k(b, 2, "clauses", 0));
	TRY(clint_buf_putc(b, '['));
	for (i = 0; i < d->clause_count; i++) {
		const clint_diff_clause *cl = &d->clauses[i];
		TRY(clint_buf_puts(b, i ? ",\n    {" : "\n    {"));
		TRY(kstr(b, 6, "change",
		         cl->change == CLINT_RISK_INTRODUCED ? "gone"
		         : cl->change == CLINT_RISK_RESOLVED ? "appeared"
		                                             : "still_missing", 1));
		TRY(kstr(b, 6, "rule", cl->finding.rule_id, 0));
		TRY(kstr(b, 6, "severity", clint_severity_name(cl->finding.severity), 0));
		TRY(kstr(b, 6, "title", cl->finding.title, 0));
		TRY(kstr(b, 6, "old_section", cl->old_section, 0));
		TRY(kstr(b, 6, "new_section", cl->new_section, 0));
		TRY(clint_buf_puts(b, "\n    }"));
	}
	TRY(clint_buf_puts(b, d->clause_count ? "\n  ]" : "]"));
	TRY(clint_buf_puts(b, "\n}\n"));
done:
	clint_buf_free(&tmp);
	return rc;
}
