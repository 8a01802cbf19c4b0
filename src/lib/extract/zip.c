/*
 * zip.c - the bounded ZIP reader shared by the DOCX and ODT extractors:
 * the central directory of an archive in memory, and its entries inflated
 * with zlib into memory. See zip.h for what is bounded and how.
 *
 * Layout (APPNOTE.TXT): the end of central directory record (EOCD) sits
 * in the last 22 + 65535 bytes; it gives the central directory's offset,
 * size and entry count (or 0xFFFF.../0xFFFFFFFF and a ZIP64 record before
 * it); each central header gives an entry's method, flags, CRC, sizes and
 * local header offset (or 0xFFFFFFFF and a ZIP64 extra field); the data
 * follows the local header and its name and extra field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "zip.h"

#define EOCD_LEN 22
#define EOCD_MAX_COMMENT 65535
#define Z64_LOCATOR_LEN 20
#define Z64_EOCD_LEN 56
#define CENTRAL_LEN 46
#define LOCAL_LEN 30

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Reports an error about the archive (entry NULL) or one entry. */
static int zip_err(const clint_zip *z, int code, const char *entry,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int zip_err(const clint_zip *z, int code, const char *entry,
                   const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
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

/* Finds the EOCD: the last signature whose record and comment fit. */
static int find_eocd(const unsigned char *d, size_t len, size_t *at)
{
	size_t i, stop;

	if (len < EOCD_LEN)
		return 0;
	i = len - EOCD_LEN;
	stop = i > EOCD_MAX_COMMENT ? i - EOCD_MAX_COMMENT : 0;
	for (;; i--) {
		if (d[i] == 'P' && memcmp(d + i, "PK\5\6", 4) == 0 &&
		    rd16(d + i + 20) <= len - EOCD_LEN - i) {
			*at = i;
			return 1;
		}
		if (i == stop)
			return 0;
	}
}

/*
 * Applies the ZIP64 extended information extra field (id 1) of a central
 * header: it holds, in this order, the sizes and offset whose 32-bit
 * fields are 0xFFFFFFFF. Returns 0, or -1 if a needed value is missing.
 */
static int zip64_extra(const unsigned char *x, size_t xlen, clint_zip_entry *e,
                       int want_size, int want_comp, int want_off)
{
	size_t i = 0;

	while (i + 4 <= xlen) {
		unsigned id = rd16(x + i), n = rd16(x + i + 2);
		const unsigned char *f = x + i + 4;
		size_t k = 0;

		if (n > xlen - i - 4)
			break;
		if (id == 1) {
			if (want_size) {
				if (k + 8 > n)
					return -1;
				e->size = rd64(f + k);
				k += 8;
			}
			if (want_comp) {
				if (k + 8 > n)
					return -1;
				e->comp_size = rd64(f + k);
				k += 8;
			}
			if (want_off) {
				if (k + 8 > n)
					return -1;
				e->offset = rd64(f + k);
			}
			return 0;
		}
		i += 4 + (size_t)n;
	}
	return want_size || want_comp || want_off ? -1 : 0;
}

int clint_zip_open(clint_zip *z, const unsigned char *data, size_t len,
                   const clint_zip_limits *lim, const char *label,
                   const char *doc_name, clint_diag *diag)
{
	static const clint_zip_limits defaults = CLINT_ZIP_LIMITS_INIT;
	uint64_t count, cd_size, cd_off, k;
	size_t eocd, p, end, names_len = 0;
	unsigned disk, cd_disk;
	uint64_t on_disk;

	memset(z, 0, sizeof(*z));
	z->data = data;
	z->len = len;
	z->lim = lim ? *lim : defaults;
	z->label = label;
	z->doc_name = doc_name;
	z->diag = diag;
	if (!find_eocd(data, len, &eocd))
		return damaged(z, "no end of central directory record");
	disk = rd16(data + eocd + 4);
	cd_disk = rd16(data + eocd + 6);
	on_disk = rd16(data + eocd + 8);
	count = rd16(data + eocd + 10);
	cd_size = rd32(data + eocd + 12);
	cd_off = rd32(data + eocd + 16);
	if (count == 0xFFFF || on_disk == 0xFFFF || cd_size == 0xFFFFFFFF ||
	    cd_off == 0xFFFFFFFF) {
		/* ZIP64: a locator right before the EOCD points at the record */
		const unsigned char *l, *r;
		uint64_t at;

		if (eocd < Z64_LOCATOR_LEN ||
		    memcmp(data + eocd - Z64_LOCATOR_LEN, "PK\6\7", 4) != 0)
			return damaged(z, "ZIP64 locator missing");
		l = data + eocd - Z64_LOCATOR_LEN;
		at = rd64(l + 8);
		if (rd32(l + 4) != 0 || at > eocd - Z64_LOCATOR_LEN ||
		    eocd - Z64_LOCATOR_LEN - at < Z64_EOCD_LEN ||
		    memcmp(data + at, "PK\6\6", 4) != 0)
			return damaged(z, "ZIP64 end of central directory missing");
		r = data + at;
		disk = rd32(r + 16) ? 1 : 0;
		cd_disk = rd32(r + 20) ? 1 : 0;
		on_disk = rd64(r + 24);
		count = rd64(r + 32);
		cd_size = rd64(r + 40);
		cd_off = rd64(r + 48);
	}
	if (disk != 0 || cd_disk != 0 || on_disk != count)
		return zip_err(z, CLINT_EUNSUPPORTED, NULL,
		               "a ZIP split into several parts (multi-disk) is not "
		               "supported");
	if (count > z->lim.max_entries)
		return zip_err(z, CLINT_ELIMIT, NULL,
		               "the ZIP has %llu entries, more than the limit of %zu",
		               (unsigned long long)count, z->lim.max_entries);
	if (cd_off > eocd || cd_size > eocd - cd_off)
		return damaged(z, "the central directory lies outside the file");
	/* every central header takes 46 bytes at least */
	if (count > cd_size / CENTRAL_LEN)
		return damaged(z, "fewer central directory entries than declared");
	z->entries = calloc(count ? (size_t)count : 1, sizeof(*z->entries));
	z->names = malloc((size_t)cd_size + (size_t)count + 1);
	if (!z->entries || !z->names)
		return CLINT_ENOMEM;
	p = (size_t)cd_off;
	end = (size_t)(cd_off + cd_size);
	for (k = 0; k < count; k++) {
		const unsigned char *h = data + p;
		clint_zip_entry *e = &z->entries[k];
		size_t nlen, xlen, clen;

		if (end - p < CENTRAL_LEN || memcmp(h, "PK\1\2", 4) != 0)
			return damaged(z, "bad central directory entry");
		nlen = rd16(h + 28);
		xlen = rd16(h + 30);
		clen = rd16(h + 32);
		if (end - p - CENTRAL_LEN < nlen + xlen + clen)
			return damaged(z, "bad central directory entry");
		e->flags = rd16(h + 8);
		e->method = rd16(h + 10);
		e->crc = rd32(h + 16);
		e->comp_size = rd32(h + 20);
		e->size = rd32(h + 24);
		e->offset = rd32(h + 42);
		if (zip64_extra(h + CENTRAL_LEN + nlen, xlen, e,
		                e->size == 0xFFFFFFFF, e->comp_size == 0xFFFFFFFF,
		                e->offset == 0xFFFFFFFF) < 0)
			return damaged(z, "bad ZIP64 extra field");
		if (rd16(h + 34) != 0)
			return zip_err(z, CLINT_EUNSUPPORTED, NULL,
			               "a ZIP split into several parts (multi-disk) is "
			               "not supported");
		memcpy(z->names + names_len, h + CENTRAL_LEN, nlen);
		z->names[names_len + nlen] = '\0';
		e->name = z->names + names_len;
		names_len += nlen + 1;
		p += CENTRAL_LEN + nlen + xlen + clen;
		z->count++;
	}
	return CLINT_OK;
}

void clint_zip_close(clint_zip *z)
{
	if (!z)
		return;
	free(z->entries);
	free(z->names);
	z->entries = NULL;
	z->names = NULL;
	z->count = 0;
}

const clint_zip_entry *clint_zip_find(const clint_zip *z, const char *name)
{
	size_t i;

	for (i = 0; i < z->count; i++)
		if (strcmp(z->entries[i].name, name) == 0)
			return &z->entries[i];
	return NULL;
}

/* Inflates raw deflate data src[0..n) into exactly out[0..size). */
static int inflate_exact(const clint_zip *z, const clint_zip_entry *e,
                         const unsigned char *src, uint64_t n,
                         unsigned char *out)
{
	z_stream s;
	int ret, rc;

	if (n > UINT32_MAX || e->size > UINT32_MAX)
		return zip_err(z, CLINT_ELIMIT, e->name, "entry too large");
	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
		return CLINT_ENOMEM;
	s.next_in = (Bytef *)(uintptr_t)src;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)e->size;
	ret = inflate(&s, Z_FINISH);
	if (ret == Z_STREAM_END && s.total_out == e->size) {
		rc = CLINT_OK;
	} else if (ret == Z_MEM_ERROR) {
		rc = CLINT_ENOMEM;
	} else if (ret == Z_STREAM_END) {
		rc = zip_err(z, CLINT_EFORMAT, e->name,
		             "damaged entry (read %llu of %llu bytes)",
		             (unsigned long long)s.total_out,
		             (unsigned long long)e->size);
	} else if (ret == Z_DATA_ERROR) {
		rc = zip_err(z, CLINT_EFORMAT, e->name, "damaged entry: %s",
		             s.msg ? s.msg : "invalid compressed data");
	} else if (s.avail_out == 0) {
		rc = zip_err(z, CLINT_EFORMAT, e->name,
		             "damaged entry: more data than its declared size");
	} else {
		rc = zip_err(z, CLINT_EFORMAT, e->name,
		             "damaged entry: the compressed data ends early");
	}
	inflateEnd(&s);
	return rc;
}

int clint_zip_read(clint_zip *z, const char *name, unsigned char **out,
                   size_t *len)
{
	const clint_zip_entry *e = clint_zip_find(z, name);
	const unsigned char *h;
	unsigned char *buf = NULL;
	uint64_t at;
	int rc;

	*out = NULL;
	*len = 0;
	if (!e)
		return 1;
	if (e->flags & 1)
		return zip_err(z, CLINT_EUNSUPPORTED, name,
		               "the entry is encrypted; remove the password and "
		               "save the document again");
	if (e->method != 0 && e->method != 8)
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
	if (e->offset > z->len || z->len - e->offset < LOCAL_LEN ||
	    memcmp(z->data + e->offset, "PK\3\4", 4) != 0)
		return zip_err(z, CLINT_EFORMAT, name,
		               "damaged entry: no local header");
	h = z->data + e->offset;
	at = e->offset + LOCAL_LEN + rd16(h + 26) + rd16(h + 28);
	if (at > z->len || e->comp_size > z->len - at)
		return zip_err(z, CLINT_EFORMAT, name,
		               "damaged entry: its data lies outside the file");
	z->total += e->size;
	buf = malloc((size_t)e->size + 1);
	if (!buf)
		return CLINT_ENOMEM;
	if (e->method == 0) {
		if (e->comp_size != e->size) {
			rc = zip_err(z, CLINT_EFORMAT, name,
			             "damaged entry: stored sizes disagree");
			goto done;
		}
		memcpy(buf, z->data + at, (size_t)e->size);
	} else if ((rc = inflate_exact(z, e, z->data + at, e->comp_size, buf)) <
	           0) {
		goto done;
	}
	if (crc32_z(0L, buf, (z_size_t)e->size) != e->crc) {
		rc = zip_err(z, CLINT_EFORMAT, name, "damaged entry: CRC mismatch");
		goto done;
	}
	buf[e->size] = '\0';
	*out = buf;
	*len = (size_t)e->size;
	buf = NULL;
	rc = CLINT_OK;
done:
	free(buf);
	return rc;
}
