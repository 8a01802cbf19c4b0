/*
 * markdown.c - a summary fit for a pull-request or ticket comment
 * (GitHub/GitLab flavoured Markdown): per document a counts line, the
 * missing required clauses as a table, then the findings grouped by
 * severity, each group in a collapsible <details> block, each finding
 * with its section, location and the quoted words. Every string from a
 * document or a pack goes through clint_md_str(), so contract text can
 * neither inject Markdown or HTML nor mention anyone.
 */
#include <string.h>

#include "report.h"

static const char *group_title[3] = {"Info", "Warnings", "Errors"};

/* Findings listed per severity and document: a comment must stay well
 * under the 65,536 characters GitHub accepts; the rest are counted. */
#define MAX_LISTED 50

static void heading(clint_renderer *r)
{
	if (r->documents == 0)
		clint_buf_puts(&r->out, "## clauselint report\n\n");
}

/* Writes a file name in bold, escaped. */
static void path(clint_buf *b, const char *file)
{
	clint_buf_puts(b, "**");
	clint_md_cstr(b, file);
	clint_buf_puts(b, "**");
}

static void missing_table(clint_buf *b, const clint_result *res)
{
	size_t i, n = clint_result_missing_count(res);
	clint_finding f;

	if (!n)
		return;
	clint_buf_puts(b, "#### Missing clauses\n\n"
	                  "| severity | clause | what to add |\n|---|---|---|\n");
	for (i = 0; i < n; i++) {
		clint_result_missing(res, i, &f);
		clint_buf_printf(b, "| %s | ", clint_severity_name(f.severity));
		clint_md_cstr(b, f.title);
		clint_buf_puts(b, " (");
		clint_md_cstr(b, f.rule_id);
		clint_buf_puts(b, ")<br>");
		clint_md_cstr(b, f.message);
		clint_buf_puts(b, " | ");
		clint_md_cstr(b, f.suggestion);
		clint_buf_puts(b, " |\n");
	}
	clint_buf_puts(b, "\n");
}

static void finding_group(clint_buf *b, const clint_result *res,
                          clint_severity sev, size_t count)
{
	const clint_doc *doc = clint_result_doc(res);
	const char *text = clint_doc_text(doc, NULL);
	size_t i, n = clint_result_finding_count(res), listed = 0;
	clint_finding f;
	clint_region reg;

	if (!count)
		return;
	clint_buf_printf(b, "<details><summary><b>%s (%zu)</b></summary>\n\n",
	                 group_title[sev], count);
	for (i = 0; i < n; i++) {
		clint_result_finding(res, i, &f);
		if (f.severity != sev)
			continue;
		if (listed++ == MAX_LISTED) {
			clint_buf_printf(b, "- … and %zu more (the full list: `--format "
			                    "html` or `--format text`)\n",
			                 count - MAX_LISTED);
			break;
		}
		clint_report_region(doc, &f, &reg);
		clint_buf_puts(b, "- ");
		if (*f.section_label) {
			clint_buf_puts(b, "**");
			clint_md_cstr(b, f.section_label);
			clint_buf_puts(b, "**, ");
		}
		clint_buf_printf(b, "%s %u: \"", reg.by_paragraph ? "paragraph" : "line",
		                 reg.line);
		clint_md_str(b, text + f.start, f.end - f.start);
		clint_buf_puts(b, "\" — ");
		clint_md_cstr(b, f.message);
		if (f.detail && strcmp(f.detail, f.message) != 0) {
			clint_buf_puts(b, " (");
			clint_md_cstr(b, f.detail);
			clint_buf_puts(b, ")");
		}
		clint_buf_puts(b, " (");
		clint_md_cstr(b, f.rule_id);
		clint_buf_puts(b, ")\n  <br>*Fix:* ");
		clint_md_cstr(b, f.suggestion);
		clint_buf_puts(b, "\n");
	}
	clint_buf_puts(b, "\n</details>\n\n");
}

static int md_document(clint_renderer *r, const clint_result *res)
{
	clint_buf *b = &r->out;
	size_t i, counts[3] = {0, 0, 0};
	clint_finding f;
	int s;

	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_result_finding(res, i, &f);
		counts[f.severity]++;
	}
	heading(r);
	clint_buf_puts(b, "### ");
	path(b, clint_doc_name(clint_result_doc(res)));
	clint_buf_printf(b, "\n\n%zu missing clauses · %zu errors · %zu warnings · "
	                    "%zu info · %zu required clauses present\n\n",
	                 clint_result_missing_count(res), counts[2], counts[1],
	                 counts[0], clint_result_present_count(res));
	if (clint_result_timed_out(res))
		clint_buf_puts(b, "**Incomplete:** checking stopped at its CPU-time "
		                  "limit, so some rules did not run.\n\n");
	missing_table(b, res);
	for (s = CLINT_SEVERITY_ERROR; s >= CLINT_SEVERITY_INFO; s--)
		finding_group(b, res, (clint_severity)s, counts[s]);
	return CLINT_OK;
}

static int md_input_error(clint_renderer *r, const char *file, const char *msg)
{
	clint_buf *b = &r->out;

	heading(r);
	clint_buf_puts(b, "### ");
	path(b, file);
	clint_buf_puts(b, "\n\n**Could not be read:** ");
	clint_md_cstr(b, msg);
	clint_buf_puts(b, "\n\n");
	return CLINT_OK;
}

static int md_finish(clint_renderer *r)
{
	clint_buf *b = &r->out;

	heading(r);
	if (r->timed_out)
		clint_buf_printf(b, "**Incomplete:** %zu document%s not fully "
		                    "checked (CPU-time limit).\n\n",
		                 r->timed_out, r->timed_out == 1 ? "" : "s");
	clint_buf_printf(b,
	                 "---\n\n| documents | unreadable | missing clauses | errors "
	                 "| warnings | info |\n|--:|--:|--:|--:|--:|--:|\n"
	                 "| %zu | %zu | %zu | %zu | %zu | %zu |\n\n"
	                 "<sub>clauselint %s</sub>\n",
	                 r->documents - r->failed, r->failed, r->missing,
	                 r->counts[2], r->counts[1], r->counts[0], clint_version());
	return CLINT_OK;
}

const clint_render_ops clint_render_markdown_ops = {
	md_document,
	md_input_error,
	md_finish,
	NULL,
};
