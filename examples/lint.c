/*
 * lint.c - the smallest useful program on libclauselint: checks each file
 * named on the command line against the built-in packs and prints the
 * JSON report. Build it against an installed library with
 *
 *   cc lint.c $(pkg-config --cflags --libs clauselint) -o lint
 */
#include <stdio.h>

#include <clauselint.h>

static int write_out(void *userdata, const char *data, size_t len)
{
	return fwrite(data, 1, len, (FILE *)userdata) == len ? 0 : -1;
}

int main(int argc, char **argv)
{
	clint_render_options ropts = CLINT_RENDER_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_renderer *r = NULL;
	clint_diag *diag = NULL;
	int i, status = 0;

	if (clint_diag_new(&diag) < 0 || clint_ruleset_load(&rs, NULL, diag) < 0)
		return 2;
	ropts.format = CLINT_OUTPUT_JSON;
	if (clint_renderer_new(&r, &ropts, write_out, stdout) < 0)
		return 2;
	for (i = 1; i < argc; i++) {
		clint_doc *doc = NULL;
		clint_result *res = NULL;

		if (clint_doc_load_file(&doc, argv[i], NULL, diag) < 0) {
			clint_renderer_input_error(r, argv[i], "cannot be read");
			status = 2;
			continue;
		}
		if (clint_check(&res, rs, doc, NULL, diag) == 0) {
			clint_renderer_document(r, res);
			if (status == 0 && clint_result_count_at_least(res, CLINT_SEVERITY_ERROR))
				status = 1;
		}
		clint_result_free(res);
		clint_doc_free(doc);
	}
	clint_renderer_finish(r);
	clint_renderer_free(r);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	return status;
}
