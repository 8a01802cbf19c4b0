/*
 * cli.h - the subcommands of the command-line tool that live in their
 * own files.
 */
#ifndef CLAUSELINT_CLI_H
#define CLAUSELINT_CLI_H

/* `clauselint diff ARGS...` (argv holds the arguments after "diff");
 * returns the exit status. */
int clauselint_diff_main(int argc, char **argv);

#endif
