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
 * does) and bounds the walk: its check() is called for every node with
 * its depth, as the caller's own walk does.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "extract.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

#define NS_MATHML "http://www.w3.org/1998/Math/MathML"

static int put(const clint_mathml_sink *o, const char *s)
{
	return o->put(o->ctx, s, strlen(s));
}

/* True if `n` is the MathML element `name`: in the MathML namespace, or
 * for a page read by the HTML parser (no namespaces) with that name
 * after any prefix, in any case. */
static int is_math(const clint_mathml_sink *o, xmlNodePtr n, const char *name)
{
	const char *local;

	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	if (!o->html)
		return n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)NS_MATHML) &&
		       xmlStrEqual(n->name, (const xmlChar *)name);
	local = strrchr((const char *)n->name, ':');
	local = local ? local + 1 : (const char *)n->name;
	return xmlStrcasecmp((const xmlChar *)local, (const xmlChar *)name) == 0;
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

/* The text of a token element (mi, mn, mo, mtext, ms): its text nodes,
 * and those of what it holds (a page's <span> inside an <mtext>). */
static int put_token(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	const char *s, *p;
	int rc = CLINT_OK;

	for (n = n->children; n && rc >= 0; n = n->next) {
		if ((rc = o->check(o->ctx, depth)) < 0)
			break;
		if (n->type == XML_ELEMENT_NODE) {
			rc = put_token(o, n, depth + 1);
			continue;
		}
		if (n->type != XML_TEXT_NODE || !n->content)
			continue;
		/* U+2061 (function application): "sin x"; U+2062 to U+2064
		 * (invisible times, separator, plus): nothing */
		for (s = p = (const char *)n->content; rc >= 0 && *p; p++) {
			if (memcmp(p, "\xE2\x81", 2) != 0 || (unsigned char)p[2] < 0xA1 ||
			    (unsigned char)p[2] > 0xA4)
				continue;
			rc = o->put(o->ctx, s, (size_t)(p - s));
			if (rc >= 0 && p[2] == '\xA1')
				rc = put(o, " ");
			s = p + 3;
			p += 2;
		}
		if (rc >= 0)
			rc = put(o, s);
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

/* An mfenced: its elements between its open and close characters, its
 * separators (each in turn, the last repeated) between them. */
static int put_fenced(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	xmlChar *open = xmlGetNsProp(n, (const xmlChar *)"open", NULL);
	xmlChar *close = xmlGetNsProp(n, (const xmlChar *)"close", NULL);
	xmlChar *seps = xmlGetNsProp(n, (const xmlChar *)"separators", NULL);
	const char *sep = seps ? (const char *)seps : ",";
	xmlNodePtr k;
	size_t i = 0, j, len;
	int rc, first = 1;

	rc = put(o, open ? (const char *)open : "(");
	for (k = n->children; k && rc >= 0; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		while (sep[i] == ' ')
			i++;
		if (!first && sep[i]) {
			/* one UTF-8 character */
			for (len = 1; (sep[i + len] & 0xC0) == 0x80; len++)
				;
			rc = o->put(o->ctx, sep + i, len);
			/* the last one repeats: white space after it is not one */
			for (j = i + len; sep[j] == ' ' || sep[j] == '\t' ||
			                  sep[j] == '\n' || sep[j] == '\r'; j++)
				;
			if (sep[j])
				i = j;
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

/* The elements `n` holds from `k` on, `sep` between them: a table's rows
 * or cells, a row's items. */
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
		if (!is_math(o, k, "none") && (rc = put(o, i % 2 ? "^(" : "_(")) >= 0 &&
		    (rc = put_math(o, k, depth)) >= 0)
			rc = put(o, ")");
		i++;
	}
	return rc;
}

/* What an maction shows: its child number "selection" (1 by default). */
static xmlNodePtr action_shown(xmlNodePtr n)
{
	xmlChar *sel = xmlGetNsProp(n, (const xmlChar *)"selection", NULL);
	unsigned long v = sel ? strtoul((const char *)sel, NULL, 10) : 1;
	xmlNodePtr k;

	xmlFree(sel);
	k = v >= 1 && v <= 1000000 ? child(n, (unsigned)v - 1) : NULL;
	return k ? k : child(n, 0);
}

/* One MathML element and what it holds. */
static int put_math(const clint_mathml_sink *o, xmlNodePtr n, unsigned depth)
{
	static const char *const skipped[] = {
		"annotation", "annotation-xml", "mphantom", "none", "mprescripts",
		"maligngroup", "malignmark",
	};
	static const char *const tokens[] = {"mi", "mn", "mo", "mtext", "ms"};
	xmlNodePtr k;
	size_t i;
	int rc;

	if ((rc = o->check(o->ctx, depth)) < 0)
		return rc;
	if (n->type != XML_ELEMENT_NODE ||
	    (!o->html && (!n->ns || !xmlStrEqual(n->ns->href,
	                                         (const xmlChar *)NS_MATHML))))
		return CLINT_OK;
	for (i = 0; i < ARRAY_LEN(skipped); i++)
		if (is_math(o, n, skipped[i]))
			return CLINT_OK;
	for (i = 0; i < ARRAY_LEN(tokens); i++)
		if (is_math(o, n, tokens[i]))
			return put_token(o, n, depth + 1);
	if (is_math(o, n, "mspace"))
		return put(o, " ");
	if (is_math(o, n, "semantics")) {
		/* what is shown: its first child that is not an annotation */
		for (k = n->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && !is_math(o, k, "annotation") &&
			    !is_math(o, k, "annotation-xml"))
				return put_math(o, k, depth + 1);
		return CLINT_OK;
	}
	if (is_math(o, n, "maction")) {
		k = action_shown(n);
		return k ? put_math(o, k, depth + 1) : CLINT_OK;
	}
	if (is_math(o, n, "mmultiscripts")) {
		/* the prescripts, the base, its scripts: "_(k)R_(i)^(j)" */
		xmlNodePtr base = child(n, 0), pre;

		for (pre = base ? base->next : NULL; pre; pre = pre->next)
			if (is_math(o, pre, "mprescripts"))
				break;
		if (pre)
			TRY(put_scripts(o, pre->next, NULL, depth + 1));
		if (base)
			TRY(put_math(o, base, depth + 1));
		return base ? put_scripts(o, base->next, pre, depth + 1) : CLINT_OK;
	}
	if (is_math(o, n, "mlabeledtr")) {
		/* its label (the first child) at its side, after its cells */
		TRY(put_rows_from(o, child(n, 1), " ", depth + 1));
		if ((k = child(n, 0)) != NULL) {
			TRY(put(o, " "));
			TRY(put_math(o, k, depth + 1));
		}
		return CLINT_OK;
	}
	if (is_math(o, n, "mfrac")) {
		TRY(put_part(o, n, 0, "(", ")", depth + 1));
		return put_part(o, n, 1, "/(", ")", depth + 1);
	}
	if (is_math(o, n, "msqrt")) {
		TRY(put(o, "\xE2\x88\x9A"));
		return put_rows(o, n, "", depth + 1);
	}
	if (is_math(o, n, "mroot")) {
		/* the index first: "(3)√x" */
		TRY(put_part(o, n, 1, "(", ")", depth + 1));
		return put_part(o, n, 0, "\xE2\x88\x9A", "", depth + 1);
	}
	if (is_math(o, n, "mfenced"))
		return put_fenced(o, n, depth + 1);
	if (is_math(o, n, "mtable"))
		return put_rows(o, n, "; ", depth + 1);
	if (is_math(o, n, "mtr"))
		return put_rows(o, n, " ", depth + 1);
	if (is_math(o, n, "msup") || is_math(o, n, "mover") ||
	    is_math(o, n, "msub") || is_math(o, n, "munder") ||
	    is_math(o, n, "msubsup") || is_math(o, n, "munderover")) {
		int sub = !is_math(o, n, "msup") && !is_math(o, n, "mover");
		int both = is_math(o, n, "msubsup") || is_math(o, n, "munderover");

		TRY(put_part(o, n, 0, "", "", depth + 1));
		TRY(put_part(o, n, 1, sub ? "_(" : "^(", ")", depth + 1));
		if (both)
			TRY(put_part(o, n, 2, "^(", ")", depth + 1));
		return CLINT_OK;
	}
	/* math, mrow, mstyle, mpadded, menclose, merror, mtd, ... */
	return put_rows(o, n, "", depth + 1);
done:
	return rc;
}

int clint_mathml_put(struct _xmlNode *math, unsigned depth,
                     const clint_mathml_sink *out)
{
	return put_math(out, math, depth);
}

int clint_mathml_is_math(struct _xmlNode *n, int html)
{
	clint_mathml_sink o;

	memset(&o, 0, sizeof(o));
	o.html = html;
	return is_math(&o, n, "math");
}
