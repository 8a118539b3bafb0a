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
};

#endif
