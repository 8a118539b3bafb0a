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

/* Structure element types (ISO 32000-1, 14.8.4 standard structure types),
 * what the tagged PDF's structure tree is made of. */
typedef enum bg_struct_type {
    BG_S_DOCUMENT,
    BG_S_H1,
    BG_S_H2,
    BG_S_H3,
    BG_S_P,
    BG_S_L,
    BG_S_LI,
    BG_S_LBL,
    BG_S_LBODY,
    BG_S_TABLE,
    BG_S_THEAD,
    BG_S_TBODY,
    BG_S_TR,
    BG_S_TH,
    BG_S_TD,
    BG_S_TOC,
    BG_S_TOCI,
    BG_S_FIGURE,
    BG_S_BLOCKQUOTE,
    BG_S_CODE,
    BG_S_CAPTION,
    BG_S_LINK /* a link's text and its annotations (PDF/UA-1, 7.18.5) */
} bg_struct_type;

/* What a drawn item belongs to that is not content (ISO 32000-1, 14.8.2.2):
 * an item's element is an index into bg_pages.elems, or one of these. */
enum {
    BG_ARTIFACT = -1,   /* leader dots, repeated table headers */
    BG_PAGINATION = -2, /* running header and footer, page numbers, markings */
};

/* One structure element: its type, its parent (an index into
 * bg_pages.elems, -1 for the document element, which is first) and, for a
 * figure, its alternate description. Elements are kept in reading order,
 * each after its parent. */
typedef struct bg_struct_elem {
    bg_struct_type type;
    int parent;
    const char *alt;
} bg_struct_elem;

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
    int elem;     /* the structure element it belongs to, or BG_ARTIFACT... */
    bool joined;  /* continues the word before it (bg_frag) */
    double track; /* letter-spacing: points after each character, in WIDTH
                     (bg_frag; the PDF's Tc) */
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
    int elem;   /* the structure element its text belongs to */
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
    int elem; /* its Figure element, or BG_ARTIFACT */
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
    long long epoch;       /* SOURCE_DATE_EPOCH, or -1 to use DATE */
    const char *lang;      /* the document's language, "en" or "ko" (BCP 47) */
    bool pdf_a;            /* archival: PDF/A-2 (meta.c) */
    bool tagged;           /* the structure tree is written (PDF/UA-1, PDF/A-2a) */
    bg_struct_elem *elems; /* the structure tree, in reading order */
    size_t elem_count, elem_cap;
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
/* Appends an element of TYPE under PARENT: its index, or -1 without
 * memory. */
int bg_pages_add_elem(bg_pages *pages, bg_struct_type type, int parent);
/* Frees PAGE's runs (once drawn). */
void bg_page_release_runs(bg_page *page);
/* Fills PAGES->faces from the text runs of every page: FACE_COUNT faces. */
int bg_pages_collect_chars(bg_pages *pages, size_t face_count);
void bg_pages_free(bg_pages *pages);

#endif
