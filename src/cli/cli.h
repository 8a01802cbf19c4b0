/*
 * cli.h - what the files of the clauselint command-line tool share. The
 * tool uses only the public API (clauselint.h):
 *
 *   main.c      subcommand dispatch
 *   options.c   command line -> cli_options, usage text
 *   inputs.c    operands -> input files (directories walked, globs)
 *   project.c   project files (.clauselint.xml) -> one ruleset per project
 *   run.c       the check command: worker threads, input order, progress
 *   output.c    the report sink: stdout or a file replaced atomically
 *   baseline.c  --baseline / --write-baseline by finding fingerprint
 *   show.c      packs list|test|lint|show|patterns, outline, text
 *   diff.c      the diff command: two revisions (or a redline) compared
 *   util.c      messages, growable lists
 */
#ifndef CLAUSELINT_CLI_H
#define CLAUSELINT_CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "clauselint.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

#define CLI_MAX_JOBS 256

typedef struct {
	clint_output_format format;
	int fail_on;              /* clint_severity, or -1 for none */
	int color;                /* -1 auto, 0 never, 1 always */
	int verbose;
	int default_packs;
	clint_input_format input_format;
	clint_revisions revisions;
	const char **packs;
	size_t pack_count;
	const char **disabled;
	size_t disabled_count;
	const char **files;
	size_t file_count;
	const char **includes;    /* --include globs */
	size_t include_count;
	const char **excludes;    /* --exclude globs */
	size_t exclude_count;
	clint_rule_setting *settings;  /* --enable, --disable, --severity */
	size_t setting_count;
	const char **owned;       /* rule ids cut out of --severity values */
	size_t owned_count;
	unsigned jobs;            /* -j N: worker threads, >= 1 */
	const char *output;       /* --output FILE, or NULL for stdout */
	const char *baseline;     /* --baseline FILE */
	const char *write_baseline; /* --write-baseline FILE */
	const char *config;       /* --config FILE */
	int no_config;            /* --no-config */
	int progress;             /* --progress: -1 auto, 0 never, 1 always */
	double max_check_seconds; /* --max-check-seconds: 0 the library's
	                             default, CLINT_CHECK_NO_TIME_LIMIT none */
	int keep_valid_packs;     /* packs test, lint: leave out a pack with
	                             problems, load the others */
	double max_pdf_seconds;   /* --max-pdf-seconds (as max_check_seconds) */
	size_t max_pdf_memory;    /* --max-pdf-memory in bytes: 0 the
	                             library's default, SIZE_MAX none */
	size_t max_doc_memory;    /* --max-doc-memory (as max_pdf_memory) */
	const char *check_only;   /* the first option given that only check
	                             reads (--output, ...): text, outline and
	                             packs refuse it rather than ignore it */
} cli_options;

/* ---- diff.c ------------------------------------------------------------- */

/* `clauselint diff ARGS...` (argv holds the arguments after "diff");
 * returns the exit status. */
int clauselint_diff_main(int argc, char **argv);

/* ---- options.c ---------------------------------------------------------- */

void cli_options_init(cli_options *o);
void cli_options_free(cli_options *o);
/* The options that choose the rules, shared by check and diff: --pack,
 * --disable-pack, --no-default-packs, --enable, --disable, --severity,
 * --config, --no-config. 1 if argv[*i] is one (its value taken, *i moved
 * past it), 0 if not; a bad value exits with status 2. */
int cli_parse_rules_option(cli_options *o, int argc, char **argv, int *i);
/* Parses options and operands from argv[first..]; exits on --help,
 * --version and bad usage (status 2). */
void cli_parse_args(int argc, char **argv, int first, cli_options *o);

/* ---- util.c -------------------------------------------------------------- */

/* Error messages on stderr: "clauselint: ", `prefix` (ours, may be
 * NULL) and the message, made safe for a terminal as a whole
 * (clint_term_safe(): a newline in a quoted name is '?' too), then a
 * newline and `hint` (may be NULL); cli_usage_error() adds "Try
 * 'clauselint --help'." */
void cli_vmessage(const char *prefix, const char *hint, const char *fmt,
                  va_list ap) __attribute__((format(printf, 3, 0)));
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* printf() to stdout with each line made safe for a terminal: for lists
 * that quote document and pack text (outline, packs list/show/profile). */
void cli_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage errors from here on are a subcommand's: `prefix` before the
 * message ("diff: "), `hint` after it ("Try 'clauselint diff --help'.\n"),
 * as its own errors have them (the options it shares with check). */
void cli_usage_for(const char *prefix, const char *hint);
void cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Prints every diagnostic as "clauselint: file:line: level: message". */
void cli_print_diag(const clint_diag *diag);
/* The same for the diagnostics of loading document `doc` (its name when
 * an entry has none): "clauselint: file: message" for an error, with no
 * line (a DOCX part's line is not the file's), "file: level: message"
 * otherwise. */
void cli_print_diags(const clint_diag *diag, const char *doc);
/* --max-check-seconds: "none" or a number of seconds above 0 and at most
 * CLI_MAX_SECONDS into *out (as clint_check_options' max_cpu_seconds);
 * -1 for anything else. */
#define CLI_MAX_SECONDS 1000000
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)
#define CLI_SECONDS_HELP                                                      \
	"a number of seconds above 0 and at most " CLI_STR(CLI_MAX_SECONDS)      \
	", or none"
int cli_parse_seconds(double *out, const char *v);
/* True if `v` is written as a plain decimal number: digits only, or with
 * `fraction` a decimal fraction with an exponent perhaps ("0.5", "1e-9"),
 * which strtod() then reads; no sign, space or hexadecimal. */
int cli_plain_number(const char *v, int fraction);
/* --max-pdf-memory, --max-doc-memory: "none" (SIZE_MAX) or a number of
 * MiB from 64 to CLI_MAX_MIB, into *out in bytes; -1 for anything else. */
#define CLI_MAX_MIB 1048576
#define CLI_MIB_HELP                                                          \
	"a number of MiB from 64 to " CLI_STR(CLI_MAX_MIB) ", or none"
int cli_parse_mib(size_t *out, const char *v);
/* Applies --max-pdf-seconds, --max-pdf-memory and --max-doc-memory to
 * document options. */
void cli_doc_limits(clint_doc_options *dopts, double pdf_seconds,
                    size_t pdf_memory, size_t doc_memory);

#define MAX_STDIN ((size_t)256 * 1024 * 1024)
/* Reads all of standard input, up to MAX_STDIN bytes, into a malloc'd
 * buffer; -1 with errno set (EFBIG when it is larger). */
int cli_read_stdin(char **data, size_t *len);
/* Appends `item` to a growable array of pointers; -1 on OOM. */
int cli_push(const char ***list, size_t *count, const char *item);
/* A growable string (stderr text buffered per input). */
typedef struct {
	char *data;
	size_t len, cap;
} cli_str;
int cli_str_printf(cli_str *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* cli_str_printf() with what it appends made safe for a terminal
 * (clint_term_safe(): a newline becomes '?' too): for file names and
 * messages that quote them. */
int cli_str_safe(cli_str *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cli_str_free(cli_str *s);
/* Appends one line of cli_print_diags() to `out` (doc: NULL, or as
 * there); the file name with its control characters '?'. -1 on OOM. */
int cli_diag_line(cli_str *out, const clint_diag_entry *e, const char *doc);

/* ---- project.c ----------------------------------------------------------- */

/* A project: the settings that apply to some inputs, and its ruleset. */
typedef struct {
	clint_config *config;    /* NULL: no project file */
	clint_ruleset *rs;       /* loaded by cli_projects_load() */
	char *invalid;           /* a project file that did not load, reported
	                            once: its operands are skipped */
	int unloaded;            /* its file loaded, but not its packs or rule
	                            settings: its operands are skipped too */
} cli_project;

typedef struct {
	cli_project *items;
	size_t count;
} cli_projects;

/*
 * The project of an operand: --config FILE, none with --no-config, else
 * the nearest .clauselint.xml in the operand's directory or above (the
 * current directory for "-"). Projects are shared by path. Returns the
 * project's index (a project file that does not load is reported the
 * first time and has `invalid` set), or -1 when out of memory.
 */
long cli_project_for(cli_projects *ps, const cli_options *o,
                     const char *operand);
/* Loads each project's ruleset (command-line options after the project
 * file's). One whose project file's packs or settings do not load gets
 * `unloaded`; returns -1 (reported) when the command line's do not. */
int cli_projects_load(cli_projects *ps, const cli_options *o);
void cli_projects_free(cli_projects *ps);
/* Loads one ruleset for `cfg` (may be NULL) and the command line. */
int cli_load_ruleset(const cli_options *o, const clint_config *cfg,
                     clint_ruleset **rs);

/* ---- inputs.c ------------------------------------------------------------ */

typedef struct {
	char *path;       /* as reported; "-" for standard input */
	size_t project;   /* index into cli_projects */
	char *error;      /* NULL, or why a directory's walk could not use
	                     `path` (reported as an unreadable input) */
} cli_input;

typedef struct {
	cli_input *items;
	size_t count, cap;
} cli_inputs;

/*
 * Expands the operands: a file is taken as it is; a directory is walked
 * recursively in name order (hidden entries skipped, each directory
 * walked once however it is reached through symbolic links), keeping the
 * files that match an include glob (default: the document formats) and
 * no exclude glob. What a walk cannot use (a dangling link, a directory
 * that cannot be read or is nested too deep, files past the limit) is an
 * input with `error` set, reported in its place. Returns the number of
 * those, or -1 on a fatal error.
 */
int cli_inputs_expand(cli_inputs *in, cli_projects *ps, const cli_options *o);
void cli_inputs_free(cli_inputs *in);
/* 1 if `rel` (a path relative to the walked directory) is selected. */
int cli_glob_selected(const char *const *includes, size_t include_count,
                      const char *const *excludes, size_t exclude_count,
                      const char *rel, int is_dir);

/* ---- output.c ------------------------------------------------------------ */

typedef struct {
	FILE *fp;
	char *path;     /* the final file, or NULL for stdout */
	char *tmp;      /* the temporary file beside it; NULL when `path` is
	                   a symbolic link or not a regular file (a device,
	                   a FIFO), written to directly */
	int copy;       /* `path` has several hard links: the complete
	                   temporary file is copied into it, not renamed */
	int failed;
	int err;        /* errno of the first failure */
} cli_output;

/* Opens the sink: stdout for NULL, else a temporary file beside `path`;
 * `path` itself when it is a symbolic link or exists and is not a regular
 * file (/dev/null, a FIFO): renaming over it would replace the link or
 * the device with a file. */
int cli_output_open(cli_output *out, const char *path);
/* clint_write_fn for a cli_output. */
int cli_output_write(void *userdata, const char *data, size_t len);
/* Flushes and, for a file, renames the temporary file over it (or
 * copies it into a file of several hard links).
 * Returns -1 (errno set, temporary file removed) on failure. */
int cli_output_commit(cli_output *out);
/* Removes the temporary file: the previous report is left untouched. */
void cli_output_abort(cli_output *out);

/* ---- baseline.c ---------------------------------------------------------- */

typedef struct cli_baseline cli_baseline;

/* Reads a baseline file; -1 after reporting a problem with file:line. */
int cli_baseline_load(cli_baseline **out, const char *path);
/* Drops from `res` the findings `path` already had in the baseline
 * (each recorded occurrence suppresses one). */
int cli_baseline_filter(cli_baseline *b, const char *path, clint_result *res,
                        size_t *suppressed);
/* Records every finding and missing clause of `res` for writing. */
int cli_baseline_record(cli_baseline *b, const char *path,
                        const clint_result *res);
/* Writes the recorded findings to `path` atomically. */
int cli_baseline_write(cli_baseline *b, const char *path);
/* An empty baseline to record into. */
int cli_baseline_new(cli_baseline **out);
void cli_baseline_free(cli_baseline *b);

/* ---- run.c, show.c --------------------------------------------------------- */

int cli_cmd_check(cli_options *o);
int cli_cmd_show_docs(cli_options *o, const char *what,
                      void (*show)(const clint_doc *, int several));
void cli_print_outline(const clint_doc *doc, int several);
void cli_print_text(const clint_doc *doc, int several);
int cli_cmd_packs(cli_options *o, const char *sub);
/* Loads one input; its messages go to `err`, an unreadable input is
 * reported with *why set (malloc'd). With `prepare`, its structure is
 * read too (clint_doc_prepare()), and an input refused there (the
 * document memory limit) is unreadable in the same words. */
clint_doc *cli_load_input(const cli_options *o, const char *file,
                          int prepare, cli_str *err, char **why);

#endif
