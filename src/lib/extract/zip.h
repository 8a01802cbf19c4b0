/*
 * zip.h - the bounded ZIP reader shared by the DOCX and ODT extractors.
 *
 * A ZIP held in memory is read with libzip (a buffer source, opened
 * read-only with ZIP_CHECKCONS: the central directory is checked against
 * the local headers); entries are decompressed into memory, never written
 * anywhere, so no name in the archive is ever a path. Everything in the
 * archive is untrusted: the number of entries, each entry's uncompressed
 * size, the total of the entries read and the compression ratio are
 * capped (clint_zip_limits) from the declared sizes before an entry is
 * opened; an entry is read into a buffer of its declared size plus one
 * byte and must end exactly at its declared size (libzip checks the CRC-32
 * and the size at its end). Stored and deflated entries are read (all that
 * Word and LibreOffice write); encrypted entries, other methods and
 * multi-disk archives are refused with the reason.
 */
#ifndef CLINT_ZIP_H
#define CLINT_ZIP_H

#include <stdint.h>

#include "../internal.h"

typedef struct {
	size_t max_entries;    /* entries in the archive */
	uint64_t max_entry;    /* uncompressed bytes of one entry read */
	uint64_t max_total;    /* uncompressed bytes of all entries read */
	unsigned max_ratio;    /* uncompressed : compressed, for entries ... */
	uint64_t ratio_floor;  /* ... larger than this */
} clint_zip_limits;

/* What DOCX and ODT use: 10000 entries, 64 MiB per part, 256 MiB in
 * all, at most 200:1 for parts over 1 MiB. */
#define CLINT_ZIP_LIMITS_INIT                                                 \
	{10000, (uint64_t)64 << 20, (uint64_t)256 << 20, 200, (uint64_t)1 << 20}

typedef struct {
	const char *name;       /* the stored name (raw bytes, NUL-terminated,
	                           owned by libzip until clint_zip_close) */
	uint64_t index;         /* in the archive */
	uint64_t size;          /* uncompressed, as declared */
	uint64_t comp_size;
	uint32_t crc;
	unsigned method;        /* 0 stored, 8 deflated */
	unsigned encryption;    /* 0 none */
} clint_zip_entry;

struct zip; /* libzip's zip_t */

typedef struct {
	const unsigned char *data;  /* borrowed: the whole archive */
	size_t len;
	clint_zip_limits lim;
	struct zip *za;             /* the libzip archive, owns the source */
	clint_zip_entry *entries;   /* in the archive's order */
	size_t count;
	/* the entries by name, then by index: clint_zip_find()'s binary
	 * search (8 bytes an entry, at most max_entries: not charged) */
	const clint_zip_entry **by_name;
	uint64_t total;             /* uncompressed bytes read so far */
	const char *doc_name;       /* for messages */
	clint_diag *diag;           /* may be NULL */
	/* Messages about the archive read "LABEL: ...", about an entry
	 * "LABEL part NAME: ..."; without a label "..." and "NAME: ...". */
	const char *label;
} clint_zip;

/*
 * Opens the ZIP in data[0..len) (borrowed: it must outlive the reader).
 * `lim` NULL means CLINT_ZIP_LIMITS_INIT. Errors name `doc_name` in
 * `diag` (may be NULL): CLINT_EFORMAT "not a readable ZIP archive (...)",
 * CLINT_ELIMIT for too many entries, CLINT_EUNSUPPORTED for a multi-disk
 * archive, CLINT_ENOMEM. `label` (may be NULL) starts messages. Free with
 * clint_zip_close() (also after a failed open).
 */
CLINT_INTERNAL int clint_zip_open(clint_zip *z, const unsigned char *data,
                                  size_t len, const clint_zip_limits *lim,
                                  const char *label, const char *doc_name,
                                  clint_diag *diag);
CLINT_INTERNAL void clint_zip_close(clint_zip *z);
/* The entry called exactly `name` (the first in the archive, should two
 * raw names be equal), or NULL (also after a failed open); a binary
 * search of z->by_name. */
CLINT_INTERNAL const clint_zip_entry *clint_zip_find(const clint_zip *z,
                                                     const char *name);
/*
 * Reads entry `name` into a malloc'd NUL-terminated buffer (*out, *len).
 * Returns 0, 1 if there is no such entry (nothing reported), or a
 * negative code with an error naming the entry: CLINT_ELIMIT (too large,
 * the total exceeded, "possible ZIP bomb"), CLINT_EUNSUPPORTED
 * (encrypted, unknown method), CLINT_EFORMAT (damaged), CLINT_ENOMEM.
 */
CLINT_INTERNAL int clint_zip_read(clint_zip *z, const char *name,
                                  unsigned char **out, size_t *len);

#endif
