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
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ruleset.h"

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
	clint_buf b = CLINT_BUF_INIT;
	va_list ap;
	char tmp[512];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (clint_buf_puts(&b, tmp) < 0) {
		clint_buf_free(&b);
		return NULL;
	}
	return clint_buf_detach(&b, NULL);
}

/* Copies text[start..end) with white space folded, at most `max` bytes. */
static void quote(const clint_doc *doc, size_t start, size_t end, char *out,
                  size_t max)
{
	size_t i, n = 0;
	int space = 0;

	for (i = start; i < end && n + 4 < max; i++) {
		char c = doc->text[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = c;
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

/* ---- words-digits ---------------------------------------------------------- */

static int check_words_digits(const clint_doc *doc, clint_check_hit_fn hit,
                              void *ctx)
{
	size_t i;
	char q[160];
	int rc;

	for (i = 0; i < doc->value_count; i++) {
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
	if (!isdigit((unsigned char)*p))
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
		if (i > 0 && (isalnum((unsigned char)doc->norm[i - 1]) ||
		              doc->norm[i - 1] == '.'))
			continue;
		if (i + n < b && isdigit((unsigned char)doc->norm[i + n]))
			continue;
		return 1;
	}
	return 0;
}

/*
 * Walks siblings (same parent, same numbering style) in order and reports
 * a number that is skipped ("4.1" then "4.3") or repeated ("4.2" twice).
 * Decimal clauses and lettered items "(a)" are checked.
 */
static int check_numbering(const clint_doc *doc, clint_check_hit_fn hit,
                           void *ctx)
{
	size_t i, j;
	int rc;

	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];
		long cur, prev;
		int letters;
		const clint_isection *p = NULL;
		char want[96], pre_s[64], pre_p[64];

		if (s->num_kind == 1) {
			letters = 0;
			cur = last_component(s->number);
		} else if (s->num_kind == 3 && s->rank == 100) {
			/* lettered items (a), (b): roman (iv) and (v) are not */
			letters = 1;
			cur = letter_position(s->number);
		} else {
			continue;
		}
		if (cur < 0)
			continue;
		/* the previous sibling of the same style */
		for (j = i; j-- > 0;) {
			const clint_isection *t = &doc->sections[j];
			if (t->parent != s->parent)
				continue;
			if (t->num_kind == s->num_kind && t->rank == s->rank &&
			    (letters ? letter_position(t->number) >= 0
			             : last_component(t->number) >= 0)) {
				p = t;
				break;
			}
		}
		if (!p) {
			/* a first child that does not start at 1 / (a) is skipped
			 * numbering too, but restarts are common: not reported */
			continue;
		}
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
			if (rc < 0)
				return rc;
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
			if (rc < 0)
				return rc;
		}
	}
	return CLINT_OK;
}

/* ---- cross-references ------------------------------------------------------- */

static const char *const ref_words[] = {
	"section", "sections", "clause", "clauses", "paragraph", "article",
	"schedule", "exhibit", "annex", "appendix", "attachment",
};

/* Kind of target: 1 a decimal clause, 2 a container (Article, Schedule). */
static int ref_kind(const char *word)
{
	if (!strncasecmp(word, "section", 7) || !strncasecmp(word, "clause", 6) ||
	    !strncasecmp(word, "paragraph", 9))
		return 1;
	return 2;
}

static int section_exists(const clint_doc *doc, int kind, const char *word,
                          const char *id)
{
	size_t i;

	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];
		if (kind == 1 && s->cite && strcasecmp(s->cite, id) == 0)
			return 1;
		if (kind == 2 && s->num_kind == 2 && strcasecmp(s->number, id) == 0 &&
		    strncasecmp(s->word, word, strlen(s->word)) == 0)
			return 1;
	}
	return 0;
}

/* True if the clause the reference points into is known: "7.4" needs a
 * § 7 with numbered sub-clauses; "12" needs numbered top-level clauses
 * around it. Without that structure nothing can be said. */
static int parent_known(const clint_doc *doc, const char *id)
{
	char pre[64];
	size_t i, n = 0;

	prefix_of(id, pre, sizeof(pre));
	for (i = 0; i < doc->section_count; i++) {
		const clint_isection *s = &doc->sections[i];
		char sp[64];

		if (s->num_kind != 1 || !s->cite)
			continue;
		prefix_of(s->cite, sp, sizeof(sp));
		if (strcmp(sp, pre) == 0 && strchr(s->cite, '(') == NULL)
			n++;
	}
	return n >= 2;
}

/* True if s[..end) ends with `tail` (ASCII caseless), reading nothing
 * before s. */
static int ends_with_at(const char *s, size_t end, const char *tail)
{
	size_t n = strlen(tail);

	return end >= n && strncasecmp(s + end - n, tail, n) == 0;
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
		const char *hit;

		/* jump to the next place the first character occurs */
		if (n > 0) {
			hit = memchr(s + i, id[0], doc->norm_len - n + 1 - i);
			if (!hit)
				break;
			i = (size_t)(hit - s);
		}
		if (memcmp(s + i, id, n) != 0)
			continue;
		if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.'))
			continue;
		if (i + n < doc->norm_len &&
		    (isdigit((unsigned char)s[i + n]) ||
		     (s[i + n] == '.' && i + n + 1 < doc->norm_len &&
		      isdigit((unsigned char)s[i + n + 1]))))
			continue;
		b = i > 0 && s[i - 1] == ' ' ? i - 1 : i;
		for (w = 0; w < ARRAY_LEN(ref_words); w++) {
			size_t m = strlen(ref_words[w]);
			if (b >= m && strncasecmp(s + b - m, ref_words[w], m) == 0)
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

	if (isdigit((unsigned char)id[0])) {
		for (i = 0; i < n && isdigit((unsigned char)id[i]); i++)
			;
		return i == n || (i + 1 == n && isalpha((unsigned char)id[i]));
	}
	if (n == 1 || (n == 2 && isdigit((unsigned char)id[1])))
		return isupper((unsigned char)id[0]);
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
 * heading the segmenter did not take for a section. */
static int container_heading(const clint_doc *doc, const char *word,
                             const char *id)
{
	size_t b, wn = strlen(word), idn = strlen(id);

	for (b = 0; b < doc->block_count; b++) {
		const char *t = doc->norm + doc->blocks[b].norm_start;
		size_t len = doc->blocks[b].norm_end - doc->blocks[b].norm_start;
		size_t wl = wn;

		/* "Schedules 2" is referred to as "Schedule 2" */
		if (wl > 1 && word[wl - 1] == 's')
			wl--;
		if (len > wl + 1 + idn && strncasecmp(t, word, wl) == 0 &&
		    t[wl] == ' ' && strncasecmp(t + wl + 1, id, idn) == 0 &&
		    !isalnum((unsigned char)t[wl + 1 + idn]))
			return 1;
	}
	return 0;
}

static int check_cross_references(const clint_doc *doc, clint_check_hit_fn hit,
                                  void *ctx)
{
	const char *s = doc->norm;
	size_t i = 0, w;
	long top = max_top_number(doc);
	char seen[64][48];
	size_t nseen = 0;
	int rc;

	while (i < doc->norm_len) {
		size_t n = 0, j, k, rs = i;
		char id[64], word[16];
		int kind;

		/* cheap test first: a reference word starts a word here */
		if ((i > 0 && isalpha((unsigned char)s[i - 1])) ||
		    !memchr("scpaeSCPAE", s[i], 10)) {
			i++;
			continue;
		}
		for (w = 0; w < ARRAY_LEN(ref_words); w++) {
			n = strlen(ref_words[w]);
			if (i + n < doc->norm_len && strncasecmp(s + i, ref_words[w], n) == 0 &&
			    s[i + n] == ' ' && (i == 0 || !isalpha((unsigned char)s[i - 1])))
				break;
		}
		if (w == ARRAY_LEN(ref_words)) {
			i++;
			continue;
		}
		j = i + n + 1;
		k = j;
		while (k < doc->norm_len && k - j < 24 &&
		       (isalnum((unsigned char)s[k]) ||
		        (s[k] == '.' && k + 1 < doc->norm_len &&
		         isdigit((unsigned char)s[k + 1])) ||
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
		if (strchr(id, '(') && isdigit((unsigned char)id[0]))
			*strchr(id, '(') = '\0';
		snprintf(word, sizeof(word), "%s", ref_words[w]);
		kind = ref_kind(word);
		i = k;
		/* a clause number, or one letter / roman numeral / number for a
		 * container; anything else is not a reference we can check */
		if (kind == 1 && !isdigit((unsigned char)id[0]))
			continue;
		if (kind == 2 && !container_id(id))
			continue;
		/* "Section 409A of the Code", "Article 28 of the GDPR": another
		 * instrument, unless it is "of this Agreement" */
		{
			size_t t = k;
			while (t < doc->norm_len && s[t] == ' ')
				t++;
			if (strncasecmp(s + t, "of ", 3) == 0 &&
			    strncasecmp(s + t + 3, "this ", 5) != 0)
				continue;
			if (strncasecmp(s + t, "to the ", 7) == 0 ||
			    strncasecmp(s + t, "under the ", 10) == 0)
				continue;
		}
		if (section_exists(doc, kind, word, id))
			continue;
		if (kind == 1 && numbered_inline(doc, id))
			continue;
		/* "Section 365", "Section 20000": a statute, not this contract */
		if (kind == 1 && strtol(id, NULL, 10) > top + 3)
			continue;
		if (kind == 2 && container_heading(doc, word, id))
			continue;
		if (kind == 1 && !parent_known(doc, id))
			continue;
		if (kind == 2) {
			/* only when the document has containers of that word */
			size_t q, have = 0;
			for (q = 0; q < doc->section_count; q++)
				if (doc->sections[q].num_kind == 2 &&
				    strncasecmp(doc->sections[q].word, word,
				                strlen(doc->sections[q].word)) == 0)
					have++;
			if (have < 2 && strncasecmp(word, "article", 7) == 0)
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
				key[q] = (char)tolower((unsigned char)key[q]);
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
				return rc;
		}
	}
	return CLINT_OK;
}

int clint_run_check(clint_check_id id, const clint_doc *doc,
                    clint_check_hit_fn hit, void *ctx)
{
	switch (id) {
	case CLINT_CHECK_WORDS_DIGITS: return check_words_digits(doc, hit, ctx);
	case CLINT_CHECK_NUMBERING: return check_numbering(doc, hit, ctx);
	case CLINT_CHECK_CROSS_REFERENCE:
		return check_cross_references(doc, hit, ctx);
	default: return CLINT_OK;
	}
}
