/* session.h - what a bg_session holds (internal to session.c and
 * render.c, the two files that wire the stages together). */
#ifndef BRIEFGEN_SESSION_H
#define BRIEFGEN_SESSION_H

#include "briefgen.h"
#include "compose/compose.h"
#include "text/text.h"

struct bg_session {
    bg_arena arena;   /* the brief, paths, inputs: kept until bg_session_free */
    bg_arena content; /* themes, corpus, document, layout: bg_session_release */
    bg_brief brief;
    bg_themes themes;
    bg_corpus corpus;
    bg_doc doc;
    bool loaded;   /* brief, themes and corpus were read */
    bool composed; /* doc is valid */
    bg_render_info info;
    const char *path;          /* the brief as opened */
    struct bg_file_id *inputs; /* the files read, sorted (bg_session_is_input) */
    size_t input_count;
    bool inputs_known;
    bool warnings_fatal; /* bg_session_warnings_fatal */
    bool released;       /* content freed; DEPS holds what it depended on */
    bg_dependencies deps;
    /* the hyphenation patterns, loading since the session was opened
     * (render takes them); NULL when render loads its own */
    bg_hyphenator *hyphenator;
};

/* The patterns S started loading when it was opened, now the caller's
 * (NULL when it has none: then the caller starts them). */
bg_hyphenator *bg_session_take_hyphenator(bg_session *s);

/* One file, whatever its names: device and inode. */
typedef struct bg_file_id {
    unsigned long long dev, ino;
} bg_file_id;

/* True when the file ID is one of the files SESSION read. */
bool bg_session_reads(bg_session *session, const bg_file_id *id);

/* Frees what SESSION loaded and composed (its CONTENT arena: themes,
 * corpus, document, what layout kept there) once the PDF is drawn, before
 * it is saved; what bg_session_dependencies and bg_session_is_input report
 * is kept first. The session renders no more (BG_INPUT). */
void bg_session_release(bg_session *session);

#endif
