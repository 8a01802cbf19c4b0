/*
 * hygiene.c - built-in structural checks that packs enable with
 * kind="check": the defects a careful proofreader catches before
 * signature. Each works on the segmented document (sections, values) and
 * reports a range of the text with a message naming both sides of the
 * inconsistency.
 *
 *   words-digits     "thirty (45) days": words and digits disagree
 *   numbering        "4.1, 4.3": a clause number is skipped or repeated
 *   cross-reference  "Section 7.4" where the document has no § 7.4
 *   placeholders     "[Client]", "[●]", "[insert date]", "{{name}}", "TBD",
 *                    "____ days", "[shall/may]" left in a draft
 *   undefined-terms  "the Acceptance Tests" capitalised like a defined
 *                    term that the document never defines
 *   unused-terms     "Exit Plan" defined but never used
 *   duplicate-definitions  "Services" defined twice, differently
 *   parties          "the Client" where the preamble defined "Customer";
 *                    "Suplier" for "Supplier"
 *   dates            "31 February 2025", "2025-13-01"; a term that ends
 *                    before the Effective Date
 *   direction-controls  a right-to-left override that shows the stored
 *                    "01 days" as "10 days"
 *   disguised-words  "fееs" with Cyrillic 'е', "addi<U+200B>tional": read
 *                    as "fees" and "additional", not found as them
 *
 * Definitions come from the segmenter (clint_find_definitions).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "ruleset.h"

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
	clint_buf b = CLINT_BUF_INIT;
	va_list ap;
	char tmp[512];

	va_start(ap, fmt);
	clint_vsnprintf_c(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (clint_buf_puts(&b, tmp) < 0) {
		clint_buf_free(&b);
		return NULL;
	}
	return clint_buf_detach(&b, NULL);
}

/* Copies text[start..end) as a reader sees it, at most `max` bytes:
 * white space folded, the characters that show nothing left out
 * (clint_invisible()), and in Markdown the markup left out and each
 * character reference written as its character (a plain text's bullets,
 * also ranges the rules skip, show). */
static void quote(const clint_doc *doc, size_t start, size_t end, char *out,
                  size_t max)
{
	const unsigned char *t = (const unsigned char *)doc->text;
	size_t i, n = 0, k;
	int space = 0;
	uint32_t cp;

	for (i = start; i < end; i += k) {
		char u[4];
		const char *c = (const char *)t + i;
		size_t m;

		k = doc->skip_count && doc->format == CLINT_INPUT_MARKDOWN
		        ? clint_doc_char(doc, i, end, &cp)
		        : clint_utf8_decode(t + i, end - i, &cp);
		if (k == 0) {
			k = 1; /* a stray byte, copied as it is */
			cp = 0xFFFD;
		}
		if (cp == CLINT_CP_MARKUP || clint_invisible(cp))
			continue;
		if (cp == '\n' || cp == '\r' || cp == '\t' || cp == ' ') {
			space = n > 0;
			continue;
		}
		m = k;
		if (t[i] == '&' && k > 1) { /* a reference: its character */
			m = clint_utf8_encode(cp, u);
			c = u;
		}
		if (n + (size_t)space + m + 4 > max)
			break;
		if (space)
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, c, m);
		n += m;
	}
	if (i < end && n + 4 <= max) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

static int report(clint_check_hit_fn hit, void *ctx, size_t start, size_t end,
                  char *detail)
{
	if (!detail)
		return CLINT_ENOMEM;
	return hit(ctx, start, end, detail);
}

/*
 * True when the check's CPU time is up (clint_run_check()). Each check
 * reads it once per item of its outer loop (value, section, definition,
 * candidate, scope, block), or every POLL_BYTES of text in a scan, and
 * then stops: an input a check is slow on cannot hold it past the
 * document's limit, as one a pattern is slow on cannot.
 */
#define POLL_BYTES 4096

static int time_up(clint_budget *cpu)
{
	return cpu && clint_budget_over(cpu);
}

/* ---- words-digits ---------------------------------------------------------- */

static int check_words_digits(const clint_doc *doc, clint_budget *cpu,
                              clint_check_hit_fn hit, void *ctx)
{
	size_t i;
	char q[160];
	int rc;

	for (i = 0; i < doc->value_count && !time_up(cpu); i++) {
		const clint_ivalue *v = &doc->values[i];
		double diff = v->written - v->digits;

		if (!v->restated || (diff < 0.005 && diff > -0.005))
			continue;
		quote(doc, v->start, v->end, q, sizeof(q));
		rc = report(hit, ctx, v->start, v->end,
		            format("'%s': the words say %.15g but the digits say "
		                   "%.15g",
		                   q, v->written, v->digits));
		if (rc < 0)
			return rc;
	}
	return CLINT_OK;
}

/* ---- numbering ------------------------------------------------------------ */

/* The last component of a decimal number ("4.12" -> 12, "7" -> 7), or -1. */
static long last_component(const char *number)
{
	const char *p = strrchr(number, '.');
	char *end;
	long v;

	p = p ? p + 1 : number;
	if (!clint_isdigit((unsigned char)*p))
		return -1;
	v = strtol(p, &end, 10);
	return *end ? -1 : v;
}

/* The number without its last component ("4.12" -> "4"), in `out`. */
static void prefix_of(const char *number, char *out, size_t max)
{
	const char *p = strrchr(number, '.');
	size_t n = p ? (size_t)(p - number) : 0;

	if (n >= max)
		n = max - 1;
	memcpy(out, number, n);
	out[n] = '\0';
}

/* The position of a letter item "(c)" -> 3, or -1 ("(iv)" and others). */
static long letter_position(const char *number)
{
	if (strlen(number) == 3 && number[0] == '(' && number[2] == ')' &&
	    number[1] >= 'a' && number[1] <= 'z')
		return number[1] - 'a' + 1;
	return -1;
}

/* True if the text between two sections mentions `number` as a clause
 * number (then it was numbered inline, not skipped). */
static int mentioned_between(const clint_doc *doc, size_t a, size_t b,
                             const char *number)
{
	size_t n = strlen(number), i;

	if (b > doc->norm_len)
		b = doc->norm_len;
	for (i = a; i + n <= b; i++) {
		if (memcmp(doc->norm + i, number, n) != 0)
			continue;
		if (i > 0 && (clint_isalnum((unsigned char)doc->norm[i - 1]) ||
		              doc->norm[i - 1] == '.'))
			continue;
		if (i + n < b && clint_isdigit((unsigned char)doc->norm[i + n]))
			continue;
		return 1;
	}
	return 0;
}

/* The numbering style of a section that check_numbering() reads: 1 for
 * decimal clauses, 2 for lettered items "(a)", else 0; stores the
 * position of its number among its siblings (-1 if it has none). */
static int numbering_style(const clint_isection *s, long *pos)
{
	if (s->num_kind == 1) {
		*pos = last_component(s->number);
		return 1;
	}
	if (s->num_kind == 3 && s->rank == 100) {
		/* lettered items (a), (b): roman (iv) and (v) are not */
		*pos = letter_position(s->number);
		return 2;
	}
	*pos = -1;
	return 0;
}

typedef struct {
	size_t parent;
	int style;
	unsigned rank;
	size_t index;
} sibling_key;

/* By parent, style and rank, then in document order. */
static int by_sibling(const void *a, const void *b)
{
	const sibling_key *x = a, *y = b;

	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->style != y->style)
		return x->style < y->style ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * For each section, the previous sibling of its numbering style (same
 * parent, style and rank) whose number has a position, or (size_t)-1;
 * *out is NULL for a document with no sections. Found in one sort:
 * walking back from each section took quadratic time when it had no such
 * sibling ("(a)" under each of 100,000 headings: 1 MB in 10 s).
 */
static int previous_siblings(const clint_doc *doc, size_t **out)
{
	size_t n = doc->section_count, m = 0, i, last = (size_t)-1;
	sibling_key *keys;
	size_t *prev;
	long pos;

	*out = NULL;
	if (n == 0)
		return CLINT_OK;
	keys = malloc(n * sizeof(*keys));
	prev = malloc(n * sizeof(*prev));
	if (!keys || !prev) {
		free(keys);
		free(prev);
		return CLINT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const clint_isection *s = &doc->sections[i];
		int style = numbering_style(s, &pos);

		prev[i] = (size_t)-1;
		if (style) {
			keys[m].parent = s->parent;
			keys[m].style = style;
			keys[m].rank = s->rank;
			keys[m++].index = i;
		}
	}
	qsort(keys, m, sizeof(*keys), by_sibling);
	for (i = 0; i < m; i++) {
		if (i > 0 && (keys[i].parent != keys[i - 1].parent ||
		              keys[i].style != keys[i - 1].style ||
		              keys[i].rank != keys[i - 1].rank))
			last = (size_t)-1;
		prev[keys[i].index] = last;
		numbering_style(&doc->sections[keys[i].index], &pos);
		if (pos >= 0)
			last = keys[i].index;
	}
	free(keys);
	*out = prev;
	return CLINT_OK;
}

/*
 * Walks siblings (same parent, same numbering style) in order and reports
 * a number that is skipped ("4.1" then "4.3") or repeated ("4.2" twice).
 * Decimal clauses and lettered items "(a)" are checked.
 */
static int check_numbering(const clint_doc *doc, clint_budget *cpu,
                           clint_check_hit_fn hit, void *ctx)
{
	size_t i, *sibling;
	int rc = previous_siblings(doc, &sibling);

	for (i = 0; rc >= 0 && sibling && i < doc->section_count && !time_up(cpu);
	     i++) {
		const clint_isection *s = &doc->sections[i];
		long cur, prev;
		int letters = numbering_style(s, &cur) == 2;
		const clint_isection *p;
		char want[96], pre_s[64], pre_p[64];

		if (cur < 0 || sibling[i] == (size_t)-1) {
			/* a first child that does not start at 1 / (a) is skipped
			 * numbering too, but restarts are common: not reported */
			continue;
		}
		p = &doc->sections[sibling[i]];
		prev = letters ? letter_position(p->number) : last_component(p->number);
		/* "4.0" headings whose "4.1" sits inside the heading's line */
		if (prev == 0)
			continue;
		if (!letters) {
			prefix_of(s->number, pre_s, sizeof(pre_s));
			prefix_of(p->number, pre_p, sizeof(pre_p));
			if (strcmp(pre_s, pre_p) != 0)
				continue; /* different parents in the numbering itself */
		}
		/* lists restart under clauses the segmenter may not have seen
		 * (numbered inside a line), so repeats are reported for decimal
		 * clause numbers only */
		if (cur == prev && !letters) {
			clint_location loc;
			clint_doc_locate(doc, p->start, &loc);
			rc = report(hit, ctx, s->start,
			            s->start + strlen(s->number) <= doc->text_len
			                ? s->start + strlen(s->number)
			                : s->start,
			            format("%s%s is numbered twice (also at line %u)",
			                   letters ? "item " : "\xC2\xA7 ", s->number,
			                   loc.line));
		} else if (cur == prev + 2 || (cur > prev + 2 && cur <= prev + 5)) {
			/* skipped numbers: say which one is missing, unless the text
			 * between the two numbers mentions it inline */
			if (letters)
				snprintf(want, sizeof(want), "(%c)", (char)('a' + prev));
			else if (*pre_s)
				snprintf(want, sizeof(want), "%s.%ld", pre_s, prev + 1);
			else
				snprintf(want, sizeof(want), "%ld", prev + 1);
			if (mentioned_between(doc, p->norm_start, s->norm_start, want))
				continue;
			rc = report(hit, ctx, s->start,
			            s->start + strlen(s->number) <= doc->text_len
			                ? s->start + strlen(s->number)
			                : s->start,
			            format("%s%s follows %s%s: %s%s is missing",
			                   letters ? "item " : "\xC2\xA7 ", s->number,
			                   letters ? "item " : "\xC2\xA7 ", p->number,
			                   letters ? "item " : "\xC2\xA7 ", want));
		}
	}
	free(sibling);
	return rc < 0 ? rc : CLINT_OK;
}

/* ---- cross-references ------------------------------------------------------- */

#define REF(w) CLINT_WORD(w)
static const clint_word ref_words[] = {
	REF("section"), REF("sections"), REF("clause"), REF("clauses"),
	REF("paragraph"), REF("article"), REF("schedule"), REF("exhibit"),
	REF("annex"), REF("appendix"), REF("attachment"),
};
#undef REF

/* The first letters of the reference words, in either case. */
static const unsigned char ref_initials[256] = {
	['s'] = 1, ['c'] = 1, ['p'] = 1, ['a'] = 1, ['e'] = 1,
	['S'] = 1, ['C'] = 1, ['P'] = 1, ['A'] = 1, ['E'] = 1,
};

/* True if p[0..3) is, in either case, how a reference word begins:
 * "and", "any" and "such" are not looked at further. p[2] is read only
 * after a letter at p[1] (the text ends with a NUL). */
static int ref_prefix(const char *p)
{
#define K3(a, b, c) ((unsigned)(a) << 16 | (unsigned)(b) << 8 | (unsigned)(c))
	unsigned key;

	if (!clint_isalpha((unsigned char)p[1]))
		return 0;
	key = K3((unsigned char)p[0] | 0x20, (unsigned char)p[1] | 0x20,
	         (unsigned char)p[2] | 0x20);
	switch (key) {
	case K3('s', 'e', 'c'): case K3('s', 'c', 'h'): case K3('c', 'l', 'a'):
	case K3('p', 'a', 'r'): case K3('a', 'r', 't'): case K3('a', 'n', 'n'):
	case K3('a', 'p', 'p'): case K3('a', 't', 't'): case K3('e', 'x', 'h'):
		return 1;
	default:
		return 0;
	}
#undef K3
}

/* Kind of target: 1 a decimal clause, 2 a container (Article, Schedule). */
static int ref_kind(const char *word)
{
	if (clint_ascii_ieq(word, "section", 7) || clint_ascii_ieq(word, "clause", 6) ||
	    clint_ascii_ieq(word, "paragraph", 9))
		return 1;
	return 2;
}

/*
 * What check_cross_references() looks a reference's target up in, built
 * once per document so that each reference costs a binary search, not a
 * pass over every section and block (a document of many references to
 * many sections was quadratic): section cites, container sections
 * ("Schedule 4") by number and word, the parents of numbered clauses
 * ("7" of "7.4"), and blocks that open with "<word> <designator>".
 */
typedef struct {
	const char *p;
	size_t n;
} xref_span;

typedef struct {
	xref_span word, id; /* "Schedule", "4" */
} xref_head;

typedef struct {
	const clint_isection **cites;  /* sections with a cite, by cite (caseless) */
	size_t ncites;
	const clint_isection **conts;  /* container sections, by number then word
	                                * (caseless), each pair once */
	size_t nconts;
	xref_span *parents;            /* prefix_of() each decimal cite without
	                                * "(", sorted bytewise */
	size_t nparents;
	xref_head *heads;              /* blocks "<word> <alnum id><not alnum>" */
	size_t nheads;
	long have[ARRAY_LEN(ref_words)]; /* container sections per reference
	                                  * word, -1 until counted */
} xref_index;

static int cite_cmp(const void *a, const void *b)
{
	return strcasecmp((*(const clint_isection *const *)a)->cite,
	                  (*(const clint_isection *const *)b)->cite);
}

static int cont_cmp(const void *a, const void *b)
{
	const clint_isection *x = *(const clint_isection *const *)a;
	const clint_isection *y = *(const clint_isection *const *)b;
	int d = strcasecmp(x->number, y->number);

	return d ? d : strcasecmp(x->word, y->word);
}

/* Bytewise order of spans (a prefix first). */
static int span_cmp(const xref_span *x, const xref_span *y)
{
	int d = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);

	return d ? d : (x->n > y->n) - (x->n < y->n);
}

static int span_qcmp(const void *a, const void *b)
{
	return span_cmp(a, b);
}

/* ASCII-caseless order of spans (a prefix first). */
static int span_icmp(const xref_span *x, const xref_span *y)
{
	size_t i, n = x->n < y->n ? x->n : y->n;

	for (i = 0; i < n; i++) {
		int c = clint_tolower((unsigned char)x->p[i]),
		    d = clint_tolower((unsigned char)y->p[i]);
		if (c != d)
			return c - d;
	}
	return (x->n > y->n) - (x->n < y->n);
}

static int head_cmp(const void *a, const void *b)
{
	const xref_head *x = a, *y = b;
	int d = span_icmp(&x->word, &y->word);

	return d ? d : span_icmp(&x->id, &y->id);
}

/* The span prefix_of() gives for `number`, in place. */
static xref_span prefix_span(const char *number)
{
	const char *p = strrchr(number, '.');
	xref_span sp;

	sp.p = number;
	sp.n = p ? (size_t)(p - number) : 0;
	if (sp.n > 63)
		sp.n = 63;
	return sp;
}

static void xref_index_free(xref_index *ix)
{
	free(ix->cites);
	free(ix->conts);
	free(ix->parents);
	free(ix->heads);
}

/* Fills `ix` for `doc`: the arrays borrow the document's strings. Returns
 * CLINT_OK or CLINT_ENOMEM (ix is then freed). */
static int xref_index_build(const clint_doc *doc, xref_index *ix)
{
	size_t i, k, ns = doc->section_count, nb = doc->block_count;

	memset(ix, 0, sizeof(*ix));
	for (i = 0; i < ARRAY_LEN(ix->have); i++)
		ix->have[i] = -1;
	ix->cites = malloc((ns ? ns : 1) * sizeof(*ix->cites));
	ix->conts = malloc((ns ? ns : 1) * sizeof(*ix->conts));
	ix->parents = malloc((ns ? ns : 1) * sizeof(*ix->parents));
	ix->heads = malloc((nb ? nb : 1) * sizeof(*ix->heads));
	if (!ix->cites || !ix->conts || !ix->parents || !ix->heads) {
		xref_index_free(ix);
		return CLINT_ENOMEM;
	}
	for (i = 0; i < ns; i++) {
		const clint_isection *s = &doc->sections[i];
		if (s->cite)
			ix->cites[ix->ncites++] = s;
		if (s->num_kind == 2)
			ix->conts[ix->nconts++] = s;
		if (s->num_kind == 1 && s->cite && !strchr(s->cite, '('))
			ix->parents[ix->nparents++] = prefix_span(s->cite);
	}
	qsort(ix->cites, ix->ncites, sizeof(*ix->cites), cite_cmp);
	qsort(ix->conts, ix->nconts, sizeof(*ix->conts), cont_cmp);
	qsort(ix->parents, ix->nparents, sizeof(*ix->parents), span_qcmp);
	/* a number under one word once: the run of a number stays short */
	for (i = k = 0; i < ix->nconts; i++)
		if (!k || cont_cmp(&ix->conts[k - 1], &ix->conts[i]) != 0)
			ix->conts[k++] = ix->conts[i];
	ix->nconts = k;
	for (i = 0; i < nb; i++) {
		const char *t = doc->norm + doc->blocks[i].norm_start;
		size_t len = doc->blocks[i].norm_end - doc->blocks[i].norm_start;
		const char *sp = memchr(t, ' ', len);
		size_t a, e;

		if (!sp || sp == t)
			continue;
		a = (size_t)(sp - t) + 1;
		for (e = a; e < len && clint_isalnum((unsigned char)t[e]); e++)
			;
		if (e == a || e >= len)
			continue;
		ix->heads[ix->nheads].word.p = t;
		ix->heads[ix->nheads].word.n = a - 1;
		ix->heads[ix->nheads].id.p = t + a;
		ix->heads[ix->nheads].id.n = e - a;
		ix->nheads++;
	}
	qsort(ix->heads, ix->nheads, sizeof(*ix->heads), head_cmp);
	return CLINT_OK;
}

static int section_exists(const xref_index *ix, int kind, const char *word,
                          const char *id)
{
	size_t lo = 0, hi;

	if (kind == 1) {
		hi = ix->ncites;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int d = strcasecmp(ix->cites[mid]->cite, id);
			if (!d)
				return 1;
			if (d < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return 0;
	}
	/* the first container numbered `id`, then each word it has */
	hi = ix->nconts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcasecmp(ix->conts[mid]->number, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->nconts && strcasecmp(ix->conts[lo]->number, id) == 0; lo++)
		if (clint_ascii_ieq(ix->conts[lo]->word, word,
		                    strlen(ix->conts[lo]->word)))
			return 1;
	return 0;
}

/* True if the clause the reference points into is known: "7.4" needs a
 * § 7 with numbered sub-clauses; "12" needs numbered top-level clauses
 * around it. Without that structure nothing can be said. */
static int parent_known(const xref_index *ix, const char *id)
{
	xref_span pre = prefix_span(id);
	size_t lo = 0, hi = ix->nparents, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (span_cmp(&ix->parents[mid], &pre) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	return first + 1 < ix->nparents &&
	       span_cmp(&ix->parents[first], &pre) == 0 &&
	       span_cmp(&ix->parents[first + 1], &pre) == 0;
}

/* True if s[..end) ends with `tail` (ASCII caseless), reading nothing
 * before s. */
static int ends_with_at(const char *s, size_t end, const char *tail)
{
	size_t n = strlen(tail);

	return end >= n && clint_ascii_ieq(s + end - n, tail, n);
}

/* True if clause number `id` appears in the text as a clause number of its
 * own (not right after "Section", "clause", ...): many contracts number
 * sub-clauses inside long lines, where the segmenter does not see them. */
static int numbered_inline(const clint_doc *doc, const char *id)
{
	const char *s = doc->norm;
	size_t n = strlen(id), i, w;

	for (i = 0; i + n <= doc->norm_len; i++) {
		size_t b;
		int after_word = 0;
		const char *p = memchr(s + i, id[0], doc->norm_len - n + 1 - i);

		if (!p)
			break;
		i = (size_t)(p - s);
		if (memcmp(s + i, id, n) != 0)
			continue;
		if (i > 0 && (clint_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.'))
			continue;
		if (i + n < doc->norm_len &&
		    (clint_isdigit((unsigned char)s[i + n]) ||
		     (s[i + n] == '.' && i + n + 1 < doc->norm_len &&
		      clint_isdigit((unsigned char)s[i + n + 1]))))
			continue;
		b = i > 0 && s[i - 1] == ' ' ? i - 1 : i;
		for (w = 0; w < ARRAY_LEN(ref_words); w++) {
			size_t m = ref_words[w].n;
			if (b >= m && clint_ascii_ieq(s + b - m, ref_words[w].w, m))
				after_word = 1;
		}
		/* also "Sections 4.1 and 4.2", "4.1 through 4.3" */
		if (!after_word && (ends_with_at(s, b, " and") || ends_with_at(s, b, " or") ||
		                    ends_with_at(s, b, ",") ||
		                    ends_with_at(s, b, " through")))
			after_word = 1;
		if (!after_word)
			return 1;
	}
	return 0;
}

/* An Article, Schedule or Exhibit designator: "3", "12", "A", "B1",
 * "IV" (roman) - not a word such as "IS". */
static int container_id(const char *id)
{
	size_t n = strlen(id), i;

	if (clint_isdigit((unsigned char)id[0])) {
		for (i = 0; i < n && clint_isdigit((unsigned char)id[i]); i++)
			;
		return i == n || (i + 1 == n && clint_isalpha((unsigned char)id[i]));
	}
	if (n == 1 || (n == 2 && clint_isdigit((unsigned char)id[1])))
		return clint_isupper((unsigned char)id[0]);
	for (i = 0; i < n; i++)
		if (!strchr("IVXLC", id[i]))
			return 0;
	return n <= 6;
}

/* True if an earlier finding already named this target. */
static int already_reported(char seen[][48], size_t count, const char *key)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(seen[i], key) == 0)
			return 1;
	return 0;
}

/* The largest top-level clause number of the document ("17." -> 17). */
static long max_top_number(const clint_doc *doc)
{
	size_t i;
	long max = 0, v;

	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];
		if (s->num_kind == 1 && s->cite && !strchr(s->cite, '.') &&
		    (v = strtol(s->cite, NULL, 10)) > max)
			max = v;
	}
	return max;
}

/* True if "<word> <id>" starts a block somewhere: a schedule or exhibit
 * heading the segmenter did not take for a section. `id` is alphanumeric
 * (container_id()). */
static int container_heading(const xref_index *ix, const char *word,
                             const char *id)
{
	xref_head key;
	size_t wl = strlen(word);

	/* "Schedules 2" is referred to as "Schedule 2" */
	if (wl > 1 && word[wl - 1] == 's')
		wl--;
	key.word.p = word;
	key.word.n = wl;
	key.id.p = id;
	key.id.n = strlen(id);
	return bsearch(&key, ix->heads, ix->nheads, sizeof(key), head_cmp) != NULL;
}

/* How many container sections a reference word can name ("Schedule 4"
 * for "schedules"), counted once per word. */
static long containers_for(const clint_doc *doc, xref_index *ix, size_t w)
{
	size_t q;
	long have = 0;

	if (ix->have[w] >= 0)
		return ix->have[w];
	for (q = 0; q < doc->section_count; q++)
		if (doc->sections[q].num_kind == 2 &&
		    clint_ascii_ieq(doc->sections[q].word, ref_words[w].w,
		                    strlen(doc->sections[q].word)))
			have++;
	return ix->have[w] = have;
}

#define INLINE_CACHE 1024 /* clause numbers remembered (a power of two) */

/* numbered_inline() with its answers remembered in `cache` (hash << 1 |
 * answer): a contract cites the same clauses again and again, and each
 * answer costs a pass over the text. */
static int inline_cached(const clint_doc *doc, const char *id, uint32_t *cache,
                         size_t *scans_left)
{
	uint32_t h = 2166136261u, key;
	size_t i, probe;
	int ans;

	for (i = 0; id[i]; i++)
		h = (h ^ (unsigned char)id[i]) * 16777619u;
	h = (h << 1) | 0x80000000u; /* never 0, low bit free for the answer */
	for (probe = 0; probe < 16; probe++) {
		key = cache[(h + probe) & (INLINE_CACHE - 1)];
		if ((key & ~1u) == h)
			return (int)(key & 1u);
		if (!key)
			break;
	}
	/* a bounded number of passes over the text: when they are spent,
	 * say "numbered inline" (nothing is reported) */
	if (*scans_left == 0)
		return 1;
	(*scans_left)--;
	ans = numbered_inline(doc, id);
	if (probe < 16)
		cache[(h + probe) & (INLINE_CACHE - 1)] = h | (uint32_t)ans;
	return ans;
}

/*
 * True if the word before s[rs] (a reference word) names another
 * instrument: "FAR section 12.212", "26 U.S.C. Section 501", "the Code
 * Section 409A", "Securities Act Section 12". As written: "CODE" in a
 * heading set in capitals, not "code" in a sentence. "Code" only after
 * "the" or a word that makes it a statute ("Internal Revenue Code"), not
 * "Source Code Section 7.8"; "Act" after "the" or a capitalised word;
 * "Regulations", "Rules", "Directive", "Statute", "Ordinance", "Treaty"
 * and "Convention" after a capitalised word ("Listing Rules section 2",
 * not "the Rules clause 7.6", which may be this contract's rules). A
 * year between them is passed over ("Companies Act 2006 section 172").
 */
/* The word of letters (at most 16) before s[b] and the spaces before b:
 * s[*pb..*pe), empty if none. */
static void word_before_at(const char *s, size_t b, size_t *pb, size_t *pe)
{
	size_t e = b, a;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (a = e; a > 0 && e - a < 16 && clint_isalpha((unsigned char)s[a - 1]); a--)
		;
	*pb = a;
	*pe = e;
}

static int instrument_before(const char *s, size_t rs)
{
	static const char *const names[] = {
		"FAR", "DFARS", "CFR", "C.F.R.", "USC", "U.S.C.", "UCC", "U.C.C.",
		"IRC", "ERISA", "GDPR", "HIPAA",
	};
	static const char *const code_after[] = {
		"the", "The", "THE", "Revenue", "REVENUE", "Civil", "CIVIL",
		"Commercial", "COMMERCIAL", "Bankruptcy", "BANKRUPTCY", "Tax", "TAX",
		"Penal", "Labor", "Labour", "Federal", "Insurance", "Corporations",
	};
	size_t e = rs, b, pe, pb, k;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	/* "Data Protection Act 2018 section 2.7", "the Employment Rights Act
	 * 1996, section 98": the instrument is the word before its year */
	b = e > 0 && s[e - 1] == ',' ? e - 1 : e;
	if (b >= 6 && clint_isdigit((unsigned char)s[b - 1]) &&
	    clint_isdigit((unsigned char)s[b - 2]) &&
	    ((s[b - 4] == '1' && s[b - 3] == '9') ||
	     (s[b - 4] == '2' && s[b - 3] == '0')) && s[b - 5] == ' ' &&
	    clint_isalpha((unsigned char)s[b - 6]))
		return instrument_before(s, b - 5);
	for (b = e; b > 0 && e - b < 12 &&
	            (clint_isalpha((unsigned char)s[b - 1]) || s[b - 1] == '.');
	     b--)
		;
	if (b == e || (b > 0 && !(s[b - 1] == ' ' || s[b - 1] == '(' ||
	                          s[b - 1] == '\n')))
		return 0;
	for (k = 0; k < ARRAY_LEN(names); k++)
		if (strlen(names[k]) == e - b && memcmp(s + b, names[k], e - b) == 0)
			return 1;
	/* "Transfer of Undertakings Regulations section 2.4", "Listing Rules
	 * section 2.5": after a capitalised word */
	if (e - b >= 5 && e - b <= 11) {
		static const char *const after_name[] = {
			"Regulations", "Regulation", "Rules", "Directive", "Statute",
			"Ordinance", "Treaty", "Convention",
		};
		for (k = 0; k < ARRAY_LEN(after_name); k++)
			if (strlen(after_name[k]) == e - b &&
			    !memcmp(s + b, after_name[k], e - b))
				break;
		if (k < ARRAY_LEN(after_name)) {
			word_before_at(s, b, &pb, &pe);
			return pb < pe && clint_isupper((unsigned char)s[pb]);
		}
	}
	if (!((e - b == 4 && (!memcmp(s + b, "Code", 4) || !memcmp(s + b, "CODE", 4))) ||
	      (e - b == 3 && (!memcmp(s + b, "Act", 3) || !memcmp(s + b, "ACT", 3)))))
		return 0;
	/* the word before "Code" or "Act" */
	word_before_at(s, b, &pb, &pe);
	if (pb == pe)
		return 0;
	if (s[b] == 'A')  /* "Act", "ACT" */
		return clint_isupper((unsigned char)s[pb]) ||
		       (pe - pb == 3 && !memcmp(s + pb, "the", 3));
	for (k = 0; k < ARRAY_LEN(code_after); k++)
		if (strlen(code_after[k]) == pe - pb &&
		    memcmp(s + pb, code_after[k], pe - pb) == 0)
			return 1;
	return 0;
}

static int check_cross_references(const clint_doc *doc, clint_budget *cpu,
                                  clint_check_hit_fn hit, void *ctx)
{
	uint32_t inline_cache[INLINE_CACHE] = {0};
	size_t scans_left = 64 + (16u << 20) / (doc->norm_len + 1);
	const char *s = doc->norm;
	size_t i = 0, w;
	long top = max_top_number(doc);
	char seen[64][48];
	size_t nseen = 0;
	xref_index ix;
	int rc;

	if ((rc = xref_index_build(doc, &ix)) < 0)
		return rc;
	while (i < doc->norm_len && !time_up(cpu)) {
		size_t n = 0, j, k, rs = i;
		char id[64], word[16];
		int kind;

		/* every reference word starts a word with one of these letters,
		 * and with one of ref_prefix()'s three */
		for (;;) {
			i = clint_scan_to(ref_initials, 1, s, i, doc->norm_len);
			if (i >= doc->norm_len ||
			    ((i == 0 || !clint_isalpha((unsigned char)s[i - 1])) &&
			     ref_prefix(s + i)))
				break;
			i++;
		}
		if (i >= doc->norm_len)
			break;
		rs = i;
		for (w = 0; w < ARRAY_LEN(ref_words); w++) {
			/* the second letter rules out most words ("any", "and") */
			if (((unsigned char)s[i] | 0x20) != ref_words[w].w[0] ||
			    ((unsigned char)s[i + 1] | 0x20) != ref_words[w].w[1])
				continue;
			n = ref_words[w].n;
			if (i + n < doc->norm_len && clint_ascii_ieq(s + i, ref_words[w].w, n) &&
			    s[i + n] == ' ')
				break;
		}
		if (w == ARRAY_LEN(ref_words)) {
			i++;
			continue;
		}
		j = i + n + 1;
		k = j;
		while (k < doc->norm_len && k - j < 24 &&
		       (clint_isalnum((unsigned char)s[k]) ||
		        (s[k] == '.' && k + 1 < doc->norm_len &&
		         clint_isdigit((unsigned char)s[k + 1])) ||
		        s[k] == '(' || s[k] == ')'))
			k++;
		/* drop unbalanced closing brackets: "Section 3(c))" */
		{
			size_t q, open_n = 0, close_n = 0;
			for (q = j; q < k; q++) {
				open_n += s[q] == '(';
				close_n += s[q] == ')';
			}
			while (k > j && s[k - 1] == ')' && close_n > open_n) {
				k--;
				close_n--;
			}
		}
		if (k == j || k - j >= sizeof(id)) {
			i = j;
			continue;
		}
		memcpy(id, s + j, k - j);
		id[k - j] = '\0';
		/* "Section 6.8(d)": sub-items are often numbered inside a line,
		 * so the clause 6.8 itself is what must exist */
		if (strchr(id, '(') && clint_isdigit((unsigned char)id[0]))
			*strchr(id, '(') = '\0';
		snprintf(word, sizeof(word), "%s", ref_words[w].w);
		kind = ref_kind(word);
		i = k;
		/* a clause number, or one letter / roman numeral / number for a
		 * container; anything else is not a reference we can check */
		if (kind == 1 && !clint_isdigit((unsigned char)id[0]))
			continue;
		if (kind == 2 && !container_id(id))
			continue;
		/* "Section 409A of the Code", "Article 28 of the GDPR": another
		 * instrument, unless it is "of this Agreement"; so is "FAR
		 * section 12.212" */
		if (instrument_before(s, rs))
			continue;
		{
			size_t t = k;
			while (t < doc->norm_len && s[t] == ' ')
				t++;
			if (clint_ascii_ieq(s + t, "of ", 3) &&
			    !clint_ascii_ieq(s + t + 3, "this ", 5))
				continue;
			if (clint_ascii_ieq(s + t, "to the ", 7) ||
			    clint_ascii_ieq(s + t, "under the ", 10))
				continue;
		}
		if (section_exists(&ix, kind, word, id))
			continue;
		if (kind == 1 && inline_cached(doc, id, inline_cache, &scans_left))
			continue;
		/* "Section 365", "Section 20000": a statute, not this contract */
		if (kind == 1 && strtol(id, NULL, 10) > top + 3)
			continue;
		if (kind == 2 && container_heading(&ix, word, id))
			continue;
		if (kind == 1 && !parent_known(&ix, id))
			continue;
		if (kind == 2) {
			/* only when the document has containers of that word */
			long have = containers_for(doc, &ix, w);
			if (have < 2 && clint_ascii_ieq(word, "article", 7))
				continue;
			if (!have)
				continue;
		}
		/* one finding per missing target */
		{
			char key[48];
			snprintf(key, sizeof(key), "%d:%.12s:%.30s", kind,
			         kind == 2 ? word : "", id);
			for (size_t q = 0; key[q]; q++)
				key[q] = (char)clint_tolower((unsigned char)key[q]);
			if (already_reported(seen, nseen, key))
				continue;
			if (nseen < 64)
				snprintf(seen[nseen++], sizeof(seen[0]), "%s", key);
		}
		{
			size_t ts = clint_doc_norm_to_text(doc, rs);
			size_t te = clint_doc_norm_end_to_text(doc, k);
			char q[80];
			quote(doc, ts, te, q, sizeof(q));
			rc = report(hit, ctx, ts, te,
			            format("'%s' refers to %s%s, which is not in the "
			                   "document",
			                   q, kind == 1 ? "\xC2\xA7 " : "", kind == 1 ? id : q));
			if (rc < 0)
				break;
		}
	}
	xref_index_free(&ix);
	return rc < 0 ? rc : CLINT_OK;
}

/* ---- shared helpers for the checks below ------------------------------------ */

/* How common byte `c` is in English contract text (higher: more). */
static int byte_rank(unsigned char c)
{
	/* the lower-case letters, rarest first */
	static const unsigned char letter[26] = {
		/* a */ 83, /* b */ 66, /* c */ 74, /* d */ 75, /* e */ 85,
		/* f */ 71, /* g */ 69, /* h */ 77, /* i */ 81, /* j */ 62,
		/* k */ 64, /* l */ 76, /* m */ 72, /* n */ 80, /* o */ 82,
		/* p */ 70, /* q */ 61, /* r */ 78, /* s */ 79, /* t */ 84,
		/* u */ 73, /* v */ 65, /* w */ 68, /* x */ 63, /* y */ 67,
		/* z */ 60,
	};

	if (c == ' ')
		return 100;
	if (c >= 'a' && c <= 'z')
		return letter[c - 'a'];
	if (c >= 'A' && c <= 'Z')
		return 30;
	if (c >= '0' && c <= '9')
		return 20;
	return 10;
}

/* Index of the least common byte of needle[0..m) (the first of equals). */
static size_t rare_byte(const char *needle, size_t m)
{
	size_t i, best = 0;
	int rank = byte_rank((unsigned char)needle[0]), r;

	for (i = 1; i < m; i++)
		if ((r = byte_rank((unsigned char)needle[i])) < rank) {
			rank = r;
			best = i;
		}
	return best;
}

/* First occurrence of needle[0..m) in hay[0..n), or NULL (memmem without
 * _GNU_SOURCE). */
static const char *find_bytes(const char *hay, size_t n, const char *needle,
                              size_t m)
{
	const char *p = hay, *end = hay + n;

	if (m == 0)
		return hay;
	if (n >= 256 && m >= 2) {
		/* a long text: memchr for the needle's least common byte
		 * (a space or "a" stops memchr every few bytes, "W" or "(" rarely),
		 * then compare; the candidates still come in order */
		size_t r = rare_byte(needle, m);
		const char *q, *last;

		if (m > n)
			return NULL;
		p = hay + r;
		last = end - m + r; /* the pivot of the last candidate */
		while (p <= last && (q = memchr(p, needle[r], (size_t)(last - p) + 1))) {
			if (q[-(ptrdiff_t)r] == needle[0] &&
			    q[(ptrdiff_t)(m - 1 - r)] == needle[m - 1] &&
			    memcmp(q - r, needle, m) == 0)
				return q - r;
			p = q + 1;
		}
		return NULL;
	}
	while (m <= (size_t)(end - p) &&
	       (p = memchr(p, needle[0], (size_t)(end - p) - m + 1)) != NULL) {
		if (memcmp(p, needle, m) == 0)
			return p;
		p++;
	}
	return NULL;
}

static int word_char(char c)
{
	return clint_isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * Work budget of the term checks: every search through the document text
 * and every walk through the definitions spends from it, and a check stops
 * (keeping what it found) when it runs out. 64 passes over the text plus
 * 16 MB is more than the CUAD contracts need (their findings are the same
 * without it) and keeps an adversarial input linear in its size.
 */
typedef struct {
	size_t left;
} budget;

static budget budget_for(const clint_doc *doc)
{
	budget b;

	b.left = doc->norm_len < SIZE_MAX / 128 ? 64 * doc->norm_len + (16u << 20)
	                                         : SIZE_MAX;
	return b;
}

/* Spends `cost`; false if the budget is exhausted. */
static int spend(budget *b, size_t cost)
{
	if (cost > b->left) {
		b->left = 0;
		return 0;
	}
	b->left -= cost;
	return 1;
}

/* find_bytes() charged to budget `b`: NULL also when it is exhausted. */
static const char *budget_find(budget *b, const char *hay, size_t n,
                               const char *needle, size_t m)
{
	const char *p = find_bytes(hay, n, needle, m);

	if (!spend(b, p ? (size_t)(p - hay) + m : n))
		return NULL;
	return p;
}

/* True if norm[i..i+n) is a whole word (or words). */
static int whole_word(const clint_doc *doc, size_t i, size_t n)
{
	return (i == 0 || !word_char(doc->norm[i - 1])) &&
	       (i + n >= doc->norm_len || !word_char(doc->norm[i + n]));
}

/* Reports norm range [a, b) with `detail` (owned by the callee). */
static int report_norm(const clint_doc *doc, clint_check_hit_fn hit, void *ctx,
                       size_t a, size_t b, char *detail)
{
	return report(hit, ctx, clint_doc_norm_to_text(doc, a),
	              clint_doc_norm_end_to_text(doc, b), detail);
}

/* Line of norm offset `off`, for messages naming the other side. */
static unsigned norm_line(const clint_doc *doc, size_t off)
{
	clint_location loc;

	if (clint_doc_locate(doc, clint_doc_norm_to_text(doc, off), &loc) < 0)
		return 0;
	return loc.line;
}

static int block_is_heading(const clint_doc *doc, size_t off)
{
	size_t b = clint_doc_block_at_norm(doc, off);

	return b != (size_t)-1 && doc->blocks[b].type == CLINT_BLOCK_HEADING;
}

/* True if `t` has letters and no lower-case letter ("ESCROW AGENT"). */
static int all_caps(const char *t)
{
	int letters = 0;

	for (; *t; t++) {
		if (clint_islower((unsigned char)*t))
			return 0;
		letters |= clint_isalpha((unsigned char)*t) != 0;
	}
	return letters;
}

/*
 * The definitions sorted by term, so that a term is found by binary
 * search: find_definition() walked every definition, and the checks ask
 * for each phrase or word they judge (4,096 definitions and a misspelt
 * party name used again and again: 9 s for 5 MB). `caps` holds the terms
 * in capitals, sorted without regard to case.
 */
typedef struct {
	const char *term;
	size_t len, idx;
} def_key;

typedef struct {
	def_key *exact, *caps;
	size_t count, ncaps;
} def_index;

/* Compares t[0..tn) with a[0..an) followed by the string sfx, in bytes
 * or without regard to ASCII case. */
static int cmp_parts(const char *t, size_t tn, const char *a, size_t an,
                     const char *sfx, int caseless)
{
	size_t k, sn = strlen(sfx), n = an + sn;

	for (k = 0; k < tn && k < n; k++) {
		int x = (unsigned char)t[k];
		int y = (unsigned char)(k < an ? a[k] : sfx[k - an]);

		if (caseless) {
			x = clint_tolower(x);
			y = clint_tolower(y);
		}
		if (x != y)
			return x < y ? -1 : 1;
	}
	return tn < n ? -1 : tn > n;
}

static int by_term(const void *a, const void *b)
{
	const def_key *x = a, *y = b;
	int c = cmp_parts(x->term, x->len, y->term, y->len, "", 0);

	return c ? c : (x->idx < y->idx ? -1 : x->idx > y->idx);
}

static int by_term_caseless(const void *a, const void *b)
{
	const def_key *x = a, *y = b;
	int c = cmp_parts(x->term, x->len, y->term, y->len, "", 1);

	return c ? c : (x->idx < y->idx ? -1 : x->idx > y->idx);
}

static int make_def_index(const clint_doc *doc, def_index *dx)
{
	size_t i, n = doc->definition_count;

	dx->count = dx->ncaps = 0;
	dx->exact = malloc((n + 1) * sizeof(*dx->exact));
	dx->caps = malloc((n + 1) * sizeof(*dx->caps));
	if (!dx->exact || !dx->caps)
		return CLINT_ENOMEM;
	for (i = 0; i < n; i++) {
		def_key k = {doc->definitions[i].term,
		             strlen(doc->definitions[i].term), i};

		dx->exact[dx->count++] = k;
		if (all_caps(k.term))
			dx->caps[dx->ncaps++] = k;
	}
	qsort(dx->exact, dx->count, sizeof(def_key), by_term);
	qsort(dx->caps, dx->ncaps, sizeof(def_key), by_term_caseless);
	return CLINT_OK;
}

static void free_def_index(def_index *dx)
{
	free(dx->exact);
	free(dx->caps);
}

/* The first definition, in document order, whose term is a[0..an)
 * followed by sfx (caseless: in `caps`, without regard to case); better
 * if that comes before *best, which it replaces. */
static void find_term(const def_index *dx, const char *a, size_t an,
                      const char *sfx, int caseless, long *best)
{
	const def_key *keys = caseless ? dx->caps : dx->exact;
	size_t lo = 0, hi = caseless ? dx->ncaps : dx->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_parts(keys[mid].term, keys[mid].len, a, an, sfx, caseless) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < (caseless ? dx->ncaps : dx->count) &&
	    cmp_parts(keys[lo].term, keys[lo].len, a, an, sfx, caseless) == 0 &&
	    (*best < 0 || (long)keys[lo].idx < *best))
		*best = (long)keys[lo].idx;
}

/* Index of the first definition of `term` (n bytes), exactly, in capitals
 * without regard to case, or as its plural or singular ("Service Level" /
 * "Service Levels", "Party" / "Parties"), or -1. */
static long find_definition(const def_index *dx, const char *term, size_t n)
{
	long best = -1;

	find_term(dx, term, n, "", 0, &best);
	find_term(dx, term, n, "", 1, &best);
	find_term(dx, term, n, "s", 0, &best);
	if (n >= 1 && term[n - 1] == 's')
		find_term(dx, term, n - 1, "", 0, &best);
	if (n >= 2 && term[n - 2] == 'e' && term[n - 1] == 's')
		find_term(dx, term, n - 2, "", 0, &best);
	if (n >= 4 && memcmp(term + n - 3, "ies", 3) == 0)
		find_term(dx, term, n - 3, "y", 0, &best);
	if (n >= 2 && term[n - 1] == 'y')
		find_term(dx, term, n - 1, "ies", 0, &best);
	return best;
}

/* ---- placeholders -------------------------------------------------------------- */

/* Words that make bracketed text legitimate in a final contract: redaction
 * markers of filed contracts, "[Reserved]", "[Signature page follows]". */
static const char *const bracket_ok[] = {
	"reserved", "intentionally", "omitted", "redacted", "deleted",
	"signature", "remainder", "page", "confidential", "continued", "form of",
	"exhibit", "schedule", "annex", "appendix", "logo", "seal", "sic",
	"emphasis", "footnote", "note", "translation", "blank", "filed",
	"portions", "text", "table", "graphic", "chart", "image", "attached",
	"certain", "information", "provided", "requested", "omission", "***",
	"removed", "withheld",
};

/* Words that make bracketed text a placeholder: "[insert date]". */
static const char *const bracket_fill[] = {
	"insert", "enter", "specify", "tbd", "tbc", "tba", "to be ", "drafting",
	"note:", "placeholder", "xx", "?", "select", "delete", "describe",
	"if applicable", "confirm",
};

/* Words that make bracketed text a placeholder whatever else it says:
 * "[Drafting note: ...]" although notes can be final, "[Fill in the
 * client's name]". */
static const char *const bracket_fill_first[] = {
	"drafting note", "note to draft", "note to drafter", "fill in",
	"to be completed", "to come",
};

/* ... and words that do so in a short bracket: "[Client Name]", "[Date]" */
static const char *const bracket_fill_short[] = {
	"name", "date", "number", "amount", "address", "client", "customer",
	"supplier", "provider", "vendor", "company", "party", "jurisdiction",
	"percentage",
};

static int contains_word_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w), i;

	for (i = 0; i + m <= n; i++)
		if (clint_tolower((unsigned char)s[i]) == clint_tolower((unsigned char)w[0]) &&
		    (i == 0 || !clint_isalpha((unsigned char)s[i - 1])) &&
		    clint_ascii_ieq(s + i, w, m))
			return 1;
	return 0;
}

/*
 * Classifies bracketed text s[0..n) (without the brackets): returns a
 * short reason if it is a placeholder, NULL if it reads as legitimate.
 * `after` is the character following "]".
 */
static const char *bracket_placeholder(const char *s, size_t n, char after,
                                       int in_sentence)
{
	size_t i, letters = 0, digits = 0, slash = 0, upper_start = 0, words = 1;
	int only_marks = 1;

	if (n == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (clint_isalpha(c))
			letters++;
		if (clint_isdigit(c))
			digits++;
		if (c == '/')
			slash++;
		if (c == ' ')
			words++;
		if (!(c == ' ' || c == '_' || c == '.' || c == '-' || c >= 0x80 ||
		      c == 'x' || c == 'X'))
			only_marks = 0;
	}
	/* "[***]", "[* * *]", "[**]": redaction markers of filed contracts */
	if (memchr(s, '*', n))
		return NULL;
	/* "[ ]", "[X]": tick boxes of a form */
	if (strspn(s, " ") == n)
		return NULL;
	if (only_marks) {
		/* "[●]", "[•]", "[...]", "[___]", "[ ]", "[XX]" */
		size_t a = strspn(s, " "), b = n;

		while (b > a && s[b - 1] == ' ')
			b--;
		if (b - a == 1 && (s[a] == 'x' || s[a] == 'X'))
			return NULL; /* "[x]", "[ x ]": a tick box */
		if (b - a == 3 && (!memcmp(s + a, "\xE2\x9C\x93", 3) ||  /* ✓ */
		                   !memcmp(s + a, "\xE2\x9C\x94", 3) ||  /* ✔ */
		                   !memcmp(s + a, "\xE2\x9C\x97", 3) ||  /* ✗ */
		                   !memcmp(s + a, "\xE2\x9C\x98", 3) ||  /* ✘ */
		                   !memcmp(s + a, "\xE2\x88\x9A", 3) ||  /* √ */
		                   !memcmp(s + a, "\xE2\x98\x90", 3) ||  /* ☐ */
		                   !memcmp(s + a, "\xE2\x98\x91", 3) ||  /* ☑ */
		                   !memcmp(s + a, "\xE2\x98\x92", 3)))   /* ☒ */
			return NULL;
		return "is a blank left to fill in";
	}
	/* "[T]he", "Part[ies]": an alteration inside a word */
	if (clint_isalpha((unsigned char)after))
		return NULL;
	if (letters == 0)
		return NULL; /* "[1]", "[2019]", "[$]" */
	if (letters == 1 && n <= 3)
		return NULL; /* "[a]", "[ii]" list letters */
	for (i = 0; i < ARRAY_LEN(bracket_fill_first); i++)
		if (contains_word_ci(s, n, bracket_fill_first[i]))
			return "is a placeholder left in the draft";
	for (i = 0; i < ARRAY_LEN(bracket_ok); i++)
		if (contains_word_ci(s, n, bracket_ok[i]))
			return NULL;
	/* "[shall/may]", "[Supplier/Client]": an open choice */
	if (slash && in_sentence && words <= 3 && n <= 40 && !memchr(s, ':', n) &&
	    !find_bytes(s, n, " /", 2))
		return "leaves a choice between alternatives open";
	for (i = 0; i < ARRAY_LEN(bracket_fill); i++)
		if (contains_word_ci(s, n, bracket_fill[i]))
			return "is a placeholder left in the draft";
	for (i = 0; words <= 3 && i < ARRAY_LEN(bracket_fill_short); i++)
		if (contains_word_ci(s, n, bracket_fill_short[i]))
			return "is a placeholder left in the draft";
	/* "[COMPENSATION]": a bracketed heading, not a field */
	for (i = 0; i < n && !clint_islower((unsigned char)s[i]); i++)
		;
	if (i == n)
		return NULL;
	/* "[Acme Ltd]", "[30] days" handled above; a short capitalised phrase
	 * "[Client]", "[Service Start]" reads as a placeholder name */
	upper_start = clint_isupper((unsigned char)s[0]);
	/* ... but "12. [Counterparts]" is a bracketed heading */
	if (upper_start && in_sentence && words <= 2 && n <= 30 && digits == 0)
		return "is a placeholder left in the draft";
	return NULL;
}

/* True if norm[a..b) (a line) looks like a signature block: "By: ____". */
static int signature_line(const char *s, size_t a, size_t u)
{
	static const char *const labels[] = {
		"by", "name", "title", "date", "dated", "its", "signature", "signed",
		"witness", "print", "per", "address", "attest", "position", "email",
		"fax", "tel", "phone", "initials", "director", "secretary",
	};
	size_t i, w;

	for (i = a; i < u; i++) {
		if (!clint_isalpha((unsigned char)s[i]) ||
		    (i > a && clint_isalpha((unsigned char)s[i - 1])))
			continue; /* labels start words */
		for (w = 0; w < ARRAY_LEN(labels); w++) {
			size_t m;
			if (clint_tolower((unsigned char)s[i]) != labels[w][0])
				continue;
			m = strlen(labels[w]);
			if (i + m <= u && clint_ascii_ieq(s + i, labels[w], m) &&
			    (i + m == u || !clint_isalpha((unsigned char)s[i + m])) &&
			    /* "Per: ____", "Per ____" sign for a company; "$____
			     * per month" is a price */
			    (strcmp(labels[w], "per") ||
			     (i + m < u && (s[i + m] == ':' ||
			                    (s[i + m] == ' ' && i + m + 1 < u &&
			                     s[i + m + 1] == '_')))))
				return 1;
		}
	}
	return 0;
}

/* Offset in norm of "IN WITNESS WHEREOF" (signature pages follow), or the
 * end of the text. */
static size_t witness_start(const clint_doc *doc)
{
	const char *p = find_bytes(doc->norm, doc->norm_len, "IN WITNESS", 10);

	if (!p)
		p = find_bytes(doc->norm, doc->norm_len, "In Witness", 10);
	return p ? (size_t)(p - doc->norm) : doc->norm_len;
}

static int check_placeholders(const clint_doc *doc, clint_budget *cpu,
                              clint_check_hit_fn hit, void *ctx)
{
	const char *s = doc->norm;
	size_t n = doc->norm_len, i, witness = witness_start(doc), poll = 0;
	char q[100];
	int rc;

	static const unsigned char opens[256] = {
		['['] = 1, ['{'] = 1, ['<'] = 1, ['_'] = 1, ['T'] = 1, ['X'] = 1,
	};

	for (i = 0; i < n; i++) {
		char c;
		size_t e;
		const char *why = NULL;

		/* to the next byte that can open a placeholder */
		i = clint_scan_to(opens, 1, s, i, n);
		if (i >= n)
			break;
		if (i >= poll) {
			if (time_up(cpu))
				break;
			poll = i + POLL_BYTES;
		}
		c = s[i];
		if (c == '[') {
			for (e = i + 1; e < n && e - i <= 80 && s[e] != ']' && s[e] != '[' &&
			                s[e] != '\n';
			     e++)
				;
			if (e >= n || s[e] != ']')
				continue;
			{
				size_t b = i;
				while (b > 0 && s[b - 1] == ' ')
					b--;
				size_t f = e + 1;
				while (f < n && s[f] == ' ')
					f++;
				/* in running text: a word before, and a lower-case word
				 * or punctuation after ("[Client] shall", "to [Client].") */
				why = bracket_placeholder(
					s + i + 1, e - i - 1, e + 1 < n ? s[e + 1] : ' ',
					b > 0 && (clint_isalpha((unsigned char)s[b - 1]) || s[b - 1] == ',') &&
						(f >= n || clint_islower((unsigned char)s[f]) ||
						 strchr(",;.:)\n", s[f])));
			}
			if (why && i > 0 && clint_isalpha((unsigned char)s[i - 1]))
				why = NULL; /* "Party[ies]" */
			e++;
		} else if (c == '{' && i + 1 < n && s[i + 1] == '{') {
			for (e = i + 2; e + 1 < n && e - i <= 80 && s[e] != '}' && s[e] != '\n'; e++)
				;
			if (e + 1 >= n || s[e] != '}' || s[e + 1] != '}')
				continue;
			e += 2;
			why = "is a template field left in the draft";
		} else if (c == '{') {
			/* "${monthly_fee}", "{start_date}": a template variable, a
			 * name of letters, digits, "_" and "." */
			for (e = i + 1; e < n && e - i <= 41 &&
			                (clint_isalnum((unsigned char)s[e]) || s[e] == '_' ||
			                 s[e] == '.');
			     e++)
				;
			/* not half of an unclosed "{{fee}" */
			if (e >= n || s[e] != '}' || e - i < 3 ||
			    (i > 0 && s[i - 1] == '{') ||
			    (e + 1 < n && s[e + 1] == '}') ||
			    !(clint_isalpha((unsigned char)s[i + 1]) || s[i + 1] == '_'))
				continue;
			e++;
			if (i > 0 && s[i - 1] == '$')
				i--;
			why = "is a template field left in the draft";
		} else if (c == '<' && i + 2 < n &&
		           (clint_isupper((unsigned char)s[i + 1]) ||
		            clint_ascii_ieq(s + i + 1, "insert", 6))) {
			int caps = clint_isupper((unsigned char)s[i + 1]) != 0;
			for (e = i + 1; e < n && e - i <= 60 && s[e] != '>' && s[e] != '\n'; e++)
				if (clint_islower((unsigned char)s[e]))
					caps = 0;
			if (e >= n || s[e] != '>')
				continue;
			if (!caps && !clint_ascii_ieq(s + i + 1, "insert", 6))
				continue;
			e++;
			why = "is a template field left in the draft";
		} else if (c == '_' && i + 2 < n && !memcmp(s + i, "___", 3)) {
			size_t a = i, ls, le;
			int before, after;
			for (e = i; e < n && s[e] == '_'; e++)
				;
			/* blanks on signature pages and in signature blocks are for
			 * ink: only a blank inside a sentence is a gap in the terms */
			{
				/* the sentence around the blank ("By: ____" ends one) */
				size_t si = clint_doc_sentence_at_norm(doc, i);
				ls = si != (size_t)-1 ? doc->sentences[2 * si] : i;
				le = si != (size_t)-1 ? doc->sentences[2 * si + 1] : e;
			}
			/* a word before ("within ____", "Notice period: ____"),
			 * or a currency sign on it ("$____", "€____"); a word in
			 * lower case after, or a figure in brackets ("____ days",
			 * "____ (__) days") */
			{
				/* the sign on the blank or a space before it */
				size_t cs = a > ls && s[a - 1] == ' ' ? a - 1 : a;

				before = (a > ls + 1 &&
				          (clint_isalnum((unsigned char)s[a - 2]) ||
				           (s[a - 2] == ':' && s[a - 1] == ' '))) ||
				         (cs > ls && s[cs - 1] == '$') ||
				         (cs >= ls + 2 && !memcmp(s + cs - 2, "\xC2\xA3", 2)) ||
				         (cs >= ls + 3 &&
				          !memcmp(s + cs - 3, "\xE2\x82\xAC", 3));
			}
			after = e + 1 < n && s[e] == ' ' &&
			        (clint_islower((unsigned char)s[e + 1]) || s[e + 1] == '(');
			if (i >= witness ||
			    signature_line(s, a > ls + 40 ? a - 40 : ls,
			                   e + 40 < le ? e + 40 : le) ||
			    !(before && after)) {
				i = e;
				continue;
			}
			why = "is a blank left to fill in";
		} else if ((c == 'T' || c == 'X') && (i == 0 || !word_char(s[i - 1]))) {
			for (e = i; e < n && (clint_isalnum((unsigned char)s[e])); e++)
				;
			if (c == 'T' && e - i == 3 &&
			    (!strncmp(s + i, "TBD", 3) || !strncmp(s + i, "TBC", 3) ||
			     !strncmp(s + i, "TBA", 3)))
				why = "marks a decision not yet made";
			else if (c == 'X' && e - i >= 2 && e - i <= 6 &&
			         strspn(s + i, "X") == e - i) {
				/* "Article XX" is a roman numeral */
				size_t b = i;
				while (b > 0 && s[b - 1] == ' ')
					b--;
				if (!(ends_with_at(s, b, "article") || ends_with_at(s, b, "section") ||
				      ends_with_at(s, b, "part") || ends_with_at(s, b, "chapter") ||
				      ends_with_at(s, b, "schedule") || ends_with_at(s, b, "exhibit") ||
				      ends_with_at(s, b, "annex") || ends_with_at(s, b, "appendix") ||
				      ends_with_at(s, b, "title") || ends_with_at(s, b, "clause")) &&
				    !(e < n && (s[e] == '.' && e + 1 < n && s[e + 1] != ' ')) &&
				    !block_is_heading(doc, i))
					why = "is a figure left to fill in";
			}
			if (!why) {
				i = e > i ? e - 1 : i;
				continue;
			}
		} else {
			continue;
		}
		if (!why)
			continue;
		quote(doc, clint_doc_norm_to_text(doc, i),
		      clint_doc_norm_end_to_text(doc, e), q, sizeof(q));
		rc = report_norm(doc, hit, ctx, i, e,
		                 format("'%s' %s", q, why));
		if (rc < 0)
			return rc;
		i = e - 1;
	}
	return CLINT_OK;
}

/* ---- defined terms ------------------------------------------------------------- */

/* Words that are capitalised without being defined terms: the last word of
 * a statute, an institution, a place or a company. */
static const char *const proper_last[] = {
	"Act", "Code", "Rules", "Rule", "Regulation", "Regulations", "Directive",
	"Law", "Laws", "Treaty", "Convention", "Court", "Courts", "Commission",
	"Exchange", "Board", "Department", "Office", "Agency", "Authority",
	"Government", "Bank", "Association", "Institute", "Council", "Union",
	"Reserve", "Administration", "Bureau", "Ministry", "Corporation", "Inc",
	"Ltd", "LLC", "Limited", "Company", "Group", "States", "Kingdom",
	"Republic", "Nations", "Commonwealth", "Street", "Avenue", "Road",
	"County", "City", "Province", "Organization", "Organisation",
	"University", "Foundation", "Trust", "Fund", "Chamber", "Tribunal",
	"Centre", "Center", "Agreement", "Agreements", "Contract", "Section",
	"Sections", "Clause", "Clauses", "Article", "Articles", "Schedule",
	"Schedules", "Exhibit", "Exhibits", "Annex", "Appendix", "Party",
	"Parties", "Amendment", "Plc", "PLC", "Corp", "Co", "GmbH", "AG", "SA",
	"BV", "LLP", "LP", "Partnership", "Service", "System", "Program",
	"Programme", "Policy", "Plan", "Standard", "Standards", "Procedures",
	"Guidelines", "Manual", "Statement", "Order", "Orders", "Form",
	"Certificate", "Letter", "Notice", "Protocol", "Regime", "Framework",
	"State", "Federal", "Journal", "Open", "Cup", "Games", "Olympics",
	"Championship", "Festival", "Conference", "Show", "Award", "Awards",
	/* job titles and parts of documents */
	"Officer", "Director", "Accountant", "Secretary", "President",
	"Chairman", "Treasurer", "Trustee", "Trustees", "Web", "Page",
	"Provisions", "Thereby", "Hereby", "Hereof",
};

static const char *const months_days[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December", "Monday",
	"Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	"Internet", "English", "French", "German", "Euro", "Euros", "Dollar",
	"Dollars", "Pound", "Pounds", "Sterling", "God", "Christmas", "Easter",
};

/* A word list indexed by first byte: in_list() compares only the words
 * of the same initial and length. Built once (pthread_once). */
#define WORD_INDEX_MAX 160
typedef struct {
	const char *const *words;
	size_t n;
	short head[256];              /* first word of each initial, or -1 */
	short next[WORD_INDEX_MAX];   /* next word of the same initial, or -1 */
	unsigned char len[WORD_INDEX_MAX];
} word_index;

static word_index proper_index, months_index, roles_index;
static pthread_once_t word_index_once = PTHREAD_ONCE_INIT;

static void build_index(word_index *x, const char *const *words, size_t n)
{
	size_t i;

	x->words = words;
	x->n = n < WORD_INDEX_MAX ? n : WORD_INDEX_MAX;
	memset(x->head, 0xff, sizeof(x->head));
	for (i = x->n; i-- > 0;) {
		unsigned char c = (unsigned char)words[i][0];
		x->len[i] = (unsigned char)strlen(words[i]);
		x->next[i] = x->head[c];
		x->head[c] = (short)i;
	}
}

static void build_indexes(void); /* after the lists (party_roles below) */

/* True if w[0..len) is one of the words of `x`. */
static int in_list(const word_index *x, const char *w, size_t len)
{
	short i;

	if (!len)
		return 0;
	pthread_once(&word_index_once, build_indexes);
	for (i = x->head[(unsigned char)w[0]]; i >= 0; i = x->next[i])
		if (x->len[i] == len && memcmp(x->words[i], w, len) == 0)
			return 1;
	return 0;
}

#define MAX_UNDEFINED_REPORTS 10
#define PHRASE_SET 8192 /* distinct phrases remembered (a power of two) */
#define PHRASE_MAX 48   /* bytes of a candidate phrase: under this */

typedef struct {
	uint32_t key;    /* FNV-1a hash of the phrase, never 0 */
	uint32_t count;
} phrase_slot;

static uint32_t phrase_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h ? h : 1;
}

/* The slot of phrase s[0..n) in `set`, added if `add`; NULL if absent (or
 * the set is full: a phrase that cannot be counted is never reported). */
static phrase_slot *phrase_slot_for(phrase_slot *set, const char *s, size_t n,
                                    int add)
{
	uint32_t h = phrase_hash(s, n);
	size_t probe;

	for (probe = 0; probe < 64; probe++) {
		phrase_slot *slot = &set[(h + probe) & (PHRASE_SET - 1)];
		if (slot->key == h)
			return slot;
		if (!slot->key) {
			if (!add)
				return NULL;
			slot->key = h;
			return slot;
		}
	}
	return NULL;
}

/* Length of the determiner ("the ", "any ", "such ", "each ", "all ",
 * "that ") that ends at s[a) (its space is s[a - 1]), or 0. At most one
 * can: none ends with the last four bytes of another. */
static size_t determiner_before(const char *s, size_t a)
{
	if (a >= 4) {
		const char *p = s + a - 4;
		if (!memcmp(p, "the ", 4) || !memcmp(p, "any ", 4) ||
		    !memcmp(p, "all ", 4))
			return 4;
	}
	if (a >= 5) {
		const char *p = s + a - 5;
		if (!memcmp(p, "that ", 5) || !memcmp(p, "such ", 5) ||
		    !memcmp(p, "each ", 5))
			return 5;
	}
	return 0;
}

/*
 * The next candidate whose determiner starts at or after *i: a run of
 * capitalised words after a determiner ("the Acceptance Tests") that is
 * not ALL CAPS, not a statute, institution, place or month, not a
 * numbered label ("Priority 1") and not in a heading. Sets [*a, *b) and
 * *words; advances *i past what it read.
 *
 * A candidate starts at a capital letter after a space, so the scan goes
 * from capital to capital (one table load a byte) and looks back for the
 * determiner. A determiner must follow a non-letter, and not open the
 * text. Once a run of capitalised words has been read whole, the next
 * determiner is looked for after it (*i = *b).
 */
static int next_candidate(const clint_doc *doc, size_t *i, size_t *a,
                          size_t *b, size_t *words)
{
	const char *s = doc->norm;
	size_t n = doc->norm_len, w, p, d, k;

	for (p = *i + 4; p < n; p++) {
		int proper = 0, caps = 0;

		/* to the next capital after a space */
		for (;;) {
			p = clint_scan_to(clint_ascii_class, CLINT_A_UPPER, s, p, n);
			if (p >= n || s[p - 1] == ' ')
				break;
			p++;
		}
		if (p >= n)
			break;
		if (!(d = determiner_before(s, p)))
			continue;
		k = p - d;
		if (k < *i || k == 0 || clint_isalpha((unsigned char)s[k - 1]))
			continue;
		*a = p;
		*b = *a;
		*words = 0;
		/* the run of capitalised words after the determiner */
		for (w = *a; w < n && *words < 5;) {
			size_t e = w, u, up = 0;
			if (!clint_isupper((unsigned char)s[w]))
				break;
			while (e < n && (clint_isalpha((unsigned char)s[e]) || s[e] == '-'))
				e++;
			if (e == w + 1 || (e < n && word_char(s[e])))
				break; /* "A", "Q3" */
			for (u = w; u < e; u++)
				up += clint_isupper((unsigned char)s[u]) != 0;
			if (up == e - w)
				caps = 1; /* "the SOW", "the AGREEMENT" */
			*b = e;
			(*words)++;
			if (e + 1 < n && s[e] == ' ' && clint_isupper((unsigned char)s[e + 1]))
				w = e + 1;
			else
				break;
		}
		if (!*words || caps || *b - *a >= PHRASE_MAX)
			continue;
		/* determiners inside the run are not looked at again */
		*i = *b;
		p = *b;
		{
			size_t lw = *b;
			while (lw > *a && s[lw - 1] != ' ')
				lw--;
			proper = in_list(&proper_index, s + lw, *b - lw);
			for (w = *a; w < *b && !proper;) {
				size_t e = w;
				while (e < *b && s[e] != ' ')
					e++;
				if (in_list(&months_index, s + w, e - w))
					proper = 1;
				w = e + 1;
			}
		}
		/* "Priority 1 Incident", "Phase 2": a label with a number */
		if (*b + 1 < n && s[*b] == ' ' && clint_isdigit((unsigned char)s[*b + 1]))
			continue;
		/* "the State of New York", "the Bank of England" */
		if (proper || (*b + 4 < n && !strncmp(s + *b, " of ", 4) &&
		               clint_isupper((unsigned char)s[*b + 4])))
			continue;
		if (block_is_heading(doc, *a))
			continue;
		return 1;
	}
	*i = n;
	return 0;
}

typedef struct {
	size_t a, b, words;
} candidate;

/* Every candidate of the document, in order, in a new array (the
 * caller's to free), its length in *count. */
static int collect_candidates(const clint_doc *doc, candidate **out,
                              size_t *count)
{
	size_t i = 0, cap = 0, a, b, words;
	candidate *list = NULL;

	*count = 0;
	while (next_candidate(doc, &i, &a, &b, &words)) {
		if (ARRAY_PUSH(list, *count, cap) < 0) {
			free(list);
			*out = NULL;
			*count = 0;
			return CLINT_ENOMEM;
		}
		list[*count].a = a;
		list[*count].b = b;
		list[(*count)++].words = words;
	}
	*out = list;
	return CLINT_OK;
}

/* Adds to `set` every quoted phrase of the document ("Services", and
 * "Redundancy Cap" for "the Redundancy Cap"): a quoted phrase is defined
 * or named somewhere, in a form the segmenter may not know. */
static void collect_quoted(const clint_doc *doc, phrase_slot *set)
{
	const char *s = doc->norm;
	size_t n = doc->norm_len, i, e;

	for (i = 0; i < n; i++) {
		const char *q = memchr(s + i, '"', n - i);

		if (!q)
			break;
		i = (size_t)(q - s);
		for (e = i + 1; e < n && e - i <= 66 && s[e] != '"' && s[e] != '\n'; e++)
			;
		if (e >= n || s[e] != '"')
			continue;
		if (e > i + 1) {
			phrase_slot_for(set, s + i + 1, e - i - 1, 1);
			if (e > i + 5 && (!strncmp(s + i + 1, "the ", 4) ||
			                  !strncmp(s + i + 1, "The ", 4)))
				phrase_slot_for(set, s + i + 5, e - i - 5, 1);
		}
		i = e;
	}
}

/* Adds to `set` the capitalised phrases followed by "as defined",
 * "(defined": "Purchased Assets (as defined in the Asset Purchase
 * Agreement)" is defined in another document. */
static void collect_defined_elsewhere(const clint_doc *doc, phrase_slot *set)
{
	static const char *const marks[] = {"as defined", "(defined",
	                                    "as such term is defined"};
	const char *s = doc->norm;
	size_t n = doc->norm_len, m;

	for (m = 0; m < ARRAY_LEN(marks); m++) {
		size_t k = 0, ml = strlen(marks[m]);
		const char *p;
		while (k < n && (p = find_bytes(s + k, n - k, marks[m], ml))) {
			size_t e = (size_t)(p - s), words = 0, st;
			k = e + ml;
			while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '(' || s[e - 1] == ','))
				e--;
			/* up to five capitalised words before it, each suffix */
			st = e;
			while (words < 5 && st > 0) {
				size_t w = st;
				while (w > 0 && (clint_isalpha((unsigned char)s[w - 1]) || s[w - 1] == '-'))
					w--;
				if (w == st || !clint_isupper((unsigned char)s[w]))
					break;
				phrase_slot_for(set, s + w, e - w, 1);
				words++;
				if (w < 2 || s[w - 1] != ' ')
					break;
				st = w - 1;
			}
		}
	}
}

/*
 * The words a phrase can name a section heading by, sorted without
 * regard to case: each run of whole words from the heading's start
 * (ending at a space, a full stop or the heading's end) and each run up
 * to its end (after a space), of under PHRASE_MAX bytes. Looking each
 * phrase up in it replaces a walk through every heading per phrase, which
 * took 27 s on 2 MB with 8,000 phrases and many headings.
 */
typedef struct {
	const char *s;
	size_t n;
} heading_key;

typedef struct {
	heading_key *keys;
	size_t count;
	int made;
} heading_index;

static int by_heading_key(const void *a, const void *b)
{
	const heading_key *x = a, *y = b;

	return cmp_parts(x->s, x->n, y->s, y->n, "", 1);
}

static int add_heading_key(heading_index *hx, size_t *cap, const char *s,
                           size_t n)
{
	if (ARRAY_PUSH(hx->keys, hx->count, *cap) < 0)
		return CLINT_ENOMEM;
	hx->keys[hx->count].s = s;
	hx->keys[hx->count++].n = n;
	return CLINT_OK;
}

static int make_heading_index(const clint_doc *doc, heading_index *hx)
{
	size_t i, k, cap = 0;
	int rc = CLINT_OK;

	hx->made = 1;
	for (i = 0; i < doc->section_count && rc == CLINT_OK; i++) {
		const char *h = doc->sections[i].heading;
		size_t hl = h ? strlen(h) : 0;

		for (k = 1; k <= hl && k < PHRASE_MAX && rc == CLINT_OK; k++)
			if (k == hl || h[k] == ' ' || h[k] == '.')
				rc = add_heading_key(hx, &cap, h, k);
		for (k = hl > PHRASE_MAX ? hl - PHRASE_MAX : 1; k < hl && rc == CLINT_OK;
		     k++)
			if (h[k - 1] == ' ' && hl - k < PHRASE_MAX)
				rc = add_heading_key(hx, &cap, h + k, hl - k);
	}
	if (hx->count > 1)
		qsort(hx->keys, hx->count, sizeof(*hx->keys), by_heading_key);
	return rc;
}

/* True if s[0..n) names a heading of the index. */
static int names_heading(const heading_index *hx, const char *s, size_t n)
{
	size_t lo = 0, hi = hx->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_parts(hx->keys[mid].s, hx->keys[mid].n, s, n, "", 1);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Sets *known if the phrase s[a..b) is covered by a defined term (itself,
 * its plural or singular, a part of a longer one: "Tax Estimate" in
 * "Party Tax Estimate", or a defined term plus a word: "Client Data"
 * where "Client" is defined) or names a section heading (the index is
 * made on first use). */
static int term_known(const clint_doc *doc, const def_index *dx,
                      heading_index *hx, size_t a, size_t b, int *known)
{
	const char *s = doc->norm;
	size_t n = b - a, i, w;

	*known = 1;
	if (find_definition(dx, s + a, n) >= 0)
		return CLINT_OK;
	for (i = 0; i < doc->definition_count; i++) {
		const char *t = doc->definitions[i].term, *p = t;
		while (p && *p) {
			if (strncmp(p, s + a, n) == 0 && (p == t || p[-1] == ' ') &&
			    (p[n] == '\0' || p[n] == ' ' || p[n] == 's'))
				return CLINT_OK;
			p = strchr(p, ' ');
			if (p)
				p++;
		}
	}
	for (w = a; w < b; w++) {
		if (s[w] != ' ')
			continue;
		if (find_definition(dx, s + a, w - a) >= 0 ||
		    find_definition(dx, s + w + 1, b - w - 1) >= 0)
			return CLINT_OK;
	}
	if (!hx->made && make_heading_index(doc, hx) < 0)
		return CLINT_ENOMEM;
	*known = names_heading(hx, s + a, n);
	return CLINT_OK;
}

/*
 * Capitalised phrases used like defined terms ("the Acceptance Tests",
 * "any Service Credits") that the document never defines. Only in a
 * document that defines terms (at least 3), only after a determiner in
 * the middle of a sentence, never in headings, and not for statutes,
 * institutions, places, months and the like, nor for a phrase quoted
 * anywhere or "as defined" in another document. One finding per phrase,
 * when it is used so at least twice (a single word: five times), at most
 * MAX_UNDEFINED_REPORTS. Three passes over the text (quoted phrases, "as
 * defined" phrases, counts); then for each distinct phrase judged (at most
 * 4 * PHRASE_SET), a walk through the definitions (at most
 * CLINT_MAX_DEFINITIONS) and a look-up in the index of headings.
 */
static int check_undefined_terms(const clint_doc *doc, clint_budget *cpu,
                                 clint_check_hit_fn hit, void *ctx)
{
	const char *s = doc->norm;
	size_t i, a, b, words, reported = 0, judged = 0;
	phrase_slot *counts = NULL, *quoted = NULL;
	candidate *cand = NULL;
	heading_index hx = {NULL, 0, 0};
	def_index dx = {NULL, NULL, 0, 0};
	size_t ncand = 0;
	int rc = CLINT_OK, known;

	if (doc->definition_count < 3)
		return CLINT_OK;
	TRY(make_def_index(doc, &dx));
	counts = calloc(PHRASE_SET, sizeof(*counts));
	quoted = calloc(PHRASE_SET, sizeof(*quoted));
	if (!counts || !quoted) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	collect_quoted(doc, quoted);
	collect_defined_elsewhere(doc, quoted);
	TRY(collect_candidates(doc, &cand, &ncand));
	for (i = 0; i < ncand; i++) {
		phrase_slot *c = phrase_slot_for(counts, s + cand[i].a,
		                                 cand[i].b - cand[i].a, 1);
		if (c && c->count < 1000)
			c->count++;
	}
	for (i = 0; reported < MAX_UNDEFINED_REPORTS &&
	            judged < 4 * PHRASE_SET && i < ncand && !time_up(cpu); i++) {
		phrase_slot *c;
		char q[48];

		a = cand[i].a;
		b = cand[i].b;
		words = cand[i].words;
		c = phrase_slot_for(counts, s + a, b - a, 0);

		/* count 0 marks a phrase already judged */
		if (!c || c->count < (words > 1 ? 2u : 5u))
			continue;
		c->count = 0;
		judged++;
		if (phrase_slot_for(quoted, s + a, b - a, 0))
			continue;
		TRY(term_known(doc, &dx, &hx, a, b, &known));
		if (known)
			continue;
		memcpy(q, s + a, b - a);
		q[b - a] = '\0';
		TRY(report_norm(doc, hit, ctx, a, b,
		                format("'%s' is capitalised like a defined term, "
		                       "but the document does not define it",
		                       q)));
		reported++;
	}
done:
	free_def_index(&dx);
	free(hx.keys);
	free(cand);
	free(counts);
	free(quoted);
	return rc;
}

/* Number of uses of definition `di`'s term (or its plural/singular)
 * outside the quotes of every definition of it; stops at `enough`. */
static size_t term_uses(const clint_doc *doc, size_t di, size_t enough,
                        budget *bud)
{
	const char *t = doc->definitions[di].term, *s = doc->norm;
	size_t m = strlen(t), k = 0, uses = 0, j;
	/* the next byte that is stem[0] in lower and in upper case, kept from
	 * one candidate to the next: found again from each, a case that never
	 * occurs was looked for to the end each time (a 5.8 MB text of
	 * "1ZAP" with "ZAP" defined: 7.7 s, growing as the square) */
	size_t nl = 0, nu = 0;
	int found = 0;
	char stem[80];
	int caps = all_caps(t);

	/* "Parties" is used as "Party", "Services" as "Service" */
	if (m >= sizeof(stem))
		return enough;
	memcpy(stem, t, m + 1);
	/* "Affiliate(s)", "UPDATE(S)", "Part(ies)": the stem before it */
	if (m > 4 && stem[m - 1] == ')' && strchr(stem, '(')) {
		m = (size_t)(strrchr(stem, '(') - stem);
		stem[m] = '\0';
	}
	if (m > 4 && !strcasecmp(stem + m - 3, "ies"))
		m -= 3;
	else if (m > 3 && (stem[m - 1] == 's' || stem[m - 1] == 'S'))
		m--;
	else if (m > 3 && (stem[m - 1] == 'y' || stem[m - 1] == 'Y'))
		m--;
	while (uses < enough && k + m <= doc->norm_len) {
		const char *p = NULL;
		size_t at, e;
		int inside = 0;

		if (caps) {
			/* "CONFIDENTIAL INFORMATION" is used as "Confidential
			 * Information" */
			size_t k0 = k;
			if (m == 0) {
				if (k + m <= doc->norm_len)
					p = s + k;
			} else if (k + m <= doc->norm_len) {
				/* the candidates are the bytes that are stem[0] in
				 * either case: memchr finds each case in turn */
				size_t lim = doc->norm_len - m + 1, c;
				char lo = (char)clint_tolower(stem[0]),
				     up = (char)clint_toupper(stem[0]);

				if (!found || nl < k)
					nl = clint_next_byte(s, k, lim, lo);
				if (!found || nu < k)
					nu = lo == up ? nl : clint_next_byte(s, k, lim, up);
				found = 1;
				for (;;) {
					c = nl < nu ? nl : nu;
					if (c >= lim) {
						k = lim;
						break;
					}
					if (clint_ascii_ieq(s + c, stem, m)) {
						k = c;
						p = s + c;
						break;
					}
					if (nl == c)
						nl = clint_next_byte(s, c + 1, lim, lo);
					if (nu == c)
						nu = lo == up ? nl : clint_next_byte(s, c + 1, lim, up);
				}
			}
			if (!spend(bud, (k - k0 + 1) * 2))
				return enough; /* out of budget: say it is used */
		} else {
			p = budget_find(bud, s + k, doc->norm_len - k, stem, m);
			if (!bud->left)
				return enough;
		}
		if (!p)
			break;
		/* the definitions holding this use: charged too */
		if (!spend(bud, doc->definition_count))
			return enough;
		at = (size_t)(p - s);
		k = at + 1;
		if (at > 0 && word_char(s[at - 1]))
			continue;
		e = at + m;
		while (e < doc->norm_len && e < at + m + 3 && clint_isalpha((unsigned char)s[e]) &&
		       (caps || clint_islower((unsigned char)s[e])))
			e++;
		if (e < doc->norm_len && word_char(s[e]))
			continue;
		for (j = 0; j < doc->definition_count && !inside; j++)
			if (at >= doc->definitions[j].norm_start &&
			    at < doc->definitions[j].norm_end)
				inside = 1;
		if (!inside)
			uses++;
	}
	return uses;
}

/* Terms defined and never used. Party and agreement names are skipped:
 * they are defined out of habit. */
static int check_unused_terms(const clint_doc *doc, clint_budget *cpu,
                              clint_check_hit_fn hit, void *ctx)
{
	size_t i, j;
	budget bud = budget_for(doc);
	int rc;

	for (i = 0; i < doc->definition_count && bud.left && !time_up(cpu); i++) {
		const clint_idefinition *d = &doc->definitions[i];
		int first = 1;

		if (!spend(&bud, i))
			break;
		for (j = 0; j < i && first; j++)
			if (!strcmp(doc->definitions[j].term, d->term))
				first = 0;
		if (!first || (d->preamble && d->form == CLINT_IDEF_INLINE) ||
		    !strcmp(d->term, "Agreement") ||
		    !strcmp(d->term, "Party") || !strcmp(d->term, "Parties"))
			continue;
		if (term_uses(doc, i, 1, &bud) > 0)
			continue;
		rc = report_norm(doc, hit, ctx, d->norm_start, d->norm_end,
		                 format("\"%s\" is defined here but never used "
		                        "elsewhere in the document",
		                        d->term));
		if (rc < 0)
			return rc;
	}
	return CLINT_OK;
}

/* Compares two defining texts ignoring case, spaces and punctuation. */
static int same_meaning(const clint_doc *doc, const clint_idefinition *a,
                        const clint_idefinition *b)
{
	size_t i = a->def_start, j = b->def_start;

	for (;;) {
		while (i < a->def_end && !clint_isalnum((unsigned char)doc->norm[i]))
			i++;
		while (j < b->def_end && !clint_isalnum((unsigned char)doc->norm[j]))
			j++;
		if (i >= a->def_end || j >= b->def_end)
			return i >= a->def_end && j >= b->def_end;
		if (clint_tolower((unsigned char)doc->norm[i]) !=
		    clint_tolower((unsigned char)doc->norm[j]))
			return 0;
		i++;
		j++;
	}
}

/* True if the sentence of a definition makes it conditional or local:
 * "if the Code is amended, "UCC" shall mean ...", "for purposes of this
 * Section, "Losses" means ...". */
static int local_definition(const clint_doc *doc, const clint_idefinition *d)
{
	static const char *const marks[] = {
		"if ", "If ", "in the event", "In the event", "for purposes of",
		"For purposes of", "for the purpose", "For the purpose", "used in",
		"used as", "with respect to", "references", "References", "as used",
		"As used",
	};
	size_t si = clint_doc_sentence_at_norm(doc, d->norm_start), a, w;

	if (si == (size_t)-1)
		return 0;
	a = doc->sentences[2 * si];
	if (d->norm_start > a + 300)
		a = d->norm_start - 300;
	for (w = 0; w < ARRAY_LEN(marks); w++)
		if (find_bytes(doc->norm + a, d->norm_start - a, marks[w], strlen(marks[w])))
			return 1;
	return 0;
}

/* True if the definition is an amendment's replacement text: "is
 * hereby amended", "replaced in its entirety with the following". */
static int amended_here(const clint_doc *doc, const clint_idefinition *d)
{
	static const char *const marks[] = {"amended", "replaced", "deleted",
	                                    "restated", "substituted"};
	size_t a = d->norm_start > 300 ? d->norm_start - 300 : 0, w;

	for (w = 0; w < ARRAY_LEN(marks); w++)
		if (find_bytes(doc->norm + a, d->norm_start - a, marks[w], strlen(marks[w])))
			return 1;
	return 0;
}

/* A term defined twice where at least one is a full definition ("X"
 * means ...) and the two say different things. Skipped: the parties and
 * the agreement (named again in definitions lists), definitions that
 * point at another ("has the meaning given in 4.2"), definitions made
 * for one clause or one case ("for purposes of this Section"), and a
 * term defined twice in one sentence. */
static int check_duplicate_definitions(const clint_doc *doc, clint_budget *cpu,
                                       clint_check_hit_fn hit, void *ctx)
{
	size_t i, j, witness = witness_start(doc);
	int rc = CLINT_OK;
	/* local_definition() of each definition, -1 until asked: asked again
	 * for every pair, 4,096 definitions of one term took 4.5 s */
	signed char *local = doc->definition_count
	                         ? malloc(doc->definition_count) : NULL;

	if (doc->definition_count && !local)
		return CLINT_ENOMEM;
	if (local)
		memset(local, -1, doc->definition_count);
	for (i = 0; rc >= 0 && i < doc->definition_count && !time_up(cpu); i++) {
		const clint_idefinition *d = &doc->definitions[i];
		/* forms and documents appended after the signatures define
		 * their own terms */
		if (d->norm_start >= witness)
			break;
		if (find_bytes(doc->norm + d->def_start, d->def_end - d->def_start, "*", 1) ||
		    amended_here(doc, d))
			continue;
		for (j = 0; j < i; j++) {
			const clint_idefinition *p = &doc->definitions[j];
			char qa[70], qb[70];

			if (strcmp(p->term, d->term) != 0)
				continue;
			if (p->form == CLINT_IDEF_INLINE && d->form == CLINT_IDEF_INLINE)
				break;
			/* "has the meaning given in 4.2" points at the definition */
			if (local[i] < 0)
				local[i] = (signed char)local_definition(doc, d);
			if (local[j] < 0)
				local[j] = (signed char)local_definition(doc, p);
			if (p->pointer || d->pointer || local[i] || local[j])
				continue;
			if ((p->preamble && p->form == CLINT_IDEF_INLINE) ||
			    !strcmp(d->term, "Party") ||
			    !strcmp(d->term, "Parties") || !strcmp(d->term, "Agreement"))
				break;
			if (clint_doc_sentence_at_norm(doc, p->norm_start) ==
			    clint_doc_sentence_at_norm(doc, d->norm_start))
				break;
			if (same_meaning(doc, p, d))
				break;
			quote(doc, clint_doc_norm_to_text(doc, d->def_start),
			      clint_doc_norm_end_to_text(doc, d->def_end), qa, sizeof(qa));
			quote(doc, clint_doc_norm_to_text(doc, p->def_start),
			      clint_doc_norm_end_to_text(doc, p->def_end), qb, sizeof(qb));
			rc = report_norm(doc, hit, ctx, d->norm_start, d->norm_end,
			                 format("\"%s\" is defined twice: here as '%s' and "
			                        "at line %u as '%s'",
			                        d->term, qa, norm_line(doc, p->norm_start),
			                        qb));
			break;
		}
	}
	free(local);
	return rc < 0 ? rc : CLINT_OK;
}

/* ---- parties ------------------------------------------------------------------- */

/* Role names a contract gives its parties. */
static const char *const party_roles[] = {
	"Supplier", "Provider", "Service Provider", "Vendor", "Contractor",
	"Consultant", "Customer", "Client", "Purchaser", "Buyer", "Seller",
	"Licensor", "Licensee", "Distributor", "Reseller", "Manufacturer",
	"Recipient", "Franchisor", "Franchisee", "Lessor", "Lessee", "Employer",
	"Developer", "Publisher", "Owner", "Operator", "Agent", "Principal",
};

_Static_assert(ARRAY_LEN(proper_last) <= WORD_INDEX_MAX &&
                   ARRAY_LEN(months_days) <= WORD_INDEX_MAX &&
                   ARRAY_LEN(party_roles) <= WORD_INDEX_MAX,
               "a word list outgrew WORD_INDEX_MAX");

static void build_indexes(void)
{
	build_index(&proper_index, proper_last, ARRAY_LEN(proper_last));
	build_index(&months_index, months_days, ARRAY_LEN(months_days));
	build_index(&roles_index, party_roles, ARRAY_LEN(party_roles));
}

#define MAX_PARTIES 8

/* Damerau-Levenshtein distance 1 (one edit or one transposition), for
 * words of up to 63 bytes. */
static int one_edit(const char *a, size_t n, const char *b, size_t m)
{
	size_t i = 0;

	if (n == m) {
		size_t diff = 0, first = 0;
		for (i = 0; i < n; i++)
			if (a[i] != b[i]) {
				if (!diff)
					first = i;
				diff++;
			}
		if (diff == 1)
			return 1;
		return diff == 2 && first + 1 < n && a[first] == b[first + 1] &&
		       a[first + 1] == b[first];
	}
	if (n + 1 == m || m + 1 == n) {
		const char *l = n > m ? a : b, *sh = n > m ? b : a;
		size_t ls = n > m ? n : m, j = 0, skips = 0;
		for (i = 0; i < ls; i++) {
			if (j < ls - 1 && l[i] == sh[j]) {
				j++;
				continue;
			}
			if (++skips > 1)
				return 0;
		}
		return 1;
	}
	return 0;
}

/*
 * The parties the preamble defines (inline definitions before the first
 * clause that name a role or a company). Then: a role name used with "the"
 * that the document does not define while the parties have other names
 * ("the Client" in a contract with "Customer"), and a capitalised word one
 * letter away from a party name ("Suplier").
 */
static int check_parties(const clint_doc *doc, clint_budget *cpu,
                         clint_check_hit_fn hit, void *ctx)
{
	const char *s = doc->norm, *party[MAX_PARTIES];
	size_t np = 0, i, r, n = doc->norm_len, poll = 0;
	char names[200];
	int rc, reported_role[ARRAY_LEN(party_roles)] = {0};
	/* per role word: 0 not asked yet, 1 a name of the parties (or the
	 * preamble names one side only) or a defined term, never reported,
	 * 2 neither. Asked once: the answer is the role's, not the place's,
	 * and each "Client" looked through all the definitions (10 MB of
	 * them and 4,096 definitions: 24 s). */
	unsigned char role_named[ARRAY_LEN(party_roles)] = {0};
	size_t typo_at[MAX_PARTIES * 4], typo_len[MAX_PARTIES * 4],
	    reported_typos = 0;
	budget bud = budget_for(doc);
	size_t role_len[ARRAY_LEN(party_roles)];
	def_index dx = {NULL, NULL, 0, 0};

	for (r = 0; r < ARRAY_LEN(party_roles); r++)
		role_len[r] = strlen(party_roles[r]);
	for (i = 0; i < doc->definition_count && np < MAX_PARTIES; i++) {
		const clint_idefinition *d = &doc->definitions[i];
		size_t k;
		int dup = 0;
		if (!d->preamble || d->form != CLINT_IDEF_INLINE)
			continue;
		for (r = 0; r < ARRAY_LEN(party_roles); r++)
			if (!strcmp(d->term, party_roles[r]))
				break;
		if (r == ARRAY_LEN(party_roles))
			continue;
		for (k = 0; k < np; k++)
			dup |= !strcmp(party[k], d->term);
		if (!dup)
			party[np++] = d->term;
	}
	if (np == 0)
		return CLINT_OK;
	if ((rc = make_def_index(doc, &dx)) < 0)
		goto done;
	names[0] = '\0';
	for (i = 0; i < np; i++) {
		size_t l = strlen(names);
		snprintf(names + l, sizeof(names) - l, "%s\"%s\"",
		         i == 0 ? "" : i + 1 == np ? " and " : ", ", party[i]);
	}
	for (i = 1; i < n && bud.left; i++) {
		size_t e, wl;

		i = clint_scan_to(clint_ascii_class, CLINT_A_UPPER, s, i, n);
		if (i >= n)
			break;
		if (i >= poll) {
			if (time_up(cpu))
				break;
			poll = i + POLL_BYTES;
		}
		if (word_char(s[i - 1]))
			continue;
		for (e = i; e < n && clint_isalpha((unsigned char)s[e]); e++)
			;
		wl = e - i;
		if (wl < 4 || (e < n && word_char(s[e])) || block_is_heading(doc, i)) {
			i = e;
			continue;
		}
		/* a role the parties do not go by: "the Client" */
		for (r = 0; r < ARRAY_LEN(party_roles); r++) {
			size_t rl = role_len[r], k;
			int is_party = 0;
			if (rl != wl || memcmp(s + i, party_roles[r], rl) != 0 ||
			    reported_role[r])
				continue;
			if (!role_named[r]) {
				for (k = 0; k < np; k++)
					is_party |= strstr(party[k], party_roles[r]) != NULL;
				/* only when the preamble names both sides */
				role_named[r] = is_party || np < 2 ||
				                find_definition(&dx, s + i, wl) >= 0 ? 1 : 2;
			}
			if (role_named[r] == 1)
				break;
			/* "the Licensor of the Trademark License Agreement" */
			if (e + 4 < n && !strncmp(s + e, " of ", 4))
				break;
			/* "the Client" or "The Client", not "Client Data" */
			if (!(i >= 4 && (!strncmp(s + i - 4, "the ", 4) ||
			                 !strncmp(s + i - 4, "The ", 4))))
				break;
			if (e + 1 < n && s[e] == ' ' && clint_isupper((unsigned char)s[e + 1]))
				break;
			reported_role[r] = 1;
			rc = report_norm(doc, hit, ctx, i - 4, e,
			                 format("'the %s' is not a name this document gives "
			                        "a party: the preamble defines %s",
			                        party_roles[r], names));
			if (rc < 0)
				goto done;
			break;
		}
		/* a misspelt party name: "Suplier" for "Supplier" */
		for (r = 0; r < np; r++) {
			size_t pl = strlen(party[r]);
			if (pl < 5 || strchr(party[r], ' ') || (pl == wl && !memcmp(party[r], s + i, wl)))
				continue;
			if ((wl == pl + 1 && s[i + pl] == 's' && !memcmp(s + i, party[r], pl)) ||
			    !one_edit(s + i, wl, party[r], pl))
				continue;
			if (find_definition(&dx, s + i, wl) >= 0 ||
			    in_list(&roles_index, s + i, wl))
				continue;
			/* "Licensed", "Franchised", "Manufactured": another word
			 * of the same stem, not a typo; the typo keeps the ending */
			if (wl < 2 || memcmp(s + e - 2, party[r] + pl - 2, 2) != 0)
				continue;
			/* a word used again and again is a word, not a slip */
			{
				size_t uses = 0, k = 0;
				const char *p;
				while (uses <= 3 && (p = budget_find(&bud, s + k, n - k, s + i, wl))) {
					k = (size_t)(p - s) + 1;
					uses += whole_word(doc, (size_t)(p - s), wl);
				}
				if (uses > 3)
					continue;
			}
			if (reported_typos >= MAX_PARTIES * 4)
				continue;
			{
				size_t t;
				int dup = 0;
				for (t = 0; t < reported_typos; t++)
					dup |= typo_len[t] == wl && !memcmp(s + typo_at[t], s + i, wl);
				if (dup)
					continue;
				typo_at[reported_typos] = i;
				typo_len[reported_typos++] = wl;
			}
			{
				char w[64];
				snprintf(w, sizeof(w), "%.*s", (int)(wl < 60 ? wl : 60), s + i);
				rc = report_norm(doc, hit, ctx, i, e,
				                 format("'%s' looks like a misspelling of the "
				                        "party name \"%s\" defined in the preamble",
				                        w, party[r]));
			}
			if (rc < 0)
				goto done;
		}
		i = e;
	}
	rc = CLINT_OK;
done:
	free_def_index(&dx);
	return rc;
}

/* ---- dates ------------------------------------------------------------------- */

static const char *const month_names[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

typedef struct {
	int y, m, d;        /* y 0 if the year is not given */
	size_t start, end;  /* in norm */
	int valid;
	int ambiguous;      /* 31/02/2025: day and month could swap */
} date_ref;

static const char *const month_title[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && (y == 0 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return 29;
	return dim[m - 1];
}

/* Month number of the month name at s[i..), setting *len; 0 if none. */
static int month_at(const char *s, size_t i, size_t n, size_t *len)
{
	size_t m, l;

	/* the initials of the months, capitalised */
	if (i >= n)
		return 0;
	switch (s[i]) {
	case 'J': case 'F': case 'M': case 'A': case 'S': case 'O': case 'N':
	case 'D':
		break;
	default:
		return 0;
	}
	for (m = 0; m < 12; m++) {
		if (clint_tolower((unsigned char)s[i]) != month_names[m][0])
			continue;
		l = strlen(month_names[m]);
		if (i + l <= n && clint_ascii_ieq(s + i, month_names[m], l) &&
		    clint_isupper((unsigned char)s[i]) && (i + l == n || !clint_isalpha((unsigned char)s[i + l]))) {
			*len = l;
			return (int)m + 1;
		}
	}
	return 0;
}

/* Reads up to `max` digits at s[*i..n); -1 if none. */
static int read_num(const char *s, size_t *i, size_t n, size_t max)
{
	size_t k = *i;
	int v = 0;

	while (k < n && k - *i < max && clint_isdigit((unsigned char)s[k]))
		v = v * 10 + (s[k++] - '0');
	if (k == *i || (k < n && clint_isdigit((unsigned char)s[k])))
		return -1;
	*i = k;
	return v;
}

/* Parses a date starting at norm offset i: "1 July 2025", "1st day of
 * July, 2025", "July 1, 2025", "2025-07-01", "01/07/2025". Returns 1 and
 * fills *out if there is one. */
static int parse_date(const char *s, size_t i, size_t n, date_ref *out)
{
	size_t k = i, ml;
	int a, b, c, mo;

	memset(out, 0, sizeof(*out));
	out->start = i;
	if (clint_isdigit((unsigned char)s[i])) {
		a = read_num(s, &k, n, 4);
		if (a < 0)
			return 0;
		if (k - i == 4 && k + 5 < n && s[k] == '-' &&
		    clint_isdigit((unsigned char)s[k + 1])) {
			/* ISO 2025-07-01 */
			k++;
			b = read_num(s, &k, n, 2);
			if (b < 0 || k >= n || s[k] != '-')
				return 0;
			k++;
			c = read_num(s, &k, n, 2);
			if (c < 0)
				return 0;
			out->y = a;
			out->m = b;
			out->d = c;
			out->end = k;
			out->valid = b >= 1 && b <= 12 && c >= 1 && c <= days_in_month(a, b);
			return a >= 1900 && a < 2200;
		}
		if (k - i <= 2 && k + 1 < n && (s[k] == '/' || s[k] == '.') &&
		    clint_isdigit((unsigned char)s[k + 1])) {
			char sep = s[k++];
			b = read_num(s, &k, n, 2);
			if (b < 0 || k + 4 >= n || s[k] != sep)
				return 0;
			k++;
			c = read_num(s, &k, n, 4);
			if (c < 1900 || c >= 2200 || k - i < 8)
				return 0;
			out->y = c;
			out->end = k;
			out->ambiguous = 1;
			/* valid if either reading is: D/M/Y or M/D/Y */
			out->valid = (b >= 1 && b <= 12 && a >= 1 && a <= days_in_month(c, b)) ||
			             (a >= 1 && a <= 12 && b >= 1 && b <= days_in_month(c, a));
			out->d = a;
			out->m = b;
			return 1;
		}
		if (k - i > 2)
			return 0;
		/* "1st day of July", "31 February" */
		if (k + 2 < n && (!strncmp(s + k, "st", 2) || !strncmp(s + k, "nd", 2) ||
		                  !strncmp(s + k, "rd", 2) || !strncmp(s + k, "th", 2)))
			k += 2;
		if (k < n && s[k] == ' ')
			k++;
		if (k + 7 < n && !strncmp(s + k, "day of ", 7))
			k += 7;
		mo = month_at(s, k, n, &ml);
		if (!mo)
			return 0;
		k += ml;
		out->d = a;
		out->m = mo;
		out->end = k;
		{
			size_t y = k;
			if (y < n && s[y] == ',')
				y++;
			if (y < n && s[y] == ' ')
				y++;
			c = read_num(s, &y, n, 4);
			if (c >= 1900 && c < 2200) {
				out->y = c;
				out->end = y;
			}
		}
		out->valid = a >= 1 && a <= days_in_month(out->y, mo);
		return 1;
	}
	mo = month_at(s, i, n, &ml);
	if (!mo)
		return 0;
	k = i + ml;
	if (k + 1 >= n || s[k] != ' ' || !clint_isdigit((unsigned char)s[k + 1]))
		return 0;
	k++;
	a = read_num(s, &k, n, 2);
	if (a < 0)
		return 0;
	if (k + 2 <= n && (!strncmp(s + k, "st", 2) || !strncmp(s + k, "nd", 2) ||
	                   !strncmp(s + k, "rd", 2) || !strncmp(s + k, "th", 2)))
		k += 2;
	/* "May 2025" is a month, "May 31, 2025" a date: a year must follow */
	{
		size_t y = k;
		if (y < n && s[y] == ',')
			y++;
		if (y < n && s[y] == ' ')
			y++;
		c = read_num(s, &y, n, 4);
		if (c < 1900 || c >= 2200)
			return 0;
		out->y = c;
		out->end = y;
	}
	out->d = a;
	out->m = mo;
	out->valid = a >= 1 && a <= days_in_month(out->y, mo);
	return 1;
}

static long date_key(const date_ref *d)
{
	return (long)d->y * 10000 + d->m * 100 + d->d;
}

static void date_text(const date_ref *d, char *out, size_t max)
{
	snprintf(out, max, "%d %s %d", d->d,
	         d->m >= 1 && d->m <= 12 ? month_title[d->m - 1] : "?", d->y);
}

/* True if the sentence holding norm offset `off` contains one of `words`
 * before `off` (within `window` bytes of it, unless 0). */
static int sentence_has_before(const clint_doc *doc, size_t off,
                               const char *const *words, size_t nw,
                               size_t window)
{
	size_t si = clint_doc_sentence_at_norm(doc, off), a, w;

	if (si == (size_t)-1)
		return 0;
	a = doc->sentences[2 * si];
	if (window && off > a + window)
		a = off - window;
	for (w = 0; w < nw; w++) {
		const char *p = find_bytes(doc->norm + a, off - a, words[w], strlen(words[w]));
		if (p)
			return 1;
	}
	return 0;
}

/* True if the sentence holding norm offset `off` contains one of `words`
 * before norm offset `until`. */
static int sentence_has(const clint_doc *doc, size_t off, size_t until,
                        const char *const *words, size_t nw)
{
	size_t si = clint_doc_sentence_at_norm(doc, off), a, e, w;

	if (si == (size_t)-1)
		return 0;
	a = doc->sentences[2 * si];
	e = doc->sentences[2 * si + 1];
	if (until < e)
		e = until;
	if (off > a + 400)
		a = off - 400;
	for (w = 0; w < nw; w++)
		if (find_bytes(doc->norm + a, e - a, words[w], strlen(words[w])))
			return 1;
	return 0;
}

#define MAX_DATES 2048

/*
 * Impossible calendar dates, and an end of the term dated before the
 * effective (or commencement) date.
 */
static int check_dates(const clint_doc *doc, clint_budget *cpu,
                       clint_check_hit_fn hit, void *ctx)
{
	static const char *const start_words[] = {
		"Effective Date", "Commencement Date", "effective as of",
		"effective on", "commence on", "commences on", "starts on",
		"start on", "made effective",
	};
	static const char *const end_words[] = {
		"expire", "Expiry Date", "Expiration Date", "End Date", "end on",
		"ends on", "until", "terminate on", "terminates on", "expiry",
	};
	const char *s = doc->norm;
	size_t n = doc->norm_len, i, count = 0, poll = 0;
	date_ref eff = {0, 0, 0, 0, 0, 0, 0};
	int have_eff = 0, rc, ended = 0;
	char q[80], t1[40], t2[40];

	for (i = 0; i < n && count < MAX_DATES; i++) {
		date_ref d;

		/* a date starts with a digit or a capital, at a word start */
		i = clint_scan_to(clint_ascii_class, CLINT_A_DIGIT | CLINT_A_UPPER, s, i, n);
		if (i >= n)
			break;
		if (i >= poll) {
			if (time_up(cpu))
				break;
			poll = i + POLL_BYTES;
		}
		if (i > 0 && (word_char(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.' ||
		              s[i - 1] == '-'))
			continue;
		if (!parse_date(s, i, n, &d))
			continue;
		count++;
		quote(doc, clint_doc_norm_to_text(doc, d.start),
		      clint_doc_norm_end_to_text(doc, d.end), q, sizeof(q));
		if (!d.valid) {
			if (d.ambiguous)
				rc = report_norm(doc, hit, ctx, d.start, d.end,
				                 format("'%s' is not a date: neither %d/%d nor "
				                        "%d/%d is a day of %d (day/month or "
				                        "month/day)",
				                        q, d.d, d.m, d.m, d.d, d.y));
			else if (d.m < 1 || d.m > 12)
				rc = report_norm(doc, hit, ctx, d.start, d.end,
				                 format("'%s' is not a date: there is no month %d",
				                        q, d.m));
			else
				rc = report_norm(doc, hit, ctx, d.start, d.end,
				                 format("'%s' is not a date: %s has %d days%s",
				                        q, month_title[d.m - 1],
				                        days_in_month(d.y, d.m),
				                        d.m == 2 && d.y ? " that year" : ""));
			if (rc < 0)
				return rc;
			i = d.end - 1;
			continue;
		}
		if (d.ambiguous || !d.y) {
			i = d.end - 1;
			continue;
		}
		if (!have_eff && sentence_has(doc, d.start, d.end + 40, start_words,
		                              ARRAY_LEN(start_words))) {
			eff = d;
			have_eff = 1;
		} else if (have_eff && !ended &&
		           sentence_has_before(doc, d.start, end_words,
		                               ARRAY_LEN(end_words), 40) &&
		           !ends_with_at(s, d.start, "dated ") &&
		           !ends_with_at(s, d.start, "dated as of ") &&
		           date_key(&d) < date_key(&eff)) {
			date_text(&d, t1, sizeof(t1));
			date_text(&eff, t2, sizeof(t2));
			rc = report_norm(doc, hit, ctx, d.start, d.end,
			                 format("the term ends on %s, before it starts on %s "
			                        "(line %u)",
			                        t1, t2, norm_line(doc, eff.start)));
			if (rc < 0)
				return rc;
			ended = 1;
		}
		i = d.end - 1;
	}
	return CLINT_OK;
}

/* ---- direction-controls ---------------------------------------------------- */

/*
 * The check reads the characters as a reader sees them: in Markdown a
 * character reference ("&#x202E;") is its character and markup ("**", a
 * link's target, a comment) shows nothing, as the extractor's ranges say;
 * elsewhere the characters as stored. A cursor into the ranges moves
 * forward with the position read.
 */
typedef struct {
	const clint_doc *doc;
	size_t pos;  /* where the next scope is looked for */
	size_t sk;   /* the first range that does not end before the position */
	size_t e2;   /* the first byte 0xE2 from the last look; (size_t)-1 before it */
	int hard;    /* every line break ends a paragraph */
	int markup;  /* the ranges are Markdown's: markup and references */
	int refs;    /* the document has references to bidirectional controls */
} bidi_reader;

/* Moves the cursor to the first range that does not end before j. */
static void seek_range(bidi_reader *rd, size_t j)
{
	while (rd->sk < rd->doc->skip_count && rd->doc->skips[rd->sk].end <= j)
		rd->sk++;
}

/* Where the next character at or after i that may open a scope starts: a
 * stored U+2000..U+2FFF (lead byte 0xE2) or a reference to an opener; the
 * text's length if there is none. */
static size_t next_opener(bidi_reader *rd, size_t i)
{
	const clint_doc *doc = rd->doc;
	size_t at, k;

	if (rd->e2 == (size_t)-1 || rd->e2 < i) { /* remembered: a document
		                                          * of references has none */
		const char *p = memchr(doc->text + i, 0xE2, doc->text_len - i);

		rd->e2 = p ? (size_t)(p - doc->text) : doc->text_len;
	}
	at = rd->e2;
	if (!rd->refs)
		return at;
	seek_range(rd, i);
	for (k = rd->sk; k < doc->skip_count && doc->skips[k].start < at; k++)
		if (clint_bidi_control(doc->skips[k].cp) == 1)
			return doc->skips[k].start;
	return at;
}

/* The character at t[j] as the check reads it: stores its code point and
 * its length, and returns its bidirectional kind: 1 for a control that
 * opens a scope (the embeddings and overrides U+202A, U+202B, U+202D,
 * U+202E and the isolates U+2066..U+2068), -1 for one that closes it
 * (U+202C PDF, U+2069 PDI), else 0. Code point 0 for a character that
 * shows nothing of itself: Markdown markup, or a byte that starts no valid
 * UTF-8 (length 1). *ref is set for a Markdown reference. */
static int bidi_char(bidi_reader *rd, size_t j, uint32_t *cp, size_t *n,
                     int *ref)
{
	const clint_doc *doc = rd->doc;
	const clint_range *r = NULL;

	*ref = 0;
	if (rd->markup) {
		seek_range(rd, j);
		if (rd->sk < doc->skip_count && doc->skips[rd->sk].start <= j)
			r = &doc->skips[rd->sk];
	}
	if (r && r->cp && r->start == j) {
		*cp = r->cp;
		*n = r->end - j;
		*ref = 1;
		return clint_bidi_control(*cp);
	}
	*n = clint_utf8_decode((const unsigned char *)doc->text + j,
	                       doc->text_len - j, cp);
	if (*n == 0 || r) {
		*n = *n ? *n : 1;
		*cp = 0;
	}
	return clint_bidi_control(*cp);
}

/* UAX #9 keeps 125 levels; past them openers and closers are counted */
#define BIDI_MAX_DEPTH 125
/* findings of the check per document: a document with more is one an
 * attack or right-to-left text, and the first ones say so */
#define BIDI_MAX_FINDINGS 100

/* True if the character at t[j] (of t[0..len)) ends a paragraph for the
 * bidirectional algorithm, which closes every scope; stores its length in
 * *n. `hard`: every line break does, as in a plain-text viewer (LF, CR,
 * NEL, U+2029, U+001C..U+001E). Otherwise only a blank line, U+2029 or
 * U+001C..U+001E does: a line break alone may be a soft break inside a
 * paragraph (Markdown, Word's line break). */
static int paragraph_end(const char *t, size_t j, size_t len, int hard,
                         size_t *n)
{
	const unsigned char *p = (const unsigned char *)t + j;
	size_t k;

	*n = 1;
	if (p[0] >= 0x1C && p[0] <= 0x1E)
		return 1;
	if (p[0] == 0xE2 && len - j >= 3 && p[1] == 0x80 && p[2] == 0xA9) {
		*n = 3;
		return 1;
	}
	if (hard && (p[0] == '\n' || p[0] == '\r' ||
	             (p[0] == 0xC2 && len - j >= 2 && p[1] == 0x85)))
		return 1;
	if (p[0] != '\n')
		return 0;
	for (k = j + 1; k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'); k++)
		;
	return k == len || t[k] == '\n';
}

typedef struct {
	size_t start, end;  /* the scope, from its opener */
	size_t shown;       /* the first character in it that shows */
	uint32_t cp;        /* the opener */
} bidi_scope;

/*
 * Finds the next scope at or after *pos with a character that shows in
 * it, and moves *pos past it; 0 when there is none. The scope ends where
 * the bidirectional algorithm (UAX #9, X5a-X7) closes its opener, or at
 * the end of the paragraph (paragraph_end(), `hard`). A U+202C (PDF)
 * closes the innermost embedding or override and is ignored inside an
 * isolate; a U+2069 (PDI) closes the innermost isolate and all opened
 * inside it, and is ignored with no isolate open: a closer of the wrong
 * kind does not end the scope ("RLO PDI 01 PDF" still shows "10"). Past
 * 125 levels, isolates and embeddings are counted apart, as X5-X7 do.
 */
static int next_scope(bidi_reader *rd, bidi_scope *out)
{
	unsigned char stack[BIDI_MAX_DEPTH]; /* 1: an isolate */
	const char *t = rd->doc->text;
	size_t len = rd->doc->text_len;
	size_t i = rd->pos, j, n, pn, depth, isolates, ov_iso, ov_emb;
	uint32_t cp, c;
	int ref;

	while ((i = next_opener(rd, i)) < len) {
		size_t shown = 0;

		if (bidi_char(rd, i, &cp, &n, &ref) != 1) {
			i++;
			continue;
		}
		stack[0] = cp >= 0x2066;
		depth = 1;
		isolates = stack[0];
		ov_iso = ov_emb = 0;
		for (j = i + n; j < len && depth > 0; j += n) {
			int k = bidi_char(rd, j, &c, &n, &ref);
			int iso = c >= 0x2066;

			if (k == 1) {
				if (depth < BIDI_MAX_DEPTH && !ov_iso && !ov_emb) {
					stack[depth++] = (unsigned char)iso;
					isolates += (size_t)iso;
				} else if (iso) {
					ov_iso++;
				} else if (!ov_iso) {
					ov_emb++;
				}
			} else if (k == -1 && iso) {
				if (ov_iso) {
					ov_iso--;
				} else if (isolates) {
					ov_emb = 0;
					while (!stack[depth - 1])
						depth--;
					depth--;
					isolates--;
				}
			} else if (k == -1) {
				if (ov_iso)
					;
				else if (ov_emb)
					ov_emb--;
				else if (!stack[depth - 1])
					depth--;
			} else if (!ref && paragraph_end(t, j, len, rd->hard, &pn)) {
				break;
			} else if (!shown && c != 0 && !clint_blank(c)) {
				shown = j + 1;
			}
		}
		if (shown) {
			out->start = i;
			out->end = j;
			out->shown = shown - 1;
			out->cp = cp;
			rd->pos = j;
			return 1;
		}
		i = j;
	}
	rd->pos = len;
	return 0;
}

/*
 * Each embedding, override or isolate with visible text in its scope. A
 * reader sees that text in another order than it is stored, while search,
 * copying and every rule read the stored order. Whether a line break ends
 * a paragraph depends on the viewer (a text editor: yes; Markdown, HTML
 * and Word's line breaks: no), so the scopes are found both ways and each
 * one either way shows is reported, the one that starts first where two
 * overlap (so no opener nested in a reported scope is reported again).
 * A scope with nothing in it that shows (white space, characters that
 * show nothing) changes nothing a reader sees; the matching view drops
 * such characters (normalize.c).
 */
static int check_direction_controls(const clint_doc *doc, clint_budget *cpu,
                                    clint_check_hit_fn hit, void *ctx)
{
	static const char *const names[] = {
		"LEFT-TO-RIGHT EMBEDDING", "RIGHT-TO-LEFT EMBEDDING", "",
		"LEFT-TO-RIGHT OVERRIDE", "RIGHT-TO-LEFT OVERRIDE",
	};
	static const char *const isolates[] = {
		"LEFT-TO-RIGHT ISOLATE", "RIGHT-TO-LEFT ISOLATE",
		"FIRST STRONG ISOLATE",
	};
	size_t done = 0, count = 0, k;
	bidi_reader rd[2];
	bidi_scope sc[2];
	int have[2], w, rc, refs = 0;
	char q[96];

	for (k = 0; k < doc->skip_count && !refs; k++)
		refs = clint_bidi_control(doc->skips[k].cp) != 0;
	for (w = 0; w < 2; w++) {
		rd[w].doc = doc;
		rd[w].pos = rd[w].sk = 0;
		rd[w].e2 = (size_t)-1;
		rd[w].hard = w == 0;
		rd[w].markup = doc->format == CLINT_INPUT_MARKDOWN;
		rd[w].refs = refs;
		have[w] = next_scope(&rd[w], &sc[w]);
	}
	while ((have[0] || have[1]) && !time_up(cpu)) {
		const bidi_scope *s;

		/* the earlier one; the line-by-line one (shorter) on a tie */
		w = !have[0] || (have[1] && sc[1].start < sc[0].start);
		s = &sc[w];
		if (s->start >= done) {
			if (count == BIDI_MAX_FINDINGS)
				break;
			quote(doc, s->shown, s->end, q, sizeof(q));
			rc = report(hit, ctx, s->start, s->end,
			            format("U+%04X %s: '%s' %s another order than it "
			                   "is stored%s",
			                   (unsigned)s->cp,
			                   s->cp >= 0x2066 ? isolates[s->cp - 0x2066]
			                                   : names[s->cp - 0x202A],
			                   q,
			                   s->cp == 0x202D || s->cp == 0x202E
			                       ? "is shown in" : "can be shown in",
			                   ++count == BIDI_MAX_FINDINGS
			                       ? " (at most 100 in a document are "
			                         "reported)" : ""));
			if (rc < 0)
				return rc;
			done = s->end;
		}
		have[w] = next_scope(&rd[w], &sc[w]);
	}
	return CLINT_OK;
}

/* ---- disguised-words ------------------------------------------------------- */

/* findings of the check per document, as for direction-controls */
#define DISGUISED_MAX_FINDINGS 100

/* A character that shows nothing and hides a word that holds it from a
 * search; not the soft hyphen, which is a hyphenation point that word
 * processors search through (and text from PDFs is full of). */
static int hidden_char(uint32_t cp)
{
	return cp != 0x00AD && cp != CLINT_CP_MARKUP && clint_invisible(cp);
}

/* The letters of w as a reader takes them, as the matching view reads
 * them: look-alikes spelt in Latin if `fold`, the fullwidth and
 * mathematical forms in ASCII, markup and characters that show nothing
 * left out; at most `max` bytes with "..." (no UTF-8 sequence cut). */
static void latin_reading(const clint_doc *doc, const clint_word_scripts *w,
                          int fold, char *out, size_t max)
{
	size_t i, k, n = 0, m;
	uint32_t cp;
	char u[4], c;

	for (i = w->first_letter;
	     (k = clint_doc_char(doc, i, w->last_letter, &cp)) > 0; i += k) {
		if (cp == CLINT_CP_MARKUP || clint_invisible(cp))
			continue;
		if ((fold && (c = clint_latin_lookalike(cp))) || (c = clint_ascii_form(cp))) {
			u[0] = c;
			m = 1;
		} else {
			m = clint_utf8_encode(cp, u);
		}
		if (n + m + 4 > max) {
			memcpy(out + n, "...", 3);
			n += 3;
			break;
		}
		memcpy(out + n, u, m);
		n += m;
	}
	out[n] = '\0';
}

/* Which characters of a word cp_list() names. */
enum { CP_HIDDEN, CP_LOOKS, CP_FORMS };

/* "U+0435 for 'e', U+043E for 'o'" (CP_LOOKS: look-alikes; CP_FORMS:
 * fullwidth and mathematical letters) or "U+200B" (CP_HIDDEN): the first
 * three such characters of w, each once. */
static void cp_list(const clint_doc *doc, const clint_word_scripts *w,
                    int which, char *out, size_t max)
{
	uint32_t seen[3], cp;
	size_t i, k, j, count = 0, n = 0;
	char c;

	out[0] = '\0';
	for (i = w->first_letter;
	     count < 3 && (k = clint_doc_char(doc, i, w->last_letter, &cp)) > 0;
	     i += k) {
		c = which == CP_FORMS ? clint_ascii_form(cp) : clint_latin_lookalike(cp);
		if (which == CP_HIDDEN ? !hidden_char(cp)
		                       : !(c && isalpha((unsigned char)c)))
			continue;
		for (j = 0; j < count && seen[j] != cp; j++)
			;
		if (j < count)
			continue;
		seen[count++] = cp;
		n += (size_t)(which != CP_HIDDEN
		                  ? snprintf(out + n, max - n, "%sU+%04X for '%c'",
		                             count > 1 ? ", " : "", (unsigned)cp, c)
		                  : snprintf(out + n, max - n, "%sU+%04X",
		                             count > 1 ? ", " : "", (unsigned)cp));
		if (n >= max)
			break;
	}
}

/* The source of w's letters with each hidden character shown as
 * "[U+200B]", at most `max` bytes with "..." (no UTF-8 sequence cut). */
static void marked_word(const clint_doc *doc, const clint_word_scripts *w,
                        char *out, size_t max)
{
	size_t i, k, n = 0, m;
	uint32_t cp;
	char mark[16];
	int hidden;

	for (i = w->first_letter;
	     (k = clint_doc_char(doc, i, w->last_letter, &cp)) > 0; i += k) {
		hidden = hidden_char(cp);
		if (cp == CLINT_CP_MARKUP && k > 8)
			continue; /* a link's target: not worth quoting */
		m = hidden ? (size_t)snprintf(mark, sizeof(mark), "[U+%04X]",
		                              (unsigned)cp)
		           : k;
		if (n + m + 4 > max) {
			memcpy(out + n, "...", 3);
			n += 3;
			break;
		}
		memcpy(out + n, hidden ? mark : doc->text + i, m);
		n += m;
	}
	out[n] = '\0';
}

/* True if a hidden character stands between two letters of w. */
static int hidden_inside(const clint_doc *doc, const clint_word_scripts *w)
{
	size_t i, k;
	uint32_t cp;

	for (i = w->first_letter;
	     (k = clint_doc_char(doc, i, w->last_letter, &cp)) > 0; i += k)
		if (hidden_char(cp))
			return 1;
	return 0;
}

/* True if w mixes ASCII letters with fullwidth or mathematical forms of
 * letters ("f𝖾e𝗌" with sans-serif U+1D5BE and U+1D5CC): in most fonts
 * it shows as one word in one face, and the matching view reads it in
 * ASCII (NFKC), but a search does not. A word all in such forms
 * ("ｆｅｅｓ", bold "𝐟𝐞𝐞𝐬") shows as what it is. */
static int forms_inside(const clint_doc *doc, const clint_word_scripts *w)
{
	size_t i, k;
	uint32_t cp;
	int plain = 0, forms = 0;
	char c;

	for (i = w->first_letter;
	     (k = clint_doc_char(doc, i, w->last_letter, &cp)) > 0; i += k) {
		if (cp < 0x80)
			plain |= isalpha((int)cp) != 0;
		else if ((c = clint_ascii_form(cp)) && isalpha((unsigned char)c))
			forms = 1;
	}
	return plain && forms;
}

/* "Greek and Cyrillic": the names of the scripts of bits (1 << CLINT_SCRIPT_*). */
static void script_names(unsigned bits, char *out, size_t max)
{
	static const char *const names[] = {
		"", "Latin", "phonetic", "Greek", "Cyrillic", "Armenian", "Cherokee",
	};
	size_t k, n = 0, left = 0;

	out[0] = '\0';
	for (k = 1; k < ARRAY_LEN(names); k++)
		left += (bits >> k) & 1u;
	for (k = 1; k < ARRAY_LEN(names) && n < max; k++) {
		if (!((bits >> k) & 1u))
			continue;
		left--;
		n += (size_t)snprintf(out + n, max - n, "%s%s", names[k],
		                      left > 1 ? ", " : left == 1 ? " and " : "");
	}
}

/* Reports the word w: `kind` is how the matching view reads it
 * (CLINT_WORD_*, or 0), `inside` whether it hides a character, `forms`
 * whether it mixes ASCII letters with other forms of them. */
static int report_disguised(const clint_doc *doc, const clint_word_scripts *w,
                            int kind, int inside, int forms, size_t *count,
                            clint_check_hit_fn hit, void *ctx)
{
	char q[96], reading[80], list[64], why[320], scripts[64];
	size_t wn = 0;

	marked_word(doc, w, q, sizeof(q));
	latin_reading(doc, w, kind != 0, reading, sizeof(reading));
	script_names(w->looks, scripts, sizeof(scripts));
	why[0] = '\0';
	if (kind) {
		cp_list(doc, w, CP_LOOKS, list, sizeof(list));
		wn = (size_t)snprintf(why, sizeof(why),
		                      kind == CLINT_WORD_MIXED
		                          ? "mixes Latin letters with %s ones that "
		                            "look the same (%s)"
		                          : "is written among Latin words in %s "
		                            "letters that look Latin (%s)",
		                      scripts, list);
	}
	if (forms && wn < sizeof(why)) {
		cp_list(doc, w, CP_FORMS, list, sizeof(list));
		wn += (size_t)snprintf(why + wn, sizeof(why) - wn,
		                       "%smixes letters with mathematical or "
		                       "fullwidth forms of letters (%s)",
		                       wn ? " and " : "", list);
	}
	if (inside && wn < sizeof(why)) {
		cp_list(doc, w, CP_HIDDEN, list, sizeof(list));
		snprintf(why + wn, sizeof(why) - wn,
		         "%shas a character that shows nothing inside it (%s)",
		         wn ? " and " : "", list);
	}
	/* q, why and reading fit: 95 + under 320 + 79 bytes and the words
	 * are under format()'s 512 */
	return report(hit, ctx, w->first_letter, w->last_letter,
	              format("'%s' %s: it reads as '%s', but a search for that "
	                     "word does not find it%s",
	                     q, why, reading,
	                     ++*count == DISGUISED_MAX_FINDINGS
	                         ? " (at most 100 in a document are reported)"
	                         : ""));
}

/*
 * Each word that reads as a Latin word but is stored as another string:
 *   - spelt with letters of another script that look Latin: "fееs" with
 *     two Cyrillic 'е' (U+0435), or "рау" all in Cyrillic among Latin
 *     words, as the matching view decided while it read them
 *     (lookalike.c, clint_doc_fold_at());
 *   - with a character that shows nothing between two of its letters:
 *     "addi<U+200B>tional" (hidden_char()).
 * The reader, the printout and our own rules see "fees", "pay" and
 * "additional"; a search, a comparison with the agreed text and most
 * other tools do not. Words are read block by block, as the matching
 * view reads them (markup skipped, Markdown references as characters).
 */
static int check_disguised_words(const clint_doc *doc, clint_budget *cpu,
                                 clint_check_hit_fn hit, void *ctx)
{
	size_t bi, i, n, count = 0, poll = 0;
	clint_word_scripts w;
	uint32_t cp;
	int rc, kind, inside, forms;

	for (bi = 0; bi < doc->block_count; bi++) {
		size_t lo = doc->blocks[bi].start, hi = doc->blocks[bi].end;

		for (i = lo; i < hi;) {
			/* ASCII is neither; '&' may start a Markdown reference */
			if ((unsigned char)doc->text[i] < 0x80 && doc->text[i] != '&') {
				i++;
				continue;
			}
			if (i >= poll) {
				if (time_up(cpu))
					return CLINT_OK;
				poll = i + POLL_BYTES;
			}
			n = clint_doc_char(doc, i, hi, &cp);
			/* only letters start a word here: from a fullwidth comma
			 * after a word, the word was found again */
			if (cp < 0x80 || (!clint_latin_lookalike(cp) && !hidden_char(cp) &&
			                  !isalpha((unsigned char)clint_ascii_form(cp)))) {
				i += n;
				continue;
			}
			clint_doc_word_at(doc, lo, hi, i, &w);
			i = w.end > i ? w.end : i + n;
			kind = w.letters ? clint_doc_fold_at(doc, w.start) : 0;
			inside = w.letters > 1 && hidden_inside(doc, &w);
			forms = w.letters > 1 && forms_inside(doc, &w);
			if (!kind && !inside && !forms)
				continue;
			if (count == DISGUISED_MAX_FINDINGS)
				return CLINT_OK;
			rc = report_disguised(doc, &w, kind, inside, forms, &count, hit,
			                      ctx);
			if (rc < 0)
				return rc;
		}
	}
	return CLINT_OK;
}

int clint_run_check(clint_check_id id, const clint_doc *doc,
                    clint_budget *cpu, clint_check_hit_fn hit, void *ctx)
{
	switch (id) {
	case CLINT_CHECK_WORDS_DIGITS: return check_words_digits(doc, cpu, hit, ctx);
	case CLINT_CHECK_NUMBERING: return check_numbering(doc, cpu, hit, ctx);
	case CLINT_CHECK_CROSS_REFERENCE:
		return check_cross_references(doc, cpu, hit, ctx);
	case CLINT_CHECK_PLACEHOLDERS: return check_placeholders(doc, cpu, hit, ctx);
	case CLINT_CHECK_UNDEFINED_TERMS:
		return check_undefined_terms(doc, cpu, hit, ctx);
	case CLINT_CHECK_UNUSED_TERMS: return check_unused_terms(doc, cpu, hit, ctx);
	case CLINT_CHECK_DUPLICATE_DEFINITIONS:
		return check_duplicate_definitions(doc, cpu, hit, ctx);
	case CLINT_CHECK_PARTIES: return check_parties(doc, cpu, hit, ctx);
	case CLINT_CHECK_DATES: return check_dates(doc, cpu, hit, ctx);
	case CLINT_CHECK_DIRECTION_CONTROLS:
		return check_direction_controls(doc, cpu, hit, ctx);
	case CLINT_CHECK_DISGUISED_WORDS:
		return check_disguised_words(doc, cpu, hit, ctx);
	default: return CLINT_OK;
	}
}
