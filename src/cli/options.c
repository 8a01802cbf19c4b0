/*
 * options.c - the command line: options and operands into cli_options,
 * and the usage text. Every option is documented in the README table and
 * in docs/man/clauselint.1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
	"usage: clauselint [check] [options] FILE|DIR...\n"
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
	"FILE may be '-' for standard input; a DIR is searched recursively.\n"
	"\n"
	"options:\n"
	"  -f, --format FORMAT     text (default), json, jsonl, sarif, markdown,\n"
	"                          html, junit, gitlab or checkstyle\n"
	"  -o, --output FILE       write the report to FILE, replaced only when\n"
	"                          the report is complete\n"
	"      --fail-on LEVEL     exit 1 on a finding at or above LEVEL: error\n"
	"                          (default), warning, info, or none\n"
	"  -p, --pack FILE|DIR|NAME  add a clause pack, every *.xml in DIR, or a\n"
	"                          built-in pack by NAME (naming built-in packs\n"
	"                          loads only those built-ins; repeatable)\n"
	"      --disable-pack NAME leave a built-in pack out (repeatable)\n"
	"      --no-default-packs  do not load the built-in packs\n"
	"      --enable RULE       turn a rule on again (repeatable)\n"
	"      --disable RULE      turn a rule off (repeatable)\n"
	"      --severity RULE=LEVEL  report RULE as error, warning or info\n"
	"      --config FILE       the project file to use (default: the nearest\n"
	"                          .clauselint.xml above each input)\n"
	"      --no-config         use no project file\n"
	"      --include GLOB      in directories, lint the files matching GLOB\n"
	"                          (default: the document formats; repeatable)\n"
	"      --exclude GLOB      in directories, skip files and directories\n"
	"                          matching GLOB (repeatable)\n"
	"  -j, --jobs N            check N documents at a time (0: one per CPU);\n"
	"                          the report is the same as with -j 1\n"
	"      --baseline FILE     report only findings not recorded in FILE\n"
	"      --write-baseline FILE  record the current findings in FILE\n"
	"      --input-format FMT  auto (default: from the content), text,\n"
	"                          markdown, docx, odt, html, rtf or pdf\n"
	"      --revisions WHICH   tracked changes: accept (default: the text as\n"
	"                          if all were accepted) or reject (the original)\n"
	"      --color WHEN        auto (default: on a terminal, unless NO_COLOR\n"
	"                          is set), always or never\n"
	"      --progress WHEN     a progress line on stderr: auto (default: on a\n"
	"                          terminal, once a run takes over a second),\n"
	"                          always or never\n"
	"      --max-check-seconds N|none  CPU seconds one document's check may\n"
	"                          take (default: 10 plus 5 per MiB of text, more\n"
	"                          past 1,000 patterns); a check that stops there\n"
	"                          is an error. packs test, lint: the whole run\n"
	"      --max-pdf-seconds N|none  CPU seconds reading one PDF may take\n"
	"                          (default: 10 plus 40 per MiB); a PDF that\n"
	"                          reaches it is an input error\n"
	"      --max-pdf-memory MIB|none  memory the PDF reader may use\n"
	"                          (default: 2048)\n"
	"      --max-doc-memory MIB|none  memory one document's paragraphs,\n"
	"                          lines and sentences (and an HTML or ODT\n"
	"                          file's markup tree) may take (default: 1024;\n"
	"                          a contract needs a few MiB); a document that\n"
	"                          needs more is an input error\n"
	"  -v, --verbose           explain every finding, with its reference\n"
	"  -h, --help              show this help\n"
	"  -V, --version           show the version\n"
	"\n"
	"exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, pack or\n"
	"input error (the other files are still checked) or a check, packs test\n"
	"or packs lint stopped at --max-check-seconds\n";

void cli_options_init(cli_options *o)
{
	memset(o, 0, sizeof(*o));
	o->format = CLINT_OUTPUT_TEXT;
	o->fail_on = CLINT_SEVERITY_ERROR;
	o->color = -1;
	o->progress = -1;
	o->default_packs = 1;
	o->input_format = CLINT_INPUT_AUTO;
	o->jobs = 1;
}

void cli_options_free(cli_options *o)
{
	free((void *)o->files);
	free((void *)o->packs);
	free((void *)o->disabled);
	free((void *)o->includes);
	free((void *)o->excludes);
	free(o->settings);
	while (o->owned_count)
		free((void *)o->owned[--o->owned_count]);
	free((void *)o->owned);
}

static void die_oom(void)
{
	fprintf(stderr, "clauselint: out of memory\n");
	exit(EXIT_TROUBLE);
}

/* Notes an option only check reads (the first one given). */
static void check_only(cli_options *o, const char *name)
{
	if (!o->check_only)
		o->check_only = name;
}

static int take_value(int argc, char **argv, int *i, const char *name,
                      const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		if (!**value) {
			cli_usage_error("option '%s' needs a value, not an empty one",
			                name);
			exit(EXIT_TROUBLE);
		}
		return 1;
	}
	/* short options also take their value attached: -j4, -ofile */
	if (n == 2 && name[0] == '-' && name[1] != '-' &&
	    strncmp(argv[*i], name, 2) == 0 && argv[*i][2]) {
		*value = argv[*i] + 2;
		return 1;
	}
	if (strcmp(argv[*i], name) != 0)
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error("option '%s' needs a value", name);
		exit(EXIT_TROUBLE);
	}
	*value = argv[++*i];
	if (!**value) {
		/* none means anything empty ("clauselint: : error: ...") */
		cli_usage_error("option '%s' needs a value, not an empty one", name);
		exit(EXIT_TROUBLE);
	}
	return 1;
}

static void add_setting(cli_options *o, clint_rule_action action,
                        const char *rule, clint_severity sev)
{
	clint_rule_setting *s =
		realloc(o->settings, (o->setting_count + 1) * sizeof(*s));

	if (!s)
		die_oom();
	o->settings = s;
	s = &s[o->setting_count++];
	memset(s, 0, sizeof(*s));
	s->action = action;
	s->rule_id = rule;
	s->severity = sev;
}

/* "RULE=LEVEL" for --severity. */
static void parse_severity(cli_options *o, const char *v)
{
	const char *eq = strchr(v, '=');
	clint_severity s;
	char *rule;

	if (!eq || eq == v || clint_severity_from_name(&s, eq + 1) < 0) {
		cli_usage_error("--severity needs RULE=LEVEL with LEVEL error, "
		                "warning or info (got '%s')",
		                v);
		exit(EXIT_TROUBLE);
	}
	rule = malloc((size_t)(eq - v) + 1);
	if (!rule || cli_push(&o->owned, &o->owned_count, rule) < 0)
		die_oom();
	memcpy(rule, v, (size_t)(eq - v));
	rule[eq - v] = '\0';
	add_setting(o, CLINT_RULE_SEVERITY, rule, s);
}

int cli_parse_rules_option(cli_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;

	if (strcmp(a, "--no-default-packs") == 0) {
		o->default_packs = 0;
	} else if (strcmp(a, "--no-config") == 0) {
		o->no_config = 1;
	} else if (take_value(argc, argv, i, "--pack", &v) ||
	           take_value(argc, argv, i, "-p", &v)) {
		if (cli_push(&o->packs, &o->pack_count, v) < 0)
			die_oom();
	} else if (take_value(argc, argv, i, "--disable-pack", &v)) {
		if (cli_push(&o->disabled, &o->disabled_count, v) < 0)
			die_oom();
	} else if (take_value(argc, argv, i, "--enable", &v)) {
		add_setting(o, CLINT_RULE_ENABLE, v, CLINT_SEVERITY_INFO);
	} else if (take_value(argc, argv, i, "--disable", &v)) {
		add_setting(o, CLINT_RULE_DISABLE, v, CLINT_SEVERITY_INFO);
	} else if (take_value(argc, argv, i, "--severity", &v)) {
		parse_severity(o, v);
	} else if (take_value(argc, argv, i, "--config", &v)) {
		o->config = v;
	} else {
		return 0;
	}
	return 1;
}

static unsigned parse_jobs(const char *v)
{
	char *end = NULL;
	long n = strtol(v, &end, 10);

	if (!cli_plain_number(v, 0) || *end || n < 0 || n > CLI_MAX_JOBS) {
		cli_usage_error("--jobs needs a number from 0 to %d (got '%s')",
		                CLI_MAX_JOBS, v);
		exit(EXIT_TROUBLE);
	}
	if (n == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		n = cpus > 0 ? (cpus > CLI_MAX_JOBS ? CLI_MAX_JOBS : cpus) : 1;
	}
	return (unsigned)n;
}

/* auto, always, never -> -1, 1, 0; exits otherwise. */
static int parse_when(const char *opt, const char *v)
{
	if (strcmp(v, "auto") == 0)
		return -1;
	if (strcmp(v, "always") == 0)
		return 1;
	if (strcmp(v, "never") == 0)
		return 0;
	cli_usage_error("unknown %s value '%s' (auto, always or never)", opt, v);
	exit(EXIT_TROUBLE);
}

void cli_parse_args(int argc, char **argv, int first, cli_options *o)
{
	int i, operands_only = 0, stdin_count = 0;
	const char *v;

	for (i = first; i < argc; i++) {
		const char *a = argv[i];

		if (operands_only || a[0] != '-' || strcmp(a, "-") == 0) {
			/* a second '-' read nothing (an empty document reported as
			 * missing every clause), and with -j the two shared out
			 * the input between them */
			if (strcmp(a, "-") == 0 && stdin_count++) {
				cli_usage_error("%s", "standard input ('-') can be given "
				                      "only once");
				exit(EXIT_TROUBLE);
			}
			if (cli_push(&o->files, &o->file_count, a) < 0)
				die_oom();
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
		} else if (cli_parse_rules_option(o, argc, argv, &i)) {
			continue;
		} else if (take_value(argc, argv, &i, "--format", &v) ||
		           take_value(argc, argv, &i, "-f", &v)) {
			check_only(o, "--format");
			if (clint_output_format_from_name(&o->format, v) < 0) {
				cli_usage_error("unknown format '%s' (text, json, jsonl, sarif, "
				                "markdown, html, junit, gitlab or checkstyle)", v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--output", &v) ||
		           take_value(argc, argv, &i, "-o", &v)) {
			o->output = v;
			check_only(o, "--output");
		} else if (take_value(argc, argv, &i, "--fail-on", &v)) {
			clint_severity s;

			check_only(o, "--fail-on");
			if (strcmp(v, "none") == 0) {
				o->fail_on = -1;
			} else if (clint_severity_from_name(&s, v) == 0) {
				o->fail_on = (int)s;
			} else {
				cli_usage_error("unknown --fail-on level '%s' (error, "
				                "warning, info or none)",
				                v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--include", &v)) {
			if (cli_push(&o->includes, &o->include_count, v) < 0)
				die_oom();
		} else if (take_value(argc, argv, &i, "--exclude", &v)) {
			if (cli_push(&o->excludes, &o->exclude_count, v) < 0)
				die_oom();
		} else if (take_value(argc, argv, &i, "--jobs", &v) ||
		           take_value(argc, argv, &i, "-j", &v)) {
			o->jobs = parse_jobs(v);
			check_only(o, "--jobs");
		} else if (take_value(argc, argv, &i, "--baseline", &v)) {
			o->baseline = v;
			check_only(o, "--baseline");
		} else if (take_value(argc, argv, &i, "--write-baseline", &v)) {
			o->write_baseline = v;
			check_only(o, "--write-baseline");
		} else if (take_value(argc, argv, &i, "--progress", &v)) {
			o->progress = parse_when("--progress", v);
			check_only(o, "--progress");
		} else if (take_value(argc, argv, &i, "--max-check-seconds", &v)) {
			if (cli_parse_seconds(&o->max_check_seconds, v) < 0) {
				cli_usage_error("--max-check-seconds needs "
				                CLI_SECONDS_HELP " (got '%s')", v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--max-pdf-seconds", &v)) {
			if (cli_parse_seconds(&o->max_pdf_seconds, v) < 0) {
				cli_usage_error("--max-pdf-seconds needs "
				                CLI_SECONDS_HELP " (got '%s')", v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--max-pdf-memory", &v)) {
			if (cli_parse_mib(&o->max_pdf_memory, v) < 0) {
				cli_usage_error("--max-pdf-memory needs " CLI_MIB_HELP
				                " (got '%s')", v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--max-doc-memory", &v)) {
			if (cli_parse_mib(&o->max_doc_memory, v) < 0) {
				cli_usage_error("--max-doc-memory needs " CLI_MIB_HELP
				                " (got '%s')", v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--input-format", &v)) {
			int f, found = 0;
			for (f = CLINT_INPUT_AUTO; f <= CLINT_INPUT_PDF; f++) {
				if (strcmp(v, clint_input_format_name((clint_input_format)f)) == 0) {
					o->input_format = (clint_input_format)f;
					found = 1;
				}
			}
			if (!found) {
				cli_usage_error("unknown input format '%s' (auto, text, "
				                "markdown, docx, odt, html, rtf or pdf)",
				                v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--revisions", &v)) {
			if (strcmp(v, "accept") == 0)
				o->revisions = CLINT_REVISIONS_ACCEPT;
			else if (strcmp(v, "reject") == 0)
				o->revisions = CLINT_REVISIONS_REJECT;
			else {
				cli_usage_error("unknown --revisions value '%s' (accept or "
				                "reject)",
				                v);
				exit(EXIT_TROUBLE);
			}
		} else if (take_value(argc, argv, &i, "--color", &v) ||
		           take_value(argc, argv, &i, "--colour", &v)) {
			o->color = parse_when("--color", v);
		} else {
			cli_usage_error("unknown option '%s'", a);
			exit(EXIT_TROUBLE);
		}
	}
}
