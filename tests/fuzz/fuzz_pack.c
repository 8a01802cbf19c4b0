/*
 * fuzz_pack.c - the pack loader (XML parse, RELAX NG validation, pattern
 * compilation) on the input as a pack file; a pack that loads has its
 * examples run, is linted and checks a short contract. The loader reads
 * files, so the input is written to a private temporary file
 * (fuzz_temp_file()).
 */
#include "fuzz.h"

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
	return 0;
}
