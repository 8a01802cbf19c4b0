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

/*
 * Hashes s[0..len) as words: ASCII letters lower-cased, every run of
 * characters that are neither letters nor digits (ASCII punctuation,
 * white space, typographic quotes and dashes) becomes one separator, and
 * separators at the ends are dropped. Characters that show nothing
 * (clint_invisible()) are skipped: "addi<U+2066><U+2069>tional" is the
 * word "additional"; the fullwidth and mathematical forms are ASCII, and
 * so are look-alike letters where the matching view reads them so
 * ("fееs" is "fees"). Other non-ASCII letters are kept. The words are
 * s[i..end); s[0..len) is their context, for the look-alikes.
 */
static uint64_t fnv_words(uint64_t h, const char *s, size_t len, size_t i,
                          size_t end)
{
	const unsigned char *p = (const unsigned char *)s;
	clint_word_scripts w = {.end = 0};
	clint_lookalike_run run = {0, 0};
	int pending = 0, any = 0, latin = 0;

	while (i < end) {
		uint32_t cp;
		size_t n = clint_utf8_decode(p + i, end - i, &cp);
		char c = 0;
		int word;

		if (n == 0) {
			cp = p[i];
			n = 1;
		}
		if (clint_invisible(cp)) {
			i += n;
			continue;
		}
		/* c: the ASCII character the matching view reads (normalize.c) */
		if (cp < 0x80)
			c = (char)cp;
		else if (!(c = clint_ascii_form(cp)) &&
		         clint_script(cp) != CLINT_SCRIPT_LATIN &&
		         clint_latin_lookalike(cp)) {
			if (i >= w.end) {
				clint_word_at(s, 0, len, i, &w);
				latin = clint_word_lookalike(s, 0, len, &w, &run);
			}
			if (latin)
				c = clint_latin_lookalike(cp);
		}
		if (c)
			word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			       (c >= '0' && c <= '9');
		else
			/* general punctuation (quotes, dashes), NBSP, § */
			word = !(cp == 0xa0 || cp == 0xa7 || cp == 0xb6 ||
			         (cp >= 0x2000 && cp <= 0x206f));
		if (!word) {
			pending = any;
			i += n;
			continue;
		}
		if (pending) {
			h = fnv(h, " ", 1);
			pending = 0;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + ('a' - 'A'));
		if (c)
			h = fnv(h, &c, 1);
		else
			h = fnv(h, p + i, n);
		any = 1;
		i += n;
	}
	return h;
}

int clint_finding_fingerprint(const clint_result *res, const clint_finding *f,
                              char out[CLINT_FINGERPRINT_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	const clint_doc *doc;
	uint64_t h = FNV_OFFSET;
	int i;

	if (!res || !f || !out || !f->rule_id)
		return CLINT_EINVAL;
	h = fnv(h, f->rule_id, strlen(f->rule_id) + 1);
	if (f->has_location) {
		const char *text;
		size_t len;
		clint_section sec;

		doc = clint_result_doc(res);
		text = clint_doc_text(doc, &len);
		if (f->section != CLINT_NO_SECTION &&
		    clint_doc_section(doc, f->section, &sec) == CLINT_OK)
			h = fnv_words(h, sec.heading, strlen(sec.heading), 0,
			              strlen(sec.heading));
		h = fnv(h, "\n", 1);
		if (f->start <= f->end && f->end <= len)
			h = fnv_words(h, text, len, f->start, f->end);
	}
	for (i = 15; i >= 0; i--) {
		out[i] = hex[h & 0xf];
		h >>= 4;
	}
	out[16] = '\0';
	return CLINT_OK;
}
