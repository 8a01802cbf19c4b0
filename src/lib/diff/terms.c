/*
 * terms.c - value changes per aligned section, and which party they
 * favour.
 *
 * The knowledge is data: the table below names a commercial term, the
 * kind of value it takes, the words that identify it near the value (or in
 * the section's label), and which party gains when the value goes up. A
 * value no row describes is still reported, under its kind, with no
 * judgement. Values of an edited section pair by (kind, term) in text
 * order; a pair whose quantity differs is a change.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "diff.h"

#define ANY_KIND (-1)
#define CONTEXT_BEFORE 160
#define CONTEXT_AFTER 60
#define CONTEXT_NEAR 50

typedef struct {
	const char *term;
	int kind;                /* clint_value_kind or ANY_KIND */
	const char *need[2];     /* each "a|b|c": one of them must occur;
	                          * "^a": at the start of a word */
	clint_favours higher;    /* who gains when the value goes up */
	const char *why_higher;
	const char *why_lower;
} term_row;

static const term_row terms[] = {
	{"Service credits", ANY_KIND, {"service credit", NULL},
	 CLINT_FAVOURS_CUSTOMER, "larger credits compensate the customer more",
	 "smaller credits weaken the supplier's incentive to meet the levels"},
	{"Liquidated damages", CLINT_VALUE_MONEY,
	 {"liquidated damages|delay payment", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "more is payable to the customer on a delay",
	 "less is payable to the customer on a delay"},
	{"Liability cap", ANY_KIND, {"liab", "^cap|exceed|limited to|aggregate"},
	 CLINT_FAVOURS_CUSTOMER, "a higher cap leaves the customer more to recover",
	 "a lower cap limits what the supplier can owe"},
	{"Availability", CLINT_VALUE_PERCENT,
	 {"availab|uptime|service level", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "the supplier must deliver more",
	 "the supplier may deliver less before a breach"},
	{"Late payment interest", CLINT_VALUE_PERCENT,
	 {"interest|late payment|overdue", NULL}, CLINT_FAVOURS_SUPPLIER,
	 "a late payer owes more", "a late payer owes less"},
	{"Price increase", CLINT_VALUE_PERCENT,
	 {"increase|indexation|uplift|adjust", NULL}, CLINT_FAVOURS_SUPPLIER,
	 "the supplier may raise prices more", "prices may rise less"},
	{"Payment terms", CLINT_VALUE_DURATION,
	 {"payment|invoice|^net |^pay ", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "the payer keeps its cash longer", "the supplier is paid sooner"},
	{"Breach notification", CLINT_VALUE_DURATION,
	 {"breach|incident", "notif|inform|^tell"}, CLINT_FAVOURS_SUPPLIER,
	 "the customer learns of a breach later",
	 "the customer learns of a breach sooner"},
	{"Exit assistance", CLINT_VALUE_DURATION,
	 {"exit|transition|handover|hand over", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "the customer has longer to move the services",
	 "the customer has less time to move the services"},
	{"Notice to terminate", CLINT_VALUE_DURATION, {"terminat", "notice"},
	 CLINT_FAVOURS_SUPPLIER,
	 "a longer notice locks the customer in longer (the packs flag more "
	 "than 90 days)",
	 "the customer can leave sooner"},
	{"Renewal notice", CLINT_VALUE_DURATION, {"renew", NULL},
	 CLINT_FAVOURS_SUPPLIER, "a longer window is easier to miss",
	 "a shorter window is easier to meet"},
	{"Response time", CLINT_VALUE_DURATION,
	 {"^respond|response|resolv|resolution|restor", NULL},
	 CLINT_FAVOURS_SUPPLIER, "the supplier may take longer",
	 "the supplier must act sooner"},
	{"Term", CLINT_VALUE_DURATION, {"initial term|term of|period of", NULL},
	 CLINT_FAVOURS_UNKNOWN, "", ""},
	{"Insurance cover", CLINT_VALUE_MONEY, {"insur", NULL},
	 CLINT_FAVOURS_CUSTOMER, "more cover stands behind the supplier's duties",
	 "less cover stands behind the supplier's duties"},
	/* at a word's start: not "operate", "separate", "discharge" */
	{"Charges", CLINT_VALUE_MONEY,
	 {"^fee|^charge|^surcharge|^price|^rate|^cost|^pay|^hourly|"
	  "per hour", NULL},
	 CLINT_FAVOURS_SUPPLIER, "the customer pays more", "the customer pays less"},
};

static const char *const kind_terms[] = {"Amount", "Percentage", "Duration"};

/*
 * Words that say who bears a cost, not what a value is: "at its own
 * cost, cover of EUR 5,000,000 under an insurance policy" is cover, and
 * "free of charge, up to 20 hours" is not a charge.
 */
static const char *const bearer_phrases[] = {
	"own cost",  "own charge",  "sole cost", "no cost",
	"no charge", "no additional cost", "no additional charge",
	"no extra cost", "no extra charge", "free of charge",
	"without charge", "without cost", "without additional charge",
	"without additional cost",
};

/*
 * 1 if the character before `at` in hay is part of a word: a letter or
 * digit, or a character past ASCII other than a space or punctuation
 * (a no-break space, the General Punctuation block: curly quotes,
 * dashes; guillemets), so that "\u201cCharges\u201d" starts a word.
 */
static int word_before(const char *hay, const char *at)
{
	const char *p = at;
	uint32_t cp;

	if (at == hay)
		return 0;
	if (!((unsigned char)at[-1] & 0x80))
		return clint_isalnum(at[-1]);
	/* back to the lead byte of the character before */
	while (p > hay && at - p < 4 && clint_utf8_cont((unsigned char)*--p))
		;
	if (!clint_utf8_decode((const unsigned char *)p, (size_t)(at - p), &cp))
		return 1;
	return !(cp == 0xA0 || cp == 0xAB || cp == 0xBB ||
	         (cp >= 0x2000 && cp <= 0x206F));
}

/* Blanks the bearer phrases in hay (lower case) that start a word. */
static void blank_bearers(char *hay)
{
	size_t i, n;
	char *p;

	for (i = 0; i < ARRAY_LEN(bearer_phrases); i++) {
		n = strlen(bearer_phrases[i]);
		for (p = hay; (p = strstr(p, bearer_phrases[i])); p++)
			if (!word_before(hay, p)) {
				memset(p, ' ', n);
				p += n - 1;
			}
	}
}

/* 1 if one of the "|"-separated needles occurs in hay (lower case), one
 * written "^word" at the start of a word. */
static int has_any(const char *hay, const char *needles)
{
	char one[48];
	const char *p = needles, *at;
	int start;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		start = *p == '^';
		if (start) {
			p++;
			n--;
		}
		if (n < sizeof(one)) {
			memcpy(one, p, n);
			one[n] = '\0';
			for (at = hay; (at = strstr(at, one)); at++)
				if (!start || !word_before(hay, at))
					return 1;
		}
		p += n + (bar ? 1 : 0);
	}
	return 0;
}

/*
 * Where the words around text offset `off` may come from: from the start
 * of the block before its own (a table's label cell, "Set-up fee", before
 * its amount) to the end of its own. The blocks further back, or after,
 * say what their own values are: "Service credit per missed level | 5% |
 * Set-up fee | EUR 1,000.00" read the fee as a credit, and so did
 * "Monthly fee | EUR 12,500.00 | Service credit". Blocks, not lines: a
 * plain text's paragraph runs on over its line ends. Without a block
 * there, the whole text.
 */
static void block_span(const clint_doc *doc, size_t off, size_t *from,
                       size_t *to)
{
	size_t lo = 0, hi = clint_doc_block_count(doc), len;
	clint_block b;

	clint_doc_text(doc, &len);
	*from = 0;
	*to = len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (clint_doc_block(doc, mid, &b) == CLINT_OK && b.end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == clint_doc_block_count(doc) ||
	    clint_doc_block(doc, lo, &b) != CLINT_OK || b.start > off)
		return;
	*to = b.end;
	*from = b.start;
	if (lo > 0 && clint_doc_block(doc, lo - 1, &b) == CLINT_OK)
		*from = b.start;
}

/* The first row of the table whose words occur in the text around value v
 * (`before` and `after` bytes, within the section from range_start and
 * block_span()) and, when `label` is given, in the section's label; -1
 * if none. */
static int term_in(const clint_doc *doc, const clint_value *v,
                   size_t range_start, const char *label, size_t before,
                   size_t after)
{
	char ctx[CONTEXT_BEFORE + CONTEXT_AFTER + 256];
	size_t len, from, to, bfrom, bto, n = 0, i;
	const char *t = clint_doc_text(doc, &len);

	from = v->start > range_start + before ? v->start - before : range_start;
	to = v->end + after < len ? v->end + after : len;
	block_span(doc, v->start, &bfrom, &bto);
	if (bfrom > from && bfrom <= v->start)
		from = bfrom;
	if (bto < to)
		to = bto > v->end ? bto : v->end;
	for (i = 0; label && label[i] && n < 200; i++)
		ctx[n++] = (label[i] >= 'A' && label[i] <= 'Z')
		               ? (char)(label[i] + 32)
		               : label[i];
	ctx[n++] = ' ';
	for (i = from; i < to && n + 1 < sizeof(ctx); i++) {
		char c = t[i];
		ctx[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32)
		           : (c == '\n' ? ' ' : c);
	}
	ctx[n] = '\0';
	blank_bearers(ctx);
	for (i = 0; i < ARRAY_LEN(terms); i++) {
		if (terms[i].kind != ANY_KIND && terms[i].kind != (int)v->kind)
			continue;
		if (!has_any(ctx, terms[i].need[0]))
			continue;
		if (terms[i].need[1] && !has_any(ctx, terms[i].need[1]))
			continue;
		return (int)i;
	}
	return -1;
}

/* The term of value v: from the words right around it first (the clause
 * "within 30 days of an invoice"), then from a wider window and the
 * section's label ("Liability"). */
static int term_of(const clint_doc *doc, const clint_value *v,
                   size_t range_start, const char *label)
{
	int t = term_in(doc, v, range_start, NULL, CONTEXT_NEAR, CONTEXT_NEAR / 2);

	return t >= 0 ? t
	              : term_in(doc, v, range_start, label, CONTEXT_BEFORE,
	                        CONTEXT_AFTER);
}

typedef struct {
	clint_value v;
	int term;
	int used;
} tv;

/* Values of doc inside [start, end) with their terms. */
static int collect(const clint_diff *d, const clint_doc *doc, int old,
                   size_t sec, size_t start, size_t end, tv **out, size_t *n)
{
	size_t i, cap = 0, count = clint_doc_value_count(doc);
	const char *label = clint_diff_label(d, old, sec);
	int rc = CLINT_OK;
	clint_value v;

	*out = NULL;
	*n = 0;
	/* values are in text order: find the first in range by bisection */
	{
		size_t lo = 0, hi = count;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			TRY(clint_doc_value(doc, mid, &v));
			if (v.start < start)
				lo = mid + 1;
			else
				hi = mid;
		}
		i = lo;
	}
	for (; i < count; i++) {
		TRY(clint_doc_value(doc, i, &v));
		if (v.start >= end)
			break;
		TRY(ARRAY_PUSH(*out, *n, cap));
		(*out)[*n].v = v;
		(*out)[*n].term = term_of(doc, &v, start, label);
		(*out)[*n].used = 0;
		(*n)++;
	}
done:
	return rc;
}

static int differs(const clint_value *a, const clint_value *b)
{
	if (a->kind == CLINT_VALUE_DURATION)
		return a->days != b->days;
	if (a->kind == CLINT_VALUE_MONEY && strcmp(a->currency, b->currency) != 0)
		return 1;
	return a->amount != b->amount;
}

static double quantity(const clint_value *v)
{
	return v->kind == CLINT_VALUE_DURATION ? v->days : v->amount;
}

/* A new value's key for pairing: its kind and term, then its place. */
typedef struct {
	int kind, term;
	size_t at;
} tv_key;

static int key_cmp(const void *a, const void *b)
{
	const tv_key *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * The new values of a section by kind and term, for pairing old values
 * with them in one pass: keys sorted by kind, term and place; taken[k]
 * how many of the run of equal keys starting at keys[k] are paired.
 */
typedef struct {
	tv_key *keys;
	size_t *taken;
	size_t n;
} tv_index;

static int tv_index_build(tv_index *x, const tv *vb, size_t nb)
{
	size_t k;

	x->n = nb;
	x->keys = malloc((nb ? nb : 1) * sizeof(*x->keys));
	x->taken = calloc(nb ? nb : 1, sizeof(*x->taken));
	if (!x->keys || !x->taken)
		return CLINT_ENOMEM;
	for (k = 0; k < nb; k++) {
		x->keys[k].kind = (int)vb[k].v.kind;
		x->keys[k].term = vb[k].term;
		x->keys[k].at = k;
	}
	qsort(x->keys, nb, sizeof(*x->keys), key_cmp);
	return CLINT_OK;
}

/* The first new value of v's kind and term not paired yet (pairing it),
 * or n if none is left: what a scan of the new values from the first
 * would find. */
static size_t tv_index_take(tv_index *x, const tv *v)
{
	size_t lo = 0, hi = x->n, at;
	int kind = (int)v->v.kind;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tv_key *m = &x->keys[mid];
		if (m->kind < kind || (m->kind == kind && m->term < v->term))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->n)
		return x->n;
	at = lo + x->taken[lo];
	if (at >= x->n || x->keys[at].kind != kind || x->keys[at].term != v->term)
		return x->n;
	x->taken[lo]++;
	return x->keys[at].at;
}

int clint_diff_values(clint_diff *d)
{
	size_t s, i, j;
	int rc = CLINT_OK;

	for (s = 0; s < d->section_count; s++) {
		const clint_diff_section *sec = &d->sections[s];
		tv *va = NULL, *vb = NULL;
		size_t na = 0, nb = 0;
		tv_index ix = {NULL, NULL, 0};

		if (!sec->edited)
			continue;
		rc = collect(d, d->old_doc, 1, sec->old_section, sec->old_start,
		             sec->old_end, &va, &na);
		if (rc == CLINT_OK)
			rc = collect(d, d->new_doc, 0, sec->new_section, sec->new_start,
			             sec->new_end, &vb, &nb);
		if (rc == CLINT_OK)
			rc = tv_index_build(&ix, vb, nb);
		/* each old value in turn takes the first new value of its kind
		 * and term that is left */
		for (i = 0; rc == CLINT_OK && i < na; i++) {
			j = tv_index_take(&ix, &va[i]);
			if (j == nb)
				continue;
			vb[j].used = va[i].used = 1;
			if (differs(&va[i].v, &vb[j].v)) {
				clint_diff_value *out;
				int t = vb[j].term;
				if ((rc = ARRAY_PUSH(d->values, d->value_count,
				                     d->value_cap)) < 0)
					break;
				out = &d->values[d->value_count++];
				memset(out, 0, sizeof(*out));
				out->section = s;
				out->old_value = va[i].v;
				out->new_value = vb[j].v;
				out->term = t >= 0 ? terms[t].term : kind_terms[va[i].v.kind];
				out->why = "";
				if (t >= 0 && terms[t].higher != CLINT_FAVOURS_UNKNOWN &&
				    (va[i].v.kind != CLINT_VALUE_MONEY ||
				     strcmp(va[i].v.currency, vb[j].v.currency) == 0)) {
					int up = quantity(&vb[j].v) > quantity(&va[i].v);
					clint_favours other =
						terms[t].higher == CLINT_FAVOURS_CUSTOMER
							? CLINT_FAVOURS_SUPPLIER
							: CLINT_FAVOURS_CUSTOMER;
					out->favours = up ? terms[t].higher : other;
					out->why = up ? terms[t].why_higher : terms[t].why_lower;
				}
			}
		}
		free(ix.keys);
		free(ix.taken);
		free(va);
		free(vb);
		if (rc < 0)
			break;
	}
	return rc;
}
