/* briefgen.h - the library's one public header.
 *
 * briefgen turns a corpus of event summaries (Markdown with YAML front
 * matter), a theme catalogue and a brief definition (YAML) into a typeset
 * PDF. The formats are described in docs/formats.md.
 *
 * Everything a caller needs is here: open a brief as a session, check it,
 * render it; list the events of a corpus; report which fonts serve which
 * scripts. Problems are never printed: they are appended to a bg_diags list
 * that the caller owns and prints. Every object returned by a function of
 * this header is freed by the matching _free function; strings it returns
 * belong to the object they came from. */
#ifndef BRIEFGEN_H
#define BRIEFGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *bg_version(void);

/* What a call achieved, in the terms of the command line's exit statuses. */
typedef enum {
    BG_OK = 0,     /* done (warnings allowed) */
    BG_INPUT = 1,  /* a problem in the inputs */
    BG_USAGE = 2,  /* a request that makes no sense (unknown option value) */
    BG_SYSTEM = 3, /* a failure of the system: cannot write, no usable font, no memory */
} bg_status;

/* --- diagnostics ------------------------------------------------------ */

typedef enum { BG_WARNING, BG_ERROR } bg_severity;

/* One problem: FILE:LINE:COL: severity: message. */
typedef struct bg_diag {
    char *file; /* NULL for a problem not tied to a file */
    int line;   /* 1-based; 0 when unknown */
    int col;    /* 1-based; 0 when unknown */
    bg_severity severity;
    char *message;
} bg_diag;

/* The problems of one run, in the order found. */
typedef struct bg_diags {
    bg_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
    int oom;           /* set when a diagnostic could not be stored */
    size_t suppressed; /* counted but not stored past BG_DIAGS_MAX */
} bg_diags;

/* Diagnostics kept for one run; later ones are only counted. */
#define BG_DIAGS_MAX 1000

void bg_diags_init(bg_diags *diags);
void bg_diags_free(bg_diags *diags);
/* Formats one diagnostic into BUF (truncating): "FILE:LINE:COL: error:
 * message", or "briefgen: error: message" when it names no file. */
char *bg_diag_format(const bg_diag *diag, char *buf, size_t size);
/* The same line whole, however long (malloc'd: free() it; NULL without
 * memory). */
char *bg_diag_line(const bg_diag *diag);
/* Writes every diagnostic, one line each, and a count of those not kept. */
void bg_diags_print(const bg_diags *diags, FILE *out);
/* The candidate closest to WORD when it is close enough to be a likely
 * misspelling, else NULL (for "did you mean" hints). */
const char *bg_suggest(const char *word, const char *const *candidates, size_t n);

/* --- briefs ----------------------------------------------------------- */

/* A brief opened with the theme catalogue and corpus it uses, composed. */
typedef struct bg_session bg_session;

/* Loads the brief at PATH, its theme catalogue and corpus, checks every
 * reference and composes the document. *SESSION is set in every case (NULL
 * only without memory) and freed with bg_session_free. Returns BG_OK when
 * the brief can be rendered, else BG_INPUT (problems in DIAGS) or
 * BG_SYSTEM. PATH "-" reads the brief from standard input (named <stdin>
 * in diagnostics; its relative paths from the current folder; default
 * output output/stdin.pdf). */
bg_status bg_session_open(bg_session **session, const char *path, bg_diags *diags);

/* What a render of a session depends on ("briefgen watch"): FILES (the
 * brief, its theme catalogue, the images the document shows) and the
 * corpus folder CORPUS_DIR, whose event files (*.md) count, added or
 * removed ones included. As far as the session got: a brief that did not
 * parse gives itself alone. Memory of the session. */
typedef struct bg_dependencies {
    const char **files;
    size_t file_count;
    const char *corpus_dir; /* NULL when unknown */
} bg_dependencies;
void bg_session_dependencies(bg_session *session, bg_dependencies *out);

/* What may change how a brief is read. */
typedef struct bg_open_options {
    /* "KEY=VALUE" overrides of top-level brief keys ("--set paper=Letter"):
     * VALUE is YAML, checked as if the file said it; diagnostics about it
     * name "--set KEY=VALUE" */
    const char *const *set;
    size_t set_count;
} bg_open_options;
/* bg_session_open with OPTIONS (NULL for none). */
bg_status bg_session_open_with(bg_session **session, const char *path,
                               const bg_open_options *options, bg_diags *diags);
void bg_session_free(bg_session *session);

/* Typesets SESSION into the PDF at PATH. A regular file, or a path not
 * there yet, is replaced atomically: the PDF is written to a temporary file
 * beside it and renamed into place only when complete, so a failure leaves
 * any existing file untouched; a replaced file keeps its permission bits
 * (and its owner, when the process may give it). A symbolic link is
 * followed: the file it names is replaced and the link stays. A character
 * device, FIFO or socket is written in place. The folder is created when
 * missing. Dates come from SOURCE_DATE_EPOCH when set, else the brief.
 * Returns BG_OK; BG_USAGE when PATH is one of the session's inputs (see
 * bg_session_is_input) or a font the render uses; BG_SYSTEM when the PDF
 * cannot be made or written (DIAGS name PATH, never the temporary file);
 * BG_INPUT for a session that did not open. A session renders once: what
 * it loaded and composed is freed before the PDF is saved (to keep memory
 * low), so a second bg_render or bg_render_fd returns BG_INPUT; what
 * bg_session_dependencies, bg_session_is_input and bg_session_info report
 * stays. */
bg_status bg_render(bg_session *session, const char *path, bg_diags *diags);

/* Typesets SESSION and writes the PDF to the open descriptor FD (standard
 * output for "render -o -") as it is produced: a failure may leave part of
 * a PDF there. NAME names FD in DIAGS ("standard output"). FD stays open;
 * it is refused (BG_USAGE) when it is one of the session's inputs. */
bg_status bg_render_fd(bg_session *session, int fd, const char *name, bg_diags *diags);

/* True when PATH names one of the files SESSION reads: the brief, its theme
 * catalogue, any event file (*.md) of its corpus folder, an image the
 * document shows. Compared as files (device and inode), so another
 * spelling, a symbolic link or a hard link is recognised. False when PATH
 * does not exist. Works on a session that failed to open too, for what it
 * got to read. */
bool bg_session_is_input(bg_session *session, const char *path);

/* True when writing to A and to B would write the same file: the same
 * device and inode when both exist; when neither exists, the same path
 * once symbolic links are followed and the folders resolved. */
bool bg_same_output(const char *a, const char *b);

/* Removes every temporary file of the renders in progress (the PDF beside
 * its target), for a signal handler that then ends the
 * process. Async-signal-safe: it reads a list and calls unlink(2), nothing
 * else. Temporary files are created with every signal blocked in the
 * creating thread; a program that renders on several threads should have
 * its signals handled on one of them. */
void bg_temp_cleanup_now(void);

/* Where a brief's PDF goes without an explicit path: its 'output' key,
 * else output/<brief stem>.pdf under the current folder. */
const char *bg_render_default_path(bg_session *session);

/* With YES, a warning while rendering fails the render (BG_INPUT) and no
 * PDF is written (a file target keeps its old content); what is written
 * to a stream or device as it is made cannot be taken back, so there only
 * warnings found before writing stop it. For "-W error". */
void bg_session_warnings_fatal(bg_session *session, bool yes);

/* Where the time of a session went, in seconds of wall time (a monotonic
 * clock read at the boundaries of the stages only). Breaking, shaping and
 * pagination interleave, line by line, and are one stage here. */
typedef struct bg_phase_times {
    double load;    /* the brief, theme catalogue and corpus read and checked */
    double compose; /* events selected, Markdown parsed into blocks */
    double fonts;   /* the font chains resolved with fontconfig */
    double layout;  /* breaking, shaping, pagination */
    double subset;  /* font subsets and the PDF's font objects */
    double draw;    /* the pages' content streams */
    double save;    /* the PDF deflated and written, the file flushed and in place */
} bg_phase_times;

/* What the last bg_render of a session did, for "render -v". */
typedef struct bg_render_info {
    size_t pages;
    size_t justified_lines, hyphenated_lines, syllable_breaks;
    double worst_ratio; /* the loosest justified line's stretch ratio */
    bg_phase_times times;
    long peak_rss_kb;       /* the process's peak resident set size after the render, KiB */
    const char *font_cache; /* the font chains: "hit", "miss" or "off" (README, "Speed") */
} bg_render_info;
const bg_render_info *bg_session_info(const bg_session *session);

/* True when PATH holds a theme catalogue (a mapping with 'themes' and
 * neither 'title' nor 'select') rather than a brief; never for "-". */
bool bg_is_catalogue(const char *path);

/* What "briefgen check" validates for PATH: an event file (*.md) against
 * the catalogue beside its folder, a theme catalogue, or a brief with its
 * catalogue and corpus ("-": a brief on standard input). Returns BG_OK
 * when no error was added to DIAGS. */
bg_status bg_check_file(const char *path, bg_diags *diags);
/* "briefgen init": a working corpus in DIR (created when missing) —
 * themes.yaml with two themes, events/ with two events, brief.yaml, a pack
 * that uses them — that check accepts and render renders. When one of
 * those files exists nothing is created and BG_USAGE is returned. */
bg_status bg_init(const char *dir, bg_diags *diags);

/* bg_check_file with OPTIONS (NULL for none); the overrides apply to briefs. */
bg_status bg_check_file_with(const char *path, const bg_open_options *options, bg_diags *diags);

/* --- the events of a corpus ------------------------------------------- */

/* Which events to list; every filter present must match (NULL or 0 for
 * absent). */
typedef struct bg_list_query {
    const char *corpus;        /* the events folder; NULL: briefs/events, else events */
    const char *themes_file;   /* NULL: themes.yaml beside the corpus folder */
    const char *const *themes; /* any of these theme ids (needs the catalogue) */
    size_t theme_count;
    const char *const *kinds; /* any of these kinds ("summit", "phone-call", ...) */
    size_t kind_count;
    const char *from, *to; /* dates, YYYY-MM-DD, YYYY-MM or YYYY */
} bg_list_query;

/* One listed event; dates in ISO form, absent fields NULL. */
typedef struct bg_list_item {
    const char *id, *date, *end, *time, *timezone;
    const char *title, *title_ko, *kind, *place, *file;
    const char *const *participants;
    size_t participant_count;
    const char *const *themes;
    size_t theme_count;
    bool milestone;
    size_t source_count;
    const char *korean_file; /* its Korean text (<id>.ko.md), NULL for none */
} bg_list_item;

/* The events of a corpus that match, in date, time and id order. */
typedef struct bg_event_list {
    const bg_list_item *items;
    size_t count;
    struct bg_arena *arena; /* the memory behind the items */
} bg_event_list;

/* Loads the corpus of QUERY and keeps the events that match. A bad query
 * (unknown kind or theme, malformed date) is BG_USAGE with the problem in
 * DIAGS; a corpus with errors is BG_INPUT, and the valid events are listed
 * all the same. Free LIST with bg_event_list_free in every case. */
bg_status bg_list_events(const bg_list_query *query, bg_event_list *list, bg_diags *diags);
void bg_event_list_free(bg_event_list *list);

/* --- fonts ------------------------------------------------------------ */

enum { BG_REPORT_ROLES = 3, BG_REPORT_STYLES = 4, BG_REPORT_PROBES = 9 };

/* Which face draws one probe character in one role and style. */
typedef struct bg_font_use {
    const char *script; /* "Latin", "Hangul", "Cyrillic", ... */
    unsigned long cp;   /* the probe character */
    const char *path;   /* NULL when no installed font has it */
    const char *family, *style;
    bool synthetic_bold, synthetic_slant; /* what the face lacks and is faked */
} bg_font_use;

typedef struct bg_fonts_report {
    const char *conf;                          /* the fontconfig file used */
    const char *role_names[BG_REPORT_ROLES];   /* body, heading, mono */
    const char *families[BG_REPORT_ROLES];     /* the family asked for each role */
    const char *style_names[BG_REPORT_STYLES]; /* regular, bold, italic, bold italic */
    bg_font_use uses[BG_REPORT_ROLES][BG_REPORT_STYLES][BG_REPORT_PROBES];
    size_t gaps;            /* probes that no font has */
    struct bg_arena *arena; /* the memory behind the strings */
} bg_fonts_report;

/* Resolves the fonts of BRIEF (NULL: the defaults) and fills REPORT.
 * Returns BG_INPUT when the brief has errors, BG_SYSTEM when no usable
 * font exists. Free REPORT with bg_fonts_report_free in every case. */
bg_status bg_fonts_report_make(const char *brief, bg_fonts_report *report, bg_diags *diags);
void bg_fonts_report_free(bg_fonts_report *report);

#endif
