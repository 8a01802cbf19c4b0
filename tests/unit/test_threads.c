/*
 * test_threads.c - the library used from many threads at once, as
 * `clauselint -j N` does: threads load documents of every format (text,
 * Markdown, DOCX, ODT, HTML, RTF, PDF; libxml2, libzip, poppler) and
 * check them against one shared ruleset, and every result equals the
 * one computed on a single thread (same findings, same fingerprints, in
 * the same order). The unit tests run from the repository root; under
 * `make asan` this runs with AddressSanitizer.
 */
#include "unit.h"

#include <pthread.h>

#define THREADS 4
#define ROUNDS 3

static const char *const files[] = {
	"samples/weak-draft-outsourcing.txt",
	"samples/weak-draft-outsourcing.md",
	"samples/mutual-nda.txt",
	"samples/formats/weak-draft-outsourcing.docx",
	"samples/formats/sound-outsourcing-agreement.odt",
	"samples/formats/weak-draft-outsourcing.html",
	"samples/formats/weak-draft-outsourcing.rtf",
	"samples/formats/weak-draft-outsourcing.pdf",
	"samples/formats/auto-numbered-hosting.docx",
	"tests/cli/fixtures/tracked-changes.docx",
	"tests/cli/fixtures/hosting-tracked.odt",
	"tests/cli/fixtures/damaged.pdf",   /* an error, from any thread */
};
#define NFILES (sizeof(files) / sizeof(files[0]))

/* One line per finding and missing clause: rule, offsets, fingerprint;
 * "error" for an input that does not load. Malloc'd. */
static char *summarise(const clint_ruleset *rs, const char *path)
{
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	clint_finding f;
	char fp[CLINT_FINGERPRINT_SIZE];
	char *out = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&out, &len);

	if (!m)
		return NULL;
	if (clint_doc_load_file(&doc, path, NULL, NULL) < 0) {
		fprintf(m, "error\n");
	} else if (clint_check(&res, rs, doc, NULL, NULL) < 0) {
		fprintf(m, "check failed\n");
	} else {
		for (i = 0; i < clint_result_finding_count(res); i++) {
			clint_result_finding(res, i, &f);
			clint_finding_fingerprint(res, &f, fp);
			fprintf(m, "%s %zu %zu %s\n", f.rule_id, f.start, f.end, fp);
		}
		for (i = 0; i < clint_result_missing_count(res); i++) {
			clint_result_missing(res, i, &f);
			fprintf(m, "missing %s\n", f.rule_id);
		}
	}
	clint_result_free(res);
	clint_doc_free(doc);
	fclose(m);
	return out;
}

typedef struct {
	const clint_ruleset *rs;
	char *const *expected;
	int start;
	int mismatches;
} worker_arg;

static void *worker(void *p)
{
	worker_arg *a = p;
	size_t i;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < NFILES; i++) {
			/* each thread starts elsewhere, so that formats overlap */
			size_t k = (i + (size_t)a->start) % NFILES;
			char *got = summarise(a->rs, files[k]);

			if (!got || strcmp(got, a->expected[k]) != 0)
				a->mismatches++;
			free(got);
		}
	}
	return NULL;
}

static void test_threads_agree_with_one_thread(void **state)
{
	clint_ruleset *rs = NULL;
	char *expected[NFILES];
	pthread_t t[THREADS];
	worker_arg args[THREADS];
	size_t i;
	int n, lines = 0;

	(void)state;
	if (access(files[0], R_OK) != 0) {
		skip();  /* not run from the repository root */
		return;
	}
	assert_int_equal(clint_ruleset_load(&rs, NULL, NULL), CLINT_OK);
	for (i = 0; i < NFILES; i++) {
		expected[i] = summarise(rs, files[i]);
		assert_non_null(expected[i]);
		lines += strchr(expected[i], '\n') != NULL;
	}
	assert_int_equal(lines, (int)NFILES);
	assert_string_equal(expected[NFILES - 1], "error\n");
	for (n = 0; n < THREADS; n++) {
		args[n].rs = rs;
		args[n].expected = expected;
		args[n].start = n * 3;
		args[n].mismatches = 0;
		assert_int_equal(pthread_create(&t[n], NULL, worker, &args[n]), 0);
	}
	for (n = 0; n < THREADS; n++) {
		pthread_join(t[n], NULL);
		assert_int_equal(args[n].mismatches, 0);
	}
	for (i = 0; i < NFILES; i++)
		free(expected[i]);
	clint_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_agree_with_one_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
