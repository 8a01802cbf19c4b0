/*
 * precompile.c - writes build/precompiled.c (see src/lib/precompiled.h):
 * every distinct pattern of every built-in pack, compiled by pack.c with
 * the options it always uses, serialised into one PCRE2 stream, with the
 * prefilter's literal analysis of each source; and each built-in pack's
 * rules as pack.c built them from the XML.
 *
 *   precompile OUT.c
 *
 * It links the library without a table (the one below is empty), so what
 * it records is what pcre2_compile() and clint_pf_analyze() give at load.
 * Exit status 0, or 1 with a message on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset.h"

/* This program makes the table: it runs without one. */
const clint_precompiled_table clint_precompiled = {NULL, 0, NULL, 0, NULL,
                                                   0, NULL, NULL, 0};

typedef struct {
	const char *source;
	uint64_t hash;
	const pcre2_code *compiled;
	uint32_t id;     /* before sorting */
	uint32_t stream, code;  /* its pack's stream, its index there */
	clint_pf_set needs, leads;
	int newlines;    /* 1 + clint_newline_bound(source) */
} entry;

typedef struct {
	entry *e;
	size_t n;
	uint32_t *sorted;  /* entry id -> index after sorting */
	struct {
		size_t len, count;
	} *streams;        /* per pack */
} table;

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return strcmp(x->source, y->source);
}

/* Bytes as the body of a C string literal: octal escapes for anything but
 * plain printable ASCII (no trigraphs, no escape running into a digit). */
static void put_bytes(FILE *f, const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\' &&
		    s[i] != '?')
			fputc(s[i], f);
		else
			fprintf(f, "\\%03o", s[i]);
	}
}

static void put_set(FILE *f, const clint_pf_set *s)
{
	unsigned j;

	fprintf(f, "{%d, %u, (size_t)%zuu, (const unsigned char *)\"", s->ok ? 1 : 0,
	        s->ok ? s->n : 0, s->dist);
	for (j = 0; s->ok && j < s->n; j++) {
		fprintf(f, "\\%03o", s->len[j]);
		put_bytes(f, (const unsigned char *)s->s[j], s->len[j]);
	}
	fputs("\"}", f);
}

static void put_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	put_bytes(f, (const unsigned char *)s, strlen(s));
	fputc('"', f);
}

/* Adds the patterns of `rs`, built-in pack `pack`, to the table (one
 * entry per distinct source, its code in the pack's stream). */
static int add_patterns(table *t, const clint_ruleset *rs, uint32_t pack)
{
	size_t i, k;
	uint32_t in_pack = 0;
	entry *grown;

	grown = realloc(t->e, (t->n + rs->pattern_count + 1) * sizeof(*t->e));
	if (!grown)
		return -1;
	t->e = grown;
	for (i = 0; i < rs->pattern_count; i++) {
		const clint_pattern *p = rs->all[i].p;
		entry *e = &t->e[t->n];

		for (k = 0; k < t->n && strcmp(t->e[k].source, p->source) != 0; k++)
			;
		if (k < t->n || !p->code)
			continue;  /* the same pattern in another rule or pack */
		e->source = p->source;
		e->hash = clint_precompiled_hash(p->source, CLINT_PATTERN_OPTIONS);
		e->compiled = p->code;
		e->id = (uint32_t)t->n;
		e->stream = pack;
		e->code = in_pack++;
		if (clint_pf_analyze(p->source, &e->needs, &e->leads) < 0)
			return -1;
		e->newlines = (int)clint_newline_bound(p->source) + 1;
		t->n++;
	}
	return 0;
}

/* The entry index (after sorting) of a pattern's source. */
static uint32_t entry_of(const table *t, const clint_pattern *p)
{
	size_t k;

	for (k = 0; k < t->n; k++)
		if (strcmp(t->e[k].source, p->source) == 0)
			return t->sorted[t->e[k].id];
	return UINT32_MAX;  /* not reached: every built-in pattern compiles */
}

static void put_pattern(FILE *f, const table *t, const clint_pattern *p)
{
	fprintf(f, "\t{%u, %u, %u, %d, %d},\n", entry_of(t, p), p->line,
	        p->words, p->paragraph, p->denial);
}

/* Pack `pi`: its rules' patterns and examples, then its rules. */
static void put_pack(FILE *f, const table *t, const clint_ruleset *rs,
                     size_t pi)
{
	size_t i, k;

	for (i = 0; i < rs->rule_count; i++) {
		const clint_rule *r = &rs->rules[i];

		fprintf(f, "static const clint_precompiled_pattern p%zu_%zu[] = {\n",
		        pi, i);
		if (r->within)
			put_pattern(f, t, r->within);
		for (k = 0; k < r->heading_count; k++)
			put_pattern(f, t, &r->headings[k]);
		for (k = 0; k < r->pattern_count; k++)
			put_pattern(f, t, &r->patterns[k]);
		for (k = 0; k < r->unless_count; k++)
			put_pattern(f, t, &r->unless[k]);
		for (k = 0; k < r->near_count; k++)
			put_pattern(f, t, &r->near[k]);
		fputs("\t{0, 0, 0, 0, 0}};\n", f);
		fprintf(f, "static const char *const et%zu_%zu[] = {", pi, i);
		for (k = 0; k < r->example_count; k++) {
			put_str(f, r->examples[k].text);
			fputs(",\n\t", f);
		}
		fprintf(f, "NULL};\nstatic const unsigned char em%zu_%zu[] = {", pi, i);
		for (k = 0; k < r->example_count; k++)
			fprintf(f, "%d, ", r->examples[k].expect_match);
		fprintf(f, "0};\nstatic const unsigned el%zu_%zu[] = {", pi, i);
		for (k = 0; k < r->example_count; k++)
			fprintf(f, "%u, ", r->examples[k].line);
		fputs("0};\n", f);
	}
	fprintf(f, "static const clint_precompiled_rule rules%zu[] = {\n", pi);
	for (i = 0; i < rs->rule_count; i++) {
		const clint_rule *r = &rs->rules[i];

		fputs("\t{.id = ", f);
		put_str(f, r->id);
		fputs(", .category = ", f);
		put_str(f, r->category);
		fputs(",\n\t .title = ", f);
		put_str(f, r->title);
		fputs(",\n\t .message = ", f);
		put_str(f, r->message);
		fputs(",\n\t .rationale = ", f);
		put_str(f, r->rationale);
		fputs(",\n\t .ref = ", f);
		put_str(f, r->ref);
		fputs(",\n\t .suggestion = ", f);
		put_str(f, r->suggestion);
		fprintf(f, ",\n\t .line = %u, .kind = %d, .severity = %d, .check = %d,"
		           " .min_matches = %u, .has_within = %d,\n"
		           "\t .heading_count = %zu, .pattern_count = %zu,"
		           " .unless_count = %zu, .near_count = %zu, .patterns = p%zu_%zu,\n"
		           "\t .th_present = %d, .th_kind = %d, .th_op = %d,"
		           " .th_in_match = %d, .th_than = %a, .th_text = ",
		        r->line, (int)r->kind, (int)r->severity, (int)r->check,
		        r->min_matches, r->within != NULL, r->heading_count,
		        r->pattern_count, r->unless_count, r->near_count, pi, i,
		        r->threshold.present, (int)r->threshold.kind,
		        (int)r->threshold.op, r->threshold.in_match,
		        r->threshold.than);
		put_str(f, r->threshold.text);
		fprintf(f, ",\n\t .example_count = %zu, .example_text = et%zu_%zu,"
		           " .example_match = em%zu_%zu, .example_line = el%zu_%zu},\n",
		        r->example_count, pi, i, pi, i, pi, i);
	}
	fputs("\t{.id = NULL}};\n\n", f);
}

int main(int argc, char **argv)
{
	clint_ruleset **rs = NULL;
	clint_diag *diag = NULL;
	const pcre2_code **codes = NULL;
	table t = {NULL, 0, NULL, NULL};
	size_t i, k, n, count = clint_builtin_pack_count();
	char tmp[4096];
	FILE *f = NULL;
	int status = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: precompile OUT.c\n");
		return 2;
	}
	rs = calloc(count + 2, sizeof(*rs));  /* each pack, then the defaults */
	t.streams = calloc(count + 1, sizeof(*t.streams));
	if (!rs || !t.streams || clint_diag_new(&diag) < 0)
		goto oom;
	/* each pack alone, as it loads by default or when named */
	for (i = 0; i < count; i++) {
		clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
		const char *name = clint_builtin_pack_name(i);

		o.default_packs = 0;
		o.pack_paths = &name;
		o.pack_path_count = 1;
		o.jit = 0;
		if (clint_ruleset_load(&rs[i], &o, diag) < 0 ||
		    clint_ruleset_pack_count(rs[i]) != 1) {
			clint_diag_entry d;

			for (k = 0; clint_diag_get(diag, k, &d) == CLINT_OK; k++)
				fprintf(stderr, "precompile: %s:%u: %s\n",
				        d.file ? d.file : "", d.line, d.message);
			fprintf(stderr, "precompile: built-in pack %s does not load\n",
			        name);
			goto done;
		}
		if (add_patterns(&t, rs[i], (uint32_t)i) < 0)
			goto oom;
	}
	/* the default packs, for their prefilter */
	{
		clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;

		o.jit = 0;
		if (clint_ruleset_load(&rs[count], &o, diag) < 0 || !rs[count]->pf) {
			fprintf(stderr, "precompile: the default packs do not load\n");
			goto done;
		}
	}
	codes = calloc(t.n + 1, sizeof(*codes));
	t.sorted = calloc(t.n + 1, sizeof(*t.sorted));
	if (!codes || !t.sorted)
		goto oom;

	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	f = fopen(tmp, "w");
	if (!f) {
		perror(tmp);
		goto done;
	}
	fprintf(f, "/* Generated by tools/precompile.c from the built-in packs "
	           "with PCRE2 %d.%d: do not edit. */\n"
	           "#include \"precompiled.h\"\n\n",
	        PCRE2_MAJOR, PCRE2_MINOR);
	/* a stream per pack, of the codes it added (entries are in pack order) */
	for (i = 0; i < count; i++) {
		uint8_t *bytes = NULL;
		PCRE2_SIZE len = 0;

		for (n = 0, k = 0; k < t.n; k++)
			if (t.e[k].stream == i)
				codes[n++] = t.e[k].compiled;
		fprintf(f, "static const unsigned char stream%zu[] = {", i);
		if (n && pcre2_serialize_encode(codes, (int32_t)n, &bytes, &len,
		                                NULL) != (int32_t)n) {
			fprintf(stderr, "precompile: pcre2_serialize_encode failed\n");
			goto done;
		}
		for (k = 0; k < len; k++)
			fprintf(f, "%s0x%02x,", k % 16 ? "" : "\n", bytes[k]);
		fprintf(f, "\n0x00};\n");
		pcre2_serialize_free(bytes);
		t.streams[i].len = len;
		t.streams[i].count = n;
	}
	fputs("static const clint_precompiled_stream streams[] = {\n", f);
	for (i = 0; i < count; i++)
		fprintf(f, "\t{stream%zu, %zu, %zu},\n", i, t.streams[i].len,
		        t.streams[i].count);
	fputs("\t{NULL, 0, 0}};\n", f);
	qsort(t.e, t.n, sizeof(*t.e), cmp_entry);
	for (i = 0; i < t.n; i++)
		t.sorted[t.e[i].id] = (uint32_t)i;
	fprintf(f, "\nstatic const clint_precompiled_entry entries[] = {\n");
	for (i = 0; i < t.n; i++) {
		fprintf(f, "\t{0x%016llxu, ", (unsigned long long)t.e[i].hash);
		put_str(f, t.e[i].source);
		fprintf(f, ", %u, %u,\n\t ", t.e[i].stream, t.e[i].code);
		put_set(f, &t.e[i].needs);
		fputs(",\n\t ", f);
		put_set(f, &t.e[i].leads);
		fprintf(f, ", %d},\n", t.e[i].newlines);
	}
	fputs("\t{0, \"\", 0, 0, {0, 0, 0, NULL}, {0, 0, 0, NULL}, 0}};\n\n",
	      f);
	for (i = 0; i < count; i++)
		put_pack(f, &t, rs[i], i);
	if (clint_prefilter_write_c(rs[count]->pf, f, "prefilter") < 0)
		goto done;
	fputs("static const uint32_t prefilter_slots[] = {", f);
	for (i = 0; i < rs[count]->pattern_count; i++)
		fprintf(f, "%s%u,", i % 16 ? "" : "\n", entry_of(&t, rs[count]->all[i].p));
	fputs("0};\n\n", f);
	fputs("static const clint_precompiled_pack packs[] = {\n", f);
	for (i = 0; i < count; i++) {
		fputs("\t{", f);
		put_str(f, clint_builtin_pack_name(i));
		fputs(", ", f);
		put_str(f, rs[i]->packs[0].name);
		fputs(", ", f);
		put_str(f, rs[i]->packs[0].title);
		fputs(", ", f);
		put_str(f, rs[i]->packs[0].version);
		fprintf(f, ", %u, %zu, rules%zu},\n", rs[i]->packs[0].line,
		        rs[i]->rule_count, i);
	}
	fprintf(f, "\t{NULL, NULL, NULL, NULL, 0, 0, NULL}};\n\n"
	           "const clint_precompiled_table clint_precompiled = {\n"
	           "\tstreams, %zu, entries, %zu, packs, %zu,\n"
	           "\t&prefilter, prefilter_slots, %zu};\n",
	        count, t.n, count, rs[count]->pattern_count);
	if (fclose(f) != 0) {
		f = NULL;
		perror(tmp);
		goto done;
	}
	f = NULL;
	if (rename(tmp, argv[1]) != 0) {
		perror(argv[1]);
		goto done;
	}
	status = 0;
	goto done;
oom:
	fprintf(stderr, "precompile: out of memory\n");
done:
	if (f)
		fclose(f);
	free(codes);
	free(t.e);
	free(t.sorted);
	free(t.streams);
	for (i = 0; rs && i <= count; i++)
		clint_ruleset_free(rs[i]);
	free(rs);
	clint_diag_free(diag);
	return status;
}
