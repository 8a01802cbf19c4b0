/*
 * run.c - the check command. Inputs are loaded and checked by -j N
 * worker threads that share the projects' read-only rulesets; the main
 * thread renders the results strictly in input order, with each input's
 * messages (buffered per input) on stderr just before it, so the report
 * and the messages are byte-identical whatever N is. Workers run at most
 * a window of inputs ahead of the renderer, which bounds memory.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli.h"

#define WINDOW_PER_JOB 4
#define PROGRESS_AFTER_MS 1000
#define PROGRESS_EVERY_MS 200

typedef struct {
	clint_doc *doc;
	clint_result *res;
	cli_str err;          /* this input's messages for stderr */
	char *input_error;    /* the input could not be read or checked */
	int done;
} slot;

typedef struct {
	const cli_options *o;
	const cli_inputs *in;
	const cli_projects *ps;
	slot *slots;
	size_t next;          /* next input a worker takes */
	size_t rendered;      /* inputs the main thread has finished with */
	size_t window;
	pthread_mutex_t lock;
	pthread_cond_t changed;
} run_ctx;

clint_doc *cli_load_input(const cli_options *o, const char *file,
                          int prepare, cli_str *err, char **why)
{
	clint_doc_options dopts = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	clint_diag_entry e;
	const char *name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	size_t i;
	int rc;

	*why = NULL;
	dopts.format = o->input_format;
	dopts.revisions = o->revisions;
	cli_doc_limits(&dopts, o->max_pdf_seconds, o->max_pdf_memory,
	               o->max_doc_memory);
	if (clint_diag_new(&diag) < 0) {
		*why = strdup("out of memory");
		return NULL;
	}
	if (strcmp(file, "-") == 0) {
		char *data = NULL;
		size_t len = 0;
		if (cli_read_stdin(&data, &len) < 0) {
			char buf[128];
			snprintf(buf, sizeof(buf), "%s", strerror(errno));
			cli_str_printf(err, "clauselint: <stdin>: %s\n", buf);
			*why = strdup(buf);
			clint_diag_free(diag);
			return NULL;
		}
		rc = clint_doc_load_buffer(&doc, "<stdin>", data, len, &dopts, diag);
		free(data);
	} else {
		rc = clint_doc_load_file(&doc, file, &dopts, diag);
	}
	if (rc == CLINT_OK && prepare && (rc = clint_doc_prepare(doc, diag)) < 0) {
		clint_doc_free(doc);
		doc = NULL;
	}
	/* notes (e.g. "decoded as Windows-1252") and errors alike */
	for (i = 0; i < clint_diag_count(diag); i++) {
		clint_diag_get(diag, i, &e);
		cli_diag_line(err, &e, name);
	}
	if (rc < 0) {
		const char *reason = clint_strerror(rc);
		for (i = 0; i < clint_diag_count(diag); i++) {
			clint_diag_get(diag, i, &e);
			if (e.level == CLINT_DIAG_ERROR) {
				reason = e.message;
				break;
			}
		}
		*why = strdup(reason);
		doc = NULL;
	}
	clint_diag_free(diag);
	return doc;
}

/* Diagnostics of a check, in cli_print_diag()'s format, into `err`. */
static void buffer_diag(cli_str *err, const clint_diag *diag)
{
	clint_diag_entry e;
	size_t i;

	for (i = 0; i < clint_diag_count(diag); i++) {
		clint_diag_get(diag, i, &e);
		cli_diag_line(err, &e, NULL);
	}
}

/* Loads and checks input `i` into its slot (any thread). */
static void process(run_ctx *c, size_t i)
{
	const cli_input *in = &c->in->items[i];
	const cli_project *p = &c->ps->items[in->project];
	slot *s = &c->slots[i];
	clint_check_options copts = CLINT_CHECK_OPTIONS_INIT;
	clint_diag *diag = NULL;

	if (in->error) {  /* found by a directory's walk, not usable */
		cli_str_printf(&s->err, "clauselint: ");
		cli_str_safe(&s->err, "%s: %s", in->path, in->error);
		cli_str_printf(&s->err, "\n");
		s->input_error = strdup(in->error);
		return;
	}
	if (p->invalid || p->unloaded) {
		cli_str msg = {NULL, 0, 0};
		int rc = p->invalid
		             ? cli_str_printf(&msg, "invalid project file %s",
		                              p->invalid)
		             : cli_str_printf(&msg, "the packs or rule settings of "
		                                    "project file %s do not load",
		                              clint_config_path(p->config));
		if (rc == 0) {
			/* the path may come from a hostile tree */
			cli_str_printf(&s->err, "clauselint: ");
			cli_str_safe(&s->err, "%s: not checked: %s", in->path,
			             msg.data);
			cli_str_printf(&s->err, "\n");
			s->input_error = msg.data;
		} else {
			cli_str_free(&msg);
		}
		return;
	}
	s->doc = cli_load_input(c->o, in->path, 1, &s->err, &s->input_error);
	if (!s->doc) {
		if (!s->input_error)
			s->input_error = strdup("out of memory");
		return;
	}
	copts.max_cpu_seconds = c->o->max_check_seconds;
	if (clint_diag_new(&diag) < 0 ||
	    clint_check(&s->res, c->ps->items[in->project].rs, s->doc, &copts,
	                diag) < 0) {
		buffer_diag(&s->err, diag);
		s->input_error = strdup("check failed");
		clint_result_free(s->res);
		s->res = NULL;
	} else {
		buffer_diag(&s->err, diag);
	}
	clint_diag_free(diag);
}

static void *worker(void *arg)
{
	run_ctx *c = arg;
	size_t i;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (c->next < c->in->count && c->next >= c->rendered + c->window)
			pthread_cond_wait(&c->changed, &c->lock);
		if (c->next >= c->in->count)
			break;
		i = c->next++;
		pthread_mutex_unlock(&c->lock);
		process(c, i);
		pthread_mutex_lock(&c->lock);
		c->slots[i].done = 1;
		pthread_cond_broadcast(&c->changed);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef struct {
	int on;          /* may show at all */
	int shown;       /* a line is on the terminal */
	long start, last;
} progress;

static void progress_clear(progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		p->shown = 0;
	}
}

static void progress_update(progress *p, size_t done, size_t total,
                            const char *path)
{
	char name[51];
	long t;

	if (!p->on)
		return;
	t = now_ms();
	if (t - p->start < PROGRESS_AFTER_MS || t - p->last < PROGRESS_EVERY_MS)
		return;
	p->last = t;
	/* the name may come from a hostile tree; cut mid-character, its last
	 * bytes are '?' */
	snprintf(name, sizeof(name), "%s", path);
	clint_term_safe(name);
	fprintf(stderr, "\r\033[Kclauselint: %zu/%zu checked (%zu%%) %s", done,
	        total, total ? done * 100 / total : 100, name);
	fflush(stderr);
	p->shown = 1;
}

static int use_color(const cli_options *o)
{
	const char *nc;

	if (o->color >= 0)
		return o->color;
	if (o->format != CLINT_OUTPUT_TEXT || o->output)
		return 0;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(STDOUT_FILENO);
}

/* A renderer call failed with library error `rc`: the report is not
 * written, and its message names the cause (errno of a write failure is
 * out->err already; out of memory is ENOMEM, not whatever errno held). */
static int render_failed(cli_output *out, int rc)
{
	if (!out->err)
		out->err = rc == CLINT_ENOMEM ? ENOMEM : rc == CLINT_EIO ? errno : 0;
	return 1;
}

/* True if `path` (NULL: standard input) is the file of `st`. */
static int is_file(const char *path, const struct stat *st)
{
	struct stat ps;
	int rc = path ? stat(path, &ps) : fstat(STDIN_FILENO, &ps);

	return rc == 0 && ps.st_dev == st->st_dev && ps.st_ino == st->st_ino;
}

/* What the run reads that is the file of `st`: an input, the baseline
 * (unless `baseline_too` is 0), a project file or a pack; NULL if
 * nothing. */
static const char *read_by_run(const struct stat *st, const cli_options *o,
                               const cli_inputs *in, const cli_projects *ps,
                               int baseline_too)
{
	clint_pack_info info;
	size_t i, k;

	for (i = 0; i < in->count; i++) {
		const char *p = in->items[i].path;
		if (is_file(strcmp(p, "-") ? p : NULL, st))
			return strcmp(p, "-") ? p : "<stdin>";
	}
	if (baseline_too && o->baseline && is_file(o->baseline, st))
		return o->baseline;
	for (i = 0; i < ps->count; i++) {
		const cli_project *p = &ps->items[i];
		const char *cfg = p->config ? clint_config_path(p->config) : NULL;

		if (cfg && is_file(cfg, st))
			return cfg;
		for (k = 0; p->rs && k < clint_ruleset_pack_count(p->rs); k++)
			if (clint_ruleset_pack(p->rs, k, &info) == CLINT_OK &&
			    is_file(info.file, st))
				return info.file;
	}
	for (i = 0; i < o->pack_count; i++)
		if (is_file(o->packs[i], st))
			return o->packs[i];
	return NULL;
}

/* The path a file that does not exist yet will be created at when `path`
 * is opened for writing: `path` itself, or where the chain of symbolic
 * links it starts ends (a dangling link is written through); NULL when
 * out of memory or the chain is longer than the system follows. */
static char *final_name(const char *path)
{
	char *p = strdup(path);
	int hops;

	for (hops = 0; p && hops < 40; hops++) {
		char to[PATH_MAX], *next;
		const char *slash;
		struct stat st;
		ssize_t n;

		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		n = readlink(p, to, sizeof(to) - 1);
		if (n < 0) {
			free(p);
			return NULL;
		}
		to[n] = '\0';
		slash = strrchr(p, '/');
		if (to[0] == '/') {
			next = strdup(to);
		} else {  /* relative to the link's directory, resolved (a chain
			   * of relative links joined as text passed PATH_MAX) */
			char *dir = slash ? strndup(p, (size_t)(slash - p) + 1)
			                  : strdup(".");
			char *real = dir ? realpath(dir, NULL) : NULL;
			const char *base = real ? real : dir;

			next = base ? malloc(strlen(base) + (size_t)n + 2) : NULL;
			if (next)
				sprintf(next, "%s%s%s", base,
				        real || !slash ? "/" : "", to);
			free(real);
			free(dir);
		}
		free(p);
		p = next;
	}
	free(p);
	return NULL;
}

/* True if paths `a` and `b` name one file, which may not exist yet: the
 * same directory and name ("r.json" and "./r.json"), also at the end of
 * a dangling symbolic link ("-o link --write-baseline r.json", with link
 * pointing to r.json, wrote both to r.json). */
static int same_target(const char *a, const char *b)
{
	const char *na, *nb;
	char *fa = NULL, *fb = NULL, *da = NULL, *db = NULL;
	struct stat sa, sb;
	int same = 0;

	if (stat(a, &sa) == 0)  /* -o /dev/null --write-baseline /dev/null */
		return S_ISREG(sa.st_mode) && is_file(b, &sa);
	fa = final_name(a);
	fb = final_name(b);
	if (!fa || !fb)
		goto done;
	na = strrchr(fa, '/');
	nb = strrchr(fb, '/');
	na = na ? na + 1 : fa;
	nb = nb ? nb + 1 : fb;
	if (strcmp(na, nb) != 0)
		goto done;
	da = na > fa ? strndup(fa, (size_t)(na - fa)) : strdup(".");
	db = nb > fb ? strndup(fb, (size_t)(nb - fb)) : strdup(".");
	same = da && db && stat(da, &sa) == 0 && stat(db, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
done:
	free(fa);
	free(fb);
	free(da);
	free(db);
	return same;
}

/* True if the directory of `path` ("." without a slash) can take a new
 * file, as access() says; errno set when not. */
static int dir_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ok;

	if (!slash)
		return access(".", W_OK | X_OK) == 0;
	if (slash == path)
		return access("/", W_OK | X_OK) == 0;
	dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return 0;
	ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

/*
 * Refuses (-1, reported) --output and --write-baseline naming one file,
 * or either naming a file the run reads: "-o contract.txt contract.txt"
 * replaced the contract with its report. Only a regular file is compared
 * with what the run reads (-o /dev/null and an input /dev/null are no
 * conflict).
 */
static int check_targets(const cli_options *o, const cli_inputs *in,
                         const cli_projects *ps)
{
	const char *targets[2] = {o->output, o->write_baseline}, *read;
	struct stat st;
	size_t i;

	if (targets[0] && targets[1] && same_target(targets[0], targets[1])) {
		cli_error("%s: named by both --output and --write-baseline",
		          targets[0]);
		return -1;
	}
	for (i = 0; i < 2; i++) {
		if (!targets[i] || stat(targets[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		/* --baseline B --write-baseline B renews B: it is read whole
		 * before anything is checked, and replaced at the end */
		if ((read = read_by_run(&st, o, in, ps, i == 0))) {
			cli_error("%s: %s would replace %s, which this run reads; "
			          "nothing checked", targets[i],
			          i ? "--write-baseline" : "--output", read);
			return -1;
		}
	}
	return 0;
}

int cli_cmd_check(cli_options *o)
{
	clint_render_options ropts = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	cli_projects ps = {NULL, 0};
	cli_inputs in = {NULL, 0, 0};
	cli_baseline *known = NULL, *record = NULL;
	cli_output out;
	struct stat st;
	run_ctx c;
	progress prog;
	pthread_t *threads = NULL;
	size_t i, started = 0, suppressed = 0;
	const char *incomplete = NULL;  /* the first document that timed out */
	int status = EXIT_CLEAN, opened = 0, failed = 0, n, rc;

	memset(&c, 0, sizeof(c));
	memset(&prog, 0, sizeof(prog));
	if (o->file_count == 0) {
		cli_usage_error("%s", "no input files (use '-' for standard input)");
		return EXIT_TROUBLE;
	}
	n = cli_inputs_expand(&in, &ps, o);
	if (n < 0) {
		fprintf(stderr, "clauselint: out of memory\n");
		status = EXIT_TROUBLE;
		goto done;
	}
	if (n > 0)
		status = EXIT_TROUBLE;
	if (cli_projects_load(&ps, o) < 0) {
		status = EXIT_TROUBLE;
		goto done;
	}
	if (o->baseline && cli_baseline_load(&known, o->baseline) < 0) {
		status = EXIT_TROUBLE;
		goto done;
	}
	if (o->write_baseline && cli_baseline_new(&record) < 0) {
		status = EXIT_TROUBLE;
		goto done;
	}
	if (check_targets(o, &in, &ps) < 0) {
		status = EXIT_TROUBLE;
		goto done;
	}
	/* a directory is refused now, not once every input has been checked
	 * (the baseline is written at the end, as --output is committed) */
	if (o->write_baseline && stat(o->write_baseline, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		cli_error("%s: %s", o->write_baseline, strerror(EISDIR));
		status = EXIT_TROUBLE;
		goto done;
	}
	/* ... as is a new baseline's directory that is missing or not
	 * writable (an existing file is left to cli_output_open(), which
	 * writes a device or a link through, and has a fallback for a
	 * directory it cannot write) */
	if (o->write_baseline && lstat(o->write_baseline, &st) != 0 &&
	    errno == ENOENT && !dir_writable(o->write_baseline)) {
		cli_error("%s: cannot write the baseline there: %s",
		          o->write_baseline, strerror(errno));
		status = EXIT_TROUBLE;
		goto done;
	}
	if (cli_output_open(&out, o->output) < 0) {
		cli_error("%s: %s", o->output, strerror(errno));
		status = EXIT_TROUBLE;
		goto done;
	}
	opened = 1;
	ropts.format = o->format;
	ropts.color = use_color(o);
	ropts.verbose = o->verbose;
	if (clint_renderer_new(&r, &ropts, cli_output_write, &out) < 0) {
		status = EXIT_TROUBLE;
		failed = 1;
		goto done;
	}

	c.o = o;
	c.in = &in;
	c.ps = &ps;
	c.slots = calloc(in.count ? in.count : 1, sizeof(*c.slots));
	c.window = (size_t)o->jobs * WINDOW_PER_JOB;
	if (!c.slots) {
		status = EXIT_TROUBLE;
		failed = 1;
		goto done;
	}
	pthread_mutex_init(&c.lock, NULL);
	pthread_cond_init(&c.changed, NULL);
	if (o->jobs > 1 && in.count > 1) {
		threads = calloc(o->jobs, sizeof(*threads));
		for (i = 0; threads && i < o->jobs; i++) {
			if (pthread_create(&threads[i], NULL, worker, &c) != 0)
				break;
			started++;
		}
	}
	prog.on = o->progress == 1 ||
	          (o->progress == -1 && isatty(STDERR_FILENO) && in.count > 1);
	prog.start = prog.last = now_ms();
	if (o->progress == 1)
		prog.start -= PROGRESS_AFTER_MS;

	for (i = 0; i < in.count; i++) {
		slot *s = &c.slots[i];
		const char *name = strcmp(in.items[i].path, "-") ? in.items[i].path
		                                                 : "<stdin>";

		if (!started) {
			c.next = i + 1;
			process(&c, i);
		} else {
			pthread_mutex_lock(&c.lock);
			while (!s->done)
				pthread_cond_wait(&c.changed, &c.lock);
			pthread_mutex_unlock(&c.lock);
		}
		if (s->err.len) {
			progress_clear(&prog);
			fwrite(s->err.data, 1, s->err.len, stderr);
		}
		if (s->input_error) {
			/* the report must say so: one without it is not written */
			if ((rc = clint_renderer_input_error(r, s->doc ? clint_doc_name(s->doc)
			                                                : name,
			                                     s->input_error)) < 0)
				failed = render_failed(&out, rc);
			status = EXIT_TROUBLE;
		} else {
			size_t dropped = 0;
			if (record && cli_baseline_record(record, name, s->res) < 0)
				failed = 1;
			if (known && cli_baseline_filter(known, name, s->res, &dropped) < 0)
				failed = 1;
			suppressed += dropped;
			if ((rc = clint_renderer_document(r, s->res)) < 0)
				failed = render_failed(&out, rc);
			/* its findings are reported, but it was not fully checked */
			if (clint_result_timed_out(s->res)) {
				status = EXIT_TROUBLE;
				if (!incomplete)
					incomplete = name;
			}
			if (o->fail_on >= 0 && status == EXIT_CLEAN &&
			    clint_result_count_at_least(s->res, (clint_severity)o->fail_on))
				status = EXIT_FINDINGS;
		}
		/* a pipe reader (jsonl into jq, RDD.pipe) sees each document */
		if (!o->output && fflush(stdout) != 0)
			failed = 1;
		clint_result_free(s->res);
		clint_doc_free(s->doc);
		cli_str_free(&s->err);
		free(s->input_error);
		memset(s, 0, sizeof(*s));
		if (started) {
			pthread_mutex_lock(&c.lock);
			c.rendered = i + 1;
			pthread_cond_broadcast(&c.changed);
			pthread_mutex_unlock(&c.lock);
		}
		progress_update(&prog, i + 1, in.count, name);
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	progress_clear(&prog);
	if ((rc = clint_renderer_finish(r)) < 0)
		failed = render_failed(&out, rc);
	pthread_cond_destroy(&c.changed);
	pthread_mutex_destroy(&c.lock);
	if (known)
		cli_error("baseline %s: %zu known finding%s "
		          "suppressed",
		          o->baseline, suppressed, suppressed == 1 ? "" : "s");
done:
	if (opened) {
		if (failed) {
			if (!out.err)
				out.err = errno;
			cli_error("cannot write the report: %s",
			          strerror(out.err ? out.err : EIO));
			cli_output_abort(&out);
			status = EXIT_TROUBLE;
		} else if (cli_output_commit(&out) < 0) {
			cli_error("cannot write the report: %s",
			          strerror(errno));
			status = EXIT_TROUBLE;
		}
	}
	/* a baseline without the findings of rules that did not run would
	 * let them through as new, or hide them, on a faster machine */
	if (record && incomplete) {
		cli_error("%s: not written: the check of %s "
		          "stopped at its CPU-time limit, so its findings are "
		          "incomplete (see --max-check-seconds)",
		          o->write_baseline, incomplete);
		status = EXIT_TROUBLE;
	} else if (record && !failed && opened &&
	           cli_baseline_write(record, o->write_baseline) < 0) {
		status = EXIT_TROUBLE;
	}
	clint_renderer_free(r);
	free(threads);
	free(c.slots);
	cli_baseline_free(known);
	cli_baseline_free(record);
	cli_inputs_free(&in);
	cli_projects_free(&ps);
	return status;
}
