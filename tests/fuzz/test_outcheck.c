/*
 * test_outcheck.c - the oracles of outcheck.h, which the check and diff
 * harnesses apply to every output they render: an output they must
 * refuse aborts, one they must accept passes, including one whose parse
 * does not fit jansson's arena, and one parsed after it. Each case that
 * must abort runs in a child process, and must say why on standard
 * error. Run by `make fuzz-replay`.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outcheck.h"

static int failed;

typedef void (*oracle_fn)(const fuzz_out *o, int lines);

static void as_text(const fuzz_out *o, int lines)
{
	(void)lines;
	fuzz_out_plain(o);
}

/* The child's standard error, read back (its first 1 KiB). */
static char child_err[1024];

/* Runs `oracle` on s in a child, its standard error in child_err: 1 if
 * it aborted, 0 if it returned, -1 if it ended otherwise. */
static int aborts(oracle_fn oracle, const char *s, size_t len, int lines)
{
	fuzz_out o = {(char *)s, len, len};
	FILE *err = tmpfile();
	size_t n;
	int status;
	pid_t pid;

	if (!err) {
		perror("test_outcheck: tmpfile");
		exit(2);
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("test_outcheck: fork");
		exit(2);
	}
	if (pid == 0) {
		if (dup2(fileno(err), STDERR_FILENO) < 0)
			_exit(3);
		oracle(&o, lines);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("test_outcheck: waitpid");
		exit(2);
	}
	rewind(err);
	n = fread(child_err, 1, sizeof(child_err) - 1, err);
	child_err[n] = '\0';
	fclose(err);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT)
		return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return -1;
}

/* A case: the oracle must refuse s (abort, saying why: "outcheck: ..."),
 * or accept it and return. An abort for another reason (a sanitizer's
 * report, with abort_on_error) is neither. */
static void expect(const char *what, oracle_fn oracle, const char *s,
                   size_t len, int lines, int must_abort)
{
	int rc = aborts(oracle, s, len, lines);

	if (rc == 1 && strncmp(child_err, "outcheck: ", 10) != 0)
		rc = -1;
	if (rc != must_abort) {
		fprintf(stderr, "test_outcheck: FAIL: %s was %s\n", what,
		        rc < 0 ? "not judged (the child failed)"
		        : must_abort ? "accepted" : "refused");
		if (*child_err)
			fprintf(stderr, "%s%s", child_err,
			        child_err[strlen(child_err) - 1] == '\n' ? "" : "\n");
		failed = 1;
	}
}

#define JSON(what, lit, lines, must_abort) \
	expect(what, fuzz_out_json, lit, sizeof(lit) - 1, lines, must_abort)
#define TEXT(what, lit, must_abort) \
	expect(what, as_text, lit, sizeof(lit) - 1, 0, must_abort)

/* "[0,0,...,0]" of n numbers: jansson's tree of it is about 50 bytes a
 * number, so a million of them are more than twice the arena */
static char *big_array(size_t n, size_t *len)
{
	char *s = malloc(2 * n + 2);
	size_t i;

	if (!s) {
		perror("test_outcheck");
		exit(2);
	}
	s[0] = '[';
	for (i = 0; i < n; i++) {
		s[1 + 2 * i] = '0';
		s[2 + 2 * i] = ',';
	}
	s[2 * n] = ']';
	*len = 2 * n + 1;
	return s;
}

int main(void)
{
#ifdef FUZZ_JANSSON
	size_t len;
	char *big;

	JSON("an object", "{\"a\": [1, 2.5, \"\\u00e9\", true, null]}", 0, 0);
	JSON("a key twice", "{\"a\": 1, \"a\": 2}", 0, 1);
	JSON("an empty element", "{\"hunks\": [, {}]}", 0, 1);
	JSON("NaN", "{\"amount\": NaN}", 0, 1);
	JSON("infinity", "{\"amount\": inf}", 0, 1);
	JSON("invalid UTF-8", "[\"\xff\"]", 0, 1);
	JSON("text after the value", "{} {}", 0, 1);
	JSON("an empty output", "", 0, 1);
	JSON("JSON Lines", "{\"a\": 1}\n{\"b\": 2}\n", 1, 0);
	JSON("JSON Lines with a bad line", "{\"a\": 1}\n{\"b\": }\n", 1, 1);
	JSON("two values, not as JSON Lines", "{\"a\": 1}\n{\"b\": 2}\n", 0, 1);

	/* past the arena: the rest of the tree from malloc(), all freed
	 * (LeakSanitizer, in the sanitized run) */
	big = big_array(1000000, &len);
	expect("an array of a million numbers", fuzz_out_json, big, len, 0, 0);
	big[len - 1] = ',';  /* "[0,...,0," */
	expect("that array unclosed", fuzz_out_json, big, len, 0, 1);
	big[len - 1] = ']';
	/* here, not in a child: the arena filled, then started over */
	{
		fuzz_out o = {big, len, len};
		fuzz_out_json(&o, 0);
		if (json_arena_used < JSON_ARENA_SIZE - 4096) {
			fprintf(stderr, "test_outcheck: FAIL: a million numbers took "
			                "%zu bytes of the arena\n", json_arena_used);
			failed = 1;
		}
		o.data = (char *)"{\"a\": [1]}";
		o.len = o.cap = strlen(o.data);
		fuzz_out_json(&o, 0);
		if (json_arena_used > 4096) {
			fprintf(stderr, "test_outcheck: FAIL: the arena was not started "
			                "over (%zu bytes used)\n", json_arena_used);
			failed = 1;
		}
	}
	free(big);
#else
	fprintf(stderr, "test_outcheck: built without jansson: the JSON oracle "
	                "is not tested\n");
#endif
	TEXT("plain text", "Clause 4.1: \"fees\" \xc3\xa9\n", 0);
	TEXT("an escape", "fees\x1b[31m\n", 1);
	TEXT("a carriage return", "fees\r\n", 1);
	TEXT("DEL", "fees\x7f\n", 1);
	TEXT("a C1 control", "fees\xc2\x9b\n", 1);
	if (!failed)
		printf("outcheck oracles: all cases as expected\n");
	return failed;
}
