/*
 * checkstyle.c - Checkstyle XML, read by Jenkins (warnings-ng), SonarQube,
 * reviewdog and many CI dashboards: a <file> per input, an <error> per
 * finding (line, column, severity, message, source "clauselint.RULE").
 * A missing clause is an error at line 1; an unreadable input is an
 * error at line 1 with source "clauselint.input-error", and a check
 * stopped at its CPU-time limit one with "clauselint.check-timed-out".
 * Lines follow clint_report_region(): paragraphs for word processing
 * formats.
 */
#include "report.h"

static void open_file(clint_renderer *r, const char *file)
{
	clint_buf *b = &r->out;

	if (r->documents == 0)
		clint_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		                  "<checkstyle version=\"4.3\">\n");
	clint_buf_puts(b, "  <file name=\"");
	clint_xml_cstr(b, file, 1);
	clint_buf_puts(b, "\">\n");
}

static void error(clint_buf *b, const clint_region *reg, int column,
                  const char *sev, const char *msg, const char *msg2,
                  const char *source)
{
	clint_buf_printf(b, "    <error line=\"%u\"", reg->line);
	if (column)
		clint_buf_printf(b, " column=\"%u\"", reg->column);
	clint_buf_printf(b, " severity=\"%s\" message=\"", sev);
	clint_xml_cstr(b, msg, 1);
	clint_xml_cstr(b, msg2, 1);
	clint_buf_puts(b, "\" source=\"clauselint.");
	clint_xml_cstr(b, source, 1);
	clint_buf_puts(b, "\"/>\n");
}

static int cs_document(clint_renderer *r, const clint_result *res)
{
	const clint_doc *doc = clint_result_doc(res);
	clint_buf *b = &r->out;
	const char *text = clint_doc_text(doc, NULL);
	clint_buf msg = CLINT_BUF_INIT;
	clint_finding f;
	clint_region reg;
	size_t i;

	open_file(r, clint_doc_name(doc));
	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_result_finding(res, i, &f);
		clint_report_region(doc, &f, &reg);
		msg.len = 0;
		clint_buf_puts(&msg, " \"");
		clint_buf_put(&msg, text + f.start, f.end - f.start);
		clint_buf_puts(&msg, "\"");
		if (*f.section_label)
			clint_buf_printf(&msg, " in %s", f.section_label);
		error(b, &reg, 1, clint_severity_name(f.severity), f.message, msg.data,
		      f.rule_id);
	}
	for (i = 0; i < clint_result_missing_count(res); i++) {
		clint_result_missing(res, i, &f);
		clint_report_region(doc, &f, &reg);
		error(b, &reg, 0, clint_severity_name(f.severity), "Missing clause: ",
		      f.message, f.rule_id);
	}
	if (clint_result_timed_out(res)) {
		clint_region top = {1, 1, 1, 1, 1, 0};
		error(b, &top, 0, "error", "Incomplete: ",
		      "checking stopped at its CPU-time limit, so some rules did "
		      "not run",
		      "check-timed-out");
	}
	clint_buf_failed_into(b, &msg);
	clint_buf_free(&msg);
	return clint_buf_puts(b, "  </file>\n");
}

static int cs_input_error(clint_renderer *r, const char *file, const char *msg)
{
	clint_region reg = {1, 1, 1, 1, 1, 0};

	open_file(r, file);
	error(&r->out, &reg, 0, "error", "Could not be read: ", msg, "input-error");
	return clint_buf_puts(&r->out, "  </file>\n");
}

static int cs_finish(clint_renderer *r)
{
	if (r->documents == 0)
		clint_buf_puts(&r->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		                        "<checkstyle version=\"4.3\">\n");
	return clint_buf_puts(&r->out, "</checkstyle>\n");
}

const clint_render_ops clint_render_checkstyle_ops = {
	cs_document,
	cs_input_error,
	cs_finish,
	NULL,
};
