/*
 * unitzip.h - building ZIP files (DOCX, XLSX) in memory with libzip, for
 * the tests of the extractors that read them.
 */
#ifndef CLINT_UNITZIP_H
#define CLINT_UNITZIP_H

#include <zip.h>

#include "unit.h"

typedef struct {
	const char *name;
	const char *data;
	size_t len;  /* 0: strlen(data) */
} unit_part;

/* Zips `parts` into a malloc'd buffer (*len bytes). Parts under 64
 * bytes are stored, the rest deflated: a deflate stream costs some 256
 * KiB to set up, which made 10,000 tiny entries take 18 s under ASan. */
static unsigned char *unit_make_zip(const unit_part *parts, size_t n,
                                     size_t *len)
{
	zip_error_t ze;
	zip_source_t *src, *s;
	zip_t *za;
	unsigned char *out;
	zip_int64_t size;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (i = 0; i < n; i++) {
		size_t l = parts[i].len ? parts[i].len : strlen(parts[i].data);
		s = zip_source_buffer(za, parts[i].data, l, 0);
		assert_non_null(s);
		zip_int64_t idx = zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		if (l < 64)
			assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
			                                          ZIP_CM_STORE, 0), 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	size = zip_source_tell(src);
	assert_true(size > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	out = malloc((size_t)size);
	assert_non_null(out);
	assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)size;
	return out;
}

#endif
