/*
 * xmlinit.c - libxml2 is initialised once per process. xmlInitParser() of
 * libxml2 2.9 is not safe to call from two threads at once, and documents
 * may be loaded by many threads (clauselint -j N), so every stage that
 * parses XML calls clint_xml_init(), which runs it exactly once. The
 * stages that report libxml2's own errors (packs, project files) turn
 * them into diagnostics with clint_diag_xml_error(); the extractors
 * silence the rest with clint_xml_quiet_begin() / _end(). Packs and
 * project files are validated against the embedded RELAX NG schemas,
 * parsed once per process here (clint_xml_validate()).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "internal.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
	xmlInitParser();
}

void clint_xml_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}

char *clint_xml_message(char *dst, size_t cap, const char *msg)
{
	size_t n;

	if (!cap)
		return dst;
	snprintf(dst, cap, "%s", msg ? msg : "");
	n = strlen(dst);
	while (n && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
		dst[--n] = '\0';
	return dst;
}

int clint_diag_xml_error(clint_diag *diag, const char *file,
                         const struct _xmlError *err)
{
	char msg[512];
	xmlNodePtr node = err ? err->node : NULL;
	unsigned line;

	if (!err || !err->message)
		return 0;
	line = err->line > 0 ? (unsigned)err->line : 0;
	/* a schema error names the element: its line, also past 65,535 */
	if (line >= 65535 && node && node->type == XML_ELEMENT_NODE)
		line = clint_xml_line(node);
	clint_xml_message(msg, sizeof(msg), err->message);
	clint_diag_add(diag, CLINT_DIAG_ERROR, file, line, 0, "%s", msg);
	return 1;
}

/* Counts an error and keeps the first one's message (trailing space cut). */
static void quiet_count(clint_xml_quiet *q, const char *msg)
{
	if (q->errors++ || !msg)
		return;
	clint_xml_message(q->first, sizeof(q->first), msg);
}

static void quiet_structured(void *userdata, xmlErrorPtr err)
{
	if (err && err->level >= XML_ERR_ERROR)
		quiet_count(userdata, err->message);
}

static void quiet_generic(void *userdata, const char *msg, ...)
	__attribute__((format(printf, 2, 3)));

/* libxml2 sends this handler only errors ("xmlParseChunk: encoder error") */
static void quiet_generic(void *userdata, const char *msg, ...)
{
	char buf[sizeof(((clint_xml_quiet *)0)->first)];
	va_list ap;

	va_start(ap, msg);
	clint_vsnprintf_c(buf, sizeof(buf), msg, ap);
	va_end(ap);
	quiet_count(userdata, buf);
}

void clint_xml_quiet_begin(clint_xml_quiet *q)
{
	clint_xml_init();
	q->serror = xmlStructuredError;
	q->sctx = xmlStructuredErrorContext;
	q->gerror = xmlGenericError;
	q->gctx = xmlGenericErrorContext;
	q->errors = 0;
	q->first[0] = '\0';
	xmlSetStructuredErrorFunc(q, quiet_structured);
	xmlSetGenericErrorFunc(q, quiet_generic);
}

void clint_xml_quiet_end(const clint_xml_quiet *q)
{
	xmlSetStructuredErrorFunc(q->sctx, q->serror);
	xmlSetGenericErrorFunc(q->gctx, q->gerror);
}

/*
 * The schemas. Parsing pack.rng took about a third of the time of loading
 * a small pack file (xmlRelaxNGParse and xmlRelaxNGFree), at every
 * clint_ruleset_load() and clint_config_load(), so each is parsed once per
 * process. A compiled schema is only read while validating, but libxml2
 * does not promise that two threads may validate against one at a time,
 * so validations take the lock: they are short next to the parse.
 */
static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlRelaxNGPtr schemas[2];

/* Called with schema_lock held. */
static xmlRelaxNGPtr schema_get(clint_xml_schema_id which)
{
	const clint_embedded_file *f = which == CLINT_SCHEMA_PACK
	                                   ? &clint_embedded_schema
	                                   : &clint_embedded_config_schema;
	xmlRelaxNGParserCtxtPtr pctx;
	clint_xml_quiet q;

	if (schemas[which])
		return schemas[which];
	/* our own schema: its parse raises nothing to report, but a failed
	 * allocation would print */
	clint_xml_quiet_begin(&q);
	pctx = xmlRelaxNGNewMemParserCtxt((const char *)f->data, (int)f->len);
	if (pctx) {
		schemas[which] = xmlRelaxNGParse(pctx);
		xmlRelaxNGFreeParserCtxt(pctx);
	}
	clint_xml_quiet_end(&q);
	return schemas[which];
}

/* The caller's handler, and the errors it was given or not. */
typedef struct {
	void (*on_error)(void *, xmlErrorPtr);
	void *userdata;
	size_t count;
} schema_errors;

/* Passes on the first CLINT_XML_MAX_SCHEMA_ERRORS errors (and any failed
 * allocation, which the caller must see), counting the rest. */
static void schema_error(void *userdata, xmlErrorPtr err)
{
	schema_errors *e = userdata;

	if (err && err->code == XML_ERR_NO_MEMORY)
		e->on_error(e->userdata, err);
	else if (e->count++ < CLINT_XML_MAX_SCHEMA_ERRORS)
		e->on_error(e->userdata, err);
}

int clint_xml_validate(clint_xml_schema_id which, xmlDocPtr xdoc,
                       void (*on_error)(void *, xmlErrorPtr), void *userdata)
{
	schema_errors errors = {on_error, userdata, 0};
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	xmlRelaxNGPtr schema;
	const xmlChar *url;
	int rc;

	clint_xml_init();
	pthread_mutex_lock(&schema_lock);
	schema = schema_get(which);
	if (schema)
		vctx = xmlRelaxNGNewValidCtxt(schema);
	if (!schema) {
		rc = CLINT_EFORMAT;
	} else if (!vctx) {
		rc = CLINT_ENOMEM;
	} else {
		/* libxml2 2.9 looks for an XInclude before the node of each
		 * error when the document has a URL: a walk back through every
		 * node before it, so that 64,000 rules without their <example>
		 * took 208 s, nearly all in __xmlRaiseError(). Without the URL
		 * an error costs about what a valid rule does (the callers name
		 * the file themselves). xmlRelaxNGValidateDoc() cannot be
		 * stopped (the push mode, xmlRelaxNGValidatePushElement(), can,
		 * but words its errors otherwise): past the cap they are only
		 * counted. */
		url = xdoc->URL;
		xdoc->URL = NULL;
		xmlRelaxNGSetValidStructuredErrors(vctx, schema_error, &errors);
		rc = xmlRelaxNGValidateDoc(vctx, xdoc) == 0 ? 0 : 1;
		xdoc->URL = url;
	}
	xmlRelaxNGFreeValidCtxt(vctx);  /* accepts NULL */
	pthread_mutex_unlock(&schema_lock);
	if (errors.count > CLINT_XML_MAX_SCHEMA_ERRORS) {
		xmlError more;
		char msg[96];

		memset(&more, 0, sizeof(more));
		snprintf(msg, sizeof(msg), "and %zu more schema errors, not shown",
		         errors.count - CLINT_XML_MAX_SCHEMA_ERRORS);
		more.domain = XML_FROM_RELAXNGV;
		more.level = XML_ERR_ERROR;
		more.message = msg;
		on_error(userdata, &more);
	}
	return rc;
}
