/*
 * fuzz_baseline.c - the baseline parser of the command-line tool
 * (src/cli/baseline.c, included here as tests/unit/test_baseline.c does).
 * A baseline is read from the repository under review in CI
 * (--baseline .clauselint-baseline), so a pull request can put anything
 * in it. The input is parsed as the file's text; one refused must say why
 * (a message naming the file and line). One that parses is written out as
 * --write-baseline writes it, and that text must parse back to the same
 * entries, counts and size (written_size()). An entry the parser merged
 * may print longer than it was read (a count of 999999999 and another
 * becoming 1000000000), past the line limit: such entries are left out of
 * what is written and compared, the others still are. (The command line
 * never writes a loaded baseline, and what it records it keeps to lines
 * that read back: record().)
 */
#include "fuzz.h"

#include "../../src/cli/baseline.c"
#include "../../src/cli/output.c"
#include "../../src/cli/util.c"

/* Parses `len` bytes of `data` into *out; what it said goes to *msg. */
static int parse_copy(cli_baseline **out, const char *data, size_t len,
                      char **msg, size_t *msg_len)
{
	char *copy = malloc(len + 1);
	FILE *err;
	int rc;

	if (!copy)
		abort();
	memcpy(copy, data, len);
	copy[len] = '\0';
	*msg = NULL;
	*msg_len = 0;
	if (!(err = open_memstream(msg, msg_len)))
		abort();
	rc = parse(out, "fuzz.baseline", copy, len, err);
	fclose(err);
	free(copy);
	return rc;
}

static void same(const cli_baseline *a, const cli_baseline *b)
{
	size_t i;

	if (a->count != b->count)
		abort();
	for (i = 0; i < a->count; i++) {
		const entry *x = &a->items[i], *y = &b->items[i];

		if (strcmp(x->path, y->path) != 0 || strcmp(x->rule, y->rule) != 0 ||
		    memcmp(x->fp, y->fp, sizeof(x->fp)) != 0 ||
		    x->count != y->count || x->remaining != y->remaining ||
		    x->count < 1 || x->count > BASELINE_MAX_COUNT)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cli_baseline *b = NULL, *back = NULL, fits;
	char *msg = NULL, *text = NULL;
	size_t msg_len, text_len = 0, i;
	FILE *fp;
	int rc;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	rc = parse_copy(&b, (const char *)data, size, &msg, &msg_len);
	if (rc < 0) {
		/* refused: with a reason naming the file and line (an empty
		 * file has none), and nothing kept */
		if (b || !(strncmp(msg, "clauselint: fuzz.baseline:", 26) == 0 &&
		           (size == 0 ? strstr(msg, ": error: empty file") != NULL
		                      : msg[26] >= '1' && msg[26] <= '9')))
			abort();
		free(msg);
		return 0;
	}
	if (!b || msg_len != 0)
		abort();
	free(msg);

	/* `fits`: the entries whose lines read back, sharing b's strings */
	fits = *b;
	fits.items = malloc((b->count ? b->count : 1) * sizeof(*fits.items));
	if (!fits.items)
		abort();
	fits.count = 0;
	for (i = 0; i < b->count; i++)
		if (line_size(b->items[i].rule, b->items[i].path,
		              b->items[i].count) <= BASELINE_MAX_LINE)
			fits.items[fits.count++] = b->items[i];
	if (!(fp = open_memstream(&text, &text_len)))
		abort();
	print(&fits, fp);
	fclose(fp);
	if (text_len != written_size(&fits))
		abort();
	if (parse_copy(&back, text, text_len, &msg, &msg_len) < 0) {
		fprintf(stderr, "fuzz_baseline: the written baseline does not read "
		                "back: %s",
		        msg);
		abort();
	}
	same(&fits, back);
	free(fits.items);
	free(msg);
	free(text);
	cli_baseline_free(back);
	cli_baseline_free(b);
	return 0;
}
