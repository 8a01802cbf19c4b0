/*
 * main.c - the clauselint command-line tool:
 *
 *   clauselint [check] [options] FILE|DIR...  lint contracts ("-" = stdin)
 *   clauselint packs list|test|lint|show|patterns|profile   inspect packs
 *   clauselint outline|text FILE...           what the checker reads
 *   clauselint diff OLD NEW | REDLINE         compare two revisions
 *
 * Exit status: 0 clean, 1 a finding at or above --fail-on, 2 a usage,
 * pack or input error (the other inputs of the run are still checked) or
 * a check stopped at its CPU-time limit.
 * The files of this directory are listed in cli.h.
 */
#include <string.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

#include "cli.h"

/*
 * A run is short and its memory use peaks early (packs, the JIT
 * compilation of patterns, a document), so glibc is told to keep what is
 * freed for reuse instead of handing it back (heap trimming, and blocks of
 * 128 KiB and more mapped and unmapped one by one): every page handed back
 * and taken again costs a page fault, about 2 us here. On a 100 KB
 * contract that is 250 of 2340 page faults.
 */
static void keep_freed_memory(void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

/* An option given to text, outline or packs that only check reads is a
 * usage error: "clauselint text -o out.txt a.docx" wrote nothing, exit 0. */
static int refuse_check_only(const cli_options *o, const char *cmd)
{
	if (!o->check_only)
		return 0;
	cli_usage_error("'%s' does not take %s (an option of check)", cmd,
	                o->check_only);
	return 1;
}

int main(int argc, char **argv)
{
	cli_options o;
	int status;

	keep_freed_memory();
	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return clauselint_diff_main(argc - 2, argv + 2);
	cli_options_init(&o);
	if (argc > 1 && strcmp(argv[1], "packs") == 0) {
		cli_parse_args(argc, argv, 3, &o);
		status = refuse_check_only(&o, "packs")
		             ? EXIT_TROUBLE
		             : cli_cmd_packs(&o, argc > 2 ? argv[2] : "");
	} else if (argc > 1 && strcmp(argv[1], "outline") == 0) {
		cli_parse_args(argc, argv, 2, &o);
		status = refuse_check_only(&o, "outline")
		             ? EXIT_TROUBLE
		             : cli_cmd_show_docs(&o, "outline", cli_print_outline);
	} else if (argc > 1 && strcmp(argv[1], "text") == 0) {
		cli_parse_args(argc, argv, 2, &o);
		status = refuse_check_only(&o, "text")
		             ? EXIT_TROUBLE
		             : cli_cmd_show_docs(&o, "text", cli_print_text);
	} else {
		cli_parse_args(argc, argv,
		               argc > 1 && strcmp(argv[1], "check") == 0 ? 2 : 1, &o);
		status = cli_cmd_check(&o);
	}
	cli_options_free(&o);
	return status;
}
