/*
 * check.c - the check stage: runs a read-only ruleset over a document's
 * matching view and produces a clint_result: located findings (risky
 * wording), missing required clauses, and the evidence of present ones.
 * The ruleset is never written to, so threads may share it; everything a
 * check needs to write (match data, JIT stack) is its own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "ruleset.h"

#define CLINT_MAX_FINDINGS_PER_RULE 10000u

#define NO_VALUE ((size_t)-1)

typedef struct {
	size_t rule;
	size_t start, end;   /* text offsets */
	size_t section;
	size_t value;        /* the doc value a threshold judged, or NO_VALUE */
	char *detail;        /* check rules: owned by the result */
} item;

struct clint_result {
	const clint_doc *doc;
	const clint_ruleset *rs;
	item *findings;
	size_t finding_count, finding_cap;
	item *present;
	size_t present_count, present_cap;
	size_t *missing;
	size_t missing_count, missing_cap;
	size_t limit_hits;   /* patterns that stopped on a PCRE2 limit */
	/* the leading rules that ran to the end: fewer than the ruleset's
	 * when the check stopped at its CPU-time limit */
	size_t rules_checked;
};

/* patterns whose required code unit is remembered at once (req_reach()):
 * the body pattern being scanned and those its matches' checks run */
#define REQ_MEMOS 16

typedef struct {
	const clint_ruleset *rs;
	const clint_doc *doc;
	clint_result *res;
	clint_diag *diag;
	pcre2_match_data *md;
	clint_matcher matcher;  /* limits and JIT stack of every match */
	unsigned char *scope;  /* per section: inside the rule's `within` */
	clint_pf_scan pfs;     /* the prefilter's literal hits in norm */
	const clint_prefilter *pf;  /* NULL: every pattern runs everywhere */
	unsigned long calls;   /* pcre2_match() calls, for profiling */
	/* next_match_lines(): no newline in norm[line_from..line_end) */
	size_t line_from, line_end;
	/* req_reach(): where PCRE2's search for a pattern's required code
	 * unit ends, remembered per pattern (a few at a time) */
	struct req_memo {
		const clint_pattern *p;
		size_t end;
		/* per case: none of it in norm[from..at), at its next or `end` */
		size_t from[2], at[2];
	} req[REQ_MEMOS];
	/* the patterns that hit a PCRE2 limit on this document and how often:
	 * one that did CHECK_LIMIT_TRIES times is not run on it again. A
	 * heading, `unless` or `near` pattern runs once per section or match,
	 * and one that backtracks without end would pay the limit at every
	 * one (400 sections: 48.9 s); one that hit it on a single long
	 * sentence still decides the others */
	struct stopped {
		const clint_pattern *p;
		unsigned hits;
	} *stopped;
	size_t stopped_count, stopped_cap;
	/* the CPU-time limit, asked before every call and rule: each
	 * pcre2_match() is bounded by the match limit but a pack can hold
	 * thousands of patterns that each pay it (1,000 of them: 36 s on a
	 * 10 KB contract), and one that stays under it can run at every
	 * section or match. `budget` is `own`, or the caller's (packs test
	 * shares one over all its examples) */
	clint_budget own, *budget;
} check_ctx;

#define CHECK_LIMIT_TRIES 4

/* What run_pattern() returns for a pattern stopped on this document, and
 * for every pattern once the check is out of time. */
#define CHECK_STOPPED (-1000)
#define CHECK_OUT_OF_TIME (-1001)

/* clint_check_profile(): where each rule's cost goes */
typedef struct {
	double *seconds;
	unsigned long *matches;
	double scan;
} check_profile;

double clint_cpu_seconds(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
		return 0;
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#ifdef CLOCK_MONOTONIC_COARSE
#define CHECK_TICK_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define CHECK_TICK_CLOCK CLOCK_MONOTONIC
#endif

void clint_budget_start(clint_budget *b, double seconds)
{
	memset(b, 0, sizeof(*b));
	b->seconds = seconds > 0 ? seconds : 0;
	if (b->seconds > 0)
		b->end = clint_cpu_seconds() + b->seconds;
}

/*
 * The thread's CPU clock is a system call (0.7 us here, as much as a
 * short match; a document makes thousands of calls), the coarse monotonic
 * clock a read of memory (6 ns), and a thread's CPU time cannot advance
 * faster than it: the CPU clock is read only when the coarse one has
 * moved, at most once per tick (1-10 ms, with the kernel's clock rate).
 */
int clint_budget_over(clint_budget *b)
{
	struct timespec t;

	if (b->over || b->end <= 0)
		return b->over;
	if (clock_gettime(CHECK_TICK_CLOCK, &t) == 0) {
		if (t.tv_sec == b->tick.tv_sec && t.tv_nsec == b->tick.tv_nsec)
			return 0;
		b->tick = t;
	}
	if (clint_cpu_seconds() >= b->end)
		b->over = 1;
	return b->over;
}

/* 0 if pattern `slot` surely has no lead or needed literal starting in
 * norm[from..end), else 1. */
static int literal_in(check_ctx *c, size_t slot, size_t from, size_t end)
{
	size_t h, dist;

	if (clint_pf_positional(c->pf, &c->pfs, slot))
		h = clint_pf_next(c->pf, &c->pfs, slot, from, &dist);
	else if (clint_pf_need_positional(c->pf, &c->pfs, slot))
		h = clint_pf_next_need(c->pf, &c->pfs, slot, from);
	else
		return 1;
	return h != (size_t)-1 && h < end;
}

static int run_code(check_ctx *c, const clint_pattern *p,
                    const pcre2_code *code, size_t base, size_t end,
                    size_t from, size_t *ms, size_t *me);

static int run_pattern(check_ctx *c, const clint_pattern *p, size_t base,
                       size_t end, size_t from, size_t *ms, size_t *me)
{
	return run_code(c, p, NULL, base, end, from, ms, me);
}

/*
 * Runs pattern `p` on the part norm[base..end) as a subject of its own
 * (so "^" and "$" anchor at its ends), from offset `from` >= base. Returns
 * 1 and sets the match range (norm offsets) in *ms and *me, 0 when there
 * is none, or a negative PCRE2 error when the pattern hit a limit.
 */
static int match_at(check_ctx *c, const clint_pattern *p, size_t base,
                    size_t end, size_t from, size_t *ms, size_t *me)
{
	if (!p->code)
		return 0;
	/* none of the literals every match needs occurs in the document */
	if (c->pf && p->slot && !clint_pf_may_match(c->pf, &c->pfs, p->slot - 1))
		return 0;
	/* in a part (a heading, a sentence), none of its lead or needed
	 * literals: a match would hold one inside the part */
	if (c->pf && p->slot && (base > 0 || end < c->doc->norm_len) &&
	    !literal_in(c, p->slot - 1, from, end))
		return 0;
	return run_pattern(c, p, base, end, from, ms, me);
}

/* The entry of pattern `p` among those that hit a limit on this document,
 * or NULL. */
static struct stopped *stopped_entry(const check_ctx *c,
                                     const clint_pattern *p)
{
	size_t i;

	for (i = 0; i < c->stopped_count; i++)
		if (c->stopped[i].p == p)
			return &c->stopped[i];
	return NULL;
}

/* match_at() without the prefilter's checks: one pcre2_match() of `p`,
 * with `code` when not NULL (its code without start optimisations). */
static int run_code(check_ctx *c, const clint_pattern *p,
                    const pcre2_code *code, size_t base, size_t end,
                    size_t from, size_t *ms, size_t *me)
{
	struct stopped *s = stopped_entry(c, p);
	PCRE2_SIZE *ov;
	int rc;

	if (clint_budget_over(c->budget))
		return CHECK_OUT_OF_TIME;
	if (s && s->hits >= CHECK_LIMIT_TRIES)
		return CHECK_STOPPED;
	c->calls++;
	/* interpreted until the pattern has seen enough subject bytes to
	 * pay for its JIT compilation (pack.c) */
	if (!code)
		code = clint_pattern_code_for(p, end - from);
	rc = pcre2_match(code, (PCRE2_SPTR)(c->doc->norm + base), end - base,
	                 from - base, PCRE2_NO_UTF_CHECK, c->md, c->matcher.mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		/* a limit, counted (when the list cannot grow, the pattern keeps
		 * running and paying it) */
		if (s)
			s->hits++;
		else if (ARRAY_PUSH(c->stopped, c->stopped_count, c->stopped_cap) ==
		         CLINT_OK)
			c->stopped[c->stopped_count++] = (struct stopped){p, 1};
		return rc;
	}
	ov = pcre2_get_ovector_pointer(c->md);
	*ms = base + ov[0];
	*me = base + ov[1];
	return 1;
}

static int find_match(check_ctx *c, const clint_pattern *p, size_t base,
                      size_t end, size_t from, size_t *ms, size_t *me);

static void limit_error(check_ctx *c, const clint_rule *r,
                        const clint_pattern *p, int err)
{
	const struct stopped *s = stopped_entry(c, p);
	char msg[128];

	/* one warning per pattern and document: at its first limit */
	if (err == CHECK_STOPPED || err == CHECK_OUT_OF_TIME || (s && s->hits > 1))
		return;
	c->res->limit_hits++;
	pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, sizeof(msg));
	clint_diag_add(c->diag, CLINT_DIAG_WARNING, c->rs->packs[r->pack].file,
	               p->line, 0,
	               "rule '%s' stopped on %s: %s; its results for this "
	               "document are incomplete",
	               r->id, c->doc->name, msg);
}

/* Marks sections inside the rule's `within` (a heading or an ancestor's). */
static int compute_scope(check_ctx *c, const clint_rule *r)
{
	const clint_doc *doc = c->doc;
	size_t i, ms, me;
	int m;

	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];

		if (s->parent != CLINT_NO_SECTION && c->scope[s->parent]) {
			c->scope[i] = 1;
			continue;
		}
		c->scope[i] = 0;
		if (s->heading_norm_end == s->heading_norm_start)
			continue;
		m = find_match(c, r->within, s->heading_norm_start,
		               s->heading_norm_end, s->heading_norm_start, &ms, &me);
		if (m < 0) {
			limit_error(c, r, r->within, m);
			return m;
		}
		c->scope[i] = (unsigned char)m;
	}
	return CLINT_OK;
}

/* Section index holding norm offset `off`. */
static size_t section_at_norm(const clint_doc *doc, size_t off)
{
	return clint_doc_section_at(doc, clint_doc_norm_to_text(doc, off));
}

static int in_scope(const check_ctx *c, const clint_rule *r, size_t section)
{
	if (!r->within)
		return 1;
	return section != CLINT_NO_SECTION && c->scope[section];
}

/* How far from a match an `unless` looks inside a very long sentence,
 * and a `near` inside a paragraph whose words are very long (a run of
 * 128,000 "telesales," with no space: each match walked the whole run,
 * 16 s at 1.28 MB). 1,500 bytes is 25 bytes a word for the longest
 * window of the built-in packs (60 words). */
#define CONTEXT_WINDOW 1500

/* The start of a window that reaches back from `off` further than
 * CONTEXT_WINDOW: the start of the first word wholly inside it. A word
 * the window cuts is left out, a part of "unfee" read as "fee" would
 * match. With no space in it (Chinese or Japanese), there are no words
 * to cut: the window is cut at a character. Needs off > CONTEXT_WINDOW. */
static size_t window_back(const char *s, size_t off)
{
	size_t cut = off - CONTEXT_WINDOW, a = cut;

	while (a < off && s[a - 1] != ' ')
		a++;
	return a < off || s[off - 1] == ' ' ? a : clint_utf8_fwd(s, cut, off);
}

/* The end of a window that reaches forward from `off` further than
 * CONTEXT_WINDOW: the space after the last word wholly inside it ("fee"
 * of "feesible" is not a fee), or, with no space, a character's start.
 * s[off + CONTEXT_WINDOW] must exist. */
static size_t window_fwd(const char *s, size_t off)
{
	size_t cut = off + CONTEXT_WINDOW, b = cut;

	while (b > off && s[b] != ' ')
		b--;
	return b > off || s[off] == ' ' ? b : clint_utf8_back(s, cut, off);
}

/* True if the sentence around the match norm[ms..me) matches an `unless`
 * (`denial`: one with denial="true"). In a very long sentence only a
 * window around the match is searched, so the cost per match stays
 * bounded. */
static int excluded_by(check_ctx *c, const clint_rule *r, size_t off,
                       size_t end, int denial)
{
	size_t si, a, b, i, ms, me;
	int m;

	if (!r->unless_count)
		return 0;
	si = clint_doc_sentence_at_norm(c->doc, off);
	if (si == (size_t)-1)
		return 0;
	a = c->doc->sentences[2 * si];
	b = c->doc->sentences[2 * si + 1];
	if (off - a > CONTEXT_WINDOW)
		a = window_back(c->doc->norm, off);
	if (b > end && b - end > CONTEXT_WINDOW)
		b = window_fwd(c->doc->norm, end);
	for (i = 0; i < r->unless_count; i++) {
		size_t pa = a, pb = b, bi;

		if (denial && !r->unless[i].denial)
			continue;
		if (r->unless[i].paragraph &&
		    (bi = clint_doc_block_at_norm(c->doc, off)) != (size_t)-1) {
			pa = c->doc->blocks[bi].norm_start;
			pb = c->doc->blocks[bi].norm_end;
			if (off - pa > CONTEXT_WINDOW)
				pa = a;
			if (pb > end && pb - end > CONTEXT_WINDOW)
				pb = b;
		}
		m = find_match(c, &r->unless[i], pa, pb, pa, &ms, &me);
		if (m < 0)
			limit_error(c, r, &r->unless[i], m);
		if (m > 0)
			return 1;
	}
	return 0;
}

static int excluded(check_ctx *c, const clint_rule *r, size_t off,
                    size_t end)
{
	return excluded_by(c, r, off, end, 0);
}

static int push_item(item **list, size_t *count, size_t *cap, const item *it)
{
	if (ARRAY_PUSH(*list, *count, *cap) < 0)
		return CLINT_ENOMEM;
	(*list)[(*count)++] = *it;
	return CLINT_OK;
}

/* Moves back `words` words from `off`, not before `floor` nor past the
 * words of the CONTEXT_WINDOW bytes before it. */
static size_t words_back(const char *s, size_t off, size_t floor,
                         unsigned words)
{
	if (off <= floor)
		return off;
	if (off - floor > CONTEXT_WINDOW)
		floor = window_back(s, off);
	while (off > floor && words > 0) {
		while (off > floor && s[off - 1] == ' ')
			off--;
		while (off > floor && s[off - 1] != ' ')
			off--;
		words--;
	}
	return off;
}

/* Moves forward `words` words from `off`, not past `ceil` nor past the
 * words of the CONTEXT_WINDOW bytes after it. A match may end past its
 * paragraph (`\s` crosses the newline between blocks): the window then
 * ends with it. */
static size_t words_fwd(const char *s, size_t off, size_t ceil,
                        unsigned words)
{
	if (off >= ceil)
		return off;
	if (ceil - off > CONTEXT_WINDOW)
		ceil = window_fwd(s, off);
	while (off < ceil && words > 0) {
		while (off < ceil && s[off] == ' ')
			off++;
		while (off < ceil && s[off] != ' ')
			off++;
		words--;
	}
	return off;
}

/* True if every <near> pattern of the rule matches within its window of
 * words around norm[ms..me), inside the same paragraph. */
static int near_ok(check_ctx *c, const clint_rule *r, size_t ms, size_t me)
{
	const clint_doc *doc = c->doc;
	size_t i, bi, a, b, x, y;
	int m;

	if (!r->near_count)
		return 1;
	bi = clint_doc_block_at_norm(doc, ms);
	if (bi == (size_t)-1)
		return 0;
	for (i = 0; i < r->near_count; i++) {
		const clint_pattern *p = &r->near[i];

		a = words_back(doc->norm, ms, doc->blocks[bi].norm_start, p->words);
		b = words_fwd(doc->norm, me, doc->blocks[bi].norm_end, p->words);
		m = find_match(c, p, a, b, a, &x, &y);
		if (m < 0)
			limit_error(c, r, p, m);
		if (m <= 0)
			return 0;
	}
	return 1;
}

static int compare(clint_op op, double v, double than)
{
	switch (op) {
	case CLINT_OP_LT: return v < than;
	case CLINT_OP_LE: return v <= than;
	case CLINT_OP_GT: return v > than;
	default: return v >= than;
	}
}

/* What threshold_value() found for the sentence of a rule's last match
 * (scope="sentence"): the answer for every match in that sentence. A
 * sentence of 128,000 values and matches was walked once per match
 * (21.5 s at 2.7 MB). */
struct threshold_memo {
	size_t sentence, value;
};
#define THRESHOLD_MEMO_INIT {(size_t)-1, NO_VALUE}

/* The first value in the sentence of the match norm[ms..me) (or, with
 * scope="match", inside the match) that meets the rule's threshold, or
 * NO_VALUE. */
static size_t threshold_value(const check_ctx *c, const clint_rule *r,
                              size_t ms, size_t me,
                              struct threshold_memo *memo)
{
	const clint_doc *doc = c->doc;
	const clint_threshold *t = &r->threshold;
	size_t si, a, b, lo = 0, hi = doc->value_count, mid, found = NO_VALUE;

	si = clint_doc_sentence_at_norm(doc, ms);
	if (si == (size_t)-1)
		return NO_VALUE;
	if (!t->in_match && si == memo->sentence)
		return memo->value;
	a = doc->sentences[2 * si];
	b = doc->sentences[2 * si + 1];
	if (t->in_match) {
		a = ms;
		b = me;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->values[mid].norm_start < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < doc->value_count && doc->values[lo].norm_start < b; lo++) {
		const clint_ivalue *v = &doc->values[lo];
		if (v->kind != t->kind || (t->in_match && v->norm_end > b))
			continue;
		if (compare(t->op, t->kind == CLINT_VALUE_DURATION ? v->days : v->amount,
		            t->than)) {
			found = lo;
			break;
		}
	}
	if (!t->in_match) {
		memo->sentence = si;
		memo->value = found;
	}
	return found;
}

static int cmp_item(const void *a, const void *b)
{
	const item *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return 0;
}

/* True if "." never matches a line feed: the library's default newline
 * convention (the packs set none) includes a lone LF. */
static int dot_skips_lf(void)
{
	uint32_t nl = 0;

	if (pcre2_config(PCRE2_CONFIG_NEWLINE, &nl) < 0)
		return 0;
	return nl == PCRE2_NEWLINE_LF || nl == PCRE2_NEWLINE_ANY ||
	       nl == PCRE2_NEWLINE_ANYCRLF;
}

/* True if escape letter `e` (after a backslash) may match a newline, or
 * is one this scan does not follow (code points, properties, quoting). */
static int escape_may_match_newline(char e)
{
	return strchr("nsvRXCWDHNpPxocQ0123456789gk", e) != NULL;
}

/* Most newlines a pattern may consume (NL_MAX and beyond: too many). */
#define NL_MAX 64
#define NL_UNKNOWN (NL_MAX + 1)

typedef struct {
	const char *s;
	size_t i;
	int fail;  /* a construct the parse does not follow */
} nl_parser;

static long nl_alt(nl_parser *p, int depth);

/* A class at p->i ('['): 1 if it may match a newline, else 0. Negated
 * classes must name \n, \s or \v; others must hold nothing that matches
 * a newline. */
static long nl_class(nl_parser *p)
{
	const char *s = p->s;
	int neg = 0, excluded = 0, may = 0;

	p->i++;
	if (s[p->i] == '^') {
		neg = 1;
		p->i++;
	}
	if (s[p->i] == ']')
		p->i++;
	while (s[p->i] && s[p->i] != ']') {
		if (s[p->i] == '\\') {
			char e = s[p->i + 1];
			if (!e) {
				p->fail = 1;
				return NL_UNKNOWN;
			}
			if (e == 'n' || e == 's' || e == 'v')
				excluded = 1;
			if (escape_may_match_newline(e))
				may = 1;
			p->i += 2;
			continue;
		}
		if ((s[p->i] == '[' && s[p->i + 1] == ':') ||
		    (unsigned char)s[p->i] < 0x20) {
			p->fail = 1; /* POSIX classes, raw controls */
			return NL_UNKNOWN;
		}
		p->i++;
	}
	if (!s[p->i]) {
		p->fail = 1;
		return NL_UNKNOWN;
	}
	p->i++;
	return (neg ? !excluded : may) ? 1 : 0;
}

/* A group at p->i ('('): the newlines its content may consume (0 for a
 * lookaround, which consumes nothing). */
static long nl_group(nl_parser *p, int depth)
{
	const char *s = p->s;
	int look = 0;
	long k;

	if (s[p->i + 1] == '*') {
		p->fail = 1; /* verbs: (*CR) and the like */
		return NL_UNKNOWN;
	}
	if (s[p->i + 1] == '?') {
		const char *q = s + p->i + 2;
		if (*q == ':' || *q == '>' || *q == '|') {
			p->i += 3;
		} else if (*q == '=' || *q == '!') {
			p->i += 3;
			look = 1;
		} else if (*q == '<' && (q[1] == '=' || q[1] == '!')) {
			p->i += 4;
			look = 1;
		} else {
			p->fail = 1; /* options, names, recursion, comments */
			return NL_UNKNOWN;
		}
	} else {
		p->i++;
	}
	k = nl_alt(p, depth + 1);
	if (p->fail || s[p->i] != ')') {
		p->fail = 1;
		return NL_UNKNOWN;
	}
	p->i++;
	return look ? 0 : k;
}

/* Reads a quantifier at p->i, if any: its most repeats (NL_UNKNOWN for
 * no bound), 1 when there is none. */
static long nl_repeats(nl_parser *p)
{
	const char *s = p->s;
	long most = 1;

	if (s[p->i] == '?') {
		p->i++;
	} else if (s[p->i] == '*' || s[p->i] == '+') {
		p->i++;
		most = NL_UNKNOWN;
	} else if (s[p->i] == '{') {
		size_t j = p->i + 1;
		long lo = 0, hi;
		int digits = 0;

		while (s[j] >= '0' && s[j] <= '9' && digits < 6) {
			lo = lo * 10 + (s[j++] - '0');
			digits++;
		}
		if (!digits)
			return 1; /* a literal "{" */
		hi = lo;
		if (s[j] == ',') {
			j++;
			if (s[j] == '}') {
				hi = NL_UNKNOWN;
			} else {
				hi = 0;
				digits = 0;
				while (s[j] >= '0' && s[j] <= '9' && digits < 6) {
					hi = hi * 10 + (s[j++] - '0');
					digits++;
				}
				if (!digits)
					return 1;
			}
		}
		if (s[j] != '}')
			return 1;
		p->i = j + 1;
		most = hi;
	} else {
		return 1;
	}
	if (s[p->i] == '?' || s[p->i] == '+')
		p->i++; /* lazy or possessive */
	return most;
}

/* A sequence up to '|', ')' or the end: the sum over its items (at most
 * NL_UNKNOWN: too many or no bound, but the parse goes on). */
static long nl_seq(nl_parser *p, int depth)
{
	const char *s = p->s;
	long total = 0, k, n;

	while (s[p->i] && s[p->i] != '|' && s[p->i] != ')' && !p->fail) {
		char c = s[p->i];

		if (c == '\\') {
			char e = s[p->i + 1];
			if (!e || strchr("123456789gkQ", e)) {
				p->fail = 1; /* references, quoting */
				return NL_UNKNOWN;
			}
			k = escape_may_match_newline(e) ? 1 : 0;
			p->i += 2;
		} else if (c == '[') {
			k = nl_class(p);
		} else if (c == '(') {
			if (depth > 50) {
				p->fail = 1;
				return NL_UNKNOWN;
			}
			k = nl_group(p, depth);
		} else if ((unsigned char)c < 0x20 || c == '*' || c == '+' ||
		           c == '?') {
			p->fail = 1;
			return NL_UNKNOWN;
		} else {
			k = c == '.' && !dot_skips_lf() ? 1 : 0;
			p->i++;
		}
		n = nl_repeats(p);
		if (k && n >= NL_UNKNOWN)
			k = NL_UNKNOWN;
		else if (k)
			k = k * n < NL_UNKNOWN ? k * n : NL_UNKNOWN;
		total = total + k < NL_UNKNOWN ? total + k : NL_UNKNOWN;
	}
	return p->fail ? NL_UNKNOWN : total;
}

/* Branches up to ')' or the end: the most over them. */
static long nl_alt(nl_parser *p, int depth)
{
	long most = 0, k;

	for (;;) {
		k = nl_seq(p, depth);
		if (p->fail)
			return NL_UNKNOWN;
		if (k > most)
			most = k;
		if (p->s[p->i] != '|')
			return most;
		p->i++;
	}
}

/*
 * The most newlines a match of PCRE2 pattern `src` may consume, or
 * NL_UNKNOWN (ruleset.h): a conservative parse that follows only the escapes,
 * classes, groups and quantifiers it knows. Lookarounds consume nothing;
 * without (?s), "." does not match a newline.
 */
long clint_newline_bound(const char *src)
{
	nl_parser p = {src, 0, 0};
	long k = nl_alt(&p, 0);

	return p.fail || p.s[p.i] ? NL_UNKNOWN : k; /* p.s[p.i]: a stray ")" */
}

/* The newline bound of body pattern `p` (clint_newline_bound()), computed
 * once (threads racing here compute the same value); a built-in pattern
 * has it from the build-time table (pack.c). */
static long pattern_newlines(const clint_pattern *p)
{
	clint_pattern *w = (clint_pattern *)p;
	int v = atomic_load_explicit(&w->newlines, memory_order_relaxed);

	if (!v) {
		v = (int)clint_newline_bound(p->source) + 1;
		atomic_store_explicit(&w->newlines, v, memory_order_relaxed);
	}
	return v - 1;
}

/*
 * PCRE2 knows of most patterns a code unit every match holds (its "last
 * code unit", with its other case for a letter: the patterns are
 * caseless), and at each pcre2_match() looks for it from the start before
 * trying to match: for the unit as written, then, when that is not there,
 * for its other case, each to the end of the subject (it gives up on
 * subjects of 5 MB or more). The search is not remembered from one call to
 * the next, and a search calls pcre2_match() once per window: in 40,000
 * paragraphs "fee N" with no "o" (a revenue pattern needs one), every
 * window read the rest of the text: 0.62 s, against 0.03 s for 10,000;
 * 400,000 of them (4.7 MB) ran into the 30 s limit when interpreted.
 *
 * req_reach() is that search, remembered per pattern: how far PCRE2 reads
 * from `start` in norm[..end), or REQ_NONE when neither case of the unit
 * is there, so that no match can start at or after `start`. A pattern
 * without such a unit gives `start`. A window past which PCRE2 would read
 * more than REQ_FAR bytes is matched with the pattern compiled without
 * start optimisations (clint_pattern_code_unopt()), which does not look:
 * the unit is known to be there. (One pcre2_match() from the window to
 * the end instead tried the starts between the windows, slower on some
 * patterns and paying the match limit on starts no window has.)
 */
#define REQ_NONE ((size_t)-1)
#define REQ_FAR 4096

static size_t req_next(const clint_doc *doc, struct req_memo *m, int k,
                       unsigned char u, size_t start, size_t end)
{
	const char *q;

	if (start < m->from[k] || start > m->at[k]) {
		q = memchr(doc->norm + start, u, end - start);
		m->from[k] = start;
		m->at[k] = q ? (size_t)(q - doc->norm) : end;
	}
	return m->at[k];
}

static size_t req_reach(check_ctx *c, const clint_pattern *p, size_t end,
                        size_t start)
{
	struct req_memo *m;
	uint32_t type = 0, unit = 0;
	unsigned char u, v;
	size_t at;

	if (start >= end ||
	    pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODETYPE, &type) != 0 ||
	    type != 1 ||
	    pcre2_pattern_info(p->code, PCRE2_INFO_LASTCODEUNIT, &unit) != 0 ||
	    unit > 0xFF)
		return start;
	u = (unsigned char)unit;
	v = u >= 'a' && u <= 'z' ? (unsigned char)(u - 32) :
	    u >= 'A' && u <= 'Z' ? (unsigned char)(u + 32) : u;
	m = &c->req[((uintptr_t)p / sizeof(*p)) % REQ_MEMOS];
	if (m->p != p || m->end != end)
		*m = (struct req_memo){p, end, {end, end}, {0, 0}};
	at = req_next(c->doc, m, 0, u, start, end);
	if (at < end || u == v)
		return at < end ? at : REQ_NONE;
	/* PCRE2 read to the end for the one, then looks for the other */
	return req_next(c->doc, m, 1, v, start, end) < end ? end : REQ_NONE;
}

/* The code for a window of `p` from `start` to `last` (the last start
 * tried) in norm[..end): NULL for the usual one, the unoptimised one when
 * PCRE2 would read far past the window; *none set when no match can
 * start in or after it. */
static const pcre2_code *window_code(check_ctx *c, const clint_pattern *p,
                                     size_t end, size_t start, size_t last,
                                     int *none)
{
	size_t r = req_reach(c, p, end, start);

	*none = r == REQ_NONE;
	if (*none || r <= last || r - last <= REQ_FAR)
		return NULL;
	return clint_pattern_code_unopt(p);
}

/* Patterns that may consume more newlines than this search everywhere. */
#define LINES_MAX 16

/*
 * Like find_match() for a pattern with no leads that consumes at most
 * `k` newlines: every match holds one of the pattern's needed literals
 * at most k lines below its start. For the next such literal, the starts
 * from k lines above its line to the end of its line are searched (the
 * search stops there: PCRE2's offset limit), then the next literal past
 * that line. No match starts between the windows, so the first match
 * found is the leftmost one.
 */
static int next_match_lines(check_ctx *c, const clint_pattern *p, long k,
                            size_t base, size_t end, size_t from, size_t *ms,
                            size_t *me)
{
	const clint_doc *doc = c->doc;
	const char *s = doc->norm;
	const pcre2_code *code;
	size_t h, ls, le;
	long up;
	int m, none;

	while (from <= end &&
	       (h = clint_pf_next_need(c->pf, &c->pfs, p->slot - 1, from)) < end) {
		/* back to the start of the line k lines above, not before from */
		ls = h;
		for (up = 0; up <= k && ls > from; up++) {
			while (ls > from && s[ls - 1] != '\n')
				ls--;
			if (up < k && ls > from)
				ls--; /* onto the line above */
		}
		/* the line's end, remembered: a line of megabytes with many
		 * matches is still read once */
		if (h < c->line_from || h >= c->line_end) {
			const char *nl = memchr(s + h, '\n', doc->norm_len - h);
			c->line_from = h;
			c->line_end = nl ? (size_t)(nl - s) : doc->norm_len;
		}
		le = c->line_end < end ? c->line_end : end;
		code = window_code(c, p, end, ls, le, &none);
		if (none)
			return 0;
		pcre2_set_offset_limit(c->matcher.mctx, le - base);
		m = run_code(c, p, code, base, end, ls, ms, me);
		pcre2_set_offset_limit(c->matcher.mctx, PCRE2_UNSET);
		if (m != 0)
			return m;
		from = le + 1;
	}
	return 0;
}

/* A part shorter than this (a heading, most sentences) is searched by one
 * pcre2_match(); a longer one window by window like the document. */
#define PART_WINDOWS 256

/*
 * Finds the first match of pattern `p` in the part norm[base..end) (a
 * subject of its own, as for match_at()) starting at or after `from`, but
 * only searches where a match can start: at most `dist` bytes before one
 * of the pattern's lead literals (dist 0: at the literal), and, when the
 * pattern also needs other literals at most `nd` bytes after its start,
 * not where none follows in reach. Starts outside those windows cannot
 * match, so the first match found is the leftmost one. The search in a
 * window stops at its end (PCRE2's offset limit).
 */
static int find_match(check_ctx *c, const clint_pattern *p, size_t base,
                      size_t end, size_t from, size_t *ms, size_t *me)
{
	const clint_doc *doc = c->doc;
	const pcre2_code *code;
	size_t h, dist = 0, start, nd, q = 0;
	long k;
	int m, none;

	if (!p->code || !c->pf || !p->slot ||
	    ((base > 0 || end < doc->norm_len) && end - from <= PART_WINDOWS))
		return match_at(c, p, base, end, from, ms, me);
	if (!clint_pf_may_match(c->pf, &c->pfs, p->slot - 1))
		return 0;
	k = pattern_newlines(p);
	if (!clint_pf_positional(c->pf, &c->pfs, p->slot - 1)) {
		if (k <= LINES_MAX &&
		    clint_pf_need_positional(c->pf, &c->pfs, p->slot - 1))
			return next_match_lines(c, p, k, base, end, from, ms, me);
		return match_at(c, p, base, end, from, ms, me);
	}
	nd = clint_pf_need_dist(c->pf, &c->pfs, p->slot - 1);
	for (;;) {
		if (nd != (size_t)-1) {
			/* a match starting at s >= from holds a needed literal in
			 * [s, s + nd], so at or after q, the first one from `from`:
			 * s >= q - nd (on a character boundary) */
			q = clint_pf_next_need(c->pf, &c->pfs, p->slot - 1, from);
			if (q >= end)
				return 0;
			if (q - from > nd)
				from = clint_utf8_fwd(doc->norm, q - nd, end);
		}
		h = clint_pf_next(c->pf, &c->pfs, p->slot - 1, from, &dist);
		if (h >= end)
			break;
		/* a start at most h has its needed literal at most h + nd */
		if (nd != (size_t)-1 && q > h && q - h > nd) {
			from = h + 1;
			continue;
		}
		start = h - from > dist ? h - dist : from;
		/* a match crosses at most k newlines to its literal: not before
		 * the line k lines above (the window is often one paragraph) */
		if (k <= LINES_MAX) {
			size_t ls = h;
			long up;

			for (up = 0; up <= k && ls > start; up++) {
				while (ls > start && doc->norm[ls - 1] != '\n')
					ls--;
				if (up < k && ls > start)
					ls--;
			}
			start = ls;
		}
		/* never start inside a UTF-8 sequence */
		start = clint_utf8_back(doc->norm, start, from);
		code = window_code(c, p, end, start, h, &none);
		if (none)
			return 0;
		pcre2_set_offset_limit(c->matcher.mctx, h - base);
		m = run_code(c, p, code, base, end, start, ms, me);
		pcre2_set_offset_limit(c->matcher.mctx, PCRE2_UNSET);
		if (m != 0)
			return m;
		from = h + 1;
	}
	return 0;
}

/* The next match of body pattern `p` in the whole document at or after
 * norm offset `from`, as one pcre2_match() from there would find it. */
static int next_match(check_ctx *c, const clint_pattern *p, size_t from,
                      size_t *ms, size_t *me)
{
	return find_match(c, p, 0, c->doc->norm_len, from, ms, me);
}

/* How far into a section's body says_nothing() reads: a body that keeps
 * a number ("6.1 Reserved.", "[To be agreed.]") is short. */
#define EMPTY_BODY_BYTES 512
#define EMPTY_BODY_WORDS 16
/* ... and one that leaves its content "to be agreed" ("The Service
 * Levels are to be agreed.") */
#define EMPTY_LATER_WORDS 8
/* A heading longer than this is a paragraph in a heading's style: it
 * says something itself (segment.c keeps headings of 100 bytes) */
#define EMPTY_HEADING_BYTES 120

/* Words of a body that keeps a number in place. */
static const char *const keep_words[] = {
	"reserved", "intentionally", "left", "blank", "omitted", "not", "used",
	"applicable", "deleted", "none", "tbd", "tba", "tbc", "n", "a", "na",
};

/* How far a cross-reference's name is looked for around a match. */
#define XREF_NAME_BYTES 80

/*
 * True if norm[ms..me) lies inside the name of a cross-reference: the
 * brackets after a clause number, "Sections 9 (Confidentiality) and 12
 * (Governing Law) survive", "Clause 14 (Audit Rights) is left blank".
 * The name says which clause is meant, not that the document has it.
 */
static int in_xref_name(const clint_doc *doc, size_t ms, size_t me)
{
	const char *t = doc->norm;
	size_t i, lim = ms > XREF_NAME_BYTES ? ms - XREF_NAME_BYTES : 0;

	for (i = ms; i > lim && t[i - 1] != '('; i--)
		if (strchr(").;\n", t[i - 1]))
			return 0;
	if (i == lim || t[i - 1] != '(')
		return 0;
	i--;  /* at the '(' */
	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i == 0 || !clint_isdigit((unsigned char)t[i - 1]))
		return 0;  /* "12 (", "9.2 (" */
	for (i = me; i < doc->norm_len && i - me < XREF_NAME_BYTES; i++) {
		if (t[i] == ')')
			return 1;
		if (strchr("(.;\n", t[i]))
			return 0;
	}
	return 0;
}

/*
 * True if section `sec` says nothing under its heading: its body (its
 * subsections' included) only keeps the number ("Reserved",
 * "Intentionally left blank", "Not used", "N/A", "TBD") or a blank to fill
 * in ("[●]", "[•]", "…", "____"; "[…]" and "[...]" are text omitted
 * from a filed copy, as "[***]"), or is at most
 * EMPTY_LATER_WORDS words that end a sentence on "to be agreed"
 * (determined, confirmed, decided; not "to be agreed in writing"). A
 * redaction ("[***]") is text; numbers, punctuation and item labels such
 * as "(a)" are not words; an empty body is not "nothing" (see the
 * end). Reads at most EMPTY_BODY_BYTES; a body longer than that says
 * something.
 */
static int says_nothing(const clint_doc *doc, const clint_isection *sec)
{
	const char *t = doc->norm;
	size_t i = sec->heading_norm_end, e = sec->norm_end, words = 0;
	int other = 0, later = 0, to = 0, blank = 0;

	/* a long "heading" is a paragraph set in a heading style, whose
	 * words are the clause ("a. Either party may terminate ...") */
	if (sec->heading_norm_end - sec->heading_norm_start > EMPTY_HEADING_BYTES)
		return 0;
	if (e - i > EMPTY_BODY_BYTES)
		e = i + EMPTY_BODY_BYTES;
	while (i < e) {
		size_t w = i;

		if (t[i] == '(') { /* an item label: "(a)", "(iv)", "(12)" */
			for (w = i + 1; w < e && w - i <= 5 &&
			                clint_isalnum((unsigned char)t[w]);
			     w++)
				;
			if (w < e && t[w] == ')' && w > i + 1) {
				i = w + 1;
				continue;
			}
			w = i;
		}
		if (t[i] == '*' && i + 1 < e && t[i + 1] == '*')
			other = 1; /* "[***]": text redacted from a filed copy */
		/* a blank to fill in: "●", "•", "…" (or "..." as the matching
		 * view folds it), "___" */
		if (e - i >= 3) {
			int ellipsis = !memcmp(t + i, "\xE2\x80\xA6", 3) ||
			               !memcmp(t + i, "...", 3);
			if (ellipsis || !memcmp(t + i, "\xE2\x97\x8F", 3) ||
			    !memcmp(t + i, "\xE2\x80\xA2", 3) ||
			    !memcmp(t + i, "___", 3)) {
				/* "[...]", "[…]": text omitted from a filed copy,
				 * as "[***]" */
				if (ellipsis && i > 0 && t[i - 1] == '[')
					other = 1;
				else
					blank = 1;
				i += 3;
				continue;
			}
		}
		if (!clint_isalpha((unsigned char)t[i]) && (unsigned char)t[i] < 0x80) {
			i++;
			continue;
		}
		while (w < e && (clint_isalpha((unsigned char)t[w]) ||
		                 (unsigned char)t[w] >= 0x80))
			w++;
		if (w == e && sec->norm_end > e)
			return 0; /* cut in a word: a long body */
		words++;
		if (to && w - i == 2 && clint_ascii_ieq(t + i, "be", 2) && w + 1 < e) {
			static const char *const how[] = {"agreed", "determined",
			                                  "confirmed", "decided"};
			size_t k;

			/* "... to be agreed." ends the sentence: not "to be
			 * agreed in writing", a procedure */
			for (k = 0; k < ARRAY_LEN(how); k++) {
				size_t n = strlen(how[k]), x = w + 1 + n;

				if (e - (w + 1) >= n &&
				    clint_ascii_ieq(t + w + 1, how[k], n) &&
				    (x >= e || strchr(".;])", t[x])))
					later = 1;
			}
		}
		if (!clint_ascii_word_in(t + i, w - i, keep_words, ARRAY_LEN(keep_words)))
			other = 1;
		to = w - i == 2 && clint_ascii_ieq(t + i, "to", 2);
		if (words > EMPTY_BODY_WORDS)
			return 0;
		i = w;
	}
	if (sec->norm_end > e)
		return 0;
	/* an empty body is not enough: where the heading styles do not
	 * nest ("2. Payment" and "2.1 Payment. Company will pay ..." both
	 * Heading 2), the clause is in the sections after it; and "... to
	 * be agreed" says nothing in a short body only: "5% of the monthly
	 * Charges for each missed Service Level, the cap to be agreed." is
	 * a penalty clause with a detail left open */
	return ((words || blank) && !other) ||
	       (later && words <= EMPTY_LATER_WORDS);
}

/*
 * True if the short body of section `sec` denies the clause its heading
 * names: every sentence of it with a letter matches one of rule r's
 * `<unless denial="true">` patterns ("17. Limitation of Liability" over
 * "There is no limitation of liability under this Agreement."). A body
 * longer than EMPTY_BODY_BYTES, or with no sentence, does not.
 */
static int denies(check_ctx *c, const clint_rule *r, const clint_isection *sec)
{
	const clint_doc *doc = c->doc;
	size_t i = sec->heading_norm_end, e = sec->norm_end, si, b;
	int any = 0;

	for (si = 0; si < r->unless_count && !r->unless[si].denial; si++)
		;
	if (si == r->unless_count || e <= i || e - i > EMPTY_BODY_BYTES)
		return 0;
	while (i < e) {
		if (!clint_isalpha((unsigned char)doc->norm[i])) {
			i++;
			continue;
		}
		si = clint_doc_sentence_at_norm(doc, i);
		if (si == (size_t)-1)
			return 0;
		b = doc->sentences[2 * si + 1];
		if (b <= i || !excluded_by(c, r, i, i + 1, 1))
			return 0;
		any = 1;
		i = b;  /* the next sentence */
	}
	return any;
}

/*
 * Runs every body pattern of rule `ri` over the document. For a flag rule
 * each accepted match is a finding; for a require rule matches are
 * counted until `need` (the first is kept as evidence in *first).
 */
/*
 * The headings a require rule has counted, by their words folded to lower
 * case: the same title twice ("5. Service Levels", "Schedule 2 - Service
 * Levels") is one piece of evidence, however many patterns match it; two
 * titles ("Payment", "4.01 Service Fees") are two. Past SEEN_HEADINGS
 * titles, every other one counts.
 */
#define SEEN_HEADINGS 16
typedef struct {
	uint32_t hash[SEEN_HEADINGS];
	size_t n;
} seen_headings;

/* 1 if the heading of `sec` is a title not counted yet (now it is). */
static int new_heading(seen_headings *seen, const clint_doc *doc,
                       const clint_isection *sec)
{
	uint32_t h = 2166136261u, cp;
	size_t i, n;

	/* letters and digits, ASCII and Latin-1 letters folded to lower
	 * case ("GEBÜHREN" and "Gebühren" are one title) */
	for (i = sec->heading_norm_start; i < sec->heading_norm_end; i += n) {
		n = clint_utf8_decode((const unsigned char *)doc->norm + i,
		                      sec->heading_norm_end - i, &cp);
		if (n == 0) {
			cp = (unsigned char)doc->norm[i];
			n = 1;
		}
		if (cp < 0x80 && !clint_isalnum((int)cp))
			continue;
		if (cp < 0x80)
			cp = (uint32_t)clint_tolower((int)cp);
		else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
			cp += 0x20;
		h = (h ^ cp) * 16777619u;
	}
	for (i = 0; i < seen->n; i++)
		if (seen->hash[i] == h)
			return 0;
	if (seen->n < SEEN_HEADINGS)
		seen->hash[seen->n++] = h;
	return 1;
}

static int scan_patterns(check_ctx *c, size_t ri, unsigned need,
                         unsigned *count, item *first, seen_headings *seen)
{
	const clint_rule *r = &c->rs->rules[ri];
	const clint_doc *doc = c->doc;
	clint_result *res = c->res;
	size_t p, from, ms, me, sec, ts, te, val;
	size_t base = res->finding_count;
	struct threshold_memo memo = THRESHOLD_MEMO_INIT;
	item it;
	int m, rc;

	for (p = 0; p < r->pattern_count; p++) {
		from = 0;
		while (from <= doc->norm_len) {
			m = next_match(c, &r->patterns[p], from, &ms, &me);
			if (m < 0) {
				limit_error(c, r, &r->patterns[p], m);
				break;
			}
			if (m == 0)
				break;
			from = me > ms ? me : ms + 1;
			if (me == ms)
				continue;
			sec = section_at_norm(doc, ms);
			if (!in_scope(c, r, sec) || excluded(c, r, ms, me) ||
			    !near_ok(c, r, ms, me))
				continue;
			/* the words of a heading over nothing, or over words that
			 * deny the clause, are not the clause either (as in
			 * scan_headings()) */
			if (r->kind == CLINT_RULE_REQUIRE && sec != CLINT_NO_SECTION &&
			    ms >= doc->sections[sec].heading_norm_start &&
			    ms < doc->sections[sec].heading_norm_end &&
			    (says_nothing(doc, &doc->sections[sec]) ||
			     denies(c, r, &doc->sections[sec])))
				continue;
			if (r->kind == CLINT_RULE_REQUIRE && in_xref_name(doc, ms, me))
				continue;
			val = NO_VALUE;
			if (r->threshold.present &&
			    (val = threshold_value(c, r, ms, me, &memo)) == NO_VALUE)
				continue;
			/* a title counted once, whichever patterns match it; a
			 * match that runs on into the body ("1.1 Service Levels:
			 * the Supplier shall fix ...") is the body's evidence */
			if (r->kind == CLINT_RULE_REQUIRE && sec != CLINT_NO_SECTION &&
			    ms >= doc->sections[sec].heading_norm_start &&
			    me <= doc->sections[sec].heading_norm_end &&
			    !new_heading(seen, doc, &doc->sections[sec]))
				continue;
			ts = clint_doc_norm_to_text(doc, ms);
			te = clint_doc_norm_end_to_text(doc, me);
			if (te <= ts)
				te = ts + 1;
			it.rule = ri;
			it.start = ts;
			it.end = te;
			it.section = sec;
			it.value = val;
			it.detail = NULL;
			if (r->kind == CLINT_RULE_REQUIRE) {
				if ((*count)++ == 0)
					*first = it;
				if (*count >= need)
					return CLINT_OK;
				continue;
			}
			if (res->finding_count - base >= CLINT_MAX_FINDINGS_PER_RULE) {
				clint_diag_add(c->diag, CLINT_DIAG_NOTE, doc->name, 0, 0,
				               "rule '%s': more than %u findings; the rest "
				               "are not reported",
				               r->id, CLINT_MAX_FINDINGS_PER_RULE);
				goto merge;
			}
			rc = push_item(&res->findings, &res->finding_count,
			               &res->finding_cap, &it);
			if (rc < 0)
				return rc;
		}
	}
merge:
	return CLINT_OK;
}

/*
 * Finishes a flag rule whose findings start at `base`: overlapping
 * findings (from any of its patterns and headings) are merged into the
 * first, and all are dropped if fewer than min-matches remain.
 */
static void finish_flag(check_ctx *c, const clint_rule *r, size_t base)
{
	clint_result *res = c->res;
	size_t k, w = base;

	if (res->finding_count - base > 1) {
		qsort(res->findings + base, res->finding_count - base, sizeof(item),
		      cmp_item);
		for (k = base + 1; k < res->finding_count; k++) {
			if (res->findings[k].start < res->findings[w].end)
				continue;
			res->findings[++w] = res->findings[k];
		}
		res->finding_count = w + 1;
	}
	if (res->finding_count - base < (r->min_matches ? r->min_matches : 1))
		res->finding_count = base;
}

/*
 * Matches the rule's <heading> patterns against section headings in
 * scope. A require rule counts them (first one kept in *first, stopping
 * at `need`); a flag rule reports each as a finding on the heading.
 */
static int scan_headings(check_ctx *c, size_t ri, unsigned need,
                         unsigned *count, item *first, seen_headings *seen)
{
	const clint_rule *r = &c->rs->rules[ri];
	const clint_doc *doc = c->doc;
	size_t s, h, ms, me;
	item it;
	int m, rc;

	for (s = 0; s < doc->section_count; s++) {
		const clint_isection *sec = &doc->sections[s];

		if (r->kind == CLINT_RULE_REQUIRE && *count >= need)
			break;
		if (sec->heading_norm_end == sec->heading_norm_start ||
		    !in_scope(c, r, s))
			continue;
		for (h = 0; h < r->heading_count; h++) {
			m = find_match(c, &r->headings[h], sec->heading_norm_start,
			               sec->heading_norm_end, sec->heading_norm_start,
			               &ms, &me);
			if (m < 0)
				limit_error(c, r, &r->headings[h], m);
			if (m <= 0)
				continue;
			/* a heading over nothing ("6. Service Credits" / "6.1
			 * Reserved.") is not the clause; looked at once a heading
			 * matches, not for every section and rule */
			if (r->kind == CLINT_RULE_REQUIRE &&
			    (says_nothing(doc, sec) || denies(c, r, sec)))
				break;
			it.rule = ri;
			it.start = clint_doc_norm_to_text(doc, ms);
			it.end = clint_doc_norm_end_to_text(doc, me);
			if (it.end <= it.start)
				it.end = it.start + 1;
			it.section = s;
			it.value = NO_VALUE;
			it.detail = NULL;
			if (r->kind == CLINT_RULE_REQUIRE) {
				if (!new_heading(seen, doc, sec))
					break;
				if ((*count)++ == 0)
					*first = it;
			} else {
				rc = push_item(&c->res->findings, &c->res->finding_count,
				               &c->res->finding_cap, &it);
				if (rc < 0)
					return rc;
			}
			break;
		}
	}
	return CLINT_OK;
}

static int check_require(check_ctx *c, size_t ri)
{
	const clint_rule *r = &c->rs->rules[ri];
	clint_result *res = c->res;
	unsigned count = 0, need = r->min_matches ? r->min_matches : 1;
	item first = {ri, 0, 0, CLINT_NO_SECTION, NO_VALUE, NULL};
	seen_headings seen;
	int rc;

	seen.n = 0;
	rc = scan_headings(c, ri, need, &count, &first, &seen);
	if (rc < 0)
		return rc;
	if (count < need) {
		rc = scan_patterns(c, ri, need, &count, &first, &seen);
		if (rc < 0)
			return rc;
	}
	if (count >= need)
		return push_item(&res->present, &res->present_count,
		                 &res->present_cap, &first);
	if (ARRAY_PUSH(res->missing, res->missing_count, res->missing_cap) < 0)
		return CLINT_ENOMEM;
	res->missing[res->missing_count++] = ri;
	return CLINT_OK;
}

typedef struct {
	check_ctx *c;
	size_t rule;
	size_t base;   /* the result's findings before the rule ran */
	int capped;    /* the note on the cap was given */
} check_hit_ctx;

/* Records one defect found by a built-in check (takes `detail`), at most
 * CLINT_MAX_FINDINGS_PER_RULE a rule, as for patterns: 10 MB of "TBD "
 * made 2.6 million placeholder findings, 4 GB of memory and of JSON. */
static int check_hit(void *ctx, size_t start, size_t end, char *detail)
{
	check_hit_ctx *h = ctx;
	clint_result *res = h->c->res;
	item it;
	int rc;

	if (res->finding_count - h->base >= CLINT_MAX_FINDINGS_PER_RULE) {
		if (!h->capped)
			clint_diag_add(h->c->diag, CLINT_DIAG_NOTE, h->c->doc->name, 0, 0,
			               "rule '%s': more than %u findings; the rest "
			               "are not reported",
			               h->c->rs->rules[h->rule].id,
			               CLINT_MAX_FINDINGS_PER_RULE);
		h->capped = 1;
		free(detail);
		return CLINT_OK;
	}
	it.rule = h->rule;
	it.start = start;
	it.end = end > start ? end : start + 1;
	if (it.end > h->c->doc->text_len)
		it.end = h->c->doc->text_len;
	it.section = clint_doc_section_at(h->c->doc, start);
	it.value = NO_VALUE;
	it.detail = detail;
	rc = push_item(&res->findings, &res->finding_count, &res->finding_cap, &it);
	if (rc < 0)
		free(detail);
	return rc;
}

/* Drops what the rule stopped halfway by the CPU-time limit put in the
 * result since it held `nf` findings, `np` present and `nm` missing. */
static void drop_partial(clint_result *res, size_t nf, size_t np, size_t nm)
{
	while (res->finding_count > nf)
		free(res->findings[--res->finding_count].detail);
	res->present_count = np;
	res->missing_count = nm;
}

/* Reports the rules from `ri` on that the CPU-time limit left unchecked. */
static void report_timeout(check_ctx *c, size_t ri, size_t only)
{
	const clint_ruleset *rs = c->rs;

	c->res->rules_checked = ri;
	/* one rule on an example (packs test): its caller says it */
	if (only != (size_t)-1)
		return;
	clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0,
	               "checking stopped at its CPU-time limit of %.3g s: %zu "
	               "of %zu rules did not run (the first: '%s' of %s), so "
	               "the findings and missing clauses of this document are "
	               "incomplete",
	               c->budget->seconds, rs->rule_count - ri, rs->rule_count,
	               rs->rules[ri].id, rs->packs[rs->rules[ri].pack].file);
}

/* The CPU seconds a check of `bytes` of text with `rs` may take under
 * `max` (the option): by default a base, and an allowance per MiB that
 * grows with the number of patterns past CLINT_CHECK_PATTERNS (the
 * built-in packs have 400 to 600); 0 for none. */
double clint_time_limit(const clint_ruleset *rs, size_t bytes, double max)
{
	double per_mib = CLINT_CHECK_SECONDS_PER_MIB;

	if (max < 0)
		return 0;
	if (max > 0)
		return max;
	if (rs->pattern_count > CLINT_CHECK_PATTERNS)
		per_mib *= (double)rs->pattern_count / CLINT_CHECK_PATTERNS;
	return CLINT_CHECK_SECONDS + per_mib * (double)bytes / (1 << 20);
}

/* Checks `doc` with rule `only` or every rule (-1), under `budget`, or
 * when it is NULL a limit of its own from `max_seconds`. */
static int run_rules(clint_result **out, const clint_ruleset *rs,
                     const clint_doc *doc, size_t only, double max_seconds,
                     clint_budget *budget, check_profile *prof,
                     clint_diag *diag)
{
	check_ctx c;
	size_t ri;
	double t0 = 0;
	unsigned long calls0 = 0;
	int rc = CLINT_OK;

	memset(&c, 0, sizeof(c));
	*out = NULL;
	if ((rc = clint_doc_prepare(doc, diag)) < 0)
		return rc;
	c.rs = rs;
	c.doc = doc;
	c.diag = diag;
	c.res = calloc(1, sizeof(*c.res));
	c.md = pcre2_match_data_create(16, NULL);
	c.scope = calloc(doc->section_count + 1, 1);
	if (!c.res || !c.md || !c.scope ||
	    clint_matcher_init(&c.matcher) != CLINT_OK) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	c.res->doc = doc;
	c.res->rs = rs;
	c.res->rules_checked = rs->rule_count;
	c.budget = budget;
	if (!c.budget) {
		clint_budget_start(&c.own,
		                   clint_time_limit(rs, doc->norm_len, max_seconds));
		c.budget = &c.own;
	}
	if (prof)
		t0 = clint_cpu_seconds();
	if (rs->pf) {
		rc = clint_prefilter_scan(rs->pf, doc->norm, doc->norm_len, &c.pfs);
		if (rc < 0)
			goto done;
		c.pf = rs->pf;
	}
	if (prof)
		prof->scan += clint_cpu_seconds() - t0;

	for (ri = 0; ri < rs->rule_count; ri++) {
		const clint_rule *r = &rs->rules[ri];
		size_t nf = c.res->finding_count, np = c.res->present_count;
		size_t nm = c.res->missing_count;
		unsigned unused = 0;
		item none;

		if (only != (size_t)-1 && ri != only)
			continue;
		if (clint_budget_over(c.budget)) {
			report_timeout(&c, ri, only);
			break;
		}
		if (prof) {
			t0 = clint_cpu_seconds();
			calls0 = c.calls;
		}
		if (r->within && compute_scope(&c, r) < 0)
			goto timed;
		if (r->kind == CLINT_RULE_REQUIRE) {
			rc = check_require(&c, ri);
		} else if (r->kind == CLINT_RULE_CHECK) {
			check_hit_ctx h = {&c, ri, c.res->finding_count, 0};
			rc = clint_run_check(r->check, doc, c.budget, check_hit, &h);
		} else {
			size_t base = c.res->finding_count;
			rc = scan_headings(&c, ri, 0, &unused, &none, NULL);
			if (rc == CLINT_OK)
				rc = scan_patterns(&c, ri, 0, &unused, &none, NULL);
			if (rc == CLINT_OK)
				finish_flag(&c, r, base);
		}
	timed:
		if (prof && prof->seconds)
			prof->seconds[ri] += clint_cpu_seconds() - t0;
		if (prof && prof->matches)
			prof->matches[ri] += c.calls - calls0;
		if (rc < 0)
			goto done;
		if (c.budget->over) {
			drop_partial(c.res, nf, np, nm);
			report_timeout(&c, ri, only);
			break;
		}
	}
	if (c.res->finding_count > 1)
		qsort(c.res->findings, c.res->finding_count, sizeof(item), cmp_item);
	*out = c.res;
	c.res = NULL;
done:
	if (rc == CLINT_ENOMEM)
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "out of memory");
	clint_result_free(c.res);
	clint_matcher_free(&c.matcher);
	pcre2_match_data_free(c.md);
	free(c.scope);
	free(c.stopped);
	clint_pf_scan_free(&c.pfs);
	return rc;
}

int clint_matcher_init(clint_matcher *m)
{
	m->jit = NULL;
	m->mctx = pcre2_match_context_create(NULL);
	if (!m->mctx)
		return CLINT_ENOMEM;
	pcre2_set_match_limit(m->mctx, CLINT_MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, CLINT_DEPTH_LIMIT);
	pcre2_set_heap_limit(m->mctx, CLINT_HEAP_LIMIT_KIB);
	m->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (m->jit)
		pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	return CLINT_OK;
}

void clint_matcher_free(clint_matcher *m)
{
	pcre2_jit_stack_free(m->jit);
	pcre2_match_context_free(m->mctx);
	m->jit = NULL;
	m->mctx = NULL;
}

size_t clint_result_limit_hits(const clint_result *res)
{
	return res ? res->limit_hits : 0;
}

int clint_result_timed_out(const clint_result *res)
{
	return res && res->rules_checked < res->rs->rule_count;
}

size_t clint_result_rules_checked(const clint_result *res)
{
	return res ? res->rules_checked : 0;
}

size_t clint_result_finding_rule(const clint_result *res, size_t i)
{
	return res->findings[i].rule;
}

size_t clint_result_missing_rule(const clint_result *res, size_t i)
{
	return res->missing[i];
}

size_t clint_result_present_rule(const clint_result *res, size_t i)
{
	return res->present[i].rule;
}

int clint_check_seconds_ok(double s)
{
	return !isnan(s) && (s >= 0 || s == CLINT_CHECK_NO_TIME_LIMIT);
}

int clint_check_rules(clint_result **out, const clint_ruleset *rs,
                      const clint_doc *doc, size_t only,
                      clint_budget *budget, clint_diag *diag)
{
	return run_rules(out, rs, doc, only, 0, budget, NULL, diag);
}

int clint_check_profile(const clint_ruleset *rs, const clint_doc *doc,
                        double *seconds, unsigned long *matches,
                        double *scan_seconds, clint_diag *diag)
{
	check_profile prof = {seconds, matches, 0};
	clint_result *res = NULL;
	int rc;

	if (!rs || !doc)
		return CLINT_EINVAL;
	/* it measures rules: all of them, as long as they take */
	rc = run_rules(&res, rs, doc, (size_t)-1, CLINT_CHECK_NO_TIME_LIMIT,
	               NULL, &prof, diag);
	clint_result_free(res);
	if (scan_seconds)
		*scan_seconds += prof.scan;
	return rc;
}

int clint_check(clint_result **out, const clint_ruleset *rs,
                const clint_doc *doc, const clint_check_options *opts,
                clint_diag *diag)
{
	double max = 0;

	if (!out || !rs || !doc)
		return CLINT_EINVAL;
	if (opts && opts->version != 1 &&
	    opts->version != CLINT_CHECK_OPTIONS_VERSION)
		return CLINT_EINVAL;
	/* version 1 is version 2 without max_cpu_seconds */
	if (opts && opts->version == CLINT_CHECK_OPTIONS_VERSION) {
		max = opts->max_cpu_seconds;
		if (!clint_check_seconds_ok(max))
			return CLINT_EINVAL;
	}
	return run_rules(out, rs, doc, (size_t)-1, max, NULL, NULL, diag);
}

void clint_result_free(clint_result *res)
{
	size_t i;

	if (!res)
		return;
	for (i = 0; i < res->finding_count; i++)
		free(res->findings[i].detail);
	free(res->findings);
	free(res->present);
	free(res->missing);
	free(res);
}

const clint_doc *clint_result_doc(const clint_result *res)
{
	return res ? res->doc : NULL;
}

const clint_ruleset *clint_result_ruleset(const clint_result *res)
{
	return res ? res->rs : NULL;
}

/* Fills the rule part of a finding. */
static void fill_rule(const clint_result *res, size_t ri, clint_finding *out)
{
	const clint_rule *r = &res->rs->rules[ri];

	memset(out, 0, sizeof(*out));
	out->rule_id = r->id;
	out->pack = res->rs->packs[r->pack].name;
	out->kind = r->kind;
	out->severity = r->severity;
	out->category = r->category;
	out->title = r->title;
	out->message = r->message;
	out->rationale = r->rationale;
	out->ref = r->ref;
	out->suggestion = r->suggestion;
	out->section = CLINT_NO_SECTION;
	out->section_label = "";
	out->threshold = r->threshold.present ? r->threshold.text : "";
}

static void fill_item(const clint_result *res, const item *it,
                      clint_finding *out)
{
	fill_rule(res, it->rule, out);
	out->has_location = 1;
	out->start = it->start;
	out->end = it->end;
	clint_doc_locate(res->doc, it->start, &out->begin_loc);
	clint_doc_locate(res->doc, it->end, &out->end_loc);
	out->section = it->section;
	if (it->section != CLINT_NO_SECTION)
		out->section_label = res->doc->sections[it->section].label;
	if (it->value != NO_VALUE)
		out->has_value = clint_doc_value(res->doc, it->value, &out->value) == 0;
	if (it->detail) {
		/* a check's own words say what exactly is wrong */
		out->detail = it->detail;
		out->message = it->detail;
	}
}

size_t clint_result_finding_count(const clint_result *res)
{
	return res ? res->finding_count : 0;
}

int clint_result_finding(const clint_result *res, size_t i, clint_finding *out)
{
	if (!res || !out || i >= res->finding_count)
		return CLINT_EINVAL;
	fill_item(res, &res->findings[i], out);
	return CLINT_OK;
}

size_t clint_result_missing_count(const clint_result *res)
{
	return res ? res->missing_count : 0;
}

int clint_result_missing(const clint_result *res, size_t i, clint_finding *out)
{
	if (!res || !out || i >= res->missing_count)
		return CLINT_EINVAL;
	fill_rule(res, res->missing[i], out);
	return CLINT_OK;
}

size_t clint_result_present_count(const clint_result *res)
{
	return res ? res->present_count : 0;
}

int clint_result_present(const clint_result *res, size_t i, clint_finding *out)
{
	if (!res || !out || i >= res->present_count)
		return CLINT_EINVAL;
	fill_item(res, &res->present[i], out);
	return CLINT_OK;
}

size_t clint_result_count_at_least(const clint_result *res,
                                   clint_severity level)
{
	size_t i, n = 0;

	if (!res)
		return 0;
	for (i = 0; i < res->finding_count; i++)
		if (res->rs->rules[res->findings[i].rule].severity >= level)
			n++;
	for (i = 0; i < res->missing_count; i++)
		if (res->rs->rules[res->missing[i]].severity >= level)
			n++;
	return n;
}

int clint_result_filter(clint_result *res, clint_filter_fn keep,
                        void *userdata, size_t *removed)
{
	char fp[CLINT_FINGERPRINT_SIZE];
	clint_finding f;
	size_t i, kept = 0, dropped = 0;
	int rc;

	if (removed)
		*removed = 0;
	if (!res || !keep)
		return CLINT_EINVAL;
	for (i = 0; i < res->finding_count; i++) {
		fill_item(res, &res->findings[i], &f);
		rc = clint_finding_fingerprint(res, &f, fp);
		if (rc < 0)
			return rc;
		if (keep(userdata, &f, fp)) {
			res->findings[kept++] = res->findings[i];
		} else {
			free(res->findings[i].detail);
			dropped++;
		}
	}
	res->finding_count = kept;
	kept = 0;
	for (i = 0; i < res->missing_count; i++) {
		fill_rule(res, res->missing[i], &f);
		rc = clint_finding_fingerprint(res, &f, fp);
		if (rc < 0)
			return rc;
		if (keep(userdata, &f, fp))
			res->missing[kept++] = res->missing[i];
		else
			dropped++;
	}
	res->missing_count = kept;
	if (removed)
		*removed = dropped;
	return CLINT_OK;
}
