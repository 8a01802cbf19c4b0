/*
 * json.c - the JSON report: one object for the run, one entry per input
 * in input order (a checked document or an input error), stable key
 * order, no timestamps, so that two runs over the same inputs are
 * byte-identical. docs/report-json.md describes the fields and
 * docs/report.schema.json is their JSON Schema. The entry writers also
 * serve jsonl.c in compact form (one line per document).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "report.h"

/* Every writer takes an indentation; -1 means compact (jsonl): no line
 * breaks, ", " between members. */

/* A line break and `indent` spaces, or nothing when compact. */
static void nl(clint_buf *b, int indent)
{
	static const char spaces[] = "\n                                ";

	if (indent < 0)
		return;
	if ((size_t)indent < sizeof(spaces) - 1)
		clint_buf_put(b, spaces, (size_t)indent + 1);
	else
		clint_buf_printf(b, "\n%*s", indent, "");
}

/* Appends the decimal digits of `v`. */
static void put_u64(clint_buf *b, uint64_t v)
{
	char d[24];
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	clint_buf_put(b, d + n, sizeof(d) - n);
}

/* Appends what "%.15g" prints for `v`: the digits alone for a whole
 * number from 0 to 1e15 (most amounts and days), printf for the rest. */
static void put_g15(clint_buf *b, double v)
{
	if (v >= 0 && v < 1e15 && v == (double)(uint64_t)v && !signbit(v))
		put_u64(b, (uint64_t)v);
	else
		clint_buf_printf(b, "%.15g", v);
}

/* Appends what "%zu" prints for `v`. */
static void put_size(clint_buf *b, size_t v)
{
	put_u64(b, (uint64_t)v);
}

/* The separator before a member or element that is not the first. */
static void sep(clint_buf *b, int indent)
{
	clint_buf_puts(b, indent >= 0 ? "," : ", ");
}

static void key(clint_buf *b, int indent, const char *k, int first)
{
	if (!first)
		sep(b, indent);
	nl(b, indent);
	clint_buf_putc(b, '"');
	clint_buf_puts(b, k);
	clint_buf_put(b, "\": ", 3);
}

static void kv_str(clint_buf *b, int indent, const char *k, const char *v,
                   int first)
{
	key(b, indent, k, first);
	clint_json_cstr(b, v);
}

static void kv_num(clint_buf *b, int indent, const char *k, size_t v,
                   int first)
{
	key(b, indent, k, first);
	put_size(b, v);
}

static const char *format_name(clint_input_format f)
{
	return clint_input_format_name(f);
}

/* The rule fields every finding repeats, so a consumer needs no pack. */
static void rule_fields(clint_buf *b, int in, const clint_finding *f)
{
	kv_str(b, in, "rule", f->rule_id, 1);
	kv_str(b, in, "pack", f->pack, 0);
	kv_str(b, in, "kind", clint_rule_kind_name(f->kind), 0);
	kv_str(b, in, "severity", clint_severity_name(f->severity), 0);
	kv_str(b, in, "category", f->category, 0);
	kv_str(b, in, "title", f->title, 0);
	kv_str(b, in, "message", f->message, 0);
	kv_str(b, in, "rationale", f->rationale, 0);
	kv_str(b, in, "ref", f->ref, 0);
	kv_str(b, in, "suggestion", f->suggestion, 0);
}

/* The content fingerprint baselines and diffs match findings by. */
static void fingerprint_field(clint_buf *b, int in, const clint_result *res,
                              const clint_finding *f)
{
	char fp[CLINT_FINGERPRINT_SIZE];

	if (clint_finding_fingerprint(res, f, fp) == CLINT_OK)
		kv_str(b, in, "fingerprint", fp, 0);
}

static void location_fields(clint_buf *b, int in, const clint_doc *doc,
                            const clint_finding *f)
{
	const char *text = clint_doc_text(doc, NULL);
	clint_excerpt ex;

	kv_num(b, in, "start", f->start, 0);
	kv_num(b, in, "end", f->end, 0);
	kv_num(b, in, "line", f->begin_loc.line, 0);
	kv_num(b, in, "column", f->begin_loc.column, 0);
	kv_num(b, in, "end_line", f->end_loc.line, 0);
	kv_num(b, in, "end_column", f->end_loc.column, 0);
	kv_num(b, in, "page", f->begin_loc.page, 0);
	if (f->begin_loc.paragraph)
		kv_num(b, in, "paragraph", f->begin_loc.paragraph, 0);
	if (f->begin_loc.flags & (CLINT_BLOCK_INSERTED | CLINT_BLOCK_DELETED))
		kv_str(b, in, "revision",
		       f->begin_loc.flags & CLINT_BLOCK_INSERTED ? "inserted" : "deleted",
		       0);
	kv_str(b, in, "section", f->section_label, 0);
	key(b, in, "match", 0);
	clint_json_str(b, text + f->start, f->end - f->start);
	clint_excerpt_get(doc, f->start, f->end, 160, &ex);
	key(b, in, "excerpt", 0);
	clint_json_str(b, ex.text, ex.len);
	if (f->has_value) {
		key(b, in, "value", 0);
		clint_buf_puts(b, "{\"kind\": ");
		clint_json_cstr(b, clint_value_kind_name(f->value.kind));
		clint_buf_puts(b, ", \"text\": ");
		clint_json_str(b, text + f->value.start, f->value.end - f->value.start);
		clint_buf_puts(b, ", \"amount\": ");
		put_g15(b, f->value.amount);
		if (f->value.kind == CLINT_VALUE_DURATION) {
			clint_buf_puts(b, ", \"days\": ");
			put_g15(b, f->value.days);
		}
		clint_buf_puts(b, ", \"threshold\": ");
		clint_json_cstr(b, f->threshold);
		clint_buf_putc(b, '}');
	}
}

static void open_array(clint_buf *b, int in, const char *k, size_t n)
{
	key(b, in, k, 0);
	clint_buf_puts(b, n ? "[" : "[]");
}

static void close_array(clint_buf *b, int in, size_t n)
{
	if (n) {
		nl(b, in);
		clint_buf_putc(b, ']');
	}
}

/* Indentation `in` plus `more`, or compact (-1) when `in` is. */
#define IN(in, more) ((in) < 0 ? -1 : (in) + (more))

/* Opens element `i` of an array of objects. */
static void open_elem(clint_buf *b, int in, size_t i)
{
	if (i)
		sep(b, in);
	nl(b, in);
	clint_buf_putc(b, '{');
}

static void close_obj(clint_buf *b, int in)
{
	nl(b, in);
	clint_buf_putc(b, '}');
}

/* The report's opening, written before the first entry (or at the end of
 * a run with none). */
static void open_report(clint_buf *b)
{
	clint_buf_printf(b, "{\n  \"tool\": {\"name\": \"clauselint\", "
	                    "\"version\": \"%s\"},\n  \"documents\": [",
	                 clint_version());
}

static void begin_entry(clint_renderer *r)
{
	clint_buf *b = &r->out;

	if (r->documents == 0)
		open_report(b);
	else
		clint_buf_putc(b, ',');
	clint_buf_puts(b, "\n    {");
}

/* Writes "values": the quantities found, grouped by section in text
 * order: [{"section": "§ 4.1 Fees", "values": [{...}, ...]}, ...]. */
static void json_values(clint_buf *b, int in, const clint_doc *doc)
{
	size_t i, n = clint_doc_value_count(doc), groups = 0;
	size_t cur = (size_t)-2;
	const char *text = clint_doc_text(doc, NULL);
	clint_value v;
	clint_section sec;
	clint_location loc;

	open_array(b, in, "values", n);
	for (i = 0; i < n; i++) {
		clint_doc_value(doc, i, &v);
		if (v.section != cur) {
			if (groups) {
				close_array(b, IN(in, 4), 1);
				close_obj(b, IN(in, 2));
			}
			open_elem(b, IN(in, 2), groups++);
			kv_str(b, IN(in, 4), "section",
			       v.section != CLINT_NO_SECTION &&
			               clint_doc_section(doc, v.section, &sec) == 0
			           ? sec.label
			           : "",
			       1);
			key(b, IN(in, 4), "values", 0);
			clint_buf_puts(b, "[");
			cur = v.section;
		} else {
			sep(b, in);
		}
		clint_doc_locate(doc, v.start, &loc);
		nl(b, IN(in, 6));
		clint_buf_puts(b, "{\"kind\": ");
		clint_json_cstr(b, clint_value_kind_name(v.kind));
		clint_buf_puts(b, ", \"text\": ");
		clint_json_str(b, text + v.start, v.end - v.start);
		clint_buf_puts(b, ", \"amount\": ");
		put_g15(b, v.amount);
		if (v.kind == CLINT_VALUE_MONEY) {
			clint_buf_puts(b, ", \"currency\": ");
			clint_json_cstr(b, v.currency);
		}
		if (v.kind == CLINT_VALUE_DURATION) {
			clint_buf_puts(b, ", \"unit\": ");
			clint_json_cstr(b, v.unit);
			clint_buf_puts(b, ", \"days\": ");
			put_g15(b, v.days);
		}
		clint_buf_puts(b, ", \"line\": ");
		put_size(b, loc.line);
		clint_buf_puts(b, ", \"column\": ");
		put_size(b, loc.column);
		clint_buf_putc(b, '}');
	}
	if (groups) {
		close_array(b, IN(in, 4), 1);
		close_obj(b, IN(in, 2));
		close_array(b, in, 1);
	}
}

/* The most of an annotation's anchored text a report shows: ranges may
 * nest and overlap, so the anchors of a small document could add up to
 * gigabytes (40,000 nested ranges); start and end give the whole range. */
#define JSON_ANCHOR_MAX 4096

/* The length of text[start..end) cut to JSON_ANCHOR_MAX bytes, at the
 * start of a character. */
static size_t anchor_len(const char *text, size_t start, size_t end)
{
	size_t n = end - start;

	if (n <= JSON_ANCHOR_MAX)
		return n;
	return clint_utf8_back(text + start, JSON_ANCHOR_MAX, 0);
}

/* Writes "annotations": comments attached to the text (not contract
 * text), with their anchor. Left out when there are none. */
static void json_annotations(clint_buf *b, int in, const clint_doc *doc)
{
	size_t i, n = clint_doc_annotation_count(doc);
	const char *text = clint_doc_text(doc, NULL);
	clint_annotation a;
	clint_location loc;

	if (!n)
		return;
	open_array(b, in, "annotations", n);
	for (i = 0; i < n; i++) {
		clint_doc_annotation(doc, i, &a);
		clint_doc_locate(doc, a.start, &loc);
		open_elem(b, IN(in, 2), i);
		clint_buf_puts(b, "\"author\": ");
		clint_json_cstr(b, a.author);
		clint_buf_puts(b, ", \"text\": ");
		clint_json_cstr(b, a.text);
		clint_buf_puts(b, ", \"anchor\": ");
		clint_json_str(b, text + a.start, anchor_len(text, a.start, a.end));
		clint_buf_printf(b, ", \"start\": %zu, \"end\": %zu, \"paragraph\": %u}",
		                 a.start, a.end, loc.paragraph);
	}
	close_array(b, in, n);
}

void clint_json_entry(clint_buf *b, int in, const clint_result *res)
{
	const clint_doc *doc = clint_result_doc(res);
	size_t i, n = clint_result_finding_count(res);
	size_t nmiss = clint_result_missing_count(res);
	size_t npres = clint_result_present_count(res);
	size_t counts[3] = {0, 0, 0};
	clint_finding f;

	kv_str(b, in, "file", clint_doc_name(doc), 1);
	kv_str(b, in, "format", format_name(clint_doc_format(doc)), 0);
	open_array(b, in, "findings", n);
	for (i = 0; i < n; i++) {
		clint_result_finding(res, i, &f);
		counts[f.severity]++;
		open_elem(b, IN(in, 2), i);
		rule_fields(b, IN(in, 4), &f);
		fingerprint_field(b, IN(in, 4), res, &f);
		location_fields(b, IN(in, 4), doc, &f);
		close_obj(b, IN(in, 2));
	}
	close_array(b, in, n);
	open_array(b, in, "missing", nmiss);
	for (i = 0; i < nmiss; i++) {
		clint_result_missing(res, i, &f);
		open_elem(b, IN(in, 2), i);
		rule_fields(b, IN(in, 4), &f);
		fingerprint_field(b, IN(in, 4), res, &f);
		close_obj(b, IN(in, 2));
	}
	close_array(b, in, nmiss);
	open_array(b, in, "present", npres);
	for (i = 0; i < npres; i++) {
		clint_result_present(res, i, &f);
		open_elem(b, IN(in, 2), i);
		kv_str(b, IN(in, 4), "rule", f.rule_id, 1);
		kv_str(b, IN(in, 4), "title", f.title, 0);
		location_fields(b, IN(in, 4), doc, &f);
		close_obj(b, IN(in, 2));
	}
	close_array(b, in, npres);
	json_values(b, in, doc);
	json_annotations(b, in, doc);
	/* some rules did not run: what is above is not all there is, and
	 * how much of it is */
	if (clint_result_timed_out(res)) {
		key(b, in, "timed_out", 0);
		clint_buf_puts(b, "true");
		key(b, in, "rules_checked", 0);
		clint_buf_printf(b, "%zu", clint_result_rules_checked(res));
		key(b, in, "rules", 0);
		clint_buf_printf(b, "%zu",
		                 clint_ruleset_rule_count(clint_result_ruleset(res)));
	}
	key(b, in, "summary", 0);
	clint_buf_printf(b,
	                 "{\"missing\": %zu, \"error\": %zu, \"warning\": %zu, "
	                 "\"info\": %zu}",
	                 nmiss, counts[2], counts[1], counts[0]);
}

void clint_json_error_entry(clint_buf *b, int in, const char *file,
                            const char *msg)
{
	kv_str(b, in, "file", file, 1);
	kv_str(b, in, "error", msg, 0);
}

static int json_document(clint_renderer *r, const clint_result *res)
{
	begin_entry(r);
	clint_json_entry(&r->out, 6, res);
	clint_buf_puts(&r->out, "\n    }");
	return CLINT_OK;
}

static int json_input_error(clint_renderer *r, const char *file,
                            const char *msg)
{
	begin_entry(r);
	clint_json_error_entry(&r->out, 6, file, msg);
	clint_buf_puts(&r->out, "\n    }");
	return CLINT_OK;
}

static int json_finish(clint_renderer *r)
{
	clint_buf *b = &r->out;

	if (r->documents == 0)
		open_report(b);
	clint_buf_printf(b,
	                 "%s],\n  \"summary\": {\"documents\": %zu, "
	                 "\"unreadable\": %zu, ",
	                 r->documents ? "\n  " : "", r->documents - r->failed,
	                 r->failed);
	if (r->timed_out)
		clint_buf_printf(b, "\"timed_out\": %zu, ", r->timed_out);
	clint_buf_printf(b,
	                 "\"missing\": %zu, \"error\": %zu, \"warning\": %zu, "
	                 "\"info\": %zu}\n}\n",
	                 r->missing, r->counts[2], r->counts[1], r->counts[0]);
	return CLINT_OK;
}

const clint_render_ops clint_render_json_ops = {
	json_document,
	json_input_error,
	json_finish,
	NULL,
};
