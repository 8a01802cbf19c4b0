/*
 * test_util.c - buffers, arrays, UTF-8, diagnostics, version and names
 * (src/lib/util.c).
 */
#include "unit.h"

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* ---- buffers -------------------------------------------------------------- */

static void test_buf_growth(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		assert_int_equal(clint_buf_putc(&b, (char)('a' + i % 26)), CLINT_OK);
	assert_int_equal(b.len, 1000);
	assert_true(b.cap >= b.len + 1);
	assert_int_equal(b.data[1000], '\0');
	assert_int_equal(b.data[0], 'a');
	assert_int_equal(b.data[25], 'z');
	assert_int_equal(b.data[999], 'a' + 999 % 26);

	/* put, puts and printf append after what is there */
	b.len = 0;
	assert_int_equal(clint_buf_put(&b, "ab", 2), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "cd"), CLINT_OK);
	assert_int_equal(clint_buf_printf(&b, "-%d-%s", 42, "x"), CLINT_OK);
	assert_int_equal(clint_buf_put(&b, NULL, 0), CLINT_OK);
	assert_int_equal(b.len, 9);
	assert_string_equal(b.data, "abcd-42-x");
	clint_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void test_buf_printf_large(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(clint_buf_printf(&b, "<%s>", big), CLINT_OK);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[b.len - 1], '>');
	assert_int_equal(b.data[b.len], '\0');
	clint_buf_free(&b);
}

static void test_buf_limit(void **state)
{
	clint_buf b = CLINT_BUF_INIT;

	(void)state;
	b.limit = 10;
	/* exactly the limit fits */
	assert_int_equal(clint_buf_put(&b, "0123456789", 10), CLINT_OK);
	assert_int_equal(b.len, 10);
	/* one more byte does not, and the buffer is left as it was */
	assert_int_equal(clint_buf_putc(&b, 'x'), CLINT_ELIMIT);
	assert_int_equal(clint_buf_puts(&b, "yz"), CLINT_ELIMIT);
	assert_int_equal(clint_buf_printf(&b, "%d", 7), CLINT_ELIMIT);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	clint_buf_free(&b);

	/* a single request larger than the limit */
	b.limit = 4;
	assert_int_equal(clint_buf_put(&b, "12345", 5), CLINT_ELIMIT);
	assert_int_equal(b.len, 0);
	assert_int_equal(clint_buf_grow(&b, (size_t)-1), CLINT_ELIMIT);
	clint_buf_free(&b);

	/* without a limit, absurd sizes are refused instead of wrapping */
	b.limit = 0;
	assert_int_equal(clint_buf_grow(&b, SIZE_MAX), CLINT_ELIMIT);
	assert_int_equal(clint_buf_grow(&b, SIZE_MAX / 2 + 1), CLINT_ELIMIT);
	clint_buf_free(&b);
}

static void test_buf_utf8_and_detach(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	assert_int_equal(clint_buf_put_utf8(&b, 'A'), CLINT_OK);
	assert_int_equal(clint_buf_put_utf8(&b, 0xE9), CLINT_OK);
	assert_int_equal(clint_buf_put_utf8(&b, 0x20AC), CLINT_OK);
	assert_int_equal(clint_buf_put_utf8(&b, 0x1F600), CLINT_OK);
	/* surrogates and values beyond U+10FFFF become U+FFFD */
	assert_int_equal(clint_buf_put_utf8(&b, 0xD800), CLINT_OK);
	assert_int_equal(clint_buf_put_utf8(&b, 0x110000), CLINT_OK);
	s = clint_buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
	                       "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_int_equal(len, 16);
	/* the buffer is empty again and reusable */
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);

	/* detaching an empty buffer gives an empty string, not NULL */
	s = clint_buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
}

/* Reads a tmpfile holding `n` bytes of a pattern back with clint_buf_read. */
static int read_back(size_t n, size_t limit, clint_buf *b)
{
	FILE *f = tmpfile();
	size_t i;
	int rc;

	assert_non_null(f);
	for (i = 0; i < n; i++)
		assert_int_not_equal(fputc('a' + (int)(i % 26), f), EOF);
	rewind(f);
	rc = clint_buf_read(b, f, limit);
	fclose(f);
	return rc;
}

static void test_buf_read(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	size_t i;

	(void)state;
	/* an empty file gives an empty, NUL-terminated buffer */
	assert_int_equal(read_back(0, 100, &b), CLINT_OK);
	assert_int_equal(b.len, 0);
	assert_non_null(b.data);
	assert_int_equal(b.data[0], '\0');
	clint_buf_free(&b);

	/* exactly the limit is accepted, across several 64 KiB chunks */
	assert_int_equal(read_back(200000, 200000, &b), CLINT_OK);
	assert_int_equal(b.len, 200000);
	assert_int_equal(b.data[200000], '\0');
	for (i = 0; i < b.len; i += 9973)
		assert_int_equal(b.data[i], 'a' + (int)(i % 26));
	/* grown with the file: not far past what it holds */
	assert_true(b.cap <= 2 * (200000 + 65536 + 1));
	clint_buf_free(&b);

	/* one byte over the limit is refused, small and large limits alike */
	assert_int_equal(read_back(11, 10, &b), CLINT_ELIMIT);
	clint_buf_free(&b);
	assert_int_equal(read_back(200001, 200000, &b), CLINT_ELIMIT);
	clint_buf_free(&b);

	/* appends after what the buffer already holds; the limit is the file's */
	assert_int_equal(clint_buf_puts(&b, "head:"), CLINT_OK);
	assert_int_equal(read_back(10, 10, &b), CLINT_OK);
	assert_string_equal(b.data, "head:abcdefghij");
	clint_buf_free(&b);
}

/* A file, a directory, a device, a missing file, a FIFO nobody writes to
 * and a pipe whose writer is slow, read with clint_buf_read_file(). */
static void test_buf_read_file(void **state)
{
	char dir[] = "/tmp/clint-test-XXXXXX", path[64];
	clint_buf b = CLINT_BUF_INIT;
	const char *why;
	int p[2];
	pid_t pid;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.txt", dir);
	{
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs("abc", f);
		fclose(f);
	}
	assert_int_equal(clint_buf_read_file(&b, path, 3, &why), CLINT_OK);
	assert_null(why);
	assert_string_equal(b.data, "abc");
	clint_buf_free(&b);
	assert_int_equal(clint_buf_read_file(&b, path, 2, &why), CLINT_ELIMIT);
	clint_buf_free(&b);
	unlink(path);
	assert_int_equal(clint_buf_read_file(&b, path, 10, &why), CLINT_EIO);
	assert_string_equal(why, strerror(ENOENT));

	assert_int_equal(clint_buf_read_file(&b, dir, 10, &why), CLINT_EIO);
	assert_string_equal(why, "is a directory");
	/* /dev/zero would be read to the limit, /dev/tty wait for a typist */
	assert_int_equal(clint_buf_read_file(&b, "/dev/zero", 10, &why), CLINT_EIO);
	assert_non_null(strstr(why, "not a regular file"));
	assert_int_equal(clint_buf_read_file(&b, "/dev/null", 10, &why), CLINT_EIO);

	/* a FIFO without a writer: refused at once, not a wait for ever (the
	 * alarm's default action ends the test if it does wait) */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10);
	assert_int_equal(clint_buf_read_file(&b, path, 10, &why), CLINT_EIO);
	alarm(0);
	assert_string_equal(why, "is a pipe that nothing was written to");
	clint_buf_free(&b);
	unlink(path);

	/* a pipe whose writer writes late: reads block again once it is
	 * open, so the text arrives (non-blocking reads would fail) */
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		usleep(200 * 1000);
		_exit(write(p[1], "late", 4) == 4 ? 0 : 1);
	}
	close(p[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", p[0]);
	alarm(10);
	assert_int_equal(clint_buf_read_file(&b, path, 10, &why), CLINT_OK);
	alarm(0);
	assert_string_equal(b.data, "late");
	clint_buf_free(&b);
	close(p[0]);
	waitpid(pid, NULL, 0);
	rmdir(dir);
}

/* A diag keeps CLINT_DIAG_MAX_ENTRIES notes and warnings and counts the
 * rest in one entry (the file of the first, their highest level); errors
 * are always kept, the reason a document was refused among them; clearing
 * starts over. */
static void test_diag_cap(void **state)
{
	clint_diag *d;
	clint_diag_entry e;
	size_t i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	for (i = 0; i < CLINT_DIAG_MAX_ENTRIES; i++)
		assert_int_equal(clint_diag_add(d, CLINT_DIAG_NOTE, "f", 0, 0,
		                                "note %zu", i), CLINT_OK);
	assert_int_equal(clint_diag_count(d), CLINT_DIAG_MAX_ENTRIES);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_NOTE, "g", 0, 0, "x"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_get(d, CLINT_DIAG_MAX_ENTRIES, &e), CLINT_OK);
	assert_string_equal(e.message, "1 more message not shown");
	assert_string_equal(e.file, "g");
	assert_int_equal(e.level, CLINT_DIAG_NOTE);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_ERROR, "f", 0, 0, "bad"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_WARNING, "f", 0, 0, "w"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_count(d), CLINT_DIAG_MAX_ENTRIES + 2);
	assert_int_equal(clint_diag_get(d, CLINT_DIAG_MAX_ENTRIES, &e), CLINT_OK);
	assert_string_equal(e.message, "2 more messages not shown");
	assert_int_equal(e.level, CLINT_DIAG_WARNING);
	assert_int_equal(clint_diag_get(d, CLINT_DIAG_MAX_ENTRIES + 1, &e),
	                 CLINT_OK);
	assert_string_equal(e.message, "bad");
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);
	clint_diag_clear(d);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_NOTE, "f", 0, 0, "again"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.message, "again");
	assert_int_equal(clint_diag_count(d), 1);
	clint_diag_free(d);
}

/* the public reader: the same rules, the reasons in a diag with the file */
static void test_file_read(void **state)
{
	char dir[] = "/tmp/clint-test-XXXXXX", path[64];
	clint_diag *diag;
	clint_diag_entry e;
	char *data = (char *)1;
	size_t len = 99;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	snprintf(path, sizeof(path), "%s/f.txt", dir);
	{
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs("a\nb", f);
		fclose(f);
	}
	assert_int_equal(clint_file_read(&data, &len, path, 3, diag), CLINT_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "a\nb", 4);  /* NUL-terminated */
	assert_int_equal(clint_diag_count(diag), 0);
	clint_file_free(data);

	assert_int_equal(clint_file_read(&data, &len, path, 2, diag),
	                 CLINT_ELIMIT);
	assert_null(data);
	assert_int_equal(len, 0);
	assert_int_equal(clint_diag_get(diag, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, path);
	assert_string_equal(e.message, "file is larger than the limit of 2 bytes");
	clint_diag_clear(diag);

	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10);
	assert_int_equal(clint_file_read(&data, &len, path, 10, diag), CLINT_EIO);
	alarm(0);
	assert_null(data);
	assert_int_equal(clint_diag_get(diag, 0, &e), CLINT_OK);
	assert_string_equal(e.file, path);
	assert_string_equal(e.message, "is a pipe that nothing was written to");
	unlink(path);
	clint_diag_clear(diag);

	assert_int_equal(clint_file_read(&data, &len, dir, 10, diag), CLINT_EIO);
	assert_int_equal(clint_diag_get(diag, 0, &e), CLINT_OK);
	assert_string_equal(e.message, "is a directory");
	/* a NULL diag discards the reason, the code stays */
	data = (char *)1;
	assert_int_equal(clint_file_read(&data, &len, dir, 10, NULL), CLINT_EIO);
	assert_null(data);
	assert_int_equal(clint_file_read(NULL, &len, dir, 10, NULL), CLINT_EINVAL);
	assert_int_equal(clint_file_read(&data, &len, NULL, 10, NULL),
	                 CLINT_EINVAL);
	clint_file_free(NULL);

	/* SIZE_MAX is no limit (the limit + 1 it reads up to wrapped to 0,
	 * and the read never ended); 0 reads only an empty file */
	snprintf(path, sizeof(path), "%s/f.txt", dir);
	alarm(10);
	assert_int_equal(clint_file_read(&data, &len, path, SIZE_MAX, diag),
	                 CLINT_OK);
	alarm(0);
	assert_int_equal(len, 3);
	clint_file_free(data);
	assert_int_equal(clint_file_read(&data, &len, path, 0, NULL),
	                 CLINT_ELIMIT);
	{
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fclose(f);
	}
	assert_int_equal(clint_file_read(&data, &len, path, 0, diag), CLINT_OK);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	clint_file_free(data);
	clint_diag_free(diag);
	unlink(path);
	rmdir(dir);
}

static void test_array_and_strdup(void **state)
{
	int *items = NULL;
	size_t count = 0, cap = 0, i;
	char *s;

	(void)state;
	for (i = 0; i < 100; i++) {
		assert_int_equal(ARRAY_PUSH(items, count, cap), CLINT_OK);
		assert_true(cap > count);
		items[count++] = (int)i * 3;
	}
	for (i = 0; i < 100; i++)
		assert_int_equal(items[i], (int)i * 3);
	free(items);

	s = clint_strndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = clint_strdup("");
	assert_string_equal(s, "");
	free(s);
}

/* ---- UTF-8 ---------------------------------------------------------------- */

static size_t dec(const char *s, size_t len, uint32_t *cp)
{
	*cp = 0xDEADBEEF;
	return clint_utf8_decode((const unsigned char *)s, len, cp);
}

static void test_utf8_decode_valid(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(dec("\x7F", 1, &cp), 1);
	assert_int_equal(cp, 0x7F);
	assert_int_equal(dec("\xC2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
	assert_int_equal(dec("\xC3\xA9xyz", 5, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3);
	assert_int_equal(cp, 0x800);
	assert_int_equal(dec("\xE2\x82\xAC", 3, &cp), 3);
	assert_int_equal(cp, 0x20AC);
	assert_int_equal(dec("\xED\x9F\xBF", 3, &cp), 3); /* U+D7FF */
	assert_int_equal(cp, 0xD7FF);
	assert_int_equal(dec("\xEE\x80\x80", 3, &cp), 3); /* U+E000 */
	assert_int_equal(cp, 0xE000);
	assert_int_equal(dec("\xF0\x90\x80\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x10000);
	assert_int_equal(dec("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
}

static void test_utf8_decode_overlong(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("\xC0\x80", 2, &cp), 0);          /* NUL */
	assert_int_equal(dec("\xC0\xAF", 2, &cp), 0);          /* '/' */
	assert_int_equal(dec("\xC1\xBF", 2, &cp), 0);
	assert_int_equal(dec("\xE0\x80\xAF", 3, &cp), 0);
	assert_int_equal(dec("\xE0\x9F\xBF", 3, &cp), 0);      /* U+07FF */
	assert_int_equal(dec("\xF0\x80\x80\xAF", 4, &cp), 0);
	assert_int_equal(dec("\xF0\x8F\xBF\xBF", 4, &cp), 0);  /* U+FFFF */
	assert_int_equal(cp, 0xDEADBEEF); /* untouched on failure */
}

static void test_utf8_decode_surrogate_and_range(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("\xED\xA0\x80", 3, &cp), 0);      /* U+D800 */
	assert_int_equal(dec("\xED\xB0\x80", 3, &cp), 0);      /* U+DC00 */
	assert_int_equal(dec("\xED\xBF\xBF", 3, &cp), 0);      /* U+DFFF */
	assert_int_equal(dec("\xF4\x90\x80\x80", 4, &cp), 0);  /* U+110000 */
	assert_int_equal(dec("\xF5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(dec("\xFF", 1, &cp), 0);
	assert_int_equal(dec("\x80", 1, &cp), 0);  /* lone continuation */
	assert_int_equal(dec("\xBF", 1, &cp), 0);
}

static void test_utf8_decode_truncated(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(dec("", 0, &cp), 0);
	assert_int_equal(dec("\xC3", 1, &cp), 0);
	assert_int_equal(dec("\xE2\x82", 2, &cp), 0);
	assert_int_equal(dec("\xF0\x9F\x98", 3, &cp), 0);
	/* the bytes are there but `len` stops before them */
	assert_int_equal(dec("\xE2\x82\xAC", 2, &cp), 0);
	/* a continuation byte is missing */
	assert_int_equal(dec("\xC3\x28", 2, &cp), 0);
	assert_int_equal(dec("\xE2\x28\xA1", 3, &cp), 0);
	assert_int_equal(dec("\xF0\x9F\x28\x80", 4, &cp), 0);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(clint_utf8_valid("", 0));
	assert_true(clint_utf8_valid("plain ascii", 11));
	assert_true(clint_utf8_valid("caf\xC3\xA9 \xE2\x82\xAC", 9));
	assert_false(clint_utf8_valid("caf\xE9", 4));
	assert_false(clint_utf8_valid("ok\xED\xA0\x80", 5));
	assert_false(clint_utf8_valid("cut \xE2\x82", 6));
}

static void test_utf8_count(void **state)
{
	const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";

	(void)state;
	assert_int_equal(clint_utf8_count(s, 0), 0);
	assert_int_equal(clint_utf8_count(s, 1), 1);
	assert_int_equal(clint_utf8_count(s, 3), 2);
	assert_int_equal(clint_utf8_count(s, 6), 3);
	assert_int_equal(clint_utf8_count(s, 10), 4);
	assert_int_equal(clint_utf8_count(s, strlen(s)), 5);
	assert_int_equal(clint_utf8_count("hello", 5), 5);
}

/* The word-at-a-time count agrees with a byte loop at every start and
 * length, whatever the alignment of the multi-byte sequences. */
static void test_utf8_count_long(void **state)
{
	static const char *const pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC",
	                                     "\xF0\x9F\x98\x80", " "};
	char buf[256];
	size_t len = 0, k = 0, start, n, i, want;

	(void)state;
	while (len + 4 < sizeof(buf)) {
		const char *p = pieces[(k * 7 + k / 3) % ARRAY_LEN(pieces)];
		memcpy(buf + len, p, strlen(p));
		len += strlen(p);
		k++;
	}
	for (start = 0; start < 17; start++) {
		for (n = 0; start + n <= len; n++) {
			want = 0;
			for (i = start; i < start + n; i++)
				want += ((unsigned char)buf[i] & 0xC0) != 0x80;
			assert_int_equal(clint_utf8_count(buf + start, n), want);
		}
	}
	/* mostly ASCII, as contracts are: whole 32-byte blocks of it are
	 * counted without a look at each word, and a multi-byte character
	 * every 45 bytes lands at every place of a block */
	for (len = 0; len + 2 < sizeof(buf); len++)
		buf[len] = 'a';
	for (i = 40; i + 2 < sizeof(buf); i += 45) {
		buf[i] = '\xC3';
		buf[i + 1] = '\xA9';
	}
	for (start = 0; start < 40; start++) {
		for (n = 0; start + n <= len; n++) {
			want = 0;
			for (i = start; i < start + n; i++)
				want += ((unsigned char)buf[i] & 0xC0) != 0x80;
			assert_int_equal(clint_utf8_count(buf + start, n), want);
		}
	}
}

/* ---- diagnostics ---------------------------------------------------------- */

static void test_diag_add_get_count(void **state)
{
	clint_diag *d = NULL;
	clint_diag_entry e;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_non_null(d);
	assert_int_equal(clint_diag_count(d), 0);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_NOTE), 0);

	assert_int_equal(clint_diag_add(d, CLINT_DIAG_NOTE, "a.txt", 0, 0,
	                                "decoded as %s", "Windows-1252"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_WARNING, NULL, 3, 4,
	                                "warn %d", 2),
	                 CLINT_OK);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_ERROR, "p.xml", 12, 7,
	                                "%s", "bad pack"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_count(d), 3);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_NOTE), 3);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_WARNING), 2);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);

	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_NOTE);
	assert_string_equal(e.file, "a.txt");
	assert_int_equal(e.line, 0);
	assert_string_equal(e.message, "decoded as Windows-1252");

	assert_int_equal(clint_diag_get(d, 1, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_WARNING);
	assert_null(e.file);
	assert_int_equal(e.line, 3);
	assert_int_equal(e.column, 4);
	assert_string_equal(e.message, "warn 2");

	assert_int_equal(clint_diag_get(d, 2, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, "p.xml");
	assert_int_equal(e.line, 12);
	assert_int_equal(e.column, 7);
	assert_string_equal(e.message, "bad pack");

	assert_int_equal(clint_diag_get(d, 3, &e), CLINT_EINVAL);
	assert_int_equal(clint_diag_get(d, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_diag_get(NULL, 0, &e), CLINT_EINVAL);

	clint_diag_clear(d);
	assert_int_equal(clint_diag_count(d), 0);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_NOTE), 0);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_EINVAL);

	/* usable again after clear */
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_ERROR, "b", 1, 1, "again"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_count(d), 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.message, "again");
	clint_diag_free(d);
}

static void test_diag_many_and_long(void **state)
{
	clint_diag *d = NULL;
	clint_diag_entry e;
	char big[3000];
	size_t i;

	(void)state;
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	for (i = 0; i < 100; i++)
		assert_int_equal(clint_diag_add(d, (clint_diag_level)(i % 3), "f",
		                                (unsigned)i, 0, "entry %zu", i),
		                 CLINT_OK);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_NOTE, NULL, 0, 0, "%s", big),
	                 CLINT_OK);
	assert_int_equal(clint_diag_count(d), 101);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 33);
	assert_int_equal(clint_diag_get(d, 57, &e), CLINT_OK);
	assert_string_equal(e.message, "entry 57");
	assert_int_equal(e.line, 57);
	assert_int_equal(clint_diag_get(d, 100, &e), CLINT_OK);
	assert_int_equal(strlen(e.message), sizeof(big) - 1);
	clint_diag_free(d);
}

/* Messages may quote hostile files and documents: what the diag gives
 * back has no control character and is valid UTF-8, so a terminal
 * printing it runs no escape sequence, while other non-ASCII text (NBSP,
 * the section sign) is kept. The file name is kept as it was given, for
 * a program that opens it. */
static void test_diag_defanged(void **state)
{
	clint_diag *d = NULL;
	clint_diag_entry e;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_diag_add(d, CLINT_DIAG_ERROR,
	                                "a\x1b]0;x\x07" "b\n.txt", 1, 1,
	                                "heading \"%s\"\tquoted",
	                                "\x1b[2J\xc2\x9b" "31m\x7f\xff caf\xc3\xa9"
	                                "\xc2\xa0\xc2\xa7" "2\xe2\x80\xae"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.file, "a\x1b]0;x\x07" "b\n.txt");
	assert_string_equal(e.message, "heading \"?[2J?31m?? caf\xc3\xa9"
	                               "\xc2\xa0\xc2\xa7" "2?\" quoted");
	clint_diag_free(d);
}

/* The one rule for text that goes to a terminal (clint_term_safe()):
 * controls, bytes that are not UTF-8 and the bidirectional embeddings,
 * overrides and isolates become '?'; the marks (LRM, RLM), the
 * neighbours of the replaced ranges and other text are kept. */
static void test_term_safe(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", ""},
		{"plain \xc2\xa7 1.1 caf\xc3\xa9", "plain \xc2\xa7 1.1 caf\xc3\xa9"},
		{"a\tb\nc\rd\x1b[2J\x07\x7f", "a b?c?d?[2J??"},
		{"\xc2\x80\xc2\x9b" "31m\xc2\xa0", "??31m\xc2\xa0"},
		/* invalid: a lone continuation byte, a cut sequence, an overlong
		 * slash, a surrogate */
		{"\x80x\xe2\x80y\xc0\xafz\xed\xa0\x80", "?x??y??z???"},
		/* LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI */
		{"\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae"
		 "|\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", "?????|????"},
		/* "pay 10 days" shown as "pay 01 days" on a bidi terminal */
		{"pay \xe2\x80\xae" "01\xe2\x80\xac days", "pay ?01? days"},
		/* kept: LRM and RLM, and the neighbours of the two ranges,
		 * U+2029, U+202F, U+2065 (unassigned) and U+206A */
		{"\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5"
		 "\xe2\x81\xaa",
		 "\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5"
		 "\xe2\x81\xaa"},
	};
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", cases[i].in);
		assert_int_equal(clint_term_safe(buf), strlen(cases[i].out));
		assert_string_equal(buf, cases[i].out);
	}
	assert_int_equal(clint_term_safe(NULL), 0);
}

static void test_diag_null(void **state)
{
	(void)state;
	/* a NULL diag discards messages */
	assert_int_equal(clint_diag_add(NULL, CLINT_DIAG_ERROR, "f", 1, 1, "x"),
	                 CLINT_OK);
	assert_int_equal(clint_diag_count(NULL), 0);
	assert_int_equal(clint_diag_count_level(NULL, CLINT_DIAG_NOTE), 0);
	assert_int_equal(clint_diag_new(NULL), CLINT_EINVAL);
	clint_diag_clear(NULL);
	clint_diag_free(NULL);
}

/* ---- version, errors and names -------------------------------------------- */

static void test_version(void **state)
{
	char expect[32];

	(void)state;
	assert_string_equal(clint_version(), CLINT_VERSION_STRING);
	assert_int_equal(clint_version_number(), CLINT_VERSION_NUMBER);
	snprintf(expect, sizeof(expect), "%d.%d.%d", CLINT_VERSION_MAJOR,
	         CLINT_VERSION_MINOR, CLINT_VERSION_PATCH);
	assert_string_equal(clint_version(), expect);
	assert_int_equal(clint_version_number(),
	                 CLINT_VERSION_MAJOR * 10000 + CLINT_VERSION_MINOR * 100 +
	                     CLINT_VERSION_PATCH);
}

static void test_strerror(void **state)
{
	static const int codes[] = {
		CLINT_OK,    CLINT_ENOMEM, CLINT_EIO,   CLINT_EFORMAT,
		CLINT_EPACK, CLINT_EINVAL, CLINT_ELIMIT, CLINT_EUNSUPPORTED,
	};
	size_t i, j;

	(void)state;
	assert_string_equal(clint_strerror(CLINT_OK), "success");
	assert_string_equal(clint_strerror(CLINT_ENOMEM), "out of memory");
	assert_string_equal(clint_strerror(CLINT_ELIMIT), "input exceeds a limit");
	assert_string_equal(clint_strerror(CLINT_EUNSUPPORTED),
	                    "unsupported format");
	assert_string_equal(clint_strerror(-99), "unknown error");
	assert_string_equal(clint_strerror(1), "unknown error");
	/* every code has its own, non-empty description */
	for (i = 0; i < ARRAY_LEN(codes); i++) {
		const char *s = clint_strerror(codes[i]);
		assert_non_null(s);
		assert_true(strlen(s) > 0);
		assert_string_not_equal(s, "unknown error");
		for (j = 0; j < i; j++)
			assert_string_not_equal(s, clint_strerror(codes[j]));
	}
}

static void test_severity_names(void **state)
{
	static const clint_severity all[] = {
		CLINT_SEVERITY_INFO, CLINT_SEVERITY_WARNING, CLINT_SEVERITY_ERROR};
	clint_severity s;
	size_t i;

	(void)state;
	assert_string_equal(clint_severity_name(CLINT_SEVERITY_INFO), "info");
	assert_string_equal(clint_severity_name(CLINT_SEVERITY_WARNING), "warning");
	assert_string_equal(clint_severity_name(CLINT_SEVERITY_ERROR), "error");
	for (i = 0; i < ARRAY_LEN(all); i++) {
		s = (clint_severity)-1;
		assert_int_equal(
			clint_severity_from_name(&s, clint_severity_name(all[i])),
			CLINT_OK);
		assert_int_equal(s, all[i]);
	}
	assert_string_equal(clint_severity_name((clint_severity)7), "unknown");
	assert_int_equal(clint_severity_from_name(&s, "fatal"), CLINT_EINVAL);
	assert_int_equal(clint_severity_from_name(&s, "Error"), CLINT_EINVAL);
	assert_int_equal(clint_severity_from_name(&s, ""), CLINT_EINVAL);
	assert_int_equal(clint_severity_from_name(&s, NULL), CLINT_EINVAL);
	assert_int_equal(clint_severity_from_name(NULL, "error"), CLINT_EINVAL);
}

/* More given back than was taken (a bookkeeping bug): a checked
 * (sanitizer) build aborts, so that the tests and the fuzzers see it; a
 * release build counts 0, never below. */
static void assert_over_give(clint_mem *m)
{
#ifdef CLINT_CHECKED
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		clint_mem_give(m, m->used + 5);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
#else
	size_t used = m->used;

	clint_mem_give(m, used + 5);
	assert_int_equal(m->used, 0);
	assert_int_equal(clint_mem_take(m, used), CLINT_OK);
#endif
}

/* A memory budget takes up to its limit and no byte more; what it
 * refuses leaves the array as it was, and sets `over`. */
static void test_mem_budget(void **state)
{
	clint_mem m = {0, 1000, 0};
	int *items = NULL;
	size_t cap = 0, count;

	(void)state;
	assert_int_equal(clint_mem_take(&m, 600), CLINT_OK);
	assert_int_equal(clint_mem_take(&m, 400), CLINT_OK);  /* exactly */
	assert_int_equal(m.over, 0);
	assert_int_equal(clint_mem_take(&m, 1), CLINT_ELIMIT);
	assert_int_equal(m.over, 1);
	assert_int_equal(m.used, 1000);
	assert_int_equal(clint_mem_take(&m, SIZE_MAX), CLINT_ELIMIT);
	assert_over_give(&m);
	assert_int_equal(m.used, 1000);
	clint_mem_give(&m, 1000);
	assert_int_equal(m.used, 0);
	/* 16, 32, 64, 128 ints (64 to 512 bytes); 256 would pass 1000 */
	m.over = 0;
	for (count = 0; count < 128; count++) {
		assert_int_equal(clint_mem_grow(&m, (void **)&items, &cap, count,
		                                sizeof(*items)),
		                 CLINT_OK);
		items[count] = (int)count;
	}
	assert_int_equal(cap, 128);
	assert_int_equal(m.used, 128 * sizeof(*items));
	assert_int_equal(clint_mem_grow(&m, (void **)&items, &cap, 128,
	                                sizeof(*items)),
	                 CLINT_ELIMIT);
	assert_int_equal(cap, 128);
	assert_int_equal(items[127], 127);
	assert_int_equal(m.used, 128 * sizeof(*items));
	assert_int_equal(m.over, 1);
	/* no budget: no limit */
	assert_int_equal(clint_mem_grow(NULL, (void **)&items, &cap, 128,
	                                sizeof(*items)),
	                 CLINT_OK);
	assert_int_equal(cap, 256);
	assert_int_equal(clint_mem_take(NULL, SIZE_MAX), CLINT_OK);
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_printf_large),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_buf_utf8_and_detach),
		cmocka_unit_test(test_buf_read),
		cmocka_unit_test(test_buf_read_file),
		cmocka_unit_test(test_diag_cap),
		cmocka_unit_test(test_file_read),
		cmocka_unit_test(test_array_and_strdup),
		cmocka_unit_test(test_utf8_decode_valid),
		cmocka_unit_test(test_utf8_decode_overlong),
		cmocka_unit_test(test_utf8_decode_surrogate_and_range),
		cmocka_unit_test(test_utf8_decode_truncated),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_count),
		cmocka_unit_test(test_utf8_count_long),
		cmocka_unit_test(test_diag_add_get_count),
		cmocka_unit_test(test_diag_many_and_long),
		cmocka_unit_test(test_diag_defanged),
		cmocka_unit_test(test_term_safe),
		cmocka_unit_test(test_diag_null),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_mem_budget),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
