/*
 * asan.h - CLINT_ASAN is 1 in a build with AddressSanitizer (make
 * test-asan, the fuzzers): gcc says so with __SANITIZE_ADDRESS__, clang
 * with __has_feature(address_sanitizer). A header of its own, so that
 * the pdf module and its helper, built without the library's headers,
 * share the test with the library.
 */
#ifndef CLINT_ASAN_H
#define CLINT_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define CLINT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLINT_ASAN 1
#endif
#endif

#endif
