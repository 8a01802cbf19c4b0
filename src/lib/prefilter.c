/*
 * prefilter.c - the multi-pattern literal prefilter: a conservative
 * literal extractor for PCRE2 patterns and a hand-written Aho-Corasick
 * automaton over case-folded ASCII. See prefilter.h.
 *
 * Soundness: a pattern is compiled PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP,
 * so an ASCII letter in it matches that letter in either case and, for k
 * and s, also U+212A KELVIN SIGN and U+017F LATIN SMALL LETTER LONG S; the
 * scanner folds all of these. Anything the extractor does not understand
 * (inline options, backreferences, \Q, verbs, odd braces...) gives the
 * pattern no prefilter at all.
 */
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"

/* ---- literal sets ---------------------------------------------------------- */

typedef clint_pf_set lset;

typedef struct {
	lset exact;  /* the node matches exactly one of these */
	lset pre;    /* every match starts with one of these */
	lset req;    /* every match contains one of these (req.dist bytes
	                at most after the node's start) */
	size_t maxlen;  /* most bytes a match takes, or INF */
} info;

#define INF ((size_t)-1)

static size_t add_len(size_t a, size_t b)
{
	return a == INF || b == INF || a + b > CLINT_PF_DIST_MAX * 4 ? INF : a + b;
}

enum { FIT, TRUNC, FAIL };

#define MAX_DEPTH 64

static void set_none(lset *s)
{
	s->ok = 0;
	s->n = 0;
	s->dist = 0;
}

static void set_empty_string(lset *s)
{
	s->ok = 1;
	s->n = 1;
	s->len[0] = 0;
	s->dist = 0;
}

/* An unknown single character (up to 4 bytes of UTF-8). */
static void info_none(info *in)
{
	set_none(&in->exact);
	set_none(&in->pre);
	set_none(&in->req);
	in->maxlen = 4;
}

static int set_has(const lset *s, const char *str, size_t len)
{
	unsigned i;

	for (i = 0; i < s->n; i++)
		if (s->len[i] == len && memcmp(s->s[i], str, len) == 0)
			return 1;
	return 0;
}

/* Adds str[0..len) (len <= CLINT_PF_LIT_MAX); 0 if the set is full. */
static int set_add(lset *s, const char *str, size_t len)
{
	if (set_has(s, str, len))
		return 1;
	if (s->n >= CLINT_PF_SET_MAX)
		return 0;
	memcpy(s->s[s->n], str, len);
	s->len[s->n++] = (unsigned char)len;
	return 1;
}

/* out = a x b (every string of a followed by every string of b). Strings
 * longer than CLINT_PF_LIT_MAX are cut to their start (TRUNC: still a
 * required prefix, no longer exact); FAIL if there would be too many. */
static int set_product(const lset *a, const lset *b, lset *out)
{
	char tmp[2 * CLINT_PF_LIT_MAX];
	unsigned i, j;
	size_t l;
	int r = FIT;

	if (!a->ok || !b->ok || a->n * b->n > CLINT_PF_SET_MAX)
		return FAIL;
	out->ok = 1;
	out->n = 0;
	out->dist = a->dist;
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++) {
			memcpy(tmp, a->s[i], a->len[i]);
			memcpy(tmp + a->len[i], b->s[j], b->len[j]);
			l = (size_t)a->len[i] + b->len[j];
			if (l > CLINT_PF_LIT_MAX) {
				l = CLINT_PF_LIT_MAX;
				r = TRUNC;
			}
			set_add(out, tmp, l);
		}
	}
	return r;
}

/* a = a u b; 0 (a unusable) if either is not ok or the union is too big. */
static int set_union(lset *a, const lset *b)
{
	unsigned j;

	if (!a->ok || !b->ok) {
		set_none(a);
		return 0;
	}
	if (b->dist > a->dist)
		a->dist = b->dist;
	for (j = 0; j < b->n; j++) {
		if (!set_add(a, b->s[j], b->len[j])) {
			set_none(a);
			return 0;
		}
	}
	return 1;
}

/* How good a set is as a filter: -1 if unusable, else higher is better
 * (longer shortest literal, then fewer literals). */
static int set_score(const lset *s)
{
	unsigned i, min = CLINT_PF_LIT_MAX;

	if (!s->ok || s->n == 0)
		return -1;
	for (i = 0; i < s->n; i++)
		if (s->len[i] < min)
			min = s->len[i];
	if (min < CLINT_PF_MIN_LEN)
		return -1;
	/* a literal at a known distance from the start narrows the search */
	return (s->dist <= CLINT_PF_DIST_MAX ? 100000 : 0) +
	       (int)(min > 8 ? 8 : min) * 1000 - (int)s->n;
}

static void consider(lset *best, const lset *cand)
{
	if (set_score(cand) > set_score(best))
		*best = *cand;
}

/* The node's best "starts with" set: exact if known, else pre. */
static const lset *best_pre(const info *in)
{
	return in->exact.ok ? &in->exact : &in->pre;
}

static const lset *best_req(const info *in)
{
	const lset *b = &in->req;

	if (set_score(&in->pre) > set_score(b))
		b = &in->pre;
	if (set_score(&in->exact) > set_score(b))
		b = &in->exact;
	return b;
}

/* ---- the pattern parser ------------------------------------------------------ */

typedef struct {
	const char *s;
	size_t i, len;
	int bail;     /* a construct we do not understand: no prefilter */
	int has_g;    /* \G: matches depend on the start offset */
	int nomem;
	unsigned depth;
} parser;

static int parse_alt(parser *p, info *out);

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static void single(info *in, char c)
{
	info_none(in);
	/* caselessly k and s also match 3- and 2-byte letters */
	in->maxlen = is_alnum(c) && !(c >= '0' && c <= '9') ? 3 : 1;
	in->exact.ok = 1;
	in->exact.n = 1;
	in->exact.len[0] = 1;
	in->exact.s[0][0] = lower(c);
}

static void zero_width(info *in)
{
	info_none(in);
	set_empty_string(&in->exact);
	in->maxlen = 0;
}

/* Skips a UTF-8 sequence starting at p->s[p->i]. */
static void skip_char(parser *p)
{
	p->i = clint_utf8_fwd(p->s, p->i + 1, p->len);
}

/* [...]: a small set of plain ASCII characters becomes an exact set of
 * one-character strings; anything else is an unknown character. */
static void parse_class(parser *p, info *out)
{
	char members[8];
	unsigned n = 0, k;
	int negated = 0, complex = 0, first = 1;

	p->i++; /* [ */
	if (p->i < p->len && p->s[p->i] == '^') {
		negated = 1;
		p->i++;
	}
	while (p->i < p->len) {
		unsigned char c = (unsigned char)p->s[p->i];

		if (c == ']' && !first) {
			p->i++;
			break;
		}
		first = 0;
		if (c == '[' && p->i + 1 < p->len && p->s[p->i + 1] == ':') {
			const char *e = strstr(p->s + p->i + 2, ":]");
			if (!e) {
				p->bail = 1;
				return;
			}
			p->i = (size_t)(e - p->s) + 2;
			complex = 1;
			continue;
		}
		if (c == '\\') {
			if (p->i + 1 >= p->len) {
				p->bail = 1;
				return;
			}
			c = (unsigned char)p->s[p->i + 1];
			p->i += 2;
			if (c >= 0x80) {
				p->bail = 1;
				return;
			}
			if (is_alnum(c)) {
				complex = 1;
				if ((c == 'x' || c == 'p' || c == 'P' || c == 'N' ||
				     c == 'o') && p->i < p->len && p->s[p->i] == '{') {
					while (p->i < p->len && p->s[p->i] != '}')
						p->i++;
					p->i++;
				}
				continue;
			}
		} else if (c >= 0x80) {
			skip_char(p);
			complex = 1;
			continue;
		} else {
			p->i++;
		}
		if (c == '-' && n > 0 && p->i < p->len && p->s[p->i] != ']') {
			complex = 1; /* a range */
			continue;
		}
		if (n < sizeof(members))
			members[n++] = lower((char)c);
		else
			complex = 1;
	}
	info_none(out);
	if (negated || complex || n == 0)
		return;
	out->exact.ok = 1;
	for (k = 0; k < n; k++)
		set_add(&out->exact, &members[k], 1);
}

/* An escape outside a class. */
static void parse_escape(parser *p, info *out)
{
	unsigned char c;

	info_none(out);
	if (p->i + 1 >= p->len) {
		p->bail = 1;
		return;
	}
	c = (unsigned char)p->s[p->i + 1];
	p->i += 2;
	if (c >= 0x80) {
		p->bail = 1;
		return;
	}
	if (!is_alnum(c)) {
		single(out, (char)c);
		return;
	}
	switch (c) {
	case 'b': case 'B': case 'A': case 'z': case 'Z':
		zero_width(out);
		return;
	case 'G':
		p->has_g = 1;
		zero_width(out);
		return;
	case 'K':
		/* the reported start moves, not where the attempt began: the
		 * literals are still within the attempt, which is what the
		 * prefilter bounds (and PCRE2's offset limit applies to the
		 * attempt too) */
		zero_width(out);
		return;
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V': case 'n': case 't':
	case 'r': case 'f': case 'e': case 'a':
		return; /* one character we do not track */
	default:
		p->bail = 1; /* backreferences, \Q, \x, \p, \N, \R, \X... */
		return;
	}
}

/* (...), (?:...), (?<name>...), lookarounds (zero width), comments. */
static void parse_group(parser *p, info *out)
{
	int look = 0;

	p->i++; /* ( */
	if (p->i < p->len && p->s[p->i] == '*') {
		p->bail = 1;
		return;
	}
	if (p->i < p->len && p->s[p->i] == '?') {
		const char *q = p->s + p->i + 1;
		size_t rest = p->len - p->i - 1;

		if (rest >= 1 && (q[0] == ':' || q[0] == '>' || q[0] == '|')) {
			p->i += 2;
		} else if (rest >= 1 && (q[0] == '=' || q[0] == '!')) {
			p->i += 2;
			look = 1;
		} else if (rest >= 2 && q[0] == '<' && (q[1] == '=' || q[1] == '!')) {
			p->i += 3;
			look = 1;
		} else if (rest >= 1 && q[0] == '#') {
			while (p->i < p->len && p->s[p->i] != ')')
				p->i++;
			if (p->i >= p->len) {
				p->bail = 1;
				return;
			}
			p->i++;
			zero_width(out);
			return;
		} else if (rest >= 2 && (q[0] == '<' || q[0] == '\'' ||
		                         (q[0] == 'P' && q[1] == '<'))) {
			char close = q[0] == '\'' ? '\'' : '>';
			p->i += q[0] == 'P' ? 3 : 2;
			while (p->i < p->len && (is_alnum(p->s[p->i]) || p->s[p->i] == '_'))
				p->i++;
			if (p->i >= p->len || p->s[p->i] != close) {
				p->bail = 1;
				return;
			}
			p->i++;
		} else {
			p->bail = 1; /* options, recursion, conditionals... */
			return;
		}
	}
	if (parse_alt(p, out) < 0)
		return;
	if (p->bail)
		return;
	if (p->i >= p->len || p->s[p->i] != ')') {
		p->bail = 1;
		return;
	}
	p->i++;
	if (look)
		zero_width(out);
}

/* Reads {n}, {n,}, {n,m} at p->i; 0 (and bail) if it is not one. */
static int parse_braces(parser *p, unsigned long *min, unsigned long *max)
{
	size_t i = p->i + 1;
	int digits = 0;

	*min = 0;
	while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9' && digits < 6) {
		*min = *min * 10 + (unsigned long)(p->s[i++] - '0');
		digits++;
	}
	if (!digits || i >= p->len) {
		p->bail = 1;
		return 0;
	}
	*max = *min;
	if (p->s[i] == ',') {
		i++;
		*max = (unsigned long)-1;
		if (i < p->len && p->s[i] >= '0' && p->s[i] <= '9') {
			digits = 0;
			*max = 0;
			while (i < p->len && p->s[i] >= '0' && p->s[i] <= '9' &&
			       digits < 6) {
				*max = *max * 10 + (unsigned long)(p->s[i++] - '0');
				digits++;
			}
		}
	}
	if (i >= p->len || p->s[i] != '}') {
		p->bail = 1;
		return 0;
	}
	p->i = i + 1;
	return 1;
}

/* One atom and its quantifier. */
static void parse_atom(parser *p, info *out)
{
	unsigned char c = (unsigned char)p->s[p->i];
	unsigned long min, max;

	switch (c) {
	case '(':
		parse_group(p, out);
		break;
	case '[':
		parse_class(p, out);
		break;
	case '\\':
		parse_escape(p, out);
		break;
	case '^': case '$':
		p->i++;
		zero_width(out);
		return; /* a quantifier on an assertion: bail below is not needed */
	case '.':
		p->i++;
		info_none(out);
		break;
	case '*': case '+': case '?': case '{': case '}': case ']':
		p->bail = 1;
		return;
	default:
		if (c >= 0x80) {
			skip_char(p);
			info_none(out);
		} else if (c < 0x20 || c == 0x7F) {
			p->i++;
			info_none(out);
		} else {
			p->i++;
			single(out, (char)c);
		}
		break;
	}
	if (p->bail || p->i >= p->len)
		return;
	c = (unsigned char)p->s[p->i];
	if (c == '?') {
		min = 0;
		max = 1;
		p->i++;
	} else if (c == '*') {
		min = 0;
		max = (unsigned long)-1;
		p->i++;
	} else if (c == '+') {
		min = 1;
		max = (unsigned long)-1;
		p->i++;
	} else if (c == '{') {
		if (!parse_braces(p, &min, &max))
			return;
	} else {
		return;
	}
	if (p->i < p->len && (p->s[p->i] == '?' || p->s[p->i] == '+'))
		p->i++; /* lazy or possessive: the same strings match */
	if (min == 1 && max == 1)
		return;
	{
		size_t one = out->maxlen, total = 0;
		unsigned long k;

		if (max == (unsigned long)-1 || (one && max > CLINT_PF_DIST_MAX))
			total = one ? INF : 0;
		else
			for (k = 0; k < max && total != INF; k++)
				total = add_len(total, one);
		if (min == 0) {
			if (max == 1 && out->exact.ok) {
				lset e = out->exact;
				info_none(out);
				out->exact = e;
				if (!set_add(&out->exact, "", 0))
					set_none(&out->exact);
			} else {
				info_none(out);
			}
			out->maxlen = total;
			return;
		}
		/* at least once: it starts with and contains what one copy does */
		{
			lset pre = *best_pre(out), req = *best_req(out);
			info_none(out);
			out->pre = pre;
			out->req = req;
			out->maxlen = total;
		}
	}
}

/* cur = cur x {c} (one string of at most one character) in place; 0 if a
 * string would outgrow CLINT_PF_LIT_MAX (use set_product then). */
static int append_char(lset *cur, const lset *c)
{
	unsigned i;

	if (!cur->ok)
		return 0;
	if (c->len[0] == 0)
		return 1;
	for (i = 0; i < cur->n; i++)
		if (cur->len[i] >= CLINT_PF_LIT_MAX)
			return 0;
	for (i = 0; i < cur->n; i++)
		cur->s[i][cur->len[i]++] = c->s[0][0];
	return 1;
}

/* Copies `s` into *best if it scores better, its literals starting at
 * most `off` bytes after the node's start plus s->dist. */
static void consider_at(lset *best, const lset *s, size_t off)
{
	lset *t;

	if (set_score(s) < 0)
		return;
	t = malloc(sizeof(*t));
	if (!t)
		return; /* only a worse filter */
	*t = *s;
	t->dist = add_len(off, s->dist);
	consider(best, t);
	free(t);
}

/* A sequence of atoms up to '|', ')' or the end. */
static int parse_concat(parser *p, info *out)
{
	info *child = malloc(sizeof(*child));
	lset *cur = malloc(sizeof(*cur)), *tmp = malloc(sizeof(*tmp));
	size_t off = 0, run = 0; /* most bytes before this child / the run */
	int at_start = 1, r;

	info_none(out);
	if (!child || !cur || !tmp) {
		p->nomem = 1;
		goto done;
	}
	set_empty_string(cur);
	while (p->i < p->len && p->s[p->i] != '|' && p->s[p->i] != ')' &&
	       !p->bail) {
		parse_atom(p, child);
		if (p->bail || p->nomem)
			goto done;
		if (child->exact.ok && child->exact.n == 1 &&
		    child->exact.len[0] <= 1 && append_char(cur, &child->exact)) {
			off = add_len(off, child->maxlen); /* the common case, in place */
			continue;
		}
		if (child->exact.ok) {
			lset *t;
			r = set_product(cur, &child->exact, tmp);
			if (r == FIT) {
				t = cur;
				cur = tmp;
				tmp = t;
				off = add_len(off, child->maxlen);
				continue;
			}
			if (r == TRUNC) {
				if (at_start)
					out->pre = *tmp;
				at_start = 0;
				consider_at(&out->req, tmp, run);
				set_empty_string(cur);
				off = add_len(off, child->maxlen);
				run = off;
				continue;
			}
		}
		/* a child we cannot append exactly */
		if (at_start) {
			const lset *cp = best_pre(child);
			r = set_product(cur, cp, tmp);
			out->pre = r == FAIL ? *cur : *tmp;
			out->pre.dist = 0;
			at_start = 0;
		}
		consider_at(&out->req, cur, run);
		consider_at(&out->req, best_req(child), off);
		set_empty_string(cur);
		off = add_len(off, child->maxlen);
		run = off;
	}
	if (at_start)
		out->exact = *cur;
	else
		consider_at(&out->req, cur, run);
	out->maxlen = off;
done:
	free(child);
	free(cur);
	free(tmp);
	return p->nomem ? CLINT_ENOMEM : 0;
}

/* Branches separated by '|' up to ')' or the end. */
static int parse_alt(parser *p, info *out)
{
	info *branch = malloc(sizeof(*branch));
	int first = 1;

	info_none(out);
	if (!branch || ++p->depth > MAX_DEPTH) {
		if (!branch)
			p->nomem = 1;
		else
			p->bail = 1;
		free(branch);
		return p->nomem ? CLINT_ENOMEM : 0;
	}
	for (;;) {
		if (parse_concat(p, branch) < 0 || p->bail)
			break;
		if (first) {
			out->exact = branch->exact;
			out->pre = *best_pre(branch);
			out->req = *best_req(branch);
			out->maxlen = branch->maxlen;
			first = 0;
		} else {
			set_union(&out->exact, &branch->exact);
			set_union(&out->pre, best_pre(branch));
			set_union(&out->req, best_req(branch));
			if (branch->maxlen == INF || branch->maxlen > out->maxlen)
				out->maxlen = branch->maxlen;
		}
		if (p->i < p->len && p->s[p->i] == '|') {
			p->i++;
			continue;
		}
		break;
	}
	p->depth--;
	free(branch);
	return p->nomem ? CLINT_ENOMEM : 0;
}

int clint_pf_analyze(const char *src, clint_pf_set *needs, clint_pf_set *leads)
{
	parser p;
	info *top;
	int rc = 0;

	set_none(needs);
	set_none(leads);
	if (!src)
		return 0;
	top = malloc(sizeof(*top));
	if (!top)
		return CLINT_ENOMEM;
	memset(&p, 0, sizeof(p));
	p.s = src;
	p.len = strlen(src);
	if (parse_alt(&p, top) < 0)
		rc = CLINT_ENOMEM;
	else if (!p.bail && p.i == p.len) {
		const lset *pre = best_pre(top), *req = best_req(top);

		if (set_score(req) >= 0)
			*needs = *req;
		/* leads: what a match starts with, else a needed literal at a
		 * bounded distance from its start */
		if (!p.has_g && set_score(pre) >= 0) {
			*leads = *pre;
			leads->dist = 0;
		} else if (!p.has_g && set_score(req) >= 0 &&
		           req->dist <= CLINT_PF_DIST_MAX) {
			*leads = *req;
		}
	}
	free(top);
	return rc;
}

/* ---- the Aho-Corasick automaton ------------------------------------------ */

#define NO_LIT UINT32_MAX
#define NO_DIST ((size_t)-1)
#define MAX_STATES 65536u
#define AC_LIT_MAX 12


/* Inserts literal s[0..len); returns its id, or NO_LIT when the automaton
 * is full (the pattern then has no prefilter). */
static uint32_t insert(clint_prefilter *pf, const char *s, size_t len,
                       int lead)
{
	uint32_t st = 0, nx;
	size_t i;

	for (i = 0; i < len; i++) {
		size_t c = pf->cls[(unsigned char)s[i]];
		nx = pf->trie[st * pf->nclass + c];
		if (!nx) {
			if (pf->nstates >= MAX_STATES)
				return NO_LIT;
			nx = (uint32_t)pf->nstates++;
			pf->trie[st * pf->nclass + c] = nx;
			pf->parent[nx] = st;
			pf->edge[nx] = (unsigned char)c;
		}
		st = nx;
	}
	if (pf->out[st] == NO_LIT) {
		pf->lit_len[pf->nlits] = (unsigned char)len;
		pf->out[st] = (uint32_t)pf->nlits++;
	}
	if (lead)
		pf->lit_lead[pf->out[st]] = 1;
	return pf->out[st];
}

/* Stores the literal ids of `set` for a slot; 0 if one did not fit. */
static int add_ids(clint_prefilter *pf, const lset *set, int lead,
                   size_t *off, size_t *n)
{
	unsigned i;
	uint32_t id;

	*off = pf->nids;
	*n = 0;
	for (i = 0; i < set->n; i++) {
		/* the start of a needed literal is needed too, and a short prefix
		 * keeps the automaton small: long literals share their starts */
		id = insert(pf, set->s[i],
		            set->len[i] < AC_LIT_MAX ? set->len[i] : AC_LIT_MAX, lead);
		if (id == NO_LIT) {
			pf->nids = *off;
			return 0;
		}
		pf->ids[pf->nids++] = id;
	}
	*n = set->n;
	return 1;
}

/* 1 if every needed literal of `slot` is one of its leads: the needed
 * literals then filter nothing the leads do not. */
static int ids_within(const clint_prefilter *pf, size_t slot)
{
	size_t k, j;

	for (k = 0; k < pf->need_n[slot]; k++) {
		uint32_t id = pf->ids[pf->need_off[slot] + k];

		for (j = 0; j < pf->lead_n[slot]; j++)
			if (pf->ids[pf->lead_off[slot] + j] == id)
				break;
		if (j == pf->lead_n[slot])
			return 0;
	}
	return 1;
}

/* Fills depth[] with each trie state's distance from the root; returns
 * the largest. */
static size_t state_depths(const clint_prefilter *pf, uint32_t *depth)
{
	size_t i, maxd = 0;

	depth[0] = 0;
	for (i = 1; i < pf->nstates; i++) {  /* a parent is made before its children */
		depth[i] = depth[pf->parent[i]] + 1;
		if (depth[i] > maxd)
			maxd = depth[i];
	}
	return maxd;
}

/*
 * Fail and dictionary links, and the missing transitions, so that scanning
 * is one table look-up per byte. States are taken by depth (a fail link
 * goes to a shallower state, whose row is then complete): a state's fail
 * link is its parent's fail state's transition on its edge, and its row is
 * a copy of its fail state's row with its own trie edges put back. Rows
 * are copied whole, so the cost is a memcpy per state rather than a loop
 * over every byte class of every state.
 */
static int link_states(clint_prefilter *pf)
{
	size_t nc = pf->nclass, n = pf->nstates, i, d, maxd;
	uint32_t *depth = malloc(n * sizeof(uint32_t));
	uint32_t *order = malloc(n * sizeof(uint32_t));
	uint32_t *fail = calloc(n, sizeof(uint32_t));
	uint32_t *first = calloc(n + 1, sizeof(uint32_t));  /* children, by parent */
	uint32_t *kids = malloc(n * sizeof(uint32_t));
	size_t *at = NULL;
	int rc = CLINT_ENOMEM;

	if (!depth || !order || !fail || !first || !kids)
		goto done;
	maxd = state_depths(pf, depth);
	for (i = 1; i < n; i++)
		first[pf->parent[i] + 1]++;
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	at = calloc(maxd + 2, sizeof(size_t));
	if (!at)
		goto done;
	for (i = 1; i < n; i++) {
		kids[first[pf->parent[i]]++] = (uint32_t)i;
		at[depth[i] + 1]++;
	}
	for (i = n; i > 0; i--)  /* first[p] back to the start of p's children */
		first[i] = first[i - 1];
	first[0] = 0;
	for (d = 0; d <= maxd; d++)
		at[d + 1] += at[d];
	for (i = 1; i < n; i++)
		order[at[depth[i]]++] = (uint32_t)i;
	/* the root's row is complete: a missing transition stays at the root */
	for (i = 0; i + 1 < n; i++) {
		uint32_t t = order[i], p = pf->parent[t], f, k;

		f = p ? pf->trie[(size_t)fail[p] * nc + pf->edge[t]] : 0;
		fail[t] = f;
		pf->dict[t] = pf->out[f] != NO_LIT ? f : pf->dict[f];
		memcpy(&pf->trie[(size_t)t * nc], &pf->trie[(size_t)f * nc],
		       nc * sizeof(uint32_t));
		for (k = first[t]; k < first[t + 1]; k++)
			pf->trie[(size_t)t * nc + pf->edge[kids[k]]] = kids[k];
		/* column 0 (bytes in no literal) stays 0: back to the root */
		pf->trie[(size_t)t * nc] = 0;
	}
	rc = 0;
done:
	free(depth);
	free(order);
	free(fail);
	free(first);
	free(kids);
	free(at);
	return rc;
}

/*
 * Numbers the linked states for scanning (see prefilter.h): states
 * without output first, then those with, each group by depth (the root
 * stays 0), and writes the 16-bit table (MAX_STATES fits) with out and
 * dict renumbered. Returns 0, or CLINT_ENOMEM.
 */
static int number_states(clint_prefilter *pf)
{
	size_t nc = pf->nclass, n = pf->nstates, i, k, d, maxd;
	uint32_t *depth = malloc(n * sizeof(uint32_t));
	uint32_t *perm = malloc(n * sizeof(uint32_t));
	uint32_t *out2 = malloc(n * sizeof(uint32_t));
	uint32_t *dict2 = malloc(n * sizeof(uint32_t));
	size_t *at = NULL;
	int rc = CLINT_ENOMEM;

	pf->delta = malloc(n * nc * sizeof(uint16_t));
	if (!depth || !perm || !out2 || !dict2 || !pf->delta)
		goto done;
	maxd = state_depths(pf, depth);
	/* counting sort on (has output, depth) */
	at = calloc(2 * (maxd + 1) + 1, sizeof(size_t));
	if (!at)
		goto done;
	for (i = 0; i < n; i++) {
		int rep = pf->out[i] != NO_LIT || pf->dict[i];
		at[(size_t)rep * (maxd + 1) + depth[i] + 1]++;
	}
	for (d = 0; d < 2 * (maxd + 1); d++)
		at[d + 1] += at[d];
	pf->first_report = at[maxd + 1];
	for (i = 0; i < n; i++) {
		int rep = pf->out[i] != NO_LIT || pf->dict[i];
		perm[i] = (uint32_t)at[(size_t)rep * (maxd + 1) + depth[i]]++;
	}
	for (i = 0; i < n; i++) {
		uint16_t *row = &pf->delta[(size_t)perm[i] * nc];

		for (k = 0; k < nc; k++)
			row[k] = (uint16_t)perm[pf->trie[i * nc + k]];
		out2[perm[i]] = pf->out[i];
		dict2[perm[i]] = pf->dict[i] ? perm[pf->dict[i]] : 0;
	}
	memcpy(pf->out, out2, n * sizeof(uint32_t));
	memcpy(pf->dict, dict2, n * sizeof(uint32_t));
	rc = 0;
done:
	free(depth);
	free(perm);
	free(out2);
	free(dict2);
	free(at);
	return rc;
}

int clint_prefilter_build(clint_prefilter **out, const char *const *sources,
                          size_t count)
{
	return clint_prefilter_build_ex(out, sources, count, NULL, NULL);
}

/* Pattern i's needed and leading literals (no leads without needs). */
static int slot_sets(const char *const *sources, size_t i,
                     clint_pf_known_fn known, void *ctx, lset *nd, lset *ld)
{
	if ((!sources[i] || !known || !known(ctx, i, nd, ld)) &&
	    clint_pf_analyze(sources[i], nd, ld) < 0)
		return -1;
	if (!nd->ok)
		set_none(ld);
	return 0;
}

/* A set in a few bytes: ok, the literal count, dist, then each
 * literal's length and bytes (a tiny pattern's two sets take some 30
 * bytes, where the struct takes 830). */
static int set_pack(clint_buf *b, const lset *s)
{
	unsigned char head[2 + sizeof(size_t)];
	unsigned j;

	head[0] = (unsigned char)(s->ok != 0);
	head[1] = (unsigned char)(s->ok ? s->n : 0);
	memcpy(head + 2, &s->dist, sizeof(size_t));
	if (clint_buf_put(b, head, sizeof(head)) < 0)
		return -1;
	for (j = 0; j < head[1]; j++)
		if (clint_buf_putc(b, (char)s->len[j]) < 0 ||
		    clint_buf_put(b, s->s[j], s->len[j]) < 0)
			return -1;
	return 0;
}

/* Reads the set set_pack() wrote at *at back into `s`, *at past it. */
static void set_unpack(const clint_buf *b, size_t *at, lset *s)
{
	const unsigned char *p = (const unsigned char *)b->data + *at;
	unsigned j;

	s->ok = p[0];
	s->n = p[1];
	memcpy(&s->dist, p + 2, sizeof(size_t));
	p += 2 + sizeof(size_t);
	for (j = 0; j < s->n; j++) {
		s->len[j] = *p++;
		memcpy(s->s[j], p, s->len[j]);
		p += s->len[j];
	}
	*at = (size_t)(p - (const unsigned char *)b->data);
}

/*
 * Two passes over the patterns: the first analyses each, sizes the
 * automaton and the literal ids, and keeps the sets packed (set_pack());
 * the second reads them back and fills the automaton. Kept whole for
 * every pattern, the sets took 1.6 KB each (32 literals of 24 bytes,
 * needs and leads) and the ids 256 bytes: a pack of 419,000 tiny patterns
 * (8 MiB) needed 945 MB to load. Analysed twice instead, a pack of 20,000
 * alternations built in 2.4 s, not 1.1.
 */
int clint_prefilter_build_ex(clint_prefilter **out,
                             const char *const *sources, size_t count,
                             clint_pf_known_fn known, void *ctx)
{
	clint_prefilter *pf = calloc(1, sizeof(*pf));
	clint_buf packed = CLINT_BUF_INIT;  /* every pattern's sets */
	lset nd, ld;  /* one pattern's needs and leads */
	unsigned char used[256];
	size_t i, k, total = 0, nids = 0, at = 0;
	unsigned j;
	int rc = CLINT_ENOMEM;

	*out = NULL;
	if (!pf)
		goto done;
	pf->nslots = count;
	pf->need_off = calloc(count + 1, sizeof(size_t));
	pf->need_n = calloc(count + 1, sizeof(size_t));
	pf->lead_off = calloc(count + 1, sizeof(size_t));
	pf->lead_n = calloc(count + 1, sizeof(size_t));
	pf->lead_dist = calloc(count + 1, sizeof(size_t));
	pf->need_dist = malloc((count + 1) * sizeof(size_t));
	if (!pf->lead_dist || !pf->need_dist || !pf->need_off || !pf->need_n ||
	    !pf->lead_off || !pf->lead_n)
		goto done;
	/* every pattern's literals, and the bytes they use */
	memset(used, 0, sizeof(used));
	for (i = 0; i < count; i++) {
		if (slot_sets(sources, i, known, ctx, &nd, &ld) < 0 ||
		    set_pack(&packed, &nd) < 0 || set_pack(&packed, &ld) < 0)
			goto done;
		for (k = 0; k < 2; k++) {
			const lset *set = k ? &ld : &nd;
			for (j = 0; set->ok && j < set->n; j++) {
				size_t b;
				for (b = 0; b < set->len[j]; b++)
					used[(unsigned char)set->s[j][b]] = 1;
				total += set->len[j] < AC_LIT_MAX ? set->len[j] : AC_LIT_MAX;
			}
			nids += set->ok ? set->n : 0;
		}
	}
	pf->nclass = 1;
	for (k = 0; k < 256; k++)
		if (used[k])
			pf->cls[k] = (unsigned char)pf->nclass++;
	for (k = 'A'; k <= 'Z'; k++)
		pf->cls[k] = pf->cls[k - 'A' + 'a'];
	if (total + 1 > MAX_STATES)
		total = MAX_STATES - 1;
	pf->trie = calloc((total + 1) * pf->nclass, sizeof(uint32_t));
	pf->out = malloc((total + 1) * sizeof(uint32_t));
	pf->dict = calloc(total + 1, sizeof(uint32_t));
	pf->lit_len = calloc(total + 1, 1);
	pf->lit_lead = calloc(total + 1, 1);
	pf->ids = malloc((nids + 1) * sizeof(uint32_t));
	pf->parent = malloc((total + 1) * sizeof(uint32_t));
	pf->edge = malloc(total + 1);
	if (!pf->trie || !pf->out || !pf->dict || !pf->lit_len ||
	    !pf->lit_lead || !pf->ids || !pf->parent || !pf->edge)
		goto done;
	for (k = 0; k <= total; k++)
		pf->out[k] = NO_LIT;
	pf->nstates = 1; /* the root */
	for (i = 0; i < count; i++) {
		pf->need_dist[i] = NO_DIST;
		/* the sets the first pass counted, whatever known() says now */
		set_unpack(&packed, &at, &nd);
		set_unpack(&packed, &at, &ld);
		if (!nd.ok || !add_ids(pf, &nd, 0, &pf->need_off[i], &pf->need_n[i]))
			continue;
		pf->filtered++;
		pf->lead_dist[i] = ld.dist;
		if (ld.ok)
			pf->positional += (size_t)add_ids(pf, &ld, 1, &pf->lead_off[i],
			                                  &pf->lead_n[i]);
		if (pf->lead_n[i] && nd.dist <= CLINT_PF_DIST_MAX && !ids_within(pf, i))
			pf->need_dist[i] = nd.dist;
	}
	if (link_states(pf) < 0 || number_states(pf) < 0)
		goto done;
	free(pf->trie);
	free(pf->parent);
	free(pf->edge);
	pf->trie = NULL;
	pf->parent = NULL;
	pf->edge = NULL;
	*out = pf;
	pf = NULL;
	rc = 0;
done:
	clint_prefilter_free(pf);
	clint_buf_free(&packed);
	return rc;
}

void clint_prefilter_free(clint_prefilter *pf)
{
	if (!pf || pf->image)
		return;
	free(pf->delta);
	free(pf->trie);
	free(pf->out);
	free(pf->dict);
	free(pf->lit_len);
	free(pf->lit_lead);
	free(pf->need_off);
	free(pf->need_n);
	free(pf->lead_off);
	free(pf->lead_n);
	free(pf->lead_dist);
	free(pf->need_dist);
	free(pf->ids);
	free(pf->parent);
	free(pf->edge);
	free(pf);
}

/* One array of `n` unsigned numbers as C (never empty: C has no empty
 * initialisers). */
static void write_array(FILE *f, const char *type, const char *name,
                        const char *field, const void *data, size_t elem,
                        size_t n)
{
	size_t i;

	fprintf(f, "static %s %s_%s[] = {", type, name, field);
	for (i = 0; i < n; i++) {
		unsigned long long v =
			elem == 1   ? ((const unsigned char *)data)[i]
			: elem == 2 ? ((const uint16_t *)data)[i]
			: elem == 4 ? ((const uint32_t *)data)[i]
			            : (unsigned long long)((const size_t *)data)[i];
		/* a suffix keeps (size_t)-1 from warning as too big for a long */
		fprintf(f, "%s%llu%s,", i % 16 ? "" : "\n", v,
		        v > 0x7fffffffu ? "u" : "");
	}
	fputs(n ? "};\n" : "0};\n", f);
}

int clint_prefilter_write_c(const clint_prefilter *pf, FILE *f,
                            const char *name)
{
	size_t i;

	write_array(f, "uint16_t", name, "delta", pf->delta, 2,
	            pf->nstates * pf->nclass);
	write_array(f, "uint32_t", name, "out", pf->out, 4, pf->nstates);
	write_array(f, "uint32_t", name, "dict", pf->dict, 4, pf->nstates);
	write_array(f, "unsigned char", name, "lit_len", pf->lit_len, 1, pf->nlits);
	write_array(f, "unsigned char", name, "lit_lead", pf->lit_lead, 1,
	            pf->nlits);
	write_array(f, "size_t", name, "need_off", pf->need_off, sizeof(size_t),
	            pf->nslots);
	write_array(f, "size_t", name, "need_n", pf->need_n, sizeof(size_t),
	            pf->nslots);
	write_array(f, "size_t", name, "lead_off", pf->lead_off, sizeof(size_t),
	            pf->nslots);
	write_array(f, "size_t", name, "lead_n", pf->lead_n, sizeof(size_t),
	            pf->nslots);
	write_array(f, "size_t", name, "lead_dist", pf->lead_dist,
	            sizeof(size_t), pf->nslots);
	write_array(f, "size_t", name, "need_dist", pf->need_dist,
	            sizeof(size_t), pf->nslots);
	write_array(f, "uint32_t", name, "ids", pf->ids, 4, pf->nids);
	fprintf(f, "static const clint_prefilter %s = {\n\t.cls = {", name);
	for (i = 0; i < 256; i++)
		fprintf(f, "%u,", pf->cls[i]);
	fprintf(f, "},\n\t.nclass = %zu, .nstates = %zu, .nlits = %zu,"
	           " .nslots = %zu, .nids = %zu,\n\t.filtered = %zu,"
	           " .positional = %zu, .first_report = %zu, .image = 1,\n",
	        pf->nclass, pf->nstates, pf->nlits, pf->nslots, pf->nids,
	        pf->filtered, pf->positional, pf->first_report);
	fprintf(f, "\t.delta = %s_delta, .out = %s_out, .dict = %s_dict,\n"
	           "\t.lit_len = %s_lit_len, .lit_lead = %s_lit_lead,\n"
	           "\t.need_off = %s_need_off, .need_n = %s_need_n,"
	           " .lead_off = %s_lead_off,\n\t.lead_n = %s_lead_n,"
	           " .lead_dist = %s_lead_dist,\n\t.need_dist = %s_need_dist,"
	           " .ids = %s_ids};\n\n",
	        name, name, name, name, name, name, name, name, name, name, name,
	        name);
	return ferror(f) ? -1 : 0;
}

size_t clint_prefilter_filtered(const clint_prefilter *pf)
{
	return pf ? pf->filtered : 0;
}

size_t clint_prefilter_positional(const clint_prefilter *pf)
{
	return pf ? pf->positional : 0;
}

int clint_prefilter_filtered_slot(const clint_prefilter *pf, size_t slot)
{
	return pf && slot < pf->nslots && pf->need_n[slot] > 0;
}

int clint_prefilter_positional_slot(const clint_prefilter *pf, size_t slot)
{
	return pf && slot < pf->nslots && pf->lead_n[slot] > 0;
}

/* ---- scanning ------------------------------------------------------------------ */

struct clint_pf_list {
	uint32_t *pos;  /* sorted starts (duplicates kept) */
	size_t n;
	size_t cur;     /* where the last query ended */
	unsigned asked; /* queries before it was made */
	int state;      /* LIST_NONE, LIST_MADE, or LIST_NO (over budget) */
};

/* A pattern asked about this often has its list made: the first queries
 * (a require rule often stops at its first match) search each literal. */
#define LIST_AFTER 8

enum { LIST_NONE, LIST_MADE, LIST_NO };

typedef struct {
	uint32_t lit, pos;
} hit;

/* Grows *p to hold `need` elements of `elem` bytes (capacity doubles). */
static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 1024;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * elem);
	if (!q)
		return CLINT_ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}

/*
 * The scan runs the automaton over two halves of the text at once, as two
 * streams: each step's table look-up waits for the one before it, so two
 * independent chains keep the processor busy. The second stream starts
 * OVERLAP bytes before the middle, where its state is not yet the real
 * one, but a state only depends on the last AC_LIT_MAX units read (a
 * byte, or a folded Kelvin sign or long s of up to 3 bytes), so it is
 * right again before the middle; each stream records only the literals
 * ending in its own half.
 */
#define OVERLAP (4 * AC_LIT_MAX)
#define SPLIT_MIN 4096
#define CHUNK 256

typedef struct {
	size_t i;       /* the byte it reads next */
	size_t lo, hi;  /* it records literals ending in [lo, hi) */
	uint32_t st;
	int pos_ok, need_ok;  /* its part of scan->positional and _need_ */
	size_t nlead, nneed;  /* hits counted (up to the caps) */
	hit *hits;
	size_t nhits, cap;
} stream;

/* Feeds the unit at s->i to the automaton, leaving s->i on its last byte;
 * returns the new state. */
static inline uint32_t feed(const clint_prefilter *pf, const unsigned char *t,
                            size_t len, stream *s)
{
	unsigned char b = t[s->i];
	unsigned c;

	if (b < 0x80) {
		c = pf->cls[b];
	} else if (b == 0xE2 && s->i + 2 < len && t[s->i + 1] == 0x84 &&
	           t[s->i + 2] == 0xAA) {
		c = pf->cls['k']; /* KELVIN SIGN matches k caselessly */
		s->i += 2;
		s->pos_ok = 0;
		s->need_ok = 0;
	} else if (b == 0xC5 && s->i + 1 < len && t[s->i + 1] == 0xBF) {
		c = pf->cls['s']; /* LONG S matches s caselessly */
		s->i += 1;
		s->pos_ok = 0;
		s->need_ok = 0;
	} else {
		c = 0;
	}
	s->st = pf->delta[s->st * pf->nclass + c];
	return s->st;
}

/* Counts one more hit of a list capped at `max`: false when the list is
 * off, or full (which turns it off). */
static int count_hit(int *ok, size_t *n, size_t max)
{
	if (!*ok)
		return 0;
	if (*n >= max) {
		*ok = 0;
		return 0;
	}
	(*n)++;
	return 1;
}

/* Records the literals ending at byte i (in state st, which has output):
 * present, and the starts of lead literals and of the others, each up to
 * its cap. Returns 0, or CLINT_ENOMEM. */
static int record(const clint_prefilter *pf, clint_pf_scan *scan, stream *s,
                  size_t i, uint32_t st, size_t max_hits, size_t max_need)
{
	uint32_t x;

	for (x = pf->out[st] != NO_LIT ? st : pf->dict[st]; x; x = pf->dict[x]) {
		uint32_t lit = pf->out[x];

		scan->present[lit] = 1;
		if (pf->lit_lead[lit] ? !count_hit(&s->pos_ok, &s->nlead, max_hits)
		                      : !count_hit(&s->need_ok, &s->nneed, max_need))
			continue;
		if (s->nhits >= s->cap &&
		    grow((void **)&s->hits, &s->cap, s->nhits + 1, sizeof(hit)) < 0)
			return CLINT_ENOMEM;
		s->hits[s->nhits].lit = lit;
		s->hits[s->nhits].pos = (uint32_t)(i + 1 - pf->lit_len[lit]);
		s->nhits++;
	}
	return 0;
}

/* Runs stream s to the end of its half. Returns 0, or CLINT_ENOMEM. */
static int run_stream(const clint_prefilter *pf, clint_pf_scan *scan,
                      const unsigned char *t, size_t len, stream *s,
                      size_t max_hits, size_t max_need)
{
	uint32_t first_report = (uint32_t)pf->first_report;

	for (; s->i < s->hi; s->i++)
		if (feed(pf, t, len, s) >= first_report && s->i >= s->lo &&
		    s->i < s->hi &&
		    record(pf, scan, s, s->i, s->st, max_hits, max_need) < 0)
			return CLINT_ENOMEM;
	return 0;
}

int clint_prefilter_scan(const clint_prefilter *pf, const char *text,
                         size_t len, clint_pf_scan *scan)
{
	const unsigned char *t = (const unsigned char *)text;
	const uint32_t first_report = (uint32_t)pf->first_report;
	size_t nhits, max_hits, max_need, k, n;
	stream sa, sb;
	struct {
		uint32_t st;
		size_t i;
	} ca[CHUNK], cb[CHUNK];
	int rc = CLINT_ENOMEM;

	memset(scan, 0, sizeof(*scan));
	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	scan->present = calloc(pf->nlits + 1, 1);
	scan->off = calloc(pf->nlits + 1, sizeof(size_t));
	scan->lists = calloc(2 * pf->nslots + 1, sizeof(*scan->lists));
	scan->may = calloc(pf->nslots + 1, 1);
	if (!scan->present || !scan->off || !scan->lists || !scan->may)
		goto done;
	scan->nlists = 2 * pf->nslots;
	/* positions need plain byte offsets below 4 GiB, and bounded memory:
	 * the caps are on all hits, each stream stops at them too */
	sa.pos_ok = sa.need_ok = sb.pos_ok = sb.need_ok = len < UINT32_MAX;
	max_hits = len / 2 + 65536;
	max_need = len / 4 + 65536;
	sa.hi = len;
	if (len >= SPLIT_MIN) {
		sa.hi = len / 2;
		sb.lo = len / 2;
		sb.hi = len;
		sb.i = sb.lo - OVERLAP;
		/* both at once while both have bytes; the states with output
		 * are noted without a branch and recorded after each chunk */
		while (sa.i < sa.hi && sb.i < sb.hi) {
			size_t na = 0, nb = 0, j;

			for (k = 0; k < CHUNK && sa.i < sa.hi && sb.i < sb.hi; k++) {
				ca[na].st = feed(pf, t, len, &sa);
				ca[na].i = sa.i;
				na += ca[na].st >= first_report;
				cb[nb].st = feed(pf, t, len, &sb);
				cb[nb].i = sb.i;
				nb += cb[nb].st >= first_report;
				sa.i++;
				sb.i++;
			}
			for (j = 0; j < na; j++)
				if (ca[j].i < sa.hi &&
				    record(pf, scan, &sa, ca[j].i, ca[j].st, max_hits,
				           max_need) < 0)
					goto done;
			for (j = 0; j < nb; j++)
				if (cb[j].i >= sb.lo &&
				    record(pf, scan, &sb, cb[j].i, cb[j].st, max_hits,
				           max_need) < 0)
					goto done;
		}
	}
	if (run_stream(pf, scan, t, len, &sa, max_hits, max_need) < 0 ||
	    run_stream(pf, scan, t, len, &sb, max_hits, max_need) < 0)
		goto done;
	scan->positional = sa.pos_ok && sb.pos_ok && sa.nlead + sb.nlead <= max_hits;
	scan->need_positional = sa.need_ok && sb.need_ok &&
	                        sa.nneed + sb.nneed <= max_need;
	nhits = sa.nhits + sb.nhits;
	if (scan->positional || scan->need_positional) {
		/* bucket the hits by literal, the first half's before the
		 * second's: each bucket stays in text order */
		size_t sum = 0;

		scan->pos = malloc((nhits ? nhits : 1) * sizeof(uint32_t));
		if (!scan->pos)
			goto done;
		for (k = 0; k < sa.nhits; k++)
			scan->off[sa.hits[k].lit]++;
		for (k = 0; k < sb.nhits; k++)
			scan->off[sb.hits[k].lit]++;
		for (k = 0; k <= pf->nlits; k++) {
			n = scan->off[k];
			scan->off[k] = sum;
			sum += n;
		}
		for (k = 0; k < sa.nhits; k++)
			scan->pos[scan->off[sa.hits[k].lit]++] = sa.hits[k].pos;
		for (k = 0; k < sb.nhits; k++)
			scan->pos[scan->off[sb.hits[k].lit]++] = sb.hits[k].pos;
		/* off[l] is now the end of bucket l, i.e. the start of l + 1 */
		for (k = pf->nlits; k > 0; k--)
			scan->off[k] = scan->off[k - 1];
		scan->off[0] = 0;
		scan->pos_count = nhits;
		/* a literal shared by many patterns is copied into each of their
		 * lists: at most this many copies in all, then binary searches */
		scan->list_budget = 4 * nhits + 65536;
	}
	rc = 0;
done:
	free(sa.hits);
	free(sb.hits);
	if (rc < 0)
		clint_pf_scan_free(scan);
	return rc;
}

void clint_pf_scan_free(clint_pf_scan *scan)
{
	size_t i;

	if (!scan)
		return;
	for (i = 0; scan->lists && i < scan->nlists; i++)
		free(scan->lists[i].pos);
	free(scan->lists);
	free(scan->may);
	free(scan->present);
	free(scan->pos);
	free(scan->off);
	memset(scan, 0, sizeof(*scan));
}

/* Per-slot cache bits in scan->may: each answer + 1, 0 until asked. */
#define MAY_SHIFT 0
#define NEEDPOS_SHIFT 2

static int cached(clint_pf_scan *scan, size_t slot, int shift)
{
	return (scan->may[slot] >> shift) & 3;
}

static int cache(clint_pf_scan *scan, size_t slot, int shift, int v)
{
	scan->may[slot] = (unsigned char)(scan->may[slot] | (v + 1) << shift);
	return v;
}

int clint_pf_may_match(const clint_prefilter *pf, clint_pf_scan *scan,
                       size_t slot)
{
	size_t k;
	int c;

	if (!pf || !scan->present || slot >= pf->nslots || !pf->need_n[slot])
		return 1;
	if ((c = cached(scan, slot, MAY_SHIFT)) != 0)
		return c - 1;
	for (k = 0; k < pf->need_n[slot]; k++)
		if (scan->present[pf->ids[pf->need_off[slot] + k]])
			return cache(scan, slot, MAY_SHIFT, 1);
	return cache(scan, slot, MAY_SHIFT, 0);
}

int clint_pf_positional(const clint_prefilter *pf, const clint_pf_scan *scan,
                        size_t slot)
{
	return pf && scan->present && scan->positional && slot < pf->nslots &&
	       pf->lead_n[slot] > 0;
}

/* The first start >= from of literal `lit` in the scan, or (size_t)-1. */
static size_t next_hit(const clint_pf_scan *scan, uint32_t lit, size_t from)
{
	size_t lo = scan->off[lit], hi = scan->off[lit + 1], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (scan->pos[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < scan->off[lit + 1] ? scan->pos[lo] : (size_t)-1;
}

/* Merges the sorted runs a[run[i]..run[i + 1]) (i < nrun) into one sorted
 * run, using tmp (as big as a); returns the array that holds it. */
static uint32_t *merge_runs(uint32_t *a, uint32_t *tmp, size_t *run,
                            size_t nrun)
{
	size_t i, w, x, y, o;

	while (nrun > 1) {
		for (i = 0, w = 0; i < nrun; i += 2, w++) {
			size_t lo = run[i], mid = run[i + 1];
			size_t hi = i + 1 < nrun ? run[i + 2] : mid;

			for (x = lo, y = mid, o = lo; x < mid && y < hi;)
				tmp[o++] = a[y] < a[x] ? a[y++] : a[x++];
			while (x < mid)
				tmp[o++] = a[x++];
			while (y < hi)
				tmp[o++] = a[y++];
			run[w] = lo;
		}
		run[w] = run[nrun];
		nrun = w;
		{
			uint32_t *t = a;
			a = tmp;
			tmp = t;
		}
	}
	return a;
}

/* The merged starts of the leads (need 0) or needed literals (need 1) of
 * `slot`, made at the LIST_AFTER-th call; NULL before, or when they would
 * take more than the scan's budget or memory (the caller then searches
 * each literal). */
static clint_pf_list *slot_list(const clint_prefilter *pf, clint_pf_scan *scan,
                                size_t slot, int need)
{
	clint_pf_list *l = &scan->lists[2 * slot + (size_t)need];
	const uint32_t *ids =
		pf->ids + (need ? pf->need_off[slot] : pf->lead_off[slot]);
	size_t nl = need ? pf->need_n[slot] : pf->lead_n[slot];
	size_t run[CLINT_PF_SET_MAX + 1], k, total = 0;
	uint32_t *a, *tmp, *m;

	if (l->state != LIST_NONE)
		return l->state == LIST_MADE ? l : NULL;
	if (++l->asked < LIST_AFTER)
		return NULL;
	l->state = LIST_NO;
	if (nl > CLINT_PF_SET_MAX)
		return NULL;
	for (k = 0; k < nl; k++)
		total += scan->off[ids[k] + 1] - scan->off[ids[k]];
	if (total > scan->list_budget)
		return NULL;
	a = malloc((total ? total : 1) * sizeof(uint32_t));
	tmp = malloc((total ? total : 1) * sizeof(uint32_t));
	if (!a || !tmp) {
		free(a);
		free(tmp);
		return NULL;
	}
	for (k = 0, total = 0; k < nl; k++) {
		size_t n = scan->off[ids[k] + 1] - scan->off[ids[k]];

		run[k] = total;
		memcpy(a + total, scan->pos + scan->off[ids[k]], n * sizeof(uint32_t));
		total += n;
	}
	run[nl] = total;
	m = merge_runs(a, tmp, run, nl);
	free(m == a ? tmp : a);
	scan->list_budget -= total;
	l->pos = m;
	l->n = total;
	l->cur = 0;
	l->state = LIST_MADE;
	return l;
}

/* The first start >= from in the list, or (size_t)-1: a galloping search
 * from where the last one ended (queries mostly move forward). */
static size_t list_next(clint_pf_list *l, size_t from)
{
	size_t lo, hi, step = 1, mid;

	if (l->cur > l->n || (l->cur > 0 && l->pos[l->cur - 1] >= from))
		l->cur = 0;
	lo = hi = l->cur;
	while (hi < l->n && l->pos[hi] < from) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (hi > l->n)
		hi = l->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->pos[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	l->cur = lo;
	return lo < l->n ? l->pos[lo] : (size_t)-1;
}

int clint_pf_need_positional(const clint_prefilter *pf, clint_pf_scan *scan,
                             size_t slot)
{
	size_t k;
	int c;

	if (!pf || !scan->present || !scan->pos || slot >= pf->nslots ||
	    !pf->need_n[slot])
		return 0;
	if ((c = cached(scan, slot, NEEDPOS_SHIFT)) != 0)
		return c - 1;
	for (k = 0; k < pf->need_n[slot]; k++) {
		uint32_t lit = pf->ids[pf->need_off[slot] + k];
		if (pf->lit_lead[lit] ? !scan->positional : !scan->need_positional)
			return cache(scan, slot, NEEDPOS_SHIFT, 0);
	}
	return cache(scan, slot, NEEDPOS_SHIFT, 1);
}

size_t clint_pf_next_need(const clint_prefilter *pf, clint_pf_scan *scan,
                          size_t slot, size_t from)
{
	size_t best = (size_t)-1, k, h;
	clint_pf_list *l = slot_list(pf, scan, slot, 1);

	if (l)
		return list_next(l, from);
	for (k = 0; k < pf->need_n[slot]; k++) {
		h = next_hit(scan, pf->ids[pf->need_off[slot] + k], from);
		if (h < best)
			best = h;
	}
	return best;
}

size_t clint_pf_need_dist(const clint_prefilter *pf, clint_pf_scan *scan,
                          size_t slot)
{
	if (!clint_pf_positional(pf, scan, slot) ||
	    pf->need_dist[slot] == NO_DIST ||
	    !clint_pf_need_positional(pf, scan, slot))
		return NO_DIST;
	return pf->need_dist[slot];
}

size_t clint_pf_next(const clint_prefilter *pf, clint_pf_scan *scan,
                     size_t slot, size_t from, size_t *dist)
{
	size_t best = (size_t)-1, k;
	clint_pf_list *l = slot_list(pf, scan, slot, 0);

	*dist = pf->lead_dist[slot];
	if (l)
		return list_next(l, from);
	for (k = 0; k < pf->lead_n[slot]; k++) {
		size_t h = next_hit(scan, pf->ids[pf->lead_off[slot] + k], from);

		if (h < best)
			best = h;
	}
	return best;
}
