/* colwidth.h - table column widths that minimise the table's height
 * (internal to layout): each cell's text reduced to the words the ragged
 * line breaker fills lines with, a cheap count of the lines a cell takes
 * at a width, and the chooser that shares a table's width among its
 * columns. */
#ifndef BRIEFGEN_COLWIDTH_H
#define BRIEFGEN_COLWIDTH_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/para.h"

/* An unbreakable piece of a cell's text (a word, with the no-break spaces
 * inside it) and the breakable space before it; FORCED when a line break
 * of the text comes before it. */
typedef struct bg_fit_seg {
    float glue, word;
    bool forced;
} bg_fit_seg;

typedef struct bg_fit_segs {
    bg_fit_seg *v;
    size_t n, cap;
} bg_fit_segs;

/* Appends the pieces of N runs set in STYLE to SEGS (heap; free SEGS->v).
 * 0, or -1 out of memory. */
int bg_fit_segments(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *style,
                    bg_fit_segs *segs);
/* The lines N pieces take in WIDTH points, filled first-fit as ragged
 * text is (linebreak.c); an empty text takes one. */
size_t bg_fit_lines(const bg_fit_seg *segs, size_t n, double width);

/* A table for the chooser: ROWS x COLS cells, row 0 the header; cell
 * (r, c) is SEGS[FIRST[r * COLS + c]] up to FIRST[r * COLS + c + 1]. */
typedef struct bg_fit_table {
    size_t cols, rows;
    const bg_fit_seg *segs;
    const size_t *first;  /* rows * cols + 1 offsets */
    const bool *nowrap;   /* per column, or NULL: its body cells never wrap */
    double pad;           /* either side of a cell's text */
    double header_weight; /* how often the header row is printed (once a page) */
} bg_fit_table;

/* Shares WIDTH among T's columns into WIDTHS: every column at least its
 * widest word (a nowrap column its widest cell) and the header's widest
 * word; when the natural widths do not fit, widths that make the table's
 * height (the sum over rows of their tallest cell's lines, the header's
 * HEADER_WEIGHT times) as small as a greedy search finds, the rest shared
 * where it loosens the most wrapped columns. 0, or -1 out of memory. */
int bg_fit_columns(const bg_fit_table *t, double width, double *widths);
/* T's height in lines at WIDTHS, as the chooser counts it. */
double bg_fit_height(const bg_fit_table *t, const double *widths);

#endif
