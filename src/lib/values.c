/*
 * values.c - the values stage: finds amounts of money, percentages and
 * durations in a segmented document ("USD 1,000,000", "one million
 * dollars", "99.5 %", "thirty (30) days", "net 45", "within 24 hours",
 * "twelve months' fees") and records each with its section, so rules can
 * compare them with thresholds and reports can show them per clause.
 *
 * A hand-written scanner over the matching view: numbers are digits
 * (with thousands separators and decimals) or English number words, an
 * optional "(30)" after words overrides them, and the words around the
 * number decide what it measures.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "internal.h"

#define MAX_VALUES 100000

typedef struct {
	const char *word;
	double value;
	int kind;  /* 0 unit, 1 ten, 2 scale (hundred), 3 big scale */
} number_word;

static const number_word number_words[] = {
	{"zero", 0, 0},      {"one", 1, 0},         {"two", 2, 0},
	{"three", 3, 0},     {"four", 4, 0},        {"five", 5, 0},
	{"six", 6, 0},       {"seven", 7, 0},       {"eight", 8, 0},
	{"nine", 9, 0},      {"ten", 10, 0},        {"eleven", 11, 0},
	{"twelve", 12, 0},   {"thirteen", 13, 0},   {"fourteen", 14, 0},
	{"fifteen", 15, 0},  {"sixteen", 16, 0},    {"seventeen", 17, 0},
	{"eighteen", 18, 0}, {"nineteen", 19, 0},   {"twenty", 20, 1},
	{"thirty", 30, 1},   {"forty", 40, 1},      {"fifty", 50, 1},
	{"sixty", 60, 1},    {"seventy", 70, 1},    {"eighty", 80, 1},
	{"ninety", 90, 1},   {"hundred", 100, 2},   {"thousand", 1e3, 3},
	{"million", 1e6, 3}, {"billion", 1e9, 3},
};

/* The number words of each length (the longest is "seventeen"), built
 * once: a number word is a whole run of letters, so only the words of the
 * run's length are compared. */
#define NUMBER_WORD_MAX 9
#define NUMBER_WORDS_PER_LEN 8
static unsigned char words_of_len[NUMBER_WORD_MAX + 1][NUMBER_WORDS_PER_LEN];
static unsigned char words_of_len_count[NUMBER_WORD_MAX + 1];
/* Bit b - 'a' of number_pairs[a - 'a']: a number word starts "ab". */
static uint32_t number_pairs[26];
static pthread_once_t words_of_len_once = PTHREAD_ONCE_INIT;

static void index_number_words(void)
{
	size_t w, n;


	for (w = 0; w < ARRAY_LEN(number_words); w++) {
		const char *t = number_words[w].word;
		number_pairs[t[0] - 'a'] |= 1u << (t[1] - 'a');
		n = strlen(t);
		if (n <= NUMBER_WORD_MAX &&
		    words_of_len_count[n] < NUMBER_WORDS_PER_LEN)
			words_of_len[n][words_of_len_count[n]++] = (unsigned char)w;
	}
}

#define CUR(text, code) {text, sizeof(text) - 1, code}
static const struct {
	const char *text;   /* as written before or after the number */
	size_t len;         /* strlen(text) */
	const char *code;   /* ISO 4217 */
} currencies[] = {
	CUR("US$", "USD"), CUR("U.S.$", "USD"), CUR("$", "USD"),
	CUR("USD", "USD"), CUR("\xE2\x82\xAC", "EUR"), CUR("EUR", "EUR"),
	CUR("\xC2\xA3", "GBP"), CUR("GBP", "GBP"), CUR("CHF", "CHF"),
	CUR("\xC2\xA5", "JPY"), CUR("JPY", "JPY"), CUR("CAD", "CAD"),
	CUR("C$", "CAD"), CUR("AUD", "AUD"), CUR("A$", "AUD"),
	CUR("INR", "INR"), CUR("SEK", "SEK"), CUR("NOK", "NOK"),
	CUR("DKK", "DKK"), CUR("CNY", "CNY"), CUR("RMB", "CNY"),
	CUR("HKD", "HKD"), CUR("SGD", "SGD"), CUR("NZD", "NZD"),
	CUR("ZAR", "ZAR"), CUR("BRL", "BRL"), CUR("MXN", "MXN"),
	CUR("PLN", "PLN"),
};
#undef CUR

static const struct {
	const char *word;
	const char *code;
} currency_words[] = {
	{"dollars", "USD"}, {"dollar", "USD"}, {"euros", "EUR"}, {"euro", "EUR"},
	{"pounds sterling", "GBP"}, {"pounds", "GBP"}, {"sterling", "GBP"},
	{"swiss francs", "CHF"}, {"yen", "JPY"},
};

static const struct {
	const char *word;
	const char *unit;  /* normalised unit name */
	double days;       /* length of one unit in days */
} duration_units[] = {
	{"business days", "business days", 1.4},
	{"business day", "business days", 1.4},
	{"working days", "business days", 1.4},
	{"working day", "business days", 1.4},
	{"banking days", "business days", 1.4},
	{"calendar days", "days", 1},
	{"calendar day", "days", 1},
	{"days", "days", 1},
	{"day", "days", 1},
	{"weeks", "weeks", 7},
	{"week", "weeks", 7},
	{"calendar months", "months", 30.4375},
	{"months", "months", 30.4375},
	{"month", "months", 30.4375},
	{"years", "years", 365.25},
	{"year", "years", 365.25},
	{"hours", "hours", 1.0 / 24},
	{"hour", "hours", 1.0 / 24},
	{"hrs", "hours", 1.0 / 24},
	{"minutes", "minutes", 1.0 / 1440},
	{"minute", "minutes", 1.0 / 1440},
	{"mins", "minutes", 1.0 / 1440},
};

/* True if s[i..] starts with `w` (caseless) followed by a non-letter.
 * One pass over `w`, no strlen: most calls fail on the first letter. */
static int word_at_rest(const char *s, size_t i, size_t end, const char *w);

static inline int word_at(const char *s, size_t i, size_t end, const char *w)
{
	/* most calls fail on the first letter: decided here, without a call */
	if (i >= end || clint_tolower(s[i]) != clint_tolower(w[0]))
		return 0;
	return word_at_rest(s, i, end, w);
}

/* word_at() once the first letter matched. */
static int word_at_rest(const char *s, size_t i, size_t end, const char *w)
{
	size_t k;

	for (k = 1; w[k]; k++)
		if (i + k >= end || clint_tolower(s[i + k]) != clint_tolower(w[k]))
			return 0;
	return i + k == end || !clint_isalpha((unsigned char)s[i + k]);
}

static int is_word_char(unsigned char c)
{
	return clint_isword(c);
}

/* 1 if s[j] is `sep` and then three digits that no digit follows. */
static int group_at(const char *s, size_t j, size_t end, char sep)
{
	return j + 3 < end && s[j] == sep && clint_isdigit((unsigned char)s[j + 1]) &&
	       clint_isdigit((unsigned char)s[j + 2]) &&
	       clint_isdigit((unsigned char)s[j + 3]) &&
	       (j + 4 >= end || !clint_isdigit((unsigned char)s[j + 4]));
}

/* The three digits of a group at s[j] (after its separator). */
static double group_value(const char *s, size_t j)
{
	return (s[j + 1] - '0') * 100 + (s[j + 2] - '0') * 10 + (s[j + 3] - '0');
}

/* 1 if s[j] is a decimal comma: "," and one or two digits, then neither a
 * digit nor another comma ("12,5 %", "1.500,00"; not "1,000" nor
 * "10,20,30"). */
static int decimal_comma_at(const char *s, size_t j, size_t end)
{
	size_t k = j + 1;

	if (j >= end || s[j] != ',')
		return 0;
	while (k < end && k < j + 4 && clint_isdigit((unsigned char)s[k]))
		k++;
	return k > j + 1 && k <= j + 3 &&
	       (k >= end || (s[k] != ',' && !clint_isdigit((unsigned char)s[k])));
}

/* The length of ",-" or ",--" at s[j] (a whole amount: "EUR 12.500,-"),
 * or 0. */
static size_t whole_dash_at(const char *s, size_t j, size_t end)
{
	if (j + 1 >= end || s[j] != ',' || s[j + 1] != '-')
		return 0;
	return j + 2 < end && s[j + 2] == '-' ? 3 : 2;
}

static const char *currency_before(const char *s, size_t block_start,
                                   size_t i, size_t *start);

/*
 * Parses digits at s[i]: "1,000,000.50", "99.9", "30", and the European
 * forms "5.000.000", "1.500,00", "12.500,-", "12,5", "1'000'000". Returns the end or
 * i when there is no number. A number glued to letters ("A1", "3rd") or
 * to a section number pattern ("4.1.2") is not a quantity. "12.500" is
 * read as 12.5; when `alt` is given, it gets the other reading (12500)
 * of such a number, else the number.
 */
static size_t parse_digits(const char *s, size_t i, size_t end, double *out,
                           double *alt)
{
	size_t j = i, k;
	double v = 0, scale = 0.1, grouped = 0;
	int ambiguous = 0;

	/* a currency mark glued to it ("€1,000", "EUR1,000") is no word */
	if (i > 0 && (is_word_char((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
	              s[i - 1] == ',') && !currency_before(s, 0, i, &k))
		return i;
	while (j < end && clint_isdigit((unsigned char)s[j]))
		v = v * 10 + (s[j++] - '0');
	/* European groups: "5.000.000", "1.500,00", "1'000'000"; one group
	 * after a dot and no decimal comma ("12.500") reads as decimals */
	if (j - i <= 3 && j < end && (s[j] == '.' || s[j] == '\'')) {
		char sep = s[j];
		int groups = 0;
		for (k = j, grouped = v; group_at(s, k, end, sep); k += 4, groups++)
			grouped = grouped * 1000 + group_value(s, k);
		if (groups && (sep == '\'' || groups > 1 ||
		               decimal_comma_at(s, k, end) ||
		               whole_dash_at(s, k, end))) {
			v = grouped;
			j = k;
			if (decimal_comma_at(s, j, end))
				for (j++; j < end && clint_isdigit((unsigned char)s[j]); j++) {
					v += (s[j] - '0') * scale;
					scale /= 10;
				}
			else
				j += whole_dash_at(s, j, end);
			goto suffix;
		}
		ambiguous = groups == 1 && sep == '.' && v > 0;  /* not "0.125" */
	}
	/* thousands groups: ",000" */
	while (group_at(s, j, end, ',')) {
		v = v * 1000 + group_value(s, j);
		j += 4;
	}
	if (j + 1 < end && s[j] == '.' && clint_isdigit((unsigned char)s[j + 1])) {
		k = j + 1;
		while (k < end && clint_isdigit((unsigned char)s[k])) {
			v += (s[k] - '0') * scale;
			scale /= 10;
			k++;
		}
		/* "4.1.2" is a clause number */
		if (k + 1 < end && s[k] == '.' && clint_isdigit((unsigned char)s[k + 1]))
			return i;
		j = k;
	} else if (decimal_comma_at(s, j, end)) {
		/* "12,5 %", "1500,00" */
		for (j++; j < end && clint_isdigit((unsigned char)s[j]); j++) {
			v += (s[j] - '0') * scale;
			scale /= 10;
		}
	} else {
		j += whole_dash_at(s, j, end);  /* "EUR 100,-" */
	}
suffix:
	if (j < end && clint_isalpha((unsigned char)s[j]) &&
	    !(s[j] == 'm' || s[j] == 'k' || s[j] == 'b' || s[j] == 'M' ||
	      s[j] == 'K' || s[j] == 'B'))
		return i;
	*out = v;
	if (alt)
		*alt = ambiguous ? grouped : v;
	return j;
}

/* True if the n letters at s are `w` (n bytes, lower case), caseless. */
static int letters_are(const char *s, const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if ((s[k] | 0x20) != w[k])
			return 0;
	return 1;
}

/* True if a number word starts with the letters a, b (either case):
 * "th", "tw", "fo", ... A word that does not is not read further. */
static int number_pair(char a, char b)
{
	unsigned x = (unsigned)((unsigned char)a | 0x20) - 'a',
	         y = (unsigned)((unsigned char)b | 0x20) - 'a';

	return x < 26 && y < 26 && (number_pairs[x] >> y & 1u);
}

/* True if the run of letters at s[i..end) is a number word: what
 * parse_words() needs to read anything. Most words are not, and this
 * answers without parsing. */
static int number_word_start(const char *s, size_t i, size_t end)
{
	size_t n = 0, c;

	while (i + n < end && n <= NUMBER_WORD_MAX &&
	       clint_isalpha((unsigned char)s[i + n]))
		n++;
	if (n > NUMBER_WORD_MAX)
		return 0;
	for (c = 0; c < words_of_len_count[n]; c++)
		if (letters_are(s + i, number_words[words_of_len[n][c]].word, n))
			return 1;
	return 0;
}

/* Parses English number words at s[i]: "thirty", "one hundred and
 * twenty-five", "two million". Returns the end or i. */
static size_t parse_words(const char *s, size_t i, size_t end, double *out)
{
	double total = 0, group = 0;
	size_t j = i, last = i;
	int any = 0;

	if (i > 0 && is_word_char((unsigned char)s[i - 1]))
		return i;
	while (j < end) {
		size_t w, k, n = 0, c;
		int found = 0;

		/* the run of letters at j: only number words of its length */
		while (j + n < end && n <= NUMBER_WORD_MAX &&
		       clint_isalpha((unsigned char)s[j + n]))
			n++;
		for (c = 0; n <= NUMBER_WORD_MAX && c < words_of_len_count[n]; c++) {
			w = words_of_len[n][c];
			/* the run is n letters: equal letters make the word */
			if (!letters_are(s + j, number_words[w].word, n))
				continue;
			found = 1;
			switch (number_words[w].kind) {
			case 0:
			case 1:
				group += number_words[w].value;
				break;
			case 2:
				group = (group ? group : 1) * 100;
				break;
			default:
				total += (group ? group : 1) * number_words[w].value;
				group = 0;
				break;
			}
			j += n;
			break;
		}
		if (!found)
			break;
		any = 1;
		last = j;
		/* separators inside a number: "twenty-five", "twenty- five" (a
		 * line-end hyphen), "hundred and ten", "one million, seven
		 * hundred" (a comma after a scale word) */
		k = j;
		if (k + 1 < end && s[k] == ',' && s[k + 1] == ' ' && group == 0 &&
		    total > 0)
			k++;
		if (k < end && s[k] == '-')
			k++;
		if (k < end && s[k] == ' ')
			k++;
		if (word_at(s, k, end, "and"))
			k += 4;
		j = k;
	}
	if (!any)
		return i;
	*out = total + group;
	return last;
}

static size_t skip_space(const char *s, size_t i, size_t end)
{
	while (i < end && s[i] == ' ')
		i++;
	return i;
}

/* Currency written just before the number at `i`, or NULL. */
static const char *currency_before(const char *s, size_t block_start,
                                   size_t i, size_t *start)
{
	size_t w, n, j = i;

	if (j > block_start && s[j - 1] == ' ')
		j--;
	/* every currency mark ends in a letter, "$" or a byte >= 0x80 */
	if (j == block_start ||
	    !(clint_isupper((unsigned char)s[j - 1]) || s[j - 1] == '$' ||
	      (unsigned char)s[j - 1] >= 0x80))
		return NULL;
	for (w = 0; w < ARRAY_LEN(currencies); w++) {
		n = currencies[w].len;
		if (j - block_start >= n &&
		    s[j - 1] == currencies[w].text[n - 1] &&
		    memcmp(s + j - n, currencies[w].text, n) == 0 &&
		    (j - n == block_start || !clint_isalpha((unsigned char)s[j - n - 1]) ||
		     !clint_isalpha((unsigned char)currencies[w].text[0]))) {
			*start = j - n;
			return currencies[w].code;
		}
	}
	return NULL;
}

/* Currency written just after the number (ending at `i`), or NULL. */
static const char *currency_after(const char *s, size_t i, size_t end,
                                  size_t *stop)
{
	size_t w, j = skip_space(s, i, end);

	for (w = 0; w < ARRAY_LEN(currencies); w++) {
		if (clint_isalpha((unsigned char)currencies[w].text[0]) &&
		    word_at(s, j, end, currencies[w].text)) {
			*stop = j + strlen(currencies[w].text);
			return currencies[w].code;
		}
	}
	for (w = 0; w < ARRAY_LEN(currency_words); w++) {
		if (word_at(s, j, end, currency_words[w].word)) {
			*stop = j + strlen(currency_words[w].word);
			return currency_words[w].code;
		}
	}
	return NULL;
}

static int add_value(clint_doc *doc, clint_value_kind kind, double amount,
                     const char *currency, const char *unit, double days,
                     size_t ns, size_t ne)
{
	clint_ivalue *v;
	int rc;

	if (doc->value_count >= MAX_VALUES)
		return CLINT_OK;
	/* digits past what a double holds ("USD 1000...000", 309 digits or
	 * more, or scaled past it by "billion" or a duration's days) read as
	 * infinity: not an amount anything can use or print */
	if (!isfinite(amount) || !isfinite(days))
		return CLINT_OK;
	if ((rc = MEM_PUSH(&doc->mem, doc->values, doc->value_count,
	                   doc->value_cap)) < 0)
		return rc;
	v = &doc->values[doc->value_count++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->amount = amount;
	v->currency = currency ? currency : "";
	v->unit = unit ? unit : "";
	v->days = days;
	v->norm_start = ns;
	v->norm_end = ne;
	v->start = clint_doc_norm_to_text(doc, ns);
	v->end = clint_doc_norm_end_to_text(doc, ne);
	v->section = clint_doc_section_at(doc, v->start);
	return CLINT_OK;
}

/* True if amounts in currency `code` are written with dots between the
 * thousands ("EUR 2.500", "DKK 12.500", "BRL 1.500"): the currencies of
 * the countries that write them so. A dollar or a pound with three
 * decimals is a unit price ("$12.375 per share"). */
static int dot_grouping(const char *code)
{
	return strcmp(code, "EUR") == 0 || strcmp(code, "DKK") == 0 ||
	       strcmp(code, "NOK") == 0 || strcmp(code, "BRL") == 0;
}

/*
 * Classifies the number norm[ns..ne) with value `v` from its context and
 * records it. `grouped` is the other reading of a number with one group
 * after a dot ("2.500": 2500), else v: a sum in a currency whose writers
 * group thousands with dots (dot_grouping()) takes it, unless a scale
 * word follows ("EUR 2.500 million") or a per cent sign ("the EUR 2.500%
 * Notes" is a rate). "USD 12.375" a share and "EUR 0.095" a kWh keep
 * their decimals. Returns the offset where scanning continues.
 */
static size_t classify(clint_doc *doc, size_t bs, size_t be, size_t ns,
                       size_t ne, double v, double grouped, int *rc)
{
	const char *s = doc->norm;
	const char *cur;
	size_t j, w, cs, stop;
	double money;
	int scaled = 1;

	*rc = CLINT_OK;
	/* scale words and letters: "1.5 million", "$2m", "10k" */
	j = skip_space(s, ne, be);
	if (word_at(s, j, be, "million") || word_at(s, j, be, "mn") ||
	    word_at(s, ne, be, "m") || word_at(s, ne, be, "M")) {
		v *= 1e6;
		ne = word_at(s, j, be, "million") ? j + 7
		     : word_at(s, j, be, "mn")    ? j + 2
		                                  : ne + 1;
	} else if (word_at(s, j, be, "billion") || word_at(s, j, be, "bn")) {
		v *= 1e9;
		ne = j + (word_at(s, j, be, "billion") ? 7 : 2);
	} else if (word_at(s, j, be, "thousand") || word_at(s, ne, be, "k") ||
	           word_at(s, ne, be, "K")) {
		v *= 1e3;
		ne = word_at(s, j, be, "thousand") ? j + 8 : ne + 1;
	} else {
		scaled = 0;
	}
	/* money; "EUR 2.500%" is a rate */
	j = skip_space(s, ne, be);
	cur = j < be && s[j] == '%' ? NULL : currency_before(s, bs, ns, &cs);
	if (cur) {
		money = !scaled && dot_grouping(cur) ? grouped : v;
		*rc = add_value(doc, CLINT_VALUE_MONEY, money, cur, NULL, 0, cs, ne);
		return ne;
	}
	cur = currency_after(s, ne, be, &stop);
	if (cur) {
		money = !scaled && dot_grouping(cur) ? grouped : v;
		*rc = add_value(doc, CLINT_VALUE_MONEY, money, cur, NULL, 0, ns, stop);
		return stop;
	}
	/* percent */
	if (j < be && s[j] == '%') {
		*rc = add_value(doc, CLINT_VALUE_PERCENT, v, NULL, NULL, 0, ns, j + 1);
		return j + 1;
	}
	if (word_at(s, j, be, "percent") || word_at(s, j, be, "per cent") ||
	    word_at(s, j, be, "per centum") || word_at(s, j, be, "pct")) {
		stop = j + (word_at(s, j, be, "per centum") ? 10
		            : word_at(s, j, be, "per cent") ? 8
		            : word_at(s, j, be, "pct")      ? 3
		                                            : 7);
		*rc = add_value(doc, CLINT_VALUE_PERCENT, v, NULL, NULL, 0, ns, stop);
		return stop;
	}
	/* duration: "30 days", "twelve (12) months'", "24 hours" */
	for (w = 0; w < ARRAY_LEN(duration_units); w++) {
		if (word_at(s, j, be, duration_units[w].word)) {
			stop = j + strlen(duration_units[w].word);
			if (stop < be && s[stop] == '\'')
				stop++;
			*rc = add_value(doc, CLINT_VALUE_DURATION, v, NULL,
			                duration_units[w].unit, v * duration_units[w].days,
			                ns, stop);
			return stop;
		}
	}
	/* "net 30": payment terms in days */
	if (ns >= bs + 4 && clint_ascii_ieq(s + ns - 4, "net ", 4) &&
	    (ns == bs + 4 || !clint_isalpha((unsigned char)s[ns - 5]))) {
		*rc = add_value(doc, CLINT_VALUE_DURATION, v, NULL, "days", v, ns - 4,
		                ne);
		return ne;
	}
	return ne;
}

/* Whether two readings of a number are the same (what words-digits
 * tolerates). */
static int same_number(double a, double b)
{
	return a - b < 0.005 && a - b > -0.005;
}

/* True if the word s[b..e) is one of list[0..n). */
static int in_list(const char *s, size_t b, size_t e,
                   const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == e - b && word_at(s, b, e, list[i]))
			return 1;
	return 0;
}

/* True if the word s[b..e), or it without a plural "s" ("Sections",
 * "quarters"), is one of list[0..n). */
static int word_in(const char *s, size_t b, size_t e,
                   const char *const *list, size_t n)
{
	return in_list(s, b, e, list, n) ||
	       (e - b > 1 && clint_tolower(s[e - 1]) == 's' &&
	        in_list(s, b, e - 1, list, n));
}

/* True if the word before s[b] (after bs) names a part of a document:
 * "Section 4.2 of", "clause 3.1 of", "§ 5.1 of" number a clause, not a
 * fraction. */
static int clause_word_before(const char *s, size_t bs, size_t b)
{
	static const char *const abbrevs[] = {
		"art", "sec", "sect", "para", "cl", "sch", "sched", "no", "nr"};
	static const char *const words[] = {
		"section", "clause", "article", "paragraph", "schedule", "annex",
		"appendix", "exhibit", "part", "sub-clause", "subclause", "item",
		"rule", "regulation", "point"};
	const char *const *list = words;
	size_t e, n = ARRAY_LEN(words);

	while (b > bs && s[b - 1] == ' ')
		b--;
	/* "Art. 4.2 of", "No. 5.5 of"; a point after a whole word ends a
	 * sentence ("in the Schedule. 0.5 of one percent") */
	if (b > bs && s[b - 1] == '.') {
		b--;
		list = abbrevs;
		n = ARRAY_LEN(abbrevs);
	}
	if (b >= bs + 2 && (unsigned char)s[b - 2] == 0xC2 &&
	    (unsigned char)s[b - 1] == 0xA7)
		return 1; /* "§" */
	e = b;
	while (b > bs && (clint_isalpha((unsigned char)s[b - 1]) || s[b - 1] == '-'))
		b--;
	return word_in(s, b, e, list, n);
}

/* True if what ends at s[e] (exclusive, after bs) is the part of a
 * fraction before "of": an ordinal or a fraction word ("half",
 * "quarters", "sixteenth", "thirty-seconds") or a fraction in digits
 * ("1/16 of one percent", "(1/2) of", "0.5 of"). "Phase 2 of" and "(the
 * "Deposit") of" are not. */
static int fraction_word_before(const char *s, size_t bs, size_t e)
{
	static const char *const parts[] = {
		"half", "quarter", "third", "second", "fourth", "fifth",
		"sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
		"twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
		"seventeenth", "eighteenth", "nineteenth", "twentieth",
		"thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
		"eightieth", "ninetieth", "hundredth", "thousandth", "millionth",
		"billionth"};
	size_t b = e;
	int frac = 0;

	/* digits: "1/16", "(1/2)", "0.5", ".5" */
	while (b > bs && (clint_isdigit((unsigned char)s[b - 1]) || s[b - 1] == '/' ||
	                  s[b - 1] == '.' || s[b - 1] == '(' || s[b - 1] == ')')) {
		/* a leading point (".5") after no letter: "B.2" numbers */
		if ((s[b - 1] == '/' || s[b - 1] == '.') && b < e &&
		    clint_isdigit((unsigned char)s[b]) &&
		    (b - 1 > bs && clint_isdigit((unsigned char)s[b - 2])
		         ? 1
		         : s[b - 1] == '.' &&
		               (b - 1 == bs || !clint_isalnum((unsigned char)s[b - 2]))))
			frac = 1;
		b--;
	}
	if (b < e)
		return frac && !clause_word_before(s, bs, b);
	while (b > bs && clint_isalpha((unsigned char)s[b - 1]))
		b--;
	if (e - b == 6 && word_at(s, b, e, "halves"))
		return 1;
	return word_in(s, b, e, parts, ARRAY_LEN(parts));
}

/* True if the number words at s[ns] can be compared with a restatement in
 * digits: not part of a fraction ("one-quarter of one percent (0.25%)")
 * and not starting at a scale word ("... and One-Half Million Dollars").
 * "a period of thirty (45) days" is compared. */
static int words_comparable(const char *s, size_t bs, size_t ns)
{
	static const char *const scales[] = {"hundred", "thousand", "million",
	                                      "billion"};
	size_t i, end = ns + 16;

	if (!clint_isalpha((unsigned char)s[ns]))
		return 0;
	if (ns >= bs + 4 && clint_ascii_ieq(s + ns - 3, "of ", 3) &&
	    fraction_word_before(s, bs, ns - 4))
		return 0;
	for (i = 0; i < ARRAY_LEN(scales); i++)
		if (word_at(s, ns, end, scales[i]))
			return 0;
	if (ns >= bs + 2 && (s[ns - 1] == '-' || (s[ns - 1] == ' ' &&
	                                            s[ns - 2] == '-')))
		return 0; /* "one-half": a fraction */
	return 1;
}

/* The scale written at s[t] after the digits of a bracket, up to end:
 * "k", "m", "mn", "bn" glued or apart, "thousand", "million", "billion";
 * stores the factor and returns the offset past it, else t. */
static size_t scale_at(const char *s, size_t t, size_t end, double *scale)
{
	static const struct {
		const char *word;
		double factor;
	} scales[] = {
		{"k", 1e3}, {"thousand", 1e3}, {"m", 1e6}, {"mn", 1e6},
		{"million", 1e6}, {"bn", 1e9}, {"billion", 1e9}};
	size_t i, j = skip_space(s, t, end);

	*scale = 1;
	for (i = 0; i < ARRAY_LEN(scales); i++)
		if (word_at(s, j, end, scales[i].word)) {
			*scale = scales[i].factor;
			return j + strlen(scales[i].word);
		}
	return t;
}

/* True if only spaces, an apostrophe or a full stop stand in s[r..end)
 * ("45 days')", "15 per cent.)"). */
static int only_tail(const char *s, size_t r, size_t end)
{
	r = skip_space(s, r, end);
	if (r < end && (s[r] == '\'' || s[r] == '.'))
		r = skip_space(s, r + 1, end);
	return r == end;
}

/* True if s[r..end) says only that tax comes on top of the sum: "excl.
 * VAT", "plus VAT", "exclusive of sales tax" ("(EUR 15,000 excl. VAT)"
 * restates the sum). A sum with tax in it or net of it ("incl. VAT") is
 * another sum, as a conversion is. */
static int tax_tail(const char *s, size_t r, size_t end)
{
	static const char *const how[] = {
		"excl.", "excl", "excluding", "exclusive of", "ex.", "plus", "+"};
	static const char *const taxes[] = {
		"VAT", "GST", "HST", "sales tax", "sales taxes", "taxes", "tax",
		"MwSt.", "MwSt", "TVA", "IVA"};
	size_t i, n, t;

	r = skip_space(s, r, end);
	for (i = 0; i < ARRAY_LEN(how); i++) {
		n = strlen(how[i]);
		/* "+" is no word: word_at() wants a letter after a word */
		if (r + n <= end && (how[i][0] == '+' ? s[r] == '+'
		                                      : word_at(s, r, end, how[i])))
			break;
	}
	if (i == ARRAY_LEN(how))
		return 0;
	t = skip_space(s, r + n, end);
	for (i = 0; i < ARRAY_LEN(taxes); i++)
		if (word_at(s, t, end, taxes[i]) &&
		    only_tail(s, t + strlen(taxes[i]), end))
			return 1;
	return 0;
}

/*
 * Whether the bracket after value v, with its digits at s[q..qe) and
 * closing at s[close], restates v (what words-digits compares) rather
 * than converting it. Before the digits there may be v's currency and no
 * word in lower case ("(EUR 12.500)", "($10,000)", "(US $150,000)");
 * after them a sum may have a scale ("(EUR 1m)": *scale), then comes
 * nothing or v's unit: "%", "percent", "per cent." or "pct" for a rate,
 * the same unit for a duration ("(45 days')"), the currency for a sum
 * ("($4,950.00 U.S.)"). "one month (30 days)", "one percent (100 basis
 * points)", "one thousand euros (USD 1,100)" and "thirty minutes (30 m)"
 * are not restatements.
 */
static int bracket_restates(const char *s, const clint_ivalue *v,
                            size_t open, size_t q, size_t qe, size_t close,
                            double *scale)
{
	const char *cur;
	size_t r, cs, stop, w;

	*scale = 1;
	if (q > open) {
		cur = v->kind == CLINT_VALUE_MONEY ? currency_before(s, open, q, &cs)
		                                   : NULL;
		if (!cur || strcmp(cur, v->currency) != 0)
			return 0;
		/* only the currency: "(APPROX. EUR 1,500)" is an estimate */
		r = skip_space(s, open, cs);
		if (r < cs && s[cs] == '$' && strcmp(cur, "USD") == 0) {
			if (word_at(s, r, cs, "U.S."))
				r = skip_space(s, r + 4, cs);
			else if (word_at(s, r, cs, "US"))
				r = skip_space(s, r + 2, cs);
		}
		if (r != cs)
			return 0;
	}
	r = v->kind == CLINT_VALUE_MONEY ? scale_at(s, qe, close, scale) : qe;
	r = skip_space(s, r, close);
	if (r == close)
		return 1;
	switch (v->kind) {
	case CLINT_VALUE_PERCENT:
		if (s[r] == '%')
			return only_tail(s, r + 1, close);
		if (word_at(s, r, close, "percent") || word_at(s, r, close, "pct"))
			return only_tail(s, r + (clint_tolower(s[r + 1]) == 'c' ? 3 : 7),
			                 close);
		return word_at(s, r, close, "per cent") && only_tail(s, r + 8, close);
	case CLINT_VALUE_DURATION:
		for (w = 0; w < ARRAY_LEN(duration_units); w++)
			if (word_at(s, r, close, duration_units[w].word))
				return strcmp(duration_units[w].unit, v->unit) == 0 &&
				       only_tail(s, r + strlen(duration_units[w].word),
				                 close);
		return 0;
	case CLINT_VALUE_MONEY:
		if (tax_tail(s, r, close))
			return 1;
		if (strcmp(v->currency, "USD") == 0 &&
		    (word_at(s, r, close, "U.S.") || word_at(s, r, close, "US")))
			return 1;
		cur = currency_after(s, r, close, &stop);
		return cur && strcmp(cur, v->currency) == 0 &&
		       (only_tail(s, stop, close) || tax_tail(s, stop, close));
	}
	return 0;
}

/* The length of a currency mark of currencies[] at s[i] glued to a
 * digit after it ("€1,000", "EUR1,000"), else 0. */
static size_t glued_currency(const char *s, size_t i, size_t end)
{
	size_t w, n;

	for (w = 0; w < ARRAY_LEN(currencies); w++) {
		n = currencies[w].len;
		if (i + n < end && s[i] == currencies[w].text[0] &&
		    memcmp(s + i, currencies[w].text, n) == 0 &&
		    clint_isdigit((unsigned char)s[i + n]))
			return n;
	}
	return 0;
}

static int scan_block(clint_doc *doc, const clint_iblock *blk)
{
	const char *s = doc->norm;
	size_t i = blk->norm_start, be = blk->norm_end;
	int rc = CLINT_OK;

	while (i < be && rc == CLINT_OK) {
		double v = 0, d = 0, alt = 0, grouped = 0;
		size_t e, ns;
		unsigned cls;

		/* space and punctuation start nothing: to the next word */
		i = clint_scan_to(clint_ascii_class, CLINT_A_ALNUM | CLINT_A_HIGH, s, i, be);
		if (i >= be)
			break;
		/* a currency mark glued to its number: "€1,000", "EUR1,000" */
		if (!clint_isdigit((unsigned char)s[i]))
			i += glued_currency(s, i, be);
		e = ns = i;
		cls = CLINT_ACLASS(s[i]);
		if (!(cls & CLINT_A_ALNUM)) {
			/* a UTF-8 word: skipped whole below */
		} else if (cls & CLINT_A_DIGIT) {
			e = parse_digits(s, i, be, &v, &grouped);
		} else if (number_pair(s[i], s[i + 1]) && number_word_start(s, i, be)) {
			/* s[i + 1] is at most the NUL after the text */
			e = parse_words(s, i, be, &v);
			grouped = v;
		}
		if (e == i) {
			/* skip the rest of the word (s[i] is a word byte) */
			i = clint_scan_while(clint_ascii_class, CLINT_A_ALNUM | CLINT_A_HIGH,
			                     s, i, be);
			continue;
		}
		/* "thirty (30)": the digits state the number */
		int restated = 0;
		double written = v;
		{
			size_t j = skip_space(s, e, be), k;
			if (j < be && s[j] == '(' && j + 1 < be &&
			    clint_isdigit((unsigned char)s[j + 1])) {
				k = parse_digits(s, j + 1, be, &d, &alt);
				if (k > j + 1 && k < be && s[k] == ')') {
					/* "(30%)" and "($10,000)" keep their own marks */
					restated = words_comparable(s, blk->norm_start, ns);
					/* "twelve thousand (12.000)": the reading the
					 * words agree with */
					if (restated && same_number(written, alt))
						d = alt;
					v = grouped = d;
					e = k + 1;
				} else if (k > j + 1 && k < be &&
				           (s[k] == '%' || (k + 1 < be && s[k] == ' ' &&
				                            s[k + 1] == '%'))) {
					v = grouped = d;
				}
			}
		}
		{
			size_t before = doc->value_count;

			i = classify(doc, blk->norm_start, be, ns, e, v, grouped, &rc);
			if (rc == CLINT_OK && doc->value_count > before && restated) {
				clint_ivalue *last = &doc->values[doc->value_count - 1];
				last->restated = 1;
				last->written = written;
				last->digits = v;
			}
			/* "five per cent (5%)", "ten thousand dollars ($10,000)": the
			 * restatement in brackets belongs to the value */
			if (rc == CLINT_OK && doc->value_count > before) {
				size_t j = skip_space(s, i, be), k;
				if (j + 1 < be && s[j] == '(' &&
				    (clint_isdigit((unsigned char)s[j + 1]) || s[j + 1] == '$' ||
				     (unsigned char)s[j + 1] >= 0x80 ||
				     clint_isupper((unsigned char)s[j + 1]))) {
					for (k = j + 1; k < be && k - j < 32 && s[k] != ')' &&
					                s[k] != '(';
					     k++)
						;
					if (k < be && s[k] == ')' && k > j + 1) {
						clint_ivalue *last = &doc->values[doc->value_count - 1];
						size_t q = j + 1, qe;
						double dv = 0, scale = 1;

						/* words restated in digits: "ten percent (15%)",
						 * "One Hundred Thousand Dollars ($10,000)" */
						while (q < k && !clint_isdigit((unsigned char)s[q]))
							q++;
						qe = q < k ? parse_digits(s, q, k, &dv, &alt) : q;
						if (qe > q && !last->restated &&
						    words_comparable(s, blk->norm_start, ns) &&
						    bracket_restates(s, last, j + 1, q, qe, k,
						                     &scale)) {
							dv *= scale;
							alt *= scale;
							/* "twelve thousand five hundred euros (EUR
							 * 12.500)": the reading the words agree
							 * with; a sum of money takes the grouped
							 * one, as classify() does */
							if (same_number(last->amount, alt) ||
							    (last->kind == CLINT_VALUE_MONEY &&
							     scale == 1 && dot_grouping(last->currency)))
								dv = alt;
							last->restated = 1;
							last->written = last->amount;
							last->digits = dv;
						}
						last->norm_end = k + 1;
						last->end = clint_doc_norm_end_to_text(doc, k + 1);
						i = k + 1;
					}
				}
			}
		}
		if (i <= ns)
			i = ns + 1;
	}
	return rc;
}

int clint_extract_values(clint_doc *doc)
{
	size_t b;
	int rc = CLINT_OK;

	pthread_once(&words_of_len_once, index_number_words);
	for (b = 0; b < doc->block_count && rc == CLINT_OK; b++)
		rc = scan_block(doc, &doc->blocks[b]);
	return rc;
}

size_t clint_doc_value_count(const clint_doc *doc)
{
	return doc && clint_doc_analyse(doc) == CLINT_OK ? doc->value_count
	                                                       : 0;
}

int clint_doc_value(const clint_doc *doc, size_t i, clint_value *out)
{
	const clint_ivalue *v;

	if (!doc || !out || clint_doc_analyse(doc) < 0 ||
	    i >= doc->value_count)
		return CLINT_EINVAL;
	v = &doc->values[i];
	out->kind = v->kind;
	out->amount = v->amount;
	out->currency = v->currency;
	out->unit = v->unit;
	out->days = v->days;
	out->start = v->start;
	out->end = v->end;
	out->section = v->section;
	return CLINT_OK;
}

const char *clint_value_kind_name(clint_value_kind kind)
{
	switch (kind) {
	case CLINT_VALUE_MONEY: return "money";
	case CLINT_VALUE_PERCENT: return "percent";
	case CLINT_VALUE_DURATION: return "duration";
	default: return "unknown";
	}
}
