/* fontsint.h - the font table shared by fonts.c, shape.c and subset.c
 * (internal). */
#ifndef BRIEFGEN_FONTSINT_H
#define BRIEFGEN_FONTSINT_H

#include <fontconfig/fontconfig.h>
#include <hb.h>

#include "text/text.h"

typedef struct bg_face {
    bg_face_info info;
    char *path;
    char *family;
    char *style;
    int index;
    unsigned upem;
    bool bold, italic;  /* what the face really is */
    int usable;         /* 0 not checked yet, 1 usable, -1 skipped (see fonts.c face_check) */
    bool subset_ok;     /* HarfBuzz subsets it: from the chain cache, or once checked */
    FcCharSet *charset; /* the code points it has, from fontconfig; else: */
    uint32_t *cover;    /* from the chain cache: COVER_COUNT sorted [first, last] pairs */
    size_t cover_count;
    const char *cover_text; /* not NULL: COVER still to be read from the chain cache */
    size_t cover_text_len;
    hb_face_t *hb_face; /* NULL until bg_face_ready */
    hb_font_t *hb_font;
    bool unreadable; /* HarfBuzz could not read the file: an empty face */
} bg_face;

typedef struct bg_chain {
    bool built;
    int count;
    int primary; /* the slots before the last-resort faces */
    size_t cap;
    int *faces; /* heap, COUNT of them */
    uint8_t *fake_bold;
    uint8_t *fake_italic;
    int16_t *bmp; /* per-code-point look-up cache for the BMP */
} bg_chain;

/* (face, text) -> advance in ems, open addressing. An entry is one
 * allocation: its numbers, then CHARS adjustments (thousandths of an em;
 * see bg_shape_adjustments), then the LEN bytes of its text. */
typedef struct bg_width_entry {
    uint64_t hash;
    double width;
    uint32_t len, chars;
    int face;
    float adjust[];
} bg_width_entry;

typedef struct bg_width_cache {
    bg_width_entry **slots; /* NULL: free */
    size_t cap;
    size_t count;
    size_t bytes; /* held by the slots and the entries */
} bg_width_cache;

/* The resolved chains kept between runs (fonts.c, "The chain cache"). */
typedef struct bg_font_cache bg_font_cache;

struct bg_fonts {
    FcConfig *config;     /* NULL while the chains come from the cache */
    char *conf_file;      /* the fontconfig file, for opening fontconfig late */
    bg_font_cache *cache; /* NULL when the cache is off */
    size_t opened_faces;  /* faces in the table when bg_fonts_open returned */
    bg_diags *diags;      /* the caller's, for faces found unusable when first drawn */
    char *family[BG_ROLE_COUNT];
    char *latin[BG_ROLE_COUNT]; /* the role's Latin face (fonts.conf), NULL for none */
    char **last_resort;         /* families fonts.conf lists for briefgen-last-resort */
    size_t last_resort_count, last_resort_cap;
    bg_face *faces;
    size_t face_count, face_cap;
    bg_chain chains[BG_ROLE_COUNT][BG_VAR_COUNT];
    hb_buffer_t *buffer;
    bg_width_cache widths;
};

void bg_face_release(bg_face *face);
/* Opens FACE with HarfBuzz and reads its metrics (INFO's), the first time;
 * false when its file cannot be read (it then has an empty face). */
bool bg_face_ready(bg_face *face);
void bg_width_cache_free(bg_width_cache *cache);

#endif
