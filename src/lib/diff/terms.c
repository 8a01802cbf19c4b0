/*
 * terms.c - value changes per aligned section, and which party they
 * favour.
 *
 * The knowledge is data: the table below names a commercial term, the
 * kind of value it takes, the words that identify it near the value (or in
 * the section's label), and which party gains when the value goes up. A
 * value no row describes is still reported, under its kind, with no
 * judgement. In an edited section, values in unchanged text are the
 * same; those a run of changes touches pair by (kind, term) in text
 * order, a pair whose quantity differs is a change, and a value left
 * over is added or removed (section_values()).
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
	int flow;                /* paid or charged per period: "EUR 4,000
	                          * a month" and "EUR 40,000 a year" compare
	                          * by the year (an availability or a cap
	                          * per month does not add up to a year's) */
} term_row;

static const term_row terms[] = {
	{"Service credits", ANY_KIND, {"service credit", NULL},
	 CLINT_FAVOURS_CUSTOMER, "larger credits compensate the customer more",
	 "smaller credits weaken the supplier's incentive to meet the levels", 0},
	{"Liquidated damages", CLINT_VALUE_MONEY,
	 {"liquidated damages|delay payment", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "more is payable to the customer on a delay",
	 "less is payable to the customer on a delay", 0},
	{"Liability cap", ANY_KIND, {"liab", "^cap|exceed|limited to|aggregate"},
	 CLINT_FAVOURS_CUSTOMER, "a higher cap leaves the customer more to recover",
	 "a lower cap limits what the supplier can owe", 0},
	{"Availability", CLINT_VALUE_PERCENT,
	 {"availab|uptime|service level", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "the supplier must deliver more",
	 "the supplier may deliver less before a breach", 0},
	{"Late payment interest", CLINT_VALUE_PERCENT,
	 {"interest|late payment|overdue", NULL}, CLINT_FAVOURS_SUPPLIER,
	 "a late payer owes more", "a late payer owes less", 1},
	{"Price increase", CLINT_VALUE_PERCENT,
	 {"increase|indexation|uplift|adjust", NULL}, CLINT_FAVOURS_SUPPLIER,
	 "the supplier may raise prices more", "prices may rise less", 1},
	{"Payment terms", CLINT_VALUE_DURATION,
	 {"payment|invoice|^net |^pay ", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "the payer keeps its cash longer", "the supplier is paid sooner", 0},
	{"Breach notification", CLINT_VALUE_DURATION,
	 {"breach|incident", "notif|inform|^tell"}, CLINT_FAVOURS_SUPPLIER,
	 "the customer learns of a breach later",
	 "the customer learns of a breach sooner", 0},
	{"Exit assistance", CLINT_VALUE_DURATION,
	 {"exit|transition|handover|hand over", NULL}, CLINT_FAVOURS_CUSTOMER,
	 "the customer has longer to move the services",
	 "the customer has less time to move the services", 0},
	{"Notice to terminate", CLINT_VALUE_DURATION, {"terminat", "notice"},
	 CLINT_FAVOURS_SUPPLIER,
	 "a longer notice locks the customer in longer (the packs flag more "
	 "than 90 days)",
	 "the customer can leave sooner", 0},
	{"Renewal notice", CLINT_VALUE_DURATION, {"renew", NULL},
	 CLINT_FAVOURS_SUPPLIER, "a longer window is easier to miss",
	 "a shorter window is easier to meet", 0},
	{"Response time", CLINT_VALUE_DURATION,
	 {"^respond|response|resolv|resolution|restor", NULL},
	 CLINT_FAVOURS_SUPPLIER, "the supplier may take longer",
	 "the supplier must act sooner", 0},
	{"Term", CLINT_VALUE_DURATION, {"initial term|term of|period of", NULL},
	 CLINT_FAVOURS_UNKNOWN, "", "", 0},
	{"Insurance cover", CLINT_VALUE_MONEY, {"insur", NULL},
	 CLINT_FAVOURS_CUSTOMER, "more cover stands behind the supplier's duties",
	 "less cover stands behind the supplier's duties", 0},
	/* at a word's start: not "operate", "separate", "discharge" */
	{"Charges", CLINT_VALUE_MONEY,
	 {"^fee|^charge|^surcharge|^price|^rate|^cost|^pay|^hourly|"
	  "per hour", NULL},
	 CLINT_FAVOURS_SUPPLIER, "the customer pays more", "the customer pays less",
	 1},
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

/* The index of the block of doc holding text offset `off`, or the block
 * count when none does. */
static size_t block_index(const clint_doc *doc, size_t off)
{
	size_t lo = 0, hi = clint_doc_block_count(doc);
	clint_block b;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (clint_doc_block(doc, mid, &b) == CLINT_OK && b.end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == clint_doc_block_count(doc) ||
	    clint_doc_block(doc, lo, &b) != CLINT_OK || b.start > off)
		return clint_doc_block_count(doc);
	return lo;
}

/*
 * Where the words around text offset `off` may come from: from the start
 * of the block before its own (a table's label cell, "Set-up fee", before
 * its amount) to the end of its own. The blocks further back, or after,
 * say what their own values are: "Service credit per missed level | 5% |
 * Set-up fee | EUR 1,000.00" read the fee as a credit, and so did
 * "Monthly fee | EUR 12,500.00 | Service credit". A cell that opens its
 * row takes no block before it (that is the row above). Blocks, not
 * lines: a plain text's paragraph runs on over its line ends. Without a
 * block there, the whole text. With `own`, only its own block.
 */
static void block_span(const clint_doc *doc, size_t off, int own,
                       size_t *from, size_t *to)
{
	size_t k = block_index(doc, off), len;
	clint_block b;

	clint_doc_text(doc, &len);
	*from = 0;
	*to = len;
	if (k == clint_doc_block_count(doc) ||
	    clint_doc_block(doc, k, &b) != CLINT_OK)
		return;
	*to = b.end;
	*from = b.start;
	/* a cell that opens its row has no label cell before it: the block
	 * before is the last cell of the row above */
	if (!own && k > 0 && !(b.type == CLINT_BLOCK_TABLE_CELL &&
	                       (b.flags & CLINT_BLOCK_ROW_START)) &&
	    clint_doc_block(doc, k - 1, &b) == CLINT_OK)
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
	block_span(doc, v->start, 0, &bfrom, &bto);
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

#define NO_GROUP ((size_t)-1)

/*
 * The period a sum or a rate is given for, written right after it: "EUR
 * 4,000 per month", "1.5% per annum", "EUR 95 an hour", "USD 10/user/
 * month" is not one (a unit between). A change of period is a change of
 * the value ("per month" -> "per year"), and periods of a week to a year
 * compare by what they come to in a year.
 */
enum { PER_NONE = 0, PER_HOUR, PER_DAY, PER_WEEK, PER_MONTH, PER_QUARTER,
       PER_YEAR };

static const struct {
	const char *words;  /* after the value and white space (none: "/") */
	int period;
} periods[] = {
	{"per calendar month", PER_MONTH}, {"per month", PER_MONTH},
	{"a month", PER_MONTH}, {"each month", PER_MONTH},
	{"every month", PER_MONTH}, {"monthly", PER_MONTH},
	{"/month", PER_MONTH}, {"per mensem", PER_MONTH},
	{"per annum", PER_YEAR}, {"p.a.", PER_YEAR}, {"per year", PER_YEAR},
	{"a year", PER_YEAR}, {"each year", PER_YEAR}, {"every year", PER_YEAR},
	{"per contract year", PER_YEAR}, {"per calendar year", PER_YEAR},
	{"per calendar quarter", PER_QUARTER}, {"a calendar month", PER_MONTH},
	{"each calendar month", PER_MONTH},
	{"annually", PER_YEAR}, {"yearly", PER_YEAR}, {"/year", PER_YEAR},
	{"per quarter", PER_QUARTER}, {"a quarter", PER_QUARTER},
	{"each quarter", PER_QUARTER}, {"quarterly", PER_QUARTER},
	{"per week", PER_WEEK}, {"a week", PER_WEEK}, {"each week", PER_WEEK},
	{"weekly", PER_WEEK}, {"/week", PER_WEEK},
	{"per day", PER_DAY}, {"a day", PER_DAY}, {"each day", PER_DAY},
	{"daily", PER_DAY}, {"/day", PER_DAY},
	{"per hour", PER_HOUR}, {"an hour", PER_HOUR}, {"hourly", PER_HOUR},
	{"/hour", PER_HOUR},
};

/* Words after "a month", "a year" that make it a time, not a period:
 * "30% a month after signature". */
static const char *const not_period[] = {
	" after", " before", " from", " prior", " following", " later",
	" earlier", " in advance", " of ",
};

/* Past the markup the extractor skips at text offset i of doc (Markdown
 * "**" after "EUR 1,000"), if any. */
static size_t past_markup(const clint_doc *doc, size_t i, size_t len)
{
	uint32_t cp;
	size_t n;

	while ((n = clint_doc_char(doc, i, len, &cp)) != 0 &&
	       cp == CLINT_CP_MARKUP)
		i += n;
	return i;
}

/* The period whose words start at t[a] ("/month" at t[slash]), ending
 * before len: PER_*, and *end past its words; PER_NONE if none. */
static int period_words(const char *t, size_t slash, size_t a, size_t len,
                        size_t *end)
{
	size_t k, n, j;

	for (k = 0; k < ARRAY_LEN(periods); k++) {
		const char *w = periods[k].words;
		size_t at = w[0] == '/' ? slash : a;
		if (at == (size_t)-1)
			continue;
		n = strlen(w);
		if (at + n > len || !clint_ascii_ieq(t + at, w, n) ||
		    (at + n < len && w[n - 1] != '.' &&
		     clint_isalnum((unsigned char)t[at + n])))
			continue;
		/* "a month", "an hour": not "a month after signature" */
		if (w[0] == 'a' && (w[1] == ' ' || (w[1] == 'n' && w[2] == ' ')))
			for (j = 0; j < ARRAY_LEN(not_period); j++) {
				size_t m = strlen(not_period[j]);
				if (at + n + m <= len &&
				    clint_ascii_ieq(t + at + n, not_period[j], m))
					return PER_NONE;
			}
		*end = at + n;
		return periods[k].period;
	}
	return PER_NONE;
}

/* Past spaces, line breaks, tabs and markup at t[i], before len. */
static size_t past_blank(const clint_doc *doc, const char *t, size_t i,
                         size_t len)
{
	for (;;) {
		size_t j = past_markup(doc, i, len);
		while (j < len && (t[j] == ' ' || t[j] == '\n' || t[j] == '\t'))
			j++;
		if (j == i)
			return i;
		i = j;
	}
}

/* The period cell c holds alone ("per month", "Monthly"), its words at
 * t[*a..*e); PER_NONE if it holds anything else. */
static int cell_period(const clint_doc *doc, const char *t,
                       const clint_block *c, size_t *a, size_t *e)
{
	int per;

	*a = past_blank(doc, t, c->start, c->end);
	per = period_words(t, *a, *a, c->end, e);
	if (per == PER_NONE || past_blank(doc, t, *e, c->end) != c->end)
		return PER_NONE;
	return per;
}

/* The block `d` cells from table cell k in k's row, in *c; 0 if there
 * is none (the row ends before, or another block comes between). */
static int row_cell(const clint_doc *doc, size_t k, int d, clint_block *c)
{
	clint_block b;
	int step = d > 0 ? 1 : -1;

	if (clint_doc_block(doc, k, &b) != CLINT_OK ||
	    b.type != CLINT_BLOCK_TABLE_CELL)
		return 0;
	for (; d != 0; d -= step) {
		if (step < 0 && (k == 0 || (b.flags & CLINT_BLOCK_ROW_START)))
			return 0;
		k += step > 0 ? 1 : (size_t)-1;
		if (clint_doc_block(doc, k, &b) != CLINT_OK ||
		    b.type != CLINT_BLOCK_TABLE_CELL ||
		    (step > 0 && (b.flags & CLINT_BLOCK_ROW_START)))
			return 0;
	}
	*c = b;
	return 1;
}

/* True if the cell `d` cells from table cell k in its row holds a
 * period alone. */
static int cell_is_period(const clint_doc *doc, const char *t, size_t k,
                          int d)
{
	clint_block c;
	size_t a, e;

	return row_cell(doc, k, d, &c) &&
	       cell_period(doc, t, &c, &a, &e) != PER_NONE;
}

/* The index of the first value of doc starting at `off` or after. */
static size_t value_from(const clint_doc *doc, size_t off)
{
	size_t lo = 0, hi = clint_doc_value_count(doc);
	clint_value v;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (clint_doc_value(doc, mid, &v) == CLINT_OK && v.start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* True if the cell `d` cells from table cell k in its row starts with a
 * sum or a rate (at_end: ends with one). */
static int cell_sum(const clint_doc *doc, const char *t, size_t k, int d,
                    int at_end)
{
	clint_block c;
	clint_value v;
	size_t i;

	if (!row_cell(doc, k, d, &c))
		return 0;
	i = value_from(doc, at_end ? c.end : c.start);
	if (at_end) {
		if (i == 0)
			return 0;
		i--;
	}
	if (clint_doc_value(doc, i, &v) != CLINT_OK || v.start < c.start ||
	    v.start >= c.end || v.kind == CLINT_VALUE_DURATION)
		return 0;
	return at_end ? past_blank(doc, t, v.end, c.end) == c.end
	              : past_blank(doc, t, c.start, c.end) == v.start;
}

/* How table cell k's row writes periods in cells of their own, seen from
 * its cells that hold a sum or a period alone: LAYOUT_BEFORE the sums
 * when the first of them is a period ("| Monthly | EUR 1,000 | Annually
 * | EUR 11,000 |"); LAYOUT_AFTER when the last is a period, or the first
 * is a sum that opens the row ("| EUR 1,000 | per month | EUR 5,000
 * |"); else LAYOUT_UNKNOWN: labels and
 * sums ("| One-off | EUR 1,000 | Monthly | EUR 500 |") may as well be a
 * fee and its period column beside another fee, and a row of more than
 * ROW_SCAN cells is not read (each value of such a row would read it). */
#define ROW_SCAN 16
enum { LAYOUT_UNKNOWN, LAYOUT_BEFORE, LAYOUT_AFTER };
static int row_layout(const clint_doc *doc, const char *t, size_t k)
{
	size_t first = k, j, n;
	int first_kind = 0, last_kind = 0, kind; /* 1 sum, 2 period */
	size_t first_at = 0;
	clint_block c;

	for (n = 0; n < ROW_SCAN && row_cell(doc, first, -1, &c); n++)
		first--;
	if (n == ROW_SCAN)
		return LAYOUT_UNKNOWN;
	for (j = first, n = 0;; j++) {
		kind = cell_is_period(doc, t, j, 0)                               ? 2
		       : cell_sum(doc, t, j, 0, 0) || cell_sum(doc, t, j, 0, 1) ? 1
		                                                                  : 0;
		if (kind && !first_kind) {
			first_kind = kind;
			first_at = j;
		}
		if (kind)
			last_kind = kind;
		if (!row_cell(doc, j, 1, &c))
			break;
		if (++n == ROW_SCAN)
			return LAYOUT_UNKNOWN;
	}
	if (first_kind == 2)
		return LAYOUT_BEFORE;
	if (last_kind == 2)
		return LAYOUT_AFTER;
	if (first_kind == 1 && first_at == first &&
	    clint_doc_block(doc, first, &c) == CLINT_OK &&
	    (c.flags & CLINT_BLOCK_ROW_START))
		return LAYOUT_AFTER;
	return LAYOUT_UNKNOWN;
}

/* The period written with value v in doc's text t: PER_*,
 * and *end past its words; PER_NONE for a duration or no period. The
 * words may follow after a line break or two spaces, and markup, in the
 * value's block: never in the next list item, heading or paragraph
 * ("EUR 5,000\n- Monthly fee: ..."). A value that ends its table cell
 * may take its period from the cell after it, one that starts it from
 * the cell before (after first), in the same row, when that cell holds
 * the period alone (a price table's "Period" column: "| EUR 1,000 | per
 * month |", "| Monthly | EUR 1,000 |"): *start then goes back to the
 * period's words.
 * Never from another row (CLINT_BLOCK_ROW_START): "| EUR 1,000 |" then
 * "| Annually | ..." is no annual fee. */
static int period_of(const clint_doc *doc, const char *t,
                     const clint_value *v, size_t *start, size_t *end)
{
	size_t at, sp, from, to, k, e;
	clint_block b, c;
	int per, ends, starts;

	*start = v->start;
	*end = v->end;
	if (v->kind == CLINT_VALUE_DURATION)
		return PER_NONE;
	block_span(doc, v->start, 1, &from, &to);
	at = sp = past_markup(doc, v->end, to);
	while (sp < to && sp - at < 3 &&
	       (t[sp] == ' ' || t[sp] == '\n' || t[sp] == '\t'))
		sp++;
	sp = past_markup(doc, sp, to);
	per = period_words(t, at, sp == at ? (size_t)-1 : sp, to, end);
	if (per != PER_NONE)
		return per;
	ends = past_blank(doc, t, at, to) == to;
	starts = past_blank(doc, t, from, v->start) == v->start;
	/* the value ends its cell: the next cell of its row, if it is the
	 * period; it starts its cell: the cell before. A period cell between
	 * two sums goes by the row's layout (row_layout()), and to neither
	 * when that is unknown. */
	k = block_index(doc, v->start);
	if ((!ends && !starts) || clint_doc_block(doc, k, &b) != CLINT_OK ||
	    b.type != CLINT_BLOCK_TABLE_CELL)
		return PER_NONE;
	if (ends && row_cell(doc, k, 1, &c) &&
	    (per = cell_period(doc, t, &c, &sp, &e)) != PER_NONE &&
	    (!cell_sum(doc, t, k, 2, 0) || row_layout(doc, t, k) == LAYOUT_AFTER)) {
		*end = e;
		return per;
	}
	if (starts && row_cell(doc, k, -1, &c) &&
	    (per = cell_period(doc, t, &c, &sp, &e)) != PER_NONE &&
	    (!cell_sum(doc, t, k, -2, 1) ||
	     row_layout(doc, t, k) == LAYOUT_BEFORE)) {
		*start = sp;
		return per;
	}
	return PER_NONE;
}

/* What a period comes to in a year, 0 when it does not compare (an
 * hour, a day: how many of them a year holds the contract says). */
static double per_year(int period)
{
	return period == PER_WEEK      ? 52.0
	       : period == PER_MONTH   ? 12.0
	       : period == PER_QUARTER ? 4.0
	       : period == PER_YEAR    ? 1.0
	                               : 0.0;
}

typedef struct {
	clint_value v;
	int period;      /* PER_*: the period written with it */
	size_t shown_start, shown_end;  /* the value with its period */
	int term;
	size_t group;    /* the run of changes it is in, NO_GROUP if unchanged */
	size_t partner;  /* index of the value paired with it on the other
	                    side, or NO_GROUP */
	int inside;      /* a change falls in its own words, not only next
	                    to them */
	int used;        /* paired, or the same value moved in the section */
} tv;

/* Values of doc inside [start, end) with their terms. */
static int collect(const clint_diff *d, const clint_doc *doc, int old,
                   size_t sec, size_t start, size_t end, tv **out, size_t *n)
{
	size_t i, cap = 0, count = clint_doc_value_count(doc);
	const char *label = clint_diff_label(d, old, sec, start);
	const char *text = clint_doc_text(doc, NULL);
	int rc = CLINT_OK;
	clint_value v;

	*out = NULL;
	*n = 0;
	/* values are in text order: the first in range by bisection */
	for (i = value_from(doc, start); i < count; i++) {
		TRY(clint_doc_value(doc, i, &v));
		if (v.start >= end)
			break;
		TRY(ARRAY_PUSH(*out, *n, cap));
		(*out)[*n].v = v;
		(*out)[*n].period = period_of(doc, text, &v, &(*out)[*n].shown_start,
		                              &(*out)[*n].shown_end);
		(*out)[*n].term = term_of(doc, &v, start, label);
		(*out)[*n].group = NO_GROUP;
		(*out)[*n].partner = NO_GROUP;
		(*out)[*n].inside = 0;
		(*out)[*n].used = 0;
		(*n)++;
	}
done:
	return rc;
}

/* Words of the sentence around a value that the same clause keeps. */
#define SENTENCE_WORDS 64
#define SENTENCE_REACH 300

/* True if c ends a sentence when a space follows. */
static int sentence_stop(char c)
{
	return c == '.' || c == ';' || c == '?' || c == '!';
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The distinct words (folded hashes, sorted) of the sentence of doc that
 * holds value x, without the value's own words and numbers; returns
 * their count. The sentence ends at ". ", "; ", "? ", "! " or its block's edge, at most
 * SENTENCE_REACH bytes from the value, and has at most SENTENCE_WORDS. */
static size_t sentence_words(const clint_doc *doc, const tv *x,
                             uint32_t *out)
{
	size_t len, from, to, a, b, i, n = 0, m;
	const char *t = clint_doc_text(doc, &len);

	block_span(doc, x->v.start, 1, &from, &to);
	a = x->v.start > from + SENTENCE_REACH ? x->v.start - SENTENCE_REACH
	                                       : from;
	for (i = x->v.start; i > a; i--)
		if (i < len && (t[i] == ' ' || t[i] == '\n') &&
		    sentence_stop(t[i - 1]))
			break;
	a = i;
	b = x->shown_end + SENTENCE_REACH < to ? x->shown_end + SENTENCE_REACH
	                                       : to;
	for (i = x->shown_end; i < b; i++)
		if (sentence_stop(t[i]) && (i + 1 >= b || t[i + 1] == ' ' ||
		                            t[i + 1] == '\n'))
			break;
	b = i;
	for (i = a; i < b && n < SENTENCE_WORDS;) {
		uint32_t h = 2166136261u;
		if (!clint_isalnum((unsigned char)t[i]) &&
		    (unsigned char)t[i] < 0x80) {
			i++;
			continue;
		}
		for (m = i; m < b && (clint_isalnum((unsigned char)t[m]) ||
		                      (unsigned char)t[m] >= 0x80); m++) {
			h ^= (unsigned char)clint_tolower(t[m]);
			h *= 16777619u;
		}
		/* numbers (a clause number "1.1", a value) are not words */
		if ((m <= x->shown_start || i >= x->shown_end) &&
		    !clint_isdigit((unsigned char)t[i]))
			out[n++] = h;
		i = m;
	}
	qsort(out, n, sizeof(*out), cmp_u32);
	for (i = 0, m = 0; i < n; i++)
		if (m == 0 || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

/* The hash sentence_words() gives the word w (lower case). */
static uint32_t word_hash(const char *w)
{
	uint32_t h = 2166136261u;

	for (; *w; w++) {
		h ^= (unsigned char)*w;
		h *= 16777619u;
	}
	return h;
}

/* True if word hash h is a party or role word ("Customer", "Supplier",
 * "party"): a clause of another party is another clause. "each" and
 * "either" are not ("each invoice"). */
static int role_word(uint32_t h)
{
	static const char *const roles[] = {
		"customer", "client", "supplier", "vendor", "provider",
		"contractor", "subcontractor", "licensee", "licensor", "buyer",
		"seller", "purchaser", "company", "consultant", "distributor",
		"manufacturer", "agent", "principal", "lessee", "lessor",
		"tenant", "landlord", "party", "parties", "we", "you", "us"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(roles); i++)
		if (h == word_hash(roles[i]))
			return 1;
	return 0;
}

/* Whether the sentences of x (OLD) and y (NEW) are the same clause with
 * another value: at least 90% of their words in common (Dice), and no
 * party or role word on one side only. "Either party may terminate on
 * ninety (90) days' notice" and "... on thirty (30) days' notice" are;
 * "The Customer may terminate for convenience on 90 days' notice" and
 * "The Supplier may terminate on 30 days' notice" are not, nor are "a
 * monthly fee of EUR 10,000 for the Services, plus VAT" and "an
 * installation fee of EUR 15,000 for the Services, plus VAT". */
static int same_clause(const clint_diff *d, const tv *x, const tv *y)
{
	uint32_t wa[SENTENCE_WORDS], wb[SENTENCE_WORDS];
	size_t na = sentence_words(d->old_doc, x, wa),
	       nb = sentence_words(d->new_doc, y, wb), i = 0, j = 0, common = 0;

	while (i < na || j < nb) {
		if (i < na && j < nb && wa[i] == wb[j]) {
			common++;
			i++;
			j++;
		} else if (j == nb || (i < na && wa[i] < wb[j])) {
			if (role_word(wa[i++]))
				return 0;
		} else {
			if (role_word(wb[j++]))
				return 0;
		}
	}
	return na + nb > 0 && 2 * common * 10 >= 9 * (na + nb);
}

static int differs(const tv *x, const tv *y)
{
	const clint_value *a = &x->v, *b = &y->v;

	if (a->kind == CLINT_VALUE_DURATION)
		return a->days != b->days;
	if (a->kind == CLINT_VALUE_MONEY && strcmp(a->currency, b->currency) != 0)
		return 1;
	return a->amount != b->amount || x->period != y->period;
}

static double quantity(const clint_value *v)
{
	return v->kind == CLINT_VALUE_DURATION ? v->days : v->amount;
}

/* Whether the changed range [hs, he) of a hunk touches a value whose
 * reach (reach_of()) is [rs, re): overlaps it or is next to it. Both
 * sides of a change touch the same values so: "USD 5 [-million-]" (OLD's
 * range overlaps the value, NEW's is empty at its end), "30 {+business+}
 * days" (empty inside), "30 days {+after delivery+}" (next to it on both
 * sides, so the value pairs with itself). */
static int touches(size_t hs, size_t he, size_t rs, size_t re)
{
	return hs <= re && he >= rs;
}

/* The reach of value x in text t (len bytes): the value with its period,
 * and the white space around it, at most REACH_SPACE bytes each side:
 * hunks are ranges of words, which white space separates from the
 * value's. A sum or a rate reaches over the words of letters after it
 * too (at most REACH_WORDS of them in REACH_AFTER bytes), where its period is
 * written: a change there ("per [-month-]{+year+}", "per {+user per+}
 * month") touches the value on both sides, whether or not the words on
 * each side read as a period (the words before the change are the same
 * on both sides, so the reach is too). */
#define REACH_SPACE 16
#define REACH_WORDS 3
#define REACH_AFTER 32
static void reach_of(const char *t, size_t len, const tv *x, size_t *rs,
                     size_t *re)
{
	const clint_value *v = &x->v;
	size_t a = v->start, b = v->end, w, e;

	if (v->kind != CLINT_VALUE_DURATION) {
		for (w = 0, e = b; w < REACH_WORDS && e < len; w++) {
			size_t k = e;
			while (k < len && k - v->end < REACH_AFTER &&
			       (t[k] == ' ' || t[k] == '\n' || t[k] == '\t'))
				k++;
			if (k >= len || !(clint_isalpha((unsigned char)t[k]) ||
			                  t[k] == '/'))
				break;
			while (k < len && k - v->end < REACH_AFTER &&
			       (clint_isalpha((unsigned char)t[k]) || t[k] == '/' ||
			        t[k] == '.'))
				k++;
			e = k;
		}
		b = e;
	}
	if (b < x->shown_end)
		b = x->shown_end;
	if (a > x->shown_start)
		a = x->shown_start;  /* "| Monthly | EUR 1,000 |" */

	e = a;
	while (a > 0 && e - a < REACH_SPACE &&
	       (t[a - 1] == ' ' || t[a - 1] == '\n' || t[a - 1] == '\t'))
		a--;
	e = b;
	while (b < len && b - e < REACH_SPACE &&
	       (t[b] == ' ' || t[b] == '\n' || t[b] == '\t'))
		b++;
	*rs = a;
	*re = b;
}

/*
 * The runs of changes of section s: hunks a value of either side touches
 * together ("thirty (30) days" -> "forty-five (45) business days" may be
 * two hunks) are one run. Sets each value's group to the index (from 0,
 * in the section's hunks) of its run's first hunk, or leaves NO_GROUP
 * for a value in unchanged text. Values and hunks are both in text
 * order: one walk each. `join` (hunk_count slots, scratch) counts the
 * values over each hunk and the next.
 */
static void group_values(const clint_diff *d, size_t s, tv *va, size_t na,
                         tv *vb, size_t nb, long *join)
{
	const clint_diff_hunk *h = d->hunks + d->first_hunk[s];
	size_t nh = d->sections[s].hunk_count, i, k, first;
	int side;

	for (k = 0; k < nh; k++)
		join[k] = 0;
	/* first pass: which hunks each value touches (first and last) */
	for (side = 0; side < 2; side++) {
		tv *v = side ? vb : va;
		size_t n = side ? nb : na, len;
		const char *t = clint_doc_text(side ? d->new_doc : d->old_doc, &len);
		for (i = 0, k = 0; i < n; i++) {
			size_t f = NO_GROUP, l = 0, j, rs, re;
			reach_of(t, len, &v[i], &rs, &re);
			/* hunks wholly before the reach are before the next
			 * values' (their starts only grow, their reaches' nearly:
			 * a hunk is skipped only when it ends before this one) */
			while (k < nh && (side ? h[k].new_end : h[k].old_end) < rs)
				k++;
			for (j = k; j < nh; j++) {
				size_t hs = side ? h[j].new_start : h[j].old_start;
				size_t he = side ? h[j].new_end : h[j].old_end;
				if (hs > re)
					break;
				if (touches(hs, he, rs, re)) {
					/* in its words: overlapping them, or an
					 * insertion between two of them */
					if (hs == he ? v[i].shown_start < hs && hs < v[i].shown_end
					             : hs < v[i].shown_end && he > v[i].shown_start)
						v[i].inside = 1;
					if (f == NO_GROUP)
						f = j;
					l = j;
				}
			}
			v[i].group = f;
			if (f != NO_GROUP && l > f) {
				join[f]++;
				join[l]--;  /* f..l-1 join their next */
			}
		}
	}
	/* hunk k's run starts at first; values take their run's start */
	for (k = 0; k < nh; k++) {
		long open = join[k] + (k ? join[k - 1] : 0);
		join[k] = open;    /* running count: > 0 joins k with k + 1 */
	}
	for (k = 0, first = 0; k < nh; k++) {
		size_t start = first;
		if (join[k] <= 0)
			first = k + 1;
		join[k] = (long)start;  /* now: the run's first hunk */
	}
	for (side = 0; side < 2; side++) {
		tv *v = side ? vb : va;
		size_t n = side ? nb : na;
		for (i = 0; i < n; i++)
			if (v[i].group != NO_GROUP)
				v[i].group = (size_t)join[v[i].group];
	}
}
/* A value's key for pairing: its kind and term, then (`same` keys) its
 * quantity and currency, then its place. */
typedef struct {
	int kind, term;
	double q;
	const char *currency;
	int period;
	size_t at;
} tv_key;

static int key_cmp_term(const tv_key *x, const tv_key *y)
{
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return 0;
}

static int key_cmp_same(const tv_key *x, const tv_key *y)
{
	int c = key_cmp_term(x, y);

	if (c)
		return c;
	if (x->q != y->q)
		return x->q < y->q ? -1 : 1;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	return strcmp(x->currency, y->currency);
}

static int key_cmp_term_at(const void *a, const void *b)
{
	const tv_key *x = a, *y = b;
	int c = key_cmp_term(x, y);

	return c ? c : (x->at < y->at ? -1 : x->at > y->at);
}

static int key_cmp_same_at(const void *a, const void *b)
{
	const tv_key *x = a, *y = b;
	int c = key_cmp_same(x, y);

	return c ? c : (x->at < y->at ? -1 : x->at > y->at);
}

static tv_key key_of(const tv *v, size_t at)
{
	tv_key k;

	k.kind = (int)v->v.kind;
	k.term = v->term;
	k.q = quantity(&v->v);
	/* the quantity compares durations in days; money needs its currency */
	k.currency = v->v.kind == CLINT_VALUE_MONEY ? v->v.currency : "";
	k.period = v->period;
	k.at = at;
	return k;
}

/*
 * Candidate NEW values for pairing old values with them in one pass:
 * keys sorted by key and place; taken[k] how many of the run of equal
 * keys starting at keys[k] are paired. `same`: keys compare quantities
 * too (the same value), else kind and term only.
 */
typedef struct {
	tv_key *keys;
	size_t *taken;
	size_t n;
	int same;
} tv_index;

/* The index of vb[idx[0..n)], NEW values left to pair. */
static int tv_index_build(tv_index *x, const tv *vb, const size_t *idx,
                          size_t n, int same)
{
	size_t k;

	x->n = n;
	x->same = same;
	x->keys = malloc((n ? n : 1) * sizeof(*x->keys));
	x->taken = calloc(n ? n : 1, sizeof(*x->taken));
	if (!x->keys || !x->taken)
		return CLINT_ENOMEM;
	for (k = 0; k < n; k++)
		x->keys[k] = key_of(&vb[idx[k]], idx[k]);
	qsort(x->keys, n, sizeof(*x->keys), same ? key_cmp_same_at
	                                          : key_cmp_term_at);
	return CLINT_OK;
}

static void tv_index_free(tv_index *x)
{
	free(x->keys);
	free(x->taken);
	x->keys = NULL;
	x->taken = NULL;
}

/* The first NEW value (index into vb) of v's key not paired yet (pairing
 * it), or NO_GROUP if none is left: what a scan of the values from the
 * first would find. */
static size_t tv_index_take(tv_index *x, const tv *v)
{
	size_t lo = 0, hi = x->n, at;
	tv_key key = key_of(v, 0);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = x->same ? key_cmp_same(&x->keys[mid], &key)
		                : key_cmp_term(&x->keys[mid], &key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->n)
		return NO_GROUP;
	at = lo + x->taken[lo];
	if (at >= x->n || (x->same ? key_cmp_same(&x->keys[at], &key)
	                           : key_cmp_term(&x->keys[at], &key)) != 0)
		return NO_GROUP;
	x->taken[lo]++;
	return x->keys[at].at;
}

/* The side a value added or removed lacks: v's kind, nothing else. */
static clint_value none_like(const clint_value *v)
{
	clint_value n;

	memset(&n, 0, sizeof(n));
	n.kind = v->kind;
	n.currency = "";
	n.unit = "";
	n.section = CLINT_NO_SECTION;
	return n;
}

static int put_value(clint_diff *d, size_t s, const tv *a, const tv *b)
{
	clint_diff_value *out;
	const tv *any = b ? b : a;
	int t = any->term, rc = CLINT_OK;

	TRY(ARRAY_PUSH(d->values, d->value_count, d->value_cap));
	out = &d->values[d->value_count++];
	memset(out, 0, sizeof(*out));
	out->section = s;
	out->change = !a ? CLINT_VALUE_ADDED : !b ? CLINT_VALUE_REMOVED
	                                         : CLINT_VALUE_CHANGED;
	out->old_value = a ? a->v : none_like(&b->v);
	out->new_value = b ? b->v : none_like(&a->v);
	/* shown with its period: "EUR 4,000 per month", "Monthly EUR 4,000" */
	if (a) {
		out->old_value.start = a->shown_start;
		out->old_value.end = a->shown_end;
	}
	if (b) {
		out->new_value.start = b->shown_start;
		out->new_value.end = b->shown_end;
	}
	out->term = t >= 0 ? terms[t].term : kind_terms[any->v.kind];
	out->why = "";
	/* which way a value moved, when it was there before and after (and
	 * given for the same period, or, for a sum or rate paid per period,
	 * for periods that compare by the year: EUR 4,000 a month is more
	 * than EUR 40,000 a year; EUR 1,000 a month and EUR 12,000 a year
	 * are the same, not judged) */
	if (a && b && t >= 0 && terms[t].higher != CLINT_FAVOURS_UNKNOWN &&
	    (a->v.kind != CLINT_VALUE_MONEY ||
	     strcmp(a->v.currency, b->v.currency) == 0) &&
	    (a->period == b->period ||
	     (terms[t].flow && per_year(a->period) > 0 &&
	      per_year(b->period) > 0))) {
		double qa = quantity(&a->v), qb = quantity(&b->v);
		int up;
		if (a->period != b->period) {
			qa *= per_year(a->period);
			qb *= per_year(b->period);
		}
		if (qa == qb)
			goto done;
		up = qb > qa;
		clint_favours other = terms[t].higher == CLINT_FAVOURS_CUSTOMER
		                          ? CLINT_FAVOURS_SUPPLIER
		                          : CLINT_FAVOURS_CUSTOMER;
		out->favours = up ? terms[t].higher : other;
		out->why = up ? terms[t].why_higher : terms[t].why_lower;
	}
done:
	return rc;
}

/*
 * The values of one edited section. A value in unchanged text is the
 * same on both sides. The values a run of changes touches pair with the
 * same value first, then by kind and term in text order ("[-ninety
 * (90)-]{+thirty (30)+} days"); a value left over is removed or added ("30 days' notice, or 10 days' for
 * material breach" -> "10 days' for material breach" removes the 30
 * days, and does not change 30 into 10). Then a value removed in one
 * run and the same value added in another is text moved in the section,
 * not a change; and the only value of a term removed and the only one of
 * that term added are a change, wherever the runs are, when their
 * sentences are the same clause (same_clause()).
 */
static int section_values(clint_diff *d, size_t s, tv *va, size_t na,
                          tv *vb, size_t nb, long *join)
{
	tv_index ix = {NULL, NULL, 0, 0};
	size_t *idx = NULL, i, j, n, lo_b;
	int rc = CLINT_OK, same;

	group_values(d, s, va, na, vb, nb, join);
	idx = malloc((nb ? nb : 1) * sizeof(*idx));
	if (!idx)
		return CLINT_ENOMEM;
	/* runs in text order; each run's values are consecutive */
	for (i = 0, lo_b = 0; i < na;) {
		size_t g = va[i].group, end_a = i + 1;
		if (g == NO_GROUP) {
			i++;
			continue;
		}
		while (end_a < na && va[end_a].group == g)
			end_a++;
		while (lo_b < nb && (vb[lo_b].group == NO_GROUP ||
		                     vb[lo_b].group < g))
			lo_b++;
		/* NEW's values of the run not paired yet (a run's values on a
		 * side may come in two batches around a value in unchanged
		 * text) */
		for (n = 0, j = lo_b; j < nb && (vb[j].group == NO_GROUP ||
		                                 vb[j].group == g); j++)
			if (vb[j].group == g && !vb[j].used)
				idx[n++] = j;
		/* a value the change stands next to pairs with the same value
		 * first (the 10 days of "30 days' notice, or 10 days' for
		 * material breach" -> "10 days' for material breach"); then by
		 * term in text order, so that "[-5%-]{+10%+} or [-10%-]{+20%+}"
		 * is 5 -> 10 and 10 -> 20, not 5 -> 20 */
		for (same = 1; n && same >= 0; same--) {
			size_t k, m, nn = n, t;
			/* first pass: the values the change does not fall in, moved
			 * to the front (the index sorts them: order is free) */
			for (nn = 0, k = 0; same && k < n; k++)
				if (!vb[idx[k]].inside) {
					t = idx[nn];
					idx[nn++] = idx[k];
					idx[k] = t;
				}
			TRY(tv_index_build(&ix, vb, idx, same ? nn : n, same));
			for (k = i; k < end_a; k++)
				if (!va[k].used && !(same && va[k].inside) &&
				    (j = tv_index_take(&ix, &va[k])) != NO_GROUP) {
					va[k].used = vb[j].used = 1;
					va[k].partner = j;
				}
			tv_index_free(&ix);
			for (m = 0, k = 0; k < n; k++)
				if (!vb[idx[k]].used)
					idx[m++] = idx[k];
			n = m;
		}
		i = end_a;
	}
	/* values moved within the section */
	for (n = 0, j = 0; j < nb; j++)
		if (vb[j].group != NO_GROUP && !vb[j].used)
			idx[n++] = j;
	if (n) {
		TRY(tv_index_build(&ix, vb, idx, n, 1));
		for (i = 0; i < na; i++)
			if (va[i].group != NO_GROUP && !va[i].used &&
			    (j = tv_index_take(&ix, &va[i])) != NO_GROUP)
				va[i].used = vb[j].used = 1;
	}
	/* a value moved to another run and changed there: the one value of
	 * a term removed and the one of the same term, kind and currency
	 * added in the section, in sentences that are the same clause, are a
	 * change of it ("Either party may terminate on 90 days' notice."
	 * moved to the end and made 30 days), judged as one */
	{
		size_t ta[ARRAY_LEN(terms)], tb[ARRAY_LEN(terms)];
		unsigned ca[ARRAY_LEN(terms)] = {0}, cb[ARRAY_LEN(terms)] = {0};
		int t;

		for (i = 0; i < na; i++)
			if (va[i].group != NO_GROUP && !va[i].used &&
			    va[i].partner == NO_GROUP && va[i].term >= 0) {
				ta[va[i].term] = i;
				ca[va[i].term]++;
			}
		for (j = 0; j < nb; j++)
			if (vb[j].group != NO_GROUP && !vb[j].used && vb[j].term >= 0) {
				tb[vb[j].term] = j;
				cb[vb[j].term]++;
			}
		for (t = 0; t < (int)ARRAY_LEN(terms); t++)
			if (ca[t] == 1 && cb[t] == 1 &&
			    va[ta[t]].v.kind == vb[tb[t]].v.kind &&
			    (va[ta[t]].v.kind != CLINT_VALUE_MONEY ||
			     strcmp(va[ta[t]].v.currency, vb[tb[t]].v.currency) == 0) &&
			    same_clause(d, &va[ta[t]], &vb[tb[t]])) {
				va[ta[t]].used = vb[tb[t]].used = 1;
				va[ta[t]].partner = tb[t];
			}
	}
	/* in text order: OLD's changes and removals, then NEW's additions */
	for (i = 0; i < na; i++) {
		if (va[i].group == NO_GROUP)
			continue;
		if (va[i].partner != NO_GROUP) {
			if (differs(&va[i], &vb[va[i].partner]))
				TRY(put_value(d, s, &va[i], &vb[va[i].partner]));
		} else if (!va[i].used) {
			TRY(put_value(d, s, &va[i], NULL));
		}
	}
	for (j = 0; j < nb; j++)
		if (vb[j].group != NO_GROUP && !vb[j].used)
			TRY(put_value(d, s, NULL, &vb[j]));
done:
	tv_index_free(&ix);
	free(idx);
	return rc;
}

int clint_diff_values(clint_diff *d)
{
	long *join = NULL;
	size_t s, most = 0;
	int rc = CLINT_OK;

	for (s = 0; s < d->section_count; s++)
		if (d->sections[s].hunk_count > most)
			most = d->sections[s].hunk_count;
	join = malloc((most + 1) * sizeof(*join));
	if (!join)
		return CLINT_ENOMEM;
	for (s = 0; s < d->section_count && rc == CLINT_OK; s++) {
		const clint_diff_section *sec = &d->sections[s];
		tv *va = NULL, *vb = NULL;
		size_t na = 0, nb = 0;

		if (!sec->edited)
			continue;
		rc = collect(d, d->old_doc, 1, sec->old_section, sec->old_start,
		             sec->old_end, &va, &na);
		if (rc == CLINT_OK)
			rc = collect(d, d->new_doc, 0, sec->new_section, sec->new_start,
			             sec->new_end, &vb, &nb);
		if (rc == CLINT_OK)
			rc = section_values(d, s, va, na, vb, nb, join);
		free(va);
		free(vb);
	}
	free(join);
	return rc;
}
