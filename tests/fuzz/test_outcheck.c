/*
 * test_outcheck.c - the oracles of outcheck.h, which the check and diff
 * harnesses apply to every output they render: an output they must
 * refuse aborts, one they must accept passes, including one whose parse
 * does not fit jansson's arena, and one parsed after it. Each case that
 * must abort runs in a child process. Run by `make fuzz-replay`.
 */
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "outcheck.h"

static int failed;

typedef void (*oracle_fn)(const fuzz_out *o, int lines);

static void as_json(const fuzz_out *o, int lines)
{
	fuzz_out_json(o, lines);
}

static void as_text(const fuzz_out *o, int lines)
{
	(void)lines;
	fuzz_out_plain(o);
}

/* Runs `oracle` on s in a child; 1 if it aborted, 0 if it returned. */
static int aborts(oracle_fn oracle, const char *s, size_t len, int lines)
{
	fuzz_out o = {(char *)s, len, len};
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("test_outcheck: fork");
		exit(2);
	}
	if (pid == 0) {
		/* the abort is expected: its report would only be noise */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		oracle(&o, lines);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("test_outcheck: waitpid");
		exit(2);
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT)
		return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "test_outcheck: child ended with status %#x\n", status);
	exit(2);
}

static void expect(const char *what, oracle_fn oracle, const char *s,
                   size_t len, int lines, int must_abort)
{
	if (aborts(oracle, s, len, lines) != must_abort) {
		fprintf(stderr, "test_outcheck: FAIL: %s was %s\n", what,
		        must_abort ? "accepted" : "refused");
		failed = 1;
	}
}

#define JSON(what, lit, lines, must_abort) \
	expect(what, as_json, lit, sizeof(lit) - 1, lines, must_abort)
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
	 * (LeakSanitizer, in the sanitized run); then a parse that starts
	 * the arena over, in this process, twice */
	big = big_array(1000000, &len);
	expect("an array of a million numbers", as_json, big, len, 0, 0);
	{
		fuzz_out o = {big, len, len};
		fuzz_out_json(&o, 0);
		big[len - 1] = ',';  /* "[0,...,0," */
		expect("that array unclosed", as_json, big, len, 0, 1);
		big[len - 1] = ']';
		fuzz_out_json(&o, 0);
	}
	free(big);
	free(json_arena);
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
