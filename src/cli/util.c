/*
 * util.c - messages and small containers of the command-line tool.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int str_vprintf(cli_str *s, const char *fmt, va_list ap);

/* Writes "clauselint: ", `prefix` (ours, may be NULL), the message made
 * safe for a terminal (clint_term_safe(): the names and operands it quotes
 * may come from a hostile tree or from a script that passes on an
 * attachment's name), a newline, then `hint` (may be NULL) to stderr, in
 * one write. */
void cli_vmessage(const char *prefix, const char *hint, const char *fmt,
                  va_list ap)
{
	cli_str s = {NULL, 0, 0};
	size_t start;

	if (cli_str_printf(&s, "clauselint: %s", prefix ? prefix : "") < 0)
		goto oom;
	start = s.len;
	if (str_vprintf(&s, fmt, ap) < 0)
		goto oom;
	s.len = start + clint_term_safe(s.data + start);
	if (cli_str_printf(&s, "\n%s", hint ? hint : "") < 0)
		goto oom;
	fwrite(s.data, 1, s.len, stderr);
	cli_str_free(&s);
	return;
oom:
	fputs("clauselint: out of memory\n", stderr);
	cli_str_free(&s);
}

void cli_out(const char *fmt, ...)
{
	cli_str s = {NULL, 0, 0};
	char *line, *nl;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = str_vprintf(&s, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		fputs("clauselint: out of memory\n", stderr);
		cli_str_free(&s);
		return;
	}
	/* line by line: the newlines of the format are kept */
	for (line = s.data; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		clint_term_safe(line);
		fputs(line, stdout);
		if (!nl)
			break;
		putchar('\n');
	}
	cli_str_free(&s);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(NULL, NULL, fmt, ap);
	va_end(ap);
}

/* The command whose usage errors are being reported (cli_usage_for()). */
static const char *usage_prefix;
static const char *usage_hint = "Try 'clauselint --help'.\n";

void cli_usage_for(const char *prefix, const char *hint)
{
	usage_prefix = prefix;
	usage_hint = hint;
}

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(usage_prefix, usage_hint, fmt, ap);
	va_end(ap);
}

int cli_diag_line(cli_str *out, const clint_diag_entry *e, const char *doc)
{
	static const char *const level[] = {"note", "warning", "error"};
	const char *file = e->file ? e->file : doc;

	if (cli_str_printf(out, "clauselint: ") < 0 || (file && cli_str_safe(out, "%s", file) < 0))
		return -1;
	if (file && e->line && !doc && cli_str_printf(out, ":%u", e->line) < 0)
		return -1;
	if (file && cli_str_printf(out, ": ") < 0)
		return -1;
	if (!(doc && e->level == CLINT_DIAG_ERROR) &&
	    cli_str_printf(out, "%s: ", level[e->level]) < 0)
		return -1;
	return cli_str_printf(out, "%s\n", e->message);
}

void cli_print_diags(const clint_diag *diag, const char *doc)
{
	cli_str s = {NULL, 0, 0};
	clint_diag_entry e;
	size_t i;

	for (i = 0; i < clint_diag_count(diag); i++) {
		clint_diag_get(diag, i, &e);
		cli_diag_line(&s, &e, doc);
	}
	if (s.len)
		fwrite(s.data, 1, s.len, stderr);
	cli_str_free(&s);
}

void cli_print_diag(const clint_diag *diag)
{
	cli_print_diags(diag, NULL);
}

int cli_push(const char ***list, size_t *count, const char *item)
{
	const char **p = realloc((void *)*list, (*count + 1) * sizeof(**list));

	if (!p)
		return -1;
	p[(*count)++] = item;
	*list = p;
	return 0;
}

static int str_vprintf(cli_str *s, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static int str_vprintf(cli_str *s, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	for (;;) {
		size_t room = s->cap - s->len;

		va_copy(cp, ap);
		n = vsnprintf(s->data ? s->data + s->len : NULL, room, fmt, cp);
		va_end(cp);
		if (n < 0)
			return -1;
		if ((size_t)n < room) {
			s->len += (size_t)n;
			return 0;
		}
		{
			size_t cap = s->cap ? s->cap * 2 : 256;
			char *p;
			while (cap - s->len <= (size_t)n)
				cap *= 2;
			p = realloc(s->data, cap);
			if (!p)
				return -1;
			s->data = p;
			s->cap = cap;
		}
	}
}

int cli_str_printf(cli_str *s, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = str_vprintf(s, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_str_safe(cli_str *s, const char *fmt, ...)
{
	size_t start = s->len;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = str_vprintf(s, fmt, ap);
	va_end(ap);
	if (rc == 0)
		s->len = start + clint_term_safe(s->data + start);
	return rc;
}

void cli_str_free(cli_str *s)
{
	free(s->data);
	s->data = NULL;
	s->len = s->cap = 0;
}

int cli_read_stdin(char **data, size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap), *p;

	if (!buf)
		return -1;
	while ((r = fread(buf + n, 1, cap - n, stdin)) > 0) {
		n += r;
		if (n == cap) {
			if (cap >= MAX_STDIN) {
				int c = getc(stdin);
				if (c == EOF && !ferror(stdin))
					break;  /* exactly the limit, as for a file */
				free(buf);
				errno = EFBIG;
				return -1;
			}
			cap *= 2;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				return -1;
			}
			buf = p;
		}
	}
	if (ferror(stdin)) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

int cli_plain_number(const char *v, int fraction)
{
	/* strtod() also takes leading space, a sign, hexadecimal, "inf" */
	if (fraction)
		return (*v == '.' || (*v >= '0' && *v <= '9')) &&
		       v[strspn(v, "0123456789.eE+-")] == '\0';
	return *v && v[strspn(v, "0123456789")] == '\0';
}

int cli_parse_mib(size_t *out, const char *v)
{
	char *end = NULL;
	unsigned long long m;

	if (strcmp(v, "none") == 0) {
		*out = SIZE_MAX;
		return 0;
	}
	if (!cli_plain_number(v, 0))
		return -1;
	errno = 0;
	m = strtoull(v, &end, 10);
	if (*end || errno || m < 64 || m > CLI_MAX_MIB ||
	    m > SIZE_MAX / (1024 * 1024))
		return -1;
	*out = (size_t)m * 1024 * 1024;
	return 0;
}

void cli_doc_limits(clint_doc_options *dopts, double pdf_seconds,
                    size_t pdf_memory, size_t doc_memory)
{
	dopts->max_pdf_seconds = pdf_seconds;
	dopts->max_pdf_memory = pdf_memory;
	dopts->max_doc_memory = doc_memory;
}

int cli_parse_seconds(double *out, const char *v)
{
	char *end = NULL;
	double s;

	if (strcmp(v, "none") == 0) {
		*out = CLINT_CHECK_NO_TIME_LIMIT;
		return 0;
	}
	if (!cli_plain_number(v, 1))
		return -1;
	s = strtod(v, &end);
	if (*end || !(s > 0 && s <= CLI_MAX_SECONDS))
		return -1;
	*out = s;
	return 0;
}
