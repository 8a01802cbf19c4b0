/*
 * render.h - what the diff renderers (render_*.c) share.
 */
#ifndef CLINT_DIFF_RENDER_H
#define CLINT_DIFF_RENDER_H

#include "diff.h"
#include "../report/report.h"

/* Bytes of context shown on each side of a change. */
#define CLINT_DCONTEXT 40
/* Bytes of a change's text shown at most. */
#define CLINT_DSHOW 400

/* t[s..e) with white space runs folded to one space, at most `max` bytes,
 * into `out` (reset first, NUL-terminated). */
CLINT_INTERNAL int clint_dslice(clint_buf *out, const char *t, size_t s,
                                size_t e, size_t max);
/* Context around [start, end) within [lo, hi): *before..start and
 * end..*after, cut at white space. */
CLINT_INTERNAL void clint_dcontext(const char *t, size_t lo, size_t hi,
                                   size_t start, size_t end, size_t *before,
                                   size_t *after);
CLINT_INTERNAL const char *clint_dhunk_old_text(const clint_drender *r);
CLINT_INTERNAL const char *clint_dhunk_new_text(const clint_drender *r);
/* Line and column of a finding; 0 when it has no location. */
CLINT_INTERNAL int clint_dfinding_loc(const clint_finding *f, unsigned *line,
                                      unsigned *column);
/* 1 when a revision's check stopped at its CPU-time limit, with what it
 * leaves out of the risk comparison said in `out` (one sentence, reset
 * first); else 0; CLINT_ENOMEM. */
CLINT_INTERNAL int clint_dincomplete(const clint_diff *d, clint_buf *out);
/* s[0..n) escaped for HTML text and attributes / for Markdown text. */
CLINT_INTERNAL int clint_dput_html(clint_buf *b, const char *s, size_t n);
CLINT_INTERNAL int clint_dput_md(clint_buf *b, const char *s, size_t n);

#endif
