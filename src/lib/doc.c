/*
 * doc.c - the document model: text, blocks, sections, sentences, and the
 * side tables that turn byte offsets into lines, columns and pages.
 * clint_doc_load_*() run the first pipeline stage, extract; normalise,
 * segment and values run when something first asks for their results
 * (clint_doc_analyse()).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A recursive lock: the stages run under it call the accessors that
 * take it (values.c asks clint_doc_section_at()). */
static int init_lock(pthread_mutex_t *m)
{
	pthread_mutexattr_t a;
	int rc;

	if (pthread_mutexattr_init(&a) != 0)
		return -1;
	rc = pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	if (rc == 0)
		rc = pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
	return rc;
}

int clint_doc_alloc(clint_doc **out, const char *name)
{
	clint_doc *doc = calloc(1, sizeof(*doc));

	*out = NULL;
	if (!doc)
		return CLINT_ENOMEM;
	doc->norm_map.mem = &doc->mem;
	doc->mem.limit = CLINT_DEFAULT_MAX_DOC_MEMORY;
	doc->name = clint_strdup(name ? name : "<buffer>");
	if (!doc->name || init_lock(&doc->lazy_lock) != 0) {
		free(doc->name);
		free(doc);
		return CLINT_ENOMEM;
	}
	*out = doc;
	return CLINT_OK;
}

void clint_doc_free(clint_doc *doc)
{
	size_t i;

	if (!doc)
		return;
	for (i = 0; i < doc->section_count; i++) {
		free(doc->sections[i].number);
		free(doc->sections[i].heading);
		free(doc->sections[i].label);
		free(doc->sections[i].cite);
		free(doc->sections[i].word);
	}
	free(doc->sections);
	for (i = 0; i < doc->definition_count; i++)
		free(doc->definitions[i].term);
	free(doc->definitions);
	free(doc->sentences);
	free(doc->values);
	for (i = 0; i < doc->annotation_count; i++) {
		free(doc->annotations[i].author);
		free(doc->annotations[i].text);
	}
	free(doc->annotations);
	clint_buf_free(&doc->build);
	free(doc->norm);
	clint_omap_free(&doc->norm_map);
	free(doc->line_starts);
	free(doc->char_marks);
	free(doc->skips);
	free(doc->folds);
	free(doc->blocks);
	free(doc->text);
	free(doc->name);
	pthread_mutex_destroy(&doc->lazy_lock);
	free(doc);
}

int clint_doc_analyse(const clint_doc *doc)
{
	/* the document is logically const: the analysis is a cache of what
	 * the text already says, filled once under the lock */
	clint_doc *d = (clint_doc *)doc;
	int rc = CLINT_OK;

	pthread_mutex_lock(&d->lazy_lock);
	if (d->analysis == 0) {
		d->analysis = 2; /* running: this thread's stages see what is done */
		if (!d->norm_done && (rc = clint_normalize(d)) == CLINT_OK)
			d->norm_done = 1;
		if (rc == CLINT_OK)
			rc = clint_segment(d);
		if (rc == CLINT_OK)
			rc = clint_find_definitions(d);
		if (rc == CLINT_OK)
			rc = clint_extract_values(d);
		d->analysis = rc < 0 ? rc : 1;
	}
	rc = d->analysis < 0 ? d->analysis : CLINT_OK;
	pthread_mutex_unlock(&d->lazy_lock);
	return rc;
}

int clint_doc_prepare(const clint_doc *doc, clint_diag *diag)
{
	int rc;

	if (!doc)
		return CLINT_EINVAL;
	if ((rc = clint_doc_analyse(doc)) == CLINT_ELIMIT && doc->mem.over)
		clint_doc_mem_error(doc, diag);
	else if (rc < 0)
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "not analysed: %s", clint_strerror(rc));
	return rc;
}

int clint_doc_add_block(clint_doc *doc, clint_block_type type, unsigned level,
                        size_t start, size_t end, unsigned page, unsigned flags)
{
	clint_iblock *b;

	int rc = MEM_PUSH(&doc->mem, doc->blocks, doc->block_count,
	                  doc->block_cap);

	if (rc < 0)
		return rc;
	b = &doc->blocks[doc->block_count++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->level = level;
	b->start = start;
	b->end = end;
	b->page = page ? page : 1;
	b->flags = flags;
	/* a row starts at its first block: one of another type (a list in
	 * the cell, "<td><ul><li>") leaves the cells after it in its row */
	if (type == CLINT_BLOCK_TABLE_CELL && doc->row_pending)
		b->flags |= CLINT_BLOCK_ROW_START;
	b->took_row = doc->row_pending;
	doc->row_pending = 0;
	return CLINT_OK;
}

void clint_doc_table_row(clint_doc *doc)
{
	doc->row_pending = 1;
}

/* ---- building the text of word processing documents ------------------- */

int clint_doc_open_block(clint_doc *doc, clint_block_type type, unsigned level,
                         unsigned page, unsigned paragraph, unsigned flags)
{
	int rc;

	if (doc->block_open && (rc = clint_doc_close_block(doc)) < 0)
		return rc;
	if (doc->build.len && (rc = clint_buf_putc(&doc->build, '\n')) < 0)
		return rc;
	rc = clint_doc_add_block(doc, type, level, doc->build.len,
	                         doc->build.len, page, flags);
	if (rc < 0)
		return rc;
	doc->blocks[doc->block_count - 1].paragraph = paragraph;
	doc->block_open = 1;
	return CLINT_OK;
}

int clint_doc_put(clint_doc *doc, const char *s, size_t n)
{
	if (!doc->block_open)
		return CLINT_EINVAL;
	return clint_buf_put(&doc->build, s, n);
}

int clint_doc_put_utf8(clint_doc *doc, uint32_t cp)
{
	if (!doc->block_open)
		return CLINT_EINVAL;
	return clint_buf_put_utf8(&doc->build, cp);
}

void clint_doc_flag_block(clint_doc *doc, unsigned flags)
{
	if (doc->block_open)
		doc->blocks[doc->block_count - 1].flags |= flags;
}

int clint_doc_close_block(clint_doc *doc)
{
	clint_iblock *b;
	size_t i;

	if (!doc->block_open)
		return CLINT_OK;
	doc->block_open = 0;
	b = &doc->blocks[doc->block_count - 1];
	b->end = doc->build.len;
	/* a block of white space only is dropped, with its separator */
	for (i = b->start; i < b->end; i++)
		if (!strchr(" \t\r\n\f\v", doc->build.data[i]))
			return CLINT_OK;
	doc->build.len = b->start ? b->start - 1 : 0;
	if (doc->build.data)
		doc->build.data[doc->build.len] = '\0';
	/* an empty first block: the row starts at the next one */
	if (b->took_row)
		doc->row_pending = 1;
	doc->block_count--;
	return CLINT_OK;
}

int clint_doc_end_body(clint_doc *doc)
{
	int rc = clint_doc_close_block(doc);

	doc->body_ended = 1;
	doc->body_blocks = doc->block_count;
	return rc;
}

size_t clint_doc_built_len(const clint_doc *doc)
{
	return doc->build.len;
}

int clint_doc_add_annotation(clint_doc *doc, const char *author,
                             const char *text, size_t start, size_t end)
{
	clint_iannotation *a;
	/* the strings are the budget's too: an ODT annotation of
	 * <text:s text:c="1000"/> is 1 MiB from 25 KB of XML */
	size_t bytes = strlen(author ? author : "") + 1 +
	               strlen(text ? text : "") + 1;

	int rc = MEM_PUSH(&doc->mem, doc->annotations, doc->annotation_count,
	                  doc->annotation_cap);

	if (rc < 0 || (rc = clint_mem_take(&doc->mem, bytes)) < 0)
		return rc;
	a = &doc->annotations[doc->annotation_count];
	a->author = clint_strdup(author ? author : "");
	a->text = clint_strdup(text ? text : "");
	if (!a->author || !a->text) {
		free(a->author);
		free(a->text);
		clint_mem_give(&doc->mem, bytes);
		return CLINT_ENOMEM;
	}
	a->start = start;
	a->end = end < start ? start : end;
	doc->annotation_count++;
	return CLINT_OK;
}

int clint_doc_finish_build(clint_doc *doc)
{
	size_t i;
	int rc = clint_doc_close_block(doc);

	if (rc < 0)
		return rc;
	free(doc->text);
	doc->text = clint_buf_detach(&doc->build, &doc->text_len);
	if (!doc->text)
		return CLINT_ENOMEM;
	/* the text is UTF-8 (the matching relies on it: PCRE2_NO_UTF_CHECK);
	 * a byte that is not, which a parser library let through (libxml2's
	 * HTML parser did, on malformed input), becomes '?' where it is, so
	 * that no block or annotation offset moves */
	clint_utf8_repair(doc->text, doc->text_len);
	for (i = 0; i < doc->annotation_count; i++) {
		if (doc->annotations[i].start > doc->text_len)
			doc->annotations[i].start = doc->text_len;
		if (doc->annotations[i].end > doc->text_len)
			doc->annotations[i].end = doc->text_len;
	}
	return CLINT_OK;
}

size_t clint_doc_annotation_count(const clint_doc *doc)
{
	return doc ? doc->annotation_count : 0;
}

int clint_doc_annotation(const clint_doc *doc, size_t i, clint_annotation *out)
{
	if (!doc || !out || i >= doc->annotation_count)
		return CLINT_EINVAL;
	out->author = doc->annotations[i].author;
	out->text = doc->annotations[i].text;
	out->start = doc->annotations[i].start;
	out->end = doc->annotations[i].end;
	return CLINT_OK;
}

const char *clint_input_format_name(clint_input_format format)
{
	static const char *const names[] = {"auto", "text", "markdown", "docx",
	                                    "odt",  "html", "rtf",      "pdf"};

	return (unsigned)format < ARRAY_LEN(names) ? names[format] : "unknown";
}

int clint_doc_add_sub(clint_doc *doc, size_t start, size_t end, uint32_t cp)
{
	const unsigned char *t = (const unsigned char *)doc->text;
	int rc;

	/* never inside a character: the matching view must stay valid UTF-8
	 * (PCRE2 reads it unchecked) whatever range an extractor asks for */
	if (t && end <= doc->text_len) {
		end = clint_utf8_fwd(doc->text, end, doc->text_len);
		start = clint_utf8_fwd(doc->text, start, end);
	}
	if (end <= start)
		return CLINT_OK;
	if ((rc = MEM_PUSH(&doc->mem, doc->skips, doc->skip_count,
	                   doc->skip_cap)) < 0)
		return rc;
	doc->skips[doc->skip_count].start = start;
	doc->skips[doc->skip_count].end = end;
	doc->skips[doc->skip_count].cp = cp;
	doc->skip_count++;
	return CLINT_OK;
}

int clint_doc_add_skip(clint_doc *doc, size_t start, size_t end)
{
	return clint_doc_add_sub(doc, start, end, 0);
}

void clint_doc_mem_error(const clint_doc *doc, clint_diag *diag)
{
	size_t mib = doc->mem.limit / (1024 * 1024);

	if (mib * 1024 * 1024 == doc->mem.limit)
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "refused: its structure (paragraphs, lines, spacing, "
		               "sentences) needs more than the document memory "
		               "limit of %zu MiB (--max-doc-memory)",
		               mib);
	else
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "refused: its structure (paragraphs, lines, spacing, "
		               "sentences) needs more than the document memory "
		               "limit of %zu bytes (--max-doc-memory)",
		               doc->mem.limit);
}

int clint_doc_index_lines(clint_doc *doc)
{
	size_t i, n = 1, k = 0;
	int rc;
	const char *t = doc->text, *p, *end = doc->text + doc->text_len;
	/* without a CR, the lines end at each LF: found with memchr */
	int cr = memchr(t, '\r', doc->text_len) != NULL;

	if (!cr) {
		for (p = t; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			n++;
	} else {
		for (i = 0; i < doc->text_len; i++) {
			if (t[i] == '\n' || (t[i] == '\r' && t[i + 1] != '\n'))
				n++;
		}
	}
	/* the two tables come out of the document's memory budget: a text
	 * of nothing but line ends has one line start (8 bytes) a byte */
	clint_mem_give(&doc->mem,
	               (doc->line_count + doc->char_mark_count) * sizeof(size_t));
	free(doc->line_starts);
	free(doc->char_marks);
	doc->line_starts = doc->char_marks = NULL;
	doc->line_count = doc->char_mark_count = 0;
	if ((rc = clint_mem_take(&doc->mem, n * sizeof(size_t))) < 0)
		return rc;
	doc->line_starts = malloc(n * sizeof(size_t));
	if (!doc->line_starts) {
		clint_mem_give(&doc->mem, n * sizeof(size_t));
		return CLINT_ENOMEM;
	}
	doc->line_starts[k++] = 0;
	if (!cr) {
		for (p = t; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			doc->line_starts[k++] = (size_t)(p - t) + 1;
	} else {
		for (i = 0; i < doc->text_len; i++) {
			if (t[i] == '\n' || (t[i] == '\r' && t[i + 1] != '\n'))
				doc->line_starts[k++] = i + 1;
		}
	}
	doc->line_count = n;

	/* character checkpoints, so columns cost O(CLINT_CHAR_MARK) even on
	 * a line of many megabytes */
	n = doc->text_len / CLINT_CHAR_MARK + 1;
	if ((rc = clint_mem_take(&doc->mem, n * sizeof(size_t))) < 0)
		return rc;
	doc->char_marks = malloc(n * sizeof(size_t));
	if (!doc->char_marks) {
		clint_mem_give(&doc->mem, n * sizeof(size_t));
		return CLINT_ENOMEM;
	}
	doc->char_marks[0] = 0;
	for (k = 1; k < n; k++)
		doc->char_marks[k] =
			doc->char_marks[k - 1] +
			clint_utf8_count(t + (k - 1) * CLINT_CHAR_MARK, CLINT_CHAR_MARK);
	doc->char_mark_count = n;
	return CLINT_OK;
}

size_t clint_doc_chars(const clint_doc *doc, size_t off)
{
	size_t k;

	if (off > doc->text_len)
		off = doc->text_len;
	k = off / CLINT_CHAR_MARK;
	if (k >= doc->char_mark_count)
		k = doc->char_mark_count - 1;
	return doc->char_marks[k] +
	       clint_utf8_count(doc->text + k * CLINT_CHAR_MARK,
	                        off - k * CLINT_CHAR_MARK);
}

void clint_doc_line_range(const clint_doc *doc, unsigned line, size_t *start,
                          size_t *end)
{
	size_t s, e;

	if (line == 0 || line > doc->line_count) {
		*start = *end = doc->text_len;
		return;
	}
	s = doc->line_starts[line - 1];
	e = line < doc->line_count ? doc->line_starts[line] : doc->text_len;
	while (e > s && (doc->text[e - 1] == '\n' || doc->text[e - 1] == '\r'))
		e--;
	*start = s;
	*end = e;
}

size_t clint_doc_norm_to_text(const clint_doc *doc, size_t off)
{
	return clint_omap_map(&doc->norm_map, off);
}

size_t clint_doc_norm_end_to_text(const clint_doc *doc, size_t end)
{
	size_t t;

	if (end == 0)
		return clint_omap_map(&doc->norm_map, 0);
	t = clint_omap_map(&doc->norm_map, end - 1);
	if (t >= doc->text_len)
		return doc->text_len;
	return clint_utf8_fwd(doc->text, t + 1, doc->text_len);
}

size_t clint_doc_block_at_norm(const clint_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->block_count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->blocks[mid].norm_end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->block_count && doc->blocks[lo].norm_start <= off)
		return lo;
	return (size_t)-1;
}

size_t clint_doc_sentence_at_norm(const clint_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->sentence_count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->sentences[2 * mid + 1] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->sentence_count && doc->sentences[2 * lo] <= off)
		return lo;
	return (size_t)-1;
}

/* ---- loading: extract -> normalise -> segment --------------------------- */

int clint_doc_load_buffer(clint_doc **out, const char *name, const void *data,
                          size_t len, const clint_doc_options *opts,
                          clint_diag *diag)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	int rc;

	if (!out || (!data && len))
		return CLINT_EINVAL;
	*out = NULL;
	/* version 1 ends before the PDF limits, version 2 before the memory
	 * limit: what they lack keeps its default */
	if (opts && opts->version == 1)
		memcpy(&o, opts, offsetof(clint_doc_options, max_pdf_seconds));
	else if (opts && opts->version == 2)
		memcpy(&o, opts, offsetof(clint_doc_options, max_doc_memory));
	else if (opts && opts->version == CLINT_DOC_OPTIONS_VERSION)
		o = *opts;
	else if (opts)
		return CLINT_EINVAL;
	o.version = CLINT_DOC_OPTIONS_VERSION;
	if (o.max_pdf_seconds != o.max_pdf_seconds ||
	    (o.max_pdf_seconds < 0 && o.max_pdf_seconds != CLINT_NO_TIME_LIMIT))
		return CLINT_EINVAL;
	opts = &o;
	if (!name)
		name = "<buffer>";
	if (len > (opts->max_input_bytes ? opts->max_input_bytes
	                                 : CLINT_DEFAULT_MAX_INPUT)) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, name, 0, 0,
		               "input is larger than the limit of %zu bytes",
		               opts->max_input_bytes ? opts->max_input_bytes
		                                     : CLINT_DEFAULT_MAX_INPUT);
		return CLINT_ELIMIT;
	}
	TRY(clint_extract(&doc, name, data, len, opts, diag));
	/* The matching text puts a line between blocks, so only a document
	 * of one block or none can be empty: only then is it built now, to
	 * warn. Otherwise normalise, segment and values wait until asked. */
	if (doc->block_count <= 1) {
		TRY(clint_normalize(doc));
		doc->norm_done = 1;
		if (doc->norm_len == 0)
			clint_diag_add(diag, CLINT_DIAG_WARNING, name, 0, 0,
			               "the document has no text");
	}
	*out = doc;
	doc = NULL;
done:
	if (rc == CLINT_ENOMEM)
		clint_diag_add(diag, CLINT_DIAG_ERROR, name, 0, 0, "out of memory");
	else if (rc == CLINT_ELIMIT && doc && doc->mem.over)
		clint_doc_mem_error(doc, diag);
	clint_doc_free(doc);
	return rc < 0 ? rc : CLINT_OK;
}

int clint_doc_load_file(clint_doc **out, const char *path,
                        const clint_doc_options *opts, clint_diag *diag)
{
	char *data = NULL;
	size_t len = 0, limit;
	int rc;

	if (!out || !path)
		return CLINT_EINVAL;
	*out = NULL;
	limit = opts && opts->max_input_bytes ? opts->max_input_bytes
	                                      : CLINT_DEFAULT_MAX_INPUT;
	rc = clint_file_read(&data, &len, path, limit, diag);
	if (rc < 0)
		return rc;
	rc = clint_doc_load_buffer(out, path, data, len, opts, diag);
	clint_file_free(data);
	return rc;
}

/* ---- accessors ---------------------------------------------------------- */

const char *clint_doc_name(const clint_doc *doc)
{
	return doc ? doc->name : NULL;
}

clint_input_format clint_doc_format(const clint_doc *doc)
{
	return doc ? doc->format : CLINT_INPUT_AUTO;
}

const char *clint_doc_text(const clint_doc *doc, size_t *len)
{
	if (!doc)
		return NULL;
	if (len)
		*len = doc->text_len;
	return doc->text;
}

size_t clint_doc_block_count(const clint_doc *doc)
{
	return doc ? doc->block_count : 0;
}

int clint_doc_block(const clint_doc *doc, size_t i, clint_block *out)
{
	const clint_iblock *b;

	if (!doc || !out || i >= doc->block_count)
		return CLINT_EINVAL;
	b = &doc->blocks[i];
	out->type = b->type;
	out->level = b->level;
	out->start = b->start;
	out->end = b->end;
	out->page = b->page;
	out->flags = b->flags;
	out->paragraph = b->paragraph;
	return CLINT_OK;
}

size_t clint_doc_section_count(const clint_doc *doc)
{
	return doc && clint_doc_analyse(doc) == CLINT_OK ? doc->section_count
	                                                   : 0;
}

int clint_doc_section(const clint_doc *doc, size_t i, clint_section *out)
{
	const clint_isection *s;

	if (!doc || !out || clint_doc_analyse(doc) < 0 ||
	    i >= doc->section_count)
		return CLINT_EINVAL;
	s = &doc->sections[i];
	out->number = s->number;
	out->heading = s->heading;
	out->label = s->label;
	out->depth = s->depth;
	out->start = s->start;
	out->end = s->end;
	out->parent = s->parent;
	return CLINT_OK;
}

size_t clint_doc_definition_count(const clint_doc *doc)
{
	return doc && clint_doc_analyse(doc) == CLINT_OK ? doc->definition_count
	                                                 : 0;
}

int clint_doc_definition(const clint_doc *doc, size_t i, clint_definition *out)
{
	const clint_idefinition *d;

	if (!doc || !out || clint_doc_analyse(doc) < 0 ||
	    i >= doc->definition_count)
		return CLINT_EINVAL;
	d = &doc->definitions[i];
	out->term = d->term;
	out->form = (clint_definition_form)d->form;
	out->start = clint_doc_norm_to_text(doc, d->norm_start);
	out->end = clint_doc_norm_end_to_text(doc, d->norm_end);
	if (d->def_end > d->def_start) {
		out->def_start = clint_doc_norm_to_text(doc, d->def_start);
		out->def_end = clint_doc_norm_end_to_text(doc, d->def_end);
	} else {
		out->def_start = out->def_end = out->start;
	}
	out->section = clint_doc_section_at(doc, out->start);
	return CLINT_OK;
}

size_t clint_doc_section_at(const clint_doc *doc, size_t offset)
{
	size_t lo = 0, hi, mid, i;

	if (!doc || clint_doc_analyse(doc) < 0 || !doc->section_count)
		return CLINT_NO_SECTION;
	/* last section starting at or before offset, then walk up to one
	 * that still contains it */
	hi = doc->section_count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->sections[mid].start <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return CLINT_NO_SECTION;
	i = lo - 1;
	while (i != CLINT_NO_SECTION && doc->sections[i].end <= offset)
		i = doc->sections[i].parent;
	return i;
}

size_t clint_doc_notes_start(const clint_doc *doc)
{
	if (!doc)
		return 0;
	if (clint_doc_analyse(doc) < 0)
		return doc->text_len;
	return doc->notes_start;
}

size_t clint_doc_sentence_count(const clint_doc *doc)
{
	return doc && clint_doc_analyse(doc) == CLINT_OK ? doc->sentence_count
	                                                   : 0;
}

int clint_doc_sentence(const clint_doc *doc, size_t i, size_t *start,
                       size_t *end)
{
	if (!doc || clint_doc_analyse(doc) < 0 || i >= doc->sentence_count)
		return CLINT_EINVAL;
	if (start)
		*start = clint_doc_norm_to_text(doc, doc->sentences[2 * i]);
	if (end)
		*end = clint_doc_norm_to_text(doc, doc->sentences[2 * i + 1]);
	return CLINT_OK;
}

int clint_doc_locate(const clint_doc *doc, size_t offset, clint_location *out)
{
	size_t lo = 0, hi, mid, line;

	if (!doc || !out)
		return CLINT_EINVAL;
	if (offset > doc->text_len)
		offset = doc->text_len;
	hi = doc->line_count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->line_starts[mid] <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	line = lo ? lo - 1 : 0;
	out->line = (unsigned)(line + 1);
	/* a short line is counted directly; a long one through the
	 * checkpoints (both O(CLINT_CHAR_MARK)) */
	if (offset - doc->line_starts[line] <= CLINT_CHAR_MARK)
		out->column = (unsigned)(clint_utf8_count(
		                  doc->text + doc->line_starts[line],
		                  offset - doc->line_starts[line]) + 1);
	else
		out->column = (unsigned)(clint_doc_chars(doc, offset) -
		                         clint_doc_chars(doc, doc->line_starts[line]) +
		                         1);
	/* block holding the offset: last block starting at or before it */
	lo = 0;
	hi = doc->block_count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->blocks[mid].start <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	out->paragraph = 0;
	out->flags = 0;
	if (lo && offset < doc->blocks[lo - 1].end) {
		out->block = lo - 1;
		out->page = doc->blocks[lo - 1].page;
		out->paragraph = doc->blocks[lo - 1].paragraph;
		out->flags = doc->blocks[lo - 1].flags;
	} else {
		out->block = (size_t)-1;
		out->page = lo ? doc->blocks[lo - 1].page
		               : (doc->block_count ? doc->blocks[0].page : 1);
	}
	return CLINT_OK;
}
