/*
 * omap.c - offset maps from a derived buffer back to its source buffer.
 */
#include <stdlib.h>

#include "internal.h"

static int omap_push(clint_omap *m, size_t from, size_t to, int copy)
{
	clint_omap_run *r;
	int rc;

	if (m->count) {
		r = &m->runs[m->count - 1];
		/* A run that continues the last one adds nothing. */
		if (copy && r->copy && r->to + (from - r->from) == to)
			return CLINT_OK;
		if (r->from == from) {
			r->to = to;
			r->copy = copy;
			return CLINT_OK;
		}
	}
	if ((rc = MEM_PUSH(m->mem, m->runs, m->count, m->cap)) < 0)
		return rc;
	r = &m->runs[m->count++];
	r->from = from;
	r->to = to;
	r->copy = copy;
	return CLINT_OK;
}

int clint_omap_copy(clint_omap *m, size_t from, size_t to)
{
	return omap_push(m, from, to, 1);
}

int clint_omap_replace(clint_omap *m, size_t from, size_t to)
{
	return omap_push(m, from, to, 0);
}

void clint_omap_finish(clint_omap *m, size_t from_len, size_t to_len)
{
	m->from_len = from_len;
	m->to_len = to_len;
}

size_t clint_omap_map(const clint_omap *m, size_t off)
{
	size_t lo = 0, hi = m->count, mid, res;
	const clint_omap_run *r;

	if (off > m->from_len)
		off = m->from_len;
	if (!m->count)
		return off < m->to_len ? off : m->to_len;
	/* last run with from <= off */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (m->runs[mid].from <= off)
			lo = mid;
		else
			hi = mid;
	}
	r = &m->runs[lo];
	if (r->from > off)
		return r->to;
	res = r->copy ? r->to + (off - r->from) : r->to;
	return res < m->to_len ? res : m->to_len;
}

void clint_omap_free(clint_omap *m)
{
	free(m->runs);
	m->runs = NULL;
	m->count = m->cap = 0;
}
