/*
 * docx.c - DOCX (Office Open XML WordprocessingML) extraction.
 *
 * The ZIP is read from memory by zip.c and each XML part is streamed
 * through libxml2's SAX2 parser (no tree is built). The text is
 * synthesized through the block builder of doc.c: one block per
 * paragraph (a table cell is one block however many paragraphs it
 * holds), Word's automatic numbers
 * rendered in front of the paragraph as the user sees them ("7.2 Service
 * Credits"), headings from paragraph styles and outline levels.
 *
 * Order of the text: the body (document.xml), then footnotes, endnotes,
 * headers and footers as blocks flagged CLINT_BLOCK_NOTE, so that a note
 * never splits the sentence that cites it. The parts are those that
 * word/_rels/document.xml.rels names (any names; headers and footers in
 * name order); without it, the usual names (word/footnotes.xml,
 * word/header*.xml, ...). Comments (comments.xml) are
 * annotations anchored at their commentRangeStart/End, never text.
 *
 * Source positions: clint_block.paragraph is the 1-based count of w:p
 * start tags in document order (table cells and text boxes included).
 * Notes, headers and footers continue the count after the body, so every
 * block of a DOCX has a paragraph number.
 *
 * Tracked changes follow doc->revisions: accept keeps w:ins/w:moveTo and
 * drops w:del/w:moveFrom, reject does the opposite. A block holding kept
 * text of a pending change is flagged CLINT_BLOCK_INSERTED or
 * CLINT_BLOCK_DELETED. A paragraph whose mark is removed (a deleted mark
 * when accepting, an inserted one when rejecting) runs on into the next
 * paragraph, joined by a space.
 *
 * Untrusted input: the ZIP is read by zip.c within CLINT_ZIP_LIMITS_INIT
 * (10000 entries, 64 MiB per part and 256 MiB in all, a compression ratio
 * of at most 200:1 for parts over 1 MiB), XML nesting of at most
 * DOCX_MAX_DEPTH, DOCX_MAX_TEXT bytes of text. libxml2 never loads a DTD,
 * substitutes entities or touches the network, and a part holding a
 * DOCTYPE or ENTITY declaration is refused before parsing. What is kept
 * while the parts are read (relationships, styles, numbering, comments,
 * an embedded workbook's tables) is paid for from the document's memory
 * budget (doc->mem, --max-doc-memory) and given back when it is freed.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "extract.h"
#include "zip.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

/* What word/_rels/document.xml.rels says a part is: the last segment of
 * its Type (transitional and strict OOXML alike). */
enum { REL_STYLES, REL_NUMBERING, REL_COMMENTS, REL_FOOTNOTES, REL_ENDNOTES,
       REL_KINDS };
static const char *const rel_kinds[REL_KINDS] = {
	"styles", "numbering", "comments", "footnotes", "endnotes"};
static const char *const rel_default[REL_KINDS] = {
	"word/styles.xml", "word/numbering.xml", "word/comments.xml",
	"word/footnotes.xml", "word/endnotes.xml"};
#define DOCX_RELS "word/_rels/document.xml.rels"
#define DOCX_MAX_RELS 10000
#define DOCX_MAX_DEPTH 200
#define DOCX_MAX_TEXT ((size_t)64 << 20)
#define DOCX_MAX_STYLES 20000
#define DOCX_MAX_NUMS 20000
/* a level's text ("%1.%2."), kept up to this many bytes: Word's are a few */
#define DOCX_MAX_LEVEL_TEXT 256
#define DOCX_MAX_COMMENTS 20000
#define DOCX_MAX_FIELDS 64
#define DOCX_MAX_DELIMS 32
#define DOCX_LEVELS 9

static const char W_NS[] =
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
/* Office Math (m:oMath), transitional and strict */
static const char M_NS[] =
	"http://schemas.openxmlformats.org/officeDocument/2006/math";
static const char M_NS_STRICT[] = "http://purl.oclc.org/ooxml/officeDocument/math";
static const char O_NS[] = "urn:schemas-microsoft-com:office:office";
static const char MC_NS[] =
	"http://schemas.openxmlformats.org/markup-compatibility/2006";
/* relationship ids (r:id) */
static const char R_NS[] =
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char R_NS_STRICT[] =
	"http://purl.oclc.org/ooxml/officeDocument/relationships";
/* the workbooks embedded in word/document.xml, read: uncompressed bytes
 * in all, each counted as often as it is shown */
#define DOCX_MAX_EMBEDDED ((uint64_t)64 << 20)

/* ---- numbering and styles ------------------------------------------------ */

enum { FMT_DECIMAL, FMT_DECIMAL_ZERO, FMT_LOWER_LETTER, FMT_UPPER_LETTER,
       FMT_LOWER_ROMAN, FMT_UPPER_ROMAN, FMT_BULLET, FMT_NONE };
enum { SUFF_SPACE, SUFF_TAB, SUFF_NOTHING };

typedef struct {
	int set;       /* defined in the part */
	int start;
	int fmt;
	char *text;    /* w:lvlText, NULL if absent */
	int suff;
	int restart;   /* w:lvlRestart: -1 absent, 0 never, N after level N */
	int legal;     /* w:isLgl */
} docx_level;

typedef struct {
	int id;
	docx_level lvl[DOCX_LEVELS];
	char *style_link;        /* w:numStyleLink */
	int cnt[DOCX_LEVELS];
	int started[DOCX_LEVELS];
} docx_abstract;

typedef struct {
	int id;
	int abstract_id;
	int start_override[DOCX_LEVELS];  /* -1 if none */
	docx_level lvl[DOCX_LEVELS];      /* w:lvlOverride/w:lvl */
	/* A w:num that overrides a start value is a list instance of its own
	 * (Word's "restart numbering"): it counts in cnt/started below;
	 * other instances share their abstract numbering's counters. */
	int own;
	int cnt[DOCX_LEVELS];
	int started[DOCX_LEVELS];
} docx_num;

typedef struct {
	char *id;
	char *based_on;
	int heading;   /* 1..9 from the name or id, 0 if not a heading style */
	int outline;   /* w:outlineLvl, -1 if absent */
	int num_id;    /* -1 if absent */
	int ilvl;      /* -1 if absent */
} docx_style;

typedef struct {
	int id;
	char *author;  /* both paid for (pay_str()) */
	char *text;
	size_t start, end;
	int pending;   /* commentRangeStart seen, waiting for text */
	int anchored;
} docx_comment;

/* A header or footer part named by the relationships. */
typedef struct {
	int footer;
	char *name;
} docx_rel_note;

/* An embedded package (a workbook) word/document.xml names by its id. */
typedef struct {
	char *id;
	char *name;
	size_t seq;    /* its place among the relationships */
} docx_rel_package;

/* One paragraph being read (paragraphs nest through text boxes). */
typedef struct {
	int depth;         /* XML depth of its w:p */
	int begun;         /* properties read, number rendered */
	unsigned number;   /* source paragraph number */
	char *style;
	int num_id, ilvl, outline;
	int mark_ins, mark_del;
	int page_before;
	int sect;          /* its w:pPr holds a w:sectPr */
	int defer_num, dnum_id, dilvl;  /* number held until text comes */
	int has_text;
	clint_block_type type;
	unsigned level;
} docx_para;

/* An Office Math delimiter (m:d) open: its characters, from its m:dPr
 * (Word's defaults "(", "|", ")"), and where it is. */
typedef struct {
	char beg[8], sep[8], end[8];
	int depth;
	int elements;   /* m:e written so far */
} docx_delim;

#define DOCX_MAX_PARAS 32

typedef struct {
	clint_doc *doc;
	clint_diag *diag;
	const char *part;           /* the part being read, for messages */
	clint_zip zip;

	/* word/_rels/document.xml.rels: the parts by role, or NULL */
	int have_rels;
	char *rel_part[REL_KINDS];   /* styles, numbering, ... (the first) */
	docx_rel_note *rel_notes;    /* headers, then footers, by name */
	size_t rel_note_count, rel_note_cap;
	docx_rel_package *packages;  /* embedded packages, sorted by id, each
	                                id once (find_package()) */
	size_t package_count, package_cap;
	uint64_t embedded_bytes;     /* read from them (DOCX_MAX_EMBEDDED) */
	/* their cells, written once the block that shows them ends (a
	 * paragraph, its number or its heading, is not cut in two): each
	 * its flags, paragraph number and page (unsigned each) and text,
	 * NUL ended */
	clint_held_cells cells;
	clint_object_warnings said;  /* objects said to be not read */

	docx_style *styles;
	size_t style_count, style_cap;
	char *default_style;
	docx_abstract *abstracts;
	size_t abstract_count, abstract_cap;
	docx_num *nums;
	size_t num_count, num_cap;
	docx_comment *comments;
	size_t comment_count, comment_cap;
	/* indexes into comments of those a commentRangeStart left pending
	 * (some may have been anchored since): the next text anchors them */
	size_t *pending;
	size_t pending_count, pending_cap;

	/* the walk over a story (body, note, header) */
	unsigned base_flags;        /* CLINT_BLOCK_NOTE outside the body */
	unsigned paragraph;         /* w:p count */
	unsigned page;
	int page_pending;           /* a hard page break awaits the next block */
	int text_since_page;
	docx_para paras[DOCX_MAX_PARAS];
	int npara;
	int owner;                  /* npara that owns the open block, 0: none */
	int cell_owner;             /* tc depth whose cell block is open */
	int tc_depth;
	int merge;                  /* the last paragraph runs on */
	int merge_space;            /* put a space before the next text */
	int cell_sep;               /* put a line end before the next text */
	int ins, del;               /* open w:ins/moveTo and w:del/moveFrom */
	int text_kind;              /* 0, 1 in w:t or w:delText */
	int ppr_depth, rpr_in_ppr;  /* depth of the paragraph's w:pPr, or 0 */
	int numpr;                  /* inside w:pPr/w:numPr */
	/* Office Math: the delimiters (m:d) open, as the walk writes them */
	docx_delim delims[DOCX_MAX_DELIMS];
	int ndelim, delim_lost;
	char nary[8];               /* an n-ary operator's character, written */
	int nary_pending;           /* before its first part */
	int upp_depth;              /* an m:limUpp open here: its limit is
	                               above, "^(", or 0 */
	int rad_pending;            /* an m:rad open here, its "√" not yet
	                               written (after its m:radPr), or 0 */
	/* an object tracked as inserted or deleted as a whole: a w:ins or
	 * w:del in the m:ctrlPr of its properties (m:fPr, m:dPr, ...) makes
	 * all of it read as inside one, to its end tag */
	int objpr_depth;            /* an object's m:*Pr open here, or 0 */
	int ctrl_depth;             /* its m:ctrlPr open here, or 0 */
	int rad_deg;                /* a radical's m:deg open here, or 0 */
	int rad_hide;               /* the open radical's m:degHide is on:
	                               its index is not shown */
	int deg_hidden;             /* such an m:deg open here, or 0: its
	                               text is not kept (text_kept()) */
	struct {
		int depth;              /* an m:rad in another's m:deg */
		int pending, deg;       /* the outer one's rad_pending, rad_deg */
	} rads[DOCX_MAX_DELIMS];
	int nrads;
	struct {
		int depth;              /* the object's */
		unsigned char ins, del; /* counted in ins, in del */
	} changed[DOCX_MAX_DELIMS];
	int nchanged;
	unsigned char fld[DOCX_MAX_FIELDS]; /* 1: instruction, 0: result */
	unsigned char fld_hid[DOCX_MAX_FIELDS]; /* its instruction hid text */
	unsigned fld_line[DOCX_MAX_FIELDS];     /* the line of its begin */
	int nfld, fld_lost;
	int skip;                   /* skipping a subtree at this depth, or 0 */

	/* the XML error reported by libxml2, if any */
	char xml_error[256];
	int xml_error_line;
} docx;

/* Reports an error about the current part. Returns `code`. */
static int docx_err(docx *dx, int code, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int docx_err(docx *dx, int code, unsigned line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	clint_vsnprintf_c(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (dx->part)
		clint_diag_add(dx->diag, CLINT_DIAG_ERROR, dx->doc->name, line, 0,
		               "DOCX part %s: %s", dx->part, msg);
	else
		clint_diag_add(dx->diag, CLINT_DIAG_ERROR, dx->doc->name, line, 0,
		               "DOCX: %s", msg);
	return code;
}

/* ---- reading ZIP entries ---------------------------------------------------- */

/*
 * Reads entry `name` into a malloc'd NUL-terminated buffer (*out, *len)
 * through the bounded ZIP reader (zip.c). Returns 0, 1 if the entry does
 * not exist (and `required` is 0), or a negative code with an error
 * reported: missing, too large, too compressed, encrypted or damaged.
 */
static int read_entry(docx *dx, const char *name, int required,
                      unsigned char **out, size_t *len)
{
	int rc = clint_zip_read(&dx->zip, name, out, len);

	if (rc == 1 && required) {
		const char *saved = dx->part;
		dx->part = name;
		rc = docx_err(dx, CLINT_EFORMAT, 0,
		              "missing: the ZIP holds no %s, so it is not a Word "
		              "document",
		              name);
		dx->part = saved;
	}
	return rc;
}

/* ---- XML reading ---------------------------------------------------------- */

/*
 * Each XML part is parsed with libxml2's SAX2 interface (a push parser
 * fed the part in chunks), without building a tree: the callbacks
 * below turn the parser's events into the nodes a walker sees, one at a
 * time, as xmlTextReader would have shown them:
 *   - a start tag (DOCX_START) with its depth (the root is 0) and whether
 *     it was written <x/> (`empty`: then no DOCX_END follows, as with the
 *     reader);
 *   - an end tag (DOCX_END), at the depth of its start tag;
 *   - the character data between two tags (DOCX_TEXT), in one piece
 *     however many events the parser split it into (entity and character
 *     references, CDATA sections), at its parent's depth + 1.
 * Comments and processing instructions end a text node but are not
 * shown. The walker returns 0 to go on or a negative code (its error
 * already reported) to stop the parse.
 */
enum { DOCX_START, DOCX_END, DOCX_TEXT };

typedef struct {
	int type;                /* DOCX_START, DOCX_END, DOCX_TEXT */
	int depth;
	int empty;               /* DOCX_START written <x/> */
	int w;                   /* in the WordprocessingML namespace */
	const char *local;       /* element local name (libxml2's dictionary) */
	const char *ns;          /* element namespace URI, or NULL */
	int nattr;
	const xmlChar **attrs;   /* SAX2: local, prefix, URI, value, value end */
	const char *text;        /* DOCX_TEXT: not NUL-terminated */
	size_t len;
	unsigned line;           /* DOCX_START: the parser's line */
} docx_node;

typedef int (*docx_walker)(docx *dx, void *state, const docx_node *n);

/* libxml2's limits that its tree builder enforces (xmlTextReader built a
 * tree): elements nested deeper than its xmlParserMaxDepth (256 without
 * XML_PARSE_HUGE), kept with libxml2's message, and a text node over its
 * XML_MAX_TEXT_LENGTH (10000000), refused as the other XML readers refuse
 * it (CLINT_XML_TEXT_REFUSAL). */
#define DOCX_XML_MAX_NESTING 256
#define DOCX_XML_TEXT_MAX CLINT_XML_MAX_TEXT
#define DOCX_XML_STACK (DOCX_XML_MAX_NESTING + 1)
/* bytes handed to the push parser at a time, as xmlTextReader does */
#define DOCX_XML_CHUNK 512

typedef struct {
	docx *dx;
	docx_walker fn;
	void *state;
	xmlParserCtxtPtr ctxt;
	int depth;               /* elements open */
	int just_empty;          /* the last start tag was <x/>: skip its end */
	int rc;                  /* the walker's error, or 0 */
	int too_deep;            /* a node deeper than DOCX_MAX_DEPTH was met */
	unsigned too_deep_line;
	int huge_text;           /* text past DOCX_XML_TEXT_MAX between tags */
	unsigned huge_text_line;
	const xmlChar *w_ns;     /* the w: URI as the dictionary holds it */
	clint_buf text;          /* character data since the last tag */
	/* the line of each open start tag, for error messages */
	unsigned short lines[DOCX_XML_STACK];
} docx_walk;

static unsigned walk_line(const docx_walk *w)
{
	return w->ctxt && w->ctxt->input ? (unsigned)w->ctxt->input->line : 0;
}

/* Hands node `n` to the walker, unless the walk has stopped or a node
 * was too deep (the parse goes on then, see xml_walk). */
static void walk_node(docx_walk *w, const docx_node *n)
{
	int rc;

	if (w->rc || w->too_deep)
		return;
	if (n->depth > DOCX_MAX_DEPTH) {
		w->too_deep = 1;
		w->too_deep_line = walk_line(w);
		return;
	}
	rc = w->fn(w->dx, w->state, n);
	if (rc < 0) {
		w->rc = rc;
		xmlStopParser(w->ctxt);
	}
}

/* Stops the parse on a limit of libxml2's tree builder, reported as
 * malformed XML with libxml2's message (see DOCX_XML_STACK). */
static void walk_fail(docx_walk *w, const char *msg)
{
	docx *dx = w->dx;

	if (!dx->xml_error[0]) {
		snprintf(dx->xml_error, sizeof(dx->xml_error), "%s", msg);
		dx->xml_error_line = w->depth > 0 ? w->lines[w->depth - 1] : 0;
	}
	xmlStopParser(w->ctxt);
}

/* Shows the character data gathered since the last tag, if any. */
static void walk_flush_text(docx_walk *w)
{
	docx_node n;

	if (!w->text.len)
		return;
	memset(&n, 0, sizeof(n));
	n.type = DOCX_TEXT;
	n.depth = w->depth;
	n.text = w->text.data;
	n.len = w->text.len;
	walk_node(w, &n);
	w->text.len = 0;
}

/* Is `uri` the WordprocessingML namespace (transitional or strict)? */
static int walk_is_w(docx_walk *w, const xmlChar *uri)
{
	if (!uri)
		return 0;
	if (uri == w->w_ns)
		return 1;
	if (strcmp((const char *)uri, W_NS) == 0 ||
	    strcmp((const char *)uri, W_NS_STRICT) == 0) {
		w->w_ns = uri;
		return 1;
	}
	return 0;
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                      const xmlChar *uri, int nns, const xmlChar **ns,
                      int nattr, int ndefaulted, const xmlChar **attrs)
{
	docx_walk *w = ctx;
	const xmlChar *cur = w->ctxt->input ? w->ctxt->input->cur : NULL;
	docx_node n;
	unsigned line = walk_line(w);

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	walk_flush_text(w);
	if (w->depth > DOCX_XML_MAX_NESTING) {
		walk_fail(w, "Excessive depth in document: 256 use XML_PARSE_HUGE "
		             "option");
		return;
	}
	memset(&n, 0, sizeof(n));
	n.type = DOCX_START;
	n.depth = w->depth;
	/* what xmlTextReader does too: a start tag that ends "/>" */
	n.empty = cur && cur[0] == '/' && cur[1] == '>';
	n.local = (const char *)local;
	n.ns = (const char *)uri;
	n.w = walk_is_w(w, uri);
	n.nattr = nattr;
	n.attrs = attrs;
	n.line = line;
	if (w->depth < DOCX_XML_STACK)
		w->lines[w->depth] = line < 65535 ? (unsigned short)line : 65535;
	w->depth++;
	w->just_empty = n.empty;
	walk_node(w, &n);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                    const xmlChar *uri)
{
	docx_walk *w = ctx;
	docx_node n;

	(void)prefix;
	walk_flush_text(w);
	if (w->depth > 0)
		w->depth--;
	if (w->just_empty) {
		w->just_empty = 0;   /* <x/>: the reader shows no end tag */
		return;
	}
	memset(&n, 0, sizeof(n));
	n.type = DOCX_END;
	n.depth = w->depth;
	n.local = (const char *)local;
	n.ns = (const char *)uri;
	n.w = walk_is_w(w, uri);
	walk_node(w, &n);
}

static void sax_text(void *ctx, const xmlChar *s, int len)
{
	docx_walk *w = ctx;

	w->just_empty = 0;
	if (w->rc || w->too_deep || w->huge_text || len <= 0)
		return;
	if (w->text.len + (size_t)len > DOCX_XML_TEXT_MAX) {
		w->huge_text = 1;
		w->huge_text_line = w->depth > 0 ? w->lines[w->depth - 1] : 0;
		xmlStopParser(w->ctxt);
		return;
	}
	if (clint_buf_put(&w->text, s, (size_t)len) < 0) {
		w->rc = CLINT_ENOMEM;
		xmlStopParser(w->ctxt);
	}
}

/* A comment or processing instruction: a node of its own for the
 * reader, so it ends the text before it and counts for the depth. */
static void sax_other(docx_walk *w)
{
	w->just_empty = 0;
	walk_flush_text(w);
	if (!w->rc && !w->too_deep && w->depth > DOCX_MAX_DEPTH) {
		w->too_deep = 1;
		w->too_deep_line = walk_line(w);
	}
}

static void sax_comment(void *ctx, const xmlChar *value)
{
	(void)value;
	sax_other(ctx);
}

static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	sax_other(ctx);
}

/* The first error libxml2 reports (warnings aside), with the line of the
 * innermost open element as xmlTextReader gives it. */
static void sax_error(void *ctx, xmlErrorPtr err)
{
	docx_walk *w = ctx;
	docx *dx = w->dx;

	if (!err || err->level < XML_ERR_ERROR || dx->xml_error[0])
		return;
	clint_xml_message(dx->xml_error, sizeof(dx->xml_error), err->message);
	if (w->depth > 0 && w->depth <= DOCX_XML_STACK)
		dx->xml_error_line = w->lines[w->depth - 1];
	else
		dx->xml_error_line = (int)walk_line(w);
}

/* True if buf[0..len) holds "<!DOCTYPE" or "<!ENTITY" anywhere. One pass
 * over the rare '!' rather than one search per word. */
static int has_declaration(const unsigned char *buf, size_t len)
{
	const unsigned char *p = buf, *end = buf + len;

	while (p < end && (p = memchr(p, '!', (size_t)(end - p))) != NULL) {
		size_t rest = (size_t)(end - p) - 1;
		if (p > buf && p[-1] == '<' &&
		    ((rest >= 7 && memcmp(p + 1, "DOCTYPE", 7) == 0) ||
		     (rest >= 6 && memcmp(p + 1, "ENTITY", 6) == 0)))
			return 1;
		p++;
	}
	return 0;
}

/*
 * Parses part `buf[0..len)` (dx->part names it) and hands its nodes to
 * `fn` with `state`. A DOCTYPE or ENTITY declaration is refused before
 * libxml2 sees the bytes; libxml2 itself never loads a DTD or an
 * external entity, nor touches the network (no entity is ever declared
 * to it: the handlers that would record declarations are not set).
 * Returns 0, the walker's error, or a reported error: malformed XML,
 * nesting deeper than DOCX_MAX_DEPTH.
 *
 * A node deeper than DOCX_MAX_DEPTH stops the walk at once and the parse
 * at the end of the chunk that holds it: when that chunk is malformed
 * further on (libxml2's own depth limit, 256, or any other error), that
 * is what is reported, as xmlTextReader, which parses a chunk ahead of
 * the node it shows, reported it.
 */
static int xml_walk(docx *dx, const unsigned char *buf, size_t len,
                    docx_walker fn, void *state)
{
	clint_xml_quiet quiet;
	xmlSAXHandler sax;
	docx_walk *w;
	size_t off, chunk;
	int rc = CLINT_OK, head;

	if (has_declaration(buf, len))
		return docx_err(dx, CLINT_EFORMAT, 0,
		                "DOCTYPE or entity declarations are not allowed "
		                "(refused as unsafe; Word never writes them)");
	if (len > INT32_MAX)
		return docx_err(dx, CLINT_ELIMIT, 0, "the part is too large");
	w = calloc(1, sizeof(*w));
	if (!w)
		return CLINT_ENOMEM;
	w->dx = dx;
	w->fn = fn;
	w->state = state;
	w->text.limit = len + 1;   /* text never outgrows its part */
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.comment = sax_comment;
	sax.processingInstruction = sax_pi;
	sax.serror = sax_error;
	dx->xml_error[0] = '\0';
	dx->xml_error_line = 0;
	/* as xmlTextReader starts: the first four bytes give the encoding */
	head = len >= 4 ? 4 : 0;
	clint_xml_quiet_begin(&quiet);
	w->ctxt = xmlCreatePushParserCtxt(&sax, w, (const char *)buf, head,
	                                  dx->part);
	if (!w->ctxt) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	xmlCtxtUseOptions(w->ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	/* then chunks of DOCX_XML_CHUNK bytes, and the end: the parser never
	 * holds more than a chunk it has not parsed (libxml2 refuses to look
	 * ahead over 10 MB), and sees the part as xmlTextReader fed it */
	for (off = (size_t)head;
	     off < len && !w->rc && !w->too_deep && !w->ctxt->disableSAX;
	     off += chunk) {
		chunk = len - off < DOCX_XML_CHUNK ? len - off : DOCX_XML_CHUNK;
		xmlParseChunk(w->ctxt, (const char *)buf + off, (int)chunk, 0);
	}
	if (!w->rc && !w->too_deep && !w->ctxt->disableSAX)
		xmlParseChunk(w->ctxt, NULL, 0, 1);
	if (w->rc < 0)
		rc = w->rc;
	else if (w->huge_text)
		rc = docx_err(dx, CLINT_ELIMIT, w->huge_text_line, "%s",
		              CLINT_XML_TEXT_REFUSAL);
	else if (dx->xml_error[0] || (!w->too_deep && !w->ctxt->wellFormed))
		rc = docx_err(dx, CLINT_EFORMAT, (unsigned)dx->xml_error_line,
		              "malformed XML: %s",
		              dx->xml_error[0] ? dx->xml_error : "parse error");
	else if (w->too_deep)
		rc = docx_err(dx, CLINT_ELIMIT, w->too_deep_line,
		              "XML nested deeper than %d elements", DOCX_MAX_DEPTH);
	else if (quiet.errors)
		/* bytes that do not convert from the declared encoding: the
		 * push parser stops there, still "well-formed", and the rest of
		 * the part would be lost without a word */
		rc = docx_err(dx, CLINT_EFORMAT, 0, "malformed XML: %s",
		              quiet.first[0] ? quiet.first : "encoding error");
done:
	if (w->ctxt) {
		/* the document libxml2 makes up to hold the entity declarations
		 * of an internal subset ("expat compatibility"), never used */
		if (w->ctxt->myDoc)
			xmlFreeDoc(w->ctxt->myDoc);
		xmlFreeParserCtxt(w->ctxt);
	}
	clint_xml_quiet_end(&quiet);
	clint_buf_free(&w->text);
	free(w);
	return rc;
}

/* True if `n` is the WordprocessingML element `name` (start or end). */
static int is_w(const docx_node *n, const char *name)
{
	/* the first letters differ for most of the names a node is tested
	 * against: no call for those */
	return n->w && n->type != DOCX_TEXT && n->local[0] == name[0] &&
	       strcmp(n->local, name) == 0;
}

/*
 * The value of attribute `name` in namespace `ns` (NULL: no namespace),
 * as SAX2 gives it: [*v, *v + *len), not NUL-terminated, with '&' kept
 * as "&#38;" (libxml2 leaves that one for the tree builder). 1 if found.
 */
static int attr_raw(const docx_node *n, const char *ns, const char *name,
                    const char **v, size_t *len)
{
	int i;

	for (i = 0; i < n->nattr; i++) {
		const xmlChar **a = n->attrs + 5 * i;
		if (strcmp((const char *)a[0], name) != 0)
			continue;
		if (ns ? !a[2] || strcmp((const char *)a[2], ns) != 0 : a[2] != NULL)
			continue;
		*v = (const char *)a[3];
		*len = (size_t)(a[4] - a[3]);
		return 1;
	}
	return 0;
}

/* The w: attribute `name` (transitional, else strict) as a raw value. */
static int w_raw(const docx_node *n, const char *name, const char **v,
                 size_t *len)
{
	return attr_raw(n, W_NS, name, v, len) ||
	       attr_raw(n, W_NS_STRICT, name, v, len);
}

/* A raw attribute value decoded into a malloc'd string ("&#38;" is '&'),
 * or NULL if out of memory. */
static char *attr_decode(const char *v, size_t len)
{
	char *s = malloc(len + 1);
	size_t i, k = 0;

	if (!s)
		return NULL;
	for (i = 0; i < len; i++) {
		if (v[i] == '&' && len - i >= 5 && memcmp(v + i, "&#38;", 5) == 0) {
			s[k++] = '&';
			i += 4;
		} else {
			s[k++] = v[i];
		}
	}
	s[k] = '\0';
	return s;
}

/* Attribute `name` without a namespace (free it), or NULL. */
/* The un-namespaced attribute `name` (free it) or NULL; *rc set to
 * CLINT_ENOMEM when it is there but out of memory. */
static char *plain_attr(const docx_node *n, const char *name, int *rc)
{
	const char *v;
	size_t len;
	char *s = NULL;

	if (attr_raw(n, NULL, name, &v, &len) && !(s = attr_decode(v, len)))
		*rc = CLINT_ENOMEM;
	return s;
}

/* True if the w: attribute `name` is there and equals `lit` (no '&'). */
static int w_attr_is(const docx_node *n, const char *name, const char *lit)
{
	const char *v;
	size_t len;

	return w_raw(n, name, &v, &len) && len == strlen(lit) &&
	       memcmp(v, lit, len) == 0;
}

/* The w: attribute `name` as an int, `dflt` if absent or not a number. */
static int w_int(const docx_node *n, const char *name, int dflt)
{
	const char *v;
	char tmp[32], *end;
	size_t len;
	long k;

	if (!w_raw(n, name, &v, &len))
		return dflt;
	/* a number is short; a longer value is no number strtol would take
	 * whole, but its start may be: read as much as fits */
	if (len >= sizeof(tmp)) {
		char *s = attr_decode(v, len);
		if (!s)
			return dflt;
		k = strtol(s, &end, 10);
		if (end == s || k < -1000000 || k > 1000000)
			k = dflt;
		free(s);
		return (int)k;
	}
	memcpy(tmp, v, len);
	tmp[len] = '\0';
	k = strtol(tmp, &end, 10);
	if (end == tmp || k < -1000000 || k > 1000000)
		k = dflt;
	return (int)k;
}

/* An on/off property (w:b, w:isLgl): on unless w:val says false. */
static int w_onoff(const docx_node *n)
{
	const char *v;
	size_t len;

	if (!w_raw(n, "val", &v, &len))
		return 1;
	return !((len == 1 && v[0] == '0') || (len == 5 && !memcmp(v, "false", 5)) ||
	         (len == 3 && !memcmp(v, "off", 3)));
}

static char *dup_attr(const docx_node *n, const char *name, int *rc)
{
	const char *v;
	size_t len;
	char *s = NULL;

	if (w_raw(n, name, &v, &len)) {
		s = attr_decode(v, len);
		if (!s)
			*rc = CLINT_ENOMEM;
	}
	return s;
}

/*
 * Pays for string *s (malloc'd, NULL: nothing), kept while the document
 * is read, from its memory budget: its length + 1, which free_str()
 * gives back. CLINT_OK, or CLINT_ELIMIT with *s freed and NULL.
 */
static int pay_str(docx *dx, char **s)
{
	int rc = *s ? clint_mem_take(&dx->doc->mem, strlen(*s) + 1) : CLINT_OK;

	if (rc < 0) {
		free(*s);
		*s = NULL;
	}
	return rc;
}

/* Frees a string pay_str() paid for, and gives back what it took. */
static void free_str(docx *dx, char *s)
{
	if (s) {
		clint_mem_give(&dx->doc->mem, strlen(s) + 1);
		free(s);
	}
}

/* ---- styles.xml ------------------------------------------------------------ */

static int style_cmp(const void *a, const void *b)
{
	return strcmp(((const docx_style *)a)->id, ((const docx_style *)b)->id);
}

static const docx_style *find_style(const docx *dx, const char *id)
{
	docx_style key;

	if (!id || !dx->style_count)
		return NULL;
	key.id = (char *)id;
	return bsearch(&key, dx->styles, dx->style_count, sizeof(key), style_cmp);
}

/* "heading 3" / "Heading3" -> 3, else 0. */
static int heading_name(const char *s)
{
	size_t n;

	if (!s || strncasecmp(s, "heading", 7) != 0)
		return 0;
	s += 7;
	if (*s == ' ')
		s++;
	n = strlen(s);
	return n == 1 && s[0] >= '1' && s[0] <= '9' ? s[0] - '0' : 0;
}

/* ---- relationships ---------------------------------------------------------- */

/* The part that plays `kind`: from the relationships, else the usual name. */
static const char *rel_name(const docx *dx, int kind)
{
	return dx->rel_part[kind] ? dx->rel_part[kind] : rel_default[kind];
}

/*
 * The part name a relationship Target of word/document.xml points at:
 * relative to word/ ("header1.xml", "../customXml/x.xml") or absolute
 * ("/word/header1.xml"), with "." and ".." segments resolved. NULL (and
 * rc 0) if it climbs out of the package; malloc'd otherwise.
 */
static char *rel_target(const char *target, int *rc)
{
	size_t n = strlen(target), len = 0, i = 0;
	char *out = malloc(n + 6);

	*rc = CLINT_OK;
	if (!out) {
		*rc = CLINT_ENOMEM;
		return NULL;
	}
	if (target[0] == '/') {
		i = 1;
	} else {
		memcpy(out, "word/", 5);
		len = 5;
	}
	while (i <= n) {
		const char *seg = target + i;
		size_t k = strcspn(seg, "/");
		if (k == 0 || (k == 1 && seg[0] == '.')) {
			/* empty or "." */
		} else if (k == 2 && seg[0] == '.' && seg[1] == '.') {
			if (len == 0) {
				free(out);
				return NULL;
			}
			len--; /* the '/' after the last segment */
			while (len && out[len - 1] != '/')
				len--;
		} else {
			memcpy(out + len, seg, k);
			len += k;
			if (seg[k] == '/')
				out[len++] = '/';
		}
		i += k + 1;
	}
	while (len && out[len - 1] == '/')
		len--;
	out[len] = '\0';
	return out;
}

/* Orders packages by id, then by their place in the relationships. */
static int package_cmp(const void *a, const void *b)
{
	const docx_rel_package *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int rel_note_cmp(const void *a, const void *b)
{
	const docx_rel_note *x = a, *y = b;

	return x->footer != y->footer ? x->footer - y->footer
	                              : strcmp(x->name, y->name);
}

/*
 * Reads word/_rels/document.xml.rels, if there is one: which parts hold
 * the styles, numbering, comments, footnotes and endnotes, and which the
 * headers and footers (sorted by name, each once). Without it the usual
 * part names are read.
 */
static int rels_node(docx *dx, void *state, const docx_node *n)
{
	int *count = state, i, role, rc = CLINT_OK;
	char *type, *target, *mode, *name = NULL;
	const char *kind;

	if (n->type != DOCX_START || strcmp(n->local, "Relationship") != 0)
		return CLINT_OK;
	if (++*count > DOCX_MAX_RELS)
		return docx_err(dx, CLINT_ELIMIT, 0, "more than %d relationships",
		                DOCX_MAX_RELS);
	type = plain_attr(n, "Type", &rc);
	target = plain_attr(n, "Target", &rc);
	mode = plain_attr(n, "TargetMode", &rc);
	/* the role: the last segment of the Type */
	kind = type && rc >= 0 ? strrchr(type, '/') : NULL;
	role = -1;
	if (kind) {
		for (i = 0; i < REL_KINDS; i++)
			if (strcmp(kind + 1, rel_kinds[i]) == 0)
				role = i;
		if (strcmp(kind + 1, "header") == 0)
			role = REL_KINDS;
		else if (strcmp(kind + 1, "footer") == 0)
			role = REL_KINDS + 1;
		else if (strcmp(kind + 1, "package") == 0)
			role = REL_KINDS + 2;
	}
	if (role >= 0 && target && !(mode && strcmp(mode, "External") == 0))
		name = rel_target(target, &rc);
	free(type);
	free(target);
	free(mode);
	if (rc < 0 || !name || (rc = pay_str(dx, &name)) < 0)
		return rc;
	if (role < REL_KINDS && !dx->rel_part[role]) {
		dx->rel_part[role] = name;
	} else if (role == REL_KINDS + 2) {
		const char *v;
		size_t vlen;
		char *id;

		if (!attr_raw(n, NULL, "Id", &v, &vlen)) {
			free_str(dx, name);
			return CLINT_OK;
		}
		id = attr_decode(v, vlen);
		if (!id)
			rc = CLINT_ENOMEM;
		else if ((rc = pay_str(dx, &id)) >= 0 &&
		         (rc = MEM_PUSH(&dx->doc->mem, dx->packages,
		                        dx->package_count, dx->package_cap)) < 0)
			free_str(dx, id);
		if (rc < 0) {
			free_str(dx, name);
			return rc;
		}
		dx->packages[dx->package_count].id = id;
		dx->packages[dx->package_count].name = name;
		dx->packages[dx->package_count].seq = dx->package_count;
		dx->package_count++;
	} else if (role >= REL_KINDS) {
		if ((rc = MEM_PUSH(&dx->doc->mem, dx->rel_notes, dx->rel_note_count,
		                   dx->rel_note_cap)) < 0) {
			free_str(dx, name);
			return rc;
		}
		dx->rel_notes[dx->rel_note_count].footer = role > REL_KINDS;
		dx->rel_notes[dx->rel_note_count++].name = name;
	} else {
		free_str(dx, name);
	}
	return CLINT_OK;
}

/*
 * Reads word/_rels/document.xml.rels, if there is one: which parts hold
 * the styles, numbering, comments, footnotes and endnotes, which the
 * headers and footers (sorted by name, each once), and the embedded
 * packages (sorted by id, each id once). Without it the usual part names
 * are read.
 */
static int load_rels(docx *dx)
{
	unsigned char *buf = NULL;
	size_t len, k, kept;
	int rc, count = 0;

	dx->part = DOCX_RELS;
	rc = read_entry(dx, dx->part, 0, &buf, &len);
	if (rc != CLINT_OK)
		goto done;
	dx->have_rels = 1;
	TRY(xml_walk(dx, buf, len, rels_node, &count));
	/* headers first, then footers, each in name order, each once */
	if (dx->rel_note_count > 1)
		qsort(dx->rel_notes, dx->rel_note_count, sizeof(*dx->rel_notes),
		      rel_note_cmp);
	for (k = kept = 0; k < dx->rel_note_count; k++) {
		if (kept && rel_note_cmp(&dx->rel_notes[kept - 1],
		                         &dx->rel_notes[k]) == 0)
			free_str(dx, dx->rel_notes[k].name);
		else
			dx->rel_notes[kept++] = dx->rel_notes[k];
	}
	dx->rel_note_count = kept;
	/* the packages by id, each id once: the first, which a search in
	 * document order found */
	if (dx->package_count > 1)
		qsort(dx->packages, dx->package_count, sizeof(*dx->packages),
		      package_cmp);
	for (k = kept = 0; k < dx->package_count; k++) {
		if (kept &&
		    strcmp(dx->packages[kept - 1].id, dx->packages[k].id) == 0) {
			free_str(dx, dx->packages[k].id);
			free_str(dx, dx->packages[k].name);
		} else {
			dx->packages[kept++] = dx->packages[k];
		}
	}
	dx->package_count = kept;
	rc = CLINT_OK;
done:
	free(buf);
	dx->part = NULL;
	return rc;
}

/* The embedded package whose id is v[0..len) (an r:id as written), or
 * NULL: a binary search of the sorted packages. Each embedded object
 * looks its id up: 400,000 objects of unknown ids among DOCX_MAX_RELS
 * packages took 13 s with a scan, 0.4 s with the search. */
static const docx_rel_package *find_package(const docx *dx, const char *v,
                                            size_t len)
{
	size_t lo = 0, hi = dx->package_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *id = dx->packages[mid].id;
		/* as strcmp() orders them, reading no further into a long id
		 * than v goes (an attribute value holds no NUL) */
		int c = strncmp(id, v, len);
		if (c == 0 && id[len] != '\0')
			c = 1;
		if (c == 0)
			return &dx->packages[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Where the walk over styles.xml is. */
typedef struct {
	docx_style *st;   /* the paragraph style being read, or NULL */
	int depth;        /* its depth */
	int in_ppr;       /* depth of its w:pPr, or 0 */
	int skip;         /* skipping a subtree at this depth, or 0 */
} styles_walk;

static int styles_node(docx *dx, void *state, const docx_node *n)
{
	styles_walk *sw = state;
	docx_style *st;
	int d = n->depth, empty = n->empty, rc = CLINT_OK;

	if (sw->skip) {
		if (n->type == DOCX_END && d == sw->skip)
			sw->skip = 0;
		return CLINT_OK;
	}
	if (n->type == DOCX_END) {
		if (sw->st && d == sw->depth)
			sw->st = NULL;
		else if (sw->in_ppr && d == sw->in_ppr)
			sw->in_ppr = 0;
		return CLINT_OK;
	}
	if (n->type != DOCX_START)
		return CLINT_OK;
	st = sw->st;
	if (is_w(n, "style")) {
		const char *t;
		size_t tlen;
		int para = !w_raw(n, "type", &t, &tlen) ||
		           (tlen == 9 && memcmp(t, "paragraph", 9) == 0) ||
		           (tlen == 9 && memcmp(t, "numbering", 9) == 0);
		sw->st = NULL;
		if (!para || dx->style_count >= DOCX_MAX_STYLES || empty)
			return CLINT_OK;
		TRY(MEM_PUSH(&dx->doc->mem, dx->styles, dx->style_count,
		             dx->style_cap));
		st = &dx->styles[dx->style_count];
		memset(st, 0, sizeof(*st));
		st->outline = st->num_id = st->ilvl = -1;
		st->id = dup_attr(n, "styleId", &rc);
		if (!st->id || (rc = pay_str(dx, &st->id)) < 0)
			return rc;
		dx->style_count++;
		sw->st = st;
		st->heading = heading_name(st->id);
		sw->depth = d;
		if (!dx->default_style &&
		    (w_attr_is(n, "default", "1") || w_attr_is(n, "default", "true"))) {
			dx->default_style = clint_strdup(st->id);
			if (!dx->default_style)
				return CLINT_ENOMEM;
			TRY(pay_str(dx, &dx->default_style));
		}
	} else if (!st) {
		return CLINT_OK;
	} else if (is_w(n, "name")) {
		char *v = dup_attr(n, "val", &rc);
		if (heading_name(v))
			st->heading = heading_name(v);
		free(v);
	} else if (is_w(n, "basedOn")) {
		free_str(dx, st->based_on);
		st->based_on = dup_attr(n, "val", &rc);
		if (rc >= 0)
			rc = pay_str(dx, &st->based_on);
	} else if (is_w(n, "pPr") && d == sw->depth + 1 && !empty) {
		sw->in_ppr = d;
	} else if (sw->in_ppr && is_w(n, "outlineLvl")) {
		st->outline = w_int(n, "val", -1);
	} else if (sw->in_ppr && is_w(n, "numId")) {
		st->num_id = w_int(n, "val", -1);
	} else if (sw->in_ppr && is_w(n, "ilvl")) {
		st->ilvl = w_int(n, "val", -1);
	} else if (is_w(n, "pPrChange") || is_w(n, "rPrChange")) {
		if (!empty)
			sw->skip = d;   /* the properties before a change */
	}
done:
	return rc;
}

/* Reads the paragraph styles: names, basedOn, numPr, outline levels. */
static int load_styles(docx *dx)
{
	unsigned char *buf = NULL;
	size_t len;
	styles_walk sw;
	int rc;

	memset(&sw, 0, sizeof(sw));
	dx->part = rel_name(dx, REL_STYLES);
	rc = read_entry(dx, dx->part, 0, &buf, &len);
	if (rc != CLINT_OK)
		goto done;
	rc = xml_walk(dx, buf, len, styles_node, &sw);
	if (rc == CLINT_OK && dx->style_count)
		qsort(dx->styles, dx->style_count, sizeof(*dx->styles), style_cmp);
done:
	free(buf);
	dx->part = NULL;
	return rc < 0 ? rc : CLINT_OK;
}

/* ---- numbering.xml ---------------------------------------------------------- */

static int abstract_cmp(const void *a, const void *b)
{
	int x = ((const docx_abstract *)a)->id, y = ((const docx_abstract *)b)->id;
	return x < y ? -1 : x > y;
}

static int num_cmp(const void *a, const void *b)
{
	int x = ((const docx_num *)a)->id, y = ((const docx_num *)b)->id;
	return x < y ? -1 : x > y;
}

static docx_abstract *find_abstract(docx *dx, int id)
{
	docx_abstract key;

	if (!dx->abstract_count)
		return NULL;
	key.id = id;
	return bsearch(&key, dx->abstracts, dx->abstract_count, sizeof(key),
	               abstract_cmp);
}

static docx_num *find_num(docx *dx, int id)
{
	docx_num key;

	if (!dx->num_count)
		return NULL;
	key.id = id;
	return bsearch(&key, dx->nums, dx->num_count, sizeof(key), num_cmp);
}

static int num_format(const char *v)
{
	static const struct {
		const char *name;
		int fmt;
	} fmts[] = {
		{"decimal", FMT_DECIMAL},          {"decimalZero", FMT_DECIMAL_ZERO},
		{"lowerLetter", FMT_LOWER_LETTER}, {"upperLetter", FMT_UPPER_LETTER},
		{"lowerRoman", FMT_LOWER_ROMAN},   {"upperRoman", FMT_UPPER_ROMAN},
		{"bullet", FMT_BULLET},            {"none", FMT_NONE},
	};
	size_t i;

	for (i = 0; v && i < ARRAY_LEN(fmts); i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].fmt;
	return FMT_DECIMAL; /* ordinal, cardinalText, ...: shown as numbers */
}

static void level_init(docx_level *l)
{
	memset(l, 0, sizeof(*l));
	l->start = 1;
	l->restart = -1;
	l->suff = SUFF_SPACE;
}

/* Reads a property of a w:lvl into `l`. */
static int level_prop(docx *dx, const docx_node *n, docx_level *l)
{
	int rc = CLINT_OK;
	char *v;

	if (is_w(n, "start")) {
		l->start = w_int(n, "val", 1);
	} else if (is_w(n, "numFmt")) {
		v = dup_attr(n, "val", &rc);
		l->fmt = num_format(v);
		free(v);
		return rc;
	} else if (is_w(n, "lvlText")) {
		size_t len;
		v = dup_attr(n, "val", &rc);
		if (rc < 0)
			return rc;
		free_str(dx, l->text);
		/* every paragraph of the level shows it: one of 500 KB in 1.8 KB
		 * of DOCX made 62 MB of text from 8 paragraphs */
		len = v ? strlen(v) : 0;
		if (len > DOCX_MAX_LEVEL_TEXT) {
			len = clint_utf8_back(v, DOCX_MAX_LEVEL_TEXT, 0);
			if (len > 0 && v[len - 1] == '%')
				len--;  /* no placeholder cut from its digit */
		}
		l->text = clint_strndup(v ? v : "", len);
		free(v);
		if (!l->text)
			return CLINT_ENOMEM;
		return pay_str(dx, &l->text);
	} else if (is_w(n, "suff")) {
		l->suff = w_attr_is(n, "val", "tab")       ? SUFF_TAB
		          : w_attr_is(n, "val", "nothing") ? SUFF_NOTHING
		                                           : SUFF_SPACE;
	} else if (is_w(n, "lvlRestart")) {
		l->restart = w_int(n, "val", -1);
	} else if (is_w(n, "isLgl")) {
		l->legal = w_onoff(n);
	}
	return CLINT_OK;
}

/* Where the walk over numbering.xml is. */
typedef struct {
	docx_abstract *ab;
	docx_num *num;
	docx_level *lvl;
	int ab_depth, num_depth, lvl_depth, ovr, in_ppr;
} numbering_walk;

/* Leaves the definition and level the walk is in: a new definition
 * starts, and may move the arrays they are in. */
static void numbering_walk_leave(numbering_walk *nw)
{
	nw->ab = NULL;
	nw->num = NULL;
	nw->lvl = NULL;
	nw->in_ppr = 0;
	nw->ovr = -1;
}

static int numbering_node(docx *dx, void *state, const docx_node *n)
{
	numbering_walk *nw = state;
	int d = n->depth, empty = n->empty, k, rc = CLINT_OK;

	if (n->type == DOCX_END) {
		if (nw->lvl && d == nw->lvl_depth)
			nw->lvl = NULL;
		else if (nw->in_ppr && d == nw->in_ppr)
			nw->in_ppr = 0;
		else if (nw->ab && d == nw->ab_depth)
			nw->ab = NULL;
		else if (nw->num && d == nw->num_depth)
			nw->num = NULL;
		return CLINT_OK;
	}
	if (n->type != DOCX_START)
		return CLINT_OK;
	if (is_w(n, "abstractNum")) {
		docx_abstract *ab;
		/* one inside a w:lvl left open (no schema allows it) moves the
		 * definitions: its level was read and freed through a pointer
		 * into the old array */
		numbering_walk_leave(nw);
		if (empty || dx->abstract_count >= DOCX_MAX_NUMS)
			return CLINT_OK;
		TRY(MEM_PUSH(&dx->doc->mem, dx->abstracts, dx->abstract_count,
		             dx->abstract_cap));
		ab = nw->ab = &dx->abstracts[dx->abstract_count++];
		memset(ab, 0, sizeof(*ab));
		for (k = 0; k < DOCX_LEVELS; k++)
			level_init(&ab->lvl[k]);
		ab->id = w_int(n, "abstractNumId", -1);
		nw->ab_depth = d;
	} else if (is_w(n, "num") && !nw->ab) {
		docx_num *num;
		numbering_walk_leave(nw);  /* as for w:abstractNum */
		if (dx->num_count >= DOCX_MAX_NUMS)
			return CLINT_OK;
		TRY(MEM_PUSH(&dx->doc->mem, dx->nums, dx->num_count, dx->num_cap));
		num = &dx->nums[dx->num_count++];
		memset(num, 0, sizeof(*num));
		for (k = 0; k < DOCX_LEVELS; k++) {
			level_init(&num->lvl[k]);
			num->start_override[k] = -1;
		}
		num->id = w_int(n, "numId", -1);
		num->abstract_id = -1;
		nw->num_depth = d;
		nw->num = empty ? NULL : num;
	} else if (nw->num && is_w(n, "abstractNumId")) {
		nw->num->abstract_id = w_int(n, "val", -1);
	} else if (nw->num && is_w(n, "lvlOverride")) {
		nw->ovr = w_int(n, "ilvl", -1);
	} else if (nw->num && is_w(n, "startOverride")) {
		if (nw->ovr >= 0 && nw->ovr < DOCX_LEVELS)
			nw->num->start_override[nw->ovr] = w_int(n, "val", 1);
	} else if (is_w(n, "lvl") && (nw->ab || nw->num)) {
		docx_level *lvl;
		k = w_int(n, "ilvl", -1);
		if (nw->ab && k >= 0 && k < DOCX_LEVELS)
			lvl = &nw->ab->lvl[k];
		else if (nw->num && nw->ovr >= 0 && nw->ovr < DOCX_LEVELS)
			lvl = &nw->num->lvl[nw->ovr];
		else
			lvl = NULL;
		nw->lvl = lvl;
		if (lvl) {
			free_str(dx, lvl->text);
			level_init(lvl);
			lvl->set = 1;
			nw->lvl_depth = d;
			if (empty)
				nw->lvl = NULL;
		}
	} else if (nw->lvl && is_w(n, "pPr")) {
		if (!empty)
			nw->in_ppr = d;
	} else if (nw->lvl && !nw->in_ppr) {
		TRY(level_prop(dx, n, nw->lvl));
	} else if (nw->ab && !nw->lvl && is_w(n, "numStyleLink")) {
		free_str(dx, nw->ab->style_link);
		nw->ab->style_link = dup_attr(n, "val", &rc);
		if (rc >= 0)
			rc = pay_str(dx, &nw->ab->style_link);
	}
done:
	return rc;
}

/* Reads abstract numbering definitions and numbering instances, paid
 * for from the document's memory budget: 20,000 of each, the most read,
 * are 31 MB from 1.4 MB of numbering.xml. */
static int load_numbering(docx *dx)
{
	unsigned char *buf = NULL;
	size_t len;
	numbering_walk nw;
	int rc;

	memset(&nw, 0, sizeof(nw));
	nw.ovr = -1;
	dx->part = rel_name(dx, REL_NUMBERING);
	rc = read_entry(dx, dx->part, 0, &buf, &len);
	if (rc != CLINT_OK)
		goto done;
	rc = xml_walk(dx, buf, len, numbering_node, &nw);
	if (rc == CLINT_OK) {
		if (dx->abstract_count)
			qsort(dx->abstracts, dx->abstract_count, sizeof(*dx->abstracts),
			      abstract_cmp);
		if (dx->num_count)
			qsort(dx->nums, dx->num_count, sizeof(*dx->nums), num_cmp);
	}
done:
	free(buf);
	dx->part = NULL;
	return rc < 0 ? rc : CLINT_OK;
}

/* Appends `n` (>= 0) in format `fmt` to `b`. */
static int format_number(clint_buf *b, int n, int fmt)
{
	static const char *const rn[] = {"m", "cm", "d", "cd", "c", "xc",
	                                 "l", "xl", "x", "ix", "v", "iv", "i"};
	static const int rv[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	size_t i;
	int rc = CLINT_OK, k;

	switch (fmt) {
	case FMT_NONE:
	case FMT_BULLET:
		return CLINT_OK;
	case FMT_LOWER_LETTER:
	case FMT_UPPER_LETTER:
		if (n < 1 || n > 26 * 10)
			break;
		for (k = 0; k <= (n - 1) / 26 && rc == CLINT_OK; k++)
			rc = clint_buf_putc(b, (char)((fmt == FMT_LOWER_LETTER ? 'a' : 'A') +
			                              (n - 1) % 26));
		return rc;
	case FMT_LOWER_ROMAN:
	case FMT_UPPER_ROMAN:
		if (n < 1 || n > 3999)
			break;
		for (i = 0; i < ARRAY_LEN(rv) && rc == CLINT_OK; i++)
			while (n >= rv[i] && rc == CLINT_OK) {
				const char *p;
				for (p = rn[i]; *p && rc == CLINT_OK; p++)
					rc = clint_buf_putc(b, fmt == FMT_LOWER_ROMAN
					                           ? *p
					                           : (char)(*p - 'a' + 'A'));
				n -= rv[i];
			}
		return rc;
	case FMT_DECIMAL_ZERO:
		if (n >= 0 && n < 10)
			return clint_buf_printf(b, "0%d", n);
		break;
	default:
		break;
	}
	return clint_buf_printf(b, "%d", n);
}

/* The definition of level `k` of a numbering instance. */
static const docx_level *num_level(const docx_num *num,
                                   const docx_abstract *ab, int k)
{
	return num->lvl[k].set ? &num->lvl[k] : &ab->lvl[k];
}

static int level_start(const docx_num *num, const docx_abstract *ab, int k)
{
	return num->start_override[k] >= 0 ? num->start_override[k]
	                                   : num_level(num, ab, k)->start;
}

/* The abstract numbering of an instance, following one numStyleLink. */
static docx_abstract *num_abstract(docx *dx, docx_num *num)
{
	docx_abstract *ab = find_abstract(dx, num->abstract_id);
	const docx_style *st;
	docx_num *linked;

	if (ab && ab->style_link && (st = find_style(dx, ab->style_link)) &&
	    st->num_id >= 0 && (linked = find_num(dx, st->num_id)) &&
	    linked != num) {
		docx_abstract *ab2 = find_abstract(dx, linked->abstract_id);
		if (ab2 && !ab2->style_link)
			return ab2;
	}
	return ab;
}

/*
 * Advances the counters of list `num_id` at level `ilvl` and renders the
 * paragraph's number into `out` ("7.2", "(a)", "•"). *suff gets the
 * separator, *bullet whether it is a bullet. Nothing for numId 0 or an
 * unknown list.
 */
static int render_number(docx *dx, int num_id, int ilvl, clint_buf *out,
                         int *suff, int *bullet)
{
	docx_num *num;
	docx_abstract *ab;
	const docx_level *lv;
	const char *p;
	int k, rc = CLINT_OK, *cnt, *started;

	*suff = SUFF_NOTHING;
	*bullet = 0;
	if (num_id <= 0 || !(num = find_num(dx, num_id)) ||
	    !(ab = num_abstract(dx, num)))
		return CLINT_OK;
	if (ilvl < 0 || ilvl >= DOCX_LEVELS)
		ilvl = 0;
	if (!num->own) {
		for (k = 0; k < DOCX_LEVELS; k++)
			if (num->start_override[k] >= 0)
				num->own = 1;
	}
	cnt = num->own ? num->cnt : ab->cnt;
	started = num->own ? num->started : ab->started;
	if (started[ilvl] && cnt[ilvl] < 1000000)
		cnt[ilvl]++;
	else if (!started[ilvl]) {
		cnt[ilvl] = level_start(num, ab, ilvl);
		started[ilvl] = 1;
	}
	for (k = ilvl + 1; k < DOCX_LEVELS; k++) {
		int rs = num_level(num, ab, k)->restart;
		if (rs < 0 || (rs > 0 && ilvl < rs))
			started[k] = 0;
	}
	lv = num_level(num, ab, ilvl);
	*suff = lv->suff;
	if (lv->fmt == FMT_BULLET) {
		uint32_t cp = 0;
		*bullet = 1;
		/* symbol-font bullets live in the private use area: show "•" */
		if (!lv->text || !*lv->text ||
		    !clint_utf8_decode((const unsigned char *)lv->text,
		                       strlen(lv->text), &cp) ||
		    (cp >= 0xE000 && cp <= 0xF8FF))
			return clint_buf_puts(out, "\xE2\x80\xA2");
		return clint_buf_puts(out, lv->text);
	}
	for (p = lv->text ? lv->text : ""; *p && rc == CLINT_OK; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int l = p[1] - '1';
			const docx_level *ll = num_level(num, ab, l);
			int v = started[l] ? cnt[l] : level_start(num, ab, l);
			int fmt = ll->fmt;
			if (lv->legal && fmt != FMT_NONE)
				fmt = FMT_DECIMAL;
			rc = format_number(out, v, fmt);
			p++;
		} else {
			rc = clint_buf_putc(out, *p);
		}
	}
	return rc;
}

/* ---- comments.xml ------------------------------------------------------------ */

static int comment_cmp(const void *a, const void *b)
{
	int x = ((const docx_comment *)a)->id, y = ((const docx_comment *)b)->id;
	return x < y ? -1 : x > y;
}

static docx_comment *find_comment(docx *dx, const docx_node *n)
{
	docx_comment key;

	if (!dx->comment_count)
		return NULL;
	key.id = w_int(n, "id", -1);
	return bsearch(&key, dx->comments, dx->comment_count, sizeof(key),
	               comment_cmp);
}

/* Where the walk over comments.xml is. */
typedef struct {
	clint_buf text;
	docx_comment *c;   /* the comment being read, or NULL */
	int depth;         /* its depth */
	int in_t;          /* inside a w:t */
} comments_walk;

/* A text that outgrows its cap is cut, not an error. */
static int comment_put(comments_walk *cw, const char *s, size_t n)
{
	int rc = clint_buf_put(&cw->text, s, n);

	return rc == CLINT_ELIMIT ? CLINT_OK : rc;
}

static int comments_node(docx *dx, void *state, const docx_node *n)
{
	comments_walk *cw = state;
	docx_comment *c = cw->c;
	clint_buf *text = &cw->text;
	int rc = CLINT_OK;

	if (n->type == DOCX_END) {
		if (c && n->depth == cw->depth) {
			while (text->len && text->data[text->len - 1] == '\n')
				text->len--;
			/* a copy that fits, paid for: the buffer, up to twice as
			 * large, is the next comment's */
			c->text = clint_strndup(text->data ? text->data : "", text->len);
			if (!c->text)
				return CLINT_ENOMEM;
			TRY(pay_str(dx, &c->text));
			cw->c = NULL;
		} else if (c && is_w(n, "p") && text->len &&
		           text->data[text->len - 1] != '\n') {
			TRY(comment_put(cw, "\n", 1));
		}
		cw->in_t = 0;
		return CLINT_OK;
	}
	if (n->type == DOCX_START) {
		cw->in_t = 0;
		if (is_w(n, "comment") && !n->empty &&
		    dx->comment_count < DOCX_MAX_COMMENTS) {
			TRY(MEM_PUSH(&dx->doc->mem, dx->comments, dx->comment_count,
			             dx->comment_cap));
			c = cw->c = &dx->comments[dx->comment_count++];
			memset(c, 0, sizeof(*c));
			c->id = w_int(n, "id", -1);
			c->author = dup_attr(n, "author", &rc);
			if (rc < 0 || (rc = pay_str(dx, &c->author)) < 0)
				return rc;
			text->len = 0;
			cw->depth = n->depth;
		} else if (c && is_w(n, "t")) {
			cw->in_t = !n->empty;
		} else if (c && (is_w(n, "tab") || is_w(n, "br"))) {
			TRY(comment_put(cw, is_w(n, "tab") ? "\t" : "\n", 1));
		}
		return CLINT_OK;
	}
	if (c && cw->in_t)
		TRY(comment_put(cw, n->text, n->len));
done:
	return rc;
}

/* Reads each comment's id, author and text (paragraphs joined by "\n"),
 * paid for from the document's memory budget. */
static int load_comments(docx *dx)
{
	unsigned char *buf = NULL;
	size_t len;
	comments_walk cw;
	int rc;

	memset(&cw, 0, sizeof(cw));
	cw.text.limit = 1 << 20;
	dx->part = rel_name(dx, REL_COMMENTS);
	rc = read_entry(dx, dx->part, 0, &buf, &len);
	if (rc != CLINT_OK)
		goto done;
	rc = xml_walk(dx, buf, len, comments_node, &cw);
	if (rc == CLINT_OK && dx->comment_count)
		qsort(dx->comments, dx->comment_count, sizeof(*dx->comments),
		      comment_cmp);
done:
	clint_buf_free(&cw.text);
	free(buf);
	dx->part = NULL;
	return rc < 0 ? rc : CLINT_OK;
}

/* ---- the walk over a story ----------------------------------------------------- */

static int flush_cells(docx *dx, int page_break);

/* Closes the open block; a page break flag on a dropped (empty) block is
 * kept for the next one. Then the cells of the workbooks it showed. */
static int close_block(docx *dx)
{
	clint_doc *doc = dx->doc;
	size_t n = doc->block_count;
	unsigned flags = n && doc->block_open ? doc->blocks[n - 1].flags : 0;
	int rc = clint_doc_close_block(doc);

	int dropped = doc->block_count < n && (flags & CLINT_BLOCK_PAGE_BREAK);

	if (dropped)
		dx->page_pending = 1;
	dx->owner = 0;
	dx->cell_owner = 0;
	dx->merge = dx->merge_space = dx->cell_sep = 0;
	if (rc >= 0 && dx->cells.buf.len)
		rc = flush_cells(dx, dropped);
	return rc;
}

static int open_block(docx *dx, clint_block_type type, unsigned level,
                      unsigned paragraph)
{
	unsigned flags = dx->base_flags;

	if (dx->page_pending)
		flags |= CLINT_BLOCK_PAGE_BREAK;
	dx->page_pending = 0;
	dx->merge = 0;
	return clint_doc_open_block(dx->doc, type, level, dx->page, paragraph,
	                            flags);
}

/* Length of the open block's text so far (0 if none is open). */
static size_t block_len(const docx *dx)
{
	const clint_doc *doc = dx->doc;

	if (!doc->block_open || !doc->block_count)
		return 0;
	return doc->build.len - doc->blocks[doc->block_count - 1].start;
}

/* Makes sure the innermost paragraph has an open block to write to. */
static int ensure_block(docx *dx)
{
	docx_para *p;
	int rc;

	if (!dx->npara)
		return CLINT_OK;  /* text outside a paragraph: never in valid DOCX */
	if (dx->owner == dx->npara && dx->doc->block_open)
		return CLINT_OK;
	p = &dx->paras[dx->npara - 1];
	if ((rc = close_block(dx)) < 0)
		return rc;
	rc = open_block(dx, dx->tc_depth ? CLINT_BLOCK_TABLE_CELL : p->type,
	                dx->tc_depth ? 0 : p->level, p->number);
	dx->owner = dx->npara;
	if (dx->tc_depth)
		dx->cell_owner = dx->tc_depth;
	return rc;
}

/* True if text at the current point is part of the chosen revision. */
static int text_kept(const docx *dx)
{
	int i;

	if (dx->deg_hidden)
		return 0;   /* a radical's hidden index */
	for (i = 0; i < dx->nfld; i++)
		if (dx->fld[i])
			return 0;   /* a field instruction */
	if (dx->doc->revisions == CLINT_REVISIONS_REJECT)
		return dx->ins == 0;
	return dx->del == 0;
}

/* Appends to the open block; the text cap is reported as an error. */
static int doc_put(docx *dx, const char *s, size_t n)
{
	int rc = clint_doc_put(dx->doc, s, n);

	if (rc == CLINT_ELIMIT)
		rc = docx_err(dx, CLINT_ELIMIT, 0,
		              "the text is larger than the limit of %zu bytes",
		              DOCX_MAX_TEXT);
	return rc;
}

/* Puts the separator owed before text starting with `c`: a line end
 * between the paragraphs of a cell, a space where paragraphs merged. */
static int flush_separator(docx *dx, char c)
{
	int rc = CLINT_OK;

	if (dx->cell_sep)
		rc = doc_put(dx, "\n", 1);
	else if (dx->merge_space && !strchr(" \t\n", c))
		rc = doc_put(dx, " ", 1);
	dx->cell_sep = dx->merge_space = 0;
	return rc;
}

static int put_number(docx *dx, int num_id, int ilvl);

/* Writes kept text of a run into the current paragraph's block. */
static int put_text(docx *dx, const char *s, size_t n)
{
	docx_para *p;
	size_t i;
	int rc;

	if (!n || !dx->npara)
		return CLINT_OK;
	if (!text_kept(dx)) {
		/* text between a field's begin and its separate is not shown;
		 * remembered, for a field that never gets that far */
		for (i = 0; i < (size_t)dx->nfld && !dx->fld[i]; i++)
			;
		if (i < (size_t)dx->nfld && !dx->fld_hid[i]) {
			size_t k;
			for (k = 0; k < n && strchr(" \t\n", s[k]); k++)
				;
			dx->fld_hid[i] = k < n;
		}
		return CLINT_OK;
	}
	if ((rc = ensure_block(dx)) < 0)
		return rc;
	p = &dx->paras[dx->npara - 1];
	if (p->defer_num) {
		p->defer_num = 0;
		if ((rc = put_number(dx, p->dnum_id, p->dilvl)) < 0)
			return rc;
	}
	if ((rc = flush_separator(dx, s[0])) < 0)
		return rc;
	p->has_text = 1;
	for (i = 0; i < dx->pending_count; i++) {
		docx_comment *c = &dx->comments[dx->pending[i]];
		if (c->pending) {
			c->pending = 0;
			c->anchored = 1;
			c->start = c->end = clint_doc_built_len(dx->doc);
		}
	}
	dx->pending_count = 0;
	if (dx->doc->revisions == CLINT_REVISIONS_REJECT && dx->del)
		clint_doc_flag_block(dx->doc, CLINT_BLOCK_DELETED);
	else if (dx->doc->revisions == CLINT_REVISIONS_ACCEPT && dx->ins)
		clint_doc_flag_block(dx->doc, CLINT_BLOCK_INSERTED);
	for (i = 0; i < n && !dx->text_since_page; i++)
		if (!strchr(" \t\n", s[i]))
			dx->text_since_page = 1;
	return doc_put(dx, s, n);
}

/*
 * Renders the number of list `num_id` level `ilvl` and puts it with its
 * separator in front of the paragraph's text. Returns 1 if the number is
 * a bullet.
 */
static int put_number(docx *dx, int num_id, int ilvl)
{
	clint_buf num = CLINT_BUF_INIT;
	int rc, suff, bullet;

	TRY(render_number(dx, num_id, ilvl, &num, &suff, &bullet));
	if (num.len) {
		TRY(flush_separator(dx, num.data[0]));
		TRY(doc_put(dx, num.data, num.len));
		if (suff != SUFF_NOTHING)
			TRY(doc_put(dx, suff == SUFF_TAB ? "\t" : " ", 1));
	}
	rc = bullet;
done:
	clint_buf_free(&num);
	return rc;
}

/*
 * Starts the innermost paragraph once its properties are known: resolves
 * its style (heading level, inherited numbering), renders its number and
 * opens its block - or continues the block of a cell or of a paragraph
 * whose mark was removed.
 */
static int begin_para(docx *dx)
{
	docx_para *p = &dx->paras[dx->npara - 1];
	const docx_style *st;
	const char *style = p->style ? p->style : dx->default_style;
	int num_id = p->num_id, ilvl = p->ilvl, outline = p->outline;
	int heading = 0, style_num = -1, style_ilvl = -1, hops;
	int rc = CLINT_OK;

	p->begun = 1;
	for (hops = 0, st = find_style(dx, style); st && hops < 16;
	     hops++, st = find_style(dx, st->based_on)) {
		if (!heading && outline < 0 && st->heading)
			heading = st->heading;
		if (outline < 0 && !heading && st->outline >= 0)
			outline = st->outline;
		if (style_num < 0 && st->num_id >= 0) {
			style_num = st->num_id;
			style_ilvl = st->ilvl;
		}
	}
	if (num_id < 0)
		num_id = style_num;
	if (ilvl < 0)
		ilvl = p->num_id < 0 && style_ilvl >= 0 ? style_ilvl : 0;
	if (!heading && outline >= 0 && outline < 9)
		heading = outline + 1;
	p->type = heading ? CLINT_BLOCK_HEADING : CLINT_BLOCK_PARAGRAPH;
	p->level = (unsigned)heading;

	if (p->page_before && dx->text_since_page) {
		dx->page++;
		dx->page_pending = 1;
		dx->text_since_page = 0;
	}
	if (dx->merge && dx->doc->block_open) {
		/* the previous paragraph's mark is gone: run on, no number */
		dx->merge = 0;
		dx->owner = dx->npara;
		if (block_len(dx) &&
		    !strchr(" \t\n", dx->doc->build.data[dx->doc->build.len - 1]))
			dx->merge_space = 1;
		return rc;
	}
	if (dx->tc_depth && dx->cell_owner == dx->tc_depth && dx->doc->block_open) {
		/* another paragraph of the same cell */
		dx->owner = dx->npara;
		dx->cell_sep = block_len(dx) > 0;
	} else {
		TRY(close_block(dx));
		TRY(open_block(dx, dx->tc_depth ? CLINT_BLOCK_TABLE_CELL : p->type,
		               dx->tc_depth ? 0 : p->level, p->number));
		dx->owner = dx->npara;
		if (dx->tc_depth)
			dx->cell_owner = dx->tc_depth;
	}
	if (p->sect && num_id > 0) {
		/* Word shows no number on an empty section-break paragraph */
		p->defer_num = 1;
		p->dnum_id = num_id;
		p->dilvl = ilvl;
	} else if ((rc = put_number(dx, num_id, ilvl)) > 0 && !heading) {
		p->type = CLINT_BLOCK_LIST_ITEM;
		p->level = (unsigned)ilvl + 1;
		if (!dx->tc_depth)
			dx->doc->blocks[dx->doc->block_count - 1].type = p->type;
		dx->doc->blocks[dx->doc->block_count - 1].level =
			dx->tc_depth ? 0 : p->level;
	}
done:
	return rc < 0 ? rc : CLINT_OK;
}

/* Ends the innermost paragraph. */
static int end_para(docx *dx)
{
	docx_para *p = &dx->paras[dx->npara - 1];
	int rc = CLINT_OK, merge;

	if (!p->begun)
		rc = begin_para(dx);
	merge = dx->doc->revisions == CLINT_REVISIONS_REJECT ? p->mark_ins
	                                                      : p->mark_del;
	free(p->style);
	p->style = NULL;
	dx->npara--;
	if (rc < 0)
		return rc;
	if (merge && dx->doc->block_open) {
		dx->merge = 1;
		dx->owner = dx->npara; /* no one: the next paragraph takes it */
		return CLINT_OK;
	}
	if (dx->tc_depth && dx->cell_owner == dx->tc_depth) {
		dx->owner = 0;   /* the cell's next paragraph continues the block */
		return CLINT_OK;
	}
	return close_block(dx);
}

/* Elements whose whole subtree holds nothing to read. */
/*
 * Office Math (m:oMath), written out as a line of text: the text of its
 * runs (m:t), a fraction as "(num)/(den)", a superscript as "^(sup)" and
 * a subscript as "_(sub)", a limit as "_(lim)", a radical after "√", an
 * n-ary operator's character (its m:chr, "∫" by default) before its
 * parts, a function's name and a space before its argument, a
 * delimiter's characters around its elements ("(", "|", ")" unless its
 * m:dPr says other), an equation array's or a matrix's rows between
 * "; " and a matrix row's cells between spaces. Left out, a service credit formula ("Credit =
 * (Target − Actual) / Target × Fee") was lost without a word. An object
 * tracked as inserted or deleted as a whole (math_changed()) takes its
 * characters with it.
 */
static int is_m(const docx_node *n, const char *name)
{
	return !n->w && n->ns && n->local[0] == name[0] &&
	       strcmp(n->local, name) == 0 &&
	       (strcmp(n->ns, M_NS) == 0 || strcmp(n->ns, M_NS_STRICT) == 0);
}

/* The m:val of a math property as a short string into out[8]; false if
 * it has none (or one that is not plain: entities, over 7 bytes). */
static int m_val(const docx_node *n, char out[8])
{
	const char *v;
	size_t len;

	if (!attr_raw(n, M_NS, "val", &v, &len) &&
	    !attr_raw(n, M_NS_STRICT, "val", &v, &len))
		return 0;
	if (len >= 8 || memchr(v, '&', len))
		return 0;
	memcpy(out, v, len);
	out[len] = '\0';
	return 1;
}

static int put_text(docx *dx, const char *s, size_t n);

static int put_str(docx *dx, const char *s)
{
	return put_text(dx, s, strlen(s));
}

/* put_str(), then 1: the tag was handled */
static int put_one(docx *dx, const char *s)
{
	int rc = put_str(dx, s);

	return rc < 0 ? rc : 1;
}

/* The properties of a math object (m:fPr of m:f, ...): the m:ctrlPr in
 * them may track the whole object as inserted or deleted. */
static int is_object_pr(const docx_node *n)
{
	static const char *const names[] = {
		"accPr",   "barPr",    "borderBoxPr", "boxPr",     "dPr",
		"eqArrPr", "fPr",      "funcPr",      "groupChrPr", "limLowPr",
		"limUppPr", "mPr",     "naryPr",      "phantPr",   "radPr",
		"sPrePr",  "sSubPr",   "sSubSupPr",   "sSupPr",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (is_m(n, names[i]))
			return 1;
	return 0;
}

/* A w:ins or w:del in an object's m:ctrlPr: the object, whose end tag
 * is at objpr_depth - 1, is read as inside one. Past DOCX_MAX_DELIMS
 * nested ones, the innermost are not (their text is still in its own
 * w:ins or w:del; only their characters would be left). */
static void math_changed(docx *dx, int del)
{
	int depth = dx->objpr_depth - 1;
	unsigned char *flag;

	if (!dx->nchanged || dx->changed[dx->nchanged - 1].depth != depth) {
		if (dx->nchanged >= DOCX_MAX_DELIMS)
			return;
		dx->changed[dx->nchanged].depth = depth;
		dx->changed[dx->nchanged].ins = dx->changed[dx->nchanged].del = 0;
		dx->nchanged++;
	}
	flag = del ? &dx->changed[dx->nchanged - 1].del
	           : &dx->changed[dx->nchanged - 1].ins;
	if (*flag)
		return;   /* said twice */
	*flag = 1;
	if (del)
		dx->del++;
	else
		dx->ins++;
}

/* The end of every tracked object at depth `d` or deeper: the end tag of
 * the object, or of whatever held misplaced properties (an m:fPr in a
 * w:r), so that the count never outlives it. */
static void changed_end(docx *dx, int d)
{
	while (dx->nchanged && dx->changed[dx->nchanged - 1].depth >= d) {
		dx->nchanged--;
		if (dx->changed[dx->nchanged].del)
			dx->del--;
		if (dx->changed[dx->nchanged].ins)
			dx->ins--;
	}
}

/* A start tag in the math namespace: 1 if it was one, 0 if not, or a
 * negative error. */
static int math_start(docx *dx, const docx_node *n, int d)
{
	docx_delim *dl = dx->ndelim && !dx->delim_lost
	                     ? &dx->delims[dx->ndelim - 1] : NULL;
	char v[8];
	int rc;

	if (is_object_pr(n)) {
		dx->objpr_depth = n->empty ? 0 : d;
		return 1;
	}
	if (is_m(n, "ctrlPr")) {
		if (dx->objpr_depth && d == dx->objpr_depth + 1 && !n->empty)
			dx->ctrl_depth = d;
		return 1;
	}
	/* a radical's "√", once its properties have said whether it is
	 * there at all */
	if (dx->rad_pending && d == dx->rad_pending + 1 && is_m(n, "deg")) {
		/* its index before the sign, as ODT's: "(3)√x"; hidden by
		 * m:degHide, as Word hides it, however much it holds (its
		 * comment marks and changes still count) */
		if (!n->empty && dx->rad_hide) {
			if (!dx->deg_hidden)
				dx->deg_hidden = d;
		} else if (!n->empty) {
			dx->rad_deg = d;
			return put_one(dx, "(");
		}
		return 1;
	}
	if (dx->rad_pending && d == dx->rad_pending + 2 && is_m(n, "degHide")) {
		/* on/off: no m:val is on */
		dx->rad_hide = !m_val(n, v) || strcmp(v, "1") == 0 ||
		               strcmp(v, "on") == 0 || strcmp(v, "true") == 0;
		return 1;
	}
	if (dx->rad_pending && d == dx->rad_pending + 1 && is_m(n, "e")) {
		dx->rad_pending = 0;
		if ((rc = put_str(dx, "\xE2\x88\x9A")) < 0)
			return rc;
	}
	if (dx->nary_pending && (is_m(n, "sub") || is_m(n, "sup") ||
	                         is_m(n, "e"))) {
		dx->nary_pending = 0;
		if ((rc = put_str(dx, dx->nary)) < 0)
			return rc;
	}
	/* an element of the delimiter open (a matrix row is one too) */
	if (dl && d == dl->depth + 1 && (is_m(n, "e") || is_m(n, "mr")) &&
	    (rc = put_str(dx, dl->elements++ ? dl->sep : dl->beg)) < 0)
		return rc;
	if (is_m(n, "t")) {
		dx->text_kind = !n->empty;
	} else if (is_m(n, "num")) {
		return put_one(dx, "(");
	} else if (is_m(n, "den")) {
		return put_one(dx, "/(");
	} else if (is_m(n, "sup")) {
		return put_one(dx, "^(");
	} else if (is_m(n, "sub")) {
		return put_one(dx, "_(");
	} else if (is_m(n, "rad")) {
		/* in another's index (its sign not yet written): that one's
		 * state is kept for its end */
		if (dx->rad_pending && dx->nrads < DOCX_MAX_DELIMS) {
			dx->rads[dx->nrads].depth = d;
			dx->rads[dx->nrads].pending = dx->rad_pending;
			dx->rads[dx->nrads++].deg = dx->rad_deg;
		}
		dx->rad_pending = d;
		dx->rad_deg = dx->rad_hide = 0;
	} else if (is_m(n, "nary")) {
		/* its character, from its m:naryPr, before its first part */
		strcpy(dx->nary, "\xE2\x88\xAB");
		dx->nary_pending = 1;
	} else if (is_m(n, "chr") && dx->nary_pending && m_val(n, v)) {
		memcpy(dx->nary, v, sizeof(v));
	} else if (is_m(n, "limUpp")) {
		dx->upp_depth = d;
	} else if (is_m(n, "lim")) {
		/* a limit: "lim_(n→∞)", or above its base */
		return put_one(dx, dx->upp_depth && d == dx->upp_depth + 1 ? "^("
		                                                          : "_(");
	} else if (is_m(n, "d") || is_m(n, "eqArr") || is_m(n, "m") ||
	           is_m(n, "mr")) {
		/* an equation array's or a matrix's rows, a matrix row's cells:
		 * a delimiter's elements */
		int arr = !is_m(n, "d"), row = is_m(n, "mr");

		if (dx->ndelim >= DOCX_MAX_DELIMS || dx->delim_lost) {
			dx->delim_lost++;
			return 1;
		}
		dl = &dx->delims[dx->ndelim++];
		strcpy(dl->beg, arr ? "" : "(");
		strcpy(dl->sep, row ? " " : arr ? "; " : "|");
		strcpy(dl->end, arr ? "" : ")");
		dl->depth = d;
		dl->elements = 0;
	} else if (dl && is_m(n, "begChr") && m_val(n, v)) {
		memcpy(dl->beg, v, sizeof(v));
	} else if (dl && is_m(n, "sepChr") && m_val(n, v)) {
		memcpy(dl->sep, v, sizeof(v));
	} else if (dl && is_m(n, "endChr") && m_val(n, v)) {
		memcpy(dl->end, v, sizeof(v));
	} else if (is_m(n, "e")) {
		return 1;  /* its delimiter's, if any, written above */
	} else {
		return is_m(n, n->local);
	}
	return 1;
}

/* An end tag in the math namespace: 1, 0 or an error, as math_start() */
static int math_end(docx *dx, const docx_node *n, int d)
{
	if (is_object_pr(n)) {
		dx->objpr_depth = dx->ctrl_depth = 0;
	} else if (is_m(n, "ctrlPr")) {
		if (d == dx->ctrl_depth)
			dx->ctrl_depth = 0;
	} else if (is_m(n, "deg") && d == dx->deg_hidden) {
		dx->deg_hidden = 0;
	} else if (is_m(n, "deg") && d == dx->rad_deg) {
		dx->rad_deg = 0;
		return put_one(dx, ")");
	} else if (is_m(n, "rad")) {
		/* one without parts still shows its sign */
		int rc = 1;

		if (dx->rad_pending == d) {
			dx->rad_pending = 0;
			rc = put_one(dx, "\xE2\x88\x9A");
		}
		if (dx->nrads && dx->rads[dx->nrads - 1].depth == d) {
			dx->nrads--;
			dx->rad_pending = dx->rads[dx->nrads].pending;
			dx->rad_deg = dx->rads[dx->nrads].deg;
		}
		return rc;
	} else if (is_m(n, "t")) {
		dx->text_kind = 0;
	} else if (is_m(n, "num") || is_m(n, "den") || is_m(n, "sup") ||
	           is_m(n, "sub") || is_m(n, "lim")) {
		return put_one(dx, ")");
	} else if (is_m(n, "limUpp")) {
		if (dx->upp_depth == d)
			dx->upp_depth = 0;
	} else if (is_m(n, "fName")) {
		return put_one(dx, " ");  /* a function's name: "sin x" */
	} else if (is_m(n, "nary")) {
		/* one without parts still shows its character; left pending, it
		 * came out at the next m:e of the part, and another object's
		 * m:chr (an accent's "~") took its place */
		if (!dx->nary_pending)
			return 1;
		dx->nary_pending = 0;
		return put_one(dx, dx->nary);
	} else if (is_m(n, "d") || is_m(n, "eqArr") || is_m(n, "m") ||
	           is_m(n, "mr")) {
		docx_delim *dl;
		int rc;

		if (dx->delim_lost) {
			dx->delim_lost--;
			return 1;
		}
		if (!dx->ndelim || dx->delims[dx->ndelim - 1].depth != d)
			return 1;
		dl = &dx->delims[--dx->ndelim];
		if (!dl->elements && (rc = put_str(dx, dl->beg)) < 0)
			return rc;
		return put_one(dx, dl->end);
	} else {
		return is_m(n, n->local);
	}
	return 1;
}

static int skipped_element(const docx_node *n)
{
	static const char *const names[] = {
		"pPrChange",   "rPrChange",   "sectPrChange",  "tblPrChange",
		"trPrChange",  "tcPrChange",  "tblGridChange", "numberingChange",
		"instrText",   "delInstrText", "tblPr",        "sectPr",
		"tblGrid",     "trPr",        "tcPr",          "rPr",
	};
	size_t i;

	if (n->ns && strcmp(n->ns, MC_NS) == 0)
		return strcmp(n->local, "Fallback") == 0;
	if (!n->w)
		return 0;
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (n->local[0] == names[i][0] && strcmp(n->local, names[i]) == 0)
			return 1;
	return 0;
}

/* A start tag inside the paragraph properties (w:pPr). */
static int para_prop(docx *dx, const docx_node *n, int d)
{
	int rc = CLINT_OK;
	docx_para *p = &dx->paras[dx->npara - 1];

	if (d == dx->ppr_depth + 1) {
		if (is_w(n, "pStyle")) {
			free(p->style);
			p->style = dup_attr(n, "val", &rc);
		} else if (is_w(n, "outlineLvl")) {
			p->outline = w_int(n, "val", -1);
		} else if (is_w(n, "pageBreakBefore")) {
			p->page_before = w_onoff(n);
		} else if (is_w(n, "numPr")) {
			dx->numpr = !n->empty;
		} else if (is_w(n, "rPr")) {
			dx->rpr_in_ppr = !n->empty;
		} else if (is_w(n, "sectPr")) {
			p->sect = 1;
		}
	} else if (d == dx->ppr_depth + 2 && dx->numpr) {
		if (is_w(n, "numId"))
			p->num_id = w_int(n, "val", -1);
		else if (is_w(n, "ilvl"))
			p->ilvl = w_int(n, "val", -1);
	} else if (d == dx->ppr_depth + 2 && dx->rpr_in_ppr) {
		if (is_w(n, "ins") || is_w(n, "moveTo"))
			p->mark_ins = 1;
		else if (is_w(n, "del") || is_w(n, "moveFrom"))
			p->mark_del = 1;
	}
	return rc;
}

/* A cell of an embedded workbook, held for flush_cells() with its flags
 * (the story's, the change it is in), paragraph and page. */
static int workbook_cell(void *ctx, const char *s, size_t n, int row_start)
{
	docx *dx = ctx;
	unsigned flags = dx->base_flags;

	if (row_start)
		clint_held_cells_row(&dx->cells);
	if (dx->doc->revisions == CLINT_REVISIONS_REJECT && dx->del)
		flags |= CLINT_BLOCK_DELETED;
	else if (dx->doc->revisions == CLINT_REVISIONS_ACCEPT && dx->ins)
		flags |= CLINT_BLOCK_INSERTED;
	return clint_held_cells_add(&dx->cells, dx->doc, flags,
	                            dx->npara ? dx->paras[dx->npara - 1].number
	                                      : dx->paragraph,
	                            dx->page, s, n);
}

/* The cells workbook_cell() held, after the block that shows their
 * workbook. The first cell takes the page break of that block if it was
 * dropped (it held only the workbook: `dropped`) or of a break due
 * before the workbook (on its page); a break after it is the next
 * block's. */
static int flush_cells(docx *dx, int dropped)
{
	int page_break = dropped, rc;

	if (dx->page_pending && clint_held_cells_page(&dx->cells) == dx->page)
		page_break = 1;
	if (page_break)
		dx->page_pending = 0;
	rc = clint_held_cells_flush(&dx->cells, dx->doc,
	                            page_break ? CLINT_BLOCK_PAGE_BREAK : 0);
	if (rc == CLINT_ELIMIT)
		rc = docx_err(dx, CLINT_ELIMIT, 0,
		              "the text is larger than the limit of %zu bytes",
		              DOCX_MAX_TEXT);
	return rc;
}

/* What names an embedded object for clint_object_warn(): "a\nb", b of
 * blen bytes, whole; malloc'd, NULL when out of memory. */
static char *object_key(const char *a, const char *b, size_t blen)
{
	size_t alen = strlen(a);
	char *key = malloc(alen + blen + 2);

	if (key) {
		memcpy(key, a, alen);
		key[alen] = '\n';
		memcpy(key + alen + 1, b, blen);
		key[alen + 1 + blen] = '\0';
	}
	return key;
}

/*
 * The workbook (an .xlsx part) an embedded Excel object in the body
 * shows: its cells, by xlsx.c, where the object is. 1 if it was read, 0
 * (with *why) if not, or a negative error of the document (out of
 * memory, its text over the limit).
 */
static int read_workbook(docx *dx, const char *part, unsigned line,
                         const char **why, char *buf, size_t cap)
{
	const clint_zip_entry *e = clint_zip_find(&dx->zip, part);
	clint_xlsx_sink out = {workbook_cell, dx};
	clint_diag *saved = dx->zip.diag;
	unsigned char *data = NULL;
	uint64_t used = 0;
	size_t len = 0;
	int rc;

	if (!e) {
		*why = "its part is missing";
		return 0;
	}
	if (dx->embedded_bytes + e->size > DOCX_MAX_EMBEDDED) {
		*why = "embedded workbooks of more than 64 MiB in all";
		return 0;
	}
	/* a damaged part is this object's fault, not the document's */
	dx->zip.diag = NULL;
	rc = read_entry(dx, part, 0, &data, &len);
	dx->zip.diag = saved;
	if (rc == CLINT_ENOMEM)
		return rc;
	if (rc != CLINT_OK) {
		*why = "its part cannot be read";
		return 0;
	}
	dx->embedded_bytes += len;
	rc = clint_xlsx_read(data, len,
	                     dx->embedded_bytes < DOCX_MAX_EMBEDDED
	                         ? DOCX_MAX_EMBEDDED - dx->embedded_bytes : 0,
	                     &dx->doc->mem, &out, buf, cap, &used);
	dx->embedded_bytes += used;
	free(data);
	if (rc < 0 && buf[0]) {
		*why = buf;
		return 0;
	}
	if (rc >= 0 && buf[0]) {  /* read, but for its numbers' formats */
		/* said once per workbook */
		char *key = object_key("formats", part, strlen(part));
		if (!key)
			return CLINT_ENOMEM;
		if (clint_object_warn(&dx->said, key, dx->diag, dx->doc->name, line,
		                      "more embedded objects are not read, or "
		                      "not wholly: not listed"))
			clint_diag_add(dx->diag, CLINT_DIAG_WARNING, dx->doc->name,
			               line, 0, "DOCX part %s: the embedded workbook "
			               "%.200s: %s", dx->part ? dx->part : "?", part,
			               buf);
		free(key);
	}
	return rc < 0 ? rc : 1;
}

/* The part of the workbook an embedded object in the body shows (an
 * Excel object's r:id), or NULL. */
static const char *embedded_workbook(const docx *dx, const docx_node *n,
                                     const char *progid, size_t plen)
{
	const docx_rel_package *pkg;
	const char *v, *name;
	char kind[65];
	size_t len, k;

	if (!dx->part || strcmp(dx->part, "word/document.xml") != 0 ||
	    (!attr_raw(n, R_NS, "id", &v, &len) &&
	     !attr_raw(n, R_NS_STRICT, "id", &v, &len)) ||
	    !(pkg = find_package(dx, v, len)))
		return NULL;
	/* an .xlsx or .xlsm (not a chart, not a binary .xlsb) */
	name = pkg->name;
	k = strlen(name);
	memcpy(kind, progid, plen < 64 ? plen : 64);
	kind[plen < 64 ? plen : 64] = '\0';
	if (k > 5 && (strcmp(name + k - 5, ".xlsx") == 0 ||
	              strcmp(name + k - 5, ".xlsm") == 0) &&
	    (!plen || (strncmp(kind, "Excel.Sheet", 11) == 0 &&
	               !strstr(kind, "Binary"))))
		return name;
	return NULL;
}

/*
 * An embedded or linked object (o:OLEObject in a w:object, or its
 * DrawingML form w:objectEmbed / w:objectLink): an Excel sheet, a
 * MathType or Equation Editor formula, another document. Word shows
 * only its picture. An Excel workbook embedded in the body is read (a
 * price table pasted in as one); of the others, a binary part (or
 * another file) this reader does not open, a warning says so, with the
 * kind, so that a table or formula is not taken for checked.
 */
static int ole_object(docx *dx, const docx_node *n)
{
	const char *v = "", *t, *why = NULL, *part, *rid = NULL;
	char buf[200], *key = NULL, more[300];
	size_t len = 0, tlen, rlen = 0, i;
	int link, rc;

	if (!text_kept(dx))
		return CLINT_OK;
	if (n->w) {
		link = is_w(n, "objectLink");
		if (!w_raw(n, "progId", &v, &len))
			len = 0;
	} else {
		link = attr_raw(n, NULL, "Type", &t, &tlen) && tlen == 4 &&
		       memcmp(t, "Link", 4) == 0;
		if (!attr_raw(n, NULL, "ProgID", &v, &len))
			len = 0;
	}
	for (i = 0; i < len; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		            "0123456789._-", v[i]) || len > 64)
			len = 0;
	if (!link && (part = embedded_workbook(dx, n, v, len)) != NULL) {
		if ((rc = read_workbook(dx, part, n->line, &why, buf,
		                        sizeof(buf))) != 0)
			return rc < 0 ? rc : CLINT_OK;
	}
	/* said once for each object, however often it is shown: by its
	 * part and relationship, whole */
	if ((attr_raw(n, R_NS, "id", &rid, &rlen) ||
	     attr_raw(n, R_NS_STRICT, "id", &rid, &rlen)) &&
	    !(key = object_key(dx->part ? dx->part : "", rid, rlen)))
		return CLINT_ENOMEM;
	snprintf(more, sizeof(more), "DOCX part %.200s: more embedded objects "
	         "are not read: not listed", dx->part ? dx->part : "?");
	rc = clint_object_warn(&dx->said, key, dx->diag, dx->doc->name, n->line,
	                       more);
	free(key);
	if (!rc)
		return CLINT_OK;
	clint_diag_add(dx->diag, CLINT_DIAG_WARNING, dx->doc->name, n->line, 0,
	               "DOCX part %s: %s%s%.*s%s is not read%s%s%s: %sany text "
	               "in it (a table, a formula) is not checked",
	               dx->part ? dx->part : "?",
	               link ? "a linked object" : "an embedded object",
	               len ? " (" : "", (int)len, v, len ? ")" : "",
	               why ? " (" : "", why ? why : "", why ? ")" : "",
	               link ? "its content is in another file, and " : "");
	return CLINT_OK;
}

static int is_ole_object(const docx_node *n)
{
	if (n->w)
		return is_w(n, "objectEmbed") || is_w(n, "objectLink");
	return n->ns && strcmp(n->local, "OLEObject") == 0 &&
	       strcmp(n->ns, O_NS) == 0;
}

/* A start tag in a story. */
static int story_start(docx *dx, const docx_node *n, int d, int empty)
{
	docx_comment *c;
	int rc = CLINT_OK;

	if (dx->ppr_depth)
		return para_prop(dx, n, d);
	if (skipped_element(n)) {
		if (!empty)
			dx->skip = d;
		return CLINT_OK;
	}
	if (dx->ctrl_depth && d > dx->ctrl_depth) {
		/* in an object's m:ctrlPr: a w:ins or w:del marks the whole
		 * object (a w:del in a w:ins: inserted, then deleted); the rest
		 * is run properties. Their end tags count nothing. */
		if (is_w(n, "ins") || is_w(n, "del"))
			math_changed(dx, is_w(n, "del"));
		return CLINT_OK;
	}
	/* the first child of w:p after its properties starts it */
	if (dx->npara && !dx->paras[dx->npara - 1].begun &&
	    !(d == dx->paras[dx->npara - 1].depth + 1 && is_w(n, "pPr")))
		TRY(begin_para(dx));

	/* an empty one ("<m:sup/>": Word writes one for an n-ary operator's
	 * hidden limit) has no end tag: ended here, or its "^(" stayed open
	 * and an "<m:d/>" on the stack took later elements for its own */
	if (!n->w && n->ns && (rc = math_start(dx, n, d)) != 0) {
		if (rc > 0 && empty)
			rc = math_end(dx, n, d);
		return rc < 0 ? rc : CLINT_OK;
	}
	if (is_ole_object(n))
		return ole_object(dx, n);
	if (is_w(n, "p")) {
		docx_para *p;
		if (dx->npara >= DOCX_MAX_PARAS)
			return docx_err(dx, CLINT_ELIMIT,
			                n->line,
			                "paragraphs nested deeper than %d (text boxes)",
			                DOCX_MAX_PARAS);
		p = &dx->paras[dx->npara++];
		memset(p, 0, sizeof(*p));
		p->depth = d;
		p->number = ++dx->paragraph;
		p->num_id = p->ilvl = p->outline = -1;
		if (empty)
			TRY(end_para(dx));
	} else if (is_w(n, "pPr")) {
		if (!empty && dx->npara && d == dx->paras[dx->npara - 1].depth + 1)
			dx->ppr_depth = d;
	} else if (is_w(n, "t") || is_w(n, "delText")) {
		dx->text_kind = !empty;
	} else if (is_w(n, "tab") || is_w(n, "ptab")) {
		TRY(put_text(dx, "\t", 1));
	} else if (is_w(n, "br") || is_w(n, "cr")) {
		if (w_attr_is(n, "type", "page")) {
			if (text_kept(dx)) {
				dx->page++;
				dx->page_pending = 1;
				dx->text_since_page = 0;
			}
		} else {
			rc = put_text(dx, "\n", 1);
		}
	} else if (is_w(n, "lastRenderedPageBreak")) {
		if (dx->text_since_page) {
			dx->page++;
			dx->text_since_page = 0;
			/* a paragraph that starts the page is on it */
			if (dx->npara && dx->owner == dx->npara &&
			    !dx->paras[dx->npara - 1].has_text && dx->doc->block_open)
				dx->doc->blocks[dx->doc->block_count - 1].page = dx->page;
		}
	} else if (is_w(n, "noBreakHyphen")) {
		TRY(put_text(dx, "-", 1));
	} else if (is_w(n, "ins") || is_w(n, "moveTo")) {
		if (!empty)
			dx->ins++;
	} else if (is_w(n, "del") || is_w(n, "moveFrom")) {
		if (!empty)
			dx->del++;
	} else if (is_w(n, "fldChar")) {
		if (w_attr_is(n, "fldCharType", "begin")) {
			if (dx->nfld < DOCX_MAX_FIELDS) {
				dx->fld_hid[dx->nfld] = 0;
				dx->fld_line[dx->nfld] = n->line;
				dx->fld[dx->nfld++] = 1;
			} else
				dx->fld_lost++;
		} else if (w_attr_is(n, "fldCharType", "separate")) {
			if (dx->nfld && !dx->fld_lost)
				dx->fld[dx->nfld - 1] = 0;
		} else if (w_attr_is(n, "fldCharType", "end")) {
			if (dx->fld_lost)
				dx->fld_lost--;
			else if (dx->nfld)
				dx->nfld--;
		}
	} else if (is_w(n, "tr")) {
		clint_doc_table_row(dx->doc);
	} else if (is_w(n, "tc")) {
		TRY(close_block(dx));
		if (!empty)
			dx->tc_depth++;
	} else if (is_w(n, "altChunk")) {
		/* a part in another format (HTML, RTF, text, a DOCX) that Word
		 * shows in its place: its text would be missing without a word */
		return docx_err(dx, CLINT_EUNSUPPORTED, n->line,
		                "content imported from a part in another format "
		                "(w:altChunk) is not read: open the document in "
		                "Word and save it again, which makes it ordinary "
		                "text");
	} else if (is_w(n, "txbxContent")) {
		TRY(close_block(dx));   /* the outer paragraph goes on after it */
	} else if (is_w(n, "commentRangeStart")) {
		if ((c = find_comment(dx, n)) && !c->anchored && !c->pending) {
			TRY(ARRAY_PUSH(dx->pending, dx->pending_count, dx->pending_cap));
			dx->pending[dx->pending_count++] = (size_t)(c - dx->comments);
			c->pending = 1;
		}
	} else if (is_w(n, "commentRangeEnd") || is_w(n, "commentReference")) {
		if ((c = find_comment(dx, n))) {
			if (c->pending) {
				c->pending = 0;
				c->anchored = 1;
				c->start = clint_doc_built_len(dx->doc);
				c->end = c->start;
			} else if (!c->anchored) {
				c->anchored = 1;
				c->start = c->end = clint_doc_built_len(dx->doc);
			} else if (is_w(n, "commentRangeEnd")) {
				c->end = clint_doc_built_len(dx->doc);
			}
		}
	} else if ((is_w(n, "footnote") || is_w(n, "endnote")) && !empty) {
		const char *v;
		size_t vlen;
		if (w_raw(n, "type", &v, &vlen) &&
		    !(vlen == 6 && memcmp(v, "normal", 6) == 0))
			dx->skip = d;   /* separators and continuation notices */
	}
done:
	return rc;
}

/* An end tag in a story. */
static int story_end(docx *dx, const docx_node *n, int d)
{
	if (dx->ppr_depth) {
		if (d == dx->ppr_depth) {
			dx->ppr_depth = 0;
			dx->numpr = dx->rpr_in_ppr = 0;
			return begin_para(dx);
		}
		if (d == dx->ppr_depth + 1)
			dx->numpr = dx->rpr_in_ppr = 0;
		return CLINT_OK;
	}
	if (dx->ctrl_depth && d > dx->ctrl_depth)
		return CLINT_OK;   /* in an object's m:ctrlPr: see story_start() */
	if (!n->w && n->ns) {
		int rc = math_end(dx, n, d);
		/* after its own characters (a delimiter's ")"), which were
		 * inside the change */
		changed_end(dx, d);
		if (rc != 0)
			return rc < 0 ? rc : CLINT_OK;
	} else {
		changed_end(dx, d);
	}
	if (is_w(n, "p") && dx->npara && d == dx->paras[dx->npara - 1].depth)
		return end_para(dx);
	if (is_w(n, "t") || is_w(n, "delText"))
		dx->text_kind = 0;
	else if ((is_w(n, "ins") || is_w(n, "moveTo")) && dx->ins)
		dx->ins--;
	else if ((is_w(n, "del") || is_w(n, "moveFrom")) && dx->del)
		dx->del--;
	else if (is_w(n, "tbl"))
		clint_doc_table_row(dx->doc);  /* an outer row goes on apart */
	else if (is_w(n, "tc") && dx->tc_depth) {
		int rc = close_block(dx);
		dx->tc_depth--;
		return rc;
	} else if (is_w(n, "txbxContent"))
		return close_block(dx);
	return CLINT_OK;
}

static int story_node(docx *dx, void *state, const docx_node *n)
{
	(void)state;
	if (dx->skip) {
		if (n->type == DOCX_END && n->depth == dx->skip)
			dx->skip = 0;
		return CLINT_OK;
	}
	if (n->type == DOCX_START)
		return story_start(dx, n, n->depth, n->empty);
	if (n->type == DOCX_END)
		return story_end(dx, n, n->depth);
	if (dx->text_kind)
		return put_text(dx, n->text, n->len);
	return CLINT_OK;
}

/*
 * Reads one story part (document, notes, header, footer) into blocks
 * flagged `flags`. A missing optional part is not an error.
 */
static int read_story(docx *dx, const char *part, int required,
                      unsigned flags)
{
	unsigned char *buf = NULL;
	size_t len;
	int rc, i;

	dx->part = part;
	rc = read_entry(dx, part, required, &buf, &len);
	if (rc != CLINT_OK)
		goto done;
	dx->base_flags = flags;
	dx->npara = dx->owner = dx->cell_owner = dx->tc_depth = dx->merge = 0;
	dx->ins = dx->del = dx->text_kind = dx->ppr_depth = dx->numpr = 0;
	dx->rpr_in_ppr = dx->nfld = dx->fld_lost = dx->skip = 0;
	dx->ndelim = dx->delim_lost = dx->nary_pending = dx->upp_depth = 0;
	dx->rad_pending = dx->objpr_depth = dx->ctrl_depth = dx->nchanged = 0;
	dx->rad_deg = dx->rad_hide = dx->deg_hidden = dx->nrads = 0;
	TRY(xml_walk(dx, buf, len, story_node, NULL));
	for (i = 0; i < dx->nfld; i++)
		if (dx->fld[i] && dx->fld_hid[i]) {
			/* a field begun, neither separated nor ended: what came
			 * after it was read as its instruction and left out -
			 * the rest of the part, without a word */
			rc = docx_err(dx, CLINT_EFORMAT, dx->fld_line[i],
			              "a field (w:fldChar begin) that never ends: the "
			              "text after it would be lost; refused");
			goto done;
		}
	while (dx->npara)
		TRY(end_para(dx));
	TRY(close_block(dx));
done:
	while (dx->npara) {
		free(dx->paras[dx->npara - 1].style);
		dx->npara--;
	}
	free(buf);
	dx->part = NULL;
	return rc < 0 ? rc : CLINT_OK;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads word/PREFIX*.xml (headers or footers) in name order. */
static int read_parts(docx *dx, const char *prefix)
{
	size_t n = dx->zip.count, i;
	const char **names = NULL;
	size_t count = 0, k, plen = strlen(prefix);
	int rc = CLINT_OK;

	names = calloc(n + 1, sizeof(*names));
	if (!names)
		return CLINT_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *name = dx->zip.entries[i].name;
		size_t len = name ? strlen(name) : 0;
		if (name && len > plen + 4 && strncmp(name, prefix, plen) == 0 &&
		    strcmp(name + len - 4, ".xml") == 0 && !strchr(name + plen, '/'))
			names[count++] = name;
	}
	if (count > 1)
		qsort(names, count, sizeof(*names), name_cmp);
	for (k = 0; k < count; k++)
		TRY(read_story(dx, names[k], 0, CLINT_BLOCK_NOTE));
done:
	free(names);
	return rc;
}

static void docx_free(docx *dx)
{
	size_t i;
	int k;

	for (i = 0; i < dx->style_count; i++) {
		free_str(dx, dx->styles[i].id);
		free_str(dx, dx->styles[i].based_on);
	}
	clint_mem_give(&dx->doc->mem, dx->style_cap * sizeof(*dx->styles));
	free(dx->styles);
	free_str(dx, dx->default_style);
	for (i = 0; i < dx->abstract_count; i++) {
		for (k = 0; k < DOCX_LEVELS; k++)
			free_str(dx, dx->abstracts[i].lvl[k].text);
		free_str(dx, dx->abstracts[i].style_link);
	}
	clint_mem_give(&dx->doc->mem, dx->abstract_cap * sizeof(*dx->abstracts));
	free(dx->abstracts);
	for (i = 0; i < dx->num_count; i++)
		for (k = 0; k < DOCX_LEVELS; k++)
			free_str(dx, dx->nums[i].lvl[k].text);
	clint_mem_give(&dx->doc->mem, dx->num_cap * sizeof(*dx->nums));
	free(dx->nums);
	for (i = 0; i < dx->comment_count; i++) {
		free_str(dx, dx->comments[i].author);
		free_str(dx, dx->comments[i].text);
	}
	clint_mem_give(&dx->doc->mem, dx->comment_cap * sizeof(*dx->comments));
	free(dx->comments);
	free(dx->pending);
	for (k = 0; k < REL_KINDS; k++)
		free_str(dx, dx->rel_part[k]);
	for (i = 0; i < dx->rel_note_count; i++)
		free_str(dx, dx->rel_notes[i].name);
	clint_mem_give(&dx->doc->mem, dx->rel_note_cap * sizeof(*dx->rel_notes));
	free(dx->rel_notes);
	for (i = 0; i < dx->package_count; i++) {
		free_str(dx, dx->packages[i].id);
		free_str(dx, dx->packages[i].name);
	}
	clint_mem_give(&dx->doc->mem, dx->package_cap * sizeof(*dx->packages));
	free(dx->packages);
	clint_object_warnings_free(&dx->said);
	clint_held_cells_free(&dx->cells, dx->doc);
}

int clint_extract_docx(clint_doc *doc, const unsigned char *data, size_t len,
                       clint_diag *diag)
{
	docx dx;
	size_t i;
	int rc = CLINT_OK;

	memset(&dx, 0, sizeof(dx));
	dx.doc = doc;
	dx.diag = diag;
	dx.page = 1;
	doc->build.limit = DOCX_MAX_TEXT;
	clint_xml_init();
	TRY(clint_zip_open(&dx.zip, data, len, NULL, "DOCX", doc->name, diag));
	if (!clint_zip_find(&dx.zip, "word/document.xml")) {
		dx.part = "word/document.xml";
		rc = docx_err(&dx, CLINT_EFORMAT, 0,
		              "missing: the ZIP holds no word/document.xml, so it is "
		              "not a Word document");
		goto done;
	}
	TRY(load_rels(&dx));
	TRY(load_styles(&dx));
	TRY(load_numbering(&dx));
	TRY(load_comments(&dx));
	TRY(read_story(&dx, "word/document.xml", 1, 0));
	TRY(clint_doc_end_body(doc));
	TRY(read_story(&dx, rel_name(&dx, REL_FOOTNOTES), 0, CLINT_BLOCK_NOTE));
	TRY(read_story(&dx, rel_name(&dx, REL_ENDNOTES), 0, CLINT_BLOCK_NOTE));
	if (dx.have_rels) {
		for (i = 0; i < dx.rel_note_count; i++)
			TRY(read_story(&dx, dx.rel_notes[i].name, 0, CLINT_BLOCK_NOTE));
	} else {
		TRY(read_parts(&dx, "word/header"));
		TRY(read_parts(&dx, "word/footer"));
	}
	for (i = 0; i < dx.comment_count; i++) {
		docx_comment *c = &dx.comments[i];
		TRY(clint_doc_add_annotation(doc, c->author, c->text, c->start,
		                             c->end));
		/* the annotation has a copy of its own: not paid for twice */
		free_str(&dx, c->author);
		free_str(&dx, c->text);
		c->author = c->text = NULL;
	}
done:
	if (rc == CLINT_ENOMEM)
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "out of memory");
	clint_zip_close(&dx.zip);
	docx_free(&dx);
	return rc;
}
