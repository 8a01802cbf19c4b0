/*
 * show.c - the commands that show rather than check: packs list, test,
 * lint and show (the loaded rules, with the project file of the current
 * directory applied for list and show), and outline and text (what the
 * segmenter and the extractors make of a document).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_print_outline(const clint_doc *doc, int several)
{
	clint_section sec;
	clint_location loc;
	size_t s, len;

	(void)several; /* the outline always starts with the file's name */
	cli_out("%s: %zu sections, %zu blocks, %zu sentences\n", clint_doc_name(doc),
	        clint_doc_section_count(doc), clint_doc_block_count(doc),
	        clint_doc_sentence_count(doc));
	for (s = 0; s < clint_doc_section_count(doc); s++) {
		clint_doc_section(doc, s, &sec);
		clint_doc_locate(doc, sec.start, &loc);
		cli_out("%5u  %*s%s\n", loc.line, (int)(2 * (sec.depth - 1)), "",
		        sec.label);
	}
	/* the notes, headers and footers after the body are in no section */
	s = clint_doc_notes_start(doc);
	clint_doc_text(doc, &len);
	if (s < len && clint_doc_locate(doc, s, &loc) == CLINT_OK)
		cli_out("%5u  (notes, headers and footers)\n", loc.line);
}

/* The text as it is; of several files, each under a line "==> NAME <=="
 * (as head(1) writes), so that a reader can tell where one ends. */
void cli_print_text(const clint_doc *doc, int several)
{
	size_t len;
	const char *t = clint_doc_text(doc, &len);

	if (several)
		cli_out("==> %s <==\n", clint_doc_name(doc));
	fwrite(t, 1, len, stdout);
	if (len && t[len - 1] != '\n')
		putchar('\n');
}

int cli_cmd_show_docs(cli_options *o, const char *what,
                      void (*show)(const clint_doc *, int several))
{
	int status = EXIT_CLEAN;
	size_t i;

	if (o->file_count == 0) {
		cli_usage_error("%s needs at least one FILE", what);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < o->file_count; i++) {
		cli_str err = {NULL, 0, 0};
		char *why = NULL;
		/* the outline reads the structure: an analysis that fails (the
		 * document memory limit) is an input error, not "0 sections" */
		clint_doc *doc = cli_load_input(o, o->files[i],
		                                show == cli_print_outline, &err, &why);

		if (err.len)
			fwrite(err.data, 1, err.len, stderr);
		cli_str_free(&err);
		free(why);
		if (!doc) {
			status = EXIT_TROUBLE;
			continue;
		}
		show(doc, o->file_count > 1);
		clint_doc_free(doc);
	}
	return status;
}

static const char *kind_name(clint_rule_kind k)
{
	return k == CLINT_RULE_REQUIRE ? "require"
	       : k == CLINT_RULE_CHECK ? "check"
	                               : "flag";
}

/* The ruleset of the current directory's project and the command line. */
static int load_project_ruleset(const cli_options *o, clint_ruleset **rs)
{
	cli_projects ps = {NULL, 0};
	long p = cli_project_for(&ps, o, ".");
	int rc = -1;

	if (p >= 0 && !ps.items[p].invalid)
		rc = cli_load_ruleset(o, ps.items[p].config, rs);
	cli_projects_free(&ps);
	return rc;
}

static int packs_list(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_pack_info p;
	clint_rule_info ri;
	size_t i, j;

	if (load_project_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < clint_ruleset_pack_count(rs); i++) {
		clint_ruleset_pack(rs, i, &p);
		cli_out("%s %s - %s (%zu rules, %s)\n", p.name, p.version, p.title,
		        p.rule_count, p.file);
		for (j = 0; j < clint_ruleset_rule_count(rs); j++) {
			clint_ruleset_rule(rs, j, &ri);
			if (strcmp(ri.pack, p.name) != 0)
				continue;
			cli_out("  %-36s %-7s %-7s %-15s %s\n", ri.id, kind_name(ri.kind),
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

/* Loads the packs named as operands alone (no project file), or else
 * the usual built-in ruleset. A pack with problems is left out (its
 * errors printed) and the others are still tested: left_out_note()
 * says so and the exit status is 2. */
static int load_named_packs(cli_options *o, clint_ruleset **rs)
{
	size_t i;

	for (i = 0; i < o->file_count; i++) {
		if (cli_push(&o->packs, &o->pack_count, o->files[i]) < 0)
			return -1;
		o->default_packs = 0;
	}
	o->keep_valid_packs = 1;
	return cli_load_ruleset(o, NULL, rs);
}

/* "" or, when packs were left out, a note of how many, for the summary
 * line. */
static const char *left_out_note(const clint_ruleset *rs, char *buf,
                                 size_t size)
{
	size_t n = clint_ruleset_left_out(rs);

	if (!n)
		return "";
	snprintf(buf, size, " (%zu pack%s left out: see the errors above)", n,
	         n == 1 ? "" : "s");
	return buf;
}

static int packs_test(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	clint_packs_options popts = CLINT_PACKS_OPTIONS_INIT;
	size_t passed = 0, failed = 0, left_out;
	char note[80];
	int rc;

	if (load_named_packs(o, &rs) < 0)
		return EXIT_TROUBLE;
	clint_diag_new(&diag);
	popts.max_cpu_seconds = o->max_check_seconds;
	rc = clint_ruleset_test(rs, &popts, diag, &passed, &failed);
	cli_print_diag(diag);
	cli_out("%zu rules in %zu packs%s%s\n", clint_ruleset_rule_count(rs),
	        clint_ruleset_pack_count(rs),
	        rc == CLINT_ELIMIT ? " (testing stopped)" : "",
	        left_out_note(rs, note, sizeof(note)));
	printf("%zu passed, %zu failed\n", passed, failed);
	left_out = clint_ruleset_left_out(rs);
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	if (rc < 0 || left_out)
		return EXIT_TROUBLE;
	return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/*
 * Warns about each rule of the named packs whose id a default built-in
 * pack defines too: such a pack tests and lints alone, but a check run,
 * which loads the built-in packs beside it, refuses it ("already
 * defined"). Returns the number of warnings, or -1 when the built-in
 * packs did not load (or out of memory).
 */
static long builtin_clashes(const clint_ruleset *rs, const cli_options *o)
{
	clint_ruleset_options ropts = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *builtin = NULL;
	clint_diag_entry e;
	clint_rule_info ri, bi;
	cli_str out = {NULL, 0, 0};
	cli_projects ps = {NULL, 0};
	const clint_config *cfg = NULL;
	const char **named = NULL, **disabled = NULL;
	size_t nnamed = 0, ndisabled = 0;
	char msg[512];
	size_t i, k;
	long n = -1, p;
	int loaded;

	/* the built-in packs a check here would load beside them: those of
	 * the project file (default-packs="no", <pack>, <disable-pack>)
	 * that the command line does not leave out, as the warning advises */
	if ((p = cli_project_for(&ps, o, ".")) >= 0 && !ps.items[p].invalid)
		cfg = ps.items[p].config;
	for (i = 0; i < clint_config_entry_count(cfg); i++) {
		clint_config_entry ce;
		clint_config_entry_get(cfg, i, &ce);
		for (k = 0; ce.kind == CLINT_CONFIG_PACK &&
		            k < clint_builtin_pack_count(); k++)
			if (!strcmp(ce.value, clint_builtin_pack_name(k)) &&
			    cli_push(&named, &nnamed, ce.value) < 0)
				goto done;
		if (ce.kind == CLINT_CONFIG_DISABLE_PACK &&
		    cli_push(&disabled, &ndisabled, ce.value) < 0)
			goto done;
	}
	for (i = 0; i < o->disabled_count; i++)
		if (cli_push(&disabled, &ndisabled, o->disabled[i]) < 0)
			goto done;
	ropts.default_packs = clint_config_default_packs(cfg);
	ropts.pack_paths = named;
	ropts.pack_path_count = nnamed;
	ropts.disabled_packs = disabled;
	ropts.disabled_pack_count = ndisabled;
	loaded = clint_ruleset_load(&builtin, &ropts, NULL) == CLINT_OK;
	if (!loaded)
		goto done;
	n = 0;
	for (i = 0; i < clint_ruleset_rule_count(rs); i++) {
		clint_ruleset_rule(rs, i, &ri);
		if (!strncmp(ri.file, "<builtin>/", 10))
			continue;
		k = clint_ruleset_find(builtin, ri.id);
		if (k == (size_t)-1)
			continue;
		clint_ruleset_rule(builtin, k, &bi);
		/* a built-in pack's own file (clausepacks/outsourcing.xml) is
		 * that pack, not one beside it */
		if (!strcmp(ri.pack, bi.pack))
			continue;
		snprintf(msg, sizeof(msg),
		         "rule '%s': the built-in pack '%s' defines it too (%s:%u), "
		         "so a check that loads the built-in packs refuses this "
		         "pack: give its rules a prefix of your own, or leave "
		         "that pack out (--disable-pack %s)",
		         ri.id, bi.pack, bi.file, bi.line, bi.pack);
		clint_term_safe(msg);
		e.level = CLINT_DIAG_WARNING;
		e.file = ri.file;
		e.line = ri.line;
		e.column = 0;
		e.message = msg;
		cli_diag_line(&out, &e, NULL);
		n++;
	}
	if (out.len)
		fwrite(out.data, 1, out.len, stderr);
done:
	cli_str_free(&out);
	clint_ruleset_free(builtin);
	cli_projects_free(&ps);
	free((void *)named);
	free((void *)disabled);
	return n;
}

static int packs_lint(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	clint_packs_options popts = CLINT_PACKS_OPTIONS_INIT;
	size_t errors = 0, warnings = 0, left_out;
	char note[80];
	int rc, defaults;

	defaults = o->default_packs;  /* load_named_packs() turns it off */
	if (load_named_packs(o, &rs) < 0)
		return EXIT_TROUBLE;
	clint_diag_new(&diag);
	popts.max_cpu_seconds = o->max_check_seconds;
	rc = clint_ruleset_lint(rs, &popts, diag, &errors, &warnings);
	cli_print_diag(diag);
	if (o->file_count && defaults) {
		long clashes = builtin_clashes(rs, o);

		if (clashes < 0) {
			cli_error("%s", "the built-in packs did not load");
			errors++;
		} else {
			warnings += (size_t)clashes;
		}
	}
	printf("%zu rules %s: %zu error%s, %zu warning%s%s\n",
	       clint_ruleset_rule_count(rs),
	       rc == CLINT_ELIMIT ? "(linting stopped)" : "linted", errors,
	       errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
	       left_out_note(rs, note, sizeof(note)));
	left_out = clint_ruleset_left_out(rs);
	clint_diag_free(diag);
	clint_ruleset_free(rs);
	if (rc < 0 || errors || left_out)
		return EXIT_TROUBLE;
	return warnings ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int packs_show(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_rule_info ri;
	size_t i;

	if (o->file_count != 1) {
		cli_usage_error("%s", "packs show takes one RULE id");
		return EXIT_TROUBLE;
	}
	if (load_project_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	i = clint_ruleset_find(rs, o->files[0]);
	if (i == (size_t)-1) {
		cli_error("no rule '%s' in the loaded packs",
		          o->files[0]);
		clint_ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	clint_ruleset_rule(rs, i, &ri);
	cli_out("%s  (%s, %s, %s)\n", ri.id, kind_name(ri.kind),
	        clint_severity_name(ri.severity), ri.category);
	cli_out("pack:       %s (%s:%u)\n", ri.pack, ri.file, ri.line);
	cli_out("title:      %s\n", ri.title);
	cli_out("message:    %s\n", ri.message);
	cli_out("rationale:  %s\n", ri.rationale);
	cli_out("ref:        %s\n", ri.ref);
	cli_out("suggestion: %s\n", ri.suggestion);
	printf("patterns:   %zu, examples: %zu\n", ri.pattern_count,
	       ri.example_count);
	clint_ruleset_free(rs);
	return EXIT_CLEAN;
}

/*
 * Writes every pattern of the loaded packs, one per line, as ripgrep's -f
 * reads them: a line break or tab inside a pattern is written \n, \r or
 * \t, which PCRE2 reads the same way.
 */
static int packs_patterns(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_pattern_info pi;
	size_t i;
	const char *c;

	if (load_project_ruleset(o, &rs) < 0)
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


static int packs_profile(cli_options *o)
{
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	profile_row *rows = NULL;
	double *secs = NULL, scan = 0, total = 0;
	unsigned long *calls = NULL;
	size_t i, n, docs = 0, bytes = 0;
	int status = EXIT_CLEAN;

	if (o->file_count == 0) {
		cli_usage_error("%s", "packs profile needs at least one FILE");
		return EXIT_TROUBLE;
	}
	if (load_project_ruleset(o, &rs) < 0)
		return EXIT_TROUBLE;
	n = clint_ruleset_rule_count(rs);
	secs = calloc(n + 1, sizeof(*secs));
	calls = calloc(n + 1, sizeof(*calls));
	rows = calloc(n + 1, sizeof(*rows));
	if (!secs || !calls || !rows || clint_diag_new(&diag) < 0) {
		fprintf(stderr, "clauselint: out of memory\n");
		status = EXIT_TROUBLE;
		goto done;
	}
	for (i = 0; i < o->file_count; i++) {
		cli_str err = {NULL, 0, 0};
		char *why = NULL;
		clint_doc *doc = cli_load_input(o, o->files[i], 1, &err, &why);
		size_t len = 0;

		if (err.len)
			fwrite(err.data, 1, err.len, stderr);
		cli_str_free(&err);
		free(why);
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
	cli_print_diag(diag);
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
		cli_out("%10.2f %6.1f %12lu  %s (%s)\n", rows[i].seconds * 1e3,
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
	clint_diag_free(diag);
	free(rows);
	free(secs);
	free(calls);
	clint_ruleset_free(rs);
	return status;
}

int cli_cmd_packs(cli_options *o, const char *sub)
{
	if (strcmp(sub, "list") == 0)
		return packs_list(o);
	if (strcmp(sub, "test") == 0)
		return packs_test(o);
	if (strcmp(sub, "show") == 0)
		return packs_show(o);
	if (strcmp(sub, "lint") == 0)
		return packs_lint(o);
	if (strcmp(sub, "patterns") == 0)
		return packs_patterns(o);
	if (strcmp(sub, "profile") == 0)
		return packs_profile(o);
	cli_usage_error("unknown 'packs' command '%s' (list, test, lint, show, "
	                "patterns or profile)", sub);
	return EXIT_TROUBLE;
}
