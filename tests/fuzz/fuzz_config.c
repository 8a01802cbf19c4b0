/*
 * fuzz_config.c - the project file loader (config.c: XML parse, RELAX NG
 * validation, entries, rule settings) on the input as a .clauselint.xml,
 * written to a private temporary file (fuzz_temp_file()), as the loader
 * reads files. A project file that loads has every entry and setting read
 * back and checked, and is applied as the command line applies it
 * (src/cli/project.c): its built-in packs, packs left out and rule
 * settings load a ruleset, which checks a short contract. Packs it names
 * by file are not read: a mutated path could name any file on the
 * machine, and the pack loader has a target of its own.
 */
#include "fuzz.h"

/* 1 if `name` is a built-in pack's name. */
static int builtin(const char *name)
{
	size_t i;

	for (i = 0; i < clint_builtin_pack_count(); i++)
		if (strcmp(clint_builtin_pack_name(i), name) == 0)
			return 1;
	return 0;
}

/* Reads back every entry of `cfg` (aborting on an inconsistent one), then
 * loads the ruleset it describes and checks the contract with it. */
static void apply(const clint_config *cfg)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	const char *packs[64], *disabled[64];
	const clint_rule_setting *settings;
	size_t np = 0, nd = 0, ns, i;
	clint_config_entry e;

	for (i = 0; i < clint_config_entry_count(cfg); i++) {
		if (clint_config_entry_get(cfg, i, &e) != CLINT_OK || !e.value ||
		    e.kind > CLINT_CONFIG_EXCLUDE)
			abort();
		if (e.kind == CLINT_CONFIG_PACK && np < 64 && builtin(e.value))
			packs[np++] = e.value;
		else if (e.kind == CLINT_CONFIG_DISABLE_PACK && nd < 64)
			disabled[nd++] = e.value;
	}
	if (clint_config_entry_get(cfg, i, &e) == CLINT_OK)
		abort();  /* one past the last */
	settings = clint_config_rule_settings(cfg, &ns);
	for (i = 0; i < ns; i++)
		if (!settings[i].rule_id || settings[i].file != clint_config_path(cfg))
			abort();
	ro.default_packs = clint_config_default_packs(cfg);
	ro.pack_paths = packs;
	ro.pack_path_count = np;
	ro.disabled_packs = disabled;
	ro.disabled_pack_count = nd;
	ro.rule_settings = settings;
	ro.rule_setting_count = ns;
	ro.jit = 0;
	fuzz_ruleset_check(&ro, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clint_config *cfg = NULL;
	clint_diag *diag = NULL;
	const char *path;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	path = fuzz_temp_file(".clauselint.xml", data, size);
	if (clint_diag_new(&diag) != CLINT_OK)
		return 0;
	if (clint_config_load(&cfg, path, diag) == CLINT_OK) {
		if (strcmp(clint_config_path(cfg), path) != 0)
			abort();
		apply(cfg);
	} else if (clint_diag_count(diag) == 0) {
		abort();  /* a refused project file must say why */
	}
	clint_config_free(cfg);
	clint_diag_free(diag);
	return 0;
}
