/*
 * zip.c - the bounded ZIP reader shared by the DOCX and ODT extractors,
 * on libzip: the archive in memory is a buffer source opened read-only
 * with ZIP_CHECKCONS; entries are described with zip_stat_index() and
 * read with zip_fopen_index() + zip_fread() into memory. See zip.h for
 * what is bounded and how.
 *
 * What libzip checks for us: the end of central directory record (and
 * the ZIP64 one), the central directory against the file and against
 * each local header (ZIP_CHECKCONS), duplicate names (refused with
 * ZIP_CHECKCONS), and, when an entry has been read to its end, its CRC-32
 * and its size against the central directory. What we check before
 * reading an entry: encryption, method, the caps on its declared sizes;
 * while reading: never more than the declared size plus one byte.
 *
 * Entries are found by name through an index of our own, sorted once
 * when the archive is opened. libzip's zip_name_locate() compares raw
 * names (ZIP_FL_ENC_RAW, as the entries here are named) one by one;
 * without that flag it looks names converted to UTF-8 up in a hash table
 * whose hash has no seed, which names chosen to collide make as slow. A
 * part is looked up for each embedded object (an ODT's draw:object, a
 * DOCX's workbook): 400,000 objects naming missing parts among 9,990
 * entries took 18 s with a scan, 0.7 s with the index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "zip.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

/* Reports an error about the archive (entry NULL) or one entry. */
static int zip_err(const clint_zip *z, int code, const char *entry,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int zip_err(const clint_zip *z, int code, const char *entry,
                   const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	clint_vsnprintf_c(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (entry && z->label)
		clint_diag_add(z->diag, CLINT_DIAG_ERROR, z->doc_name, 0, 0,
		               "%s part %s: %s", z->label, entry, msg);
	else if (entry || z->label)
		clint_diag_add(z->diag, CLINT_DIAG_ERROR, z->doc_name, 0, 0,
		               "%s: %s", entry ? entry : z->label, msg);
	else
		clint_diag_add(z->diag, CLINT_DIAG_ERROR, z->doc_name, 0, 0, "%s",
		               msg);
	return code;
}

static int damaged(const clint_zip *z, const char *why)
{
	return zip_err(z, CLINT_EFORMAT, NULL,
	               "not a readable ZIP archive (damaged or truncated?): %s",
	               why);
}

/* Maps libzip's error on opening the archive to ours. */
static int open_error(const clint_zip *z, zip_error_t *err)
{
	switch (zip_error_code_zip(err)) {
	case ZIP_ER_MEMORY:
		return CLINT_ENOMEM;
	case ZIP_ER_MULTIDISK:
		return zip_err(z, CLINT_EUNSUPPORTED, NULL,
		               "a ZIP split into several parts (multi-disk) is not "
		               "supported");
	default:
		return damaged(z, zip_error_strerror(err));
	}
}

/* Orders entries by name, then by their place in the archive. */
static int by_name_cmp(const void *a, const void *b)
{
	const clint_zip_entry *x = *(const clint_zip_entry *const *)a;
	const clint_zip_entry *y = *(const clint_zip_entry *const *)b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Sorts pointers to z's entries by name into z->by_name, for
 * clint_zip_find(). libzip refuses two entries of one name on open; were
 * two raw names ever equal, the first in the archive comes first, and is
 * found, as a scan in archive order would find it. 8 bytes an entry, at
 * most max_entries (10,000: 80 KB), freed with the archive: not charged
 * to any budget, like the entries themselves. CLINT_OK or CLINT_ENOMEM.
 */
static int index_names(clint_zip *z)
{
	size_t i;

	z->by_name = malloc((z->count ? z->count : 1) * sizeof(*z->by_name));
	if (!z->by_name)
		return CLINT_ENOMEM;
	for (i = 0; i < z->count; i++)
		z->by_name[i] = &z->entries[i];
	if (z->count > 1)
		qsort(z->by_name, z->count, sizeof(*z->by_name), by_name_cmp);
	return CLINT_OK;
}

int clint_zip_open(clint_zip *z, const unsigned char *data, size_t len,
                   const clint_zip_limits *lim, const char *label,
                   const char *doc_name, clint_diag *diag)
{
	static const clint_zip_limits defaults = CLINT_ZIP_LIMITS_INIT;
	zip_error_t err;
	zip_source_t *src = NULL;
	zip_int64_t n;
	zip_uint64_t i;
	int rc = CLINT_OK;

	memset(z, 0, sizeof(*z));
	z->data = data;
	z->len = len;
	z->lim = lim ? *lim : defaults;
	z->label = label;
	z->doc_name = doc_name;
	z->diag = diag;
	zip_error_init(&err);
	/* libzip opens an empty source as an empty archive: not for us */
	if (len == 0) {
		rc = damaged(z, "the file is empty");
		goto done;
	}
	src = zip_source_buffer_create(data, len, 0, &err);
	if (!src) {
		rc = open_error(z, &err);
		goto done;
	}
	z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!z->za) {
		zip_source_free(src); /* still ours when the open failed */
		rc = open_error(z, &err);
		goto done;
	}
	n = zip_get_num_entries(z->za, 0);
	if (n < 0) {
		rc = damaged(z, "no entry count");
		goto done;
	}
	if ((zip_uint64_t)n > z->lim.max_entries) {
		rc = zip_err(z, CLINT_ELIMIT, NULL,
		             "the ZIP has %llu entries, more than the limit of %zu",
		             (unsigned long long)n, z->lim.max_entries);
		goto done;
	}
	z->entries = calloc(n ? (size_t)n : 1, sizeof(*z->entries));
	if (!z->entries) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < (zip_uint64_t)n; i++) {
		clint_zip_entry *e = &z->entries[i];
		zip_stat_t st;

		zip_stat_init(&st);
		if (zip_stat_index(z->za, i, ZIP_FL_ENC_RAW, &st) < 0) {
			rc = damaged(z, zip_strerror(z->za));
			goto done;
		}
		if ((st.valid & (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
		                 ZIP_STAT_COMP_METHOD)) !=
		    (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
		     ZIP_STAT_COMP_METHOD)) {
			rc = damaged(z, "an entry without name, sizes or method");
			goto done;
		}
		e->name = st.name;
		e->index = i;
		e->size = st.size;
		e->comp_size = st.comp_size;
		e->crc = (st.valid & ZIP_STAT_CRC) ? st.crc : 0;
		e->method = st.comp_method;
		e->encryption =
		        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) ? st.encryption_method : 0;
		z->count++;
	}
	rc = index_names(z);
done:
	zip_error_fini(&err);
	return rc;
}

void clint_zip_close(clint_zip *z)
{
	if (!z)
		return;
	if (z->za)
		zip_discard(z->za); /* read-only: frees the archive and the source */
	free(z->entries);
	free(z->by_name);
	z->za = NULL;
	z->entries = NULL;
	z->by_name = NULL;
	z->count = 0;
}

const clint_zip_entry *clint_zip_find(const clint_zip *z, const char *name)
{
	size_t n = z->by_name ? z->count : 0, lo = 0, hi = n;

	/* the first entry not before `name`: of equal names, the first in
	 * the archive */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(z->by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(z->by_name[lo]->name, name) == 0
	               ? z->by_name[lo] : NULL;
}

/* Maps libzip's error on opening or reading an entry to ours. */
static int entry_error(const clint_zip *z, const char *name, zip_error_t *err)
{
	switch (zip_error_code_zip(err)) {
	case ZIP_ER_MEMORY:
		return CLINT_ENOMEM;
	case ZIP_ER_CRC:
		return zip_err(z, CLINT_EFORMAT, name, "damaged entry: CRC mismatch");
	case ZIP_ER_COMPNOTSUPP:
		return zip_err(z, CLINT_EUNSUPPORTED, name,
		               "the compression method is not supported; save the "
		               "document again");
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
		return zip_err(z, CLINT_EUNSUPPORTED, name,
		               "the entry is encrypted; remove the password and "
		               "save the document again");
	default:
		return zip_err(z, CLINT_EFORMAT, name, "damaged entry: %s",
		               zip_error_strerror(err));
	}
}

int clint_zip_read(clint_zip *z, const char *name, unsigned char **out,
                   size_t *len)
{
	const clint_zip_entry *e = clint_zip_find(z, name);
	zip_file_t *f = NULL;
	unsigned char *buf = NULL;
	uint64_t want, got = 0;
	int rc;

	*out = NULL;
	*len = 0;
	if (!e)
		return 1;
	if (e->encryption != ZIP_EM_NONE)
		return zip_err(z, CLINT_EUNSUPPORTED, name,
		               "the entry is encrypted; remove the password and "
		               "save the document again");
	if (e->method != ZIP_CM_STORE && e->method != ZIP_CM_DEFLATE)
		return zip_err(z, CLINT_EUNSUPPORTED, name,
		               "compression method %u is not supported; save "
		               "the document again",
		               e->method);
	if (e->size > z->lim.max_entry)
		return zip_err(z, CLINT_ELIMIT, name,
		               "%llu bytes uncompressed, more than the limit of "
		               "%llu bytes per part",
		               (unsigned long long)e->size,
		               (unsigned long long)z->lim.max_entry);
	if (e->size > z->lim.max_total - z->total)
		return zip_err(z, CLINT_ELIMIT, name,
		               "the parts read add up to more than %llu bytes "
		               "uncompressed",
		               (unsigned long long)z->lim.max_total);
	if (e->size > z->lim.ratio_floor &&
	    (e->comp_size == 0 || e->size / e->comp_size > z->lim.max_ratio))
		return zip_err(z, CLINT_ELIMIT, name,
		               "compression ratio over %u:1 (%llu bytes from "
		               "%llu): refused as a possible ZIP bomb",
		               z->lim.max_ratio, (unsigned long long)e->size,
		               (unsigned long long)e->comp_size);
	if (e->size >= SIZE_MAX)
		return zip_err(z, CLINT_ELIMIT, name, "entry too large");
	z->total += e->size;
	/* the declared size and one byte more: a byte past the declared size
	 * means the sizes lie; reading to the end makes libzip check the CRC
	 * and the size */
	want = e->size + 1;
	buf = malloc((size_t)want);
	if (!buf)
		return CLINT_ENOMEM;
	f = zip_fopen_index(z->za, e->index, 0);
	if (!f) {
		rc = entry_error(z, name, zip_get_error(z->za));
		goto done;
	}
	while (got < want) {
		zip_int64_t n = zip_fread(f, buf + got, want - got);
		if (n < 0) {
			rc = entry_error(z, name, zip_file_get_error(f));
			goto done;
		}
		if (n == 0)
			break;
		got += (uint64_t)n;
	}
	if (got > e->size) {
		rc = zip_err(z, CLINT_EFORMAT, name,
		             "damaged entry: more data than its declared size");
		goto done;
	}
	if (got < e->size) {
		rc = zip_err(z, CLINT_EFORMAT, name,
		             "damaged entry (read %llu of %llu bytes)",
		             (unsigned long long)got, (unsigned long long)e->size);
		goto done;
	}
	buf[e->size] = '\0';
	*out = buf;
	*len = (size_t)e->size;
	buf = NULL;
	rc = CLINT_OK;
done:
	if (f)
		zip_fclose(f);
	free(buf);
	return rc;
}
