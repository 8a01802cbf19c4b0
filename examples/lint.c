/*
 * lint.c - the smallest useful program on libclauselint: checks each file
 * named on the command line against the built-in packs and prints the
 * JSON report. With "--config FILE" first, a project file's packs and
 * rule settings (enable, disable, severity) apply too. Build it against
 * an installed library with
 *
 *   cc lint.c $(pkg-config --cflags --libs clauselint) -o lint
 */
#include <stdio.h>
#include <string.h>

#include <clauselint.h>

static int write_out(void *userdata, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)userdata) == len ? 0 : -1;
}

static void print_diag(const clint_diag *diag)
{
	clint_diag_entry e;
	char name[1024];
	size_t i;

	for (i = 0; i < clint_diag_count(diag); i++) {
		if (clint_diag_get(diag, i, &e) != CLINT_OK)
			continue;
		/* the message is safe to print; a file name may hold escape
		 * sequences, so print a copy made safe the same way */
		snprintf(name, sizeof(name), "%s", e.file ? e.file : "-");
		clint_term_safe(name);
		fprintf(stderr, "lint: %s:%u: %s\n", name, e.line, e.message);
	}
}

int main(int argc, char **argv)
{
	clint_ruleset_options rsopts = CLINT_RULESET_OPTIONS_INIT;
	clint_render_options ropts = CLINT_RENDER_OPTIONS_INIT;
	const char *packs[64];
	clint_config *cfg = NULL;
	clint_ruleset *rs = NULL;
	clint_renderer *r = NULL;
	clint_diag *diag = NULL;
	int i = 1, status = 0;

	if (clint_diag_new(&diag) < 0)
		return 2;
	if (argc > 2 && strcmp(argv[1], "--config") == 0) {
		clint_config_entry e;
		size_t k;

		if (clint_config_load(&cfg, argv[2], diag) < 0) {
			print_diag(diag);
			return 2;
		}
		/* the project's packs and rule settings */
		for (k = 0; k < clint_config_entry_count(cfg); k++)
			if (clint_config_entry_get(cfg, k, &e) == CLINT_OK &&
			    e.kind == CLINT_CONFIG_PACK && rsopts.pack_path_count < 64)
				packs[rsopts.pack_path_count++] = e.value;
		rsopts.pack_paths = packs;
		rsopts.default_packs = clint_config_default_packs(cfg);
		rsopts.rule_settings =
			clint_config_rule_settings(cfg, &rsopts.rule_setting_count);
		i = 3;
	}
	if (clint_ruleset_load(&rs, &rsopts, diag) < 0) {
		print_diag(diag);
		return 2;
	}
	ropts.format = CLINT_OUTPUT_JSON;
	if (clint_renderer_new(&r, &ropts, write_out, stdout) < 0)
		return 2;
	for (; i < argc; i++) {
		clint_doc *doc = NULL;
		clint_result *res = NULL;

		if (clint_doc_load_file(&doc, argv[i], NULL, diag) < 0) {
			clint_renderer_input_error(r, argv[i], "cannot be read");
			status = 2;
			continue;
		}
		if (clint_check(&res, rs, doc, NULL, diag) == 0) {
			clint_renderer_document(r, res);
			/* stopped at its CPU-time limit: some rules did not run */
			if (clint_result_timed_out(res))
				status = 2;
			if (status == 0 && clint_result_count_at_least(res, CLINT_SEVERITY_ERROR))
				status = 1;
		} else {
			/* not checked: its structure passed the document memory
			 * limit, or memory ran out (the reason is in diag) */
			clint_renderer_input_error(r, argv[i], "cannot be checked");
			status = 2;
		}
		clint_result_free(res);
		clint_doc_free(doc);
	}
	clint_renderer_finish(r);
	print_diag(diag);  /* regex limits, timed-out checks, notes */
	clint_renderer_free(r);
	clint_ruleset_free(rs);
	clint_config_free(cfg);
	clint_diag_free(diag);
	return status;
}
