/*
 * report.c - the report stage's single entry: creates a renderer for an
 * output format and feeds it documents; the formats themselves live one
 * per file (text.c, json.c, jsonl.c, sarif.c, markdown.c, html.c, junit.c,
 * gitlab.c, checkstyle.c) behind clint_render_ops. Also the helpers they
 * share: excerpts, regions and escaping for JSON, XML/HTML, Markdown and
 * URIs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Indexed by clint_output_format. */
static const struct {
	const char *name;
	const clint_render_ops *ops;
} formats[CLINT_OUTPUT_FORMAT_COUNT] = {
	{"text", &clint_render_text_ops},
	{"json", &clint_render_json_ops},
	{"jsonl", &clint_render_jsonl_ops},
	{"sarif", &clint_render_sarif_ops},
	{"markdown", &clint_render_markdown_ops},
	{"html", &clint_render_html_ops},
	{"junit", &clint_render_junit_ops},
	{"gitlab", &clint_render_gitlab_ops},
	{"checkstyle", &clint_render_checkstyle_ops},
};

int clint_output_format_from_name(clint_output_format *out, const char *name)
{
	size_t i;

	if (!out || !name)
		return CLINT_EINVAL;
	for (i = 0; i < ARRAY_LEN(formats); i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = (clint_output_format)i;
			return CLINT_OK;
		}
	}
	return CLINT_EINVAL;
}

const char *clint_output_format_name(clint_output_format format)
{
	if ((unsigned)format >= ARRAY_LEN(formats))
		return NULL;
	return formats[format].name;
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
	if ((unsigned)opts->format >= ARRAY_LEN(formats))
		return CLINT_EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return CLINT_ENOMEM;
	r->opts = *opts;
	r->write = write;
	r->userdata = userdata;
	r->ops = formats[opts->format].ops;
	*out = r;
	return CLINT_OK;
}

int clint_render_flush(clint_renderer *r)
{
	int rc = CLINT_OK;

	/* a put the memory refused left a hole: nothing more is written, and
	 * every call says so (the report would be short of what it claims) */
	if (r->out.failed) {
		r->out.len = 0;
		return CLINT_ENOMEM;
	}
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
	r->timed_out += clint_result_timed_out(res) != 0;
	rc = r->ops->document(r, res);
	r->documents++;
	if (rc < 0) {
		r->out.failed = 1;
		return rc;
	}
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
	if (rc < 0) {
		r->out.failed = 1;  /* the report lacks this entry */
		return rc;
	}
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
	if (r->ops->free)
		r->ops->free(r);
	clint_buf_free(&r->out);
	free(r);
}

/* ---- shared helpers ----------------------------------------------------- */

/* Moves `off` forward over `n` characters, stopping at `limit`. */
static size_t skip_chars(const char *t, size_t off, size_t n, size_t limit)
{
	while (n > 0 && off < limit) {
		off = clint_utf8_fwd(t, off + 1, limit);
		n--;
	}
	return off;
}

/* Characters in text[a..b): counted directly when the span is short (a
 * line, a paragraph), else from the document's character marks, which
 * cost up to CLINT_CHAR_MARK bytes of counting each. */
static size_t chars_between(const clint_doc *doc, size_t a, size_t b)
{
	if (b <= a)
		return 0;
	if (b - a <= CLINT_CHAR_MARK)
		return clint_utf8_count(doc->text + a, b - a);
	return clint_doc_chars(doc, b) - clint_doc_chars(doc, a);
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
	/* a form feed also ends what is shown. Only the first width + 1
	 * characters after start are searched: a form feed further on cuts
	 * nothing that is shown (the excerpt ends within them and is marked
	 * cut either way), and a search to the end of a long line for each
	 * finding on it was quadratic. */
	if (start < le) {
		size_t u = skip_chars(t, start, width + 1, le);
		const char *ff = memchr(t + start, '\f', u - start);
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
	if (le - ls > width && chars_between(doc, ls, le) > width) {
		/* keep up to a third of the width before the match */
		if (chars_between(doc, ls, start) > width / 3) {
			a = start;
			for (back = width / 3; back > 0 && a > ls; back--)
				a = clint_utf8_back(t, a - 1, 0);
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

/* Appends U+FFFD, the stand-in for bytes that are not valid UTF-8. */
static int put_replacement(clint_buf *b)
{
	return clint_buf_puts(b, "\xEF\xBF\xBD");
}

/* Length of the valid UTF-8 character at s[i..len), or 0 if invalid. */
static size_t char_len(const char *s, size_t i, size_t len)
{
	uint32_t cp;

	if ((unsigned char)s[i] < 0x80)
		return 1;
	return clint_utf8_decode((const unsigned char *)s + i, len - i, &cp);
}

/* True if none of the eight bytes at s is below 0x20, 0x7F or above, '"'
 * or '\\': JSON copies them as they are. */
static int plain8(const char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101),
	               high = UINT64_C(0x8080808080808080);
	uint64_t x, q, bs, del;

	memcpy(&x, s, 8);
	q = x ^ (ones * '"');
	bs = x ^ (ones * '\\');
	del = x ^ (ones * 0x7F);
	/* a byte >= 0x80, a byte < 0x20, or a zero byte in q, bs or del */
	return !((x | ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
	          ((bs - ones) & ~bs) | ((del - ones) & ~del)) &
	         high);
}

int clint_json_str(clint_buf *b, const char *s, size_t len)
{
	size_t i = 0, run = 0;
	int rc = clint_buf_putc(b, '"');

	while (i < len && rc == CLINT_OK) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		size_t n;

		/* printable ASCII but for the quote and backslash: as it is,
		 * eight bytes a turn while none of them needs a look */
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			while (i + 8 <= len && plain8(s + i))
				i += 8;
			continue;
		}
		n = char_len(s, i, len);
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
			} else if (n == 0) {
				esc = "\\ufffd";
			}
		}
		if (esc) {
			rc = clint_buf_put(b, s + run, i - run);
			if (rc == CLINT_OK)
				rc = clint_buf_puts(b, esc);
			i += n ? n : 1;
			run = i;
		} else {
			i += n;
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

/* The replacement of the character at s[i] (n bytes; 0: not UTF-8), or
 * NULL to copy it: one per kind of output. */
typedef const char *(*escape_fn)(const char *s, size_t i, size_t len,
                                 size_t n, int arg);

/* True if `c` is one of the characters of `set` (a loop, not strchr():
 * in the fuzz build a sanitizer intercepts that for every byte). */
static int in_set(const char *set, unsigned char c)
{
	while (*set && (unsigned char)*set != c)
		set++;
	return *set != '\0';
}

/* Appends s[0..len) to b, each character `esc` replaces replaced, the
 * runs between them copied whole. `esc` is not asked about printable
 * ASCII outside `special`, which no escaper replaces: most text is that,
 * and it is copied at the speed of a scan. */
static int escape_runs(clint_buf *b, const char *s, size_t len,
                       escape_fn esc, int arg, const char *special)
{
	size_t i = 0, run = 0;
	int rc = CLINT_OK;

	while (i < len && rc == CLINT_OK) {
		unsigned char c = (unsigned char)s[i];
		size_t n;
		const char *r;

		if (c >= 0x20 && c < 0x7F && !in_set(special, c)) {
			i++;
			continue;
		}
		n = char_len(s, i, len);
		r = esc(s, i, len, n, arg);

		if (r) {
			rc = clint_buf_put(b, s + run, i - run);
			if (rc == CLINT_OK)
				rc = clint_buf_puts(b, r);
			i += n ? n : 1;
			run = i;
		} else {
			i += n;
		}
	}
	if (rc == CLINT_OK)
		rc = clint_buf_put(b, s + run, len - run);
	return rc;
}

/* The printable ASCII characters xml_escape() replaces. */
#define XML_SPECIAL "&<>\"'"

static const char *xml_escape(const char *s, size_t i, size_t len, size_t n,
                              int attr)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp = 0;

	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\t': return attr ? "&#9;" : NULL;
	case '\n': return attr ? "&#10;" : NULL;
	case '\r': return attr ? "&#13;" : NULL;
	default:
		if (c < 0x20 || c == 0x7F || n == 0)
			return "\xEF\xBF\xBD";
		if (n == 3) {
			/* U+FFFE and U+FFFF are not XML characters */
			clint_utf8_decode((const unsigned char *)s + i, len - i, &cp);
			if (cp == 0xFFFE || cp == 0xFFFF)
				return "\xEF\xBF\xBD";
		}
		return NULL;
	}
}

/* The code point of the valid UTF-8 sequence at s[i]. */
static uint32_t cp_at(const char *s, size_t i, size_t len)
{
	uint32_t cp = 0;

	clint_utf8_decode((const unsigned char *)s + i, len - i, &cp);
	return cp;
}

/* The marker that stands for bidirectional formatting character `cp` in
 * text people read in a browser, or NULL for any other character. */
static const char *bidi_marker(uint32_t cp, const char *const marks[9])
{
	if (!clint_bidi_control(cp))
		return NULL;
	return marks[cp >= 0x2066 ? 5 + (cp - 0x2066) : cp - 0x202A];
}

static const char *const html_marks[9] = {
	"[U+202A]", "[U+202B]", "[U+202C]", "[U+202D]", "[U+202E]",
	"[U+2066]", "[U+2067]", "[U+2068]", "[U+2069]",
};

static const char *html_escape(const char *s, size_t i, size_t len, size_t n,
                               int attr)
{
	const char *m;

	if (n == 3 && (m = bidi_marker(cp_at(s, i, len), html_marks)))
		return m;
	return xml_escape(s, i, len, n, attr);
}

int clint_html_str(clint_buf *b, const char *s, size_t len, int attr)
{
	return escape_runs(b, s, len, html_escape, attr, XML_SPECIAL);
}

int clint_html_cstr(clint_buf *b, const char *s, int attr)
{
	if (!s)
		return CLINT_OK;
	return clint_html_str(b, s, strlen(s), attr);
}

int clint_xml_str(clint_buf *b, const char *s, size_t len, int attr)
{
	return escape_runs(b, s, len, xml_escape, attr, XML_SPECIAL);
}

int clint_xml_cstr(clint_buf *b, const char *s, int attr)
{
	if (!s)
		return CLINT_OK;
	return clint_xml_str(b, s, strlen(s), attr);
}

static const char *const md_marks[9] = {
	"\\[U+202A\\]", "\\[U+202B\\]", "\\[U+202C\\]", "\\[U+202D\\]",
	"\\[U+202E\\]", "\\[U+2066\\]", "\\[U+2067\\]", "\\[U+2068\\]",
	"\\[U+2069\\]",
};

int clint_md_str(clint_buf *b, const char *s, size_t len)
{
	const char *m;
	size_t i = 0;
	int rc = CLINT_OK;

	while (i < len && rc == CLINT_OK) {
		unsigned char c = (unsigned char)s[i];
		size_t n = char_len(s, i, len);

		if (n == 0) {
			rc = put_replacement(b);
			i++;
			continue;
		}
		if (n == 3 && (m = bidi_marker(cp_at(s, i, len), md_marks)))
			rc = clint_buf_puts(b, m);
		else if (c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v')
			rc = clint_buf_putc(b, ' ');
		else if (c < 0x20 || c == 0x7F)
			rc = put_replacement(b);
		else if (c == '&')
			rc = clint_buf_puts(b, "&amp;");
		else if (c == '@')
			rc = clint_buf_puts(b, "@\xE2\x80\x8B");
		else if (c < 0x80 && strchr("\\`*_[]<>|~$", c))
			rc = clint_buf_printf(b, "\\%c", c);
		else
			rc = clint_buf_put(b, s + i, n);
		i += n;
	}
	return rc;
}

int clint_md_cstr(clint_buf *b, const char *s)
{
	if (!s)
		return CLINT_OK;
	return clint_md_str(b, s, strlen(s));
}

static const char *term_escape(const char *s, size_t i, size_t len,
                               size_t n, int arg)
{
	(void)n;
	(void)arg;
	return clint_term_char(s, i, len, &n);
}

int clint_term_str(clint_buf *b, const char *s, size_t len)
{
	return escape_runs(b, s, len, term_escape, 0, "");
}

int clint_term_cstr(clint_buf *b, const char *s)
{
	if (!s)
		return CLINT_OK;
	return clint_term_str(b, s, strlen(s));
}

int clint_uri_path(clint_buf *b, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	int rc = CLINT_OK;

	if (*p == '/')
		rc = clint_buf_puts(b, "file://");
	else
		while (p[0] == '.' && p[1] == '/')
			p += 2;
	for (; *p && rc == CLINT_OK; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			rc = clint_buf_putc(b, (char)*p);
		else
			rc = clint_buf_printf(b, "%%%02X", *p);
	}
	return rc;
}

/* Column of `off` in its block, 1-based, in characters. */
static unsigned block_column(const clint_doc *doc, const clint_location *loc,
                             size_t off)
{
	clint_block blk;

	if (loc->block == (size_t)-1 || clint_doc_block(doc, loc->block, &blk) < 0 ||
	    off < blk.start)
		return loc->column;
	return (unsigned)chars_between(doc, blk.start, off) + 1;
}

void clint_report_region(const clint_doc *doc, const clint_finding *f,
                         clint_region *out)
{
	clint_location last;
	size_t len;

	memset(out, 0, sizeof(*out));
	out->line = out->column = out->end_line = out->end_column = 1;
	out->page = 1;
	if (!f->has_location)
		return;
	clint_doc_text(doc, &len);
	out->page = f->begin_loc.page ? f->begin_loc.page : 1;
	if (f->begin_loc.paragraph) {
		out->by_paragraph = 1;
		out->line = f->begin_loc.paragraph;
		out->column = block_column(doc, &f->begin_loc, f->start);
		out->end_line = out->line;
		out->end_column = out->column;
		/* the end: just after the last character of the match */
		if (f->end > f->start && f->end <= len &&
		    clint_doc_locate(doc, f->end - 1, &last) == CLINT_OK &&
		    last.paragraph) {
			out->end_line = last.paragraph;
			out->end_column = block_column(doc, &last, f->end - 1) + 1;
		}
	} else {
		out->line = f->begin_loc.line ? f->begin_loc.line : 1;
		out->column = f->begin_loc.column ? f->begin_loc.column : 1;
		out->end_line = f->end_loc.line ? f->end_loc.line : out->line;
		out->end_column = f->end_loc.column ? f->end_loc.column : out->column;
	}
	if (out->end_line < out->line) {
		out->end_line = out->line;
		out->end_column = out->column;
	}
	if (out->end_line == out->line && out->end_column < out->column)
		out->end_column = out->column;
}

const char *clint_rule_kind_name(clint_rule_kind k)
{
	return k == CLINT_RULE_REQUIRE ? "require"
	       : k == CLINT_RULE_CHECK ? "check"
	                               : "flag";
}
