/* test_linebreak.c - the total-fit breaker (Knuth-Plass 1981) on fixed
 * paragraphs, its emergency pass, Korean keep-all and syllable penalties,
 * and English hyphenation points. */
#include <stdlib.h>

#include "harness.h"
#include "layout/items.h"
#include "textfixture.h"

static bg_textctx tc;

static item box(double w)
{
    item x;
    memset(&x, 0, sizeof x);
    x.kind = IT_BOX;
    x.width = w;
    return x;
}

static item glue(double w, double stretch, double shrink)
{
    item x;
    memset(&x, 0, sizeof x);
    x.kind = IT_GLUE;
    x.width = w;
    x.stretch = stretch;
    x.shrink = shrink;
    return x;
}

/* Boxes of 10 with glue 4 (+2 -1) between, in lines 24 wide. */
static void test_kp_exact(void)
{
    item v[] = {box(10), glue(4, 2, 1), box(10), glue(4, 2, 1), box(10)};
    line_range *lines;
    size_t n;
    double demerits;
    CHECK_INT(bg_kp_break(v, 5, 24, 2, &lines, &n, &demerits), 0);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(lines[0].first, 0);
        CHECK_INT(lines[0].end, 3); /* broken at the second glue */
        CHECK(lines[0].ratio == 0);
        CHECK_INT(lines[1].first, 4);
        CHECK(lines[1].last);
    }
    /* two lines of ratio 0: (10 + 0)^2 each */
    CHECK(demerits > 199.9 && demerits < 200.1);
    free(lines);
}

/* Total fit beats first fit: greedy would fill line 1 and leave line 2 loose. */
static void test_kp_total_fit(void)
{
    /* widths 30 30 10 20 in a 62 measure: first fit takes 30 30 (ratio
     * 0.4 stretch needed on one glue...); total fit balances the lines */
    item v[] = {box(30),       glue(2, 4, 1), box(30),       glue(2, 4, 1), box(10),
                glue(2, 4, 1), box(20),       glue(2, 4, 1), box(28)};
    line_range *lines;
    size_t n;
    double demerits;
    CHECK_INT(bg_kp_break(v, 9, 62, 10, &lines, &n, &demerits), 0);
    CHECK_INT(n, 2);
    /* every line but the last within its stretch and shrink */
    for (size_t l = 0; l + 1 < n; l++)
        CHECK(lines[l].ratio >= -1 && lines[l].ratio <= 10);
    free(lines);
}

static void test_kp_infeasible(void)
{
    item v[] = {box(50), glue(2, 1, 1), box(50)};
    line_range *lines;
    size_t n;
    CHECK_INT(bg_kp_break(v, 3, 40, 10, &lines, &n, NULL), 1);
}

static bg_para_style body(bool justify)
{
    bg_para_style st = {BG_ROLE_BODY, 0, 10, 1.4, 0, 0, justify, 0.9, justify};
    return st;
}

static void test_paragraph_justified(void)
{
    const char *text =
        "The two presidents had in-depth discussions on how to work together for "
        "denuclearization and the settlement of peace on the Korean Peninsula as well as how "
        "to promote substantive collaboration between Korea and Russia in such areas as an "
        "FTA in the service and investment sectors and the Nine Bridges initiative.";
    bg_inline run = bg_inline_plain(text, 0);
    bg_para_style st = body(true);
    bg_set_para p;
    CHECK_INT(bg_para_set(&tc, &run, 1, &st, 320, &p), 0);
    CHECK(p.line_count >= 4);
    for (size_t l = 0; l < p.line_count; l++) {
        CHECK(p.lines[l].width <= 320.01);                          /* never overfull */
        if (l + 1 < p.line_count) CHECK(p.lines[l].width > 199.99); /* flush right */
    }
    bg_para_release(&tc);
}

static void test_emergency(void)
{
    bg_inline run = bg_inline_plain(
        "A Pneumonoultramicroscopicsilicovolcanoconiosis-like string far wider than the line", 0);
    bg_para_style st = body(true);
    bg_set_para p;
    CHECK_INT(bg_para_set(&tc, &run, 1, &st, 60, &p), 0);
    for (size_t l = 0; l < p.line_count; l++)
        CHECK(p.lines[l].width <= 60.01);
    bg_para_release(&tc);
}

/* The text of line L of P. */
static char *line_text(const bg_set_para *p, size_t l)
{
    static char buf[512];
    size_t n = 0;
    for (size_t f = 0; f < p->lines[l].frag_count; f++) {
        const bg_frag *fr = &p->lines[l].frags[f];
        if (n + fr->len + 1 < sizeof buf) {
            memcpy(buf + n, fr->text, fr->len);
            n += fr->len;
        }
    }
    buf[n] = '\0';
    return buf;
}

static void test_korean(void)
{
    /* keep-all: Korean words (eojeol) break at spaces only */
    bg_inline run = bg_inline_plain("한국과 러시아는 정상회담에서 비핵화와 경제협력을 논의했다 "
                                    "양국은 교역과 투자를 늘리기로 합의했다",
                                    0);
    bg_para_style st = body(true);
    bg_set_para p;
    CHECK_INT(bg_para_set(&tc, &run, 1, &st, 320, &p), 0);
    CHECK(p.line_count >= 2);
    const char *words[] = {"한국과",     "러시아는", "정상회담에서", "비핵화와",
                           "경제협력을", "논의했다", "양국은",       "교역과",
                           "투자를",     "늘리기로", "합의했다"};
    for (size_t l = 0; l < p.line_count; l++) {
        const char *t = line_text(&p, l);
        /* each line ends with a whole word */
        int whole = 0;
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
            size_t tl = strlen(t), wl = strlen(words[w]);
            if (tl >= wl && strcmp(t + tl - wl, words[w]) == 0) whole = 1;
        }
        if (!whole || getenv("DEBUG_LINES"))
            fprintf(stderr, "line %zu: [%s] %.2f\n", l, t, p.lines[l].width);
        CHECK(whole);
        CHECK(p.lines[l].width <= 320.01);
    }
    bg_para_release(&tc);
    /* a word longer than the line breaks between syllables, never overflows */
    bg_inline long_word = bg_inline_plain("대한민국러시아연방정상회담공동성명", 0);
    CHECK_INT(bg_para_set(&tc, &long_word, 1, &st, 60, &p), 0);
    CHECK(p.line_count >= 2);
    for (size_t l = 0; l < p.line_count; l++)
        CHECK(p.lines[l].width <= 60.01);
    bg_para_release(&tc);
}

static void test_hyphenation(void)
{
    struct {
        const char *word, *expected;
    } cases[] = {{"hyphenation", "hy-phen-ation"},    {"negotiation", "ne-go-ti-a-tion"},
                 {"presidential", "pres-i-den-tial"}, {"international", "in-ter-na-tional"},
                 {"development", "de-vel-op-ment"},   {"cooperation", "co-op-er-a-tion"},
                 {"typesetting", "type-set-ting"},    {"table", "table"},
                 {"Peninsula", "Penin-sula"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t points[64];
        size_t n = strlen(cases[i].word);
        bg_hyphenate(tc.hyphenator, cases[i].word, n, points);
        char out[128];
        size_t o = 0;
        for (size_t k = 0; k < n; k++) {
            out[o++] = cases[i].word[k];
            if (points[k]) out[o++] = '-';
        }
        out[o] = '\0';
        CHECK_STR(out, cases[i].expected);
    }
    /* a short word and a word with digits are never hyphenated */
    uint8_t points[64];
    CHECK_INT(bg_hyphenate(tc.hyphenator, "treaty", 6, points), 0);
    CHECK_INT(bg_hyphenate(tc.hyphenator, "G20summit", 9, points), 0);
}

int main(void)
{
    text_fixture_open(&tc);
    test_kp_exact();
    test_kp_total_fit();
    test_kp_infeasible();
    test_paragraph_justified();
    test_emergency();
    test_korean();
    test_hyphenation();
    text_fixture_close(&tc);
    return harness_report();
}
