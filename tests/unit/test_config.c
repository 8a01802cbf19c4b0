/*
 * test_config.c - project files (src/lib/config.c) and the per-rule
 * settings of a ruleset (clint_ruleset_options version 2, pack.c):
 * entries in file order with lines, relative pack paths resolved, schema
 * problems and hostile files reported with file and line, settings
 * applied in order, unknown rule ids refused with the setting's file and
 * line, version 1 options still accepted; and clint_result_filter()
 * (check.c), which baselines use.
 */
#include "unit.h"

#include <sys/stat.h>

static const char two_rules[] =
	UNIT_PACK_HEAD("two")
	UNIT_RULE("flag-tbd", "flag", "warning", "")
	UNIT_PATTERN("\\bTBD\\b")
	UNIT_EXAMPLE("match", "Fees: TBD.")
	UNIT_RULE_END
	UNIT_RULE("flag-promptly", "flag", "info", "")
	UNIT_PATTERN("\\bpromptly\\b")
	UNIT_EXAMPLE("match", "Pay promptly.")
	UNIT_RULE_END
	UNIT_PACK_TAIL;

/* Writes `xml` as DIR/.clauselint.xml in a new directory; returns the
 * file's malloc'd path. */
static char *write_config(const char *xml)
{
	char tmpl[] = "/tmp/clint-config-XXXXXX", *path;
	char *dir = mkdtemp(tmpl);

	assert_non_null(dir);
	unit_write_at(dir, ".clauselint.xml", xml);
	path = malloc(strlen(dir) + 20);
	assert_non_null(path);
	sprintf(path, "%s/.clauselint.xml", dir);
	return path;
}

static void remove_config(char *path)
{
	char *slash = strrchr(path, '/');

	unlink(path);
	*slash = '\0';
	rmdir(path);
	free(path);
}

static void test_config_entries_in_order(void **state)
{
	char *path = write_config(
		"<?xml version=\"1.0\"?>\n"
		"<clauselint format=\"1\" default-packs=\"no\">\n"
		"  <pack name=\"ambiguity\"/>\n"
		"  <pack file=\"packs/house.xml\"/>\n"
		"  <disable-pack name=\"hidden-costs\"/>\n"
		"  <disable rule=\"flag-tbd\"/>\n"
		"  <severity rule=\"flag-promptly\" level=\"error\"/>\n"
		"  <enable rule=\"flag-tbd\"/>\n"
		"  <include glob=\"*.docx\"/>\n"
		"  <exclude glob=\"drafts/*\"/>\n"
		"</clauselint>\n");
	clint_config *cfg = NULL;
	clint_config_entry e;
	const clint_rule_setting *s;
	size_t n = 0;
	char expect[600];

	(void)state;
	assert_int_equal(clint_config_load(&cfg, path, NULL), CLINT_OK);
	assert_string_equal(clint_config_path(cfg), path);
	assert_int_equal(clint_config_default_packs(cfg), 0);
	assert_int_equal(clint_config_entry_count(cfg), 8);
	clint_config_entry_get(cfg, 0, &e);
	assert_int_equal(e.kind, CLINT_CONFIG_PACK);
	assert_string_equal(e.value, "ambiguity");
	assert_int_equal(e.line, 3);
	/* a pack file is found relative to the project file */
	clint_config_entry_get(cfg, 1, &e);
	snprintf(expect, sizeof(expect), "%.*s/packs/house.xml",
	         (int)(strrchr(path, '/') - path), path);
	assert_string_equal(e.value, expect);
	clint_config_entry_get(cfg, 2, &e);
	assert_int_equal(e.kind, CLINT_CONFIG_DISABLE_PACK);
	clint_config_entry_get(cfg, 4, &e);
	assert_int_equal(e.kind, CLINT_CONFIG_SEVERITY);
	assert_int_equal(e.severity, CLINT_SEVERITY_ERROR);
	clint_config_entry_get(cfg, 6, &e);
	assert_int_equal(e.kind, CLINT_CONFIG_INCLUDE);
	assert_string_equal(e.value, "*.docx");
	clint_config_entry_get(cfg, 7, &e);
	assert_int_equal(e.kind, CLINT_CONFIG_EXCLUDE);
	assert_int_equal(clint_config_entry_get(cfg, 8, &e), CLINT_EINVAL);

	/* the rule settings, in file order, know where they were written */
	s = clint_config_rule_settings(cfg, &n);
	assert_int_equal(n, 3);
	assert_int_equal(s[0].action, CLINT_RULE_DISABLE);
	assert_string_equal(s[0].rule_id, "flag-tbd");
	assert_int_equal(s[0].line, 6);
	assert_string_equal(s[0].file, path);
	assert_int_equal(s[1].action, CLINT_RULE_SEVERITY);
	assert_int_equal(s[1].severity, CLINT_SEVERITY_ERROR);
	assert_int_equal(s[2].action, CLINT_RULE_ENABLE);
	clint_config_free(cfg);
	remove_config(path);
}

static void test_config_schema_errors_with_lines(void **state)
{
	char *path = write_config("<?xml version=\"1.0\"?>\n"
	                          "<clauselint format=\"1\">\n"
	                          "  <disable rule=\"Bad Id\"/>\n"
	                          "  <frobnicate/>\n"
	                          "</clauselint>\n");
	clint_config *cfg = NULL;
	clint_diag *diag = NULL;
	clint_diag_entry e;

	(void)state;
	clint_diag_new(&diag);
	assert_int_equal(clint_config_load(&cfg, path, diag), CLINT_EPACK);
	assert_null(cfg);
	assert_true(clint_diag_count_level(diag, CLINT_DIAG_ERROR) >= 1);
	clint_diag_get(diag, 0, &e);
	assert_string_equal(e.file, path);
	assert_true(e.line == 3 || e.line == 4);
	clint_diag_free(diag);
	remove_config(path);
}

/* Entries past line 65,535 know their line (libxml2 keeps 16 bits of it
 * unless asked for XML_PARSE_BIG_LINES), and so do schema errors there. */
static void test_config_lines_past_65535(void **state)
{
	static const char head[] = "<?xml version=\"1.0\"?>\n"
	                           "<clauselint format=\"1\">\n";
	static const char entry[] = "  <disable rule=\"flag-tbd\"/>\n";
	static const char bad[] = "  <disable rule=\"Bad Id\"/>\n";
	static const char tail[] = "</clauselint>\n";
	size_t blank = 70000, n = sizeof(head) + blank + sizeof(bad) + 96;
	char *xml = malloc(n), *p;
	clint_config *cfg = NULL;
	clint_diag *diag = NULL;
	const clint_rule_setting *rs;
	clint_diag_entry e;
	char *path;
	size_t count = 0;

	(void)state;
	assert_non_null(xml);
	/* line 70,003: the entry; then the bad one on line 70,004 */
	p = xml + sprintf(xml, "%s", head);
	memset(p, '\n', blank);
	p += blank;
	/* a comment right after it: the old correction gave the line of the
	 * text after the comment */
	p += sprintf(p, "%.*s<!-- a\nb -->\n%s", (int)sizeof(entry) - 2, entry,
	             tail);
	path = write_config(xml);
	assert_int_equal(clint_config_load(&cfg, path, NULL), CLINT_OK);
	rs = clint_config_rule_settings(cfg, &count);
	assert_int_equal(count, 1);
	assert_int_equal(rs[0].line, 70003);
	clint_config_free(cfg);
	remove_config(path);
	p = xml + sizeof(head) - 1 + blank;
	sprintf(p, "%s%s%s", entry, bad, tail);
	path = write_config(xml);
	clint_diag_new(&diag);
	assert_int_equal(clint_config_load(&cfg, path, diag), CLINT_EPACK);
	assert_true(clint_diag_count_level(diag, CLINT_DIAG_ERROR) >= 1);
	clint_diag_get(diag, 0, &e);
	assert_int_equal(e.line, 70004);
	clint_diag_free(diag);
	remove_config(path);
	free(xml);
}

/* An entry on line 65,535 itself, blank lines after it: libxml2 keeps
 * 65535 in the node and reads on to the line where the text after it
 * ends (65,539 here); the reader keeps the entry's own. */
static void test_config_line_65535(void **state)
{
	static const char head[] = "<?xml version=\"1.0\"?>\n"
	                           "<clauselint format=\"1\">";
	static const char entry[] = "<disable rule=\"flag-tbd\"/>\n\n\n\n";
	static const char tail[] = "</clauselint>\n";
	size_t blank = 65533, n = sizeof(head) + blank + sizeof(entry) +
	                          sizeof(tail);
	char *xml = malloc(n), *p, *path;
	clint_config *cfg = NULL;
	const clint_rule_setting *rs;
	size_t count = 0;

	(void)state;
	assert_non_null(xml);
	p = xml + sprintf(xml, "%s", head);  /* line 2 */
	memset(p, '\n', blank);
	p += blank;
	sprintf(p, "%s%s", entry, tail);  /* line 2 + 65,533 */
	path = write_config(xml);
	assert_int_equal(clint_config_load(&cfg, path, NULL), CLINT_OK);
	rs = clint_config_rule_settings(cfg, &count);
	assert_int_equal(count, 1);
	assert_int_equal(rs[0].line, 65535);
	clint_config_free(cfg);
	remove_config(path);
	free(xml);
}

static void test_config_hostile(void **state)
{
	static const char *const bad[] = {
		/* an entity that would read a local file */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE clauselint [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]>\n<clauselint format=\"1\"><exclude "
		"glob=\"&x;\"/></clauselint>\n",
		/* not XML at all */
		"this is not a project file\n",
		/* not well-formed */
		"<clauselint format=\"1\"><exclude glob=\"x\"></clauselint>\n",
		/* another format */
		"<clauselint format=\"2\"/>\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *path = write_config(bad[i]);
		clint_config *cfg = NULL;
		clint_diag *diag = NULL;
		clint_diag_entry e;

		clint_diag_new(&diag);
		assert_true(clint_config_load(&cfg, path, diag) < 0);
		assert_null(cfg);
		assert_true(clint_diag_count_level(diag, CLINT_DIAG_ERROR) >= 1);
		clint_diag_get(diag, 0, &e);
		assert_string_equal(e.file, path);
		if (i == 0)
			assert_true(unit_diag_find(diag, "DOCTYPE") >= 0);
		clint_diag_free(diag);
		remove_config(path);
	}
	/* a missing file names the file and the reason */
	{
		clint_config *cfg = NULL;
		clint_diag *diag = NULL;

		clint_diag_new(&diag);
		assert_int_equal(clint_config_load(&cfg, "/nonexistent/.clauselint.xml",
		                                   diag),
		                 CLINT_EIO);
		assert_true(unit_diag_find(diag, "No such file") >= 0);
		clint_diag_free(diag);
	}
	/* 10,050 entries: one error, not one per entry over the cap */
	{
		clint_config *cfg = NULL;
		clint_diag *diag = NULL;
		char *xml, *path;
		size_t k, n = 0;

		xml = malloc(10050 * 32 + 100);
		assert_non_null(xml);
		n += (size_t)sprintf(xml, "<clauselint format=\"1\">\n");
		for (k = 0; k < 10050; k++)
			n += (size_t)sprintf(xml + n, "<disable rule=\"r%zu\"/>\n", k);
		sprintf(xml + n, "</clauselint>\n");
		path = write_config(xml);
		free(xml);
		clint_diag_new(&diag);
		assert_int_equal(clint_config_load(&cfg, path, diag), CLINT_EPACK);
		assert_null(cfg);
		assert_int_equal(clint_diag_count(diag), 1);
		assert_true(unit_diag_find(diag, "more than 10000 entries") >= 0);
		clint_diag_free(diag);
		remove_config(path);
	}
	/* a FIFO nobody writes to is refused, at once */
	{
		char tmpl[] = "/tmp/clint-config-XXXXXX", path[64];
		clint_config *cfg = NULL;
		clint_diag *diag = NULL;

		assert_non_null(mkdtemp(tmpl));
		snprintf(path, sizeof(path), "%s/.clauselint.xml", tmpl);
		assert_int_equal(mkfifo(path, 0600), 0);
		clint_diag_new(&diag);
		alarm(10);
		assert_true(clint_config_load(&cfg, path, diag) < 0);
		alarm(0);
		assert_true(unit_diag_find(diag, "nothing was written") >= 0);
		clint_diag_free(diag);
		unlink(path);
		rmdir(tmpl);
	}
}

/* Loads `two_rules` with `settings`; returns the load's code. */
static int load_with(clint_ruleset **rs, const clint_rule_setting *settings,
                     size_t n, clint_diag *diag)
{
	clint_ruleset_options o = CLINT_RULESET_OPTIONS_INIT;
	char *path = unit_temp_file(two_rules, strlen(two_rules));
	const char *paths[1];
	int rc;

	paths[0] = path;
	o.default_packs = 0;
	o.pack_paths = paths;
	o.pack_path_count = 1;
	o.rule_settings = settings;
	o.rule_setting_count = n;
	rc = clint_ruleset_load(rs, &o, diag);
	unlink(path);
	free(path);
	return rc;
}

static void test_settings_disable_and_severity(void **state)
{
	clint_rule_setting s[2];
	clint_ruleset *rs = NULL;
	clint_rule_info ri;
	clint_pack_info pi;
	clint_doc *doc;
	clint_result *res;
	clint_finding f;

	(void)state;
	memset(s, 0, sizeof(s));
	s[0].action = CLINT_RULE_DISABLE;
	s[0].rule_id = "flag-tbd";
	s[1].action = CLINT_RULE_SEVERITY;
	s[1].rule_id = "flag-promptly";
	s[1].severity = CLINT_SEVERITY_ERROR;
	assert_int_equal(load_with(&rs, s, 2, NULL), CLINT_OK);
	assert_int_equal(clint_ruleset_rule_count(rs), 1);
	assert_int_equal(clint_ruleset_find(rs, "flag-tbd"), (size_t)-1);
	clint_ruleset_rule(rs, 0, &ri);
	assert_string_equal(ri.id, "flag-promptly");
	assert_int_equal(ri.severity, CLINT_SEVERITY_ERROR);
	clint_ruleset_pack(rs, 0, &pi);
	assert_int_equal(pi.rule_count, 1);

	/* the checker follows: no TBD finding, "promptly" is an error */
	doc = unit_text("Fees: TBD. The Client shall pay promptly.\n");
	res = unit_check(rs, doc);
	assert_int_equal(clint_result_finding_count(res), 1);
	clint_result_finding(res, 0, &f);
	assert_string_equal(f.rule_id, "flag-promptly");
	assert_int_equal(f.severity, CLINT_SEVERITY_ERROR);
	assert_int_equal(clint_result_count_at_least(res, CLINT_SEVERITY_ERROR), 1);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

static void test_settings_later_wins(void **state)
{
	clint_rule_setting s[3];
	clint_ruleset *rs = NULL;
	clint_rule_info ri;

	(void)state;
	memset(s, 0, sizeof(s));
	s[0].action = CLINT_RULE_DISABLE;  /* the project file turns it off */
	s[0].rule_id = "flag-tbd";
	s[1].action = CLINT_RULE_ENABLE;   /* the command line turns it on */
	s[1].rule_id = "flag-tbd";
	s[2].action = CLINT_RULE_SEVERITY;
	s[2].rule_id = "flag-tbd";
	s[2].severity = CLINT_SEVERITY_INFO;
	assert_int_equal(load_with(&rs, s, 3, NULL), CLINT_OK);
	assert_int_equal(clint_ruleset_rule_count(rs), 2);
	clint_ruleset_rule(rs, clint_ruleset_find(rs, "flag-tbd"), &ri);
	assert_int_equal(ri.severity, CLINT_SEVERITY_INFO);
	clint_ruleset_free(rs);
}

static void test_settings_unknown_rule(void **state)
{
	clint_rule_setting s[2];
	clint_ruleset *rs = NULL;
	clint_diag *diag = NULL;
	clint_diag_entry e;

	(void)state;
	memset(s, 0, sizeof(s));
	s[0].action = CLINT_RULE_DISABLE;
	s[0].rule_id = "flag-tbd";
	s[1].action = CLINT_RULE_DISABLE;
	s[1].rule_id = "no-such-rule";
	s[1].file = "proj/.clauselint.xml";
	s[1].line = 7;
	clint_diag_new(&diag);
	assert_int_equal(load_with(&rs, s, 2, diag), CLINT_EPACK);
	assert_null(rs);
	assert_int_equal(clint_diag_count_level(diag, CLINT_DIAG_ERROR), 1);
	clint_diag_get(diag, 0, &e);
	assert_string_equal(e.file, "proj/.clauselint.xml");
	assert_int_equal(e.line, 7);
	unit_assert_contains(e.message, "no-such-rule");
	clint_diag_free(diag);
}

static void test_settings_disable_all(void **state)
{
	clint_rule_setting s[2];
	clint_ruleset *rs = NULL;

	(void)state;
	memset(s, 0, sizeof(s));
	s[0].action = s[1].action = CLINT_RULE_DISABLE;
	s[0].rule_id = "flag-tbd";
	s[1].rule_id = "flag-promptly";
	/* nothing left to check against is an error, as with no packs */
	assert_int_equal(load_with(&rs, s, 2, NULL), CLINT_EPACK);
	assert_null(rs);
}

/* A caller built against version 1 passes the shorter struct. */
typedef struct {
	unsigned version;
	int default_packs;
	const char *const *pack_paths;
	size_t pack_path_count;
	int jit;
	const char *const *disabled_packs;
	size_t disabled_pack_count;
} options_v1;

static void test_options_version_1(void **state)
{
	options_v1 *o = malloc(sizeof(*o));  /* exactly v1's size: ASan sees
	                                         any read past it */
	clint_ruleset *rs = NULL;
	clint_ruleset_options bad = CLINT_RULESET_OPTIONS_INIT;

	(void)state;
	assert_non_null(o);
	memset(o, 0, sizeof(*o));
	o->version = 1;
	o->default_packs = 1;
	o->jit = 1;
	assert_int_equal(
		clint_ruleset_load(&rs, (const clint_ruleset_options *)(void *)o, NULL),
		CLINT_OK);
	assert_true(clint_ruleset_rule_count(rs) > 10);
	clint_ruleset_free(rs);
	free(o);
	bad.version = 4;
	assert_int_equal(clint_ruleset_load(&rs, &bad, NULL), CLINT_EINVAL);
	bad.version = 0;
	assert_int_equal(clint_ruleset_load(&rs, &bad, NULL), CLINT_EINVAL);
	assert_int_equal(CLINT_RULESET_OPTIONS_VERSION, 3);
}

/* A caller built against version 2 passes the struct without
 * keep_valid_packs: a pack with problems still fails the load. */
typedef struct {
	unsigned version;
	int default_packs;
	const char *const *pack_paths;
	size_t pack_path_count;
	int jit;
	const char *const *disabled_packs;
	size_t disabled_pack_count;
	const clint_rule_setting *rule_settings;
	size_t rule_setting_count;
} options_v2;

static void test_options_version_2(void **state)
{
	static const char *const paths[] = {"/nonexistent/clint-pack.xml"};
	options_v2 *o = malloc(sizeof(*o));  /* exactly v2's size */
	clint_ruleset *rs = NULL;

	(void)state;
	assert_non_null(o);
	memset(o, 0, sizeof(*o));
	o->version = 2;
	o->default_packs = 1;
	o->jit = 1;
	assert_int_equal(
		clint_ruleset_load(&rs, (const clint_ruleset_options *)(void *)o, NULL),
		CLINT_OK);
	assert_true(clint_ruleset_rule_count(rs) > 10);
	assert_int_equal(clint_ruleset_left_out(rs), 0);
	clint_ruleset_free(rs);
	o->pack_paths = paths;
	o->pack_path_count = 1;
	assert_int_equal(
		clint_ruleset_load(&rs, (const clint_ruleset_options *)(void *)o, NULL),
		CLINT_EPACK);
	assert_null(rs);
	free(o);
}

/* ---- clint_result_filter ------------------------------------------------- */

typedef struct {
	char drop[CLINT_FINGERPRINT_SIZE];
	int seen;
} drop_ctx;

static int drop_one(void *userdata, const clint_finding *f, const char *fp)
{
	drop_ctx *c = userdata;

	(void)f;
	c->seen++;
	return strcmp(fp, c->drop) != 0;
}

static void test_result_filter(void **state)
{
	clint_ruleset *rs = unit_ruleset(
		UNIT_PACK_HEAD("f")
		UNIT_RULE("flag-tbd", "flag", "warning", "")
		UNIT_PATTERN("\\bTBD\\b")
		UNIT_EXAMPLE("match", "Fees: TBD.")
		UNIT_RULE_END
		UNIT_RULE("clause-law", "require", "error", "")
		UNIT_HEADING("governing law")
		UNIT_EXAMPLE("match", "1. Governing Law\n\nEngland.")
		UNIT_RULE_END
		UNIT_PACK_TAIL);
	clint_doc *doc = unit_text("1. Fees\n\n1.1 Fees: TBD.\n\n"
	                           "2. Term\n\n2.1 Term: TBD.\n");
	clint_result *res = unit_check(rs, doc);
	clint_finding f;
	drop_ctx c;
	size_t removed = 99;

	(void)state;
	assert_int_equal(clint_result_finding_count(res), 2);
	assert_int_equal(clint_result_missing_count(res), 1);
	/* drop the first TBD (its fingerprint differs from the second's:
	 * another section heading) */
	memset(&c, 0, sizeof(c));
	clint_result_finding(res, 0, &f);
	clint_finding_fingerprint(res, &f, c.drop);
	assert_int_equal(clint_result_filter(res, drop_one, &c, &removed),
	                 CLINT_OK);
	assert_int_equal(c.seen, 3);  /* two findings, one missing clause */
	assert_int_equal(removed, 1);
	assert_int_equal(clint_result_finding_count(res), 1);
	clint_result_finding(res, 0, &f);
	unit_assert_contains(f.section_label, "Term");
	assert_int_equal(clint_result_missing_count(res), 1);
	assert_int_equal(clint_result_count_at_least(res, CLINT_SEVERITY_WARNING), 2);

	/* a missing clause's fingerprint is its rule's */
	memset(&c, 0, sizeof(c));
	clint_result_missing(res, 0, &f);
	clint_finding_fingerprint(res, &f, c.drop);
	assert_int_equal(clint_result_filter(res, drop_one, &c, NULL), CLINT_OK);
	assert_int_equal(clint_result_missing_count(res), 0);
	assert_int_equal(clint_result_filter(res, NULL, NULL, &removed), CLINT_EINVAL);
	assert_int_equal(removed, 0);
	clint_result_free(res);
	clint_doc_free(doc);
	clint_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_entries_in_order),
		cmocka_unit_test(test_config_schema_errors_with_lines),
		cmocka_unit_test(test_config_hostile),
		cmocka_unit_test(test_settings_disable_and_severity),
		cmocka_unit_test(test_settings_later_wins),
		cmocka_unit_test(test_settings_unknown_rule),
		cmocka_unit_test(test_settings_disable_all),
		cmocka_unit_test(test_options_version_1),
		cmocka_unit_test(test_options_version_2),
		cmocka_unit_test(test_config_lines_past_65535),
		cmocka_unit_test(test_config_line_65535),
		cmocka_unit_test(test_result_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
