/*
 * test_zip.c - the bounded ZIP reader (src/lib/extract/zip.c) shared by
 * the DOCX and ODT extractors. The archives are written here byte by
 * byte (stored or deflated with zlib), so each test can lie in exactly
 * one field: entry counts, sizes, ratios, CRCs, methods, flags. A lie is
 * written in the local header and the central directory alike (an archive
 * that lies consistently), unless `central_only`: the reader checks one
 * against the other (libzip's ZIP_CHECKCONS) and refuses a mismatch.
 * zip.c is included for its index of names, which one test builds over
 * entries libzip would not let through.
 */
#include "unit.h"

#include <sys/stat.h>
#include <zlib.h>

#include "internal.h"
#include "../../src/lib/extract/zip.c"  /* index_names() */

/* ---- a minimal ZIP writer ------------------------------------------------ */

typedef struct {
	const char *name;
	const char *data;   /* NULL: `len` spaces */
	size_t len;         /* 0: strlen(data) */
	int deflate;
	/* lies, applied to both headers (see central_only) */
	int64_t size_delta; /* added to the declared uncompressed size */
	uint32_t crc_xor;
	unsigned flags;
	int method;         /* >= 0: declared method instead of the real one */
	int zip64;          /* central sizes and offset in a ZIP64 extra field */
	int central_only;   /* the lies in the central directory only */
} zentry;

typedef struct {
	unsigned char *p;
	size_t len, cap;
} zbuf;

static void put(zbuf *b, const void *d, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 1024;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, d, n);
	b->len += n;
}

static void put16(zbuf *b, unsigned v)
{
	unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	put(b, c, 2);
}

static void put32(zbuf *b, uint32_t v)
{
	put16(b, v & 0xFFFF);
	put16(b, v >> 16);
}

static void put64(zbuf *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b, (uint32_t)(v >> 32));
}

/* Writes the archive; `declared` (if not 0) replaces the entry count of
 * the end record. Returns a malloc'd buffer. */
static unsigned char *make_zip(const zentry *e, size_t n, size_t declared,
                               size_t *len)
{
	zbuf b = {NULL, 0, 0}, cd = {NULL, 0, 0};
	size_t i;

	for (i = 0; i < n; i++) {
		size_t dlen = e[i].len ? e[i].len : strlen(e[i].data);
		unsigned char *raw = malloc(dlen + 1), *comp;
		uLongf clen = compressBound(dlen) + 64;
		uint32_t crc, off = (uint32_t)b.len;
		unsigned method = e[i].deflate ? 8 : 0;

		assert_non_null(raw);
		if (e[i].data)
			memcpy(raw, e[i].data, dlen);
		else
			memset(raw, ' ', dlen);
		crc = (uint32_t)crc32(0, raw, (uInt)dlen);
		comp = malloc(clen);
		assert_non_null(comp);
		if (method == 8) {
			z_stream s;
			memset(&s, 0, sizeof(s));
			assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, -MAX_WBITS, 9,
			                              Z_DEFAULT_STRATEGY),
			                 Z_OK);
			s.next_in = raw;
			s.avail_in = (uInt)dlen;
			s.next_out = comp;
			s.avail_out = (uInt)clen;
			assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
			clen = s.total_out;
			deflateEnd(&s);
		} else {
			memcpy(comp, raw, dlen);
			clen = dlen;
		}
		/* local header */
		put(&b, "PK\3\4", 4);
		put16(&b, 20);
		put16(&b, e[i].central_only ? 0 : e[i].flags);
		put16(&b, e[i].method >= 0 && !e[i].central_only
		                  ? (unsigned)e[i].method
		                  : method);
		put32(&b, 0);
		put32(&b, e[i].central_only ? crc : crc ^ e[i].crc_xor);
		put32(&b, (uint32_t)clen);
		put32(&b, e[i].central_only
		                  ? (uint32_t)dlen
		                  : (uint32_t)((int64_t)dlen + e[i].size_delta));
		put16(&b, (unsigned)strlen(e[i].name));
		put16(&b, 0);
		put(&b, e[i].name, strlen(e[i].name));
		put(&b, comp, clen);
		/* central header */
		put(&cd, "PK\1\2", 4);
		put16(&cd, 20);
		put16(&cd, 20);
		put16(&cd, e[i].flags);
		put16(&cd, e[i].method >= 0 ? (unsigned)e[i].method : method);
		put32(&cd, 0);
		put32(&cd, crc ^ e[i].crc_xor);
		put32(&cd, e[i].zip64 ? 0xFFFFFFFF : (uint32_t)clen);
		put32(&cd, e[i].zip64 ? 0xFFFFFFFF
		                      : (uint32_t)((int64_t)dlen + e[i].size_delta));
		put16(&cd, (unsigned)strlen(e[i].name));
		put16(&cd, e[i].zip64 ? 28 : 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, 0);
		put32(&cd, e[i].zip64 ? 0xFFFFFFFF : off);
		put(&cd, e[i].name, strlen(e[i].name));
		if (e[i].zip64) {
			put16(&cd, 1);
			put16(&cd, 24);
			put64(&cd, (uint64_t)((int64_t)dlen + e[i].size_delta));
			put64(&cd, clen);
			put64(&cd, off);
		}
		free(raw);
		free(comp);
	}
	{
		uint32_t cd_off = (uint32_t)b.len;
		unsigned cnt = (unsigned)(declared ? declared : n);
		put(&b, cd.p, cd.len);
		put(&b, "PK\5\6", 4);
		put16(&b, 0);
		put16(&b, 0);
		put16(&b, cnt);
		put16(&b, cnt);
		put32(&b, (uint32_t)cd.len);
		put32(&b, cd_off);
		put16(&b, 0);
	}
	free(cd.p);
	*len = b.len;
	return b.p;
}

/* Opens the archive and reads `name`: returns the reader's code, the
 * text in *out (malloc'd) and the diagnostics in `d`. */
static int read_one(const zentry *e, size_t n, const clint_zip_limits *lim,
                    const char *name, char **out, clint_diag *d)
{
	size_t len, got = 0;
	unsigned char *zip = make_zip(e, n, 0, &len), *data = NULL;
	clint_zip z;
	int rc = clint_zip_open(&z, zip, len, lim, "T", "t.zip", d);

	if (rc == 0)
		rc = clint_zip_read(&z, name, &data, &got);
	if (out)
		*out = (char *)data;
	else
		free(data);
	clint_zip_close(&z);
	free(zip);
	return rc;
}

static void expect_error(const zentry *e, size_t n, const clint_zip_limits *lim,
                         const char *name, int code, const char *why)
{
	clint_diag *d = NULL;

	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(read_one(e, n, lim, name, NULL, d), code);
	if (unit_diag_find(d, why) < 0) {
		unit_diag_dump(d);
		fail_msg("no diagnostic mentions '%s'", why);
	}
	clint_diag_free(d);
}

/* ---- tests ------------------------------------------------------------------ */

static void test_stored_and_deflated(void **state)
{
	zentry e[] = {
		{"a.xml", "<a>stored text</a>", 0, 0, 0, 0, 0, -1, 0, 0},
		{"dir/b.xml", "<b>deflated text, deflated text, deflated</b>", 0, 1,
		 0, 0, 0, -1, 0, 0},
		{"c.xml", "<c>sizes in a ZIP64 extra field</c>", 0, 1, 0, 0, 0, -1, 1, 0},
	};
	char *out = NULL;

	(void)state;
	assert_int_equal(read_one(e, 3, NULL, "a.xml", &out, NULL), CLINT_OK);
	assert_string_equal(out, "<a>stored text</a>");
	free(out);
	assert_int_equal(read_one(e, 3, NULL, "dir/b.xml", &out, NULL), CLINT_OK);
	assert_string_equal(out, e[1].data);
	free(out);
	assert_int_equal(read_one(e, 3, NULL, "c.xml", &out, NULL), CLINT_OK);
	assert_string_equal(out, e[2].data);
	free(out);
	/* a missing entry is 1, with nothing reported and nothing read */
	assert_int_equal(read_one(e, 3, NULL, "B.XML", &out, NULL), 1);
	assert_null(out);
}

static void test_entry_cap(void **state)
{
	clint_zip_limits lim = CLINT_ZIP_LIMITS_INIT;
	zentry e[4];
	size_t i, len;
	unsigned char *zip;
	clint_diag *d = NULL;
	clint_zip z;
	static const char *const names[] = {"e0.xml", "e1.xml", "e2.xml",
	                                    "e3.xml"};

	(void)state;
	for (i = 0; i < 4; i++) {
		zentry x = {names[i], "x", 0, 0, 0, 0, 0, -1, 0, 0};
		e[i] = x;
	}
	lim.max_entries = 3;
	expect_error(e, 4, &lim, "e0.xml", CLINT_ELIMIT,
	             "the ZIP has 4 entries, more than the limit of 3");
	lim.max_entries = 4;
	assert_int_equal(read_one(e, 4, &lim, "e3.xml", NULL, NULL), CLINT_OK);
	/* two entries with one name are ambiguous: refused on open */
	e[1].name = "e0.xml";
	expect_error(e, 2, NULL, "e0.xml", CLINT_EFORMAT,
	             "not a readable ZIP archive");
	e[1].name = names[1];
	/* an end record that claims 60000 entries when the central
	 * directory holds 4 is damaged, whatever the limit: libzip reads the
	 * central directory on open and refuses a count it does not hold */
	zip = make_zip(e, 4, 60000, &len);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_zip_open(&z, zip, len, NULL, NULL, "t.zip", d),
	                 CLINT_EFORMAT);
	clint_zip_close(&z);
	lim.max_entries = 100000;
	assert_int_equal(clint_zip_open(&z, zip, len, &lim, NULL, "t.zip", d),
	                 CLINT_EFORMAT);
	assert_true(unit_diag_find(d, "not a readable ZIP archive") >= 0);
	clint_zip_close(&z);
	clint_diag_free(d);
	free(zip);
}

static void test_part_and_total_caps(void **state)
{
	clint_zip_limits lim = CLINT_ZIP_LIMITS_INIT;
	zentry e[] = {
		{"one.xml", NULL, 3000, 1, 0, 0, 0, -1, 0, 0},
		{"two.xml", NULL, 3000, 1, 0, 0, 0, -1, 0, 0},
	};
	size_t len, got;
	unsigned char *zip, *data = NULL;
	clint_diag *d = NULL;
	clint_zip z;

	(void)state;
	lim.max_entry = 2999;
	expect_error(e, 2, &lim, "one.xml", CLINT_ELIMIT,
	             "T part one.xml: 3000 bytes uncompressed, more than the "
	             "limit of 2999 bytes per part");
	lim.max_entry = 3000;
	lim.max_total = 5000;
	zip = make_zip(e, 2, 0, &len);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_zip_open(&z, zip, len, &lim, "T", "t.zip", d), 0);
	assert_int_equal(clint_zip_read(&z, "one.xml", &data, &got), CLINT_OK);
	assert_int_equal(got, 3000);
	free(data);
	assert_int_equal(clint_zip_read(&z, "two.xml", &data, &got), CLINT_ELIMIT);
	assert_null(data);
	assert_true(unit_diag_find(d, "add up to more than 5000 bytes") >= 0);
	clint_zip_close(&z);
	clint_diag_free(d);
	free(zip);
}

static void test_ratio_cap(void **state)
{
	clint_zip_limits lim = CLINT_ZIP_LIMITS_INIT;
	zentry e[] = {{"bomb.xml", NULL, 4u << 20, 1, 0, 0, 0, -1, 0, 0}};
	char *out = NULL;

	(void)state;
	/* 4 MiB of spaces deflate about 1000:1: refused before inflating */
	expect_error(e, 1, NULL, "bomb.xml", CLINT_ELIMIT,
	             "refused as a possible ZIP bomb");
	/* under the floor the ratio is not judged */
	lim.ratio_floor = 8u << 20;
	assert_int_equal(read_one(e, 1, &lim, "bomb.xml", &out, NULL), CLINT_OK);
	assert_int_equal(strlen(out), 4u << 20);
	free(out);
}

static void test_lies_and_damage(void **state)
{
	const char *text = "<w>some text that deflates a little, a little</w>";
	zentry big = {"x.xml", text, 0, 1, -10, 0, 0, -1, 0, 0};
	zentry small = {"x.xml", text, 0, 1, 10, 0, 0, -1, 0, 0};
	zentry crc = {"x.xml", text, 0, 1, 0, 1, 0, -1, 0, 0};
	zentry enc = {"x.xml", text, 0, 1, 0, 0, 1, -1, 0, 0};
	zentry bz = {"x.xml", text, 0, 0, 0, 0, 0, 12, 0, 0};
	zentry stored = {"x.xml", text, 0, 0, 3, 0, 0, -1, 0, 0};
	zentry cd_crc = {"x.xml", text, 0, 1, 0, 1, 0, -1, 0, 1};
	zentry cd_size = {"x.xml", text, 0, 1, -10, 0, 0, -1, 0, 1};

	(void)state;
	/* an entry that inflates to more than it declares stops at the
	 * declared size: never a byte more is written */
	expect_error(&big, 1, NULL, "x.xml", CLINT_EFORMAT,
	             "more data than its declared size");
	expect_error(&small, 1, NULL, "x.xml", CLINT_EFORMAT, "damaged entry");
	expect_error(&crc, 1, NULL, "x.xml", CLINT_EFORMAT, "CRC mismatch");
	expect_error(&enc, 1, NULL, "x.xml", CLINT_EUNSUPPORTED, "encrypted");
	expect_error(&bz, 1, NULL, "x.xml", CLINT_EUNSUPPORTED,
	             "compression method 12 is not supported");
	expect_error(&stored, 1, NULL, "x.xml", CLINT_EFORMAT, "damaged entry");
	/* a central directory that disagrees with the local header is
	 * refused when the archive is opened */
	expect_error(&cd_crc, 1, NULL, "x.xml", CLINT_EFORMAT,
	             "not a readable ZIP archive");
	expect_error(&cd_size, 1, NULL, "x.xml", CLINT_EFORMAT,
	             "not a readable ZIP archive");
}

/* Every prefix and many corruptions of a good archive: an error or the
 * text, never a crash (ASan and valgrind watch the reads). */
static void test_truncated_and_corrupt(void **state)
{
	zentry e[] = {
		{"a.xml", "<a>first entry</a>", 0, 1, 0, 0, 0, -1, 0, 0},
		{"b.xml", "<b>second entry, deflated as well</b>", 0, 1, 0, 0, 0, -1, 0, 0},
	};
	size_t len, n, i, got;
	unsigned char *zip = make_zip(e, 2, 0, &len), *copy, *data;
	clint_zip z;

	(void)state;
	for (n = 0; n < len; n++) {
		copy = malloc(n + 1);
		assert_non_null(copy);
		memcpy(copy, zip, n);
		if (clint_zip_open(&z, copy, n, NULL, NULL, "t", NULL) == 0) {
			data = NULL;
			if (clint_zip_read(&z, "b.xml", &data, &got) == 0)
				assert_string_equal((char *)data, e[1].data);
			free(data);
		}
		clint_zip_close(&z);
		free(copy);
	}
	copy = malloc(len);
	assert_non_null(copy);
	for (i = 0; i < len; i++) {
		memcpy(copy, zip, len);
		copy[i] ^= 0x5A;
		if (clint_zip_open(&z, copy, len, NULL, NULL, "t", NULL) == 0) {
			data = NULL;
			clint_zip_read(&z, "a.xml", &data, &got);
			free(data);
			data = NULL;
			clint_zip_read(&z, "b.xml", &data, &got);
			free(data);
		}
		clint_zip_close(&z);
	}
	free(copy);
	free(zip);
}

/* Entries are found by a binary search of their names: among 300 in
 * scrambled order, names that are prefixes of others, each is found and
 * the names between them are not. */
static void test_find_many(void **state)
{
	zentry e[300];
	char names[300][24], other[32];
	size_t i, len, got;
	unsigned char *zip, *data = NULL;
	const clint_zip_entry *f;
	clint_zip z;

	(void)state;
	for (i = 0; i < 300; i++) {
		zentry x = {names[i], names[i], 0, i % 2, 0, 0, 0, -1, 0, 0};
		/* "p/217.xml", "p/2", "p/21", ... */
		if (i % 3)
			snprintf(names[i], sizeof(names[i]), "p/%zu.xml",
			         (i * 7919) % 300);
		else
			snprintf(names[i], sizeof(names[i]), "p/%zu", i / 3);
		e[i] = x;
	}
	zip = make_zip(e, 300, 0, &len);
	assert_int_equal(clint_zip_open(&z, zip, len, NULL, "T", "t.zip", NULL),
	                 CLINT_OK);
	assert_int_equal(z.count, 300);
	for (i = 0; i < 300; i++) {
		f = clint_zip_find(&z, names[i]);
		assert_non_null(f);
		assert_int_equal(f->index, i);
		snprintf(other, sizeof(other), "%.23s ", names[i]);
		assert_null(clint_zip_find(&z, other));
		other[strlen(other) - 2] = '\0';
		f = clint_zip_find(&z, other);
		assert_true(!f || strcmp(f->name, other) == 0);
	}
	assert_null(clint_zip_find(&z, ""));
	assert_null(clint_zip_find(&z, "p/"));
	assert_null(clint_zip_find(&z, "p/300"));
	assert_null(clint_zip_find(&z, "P/1"));
	assert_null(clint_zip_find(&z, "q"));
	assert_int_equal(clint_zip_read(&z, "p/77", &data, &got), CLINT_OK);
	assert_string_equal((char *)data, "p/77");
	free(data);
	clint_zip_close(&z);
	free(zip);
}

/* Two entries of one raw name are refused by libzip on open (see
 * test_entry_cap); were they let through, the first in the archive is
 * found, as the scan in archive order before the index found it. The
 * entries are made up here: 200 of 37 names, each name's first at the
 * index of its number. */
static void test_find_duplicate_names(void **state)
{
	clint_zip_entry e[200];
	char names[200][8];
	clint_zip z;
	size_t i;

	(void)state;
	memset(&z, 0, sizeof(z));
	memset(e, 0, sizeof(e));
	for (i = 0; i < 200; i++) {
		snprintf(names[i], sizeof(names[i]), "n%zu", i % 37);
		e[i].name = names[i];
		e[i].index = i;
	}
	z.entries = e;
	z.count = 200;
	assert_int_equal(index_names(&z), CLINT_OK);
	for (i = 0; i < 37; i++)
		assert_ptr_equal(clint_zip_find(&z, names[i]), &e[i]);
	assert_null(clint_zip_find(&z, "n37"));
	assert_null(clint_zip_find(&z, "n"));
	free(z.by_name);
}

/* Names are only compared, never used as paths. */
static void test_no_path_written(void **state)
{
	char path[64], name[96], *out = NULL;
	struct stat st;
	zentry e[] = {{name, "escaped?", 0, 1, 0, 0, 0, -1, 0, 0}};

	(void)state;
	snprintf(path, sizeof(path), "/tmp/clint-zip-escape-%ld", (long)getpid());
	snprintf(name, sizeof(name), "../../../../../..%s", path);
	unlink(path);
	assert_int_equal(read_one(e, 1, NULL, name, &out, NULL), CLINT_OK);
	assert_string_equal(out, "escaped?");
	free(out);
	assert_int_not_equal(stat(path, &st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stored_and_deflated),
		cmocka_unit_test(test_entry_cap),
		cmocka_unit_test(test_part_and_total_caps),
		cmocka_unit_test(test_ratio_cap),
		cmocka_unit_test(test_lies_and_damage),
		cmocka_unit_test(test_truncated_and_corrupt),
		cmocka_unit_test(test_find_many),
		cmocka_unit_test(test_find_duplicate_names),
		cmocka_unit_test(test_no_path_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
