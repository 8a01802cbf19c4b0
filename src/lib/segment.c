/*
 * segment.c - the segmentation stage: finds sections (numbering, headings,
 * articles, schedules), nests them, labels them ("§ 9.2 Service Credits")
 * and splits blocks into sentences. Works on the matching view (norm), so
 * markup and typography never confuse it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "internal.h"

/* Nesting ranks: a section contains the following ones of larger rank. */
#define RANK_TOP 10          /* Article, Part, Schedule, Exhibit, ... */
#define RANK_UNNUMBERED 15   /* ALL-CAPS or Title Case heading line */
#define RANK_DECIMAL(d) (10 + 10 * (d))
#define RANK_UPPER 95        /* (A) */
#define RANK_LETTER 100      /* (a) */
#define RANK_ROMAN 110       /* (iv) */
#define RANK_PAREN_DIGIT 120 /* (3) */

#define MAX_HEADING_WORDS 12
#define MAX_HEADING_BYTES 100
#define MAX_RUNIN_WORDS 8
#define MAX_DEPTH 64
/* A real designator is short ("7.2", "IV", "A", "12.3.4"): a longer run of
 * letters, digits and dots after "Section", "Article" ... is not a number
 * (and would be copied into the cite of every item below it). */
#define MAX_DESIGNATOR_BYTES 32
/* What a label takes from a heading, its own or its nearest titled
 * ancestor's ("§ 4.1 (Charges)"), is cut to this: the label is in every
 * finding of the section (a heading of 4 KB made 98 MB of report from
 * 446 KB of text). */
#define MAX_LABEL_HEADING_BYTES 256
/* Item cites grow by one "(a)" per level and the ranks bound the levels;
 * a backstop far above any real "9.2(a)(ii)(B)(3)". */
#define MAX_CITE_BYTES 128
/* A heading block (Markdown "#", a Word heading style) is kept up to this
 * many bytes, cut on a UTF-8 boundary and marked with an ellipsis: a
 * heading line of 54 MB was copied whole into the heading and the label
 * (108 MB the budget never saw), and the label is in every finding. */
#define MAX_HEADING_KEPT 4096

typedef enum {
	NUM_NONE,
	NUM_DECIMAL,   /* 9.2 */
	NUM_WORD,      /* Article IV, Schedule A, Section 7.2, Clause 9 */
	NUM_ITEM       /* (a), (iv), (A), (3) */
} num_kind;

typedef struct {
	num_kind kind;
	unsigned rank;
	char word[16];       /* "Article", "Schedule" ... for NUM_WORD */
	size_t num_start, num_end;  /* the designator in norm */
	size_t rest;         /* where the text after the number starts */
} numbering;

static size_t decimal_depth(const char *s, size_t n)
{
	size_t i, d = 1;

	for (i = 0; i < n; i++)
		if (s[i] == '.')
			d++;
	return d;
}

static const struct {
	const char *word;
	int top;     /* 1: a top-level container; 0: numbered like decimals */
} number_words[] = {
	{"article", 1}, {"part", 1},     {"schedule", 1}, {"exhibit", 1},
	{"annex", 1},   {"appendix", 1}, {"attachment", 1}, {"section", 0},
	{"clause", 0},
};

/*
 * Parses the numbering at s[a..b) (the start of a block). Returns 1 and
 * fills `num`, or 0 if the block does not start with a number.
 */
static int parse_numbering(const char *s, size_t a, size_t b, numbering *num)
{
	size_t i = a, j, w;

	memset(num, 0, sizeof(*num));
	if (i >= b)
		return 0;
	if (s[i] == '\xC2' && i + 1 < b && s[i + 1] == '\xA7') /* "§ 4.1" */
		i = i + 2 < b && s[i + 2] == ' ' ? i + 3 : i + 2;
	if (clint_isdigit((unsigned char)s[i])) {
		j = i;
		while (j < b && (clint_isdigit((unsigned char)s[j]) ||
		                 (s[j] == '.' && j + 1 < b &&
		                  clint_isdigit((unsigned char)s[j + 1]))))
			j++;
		if (j - i > 12 || (j < b && !(s[j] == '.' || s[j] == ')' ||
		                             s[j] == ' ')))
			return 0;
		/* "12 months" is not a number: require a dot or ")" somewhere */
		if (!memchr(s + i, '.', j - i) && !(j < b && (s[j] == '.' ||
		                                             s[j] == ')')))
			return 0;
		{
			size_t k = i;
			while (k < j && clint_isdigit((unsigned char)s[k]))
				k++;
			if (k - i > 3)
				return 0;
		}
		num->kind = NUM_DECIMAL;
		num->num_start = i;
		num->num_end = j;
		num->rank = RANK_DECIMAL(decimal_depth(s + i, j - i));
		if (j < b && (s[j] == '.' || s[j] == ')'))
			j++;
		/* "1.1.The Supplier", "2.Termination": a number whose dot
		 * ends it glued to a capital, as typed without a space; not
		 * a row of such items ("1.Delivery  2.Training  3.Personnel",
		 * a table flattened into a line) */
		if (j < b && s[j - 1] == '.' && clint_isupper((unsigned char)s[j]) &&
		    j + 1 < b && clint_isalpha((unsigned char)s[j + 1])) {
			size_t k;
			for (k = j; k + 2 < b; k++)
				if (s[k] == ' ' && clint_isdigit((unsigned char)s[k + 1])) {
					size_t d = k + 1;
					while (d < b && clint_isdigit((unsigned char)s[d]))
						d++;
					if (d + 1 < b && s[d] == '.' &&
					    clint_isupper((unsigned char)s[d + 1]))
						return 0;
				}
			num->rest = j;
			return 1;
		}
		if (j < b && s[j] != ' ')
			return 0;
		num->rest = j < b ? j + 1 : j;
		return 1;
	}
	if (s[i] == '(') {
		j = i + 1;
		while (j < b && j - i <= 6 && clint_isalnum((unsigned char)s[j]))
			j++;
		if (j >= b || s[j] != ')' || j == i + 1)
			return 0;
		if (j + 1 < b && s[j + 1] != ' ')
			return 0;
		num->kind = NUM_ITEM;
		num->num_start = i;
		num->num_end = j + 1;
		num->rest = j + 1 < b ? j + 2 : j + 1;
		if (clint_isdigit((unsigned char)s[i + 1]))
			num->rank = RANK_PAREN_DIGIT;
		else if (j - i - 1 == 1 && clint_isupper((unsigned char)s[i + 1]))
			num->rank = RANK_UPPER;
		else if (j - i - 1 == 1 && !strchr("ivx", s[i + 1]))
			num->rank = RANK_LETTER;
		else if (clint_is_roman(s + i + 1, j - i - 1) &&
		         clint_islower((unsigned char)s[i + 1]))
			num->rank = RANK_ROMAN;
		else if (j - i - 1 == 1)
			num->rank = RANK_LETTER;
		else
			return 0;
		return 1;
	}
	for (w = 0; w < ARRAY_LEN(number_words); w++) {
		size_t n = strlen(number_words[w].word), k;

		if (b - i <= n + 1 || !clint_ascii_ieq(s + i, number_words[w].word, n) ||
		    s[i + n] != ' ')
			continue;
		j = i + n + 1;
		k = j;
		while (k < b && (clint_isalnum((unsigned char)s[k]) || s[k] == '.'))
			k++;
		while (k > j && s[k - 1] == '.')
			k--;
		if (k == j || k - j > MAX_DESIGNATOR_BYTES)
			return 0;
		if (!(clint_isdigit((unsigned char)s[j]) || k - j == 1 ||
		      clint_is_roman(s + j, k - j)))
			return 0;
		/* the designator is followed by the end, punctuation, or a
		 * heading that starts with a capital: "Section 7.2 of" is a
		 * reference, not a heading */
		{
			size_t r = k;
			while (r < b && (s[r] == '.' || s[r] == ':' || s[r] == ')'))
				r++;
			while (r < b && (s[r] == ' ' || s[r] == '-'))
				r++;
			if (r < b && !(clint_isupper((unsigned char)s[r]) || s[r] == '"' ||
			               s[r] == '(' || clint_isdigit((unsigned char)s[r]) ||
			               (unsigned char)s[r] >= 0x80))
				return 0;
			num->rest = r;
		}
		num->kind = NUM_WORD;
		snprintf(num->word, sizeof(num->word), "%c%s",
		         clint_toupper((unsigned char)number_words[w].word[0]),
		         number_words[w].word + 1);
		num->num_start = j;
		num->num_end = k;
		num->rank = number_words[w].top
		                ? RANK_TOP
		                : (clint_isdigit((unsigned char)s[j])
		                       ? RANK_DECIMAL(decimal_depth(s + j, k - j))
		                       : RANK_DECIMAL(1));
		return 1;
	}
	return 0;
}

/* Counts words in s[a..b). */
static size_t count_words(const char *s, size_t a, size_t b)
{
	size_t n = 0, i;
	int in = 0;

	for (i = a; i < b; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static const char *const minor_words[] = {
	"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on",
	"or", "the", "to", "with", "its", "into", "upon", "under", "per", "vs",
};

static int is_minor(const char *s, size_t n)
{
	return clint_ascii_word_in(s, n, minor_words, ARRAY_LEN(minor_words));
}

/*
 * True if s[a..b) reads like a heading: short, and either ALL CAPS or
 * Title Case (every significant word capitalised), with no verb-like
 * lowercase words and no sentence punctuation inside.
 */
static int heading_like(const char *s, size_t a, size_t b)
{
	size_t i, upper = 0, lower = 0, words, w0;
	int title = 1;

	while (b > a && (s[b - 1] == '.' || s[b - 1] == ':' || s[b - 1] == ' '))
		b--;
	if (b <= a || b - a > MAX_HEADING_BYTES)
		return 0;
	words = count_words(s, a, b);
	if (words == 0 || words > MAX_HEADING_WORDS)
		return 0;
	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (clint_isupper(c))
			upper++;
		else if (clint_islower(c))
			lower++;
		else if (c == '.' || c == ';' || c == '?' || c == '!' || c == ':' ||
		         c == '/' || c == '@' || c == '_')
			return 0;  /* sentences, "By: /s/ ...", blanks to fill */
	}
	if (upper + lower < 2)
		return 0;
	if (lower == 0)
		return 1;  /* ALL CAPS */
	/* Title Case: every word that starts with a letter and is not a minor
	 * word starts with a capital; the first word always does. */
	i = a;
	w0 = 1;
	while (i < b) {
		size_t j = i;
		while (j < b && s[j] != ' ' && s[j] != '\t')
			j++;
		if (clint_isalpha((unsigned char)s[i])) {
			if (clint_islower((unsigned char)s[i]) &&
			    (w0 || !is_minor(s + i, j - i)))
				title = 0;
		}
		w0 = 0;
		i = j + 1;
	}
	return title;
}

/*
 * Finds a run-in heading at s[a..b): "Service Credits. If the ..." or
 * "Fees: The Client ...". Returns the end of the heading words or 0.
 */
static size_t runin_heading(const char *s, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b && i - a <= MAX_HEADING_BYTES; i++) {
		if ((s[i] == '.' || s[i] == ':') && i + 1 < b && s[i + 1] == ' ') {
			if (count_words(s, a, i) <= MAX_RUNIN_WORDS &&
			    heading_like(s, a, i))
				return i;
			return 0;
		}
		if (s[i] == ' ' && i + 2 < b && s[i + 1] == '-' && s[i + 2] == ' ') {
			if (count_words(s, a, i) <= MAX_RUNIN_WORDS &&
			    heading_like(s, a, i))
				return i;
			return 0;
		}
	}
	return 0;
}

static size_t trim_heading_end(const char *s, size_t a, size_t b)
{
	while (b > a && (s[b - 1] == '.' || s[b - 1] == ':' || s[b - 1] == ' ' ||
	                 s[b - 1] == '-'))
		b--;
	return b;
}

/* The heading of the nearest titled ancestor, starting at `p`, or NULL. */
static const char *titled_ancestor(const clint_doc *doc, size_t p)
{
	for (; p != CLINT_NO_SECTION; p = doc->sections[p].parent)
		if (*doc->sections[p].heading)
			return doc->sections[p].heading;
	return NULL;
}

/*
 * Appends a heading to a label (its own, or its nearest titled
 * ancestor's), cut to MAX_LABEL_HEADING_BYTES with the ellipsis that marks
 * the cut, after a word when one ends in the second half, else on a UTF-8
 * boundary. Reads no further into `s` than that, so a long heading costs
 * each label, and each finding, the same small amount.
 */
static void put_heading(clint_buf *b, const char *s)
{
	size_t n = strnlen(s, MAX_LABEL_HEADING_BYTES + 1), w;

	if (n <= MAX_LABEL_HEADING_BYTES) {
		clint_buf_put(b, s, n);
		return;
	}
	/* room for the ellipsis */
	n = clint_utf8_back(s, MAX_LABEL_HEADING_BYTES - 3, 0);
	for (w = n; w > n / 2 && s[w] != ' '; w--)
		;
	if (s[w] == ' ')
		n = w;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	clint_buf_put(b, s, n);
	clint_buf_puts(b, "\xE2\x80\xA6");
}

/*
 * Builds the citation of a new section in *out: "9.2", "9.2(a)(ii)", or
 * NULL when it cannot be cited with "§" (an Article, a Schedule, an
 * unnumbered heading, an item under one of those, or a cite longer than
 * MAX_CITE_BYTES, which no real clause has). CLINT_ENOMEM when out of
 * memory (a NULL cite would label the clause without its "§").
 */
static int make_cite(const clint_doc *doc, const numbering *num,
                     const char *number, size_t parent, char **out)
{
	clint_buf b = CLINT_BUF_INIT;

	*out = NULL;
	if (num->kind == NUM_DECIMAL ||
	    (num->kind == NUM_WORD && (strcmp(num->word, "Section") == 0 ||
	                               strcmp(num->word, "Clause") == 0)))
		return (*out = clint_strdup(number)) ? CLINT_OK : CLINT_ENOMEM;
	if (num->kind != NUM_ITEM || parent == CLINT_NO_SECTION ||
	    !doc->sections[parent].cite)
		return CLINT_OK;
	if (strlen(doc->sections[parent].cite) + strlen(number) > MAX_CITE_BYTES)
		return CLINT_OK;
	if (clint_buf_puts(&b, doc->sections[parent].cite) < 0 ||
	    clint_buf_puts(&b, number) < 0) {
		clint_buf_free(&b);
		return CLINT_ENOMEM;
	}
	return (*out = clint_buf_detach(&b, NULL)) ? CLINT_OK : CLINT_ENOMEM;
}

/* Builds the label of a new section whose parent is `parent`. */
static char *make_label(const clint_doc *doc, const numbering *num,
                        const char *cite, const char *number,
                        const char *heading, size_t parent)
{
	clint_buf b = CLINT_BUF_INIT;
	const char *ph;

	/* puts, not printf: a label per section */
	if (cite) {
		clint_buf_puts(&b, "\xC2\xA7 ");
		clint_buf_puts(&b, cite);
	} else if (num->kind == NUM_WORD) {
		clint_buf_puts(&b, num->word);
		clint_buf_putc(&b, ' ');
		clint_buf_puts(&b, number);
	} else if (num->kind == NUM_ITEM) {
		/* "(a)" reads best after the part it belongs to, whose label
		 * is bounded already: each heading in it is cut, and the ranks
		 * allow four levels of items below a part without a cite
		 * ("Article IV Fees (a) (i)": at most five headings and their
		 * designators, some 1.5 KB). Cut again, each level lost a word
		 * of the label and the third lost its "(a)". */
		if (parent != CLINT_NO_SECTION) {
			clint_buf_puts(&b, doc->sections[parent].label);
			clint_buf_putc(&b, ' ');
		}
		clint_buf_puts(&b, number);
	}
	if (*heading) {
		/* the whole heading is the section's */
		if (b.len)
			clint_buf_putc(&b, ' ');
		put_heading(&b, heading);
	} else if (cite && (ph = titled_ancestor(doc, parent)) != NULL) {
		/* an untitled clause: name the nearest titled ancestor */
		clint_buf_puts(&b, " (");
		put_heading(&b, ph);
		clint_buf_putc(&b, ')');
	}
	if (b.failed) {  /* a part left out: no label rather than a wrong one */
		clint_buf_free(&b);
		return NULL;
	}
	return clint_buf_detach(&b, NULL);
}

/* The heading s[a, b), cut to MAX_HEADING_KEPT bytes; NULL if out of
 * memory. */
static char *copy_heading(const char *s, size_t a, size_t b)
{
	clint_buf out = CLINT_BUF_INIT;
	size_t n = b - a;

	if (n > MAX_HEADING_KEPT)
		n = clint_utf8_back(s + a, MAX_HEADING_KEPT, 0);
	if (clint_buf_put(&out, s + a, n) < 0 ||
	    (n < b - a && clint_buf_puts(&out, "\xE2\x80\xA6") < 0)) {
		clint_buf_free(&out);
		return NULL;
	}
	return clint_buf_detach(&out, NULL);
}

static int add_section(clint_doc *doc, const numbering *num, size_t block,
                       size_t hs, size_t he, size_t *stack, size_t *depth)
{
	const clint_iblock *blk = &doc->blocks[block];
	clint_isection *sec;
	size_t parent;
	char *number = NULL, *heading = NULL, *label = NULL, *cite = NULL;
	int rc;

	if (doc->section_count >= CLINT_MAX_SECTIONS)
		return CLINT_OK;
	/* close the sections this one does not nest in */
	while (*depth > 0 && doc->sections[stack[*depth - 1]].rank >= num->rank) {
		clint_isection *top = &doc->sections[stack[*depth - 1]];
		top->end = blk->start;
		top->norm_end = blk->norm_start;
		(*depth)--;
	}
	parent = *depth ? stack[*depth - 1] : CLINT_NO_SECTION;
	if ((rc = MEM_PUSH(&doc->mem, doc->sections, doc->section_count,
	                   doc->section_cap)) < 0)
		return rc;
	number = clint_strndup(doc->norm + num->num_start,
	                       num->num_end - num->num_start);
	heading = copy_heading(doc->norm, hs, he);
	if (number && heading && make_cite(doc, num, number, parent, &cite) == 0)
		label = make_label(doc, num, cite, number, heading, parent);
	if (!number || !heading || !label) {
		free(number);
		free(heading);
		free(label);
		free(cite);
		return CLINT_ENOMEM;
	}
	sec = &doc->sections[doc->section_count];
	memset(sec, 0, sizeof(*sec));
	sec->number = number;
	sec->heading = heading;
	sec->label = label;
	sec->cite = cite;
	sec->rank = num->rank;
	sec->start = blk->start;
	sec->norm_start = blk->norm_start;
	/* open until a later heading closes it, at most to the end of the
	 * body (clint_segment()) */
	sec->end = doc->notes_start;
	sec->norm_end = doc->notes_norm_start;
	sec->heading_norm_start = hs;
	sec->heading_norm_end = he;
	sec->parent = parent;
	sec->block = block;
	sec->num_kind = num->kind == NUM_DECIMAL ? 1
	                : num->kind == NUM_WORD  ? 2
	                : num->kind == NUM_ITEM  ? 3
	                                         : 0;
	sec->word = clint_strdup(num->kind == NUM_WORD ? num->word : "");
	if (!sec->word)
		return CLINT_ENOMEM;
	sec->depth = (unsigned)(*depth + 1);
	if (*depth < MAX_DEPTH)
		stack[(*depth)++] = doc->section_count;
	doc->section_count++;
	return CLINT_OK;
}

int clint_heading_line(const char *s, size_t len)
{
	numbering num;
	size_t a = 0;

	while (a < len && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (parse_numbering(s, a, len, &num))
		a = num.rest;
	return a < len && heading_like(s, a, len);
}

/* ---- sentences ------------------------------------------------------------ */

#define W(w) CLINT_WORD(w)
static const clint_word abbreviations[] = {
	W("e.g"), W("i.e"), W("etc"), W("inc"), W("ltd"), W("llc"), W("l.l.c"),
	W("co"), W("corp"), W("no"), W("nos"), W("mr"), W("mrs"), W("ms"),
	W("dr"), W("st"), W("sec"), W("art"), W("para"), W("cl"), W("sch"),
	W("approx"), W("vs"), W("v"), W("u.s"), W("u.k"), W("e.u"), W("n.a"),
	W("p"), W("pp"), W("fig"), W("jan"), W("feb"), W("mar"), W("apr"),
	W("jun"), W("jul"), W("aug"), W("sep"), W("sept"), W("oct"), W("nov"),
	W("dec"), W("plc"), W("s.a"), W("n.v"), W("b.v"), W("gmbh"), W("ag"),
	W("cf"), W("viz"), W("et al"), W("incl"), W("min"), W("max"), W("dept"),
	W("est"), W("jr"), W("sr"), W("ref"), W("subs"),
};
#undef W

/* True if the period at s[dot] ends an abbreviation or a clause number. */
static int no_break_before(const char *s, size_t block_start, size_t dot)
{
	size_t a = dot, i, n;

	/* abbreviations are short: look back at most 16 bytes */
	while (a > block_start && dot - a < 16 && s[a - 1] != ' ' &&
	       s[a - 1] != '(' && s[a - 1] != '"')
		a--;
	if (dot - a >= 16)
		return 0;
	n = dot - a;
	if (n == 0)
		return 0;
	if (n == 1 && clint_isalpha((unsigned char)s[a]))
		return 1;  /* an initial: "J. Smith", "U.S." */
	for (i = 0; i < ARRAY_LEN(abbreviations); i++)
		if (abbreviations[i].n == n &&
		    clint_ascii_ieq(s + a, abbreviations[i].w, n))
			return 1;
	/* the clause number at the start of a block or of a sentence:
	 * "1. Services", "... fees. 6. The Client ..." */
	if (a == block_start) {
		for (i = a; i < dot; i++)
			if (!clint_isdigit((unsigned char)s[i]) && s[i] != '.')
				break;
		if (i == dot || clint_is_roman(s + a, n))
			return 1;
	}
	return 0;
}

/* Words after which a number is a reference or a quantity, not a clause
 * number: "Section 6. ", "and 7.2", "January 6.", "of 6.5 Days", "USD 6.". */
static const char *const number_takers[] = {
	"section", "sections", "paragraph", "paragraphs", "article", "articles",
	"clause", "clauses", "subsection", "subparagraph", "schedule", "schedules",
	"exhibit", "exhibits", "annex", "annexes", "appendix", "appendices",
	"attachment", "addendum", "part", "parts", "item", "items", "chapter",
	"table", "figure", "rule", "rules", "page", "pages", "step", "phase",
	"level", "tier", "version", "release", "number", "and", "or", "to", "of",
	"through", "in", "under", "with", "than", "at", "by", "from", "per", "is",
	"be", "are", "was", "about", "approximately", "up", "over", "exceeds",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "usd", "eur", "gbp",
	"chf", "jpy", "cad", "aud", "inr", "sgd", "hkd", "cny", "rmb", "equal",
	"equals", "exceed", "total", "totals", "amount", "minimum", "maximum",
};

/* Words after "6.5" that make it a quantity: "6.5 Million", "7.5 USD". */
static const char *const number_units[] = {
	"million", "billion", "thousand", "percent", "per", "usd", "eur", "gbp",
	"euro", "euros", "dollars", "pounds", "hours", "days", "months", "years",
};

static int word_in(const char *s, size_t a, size_t b,
                   const char *const *list, size_t n)
{
	return clint_ascii_word_in(s + a, b - a, list, n);
}

/*
 * True if a clause number starts at s[p] inside running text, so that the
 * sentence before it ends at the space s[p - 1]: filed contracts run a
 * clause into the next one ("... online activities 6. iPass and ...",
 * "... as follows: 13.1.1 The term ..."). Bounded: looks back at most 24
 * bytes and forward at most 24. A number after a full stop is left to the
 * full-stop rule ("No. 6", "U.S. 6"), one after a reference word is a
 * reference ("Section 6. ", "and 7.2"), one before a unit or "%" is a
 * quantity ("6.5 %", "6.5 Million").
 */
static int inline_clause_number(const char *s, size_t start, size_t p,
                                size_t e)
{
	size_t q = p, w, groups = 0, g;
	int trailing_dot = 0;
	unsigned char prev, next;

	if (p < start + 2 || s[p - 1] != ' ')
		return 0;
	prev = (unsigned char)s[p - 2];
	if (!clint_isalpha(prev) && prev != ':' && prev != ';' && prev != ',' &&
	    prev != ')')
		return 0;
	if (!clint_isalpha(prev) && p >= start + 3 && clint_isdigit((unsigned char)s[p - 3]))
		return 0;  /* "Sections 6, 7. " */
	/* the number: 1-3 digits per group, at most 4 groups */
	while (q < e && groups < 4) {
		g = q;
		while (q < e && q - g < 4 && clint_isdigit((unsigned char)s[q]))
			q++;
		if (q == g || q - g > 3 || (q < e && clint_isdigit((unsigned char)s[q])))
			return 0;
		groups++;
		if (q < e && s[q] == '.' && q + 1 < e &&
		    clint_isdigit((unsigned char)s[q + 1])) {
			q++;
			continue;
		}
		break;
	}
	if (q < e && s[q] == '.') {
		trailing_dot = 1;
		q++;
	}
	if (groups == 1 && !trailing_dot)
		return 0;  /* "6 months" */
	if (q + 1 >= e || s[q] != ' ')
		return 0;
	next = (unsigned char)s[q + 1];
	if (!clint_isalpha(next))
		return 0;  /* "6.5 %", "6. (a)" */
	if (groups == 2 && !trailing_dot) {
		/* "6.5 Fees" is a clause, "6.5 units" a decimal */
		if (!clint_isupper(next))
			return 0;
		for (w = q + 1; w < e && w - q < 16 && clint_isalpha((unsigned char)s[w]);
		     w++)
			;
		if (word_in(s, q + 1, w, number_units, ARRAY_LEN(number_units)))
			return 0;
	}
	/* the word before the number */
	if (clint_isalpha(prev)) {
		w = p - 2;
		while (w > start && p - 1 - w < 24 &&
		       clint_isalpha((unsigned char)s[w - 1]))
			w--;
		if (w > start && s[w - 1] == '.')
			return 0;  /* "U.S 6" style abbreviations */
		if (word_in(s, w, p - 1, number_takers, ARRAY_LEN(number_takers)))
			return 0;
	}
	return 1;
}

static int add_sentence(clint_doc *doc, size_t a, size_t b)
{
	int rc;

	while (a < b && doc->norm[a] == ' ')
		a++;
	if (a >= b)
		return CLINT_OK;
	if ((rc = MEM_PUSH(&doc->mem, doc->sentences, doc->sentence_count * 2,
	                   doc->sentence_cap)) < 0 ||
	    (rc = MEM_PUSH(&doc->mem, doc->sentences, doc->sentence_count * 2 + 1,
	                   doc->sentence_cap)) < 0)
		return rc;
	doc->sentences[2 * doc->sentence_count] = a;
	doc->sentences[2 * doc->sentence_count + 1] = b;
	doc->sentence_count++;
	return CLINT_OK;
}

static int split_sentences(clint_doc *doc, const clint_iblock *blk)
{
	const char *s = doc->norm;
	size_t i, start = blk->norm_start, e = blk->norm_end;
	int rc;

	/* the bytes that can end a sentence: a space (before an inline
	 * clause number) and . ? ! */
	static const unsigned char ends[256] = {
		[' '] = 1, ['.'] = 1, ['?'] = 1, ['!'] = 1,
	};

	for (i = blk->norm_start; i < e; i++) {
		size_t j;
		unsigned char next;

		i = clint_scan_to(ends, 1, s, i, e);
		if (i >= e)
			break;
		/* inline_clause_number() needs a digit after the space (s[e] is
		 * the byte after the block, at most the final NUL) */
		if (s[i] == ' ' && i > start && clint_isdigit((unsigned char)s[i + 1]) &&
		    inline_clause_number(s, start, i + 1, e)) {
			if ((rc = add_sentence(doc, start, i)) < 0)
				return rc;
			start = i + 1;
			continue;
		}
		if (s[i] != '.' && s[i] != '?' && s[i] != '!')
			continue;
		j = i + 1;
		while (j < e && (s[j] == '"' || s[j] == '\'' || s[j] == ')'))
			j++;
		if (j >= e || s[j] != ' ' || j + 1 >= e)
			continue;
		next = (unsigned char)s[j + 1];
		if (!(clint_isupper(next) || clint_isdigit(next) || next == '"' || next == '(' ||
		      next >= 0x80))
			continue;
		if (s[i] == '.' && no_break_before(s, start, i))
			continue;
		if ((rc = add_sentence(doc, start, j)) < 0)
			return rc;
		start = j + 1;
	}
	return add_sentence(doc, start, e);
}

/* ---- the stage ------------------------------------------------------------- */

/*
 * The sections of the document, and its sentences.
 *
 * A note block (CLINT_BLOCK_NOTE: a footnote, endnote, header or footer)
 * never opens a section: "CONFIDENTIAL" in a header, "1. As measured
 * monthly" in a footnote are no clauses. Notes inside the body (RTF and
 * ODT footnotes, after the paragraph that cites them, the last one's
 * too) stay in its section; the notes the extractor read after the body
 * (clint_doc_end_body(): DOCX notes, headers and footers, ODT headers
 * and footers) are in none: the last clause ends where they start
 * (doc->notes_start), so that a footer "Draft v1" -> "Draft v2" is not
 * an edit of the last clause.
 */
int clint_segment(clint_doc *doc)
{
	size_t stack[MAX_DEPTH], depth = 0, bi;
	size_t notes = doc->body_ended && doc->body_blocks < doc->block_count
	                   ? doc->body_blocks
	                   : doc->block_count;
	int rc = CLINT_OK;

	doc->notes_start = notes < doc->block_count ? doc->blocks[notes].start
	                                            : doc->text_len;
	doc->notes_norm_start = notes < doc->block_count
	                            ? doc->blocks[notes].norm_start
	                            : doc->norm_len;
	for (bi = 0; bi < doc->block_count; bi++) {
		clint_iblock *blk = &doc->blocks[bi];
		const char *s = doc->norm;
		size_t a = blk->norm_start, b = blk->norm_end, he;
		numbering num;

		TRY(split_sentences(doc, blk));
		if (a == b || blk->type == CLINT_BLOCK_TABLE_CELL ||
		    (blk->flags & CLINT_BLOCK_NOTE))
			continue;
		if (blk->type == CLINT_BLOCK_HEADING) {
			/* Markdown heading: its level ranks it, its words name it */
			if (!parse_numbering(s, a, b, &num)) {
				num.kind = NUM_NONE;
				num.num_start = num.num_end = num.rest = a;
			}
			num.rank = blk->level * 10;
			/* a whole paragraph in a heading style (templates set the
			 * clause's text in its heading's style: "2.2 Payment
			 * Dispute. If the Client disputes ..."): the heading is
			 * its run-in heading, not its every word */
			he = 0;
			if (!heading_like(s, num.rest, b))
				he = runin_heading(s, num.rest, b);
			/* ... when what follows it reads as text, not as the rest
			 * of a title ("Appendix: Insurance", "Fees. Payment
			 * Terms") */
			if (he && he + 2 < b && heading_like(s, he + 2, b))
				he = 0;
			if (!he)
				he = trim_heading_end(s, num.rest, b);
			TRY(add_section(doc, &num, bi, num.rest, he, stack, &depth));
			continue;
		}
		if (parse_numbering(s, a, b, &num)) {
			size_t r = num.rest;
			if (r >= b || heading_like(s, r, b)) {
				he = trim_heading_end(s, r, b);
				if (he > r)
					blk->type = CLINT_BLOCK_HEADING;
			} else {
				he = runin_heading(s, r, b);
				if (!he)
					he = r;
			}
			TRY(add_section(doc, &num, bi, r, he, stack, &depth));
			continue;
		}
		if (blk->type == CLINT_BLOCK_PARAGRAPH && heading_like(s, a, b)) {
			num.kind = NUM_NONE;
			num.rank = RANK_UNNUMBERED;
			num.num_start = num.num_end = num.rest = a;
			blk->type = CLINT_BLOCK_HEADING;
			TRY(add_section(doc, &num, bi, a, trim_heading_end(s, a, b), stack,
			                &depth));
		}
	}
done:
	return rc;
}

/* ---- defined terms ------------------------------------------------------------
 *
 * Kept apart from the section finder above: clint_find_definitions() runs
 * after clint_segment() and only reads the sections and sentences it made.
 *
 *   "Services" means ...            CLINT_IDEF_MEANS ("Services": ... too)
 *   ... services (the "Services")   CLINT_IDEF_INLINE, also ("Services"),
 *   (hereinafter "Supplier"), (each a "Party" and together the "Parties"),
 *   referred to herein as the "Provider"
 *   a table cell holding only "Services", or a cell / list item under a
 *   Definitions heading holding only a term; Services means ... at the
 *   start of a list item                CLINT_IDEF_TABLE
 */

#define MAX_TERM_BYTES 64
#define MAX_TERM_WORDS 8
#define MAX_DEF_BYTES 600
#define MAX_INLINE_BACK 160

/* True if s[a..b) can be a defined term: 1 to 8 words, starting with an
 * upper-case letter or a digit, of letters, digits and - ' & / . ( ). */
static int term_like(const char *s, size_t a, size_t b)
{
	size_t i, words = 1;
	int letters = 0;

	if (a >= b || b - a > MAX_TERM_BYTES)
		return 0;
	if (!clint_isupper((unsigned char)s[a]) && !clint_isdigit((unsigned char)s[a]))
		return 0;
	if (s[b - 1] == ' ' || s[b - 1] == '.' || s[b - 1] == '-')
		return 0;
	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ') {
			if (s[i - 1] == ' ')
				return 0;
			words++;
			continue;
		}
		if (clint_isalpha(c) || c >= 0x80)
			letters = 1;
		else if (!clint_isdigit(c) && !strchr("-'&/.()", c))
			return 0;
	}
	return letters && words <= MAX_TERM_WORDS;
}

/* Words that may stand between an opening parenthesis (or "referred to
 * as") and a defined term: (each, a "Party" and collectively the
 * "Parties"). `strong` marks those that introduce a definition without a
 * parenthesis. */
static const struct {
	const char *word;
	int strong;
} def_connectors[] = {
	{"the", 0}, {"a", 0}, {"an", 0}, {"each", 0}, {"collectively", 1},
	{"together", 1}, {"hereinafter", 1}, {"hereafter", 1}, {"herein", 0},
	{"referred", 1}, {"to", 0}, {"as", 0}, {"called", 1}, {"and", 0},
	{"or", 0}, {"individually", 0}, {"jointly", 0}, {"respectively", 0},
	{"this", 0}, {"such", 0}, {"also", 0}, {"known", 1}, {"being", 0},
	{"severally", 0}, {"separately", 0}, {"both", 0}, {"all", 0},
	{"its", 0}, {"their", 0}, {"any", 0}, {"under", 0}, {"in", 0},
	{"either", 0}, {"of", 0}, {"them", 0}, {"us", 0}, {"we", 0},
	{"you", 0}, {"it", 0}, {"they", 0}, {"defined", 1}, {"termed", 1},
};

/*
 * Looks back from the opening quote at `q` for what makes the quoted term
 * an inline definition. Returns 1 and sets *intro (where the defining
 * words end: the parenthesis or the first connector) if the quote follows
 * "(" or a strong connector through connector words, quoted terms,
 * spaces and commas only.
 */
static int inline_intro(const char *s, size_t floor, size_t q, size_t *intro)
{
	size_t i = q, stop = q > floor + MAX_INLINE_BACK ? q - MAX_INLINE_BACK
	                                                 : floor;
	int strong = 0, article = 0;

	while (i > stop) {
		char c = s[i - 1];
		if (c == ' ' || c == ',') {
			i--;
			continue;
		}
		if (c == '(') {
			*intro = i - 1;
			return 1;
		}
		if (c == '"') {
			/* an earlier quoted term in the same parenthesis */
			size_t j = i - 1;
			while (j > stop && s[j - 1] != '"' && s[j - 1] != '\n' &&
			       i - j < MAX_TERM_BYTES + 2)
				j--;
			if (j == stop || s[j - 1] != '"')
				break;
			i = j - 1;
			continue;
		}
		if (clint_isalpha((unsigned char)c)) {
			size_t e = i, k, w;
			while (i > stop && clint_isalpha((unsigned char)s[i - 1]))
				i--;
			for (w = 0; w < ARRAY_LEN(def_connectors); w++) {
				k = strlen(def_connectors[w].word);
				if (e - i == k && clint_ascii_ieq(s + i, def_connectors[w].word, k))
					break;
			}
			if (w == ARRAY_LEN(def_connectors)) {
				i = e;
				break;
			}
			/* "each a "Party"", "each, an "Affiliate"" */
			if (k == 1 || (k == 2 && clint_ascii_ieq(s + i, "an", 2)))
				article = 1;
			if (article && k == 4 && clint_ascii_ieq(s + i, "each", 4) &&
			    !strong) {
				strong = 1;
				*intro = i;
				continue;
			}
			if (def_connectors[w].strong && !strong) {
				strong = 1;
				*intro = i;
			} else if (def_connectors[w].strong) {
				*intro = i;
			}
			continue;
		}
		break;
	}
	return strong;
}

/* Length of "means", "shall mean", "has the meaning" ... at s[i..b) after
 * a closing quote (including the leading space), or of ":"; 0 if none. */
static size_t means_verb(const char *s, size_t i, size_t b)
{
#define V(w) CLINT_WORD(w)
	static const clint_word verbs[] = {
		V(" means"), V(" shall mean"), V(" mean"), V(" has the meaning"),
		V(" shall have the meaning"), V(" have the meaning"), V(" refers to"),
		V(" shall refer to"), V(" is defined"), V(" includes"),
		V(" shall include"), V(" will mean"), V(" shall be"), V(" is"),
	};
#undef V
	size_t v, n;

	if (i < b && s[i] == ':')
		return 1;
	/* every verb is a space and a lower-case word */
	if (i + 1 >= b || s[i] != ' ' || !clint_islower((unsigned char)s[i + 1]))
		return 0;
	for (v = 0; v < ARRAY_LEN(verbs); v++) {
		n = verbs[v].n;
		if (i + n <= b && s[i + 1] == verbs[v].w[1] &&
		    strncmp(s + i, verbs[v].w, n) == 0 &&
		    (i + n == b || !clint_isalpha((unsigned char)s[i + n]))) {
			/* "is" and "shall be" only when the sentence goes on to
			 * define: "is defined", "shall be" + "the ..." are weak */
			if ((v >= ARRAY_LEN(verbs) - 2) &&
			    !(i + n + 5 <= b && (strncmp(s + i + n, " the ", 5) == 0 ||
			                         strncmp(s + i + n, " any ", 5) == 0)))
				return 0;
			return n;
		}
	}
	return 0;
}

static int trailing_punct(char c)
{
	return c == ' ' || c == ',' || c == '.' || c == ';';
}

/*
 * Where the defining words norm[da..db) end: trailing spaces, commas,
 * periods and semicolons come off, then the text is cut to MAX_DEF_BYTES (a
 * text cut there keeps the punctuation it has at the cut). The walk back is
 * bounded by MAX_DEF_BYTES: the definitions of a sentence share its end,
 * and a long run of commas there was walked again for each of them. A run
 * longer than that ends no real sentence: it is taken to reach back past
 * the cut, and the text is trimmed from the cut.
 */
static size_t def_text_end(const char *norm, size_t da, size_t db)
{
	size_t stop = db > da + MAX_DEF_BYTES ? db - MAX_DEF_BYTES : da;
	int run_on;

	while (db > stop && trailing_punct(norm[db - 1]))
		db--;
	run_on = db == stop && db > da && trailing_punct(norm[db - 1]);
	if (db > da + MAX_DEF_BYTES)
		db = da + MAX_DEF_BYTES;
	if (run_on)
		while (db > da && trailing_punct(norm[db - 1]))
			db--;
	return db;
}

static int add_definition(clint_doc *doc, clint_idef_form form, size_t a,
                          size_t b, size_t da, size_t db, size_t preamble_end)
{
	clint_idefinition *d;
	int rc;

	if (doc->definition_count >= CLINT_MAX_DEFINITIONS)
		return CLINT_OK;
	if (doc->definition_count &&
	    doc->definitions[doc->definition_count - 1].norm_start == a)
		return CLINT_OK;
	if ((rc = MEM_PUSH(&doc->mem, doc->definitions, doc->definition_count,
	                   doc->definition_cap)) < 0)
		return rc;
	d = &doc->definitions[doc->definition_count];
	d->term = clint_strndup(doc->norm + a, b - a);
	if (!d->term)
		return CLINT_ENOMEM;
	while (da < db && doc->norm[da] == ' ')
		da++;
	db = def_text_end(doc->norm, da, db);
	d->form = form;
	d->norm_start = a;
	d->norm_end = b;
	d->def_start = da;
	d->def_end = db;
	d->preamble = a < preamble_end;
	d->pointer = 0;
	if (form != CLINT_IDEF_INLINE) {
		/* the verb before the defining words, and their first words */
		static const char *const pointers[] = {
			"meaning", "defined", "include", "set forth", "set out",
			"ascribed", "given", "assigned", "attributed", "provided",
			"specified", "as in", "in the preamble", "in section",
			"in clause", "in article", "in recital",
		};
		size_t k, from = b, to = db < da + 60 ? db : da + 60;
		for (k = 0; k < ARRAY_LEN(pointers) && !d->pointer; k++) {
			size_t m = strlen(pointers[k]), j;
			for (j = from; j + m <= to; j++)
				if (clint_tolower(doc->norm[j]) == pointers[k][0] &&
				    clint_ascii_ieq(doc->norm + j, pointers[k], m)) {
					d->pointer = 1;
					break;
				}
		}
	}
	doc->definition_count++;
	return CLINT_OK;
}

/* End in norm of the sentence holding `off`, never past `limit`. */
static size_t sentence_end_at(const clint_doc *doc, size_t off, size_t limit)
{
	size_t si = clint_doc_sentence_at_norm(doc, off);

	if (si != (size_t)-1 && doc->sentences[2 * si + 1] < limit)
		return doc->sentences[2 * si + 1];
	return limit;
}

/* Start in norm of the sentence holding `off`, never before `floor`. */
static size_t sentence_start_at(const clint_doc *doc, size_t off, size_t floor)
{
	size_t si = clint_doc_sentence_at_norm(doc, off);

	if (si != (size_t)-1 && doc->sentences[2 * si] > floor)
		return doc->sentences[2 * si];
	return floor;
}

/* Skips a list marker at s[a..b): "(a) ", "1.1 ", "- ", "iv) ". */
static size_t skip_item_marker(const char *s, size_t a, size_t b)
{
	size_t i = a;

	while (i < b && (s[i] == '-' || s[i] == '*' || s[i] == ' '))
		i++;
	if (i < b && s[i] == '(') {
		size_t j = i + 1;
		while (j < b && j - i < 6 && clint_isalnum((unsigned char)s[j]))
			j++;
		if (j < b && s[j] == ')')
			i = j + 1;
	} else {
		size_t j = i;
		while (j < b && (clint_isdigit((unsigned char)s[j]) || s[j] == '.'))
			j++;
		if (j > i && j < b && s[j] == ' ')
			i = j;
	}
	while (i < b && s[i] == ' ')
		i++;
	return i;
}

/* True if the section holding norm offset `off`, or one of its ancestors,
 * is headed "Definitions" or "Interpretation". */
static int under_definitions_heading(const clint_doc *doc, size_t off)
{
	size_t sec = clint_doc_section_at(doc, clint_doc_norm_to_text(doc, off));

	while (sec != CLINT_NO_SECTION && sec < doc->section_count) {
		const char *h = doc->sections[sec].heading;
		if (h && (strstr(h, "efinition") || strstr(h, "EFINITION") ||
		          strstr(h, "nterpretation") || strstr(h, "NTERPRETATION")))
			return 1;
		sec = doc->sections[sec].parent;
	}
	return 0;
}

/* True if the parenthesis at `paren` follows a clause number: "Section
 * 1.44 ("Drug Approval Application")" names the definition it points to. */
static int after_clause_number(const char *s, size_t floor, size_t paren)
{
	size_t i = paren;

	while (i > floor && s[i - 1] == ' ')
		i--;
	if (i == floor || !clint_isdigit((unsigned char)s[i - 1]))
		return 0;
	while (i > floor && (clint_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		i--;
	while (i > floor && s[i - 1] == ' ')
		i--;
	return (i >= floor + 7 && clint_ascii_ieq(s + i - 7, "section", 7)) ||
	       (i >= floor + 6 && clint_ascii_ieq(s + i - 6, "clause", 6)) ||
	       (i >= floor + 7 && clint_ascii_ieq(s + i - 7, "article", 7));
}

/* Quoted terms in one block: "X" means ..., (the "X"), as the "X". */
static int quoted_definitions(clint_doc *doc, const clint_iblock *blk,
                              size_t preamble_end)
{
	const char *s = doc->norm;
	size_t a = blk->norm_start, b = blk->norm_end, i, body;
	size_t nd = 0, ns = 0; /* the next " and ' at or after i, once known */
	int rc, known = 0;

	body = skip_item_marker(s, a, b);
	for (i = a; i < b; i++) {
		char qc;
		size_t e, v, intro;

		/* the next quote of either kind: memchr for each */
		if (!known || nd < i)
			nd = clint_next_byte(s, i, b, '"');
		if (!known || ns < i)
			ns = clint_next_byte(s, i, b, '\'');
		known = 1;
		i = nd < ns ? nd : ns;
		if (i >= b)
			break;
		qc = s[i];
		if (qc == '\'' && i > a && s[i - 1] != ' ' && s[i - 1] != '(')
			continue;
		for (e = i + 1; e < b && e - i <= MAX_TERM_BYTES + 1 && s[e] != qc;
		     e++)
			;
		if (e >= b || s[e] != qc)
			continue;
		/* "Services," - the comma may sit inside the quotes */
		{
			size_t te = e, ts = i;
			/* ("the Redundancy Cap"): the article is not the term */
			if (e > i + 5 && (!strncmp(s + i + 1, "the ", 4) ||
			                  !strncmp(s + i + 1, "The ", 4)))
				ts = i + 4;
			if (te > i + 1 && (s[te - 1] == ',' || s[te - 1] == '.'))
				te--;
			if (!term_like(s, ts + 1, te) ||
			    (qc == '\'' && memchr(s + i + 1, '\'', te - i - 1))) {
				if (qc == '"')
					i = e;
				continue;
			}
			if ((v = means_verb(s, e + 1, b)) > 0 &&
			    (i == body || sentence_start_at(doc, i, a) == i ||
			     (v > 1 && i > a && (s[i - 1] == ' ' || s[i - 1] == '(')))) {
				/* "X" means: at the start of the block or of a sentence,
				 * or after "As used in this Agreement," */
				size_t da = e + 1 + v;
				TRY(add_definition(doc, CLINT_IDEF_MEANS, ts + 1, te, da,
				                   sentence_end_at(doc, da, b), preamble_end));
			} else if (inline_intro(s, a, i, &intro) &&
			           !after_clause_number(s, a, intro)) {
				size_t ss = sentence_start_at(doc, intro, a);
				if (intro > ss + 120)
					ss = intro - 120;
				TRY(add_definition(doc, CLINT_IDEF_INLINE, ts + 1, te, ss, intro,
				                   preamble_end));
			} else if (blk->type == CLINT_BLOCK_TABLE_CELL && i == body &&
			           e + 1 >= b) {
				/* a definitions table: the quoted term alone in a cell;
				 * its definition is the next cell */
				size_t da = e + 1, db = e + 1;
				if (blk + 1 < doc->blocks + doc->block_count &&
				    blk[1].type == CLINT_BLOCK_TABLE_CELL) {
					da = blk[1].norm_start;
					db = blk[1].norm_end;
				}
				TRY(add_definition(doc, CLINT_IDEF_TABLE, ts + 1, te, da, db,
				                   preamble_end));
			}
		}
		if (qc == '"')
			i = e;
	}
	rc = CLINT_OK;
done:
	return rc;
}

/* Unquoted definitions lists and tables: "Services means ..." at the start
 * of a list item, or a term alone in a table cell under a Definitions
 * heading. */
static int listed_definition(clint_doc *doc, const clint_iblock *blk,
                             size_t a, size_t preamble_end)
{
	const char *s = doc->norm;
	size_t b = blk->norm_end, i, t, last = 0;
	size_t words = 0;

	t = skip_item_marker(s, a, b);
	if (t >= b || !clint_isupper((unsigned char)s[t]))
		return CLINT_OK;
	/* a run of capitalised words, then "means" */
	for (i = t; i < b && words <= MAX_TERM_WORDS;) {
		size_t w = i;
		while (i < b && s[i] != ' ')
			i++;
		if (!clint_isupper((unsigned char)s[w]) && !clint_isdigit((unsigned char)s[w]) &&
		    !(i - w <= 3 && words > 0)) /* "of", "and" inside a term */
			break;
		last = i;
		words++;
		if (i < b && s[i] == ' ') {
			size_t v = means_verb(s, i, b);
			if (v > 0 && v > 3 && (!strncmp(s + i, " mean", 5) ||
			                       !strncmp(s + i, " shall mean", 11) ||
			                       !strncmp(s + i, " has the meaning", 16)) &&
			    clint_isupper((unsigned char)s[w]) &&
			    term_like(s, t, last) && !strchr("\"'", s[t]))
				return add_definition(doc, CLINT_IDEF_TABLE, t, last, i + v,
				                      sentence_end_at(doc, i + v, b),
				                      preamble_end);
			i++;
		}
	}
	if (blk->type == CLINT_BLOCK_TABLE_CELL && last == b && term_like(s, t, b) &&
	    blk + 1 < doc->blocks + doc->block_count &&
	    blk[1].type == CLINT_BLOCK_TABLE_CELL &&
	    under_definitions_heading(doc, a))
		return add_definition(doc, CLINT_IDEF_TABLE, t, b, blk[1].norm_start,
		                      blk[1].norm_end, preamble_end);
	return CLINT_OK;
}

static int definition_order(const void *a, const void *b)
{
	const clint_idefinition *x = a, *y = b;

	return x->norm_start < y->norm_start ? -1 : x->norm_start > y->norm_start;
}

int clint_find_definitions(clint_doc *doc)
{
	size_t bi, preamble_end = doc->norm_len < 4000 ? doc->norm_len : 4000, i, si;
	int rc = CLINT_OK;

	/* the notes after the body are no preamble ("(hereinafter "X")" in
	 * a footnote names no party) */
	if (doc->notes_norm_start < preamble_end)
		preamble_end = doc->notes_norm_start;

	for (i = 0; i < doc->section_count; i++)
		if (doc->sections[i].num_kind == NUM_DECIMAL) {
			if (doc->sections[i].norm_start < preamble_end)
				preamble_end = doc->sections[i].norm_start;
			break;
		}
	for (bi = 0; bi < doc->block_count; bi++) {
		const clint_iblock *blk = &doc->blocks[bi];
		if (blk->norm_end <= blk->norm_start)
			continue;
		TRY(quoted_definitions(doc, blk, preamble_end));
		/* unquoted "Territory shall mean ..." at the start of the block
		 * or of any sentence in it (filed texts run definitions
		 * together in one paragraph) */
		TRY(listed_definition(doc, blk, blk->norm_start, preamble_end));
		si = clint_doc_sentence_at_norm(doc, blk->norm_start);
		for (; si != (size_t)-1 && si < doc->sentence_count &&
		       doc->sentences[2 * si] < blk->norm_end;
		     si++)
			if (doc->sentences[2 * si] > blk->norm_start)
				TRY(listed_definition(doc, blk, doc->sentences[2 * si],
				                      preamble_end));
	}
	/* quoted and listed definitions of a block were found in two passes */
	if (doc->definition_count > 1)
		qsort(doc->definitions, doc->definition_count,
		      sizeof(doc->definitions[0]), definition_order);
done:
	return rc;
}
