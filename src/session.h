/* session.h - what a bg_session holds (internal to session.c and
 * render.c, the two files that wire the stages together). */
#ifndef BRIEFGEN_SESSION_H
#define BRIEFGEN_SESSION_H

#include "briefgen.h"
#include "compose/compose.h"

struct bg_session {
    bg_arena arena; /* everything loaded, composed and laid out */
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
};

/* One file, whatever its names: device and inode. */
typedef struct bg_file_id {
    unsigned long long dev, ino;
} bg_file_id;

/* True when the file ID is one of the files SESSION read. */
bool bg_session_reads(bg_session *session, const bg_file_id *id);

#endif
