/*
 * main.c - the clauselint command-line tool:
 *
 *   clauselint [check] [options] FILE|DIR...  lint contracts ("-" = stdin)
 *   clauselint packs list|test|lint|show|patterns|profile   inspect packs
 *   clauselint outline|text FILE...           what the checker reads
 *   clauselint diff OLD NEW | REDLINE         compare two revisions
 *
 * Exit status: 0 clean, 1 a finding at or above --fail-on, 2 a usage,
 * pack or input error (the other inputs of the run are still checked).
 * The files of this directory are listed in cli.h.
 */
#include <string.h>

#include "cli.h"

int main(int argc, char **argv)
{
	cli_options o;
	int status;

	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return clauselint_diff_main(argc - 2, argv + 2);
	cli_options_init(&o);
	if (argc > 1 && strcmp(argv[1], "packs") == 0) {
		cli_parse_args(argc, argv, 3, &o);
		status = cli_cmd_packs(&o, argc > 2 ? argv[2] : "");
	} else if (argc > 1 && strcmp(argv[1], "outline") == 0) {
		cli_parse_args(argc, argv, 2, &o);
		status = cli_cmd_show_docs(&o, "outline", cli_print_outline);
	} else if (argc > 1 && strcmp(argv[1], "text") == 0) {
		cli_parse_args(argc, argv, 2, &o);
		status = cli_cmd_show_docs(&o, "text", cli_print_text);
	} else {
		cli_parse_args(argc, argv,
		               argc > 1 && strcmp(argv[1], "check") == 0 ? 2 : 1, &o);
		status = cli_cmd_check(&o);
	}
	cli_options_free(&o);
	return status;
}
