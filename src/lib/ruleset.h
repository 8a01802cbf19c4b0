/*
 * ruleset.h - the compiled, read-only form of clause packs, shared by the
 * pack loader (pack.c) and the checker (check.c).
 */
#ifndef CLINT_RULESET_H
#define CLINT_RULESET_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <time.h>

#include "internal.h"
#include "precompiled.h"
#include "prefilter.h"

/*
 * Every pattern of every pack is compiled with these options. Only the
 * span of a match is ever read, so plain groups "( )" need not capture:
 * without captures the JIT compilation of the built-in patterns takes 6%
 * fewer instructions and gives 8% less code, and matching stores no
 * group offsets. A pattern that refers to a group by number (\1, (?1),
 * (?(1)...)) does not compile so: it is compiled again without
 * PCRE2_NO_AUTO_CAPTURE (pack.c), which matches the same spans.
 */
#define CLINT_PATTERN_OPTIONS                                        \
	(PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT | \
	 PCRE2_NO_AUTO_CAPTURE)

typedef struct {
	pcre2_code *code;   /* for the interpreter; never changes once loaded */
	char *source;
	unsigned line;
	unsigned words;     /* <near>: the window, in words on each side */
	int paragraph;      /* <unless scope="paragraph"> */
	int denial;         /* <unless denial="true">: its sentence says the
	                       clause is not there (check.c: denies()) */
	size_t slot;        /* 1 + its prefilter slot, 0 if none */
	/* its entry in the build-time table (precompiled.h), or NULL */
	const clint_precompiled_entry *pre;
	/* JIT compilation is deferred (pack.c: clint_pattern_code_for());
	 * these, `newlines` and the two below are the only fields a shared
	 * ruleset ever writes. */
	atomic_uint subject_bytes;  /* matched on so far, interpreted */
	atomic_int jit;     /* CLINT_JIT_PENDING, _BUSY or _DONE */
	_Atomic(pcre2_code *) jit_code;  /* JIT-compiled copy of code, or NULL */
	/* the source compiled again with PCRE2_NO_START_OPTIMIZE, when first
	 * needed (clint_pattern_code_unopt()), or NULL; unopt_failed: it
	 * did not compile */
	_Atomic(pcre2_code *) unopt_code;
	atomic_int unopt_failed;
	/* check.c: 0 not known yet, else 1 + the most newlines a match may
	 * consume (clint_newline_bound()); set at load for a pattern from the
	 * build-time table */
	atomic_int newlines;
} clint_pattern;

enum { CLINT_JIT_PENDING = 0, CLINT_JIT_BUSY = 1, CLINT_JIT_DONE = 2 };

/*
 * With clint_pattern_code_for(), a pattern is interpreted until it has
 * been run on CLINT_JIT_AFTER_BYTES of subjects. A JIT compilation of a
 * built-in pattern costs about 0.5M instructions (238 of them: 125M on a
 * 100 KB contract), more than the interpreter spends on a one-line
 * contract, while a pattern that runs over a long document pays it back
 * many times (interpreted, the 100 KB contract took 1.7G instructions).
 * Budgets from 1000 to 50000 bytes measured alike.
 */
#define CLINT_JIT_AFTER_BYTES 4096u

/*
 * The compiled pattern of `p` for one pcre2_match() on a subject of
 * `subject_bytes` bytes (from the start offset to its end), NULL if it
 * did not compile: its JIT-compiled copy once there is one, else the code
 * for the interpreter. When the ruleset was loaded with JIT, the call that
 * brings the pattern's subjects to CLINT_JIT_AFTER_BYTES JIT-compiles a
 * copy. Either code gives the same matches. Safe to call from any number
 * of threads sharing the ruleset; see pack.c.
 */
/* `p` compiled with PCRE2_NO_START_OPTIMIZE (interpreted), compiled at the
 * first call; NULL when it does not compile. Same matches as p->code for
 * a pattern without backtracking verbs. */
CLINT_INTERNAL const pcre2_code *clint_pattern_code_unopt(const clint_pattern *p);
CLINT_INTERNAL const pcre2_code *clint_pattern_code_for(const clint_pattern *p,
                                                        size_t subject_bytes);
/* The same for a subject of unknown size: JIT-compiled at the first call. */
CLINT_INTERNAL const pcre2_code *clint_pattern_code(const clint_pattern *p);

/* check.c: the most newlines a match of pattern source `src` may consume,
 * from a conservative parse of the source (65: too many, or a construct
 * the parse does not follow). tools/precompile.c records it for every
 * built-in pattern, so that runs do not parse the sources again. */
CLINT_INTERNAL long clint_newline_bound(const char *src);

typedef enum { CLINT_OP_LT, CLINT_OP_LE, CLINT_OP_GT, CLINT_OP_GE } clint_op;

/* <threshold>: a match counts only when its sentence holds a value of
 * `kind` that compares with `than` (durations in days). */
typedef struct {
	int present;
	clint_value_kind kind;
	clint_op op;
	double than;
	int in_match;        /* scope="match": only values inside the match */
	char *text;          /* "more than 90 days", for reports */
} clint_threshold;

typedef struct {
	char *text;
	int expect_match;
	unsigned line;
} clint_example;

typedef enum {
	CLINT_CHECK_NONE = 0,
	CLINT_CHECK_WORDS_DIGITS,   /* "thirty (45) days" */
	CLINT_CHECK_NUMBERING,      /* gaps and duplicates in clause numbers */
	CLINT_CHECK_CROSS_REFERENCE, /* "Section 7.4" that does not exist */
	CLINT_CHECK_PLACEHOLDERS,    /* "[Client]", "TBD", "____" */
	CLINT_CHECK_UNDEFINED_TERMS, /* a capitalised term never defined */
	CLINT_CHECK_UNUSED_TERMS,    /* a defined term never used */
	CLINT_CHECK_DUPLICATE_DEFINITIONS, /* a term defined twice, differently */
	CLINT_CHECK_PARTIES,         /* a party named otherwise than defined */
	CLINT_CHECK_DATES,           /* 31 February; an end before the start */
	CLINT_CHECK_DIRECTION_CONTROLS, /* text shown in another order than stored */
	CLINT_CHECK_DISGUISED_WORDS  /* "fееs", "addi<ZWSP>tional" */
} clint_check_id;

typedef struct {
	char *id;
	size_t pack;           /* index into the ruleset's packs */
	clint_check_id check;  /* kind == CLINT_RULE_CHECK */
	unsigned line;
	clint_rule_kind kind;
	clint_severity severity;
	char *category, *title, *message, *rationale, *ref, *suggestion;
	unsigned min_matches;
	clint_pattern *within;  /* NULL if none */
	clint_pattern *headings;
	size_t heading_count;
	clint_pattern *patterns;
	size_t pattern_count;
	clint_pattern *unless;
	size_t unless_count;
	clint_pattern *near;
	size_t near_count;
	clint_threshold threshold;
	clint_example *examples;
	size_t example_count;
} clint_rule;

typedef struct {
	const clint_pattern *p;
	size_t rule;
	const char *role;   /* "within", "heading", "pattern", "unless", "near" */
} clint_pattern_ref;

typedef struct {
	char *name, *title, *version, *file;
	unsigned line;       /* of its <pack> element */
	size_t rule_count;
} clint_pack;

struct clint_ruleset {
	clint_pack *packs;
	size_t pack_count, pack_cap;
	clint_rule *rules;
	size_t rule_count, rule_cap;
	/* the first rule of each id, in a search tree (tsearch(); pack.c,
	 * find_rule()) */
	void *id_tree;
	clint_prefilter *pf;  /* NULL when CLAUSELINT_NO_PREFILTER is set */
	/* every pattern of every rule, in pack order; pattern i has slot i */
	clint_pattern_ref *all;
	size_t pattern_count;
	/* patterns whose code / literal analysis came from the build-time
	 * table (precompiled.h) */
	size_t precompiled_codes, precompiled_sets;
	int prefilter_image;  /* pf is the table's, not built */
	/* packs left out for their problems (keep_valid_packs) */
	size_t left_out;
};

/* The default CPU-time limit of one document's check (check.c): seconds,
 * plus seconds per MiB of normalised text, for up to CLINT_CHECK_PATTERNS
 * patterns and in proportion above. The built-in packs (400 to 600
 * patterns) check text at 0.2 to 1.2 s per MiB of CPU */
#define CLINT_CHECK_SECONDS 10.0
#define CLINT_CHECK_SECONDS_PER_MIB 5.0
#define CLINT_CHECK_PATTERNS 1000

/* Limits applied to every match (check.c). */
#define CLINT_MATCH_LIMIT 10000000u
#define CLINT_DEPTH_LIMIT 10000u
#define CLINT_HEAP_LIMIT_KIB 65536u

/* A finding of a check rule: a range of the text and what is wrong. */
typedef struct {
	size_t start, end;   /* text offsets */
	char *detail;        /* malloc'd; taken over by the result */
} clint_check_hit;

typedef int (*clint_check_hit_fn)(void *ctx, size_t start, size_t end,
                                  char *detail);


/*
 * A CPU-time budget (this thread's clock) that long work asks often
 * (check.c). clint_budget_start() starts one of `seconds` (0 or less:
 * none); clint_budget_over() is 1 once it is used up, and from then on.
 * Asking costs a read of the coarse monotonic clock (6 ns): the CPU clock
 * (a system call) is read only when that one has ticked (every 1-10 ms),
 * so work runs over its budget by about a tick plus what it does between
 * two questions.
 */
typedef struct {
	double seconds;        /* the limit, for messages; 0: none */
	double end;            /* clint_cpu_seconds() when it is over */
	struct timespec tick;  /* the coarse clock at the last CPU clock read */
	int over;
} clint_budget;
CLINT_INTERNAL double clint_cpu_seconds(void);
CLINT_INTERNAL void clint_budget_start(clint_budget *b, double seconds);
CLINT_INTERNAL int clint_budget_over(clint_budget *b);

/* hygiene.c: runs built-in check `id` on `doc`, calling `hit` for each
 * defect (the callee owns `detail`). The check reads `cpu` (may be NULL)
 * as it goes and stops when it is used up, with CLINT_OK: the caller
 * sees clint_budget_over() and drops what it found. */
CLINT_INTERNAL int clint_run_check(clint_check_id id, const clint_doc *doc,
                                   clint_budget *cpu, clint_check_hit_fn hit,
                                   void *ctx);

/* The CPU seconds checking `bytes` of text with `rs` may take under
 * `max`, a valid max_cpu_seconds option: CLINT_CHECK_SECONDS plus
 * CLINT_CHECK_SECONDS_PER_MIB (scaled past CLINT_CHECK_PATTERNS) when it
 * is 0, `max` when above, 0 (none) when negative (check.c). */
CLINT_INTERNAL double clint_time_limit(const clint_ruleset *rs, size_t bytes,
                                       double max);

/* Starts the budget of a clint_ruleset_test() or clint_ruleset_lint() run
 * of `rs` with `opts` (NULL: the defaults): as for checking one document
 * of all its examples' text. CLINT_EINVAL for bad options (pack.c). */
CLINT_INTERNAL int clint_packs_budget(const clint_ruleset *rs,
                                      const clint_packs_options *opts,
                                      clint_budget *b);

/* Checks `doc` with rule `only` alone under `budget` (packs test: one
 * budget for all its examples). A stop at the budget is not said to
 * `diag` (the caller says it) and clint_result_rules_checked() is not
 * meaningful: ask clint_result_timed_out(). */
CLINT_INTERNAL int clint_check_rules(clint_result **out,
                                     const clint_ruleset *rs,
                                     const clint_doc *doc, size_t only,
                                     clint_budget *budget, clint_diag *diag);

/*
 * What every pcre2_match() of a pack pattern runs with (check.c): the
 * match, depth and heap limits, and a JIT stack of up to 1 MiB (PCRE2's
 * default of 32 KiB stops patterns that check fine; without memory for it
 * the default is used). clint_matcher_init() returns CLINT_OK or
 * CLINT_ENOMEM; clint_matcher_free() accepts a matcher that failed.
 */
typedef struct {
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
} clint_matcher;
CLINT_INTERNAL int clint_matcher_init(clint_matcher *m);
CLINT_INTERNAL void clint_matcher_free(clint_matcher *m);

/* How many patterns of the check that made `res` stopped on a PCRE2 limit
 * (each said once, as a warning); its results are incomplete if any did. */
CLINT_INTERNAL size_t clint_result_limit_hits(const clint_result *res);

#endif
