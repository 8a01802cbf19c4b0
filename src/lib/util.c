/*
 * util.c - buffers, arrays, UTF-8, diagnostics, version and error names.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* ---- version and names ------------------------------------------------- */

const char *clint_version(void)
{
	return CLINT_VERSION_STRING;
}

int clint_version_number(void)
{
	return CLINT_VERSION_NUMBER;
}

const char *clint_strerror(int code)
{
	switch (code) {
	case CLINT_OK: return "success";
	case CLINT_ENOMEM: return "out of memory";
	case CLINT_EIO: return "input/output error";
	case CLINT_EFORMAT: return "malformed input";
	case CLINT_EPACK: return "invalid clause pack";
	case CLINT_EINVAL: return "invalid argument";
	case CLINT_ELIMIT: return "input exceeds a limit";
	case CLINT_EUNSUPPORTED: return "unsupported format";
	default: return "unknown error";
	}
}

static const char *const severity_names[] = {"info", "warning", "error"};

const char *clint_severity_name(clint_severity sev)
{
	if ((unsigned)sev < ARRAY_LEN(severity_names))
		return severity_names[sev];
	return "unknown";
}

int clint_severity_from_name(clint_severity *out, const char *name)
{
	size_t i;

	if (!out || !name)
		return CLINT_EINVAL;
	for (i = 0; i < ARRAY_LEN(severity_names); i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*out = (clint_severity)i;
			return CLINT_OK;
		}
	}
	return CLINT_EINVAL;
}

/* ---- buffers ------------------------------------------------------------ */

int clint_buf_grow(clint_buf *b, size_t extra)
{
	size_t need, cap, limit = b->limit ? b->limit : SIZE_MAX / 2;
	char *p;

	if (extra > limit || b->len > limit - extra) {
		b->failed = 1;
		return CLINT_ELIMIT;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return CLINT_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 4 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return CLINT_ENOMEM;
	}
	b->data = p;
	b->cap = cap;
	return CLINT_OK;
}

int clint_buf_put(clint_buf *b, const void *data, size_t len)
{
	int rc = clint_buf_grow(b, len);

	if (rc < 0)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return CLINT_OK;
}

int clint_buf_putc(clint_buf *b, char c)
{
	return clint_buf_put(b, &c, 1);
}

int clint_buf_puts(clint_buf *b, const char *s)
{
	return clint_buf_put(b, s, strlen(s));
}

/* ---- numbers in the C locale -------------------------------------------
 *
 * printf's %f %g %e and strtod() follow LC_NUMERIC, which the program
 * that links the library may set: in a German one JSON said 0,5 (not
 * JSON), a pack's threshold "0.5" was not a number, and an Excel cell's
 * 1500.5 was not read. The library's numbers are the C locale's: these
 * switch the calling thread to it (uselocale(), POSIX 2008) and back.
 */

static locale_t c_numeric;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void c_numeric_init(void)
{
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* The thread's locale, to give back to c_locale_end(); (locale_t)0 if
 * it was not switched (no C locale object: as before). */
static locale_t c_locale_begin(void)
{
	pthread_once(&c_numeric_once, c_numeric_init);
	return c_numeric ? uselocale(c_numeric) : (locale_t)0;
}

static void c_locale_end(locale_t old)
{
	if (old)
		uselocale(old);
}

int clint_vsnprintf_c(char *s, size_t n, const char *fmt, va_list ap)
{
	locale_t old = c_locale_begin();
	int r = vsnprintf(s, n, fmt, ap);

	c_locale_end(old);
	return r;
}

int clint_snprintf_c(char *s, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = clint_vsnprintf_c(s, n, fmt, ap);
	va_end(ap);
	return r;
}

double clint_strtod_c(const char *s, char **end)
{
	locale_t old = c_locale_begin();
	double v = strtod(s, end);

	c_locale_end(old);
	return v;
}

int clint_buf_printf(clint_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = clint_vsnprintf_c(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return CLINT_EINVAL;
	}
	rc = clint_buf_grow(b, (size_t)n);
	if (rc < 0)
		return rc;
	va_start(ap, fmt);
	clint_vsnprintf_c(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return CLINT_OK;
}

int clint_buf_put_utf8(clint_buf *b, uint32_t cp)
{
	char s[4];

	return clint_buf_put(b, s, clint_utf8_encode(cp, s));
}

size_t clint_utf8_encode(uint32_t cp, char s[4])
{
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return n;
}

char *clint_buf_detach(clint_buf *b, size_t *len)
{
	char *p;

	if (!b->data && clint_buf_grow(b, 0) < 0)
		return NULL;
	b->data[b->len] = '\0';
	p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void clint_buf_free(clint_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void clint_buf_failed_into(clint_buf *to, const clint_buf *from)
{
	if (from->failed)
		to->failed = 1;
}

int clint_buf_read(clint_buf *b, FILE *f, size_t limit)
{
	size_t start = b->len;

	/* reads one byte past the limit, which tells a file over it (no
	 * byte past SIZE_MAX: the buffer cannot hold one anyway) */
	while (b->len - start <= limit) {
		size_t chunk = limit - (b->len - start), n;
		int rc;

		if (chunk < SIZE_MAX)
			chunk++;
		if (chunk > 65536)
			chunk = 65536;
		if ((rc = clint_buf_grow(b, chunk)) < 0)
			return rc;
		n = fread(b->data + b->len, 1, chunk, f);
		b->len += n;
		if (n < chunk)
			break;
	}
	if (ferror(f))
		return CLINT_EIO;
	if (b->len - start > limit)
		return CLINT_ELIMIT;
	b->data[b->len] = '\0';
	return CLINT_OK;
}

/*
 * The file is opened without blocking: open() of a FIFO that nobody
 * writes to would wait for a writer for ever, and a named pipe in a
 * directory of uploads, or named by a project file as a pack, would hang
 * the run. Once it is open, reads block again, so a pipe with a writer
 * (a shell's <(...), /dev/stdin from a pipe) is read to its end as
 * before, while a FIFO without one reads nothing at once: refused, as
 * "a pipe that nothing was written to". A terminal or other device could
 * still block a read, or never end (/dev/zero ends at the limit, /dev/tty
 * waits for someone to type): only regular files and pipes are read, and
 * /dev/null is a device too.
 */
int clint_buf_read_file(clint_buf *b, const char *path, size_t limit,
                        const char **why)
{
	struct stat st;
	size_t start;
	FILE *f;
	int fd, flags, rc;

	*why = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		/* open() of a socket fails with ENXIO, "No such device or
		 * address", which does not say what is wrong */
		*why = e == ENXIO && stat(path, &st) == 0 && S_ISSOCK(st.st_mode)
		           ? "is a socket, not a regular file"
		           : strerror(e);
		return CLINT_EIO;
	}
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		close(fd);
		return CLINT_EIO;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		/* (open() already refused a socket) */
		*why = S_ISDIR(st.st_mode)   ? "is a directory"
		       : S_ISCHR(st.st_mode) ? "is a terminal or device, not a "
		                               "regular file"
		                             : "not a regular file";
		close(fd);
		return CLINT_EIO;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ||
	    !(f = fdopen(fd, "rb"))) {
		*why = strerror(errno);
		close(fd);
		return CLINT_EIO;
	}
	start = b->len;
	rc = clint_buf_read(b, f, limit);
	if (rc == CLINT_EIO)
		*why = strerror(errno);
	else if (rc == CLINT_OK && S_ISFIFO(st.st_mode) && b->len == start) {
		/* most likely a FIFO no program opened for writing (a writer
		 * that opens it later would wait for a reader for ever) */
		*why = "is a pipe that nothing was written to";
		rc = CLINT_EIO;
	}
	fclose(f);
	return rc;
}

int clint_file_read(char **data, size_t *len, const char *path,
                    size_t limit, clint_diag *diag)
{
	clint_buf b = CLINT_BUF_INIT;
	const char *why;
	int rc;

	if (!data || !len || !path)
		return CLINT_EINVAL;
	*data = NULL;
	*len = 0;
	rc = clint_buf_read_file(&b, path, limit, &why);
	if (rc == CLINT_OK && !(*data = clint_buf_detach(&b, len)))
		rc = CLINT_ENOMEM;
	if (rc == CLINT_EIO)
		clint_diag_add(diag, CLINT_DIAG_ERROR, path, 0, 0, "%s", why);
	else if (rc == CLINT_ELIMIT)
		clint_diag_add(diag, CLINT_DIAG_ERROR, path, 0, 0,
		               "file is larger than the limit of %zu bytes", limit);
	else if (rc == CLINT_ENOMEM)
		clint_diag_add(diag, CLINT_DIAG_ERROR, path, 0, 0, "out of memory");
	clint_buf_free(&b);
	return rc;
}

void clint_file_free(char *data)
{
	free(data);
}

int clint_mem_take(clint_mem *m, size_t bytes)
{
	if (!m)
		return CLINT_OK;
	if (m->limit && (bytes > m->limit || m->used > m->limit - bytes)) {
		m->over = 1;
		return CLINT_ELIMIT;
	}
	m->used += bytes;
	return CLINT_OK;
}

void clint_mem_give(clint_mem *m, size_t bytes)
{
	if (!m)
		return;
#ifdef CLINT_CHECKED
	if (bytes > m->used) {
		fprintf(stderr, "clauselint: internal error: %zu bytes given back "
		        "to a budget of %zu taken\n", bytes, m->used);
		abort();
	}
#endif
	m->used -= bytes < m->used ? bytes : m->used;
}

int clint_mem_grow(clint_mem *m, void **items, size_t *cap, size_t count,
                   size_t elem_size)
{
	size_t ncap, more;
	void *p;

	if (count < *cap)
		return CLINT_OK;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap > SIZE_MAX / elem_size)
		return CLINT_ENOMEM;
	more = (ncap - *cap) * elem_size;
	if (clint_mem_take(m, more) < 0)
		return CLINT_ELIMIT;
	p = realloc(*items, ncap * elem_size);
	if (!p) {
		clint_mem_give(m, more);
		return CLINT_ENOMEM;
	}
	*items = p;
	*cap = ncap;
	return CLINT_OK;
}

char *clint_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *clint_strdup(const char *s)
{
	return clint_strndup(s, strlen(s));
}

/* ---- UTF-8 -------------------------------------------------------------- */

size_t clint_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, out of range */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t clint_utf8_invalid_from(const unsigned char *p, size_t len, size_t i)
{
	size_t n;
	uint32_t cp;

	while (i < len) {
		if (p[i] < 0x80) {
			/* ASCII eight bytes at a time while no high bit is set */
			uint64_t x;
			i++;
			while (i + 8 <= len) {
				memcpy(&x, p + i, 8);
				if (x & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			continue;
		}
		n = clint_utf8_decode(p + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t clint_utf8_repair(char *s, size_t len)
{
	unsigned char *p = (unsigned char *)s;
	size_t i = 0, bad = 0;

	while ((i = clint_utf8_invalid_from(p, len, i)) < len) {
		p[i++] = '?';
		bad++;
	}
	return bad;
}

int clint_invisible(uint32_t cp)
{
	return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F ||
	       cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 ||
	       (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
	       cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
	       cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFFB) ||
	       (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
	       (cp >= 0xE0000 && cp <= 0xE0FFF);
}

int clint_white(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int clint_blank(uint32_t cp)
{
	return clint_white(cp) || clint_invisible(cp);
}

int clint_bidi_control(uint32_t cp)
{
	if (cp == 0x202C || cp == 0x2069)
		return -1;
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2068);
}

int clint_script(uint32_t cp)
{
	if (cp < 0x80)
		return ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		           ? CLINT_SCRIPT_LATIN : CLINT_SCRIPT_NONE;
	if ((cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||
	    (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
	    (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	    (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0x1D400 && cp <= 0x1D6A3))
		return CLINT_SCRIPT_LATIN;
	if ((cp >= 0x0250 && cp <= 0x02AF) || (cp >= 0x1D00 && cp <= 0x1DBF))
		return CLINT_SCRIPT_PHONETIC;
	if ((cp >= 0x0370 && cp <= 0x03FF && cp != 0x0374 && cp != 0x0375 &&
	     cp != 0x037A && cp != 0x037E && cp != 0x0384 && cp != 0x0385 &&
	     cp != 0x0387) ||
	    (cp >= 0x1F00 && cp <= 0x1FFF))
		return CLINT_SCRIPT_GREEK;
	if ((cp >= 0x0400 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x052F))
		return CLINT_SCRIPT_CYRILLIC;
	if ((cp >= 0x0531 && cp <= 0x0556) || (cp >= 0x0560 && cp <= 0x0588))
		return CLINT_SCRIPT_ARMENIAN;
	if ((cp >= 0x13A0 && cp <= 0x13F5) || (cp >= 0x13F8 && cp <= 0x13FD) ||
	    (cp >= 0xAB70 && cp <= 0xABBF))
		return CLINT_SCRIPT_CHEROKEE;
	return CLINT_SCRIPT_NONE;
}

/* The look-alikes, sorted by code point. */
static const struct {
	uint32_t cp;
	char latin;
} lookalikes[] = {
	/* Latin phonetic letters and small capitals */
	{0x0251, 'a'}, {0x0261, 'g'}, {0x026A, 'i'}, {0x028F, 'y'},
	/* Greek */
	{0x037F, 'J'}, {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'},
	{0x0397, 'H'}, {0x0399, 'I'}, {0x039A, 'K'}, {0x039C, 'M'}, {0x039D, 'N'},
	{0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'}, {0x03A5, 'Y'}, {0x03A7, 'X'},
	{0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C5, 'u'}, {0x03D2, 'Y'}, {0x03F1, 'p'},
	{0x03F2, 'c'}, {0x03F3, 'j'}, {0x03F9, 'C'}, {0x03FA, 'M'},
	/* Cyrillic */
	{0x0405, 'S'}, {0x0406, 'I'}, {0x0408, 'J'}, {0x0410, 'A'}, {0x0412, 'B'},
	{0x0415, 'E'}, {0x041A, 'K'}, {0x041C, 'M'}, {0x041D, 'H'}, {0x041E, 'O'},
	{0x0420, 'P'}, {0x0421, 'C'}, {0x0422, 'T'}, {0x0423, 'Y'}, {0x0425, 'X'},
	{0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'},
	{0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'},
	{0x0461, 'w'}, {0x0474, 'V'}, {0x0475, 'v'}, {0x04AE, 'Y'}, {0x04AF, 'y'},
	{0x04BA, 'H'}, {0x04BB, 'h'}, {0x04BD, 'e'}, {0x04C0, 'I'}, {0x04CF, 'l'},
	{0x0501, 'd'}, {0x050C, 'G'}, {0x051A, 'Q'}, {0x051B, 'q'}, {0x051C, 'W'},
	{0x051D, 'w'},
	/* Armenian */
	{0x054D, 'U'}, {0x054F, 'S'}, {0x0555, 'O'}, {0x0561, 'w'}, {0x0563, 'q'},
	{0x0566, 'q'}, {0x0570, 'h'}, {0x0578, 'n'}, {0x057C, 'n'}, {0x057D, 'u'},
	{0x0581, 'g'}, {0x0584, 'f'}, {0x0585, 'o'},
	/* Cherokee */
	{0x13A0, 'D'}, {0x13A1, 'R'}, {0x13A2, 'T'}, {0x13A9, 'Y'}, {0x13AA, 'A'},
	{0x13AB, 'J'}, {0x13AC, 'E'}, {0x13B3, 'W'}, {0x13B7, 'M'}, {0x13BB, 'H'},
	{0x13BD, 'Y'}, {0x13C0, 'G'}, {0x13C2, 'h'}, {0x13C3, 'Z'}, {0x13CF, 'b'},
	{0x13D2, 'R'}, {0x13D4, 'W'}, {0x13D5, 'S'}, {0x13D9, 'V'}, {0x13DA, 'S'},
	{0x13DE, 'L'}, {0x13DF, 'C'}, {0x13E2, 'P'}, {0x13E6, 'K'}, {0x13E7, 'd'},
	{0x13F3, 'G'}, {0x13F4, 'B'},
	/* Latin small capitals */
	{0x1D04, 'c'}, {0x1D0F, 'o'}, {0x1D1C, 'u'}, {0x1D20, 'v'}, {0x1D21, 'w'},
	{0x1D22, 'z'},
};

char clint_latin_lookalike(uint32_t cp)
{
	size_t lo = 0, hi = ARRAY_LEN(lookalikes);

	if (cp < 0x0250 || cp > 0x1D22)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (lookalikes[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ARRAY_LEN(lookalikes) && lookalikes[lo].cp == cp
	           ? lookalikes[lo].latin : 0;
}

char clint_ascii_form(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return (char)(cp - 0xFF01 + '!');
	if (cp >= 0x1D400 && cp <= 0x1D6A3) {
		/* 13 styles of 52 letters, A-Z then a-z */
		uint32_t k = (cp - 0x1D400) % 52;
		return (char)(k < 26 ? 'A' + k : 'a' + (k - 26));
	}
	if (cp >= 0x1D7CE && cp <= 0x1D7FF)
		return (char)('0' + (cp - 0x1D7CE) % 10); /* 5 styles of digits */
	return 0;
}

const char *clint_term_char(const char *s, size_t i, size_t len, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s + i;
	uint32_t cp = 0;

	*n = 1;
	if (p[0] < 0x80) {
		if (p[0] == '\t')
			return " ";
		return p[0] < 0x20 || p[0] == 0x7F ? "?" : NULL;
	}
	*n = clint_utf8_decode(p, len - i, &cp);
	if (*n == 0) {
		*n = 1;
		return "?";
	}
	if (cp <= 0x9F || clint_bidi_control(cp) != 0)
		return "?";
	return NULL;
}

size_t clint_term_safe(char *s)
{
	size_t i = 0, j = 0, n, len;
	const char *r;

	if (!s)
		return 0;
	len = strlen(s);
	while (i < len) {
		r = clint_term_char(s, i, len, &n);
		if (r) {
			/* every replacement is one byte: never longer than n */
			s[j++] = r[0];
		} else {
			memmove(s + j, s + i, n);
			j += n;
		}
		i += n;
	}
	s[j] = '\0';
	return j;
}

int clint_utf8_valid(const char *s, size_t len)
{
	return clint_utf8_invalid_from((const unsigned char *)s, len, 0) == len;
}

int clint_is_roman(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 7)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("ivxlcdmIVXLCDM", s[i]))
			return 0;
	return 1;
}

size_t clint_utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	/* 32 bytes at a time; 32 of ASCII (no high bit) are 32 characters.
	 * Otherwise eight at a time: a continuation byte has bit 7 set and
	 * bit 6 clear; each such byte leaves one 0x01 in `cont`, summed by the
	 * multiplication into the top byte */
	for (; i + 32 <= len; i += 32) {
		uint64_t w[4], cont;
		size_t k;

		memcpy(w, s + i, 32);
		if (!((w[0] | w[1] | w[2] | w[3]) & UINT64_C(0x8080808080808080))) {
			n += 32;
			continue;
		}
		for (k = 0; k < 4; k++) {
			cont = (w[k] & ~(w[k] << 1) & UINT64_C(0x8080808080808080)) >> 7;
			n += 8 - (size_t)((cont * UINT64_C(0x0101010101010101)) >> 56);
		}
	}
	for (; i + 8 <= len; i += 8) {
		uint64_t x, cont;

		memcpy(&x, s + i, 8);
		cont = (x & ~(x << 1) & UINT64_C(0x8080808080808080)) >> 7;
		n += 8 - (size_t)((cont * UINT64_C(0x0101010101010101)) >> 56);
	}
	for (; i < len; i++)
		if (!clint_utf8_cont((unsigned char)s[i]))
			n++;
	return n;
}

/* ---- diagnostics -------------------------------------------------------- */

typedef struct {
	clint_diag_level level;
	char *file;
	unsigned line, column;
	char *message;
} diag_item;

struct clint_diag {
	diag_item *items;
	size_t count, cap;
	size_t more;   /* notes and warnings past CLINT_DIAG_MAX_ENTRIES */
	size_t more_at; /* the entry that counts them */
};

int clint_diag_new(clint_diag **out)
{
	if (!out)
		return CLINT_EINVAL;
	*out = calloc(1, sizeof(**out));
	return *out ? CLINT_OK : CLINT_ENOMEM;
}

void clint_diag_clear(clint_diag *diag)
{
	size_t i;

	if (!diag)
		return;
	for (i = 0; i < diag->count; i++) {
		free(diag->items[i].file);
		free(diag->items[i].message);
	}
	diag->count = 0;
	diag->more = 0;
}

void clint_diag_free(clint_diag *diag)
{
	if (!diag)
		return;
	clint_diag_clear(diag);
	free(diag->items);
	free(diag);
}

size_t clint_diag_count(const clint_diag *diag)
{
	return diag ? diag->count : 0;
}

size_t clint_diag_count_level(const clint_diag *diag, clint_diag_level level)
{
	size_t i, n = 0;

	if (!diag)
		return 0;
	for (i = 0; i < diag->count; i++)
		if (diag->items[i].level >= level)
			n++;
	return n;
}

int clint_diag_get(const clint_diag *diag, size_t i, clint_diag_entry *out)
{
	if (!diag || !out || i >= diag->count)
		return CLINT_EINVAL;
	out->level = diag->items[i].level;
	out->file = diag->items[i].file;
	out->line = diag->items[i].line;
	out->column = diag->items[i].column;
	out->message = diag->items[i].message;
	return CLINT_OK;
}

/* Counts a note or warning past CLINT_DIAG_MAX_ENTRIES in one entry, the
 * file of the first it counts (errors are always kept: the first says why
 * a document was refused). */
static int more_entries(clint_diag *diag, clint_diag_level level,
                        const char *file)
{
	diag_item *it;
	char msg[64];
	char *m;

	snprintf(msg, sizeof(msg), "%zu more message%s not shown",
	         diag->more + 1, diag->more ? "s" : "");
	m = clint_strdup(msg);
	if (!m)
		return CLINT_ENOMEM;
	if (!diag->more) {
		char *f = file ? clint_strdup(file) : NULL;

		if ((file && !f) ||
		    ARRAY_PUSH(diag->items, diag->count, diag->cap) < 0) {
			free(f);
			free(m);
			return CLINT_ENOMEM;
		}
		it = &diag->items[diag->count++];
		memset(it, 0, sizeof(*it));
		it->level = level;
		it->file = f;
		diag->more_at = diag->count - 1;
	}
	it = &diag->items[diag->more_at];
	diag->more++;
	free(it->message);
	it->message = m;
	if (level > it->level)
		it->level = level;
	return CLINT_OK;
}

int clint_diag_addv(clint_diag *diag, clint_diag_level level, const char *file,
                    unsigned line, unsigned column, const char *fmt, va_list ap)
{
	clint_buf b = CLINT_BUF_INIT;
	diag_item *it;
	va_list cp;
	int n;

	if (!diag)
		return CLINT_OK;
	if (diag->count >= CLINT_DIAG_MAX_ENTRIES && level != CLINT_DIAG_ERROR)
		return more_entries(diag, level, file);
	if (ARRAY_PUSH(diag->items, diag->count, diag->cap) < 0)
		return CLINT_ENOMEM;
	va_copy(cp, ap);
	n = clint_vsnprintf_c(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || clint_buf_grow(&b, (size_t)n) < 0) {
		clint_buf_free(&b);
		return CLINT_ENOMEM;
	}
	clint_vsnprintf_c(b.data, (size_t)n + 1, fmt, ap);
	b.len = (size_t)n;
	it = &diag->items[diag->count];
	it->level = level;
	it->line = line;
	it->column = column;
	it->message = clint_buf_detach(&b, NULL);
	it->file = file ? clint_strdup(file) : NULL;
	if (file && !it->file) {
		free(it->message);
		return CLINT_ENOMEM;
	}
	clint_term_safe(it->message);
	diag->count++;
	return CLINT_OK;
}

int clint_diag_add(clint_diag *diag, clint_diag_level level, const char *file,
                   unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = clint_diag_addv(diag, level, file, line, column, fmt, ap);
	va_end(ap);
	return rc;
}
