/*
 * xlsx.c - the cells of an Excel workbook (.xlsx), as a DOCX holds one
 * embedded: a price table pasted into a contract as an Excel object.
 * Word shows the workbook's active sheet, so that sheet is read: each
 * cell that holds something, row by row, in the range the workbook says
 * Word shows of it (oleSize), hidden rows and columns left out, its text
 * as Excel shows it: shared and inline strings, TRUE and FALSE, errors,
 * and numbers in the cell's number format from the styles part
 * (numfmt.c: "1,500.00", "5%", a date "1/1/2024" where the cell keeps
 * 45292). An active sheet that is a chart is not read.
 *
 * The text written counts against the budget with the bytes read: a
 * shared string is stored once and may be used by every cell. The
 * tables kept while the sheet is read (the shared strings, the formats
 * and the cell styles' codes) are paid for from the document's memory
 * budget, and given back when the workbook is done with: a 16 MiB
 * sharedStrings.xml of <si/> is 3.3 million strings, 40 MiB of tables.
 *
 * The workbook is untrusted like the document around it: it is opened by
 * the bounded ZIP reader (zip.c) within a budget of uncompressed bytes
 * the caller gives, and each part is parsed by the one XML reader
 * (clint_xml_read(): no DOCTYPE, a bounded number of nodes). A workbook
 * that cannot be read is not an error of the document: *why says why,
 * and the caller warns.
 */
#include <math.h>  /* isfinite(): a macro, no libm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "extract.h"
#include "zip.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_MAIN_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_REL \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define XLSX_MAX_DEPTH 64
/* one part: its tree takes about ten times as much memory */
#define XLSX_MAX_PART ((uint64_t)16 << 20)
#define XLSX_MAX_COLS 16384  /* Excel's: XFD */

/* A format of the workbook's own: its id, and where its code is in
 * `codes`; `order` keeps the last of an id (as Excel reads them). */
typedef struct {
	unsigned long id;
	size_t at, order;
} numfmt;

typedef struct {
	clint_zip zip;
	const clint_xlsx_sink *out;
	char *why;
	size_t why_cap;
	clint_mem *mem;         /* pays for the tables (NULL: nothing) ... */
	size_t tree_paid;       /* ... and the part's tree while it lives */
	clint_buf strings;      /* the shared strings, each NUL-terminated */
	size_t strings_paid;    /* of its capacity, taken from mem */
	size_t *offsets;        /* where each starts in strings */
	unsigned char *blank;   /* whether each is only white space */
	size_t count, cap, blank_cap;
	uint64_t budget;        /* bytes to read and write, in all */
	uint64_t text;          /* cell text written so far */
	/* number formats: the workbook's own (their codes NUL-terminated in
	 * `codes`), and each cell style's code */
	numfmt *fmts;
	size_t fmt_count, fmt_cap;
	clint_buf codes;
	size_t codes_paid;      /* of its capacity, taken from mem */
	const char **xf_code;
	size_t xfs, xf_cap;
	int date1904;
	unsigned char hidden_col[XLSX_MAX_COLS / 8 + 1];
	/* the range Word shows of the sheet (oleSize): first column and row,
	 * last column and row; all 0 without one */
	unsigned long shown[4];
} xlsx;

static int fail(xlsx *x, int rc, const char *why)
{
	snprintf(x->why, x->why_cap, "%s", why);
	return rc;
}

/* Takes from x->mem what buffer b has grown to past *paid, its capacity
 * paid for so far. */
static int pay(xlsx *x, const clint_buf *b, size_t *paid)
{
	int rc = CLINT_OK;

	if (b->cap > *paid &&
	    (rc = clint_mem_take(x->mem, b->cap - *paid)) >= 0)
		*paid = b->cap;
	return rc;
}

/* The element `name` in SpreadsheetML's namespace (transitional or
 * strict). */
static int is_x(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       (xmlStrEqual(n->ns->href, (const xmlChar *)NS_MAIN) ||
	        xmlStrEqual(n->ns->href, (const xmlChar *)NS_MAIN_STRICT)) &&
	       xmlStrEqual(n->name, (const xmlChar *)name);
}

/* The first child element `name` of `n`, or NULL. */
static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is_x(n, name))
			return n;
	return NULL;
}

/* Whether attribute `name` of n is true ("1" or "true"). */
static int flag(xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetNsProp(n, (const xmlChar *)name, NULL) : NULL;
	int yes = v && (xmlStrEqual(v, (const xmlChar *)"1") ||
	                xmlStrEqual(v, (const xmlChar *)"true"));

	xmlFree(v);
	return yes;
}

/* Attribute `name` of n as a number; dflt if it has none. */
static unsigned long number(xmlNodePtr n, const char *name,
                            unsigned long dflt)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, NULL);
	char *end;
	unsigned long u = dflt;

	if (v) {
		u = strtoul((const char *)v, &end, 10);
		if (end == (char *)v || *end)
			u = dflt;
		xmlFree(v);
	}
	return u;
}

/* Frees *doc, the tree parse() made, and gives back what it was charged
 * (one tree is alive at a time). */
static void free_tree(xlsx *x, xmlDocPtr *doc)
{
	xmlFreeDoc(*doc);
	*doc = NULL;
	clint_mem_give(x->mem, x->tree_paid);
	x->tree_paid = 0;
}

/* Reads part `name` and parses it, its tree charged to x->mem until
 * free_tree(); CLINT_OK with *doc NULL if there is no such part. */
static int parse(xlsx *x, const char *name, xmlDocPtr *doc)
{
	clint_xml_reader reader = {"SpreadsheetML",
	                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                               XML_PARSE_NOCDATA,
	                           CLINT_MAX_XML_NODES, "", x->mem, 0};
	const clint_zip_entry *e;
	xmlParserCtxtPtr pctx;
	clint_xml_quiet quiet;
	unsigned char *data = NULL;
	size_t len = 0;
	int rc;

	*doc = NULL;
	e = clint_zip_find(&x->zip, name);
	if (e && e->size > x->zip.lim.max_entry) {
		if (x->zip.lim.max_entry < XLSX_MAX_PART)
			snprintf(x->why, x->why_cap, "%s: over what is left of the "
			         "budget of embedded workbooks", name);
		else
			snprintf(x->why, x->why_cap, "%s: over %llu MiB", name,
			         (unsigned long long)(XLSX_MAX_PART >> 20));
		return CLINT_ELIMIT;
	}
	rc = clint_zip_read(&x->zip, name, &data, &len);
	if (rc == 1)
		return CLINT_OK;
	if (rc < 0) {
		if (rc != CLINT_ENOMEM)
			snprintf(x->why, x->why_cap, "%s: %s", name,
			         rc == CLINT_ELIMIT
			             ? "over the budget of embedded workbooks, or "
			               "compressed more than 200:1 (a ZIP bomb?)"
			             : "not readable");
		return rc;
	}
	if (!(pctx = xmlNewParserCtxt())) {
		free(data);
		return CLINT_ENOMEM;
	}
	clint_xml_quiet_begin(&quiet);
	rc = clint_xml_read(doc, pctx, (const char *)data, len, name, &reader);
	clint_xml_quiet_end(&quiet);
	if (rc != CLINT_OK && x->mem && x->mem->over) {
		x->why[0] = '\0';  /* the document's error, as for the tables */
	} else if (rc != CLINT_OK) {
		snprintf(x->why, x->why_cap, "%s: %s", name, reader.why);
	} else if (!*doc || !pctx->wellFormed) {
		snprintf(x->why, x->why_cap, "%s: not well-formed XML", name);
		rc = CLINT_EFORMAT;
	}
	x->tree_paid = reader.mem_taken;
	if (rc != CLINT_OK)
		free_tree(x, doc);
	xmlFreeParserCtxt(pctx);
	free(data);
	return rc;
}

/* The text of the <t> elements in `n` (a shared string's <si>, an inline
 * string's <is>, a run's <r>), the phonetic runs (<rPh>) left out. */
static int gather(clint_buf *b, xmlNodePtr n, unsigned depth)
{
	xmlNodePtr k;
	int rc = CLINT_OK;

	if (depth > XLSX_MAX_DEPTH)
		return CLINT_OK;
	for (k = n->children; k && rc >= 0; k = k->next) {
		if (is_x(k, "t")) {
			xmlChar *s = xmlNodeGetContent(k);
			if (!s)
				return CLINT_ENOMEM;
			rc = clint_buf_put(b, (const char *)s, strlen((const char *)s));
			xmlFree(s);
		} else if (is_x(k, "r")) {
			rc = gather(b, k, depth + 1);
		}
	}
	return rc;
}

/* xl/sharedStrings.xml, if there is one. */
static int load_strings(xlsx *x, const char *name)
{
	xmlDocPtr doc;
	xmlNodePtr si;
	int rc;

	if ((rc = parse(x, name, &doc)) < 0 || !doc)
		return rc;
	for (si = xmlDocGetRootElement(doc)->children; si && rc >= 0;
	     si = si->next) {
		if (!is_x(si, "si"))
			continue;
		size_t start = x->strings.len, i;

		if ((rc = MEM_PUSH(x->mem, x->blank, x->count, x->blank_cap)) < 0 ||
		    (rc = MEM_PUSH(x->mem, x->offsets, x->count, x->cap)) < 0)
			break;
		x->offsets[x->count] = start;
		if ((rc = gather(&x->strings, si, 0)) >= 0 &&
		    (rc = clint_buf_putc(&x->strings, '\0')) >= 0)
			rc = pay(x, &x->strings, &x->strings_paid);
		for (i = start; rc >= 0 && x->strings.data[i] &&
		                strchr(" \t\r\n", x->strings.data[i]); i++)
			;
		/* a blank one, however often used, costs nothing to skip */
		x->blank[x->count++] = rc >= 0 && !x->strings.data[i];
	}
	free_tree(x, &doc);
	return rc;
}

static int cmp_numfmt(const void *a, const void *b)
{
	const numfmt *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->order < y->order ? 1 : x->order > y->order ? -1 : 0;
}

/* The code of format `id`: the workbook's own (sorted by id, the last
 * of an id first), else Excel's built-in one. */
static const char *format_code(const xlsx *x, unsigned long id)
{
	size_t lo = 0, hi = x->fmt_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->fmts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->fmt_count && x->fmts[lo].id == id)
		return x->codes.data + x->fmts[lo].at;
	return clint_numfmt_builtin(id);
}

/* The number formats of the styles part `name`, if there is one: the
 * workbook's own (numFmts), and the code of each cell style (cellXfs,
 * which a cell's s attribute counts in), looked up once here. */
static int load_styles(xlsx *x, const char *name)
{
	xmlDocPtr doc;
	xmlNodePtr root, n;
	int rc;

	if ((rc = parse(x, name, &doc)) < 0 || !doc)
		return rc;
	root = xmlDocGetRootElement(doc);
	n = child(root, "numFmts");
	for (n = n ? n->children : NULL; n && rc >= 0; n = n->next) {
		xmlChar *code;

		if (!is_x(n, "numFmt") ||
		    !(code = xmlGetNsProp(n, (const xmlChar *)"formatCode", NULL)))
			continue;
		if ((rc = MEM_PUSH(x->mem, x->fmts, x->fmt_count,
		                   x->fmt_cap)) >= 0) {
			numfmt *f = &x->fmts[x->fmt_count];
			f->id = number(n, "numFmtId", (unsigned long)-1);
			f->at = x->codes.len;
			f->order = x->fmt_count++;
			/* past Excel's 255 bytes a code is not read: not kept */
			if (strlen((const char *)code) > 255)
				code[0] = '\0';
			if ((rc = clint_buf_puts(&x->codes, (const char *)code)) >= 0 &&
			    (rc = clint_buf_putc(&x->codes, '\0')) >= 0)
				rc = pay(x, &x->codes, &x->codes_paid);
		}
		xmlFree(code);
	}
	if (x->fmt_count)
		qsort(x->fmts, x->fmt_count, sizeof(*x->fmts), cmp_numfmt);
	n = child(root, "cellXfs");
	for (n = n ? n->children : NULL; n && rc >= 0; n = n->next) {
		if (!is_x(n, "xf"))
			continue;
		if ((rc = MEM_PUSH(x->mem, x->xf_code, x->xfs, x->xf_cap)) >= 0)
			x->xf_code[x->xfs++] = format_code(x, number(n, "numFmtId", 0));
	}
	free_tree(x, &doc);
	return rc;
}

/* The format code of cell style `style` (a cell's s attribute). */
static const char *format_of(const xlsx *x, unsigned long style)
{
	return style < x->xfs ? x->xf_code[style] : "General";
}

/* A relationship of xl/workbook.xml, by Id or (id NULL) by the last
 * segment of its Type ("sharedStrings"): its target, resolved against
 * "xl/", into out[cap]; 0 if there is none (or it leaves the package). */
static int rel_target(xlsx *x, const xmlChar *id, const char *type,
                      char *out, size_t cap, int *rc)
{
	xmlDocPtr doc;
	xmlNodePtr r;
	int found = 0;

	if ((*rc = parse(x, "xl/_rels/workbook.xml.rels", &doc)) < 0 || !doc)
		return 0;
	for (r = xmlDocGetRootElement(doc)->children; r && !found; r = r->next) {
		xmlChar *key, *target;
		const char *k;

		if (r->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(r->name, (const xmlChar *)"Relationship"))
			continue;
		key = xmlGetNsProp(r, (const xmlChar *)(id ? "Id" : "Type"), NULL);
		target = xmlGetNsProp(r, (const xmlChar *)"Target", NULL);
		k = key ? (const char *)key : "";
		if (!id)
			k = strrchr(k, '/') ? strrchr(k, '/') + 1 : k;
		if (target && (id ? xmlStrEqual(key, id) : strcmp(k, type) == 0) &&
		    !strstr((const char *)target, "..")) {
			const char *t = (const char *)target;
			/* "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml" */
			if (t[0] == '/')
				snprintf(out, cap, "%s", t + 1);
			else
				snprintf(out, cap, "xl/%s", t);
			found = strlen(out) + 1 < cap;
		}
		xmlFree(key);
		xmlFree(target);
	}
	free_tree(x, &doc);
	return found;
}

/* A cell reference at *pp ("B12", "$B$12") into its column and row
 * (from 1), *pp after it; false if there is none. */
static int cell_ref(const char **pp, unsigned long *col, unsigned long *row)
{
	const char *p = *pp;

	*col = *row = 0;
	if (*p == '$')
		p++;
	for (; *p >= 'A' && *p <= 'Z' && *col <= XLSX_MAX_COLS; p++)
		*col = *col * 26 + (unsigned long)(*p - 'A' + 1);
	if (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9' && *row < 100000000; p++)
		*row = *row * 10 + (unsigned long)(*p - '0');
	*pp = p;
	return *col && *row;
}

/* The range the workbook's oleSize says Word shows of it ("A1:D12"),
 * into x->shown; none (all shown) if it has none or it is not read. */
static void shown_range(xlsx *x, xmlNodePtr root)
{
	xmlNodePtr n = child(root, "oleSize");
	xmlChar *v = n ? xmlGetNsProp(n, (const xmlChar *)"ref", NULL) : NULL;
	unsigned long r[4];
	const char *p = (const char *)v;

	if (v && cell_ref(&p, &r[0], &r[1])) {
		r[2] = r[0];
		r[3] = r[1];
		if ((*p == '\0' || (*p++ == ':' && cell_ref(&p, &r[2], &r[3]) &&
		                     *p == '\0')) &&
		    r[0] <= r[2] && r[1] <= r[3])
			memcpy(x->shown, r, sizeof(r));
	}
	xmlFree(v);
}

/* The active sheet's part name (Word shows that one) into out[cap]. */
static int active_sheet(xlsx *x, char *out, size_t cap)
{
	xmlDocPtr doc;
	xmlNodePtr root, view, s;
	unsigned long active = 0, i = 0;
	xmlChar *v, *id = NULL;
	int rc;

	if ((rc = parse(x, "xl/workbook.xml", &doc)) < 0)
		return rc;
	if (!doc)
		return fail(x, CLINT_EFORMAT, "it has no xl/workbook.xml");
	root = xmlDocGetRootElement(doc);
	x->date1904 = flag(child(root, "workbookPr"), "date1904");
	shown_range(x, root);
	view = child(child(root, "bookViews"), "workbookView");
	if (view && (v = xmlGetNsProp(view, (const xmlChar *)"activeTab",
	                              NULL)) != NULL) {
		active = strtoul((const char *)v, NULL, 10);
		xmlFree(v);
	}
	s = child(root, "sheets");
	for (s = s ? s->children : NULL; s; s = s->next) {
		if (!is_x(s, "sheet"))
			continue;
		if (i++ == active) {
			id = xmlGetNsProp(s, (const xmlChar *)"id",
			                  (const xmlChar *)NS_REL);
			if (!id)
				id = xmlGetNsProp(s, (const xmlChar *)"id",
				                  (const xmlChar *)NS_REL_STRICT);
			break;
		}
	}
	free_tree(x, &doc);
	if (!id)
		return fail(x, CLINT_EFORMAT, "no sheet to show");
	if (!rel_target(x, id, NULL, out, cap, &rc) && rc >= 0)
		rc = fail(x, CLINT_EFORMAT, "its sheet has no part");
	xmlFree(id);
	return rc;
}

/* One cell's text into `b` (empty if it holds nothing). */
static int cell_text(xlsx *x, xmlNodePtr c, clint_buf *b)
{
	xmlChar *type = xmlGetNsProp(c, (const xmlChar *)"t", NULL);
	xmlNodePtr vn = child(c, "v");
	xmlChar *v = vn ? xmlNodeGetContent(vn) : NULL;
	const char *t = type ? (const char *)type : "n";
	int rc = CLINT_OK;

	if (vn && !v) {
		rc = CLINT_ENOMEM;
	} else if (strcmp(t, "inlineStr") == 0) {
		xmlNodePtr is = child(c, "is");
		rc = is ? gather(b, is, 0) : CLINT_OK;
	} else if (!v) {
		/* a formula without a value, or nothing */
	} else if (strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul((const char *)v, &end, 10);
		if (end != (char *)v && i < x->count && !x->blank[i]) {
			const char *s = x->strings.data + x->offsets[i];
			rc = clint_buf_put(b, s, strlen(s));
		}
	} else if (strcmp(t, "b") == 0) {
		rc = clint_buf_put(b, strcmp((const char *)v, "1") == 0 ? "TRUE"
		                                                       : "FALSE",
		                   strcmp((const char *)v, "1") == 0 ? 4 : 5);
	} else if (strcmp(t, "n") == 0) {
		/* a number (a date is one too), as its format shows it */
		char *end;
		double d = clint_strtod_c((const char *)v, &end);
		size_t at = b->len, lead;
		if (end != (char *)v && *end == '\0' && isfinite(d)) {
			rc = clint_numfmt_format(b, d, format_of(x, number(c, "s", 0)),
			                         x->date1904);
			/* the spaces of "_)" that align a column */
			while (b->len > at && b->data[b->len - 1] == ' ')
				b->len--;
			for (lead = at; lead < b->len && b->data[lead] == ' '; lead++)
				;
			if (lead > at) {
				memmove(b->data + at, b->data + lead, b->len - lead);
				b->len -= lead - at;
			}
		} else
			rc = clint_buf_put(b, (const char *)v, strlen((const char *)v));
	} else {
		/* a formula's string ("str"), an error, an ISO date ("d") */
		rc = clint_buf_put(b, (const char *)v, strlen((const char *)v));
	}
	xmlFree(v);
	xmlFree(type);
	return rc;
}

/* Marks the columns <cols> hides. */
static void hide_columns(xlsx *x, xmlNodePtr cols)
{
	xmlNodePtr n;
	unsigned long lo, hi, k;

	for (n = cols ? cols->children : NULL; n; n = n->next) {
		if (!is_x(n, "col") || !flag(n, "hidden"))
			continue;
		lo = number(n, "min", 0);
		hi = number(n, "max", lo);
		if (lo == 0 || lo > XLSX_MAX_COLS)
			continue;
		if (hi > XLSX_MAX_COLS)
			hi = XLSX_MAX_COLS;
		/* whole bytes at once: 300,000 <col>s of all 16,384 columns
		 * (a 15 MiB sheet) took 2.9 s a bit at a time */
		for (k = lo; k <= hi && k % 8; k++)
			x->hidden_col[k / 8] |= (unsigned char)(1u << (k % 8));
		if (k + 8 <= hi + 1) {
			memset(x->hidden_col + k / 8, 0xFF, (hi + 1 - k) / 8);
			k += (hi + 1 - k) / 8 * 8;
		}
		for (; k <= hi; k++)
			x->hidden_col[k / 8] |= (unsigned char)(1u << (k % 8));
	}
}

/* Cell c's column (A is 1) and, in *row, its row: from its reference
 * ("AB12", as Excel places it); without one, the column after `prev` in
 * row `in_row`. */
static unsigned long column(xmlNodePtr c, unsigned long prev,
                            unsigned long in_row, unsigned long *row)
{
	xmlChar *r = xmlGetNsProp(c, (const xmlChar *)"r", NULL);
	unsigned long col = 0, rr = 0;
	const char *p = (const char *)r;

	*row = in_row;
	if (p && cell_ref(&p, &col, &rr) && *p == '\0')
		*row = rr;
	else
		col = 0;
	xmlFree(r);
	return col ? col : prev + 1;
}

/* The cells of sheet part `name`, row by row, to the sink. */
static int read_sheet(xlsx *x, const char *name)
{
	clint_buf b = CLINT_BUF_INIT;
	xmlDocPtr doc;
	xmlNodePtr row, c;
	unsigned long col, r = 0, cr;
	size_t i;
	int rc;

	if ((rc = parse(x, name, &doc)) < 0)
		return rc;
	if (!doc)
		return fail(x, CLINT_EFORMAT, "its sheet's part is missing");
	row = child(xmlDocGetRootElement(doc), "sheetData");
	if (!row) {
		free_tree(x, &doc);
		return fail(x, CLINT_EFORMAT, "the sheet it shows is a chart");
	}
	hide_columns(x, child(xmlDocGetRootElement(doc), "cols"));
	for (row = row->children; row && rc >= 0; row = row->next) {
		xmlChar *hidden;
		int skip, first;

		if (!is_x(row, "row"))
			continue;
		r = number(row, "r", r + 1);
		hidden = xmlGetNsProp(row, (const xmlChar *)"hidden", NULL);
		skip = hidden && (xmlStrEqual(hidden, (const xmlChar *)"1") ||
		                  xmlStrEqual(hidden, (const xmlChar *)"true"));
		xmlFree(hidden);
		if (skip)
			continue;
		col = 0;
		first = 1;
		for (c = row->children; c && rc >= 0; c = c->next) {
			if (!is_x(c, "c"))
				continue;
			col = column(c, col, r, &cr);
			if ((col <= XLSX_MAX_COLS &&
			     (x->hidden_col[col / 8] & (1u << (col % 8)))) ||
			    (x->shown[0] && (col < x->shown[0] || col > x->shown[2] ||
			                     cr < x->shown[1] || cr > x->shown[3])))
				continue;  /* hidden, or outside what Word shows */
			b.len = 0;
			if ((rc = cell_text(x, c, &b)) < 0)
				break;
			for (i = 0; i < b.len && strchr(" \t\r\n", b.data[i]); i++)
				;
			if (i == b.len)
				continue;
			/* a shared string written for each cell that uses it counts
			 * each time: 1 MiB in 49,000 cells is 49 GiB to write */
			if (x->zip.total + x->text + b.len > x->budget) {
				rc = fail(x, CLINT_ELIMIT, "its cells' text is over the "
				                           "budget of embedded workbooks");
				break;
			}
			x->text += b.len;
			rc = x->out->cell(x->out->ctx, b.data, b.len, first);
			first = 0;
		}
	}
	clint_buf_free(&b);
	free_tree(x, &doc);
	return rc;
}

int clint_xlsx_read(const unsigned char *data, size_t len, uint64_t budget,
                    clint_mem *mem, const clint_xlsx_sink *out, char *why,
                    size_t why_cap, uint64_t *used)
{
	clint_zip_limits lim = CLINT_ZIP_LIMITS_INIT;
	char sheet[256], strings[256], styles[256], styles_why[160] = "";
	xlsx x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.mem = mem;
	x.out = out;
	x.why = why;
	x.why_cap = why_cap;
	why[0] = '\0';
	*used = 0;
	x.budget = budget;
	lim.max_total = budget;
	lim.max_entry = budget < XLSX_MAX_PART ? budget : XLSX_MAX_PART;
	rc = clint_zip_open(&x.zip, data, len, &lim, NULL, NULL, NULL);
	if (rc < 0) {
		if (rc != CLINT_ENOMEM)
			fail(&x, rc, "not a readable ZIP archive");
		goto done;
	}
	if ((rc = active_sheet(&x, sheet, sizeof(sheet))) < 0)
		goto done;
	/* the shared strings, where the workbook's relationships say */
	if (!rel_target(&x, NULL, "sharedStrings", strings, sizeof(strings),
	                &rc))
		snprintf(strings, sizeof(strings), "xl/sharedStrings.xml");
	if (rc < 0 || (rc = load_strings(&x, strings)) < 0)
		goto done;
	if (!rel_target(&x, NULL, "styles", styles, sizeof(styles), &rc))
		snprintf(styles, sizeof(styles), "xl/styles.xml");
	if (rc < 0)
		goto done;
	/* a damaged or oversized styles part costs the numbers their
	 * formats, not the workbook its cells: they are read as General,
	 * and *why says so; tables past the memory budget are the
	 * document's error, as is running out of memory */
	if ((rc = load_styles(&x, styles)) < 0) {
		if (rc == CLINT_ENOMEM || (mem && mem->over))
			goto done;
		x.xfs = 0;
		snprintf(styles_why, sizeof(styles_why), "%s", why);
		why[0] = '\0';
	}
	rc = read_sheet(&x, sheet);
	if (rc >= 0 && styles_why[0])
		snprintf(why, why_cap, "its numbers' formats are not read (%s): "
		         "they are shown as stored", styles_why);
done:
	*used = x.zip.total + x.text;
	clint_zip_close(&x.zip);
	clint_mem_give(mem, x.strings_paid + x.codes_paid +
	                        x.cap * sizeof(*x.offsets) +
	                        x.blank_cap * sizeof(*x.blank) +
	                        x.fmt_cap * sizeof(*x.fmts) +
	                        x.xf_cap * sizeof(*x.xf_code));
	clint_buf_free(&x.strings);
	clint_buf_free(&x.codes);
	free(x.offsets);
	free(x.blank);
	free(x.xf_code);
	free(x.fmts);
	return rc;
}
