/*
 * jsonl.c - JSON Lines for pipelines: one compact JSON object per input,
 * on its own line, written and flushed as soon as the document is done
 * (the dispatcher flushes after every document), so a consumer such as
 * `jq`, GNU parallel or Spark's RDD.pipe sees each result at once. A
 * checked document has the shape of a "documents" entry of the JSON
 * report; an unreadable input is {"file": ..., "error": ...}. No run
 * summary: every line stands alone.
 */
#include "report.h"

static int jsonl_document(clint_renderer *r, const clint_result *res)
{
	clint_buf_putc(&r->out, '{');
	clint_json_entry(&r->out, -1, res);
	return clint_buf_puts(&r->out, "}\n");
}

static int jsonl_input_error(clint_renderer *r, const char *file,
                             const char *msg)
{
	clint_buf_putc(&r->out, '{');
	clint_json_error_entry(&r->out, -1, file, msg);
	return clint_buf_puts(&r->out, "}\n");
}

static int jsonl_finish(clint_renderer *r)
{
	(void)r;
	return CLINT_OK;
}

const clint_render_ops clint_render_jsonl_ops = {
	jsonl_document,
	jsonl_input_error,
	jsonl_finish,
	NULL,
};
