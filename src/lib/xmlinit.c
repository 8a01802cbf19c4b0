/*
 * xmlinit.c - libxml2 is initialised once per process. xmlInitParser() of
 * libxml2 2.9 is not safe to call from two threads at once, and documents
 * may be loaded by many threads (clauselint -j N), so every stage that
 * parses XML calls clint_xml_init(), which runs it exactly once.
 */
#include <pthread.h>

#include <libxml/parser.h>

#include "internal.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
	xmlInitParser();
}

void clint_xml_init(void)
{
	pthread_once(&xml_once, xml_init_once);
}
