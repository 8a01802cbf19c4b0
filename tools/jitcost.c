/*
 * jitcost.c - what JIT compilation costs and saves, pattern by pattern,
 * for the default packs on the given documents (issue 8):
 *
 *   make build/jitcost && build/jitcost FILE...
 *
 * For each pattern that runs on the files: its rule, role and pack line,
 * its bytecode size and JIT code size (pcre2_pattern_info SIZE and
 * JITSIZE), the CPU time of its JIT compilation (best of 5), its match
 * calls and the subject bytes they were given, and the CPU time of those
 * calls interpreted (a ruleset loaded with jit = 0) and JIT-compiled
 * (every pattern compiled before the run); sorted by compile time. The
 * last lines sum them up, with the least any interpret-or-compile choice
 * per pattern could cost on these files. Times come from the thread's CPU
 * clock around each pcre2_match() (linked with --wrap=pcre2_match_8), so
 * they include the clock's own cost; compare them with each other, on a
 * quiet machine.
 *
 * Exit status 0, or 1 with a message on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clauselint.h"
#include "ruleset.h"

typedef struct {
	unsigned long calls[2];
	unsigned long long bytes, ns[2];  /* [0] interpreted, [1] JIT */
	unsigned long long compile_ns;
	size_t size, jit_size;
} cost;

static const clint_ruleset *current;
static cost *costs;
static int pass;  /* 0 interpreted, 1 JIT; -1 not counting */

static unsigned long long cpu_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (unsigned long long)t.tv_sec * 1000000000ull +
	       (unsigned long long)t.tv_nsec;
}

/* The pattern of `current` whose code (or JIT-compiled copy) is `code`. */
static long pattern_of(const pcre2_code *code)
{
	size_t i;

	for (i = 0; i < current->pattern_count; i++) {
		clint_pattern *p = (clint_pattern *)current->all[i].p;

		if (p->code == code || atomic_load(&p->jit_code) == code)
			return (long)i;
	}
	return -1;
}

int __real_pcre2_match_8(const pcre2_code *, PCRE2_SPTR, PCRE2_SIZE,
                         PCRE2_SIZE, uint32_t, pcre2_match_data *,
                         pcre2_match_context *);
int __wrap_pcre2_match_8(const pcre2_code *, PCRE2_SPTR, PCRE2_SIZE,
                         PCRE2_SIZE, uint32_t, pcre2_match_data *,
                         pcre2_match_context *);

/* pcre2_match(), timed and charged to its pattern during a pass. */
int __wrap_pcre2_match_8(const pcre2_code *code, PCRE2_SPTR s,
                         PCRE2_SIZE len, PCRE2_SIZE off, uint32_t opts,
                         pcre2_match_data *md, pcre2_match_context *mc)
{
	unsigned long long t0, t1;
	long i;
	int rc;

	if (pass < 0)
		return __real_pcre2_match_8(code, s, len, off, opts, md, mc);
	t0 = cpu_ns();
	rc = __real_pcre2_match_8(code, s, len, off, opts, md, mc);
	t1 = cpu_ns();
	i = pattern_of(code);
	if (i >= 0) {
		costs[i].ns[pass] += t1 - t0;
		costs[i].calls[pass]++;
		if (pass == 0)
			costs[i].bytes += len - off;
	}
	return rc;
}

/* Checks every file against `rs` with the counters of pass `which`. */
static int run_files(const clint_ruleset *rs, int which, char **files,
                     int n)
{
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;
	clint_diag *d = NULL;
	int k, rc = 0;

	co.max_cpu_seconds = CLINT_CHECK_NO_TIME_LIMIT;
	if (clint_diag_new(&d) < 0)
		return -1;
	current = rs;
	for (k = 0; k < n && rc == 0; k++) {
		clint_doc *doc = NULL;
		clint_result *res = NULL;

		if (clint_doc_load_file(&doc, files[k], NULL, d) < 0) {
			fprintf(stderr, "jitcost: %s: cannot load\n", files[k]);
			rc = -1;
			break;
		}
		pass = which;
		/* it measures patterns: all of them, as long as they take */
		if (clint_check(&res, rs, doc, &co, d) < 0)
			rc = -1;
		pass = -1;
		clint_result_free(res);
		clint_doc_free(doc);
	}
	clint_diag_free(d);
	return rc;
}

/* JIT-compiles a copy of each pattern of `rs` five times: the best time,
 * and the sizes. */
static void measure_compiles(const clint_ruleset *rs)
{
	size_t i;
	int r;

	for (i = 0; i < rs->pattern_count; i++) {
		const pcre2_code *code = rs->all[i].p->code;
		unsigned long long best = ~0ull;

		if (!code)
			continue;
		pcre2_pattern_info(code, PCRE2_INFO_SIZE, &costs[i].size);
		for (r = 0; r < 5; r++) {
			pcre2_code *c = pcre2_code_copy_with_tables(code);
			unsigned long long t0 = cpu_ns(), t;

			if (!c || pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
				pcre2_code_free(c);
				break;
			}
			t = cpu_ns() - t0;
			best = t < best ? t : best;
			pcre2_pattern_info(c, PCRE2_INFO_JITSIZE, &costs[i].jit_size);
			pcre2_code_free(c);
		}
		costs[i].compile_ns = best == ~0ull ? 0 : best;
	}
}

static int by_compile_time(const void *a, const void *b)
{
	const cost *x = &costs[*(const size_t *)a];
	const cost *y = &costs[*(const size_t *)b];

	return x->compile_ns < y->compile_ns ? 1 :
	       x->compile_ns > y->compile_ns ? -1 : 0;
}

int main(int argc, char **argv)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *interp = NULL, *jit = NULL;
	clint_diag *d = NULL;
	unsigned long long sum_i = 0, sum_j = 0, sum_c = 0, best = 0;
	size_t i, n = 0, *order = NULL;
	int status = 1;

	pass = -1;
	if (argc < 2) {
		fputs("usage: jitcost FILE...\n", stderr);
		return 1;
	}
	if (clint_diag_new(&d) < 0)
		return 1;
	o.jit = 0;
	if (clint_ruleset_load(&interp, &o, d) < 0)
		goto done;
	o.jit = 1;
	if (clint_ruleset_load(&jit, &o, d) < 0)
		goto done;
	costs = calloc(jit->pattern_count, sizeof(*costs));
	order = calloc(jit->pattern_count, sizeof(*order));
	if (!costs || !order)
		goto done;
	measure_compiles(jit);
	for (i = 0; i < jit->pattern_count; i++)
		clint_pattern_code(jit->all[i].p);  /* every one JIT-compiled */
	if (run_files(interp, 0, argv + 1, argc - 1) < 0 ||
	    run_files(jit, 1, argv + 1, argc - 1) < 0)
		goto done;

	for (i = 0; i < jit->pattern_count; i++)
		if (costs[i].calls[0])
			order[n++] = i;
	qsort(order, n, sizeof(*order), by_compile_time);
	printf("%-48s %8s %8s %9s %7s %11s %10s %10s\n", "pattern", "bytecode",
	       "jitcode", "compile", "calls", "subject", "interp", "jit");
	for (i = 0; i < n; i++) {
		const cost *c = &costs[order[i]];
		const clint_pattern_ref *ref = &jit->all[order[i]];
		char name[128];
		unsigned long long with_jit = c->compile_ns + c->ns[1];

		snprintf(name, sizeof(name), "%s:%s:%u", jit->rules[ref->rule].id,
		         ref->role, ref->p->line);
		printf("%-48s %8zu %8zu %7.1fus %7lu %11llu %8.1fus %8.1fus%s\n",
		       name, c->size, c->jit_size, c->compile_ns / 1e3,
		       c->calls[0], c->bytes, c->ns[0] / 1e3, c->ns[1] / 1e3,
		       c->ns[0] < with_jit ? "  interpret" : "");
		sum_i += c->ns[0];
		sum_j += c->ns[1];
		sum_c += c->compile_ns;
		best += c->ns[0] < with_jit ? c->ns[0] : with_jit;
	}
	printf("%zu patterns ran: interpreted %.2f ms; JIT-compiled %.2f ms "
	       "(compilation) + %.2f ms (matching); best choice per pattern "
	       "%.2f ms\n",
	       n, sum_i / 1e6, sum_c / 1e6, sum_j / 1e6, best / 1e6);
	status = 0;
done:
	if (status)
		fputs("jitcost: cannot load the default packs or check\n", stderr);
	free(order);
	free(costs);
	clint_ruleset_free(interp);
	clint_ruleset_free(jit);
	clint_diag_free(d);
	return status;
}
