/*
 * ascii.h - character classes of the analysis stages, from one table.
 *
 * The normalised text is UTF-8: only ASCII letters and digits matter to
 * the scanners, and every byte >= 0x80 is "other". These replace
 * <ctype.h> in the hot loops: no call, no locale (a program that calls
 * setlocale() gets the same findings), one load per test.
 */
#ifndef CLINT_ASCII_H
#define CLINT_ASCII_H

#include <stddef.h>
#include <string.h>

#define CLINT_A_UPPER 0x01 /* must stay 1: clint_tolower() shifts it */
#define CLINT_A_LOWER 0x02
#define CLINT_A_DIGIT 0x04
#define CLINT_A_SPACE 0x08 /* ' ', \t, \n, \v, \f, \r as isspace() */
#define CLINT_A_HIGH 0x10  /* a byte of a UTF-8 sequence (>= 0x80) */
#define CLINT_A_GRAPH 0x20 /* printable ASCII but the space: 0x21 - 0x7E */
#define CLINT_A_ALPHA (CLINT_A_UPPER | CLINT_A_LOWER)
#define CLINT_A_ALNUM (CLINT_A_ALPHA | CLINT_A_DIGIT)

#define CA_U CLINT_A_UPPER
#define CA_L CLINT_A_LOWER
#define CA_D CLINT_A_DIGIT
#define CA_S CLINT_A_SPACE
#define CA_H CLINT_A_HIGH
#define CA_G CLINT_A_GRAPH

static const unsigned char clint_ascii_class[256] = {
	/* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x08 */ 0, CA_S, CA_S, CA_S, CA_S, CA_S, 0, 0,
	/* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x18 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x20 */ CA_S, CA_G, CA_G, CA_G, CA_G, CA_G, CA_G, CA_G,
	/* 0x28 */ CA_G, CA_G, CA_G, CA_G, CA_G, CA_G, CA_G, CA_G,
	/* 0x30 */ CA_D|CA_G, CA_D|CA_G, CA_D|CA_G, CA_D|CA_G, CA_D|CA_G, CA_D|CA_G, CA_D|CA_G, CA_D|CA_G,
	/* 0x38 */ CA_D|CA_G, CA_D|CA_G, CA_G, CA_G, CA_G, CA_G, CA_G, CA_G,
	/* 0x40 */ CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G,
	/* 0x48 */ CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G,
	/* 0x50 */ CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_U|CA_G,
	/* 0x58 */ CA_U|CA_G, CA_U|CA_G, CA_U|CA_G, CA_G, CA_G, CA_G, CA_G, CA_G,
	/* 0x60 */ CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G,
	/* 0x68 */ CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G,
	/* 0x70 */ CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_L|CA_G,
	/* 0x78 */ CA_L|CA_G, CA_L|CA_G, CA_L|CA_G, CA_G, CA_G, CA_G, CA_G, 0,
	/* 0x80 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0x88 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0x90 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0x98 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xA0 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xA8 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xB0 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xB8 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xC0 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xC8 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xD0 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xD8 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xE0 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xE8 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xF0 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
	/* 0xF8 */ CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H, CA_H,
};

#undef CA_U
#undef CA_L
#undef CA_D
#undef CA_S
#undef CA_H
#undef CA_G

/* Each takes a byte value (char, unsigned char or int 0..255); a negative
 * char is read as its unsigned byte, as the (unsigned char) casts did. */
#define CLINT_ACLASS(c) (clint_ascii_class[(unsigned char)(c)])

static inline int clint_isalpha(int c) { return (CLINT_ACLASS(c) & CLINT_A_ALPHA) != 0; }
static inline int clint_isdigit(int c) { return (CLINT_ACLASS(c) & CLINT_A_DIGIT) != 0; }
static inline int clint_isalnum(int c) { return (CLINT_ACLASS(c) & CLINT_A_ALNUM) != 0; }
static inline int clint_isupper(int c) { return (CLINT_ACLASS(c) & CLINT_A_UPPER) != 0; }
static inline int clint_islower(int c) { return (CLINT_ACLASS(c) & CLINT_A_LOWER) != 0; }
static inline int clint_isspace(int c) { return (CLINT_ACLASS(c) & CLINT_A_SPACE) != 0; }
/* A letter, a digit or a byte of a UTF-8 sequence: part of a word. */
static inline int clint_isword(int c)
{
	return (CLINT_ACLASS(c) & (CLINT_A_ALNUM | CLINT_A_HIGH)) != 0;
}

/* ASCII tolower/toupper of a byte value: the result is in 0..255. */
static inline int clint_tolower(int c)
{
	/* CLINT_A_UPPER is 1: shifted to 0x20, the bit that makes it lower */
	return (unsigned char)c | ((CLINT_ACLASS(c) & CLINT_A_UPPER) << 5);
}

static inline int clint_toupper(int c)
{
	c = (unsigned char)c;
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* strncasecmp(a, b, n) == 0 for ASCII, without the call: most compares
 * here fail on the first or second byte. Stops at a NUL in either, as
 * strncasecmp does. */
static inline int clint_ascii_ieq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int x = clint_tolower(a[i]), y = clint_tolower(b[i]);
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
	return 1;
}

/* 1 if the n bytes at w are one of the `count` words of `list`, ASCII
 * case ignored. */
static inline int clint_ascii_word_in(const char *w, size_t n,
                                      const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && clint_ascii_ieq(w, list[i], n))
			return 1;
	return 0;
}

/* The first offset from i below n whose byte b has tbl[b] & mask, or n:
 * the scanners' "to the next interesting byte", four bytes a turn. */
static inline size_t clint_scan_to(const unsigned char *tbl, unsigned mask,
                                   const char *s, size_t i, size_t n)
{
	while (i + 4 <= n) {
		if (tbl[(unsigned char)s[i]] & mask)
			return i;
		if (tbl[(unsigned char)s[i + 1]] & mask)
			return i + 1;
		if (tbl[(unsigned char)s[i + 2]] & mask)
			return i + 2;
		if (tbl[(unsigned char)s[i + 3]] & mask)
			return i + 3;
		i += 4;
	}
	while (i < n && !(tbl[(unsigned char)s[i]] & mask))
		i++;
	return i;
}

/* The first offset from i below n whose byte b lacks tbl[b] & mask, or
 * n: clint_scan_to() for the end of a run. */
static inline size_t clint_scan_while(const unsigned char *tbl, unsigned mask,
                                      const char *s, size_t i, size_t n)
{
	while (i + 4 <= n) {
		if (!(tbl[(unsigned char)s[i]] & mask))
			return i;
		if (!(tbl[(unsigned char)s[i + 1]] & mask))
			return i + 1;
		if (!(tbl[(unsigned char)s[i + 2]] & mask))
			return i + 2;
		if (!(tbl[(unsigned char)s[i + 3]] & mask))
			return i + 3;
		i += 4;
	}
	while (i < n && (tbl[(unsigned char)s[i]] & mask))
		i++;
	return i;
}

/* Offset of the first byte `c` in s[from..lim), or lim. */
static inline size_t clint_next_byte(const char *s, size_t from, size_t lim,
                                     char c)
{
	const char *p;

	if (from >= lim)
		return lim;
	p = memchr(s + from, c, lim - from);
	return p ? (size_t)(p - s) : lim;
}

/* A word and its length, for word lists compared without strlen(). */
typedef struct {
	const char *w;
	size_t n; /* strlen(w) */
} clint_word;
#define CLINT_WORD(s) {s, sizeof(s) - 1}

#endif
