/*
 * fuzz_check.c - a document checked against the default ruleset, then
 * reported as text and as JSON, with each finding's fingerprint. The first
 * byte chooses the reader (bits 0-1: text, Markdown or HTML), a verbose
 * text report (bit 2), and a CPU-time limit so small that it is over
 * before the first rule (bit 3): the result must then say it timed out
 * and hold nothing, and the reports say it is incomplete. The JSON report
 * must parse, and the text report without colour must hold no control
 * character (outcheck.h).
 */
#include "fuzz.h"
#include "outcheck.h"

static clint_ruleset *rs;

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The default ruleset, loaded once, before the first input: loaded by the
 * first input instead, it made that run allocate more than it freed, which
 * libFuzzer takes for a possible leak and runs again under LeakSanitizer. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	clint_diag *diag = NULL;

	(void)argc;
	(void)argv;
	if (rs)
		return 0;
	ro.jit = getenv("CLAUSELINT_NO_JIT") == NULL;
	if (clint_diag_new(&diag) != CLINT_OK ||
	    clint_ruleset_load(&rs, &ro, diag) != CLINT_OK)
		abort();
	clint_diag_free(diag);
	return 0;
}

static void render(const clint_result *res, clint_output_format fmt,
                   int verbose)
{
	clint_render_options ro = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	fuzz_out out = {NULL, 0, 0};

	ro.format = fmt;
	ro.verbose = verbose;
	ro.color = verbose;
	if (clint_renderer_new(&r, &ro, fuzz_out_sink, &out) != CLINT_OK)
		abort();
	if (clint_renderer_document(r, res) != CLINT_OK ||
	    clint_renderer_finish(r) != CLINT_OK)
		abort();
	clint_renderer_free(r);
	if (fmt == CLINT_OUTPUT_JSON)
		fuzz_out_json(&out, 0);
	else if (fmt == CLINT_OUTPUT_TEXT && !ro.color)
		fuzz_out_plain(&out);
	fuzz_out_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const clint_input_format fmts[] = {
		CLINT_INPUT_TEXT, CLINT_INPUT_MARKDOWN, CLINT_INPUT_HTML,
		CLINT_INPUT_TEXT};
	clint_doc_options dopts = CLINT_DOC_OPTIONS_INIT;
	clint_check_options copts = CLINT_CHECK_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	size_t i, n;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	if (clint_diag_new(&diag) != CLINT_OK)
		return 0;
	dopts.format = fmts[data[0] & 3];
	if (clint_doc_load_buffer(&doc, "fuzz", data + 1, size - 1, &dopts,
	                          diag) != CLINT_OK)
		goto done;
	fuzz_walk_doc(doc);
	if (data[0] & 8)
		copts.max_cpu_seconds = 1e-9;
	if (clint_check(&res, rs, doc, &copts, diag) != CLINT_OK)
		abort();
	if ((data[0] & 8) &&
	    (!clint_result_timed_out(res) || clint_result_finding_count(res) ||
	     clint_result_missing_count(res) || clint_result_present_count(res)))
		abort();
	n = clint_result_finding_count(res);
	for (i = 0; i < n; i++) {
		clint_finding f;
		char fp[CLINT_FINGERPRINT_SIZE];
		if (clint_result_finding(res, i, &f) != CLINT_OK ||
		    clint_finding_fingerprint(res, &f, fp) != CLINT_OK)
			abort();
	}
	render(res, CLINT_OUTPUT_TEXT, data[0] & 4);
	render(res, CLINT_OUTPUT_JSON, 0);
done:
	clint_result_free(res);
	clint_doc_free(doc);
	clint_diag_free(diag);
	return 0;
}
