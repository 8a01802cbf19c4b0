/*
 * prefilter.h - the multi-pattern literal prefilter (prefilter.c).
 *
 * At pack compile time every PCRE2 pattern is parsed conservatively for
 * literals it requires: a set of ASCII strings one of which every match
 * contains ("needs"), and when possible a set one of which every match
 * starts with ("leads"). All literals of all patterns go into one
 * Aho-Corasick automaton, which finds them in one pass over a document's
 * case-folded matching view. A pattern none of whose needed literals
 * occurs cannot match and is not run; a pattern with leads is only tried
 * (anchored) where one of them starts. A pattern the parser is unsure
 * about has no prefilter and always runs.
 *
 * The prefilter is built once per ruleset and is read-only afterwards;
 * each check owns its clint_pf_scan.
 */
#ifndef CLINT_PREFILTER_H
#define CLINT_PREFILTER_H

#include <stdio.h>

#include "internal.h"

typedef struct clint_prefilter clint_prefilter;

/* The automaton; its fields are prefilter.c's, the layout is here for
 * the image of the default packs' prefilter in build/precompiled.c. */
struct clint_prefilter {
	unsigned char cls[256];   /* byte -> column; A-Z share a-z's */
	size_t nclass;
	/* nstates x nclass. States are numbered so that those at which a
	 * literal ends (out or dict set) come last, from first_report on,
	 * and each group by depth, the root (0) first: the scan tests for
	 * output by comparing numbers, and the rows it mostly reads, near
	 * the root, are next to each other. */
	uint16_t *delta;
	size_t first_report;
	uint32_t *out;            /* literal ending at the state, or NO_LIT */
	uint32_t *dict;           /* next state on the fail chain with output */
	size_t nstates;
	unsigned char *lit_len;
	unsigned char *lit_lead;  /* 1: its start offsets are recorded */
	size_t nlits;
	/* per pattern slot: literal ids in ids[] */
	size_t nslots;
	size_t *need_off, *need_n, *lead_off, *lead_n, *lead_dist;
	/* most bytes from a match's start to a needed literal's, when the
	 * needed literals are a second filter beside the leads, else NO_DIST */
	size_t *need_dist;
	uint32_t *ids;
	size_t nids;
	size_t filtered, positional;
	/* while building: the full-width table, the trie edge into each
	 * state (link_states()) */
	uint32_t *trie;
	uint32_t *parent;
	unsigned char *edge;
	int image;  /* 1: constant data written by clint_prefilter_write_c() */
};

/*
 * Writes `pf` to `f` as C: its arrays and `static const clint_prefilter
 * NAME`, a prefilter that needs no building and that clint_prefilter_free()
 * leaves alone (tools/precompile.c). Returns 0, or -1 on a write error.
 */
CLINT_INTERNAL int clint_prefilter_write_c(const clint_prefilter *pf, FILE *f,
                                           const char *name);

/* What the parser found for one pattern (exposed for the unit tests). */
#define CLINT_PF_SET_MAX 32
#define CLINT_PF_LIT_MAX 24
#define CLINT_PF_MIN_LEN 3

#define CLINT_PF_DIST_MAX 4096

typedef struct {
	int ok;
	unsigned n;
	size_t dist;     /* most bytes from a match's start to a literal's */
	unsigned char len[CLINT_PF_SET_MAX];
	char s[CLINT_PF_SET_MAX][CLINT_PF_LIT_MAX];
} clint_pf_set;

/*
 * Parses PCRE2 pattern `src` (compiled caseless, UTF, UCP) and fills
 * *needs (every match contains one) and *leads (every match has one
 * starting at most leads->dist bytes after the match's start), both
 * lower-case ASCII literals of at least CLINT_PF_MIN_LEN bytes; a set has
 * ok == 0 when nothing safe was found.
 * Returns 0, or CLINT_ENOMEM.
 */
CLINT_INTERNAL int clint_pf_analyze(const char *src, clint_pf_set *needs,
                                    clint_pf_set *leads);

/*
 * Builds the prefilter over `count` patterns (`sources[i]` may be NULL: no
 * prefilter for it). Pattern i gets slot i. Returns 0, or CLINT_ENOMEM.
 */
CLINT_INTERNAL int clint_prefilter_build(clint_prefilter **out,
                                         const char *const *sources,
                                         size_t count);
/*
 * Same, but for each pattern with a source `known(ctx, i, needs, leads)`
 * is asked first: it returns 1 when it filled both sets with what
 * clint_pf_analyze() gives for sources[i] (the build-time analysis of a
 * built-in pattern, precompiled.h), 0 to have the source parsed; asked
 * once a pattern, in order.
 */
typedef int (*clint_pf_known_fn)(void *ctx, size_t i, clint_pf_set *needs,
                                 clint_pf_set *leads);
CLINT_INTERNAL int clint_prefilter_build_ex(clint_prefilter **out,
                                            const char *const *sources,
                                            size_t count,
                                            clint_pf_known_fn known,
                                            void *ctx);
CLINT_INTERNAL void clint_prefilter_free(clint_prefilter *pf);
/* Number of patterns that have a prefilter / that have leads. */
CLINT_INTERNAL size_t clint_prefilter_filtered(const clint_prefilter *pf);
CLINT_INTERNAL size_t clint_prefilter_positional(const clint_prefilter *pf);

/* 1 if pattern `slot` has needed literals / leading literals. */
CLINT_INTERNAL int clint_prefilter_filtered_slot(const clint_prefilter *pf,
                                                 size_t slot);
CLINT_INTERNAL int clint_prefilter_positional_slot(const clint_prefilter *pf,
                                                   size_t slot);

/* The starts of all the lead (or needed) literals of one pattern, merged
 * in text order, made when first asked for (prefilter.c). */
typedef struct clint_pf_list clint_pf_list;

/* One document's literal hits; owned by the check that made it, which
 * alone uses it: the queries below fill its caches (`lists`, `may`). */
typedef struct {
	unsigned char *present;  /* per literal: occurs in the document */
	uint32_t *pos;           /* lead-literal start offsets, by literal */
	size_t *off;             /* per literal: its range in pos */
	size_t pos_count;
	int positional;          /* 0: leads unusable for this document */
	int need_positional;     /* 0: other literals' starts unusable */
	clint_pf_list *lists;    /* per slot: its leads, then its needs */
	size_t nlists;
	size_t list_budget;      /* merged starts that may still be made */
	unsigned char *may;      /* per slot: clint_pf_may_match() + 1, or 0 */
} clint_pf_scan;

/*
 * Finds every literal in text[0..len) in one pass. Returns 0, or
 * CLINT_ENOMEM (the scan is then unusable and must be freed).
 */
CLINT_INTERNAL int clint_prefilter_scan(const clint_prefilter *pf,
                                        const char *text, size_t len,
                                        clint_pf_scan *scan);
CLINT_INTERNAL void clint_pf_scan_free(clint_pf_scan *scan);

/* 0 if pattern `slot` cannot match anywhere in the scanned document. */
CLINT_INTERNAL int clint_pf_may_match(const clint_prefilter *pf,
                                      clint_pf_scan *scan, size_t slot);
/* 1 if pattern `slot` is tried only just before its lead literals. */
CLINT_INTERNAL int clint_pf_positional(const clint_prefilter *pf,
                                       const clint_pf_scan *scan, size_t slot);
/* 1 if the starts of every needed literal of pattern `slot` are known. */
CLINT_INTERNAL int clint_pf_need_positional(const clint_prefilter *pf,
                                            clint_pf_scan *scan,
                                            size_t slot);
/* The first start >= from of a needed literal of pattern `slot`, or
 * (size_t)-1 (only if clint_pf_need_positional()). */
CLINT_INTERNAL size_t clint_pf_next_need(const clint_prefilter *pf,
                                         clint_pf_scan *scan,
                                         size_t slot, size_t from);
/* For a pattern `slot` tried near its lead literals: how many bytes at
 * most a match's start is before one of its needed literals, which are
 * not its leads, or (size_t)-1 when that is no use (the needed literals
 * are the leads, are too far, or their starts are not known). Then a
 * match starting at s has a needed literal starting in [s, s + dist]. */
CLINT_INTERNAL size_t clint_pf_need_dist(const clint_prefilter *pf,
                                         clint_pf_scan *scan,
                                         size_t slot);
/* The first lead start >= from of pattern `slot`, or (size_t)-1; *dist
 * gets how far before it a match may start. */
CLINT_INTERNAL size_t clint_pf_next(const clint_prefilter *pf,
                                    clint_pf_scan *scan, size_t slot,
                                    size_t from, size_t *dist);

#endif
