/*
 * junit.c - JUnit XML for CI test dashboards (Jenkins, GitLab, Azure
 * DevOps): a <testsuite> per document, a <testcase> per rule of the
 * ruleset it was checked against, and a <failure> for every rule that
 * fired: a missing required clause, or the findings of a wording rule
 * (one failure listing them all, "file:line:col: message" each). A
 * check stopped at its CPU-time limit adds a testcase "check" with an
 * <error> and marks the rules that did not run <skipped/>. An
 * unreadable input is a testsuite with one <error>. The root
 * <testsuites> carries no totals, so that documents stream; consumers
 * add the suites up.
 */
#include <stdlib.h>

#include "report.h"

static void open_root(clint_renderer *r)
{
	if (r->documents == 0)
		clint_buf_puts(&r->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		                        "<testsuites name=\"clauselint\">\n");
}

/* The failure of a wording rule: each of its findings on a line. */
static void finding_lines(clint_buf *b, const clint_result *res,
                          const clint_finding *all, const size_t *order,
                          size_t from, size_t to)
{
	const clint_doc *doc = clint_result_doc(res);
	const char *text = clint_doc_text(doc, NULL);
	const char *name = clint_doc_name(doc);
	clint_region reg;
	size_t k;

	for (k = from; k < to; k++) {
		const clint_finding *f = &all[order[k]];

		clint_report_region(doc, f, &reg);
		clint_xml_cstr(b, name, 0);
		clint_buf_printf(b, ":%s%u:%u: %s: \"", reg.by_paragraph ? "paragraph " : "",
		                 reg.line, reg.column, clint_severity_name(f->severity));
		clint_xml_str(b, text + f->start, f->end - f->start, 0);
		clint_buf_puts(b, "\"");
		if (*f->section_label) {
			clint_buf_puts(b, " in ");
			clint_xml_cstr(b, f->section_label, 0);
		}
		if (f->detail) {
			/* a check's own words: what exactly is wrong here */
			clint_buf_puts(b, ": ");
			clint_xml_cstr(b, f->detail, 0);
		}
		clint_buf_puts(b, "\n");
	}
}

static int junit_document(clint_renderer *r, const clint_result *res)
{
	const clint_doc *doc = clint_result_doc(res);
	const clint_ruleset *rs = clint_result_ruleset(res);
	const char *name = clint_doc_name(doc);
	size_t nr = clint_ruleset_rule_count(rs), nf = clint_result_finding_count(res);
	size_t nm = clint_result_missing_count(res), i, j, failures = 0;
	/* a check stopped at its CPU-time limit ran the rules before this */
	size_t ran = clint_result_rules_checked(res);
	int timed_out = clint_result_timed_out(res);
	/* findings grouped by rule (counting sort on the ruleset index):
	 * those of rule j are order[first[j] .. first[j + 1]) */
	clint_finding *all = calloc(nf ? nf : 1, sizeof(*all));
	size_t *rule_of = calloc(nf ? nf : 1, sizeof(*rule_of));
	size_t *order = calloc(nf ? nf : 1, sizeof(*order));
	size_t *first = calloc(nr + 2, sizeof(*first));
	unsigned char *missing = calloc(nr ? nr : 1, 1);
	clint_buf *b = &r->out;
	clint_rule_info ri;
	clint_finding f;
	int rc = CLINT_OK;

	if (!all || !rule_of || !order || !first || !missing) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < nf; i++) {
		clint_result_finding(res, i, &all[i]);
		rule_of[i] = clint_ruleset_find(rs, all[i].rule_id);
		if (rule_of[i] >= nr)
			rule_of[i] = nr; /* not in the ruleset: not reported per rule */
		first[rule_of[i] + 1]++;
	}
	for (j = 0; j <= nr; j++)
		first[j + 1] += first[j];
	{
		size_t *fill = calloc(nr + 1, sizeof(*fill));
		if (!fill) {
			rc = CLINT_ENOMEM;
			goto done;
		}
		for (i = 0; i < nf; i++)
			order[first[rule_of[i]] + fill[rule_of[i]]++] = i;
		free(fill);
	}
	for (i = 0; i < nm; i++) {
		clint_result_missing(res, i, &f);
		j = clint_ruleset_find(rs, f.rule_id);
		if (j < nr)
			missing[j] = 1;
	}
	for (j = 0; j < nr; j++)
		failures += missing[j] || first[j + 1] > first[j];
	open_root(r);
	clint_buf_puts(b, "  <testsuite name=\"");
	clint_xml_cstr(b, name, 1);
	clint_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%d\" "
	                    "skipped=\"%zu\">\n",
	                 nr + !!timed_out, failures, !!timed_out,
	                 ran < nr ? nr - ran : 0);
	if (timed_out) {
		clint_buf_puts(b, "    <testcase classname=\"");
		clint_xml_cstr(b, name, 1);
		clint_buf_puts(b, "\" name=\"check\">\n      <error "
		                  "type=\"check-timed-out\" message=\"checking "
		                  "stopped at its CPU-time limit, so some rules did "
		                  "not run\"/>\n    </testcase>\n");
	}
	for (j = 0; j < nr; j++) {
		size_t hits = first[j + 1] - first[j];

		clint_ruleset_rule(rs, j, &ri);
		clint_buf_puts(b, "    <testcase classname=\"");
		clint_xml_cstr(b, name, 1);
		clint_buf_puts(b, "\" name=\"");
		clint_xml_cstr(b, ri.id, 1);
		clint_buf_puts(b, ": ");
		clint_xml_cstr(b, ri.title, 1);
		if (j >= ran) {
			clint_buf_puts(b, "\">\n      <skipped message=\"not run: checking "
			                  "stopped at its CPU-time limit\"/>\n"
			                  "    </testcase>\n");
			continue;
		}
		if (!hits && !missing[j]) {
			clint_buf_puts(b, "\"/>\n");
			continue;
		}
		clint_buf_puts(b, "\">\n      <failure type=\"");
		clint_buf_puts(b, clint_severity_name(ri.severity));
		clint_buf_puts(b, "\" message=\"");
		if (missing[j]) {
			clint_buf_puts(b, "missing clause: ");
			clint_xml_cstr(b, ri.message, 1);
			clint_buf_puts(b, "\">");
			clint_xml_cstr(b, ri.message, 0);
			clint_buf_puts(b, "\nWhy: ");
			clint_xml_cstr(b, ri.rationale, 0);
			clint_buf_puts(b, "\nAdd: ");
			clint_xml_cstr(b, ri.suggestion, 0);
		} else {
			clint_buf_printf(b, "%zu finding%s: ", hits, hits == 1 ? "" : "s");
			clint_xml_cstr(b, ri.message, 1);
			clint_buf_puts(b, "\">");
			finding_lines(b, res, all, order, first[j], first[j + 1]);
			clint_buf_puts(b, "Fix: ");
			clint_xml_cstr(b, ri.suggestion, 0);
		}
		clint_buf_puts(b, "</failure>\n    </testcase>\n");
	}
	clint_buf_puts(b, "  </testsuite>\n");
done:
	free(all);
	free(rule_of);
	free(order);
	free(first);
	free(missing);
	return rc;
}

static int junit_input_error(clint_renderer *r, const char *file,
                             const char *msg)
{
	clint_buf *b = &r->out;

	open_root(r);
	clint_buf_puts(b, "  <testsuite name=\"");
	clint_xml_cstr(b, file, 1);
	clint_buf_puts(b, "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
	                  "    <testcase classname=\"");
	clint_xml_cstr(b, file, 1);
	clint_buf_puts(b, "\" name=\"read\">\n      <error type=\"input-error\" message=\"");
	clint_xml_cstr(b, msg, 1);
	clint_buf_puts(b, "\"/>\n    </testcase>\n  </testsuite>\n");
	return CLINT_OK;
}

static int junit_finish(clint_renderer *r)
{
	open_root(r);
	return clint_buf_puts(&r->out, "</testsuites>\n");
}

const clint_render_ops clint_render_junit_ops = {
	junit_document,
	junit_input_error,
	junit_finish,
	NULL,
};
