/*
 * html.c - HTML and XHTML extraction with libxml2's HTML parser (no
 * network; the encoding comes from the BOM or the meta charset, as
 * libxml2 decides; character references are decoded by the parser).
 * Block elements become blocks (h1-h6 headings with their level, li list
 * items with their depth, td/th table cells); inline elements run on in
 * the surrounding block; white space collapses as a browser would except
 * in <pre>; br is a line break. Ordered lists keep their numbers ("1. ",
 * "b. ", honouring start, type, value and reversed) because in a contract
 * they are clause numbers. A MathML formula is a line of text
 * (mathml.c). Scripts, styles, templates, the head and hidden content
 * are left out. Form controls show what a browser shows in them: the
 * option a drop-down list displays (every option of a list box), the
 * text of a <textarea>, the value of a text <input> (of a number or date
 * only a valid one). Of inline SVG only the text of its <text> elements
 * is drawn, where it is drawn at all, and an HTML tag that a browser ends
 * SVG content at makes the rest of it the page's again (an unclosed or
 * hidden <svg> hid everything after it). An <object> with neither data
 * nor a type shows its fallback content; another does not (noted). Tree
 * depth and node count are bounded, and the tree is charged to the
 * document's memory budget while it lives.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "ascii.h"
#include "extract.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

#define HTML_MAX_DEPTH 256
#define HTML_MAX_NODES CLINT_MAX_XML_NODES

typedef struct {
	clint_doc *doc;
	clint_diag *diag;
	unsigned blocks;       /* blocks opened: their paragraph number */
	unsigned nodes;
	int pre;               /* inside <pre>: white space kept */
	int invisible;         /* inside visibility:hidden (and not made
	                          visible again): text not shown */
	int last_space;        /* the open block ends in white space */
	/* the block the next text opens */
	clint_block_type type;
	unsigned level;
	char prefix[64];       /* list number of the pending item */
	unsigned list_depth;
	/* inline SVG: in its content (1), its <text> (depth), content it does
	 * not draw (<defs>, display="none": depth); broke: an HTML tag ended
	 * the SVG content, the rest of it is the page's */
	int svg, svg_broke;
	unsigned svg_text, svg_undrawn;
	unsigned svg_base_undrawn; /* svg_undrawn where the SVG began ... */
	int svg_base_invisible;    /* ... and `invisible` */
	unsigned objects;      /* <object>s whose fallback is not read */
} html_ctx;

static int name_is(xmlNodePtr n, const char *name)
{
	return xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static int name_in(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (name_is(n, *names))
			return 1;
	return 0;
}

static const char *const dropped[] = {
	"script", "style",  "template", "noscript", "head",   "title",
	"iframe", "embed",  "canvas",   "audio",    "video",  "datalist",
	NULL};

/* The HTML start tags at which a browser ends SVG (or MathML) content
 * ("breakout" tags of the HTML parsing algorithm; <font> with color, face
 * or size too): they and what follows them are the page's. */
static const char *const svg_breakout[] = {
	"b",      "big",  "blockquote", "body",  "br",     "center", "code",
	"dd",     "div",  "dl",         "dt",    "em",     "embed",  "h1",
	"h2",     "h3",   "h4",         "h5",    "h6",     "head",   "hr",
	"i",      "img",  "li",         "listing", "menu", "meta",   "nobr",
	"ol",     "p",    "pre",        "ruby",  "s",      "small",  "span",
	"strong", "strike", "sub",      "sup",   "table",  "tt",     "u",
	"ul",     "var",  NULL};

/* SVG elements whose content is not drawn where it stands (definitions,
 * paint servers, descriptions for tools and screen readers). */
static const char *const svg_undrawn[] = {
	"defs", "symbol", "clippath", "mask", "pattern", "marker", "title",
	"desc", "metadata", "lineargradient", "radialgradient", "filter",
	"style", "script", NULL};

/* Input types that do not show their value as text in the field (any
 * other, an unknown one too, does: a browser takes it for "text"). */
static const char *const valueless_inputs[] = {
	"hidden", "password", "checkbox", "radio", "file", "submit", "image",
	"reset", "button", "range", "color", NULL};

static const char *const block_elems[] = {
	"p",       "div",    "blockquote", "pre",     "dt",      "dd",
	"section", "article", "header",    "footer",  "main",    "nav",
	"aside",   "address", "figure",    "figcaption", "caption", "form",
	"fieldset", "legend", "details",   "summary", "center",  "hr",
	"body",    "html",   "dl",         "tr",      "table",   "thead",
	"tbody",   "tfoot",  NULL};

/* What an element's inline style says: display (-1 not said, 1 none,
 * 0 another value) and visibility (-1 not said or inherited, 1 hidden or
 * collapse, 0 visible), each by its last valid declaration, as a browser
 * reads them: one whose value is not a keyword of the property (or too
 * long for one) is ignored, "!important" is not part of the value. */
typedef struct {
	int display_none, hidden;
} inline_style;

static const char *const display_values[] = {
	"block", "contents", "flex", "flow-root", "grid", "initial", "inline",
	"inline-block", "inline-flex", "inline-grid", "inline-table",
	"list-item", "revert", "ruby", "run-in", "table", "table-caption",
	"table-cell", "table-column", "table-column-group",
	"table-footer-group", "table-header-group", "table-row",
	"table-row-group", NULL};

static int value_in(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

static int value_in_case(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(v, *list) == 0)
			return 1;
	return 0;
}

static inline_style style_of(xmlNodePtr n)
{
	inline_style st = {-1, -1};
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"style");
	const char *p, *end, *colon;
	char prop[16], val[32];
	size_t k, i;

	if (!v)
		return st;
	for (p = (const char *)v; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		colon = memchr(p, ':', (size_t)(end - p));
		if (!colon)
			continue;
		/* lower case, without white space; too long for either word:
		 * neither property, or no keyword of theirs */
		for (k = 0, i = 0; p + i < colon && k + 1 < sizeof(prop); i++)
			if (!isspace((unsigned char)p[i]))
				prop[k++] = (char)tolower((unsigned char)p[i]);
		prop[k] = '\0';
		if (p + i < colon)
			continue;
		for (k = 0, i = 1; colon + i < end && k + 1 < sizeof(val); i++)
			if (!isspace((unsigned char)colon[i]))
				val[k++] = (char)tolower((unsigned char)colon[i]);
		val[k] = '\0';
		if (colon + i < end)
			continue;
		if (k > 10 && strcmp(val + k - 10, "!important") == 0)
			val[k - 10] = '\0';
		if (strcmp(prop, "display") == 0) {
			if (strcmp(val, "none") == 0)
				st.display_none = 1;
			else if (value_in(val, display_values))
				st.display_none = 0;
			else if (strcmp(val, "inherit") == 0 ||
			         strcmp(val, "unset") == 0)
				st.display_none = -1;
		} else if (strcmp(prop, "visibility") == 0) {
			if (strcmp(val, "hidden") == 0 || strcmp(val, "collapse") == 0)
				st.hidden = 1;
			else if (strcmp(val, "visible") == 0 ||
			         strcmp(val, "initial") == 0 ||
			         strcmp(val, "revert") == 0)
				st.hidden = 0;
			else if (strcmp(val, "inherit") == 0 ||
			         strcmp(val, "unset") == 0)
				st.hidden = -1;
		}
	}
	xmlFree(v);
	return st;
}

/* Not shown at all: display:none, or the hidden attribute when the style
 * does not set display to something else. aria-hidden hides nothing from
 * the eye (dropping it dropped text a browser shows), and visibility is
 * the walk's (a child can be made visible again). */
static int hidden(xmlNodePtr n, const inline_style *st)
{
	if (st->display_none == 1)
		return 1;
	return st->display_none == -1 && xmlHasProp(n, (const xmlChar *)"hidden");
}

/* The answers in_kept() leaves on each element it asks about (its
 * _private, unused in the HTML tree), so that a page of many elements to
 * drop under one deep parent asks about each ancestor once. */
static const char kept_yes = 1, kept_no = 0;

/* True if `n` is inside an <svg>, an <option> or a <textarea>: there the
 * walk decides what shows, whatever the element is (an HTML tag in a
 * left-out SVG element ends the SVG, and what follows shows; an option
 * or textarea shows the text of its hidden markup), so its text is kept
 * (the parser's depth limit bounds the recursion). */
static int in_kept(xmlNodePtr n)
{
	xmlNodePtr p = n->parent;
	int kept;

	if (!p || p->type != XML_ELEMENT_NODE)
		return 0;
	if (p->_private == &kept_yes || p->_private == &kept_no)
		return p->_private == &kept_yes;
	kept = (p->name && (name_is(p, "svg") || name_is(p, "option") ||
	                    name_is(p, "textarea"))) ||
	       in_kept(p);
	p->_private = (void *)(kept ? &kept_yes : &kept_no);
	return kept;
}

/* An element the walk leaves out, with all it holds. Its text is not
 * even kept while parsing (clint_xml_count.drop): a 12 MB script, title
 * or hidden paragraph would otherwise pass libxml2's bound on one text
 * node, and the page be refused for text it never shows. Text under
 * visibility:hidden is kept (a child may show again, decided by the
 * walk), so more than 10 MB of it in one run is refused. */
static int left_out(xmlNodePtr n)
{
	inline_style st;

	if (name_is(n, "svg") || name_is(n, "option"))
		return 0;
	if (!name_in(n, dropped)) {
		st = style_of(n);
		if (!hidden(n, &st))
			return 0;
	}
	return !in_kept(n);  /* looked for only where it decides */
}

static int open_pending(html_ctx *c)
{
	int rc;

	c->blocks++;
	rc = clint_doc_open_block(c->doc, c->type, c->level, 1, c->blocks, 0);
	if (rc < 0)
		return rc;
	c->last_space = 1;
	if (c->prefix[0]) {
		rc = clint_doc_put(c->doc, c->prefix, strlen(c->prefix));
		c->prefix[0] = '\0';
	}
	return rc;
}

/* Closes the open block, without its trailing white space, and sets the
 * type of the next one. */
static int end_block(html_ctx *c, clint_block_type type, unsigned level)
{
	clint_doc *doc = c->doc;

	if (doc->block_open) {
		size_t start = doc->blocks[doc->block_count - 1].start;
		while (doc->build.len > start &&
		       strchr(" \t\n", doc->build.data[doc->build.len - 1]))
			doc->build.len--;
		if (doc->build.data)
			doc->build.data[doc->build.len] = '\0';
	}
	c->type = type;
	c->level = level;
	return clint_doc_close_block(doc);
}

/* Puts text, collapsing white space outside <pre>. */
static int put_text(html_ctx *c, const char *s, size_t n)
{
	size_t i = 0, j;
	int rc = CLINT_OK;

	if (c->invisible || c->svg_undrawn)
		return CLINT_OK;
	while (i < n) {
		if (!c->pre && strchr(" \t\r\n\f", s[i])) {
			if (c->doc->block_open && !c->last_space) {
				TRY(clint_doc_put(c->doc, " ", 1));
				c->last_space = 1;
			}
			i++;
			continue;
		}
		j = i;
		if (c->pre)
			j = n;
		else
			while (j < n && !strchr(" \t\r\n\f", s[j]))
				j++;
		if (!c->doc->block_open)
			TRY(open_pending(c));
		TRY(clint_doc_put(c->doc, s + i, j - i));
		c->last_space = strchr(" \t\r\n", s[j - 1]) != NULL;
		i = j;
	}
done:
	return rc;
}

static void fmt_item(char *out, size_t cap, long n, const char *type)
{
	static const unsigned val[] = {1000, 900, 500, 400, 100, 90,
	                               50,   40,  10,  9,   5,   4, 1};
	static const char *const sym[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
	                                   "xl", "x",  "ix", "v",  "iv", "i"};
	char tmp[32];
	size_t len = 0, i, k;
	char t = type ? type[0] : '1';

	if ((t == 'i' || t == 'I') && n > 0 && n < 4000) {
		unsigned long v = (unsigned long)n;
		for (i = 0; i < ARRAY_LEN(val); i++)
			while (v >= val[i]) {
				for (k = 0; sym[i][k] && len + 1 < sizeof(tmp); k++)
					tmp[len++] = (char)(t == 'I' ? toupper(sym[i][k]) : sym[i][k]);
				v -= val[i];
			}
		tmp[len] = '\0';
	} else if ((t == 'a' || t == 'A') && n > 0) {
		char rev[32];
		unsigned long v = (unsigned long)n;
		while (v > 0 && len < sizeof(rev)) {
			v--;
			rev[len++] = (char)(t + (int)(v % 26));
			v /= 26;
		}
		for (i = 0; i < len; i++)
			tmp[i] = rev[len - 1 - i];
		tmp[len] = '\0';
	} else {
		snprintf(tmp, sizeof(tmp), "%ld", n);
	}
	snprintf(out, cap, "%s. ", tmp);
}

static long count_items(xmlNodePtr list)
{
	xmlNodePtr k;
	long n = 0;

	for (k = list->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && name_is(k, "li"))
			n++;
	return n;
}

static long prop_long(xmlNodePtr n, const char *name, long dflt)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	long x = dflt;
	char *end;

	if (v) {
		x = strtol((const char *)v, &end, 10);
		if (end == (const char *)v || x < -1000000 || x > 1000000)
			x = dflt;
		xmlFree(v);
	}
	return x;
}

/*
 * Word's "Save as Web Page" writes its list numbers and footnote marks
 * between downlevel-revealed conditional comments ("<![if !supportLists]>
 * 1. <![endif]>The Supplier ..."), which browsers take for bogus comments
 * and leave out, showing what they enclose. libxml2 2.9 passes each on as
 * text (they ran into every numbered paragraph, and its number was not at
 * its start); the parse leaves them out (clint_xml_count's `stray`),
 * where it met them as markup: the same text written as character
 * references ("&lt;![if x]&gt;") is text, and kept. The length of such a
 * marker at s, or 0.
 */
static size_t cond_marker(const char *s)
{
	size_t i;

	if (strncmp(s, "<![endif]>", 10) == 0)
		return 10;
	if (strncmp(s, "<![if ", 6) != 0)
		return 0;
	for (i = 6; i < 256 && s[i]; i++) {
		if (s[i] == ']' && s[i + 1] == '>')
			return i + 2;
		if (s[i] == '<' || s[i] == '>')
			return 0;
	}
	return 0;
}

static int walk(html_ctx *c, xmlNodePtr n, unsigned depth);
static int walk_node(html_ctx *c, xmlNodePtr n, unsigned depth);

static int walk_list(html_ctx *c, xmlNodePtr list, unsigned depth)
{
	int ordered = name_is(list, "ol");
	int reversed = ordered && xmlHasProp(list, (const xmlChar *)"reversed");
	xmlChar *type = ordered ? xmlGetProp(list, (const xmlChar *)"type") : NULL;
	long num = prop_long(list, "start", reversed ? count_items(list) : 1);
	xmlNodePtr k;
	int rc = CLINT_OK, invisible = c->invisible;

	c->list_depth++;
	for (k = list->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE && name_is(k, "li")) {
			inline_style st = style_of(k);

			if (++c->nodes > HTML_MAX_NODES || hidden(k, &st))
				continue;
			c->invisible = st.hidden >= 0 ? st.hidden : invisible;
			TRY(end_block(c, CLINT_BLOCK_LIST_ITEM, c->list_depth));
			c->prefix[0] = '\0';
			if (ordered) {
				num = prop_long(k, "value", num);
				fmt_item(c->prefix, sizeof(c->prefix), num, (const char *)type);
				num += reversed ? -1 : 1;
			}
			TRY(walk(c, k->children, depth + 1));
			TRY(end_block(c, CLINT_BLOCK_PARAGRAPH, 0));
			c->invisible = invisible;
		} else {
			TRY(walk_node(c, k, depth + 1));
		}
	}
done:
	c->invisible = invisible;
	c->prefix[0] = '\0';
	c->list_depth--;
	xmlFree(type);
	return rc;
}

/* Bounds the walk: depth and node count. */
static int check_node(html_ctx *c, unsigned depth)
{
	if (depth > HTML_MAX_DEPTH) {
		clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0,
		               "HTML elements nested deeper than %d: refused",
		               HTML_MAX_DEPTH);
		return CLINT_ELIMIT;
	}
	if (++c->nodes > HTML_MAX_NODES) {
		clint_diag_add(c->diag, CLINT_DIAG_ERROR, c->doc->name, 0, 0,
		               "more than %u HTML nodes: refused", HTML_MAX_NODES);
		return CLINT_ELIMIT;
	}
	return CLINT_OK;
}

static int math_text(void *ctx, const char *s, size_t n)
{
	return put_text(ctx, s, n);
}

static int math_check(void *ctx, unsigned depth)
{
	return check_node(ctx, depth);
}

static int math_other(void *ctx, xmlNodePtr n, unsigned depth)
{
	return walk_node(ctx, n, depth);
}

/*
 * A <math> formula, by mathml.c, as a line of text in the block it is
 * in (without it, a clause's service credit formula was lost); one shown
 * as a block (display="block") between spaces, so that it does not run
 * into the words around it and the sentence stays one. The page's own
 * elements in it are walked as the page's.
 */
static int put_math(html_ctx *c, xmlNodePtr math, unsigned depth)
{
	xmlChar *display = xmlGetProp(math, (const xmlChar *)"display");
	int block = display && xmlStrcasecmp(display, (const xmlChar *)"block") == 0;
	clint_mathml_sink out;
	int rc = CLINT_OK;

	xmlFree(display);
	memset(&out, 0, sizeof(out));
	out.put = math_text;
	out.check = math_check;
	out.other = math_other;
	out.ctx = c;
	out.html = 1;
	if (block)
		rc = put_text(c, " ", 1);
	if (rc >= 0)
		rc = clint_mathml_put(math, depth + 1, &out);
	if (rc >= 0 && block)
		rc = put_text(c, " ", 1);
	return rc;
}

/* True if `n` has attribute `name` with a value other than white space. */
static int has_value(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const xmlChar *p = v;
	int has;

	while (p && *p && strchr(" \t\r\n\f", *p))
		p++;
	has = p && *p;
	xmlFree(v);
	return has;
}

/* True if attribute `name` of `n` is `value`, case and surrounding white
 * space aside (SVG's display and visibility attributes). */
static int attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *p = (const char *)v;
	size_t len = strlen(value);
	int is = 0;

	if (p) {
		while (*p && strchr(" \t\r\n\f", *p))
			p++;
		is = strncasecmp(p, value, len) == 0;
		for (p += is ? len : 0; is && *p; p++)
			if (!strchr(" \t\r\n\f", *p))
				is = 0;
	}
	xmlFree(v);
	return is;
}

/* True if a browser shows the fallback content of <object> `n`: it has
 * no data, and no type the browser shows itself (Chromium draws an empty
 * box for an image, video, PDF or page type without data; an unknown
 * type shows the fallback). */
static int fallback_shown(xmlNodePtr n)
{
	static const char *const shown[] = {
		"image/", "text/", "video/", "audio/", "application/pdf",
		"application/xhtml+xml", "application/xml", NULL};
	xmlChar *type;
	const char *const *k;
	int fallback = 1;

	if (has_value(n, "data"))
		return 0;
	type = xmlGetProp(n, (const xmlChar *)"type");
	for (k = shown; type && fallback && *k; k++) {
		const char *t = (const char *)type;

		while (*t && strchr(" \t\r\n\f", *t))
			t++;
		fallback = strncasecmp(t, *k, strlen(*k)) != 0;
	}
	xmlFree(type);
	return fallback;
}

/* A tag at which a browser leaves SVG content for the page's. */
static int breaks_out(xmlNodePtr n)
{
	return name_in(n, svg_breakout) ||
	       (name_is(n, "font") &&
	        (xmlHasProp(n, (const xmlChar *)"color") ||
	         xmlHasProp(n, (const xmlChar *)"face") ||
	         xmlHasProp(n, (const xmlChar *)"size")));
}

/*
 * An element of inline SVG (the <svg> itself, or one inside it that does
 * not end it): only <text> elements' text is drawn, each a piece of its
 * own (between spaces); <foreignObject> holds the page's content again,
 * and so do <desc> and <title>, which are not drawn; what is not drawn
 * (`undrawn`: left out or hidden; <defs>, display="none", all but the
 * first child of a <switch>) is walked all the same, without putting
 * text, because an HTML tag met anywhere inside (walk_node) ends the SVG
 * there, as a browser's parser does: the rest up to the end of the
 * outermost <svg> is then the page's, shown, as visible as the page was
 * where the SVG began (`invisible`, the caller's).
 */
static int walk_svg(html_ctx *c, xmlNodePtr n, const inline_style *st,
                    int undrawn, int invisible, unsigned depth)
{
	int svg = c->svg, broke = c->svg_broke, base_inv = c->svg_base_invisible;
	unsigned text = c->svg_text, was_undrawn = c->svg_undrawn;
	unsigned base = c->svg_base_undrawn;
	int rc = CLINT_OK;

	if (!svg) {  /* an <svg> in the page's content */
		c->svg = 1;
		c->svg_broke = 0;
		c->svg_base_undrawn = c->svg_undrawn;
		c->svg_base_invisible = invisible;
	}
	if (undrawn || name_in(n, svg_undrawn) || attr_is(n, "display", "none"))
		c->svg_undrawn++;
	if (st->hidden < 0 && (attr_is(n, "visibility", "hidden") ||
	                       attr_is(n, "visibility", "collapse")))
		c->invisible = 1;
	else if (st->hidden < 0 && attr_is(n, "visibility", "visible"))
		c->invisible = 0;
	/* HTML integration points: an HTML tag in them does not end the SVG */
	if (name_is(n, "foreignobject") || name_is(n, "desc") ||
	    name_is(n, "title"))
		c->svg = 0;
	if (name_is(n, "text")) {
		c->svg_text++;
		rc = put_text(c, " ", 1);
		if (rc >= 0)
			rc = walk(c, n->children, depth + 1);
		if (rc >= 0 && !c->svg_broke)
			rc = put_text(c, " ", 1);
	} else if (name_is(n, "switch")) {
		/* draws its first element child (conditions not evaluated) */
		xmlNodePtr k;
		int first = 1;

		for (k = n->children; k && rc >= 0; k = k->next) {
			int off = c->svg && !first;

			if (k->type == XML_ELEMENT_NODE)
				first = 0;
			c->svg_undrawn += (unsigned)off;
			rc = walk_node(c, k, depth + 1);
			if (off && !c->svg_broke)
				c->svg_undrawn--;
		}
	} else {
		rc = walk(c, n->children, depth + 1);
	}
	if (c->svg_broke && (svg || broke)) {
		/* ended inside: the rest of the outermost <svg> is the page's */
		c->svg = 0;
		c->svg_broke = 1;
		c->svg_text = 0;
		c->svg_undrawn = c->svg_base_undrawn;
	} else {
		c->svg = svg;
		c->svg_broke = broke;
		c->svg_text = text;
		c->svg_undrawn = was_undrawn;
		c->svg_base_undrawn = base;
		c->svg_base_invisible = base_inv;
	}
	return rc;
}

/* Puts the text under `n` and nothing else (no blocks, no line breaks): an
 * option's or a textarea's content, which a browser shows as text, the
 * text of hidden markup in it too (but not a script's, nor an option
 * libxml2 nested in another). */
static int put_plain(html_ctx *c, xmlNodePtr n, unsigned depth)
{
	int rc = CLINT_OK;

	for (; n && rc >= 0; n = n->next) {
		if ((rc = check_node(c, depth)) < 0)
			break;
		if (n->type == XML_TEXT_NODE && n->content)
			rc = put_text(c, (const char *)n->content,
			              strlen((const char *)n->content));
		else if (n->type == XML_ELEMENT_NODE && !name_in(n, dropped) &&
		         !name_is(n, "option") && !name_is(n, "optgroup"))
			rc = put_plain(c, n->children, depth + 1);
	}
	return rc;
}

/* An option's text: its label, else its content. */
static int put_option(html_ctx *c, xmlNodePtr opt, unsigned depth)
{
	xmlChar *label = xmlGetProp(opt, (const xmlChar *)"label");
	int rc;

	if (label && *label)
		rc = put_text(c, (const char *)label, strlen((const char *)label));
	else
		rc = put_plain(c, opt->children, depth + 1);
	xmlFree(label);
	return rc;
}

/* Finds, under `n` (a select, an optgroup, or an element libxml2 put
 * options in: a browser lists them all the same), the last option marked
 * selected and the first one not disabled nor in a disabled group
 * (`off`), to a depth of 32 and up to `end` (select_end()): 1 once it
 * is met. */
static int find_shown(xmlNodePtr n, xmlNodePtr end, int off, unsigned depth,
                      xmlNodePtr *selected, xmlNodePtr *first)
{
	xmlNodePtr k;

	for (k = n->children; k; k = k->next) {
		if (k == end)
			return 1;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (name_is(k, "option")) {
			if (xmlHasProp(k, (const xmlChar *)"selected"))
				*selected = k;
			if (!*first && !off && !xmlHasProp(k, (const xmlChar *)"disabled"))
				*first = k;
		}
		if (depth < 32 && !name_is(k, "select") && !name_is(k, "datalist") &&
		    find_shown(k, end, off || (name_is(k, "optgroup") &&
		                               xmlHasProp(k, (const xmlChar *)
		                                          "disabled")),
		               depth + 1, selected, first))
			return 1;
	}
	return 0;
}

/* The first <input>, <textarea> or <keygen> under `n` (a select) in tree
 * order, to a depth of 32, or NULL: a browser ends an open select there
 * (libxml2 puts the rest of the page in it, and an unclosed select before
 * a hidden input hid all the page after it). */
static xmlNodePtr select_end(xmlNodePtr n, unsigned depth)
{
	xmlNodePtr k, e;

	for (k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (name_is(k, "input") || name_is(k, "textarea") ||
		    name_is(k, "keygen"))
			return k;
		if (depth < 32 && (e = select_end(k, depth + 1)))
			return e;
	}
	return NULL;
}

/* One line of a list box: an option's text or a group's label, after a
 * line break when it is not the first; not a hidden one. */
static int put_box_line(html_ctx *c, xmlNodePtr o, const char *label,
                        int *lines, unsigned depth)
{
	inline_style st = style_of(o);
	int rc = CLINT_OK, invisible = c->invisible;

	if (hidden(o, &st))
		return CLINT_OK;
	if (st.hidden >= 0)
		c->invisible = st.hidden;
	if (!c->invisible && (*lines)++ && c->doc->block_open) {
		rc = clint_doc_put(c->doc, "\n", 1);
		c->last_space = 1;
	}
	if (rc >= 0)
		rc = label ? put_text(c, label, strlen(label))
		           : put_option(c, o, depth);
	c->invisible = invisible;
	return rc;
}

/* The lines of a list box under `n`, in tree order, to a depth of 32 and
 * up to `end` (select_end(); *ended set once it is met). */
static int put_box(html_ctx *c, xmlNodePtr n, xmlNodePtr end, int *ended,
                   int *lines, unsigned depth, unsigned level)
{
	xmlNodePtr k;
	int rc = CLINT_OK;

	for (k = n->children; k && rc >= 0 && !*ended; k = k->next) {
		inline_style st;

		if (k == end) {
			*ended = 1;
			break;
		}
		if (k->type != XML_ELEMENT_NODE || name_is(k, "select") ||
		    name_is(k, "datalist"))
			continue;
		if (name_is(k, "optgroup")) {
			xmlChar *label = xmlGetProp(k, (const xmlChar *)"label");

			st = style_of(k);
			if (hidden(k, &st)) {
				xmlFree(label);
				continue;
			}
			rc = put_box_line(c, k, label ? (const char *)label : "", lines,
			                  depth + 1);
			xmlFree(label);
		} else if (name_is(k, "option")) {
			rc = put_box_line(c, k, NULL, lines, depth + 1);
		}
		if (rc >= 0 && level < 32)
			rc = put_box(c, k, end, ended, lines, depth + 1, level + 1);
	}
	return rc;
}

/*
 * A <select>: a drop-down list shows one option, the last one marked
 * selected, else the first that is not disabled (hidden or not); a list
 * box (multiple, or size above 1) shows them all, each on a line, and
 * the labels of their groups. Between spaces, so that the option does
 * not run into the words around it ("within [120 days] of").
 */
static int put_select(html_ctx *c, xmlNodePtr sel, unsigned depth)
{
	int box = xmlHasProp(sel, (const xmlChar *)"multiple") ||
	          prop_long(sel, "size", 1) > 1;
	xmlNodePtr selected = NULL, first = NULL, end = select_end(sel, 0), k;
	int rc, lines = 0, ended = 0;

	rc = put_text(c, " ", 1);
	if (rc >= 0 && box) {
		rc = put_box(c, sel, end, &ended, &lines, depth, 0);
	} else if (rc >= 0) {
		find_shown(sel, end, 0, 0, &selected, &first);
		if (selected || first)
			rc = put_option(c, selected ? selected : first, depth);
	}
	if (rc >= 0)
		rc = put_text(c, " ", 1);
	/* the select ended at `end`: it and what follows it are the page's */
	if (end && rc >= 0)
		rc = walk_node(c, end, depth + 1);
	for (k = end; k && k != sel && rc >= 0; k = k->parent) {
		xmlNodePtr after;

		for (after = k->next; after && rc >= 0; after = after->next)
			rc = walk_node(c, after, depth + 1);
	}
	return rc;
}

/* A <textarea>: its text, white space kept, as a browser shows it in the
 * box (without the line break right after the start tag), between
 * spaces. */
static int put_textarea(html_ctx *c, xmlNodePtr n, unsigned depth)
{
	xmlNodePtr k = n->children;
	int rc = put_text(c, " ", 1);

	c->pre++;
	if (rc >= 0 && k && k->type == XML_TEXT_NODE && k->content &&
	    (k->content[0] == '\n' || (k->content[0] == '\r' && k->content[1] == '\n'))) {
		const char *t = (const char *)k->content + (k->content[0] == '\r' ? 2 : 1);
		rc = put_text(c, t, strlen(t));
		k = k->next;
	}
	if (rc >= 0)
		rc = put_plain(c, k, depth + 1);
	c->pre--;
	if (rc >= 0)
		rc = put_text(c, " ", 1);
	return rc;
}

/* The number of digits at *p (at most `max`), *p moved past them. */
static size_t digits(const char **p, size_t max)
{
	size_t n = 0;

	while (n < max && clint_isdigit((unsigned char)**p)) {
		(*p)++;
		n++;
	}
	return n;
}

/* A two-digit number at *p from lo to hi, *p moved past it. */
static int two_digits(const char **p, int lo, int hi)
{
	const char *q = *p;
	int v;

	if (digits(p, 2) != 2)
		return 0;
	v = (q[0] - '0') * 10 + (q[1] - '0');
	return v >= lo && v <= hi;
}

/* A year (four digits or more, above 0) at *p, *p moved past it; -1 if
 * none. */
static long year_at(const char **p)
{
	const char *q = *p;
	size_t n = digits(p, 9);
	long y = n >= 4 ? strtol(q, NULL, 10) : -1;

	return y > 0 ? y : -1;
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "yyyy-mm" and, with `day`, "-dd" at *p, a date of the calendar (no
 * 2023-02-30: a browser shows such a field empty). */
static int valid_date(const char **p, int day)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y = year_at(p);
	const char *m;
	int mon, d;

	if (y < 0 || *(*p)++ != '-')
		return 0;
	m = *p;
	if (!two_digits(p, 1, 12))
		return 0;
	mon = (m[0] - '0') * 10 + (m[1] - '0');
	if (!day)
		return 1;
	if (*(*p)++ != '-')
		return 0;
	m = *p;
	if (!two_digits(p, 1, 31))
		return 0;
	d = (m[0] - '0') * 10 + (m[1] - '0');
	return d <= days[mon - 1] + (mon == 2 && leap(y));
}

/* True if ISO year y has 53 weeks: it begins on a Thursday, or is a leap
 * year beginning on a Wednesday. */
static int long_year(long y)
{
	long p = (y + y / 4 - y / 100 + y / 400) % 7;      /* Dec 31 of y */
	long q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;

	return p == 4 || q == 3;
}

static int valid_time(const char **p)
{
	if (!two_digits(p, 0, 23) || *(*p)++ != ':' || !two_digits(p, 0, 59))
		return 0;
	if (**p != ':')
		return 1;
	(*p)++;
	if (!two_digits(p, 0, 59))
		return 0;
	if (**p != '.')
		return 1;
	(*p)++;
	return digits(p, 3) >= 1;
}

/*
 * True if `v` is a value an <input> of `type` shows: a browser shows the
 * value of a number, date or time field only if it is a valid one (the
 * HTML standard's value sanitization: "NUMBERSMUGGLE" in a number field
 * shows an empty field), any value of a text field.
 */
static int value_shown(const char *type, const char *v)
{
	const char *p = v;

	if (strcasecmp(type, "number") == 0) {
		double x = strtod(v, NULL);
		size_t n;

		if (!(x < 1.7976931348623157e308 && x > -1.7976931348623157e308))
			return 0;  /* 1e400: not a number a field holds */
		if (*p == '-')
			p++;
		n = digits(&p, SIZE_MAX);
		if (*p == '.') {
			p++;
			if (!digits(&p, SIZE_MAX))
				return 0;
		} else if (!n) {
			return 0;
		}
		if (*p == 'e' || *p == 'E') {
			p++;
			if (*p == '-' || *p == '+')
				p++;
			if (!digits(&p, SIZE_MAX))
				return 0;
		}
		return !*p;
	}
	if (strcasecmp(type, "date") == 0)
		return valid_date(&p, 1) && !*p;
	if (strcasecmp(type, "month") == 0)
		return valid_date(&p, 0) && !*p;
	if (strcasecmp(type, "week") == 0) {
		long y = year_at(&p);
		const char *w;

		if (y < 0 || *p++ != '-' || *p++ != 'W')
			return 0;
		w = p;
		return two_digits(&p, 1, 53) && !*p &&
		       (w[0] != '5' || w[1] != '3' || long_year(y));
	}
	if (strcasecmp(type, "time") == 0)
		return valid_time(&p) && !*p;
	if (strcasecmp(type, "datetime-local") == 0)
		return valid_date(&p, 1) && (*p == 'T' || *p == ' ') && (p++, 1) &&
		       valid_time(&p) && !*p;
	return 1;
}

/* An <input> of a type that shows its value as text (a number or a date
 * only when valid): the value, between spaces. */
static int put_input(html_ctx *c, xmlNodePtr n)
{
	xmlChar *type = xmlGetProp(n, (const xmlChar *)"type"), *value = NULL;
	const char *t = type ? (const char *)type : "text";
	int rc = CLINT_OK;

	if (!value_in_case(t, valueless_inputs))
		value = xmlGetProp(n, (const xmlChar *)"value");
	if (value && *value && value_shown(t, (const char *)value)) {
		rc = put_text(c, " ", 1);
		if (rc >= 0)
			rc = put_text(c, (const char *)value, strlen((const char *)value));
		if (rc >= 0)
			rc = put_text(c, " ", 1);
	}
	xmlFree(value);
	xmlFree(type);
	return rc;
}

/* Walks one node and what it holds. */
static int walk_node(html_ctx *c, xmlNodePtr n, unsigned depth)
{
	int rc, invisible = c->invisible, in_svg = c->svg;
	clint_block_type saved_type;
	unsigned saved_level;
	inline_style st;

	if ((rc = check_node(c, depth)) < 0)
		return rc;
	/* no CDATA: HTML's is the content of <script> and <style>, whose
	 * text was not kept (left_out) */
	if (n->type == XML_TEXT_NODE) {
		/* SVG draws the text of its <text> elements only */
		if (c->svg && !c->svg_text)
			return CLINT_OK;
		return n->content ? put_text(c, (const char *)n->content,
		                             strlen((const char *)n->content))
		                  : CLINT_OK;
	}
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return CLINT_OK;
	if (c->svg && breaks_out(n)) {  /* back in the page, as it was */
		c->svg = 0;
		c->svg_broke = 1;
		c->svg_text = 0;
		c->svg_undrawn = c->svg_base_undrawn;
		c->invisible = invisible = c->svg_base_invisible;
	}
	st = style_of(n);  /* left_out(), with the style kept */
	if (c->svg || name_is(n, "svg")) {
		/* the hidden attribute is HTML's: an SVG element ignores it */
		int undrawn = name_in(n, dropped) || st.display_none == 1;

		if (st.hidden >= 0)
			c->invisible = st.hidden;
		rc = walk_svg(c, n, &st, undrawn, invisible, depth);
		goto done;
	}
	if (name_in(n, dropped) || hidden(n, &st))
		return CLINT_OK;
	if (st.hidden >= 0)
		c->invisible = st.hidden;
	if (name_is(n, "select")) {
		rc = put_select(c, n, depth);
	} else if (name_is(n, "textarea")) {
		rc = put_textarea(c, n, depth);
	} else if (name_is(n, "input")) {
		rc = put_input(c, n);
	} else if (name_is(n, "object") && !fallback_shown(n)) {
		c->objects++;  /* the object is shown, its fallback is not */
	} else if (clint_mathml_is_math(n, 1)) {
		rc = put_math(c, n, depth);
	} else if (name_is(n, "br")) {
		if (c->doc->block_open) {
			TRY(clint_doc_put(c->doc, "\n", 1));
			c->last_space = 1;
		}
	} else if (name_is(n, "ol") || name_is(n, "ul") || name_is(n, "menu")) {
		saved_type = c->type;
		saved_level = c->level;
		TRY(walk_list(c, n, depth + 1));
		TRY(end_block(c, saved_type, saved_level));
	} else if ((n->name[0] == 'h' || n->name[0] == 'H') && n->name[1] >= '1' &&
	           n->name[1] <= '6' && !n->name[2]) {
		TRY(end_block(c, CLINT_BLOCK_HEADING, (unsigned)(n->name[1] - '0')));
		TRY(walk(c, n->children, depth + 1));
		TRY(end_block(c, CLINT_BLOCK_PARAGRAPH, 0));
	} else if (name_is(n, "td") || name_is(n, "th")) {
		TRY(end_block(c, CLINT_BLOCK_TABLE_CELL, 0));
		TRY(walk(c, n->children, depth + 1));
		TRY(end_block(c, CLINT_BLOCK_PARAGRAPH, 0));
	} else if (name_in(n, block_elems)) {
		/* a block inside a list item or cell keeps that type */
		int in_item = c->type == CLINT_BLOCK_LIST_ITEM ||
		              c->type == CLINT_BLOCK_TABLE_CELL;
		saved_type = in_item ? c->type : CLINT_BLOCK_PARAGRAPH;
		saved_level = in_item ? c->level : 0;
		if (c->doc->block_open || !in_item)
			TRY(end_block(c, saved_type, saved_level));
		/* a table's cells outside any tr are a row too */
		if (name_is(n, "tr") || name_is(n, "table"))
			clint_doc_table_row(c->doc);
		if (name_is(n, "pre"))
			c->pre++;
		rc = walk(c, n->children, depth + 1);
		if (name_is(n, "table"))
			clint_doc_table_row(c->doc);  /* an outer row goes on apart */
		if (name_is(n, "pre"))
			c->pre--;
		if (rc < 0)
			goto done;
		TRY(end_block(c, saved_type, saved_level));
	} else {
		TRY(walk(c, n->children, depth + 1));
	}
done:
	/* an SVG element the SVG ended in: the page's visibility goes on */
	c->invisible = in_svg && c->svg_broke ? c->svg_base_invisible : invisible;
	return rc;
}

/* Walks the sibling list starting at `n`. */
static int walk(html_ctx *c, xmlNodePtr n, unsigned depth)
{
	int rc = CLINT_OK;

	for (; n && rc >= 0; n = n->next)
		rc = walk_node(c, n, depth);
	return rc;
}

/*
 * A copy of data[0..len) with each "<!-->" and "<!--->" written "<!---->"
 * (*out NULL when there is none): a browser reads them as empty comments,
 * libxml2 2.9 as a comment that runs to the next "-->", and the text in
 * between, which a browser shows, was lost without a word. Done before
 * anything else reads the page (the attribute count too). Returns
 * CLINT_OK or CLINT_ENOMEM.
 */
static int open_empty_comments(const unsigned char *data, size_t len,
                               unsigned char **out, size_t *out_len)
{
	clint_buf b = CLINT_BUF_INIT;
	const unsigned char *end = data + len, *p = data, *at = data, *q;
	size_t n;

	*out = NULL;
	while ((q = memchr(at, '<', (size_t)(end - at))) != NULL) {
		n = 0;
		if (end - q >= 5 && memcmp(q, "<!--", 4) == 0)
			n = q[4] == '>' ? 5
			    : end - q >= 6 && q[4] == '-' && q[5] == '>' ? 6 : 0;
		if (!n) {
			at = q + 1;
			continue;
		}
		if (clint_buf_put(&b, (const char *)p, (size_t)(q - p)) < 0 ||
		    clint_buf_puts(&b, "<!---->") < 0)
			goto oom;
		p = at = q + n;
	}
	if (p == data)
		return CLINT_OK;
	if (clint_buf_put(&b, (const char *)p, (size_t)(end - p)) < 0)
		goto oom;
	*out = (unsigned char *)b.data;
	*out_len = b.len;
	return CLINT_OK;
oom:
	clint_buf_free(&b);
	return CLINT_ENOMEM;
}

/* True if from the first NUL of data[0..len) on there is nothing but
 * NULs and white space: a page padded with NULs loses nothing where
 * libxml2 stops. */
static int only_padding(const unsigned char *data, size_t len)
{
	const unsigned char *p = memchr(data, 0, len), *end = data + len;

	if (!p)
		return 0;
	for (; p < end; p++)
		if (*p && !strchr(" \t\r\n\f", *p))
			return 0;
	return 1;
}

/* clint_extract_html() of bytes libxml2 reads in `encoding` (NULL: as
 * it detects) with parser options `options` too. */
static int parse_html(clint_doc *doc, const unsigned char *data, size_t len,
                      const char *encoding, int options, clint_diag *diag)
{
	html_ctx c;
	clint_xml_quiet quiet;
	clint_xml_count count;
	htmlParserCtxtPtr pctx;
	const xmlError *err;
	htmlDocPtr hdoc;
	xmlNodePtr root;
	int rc;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.diag = diag;
	c.type = CLINT_BLOCK_PARAGRAPH;
	if (len > (size_t)0x7fffffff) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "HTML input over 2 GiB: refused");
		return CLINT_ELIMIT;
	}
	if (clint_tag_over_attrs((const char *)data, len, CLINT_MAX_ATTRS, 0)) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "a tag with more than %d attributes: refused",
		               CLINT_MAX_ATTRS);
		return CLINT_ELIMIT;
	}
	clint_xml_init();
	pctx = htmlNewParserCtxt();
	if (!pctx)
		return CLINT_ENOMEM;
	clint_xml_count_begin(&count, pctx, HTML_MAX_NODES);
	count.drop = left_out;  /* their text is never read */
	count.mem = &doc->mem;  /* the tree, until it is freed */
	count.stray = cond_marker;
	clint_xml_quiet_begin(&quiet);
	hdoc = htmlCtxtReadMemory(pctx, len ? (const char *)data : "", (int)len,
	                          doc->name, encoding, options |
	                          HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                              HTML_PARSE_NOWARNING);
	clint_xml_quiet_end(&quiet);
	clint_xml_count_end(&count, pctx);
	if (count.over) {
		/* stopped while building the tree: refused as the walk would */
		if (count.huge_text) {
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0, "%s",
			               CLINT_XML_TEXT_REFUSAL);
		} else if (count.mem_over) {
			char why[160];

			clint_xml_mem_refusal(why, sizeof(why), &doc->mem);
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0, "%s", why);
			doc->mem.over = 0;  /* said */
		} else {
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "more than %u HTML nodes: refused", HTML_MAX_NODES);
		}
		xmlFreeDoc(hdoc);
		clint_mem_give(&doc->mem, count.mem_taken);
		htmlFreeParserCtxt(pctx);
		return CLINT_ELIMIT;
	}
	if (pctx->input && pctx->input->buf && pctx->input->buf->error) {
		/* bytes the declared encoding has no character for (0x81 in
		 * windows-1252, a broken Shift_JIS pair): libxml2's input stops
		 * there and the page ended at that byte, with no error passed
		 * on - the rest of the contract would be read as missing */
		char name[32];

		if (!clint_declared_encoding((const char *)data, len, name))
			snprintf(name, sizeof(name), "%s", "?");
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "the declared encoding '%s' is unknown, or has no "
		               "character for some of the bytes: refused (the text "
		               "after them would be lost); save the page as UTF-8",
		               name);
		xmlFreeDoc(hdoc);
		clint_mem_give(&doc->mem, count.mem_taken);
		htmlFreeParserCtxt(pctx);
		return CLINT_EFORMAT;
	}
	if (pctx->input && pctx->input->cur < pctx->input->end &&
	    !only_padding(data, len)) {
		/* libxml2 takes a NUL byte (after a tag, in one, in UTF-16 a
		 * U+0000) for the end of the input, with no error: one byte hid
		 * the rest of a contract that a browser shows */
		if (memchr(data, 0, len))
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "a NUL character, where the HTML parser stops: "
			               "refused (the text after it would be lost)");
		else
			clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
			               "the HTML parser stopped before the end of the "
			               "page: refused (the text after it would be lost)");
		xmlFreeDoc(hdoc);
		clint_mem_give(&doc->mem, count.mem_taken);
		htmlFreeParserCtxt(pctx);
		return CLINT_EFORMAT;
	}
	err = xmlCtxtGetLastError(pctx);
	if (err && err->code == XML_ERR_INTERNAL_ERROR && err->message &&
	    strstr(err->message, "depth")) {
		/* libxml2 stops at its depth limit: the rest would be lost */
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "HTML elements nested deeper than %d: refused",
		               HTML_MAX_DEPTH);
		xmlFreeDoc(hdoc);
		clint_mem_give(&doc->mem, count.mem_taken);
		htmlFreeParserCtxt(pctx);
		return CLINT_ELIMIT;
	}
	htmlFreeParserCtxt(pctx);
	if (!hdoc) {
		clint_mem_give(&doc->mem, count.mem_taken);
		if (len == 0)
			return CLINT_OK;
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "the HTML could not be parsed");
		return CLINT_EFORMAT;
	}
	root = xmlDocGetRootElement(hdoc);
	rc = root ? walk_node(&c, root, 0) : CLINT_OK;
	if (rc >= 0)  /* past the text's limit: clint_extract() says so */
		rc = end_block(&c, CLINT_BLOCK_PARAGRAPH, 0);
	xmlFreeDoc(hdoc);
	clint_mem_give(&doc->mem, count.mem_taken);
	if (rc >= 0 && c.objects)
		clint_diag_add(diag, CLINT_DIAG_NOTE, doc->name, 0, 0,
		               "the fallback text of %u <object> element(s) with "
		               "data or a type a browser shows not read: it is "
		               "shown only when the object cannot be", c.objects);
	return rc;
}

/* parse_html() of the page with its empty comments opened. */
static int read_html(clint_doc *doc, const unsigned char *data, size_t len,
                     const char *encoding, int options, clint_diag *diag)
{
	unsigned char *open;
	size_t open_len;
	int rc = open_empty_comments(data, len, &open, &open_len);

	if (rc < 0)
		return rc;
	if (!open)
		return parse_html(doc, data, len, encoding, options, diag);
	rc = parse_html(doc, open, open_len, encoding, options, diag);
	free(open);
	return rc;
}

/* True if `name` is one of labels[0..n) (any case). */
static int label_in(const char *name, const char *const *labels, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(name, labels[i]) == 0)
			return 1;
	return 0;
}

/* True for the labels a browser reads as Windows-1252 (the WHATWG
 * Encoding standard's: ISO-8859-1 and ASCII among them). Left out, one
 * was read as its iconv encoding: ASCII refused the page, ISO-8859-1 made
 * a "Supplier\x92s" apostrophe a control character. */
static int windows_1252(const char *name)
{
	static const char *const labels[] = {
		"windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1",
		"iso_8859-1", "iso88591", "iso_8859-1:1987", "iso-ir-100",
		"csisolatin1", "latin1", "l1", "us-ascii", "ascii",
		"ansi_x3.4-1968", "cp819", "ibm819",
	};

	return label_in(name, labels, ARRAY_LEN(labels));
}

/* True for the labels a browser reads as UTF-8 in a page without a byte
 * order mark (the WHATWG Encoding standard's, and UTF-16's). */
static int utf8_label(const char *name)
{
	static const char *const labels[] = {
		"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8",
		"unicode20utf8", "x-unicode20utf8", "utf-16", "utf-16le",
		"utf-16be", "utf16", "utf16le", "utf16be",
	};

	return label_in(name, labels, ARRAY_LEN(labels));
}

/* True if libxml2 can read encoding `name` (its own, or through iconv).
 * libxml2 is initialised first: xmlFindCharEncodingHandler() of 2.9
 * otherwise sets up its table of handlers itself, unlocked, and two
 * threads reading such pages at once (-j N) both wrote it. */
static int encoding_known(const char *name)
{
	xmlCharEncodingHandlerPtr h;

	clint_xml_init();
	h = xmlFindCharEncodingHandler(name);
	if (!h)
		return 0;
	xmlCharEncCloseFunc(h);  /* frees the handlers it made for iconv */
	return 1;
}

/* The encoding a browser reads for label `name` where it is a superset
 * (the WHATWG Encoding standard's): pages labelled Shift_JIS use CP932's
 * NEC and IBM characters, GB2312 pages GBK's, and so on; read as their
 * label, such a character stopped the page. */
static const char *web_encoding(const char *name)
{
	static const struct {
		const char *label, *encoding;
	} supersets[] = {
		{"shift_jis", "CP932"},   {"shift-jis", "CP932"},
		{"sjis", "CP932"},        {"x-sjis", "CP932"},
		{"ms_kanji", "CP932"},    {"csshiftjis", "CP932"},
		{"gb2312", "GB18030"},    {"gb_2312", "GB18030"},
		{"gb_2312-80", "GB18030"}, {"csgb2312", "GB18030"},
		{"gbk", "GB18030"},       {"x-gbk", "GB18030"},
		{"chinese", "GB18030"},   {"euc-kr", "CP949"},
		{"ks_c_5601-1987", "CP949"}, {"korean", "CP949"},
		{"csEUCKR", "CP949"},     {"iso-8859-9", "WINDOWS-1254"},
		{"iso8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
		{"tis-620", "CP874"},     {"iso-8859-11", "CP874"},
		{"big5", "BIG5-HKSCS"},   {"euc-jp", "EUC-JP-MS"},
		{"cseucpkdfmtjapanese", "EUC-JP-MS"}, {"x-euc-jp", "EUC-JP-MS"},
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(supersets); i++)
		if (strcasecmp(name, supersets[i].label) == 0 &&
		    encoding_known(supersets[i].encoding))
			return supersets[i].encoding;
	return name;
}

/*
 * Fills `doc` from HTML bytes (the caller finishes the build). Returns 0
 * or a negative CLINT_E* with an error naming doc->name in `diag`.
 * The scans of the bytes (clint_tag_over_attrs()) must read what libxml2
 * reads: UTF-16 with a byte order mark is converted to UTF-8 first and
 * read as such, whatever it declares; a page that declares an encoding
 * where "<" is not the ASCII byte (EBCDIC, UTF-7, UTF-16/32 without a
 * byte order mark) is refused.
 *
 * libxml2 reads a page that declares no encoding as ISO-8859-1 (a UTF-8
 * "Supplier’s" came out "Supplierâ" and two C1 controls), and one that
 * declares UTF-8 as ISO-8859-1 from its first byte that is not UTF-8 on,
 * without a word. So those pages are decoded here and handed over as
 * UTF-8: a page that declares none as a text file is (UTF-8, else
 * Windows-1252, with a note), one that declares UTF-8 with each bad byte
 * as U+FFFD (with a note), one that declares Windows-1252 or a label a
 * browser reads as it (ISO-8859-1, ASCII) as Windows-1252, as a browser
 * shows them. A declared encoding libxml2 does not know is ignored (as
 * if none were declared, with a note); another is named to libxml2 (as
 * the superset a browser reads for its label: CP932 for Shift_JIS, ...),
 * and a byte that does not convert in it is refused (read_html()).
 */
int clint_extract_html(clint_doc *doc, const unsigned char *data, size_t len,
                       clint_diag *diag)
{
	char *conv, name[32];
	size_t clen = 0, bad, count;
	int rc, declared;
	clint_buf b = CLINT_BUF_INIT;

	if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
	                 (data[0] == 0xFE && data[1] == 0xFF))) {
		conv = clint_utf16_to_utf8(data + 2, len - 2, data[0] == 0xFE, &clen);
		if (!conv)
			return CLINT_ENOMEM;
		rc = read_html(doc, (const unsigned char *)conv, clen, "UTF-8",
		               HTML_PARSE_IGNORE_ENC, diag);
		free(conv);
		return rc;
	}
	declared = clint_declared_encoding((const char *)data, len, name);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		/* a byte order mark says UTF-8, whatever the page declares */
		data += 3;
		len -= 3;
		declared = 1;
		snprintf(name, sizeof(name), "%s", "utf-8");
	}
	/* UTF-8 under the other names a browser reads as it, and a page
	 * that declares UTF-16 in ASCII bytes (with no byte order mark) is
	 * not in UTF-16: a browser reads it as UTF-8 too */
	if (declared && utf8_label(name))
		snprintf(name, sizeof(name), "%s", "utf-8");
	/* libxml2 is told the encoding below, and to ignore what the page
	 * says: only the declaration read here counts (anywhere in the file
	 * "charset=utf-16" had the page refused, in a contract's text too) */
	if (declared && clint_encoding_unsafe(name) && !windows_1252(name)) {
		clint_diag_add(diag, CLINT_DIAG_ERROR, doc->name, 0, 0,
		               "HTML declared in encoding '%s', which is not read "
		               "(it hides the markup from the checks): save it as "
		               "UTF-8",
		               name);
		return CLINT_EFORMAT;
	}
	if (declared && !windows_1252(name) && strcmp(name, "utf-8") != 0 &&
	    strcmp(name, "utf8") != 0 && !encoding_known(name)) {
		/* libxml2 read the page as ISO-8859-1 then: a UTF-8 page's
		 * "Supplier’s" came out "Supplierâ" */
		clint_diag_add(diag, CLINT_DIAG_NOTE, doc->name, 0, 0,
		               "the declared encoding '%s' is unknown: read as if "
		               "none were declared",
		               name);
		declared = 0;
	}
	if (declared && windows_1252(name)) {
		/* iconv has no character for five of its bytes (0x81, 0x8D,
		 * 0x8F, 0x90, 0x9D), which browsers read; up to three bytes
		 * each, within the text's limit */
		b.limit = doc->build.limit;
		rc = clint_decode_cp1252(&b, data, len);
		if (rc == CLINT_OK)
			rc = read_html(doc, (const unsigned char *)(b.data ? b.data : ""),
			               b.len, "UTF-8", HTML_PARSE_IGNORE_ENC, diag);
		clint_buf_free(&b);
		return rc;
	}
	if (declared && strcmp(name, "utf-8") != 0 && strcmp(name, "utf8") != 0)
		/* named to libxml2, which otherwise reads only a <meta> and
		 * took an XHTML page's XML declaration for nothing (ISO-8859-1) */
		return read_html(doc, data, len, web_encoding(name),
		                 HTML_PARSE_IGNORE_ENC, diag);
	bad = clint_utf8_invalid_from(data, len, 0);
	if (bad == len)
		return read_html(doc, data, len, "UTF-8", HTML_PARSE_IGNORE_ENC, diag);
	if (declared) {
		rc = clint_decode_utf8_lenient(&b, data, len, 1, &count);
		if (rc == CLINT_OK)
			clint_diag_add(diag, CLINT_DIAG_NOTE, doc->name, 0, 0,
			               "declared UTF-8 but not valid UTF-8 (byte 0x%02X "
			               "at offset %zu): %zu such byte%s read as U+FFFD",
			               data[bad], bad, count, count == 1 ? "" : "s");
	} else {
		rc = clint_decode_undeclared(&b, data, len, bad, doc->name, diag);
	}
	if (rc == CLINT_OK)
		rc = read_html(doc, (const unsigned char *)(b.data ? b.data : ""),
		               b.len, "UTF-8", HTML_PARSE_IGNORE_ENC, diag);
	clint_buf_free(&b);
	return rc;
}
