/*
 * unit.h - what every cmocka unit test of libclauselint includes: the
 * headers cmocka needs (in the order it needs them), the public API, and
 * small helpers to build fixtures: documents from strings, temporary pack
 * files, a memory sink for renderers, diagnostic look-ups.
 *
 * Helpers are `static inline` so that a test that does not use one gets
 * no unused-function warning.
 */
#ifndef CLINT_UNIT_H
#define CLINT_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clauselint.h"

/* ---- documents ------------------------------------------------------------ */

/* Loads `len` bytes as a document of format `fmt`; the load must succeed.
 * The stages that run when first needed (normalise, segment, values) are
 * run too, through a section accessor, for tests that look inside. */
static inline clint_doc *unit_doc_n(const char *name, const void *data,
                                    size_t len, clint_input_format fmt,
                                    clint_diag *diag)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;

	o.format = fmt;
	assert_int_equal(clint_doc_load_buffer(&doc, name, data, len, &o, diag),
	                 CLINT_OK);
	assert_non_null(doc);
	(void)clint_doc_section_count(doc);
	return doc;
}

/* A plain-text document from a C string. */
static inline clint_doc *unit_text(const char *s)
{
	return unit_doc_n("test.txt", s, strlen(s), CLINT_INPUT_TEXT, NULL);
}

/* A Markdown document from a C string. */
static inline clint_doc *unit_md(const char *s)
{
	return unit_doc_n("test.md", s, strlen(s), CLINT_INPUT_MARKDOWN, NULL);
}

/* The document's blocks as a string, one letter each: "R" a table cell
 * that opens a row (CLINT_BLOCK_ROW_START), "c" another cell, "." a
 * block of another type; must be `want`. */
static inline void unit_assert_rows(const clint_doc *doc, const char *want)
{
	char got[256];
	size_t i, n = clint_doc_block_count(doc);
	clint_block b;

	assert_true(n < sizeof(got));
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
		got[i] = b.type != CLINT_BLOCK_TABLE_CELL      ? '.'
		         : (b.flags & CLINT_BLOCK_ROW_START) ? 'R'
		                                             : 'c';
		if (b.type != CLINT_BLOCK_TABLE_CELL &&
		    (b.flags & CLINT_BLOCK_ROW_START))
			fail_msg("block %zu: a row start that is no cell", i);
	}
	got[n] = '\0';
	assert_string_equal(got, want);
}

/* Byte offset of the first `needle` in the document text; must exist. */
static inline size_t unit_offset(const clint_doc *doc, const char *needle)
{
	const char *t = clint_doc_text(doc, NULL);
	const char *p = strstr(t, needle);

	if (!p) {
		fail_msg("'%s' is not in the document text", needle);
		return 0;
	}
	return (size_t)(p - t);
}

/* Asserts that text[start..end) of `doc` is exactly `expect`. */
static inline void unit_assert_slice(const clint_doc *doc, size_t start,
                                     size_t end, const char *expect)
{
	size_t len;
	const char *t = clint_doc_text(doc, &len);

	assert_true(start <= end);
	assert_true(end <= len);
	if (end - start != strlen(expect) ||
	    memcmp(t + start, expect, end - start) != 0)
		fail_msg("text[%zu..%zu) is '%.*s', expected '%s'", start, end,
		         (int)(end - start), t + start, expect);
}

/* ---- diagnostics ---------------------------------------------------------- */

/* Index of the first entry whose message contains `needle`, or -1. */
static inline long unit_diag_find(const clint_diag *d, const char *needle)
{
	clint_diag_entry e;
	size_t i;

	for (i = 0; i < clint_diag_count(d); i++) {
		assert_int_equal(clint_diag_get(d, i, &e), CLINT_OK);
		if (strstr(e.message, needle))
			return (long)i;
	}
	return -1;
}

static inline void unit_diag_dump(const clint_diag *d);

/* The first entry whose message contains `needle`, which must be there, at
 * `level` (else the test fails, printing all entries). */
static inline clint_diag_entry unit_diag_at(const clint_diag *d,
                                            const char *needle,
                                            clint_diag_level level)
{
	clint_diag_entry e;
	long i = unit_diag_find(d, needle);

	if (i < 0) {
		unit_diag_dump(d);
		fail_msg("no diagnostic mentions '%s'", needle);
	}
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, level);
	return e;
}

/* Prints every entry (to read when a test fails). */
static inline void unit_diag_dump(const clint_diag *d)
{
	clint_diag_entry e;
	size_t i;

	for (i = 0; i < clint_diag_count(d); i++) {
		clint_diag_get(d, i, &e);
		print_message("  diag %zu: %s:%u:%u: [%d] %s\n", i,
		              e.file ? e.file : "(null)", e.line, e.column,
		              (int)e.level, e.message);
	}
}

/* ---- files ---------------------------------------------------------------- */

/* Reads the whole file at `path` (relative to the repository root, where
 * the tests run), which must exist and not be empty: a malloc'd buffer,
 * NUL-terminated past *len bytes. */
static inline char *unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* ---- temporary files ------------------------------------------------------ */

/* `n` copies of `item` between `head` and `tail`, malloc'd. */
static inline char *unit_repeat(const char *head, const char *item, size_t n,
                                const char *tail)
{
	size_t hl = strlen(head), il = strlen(item), i;
	char *s = malloc(hl + n * il + strlen(tail) + 1), *p;

	assert_non_null(s);
	memcpy(s, head, hl);
	for (p = s + hl, i = 0; i < n; i++, p += il)
		memcpy(p, item, il);
	strcpy(p, tail);
	return s;
}

/* Writes `len` bytes to a new file /tmp/clint-unit-XXXXXX; returns its
 * malloc'd path (the caller unlinks and frees it). */
static inline char *unit_temp_file(const void *data, size_t len)
{
	char tmpl[] = "/tmp/clint-unit-XXXXXX";
	int fd = mkstemp(tmpl);
	char *path;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	path = strdup(tmpl);
	assert_non_null(path);
	return path;
}

/* Writes `data` as `dir`/`name`. */
static inline void unit_write_at(const char *dir, const char *name,
                                 const char *data)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
	fclose(f);
}

/* Removes `dir`/`name`. */
static inline void unit_remove_at(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* ---- clause packs ----------------------------------------------------------
 * Pack XML from pieces. A rule needs title, message, rationale, ref and
 * suggestion (UNIT_RULE gives them), then optional within, heading*,
 * pattern*, unless*, and at least one example, in that order.
 */
#define UNIT_PACK_HEAD(name)                                                  \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                            \
	"<pack name=\"" name "\" format=\"1\">\n"                                 \
	"  <title>Unit test pack " name "</title>\n"
#define UNIT_PACK_TAIL "</pack>\n"
/* `attrs` adds attributes, e.g. " min-matches=\"2\"" (or ""). */
#define UNIT_RULE(id, kind, sev, attrs)                                       \
	"  <rule id=\"" id "\" kind=\"" kind "\" severity=\"" sev                 \
	"\" category=\"test\"" attrs ">\n"                                        \
	"    <title>Title of " id "</title>\n"                                    \
	"    <message>Message of " id "</message>\n"                              \
	"    <rationale>Rationale of " id "</rationale>\n"                        \
	"    <ref>Ref of " id "</ref>\n"                                          \
	"    <suggestion>Suggestion of " id "</suggestion>\n"
#define UNIT_WITHIN(re) "    <within>" re "</within>\n"
#define UNIT_HEADING(re) "    <heading>" re "</heading>\n"
#define UNIT_PATTERN(re) "    <pattern>" re "</pattern>\n"
#define UNIT_UNLESS(re) "    <unless>" re "</unless>\n"
#define UNIT_NEAR(words, re)                                                  \
	"    <near words=\"" words "\">" re "</near>\n"
#define UNIT_EXAMPLE(expect, text)                                            \
	"    <example expect=\"" expect "\">" text "</example>\n"
#define UNIT_RULE_END "  </rule>\n"

/* Loads one pack given as XML (no default packs). Returns the load's
 * return code; *out gets the ruleset or NULL. */
static inline int unit_ruleset_try(clint_ruleset **out, const char *xml,
                                   clint_diag *diag, char **path_out)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	char *path = unit_temp_file(xml, strlen(xml));
	const char *paths[1];
	int rc;

	paths[0] = path;
	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = 1;
	rc = clint_ruleset_load(out, &o, diag);
	unlink(path);
	if (path_out)
		*path_out = path;
	else
		free(path);
	return rc;
}

/* Loads one pack given as XML; the load must succeed. */
static inline clint_ruleset *unit_ruleset(const char *xml)
{
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	int rc;

	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	rc = unit_ruleset_try(&rs, xml, diag, NULL);
	if (rc != CLINT_OK)
		unit_diag_dump(diag);
	clint_diag_free(diag);
	assert_int_equal(rc, CLINT_OK);
	assert_non_null(rs);
	return rs;
}

/* Checks `doc` against `rs`; the check must succeed. */
static inline clint_result *unit_check(const clint_ruleset *rs,
                                       const clint_doc *doc)
{
	clint_check_options o = CLINT_CHECK_OPTIONS_INIT;
	clint_result *res = NULL;

	assert_int_equal(clint_check(&res, rs, doc, &o, NULL), CLINT_OK);
	assert_non_null(res);
	return res;
}

/* ---- a memory sink for renderers ------------------------------------------ */

typedef struct {
	char *data;
	size_t len;
	int fail;   /* non-zero: refuse every write */
} unit_sink;

static inline int unit_sink_write(void *userdata, const char *data,
                                  size_t len)
{
	unit_sink *s = userdata;
	char *p;

	if (s->fail)
		return 1;
	p = realloc(s->data, s->len + len + 1);
	if (!p)
		return 1;
	memcpy(p + s->len, data, len);
	s->data = p;
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

static inline void unit_sink_free(unit_sink *s)
{
	free(s->data);
	s->data = NULL;
	s->len = 0;
}

/* Asserts that `hay` contains `needle`. */
#define unit_assert_contains(hay, needle)                                     \
	do {                                                                      \
		if (!strstr((hay), (needle)))                                         \
			fail_msg("output does not contain '%s':\n%s", (needle), (hay)); \
	} while (0)

#endif /* CLINT_UNIT_H */
