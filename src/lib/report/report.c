/*
 * report.c - the report stage's single entry: creates a renderer for an
 * output format and feeds it documents; the formats themselves live one
 * per file (text.c, json.c) behind clint_render_ops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

int clint_output_format_from_name(clint_output_format *out, const char *name)
{
	if (!out || !name)
		return CLINT_EINVAL;
	if (strcmp(name, "text") == 0)
		*out = CLINT_OUTPUT_TEXT;
	else if (strcmp(name, "json") == 0)
		*out = CLINT_OUTPUT_JSON;
	else
		return CLINT_EINVAL;
	return CLINT_OK;
}

int clint_renderer_new(clint_renderer **out, const clint_render_options *opts,
                       clint_write_fn write, void *userdata)
{
	clint_render_options defaults = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r;

	if (!out || !write)
		return CLINT_EINVAL;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->version != CLINT_RENDER_OPTIONS_VERSION)
		return CLINT_EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return CLINT_ENOMEM;
	r->opts = *opts;
	r->write = write;
	r->userdata = userdata;
	switch (opts->format) {
	case CLINT_OUTPUT_TEXT: r->ops = &clint_render_text_ops; break;
	case CLINT_OUTPUT_JSON: r->ops = &clint_render_json_ops; break;
	default:
		free(r);
		return CLINT_EINVAL;
	}
	*out = r;
	return CLINT_OK;
}

int clint_render_flush(clint_renderer *r)
{
	int rc = CLINT_OK;

	if (r->out.len && !r->failed_write &&
	    r->write(r->userdata, r->out.data, r->out.len) != 0) {
		r->failed_write = 1;
		rc = CLINT_EIO;
	}
	r->out.len = 0;
	return r->failed_write ? CLINT_EIO : rc;
}

int clint_renderer_document(clint_renderer *r, const clint_result *res)
{
	size_t i;
	clint_finding f;
	int rc;

	if (!r || !res)
		return CLINT_EINVAL;
	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_result_finding(res, i, &f);
		r->counts[f.severity]++;
	}
	r->missing += clint_result_missing_count(res);
	rc = r->ops->document(r, res);
	r->documents++;
	if (rc < 0)
		return rc;
	return clint_render_flush(r);
}

int clint_renderer_input_error(clint_renderer *r, const char *file,
                               const char *message)
{
	int rc;

	if (!r || !file || !message)
		return CLINT_EINVAL;
	rc = r->ops->input_error(r, file, message);
	r->documents++;
	r->failed++;
	if (rc < 0)
		return rc;
	return clint_render_flush(r);
}

int clint_renderer_finish(clint_renderer *r)
{
	int rc;

	if (!r)
		return CLINT_EINVAL;
	rc = r->ops->finish(r);
	if (rc < 0)
		return rc;
	return clint_render_flush(r);
}

void clint_renderer_free(clint_renderer *r)
{
	if (!r)
		return;
	clint_buf_free(&r->out);
	free(r);
}

/* ---- shared helpers ----------------------------------------------------- */

/* Moves `off` back to the start of a UTF-8 character. */
static size_t char_start(const char *t, size_t off)
{
	while (off > 0 && ((unsigned char)t[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Moves `off` forward over `n` characters, stopping at `limit`. */
static size_t skip_chars(const char *t, size_t off, size_t n, size_t limit)
{
	while (n > 0 && off < limit) {
		off++;
		while (off < limit && ((unsigned char)t[off] & 0xC0) == 0x80)
			off++;
		n--;
	}
	return off;
}

void clint_excerpt_get(const clint_doc *doc, size_t start, size_t end,
                       size_t width, clint_excerpt *ex)
{
	const char *t = doc->text;
	clint_location loc;
	size_t ls, le, a, b, mark_end, back;

	memset(ex, 0, sizeof(*ex));
	clint_doc_locate(doc, start, &loc);
	clint_doc_line_range(doc, loc.line, &ls, &le);
	/* a form feed also ends what is shown */
	if (start < le) {
		const char *ff = memchr(t + start, '\f', le - start);
		if (ff)
			le = (size_t)(ff - t);
	}
	if (start > le)
		start = le;
	mark_end = end < le ? end : le;
	if (mark_end < start)
		mark_end = start;
	a = ls;
	b = le;
	if (le - ls > width &&
	    clint_doc_chars(doc, le) - clint_doc_chars(doc, ls) > width) {
		/* keep up to a third of the width before the match */
		if (clint_doc_chars(doc, start) - clint_doc_chars(doc, ls) > width / 3) {
			a = start;
			for (back = width / 3; back > 0 && a > ls; back--)
				a = char_start(t, a - 1);
			ex->cut_left = 1;
		}
		b = skip_chars(t, start, width - clint_utf8_count(t + a, start - a),
		               le);
		if (b < mark_end)
			mark_end = b;
		ex->cut_right = b < le;
	}
	ex->text = t + a;
	ex->len = b - a;
	ex->mark_col = clint_utf8_count(t + a, start - a);
	ex->mark_width = clint_utf8_count(t + start, mark_end - start);
	if (ex->mark_width == 0)
		ex->mark_width = 1;
}

int clint_json_str(clint_buf *b, const char *s, size_t len)
{
	size_t i, run = 0;
	int rc = clint_buf_putc(b, '"');

	for (i = 0; i < len && rc == CLINT_OK; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20 || c == 0x7F) {
				snprintf(u, sizeof(u), "\\u%04x", c);
				esc = u;
			}
		}
		if (esc) {
			rc = clint_buf_put(b, s + run, i - run);
			if (rc == CLINT_OK)
				rc = clint_buf_puts(b, esc);
			run = i + 1;
		}
	}
	if (rc == CLINT_OK)
		rc = clint_buf_put(b, s + run, len - run);
	if (rc == CLINT_OK)
		rc = clint_buf_putc(b, '"');
	return rc;
}

int clint_json_cstr(clint_buf *b, const char *s)
{
	if (!s)
		return clint_buf_puts(b, "null");
	return clint_json_str(b, s, strlen(s));
}
