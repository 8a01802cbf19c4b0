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

/* Writes "clauselint: ", `prefix` (ours, may be NULL), the message made
 * safe for a terminal (clint_term_safe(): the names and operands it quotes
 * may come from a hostile tree or from a script that passes on an
 * attachment's name), a newline, then `hint` (may be NULL) to stderr, in
 * one write. */
void cli_vmessage(const char *prefix, const char *hint, const char *fmt,
                  va_list ap)
{
	cli_str s = {NULL, 0, 0};
	char *msg = NULL;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !(msg = malloc((size_t)n + 1))) {
		fputs("clauselint: out of memory\n", stderr);
		return;
	}
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	clint_term_safe(msg);
	if (cli_str_printf(&s, "clauselint: %s%s\n%s", prefix ? prefix : "", msg,
	                   hint ? hint : "") == 0)
		fwrite(s.data, 1, s.len, stderr);
	else
		fputs("clauselint: out of memory\n", stderr);
	free(msg);
	cli_str_free(&s);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(NULL, NULL, fmt, ap);
	va_end(ap);
}

void cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(NULL, "Try 'clauselint --help'.\n", fmt, ap);
	va_end(ap);
}

/* Appends `name` made safe for a terminal (clint_term_safe()): a file
 * name may hold any byte but NUL (the library's messages are already
 * safe: clint_diag_entry). */
static int put_name(cli_str *s, const char *name)
{
	size_t start = s->len;

	if (cli_str_printf(s, "%s", name) < 0)
		return -1;
	s->len = start + clint_term_safe(s->data + start);
	return 0;
}

int cli_diag_line(cli_str *out, const clint_diag_entry *e, const char *doc)
{
	static const char *const level[] = {"note", "warning", "error"};
	const char *file = e->file ? e->file : doc;

	if (cli_str_printf(out, "clauselint: ") < 0 || (file && put_name(out, file) < 0))
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

int cli_str_printf(cli_str *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = s->cap - s->len;

		va_start(ap, fmt);
		n = vsnprintf(s->data ? s->data + s->len : NULL, room, fmt, ap);
		va_end(ap);
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

int cli_parse_mib(size_t *out, const char *v)
{
	char *end = NULL;
	unsigned long long m;

	if (strcmp(v, "none") == 0) {
		*out = SIZE_MAX;
		return 0;
	}
	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	m = strtoull(v, &end, 10);
	if (*end || errno || m < 64 || m > CLI_MAX_MIB ||
	    m > SIZE_MAX / (1024 * 1024))
		return -1;
	*out = (size_t)m * 1024 * 1024;
	return 0;
}

void cli_pdf_limits(clint_doc_options *dopts, double seconds, size_t memory)
{
	dopts->max_pdf_seconds = seconds;
	dopts->max_pdf_memory = memory;
}

int cli_parse_seconds(double *out, const char *v)
{
	char *end = NULL;
	double s;

	if (strcmp(v, "none") == 0) {
		*out = CLINT_CHECK_NO_TIME_LIMIT;
		return 0;
	}
	s = strtod(v, &end);
	if (!*v || *end || !(s > 0 && s <= CLI_MAX_SECONDS))
		return -1;
	*out = s;
	return 0;
}
