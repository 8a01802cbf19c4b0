/*
 * pdf_helper.c - clauselint-pdf, the program that reads a PDF's text layer
 * with poppler for the library (see pdfmod.h for why it is a process of
 * its own, and for what it writes).
 *
 *   clauselint-pdf CPU_SECONDS MEMORY_BYTES < file.pdf > wire
 *
 * It is run by the library (pdfproc.c), not by people. Before it reads a
 * byte it puts itself under the limits it is given: CPU time (the kernel
 * sends SIGXCPU at the limit and SIGKILL a second later) and address
 * space, so that no PDF can take more; a limit it was given lower (ulimit)
 * stays. The library also sets the CPU limit from outside, and watches
 * the clock and kills it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../asan.h"
#include "../pdfmod.h"

/* The wire: what was standard output. Standard output itself is then
 * /dev/null, so that nothing a library prints there (poppler's cairo
 * font code has printed "some font thing failed" to it) can come between
 * the bytes of the wire. */
static FILE *wire;

#ifdef CLINT_ASAN
/* Fontconfig, which cairo asks for fonts when a page is drawn, keeps its
 * configuration for the life of the process: not a leak of ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

static int put(const void *p, size_t n)
{
	return n == 0 || fwrite(p, 1, n, wire) == n ? 0 : -1;
}

static int put_i32(int32_t v)
{
	return put(&v, sizeof(v));
}

static int put_u64(uint64_t v)
{
	return put(&v, sizeof(v));
}

/* Lowers a limit to soft/hard; never raises one the process was given. */
static int limit(int resource, rlim_t soft, rlim_t hard)
{
	struct rlimit r;

	if (getrlimit(resource, &r) != 0)
		return -1;
	if (r.rlim_max != RLIM_INFINITY && hard > r.rlim_max)
		hard = r.rlim_max;
	if (soft > hard)
		soft = hard;
	if (r.rlim_cur != RLIM_INFINITY && soft > r.rlim_cur)
		soft = r.rlim_cur;
	r.rlim_cur = soft;
	r.rlim_max = hard;
	return setrlimit(resource, &r);
}

/* Maps standard input (a regular file, from the library) into *out; 0,
 * 1 if the memory limit does not leave room for it, -1 on other errors. */
static int map_input(const unsigned char **out, size_t *len)
{
	static const unsigned char empty[1];
	struct stat st;
	void *p;

	if (fstat(0, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (uintmax_t)st.st_size > SIZE_MAX)
		return -1;
	*out = empty;
	*len = 0;
	if (st.st_size == 0)
		return 0;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, 0, 0);
	if (p == MAP_FAILED)
		return errno == ENOMEM ? 1 : -1;
	*out = p;
	*len = (size_t)st.st_size;
	return 0;
}

int main(int argc, char **argv)
{
	static char obuf[1 << 16];
	const clint_pdf_module *m = clint_pdf_poppler_module();
	const unsigned char *data = NULL;
	size_t len = 0;
	char err[256] = "", *end;
	void *pdf = NULL;
	clint_pdf_limits lim;
	double cpu;
	unsigned long long mem;
	int rc, n, i;

	/* gone with the program that ran it (its own process group does
	 * not get the terminal's ^C) */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (argc != 3) {
		fprintf(stderr, "usage: clauselint-pdf CPU_SECONDS MEMORY_BYTES "
		                "< file.pdf (run by libclauselint)\n");
		return 2;
	}
	errno = 0;
	cpu = strtod(argv[1], &end);
	if (*end || errno || !(cpu >= 0))
		return 2;
	if (cpu > 1e9)
		cpu = 1e9;
	mem = strtoull(argv[2], &end, 10);
	if (*end || errno)
		return 2;
	lim.cpu_seconds = cpu;
	lim.memory_bytes = mem > SIZE_MAX ? SIZE_MAX : (size_t)mem;
	if (cpu > 0) {
		/* whole seconds, rounded up: the library's clock is finer */
		rlim_t s = (rlim_t)cpu + ((double)(rlim_t)cpu < cpu);
		if (limit(RLIMIT_CPU, s, s + 1) != 0)
			return 3;
	}
#ifdef CLINT_ASAN
	/* a sanitizer's shadow memory needs terabytes of address space: a
	 * helper built with one runs without the address-space limit */
	(void)mem;
#else
	if (mem > 0 && limit(RLIMIT_AS, (rlim_t)mem, (rlim_t)mem) != 0)
		return 3;
#endif
	if (limit(RLIMIT_CORE, 0, 0) != 0)
		return 3;
	{
		int w = dup(1), null = open("/dev/null", O_WRONLY);

		if (w < 0 || null < 0 || dup2(null, 1) < 0 ||
		    !(wire = fdopen(w, "wb")))
			return 4;
		close(null);
	}
	setvbuf(wire, obuf, _IOFBF, sizeof(obuf));
	clint_pdf_poppler_watch_stderr();
	rc = map_input(&data, &len);
	if (rc < 0)
		return 4;

	put(CLINT_PDF_WIRE_MAGIC, 8);
	put_i32((int32_t)CLINT_PDF_WIRE_VERSION);
	if (rc > 0) /* no room for the file itself */
		rc = CLINT_PDF_ENOMEM;
	else /* (the module stops drawing pages at half the CPU time) */
		rc = m->open(&pdf, data, len, &lim, err, sizeof(err));
	put_i32(rc);
	if (rc != CLINT_PDF_OK) {
		put_i32((int32_t)strlen(err));
		put(err, strlen(err));
		goto out;
	}
	n = m->page_count(pdf);
	put_i32(n);
	for (i = 0; i < n; i++) {
		clint_pdf_page pg;

		rc = m->page(pdf, i, &pg, err, sizeof(err));
		put_i32(rc);
		if (rc == CLINT_PDF_OK) {
			put_u64(strlen(pg.text));
			put(pg.text, strlen(pg.text));
			put_u64(pg.nrects);
			put(pg.rects, pg.nrects * sizeof(*pg.rects));
			if (pg.drawn == CLINT_PDF_DRAWN_OK && !pg.ink)
				pg.drawn = CLINT_PDF_DRAWN_NO;
			put_i32(pg.drawn);
			if (pg.drawn == CLINT_PDF_DRAWN_OK)
				put(pg.ink, pg.nrects);
		}
		m->release(pg.text);
		m->release(pg.rects);
		m->release(pg.ink);
		if (rc != CLINT_PDF_OK || ferror(wire))
			break;
	}
	m->close(pdf);
out:
	return fflush(wire) == 0 && !ferror(wire) ? 0 : 1;
}
