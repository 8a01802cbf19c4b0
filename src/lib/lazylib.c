/*
 * lazylib.c - opens libxml2 and libzip at their first use (lazylib.h).
 */
#define CLINT_LAZYLIB_TABLES /* the real names, not the macros */

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "lazylib.h"

#ifndef CLINT_LIBXML2_SONAME
#define CLINT_LIBXML2_SONAME "libxml2.so.2"
#endif
#ifndef CLINT_LIBZIP_SONAME
#define CLINT_LIBZIP_SONAME "libzip.so.4"
#endif

static clint_libxml2_api libxml2_api;
static clint_libzip_api libzip_api;
static pthread_once_t libxml2_once = PTHREAD_ONCE_INIT;
static pthread_once_t libzip_once = PTHREAD_ONCE_INIT;

/* No way on: the library was installed without a dependency. */
static void broken(const char *soname, const char *what)
{
	const char *e = dlerror();

	fprintf(stderr, "clauselint: cannot use %s (%s): %s\n", soname, what,
	        e ? e : "not found");
	abort();
}

/* Opens `soname` (never closed) and returns its handle. */
static void *open_lib(const char *soname)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		broken(soname, "dlopen");
	return h;
}

/* Fills *slot with the address of `name` in library `h`. */
static void resolve(void *h, const char *soname, const char *name, void *slot)
{
	void *f;

	dlerror();
	f = dlsym(h, name);
	if (!f)
		broken(soname, name);
	*(void **)slot = f;
}

#define CLINT_RESOLVE_XML(f) \
	resolve(h, CLINT_LIBXML2_SONAME, #f, &libxml2_api.f);
#define CLINT_RESOLVE_ZIP(f) \
	resolve(h, CLINT_LIBZIP_SONAME, #f, &libzip_api.f);

static void open_libxml2(void)
{
	void *h = open_lib(CLINT_LIBXML2_SONAME);

	CLINT_LIBXML2_FUNCTIONS(CLINT_RESOLVE_XML)
	resolve(h, CLINT_LIBXML2_SONAME, "xmlFree", &libxml2_api.free_fn);
}

static void open_libzip(void)
{
	void *h = open_lib(CLINT_LIBZIP_SONAME);

	CLINT_LIBZIP_FUNCTIONS(CLINT_RESOLVE_ZIP)
}

const clint_libxml2_api *clint_libxml2(void)
{
	pthread_once(&libxml2_once, open_libxml2);
	return &libxml2_api;
}

const clint_libzip_api *clint_libzip(void)
{
	pthread_once(&libzip_once, open_libzip);
	return &libzip_api;
}
