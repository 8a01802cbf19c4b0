/*
 * xmlinit.c - libxml2 is initialised once per process. xmlInitParser() of
 * libxml2 2.9 is not safe to call from two threads at once, and documents
 * may be loaded by many threads (clauselint -j N), so every stage that
 * parses XML calls clint_xml_init(), which runs it exactly once. The
 * stages that report libxml2's own errors (packs, project files) turn
 * them into diagnostics with clint_diag_xml_error().
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
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

int clint_diag_xml_error(clint_diag *diag, const char *file,
                         const struct _xmlError *err)
{
	char msg[512];
	size_t n;

	if (!err || !err->message)
		return 0;
	snprintf(msg, sizeof(msg), "%s", err->message);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	clint_diag_add(diag, CLINT_DIAG_ERROR, file,
	               err->line > 0 ? (unsigned)err->line : 0, 0, "%s", msg);
	return 1;
}
