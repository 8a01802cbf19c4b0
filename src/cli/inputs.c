/*
 * inputs.c - operands into the list of documents to lint. A directory is
 * walked recursively and deterministically: entries sorted by name (byte
 * order), hidden ones (".name") skipped, every directory walked once
 * however often symbolic links lead to it (so link loops end), depth
 * bounded. Include and exclude globs (fnmatch) select files; the
 * defaults keep the document formats clauselint reads.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

#define WALK_MAX_DEPTH 64
#ifndef WALK_MAX_FILES  /* (smaller to test it) */
#define WALK_MAX_FILES 1000000
#endif

typedef struct {
	dev_t dev;
	ino_t ino;
	int used;
} dir_id;

typedef struct {
	cli_inputs *in;
	size_t project;
	const char **includes, **excludes;
	size_t include_count, exclude_count;
	dir_id *seen;
	size_t seen_count, seen_cap;
	int failed;
	int full;         /* WALK_MAX_FILES reached (and said) */
	size_t excluded;  /* files and directories an exclude glob left out */
	struct stat targets[2]; /* what --output and --write-baseline name */
	int target_count;
} walk_ctx;

/* True if st is the file --output or --write-baseline names: a walk
 * leaves it out ("-o dir/report.txt dir/" read its own last report as a
 * contract, and is refused since the report would replace an input). */
static int is_target(const walk_ctx *c, const struct stat *st)
{
	int i;

	for (i = 0; i < c->target_count; i++)
		if (c->targets[i].st_dev == st->st_dev &&
		    c->targets[i].st_ino == st->st_ino)
			return 1;
	return 0;
}

static const char *const default_extensions[] = {
	"txt", "md", "markdown", "docx", "odt", "pdf", "rtf", "html", "htm", "xhtml",
};

static int default_selected(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot)
		return 0;
	for (i = 0; i < sizeof(default_extensions) / sizeof(*default_extensions); i++)
		if (strcasecmp(dot + 1, default_extensions[i]) == 0)
			return 1;
	return 0;
}

/* A glob with a '/' matches the relative path, one without the name. */
static int glob_match(const char *glob, const char *rel)
{
	const char *base = strrchr(rel, '/');

	if (strchr(glob, '/'))
		return fnmatch(glob, rel, 0) == 0;
	return fnmatch(glob, base ? base + 1 : rel, 0) == 0;
}

int cli_glob_selected(const char *const *includes, size_t include_count,
                      const char *const *excludes, size_t exclude_count,
                      const char *rel, int is_dir)
{
	size_t i;
	const char *base = strrchr(rel, '/');

	for (i = 0; i < exclude_count; i++)
		if (glob_match(excludes[i], rel))
			return 0;
	if (is_dir)
		return 1;
	if (!include_count)
		return default_selected(base ? base + 1 : rel);
	for (i = 0; i < include_count; i++)
		if (glob_match(includes[i], rel))
			return 1;
	return 0;
}

static int add_input(cli_inputs *in, const char *path, size_t project)
{
	if (in->count == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 64;
		cli_input *p = realloc(in->items, cap * sizeof(*p));
		if (!p)
			return -1;
		in->items = p;
		in->cap = cap;
	}
	in->items[in->count].path = strdup(path);
	if (!in->items[in->count].path)
		return -1;
	in->items[in->count].error = NULL;
	in->items[in->count++].project = project;
	return 0;
}

/* What a walk could not use (`path` and the reason): an input of the run
 * that is reported as unreadable in its place, so that the report (JSON
 * "unreadable", SARIF's notifications, the summary) holds it as well as
 * stderr and the exit status. 0, or -1 when out of memory. */
static int unusable(walk_ctx *c, const char *path, const char *why)
{
	char *e = strdup(why);

	c->failed++;
	if (!e || add_input(c->in, path, c->project) < 0) {
		free(e);
		return -1;
	}
	c->in->items[c->in->count - 1].error = e;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Joins "a" and "b" into a malloc'd "a/b". */
static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p;

	if (!la)
		return strdup(b);
	p = malloc(la + lb + 2);
	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

static size_t dir_slot(const dir_id *set, size_t cap, dev_t dev, ino_t ino)
{
	size_t k = ((size_t)ino * 2654435761u ^ (size_t)dev) & (cap - 1);

	while (set[k].used && !(set[k].dev == dev && set[k].ino == ino))
		k = (k + 1) & (cap - 1);
	return k;
}

/* Marks the directory as walked; 0 if it already was. A hash set: a walk
 * through the directories seen took 5 s for 160,000 of them. */
static int first_visit(walk_ctx *c, const struct stat *st)
{
	size_t k, i;

	if (2 * (c->seen_count + 1) > c->seen_cap) {
		size_t cap = c->seen_cap ? c->seen_cap * 2 : 64;
		dir_id *p = calloc(cap, sizeof(*p));

		if (!p)
			return -1;
		for (i = 0; i < c->seen_cap; i++)
			if (c->seen[i].used)
				p[dir_slot(p, cap, c->seen[i].dev, c->seen[i].ino)] = c->seen[i];
		free(c->seen);
		c->seen = p;
		c->seen_cap = cap;
	}
	k = dir_slot(c->seen, c->seen_cap, st->st_dev, st->st_ino);
	if (c->seen[k].used)
		return 0;
	c->seen[k].dev = st->st_dev;
	c->seen[k].ino = st->st_ino;
	c->seen[k].used = 1;
	c->seen_count++;
	return 1;
}

/* Walks `dir` (shown as `path`); `rel` is the path below the operand. */
static int walk(walk_ctx *c, const char *path, const char *rel, int depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, cap = 0, i;
	int rc = 0;

	if (depth > WALK_MAX_DEPTH)
		return unusable(c, path, "directories nested deeper than "
		                         CLI_STR(WALK_MAX_DEPTH) ": not walked");
	d = opendir(path);
	if (!d)
		return unusable(c, path, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;  /* hidden, ".", ".." */
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **p = realloc(names, ncap * sizeof(*p));
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
			cap = ncap;
		}
		names[count] = strdup(e->d_name);
		if (!names[count]) {
			rc = -1;
			break;
		}
		count++;
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof(*names), cmp_name);
	for (i = 0; i < count && rc == 0; i++) {
		char *full = join(path, names[i]), *sub = join(rel, names[i]);
		struct stat st;

		if (!full || !sub) {
			rc = -1;
		} else if (stat(full, &st) != 0) {
			/* a dangling link: say so, the rest goes on */
			rc = unusable(c, full, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			if (cli_glob_selected(NULL, 0, c->excludes, c->exclude_count, sub,
			                      1)) {
				int first = first_visit(c, &st);
				if (first < 0)
					rc = -1;
				else if (first)
					rc = walk(c, full, sub, depth + 1);
			} else {
				c->excluded++;
			}
		} else if (S_ISREG(st.st_mode) &&
		           !cli_glob_selected(c->includes, c->include_count,
		                              c->excludes, c->exclude_count, sub, 0)) {
			/* told if nothing is checked: the files are there */
			if (cli_glob_selected(c->includes, c->include_count, NULL, 0,
			                      sub, 0))
				c->excluded++;
		} else if (S_ISREG(st.st_mode) && is_target(c, &st)) {
			/* the report or baseline this run writes */
		} else if (S_ISREG(st.st_mode)) {
			if (c->in->count < WALK_MAX_FILES) {
				rc = add_input(c->in, full, c->project);
			} else if (!c->full) {
				/* was "out of memory", and no input checked */
				c->full = 1;
				rc = unusable(c, full, "more than " CLI_STR(WALK_MAX_FILES)
				              " input files: it and the files after it "
				              "are not checked");
			}
		}
		free(full);
		free(sub);
	}
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* The project's globs after the command line's. */
static int collect_globs(walk_ctx *c, const cli_options *o,
                         const clint_config *cfg)
{
	clint_config_entry e;
	size_t i;

	for (i = 0; i < o->include_count; i++)
		if (cli_push(&c->includes, &c->include_count, o->includes[i]) < 0)
			return -1;
	for (i = 0; i < o->exclude_count; i++)
		if (cli_push(&c->excludes, &c->exclude_count, o->excludes[i]) < 0)
			return -1;
	for (i = 0; i < clint_config_entry_count(cfg); i++) {
		clint_config_entry_get(cfg, i, &e);
		if (e.kind == CLINT_CONFIG_INCLUDE &&
		    cli_push(&c->includes, &c->include_count, e.value) < 0)
			return -1;
		if (e.kind == CLINT_CONFIG_EXCLUDE &&
		    cli_push(&c->excludes, &c->exclude_count, e.value) < 0)
			return -1;
	}
	return 0;
}

int cli_inputs_expand(cli_inputs *in, cli_projects *ps, const cli_options *o)
{
	int failed = 0;
	size_t i;

	for (i = 0; i < o->file_count; i++) {
		const char *op = o->files[i];
		long project = cli_project_for(ps, o, op);
		struct stat st;

		if (project < 0)
			return -1;
		if (ps->items[project].invalid) {
			/* reported as an input error of the report */
			if (add_input(in, op, (size_t)project) < 0)
				return -1;
			continue;
		}
		if (strcmp(op, "-") != 0 && stat(op, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_ctx c;
			char *root = strdup(op), why[128];
			size_t n;
			int rc;

			if (!root)
				return -1;
			/* "dir/" and "dir" name their files alike */
			n = strlen(root);
			while (n > 1 && root[n - 1] == '/')
				root[--n] = '\0';
			memset(&c, 0, sizeof(c));
			c.in = in;
			c.project = (size_t)project;
			if (o->output && stat(o->output, &c.targets[c.target_count]) == 0 &&
			    S_ISREG(c.targets[c.target_count].st_mode))
				c.target_count++;
			if (o->write_baseline &&
			    stat(o->write_baseline, &c.targets[c.target_count]) == 0 &&
			    S_ISREG(c.targets[c.target_count].st_mode))
				c.target_count++;
			rc = collect_globs(&c, o, ps->items[project].config);
			if (rc == 0)
				rc = first_visit(&c, &st) < 0 ? -1 : 0;
			n = in->count;
			if (rc == 0)
				rc = walk(&c, root, "", 0);
			if (rc == 0 && in->count == n) {
				/* a CI job pointed at the wrong (or an emptied)
				 * directory passed, having checked nothing; one whose
				 * documents were all excluded was said to have none */
				if (c.excluded)
					snprintf(why, sizeof(why),
					         "nothing in it to check (the exclude globs "
					         "left out %zu of its files and directories)",
					         c.excluded);
				else
					snprintf(why, sizeof(why), "%s",
					         c.include_count
					             ? "nothing in it to check (no regular file "
					               "that the include globs match)"
					             : "nothing in it to check (no regular file "
					               "named .txt, .md, .docx, .odt, .pdf, .rtf, "
					               ".html, ...)");
				rc = unusable(&c, root, why);
			}
			failed += c.failed;
			free((void *)c.includes);
			free((void *)c.excludes);
			free(c.seen);
			free(root);
			if (rc < 0)
				return -1;
		} else if (add_input(in, op, (size_t)project) < 0) {
			return -1;
		}
	}
	return failed;
}

void cli_inputs_free(cli_inputs *in)
{
	size_t i;

	for (i = 0; i < in->count; i++) {
		free(in->items[i].path);
		free(in->items[i].error);
	}
	free(in->items);
	in->items = NULL;
	in->count = in->cap = 0;
}
