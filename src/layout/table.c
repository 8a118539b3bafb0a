/* table.c - tables in the flow (table.h), a row's lines at a time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/colwidth.h"
#include "layout/table.h"

#define PAD_X 4.0
#define PAD_Y 3.0

static bg_para_style cell_style(const bg_flow *f, bool bold, bool header)
{
    bg_para_style st = f->small;
    st.justify = false;
    st.link_color = st.color; /* titles link to the annex without a column of blue */
    if (header) {
        st.role = BG_ROLE_HEADING;
        st.variant = BG_VAR_BOLD;
        st.color = f->color.heading;
    } else if (bold) {
        st.variant |= BG_VAR_BOLD;
    }
    return st;
}

int bg_table_widths(bg_flow *f, const bg_table *t, double width, double *widths)
{
    /* every cell's words, the header as row 0 (colwidth.h) */
    size_t rows = t->rows + 1;
    bg_fit_segs segs = {NULL, 0, 0};
    size_t *first = malloc((rows * t->cols + 1) * sizeof *first);
    int status = -1;
    if (!first) goto done;
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < t->cols; c++) {
            first[r * t->cols + c] = segs.n;
            bg_para_style st = cell_style(f, r > 0 && t->bold[r - 1], r == 0);
            bg_inline head = bg_inline_plain(t->headers[c], 0);
            const bg_cell *cell = r > 0 ? &t->cells[(r - 1) * t->cols + c] : NULL;
            if (bg_fit_segments(f->tc, cell ? cell->runs : &head, cell ? cell->count : 1, &st,
                                &segs) != 0)
                goto done;
        }
    first[rows * t->cols] = segs.n;
    /* the header is printed on every page the table takes: about a page
     * for every frame's height of rows of a line or two */
    double row_h = f->small.size * f->small.leading * 1.5 + 2 * PAD_Y, frame = f->y1 - f->y0;
    double pages = frame > 0 ? ceil((double)t->rows * row_h / frame) : 1;
    bg_fit_table ft = {t->cols, rows, segs.v, first, t->nowrap, PAD_X, pages < 1 ? 1 : pages};
    status = bg_fit_columns(&ft, width, widths);
done:
    free(segs.v);
    free(first);
    return status;
}

/* Sets one row's cells; returns its height. */
static double set_row(bg_flow *f, const bg_table *t, size_t r, const double *widths,
                      bg_set_para *cells, bool header)
{
    double h = 0;
    for (size_t c = 0; c < t->cols; c++) {
        bg_para_style st = cell_style(f, !header && t->bold[r], header);
        bg_inline head;
        const bg_inline *runs;
        size_t n;
        if (header) {
            head = bg_inline_plain(t->headers[c], 0);
            runs = &head;
            n = 1;
        } else {
            runs = t->cells[r * t->cols + c].runs;
            n = t->cells[r * t->cols + c].count;
        }
        if (bg_para_set(f->tc, runs, n, &st, widths[c] - 2 * PAD_X, &cells[c]) != 0) return -1;
        double ch = cells[c].line_count * cells[c].line_height;
        if (ch > h) h = ch;
    }
    return h + 2 * PAD_Y;
}

/* Draws the lines of each cell from FIRST[c] on that fit in AVAIL points
 * (all of them when FIRST is NULL) as one row of the table, advancing
 * FIRST[c]; the row's height is that of its tallest slice. Cell c is
 * structure element ELEMS[c] (an artifact without ELEMS: a header row
 * repeated). */
static int draw_row(bg_flow *f, const bg_table *t, const double *widths, const bg_set_para *cells,
                    double h, bool header, size_t *first, double avail, const int *elems)
{
    int saved = f->elem;
    int status = 0;
    bg_page *page = &f->pages->pages[f->page];
    double x = f->x0;
    if (header) {
        bg_box box = {f->x0, f->y, f->x1 - f->x0, h, f->color.shade, 0, 0, true};
        if (bg_page_add_box(page, &box) != 0) return -1;
    }
    double used = 0;
    for (size_t c = 0; c < t->cols; c++) {
        const bg_set_para *p = &cells[c];
        size_t from = first ? first[c] : 0, to = p->line_count;
        if (first && p->line_height > 0) {
            size_t fit = (size_t)((avail + 0.01) / p->line_height);
            if (fit == 0) fit = 1; /* always progress */
            if (to - from > fit) to = from + fit;
            first[c] = to;
        }
        f->elem = elems ? elems[c] : BG_ARTIFACT;
        for (size_t l = from; l < to && status == 0; l++) {
            double lx = x + PAD_X;
            if (t->right && t->right[c]) lx = x + widths[c] - PAD_X - p->lines[l].width;
            double size = f->small.size;
            status =
                bg_flow_draw_line(f, &p->lines[l], lx, f->y + PAD_Y + (l - from) * p->line_height,
                                  p->line_height, size);
        }
        f->elem = saved;
        if (status != 0) return -1;
        if ((to - from) * p->line_height > used) used = (to - from) * p->line_height;
        x += widths[c];
    }
    if (first) h = used + 2 * PAD_Y;
    double bottom = f->y + h;
    bg_rule rule = {f->x0,
                    bottom,
                    f->x1,
                    bottom,
                    header ? 0.8 : 0.3,
                    header ? f->color.heading : f->color.rule};
    if (bg_page_add_rule(page, &rule) != 0) return -1;
    f->y = bottom;
    return 0;
}

static bool row_done(const bg_table *t, const bg_set_para *cells, const size_t *first)
{
    for (size_t c = 0; c < t->cols; c++)
        if (first[c] < cells[c].line_count) return false;
    return true;
}

int bg_flow_table(bg_flow *f, const bg_table *t)
{
    double width = f->x1 - f->x0;
    double *widths = calloc(t->cols, sizeof *widths);
    bg_set_para *head = calloc(t->cols, sizeof *head), *cells = calloc(t->cols, sizeof *cells);
    size_t *first = calloc(t->cols, sizeof *first);
    /* the structure: Table, THead (the header row drawn first; repeated on
     * later pages it is an artifact), TBody, a TR a row, a TH or TD a cell */
    int *head_elems = calloc(t->cols + 1, sizeof *head_elems);
    int *row_elems = calloc(t->cols + 1, sizeof *row_elems);
    int saved = f->elem, table = -1, body = -1;
    bool head_tagged = false;
    int status = -1;
    if (!widths || !head || !cells || !first || !head_elems || !row_elems ||
        bg_table_widths(f, t, width, widths) != 0)
        goto done;
    if (bg_flow_enter(f, BG_S_TABLE, &saved) != 0) goto done;
    table = f->elem;
    int ignored;
    if (bg_flow_enter(f, BG_S_THEAD, &ignored) != 0 || bg_flow_enter(f, BG_S_TR, &ignored) != 0)
        goto done;
    for (size_t c = 0; c < t->cols; c++) {
        head_elems[c] = bg_pages_add_elem(f->pages, BG_S_TH, f->elem);
        if (head_elems[c] < 0) goto done;
    }
    f->elem = table;
    if (bg_flow_enter(f, BG_S_TBODY, &ignored) != 0) goto done;
    body = f->elem;
    double head_h = set_row(f, t, 0, widths, head, true);
    if (head_h < 0) goto done;
    bool need_header = true;
    /* where the last two rows start, and how many rows the page holds:
     * the last page of a table holds three rows at least (balance) */
    bg_flow_mark row_mark[2];
    memset(row_mark, 0, sizeof row_mark);
    size_t on_page = 0;
    bg_para_style group_style = f->h3;
    double group_h = group_style.size * group_style.leading + 2 * PAD_Y + 2;
    for (size_t r = 0; r < t->rows; r++) {
        /* the rows drawn so far are on their pages: a table of any length
         * holds one row's lines (the header's are set again when drawn) */
        bg_para_release(f->tc);
        double h = set_row(f, t, r, widths, cells, false);
        if (h < 0) goto done;
        const char *group = t->group ? t->group[r] : NULL;
        double lead = group ? group_h : 0; /* a group heading keeps with its first row */
        double frame = f->y1 - f->y0;
        /* a row taller than a page is split between lines, a few lines at
         * least on the page it starts on */
        bool split = h > frame - head_h - lead;
        double keep = split ? 3 * f->small.size * f->small.leading + 2 * PAD_Y : h;
        if (need_header) {
            /* the header never stands alone at the bottom of a page, nor
             * with one row or two: it keeps with three rows (as many as
             * the table has), unless they would fill half a page */
            double start = keep;
            for (size_t k = r + 1; k < r + 3 && k < t->rows && !split; k++) {
                double next = set_row(f, t, k, widths, cells, false);
                if (next < 0) goto done;
                start += next + (t->group && t->group[k] ? group_h : 0);
            }
            if (start != keep) { /* (the row to draw set again) */
                if (set_row(f, t, r, widths, cells, false) < 0) goto done;
                if (start > frame / 2) start = keep;
            }
            if (bg_flow_need(f, head_h + lead + start) != 0) goto done;
            on_page = 0;
        } else if (f->y + lead + keep > f->y1 + 0.01) {
            /* the rows left would make a short last page: rows of this
             * page go over with them, below the header */
            size_t left = t->rows - r, over = left < 3 && t->rows >= 3 ? 3 - left : 0;
            size_t most = on_page > 1 ? on_page - 1 : 0; /* a row stays */
            if (over > most) over = most;
            const bg_flow_mark *from = over ? &row_mark[over - 1] : NULL;
            if (from && (!from->set || from->page != f->page ||
                         f->y - from->top + (double)left * (h + lead) > frame - head_h))
                from = NULL;
            if (from) f->keep = *from;
            if (bg_flow_turn(f, head_h) != 0) goto done;
            double end = f->y;
            f->y = f->y0;
            if (set_row(f, t, 0, widths, head, true) < 0 ||
                draw_row(f, t, widths, head, head_h, true, NULL, 0,
                         head_tagged ? NULL : head_elems) != 0)
                goto done;
            head_tagged = true;
            f->y = end;
            on_page = from ? over : 0;
            row_mark[0].set = row_mark[1].set = false;
        }
        if (need_header) {
            if (set_row(f, t, 0, widths, head, true) < 0 ||
                draw_row(f, t, widths, head, head_h, true, NULL, 0,
                         head_tagged ? NULL : head_elems) != 0)
                goto done;
            head_tagged = true;
            need_header = false;
        }
        row_mark[1] = row_mark[0];
        bg_flow_mark_here(f, &row_mark[0]);
        if (group) {
            /* a row of its own: one cell */
            f->elem = body;
            if (bg_flow_enter(f, BG_S_TR, &ignored) != 0 ||
                bg_flow_enter(f, BG_S_TD, &ignored) != 0)
                goto done;
            bg_inline run = bg_inline_plain(group, 0);
            bg_set_para para;
            if (bg_para_set(f->tc, &run, 1, &group_style, f->x1 - f->x0, &para) != 0 ||
                para.line_count == 0)
                goto done;
            if (bg_flow_draw_line(f, &para.lines[0], f->x0 + PAD_X, f->y + PAD_Y + 2,
                                  para.line_height, group_style.size) != 0)
                goto done;
            f->elem = body;
            f->y += group_h;
            bg_rule rule = {f->x0, f->y, f->x1, f->y, 0.6, f->color.heading};
            if (bg_page_add_rule(&f->pages->pages[f->page], &rule) != 0) goto done;
            /* the space below a group's row stretches too, as a row's */
            if (bg_flow_glue_add(f, f->y, 0, PAD_Y / 2) != 0) goto done;
        }
        memset(first, 0, t->cols * sizeof *first);
        on_page++;
        f->elem = body;
        if (bg_flow_enter(f, BG_S_TR, &ignored) != 0) goto done;
        for (size_t c = 0; c < t->cols; c++) {
            row_elems[c] = bg_pages_add_elem(f->pages, BG_S_TD, f->elem);
            if (row_elems[c] < 0) goto done;
        }
        f->elem = body;
        for (;;) {
            double top = f->y;
            if (draw_row(f, t, widths, cells, h, false, split ? first : NULL,
                         f->y1 - f->y - 2 * PAD_Y, row_elems) != 0)
                goto done;
            if (t->marked && t->marked[r]) {
                /* a bar in the margin beside a milestone */
                bg_box bar = {f->x0 - 7, top + 2, 2.5, f->y - top - 4, f->color.accent, 0, 0, true};
                if (bg_page_add_box(&f->pages->pages[f->page], &bar) != 0) goto done;
            }
            /* the space between rows stretches a little to fill a page
             * (more between tall rows, which leave more room unused), as
             * much above the rule as below it */
            double stretch = (PAD_Y + (f->y - top) * 0.15) / 2;
            if (bg_flow_glue_add(f, f->y - 0.5, 0, stretch) != 0 ||
                bg_flow_glue_add(f, f->y, 0, stretch) != 0)
                goto done;
            if (!split || row_done(t, cells, first)) break;
            if (bg_flow_new_page(f) != 0 || set_row(f, t, 0, widths, head, true) < 0 ||
                draw_row(f, t, widths, head, head_h, true, NULL, 0, NULL) != 0)
                goto done;
        }
    }
    status = 0;
done:
    f->elem = saved;
    free(head_elems);
    free(row_elems);
    free(widths);
    free(head);
    free(cells);
    free(first);
    return status;
}
