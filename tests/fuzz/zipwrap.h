/*
 * zipwrap.h - builds a ZIP in memory from the fuzz input, so that the XML
 * inside a DOCX or ODT is mutated directly (mutating a ZIP's bytes mostly
 * breaks its CRCs). The input is split on the line "\n--part--\n" into
 * the bodies of the entries named in `names`, in order; an empty body
 * leaves its entry out (the seeds keep a place for every part, and an
 * empty optional part would make the extractor refuse the whole input
 * as malformed XML before reaching the others). The entries are
 * stored, not deflated: deflating six parts per input (a deflate state of
 * some 256 KiB each, under ASan) cost more than the extraction itself; the
 * inflating path of the ZIP reader is fuzzed by the docx and odt targets.
 */
#ifndef CLINT_FUZZ_ZIPWRAP_H
#define CLINT_FUZZ_ZIPWRAP_H

#include <zip.h>

#define ZIPWRAP_SEP "\n--part--\n"

/* Returns a malloc'd ZIP and its length in *len, or NULL. */
static unsigned char *zipwrap(const uint8_t *data, size_t size,
                              const char *const *names, size_t count,
                              size_t *len)
{
	zip_error_t ze;
	zip_source_t *src, *e;
	zip_t *za;
	unsigned char *out = NULL;
	const uint8_t *p = data, *end = data + size;
	size_t i, sep = strlen(ZIPWRAP_SEP);
	zip_int64_t n, idx;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		return NULL;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		goto done;
	for (i = 0; i < count && p <= end; i++) {
		const uint8_t *q = memmem(p, (size_t)(end - p), ZIPWRAP_SEP, sep);
		size_t plen = q ? (size_t)(q - p) : (size_t)(end - p);

		if (plen > 0) {
			e = zip_source_buffer(za, p, plen, 0);
			if (!e || (idx = zip_file_add(za, names[i], e,
			                              ZIP_FL_OVERWRITE)) < 0) {
				zip_source_free(e);
				zip_discard(za);
				goto done;
			}
			if (zip_set_file_compression(za, (zip_uint64_t)idx,
			                             ZIP_CM_STORE, 0) < 0) {
				zip_discard(za);
				goto done;
			}
		}
		if (!q)
			break;
		p = q + sep;
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		goto done;
	}
	if (zip_source_open(src) < 0)
		goto done;
	if (zip_source_seek(src, 0, SEEK_END) == 0 &&
	    (n = zip_source_tell(src)) > 0 &&
	    zip_source_seek(src, 0, SEEK_SET) == 0 &&
	    (out = malloc((size_t)n)) != NULL) {
		if (zip_source_read(src, out, (zip_uint64_t)n) != n) {
			free(out);
			out = NULL;
		} else {
			*len = (size_t)n;
		}
	}
	zip_source_close(src);
done:
	zip_source_free(src);
	return out;
}

#endif
