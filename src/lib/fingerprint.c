/*
 * fingerprint.c - content fingerprints of findings.
 *
 * A fingerprint must not change when unrelated text is edited, when the
 * finding moves, or when sections are renumbered, and must change when
 * the words that were flagged change. So it hashes what a reader would
 * call "the same finding": the rule, the heading of its section, and the
 * matched words with case, punctuation, quotes and spacing folded away.
 * The hash is 64-bit FNV-1a: cheap, stable across platforms and builds.
 */
#include <string.h>

#include "internal.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* Words being hashed: a separator is written before a word only. */
typedef struct {
	uint64_t h;
	int pending, any;
} fnv_words_state;

/*
 * Hashes one character of the words: ASCII letters lower-cased, every
 * run of characters that are neither letters nor digits (ASCII
 * punctuation, white space, typographic quotes and dashes) becomes one
 * separator, and separators at the ends are dropped. `c` is the ASCII
 * letter the matching view reads cp as (0 if none): the fullwidth and
 * mathematical forms, and look-alikes in a word it reads as Latin
 * (lookalike.c). Characters that show nothing and markup are skipped:
 * "addi<U+2066><U+2069>tional" is the word "additional". Other non-ASCII
 * letters are kept.
 */
static void fnv_char(fnv_words_state *st, uint32_t cp, char c)
{
	int word;

	if (cp == CLINT_CP_MARKUP || clint_invisible(cp))
		return;
	if (cp < 0x80)
		c = (char)cp;
	if (c)
		word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9');
	else
		/* general punctuation (quotes, dashes), NBSP, § */
		word = !(cp == 0xa0 || cp == 0xa7 || cp == 0xb6 ||
		         (cp >= 0x2000 && cp <= 0x206f));
	if (!word) {
		st->pending = st->any;
		return;
	}
	if (st->pending) {
		st->h = fnv(st->h, " ", 1);
		st->pending = 0;
	}
	if (c >= 'A' && c <= 'Z')
		c = (char)(c + ('a' - 'A'));
	if (c) {
		st->h = fnv(st->h, &c, 1);
	} else {
		char u[4];

		st->h = fnv(st->h, u, clint_utf8_encode(cp, u));
	}
	st->any = 1;
}

/* The ASCII letter the matching view reads text[i] (cp) as, or 0. */
static char view_ascii(const clint_doc *doc, size_t i, uint32_t cp)
{
	char c;

	if (cp < 0x80 || cp == CLINT_CP_MARKUP)
		return 0;
	if ((c = clint_ascii_form(cp)) != 0)
		return c;
	if ((c = clint_latin_lookalike(cp)) != 0 && clint_doc_fold_at(doc, i))
		return c;
	return 0;
}

/* Hashes the words of text[i..end) as the matching view reads them. */
static uint64_t fnv_text(uint64_t h, const clint_doc *doc, size_t i,
                         size_t end)
{
	fnv_words_state st = {h, 0, 0};
	uint32_t cp;
	size_t n;

	for (; (n = clint_doc_char(doc, i, end, &cp)) > 0; i += n)
		fnv_char(&st, cp, view_ascii(doc, i, cp));
	return st.h;
}

/* Hashes the words of a section heading, which the segmenter took from
 * the matching view: its look-alikes are already read as the text's. */
static uint64_t fnv_heading(uint64_t h, const char *s)
{
	fnv_words_state st = {h, 0, 0};
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len = strlen(s), n;
	uint32_t cp;

	for (; i < len; i += n) {
		if (!(n = clint_utf8_decode(p + i, len - i, &cp))) {
			cp = 0xFFFD;
			n = 1;
		}
		fnv_char(&st, cp, cp >= 0x80 ? clint_ascii_form(cp) : 0);
	}
	return st.h;
}

/* The fingerprint, with the section heading (`heading`) or without. */
static int fingerprint(const clint_result *res, const clint_finding *f,
                       int heading, char out[CLINT_FINGERPRINT_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	const clint_doc *doc;
	uint64_t h = FNV_OFFSET;
	int i;

	if (!res || !f || !out || !f->rule_id)
		return CLINT_EINVAL;
	h = fnv(h, f->rule_id, strlen(f->rule_id) + 1);
	if (f->has_location) {
		size_t len;
		clint_section sec;

		doc = clint_result_doc(res);
		(void)clint_doc_text(doc, &len);
		if (heading && f->section != CLINT_NO_SECTION &&
		    clint_doc_section(doc, f->section, &sec) == CLINT_OK)
			h = fnv_heading(h, sec.heading);
		h = fnv(h, "\n", 1);
		if (f->start <= f->end && f->end <= len)
			h = fnv_text(h, doc, f->start, f->end);
	}
	for (i = 15; i >= 0; i--) {
		out[i] = hex[h & 0xf];
		h >>= 4;
	}
	out[16] = '\0';
	return CLINT_OK;
}

int clint_finding_fingerprint(const clint_result *res, const clint_finding *f,
                              char out[CLINT_FINGERPRINT_SIZE])
{
	return fingerprint(res, f, 1, out);
}

int clint_finding_words_fingerprint(const clint_result *res,
                                    const clint_finding *f,
                                    char out[CLINT_FINGERPRINT_SIZE])
{
	return fingerprint(res, f, 0, out);
}
