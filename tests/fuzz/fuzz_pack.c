/*
 * fuzz_pack.c - the pack loader (XML parse, RELAX NG validation, pattern
 * compilation) on the input as a pack file; a pack that loads has its
 * examples run, is linted and checks a short contract. The loader reads
 * files, so the input is written to a private temporary file
 * (fuzz_temp_file()).
 */
#include "fuzz.h"

static const char contract[] =
	"1. Services\nThe Supplier shall provide the Services promptly.\n"
	"2. Charges\nThe Client shall pay USD 1,000 within thirty (30) days "
	"at the Supplier's then-current rates.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	const char *paths[1];
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	size_t a, b;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	paths[0] = fuzz_temp_file("pack.xml", data, size);
	if (clint_diag_new(&diag) != CLINT_OK)
		return 0;
	ro.default_packs = 0;
	ro.pack_paths = paths;
	ro.pack_path_count = 1;
	ro.jit = 0;
	if (clint_ruleset_load(&rs, &ro, diag) == CLINT_OK) {
		clint_ruleset_test(rs, diag, &a, &b);
		clint_ruleset_lint(rs, diag, &a, &b);
		if (clint_doc_load_buffer(&doc, "c.txt", contract,
		                          sizeof(contract) - 1, NULL,
		                          diag) == CLINT_OK &&
		    clint_check(&res, rs, doc, NULL, diag) == CLINT_OK)
			(void)clint_result_finding_count(res);
	} else if (clint_diag_count(diag) == 0) {
		abort();  /* a refused pack must say why */
	}
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	return 0;
}
