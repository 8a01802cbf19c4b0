/*
 * markdown.c - Markdown extraction. The document text stays the source
 * text, so positions are exact; headings, list items and table cells
 * become blocks, and markup (heading hashes, bullets, emphasis, link
 * syntax, code ticks, simple HTML tags) is recorded as skip ranges that
 * the matching view leaves out, and character references ("&amp;",
 * "&#x65;") as ranges it reads as their character. Ordered-list numbers are kept: in a
 * contract they are clause numbers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "extract.h"
#include "lazylib.h"  /* after libxml2: calls through dlopen() */

typedef struct {
	clint_doc *doc;
	int open;
	clint_block_type type;
	unsigned level;
	size_t start, end;
	unsigned lines;
	unsigned page, bpage;
	unsigned flags;
} md_state;

static int md_close(md_state *st)
{
	int rc = CLINT_OK;

	if (st->open)
		rc = clint_doc_add_block(st->doc, st->type, st->level, st->start,
		                         st->end, st->bpage, st->flags);
	st->open = 0;
	st->flags = 0;
	return rc;
}

static void md_open(md_state *st, clint_block_type type, unsigned level,
                    size_t start)
{
	st->open = 1;
	st->type = type;
	st->level = level;
	st->start = start;
	st->end = start;
	st->lines = 0;
	st->bpage = st->page;
}

static size_t skip_spaces(const char *s, size_t i, size_t end)
{
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A line made of one repeated character c (spaces allowed), n+ times. */
static int rule_line(const char *s, size_t i, size_t end, char c, int n)
{
	int count = 0;

	for (; i < end; i++) {
		if (s[i] == c)
			count++;
		else if (s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return count >= n;
}

static int is_table_separator(const char *s, size_t i, size_t end)
{
	int dash = 0;

	for (; i < end; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (!strchr("|: \t", s[i]))
			return 0;
	}
	return dash;
}

static const char *const html_tags[] = {
	"br", "u", "b", "i", "em", "strong", "sup", "sub", "span", "a", "p",
	"div", "s", "del", "ins", "mark", "small",
};

/* Where the first "-->" at or after `from` in s[..end) starts (end if
 * none), remembered in *memo (valid while *memo >= from): many "<!--"
 * on a line each looked to the end of the line for one. */
static size_t comment_end(const char *s, size_t from, size_t end, size_t *memo)
{
	const char *p;
	size_t k = from;

	if (*memo != (size_t)-1 && *memo >= from)
		return *memo;
	*memo = end;
	while (end - k >= 3 && (p = memchr(s + k, '-', end - k - 2)) != NULL) {
		k = (size_t)(p - s);
		if (s[k + 1] == '-' && s[k + 2] == '>') {
			*memo = k;
			break;
		}
		k++;
	}
	return *memo;
}

/* Length of a simple inline HTML tag or comment at s[i], or 0; *breaks
 * is set for a tag that ends a line or paragraph (br, p, div), which a
 * viewer shows as white space between the words on either side. */
static size_t html_tag(const char *s, size_t i, size_t end, size_t *memo,
                       int *breaks)
{
	size_t j = i + 1, k, t;

	*breaks = 0;
	if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		k = comment_end(s, i + 4, end, memo);
		return k < end ? k + 3 - i : 0;
	}
	if (j < end && s[j] == '/')
		j++;
	k = j;
	while (k < end && isalpha((unsigned char)s[k]))
		k++;
	for (t = 0; t < ARRAY_LEN(html_tags); t++) {
		if (strlen(html_tags[t]) == k - j &&
		    strncasecmp(s + j, html_tags[t], k - j) == 0)
			break;
	}
	if (t == ARRAY_LEN(html_tags) || k >= end ||
	    !(s[k] == '>' || s[k] == ' ' || s[k] == '/'))
		return 0;
	*breaks = strcmp(html_tags[t], "br") == 0 ||
	          strcmp(html_tags[t], "p") == 0 || strcmp(html_tags[t], "div") == 0;
	while (k < end && s[k] != '>' && k - i < 200)
		k++;
	return k < end && s[k] == '>' ? k + 1 - i : 0;
}

#define MD_MAX_LINK_NEST 8
#define MD_MAX_LINK_TEXT 2000

/* The character reference at s[i] ('&'), as CommonMark has them: a
 * decimal "&#101;" (1-7 digits) or hexadecimal "&#x65;" (1-6 digits)
 * one, a code point that is 0, a surrogate or past U+10FFFF being
 * U+FFFD; or a named one, "&eacute;", of the HTML 4 entities libxml2
 * knows and "&apos;" (the names of HTML5 past them stay text). Stores the code point
 * and returns the length of the reference; 0 if there is none. */
#define MD_MAX_ENTITY_NAME 32
static size_t char_ref(const char *s, size_t i, size_t end, uint32_t *cp)
{
	size_t j = i + 1, k;
	uint32_t v = 0;

	if (j < end && s[j] == '#') {
		int hex = j + 1 < end && (s[j + 1] == 'x' || s[j + 1] == 'X');
		size_t max = hex ? 6 : 7;

		j += hex ? 2 : 1;
		for (k = j; k < end && k - j < max &&
		            (hex ? isxdigit((unsigned char)s[k])
		                 : isdigit((unsigned char)s[k]));
		     k++)
			v = v * (hex ? 16u : 10u) +
			    (uint32_t)(isdigit((unsigned char)s[k])
			                   ? s[k] - '0'
			                   : (tolower((unsigned char)s[k]) - 'a' + 10));
		if (k == j || k >= end || s[k] != ';')
			return 0;
		*cp = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		          ? 0xFFFD : v;
		return k + 1 - i;
	}
	for (k = j; k < end && k - j <= MD_MAX_ENTITY_NAME &&
	            isalnum((unsigned char)s[k]);
	     k++)
		;
	if (k == j || k >= end || s[k] != ';' || k - j > MD_MAX_ENTITY_NAME ||
	    !isalpha((unsigned char)s[j]))
		return 0;
	{
		/* the common ones without loading libxml2 (lazylib.h) */
		static const struct {
			const char *name;
			uint32_t cp;
		} common[] = {
			{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
			{"apos", '\''}, {"nbsp", 0xA0},
		};
		char name[MD_MAX_ENTITY_NAME + 1];
		const htmlEntityDesc *e;
		size_t c;

		memcpy(name, s + j, k - j);
		name[k - j] = '\0';
		for (c = 0; c < ARRAY_LEN(common); c++)
			if (strcmp(name, common[c].name) == 0) {
				*cp = common[c].cp;
				return k + 1 - i;
			}
		e = htmlEntityLookup((const xmlChar *)name);
		if (!e || !e->value)
			return 0;
		*cp = e->value;
	}
	return k + 1 - i;
}

/* Hostile lines made every '[' count nesting 2,000 bytes ahead
 * ("[[[…[a]" repeated: 10 s for 10 MB), every "](" look 2,000 bytes
 * ahead for its ')' ("[](" repeated: 4 s) and every run of backticks
 * look to the end of the line for a run as long ("`a``a```a…": 9 s).
 * Each is now found once: */

/* For a window of MD_BRACKET_WINDOW bytes of '[' positions: the ']'
 * closing each '[' (within MD_MAX_LINK_TEXT bytes), found in one pass,
 * and, once a link asks, where each destination after its "](" stops
 * (the first ')' or ' '), found in one pass backwards. Which ']' closes a
 * '[' and where a destination stops depend only on the text after them,
 * so the nested calls for link texts share the tables of the whole line.
 * They ask about '[' positions in increasing order, so each window is
 * made once; a destination starts at most MD_MAX_LINK_TEXT + 1 bytes
 * after its '[' (the ']' is under MD_MAX_LINK_TEXT after it). */
#define MD_BRACKET_WINDOW 2048
#define MD_DEST_SPAN (MD_BRACKET_WINDOW + MD_MAX_LINK_TEXT + 2)
#define MD_DEST_NONE 0xFFFFu

typedef struct {
	size_t base; /* the window's first byte; (size_t)-1 before the first */
	size_t end;  /* of the line */
	uint16_t close[MD_BRACKET_WINDOW]; /* ']' - '[', 0 for none */
	int dest_ready;                    /* dest[] is made for this window */
	uint16_t dest[MD_DEST_SPAN]; /* stop - (base + k), MD_DEST_NONE past
	                                MD_MAX_LINK_TEXT */
} md_brackets;

/* Makes the window of '[' positions that starts at `open`. */
static void bracket_window(const char *s, md_brackets *br, size_t open)
{
	uint16_t opens[MD_BRACKET_WINDOW + MD_MAX_LINK_TEXT];
	size_t k, n = 0, room = br->end - open;
	size_t lim = open + (room < MD_BRACKET_WINDOW + MD_MAX_LINK_TEXT
	                         ? room : MD_BRACKET_WINDOW + MD_MAX_LINK_TEXT);

	br->base = open;
	br->dest_ready = 0;
	/* no '[' is asked about past the line: a short line clears little */
	memset(br->close, 0,
	       (room < MD_BRACKET_WINDOW ? room : MD_BRACKET_WINDOW) *
	           sizeof(br->close[0]));
	for (k = open; k < lim; k++) {
		if (s[k] == '[') {
			opens[n++] = (uint16_t)(k - open);
		} else if (s[k] == ']' && n > 0) {
			size_t o = opens[--n];

			if (o < MD_BRACKET_WINDOW && k - open - o < MD_MAX_LINK_TEXT)
				br->close[o] = (uint16_t)(k - open - o);
		}
	}
}

/* The ']' that closes the '[' at s[open] less than MD_MAX_LINK_TEXT
 * bytes after it, or br->end if none does. */
static size_t bracket_close(const char *s, md_brackets *br, size_t open)
{
	if (br->base == (size_t)-1 || open < br->base ||
	    open - br->base >= MD_BRACKET_WINDOW)
		bracket_window(s, br, open);
	return br->close[open - br->base] ? open + br->close[open - br->base]
	                                  : br->end;
}

/* Where the destination of the link whose '[' is at `open` and whose "("
 * ends at from - 1 stops: the first ')' or ' ' at or after `from`, if it
 * is at most MD_MAX_LINK_TEXT bytes on; else br->end. */
static size_t destination_end(const char *s, md_brackets *br, size_t open,
                              size_t from)
{
	size_t k, d;

	bracket_close(s, br, open); /* the window of `open` */
	if (!br->dest_ready) {
		size_t room = br->end - br->base;
		size_t span = room < MD_DEST_SPAN ? room : MD_DEST_SPAN;
		size_t lim = room < MD_DEST_SPAN + MD_MAX_LINK_TEXT
		                 ? br->end : br->base + MD_DEST_SPAN + MD_MAX_LINK_TEXT;

		/* backwards from past the last entry, so that its distance is
		 * right too */
		d = MD_DEST_NONE;
		for (k = lim; k-- > br->base;) {
			if (s[k] == ')' || s[k] == ' ')
				d = 0;
			else if (d < MD_MAX_LINK_TEXT)
				d++;
			else
				d = MD_DEST_NONE;
			if (k - br->base < span)
				br->dest[k - br->base] = (uint16_t)d;
		}
		br->dest_ready = 1;
	}
	if (from >= br->end)
		return br->end;
	k = from - br->base; /* under MD_DEST_SPAN and the line's end */
	return br->dest[k] != MD_DEST_NONE
	           ? from + br->dest[k] : br->end;
}

/* Code spans: a run of backticks opens one when a run of the same length
 * follows. Once a look for one has gone to the end of the line, the last
 * run of each length there is known and later runs need not look
 * (cmark's way); runs longer than MD_MAX_CODE_RUN open none. */
#define MD_MAX_CODE_RUN 64

typedef struct {
	size_t from; /* a look went from here to the end; (size_t)-1: none */
	int ready;   /* last[] is set */
	size_t last[MD_MAX_CODE_RUN + 1]; /* of each length, from `from` */
} md_ticks;

/* Where the run of `run` backticks closing the one ending at s[j] starts,
 * or end if none does. */
static size_t code_span_close(const char *s, md_ticks *t, size_t j,
                              size_t end, size_t run)
{
	size_t k = j, m;

	if (run > MD_MAX_CODE_RUN)
		return end;
	if (!t->ready) {
		memset(t->last, 0, sizeof(t->last));
		t->ready = 1;
	}
	if (t->from != (size_t)-1 && j >= t->from && t->last[run] < j)
		return end;
	while (k < end) {
		const char *p = memchr(s + k, '`', end - k);

		if (!p)
			break;
		k = (size_t)(p - s);
		for (m = k; m < end && s[m] == '`'; m++)
			;
		if (m - k <= MD_MAX_CODE_RUN && t->from == (size_t)-1)
			t->last[m - k] = k; /* kept once a look has failed */
		if (m - k == run)
			return k;
		k = m;
	}
	if (t->from == (size_t)-1)
		t->from = j;
	return end;
}

/* Records the inline markup of s[i..end) as skip ranges; `depth` bounds
 * the nesting of link texts. */
static int md_inline_at(clint_doc *doc, md_brackets *br, size_t i,
                        size_t end, int depth)
{
	const char *s = doc->text;
	int rc = CLINT_OK;

	size_t memo = (size_t)-1;
	md_ticks ticks;
	int breaks;

	ticks.from = (size_t)-1;
	ticks.ready = 0;
	while (i < end && rc == CLINT_OK) {
		char c = s[i];
		size_t j, n;
		uint32_t cp;

		if (c == '\\' && i + 1 < end && ispunct((unsigned char)s[i + 1])) {
			rc = clint_doc_add_skip(doc, i, i + 1);
			i += 2;
		} else if (c == '*' || c == '_' || c == '~' || c == '`') {
			unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : ' ';
			unsigned char next;
			int left, right;

			j = i;
			while (j < end && s[j] == c)
				j++;
			next = j < end ? (unsigned char)s[j] : ' ';
			left = !isspace(next);
			right = !isspace(prev);
			if (c == '`') {
				/* a code span: its text is literal (CommonMark: no
				 * references, no emphasis inside); a run that none
				 * closes is left out as it was */
				size_t run = j - i, k = code_span_close(s, &ticks, j, end, run);

				rc = clint_doc_add_skip(doc, i, j);
				if (rc == CLINT_OK && k < end) {
					rc = clint_doc_add_skip(doc, k, k + run);
					i = k + run;
					continue;
				}
				i = j;
				continue;
			}
			if ((c == '~' && j - i >= 2) ||
			    (c == '*' && (left || right)) ||
			    (c == '_' && ((left && !isalnum(prev)) ||
			                  (right && !isalnum(next)))))
				rc = clint_doc_add_skip(doc, i, j);
			i = j;
		} else if (c == '<' && (n = html_tag(s, i, end, &memo, &breaks)) > 0) {
			/* "name<br>Наименование": two words, as a viewer shows */
			rc = breaks ? clint_doc_add_sub(doc, i, i + n, ' ')
			            : clint_doc_add_skip(doc, i, i + n);
			i += n;
		} else if (c == '&' && (n = char_ref(s, i, end, &cp)) > 0) {
			/* what a Markdown viewer shows: "f&#x65;es" is "fees" */
			rc = clint_doc_add_sub(doc, i, i + n, cp);
			i += n;
		} else if ((c == '[' || (c == '!' && i + 1 < end && s[i + 1] == '[')) &&
		           depth < MD_MAX_LINK_NEST) {
			/* [text](url) -> text; ![alt](src) -> alt */
			size_t open = c == '!' ? i + 1 : i;
			size_t close = bracket_close(s, br, open);

			if (close >= end)
				close = end;
			if (close + 1 < end && s[close + 1] == '(') {
				j = destination_end(s, br, open, close + 2);
				if (j < end && s[j] == ')' && j - close <= MD_MAX_LINK_TEXT) {
					rc = clint_doc_add_skip(doc, i, open + 1);
					if (rc == CLINT_OK)
						rc = md_inline_at(doc, br, open + 1, close, depth + 1);
					if (rc == CLINT_OK)
						rc = clint_doc_add_skip(doc, close, j + 1);
					i = j + 1;
					continue;
				}
			}
			i++;
		} else {
			i++;
		}
	}
	return rc;
}

static int md_inline(clint_doc *doc, size_t i, size_t end)
{
	md_brackets br;

	br.base = (size_t)-1;
	br.end = end;
	return md_inline_at(doc, &br, i, end, 0);
}

static int cmp_range(const void *a, const void *b)
{
	const clint_range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Adds each cell of a table row as a TABLE_CELL block. */
static int md_table_row(md_state *st, size_t i, size_t end)
{
	const char *s = st->doc->text;
	size_t cell;
	int rc = CLINT_OK;

	if (s[i] == '|')
		i++;
	clint_doc_table_row(st->doc);
	while (i < end && rc == CLINT_OK) {
		size_t a, b;

		cell = i;
		while (i < end && !(s[i] == '|' && s[i - 1] != '\\'))
			i++;
		a = skip_spaces(s, cell, i);
		b = i;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b > a) {
			rc = clint_doc_add_block(st->doc, CLINT_BLOCK_TABLE_CELL, 0, a, b,
			                         st->page, 0);
			if (rc == CLINT_OK)
				rc = md_inline(st->doc, a, b);
		}
		i++;
	}
	return rc;
}

int clint_extract_markdown(clint_doc *doc, const unsigned char *data,
                           size_t len, clint_diag *diag)
{
	md_state st;
	clint_line line;
	size_t pos = 0;
	int in_code = 0, rc;

	memset(&st, 0, sizeof(st));
	st.doc = doc;
	st.page = 1;
	TRY(clint_doc_decode(doc, data, len, diag));

	while (pos < doc->text_len) {
		const char *s = doc->text;
		size_t i, e, k;

		clint_next_line(s, doc->text_len, pos, &line);
		pos = line.next;
		i = skip_spaces(s, line.start, line.end);
		e = line.end;
		while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;

		if (e - i >= 3 && (memcmp(s + i, "```", 3) == 0 ||
		                   memcmp(s + i, "~~~", 3) == 0)) {
			TRY(md_close(&st));
			in_code = !in_code;
			goto next;
		}
		if (i == e) {
			TRY(md_close(&st));
			goto next;
		}
		if (in_code) {
			if (!st.open)
				md_open(&st, CLINT_BLOCK_PARAGRAPH, 0, i);
			st.end = e;
			st.lines++;
			goto next;
		}
		/* block quote markers */
		while (i < e && s[i] == '>') {
			TRY(clint_doc_add_skip(doc, i, i + 1));
			i = skip_spaces(s, i + 1, e);
		}
		if (i == e)
			goto next;
		/* setext underline of a one-line paragraph */
		if (st.open && st.type == CLINT_BLOCK_PARAGRAPH && st.lines == 1 &&
		    (rule_line(s, i, e, '=', 1) || rule_line(s, i, e, '-', 2))) {
			st.type = CLINT_BLOCK_HEADING;
			st.level = s[i] == '=' ? 1 : 2;
			TRY(md_close(&st));
			goto next;
		}
		/* thematic break */
		if (rule_line(s, i, e, '-', 3) || rule_line(s, i, e, '*', 3) ||
		    rule_line(s, i, e, '_', 3)) {
			TRY(md_close(&st));
			goto next;
		}
		/* ATX heading */
		if (s[i] == '#') {
			k = i;
			while (k < e && s[k] == '#')
				k++;
			if (k - i <= 6 && (k == e || s[k] == ' ' || s[k] == '\t')) {
				size_t he = e;
				unsigned level = (unsigned)(k - i);

				TRY(md_close(&st));
				k = skip_spaces(s, k, e);
				/* closing hashes */
				while (he > k && s[he - 1] == '#')
					he--;
				if (he < e && (he == k || s[he - 1] == ' ')) {
					while (he > k && s[he - 1] == ' ')
						he--;
				} else {
					he = e;
				}
				if (he > k) {
					TRY(clint_doc_add_skip(doc, line.start, k));
					TRY(md_inline(doc, k, he));
					md_open(&st, CLINT_BLOCK_HEADING, level, line.start);
					st.end = he;
					TRY(md_close(&st));
				}
				goto next;
			}
		}
		/* table rows */
		if (s[i] == '|') {
			TRY(md_close(&st));
			if (!is_table_separator(s, i, e))
				TRY(md_table_row(&st, i, e));
			goto next;
		}
		/* bullets */
		if (e - i >= 2 && strchr("-*+", s[i]) && (s[i + 1] == ' ' ||
		                                          s[i + 1] == '\t')) {
			TRY(md_close(&st));
			k = skip_spaces(s, i + 1, e);
			TRY(clint_doc_add_skip(doc, line.start, k));
			md_open(&st, CLINT_BLOCK_LIST_ITEM,
			        (unsigned)((i - line.start) / 2 + 1), line.start);
			TRY(md_inline(doc, k, e));
			st.end = e;
			st.lines = 1;
			goto next;
		}
		/* ordered list items and clause numbering open a block */
		k = i;
		while (k < e && isdigit((unsigned char)s[k]))
			k++;
		if ((k > i && k - i <= 9 && k < e && (s[k] == '.' || s[k] == ')') &&
		     k + 1 < e && (s[k + 1] == ' ' || s[k + 1] == '\t')) ||
		    clint_line_opens_clause(s + i, e - i)) {
			int ordered = k > i && k < e && (s[k] == '.' || s[k] == ')') &&
			              k + 1 < e && s[k + 1] == ' ';
			TRY(md_close(&st));
			md_open(&st,
			        ordered ? CLINT_BLOCK_LIST_ITEM : CLINT_BLOCK_PARAGRAPH,
			        ordered ? (unsigned)((i - line.start) / 2 + 1) : 0, i);
		} else if (!st.open) {
			md_open(&st, CLINT_BLOCK_PARAGRAPH, 0, i);
		}
		TRY(md_inline(doc, i, e));
		st.end = e;
		st.lines++;
	next:
		if (line.page_break) {
			TRY(md_close(&st));
			st.page++;
			st.flags = CLINT_BLOCK_F_PAGE_BREAK;
		}
	}
	TRY(md_close(&st));
	if (doc->skip_count > 1) {
		size_t k, n = 1;

		qsort(doc->skips, doc->skip_count, sizeof(clint_range), cmp_range);
		/* apart, as normalize.c and lookalike.c read them: a range that
		 * starts inside the one before it (a '>' marker inside a heading
		 * marker's) keeps only what lies after that one */
		for (k = 1; k < doc->skip_count; k++) {
			clint_range r = doc->skips[k];

			if (r.start < doc->skips[n - 1].end) {
				if (r.end <= doc->skips[n - 1].end)
					continue;
				r.start = doc->skips[n - 1].end;
				r.cp = 0;
			}
			doc->skips[n++] = r;
		}
		doc->skip_count = n;
	}
done:
	return rc;
}
