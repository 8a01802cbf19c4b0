/*
 * render_sarif.c - the introduced risks as SARIF 2.1.0, for code-scanning
 * tools that gate a revision: one run, the rules that fired, one result
 * per introduced finding (located in NEW, with the content fingerprint as
 * partialFingerprints) and one per required clause gone (located at the
 * NEW file, naming the OLD section that held it).
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static const char *level(clint_severity s)
{
	return s == CLINT_SEVERITY_ERROR     ? "error"
	       : s == CLINT_SEVERITY_WARNING ? "warning"
	                                     : "note";
}

/* Index of rule `id` among the rules listed so far, adding it if new. */
static size_t rule_index(const char ***ids, size_t *n, size_t *cap,
                         const char *id, int *rc)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*ids)[i], id) == 0)
			return i;
	if ((*rc = ARRAY_PUSH(*ids, *n, *cap)) < 0)
		return 0;
	(*ids)[*n] = id;
	return (*n)++;
}

/* The rule of finding `f`, as the check's SARIF describes it (the diff's
 * findings come from its ruleset). */
static int rule_obj(clint_drender *r, const clint_finding *f, int first)
{
	clint_rule_info ri;
	size_t i = clint_ruleset_find(r->d->rs, f->rule_id);

	int rc;

	if (!first && (rc = clint_buf_putc(r->b, ',')) < 0)
		return rc;
	if (i == (size_t)-1 || clint_ruleset_rule(r->d->rs, i, &ri) < 0)
		return CLINT_EINVAL;  /* every finding's rule is in the ruleset */
	clint_sarif_rule(r->b, &ri);
	/* it writes on after a refused put, as the check's SARIF does, which
	 * looks at the buffer once at its end; the report's limit refuses
	 * far sooner than memory runs out */
	return r->b->failed ? CLINT_ELIMIT : CLINT_OK;
}

int clint_diff_render_sarif(clint_drender *r)
{
	const clint_diff *d = r->d;
	clint_buf *b = r->b, inc = CLINT_BUF_INIT;
	const char **ids = NULL;
	size_t nids = 0, cap = 0, i, n = 0;
	int rc = CLINT_OK;

	TRY(clint_buf_printf(b, "{\n  \"$schema\": \"https://json.schemastore.org/"
	                        "sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	                        "  \"runs\": [\n    {\n      \"tool\": {\n"
	                        "        \"driver\": {\n          \"name\": "
	                        "\"clauselint\",\n          \"version\": \"%s\",\n"
	                        "          \"rules\": [",
	                     clint_version()));
	/* the rules of the results, in order of first use */
	for (i = 0; i < d->clause_count; i++)
		if (d->clauses[i].change == CLINT_RISK_INTRODUCED) {
			size_t before = nids;
			rule_index(&ids, &nids, &cap, d->clauses[i].finding.rule_id, &rc);
			if (rc < 0)
				goto done;
			if (nids > before)
				TRY(rule_obj(r, &d->clauses[i].finding, before == 0));
		}
	for (i = 0; i < d->risk_count; i++)
		if (d->risks[i].change == CLINT_RISK_INTRODUCED) {
			size_t before = nids;
			rule_index(&ids, &nids, &cap, d->risks[i].finding.rule_id, &rc);
			if (rc < 0)
				goto done;
			if (nids > before)
				TRY(rule_obj(r, &d->risks[i].finding, before == 0));
		}
	TRY(clint_buf_puts(b, nids ? "\n          ]\n" : "]\n"));
	TRY(clint_buf_puts(b, "        }\n      },\n"));
	/* a revision not fully checked: the run did not succeed */
	TRY(clint_dincomplete(d, &inc));
	if (rc == 1) {
		TRY(clint_buf_puts(b, "      \"invocations\": [{"
		                      "\"executionSuccessful\": false, "
		                      "\"toolExecutionNotifications\": [{"
		                      "\"level\": \"error\", \"message\": {\"text\": "));
		TRY(clint_json_str(b, inc.data, inc.len));
		TRY(clint_buf_puts(b, "}, \"descriptor\": {\"id\": "
		                      "\"check-timed-out\"}}]}],\n"));
	} else {
		TRY(clint_buf_puts(b, "      \"invocations\": [{"
		                      "\"executionSuccessful\": true}],\n"));
	}
	/* columns count code points, as the check's */
	TRY(clint_buf_puts(b, CLINT_SARIF_BASE_IDS
	                      "      \"columnKind\": \"unicodeCodePoints\",\n"));
	/* the files, not their labels (a redline's "(changes accepted)"),
	 * as URI references, as the check's SARIF has them: NEW is 0, then
	 * OLD unless it is the same file (a redline: artifacts are unique) */
	TRY(clint_buf_puts(b, "      \"artifacts\": [{\"location\": "));
	TRY(clint_sarif_artifact(b, clint_doc_name(d->new_doc), -1));
	if (strcmp(clint_doc_name(d->old_doc), clint_doc_name(d->new_doc)) != 0) {
		TRY(clint_buf_puts(b, "}, {\"location\": "));
		TRY(clint_sarif_artifact(b, clint_doc_name(d->old_doc), -1));
	}
	TRY(clint_buf_puts(b, "}],\n      \"results\": ["));
	for (i = 0; i < d->clause_count; i++) {
		const clint_diff_clause *c = &d->clauses[i];
		size_t ri;
		if (c->change != CLINT_RISK_INTRODUCED)
			continue;
		ri = rule_index(&ids, &nids, &cap, c->finding.rule_id, &rc);
		TRY(clint_buf_puts(b, n++ ? ",\n        {" : "\n        {"));
		TRY(clint_buf_puts(b, "\"ruleId\": "));
		TRY(clint_json_cstr(b, c->finding.rule_id));
		TRY(clint_buf_printf(b, ", \"ruleIndex\": %zu, \"level\": \"%s\", "
		                        "\"message\": {\"text\": ",
		                     ri, level(c->finding.severity)));
		{
			clint_buf m = CLINT_BUF_INIT;
			rc = clint_buf_printf(&m, "Required clause gone: %s%s%s%s is "
			                          "missing in NEW. %s",
			                      c->finding.title, *c->old_section ? " (" : "",
			                      c->old_section,
			                      *c->old_section ? " in OLD)" : "",
			                      c->finding.message);
			if (rc == CLINT_OK)
				rc = clint_json_str(b, m.data, m.len);
			clint_buf_free(&m);
			if (rc < 0)
				goto done;
		}
		/* at line 1, as the check's SARIF places a missing clause */
		TRY(clint_buf_puts(b, "}, \"locations\": [{\"physicalLocation\": "
		                      "{\"artifactLocation\": "));
		TRY(clint_sarif_artifact(b, clint_doc_name(d->new_doc), 0));
		TRY(clint_buf_puts(b, ", \"region\": {\"startLine\": 1, "
		                      "\"startColumn\": 1}}}], "
		                      "\"partialFingerprints\": {\"clauselint/v1\": "));
		{
			char fp[CLINT_FINGERPRINT_SIZE];
			TRY(clint_finding_fingerprint(d->new_res, &c->finding, fp));
			TRY(clint_json_cstr(b, fp));
		}
		TRY(clint_buf_puts(b, "}}"));
	}
	for (i = 0; i < d->risk_count; i++) {
		const clint_diff_risk *x = &d->risks[i];
		unsigned line, col;
		size_t ri;
		if (x->change != CLINT_RISK_INTRODUCED)
			continue;
		ri = rule_index(&ids, &nids, &cap, x->finding.rule_id, &rc);
		clint_dfinding_loc(&x->finding, &line, &col);
		TRY(clint_buf_puts(b, n++ ? ",\n        {" : "\n        {"));
		TRY(clint_buf_puts(b, "\"ruleId\": "));
		TRY(clint_json_cstr(b, x->finding.rule_id));
		TRY(clint_buf_printf(b, ", \"ruleIndex\": %zu, \"level\": \"%s\", "
		                        "\"message\": {\"text\": ",
		                     ri, level(x->finding.severity)));
		TRY(clint_json_cstr(b, x->finding.message));
		TRY(clint_buf_puts(b, "}, \"locations\": [{\"physicalLocation\": "
		                      "{\"artifactLocation\": "));
		TRY(clint_sarif_artifact(b, clint_doc_name(d->new_doc), 0));
		TRY(clint_buf_printf(b, ", \"region\": {\"startLine\": "
		                        "%u, \"startColumn\": %u, \"endLine\": %u, "
		                        "\"endColumn\": %u}}",
		                     line ? line : 1, col ? col : 1,
		                     x->finding.end_loc.line ? x->finding.end_loc.line
		                                             : (line ? line : 1),
		                     x->finding.end_loc.column
		                         ? x->finding.end_loc.column
		                         : (col ? col : 1)));
		if (x->finding.section_label && *x->finding.section_label) {
			TRY(clint_buf_puts(b, ", \"logicalLocations\": [{\"name\": "));
			TRY(clint_json_cstr(b, x->finding.section_label));
			TRY(clint_buf_puts(b, ", \"kind\": \"section\"}]"));
		}
		TRY(clint_buf_puts(b, "}], \"partialFingerprints\": {\"clauselint/v1\": "));
		TRY(clint_json_cstr(b, x->fingerprint));
		TRY(clint_buf_puts(b, "}}"));
	}
	TRY(clint_buf_puts(b, n ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n"));
done:
	free((void *)ids);
	clint_buf_free(&inc);
	return rc;
}
