/*
 * lookalike.c - words that read as Latin words but are stored as other
 * strings: the reading of the text the matching view, the
 * disguised-words check and fingerprints share.
 *
 * A word is read from a block of the document as the matching view reads
 * it (clint_doc_char()): markup the extractor skips is part of the word
 * it sits in ("f**ее**s" is one word), a character reference is its
 * character. Whether a word of look-alike letters reads as Latin is
 * decided once, while the matching view is built (clint_lookalike_decide()
 * from normalize.c), and kept in the document (doc->folds): the check and
 * fingerprints look it up instead of judging again, so all three agree.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- reading the text as the matching view does -------------------------- */

/* The range of r[0..count) (sorted, apart) that holds position i, or
 * NULL (binary search). */
static const clint_range *range_at(const clint_range *r, size_t count,
                                   size_t i)
{
	size_t lo = 0, hi = count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid].start <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || r[lo - 1].end <= i)
		return NULL;
	return &r[lo - 1];
}

/* The skip range that holds position i, or NULL. */
static const clint_range *skip_at(const clint_doc *doc, size_t i)
{
	return range_at(doc->skips, doc->skip_count, i);
}

size_t clint_doc_char(const clint_doc *doc, size_t i, size_t hi, uint32_t *cp)
{
	const clint_range *r;
	size_t n;

	if (i >= hi)
		return 0;
	if (doc->skip_count && (r = skip_at(doc, i)) != NULL) {
		*cp = r->cp && r->start == i ? r->cp : CLINT_CP_MARKUP;
		return (r->end < hi ? r->end : hi) - i;
	}
	n = clint_utf8_decode((const unsigned char *)doc->text + i, hi - i, cp);
	if (!n) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

/* The character that ends at j (of [lo, j)), as clint_doc_char() reads
 * it; stores where it starts. 0 if there is none. */
static size_t char_before(const clint_doc *doc, size_t lo, size_t j,
                          uint32_t *cp, size_t *start)
{
	const unsigned char *t = (const unsigned char *)doc->text;
	const clint_range *r;
	size_t k;

	if (j <= lo)
		return 0;
	if (doc->skip_count && (r = skip_at(doc, j - 1)) != NULL) {
		k = r->start > lo ? r->start : lo;
		*cp = r->cp && r->start == k ? r->cp : CLINT_CP_MARKUP;
		*start = k;
		return j - k;
	}
	for (k = j - 1; k > lo && j - k < 4 && clint_utf8_cont(t[k]); k--)
		;
	if (clint_utf8_decode(t + k, j - k, cp) != j - k) {
		*cp = 0xFFFD; /* a stray byte: no letter */
		k = j - 1;
	}
	*start = k;
	return j - k;
}

/* ---- words ------------------------------------------------------------- */

/* True for a character that belongs to the word around it without a
 * script of its own: a combining mark, one that shows nothing, markup. */
static int word_joiner(uint32_t cp)
{
	return cp == CLINT_CP_MARKUP || (cp >= 0x0300 && cp <= 0x036F) ||
	       (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || clint_invisible(cp);
}

/* Adds the character cp at [i, i+n) to *w if it belongs to a word: 1 if
 * it did. */
static int word_add(clint_word_scripts *w, uint32_t cp, size_t i, size_t n)
{
	int sc = cp == CLINT_CP_MARKUP ? CLINT_SCRIPT_NONE : clint_script(cp);

	if (sc == CLINT_SCRIPT_NONE)
		return word_joiner(cp);
	if (!w->letters++ || i < w->first_letter)
		w->first_letter = i;
	if (i + n > w->last_letter)
		w->last_letter = i + n;
	w->scripts |= 1u << sc;
	if (sc != CLINT_SCRIPT_LATIN) {
		w->foreign++;
		if (clint_latin_lookalike(cp)) {
			w->lookalikes++;
			w->looks |= 1u << sc;
			if (w->lookalikes == 1 || i < w->first_pos) {
				w->first = cp;
				w->first_pos = i;
			}
		}
	}
	return 1;
}

void clint_doc_word_at(const clint_doc *doc, size_t lo, size_t hi, size_t i,
                       clint_word_scripts *w)
{
	size_t j, k, n;
	uint32_t cp;

	memset(w, 0, sizeof(*w));
	/* back to the start: each character before j, while it is a word's */
	for (j = i; (n = char_before(doc, lo, j, &cp, &k)) > 0; j = k)
		if (!word_add(w, cp, k, n))
			break;
	w->start = j;
	for (j = i; (n = clint_doc_char(doc, j, hi, &cp)) > 0; j += n)
		if (!word_add(w, cp, j, n))
			break;
	w->end = j;
}

/* True for a small Greek letter. */
static int greek_small(uint32_t cp)
{
	return (cp >= 0x03AC && cp <= 0x03CE) || (cp >= 0x03D0 && cp <= 0x03D7) ||
	       (cp >= 0x03F0 && cp <= 0x03F3) || (cp >= 0x1F00 && cp <= 0x1FFF);
}

/* True for a word of look-alikes only ("рау", "а"): it says nothing
 * about the script of the text around it. */
static int lookalikes_only(const clint_word_scripts *w)
{
	return !(w->scripts & (1u << CLINT_SCRIPT_LATIN)) &&
	       w->lookalikes == w->foreign;
}

/* Words with more visible characters than this between them (digits,
 * punctuation) are not neighbours; white space, characters that show
 * nothing and markup do not count, and a line break inside a block is
 * white space (the matching view joins the lines). */
#define NEIGHBOUR_GAP 16

/* The word next to `edge` on one side (dir -1: the one that ends at or
 * before it, 1: the one that starts at or after it) in [lo, hi), if it
 * is a neighbour: 0 if there is none. */
static int neighbour(const clint_doc *doc, size_t lo, size_t hi, size_t edge,
                     int dir, clint_word_scripts *nb)
{
	size_t j = edge, k, n, seen = 0;
	uint32_t cp;

	for (;;) {
		if (dir < 0) {
			n = char_before(doc, lo, j, &cp, &k);
		} else {
			k = j;
			n = clint_doc_char(doc, j, hi, &cp);
		}
		if (!n)
			return 0;
		if (cp != CLINT_CP_MARKUP && clint_script(cp) != CLINT_SCRIPT_NONE) {
			clint_doc_word_at(doc, lo, hi, k, nb);
			return 1;
		}
		if (cp != CLINT_CP_MARKUP && !clint_blank(cp) &&
		    ++seen > NEIGHBOUR_GAP)
			return 0;
		j = dir < 0 ? k : k + n;
	}
}

/* Whether the run of words of look-alikes only that starts with w (each
 * the neighbour of the one before) stands among Latin words: the
 * neighbour before the run or after it is Latin, and neither is a word
 * of Greek, Cyrillic, ... letters with one of its own shape and no Latin
 * letter. Stores the end of the run. */
static int run_among_latin(const clint_doc *doc, size_t lo, size_t hi,
                           const clint_word_scripts *w, size_t *run_end)
{
	clint_word_scripts nb;
	int latin = 0, foreign = 0, have;

	*run_end = w->end;
	if (neighbour(doc, lo, hi, w->start, -1, &nb) && !lookalikes_only(&nb)) {
		if (nb.scripts & (1u << CLINT_SCRIPT_LATIN))
			latin = 1;
		else
			foreign = 1; /* a word of a foreign text */
	}
	/* to the end of the run even so: the verdict is the whole run's */
	while ((have = neighbour(doc, lo, hi, *run_end, 1, &nb)) &&
	       lookalikes_only(&nb))
		*run_end = nb.end;
	if (have) {
		if (nb.scripts & (1u << CLINT_SCRIPT_LATIN))
			latin = 1;
		else
			foreign = 1;
	}
	return latin && !foreign;
}

int clint_lookalike_decide(const clint_doc *doc, size_t lo, size_t hi,
                           const clint_word_scripts *w,
                           clint_lookalike_run *run)
{
	if (!w->lookalikes)
		return 0;
	if (w->scripts & (1u << CLINT_SCRIPT_LATIN))
		return CLINT_WORD_MIXED;
	if (!lookalikes_only(w))
		return 0;
	/* a word of look-alikes only: disguised among Latin words, a word of
	 * a Greek or Cyrillic text; the verdict holds for the whole run, which
	 * is met first at its first word (words come in order) */
	if (w->start >= run->end)
		run->latin = run_among_latin(doc, lo, hi, w, &run->end);
	/* a lone small Greek letter is a symbol: "hν", "ρ = 2" */
	return run->latin && (w->lookalikes >= 2 || !greek_small(w->first))
	           ? CLINT_WORD_DISGUISED : 0;
}

/* ---- the decisions, kept in the document ---------------------------------- */

int clint_doc_add_fold(clint_doc *doc, const clint_word_scripts *w, int kind)
{
	int rc = MEM_PUSH(&doc->mem, doc->folds, doc->fold_count, doc->fold_cap);

	if (rc < 0)
		return rc;
	doc->folds[doc->fold_count].start = w->start;
	doc->folds[doc->fold_count].end = w->end;
	doc->folds[doc->fold_count].cp = (uint32_t)kind;
	doc->fold_count++;
	return CLINT_OK;
}

int clint_doc_fold_at(const clint_doc *doc, size_t i)
{
	const clint_range *r = range_at(doc->folds, doc->fold_count, i);

	return r ? (int)r->cp : 0;
}
