/* test_table.c - column widths from the content (README, "Typesetting"): each column
 * between its widest unbreakable word and its natural width. */
#include <stdlib.h>

#include "harness.h"
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

int main(void)
{
    setup();
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
    /* far too little room: words shrink alike, the total still fits */
    const char *words[] = {"Interdependence", "Counterbalancing"};
    widths_of(words, 2, 50, w);
    CHECK(w[0] + w[1] > 49.9 && w[0] + w[1] < 50.1);
    CHECK(w[1] > w[0]);
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
