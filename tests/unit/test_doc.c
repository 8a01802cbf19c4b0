/*
 * test_doc.c - the document model (src/lib/doc.c): the stages that run
 * when first needed. Loading a document runs extract only (and normalise
 * for a document of one block, to warn when it is empty); normalise,
 * segment and values run the first time something asks for their
 * results (section, sentence and value accessors, clint_check()), once,
 * also when threads ask at the same time, with the same results.
 */
#include "unit.h"

#include <pthread.h>

#include "internal.h"
#include "extract/extract.h"

static const char contract[] =
	"1. Charges\n\n"
	"1.1 The Client shall pay USD 10,000 per month within thirty (30) days "
	"of the invoice.\n\n"
	"2. Service Levels\n\n"
	"2.1 The Services shall be available 99.5 % of the time; a Service "
	"Credit of 5 % of the monthly Charges applies.\n";

/* Loads without the unit helpers (which ask for the analysis). */
static clint_doc *load(const char *text, clint_diag *diag)
{
	clint_doc *doc = NULL;

	assert_int_equal(clint_doc_load_buffer(&doc, "c.txt", text, strlen(text),
	                                       NULL, diag),
	                 CLINT_OK);
	return doc;
}

static void test_values_found_when_asked(void **state)
{
	clint_doc *doc = load(contract, NULL);
	clint_value v;

	(void)state;
	assert_int_equal(doc->analysis, 0);
	assert_null(doc->norm);
	assert_int_equal(doc->value_count, 0);
	assert_int_equal(clint_doc_value_count(doc), 4);
	assert_int_equal(doc->analysis, 1);
	assert_non_null(doc->norm);
	assert_int_equal(doc->section_count, 4);
	assert_int_equal(clint_doc_value(doc, 0, &v), CLINT_OK);
	assert_int_equal(v.kind, CLINT_VALUE_MONEY);
	assert_true(v.amount == 10000);
	assert_string_equal(v.currency, "USD");
	unit_assert_slice(doc, v.start, v.end, "USD 10,000");
	assert_int_equal(clint_doc_value(doc, 1, &v), CLINT_OK);
	assert_int_equal(v.kind, CLINT_VALUE_DURATION);
	assert_true(v.days == 30);
	/* asking again finds nothing new */
	assert_int_equal(clint_doc_value_count(doc), 4);
	assert_int_equal(clint_doc_value(doc, 4, &v), CLINT_EINVAL);
	clint_doc_free(doc);
}

static void test_check_finds_values(void **state)
{
	clint_ruleset *rs = NULL;
	clint_result *res = NULL;
	clint_doc *doc = load(contract, NULL);

	(void)state;
	assert_int_equal(clint_ruleset_load(&rs, NULL, NULL), CLINT_OK);
	assert_int_equal(doc->analysis, 0);
	assert_int_equal(clint_check(&res, rs, doc, NULL, NULL), CLINT_OK);
	assert_int_equal(doc->analysis, 1);
	assert_int_equal(doc->value_count, 4);
	clint_result_free(res);
	clint_ruleset_free(rs);
	clint_doc_free(doc);
}

/* Sections and sentences are there when asked for, as before. */
static void test_sections_when_asked(void **state)
{
	clint_doc *a = load(contract, NULL), *b = load(contract, NULL);
	clint_section s;
	size_t i, n;

	(void)state;
	assert_int_equal(a->analysis, 0);
	assert_int_equal(clint_doc_section_at(a, unit_offset(a, "USD")), 1);
	assert_int_equal(a->analysis, 1);
	assert_int_equal(clint_doc_section(b, 1, &s), CLINT_OK);
	assert_string_equal(s.label, "\xC2\xA7 1.1 (Charges)");
	n = clint_doc_sentence_count(b);
	assert_int_equal(n, a->sentence_count);
	assert_true(n >= 4);
	for (i = 0; i < n; i++)
		assert_int_equal(b->sentences[i], a->sentences[i]);
	clint_doc_free(a);
	clint_doc_free(b);
}

/* Only a document of one block or none can have no matching text: it is
 * normalised at load to say so; other documents are not. */
static void test_empty_warning_at_load(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load("  \n\t\n", d);
	assert_int_equal(doc->block_count <= 1, 1);
	assert_true(unit_diag_find(d, "the document has no text") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load("One line.", d);
	assert_int_equal(doc->norm_done, 1);
	assert_int_equal(doc->analysis, 0);
	assert_int_equal(clint_diag_count(d), 0);
	clint_doc_free(doc);
	doc = load(contract, d);
	assert_int_equal(doc->norm_done, 0);
	assert_int_equal(clint_diag_count(d), 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void *count_values(void *doc)
{
	return (void *)(uintptr_t)clint_doc_value_count(doc);
}

static void test_values_once_across_threads(void **state)
{
	clint_doc *doc = load(contract, NULL);
	pthread_t t[8];
	void *n;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(t); i++)
		assert_int_equal(pthread_create(&t[i], NULL, count_values, doc), 0);
	for (i = 0; i < ARRAY_LEN(t); i++) {
		assert_int_equal(pthread_join(t[i], &n), 0);
		assert_int_equal((uintptr_t)n, 4);
	}
	assert_int_equal(doc->value_count, 4);
	clint_doc_free(doc);
}

/* Whatever bytes an extractor puts, the built text is UTF-8: a byte that
 * starts no valid sequence becomes '?' in place (offsets unchanged). */
static void test_built_text_is_utf8(void **state)
{
	/* a lone continuation byte, a truncated lead, an overlong, a
	 * surrogate, and valid 2-, 3- and 4-byte sequences */
	static const char in[] = "a\xA1\xC2\xA3 \xE1\xA3x \xC0\xAF \xED\xA0\x80 "
	                         "\xE2\x82\xAC \xF0\x9F\x98\x80";
	static const char want[] = "a?\xC2\xA3 ??x ?? ??? \xE2\x82\xAC "
	                           "\xF0\x9F\x98\x80";
	clint_doc *doc = NULL;
	const char *t;
	size_t len;
	char buf[8] = "\xFF\xFE";

	(void)state;
	assert_int_equal(clint_doc_alloc(&doc, "b"), CLINT_OK);
	assert_int_equal(clint_doc_open_block(doc, CLINT_BLOCK_PARAGRAPH, 0, 1, 1, 0),
	                 CLINT_OK);
	assert_int_equal(clint_doc_put(doc, in, sizeof(in) - 1), CLINT_OK);
	assert_int_equal(clint_doc_finish_build(doc), CLINT_OK);
	t = clint_doc_text(doc, &len);
	assert_int_equal(len, sizeof(in) - 1);
	assert_string_equal(t, want);
	assert_true(clint_utf8_valid(t, len));
	clint_doc_free(doc);
	assert_int_equal(clint_utf8_repair(buf, 2), 2);
	assert_string_equal(buf, "??");
	assert_int_equal(clint_utf8_repair(buf, 2), 0);
}

/* ---- the document memory limit (clint_doc_options.max_doc_memory) ------ */

/* Cells held for after their block (an embedded sheet's) are charged the
 * room their buffer takes, which doubles (they were charged their bytes:
 * 1 MiB and one byte took 2 MiB); a flush gives it all back. */
static void test_held_cells_charged(void **state)
{
	clint_held_cells q;
	clint_doc *doc = NULL;
	size_t before;
	char *cell = malloc(1 << 20);

	(void)state;
	assert_non_null(cell);
	memset(cell, 'x', 1 << 20);
	memset(&q, 0, sizeof(q));
	assert_int_equal(clint_doc_alloc(&doc, "b"), CLINT_OK);
	before = doc->mem.used;
	assert_int_equal(clint_held_cells_add(&q, doc, 0, 1, 1, cell, 1 << 20),
	                 CLINT_OK);
	assert_true(q.buf.cap >= (1 << 20) + 13);
	assert_int_equal(doc->mem.used - before, q.buf.cap);
	assert_int_equal(clint_held_cells_add(&q, doc, 0, 1, 1, "y", 1),
	                 CLINT_OK);
	assert_int_equal(doc->mem.used - before, q.buf.cap);
	assert_int_equal(clint_doc_open_block(doc, CLINT_BLOCK_PARAGRAPH, 0, 1, 1,
	                                      0),
	                 CLINT_OK);
	assert_int_equal(clint_doc_put(doc, "P", 1), CLINT_OK);
	assert_int_equal(clint_doc_close_block(doc), CLINT_OK);
	before = doc->mem.used;
	assert_int_equal(clint_held_cells_flush(&q, doc, 0), CLINT_OK);
	assert_int_equal(q.buf.cap, 0);
	assert_int_equal(q.charged, 0);
	assert_true(doc->mem.used < before);
	assert_int_equal(clint_doc_block_count(doc), 3);
	/* past the budget: refused */
	doc->mem.limit = doc->mem.used + 4096;
	assert_int_equal(clint_held_cells_add(&q, doc, 0, 1, 1, cell, 1 << 20),
	                 CLINT_ELIMIT);
	assert_true(doc->mem.over);
	clint_held_cells_free(&q, doc);
	clint_doc_free(doc);
	free(cell);
}

/* The bytes of every table the budget pays for, from their capacities. */
static size_t tables_bytes(const clint_doc *d)
{
	size_t i, strings = 0;

	for (i = 0; i < d->annotation_count; i++)
		strings += strlen(d->annotations[i].author) + 1 +
		           strlen(d->annotations[i].text) + 1;
	return strings + d->block_cap * sizeof(*d->blocks) +
	       d->skip_cap * sizeof(*d->skips) + d->fold_cap * sizeof(*d->folds) +
	       (d->line_count + d->char_mark_count) * sizeof(size_t) +
	       d->norm_map.cap * sizeof(*d->norm_map.runs) +
	       d->section_cap * sizeof(*d->sections) +
	       d->sentence_cap * sizeof(*d->sentences) +
	       d->definition_cap * sizeof(*d->definitions) +
	       d->value_cap * sizeof(*d->values) +
	       d->annotation_cap * sizeof(*d->annotations);
}

/* The budget counts exactly the capacity of every table, in each format
 * (Markdown has markup ranges, DOCX comments and look-alike letters
 * folds): a table left out of it could still grow without bound. */
static void test_doc_memory_counts_every_table(void **state)
{
	static const char *const files[] = {
		"samples/sound-outsourcing-agreement.md",
		"samples/formats/sound-outsourcing-agreement.docx",
		"samples/formats/weak-draft-outsourcing.odt",
		"samples/formats/weak-draft-outsourcing.html",
		"samples/formats/weak-draft-outsourcing.rtf",
	};
	static const char folded[] =
		"1. Fees\n\nAdditional f\xd0\xb5\xd0\xb5s may apply.\n\n"
		"2. Notes\n\nThe \"Services\" means the services.\n";
	clint_doc *doc;
	size_t i, len;

	(void)state;
	for (i = 0; i < ARRAY_LEN(files); i++) {
		char *data = unit_read_file(files[i], &len);

		doc = NULL;
		assert_int_equal(clint_doc_load_buffer(&doc, files[i], data, len,
		                                       NULL, NULL),
		                 CLINT_OK);
		assert_int_equal(doc->mem.limit, CLINT_DEFAULT_MAX_DOC_MEMORY);
		assert_int_equal(clint_doc_prepare(doc, NULL), CLINT_OK);
		assert_true(doc->block_count > 10 && doc->section_count > 5);
		assert_int_equal(doc->mem.used, tables_bytes(doc));
		assert_int_equal(doc->mem.over, 0);
		free(data);
		clint_doc_free(doc);
	}
	doc = load(folded, NULL);
	assert_int_equal(clint_doc_prepare(doc, NULL), CLINT_OK);
	assert_true(doc->fold_count == 1 && doc->definition_count == 1);
	assert_int_equal(doc->mem.used, tables_bytes(doc));
	clint_doc_free(doc);
}

/* Loads `text` with document memory limit `limit`: the return code. */
static int load_limited(const char *text, size_t limit, clint_doc **doc,
                        clint_diag *diag)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;

	o.max_doc_memory = limit;
	return clint_doc_load_buffer(doc, "dense.txt", text, strlen(text), &o,
	                             diag);
}

/* Many paragraphs: the extractor's blocks pass the limit while loading,
 * which refuses the document with one error naming it and the limit. */
static void test_doc_memory_limit_at_load(void **state)
{
	static const struct {
		size_t paragraphs, limit;
		const char *says;
	} cases[] = {
		{2000, 16384, "dense.txt: refused: its structure (paragraphs, lines, "
		              "spacing, sentences) needs more than the document "
		              "memory limit of 16384 bytes"},
		{40000, (size_t)1 << 20, "memory limit of 1 MiB"},
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		char *text = malloc(3 * cases[i].paragraphs + 1);
		clint_diag *diag = NULL;
		clint_doc *doc = (clint_doc *)1;
		clint_diag_entry e;
		char msg[300];

		assert_non_null(text);
		for (k = 0; k < cases[i].paragraphs; k++)
			memcpy(text + 3 * k, "a\n\n", 3);
		text[3 * k] = '\0';
		assert_int_equal(clint_diag_new(&diag), CLINT_OK);
		assert_int_equal(load_limited(text, cases[i].limit, &doc, diag),
		                 CLINT_ELIMIT);
		assert_null(doc);
		assert_int_equal(clint_diag_count(diag), 1);
		assert_int_equal(clint_diag_get(diag, 0, &e), CLINT_OK);
		assert_int_equal(e.level, CLINT_DIAG_ERROR);
		snprintf(msg, sizeof(msg), "%s: %s", e.file, e.message);
		assert_non_null(strstr(msg, cases[i].says));
		/* ten times the limit: the same text loads */
		assert_int_equal(load_limited(text, 10 * cases[i].limit, &doc, NULL),
		                 CLINT_OK);
		assert_true(doc->mem.used <= 10 * cases[i].limit);
		clint_doc_free(doc);
		clint_diag_free(diag);
		free(text);
	}
}

/* A text that loads within the limit but whose matching view's map does
 * not fit (a tab between letters costs two runs of the map): the
 * analysis is refused, by clint_doc_prepare() and clint_check() alike,
 * each time asked, and the accessors show no structure. */
static void test_doc_memory_limit_in_analysis(void **state)
{
	clint_ruleset *rs = NULL;
	clint_result *res = NULL;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	char *text = malloc(2 * 20000 + 32);
	size_t k, n;

	(void)state;
	assert_non_null(text);
	n = (size_t)sprintf(text, "1. Fees\n\n");
	for (k = 0; k < 20000; k++, n += 2)
		memcpy(text + n, "a\t", 2);
	text[n] = '\0';
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	assert_int_equal(load_limited(text, 65536, &doc, diag), CLINT_OK);
	assert_int_equal(clint_diag_count(diag), 0);
	assert_int_equal(clint_doc_prepare(doc, diag), CLINT_ELIMIT);
	assert_int_equal(clint_doc_prepare(doc, diag), CLINT_ELIMIT);
	assert_int_equal(clint_diag_count_level(diag, CLINT_DIAG_ERROR), 2);
	assert_true(unit_diag_find(diag, "memory limit of 65536 bytes") == 0);
	assert_int_equal(clint_doc_section_count(doc), 0);
	assert_int_equal(clint_doc_sentence_count(doc), 0);
	assert_int_equal(clint_ruleset_load(&rs, NULL, NULL), CLINT_OK);
	clint_diag_clear(diag);
	assert_int_equal(clint_check(&res, rs, doc, NULL, diag), CLINT_ELIMIT);
	assert_null(res);
	assert_true(unit_diag_find(diag, "memory limit of 65536 bytes") == 0);
	assert_true(doc->mem.used <= 65536);
	clint_doc_free(doc);
	/* no limit: the same text is read */
	assert_int_equal(load_limited(text, SIZE_MAX, &doc, NULL), CLINT_OK);
	assert_int_equal(doc->mem.limit, 0);
	assert_int_equal(clint_doc_prepare(doc, NULL), CLINT_OK);
	assert_int_equal(clint_doc_section_count(doc), 1);
	assert_true(doc->mem.used > 65536);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	clint_doc_free(doc);
	free(text);
}

/* Every extractor reports the limit as the reason and nothing else: none
 * turns it into "the text exceeds the size limit" of its own. */
static void test_doc_memory_limit_each_format(void **state)
{
	static const char *const files[] = {
		"samples/sound-outsourcing-agreement.txt",
		"samples/sound-outsourcing-agreement.md",
		"samples/formats/sound-outsourcing-agreement.docx",
		"samples/formats/sound-outsourcing-agreement.odt",
		"samples/formats/sound-outsourcing-agreement.html",
		"samples/formats/sound-outsourcing-agreement.rtf",
	};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	size_t i, len;

	(void)state;
	o.max_doc_memory = 1024;
	for (i = 0; i < ARRAY_LEN(files); i++) {
		char *data = unit_read_file(files[i], &len);
		clint_diag *diag = NULL;
		clint_doc *doc = NULL;
		clint_diag_entry e;

		assert_int_equal(clint_diag_new(&diag), CLINT_OK);
		assert_int_equal(clint_doc_load_buffer(&doc, files[i], data, len, &o,
		                                       diag),
		                 CLINT_ELIMIT);
		assert_int_equal(clint_diag_count_level(diag, CLINT_DIAG_ERROR), 1);
		assert_true(unit_diag_find(diag, "memory limit of 1024 bytes") >= 0);
		assert_int_equal(clint_diag_get(diag, (size_t)unit_diag_find(
		                                          diag, "memory limit"),
		                                &e),
		                 CLINT_OK);
		assert_string_equal(e.file, files[i]);
		clint_diag_free(diag);
		free(data);
	}
}

/* An annotation's strings are paid for too: an ODT annotation can be
 * a megabyte of spaces from a few kilobytes of XML. */
static void test_doc_memory_annotation_strings(void **state)
{
	clint_doc *doc = NULL;
	char *big = malloc(8192);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 8191);
	big[8191] = '\0';
	assert_int_equal(clint_doc_alloc(&doc, "a.odt"), CLINT_OK);
	doc->mem.limit = 4096;
	assert_int_equal(clint_doc_add_annotation(doc, "Ann", "short", 0, 0),
	                 CLINT_OK);
	assert_int_equal(doc->mem.used, tables_bytes(doc));
	assert_int_equal(clint_doc_add_annotation(doc, "Ann", big, 0, 0),
	                 CLINT_ELIMIT);
	assert_int_equal(doc->mem.over, 1);
	assert_int_equal(doc->annotation_count, 1);
	assert_int_equal(doc->mem.used, tables_bytes(doc));
	clint_doc_free(doc);
	free(big);
}

/* Options of version 2 end before max_doc_memory: it keeps its default,
 * whatever follows them in memory. */
static void test_doc_options_version_2(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;

	(void)state;
	o.version = 2;
	o.max_doc_memory = 1;  /* not read */
	assert_int_equal(clint_doc_load_buffer(&doc, "c.txt", contract,
	                                       strlen(contract), &o, NULL),
	                 CLINT_OK);
	assert_int_equal(doc->mem.limit, CLINT_DEFAULT_MAX_DOC_MEMORY);
	clint_doc_free(doc);
	o.version = 3;
	o.max_doc_memory = 0;
	assert_int_equal(clint_doc_load_buffer(&doc, "c.txt", contract,
	                                       strlen(contract), &o, NULL),
	                 CLINT_OK);
	assert_int_equal(doc->mem.limit, CLINT_DEFAULT_MAX_DOC_MEMORY);
	clint_doc_free(doc);
	assert_int_equal(clint_doc_prepare(NULL, NULL), CLINT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_cells_charged),
		cmocka_unit_test(test_built_text_is_utf8),
		cmocka_unit_test(test_values_found_when_asked),
		cmocka_unit_test(test_check_finds_values),
		cmocka_unit_test(test_sections_when_asked),
		cmocka_unit_test(test_empty_warning_at_load),
		cmocka_unit_test(test_values_once_across_threads),
		cmocka_unit_test(test_doc_memory_counts_every_table),
		cmocka_unit_test(test_doc_memory_limit_at_load),
		cmocka_unit_test(test_doc_memory_limit_in_analysis),
		cmocka_unit_test(test_doc_memory_limit_each_format),
		cmocka_unit_test(test_doc_memory_annotation_strings),
		cmocka_unit_test(test_doc_options_version_2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
