/*
 * render.c - clint_diff_render(): one report per diff, in the format the
 * options name, built in memory (capped) and sent through the callback;
 * and what the format files share.
 */
#include <string.h>

#include "diff.h"
#include "render.h"

/* A diff report larger than this is refused (CLINT_ELIMIT). */
#define MAX_REPORT ((size_t)512 * 1024 * 1024)

int clint_diff_output_from_name(clint_diff_output *out, const char *name)
{
	static const struct {
		const char *name;
		clint_diff_output f;
	} names[] = {{"text", CLINT_DIFF_OUTPUT_TEXT},
	             {"json", CLINT_DIFF_OUTPUT_JSON},
	             {"markdown", CLINT_DIFF_OUTPUT_MARKDOWN},
	             {"md", CLINT_DIFF_OUTPUT_MARKDOWN},
	             {"html", CLINT_DIFF_OUTPUT_HTML},
	             {"sarif", CLINT_DIFF_OUTPUT_SARIF}};
	size_t i;

	if (!out || !name)
		return CLINT_EINVAL;
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return CLINT_OK;
		}
	return CLINT_EINVAL;
}

int clint_diff_render(const clint_diff *d,
                      const clint_diff_render_options *opts,
                      clint_write_fn write, void *userdata)
{
	clint_diff_render_options o = CLINT_DIFF_RENDER_OPTIONS_INIT;
	clint_buf b = CLINT_BUF_INIT;
	clint_drender r;
	int rc = CLINT_OK;

	if (!d || !write)
		return CLINT_EINVAL;
	if (opts) {
		if (opts->version != CLINT_DIFF_RENDER_OPTIONS_VERSION)
			return CLINT_EINVAL;
		o = *opts;
	}
	b.limit = MAX_REPORT;
	r.d = d;
	r.o = &o;
	r.b = &b;
	r.old_name = o.old_label ? o.old_label : clint_doc_name(d->old_doc);
	r.new_name = o.new_label ? o.new_label : clint_doc_name(d->new_doc);
	switch (o.format) {
	case CLINT_DIFF_OUTPUT_TEXT: rc = clint_diff_render_text(&r); break;
	case CLINT_DIFF_OUTPUT_JSON: rc = clint_diff_render_json(&r); break;
	case CLINT_DIFF_OUTPUT_MARKDOWN: rc = clint_diff_render_markdown(&r); break;
	case CLINT_DIFF_OUTPUT_HTML: rc = clint_diff_render_html(&r); break;
	case CLINT_DIFF_OUTPUT_SARIF: rc = clint_diff_render_sarif(&r); break;
	default: rc = CLINT_EINVAL;
	}
	if (rc == CLINT_OK && b.len && write(userdata, b.data, b.len) != 0)
		rc = CLINT_EIO;
	clint_buf_free(&b);
	return rc;
}

int clint_diff_shown(const clint_drender *r, const clint_diff_section *s)
{
	if (!r->o->substantive_only)
		return 1;
	if (s->kind == CLINT_CHANGE_UNCHANGED)
		return 0;
	if (s->kind == CLINT_CHANGE_MODIFIED && s->cosmetic)
		return 0;
	return 1;
}

int clint_dslice(clint_buf *out, const char *t, size_t s, size_t e,
                 size_t max)
{
	size_t i;
	int space = 0, any = 0, rc = CLINT_OK;

	out->len = 0;
	if (e - s > max)
		e = clint_utf8_back(t, s + max, 0);
	for (i = s; i < e; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
		    c == '\v') {
			space = any;
			continue;
		}
		if (space) {
			TRY(clint_buf_putc(out, ' '));
			space = 0;
		}
		TRY(clint_buf_putc(out, (char)c));
		any = 1;
	}
done:
	if (rc == CLINT_OK)
		rc = clint_buf_putc(out, '\0');
	if (rc == CLINT_OK)
		out->len--;
	return rc;
}

void clint_dcontext(const char *t, size_t lo, size_t hi, size_t start,
                    size_t end, size_t *before, size_t *after)
{
	size_t s, e;

	s = start > lo + CLINT_DCONTEXT ? start - CLINT_DCONTEXT : lo;
	if (s > lo) {
		while (s < start && t[s] != ' ' && t[s] != '\n')
			s++;
	}
	*before = s;
	e = end + CLINT_DCONTEXT < hi ? end + CLINT_DCONTEXT : hi;
	if (e < hi) {
		while (e > end && t[e] != ' ' && t[e] != '\n')
			e--;
	}
	*after = e;
}

const char *clint_dhunk_old_text(const clint_drender *r)
{
	return clint_doc_text(r->d->old_doc, NULL);
}

const char *clint_dhunk_new_text(const clint_drender *r)
{
	return clint_doc_text(r->d->new_doc, NULL);
}

int clint_dincomplete(const clint_diff *d, clint_buf *out)
{
	int a = clint_result_timed_out(d->old_res);
	int b = clint_result_timed_out(d->new_res);
	int rc;

	out->len = 0;
	if (!a && !b)
		return 0;
	rc = clint_buf_printf(out,
	                      "Incomplete: %s stopped at %s CPU-time limit, so "
	                      "risks are compared for the first %zu of %zu rules "
	                      "only.",
	                      a && b ? "the checks of OLD and NEW"
	                             : a ? "the check of OLD" : "the check of NEW",
	                      a && b ? "their" : "its",
	                      clint_diff_rules_compared(d),
	                      clint_ruleset_rule_count(d->rs));
	return rc < 0 ? rc : 1;
}

int clint_dfinding_loc(const clint_finding *f, unsigned *line,
                       unsigned *column)
{
	*line = f->has_location ? f->begin_loc.line : 0;
	*column = f->has_location ? f->begin_loc.column : 0;
	return f->has_location;
}

int clint_dput_html(clint_buf *b, const char *s, size_t n)
{
	return clint_html_str(b, s, n, 0);
}

int clint_dput_md(clint_buf *b, const char *s, size_t n)
{
	return clint_md_str(b, s, n);
}
