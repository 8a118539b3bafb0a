/* layout.h - the laid-out document: pages of positioned text runs, rules,
 * boxes, images and links, plus the outline and document information. This
 * is what the PDF back end draws; layout itself never calls libharu.
 *
 * Coordinates are points from the top-left corner of the page; y of a text
 * run is its baseline. */
#ifndef BRIEFGEN_LAYOUT_H
#define BRIEFGEN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/date.h"
#include "text/text.h"

typedef struct bg_run {
    double x, y;
    double size;
    double width; /* as measured by layout */
    int face;
    uint8_t fake_bold, fake_italic;
    uint32_t color; /* 0xRRGGBB */
    const char *text;
    size_t len;
    /* the pieces layout measured the text in, each shaped on its own:
     * PIECES_LEN bytes of packed lengths (see flow.c), none when the run
     * is one piece; bg_run_adjustments gives the kerning they make */
    const uint8_t *pieces;
    size_t pieces_len;
} bg_run;

typedef struct bg_box {
    double x, y, w, h;
    uint32_t fill;   /* used when has_fill */
    uint32_t stroke; /* used when stroke_width > 0 */
    double stroke_width;
    bool has_fill;
} bg_box;

typedef struct bg_rule {
    double x1, y1, x2, y2;
    double width;
    uint32_t color;
} bg_rule;

/* A clickable area: to URI, or to DEST_PAGE at DEST_Y (layout fills these
 * in for ANCHOR, a target inside the document, once every page exists). */
typedef struct bg_link {
    double x, y, w, h;
    const char *uri;
    int dest_page;
    double dest_y;
    int anchor; /* see bg_inline; 0 for none */
} bg_link;

/* An image drawn at X, Y in W x H points. ID is the same for the same
 * image (compose/images.h): the PDF embeds it once, decoded for the
 * largest size it is drawn at. FILE:LINE:COL is where the Markdown names
 * it, for a problem found only when it is decoded. */
typedef struct bg_image {
    double x, y, w, h;
    const char *path;
    bool png;
    int id;
    const char *file;
    int line, col;
} bg_image;

/* A page's text runs are kept packed, text included (flow.c): a few bytes
 * beyond the text a run, so that a long document fits in memory. Read
 * them in order with bg_page_next_run. */
typedef struct bg_page {
    uint8_t *runs;
    size_t runs_len, runs_cap;
    size_t run_count;
    bg_run last; /* the last run added (its numbers only) */
    bg_box *boxes;
    size_t box_count, box_cap;
    bg_rule *rules;
    size_t rule_count, rule_cap;
    bg_link *links;
    size_t link_count, link_cap;
    bg_image *images;
    size_t image_count, image_cap;
} bg_page;

typedef struct bg_outline_item {
    const char *title;
    int level; /* 0 top */
    int page;
    double y;
} bg_outline_item;

/* What the line breaker did, for "render -v". */
typedef struct bg_typo_stats {
    size_t justified_lines;  /* lines set to the full measure */
    size_t hyphenated_lines; /* of those, lines ending in a hyphen */
    size_t syllable_breaks;  /* lines ending between two Hangul syllables */
    double worst_ratio;      /* the largest adjustment ratio of their spaces */
} bg_typo_stats;

/* The characters one face draws in the document, ascending: what the PDF
 * back end embeds of it. */
typedef struct bg_face_chars {
    uint32_t *cps;
    size_t count;
} bg_face_chars;

typedef struct bg_pages {
    double width, height; /* points */
    bg_page *pages;
    size_t count, cap;
    bg_outline_item *outline;
    size_t outline_count, outline_cap;
    /* document information */
    const char *title, *author, *subject, *keywords;
    bg_date date;
    long long epoch;  /* SOURCE_DATE_EPOCH, or -1 to use DATE */
    const char *lang; /* the document's language, "en" or "ko" (BCP 47) */
    bool pdf_a;       /* archival: PDF/A-2 (meta.c) */
    bool tagged;      /* the structure tree is written (PDF/UA-1, PDF/A-2a) */
    bg_typo_stats stats;
    bg_face_chars *faces; /* per face of the fonts laid out with */
    size_t face_count;
} bg_pages;

struct bg_doc;
/* Lays out the composed brief DOC with FONTS. Warnings (a character no font
 * has) and errors go to DIAGS. Returns 0, or -1 on failure. Free with
 * bg_pages_free. */
int bg_layout_document(const struct bg_doc *doc, bg_fonts *fonts, bg_hyphenator *hyphenator,
                       bg_arena *arena, bg_diags *diags, bg_pages *pages);
/* Reads the run at *POS of PAGE into RUN and moves *POS past it; RUN must
 * hold the run read before (zeroed before the first, with *POS 0). Its
 * text and pieces point into the page. False after the last run. */
bool bg_page_next_run(const bg_page *page, size_t *pos, bg_run *run);
/* For each character of RUN: its kerned advance less the width libharu
 * writes for it, thousandths of the size (bg_shape_adjustments of each
 * piece), into OUT. */
void bg_run_adjustments(bg_fonts *fonts, const bg_run *run, float *out);
/* Frees PAGE's runs (once drawn). */
void bg_page_release_runs(bg_page *page);
/* Fills PAGES->faces from the text runs of every page: FACE_COUNT faces. */
int bg_pages_collect_chars(bg_pages *pages, size_t face_count);
void bg_pages_free(bg_pages *pages);

#endif
