/*
 * test_ascii.c - the character classes and scanners of src/lib/ascii.h
 * against what they replace: <ctype.h> in the C locale, strncasecmp(),
 * memchr() and plain byte loops, over every byte value and over random
 * buffers at every start and length.
 */
#include "unit.h"

#include <ctype.h>
#include <strings.h>

#include "ascii.h"

/* Each class agrees with <ctype.h> (C locale) on all 256 byte values, and
 * a negative char reads as its unsigned byte. */
static void test_classes_match_ctype(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		char sc = (char)c;
		assert_int_equal(clint_isalpha(c), isalpha(c) != 0);
		assert_int_equal(clint_isdigit(c), isdigit(c) != 0);
		assert_int_equal(clint_isalnum(c), isalnum(c) != 0);
		assert_int_equal(clint_isupper(c), isupper(c) != 0);
		assert_int_equal(clint_islower(c), islower(c) != 0);
		assert_int_equal(clint_isspace(c), isspace(c) != 0);
		assert_int_equal(clint_tolower(c), tolower(c));
		assert_int_equal(clint_toupper(c), toupper(c));
		assert_int_equal(clint_isword(c), isalnum(c) != 0 || c >= 0x80);
		assert_int_equal((CLINT_ACLASS(c) & CLINT_A_GRAPH) != 0,
		                 c > 0x20 && c < 0x7F);
		assert_int_equal((CLINT_ACLASS(c) & CLINT_A_HIGH) != 0, c >= 0x80);
		/* the same answers from a (possibly negative) char */
		assert_int_equal(clint_isalpha(sc), isalpha(c) != 0);
		assert_int_equal(clint_tolower(sc), tolower(c));
	}
}

/* A small deterministic generator (xorshift) for the random buffers. */
static uint32_t next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Random bytes biased to the ones the scanners look for. */
static void fill(char *buf, size_t n, uint32_t *seed)
{
	static const char pick[] = "aAzZ 09.\"'[_T\xC3\xA9\n";
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t r = next_rand(seed);
		buf[i] = r & 1 ? pick[(r >> 1) % (sizeof(pick) - 1)] : (char)(r >> 8);
	}
	buf[n] = '\0';
}

/* clint_ascii_ieq(a, b, n) is strncasecmp(a, b, n) == 0, NULs included. */
static void test_ieq_matches_strncasecmp(void **state)
{
	uint32_t seed = 12345;
	char a[16], b[16];
	int k;

	(void)state;
	for (k = 0; k < 20000; k++) {
		size_t n = next_rand(&seed) % 12;
		fill(a, 12, &seed);
		memcpy(b, a, sizeof(a));
		/* mostly equal up to case, sometimes not */
		if (next_rand(&seed) % 2)
			b[next_rand(&seed) % 12] ^= 0x20;
		if (next_rand(&seed) % 4 == 0)
			b[next_rand(&seed) % 12] = (char)next_rand(&seed);
		if (next_rand(&seed) % 8 == 0)
			a[next_rand(&seed) % 12] = '\0';
		assert_int_equal(clint_ascii_ieq(a, b, n), strncasecmp(a, b, n) == 0);
	}
}

/* clint_scan_to / clint_scan_while / clint_next_byte against plain loops
 * from every start over buffers of every length up to 40. */
static void test_scanners_match_loops(void **state)
{
	static const unsigned masks[] = {CLINT_A_UPPER, CLINT_A_DIGIT | CLINT_A_UPPER,
	                                 CLINT_A_ALNUM | CLINT_A_HIGH, CLINT_A_GRAPH};
	uint32_t seed = 777;
	char buf[48];
	size_t n, i, m, want;
	int round;

	(void)state;
	for (round = 0; round < 200; round++) {
		for (n = 0; n <= 40; n++) {
			fill(buf, n, &seed);
			for (i = 0; i <= n + 1; i++) {
				for (m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
					for (want = i; want < n && !(CLINT_ACLASS(buf[want]) & masks[m]);
					     want++)
						;
					if (i > n)
						want = i;
					assert_int_equal(clint_scan_to(clint_ascii_class, masks[m], buf, i, n),
					                 want);
					for (want = i; want < n && (CLINT_ACLASS(buf[want]) & masks[m]);
					     want++)
						;
					if (i > n)
						want = i;
					assert_int_equal(
						clint_scan_while(clint_ascii_class, masks[m], buf, i, n), want);
				}
				if (i <= n) {
					const char *p = memchr(buf + i, ' ', n - i);
					assert_int_equal(clint_next_byte(buf, i, n, ' '),
					                 p ? (size_t)(p - buf) : n);
				}
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_match_ctype),
		cmocka_unit_test(test_ieq_matches_strncasecmp),
		cmocka_unit_test(test_scanners_match_loops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
