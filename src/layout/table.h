/* table.h - tables laid out into the flow (internal): column widths from
 * the content, wrapping cells, the header row repeated on every page, rows
 * kept whole (a row taller than a page split between lines). */
#ifndef BRIEFGEN_TABLE_H
#define BRIEFGEN_TABLE_H

#include "layout/flow.h"

typedef struct bg_cell {
    bg_inline *runs;
    size_t count;
} bg_cell;

typedef struct bg_table {
    size_t cols, rows;
    const char **headers;
    bg_cell *cells;     /* rows * cols, row-major */
    bool *bold;         /* per row */
    bool *right;        /* per column: align right (numbers) */
    bool *nowrap;       /* per column: never wrapped (dates, kinds) */
    const char **group; /* per row: a heading (a year) put before it, or NULL */
    bool *marked;       /* per row: a mark in the margin (milestones) */
} bg_table;

/* Column widths for TABLE in WIDTH: each column at least its widest
 * unbreakable word, chosen to make the table as short as it can be
 * (colwidth.h). */
int bg_table_widths(bg_flow *flow, const bg_table *table, double width, double *widths);
int bg_flow_table(bg_flow *flow, const bg_table *table);

#endif
