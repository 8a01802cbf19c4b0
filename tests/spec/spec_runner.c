/*
 * spec_runner.c - runs spec files: contract text, then the findings it
 * must produce. Format (see tests/spec/README.md):
 *
 *   ### case: what the case shows          (or "### case [markdown]: ...")
 *   ...contract text...
 *   --- expect
 *   finding RULE-ID @ LINE:COL            (a finding of RULE at that place;
 *   finding RULE-ID @ LINE                 line relative to the case text)
 *   finding RULE-ID
 *   no-finding RULE-ID
 *   missing RULE-ID
 *   present RULE-ID
 *   section LINE "§ 9.2 Service Credits"   (the section label at LINE)
 *   exact                                  (no findings beyond those listed)
 *
 * Lines starting with "#" outside a case's text are comments. The runner
 * checks against all built-in packs (opt-in ones too), plus --pack FILE. With --coverage it
 * also fails when a loaded rule is named by no expectation.
 * Prints "N passed, N failed" and exits 1 on any failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clauselint.h"

typedef struct {
	char *data;
	size_t len, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data) {
			perror("spec_runner");
			exit(2);
		}
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

typedef struct {
	const char *file;
	unsigned line;       /* line of "### case" */
	char title[256];
	int markdown;
	sbuf text;
	sbuf expect;         /* expectation lines, '\n'-separated */
	unsigned expect_line;
} spec_case;

static size_t passed, failed;
static unsigned char *covered;

static void fail(const spec_case *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(const spec_case *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%u: FAIL (%s): ", c->file, c->line, c->title);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void cover(const clint_ruleset *rs, const char *id)
{
	size_t i = clint_ruleset_find(rs, id);

	if (i != (size_t)-1)
		covered[i] = 1;
}

static int has_finding(const clint_result *res, const char *id, unsigned line,
                       unsigned col, unsigned char *used)
{
	clint_finding f;
	size_t i;

	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_result_finding(res, i, &f);
		if (strcmp(f.rule_id, id) != 0)
			continue;
		if (line && f.begin_loc.line != line)
			continue;
		if (col && f.begin_loc.column != col)
			continue;
		used[i] = 1;
		return 1;
	}
	return 0;
}

static int in_list(const clint_result *res, const char *id, int missing)
{
	clint_finding f;
	size_t i, n = missing ? clint_result_missing_count(res)
	                      : clint_result_present_count(res);

	for (i = 0; i < n; i++) {
		if (missing)
			clint_result_missing(res, i, &f);
		else
			clint_result_present(res, i, &f);
		if (strcmp(f.rule_id, id) == 0)
			return 1;
	}
	return 0;
}

static void run_case(spec_case *c, const clint_ruleset *rs)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	clint_result *res = NULL;
	clint_diag *diag = NULL;
	unsigned char *used = NULL;
	char *line, *save = NULL, id[128], want[256];
	int ok = 1, exact = 0;
	unsigned l, col;
	size_t i;

	o.format = c->markdown ? CLINT_INPUT_MARKDOWN : CLINT_INPUT_TEXT;
	clint_diag_new(&diag);
	if (clint_doc_load_buffer(&doc, c->title, c->text.data ? c->text.data : "",
	                          c->text.len, &o, diag) < 0 ||
	    clint_check(&res, rs, doc, NULL, diag) < 0) {
		fail(c, "the case text cannot be checked");
		failed++;
		goto done;
	}
	used = calloc(clint_result_finding_count(res) + 1, 1);
	for (line = strtok_r(c->expect.data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!*line || *line == '#')
			continue;
		l = col = 0;
		if (strcmp(line, "exact") == 0) {
			exact = 1;
		} else if (sscanf(line, "finding %127s @ %u:%u", id, &l, &col) >= 2 ||
		           sscanf(line, "finding %127s", id) == 1) {
			cover(rs, id);
			if (!has_finding(res, id, l, col, used)) {
				snprintf(want, sizeof(want), "%s at %u:%u", id, l, col);
				fail(c, "expected finding %s", want);
				ok = 0;
			}
		} else if (sscanf(line, "no-finding %127s", id) == 1) {
			cover(rs, id);
			if (has_finding(res, id, 0, 0, used)) {
				fail(c, "unexpected finding %s", id);
				ok = 0;
			}
		} else if (sscanf(line, "missing %127s", id) == 1) {
			cover(rs, id);
			if (!in_list(res, id, 1)) {
				fail(c, "expected clause %s to be missing", id);
				ok = 0;
			}
		} else if (sscanf(line, "present %127s", id) == 1) {
			cover(rs, id);
			if (!in_list(res, id, 0)) {
				fail(c, "expected clause %s to be present", id);
				ok = 0;
			}
		} else if (sscanf(line, "section %u \"%255[^\"]\"", &l, want) == 2) {
			size_t off = 0, s;
			clint_section sec;
			const char *t = clint_doc_text(doc, NULL);
			unsigned k = 1;
			for (off = 0; t[off] && k < l; off++)
				if (t[off] == '\n')
					k++;
			s = clint_doc_section_at(doc, off);
			if (s == CLINT_NO_SECTION || clint_doc_section(doc, s, &sec) < 0 ||
			    strcmp(sec.label, want) != 0) {
				fail(c, "expected section \"%s\", got \"%s\"", want,
				     s == CLINT_NO_SECTION ? "(none)" : sec.label);
				ok = 0;
			}
		} else {
			fail(c, "bad expectation line: %s", line);
			ok = 0;
		}
	}
	if (exact) {
		clint_finding f;
		for (i = 0; i < clint_result_finding_count(res); i++) {
			if (used[i])
				continue;
			clint_result_finding(res, i, &f);
			snprintf(want, sizeof(want), "%s at %u:%u", f.rule_id,
			         f.begin_loc.line, f.begin_loc.column);
			fail(c, "finding not expected (exact): %s", want);
			ok = 0;
		}
	}
	if (ok)
		passed++;
	else
		failed++;
done:
	free(used);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_diag_free(diag);
}

static void run_file(const char *path, const clint_ruleset *rs)
{
	FILE *f = fopen(path, "r");
	char buf[8192];
	spec_case c;
	int in_case = 0, in_expect = 0;
	unsigned lineno = 0;

	if (!f) {
		perror(path);
		failed++;
		return;
	}
	memset(&c, 0, sizeof(c));
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		if (strncmp(buf, "### case", 8) == 0) {
			char *colon = strchr(buf, ':');
			if (in_case)
				run_case(&c, rs);
			free(c.text.data);
			free(c.expect.data);
			memset(&c, 0, sizeof(c));
			c.file = path;
			c.line = lineno;
			c.markdown = strstr(buf, "[markdown]") != NULL;
			snprintf(c.title, sizeof(c.title), "%s",
			         colon ? colon + 1 + strspn(colon + 1, " ") : "");
			c.title[strcspn(c.title, "\n")] = '\0';
			in_case = 1;
			in_expect = 0;
			continue;
		}
		if (!in_case)
			continue;
		if (!in_expect && strcmp(buf, "--- expect\n") == 0) {
			in_expect = 1;
			c.expect_line = lineno;
			continue;
		}
		if (in_expect)
			sb_put(&c.expect, buf, strlen(buf));
		else
			sb_put(&c.text, buf, strlen(buf));
	}
	if (in_case)
		run_case(&c, rs);
	free(c.text.data);
	free(c.expect.data);
	fclose(f);
}

int main(int argc, char **argv)
{
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	const char *packs[128];
	int i, coverage = 0, uncovered = 0;
	size_t r;

	ro.pack_paths = packs;
	/* every shipped rule is under test: opt-in built-in packs too */
	for (r = 0; r < clint_builtin_pack_count() && ro.pack_path_count < 64; r++)
		if (!clint_builtin_pack_is_default(r))
			packs[ro.pack_path_count++] = clint_builtin_pack_name(r);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--pack") == 0 && i + 1 < argc &&
		    ro.pack_path_count < 128)
			packs[ro.pack_path_count++] = argv[++i];
		else if (strcmp(argv[i], "--coverage") == 0)
			coverage = 1;
	}
	clint_diag_new(&diag);
	if (clint_ruleset_load(&rs, &ro, diag) < 0) {
		clint_diag_entry e;
		for (r = 0; r < clint_diag_count(diag); r++) {
			clint_diag_get(diag, r, &e);
			fprintf(stderr, "%s:%u: %s\n", e.file ? e.file : "", e.line,
			        e.message);
		}
		return 2;
	}
	covered = calloc(clint_ruleset_rule_count(rs) + 1, 1);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--pack") == 0) {
			i++;
			continue;
		}
		if (argv[i][0] == '-')
			continue;
		run_file(argv[i], rs);
	}
	if (coverage) {
		clint_rule_info info;
		for (r = 0; r < clint_ruleset_rule_count(rs); r++) {
			if (covered[r])
				continue;
			clint_ruleset_rule(rs, r, &info);
			fprintf(stderr, "spec: no spec case names rule '%s' (%s)\n",
			        info.id, info.pack);
			uncovered++;
		}
	}
	printf("spec: %zu passed, %zu failed\n", passed, failed);
	free(covered);
	clint_ruleset_free(rs);
	clint_diag_free(diag);
	return failed || uncovered ? 1 : 0;
}
