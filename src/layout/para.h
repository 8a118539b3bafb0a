/* para.h - a paragraph of inline runs set into lines (internal to layout):
 * runs are cleaned, cut into boxes at break opportunities and font
 * changes, with glue for spaces, then broken into lines behind one
 * function (Knuth-Plass total fit when justified, greedy when ragged). */
#ifndef BRIEFGEN_PARA_H
#define BRIEFGEN_PARA_H

#include "compose/blocks.h"
#include "layout/layout.h"

typedef struct bg_para_style {
    bg_role role;
    int variant;    /* BG_VAR_* added to every run */
    double size;    /* points */
    double leading; /* line height / size */
    uint32_t color;
    uint32_t link_color;
    bool justify;
    double code_scale; /* size of code spans relative to SIZE */
    bool hyphenate;    /* English words may hyphenate (justified body text) */
} bg_para_style;

/* bg_text_width's recent answers for short texts (labels, page numbers
 * and markers are measured again and again); see linebreak.c. */
enum { BG_WIDTH_MEMO = 64, BG_WIDTH_MEMO_TEXT = 40 };
typedef struct bg_width_memo {
    const void *fonts; /* NULL: empty */
    bg_para_style style;
    char text[BG_WIDTH_MEMO_TEXT];
    double width;
} bg_width_memo;

/* What layout shares with the paragraph setter for one document. */
typedef struct bg_textctx {
    bg_fonts *fonts;
    bg_breaker *breaker;
    bg_arena scratch; /* text, lines and fragments of the paragraphs being set */
    bg_diags *diags;
    const char *where;         /* file named in warnings */
    bg_hyphenator *hyphenator; /* NULL: no hyphenation */
    int korean_penalty;        /* cost of a break between two Hangul syllables */
    bg_typo_stats stats;
    uint8_t *missing; /* a bit per code point already reported as missing (heap) */
    bg_width_memo widths[BG_WIDTH_MEMO]; /* zeroed with the rest */
} bg_textctx;

/* A piece of a set line: text in one face at X from the line's start. */
typedef struct bg_frag {
    double x, width;
    const char *text;
    size_t len;
    bg_font_ref font;
    double size;
    uint32_t color;
    const char *uri;
    int anchor; /* see bg_inline */
    /* the items it is made of, as bg_run's pieces (flow.c) */
    const uint8_t *pieces;
    size_t pieces_len;
    bool joined;     /* after the word before it with no space between (a Korean
                        line spread between syllables) */
    double track;    /* letter-spacing: points after each character (in
                        WIDTH), 0 but on a line looser than the body's limit */
    bool incidental; /* the hyphen added where a word is broken at the
                        line's end: an artifact of the layout, not of the
                        text (ISO 32000-1, 14.8.2.2.3) */
} bg_frag;

typedef struct bg_set_line {
    bg_frag *frags;
    size_t frag_count;
    double width; /* natural width */
    double ascent, descent;
} bg_set_line;

typedef struct bg_set_para {
    bg_set_line *lines;
    size_t line_count;
    double line_height;
    size_t costly_breaks; /* lines ended inside a word or name, or at a last resort */
} bg_set_para;

/* Sets N inline runs in WIDTH points. The lines and their text live in
 * CTX->scratch until bg_para_release (the pages copy what they draw). */
int bg_para_set(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *style,
                double width, bg_set_para *out);
/* A paragraph set a window of its text at a time (see linebreak.c), for
 * text that may be long: each bg_para_next gives the next lines (in
 * CTX->scratch, valid until bg_para_release or bg_para_close), with *MORE
 * set while lines follow. Together they are the lines of bg_para_set, the
 * same for any paragraph under 32 KiB. NULL without memory. */
typedef struct bg_para_stream bg_para_stream;
bg_para_stream *bg_para_open(bg_textctx *ctx, const bg_inline *runs, size_t n,
                             const bg_para_style *style, double width);
int bg_para_next(bg_para_stream *stream, bg_set_para *out, bool *more);
void bg_para_close(bg_para_stream *stream);
/* The same with the lines of a multi-line heading or title evened out
 * (the narrowest measure that needs no extra line). */
int bg_para_set_balanced(bg_textctx *ctx, const bg_inline *runs, size_t n,
                         const bg_para_style *style, double width, bg_set_para *out);
/* Forgets every set paragraph (their lines, not their text). */
void bg_para_release(bg_textctx *ctx);
/* Width in points of plain TEXT in STYLE (one line, no breaking). */
double bg_text_width(bg_textctx *ctx, const char *text, const bg_para_style *style);

/* Narrowest and natural widths of the runs: the widest unbreakable word,
 * and the whole text on one line (for table column widths). */
int bg_para_measure(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *style,
                    double *min_width, double *max_width);
#endif
