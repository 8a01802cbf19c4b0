/*
 * fuzz_pack.c - the pack loader (XML parse, RELAX NG validation, pattern
 * compilation) on the input as a pack file; a pack that loads has its
 * examples run, is linted and checks a short contract. The loader reads
 * files, so the input is written to a private temporary file.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static char path[64];

static void remove_path(void)
{
	unlink(path);
}

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
	FILE *f;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (!path[0]) {
		struct stat st;
		int fd;
		/* in memory when there is a tmpfs: on ext4, truncating and
		 * rewriting the file for every input started a writeback each
		 * time, and the harness waited on it (6000 runs: 15 s wall,
		 * 3.8 s CPU; in /dev/shm, 5 s and 2.6 s) */
		snprintf(path, sizeof(path), "%s/clint-fuzz-pack-XXXXXX",
		         stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
		                 access("/dev/shm", W_OK) == 0
		             ? "/dev/shm"
		             : "/tmp");
		fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(remove_path);
	}
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	if (clint_diag_new(&diag) != CLINT_OK)
		return 0;
	paths[0] = path;
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
