/*
 * fuzz_pack.c - the pack loader (XML parse, RELAX NG validation, pattern
 * compilation) on the input as a pack file; a pack that loads has its
 * examples run, is linted and checks a short contract. Then it is loaded
 * with keep_valid_packs after a built-in pack and again (its pack name is
 * then taken): every copy with problems is rolled back out, and what is
 * left must check a contract. The loader reads files, so the input is
 * written to a private temporary file (fuzz_temp_file()).
 */
#include "fuzz.h"

static void keep_valid(const char *path)
{
	static const char text[] = "1. Fees\nThe Client shall pay the fees "
	                           "promptly, as appropriate.\n";
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	clint_check_options co = CLINT_CHECK_OPTIONS_INIT;
	const char *paths[3];
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	size_t left;
	int rc;

	if (clint_diag_new(&diag) != CLINT_OK)
		return;
	paths[0] = "ambiguity";
	paths[1] = path;
	paths[2] = path;
	ro.default_packs = 0;
	ro.pack_paths = paths;
	ro.pack_path_count = 3;
	ro.jit = 0;
	ro.keep_valid_packs = 1;
	co.max_cpu_seconds = 1;  /* under libFuzzer's -timeout */
	rc = clint_ruleset_load(&rs, &ro, diag);
	if (rc == CLINT_OK) {
		/* the second copy at least is left out, and said to be */
		left = clint_ruleset_left_out(rs);
		if (left < 1 || left > 2 || clint_ruleset_pack_count(rs) != 3 - left ||
		    clint_diag_count(diag) == 0)
			abort();
		if (clint_doc_load_buffer(&doc, "c.txt", text, sizeof(text) - 1,
		                          NULL, diag) == CLINT_OK &&
		    clint_check(&res, rs, doc, &co, diag) == CLINT_OK)
			(void)clint_result_finding_count(res);
	} else if (rc != CLINT_ENOMEM) {
		abort();  /* the built-in pack always loads */
	}
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	const char *paths[1];

	if (size > FUZZ_MAX_INPUT)
		return 0;
	paths[0] = fuzz_temp_file("pack.xml", data, size);
	ro.default_packs = 0;
	ro.pack_paths = paths;
	ro.pack_path_count = 1;
	ro.jit = 0;
	fuzz_ruleset_check(&ro, 1);
	keep_valid(paths[0]);
	return 0;
}
