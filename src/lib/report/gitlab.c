/*
 * gitlab.c - GitLab Code Quality (a Code Climate subset): one JSON array
 * of issues, each with description, check_name (the rule id),
 * fingerprint, severity (info, minor, major, critical) and
 * location.path / location.lines.begin (and end). A missing clause is an
 * issue at line 1 of its file; an unreadable input is a "critical" issue
 * with check_name "input-error", and a document whose check stopped at its
 * CPU-time limit one with check_name "check-timed-out".
 *
 * GitLab needs fingerprints unique within a report and stable across
 * runs: each is a hash of the file path, the finding's content
 * fingerprint (clint_finding_fingerprint: rule, section heading,
 * normalised words) and its occurrence among findings with the same
 * content fingerprint in that file, so line shifts keep it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static const char *gl_severity(clint_severity s)
{
	return s == CLINT_SEVERITY_ERROR     ? "critical"
	       : s == CLINT_SEVERITY_WARNING ? "major"
	                                     : "minor";
}

typedef struct {
	char fp[CLINT_FINGERPRINT_SIZE];
	size_t idx;
} fp_item;

static int cmp_fp(const void *a, const void *b)
{
	const fp_item *x = a, *y = b;
	int c = strcmp(x->fp, y->fp);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* priv: the number of issues written so far. */
static int begin_issue(clint_renderer *r)
{
	size_t *issues = r->priv;

	if (!issues && !(issues = r->priv = calloc(1, sizeof(*issues))))
		return CLINT_ENOMEM;
	clint_buf_puts(&r->out, (*issues)++ ? ",\n  " : "[\n  ");
	return clint_buf_puts(&r->out, "{\"description\": ");
}

static void issue_tail(clint_buf *b, const char *check, const char *file,
                       const char *fp_in, size_t occurrence,
                       const char *severity, unsigned line, unsigned end_line)
{
	uint64_t h = 0xcbf29ce484222325ull;
	char occ[24];

	h = fnv(h, file, strlen(file) + 1);
	h = fnv(h, fp_in, strlen(fp_in) + 1);
	snprintf(occ, sizeof(occ), "%zu", occurrence);
	h = fnv(h, occ, strlen(occ));
	clint_buf_puts(b, ", \"check_name\": ");
	clint_json_cstr(b, check);
	clint_buf_printf(b, ", \"fingerprint\": \"%016llx\", \"severity\": \"%s\", "
	                    "\"location\": {\"path\": ",
	                 (unsigned long long)h, severity);
	while (file[0] == '.' && file[1] == '/')
		file += 2;
	clint_json_cstr(b, file);
	clint_buf_printf(b, ", \"lines\": {\"begin\": %u, \"end\": %u}}}", line,
	                 end_line);
}

static int gl_document(clint_renderer *r, const clint_result *res)
{
	const clint_doc *doc = clint_result_doc(res);
	const char *text = clint_doc_text(doc, NULL);
	const char *file = clint_doc_name(doc);
	size_t nf = clint_result_finding_count(res), i;
	fp_item *items = calloc(nf ? nf : 1, sizeof(*items));
	size_t *occ = calloc(nf ? nf : 1, sizeof(*occ));
	clint_buf msg = CLINT_BUF_INIT;
	clint_finding f;
	clint_region reg;
	char fp[CLINT_FINGERPRINT_SIZE];
	int rc = CLINT_OK;

	if (!items || !occ) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	/* occurrence of each finding among those with its fingerprint */
	for (i = 0; i < nf; i++) {
		clint_result_finding(res, i, &f);
		if (clint_finding_fingerprint(res, &f, items[i].fp) < 0)
			items[i].fp[0] = '\0';
		items[i].idx = i;
	}
	if (nf > 1)
		qsort(items, nf, sizeof(*items), cmp_fp);
	for (i = 0; i < nf; i++)
		occ[items[i].idx] =
		        i && strcmp(items[i].fp, items[i - 1].fp) == 0
		                ? occ[items[i - 1].idx] + 1
		                : 0;
	for (i = 0; i < nf; i++) {
		clint_result_finding(res, i, &f);
		clint_report_region(doc, &f, &reg);
		msg.len = 0;
		clint_buf_printf(&msg, "%s", f.message);
		if (f.detail && strcmp(f.detail, f.message) != 0)
			clint_buf_printf(&msg, " (%s)", f.detail);
		clint_buf_puts(&msg, " \"");
		clint_buf_put(&msg, text + f.start, f.end - f.start);
		clint_buf_puts(&msg, "\"");
		if (*f.section_label)
			clint_buf_printf(&msg, " in %s", f.section_label);
		TRY(begin_issue(r));
		clint_json_str(&r->out, msg.data, msg.len);
		if (clint_finding_fingerprint(res, &f, fp) < 0)
			fp[0] = '\0';
		issue_tail(&r->out, f.rule_id, file, fp, occ[i],
		           gl_severity(f.severity), reg.line, reg.end_line);
	}
	for (i = 0; i < clint_result_missing_count(res); i++) {
		clint_result_missing(res, i, &f);
		msg.len = 0;
		clint_buf_printf(&msg, "Missing clause: %s. %s", f.title, f.message);
		TRY(begin_issue(r));
		clint_json_str(&r->out, msg.data, msg.len);
		if (clint_finding_fingerprint(res, &f, fp) < 0)
			fp[0] = '\0';
		issue_tail(&r->out, f.rule_id, file, fp, 0, gl_severity(f.severity), 1, 1);
	}
	if (clint_result_timed_out(res)) {
		static const char inc[] = "Incomplete: checking stopped at its "
		                          "CPU-time limit, so some rules did not run";
		TRY(begin_issue(r));
		clint_json_str(&r->out, inc, sizeof(inc) - 1);
		/* its own fingerprint: not the input-error issue's */
		issue_tail(&r->out, "check-timed-out", file, "check-timed-out", 0,
		           "critical", 1, 1);
	}
done:
	clint_buf_failed_into(&r->out, &msg);
	clint_buf_free(&msg);
	free(items);
	free(occ);
	return rc;
}

static int gl_input_error(clint_renderer *r, const char *file, const char *msg)
{
	clint_buf m = CLINT_BUF_INIT;
	int rc;

	clint_buf_printf(&m, "Could not be read: %s", msg);
	TRY(begin_issue(r));
	clint_json_str(&r->out, m.data, m.len);
	issue_tail(&r->out, "input-error", file, "", 0, "critical", 1, 1);
done:
	clint_buf_failed_into(&r->out, &m);
	clint_buf_free(&m);
	return rc;
}

static int gl_finish(clint_renderer *r)
{
	return clint_buf_puts(&r->out, r->priv ? "\n]\n" : "[]\n");
}

static void gl_free(clint_renderer *r)
{
	free(r->priv);
	r->priv = NULL;
}

const clint_render_ops clint_render_gitlab_ops = {
	gl_document,
	gl_input_error,
	gl_finish,
	gl_free,
};
