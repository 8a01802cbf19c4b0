/*
 * fuzz.h - shared by the libFuzzer entry points in tests/fuzz/. Each
 * fuzz_<target>.c defines LLVMFuzzerTestOneInput(); it is built with clang
 * and -fsanitize=fuzzer,address,undefined by `make fuzz`, and with gcc
 * against replay.c (a main() that feeds files to it) by `make fuzz-replay`,
 * which runs the saved corpus and every regression input in `make test`.
 *
 * The helpers run one input through a named extractor directly (the content
 * sniffing of clint_extract() would send most mutations of a DOCX to the
 * text reader), then through normalise, segment and values, and read back
 * everything the public accessors expose, so a bad offset shows up here
 * rather than in a report.
 */
#ifndef CLINT_FUZZ_H
#define CLINT_FUZZ_H

#define _GNU_SOURCE  /* memmem */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs over this are skipped: the extractors' own caps are far larger
 * and are tested by tests/hostile, not by the fuzzers. */
#define FUZZ_MAX_INPUT (1u << 20)

/* Reads every accessor of a loaded document; aborts on an inconsistency. */
static void fuzz_walk_doc(const clint_doc *doc)
{
	size_t i, n, len, notes;
	const char *text = clint_doc_text(doc, &len);
	clint_location loc;

	/* the document's text is UTF-8 (the matching relies on it:
	 * PCRE2_NO_UTF_CHECK) with no NUL before its terminating one */
	if (!text || text[len] != '\0' || !clint_utf8_valid(text, len) ||
	    memchr(text, 0, len))
		abort();
	n = clint_doc_block_count(doc);
	for (i = 0; i < n; i++) {
		clint_block b;
		if (clint_doc_block(doc, i, &b) != CLINT_OK || b.end > len ||
		    b.start > b.end)
			abort();
		/* only a cell opens a row */
		if (b.type != CLINT_BLOCK_TABLE_CELL &&
		    (b.flags & CLINT_BLOCK_ROW_START))
			abort();
	}
	/* the notes after the body are in no section */
	notes = clint_doc_notes_start(doc);
	if (notes > len ||
	    (notes < len && clint_doc_section_at(doc, notes) != CLINT_NO_SECTION))
		abort();
	n = clint_doc_section_count(doc);
	for (i = 0; i < n; i++) {
		clint_section s;
		if (clint_doc_section(doc, i, &s) != CLINT_OK || s.end > len ||
		    s.start > s.end || s.end > notes)
			abort();
	}
	n = clint_doc_sentence_count(doc);
	for (i = 0; i < n; i++) {
		size_t a, b;
		if (clint_doc_sentence(doc, i, &a, &b) != CLINT_OK || b > len ||
		    a > b)
			abort();
	}
	n = clint_doc_value_count(doc);
	for (i = 0; i < n; i++) {
		clint_value v;
		if (clint_doc_value(doc, i, &v) != CLINT_OK || v.end > len)
			abort();
	}
	n = clint_doc_annotation_count(doc);
	for (i = 0; i < n; i++) {
		clint_annotation a;
		if (clint_doc_annotation(doc, i, &a) != CLINT_OK)
			abort();
	}
	for (i = 0; i <= len; i += len / 7 + 1) {
		clint_doc_locate(doc, i, &loc);
		(void)clint_doc_section_at(doc, i);
	}
	clint_doc_locate(doc, len, &loc);
}

/* An extractor: data -> doc's text or blocks, as clint_extract_*(). */
typedef int (*fuzz_extract_fn)(clint_doc *doc, const unsigned char *data,
                               size_t len, clint_diag *diag);

/* The extractors that build blocks (the others build doc->text). */
static int fuzz_builds_blocks(clint_input_format fmt)
{
	return fmt == CLINT_INPUT_DOCX || fmt == CLINT_INPUT_ODT ||
	       fmt == CLINT_INPUT_HTML || fmt == CLINT_INPUT_RTF ||
	       fmt == CLINT_INPUT_PDF;
}

/* The extractor for `fmt` (never format detection). */
static fuzz_extract_fn fuzz_extractor(clint_input_format fmt)
{
	switch (fmt) {
	case CLINT_INPUT_MARKDOWN: return clint_extract_markdown;
	case CLINT_INPUT_DOCX: return clint_extract_docx;
	case CLINT_INPUT_ODT: return clint_extract_odt;
	case CLINT_INPUT_HTML: return clint_extract_html;
	case CLINT_INPUT_RTF: return clint_extract_rtf;
	case CLINT_INPUT_PDF: return clint_extract_pdf;
	default: return clint_extract_text;
	}
}

/*
 * The document memory limit (clint_doc.mem) of an input: the default,
 * unless its last byte is 0xF0 or more (rare at the end of a document,
 * one mutation in 16 of that byte): then 1 KiB to 128 KiB by its low
 * bits, so that the fuzzers reach the refusal of every table in every
 * extractor. FUZZ_DOC_MEMORY=N (bytes) sets it for every input: a replay
 * of the saved corpus under a small limit.
 */
static size_t fuzz_doc_memory(const uint8_t *data, size_t size)
{
	const char *env = getenv("FUZZ_DOC_MEMORY");

	if (env && *env)
		return (size_t)strtoull(env, NULL, 10);
	if (size && data[size - 1] >= 0xF0)
		return (size_t)1024 << ((data[size - 1] >> 1) & 7);
	return CLINT_DEFAULT_MAX_DOC_MEMORY;
}

/*
 * Runs `data` through `extract`, an extractor of format `fmt`, then
 * normalise, segment and values, like clint_doc_load_buffer(). Returns
 * the document or NULL.
 */
static clint_doc *fuzz_load_with(fuzz_extract_fn extract, clint_input_format fmt,
                                 const char *name, const uint8_t *data,
                                 size_t size, clint_revisions revisions)
{
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	int rc;

	if (clint_diag_new(&diag) != CLINT_OK)
		return NULL;
	if (clint_doc_alloc(&doc, name) != CLINT_OK)
		goto fail;
	doc->format = fmt;
	doc->revisions = revisions;
	doc->mem.limit = fuzz_doc_memory(data, size);
	rc = extract(doc, data, size, diag);
	if (rc >= 0 && fuzz_builds_blocks(fmt))
		rc = clint_doc_finish_build(doc);
	if (rc >= 0)
		rc = clint_doc_index_lines(doc);
	/* as clint_extract() does: a table past the limit is the reason */
	if (rc == CLINT_ELIMIT && doc->mem.over)
		clint_doc_mem_error(doc, diag);
	/* the analysis the library runs on first use: normalise, segment,
	 * definitions, values */
	if (rc >= 0)
		rc = clint_doc_prepare(doc, diag);
	/* a failure must say why */
	if (rc < 0 && rc != CLINT_ENOMEM && clint_diag_count(diag) == 0)
		abort();
	/* the memory limit, once passed, refuses the document, and its one
	 * error says so: no extractor goes on with a table it could not grow,
	 * or adds a reason of its own (that the text is too large) */
	if (doc->mem.over &&
	    (rc != CLINT_ELIMIT ||
	     clint_diag_count_level(diag, CLINT_DIAG_ERROR) != 1 ||
	     doc->mem.used > doc->mem.limit))
		abort();
	if (rc < 0)
		goto fail;
	clint_diag_free(diag);
	fuzz_walk_doc(doc);
	return doc;
fail:
	clint_diag_free(diag);
	clint_doc_free(doc);
	return NULL;
}

/* Loads and frees with `extract`; the common body of the extractor
 * harnesses. The last byte's low bit picks how revisions are read. */
static int fuzz_extract_with(fuzz_extract_fn extract, clint_input_format fmt,
                             const char *name, const uint8_t *data,
                             size_t size)
{
	clint_doc *doc;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	doc = fuzz_load_with(extract, fmt, name, data, size,
	                     size && (data[size - 1] & 1) ? CLINT_REVISIONS_REJECT
	                                                  : CLINT_REVISIONS_ACCEPT);
	clint_doc_free(doc);
	return 0;
}

/* fuzz_extract_with() the extractor for `fmt`. */
static int fuzz_extract(clint_input_format fmt, const char *name,
                        const uint8_t *data, size_t size)
{
	return fuzz_extract_with(fuzz_extractor(fmt), fmt, name, data, size);
}

/*
 * Loads the ruleset `ro` describes (a pack or project file under test);
 * one that loads checks a short contract, after running its packs'
 * examples and lint when `test_packs` is set; one refused must say why.
 * Each of the three runs under a CPU-time limit of 1 s (the defaults of
 * 10 s each would pass libFuzzer's -timeout), and one that stops at it
 * must say so.
 */
static void fuzz_ruleset_check(const clint_ruleset_options *ro, int test_packs)
{
	static const char contract[] =
		"1. Services\nThe Supplier shall provide the Services promptly, "
		"as appropriate.\n2. Charges\nThe Client shall pay USD 1,000 "
		"within thirty (30) days at the Supplier's then-current rates.\n";
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	clint_packs_options po = CLINT_PACKS_OPTIONS_INIT;
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;
	size_t a, b, said;

	if (clint_diag_new(&diag) != CLINT_OK)
		return;
	po.max_cpu_seconds = co.max_cpu_seconds = 1;
	if (clint_ruleset_load(&rs, ro, diag) == CLINT_OK) {
		if (test_packs) {
			said = clint_diag_count(diag);
			if (clint_ruleset_test(rs, &po, diag, &a, &b) == CLINT_ELIMIT &&
			    clint_diag_count(diag) == said)
				abort();
			if (clint_ruleset_lint(rs, &po, diag, &a, &b) == CLINT_ELIMIT &&
			    a == 0)
				abort();
		}
		if (clint_doc_load_buffer(&doc, "c.txt", contract,
		                          sizeof(contract) - 1, NULL,
		                          diag) == CLINT_OK &&
		    clint_check(&res, rs, doc, &co, diag) == CLINT_OK)
			(void)clint_result_finding_count(res);
	} else if (clint_diag_count(diag) == 0) {
		abort();  /* a refused pack or setting must say why */
	}
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
}

/*
 * Writes the input to a private temporary file, for the loaders that read
 * files (packs, project files), and returns its path: the same file for
 * every input of the process, removed at exit. In memory when there is a
 * tmpfs: on ext4, truncating and rewriting the file for every input
 * started a writeback each time, and the harness waited on it (6000 runs
 * of the pack target: 15 s wall, 3.8 s CPU; in /dev/shm, 5 s and 2.6 s).
 * `name` is the file's name in a directory of its own (".clauselint.xml").
 */
static char fuzz_temp_dir[64], fuzz_temp_path[128];

static void fuzz_temp_remove(void)
{
	unlink(fuzz_temp_path);
	rmdir(fuzz_temp_dir);
}

static const char *fuzz_temp_file(const char *name, const uint8_t *data,
                                  size_t size)
{
	FILE *f;

	if (!fuzz_temp_path[0]) {
		struct stat st;

		snprintf(fuzz_temp_dir, sizeof(fuzz_temp_dir), "%s/clint-fuzz-XXXXXX",
		         stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
		                 access("/dev/shm", W_OK) == 0
		             ? "/dev/shm"
		             : "/tmp");
		if (!mkdtemp(fuzz_temp_dir))
			abort();
		snprintf(fuzz_temp_path, sizeof(fuzz_temp_path), "%s/%s",
		         fuzz_temp_dir, name);
		atexit(fuzz_temp_remove);
	}
	f = fopen(fuzz_temp_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return fuzz_temp_path;
}

#endif
