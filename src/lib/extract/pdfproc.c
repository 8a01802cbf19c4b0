/*
 * pdfproc.c - the PDF reader the library uses: the module table of
 * pdfmod.h implemented over the helper program clauselint-pdf, which reads
 * the PDF with poppler in a process of its own, under limits of CPU time
 * and memory (see pdfmod.h for why and for its output).
 *
 * open() writes the PDF to an anonymous file, starts the helper on it
 * with posix_spawn() (safe in a threaded program), and reads the header;
 * page() reads the next page as the layout stage asks for it, so no more
 * than one page's boxes are held at a time. Every read waits with poll()
 * against a wall-clock deadline (the helper's CPU limit is the kernel's);
 * a helper that is late is killed. Its output is untrusted like any
 * input: lengths and counts are checked before anything is allocated.
 */
#define _GNU_SOURCE /* dladdr(), memfd_create(), pipe2() */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "extract.h"
#include "pdfmod.h"

extern char **environ;

#ifndef CLINT_PDF_HELPER_DIR
#define CLINT_PDF_HELPER_DIR "/usr/local/lib/clauselint"
#endif
#define HELPER_NAME "clauselint-pdf"

/* Bounds on what the helper may send, so that the program's own memory
 * stays bounded whatever it sends: a page's text and boxes (32 bytes each,
 * one per character), all pages' text (the library's default input
 * limit), the pages, a reason. */
#define MAX_PAGE_TEXT ((uint64_t)16 * 1024 * 1024)
#define MAX_PAGE_BOXES ((uint64_t)2 * 1024 * 1024)
#define MAX_TOTAL_TEXT ((uint64_t)256 * 1024 * 1024)
/* (the layout keeps some 850 bytes a page: a million empty pages took
 * 850 MB) */
#define MAX_PAGES 100000
#define MAX_REASON 4096

/* A helper that has not finished after this much wall-clock time is
 * killed: WALL_FACTOR times its CPU limit plus WALL_EXTRA seconds (it
 * waits for nothing, so only a stopped or starved one gets there). */
#define WALL_FACTOR 5
#define WALL_EXTRA 5

/* ---- finding the helper, once per process ------------------------------ */

static pthread_once_t helper_once = PTHREAD_ONCE_INIT;
static char helper_path[4200];
static char helper_error[600]; /* why there is none */

/* The directory of the file holding this code (the program, or
 * libclauselint.so) into dir[0..n); 0 if unknown. */
static int own_dir(char *dir, size_t n)
{
	Dl_info info;
	const char *slash;

	if (!dladdr((void *)&own_dir, &info) || !info.dli_fname)
		return 0;
	slash = strrchr(info.dli_fname, '/');
	if (!slash || (size_t)(slash - info.dli_fname) >= n)
		return 0;
	memcpy(dir, info.dli_fname, (size_t)(slash - info.dli_fname));
	dir[slash - info.dli_fname] = '\0';
	return 1;
}

static int try_helper(const char *path)
{
	if (access(path, X_OK) != 0)
		return 0;
	snprintf(helper_path, sizeof(helper_path), "%s", path);
	return 1;
}

/*
 * $CLAUSELINT_PDF_HELPER if set (and nowhere else); else next to the
 * program or library holding this code (the build tree), in clauselint/
 * beside it (an installed libclauselint.so), and in CLINT_PDF_HELPER_DIR
 * ($(LIBDIR)/clauselint, an installed program).
 */
static void find_helper(void)
{
	const char *env = getenv("CLAUSELINT_PDF_HELPER");
	char dir[4096], path[4200];

#ifdef CLINT_HAVE_POPPLER
	snprintf(helper_error, sizeof(helper_error),
	         "PDF support is not installed (" HELPER_NAME " not found "
	         "next to the program nor in " CLINT_PDF_HELPER_DIR "): "
	         "run make install, or install libpoppler-glib-dev and rebuild");
#else
	snprintf(helper_error, sizeof(helper_error),
	         "this build has no PDF support: install libpoppler-glib-dev "
	         "and rebuild");
#endif
	if (env && *env) {
		if (!try_helper(env))
			snprintf(helper_error, sizeof(helper_error),
			         "PDF support is not installed: %.400s (from "
			         "CLAUSELINT_PDF_HELPER) is not an executable file",
			         env);
		return;
	}
	if (own_dir(dir, sizeof(dir))) {
		snprintf(path, sizeof(path), "%s/" HELPER_NAME, dir);
		if (try_helper(path))
			return;
		snprintf(path, sizeof(path), "%s/clauselint/" HELPER_NAME, dir);
		if (try_helper(path))
			return;
	}
	try_helper(CLINT_PDF_HELPER_DIR "/" HELPER_NAME);
}

/* ---- one run of the helper ---------------------------------------------- */

typedef struct {
	pid_t pid;      /* 0 once reaped */
	int fd;         /* its standard output */
	int status;     /* wait status once reaped */
	double cpu_used;
	double cpu_cap;    /* its CPU limit, whoever set it; 0: none */
	double cpu_whole;  /* lim.cpu_seconds rounded up, as the kernel has it */
	int killed_late;   /* killed for not exiting after its output ended */
	int done;          /* reaped, or failed: nothing more to read */
	clint_pdf_limits lim;
	struct timespec deadline;  /* wall clock; tv_sec 0: none */
	int npages, next;
	uint64_t total_text;
} helper_run;

static double now_diff_ms(const struct timespec *until)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(until->tv_sec - t.tv_sec) * 1e3 +
	       (double)(until->tv_nsec - t.tv_nsec) / 1e6;
}

/*
 * Reaps the helper: at once (killing it) with `kill_now`, else after it
 * has ended, killing it if it has not within a second of closing its
 * output; and with it whatever it started (a helper poppler was made to
 * run code in could fork): its process group, whose id stays reserved
 * while the helper is not reaped. A program that ignores SIGCHLD has its
 * children reaped by the kernel: their status is then lost (-1), and a
 * pid that is gone is never signalled, as it may have been reused.
 */
static void reap(helper_run *h, int kill_now)
{
	struct rusage ru;
	siginfo_t si;
	pid_t r = -1;
	int i, gone = 0;

	h->done = 1;
	if (!h->pid)
		return;
	for (i = 0;; i++) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)h->pid, &si,
		           WEXITED | WNOHANG | WNOWAIT) != 0) {
			if (errno == EINTR)
				continue;
			gone = 1;
			break;
		}
		if (si.si_pid != 0 || kill_now || i >= 100)
			break;
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	}
	if (!gone) {
		if (si.si_pid == 0) { /* still running */
			kill(h->pid, SIGKILL);
			h->killed_late = !kill_now;
		}
		kill(-h->pid, SIGKILL);
		while ((r = wait4(h->pid, &h->status, 0, &ru)) < 0 && errno == EINTR)
			;
	}
	if (r == h->pid)
		h->cpu_used = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		              (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	else
		h->status = -1; /* lost (SIGCHLD ignored by the program) */
	h->pid = 0;
}

/* A name for the signals a crash or a limit sends (strsignal() is not
 * thread-safe). */
static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGABRT: return "SIGABRT";
	case SIGBUS: return "SIGBUS";
	case SIGILL: return "SIGILL";
	case SIGFPE: return "SIGFPE";
	case SIGKILL: return "SIGKILL";
	case SIGXCPU: return "SIGXCPU";
	case SIGPIPE: return "SIGPIPE";
	default: return "a signal";
	}
}

/* " (limit N MiB, --max-pdf-memory)", or "" without a limit. */
static const char *memory_limit(const helper_run *h, char *buf, size_t n)
{
	if (!h->lim.memory_bytes)
		return "";
	snprintf(buf, n, " (limit %zu MiB, --max-pdf-memory)",
	         h->lim.memory_bytes >> 20);
	return buf;
}

/* Why the helper's output ended before it should have: its fate. */
static int ended(helper_run *h, char *err, size_t errlen)
{
	int st;

	reap(h, 0);
	st = h->status;
	if (h->killed_late) {
		snprintf(err, errlen, "the PDF reader (%s) did not exit when its "
		         "output ended, and was killed", helper_path);
		return CLINT_PDF_EFAILED;
	}
	if (st != -1 && WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		/* the kernel's signals at a CPU limit: SIGXCPU at the soft one,
		 * SIGKILL at the hard one (a second later, or at once when they
		 * are equal); its accounting and rusage's differ by a few ticks */
		if (h->cpu_cap > 0 &&
		    (sig == SIGXCPU ||
		     (sig == SIGKILL && h->cpu_used + 0.5 >= h->cpu_cap))) {
			if (h->lim.cpu_seconds > 0 &&
			    h->cpu_cap >= h->lim.cpu_seconds)
				clint_snprintf_c(err, errlen,
				                 "reading it stopped at its CPU-time "
				                 "limit of %g s (--max-pdf-seconds)",
				                 h->lim.cpu_seconds);
			else
				clint_snprintf_c(err, errlen,
				                 "reading it stopped at the CPU-time "
				                 "limit this process was given (%g s, "
				                 "ulimit -t)", h->cpu_cap);
			return CLINT_PDF_ELIMIT;
		}
		/* poppler aborts when an allocation fails: a crash too */
		if (h->lim.memory_bytes)
			snprintf(err, errlen,
			         "the PDF reader failed on it (signal %d, %s): it "
			         "needs more memory than the limit of %zu MiB "
			         "(--max-pdf-memory), or is damaged in a way that "
			         "crashes poppler",
			         sig, signal_name(sig), h->lim.memory_bytes >> 20);
		else
			snprintf(err, errlen,
			         "the PDF reader failed on it (signal %d, %s): it is "
			         "damaged in a way that crashes poppler",
			         sig, signal_name(sig));
		return CLINT_PDF_EFAILED;
	}
	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) != 0)
		snprintf(err, errlen, "the PDF reader (%s) failed: exit status %d",
		         helper_path, WEXITSTATUS(st));
	else
		snprintf(err, errlen, "the PDF reader's (%s) output ended early%s",
		         helper_path,
		         st == -1 ? " and its exit status is unavailable (the "
		                    "program ignores SIGCHLD or reaps every child)"
		                  : "");
	return CLINT_PDF_EFAILED;
}

/* Reads exactly n bytes of the helper's output; CLINT_PDF_OK, or an
 * error with its reason (the helper is then reaped). */
static int get(helper_run *h, void *buf, size_t n, char *err, size_t errlen)
{
	unsigned char *p = buf;

	while (n) {
		ssize_t k;

		if (h->deadline.tv_sec) {
			struct pollfd pfd = {h->fd, POLLIN, 0};
			double ms = now_diff_ms(&h->deadline);
			/* past the deadline, what was written is still read */
			int r = poll(&pfd, 1, ms <= 0 ? 0 : ms > 1e6 ? 1000000 : (int)ms + 1);
			if (r < 0 && errno == EINTR)
				continue;
			if (r == 0) {
				reap(h, 1);
				clint_snprintf_c(err, errlen,
				                 "reading it took longer than %g s of "
				                 "wall-clock time (%d times its CPU-time "
				                 "limit of %g s, plus %d s)",
				                 WALL_FACTOR * h->cpu_whole + WALL_EXTRA,
				                 WALL_FACTOR, h->cpu_whole, WALL_EXTRA);
				return CLINT_PDF_ELIMIT;
			}
		}
		k = read(h->fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return ended(h, err, errlen);
		p += k;
		n -= (size_t)k;
	}
	return CLINT_PDF_OK;
}

static int malformed(helper_run *h, const char *what, char *err, size_t errlen)
{
	reap(h, 1);
	snprintf(err, errlen, "the PDF reader (%s) sent %s", helper_path, what);
	return CLINT_PDF_EFAILED;
}

/* An fd above 2, so that dup2() onto 0 or 1 always makes a new one. */
static int high_fd(int fd)
{
	int h;

	if (fd > 2)
		return fd;
	h = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return h;
}

/* The PDF in an anonymous file, read from the start: the helper's input. */
static int input_file(const unsigned char *data, size_t len)
{
	int fd = memfd_create("clauselint-pdf-input", MFD_CLOEXEC);
	size_t n = 0;

	if (fd < 0) {
		FILE *f = tmpfile();
		if (!f)
			return -1;
		fd = fcntl(fileno(f), F_DUPFD_CLOEXEC, 3);
		fclose(f);
		if (fd < 0)
			return -1;
	}
	fd = high_fd(fd);
	while (fd >= 0 && n < len) {
		ssize_t k = write(fd, data + n, len - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			return -1;
		}
		n += (size_t)k;
	}
	if (fd >= 0 && lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int spawn(helper_run *h, const unsigned char *data, size_t len,
                 char *err, size_t errlen)
{
	char cpu[64], mem[32];
	char *argv[] = {helper_path, cpu, mem, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	struct rlimit r;
	sigset_t none, dflt;
	int in, out[2], rc, e;

	in = input_file(data, len);
	if (in < 0) {
		e = errno;
		snprintf(err, errlen, "cannot pass it to the PDF reader: %s",
		         strerror(e));
		return CLINT_PDF_EFAILED;
	}
	if (pipe2(out, O_CLOEXEC) != 0) {
		e = errno;
		close(in);
		snprintf(err, errlen, "cannot start the PDF reader: %s", strerror(e));
		return CLINT_PDF_EFAILED;
	}
	if ((out[1] = high_fd(out[1])) < 0) {
		e = errno;
		close(in);
		close(out[0]);
		snprintf(err, errlen, "cannot start the PDF reader: %s", strerror(e));
		return CLINT_PDF_EFAILED;
	}
	clint_snprintf_c(cpu, sizeof(cpu), "%.17g", h->lim.cpu_seconds);
	snprintf(mem, sizeof(mem), "%zu", h->lim.memory_bytes);
	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGXCPU);
	sigaddset(&dflt, SIGTERM);
	rc = posix_spawn_file_actions_init(&fa);
	if (rc == 0) {
		rc = posix_spawnattr_init(&at);
		if (rc != 0)
			posix_spawn_file_actions_destroy(&fa);
	}
	if (rc == 0) {
		if ((rc = posix_spawn_file_actions_adddup2(&fa, in, 0)) == 0 &&
		    (rc = posix_spawn_file_actions_adddup2(&fa, out[1], 1)) == 0 &&
		    (rc = posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		                                           O_WRONLY, 0)) == 0 &&
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
		    /* nothing else of the program's: sockets, files */
		    (rc = posix_spawn_file_actions_addclosefrom_np(&fa, 3)) == 0 &&
#endif
		    (rc = posix_spawnattr_setsigmask(&at, &none)) == 0 &&
		    (rc = posix_spawnattr_setsigdefault(&at, &dflt)) == 0 &&
		    /* a process group of its own, to kill all it starts */
		    (rc = posix_spawnattr_setpgroup(&at, 0)) == 0 &&
		    (rc = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK |
		                                            POSIX_SPAWN_SETSIGDEF |
		                                            POSIX_SPAWN_SETPGROUP)) == 0)
			rc = posix_spawn(&h->pid, helper_path, &fa, &at, argv, environ);
		posix_spawn_file_actions_destroy(&fa);
		posix_spawnattr_destroy(&at);
	}
	close(in);
	close(out[1]);
	if (rc != 0) {
		h->pid = 0;
		close(out[0]);
		snprintf(err, errlen, "cannot start the PDF reader (%s): %s",
		         helper_path, strerror(rc));
		return CLINT_PDF_EFAILED;
	}
	h->fd = out[0];
	/* the CPU limit from outside too, in case the helper is not ours to
	 * trust (it may have set it already; one it inherited is never
	 * raised), and what it is, to tell a stop there from a crash */
	if (prlimit(h->pid, RLIMIT_CPU, NULL, &r) != 0 &&
	    getrlimit(RLIMIT_CPU, &r) != 0) /* inherited: the same */
		r.rlim_cur = r.rlim_max = RLIM_INFINITY;
	if (h->lim.cpu_seconds > 0) {
		/* whole seconds, rounded up, as the helper sets them */
		rlim_t s = (rlim_t)h->lim.cpu_seconds;
		double wall;

		if ((double)s < h->lim.cpu_seconds)
			s++;
		h->cpu_whole = (double)s;
		if (r.rlim_max == RLIM_INFINITY || s + 1 <= r.rlim_max)
			r.rlim_max = s + 1;
		if (r.rlim_cur == RLIM_INFINITY || s <= r.rlim_cur)
			r.rlim_cur = s < r.rlim_max ? s : r.rlim_max;
		/* (if this fails the helper still sets the same on itself) */
		prlimit(h->pid, RLIMIT_CPU, &r, NULL);
		/* the wall clock's deadline */
		clock_gettime(CLOCK_MONOTONIC, &h->deadline);
		wall = WALL_FACTOR * h->cpu_whole + WALL_EXTRA;
		if (wall > 1e9)
			wall = 1e9;
		h->deadline.tv_sec += (time_t)wall;
		h->deadline.tv_nsec += (long)((wall - (double)(time_t)wall) * 1e9);
		if (h->deadline.tv_nsec >= 1000000000L) {
			h->deadline.tv_sec++;
			h->deadline.tv_nsec -= 1000000000L;
		}
	}
	if (r.rlim_cur != RLIM_INFINITY)
		h->cpu_cap = (double)r.rlim_cur;
	return CLINT_PDF_OK;
}

static void proc_close(void *pdf)
{
	helper_run *h = pdf;

	if (!h)
		return;
	if (h->fd >= 0)
		close(h->fd);
	reap(h, 1);
	free(h);
}

/* Reads the header of the helper's output: the reader's verdict on the
 * file and its page count. */
static int read_head(helper_run *h, char *err, size_t errlen)
{
	char magic[8];
	int32_t head[2], n;
	uint32_t version;
	int rc;

	rc = get(h, magic, sizeof(magic), err, errlen);
	if (rc == CLINT_PDF_OK)
		rc = get(h, &version, sizeof(version), err, errlen);
	if (rc == CLINT_PDF_OK &&
	    (memcmp(magic, CLINT_PDF_WIRE_MAGIC, 8) != 0 ||
	     version != CLINT_PDF_WIRE_VERSION)) {
		reap(h, 1);
		snprintf(err, errlen, "%s is not the PDF reader of this version "
		         "of clauselint (reinstall clauselint)", helper_path);
		rc = CLINT_PDF_EFAILED;
	}
	if (rc == CLINT_PDF_OK)
		rc = get(h, head, sizeof(head), err, errlen);
	if (rc == CLINT_PDF_OK && head[0] != CLINT_PDF_OK) {
		/* the reader's own verdict on the file: a reason follows */
		char why[MAX_REASON + 1];
		uint32_t wn = (uint32_t)head[1];
		if (head[0] != CLINT_PDF_ENOMEM && head[0] != CLINT_PDF_EENCRYPTED &&
		    head[0] != CLINT_PDF_EDAMAGED)
			rc = malformed(h, "an unknown result", err, errlen);
		else if (wn > MAX_REASON)
			rc = malformed(h, "a reason too long", err, errlen);
		else if ((rc = get(h, why, wn, err, errlen)) == CLINT_PDF_OK) {
			uint32_t k;
			/* poppler's words, but they go into reports: printable
			 * ASCII only */
			for (k = 0; k < wn; k++)
				if ((unsigned char)why[k] < 0x20 ||
				    (unsigned char)why[k] > 0x7E)
					why[k] = '?';
			why[wn] = '\0';
			snprintf(err, errlen, "%s", why);
			rc = head[0];
			if (rc == CLINT_PDF_ENOMEM) {
				char lb[80];
				snprintf(err, errlen, "the PDF reader ran out of memory%s",
				         memory_limit(h, lb, sizeof(lb)));
				rc = CLINT_PDF_ELIMIT;
			}
		}
	} else if (rc == CLINT_PDF_OK) {
		n = head[1];
		if (n > MAX_PAGES) {
			reap(h, 1);
			snprintf(err, errlen, "it has %d pages, more than the limit of "
			         "%d", (int)n, MAX_PAGES);
			rc = CLINT_PDF_ELIMIT;
		}
		h->npages = n < 0 ? 0 : n;
	}
	return rc;
}

static helper_run *new_run(const clint_pdf_limits *lim, char *err,
                           size_t errlen)
{
	helper_run *h;

	if (errlen)
		err[0] = '\0';
	h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->fd = -1;
	if (lim)
		h->lim = *lim;
	if (h->lim.cpu_seconds > 1e9) /* 31 years; and rlim_t holds it */
		h->lim.cpu_seconds = 1e9;
	return h;
}

/* The end of an open with result `rc`: the run in *out, or closed. */
static int opened(helper_run *h, int rc, void **out)
{
	if (rc != CLINT_PDF_OK) {
		proc_close(h);
		return rc;
	}
	*out = h;
	return CLINT_PDF_OK;
}

static int proc_open(void **out, const unsigned char *data, size_t len,
                     const clint_pdf_limits *lim, char *err, size_t errlen)
{
	helper_run *h = new_run(lim, err, errlen);
	int rc;

	*out = NULL;
	if (!h)
		return CLINT_PDF_ENOMEM;
	rc = spawn(h, data, len, err, errlen);
	if (rc == CLINT_PDF_OK)
		rc = read_head(h, err, errlen);
	return opened(h, rc, out);
}

static int proc_page_count(void *pdf)
{
	return ((helper_run *)pdf)->npages;
}

static int proc_page(void *pdf, int i, clint_pdf_page *pg, char *err,
                     size_t errlen)
{
	helper_run *h = pdf;
	int32_t prc, drawn;
	uint64_t tn, rn, k;
	int rc;

	memset(pg, 0, sizeof(*pg));
	if (i != h->next || i >= h->npages || h->done)
		return malformed(h, "pages out of order", err, errlen);
	h->next++;
	if ((rc = get(h, &prc, sizeof(prc), err, errlen)) != CLINT_PDF_OK)
		return rc;
	if (prc == CLINT_PDF_ENOMEM) {
		char lb[80];
		reap(h, 1);
		snprintf(err, errlen, "the PDF reader ran out of memory on page %d%s",
		         i + 1, memory_limit(h, lb, sizeof(lb)));
		return CLINT_PDF_ELIMIT;
	}
	if (prc != CLINT_PDF_OK)
		return malformed(h, "an unknown page result", err, errlen);
	if ((rc = get(h, &tn, sizeof(tn), err, errlen)) != CLINT_PDF_OK)
		return rc;
	if (tn > MAX_PAGE_TEXT || tn > MAX_TOTAL_TEXT - h->total_text) {
		reap(h, 1);
		snprintf(err, errlen, "page %d has more text than the limit of "
		         "%llu MiB a page, %llu MiB in all", i + 1,
		         (unsigned long long)(MAX_PAGE_TEXT >> 20),
		         (unsigned long long)(MAX_TOTAL_TEXT >> 20));
		return CLINT_PDF_ELIMIT;
	}
	h->total_text += tn;
	pg->text = malloc((size_t)tn + 1);
	if (!pg->text)
		return CLINT_PDF_ENOMEM;
	if ((rc = get(h, pg->text, (size_t)tn, err, errlen)) != CLINT_PDF_OK)
		goto fail;
	pg->text[tn] = '\0';
	/* the document's text is UTF-8 without NULs: the matching relies on
	 * it (PCRE2_NO_UTF_CHECK) */
	if (memchr(pg->text, '\0', (size_t)tn) ||
	    !clint_utf8_valid(pg->text, (size_t)tn)) {
		rc = malformed(h, "text that is not UTF-8", err, errlen);
		goto fail;
	}
	if ((rc = get(h, &rn, sizeof(rn), err, errlen)) != CLINT_PDF_OK)
		goto fail;
	/* one box per code point, the '\n's included: never more than bytes */
	if (rn > tn) {
		rc = malformed(h, "more boxes than characters", err, errlen);
		goto fail;
	}
	if (rn > MAX_PAGE_BOXES) {
		reap(h, 1);
		snprintf(err, errlen, "page %d has more than %llu characters", i + 1,
		         (unsigned long long)MAX_PAGE_BOXES);
		rc = CLINT_PDF_ELIMIT;
		goto fail;
	}
	if (rn) {
		pg->rects = malloc((size_t)rn * sizeof(*pg->rects));
		if (!pg->rects) {
			rc = CLINT_PDF_ENOMEM;
			goto fail;
		}
		rc = get(h, pg->rects, (size_t)rn * sizeof(*pg->rects), err, errlen);
		if (rc != CLINT_PDF_OK)
			goto fail;
		pg->nrects = (size_t)rn;
	}
	/* whether the page was drawn; if so, an ink flag per box, 0 or 1 */
	if ((rc = get(h, &drawn, sizeof(drawn), err, errlen)) != CLINT_PDF_OK)
		goto fail;
	if (drawn < CLINT_PDF_DRAWN_NO || drawn > CLINT_PDF_DRAWN_TIME ||
	    (drawn == CLINT_PDF_DRAWN_OK && rn == 0)) {
		rc = malformed(h, "an unknown drawing result", err, errlen);
		goto fail;
	}
	pg->drawn = (int)drawn;
	if (drawn == CLINT_PDF_DRAWN_OK) {
		pg->ink = malloc((size_t)rn);
		if (!pg->ink) {
			rc = CLINT_PDF_ENOMEM;
			goto fail;
		}
		if ((rc = get(h, pg->ink, (size_t)rn, err, errlen)) != CLINT_PDF_OK)
			goto fail;
		for (k = 0; k < rn; k++)
			if (pg->ink[k] > 1) {
				rc = malformed(h, "an ink flag that is not 0 or 1", err,
				               errlen);
				goto fail;
			}
	}
	return CLINT_PDF_OK;
fail:
	free(pg->text);
	free(pg->rects);
	free(pg->ink);
	memset(pg, 0, sizeof(*pg));
	return rc;
}

/* ---- lower case, by Unicode's letter categories (PCRE2's tables) --------- */

static pthread_once_t lower_once = PTHREAD_ONCE_INIT;
static pcre2_code *lower_re;

static void compile_lower(void)
{
	int e;
	PCRE2_SIZE off;

	lower_re = pcre2_compile((PCRE2_SPTR) "^\\p{Ll}", PCRE2_ZERO_TERMINATED,
	                         PCRE2_UTF, &e, &off, NULL);
}

static int proc_is_lower(uint32_t cp)
{
	unsigned char s[4];
	size_t n;
	pcre2_match_data *md;
	int r;

	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	if (cp < 0x800) {
		s[0] = (unsigned char)(0xC0 | cp >> 6);
		s[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		if (cp >= 0xD800 && cp < 0xE000)
			return 0;
		s[0] = (unsigned char)(0xE0 | cp >> 12);
		s[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		s[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else if (cp < 0x110000) {
		s[0] = (unsigned char)(0xF0 | cp >> 18);
		s[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		s[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		s[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	} else {
		return 0;
	}
	if (pthread_once(&lower_once, compile_lower) != 0 || !lower_re)
		return 0;
	md = pcre2_match_data_create(1, NULL);
	if (!md)
		return 0;
	r = pcre2_match(lower_re, s, n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return r > 0;
}

static const clint_pdf_module proc_module = {
	CLINT_PDF_MODULE_ABI, proc_open,  proc_page_count, proc_page,
	free,                 proc_close, proc_is_lower,
};

/* The same reader over the bytes of a helper's output, without a process
 * (the pdf_wire fuzz target): "PDF" data is what a helper wrote. */
static int wire_open(void **out, const unsigned char *data, size_t len,
                     const clint_pdf_limits *lim, char *err, size_t errlen)
{
	helper_run *h = new_run(lim, err, errlen);
	int rc;

	*out = NULL;
	if (!h)
		return CLINT_PDF_ENOMEM;
	h->fd = input_file(data, len);
	rc = h->fd < 0 ? CLINT_PDF_ENOMEM : read_head(h, err, errlen);
	return opened(h, rc, out);
}

static const clint_pdf_module wire_module = {
	CLINT_PDF_MODULE_ABI, wire_open,  proc_page_count, proc_page,
	free,                 proc_close, proc_is_lower,
};

const clint_pdf_module *clint_pdf_wire_reader(void)
{
	return &wire_module;
}

const clint_pdf_module *clint_pdf_reader(const char **why)
{
	if (pthread_once(&helper_once, find_helper) != 0 || !helper_path[0]) {
		*why = helper_error;
		return NULL;
	}
	*why = NULL;
	return &proc_module;
}
