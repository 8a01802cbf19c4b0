/*
 * ruleset.h - the compiled, read-only form of clause packs, shared by the
 * pack loader (pack.c) and the checker (check.c).
 */
#ifndef CLINT_RULESET_H
#define CLINT_RULESET_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "internal.h"

typedef struct {
	pcre2_code *code;
	char *source;
	unsigned line;
	unsigned words;     /* <near>: the window, in words on each side */
	int paragraph;      /* <unless scope="paragraph"> */
} clint_pattern;

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

typedef struct {
	char *id;
	size_t pack;           /* index into the ruleset's packs */
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
	char *name, *title, *version, *file;
	size_t rule_count;
} clint_pack;

struct clint_ruleset {
	clint_pack *packs;
	size_t pack_count, pack_cap;
	clint_rule *rules;
	size_t rule_count, rule_cap;
};

/* Limits applied to every match (check.c). */
#define CLINT_MATCH_LIMIT 10000000u
#define CLINT_DEPTH_LIMIT 10000u
#define CLINT_HEAP_LIMIT_KIB 65536u

/* Checks `doc` with rule `only` alone, or with all rules if only is -1. */
CLINT_INTERNAL int clint_check_rules(clint_result **out,
                                     const clint_ruleset *rs,
                                     const clint_doc *doc, size_t only,
                                     clint_diag *diag);

#endif
