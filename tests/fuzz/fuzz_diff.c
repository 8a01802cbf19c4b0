/*
 * fuzz_diff.c - the revision diff (src/lib/diff): two documents loaded
 * through the public API, compared against the default ruleset, every
 * accessor of the diff read back and checked against the two texts, and
 * the diff rendered through every renderer.
 *
 * Input: a first byte of flags, then the document(s).
 *   bits 0-2  format of both sides: 0 text, 1 Markdown, 2 HTML, 3 RTF,
 *             4 DOCX, 5 ODT (the XML parts joined by "--part--" lines and
 *             zipped, as in fuzz_docx_xml / fuzz_odt_xml), 6-7 text
 *   bit 3     render only substantive changes
 *   bit 4     colour (text renderer)
 *   bit 5     a tiny word-diff bound, so the coarse path runs too
 *   bit 6     labels with markup and quotes instead of the documents' names
 *   bit 7     check both sides with the whole default ruleset; clear, with
 *             only the packs "outsourcing" (required clauses and flags)
 *             and "ambiguity" (flags): every kind of change the risk diff
 *             reports, for under half the checking time (over the saved
 *             corpus, 0.8 CPU s against 1.8), which was two fifths of
 *             this harness's time (check has its own harness)
 * The rest is split on the first "\n--version--\n" line into OLD and NEW,
 * both read with tracked changes accepted. Without that line it is one
 * document read twice, tracked changes rejected (OLD) and accepted (NEW):
 * the redline mode of `clauselint diff REDLINE`.
 * The JSON and SARIF outputs must parse, and the text without colour must
 * hold no control character (outcheck.h).
 */
#include "fuzz.h"
#include "outcheck.h"
#include "zipwrap.h"

#define VERSION_SEP "\n--version--\n"

/* rs_all: the default ruleset; rs_small: two of its packs (see below) */
static clint_ruleset *rs_all, *rs_small;

static const char *const docx_parts[] = {
	"word/document.xml", "word/numbering.xml", "word/styles.xml",
	"word/footnotes.xml", "word/comments.xml", "word/header1.xml",
};
static const char *const odt_parts[] = {"content.xml", "styles.xml"};

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The two rulesets, loaded once: they are read-only while checking. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const small[] = {"outsourcing", "ambiguity"};
	clint_ruleset_options ro = CLINT_RULESET_OPTIONS_INIT;
	clint_diag *diag = NULL;

	(void)argc;
	(void)argv;
	if (rs_all)
		return 0;
	ro.jit = getenv("CLAUSELINT_NO_JIT") == NULL;
	if (clint_diag_new(&diag) != CLINT_OK ||
	    clint_ruleset_load(&rs_all, &ro, diag) != CLINT_OK)
		abort();
	/* naming built-in packs loads only those */
	ro.pack_paths = small;
	ro.pack_path_count = sizeof(small) / sizeof(small[0]);
	ro.default_packs = 0;
	if (clint_ruleset_load(&rs_small, &ro, diag) != CLINT_OK)
		abort();
	clint_diag_free(diag);
	return 0;
}

/* Loads one side in format `fmt`; NULL when the input is refused. */
static clint_doc *load(clint_input_format fmt, const char *name,
                       const uint8_t *data, size_t size, clint_revisions rev)
{
	clint_doc_options dopts = CLINT_DOC_OPTIONS_INIT;
	clint_diag *diag = NULL;
	clint_doc *doc = NULL;
	unsigned char *zip = NULL;
	int rc;

	if (fmt == CLINT_INPUT_DOCX || fmt == CLINT_INPUT_ODT) {
		size_t len = 0;
		zip = fmt == CLINT_INPUT_DOCX
		          ? zipwrap(data, size, docx_parts,
		                    sizeof(docx_parts) / sizeof(docx_parts[0]), &len)
		          : zipwrap(data, size, odt_parts,
		                    sizeof(odt_parts) / sizeof(odt_parts[0]), &len);
		if (!zip)
			return NULL;
		data = zip;
		size = len;
	}
	if (clint_diag_new(&diag) != CLINT_OK) {
		free(zip);
		return NULL;
	}
	dopts.format = fmt;
	dopts.revisions = rev;
	rc = clint_doc_load_buffer(&doc, name, data, size, &dopts, diag);
	if (rc != CLINT_OK && rc != CLINT_ENOMEM && clint_diag_count(diag) == 0)
		abort();  /* a refused input must say why */
	if (rc == CLINT_OK)
		fuzz_walk_doc(doc);
	clint_diag_free(diag);
	free(zip);
	return rc == CLINT_OK ? doc : NULL;
}

static void check_finding(const clint_finding *f, const clint_doc *doc)
{
	size_t len;

	(void)clint_doc_text(doc, &len);
	if (!f->rule_id || !f->message || !f->section_label)
		abort();
	if (f->has_location && (f->start > f->end || f->end > len))
		abort();
}

/* Reads back every accessor of the diff; aborts on an inconsistency. */
/* Text in no section is the preamble, before the first section, or the
 * notes after the body, from clint_doc_notes_start(); never both. */
static int outside_ok(const clint_doc *doc, size_t sec, size_t start,
                      size_t end)
{
	clint_section first;
	size_t notes = clint_doc_notes_start(doc);

	if (sec != CLINT_NO_SECTION || start == end)
		return 1;
	if (start >= notes)
		return 1;
	if (end > notes)
		return 0;
	return clint_doc_section_count(doc) == 0 ||
	       (clint_doc_section(doc, 0, &first) == CLINT_OK &&
	        end <= first.start);
}

static void walk_diff(const clint_diff *d, const clint_doc *a,
                      const clint_doc *b)
{
	size_t i, j, n, la, lb, na, nb;
	const clint_result *ra = clint_diff_old_result(d);
	const clint_result *rb = clint_diff_new_result(d);

	(void)clint_doc_text(a, &la);
	(void)clint_doc_text(b, &lb);
	na = clint_doc_section_count(a);
	nb = clint_doc_section_count(b);
	if (clint_diff_old_doc(d) != a || clint_diff_new_doc(d) != b || !ra ||
	    !rb || clint_result_doc(ra) != a || clint_result_doc(rb) != b)
		abort();
	n = clint_diff_section_count(d);
	for (i = 0; i < n; i++) {
		clint_diff_section s;
		if (clint_diff_section_get(d, i, &s) != CLINT_OK ||
		    s.old_start > s.old_end || s.old_end > la ||
		    s.new_start > s.new_end || s.new_end > lb ||
		    (s.old_section != CLINT_NO_SECTION && s.old_section >= na) ||
		    (s.new_section != CLINT_NO_SECTION && s.new_section >= nb) ||
		    !outside_ok(a, s.old_section, s.old_start, s.old_end) ||
		    !outside_ok(b, s.new_section, s.new_start, s.new_end) ||
		    !(s.similarity >= 0.0 && s.similarity <= 1.0) ||
		    !clint_change_kind_name(s.kind))
			abort();
		for (j = 0; j < s.hunk_count; j++) {
			clint_diff_hunk h;
			if (clint_diff_hunk_get(d, i, j, &h) != CLINT_OK ||
			    h.old_start > h.old_end || h.old_end > la ||
			    h.new_start > h.new_end || h.new_end > lb)
				abort();
		}
		if (clint_diff_hunk_get(d, i, s.hunk_count, &(clint_diff_hunk){0}) ==
		    CLINT_OK)
			abort();
	}
	n = clint_diff_risk_count(d);
	for (i = 0; i < n; i++) {
		clint_diff_risk r;
		if (clint_diff_risk_get(d, i, &r) != CLINT_OK ||
		    !clint_risk_change_name(r.change) ||
		    strnlen(r.fingerprint, CLINT_FINGERPRINT_SIZE) >=
		        CLINT_FINGERPRINT_SIZE)
			abort();
		check_finding(&r.finding, r.in_new ? b : a);
	}
	n = clint_diff_clause_count(d);
	for (i = 0; i < n; i++) {
		clint_diff_clause c;
		if (clint_diff_clause_get(d, i, &c) != CLINT_OK || !c.old_section ||
		    !c.new_section || !clint_risk_change_name(c.change))
			abort();
	}
	n = clint_diff_value_count(d);
	for (i = 0; i < n; i++) {
		clint_diff_value v;
		if (clint_diff_value_get(d, i, &v) != CLINT_OK ||
		    v.section >= clint_diff_section_count(d) || !v.term || !v.why ||
		    v.old_value.end > la || v.new_value.end > lb ||
		    !clint_favours_name(v.favours) ||
		    (unsigned)v.change > CLINT_VALUE_REMOVED ||
		    v.old_value.kind != v.new_value.kind ||
		    !v.old_value.currency || !v.old_value.unit ||
		    !v.new_value.currency || !v.new_value.unit ||
		    (v.change != CLINT_VALUE_CHANGED &&
		     v.favours != CLINT_FAVOURS_UNKNOWN))
			abort();
	}
	(void)clint_diff_introduced_at_least(d, CLINT_SEVERITY_INFO);
	(void)clint_diff_introduced_at_least(d, CLINT_SEVERITY_ERROR);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const clint_input_format fmts[8] = {
		CLINT_INPUT_TEXT, CLINT_INPUT_MARKDOWN, CLINT_INPUT_HTML,
		CLINT_INPUT_RTF,  CLINT_INPUT_DOCX,     CLINT_INPUT_ODT,
		CLINT_INPUT_TEXT, CLINT_INPUT_TEXT};
	static const clint_diff_output outs[] = {
		CLINT_DIFF_OUTPUT_TEXT, CLINT_DIFF_OUTPUT_JSON,
		CLINT_DIFF_OUTPUT_MARKDOWN, CLINT_DIFF_OUTPUT_HTML,
		CLINT_DIFF_OUTPUT_SARIF};
	clint_diff_options dopts = CLINT_DIFF_OPTIONS_INIT;
	clint_input_format fmt;
	clint_doc *a = NULL, *b = NULL;
	clint_diff *d = NULL;
	clint_diag *diag = NULL;
	const uint8_t *body, *sep;
	size_t blen, i;
	unsigned flags;
	fuzz_out out = {NULL, 0, 0};

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	flags = data[0];
	fmt = fmts[flags & 7];
	body = data + 1;
	blen = size - 1;
	sep = memmem(body, blen, VERSION_SEP, strlen(VERSION_SEP));
	if (sep) {
		const uint8_t *nb = sep + strlen(VERSION_SEP);
		a = load(fmt, "old", body, (size_t)(sep - body),
		         CLINT_REVISIONS_ACCEPT);
		b = load(fmt, "new", nb, (size_t)(body + blen - nb),
		         CLINT_REVISIONS_ACCEPT);
	} else {
		a = load(fmt, "redline", body, blen, CLINT_REVISIONS_REJECT);
		b = load(fmt, "redline", body, blen, CLINT_REVISIONS_ACCEPT);
	}
	if (!a || !b)
		goto done;
	if (flags & 0x20)
		dopts.max_word_work = 64;
	if (clint_diag_new(&diag) != CLINT_OK)
		goto done;
	if (clint_diff_new(&d, flags & 0x80 ? rs_all : rs_small, a, b, &dopts,
	                  diag) != CLINT_OK)
		goto done;
	walk_diff(d, a, b);
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
		clint_diff_render_options ro = CLINT_DIFF_RENDER_OPTIONS_INIT;

		fuzz_out_reset(&out);
		ro.format = outs[i];
		ro.substantive_only = (flags & 0x08) != 0;
		ro.color = (flags & 0x10) != 0;
		if (flags & 0x40) {
			ro.old_label = "<old & \"v1\">";
			ro.new_label = "new\n'v2'\t\\";
		}
		if (clint_diff_render(d, &ro, fuzz_out_sink, &out) != CLINT_OK ||
		    !out.len)
			abort();
		if (ro.format == CLINT_DIFF_OUTPUT_JSON ||
		    ro.format == CLINT_DIFF_OUTPUT_SARIF)
			fuzz_out_json(&out, 0);
		else if (ro.format == CLINT_DIFF_OUTPUT_TEXT && !ro.color)
			fuzz_out_plain(&out);
	}
done:
	fuzz_out_free(&out);
	clint_diff_free(d);
	clint_diag_free(diag);
	clint_doc_free(a);
	clint_doc_free(b);
	return 0;
}
