/*
 * normalize.c - builds the matching view of a document. Rules see one
 * line per block, in which every run of white space is a single space,
 * typographic quotes and dashes are ASCII, soft hyphens and zero-width
 * characters are gone, ligatures and the fullwidth and mathematical
 * forms are spelled out in ASCII, letters of other scripts that look
 * Latin are Latin inside a Latin word ("fееs") and in a word of them
 * among Latin words ("рау"), and markup is skipped.
 * An offset map leads every matching offset back to the true text.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "internal.h"

typedef enum { CH_COPY, CH_SPACE, CH_DROP, CH_REPLACE } ch_class;

/* Classifies code point `cp`; for CH_REPLACE sets *rep to its ASCII form,
 * which may be written to one[0]. */
static ch_class classify(uint32_t cp, const char **rep, char one[2])
{
	if (clint_white(cp))
		return CH_SPACE; /* the C1 controls too */
	if (cp < 0x80)
		return CH_COPY;
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
	case 0x02BC:
		*rep = "'";
		return CH_REPLACE;
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
	case 0x00AB: case 0x00BB:
		*rep = "\"";
		return CH_REPLACE;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		*rep = "-";
		return CH_REPLACE;
	case 0x2026: *rep = "..."; return CH_REPLACE;
	case 0xFB00: *rep = "ff"; return CH_REPLACE;
	case 0xFB01: *rep = "fi"; return CH_REPLACE;
	case 0xFB02: *rep = "fl"; return CH_REPLACE;
	case 0xFB03: *rep = "ffi"; return CH_REPLACE;
	case 0xFB04: *rep = "ffl"; return CH_REPLACE;
	case 0xFB05: case 0xFB06: *rep = "st"; return CH_REPLACE;
	default:
		break;
	}
	if ((one[0] = clint_ascii_form(cp)) != 0) {
		/* fullwidth and mathematical forms of ASCII ("ｆｅｅｓ") */
		one[1] = '\0';
		*rep = one;
		return CH_REPLACE;
	}
	if (clint_invisible(cp))
		return CH_DROP;  /* inside a word it would hide the word */
	return CH_COPY;
}

/* True if the normalised text so far ends with `tail` (ASCII caseless). */
static int ends_with(const clint_buf *out, const char *tail)
{
	size_t n = strlen(tail), i;

	if (out->len < n)
		return 0;
	for (i = 0; i < n; i++) {
		char a = out->data[out->len - n + i], b = tail[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

/* True if the block opens a list item: a bullet, or "(a)", "(iv)", "(3)",
 * "a)" at its start. */
static int opens_item(const clint_doc *doc, const clint_iblock *blk)
{
	const char *t = doc->text;
	size_t i = blk->start, j;

	if (blk->type == CLINT_BLOCK_LIST_ITEM)
		return 1;
	while (i < blk->end && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i < blk->end && t[i] == '(') {
		for (j = i + 1; j < blk->end && j - i <= 5 &&
		                ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z') ||
		                 (t[j] >= '0' && t[j] <= '9'));
		     j++)
			;
		return j > i + 1 && j < blk->end && t[j] == ')';
	}
	return i + 1 < blk->end && ((t[i] >= 'a' && t[i] <= 'z')) && t[i + 1] == ')';
}

/*
 * Appends the one space that stands for the white space run starting at
 * text offset `space_at`, before the character at `i`. One ASCII space kept
 * as it is continues the copy run: a run per word would cost 8 bytes of
 * map per byte of ordinary text.
 */
static int put_space(clint_doc *doc, clint_buf *out, size_t i, size_t space_at)
{
	int rc;

	if (i == space_at + 1 && doc->text[space_at] == ' ')
		rc = clint_omap_copy(&doc->norm_map, out->len, space_at);
	else
		rc = clint_omap_replace(&doc->norm_map, out->len, space_at);
	return rc < 0 ? rc : clint_buf_putc(out, ' ');
}

int clint_normalize(clint_doc *doc)
{
	clint_buf out = CLINT_BUF_INIT;
	const unsigned char *t = (const unsigned char *)doc->text;
	size_t bi, sk = 0;
	int rc = CLINT_OK;

	doc->fold_count = 0;
	for (bi = 0; bi < doc->block_count; bi++) {
		clint_iblock *blk = &doc->blocks[bi];
		size_t i = blk->start, space_at = 0, last_end = blk->start;
		clint_word_scripts word = {.end = 0};
		clint_lookalike_run run = {0, 0};  /* per block, as the words */
		int latin = 0;  /* the word reads as a Latin word */
		char one[2] = {0, 0};
		int pending = 0, any = 0;

		if (bi > 0) {
			/* A lead-in ending in ":" runs on into its list items, and an
			 * item ending in ";", "; or", "; and" into the next one, so a
			 * pattern can read "shall not, directly or indirectly: (a)
			 * solicit ...; or (b) compete ..." across the blocks; other
			 * blocks are separate lines. */
			char sep = '\n';
			if (opens_item(doc, blk) &&
			    (ends_with(&out, ":") ||
			     (opens_item(doc, &doc->blocks[bi - 1]) &&
			      (ends_with(&out, ";") || ends_with(&out, "; or") ||
			       ends_with(&out, "; and") || ends_with(&out, ", or") ||
			       ends_with(&out, ", and")))))
				sep = ' ';
			TRY(clint_omap_replace(&doc->norm_map, out.len,
			                       doc->blocks[bi - 1].end));
			TRY(clint_buf_putc(&out, sep));
		}
		blk->norm_start = out.len;
		while (sk < doc->skip_count && doc->skips[sk].end <= i)
			sk++;
		while (i < blk->end) {
			const char *rep = NULL;
			uint32_t cp = 0;
			size_t n = 0;
			ch_class cls;
			int sub = 0;  /* t[i..i+n) is read as cp (a reference) */

			if (sk < doc->skip_count && doc->skips[sk].start <= i) {
				const clint_range *r = &doc->skips[sk++];

				if (r->cp && r->start == i && r->end <= blk->end) {
					cp = r->cp;
					n = r->end - i;
					sub = 1;
				} else {
					if (r->end > i)
						i = r->end < blk->end ? r->end : blk->end;
					continue;
				}
			}
			if (!sub && t[i] == ' ') {
				if (!pending)
					space_at = i;
				pending = any;
				i++;
				continue;
			}
			if (!sub && t[i] > 0x20 && t[i] < 0x7F) {
				/* a run of printable ASCII up to the next skip is
				 * copied as it is: one map run, one append. A single
				 * ASCII space between two printable characters stays
				 * in the run: put_space() would copy it as it is and
				 * the map would merge the runs, so words joined by
				 * one space are one append, not one per word. */
				size_t e = i + 1, lim = blk->end;

				if (sk < doc->skip_count && doc->skips[sk].start < lim)
					lim = doc->skips[sk].start;
				for (;;) {
					e = clint_scan_while(clint_ascii_class, CLINT_A_GRAPH,
					                     (const char *)t, e, lim);
					if (e + 1 < lim && t[e] == ' ' &&
					    (CLINT_ACLASS(t[e + 1]) & CLINT_A_GRAPH))
						e += 2;
					else
						break;
				}
				if (pending) {
					TRY(put_space(doc, &out, i, space_at));
					pending = 0;
				}
				TRY(clint_omap_copy(&doc->norm_map, out.len, i));
				TRY(clint_buf_put(&out, t + i, e - i));
				any = 1;
				last_end = e;
				i = e;
				continue;
			}
			if (!sub && !(n = clint_utf8_decode(t + i, blk->end - i, &cp))) {
				n = 1;
				cp = 0xFFFD;
			}
			cls = classify(cp, &rep, one);
			if (cls == CH_COPY && (one[0] = clint_latin_lookalike(cp))) {
				/* a letter of another script that looks Latin, in a
				 * word with Latin letters ("fееs") or in a word of
				 * look-alikes among Latin words ("рау"): the reader
				 * sees the Latin word, and so must the rules */
				if (i >= word.end) {
					clint_doc_word_at(doc, blk->start, blk->end, i, &word);
					latin = clint_lookalike_decide(doc, blk->start,
					                               blk->end, &word, &run);
					if (latin)
						TRY(clint_doc_add_fold(doc, &word, latin));
				}
				if (latin) {
					one[1] = '\0';
					rep = one;
					cls = CH_REPLACE;
				}
			}
			if (cls == CH_SPACE) {
				if (!pending)
					space_at = i;
				pending = any;
			} else if (cls != CH_DROP) {
				if (pending) {
					TRY(put_space(doc, &out, i, space_at));
					pending = 0;
				}
				if (cls == CH_COPY && !sub) {
					TRY(clint_omap_copy(&doc->norm_map, out.len, i));
					TRY(clint_buf_put(&out, t + i, n));
				} else if (cls == CH_COPY) {
					TRY(clint_omap_replace(&doc->norm_map, out.len, i));
					TRY(clint_buf_put_utf8(&out, cp));
				} else {
					TRY(clint_omap_replace(&doc->norm_map, out.len, i));
					TRY(clint_buf_puts(&out, rep));
				}
				any = 1;
				last_end = i + n;
			}
			i += n;
		}
		blk->norm_end = out.len;
		/* the end of the block maps to the end of its last character */
		if (any)
			TRY(clint_omap_replace(&doc->norm_map, out.len, last_end));
	}
	clint_omap_finish(&doc->norm_map, out.len, doc->text_len);
	doc->norm = clint_buf_detach(&out, &doc->norm_len);
	if (!doc->norm)
		rc = CLINT_ENOMEM;
done:
	clint_buf_free(&out);
	return rc;
}
