/*
 * pack.c - the pack stage: reads clause packs (XML), validates pack files
 * against the embedded RELAX NG schema (the built-in packs are validated by
 * the tests instead, see validate()), and compiles every pattern with
 * PCRE2 (+JIT) into a read-only clint_ruleset. All problems of all packs
 * are reported, each as file:line: error: message.
 *
 * Packs are untrusted: libxml2 never loads a DTD, never touches the
 * network and never expands entities; a DOCTYPE is refused outright.
 */
#include <dirent.h>
#include <errno.h>
#include <search.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ruleset.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

#define PACK_MAX_BYTES ((size_t)8 * 1024 * 1024)
#define PACK_MAX_FILES_IN_DIR 1000
/* a tree of about 100 bytes a node: a few thousand in the largest real
 * pack, 2 million in 8 MiB of "<a/>" */
#define PACK_MAX_NODES 1000000
/* patterns of every kind in one ruleset: each costs some 600 bytes loaded
 * and 1.6 KB more once JIT-compiled (an 8 MiB pack of 419,000 tiny
 * patterns took 945 MB); the built-in packs have under 2,000 */
#define PACK_MAX_PATTERNS 100000
/* rules of every kind (a check rule has no pattern: 380,000 of them in
 * ten packs took 354 MB) */
#define PACK_MAX_RULES 100000
/* the patterns' compiled code together: the count alone let 20,000
 * patterns of 400-word alternations take 265 MB, and 1.6 GB once
 * JIT-compiled (the built-in packs have 1.8 MiB, 14 MiB with drafting) */
#define PACK_MAX_CODE_BYTES ((size_t)64 * 1024 * 1024)

typedef struct {
	clint_ruleset *rs;
	clint_diag *diag;
	const char *file;
	int errors;
	int jit;
	int builtin;           /* loading a built-in pack */
	/* clint_ruleset_options.keep_valid_packs: a pack with problems is
	 * taken back out (leave_out()); `left_errors` of `errors` are theirs */
	int keep_valid;
	int left_errors;
	size_t patterns;       /* compiled so far, of every kind */
	unsigned buffers;      /* packs read so far (files and snapshots) */
	size_t code_bytes;     /* their compiled code */
	unsigned cap_pack;     /* the one told it passed a cap (1-based) */
	/* an allocation failed where the cause looks like a pack problem
	 * (an attribute read as missing, a pattern that "does not compile"):
	 * the load fails with CLINT_ENOMEM, and no pack is left out for it */
	int oom;
	/* errors that are not a pack's own (the embedded schema): the load
	 * fails even when the pack they came with was left out */
	int fatal;
	/* the build-time table (precompiled.h), opened at the first built-in
	 * pack; its streams are decoded when first needed */
	const clint_precompiled_table *pc;  /* &clint_precompiled */
	int pc_state;          /* PC_UNTRIED, PC_ON, PC_OFF */
	struct pc_stream {
		int state;         /* PC_UNTRIED, PC_ON (decoded), PC_OFF (refused) */
		pcre2_code **codes;  /* NULL once a pattern took it */
		uint32_t count;
	} *pc_streams;
} load_ctx;

enum { PC_UNTRIED, PC_ON, PC_OFF };

/* ---- libxml2 error collection ------------------------------------------ */

static void xml_error(void *userdata, xmlErrorPtr err)
{
	load_ctx *ctx = userdata;

	if (err && err->code == XML_ERR_NO_MEMORY)
		ctx->oom = 1;
	if (clint_diag_xml_error(ctx->diag, ctx->file, err))
		ctx->errors++;
}

static void pack_error(load_ctx *ctx, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void pack_error(load_ctx *ctx, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	clint_diag_addv(ctx->diag, CLINT_DIAG_ERROR, ctx->file, line, 0, fmt, ap);
	va_end(ap);
	ctx->errors++;
}

/* ---- the schema ----------------------------------------------------------- */

/*
 * The built-in packs are not validated when they load: they are the files
 * `make packs-test` validates (and test_pack.c checks the embedded copies
 * against the schema), and build_pack() copes with any tree anyway. Only
 * pack files and directories from the user are validated, so a run with
 * the built-in packs alone never parses the schema (about a tenth of the
 * start-up instructions); one that validates parses it once per process
 * (clint_xml_validate()). Returns CLINT_OK or CLINT_ENOMEM; problems are
 * pack errors.
 */
static int validate(load_ctx *ctx, xmlDocPtr xdoc)
{
	int before = ctx->errors;
	int rc = clint_xml_validate(CLINT_SCHEMA_PACK, xdoc, xml_error, ctx);

	if (rc == CLINT_EFORMAT) {
		const char *file = ctx->file;

		ctx->file = "<builtin>/schema/pack.rng";
		pack_error(ctx, 0, "internal error: the embedded pack schema does "
		                   "not compile");
		ctx->fatal++;
		ctx->file = file;
	} else if (rc == 1 && ctx->errors == before) {
		pack_error(ctx, 0, "does not follow the clause pack schema");
	}
	return rc == CLINT_ENOMEM ? CLINT_ENOMEM : CLINT_OK;
}

/* ---- tree helpers ------------------------------------------------------- */

static int is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The text content of `n` as a malloc'd string, or NULL on OOM. */
static char *node_text(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s;

	if (!c)
		return clint_strdup("");
	s = clint_strdup((const char *)c);
	xmlFree(c);
	return s;
}

/* Same, with surrounding white space trimmed and inner runs folded. */
static char *node_text_folded(xmlNodePtr n)
{
	char *s = node_text(n), *r, *w;
	int space = 0;

	if (!s)
		return NULL;
	for (r = w = s; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* A copy of attribute `name` of `n`, or NULL when it has none; NULL and
 * ctx->oom set when there was no memory for it. */
static char *attr(load_ctx *ctx, xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	if (!xmlHasProp(n, (const xmlChar *)name))
		return NULL;
	v = xmlGetProp(n, (const xmlChar *)name);
	s = v ? clint_strdup((const char *)v) : NULL;
	xmlFree(v);
	if (!s)
		ctx->oom = 1;
	return s;
}

/* ---- the build-time table of compiled patterns ---------------------------- */

uint64_t clint_precompiled_hash(const char *source, uint32_t options)
{
	uint64_t h = 14695981039346656037u;
	unsigned i;

	for (i = 0; i < 4; i++) {
		h ^= (options >> (8 * i)) & 0xFF;
		h *= 1099511628211u;
	}
	for (; *source; source++) {
		h ^= (unsigned char)*source;
		h *= 1099511628211u;
	}
	return h;
}

/* Opens the table for this load, unless CLAUSELINT_NO_PRECOMPILED is set. */
static void precompiled_open(load_ctx *ctx)
{
	const clint_precompiled_table *t = ctx->pc;

	ctx->pc_state = PC_OFF;
	if (getenv("CLAUSELINT_NO_PRECOMPILED") || !t || !t->entry_count)
		return;
	ctx->pc_streams = calloc(t->stream_count + 1, sizeof(*ctx->pc_streams));
	if (ctx->pc_streams)
		ctx->pc_state = PC_ON;
}

/* Frees the decoded codes no pattern took. */
static void precompiled_close(load_ctx *ctx)
{
	size_t s;
	uint32_t i;

	for (s = 0; ctx->pc_streams && s < ctx->pc->stream_count; s++) {
		for (i = 0; i < ctx->pc_streams[s].count; i++)
			pcre2_code_free(ctx->pc_streams[s].codes[i]);
		free(ctx->pc_streams[s].codes);
	}
	free(ctx->pc_streams);
	ctx->pc_streams = NULL;
}

/*
 * Takes the decoded code of entry `e` (the pattern owns it now), decoding
 * its stream at the first need. NULL when the pattern must be compiled: a
 * stream this PCRE2 refuses (another version or configuration:
 * PCRE2_ERROR_BADMAGIC, _BADMODE, _BADSERIALIZEDDATA) or cannot allocate,
 * or the code already taken by an identical pattern.
 */
static pcre2_code *precompiled_code(load_ctx *ctx,
                                    const clint_precompiled_entry *e)
{
	const clint_precompiled_stream *from;
	struct pc_stream *st;
	pcre2_code *code;

	if (ctx->pc_state != PC_ON || e->stream >= ctx->pc->stream_count)
		return NULL;
	from = &ctx->pc->streams[e->stream];
	st = &ctx->pc_streams[e->stream];
	if (st->state == PC_UNTRIED) {
		st->state = PC_OFF;
		if (!from->code_count || from->code_count > INT32_MAX)
			return NULL;
		st->codes = calloc(from->code_count, sizeof(*st->codes));
		if (!st->codes)
			return NULL;
		if (pcre2_serialize_decode(st->codes, (int32_t)from->code_count,
		                           from->bytes, NULL) !=
		    (int32_t)from->code_count) {
			free(st->codes);  /* PCRE2 freed what it had decoded */
			st->codes = NULL;
			return NULL;
		}
		st->count = from->code_count;
		st->state = PC_ON;
	}
	if (st->state != PC_ON || e->code >= st->count)
		return NULL;
	code = st->codes[e->code];
	st->codes[e->code] = NULL;
	if (code)
		ctx->rs->precompiled_codes++;
	return code;
}

/* The entry of table `t` for `source`, or NULL. */
static const clint_precompiled_entry *
precompiled_find(const clint_precompiled_table *t, const char *source)
{
	uint64_t h = clint_precompiled_hash(source, CLINT_PATTERN_OPTIONS);
	size_t lo = 0, hi = t->entry_count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->entries[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->entry_count && t->entries[lo].hash == h; lo++)
		if (strcmp(t->entries[lo].source, source) == 0)
			return &t->entries[lo];
	return NULL;
}

/*
 * For a pattern of a built-in pack: points p->pre at its table entry and
 * returns the decoded code, which the pattern now owns; NULL when it must
 * be compiled (not in the table, no usable stream, or its code already
 * taken by an identical pattern).
 */
static pcre2_code *precompiled_take(load_ctx *ctx, clint_pattern *p)
{
	if (!ctx->builtin)
		return NULL;
	if (ctx->pc_state == PC_UNTRIED)
		precompiled_open(ctx);
	if (ctx->pc_state != PC_ON)
		return NULL;
	p->pre = precompiled_find(ctx->pc, p->source);
	return p->pre ? precompiled_code(ctx, p->pre) : NULL;
}

/* clint_pf_known_fn: the literal sets of a pattern from the table. */
static int precompiled_sets(void *vrs, size_t i, clint_pf_set *needs,
                            clint_pf_set *leads)
{
	clint_ruleset *rs = vrs;
	const clint_precompiled_entry *e = rs->all[i].p->pre;
	const clint_precompiled_set *from[2];
	clint_pf_set *to[2];
	unsigned k, j;

	if (!e)
		return 0;
	from[0] = &e->needs;
	from[1] = &e->leads;
	to[0] = needs;
	to[1] = leads;
	for (k = 0; k < 2; k++) {
		const unsigned char *l = from[k]->lits;

		to[k]->ok = from[k]->ok;
		to[k]->n = 0;
		to[k]->dist = from[k]->dist;
		for (j = 0; j < from[k]->n && j < CLINT_PF_SET_MAX; j++) {
			unsigned len = *l++;

			if (len > CLINT_PF_LIT_MAX)
				return 0;  /* not from this build: parse the source */
			to[k]->len[j] = (unsigned char)len;
			memcpy(to[k]->s[j], l, len);
			l += len;
			to[k]->n++;
		}
	}
	rs->precompiled_sets++;
	return 1;
}

/* ---- compiling ------------------------------------------------------------ */

/*
 * The ruleset passed one of its caps (PACK_MAX_PATTERNS, _RULES,
 * _CODE_BYTES) with the pack being read: said once a pack ("... in the
 * packs loaded: refused"), which fails to load and whose rest is not read
 * (pack_over()). Returns 1.
 */
static int cap_passed(load_ctx *ctx, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cap_passed(load_ctx *ctx, unsigned line, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	if (ctx->cap_pack == ctx->buffers)
		return 1;
	ctx->cap_pack = ctx->buffers;
	va_start(ap, fmt);
	clint_vsnprintf_c(what, sizeof(what), fmt, ap);
	va_end(ap);
	pack_error(ctx, line, "%s in the packs loaded: refused", what);
	return 1;
}

/* Counts one more pattern of the pack being read, built-in ones too;
 * true past PACK_MAX_PATTERNS in the ruleset. */
static int over_cap(load_ctx *ctx, unsigned line)
{
	if (++ctx->patterns <= PACK_MAX_PATTERNS)
		return 0;
	return cap_passed(ctx, line,
	                  "more than %d patterns (<pattern>, <unless>, <near>, "
	                  "<heading>, <within>)",
	                  PACK_MAX_PATTERNS);
}

/* True once the pack being read has passed the cap: its rules are not
 * read on, nor kept (each refused pattern kept 72 bytes: 8 MiB packs of
 * 419,000 took 29 MB each, loaded to the end of a run that fails). */
static int pack_over(const load_ctx *ctx)
{
	return ctx->buffers && ctx->cap_pack == ctx->buffers;
}


/*
 * Compiles p->source unless p->code is already its precompiled code; a
 * source that does not compile is an error of the pack (`elem` is the
 * element it came from).
 */
static int finish_pattern(load_ctx *ctx, clint_pattern *p, const char *elem,
                          const char *rule_id)
{
	int err;
	PCRE2_SIZE off;
	size_t size;
	char msg[256];

	if (!p->code)
		p->code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
		                        CLINT_PATTERN_OPTIONS, &err, &off, NULL);
	/* a reference to a numbered group needs plain groups to capture;
	 * a source that is wrong either way gets this compilation's error */
	if (!p->code)
		p->code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
		                        CLINT_PATTERN_OPTIONS & ~PCRE2_NO_AUTO_CAPTURE,
		                        &err, &off, NULL);
	if (!p->code && err == PCRE2_ERROR_HEAP_FAILED) {
		ctx->oom = 1;
		return CLINT_ENOMEM;
	}
	if (!p->code) {
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, sizeof(msg));
		pack_error(ctx, p->line,
		           "rule '%s': <%s> does not compile at offset %zu: %s",
		           rule_id, elem, (size_t)off, msg);
		return CLINT_OK;
	}
	if (pcre2_pattern_info(p->code, PCRE2_INFO_SIZE, &size) == 0)
		ctx->code_bytes += size;
	if (ctx->code_bytes > PACK_MAX_CODE_BYTES) {
		cap_passed(ctx, p->line, "more than %zu MiB of compiled patterns",
		           PACK_MAX_CODE_BYTES >> 20);
		return CLINT_OK;
	}
	/* JIT is an optimisation: without it patterns still match. It is
	 * deferred (clint_pattern_code()): the prefilter keeps most patterns
	 * from ever running on most documents, JIT compilation was over half
	 * of the start-up instructions, and a pattern run a few times on a
	 * short subject costs less interpreted than JIT-compiled. */
	atomic_init(&p->subject_bytes, 0);
	atomic_init(&p->jit, ctx->jit ? CLINT_JIT_PENDING : CLINT_JIT_DONE);
	atomic_init(&p->jit_code, NULL);
	atomic_init(&p->unopt_code, NULL);
	atomic_init(&p->unopt_failed, 0);
	/* check.c would parse the source for it at the pattern's first run */
	atomic_init(&p->newlines, p->pre ? p->pre->newlines : 0);
	return CLINT_OK;
}

static int compile_pattern(load_ctx *ctx, clint_pattern *p, xmlNodePtr n,
                           const char *rule_id)
{
	p->line = clint_xml_line(n);
	if (over_cap(ctx, p->line))
		return CLINT_OK;
	p->source = node_text(n);
	if (!p->source)
		return CLINT_ENOMEM;
	p->code = precompiled_take(ctx, p);
	return finish_pattern(ctx, p, (const char *)n->name, rule_id);
}

/*
 * The code to run `p` with, under any number of threads. p->code itself is
 * never JIT-compiled, since other threads may be running it: the caller
 * that finds the pattern due (its subjects reached CLINT_JIT_AFTER_BYTES,
 * or a subject of unknown size) moves jit from PENDING to BUSY
 * (compare-and-swap), JIT-compiles a copy and publishes it in jit_code
 * with release order; every caller loads jit_code with acquire order, so
 * the writes pcre2_jit_compile() made to the copy happen before any
 * pcre2_match() on it in any thread. Until then (and meanwhile) callers
 * run the interpreter on p->code, which gives the same matches. A failed
 * JIT compilation leaves the interpreter.
 */
const pcre2_code *clint_pattern_code_for(const clint_pattern *p,
                                         size_t subject_bytes)
{
	clint_pattern *w = (clint_pattern *)p;  /* only its JIT fields change */
	pcre2_code *j = atomic_load_explicit(&w->jit_code, memory_order_acquire);
	unsigned before;
	int st;

	if (j || !p->code)
		return j ? j : p->code;
	if (atomic_load_explicit(&w->jit, memory_order_relaxed) !=
	    CLINT_JIT_PENDING)
		return p->code;
	if (subject_bytes < CLINT_JIT_AFTER_BYTES) {
		/* each addition is below the budget and the sum stops growing
		 * once a caller finds it reached: no overflow */
		before = atomic_fetch_add_explicit(&w->subject_bytes,
		                                   (unsigned)subject_bytes,
		                                   memory_order_relaxed);
		if (before + subject_bytes < CLINT_JIT_AFTER_BYTES)
			return p->code;
	}
	st = CLINT_JIT_PENDING;
	if (!atomic_compare_exchange_strong_explicit(&w->jit, &st, CLINT_JIT_BUSY,
	                                             memory_order_relaxed,
	                                             memory_order_relaxed))
		return p->code;
	/* with its own tables: codes decoded from one stream share theirs
	 * with a reference count that pcre2_code_copy() would increment
	 * without atomics, racing with other threads' copies */
	j = pcre2_code_copy_with_tables(p->code);
	if (j && pcre2_jit_compile(j, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(j);
		j = NULL;
	}
	if (j)
		atomic_store_explicit(&w->jit_code, j, memory_order_release);
	atomic_store_explicit(&w->jit, CLINT_JIT_DONE, memory_order_relaxed);
	return j ? j : p->code;
}

/*
 * For check.c's windows where PCRE2's search for the pattern's required
 * code unit would read far past the window (req_reach()): that search is
 * one of PCRE2's start optimisations, and this code has none. Compiled
 * once, by whichever thread comes first; a thread that loses the race
 * frees its own and takes the published one (acquire: its compilation's
 * writes happen before).
 */
const pcre2_code *clint_pattern_code_unopt(const clint_pattern *p)
{
	clint_pattern *w = (clint_pattern *)p;  /* only its unopt fields change */
	pcre2_code *u = atomic_load_explicit(&w->unopt_code, memory_order_acquire);
	pcre2_code *none = NULL;
	PCRE2_SIZE off;
	int err;

	if (u || !p->source ||
	    atomic_load_explicit(&w->unopt_failed, memory_order_relaxed))
		return u;
	u = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
	                  CLINT_PATTERN_OPTIONS | PCRE2_NO_START_OPTIMIZE, &err,
	                  &off, NULL);
	if (!u)  /* as finish_pattern() */
		u = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
		                  (CLINT_PATTERN_OPTIONS & ~PCRE2_NO_AUTO_CAPTURE) |
		                      PCRE2_NO_START_OPTIMIZE,
		                  &err, &off, NULL);
	if (!u) {
		/* out of memory now is tried again at the next far window */
		if (err != PCRE2_ERROR_HEAP_FAILED)
			atomic_store_explicit(&w->unopt_failed, 1, memory_order_relaxed);
		return NULL;
	}
	if (!atomic_compare_exchange_strong_explicit(&w->unopt_code, &none, u,
	                                             memory_order_acq_rel,
	                                             memory_order_acquire)) {
		pcre2_code_free(u);
		return none;
	}
	return u;
}

const pcre2_code *clint_pattern_code(const clint_pattern *p)
{
	return clint_pattern_code_for(p, (size_t)-1);
}

static void free_pattern(clint_pattern *p)
{
	pcre2_code_free(p->code);
	pcre2_code_free(atomic_load_explicit(&p->jit_code, memory_order_relaxed));
	pcre2_code_free(atomic_load_explicit(&p->unopt_code, memory_order_relaxed));
	free(p->source);
}

static void free_rule(clint_rule *r)
{
	size_t i;

	free(r->id);
	free(r->category);
	free(r->title);
	free(r->message);
	free(r->rationale);
	free(r->ref);
	free(r->suggestion);
	if (r->within) {
		free_pattern(r->within);
		free(r->within);
	}
	for (i = 0; i < r->heading_count; i++)
		free_pattern(&r->headings[i]);
	free(r->headings);
	for (i = 0; i < r->pattern_count; i++)
		free_pattern(&r->patterns[i]);
	free(r->patterns);
	for (i = 0; i < r->unless_count; i++)
		free_pattern(&r->unless[i]);
	free(r->unless);
	for (i = 0; i < r->near_count; i++)
		free_pattern(&r->near[i]);
	free(r->near);
	free(r->threshold.text);
	for (i = 0; i < r->example_count; i++)
		free(r->examples[i].text);
	free(r->examples);
}

/*
 * Room for element `count` of a list grown one at a time, whose capacity
 * is the power of two at or above its count: the list is reallocated only
 * when the count is 0 or a power of two. Grown by one element each time,
 * a rule of 100,000 patterns copied its list 100,000 times (31 s under
 * ASan, where realloc always copies). NULL if out of memory.
 */
static void *grow_list(void *list, size_t count, size_t size)
{
	void *p;

	if (count && (count & (count - 1)))
		return list;
	if (count > SIZE_MAX / 2 / size)
		return NULL;
	p = realloc(list, (count ? 2 * count : 1) * size);
	return p;
}

static int add_pattern(load_ctx *ctx, clint_pattern **list, size_t *count,
                       xmlNodePtr n, const char *rule_id)
{
	clint_pattern *p = grow_list(*list, *count, sizeof(**list));

	if (!p)
		return CLINT_ENOMEM;
	*list = p;
	memset(&p[*count], 0, sizeof(*p));
	(*count)++;
	return compile_pattern(ctx, &p[*count - 1], n, rule_id);
}

/*
 * Rule ids are found in a search tree: POSIX tsearch(), a red-black tree
 * in glibc, so O(log n) string compares per lookup whatever the ids. A
 * walk through the rules at each new rule and at each finding a report
 * names made loading 28,000 rules take 1.9 s and a SARIF report 18 s; the
 * hash table (FNV-1a, open addressing) that replaced it could be steered:
 * 64,000 rule ids made equal in the hash's low 20 bits put every rule in
 * one cluster, and loaded in 35 s (ordinary ids: 1.2 s; any unkeyed hash
 * can be attacked so). Each node holds its own copy of the id, so the
 * tree never reads a freed rule.
 */
typedef struct {
	const char *id;  /* the copy after the struct, or the key looked for */
	size_t rule;     /* the first rule with that id, in ruleset order */
} id_entry;

static int cmp_id_entry(const void *a, const void *b)
{
	return strcmp(((const id_entry *)a)->id, ((const id_entry *)b)->id);
}

/* The first rule, in ruleset order, with id `id`, or (size_t)-1. Only
 * reads the tree (tfind()): threads may share the ruleset. */
static size_t find_rule(const clint_ruleset *rs, const char *id)
{
	id_entry key = {id, 0};
	void *const *node = tfind(&key, &rs->id_tree, cmp_id_entry);

	return node ? (*(id_entry *const *)node)->rule : (size_t)-1;
}

/* Empties the tree, freeing its entries (tdelete() of the root at a time:
 * POSIX has no tdestroy()). */
static void free_id_tree(clint_ruleset *rs)
{
	while (rs->id_tree) {
		id_entry *e = *(id_entry **)rs->id_tree;

		tdelete(e, &rs->id_tree, cmp_id_entry);
		free(e);
	}
}

/* Puts rules [from, rule_count) in the tree, made again from all the
 * rules when from is 0. A rule whose id is there already is not added:
 * find_rule() meets the first. */
static int index_rules(clint_ruleset *rs, size_t from)
{
	size_t i, len;

	if (from == 0)
		free_id_tree(rs);
	for (i = from; i < rs->rule_count; i++) {
		id_entry *e, **node;

		len = strlen(rs->rules[i].id);
		e = malloc(sizeof(*e) + len + 1);
		if (!e)
			return CLINT_ENOMEM;
		e->id = memcpy(e + 1, rs->rules[i].id, len + 1);
		e->rule = i;
		node = tsearch(e, &rs->id_tree, cmp_id_entry);
		if (!node) {
			free(e);
			return CLINT_ENOMEM;
		}
		if (*node != e)
			free(e);
	}
	return CLINT_OK;
}

static const struct {
	const char *name;
	double days;
} duration_unit_days[] = {
	{"minutes", 1.0 / 1440}, {"hours", 1.0 / 24}, {"days", 1},
	{"business-days", 1.4},  {"weeks", 7},        {"months", 30.4375},
	{"years", 365.25},
};

/* Reads <threshold value op than unit>; durations are kept in days. */
static int build_threshold(load_ctx *ctx, clint_rule *r, xmlNodePtr n)
{
	static const char *const op_words[] = {"less than", "at most",
	                                       "more than", "at least"};
	char *value = attr(ctx, n, "value"), *op = attr(ctx, n, "op");
	char *than = attr(ctx, n, "than"), *unit = attr(ctx, n, "unit");
	char *scope = attr(ctx, n, "scope"), *end = NULL;
	clint_threshold *t = &r->threshold;
	clint_buf b = CLINT_BUF_INIT;
	double scale = 1;
	size_t i;
	int rc = CLINT_OK;

	t->present = 1;
	t->in_match = scope && strcmp(scope, "match") == 0;
	t->kind = value && strcmp(value, "money") == 0     ? CLINT_VALUE_MONEY
	          : value && strcmp(value, "percent") == 0 ? CLINT_VALUE_PERCENT
	                                                   : CLINT_VALUE_DURATION;
	t->op = op && strcmp(op, "lt") == 0   ? CLINT_OP_LT
	        : op && strcmp(op, "le") == 0 ? CLINT_OP_LE
	        : op && strcmp(op, "gt") == 0 ? CLINT_OP_GT
	                                      : CLINT_OP_GE;
	t->than = than ? clint_strtod_c(than, &end) : 0;
	if (!than || end == than || *end)
		pack_error(ctx, clint_xml_line(n), "rule '%s': threshold 'than' is not a number",
		           r->id);
	if (t->kind == CLINT_VALUE_DURATION) {
		for (i = 0; i < ARRAY_LEN(duration_unit_days); i++)
			if (strcmp(unit ? unit : "days", duration_unit_days[i].name) == 0)
				scale = duration_unit_days[i].days;
	} else if (unit) {
		pack_error(ctx, clint_xml_line(n),
		           "rule '%s': threshold 'unit' applies to durations only",
		           r->id);
	}
	clint_buf_printf(&b, "%s %g%s%s%s", op_words[t->op], t->than,
	                 t->kind == CLINT_VALUE_PERCENT ? "%" : "",
	                 t->kind == CLINT_VALUE_DURATION ? " " : "",
	                 t->kind == CLINT_VALUE_DURATION ? (unit ? unit : "days") : "");
	t->than *= scale;
	free(t->text);  /* a second <threshold> in a pack the schema refuses */
	t->text = clint_buf_detach(&b, NULL);
	if (!t->text)
		rc = CLINT_ENOMEM;
	free(value);
	free(op);
	free(than);
	free(unit);
	free(scope);
	return rc;
}

/*
 * Adds rule `r` (taken over: freed on failure) to pack `pack` of the
 * ruleset, noting a rule id another rule already has, as both ways of
 * loading a pack (XML, build-time snapshot) do.
 */
static int push_rule(load_ctx *ctx, clint_ruleset *rs, size_t pack,
                     clint_rule *r)
{
	size_t dup = find_rule(rs, r->id);

	if (rs->rule_count >= PACK_MAX_RULES) {
		cap_passed(ctx, r->line, "more than %d rules", PACK_MAX_RULES);
		free_rule(r);
		return CLINT_OK;
	}
	if (dup != (size_t)-1)
		pack_error(ctx, r->line, "rule '%s' is already defined at %s:%u",
		           r->id, rs->packs[rs->rules[dup].pack].file,
		           rs->rules[dup].line);
	if (ARRAY_PUSH(rs->rules, rs->rule_count, rs->rule_cap) < 0) {
		free_rule(r);
		return CLINT_ENOMEM;
	}
	rs->rules[rs->rule_count++] = *r;
	rs->packs[pack].rule_count++;
	return index_rules(rs, rs->rule_count - 1);
}

/* Builds a rule from a schema-valid <rule> element. */
static int build_rule(load_ctx *ctx, xmlNodePtr n, size_t pack)
{
	clint_ruleset *rs = ctx->rs;
	clint_rule r;
	xmlNodePtr c;
	char *s = NULL;
	int rc = CLINT_OK;

	memset(&r, 0, sizeof(r));
	r.pack = pack;
	r.line = clint_xml_line(n);
	r.min_matches = 1;
	r.id = attr(ctx, n, "id");
	r.category = attr(ctx, n, "category");
	if (!r.id)
		r.id = clint_strdup("(no id)");
	if (!r.category)
		r.category = clint_strdup("");
	if (!r.id || !r.category) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	s = attr(ctx, n, "kind");
	if (s && strcmp(s, "flag") == 0)
		r.kind = CLINT_RULE_FLAG;
	else if (s && strcmp(s, "require") == 0)
		r.kind = CLINT_RULE_REQUIRE;
	else if (s && strcmp(s, "check") == 0)
		r.kind = CLINT_RULE_CHECK;
	else
		pack_error(ctx, r.line,
		           "rule '%s': kind '%s' is not 'require' or 'flag'", r.id,
		           s ? s : "");
	free(s);
	s = attr(ctx, n, "severity");
	if (!s || clint_severity_from_name(&r.severity, s) < 0)
		pack_error(ctx, r.line,
		           "rule '%s': severity '%s' is not error, warning or info",
		           r.id, s ? s : "");
	free(s);
	s = attr(ctx, n, "check");
	if (s) {
		static const char *const checks[] = {
			"", "words-digits", "numbering", "cross-reference",
			"placeholders", "undefined-terms", "unused-terms",
			"duplicate-definitions", "parties", "dates",
			"direction-controls", "disguised-words"};
		size_t k;
		for (k = 1; k < ARRAY_LEN(checks); k++)
			if (strcmp(s, checks[k]) == 0)
				r.check = (clint_check_id)k;
		if (!r.check)
			pack_error(ctx, r.line, "rule '%s': unknown check '%s'", r.id, s);
	}
	free(s);
	s = attr(ctx, n, "min-matches");
	if (s)
		r.min_matches = (unsigned)strtoul(s, NULL, 10);
	free(s);
	s = NULL;

	for (c = n->children; c && rc == CLINT_OK && !pack_over(ctx);
	     c = c->next) {
		char **field = NULL;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(c, "title"))
			field = &r.title;
		else if (is_elem(c, "message"))
			field = &r.message;
		else if (is_elem(c, "rationale"))
			field = &r.rationale;
		else if (is_elem(c, "ref"))
			field = &r.ref;
		else if (is_elem(c, "suggestion"))
			field = &r.suggestion;
		if (field) {
			/* a pack the schema refuses may repeat an element: keep
			 * the last, free the others */
			free(*field);
			*field = node_text_folded(c);
			if (!*field)
				rc = CLINT_ENOMEM;
		} else if (is_elem(c, "within")) {
			if (r.within) {
				free_pattern(r.within);
				free(r.within);
			}
			r.within = calloc(1, sizeof(*r.within));
			rc = r.within ? compile_pattern(ctx, r.within, c, r.id)
			              : CLINT_ENOMEM;
		} else if (is_elem(c, "heading")) {
			rc = add_pattern(ctx, &r.headings, &r.heading_count, c, r.id);
		} else if (is_elem(c, "pattern")) {
			rc = add_pattern(ctx, &r.patterns, &r.pattern_count, c, r.id);
		} else if (is_elem(c, "unless")) {
			rc = add_pattern(ctx, &r.unless, &r.unless_count, c, r.id);
			s = attr(ctx, c, "scope");
			if (rc == CLINT_OK && s && strcmp(s, "paragraph") == 0)
				r.unless[r.unless_count - 1].paragraph = 1;
			free(s);
			s = attr(ctx, c, "denial");
			if (rc == CLINT_OK && s && strcmp(s, "true") == 0)
				r.unless[r.unless_count - 1].denial = 1;
			free(s);
			s = NULL;
		} else if (is_elem(c, "near")) {
			rc = add_pattern(ctx, &r.near, &r.near_count, c, r.id);
			s = attr(ctx, c, "words");
			if (rc == CLINT_OK)
				r.near[r.near_count - 1].words =
					s ? (unsigned)strtoul(s, NULL, 10) : 10;
			free(s);
			s = NULL;
		} else if (is_elem(c, "threshold")) {
			rc = build_threshold(ctx, &r, c);
		} else if (is_elem(c, "example")) {
			clint_example *e = grow_list(r.examples, r.example_count,
			                             sizeof(*e));
			if (!e) {
				rc = CLINT_ENOMEM;
				break;
			}
			r.examples = e;
			e = &e[r.example_count++];
			e->line = clint_xml_line(c);
			e->text = node_text(c);
			s = attr(ctx, c, "expect");
			e->expect_match = s && strcmp(s, "match") == 0;
			free(s);
			s = NULL;
			if (!e->text)
				rc = CLINT_ENOMEM;
		}
	}
	if (rc < 0 || pack_over(ctx))
		goto done;
	if (r.kind == CLINT_RULE_CHECK &&
	    (!r.check || r.heading_count || r.pattern_count || r.unless_count ||
	     r.near_count || r.within || r.threshold.present))
		pack_error(ctx, r.line,
		           "rule '%s': a check rule names a built-in check "
		           "(check=\"...\") and has no patterns",
		           r.id);
	if (r.kind != CLINT_RULE_CHECK && r.check)
		pack_error(ctx, r.line, "rule '%s': check=\"...\" needs kind=\"check\"",
		           r.id);
	if (r.kind == CLINT_RULE_REQUIRE && !r.heading_count && !r.pattern_count)
		pack_error(ctx, r.line,
		           "rule '%s': a require rule needs at least one <heading> "
		           "or <pattern>",
		           r.id);
	if (r.kind == CLINT_RULE_FLAG && !r.pattern_count && !r.heading_count)
		pack_error(ctx, r.line, "rule '%s': a flag rule needs at least one "
		                        "<pattern> or <heading>",
		           r.id);
	return push_rule(ctx, rs, pack, &r);
done:
	free_rule(&r);
	return rc;
}

/* Appends an empty pack from ctx->file at `line`; *index tells where.
 * NULL when out of memory. */
static clint_pack *push_pack(load_ctx *ctx, unsigned line, size_t *index)
{
	clint_ruleset *rs = ctx->rs;
	clint_pack *p;

	if (ARRAY_PUSH(rs->packs, rs->pack_count, rs->pack_cap) < 0)
		return NULL;
	*index = rs->pack_count;
	p = &rs->packs[rs->pack_count++];
	memset(p, 0, sizeof(*p));
	p->line = line;
	p->file = clint_strdup(ctx->file);
	return p->file ? p : NULL;
}

/* Reports pack `index` when a pack loaded before it has its name. */
static void check_pack_name(load_ctx *ctx, size_t index)
{
	const clint_pack *packs = ctx->rs->packs;
	size_t i;

	for (i = 0; i < index; i++)
		if (strcmp(packs[i].name, packs[index].name) == 0)
			pack_error(ctx, packs[index].line,
			           "pack '%s' is already loaded from %s",
			           packs[index].name, packs[i].file);
}

static int build_pack(load_ctx *ctx, xmlNodePtr root)
{
	clint_ruleset *rs = ctx->rs;
	clint_pack *p;
	xmlNodePtr c;
	size_t index;
	int rc = CLINT_OK;

	if (!(p = push_pack(ctx, clint_xml_line(root), &index)))
		return CLINT_ENOMEM;
	p->name = attr(ctx, root, "name");
	if (!p->name)
		p->name = clint_strdup("(no name)");
	p->version = attr(ctx, root, "version");
	if (!p->version)
		p->version = clint_strdup("");
	if (!p->name || !p->version)
		return CLINT_ENOMEM;
	check_pack_name(ctx, index);
	for (c = root->children; c && rc == CLINT_OK && !pack_over(ctx);
	     c = c->next) {
		if (is_elem(c, "title")) {
			p = &rs->packs[index];
			free(p->title);  /* a second <title>, in a pack the schema refuses */
			p->title = node_text_folded(c);
			if (!p->title)
				rc = CLINT_ENOMEM;
		} else if (is_elem(c, "rule")) {
			rc = build_rule(ctx, c, index);
		}
	}
	return rc;
}

/*
 * Loads one pack from memory into ctx->rs. Problems go to ctx->diag and
 * ctx->errors; the return value is negative only for out-of-memory.
 */
static int load_pack_buffer(load_ctx *ctx, int must_validate,
                            const char *data, size_t len)
{
	clint_xml_reader reader = {"clause packs",
	                           XML_PARSE_NOWARNING |
	                               XML_PARSE_COMPACT |  /* tree never modified */
	                               XML_PARSE_BIG_LINES,
	                           PACK_MAX_NODES, "", NULL, 0};
	xmlParserCtxtPtr pctx = NULL;
	xmlDocPtr xdoc = NULL;
	int before = ctx->errors, rc = CLINT_OK;

	ctx->buffers++;
	if (len >= 2 && (memcmp(data, "PK", 2) == 0 || memchr(data, 0, len))) {
		pack_error(ctx, 0, "not an XML clause pack (binary data)");
		return CLINT_OK;
	}
	/* here, not at every load: built-in packs load from their snapshot
	 * without libxml2, which is then never opened (lazylib.h) */
	clint_xml_init();
	pctx = xmlNewParserCtxt();
	if (!pctx)
		return CLINT_ENOMEM;
	xmlSetStructuredErrorFunc(ctx, xml_error);
	/* packs never need a DTD: refusing DOCTYPE shuts out entity tricks;
	 * BIG_LINES: a rule past line 65,535 is named at its line, not at
	 * 65535 (libxml2 keeps 16 bits in a node otherwise) */
	rc = clint_xml_read(&xdoc, pctx, data, len, ctx->file, &reader);
	if (rc != CLINT_OK) {
		pack_error(ctx, 0, "%s", reader.why);
		rc = CLINT_OK;
		goto done;
	}
	if (!xdoc || ctx->errors > before) {
		if (!xdoc && ctx->errors == before)
			pack_error(ctx, 0, "not well-formed XML");
		goto done;
	}
	if (must_validate && (rc = validate(ctx, xdoc)) < 0)
		goto done;
	/* Build even an invalid pack, so that its patterns and ids are checked
	 * too and every problem is reported in one run; the load fails anyway. */
	if (is_elem(xmlDocGetRootElement(xdoc), "pack"))
		rc = build_pack(ctx, xmlDocGetRootElement(xdoc));
done:
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeDoc(xdoc);
	xmlFreeParserCtxt(pctx);
	return rc;
}

static int load_pack_file(load_ctx *ctx, const char *path)
{
	clint_buf b = CLINT_BUF_INIT;
	const char *why;
	int rc;

	ctx->file = path;
	rc = clint_buf_read_file(&b, path, PACK_MAX_BYTES, &why);
	if (rc == CLINT_EIO) {
		pack_error(ctx, 0, "%s", why);
		rc = CLINT_OK;
	} else if (rc == CLINT_ELIMIT) {
		pack_error(ctx, 0, "pack is larger than %zu bytes", PACK_MAX_BYTES);
		rc = CLINT_OK;
	} else if (rc == CLINT_OK) {
		rc = load_pack_buffer(ctx, 1, b.data, b.len);
	}
	clint_buf_free(&b);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What the ruleset held before one pack (file, directory entry, path)
 * was loaded: leave_out() takes that pack back out. */
typedef struct {
	size_t rules, packs, codes, patterns, code_bytes;
	int errors;
} load_mark;

static load_mark mark(const load_ctx *ctx)
{
	load_mark m = {ctx->rs->rule_count, ctx->rs->pack_count,
	               ctx->rs->precompiled_codes, ctx->patterns, ctx->code_bytes,
	               ctx->errors};

	return m;
}

static void free_pack(clint_pack *p)
{
	free(p->name);
	free(p->title);
	free(p->version);
	free(p->file);
}

/* With keep_valid, takes out what a pack with problems added since `m`:
 * its errors stay reported, the packs loaded before and after it stay. */
static void leave_out(load_ctx *ctx, load_mark m)
{
	clint_ruleset *rs = ctx->rs;

	if (!ctx->keep_valid || ctx->oom || ctx->errors == m.errors)
		return;
	while (rs->rule_count > m.rules)
		free_rule(&rs->rules[--rs->rule_count]);
	if (index_rules(rs, 0) < 0)
		ctx->oom = 1;
	while (rs->pack_count > m.packs)
		free_pack(&rs->packs[--rs->pack_count]);
	rs->precompiled_codes = m.codes;
	ctx->patterns = m.patterns;
	ctx->code_bytes = m.code_bytes;
	ctx->left_errors += ctx->errors - m.errors;
	rs->left_out++;
}

/* load_pack_file(), the pack left out when it has problems. */
static int load_pack_file_or_leave(load_ctx *ctx, const char *path)
{
	load_mark m = mark(ctx);
	int rc = load_pack_file(ctx, path);

	if (rc == CLINT_OK)
		leave_out(ctx, m);
	return rc;
}

/* Loads every *.xml file of a directory, in name order. */
static int load_pack_dir(load_ctx *ctx, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, cap = 0, i;
	int rc = CLINT_OK;

	if (!d) {
		load_mark m = mark(ctx);

		ctx->file = dir;
		pack_error(ctx, 0, "%s", strerror(errno));
		leave_out(ctx, m);
		return CLINT_OK;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		clint_buf b = CLINT_BUF_INIT;

		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		if (count >= PACK_MAX_FILES_IN_DIR) {
			/* which 1,000 would depend on the order readdir() gives:
			 * none, and say so */
			load_mark m = mark(ctx);

			ctx->file = dir;
			pack_error(ctx, 0, "more than %d pack files (*.xml): none "
			           "of them loaded", PACK_MAX_FILES_IN_DIR);
			leave_out(ctx, m);
			for (i = 0; i < count; i++)
				free(names[i]);
			count = 0;
			break;
		}
		if (ARRAY_PUSH(names, count, cap) < 0 ||
		    clint_buf_printf(&b, "%s/%s", dir, e->d_name) < 0) {
			clint_buf_free(&b);
			rc = CLINT_ENOMEM;
			break;
		}
		names[count++] = clint_buf_detach(&b, NULL);
	}
	closedir(d);
	if (rc == CLINT_OK && count)
		qsort(names, count, sizeof(*names), cmp_str);
	for (i = 0; i < count; i++) {
		if (rc == CLINT_OK)
			rc = load_pack_file_or_leave(ctx, names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* ---- built-in packs from their snapshots (precompiled.h) ------------------ */

/* Pattern `sp` of a snapshot into *p (zeroed): its entry's source, and
 * its code from the decoded stream or compiled. */
static int snapshot_pattern(load_ctx *ctx, clint_pattern *p,
                            const clint_precompiled_pattern *sp,
                            const char *elem, const char *rule_id)
{
	const clint_precompiled_entry *e;

	if (sp->entry >= ctx->pc->entry_count)  /* not from this build */
		return CLINT_EINVAL;
	e = &ctx->pc->entries[sp->entry];
	p->line = sp->line;
	p->words = sp->words;
	p->paragraph = sp->paragraph;
	p->denial = sp->denial;
	if (over_cap(ctx, p->line))
		return CLINT_OK;
	p->source = clint_strdup(e->source);
	if (!p->source)
		return CLINT_ENOMEM;
	p->pre = e;
	p->code = precompiled_code(ctx, e);
	return finish_pattern(ctx, p, elem, rule_id);
}

/* A copy of `s`, NULL for NULL; *rc gets CLINT_ENOMEM if it fails. */
static char *dup_or_null(const char *s, int *rc)
{
	char *d;

	if (!s)
		return NULL;
	d = clint_strdup(s);
	if (!d)
		*rc = CLINT_ENOMEM;
	return d;
}

/* `count` patterns of a snapshot rule into *out (NULL when none). */
static int snapshot_patterns(load_ctx *ctx, clint_pattern **out, size_t count,
                             const clint_precompiled_pattern **sp,
                             const char *elem, const char *rule_id)
{
	size_t k;
	int rc = CLINT_OK;

	if (!count)
		return CLINT_OK;
	*out = calloc(count, sizeof(**out));
	if (!*out)
		return CLINT_ENOMEM;
	for (k = 0; k < count && rc == CLINT_OK; k++)
		rc = snapshot_pattern(ctx, &(*out)[k], (*sp)++, elem, rule_id);
	return rc;
}

/* Builds the rule build_rule() built from the same XML. */
static int snapshot_rule(load_ctx *ctx, const clint_precompiled_rule *sr,
                         size_t pack)
{
	clint_ruleset *rs = ctx->rs;
	const clint_precompiled_pattern *sp = sr->patterns;
	clint_rule r;
	size_t k;
	int rc = CLINT_OK;

	memset(&r, 0, sizeof(r));
	r.pack = pack;
	r.line = sr->line;
	r.kind = (clint_rule_kind)sr->kind;
	r.severity = (clint_severity)sr->severity;
	r.check = (clint_check_id)sr->check;
	r.min_matches = sr->min_matches;
	r.id = dup_or_null(sr->id, &rc);
	r.category = dup_or_null(sr->category, &rc);
	r.title = dup_or_null(sr->title, &rc);
	r.message = dup_or_null(sr->message, &rc);
	r.rationale = dup_or_null(sr->rationale, &rc);
	r.ref = dup_or_null(sr->ref, &rc);
	r.suggestion = dup_or_null(sr->suggestion, &rc);
	r.threshold.present = sr->th_present;
	r.threshold.kind = (clint_value_kind)sr->th_kind;
	r.threshold.op = (clint_op)sr->th_op;
	r.threshold.than = sr->th_than;
	r.threshold.in_match = sr->th_in_match;
	r.threshold.text = dup_or_null(sr->th_text, &rc);
	if (rc < 0)
		goto done;
	if (sr->has_within) {
		r.within = calloc(1, sizeof(*r.within));
		rc = r.within ? snapshot_pattern(ctx, r.within, sp++, "within", r.id)
		              : CLINT_ENOMEM;
	}
	if (rc == CLINT_OK)
		rc = snapshot_patterns(ctx, &r.headings, sr->heading_count, &sp,
		                       "heading", r.id);
	r.heading_count = r.headings ? sr->heading_count : 0;
	if (rc == CLINT_OK)
		rc = snapshot_patterns(ctx, &r.patterns, sr->pattern_count, &sp,
		                       "pattern", r.id);
	r.pattern_count = r.patterns ? sr->pattern_count : 0;
	if (rc == CLINT_OK)
		rc = snapshot_patterns(ctx, &r.unless, sr->unless_count, &sp,
		                       "unless", r.id);
	r.unless_count = r.unless ? sr->unless_count : 0;
	if (rc == CLINT_OK)
		rc = snapshot_patterns(ctx, &r.near, sr->near_count, &sp, "near",
		                       r.id);
	r.near_count = r.near ? sr->near_count : 0;
	if (rc == CLINT_OK && sr->example_count) {
		r.examples = calloc(sr->example_count, sizeof(*r.examples));
		if (!r.examples)
			rc = CLINT_ENOMEM;
		else
			r.example_count = sr->example_count;
		for (k = 0; k < r.example_count && rc == CLINT_OK; k++) {
			r.examples[k].text = dup_or_null(sr->example_text[k], &rc);
			r.examples[k].expect_match = sr->example_match[k];
			r.examples[k].line = sr->example_line[k];
		}
	}
	if (rc < 0 || pack_over(ctx))
		goto done;
	return push_rule(ctx, rs, pack, &r);
done:
	free_rule(&r);
	return rc;
}

/* Loads built-in pack `sp` as build_pack() does from its XML. */
static int load_snapshot(load_ctx *ctx, const clint_precompiled_pack *sp)
{
	clint_pack *p;
	size_t i, index;
	int rc = CLINT_OK;

	ctx->buffers++;
	if (!(p = push_pack(ctx, sp->line, &index)))
		return CLINT_ENOMEM;
	p->name = dup_or_null(sp->name, &rc);
	p->version = dup_or_null(sp->version, &rc);
	p->title = dup_or_null(sp->title, &rc);
	if (rc < 0)
		return CLINT_ENOMEM;
	check_pack_name(ctx, index);
	for (i = 0; i < sp->rule_count && rc == CLINT_OK && !pack_over(ctx); i++)
		rc = snapshot_rule(ctx, &sp->rules[i], index);
	return rc;
}

/* ---- built-in packs --------------------------------------------------------- */

size_t clint_builtin_pack_count(void)
{
	return clint_embedded_pack_count;
}

const char *clint_builtin_pack_name(size_t i)
{
	return i < clint_embedded_pack_count ? clint_embedded_packs[i].pack : NULL;
}

int clint_builtin_pack_is_default(size_t i)
{
	return i < clint_embedded_pack_count && clint_embedded_packs[i].by_default;
}

static size_t builtin_find(const char *name)
{
	size_t i;

	for (i = 0; i < clint_embedded_pack_count; i++)
		if (strcmp(clint_builtin_pack_name(i), name) == 0)
			return i;
	return (size_t)-1;
}

static int load_builtin(load_ctx *ctx, size_t i)
{
	char name[128];

	snprintf(name, sizeof(name), "<builtin>/%s", clint_embedded_packs[i].name);
	int rc;

	ctx->file = name;
	ctx->builtin = 1;
	if (ctx->pc_state == PC_UNTRIED)
		precompiled_open(ctx);
	if (ctx->pc_state == PC_ON && i < ctx->pc->pack_count &&
	    strcmp(ctx->pc->packs[i].builtin, clint_embedded_packs[i].pack) == 0)
		rc = load_snapshot(ctx, &ctx->pc->packs[i]);
	else
		rc = load_pack_buffer(ctx, 0,
		                      (const char *)clint_embedded_packs[i].data,
		                      clint_embedded_packs[i].len);
	ctx->builtin = 0;
	return rc;
}

static int is_disabled(const clint_ruleset_options *opts, const char *name)
{
	size_t i;

	for (i = 0; i < opts->disabled_pack_count; i++)
		if (strcmp(opts->disabled_packs[i], name) == 0)
			return 1;
	return 0;
}

/* ---- every pattern, and the prefilter over them ---------------------------- */

/* Lists every pattern of rule `ri` (into all[] when not NULL); returns
 * the new count. */
static size_t list_rule_patterns(clint_ruleset *rs, size_t ri,
                                 clint_pattern_ref *all, size_t n)
{
	clint_rule *r = &rs->rules[ri];
	size_t k;

#define ADD(pat, what)                                                        \
	do {                                                                      \
		if (all) {                                                            \
			all[n].p = (pat);                                                 \
			all[n].rule = ri;                                                 \
			all[n].role = (what);                                             \
			(pat)->slot = n + 1;                                              \
		}                                                                     \
		n++;                                                                  \
	} while (0)
	if (r->within)
		ADD(r->within, "within");
	for (k = 0; k < r->heading_count; k++)
		ADD(&r->headings[k], "heading");
	for (k = 0; k < r->pattern_count; k++)
		ADD(&r->patterns[k], "pattern");
	for (k = 0; k < r->unless_count; k++)
		ADD(&r->unless[k], "unless");
	for (k = 0; k < r->near_count; k++)
		ADD(&r->near[k], "near");
#undef ADD
	return n;
}

/*
 * Indexes every pattern (slot i for the i-th) and builds the literal
 * prefilter over them, unless CLAUSELINT_NO_PREFILTER is set in the
 * environment (then every pattern runs everywhere; findings are the same).
 * The default packs' prefilter comes ready from table `pc` (when not NULL)
 * and literal sets of built-in patterns from their entries.
 */
/* 1 if the patterns of `rs` are those the table's prefilter was built
 * over, slot by slot (the default packs, in order). */
static int prefilter_image_fits(const clint_ruleset *rs,
                                const clint_precompiled_table *pc)
{
	size_t i;

	if (!pc || !pc->prefilter || pc->prefilter_slot_count != rs->pattern_count)
		return 0;
	for (i = 0; i < rs->pattern_count; i++)
		if (!rs->all[i].p->code || pc->prefilter_slots[i] >= pc->entry_count ||
		    rs->all[i].p->pre != &pc->entries[pc->prefilter_slots[i]])
			return 0;
	return 1;
}

static int index_patterns(clint_ruleset *rs, const clint_precompiled_table *pc)
{
	const char **src = NULL;
	size_t i, n = 0;
	int rc = CLINT_ENOMEM;

	for (i = 0; i < rs->rule_count; i++)
		n = list_rule_patterns(rs, i, NULL, n);
	rs->all = calloc(n + 1, sizeof(*rs->all));
	src = calloc(n + 1, sizeof(*src));
	if (!rs->all || !src)
		goto done;
	rs->pattern_count = 0;
	for (i = 0; i < rs->rule_count; i++)
		rs->pattern_count = list_rule_patterns(rs, i, rs->all,
		                                       rs->pattern_count);
	for (i = 0; i < n; i++)
		src[i] = rs->all[i].p->code ? rs->all[i].p->source : NULL;
	rc = CLINT_OK;
	if (getenv("CLAUSELINT_NO_PREFILTER"))
		goto done;
	if (prefilter_image_fits(rs, pc)) {
		/* read-only data, shared as a built one would be */
		rs->pf = (clint_prefilter *)pc->prefilter;
		rs->prefilter_image = 1;
	} else {
		rc = clint_prefilter_build_ex(&rs->pf, src, n, precompiled_sets, rs);
	}
done:
	free(src);
	return rc;
}

/*
 * Applies the per-rule settings in order (a later one wins): disabled
 * rules are dropped from the ruleset, severities replaced. A rule id that
 * no loaded pack defines is an error naming the setting's file and line.
 */
static int apply_rule_settings(load_ctx *ctx, const clint_rule_setting *set,
                               size_t count)
{
	clint_ruleset *rs = ctx->rs;
	unsigned char *off = NULL;
	size_t i, r, kept = 0;

	if (!count || !rs->rule_count)
		return CLINT_OK;
	off = calloc(rs->rule_count, 1);
	if (!off)
		return CLINT_ENOMEM;
	for (i = 0; i < count; i++) {
		const clint_rule_setting *s = &set[i];

		r = s->rule_id ? find_rule(rs, s->rule_id) : (size_t)-1;
		if (r == (size_t)-1) {
			clint_diag_add(ctx->diag, CLINT_DIAG_ERROR, s->file, s->line, 0,
			               "unknown rule '%s' (no loaded pack defines it%s)",
			               s->rule_id ? s->rule_id : "",
			               rs->left_out ? "; packs with problems were left "
			                              "out"
			                            : "");
			ctx->errors++;
			continue;
		}
		if (s->action == CLINT_RULE_DISABLE)
			off[r] = 1;
		else if (s->action == CLINT_RULE_ENABLE)
			off[r] = 0;
		else if (s->action == CLINT_RULE_SEVERITY &&
		         s->severity >= CLINT_SEVERITY_INFO &&
		         s->severity <= CLINT_SEVERITY_ERROR)
			rs->rules[r].severity = s->severity;
		else {
			clint_diag_add(ctx->diag, CLINT_DIAG_ERROR, s->file, s->line, 0,
			               "rule '%s': invalid setting", s->rule_id);
			ctx->errors++;
		}
	}
	for (r = 0; r < rs->rule_count; r++) {
		if (off[r]) {
			rs->packs[rs->rules[r].pack].rule_count--;
			free_rule(&rs->rules[r]);
			continue;
		}
		rs->rules[kept++] = rs->rules[r];
	}
	rs->rule_count = kept;
	free(off);
	return index_rules(rs, 0);
}

/* ---- public API ----------------------------------------------------------- */

int clint_ruleset_load(clint_ruleset **out, const clint_ruleset_options *opts,
                       clint_diag *diag)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	load_ctx ctx;
	size_t i;
	int rc = CLINT_OK;

	if (!out)
		return CLINT_EINVAL;
	*out = NULL;
	if (opts && opts->version == 1)
		/* version 1 is version 2 without the rule settings */
		memcpy(&o, opts, offsetof(clint_ruleset_options, rule_settings));
	else if (opts && opts->version == 2)
		/* version 2 is version 3 without keep_valid_packs */
		memcpy(&o, opts, offsetof(clint_ruleset_options, keep_valid_packs));
	else if (opts && opts->version == CLINT_RULESET_OPTIONS_VERSION)
		o = *opts;
	else if (opts)
		return CLINT_EINVAL;
	o.version = CLINT_RULESET_OPTIONS_VERSION;
	opts = &o;
	memset(&ctx, 0, sizeof(ctx));
	ctx.diag = diag;
	ctx.jit = opts->jit;
	ctx.keep_valid = opts->keep_valid_packs;
	ctx.pc = &clint_precompiled;
	ctx.rs = calloc(1, sizeof(*ctx.rs));
	if (!ctx.rs)
		return CLINT_ENOMEM;
	for (i = 0; i < opts->disabled_pack_count; i++) {
		if (builtin_find(opts->disabled_packs[i]) == (size_t)-1) {
			ctx.file = opts->disabled_packs[i];
			pack_error(&ctx, 0, "no built-in pack has this name");
		}
	}
	if (opts->default_packs) {
		for (i = 0; i < clint_embedded_pack_count && rc == CLINT_OK; i++)
			if (clint_embedded_packs[i].by_default &&
			    !is_disabled(opts, clint_builtin_pack_name(i)))
				rc = load_builtin(&ctx, i);
	}
	for (i = 0; i < opts->pack_path_count && rc == CLINT_OK; i++) {
		struct stat st;
		const char *p = opts->pack_paths[i];
		size_t b;
		load_mark m = mark(&ctx);

		/* a directory leaves out its files one by one */
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = load_pack_dir(&ctx, p);
			continue;
		}
		if (stat(p, &st) != 0 && (b = builtin_find(p)) != (size_t)-1)
			rc = load_builtin(&ctx, b);
		else if (stat(p, &st) != 0 && errno == ENOENT && !strchr(p, '/') &&
		         !strchr(p, '.')) {
			ctx.file = p;
			pack_error(&ctx, 0, "no such file, and no built-in pack has "
			                    "this name");
		} else
			rc = load_pack_file(&ctx, p);
		if (rc == CLINT_OK)
			leave_out(&ctx, m);
	}
	/* the problems of the packs left out do not fail the load; any other
	 * does (a --disable-pack name, a rule setting, an internal error) */
	if (rc == CLINT_OK && ctx.oom)
		rc = CLINT_ENOMEM;
	if (rc == CLINT_OK && ctx.errors == ctx.left_errors && !ctx.fatal)
		rc = apply_rule_settings(&ctx, opts->rule_settings,
		                         opts->rule_setting_count);
	if (rc == CLINT_OK && (ctx.errors > ctx.left_errors || ctx.fatal))
		rc = CLINT_EPACK;
	if (rc == CLINT_OK)
		rc = index_patterns(ctx.rs, ctx.pc_state == PC_ON ? ctx.pc : NULL);
	if (rc == CLINT_OK && ctx.rs->rule_count == 0) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, NULL, 0, 0,
		               "no clause packs loaded: nothing to check against");
		rc = CLINT_EPACK;
	}
	precompiled_close(&ctx);
	if (rc == CLINT_ENOMEM)
		clint_diag_add(diag, CLINT_DIAG_ERROR, NULL, 0, 0, "out of memory");
	if (rc < 0) {
		clint_ruleset_free(ctx.rs);
		return rc;
	}
	*out = ctx.rs;
	return CLINT_OK;
}

void clint_ruleset_free(clint_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->rule_count; i++)
		free_rule(&rs->rules[i]);
	free(rs->rules);
	free_id_tree(rs);
	for (i = 0; i < rs->pack_count; i++)
		free_pack(&rs->packs[i]);
	free(rs->packs);
	free(rs->all);
	clint_prefilter_free(rs->pf);
	free(rs);
}

size_t clint_ruleset_pattern_count(const clint_ruleset *rs)
{
	return rs ? rs->pattern_count : 0;
}

int clint_ruleset_pattern(const clint_ruleset *rs, size_t i,
                          clint_pattern_info *out)
{
	const clint_pattern_ref *ref;
	const clint_rule *r;

	if (!rs || !out || i >= rs->pattern_count)
		return CLINT_EINVAL;
	ref = &rs->all[i];
	r = &rs->rules[ref->rule];
	memset(out, 0, sizeof(*out));
	out->source = ref->p->source;
	out->rule_id = r->id;
	out->role = ref->role;
	out->file = rs->packs[r->pack].file;
	out->line = ref->p->line;
	out->prefiltered = clint_prefilter_filtered_slot(rs->pf, i);
	out->positional = clint_prefilter_positional_slot(rs->pf, i);
	return CLINT_OK;
}

size_t clint_ruleset_pack_count(const clint_ruleset *rs)
{
	return rs ? rs->pack_count : 0;
}

size_t clint_ruleset_left_out(const clint_ruleset *rs)
{
	return rs ? rs->left_out : 0;
}

int clint_ruleset_pack(const clint_ruleset *rs, size_t i, clint_pack_info *out)
{
	const clint_pack *p;

	if (!rs || !out || i >= rs->pack_count)
		return CLINT_EINVAL;
	p = &rs->packs[i];
	out->name = p->name;
	out->title = p->title ? p->title : "";
	out->version = p->version;
	out->file = p->file;
	out->rule_count = p->rule_count;
	return CLINT_OK;
}

size_t clint_ruleset_rule_count(const clint_ruleset *rs)
{
	return rs ? rs->rule_count : 0;
}

int clint_ruleset_rule(const clint_ruleset *rs, size_t i, clint_rule_info *out)
{
	const clint_rule *r;

	if (!rs || !out || i >= rs->rule_count)
		return CLINT_EINVAL;
	r = &rs->rules[i];
	out->id = r->id;
	out->pack = rs->packs[r->pack].name;
	out->file = rs->packs[r->pack].file;
	out->line = r->line;
	out->kind = r->kind;
	out->severity = r->severity;
	out->category = r->category;
	out->title = r->title;
	out->message = r->message;
	out->rationale = r->rationale;
	out->ref = r->ref;
	out->suggestion = r->suggestion;
	out->pattern_count = r->heading_count + r->pattern_count;
	out->example_count = r->example_count;
	return CLINT_OK;
}

size_t clint_ruleset_find(const clint_ruleset *rs, const char *id)
{
	return rs && id ? find_rule(rs, id) : (size_t)-1;
}

int clint_packs_budget(const clint_ruleset *rs,
                       const clint_packs_options *opts, clint_budget *b)
{
	double max = 0;
	size_t i, j, bytes = 0;

	if (opts) {
		if (opts->version != CLINT_PACKS_OPTIONS_VERSION ||
		    !clint_check_seconds_ok(opts->max_cpu_seconds))
			return CLINT_EINVAL;
		max = opts->max_cpu_seconds;
	}
	for (i = 0; i < rs->rule_count; i++)
		for (j = 0; j < rs->rules[i].example_count; j++)
			bytes += strlen(rs->rules[i].examples[j].text);
	clint_budget_start(b, clint_time_limit(rs, bytes, max));
	return CLINT_OK;
}

/* The examples of `rs` from example `j` of rule `i` on. */
static size_t examples_from(const clint_ruleset *rs, size_t i, size_t j)
{
	size_t n = rs->rules[i].example_count - j;

	while (++i < rs->rule_count)
		n += rs->rules[i].example_count;
	return n;
}

/* Says that the run stopped at its CPU-time limit before example `j` of
 * rule `i`, and returns how many examples were not run. */
static size_t test_timeout(const clint_ruleset *rs, const clint_budget *b,
                           size_t i, size_t j, clint_diag *diag)
{
	const clint_rule *r = &rs->rules[i];
	size_t n = examples_from(rs, i, j), k, rules = 0;

	for (k = i; k < rs->rule_count; k++)
		rules += rs->rules[k].example_count > (k == i ? j : 0);
	clint_diag_add(diag, CLINT_DIAG_ERROR, rs->packs[r->pack].file,
	               r->examples[j].line, 0,
	               "testing stopped at its CPU-time limit of %.3g s: %zu "
	               "example%s of %zu rule%s did not run, which fail (the "
	               "first: this one of rule '%s')",
	               b->seconds, n, n == 1 ? "" : "s", rules,
	               rules == 1 ? "" : "s", r->id);
	return n;
}

int clint_ruleset_test(const clint_ruleset *rs,
                       const clint_packs_options *opts, clint_diag *diag,
                       size_t *passed, size_t *failed)
{
	size_t i, j, ok = 0, bad = 0;
	clint_budget budget;
	int rc = CLINT_OK;

	if (!rs)
		return CLINT_EINVAL;
	if ((rc = clint_packs_budget(rs, opts, &budget)) < 0)
		return rc;
	for (i = 0; i < rs->rule_count && rc == CLINT_OK; i++) {
		const clint_rule *r = &rs->rules[i];

		for (j = 0; j < r->example_count && rc == CLINT_OK; j++) {
			const clint_example *e = &r->examples[j];
			clint_doc *doc = NULL;
			clint_result *res = NULL;
			int hit, stopped = 0;

			if (clint_budget_over(&budget)) {
				bad += test_timeout(rs, &budget, i, j, diag);
				rc = CLINT_ELIMIT;
				break;
			}
			rc = clint_doc_load_buffer(&doc, "<example>", e->text,
			                           strlen(e->text), NULL, NULL);
			if (rc == CLINT_OK)
				rc = clint_check_rules(&res, rs, doc, i, &budget, diag);
			if (rc == CLINT_OK && clint_result_timed_out(res)) {
				/* the run's time is up: this example did not finish */
				bad += test_timeout(rs, &budget, i, j, diag);
				rc = CLINT_ELIMIT;
			} else if (rc == CLINT_OK && clint_result_limit_hits(res)) {
				/* its result is not known, and a pattern that backtracks
				 * without end would pay the limit again on every example:
				 * this one fails, the rule's later ones are not run and
				 * fail too */
				size_t rest = r->example_count - j - 1;
				char later[64] = "";

				bad += 1 + rest;
				if (rest)
					snprintf(later, sizeof(later),
					         "; its %zu later example%s not run", rest,
					         rest == 1 ? " was" : "s were");
				clint_diag_add(diag, CLINT_DIAG_ERROR,
				               rs->packs[r->pack].file, e->line, 0,
				               "rule '%s' stopped on this example (a regex "
				               "limit), which fails%s",
				               r->id, later);
				stopped = 1;
			} else if (rc == CLINT_OK) {
				hit = r->kind == CLINT_RULE_REQUIRE
				          ? clint_result_present_count(res) > 0
				          : clint_result_finding_count(res) > 0;
				if (hit == e->expect_match) {
					ok++;
				} else {
					bad++;
					clint_diag_add(
						diag, CLINT_DIAG_ERROR, rs->packs[r->pack].file,
						e->line, 0,
						"rule '%s': example expected to %s but it %s",
						r->id, e->expect_match ? "match" : "not match",
						r->kind == CLINT_RULE_REQUIRE
							? (hit ? "finds the clause present"
							       : "finds the clause missing")
							: (hit ? "is flagged" : "is not flagged"));
				}
			} else if (rc != CLINT_ENOMEM) {
				/* an example the extractor refuses is a failed example */
				bad++;
				clint_diag_add(diag, CLINT_DIAG_ERROR, rs->packs[r->pack].file,
				               e->line, 0, "rule '%s': example cannot be read",
				               r->id);
				rc = CLINT_OK;
			}
			clint_result_free(res);
			clint_doc_free(doc);
			if (stopped)
				break;
		}
	}
	if (passed)
		*passed = ok;
	if (failed)
		*failed = bad;
	return rc;
}
