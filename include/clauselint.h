/**
 * @file clauselint.h
 * clauselint.h - the public API of libclauselint, a linter for outsourcing
 * and services contracts.
 *
 * The library is a pipeline of four stages, each with one way in and one
 * way out:
 *
 *   bytes --clint_doc_load_*()--> clint_doc         (extract + segment)
 *   pack files --clint_ruleset_load()--> clint_ruleset (load + compile)
 *   clint_ruleset + clint_doc --clint_check()--> clint_result
 *   clint_result --clint_renderer_*()--> text, JSON, SARIF, HTML, ... through
 *                                         a callback
 *   clint_ruleset + OLD + NEW --clint_diff_new()--> clint_diff
 *   clint_diff --clint_diff_render()--> text / JSON / Markdown / HTML / SARIF
 *
 * Conventions (see docs/api.md):
 *  - Handles are opaque. Functions return 0 (CLINT_OK) or a negative
 *    CLINT_E* code; human-readable details go to a clint_diag the caller
 *    passes in, never to a global.
 *  - Out-parameters come first. What comes back through `**out` is the
 *    caller's to free with the matching _free(); every _free() accepts NULL.
 *    Pointers inside the info structs are borrowed from their parent
 *    handle and live as long as it does.
 *  - A clint_ruleset is read-only after loading: any number of threads may
 *    check documents against one ruleset at the same time. A clint_doc
 *    is analysed (normalised, segmented, its values found) the first time
 *    something needs it, once, under a lock: threads may share it too.
 *  - All text is UTF-8. Positions are byte offsets into the document text
 *    (clint_doc_text()); line and column are derived from them.
 */
#ifndef CLAUSELINT_H
#define CLAUSELINT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CLINT_BUILDING_LIBRARY) && defined(__GNUC__)
#define CLINT_EXTERN __attribute__((visibility("default")))
#else
#define CLINT_EXTERN
#endif

/* ---- version ---------------------------------------------------------- */

#define CLINT_VERSION_MAJOR 0
#define CLINT_VERSION_MINOR 3
#define CLINT_VERSION_PATCH 0
#define CLINT_VERSION_STRING "0.3.0"
/** MAJOR * 10000 + MINOR * 100 + PATCH */
#define CLINT_VERSION_NUMBER                                                  \
	(CLINT_VERSION_MAJOR * 10000 + CLINT_VERSION_MINOR * 100 +                \
	 CLINT_VERSION_PATCH)

/** The version of the library actually linked, as "MAJOR.MINOR.PATCH". */
CLINT_EXTERN const char *clint_version(void);
/** The same as a number, comparable with CLINT_VERSION_NUMBER. */
CLINT_EXTERN int clint_version_number(void);

/* ---- errors and diagnostics ------------------------------------------- */

typedef enum {
	CLINT_OK = 0,
	CLINT_ENOMEM = -1,       /**< out of memory */
	CLINT_EIO = -2,          /**< a file could not be read */
	CLINT_EFORMAT = -3,      /**< an input is malformed or not a document */
	CLINT_EPACK = -4,        /**< a clause pack is invalid */
	CLINT_EINVAL = -5,       /**< a bad argument */
	CLINT_ELIMIT = -6,       /**< an input exceeds a configured limit, or a
	                              run stopped at its CPU-time limit */
	CLINT_EUNSUPPORTED = -7  /**< a recognised but unsupported format */
} clint_error_code;

/** A short static description of a CLINT_E* code. */
CLINT_EXTERN const char *clint_strerror(int code);

typedef enum {
	CLINT_DIAG_NOTE = 0,
	CLINT_DIAG_WARNING = 1,
	CLINT_DIAG_ERROR = 2
} clint_diag_level;

/**
 * A list of diagnostics collected by the calls it is passed to: pack
 * errors (all of them, with file and line), extraction notes ("decoded as
 * Windows-1252"), rule errors (a rule that hit a regex limit). A NULL
 * clint_diag is allowed everywhere and discards the messages.
 *
 * It keeps at most CLINT_DIAG_MAX_ENTRIES notes and warnings: past them,
 * one entry says how many more there were ("N more messages not shown",
 * with the file of the first), at the highest level among them. Errors
 * are always kept. A hostile file could otherwise add one a few bytes (an
 * RTF with 1.6 million \ansicpg words: 576 MB of messages).
 */
typedef struct clint_diag clint_diag;
#define CLINT_DIAG_MAX_ENTRIES 10000

/** `message` is safe to print to a terminal, as clint_term_safe() makes
 *  it: it may quote hostile files and documents. `file` is the name as it
 *  was given, any byte but NUL: print it with the same care. */
typedef struct {
	clint_diag_level level;
	const char *file;     /**< may be NULL */
	unsigned line;        /**< 0 when unknown */
	unsigned column;      /**< 0 when unknown */
	const char *message;
} clint_diag_entry;

/**
 * Makes the NUL-terminated `s` safe to print to a terminal, in place, and
 * returns its new length (never longer; 0 for a NULL `s`). A tab becomes a
 * space and '?' replaces each other C0 control (a newline too), DEL, each
 * C1 control (U+0080..U+009F, such as U+009B CSI), each byte that does not
 * start valid UTF-8, and each bidirectional embedding, override or
 * isolate (U+202A..U+202E, U+2066..U+2069), with which text can show in
 * another order than it is stored. Other text, NBSP and the section sign
 * among it, is kept. The library's text reports and diagnostics follow
 * the same rule; use it for a file name or other text of your own.
 */
CLINT_EXTERN size_t clint_term_safe(char *s);
CLINT_EXTERN int clint_diag_new(clint_diag **out);
CLINT_EXTERN void clint_diag_free(clint_diag *diag);
CLINT_EXTERN void clint_diag_clear(clint_diag *diag);
CLINT_EXTERN size_t clint_diag_count(const clint_diag *diag);
/** Entries of at least `level`. */
CLINT_EXTERN size_t clint_diag_count_level(const clint_diag *diag,
                                           clint_diag_level level);
/** Fills `out` with entry `i`; the strings are borrowed from `diag`. */
CLINT_EXTERN int clint_diag_get(const clint_diag *diag, size_t i,
                                clint_diag_entry *out);

/* ---- reading files ----------------------------------------------------- */

/**
 * Reads the whole file at `path` as documents, packs and project files are
 * read: only a regular file or a pipe, never a directory or a device, and
 * without waiting for a writer on a named pipe that no program writes to
 * (refused as "a pipe that nothing was written to", so an empty pipe fails
 * where an empty regular file is read as 0 bytes). At most `limit` bytes:
 * 0 reads only an empty file, SIZE_MAX sets no limit. On success *data is
 * a NUL-terminated copy, *len its length (the NUL not counted); free it
 * with clint_file_free(). On failure returns CLINT_EIO, CLINT_ELIMIT or
 * CLINT_ENOMEM, *data is NULL, *len is 0 and `diag` (which may be NULL)
 * holds an error naming the file and the reason; a NULL `data`, `len` or
 * `path` returns CLINT_EINVAL and sets nothing.
 */
CLINT_EXTERN int clint_file_read(char **data, size_t *len, const char *path,
                                 size_t limit, clint_diag *diag);
CLINT_EXTERN void clint_file_free(char *data);

/* ---- documents: extract + segment ------------------------------------- */

typedef enum {
	CLINT_INPUT_AUTO = 0,   /**< detect from content and file name */
	CLINT_INPUT_TEXT,
	CLINT_INPUT_MARKDOWN,
	CLINT_INPUT_DOCX,
	CLINT_INPUT_ODT,
	CLINT_INPUT_HTML,
	CLINT_INPUT_RTF,
	CLINT_INPUT_PDF
} clint_input_format;

/** Which text of a document with tracked changes is linted. */
typedef enum {
	CLINT_REVISIONS_ACCEPT = 0,  /**< as if every change were accepted */
	CLINT_REVISIONS_REJECT       /* the original, every change rejected */
} clint_revisions;

/** A time limit of "none" (clint_doc_options, clint_check_options,
 *  clint_packs_options). */
#define CLINT_NO_TIME_LIMIT (-1.0)

typedef struct {
	unsigned version;
	clint_input_format format;
	/** The largest input, 0: the default, 256 MiB. The text extracted
	 *  from plain text, Markdown, HTML and RTF may be no larger either
	 *  (a byte of Windows-1252 is up to three of UTF-8); DOCX and ODT
	 *  text is capped at 64 MiB, PDF's by its own limits. */
	size_t max_input_bytes;
	clint_revisions revisions;
	/** Version 2: the limits of reading a PDF. Poppler reads it in a
	 *  process of its own (the helper clauselint-pdf, started with
	 *  posix_spawn() and reaped by its pid: a program that reaps every
	 *  child, or ignores SIGCHLD, loses its exit status and so the reason
	 *  it stopped), which is stopped at them: a PDF of a few hundred KiB
	 *  can make poppler take minutes and gigabytes, or crash it. The file
	 *  is then refused, naming it: CLINT_ELIMIT at the CPU limit, or when
	 *  the helper reports it ran out of memory; CLINT_EFORMAT when it
	 *  crashed, which is how poppler usually ends when an allocation fails
	 *  (the message then names the memory limit too).
	 *  CPU seconds, whole seconds rounded up: 0: the default, 10 s plus
	 *  40 s per MiB of PDF; CLINT_NO_TIME_LIMIT: none; NaN and other
	 *  negative values are refused (CLINT_EINVAL). The helper is also
	 *  killed after 5 times its CPU limit plus 5 s of wall-clock time. */
	double max_pdf_seconds;
	/** Version 2: the address space of the PDF reader, in bytes (poppler
	 *  and its libraries need about 30 MiB before they read anything).
	 *  0: the default, 2 GiB; SIZE_MAX: none. */
	size_t max_pdf_memory;
	/** Version 3: the memory, in bytes, that the document's tables may
	 *  take: its paragraphs, markup ranges, line index, the matching
	 *  view's map back to the text, sections, sentences, definitions and
	 *  values (the capacity of each; the text, the matching view itself
	 *  and the strings of sections are not counted), and while an HTML
	 *  page, an ODT or an embedded workbook is read, the tree libxml2
	 *  builds of its markup (160
	 *  bytes a node, and its text and attribute values). Ordinary text needs
	 *  about 3 bytes of them per byte; dense structure up to 50 (a
	 *  paragraph, line or tab every few bytes), so without this bound a
	 *  hostile file of 256 MiB could make them take over 10 GiB. A
	 *  document that needs more is refused, naming the limit:
	 *  CLINT_ELIMIT, from loading or from the first call that analyses
	 *  it (clint_check()). 0: the default, 1 GiB; SIZE_MAX: none. */
	size_t max_doc_memory;
} clint_doc_options;

/** Versions 1 (without the PDF limits) and 2 (without max_doc_memory)
 *  are still accepted: what they lack keeps its default. */
#define CLINT_DOC_OPTIONS_VERSION 3
#define CLINT_DOC_OPTIONS_INIT                                                \
	{CLINT_DOC_OPTIONS_VERSION, CLINT_INPUT_AUTO, 0, CLINT_REVISIONS_ACCEPT,  \
	 0.0, 0, 0}

/** "text", "markdown", "docx", ... */
CLINT_EXTERN const char *clint_input_format_name(clint_input_format format);

typedef struct clint_doc clint_doc;

/**
 * Reads, decodes and segments the file at `path` ("-" is not special here).
 * On failure returns a negative code, *out is NULL and `diag` holds an
 * error naming the file and the reason.
 */
CLINT_EXTERN int clint_doc_load_file(clint_doc **out, const char *path,
                                     const clint_doc_options *opts,
                                     clint_diag *diag);
/** The same for bytes in memory; `name` is used in messages (may be NULL). */
CLINT_EXTERN int clint_doc_load_buffer(clint_doc **out, const char *name,
                                       const void *data, size_t len,
                                       const clint_doc_options *opts,
                                       clint_diag *diag);
CLINT_EXTERN void clint_doc_free(clint_doc *doc);
/**
 * Reads the document's structure now: its matching view, sections,
 * sentences, definitions and values are otherwise made when first asked
 * for, by clint_check() or an accessor below. An accessor cannot report
 * a failure and then shows none of them (0 sections), so a caller that
 * shows the structure calls this first. Returns CLINT_OK, or the error
 * of the analysis (again on every call): CLINT_ELIMIT when it needs more
 * than max_doc_memory, CLINT_ENOMEM; `diag` (may be NULL) then gets an
 * error naming the document and the reason. Safe from several threads.
 */
CLINT_EXTERN int clint_doc_prepare(const clint_doc *doc, clint_diag *diag);

CLINT_EXTERN const char *clint_doc_name(const clint_doc *doc);
/** The detected input format. */
CLINT_EXTERN clint_input_format clint_doc_format(const clint_doc *doc);
/** The document text: UTF-8 with no NUL character but the terminating
 *  one; *len gets its length. */
CLINT_EXTERN const char *clint_doc_text(const clint_doc *doc, size_t *len);

typedef enum {
	CLINT_BLOCK_PARAGRAPH = 0,
	CLINT_BLOCK_HEADING,
	CLINT_BLOCK_LIST_ITEM,
	CLINT_BLOCK_TABLE_CELL
} clint_block_type;

/** clint_block.flags */
#define CLINT_BLOCK_PAGE_BREAK 0x1u  /* a page break precedes the block */
#define CLINT_BLOCK_INSERTED 0x2u    /* holds text of a pending insertion */
#define CLINT_BLOCK_DELETED 0x4u     /* holds text of a pending deletion */
#define CLINT_BLOCK_NOTE 0x8u        /* a footnote, endnote, header/footer */
#define CLINT_BLOCK_ROW_START 0x10u  /* a table cell that opens a row, or
                                        a part of a row after a nested
                                        table: the cells up to the next
                                        such cell are in one row (an empty
                                        cell has no block). A row whose
                                        first block is no cell (a list or
                                        heading in its first cell) has no
                                        cell with the flag: a block of
                                        another type parts cells too */

typedef struct {
	clint_block_type type;
	unsigned level;   /**< heading level or list depth, 0 if none */
	size_t start;     /**< byte range in the text */
	size_t end;
	unsigned page;    /**< 1-based */
	unsigned flags;   /**< CLINT_BLOCK_* */
	unsigned paragraph; /**< 1-based paragraph in the source (word
	                       processing formats), 0 for text formats */
} clint_block;

/** A comment attached to the text (DOCX/ODT comments): not contract text. */
typedef struct {
	const char *author;  /**< "" if unknown */
	const char *text;
	size_t start, end;   /**< the anchor: byte range in the text */
} clint_annotation;

CLINT_EXTERN size_t clint_doc_annotation_count(const clint_doc *doc);
CLINT_EXTERN int clint_doc_annotation(const clint_doc *doc, size_t i,
                                      clint_annotation *out);

CLINT_EXTERN size_t clint_doc_block_count(const clint_doc *doc);
CLINT_EXTERN int clint_doc_block(const clint_doc *doc, size_t i,
                                 clint_block *out);

#define CLINT_NO_SECTION ((size_t)-1)

typedef struct {
	const char *number;   /**< "9.2", "IV", "A", "(a)"; "" if unnumbered */
	const char *heading;  /**< "Service Credits"; "" if none */
	const char *label;    /**< "§ 9.2 Service Credits", "Schedule A Pricing";
	                         what it takes from a heading (its own, or
	                         a titled ancestor's) is cut to 256 bytes
	                         ending in "…", after a word when one ends
	                         in its second half */
	unsigned depth;       /**< 1 for top-level sections */
	size_t start;         /**< byte range in the text, heading included */
	size_t end;
	size_t parent;        /**< index of the parent or CLINT_NO_SECTION */
} clint_section;

CLINT_EXTERN size_t clint_doc_section_count(const clint_doc *doc);
CLINT_EXTERN int clint_doc_section(const clint_doc *doc, size_t i,
                                   clint_section *out);
/** Index of the innermost section holding `offset`, or CLINT_NO_SECTION. */
CLINT_EXTERN size_t clint_doc_section_at(const clint_doc *doc, size_t offset);
/**
 * Where the notes after the body start in the text: DOCX footnotes,
 * endnotes, headers and footers, ODT headers and footers (blocks flagged
 * CLINT_BLOCK_NOTE after the last block of the body). They are in no
 * section, like the preamble: the last clause ends here. The text's length
 * when the document has none (notes inside the body, as RTF and ODT
 * footnotes after the paragraph that cites them, stay in its section).
 */
CLINT_EXTERN size_t clint_doc_notes_start(const clint_doc *doc);

/** How a defined term is introduced. */
typedef enum {
	CLINT_DEFINITION_MEANS = 0,  /**< "Services" means ..., "Services": ... */
	CLINT_DEFINITION_INLINE,     /**< ... (the "Services"), (hereinafter
	                                "Supplier"), referred to as the "Party" */
	CLINT_DEFINITION_TABLE       /* a definitions table or list: the term
	                                alone in a cell, or Services means ...
	                                at the start of a list item */
} clint_definition_form;

/** A term the document defines, found by the segmenter. */
typedef struct {
	const char *term;            /**< "Services", without quotes */
	clint_definition_form form;
	size_t start, end;           /**< byte range of the term in the text */
	size_t def_start, def_end;   /**< the defining words in the text (after
	                                "means", or before the parenthesis);
	                                empty if none were found */
	size_t section;              /**< section index or CLINT_NO_SECTION */
} clint_definition;

CLINT_EXTERN size_t clint_doc_definition_count(const clint_doc *doc);
/** Definition `i`, in text order. */
CLINT_EXTERN int clint_doc_definition(const clint_doc *doc, size_t i,
                                      clint_definition *out);

CLINT_EXTERN size_t clint_doc_sentence_count(const clint_doc *doc);
/** Byte range in the text of sentence `i`. */
CLINT_EXTERN int clint_doc_sentence(const clint_doc *doc, size_t i,
                                    size_t *start, size_t *end);

typedef enum {
	CLINT_VALUE_MONEY = 0,     /**< "USD 1,000,000", "one million dollars" */
	CLINT_VALUE_PERCENT,       /**< "99.5 %", "ten percent (10%)" */
	CLINT_VALUE_DURATION       /* "thirty (30) days", "net 45", "24 hours" */
} clint_value_kind;

/** A quantity the values stage found in the text. */
typedef struct {
	clint_value_kind kind;
	double amount;         /**< the number as written: 1000000, 99.5, 30 */
	const char *currency;  /**< ISO 4217 code for money ("USD"), else "" */
	const char *unit;      /**< durations: "days", "business days", "weeks",
	                          "months", "years", "hours", "minutes"; else "" */
	double days;           /**< durations in days (a business day is 1.4) */
	size_t start, end;     /**< byte range in the text */
	size_t section;        /**< section index or CLINT_NO_SECTION */
} clint_value;

CLINT_EXTERN size_t clint_doc_value_count(const clint_doc *doc);
/** Value `i`, in text order. */
CLINT_EXTERN int clint_doc_value(const clint_doc *doc, size_t i,
                                 clint_value *out);
/** "money", "percent", "duration". */
CLINT_EXTERN const char *clint_value_kind_name(clint_value_kind kind);

typedef struct {
	unsigned line;    /**< 1-based line in the source text */
	unsigned column;  /**< 1-based, in characters */
	unsigned page;    /**< 1-based page (form feeds) */
	size_t block;     /**< index of the block, or (size_t)-1 between blocks */
	unsigned paragraph; /**< source paragraph (word processing formats) or 0 */
	unsigned flags;   /**< the block's CLINT_BLOCK_* flags */
} clint_location;

/** Where byte `offset` of the text is in the source. */
CLINT_EXTERN int clint_doc_locate(const clint_doc *doc, size_t offset,
                                  clint_location *out);

/* ---- clause packs and rulesets ---------------------------------------- */

typedef enum {
	CLINT_SEVERITY_INFO = 0,
	CLINT_SEVERITY_WARNING = 1,
	CLINT_SEVERITY_ERROR = 2
} clint_severity;

typedef enum {
	CLINT_RULE_REQUIRE = 0,  /**< a clause that must be present */
	CLINT_RULE_FLAG = 1,     /**< risky wording */
	CLINT_RULE_CHECK = 2     /**< a built-in structural check (drafting) */
} clint_rule_kind;

/** What a rule setting does to its rule (clint_rule_setting). */
typedef enum {
	CLINT_RULE_ENABLE = 0,   /**< turn the rule on again */
	CLINT_RULE_DISABLE = 1,  /**< leave the rule out of the ruleset */
	CLINT_RULE_SEVERITY = 2  /**< report the rule at another severity */
} clint_rule_action;

/**
 * One per-rule setting of a ruleset: from the command line (--enable,
 * --disable, --severity) or a project file (.clauselint.xml). Settings
 * apply in order, so a later one wins; a rule id that no loaded pack
 * defines is an error naming `file` and `line`.
 */
typedef struct {
	clint_rule_action action;
	const char *rule_id;
	clint_severity severity;  /**< the new severity (CLINT_RULE_SEVERITY) */
	const char *file;         /**< where the setting was written, or NULL */
	unsigned line;            /**< its line in `file`, 0 if unknown */
} clint_rule_setting;

typedef struct {
	unsigned version;
	int default_packs;               /**< load the built-in packs */
	/** Files, directories of *.xml, or names of built-in packs. */
	const char *const *pack_paths;
	size_t pack_path_count;
	int jit;                         /**< JIT-compile patterns (default 1);
	                                    0 for memory checkers like valgrind */
	/** Built-in packs to leave out of the defaults. */
	const char *const *disabled_packs;
	size_t disabled_pack_count;
	/** Version 2: per-rule settings applied after the packs are loaded,
	 *  in order (enable, disable, change severity). */
	const clint_rule_setting *rule_settings;
	size_t rule_setting_count;     /**< number of rule_settings */
	/** Version 3: 1 to leave out each pack with problems instead of
	 *  failing the load: a file that cannot be read or is not a valid
	 *  pack, a rule id or pack name loaded before, a name that is neither
	 *  a file nor a built-in pack, a directory that cannot be opened; the
	 *  files of a directory one by one. Their errors still go to `diag`,
	 *  the other packs load, and clint_ruleset_left_out() counts those
	 *  left out. For `packs test` and `packs lint`, which test what they
	 *  can. The load still fails when nothing is left, when another
	 *  option is wrong (a rule setting naming a rule no pack left in
	 *  defines, an unknown disabled pack) or memory runs out. */
	int keep_valid_packs;
} clint_ruleset_options;

/** Versions 1 (without rule settings) and 2 (without keep_valid_packs)
 *  are still accepted. */
#define CLINT_RULESET_OPTIONS_VERSION 3
#define CLINT_RULESET_OPTIONS_INIT                                            \
	{CLINT_RULESET_OPTIONS_VERSION, 1, NULL, 0, 1, NULL, 0, NULL, 0, 0}

/** The built-in packs: their number and the name of pack `i` ("outsourcing"). */
CLINT_EXTERN size_t clint_builtin_pack_count(void);
CLINT_EXTERN const char *clint_builtin_pack_name(size_t i);
/** 1 if built-in pack `i` loads by default, 0 if only when named. */
CLINT_EXTERN int clint_builtin_pack_is_default(size_t i);

typedef struct clint_ruleset clint_ruleset;

/**
 * Loads, validates (RELAX NG) and compiles the packs named by `opts` into
 * a read-only ruleset. Every problem in every pack is reported to `diag`
 * as file:line: error; the call fails with CLINT_EPACK if there was any,
 * unless keep_valid_packs leaves the packs with problems out (see
 * there), and with CLINT_ENOMEM when memory ran out.
 */
CLINT_EXTERN int clint_ruleset_load(clint_ruleset **out,
                                    const clint_ruleset_options *opts,
                                    clint_diag *diag);
CLINT_EXTERN void clint_ruleset_free(clint_ruleset *rs);

typedef struct {
	const char *name;
	const char *title;
	const char *version;   /**< "" if not given */
	const char *file;      /**< path, or "<builtin>/NAME.xml" */
	size_t rule_count;
} clint_pack_info;

CLINT_EXTERN size_t clint_ruleset_pack_count(const clint_ruleset *rs);
/** The packs (files, directory entries, names) left out of `rs` for
 *  their problems: 0 unless it was loaded with keep_valid_packs. */
CLINT_EXTERN size_t clint_ruleset_left_out(const clint_ruleset *rs);
CLINT_EXTERN int clint_ruleset_pack(const clint_ruleset *rs, size_t i,
                                    clint_pack_info *out);

typedef struct {
	const char *id;
	const char *pack;
	const char *file;
	unsigned line;
	clint_rule_kind kind;
	clint_severity severity;
	const char *category;
	const char *title;
	const char *message;
	const char *rationale;
	const char *ref;
	const char *suggestion;
	size_t pattern_count;    /**< heading + body patterns */
	size_t example_count;
} clint_rule_info;

CLINT_EXTERN size_t clint_ruleset_rule_count(const clint_ruleset *rs);
CLINT_EXTERN int clint_ruleset_rule(const clint_ruleset *rs, size_t i,
                                    clint_rule_info *out);
/** Index of the rule with `id`, or (size_t)-1. */
CLINT_EXTERN size_t clint_ruleset_find(const clint_ruleset *rs,
                                       const char *id);

/** One pattern of a loaded rule, as written in its pack. */
typedef struct {
	const char *source;    /**< the PCRE2 pattern (caseless, UTF, UCP) */
	const char *rule_id;
	const char *role;      /**< "within", "heading", "pattern", "unless", "near" */
	const char *file;      /**< the pack's file */
	unsigned line;
	int prefiltered;       /**< 1: skipped where its literals do not occur */
	int positional;        /**< 1: only tried where a leading literal starts */
} clint_pattern_info;

/** Every pattern of every loaded rule, in pack order. */
CLINT_EXTERN size_t clint_ruleset_pattern_count(const clint_ruleset *rs);
CLINT_EXTERN int clint_ruleset_pattern(const clint_ruleset *rs, size_t i,
                                       clint_pattern_info *out);

/**
 * Options of clint_ruleset_test() and clint_ruleset_lint(). NULL options
 * get the defaults.
 */
typedef struct {
	unsigned version;
	unsigned reserved;
	/** The CPU time (this thread's clock) the whole run may take, in
	 *  seconds. 0: the default, as for checking one document that holds
	 *  the text of every example (clint_check_options): 10 s plus 5 s per
	 *  MiB of example text, the 5 s growing in proportion past 1,000
	 *  patterns (the built-in packs test and lint in 0.02 s).
	 *  CLINT_CHECK_NO_TIME_LIMIT: none. NaN and other negative values are
	 *  refused (CLINT_EINVAL). A pack of thousands of rules whose
	 *  examples each pay the match limit would otherwise take minutes. */
	double max_cpu_seconds;
} clint_packs_options;

#define CLINT_PACKS_OPTIONS_VERSION 1
#define CLINT_PACKS_OPTIONS_INIT {CLINT_PACKS_OPTIONS_VERSION, 0, 0.0}

/**
 * Runs every rule's <example> cases: each example text is checked on its
 * own with its rule alone. Each failing example is reported to `diag` as
 * an error at the example's line. A rule that hits a PCRE2 limit on an
 * example is not run on its later examples, which fail (one error says
 * how many). *passed and *failed get the counts.
 *
 * A run that reaches its CPU-time limit (`opts`) stops there: the
 * examples not run count as failed, one error in `diag` says how many
 * and of which rules, and the return value is CLINT_ELIMIT.
 */
CLINT_EXTERN int clint_ruleset_test(const clint_ruleset *rs,
                                    const clint_packs_options *opts,
                                    clint_diag *diag, size_t *passed,
                                    size_t *failed);

/**
 * Lints the loaded packs: errors for patterns that match the empty string
 * (they would match everywhere) or hit a PCRE2 limit on one of their
 * rule's examples (tried until the first one that does); warnings for
 * unbounded ".*", ".+" or "[^...]*" gaps, rules without both a matching
 * and a non-matching example, and patterns that none of their rule's
 * examples exercise (so nothing shows they can match). Each problem goes
 * to `diag` with the pack file and line; *errors and *warnings get the
 * counts.
 *
 * A run that reaches its CPU-time limit (`opts`) stops there: one error
 * in `diag` (counted in *errors) says how many rules were not linted to
 * the end and names the first, and the return value is CLINT_ELIMIT.
 */
CLINT_EXTERN int clint_ruleset_lint(const clint_ruleset *rs,
                                    const clint_packs_options *opts,
                                    clint_diag *diag, size_t *errors,
                                    size_t *warnings);

/* ---- checking ---------------------------------------------------------- */

typedef struct {
	unsigned version;
	unsigned reserved;
	/** Version 2: the CPU time (this thread's clock) that checking one
	 *  document may take, in seconds. 0: the default, 10 s plus 5 s per
	 *  MiB of text, the 5 s growing in proportion past 1,000 patterns in
	 *  the ruleset (the built-in packs have 400 to 600 and need 0.2 to
	 *  1.2 s per MiB); CLINT_CHECK_NO_TIME_LIMIT: none. The limit is
	 *  asked before every rule and regex call (the CPU clock is read when
	 *  the coarse clock has ticked, every 1-10 ms), so a check runs over
	 *  it by about a tick plus one call (bounded by the match limit) or
	 *  one built-in check (linear in the text). NaN and other negative
	 *  values are refused (CLINT_EINVAL). NULL options and version 1 get
	 *  the default: a caller that must know whether every rule ran asks
	 *  clint_result_timed_out(). */
	double max_cpu_seconds;
} clint_check_options;

#define CLINT_CHECK_NO_TIME_LIMIT CLINT_NO_TIME_LIMIT

/** Version 1 (without max_cpu_seconds: the default) is still accepted. */
#define CLINT_CHECK_OPTIONS_VERSION 2
#define CLINT_CHECK_OPTIONS_INIT {CLINT_CHECK_OPTIONS_VERSION, 0, 0.0}

/**
 * Profiling, for pack writers: checks `doc` with every rule of `rs` as
 * clint_check() does, but without its CPU-time limit (the findings are
 * discarded), and adds each rule's
 * CPU time in seconds (this thread's clock, including the JIT compilation
 * of a pattern's first use) to seconds[i] and its PCRE2 match calls to
 * matches[i], for the clint_ruleset_rule_count(rs) rules in order; the
 * prefilter's pass over the text goes to *scan_seconds. Either array may
 * be NULL.
 */
CLINT_EXTERN int clint_check_profile(const clint_ruleset *rs,
                                     const clint_doc *doc, double *seconds,
                                     unsigned long *matches,
                                     double *scan_seconds, clint_diag *diag);

typedef struct clint_result clint_result;

/**
 * Checks `doc` against every rule of `rs`. The result borrows both: they
 * must outlive it. A rule that hits a regex limit is reported to `diag`
 * (warning, naming the rule and its pack) and the rest still runs; the
 * pattern that hit it is not run on this document again. A check that
 * reaches its CPU-time limit (`opts`) stops there and still returns
 * CLINT_OK: the result holds the rules that ran to the end, `diag` an
 * error naming the document and how many rules did not run, and
 * clint_result_timed_out() says so.
 */
CLINT_EXTERN int clint_check(clint_result **out, const clint_ruleset *rs,
                             const clint_doc *doc,
                             const clint_check_options *opts,
                             clint_diag *diag);
CLINT_EXTERN void clint_result_free(clint_result *res);

/** 1 when the check that made `res` stopped at its CPU-time limit, so
 *  that some rules did not run (their findings and missing clauses are
 *  not in `res`); else 0. */
CLINT_EXTERN int clint_result_timed_out(const clint_result *res);

/** Rules run in ruleset order: the number of leading rules of the
 *  ruleset (clint_ruleset_rule(rs, i) for i below it) that ran to the
 *  end. All of them unless the check timed out; the rules from this index
 *  on did not run. */
CLINT_EXTERN size_t clint_result_rules_checked(const clint_result *res);

CLINT_EXTERN const clint_doc *clint_result_doc(const clint_result *res);

typedef struct {
	const char *rule_id;
	const char *pack;
	clint_rule_kind kind;
	clint_severity severity;
	const char *category;
	const char *title;
	const char *message;
	const char *rationale;
	const char *ref;
	const char *suggestion;
	int has_location;       /**< 0 for a missing clause */
	size_t start;           /**< byte range in the text */
	size_t end;
	clint_location begin_loc;
	clint_location end_loc;
	size_t section;         /**< section index or CLINT_NO_SECTION */
	const char *section_label; /**< "" when outside any section */
	const char *detail;     /**< check rules: what exactly is wrong, naming both
	                           sides ("'thirty' is 30 but the digits say
	                           45"), and `message` is the same string;
	                           NULL otherwise */
	int has_value;          /**< the rule has a threshold and this value met it */
	clint_value value;
	const char *threshold;  /**< "more than 90 days", or "" */
} clint_finding;

/** Risky wording and other located findings, in text order. */
CLINT_EXTERN size_t clint_result_finding_count(const clint_result *res);
CLINT_EXTERN int clint_result_finding(const clint_result *res, size_t i,
                                      clint_finding *out);
/** Required clauses not found, in ruleset order. */
CLINT_EXTERN size_t clint_result_missing_count(const clint_result *res);
CLINT_EXTERN int clint_result_missing(const clint_result *res, size_t i,
                                      clint_finding *out);
/** Required clauses found: the finding locates the first evidence. */
CLINT_EXTERN size_t clint_result_present_count(const clint_result *res);
CLINT_EXTERN int clint_result_present(const clint_result *res, size_t i,
                                      clint_finding *out);
/** Number of findings and missing clauses at or above `level`. */
CLINT_EXTERN size_t clint_result_count_at_least(const clint_result *res,
                                                clint_severity level);

/**
 * A finding's content fingerprint: 16 lowercase hex digits and a NUL in
 * `out`. It hashes the rule id, the heading of the finding's section (not
 * its number, so renumbering keeps it) and the matched words normalised
 * (case folded, punctuation and white space collapsed, quotes unified), so
 * it survives edits elsewhere in the document and text moving around. A
 * missing clause hashes its rule id alone. Baselines, SARIF
 * partialFingerprints and the revision diff all use it.
 */
#define CLINT_FINGERPRINT_SIZE 17
CLINT_EXTERN int clint_finding_fingerprint(const clint_result *res,
                                           const clint_finding *f,
                                           char out[CLINT_FINGERPRINT_SIZE]);

/**
 * Decides whether a finding or missing clause stays in a result
 * (clint_result_filter()): returns 1 to keep it, 0 to drop it.
 * `fingerprint` is its clint_finding_fingerprint().
 */
typedef int (*clint_filter_fn)(void *userdata, const clint_finding *f,
                               const char *fingerprint);

/**
 * Drops from `res` every finding and missing clause for which `keep`
 * returns 0 (findings first, in text order, then missing clauses, in
 * ruleset order); present clauses are left alone. Counts and renderers
 * then see only what was kept. *removed (may be NULL) gets the number
 * dropped. Used for baselines.
 */
CLINT_EXTERN int clint_result_filter(clint_result *res, clint_filter_fn keep,
                                     void *userdata, size_t *removed);

/* ---- project configuration (.clauselint.xml) --------------------------- */

/** A parsed project file. */
typedef struct clint_config clint_config;

/** What a project file entry sets (clint_config_entry). */
typedef enum {
	CLINT_CONFIG_PACK = 0,       /**< a pack: built-in name or file path */
	CLINT_CONFIG_DISABLE_PACK,   /**< leave a built-in pack out */
	CLINT_CONFIG_ENABLE,         /**< a rule setting, see clint_rule_setting */
	CLINT_CONFIG_DISABLE,
	CLINT_CONFIG_SEVERITY,
	CLINT_CONFIG_INCLUDE,        /**< a glob of files to lint in directories */
	CLINT_CONFIG_EXCLUDE         /**< a glob of files or directories to skip */
} clint_config_kind;

/** One entry of a project file, in file order. */
typedef struct {
	clint_config_kind kind;
	const char *value;        /**< pack name or path (a relative path is
	                               resolved against the file's directory),
	                               rule id, or glob */
	clint_severity severity;  /**< CLINT_CONFIG_SEVERITY */
	unsigned line;            /**< line in the project file */
} clint_config_entry;

/**
 * Reads a project file: XML validated against the embedded RELAX NG
 * schema (config.rng), with no DTD, entities or network. Every problem is
 * reported to `diag` as file:line: error and the call fails with
 * CLINT_EPACK. Rule ids are checked later, by clint_ruleset_load().
 */
CLINT_EXTERN int clint_config_load(clint_config **out, const char *path,
                                   clint_diag *diag);
/** Frees a project file; accepts NULL. */
CLINT_EXTERN void clint_config_free(clint_config *cfg);
/** The path the project file was read from. */
CLINT_EXTERN const char *clint_config_path(const clint_config *cfg);
/** 0 if the file says default-packs="no", else 1. */
CLINT_EXTERN int clint_config_default_packs(const clint_config *cfg);
/** Number of entries. */
CLINT_EXTERN size_t clint_config_entry_count(const clint_config *cfg);
/** Entry `i`; its strings are borrowed from `cfg`. */
CLINT_EXTERN int clint_config_entry_get(const clint_config *cfg, size_t i,
                                        clint_config_entry *out);
/**
 * The enable, disable and severity entries as rule settings (file and
 * line filled in) for clint_ruleset_options.rule_settings; borrowed from
 * `cfg`. *count gets their number.
 */
CLINT_EXTERN const clint_rule_setting *
clint_config_rule_settings(const clint_config *cfg, size_t *count);

/* ---- reporting --------------------------------------------------------- */

typedef enum {
	CLINT_OUTPUT_TEXT = 0,   /**< compiler-style text */
	CLINT_OUTPUT_JSON,       /**< one JSON object per run (docs/report-json.md) */
	CLINT_OUTPUT_JSONL,      /**< one JSON object per document, one per line,
	                            written as each document finishes */
	CLINT_OUTPUT_SARIF,      /**< SARIF 2.1.0 (code scanning) */
	CLINT_OUTPUT_MARKDOWN,   /**< a summary for a pull-request comment */
	CLINT_OUTPUT_HTML,       /**< one self-contained page for reviewers */
	CLINT_OUTPUT_JUNIT,      /**< JUnit XML: a testcase per rule */
	CLINT_OUTPUT_GITLAB,     /**< GitLab Code Quality JSON */
	CLINT_OUTPUT_CHECKSTYLE  /* Checkstyle XML */
} clint_output_format;

/** Number of output formats: every value below it has a name. */
#define CLINT_OUTPUT_FORMAT_COUNT 9

/** Receives the output; returns 0, or non-zero to stop with CLINT_EIO. */
typedef int (*clint_write_fn)(void *userdata, const char *data, size_t len);

typedef struct {
	unsigned version;
	clint_output_format format;
	int color;            /**< ANSI colour (text only) */
	int verbose;          /**< text: print rationale and ref per finding */
} clint_render_options;

#define CLINT_RENDER_OPTIONS_VERSION 1
#define CLINT_RENDER_OPTIONS_INIT                                             \
	{CLINT_RENDER_OPTIONS_VERSION, CLINT_OUTPUT_TEXT, 0, 0}

typedef struct clint_renderer clint_renderer;

/** Parses a format name: "text", "json", "jsonl", "sarif", "markdown",
 * "html", "junit", "gitlab" or "checkstyle". */
CLINT_EXTERN int clint_output_format_from_name(clint_output_format *out,
                                               const char *name);
/** The name of a format ("sarif"), or NULL for a value out of range. */
CLINT_EXTERN const char *clint_output_format_name(clint_output_format format);

/**
 * A renderer writes one report for a run over many documents:
 * clint_renderer_document() once per checked document and
 * clint_renderer_input_error() once per input that could not be read, in
 * input order, then clint_renderer_finish().
 */
CLINT_EXTERN int clint_renderer_new(clint_renderer **out,
                                    const clint_render_options *opts,
                                    clint_write_fn write, void *userdata);
CLINT_EXTERN int clint_renderer_document(clint_renderer *r,
                                         const clint_result *res);
CLINT_EXTERN int clint_renderer_input_error(clint_renderer *r,
                                            const char *file,
                                            const char *message);
CLINT_EXTERN int clint_renderer_finish(clint_renderer *r);
CLINT_EXTERN void clint_renderer_free(clint_renderer *r);

/** Parses "error", "warning", "info". */
CLINT_EXTERN int clint_severity_from_name(clint_severity *out,
                                          const char *name);
CLINT_EXTERN const char *clint_severity_name(clint_severity sev);

/* ---- comparing revisions: diff ---------------------------------------- */

/**
 * clint_diff compares two revisions of a contract: it aligns their
 * sections (by number, heading and text similarity, so that renumbering
 * and moves are recognised), diffs each modified section word by word,
 * classifies every change as cosmetic or substantive, runs the ruleset
 * on both revisions and matches the findings by content fingerprint, and
 * compares the values (money, percentages, durations) of each aligned
 * section. The diff borrows both documents and the ruleset: they must
 * outlive it.
 */
typedef struct clint_diff clint_diff;

typedef struct {
	unsigned version;
	/** Upper bound on the work of one section's word diff (edit-graph
	   cells); past it the section gets a coarse diff and a note. The
	   word diffs of all sections together get 4 times this plus 64
	   cells per token of both revisions; past that the remaining
	   edited sections get coarse diffs (their notes say so).
	   0: the default, 4 000 000. */
	size_t max_word_work;
	/** Version 2: the CPU-time limit of checking each revision, as
	 *  clint_check_options' max_cpu_seconds (0: the default; NaN and
	 *  other negative values are refused). */
	double max_cpu_seconds;
} clint_diff_options;

/** Version 1 (without max_cpu_seconds: the default) is still accepted. */
#define CLINT_DIFF_OPTIONS_VERSION 2
#define CLINT_DIFF_OPTIONS_INIT {CLINT_DIFF_OPTIONS_VERSION, 0, 0.0}

/**
 * Compares `old_doc` with `new_doc`, checking both against `rs` (under
 * the CPU-time limit of the options: clint_result_timed_out() of
 * clint_diff_old_result() or clint_diff_new_result() says if one stopped
 * there, and then the risks that changed are not all known). Notes
 * (e.g. a coarse diff) go to `diag`. *out is the caller's to free with
 * clint_diff_free().
 */
CLINT_EXTERN int clint_diff_new(clint_diff **out, const clint_ruleset *rs,
                                const clint_doc *old_doc,
                                const clint_doc *new_doc,
                                const clint_diff_options *opts,
                                clint_diag *diag);
CLINT_EXTERN void clint_diff_free(clint_diff *d);

CLINT_EXTERN const clint_doc *clint_diff_old_doc(const clint_diff *d);
CLINT_EXTERN const clint_doc *clint_diff_new_doc(const clint_diff *d);
/** The check results of each revision, borrowed from the diff. */
CLINT_EXTERN const clint_result *clint_diff_old_result(const clint_diff *d);
CLINT_EXTERN const clint_result *clint_diff_new_result(const clint_diff *d);

typedef enum {
	CLINT_CHANGE_UNCHANGED = 0,
	CLINT_CHANGE_MODIFIED,
	CLINT_CHANGE_ADDED,
	CLINT_CHANGE_REMOVED,
	CLINT_CHANGE_MOVED
} clint_change_kind;

/** "unchanged", "modified", "added", "removed", "moved". */
CLINT_EXTERN const char *clint_change_kind_name(clint_change_kind kind);

/**
 * One entry of the alignment, in reading order of NEW (removed sections
 * where they stood in OLD). A section's own text runs from its heading to
 * its first subsection; text before the first section is a section with
 * index CLINT_NO_SECTION and a non-empty range.
 */
typedef struct {
	clint_change_kind kind;
	int renumbered;       /**< the number changed (also when unchanged) */
	int cosmetic;         /**< every change is cosmetic (kind MODIFIED or
	                         MOVED with edits) */
	int edited;           /**< the text differs (MODIFIED, or a MOVED
	                         section that was also edited) */
	int coarse;           /**< the word diff hit its bound: one hunk */
	size_t old_section;   /**< section index in OLD, CLINT_NO_SECTION when
	                         added or for the preamble */
	size_t new_section;
	size_t old_start, old_end;  /**< own text in OLD (empty when added) */
	size_t new_start, new_end;  /**< own text in NEW (empty when removed) */
	double similarity;    /**< 0..1, word similarity of the two texts */
	size_t hunk_count;    /**< clint_diff_hunk() entries */
} clint_diff_section;

CLINT_EXTERN size_t clint_diff_section_count(const clint_diff *d);
CLINT_EXTERN int clint_diff_section_get(const clint_diff *d, size_t i,
                                        clint_diff_section *out);

/** A change within an edited section: OLD bytes [old_start, old_end)
   became NEW bytes [new_start, new_end) (either range may be empty). */
typedef struct {
	size_t old_start, old_end;
	size_t new_start, new_end;
	int cosmetic;         /**< only white space, quotes, punctuation, case
	                         or number formatting differ */
} clint_diff_hunk;

CLINT_EXTERN int clint_diff_hunk_get(const clint_diff *d, size_t section,
                                     size_t i, clint_diff_hunk *out);

typedef enum {
	CLINT_RISK_INTRODUCED = 0,  /**< in NEW only */
	CLINT_RISK_RESOLVED,        /**< in OLD only */
	CLINT_RISK_UNCHANGED        /* in both (the NEW finding is given) */
} clint_risk_change;

/** "introduced", "resolved", "unchanged". */
CLINT_EXTERN const char *clint_risk_change_name(clint_risk_change c);

/**
 * A located finding (risky wording, structural checks) matched across
 * the revisions by clint_finding_fingerprint(). `finding` is borrowed
 * from the result of the side it comes from (`in_new`).
 */
typedef struct {
	clint_risk_change change;
	int in_new;           /**< 1: finding is from NEW, 0: from OLD */
	clint_finding finding;
	char fingerprint[CLINT_FINGERPRINT_SIZE];
} clint_diff_risk;

CLINT_EXTERN size_t clint_diff_risk_count(const clint_diff *d);
CLINT_EXTERN int clint_diff_risk_get(const clint_diff *d, size_t i,
                                     clint_diff_risk *out);

/**
 * A required clause (rule kind require) whose status changed or stayed
 * missing: GONE (present in OLD, missing in NEW: INTRODUCED),
 * APPEARED (RESOLVED), or still missing (UNCHANGED).
 */
typedef struct {
	clint_risk_change change;
	clint_finding finding;        /**< the missing-clause finding (NEW when
	                                 introduced or unchanged, OLD when
	                                 resolved) */
	const char *old_section;      /**< where OLD had it ("§ 9.3 Penalties"),
	                                 "" if nowhere or unsectioned */
	const char *new_section;      /**< where NEW has it, "" if nowhere */
} clint_diff_clause;

CLINT_EXTERN size_t clint_diff_clause_count(const clint_diff *d);
CLINT_EXTERN int clint_diff_clause_get(const clint_diff *d, size_t i,
                                       clint_diff_clause *out);

/** Which party a value change favours. */
typedef enum {
	CLINT_FAVOURS_UNKNOWN = 0,
	CLINT_FAVOURS_CUSTOMER,   /**< the customer / client / payer */
	CLINT_FAVOURS_SUPPLIER    /* the supplier / vendor / provider */
} clint_favours;

/** "unknown", "customer", "supplier". */
CLINT_EXTERN const char *clint_favours_name(clint_favours f);

/** How a value of an aligned section changed. */
typedef enum {
	CLINT_VALUE_CHANGED = 0,  /**< there before and after, another value */
	CLINT_VALUE_ADDED,        /**< only in NEW; old_value has NEW's kind,
	                             0 for amount, days, start and end, "" for
	                             currency and unit, CLINT_NO_SECTION */
	CLINT_VALUE_REMOVED       /**< only in OLD; new_value likewise */
} clint_value_change;

/** "changed", "added", "removed". */
CLINT_EXTERN const char *clint_value_change_name(clint_value_change c);

/**
 * A value of an edited section that changed, was added or was removed.
 * Values in unchanged text are the same value; those a run of changes
 * touches pair by term in text order, and what is left is added or
 * removed ("30 days' notice, or 10 days' for material breach" -> "10
 * days' for material breach": 30 days removed). A value moved within its
 * section is neither.
 */
typedef struct {
	size_t section;        /**< index into clint_diff_section_get() */
	const char *term;      /**< "Notice to terminate", "Payment terms", ...,
	                          or the value kind ("Duration") when no term
	                          of the table applies */
	clint_value old_value; /**< start and end cover the value as the diff
	                          shows it: with the period written after a
	                          sum or rate ("EUR 4,000 per month"), or in
	                          the table cell before it in its row
	                          ("Monthly | EUR 4,000"), which the amount
	                          does not count */
	clint_value new_value;
	clint_favours favours; /**< CLINT_FAVOURS_UNKNOWN unless changed */
	const char *why;       /**< the table's reason ("a lower cap ..."), or "" */
	clint_value_change change;
} clint_diff_value;

CLINT_EXTERN size_t clint_diff_value_count(const clint_diff *d);
CLINT_EXTERN int clint_diff_value_get(const clint_diff *d, size_t i,
                                      clint_diff_value *out);

/** Introduced findings and clauses gone at or above `level`. */
CLINT_EXTERN size_t clint_diff_introduced_at_least(const clint_diff *d,
                                                   clint_severity level);

typedef enum {
	CLINT_DIFF_OUTPUT_TEXT = 0,
	CLINT_DIFF_OUTPUT_JSON,
	CLINT_DIFF_OUTPUT_MARKDOWN,
	CLINT_DIFF_OUTPUT_HTML,
	CLINT_DIFF_OUTPUT_SARIF
} clint_diff_output;

typedef struct {
	unsigned version;
	clint_diff_output format;
	int substantive_only;  /**< hide cosmetic changes and unchanged sections */
	int color;             /**< ANSI colour (text only) */
	const char *old_label; /**< how to name OLD and NEW; NULL: the */
	const char *new_label; /**< documents' names */
} clint_diff_render_options;

#define CLINT_DIFF_RENDER_OPTIONS_VERSION 1
#define CLINT_DIFF_RENDER_OPTIONS_INIT                                        \
	{CLINT_DIFF_RENDER_OPTIONS_VERSION, CLINT_DIFF_OUTPUT_TEXT, 0, 0, NULL,  \
	 NULL}

/** Parses "text", "json", "markdown" (or "md"), "html", "sarif". */
CLINT_EXTERN int clint_diff_output_from_name(clint_diff_output *out,
                                             const char *name);

/** Writes the whole diff report through `write`. */
CLINT_EXTERN int clint_diff_render(const clint_diff *d,
                                   const clint_diff_render_options *opts,
                                   clint_write_fn write, void *userdata);

#ifdef __cplusplus
}
#endif

#endif /* CLAUSELINT_H */
