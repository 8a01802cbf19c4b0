/*
 * diff.h - the revision diff stage, shared by its modules:
 *
 *   align.c     sections of OLD and NEW -> units, tokens, alignment, moves
 *   words.c     a bounded word-level diff (Myers) of two aligned units
 *   classify.c  cosmetic vs substantive changes
 *   risk.c      the ruleset on both revisions, findings matched by
 *               fingerprint, required clauses gone or appeared
 *   terms.c     value changes per aligned section, judged by a table
 *   diff.c      clint_diff_new() and the accessors
 *   render*.c   text, JSON, Markdown, HTML and SARIF output
 *
 * Nothing here is part of the public API.
 */
#ifndef CLINT_DIFF_H
#define CLINT_DIFF_H

#include "../internal.h"

#define CLINT_DIFF_DEFAULT_WORK ((size_t)4000000)
/* Candidate pairs scored by the similarity pass of the alignment. */
#define CLINT_DIFF_MAX_PAIRS ((size_t)400000)
/* The word diffs of the whole diff, so that the bound of one section is
 * not multiplied by the number of sections: at most 4 times that bound
 * plus this many edit-graph cells per token of both revisions (then the
 * remaining sections get coarse diffs). */
#define CLINT_DIFF_WORK_PER_TOKEN ((size_t)64)
/* Tokens of one revision: 32 bytes each (punctuation is a token a
 * byte); about 20 MB of ordinary text, some 3,000 pages. */
#define CLINT_DIFF_MAX_TOKENS ((size_t)4000000)

/* A token of a unit: a word (letters and digits) or one punctuation
 * character; white space separates tokens and is not one. */
typedef struct {
	size_t start, end;   /* in the document text */
	uint32_t hash;       /* the exact bytes */
	uint32_t fold;       /* ASCII case folded (similarity) */
	int word;            /* 1: letters/digits, 0: punctuation */
	int mark;            /* a redline's mark ("~~", <del>): substantive */
} clint_dtoken;

/* A unit of alignment: a section's own text (heading up to its first
 * subsection), the preamble before the first section, or the notes after
 * the body (clint_doc_notes_start()). */
typedef struct {
	size_t section;       /* doc section index or CLINT_NO_SECTION */
	int notes;            /* 1: the notes after the body (section NONE) */
	size_t start, end;    /* own text range */
	size_t tok, ntok;     /* tokens of the body (after the number) */
	uint32_t body_hash;   /* of the body's exact token hashes */
	uint32_t heading_fold;/* folded heading, 0 if none */
	const char *number;
	uint32_t *bag;        /* sorted folded word hashes (similarity) */
	size_t nbag;
	size_t partner;       /* matched unit on the other side, or -1 */
	double sim;
} clint_dunit;

typedef struct {
	const clint_doc *doc;
	clint_dunit *units;
	size_t count, cap;
	clint_dtoken *toks;
	size_t ntok, tokcap;
} clint_dside;

/* An edit op of the word diff: a run of tokens. */
typedef struct {
	int op;              /* 0 equal, 1 change */
	size_t a, na;        /* OLD tokens a..a+na */
	size_t b, nb;        /* NEW tokens */
} clint_dop;

struct clint_diff {
	const clint_ruleset *rs;
	const clint_doc *old_doc, *new_doc;
	clint_result *old_res, *new_res;
	size_t max_work;
	size_t work_left;           /* of the whole diff's word diffs */
	clint_check_options check;  /* for both revisions */

	clint_dside a, b;

	clint_diff_section *sections;
	size_t *first_hunk;   /* per section: its first hunk */
	size_t section_count, section_cap, first_cap;

	clint_diff_hunk *hunks;
	size_t hunk_count, hunk_cap;

	clint_diff_risk *risks;
	size_t risk_count, risk_cap;

	clint_diff_clause *clauses;
	size_t clause_count, clause_cap;

	clint_diff_value *values;
	size_t value_count, value_cap;
};

/* align.c: the units and tokens of one document; CLINT_ELIMIT past
 * CLINT_DIFF_MAX_TOKENS. */
CLINT_INTERNAL int clint_dside_build(clint_dside *s, const clint_doc *doc);
CLINT_INTERNAL void clint_dside_free(clint_dside *s);
/* Aligns a with b (sets partner/sim) and appends d->sections in reading
 * order of NEW, with removed units where they stood in OLD. */
CLINT_INTERNAL int clint_diff_align(clint_diff *d, clint_diag *diag);
/* Word similarity (Dice on the folded word bags), 0..1. */
CLINT_INTERNAL double clint_dunit_similarity(const clint_dunit *x,
                                             const clint_dunit *y);

/* words.c: the word diff of token runs ta[0..na) and tb[0..nb). At most
 * `max_work` edit-graph cells; *coarse is set when the bound was hit and
 * the middle became one change; *spent gets the work done (cells, an
 * upper bound). *ops is malloc'd, the caller frees it. */
CLINT_INTERNAL int clint_word_diff(const clint_dtoken *ta, size_t na,
                                   const clint_dtoken *tb, size_t nb,
                                   size_t max_work, clint_dop **ops,
                                   size_t *nops, int *coarse, size_t *spent);

/* classify.c: 1 if text x and text y differ only in white space, quotes,
 * punctuation, case or number formatting ("$1,000"/"$1000",
 * "thirty (30)"/"30"), else 0 (also for a side of too many words);
 * CLINT_ENOMEM when out of memory. Bounded by the lengths given. */
CLINT_INTERNAL int clint_cosmetic_equal(const char *x, size_t xn,
                                        const char *y, size_t yn);
/* Turns the ops of one section into hunks (appended to d->hunks), merging
 * changes a few tokens apart when together they are cosmetic. Returns the
 * number of hunks through *count and whether all are cosmetic. */
CLINT_INTERNAL int clint_diff_hunks(clint_diff *d, const clint_dunit *ua,
                                    const clint_dunit *ub,
                                    const clint_dop *ops, size_t nops,
                                    size_t *count, int *all_cosmetic);

/* risk.c: findings introduced/resolved/unchanged and clauses. */
CLINT_INTERNAL int clint_diff_risks(clint_diff *d, clint_diag *diag);
/* The leading rules of the ruleset that both revisions' checks ran: all
 * of them unless a check stopped at its CPU-time limit; the risk diff
 * compares only these (risk.c). */
CLINT_INTERNAL size_t clint_diff_rules_compared(const clint_diff *d);

/* terms.c: value changes of the aligned sections. */
CLINT_INTERNAL int clint_diff_values(clint_diff *d);

/* render.c helpers */
typedef struct {
	const clint_diff *d;
	const clint_diff_render_options *o;
	clint_buf *b;
	const char *old_name, *new_name;
} clint_drender;

CLINT_INTERNAL int clint_diff_render_text(clint_drender *r);
CLINT_INTERNAL int clint_diff_render_json(clint_drender *r);
CLINT_INTERNAL int clint_diff_render_markdown(clint_drender *r);
CLINT_INTERNAL int clint_diff_render_html(clint_drender *r);
CLINT_INTERNAL int clint_diff_render_sarif(clint_drender *r);
/* Whether section i is shown under the options (substantive-only hides
 * unchanged and cosmetic-only sections). */
CLINT_INTERNAL int clint_diff_shown(const clint_drender *r,
                                    const clint_diff_section *s);
/* The label of a section of OLD (old=1) or NEW ("§ 9.3 Penalties"); of
 * text in no section starting at `off`, "(preamble)" or, after the body,
 * "(notes, headers and footers)". */
CLINT_INTERNAL const char *clint_diff_label(const clint_diff *d, int old,
                                            size_t section, size_t off);
/* The label of the section of NEW a value change is in. */
CLINT_INTERNAL const char *clint_diff_value_label(const clint_diff *d,
                                                  const clint_diff_value *v);
/* 1-based line of text offset `off` in OLD or NEW. */
CLINT_INTERNAL unsigned clint_diff_line(const clint_diff *d, int old,
                                        size_t off);
/* The value as written in its document ("90 days"), without the markup
 * the extractor skips: at most `max` bytes copied into out
 * (NUL-terminated). */
CLINT_INTERNAL void clint_diff_value_text(const clint_diff *d, int old,
                                          const clint_value *v, char *out,
                                          size_t max);
/* Counts of the sections per change kind and the risk tallies. */
typedef struct {
	size_t kind[5];
	size_t renumbered, cosmetic;
	size_t introduced, resolved, unchanged;
	size_t gone, appeared, still_missing;
	size_t values;
} clint_diff_tally;
CLINT_INTERNAL void clint_diff_count(const clint_diff *d,
                                     clint_diff_tally *t);

#endif
