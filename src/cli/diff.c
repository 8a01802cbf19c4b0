/*
 * diff.c - `clauselint diff`: compares two revisions of a contract, or
 * the original and the accepted text of one document with tracked
 * changes. Uses only the public API.
 *
 *   clauselint diff [options] OLD NEW       (one of them may be '-')
 *   clauselint diff [options] REDLINE.docx|.odt|.rtf
 *
 * Exit status: 0 no introduced risk at or above --fail-on, 1 one at
 * least, 2 a usage, pack or input error, or a revision whose check stopped
 * at its CPU-time limit.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clauselint.h"
#include "cli.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

static const char diff_usage[] =
	"usage: clauselint diff [options] OLD NEW\n"
	"       clauselint diff [options] REDLINE   (DOCX, ODT or RTF with tracked\n"
	"                                           changes: rejected vs accepted)\n"
	"\n"
	"Compares two revisions of a contract (any formats clauselint reads;\n"
	"OLD or NEW may be '-' for standard input):\n"
	"sections unchanged, modified, added, removed, moved or renumbered, the\n"
	"words that changed (cosmetic or substantive), values that changed and\n"
	"which party that favours, and the risks introduced and resolved.\n"
	"\n"
	"options:\n"
	"  -f, --format FORMAT     text (default), json, markdown, html or sarif\n"
	"      --substantive-only  hide unchanged sections and cosmetic changes\n"
	"      --fail-on LEVEL     exit 1 when a risk at or above LEVEL is\n"
	"                          introduced: error (default), warning, info, none\n"
	"  -p, --pack FILE|DIR|NAME  add a clause pack (as for check)\n"
	"      --disable-pack NAME leave a built-in pack out\n"
	"      --no-default-packs  do not load the built-in packs\n"
	"      --enable RULE, --disable RULE, --severity RULE=LEVEL  as for\n"
	"                          check (repeatable)\n"
	"      --config FILE       the project file to use (default: the nearest\n"
	"                          .clauselint.xml to NEW, or to REDLINE)\n"
	"      --no-config         use no project file\n"
	"      --color WHEN        auto (default), always or never\n"
	"      --max-check-seconds N|none  CPU seconds checking each revision\n"
	"                          may take (as for check)\n"
	"      --max-pdf-seconds N|none  CPU seconds reading a PDF may take\n"
	"                          (as for check)\n"
	"      --max-pdf-memory MIB|none  memory the PDF reader may use (as for\n"
	"                          check)\n"
	"      --max-doc-memory MIB|none  memory each revision's paragraphs,\n"
	"                          lines and sentences may take (as for check)\n"
	"  -h, --help              show this help\n"
	"\n"
	"exit status: 0 no risk introduced at or above --fail-on, 1 one at least,\n"
	"2 usage, pack or input error, or a check stopped at its CPU-time limit\n";

typedef struct {
	clint_diff_output format;
	int substantive_only;
	int fail_on;
	int color;
	cli_options rules;  /* the options that choose the rules, as check's */
	const char *files[2];
	size_t file_count;
	double max_check_seconds;  /* 0: the library's default */
	double max_pdf_seconds;    /* 0: the library's default */
	size_t max_pdf_memory;     /* 0: the library's default */
	size_t max_doc_memory;     /* 0: the library's default */
} diff_options;

/* "--name VALUE" or "--name=VALUE"; 1 if argv[*i] is the option, -1 if
 * its value is missing. */
static int option(int argc, char **argv, int *i, const char *name,
                  const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (strcmp(argv[*i], name) != 0)
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

/* Returns -1 to exit 2, 1 to exit 0 (help), 0 to go on. */
static int parse(int argc, char **argv, diff_options *o)
{
	int i, r, operands_only = 0;
	const char *v;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		/* "--": the rest are files, even one named "-x.docx" (as for
		 * check) */
		if (!operands_only && strcmp(a, "--") == 0) {
			operands_only = 1;
			continue;
		}
		if (operands_only || a[0] != '-' || strcmp(a, "-") == 0) {
			if (o->file_count == 2) {
				cli_usage_error("%s", "too many files (OLD NEW, or one REDLINE)");
				return -1;
			}
			o->files[o->file_count++] = a;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(diff_usage, stdout);
			return 1;
		}
		if (strcmp(a, "--substantive-only") == 0) {
			o->substantive_only = 1;
			continue;
		}
		if (cli_parse_rules_option(&o->rules, argc, argv, &i))
			continue;
		if ((r = option(argc, argv, &i, "--format", &v)) ||
		    (r = option(argc, argv, &i, "-f", &v))) {
			if (r < 0 || clint_diff_output_from_name(&o->format, v) < 0) {
				cli_usage_error("unknown format '%s' (text, json, markdown, html or "
				           "sarif)",
				           r < 0 ? "" : v);
				return -1;
			}
		} else if ((r = option(argc, argv, &i, "--fail-on", &v))) {
			clint_severity s;
			if (r > 0 && strcmp(v, "none") == 0) {
				o->fail_on = -1;
			} else if (r > 0 && clint_severity_from_name(&s, v) == 0) {
				o->fail_on = (int)s;
			} else {
				cli_usage_error("unknown --fail-on level '%s' (error, warning, info "
				           "or none)",
				           r < 0 ? "" : v);
				return -1;
			}
		} else if ((r = option(argc, argv, &i, "--max-check-seconds", &v))) {
			if (r < 0 || cli_parse_seconds(&o->max_check_seconds, v) < 0) {
				cli_usage_error("--max-check-seconds needs " CLI_SECONDS_HELP
				           " (got '%s')",
				           r < 0 ? "" : v);
				return -1;
			}
		} else if ((r = option(argc, argv, &i, "--max-pdf-seconds", &v))) {
			if (r < 0 || cli_parse_seconds(&o->max_pdf_seconds, v) < 0) {
				cli_usage_error("--max-pdf-seconds needs " CLI_SECONDS_HELP
				           " (got '%s')",
				           r < 0 ? "" : v);
				return -1;
			}
		} else if ((r = option(argc, argv, &i, "--max-pdf-memory", &v))) {
			if (r < 0 || cli_parse_mib(&o->max_pdf_memory, v) < 0) {
				cli_usage_error("--max-pdf-memory needs " CLI_MIB_HELP
				           " (got '%s')",
				           r < 0 ? "" : v);
				return -1;
			}
		} else if ((r = option(argc, argv, &i, "--max-doc-memory", &v))) {
			if (r < 0 || cli_parse_mib(&o->max_doc_memory, v) < 0) {
				cli_usage_error("--max-doc-memory needs " CLI_MIB_HELP
				           " (got '%s')",
				           r < 0 ? "" : v);
				return -1;
			}
		} else if ((r = option(argc, argv, &i, "--color", &v)) ||
		           (r = option(argc, argv, &i, "--colour", &v))) {
			if (r > 0 && strcmp(v, "auto") == 0)
				o->color = -1;
			else if (r > 0 && strcmp(v, "always") == 0)
				o->color = 1;
			else if (r > 0 && strcmp(v, "never") == 0)
				o->color = 0;
			else {
				cli_usage_error("%s", "--color takes auto, always or never");
				return -1;
			}
		} else {
			cli_usage_error("unknown option '%s'", a);
			return -1;
		}
	}
	if (o->file_count == 0) {
		cli_usage_error("%s", "needs OLD and NEW, or one document with tracked "
		                 "changes");
		return -1;
	}
	if (o->file_count == 1 && strcmp(o->files[0], "-") == 0) {
		cli_usage_error("%s", "a redline is read twice: give it as a file, not '-'");
		return -1;
	}
	if (o->file_count == 2 && strcmp(o->files[0], "-") == 0 &&
	    strcmp(o->files[1], "-") == 0) {
		cli_usage_error("%s", "only one of OLD and NEW can be '-'");
		return -1;
	}
	return 0;
}

/* Loads `file` ("-": standard input, which one side at most may use). */
static int load(const diff_options *o, const char *file, clint_revisions rev,
                clint_doc **doc)
{
	clint_doc_options dopts = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	int rc;

	dopts.revisions = rev;
	cli_doc_limits(&dopts, o->max_pdf_seconds, o->max_pdf_memory,
	               o->max_doc_memory);
	if (clint_diag_new(&diag) < 0)
		return -1;
	if (strcmp(file, "-") == 0) {
		char *data = NULL;
		size_t len = 0;
		if (cli_read_stdin(&data, &len) < 0) {
			cli_error("<stdin>: %s", strerror(errno));
			clint_diag_free(diag);
			return -1;
		}
		rc = clint_doc_load_buffer(doc, "<stdin>", data, len, &dopts, diag);
		free(data);
	} else {
		rc = clint_doc_load_file(doc, file, &dopts, diag);
	}
	/* the structure now, so that a revision refused at the document
	 * memory limit is named as any unreadable one */
	if (rc == CLINT_OK && (rc = clint_doc_prepare(*doc, diag)) < 0) {
		clint_doc_free(*doc);
		*doc = NULL;
	}
	cli_print_diags(diag, strcmp(file, "-") ? file : "<stdin>");
	clint_diag_free(diag);
	return rc;
}

/*
 * The rules of NEW's project (or REDLINE's), as check would use for it:
 * the nearest .clauselint.xml (--config FILE, or none with --no-config),
 * then the command line's packs and rule settings. Its errors are
 * printed; -1 when it does not load.
 */
static int load_rules(const diff_options *o, cli_projects *ps,
                      clint_ruleset **rs)
{
	long p = cli_project_for(ps, &o->rules, o->files[o->file_count - 1]);

	if (p < 0 || ps->items[p].invalid)
		return -1;  /* the project file's errors are above */
	if (cli_projects_load(ps, &o->rules) < 0 || !ps->items[p].rs) {
		/* its errors are above; say whose packs they are (a --pack
		 * that repeats one the project file names is one) */
		if (ps->items[p].config) {
			cli_str msg = {NULL, 0, 0};

			if (cli_str_printf(&msg, "clauselint: diff: not compared: "
			                         "the packs or rule settings of "
			                         "project file ") == 0 &&
			    cli_str_safe(&msg, "%s",
			                 clint_config_path(ps->items[p].config)) == 0 &&
			    cli_str_printf(&msg, " do not load with the command "
			                         "line's\n") == 0)
				fwrite(msg.data, 1, msg.len, stderr);
			cli_str_free(&msg);
		}
		return -1;
	}
	*rs = ps->items[p].rs;
	return 0;
}

/* 1 if the two documents have the same text. */
static int same_text(const clint_doc *a, const clint_doc *b)
{
	size_t la, lb;
	const char *ta = clint_doc_text(a, &la), *tb = clint_doc_text(b, &lb);

	return la == lb && memcmp(ta, tb, la) == 0;
}

static int write_out(void *userdata, const char *data, size_t len)
{
	(void)userdata;
	return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

int clauselint_diff_main(int argc, char **argv)
{
	clint_diff_render_options ro = CLINT_DIFF_RENDER_OPTIONS_INIT;
	clint_diff_options dopts = CLINT_DIFF_OPTIONS_INIT;
	diff_options o;
	cli_projects ps = {NULL, 0};
	clint_ruleset *rs = NULL;
	clint_doc *old_doc = NULL, *new_doc = NULL;
	clint_diff *d = NULL;
	clint_diag *diag = NULL;
	char *old_label = NULL, *new_label = NULL;
	int status = EXIT_TROUBLE, r;

	memset(&o, 0, sizeof(o));
	o.fail_on = CLINT_SEVERITY_ERROR;
	o.color = -1;
	cli_options_init(&o.rules);
	cli_usage_for("diff: ", "Try 'clauselint diff --help'.\n");
	r = parse(argc, argv, &o);
	if (r != 0) {
		cli_options_free(&o.rules);
		return r > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (load_rules(&o, &ps, &rs) < 0)
		goto done;
	if (o.file_count == 2) {
		int a = load(&o, o.files[0], CLINT_REVISIONS_ACCEPT, &old_doc);
		int b = load(&o, o.files[1], CLINT_REVISIONS_ACCEPT, &new_doc);
		if (a < 0 || b < 0)
			goto done;
	} else {
		clint_input_format f;
		size_t n = strlen(o.files[0]) + 40;
		if (load(&o, o.files[0], CLINT_REVISIONS_REJECT, &old_doc) < 0 ||
		    load(&o, o.files[0], CLINT_REVISIONS_ACCEPT, &new_doc) < 0)
			goto done;
		f = clint_doc_format(new_doc);
		if (f != CLINT_INPUT_DOCX && f != CLINT_INPUT_ODT &&
		    f != CLINT_INPUT_RTF) {
			cli_error("%s: diff with one file compares its "
			          "tracked changes, which only DOCX, ODT and RTF "
			          "have (this is %s); give OLD and NEW",
			          o.files[0], clint_input_format_name(f));
			goto done;
		}
		if (same_text(old_doc, new_doc))
			cli_error("%s: note: no tracked changes: the "
			          "two sides are the same text",
			          o.files[0]);
		old_label = malloc(n);
		new_label = malloc(n);
		if (!old_label || !new_label)
			goto done;
		snprintf(old_label, n, "%s (changes rejected)", o.files[0]);
		snprintf(new_label, n, "%s (changes accepted)", o.files[0]);
		ro.old_label = old_label;
		ro.new_label = new_label;
	}
	if (clint_diag_new(&diag) < 0)
		goto done;
	dopts.max_cpu_seconds = o.max_check_seconds;
	r = clint_diff_new(&d, rs, old_doc, new_doc, &dopts, diag);
	cli_print_diags(diag, o.files[o.file_count - 1]);
	if (r < 0) {
		cli_error("diff failed: %s", clint_strerror(r));
		goto done;
	}
	ro.format = o.format;
	ro.substantive_only = o.substantive_only;
	if (o.color >= 0) {
		ro.color = o.color;
	} else {
		const char *nc = getenv("NO_COLOR");
		ro.color = o.format == CLINT_DIFF_OUTPUT_TEXT && !(nc && *nc) &&
		           isatty(STDOUT_FILENO);
	}
	if ((r = clint_diff_render(d, &ro, write_out, NULL)) < 0 ||
	    fflush(stdout) != 0) {
		/* the library's reason (a report over its size limit) or the
		 * write's: errno says nothing after a library error */
		cli_error("cannot write the diff: %s",
		          r == CLINT_ELIMIT ? "the report is larger than 512 MiB"
		          : r < 0 && r != CLINT_EIO ? clint_strerror(r)
		                                    : strerror(errno));
		goto done;
	}
	status = EXIT_CLEAN;
	if (o.fail_on >= 0 &&
	    clint_diff_introduced_at_least(d, (clint_severity)o.fail_on))
		status = EXIT_FINDINGS;
	/* a side not fully checked (its error is above): the risks that
	 * appeared or went away are not all known */
	if (clint_result_timed_out(clint_diff_old_result(d)) ||
	    clint_result_timed_out(clint_diff_new_result(d)))
		status = EXIT_TROUBLE;
done:
	clint_diff_free(d);
	clint_diag_free(diag);
	clint_doc_free(old_doc);
	clint_doc_free(new_doc);
	cli_projects_free(&ps);  /* rs is its project's */
	cli_options_free(&o.rules);
	free(old_label);
	free(new_label);
	return status;
}
