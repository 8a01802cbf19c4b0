/*
 * lazylib.h - libxml2 and libzip, opened with dlopen() when first called.
 *
 * Most runs never parse XML or open a ZIP: built-in packs load from the
 * build-time snapshot (precompiled.h), and a plain-text or Markdown
 * contract needs neither. Yet a program linked with them pays for loading
 * them and what they pull in (ICU, libstdc++, libcrypto, liblzma, libbz2)
 * at every start: about 2.6 ms of the 3.3 ms `clauselint --version` took,
 * a tenth of checking a 100 KB contract. So the library calls them
 * through the tables below, filled from the shared libraries (by their
 * SONAME, CLINT_LIBXML2_SONAME and CLINT_LIBZIP_SONAME from the Makefile)
 * at the first call, once per process; the program and libclauselint.so
 * are linked --as-needed and no longer load them at start.
 *
 * A file that calls libxml2 or libzip includes this header after their
 * headers: each function the library uses is then a macro reading its
 * table. A library that cannot be opened is an installation error, as a
 * missing library was for the dynamic loader: the message goes to
 * standard error and the process aborts.
 */
#ifndef CLINT_LAZYLIB_H
#define CLINT_LAZYLIB_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "internal.h"

/* Every libxml2 function the library calls (xmlFree, a variable, aside). */
#define CLINT_LIBXML2_FUNCTIONS(X) \
	X(__xmlGenericError) \
	X(__xmlGenericErrorContext) \
	X(__xmlStructuredError) \
	X(__xmlStructuredErrorContext) \
	X(htmlCtxtReadMemory) \
	X(htmlEntityLookup) \
	X(htmlFreeParserCtxt) \
	X(htmlNewParserCtxt) \
	X(xmlCharEncCloseFunc) \
	X(xmlCreatePushParserCtxt) \
	X(xmlCtxtGetLastError) \
	X(xmlCtxtReadMemory) \
	X(xmlCtxtUseOptions) \
	X(xmlDocGetRootElement) \
	X(xmlFindCharEncodingHandler) \
	X(xmlFreeDoc) \
	X(xmlFreeParserCtxt) \
	X(xmlGetLineNo) \
	X(xmlGetNsProp) \
	X(xmlGetProp) \
	X(xmlHasProp) \
	X(xmlInitParser) \
	X(xmlNewParserCtxt) \
	X(xmlNodeGetContent) \
	X(xmlParseChunk) \
	X(xmlRelaxNGFree) \
	X(xmlRelaxNGFreeParserCtxt) \
	X(xmlRelaxNGFreeValidCtxt) \
	X(xmlRelaxNGNewMemParserCtxt) \
	X(xmlRelaxNGNewValidCtxt) \
	X(xmlRelaxNGParse) \
	X(xmlRelaxNGSetValidStructuredErrors) \
	X(xmlRelaxNGValidateDoc) \
	X(xmlSetGenericErrorFunc) \
	X(xmlSetStructuredErrorFunc) \
	X(xmlStopParser) \
	X(xmlStrEqual) \
	X(xmlStrcasecmp)

/* Every libzip function the library calls. */
#define CLINT_LIBZIP_FUNCTIONS(X) \
	X(zip_discard) \
	X(zip_error_code_zip) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_file_get_error) \
	X(zip_fopen_index) \
	X(zip_fread) \
	X(zip_get_error) \
	X(zip_get_num_entries) \
	X(zip_open_from_source) \
	X(zip_source_buffer_create) \
	X(zip_source_free) \
	X(zip_stat_index) \
	X(zip_stat_init) \
	X(zip_strerror)

#define CLINT_LAZY_FIELD(f) __typeof__(&f) f;

typedef struct {
	CLINT_LIBXML2_FUNCTIONS(CLINT_LAZY_FIELD)
	xmlFreeFunc *free_fn;  /* the variable xmlFree */
} clint_libxml2_api;

typedef struct {
	CLINT_LIBZIP_FUNCTIONS(CLINT_LAZY_FIELD)
} clint_libzip_api;

#undef CLINT_LAZY_FIELD

/* The tables, filled at the first call (thread-safe); never NULL. */
CLINT_INTERNAL const clint_libxml2_api *clint_libxml2(void);
CLINT_INTERNAL const clint_libzip_api *clint_libzip(void);

#ifndef CLINT_LAZYLIB_TABLES
#undef xmlFree
#define xmlFree (*clint_libxml2()->free_fn)
/* the per-thread error handlers, which libxml2's globals.h reads through
 * these functions (xmlStructuredError is (*(__xmlStructuredError()))) */
#define __xmlGenericError (clint_libxml2()->__xmlGenericError)
#define __xmlGenericErrorContext (clint_libxml2()->__xmlGenericErrorContext)
#define __xmlStructuredError (clint_libxml2()->__xmlStructuredError)
#define __xmlStructuredErrorContext (clint_libxml2()->__xmlStructuredErrorContext)
#define htmlCtxtReadMemory (clint_libxml2()->htmlCtxtReadMemory)
#define htmlEntityLookup (clint_libxml2()->htmlEntityLookup)
#define htmlFreeParserCtxt (clint_libxml2()->htmlFreeParserCtxt)
#define htmlNewParserCtxt (clint_libxml2()->htmlNewParserCtxt)
#define xmlCharEncCloseFunc (clint_libxml2()->xmlCharEncCloseFunc)
#define xmlCreatePushParserCtxt (clint_libxml2()->xmlCreatePushParserCtxt)
#define xmlCtxtGetLastError (clint_libxml2()->xmlCtxtGetLastError)
#define xmlCtxtReadMemory (clint_libxml2()->xmlCtxtReadMemory)
#define xmlCtxtUseOptions (clint_libxml2()->xmlCtxtUseOptions)
#define xmlDocGetRootElement (clint_libxml2()->xmlDocGetRootElement)
#define xmlFindCharEncodingHandler (clint_libxml2()->xmlFindCharEncodingHandler)
#define xmlFreeDoc (clint_libxml2()->xmlFreeDoc)
#define xmlFreeParserCtxt (clint_libxml2()->xmlFreeParserCtxt)
#define xmlGetLineNo (clint_libxml2()->xmlGetLineNo)
#define xmlGetNsProp (clint_libxml2()->xmlGetNsProp)
#define xmlGetProp (clint_libxml2()->xmlGetProp)
#define xmlHasProp (clint_libxml2()->xmlHasProp)
#define xmlInitParser (clint_libxml2()->xmlInitParser)
#define xmlNewParserCtxt (clint_libxml2()->xmlNewParserCtxt)
#define xmlNodeGetContent (clint_libxml2()->xmlNodeGetContent)
#define xmlParseChunk (clint_libxml2()->xmlParseChunk)
#define xmlRelaxNGFree (clint_libxml2()->xmlRelaxNGFree)
#define xmlRelaxNGFreeParserCtxt (clint_libxml2()->xmlRelaxNGFreeParserCtxt)
#define xmlRelaxNGFreeValidCtxt (clint_libxml2()->xmlRelaxNGFreeValidCtxt)
#define xmlRelaxNGNewMemParserCtxt (clint_libxml2()->xmlRelaxNGNewMemParserCtxt)
#define xmlRelaxNGNewValidCtxt (clint_libxml2()->xmlRelaxNGNewValidCtxt)
#define xmlRelaxNGParse (clint_libxml2()->xmlRelaxNGParse)
#define xmlRelaxNGSetValidStructuredErrors (clint_libxml2()->xmlRelaxNGSetValidStructuredErrors)
#define xmlRelaxNGValidateDoc (clint_libxml2()->xmlRelaxNGValidateDoc)
#define xmlSetGenericErrorFunc (clint_libxml2()->xmlSetGenericErrorFunc)
#define xmlSetStructuredErrorFunc (clint_libxml2()->xmlSetStructuredErrorFunc)
#define xmlStopParser (clint_libxml2()->xmlStopParser)
#define xmlStrEqual (clint_libxml2()->xmlStrEqual)
#define xmlStrcasecmp (clint_libxml2()->xmlStrcasecmp)
#define zip_discard (clint_libzip()->zip_discard)
#define zip_error_code_zip (clint_libzip()->zip_error_code_zip)
#define zip_error_fini (clint_libzip()->zip_error_fini)
#define zip_error_init (clint_libzip()->zip_error_init)
#define zip_error_strerror (clint_libzip()->zip_error_strerror)
#define zip_fclose (clint_libzip()->zip_fclose)
#define zip_file_get_error (clint_libzip()->zip_file_get_error)
#define zip_fopen_index (clint_libzip()->zip_fopen_index)
#define zip_fread (clint_libzip()->zip_fread)
#define zip_get_error (clint_libzip()->zip_get_error)
#define zip_get_num_entries (clint_libzip()->zip_get_num_entries)
#define zip_open_from_source (clint_libzip()->zip_open_from_source)
#define zip_source_buffer_create (clint_libzip()->zip_source_buffer_create)
#define zip_source_free (clint_libzip()->zip_source_free)
#define zip_stat_index (clint_libzip()->zip_stat_index)
#define zip_stat_init (clint_libzip()->zip_stat_init)
#define zip_strerror (clint_libzip()->zip_strerror)
#endif

#endif
