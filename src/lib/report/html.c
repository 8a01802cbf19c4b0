/*
 * html.c - one self-contained HTML page for reviewers: no network, no
 * external assets (a Content-Security-Policy forbids any), CSS and
 * JavaScript inline. Per document:
 *
 *   - a scorecard: missing clauses and findings by severity, and a table
 *     of risks by category and severity;
 *   - the checklist of required clauses, present (linked to the evidence)
 *     or missing (with why it matters and what to add);
 *   - the contract text with every finding highlighted in place: the
 *     highlight's tooltip gives the message, a click (or Enter) opens a
 *     panel with the whole explanation, and the findings list below links
 *     back to each highlight; a table of contents from the sections
 *     jumps into the text.
 *
 * Every string from a document or a pack is escaped (clint_html_str), so
 * a contract holding "<script>" shows it as text. The script reads the
 * explanations from the page itself (cloned DOM nodes, never innerHTML).
 * The run summary is written last (documents stream) and shown first by
 * CSS order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char page_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>clauselint report</title>\n<style>\n"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;"
	"color:#1d232b;background:#f5f6f8;display:flex;flex-direction:column}\n"
	"header,section.doc,section.run,section.input-error{margin:12px 16px;"
	"padding:12px 18px;background:#fff;border:1px solid #d9dde3;border-radius:6px}\n"
	"header{order:-2}section.run{order:-1}\n"
	"h1{font-size:20px;margin:0}h2{font-size:18px;margin:0 0 8px;word-break:break-all}"
	"h3{font-size:15px;margin:16px 0 6px}\n"
	".muted{color:#66707c}.fmt{font-size:12px;color:#66707c;font-weight:normal}\n"
	".cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #d9dde3;"
	"border-radius:6px;padding:6px 12px;min-width:90px}.card b{display:block;font-size:22px}\n"
	".c-missing b,.sev-error{color:#b3261e}.c-warning b,.sev-warning{color:#a05a00}"
	".c-info b,.sev-info{color:#1f5fa8}\n"
	"table{border-collapse:collapse}td,th{border:1px solid #d9dde3;padding:3px 8px;"
	"text-align:left}td.n{text-align:right}\n"
	"ul.check{list-style:none;padding-left:0}ul.check li{margin:3px 0}"
	".ok::before{content:'\\2714\\FE0E  ';color:#2e7d32}"
	".miss::before{content:'\\2718\\FE0E  ';color:#b3261e}\n"
	".body{display:flex;gap:16px;align-items:flex-start}"
	"nav.toc{flex:0 0 240px;max-height:80vh;overflow:auto;position:sticky;top:8px;"
	"font-size:13px}nav.toc ul{list-style:none;padding-left:0;margin:0}"
	"nav.toc a{text-decoration:none;color:#1f5fa8}\n"
	".text{flex:1;min-width:0}.text pre{white-space:pre-wrap;word-wrap:break-word;"
	"font:13px/1.5 ui-monospace,'DejaVu Sans Mono',monospace;margin:0;"
	"padding:8px;background:#fbfbfc;border:1px solid #e3e6ea}\n"
	"mark.f{cursor:pointer;border-radius:2px;padding:0 1px}"
	"mark.sev-error{background:#f9d0cd;color:inherit}"
	"mark.sev-warning{background:#ffe3a8;color:inherit}"
	"mark.sev-info{background:#d4e6fb;color:inherit}"
	"mark.f:focus{outline:2px solid #1f5fa8}\n"
	".pb{display:block;border-top:1px dashed #aab;margin:6px 0}\n"
	"ol.findings li{margin:6px 0}ol.findings blockquote{margin:2px 0 2px 12px;"
	"padding-left:8px;border-left:3px solid #d9dde3;white-space:pre-wrap}\n"
	"#panel{position:fixed;right:12px;bottom:12px;width:min(440px,90vw);max-height:60vh;"
	"overflow:auto;background:#fff;border:1px solid #8a94a0;border-radius:6px;"
	"padding:10px 14px;box-shadow:0 4px 18px rgba(0,0,0,.2)}#panel[hidden]{display:none}\n"
	"#panel button{float:right}\n"
	"</style>\n</head>\n<body>\n"
	"<header><h1>clauselint report</h1><span class=\"muted\">clauselint ";

static const char page_script[] =
	"<aside id=\"panel\" hidden></aside>\n"
	"<script>\n"
	"(function () {\n"
	"  'use strict';\n"
	"  var panel = document.getElementById('panel');\n"
	"  function hide() { panel.hidden = true; panel.textContent = ''; }\n"
	"  function show(mark) {\n"
	"    var ids = (mark.getAttribute('data-f') || '').split(' ');\n"
	"    var close = document.createElement('button');\n"
	"    panel.textContent = '';\n"
	"    close.type = 'button';\n"
	"    close.textContent = 'close';\n"
	"    close.addEventListener('click', hide);\n"
	"    panel.appendChild(close);\n"
	"    ids.forEach(function (id) {\n"
	"      var li = id && document.getElementById(id);\n"
	"      if (!li) return;\n"
	"      var copy = li.cloneNode(true);\n"
	"      copy.removeAttribute('id');\n"
	"      var div = document.createElement('div');\n"
	"      while (copy.firstChild) div.appendChild(copy.firstChild);\n"
	"      panel.appendChild(div);\n"
	"    });\n"
	"    panel.hidden = false;\n"
	"  }\n"
	"  document.addEventListener('click', function (e) {\n"
	"    var t = e.target;\n"
	"    var mark = t && t.closest ? t.closest('mark.f') : null;\n"
	"    if (mark) show(mark);\n"
	"  });\n"
	"  document.addEventListener('keydown', function (e) {\n"
	"    var t = document.activeElement;\n"
	"    if (e.key === 'Escape') hide();\n"
	"    else if (e.key === 'Enter' && t && t.matches && t.matches('mark.f')) show(t);\n"
	"  });\n"
	"  document.documentElement.setAttribute('data-clauselint-ready', '1');\n"
	"})();\n"
	"</script>\n</body>\n</html>\n";

static const char *sev_name(clint_severity s)
{
	return clint_severity_name(s);
}

static void esc(clint_buf *b, const char *s)
{
	clint_html_cstr(b, s, 0);
}

static void esc_attr(clint_buf *b, const char *s)
{
	clint_html_cstr(b, s, 1);
}

/* The contract text [a, b): escaped; a form feed is drawn as a page
 * break; CR LF and CR line ends become LF. */
static void put_text(clint_buf *b, const char *t, size_t a, size_t e)
{
	size_t i = a;

	while (i < e) {
		size_t j = i;
		while (j < e && t[j] != '\f' && t[j] != '\r')
			j++;
		clint_html_str(b, t + i, j - i, 0);
		if (j < e && t[j] == '\f')
			clint_buf_puts(b, "<span class=\"pb\"></span>");
		else if (j < e && t[j] == '\r' && !(j + 1 < e && t[j + 1] == '\n'))
			clint_buf_putc(b, '\n');
		i = j + 1;
	}
}

/* priv: the run summary's list of documents, one <li> each. */
static clint_buf *index_buf(clint_renderer *r)
{
	if (!r->priv)
		r->priv = calloc(1, sizeof(clint_buf));
	return r->priv;
}

static void index_entry(clint_renderer *r, const char *file, const char *what)
{
	clint_buf *ix = index_buf(r);

	if (!ix) {
		r->out.failed = 1;  /* the summary would lack this entry */
		return;
	}
	clint_buf_printf(ix, "<li><a href=\"#d%zu\">", r->documents);
	esc(ix, file);
	clint_buf_puts(ix, "</a> ");
	esc(ix, what);
	clint_buf_puts(ix, "</li>\n");
}

static void header(clint_renderer *r)
{
	if (r->documents == 0) {
		clint_buf_puts(&r->out, page_head);
		esc(&r->out, clint_version());
		clint_buf_puts(&r->out, "</span></header>\n");
	}
}

/* ---- scorecard ----------------------------------------------------------- */

typedef struct {
	const char *category;
	size_t n[3];
	size_t missing;
} cat_row;

static int add_cat(cat_row **rows, size_t *count, size_t *cap,
                   const clint_finding *f)
{
	size_t i;

	for (i = 0; i < *count; i++)
		if (strcmp((*rows)[i].category, f->category) == 0)
			break;
	if (i == *count) {
		if (ARRAY_PUSH(*rows, *count, *cap) < 0)
			return CLINT_ENOMEM;
		memset(&(*rows)[i], 0, sizeof(**rows));
		(*rows)[i].category = f->category;
		(*count)++;
	}
	if (f->has_location)
		(*rows)[i].n[f->severity]++;
	else
		(*rows)[i].missing++;
	return CLINT_OK;
}

static int scorecard(clint_buf *b, const clint_result *res)
{
	size_t i, n = clint_result_finding_count(res);
	size_t nmiss = clint_result_missing_count(res);
	size_t counts[3] = {0, 0, 0}, count = 0, cap = 0;
	cat_row *rows = NULL;
	clint_finding f;
	int rc = CLINT_OK;

	for (i = 0; i < n; i++) {
		clint_result_finding(res, i, &f);
		counts[f.severity]++;
		TRY(add_cat(&rows, &count, &cap, &f));
	}
	for (i = 0; i < nmiss; i++) {
		clint_result_missing(res, i, &f);
		TRY(add_cat(&rows, &count, &cap, &f));
	}
	clint_buf_printf(b,
	                 "<div class=\"cards\"><div class=\"card c-missing\"><b>%zu</b>"
	                 "missing clauses</div><div class=\"card c-error\"><b>%zu</b>"
	                 "errors</div><div class=\"card c-warning\"><b>%zu</b>"
	                 "warnings</div><div class=\"card c-info\"><b>%zu</b>info</div>"
	                 "<div class=\"card\"><b>%zu</b>required clauses present</div>"
	                 "</div>\n",
	                 nmiss, counts[2], counts[1], counts[0],
	                 clint_result_present_count(res));
	if (count) {
		clint_buf_puts(b, "<h3>Risks by category</h3>\n<table class=\"cats\">"
		                  "<tr><th>category</th><th>missing</th><th>error</th>"
		                  "<th>warning</th><th>info</th></tr>\n");
		for (i = 0; i < count; i++) {
			clint_buf_puts(b, "<tr><td>");
			esc(b, rows[i].category);
			clint_buf_printf(b, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
			                    "</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
			                    "</td></tr>\n",
			                 rows[i].missing, rows[i].n[2], rows[i].n[1],
			                 rows[i].n[0]);
		}
		clint_buf_puts(b, "</table>\n");
	}
done:
	free(rows);
	return rc;
}

/* The required clauses: present ones link to their evidence. */
static void checklist(clint_buf *b, const clint_result *res, size_t d)
{
	size_t i, np = clint_result_present_count(res);
	size_t nm = clint_result_missing_count(res);
	clint_finding f;

	if (!np && !nm)
		return;
	clint_buf_puts(b, "<h3>Required clauses</h3>\n<ul class=\"check\">\n");
	for (i = 0; i < nm; i++) {
		clint_result_missing(res, i, &f);
		clint_buf_printf(b, "<li class=\"miss\"><b>missing:</b> <b>");
		esc(b, f.title);
		clint_buf_printf(b, "</b> <span class=\"sev-%s\">%s</span> <code>",
		                 sev_name(f.severity), sev_name(f.severity));
		esc(b, f.rule_id);
		clint_buf_puts(b, "</code><br>");
		esc(b, f.message);
		clint_buf_puts(b, "<details><summary>why it matters, what to add"
		                  "</summary><p><b>Why:</b> ");
		esc(b, f.rationale);
		clint_buf_puts(b, "</p><p><b>Add:</b> ");
		esc(b, f.suggestion);
		if (f.ref && *f.ref) {
			clint_buf_puts(b, "</p><p class=\"muted\">");
			esc(b, f.ref);
		}
		clint_buf_puts(b, "</p></details></li>\n");
	}
	for (i = 0; i < np; i++) {
		clint_result_present(res, i, &f);
		clint_buf_printf(b, "<li class=\"ok\"><a href=\"#d%zu-p%zu\">", d, i);
		esc(b, f.title);
		clint_buf_puts(b, "</a>");
		if (*f.section_label) {
			clint_buf_puts(b, " <span class=\"muted\">in ");
			esc(b, f.section_label);
			clint_buf_puts(b, "</span>");
		}
		clint_buf_puts(b, "</li>\n");
	}
	clint_buf_puts(b, "</ul>\n");
}

static void toc(clint_buf *b, const clint_doc *doc, size_t d)
{
	size_t i, n = clint_doc_section_count(doc);
	clint_section s;

	clint_buf_puts(b, "<nav class=\"toc\"><h3>Sections</h3>");
	if (!n)
		clint_buf_puts(b, "<p class=\"muted\">no sections found</p>");
	clint_buf_puts(b, "<ul>\n");
	for (i = 0; i < n; i++) {
		clint_doc_section(doc, i, &s);
		clint_buf_printf(b, "<li style=\"margin-left:%uem\"><a href=\"#d%zu-s%zu\">",
		                 s.depth > 6 ? 5 : s.depth ? s.depth - 1 : 0, d, i);
		esc(b, s.label);
		clint_buf_puts(b, "</a></li>\n");
	}
	clint_buf_puts(b, "</ul></nav>\n");
}

/* ---- the text with its findings highlighted ------------------------------ */

typedef struct {
	size_t off;
	char kind;   /* 's' section, 'p' present clause evidence */
	size_t idx;
} anchor;

typedef struct {
	size_t start, end;
	clint_severity sev;
	size_t idx;
	const char *message;
} span;

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_anchor(const void *a, const void *b)
{
	const anchor *x = a, *y = b;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? 1 : -1; /* sections first */
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_span(const void *a, const void *b)
{
	const span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Moves `off` past one character of t[0..len). */
static size_t next_char(const char *t, size_t off, size_t len)
{
	if (off >= len)
		return len;
	return clint_utf8_fwd(t, off + 1, len);
}

static int marked_text(clint_buf *b, const clint_result *res, size_t d)
{
	const clint_doc *doc = clint_result_doc(res);
	size_t len, i, k, nf = clint_result_finding_count(res);
	size_t np = clint_result_present_count(res);
	size_t ns = clint_doc_section_count(doc);
	const char *t = clint_doc_text(doc, &len);
	span *spans = NULL, **active = NULL;
	anchor *anchors = NULL;
	size_t *bounds = NULL;
	size_t na = 0, nb = 0, nact = 0, ai = 0, si = 0;
	clint_finding f;
	clint_section sec;
	int rc = CLINT_OK;

	spans = calloc(nf ? nf : 1, sizeof(*spans));
	active = calloc(nf ? nf : 1, sizeof(*active));
	anchors = calloc(ns + np ? ns + np : 1, sizeof(*anchors));
	bounds = calloc(2 * nf + ns + np + 2, sizeof(*bounds));
	if (!spans || !active || !anchors || !bounds) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	for (i = 0; i < nf; i++) {
		clint_result_finding(res, i, &f);
		spans[i].start = f.start < len ? f.start : len;
		spans[i].end = f.end < len ? f.end : len;
		if (spans[i].end <= spans[i].start) /* show at least a character */
			spans[i].end = next_char(t, spans[i].start, len);
		spans[i].sev = f.severity;
		spans[i].idx = i;
		spans[i].message = f.message;
		bounds[nb++] = spans[i].start;
		bounds[nb++] = spans[i].end;
	}
	if (nf > 1)
		qsort(spans, nf, sizeof(*spans), cmp_span);
	for (i = 0; i < ns; i++) {
		clint_doc_section(doc, i, &sec);
		anchors[na].off = sec.start < len ? sec.start : len;
		anchors[na].kind = 's';
		anchors[na++].idx = i;
	}
	for (i = 0; i < np; i++) {
		clint_result_present(res, i, &f);
		anchors[na].off = f.start < len ? f.start : len;
		anchors[na].kind = 'p';
		anchors[na++].idx = i;
	}
	if (na > 1)
		qsort(anchors, na, sizeof(*anchors), cmp_anchor);
	for (i = 0; i < na; i++)
		bounds[nb++] = anchors[i].off;
	bounds[nb++] = 0;
	bounds[nb++] = len;
	qsort(bounds, nb, sizeof(*bounds), cmp_size);

	clint_buf_puts(b, "<div class=\"text\"><pre>");
	for (k = 0; k < nb; k++) {
		size_t p = bounds[k], q;
		clint_severity top = CLINT_SEVERITY_INFO;

		if (k > 0 && p == bounds[k - 1])
			continue;
		for (; ai < na && anchors[ai].off <= p; ai++)
			clint_buf_printf(b, "<span id=\"d%zu-%c%zu\"></span>", d,
			                 anchors[ai].kind, anchors[ai].idx);
		/* the findings covering [p, next bound) */
		for (i = 0; i < nact;) {
			if (active[i]->end <= p)
				active[i] = active[--nact];
			else
				i++;
		}
		for (; si < nf && spans[si].start <= p; si++) {
			/* the target of the findings list's link, even for a
			 * finding with nothing to highlight (at the very end) */
			clint_buf_printf(b, "<span id=\"d%zu-m%zu\"></span>", d,
			                 spans[si].idx);
			if (spans[si].end > p)
				active[nact++] = &spans[si];
		}
		for (q = p; k + 1 < nb && (q = bounds[k + 1]) == p; k++)
			;
		if (q <= p)
			break;
		if (!nact) {
			put_text(b, t, p, q);
			continue;
		}
		for (i = 0; i < nact; i++)
			if (active[i]->sev > top)
				top = active[i]->sev;
		clint_buf_printf(b, "<mark class=\"f sev-%s\" tabindex=\"0\" title=\"",
		                 sev_name(top));
		for (i = 0; i < nact; i++) {
			if (i)
				clint_buf_puts(b, "&#10;");
			clint_buf_printf(b, "%s: ", sev_name(active[i]->sev));
			esc_attr(b, active[i]->message);
		}
		clint_buf_puts(b, "\" data-f=\"");
		for (i = 0; i < nact; i++)
			clint_buf_printf(b, "%sd%zu-f%zu", i ? " " : "", d, active[i]->idx);
		clint_buf_puts(b, "\">");
		put_text(b, t, p, q);
		clint_buf_puts(b, "</mark>");
	}
	for (; ai < na; ai++)
		clint_buf_printf(b, "<span id=\"d%zu-%c%zu\"></span>", d,
		                 anchors[ai].kind, anchors[ai].idx);
	clint_buf_puts(b, "</pre></div>\n");
done:
	free(spans);
	free(active);
	free(anchors);
	free(bounds);
	return rc;
}

static void findings_list(clint_buf *b, const clint_result *res, size_t d)
{
	const clint_doc *doc = clint_result_doc(res);
	const char *t = clint_doc_text(doc, NULL);
	size_t i, n = clint_result_finding_count(res);
	clint_finding f;
	clint_region reg;

	clint_buf_printf(b, "<h3>Findings (%zu)</h3>\n", n);
	if (!n)
		return;
	clint_buf_puts(b, "<ol class=\"findings\">\n");
	for (i = 0; i < n; i++) {
		clint_result_finding(res, i, &f);
		clint_report_region(doc, &f, &reg);
		clint_buf_printf(b, "<li id=\"d%zu-f%zu\"><b class=\"sev-%s\">%s</b> ",
		                 d, i, sev_name(f.severity), sev_name(f.severity));
		esc(b, f.title);
		clint_buf_puts(b, " <code>");
		esc(b, f.rule_id);
		clint_buf_printf(b, "</code> <a href=\"#d%zu-m%zu\">%s %u</a>", d, i,
		                 reg.by_paragraph ? "paragraph" : "line", reg.line);
		if (*f.section_label) {
			clint_buf_puts(b, " in ");
			esc(b, f.section_label);
		}
		clint_buf_puts(b, "<blockquote>");
		clint_html_str(b, t + f.start, f.end - f.start, 0);
		clint_buf_puts(b, "</blockquote>");
		esc(b, f.message);
		if (f.detail && strcmp(f.detail, f.message) != 0) {
			clint_buf_puts(b, " (");
			esc(b, f.detail);
			clint_buf_puts(b, ")");
		}
		clint_buf_puts(b, "<br><b>Why:</b> ");
		esc(b, f.rationale);
		clint_buf_puts(b, "<br><b>Fix:</b> ");
		esc(b, f.suggestion);
		if (f.ref && *f.ref) {
			clint_buf_puts(b, "<br><span class=\"muted\">");
			esc(b, f.ref);
			clint_buf_puts(b, "</span>");
		}
		clint_buf_puts(b, "</li>\n");
	}
	clint_buf_puts(b, "</ol>\n");
}

static int html_document(clint_renderer *r, const clint_result *res)
{
	const clint_doc *doc = clint_result_doc(res);
	clint_buf *b = &r->out;
	size_t d = r->documents, i, counts[3] = {0, 0, 0};
	char what[128];
	clint_finding f;
	int rc = CLINT_OK;

	header(r);
	for (i = 0; i < clint_result_finding_count(res); i++) {
		clint_result_finding(res, i, &f);
		counts[f.severity]++;
	}
	snprintf(what, sizeof(what), "%zu missing, %zu errors, %zu warnings, %zu info%s",
	         clint_result_missing_count(res), counts[2], counts[1], counts[0],
	         clint_result_timed_out(res) ? ", incomplete" : "");
	index_entry(r, clint_doc_name(doc), what);
	clint_buf_printf(b, "<section class=\"doc\" id=\"d%zu\">\n<h2>", d);
	esc(b, clint_doc_name(doc));
	clint_buf_puts(b, " <span class=\"fmt\">");
	esc(b, clint_input_format_name(clint_doc_format(doc)));
	clint_buf_puts(b, "</span></h2>\n");
	if (clint_result_timed_out(res))
		clint_buf_puts(b, "<p class=\"sev-error\">Incomplete: checking "
		                  "stopped at its CPU-time limit, so some rules did "
		                  "not run.</p>\n");
	TRY(scorecard(b, res));
	checklist(b, res, d);
	clint_buf_puts(b, "<h3>Contract text</h3>\n<p class=\"muted\">Highlighted "
	                  "words are findings: hover for the message, click or "
	                  "press Enter for the explanation.</p>\n<div class=\"body\">");
	toc(b, doc, d);
	TRY(marked_text(b, res, d));
	clint_buf_puts(b, "</div>\n");
	findings_list(b, res, d);
	clint_buf_puts(b, "</section>\n");
done:
	return rc;
}

static int html_input_error(clint_renderer *r, const char *file,
                            const char *msg)
{
	clint_buf *b = &r->out;

	header(r);
	index_entry(r, file, "could not be read");
	clint_buf_printf(b, "<section class=\"input-error\" id=\"d%zu\"><h2>",
	                 r->documents);
	esc(b, file);
	clint_buf_puts(b, "</h2><p class=\"sev-error\">could not be read: ");
	esc(b, msg);
	clint_buf_puts(b, "</p></section>\n");
	return CLINT_OK;
}

static int html_finish(clint_renderer *r)
{
	clint_buf *b = &r->out;

	header(r);
	clint_buf_printf(b,
	                 "<section class=\"run\"><h2>Summary</h2><div class=\"cards\">"
	                 "<div class=\"card\"><b>%zu</b>documents</div>"
	                 "<div class=\"card c-missing\"><b>%zu</b>unreadable</div>"
	                 "<div class=\"card c-missing\"><b>%zu</b>missing clauses</div>"
	                 "<div class=\"card c-error\"><b>%zu</b>errors</div>"
	                 "<div class=\"card c-warning\"><b>%zu</b>warnings</div>"
	                 "<div class=\"card c-info\"><b>%zu</b>info</div></div>",
	                 r->documents - r->failed, r->failed, r->missing,
	                 r->counts[2], r->counts[1], r->counts[0]);
	if (r->timed_out)
		clint_buf_printf(b, "<p class=\"sev-error\">Incomplete: %zu "
		                    "document%s not fully checked (CPU-time "
		                    "limit).</p>",
		                 r->timed_out, r->timed_out == 1 ? "" : "s");
	if (r->priv && ((clint_buf *)r->priv)->len) {
		clint_buf *ix = r->priv;
		clint_buf_failed_into(b, ix);
		clint_buf_puts(b, "<ul>\n");
		clint_buf_put(b, ix->data, ix->len);
		clint_buf_puts(b, "</ul>");
	}
	clint_buf_puts(b, "</section>\n");
	clint_buf_puts(b, page_script);
	return CLINT_OK;
}

static void html_free(clint_renderer *r)
{
	if (r->priv) {
		clint_buf_free(r->priv);
		free(r->priv);
		r->priv = NULL;
	}
}

const clint_render_ops clint_render_html_ops = {
	html_document,
	html_input_error,
	html_finish,
	html_free,
};
