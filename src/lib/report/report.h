/*
 * report.h - what every renderer shares: the renderer object, its
 * operations, output helpers and excerpts.
 */
#ifndef CLINT_REPORT_H
#define CLINT_REPORT_H

#include "../internal.h"

typedef struct {
	int (*document)(clint_renderer *r, const clint_result *res);
	int (*input_error)(clint_renderer *r, const char *file, const char *msg);
	int (*finish)(clint_renderer *r);
	void (*free)(clint_renderer *r);  /* frees `priv`; may be NULL */
} clint_render_ops;

struct clint_renderer {
	const clint_render_ops *ops;
	clint_render_options opts;
	clint_write_fn write;
	void *userdata;
	clint_buf out;        /* pending output, flushed per document */
	size_t documents;     /* documents and input errors rendered */
	size_t failed;        /* input errors */
	size_t counts[3];     /* findings + missing by severity */
	size_t missing;
	size_t timed_out;     /* documents whose check stopped at its limit */
	int failed_write;
	void *priv;           /* the format's own state */
};

CLINT_INTERNAL extern const clint_render_ops clint_render_text_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_json_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_jsonl_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_sarif_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_markdown_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_html_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_junit_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_gitlab_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_checkstyle_ops;

/* Sends the pending output to the callback. */
CLINT_INTERNAL int clint_render_flush(clint_renderer *r);

/* A window on the source line of a finding, for showing it in context. */
typedef struct {
	const char *text;     /* start of the shown part of the line */
	size_t len;           /* bytes shown */
	size_t mark_col;      /* the match, in characters from `text` */
	size_t mark_width;    /* in characters, at least 1 */
	int cut_left, cut_right;
} clint_excerpt;

/* The line holding text[start..end), cut to at most `width` characters. */
CLINT_INTERNAL void clint_excerpt_get(const clint_doc *doc, size_t start,
                                      size_t end, size_t width,
                                      clint_excerpt *ex);

/*
 * Escaping. Every string a report writes may be hostile (file names,
 * contract text, pack text): each helper below also replaces bytes that
 * are not valid UTF-8 with U+FFFD, so the output is always valid UTF-8.
 */

/* Appends `s[0..len)` as a JSON string literal, quotes included. */
CLINT_INTERNAL int clint_json_str(clint_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated string (NULL gives null). */
CLINT_INTERNAL int clint_json_cstr(clint_buf *b, const char *s);

/* Appends `s[0..len)` escaped for XML and HTML text and attribute values:
 * & < > " ' as references, control characters XML forbids as U+FFFD; with
 * `attr`, tab and line ends as character references (kept by parsers). */
CLINT_INTERNAL int clint_xml_str(clint_buf *b, const char *s, size_t len,
                                 int attr);
/* The same for a NUL-terminated string (NULL gives nothing). */
CLINT_INTERNAL int clint_xml_cstr(clint_buf *b, const char *s, int attr);
/* clint_xml_str() for HTML that people read in a browser, which applies
 * the bidirectional formatting characters: each of them (U+202A..U+202E,
 * U+2066..U+2069) is shown as a marker, "[U+202E]", so a report never
 * shows document text in another order than it is stored. */
CLINT_INTERNAL int clint_html_str(clint_buf *b, const char *s, size_t len,
                                  int attr);
CLINT_INTERNAL int clint_html_cstr(clint_buf *b, const char *s, int attr);

/* Appends `s[0..len)` as inline Markdown that renders as the literal text
 * (never at the start of a line: callers write a prefix first): the
 * punctuation that means something inside a line (\ ` * _ [ ] < > | ~ $)
 * backslash-escaped, & as &amp;, line ends as spaces, "@" followed by a
 * zero-width space (no mentions in a pull-request comment), and each
 * bidirectional formatting character as a marker, "\\[U+202E\\]" (as in
 * clint_html_str()). With [ and ] escaped no link or image can form, so
 * parentheses are left alone. */
CLINT_INTERNAL int clint_md_str(clint_buf *b, const char *s, size_t len);
CLINT_INTERNAL int clint_md_cstr(clint_buf *b, const char *s);

/* Appends `s[0..len)` for a terminal as clint_term_char() rules: the
 * text is untrusted, so no control character reaches it (tab as a space,
 * every other C0 control, line ends too, DEL, the C1 controls, bytes that
 * are not UTF-8 and the bidirectional formatting characters as "?"). */
CLINT_INTERNAL int clint_term_str(clint_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated string (NULL gives nothing). */
CLINT_INTERNAL int clint_term_cstr(clint_buf *b, const char *s);

/* Appends `path` as a URI reference: relative paths stay relative ("./"
 * dropped), absolute ones become file:// URIs; every byte outside the
 * RFC 3986 unreserved set and "/" is percent-encoded. */
CLINT_INTERNAL int clint_uri_path(clint_buf *b, const char *path);

/* Appends a SARIF artifactLocation's object for the file `file`: its
 * clint_uri_path(), relative ones with the uriBaseId %SRCROOT%, and the
 * artifact's `index` unless it is negative. Shared by the check's SARIF
 * and the diff's. */
CLINT_INTERNAL int clint_sarif_artifact(clint_buf *b, const char *file,
                                        long index);
/* The run's "originalUriBaseIds" member (indented, with its comma and
 * newline): it declares %SRCROOT%, the directory clauselint ran in,
 * without its absolute URI, so that a report does not depend on the
 * machine; a viewer resolves it to the checkout. */
#define CLINT_SARIF_BASE_IDS                                                 \
	"      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "    \
	"{\"text\": \"The directory clauselint ran in: relative paths are "     \
	"relative to it.\"}}},\n"
/* Appends the SARIF reportingDescriptor of a rule (id, name, short and
 * full description, help as text and Markdown, helpUri, level, tags),
 * after a newline; errors are the buffer's. Shared likewise. */
CLINT_INTERNAL void clint_sarif_rule(clint_buf *b, const clint_rule_info *ri);

/*
 * Where a finding is for tools that want a line and column range (SARIF,
 * Checkstyle, GitLab, JUnit): for text formats the line and column in the
 * source text; for word processing and page formats (the block has a
 * source paragraph) the paragraph number as the line and the column in
 * that paragraph. Columns count characters, 1-based; the end is exclusive.
 * A missing clause (no location) is at line 1, column 1.
 */
typedef struct {
	unsigned line, column, end_line, end_column;
	unsigned page;
	int by_paragraph;   /* line is a source paragraph */
} clint_region;

CLINT_INTERNAL void clint_report_region(const clint_doc *doc,
                                        const clint_finding *f,
                                        clint_region *out);

/*
 * The members of one document entry of the JSON report (json.c), without
 * the braces: `indent` spaces before each member, or compact on one line
 * when `indent` is -1 (jsonl). An unreadable input's entry is "file" and
 * "error".
 */
CLINT_INTERNAL void clint_json_entry(clint_buf *b, int indent,
                                     const clint_result *res);
CLINT_INTERNAL void clint_json_error_entry(clint_buf *b, int indent,
                                           const char *file, const char *msg);

/* "require", "flag", "check". */
CLINT_INTERNAL const char *clint_rule_kind_name(clint_rule_kind k);

#endif
