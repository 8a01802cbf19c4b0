/*
 * mathml.c - a MathML formula as one line of text, for the extractors
 * that meet one: an ODT's formula object (odt.c) and a web page's <math>
 * (html.c). It reads as DOCX's Office Math does (docx.c): a fraction as
 * "(num)/(den)", scripts as "^(sup)" and "_(sub)" (limits under and over
 * too), a root after "√" with its index before it ("(3)√x"), fences
 * around their elements with their separators, a table's rows between
 * "; " and its cells between spaces, the invisible function application
 * a space ("sin x"). What is not shown (annotations such as the TeX or
 * StarMath source, mphantom) is left out. Left out whole, the service
 * credit formula of a clause was lost without a word.
 *
 * The caller's sink takes the text (collapsing white space as its format
 * does), bounds the walk (its check() is called for every node with its
 * depth, as the caller's own walk does) and, for a web page, walks the
 * page's own elements a formula holds where a browser shows them.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "extract.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

#define NS_MATHML "http://www.w3.org/1998/Math/MathML"
#define MAX_SEPARATORS 64

/* The MathML elements a page's tree can hold (libxml2's HTML parser
 * keeps no namespace): any other element in a formula is the page's. */
static const char *const mathml_names[] = {
	"annotation", "annotation-xml", "maction", "maligngroup", "malignmark",
	"math", "menclose", "merror", "mfenced", "mfrac", "mglyph", "mi",
	"mlabeledtr", "mlongdiv", "mmultiscripts", "mn", "mo", "mover",
	"mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms",
	"mscarries", "mscarry", "msgroup", "msline", "mspace", "msqrt",
	"msrow", "mstack", "mstyle", "msub", "msubsup", "msup", "mtable",
	"mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics",
};

static int put(const clint_mathml_sink *o, const char *s)
{
	return o->put(o->ctx, s, strlen(s));
}

/* True if `n` is the MathML element `name`: in the MathML namespace, or
 * in a page's tree (html) by its name, in any case. */
static int is_math(xmlNodePtr n, const char *name, int html)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	if (html)
		return xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
	return n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)NS_MATHML) &&
	       xmlStrEqual(n->name, (const xmlChar *)name);
}

/* True if element `n` is MathML at all. */
static int is_mathml(xmlNodePtr n, int html)
{
	size_t i;

	if (!html)
		return n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)NS_MATHML);
	for (i = 0; i < ARRAY_LEN(mathml_names); i++)
		if (is_math(n, mathml_names[i], 1))
			return 1;
	return 0;
}

/* Element child number k of `n`, or NULL. */
static xmlNodePtr child(xmlNodePtr n, unsigned k)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && k-- == 0)
			return n;
	return NULL;
}

static int put_math(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth);

/* A page's own element in a formula: where a browser shows it (an
 * <mtext>'s <span>, or a <p> that ends a formula whose </math> is
 * missing), walked by the page's reader; elsewhere left out. */
static int put_other(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	return o->other ? o->other(o->ctx, n, depth) : CLINT_OK;
}

/* What the character at p is to a token's text: 0 a character, 1 a
 * space (white space, which the sink collapses, or U+2061, the function
 * application: "sin x"), 2 nothing (U+2062 to U+2064: invisible times,
 * separator, plus). */
static int token_char(const char *p)
{
	if (strchr(" \t\r\n", *p))
		return 1;
	if (memcmp(p, "\xE2\x81", 2) != 0 || (unsigned char)p[2] < 0xA1 ||
	    (unsigned char)p[2] > 0xA4)
		return 0;
	return p[2] == '\xA1' ? 1 : 2;
}

/* One text node of a token. White space at its ends is kept (the sink
 * collapses it): trimmed, "as per <a>Schedule 2</a>" in a page's
 * <mtext> ran into "as perSchedule 2". */
static int put_token_text(const clint_mathml_sink *o, const char *p)
{
	const char *w;
	int rc = CLINT_OK, k;

	while (rc >= 0 && *p) {
		if ((k = token_char(p)) != 0) {
			if (k == 1)
				rc = put(o, " ");
			p += *p & 0x80 ? 3 : 1;
			continue;
		}
		for (w = p; *p && token_char(p) == 0; p++)
			;
		rc = o->put(o->ctx, w, (size_t)(p - w));
	}
	return rc;
}

/* The text of a token element (mi, mn, mo, mtext, ms). In a page, the
 * elements in it are the page's (a browser shows them). */
static int put_token(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	int rc = CLINT_OK;

	for (n = n->children; n && rc >= 0; n = n->next) {
		if ((rc = o->check(o->ctx, depth)) < 0)
			break;
		if (n->type == XML_TEXT_NODE && n->content)
			rc = put_token_text(o, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE && o->html &&
		         !is_mathml(n, 1))
			rc = put_other(o, n, depth);
	}
	return rc;
}
/* before, then element k, then after (if the element is there) */
static int put_part(const clint_mathml_sink *o, xmlNodePtr n, unsigned k,
                    const char *before, const char *after, unsigned depth)
{
	xmlNodePtr e = child(n, k);
	int rc;

	if (!e)
		return CLINT_OK;
	if ((rc = put(o, before)) < 0 || (rc = put_math(o, e, depth)) < 0)
		return rc;
	return put(o, after);
}

/* The elements from `k` on, `sep` between them: a row's items, a
 * table's rows, a row's cells. */
static int put_rows_from(const clint_mathml_sink *o, xmlNodePtr k,
                         const char *sep, unsigned depth)
{
	int rc = CLINT_OK, first = 1;

	for (; k && rc >= 0; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!first)
			rc = put(o, sep);
		first = 0;
		if (rc >= 0)
			rc = put_math(o, k, depth);
	}
	return rc;
}

static int put_rows(const clint_mathml_sink *o, xmlNodePtr n, const char *sep,
                    unsigned depth)
{
	return put_rows_from(o, n->children, sep, depth);
}

/*
 * An mfenced: its elements between its open and close characters, the
 * separators (one UTF-8 character each, white space between them not
 * one) in turn between the elements, the last one repeated. Split once:
 * a page's million-byte separators attribute with 20,000 elements was
 * read again for each (10 s).
 */
static int put_fenced(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	xmlChar *open = xmlGetNsProp(n, (const xmlChar *)"open", NULL);
	xmlChar *close = xmlGetNsProp(n, (const xmlChar *)"close", NULL);
	xmlChar *seps = xmlGetNsProp(n, (const xmlChar *)"separators", NULL);
	const char *p = seps ? (const char *)seps : ",";
	const char *sep[MAX_SEPARATORS];
	size_t len[MAX_SEPARATORS], count = 0, i = 0;
	xmlNodePtr k;
	int rc, first = 1;

	while (*p && count < MAX_SEPARATORS) {
		if (strchr(" \t\r\n", *p)) {
			p++;
			continue;
		}
		sep[count] = p;
		for (len[count] = 1; clint_utf8_cont(p[len[count]]); len[count]++)
			;
		p += len[count++];
	}
	rc = put(o, open ? (const char *)open : "(");
	for (k = n->children; k && rc >= 0; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!first && count) {
			rc = o->put(o->ctx, sep[i], len[i]);
			if (i + 1 < count)
				i++;
		}
		first = 0;
		if (rc >= 0)
			rc = put_math(o, k, depth);
	}
	if (rc >= 0)
		rc = put(o, close ? (const char *)close : ")");
	xmlFree(open);
	xmlFree(close);
	xmlFree(seps);
	return rc;
}

/* An mmultiscripts' (subscript, superscript) pairs from `k` to `stop`;
 * <none/> for one that is not there. */
static int put_scripts(const clint_mathml_sink *o, xmlNodePtr k,
                       xmlNodePtr stop, unsigned depth)
{
	unsigned i = 0;
	int rc = CLINT_OK;

	for (; k && k != stop && rc >= 0; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!is_math(k, "none", o->html) &&
		    (rc = put(o, i % 2 ? "^(" : "_(")) >= 0 &&
		    (rc = put_math(o, k, depth)) >= 0)
			rc = put(o, ")");
		i++;
	}
	return rc;
}

/* An mmultiscripts: the prescripts, the base, its scripts:
 * "_(k)R_(i)^(j)". */
static int put_multiscripts(const clint_mathml_sink *o, xmlNodePtr n,
                            unsigned depth)
{
	xmlNodePtr base = child(n, 0), pre;
	int rc = CLINT_OK;

	if (!base)
		return CLINT_OK;
	for (pre = base->next; pre; pre = pre->next)
		if (is_math(pre, "mprescripts", o->html))
			break;
	if (pre)
		rc = put_scripts(o, pre->next, NULL, depth);
	if (rc >= 0)
		rc = put_math(o, base, depth);
	if (rc >= 0)
		rc = put_scripts(o, base->next, pre, depth);
	return rc;
}

/* An mlabeledtr: its label (the first child) at its side, after its
 * cells. */
static int put_labeled(const clint_mathml_sink *o, xmlNodePtr n,
                       unsigned depth)
{
	xmlNodePtr label = child(n, 0);
	int rc = put_rows_from(o, label ? label->next : NULL, " ", depth);

	if (rc >= 0 && label && (rc = put(o, " ")) >= 0)
		rc = put_math(o, label, depth);
	return rc;
}

/* An mroot, its index first ("(3)√x"), or an msqrt. */
static int put_root(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	int rc;

	if (is_math(n, "msqrt", o->html))
		return (rc = put(o, "\xE2\x88\x9A")) < 0
		           ? rc : put_rows(o, n, "", depth);
	rc = put_part(o, n, 1, "(", ")", depth);
	return rc < 0 ? rc : put_part(o, n, 0, "\xE2\x88\x9A", "", depth);
}

/* A fraction, "(num)/(den)". */
static int put_frac(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	int rc = put_part(o, n, 0, "(", ")", depth);

	return rc < 0 ? rc : put_part(o, n, 1, "/(", ")", depth);
}

/* A base with scripts or limits: "x_(i)^(2)", "lim_(n)". */
static int put_scripted(const clint_mathml_sink *o, xmlNodePtr n,
                        unsigned depth)
{
	int h = o->html;
	int sub = is_math(n, "msub", h) || is_math(n, "munder", h) ||
	          is_math(n, "msubsup", h) || is_math(n, "munderover", h);
	int both = is_math(n, "msubsup", h) || is_math(n, "munderover", h);
	int rc = put_part(o, n, 0, "", "", depth);

	if (rc >= 0)
		rc = put_part(o, n, 1, sub ? "_(" : "^(", ")", depth);
	if (rc >= 0 && both)
		rc = put_part(o, n, 2, "^(", ")", depth);
	return rc;
}

/* What an maction shows: in a page its first child, as a browser does;
 * in a document its child number "selection" (1 by default). */
static xmlNodePtr action_shown(const clint_mathml_sink *o, xmlNodePtr n)
{
	xmlChar *sel;
	unsigned long v;
	xmlNodePtr k;

	if (o->html)
		return child(n, 0);
	sel = xmlGetNsProp(n, (const xmlChar *)"selection", NULL);
	v = sel ? strtoul((const char *)sel, NULL, 10) : 1;
	xmlFree(sel);
	k = v >= 1 && v <= 1000000 ? child(n, (unsigned)v - 1) : NULL;
	return k ? k : child(n, 0);
}

/* What a semantics shows: its first child that is not an annotation. */
static xmlNodePtr semantics_shown(const clint_mathml_sink *o, xmlNodePtr n)
{
	xmlNodePtr k;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    !is_math(k, "annotation", o->html) &&
		    !is_math(k, "annotation-xml", o->html))
			return k;
	return NULL;
}

/* One element of a formula and what it holds. */
static int put_math(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	static const char *const skipped[] = {
		"annotation", "annotation-xml", "mphantom", "none", "mprescripts",
		"maligngroup", "malignmark",
	};
	static const char *const tokens[] = {"mi", "mn", "mo", "mtext", "ms"};
	static const char *const scripted[] = {
		"msup", "mover", "msub", "munder", "msubsup", "munderover",
	};
	int h = o->html, rc;
	xmlNodePtr k;
	size_t i;

	if (n->type == XML_ELEMENT_NODE && !is_mathml(n, h))
		return put_other(o, n, depth);   /* it counts the node */
	if ((rc = o->check(o->ctx, depth)) < 0 || n->type != XML_ELEMENT_NODE)
		return rc;
	for (i = 0; i < ARRAY_LEN(skipped); i++)
		if (is_math(n, skipped[i], h))
			return CLINT_OK;
	for (i = 0; i < ARRAY_LEN(tokens); i++)
		if (is_math(n, tokens[i], h))
			return put_token(o, n, depth + 1);
	for (i = 0; i < ARRAY_LEN(scripted); i++)
		if (is_math(n, scripted[i], h))
			return put_scripted(o, n, depth + 1);
	if (is_math(n, "mspace", h))
		rc = put(o, " ");
	else if (is_math(n, "semantics", h))
		rc = (k = semantics_shown(o, n)) ? put_math(o, k, depth + 1) : rc;
	else if (is_math(n, "maction", h))
		rc = (k = action_shown(o, n)) ? put_math(o, k, depth + 1) : rc;
	else if (is_math(n, "mmultiscripts", h))
		rc = put_multiscripts(o, n, depth + 1);
	else if (is_math(n, "mlabeledtr", h))
		rc = put_labeled(o, n, depth + 1);
	else if (is_math(n, "mfrac", h))
		rc = put_frac(o, n, depth + 1);
	else if (is_math(n, "msqrt", h) || is_math(n, "mroot", h))
		rc = put_root(o, n, depth + 1);
	else if (is_math(n, "mfenced", h))
		rc = put_fenced(o, n, depth + 1);
	else if (is_math(n, "mtable", h))
		rc = put_rows(o, n, "; ", depth + 1);
	else if (is_math(n, "mtr", h))
		rc = put_rows(o, n, " ", depth + 1);
	else   /* mrow, mstyle, mpadded, menclose, merror, mtd, ... */
		rc = put_rows(o, n, "", depth + 1);
	return rc;
}

int clint_mathml_put(struct _xmlNode *math, unsigned depth,
                     const clint_mathml_sink *out)
{
	return put_rows(out, math, "", depth);
}

int clint_mathml_is_math(struct _xmlNode *n, int html)
{
	return is_math(n, "math", html);
}
