/*
 * output.c - where the report goes: standard output, or --output FILE
 * written atomically. The report is written to a temporary file in the
 * same directory (so the rename cannot cross file systems) and renamed
 * over FILE only once it is complete and flushed to disk; a run that
 * fails, or is interrupted by SIGINT/SIGTERM/SIGHUP, removes the
 * temporary file and leaves the previous FILE untouched. A FILE that
 * exists and is not a regular file (/dev/null, a FIFO) or is a symbolic
 * link (/dev/stdout) is written to directly: the rename would have
 * replaced the device, pipe or link with a regular file (run as root,
 * /dev/null became one). A FILE of several hard links gets the complete
 * report copied into it instead of renamed over it, which keeps its
 * other names.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The temporary file a signal handler must remove (one at a time). */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
	char *tmp = pending_tmp;

	if (tmp)
		unlink(tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard(char *tmp)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	size_t i;

	pending_tmp = tmp;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tmp ? on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* True if descriptor fd is open on the file of `st`. */
static int same_file(int fd, const struct stat *st)
{
	struct stat fs;

	return fstat(fd, &fs) == 0 && fs.st_dev == st->st_dev &&
	       fs.st_ino == st->st_ino;
}

int cli_output_open(cli_output *out, const char *path)
{
	const char *slash;
	size_t dirlen;
	mode_t mask;
	int fd;

	struct stat st;

	memset(out, 0, sizeof(*out));
	if (!path) {
		out->fp = stdout;
		return 0;
	}
	/* a link to a regular file: that file is replaced atomically, as a
	 * FILE named directly would be (written through, a run that failed
	 * left it truncated, and an input it pointed to was emptied before
	 * it was read); not one open as standard output or error (/dev/stdout
	 * with stdout redirected), which is written through */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    !same_file(STDOUT_FILENO, &st) && !same_file(STDERR_FILENO, &st)) {
		char *real = realpath(path, NULL);
		int rc;

		if (real) {
			rc = cli_output_open(out, real);
			free(real);
			return rc;
		}
	}
	/* a directory: refused now, not by the rename once every input has
	 * been checked */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	/* a symbolic link too: the rename would replace the link, not write
	 * where it points (/dev/stdout, with stdout a file, is a link to it) */
	if (lstat(path, &st) == 0 &&
	    (S_ISLNK(st.st_mode) ||
	     (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)))) {
		out->path = strdup(path);
		if (!out->path) {
			errno = ENOMEM;
			goto fail;
		}
		out->fp = fopen(path, "w");
		if (!out->fp)
			goto fail;
		return 0;
	}
	out->path = strdup(path);
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	out->tmp = malloc(strlen(path) + 16);
	if (!out->path || !out->tmp) {
		errno = ENOMEM;
		goto fail;
	}
	/* "dir/.report.json.XXXXXX" beside "dir/report.json"; for a name
	 * within 8 bytes of NAME_MAX, that would be too long (a valid name
	 * of 250 bytes failed): "dir/.clauselint.XXXXXX" */
	memcpy(out->tmp, path, dirlen);
	if (strlen(path + dirlen) + 8 > NAME_MAX)
		sprintf(out->tmp + dirlen, ".clauselint.XXXXXX");
	else
		sprintf(out->tmp + dirlen, ".%s.XXXXXX", path + dirlen);
	fd = mkstemp(out->tmp);
	if (fd < 0 && (errno == EACCES || errno == EPERM) &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink > 1) {
		/* a file of several hard links is copied into, not renamed
		 * over (below): its temporary file need not be beside it, in a
		 * directory we may not write (written through, as it was
		 * before, the report went there) */
		const char *dir = getenv("TMPDIR");
		char *t;

		if (!dir || !*dir)
			dir = "/tmp";
		t = malloc(strlen(dir) + sizeof("/.clauselint.XXXXXX"));
		if (!t) {
			errno = ENOMEM;
			goto fail;
		}
		sprintf(t, "%s/.clauselint.XXXXXX", dir);
		free(out->tmp);
		out->tmp = t;
		fd = mkstemp(out->tmp);
	}
	if (fd < 0)
		goto fail;
	/* mkstemp makes it 0600; a new report gets the usual 0666 & ~umask,
	 * one that replaces a file keeps that file's mode and, where we may
	 * give it, its owner (a private report stays private) */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		/* a file of several hard links: the rename would split it from
		 * its other names, so the complete report is copied into it
		 * (written through as it was made, an input that is one of
		 * its names was emptied before it was read); its temporary
		 * file, perhaps in TMPDIR, stays private */
		out->copy = st.st_nlink > 1;
		if (out->copy && access(path, W_OK) != 0) {
			int e = errno;
			close(fd);
			unlink(out->tmp);
			errno = e;
			goto fail;
		}
		if (!out->copy) {
			fchmod(fd, st.st_mode & 07777);
			if (fchown(fd, st.st_uid, st.st_gid) != 0) {
				/* not ours to give: the replacement is the caller's */
			}
		}
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	guard(out->tmp);
	out->fp = fdopen(fd, "w");
	if (!out->fp) {
		int e = errno;
		close(fd);
		unlink(out->tmp);
		guard(NULL);
		errno = e;
		goto fail;
	}
	return 0;
fail:
	out->err = errno;
	free(out->path);
	free(out->tmp);
	out->path = out->tmp = NULL;
	errno = out->err;
	return -1;
}

/* Copies the whole of descriptor `from` into the file `path`, which keeps
 * its inode (and so its other hard links); -1 with errno set. */
static int copy_into(int from, const char *path)
{
	char buf[65536];
	ssize_t n;
	int to, e;

	if (lseek(from, 0, SEEK_SET) != 0)
		return -1;
	to = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (to < 0)
		return -1;
	while ((n = read(from, buf, sizeof(buf))) != 0) {
		size_t done = 0;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		while (done < (size_t)n) {
			ssize_t w = write(to, buf + done, (size_t)n - done);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				goto fail;
			done += (size_t)w;
		}
	}
	if (fsync(to) != 0)
		goto fail;
	return close(to);
fail:
	e = errno;
	close(to);
	errno = e;
	return -1;
}

int cli_output_write(void *userdata, const char *data, size_t len)
{
	cli_output *out = userdata;

	if (out->failed)
		return -1;
	if (fwrite(data, 1, len, out->fp) != len) {
		out->failed = 1;
		out->err = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

int cli_output_commit(cli_output *out)
{
	int rc = 0;

	if (!out->path) {
		if (out->failed || fflush(stdout) != 0) {
			errno = out->err ? out->err : errno;
			return -1;
		}
		return 0;
	}
	if (!out->tmp) {  /* a device or pipe, written to directly */
		if ((out->failed || fflush(out->fp) != 0) && !out->err)
			out->err = errno;
		if (fclose(out->fp) != 0 && !out->err)
			out->err = errno;
		rc = out->failed || out->err ? -1 : 0;
		out->fp = NULL;
		free(out->path);
		out->path = NULL;
		errno = out->err;
		return rc;
	}
	if (out->failed || fflush(out->fp) != 0 || fsync(fileno(out->fp)) != 0) {
		if (!out->err)
			out->err = errno;
		rc = -1;
	}
	if (rc == 0 && out->copy && copy_into(fileno(out->fp), out->path) != 0) {
		out->err = errno;
		rc = -1;
	}
	if (fclose(out->fp) != 0 && rc == 0) {
		out->err = errno;
		rc = -1;
	}
	out->fp = NULL;
	if (rc == 0 && !out->copy && rename(out->tmp, out->path) != 0) {
		out->err = errno;
		rc = -1;
	}
	if (rc < 0 || out->copy)
		unlink(out->tmp);
	guard(NULL);
	free(out->tmp);
	free(out->path);
	out->tmp = out->path = NULL;
	errno = out->err;
	return rc;
}

void cli_output_abort(cli_output *out)
{
	if (!out->path)
		return;
	if (out->fp)
		fclose(out->fp);
	out->fp = NULL;
	if (out->tmp)
		unlink(out->tmp);
	guard(NULL);
	free(out->tmp);
	free(out->path);
	out->tmp = out->path = NULL;
}
