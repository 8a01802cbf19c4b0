/*
 * fuzz_segment.c - the segmenter and the values stage. The first byte
 * chooses the path: odd, the input is plain text (clint_extract_text);
 * even, each line becomes a block built the way the word processing
 * extractors build theirs (type and level from the line's first two
 * bytes), so DOCX-like block structure meets arbitrary text.
 */
#include "fuzz.h"

static clint_doc *build_blocks(const uint8_t *data, size_t size)
{
	clint_doc *doc = NULL;
	size_t i = 0;
	unsigned para = 0;
	int rc = CLINT_OK;

	if (clint_doc_alloc(&doc, "fuzz.docx") != CLINT_OK)
		return NULL;
	doc->format = CLINT_INPUT_DOCX;
	while (i < size && rc >= 0) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t end = nl ? (size_t)(nl - data) : size;
		const char *line = (const char *)data + i;
		size_t len = end - i;

		if (len >= 2 && !memchr(line, '\0', len) &&
		    clint_utf8_valid(line + 2, len - 2)) {
			rc = clint_doc_open_block(doc,
			                          (clint_block_type)(line[0] & 3),
			                          (unsigned)(line[1] & 7), 1 + para / 50,
			                          para + 1,
			                          (unsigned)(line[0] >> 2) & 0xF);
			if (rc >= 0)
				rc = clint_doc_put(doc, line + 2, len - 2);
			if (rc >= 0)
				rc = clint_doc_close_block(doc);
			para++;
		}
		i = end + 1;
	}
	if (rc >= 0)
		rc = clint_doc_finish_build(doc);
	if (rc >= 0)
		rc = clint_doc_index_lines(doc);
	/* the analysis the library runs on first use: normalise, segment,
	 * definitions, values */
	if (rc >= 0)
		rc = clint_doc_analyse(doc);
	if (rc < 0) {
		clint_doc_free(doc);
		return NULL;
	}
	fuzz_walk_doc(doc);
	return doc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	if (data[0] & 1)
		return fuzz_extract(CLINT_INPUT_TEXT, "fuzz.txt", data + 1, size - 1);
	clint_doc_free(build_blocks(data + 1, size - 1));
	return 0;
}
