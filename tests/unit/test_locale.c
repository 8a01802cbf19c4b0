/*
 * test_locale.c - the library's numbers are the C locale's whatever
 * LC_NUMERIC the program that links it set: in a German locale printf
 * writes 0,5 and strtod() stops at "0.5"'s point. Run where a comma
 * locale can be set: de_DE.UTF-8 from the system, or the one `make unit`
 * builds with localedef into BUILD/locale (LOCPATH); skipped without.
 */
#include "unit.h"

#include <libgen.h>
#include <locale.h>

#include "internal.h"
#include "extract/extract.h"

static char locpath[4096];

/* Sets a comma locale for numbers; false if there is none. */
static int comma_locale(void)
{
	static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8"};
	char s[16];
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && locpath[0])
			setenv("LOCPATH", locpath, 1);
		for (i = 0; i < ARRAY_LEN(names); i++) {
			if (!setlocale(LC_NUMERIC, names[i]))
				continue;
			snprintf(s, sizeof(s), "%.1f", 0.5);
			if (strcmp(s, "0,5") == 0)
				return 1;
		}
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	setlocale(LC_NUMERIC, "C");
	return 0;
}

static void test_printf_and_strtod(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	char s[32], *end;

	(void)state;
	assert_true(clint_buf_printf(&b, "%.15g %.3f", 0.5, 99.5) >= 0);
	assert_true(clint_buf_putc(&b, '\0') >= 0);
	assert_string_equal(b.data, "0.5 99.500");
	clint_buf_free(&b);
	clint_snprintf_c(s, sizeof(s), "%g", 1.25);
	assert_string_equal(s, "1.25");
	assert_true(clint_strtod_c("99.5", &end) == 99.5);
	assert_int_equal(*end, '\0');
	/* the caller's locale is as it was */
	snprintf(s, sizeof(s), "%.1f", 0.5);
	assert_string_equal(s, "0,5");
}

/* An embedded Excel cell's number, read and formatted. */
static void test_numbers_of_cells(void **state)
{
	clint_buf b = CLINT_BUF_INIT;

	(void)state;
	assert_int_equal(clint_numfmt_format(&b, 1500.5, "#,##0.00", 0), CLINT_OK);
	assert_int_equal(clint_numfmt_format(&b, 0.5, "General", 0), CLINT_OK);
	assert_int_equal(clint_numfmt_format(&b, 1234.5, "0.00E+00", 0),
	                 CLINT_OK);
	assert_true(clint_buf_putc(&b, '\0') >= 0);
	assert_string_equal(b.data, "1,500.500.51.23E+03");
	clint_buf_free(&b);
}

/* The outsourcing pack read from its file: its threshold "99.5" was not
 * a number, and the pack did not load; its examples pass. */
static void test_pack_threshold(void **state)
{
	static const char *const paths[] = {"clausepacks/outsourcing.xml"};
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *d = NULL;
	size_t passed = 0, failed = 0;

	(void)state;
	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = 1;
	o.jit = 0;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	if (clint_ruleset_load(&rs, &o, d) != CLINT_OK)
		unit_diag_dump(d);
	assert_non_null(rs);
	assert_int_equal(clint_ruleset_test(rs, NULL, d, &passed, &failed),
	                 CLINT_OK);
	assert_int_equal(failed, 0);
	assert_true(passed > 0);
	clint_ruleset_free(rs);
	clint_diag_free(d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printf_and_strtod),
		cmocka_unit_test(test_numbers_of_cells),
		cmocka_unit_test(test_pack_threshold),
	};
	char self[4096];

	/* BUILD/tests/test_locale: the locale `make unit` built is in
	 * BUILD/locale */
	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(locpath, sizeof(locpath), "%s/../locale", dirname(self));
	if (!comma_locale()) {
		printf("test_locale: no de_DE.UTF-8 locale (localedef and the "
		       "locales package): skipped\n");
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, teardown);
}
