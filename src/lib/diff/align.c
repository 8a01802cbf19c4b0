/*
 * align.c - section alignment of two revisions.
 *
 * Each side is cut into units: a section's own text (its heading up to its
 * first subsection) or the preamble before the first section. A unit's
 * body is tokenised after its number, so that renumbering alone leaves the
 * body equal. Units are paired in three passes:
 *
 *   1. equal bodies (hash, then token by token), in reading order; the
 *      units already paired are skipped in constant time, so many units
 *      with one body pair in linear time;
 *   2. candidate pairs scored by word similarity (Dice on the folded word
 *      bags) with a bonus for an equal heading or number, accepted above
 *      a threshold, best first. The pass scores at most
 *      CLINT_DIFF_MAX_PAIRS pairs: with more unmatched units, each unit
 *      is compared with a window of the other side around its position.
 *      Pairs whose bag sizes rule them out are not compared;
 *   3. moves: the longest increasing subsequence of the pairs (in OLD
 *      order, by NEW position) stays in place, every other pair moved.
 *
 * The alignment is then emitted in NEW's reading order, each removed unit
 * after the units that preceded it in OLD, with the word diff of each
 * edited pair; the word diffs share one budget (d->work_left), so that
 * the bound of one is not multiplied by the number of sections.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "diff.h"

#define NONE ((size_t)-1)

static uint32_t fnv32(uint32_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

#define FNV32_OFFSET 2166136261u

/* 1 if the code point at s[i] (n bytes) is part of a word. */
static int word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	/* Latin-1 punctuation and symbols, general punctuation (quotes,
	   dashes), NBSP, currency symbols */
	if (cp >= 0xa0 && cp <= 0xbf)
		return 0;
	if (cp >= 0x2000 && cp <= 0x206f)
		return 0;
	if (cp >= 0x20a0 && cp <= 0x20cf)
		return 0;
	return cp != 0xd7 && cp != 0xf7;
}

static int space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\f' || cp == '\v' || cp == 0xa0 || cp == 0x2028 ||
	       cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0xfeff ||
	       cp == 0xad;
}

/* Which mark of a Markdown redline the markup text[i..e) is: 0 none, 1
 * "~~", else a tag del, ins, s, strike or u: 2 + 2 * its index, plus 1
 * for a closing tag. Case and attributes do not count: "<INS>" and "<ins
 * datetime=...>" are one mark. */
static unsigned redline_mark(const char *text, size_t i, size_t e)
{
	static const char *const tags[] = {"del", "ins", "s", "strike", "u"};
	size_t k, n;
	unsigned closing;

	if (e - i >= 2 && text[i] == '~' && text[i + 1] == '~')
		return 1;
	if (e - i < 3 || text[i] != '<')
		return 0;
	closing = text[i + 1] == '/';
	i += 1 + closing;
	for (k = 0; k < ARRAY_LEN(tags); k++) {
		n = strlen(tags[k]);
		if (e - i > n && clint_ascii_ieq(text + i, tags[k], n) &&
		    (text[i + n] == '>' || text[i + n] == ' ' ||
		     text[i + n] == '/'))
			return 2 + 2 * (unsigned)k + closing;
	}
	return 0;
}

/* Adds the character cp (as the matching view reads it: a character
 * reference of Markdown as its character) to a token's hashes. */
static void hash_cp(clint_dtoken *t, uint32_t cp)
{
	char u[4];
	size_t k, n = clint_utf8_encode(cp, u);

	t->hash = fnv32(t->hash, u, n);
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)u[k];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		t->fold ^= c;
		t->fold *= 16777619u;
	}
}

/*
 * Appends the tokens of text[start..end) to s->toks. The markup the
 * extractor skips (Markdown emphasis, link targets, heading hashes,
 * bullets) is no token, as the checker does not read it: "**EUR 1,000**"
 * and "EUR 1,000" are the same words, and "re**new**al" is "renewal"; a
 * character reference is its character ("&amp;" is "&"). The marks of a
 * redline ("~~", <del>, <ins>) are tokens: striking a clause through is a
 * change.
 */
static int tokenize(clint_dside *s, const char *text, size_t start, size_t end)
{
	size_t i = start;
	int rc = CLINT_OK;

	while (i < end) {
		uint32_t cp;
		size_t n = clint_doc_char(s->doc, i, end, &cp);
		clint_dtoken *t;
		unsigned mark = cp == CLINT_CP_MARKUP ? redline_mark(text, i, i + n)
		                                      : 0;

		if ((cp == CLINT_CP_MARKUP && !mark) || space_cp(cp)) {
			i += n;
			continue;
		}
		if (s->ntok >= CLINT_DIFF_MAX_TOKENS)
			return CLINT_ELIMIT;
		TRY(ARRAY_PUSH(s->toks, s->ntok, s->tokcap));
		t = &s->toks[s->ntok++];
		t->start = i;
		t->hash = t->fold = FNV32_OFFSET;
		t->word = !mark && word_cp(cp);
		t->mark = mark != 0;
		if (mark) {
			t->hash = t->fold = fnv32(FNV32_OFFSET, &mark, sizeof(mark));
			i += n;
		} else {
			hash_cp(t, cp);
			i += n;
		}
		while (t->word && i < end) {
			n = clint_doc_char(s->doc, i, end, &cp);
			if (cp == CLINT_CP_MARKUP) {
				/* markup inside a word: the word goes on after it */
				size_t m = i;
				while (m < end && cp == CLINT_CP_MARKUP &&
				       !redline_mark(text, m, m + n)) {
					m += n;
					n = clint_doc_char(s->doc, m, end, &cp);
				}
				if (m >= end || cp == CLINT_CP_MARKUP || !word_cp(cp))
					break;
				i = m;
			}
			if (!word_cp(cp))
				break;
			hash_cp(t, cp);
			i += n;
		}
		t->end = i;
	}
done:
	return rc;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* Folded hash of a heading's words, 0 when it has none. */
static uint32_t heading_hash(const char *h)
{
	uint32_t v = FNV32_OFFSET;
	int any = 0;

	for (; *h; h++) {
		unsigned char c = (unsigned char)*h;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
			v ^= c;
			v *= 16777619u;
			any = 1;
		} else if (any) {
			v ^= ' ';
			v *= 16777619u;
		}
	}
	return any ? (v ? v : 1) : 0;
}

/* Adds the unit text[start..end) of section `sec` (or NONE), unless a
 * unit outside the sections has no word (white space only). */
static int add_unit(clint_dside *s, size_t sec, size_t start, size_t end,
                    const char *number, const char *heading, int notes)
{
	const char *text = clint_doc_text(s->doc, NULL);
	size_t body = start, k, w = 0;
	clint_dunit *u;
	int rc = CLINT_OK;

	/* the body starts after the number, when the heading line shows it */
	if (number && *number) {
		size_t nl = strlen(number), lim = start + 80 < end ? start + 80 : end;
		size_t i;
		for (i = start; i + nl <= lim; i++) {
			if (memcmp(text + i, number, nl) == 0) {
				body = i + nl;
				if (body < end && (text[body] == '.' || text[body] == ')'))
					body++;
				break;
			}
			if (text[i] == '\n')
				break;
		}
	}
	TRY(ARRAY_PUSH(s->units, s->count, s->cap));
	u = &s->units[s->count];
	memset(u, 0, sizeof(*u));
	u->section = sec;
	u->notes = notes;
	u->start = start;
	u->end = end;
	u->number = number ? number : "";
	u->heading_fold = heading ? heading_hash(heading) : 0;
	u->partner = NONE;
	u->tok = s->ntok;
	TRY(tokenize(s, text, body, end));
	u->ntok = s->ntok - u->tok;
	u->body_hash = FNV32_OFFSET;
	for (k = 0; k < u->ntok; k++)
		u->body_hash = fnv32(u->body_hash, &s->toks[u->tok + k].hash, 4);
	if (u->ntok) {
		u->bag = malloc(u->ntok * sizeof(*u->bag));
		if (!u->bag) {
			rc = CLINT_ENOMEM;
			goto done;
		}
		for (k = 0; k < u->ntok; k++)
			if (s->toks[u->tok + k].word)
				u->bag[w++] = s->toks[u->tok + k].fold;
		u->nbag = w;
		if (w > 1)
			qsort(u->bag, w, sizeof(*u->bag), cmp_u32);
	}
	if (sec == NONE && u->ntok == 0)
		free(u->bag); /* no words: no preamble, no notes */
	else
		s->count++;
done:
	return rc;
}

int clint_dside_build(clint_dside *s, const clint_doc *doc)
{
	size_t n = clint_doc_section_count(doc), i, len, notes;
	clint_section sec, next;
	int rc = CLINT_OK;

	memset(s, 0, sizeof(*s));
	s->doc = doc;
	clint_doc_text(doc, &len);
	notes = clint_doc_notes_start(doc);
	if (n == 0) {
		TRY(add_unit(s, NONE, 0, notes, "", "", 0));
	} else {
		TRY(clint_doc_section(doc, 0, &sec));
		if (sec.start > 0)
			TRY(add_unit(s, NONE, 0, sec.start, "", "", 0));
	}
	for (i = 0; i < n; i++) {
		size_t end;
		TRY(clint_doc_section(doc, i, &sec));
		end = sec.end;
		if (i + 1 < n) {
			TRY(clint_doc_section(doc, i + 1, &next));
			if (next.start < end)
				end = next.start;
		}
		if (end < sec.start)
			end = sec.start;
		TRY(add_unit(s, i, sec.start, end, sec.number, sec.heading, 0));
	}
	/* the notes, headers and footers after the body: a unit of their
	 * own, which pairs only with the other side's */
	if (notes < len)
		TRY(add_unit(s, NONE, notes, len, "", "", 1));
done:
	return rc;
}

void clint_dside_free(clint_dside *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		free(s->units[i].bag);
	free(s->units);
	free(s->toks);
	memset(s, 0, sizeof(*s));
}

/* The words of bag s found in bag l, each word of l used once, as the
 * merge in clint_dunit_similarity() counts them: for a bag much smaller
 * than the other, a binary search for each of its words from where the
 * last one was found. A small unit under the same heading is compared
 * whatever its size (score()): with the merge, 16,000 small sections
 * against one of 4 million words took 44 s. */
static size_t common_by_search(const clint_dunit *s, const clint_dunit *l)
{
	size_t i, j = 0, common = 0;

	for (i = 0; i < s->nbag && j < l->nbag; i++) {
		size_t lo = j, hi = l->nbag;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (l->bag[mid] < s->bag[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < l->nbag && l->bag[lo] == s->bag[i]) {
			common++;
			lo++;
		}
		j = lo;
	}
	return common;
}

double clint_dunit_similarity(const clint_dunit *x, const clint_dunit *y)
{
	size_t i = 0, j = 0, common = 0;

	if (x->nbag + y->nbag == 0)
		return 1.0;
	if (x->nbag * 16 < y->nbag || y->nbag * 16 < x->nbag) {
		common = x->nbag < y->nbag ? common_by_search(x, y)
		                           : common_by_search(y, x);
		return 2.0 * (double)common / (double)(x->nbag + y->nbag);
	}
	while (i < x->nbag && j < y->nbag) {
		if (x->bag[i] == y->bag[j]) {
			common++;
			i++;
			j++;
		} else if (x->bag[i] < y->bag[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)common / (double)(x->nbag + y->nbag);
}

static int same_tokens(const clint_dside *a, const clint_dunit *x,
                       const clint_dside *b, const clint_dunit *y)
{
	size_t k;

	if (x->ntok != y->ntok || x->body_hash != y->body_hash)
		return 0;
	for (k = 0; k < x->ntok; k++)
		if (a->toks[x->tok + k].hash != b->toks[y->tok + k].hash)
			return 0;
	return 1;
}

static void pair(clint_diff *d, size_t i, size_t j, double sim)
{
	d->a.units[i].partner = j;
	d->b.units[j].partner = i;
	d->a.units[i].sim = sim;
	d->b.units[j].sim = sim;
}

typedef struct {
	uint32_t hash;
	size_t idx;
} hash_idx;

static int cmp_hash_idx(const void *x, const void *y)
{
	const hash_idx *a = x, *b = y;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The same-hash candidates of pass 1 tried for one unit: past them, a
 * unit is left to pass 2 (only crafted hash collisions get there). */
#define EQUAL_TRIES 64

/* The first entry at or after k whose unit is not paired yet: next[]
 * skips the paired ones (path halving), so that many units with the same
 * body are paired in linear time, not quadratic. */
static size_t next_free(size_t *next, size_t k)
{
	while (next[k] != k) {
		next[k] = next[next[k]];
		k = next[k];
	}
	return k;
}

/* Pass 1: units with equal bodies, in reading order. */
static int pass_equal(clint_diff *d)
{
	size_t nb = d->b.count, i, k;
	hash_idx *hb = malloc((nb ? nb : 1) * sizeof(*hb));
	size_t *next = malloc((nb + 1) * sizeof(*next));

	if (!hb || !next) {
		free(hb);
		free(next);
		return CLINT_ENOMEM;
	}
	for (k = 0; k < nb; k++) {
		hb[k].hash = d->b.units[k].body_hash;
		hb[k].idx = k;
	}
	for (k = 0; k <= nb; k++)
		next[k] = k;
	if (nb > 1)
		qsort(hb, nb, sizeof(*hb), cmp_hash_idx);
	for (i = 0; i < d->a.count; i++) {
		clint_dunit *x = &d->a.units[i];
		size_t lo = 0, hi = nb, tries = 0;
		if (x->partner != NONE)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (hb[mid].hash < x->body_hash)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = next_free(next, lo);
		     k < nb && hb[k].hash == x->body_hash && tries < EQUAL_TRIES;
		     k = next_free(next, k + 1), tries++) {
			clint_dunit *y = &d->b.units[hb[k].idx];
			if (y->partner != NONE ||
			    (x->section == NONE) != (y->section == NONE) ||
			    x->notes != y->notes)
				continue;
			if (same_tokens(&d->a, x, &d->b, y)) {
				pair(d, i, hb[k].idx, 1.0);
				next[k] = k + 1;
				break;
			}
		}
	}
	free(hb);
	free(next);
	return CLINT_OK;
}

typedef struct {
	double score, sim;
	size_t i, j;
} cand;

static int cmp_cand(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/* The score of pairing unmatched units x and y, or < 0 if they must not
 * be paired. Comparing their word bags costs their sizes: it is skipped
 * when the sizes alone rule the pair out. */
static double score(const clint_dunit *x, const clint_dunit *y, double *sim)
{
	int same_heading = x->heading_fold && x->heading_fold == y->heading_fold;
	int same_number = *x->number && strcmp(x->number, y->number) == 0;

	if ((x->section == NONE) != (y->section == NONE) || x->notes != y->notes)
		return -1;
	if (x->section != NONE && !(same_heading && x->nbag <= 8)) {
		/* Dice is at most 2 min / (x + y): below the lowest threshold
		   that could accept the pair, the bags need no comparing */
		double need = same_heading ? 0.2 : same_number ? 0.35 : 0.5;
		size_t lo = x->nbag < y->nbag ? x->nbag : y->nbag;
		if (x->nbag + y->nbag > 0 &&
		    2.0 * (double)lo < need * (double)(x->nbag + y->nbag))
			return -1;
	}
	*sim = clint_dunit_similarity(x, y);
	if (x->section == NONE)
		return 2.0 + *sim; /* the preambles (the notes) pair */
	if (*sim >= 0.5 || (same_heading && *sim >= 0.2) ||
	    (same_number && *sim >= 0.35) || (same_heading && x->nbag <= 8))
		return *sim + (same_heading ? 0.3 : 0) + (same_number ? 0.1 : 0);
	return -1;
}

/*
 * Pass 2: similar units, best first. Its work is bounded without a budget
 * that would leave the last sections out: at most CLINT_DIFF_MAX_PAIRS
 * pairs, and a pair is compared only when its bag sizes are within a
 * factor of 9 (score()), so each pair costs at most 10 times its smaller
 * bag, and each unit is in at most max(na, nb) or the window's pairs. For
 * n units of w words a side that is at most about 2 x 632 x n x w (the
 * words of the documents times the side of the pair cap): 632 x 632
 * sections of 800 different words, 4.4 MB a side, take 2.4 s. (A budget
 * here cut off the last sections of ordinary 100-page revisions.)
 */
static int pass_similar(clint_diff *d)
{
	size_t *ua = NULL, *ub = NULL, na = 0, nb = 0, i, j, nc = 0, cc = 0;
	cand *c = NULL;
	int rc = CLINT_OK;

	ua = malloc((d->a.count + 1) * sizeof(*ua));
	ub = malloc((d->b.count + 1) * sizeof(*ub));
	if (!ua || !ub) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < d->a.count; i++)
		if (d->a.units[i].partner == NONE)
			ua[na++] = i;
	for (j = 0; j < d->b.count; j++)
		if (d->b.units[j].partner == NONE)
			ub[nb++] = j;
	if (na == 0 || nb == 0)
		goto done;
	for (i = 0; i < na; i++) {
		size_t lo = 0, hi = nb;
		if (na * nb > CLINT_DIFF_MAX_PAIRS) {
			/* a window of the other side around the same position */
			size_t w = CLINT_DIFF_MAX_PAIRS / na / 2 + 1;
			size_t centre = (size_t)((double)i / (double)na * (double)nb);
			lo = centre > w ? centre - w : 0;
			hi = centre + w < nb ? centre + w : nb;
		}
		for (j = lo; j < hi; j++) {
			double sim, s = score(&d->a.units[ua[i]], &d->b.units[ub[j]], &sim);
			if (s < 0)
				continue;
			TRY(ARRAY_PUSH(c, nc, cc));
			c[nc].score = s;
			c[nc].sim = sim;
			c[nc].i = ua[i];
			c[nc].j = ub[j];
			nc++;
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof(*c), cmp_cand);
	for (i = 0; i < nc; i++)
		if (d->a.units[c[i].i].partner == NONE &&
		    d->b.units[c[i].j].partner == NONE)
			pair(d, c[i].i, c[i].j, c[i].sim);
done:
	free(ua);
	free(ub);
	free(c);
	return rc;
}

/*
 * Pass 3: marks in moved[i] (OLD unit i) the pairs outside the longest
 * increasing subsequence of NEW positions taken in OLD order.
 */
static int pass_moves(clint_diff *d, unsigned char *moved)
{
	size_t n = 0, i, len = 0;
	size_t *seq = NULL, *tails = NULL, *prev = NULL;
	int rc = CLINT_OK;

	seq = malloc((d->a.count + 1) * sizeof(*seq));
	tails = malloc((d->a.count + 1) * sizeof(*tails));
	prev = malloc((d->a.count + 1) * sizeof(*prev));
	if (!seq || !tails || !prev) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < d->a.count; i++)
		if (d->a.units[i].partner != NONE) {
			seq[n++] = i;
			moved[i] = 1;
		}
	/* patience: tails[k] = index into seq of the smallest tail of an
	   increasing run of length k+1 */
	for (i = 0; i < n; i++) {
		size_t v = d->a.units[seq[i]].partner, lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (d->a.units[seq[tails[mid]]].partner < v)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tails[lo - 1] : NONE;
		tails[lo] = i;
		if (lo == len)
			len++;
	}
	if (len) {
		size_t k = tails[len - 1];
		while (k != NONE) {
			moved[seq[k]] = 0;
			k = prev[k];
		}
	}
done:
	free(seq);
	free(tails);
	free(prev);
	return rc;
}

/* Appends one entry of the alignment, with its word diff. */
static int emit(clint_diff *d, size_t ia, size_t ib, int moved,
                clint_diag *diag)
{
	clint_diff_section *s;
	const clint_dunit *x = ia != NONE ? &d->a.units[ia] : NULL;
	const clint_dunit *y = ib != NONE ? &d->b.units[ib] : NULL;
	clint_dop *ops = NULL;
	size_t nops = 0;
	int rc = CLINT_OK;

	TRY(ARRAY_PUSH(d->sections, d->section_count, d->section_cap));
	TRY(ARRAY_PUSH(d->first_hunk, d->section_count, d->first_cap));
	s = &d->sections[d->section_count];
	memset(s, 0, sizeof(*s));
	d->first_hunk[d->section_count] = d->hunk_count;
	s->old_section = x ? x->section : CLINT_NO_SECTION;
	s->new_section = y ? y->section : CLINT_NO_SECTION;
	if (x) {
		s->old_start = x->start;
		s->old_end = x->end;
	}
	if (y) {
		s->new_start = y->start;
		s->new_end = y->end;
	}
	if (x && y) {
		s->similarity = x->sim;
		s->renumbered = strcmp(x->number, y->number) != 0;
		s->kind = moved ? CLINT_CHANGE_MOVED : CLINT_CHANGE_UNCHANGED;
		if (!same_tokens(&d->a, x, &d->b, y)) {
			int coarse = 0, all = 1;
			size_t count = 0, spent = 0;
			size_t bound = d->max_work < d->work_left ? d->max_work
			                                          : d->work_left;
			TRY(clint_word_diff(d->a.toks + x->tok, x->ntok,
			                    d->b.toks + y->tok, y->ntok, bound, &ops,
			                    &nops, &coarse, &spent));
			d->work_left -= spent < d->work_left ? spent : d->work_left;
			TRY(clint_diff_hunks(d, x, y, ops, nops, &count, &all));
			s->edited = 1;
			s->coarse = coarse;
			s->hunk_count = count;
			s->cosmetic = all;
			if (!moved)
				s->kind = CLINT_CHANGE_MODIFIED;
			if (coarse)
				clint_diag_add(diag, CLINT_DIAG_NOTE,
				               clint_doc_name(d->new_doc), 0, 0,
				               "%s: the word diff hit its bound (%zu and "
				               "%zu words%s); shown as one change",
				               clint_diff_label(d, 0, y->section, y->start),
				               x->ntok,
				               y->ntok,
				               bound < d->max_work
				                   ? "; the whole diff's work is spent"
				                   : "");
		} else {
			s->similarity = 1.0;
		}
	} else {
		s->kind = x ? CLINT_CHANGE_REMOVED : CLINT_CHANGE_ADDED;
	}
	d->section_count++;
done:
	free(ops);
	return rc;
}

int clint_diff_align(clint_diff *d, clint_diag *diag)
{
	unsigned char *moved = NULL, *done_a = NULL;
	size_t i, j, next_a = 0;
	int rc = CLINT_OK;

	/* 4 sections' bound, plus some per token of both revisions */
	d->work_left = d->max_work > SIZE_MAX / 8 ? SIZE_MAX / 2 : 4 * d->max_work;
	d->work_left += CLINT_DIFF_WORK_PER_TOKEN * (d->a.ntok + d->b.ntok);
	TRY(pass_equal(d));
	TRY(pass_similar(d));
	moved = calloc(d->a.count + 1, 1);
	done_a = calloc(d->a.count + 1, 1);
	if (!moved || !done_a) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	TRY(pass_moves(d, moved));
	for (j = 0; j < d->b.count; j++) {
		size_t p = d->b.units[j].partner;
		if (p != NONE && !moved[p]) {
			/* removed units that stood before p in OLD */
			for (; next_a < p; next_a++)
				if (d->a.units[next_a].partner == NONE && !done_a[next_a]) {
					TRY(emit(d, next_a, NONE, 0, diag));
					done_a[next_a] = 1;
				}
		}
		TRY(emit(d, p, j, p != NONE && moved[p], diag));
		if (p != NONE)
			done_a[p] = 1;
	}
	for (i = 0; i < d->a.count; i++)
		if (!done_a[i])
			TRY(emit(d, i, NONE, 0, diag));
done:
	free(moved);
	free(done_a);
	return rc;
}
