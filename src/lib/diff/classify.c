/*
 * classify.c - cosmetic vs substantive changes.
 *
 * Two texts differ only cosmetically when their canonical forms are equal.
 * The canonical form keeps words (ASCII case folded) and the symbols that
 * carry meaning ($ EUR-sign pound-sign % and the decimal point between
 * digits), and drops white space, quotes, punctuation and thousands
 * separators between digits; a number in words followed by the same number
 * in digits ("thirty (30)") keeps only the digits. So "$1,000" equals
 * "$1000", "thirty (30) days" equals "30 days", "Supplier's" equals
 * "Supplier’s", and "30 days" does not equal "60 days". Characters that
 * show nothing are dropped, but a bidirectional embedding, override,
 * isolate or mark is a word of its own: around "01" it shows "10".
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"

#define MAX_WORDS_PER_SIDE 100000

typedef struct {
	clint_buf buf;        /* words, each NUL-terminated */
	size_t *words;        /* offsets into buf */
	size_t count, cap;
} canon;

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int end_word(canon *c, int *open)
{
	int rc = CLINT_OK;

	if (*open) {
		TRY(clint_buf_putc(&c->buf, '\0'));
		*open = 0;
	}
done:
	return rc;
}

static int start_word(canon *c, int *open)
{
	int rc = CLINT_OK;

	if (!*open) {
		if (c->count >= MAX_WORDS_PER_SIDE)
			return CLINT_ELIMIT;
		TRY(ARRAY_PUSH(c->words, c->count, c->cap));
		c->words[c->count++] = c->buf.len;
		*open = 1;
	}
done:
	return rc;
}

/* Splits s[0..n) into canonical words. */
static int canon_build(canon *c, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int open = 0, rc = CLINT_OK;

	while (i < n) {
		uint32_t cp;
		size_t k = clint_utf8_decode(p + i, n - i, &cp);
		if (k == 0) {
			cp = p[i];
			k = 1;
		}
		if (clint_bidi_control(cp) || cp == 0x200E || cp == 0x200F ||
		    cp == 0x061C) {
			/* what it reorders (the marks LRM, RLM and ALM can too:
			 * "RLM10, 20RLM" shows "20 ,10") is another text to a
			 * reader */
			TRY(end_word(c, &open));
			TRY(start_word(c, &open));
			TRY(clint_buf_put_utf8(&c->buf, cp));
			TRY(end_word(c, &open));
		} else if (clint_invisible(cp)) {
			/* shows nothing: "addi<ZWSP>tional" is "additional" */
		} else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			TRY(start_word(c, &open));
			TRY(clint_buf_putc(&c->buf, (char)cp));
		} else if (cp >= 'A' && cp <= 'Z') {
			TRY(start_word(c, &open));
			TRY(clint_buf_putc(&c->buf, (char)(cp + 32)));
		} else if ((cp == ',' || cp == '.') && i > 0 && i + 1 < n &&
		           is_digit(p[i - 1]) && is_digit(p[i + 1])) {
			/* 1,000 -> 1000; 99.5 keeps its point */
			if (cp == '.')
				TRY(clint_buf_putc(&c->buf, '.'));
		} else if (cp == '$' || cp == '%' || cp == 0x20ac || cp == 0xa3) {
			TRY(end_word(c, &open));
			TRY(start_word(c, &open));
			TRY(clint_buf_put_utf8(&c->buf, cp));
			TRY(end_word(c, &open));
		} else if (cp >= 0x80 && !(cp >= 0xa0 && cp <= 0xbf) &&
		           !(cp >= 0x2000 && cp <= 0x206f) && cp != 0xd7) {
			TRY(start_word(c, &open));
			TRY(clint_buf_put(&c->buf, s + i, k));
		} else {
			TRY(end_word(c, &open));
		}
		i += k;
	}
	TRY(end_word(c, &open));
done:
	return rc;
}

static const char *const small_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[] = {"twenty", "thirty", "forty", "fifty",
                                         "sixty", "seventy", "eighty",
                                         "ninety"};

/* The value of the number in words starting at word i ("thirty five",
 * "one hundred and twenty"); *used gets the words read, 0 if none. */
static double number_words(const canon *c, size_t i, size_t *used)
{
	double total = 0, cur = 0;
	size_t j = i, last = i, k;
	int any = 0;

	for (; j < c->count && j < i + 12; j++) {
		const char *w = c->buf.data + c->words[j];
		int hit = 0;
		for (k = 0; k < ARRAY_LEN(small_words); k++)
			if (strcmp(w, small_words[k]) == 0) {
				cur += (double)k;
				hit = 1;
			}
		for (k = 0; k < ARRAY_LEN(tens_words); k++)
			if (strcmp(w, tens_words[k]) == 0) {
				cur += 20.0 + 10.0 * (double)k;
				hit = 1;
			}
		if (!hit && any && strcmp(w, "hundred") == 0) {
			cur *= 100;
			hit = 1;
		} else if (!hit && any &&
		           (strcmp(w, "thousand") == 0 || strcmp(w, "million") == 0)) {
			total += cur * (w[0] == 't' ? 1e3 : 1e6);
			cur = 0;
			hit = 1;
		} else if (!hit && any && strcmp(w, "and") == 0) {
			continue;
		}
		if (!hit)
			break;
		any = 1;
		last = j + 1;
	}
	*used = any ? last - i : 0;
	return total + cur;
}

static int all_digits(const char *w)
{
	if (!*w)
		return 0;
	for (; *w; w++)
		if (!is_digit((unsigned char)*w) && *w != '.')
			return 0;
	return 1;
}

/* Drops number words restated in digits right after them. */
static void canon_fold_numbers(canon *c)
{
	size_t i = 0, out = 0;

	while (i < c->count) {
		size_t used = 0;
		double v = number_words(c, i, &used);
		if (used && i + used < c->count) {
			const char *w = c->buf.data + c->words[i + used];
			if (all_digits(w) && clint_strtod_c(w, NULL) == v) {
				i += used; /* keep the digits only */
				continue;
			}
		}
		c->words[out++] = c->words[i++];
	}
	c->count = out;
}

static void canon_free(canon *c)
{
	clint_buf_free(&c->buf);
	free(c->words);
}

int clint_cosmetic_equal(const char *x, size_t xn, const char *y, size_t yn)
{
	canon a, b;
	size_t i;
	int eq = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	/* out of memory is said, not read as "not cosmetic"; a side of
	 * too many words is not cosmetic */
	if ((eq = canon_build(&a, x, xn)) < 0 ||
	    (eq = canon_build(&b, y, yn)) < 0) {
		eq = eq == CLINT_ENOMEM ? eq : 0;
		goto done;
	}
	canon_fold_numbers(&a);
	canon_fold_numbers(&b);
	if (a.count != b.count)
		goto done;
	for (i = 0; i < a.count; i++)
		if (strcmp(a.buf.data + a.words[i], b.buf.data + b.words[i]) != 0)
			goto done;
	eq = 1;
done:
	canon_free(&a);
	canon_free(&b);
	return eq;
}

/* Byte range of tokens [t0, t1) of a unit; an empty run sits after the
 * token before it. */
static void tok_range(const clint_dside *s, const clint_dunit *u, size_t t0,
                      size_t t1, size_t *start, size_t *end)
{
	const clint_dtoken *t = s->toks + u->tok;

	if (t1 > t0) {
		*start = t[t0].start;
		*end = t[t1 - 1].end;
	} else if (t0 > 0) {
		*start = *end = t[t0 - 1].end;
	} else if (u->ntok > 0) {
		*start = *end = t[0].start;
	} else {
		*start = *end = u->start;
	}
}

typedef struct {
	size_t a0, a1, b0, b1;
} span;

static int span_cosmetic(const clint_diff *d, const clint_dunit *ua,
                         const clint_dunit *ub, const span *sp)
{
	const char *ta = clint_doc_text(d->old_doc, NULL);
	const char *tb = clint_doc_text(d->new_doc, NULL);
	size_t as, ae, bs, be;

	size_t k;

	/* striking text through or marking it inserted is never cosmetic */
	for (k = sp->a0; k < sp->a1; k++)
		if (d->a.toks[ua->tok + k].mark)
			return 0;
	for (k = sp->b0; k < sp->b1; k++)
		if (d->b.toks[ub->tok + k].mark)
			return 0;
	tok_range(&d->a, ua, sp->a0, sp->a1, &as, &ae);
	tok_range(&d->b, ub, sp->b0, sp->b1, &bs, &be);
	return clint_cosmetic_equal(ta + as, ae - as, tb + bs, be - bs);
}

/* The longest merged span (bytes a side) judged cosmetic as a whole:
 * "thirty (30)" -> "30" is short. Without it, a run of small changes a
 * word apart would re-judge the growing span at each change (quadratic:
 * 8 s for a 1 MB section). Each change on its own is always judged. */
#define MERGE_MAX_BYTES 512

/* span_cosmetic() of a merged span, or 0 when it is over MERGE_MAX_BYTES
 * on either side. */
static int merged_cosmetic(const clint_diff *d, const clint_dunit *ua,
                           const clint_dunit *ub, const span *sp)
{
	size_t as, ae, bs, be;

	tok_range(&d->a, ua, sp->a0, sp->a1, &as, &ae);
	tok_range(&d->b, ub, sp->b0, sp->b1, &bs, &be);
	if (ae - as > MERGE_MAX_BYTES || be - bs > MERGE_MAX_BYTES)
		return 0;
	return span_cosmetic(d, ua, ub, sp);
}

/* 1 if token `i` of a unit is the single byte `c`. */
static int tok_is(const clint_dside *s, const clint_dunit *u, size_t i,
                  char c)
{
	const clint_dtoken *t;
	const char *text = clint_doc_text(s->doc, NULL);

	if (i >= u->ntok)
		return 0;
	t = &s->toks[u->tok + i];
	return t->end == t->start + 1 && text[t->start] == c;
}

/* Open minus closed brackets in tokens [t0, t1) of a unit. */
static long brackets(const clint_dside *s, const clint_dunit *u, size_t t0,
                     size_t t1)
{
	long n = 0;
	size_t i;

	for (i = t0; i < t1; i++)
		n += tok_is(s, u, i, '(') - tok_is(s, u, i, ')');
	return n;
}

/* A change that opens a bracket on both sides ends after the equal ")"
 * that closes it: "[-three (3)-]{+two (2)+}", not "[-three (3-]...)". */
static void close_brackets(const clint_diff *d, const clint_dunit *ua,
                           const clint_dunit *ub, span *sp)
{
	if (brackets(&d->a, ua, sp->a0, sp->a1) == 1 &&
	    brackets(&d->b, ub, sp->b0, sp->b1) == 1 &&
	    tok_is(&d->a, ua, sp->a1, ')') && tok_is(&d->b, ub, sp->b1, ')')) {
		sp->a1++;
		sp->b1++;
	}
}

static int put_hunk(clint_diff *d, const clint_dunit *ua,
                    const clint_dunit *ub, span *sp, int cosmetic)
{
	clint_diff_hunk *h;
	int rc = CLINT_OK;

	close_brackets(d, ua, ub, sp);
	TRY(ARRAY_PUSH(d->hunks, d->hunk_count, d->hunk_cap));
	h = &d->hunks[d->hunk_count++];
	tok_range(&d->a, ua, sp->a0, sp->a1, &h->old_start, &h->old_end);
	tok_range(&d->b, ub, sp->b0, sp->b1, &h->new_start, &h->new_end);
	h->cosmetic = cosmetic;
done:
	return rc;
}

/* Changes at most this many equal tokens apart may merge into a cosmetic
 * hunk ("thirty (30)" -> "30" is two deletions around the "30"). */
#define MERGE_GAP 3
/* Changes at most this many equal tokens apart are shown as one. */
#define READ_GAP 2

int clint_diff_hunks(clint_diff *d, const clint_dunit *ua,
                     const clint_dunit *ub, const clint_dop *ops, size_t nops,
                     size_t *count, int *all_cosmetic)
{
	span cur, next, merged;
	int have = 0, cur_cos = 0, rc = CLINT_OK;
	size_t i;

	*count = 0;
	*all_cosmetic = 1;
	for (i = 0; i < nops; i++) {
		int cos;
		if (ops[i].op != 1)
			continue;
		next.a0 = ops[i].a;
		next.a1 = ops[i].a + ops[i].na;
		next.b0 = ops[i].b;
		next.b1 = ops[i].b + ops[i].nb;
		if ((cos = span_cosmetic(d, ua, ub, &next)) < 0) {
			rc = cos;
			goto done;
		}
		if (have) {
			size_t gap_a = next.a0 - cur.a1, gap_b = next.b0 - cur.b1;
			merged.a0 = cur.a0;
			merged.b0 = cur.b0;
			merged.a1 = next.a1;
			merged.b1 = next.b1;
			/* changes one or two words apart read as one change
			   ("[-three (3)-]{+two (2)+}") */
			if (gap_a <= READ_GAP && gap_b <= READ_GAP) {
				if (!(cos && cur_cos) &&
				    (cur_cos = merged_cosmetic(d, ua, ub, &merged)) < 0) {
					rc = cur_cos;
					goto done;
				}
				cur = merged;
				continue;
			}
			if (gap_a <= MERGE_GAP && gap_b <= MERGE_GAP &&
			    (!cos || !cur_cos)) {
				int m = merged_cosmetic(d, ua, ub, &merged);

				if (m < 0) {
					rc = m;
					goto done;
				}
				if (m) {
					cur = merged;
					cur_cos = 1;
					continue;
				}
			}
		}
		if (have) {
			TRY(put_hunk(d, ua, ub, &cur, cur_cos));
			(*count)++;
			if (!cur_cos)
				*all_cosmetic = 0;
		}
		cur = next;
		cur_cos = cos;
		have = 1;
	}
	if (have) {
		TRY(put_hunk(d, ua, ub, &cur, cur_cos));
		(*count)++;
		if (!cur_cos)
			*all_cosmetic = 0;
	}
done:
	return rc;
}
