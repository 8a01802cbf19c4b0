/*
 * words.c - the word-level diff of two aligned sections.
 *
 * Myers' O((N+M)D) greedy algorithm on token hashes, after stripping the
 * common prefix and suffix. The work is bounded: the edit distance D
 * explored is at most max_work / (N+M) and at most sqrt(max_work) (the
 * trace kept for backtracking is O(D^2) integers). A pair of sections
 * that differ more than that - a pathological or rewritten section - gets
 * a coarse diff instead: the middle between the common prefix and suffix
 * becomes one change, and the caller says so.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* Appends a run to the op list, merging it with the last one of its kind. */
static int put_op(clint_dop **ops, size_t *n, size_t *cap, int op, size_t a,
                  size_t na, size_t b, size_t nb)
{
	int rc = CLINT_OK;

	if (na == 0 && nb == 0)
		return CLINT_OK;
	if (*n > 0 && (*ops)[*n - 1].op == op) {
		(*ops)[*n - 1].na += na;
		(*ops)[*n - 1].nb += nb;
		return CLINT_OK;
	}
	TRY(ARRAY_PUSH(*ops, *n, *cap));
	(*ops)[*n].op = op;
	(*ops)[*n].a = a;
	(*ops)[*n].na = na;
	(*ops)[*n].b = b;
	(*ops)[*n].nb = nb;
	(*n)++;
done:
	return rc;
}

/* One step of the edit script, recorded backwards. */
typedef struct {
	int op;          /* 0 equal, 1 delete, 2 insert */
	size_t x, y;
} step;

/*
 * Myers on ta[0..n) / tb[0..m) with at most dmax edits. On success fills
 * *steps (reverse order) and returns 1; returns 0 when dmax was not
 * enough, a negative code on failure.
 */
static int myers(const clint_dtoken *ta, size_t n, const clint_dtoken *tb,
                 size_t m, size_t dmax, step **steps, size_t *nsteps)
{
	long off = (long)dmax + 1, d, k, found = -1;
	long *v = calloc((size_t)(2 * off + 1), sizeof(*v));
	long **trace = calloc(dmax + 1, sizeof(*trace));
	size_t ns = 0, cs = 0;
	step *st = NULL;
	int rc = 0;

	if (!v || !trace) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	v[off + 1] = 0;
	for (d = 0; d <= (long)dmax; d++) {
		/* keep v[-d-1 .. d+1] as it was before step d */
		trace[d] = malloc((size_t)(2 * d + 3) * sizeof(long));
		if (!trace[d]) {
			rc = CLINT_ENOMEM;
			goto done;
		}
		memcpy(trace[d], v + off - d - 1, (size_t)(2 * d + 3) * sizeof(long));
		for (k = -d; k <= d; k += 2) {
			long x, y;
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < (long)n && y < (long)m && ta[x].hash == tb[y].hash) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= (long)n && y >= (long)m) {
				found = d;
				break;
			}
		}
		if (found >= 0)
			break;
	}
	if (found < 0)
		goto done;
	{
		long x = (long)n, y = (long)m;
		for (d = found; d >= 0; d--) {
			long *pv = trace[d] + d + 1; /* pv[k] for k in -d-1..d+1 */
			long pk, px, py;
			k = x - y;
			if (k == -d || (k != d && pv[k - 1] < pv[k + 1]))
				pk = k + 1;
			else
				pk = k - 1;
			px = pv[pk];
			py = px - pk;
			while (x > px && y > py && x > 0 && y > 0) {
				if (ns == cs && (rc = ARRAY_PUSH(st, ns, cs)) < 0)
					goto done;
				st[ns].op = 0;
				st[ns].x = (size_t)(x - 1);
				st[ns].y = (size_t)(y - 1);
				ns++;
				x--;
				y--;
			}
			if (d > 0) {
				if (ns == cs && (rc = ARRAY_PUSH(st, ns, cs)) < 0)
					goto done;
				if (x == px) {
					st[ns].op = 2;
					st[ns].x = (size_t)x;
					st[ns].y = (size_t)py;
				} else {
					st[ns].op = 1;
					st[ns].x = (size_t)px;
					st[ns].y = (size_t)y;
				}
				ns++;
			}
			x = px;
			y = py;
		}
	}
	rc = 1;
done:
	if (trace) {
		for (d = 0; d <= (long)dmax; d++)
			free(trace[d]);
		free(trace);
	}
	free(v);
	if (rc == 1) {
		*steps = st;
		*nsteps = ns;
	} else {
		free(st);
	}
	return rc;
}

/* The largest r with r * r <= w, at most 2^31 (a binary search: w may
 * be as large as SIZE_MAX). */
static size_t isqrt(size_t w)
{
	size_t lo = 0, hi = (size_t)1 << 31;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (mid <= w / mid)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

int clint_word_diff(const clint_dtoken *ta, size_t na, const clint_dtoken *tb,
                    size_t nb, size_t max_work, clint_dop **ops, size_t *nops,
                    int *coarse, size_t *spent)
{
	size_t pre = 0, suf = 0, n, m, cap = 0, dmax, i, ns = 0, edits = 0;
	step *st = NULL;
	int rc = CLINT_OK, r;

	*ops = NULL;
	*nops = 0;
	*coarse = 0;
	*spent = na + nb;
	while (pre < na && pre < nb && ta[pre].hash == tb[pre].hash)
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       ta[na - 1 - suf].hash == tb[nb - 1 - suf].hash)
		suf++;
	n = na - pre - suf;
	m = nb - pre - suf;
	TRY(put_op(ops, nops, &cap, 0, 0, pre, 0, pre));
	if (n == 0 || m == 0) {
		TRY(put_op(ops, nops, &cap, 1, pre, n, pre, m));
	} else {
		dmax = n + m;
		if (dmax > max_work / (n + m))
			dmax = max_work / (n + m);
		if (dmax > isqrt(max_work))
			dmax = isqrt(max_work);
		r = myers(ta + pre, n, tb + pre, m, dmax, &st, &ns);
		if (r < 0) {
			rc = r;
			goto done;
		}
		if (r == 0) {
			*coarse = 1;
			edits = dmax;
			TRY(put_op(ops, nops, &cap, 1, pre, n, pre, m));
		} else {
			for (i = ns; i-- > 0;) {
				size_t x = pre + st[i].x, y = pre + st[i].y;
				edits += st[i].op != 0;
				if (st[i].op == 0)
					TRY(put_op(ops, nops, &cap, 0, x, 1, y, 1));
				else if (st[i].op == 1)
					TRY(put_op(ops, nops, &cap, 1, x, 1, y, 0));
				else
					TRY(put_op(ops, nops, &cap, 1, x, 0, y, 1));
			}
		}
	}
	/* the edit graph's cells explored: (edits + 1) diagonals' worth */
	*spent += (n + m) * (edits + 1);
	TRY(put_op(ops, nops, &cap, 0, na - suf, suf, nb - suf, suf));
done:
	free(st);
	if (rc < 0) {
		free(*ops);
		*ops = NULL;
		*nops = 0;
	}
	return rc;
}
