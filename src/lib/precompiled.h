/*
 * precompiled.h - the built-in packs' patterns, compiled at build time.
 *
 * tools/precompile.c loads every built-in pack, compiles each distinct
 * pattern as pack.c does, and writes build/precompiled.c: the compiled
 * codes as one pcre2_serialize_encode() stream, and per pattern source its
 * index in that stream and the prefilter's literal analysis
 * (clint_pf_analyze()). When a built-in pack loads, pack.c looks each
 * pattern up by clint_precompiled_hash() and its full source text: a hit
 * takes the decoded code and the analysis instead of running pcre2_compile()
 * and the literal parser. Anything else compiles as before: a pattern not
 * in the table, a pack from a file, a stream this PCRE2 refuses to decode
 * (another version or configuration), or CLAUSELINT_NO_PRECOMPILED set in
 * the environment. Findings are the same either way (tests/precompiled.sh).
 *
 * The stream is trusted only because our own build wrote it into the
 * binary: pcre2_serialize_decode() does not validate codes, so serialised
 * data is never read from any file.
 */
#ifndef CLINT_PRECOMPILED_H
#define CLINT_PRECOMPILED_H

#include "internal.h"

/* A literal set of clint_pf_analyze(): `n` literals, each stored as a
 * length byte followed by its bytes, in `lits`. */
typedef struct {
	unsigned char ok, n;
	size_t dist;            /* as clint_pf_set.dist, (size_t)-1 included */
	const unsigned char *lits;
} clint_precompiled_set;

typedef struct {
	uint64_t hash;          /* clint_precompiled_hash(source, options) */
	const char *source;
	uint32_t code;          /* index of its code in the stream */
	clint_precompiled_set needs, leads;
} clint_precompiled_entry;

typedef struct {
	const unsigned char *stream;    /* pcre2_serialize_encode() output */
	size_t stream_len;
	uint32_t code_count;
	const clint_precompiled_entry *entries;  /* sorted by hash */
	size_t entry_count;
} clint_precompiled_table;

/* build/precompiled.c (the generator itself links an empty table) */
extern const clint_precompiled_table clint_precompiled;

/* FNV-1a (64 bits) of the compile options (4 bytes, little-endian) then
 * the source text. */
CLINT_INTERNAL uint64_t clint_precompiled_hash(const char *source,
                                               uint32_t options);

#endif
