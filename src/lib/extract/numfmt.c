/*
 * numfmt.c - a number as an Excel number format shows it: what a reader
 * of a workbook embedded in a contract sees is "1/1/2024", "5%" and
 * "$1,500.00", where the cell stores 45292, 0.05 and 1500.
 *
 * Read of a format code ("#,##0.00;(#,##0.00)", "d-mmm-yy", "[h]:mm"):
 *   - sections for positive, negative and zero numbers (the negative one
 *     shows no sign of its own); an empty section shows nothing;
 *   - digit placeholders 0 # ?, the point, thousands separators and the
 *     commas that scale by 1000, percent, scientific E+ E- (its
 *     exponent a multiple of the integer placeholders: "##0.0E+0"),
 *     literals between placeholders filled as Excel fills them
 *     ("000-00-0000"); rounding half away from zero on the 15
 *     significant digits Excel keeps;
 *   - dates and times: y m d h s in their lengths, month and day names
 *     (English), AM/PM and A/P, elapsed [h] [m] [s], tenths to
 *     thousandths of a second (seconds rounded where they are shown,
 *     a time without them not); the 1900 date system with its leap day
 *     that never was (serial 60, 29 February 1900), or the 1904 one;
 *   - quoted and escaped literals, _x (a space), "* " (one space for
 *     the fill), colours, and [$€-407] currency (its symbol).
 * Built-in formats 14 and 22, which Excel shows in the reader's locale,
 * are read as en-US's (m/d/yyyy). What is not read - conditions
 * ([>100]), fractions (# ?/?), eras, other calendars, a date out of
 * Excel's range (it shows ####) - shows the number as General does
 * (15 significant digits), never nothing: the number is the contract's.
 * Checked against LibreOffice's rendering of 71 formats by 28 values:
 * the differences left are where it differs from Excel (serials before
 * 1 March 1900, rounding seconds and at the 15th digit, General's
 * exponent, the case of A/P). This is a reader of a small language,
 * written here: no library on Debian does it short of a spreadsheet's
 * (goffice, LibreOffice).
 */
#include <math.h>  /* isfinite(): a macro, no libm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "extract.h"

#define CODE_MAX 255    /* Excel's own bound on a format code */
#define DECIMALS_MAX 30 /* and on the decimals it shows */
#define TOKENS_MAX CODE_MAX
#define SERIAL_MAX 2958465.0  /* 31 December 9999 */

typedef enum {
	T_LIT,     /* text shown as it is: s[0..n) */
	T_DIGIT,   /* 0 # ?: c */
	T_POINT,
	T_COMMA,
	T_PERCENT,
	T_EXP,     /* E+ (c '+') or E- (c '-') */
	T_DATE,    /* y m d h s: c (lower case), n letters */
	T_AMPM,    /* AM/PM (n 5) or A/P (n 3) at s */
	T_ELAPSED, /* [h] [m] [s]: c, n letters */
	T_GENERAL  /* "General", or @ (a number's text is General) */
} tok_kind;

typedef struct {
	tok_kind kind;
	char c;
	const char *s;
	size_t n;
} tok;

typedef struct {
	tok t[TOKENS_MAX];
	size_t n;
	int date, digits, general;
	int text;  /* an @: a section for text */
} section;

/* The bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s, size_t left)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	size_t i;

	if (n > left)
		return 1;
	for (i = 1; i < n; i++)
		if (!clint_utf8_cont((unsigned char)s[i]))
			return 1;
	return n;
}

static int add(section *sec, tok_kind kind, char c, const char *s, size_t n)
{
	if (sec->n == TOKENS_MAX)
		return 0;
	sec->t[sec->n].kind = kind;
	sec->t[sec->n].c = c;
	sec->t[sec->n].s = s;
	sec->t[sec->n].n = n;
	sec->n++;
	return 1;
}

/* A run of letter `c` (any case) at s: its length. */
static size_t run_of(const char *s, size_t left, char c)
{
	size_t n = 0;

	while (n < left && clint_tolower(s[n]) == c)
		n++;
	return n;
}

static const char *const colours[] = {"black", "blue", "cyan", "green",
                                      "magenta", "red", "white", "yellow"};

/* What [...] of n bytes at s holds; false if it is not read (a
 * condition, a calendar, a locale's numerals). */
static int bracket(section *sec, const char *s, size_t n)
{
	size_t i, r;

	if (n > 0 && s[0] == '$') {  /* [$€-407]: the symbol */
		for (i = 1; i < n && s[i] != '-'; i++)
			;
		return add(sec, T_LIT, 0, s + 1, i - 1);
	}
	for (i = 0; i < sizeof(colours) / sizeof(*colours); i++)
		if (n == strlen(colours[i]) && strncasecmp(s, colours[i], n) == 0)
			return 1;
	if (n > 5 && strncasecmp(s, "color", 5) == 0) {
		for (i = 5; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		return i == n;
	}
	if (n > 0 && strchr("hms", clint_tolower(s[0])) && (r = run_of(s, n, clint_tolower(s[0]))) == n) {
		sec->date = 1;
		return add(sec, T_ELAPSED, (char)clint_tolower(s[0]), s, r);
	}
	return 0;
}

/* True if every digit placeholder of a date section follows a point
 * after its seconds ("ss.00"). */
static int subsecond_digits_only(const section *sec)
{
	size_t i;
	int after_s = 0, in_run = 0;

	for (i = 0; i < sec->n; i++) {
		const tok *t = &sec->t[i];

		if (t->kind == T_DIGIT) {
			if (!in_run)
				return 0;
			continue;
		}
		in_run = t->kind == T_POINT && after_s;
		if (t->kind == T_DATE || t->kind == T_ELAPSED)
			after_s = t->c == 's';
	}
	return 1;
}

/* Reads section s[0..n) into sec; false if it holds what is not read. */
static int tokenize(section *sec, const char *s, size_t n)
{
	size_t i = 0, k;

	memset(sec, 0, sizeof(*sec));
	while (i < n) {
		char c = s[i];
		char l = (char)clint_tolower(c);
		int ok = 1;

		if (c == '"') {
			for (k = i + 1; k < n && s[k] != '"'; k++)
				;
			ok = add(sec, T_LIT, 0, s + i + 1, k - i - 1);
			i = k < n ? k + 1 : n;
		} else if (c == '\\' || c == '_' || c == '*') {
			k = i + 1 < n ? char_len(s + i + 1, n - i - 1) : 0;
			/* "_x": the width of x, a space; "* ": the column filled
			 * with spaces, one here ("EUR 1,500.00", "EUR -" of an
			 * accounting format, not "EUR-"); another fill, none */
			if (c == '\\')
				ok = add(sec, T_LIT, 0, s + i + 1, k);
			else if (c == '_' || (k == 1 && s[i + 1] == ' '))
				ok = add(sec, T_LIT, 0, " ", 1);
			i += 1 + k;
		} else if (c == '[') {
			for (k = i + 1; k < n && s[k] != ']'; k++)
				;
			if (k == n)
				return 0;
			ok = bracket(sec, s + i + 1, k - i - 1);
			i = k + 1;
		} else if (c == '0' || c == '#' || c == '?') {
			sec->digits = 1;
			ok = add(sec, T_DIGIT, c, NULL, 0);
			i++;
		} else if (c == '.' || c == ',' || c == '%') {
			ok = add(sec, c == '.' ? T_POINT : c == ',' ? T_COMMA : T_PERCENT,
			         c, s + i, 1);
			i++;
		} else if (l == 'e' && i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-')) {
			ok = add(sec, T_EXP, s[i + 1], NULL, 0);
			i += 2;
		} else if (strchr("ymdhs", l)) {
			k = run_of(s + i, n - i, l);
			sec->date = 1;
			ok = add(sec, T_DATE, l, s + i, k);
			i += k;
		} else if (n - i >= 5 && strncasecmp(s + i, "am/pm", 5) == 0) {
			sec->date = 1;
			ok = add(sec, T_AMPM, 0, s + i, 5);
			i += 5;
		} else if (n - i >= 3 && strncasecmp(s + i, "a/p", 3) == 0) {
			sec->date = 1;
			ok = add(sec, T_AMPM, 0, s + i, 3);
			i += 3;
		} else if (n - i >= 7 && strncasecmp(s + i, "general", 7) == 0) {
			sec->general = 1;
			ok = add(sec, T_GENERAL, 0, NULL, 0);
			i += 7;
		} else if (c == '@') {
			sec->general = sec->text = 1;
			ok = add(sec, T_GENERAL, 0, NULL, 0);
			i++;
		} else if (l == 'e' || l == 'g' || l == 'b') {
			return 0;  /* eras, Buddhist and Hijri years */
		} else {
			k = char_len(s + i, n - i);
			ok = add(sec, T_LIT, 0, s + i, k);
			i += k;
		}
		if (!ok)
			return 0;
	}
	/* date letters among digits that are not a second's decimals
	 * ("0.0 h"): a number, the letters shown as written */
	if (sec->date && sec->digits && !subsecond_digits_only(sec)) {
		sec->date = 0;
		for (k = 0; k < sec->n; k++)
			if (sec->t[k].kind == T_DATE || sec->t[k].kind == T_AMPM ||
			    sec->t[k].kind == T_ELAPSED)
				sec->t[k].kind = T_LIT;
	}
	/* a fraction (# ?/?) is not read; in a date '/' is a literal */
	if (sec->digits && !sec->date)
		for (k = 0; k < sec->n; k++)
			if (sec->t[k].kind == T_LIT && sec->t[k].n == 1 && sec->t[k].s[0] == '/')
				return 0;
	return 1;
}

/* 10^e, exactly as strtod() reads it. */
static double p10(long e)
{
	char s[32];

	snprintf(s, sizeof(s), "1e%ld", e);
	return clint_strtod_c(s, NULL);
}

/* The power of ten of v's first significant digit (v > 0). */
static long decade(double v)
{
	char s[40], *e;

	clint_snprintf_c(s, sizeof(s), "%.14e", v);
	e = strchr(s, 'e');
	return e ? strtol(e + 1, NULL, 10) : 0;
}

/* Excel's General: up to 15 significant digits, E+ past them. */
static int put_general(clint_buf *out, double v)
{
	char s[64];
	char *e;

	clint_snprintf_c(s, sizeof(s), "%.15g", v);
	if ((e = strchr(s, 'e')) != NULL)
		*e = 'E';
	return clint_buf_puts(out, s);
}

/* ---- dates and times ---------------------------------------------------- */

static const char *const months[] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December"};
static const char *const days[] = {"Sunday",   "Monday", "Tuesday",
                                   "Wednesday", "Thursday", "Friday",
                                   "Saturday"};

/* The civil date of day z counted from 1970-01-01 (proleptic
 * Gregorian). */
static void civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Whether the 'm' at t[i] is minutes: after an hour, or before seconds
 * (with only literals between). */
static int is_minutes(const section *sec, size_t i)
{
	size_t k;

	if (sec->t[i].n > 2)
		return 0;
	for (k = i; k-- > 0;) {
		const tok *p = &sec->t[k];
		if ((p->kind == T_DATE || p->kind == T_ELAPSED))
			return p->c == 'h';
		if (p->kind != T_LIT && p->kind != T_COMMA && p->kind != T_POINT)
			break;
	}
	for (k = i + 1; k < sec->n; k++) {
		const tok *p = &sec->t[k];
		if (p->kind == T_DATE || p->kind == T_ELAPSED)
			return p->c == 's';
		if (p->kind != T_LIT && p->kind != T_COMMA && p->kind != T_POINT)
			break;
	}
	return 0;
}

static int put_num(clint_buf *out, long v, size_t width)
{
	return clint_buf_printf(out, "%0*ld", (int)(width > 2 ? 2 : width), v);
}

static int put_date(clint_buf *out, const section *sec, double v, int date1904)
{
	long scale = 1, day, secs, frac = 0;
	long long total;
	double part, u;
	int y, m, d, wd, h, mi, s, ampm = 0, decimals = 0, seconds = 0;
	int rc = CLINT_OK;
	size_t i, k;

	if (!(v >= 0 && v <= SERIAL_MAX))
		return put_general(out, v);
	for (i = 0; i < sec->n; i++) {
		const tok *t = &sec->t[i];

		if (t->kind == T_AMPM)
			ampm = 1;
		if ((t->kind == T_DATE || t->kind == T_ELAPSED) && t->c == 's')
			seconds = 1;
		if (t->kind == T_POINT && decimals == 0)
			for (k = i + 1; k < sec->n && sec->t[k].kind == T_DIGIT &&
			                decimals < 3; k++)
				decimals++;
	}
	for (i = 0; i < (size_t)decimals; i++)
		scale *= 10;
	/* the second it is in, and how far into it (as Excel: a time shown
	 * without seconds is not rounded, 23:59:59.6 is 23:59; with them it
	 * is rounded to what is shown, the next day's 00:00:00) */
	day = (long)v;
	part = (v - (double)day) * 86400.0;
	secs = (long)part;
	u = part - (double)secs;
	if (u > 0.9999) {  /* what is left of a whole second in binary */
		u = 0;
		secs++;
	}
	if (decimals) {
		frac = (long)(u * (double)scale + 0.5);
		if (frac == scale) {
			frac = 0;
			secs++;
		}
	} else if (seconds && u >= 0.5) {
		secs++;
	}
	if (secs >= 86400) {
		secs -= 86400;
		day++;
	}
	h = (int)(secs / 3600);
	mi = (int)(secs / 60 % 60);
	s = (int)(secs % 60);
	if (date1904) {
		civil(day - 24107, &y, &m, &d);
		wd = (int)((day + 5) % 7);
	} else {
		/* Excel counts a 29 February 1900, and 0 is 0 January */
		if (day == 60) {
			y = 1900, m = 2, d = 29;
		} else if (day == 0) {
			y = 1900, m = 1, d = 0;
		} else {
			civil(day - (day < 60 ? 25568 : 25569), &y, &m, &d);
		}
		wd = (int)((day + 6) % 7);
	}
	for (i = 0; i < sec->n && rc >= 0; i++) {
		const tok *t = &sec->t[i];

		switch (t->kind) {
		case T_DATE:
			if (t->c == 'y')
				rc = t->n <= 2 ? clint_buf_printf(out, "%02d", y % 100)
				               : clint_buf_printf(out, "%04d", y);
			else if (t->c == 'm' && is_minutes(sec, i))
				rc = put_num(out, mi, t->n);
			else if (t->c == 'm' && t->n <= 2)
				rc = put_num(out, m, t->n);
			else if (t->c == 'm')
				rc = t->n == 3 ? clint_buf_put(out, months[m - 1], 3)
				     : t->n == 4 ? clint_buf_puts(out, months[m - 1])
				                 : clint_buf_put(out, months[m - 1], 1);
			else if (t->c == 'd' && t->n <= 2)
				rc = put_num(out, d, t->n);
			else if (t->c == 'd')
				rc = t->n == 3 ? clint_buf_put(out, days[wd], 3)
				               : clint_buf_puts(out, days[wd]);
			else if (t->c == 'h')
				rc = put_num(out, ampm ? (h % 12 ? h % 12 : 12) : h, t->n);
			else
				rc = put_num(out, s, t->n);
			break;
		case T_ELAPSED:
			total = t->c == 'h' ? (long long)day * 24 + h
			        : t->c == 'm' ? ((long long)day * 24 + h) * 60 + mi
			                      : (((long long)day * 24 + h) * 60 + mi) * 60 + s;
			rc = clint_buf_printf(out, "%0*lld", (int)(t->n > 9 ? 9 : t->n),
			                      total);
			break;
		case T_AMPM:
			if (t->n == 5)
				rc = clint_buf_puts(out, h < 12 ? (t->s[0] == 'a' ? "am" : "AM")
				                                : (t->s[0] == 'a' ? "pm" : "PM"));
			else
				rc = clint_buf_putc(out, h < 12 ? t->s[0] : t->s[2]);
			break;
		case T_POINT:
			if (decimals && i + 1 < sec->n && sec->t[i + 1].kind == T_DIGIT) {
				rc = clint_buf_printf(out, ".%0*ld", decimals, frac);
				while (i + 1 < sec->n && sec->t[i + 1].kind == T_DIGIT)
					i++;
			} else {
				rc = clint_buf_putc(out, '.');
			}
			break;
		case T_GENERAL:
			rc = put_general(out, v);
			break;
		case T_DIGIT:
			rc = clint_buf_putc(out, t->c == '?' ? ' ' : t->c);
			break;
		case T_EXP:
			rc = clint_buf_printf(out, "E%c", t->c);
			break;
		default:  /* literals, and , % as written */
			rc = clint_buf_put(out, t->s, t->n);
		}
	}
	return rc;
}

/* ---- numbers ----------------------------------------------------------- */

/* Writes the placeholders and literals of t[from..to) filled with the
 * integer digits ds (the leftmost placeholder takes those left over),
 * a comma between thousands if `group`. */
static int put_int(clint_buf *out, const section *sec, size_t from, size_t to,
                   const char *ds, int group)
{
	size_t i, nd, left, take[TOKENS_MAX] = {0}, first = to, used = 0, k;
	size_t places = 0;
	char padded[TOKENS_MAX + 320];
	int zero = 0, rc = CLINT_OK;

	/* as many digits as placeholders from the first '0' on: "0,000"
	 * shows 1 as 0,001 */
	for (i = from; i < to; i++)
		if (sec->t[i].kind == T_DIGIT && (zero |= sec->t[i].c == '0'))
			places++;
	nd = strlen(ds);
	if (places > nd) {
		memset(padded, '0', places - nd);
		memcpy(padded + places - nd, ds, nd + 1);
		ds = padded;
		nd = places;
	}
	left = nd;

	for (i = to; i-- > from;) {
		if (sec->t[i].kind != T_DIGIT)
			continue;
		first = i;
		take[i] = left > 0;
		left -= take[i];
	}
	if (first < to)
		take[first] += left;
	for (i = from; i < to && rc >= 0; i++) {
		const tok *t = &sec->t[i];

		if (t->kind == T_LIT || t->kind == T_PERCENT) {
			rc = clint_buf_put(out, t->s, t->n);
		} else if (t->kind == T_DIGIT && take[i] == 0) {
			if (t->c != '#')
				rc = clint_buf_putc(out, t->c == '0' ? '0' : ' ');
		} else if (t->kind == T_DIGIT) {
			for (k = 0; k < take[i] && rc >= 0; k++, used++) {
				rc = clint_buf_putc(out, ds[used]);
				if (group && nd - used - 1 > 0 && (nd - used - 1) % 3 == 0)
					rc = rc < 0 ? rc : clint_buf_putc(out, ',');
			}
		}
	}
	/* no placeholder (".00", "$.00"): the digits are still shown,
	 * before the point */
	if (first == to && rc >= 0 && used < nd)
		rc = clint_buf_put(out, ds + used, nd - used);
	return rc;
}

/* The placeholders and literals of t[from..to) after the point, filled
 * with fraction digits ds: '#' drops a trailing zero, '?' shows a
 * space. */
static int put_frac(clint_buf *out, const section *sec, size_t from,
                    size_t to, const char *ds)
{
	size_t i, k = 0, last = 0, nd = strlen(ds);
	int rc = CLINT_OK;

	for (i = 0; i < nd; i++)
		if (ds[i] != '0')
			last = i + 1;
	for (i = from; i < to && rc >= 0; i++) {
		const tok *t = &sec->t[i];

		if (t->kind == T_LIT || t->kind == T_PERCENT)
			rc = clint_buf_put(out, t->s, t->n);
		else if (t->kind == T_DIGIT && k < last)
			rc = clint_buf_putc(out, ds[k++]);
		else if (t->kind == T_DIGIT && (k++, t->c != '#'))
			rc = clint_buf_putc(out, t->c == '0' ? '0' : ' ');
	}
	return rc;
}

/*
 * v >= 0 rounded to `decimals` places as Excel rounds: half away from
 * zero, on the 15 significant digits it keeps (1.005 shows as 1.01,
 * where printf's rounding of the binary value gives 1.00). Its integer
 * digits into ip ("" for zero), its decimals into fp; ip holds 310
 * bytes, fp DECIMALS_MAX + 1.
 */
static void round_decimal(double v, size_t decimals, char *ip, char *fp)
{
	char s[32], dg[17];
	int e, keep, i, n = 0;
	size_t k = 0;

	ip[0] = fp[0] = '\0';
	clint_snprintf_c(s, sizeof(s), "%.14e", v);  /* d.dddddddddddddde+XX */
	for (i = 0; s[i] && s[i] != 'e'; i++)
		if (s[i] >= '0' && s[i] <= '9')
			dg[n++] = s[i];
	dg[n] = '\0';
	e = s[i] ? atoi(s + i + 1) : 0;  /* dg[0] is at 10^e */
	if (v == 0)
		n = 0;
	keep = e + 1 + (int)decimals;
	if (keep < 0) {
		n = 0;
	} else if (keep < n) {
		int carry = dg[keep] >= '5';
		n = keep;
		for (i = keep - 1; i >= 0 && carry; i--) {
			carry = dg[i] == '9';
			dg[i] = carry ? '0' : (char)(dg[i] + 1);
		}
		if (carry) {  /* 9.99 to 10.0 */
			memmove(dg + 1, dg, (size_t)n);
			dg[0] = '1';
			n++;
			e++;
		}
	}
	/* digit i of dg stands at 10^(e - i) */
	for (i = e; i >= 0; i--)
		ip[k++] = e - i < n ? dg[e - i] : '0';
	ip[k] = '\0';
	for (k = 0; k < decimals; k++) {
		int at = e + 1 + (int)k;  /* the index of 10^-(k+1) */
		fp[k] = at >= 0 && at < n ? dg[at] : '0';
	}
	fp[decimals] = '\0';
	if (ip[0] == '\0' || strspn(ip, "0") == strlen(ip))
		ip[0] = '\0';
}

/* v (>= 0) in number section sec, '-' before it if neg; `cell` the
 * cell's own number, shown as General where v cannot be. */
static int put_number(clint_buf *out, const section *sec, double v, int neg,
                      double cell)
{
	size_t i, point = sec->n, exp = sec->n, last_int = sec->n, first_int = sec->n;
	size_t last = sec->n;
	size_t decimals = 0, int_places = 0, zeros = 0;
	int group = 0, rc;
	long e = 0, step = 1;
	char ip[310], fp[DECIMALS_MAX + 1];

	for (i = 0; i < sec->n; i++) {
		const tok *t = &sec->t[i];

		if (t->kind == T_PERCENT)
			v *= 100;
		else if (t->kind == T_POINT && point == sec->n && exp == sec->n)
			point = i;
		else if (t->kind == T_EXP && exp == sec->n)
			exp = i;
		else if (t->kind == T_DIGIT && point == sec->n && exp == sec->n) {
			if (first_int == sec->n)
				first_int = i;
			last_int = i;
			int_places++;
		} else if (t->kind == T_DIGIT && exp == sec->n) {
			decimals++;
		} else if (t->kind == T_DIGIT) {
			zeros += t->c == '0';
		}
	}
	/* commas: between integer placeholders they group thousands; after
	 * the number's last placeholder ("0,", "0.0,,") each scales by 1000 */
	for (i = 0; i < exp; i++)
		if (sec->t[i].kind == T_DIGIT)
			last = i;
	for (i = 0; i < exp; i++) {
		if (sec->t[i].kind != T_COMMA)
			continue;
		if (first_int < i && i < last_int)
			group = 1;
		else if (last < sec->n && i > last)
			v /= 1000;
	}
	if (decimals > DECIMALS_MAX)
		decimals = DECIMALS_MAX;
	if (exp < sec->n && v != 0 && isfinite(v)) {
		/* the exponent steps by the integer placeholders: "##0.0E+0"
		 * by three (12.3E+3), "00.00E+00" by two (01.00E+00) */
		e = decade(v);
		if (int_places > 1) {
			step = (long)int_places;
			e = (e >= 0 ? e / step : -((-e + step - 1) / step)) * step;
		}
		v /= p10(e);
		round_decimal(v, decimals, ip, fp);
		if (strlen(ip) > (size_t)step) {  /* 9.99 to 10.0 */
			e += step;
			v /= p10(step);
		}
	}
	if (!isfinite(v) || v >= 1e300)
		return put_general(out, cell);
	round_decimal(v, decimals, ip, fp);
	/* no minus on what shows as zero */
	if (neg && (ip[0] || strspn(fp, "0") < strlen(fp)))
		if ((rc = clint_buf_putc(out, '-')) < 0)
			return rc;
	rc = put_int(out, sec, 0, point < exp ? point : exp, ip, group);
	if (rc >= 0 && point < exp) {
		rc = clint_buf_putc(out, '.');
		if (rc >= 0)
			rc = put_frac(out, sec, point + 1, exp, fp);
	}
	if (rc >= 0 && exp < sec->n) {
		char ed[32];
		size_t k, ez;

		if (e < 0 || sec->t[exp].c == '+')
			rc = clint_buf_printf(out, "E%c", e < 0 ? '-' : '+');
		else
			rc = clint_buf_putc(out, 'E');
		snprintf(ed, sizeof(ed), "%ld", e < 0 ? -e : e);
		for (ez = strlen(ed), k = ez; rc >= 0 && k < zeros; k++)
			rc = clint_buf_putc(out, '0');
		if (rc >= 0)
			rc = clint_buf_puts(out, ed);
		/* literals after the exponent's digits */
		for (k = exp + 1; rc >= 0 && k < sec->n; k++)
			if (sec->t[k].kind == T_LIT || sec->t[k].kind == T_PERCENT)
				rc = clint_buf_put(out, sec->t[k].s, sec->t[k].n);
	}
	return rc;
}

/* ---- sections ---------------------------------------------------------- */

static const char *const builtin[] = {
	[0] = "General",
	[1] = "0",
	[2] = "0.00",
	[3] = "#,##0",
	[4] = "#,##0.00",
	[5] = "\"$\"#,##0_);\\(\"$\"#,##0\\)",
	[6] = "\"$\"#,##0_);[Red]\\(\"$\"#,##0\\)",
	[7] = "\"$\"#,##0.00_);\\(\"$\"#,##0.00\\)",
	[8] = "\"$\"#,##0.00_);[Red]\\(\"$\"#,##0.00\\)",
	[9] = "0%",
	[10] = "0.00%",
	[11] = "0.00E+00",
	[12] = "# ?/?",
	[13] = "# ?\?/??",
	[14] = "m/d/yyyy",
	[15] = "d-mmm-yy",
	[16] = "d-mmm",
	[17] = "mmm-yy",
	[18] = "h:mm AM/PM",
	[19] = "h:mm:ss AM/PM",
	[20] = "h:mm",
	[21] = "h:mm:ss",
	[22] = "m/d/yyyy h:mm",
	[37] = "#,##0_);(#,##0)",
	[38] = "#,##0_);[Red](#,##0)",
	[39] = "#,##0.00_);(#,##0.00)",
	[40] = "#,##0.00_);[Red](#,##0.00)",
	[41] = "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
	[42] = "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
	[43] = "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
	[44] = "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)",
	[45] = "mm:ss",
	[46] = "[h]:mm:ss",
	[47] = "mm:ss.0",
	[48] = "##0.0E+0",
	[49] = "@",
};

const char *clint_numfmt_builtin(unsigned long id)
{
	if (id < sizeof(builtin) / sizeof(*builtin) && builtin[id])
		return builtin[id];
	return "General";
}

/* The start and length of section `want` of code[0..n) (split at the
 * semicolons outside quotes, brackets and escapes); false if there is
 * no such section. */
static int find_section(const char *code, size_t n, unsigned want,
                        const char **s, size_t *len, unsigned *count)
{
	size_t i, start = 0;
	unsigned at = 0;
	int found = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || code[i] == ';') {
			if (at == want) {
				*s = code + start;
				*len = i - start;
				found = 1;
			}
			at++;
			start = i + 1;
			continue;
		}
		if ((code[i] == '\\' || code[i] == '_' || code[i] == '*') && i + 1 < n)
			i++;
		else if (code[i] == '"')
			while (i + 1 < n && code[++i] != '"')
				;
		else if (code[i] == '[')
			while (i + 1 < n && code[++i] != ']')
				;
	}
	*count = at;
	return found;
}

/* The en-US forms of the formats a locale tag asks for by name: the
 * system's long date and time. */
static const char *system_format(const char *code)
{
	/* where Excel writes the tag: first (not in a quoted literal) */
	if (strncasecmp(code, "[$-F800]", 8) == 0)
		return "dddd, mmmm d, yyyy";
	if (strncasecmp(code, "[$-F400]", 8) == 0)
		return "h:mm:ss AM/PM";
	return code;
}

int clint_numfmt_format(clint_buf *out, double v, const char *code,
                        int date1904)
{
	section sec;
	size_t n, len, ql, start = out->len, i;
	unsigned count, numeric, want = 0, k;
	const char *s, *q;
	double cell = v;  /* what General shows if the format is not read */
	int neg = 0, rc;

	/* a code longer than Excel's bound is not read (nor measured past
	 * it: a 4 MB code of one workbook style, for each of its cells) */
	if (!code || !isfinite(v) || strnlen(code, CODE_MAX + 1) > CODE_MAX)
		return put_general(out, v);
	code = system_format(code);
	n = strlen(code);
	if (n == 0 ||
	    !find_section(code, n, 0, &s, &len, &count) || count > 4)
		return put_general(out, v);
	/* conditions choose sections their own way: not read */
	for (k = 0; k < count; k++)
		if (find_section(code, n, k, &q, &ql, &count) && ql > 1 &&
		    q[0] == '[' && strchr("<>=", q[1]))
			return put_general(out, v);
	/* the sections for numbers: not a last one for text, with an @
	 * (Excel writes "m/d/yyyy;@") */
	numeric = count;
	if (count > 1 && find_section(code, n, count - 1, &q, &ql, &count) &&
	    tokenize(&sec, q, ql) && sec.text)
		numeric = count - 1;
	if (numeric > 3)
		numeric = 3;
	if (v < 0 && numeric >= 2) {
		want = 1;  /* shows no sign of its own */
		v = -v;
	} else if (v == 0 && numeric >= 3) {
		want = 2;
	} else if (v < 0) {
		neg = 1;
		v = -v;
	}
	if (!find_section(code, n, want, &s, &len, &count) ||
	    !tokenize(&sec, s, len))
		return put_general(out, cell);
	if (sec.date)
		rc = put_date(out, &sec, cell, date1904);
	else if (sec.digits)
		rc = put_number(out, &sec, v, neg, cell);
	else {
		rc = neg ? clint_buf_putc(out, '-') : CLINT_OK;
		for (i = 0; i < sec.n && rc >= 0; i++)
			rc = sec.t[i].kind == T_GENERAL ? put_general(out, v)
			                                : clint_buf_put(out, sec.t[i].s,
			                                                sec.t[i].n);
	}
	if (rc < 0)
		out->len = start;
	return rc;
}
