/*
 * test_values.c - the values stage (src/lib/values.c) through the public
 * API: scale words and letters ("1.5 million", "$2m", "10k", "3bn"),
 * percent spellings, restatements in brackets ("ten (10)", "five per cent
 * (5%)", "two million dollars ($2 million)"), and the argument checks.
 */
#include "unit.h"

/* Asserts value `i` of `doc`: kind, amount, currency and its text. */
static void assert_value(const clint_doc *doc, size_t i, clint_value_kind kind,
                         double amount, const char *currency, const char *text)
{
	clint_value v;

	if (i >= clint_doc_value_count(doc))
		fail_msg("value %zu of %zu wanted ('%s')", i,
		         clint_doc_value_count(doc), text);
	assert_int_equal(clint_doc_value(doc, i, &v), CLINT_OK);
	if (v.kind != kind || v.amount < amount - 1e-6 || v.amount > amount + 1e-6)
		fail_msg("value %zu '%s': kind %s amount %f, expected %s %f", i, text,
		         clint_value_kind_name(v.kind), v.amount,
		         clint_value_kind_name(kind), amount);
	assert_string_equal(v.currency, currency);
	unit_assert_slice(doc, v.start, v.end, text);
}

/* Every number word is recognised as a whole word, and only so. */
static void test_number_words(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("Within seventeen days. Within nineteen days. Within "
	                "ninety days. Within one hundred days. Within ten "
	                "thousand days. Within zero days. Within tenth days. "
	                "Within ones days. Within seventeen-five days.\n");
	assert_value(doc, 0, CLINT_VALUE_DURATION, 17, "", "seventeen days");
	assert_value(doc, 1, CLINT_VALUE_DURATION, 19, "", "nineteen days");
	assert_value(doc, 2, CLINT_VALUE_DURATION, 90, "", "ninety days");
	assert_value(doc, 3, CLINT_VALUE_DURATION, 100, "", "one hundred days");
	assert_value(doc, 4, CLINT_VALUE_DURATION, 10000, "", "ten thousand days");
	assert_value(doc, 5, CLINT_VALUE_DURATION, 0, "", "zero days");
	assert_value(doc, 6, CLINT_VALUE_DURATION, 22, "", "seventeen-five days");
	assert_int_equal(clint_doc_value_count(doc), 7);
	clint_doc_free(doc);
}

static void test_scales(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("The cap is USD 1.5 million in total.\n\n"
	                "A fee of $2m applies.\n\n"
	                "A fee of EUR 3 mn applies.\n\n"
	                "A bond of USD 4bn is held.\n\n"
	                "A bond of GBP 2 billion is held.\n\n"
	                "A deposit of $10k is paid.\n\n"
	                "A deposit of USD 7 thousand is paid.\n\n"
	                "A deposit of $8K is paid.\n");
	assert_value(doc, 0, CLINT_VALUE_MONEY, 1.5e6, "USD", "USD 1.5 million");
	assert_value(doc, 1, CLINT_VALUE_MONEY, 2e6, "USD", "$2m");
	assert_value(doc, 2, CLINT_VALUE_MONEY, 3e6, "EUR", "EUR 3 mn");
	assert_value(doc, 3, CLINT_VALUE_MONEY, 4e9, "USD", "USD 4bn");
	assert_value(doc, 4, CLINT_VALUE_MONEY, 2e9, "GBP", "GBP 2 billion");
	assert_value(doc, 5, CLINT_VALUE_MONEY, 1e4, "USD", "$10k");
	assert_value(doc, 6, CLINT_VALUE_MONEY, 7e3, "USD", "USD 7 thousand");
	assert_value(doc, 7, CLINT_VALUE_MONEY, 8e3, "USD", "$8K");
	assert_int_equal(clint_doc_value_count(doc), 8);
	clint_doc_free(doc);
}

static void test_percent_spellings(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("Interest of 4 percent applies.\n\n"
	                "Interest of 5 per cent applies.\n\n"
	                "Interest of 6 per centum applies.\n\n"
	                "Interest of 7 pct applies.\n\n"
	                "Interest of 8 % applies.\n");
	assert_value(doc, 0, CLINT_VALUE_PERCENT, 4, "", "4 percent");
	assert_value(doc, 1, CLINT_VALUE_PERCENT, 5, "", "5 per cent");
	assert_value(doc, 2, CLINT_VALUE_PERCENT, 6, "", "6 per centum");
	assert_value(doc, 3, CLINT_VALUE_PERCENT, 7, "", "7 pct");
	assert_value(doc, 4, CLINT_VALUE_PERCENT, 8, "", "8 %");
	assert_int_equal(clint_doc_value_count(doc), 5);
	clint_doc_free(doc);
}

static void test_restatements(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("Notice of thirty (30) days is required.\n\n"
	                "A credit of five per cent (5%) applies.\n\n"
	                "A credit of ten (10 %) applies.\n\n"
	                "A cap of two million dollars ($2 million) applies.\n\n"
	                "A cap of ten thousand dollars (USD 10,000) applies.\n");
	assert_value(doc, 0, CLINT_VALUE_DURATION, 30, "", "thirty (30) days");
	assert_value(doc, 1, CLINT_VALUE_PERCENT, 5, "", "five per cent (5%)");
	/* "ten (10 %)": the bare word is no value; the percentage in
	 * brackets is */
	assert_value(doc, 2, CLINT_VALUE_PERCENT, 10, "", "10 %");
	assert_value(doc, 3, CLINT_VALUE_MONEY, 2e6, "USD",
	             "two million dollars ($2 million)");
	assert_value(doc, 4, CLINT_VALUE_MONEY, 1e4, "USD",
	             "ten thousand dollars (USD 10,000)");
	assert_int_equal(clint_doc_value_count(doc), 5);
	clint_doc_free(doc);
}

/* Numbers written the European way: dots or apostrophes group the
 * thousands and a comma marks the decimals. A single dot group with no
 * decimal comma is ambiguous: a sum in euros (or another currency written
 * with dot groups) reads it as thousands ("EUR 2.500" is 2500) unless a
 * scale word or a per cent sign follows ("EUR 2.500 million", "the EUR
 * 2.500% Notes"); dollars, a whole part of 0 and anything else read it as
 * decimals ("$12.375" a share, "EUR 0.095" a kWh, "2.500 %"), unless
 * words beside it say otherwise. */
static void test_european_numbers(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("A fee of EUR 1.500,00 is due.\n\n"
	                "The cap is EUR 5.000.000 in total.\n\n"
	                "The cap is CHF 1'250'000 in total.\n\n"
	                "Interest of 12,5 % applies.\n\n"
	                "A fee of 1500,50 euros is due.\n\n"
	                "A fee of USD 1,500.50 is due.\n\n"
	                "A fee of EUR 2.500 is due.\n\n"
	                "A fee of twelve thousand five hundred euros (EUR 12.500) "
	                "is due.\n\n"
	                "Notice is twelve thousand (12.000) days.\n\n"
	                "See clause 4.1.2 and items 10,20,30 days.\n\n"
	                "A fee of EUR 1.000.000,5 is due.\n");
	assert_value(doc, 0, CLINT_VALUE_MONEY, 1500, "EUR", "EUR 1.500,00");
	assert_value(doc, 1, CLINT_VALUE_MONEY, 5e6, "EUR", "EUR 5.000.000");
	assert_value(doc, 2, CLINT_VALUE_MONEY, 1.25e6, "CHF", "CHF 1'250'000");
	assert_value(doc, 3, CLINT_VALUE_PERCENT, 12.5, "", "12,5 %");
	assert_value(doc, 4, CLINT_VALUE_MONEY, 1500.5, "EUR", "1500,50 euros");
	assert_value(doc, 5, CLINT_VALUE_MONEY, 1500.5, "USD", "USD 1,500.50");
	assert_value(doc, 6, CLINT_VALUE_MONEY, 2500, "EUR", "EUR 2.500");
	assert_value(doc, 7, CLINT_VALUE_MONEY, 12500, "EUR",
	             "twelve thousand five hundred euros (EUR 12.500)");
	assert_value(doc, 8, CLINT_VALUE_DURATION, 12000, "",
	             "twelve thousand (12.000) days");
	/* "4.1.2" is a clause number, and "10,20,30 days" a list, not 10.2
	 * days: no value */
	assert_value(doc, 9, CLINT_VALUE_MONEY, 1000000.5, "EUR",
	             "EUR 1.000.000,5");
	assert_int_equal(clint_doc_value_count(doc), 10);
	clint_doc_free(doc);
	/* "12.500,-" and "100,-": whole amounts */
	doc = unit_text("The cap is EUR 12.500,- a year.\n\n"
	                "A call-out costs EUR 100,- each.\n");
	assert_value(doc, 0, CLINT_VALUE_MONEY, 12500, "EUR", "EUR 12.500,-");
	assert_value(doc, 1, CLINT_VALUE_MONEY, 100, "EUR", "EUR 100,-");
	assert_int_equal(clint_doc_value_count(doc), 2);
	clint_doc_free(doc);
	/* one dot group: thousands in a sum of money, decimals elsewhere */
	doc = unit_text("A fee of 2.500 EUR is due.\n\n"
	                "The cap is EUR 2.500 million.\n\n"
	                "Interest of 2.500 % applies.\n\n"
	                "Notice is 2.500 days.\n\n"
	                "A fee of two thousand euros (EUR 2.500) is due.\n");
	assert_value(doc, 0, CLINT_VALUE_MONEY, 2500, "EUR", "2.500 EUR");
	assert_value(doc, 1, CLINT_VALUE_MONEY, 2.5e6, "EUR", "EUR 2.500 million");
	assert_value(doc, 2, CLINT_VALUE_PERCENT, 2.5, "", "2.500 %");
	assert_value(doc, 3, CLINT_VALUE_DURATION, 2.5, "", "2.500 days");
	assert_value(doc, 4, CLINT_VALUE_MONEY, 2000, "EUR",
	             "two thousand euros (EUR 2.500)");
	assert_int_equal(clint_doc_value_count(doc), 5);
	clint_doc_free(doc);
	doc = unit_text("A fee of USD 0.125 per transaction.\n\n"
	                "The price is $12.375 per share.\n\n"
	                "The price is EUR 0.095 per kWh.\n\n"
	                "The cap is EUR 2.500 bn.\n\n"
	                "The EUR 2.500% Notes are redeemed.\n\n"
	                "A fee of DKK 12.500 is due.\n");
	assert_value(doc, 0, CLINT_VALUE_MONEY, 0.125, "USD", "USD 0.125");
	assert_value(doc, 1, CLINT_VALUE_MONEY, 12.375, "USD", "$12.375");
	assert_value(doc, 2, CLINT_VALUE_MONEY, 0.095, "EUR", "EUR 0.095");
	assert_value(doc, 3, CLINT_VALUE_MONEY, 2.5e9, "EUR", "EUR 2.500 bn");
	assert_value(doc, 4, CLINT_VALUE_PERCENT, 2.5, "", "2.500%");
	assert_value(doc, 5, CLINT_VALUE_MONEY, 12500, "DKK", "DKK 12.500");
	assert_int_equal(clint_doc_value_count(doc), 6);
	clint_doc_free(doc);
	/* a currency mark glued to its number (no value was read at all) */
	doc = unit_text("The fee is \xE2\x82\xAC" "15.000 per year.\n\n"
	                "The cap is \xC2\xA3" "5,000.\n\n"
	                "The deposit is EUR1,000 and USD3,000.\n\n"
	                "Item XEUR1 and A1 are no sums.\n");
	assert_value(doc, 0, CLINT_VALUE_MONEY, 15000, "EUR",
	             "\xE2\x82\xAC" "15.000");
	assert_value(doc, 1, CLINT_VALUE_MONEY, 5000, "GBP", "\xC2\xA3" "5,000");
	assert_value(doc, 2, CLINT_VALUE_MONEY, 1000, "EUR", "EUR1,000");
	assert_value(doc, 3, CLINT_VALUE_MONEY, 3000, "USD", "USD3,000");
	assert_int_equal(clint_doc_value_count(doc), 4);
	clint_doc_free(doc);
}

static void test_arguments(void **state)
{
	clint_doc *doc = unit_text("A fee of USD 5.\n");
	clint_value v;

	(void)state;
	assert_int_equal(clint_doc_value_count(NULL), 0);
	assert_int_equal(clint_doc_value(NULL, 0, &v), CLINT_EINVAL);
	assert_int_equal(clint_doc_value(doc, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_value(doc, 1, &v), CLINT_EINVAL);
	assert_int_equal(clint_doc_value(doc, 0, &v), CLINT_OK);
	assert_string_equal(clint_value_kind_name(CLINT_VALUE_MONEY), "money");
	assert_string_equal(clint_value_kind_name(CLINT_VALUE_PERCENT), "percent");
	assert_string_equal(clint_value_kind_name(CLINT_VALUE_DURATION),
	                    "duration");
	assert_string_equal(clint_value_kind_name((clint_value_kind)42), "unknown");
	clint_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_scales),
		cmocka_unit_test(test_percent_spellings),
		cmocka_unit_test(test_restatements),
		cmocka_unit_test(test_european_numbers),
		cmocka_unit_test(test_arguments),
	};
	return cmocka_run_group_tests_name("values", tests, NULL, NULL);
}
