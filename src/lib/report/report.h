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
	int failed_write;
};

CLINT_INTERNAL extern const clint_render_ops clint_render_text_ops;
CLINT_INTERNAL extern const clint_render_ops clint_render_json_ops;

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

/* Appends `s[0..len)` as a JSON string literal, quotes included. */
CLINT_INTERNAL int clint_json_str(clint_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated string (NULL gives null). */
CLINT_INTERNAL int clint_json_cstr(clint_buf *b, const char *s);

#endif
