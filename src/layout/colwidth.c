/* colwidth.c - table column widths that minimise the table's height
 * (colwidth.h). A cell is reduced once to its words and the spaces between
 * them; the lines it takes at a width are then counted by first fit, as
 * the ragged line breaker fills them (linebreak.c), in time linear in its
 * words. Two greedy searches share the width: one starts every column at
 * its widest word and gives width, a move at a time, to the column where
 * it saves the most lines a point (then what no column can use goes to the
 * columns still wrapped, in proportion to what they lack); the other
 * starts every column at its natural width and takes width from the column
 * where it costs the fewest lines a point. The size of each move is found
 * by doubling, then halving. Each is blind to some moves (a row is shorter
 * only once all its tall cells are), so both run and the shorter table
 * wins. A move counts again only the cells of the column it tries, so a
 * long table costs a few hundred passes over one column's words at most
 * (compare the automatic table layout of CSS 2.1, 17.5.2.2, which shares
 * the width by the natural widths alone). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "layout/colwidth.h"
#include "layout/items.h"

/* Texts are cut into items a window at a time (as linebreak.c does). */
#define WINDOW ((size_t)32 * 1024)

static int push(bg_fit_segs *segs, bg_fit_seg s)
{
    bg_fit_seg *grown = bg_grow(segs->v, segs->n, &segs->cap, sizeof *grown, 16);
    if (!grown) return -1;
    segs->v = grown;
    segs->v[segs->n++] = s;
    return 0;
}

/* The end of the window from A: after a space in its second half when
 * there is one, else at a character boundary, or the end of the text. */
static size_t window_end(const para_text *pt, size_t a)
{
    if (WINDOW >= pt->len - a) return pt->len;
    size_t b = a + WINDOW;
    while (b > a + 1 && ((unsigned char)pt->buf[b] & 0xC0) == 0x80)
        b--;
    for (size_t k = b; k > a + WINDOW / 2; k--)
        if (pt->buf[k - 1] == ' ' || pt->buf[k - 1] == '\n') return k;
    return b;
}

int bg_fit_segments(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *style,
                    bg_fit_segs *segs)
{
    para_text pt;
    if (bg_items_text(ctx, &ctx->scratch, runs, n, style, &pt) != 0) return -1;
    bg_fit_seg cur = {0, 0, false};
    bool open = false, forced = false;
    double glue = 0;
    for (size_t a = 0; a < pt.len;) {
        size_t b = window_end(&pt, a);
        items it = {0};
        if (bg_items_window(ctx, &pt, style, a, b, &it) != 0) {
            free(it.v);
            return -1;
        }
        for (size_t i = 0; i < it.n; i++) {
            const item *x = &it.v[i];
            /* a box or a no-break space: part of the word */
            if (x->kind == IT_BOX || (x->kind == IT_GLUE && x->nobreak)) {
                if (!open) {
                    cur = (bg_fit_seg){(float)glue, 0, forced};
                    glue = 0;
                    forced = false;
                    open = true;
                }
                cur.word += (float)x->width;
                continue;
            }
            /* ragged text breaks at spaces and free opportunities only */
            bool breaks = x->kind == IT_GLUE || x->kind == IT_BREAK ||
                          (x->kind == IT_PENALTY && x->penalty == 0 && !x->flagged);
            if (!breaks) continue;
            if (open && push(segs, cur) != 0) {
                free(it.v);
                return -1;
            }
            open = false;
            if (x->kind == IT_GLUE) glue += x->width;
            if (x->kind == IT_BREAK) {
                forced = true;
                glue = 0;
            }
        }
        free(it.v);
        a = b;
    }
    return open ? push(segs, cur) : 0;
}

size_t bg_fit_lines(const bg_fit_seg *segs, size_t n, double width)
{
    size_t lines = 1;
    double line = -1; /* the width filled, or below 0 on an empty line */
    for (size_t i = 0; i < n; i++) {
        const bg_fit_seg *s = &segs[i];
        if (s->forced && i > 0) {
            lines++;
            line = -1;
        }
        if (line < 0) {
            line = s->word;
        } else if (line + s->glue + s->word <= width + 0.01) {
            line += s->glue + s->word;
        } else {
            lines++;
            line = s->word;
        }
        if (line > width + 0.01 && width > 0) {
            /* a word wider than the line is cut where lines end */
            lines += (size_t)(line / width);
            line = fmod(line, width);
        }
    }
    return lines;
}

/* The widest word and the natural width (the widest line) of N pieces. */
static void extent(const bg_fit_seg *segs, size_t n, double *min, double *max)
{
    double line = 0;
    *min = *max = 0;
    for (size_t i = 0; i < n; i++) {
        if (segs[i].forced) line = 0;
        line += (line > 0 ? segs[i].glue : 0) + segs[i].word;
        if (segs[i].word > *min) *min = segs[i].word;
        if (line > *max) *max = line;
    }
}

/* The search's state: lines per cell at the current widths. */
typedef struct search {
    const bg_fit_table *t;
    size_t *lines; /* rows * cols */
    double *other; /* per row: the tallest cell of the other columns */
    size_t *rows;  /* the rows where the column tried is tallest */
    size_t nrows;
} search;

static size_t cell_lines(const bg_fit_table *t, size_t r, size_t c, double width)
{
    size_t k = r * t->cols + c;
    return bg_fit_lines(t->segs + t->first[k], t->first[k + 1] - t->first[k], width - 2 * t->pad);
}

/* S for table T with every column at its width in FROM (copied into
 * WIDTHS) and each cell's lines at it; the sum of the widths, or -1
 * without memory. Free with search_free. */
static double search_start(search *s, const bg_fit_table *t, const double *from, double *widths)
{
    size_t cols = t->cols, rows = t->rows;
    *s = (search){t, calloc(rows * cols + 1, sizeof(size_t)), calloc(rows + 1, sizeof(double)),
                  calloc(rows + 1, sizeof(size_t)), 0};
    if (!s->lines || !s->other || !s->rows) return -1;
    double used = 0;
    for (size_t c = 0; c < cols; c++) {
        widths[c] = from[c];
        used += from[c];
        for (size_t r = 0; r < rows; r++)
            s->lines[r * cols + c] = cell_lines(t, r, c, widths[c]);
    }
    return used;
}

static void search_free(search *s)
{
    free(s->lines);
    free(s->other);
    free(s->rows);
}

static double weight(const bg_fit_table *t, size_t r)
{
    return r == 0 ? t->header_weight : 1;
}

double bg_fit_height(const bg_fit_table *t, const double *widths)
{
    double h = 0;
    for (size_t r = 0; r < t->rows; r++) {
        size_t tallest = 0;
        for (size_t c = 0; c < t->cols; c++) {
            size_t lines = cell_lines(t, r, c, widths[c]);
            if (lines > tallest) tallest = lines;
        }
        h += weight(t, r) * (double)tallest;
    }
    return h;
}

/* A cell shortened in a row it ties for tallest saves no line yet, but the
 * row's other tall cells may follow: it counts for this much of one. */
#define TIED 0.05

/* Prepares trying column C: the rows where it is tallest, alone or tied. */
static void try_column(search *s, size_t c)
{
    const bg_fit_table *t = s->t;
    s->nrows = 0;
    for (size_t r = 0; r < t->rows; r++) {
        size_t tallest = 0, mine = s->lines[r * t->cols + c];
        for (size_t k = 0; k < t->cols; k++)
            if (k != c && s->lines[r * t->cols + k] > tallest) tallest = s->lines[r * t->cols + k];
        s->other[r] = (double)tallest;
        if (mine > 1 && mine >= tallest) s->rows[s->nrows++] = r;
    }
}

/* What column C (try_column'd) WIDTH wide saves: the lines the table's
 * height falls by, and a little for each line of a tied cell. */
static double saving(const search *s, size_t c, double width)
{
    double saved = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        size_t r = s->rows[i];
        double now = (double)s->lines[r * s->t->cols + c];
        double then = (double)cell_lines(s->t, r, c, width);
        double other = s->other[r];
        double row = (now > other ? now : other) - (then > other ? then : other);
        saved += weight(s->t, r) * (row + TIED * (now - then));
    }
    return saved;
}

static void share(const double *base, const double *by, size_t cols, double room, double *widths)
{
    double sum = 0;
    for (size_t c = 0; c < cols; c++)
        sum += by[c];
    for (size_t c = 0; c < cols; c++)
        widths[c] = base[c] + (sum > 0 ? room * by[c] / sum : room / (double)cols);
}

/* From every column at its widest word, width to the column that saves
 * the most lines a point; what none can use to save one goes to the
 * columns short of their natural width. */
static int grow(const bg_fit_table *t, const double *lo, const double *hi, double width,
                double *widths)
{
    size_t cols = t->cols, rows = t->rows;
    search s;
    double used = search_start(&s, t, lo, widths);
    double *lack = calloc(cols + 1, sizeof *lack), *base = calloc(cols + 1, sizeof *base);
    int status = -1;
    if (used < 0 || !lack || !base) goto done;
    double step = (width - used) / 128;
    if (step < 0.5) step = 0.5;
    /* a move saves a line, or a tied cell's: a bound keeps a long table linear */
    for (int moves = 0; moves < 256; moves++) {
        double room = width - used;
        size_t best = cols;
        double best_rate = 0, best_d = 0, best_saved = 0;
        for (size_t c = 0; c < cols && room > 0.01; c++) {
            double cap = hi[c] - widths[c] < room ? hi[c] - widths[c] : room;
            if (cap < 0.01) continue;
            try_column(&s, c);
            if (s.nrows == 0) continue;
            for (double d = step;; d *= 2) {
                if (d > cap) d = cap;
                double saved = saving(&s, c, widths[c] + d);
                if (saved > 0 && saved / d > best_rate + 1e-9) {
                    best = c;
                    best_rate = saved / d;
                    best_d = d;
                    best_saved = saved;
                }
                if (d >= cap) break;
            }
        }
        if (best == cols) break;
        /* the least width that saves as much */
        try_column(&s, best);
        double a = 0, b = best_d;
        for (int i = 0; i < 12 && b - a > 0.01; i++) {
            double mid = (a + b) / 2;
            if (saving(&s, best, widths[best] + mid) >= best_saved - 1e-9)
                b = mid;
            else
                a = mid;
        }
        widths[best] += b;
        used += b;
        for (size_t r = 0; r < rows; r++)
            s.lines[r * cols + best] = cell_lines(t, r, best, widths[best]);
    }
    /* the rest to the columns short of their natural width, then to all */
    double room = width - used, short_by = 0;
    for (size_t c = 0; c < cols; c++) {
        lack[c] = hi[c] > widths[c] ? hi[c] - widths[c] : 0;
        short_by += lack[c];
    }
    if (room > 0 && short_by >= room) {
        memcpy(base, widths, cols * sizeof *widths); /* a copy: share writes WIDTHS */
        share(base, lack, cols, room, widths);
    } else if (room > 0) {
        share(hi, hi, cols, width - (used + short_by), widths);
    }
    status = 0;
done:
    search_free(&s);
    free(lack);
    free(base);
    return status;
}

/* What column C WIDTH wide costs in every row (OTHER: the tallest of the
 * other columns): the lines the table's height grows by, and a little for
 * each line a tall cell gains. */
static double cost(const search *s, size_t c, double width)
{
    const bg_fit_table *t = s->t;
    double added = 0;
    for (size_t r = 0; r < t->rows; r++) {
        double now = (double)s->lines[r * t->cols + c];
        double then = (double)cell_lines(t, r, c, width);
        if (then <= now) continue;
        double other = s->other[r];
        double row = (then > other ? then : other) - (now > other ? now : other);
        added += weight(t, r) * (row + (then >= other ? TIED * (then - now) : 0));
    }
    return added;
}

/* From every column at its natural width, width taken from the column
 * where it costs the fewest lines a point, until the table fits. */
static int shrink(const bg_fit_table *t, const double *lo, const double *hi, double width,
                  double *widths)
{
    size_t cols = t->cols, rows = t->rows;
    search s;
    double used = search_start(&s, t, hi, widths);
    int status = -1;
    if (used < 0) goto done;
    double step = (used - width) / 128;
    if (step < 0.5) step = 0.5;
    while (used - width > 0.01) {
        double excess = used - width;
        size_t best = cols;
        double best_rate = 0, best_d = 0, best_cost = 0;
        for (size_t c = 0; c < cols; c++) {
            double cap = widths[c] - lo[c] < excess ? widths[c] - lo[c] : excess;
            if (cap < 0.01) continue;
            try_column(&s, c);
            for (double d = step;; d *= 2) {
                if (d > cap) d = cap;
                double added = cost(&s, c, widths[c] - d);
                double rate = added / d;
                if (best == cols || rate < best_rate - 1e-9 ||
                    (rate < best_rate + 1e-9 && d > best_d)) {
                    best = c;
                    best_rate = rate;
                    best_d = d;
                    best_cost = added;
                }
                if (d >= cap) break;
            }
        }
        if (best == cols) break; /* every column at its widest word */
        /* the most width that costs no more */
        try_column(&s, best);
        double cap = widths[best] - lo[best] < excess ? widths[best] - lo[best] : excess;
        double a = best_d, b = cap;
        if (cost(&s, best, widths[best] - b) > best_cost + 1e-9) {
            for (int i = 0; i < 12 && b - a > 0.01; i++) {
                double mid = (a + b) / 2;
                if (cost(&s, best, widths[best] - mid) <= best_cost + 1e-9)
                    a = mid;
                else
                    b = mid;
            }
            b = a;
        }
        widths[best] -= b;
        used -= b;
        for (size_t r = 0; r < rows; r++)
            s.lines[r * cols + best] = cell_lines(t, r, best, widths[best]);
    }
    status = 0;
done:
    search_free(&s);
    return status;
}

/* Both searches, each blind to moves the other sees (a row is shorter
 * only when all its tall cells are): the shorter table of the two. */
static int optimise(const bg_fit_table *t, const double *lo, const double *hi, double width,
                    double *widths)
{
    double *other = calloc(t->cols + 1, sizeof *other);
    int status = -1;
    if (other && grow(t, lo, hi, width, widths) == 0 && shrink(t, lo, hi, width, other) == 0) {
        if (bg_fit_height(t, other) <= bg_fit_height(t, widths))
            memcpy(widths, other, t->cols * sizeof *widths);
        status = 0;
    }
    free(other);
    return status;
}

int bg_fit_columns(const bg_fit_table *t, double width, double *widths)
{
    size_t cols = t->cols;
    double *lo = calloc(cols + 1, sizeof *lo), *hi = calloc(cols + 1, sizeof *hi);
    int status = -1;
    if (!lo || !hi) goto done;
    double sum_lo = 0, sum_hi = 0;
    for (size_t c = 0; c < cols; c++) {
        for (size_t r = 0; r < t->rows; r++) {
            size_t k = r * cols + c;
            double a, b;
            extent(t->segs + t->first[k], t->first[k + 1] - t->first[k], &a, &b);
            if (r > 0 && t->nowrap && t->nowrap[c]) a = b;
            if (a > lo[c]) lo[c] = a;
            if (b > hi[c]) hi[c] = b;
        }
        lo[c] += 2 * t->pad;
        hi[c] += 2 * t->pad;
        sum_lo += lo[c];
        sum_hi += hi[c];
    }
    if (sum_hi <= width) {
        /* all fit: the rest to the columns of text, not to dates */
        for (size_t c = 0; c < cols; c++)
            lo[c] = t->nowrap && t->nowrap[c] ? 0 : hi[c];
        share(hi, lo, cols, width - sum_hi, widths);
    } else if (sum_lo >= width) {
        /* the widest words do not all fit: only the columns of the widest
         * ones give way, each down to one width (the most that lets the
         * others keep their widest word whole), so that one long word (a
         * 20-letter compound in a title on A5) breaks in its own column,
         * not every header and name in the table */
        double a = 0, b = 0;
        for (size_t c = 0; c < cols; c++)
            if (lo[c] > b) b = lo[c];
        for (int k = 0; k < 60; k++) {
            double mid = (a + b) / 2, sum = 0;
            for (size_t c = 0; c < cols; c++)
                sum += lo[c] < mid ? lo[c] : mid;
            if (sum <= width)
                a = mid;
            else
                b = mid;
        }
        double sum = 0;
        size_t capped = 0;
        for (size_t c = 0; c < cols; c++) {
            widths[c] = lo[c] < a ? lo[c] : a;
            sum += widths[c];
            capped += lo[c] >= a;
        }
        for (size_t c = 0; c < cols && capped; c++) /* (what the halving left) */
            if (lo[c] >= a) widths[c] += (width - sum) / (double)capped;
    } else if (optimise(t, lo, hi, width, widths) != 0) {
        goto done;
    }
    status = 0;
done:
    free(lo);
    free(hi);
    return status;
}
