/*
 * outcheck.h - oracles on what the renderers write, for the harnesses
 * that render (fuzz_check.c, fuzz_diff.c): the output is collected, then
 *  - JSON, JSON Lines and SARIF must parse as JSON (jansson, strict: no
 *    NaN or infinity, valid UTF-8, no key twice in an object, nothing
 *    after the value); a report
 *    with "hunks": [, {...}] or "amount": inf got past the fuzzers that
 *    only counted bytes;
 *  - text without colour must hold no control character but newlines: it
 *    goes to a terminal, and documents are hostile.
 * Built with FUZZ_JANSSON (the Makefile, when jansson is installed: it is
 * a test dependency, and CI=true fails without it); without it the JSON
 * oracle is left out and says so once on standard error. jansson's
 * memory comes from an arena (json_or_abort()). test_outcheck.c tests
 * these oracles.
 */
#ifndef FUZZ_OUTCHECK_H
#define FUZZ_OUTCHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef FUZZ_JANSSON
#include <jansson.h>
#endif

typedef struct {
	char *data;
	size_t len, cap;
} fuzz_out;

/* A clint_write_fn that appends to a fuzz_out. */
static int fuzz_out_sink(void *userdata, const char *data, size_t len)
{
	fuzz_out *o = userdata;

	if (len && !data)
		abort();
	if (len > o->cap - o->len) {
		size_t cap = o->cap ? o->cap : 4096;
		char *p;
		while (cap - o->len < len)
			cap *= 2;
		p = realloc(o->data, cap);
		if (!p)
			return -1;
		o->data = p;
		o->cap = cap;
	}
	if (len)
		memcpy(o->data + o->len, data, len);
	o->len += len;
	return 0;
}

static void fuzz_out_reset(fuzz_out *o)
{
	o->len = 0;
}

static void fuzz_out_free(fuzz_out *o)
{
	free(o->data);
	o->data = NULL;
	o->len = o->cap = 0;
}

#ifdef FUZZ_JANSSON
/* jansson allocates each value, key and string of the tree it builds,
 * and under ASan every allocation is recorded and quarantined: over half
 * of the parse's time, which was a sixth of the diff harness's. The
 * tree lives only until json_or_abort() returns, so jansson's memory is
 * carved from one arena that each parse starts over; what does not fit
 * (an output of megabytes) goes to malloc() as before. jansson is not
 * instrumented, and is not what is fuzzed. */
#define JSON_ARENA_SIZE ((size_t)16 << 20)
static unsigned char *json_arena;
static size_t json_arena_used;

static int in_arena(const void *p)
{
	uintptr_t a = (uintptr_t)json_arena, q = (uintptr_t)p;

	return json_arena && q >= a && q < a + JSON_ARENA_SIZE;
}

static void *arena_malloc(size_t n)
{
	void *p;

	if (!json_arena || n > JSON_ARENA_SIZE)
		return malloc(n);
	n = (n + 15) & ~(size_t)15;  /* malloc()'s alignment (max_align_t) */
	if (n && n <= JSON_ARENA_SIZE - json_arena_used) {
		p = json_arena + json_arena_used;
		json_arena_used += n;
		return p;
	}
	return malloc(n);
}

static void arena_free(void *p)
{
	if (!in_arena(p))
		free(p);  /* a block from the arena goes with the next parse */
}

static void json_or_abort(const char *s, size_t len)
{
	json_error_t err;
	json_t *v;

	if (!json_arena) {
		json_arena = malloc(JSON_ARENA_SIZE);
		if (!json_arena)
			abort();
		json_set_alloc_funcs(arena_malloc, arena_free);
	}
	json_arena_used = 0;
	v = json_loadb(s, len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &err);
	if (!v) {
		fprintf(stderr, "outcheck: invalid JSON at line %d column %d: %s\n",
		        err.line, err.column, err.text);
		abort();
	}
	json_decref(v);
}
#endif

/* The output is one JSON value (lines = 0) or one per line (JSON Lines). */
static void fuzz_out_json(const fuzz_out *o, int lines)
{
#ifdef FUZZ_JANSSON
	size_t i = 0;

	if (!lines) {
		json_or_abort(o->data, o->len);
		return;
	}
	while (i < o->len) {
		const char *nl = memchr(o->data + i, '\n', o->len - i);
		size_t end = nl ? (size_t)(nl - o->data) : o->len;
		json_or_abort(o->data + i, end - i);
		i = end + 1;
	}
#else
	static int said;

	(void)o;
	(void)lines;
	if (!said) {
		fprintf(stderr, "outcheck: built without jansson: JSON output is "
		                "not validated\n");
		said = 1;
	}
#endif
}

/* Text for a terminal: no C0 control but '\n', no DEL, no C1 control. */
static void fuzz_out_plain(const fuzz_out *o)
{
	const unsigned char *p = (const unsigned char *)o->data;
	size_t i;

	for (i = 0; i < o->len; i++) {
		if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7F ||
		    (p[i] == 0xC2 && i + 1 < o->len && p[i + 1] >= 0x80 &&
		     p[i + 1] <= 0x9F)) {
			fprintf(stderr, "outcheck: control character 0x%02X at byte %zu "
			                "of the text output\n", p[i], i);
			abort();
		}
	}
}

#endif
