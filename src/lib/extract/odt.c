/*
 * odt.c - OpenDocument text (.odt) extraction. The ZIP container is read
 * from memory by zip.c; content.xml (and styles.xml, for list and
 * outline numbering) are parsed by libxml2 without DTDs, entity expansion
 * or network access. The text is synthesized block by block: headings,
 * paragraphs, list items with their rendered numbers ("7.2 "), table cells
 * in row order, and notes as blocks of their own after the citing
 * paragraph, then the headers and footers of the master pages (styles.xml)
 * as note blocks. Tracked changes follow doc->revisions; comments become
 * annotations. Untrusted input: entry count, entry sizes, compression
 * ratio, XML depth and node count are bounded, and every refusal is a
 * diagnostic naming the file and the reason.
 */
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "extract.h"
#include "zip.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

/* The container: 10000 entries, content.xml up to 64 MiB and styles.xml
 * up to 16 MiB; entries over 1 MiB may expand at most 100:1. */
#define ODT_ZIP_LIMITS                                                        \
	{10000, (uint64_t)64 << 20, (uint64_t)256 << 20, 100, (uint64_t)1 << 20}
#define ODT_MAX_CONTENT ((uint64_t)64 * 1024 * 1024)
/* The text, as DOCX's: a <text:s text:c="1000"/> of 17 bytes is 1000
 * spaces, so 64 MiB of content could make 4 GB */
#define ODT_MAX_TEXT ((size_t)64 << 20)
#define ODT_MAX_COMMENT ((size_t)1 << 20)  /* a comment's text, its author's */
#define ODT_MAX_STYLES ((uint64_t)16 * 1024 * 1024)
#define ODT_MAX_DEPTH 200
#define ODT_MAX_NODES CLINT_MAX_XML_NODES
#define ODT_LEVELS 10
/* children of a style looked at: a list style's levels (ten), a table
 * style's properties */
#define ODT_MAX_STYLE_CHILDREN 256
#define ODT_MAX_SAME_NAME 16     /* styles of one name looked at for a sheet */
#define ODT_MAX_LISTS 256
#define ODT_MAX_OPEN_CHANGES 64

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_MATHML "http://www.w3.org/1998/Math/MathML"

typedef enum { CHANGE_OTHER = 0, CHANGE_INSERTION, CHANGE_DELETION } change_kind;

typedef struct {
	const xmlChar *id;
	change_kind kind;
	xmlNodePtr body;  /* the text:deletion element */
	size_t order;     /* its place among the changed regions */
	/* reject mode: how often its deletion was shown, and the nodes
	 * under body (counted at its second showing) */
	unsigned long shown;
	size_t nodes;
} odt_change;

/* A named style, for an index of them (index_styles()). */
typedef struct {
	const xmlChar *name;  /* its style:name */
	xmlNodePtr node;
	size_t order;         /* its place in the document */
} odt_style_ref;

typedef struct {
	odt_style_ref *refs;
	size_t count, cap;
} odt_style_index;

/* Counters of one list style (lists that continue share them). */
typedef struct {
	const xmlChar *name;
	unsigned count[ODT_LEVELS];
} odt_counter;

typedef struct {
	char *name;    /* office:name, to pair with office:annotation-end */
	char *author;
	char *text;
	size_t start;
	int closed;    /* its office:annotation-end was met */
	size_t next;   /* 1 + index of the next open range of the same name */
} odt_pending_note;

/* The open annotation ranges of a name: 1 + indexes into anns of the
 * first and last still open (0: none), in document order; the name is
 * the first range's. */
typedef struct {
	const char *name;
	size_t head, tail;
} odt_ann_open;

typedef struct {
	clint_doc *doc;
	clint_diag *diag;
	int reject;
	int rc;                   /* first error of a walk */
	unsigned para;            /* source paragraph counter */
	unsigned page;
	unsigned nodes;
	int shown_again;          /* a deletion's nodes counted again */
	unsigned block_flags;     /* CLINT_BLOCK_NOTE inside notes */
	int at_start, last_space; /* white-space collapsing in a block */
	int space_due;            /* a frame's paragraph ended: a space before
	                             the next word */

	clint_zip *zip;           /* the container, for embedded objects */
	uint64_t object_bytes;    /* their content.xml read so far */
	const char *object;       /* the one being parsed: its faults are
	                             warnings, or NULL */
	const char *part;         /* the entry walked, if not content.xml */
	/* the last object read (load_object()), for the next reference */
	char cached[300];         /* its entry ("Object 1/content.xml"), or "" */
	xmlDocPtr cached_doc;     /* its formula, or NULL */
	const char *cached_why;   /* else why it is not read, or NULL */
	size_t cached_len;        /* the size of its content.xml */
	/* the objects said to be not read, each said once however often
	 * it is shown */
	clint_object_warnings said;
	/* the cells of the embedded spreadsheets the open block shows,
	 * written after it (flush_cells()): each its flags, paragraph and
	 * page (unsigned each) and text, NUL ended */
	clint_held_cells cells;
	const char *sheet;        /* the spreadsheet being read, or NULL */
	xmlDocPtr content, styles;
	/* what the trees of content, styles and cached_doc are charged to
	 * doc->mem (clint_xml_read()), given back when they are freed */
	size_t content_mem, styles_mem, cached_mem;
	odt_style_index content_index, styles_index;  /* their styles by name */
	xmlNodePtr outline;       /* text:outline-style or NULL */
	unsigned outline_count[ODT_LEVELS];

	odt_change *changes;
	size_t change_count, change_cap;
	const xmlChar *open_ins[ODT_MAX_OPEN_CHANGES];
	size_t open_ins_count;

	odt_counter lists[ODT_MAX_LISTS];
	size_t list_count;

	/* the list the walk is in */
	const xmlChar *list_style;
	odt_counter *counter;
	unsigned list_depth;
	char item_prefix[128];    /* number of the item's first paragraph */
	int item_first;

	int in_cell, cell_open;

	xmlNodePtr *notes;        /* text:note elements of the open paragraph */
	size_t note_count, note_cap;

	odt_pending_note *anns;
	size_t ann_count, ann_cap;
	size_t ann_bytes;         /* their strings, taken from doc->mem */
	void *ann_open;           /* open ranges by name: a tsearch() tree of
	                           * odt_ann_open, paid for from doc->mem */
	size_t ann_names;
} odt_ctx;

/* ---- small helpers ------------------------------------------------------- */

static int is_el(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       xmlStrEqual(n->ns->href, (const xmlChar *)ns) &&
	       xmlStrEqual(n->name, (const xmlChar *)name);
}

/* An attribute value borrowed from the tree, or NULL. */
static const xmlChar *attr(xmlNodePtr n, const char *ns, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next)
		if (a->ns && xmlStrEqual(a->ns->href, (const xmlChar *)ns) &&
		    xmlStrEqual(a->name, (const xmlChar *)name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return a->children->content;
	return NULL;
}

static unsigned attr_uint(xmlNodePtr n, const char *ns, const char *name,
                          unsigned dflt, unsigned max)
{
	const xmlChar *v = attr(n, ns, name);
	unsigned long x;
	char *end;

	if (!v)
		return dflt;
	x = strtoul((const char *)v, &end, 10);
	if (end == (const char *)v)
		return dflt;
	return x > max ? max : (unsigned)x;
}

static int odt_error(odt_ctx *c, int rc, const char *msg)
{
	clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0, "%s", msg);
	return rc;
}

/* ---- the container --------------------------------------------------------- */

/*
 * Reads entry `entry` into a malloc'd NUL-terminated buffer through the
 * bounded ZIP reader (zip.c), at most `max` bytes uncompressed. A missing
 * entry is an error only if `required`; otherwise *out is NULL.
 */
static int read_entry(odt_ctx *c, clint_zip *z, const char *entry,
                      uint64_t max, int required, char **out, size_t *len)
{
	int rc;

	z->lim.max_entry = max;
	rc = clint_zip_read(z, entry, (unsigned char **)out, len);
	if (rc == 1) {
		if (!required)
			return CLINT_OK;
		clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0,
		               "not an OpenDocument text: the ZIP has no %s", entry);
		return CLINT_EFORMAT;
	}
	return rc;
}

/*
 * Parses one XML entry, in UTF-8 or a declared single-byte superset of
 * ASCII (parse_xml() converts UTF-16), through clint_xml_read(): no
 * DOCTYPE, no tag of more than CLINT_MAX_ATTRS attributes, at most
 * ODT_MAX_NODES nodes; libxml2 runs with its default depth and text-node
 * limits.
 */
static int object_quiet(odt_ctx *c, const char *name);

/* Says why `entry` was not read: an error, or a warning for an embedded
 * object's (c->object), which is left out while the rest is read. */
static void parse_fault(odt_ctx *c, const char *entry, const char *why)
{
	if (!c->object)
		clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0,
		               "%s: %s", entry, why);
	else if (!object_quiet(c, c->object))
		clint_diag_add(c->diag, CLINT_DIAG_WARNING, c->doc->name, 0, 0,
		               "embedded object not read: %s: %s", entry, why);
}

static int parse_xml_utf8(odt_ctx *c, const char *entry, const char *data,
                          size_t len, xmlDocPtr *out, size_t *taken)
{
	clint_xml_reader reader = {"OpenDocument XML",
	                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                               XML_PARSE_NOCDATA,
	                           ODT_MAX_NODES, "", &c->doc->mem, 0};
	xmlParserCtxtPtr pctx;
	const xmlError *err;
	clint_xml_quiet quiet;
	char msg[256];
	int rc;

	*out = NULL;
	pctx = xmlNewParserCtxt();
	if (!pctx)
		return CLINT_ENOMEM;
	clint_xml_quiet_begin(&quiet);
	rc = clint_xml_read(out, pctx, data, len, entry, &reader);
	clint_xml_quiet_end(&quiet);
	*taken = reader.mem_taken;
	if (rc != CLINT_OK) {
		parse_fault(c, entry, reader.why);
		c->doc->mem.over = 0;  /* said, if it was the budget */
	} else if (!*out || !pctx->wellFormed) {
		char why[400];

		err = xmlCtxtGetLastError(pctx);
		snprintf(why, sizeof(why), "not well-formed XML (line %d: %s)",
		         err ? err->line : 0,
		         err && err->message
		             ? clint_xml_message(msg, sizeof(msg), err->message)
		             : "parse error");
		parse_fault(c, entry, why);
		xmlFreeDoc(*out);
		*out = NULL;
		clint_mem_give(&c->doc->mem, *taken);
		*taken = 0;
		rc = CLINT_EFORMAT;
	}
	xmlFreeParserCtxt(pctx);
	return rc;
}

/* True if a warning about the embedded object `name` (NULL: one without
 * a name) is to be left unsaid: it was said, or 100 were. */
static int object_quiet(odt_ctx *c, const char *name)
{
	return !clint_object_warn(&c->said, name, c->diag, c->doc->name, 0,
	                          "more embedded objects are not read: not "
	                          "listed");
}

/*
 * Parses one XML entry as UTF-8: UTF-16 (with a byte order mark, or "<?"
 * without one) is converted first, and the parser told to read UTF-8
 * whatever the declaration says. The searches of the bytes (DOCTYPE,
 * attributes) read what the parser reads: in UTF-16, EBCDIC or UTF-7
 * they saw none of it (a DOCTYPE after a well-formedness error, which
 * turns the internalSubset callback off: 40 s for a 55 KB ODT; 50,000
 * attributes in EBCDIC: 3 s, 100,000: 26 s). Other encodings (UTF-32,
 * EBCDIC) read as UTF-8 are not well-formed.
 */
static int parse_xml(odt_ctx *c, const char *entry, const char *data,
                     size_t len, xmlDocPtr *out, size_t *taken)
{
	const unsigned char *u = (const unsigned char *)data;
	char *conv = NULL;
	size_t clen = 0;
	int rc;

	*out = NULL;
	*taken = 0;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	                 (u[0] == 0xFE && u[1] == 0xFF)))
		conv = clint_utf16_to_utf8(u + 2, len - 2, u[0] == 0xFE, &clen);
	else if (len >= 4 && memcmp(u, "<\0?\0", 4) == 0)
		conv = clint_utf16_to_utf8(u, len, 0, &clen);
	else if (len >= 4 && memcmp(u, "\0<\0?", 4) == 0)
		conv = clint_utf16_to_utf8(u, len, 1, &clen);
	else
		return parse_xml_utf8(c, entry, data, len, out, taken);
	if (!conv)
		return CLINT_ENOMEM;
	rc = parse_xml_utf8(c, entry, conv, clen, out, taken);
	free(conv);
	return rc;
}

/* ---- styles: list and outline numbering ---------------------------------- */

/*
 * The styles of a document by name, for lookups in O(log n): each list
 * and paragraph looked its style up through all the styles, so 40,000
 * lists of 40,000 list styles (535 KB) took 142 s, and as many tables of
 * an embedded sheet 160 s. The refs are ordered by style:name, then
 * element (namespace and local name), then place in the document, so the
 * first of a name and kind is the one a walk in document order found.
 * Paid for from the document's budget.
 */
static int style_ref_cmp(const void *a, const void *b)
{
	const odt_style_ref *x = a, *y = b;
	int d = strcmp((const char *)x->name, (const char *)y->name);

	if (!d)
		d = strcmp((const char *)x->node->name, (const char *)y->node->name);
	if (!d)
		d = strcmp((const char *)x->node->ns->href,
		           (const char *)y->node->ns->href);
	return d ? d : x->order < y->order ? -1 : x->order > y->order;
}

/* Indexes the styles with a style:name under root's style containers
 * (office:automatic-styles, and office:styles unless `automatic_only`). */
static int index_styles(odt_ctx *c, xmlNodePtr root, int automatic_only,
                        odt_style_index *x)
{
	xmlNodePtr sec, n;
	const xmlChar *v;
	int rc;

	for (sec = root ? root->children : NULL; sec; sec = sec->next) {
		if (!is_el(sec, NS_OFFICE, "automatic-styles") &&
		    (automatic_only || !is_el(sec, NS_OFFICE, "styles")))
			continue;
		for (n = sec->children; n; n = n->next) {
			if (n->type != XML_ELEMENT_NODE || !n->ns ||
			    !(v = attr(n, NS_STYLE, "name")))
				continue;
			if ((rc = MEM_PUSH(&c->doc->mem, x->refs, x->count, x->cap)) < 0)
				return rc;
			x->refs[x->count].name = v;
			x->refs[x->count].node = n;
			x->refs[x->count].order = x->count;
			x->count++;
		}
	}
	if (x->count > 1)
		qsort(x->refs, x->count, sizeof(*x->refs), style_ref_cmp);
	return CLINT_OK;
}

static void free_style_index(odt_ctx *c, odt_style_index *x)
{
	clint_mem_give(&c->doc->mem, x->cap * sizeof(*x->refs));
	free(x->refs);
	memset(x, 0, sizeof(*x));
}

/* Where the elements `ns:name` with style:name `val` start in index x
 * (in document order; the first ref past them if none). */
static size_t style_lower(const odt_style_index *x, const char *ns,
                          const char *name, const xmlChar *val)
{
	size_t lo = 0, hi = x->count;
	int d;

	/* the first ref not below (val, name, ns) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const odt_style_ref *r = &x->refs[mid];
		d = strcmp((const char *)r->name, (const char *)val);
		if (!d)
			d = strcmp((const char *)r->node->name, name);
		if (!d)
			d = strcmp((const char *)r->node->ns->href, ns);
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 if ref i of x is an element `ns:name` with style:name `val`. */
static int style_is(const odt_style_index *x, size_t i, const char *ns,
                    const char *name, const xmlChar *val)
{
	return i < x->count && is_el(x->refs[i].node, ns, name) &&
	       xmlStrEqual(x->refs[i].name, val);
}

/* The first element `ns:name` with style:name `val` in index x, or NULL. */
static xmlNodePtr style_in(const odt_style_index *x, const char *ns,
                           const char *name, const xmlChar *val)
{
	size_t i = style_lower(x, ns, name, val);

	return style_is(x, i, ns, name, val) ? x->refs[i].node : NULL;
}

/* Finds an element `ns:name` with style:name == `val` under the style
 * containers of the document, then of styles.xml, or NULL. */
static xmlNodePtr find_style(odt_ctx *c, const char *ns, const char *name,
                             const xmlChar *val)
{
	xmlNodePtr n;

	if (!val)
		return NULL;
	n = style_in(&c->content_index, ns, name, val);
	return n ? n : style_in(&c->styles_index, ns, name, val);
}

/* The list style a paragraph style links to (through its parents). */
static const xmlChar *para_list_style(odt_ctx *c, const xmlChar *style)
{
	int hops;

	for (hops = 0; style && hops < 8; hops++) {
		xmlNodePtr s = find_style(c, NS_STYLE, "style", style);
		const xmlChar *l;
		if (!s)
			return NULL;
		l = attr(s, NS_STYLE, "list-style-name");
		if (l && *l)
			return l;
		style = attr(s, NS_STYLE, "parent-style-name");
	}
	return NULL;
}

/* The level style (text:list-level-style-* or text:outline-level-style)
 * for 1-based `level` under a list or outline style element: among its
 * first ODT_MAX_STYLE_CHILDREN children, where a list style has its ten
 * (each list item looked through all: a style of 16,000 children and as
 * many items, 88 KB, took 23 s). */
static xmlNodePtr level_style(xmlNodePtr style, unsigned level)
{
	xmlNodePtr n;
	unsigned seen = 0;

	if (!style)
		return NULL;
	for (n = style->children; n && seen++ < ODT_MAX_STYLE_CHILDREN; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    attr_uint(n, NS_TEXT, "level", 0, 100) == level)
			return n;
	return NULL;
}

static int fmt_roman(char *out, size_t cap, unsigned n, int upper)
{
	static const unsigned val[] = {1000, 900, 500, 400, 100, 90,
	                               50,   40,  10,  9,   5,   4, 1};
	static const char *const sym[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
	                                   "xl", "x",  "ix", "v",  "iv", "i"};
	size_t len = 0, i, k;

	if (n == 0 || n > 3999)
		return snprintf(out, cap, "%u", n);
	for (i = 0; i < ARRAY_LEN(val); i++)
		while (n >= val[i]) {
			for (k = 0; sym[i][k] && len + 1 < cap; k++)
				out[len++] = (char)(upper ? sym[i][k] - 'a' + 'A' : sym[i][k]);
			n -= val[i];
		}
	out[len] = '\0';
	return (int)len;
}

/* Formats `n` in ODF number format `fmt` ("1", "a", "A", "i", "I"). */
static void fmt_number(char *out, size_t cap, unsigned n, const xmlChar *fmt)
{
	char tmp[16];
	size_t len = 0, i;

	if (!fmt || !*fmt) {
		out[0] = '\0';
		return;
	}
	if (fmt[0] == 'i' || fmt[0] == 'I') {
		fmt_roman(out, cap, n, fmt[0] == 'I');
		return;
	}
	if ((fmt[0] == 'a' || fmt[0] == 'A') && n > 0) {
		/* a..z, aa..az, ...: bijective base 26 */
		while (n > 0 && len < sizeof(tmp)) {
			n--;
			tmp[len++] = (char)(fmt[0] + n % 26);
			n /= 26;
		}
		for (i = 0; i < len && i + 1 < cap; i++)
			out[i] = tmp[len - 1 - i];
		out[i < cap ? i : cap - 1] = '\0';
		return;
	}
	snprintf(out, cap, "%u", n);
}

/*
 * Renders the number of an item at 1-based `level` from `counts` and the
 * level styles of `style` (prefix, the displayed levels joined by ".",
 * suffix, then a space). Empty when the level is not numbered.
 */
static void render_number(char *out, size_t cap, xmlNodePtr style,
                          unsigned level, const unsigned *counts)
{
	xmlNodePtr ls = level_style(style, level);
	const xmlChar *fmt, *pre, *suf;
	unsigned shown, l;
	size_t len = 0;
	char num[64];

	out[0] = '\0';
	if (!ls ||
	    (!xmlStrEqual(ls->name, (const xmlChar *)"list-level-style-number") &&
	     !xmlStrEqual(ls->name, (const xmlChar *)"outline-level-style")))
		return;
	fmt = attr(ls, NS_STYLE, "num-format");
	if (!fmt || !*fmt)
		return;
	pre = attr(ls, NS_STYLE, "num-prefix");
	suf = attr(ls, NS_STYLE, "num-suffix");
	shown = attr_uint(ls, NS_TEXT, "display-levels", 1, ODT_LEVELS);
	if (shown > level)
		shown = level;
	if (pre)
		len += (size_t)snprintf(out + len, cap - len, "%s", (const char *)pre);
	for (l = level - shown + 1; l <= level && len < cap; l++) {
		xmlNodePtr lsl = level_style(style, l);
		const xmlChar *f = lsl ? attr(lsl, NS_STYLE, "num-format") : NULL;
		if (!f || !*f)
			f = (const xmlChar *)"1";
		fmt_number(num, sizeof(num), counts[l - 1], l == level ? fmt : f);
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		                        l > level - shown + 1 ? "." : "", num);
	}
	if (suf && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "%s", (const char *)suf);
	if (len < cap)
		snprintf(out + len, cap - len, " ");
}

/* Advances `counts` for an item at 1-based `level`; deeper levels restart. */
static void count_item(unsigned *counts, xmlNodePtr style, unsigned level,
                       unsigned restart)
{
	unsigned l;

	if (restart)
		counts[level - 1] = restart;
	else if (counts[level - 1] == 0) {
		xmlNodePtr ls = level_style(style, level);
		counts[level - 1] =
			ls ? attr_uint(ls, NS_TEXT, "start-value", 1, 1000000) : 1;
	} else
		counts[level - 1]++;
	for (l = level; l < ODT_LEVELS; l++)
		counts[l] = 0;
	/* a skipped outer level counts as its start value */
	for (l = 0; l + 1 < level; l++)
		if (counts[l] == 0)
			counts[l] = 1;
}

static odt_counter *list_counter(odt_ctx *c, const xmlChar *name, int reset)
{
	size_t i;

	for (i = 0; i < c->list_count; i++)
		if ((name && c->lists[i].name && xmlStrEqual(c->lists[i].name, name)) ||
		    (!name && !c->lists[i].name))
			break;
	if (i == c->list_count) {
		if (c->list_count == ODT_MAX_LISTS)
			i = ODT_MAX_LISTS - 1;
		else
			c->list_count++;
		c->lists[i].name = name;
		reset = 1;
	}
	if (reset)
		memset(c->lists[i].count, 0, sizeof(c->lists[i].count));
	return &c->lists[i];
}

/* ---- tracked changes ---------------------------------------------------------- */

static int collect_changes(odt_ctx *c, xmlNodePtr tc)
{
	xmlNodePtr r, k;

	for (r = tc->children; r; r = r->next) {
		odt_change *ch;
		if (!is_el(r, NS_TEXT, "changed-region"))
			continue;
		int rc = MEM_PUSH(&c->doc->mem, c->changes, c->change_count,
		                  c->change_cap);
		if (rc < 0)
			return rc;
		ch = &c->changes[c->change_count++];
		ch->id = attr(r, NS_TEXT, "id");
		if (!ch->id)
			ch->id = attr(r, "http://www.w3.org/XML/1998/namespace", "id");
		ch->kind = CHANGE_OTHER;
		ch->body = NULL;
		ch->order = c->change_count - 1;
		ch->shown = 0;
		ch->nodes = 0;
		for (k = r->children; k; k = k->next) {
			if (is_el(k, NS_TEXT, "insertion"))
				ch->kind = CHANGE_INSERTION;
			else if (is_el(k, NS_TEXT, "deletion")) {
				ch->kind = CHANGE_DELETION;
				ch->body = k;
			}
		}
	}
	return CLINT_OK;
}

/* Orders changed regions by id (those without one first), then by their
 * place in the document, for find_change(). */
static int change_cmp(const void *a, const void *b)
{
	const odt_change *x = a, *y = b;
	int d;

	if (!x->id || !y->id)
		d = (x->id != NULL) - (y->id != NULL);
	else
		d = strcmp((const char *)x->id, (const char *)y->id);
	if (d)
		return d;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Sorts the changed regions for find_change(), once all are collected. */
static void index_changes(odt_ctx *c)
{
	if (c->change_count > 1)
		qsort(c->changes, c->change_count, sizeof(*c->changes), change_cmp);
}

/* The first changed region (in document order) with this id, or NULL: a
 * binary search over the regions index_changes() sorted. */
static odt_change *find_change(odt_ctx *c, const xmlChar *id)
{
	size_t lo = 0, hi = c->change_count;

	if (!id)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const xmlChar *m = c->changes[mid].id;
		if (!m || strcmp((const char *)m, (const char *)id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->change_count && xmlStrEqual(c->changes[lo].id, id))
		return &c->changes[lo];
	return NULL;
}

/* ---- the text being built ------------------------------------------------------ */

static int open_block(odt_ctx *c, clint_block_type type, unsigned level)
{
	c->at_start = 1;
	c->last_space = 1;
	c->space_due = 0;
	return clint_doc_open_block(c->doc, type, level, c->page, c->para,
	                            c->block_flags);
}

/* Puts visible text into the open block (opening a paragraph if none),
 * unless it is inside an insertion being rejected. */
static int put_raw(odt_ctx *c, const char *s, size_t n)
{
	int rc;

	if (c->open_ins_count) {
		if (c->reject)
			return CLINT_OK;
		if (!c->doc->block_open &&
		    (rc = open_block(c, CLINT_BLOCK_PARAGRAPH, 0)) < 0)
			return rc;
		clint_doc_flag_block(c->doc, CLINT_BLOCK_INSERTED);
	}
	if (!c->doc->block_open &&
	    (rc = open_block(c, CLINT_BLOCK_PARAGRAPH, 0)) < 0)
		return rc;
	return clint_doc_put(c->doc, s, n);
}

/* Puts the item number once the item's first paragraph has visible text. */
static int put_prefix(odt_ctx *c)
{
	int rc;

	if (!c->item_prefix[0])
		return CLINT_OK;
	rc = clint_doc_put(c->doc, c->item_prefix, strlen(c->item_prefix));
	c->item_prefix[0] = '\0';
	return rc;
}

/* Puts text node content with ODF white-space collapsing. */
static int put_text(odt_ctx *c, const char *s, size_t n)
{
	size_t i = 0, j;
	int rc;

	if (c->open_ins_count && c->reject)
		return CLINT_OK;
	while (i < n) {
		if (strchr(" \t\r\n", s[i])) {
			if (!c->last_space && !c->at_start) {
				TRY(put_raw(c, " ", 1));
				c->last_space = 1;
			}
			i++;
			continue;
		}
		j = i;
		while (j < n && !strchr(" \t\r\n", s[j]))
			j++;
		if (c->at_start && c->doc->block_open)
			TRY(put_prefix(c));
		if (c->space_due && !c->last_space && !c->at_start)
			TRY(put_raw(c, " ", 1));
		c->space_due = 0;
		TRY(put_raw(c, s + i, j - i));
		c->at_start = 0;
		c->last_space = 0;
		i = j;
	}
	rc = CLINT_OK;
done:
	return rc;
}

/* Literal white space (text:s, text:tab, text:line-break). */
static int put_space(odt_ctx *c, const char *s, size_t n)
{
	if (c->open_ins_count && c->reject)
		return CLINT_OK;
	if (c->at_start)
		return CLINT_OK;
	c->last_space = 1;
	return put_raw(c, s, n);
}

/* The spaces of a text:s, put 64 at a time: 1000 a byte each took the
 * time of 64 MiB of text from 1.5 MB of XML. */
static const char spaces64[] =
	"                                                                ";

/* The node limit passed: says so, naming where. */
static int nodes_over(odt_ctx *c)
{
	char msg[400];

	/* the count is the document's, objects counted each time they are
	 * shown: reached in one, it is named; so are deletions in reject
	 * mode, shown at each of their marks */
	snprintf(msg, sizeof(msg), "%s%s: more than %u XML nodes%s%s: refused",
	         c->part ? "reached in " : "", c->part ? c->part : "content.xml",
	         ODT_MAX_NODES,
	         c->part ? " in all, each embedded object counted each time it "
	                   "is shown" : "",
	         c->shown_again ? " (a tracked deletion counted each time it "
	                          "is shown)" : "");
	return odt_error(c, CLINT_ELIMIT, msg);
}

/* Counts a node of the walk at `depth`: CLINT_ELIMIT (said) past
 * ODT_MAX_DEPTH or ODT_MAX_NODES. */
static int check_node(odt_ctx *c, unsigned depth)
{
	char msg[400];

	if (depth > ODT_MAX_DEPTH) {
		snprintf(msg, sizeof(msg), "%s: elements nested deeper than %d: "
		         "refused", c->part ? c->part : "content.xml",
		         ODT_MAX_DEPTH);
		return odt_error(c, CLINT_ELIMIT, msg);
	}
	if (++c->nodes > ODT_MAX_NODES)
		return nodes_over(c);
	return CLINT_OK;
}

/* Plain text of an annotation's or similar subtree into `b`. CLINT_ELIMIT
 * past b's limit, or, with *deep set, past ODT_MAX_DEPTH; each node is
 * counted (check_node()): a comment of empty spans inside a deletion,
 * read again wherever reject mode shows the deletion, gave no text to
 * reach b's limit and was counted nowhere (16,000 spans shown 16,000
 * times from 2.6 KB: 70 s). */
static int gather_text(odt_ctx *c, clint_buf *b, xmlNodePtr n,
                       unsigned depth, int *deep)
{
	int rc = CLINT_OK;

	if (depth > ODT_MAX_DEPTH) {
		*deep = 1;
		return CLINT_ELIMIT;
	}
	for (; n && rc >= 0; n = n->next) {
		if ((rc = check_node(c, depth)) < 0)
			break;
		if (n->type == XML_TEXT_NODE)
			rc = clint_buf_puts(b, (const char *)n->content);
		else if (is_el(n, NS_TEXT, "s")) {
			unsigned k = attr_uint(n, NS_TEXT, "c", 1, 1000), m;
			for (; k && rc >= 0; k -= m) {
				m = k < 64 ? k : 64;
				rc = clint_buf_put(b, spaces64, m);
			}
		} else if (is_el(n, NS_TEXT, "tab"))
			rc = clint_buf_putc(b, '\t');
		else if (is_el(n, NS_TEXT, "line-break"))
			rc = clint_buf_putc(b, '\n');
		else if (is_el(n, NS_TEXT, "p") || is_el(n, NS_TEXT, "h")) {
			if (b->len)
				rc = clint_buf_putc(b, '\n');
			if (rc >= 0)
				rc = gather_text(c, b, n->children, depth + 1, deep);
		} else if (n->type == XML_ELEMENT_NODE && !is_el(n, NS_DC, "creator") &&
		           !is_el(n, NS_DC, "date") &&
		           !is_el(n, NS_OFFICE, "annotation") &&
		           !is_el(n, NS_TEXT, "note"))
			/* a comment or note in it is not its text (a cell's) */
			rc = gather_text(c, b, n->children, depth + 1, deep);
	}
	return rc;
}

/* ---- annotation ranges, paired by name ---------------------------------------- */

/*
 * The names are the document's, so they are kept in a balanced tree
 * (glibc's tsearch()), not a hash table: names built to collide in its
 * hash (FNV-1a) made each one probe all the others (32,000 in 452 KB:
 * 6.3 s, and more grew as the square).
 */
#define ANN_NODE_BYTES (sizeof(odt_ann_open) + 32)  /* with the tree's node */

static int ann_name_cmp(const void *a, const void *b)
{
	return strcmp(((const odt_ann_open *)a)->name,
	              ((const odt_ann_open *)b)->name);
}

/* Puts the named range anns[k] last among the open ranges of its name. */
static int ann_open(odt_ctx *c, size_t k)
{
	odt_ann_open key = {c->anns[k].name, 0, 0}, *o;
	void **found = tfind(&key, &c->ann_open, ann_name_cmp);
	int rc;

	if (!found) {
		if ((rc = clint_mem_take(&c->doc->mem, ANN_NODE_BYTES)) < 0)
			return rc;
		if ((o = malloc(sizeof(*o))) != NULL)
			*o = key;
		if (!o || !(found = tsearch(o, &c->ann_open, ann_name_cmp))) {
			free(o);
			clint_mem_give(&c->doc->mem, ANN_NODE_BYTES);
			return CLINT_ENOMEM;
		}
		c->ann_names++;
	}
	o = *found;
	if (o->tail)
		c->anns[o->tail - 1].next = k + 1;
	else
		o->head = k + 1;
	o->tail = k + 1;
	return CLINT_OK;
}

static int start_annotation(odt_ctx *c, xmlNodePtr n)
{
	clint_buf text = CLINT_BUF_INIT, author = CLINT_BUF_INIT;
	const xmlChar *name = attr(n, NS_OFFICE, "name");
	xmlNodePtr k;
	odt_pending_note *a;
	size_t bytes;
	int rc = CLINT_OK, deep = 0;

	text.limit = author.limit = ODT_MAX_COMMENT;
	for (k = n->children; k && rc >= 0; k = k->next)
		if (is_el(k, NS_DC, "creator"))
			rc = gather_text(c, &author, k->children, 0, &deep);
	if (rc >= 0)
		rc = gather_text(c, &text, n->children, 0, &deep);
	if (deep) {
		clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0,
		               "a comment (office:annotation) nested deeper than %d "
		               "elements: refused", ODT_MAX_DEPTH);
		rc = CLINT_ELIMIT;
	}
	if (rc < 0)
		goto done;
	TRY(clint_buf_putc(&text, '\0'));
	TRY(clint_buf_putc(&author, '\0'));
	if ((rc = MEM_PUSH(&c->doc->mem, c->anns, c->ann_count, c->ann_cap)) < 0)
		goto done;
	a = &c->anns[c->ann_count];
	a->name = name ? clint_strdup((const char *)name) : NULL;
	if (name && !a->name) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	/* held until the end (a range may never close): the document's
	 * budget pays for them meanwhile, as for its own copy, the room
	 * the buffers took (64 bytes at least), not only their text */
	bytes = text.cap + author.cap + (name ? strlen(a->name) + 1 : 0);
	if ((rc = clint_mem_take(&c->doc->mem, bytes)) < 0) {
		free(a->name);
		goto done;
	}
	c->ann_bytes += bytes;
	a->text = clint_buf_detach(&text, NULL);
	a->author = clint_buf_detach(&author, NULL);
	a->start = clint_doc_built_len(c->doc);
	a->closed = 0;
	a->next = 0;
	c->ann_count++;
	if (name)
		TRY(ann_open(c, c->ann_count - 1));
	if (!name) /* no range: anchored where it stands */
		TRY(clint_doc_add_annotation(c->doc, a->author, a->text, a->start,
		                             a->start));
	rc = CLINT_OK;
done:
	clint_buf_free(&text);
	clint_buf_free(&author);
	return rc;
}

/* The range a office:annotation-end names: the first of that name still
 * open, taken out of the table; NULL if none. */
static odt_pending_note *ann_close(odt_ctx *c, const char *name)
{
	odt_ann_open key = {name, 0, 0}, *o;
	void **found = tfind(&key, &c->ann_open, ann_name_cmp);
	odt_pending_note *a;

	if (!found || !(o = *found)->head)
		return NULL;
	a = &c->anns[o->head - 1];
	o->head = a->next;
	if (!o->head)
		o->tail = 0;
	return a;
}

static int end_annotation(odt_ctx *c, const xmlChar *name)
{
	odt_pending_note *a;

	if (!name)
		return CLINT_OK;
	a = ann_close(c, (const char *)name);
	if (!a)
		return CLINT_OK;
	a->closed = 1;
	return clint_doc_add_annotation(c->doc, a->author, a->text, a->start,
	                                clint_doc_built_len(c->doc));
}

/* ---- the walk ------------------------------------------------------------------ */

static int walk_blocks(odt_ctx *c, xmlNodePtr n, unsigned depth);
static int walk_inline(odt_ctx *c, xmlNodePtr n, unsigned depth);

/* The text of a deletion, shown in reject mode where text:change stands:
 * its first paragraph runs on in the current block, later ones open
 * blocks of their own (the paragraphs were merged by the deletion). */
static int put_deletion(odt_ctx *c, xmlNodePtr del, unsigned depth)
{
	xmlNodePtr k;
	int first = 1, rc = CLINT_OK;
	size_t saved = c->open_ins_count;

	c->open_ins_count = 0;
	for (k = del->children; k && rc >= 0; k = k->next) {
		if (is_el(k, NS_OFFICE, "change-info") || k->type != XML_ELEMENT_NODE)
			continue;
		if (!first && (is_el(k, NS_TEXT, "p") || is_el(k, NS_TEXT, "h"))) {
			rc = open_block(c, CLINT_BLOCK_PARAGRAPH, 0);
			if (rc < 0)
				break;
		}
		if (!c->doc->block_open)
			rc = open_block(c, CLINT_BLOCK_PARAGRAPH, 0);
		if (rc >= 0) {
			clint_doc_flag_block(c->doc, CLINT_BLOCK_DELETED);
			rc = walk_inline(c, k->children, depth + 1);
			clint_doc_flag_block(c->doc, CLINT_BLOCK_DELETED);
		}
		first = 0;
	}
	c->open_ins_count = saved;
	return rc;
}

/* The nodes under `top`, of every kind, walked without recursion. */
static size_t subtree_nodes(xmlNodePtr top)
{
	xmlNodePtr n = top->children;
	size_t count = 0;

	while (n) {
		count++;
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		n = n == top ? NULL : n->next;
	}
	return count;
}

static int change_mark(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	odt_change *ch = find_change(c, attr(n, NS_TEXT, "change-id"));
	size_t i;

	if (!ch)
		return CLINT_OK;
	if (is_el(n, NS_TEXT, "change")) {
		if (ch->kind != CHANGE_DELETION || !ch->body || !c->reject)
			return CLINT_OK;
		/* shown again: every node under it is counted, read or not
		 * (a comment's or a formula's skipped children, empty
		 * paragraphs: 20,000 shown 20,000 times took 34 s uncounted) */
		if (ch->shown++) {
			if (!ch->nodes)
				ch->nodes = subtree_nodes(ch->body);
			c->shown_again = 1;
			if (c->nodes > ODT_MAX_NODES ||
			    ch->nodes > ODT_MAX_NODES - c->nodes)
				return nodes_over(c);
			c->nodes += (unsigned)ch->nodes;
		}
		return put_deletion(c, ch->body, depth);
	}
	if (ch->kind != CHANGE_INSERTION)
		return CLINT_OK;
	if (is_el(n, NS_TEXT, "change-start")) {
		if (c->open_ins_count < ODT_MAX_OPEN_CHANGES)
			c->open_ins[c->open_ins_count++] = ch->id;
		return CLINT_OK;
	}
	for (i = 0; i < c->open_ins_count; i++)
		if (xmlStrEqual(c->open_ins[i], ch->id)) {
			c->open_ins[i] = c->open_ins[--c->open_ins_count];
			break;
		}
	return CLINT_OK;
}

/* ---- embedded objects: formulas ------------------------------------------- */

/*
 * A formula (draw:object) is a document of its own: MathML, in the
 * entry "Object 1/content.xml" its xlink:href names ("./Object 1"), or
 * inline in a flat ODT. mathml.c reads it as a line of text, as DOCX's
 * Office Math is ("(num)/(den)", "^(sup)", "(3)√x"). Left out, the
 * service credit formula of a clause was lost without a word. Other
 * objects (charts, spreadsheets, OLE) are not read, with a warning.
 */
static xmlNodePtr math_child(xmlNodePtr n, unsigned k)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && k-- == 0)
			return n;
	return NULL;
}

static int is_math(xmlNodePtr n, const char *name)
{
	return is_el(n, NS_MATHML, name);
}

static int math_text(void *ctx, const char *s, size_t n)
{
	return put_text(ctx, s, n);
}

static int math_check(void *ctx, unsigned depth)
{
	return check_node(ctx, depth);
}

/* A formula (its math element), by mathml.c, into the open block. */
static int put_math(odt_ctx *c, xmlNodePtr math, unsigned depth)
{
	clint_mathml_sink out;
	int rc;

	if ((rc = check_node(c, depth)) < 0)
		return rc;
	memset(&out, 0, sizeof(out));
	out.put = math_text;
	out.check = math_check;
	out.ctx = c;
	return clint_mathml_put(math, depth + 1, &out);
}

/* What is not read: said once for each object, naming it (at most 64
 * bytes of the name; "(inline)": one without a name, said each time),
 * for up to 100 objects. */
static void object_not_read(odt_ctx *c, const char *name, const char *why)
{
	if (object_quiet(c, strcmp(name, "(inline)") != 0 ? name : NULL))
		return;
	clint_diag_add(c->diag, CLINT_DIAG_WARNING, c->doc->name, 0, 0,
	               "embedded object '%.64s%s' is not read (%s): any text in "
	               "it is not checked",
	               name, strlen(name) > 64 ? "..." : "", why);
}

/* The DOCTYPE LibreOffice writes before a formula ("<!DOCTYPE math:math
 * PUBLIC ... "math.dtd">"), without an internal subset, blanked out:
 * the reader refuses any, and nothing is loaded from it. */
static void blank_doctype(char *data, size_t len)
{
	char *p = data, *end = data + len, *q;

	while (p < end && strchr(" \t\r\n", *p))
		p++;
	if (end - p > 5 && memcmp(p, "<?xml", 5) == 0) {
		if (!(q = memchr(p, '>', (size_t)(end - p))))
			return;
		p = q + 1;
	}
	while (p < end && strchr(" \t\r\n", *p))
		p++;
	if (end - p < 9 || memcmp(p, "<!DOCTYPE", 9) != 0)
		return;
	for (q = p; q < end && *q != '>'; q++)
		if (*q == '[' || (*q == '<' && q != p))
			return;
	if (q < end)
		memset(p, ' ', (size_t)(q - p + 1));
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The package directory an object's xlink:href names, into out[cap]:
 * "./" and a final "/" dropped ("./Formula-0/", as pandoc writes it),
 * percent-escapes decoded ("Object%201"). False for a name that is not
 * a directory of this package: empty, absolute, with a scheme (":"),
 * "..", a NUL, or too long.
 */
static int package_name(char *out, size_t cap, const char *href)
{
	size_t i, k = 0;
	int hi, lo;

	if (strncmp(href, "./", 2) == 0)
		href += 2;
	for (i = 0; href[i]; i++) {
		if (k + 1 >= cap)
			return 0;
		if (href[i] == '%' && (hi = hex_digit(href[i + 1])) >= 0 &&
		    (lo = hex_digit(href[i + 2])) >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = href[i];
		}
	}
	out[k] = '\0';
	if (k && out[k - 1] == '/')
		out[--k] = '\0';
	return k && out[0] != '/' && strlen(out) == k && !strchr(out, ':') &&
	       !strstr(out, "..");
}

/* The kind of an object that is not a formula, from its office:body. */
static const char *object_kind(xmlNodePtr root)
{
	xmlNodePtr n, k;

	for (n = root ? root->children : NULL; n; n = n->next)
		if (is_el(n, NS_OFFICE, "body"))
			for (k = n->children; k; k = k->next) {
				if (is_el(k, NS_OFFICE, "chart"))
					return "a chart";
				if (is_el(k, NS_OFFICE, "spreadsheet"))
					return "a spreadsheet";
				if (is_el(k, NS_OFFICE, "drawing"))
					return "a drawing";
				if (is_el(k, NS_OFFICE, "presentation"))
					return "a presentation";
				if (is_el(k, NS_OFFICE, "text"))
					return "a text document";
			}
	return "not a formula";
}

/* The office:spreadsheet of an embedded spreadsheet, or NULL. */
static xmlNodePtr object_sheets(xmlNodePtr root)
{
	xmlNodePtr n, k;

	for (n = root ? root->children : NULL; n; n = n->next)
		if (is_el(n, NS_OFFICE, "body"))
			for (k = n->children; k; k = k->next)
				if (is_el(k, NS_OFFICE, "spreadsheet"))
					return k;
	return NULL;
}

/* Frees the cached object's tree and gives back what it was charged. */
static void drop_cached(odt_ctx *c)
{
	xmlFreeDoc(c->cached_doc);
	c->cached_doc = NULL;
	clint_mem_give(&c->doc->mem, c->cached_mem);
	c->cached_mem = 0;
}

/*
 * Reads the object in package directory `name` into the cache of the last
 * one read (a formula shown many times is parsed once): its formula, or
 * NULL and why not (NULL too if a warning said it already). Only running
 * out of memory or past the budget is an error: a broken object is left
 * out with a warning, and the rest of the document read.
 */
static int load_object(odt_ctx *c, const char *name, const char *entry)
{
	char *data = NULL;
	size_t len = 0;
	xmlNodePtr root;
	int rc;

	drop_cached(c);
	c->cached_len = 0;
	c->cached_why = NULL;
	snprintf(c->cached, sizeof(c->cached), "%s", entry);
	rc = read_entry(c, c->zip, entry, ODT_MAX_CONTENT, 0, &data, &len);
	if (rc < 0) {
		c->cached[0] = '\0';
		return rc;
	}
	if (!data) {
		c->cached_why = "it has no content.xml";
		return CLINT_OK;
	}
	c->cached_len = len;
	if (c->object_bytes + len > ODT_MAX_CONTENT) {
		free(data);
		return CLINT_OK;   /* refused by the caller */
	}
	blank_doctype(data, len);
	c->object = name;
	rc = parse_xml(c, entry, data, len, &c->cached_doc, &c->cached_mem);
	c->object = NULL;
	free(data);
	if (rc == CLINT_ENOMEM) {
		c->cached[0] = '\0';
		return rc;
	}
	if (rc < 0)
		return CLINT_OK;   /* said, as a warning */
	root = xmlDocGetRootElement(c->cached_doc);
	if (!root || (!is_math(root, "math") && !object_sheets(root))) {
		c->cached_why = object_kind(root);
		drop_cached(c);
	}
	return CLINT_OK;
}

/* One cell of an embedded spreadsheet: its paragraphs, between line
 * ends, kept for flush_cells() with `flags`; its annotation left out. A
 * cell nested too deep is left out, with a warning. */
static int put_sheet_cell(odt_ctx *c, xmlNodePtr cell, unsigned flags,
                          clint_buf *b, unsigned depth)
{
	xmlNodePtr k;
	size_t i;
	int rc = CLINT_OK, deep = 0;

	b->len = 0;
	for (k = cell->children; k && rc >= 0; k = k->next) {
		if ((rc = check_node(c, depth)) < 0 ||
		    !(is_el(k, NS_TEXT, "p") || is_el(k, NS_TEXT, "h")))
			continue;
		if (b->len)
			rc = clint_buf_putc(b, '\n');
		if (rc >= 0)
			rc = gather_text(c, b, k->children, depth + 1, &deep);
	}
	if (deep) {   /* gather_text()'s depth, said here */
		if (!object_quiet(c, c->sheet))
			clint_diag_add(c->diag, CLINT_DIAG_WARNING, c->doc->name, 0, 0,
			               "embedded spreadsheet '%.64s': a cell nested "
			               "deeper than %d elements is not read", c->sheet,
			               ODT_MAX_DEPTH);
		return CLINT_OK;
	}
	for (i = 0; i < b->len && strchr(" \t\r\n", b->data[i]); i++)
		;
	if (rc < 0 || i == b->len)
		return rc;
	return clint_held_cells_add(&c->cells, c->doc, flags | c->block_flags,
	                            c->para, c->page, b->data + i, b->len - i);
}

/* The cells put_sheet_cell() held, each a table cell block, after the
 * block that shows their spreadsheet (a paragraph, a heading with its
 * number, a list item, a table cell is not cut in two). */
static int flush_cells(odt_ctx *c)
{
	return clint_held_cells_flush(&c->cells, c->doc, 0);
}

/* True if a sheet is hidden: table:display="false" on it or in its
 * table style (as LibreOffice writes it), found in the sheet's automatic
 * styles, x: the first style of its name that says, among the first
 * ODT_MAX_SAME_NAME of that name (a name is one a family: a cell style
 * may share it, and there are a handful of families). */
static int sheet_hidden(const odt_style_index *x, xmlNodePtr t)
{
	const xmlChar *name = attr(t, NS_TABLE, "style-name"), *v;
	size_t i, n, seen;
	xmlNodePtr k;

	if ((v = attr(t, NS_TABLE, "display")) != NULL)
		return xmlStrEqual(v, (const xmlChar *)"false");
	if (!name)
		return 0;
	i = style_lower(x, NS_STYLE, "style", name);
	for (n = 0; n < ODT_MAX_SAME_NAME && style_is(x, i, NS_STYLE, "style",
	                                               name); n++, i++)
		for (k = x->refs[i].node->children, seen = 0;
		     k && seen++ < ODT_MAX_STYLE_CHILDREN; k = k->next)
			if (is_el(k, NS_STYLE, "table-properties") &&
			    (v = attr(k, NS_TABLE, "display")) != NULL)
				return xmlStrEqual(v, (const xmlChar *)"false");
	return 0;
}

/* True if a row is hidden (table:visibility "collapse" or "filter"). */
static int row_hidden(xmlNodePtr row)
{
	const xmlChar *v = attr(row, NS_TABLE, "visibility");

	return v && !xmlStrEqual(v, (const xmlChar *)"visible");
}

/* A column's or cell's table:number-columns-`what` ("repeated",
 * "spanned"): 1 without one; Calc has at most 16,384 columns. */
static unsigned long columns(xmlNodePtr n, const char *what)
{
	char name[32];
	const xmlChar *v;
	unsigned long r;

	snprintf(name, sizeof(name), "number-columns-%s", what);
	v = attr(n, NS_TABLE, name);
	r = v ? strtoul((const char *)v, NULL, 10) : 1;
	return r < 1 ? 1 : r > 16384 ? 16384 : r;
}

/* The hidden columns of a sheet: runs [lo, hi), in order, apart. */
typedef struct {
	unsigned long (*runs)[2];
	size_t count, cap;
} hidden_columns;

/*
 * The columns of a sheet (also inside header columns and column groups)
 * from *col on: the hidden ones (table:visibility "collapse" or
 * "filter", as a row's) added to h, which budget m pays for.
 */
static int sheet_columns(clint_mem *m, xmlNodePtr n, unsigned long *col,
                         hidden_columns *h, unsigned depth)
{
	unsigned long r;
	int rc = CLINT_OK;

	/* deeper, the columns are not counted: none is taken for hidden */
	if (depth > ODT_MAX_DEPTH)
		return CLINT_ELIMIT;
	for (n = n->children; n && rc >= 0; n = n->next) {
		if (is_el(n, NS_TABLE, "table-column")) {
			r = columns(n, "repeated");
			if (row_hidden(n)) {
				if (h->count && h->runs[h->count - 1][1] == *col)
					h->runs[h->count - 1][1] += r;
				else if ((rc = MEM_PUSH(m, h->runs, h->count,
				                        h->cap)) < 0)
					break;
				else {
					h->runs[h->count][0] = *col;
					h->runs[h->count++][1] = *col + r;
				}
			}
			*col += r;
		} else if (is_el(n, NS_TABLE, "table-columns") ||
		           is_el(n, NS_TABLE, "table-header-columns") ||
		           is_el(n, NS_TABLE, "table-column-group")) {
			rc = sheet_columns(m, n, col, h, depth + 1);
		}
	}
	return rc;
}

/* True if one of the r columns from col on is shown. */
static int columns_shown(const hidden_columns *h, unsigned long col,
                         unsigned long r)
{
	size_t lo = 0, hi = h->count;

	/* the last run that starts at or before col */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->runs[mid][0] <= col)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || h->runs[lo - 1][1] <= col)
		return 1;
	/* runs are apart: the column after one is shown */
	return col + r > h->runs[lo - 1][1];
}

/* The rows of a sheet (also inside header rows, row groups), cell by
 * cell; a cell covered by a merged one is not shown, nor a hidden row,
 * nor a cell in hidden columns only. */
static int put_sheet_rows(odt_ctx *c, xmlNodePtr n, unsigned flags,
                          clint_buf *b, const hidden_columns *h,
                          unsigned depth)
{
	xmlNodePtr k;
	unsigned long col, r, span;
	int rc = CLINT_OK;

	for (n = n->children; n && rc >= 0; n = n->next) {
		if ((rc = check_node(c, depth)) < 0)
			break;
		if (is_el(n, NS_TABLE, "table-row") && !row_hidden(n)) {
			clint_held_cells_row(&c->cells);
			for (k = n->children, col = 0; k && rc >= 0; k = k->next) {
				if (!is_el(k, NS_TABLE, "table-cell") &&
				    !is_el(k, NS_TABLE, "covered-table-cell"))
					continue;
				/* shown if a column it is repeated or merged over is */
				r = columns(k, "repeated");
				span = columns(k, "spanned");
				if (is_el(k, NS_TABLE, "table-cell") &&
				    columns_shown(h, col, r > span ? r : span))
					rc = put_sheet_cell(c, k, flags, b, depth + 1);
				col += r;
			}
		} else if (is_el(n, NS_TABLE, "table-header-rows") ||
		           is_el(n, NS_TABLE, "table-rows") ||
		           is_el(n, NS_TABLE, "table-row-group")) {
			rc = put_sheet_rows(c, n, flags, b, h, depth + 1);
		}
	}
	return rc;
}

/* The rows of sheet t, its hidden columns left out. */
static int put_sheet(odt_ctx *c, xmlNodePtr t, unsigned flags, clint_buf *b,
                     unsigned depth)
{
	hidden_columns h = {NULL, 0, 0};
	unsigned long col = 0;
	int rc = sheet_columns(&c->doc->mem, t, &col, &h, 0);

	if (rc == CLINT_ELIMIT && !c->doc->mem.over) {
		h.count = 0;  /* columns too deep: all read */
		rc = CLINT_OK;
	}
	if (rc >= 0)
		rc = put_sheet_rows(c, t, flags, b, &h, depth);
	clint_mem_give(&c->doc->mem, h.cap * sizeof(*h.runs));
	free(h.runs);
	return rc;
}

/*
 * An embedded spreadsheet (a price table pasted in as one), its root
 * `root`: the cells of its tables, each that holds something a table
 * cell block, after the block that shows it, with that block's flags
 * (inserted, deleted) and paragraph number. Only the cells shown are
 * read: not a hidden sheet or row, a cell's old value in the sheet's
 * tracked changes (its cells are as changed, in either view), validation
 * messages or shapes. A cell Calc repeats is read once (if one of its
 * columns is shown); a hidden column is not read.
 */
static int put_sheets(odt_ctx *c, xmlNodePtr root, const char *name,
                      unsigned depth)
{
	clint_doc *doc = c->doc;
	clint_buf b = CLINT_BUF_INIT;
	odt_style_index styles = {NULL, 0, 0};
	unsigned flags = 0;
	xmlNodePtr t;
	int rc;

	b.limit = ODT_MAX_TEXT;  /* a cell's text, as the document's */
	if ((rc = index_styles(c, root, 1, &styles)) < 0)
		goto done;
	if (doc->block_open && doc->block_count)
		flags = doc->blocks[doc->block_count - 1].flags &
		        (CLINT_BLOCK_INSERTED | CLINT_BLOCK_DELETED);
	if (c->open_ins_count)
		flags |= CLINT_BLOCK_INSERTED;
	c->sheet = name;
	for (t = object_sheets(root)->children; t && rc >= 0; t = t->next) {
		if ((rc = check_node(c, depth)) < 0)
			break;
		if (is_el(t, NS_TABLE, "tracked-changes") && c->reject &&
		    !object_quiet(c, name))
			clint_diag_add(c->diag, CLINT_DIAG_WARNING, c->doc->name, 0, 0,
			               "embedded spreadsheet '%.64s%s': its tracked "
			               "changes are not read, its cells are shown as "
			               "changed", name, strlen(name) > 64 ? "..." : "");
		else if (is_el(t, NS_TABLE, "table") && !sheet_hidden(&styles, t))
			rc = put_sheet(c, t, flags, &b, depth + 1);
	}
	c->sheet = NULL;
done:
	free_style_index(c, &styles);
	clint_buf_free(&b);
	return rc;
}

/* A draw:object: a formula inline (a flat ODT) or in its own entry, or
 * a spreadsheet in its own entry. */
static int put_object(odt_ctx *c, xmlNodePtr obj, unsigned depth)
{
	const xmlChar *href = attr(obj, NS_XLINK, "href");
	char entry[300], shown[208];
	xmlNodePtr root;
	int rc;

	/* an inline formula; an element beside an href (LibreOffice's
	 * <loext:p/>) does not hide the object it names */
	if ((root = math_child(obj, 0)) != NULL &&
	    (is_math(root, "math") || !href)) {
		if (is_math(root, "math"))
			return put_math(c, root, depth + 1);
		object_not_read(c, "(inline)", "not a formula");
		return CLINT_OK;
	}
	if (!href)
		return CLINT_OK;
	if (!package_name(shown, sizeof(shown), (const char *)href)) {
		object_not_read(c, (const char *)href,
		                "not an object inside the document");
		return CLINT_OK;
	}
	snprintf(entry, sizeof(entry), "%s/content.xml", shown);
	if (strcmp(c->cached, entry) != 0)
		TRY(load_object(c, shown, entry));
	c->object_bytes += c->cached_len;
	if (c->object_bytes > ODT_MAX_CONTENT)
		return odt_error(c, CLINT_ELIMIT,
		                 "embedded objects of more than 64 MiB in all "
		                 "(counted each time one is shown): refused");
	if (!c->cached_doc) {
		if (c->cached_why)
			object_not_read(c, shown, c->cached_why);
		return CLINT_OK;
	}
	c->part = entry;
	root = xmlDocGetRootElement(c->cached_doc);
	rc = is_math(root, "math")
	         ? put_math(c, root, depth + 1)
	         : put_sheets(c, root, shown, depth + 1);
	c->part = NULL;
done:
	return rc;
}

static int is_embedded(xmlNodePtr n)
{
	return is_el(n, NS_DRAW, "object") || is_el(n, NS_DRAW, "object-ole");
}

/* A draw:object or draw:object-ole, where the text has it. */
static int put_embedded(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	const xmlChar *h;

	if (c->open_ins_count && c->reject)
		return CLINT_OK;   /* inserted: not in this view */
	if (is_el(n, NS_DRAW, "object"))
		return put_object(c, n, depth);
	h = attr(n, NS_XLINK, "href");
	object_not_read(c, h ? (const char *)h : "(inline)", "an OLE object");
	return CLINT_OK;
}

/* Inline content of a paragraph or heading. */
static int walk_inline(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	int rc = CLINT_OK;

	for (; n; n = n->next) {
		TRY(check_node(c, depth));
		if (n->type == XML_TEXT_NODE) {
			TRY(put_text(c, (const char *)n->content,
			             strlen((const char *)n->content)));
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, NS_TEXT, "s")) {
			unsigned k = attr_uint(n, NS_TEXT, "c", 1, 1000), m;
			if (c->at_start)
				TRY(put_prefix(c)); /* leading spaces are kept */
			c->at_start = 0;
			for (; k; k -= m) {
				m = k < 64 ? k : 64;
				TRY(put_space(c, spaces64, m));
			}
		} else if (is_el(n, NS_TEXT, "tab")) {
			TRY(put_space(c, "\t", 1));
		} else if (is_el(n, NS_TEXT, "line-break")) {
			TRY(put_space(c, "\n", 1));
		} else if (is_el(n, NS_TEXT, "note")) {
			if ((rc = MEM_PUSH(&c->doc->mem, c->notes, c->note_count,
			                   c->note_cap)) < 0)
				goto done;
			c->notes[c->note_count++] = n;
		} else if (is_el(n, NS_OFFICE, "annotation")) {
			TRY(start_annotation(c, n));
		} else if (is_el(n, NS_OFFICE, "annotation-end")) {
			TRY(end_annotation(c, attr(n, NS_OFFICE, "name")));
		} else if (is_el(n, NS_TEXT, "change") ||
		           is_el(n, NS_TEXT, "change-start") ||
		           is_el(n, NS_TEXT, "change-end")) {
			TRY(change_mark(c, n, depth));
		} else if (is_embedded(n)) {
			TRY(put_embedded(c, n, depth));
		} else if (is_el(n, NS_TEXT, "soft-page-break")) {
			c->page++;
		} else if (is_el(n, NS_TEXT, "note-citation") ||
		           is_el(n, NS_TEXT, "number") ||
		           is_el(n, NS_TEXT, "tracked-changes") ||
		           is_el(n, NS_OFFICE, "change-info") ||
		           is_el(n, NS_SVG, "title") || is_el(n, NS_SVG, "desc") ||
		           is_el(n, NS_TEXT, "ruby-text")) {
			continue;
		} else if (is_el(n, NS_TEXT, "p") || is_el(n, NS_TEXT, "h")) {
			/* a paragraph in a frame: runs on between spaces */
			TRY(put_space(c, " ", 1));
			TRY(walk_inline(c, n->children, depth + 1));
			c->space_due = 1;
		} else {
			TRY(walk_inline(c, n->children, depth + 1));
		}
	}
done:
	return rc;
}

/* Emits the notes collected while the paragraph was open. */
static int flush_notes(odt_ctx *c, unsigned depth)
{
	size_t i;
	unsigned saved = c->block_flags;
	int rc = flush_cells(c);

	while (c->note_count && rc >= 0) {
		/* notes may cite notes: take the current list */
		xmlNodePtr *notes = c->notes;
		size_t count = c->note_count, cap = c->note_cap;
		c->notes = NULL;
		c->note_count = c->note_cap = 0;
		c->block_flags |= CLINT_BLOCK_NOTE;
		for (i = 0; i < count && rc >= 0; i++) {
			xmlNodePtr k;
			for (k = notes[i]->children; k; k = k->next)
				if (is_el(k, NS_TEXT, "note-body"))
					rc = walk_blocks(c, k->children, depth + 1);
		}
		free(notes);
		clint_mem_give(&c->doc->mem, cap * sizeof(*notes));
		c->block_flags = saved;
	}
	return rc;
}

/* A text:p or text:h: one block (or part of a table cell's block). */
static int walk_para(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	int heading = is_el(n, NS_TEXT, "h");
	unsigned level = 0;
	clint_block_type type = CLINT_BLOCK_PARAGRAPH;
	int rc = CLINT_OK;

	c->para++;
	if (!c->item_first)
		c->item_prefix[0] = '\0';
	c->item_first = 0;
	if (heading) {
		type = CLINT_BLOCK_HEADING;
		level = attr_uint(n, NS_TEXT, "outline-level", 1, 100);
		if (level < 1)
			level = 1;
		if (c->list_depth == 0 && c->outline && level <= ODT_LEVELS) {
			const xmlChar *hdr = attr(n, NS_TEXT, "is-list-header");
			if (!(hdr && xmlStrEqual(hdr, (const xmlChar *)"true"))) {
				count_item(c->outline_count, c->outline, level,
				           attr_uint(n, NS_TEXT, "start-value", 0, 1000000));
				render_number(c->item_prefix, sizeof(c->item_prefix),
				              c->outline, level, c->outline_count);
			}
		}
	} else if (c->list_depth) {
		type = CLINT_BLOCK_LIST_ITEM;
		level = c->list_depth;
	}
	if (c->in_cell) {
		if (!c->cell_open) {
			TRY(open_block(c, CLINT_BLOCK_TABLE_CELL, 0));
			c->cell_open = 1;
		} else if (!c->at_start) {
			TRY(put_space(c, "\n", 1));
		}
	} else {
		TRY(open_block(c, type, level));
	}
	TRY(walk_inline(c, n->children, depth + 1));
	c->item_prefix[0] = '\0';
	if (!c->in_cell) {
		TRY(clint_doc_close_block(c->doc));
		TRY(flush_notes(c, depth));
	}
done:
	return rc;
}

static int walk_list(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	const xmlChar *saved_style = c->list_style, *style;
	odt_counter *saved_counter = c->counter;
	xmlNodePtr item, k, sty;
	int rc = CLINT_OK;

	style = attr(n, NS_TEXT, "style-name");
	if (!style && c->list_depth == 0) {
		/* an unstyled list takes the list style of its first paragraph */
		for (item = n->children; item && !style; item = item->next)
			for (k = item->children; k && !style; k = k->next)
				if (is_el(k, NS_TEXT, "p") || is_el(k, NS_TEXT, "h"))
					style = para_list_style(c, attr(k, NS_TEXT, "style-name"));
	}
	if (!style)
		style = c->list_style;
	if (c->list_depth == 0 || !c->counter ||
	    (style != c->list_style &&
	     !(style && c->list_style && xmlStrEqual(style, c->list_style)))) {
		const xmlChar *cont = attr(n, NS_TEXT, "continue-numbering");
		int reset = !(cont && xmlStrEqual(cont, (const xmlChar *)"true")) &&
		            !attr(n, NS_TEXT, "continue-list") && c->list_depth == 0;
		c->counter = list_counter(c, style, reset);
	}
	c->list_style = style;
	sty = find_style(c, NS_TEXT, "list-style", style);
	c->list_depth++;
	for (item = n->children; item; item = item->next) {
		unsigned level = c->list_depth > ODT_LEVELS ? ODT_LEVELS : c->list_depth;
		TRY(check_node(c, depth + 1));
		if (is_el(item, NS_TEXT, "list-item")) {
			count_item(c->counter->count, sty, level,
			           attr_uint(item, NS_TEXT, "start-value", 0, 1000000));
			render_number(c->item_prefix, sizeof(c->item_prefix), sty, level,
			              c->counter->count);
			c->item_first = 1;
			TRY(walk_blocks(c, item->children, depth + 2));
		} else if (is_el(item, NS_TEXT, "list-header")) {
			c->item_prefix[0] = '\0';
			TRY(walk_blocks(c, item->children, depth + 2));
		}
	}
done:
	c->item_first = 0;
	c->item_prefix[0] = '\0';
	c->list_depth--;
	c->list_style = saved_style;
	c->counter = saved_counter;
	return rc;
}

static int walk_cell(odt_ctx *c, xmlNodePtr cell, unsigned depth)
{
	int saved_in = c->in_cell, saved_open = c->cell_open;
	int rc;

	TRY(clint_doc_close_block(c->doc));
	c->in_cell = 1;
	c->cell_open = 0;
	rc = walk_blocks(c, cell->children, depth + 1);
	c->in_cell = saved_in;
	c->cell_open = saved_open;
	if (rc < 0)
		goto done;
	TRY(clint_doc_close_block(c->doc));
	if (!c->in_cell)
		TRY(flush_notes(c, depth));
done:
	return rc;
}

/* Rows of a table (also inside header-rows, rows and row groups). */
static int walk_table(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	int rc = CLINT_OK;

	for (n = n->children; n; n = n->next) {
		TRY(check_node(c, depth));
		if (is_el(n, NS_TABLE, "table-row")) {
			xmlNodePtr cell;
			clint_doc_table_row(c->doc);
			for (cell = n->children; cell; cell = cell->next) {
				TRY(check_node(c, depth + 1));
				if (is_el(cell, NS_TABLE, "table-cell"))
					TRY(walk_cell(c, cell, depth + 2));
			}
		} else if (is_el(n, NS_TABLE, "table-header-rows") ||
		           is_el(n, NS_TABLE, "table-rows") ||
		           is_el(n, NS_TABLE, "table-row-group")) {
			TRY(walk_table(c, n, depth + 1));
		}
	}
done:
	return rc;
}

/* Block-level content: office:text, sections, list items, cells, notes. */
static int walk_blocks(odt_ctx *c, xmlNodePtr n, unsigned depth)
{
	int rc = CLINT_OK;

	for (; n; n = n->next) {
		TRY(check_node(c, depth));
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, NS_TEXT, "p") || is_el(n, NS_TEXT, "h"))
			TRY(walk_para(c, n, depth + 1));
		else if (is_el(n, NS_TEXT, "list"))
			TRY(walk_list(c, n, depth + 1));
		else if (is_el(n, NS_TABLE, "table")) {
			TRY(walk_table(c, n, depth + 1));
			clint_doc_table_row(c->doc);  /* an outer row goes on apart */
		} else if (is_el(n, NS_TEXT, "soft-page-break"))
			c->page++;
		else if (is_embedded(n)) {
			/* in a frame anchored to the page, outside any paragraph:
			 * a paragraph of its own */
			TRY(clint_doc_close_block(c->doc));
			TRY(put_embedded(c, n, depth + 1));
			TRY(clint_doc_close_block(c->doc));
			if (!c->in_cell)
				TRY(flush_cells(c));
		} else if (is_el(n, NS_TEXT, "change") ||
		         is_el(n, NS_TEXT, "change-start") ||
		         is_el(n, NS_TEXT, "change-end")) {
			/* a change between paragraphs: deleted paragraphs stand alone */
			if (is_el(n, NS_TEXT, "change") && !c->in_cell)
				TRY(clint_doc_close_block(c->doc));
			TRY(change_mark(c, n, depth));
			if (!c->in_cell)
				TRY(clint_doc_close_block(c->doc));
		} else if (is_el(n, NS_OFFICE, "annotation"))
			TRY(start_annotation(c, n));
		else if (is_el(n, NS_OFFICE, "annotation-end"))
			TRY(end_annotation(c, attr(n, NS_OFFICE, "name")));
		else if (is_el(n, NS_TEXT, "tracked-changes") ||
		         is_el(n, NS_TEXT, "sequence-decls") ||
		         is_el(n, NS_TEXT, "variable-decls") ||
		         is_el(n, NS_TEXT, "user-field-decls") ||
		         is_el(n, NS_TEXT, "dde-connection-decls") ||
		         is_el(n, NS_TABLE, "table-columns") ||
		         is_el(n, NS_TABLE, "table-column") ||
		         is_el(n, NS_TABLE, "named-expressions") ||
		         is_el(n, NS_OFFICE, "forms") || is_el(n, NS_TEXT, "number"))
			continue;
		else
			TRY(walk_blocks(c, n->children, depth + 1));
	}
done:
	return rc;
}

/* ---- entry point ----------------------------------------------------------------- */

static void odt_ctx_free(odt_ctx *c)
{
	size_t i;

	/* first: the tree compares the names freed below */
	while (c->ann_open) {  /* the root node's key, taken out each time */
		odt_ann_open *o = *(odt_ann_open **)c->ann_open;
		tdelete(o, &c->ann_open, ann_name_cmp);
		free(o);
	}
	for (i = 0; i < c->ann_count; i++) {
		free(c->anns[i].name);
		free(c->anns[i].author);
		free(c->anns[i].text);
	}
	free(c->anns);
	clint_mem_give(&c->doc->mem,
	               c->ann_bytes + c->ann_cap * sizeof(*c->anns) +
	                   c->ann_names * ANN_NODE_BYTES +
	                   c->note_cap * sizeof(*c->notes) +
	                   c->change_cap * sizeof(*c->changes));
	free(c->notes);
	free(c->changes);
	free_style_index(c, &c->content_index);
	free_style_index(c, &c->styles_index);
	xmlFreeDoc(c->content);
	xmlFreeDoc(c->styles);
	xmlFreeDoc(c->cached_doc);
	clint_mem_give(&c->doc->mem,
	               c->content_mem + c->styles_mem + c->cached_mem);
	clint_object_warnings_free(&c->said);
	clint_held_cells_free(&c->cells, c->doc);
}

/*
 * The headers and footers of the master pages (office:master-styles in
 * styles.xml, or in the document itself for a flat ODT): style:header,
 * style:footer and their -left and -first variants, unless hidden with
 * style:display="false". They come after the body and its notes, as
 * blocks flagged CLINT_BLOCK_NOTE, like DOCX headers and footers.
 */
static int walk_master_pages(odt_ctx *c, xmlDocPtr x)
{
	static const char *const parts[] = {"header",      "footer",
	                                    "header-left", "footer-left",
	                                    "header-first", "footer-first"};
	xmlNodePtr root = x ? xmlDocGetRootElement(x) : NULL, n, mp, k;
	unsigned saved = c->block_flags;
	size_t i;
	int rc = CLINT_OK;

	for (n = root ? root->children : NULL; n && rc >= 0; n = n->next) {
		if (!is_el(n, NS_OFFICE, "master-styles"))
			continue;
		for (mp = n->children; mp && rc >= 0; mp = mp->next) {
			if (!is_el(mp, NS_STYLE, "master-page"))
				continue;
			for (k = mp->children; k && rc >= 0; k = k->next) {
				xmlChar *display;
				int shown = 1;
				for (i = 0; i < ARRAY_LEN(parts); i++)
					if (is_el(k, NS_STYLE, parts[i]))
						break;
				if (i == ARRAY_LEN(parts))
					continue;
				display = xmlGetNsProp(k, BAD_CAST "display",
				                       BAD_CAST NS_STYLE);
				if (display && strcmp((const char *)display, "false") == 0)
					shown = 0;
				xmlFree(display);
				if (!shown)
					continue;
				c->block_flags = saved | CLINT_BLOCK_NOTE;
				rc = walk_blocks(c, k->children, 1);
				if (rc >= 0)
					rc = clint_doc_close_block(c->doc);
				if (rc >= 0)
					rc = flush_notes(c, 1);
				c->block_flags = saved;
			}
		}
	}
	return rc;
}

/*
 * Fills `doc` from the ODT bytes (the caller finishes the build). Returns
 * 0, or a negative CLINT_E* with an error naming doc->name in `diag`.
 */
int clint_extract_odt(clint_doc *doc, const unsigned char *data, size_t len,
                      clint_diag *diag)
{
	odt_ctx c;
	static const clint_zip_limits lim = ODT_ZIP_LIMITS;
	clint_zip za;
	char *content = NULL, *styles = NULL;
	size_t content_len, styles_len, i;
	size_t errors = clint_diag_count_level(diag, CLINT_DIAG_ERROR);
	xmlNodePtr root, n, body = NULL;
	int rc;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.diag = diag;
	c.reject = doc->revisions == CLINT_REVISIONS_REJECT;
	c.page = 1;
	doc->build.limit = ODT_MAX_TEXT;
	clint_xml_init();
	TRY(clint_zip_open(&za, data, len, &lim, NULL, doc->name, diag));
	c.zip = &za;
	TRY(read_entry(&c, &za, "content.xml", ODT_MAX_CONTENT, 1, &content,
	               &content_len));
	TRY(read_entry(&c, &za, "styles.xml", ODT_MAX_STYLES, 0, &styles,
	               &styles_len));
	TRY(parse_xml(&c, "content.xml", content, content_len, &c.content,
	              &c.content_mem));
	if (styles)
		TRY(parse_xml(&c, "styles.xml", styles, styles_len, &c.styles,
		              &c.styles_mem));
	TRY(index_styles(&c, xmlDocGetRootElement(c.content), 0,
	                 &c.content_index));
	if (c.styles)
		TRY(index_styles(&c, xmlDocGetRootElement(c.styles), 0,
		                 &c.styles_index));
	free(content);
	free(styles);
	content = styles = NULL;

	if (c.styles && (root = xmlDocGetRootElement(c.styles)))
		for (n = root->children; n; n = n->next)
			if (is_el(n, NS_OFFICE, "styles")) {
				xmlNodePtr k;
				for (k = n->children; k; k = k->next)
					if (is_el(k, NS_TEXT, "outline-style"))
						c.outline = k;
			}
	root = xmlDocGetRootElement(c.content);
	if (!is_el(root, NS_OFFICE, "document-content") &&
	    !is_el(root, NS_OFFICE, "document")) {
		rc = odt_error(&c, CLINT_EFORMAT,
		               "content.xml: the root is not "
		               "office:document-content");
		goto done;
	}
	for (n = root->children; n; n = n->next)
		if (is_el(n, NS_OFFICE, "body")) {
			xmlNodePtr k;
			for (k = n->children; k; k = k->next)
				if (is_el(k, NS_OFFICE, "text"))
					body = k;
		}
	if (!body) {
		rc = odt_error(&c, CLINT_EUNSUPPORTED,
		               "not an OpenDocument text (no office:text body: a "
		               "spreadsheet or presentation?)");
		goto done;
	}
	for (n = body->children; n; n = n->next)
		if (is_el(n, NS_TEXT, "tracked-changes"))
			TRY(collect_changes(&c, n));
	index_changes(&c);
	TRY(walk_blocks(&c, body->children, 0));
	TRY(clint_doc_close_block(doc));
	TRY(flush_notes(&c, 0));
	TRY(clint_doc_end_body(doc));
	TRY(walk_master_pages(&c, c.styles ? c.styles : c.content));
	/* a range never closed is anchored at its start */
	for (i = 0; i < c.ann_count; i++)
		if (c.anns[i].name && !c.anns[i].closed)
			TRY(clint_doc_add_annotation(doc, c.anns[i].author,
			                             c.anns[i].text, c.anns[i].start,
			                             c.anns[i].start));
	rc = CLINT_OK;
done:
	if (rc == CLINT_ELIMIT && !doc->mem.over &&
	    clint_diag_count_level(diag, CLINT_DIAG_ERROR) == errors)
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "the extracted text exceeds the size limit (%zu MiB "
		               "in all, %zu MiB for a comment)",
		               ODT_MAX_TEXT >> 20, ODT_MAX_COMMENT >> 20);
	free(content);
	free(styles);
	clint_zip_close(&za);
	odt_ctx_free(&c);
	return rc;
}

/*
 * True if `data` is a ZIP that holds an OpenDocument text: a first
 * "mimetype" entry naming it, or a content.xml entry.
 */
int clint_odt_sniff(const unsigned char *data, size_t len)
{
	static const char mt[] = "application/vnd.oasis.opendocument.text";
	clint_zip za;
	int found;

	if (len < 30 || memcmp(data, "PK\x03\x04", 4) != 0)
		return 0;
	{
		size_t nlen = data[26] | (size_t)data[27] << 8;
		size_t xlen = data[28] | (size_t)data[29] << 8;
		if (nlen == 8 && memcmp(data + 30, "mimetype", 8) == 0 &&
		    30 + nlen + xlen + sizeof(mt) - 1 <= len &&
		    memcmp(data + 30 + nlen + xlen, mt, sizeof(mt) - 1) == 0)
			return 1;
	}
	found = clint_zip_open(&za, data, len, NULL, NULL, NULL, NULL) == 0 &&
	        clint_zip_find(&za, "content.xml") &&
	        !clint_zip_find(&za, "word/document.xml");
	clint_zip_close(&za);
	return found;
}
