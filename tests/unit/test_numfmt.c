/*
 * test_numfmt.c - Excel number formats (src/lib/extract/numfmt.c): a
 * cell of an embedded workbook reads as Excel shows it, and a format the
 * reader does not read shows the number as General, never nothing.
 */
#include "unit.h"

#include "internal.h"
#include "extract/extract.h"

/* v in `code` (1900 dates unless date1904) must read `want`. */
static void check(double v, const char *code, int date1904, const char *want)
{
	clint_buf b = CLINT_BUF_INIT;

	assert_true(clint_buf_puts(&b, "<") >= 0);
	assert_int_equal(clint_numfmt_format(&b, v, code, date1904), CLINT_OK);
	assert_true(clint_buf_putc(&b, '\0') >= 0);
	if (strcmp(b.data + 1, want) != 0)
		fail_msg("%.17g in '%s': '%s', expected '%s'", v, code, b.data + 1,
		         want);
	clint_buf_free(&b);
}

static void test_general(void **state)
{
	(void)state;
	check(1500.5, "General", 0, "1500.5");
	check(0.1 + 0.2, "General", 0, "0.3");
	check(-45292, "General", 0, "-45292");
	check(1e21, "General", 0, "1E+21");
	check(1500.5, NULL, 0, "1500.5");
	check(1500.5, "", 0, "1500.5");
	check(7, "\"Qty \"General", 0, "Qty 7");
	check(7, "@", 0, "7");
}

static void test_numbers(void **state)
{
	(void)state;
	check(2.5, "0", 0, "3");          /* half away from zero */
	check(-2.5, "0", 0, "-3");
	check(1.005, "0.00", 0, "1.01");  /* on 15 digits, as Excel */
	check(1234567, "#,##0", 0, "1,234,567");
	check(1500, "#,##0.00", 0, "1,500.00");
	check(-1500, "#,##0.00", 0, "-1,500.00");
	check(999.999, "#,##0.00", 0, "1,000.00");
	check(0.05, "0%", 0, "5%");
	check(0.125, "0.00%", 0, "12.50%");
	check(0.5, "#.##", 0, ".5");
	check(0.5, "0.00", 0, "0.50");
	check(1.5, "0.0#", 0, "1.5");
	check(1.25, "0.0#", 0, "1.25");
	check(2, "0.###", 0, "2.");
	check(0, "#,##0", 0, "0");
	check(-0.001, "0.00", 0, "0.00");  /* no minus on zero */
	check(123456789, "000-00-0000", 0, "123-45-6789");
	check(5551234567, "(###) ###-####", 0, "(555) 123-4567");
	check(42, "00000", 0, "00042");
	check(1, "0,000", 0, "0,001");
	check(1500000, "#,##0,", 0, "1,500");
	check(1234567, "0.0,,\" M\"", 0, "1.2 M");
	check(5, "\"Fee: \"0", 0, "Fee: 5");
	check(1, "[Red]0.00", 0, "1.00");
	check(1, "[Color10]0.00", 0, "1.00");
	check(1500, "[$\xE2\x82\xAC-407] #,##0.00", 0, "\xE2\x82\xAC 1,500.00");
	check(1500, "#,##0.00 [$\xE2\x82\xAC-407]", 0, "1,500.00 \xE2\x82\xAC");
	check(1500, "\\\xC2\xA3#,##0", 0, "\xC2\xA3" "1,500");
	check(12345, "0.00E+00", 0, "1.23E+04");
	check(0.00012, "0.00E+00", 0, "1.20E-04");
	check(99999, "0.00E+00", 0, "1.00E+05");
	check(12345, "##0.0E+0", 0, "12.3E+3");
	check(0.5, "##0.0E+0", 0, "500.0E-3");
	check(1, "00.00E+00", 0, "01.00E+00");  /* steps by two */
	check(1234.5678, "00.00E+00", 0, "12.35E+02");
	check(0.5, "00.00E+00", 0, "50.00E-02");
	check(0, "0.00E+00", 0, "0.00E+00");
	/* no integer placeholder: the integer digits still show */
	check(12.5, ".00", 0, "12.50");
	check(-12.5, "$.00", 0, "-$12.50");
	check(0.5, ".00", 0, ".50");
	/* date letters among digits: a number, the letters as written */
	check(1.5, "0.0 h", 0, "1.5 h");
	/* past what a double holds once scaled: the cell's number */
	check(1e307, "0%", 0, "1E+307");
	check(5e-324, "0.0E+0", 0, "4.94065645841247E-324");
}

static void test_sections(void **state)
{
	(void)state;
	check(-5, "0;(0)", 0, "(5)");
	check(0, "0;(0);\"zero\"", 0, "zero");
	check(0, "0;-0;;@", 0, "");        /* zeros hidden */
	check(-1500, "#,##0.00_);\\(#,##0.00\\)", 0, "(1,500.00)");
	/* built-in currency and accounting formats (en-US) */
	check(1500, clint_numfmt_builtin(7), 0, "$1,500.00 ");
	check(-1500, clint_numfmt_builtin(7), 0, "($1,500.00)");
	check(1500, clint_numfmt_builtin(44), 0, " $ 1,500.00 ");
	check(0, clint_numfmt_builtin(44), 0, " $ -   ");
	check(-5, "*-0", 0, "-5");
	check(0.25, clint_numfmt_builtin(9), 0, "25%");
	/* a last section with @ is for text: not the negative or zero one
	 * (Excel writes "m/d/yyyy;@") */
	check(-1500, "#,##0.00;@", 0, "-1,500.00");
	check(0, "0.00;-0.00;@", 0, "0.00");
	check(-2, "0.00;(0.00);\"nil\";@", 0, "(2.00)");
	check(0, "0.00;(0.00);\"nil\";@", 0, "nil");
	check(45292, "[$-409]mmmm d, yyyy;@", 0, "January 1, 2024");
	assert_string_equal(clint_numfmt_builtin(1000), "General");
	assert_string_equal(clint_numfmt_builtin(30), "General");
}

static void test_dates(void **state)
{
	(void)state;
	check(45292, clint_numfmt_builtin(14), 0, "1/1/2024");
	check(45292, "yyyy-mm-dd", 0, "2024-01-01");
	check(45292, "d-mmm-yy", 0, "1-Jan-24");
	check(45292, "dddd, mmmm d, yyyy", 0, "Monday, January 1, 2024");
	check(45292, "ddd d mmmmm", 0, "Mon 1 J");
	check(45292.75, clint_numfmt_builtin(22), 0, "1/1/2024 18:00");
	check(0.75, "h:mm AM/PM", 0, "6:00 PM");
	check(0.25, "h:mm am/pm", 0, "6:00 am");
	check(0.75, "h A/P", 0, "6 P");
	check(0, "h:mm AM/PM", 0, "12:00 AM");
	check(0.5 + 1.0 / 86400, "hh:mm:ss", 0, "12:00:01");
	check(1.5, "[h]:mm", 0, "36:00");
	check(1.5, "[mm]", 0, "2160");
	check(1.26 / 86400, "mm:ss.0", 0, "00:01.3");
	check(1 - 0.4 / 86400, "hh:mm:ss", 0, "00:00:00");  /* next day */
	/* shown without seconds, a time is not rounded */
	check(45292.9999999, "yyyy-mm-dd hh:mm", 0, "2024-01-01 23:59");
	check(45292.9999999, "yyyy-mm-dd hh:mm:ss", 0, "2024-01-02 00:00:00");
	check(0.5678, "h:mm:ss", 0, "13:37:38");
	check(0.5678, "h:mm", 0, "13:37");
	/* the 1900 system counts a 29 February 1900 and a 0 January */
	check(59, "m/d/yyyy", 0, "2/28/1900");
	check(60, "m/d/yyyy", 0, "2/29/1900");
	check(61, "m/d/yyyy ddd", 0, "3/1/1900 Thu");
	check(1, "m/d/yyyy", 0, "1/1/1900");
	/* the system's long date and time: en-US */
	check(45292, "[$-F800]dddd\\, mmmm dd\\, yyyy", 0,
	      "Monday, January 1, 2024");
	check(0.75, "[$-f400]h:mm:ss\\ AM/PM", 0, "6:00:00 PM");
	check(1.5, "ss.00", 0, "00.00");
	/* the tag only where Excel writes it, not in a literal */
	check(1500, "0\" [$-F800]\"", 0, "1500 [$-F800]");
	check(0, "m/d/yyyy", 0, "1/0/1900");
	check(2958465, "yyyy-mm-dd", 0, "9999-12-31");
	/* the 1904 system */
	check(0, "m/d/yyyy", 1, "1/1/1904");
	check(43830, "m/d/yyyy dddd", 1, "1/1/2024 Monday");
	/* out of Excel's range (it shows ####): the number */
	check(-1, "m/d/yyyy", 0, "-1");
	check(3e6, "yyyy", 0, "3000000");
}

/* What is not read shows the number as General. */
static void test_not_read(void **state)
{
	char code[400];

	(void)state;
	check(150, "[>100]0.0;0", 0, "150");
	check(-150, "[<0]\"neg\"0;0", 0, "-150");
	check(1.5, "# ?/?", 0, "1.5");
	check(1.5, clint_numfmt_builtin(12), 0, "1.5");
	check(45292, "[$-411]ggge\"year\"", 0, "45292");
	check(45292, "B2yyyy", 0, "45292");
	check(7, "[DBNum1]0", 0, "7");
	check(7, "0[", 0, "7");
	check(7, "0;0;0;@;0", 0, "7");
	memset(code, '0', 300);
	code[300] = '\0';
	check(7, code, 0, "7");
	check(1e305, "#,##0", 0, "1E+305");
	/* forty decimals: thirty read, the rest zeros; a long exponent */
	check(0.5, "0.0000000000000000000000000000000000000000", 0,
	      "0.5000000000000000000000000000000000000000");
	check(1e-300, "0.0E+000", 0, "1.0E-300");
	/* quotes, escapes and fills left open at the end */
	check(7, "0\"abc", 0, "7abc");
	check(7, "0\\", 0, "7");
	check(7, "0_", 0, "7 ");
	check(7, "0*", 0, "7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_general),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_not_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
