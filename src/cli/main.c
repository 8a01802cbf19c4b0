/*
 * main.c - the clauselint command-line tool. It uses only the public API
 * (clauselint.h):
 *
 *   clauselint [check] [options] FILE...     lint contracts ("-" = stdin)
 *   clauselint packs list|test|show RULE|patterns|profile FILE...   inspect, test and profile packs
 *
 * Exit status: 0 clean, 1 a finding at or above --fail-on, 2 a usage,
 * pack or input error (the other inputs of the run are still checked).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clauselint.h"
#include "cli.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

#define MAX_STDIN ((size_t)256 * 1024 * 1024)

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
} cli_options;

static const char usage_text[] =
	"usage: clauselint [check] [options] FILE...\n"
	"       clauselint packs list [--pack FILE|DIR|NAME] [--no-default-packs]\n"
	"       clauselint packs test [PACK...]\n"
	"       clauselint packs lint [PACK...]\n"
	"       clauselint packs show RULE\n"
	"       clauselint packs patterns   (every pattern, one per line, for rg -f)\n"
	"       clauselint packs profile FILE...   (CPU time per rule over FILEs)\n"
	"       clauselint outline FILE...\n"
	"       clauselint text FILE...   (the text the checker reads)\n"
	"       clauselint diff OLD NEW | REDLINE   (see clauselint diff --help)\n"
	"\n"
	"Lints outsourcing and services contracts (DOCX, ODT, PDF, RTF, HTML,\n"
	"Markdown or plain text): reports\n"
	"required clauses that are missing and risky wording (hidden costs,\n"
	"ambiguity), each with why it matters and what to write instead.\n"
	"FILE may be '-' for standard input.\n"
	"\n"
	"options:\n"
	"  -f, --format FORMAT     text (default), json, jsonl, sarif, markdown,\n"
	"                          html, junit, gitlab or checkstyle\n"
	"      --fail-on LEVEL     exit 1 on a finding at or above LEVEL: error\n"
	"                          (default), warning, info, or none\n"
	"  -p, --pack FILE|DIR|NAME  add a clause pack, every *.xml in DIR, or a\n"
	"                          built-in pack by NAME (naming built-in packs\n"
	"                          loads only those built-ins; repeatable)\n"
	"      --disable-pack NAME leave a built-in pack out (repeatable)\n"
	"      --no-default-packs  do not load the built-in packs\n"
	"      --input-format FMT  auto (default: from the content), text,\n"
	"                          markdown, docx, odt, html, rtf or pdf\n"
	"      --revisions WHICH   tracked changes: accept (default: the text as\n"
	"                          if all were accepted) or reject (the original)\n"
	"      --color WHEN        auto (default: on a terminal, unless NO_COLOR\n"
	"                          is set), always or never\n"
	"  -v, --verbose           explain every finding, with its reference\n"
	"  -h, --help              show this help\n"
	"  -V, --version           show the version\n"
	"\n"
	"exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, pack or\n"
	"input error (the other files are still checked)\n";

static void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "clauselint: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'clauselint --help'.\n");
}

/* Prints every diagnostic as "file:line: level: message" on stderr. */
static void print_diag(const clint_diag *diag)
{
	static const char *const level[] = {"note", "warning", "error"};
	clint_diag_entry e;
	size_t i;

	for (i = 0; i < clint_diag_count(diag); i++) {
		clint_diag_get(diag, i, &e);
		fprintf(stderr, "clauselint: ");
		if (e.file && e.line)
			fprintf(stderr, "%s:%u: %s: ", e.file, e.line, level[e.level]);
		else if (e.file)
			fprintf(stderr, "%s: %s: ", e.file, level[e.level]);
		else
			fprintf(stderr, "%s: ", level[e.level]);
		fprintf(stderr, "%s\n", e.message);
	}
}

/* The renderer's output callback. A non-NULL `userdata` flushes after
 * every write: jsonl reaches a pipeline as each document is done. */
static int write_stdout(void *userdata, const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len)
		return -1;
	return userdata && fflush(stdout) != 0 ? -1 : 0;
}

static int take_value(int argc, char **argv, int *i, const char *name,
                      const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (strcmp(argv[*i], name) != 0)
		return 0;
	if (*i + 1 >= argc) {
		usage_error("option '%s' needs a value", name);
		exit(EXIT_TROUBLE);
	}
	*value = argv[++*i];
	return 1;
}

static int push(const char ***list, size_t *count, const char *item)
{
	const char **p = realloc((void *)*list, (*count + 1) * sizeof(**list));

	if (!p)
		return -1;
	p[(*count)++] = item;
	*list = p;
	return 0;
}

/* Parses options and operands; exits on --help, --version, bad usage. */
static void parse_args(int argc, char **argv, int first, cli_options *o)
{
	int i, operands_only = 0;
	const char *v;

	for (i = first; i < argc; i++) {
		const char *a = argv[i];

		if (operands_only || a[0] != '-' || strcmp(a, "-") == 0) {
			if (push(&o->files, &o->file_count, a) < 0)
				exit(EXIT_TROUBLE);
		} else if (strcmp(a, "--") == 0) {
			operands_only = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			exit(EXIT_CLEAN);
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("clauselint %s\n", clint_version());
			exit(EXIT_CLEAN);
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			o->verbose = 1;
		} else if (strcmp(a, "--no-default-packs") == 0) {
			o->default_packs = 0;
		} else if (take_value(argc, argv, &i, "--format", &v) ||
		           take_value(argc, argv, &i, "-f", &v)) {
			if (clint_output_format_from_name(&o->format, v) < 0) {
				usage_error("unknown format '%s' (text, json, jsonl, sarif, markdown, "
				            "html, junit, gitlab or checkstyle)", v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--fail-on", &v)) {
			clint_severity s;
			if (strcmp(v, "none") == 0) {
				o->fail_on = -1;
			} else if (clint_severity_from_name(&s, v) == 0) {
				o->fail_on = (int)s;
			} else {
				usage_error("unknown --fail-on level '%s' (error, warning, "
				            "info or none)",
				            v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--pack", &v) ||
		           take_value(argc, argv, &i, "-p", &v)) {
			if (push(&o->packs, &o->pack_count, v) < 0)
				exit(EXIT_TROUBLE);
		} else if (take_value(argc, argv, &i, "--disable-pack", &v)) {
			if (push(&o->disabled, &o->disabled_count, v) < 0)
				exit(EXIT_TROUBLE);
		} else if (take_value(argc, argv, &i, "--input-format", &v)) {
			int f, found = 0;
			for (f = CLINT_INPUT_AUTO; f <= CLINT_INPUT_PDF; f++) {
				if (strcmp(v, clint_input_format_name((clint_input_format)f)) == 0) {
					o->input_format = (clint_input_format)f;
					found = 1;
				}
			}
			if (!found) {
				usage_error("unknown input format '%s' (auto, text, markdown, "
				            "docx, odt, html, rtf or pdf)",
				            v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--revisions", &v)) {
			if (strcmp(v, "accept") == 0)
				o->revisions = CLINT_REVISIONS_ACCEPT;
			else if (strcmp(v, "reject") == 0)
				o->revisions = CLINT_REVISIONS_REJECT;
			else {
				usage_error("unknown --revisions value '%s' (accept or reject)",
				            v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--color", &v) ||
		           take_value(argc, argv, &i, "--colour", &v)) {
			if (strcmp(v, "auto") == 0)
				o->color = -1;
			else if (strcmp(v, "always") == 0)
				o->color = 1;
			else if (strcmp(v, "never") == 0)
				o->color = 0;
			else {
				usage_error("unknown --color value '%s' (auto, always or "
				            "never)",
				            v);
				exit(EXIT_TROUBLE);
			}
		} else {
			usage_error("unknown option '%s'", a);
			exit(EXIT_TROUBLE);
		}
	}
}

static int load_ruleset(const cli_options *o, clint_ruleset **rs)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	clint_diag *diag = NULL;
	size_t i;
	int rc;

	ro.default_packs = o->default_packs;
	ro.pack_paths = o->packs;
	ro.pack_path_count = o->pack_count;
	ro.disabled_packs = o->disabled;
	ro.disabled_pack_count = o->disabled_count;
	/* naming a built-in pack selects it: the other built-ins stay out */
	for (i = 0; i < o->pack_count; i++) {
		size_t b;
		if (access(o->packs[i], F_OK) == 0)
			continue;
		for (b = 0; b < clint_builtin_pack_count(); b++)
			if (strcmp(clint_builtin_pack_name(b), o->packs[i]) == 0)
				ro.default_packs = 0;
	}
	/* valgrind cannot follow JIT-compiled code: let its runs turn it off */
	if (getenv("CLAUSELINT_NO_JIT"))
		ro.jit = 0;
	if (clint_diag_new(&diag) < 0)
		return -1;
	rc = clint_ruleset_load(rs, &ro, diag);
	print_diag(diag);
	clint_diag_free(diag);
	return rc;
}

/* Reads all of standard input, up to MAX_STDIN bytes. */
static int read_stdin(char **data, size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap), *p;

	if (!buf)
		return -1;
	while ((r = fread(buf + n, 1, cap - n, stdin)) > 0) {
		n += r;
		if (n == cap) {
			if (cap >= MAX_STDIN) {
				free(buf);
				errno = EFBIG;
				return -1;
			}
			cap *= 2;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				return -1;
			}
			buf = p;
		}
	}
	if (ferror(stdin)) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

/* Loads one input; on failure reports it and returns NULL. */
static clint_doc *load_input(const cli_options *o, const char *file,
                             clint_renderer *r)
{
	clint_doc_options dopts = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_diag_entry e;
	size_t i;
	int rc;

	dopts.format = o->input_format;
	dopts.revisions = o->revisions;
	if (clint_diag_new(&diag) < 0)
		return NULL;
	if (strcmp(file, "-") == 0) {
		char *data = NULL;
		size_t len = 0;
		if (read_stdin(&data, &len) < 0) {
			fprintf(stderr, "clauselint: <stdin>: %s\n", strerror(errno));
			clint_renderer_input_error(r, "<stdin>", strerror(errno));
			clint_diag_free(diag);
			return NULL;
		}
		rc = clint_doc_load_buffer(&doc, "<stdin>", data, len, &dopts, diag);
		free(data);
	} else {
		rc = clint_doc_load_file(&doc, file, &dopts, diag);
	}
	/* notes (e.g. "decoded as Windows-1252") and errors alike */
	for (i = 0; i < clint_diag_count(diag); i++) {
		clint_diag_get(diag, i, &e);
		if (e.level == CLINT_DIAG_ERROR)
			fprintf(stderr, "clauselint: %s: %s\n", e.file ? e.file : file,
			        e.message);
		else
			fprintf(stderr, "clauselint: %s: %s: %s\n",
			        e.file ? e.file : file,
			        e.level == CLINT_DIAG_WARNING ? "warning" : "note",
			        e.message);
	}
	if (rc < 0) {
		const char *why = clint_strerror(rc);
		for (i = 0; i < clint_diag_count(diag); i++) {
			clint_diag_get(diag, i, &e);
			if (e.level == CLINT_DIAG_ERROR) {
				why = e.message;
				break;
			}
		}
		clint_renderer_input_error(r, strcmp(file, "-") ? file : "<stdin>",
		                           why);
		doc = NULL;
	}
	clint_diag_free(diag);
	return doc;
}

static int use_color(const cli_options *o)
{
	const char *nc;

	if (o->color >= 0)
		return o->color;
	if (o->format != CLINT_OUTPUT_TEXT)
		return 0;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(STDOUT_FILENO);
}

static int cmd_check(cli_options *o)
{
	clint_render_options ropts = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	clint_ruleset *rs = NULL;
	int status = EXIT_CLEAN;
	size_t i;

	if (o->file_count == 0) {
		usage_error("%s", "no input files (use '-' for standard input)");
		return EXIT_TROUBLE;
	}
	if (load_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	ropts.format = o->format;
	ropts.color = use_color(o);
	ropts.verbose = o->verbose;
	if (clint_renderer_new(&r, &ropts, write_stdout,
	                       o->format == CLINT_OUTPUT_JSONL ? (void *)stdout : NULL) < 0) {
		clint_ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < o->file_count; i++) {
		clint_doc *doc = load_input(o, o->files[i], r);
		clint_result *res = NULL;
		clint_diag *diag = NULL;

		if (!doc) {
			status = EXIT_TROUBLE;
			continue;
		}
		clint_diag_new(&diag);
		if (clint_check(&res, rs, doc, NULL, diag) < 0) {
			print_diag(diag);
			clint_renderer_input_error(r, clint_doc_name(doc),
			                           "check failed");
			status = EXIT_TROUBLE;
		} else {
			print_diag(diag);
			clint_renderer_document(r, res);
			if (o->fail_on >= 0 && status == EXIT_CLEAN &&
			    clint_result_count_at_least(res, (clint_severity)o->fail_on))
				status = EXIT_FINDINGS;
		}
		clint_diag_free(diag);
		clint_result_free(res);
		clint_doc_free(doc);
	}
	if (clint_renderer_finish(r) < 0 || fflush(stdout) != 0) {
		fprintf(stderr, "clauselint: cannot write the report: %s\n",
		        strerror(errno));
		status = EXIT_TROUBLE;
	}
	clint_renderer_free(r);
	clint_ruleset_free(rs);
	return status;
}

/* Prints the section tree the segmenter found, one section a line. */
static void print_outline(const clint_doc *doc)
{
	clint_section sec;
	clint_location loc;
	size_t s;

	printf("%s: %zu sections, %zu blocks, %zu sentences\n", clint_doc_name(doc),
	       clint_doc_section_count(doc), clint_doc_block_count(doc),
	       clint_doc_sentence_count(doc));
	for (s = 0; s < clint_doc_section_count(doc); s++) {
		clint_doc_section(doc, s, &sec);
		clint_doc_locate(doc, sec.start, &loc);
		printf("%5u  %*s%s\n", loc.line, (int)(2 * (sec.depth - 1)), "",
		       sec.label);
	}
}

/* Prints the extracted document text: what the checker reads. */
static void print_text(const clint_doc *doc)
{
	size_t len;
	const char *t = clint_doc_text(doc, &len);

	fwrite(t, 1, len, stdout);
	if (len && t[len - 1] != '\n')
		putchar('\n');
}

/*
 * Loads every input and shows it with `show` (outline, text). Inputs that
 * cannot be read are reported on stderr and make the status 2.
 */
static int cmd_show_docs(cli_options *o, const char *what,
                         void (*show)(const clint_doc *))
{
	clint_render_options ropts = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	int status = EXIT_CLEAN;
	size_t i;

	if (o->file_count == 0) {
		usage_error("%s needs at least one FILE", what);
		return EXIT_TROUBLE;
	}
	if (clint_renderer_new(&r, &ropts, write_stdout, NULL) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < o->file_count; i++) {
		clint_doc *doc = load_input(o, o->files[i], r);

		if (!doc) {
			status = EXIT_TROUBLE;
			continue;
		}
		show(doc);
		clint_doc_free(doc);
	}
	clint_renderer_free(r);
	return status;
}

static const char *kind_name(clint_rule_kind k)
{
	return k == CLINT_RULE_REQUIRE ? "require"
	       : k == CLINT_RULE_CHECK ? "check"
	                               : "flag";
}

static int cmd_packs_list(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_pack_info p;
	clint_rule_info ri;
	size_t i, j;

	if (load_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < clint_ruleset_pack_count(rs); i++) {
		clint_ruleset_pack(rs, i, &p);
		printf("%s %s - %s (%zu rules, %s)\n", p.name, p.version, p.title,
		       p.rule_count, p.file);
		for (j = 0; j < clint_ruleset_rule_count(rs); j++) {
			clint_ruleset_rule(rs, j, &ri);
			if (strcmp(ri.pack, p.name) != 0)
				continue;
			printf("  %-36s %-7s %-7s %-15s %s\n", ri.id, kind_name(ri.kind),
			       clint_severity_name(ri.severity), ri.category, ri.title);
		}
	}
	for (i = 0; i < clint_builtin_pack_count(); i++) {
		size_t k, loaded = 0;
		for (k = 0; k < clint_ruleset_pack_count(rs); k++) {
			clint_ruleset_pack(rs, k, &p);
			if (strcmp(p.name, clint_builtin_pack_name(i)) == 0)
				loaded = 1;
		}
		if (!loaded)
			printf("%s (built-in, not loaded: --pack %s)\n",
			       clint_builtin_pack_name(i), clint_builtin_pack_name(i));
	}
	clint_ruleset_free(rs);
	return EXIT_CLEAN;
}

/* Loads the packs named as operands alone, or else the usual ruleset. */
static int load_named_packs(cli_options *o, clint_ruleset **rs)
{
	size_t i;

	for (i = 0; i < o->file_count; i++) {
		if (push(&o->packs, &o->pack_count, o->files[i]) < 0)
			return -1;
		o->default_packs = 0;
	}
	return load_ruleset(o, rs);
}

static int cmd_packs_test(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	size_t passed = 0, failed = 0;
	int rc;

	if (load_named_packs(o, &rs) < 0)
		return EXIT_TROUBLE;
	clint_diag_new(&diag);
	rc = clint_ruleset_test(rs, diag, &passed, &failed);
	print_diag(diag);
	printf("%zu rules in %zu packs\n", clint_ruleset_rule_count(rs),
	       clint_ruleset_pack_count(rs));
	printf("%zu passed, %zu failed\n", passed, failed);
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	if (rc < 0)
		return EXIT_TROUBLE;
	return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int cmd_packs_lint(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	size_t errors = 0, warnings = 0;
	int rc;

	if (load_named_packs(o, &rs) < 0)
		return EXIT_TROUBLE;
	clint_diag_new(&diag);
	rc = clint_ruleset_lint(rs, diag, &errors, &warnings);
	print_diag(diag);
	printf("%zu rules linted: %zu error%s, %zu warning%s\n",
	       clint_ruleset_rule_count(rs), errors, errors == 1 ? "" : "s",
	       warnings, warnings == 1 ? "" : "s");
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	if (rc < 0 || errors)
		return EXIT_TROUBLE;
	return warnings ? EXIT_FINDINGS : EXIT_CLEAN;
}

/*
 * Writes every pattern of the loaded packs, one per line, as ripgrep's -f
 * reads them: a line break or tab inside a pattern is written \n, \r or
 * \t, which PCRE2 reads the same way.
 */
static int cmd_packs_patterns(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_pattern_info pi;
	size_t i;
	const char *c;

	if (load_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < clint_ruleset_pattern_count(rs); i++) {
		clint_ruleset_pattern(rs, i, &pi);
		for (c = pi.source; *c; c++) {
			if (*c == '\n')
				fputs("\\n", stdout);
			else if (*c == '\r')
				fputs("\\r", stdout);
			else if (*c == '\t')
				fputs("\\t", stdout);
			else
				putchar(*c);
		}
		putchar('\n');
	}
	clint_ruleset_free(rs);
	return EXIT_CLEAN;
}

/* One row of `packs profile`. */
typedef struct {
	size_t rule;
	double seconds;
	unsigned long matches;
} profile_row;

static int cmp_profile_row(const void *a, const void *b)
{
	const profile_row *x = a, *y = b;

	if (x->seconds != y->seconds)
		return x->seconds < y->seconds ? 1 : -1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/*
 * Checks every FILE with the loaded packs and prints where the time goes:
 * each rule's CPU seconds, share and PCRE2 match calls, costliest first,
 * then the prefilter scan and the total. For pack writers: a rule at the
 * top is the one to make cheaper.
 */
static int cmd_packs_profile(cli_options *o)
{
	clint_render_options ropts = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	profile_row *rows = NULL;
	double *secs = NULL, scan = 0, total = 0;
	unsigned long *calls = NULL;
	size_t i, n, docs = 0, bytes = 0;
	int status = EXIT_CLEAN;

	if (o->file_count == 0) {
		usage_error("packs profile needs at least one FILE");
		return EXIT_TROUBLE;
	}
	if (load_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	n = clint_ruleset_rule_count(rs);
	secs = calloc(n + 1, sizeof(*secs));
	calls = calloc(n + 1, sizeof(*calls));
	rows = calloc(n + 1, sizeof(*rows));
	if (!secs || !calls || !rows || clint_diag_new(&diag) < 0 ||
	    clint_renderer_new(&r, &ropts, write_stdout, NULL) < 0) {
		fprintf(stderr, "clauselint: out of memory\n");
		status = EXIT_TROUBLE;
		goto done;
	}
	for (i = 0; i < o->file_count; i++) {
		clint_doc *doc = load_input(o, o->files[i], r);
		size_t len = 0;

		if (!doc) {
			status = EXIT_TROUBLE;
			continue;
		}
		clint_doc_text(doc, &len);
		if (clint_check_profile(rs, doc, secs, calls, &scan, diag) < 0)
			status = EXIT_TROUBLE;
		docs++;
		bytes += len;
		clint_doc_free(doc);
	}
	print_diag(diag);
	for (i = 0; i < n; i++) {
		rows[i].rule = i;
		rows[i].seconds = secs[i];
		rows[i].matches = calls[i];
		total += secs[i];
	}
	total += scan;
	qsort(rows, n, sizeof(*rows), cmp_profile_row);
	printf("%10s %6s %12s  %s\n", "cpu ms", "%", "matches", "rule (pack)");
	for (i = 0; i < n; i++) {
		clint_rule_info ri;

		clint_ruleset_rule(rs, rows[i].rule, &ri);
		printf("%10.2f %6.1f %12lu  %s (%s)\n", rows[i].seconds * 1e3,
		       total > 0 ? 100 * rows[i].seconds / total : 0.0,
		       rows[i].matches, ri.id, ri.pack);
	}
	printf("%10.2f %6.1f %12s  (prefilter scan)\n", scan * 1e3,
	       total > 0 ? 100 * scan / total : 0.0, "");
	printf("%10.2f %6.1f %12s  total: %zu document%s, %.2f MB, %.1f MB/s "
	       "in the checks\n",
	       total * 1e3, 100.0, "", docs, docs == 1 ? "" : "s",
	       (double)bytes / 1e6,
	       total > 0 ? (double)bytes / 1e6 / total : 0.0);
done:
	clint_renderer_free(r);
	clint_diag_free(diag);
	free(rows);
	free(secs);
	free(calls);
	clint_ruleset_free(rs);
	return status;
}

static int cmd_packs_show(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_rule_info ri;
	size_t i;

	if (o->file_count != 1) {
		usage_error("%s", "packs show takes one RULE id");
		return EXIT_TROUBLE;
	}
	if (load_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	i = clint_ruleset_find(rs, o->files[0]);
	if (i == (size_t)-1) {
		fprintf(stderr, "clauselint: no rule '%s' in the loaded packs\n",
		        o->files[0]);
		clint_ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	clint_ruleset_rule(rs, i, &ri);
	printf("%s  (%s, %s, %s)\n", ri.id, kind_name(ri.kind),
	       clint_severity_name(ri.severity), ri.category);
	printf("pack:       %s (%s:%u)\n", ri.pack, ri.file, ri.line);
	printf("title:      %s\n", ri.title);
	printf("message:    %s\n", ri.message);
	printf("rationale:  %s\n", ri.rationale);
	printf("ref:        %s\n", ri.ref);
	printf("suggestion: %s\n", ri.suggestion);
	printf("patterns:   %zu, examples: %zu\n", ri.pattern_count,
	       ri.example_count);
	clint_ruleset_free(rs);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	cli_options o;
	int first = 1, status;

	memset(&o, 0, sizeof(o));
	o.format = CLINT_OUTPUT_TEXT;
	o.fail_on = CLINT_SEVERITY_ERROR;
	o.color = -1;
	o.default_packs = 1;
	o.input_format = CLINT_INPUT_AUTO;

	if (argc > 1 && strcmp(argv[1], "diff") == 0)
		return clauselint_diff_main(argc - 2, argv + 2);
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		first = 2;
	if (argc > 1 && strcmp(argv[1], "packs") == 0) {
		const char *sub = argc > 2 ? argv[2] : "";
		parse_args(argc, argv, 3, &o);
		if (strcmp(sub, "list") == 0)
			status = cmd_packs_list(&o);
		else if (strcmp(sub, "test") == 0)
			status = cmd_packs_test(&o);
		else if (strcmp(sub, "show") == 0)
			status = cmd_packs_show(&o);
		else if (strcmp(sub, "lint") == 0)
			status = cmd_packs_lint(&o);
		else if (strcmp(sub, "patterns") == 0)
			status = cmd_packs_patterns(&o);
		else if (strcmp(sub, "profile") == 0)
			status = cmd_packs_profile(&o);
		else {
			usage_error("unknown 'packs' command '%s' (list, test, lint, show, patterns or profile)",
			            sub);
			status = EXIT_TROUBLE;
		}
	} else if (argc > 1 && strcmp(argv[1], "outline") == 0) {
		parse_args(argc, argv, 2, &o);
		status = cmd_show_docs(&o, "outline", print_outline);
	} else if (argc > 1 && strcmp(argv[1], "text") == 0) {
		parse_args(argc, argv, 2, &o);
		status = cmd_show_docs(&o, "text", print_text);
	} else {
		parse_args(argc, argv, first, &o);
		status = cmd_check(&o);
	}
	free((void *)o.files);
	free((void *)o.packs);
	free((void *)o.disabled);
	return status;
}
