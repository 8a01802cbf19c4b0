/*
 * internal.h - types and helpers shared by the library's stages.
 * Nothing here is part of the public API.
 */
#ifndef CLINT_INTERNAL_H
#define CLINT_INTERNAL_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "asan.h"
#include "clauselint.h"

#define CLINT_INTERNAL __attribute__((visibility("hidden")))

/* Propagate a negative return code to the function's `done:` label. */
#define TRY(expr)                                                             \
	do {                                                                      \
		rc = (expr);                                                          \
		if (rc < 0)                                                           \
			goto done;                                                        \
	} while (0)

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* An AddressSanitizer build (make test-asan, the fuzzers) is a checked
 * build: what a release build only survives, such as a budget given back
 * more than was taken, aborts there so that the tests and fuzzers see it. */
#ifdef CLINT_ASAN
#define CLINT_CHECKED 1
#endif

#define CLINT_DEFAULT_MAX_INPUT ((size_t)256 * 1024 * 1024)
/* clint_doc_options.max_doc_memory by default */
#define CLINT_DEFAULT_MAX_DOC_MEMORY ((size_t)1024 * 1024 * 1024)

/* ---- growable byte buffer with a hard cap (util.c) --------------------- */

typedef struct {
	char *data;
	size_t len;
	size_t cap;
	size_t limit;  /* 0: no limit beyond SIZE_MAX / 2 */
	/* a put was refused (memory, limit) and left a hole: a report with
	 * one is not written (clint_render_flush()); cleared by free */
	int failed;
} clint_buf;

#define CLINT_BUF_INIT {NULL, 0, 0, 0, 0}

CLINT_INTERNAL int clint_buf_grow(clint_buf *b, size_t extra);
CLINT_INTERNAL int clint_buf_put(clint_buf *b, const void *data, size_t len);
CLINT_INTERNAL int clint_buf_putc(clint_buf *b, char c);
CLINT_INTERNAL int clint_buf_puts(clint_buf *b, const char *s);
CLINT_INTERNAL int clint_buf_printf(clint_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* printf and strtod with the C locale's numbers ("0.5"), whatever
 * LC_NUMERIC the program set; clint_buf_printf() and diagnostics use
 * them too. */
CLINT_INTERNAL int clint_snprintf_c(char *s, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
CLINT_INTERNAL int clint_vsnprintf_c(char *s, size_t n, const char *fmt,
                                     va_list ap)
	__attribute__((format(printf, 3, 0)));
CLINT_INTERNAL double clint_strtod_c(const char *s, char **end);
/* Appends the UTF-8 encoding of `cp`. */
CLINT_INTERNAL int clint_buf_put_utf8(clint_buf *b, uint32_t cp);
/* Writes cp (U+FFFD for a surrogate or past U+10FFFF) as UTF-8 to s;
 * its length. */
CLINT_INTERNAL size_t clint_utf8_encode(uint32_t cp, char s[4]);
/* Transfers ownership of the NUL-terminated data to the caller. */
CLINT_INTERNAL char *clint_buf_detach(clint_buf *b, size_t *len);
CLINT_INTERNAL void clint_buf_free(clint_buf *b);
/* Marks `to` failed when `from` (built apart and copied into it) is. */
CLINT_INTERNAL void clint_buf_failed_into(clint_buf *to, const clint_buf *from);
/*
 * Appends the rest of stream `f` to `b`, NUL-terminated, reading in chunks
 * so the buffer grows with the file rather than to `limit` up front.
 * Returns CLINT_OK; CLINT_ELIMIT when `f` holds more than `limit` bytes;
 * CLINT_EIO on a read error (errno tells which); or CLINT_ENOMEM.
 */
CLINT_INTERNAL int clint_buf_read(clint_buf *b, FILE *f, size_t limit);
/*
 * Appends the file at `path` to `b` as clint_buf_read() does: the one way
 * documents, packs and project files are read. Only a regular file or a
 * pipe is read, and opening a FIFO never waits for a writer. Returns as
 * clint_buf_read(), CLINT_EIO also when the file cannot be opened, is not
 * a file or pipe, or is a pipe nothing was written to (a FIFO without a
 * writer); then *why says why ("is a directory", strerror()); else *why
 * is NULL.
 */
CLINT_INTERNAL int clint_buf_read_file(clint_buf *b, const char *path,
                                       size_t limit, const char **why);

/*
 * A memory budget: what a document's tables (clint_doc.mem) may take in
 * all, so that no input can make them outgrow what the caller allows.
 * `used` counts the capacity taken through clint_mem_take() and
 * clint_mem_grow(); `limit` 0 means none.
 */
typedef struct {
	size_t used, limit;
	int over;  /* a request was refused: the reason of a CLINT_ELIMIT */
} clint_mem;

/* Takes `bytes` from the budget (NULL: no budget): CLINT_OK, or
 * CLINT_ELIMIT (and m->over set) when they would pass its limit. */
CLINT_INTERNAL int clint_mem_take(clint_mem *m, size_t bytes);
/* Gives back what clint_mem_take() took. More than is taken is a
 * bookkeeping bug: a checked build aborts, a release build counts 0. */
CLINT_INTERNAL void clint_mem_give(clint_mem *m, size_t bytes);
/* Growable array of fixed-size elements: makes room for element `count`,
 * doubling the capacity, which budget `m` pays for (NULL: none).
 * CLINT_OK, CLINT_ELIMIT (the budget) or CLINT_ENOMEM. */
CLINT_INTERNAL int clint_mem_grow(clint_mem *m, void **items, size_t *cap,
                                  size_t count, size_t elem_size);
#define clint_array_grow(items, cap, count, elem_size)                       \
	clint_mem_grow(NULL, (items), (cap), (count), (elem_size))
#define ARRAY_PUSH(items, count, cap)                                         \
	clint_array_grow((void **)&(items), &(cap), (count), sizeof(*(items)))
#define MEM_PUSH(m, items, count, cap)                                        \
	clint_mem_grow((m), (void **)&(items), &(cap), (count), sizeof(*(items)))

CLINT_INTERNAL char *clint_strdup(const char *s);
CLINT_INTERNAL char *clint_strndup(const char *s, size_t n);

/* ---- UTF-8 ------------------------------------------------------------- */

/*
 * Decodes one code point at s[0..len). Returns its byte length (>= 1) and
 * stores the code point, or returns 0 if the bytes are not valid UTF-8.
 */
CLINT_INTERNAL size_t clint_utf8_decode(const unsigned char *s, size_t len,
                                        uint32_t *cp);
CLINT_INTERNAL int clint_utf8_valid(const char *s, size_t len);
/* True for a byte that continues a UTF-8 sequence (10xxxxxx). */
static inline int clint_utf8_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}
/* `off` moved back to the start of the character it falls in, not before
 * `floor`: where to cut s so that no character is left in part. */
static inline size_t clint_utf8_back(const char *s, size_t off, size_t floor)
{
	while (off > floor && clint_utf8_cont((unsigned char)s[off]))
		off--;
	return off;
}
/* `off` moved forward to the start of a character, not past `limit`. */
static inline size_t clint_utf8_fwd(const char *s, size_t off, size_t limit)
{
	while (off < limit && clint_utf8_cont((unsigned char)s[off]))
		off++;
	return off;
}
/* The offset of the first byte at or after p[i] that starts no valid
 * UTF-8 sequence, or len. */
CLINT_INTERNAL size_t clint_utf8_invalid_from(const unsigned char *p,
                                              size_t len, size_t i);
/* Makes s[0..len) valid UTF-8 in place: each byte that does not start a
 * valid sequence becomes '?' (no offset moves); the count of them. */
CLINT_INTERNAL size_t clint_utf8_repair(char *s, size_t len);
/* True for a character that shows nothing (Unicode's default ignorable
 * code points, DerivedCoreProperties.txt): the soft hyphen, the
 * combining grapheme joiner, the zero-width space and joiners, the
 * direction marks, embeddings, overrides and isolates, the word joiner
 * and invisible operators, the Hangul fillers, the byte order mark, the
 * variation selectors, the musical formatting characters and the tag
 * characters (with which whole words can be written invisibly); and the
 * interlinear annotation marks U+FFF9..U+FFFB, which are not default
 * ignorable but show nothing either. The matching view
 * drops them (normalize.c) and fingerprints skip them (fingerprint.c):
 * one inside a word must neither hide the word nor make it another. */
CLINT_INTERNAL int clint_invisible(uint32_t cp);
/* True for white space: the C0 controls and space, DEL, the C1 controls,
 * NBSP, U+1680, U+2000..U+200A, the line and paragraph separators,
 * U+202F, U+205F and U+3000 (the matching view makes each a space). */
CLINT_INTERNAL int clint_white(uint32_t cp);
/* clint_white() or clint_invisible(): shows as nothing but space. */
CLINT_INTERNAL int clint_blank(uint32_t cp);
/* The bidirectional formatting characters (UAX #9): 1 for one that opens
 * a scope, the embeddings and overrides U+202A, U+202B, U+202D, U+202E
 * and the isolates U+2066..U+2068; -1 for one that closes it, U+202C
 * (PDF) and U+2069 (PDI); 0 for every other code point. */
CLINT_INTERNAL int clint_bidi_control(uint32_t cp);
/* The scripts told apart when looking for words that mix them: those
 * with letters that look Latin. */
enum {
	CLINT_SCRIPT_NONE,     /* not a letter of these */
	CLINT_SCRIPT_LATIN,
	CLINT_SCRIPT_PHONETIC, /* Latin letters of phonetics: IPA, small capitals */
	CLINT_SCRIPT_GREEK,
	CLINT_SCRIPT_CYRILLIC,
	CLINT_SCRIPT_ARMENIAN,
	CLINT_SCRIPT_CHEROKEE
};
/* The script of a letter: Latin (ASCII, Latin-1 and the Latin
 * extensions, the fullwidth and the mathematical letters), phonetic
 * (U+0250..U+02AF, U+1D00..U+1DBF), Greek, Cyrillic, Armenian or
 * Cherokee; else CLINT_SCRIPT_NONE. */
CLINT_INTERNAL int clint_script(uint32_t cp);
/* The ASCII letter that a letter of another script (or of phonetics)
 * cannot be told from in the usual fonts (Unicode's confusables.txt:
 * Cyrillic 'а' U+0430 for 'a', Greek 'Ο' U+039F for 'O', Armenian 'ո'
 * U+0578 for 'n', Cherokee 'Ꮪ' U+13DA for 'S'), or 0: 0 for every
 * Latin letter and CLINT_CP_MARKUP, so callers need not ask
 * clint_script() first (test_scripts checks the table). Letters that
 * scientific text uses and most fonts draw apart are not listed: Greek
 * alpha, gamma, iota, kappa, nu ("TNFα", "NF-κB", "PKCι", "hν"). */
CLINT_INTERNAL char clint_latin_lookalike(uint32_t cp);
/* The ASCII character a fullwidth form (U+FF01..U+FF5E) or a
 * mathematical letter or digit (U+1D400..U+1D6A3, U+1D7CE..U+1D7FF)
 * stands for, as NFKC has it ("ｆｅｅｓ", bold "𝐟𝐞𝐞𝐬"); else 0. */
CLINT_INTERNAL char clint_ascii_form(uint32_t cp);
/* ---- look-alike letters and words (lookalike.c) ------------------------- */

/* What clint_doc_char() gives for markup the extractor skips. */
#define CLINT_CP_MARKUP 0xFFFFFFFFu
/* The character at text[i] (i < hi) as the matching view reads it: a
 * character reference of Markdown as its code point, markup as
 * CLINT_CP_MARKUP, a byte that starts no valid UTF-8 as U+FFFD; stores
 * it and returns its length in bytes (0 at hi). */
CLINT_INTERNAL size_t clint_doc_char(const clint_doc *doc, size_t i,
                                     size_t hi, uint32_t *cp);
/* A word: letters of the scripts of clint_script(), combining marks,
 * characters that show nothing and markup ("f**ее**s" is one word). */
typedef struct {
	size_t start, end;     /* its bytes */
	size_t first_letter, last_letter; /* the bytes from its first letter
	                                    to the end of its last */
	size_t letters;        /* its letters */
	unsigned scripts;      /* bit 1 << CLINT_SCRIPT_* of each letter */
	unsigned looks;        /* the same for its look-alikes */
	size_t foreign;        /* its letters of scripts other than Latin */
	size_t lookalikes;     /* those of them that look Latin */
	uint32_t first;        /* the first of those, */
	size_t first_pos;      /* at this byte */
} clint_word_scripts;
/* Finds the word around text[i] within [lo, hi) (a block; empty if
 * text[i] is not in one). Reads the word once: callers that scan a text
 * go on at w->end. */
CLINT_INTERNAL void clint_doc_word_at(const clint_doc *doc, size_t lo,
                                      size_t hi, size_t i,
                                      clint_word_scripts *w);
/* Whether the word w of the block [lo, hi) reads as a Latin word that no
 * search for that word finds: CLINT_WORD_MIXED if it mixes Latin letters
 * with look-alikes of another script ("fееs" with two Cyrillic 'е');
 * CLINT_WORD_DISGUISED if all its letters are look-alikes ("рау" for
 * "pay"; a single letter, "Supplier'ѕ", unless a small Greek letter, a
 * symbol) and it stands among Latin words. Words of look-alikes only
 * that follow each other are a run, and a run stands among Latin words
 * if the word before it or after it has a Latin letter and neither is a
 * word of another script with a letter of its own shape ("ООО Ромашка").
 * Words are neighbours in a block with at most 16 visible characters
 * other than letters between them (white space, line breaks, characters
 * that show nothing and markup do not count). Else 0: a word of a Greek
 * or Cyrillic text, "TNFα", "β2". `run` keeps the verdict of the last
 * run: zero it for a block, then pass the words with look-alikes in
 * order (each is read a bounded number of times). normalize.c decides;
 * the others read the decisions (clint_doc_fold_at()). */
enum { CLINT_WORD_MIXED = 1, CLINT_WORD_DISGUISED = 2 };
typedef struct {
	size_t end;  /* where the last run ends */
	int latin;   /* it stands among Latin words */
} clint_lookalike_run;
CLINT_INTERNAL int clint_lookalike_decide(const clint_doc *doc, size_t lo,
                                          size_t hi,
                                          const clint_word_scripts *w,
                                          clint_lookalike_run *run);
/* Records that the matching view reads the word w as Latin (kind:
 * CLINT_WORD_*); words come in the order of the text. */
CLINT_INTERNAL int clint_doc_add_fold(clint_doc *doc,
                                      const clint_word_scripts *w, int kind);
/* The kind of the word recorded at text[i], or 0: its look-alikes are
 * read as Latin letters. */
CLINT_INTERNAL int clint_doc_fold_at(const clint_doc *doc, size_t i);

/* ---- fingerprints (fingerprint.c) --------------------------------------- */
/* clint_finding_fingerprint() without the section heading: the rule and
 * the matched words. The diff pairs by it the findings of two sections it
 * aligned whose headings were reworded. */
CLINT_INTERNAL int clint_finding_words_fingerprint(const clint_result *res,
                                                   const clint_finding *f,
                                                   char out[CLINT_FINGERPRINT_SIZE]);

/*
 * What a terminal must not get at s[i] (of s[0..len)): returns the text
 * to write instead ("?", or " " for a tab), or NULL to copy the
 * character, and stores its length in bytes (>= 1) in *n. Replaced are
 * the C0 controls (a newline too: what is written is one field), DEL, the C1 controls (U+0080..U+009F,
 * such as U+009B CSI), each byte that does not start valid UTF-8, and
 * the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069), which make a terminal show text in another order than
 * it is stored ("Trojan Source"). One rule for every path to a terminal:
 * clint_term_safe(), clint_term_str() and the diagnostics.
 */
CLINT_INTERNAL const char *clint_term_char(const char *s, size_t i,
                                           size_t len, size_t *n);
/* True if s[0..n) is 1 to 7 roman-numeral letters (either case). */
CLINT_INTERNAL int clint_is_roman(const char *s, size_t n);
/* Number of code points in s[0..len) (valid UTF-8 assumed). */
CLINT_INTERNAL size_t clint_utf8_count(const char *s, size_t len);

/* ---- results (check.c) ------------------------------------------------- */

/* The ruleset a result was checked against (reports list every rule). */
CLINT_INTERNAL const clint_ruleset *clint_result_ruleset(const clint_result *res);

/* ---- diagnostics (util.c) --------------------------------------------- */

CLINT_INTERNAL int clint_diag_add(clint_diag *diag, clint_diag_level level,
                                  const char *file, unsigned line,
                                  unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
CLINT_INTERNAL int clint_diag_addv(clint_diag *diag, clint_diag_level level,
                                   const char *file, unsigned line,
                                   unsigned column, const char *fmt,
                                   va_list ap)
	__attribute__((format(printf, 6, 0)));

/* ---- offset maps (omap.c) ---------------------------------------------- */

/*
 * Maps offsets of a derived buffer (e.g. the normalised matching text) to
 * offsets of the buffer it came from. It is a list of runs: in a copy run
 * offsets advance together; in a replace run every derived offset maps to
 * the run's source start. A run is added only where the relation changes,
 * so an unchanged text costs one entry.
 */
typedef struct {
	size_t from;   /* start in the derived buffer */
	size_t to;     /* start in the source buffer */
	int copy;      /* 1: copy run, 0: replace run */
} clint_omap_run;

typedef struct {
	clint_omap_run *runs;
	size_t count;
	size_t cap;
	clint_mem *mem;   /* pays for the runs (NULL: nothing) */
	size_t from_len;  /* derived length, set by clint_omap_finish() */
	size_t to_len;
} clint_omap;

/* Derived bytes [from, from+n) are a copy of source bytes [to, to+n). */
CLINT_INTERNAL int clint_omap_copy(clint_omap *m, size_t from, size_t to);
/* Derived bytes starting at `from` replace source bytes starting at `to`. */
CLINT_INTERNAL int clint_omap_replace(clint_omap *m, size_t from, size_t to);
CLINT_INTERNAL void clint_omap_finish(clint_omap *m, size_t from_len,
                                      size_t to_len);
/* Source offset of derived offset `off` (clamped to the buffers). */
CLINT_INTERNAL size_t clint_omap_map(const clint_omap *m, size_t off);
CLINT_INTERNAL void clint_omap_free(clint_omap *m);

/* ---- document model (doc.c) -------------------------------------------- */

/* Flags of a block set by extractors: see CLINT_BLOCK_* in clauselint.h. */
#define CLINT_BLOCK_F_PAGE_BREAK CLINT_BLOCK_PAGE_BREAK

typedef struct {
	clint_block_type type;
	unsigned level;
	unsigned flags;
	size_t start, end;            /* range in text */
	size_t norm_start, norm_end;  /* range in norm */
	unsigned page;
	unsigned paragraph;           /* source paragraph, 0 for text formats */
	int took_row;                 /* the first block of its table row */
} clint_iblock;

typedef struct {
	char *author;
	char *text;
	size_t start, end;
} clint_iannotation;

typedef struct {
	char *number;
	char *heading;
	char *label;
	char *cite;          /* "9.2(a)" or NULL (segment.c) */
	unsigned depth;
	unsigned rank;       /* internal nesting rank (segment.c) */
	size_t start, end;   /* in text */
	size_t norm_start, norm_end;
	size_t heading_norm_start, heading_norm_end; /* heading words in norm */
	size_t parent;
	size_t block;        /* block holding the heading */
	int num_kind;        /* segment.c numbering kind: 0 none, 1 decimal,
	                        2 word (Article, Schedule, ...), 3 item (a) */
	char *word;          /* "Article", "Schedule", ... for kind 2, else "" */
} clint_isection;

typedef struct {
	clint_value_kind kind;
	double amount;
	const char *currency;  /* static strings */
	const char *unit;
	double days;
	size_t start, end;            /* in text */
	size_t norm_start, norm_end;  /* in norm */
	size_t section;
	int restated;                 /* words and digits both given */
	double written;               /* the number in words, if restated */
	double digits;                /* the number in digits, if restated */
} clint_ivalue;

/* A defined term (segment.c, clint_find_definitions). */
typedef enum {
	CLINT_IDEF_MEANS = 0,   /* "Services" means ..., "Services": ... */
	CLINT_IDEF_INLINE,      /* (the "Services"), (hereinafter "Supplier") */
	CLINT_IDEF_TABLE        /* a table cell or list item naming the term */
} clint_idef_form;

typedef struct {
	char *term;                   /* as written, without quotes */
	clint_idef_form form;
	size_t norm_start, norm_end;  /* the term (inside its quotes) in norm */
	size_t def_start, def_end;    /* in norm: the defining words (after
	                                 "means", or the words before the
	                                 parenthesis), maybe empty */
	int preamble;                 /* before the first numbered clause */
	int pointer;                  /* "has the meaning given in 4.2",
	                                 "includes ...": defined elsewhere or
	                                 only extended here */
} clint_idefinition;

/* A byte range of the text that matching must not see (markup), or must
 * read as one character (a Markdown character reference, "&#x65;"). */
typedef struct {
	size_t start, end;
	uint32_t cp;          /* 0: left out; else read as this code point */
} clint_range;

struct clint_doc {
	char *name;
	clint_input_format format;

	char *text;           /* UTF-8, NUL-terminated */
	size_t text_len;

	clint_iblock *blocks;
	size_t block_count, block_cap;

	clint_range *skips;   /* markup ranges, sorted, used by normalise */
	size_t skip_count, skip_cap;
	clint_range *folds;   /* words read as Latin (cp: CLINT_WORD_*), in
	                         order; made by normalise (lookalike.c) */
	size_t fold_count, fold_cap;

	size_t *line_starts;  /* text offsets of each source line */
	size_t line_count;
	size_t *char_marks;   /* characters before each CLINT_CHAR_MARK bytes */
	size_t char_mark_count;

	/* Matching view: normalised text and its map back to the text. */
	char *norm;
	size_t norm_len;
	clint_omap norm_map;

	clint_isection *sections;
	size_t section_count, section_cap;
	/* where the notes after the body start (DOCX footnotes, endnotes,
	 * headers and footers; ODT headers and footers): the blocks from
	 * body_blocks on, in no section; text_len and norm_len when there
	 * is none. Set by clint_segment(). */
	size_t notes_start, notes_norm_start;

	size_t *sentences;    /* pairs of norm offsets: start, end */
	size_t sentence_count, sentence_cap;

	clint_idefinition *definitions;  /* in norm order */
	size_t definition_count, definition_cap;

	clint_ivalue *values;  /* in norm order */
	size_t value_count, value_cap;

	/* The matching view, sections, sentences and values are computed
	 * when first asked for (clint_doc_analyse()): a run that only wants
	 * the text (clauselint text) never pays for them. */
	int norm_done;         /* norm is built (early for a one-block doc) */
	int analysis;          /* 0 not yet, 2 running, 1 done, < 0 the error */
	pthread_mutex_t lazy_lock;

	clint_iannotation *annotations;
	size_t annotation_count, annotation_cap;

	/* What the tables above (blocks to values, the line index and the
	 * matching view's map) may take: clint_doc_options.max_doc_memory.
	 * A table that would outgrow it is refused with CLINT_ELIMIT, and
	 * mem.over tells that this was the reason. */
	clint_mem mem;

	/* while an extractor builds the text (clint_doc_open_block ...) */
	clint_buf build;
	int block_open;
	/* clint_doc_table_row() was called: the next table cell block gets
	 * CLINT_BLOCK_ROW_START */
	int row_pending;
	/* clint_doc_end_body() was called: the blocks from body_blocks on
	 * are the notes kept outside the body */
	int body_ended;
	size_t body_blocks;
	clint_revisions revisions;  /* what the caller asked for */
	double pdf_seconds;         /* clint_doc_options.max_pdf_seconds */
	size_t pdf_memory;          /* clint_doc_options.max_pdf_memory */
};

CLINT_INTERNAL int clint_doc_alloc(clint_doc **out, const char *name);
/*
 * Building the text of a word processing document: extractors open a
 * block, put its UTF-8 text, close it. Blocks are separated by "\n" in
 * the text; an empty block is dropped. The text is capped (CLINT_ELIMIT).
 */
CLINT_INTERNAL int clint_doc_open_block(clint_doc *doc, clint_block_type type,
                                        unsigned level, unsigned page,
                                        unsigned paragraph, unsigned flags);
CLINT_INTERNAL int clint_doc_put(clint_doc *doc, const char *s, size_t n);
CLINT_INTERNAL int clint_doc_put_utf8(clint_doc *doc, uint32_t cp);
/* A table row starts: the next table cell block, whether opened or
 * added, gets CLINT_BLOCK_ROW_START (a row whose first cells are empty
 * starts at its first cell with text). Every extractor of tables calls
 * it at each row, and where a table ends: the cells of an outer row
 * after a nested table (or an embedded sheet) are not in the nested
 * table's last row. */
CLINT_INTERNAL void clint_doc_table_row(clint_doc *doc);
/* Adds flags to the open block (e.g. CLINT_BLOCK_INSERTED). */
CLINT_INTERNAL void clint_doc_flag_block(clint_doc *doc, unsigned flags);
CLINT_INTERNAL int clint_doc_close_block(clint_doc *doc);
/* The body is read: the blocks from here on are notes the format keeps
 * outside it (DOCX footnotes, endnotes, headers and footers; ODT headers
 * and footers), which the segmenter puts in no section. Formats that
 * place a note after the paragraph citing it (RTF, ODT footnotes) do not
 * call it for those. Closes the open block. */
CLINT_INTERNAL int clint_doc_end_body(clint_doc *doc);
/* Current length of the text being built (for annotation anchors). */
CLINT_INTERNAL size_t clint_doc_built_len(const clint_doc *doc);
CLINT_INTERNAL int clint_doc_add_annotation(clint_doc *doc, const char *author,
                                            const char *text, size_t start,
                                            size_t end);
/* Ends building: the built text becomes doc->text. */
CLINT_INTERNAL int clint_doc_finish_build(clint_doc *doc);

/* Appends a block; `content_start` defaults to `start`. */
CLINT_INTERNAL int clint_doc_add_block(clint_doc *doc, clint_block_type type,
                                       unsigned level, size_t start,
                                       size_t end, unsigned page,
                                       unsigned flags);
CLINT_INTERNAL int clint_doc_add_skip(clint_doc *doc, size_t start,
                                      size_t end);
/* Records that the matching view reads text[start..end) as the code
 * point cp (> 0): a character reference of Markdown. */
CLINT_INTERNAL int clint_doc_add_sub(clint_doc *doc, size_t start, size_t end,
                                     uint32_t cp);
/*
 * Runs the stages computed when first needed - normalise, segment,
 * values - if they have not run yet; safe from several threads at once.
 * Returns 0 or the first stage error (again on every later call).
 * Whatever reads norm, sections, sentences or values calls it first:
 * clint_check_rules(), the section, sentence and value accessors, the
 * pack linter.
 */
CLINT_INTERNAL int clint_doc_analyse(const clint_doc *doc);
/* Adds the error of a document refused because its tables outgrew
 * doc->mem (mem.over), naming the limit; the one wording of it. */
CLINT_INTERNAL void clint_doc_mem_error(const clint_doc *doc,
                                        clint_diag *diag);
/* Builds the line table of the text (LF, CRLF and CR all end a line). */
CLINT_INTERNAL int clint_doc_index_lines(clint_doc *doc);
#define CLINT_CHAR_MARK 4096

/* Number of characters in text[0..off): O(CLINT_CHAR_MARK) at most. */
CLINT_INTERNAL size_t clint_doc_chars(const clint_doc *doc, size_t off);
/* Text range [start, end) of 1-based line `line`, without its line end. */
CLINT_INTERNAL void clint_doc_line_range(const clint_doc *doc, unsigned line,
                                         size_t *start, size_t *end);
/* Text offset of norm offset `off`. */
CLINT_INTERNAL size_t clint_doc_norm_to_text(const clint_doc *doc,
                                             size_t off);
/* Text offset where a match ending at norm offset `end` ends: after the
 * original of its last character, never after markup or dropped
 * characters that follow it. */
CLINT_INTERNAL size_t clint_doc_norm_end_to_text(const clint_doc *doc,
                                                 size_t end);
/* Index of the block whose norm range holds `off`, or (size_t)-1. */
CLINT_INTERNAL size_t clint_doc_block_at_norm(const clint_doc *doc,
                                              size_t off);
/* Index of the sentence whose norm range holds `off`, or (size_t)-1. */
CLINT_INTERNAL size_t clint_doc_sentence_at_norm(const clint_doc *doc,
                                                 size_t off);

/* ---- the stages --------------------------------------------------------- */

/* extract/: bytes -> doc with text, blocks, skips, lines (no norm yet). */
CLINT_INTERNAL int clint_extract(clint_doc **out, const char *name,
                                 const unsigned char *data, size_t len,
                                 const clint_doc_options *opts,
                                 clint_diag *diag);
CLINT_INTERNAL int clint_extract_text(clint_doc *doc, const unsigned char *data,
                                      size_t len, clint_diag *diag);
CLINT_INTERNAL int clint_extract_markdown(clint_doc *doc,
                                          const unsigned char *data,
                                          size_t len, clint_diag *diag);
/*
 * Word processing and page formats: each fills the document through
 * clint_doc_open_block()/put()/close_block(), honours doc->revisions, and
 * reports problems to `diag` naming doc->name. Untrusted input: sizes,
 * entry counts, compression ratios and XML depth are bounded; libxml2
 * never loads DTDs, expands entities or touches the network.
 */
CLINT_INTERNAL int clint_extract_docx(clint_doc *doc, const unsigned char *data,
                                      size_t len, clint_diag *diag);
CLINT_INTERNAL int clint_extract_odt(clint_doc *doc, const unsigned char *data,
                                     size_t len, clint_diag *diag);
CLINT_INTERNAL int clint_extract_html(clint_doc *doc, const unsigned char *data,
                                      size_t len, clint_diag *diag);
CLINT_INTERNAL int clint_extract_rtf(clint_doc *doc, const unsigned char *data,
                                     size_t len, clint_diag *diag);
CLINT_INTERNAL int clint_extract_pdf(clint_doc *doc, const unsigned char *data,
                                     size_t len, clint_diag *diag);
/* Decodes text bytes (BOM, UTF-16, UTF-8 or Windows-1252) to UTF-8. */
CLINT_INTERNAL int clint_decode_text(clint_buf *out, const unsigned char *data,
                                     size_t len, const char *name,
                                     clint_diag *diag);
/* Windows-1252 bytes to UTF-8 (the five bytes it leaves undefined as
 * U+FFFD). */
CLINT_INTERNAL int clint_decode_cp1252(clint_buf *out, const unsigned char *d,
                                       size_t len);
/* d[0..len) to UTF-8 with each byte that starts no valid UTF-8 sequence
 * read as U+FFFD (`fffd`, as a browser reads a page that declares UTF-8)
 * or as Windows-1252; *count gets how many there were. */
CLINT_INTERNAL int clint_decode_utf8_lenient(clint_buf *out,
                                             const unsigned char *d,
                                             size_t len, int fffd,
                                             size_t *count);
/* Bytes that declare no encoding and are not all UTF-8 (the first bad
 * byte at `bad`): mostly UTF-8, read as such with the bad bytes as
 * Windows-1252, else all as Windows-1252; a note in `diag` says which. */
CLINT_INTERNAL int clint_decode_undeclared(clint_buf *out,
                                           const unsigned char *d, size_t len,
                                           size_t bad, const char *name,
                                           clint_diag *diag);

/* normalize.c: doc text + blocks + skips -> norm + norm_map. */
CLINT_INTERNAL int clint_normalize(clint_doc *doc);

/* segment.c: doc with norm -> sections + sentences. Bounded: at most
 * CLINT_MAX_SECTIONS sections; a heading past them is read as text of the
 * last section (real contracts have hundreds, 10 MB of "# a" lines made
 * 2.5 million, over 500 MB). */
#define CLINT_MAX_SECTIONS 100000
CLINT_INTERNAL int clint_segment(clint_doc *doc);

/* segment.c: segmented doc -> defined terms ("X" means, (the "X"),
 * definitions tables). Bounded: at most CLINT_MAX_DEFINITIONS. */
#define CLINT_MAX_DEFINITIONS 4096
CLINT_INTERNAL int clint_find_definitions(clint_doc *doc);

/* True if a line (maybe numbered) reads as a heading: short, ALL CAPS or
 * Title Case. Extractors use it to end a block after a heading line. */
CLINT_INTERNAL int clint_heading_line(const char *s, size_t len);

/* values.c: segmented doc -> money, percentages, durations. */
CLINT_INTERNAL int clint_extract_values(clint_doc *doc);

/* Initialises libxml2 once per process, whichever thread comes first
 * (xmlinit.c). Call it instead of xmlInitParser(). */
CLINT_INTERNAL void clint_xml_init(void);

/* Copies libxml2 error message `msg` (NULL: "") into `dst` of `cap` bytes,
 * without the newline and spaces libxml2 ends its messages with
 * (xmlinit.c). Returns dst. */
CLINT_INTERNAL char *clint_xml_message(char *dst, size_t cap, const char *msg);

/* Adds libxml2 error `err` (xmlErrorPtr) as an error diagnostic on `file`,
 * its message without the trailing newline, at its line (xmlinit.c).
 * Returns 1 if one was added, 0 for an error without a message. */
struct _xmlError;
CLINT_INTERNAL int clint_diag_xml_error(clint_diag *diag, const char *file,
                                        const struct _xmlError *err);

/* The RELAX NG schemas embedded in the library (xmlinit.c). */
typedef enum {
	CLINT_SCHEMA_PACK = 0,  /* clausepacks/schema/pack.rng */
	CLINT_SCHEMA_CONFIG     /* clausepacks/schema/config.rng */
} clint_xml_schema_id;

/* Schema errors passed on per document by clint_xml_validate() */
#define CLINT_XML_MAX_SCHEMA_ERRORS 20

/*
 * Validates `xdoc` (an xmlDocPtr) against the embedded schema `which`,
 * each problem passed to `on_error(userdata, err)`: the first
 * CLINT_XML_MAX_SCHEMA_ERRORS, then one more that counts the rest ("and
 * N more schema errors, not shown", line 0). The schema is parsed the
 * first time one is needed and kept for the life of the process (a parse
 * that fails is tried again next time); validations are serialised.
 * Returns 0 when the document is valid, 1 when it is not, CLINT_EFORMAT
 * when the schema does not compile, CLINT_ENOMEM.
 */
struct _xmlDoc;
CLINT_INTERNAL int clint_xml_validate(clint_xml_schema_id which,
                                      struct _xmlDoc *xdoc,
                                      void (*on_error)(void *,
                                                       struct _xmlError *),
                                      void *userdata);

/* ---- reading untrusted XML (xmlread.c) ---------------------------------- */

/*
 * Reads `data` (an XML file of `len` bytes, UTF-8 or a single-byte superset
 * of ASCII; `url` names it in libxml2's errors) into *out with parser
 * context `pctx` (an xmlParserCtxtPtr, its error handlers the caller's).
 * A DOCTYPE or ENTITY declaration, found in the bytes or by the parser, is
 * refused (CLINT_EFORMAT); so are a tag of more than CLINT_MAX_ATTRS
 * attributes, more than CLINT_MAX_XML_NS namespace declarations in scope
 * and a tree of more than `max_nodes` nodes (0: the default
 * CLINT_MAX_XML_NODES), CLINT_ELIMIT. Then `why` says why, naming `kind`
 * (what the file is: "clause packs") where that helps, and *out is NULL.
 * CLINT_OK otherwise: *out is libxml2's result, NULL or not well-formed
 * (pctx->wellFormed) when the parser failed, and each element's line is
 * clint_xml_line()'s, past 65,535 too. `options` (XML_PARSE_*) are added
 * to XML_PARSE_NONET and XML_PARSE_IGNORE_ENC: the bytes are read as the
 * scans read them, UTF-8 or the ISO-8859-*, windows-125* or US-ASCII the
 * declaration names, never an encoding that hides "<" from them.
 */
typedef struct {
	const char *kind;
	int options;
	size_t max_nodes;
	char why[160];
	clint_mem *mem;    /* the tree is charged to it (clint_xml_count) ... */
	size_t mem_taken;  /* ... this much, to give back once it is freed */
} clint_xml_reader;
struct _xmlParserCtxt;
CLINT_INTERNAL int clint_xml_read(struct _xmlDoc **out,
                                  struct _xmlParserCtxt *pctx, const char *data,
                                  size_t len, const char *url,
                                  clint_xml_reader *r);

/* The line of node `n` (an xmlNodePtr): that of an element read by
 * clint_xml_read() past line 65,535 too; 0 when unknown. */
struct _xmlNode;
CLINT_INTERNAL unsigned clint_xml_line(struct _xmlNode *n);

/*
 * True if a start tag of data[0..len) has more than `limit` attributes,
 * read from the raw bytes (so in ASCII and the encodings that keep its
 * bytes: UTF-8, Windows-1252, UTF-16, UTF-32). libxml2 checks each
 * attribute of a tag against the others before any callback sees the
 * tag: one tag of 200,000 attributes (1 MB of HTML) ran for minutes. The
 * HTML extractor and clint_xml_read() (packs, project files, ODT entries)
 * refuse a tag of more than CLINT_MAX_ATTRS. With `xml` set (XML), names
 * may hold non-ASCII characters and <script> and <style> hold markup, as
 * xmlParseStartTag2() reads them.
 */
#define CLINT_MAX_ATTRS 256
CLINT_INTERNAL int clint_tag_over_attrs(const char *data, size_t len,
                                        size_t limit, int xml);
/* True if encoding `name` is one in which "<" and the attributes are not
 * the ASCII bytes the scans read: EBCDIC, UTF-7, UTF-16/32, UCS; HTML
 * declared in one of them is refused (one tag of 100,000 attributes in
 * EBCDIC: 26 s in libxml2, unseen by clint_tag_over_attrs()). */
CLINT_INTERNAL int clint_encoding_unsafe(const char *name);
/* True if data[0..len) declares an encoding (charset=, encoding=): the
 * first one, lower case, in *name. */
CLINT_INTERNAL int clint_declared_encoding(const char *data, size_t len,
                                           char name[32]);

/*
 * A bound on the tree libxml2 builds, counted while it parses: the
 * HTML extractor and the readers of clint_xml_read() build a whole tree
 * before walking it (about 200 bytes a node; 100 MB of "<p>a</p>" took
 * 4.2 GB, and attributes or a declared EBCDIC or UTF-7 encoding hide the
 * cost from any count of raw bytes). clint_xml_count_begin() wraps the
 * SAX callbacks of parser context `pctx` (an xmlParserCtxtPtr, before its
 * xmlCtxtReadMemory() or htmlCtxtReadMemory()) to count each element
 * with its attributes and namespace declarations, each text node (a run
 * of text after text is added to it), comment and processing
 * instruction; past `limit` the parser is stopped (xmlStopParser) and
 * `over` set: the caller refuses the document. With `no_dtd` set after
 * it, a document type declaration stops the parser too (`dtd` set), as
 * it starts: found after decoding, where a search of the raw bytes for
 * "<!DOCTYPE" misses one in UTF-16 or EBCDIC. In XML, more than
 * CLINT_MAX_XML_NS namespace declarations in scope (made by an element
 * and those around it) stop it too, `over` and `ns_over` set: libxml2
 * looks each prefix up through all of them (250 nested tags of 255
 * declarations: 64,000 string compares a prefixed attribute, minutes
 * for an 8 MiB pack; a real ODT entry has some 40). With `drop` set, the
 * text and CDATA inside an element it is true of are not kept, nor
 * counted, nor measured against CLINT_XML_MAX_TEXT. With `stray` set,
 * markup the HTML parser does not know is left out (below). With `mem`
 * set (a document's budget), the tree is charged to it as it is built:
 * CLINT_XML_NODE_BYTES a node, and each byte of text and of attribute
 * values; a charge the budget refuses stops the parser, `over` and
 * `mem_over` set (4,000,000 nodes took 600 MB to 1.3 GB, whatever
 * --max-doc-memory said). The caller gives `mem_taken` back once the
 * tree is freed.
 */
#define CLINT_MAX_XML_NODES 4000000u
/* What a node of a libxml2 tree takes, measured: 3,900,000 empty elements
 * of an HTML page 650 MB, 4,000,000 attributes 590 MB, 3,800,000 short
 * elements and texts 614 MB (glibc, x86-64) */
#define CLINT_XML_NODE_BYTES 160u
#define CLINT_MAX_XML_NS 256
/* libxml2's XML_MAX_TEXT_LENGTH: its SAX2 handler stops the parser where
 * one node's text would pass it, and the rest is lost; the count stops
 * the parser first, `over` and `huge_text` set */
#define CLINT_XML_MAX_TEXT 10000000u
#define CLINT_XML_TEXT_REFUSAL                                               \
	"more than 10000000 bytes of text with no tag between: refused"
typedef struct {
	size_t nodes, limit;
	size_t ns;       /* namespace declarations in scope */
	int over;
	int ns_over;     /* `over` for `ns` */
	int no_dtd;      /* set by the caller: a DOCTYPE stops the parser */
	int dtd;         /* ... and this tells it met one */
	int huge_text;   /* `over` for a run of text past CLINT_XML_MAX_TEXT */
	/* set by the caller: the text and CDATA inside an element it holds
	 * true of are not kept (HTML: what the walk leaves out) */
	int (*drop)(struct _xmlNode *element);
	/* set by the caller (HTML): called where the parser passes on as text
	 * a '<' it could not read as a tag, with the input at that '<'; the
	 * length of the markup there that is to be left out, or 0 to keep
	 * the '<' (a character reference to '<' just before it is kept) */
	size_t (*stray)(const char *at);
	size_t stray_ref;  /* where the last such reference ended, + 1 */
	void *drop_node; /* the outermost such element open ... */
	int drop_at;     /* ... and its place in the parser's node stack */
	void *text;      /* the text node runs are added to, and its length */
	size_t text_len;
	clint_mem *mem;  /* set by the caller: the budget the tree is charged to */
	size_t mem_taken;
	int mem_over;    /* `over` for `mem` */
	void *saved[10]; /* the callbacks wrapped */
} clint_xml_count;
CLINT_INTERNAL void clint_xml_count_begin(clint_xml_count *c,
                                          struct _xmlParserCtxt *pctx,
                                          size_t limit);
/* After the parse: the callbacks are the parser's own again, and pctx no
 * longer points at `c` (which may then go out of scope). */
CLINT_INTERNAL void clint_xml_count_end(clint_xml_count *c,
                                        struct _xmlParserCtxt *pctx);
/* Writes to out[0..cap) why a tree the budget `m` refused is refused
 * ("more memory to parse than the document memory limit of 64 MiB allows
 * (--max-doc-memory): refused"); clint_xml_read() puts it in `why`. A
 * caller that says it in these words clears m->over, which would have
 * clint_doc_mem_error() say it again. */
CLINT_INTERNAL void clint_xml_mem_refusal(char *out, size_t cap, clint_mem *m);

/*
 * While a document's XML is parsed, the errors libxml2 raises outside any
 * parser context (an encoding that fails to convert: "encoding error",
 * "I/O error : encoder error", "xmlParseChunk: encoder error") would go to
 * its default handlers, which print to stderr. The extractors find bad
 * input out by the parser's own state and report it as a diagnostic, so
 * between clint_xml_quiet_begin() and clint_xml_quiet_end() these errors
 * are only counted in `errors`, and the first one kept in `first`, for a
 * caller whose parser cannot see them (the DOCX push parser stops at a
 * conversion error as if the part had ended there). The handlers are
 * libxml2's per-thread ones; _end() restores those the calling thread had
 * (xmlinit.c).
 */
typedef struct {
	void (*serror)(void *, struct _xmlError *);
	void *sctx;
	void (*gerror)(void *, const char *, ...);
	void *gctx;
	unsigned errors;  /* errors (not warnings) silenced so far */
	char first[160];  /* the first one's message, without its newline */
} clint_xml_quiet;
CLINT_INTERNAL void clint_xml_quiet_begin(clint_xml_quiet *q);
CLINT_INTERNAL void clint_xml_quiet_end(const clint_xml_quiet *q);

/* embedded packs (generated: build/embedded.c) */
typedef struct {
	const char *name;           /* file name, e.g. "outsourcing.xml" */
	const char *pack;           /* its pack name, e.g. "outsourcing" */
	const unsigned char *data;
	size_t len;
	int by_default;             /* loaded unless --no-default-packs */
} clint_embedded_file;

extern const clint_embedded_file clint_embedded_packs[];
extern const size_t clint_embedded_pack_count;
extern const clint_embedded_file clint_embedded_schema;
/* the project file schema (clausepacks/schema/config.rng) */
extern const clint_embedded_file clint_embedded_config_schema;

/* 1 if `s` is a valid max_cpu_seconds of clint_check_options or
 * clint_diff_options: 0 (the default), above 0, or
 * CLINT_CHECK_NO_TIME_LIMIT; 0 for NaN and other negative values
 * (check.c). */
CLINT_INTERNAL int clint_check_seconds_ok(double s);

/* The ruleset index of the rule of finding `i` / missing clause `i` /
 * present clause `i` of `res` (i below the count; check.c). */
CLINT_INTERNAL size_t clint_result_finding_rule(const clint_result *res,
                                                size_t i);
CLINT_INTERNAL size_t clint_result_missing_rule(const clint_result *res,
                                                size_t i);
CLINT_INTERNAL size_t clint_result_present_rule(const clint_result *res,
                                                size_t i);

#endif /* CLINT_INTERNAL_H */
