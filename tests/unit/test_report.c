/*
 * test_report.c - renderers (src/lib/report/): the JSON report (escaping,
 * key fields, input errors, byte-identical reruns, well-formedness) and
 * the compiler-style text report, written through a memory callback.
 */
#include "unit.h"

#include "../../src/lib/report/report.h"

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
	snprintf(expect, sizeof(expect), "%s:1:%u: warning: Say \"no\" \\ now "
	         "[flag-tbd]\n", doc_name, f.begin_loc.column);
	unit_assert_contains(out.data, expect);
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
	o.format = (clint_output_format)5;
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
	};

	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
