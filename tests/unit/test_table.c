/* test_table.c - column widths from the content (README, "Typesetting"): each column
 * at least its widest unbreakable word, the widths chosen to make the table
 * as short as they can (layout/colwidth.h). */
#include <stdlib.h>

#include "harness.h"
#include "layout/colwidth.h"
#include "layout/table.h"
#include "textfixture.h"

/* the padding either side of a cell's text (PAD_X in layout/table.c): a
 * column's natural width is its text's plus twice this */
#define PAD_X 4.0

static bg_flow flow;
static bg_textctx tc;
static bg_arena arena;

static void setup(void)
{
    text_fixture_open(&tc);
    memset(&flow, 0, sizeof flow);
    flow.tc = &tc;
    flow.arena = &arena;
    bg_para_style small = {BG_ROLE_BODY, 0, 9, 1.3, 0, 0, false, 0.9, false};
    flow.small = small;
}

static bg_cell cell(const char *text)
{
    bg_cell c;
    c.runs = bg_arena_alloc(&arena, sizeof *c.runs);
    c.runs[0] = bg_inline_plain(text, 0);
    c.count = 1;
    return c;
}

/* Widths for one row of cells and headers "a", "b", ... in WIDTH. */
static void widths_of(const char *const *texts, size_t cols, double width, double *out)
{
    bg_table t;
    memset(&t, 0, sizeof t);
    static const char *const headers[] = {"a", "b", "c", "d"};
    t.cols = cols;
    t.rows = 1;
    t.headers = (const char **)headers;
    t.cells = bg_arena_alloc(&arena, cols * sizeof *t.cells);
    bool bold = false;
    t.bold = &bold;
    for (size_t c = 0; c < cols; c++)
        t.cells[c] = cell(texts[c]);
    bg_table_widths(&flow, &t, width, out);
}

static double text_width(const char *text)
{
    bg_para_style st = flow.small;
    return bg_text_width(&tc, text, &st);
}

/* The width of the widest space-separated word of TEXT. */
static double widest_word(const char *text)
{
    double widest = 0;
    char word[64];
    while (*text) {
        size_t n = strcspn(text, " ");
        if (n > 0 && n < sizeof word) {
            memcpy(word, text, n);
            word[n] = '\0';
            double ww = text_width(word);
            if (ww > widest) widest = ww;
        }
        text += n;
        text += strspn(text, " ");
    }
    return widest;
}

/* A cell of the chooser's own: words of the given widths, GLUE apart. */
static size_t put_words(bg_fit_seg *segs, size_t at, const float *words, size_t n, float glue)
{
    for (size_t i = 0; i < n; i++)
        segs[at + i] = (bg_fit_seg){i ? glue : 0, words[i], false};
    return at + n;
}

/* The chooser on a table of its own: a date column that never wraps, an
 * event column with short titles and one long one, and a place that fits
 * on one line only when its column has its natural width (129). Sharing
 * the width in proportion to what columns lack (the automatic layout of
 * CSS) wraps every place; the least height wraps only the long title. */
static void chooser(void)
{
    enum { ROWS = 7, COLS = 3 };
    bg_fit_seg segs[256];
    size_t first[ROWS * COLS + 1], n = 0;
    static const float date[] = {80}, head[] = {20}, title[] = {40, 40};
    static const float long_title[] = {30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
    static const float place[] = {30, 45, 12, 30};
    for (size_t r = 0; r < ROWS; r++) {
        first[r * COLS] = n;
        n = put_words(segs, n, r ? date : head, 1, 4);
        first[r * COLS + 1] = n;
        n = r == 0   ? put_words(segs, n, head, 1, 4)
            : r == 3 ? put_words(segs, n, long_title, 10, 5)
                     : put_words(segs, n, title, 2, 5);
        first[r * COLS + 2] = n;
        n = r ? put_words(segs, n, place, 4, 4) : put_words(segs, n, head, 1, 4);
    }
    first[ROWS * COLS] = n;
    bool nowrap[COLS] = {true, false, false};
    bg_fit_table t = {COLS, ROWS, segs, first, nowrap, 0, 1};
    double w[COLS];
    CHECK(bg_fit_columns(&t, 300, w) == 0);
    CHECK(w[0] + w[1] + w[2] > 299.9 && w[0] + w[1] + w[2] < 300.1);
    CHECK(w[0] >= 80 && w[1] >= 40 && w[2] >= 45);
    CHECK(w[2] >= 129);                /* no place wraps */
    CHECK(bg_fit_height(&t, w) <= 11); /* 1 + 5 rows of one line + 5 */
    double css[COLS] = {80, 40 + 305 * (135.0 / 389), 45 + 84 * (135.0 / 389)};
    CHECK(bg_fit_height(&t, css) >= 14); /* what sharing by natural widths gave */
    /* first fit: words and the spaces between them */
    CHECK_INT(bg_fit_lines(segs + first[3 * COLS + 1], 10, 65), 5);
    CHECK_INT(bg_fit_lines(segs + first[3 * COLS + 1], 10, 64.9), 10);
    CHECK_INT(bg_fit_lines(segs, 0, 10), 1);
}

int main(void)
{
    setup();
    chooser();
    double w[4];
    /* everything fits: natural widths, the rest shared in proportion */
    const char *short_cells[] = {"2019", "Summit"};
    widths_of(short_cells, 2, 400, w);
    CHECK(w[0] > text_width("2019"));
    CHECK(w[1] > text_width("Summit"));
    CHECK(w[0] + w[1] > 399.9 && w[0] + w[1] < 400.1);
    CHECK(w[1] > w[0]);
    /* too little room: each column at least its widest word */
    const char *long_cells[] = {"Interdependence", "a b c d e f g h i j k l m n o p q r s t u v w "
                                                   "x y z a b c d e f g h i j k l"};
    widths_of(long_cells, 2, 200, w);
    CHECK(w[0] >= text_width("Interdependence"));
    CHECK(w[0] <= text_width(long_cells[0]) + 2 * PAD_X);
    CHECK(w[0] + w[1] > 199.9 && w[0] + w[1] < 200.1);
    CHECK(w[1] >= widest_word(long_cells[1]));
    CHECK(w[1] < text_width(long_cells[1]));
    /* more columns than rows, each column short of its natural width */
    const char *four[] = {"Interdependence and more", "a b c d e f g h i j k l m n o p",
                          "q r s t u", "v w x y z"};
    widths_of(four, 4, 200, w);
    CHECK(w[0] + w[1] + w[2] + w[3] > 199.9 && w[0] + w[1] + w[2] + w[3] < 200.1);
    CHECK(w[0] >= text_width("Interdependence"));
    /* far too little room: the widest words give way, down to one width,
     * and the total still fits */
    const char *words[] = {"Interdependence", "Counterbalancing"};
    widths_of(words, 2, 50, w);
    CHECK(w[0] + w[1] > 49.9 && w[0] + w[1] < 50.1);
    CHECK(w[1] >= w[0] - 0.01);
    /* one long word among short ones: only its column gives way, the
     * others keep their widest word whole (a 20-letter compound in a
     * chronology title on A5 broke every header) */
    const char *mixed[] = {"Kind", "Internationalization", "Years", "Place"};
    double room = text_width("Kind") + text_width("Years") + text_width("Place") +
                  text_width("Internationalization") / 2 + 8 * PAD_X;
    widths_of(mixed, 4, room, w);
    CHECK(w[0] + w[1] + w[2] + w[3] > room - 0.1 && w[0] + w[1] + w[2] + w[3] < room + 0.1);
    CHECK(w[0] >= text_width("Kind") + 2 * PAD_X - 0.01); /* (with the cell's padding) */
    CHECK(w[2] >= text_width("Years") + 2 * PAD_X - 0.01);
    CHECK(w[3] >= text_width("Place") + 2 * PAD_X - 0.01);
    CHECK(w[1] < text_width("Internationalization"));
    /* a Korean word (eojeol) is unbreakable too: with room for every
     * column's widest word but not for the natural widths, the Korean
     * column keeps its widest eojeol whole (were it measured by syllables,
     * the column would get less than that here) and stays within its
     * natural width, and the columns share out the whole width */
    const char *ko[] = {"정상회담에서 합의했다", long_cells[1]};
    widths_of(ko, 2, 120, w);
    CHECK(w[0] >= text_width("정상회담에서"));
    CHECK(w[0] <= text_width(ko[0]) + 2 * PAD_X);
    CHECK(w[1] >= widest_word(ko[1]));
    CHECK(w[1] <= text_width(ko[1]) + 2 * PAD_X);
    CHECK(w[0] + w[1] > 119.9 && w[0] + w[1] < 120.1);
    bg_arena_free(&arena);
    text_fixture_close(&tc);
    return harness_report();
}
