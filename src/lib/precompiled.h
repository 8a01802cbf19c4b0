/*
 * precompiled.h - the built-in packs' patterns, compiled at build time.
 *
 * tools/precompile.c loads every built-in pack, compiles each distinct
 * pattern as pack.c does, and writes build/precompiled.c: the compiled
 * codes as a pcre2_serialize_encode() stream per pack; per pattern source
 * its place in the streams and the prefilter's literal analysis
 * (clint_pf_analyze()); and each built-in pack as pack.c builds it from
 * its XML. A built-in pack then loads from its snapshot without parsing
 * XML, taking each pattern's decoded code (a stream is decoded when one of
 * its codes is first needed) and analysis instead of running
 * pcre2_compile() and the literal parser (a built-in pack without a
 * snapshot looks its patterns up by clint_precompiled_hash() and full
 * source text). A ruleset of exactly the default packs' patterns also
 * takes the prefilter built over them. Anything else is parsed and compiled as before: a pack
 * from a file, a stream this PCRE2 refuses to decode (another version or
 * configuration: then its codes are compiled), or
 * CLAUSELINT_NO_PRECOMPILED set in the environment. Rulesets and findings
 * are the same either way (test_precompiled.c, `make precompiled`).
 *
 * The stream is trusted only because our own build wrote it into the
 * binary: pcre2_serialize_decode() does not validate codes, so serialised
 * data is never read from any file.
 */
#ifndef CLINT_PRECOMPILED_H
#define CLINT_PRECOMPILED_H

#include "internal.h"
#include "prefilter.h"

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
	uint32_t stream;        /* the stream holding its code */
	uint32_t code;          /* index of its code in that stream */
	clint_precompiled_set needs, leads;
	int newlines;           /* 1 + clint_newline_bound(source) */
} clint_precompiled_entry;

/*
 * A built-in pack as pack.c builds it from its XML, so that loading it
 * needs no XML parsing: every field of its rules (strings as in the
 * clint_rule, NULL where the XML had no such element) and of their
 * patterns, whose sources and codes are the table's entries.
 */
typedef struct {
	uint32_t entry;          /* index into the table's entries */
	unsigned line, words;
	int paragraph, denial;
} clint_precompiled_pattern;

typedef struct {
	const char *id, *category, *title, *message, *rationale, *ref,
		*suggestion;
	unsigned line;
	int kind, severity, check;  /* clint_rule_kind, _severity, _check_id */
	unsigned min_matches;
	int has_within;
	size_t heading_count, pattern_count, unless_count, near_count;
	/* within (if any), headings, patterns, unless, near, in that order */
	const clint_precompiled_pattern *patterns;
	int th_present, th_kind, th_op, th_in_match;
	double th_than;
	const char *th_text;
	size_t example_count;
	const char *const *example_text;
	const unsigned char *example_match;
	const unsigned *example_line;
} clint_precompiled_rule;

typedef struct {
	const char *builtin;     /* clint_embedded_packs[i].pack */
	const char *name, *title, *version;
	unsigned line;           /* of <pack> */
	size_t rule_count;
	const clint_precompiled_rule *rules;
} clint_precompiled_pack;

/* The codes of one built-in pack's patterns (those no earlier pack has),
 * as pcre2_serialize_encode() wrote them; decoded when first needed. */
typedef struct {
	const unsigned char *bytes;
	size_t len;
	uint32_t code_count;
} clint_precompiled_stream;

typedef struct {
	const clint_precompiled_stream *streams;
	size_t stream_count;
	const clint_precompiled_entry *entries;  /* sorted by hash */
	size_t entry_count;
	const clint_precompiled_pack *packs;  /* as clint_embedded_packs[] */
	size_t pack_count;
	/* the prefilter of the default packs, whose pattern i (slot i) has
	 * entries[prefilter_slots[i]] */
	const clint_prefilter *prefilter;
	const uint32_t *prefilter_slots;
	size_t prefilter_slot_count;
} clint_precompiled_table;

/* build/precompiled.c (the generator itself links an empty table) */
extern const clint_precompiled_table clint_precompiled;

/* FNV-1a (64 bits) of the compile options (4 bytes, little-endian) then
 * the source text. */
CLINT_INTERNAL uint64_t clint_precompiled_hash(const char *source,
                                               uint32_t options);

#endif
