/*
 * sarif.c - SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs).
 *
 * One run. tool.driver.rules lists every rule of the rulesets the results
 * were checked against (normally one), with the help a reviewer needs:
 * shortDescription (title), fullDescription (message), help (why, fix,
 * reference, as text and Markdown), helpUri (the rule's anchor in
 * docs/rules.md), defaultConfiguration.level and tags. Each finding is a
 * result with ruleId/ruleIndex, level, message, one location (region in
 * characters: run.columnKind is unicodeCodePoints) and
 * partialFingerprints from clint_finding_fingerprint(). A missing clause
 * is a result located at line 1 of its file, so that code scanning shows
 * it. Unreadable inputs are toolExecutionNotifications of the invocation.
 *
 * Regions: for text formats the line and column in the source file; for
 * word processing and page formats (DOCX, ODT, RTF, PDF) the source
 * paragraph number stands for the line and the column counts characters
 * in that paragraph (see clint_report_region()); the page and paragraph
 * are also in the result's properties.
 *
 * SARIF puts the rules before the results, and the rules are only known
 * once the documents are: results and notifications are kept in memory
 * and written by finish() (use jsonl to stream very large runs).
 */
#include <search.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#ifndef CLINT_RULES_URL
/* the Makefile passes file://$(DATADIR)/rules.md or RULES_URL */
#define CLINT_RULES_URL "file:///usr/local/share/clauselint/rules.md"
#endif

typedef struct {
	clint_buf rules;        /* rendered rule objects, comma separated */
	clint_buf results;      /* rendered result objects */
	clint_buf notes;        /* rendered toolExecutionNotifications */
	char **ids;             /* rule ids in rules order */
	size_t rule_count, rule_cap;
	void *id_tree;          /* tsearch() tree of sarif_id: id -> ruleIndex */
	const clint_ruleset *rs; /* the ruleset `map` is for */
	size_t *map;            /* ruleset index -> ruleIndex */
	size_t result_count;
	size_t note_count;
} sarif_state;

/* An entry of the id tree: `id` is ids[index]. A walk through the ids
 * of the report's earlier rulesets, for each rule each time the ruleset
 * changed, made a SARIF report of 200 documents from two projects of
 * 5,000 rules, taken in turn, take 10.3 s (JSON: 0.8 s). */
typedef struct {
	const char *id;
	size_t index;
} sarif_id;

static int cmp_sarif_id(const void *a, const void *b)
{
	return strcmp(((const sarif_id *)a)->id, ((const sarif_id *)b)->id);
}

static sarif_state *state(clint_renderer *r)
{
	if (!r->priv)
		r->priv = calloc(1, sizeof(sarif_state));
	return r->priv;
}

static const char *level_name(clint_severity s)
{
	return s == CLINT_SEVERITY_ERROR     ? "error"
	       : s == CLINT_SEVERITY_WARNING ? "warning"
	                                     : "note";
}

/* "cost-then-current-rates" -> "CostThenCurrentRates". */
static void pascal_name(clint_buf *b, const char *id)
{
	int up = 1;

	for (; *id; id++) {
		unsigned char c = (unsigned char)*id;
		if (c == '-' || c == '_' || c == '.' || c == ' ') {
			up = 1;
			continue;
		}
		if (up && c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		up = 0;
		clint_buf_putc(b, (char)c);
	}
}

/* Appends the JSON object of rule `ri`. */
void clint_sarif_rule(clint_buf *b, const clint_rule_info *ri)
{
	clint_buf name = CLINT_BUF_INIT, help = CLINT_BUF_INIT;

	pascal_name(&name, ri->id);
	clint_buf_puts(b, "\n        {\"id\": ");
	clint_json_cstr(b, ri->id);
	clint_buf_puts(b, ", \"name\": ");
	clint_json_str(b, name.data ? name.data : "", name.len);
	clint_buf_puts(b, ", \"shortDescription\": {\"text\": ");
	clint_json_cstr(b, ri->title);
	clint_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
	clint_json_cstr(b, ri->message);
	clint_buf_puts(b, "}, \"help\": {\"text\": ");
	clint_buf_printf(&help, "%s\n\nWhy: %s\n\nFix: %s%s%s", ri->message,
	                 ri->rationale, ri->suggestion, *ri->ref ? "\n\nReference: " : "",
	                 ri->ref);
	clint_json_str(b, help.data, help.len);
	help.len = 0;
	clint_buf_puts(b, ", \"markdown\": ");
	clint_md_cstr(&help, ri->message);
	clint_buf_puts(&help, "\n\n**Why:** ");
	clint_md_cstr(&help, ri->rationale);
	clint_buf_puts(&help, "\n\n**Fix:** ");
	clint_md_cstr(&help, ri->suggestion);
	if (*ri->ref) {
		clint_buf_puts(&help, "\n\n**Reference:** ");
		clint_md_cstr(&help, ri->ref);
	}
	clint_json_str(b, help.data, help.len);
	clint_buf_puts(b, "}, \"helpUri\": ");
	help.len = 0;
	clint_buf_puts(&help, CLINT_RULES_URL "#");
	clint_buf_puts(&help, ri->id); /* ids are [a-z0-9-] (pack schema) */
	clint_json_str(b, help.data, help.len);
	clint_buf_printf(b, ", \"defaultConfiguration\": {\"level\": \"%s\"}",
	                 level_name(ri->severity));
	clint_buf_puts(b, ", \"properties\": {\"tags\": [");
	clint_json_cstr(b, ri->category);
	clint_buf_puts(b, ", ");
	clint_json_cstr(b, clint_rule_kind_name(ri->kind));
	clint_buf_puts(b, "], \"pack\": ");
	clint_json_cstr(b, ri->pack);
	clint_buf_puts(b, "}}");
	clint_buf_failed_into(b, &name);
	clint_buf_failed_into(b, &help);
	clint_buf_free(&name);
	clint_buf_free(&help);
}

/* Makes `map` give the ruleIndex of every rule of `rs`, adding the rules
 * not seen yet. */
static int map_rules(sarif_state *st, const clint_ruleset *rs)
{
	size_t i, j, k, n = clint_ruleset_rule_count(rs);
	clint_rule_info ri;
	sarif_id key, *e;
	void **node;
	size_t *map;

	if (st->rs == rs)
		return CLINT_OK;
	map = calloc(n ? n : 1, sizeof(*map));
	if (!map)
		return CLINT_ENOMEM;
	free(st->map);
	st->map = map;
	st->rs = NULL;
	for (i = 0; i < n; i++) {
		clint_ruleset_rule(rs, i, &ri);
		/* an id this ruleset had before: its search tree; else one of
		 * an earlier ruleset's: the report's */
		k = clint_ruleset_find(rs, ri.id);
		if (k < i) {
			map[i] = map[k];
			continue;
		}
		key.id = ri.id;
		node = tfind(&key, &st->id_tree, cmp_sarif_id);
		if (node) {
			map[i] = (*(sarif_id **)node)->index;
			continue;
		}
		j = st->rule_count;
		if (ARRAY_PUSH(st->ids, st->rule_count, st->rule_cap) < 0)
			return CLINT_ENOMEM;
		if (!(st->ids[j] = clint_strdup(ri.id)))
			return CLINT_ENOMEM;
		/* in the tree before it counts: a failure leaves no id that the
		 * rules array lacks */
		if (!(e = malloc(sizeof(*e)))) {
			free(st->ids[j]);
			return CLINT_ENOMEM;
		}
		*e = (sarif_id){st->ids[j], j};
		if (!tsearch(e, &st->id_tree, cmp_sarif_id)) {
			free(e);
			free(st->ids[j]);
			return CLINT_ENOMEM;
		}
		st->rule_count++;
		if (j)
			clint_buf_putc(&st->rules, ',');
		clint_sarif_rule(&st->rules, &ri);
		map[i] = j;
	}
	st->rs = rs;
	return CLINT_OK;
}

int clint_sarif_artifact(clint_buf *b, const char *file, long index)
{
	int rc;

	if ((rc = clint_buf_puts(b, "{\"uri\": \"")) < 0 ||
	    (rc = clint_uri_path(b, file)) < 0 ||
	    (rc = clint_buf_puts(b, "\"")) < 0)
		return rc;
	if (*file != '/' &&
	    (rc = clint_buf_puts(b, ", \"uriBaseId\": \"%SRCROOT%\"")) < 0)
		return rc;
	if (index >= 0 &&
	    (rc = clint_buf_printf(b, ", \"index\": %ld", index)) < 0)
		return rc;
	return clint_buf_putc(b, '}');
}

static void render_result(sarif_state *st, const clint_result *res,
                          const clint_finding *f)
{
	const clint_doc *doc = clint_result_doc(res);
	const char *text = clint_doc_text(doc, NULL);
	clint_buf *b = &st->results;
	clint_buf msg = CLINT_BUF_INIT;
	char fp[CLINT_FINGERPRINT_SIZE];
	size_t ri = clint_ruleset_find(st->rs, f->rule_id);
	clint_region reg;

	clint_report_region(doc, f, &reg);
	if (st->result_count++)
		clint_buf_putc(b, ',');
	clint_buf_puts(b, "\n        {\"ruleId\": ");
	clint_json_cstr(b, f->rule_id);
	if (ri != (size_t)-1)
		clint_buf_printf(b, ", \"ruleIndex\": %zu", st->map[ri]);
	clint_buf_printf(b, ", \"level\": \"%s\", \"message\": {\"text\": ",
	                 level_name(f->severity));
	if (!f->has_location) {
		clint_buf_printf(&msg, "Missing clause: %s. %s", f->title, f->message);
	} else {
		clint_buf_puts(&msg, f->message);
		if (f->detail && strcmp(f->detail, f->message) != 0)
			clint_buf_printf(&msg, " (%s)", f->detail);
		/* a check's own words end without a full stop */
		if (msg.len && strchr(".!?", msg.data[msg.len - 1]) == NULL)
			clint_buf_putc(&msg, '.');
		if (*f->section_label)
			clint_buf_printf(&msg, " In %s.", f->section_label);
	}
	clint_json_str(b, msg.data ? msg.data : "", msg.len);
	clint_buf_puts(b, "}, \"locations\": [{\"physicalLocation\": "
	                  "{\"artifactLocation\": ");
	clint_sarif_artifact(b, clint_doc_name(doc), -1);
	clint_buf_printf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u",
	                 reg.line, reg.column);
	if (f->has_location) {
		clint_buf_printf(b, ", \"endLine\": %u, \"endColumn\": %u",
		                 reg.end_line, reg.end_column);
		clint_buf_puts(b, ", \"snippet\": {\"text\": ");
		clint_json_str(b, text + f->start, f->end - f->start);
		clint_buf_putc(b, '}');
	}
	clint_buf_puts(b, "}}");
	if (f->has_location && *f->section_label) {
		clint_buf_puts(b, ", \"logicalLocations\": [{\"name\": ");
		clint_json_cstr(b, f->section_label);
		clint_buf_puts(b, ", \"kind\": \"section\"}]");
	}
	clint_buf_puts(b, "}]");
	if (clint_finding_fingerprint(res, f, fp) == CLINT_OK)
		clint_buf_printf(b, ", \"partialFingerprints\": "
		                    "{\"clauselint/v1\": \"%s\"}", fp);
	clint_buf_puts(b, ", \"properties\": {\"category\": ");
	clint_json_cstr(b, f->category);
	if (f->has_location) {
		clint_buf_printf(b, ", \"page\": %u", reg.page);
		if (reg.by_paragraph)
			clint_buf_printf(b, ", \"paragraph\": %u", reg.line);
	} else {
		clint_buf_puts(b, ", \"missing\": true");
	}
	clint_buf_puts(b, "}}");
	clint_buf_failed_into(b, &msg);
	clint_buf_free(&msg);
}

/* A tool execution notification (an error) about `file`; any makes the
 * run's executionSuccessful false. */
static void add_note(sarif_state *st, const char *file, const char *msg,
                     const char *id)
{
	clint_buf *b = &st->notes;

	if (st->note_count++)
		clint_buf_putc(b, ',');
	clint_buf_puts(b, "\n            {\"level\": \"error\", \"message\": {\"text\": ");
	clint_json_cstr(b, msg);
	clint_buf_puts(b, "}, \"locations\": [{\"physicalLocation\": "
	                  "{\"artifactLocation\": ");
	clint_sarif_artifact(b, file, -1);
	clint_buf_printf(b, "}}], \"descriptor\": {\"id\": \"%s\"}}", id);
}

static int sarif_document(clint_renderer *r, const clint_result *res)
{
	sarif_state *st = state(r);
	clint_finding f;
	size_t i;
	int rc;

	if (!st)
		return CLINT_ENOMEM;
	if ((rc = map_rules(st, clint_result_ruleset(res))) < 0)
		return rc;
	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_result_finding(res, i, &f);
		render_result(st, res, &f);
	}
	for (i = 0; i < clint_result_missing_count(res); i++) {
		clint_result_missing(res, i, &f);
		render_result(st, res, &f);
	}
	if (clint_result_timed_out(res))
		add_note(st, clint_doc_name(clint_result_doc(res)),
		         "checking stopped at its CPU-time limit: some rules did "
		         "not run, so the findings and missing clauses of this "
		         "document are incomplete",
		         "check-timed-out");
	return CLINT_OK;
}

static int sarif_input_error(clint_renderer *r, const char *file,
                             const char *msg)
{
	sarif_state *st = state(r);

	if (!st)
		return CLINT_ENOMEM;
	add_note(st, file, msg, "input-error");
	return CLINT_OK;
}

static int sarif_finish(clint_renderer *r)
{
	sarif_state *st = state(r);
	clint_buf *b = &r->out;

	if (!st)
		return CLINT_ENOMEM;
	clint_buf_failed_into(b, &st->rules);
	clint_buf_failed_into(b, &st->results);
	clint_buf_failed_into(b, &st->notes);
	clint_buf_printf(b,
	                 "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\","
	                 "\n  \"version\": \"2.1.0\","
	                 "\n  \"runs\": [\n    {"
	                 "\n      \"tool\": {\"driver\": {\"name\": \"clauselint\", "
	                 "\"version\": \"%s\", \"semanticVersion\": \"%s\", "
	                 "\"informationUri\": \"%s\", \"rules\": [",
	                 clint_version(), clint_version(), CLINT_RULES_URL);
	clint_buf_put(b, st->rules.data, st->rules.len);
	clint_buf_puts(b, st->rule_count ? "\n      ]}},\n" : "]}},\n");
	clint_buf_printf(b, "      \"invocations\": [{\"executionSuccessful\": %s, "
	                    "\"toolExecutionNotifications\": [",
	                 st->note_count ? "false" : "true");
	clint_buf_put(b, st->notes.data, st->notes.len);
	clint_buf_puts(b, st->note_count ? "\n      ]}],\n" : "]}],\n");
	clint_buf_puts(b, CLINT_SARIF_BASE_IDS
	                  "      \"columnKind\": \"unicodeCodePoints\",\n"
	                  "      \"results\": [");
	clint_buf_put(b, st->results.data, st->results.len);
	clint_buf_puts(b, st->result_count ? "\n      ]\n    }\n  ]\n}\n"
	                                   : "]\n    }\n  ]\n}\n");
	return CLINT_OK;
}

static void sarif_free(clint_renderer *r)
{
	sarif_state *st = r->priv;
	size_t i;

	if (!st)
		return;
	/* the tree first: its entries point at the ids (POSIX has no
	 * tdestroy(): the root at a time) */
	while (st->id_tree) {
		sarif_id *e = *(sarif_id **)st->id_tree;

		tdelete(e, &st->id_tree, cmp_sarif_id);
		free(e);
	}
	for (i = 0; i < st->rule_count; i++)
		free(st->ids[i]);
	free(st->ids);
	free(st->map);
	clint_buf_free(&st->rules);
	clint_buf_free(&st->results);
	clint_buf_free(&st->notes);
	free(st);
	r->priv = NULL;
}

const clint_render_ops clint_render_sarif_ops = {
	sarif_document,
	sarif_input_error,
	sarif_finish,
	sarif_free,
};
