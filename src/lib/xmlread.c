/*
 * xmlread.c - reading untrusted XML. libxml2 parses whatever it is given,
 * and some of what it accepts costs far more than the bytes it came in:
 * a tag of many attributes (each checked against all the others: one of
 * 100,000 in a 1 MB pack ran 13 s), a DOCTYPE's declarations (defaulted
 * attributes, entities), namespace declarations (each prefix looked up
 * through all those in scope), and a tree of about 200 bytes a node. So
 * every XML file the library reads - clause packs, project files, the
 * XML entries of an ODT - goes through clint_xml_read(), which
 *   - reads the bytes as UTF-8, or a declared single-byte superset of
 *     ASCII, whatever else the file declares: the scans of the raw bytes
 *     below then read what the parser reads (in a declared EBCDIC, a
 *     pack's DOCTYPE passed a search for "<!DOCTYPE" and its 200,000
 *     defaulted attributes ran 20 s);
 *   - refuses a DOCTYPE or ENTITY in those bytes, and one the parser
 *     meets anyway;
 *   - refuses a tag of more than CLINT_MAX_ATTRS attributes before parsing
 *     (clint_tag_over_attrs(), which the HTML extractor calls too);
 *   - counts the tree's nodes while libxml2 builds it and stops past a
 *     bound, past CLINT_MAX_XML_NS namespace declarations in scope, or
 *     before a node's text passes CLINT_XML_MAX_TEXT, where libxml2 would
 *     stop and lose the rest without a word (clint_xml_count_begin(),
 *     which HTML uses too);
 *   - passes on libxml2's errors, but not those after such a stop;
 *   - keeps each element's line past 65,535, where libxml2's own field
 *     stops (clint_xml_line()).
 * libxml2 runs without network, DTD loading or entity substitution.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ascii.h"
#include "internal.h"
#include "lazylib.h"  /* after libxml2: calls through dlopen() */

/* ---- attributes: a scan of the raw bytes -------------------------------- */

/* The bytes of data[p..end) with the NULs of UTF-16/32 stepped over. */
static const char *tag_skip_nul(const char *p, const char *end)
{
	while (p < end && *p == '\0')
		p++;
	return p;
}

/* libxml2's blanks (IS_BLANK_CH): not \f */
static int tag_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int tag_letter(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* htmlParseHTMLName()'s characters; in XML (xml set) any byte of a
 * multi-byte UTF-8 character too: xmlParseQName() takes Unicode letters,
 * which a scan of ASCII names skipped (50,000 attributes named "\xC3\xA9N":
 * 2.8 s, 100,000: 14.5 s) */
static int tag_name_char(char ch, int xml)
{
	return tag_letter(ch) || (ch >= '0' && ch <= '9') || ch == ':' ||
	       ch == '-' || ch == '_' || ch == '.' ||
	       (xml && (unsigned char)ch >= 0x80);
}

#define TAG_NAME_MAX 100  /* libxml2's HTML_PARSER_BUFFER_SIZE */

/* Reads a name of at most TAG_NAME_MAX characters at *pp, lower case into
 * `lower` (NUL-terminated, cut at lsize - 1); false if none starts there. */
static int tag_name(const char **pp, const char *end, char *lower, size_t lsize,
                    int xml)
{
	const char *p = tag_skip_nul(*pp, end);
	size_t n = 0;

	if (p == end || !(tag_letter(*p) || *p == '_' || *p == ':' || *p == '.' ||
	                  (xml && (unsigned char)*p >= 0x80)))
		return 0;
	while (p < end && n < TAG_NAME_MAX && tag_name_char(*p, xml)) {
		if (lower && n + 1 < lsize)
			lower[n] = (char)(*p | (tag_letter(*p) ? 0x20 : 0));
		n++;
		p = tag_skip_nul(p + 1, end);
	}
	if (lower && lsize)
		lower[n < lsize ? n : lsize - 1] = '\0';
	*pp = p;
	return 1;
}

static const char *tag_skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == '\0' || tag_blank(*p)))
		p++;
	return p;
}

/*
 * A search of the raw bytes from some point on, remembered: `stop` is
 * where it stopped (the match, a NUL or the end), `found` whether it
 * matched. Asked again from a point at or before `stop`, the answer is
 * the same, so the scan stays linear: without it each of 250,000
 * unterminated "<!--" (or "<script>") searched to the end of the file
 * (1 MB: over 120 s).
 */
typedef struct {
	const char *stop;
	int found;
} tag_memo;

/* The first "</" and a letter at or after p, before a NUL; NULL if none. */
static const char *tag_find_close(tag_memo *m, const char *p, const char *end)
{
	if (!m->stop || p > m->stop) {
		for (; p < end && *p; p++)
			if (*p == '<' && end - p > 2 && p[1] == '/' && tag_letter(p[2]))
				break;
		m->stop = p;
		m->found = p < end && *p;
	}
	return m->found ? m->stop : NULL;
}

/* The first `needle` at or after p, before a NUL; NULL if none. */
static const char *tag_find(tag_memo *m, const char *p, const char *end,
                            const char *needle)
{
	size_t n = strlen(needle);

	if (!m->stop || p > m->stop) {
		for (; p < end && *p; p++)
			if ((size_t)(end - p) >= n && memcmp(p, needle, n) == 0)
				break;
		m->stop = p;
		m->found = p < end && *p;
	}
	return m->found ? m->stop : NULL;
}

int clint_tag_over_attrs(const char *data, size_t len, size_t limit, int xml)
{
	const char *p = data, *end = data + len;
	tag_memo close1 = {NULL, 0}, close2 = {NULL, 0}, raw = {NULL, 0};

	/*
	 * The attribute loop of libxml2's htmlParseStartTag() (2.9.14), which
	 * XML's grammar only narrows: a name is at most 100 characters (a
	 * longer run starts another attribute), no blank is needed after a
	 * quoted value, and a character that cannot start a name is skipped
	 * to the next blank, quotes and all. Dropped duplicates are counted:
	 * the count is never below libxml2's.
	 */
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *q = p + 1, *e;
		char name[8];
		size_t attrs = 0;

		if (q + 3 <= end && memcmp(q, "!--", 3) == 0) {
			/* a comment: its text is not markup (to the first "-->"
			 * or "--!>"; unterminated or with a NUL, read on) */
			const char *c1 = tag_find(&close1, q + 3, end, "-->");
			const char *c2 = tag_find(&close2, q + 3, end, "--!>");

			if (c2 && (!c1 || c2 < c1))
				c1 = c2;
			p = c1 ? c1 + 3 : q;
			continue;
		}
		if (!tag_name(&q, end, name, sizeof(name), xml)) {
			p++;
			continue;
		}
		for (;;) {
			q = tag_skip_blanks(q, end);
			if (q == end || *q == '>' ||
			    (*q == '/' && tag_skip_nul(q + 1, end) < end &&
			     *tag_skip_nul(q + 1, end) == '>'))
				break;
			if (!tag_name(&q, end, NULL, 0, xml)) {
				/* not a name: skipped to a blank or the tag's end */
				while (q < end && !tag_blank(*q) && *q != '>' &&
				       !(*q == '/' && tag_skip_nul(q + 1, end) < end &&
				         *tag_skip_nul(q + 1, end) == '>'))
					q++;
				continue;
			}
			if (++attrs > limit)
				return 1;
			q = tag_skip_blanks(q, end);
			if (q == end || *q != '=')
				continue;
			q = tag_skip_blanks(q + 1, end);
			if (q < end && (*q == '"' || *q == '\'')) {
				e = memchr(q + 1, *q, (size_t)(end - q - 1));
				q = e ? e + 1 : end;
			} else {
				while (q < end && !tag_blank(*q) && *q != '>')
					q++;
			}
		}
		p = q;
		/* script and style: raw text to the first "</" and a letter
		 * (or a NUL: read on); in HTML only: XML reads their content
		 * as markup (an ODT <script> hid 50,000 attributes: 2.7 s) */
		if (!xml && q < end && *q == '>' &&
		    (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
			if ((e = tag_find_close(&raw, q + 1, end)) != NULL)
				p = e;
		}
	}
	return 0;
}


/* ---- declared encodings -------------------------------------------------- */

/* Encodings a document may declare in which "<" and the attribute syntax
 * are not the ASCII bytes the scans read (EBCDIC code pages, UTF-7,
 * UTF-16/32, UCS): prefixes of their names, lower case. */
static const char *const unsafe_encodings[] = {
	"ibm", "cp037", "cp273", "cp277", "cp278", "cp280", "cp284", "cp285",
	"cp297", "cp500", "cp871", "cp875", "cp1026", "cp1047", "cp114",
	"ebcdic", "utf-7", "utf7", "utf-16", "utf16", "utf-32", "utf32", "ucs",
	"csibm", "csucs", "csunicode", "unicode",
};

/* A character of an encoding's name (letters, digits, - _ . :). */
static int encoding_char(char ch)
{
	return ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' ||
	       ch == ':';
}

/* The value declared after `key` at the start of data[0..len)
 * ("charset = 'x'", "encoding=\"x\""): lower case into name (at most 31
 * bytes of letters, digits, - _ . :); its length, 0 if none. */
static size_t declared_value(const char *data, size_t len, const char *key,
                             char name[32])
{
	size_t kl = strlen(key), j, n;

	if (len < kl || strncasecmp(data, key, kl) != 0)
		return 0;
	for (j = kl; j < len && (data[j] == ' ' || data[j] == '\t' ||
	                             data[j] == '\r' || data[j] == '\n');
	     j++)
		;
	if (j == len || data[j] != '=')
		return 0;
	for (j++; j < len && (data[j] == ' ' || data[j] == '\t' ||
	                      data[j] == '"' || data[j] == '\'');
	     j++)
		;
	for (n = 0; j + n < len && n < 31 && encoding_char(data[j + n]); n++)
		name[n] = (char)tolower((unsigned char)data[j + n]);
	name[n] = '\0';
	return n;
}

int clint_encoding_unsafe(const char *name)
{
	/* IBM's DOS code pages are ASCII with other upper halves (IBM866 is
	 * the Cyrillic one browsers read), not EBCDIC */
	static const char *const dos[] = {
		"437", "737", "775", "819", "850", "852", "855", "857", "858",
		"860", "861", "862", "863", "864", "865", "866", "869",
	};
	const char *p = name;
	size_t k;

	if (strncasecmp(p, "cs", 2) == 0)
		p += 2;
	if (strncasecmp(p, "ibm", 3) == 0) {
		p += 3;
		p += *p == '-' || *p == '_';
		for (k = 0; k < sizeof(dos) / sizeof(*dos); k++)
			if (strcmp(p, dos[k]) == 0)
				return 0;
	}
	for (k = 0; k < sizeof(unsafe_encodings) / sizeof(*unsafe_encodings); k++)
		if (strncasecmp(name, unsafe_encodings[k],
		                strlen(unsafe_encodings[k])) == 0)
			return 1;
	return 0;
}

/* True if data[i..n) holds `key`'s declared value: into name. */
static int declared_in(const char *data, size_t i, size_t n, const char *key,
                       char name[32])
{
	for (; i < n; i++)
		if ((data[i] | 0x20) == key[0] &&
		    declared_value(data + i, n - i, key, name))
			return 1;
	return 0;
}

/* The encoding the attributes tag[0..len) of a <meta> declare, as a
 * browser reads them: its charset attribute, or with http-equiv (any:
 * browsers want content-type) the charset= of its content. A keywords
 * or description meta's content saying "charset=koi8-r" made a UTF-8
 * page read as KOI8-R. */
static int meta_charset(const char *tag, size_t len, char name[32])
{
	const char *content = NULL, *v;
	size_t k = 0, n, nl, vl, content_len = 0;
	int pragma = 0;

	while (k < len) {
		while (k < len && (tag_blank(tag[k]) || tag[k] == '/'))
			k++;
		for (n = k; n < len && !tag_blank(tag[n]) && tag[n] != '=' &&
		            tag[n] != '/';
		     n++)
			;
		if (n == k)
			break;
		nl = n - k;
		v = NULL;
		vl = 0;
		while (n < len && tag_blank(tag[n]))
			n++;
		if (n < len && tag[n] == '=') {
			for (n++; n < len && tag_blank(tag[n]); n++)
				;
			if (n < len && (tag[n] == '"' || tag[n] == '\'')) {
				const char *e = memchr(tag + n + 1, tag[n], len - n - 1);

				v = tag + n + 1;
				vl = e ? (size_t)(e - v) : len - n - 1;
				n = e ? (size_t)(e - tag) + 1 : len;
			} else {
				for (v = tag + n; n < len && !tag_blank(tag[n]); n++)
					;
				vl = (size_t)(tag + n - v);
			}
		}
		if (nl == 7 && strncasecmp(tag + k, "charset", 7) == 0) {
			/* "charset = 'x'": declared_value() reads it */
			if (v && declared_value(tag + k, len - k, "charset", name))
				return 1;
		} else if (nl == 10 && strncasecmp(tag + k, "http-equiv", 10) == 0) {
			pragma = 1;
		} else if (nl == 7 && strncasecmp(tag + k, "content", 7) == 0 && v) {
			content = v;
			content_len = vl;
		}
		k = n;
	}
	return pragma && content &&
	       declared_in(content, 0, content_len, "charset", name);
}

/*
 * Only where a page declares its encoding, as libxml2 and a browser read
 * it: an XML declaration at its start, and a <meta> tag (charset="x", or
 * http-equiv's content="text/html; charset=x"), not in a comment. Any
 * "charset=" or "encoding=" of the file was taken: one in a comment, a
 * <link charset> or <form accept-charset> before the meta, or in the
 * text ("sent with encoding=base64") made a UTF-8 page read as another
 * encoding.
 */
int clint_declared_encoding(const char *data, size_t len, char name[32])
{
	const char *e;
	size_t i, n;

	if (len >= 5 && memcmp(data, "<?xml", 5) == 0) {
		e = memchr(data, '>', len);
		n = e ? (size_t)(e - data) : len;
		if (declared_in(data, 5, n, "encoding", name))
			return 1;
	}
	for (i = 0; i + 5 < len; i++) {
		if (data[i] != '<')
			continue;
		if (len - i >= 4 && memcmp(data + i, "<!--", 4) == 0) {
			/* to the end of the comment, or of the file */
			for (n = i + 4; n + 2 < len && memcmp(data + n, "-->", 3) != 0;
			     n++)
				;
			i = n + 2;
			continue;
		}
		if (strncasecmp(data + i + 1, "meta", 4) != 0 ||
		    !(tag_blank(data[i + 5]) || data[i + 5] == '/'))
			continue;
		/* the tag, to its '>' outside quotes */
		for (n = i + 5; n < len && data[n] != '>'; n++)
			if (data[n] == '"' || data[n] == '\'') {
				e = memchr(data + n + 1, data[n], len - n - 1);
				n = e ? (size_t)(e - data) : len - 1;
			}
		if (meta_charset(data + i + 5, (n < len ? n : len) - (i + 5), name))
			return 1;
		i = n;
	}
	return 0;
}

/* The encoding an XML declaration names if it is a single-byte superset
 * of ASCII (ISO-8859-*, windows-125*, US-ASCII), lower case in `name`,
 * else "UTF-8". */
static const char *read_encoding(const char *data, size_t len, char name[32])
{
	static const char *const ok[] = {"iso-8859-", "windows-125", "cp125",
	                                 "us-ascii", "latin1"};
	const char *p = data, *end;
	size_t i;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	end = data + (len < 256 ? len : 256);
	if (end - p < 5 || memcmp(p, "<?xml", 5) != 0)
		return "UTF-8";
	for (; p < end && *p != '>'; p++) {
		if (!declared_value(p, (size_t)(end - p), "encoding", name))
			continue;
		if (strcmp(name, "ascii") == 0)
			return name;
		for (i = 0; i < sizeof(ok) / sizeof(*ok); i++)
			if (strncmp(name, ok[i], strlen(ok[i])) == 0)
				return name;
		return "UTF-8";
	}
	return "UTF-8";
}

/* ---- counting the nodes of a tree while it is parsed ------------------- */

enum {
	SAVED_START, SAVED_START_NS, SAVED_END_NS, SAVED_CHARS, SAVED_BLANKS,
	SAVED_CDATA, SAVED_COMMENT, SAVED_PI, SAVED_REFERENCE, SAVED_SUBSET
};

/* Counts `n` nodes; false (and the parser stopped) past the limit. */
void clint_xml_mem_refusal(char *out, size_t cap, clint_mem *m)
{
	size_t limit = m ? m->limit : 0;

	if (limit % (1024 * 1024) == 0)
		snprintf(out, cap, "more memory to parse than the document memory "
		         "limit of %zu MiB allows (--max-doc-memory): refused",
		         limit / (1024 * 1024));
	else
		snprintf(out, cap, "more memory to parse than the document memory "
		         "limit of %zu bytes allows (--max-doc-memory): refused",
		         limit);
}

/* Charges `bytes` of the tree to the caller's budget: 0 (the parser
 * stopped, `mem_over` set) when it refuses them. */
static int charge(xmlParserCtxtPtr pctx, size_t bytes)
{
	clint_xml_count *c = pctx->_private;

	if (!c->mem || !bytes)
		return 1;
	if (clint_mem_take(c->mem, bytes) != CLINT_OK) {
		c->over = c->mem_over = 1;
		xmlStopParser(pctx);
		return 0;
	}
	c->mem_taken += bytes;
	return 1;
}

static int count_nodes(void *ctx, size_t n)
{
	xmlParserCtxtPtr pctx = ctx;
	clint_xml_count *c = pctx->_private;

	if (c->over)
		return 0;
	c->nodes += n;
	if (c->nodes > c->limit) {
		c->over = 1;
		xmlStopParser(pctx);
		return 0;
	}
	return charge(pctx, n * CLINT_XML_NODE_BYTES);
}

#define SAVED(ctx, i) (((clint_xml_count *)((xmlParserCtxtPtr)(ctx))->_private)->saved[i])

/* True while the element `drop` was true of is open: it is the node at
 * its place in the parser's stack (the tree builder's nodeTab, which
 * follows the HTML parser's implied ends too). */
static int dropping(xmlParserCtxtPtr pctx, clint_xml_count *c)
{
	if (!c->drop_node)
		return 0;
	if (pctx->nodeNr > c->drop_at && pctx->nodeTab &&
	    pctx->nodeTab[c->drop_at] == c->drop_node)
		return 1;
	c->drop_node = NULL;  /* it has ended */
	return 0;
}

static void count_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxtPtr pctx = ctx;
	clint_xml_count *c = pctx->_private;
	size_t n = 1, values = 0;

	while (atts && atts[2 * (n - 1)]) {
		if (c->mem && atts[2 * (n - 1) + 1])  /* charged only then */
			values += strlen((const char *)atts[2 * (n - 1) + 1]);
		n++;
	}
	if (!count_nodes(ctx, n) || !charge(pctx, values))
		return;
	((startElementSAXFunc)SAVED(ctx, SAVED_START))(ctx, name, atts);
	/* the element just made, at the top of the stack */
	if (c->drop && !dropping(pctx, c) && pctx->nodeNr > 0 && pctx->node &&
	    pctx->nodeTab[pctx->nodeNr - 1] == pctx->node &&
	    pctx->node->type == XML_ELEMENT_NODE && c->drop(pctx->node)) {
		c->drop_node = pctx->node;
		c->drop_at = pctx->nodeNr - 1;
	}
}

static void count_start_ns(void *ctx, const xmlChar *localname,
                           const xmlChar *prefix, const xmlChar *uri,
                           int nb_namespaces, const xmlChar **namespaces,
                           int nb_attributes, int nb_defaulted,
                           const xmlChar **attributes)
{
	xmlParserCtxtPtr pctx = ctx;
	clint_xml_count *c = pctx->_private;

	/* libxml2 looks each prefix up through every declaration in scope
	 * (xmlSearchNs(), for each prefixed attribute): 250 nested tags of
	 * 255 declarations made one cost 64,000 string compares, and an
	 * 8 MiB pack of such attributes ran for minutes */
	c->ns += (size_t)nb_namespaces;
	if (!c->over && c->ns > CLINT_MAX_XML_NS) {
		c->over = c->ns_over = 1;
		xmlStopParser(pctx);
		return;
	}
	if (!count_nodes(ctx, 1 + (size_t)nb_namespaces + (size_t)nb_attributes))
		return;
	if (c->mem) {  /* the values: localname, prefix, URI, start, end */
		size_t values = 0;
		int i;

		for (i = 0; attributes && i < nb_attributes; i++)
			if (attributes[5 * i + 3] && attributes[5 * i + 4] >
			                                 attributes[5 * i + 3])
				values += (size_t)(attributes[5 * i + 4] -
				                   attributes[5 * i + 3]);
		if (!charge(pctx, values))
			return;
	}
	((startElementNsSAX2Func)SAVED(ctx, SAVED_START_NS))(
		ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
		nb_defaulted, attributes);
	/* the element just made: from line 65,535 on its own 16 bits say
	 * only 65535 (and xmlGetLineNo() reads on to the line where the next
	 * text ends), so the line goes where clint_xml_line() reads it */
	if (pctx->node && pctx->node->type == XML_ELEMENT_NODE &&
	    pctx->node->line == 65535 && pctx->input && pctx->input->line >= 65535)
		pctx->node->_private = (void *)(uintptr_t)pctx->input->line;
}

static void count_end_ns(void *ctx, const xmlChar *localname,
                         const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr pctx = ctx;
	clint_xml_count *c = pctx->_private;
	xmlNsPtr ns;

	/* the element it ends is still pctx->node: the declarations it made
	 * go out of scope */
	if (pctx->node && pctx->node->type == XML_ELEMENT_NODE)
		for (ns = pctx->node->nsDef; ns && c->ns; ns = ns->next)
			c->ns--;
	((endElementNsSAX2Func)SAVED(ctx, SAVED_END_NS))(ctx, localname, prefix,
	                                                 uri);
}

/*
 * A run of text: a new node, counted, unless it follows text of its kind,
 * which libxml2's SAX2 handler adds it to (the three runs of "a&amp;b" are
 * one node). That handler also stops the parser, as if out of memory,
 * where a node's text would pass XML_MAX_TEXT_LENGTH (10,000,000 bytes):
 * the rest of the document was lost without a word (a 20 MB paragraph
 * read as its first 10 MB). So the text of the node being added to is
 * measured here, and the parser stopped (`huge_text`) before that happens.
 * Text inside an element the caller drops is not kept at all (`drop`):
 * a 12 MB script, or a hidden paragraph of as much, passed that bound and
 * was refused, though the HTML walk never reads it.
 */
static void count_text(void *ctx, const xmlChar *ch, int len, int slot,
                       xmlElementType type)
{
	xmlParserCtxtPtr pctx = ctx;
	clint_xml_count *c = pctx->_private;
	xmlNodePtr last = pctx->node ? pctx->node->last : NULL;
	int join = last && last->type == type;
	size_t run = (size_t)(len > 0 ? len : 0);

	if (dropping(pctx, c))
		return;

	if (join && last == c->text)
		run += c->text_len;
	if (run > CLINT_XML_MAX_TEXT && !c->over) {
		/* after a well-formedness error libxml2 may pass on what it could
		 * not parse as text (the bytes of a 10 MB attribute value): that
		 * error is the one to report, not the text. Not in HTML, where
		 * any tag libxml2 2.9 does not know (<section>) clears the flag
		 * and the page's text after the run was lost without a word */
		if (pctx->wellFormed || pctx->html)
			c->over = c->huge_text = 1;
		xmlStopParser(pctx);
		return;
	}
	if (!count_nodes(ctx, join ? 0 : 1) ||
	    !charge(pctx, (size_t)(len > 0 ? len : 0)))
		return;
	/* charactersSAXFunc, ignorableWhitespaceSAXFunc and cdataBlockSAXFunc
	 * are one type */
	((charactersSAXFunc)SAVED(ctx, slot))(ctx, ch, len);
	c->text = pctx->node ? pctx->node->last : NULL;
	c->text_len = run;
}

/* A byte a character reference can hold after its '&'. */
static int reference_byte(xmlChar c)
{
	return clint_isalnum(c) || c == '#' || c == ';';
}

static int hex_digit(xmlChar c)
{
	return clint_isdigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* True if the bytes before `at` (from `base` on) end with a character
 * reference the HTML parser reads as '<': "&lt;", "&#60;" or "&#x3c;"
 * (the numeric ones also without the ';', with any number of leading
 * zeros). The scan back stops at a byte no reference holds, so each
 * byte is looked at for one marker at most. */
static int lt_reference_before(const xmlChar *base, const xmlChar *at)
{
	const xmlChar *p = at, *q;
	unsigned long v = 0;
	int hex;

	while (p > base && p[-1] != '&' && reference_byte(p[-1]))
		p--;
	if (p == base || p[-1] != '&')
		return 0;
	if (at - p == 3 && memcmp(p, "lt;", 3) == 0)
		return 1;
	if (*p++ != '#')
		return 0;
	hex = p < at && (*p == 'x' || *p == 'X');
	p += hex;
	for (q = p; q < at && (hex ? hex_digit(*q) : clint_isdigit(*q)) &&
	            v < 0x10000; q++)
		v = v * (hex ? 16 : 10) +
		    (unsigned long)(clint_isdigit(*q) ? *q - '0'
		                                      : (*q | 0x20) - 'a' + 10);
	if (q < at && *q == ';')
		q++;
	return q > p && q == at && v == '<';
}

/*
 * Markup the HTML parser does not know (libxml2 2.9: "<![if x]>"): it
 * passes on the '<' as text, while its input is still at it, and then
 * the rest as text; a "&lt;" it has read past. Where the caller's
 * `stray` asks for it, the input steps over the markup but its last
 * byte, which the parser steps over itself, and nothing is passed on.
 * Only a marker with its end read into the input (before its NUL) is
 * left out.
 */
static int count_stray(xmlParserCtxtPtr pctx, const xmlChar *ch, int len)
{
	clint_xml_count *c = pctx->_private;
	xmlParserInputPtr in = pctx->input;
	size_t m, i, at;

	if (!c->stray || len != 1 || ch[0] != '<' || !in || !in->cur ||
	    in->cur[0] != '<' || (m = c->stray((const char *)in->cur)) < 2 ||
	    (in->end && (size_t)(in->end - in->cur) < m))
		return 0;
	/* a reference to '<' right before the markup ("&lt;<![if x]>") is
	 * passed on first, its input already at the markup: it is kept, and
	 * the markup met next */
	at = (size_t)in->consumed + (size_t)(in->cur - in->base) + 1;
	if (c->stray_ref != at && in->base &&
	    lt_reference_before(in->base, in->cur)) {
		c->stray_ref = at;
		return 0;
	}
	for (i = 0; i + 1 < m; i++) {
		if (in->cur[i] == '\n') {
			in->line++;
			in->col = 1;
		} else {
			in->col++;
		}
	}
	in->cur += m - 1;
	return 1;
}

static void count_chars(void *ctx, const xmlChar *ch, int len)
{
	if (!count_stray(ctx, ch, len))
		count_text(ctx, ch, len, SAVED_CHARS, XML_TEXT_NODE);
}

/* XML's SAX2 handler makes text of blanks too (HTML's drops them) */
static void count_blanks(void *ctx, const xmlChar *ch, int len)
{
	count_text(ctx, ch, len, SAVED_BLANKS, XML_TEXT_NODE);
}

/* A CDATA section, whose runs libxml2 joins as it joins text (HTML's are
 * the content of <script> and <style>) */
static void count_cdata(void *ctx, const xmlChar *ch, int len)
{
	count_text(ctx, ch, len, SAVED_CDATA, XML_CDATA_SECTION_NODE);
}

/* a comment's or processing instruction's text is the tree's too (a page
 * of 4 KB comments took 3.7 times its budget) */
static void count_comment(void *ctx, const xmlChar *value)
{
	if (count_nodes(ctx, 1) &&
	    charge(ctx, value ? strlen((const char *)value) : 0))
		((commentSAXFunc)SAVED(ctx, SAVED_COMMENT))(ctx, value);
}

static void count_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (count_nodes(ctx, 1) &&
	    charge(ctx, (target ? strlen((const char *)target) : 0) +
	                    (data ? strlen((const char *)data) : 0)))
		((processingInstructionSAXFunc)SAVED(ctx, SAVED_PI))(ctx, target, data);
}

static void count_reference(void *ctx, const xmlChar *name)
{
	if (count_nodes(ctx, 1))
		((referenceSAXFunc)SAVED(ctx, SAVED_REFERENCE))(ctx, name);
}

static void count_subset(void *ctx, const xmlChar *name,
                         const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr pctx = ctx;
	clint_xml_count *c = pctx->_private;

	if (c->no_dtd) {  /* before its declarations are read */
		c->dtd = 1;
		xmlStopParser(pctx);
		return;
	}
	if (count_nodes(ctx, 1))
		((internalSubsetSAXFunc)SAVED(ctx, SAVED_SUBSET))(ctx, name, external_id,
		                                                  system_id);
}

/* The callbacks wrapped, each only where the parser has one: the
 * handler's field, its slot in `saved`, the wrapper, the field's type. */
#define COUNT_CALLBACKS(X)                                                    \
	X(startElement, SAVED_START, count_start, startElementSAXFunc)            \
	X(startElementNs, SAVED_START_NS, count_start_ns, startElementNsSAX2Func) \
	X(endElementNs, SAVED_END_NS, count_end_ns, endElementNsSAX2Func)         \
	X(characters, SAVED_CHARS, count_chars, charactersSAXFunc)                \
	X(ignorableWhitespace, SAVED_BLANKS, count_blanks,                        \
	  ignorableWhitespaceSAXFunc)                                             \
	X(cdataBlock, SAVED_CDATA, count_cdata, cdataBlockSAXFunc)                \
	X(comment, SAVED_COMMENT, count_comment, commentSAXFunc)                  \
	X(processingInstruction, SAVED_PI, count_pi,                              \
	  processingInstructionSAXFunc)                                           \
	X(reference, SAVED_REFERENCE, count_reference, referenceSAXFunc)          \
	X(internalSubset, SAVED_SUBSET, count_subset, internalSubsetSAXFunc)

void clint_xml_count_begin(clint_xml_count *c, xmlParserCtxtPtr pctx,
                           size_t limit)
{
	xmlSAXHandlerPtr sax = pctx->sax;

	memset(c, 0, sizeof(*c));
	c->limit = limit;
	pctx->_private = c;
	/* the wrapper calls the parser's own through `saved` */
#define WRAP(field, slot, fn, type)                                           \
	c->saved[slot] = (void *)sax->field;                                      \
	if (sax->field)                                                           \
		sax->field = fn;
	COUNT_CALLBACKS(WRAP)
#undef WRAP
}

void clint_xml_count_end(clint_xml_count *c, xmlParserCtxtPtr pctx)
{
	xmlSAXHandlerPtr sax = pctx->sax;

#define UNWRAP(field, slot, fn, type)                                         \
	if (c->saved[slot])                                                       \
		sax->field = (type)c->saved[slot];
	COUNT_CALLBACKS(UNWRAP)
#undef UNWRAP
	pctx->_private = NULL;
}

unsigned clint_xml_line(xmlNodePtr n)
{
	long l;

	if (!n)
		return 0;
	/* an element read by clint_xml_read() from line 65,535 on
	 * (count_start_ns) */
	if (n->type == XML_ELEMENT_NODE && n->line == 65535 && n->_private)
		return (unsigned)(uintptr_t)n->_private;
	l = xmlGetLineNo(n);
	return l > 0 ? (unsigned)l : 0;
}

/* ---- clint_xml_read() ---------------------------------------------------- */

/* The caller's error handler, and the count that may stop the parse. */
typedef struct {
	xmlStructuredErrorFunc handler;
	void *ctx;
	const clint_xml_count *count;
} read_errors;

/* Passes libxml2's errors on, but not those after the count stopped the
 * parser: libxml2 goes on a little (a comment's parser restores its
 * state) and its "Premature end of data" came before the refusal. */
static void read_error(void *userdata, xmlErrorPtr err)
{
	const read_errors *r = userdata;

	if (r->handler && !r->count->over && !r->count->dtd)
		r->handler(r->ctx, err);
}

static int has_bytes(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

int clint_xml_read(xmlDocPtr *out, xmlParserCtxtPtr pctx, const char *data,
                   size_t len, const char *url, clint_xml_reader *r)
{
	clint_xml_count count;
	read_errors errors;
	char encoding[32];

	*out = NULL;
	r->why[0] = '\0';
	if (has_bytes(data, len, "<!DOCTYPE") || has_bytes(data, len, "<!ENTITY")) {
		snprintf(r->why, sizeof(r->why),
		         "DOCTYPE and entity declarations are not allowed in %s",
		         r->kind);
		return CLINT_EFORMAT;
	}
	if (len > (size_t)0x7fffffff) {
		snprintf(r->why, sizeof(r->why), "over 2 GiB of XML: refused");
		return CLINT_ELIMIT;
	}
	if (clint_tag_over_attrs(data, len, CLINT_MAX_ATTRS, 1)) {
		snprintf(r->why, sizeof(r->why),
		         "a tag with more than %d attributes: refused", CLINT_MAX_ATTRS);
		return CLINT_ELIMIT;
	}
	clint_xml_count_begin(&count, pctx, r->max_nodes ? r->max_nodes
	                                                 : CLINT_MAX_XML_NODES);
	count.no_dtd = 1;
	count.mem = r->mem;
	errors.handler = xmlStructuredError;
	errors.ctx = xmlStructuredErrorContext;
	errors.count = &count;
	xmlSetStructuredErrorFunc(&errors, read_error);
	*out = xmlCtxtReadMemory(pctx, data, (int)len, url,
	                         read_encoding(data, len, encoding),
	                         r->options | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	xmlSetStructuredErrorFunc(errors.ctx, errors.handler);
	clint_xml_count_end(&count, pctx);
	r->mem_taken = count.mem_taken;
	if (count.dtd || count.over) {  /* the tree is not kept */
		clint_mem_give(r->mem, r->mem_taken);
		r->mem_taken = 0;
	}
	if (count.dtd) {  /* in an encoding the search above did not read */
		xmlFreeDoc(*out);
		*out = NULL;
		snprintf(r->why, sizeof(r->why),
		         "DOCTYPE and entity declarations are not allowed in %s",
		         r->kind);
		return CLINT_EFORMAT;
	}
	if (count.over) {  /* stopped while building the tree */
		xmlFreeDoc(*out);
		*out = NULL;
		if (count.huge_text)
			snprintf(r->why, sizeof(r->why), "%s", CLINT_XML_TEXT_REFUSAL);
		else if (count.ns_over)
			snprintf(r->why, sizeof(r->why),
			         "more than %d namespace declarations in scope: refused",
			         CLINT_MAX_XML_NS);
		else if (count.mem_over)
			clint_xml_mem_refusal(r->why, sizeof(r->why), r->mem);
		else
			snprintf(r->why, sizeof(r->why),
			         "more than %zu XML nodes: refused", count.limit);
		return CLINT_ELIMIT;
	}
	return CLINT_OK;
}
