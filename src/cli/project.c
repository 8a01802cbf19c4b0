/*
 * project.c - project files. Each operand is linted with the settings of
 * the nearest .clauselint.xml in its directory or above (or --config
 * FILE, or none with --no-config); the command line's options apply
 * after the project file's, so they win. Operands of the same project
 * share one ruleset.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define PROJECT_FILE ".clauselint.xml"
#define PROJECT_MAX_DEPTH 256

/*
 * `abs` relative to the current directory when that is shorter ("x.xml",
 * "../../x.xml"), so that messages name files as the user sees them.
 * Returns a malloc'd string or NULL on OOM.
 */
static char *relative_to_cwd(const char *abs)
{
	char cwd[PATH_MAX], *out;
	size_t common = 0, i, ups = 0, len;
	const char *rest;

	if (!getcwd(cwd, sizeof(cwd)))
		return strdup(abs);
	for (i = 0; cwd[i] && cwd[i] == abs[i]; i++)
		if (cwd[i] == '/')
			common = i;
	if (!cwd[i] && abs[i] == '/')
		common = i;  /* abs is inside cwd */
	else if (strcmp(cwd, "/") == 0)
		common = 0;
	for (i = common; cwd[i]; i++)
		if (cwd[i] == '/' && cwd[i + 1])
			ups++;
	if (!cwd[common] || strcmp(cwd, "/") == 0)
		ups = 0;
	rest = abs + common + 1;
	if (ups > 3)
		return strdup(abs);
	len = ups * 3 + strlen(rest) + 1;
	out = malloc(len);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (i = 0; i < ups; i++)
		strcat(out, "../");
	strcat(out, rest);
	return out;
}

/*
 * The nearest project file for `operand`: a malloc'd path, or
 * NULL with *err 0 when there is none (*err set on OOM).
 */
static char *find_project_file(const char *operand, int *err)
{
	char dir[PATH_MAX], path[PATH_MAX + sizeof(PROJECT_FILE) + 1];
	struct stat st;
	int depth;

	*err = 0;
	if (strcmp(operand, "-") != 0 && !realpath(operand, dir)) {
		/* a missing file: its directory, if that exists */
		char parent[PATH_MAX];
		const char *slash = strrchr(operand, '/');
		size_t n = slash ? (size_t)(slash - operand) : 0;

		if (n == 0 && slash)
			n = 1;  /* "/file" */
		if (n && n < sizeof(parent)) {
			memcpy(parent, operand, n);
			parent[n] = '\0';
			if (realpath(parent, dir))
				goto walk;
		}
		if (!getcwd(dir, sizeof(dir)))
			return NULL;
	} else if (strcmp(operand, "-") == 0) {
		if (!getcwd(dir, sizeof(dir)))
			return NULL;
	} else if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			dir[1] = '\0';
		else if (slash)
			*slash = '\0';
	}
walk:
	for (depth = 0; depth < PROJECT_MAX_DEPTH; depth++) {
		char *slash;

		snprintf(path, sizeof(path), "%s%s%s", dir,
		         strcmp(dir, "/") == 0 ? "" : "/", PROJECT_FILE);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			char *p = relative_to_cwd(path);
			if (!p)
				*err = ENOMEM;
			return p;
		}
		if (strcmp(dir, "/") == 0)
			break;
		slash = strrchr(dir, '/');
		if (!slash)
			break;
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	return NULL;
}

long cli_project_for(cli_projects *ps, const cli_options *o,
                     const char *operand)
{
	clint_config *cfg = NULL;
	clint_diag *diag = NULL;
	cli_project *p;
	char *path = NULL;
	size_t i;
	int err = 0;
	long index = -1;

	if (o->config)
		path = strdup(o->config);
	else if (!o->no_config)
		path = find_project_file(operand, &err);
	if ((o->config && !path) || err) {
		fprintf(stderr, "clauselint: out of memory\n");
		return -1;
	}
	for (i = 0; i < ps->count; i++) {
		const cli_project *q = &ps->items[i];
		const char *have = q->invalid ? q->invalid
		                   : q->config ? clint_config_path(q->config)
		                               : NULL;
		if ((!have && !path) || (have && path && strcmp(have, path) == 0)) {
			free(path);
			return (long)i;
		}
	}
	if (path) {
		if (clint_diag_new(&diag) < 0)
			goto done;
		if (clint_config_load(&cfg, path, diag) < 0)
			cli_print_diag(diag);
	}
	p = realloc(ps->items, (ps->count + 1) * sizeof(*p));
	if (!p) {
		fprintf(stderr, "clauselint: out of memory\n");
		goto done;
	}
	ps->items = p;
	ps->items[ps->count].config = cfg;
	ps->items[ps->count].rs = NULL;
	ps->items[ps->count].invalid = NULL;
	ps->items[ps->count].unloaded = 0;
	if (path && !cfg) {
		/* remembered, so that its other operands are skipped silently */
		ps->items[ps->count].invalid = path;
		path = NULL;
		index = (long)ps->count++;
		goto done;
	}
	cfg = NULL;
	index = (long)ps->count++;
done:
	clint_config_free(cfg);
	clint_diag_free(diag);
	free(path);
	return index;
}

static int load_ruleset(const cli_options *o, const clint_config *cfg,
                        clint_ruleset **rs, int quiet)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	const clint_rule_setting *cs;
	clint_rule_setting *settings = NULL;
	const char **packs = NULL, **disabled = NULL;
	size_t npacks = 0, ndisabled = 0, ncs = 0, i;
	clint_diag *diag = NULL;
	clint_config_entry e;
	int rc = -1, builtin_named = 0;

	/* project file entries first, then the command line */
	for (i = 0; i < clint_config_entry_count(cfg); i++) {
		clint_config_entry_get(cfg, i, &e);
		if (e.kind == CLINT_CONFIG_PACK &&
		    cli_push(&packs, &npacks, e.value) < 0)
			goto done;
		if (e.kind == CLINT_CONFIG_DISABLE_PACK &&
		    cli_push(&disabled, &ndisabled, e.value) < 0)
			goto done;
	}
	for (i = 0; i < o->pack_count; i++) {
		size_t b;
		if (cli_push(&packs, &npacks, o->packs[i]) < 0)
			goto done;
		/* naming a built-in pack selects it: the other built-ins stay out */
		if (access(o->packs[i], F_OK) == 0)
			continue;
		for (b = 0; b < clint_builtin_pack_count(); b++)
			if (strcmp(clint_builtin_pack_name(b), o->packs[i]) == 0)
				builtin_named = 1;
	}
	for (i = 0; i < o->disabled_count; i++)
		if (cli_push(&disabled, &ndisabled, o->disabled[i]) < 0)
			goto done;
	cs = clint_config_rule_settings(cfg, &ncs);
	if (ncs + o->setting_count) {
		settings = calloc(ncs + o->setting_count, sizeof(*settings));
		if (!settings)
			goto done;
		if (ncs)
			memcpy(settings, cs, ncs * sizeof(*settings));
		if (o->setting_count)
			memcpy(settings + ncs, o->settings,
			       o->setting_count * sizeof(*settings));
	}
	ro.default_packs = o->default_packs && clint_config_default_packs(cfg) &&
	                   !builtin_named;
	ro.pack_paths = packs;
	ro.pack_path_count = npacks;
	ro.disabled_packs = disabled;
	ro.disabled_pack_count = ndisabled;
	ro.rule_settings = settings;
	ro.rule_setting_count = ncs + o->setting_count;
	ro.keep_valid_packs = o->keep_valid_packs;
	/* valgrind cannot follow JIT-compiled code: let its runs turn it off */
	if (getenv("CLAUSELINT_NO_JIT"))
		ro.jit = 0;
	if (clint_diag_new(&diag) < 0)
		goto done;
	rc = clint_ruleset_load(rs, &ro, diag) < 0 ? -1 : 0;
	if (!quiet)
		cli_print_diag(diag);
done:
	if (!diag)
		fprintf(stderr, "clauselint: out of memory\n");
	clint_diag_free(diag);
	free((void *)packs);
	free((void *)disabled);
	free(settings);
	return rc;
}

int cli_load_ruleset(const cli_options *o, const clint_config *cfg,
                     clint_ruleset **rs)
{
	return load_ruleset(o, cfg, rs, 0);
}

/*
 * 1 if the command line's own packs and settings (without any project
 * file) do not load: then a project's failure is theirs, not its file's.
 * Its diagnostics have been printed by the project's load already.
 */
static int command_line_fails(const cli_options *o)
{
	clint_ruleset *rs = NULL;
	int rc;

	if (!o->pack_count && !o->disabled_count && !o->setting_count)
		return 0;
	rc = load_ruleset(o, NULL, &rs, 1);  /* quiet */
	clint_ruleset_free(rs);
	return rc < 0;
}

/*
 * A project whose file's packs or rule settings do not load (a pack it
 * names is missing, a FIFO, invalid; an unknown rule) has its inputs
 * reported as not checked, like those of a project file that does not
 * load, and the other projects' inputs are still checked. When the fault
 * is the command line's (a --pack that does not load), or there is no
 * project file, the whole run stops.
 */
int cli_projects_load(cli_projects *ps, const cli_options *o)
{
	size_t i;

	for (i = 0; i < ps->count; i++) {
		cli_project *p = &ps->items[i];

		if (p->rs || p->invalid || p->unloaded ||
		    cli_load_ruleset(o, p->config, &p->rs) == 0)
			continue;
		if (!p->config || command_line_fails(o))
			return -1;
		p->unloaded = 1;
	}
	return 0;
}

void cli_projects_free(cli_projects *ps)
{
	size_t i;

	for (i = 0; i < ps->count; i++) {
		clint_ruleset_free(ps->items[i].rs);
		clint_config_free(ps->items[i].config);
		free(ps->items[i].invalid);
	}
	free(ps->items);
	ps->items = NULL;
	ps->count = 0;
}
