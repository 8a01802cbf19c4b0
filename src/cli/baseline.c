/*
 * baseline.c - baselines: the findings a project has accepted for now,
 * so that a run reports only new ones. A finding is known by its content
 * fingerprint (clint_finding_fingerprint(): rule, section heading,
 * normalised matched words), not by its line, so text moving around and
 * sections being renumbered do not make old findings look new. Entries
 * are keyed by input path and counted, so a document with the same
 * wording flagged three times has three known findings.
 *
 * The file (docs/baseline.md) is text, one entry a line, sorted:
 *
 *   # clauselint baseline 1
 *   FINGERPRINT COUNT RULE PATH
 *
 * with PATH running to the end of the line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define BASELINE_HEADER "# clauselint baseline 1"
#define BASELINE_COMMENT "# FINGERPRINT COUNT RULE PATH (docs/baseline.md)"
#define BASELINE_MAX_LINE 8192
#define STR_(x) #x
#define STR(x) STR_(x)
#ifndef BASELINE_MAX_BYTES  /* (smaller in the unit test) */
#define BASELINE_MAX_BYTES ((size_t)1 << 30)
#endif
#define BASELINE_MAX_ENTRIES 10000000u
#define BASELINE_MAX_COUNT 1000000000ul

typedef struct {
	char *path;
	char fp[CLINT_FINGERPRINT_SIZE];
	char *rule;
	unsigned long count;      /* occurrences recorded */
	unsigned long remaining;  /* not yet matched by this run */
} entry;

struct cli_baseline {
	entry *items;
	size_t count, cap;
	int sorted;
};

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : strcmp(x->fp, y->fp);
}

int cli_baseline_new(cli_baseline **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -1;
}

void cli_baseline_free(cli_baseline *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->count; i++) {
		free(b->items[i].path);
		free(b->items[i].rule);
	}
	free(b->items);
	free(b);
}

static int add(cli_baseline *b, const char *path, const char *fp,
               const char *rule, size_t rule_len, unsigned long count)
{
	entry *e;

	if (b->count >= BASELINE_MAX_ENTRIES)
		return -1;
	if (b->count == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		entry *p = realloc(b->items, cap * sizeof(*p));
		if (!p)
			return -1;
		b->items = p;
		b->cap = cap;
	}
	e = &b->items[b->count];
	memset(e, 0, sizeof(*e));
	memcpy(e->fp, fp, CLINT_FINGERPRINT_SIZE - 1);
	e->path = strdup(path);
	e->rule = malloc(rule_len + 1);
	if (!e->path || !e->rule) {
		free(e->path);
		free(e->rule);
		return -1;
	}
	memcpy(e->rule, rule, rule_len);
	e->rule[rule_len] = '\0';
	e->count = e->remaining = count;
	b->count++;
	b->sorted = 0;
	return 0;
}

/* Sorts and merges entries with the same path and fingerprint. */
static void settle(cli_baseline *b)
{
	size_t i, w = 0;

	if (b->sorted)
		return;
	if (b->count)
		qsort(b->items, b->count, sizeof(*b->items), cmp_entry);
	for (i = 0; i < b->count; i++) {
		if (w && cmp_entry(&b->items[w - 1], &b->items[i]) == 0) {
			entry *e = &b->items[w - 1];

			/* at most the count a file may hold, so that it reads back */
			e->count += b->items[i].count;
			e->remaining += b->items[i].remaining;
			if (e->count > BASELINE_MAX_COUNT)
				e->count = BASELINE_MAX_COUNT;
			if (e->remaining > BASELINE_MAX_COUNT)
				e->remaining = BASELINE_MAX_COUNT;
			free(b->items[i].path);
			free(b->items[i].rule);
			continue;
		}
		b->items[w++] = b->items[i];
	}
	b->count = w;
	b->sorted = 1;
}

static int is_fingerprint(const char *s, size_t n)
{
	size_t i;

	if (n != CLINT_FINGERPRINT_SIZE - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Parses "FP COUNT RULE PATH" into b; 0, or -1 with *why set. */
static int parse_line(cli_baseline *b, char *line, const char **why)
{
	char *fp = line, *count, *rule, *path, *end;
	unsigned long n;

	count = strchr(fp, ' ');
	if (!count || !is_fingerprint(fp, (size_t)(count - fp))) {
		*why = "expected a 16-digit hexadecimal fingerprint";
		return -1;
	}
	*count++ = '\0';
	errno = 0;
	n = strtoul(count, &end, 10);
	if (end == count || *end != ' ' || errno || n == 0 ||
	    n > BASELINE_MAX_COUNT) {
		*why = "expected a count from 1 to 1000000000 after the fingerprint";
		return -1;
	}
	rule = end + 1;
	path = strchr(rule, ' ');
	if (!path || path == rule || !path[1]) {
		*why = "expected a rule id and a path after the count";
		return -1;
	}
	if (add(b, path + 1, fp, rule, (size_t)(path - rule), n) < 0) {
		*why = "too many entries or out of memory";
		return -1;
	}
	return 0;
}

/* Writes "clauselint: NAME[:LINE]: error: WHY" to `err`, the name made
 * safe for a terminal (a baseline's path may come from a script). */
static void baseline_error(FILE *err, const char *name, unsigned lineno,
                           const char *why)
{
	cli_str s = {NULL, 0, 0};

	if (cli_str_printf(&s, "clauselint: ") == 0 &&
	    cli_str_safe(&s, "%s", name) == 0 &&
	    (lineno == 0 || cli_str_printf(&s, ":%u", lineno) == 0) &&
	    cli_str_printf(&s, ": error: %s\n", why) == 0)
		fwrite(s.data, 1, s.len, err);
	cli_str_free(&s);
}

/*
 * Parses the baseline text `data` (`len` bytes and a NUL after them; lines
 * are cut in place). Problems go to `err` as "clauselint: name:line:
 * error: reason".
 */
static int parse(cli_baseline **out, const char *name, char *data,
                 size_t len, FILE *err)
{
	cli_baseline *b = NULL;
	char *line, *end;
	unsigned lineno = 0;

	*out = NULL;
	if (len == 0) {
		baseline_error(err, name, 0, "empty file, not a clauselint baseline");
		return -1;
	}
	if (cli_baseline_new(&b) < 0)
		return -1;
	for (line = data; line < data + len; line = end + 1) {
		const char *why = NULL;
		size_t n;

		end = memchr(line, '\n', (size_t)(data + len - line));
		if (!end)
			end = data + len;  /* the last line has no newline */
		n = (size_t)(end - line);
		*end = '\0';
		/* a baseline kept in git with CRLF line ends (core.autocrlf on
		 * Windows): the CR is not part of the path, whose entries then
		 * never matched */
		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		lineno++;
		if (n > BASELINE_MAX_LINE)
			why = "line longer than " STR(BASELINE_MAX_LINE) " bytes";
		else if (memchr(line, '\0', n))
			why = "NUL byte in a line";
		else if (lineno == 1 && strcmp(line, BASELINE_HEADER) != 0)
			why = "not a clauselint baseline (the first line must be '"
			      BASELINE_HEADER "')";
		else if (n && line[0] != '#')
			parse_line(b, line, &why);
		if (why) {
			baseline_error(err, name, lineno, why);
			cli_baseline_free(b);
			return -1;
		}
	}
	settle(b);
	*out = b;
	return 0;
}

/*
 * The file is read whole with the library's reader, so a baseline that is
 * a named pipe nobody writes to, a directory or a device is refused with
 * the reason instead of blocking or reading for ever.
 */
int cli_baseline_load(cli_baseline **out, const char *path)
{
	clint_diag *diag = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc = -1;

	*out = NULL;
	if (clint_diag_new(&diag) < 0)
		return -1;
	if (clint_file_read(&data, &len, path, BASELINE_MAX_BYTES, diag) < 0)
		cli_print_diag(diag);
	else
		rc = parse(out, path, data, len, stderr);
	clint_file_free(data);
	clint_diag_free(diag);
	return rc;
}

typedef struct {
	cli_baseline *b;
	const char *path;
} filter_ctx;

static int keep_new(void *userdata, const clint_finding *f,
                    const char *fingerprint)
{
	filter_ctx *c = userdata;
	entry key, *e;

	(void)f;
	memset(&key, 0, sizeof(key));
	key.path = (char *)c->path;
	memcpy(key.fp, fingerprint, CLINT_FINGERPRINT_SIZE);
	e = bsearch(&key, c->b->items, c->b->count, sizeof(*e), cmp_entry);
	if (e && e->remaining) {
		e->remaining--;
		return 0;
	}
	return 1;
}

int cli_baseline_filter(cli_baseline *b, const char *path, clint_result *res,
                        size_t *suppressed)
{
	filter_ctx c;

	settle(b);
	c.b = b;
	c.path = path;
	return clint_result_filter(res, keep_new, &c, suppressed) < 0 ? -1 : 0;
}

/* The length of an entry's line, without its newline. */
static size_t line_size(const char *rule, const char *path,
                        unsigned long count)
{
	char digits[32];

	return CLINT_FINGERPRINT_SIZE - 1 + 1 +
	       (size_t)snprintf(digits, sizeof(digits), "%lu", count) + 1 +
	       strlen(rule) + 1 + strlen(path);
}

/* Records one finding. */
static int record(cli_baseline *b, const char *path, const clint_result *res,
                  const clint_finding *f)
{
	char fp[CLINT_FINGERPRINT_SIZE];

	/* a line too long to read back, whatever its count: never baselined */
	if (line_size(f->rule_id, path, BASELINE_MAX_COUNT) > BASELINE_MAX_LINE)
		return 0;
	if (clint_finding_fingerprint(res, f, fp) < 0)
		return -1;
	return add(b, path, fp, f->rule_id, strlen(f->rule_id), 1);
}

int cli_baseline_record(cli_baseline *b, const char *path,
                        const clint_result *res)
{
	clint_finding f;
	size_t i;

	if (strchr(path, '\n') || (*path && path[strlen(path) - 1] == '\r'))
		return 0;  /* cannot be written on one line and read back (a
		              CR at a line's end is taken for a CRLF's): never
		              baselined */
	for (i = 0; i < clint_result_finding_count(res); i++)
		if (clint_result_finding(res, i, &f) < 0 || record(b, path, res, &f) < 0)
			return -1;
	for (i = 0; i < clint_result_missing_count(res); i++)
		if (clint_result_missing(res, i, &f) < 0 || record(b, path, res, &f) < 0)
			return -1;
	return 0;
}

/* The bytes cli_baseline_write() would write, which must read back. */
static size_t written_size(const cli_baseline *b)
{
	size_t i, n = sizeof(BASELINE_HEADER) + sizeof(BASELINE_COMMENT);

	for (i = 0; i < b->count; i++)
		n += line_size(b->items[i].rule, b->items[i].path,
		               b->items[i].count) + 1;
	return n;
}

/* Writes the settled baseline `b` as its file holds it. */
static void print(const cli_baseline *b, FILE *fp)
{
	size_t i;

	fprintf(fp, "%s\n%s\n", BASELINE_HEADER, BASELINE_COMMENT);
	for (i = 0; i < b->count; i++)
		fprintf(fp, "%s %lu %s %s\n", b->items[i].fp, b->items[i].count,
		        b->items[i].rule, b->items[i].path);
}

int cli_baseline_write(cli_baseline *b, const char *path)
{
	cli_output out;

	settle(b);
	if (written_size(b) > BASELINE_MAX_BYTES) {
		cli_error("%s: error: the baseline would be "
		          "larger than %zu bytes, more than a baseline may "
		          "hold; not written",
		          path, BASELINE_MAX_BYTES);
		return -1;
	}
	if (cli_output_open(&out, path) < 0) {
		cli_error("%s: cannot write the baseline: %s", path,
		          strerror(errno));
		return -1;
	}
	print(b, out.fp);
	if (ferror(out.fp))
		out.failed = 1;
	if (cli_output_commit(&out) < 0) {
		cli_error("cannot write %s: %s", path,
		          strerror(errno));
		return -1;
	}
	return 0;
}
