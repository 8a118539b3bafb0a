/* layouts.h - the document layouts (internal): one file each, named only
 * in the table of layouts.c. */
#ifndef BRIEFGEN_LAYOUTS_H
#define BRIEFGEN_LAYOUTS_H

#include "layout/parts.h"

/* A document layout: what it lays out, and its chronology's columns when
 * the brief names none. Its spelling in a brief's 'layout' key is the
 * loader's (src/load/brief.c), in the order of bg_layout. */
typedef struct bg_layout_ops {
    int (*lay_out)(bg_doc_layout *dl);
    bg_column default_columns[BG_COL_COUNT];
    size_t default_column_count;
} bg_layout_ops;

int bg_layout_pack(bg_doc_layout *dl);
int bg_layout_retrospective(bg_doc_layout *dl);
int bg_layout_handout(bg_doc_layout *dl);

#endif
