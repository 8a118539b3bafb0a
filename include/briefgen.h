/* briefgen.h - the library's public face: load a brief with the catalogue
 * and corpus it uses, read the diagnostics, compose it, free it. */
#ifndef BRIEFGEN_BRIEFGEN_H
#define BRIEFGEN_BRIEFGEN_H

#include "compose/compose.h"
#include "base/diag.h"
#include "load/load.h"
#include "load/types.h"

const char *bg_version(void);

/* What the last bg_render of SESSION did, for "render -v". */
typedef struct bg_render_info {
    size_t pages;
    size_t justified_lines, hyphenated_lines, syllable_breaks;
    double worst_ratio;
} bg_render_info;

/* A brief definition with everything it uses, in one arena. */
typedef struct bg_session {
    bg_arena arena;
    bg_brief brief;
    bg_themes themes;
    bg_corpus corpus;
    bg_doc doc;
    bool loaded; /* brief, themes and corpus were read */
    bg_render_info info;
    bool composed; /* doc is valid */
} bg_session;

/* Loads PATH, its theme catalogue and corpus, checks references and composes
 * the document. Returns 0 when usable with no error in DIAGS; -1 otherwise.
 * Free with bg_session_free in both cases. */
int bg_session_open(bg_session *session, const char *path, bg_diags *diags);
void bg_session_free(bg_session *session);

/* Outcome of a render, in the terms of the exit statuses. */
typedef enum { BG_RENDER_OK = 0, BG_RENDER_INPUT = 1, BG_RENDER_SYSTEM = 3 } bg_render_status;

/* Typesets the composed SESSION into the PDF at PATH: written to a
 * temporary file beside it and renamed into place only when complete, so a
 * failure leaves any existing file untouched. The folder is created when
 * missing. Dates come from SOURCE_DATE_EPOCH when set, else the brief. */
bg_render_status bg_render(bg_session *session, const char *path, bg_diags *diags);

/* Where a brief's PDF goes without -o: its 'output', else
 * output/<stem>.pdf under the current folder. Arena memory of SESSION. */
const char *bg_render_default_path(bg_session *session);

/* True when PATH holds a theme catalogue (a mapping with 'themes' and
 * neither 'title' nor 'select') rather than a brief. */
bool bg_is_catalogue(const char *path);

/* What "briefgen check" validates for PATH: a theme catalogue (a mapping
 * holding 'themes' and neither 'title' nor 'select') is checked as one,
 * anything else as a brief with its catalogue and corpus. Returns 0 when
 * no error was added to DIAGS. */
int bg_check_file(const char *path, bg_diags *diags);

#endif
