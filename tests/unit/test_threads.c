/*
 * test_threads.c - the library used from many threads at once, as
 * `clauselint -j N` does: threads load documents of every format (text,
 * Markdown, DOCX, ODT, HTML, RTF, PDF; libxml2, libzip, poppler) and
 * check them against one shared ruleset, and every result equals the
 * one computed on a single thread (same findings, same fingerprints, in
 * the same order); and threads load pack files and project files at once,
 * valid and not, all validated against the one copy of each embedded
 * schema the process keeps (clint_xml_validate()), each load reporting
 * what it reports on one thread. The unit tests run from the repository
 * root; under `make asan` this runs with AddressSanitizer.
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

static const char good_pack[] =
	UNIT_PACK_HEAD("t")
	UNIT_RULE("t-promptly", "flag", "warning", "")
	UNIT_PATTERN("\\bpromptly\\b")
	UNIT_EXAMPLE("match", "Pay promptly.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;
/* well-formed, but not what the schema allows */
static const char bad_pack[] = "<?xml version=\"1.0\"?>\n<pack name=\"x\" "
                               "version=\"1\">\n  <bogus/>\n</pack>\n";
static const char good_config[] = "<?xml version=\"1.0\"?>\n"
                                  "<clauselint format=\"1\">\n"
                                  "  <disable rule=\"amb-efforts\"/>\n"
                                  "</clauselint>\n";
static const char bad_config[] = "<?xml version=\"1.0\"?>\n"
                                 "<clauselint format=\"1\">\n"
                                 "  <pack/>\n</clauselint>\n";

/* A load's outcome: its return code and every diagnostic. Malloc'd. */
static char *load_summary(const char *path, int is_config)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_config *cfg = NULL;
	clint_diag *diag = NULL;
	clint_diag_entry e;
	char *out = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&out, &len);
	int rc;

	if (!m || clint_diag_new(&diag) != CLINT_OK)
		return NULL;
	if (is_config) {
		rc = clint_config_load(&cfg, path, diag);
	} else {
		o.default_packs = 0;
		o.pack_paths = &path;
		o.pack_path_count = 1;
		rc = clint_ruleset_load(&rs, &o, diag);
	}
	fprintf(m, "%d\n", rc);
	for (i = 0; i < clint_diag_count(diag); i++) {
		clint_diag_get(diag, i, &e);
		fprintf(m, "%u %s\n", e.line, e.message);
	}
	clint_config_free(cfg);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	fclose(m);
	return out;
}

#define LOAD_ROUNDS (ROUNDS * 4)

typedef struct {
	char *const *paths;
	int start;
	char *got[LOAD_ROUNDS][4];  /* each load's summary, by file */
} load_arg;

static void *load_worker(void *p)
{
	load_arg *a = p;
	int r, i;

	for (r = 0; r < LOAD_ROUNDS; r++) {
		for (i = 0; i < 4; i++) {
			int k = (i + a->start) % 4;

			a->got[r][k] = load_summary(a->paths[k], k >= 2);
		}
	}
	return NULL;
}

static void test_threads_load_packs_and_projects(void **state)
{
	const char *const text[4] = {good_pack, bad_pack, good_config,
	                             bad_config};
	char *paths[4], *expected[4];
	pthread_t t[THREADS];
	load_arg args[THREADS];
	int i, n;

	(void)state;
	for (i = 0; i < 4; i++)
		paths[i] = unit_temp_file(text[i], strlen(text[i]));
	/* the threads start before anything in this process has parsed a
	 * schema, so they race to parse them first */
	for (n = 0; n < THREADS; n++) {
		args[n].paths = paths;
		args[n].start = n;
		assert_int_equal(pthread_create(&t[n], NULL, load_worker, &args[n]),
		                 0);
	}
	for (n = 0; n < THREADS; n++)
		pthread_join(t[n], NULL);
	for (i = 0; i < 4; i++) {
		expected[i] = load_summary(paths[i], i >= 2);
		assert_non_null(expected[i]);
	}
	/* loads and refusals, the refusals by the schema */
	assert_string_equal(expected[0], "0\n");
	assert_string_equal(expected[2], "0\n");
	assert_non_null(strstr(expected[1], "bogus"));
	assert_non_null(strstr(expected[3], "pack"));
	assert_int_equal(atoi(expected[1]), CLINT_EPACK);
	assert_int_equal(atoi(expected[3]), CLINT_EPACK);
	for (n = 0; n < THREADS; n++) {
		int r;

		for (r = 0; r < LOAD_ROUNDS; r++)
			for (i = 0; i < 4; i++) {
				assert_non_null(args[n].got[r][i]);
				assert_string_equal(args[n].got[r][i], expected[i]);
				free(args[n].got[r][i]);
			}
	}
	for (i = 0; i < 4; i++) {
		unlink(paths[i]);
		free(paths[i]);
		free(expected[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_agree_with_one_thread),
		cmocka_unit_test(test_threads_load_packs_and_projects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
