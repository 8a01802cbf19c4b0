/*
 * test_baseline.c - baselines of the command-line tool (src/cli/
 * baseline.c, written through src/cli/output.c): counted entries per
 * path and fingerprint, a round trip through the file, findings that
 * survive an inserted section and renumbering, repeated identical
 * findings, other paths, and malformed files refused with their line.
 */
#include "unit.h"

#include <sys/stat.h>

/* a small cap, so that a baseline over it is cheap to make */
#define BASELINE_MAX_BYTES ((size_t)64 << 10)
#include "../../src/cli/baseline.c"
#include "../../src/cli/output.c"
#include "../../src/cli/util.c"

static const char pack[] =
	UNIT_PACK_HEAD("b")
	UNIT_RULE("flag-tbd", "flag", "warning", "")
	UNIT_PATTERN("\\bTBD\\b")
	UNIT_EXAMPLE("match", "Fees: TBD.")
	UNIT_RULE_END
	UNIT_RULE("flag-promptly", "flag", "info", "")
	UNIT_PATTERN("\\bpromptly\\b")
	UNIT_EXAMPLE("match", "Pay promptly.")
	UNIT_RULE_END
	UNIT_RULE("clause-law", "require", "error", "")
	UNIT_HEADING("governing law")
	UNIT_EXAMPLE("match", "1. Governing Law\n\nEngland.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

static const char v1[] =
	"1. Fees\n\n1.1 The fees are TBD. Invoices are paid promptly.\n\n"
	"2. Services\n\n2.1 Scope: TBD. Changes: TBD.\n";
/* a section inserted before the findings, everything renumbered, and
 * a paragraph moved */
static const char v2[] =
	"1. Definitions\n\n1.1 Words have their usual meaning.\n\n"
	"2. Services\n\n2.1 Scope: TBD. Changes: TBD.\n\n"
	"3. Fees\n\n3.1 Invoices are paid promptly. The fees are TBD.\n";

static char *temp_path(void)
{
	char *p = unit_temp_file("", 0);

	unlink(p);
	return p;
}

/* Checks `text` and returns the result (doc returned through *doc). */
static clint_result *check_text(const clint_ruleset *rs, const char *text,
                                clint_doc **doc)
{
	*doc = unit_text(text);
	return unit_check(rs, *doc);
}

static size_t new_after(cli_baseline *b, const clint_ruleset *rs,
                        const char *path, const char *text, size_t *suppressed)
{
	clint_doc *doc;
	clint_result *res = check_text(rs, text, &doc);
	size_t left;

	assert_int_equal(cli_baseline_filter(b, path, res, suppressed), 0);
	left = clint_result_finding_count(res) + clint_result_missing_count(res);
	clint_result_free(res);
	clint_doc_free(doc);
	return left;
}

static void test_round_trip_and_renumbering(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack);
	cli_baseline *rec = NULL, *b = NULL;
	clint_doc *doc;
	clint_result *res = check_text(rs, v1, &doc);
	char *file = temp_path(), line[256];
	size_t suppressed = 0;
	FILE *f;
	int counted = 0;

	(void)state;
	/* 3 TBD + 1 promptly + 1 missing clause */
	assert_int_equal(clint_result_finding_count(res), 4);
	assert_int_equal(clint_result_missing_count(res), 1);
	assert_int_equal(cli_baseline_new(&rec), 0);
	assert_int_equal(cli_baseline_record(rec, "c.txt", res), 0);
	assert_int_equal(cli_baseline_write(rec, file), 0);
	clint_result_free(res);
	clint_doc_free(doc);

	/* "Scope: TBD" and "Changes: TBD" in § 2 are one entry counted twice */
	f = fopen(file, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "# clauselint baseline 1\n");
	while (fgets(line, sizeof(line), f))
		if (strstr(line, " 2 flag-tbd c.txt\n"))
			counted++;
	fclose(f);
	assert_int_equal(counted, 1);

	assert_int_equal(cli_baseline_load(&b, file), 0);
	/* the same text: nothing new */
	assert_int_equal(new_after(b, rs, "c.txt", v1, &suppressed), 0);
	assert_int_equal(suppressed, 5);
	cli_baseline_free(b);

	/* moved and renumbered: still nothing new */
	assert_int_equal(cli_baseline_load(&b, file), 0);
	assert_int_equal(new_after(b, rs, "c.txt", v2, &suppressed), 0);
	assert_int_equal(suppressed, 5);
	cli_baseline_free(b);

	/* the file with CRLF line ends (git's core.autocrlf): the same */
	{
		FILE *in = fopen(file, "rb"), *crlf;
		char *file2 = temp_path();
		int c;

		assert_non_null(in);
		crlf = fopen(file2, "wb");
		assert_non_null(crlf);
		while ((c = fgetc(in)) != EOF) {
			if (c == '\n')
				fputc('\r', crlf);
			fputc(c, crlf);
		}
		fclose(in);
		fclose(crlf);
		assert_int_equal(cli_baseline_load(&b, file2), 0);
		assert_int_equal(new_after(b, rs, "c.txt", v1, &suppressed), 0);
		assert_int_equal(suppressed, 5);
		cli_baseline_free(b);
		unlink(file2);
		free(file2);
	}

	/* another path has no baseline */
	assert_int_equal(cli_baseline_load(&b, file), 0);
	assert_int_equal(new_after(b, rs, "other.txt", v1, &suppressed), 5);
	assert_int_equal(suppressed, 0);
	cli_baseline_free(b);

	cli_baseline_free(rec);
	unlink(file);
	free(file);
	clint_ruleset_free(rs);
}

static void test_counts_and_new_wording(void **state)
{
	clint_ruleset *rs = unit_ruleset(pack);
	cli_baseline *rec = NULL, *b = NULL;
	clint_doc *doc;
	clint_result *res = check_text(rs, v1, &doc);
	char *file = temp_path();
	size_t suppressed = 0;

	(void)state;
	cli_baseline_new(&rec);
	cli_baseline_record(rec, "c.txt", res);
	assert_int_equal(cli_baseline_write(rec, file), 0);
	clint_result_free(res);
	clint_doc_free(doc);
	assert_int_equal(cli_baseline_load(&b, file), 0);
	/* a third identical TBD in § 2 is one more than recorded: new; so is
	 * new flagged wording */
	assert_int_equal(new_after(b, rs, "c.txt",
	                           "1. Fees\n\n1.1 The fees are TBD. Invoices are "
	                           "paid promptly.\n\n2. Services\n\n2.1 Scope: TBD. "
	                           "Changes: TBD. Term: TBD.\n\n3. Payment\n\n3.1 "
	                           "Respond promptly.\n",
	                           &suppressed),
	                 2);
	assert_int_equal(suppressed, 5);
	cli_baseline_free(b);
	cli_baseline_free(rec);
	unlink(file);
	free(file);
	clint_ruleset_free(rs);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"not a baseline\n",
		"# clauselint baseline 1\nabc 1 flag-tbd c.txt\n",
		"# clauselint baseline 1\n0123456789abcdef 0 flag-tbd c.txt\n",
		"# clauselint baseline 1\n0123456789abcdef x flag-tbd c.txt\n",
		"# clauselint baseline 1\n0123456789abcdef 1 flag-tbd\n",
		"# clauselint baseline 1\n0123456789ABCDEF 1 flag-tbd c.txt\n",
	};
	/* a NUL byte would cut a line short: refused, not read as "c" (the
	 * old reader did so on a last line without a newline) */
	static const char nul[] = "# clauselint baseline 1\n"
	                          "0123456789abcdef 1 flag-tbd c\0.txt";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *p = unit_temp_file(bad[i], strlen(bad[i]));
		cli_baseline *b = (cli_baseline *)1;

		assert_int_equal(cli_baseline_load(&b, p), -1);
		assert_null(b);
		unlink(p);
		free(p);
	}
	{
		char *p = unit_temp_file(nul, sizeof(nul) - 1);
		cli_baseline *b = (cli_baseline *)1;

		assert_int_equal(cli_baseline_load(&b, p), -1);
		assert_null(b);
		unlink(p);
		free(p);
	}
	{
		/* comments, blank lines and paths with spaces are fine */
		static const char good[] = "# clauselint baseline 1\n\n# note\n"
		                           "0123456789abcdef 3 flag-tbd my docs/c.txt\n";
		char *p = unit_temp_file(good, strlen(good));
		cli_baseline *b = NULL;

		assert_int_equal(cli_baseline_load(&b, p), 0);
		assert_int_equal(b->count, 1);
		assert_string_equal(b->items[0].path, "my docs/c.txt");
		assert_int_equal(b->items[0].count, 3);
		cli_baseline_free(b);
		unlink(p);
		free(p);
	}
	{
		/* the last line needs no newline; a line of the longest length
		 * is read, one byte more is refused */
		const char *head = "# clauselint baseline 1\n0123456789abcdef 2 "
		                   "flag-tbd ";
		size_t hl = strlen(head), pl = BASELINE_MAX_LINE - (hl - 24);
		char *text = malloc(hl + pl + 2), *p;
		cli_baseline *b = NULL;

		assert_non_null(text);
		memcpy(text, head, hl);
		memset(text + hl, 'x', pl);
		p = unit_temp_file(text, hl + pl);
		assert_int_equal(cli_baseline_load(&b, p), 0);
		assert_int_equal(b->count, 1);
		assert_int_equal(strlen(b->items[0].path), pl);
		assert_int_equal(b->items[0].count, 2);
		cli_baseline_free(b);
		unlink(p);
		free(p);
		/* with its newline too */
		text[hl + pl] = '\n';
		p = unit_temp_file(text, hl + pl + 1);
		assert_int_equal(cli_baseline_load(&b, p), 0);
		assert_int_equal(b->count, 1);
		cli_baseline_free(b);
		unlink(p);
		free(p);
		/* one byte more, with and without a newline */
		text[hl + pl] = 'x';
		text[hl + pl + 1] = '\n';
		p = unit_temp_file(text, hl + pl + 2);
		assert_int_equal(cli_baseline_load(&b, p), -1);
		assert_null(b);
		unlink(p);
		free(p);
		p = unit_temp_file(text, hl + pl + 1);
		assert_int_equal(cli_baseline_load(&b, p), -1);
		assert_null(b);
		unlink(p);
		free(p);
		free(text);
	}
}

/* Every entry written reads back: repeated entries merge into a count of
 * at most 10^9, and a finding whose line could not be read back (a path
 * of thousands of bytes) is never recorded, like one with a newline. */
static void test_lines_read_back(void **state)
{
	static const char merged[] = "# clauselint baseline 1\n"
	                             "0123456789abcdef 1000000000 r a.txt\n"
	                             "0123456789abcdef 5 r a.txt\n";
	clint_ruleset *rs = unit_ruleset(pack);
	cli_baseline *b = NULL;
	clint_doc *doc;
	clint_result *res = check_text(rs, v1, &doc);
	char *p = unit_temp_file(merged, sizeof(merged) - 1), *path;
	size_t n = BASELINE_MAX_LINE;

	(void)state;
	assert_int_equal(cli_baseline_load(&b, p), 0);
	assert_int_equal(b->count, 1);
	assert_int_equal(b->items[0].count, BASELINE_MAX_COUNT);
	assert_int_equal(b->items[0].remaining, BASELINE_MAX_COUNT);
	cli_baseline_free(b);
	unlink(p);
	free(p);

	path = malloc(n + 1);
	assert_non_null(path);
	memset(path, 'p', n);
	path[n] = '\0';
	assert_int_equal(cli_baseline_new(&b), 0);
	assert_int_equal(cli_baseline_record(b, path, res), 0);
	assert_int_equal(b->count, 0);
	/* one byte longer than the longest path whose line fits with the
	 * longest rule id, flag-promptly, and a 10-digit count: the three
	 * TBDs and the missing clause-law are recorded, not the promptly */
	n -= 16 + 1 + 10 + 1 + strlen("flag-promptly") + 1;
	path[n + 1] = '\0';
	assert_int_equal(cli_baseline_record(b, path, res), 0);
	assert_int_equal(b->count, 4);
	cli_baseline_free(b);
	/* the longest: all five */
	path[n] = '\0';
	assert_int_equal(cli_baseline_new(&b), 0);
	assert_int_equal(cli_baseline_record(b, path, res), 0);
	assert_int_equal(b->count, 5);
	free(path);
	cli_baseline_free(b);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/* What is written reads back: a baseline over the byte cap is not
 * written, and a file over it is refused when read. */
static void test_size_cap(void **state)
{
	char *file = temp_path(), rule[16], path[128];
	cli_baseline *b, *back = NULL;
	struct stat st;
	size_t i, n;

	(void)state;
	assert_int_equal(cli_baseline_new(&b), 0);
	/* ~150 bytes an entry: 300 fit in 64 KiB, 500 do not */
	for (i = 0; i < 500; i++) {
		snprintf(rule, sizeof(rule), "rule-%zu", i % 7);
		snprintf(path, sizeof(path), "contracts/%0100zu.txt", i);
		assert_int_equal(add(b, path, "0123456789abcdef", rule, strlen(rule),
		                     i + 1),
		                 0);
		if (i + 1 == 300) {
			assert_int_equal(cli_baseline_write(b, file), 0);
			assert_int_equal(stat(file, &st), 0);
			n = written_size(b);
			assert_int_equal((size_t)st.st_size, n);
			assert_true(n <= BASELINE_MAX_BYTES);
			assert_int_equal(cli_baseline_load(&back, file), 0);
			assert_int_equal(back->count, 300);
			cli_baseline_free(back);
		}
	}
	assert_true(written_size(b) > BASELINE_MAX_BYTES);
	assert_int_equal(cli_baseline_write(b, file), -1);
	/* the old file is kept, the new one never written */
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal((size_t)st.st_size, n);
	cli_baseline_free(b);
	unlink(file);
	free(file);
	{
		/* a file one byte over the cap: comments after the header */
		char *text = malloc(BASELINE_MAX_BYTES + 1), *p;

		assert_non_null(text);
		memset(text, '#', BASELINE_MAX_BYTES + 1);
		memcpy(text, BASELINE_HEADER "\n", sizeof(BASELINE_HEADER));
		for (i = 100; i < BASELINE_MAX_BYTES; i += 100)
			text[i] = '\n';
		p = unit_temp_file(text, BASELINE_MAX_BYTES);
		back = NULL;
		assert_int_equal(cli_baseline_load(&back, p), 0);
		assert_int_equal(back->count, 0);
		cli_baseline_free(back);
		unlink(p);
		free(p);
		p = unit_temp_file(text, BASELINE_MAX_BYTES + 1);
		assert_int_equal(cli_baseline_load(&back, p), -1);
		assert_null(back);
		unlink(p);
		free(p);
		free(text);
	}
}

/* a baseline that is a named pipe nobody writes to, or a directory, is
 * refused at once with the reason (it used to wait for a writer) */
static void test_not_a_file(void **state)
{
	char dir[] = "/tmp/clint-test-XXXXXX", path[64];
	cli_baseline *b = (cli_baseline *)1;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(cli_baseline_load(&b, dir), -1);
	assert_null(b);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10);
	assert_int_equal(cli_baseline_load(&b, path), -1);
	alarm(0);
	assert_null(b);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_and_renumbering),
		cmocka_unit_test(test_counts_and_new_wording),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_lines_read_back),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_not_a_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
