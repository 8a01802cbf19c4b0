/*
 * test_report.c - renderers (src/lib/report/): the JSON report (escaping,
 * key fields, input errors, byte-identical reruns, well-formedness), the
 * compiler-style text report, and every other format (jsonl streaming,
 * SARIF fields, HTML/XML/Markdown escaping of hostile text, GitLab
 * fingerprints, JUnit counts), written through a memory callback.
 */
#include <libxml/parser.h>

#include "unit.h"

#include "../../src/lib/report/report.h"
#include "internal.h"

static const char report_pack[] =
	UNIT_PACK_HEAD("rep")
	UNIT_RULE("req-x", "require", "error", "")
	UNIT_PATTERN("\\bnever present\\b")
	UNIT_EXAMPLE("match", "never present")
	UNIT_RULE_END
	"  <rule id=\"flag-tbd\" kind=\"flag\" severity=\"warning\" "
	"category=\"test\">\n"
	"    <title>Open price</title>\n"
	"    <message>Say \"no\" \\ now</message>\n"
	"    <rationale>Rationale of flag-tbd</rationale>\n"
	"    <ref>Ref of flag-tbd</ref>\n"
	"    <suggestion>Suggestion of flag-tbd</suggestion>\n"
	"    <pattern>\\bTBD\\b</pattern>\n"
	"    <example expect=\"match\">TBD</example>\n"
	"  </rule>\n"
	UNIT_PACK_TAIL;

/* The fixture: a ruleset, a document with awkward characters, its result. */
typedef struct {
	clint_ruleset *rs;
	clint_doc *doc;
	clint_result *res;
} fixture;

static const char doc_name[] = "odd\"name\\with\x01" "ctl\nline.txt";
static const char doc_text[] = "The \"Client\" pays \\ TBD \x01 now.\n";

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	fx->rs = unit_ruleset(report_pack);
	fx->doc = unit_doc_n(doc_name, doc_text, strlen(doc_text),
	                     CLINT_INPUT_TEXT, NULL);
	fx->res = unit_check(fx->rs, fx->doc);
	assert_int_equal(clint_result_finding_count(fx->res), 1);
	assert_int_equal(clint_result_missing_count(fx->res), 1);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;

	clint_result_free(fx->res);
	clint_doc_free(fx->doc);
	clint_ruleset_free(fx->rs);
	free(fx);
	return 0;
}

/* Renders the given results (and an input error after them if `err_file`)
 * into `sink`; returns the first failing return code or 0. */
static int render(unit_sink *sink, clint_output_format fmt, int color,
                  int verbose, const clint_result *const *res, size_t n,
                  const char *err_file, const char *err_msg)
{
	clint_render_options o = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	size_t i;
	int rc;

	o.format = fmt;
	o.color = color;
	o.verbose = verbose;
	assert_int_equal(clint_renderer_new(&r, &o, unit_sink_write, sink),
	                 CLINT_OK);
	for (i = 0; i < n; i++)
		if ((rc = clint_renderer_document(r, res[i])) != CLINT_OK)
			goto done;
	if (err_file &&
	    (rc = clint_renderer_input_error(r, err_file, err_msg)) != CLINT_OK)
		goto done;
	rc = clint_renderer_finish(r);
done:
	clint_renderer_free(r);
	return rc;
}

/* ---- a small JSON checker -------------------------------------------------- */

static const char *json_value(const char *p);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p != '"')
		return NULL;
	for (p++; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL; /* raw control characters are not allowed */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				int k;
				for (k = 1; k <= 4; k++)
					if (!strchr("0123456789abcdefABCDEF", p[k]) || !p[k])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
	}
	return p + 1;
}

static const char *json_list(const char *p, char close, int keys)
{
	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (keys) {
			if (!(p = json_string(json_ws(p))))
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		if (!(p = json_value(p)))
			return NULL;
		p = json_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p)
{
	p = json_ws(p);
	if (*p == '{')
		return json_list(p, '}', 1);
	if (*p == '[')
		return json_list(p, ']', 0);
	if (*p == '"')
		return json_string(p);
	if (strncmp(p, "null", 4) == 0 || strncmp(p, "true", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		p++;
		while ((*p >= '0' && *p <= '9') || strchr(".eE+-", *p))
			p++;
		return p;
	}
	return NULL;
}

static void assert_json(const char *s)
{
	const char *end = json_value(s);

	if (!end || *json_ws(end) != '\0')
		fail_msg("not valid JSON near offset %ld:\n%s",
		         end ? (long)(end - s) : -1L, s);
}

/* ---- JSON ------------------------------------------------------------------ */

static void test_json_fields_and_escaping(void **state)
{
	fixture *fx = *state;
	const clint_result *res[1] = {fx->res};
	unit_sink out = {NULL, 0, 0};
	clint_finding f;
	char expect[256];

	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, res, 1, NULL, NULL),
	                 CLINT_OK);
	assert_json(out.data);
	unit_assert_contains(out.data, "\"tool\": {\"name\": \"clauselint\", "
	                               "\"version\": \"" CLINT_VERSION_STRING "\"}");
	/* quotes, backslashes, control characters and newlines escaped */
	unit_assert_contains(out.data,
	                     "\"file\": \"odd\\\"name\\\\with\\u0001ctl\\nline.txt\"");
	unit_assert_contains(out.data,
	                     "\"excerpt\": \"The \\\"Client\\\" pays \\\\ TBD "
	                     "\\u0001 now.\"");
	unit_assert_contains(out.data, "\"message\": \"Say \\\"no\\\" \\\\ now\"");
	unit_assert_contains(out.data, "\"format\": \"text\"");
	unit_assert_contains(out.data, "\"rule\": \"flag-tbd\"");
	unit_assert_contains(out.data, "\"pack\": \"rep\"");
	unit_assert_contains(out.data, "\"kind\": \"flag\"");
	unit_assert_contains(out.data, "\"severity\": \"warning\"");
	unit_assert_contains(out.data, "\"title\": \"Open price\"");
	unit_assert_contains(out.data, "\"match\": \"TBD\"");
	unit_assert_contains(out.data, "\"section\": \"\"");
	unit_assert_contains(out.data, "\"line\": 1");
	assert_int_equal(clint_result_finding(fx->res, 0, &f), CLINT_OK);
	snprintf(expect, sizeof(expect), "\"start\": %zu", f.start);
	unit_assert_contains(out.data, expect);
	snprintf(expect, sizeof(expect), "\"column\": %u", f.begin_loc.column);
	unit_assert_contains(out.data, expect);
	assert_int_equal(f.begin_loc.column, 21);
	/* the missing clause, with its rule fields */
	unit_assert_contains(out.data, "\"missing\": [");
	unit_assert_contains(out.data, "\"rule\": \"req-x\"");
	unit_assert_contains(out.data, "\"kind\": \"require\"");
	unit_assert_contains(out.data, "\"present\": []");
	unit_assert_contains(out.data, "\"summary\": {\"missing\": 1, \"error\": 0, "
	                               "\"warning\": 1, \"info\": 0}");
	unit_assert_contains(out.data, "\"summary\": {\"documents\": 1, "
	                               "\"unreadable\": 0, \"missing\": 1");
	/* no raw control characters anywhere but newlines */
	{
		size_t i;
		for (i = 0; i < out.len; i++)
			assert_true((unsigned char)out.data[i] >= 0x20 ||
			            out.data[i] == '\n');
	}
	unit_sink_free(&out);
}

static void test_json_is_byte_identical(void **state)
{
	fixture *fx = *state;
	const clint_result *res[2] = {fx->res, fx->res};
	unit_sink a = {NULL, 0, 0}, b = {NULL, 0, 0};

	assert_int_equal(render(&a, CLINT_OUTPUT_JSON, 0, 0, res, 2, "x", "y"),
	                 CLINT_OK);
	assert_int_equal(render(&b, CLINT_OUTPUT_JSON, 0, 0, res, 2, "x", "y"),
	                 CLINT_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_json(a.data);
	unit_sink_free(&a);
	unit_sink_free(&b);
}

static void test_json_input_error(void **state)
{
	fixture *fx = *state;
	const clint_result *res[1] = {fx->res};
	unit_sink out = {NULL, 0, 0};
	const char *doc_entry, *err_entry;

	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, res, 1,
	                        "gone.txt", "No such \"file\""),
	                 CLINT_OK);
	assert_json(out.data);
	unit_assert_contains(out.data, "\"file\": \"gone.txt\",\n"
	                               "      \"error\": \"No such \\\"file\\\"\"");
	unit_assert_contains(out.data, "\"documents\": 1, \"unreadable\": 1");
	/* entries are in input order */
	doc_entry = strstr(out.data, "\"file\": \"odd");
	err_entry = strstr(out.data, "\"file\": \"gone.txt\"");
	assert_non_null(doc_entry);
	assert_non_null(err_entry);
	assert_true(doc_entry < err_entry);
	unit_sink_free(&out);

	/* an input error alone */
	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, NULL, 0, "a.txt",
	                        "unreadable"),
	                 CLINT_OK);
	assert_json(out.data);
	unit_assert_contains(out.data, "\"documents\": 0, \"unreadable\": 1");
	unit_sink_free(&out);
}

static void test_json_empty_run(void **state)
{
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, NULL, 0, NULL,
	                        NULL),
	                 CLINT_OK);
	assert_json(out.data);
	unit_assert_contains(out.data, "\"documents\": []");
	unit_assert_contains(out.data, "\"documents\": 0, \"unreadable\": 0");
	unit_sink_free(&out);
}

static void test_json_present_and_sections(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("pres")
		UNIT_RULE("req-fees", "require", "error", "")
		UNIT_HEADING("\\bfees\\b")
		UNIT_EXAMPLE("match", "1. Fees")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_text("4. Fees\n\nThe Client pays.\n");
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	assert_json(out.data);
	unit_assert_contains(out.data, "\"findings\": []");
	unit_assert_contains(out.data, "\"missing\": []");
	unit_assert_contains(out.data, "\"present\": [");
	unit_assert_contains(out.data, "\"rule\": \"req-fees\"");
	unit_assert_contains(out.data, "\"match\": \"Fees\"");
	unit_assert_contains(out.data, "\"section\": \"\xC2\xA7 4 Fees\"");
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_json_str(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	const char s[] = "a\"b\\c\n\r\t\x01\x1f\x7f\xC3\xA9/";

	(void)state;
	assert_int_equal(clint_json_str(&b, s, sizeof(s) - 1), CLINT_OK);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\\u007f"
	                            "\xC3\xA9/\"");
	b.len = 0;
	/* embedded NUL bytes are escaped too */
	assert_int_equal(clint_json_str(&b, "x\0y", 3), CLINT_OK);
	assert_string_equal(b.data, "\"x\\u0000y\"");
	b.len = 0;
	assert_int_equal(clint_json_cstr(&b, NULL), CLINT_OK);
	assert_string_equal(b.data, "null");
	b.len = 0;
	assert_int_equal(clint_json_cstr(&b, ""), CLINT_OK);
	assert_string_equal(b.data, "\"\"");
	clint_buf_free(&b);
}

/* ---- text ------------------------------------------------------------------ */

static void test_text_report(void **state)
{
	fixture *fx = *state;
	const clint_result *res[1] = {fx->res};
	unit_sink out = {NULL, 0, 0};
	clint_finding f;
	char expect[256];

	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 0, 0, res, 1, NULL, NULL),
	                 CLINT_OK);
	assert_int_equal(clint_result_finding(fx->res, 0, &f), CLINT_OK);
	/* the name's control characters are not sent to the terminal */
	snprintf(expect, sizeof(expect), "%s:1:%u: warning: Say \"no\" \\ now "
	         "[flag-tbd]\n", "odd\"name\\with?ctl?line.txt",
	         f.begin_loc.column);
	unit_assert_contains(out.data, expect);
	assert_null(strstr(out.data, doc_name));
	unit_assert_contains(out.data, ":1:21: warning:");
	unit_assert_contains(out.data, "[flag-tbd]");
	/* the source line and a caret under the match */
	unit_assert_contains(out.data, "    1 | The \"Client\" pays \\ TBD");
	unit_assert_contains(out.data, "| " "                    ^~~\n");
	unit_assert_contains(out.data, "    = why: Rationale of flag-tbd\n");
	unit_assert_contains(out.data, "    = fix: Suggestion of flag-tbd\n");
	/* missing clauses and the summary */
	unit_assert_contains(out.data, "1 required clause missing:\n");
	unit_assert_contains(out.data, "error: missing clause: Title of req-x "
	                               "[req-x]\n");
	unit_assert_contains(out.data, "    = what: Message of req-x\n");
	unit_assert_contains(out.data, "1 missing clause, 0 errors, 1 warning, "
	                               "0 info\n");
	/* no colour unless asked for */
	assert_null(strchr(out.data, '\033'));
	unit_sink_free(&out);

	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 1, 0, res, 1, NULL, NULL),
	                 CLINT_OK);
	unit_assert_contains(out.data, "\033[1;35mwarning:\033[0m");
	unit_assert_contains(out.data, "\033[1;31merror:\033[0m missing clause:");
	unit_sink_free(&out);
}

static void test_text_why_once_unless_verbose(void **state)
{
	clint_ruleset *rs = unit_ruleset(report_pack);
	clint_doc *doc = unit_text("Price TBD.\n\nScope TBD.\n");
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	unit_sink out = {NULL, 0, 0};
	const char *p;

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 2);
	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	unit_assert_contains(out.data, "test.txt:1:7: warning:");
	unit_assert_contains(out.data, "test.txt:3:7: warning:");
	p = strstr(out.data, "= why: Rationale of flag-tbd");
	assert_non_null(p);
	assert_null(strstr(p + 1, "= why: Rationale of flag-tbd"));
	assert_null(strstr(out.data, "= ref:"));
	unit_sink_free(&out);

	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 0, 1, list, 1, NULL, NULL),
	                 CLINT_OK);
	p = strstr(out.data, "= why: Rationale of flag-tbd");
	assert_non_null(p);
	assert_non_null(strstr(p + 1, "= why: Rationale of flag-tbd"));
	unit_assert_contains(out.data, "    = ref: Ref of flag-tbd\n");
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_text_clean_and_totals(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("clean")
		UNIT_RULE("req-fees", "require", "error", "")
		UNIT_HEADING("\\bfees\\b")
		UNIT_EXAMPLE("match", "1. Fees")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_text("4. Fees\n\nThe Client pays.\n");
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[2] = {res, res};
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	assert_string_equal(out.data,
	                    "test.txt: no findings (1 required clause present)\n");
	unit_sink_free(&out);
	/* a run over several inputs ends with the totals */
	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 0, 0, list, 2, "gone.txt",
	                        "unreadable"),
	                 CLINT_OK);
	unit_assert_contains(out.data, "2 documents checked, 1 unreadable: "
	                               "0 missing clauses, 0 errors, 0 warnings, "
	                               "0 info\n");
	/* the text report leaves input errors to the caller */
	assert_null(strstr(out.data, "gone.txt"));
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/* ---- renderer plumbing -------------------------------------------------------- */

static void test_write_failure(void **state)
{
	fixture *fx = *state;
	const clint_result *res[1] = {fx->res};
	unit_sink out = {NULL, 0, 1};

	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, res, 1, NULL, NULL),
	                 CLINT_EIO);
	assert_int_equal(render(&out, CLINT_OUTPUT_TEXT, 0, 0, res, 1, NULL, NULL),
	                 CLINT_EIO);
	/* formats that write at the end (SARIF) fail there */
	assert_int_equal(render(&out, CLINT_OUTPUT_SARIF, 0, 0, res, 1, NULL, NULL),
	                 CLINT_EIO);
	assert_int_equal(render(&out, CLINT_OUTPUT_HTML, 0, 0, res, 1, NULL, NULL),
	                 CLINT_EIO);
	assert_null(out.data);
}

static void test_renderer_arguments(void **state)
{
	clint_render_options o = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	clint_output_format fmt;
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(clint_renderer_new(NULL, &o, unit_sink_write, &out),
	                 CLINT_EINVAL);
	assert_int_equal(clint_renderer_new(&r, &o, NULL, &out), CLINT_EINVAL);
	o.version = 9;
	assert_int_equal(clint_renderer_new(&r, &o, unit_sink_write, &out),
	                 CLINT_EINVAL);
	assert_null(r);
	o.version = CLINT_RENDER_OPTIONS_VERSION;
	o.format = (clint_output_format)CLINT_OUTPUT_FORMAT_COUNT;
	assert_int_equal(clint_renderer_new(&r, &o, unit_sink_write, &out),
	                 CLINT_EINVAL);
	assert_null(r);
	/* NULL options: text */
	assert_int_equal(clint_renderer_new(&r, NULL, unit_sink_write, &out),
	                 CLINT_OK);
	assert_int_equal(clint_renderer_document(r, NULL), CLINT_EINVAL);
	assert_int_equal(clint_renderer_input_error(r, NULL, "m"), CLINT_EINVAL);
	assert_int_equal(clint_renderer_input_error(r, "f", NULL), CLINT_EINVAL);
	assert_int_equal(clint_renderer_finish(NULL), CLINT_EINVAL);
	clint_renderer_free(r);
	clint_renderer_free(NULL);

	assert_int_equal(clint_output_format_from_name(&fmt, "json"), CLINT_OK);
	assert_int_equal(fmt, CLINT_OUTPUT_JSON);
	assert_int_equal(clint_output_format_from_name(&fmt, "text"), CLINT_OK);
	assert_int_equal(fmt, CLINT_OUTPUT_TEXT);
	assert_int_equal(clint_output_format_from_name(&fmt, "xml"), CLINT_EINVAL);
	assert_int_equal(clint_output_format_from_name(&fmt, NULL), CLINT_EINVAL);
	assert_int_equal(clint_output_format_from_name(NULL, "json"), CLINT_EINVAL);
	unit_sink_free(&out);
}

static void test_excerpt_of_long_line(void **state)
{
	char text[400];
	clint_doc *doc;
	clint_excerpt ex;
	size_t start;

	(void)state;
	/* 300 characters, the match "MATCH" at 200 */
	memset(text, 'x', 300);
	memcpy(text + 200, "MATCH", 5);
	text[300] = '\0';
	doc = unit_text(text);
	start = 200;
	clint_excerpt_get(doc, start, start + 5, 60, &ex);
	assert_true(ex.cut_left);
	assert_true(ex.cut_right);
	assert_int_equal(ex.len, 60);
	assert_int_equal(ex.mark_col, 20);
	assert_int_equal(ex.mark_width, 5);
	assert_memory_equal(ex.text + ex.mark_col, "MATCH", 5);
	/* a short line is shown whole */
	clint_doc_free(doc);
	doc = unit_text("short line with MATCH in it\nnext line\n");
	clint_excerpt_get(doc, 16, 21, 60, &ex);
	assert_false(ex.cut_left);
	assert_false(ex.cut_right);
	assert_int_equal(ex.len, 27);
	assert_int_equal(ex.mark_col, 16);
	assert_int_equal(ex.mark_width, 5);
	/* a match running past the line end is marked up to the end */
	clint_excerpt_get(doc, 16, 35, 60, &ex);
	assert_int_equal(ex.mark_width, 11);
	clint_doc_free(doc);
}

/* A form feed ends the excerpt as a line end does, wherever it stands
 * after the match: only the characters the excerpt can show are searched
 * for one, and the excerpt is the same as with a line end there. */
static void test_excerpt_form_feed_as_line_end(void **state)
{
	char ff[700], nl[700];
	size_t i, p, n = 0, start;

	(void)state;
	/* 100 "x", MATCH, then "é" and "y" by turns, 600 bytes in all */
	memset(ff, 'x', 100);
	n = 100;
	memcpy(ff + n, "MATCH", 5);
	n += 5;
	for (i = 0; n < 600; i++)
		if (i % 3 == 0) {
			memcpy(ff + n, "\xC3\xA9", 2);
			n += 2;
		} else {
			ff[n++] = 'y';
		}
	ff[n] = '\0';
	start = 100;
	for (p = start + 1; p < n; p++) {
		clint_doc *a, *b;
		clint_excerpt ea, eb;
		if ((ff[p] & 0xC0) == 0x80)
			continue; /* inside a character */
		memcpy(nl, ff, n + 1);
		nl[p] = '\n';
		{
			char keep = ff[p];
			ff[p] = '\f';
			a = unit_text(ff);
			ff[p] = keep;
		}
		b = unit_text(nl);
		clint_excerpt_get(a, start, start + 5, 60, &ea);
		clint_excerpt_get(b, start, start + 5, 60, &eb);
		assert_int_equal(ea.text - clint_doc_text(a, NULL),
		                 eb.text - clint_doc_text(b, NULL));
		assert_int_equal(ea.len, eb.len);
		assert_int_equal(ea.mark_col, eb.mark_col);
		assert_int_equal(ea.mark_width, eb.mark_width);
		assert_int_equal(ea.cut_left, eb.cut_left);
		assert_int_equal(ea.cut_right, eb.cut_right);
		clint_doc_free(a);
		clint_doc_free(b);
	}
}

/* An annotation's anchor is shown up to 4096 bytes, cut at a character;
 * start and end still give the whole range. */
static void test_json_anchor_cut(void **state)
{
	char text[10000];
	clint_doc *doc;
	clint_result *res;
	clint_ruleset *rs = unit_ruleset(report_pack);
	const clint_result *list[1];
	unit_sink out = {NULL, 0, 0};
	const char *p, *q;
	size_t i;

	(void)state;
	/* "é" after 4095 bytes of "a": the cut falls inside it */
	memset(text, 'a', 4095);
	memcpy(text + 4095, "\xC3\xA9", 2);
	memset(text + 4097, 'b', 5000);
	text[9097] = '\0';
	doc = unit_text(text);
	assert_int_equal(clint_doc_add_annotation(doc, "A", "long", 0, 9097),
	                 CLINT_OK);
	assert_int_equal(clint_doc_add_annotation(doc, "B", "short", 10, 20),
	                 CLINT_OK);
	res = unit_check(rs, doc);
	list[0] = res;
	assert_int_equal(render(&out, CLINT_OUTPUT_JSON, 0, 0, list, 1, NULL,
	                        NULL),
	                 CLINT_OK);
	p = strstr(out.data, "\"anchor\": \"");
	assert_non_null(p);
	p += 11;
	q = strchr(p, '"');
	assert_non_null(q);
	assert_int_equal(q - p, 4095);
	for (i = 0; i < 4095; i++)
		assert_int_equal(p[i], 'a');
	unit_assert_contains(out.data, "\"start\": 0, \"end\": 9097");
	unit_assert_contains(out.data, "\"anchor\": \"aaaaaaaaaa\", \"start\": 10");
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/* ---- every format ----------------------------------------------------------- */

/* True if s[0..len) is well-formed XML (libxml2, no network, no entities). */
static int xml_well_formed(const char *s, size_t len)
{
	xmlDocPtr d = xmlReadMemory(s, (int)len, "report.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                    XML_PARSE_NOWARNING);
	int ok = d != NULL;

	xmlFreeDoc(d);
	return ok;
}

static void test_every_format_is_well_formed(void **state)
{
	fixture *fx = *state;
	const clint_result *res[2] = {fx->res, fx->res};
	unit_sink out = {NULL, 0, 0};
	int f;

	for (f = 0; f < CLINT_OUTPUT_FORMAT_COUNT; f++) {
		const char *name = clint_output_format_name((clint_output_format)f);
		clint_output_format back;

		assert_non_null(name);
		assert_int_equal(clint_output_format_from_name(&back, name), CLINT_OK);
		assert_int_equal(back, f);
		assert_int_equal(render(&out, (clint_output_format)f, 0, 0, res, 2,
		                        "gone <&> \"x\".txt", "no such file\x01"),
		                 CLINT_OK);
		assert_non_null(out.data);
		/* always valid UTF-8 */
		assert_true(clint_utf8_valid(out.data, out.len));
		if (f != CLINT_OUTPUT_TEXT) {
			/* the control character in the name and text never gets
			 * through raw (the text report shows excerpts as they are) */
			assert_null(memchr(out.data, '\x01', out.len));
		}
		switch (f) {
		case CLINT_OUTPUT_JSON:
		case CLINT_OUTPUT_SARIF:
		case CLINT_OUTPUT_GITLAB:
			assert_json(out.data);
			break;
		case CLINT_OUTPUT_JUNIT:
		case CLINT_OUTPUT_CHECKSTYLE:
			if (!xml_well_formed(out.data, out.len))
				fail_msg("%s: not well-formed XML:\n%s", name, out.data);
			break;
		case CLINT_OUTPUT_JSONL: {
			/* one complete JSON object per input, each on its line */
			char *line = out.data, *nl;
			int n = 0;
			while ((nl = strchr(line, '\n')) != NULL) {
				*nl = '\0';
				assert_json(line);
				line = nl + 1;
				n++;
			}
			assert_int_equal(n, 3);
			assert_string_equal(line, "");
			break;
		}
		default:
			break;
		}
		unit_sink_free(&out);
	}
	assert_null(clint_output_format_name((clint_output_format)CLINT_OUTPUT_FORMAT_COUNT));
}

static void test_jsonl_streams(void **state)
{
	fixture *fx = *state;
	clint_render_options o = CLINT_RENDER_OPTIONS_INIT;
	clint_renderer *r = NULL;
	unit_sink out = {NULL, 0, 0};
	size_t len;

	o.format = CLINT_OUTPUT_JSONL;
	assert_int_equal(clint_renderer_new(&r, &o, unit_sink_write, &out), CLINT_OK);
	assert_int_equal(clint_renderer_document(r, fx->res), CLINT_OK);
	/* the document is written and complete before the run ends */
	assert_non_null(out.data);
	assert_int_equal(out.data[out.len - 1], '\n');
	assert_ptr_equal(strchr(out.data, '\n'), out.data + out.len - 1);
	unit_assert_contains(out.data, "{\"file\": \"odd\\\"name");
	unit_assert_contains(out.data, "\"rule\": \"flag-tbd\"");
	assert_int_equal(clint_renderer_input_error(r, "gone.txt", "No such file"),
	                 CLINT_OK);
	unit_assert_contains(out.data, "\n{\"file\": \"gone.txt\", \"error\": \"No such file\"}\n");
	len = out.len;
	assert_int_equal(clint_renderer_finish(r), CLINT_OK);
	assert_int_equal(out.len, len); /* no run summary */
	clint_renderer_free(r);
	unit_sink_free(&out);
}

static void test_sarif_fields(void **state)
{
	fixture *fx = *state;
	const clint_result *res[1] = {fx->res};
	unit_sink out = {NULL, 0, 0};
	char fp[CLINT_FINGERPRINT_SIZE], expect[128];
	clint_finding f;

	assert_int_equal(render(&out, CLINT_OUTPUT_SARIF, 0, 0, res, 1, "gone.txt",
	                        "No such file"),
	                 CLINT_OK);
	assert_json(out.data);
	unit_assert_contains(out.data, "\"version\": \"2.1.0\"");
	unit_assert_contains(out.data, "\"columnKind\": \"unicodeCodePoints\"");
	/* rules in ruleset order: req-x is 0, flag-tbd is 1 */
	unit_assert_contains(out.data, "{\"id\": \"req-x\", \"name\": \"ReqX\"");
	unit_assert_contains(out.data, "{\"id\": \"flag-tbd\", \"name\": \"FlagTbd\", "
	                               "\"shortDescription\": {\"text\": \"Open price\"}");
	unit_assert_contains(out.data, "Why: Rationale of flag-tbd\\n\\nFix: Suggestion of flag-tbd");
	unit_assert_contains(out.data, "rules.md#flag-tbd\"");
	unit_assert_contains(out.data, "\"defaultConfiguration\": {\"level\": \"warning\"}");
	/* the finding: "TBD" at column 21 (characters), end exclusive */
	unit_assert_contains(out.data, "{\"ruleId\": \"flag-tbd\", \"ruleIndex\": 1, "
	                               "\"level\": \"warning\"");
	unit_assert_contains(out.data, "\"region\": {\"startLine\": 1, \"startColumn\": 21, "
	                               "\"endLine\": 1, \"endColumn\": 24, "
	                               "\"snippet\": {\"text\": \"TBD\"}}");
	/* the file name percent-encoded as a relative URI */
	unit_assert_contains(out.data, "\"uri\": \"odd%22name%5Cwith%01ctl%0Aline.txt\", "
	                               "\"uriBaseId\": \"%SRCROOT%\"");
	clint_result_finding(fx->res, 0, &f);
	assert_int_equal(clint_finding_fingerprint(fx->res, &f, fp), CLINT_OK);
	snprintf(expect, sizeof(expect), "\"partialFingerprints\": {\"clauselint/v1\": \"%s\"}", fp);
	unit_assert_contains(out.data, expect);
	/* the missing clause: an error at line 1 of the file */
	unit_assert_contains(out.data, "{\"ruleId\": \"req-x\", \"ruleIndex\": 0, "
	                               "\"level\": \"error\", \"message\": {\"text\": "
	                               "\"Missing clause: ");
	unit_assert_contains(out.data, "\"region\": {\"startLine\": 1, \"startColumn\": 1}}");
	/* the unreadable input */
	unit_assert_contains(out.data, "\"executionSuccessful\": false");
	unit_assert_contains(out.data, "{\"level\": \"error\", \"message\": {\"text\": "
	                               "\"No such file\"}");
	unit_sink_free(&out);
}

/* Documents checked against two rulesets, taken in turn: each rule is
 * listed once, in the order first met, an id both rulesets have once
 * (the first's), and every result names its rule's index in that list. */
static void test_sarif_rulesets_in_turn(void **state)
{
	static const char other_pack[] =
		UNIT_PACK_HEAD("other")
		UNIT_RULE("flag-new", "flag", "info", "")
		UNIT_PATTERN("\\bnew\\b")
		UNIT_EXAMPLE("match", "new")
		UNIT_RULE_END
		UNIT_RULE("flag-tbd", "flag", "error", "")
		UNIT_PATTERN("\\bTBD\\b")
		UNIT_EXAMPLE("match", "TBD")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *a = unit_ruleset(report_pack);
	clint_ruleset *b = unit_ruleset(other_pack);
	clint_doc *doc = unit_text("The price is TBD and new.\n");
	clint_result *ra = unit_check(a, doc), *rb = unit_check(b, doc);
	const clint_result *list[4] = {ra, rb, ra, rb};
	unit_sink out = {NULL, 0, 0};
	const char *p;
	int i;

	(void)state;
	assert_int_equal(render(&out, CLINT_OUTPUT_SARIF, 0, 0, list, 4, NULL,
	                        NULL),
	                 CLINT_OK);
	assert_json(out.data);
	/* the rules: req-x 0, flag-tbd 1 (the first ruleset's), flag-new 2 */
	p = strstr(out.data, "{\"id\": \"req-x\"");
	assert_non_null(p);
	assert_non_null(p = strstr(p, "{\"id\": \"flag-tbd\""));
	unit_assert_contains(p, "\"defaultConfiguration\": {\"level\": \"warning\"}");
	assert_non_null(p = strstr(p, "{\"id\": \"flag-new\""));
	assert_null(strstr(p + 1, "{\"id\": \"flag-tbd\""));
	assert_null(strstr(p + 1, "{\"id\": \"flag-new\""));
	/* the results, in document order: a's, b's, a's, b's */
	p = strstr(out.data, "\"results\"");
	assert_non_null(p);
	for (i = 0; i < 2; i++) {
		assert_non_null(p = strstr(p, "{\"ruleId\": \"flag-tbd\", \"ruleIndex\": 1, \"level\": \"warning\""));
		assert_non_null(p = strstr(p, "{\"ruleId\": \"req-x\", \"ruleIndex\": 0,"));
		assert_non_null(p = strstr(p, "{\"ruleId\": \"flag-tbd\", \"ruleIndex\": 1, \"level\": \"error\""));
		assert_non_null(p = strstr(p, "{\"ruleId\": \"flag-new\", \"ruleIndex\": 2,"));
	}
	for (i = 0, p = out.data; (p = strstr(p, "{\"ruleId\": ")); p++)
		i++;
	assert_int_equal(i, 8);
	unit_sink_free(&out);
	clint_result_free(ra);
	clint_result_free(rb);
	clint_doc_free(doc);
	clint_ruleset_free(a);
	clint_ruleset_free(b);
}

static void test_html_escapes_hostile_text(void **state)
{
	static const char hostile[] =
		"1. Fees <script>alert(1)</script>\n\n"
		"1.1 The price is TBD & \"quoted\" 'x' </pre><img src=x onerror=y>\n";
	clint_ruleset *rs = unit_ruleset(report_pack);
	clint_doc *doc = unit_text(hostile);
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(render(&out, CLINT_OUTPUT_HTML, 0, 0, list, 1,
	                        "<img src=x>.txt", "<b>gone</b>"),
	                 CLINT_OK);
	/* the only scripts are the report's own, and nothing hostile is raw */
	unit_assert_contains(out.data, "&lt;script&gt;alert(1)&lt;/script&gt;");
	unit_assert_contains(out.data, "&lt;/pre&gt;&lt;img src=x onerror=y&gt;");
	unit_assert_contains(out.data, "&amp; &quot;quoted&quot; &#39;x&#39;");
	unit_assert_contains(out.data, "&lt;img src=x&gt;.txt");
	unit_assert_contains(out.data, "&lt;b&gt;gone&lt;/b&gt;");
	assert_null(strstr(out.data, "<script>alert"));
	assert_null(strstr(out.data, "<img"));
	assert_null(strstr(out.data, "<b>gone"));
	/* self-contained: a CSP that forbids any load */
	unit_assert_contains(out.data, "content=\"default-src 'none';");
	assert_null(strstr(out.data, "http://"));
	assert_null(strstr(out.data, "https://"));
	/* the finding highlighted in place, linked to its explanation */
	unit_assert_contains(out.data, "<span id=\"d0-m0\"></span><mark class=\"f sev-warning\" "
	                               "tabindex=\"0\" title=\"warning: Say &quot;no&quot; \\ now\" "
	                               "data-f=\"d0-f0\">TBD</mark>");
	unit_assert_contains(out.data, "<li id=\"d0-f0\">");
	/* sections: anchors in the text and a table of contents */
	unit_assert_contains(out.data, "<span id=\"d0-s0\"></span>1. Fees");
	unit_assert_contains(out.data, "<a href=\"#d0-s0\">");
	/* the checklist: the missing required clause */
	unit_assert_contains(out.data, "<li class=\"miss\"><b>missing:</b> <b>Title of req-x</b>");
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

/* A form feed is drawn as a page break; CR LF and a lone CR end lines;
 * sections nested deeper than six levels stay in the table of contents. */
static void test_html_page_breaks_and_line_ends(void **state)
{
	static const char text[] =
		"1. Fees\r\n\r\n1.1 The price is TBD.\f\r\n"
		"1.1.1.1.1.1.1 Deep clause text.\rAn old Mac line.\n";
	clint_ruleset *rs = unit_ruleset(report_pack);
	clint_doc *doc = unit_text(text);
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(render(&out, CLINT_OUTPUT_HTML, 0, 0, list, 1, NULL,
	                        NULL),
	                 CLINT_OK);
	unit_assert_contains(out.data, "<span class=\"pb\"></span>");
	unit_assert_contains(out.data, "Deep clause text.\nAn old Mac line.");
	assert_null(strchr(out.data, '\r'));
	assert_null(strchr(out.data, '\f'));
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_overlapping_findings_in_html(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("ov")
		UNIT_RULE("flag-ab", "flag", "warning", "")
		UNIT_PATTERN("alpha beta")
		UNIT_EXAMPLE("match", "alpha beta")
		UNIT_RULE_END
		UNIT_RULE("flag-bc", "flag", "error", "")
		UNIT_PATTERN("beta gamma")
		UNIT_EXAMPLE("match", "beta gamma")
		UNIT_RULE_END
		UNIT_PACK_TAIL;
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_text("x alpha beta gamma y\n");
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	unit_sink out = {NULL, 0, 0};

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 2);
	assert_int_equal(render(&out, CLINT_OUTPUT_HTML, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	/* three segments: "alpha " (one finding), "beta" (both, the higher
	 * severity wins), " gamma" (the other) */
	unit_assert_contains(out.data, "data-f=\"d0-f0\">alpha </mark>");
	unit_assert_contains(out.data, "<mark class=\"f sev-error\"");
	unit_assert_contains(out.data, "data-f=\"d0-f0 d0-f1\">beta</mark>");
	unit_assert_contains(out.data, "data-f=\"d0-f1\"> gamma</mark> y");
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_gitlab_junit_checkstyle(void **state)
{
	static const char text[] = "1. Fees\n\nThe price is TBD. The rate is TBD.\n";
	clint_ruleset *rs = unit_ruleset(report_pack);
	clint_doc *doc = unit_text(text);
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	unit_sink out = {NULL, 0, 0}, again = {NULL, 0, 0};
	const char *a, *b;

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 2);
	/* GitLab: the same words in the same section still get two
	 * fingerprints, and the same ones on every run */
	assert_int_equal(render(&out, CLINT_OUTPUT_GITLAB, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	assert_int_equal(render(&again, CLINT_OUTPUT_GITLAB, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	assert_string_equal(out.data, again.data);
	a = strstr(out.data, "\"fingerprint\": \"");
	assert_non_null(a);
	b = strstr(a + 1, "\"fingerprint\": \"");
	assert_non_null(b);
	assert_memory_not_equal(a + 16, b + 16, 16);
	unit_assert_contains(out.data, "\"check_name\": \"flag-tbd\"");
	unit_assert_contains(out.data, "\"severity\": \"major\", \"location\": "
	                               "{\"path\": \"test.txt\", \"lines\": {\"begin\": 3, \"end\": 3}}");
	unit_assert_contains(out.data, "\"check_name\": \"req-x\"");
	unit_assert_contains(out.data, "\"severity\": \"critical\"");
	unit_sink_free(&out);
	unit_sink_free(&again);
	/* JUnit: a testcase per rule, both fail */
	assert_int_equal(render(&out, CLINT_OUTPUT_JUNIT, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	unit_assert_contains(out.data, "<testsuite name=\"test.txt\" tests=\"2\" failures=\"2\"");
	unit_assert_contains(out.data, "<failure type=\"warning\" message=\"2 findings: ");
	unit_assert_contains(out.data, "test.txt:3:14: warning: \"TBD\" in \xC2\xA7 1 Fees\n");
	unit_assert_contains(out.data, "<failure type=\"error\" message=\"missing clause: ");
	unit_sink_free(&out);
	/* Checkstyle: an error per finding, the missing clause at line 1 */
	assert_int_equal(render(&out, CLINT_OUTPUT_CHECKSTYLE, 0, 0, list, 1, NULL, NULL),
	                 CLINT_OK);
	unit_assert_contains(out.data, "<error line=\"3\" column=\"14\" severity=\"warning\"");
	unit_assert_contains(out.data, "<error line=\"1\" severity=\"error\" "
	                               "message=\"Missing clause: Message of req-x\" "
	                               "source=\"clauselint.req-x\"/>");
	unit_sink_free(&out);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_markdown_report(void **state)
{
	fixture *fx = *state;
	const clint_result *res[1] = {fx->res};
	unit_sink out = {NULL, 0, 0};

	assert_int_equal(render(&out, CLINT_OUTPUT_MARKDOWN, 0, 0, res, 1, "gone.txt",
	                        "No such file"),
	                 CLINT_OK);
	unit_assert_contains(out.data, "## clauselint report\n");
	unit_assert_contains(out.data, "| error | Title of req-x (req-x)<br>Message of req-x "
	                               "| Suggestion of req-x |\n");
	unit_assert_contains(out.data, "<details><summary><b>Warnings (1)</b></summary>\n\n"
	                               "- line 1: \"TBD\" — Say \"no\" \\\\ now (flag-tbd)\n");
	unit_assert_contains(out.data, "**Could not be read:** No such file");
	unit_assert_contains(out.data, "| 1 | 1 | 1 | 0 | 1 | 0 |\n");
	unit_sink_free(&out);
}

static void put_escaped(clint_buf *b, int (*fn)(clint_buf *, const char *, size_t),
                        const char *s)
{
	b->len = 0;
	assert_int_equal(fn(b, s, strlen(s)), CLINT_OK);
	assert_int_equal(clint_buf_putc(b, '\0'), CLINT_OK);
}

static int xml_text(clint_buf *b, const char *s, size_t n)
{
	return clint_xml_str(b, s, n, 0);
}

static int html_text(clint_buf *b, const char *s, size_t n)
{
	return clint_html_str(b, s, n, 0);
}

static int xml_attr(clint_buf *b, const char *s, size_t n)
{
	return clint_xml_str(b, s, n, 1);
}

/* A check rule's finding says what exactly is wrong in its message
 * (clint_finding.detail is the same words): every format says it once,
 * HTML twice (the highlight's tooltip and the list of findings). */
static void test_check_detail_said_once(void **state)
{
	static const char pack[] =
		UNIT_PACK_HEAD("chk")
		"  <rule id=\"dir\" kind=\"check\" check=\"direction-controls\" "
		"severity=\"warning\" category=\"drafting\">\n"
		"    <title>Reordered</title>\n"
		"    <message>Generic message</message>\n"
		"    <rationale>Why</rationale>\n"
		"    <ref>Ref</ref>\n"
		"    <suggestion>Fix</suggestion>\n"
		"    <example expect=\"match\">a \xE2\x80\xAE" "b</example>\n"
		"  </rule>\n"
		UNIT_PACK_TAIL;
	static const char detail[] = "is shown in another order than it is stored";
	clint_ruleset *rs = unit_ruleset(pack);
	clint_doc *doc = unit_text("Pay within \xE2\x80\xAE" "03\xE2\x80\xAC days.\n");
	clint_result *res = unit_check(rs, doc);
	const clint_result *list[1] = {res};
	static const clint_output_format fmts[] = {
		CLINT_OUTPUT_TEXT, CLINT_OUTPUT_JSON, CLINT_OUTPUT_SARIF,
		CLINT_OUTPUT_MARKDOWN, CLINT_OUTPUT_HTML, CLINT_OUTPUT_GITLAB,
		CLINT_OUTPUT_CHECKSTYLE, CLINT_OUTPUT_JUNIT,
	};
	unit_sink out = {NULL, 0, 0};
	clint_finding f;
	size_t i;

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 1);
	assert_int_equal(clint_result_finding(res, 0, &f), CLINT_OK);
	assert_ptr_equal(f.detail, f.message);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		const char *p;

		assert_int_equal(render(&out, fmts[i], 0, 0, list, 1, NULL, NULL),
		                 CLINT_OK);
		p = strstr(out.data, detail);
		if (!p)
			fail_msg("%s: no '%s' in\n%s",
			         clint_output_format_name(fmts[i]), detail, out.data);
		if (fmts[i] == CLINT_OUTPUT_HTML && p)
			p = strstr(p + 1, detail);
		if (!p || strstr(p + 1, detail))
			fail_msg("%s: '%s' not said once in\n%s",
			         clint_output_format_name(fmts[i]), detail, out.data);
		unit_sink_free(&out);
	}
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_escaping_helpers(void **state)
{
	clint_buf b = CLINT_BUF_INIT;

	(void)state;
	/* XML/HTML: markup, quotes, forbidden characters, bad UTF-8 */
	put_escaped(&b, xml_text, "<a href=\"x\">&'</a>\x01\xff\xEF\xBF\xBF\n\xC3\xA9");
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
	                            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\n\xC3\xA9");
	put_escaped(&b, xml_attr, "a\tb\nc\rd");
	assert_string_equal(b.data, "a&#9;b&#10;c&#13;d");
	/* HTML people read: the bidirectional formatting characters as
	 * markers (RLO, PDF, LRI, PDI; a neighbour of each range kept);
	 * XML for programs keeps them */
	put_escaped(&b, html_text, "pay \xE2\x80\xAE" "03\xE2\x80\xAC <x> "
	                           "\xE2\x81\xA6" "a\xE2\x81\xA9\xE2\x80\xAF\xE2\x81\xAA");
	assert_string_equal(b.data, "pay [U+202E]03[U+202C] &lt;x&gt; [U+2066]a"
	                            "[U+2069]\xE2\x80\xAF\xE2\x81\xAA");
	put_escaped(&b, xml_text, "\xE2\x80\xAE" "03");
	assert_string_equal(b.data, "\xE2\x80\xAE" "03");
	/* JSON: invalid UTF-8 replaced, valid kept */
	put_escaped(&b, clint_json_str, "\xC3\xA9\xC3(\x80");
	assert_string_equal(b.data, "\"\xC3\xA9\\ufffd(\\ufffd\"");
	/* Markdown: no markup, no table break, no mention, one line */
	put_escaped(&b, clint_md_str, "*a* _b_ `c` [d](e) <i>|@bob\nx & y ~z~ $m$ \\");
	assert_string_equal(b.data, "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<i\\>\\|"
	                            "@\xE2\x80\x8B" "bob x &amp; y \\~z\\~ \\$m\\$ \\\\");
	put_escaped(&b, clint_md_str, "pay \xE2\x80\xAE" "03\xE2\x80\xAC days");
	assert_string_equal(b.data, "pay \\[U+202E\\]03\\[U+202C\\] days");
	/* URIs: relative stays relative, absolute becomes file:// */
	b.len = 0;
	assert_int_equal(clint_uri_path(&b, "./a b/c#d%.txt"), CLINT_OK);
	clint_buf_putc(&b, '\0');
	assert_string_equal(b.data, "a%20b/c%23d%25.txt");
	b.len = 0;
	assert_int_equal(clint_uri_path(&b, "/srv/x\xC3\xA9.docx"), CLINT_OK);
	clint_buf_putc(&b, '\0');
	assert_string_equal(b.data, "file:///srv/x%C3%A9.docx");
	clint_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_fields_and_escaping),
		cmocka_unit_test(test_json_is_byte_identical),
		cmocka_unit_test(test_json_input_error),
		cmocka_unit_test(test_json_empty_run),
		cmocka_unit_test(test_json_present_and_sections),
		cmocka_unit_test(test_json_str),
		cmocka_unit_test(test_text_report),
		cmocka_unit_test(test_text_why_once_unless_verbose),
		cmocka_unit_test(test_text_clean_and_totals),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_renderer_arguments),
		cmocka_unit_test(test_excerpt_of_long_line),
		cmocka_unit_test(test_excerpt_form_feed_as_line_end),
		cmocka_unit_test(test_json_anchor_cut),
		cmocka_unit_test(test_every_format_is_well_formed),
		cmocka_unit_test(test_jsonl_streams),
		cmocka_unit_test(test_sarif_fields),
		cmocka_unit_test(test_sarif_rulesets_in_turn),
		cmocka_unit_test(test_html_escapes_hostile_text),
		cmocka_unit_test(test_html_page_breaks_and_line_ends),
		cmocka_unit_test(test_overlapping_findings_in_html),
		cmocka_unit_test(test_gitlab_junit_checkstyle),
		cmocka_unit_test(test_markdown_report),
		cmocka_unit_test(test_check_detail_said_once),
		cmocka_unit_test(test_escaping_helpers),
	};

	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
