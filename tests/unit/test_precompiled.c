/*
 * test_precompiled.c - the built-in packs' patterns compiled at build time
 * (src/lib/precompiled.h, tools/precompile.c) and the deferred JIT
 * compilation of src/lib/pack.c: every built-in pattern is found in the
 * table; the codes and literal sets taken from it are those pcre2_compile()
 * and clint_pf_analyze() give; CLAUSELINT_NO_PRECOMPILED, a stream this
 * PCRE2 refuses and pack files all fall back to compiling; a pattern is
 * interpreted until its subjects reach CLINT_JIT_AFTER_BYTES and matches
 * the same JIT-compiled; a built-in pack loaded from its snapshot is the
 * pack its XML gives, errors included; the default packs' prefilter image
 * is the automaton built from their sources. Includes pack.c to reach its
 * static functions.
 */
#include "unit.h"

#include "../../src/lib/pack.c"

/* Every built-in pack, default or not. */
static clint_ruleset *load_builtins(int jit)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	const char *names[64];
	clint_ruleset *rs = NULL;
	size_t i, n = clint_builtin_pack_count();

	assert_true(n > 0 && n <= 64);
	for (i = 0; i < n; i++)
		names[i] = clint_builtin_pack_name(i);
	o.default_packs = 0;
	o.pack_paths = names;
	o.pack_path_count = n;
	o.jit = jit;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
	assert_non_null(rs);
	return rs;
}

static size_t distinct_sources(const clint_ruleset *rs)
{
	size_t i, k, n = 0;

	for (i = 0; i < rs->pattern_count; i++) {
		for (k = 0; k < i; k++)
			if (strcmp(rs->all[k].p->source, rs->all[i].p->source) == 0)
				break;
		n += k == i;
	}
	return n;
}

static void test_builtin_patterns_precompiled(void **state)
{
	clint_ruleset *rs = load_builtins(0);
	size_t i;

	(void)state;
	assert_true(clint_precompiled.entry_count > 0);
	assert_true(rs->pattern_count > 100);
	for (i = 0; i < rs->pattern_count; i++) {
		const clint_pattern *p = rs->all[i].p;

		assert_non_null(p->code);
		assert_non_null(p->pre);
		assert_string_equal(p->pre->source, p->source);
	}
	/* one code per distinct source; a repeated pattern compiles again */
	assert_int_equal(rs->precompiled_codes, distinct_sources(rs));
	assert_int_equal(rs->precompiled_sets, rs->pattern_count);
	clint_ruleset_free(rs);
}

static void assert_same_set(const clint_pf_set *a, const clint_pf_set *b)
{
	unsigned j;

	assert_int_equal(a->ok, b->ok);
	if (!a->ok)
		return;
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->dist, b->dist);
	for (j = 0; j < a->n; j++) {
		assert_int_equal(a->len[j], b->len[j]);
		assert_memory_equal(a->s[j], b->s[j], a->len[j]);
	}
}

static void assert_same_match(const pcre2_code *a, const pcre2_code *b,
                              const char *text)
{
	pcre2_match_data *ma = pcre2_match_data_create_from_pattern(a, NULL);
	pcre2_match_data *mb = pcre2_match_data_create_from_pattern(b, NULL);
	size_t len = strlen(text), from = 0;
	int ra, rb, k;

	assert_non_null(ma);
	assert_non_null(mb);
	while (from <= len) {
		PCRE2_SIZE *oa, *ob;

		ra = pcre2_match(a, (PCRE2_SPTR)text, len, from, 0, ma, NULL);
		rb = pcre2_match(b, (PCRE2_SPTR)text, len, from, 0, mb, NULL);
		assert_int_equal(ra, rb);
		if (ra < 0)
			break;
		oa = pcre2_get_ovector_pointer(ma);
		ob = pcre2_get_ovector_pointer(mb);
		for (k = 0; k < 2 * ra; k++)
			assert_int_equal(oa[k], ob[k]);
		from = oa[1] > oa[0] ? oa[1] : oa[0] + 1;
	}
	pcre2_match_data_free(ma);
	pcre2_match_data_free(mb);
}

/* What the table gives is what compiling and parsing the source give. */
static void test_same_codes_and_sets(void **state)
{
	static const uint32_t what[] = {
		PCRE2_INFO_SIZE, PCRE2_INFO_CAPTURECOUNT, PCRE2_INFO_MINLENGTH,
		PCRE2_INFO_FIRSTCODETYPE, PCRE2_INFO_FIRSTCODEUNIT,
		PCRE2_INFO_LASTCODETYPE, PCRE2_INFO_LASTCODEUNIT,
		PCRE2_INFO_ALLOPTIONS, PCRE2_INFO_MATCHEMPTY};
	clint_ruleset *rs = load_builtins(0);
	size_t i, e, w;

	(void)state;
	for (i = 0; i < rs->pattern_count; i++) {
		const clint_pattern *p = rs->all[i].p;
		const clint_rule *r = &rs->rules[rs->all[i].rule];
		clint_pf_set n1, l1, n2, l2;
		pcre2_code *fresh;
		PCRE2_SIZE off;
		int err;

		fresh = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
		                      CLINT_PATTERN_OPTIONS, &err, &off, NULL);
		assert_non_null(fresh);
		for (w = 0; w < ARRAY_LEN(what); w++) {
			size_t va = 0, vb = 0;  /* large enough for every item */

			assert_int_equal(pcre2_pattern_info(p->code, what[w], &va), 0);
			assert_int_equal(pcre2_pattern_info(fresh, what[w], &vb), 0);
			assert_int_equal(va, vb);
		}
		for (e = 0; e < r->example_count; e++)
			assert_same_match(p->code, fresh, r->examples[e].text);
		pcre2_code_free(fresh);

		assert_int_equal(clint_pf_analyze(p->source, &n1, &l1), 0);
		assert_int_equal(precompiled_sets(rs, i, &n2, &l2), 1);
		assert_same_set(&n1, &n2);
		assert_same_set(&l1, &l2);
	}
	clint_ruleset_free(rs);
}

static void test_switched_off(void **state)
{
	clint_ruleset *rs;
	size_t i;

	(void)state;
	setenv("CLAUSELINT_NO_PRECOMPILED", "1", 1);
	rs = load_builtins(0);
	unsetenv("CLAUSELINT_NO_PRECOMPILED");
	assert_int_equal(rs->precompiled_codes, 0);
	assert_int_equal(rs->precompiled_sets, 0);
	for (i = 0; i < rs->pattern_count; i++) {
		assert_null(rs->all[i].p->pre);
		assert_non_null(rs->all[i].p->code);
	}
	clint_ruleset_free(rs);
}

/* Another PCRE2 version or configuration: the stream is refused, the
 * literal sets (which depend on the source only) are still used. */
static void test_stream_refused(void **state)
{
	clint_precompiled_table bad = clint_precompiled;
	const clint_precompiled_entry *e = &bad.entries[0];
	clint_precompiled_stream *streams;
	unsigned char *bytes;
	clint_ruleset *rs = calloc(1, sizeof(*rs));
	clint_pattern p;
	load_ctx ctx;
	size_t n = bad.stream_count;

	(void)state;
	streams = malloc(n * sizeof(*streams));
	assert_non_null(streams);
	assert_non_null(rs);
	memcpy(streams, bad.streams, n * sizeof(*streams));
	bytes = malloc(streams[e->stream].len);
	assert_non_null(bytes);
	memcpy(bytes, streams[e->stream].bytes, streams[e->stream].len);
	bytes[0] ^= 0xFF;  /* the magic number */
	streams[e->stream].bytes = bytes;
	bad.streams = streams;
	memset(&ctx, 0, sizeof(ctx));
	memset(&p, 0, sizeof(p));
	ctx.rs = rs;
	ctx.pc = &bad;
	ctx.builtin = 1;
	p.source = (char *)e->source;
	assert_null(precompiled_take(&ctx, &p));
	assert_int_equal(ctx.pc_state, PC_ON);
	assert_int_equal(ctx.pc_streams[e->stream].state, PC_OFF);
	assert_ptr_equal(p.pre, e);  /* the literal sets are still used */
	assert_int_equal(rs->precompiled_codes, 0);
	precompiled_close(&ctx);

	/* a pattern from a file is never looked up */
	memset(&ctx, 0, sizeof(ctx));
	memset(&p, 0, sizeof(p));
	ctx.rs = rs;
	ctx.pc = &clint_precompiled;
	p.source = (char *)clint_precompiled.entries[0].source;
	assert_null(precompiled_take(&ctx, &p));
	assert_null(p.pre);
	ctx.builtin = 1;
	p.code = precompiled_take(&ctx, &p);
	assert_non_null(p.code);
	assert_non_null(p.pre);
	assert_int_equal(rs->precompiled_codes, 1);
	/* only that pattern's stream was decoded */
	for (n = 0; n < clint_precompiled.stream_count; n++)
		assert_int_equal(ctx.pc_streams[n].state,
		                 n == p.pre->stream ? PC_ON : PC_UNTRIED);
	pcre2_code_free(p.code);
	precompiled_close(&ctx);
	free(rs);
	free(bytes);
	free(streams);
}

/* A pack file with a pattern the built-in packs have compiles it. */
static void test_pack_file_compiled(void **state)
{
	static const char xml[] =
		UNIT_PACK_HEAD("user")
		UNIT_RULE("u1", "flag", "warning", "")
		UNIT_PATTERN("\\bliquidated damages\\b")
		UNIT_EXAMPLE("match", "liquidated damages apply")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(xml);

	(void)state;
	/* the same source as a built-in pattern */
	assert_non_null(precompiled_find(&clint_precompiled,
	                                 "\\bliquidated damages\\b"));
	assert_int_equal(rs->pattern_count, 1);
	assert_null(rs->all[0].p->pre);
	assert_int_equal(rs->precompiled_codes, 0);
	assert_int_equal(rs->precompiled_sets, 0);
	clint_ruleset_free(rs);
}

static void test_jit_deferred(void **state)
{
	static const char text[] =
		"The Supplier shall use commercially reasonable efforts to pay "
		"the Charges promptly, at its then-current rates, and/or as "
		"agreed.";
	clint_ruleset *rs = load_builtins(1);
	uint32_t have_jit = 0;
	const pcre2_code *c, *j;
	const clint_pattern *p = rs->all[0].p, *q = rs->all[1].p;

	(void)state;
	pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	/* interpreted while the subjects stay under the budget */
	assert_ptr_equal(clint_pattern_code_for(p, 100), p->code);
	assert_ptr_equal(clint_pattern_code_for(p, CLINT_JIT_AFTER_BYTES - 101),
	                 p->code);
	j = clint_pattern_code_for(p, 1);
	if (have_jit) {
		assert_ptr_not_equal(j, p->code);
		assert_ptr_equal(clint_pattern_code_for(p, 1), j);
		assert_ptr_equal(clint_pattern_code(p), j);
		assert_same_match(p->code, j, text);
	}
	/* a subject of unknown size or past the budget: JIT at once */
	c = clint_pattern_code(q);
	if (have_jit)
		assert_ptr_not_equal(c, q->code);
	clint_ruleset_free(rs);

	/* loaded without JIT: always the interpreter */
	rs = load_builtins(0);
	p = rs->all[0].p;
	assert_ptr_equal(clint_pattern_code_for(p, (size_t)-1), p->code);
	assert_ptr_equal(clint_pattern_code(p), p->code);
	clint_ruleset_free(rs);
}

static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same_pattern(const clint_pattern *a, const clint_pattern *b)
{
	assert_string_equal(a->source, b->source);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->words, b->words);
	assert_int_equal(a->paragraph, b->paragraph);
	assert_int_equal(a->denial, b->denial);
	assert_int_equal(a->slot, b->slot);
	assert_int_equal(a->code != NULL, b->code != NULL);
}

static void assert_same_patterns(const clint_pattern *a, size_t na,
                                 const clint_pattern *b, size_t nb)
{
	size_t k;

	assert_int_equal(na, nb);
	for (k = 0; k < na; k++)
		assert_same_pattern(&a[k], &b[k]);
}

/* Every field pack.c builds, but the codes (test_same_codes_and_sets). */
static void assert_same_ruleset(const clint_ruleset *a, const clint_ruleset *b)
{
	size_t i, k;

	assert_int_equal(a->pack_count, b->pack_count);
	for (i = 0; i < a->pack_count; i++) {
		assert_string_equal(a->packs[i].name, b->packs[i].name);
		assert_same_str(a->packs[i].title, b->packs[i].title);
		assert_string_equal(a->packs[i].version, b->packs[i].version);
		assert_string_equal(a->packs[i].file, b->packs[i].file);
		assert_int_equal(a->packs[i].line, b->packs[i].line);
		assert_int_equal(a->packs[i].rule_count, b->packs[i].rule_count);
	}
	assert_int_equal(a->rule_count, b->rule_count);
	for (i = 0; i < a->rule_count; i++) {
		const clint_rule *x = &a->rules[i], *y = &b->rules[i];

		assert_string_equal(x->id, y->id);
		assert_int_equal(x->pack, y->pack);
		assert_int_equal(x->check, y->check);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->severity, y->severity);
		assert_same_str(x->category, y->category);
		assert_same_str(x->title, y->title);
		assert_same_str(x->message, y->message);
		assert_same_str(x->rationale, y->rationale);
		assert_same_str(x->ref, y->ref);
		assert_same_str(x->suggestion, y->suggestion);
		assert_int_equal(x->min_matches, y->min_matches);
		assert_int_equal(x->within != NULL, y->within != NULL);
		if (x->within)
			assert_same_pattern(x->within, y->within);
		assert_same_patterns(x->headings, x->heading_count, y->headings,
		                     y->heading_count);
		assert_same_patterns(x->patterns, x->pattern_count, y->patterns,
		                     y->pattern_count);
		assert_same_patterns(x->unless, x->unless_count, y->unless,
		                     y->unless_count);
		assert_same_patterns(x->near, x->near_count, y->near, y->near_count);
		assert_int_equal(x->threshold.present, y->threshold.present);
		assert_int_equal(x->threshold.kind, y->threshold.kind);
		assert_int_equal(x->threshold.op, y->threshold.op);
		assert_memory_equal(&x->threshold.than, &y->threshold.than,
		                    sizeof(double));
		assert_int_equal(x->threshold.in_match, y->threshold.in_match);
		assert_same_str(x->threshold.text, y->threshold.text);
		assert_int_equal(x->example_count, y->example_count);
		for (k = 0; k < x->example_count; k++) {
			assert_string_equal(x->examples[k].text, y->examples[k].text);
			assert_int_equal(x->examples[k].expect_match,
			                 y->examples[k].expect_match);
			assert_int_equal(x->examples[k].line, y->examples[k].line);
		}
	}
	assert_int_equal(a->pattern_count, b->pattern_count);
	for (i = 0; i < a->pattern_count; i++) {
		assert_int_equal(a->all[i].rule, b->all[i].rule);
		assert_string_equal(a->all[i].role, b->all[i].role);
		assert_int_equal(clint_prefilter_filtered_slot(a->pf, i),
		                 clint_prefilter_filtered_slot(b->pf, i));
		assert_int_equal(clint_prefilter_positional_slot(a->pf, i),
		                 clint_prefilter_positional_slot(b->pf, i));
	}
}

/* Loads with `o`, with and without the table; both must give the same
 * ruleset (or fail alike) and the same diagnostics. */
static void assert_same_load(const clint_ruleset_options *o)
{
	clint_ruleset *with = NULL, *without = NULL;
	clint_diag *dw = NULL, *dn = NULL;
	clint_diag_entry x, y;
	size_t i;
	int rw, rn;

	assert_int_equal(clint_diag_new(&dw), CLINT_OK);
	assert_int_equal(clint_diag_new(&dn), CLINT_OK);
	rw = clint_ruleset_load(&with, o, dw);
	setenv("CLAUSELINT_NO_PRECOMPILED", "1", 1);
	rn = clint_ruleset_load(&without, o, dn);
	unsetenv("CLAUSELINT_NO_PRECOMPILED");
	assert_int_equal(rw, rn);
	assert_int_equal(clint_diag_count(dw), clint_diag_count(dn));
	for (i = 0; i < clint_diag_count(dw); i++) {
		assert_int_equal(clint_diag_get(dw, i, &x), CLINT_OK);
		assert_int_equal(clint_diag_get(dn, i, &y), CLINT_OK);
		assert_int_equal(x.level, y.level);
		assert_same_str(x.file, y.file);
		assert_int_equal(x.line, y.line);
		assert_string_equal(x.message, y.message);
	}
	if (rw == CLINT_OK) {
		/* the drafting pack alone has check rules only */
		assert_true(with->precompiled_codes > 0 || !with->pattern_count);
		assert_int_equal(without->precompiled_codes, 0);
		assert_same_ruleset(with, without);
	}
	clint_ruleset_free(with);
	clint_ruleset_free(without);
	clint_diag_free(dw);
	clint_diag_free(dn);
}

/* Built-in packs load from their snapshots as from their XML. */
static void test_snapshot_same_as_xml(void **state)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	const char *names[64];
	const char *twice[] = {"outsourcing"};
	const char *off[] = {"ambiguity"};
	size_t i, n = clint_builtin_pack_count();

	(void)state;
	assert_int_equal(clint_precompiled.pack_count, n);
	assert_same_load(&o);  /* the defaults */
	for (i = 0; i < n; i++)
		names[i] = clint_builtin_pack_name(i);
	o.default_packs = 0;
	o.pack_paths = names;
	o.pack_path_count = n;
	assert_same_load(&o);  /* every built-in pack */
	for (i = 0; i < n; i++) {  /* each alone */
		o.pack_paths = &names[i];
		o.pack_path_count = 1;
		assert_same_load(&o);
	}
	/* a built-in pack loaded twice: the same errors, file and line */
	o.default_packs = 1;
	o.pack_paths = twice;
	o.pack_path_count = 1;
	assert_same_load(&o);
	o.pack_paths = NULL;
	o.pack_path_count = 0;
	o.disabled_packs = off;
	o.disabled_pack_count = 1;
	assert_same_load(&o);
}

/* The default packs' prefilter from the table is the one built from
 * their sources; another set of patterns builds its own. */
static void test_prefilter_image(void **state)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	const char *off[] = {"ambiguity"};
	clint_ruleset *rs = NULL;
	clint_prefilter *built = NULL;
	const clint_prefilter *img;
	const char **src;
	size_t i, nc;

	(void)state;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
	assert_int_equal(rs->prefilter_image, 1);
	img = rs->pf;
	assert_ptr_equal(img, clint_precompiled.prefilter);
	src = calloc(rs->pattern_count + 1, sizeof(*src));
	assert_non_null(src);
	for (i = 0; i < rs->pattern_count; i++)
		src[i] = rs->all[i].p->source;
	assert_int_equal(clint_prefilter_build(&built, src, rs->pattern_count), 0);
	nc = built->nclass;
	assert_int_equal(img->nclass, nc);
	assert_int_equal(img->nstates, built->nstates);
	assert_int_equal(img->nlits, built->nlits);
	assert_int_equal(img->nslots, built->nslots);
	assert_int_equal(img->nids, built->nids);
	assert_int_equal(img->filtered, built->filtered);
	assert_int_equal(img->positional, built->positional);
	assert_memory_equal(img->cls, built->cls, 256);
	assert_int_equal(img->first_report, built->first_report);
	assert_memory_equal(img->delta, built->delta,
	                    built->nstates * nc * sizeof(*built->delta));
	assert_memory_equal(img->out, built->out, built->nstates * sizeof(uint32_t));
	assert_memory_equal(img->dict, built->dict,
	                    built->nstates * sizeof(uint32_t));
	assert_memory_equal(img->lit_len, built->lit_len, built->nlits);
	assert_memory_equal(img->lit_lead, built->lit_lead, built->nlits);
	assert_memory_equal(img->need_off, built->need_off,
	                    built->nslots * sizeof(size_t));
	assert_memory_equal(img->need_n, built->need_n,
	                    built->nslots * sizeof(size_t));
	assert_memory_equal(img->lead_off, built->lead_off,
	                    built->nslots * sizeof(size_t));
	assert_memory_equal(img->lead_n, built->lead_n,
	                    built->nslots * sizeof(size_t));
	assert_memory_equal(img->lead_dist, built->lead_dist,
	                    built->nslots * sizeof(size_t));
	assert_memory_equal(img->need_dist, built->need_dist,
	                    built->nslots * sizeof(size_t));
	assert_memory_equal(img->ids, built->ids, built->nids * sizeof(uint32_t));
	clint_prefilter_free(built);
	free(src);
	clint_ruleset_free(rs);  /* leaves the image alone */

	o.disabled_packs = off;
	o.disabled_pack_count = 1;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
	assert_int_equal(rs->prefilter_image, 0);
	assert_non_null(rs->pf);
	assert_ptr_not_equal(rs->pf, clint_precompiled.prefilter);
	clint_ruleset_free(rs);

	setenv("CLAUSELINT_NO_PRECOMPILED", "1", 1);
	o.disabled_pack_count = 0;
	assert_int_equal(clint_ruleset_load(&rs, &o, NULL), CLINT_OK);
	unsetenv("CLAUSELINT_NO_PRECOMPILED");
	assert_int_equal(rs->prefilter_image, 0);
	clint_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_patterns_precompiled),
		cmocka_unit_test(test_same_codes_and_sets),
		cmocka_unit_test(test_switched_off),
		cmocka_unit_test(test_stream_refused),
		cmocka_unit_test(test_pack_file_compiled),
		cmocka_unit_test(test_jit_deferred),
		cmocka_unit_test(test_snapshot_same_as_xml),
		cmocka_unit_test(test_prefilter_image),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
