/* test_linebreak.c - the total-fit breaker (Knuth-Plass 1981) on fixed
 * paragraphs, its emergency pass, Korean keep-all and syllable penalties,
 * English hyphenation points, long unbreakable runs cut line by line,
 * paragraphs set window by window, and the pages' packed runs. */
#include <math.h>
#include <stdlib.h>

#include "harness.h"
#include "layout/flow.h"
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

/* A runt the demerits prefer: 17 words of 10 in lines 94 wide set 8, 8
 * and a last line of one word (10, under 15% of 94) at ratio 0. Within a
 * tolerance of 1.5 the only set without it hyphenates the 16th word at a
 * penalty of 1000, dearer than the runt: bg_kp_break takes the runt,
 * bg_kp_break_only with BG_KP_NO_RUNT the other set. BG_KP_NO_COSTLY never
 * breaks at a penalty that is no hyphenation point. */
static void test_kp_no_runt(void)
{
    item v[40];
    size_t n = 0;
    for (int w = 0; w < 17; w++) {
        if (w) v[n++] = glue(2, 1, 1);
        if (w == 15) {
            v[n++] = box(5);
            memset(&v[n], 0, sizeof v[n]);
            v[n].kind = IT_PENALTY;
            v[n].penalty = 1000;
            v[n].flagged = true;
            v[n++].width = 1;
            v[n++] = box(5);
        } else {
            v[n++] = box(10);
        }
    }
    line_range *lines;
    size_t count;
    CHECK_INT(bg_kp_break(v, n, 94, 1.5, &lines, &count, NULL), 0);
    CHECK_INT(count, 3);
    if (count == 3) CHECK_INT(lines[2].first, n - 1); /* one word */
    free(lines);
    CHECK_INT(bg_kp_break_only(v, n, 94, 1.5, BG_KP_NO_RUNT, &lines, &count), 0);
    CHECK_INT(count, 3);
    if (count == 3) {
        CHECK(lines[1].hyphen);
        CHECK(lines[2].first < n - 1);
    }
    free(lines);

    item w[] = {box(50), {0}, box(50)};
    w[1].kind = IT_PENALTY;
    w[1].penalty = 1000;
    CHECK_INT(bg_kp_break_only(w, 3, 50, 2, BG_KP_NO_COSTLY, &lines, &count), 1);
    CHECK_INT(bg_kp_break_only(w, 3, 50, 2, 0, &lines, &count), 0);
    CHECK_INT(count, 2);
    free(lines);
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
        CHECK(p.lines[l].width <= 320 + 3); /* never overfull (a final hyphen or stop hangs) */
        if (l + 1 < p.line_count) CHECK(p.lines[l].width > 199.99); /* flush right */
    }
    bg_para_release(&tc);
}

/* bg_text_width keeps its answers for short texts: a text measured again
 * in another style, size or variant gets that style's width, not the one
 * kept; a text measured again in the same style gets the same width. */
static void test_text_width_memo(void)
{
    bg_para_style st = body(false);
    double small = bg_text_width(&tc, "p. 12", &st);
    st.size *= 2;
    double large = bg_text_width(&tc, "p. 12", &st);
    st.size /= 2;
    st.variant = BG_VAR_BOLD;
    double bold = bg_text_width(&tc, "p. 12", &st);
    st.variant = 0;
    double again = bg_text_width(&tc, "p. 12", &st);
    double other = bg_text_width(&tc, "p. 13", &st);
    CHECK(small > 0);
    CHECK(large > 1.99 * small && large < 2.01 * small);
    CHECK(bold != small);
    CHECK(again == small);
    CHECK(other > 0);
    /* a long text (not kept) measures as its pieces do */
    char text[200];
    memset(text, 'a', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    double a = bg_text_width(&tc, "a", &st);
    CHECK(fabs(bg_text_width(&tc, text, &st) - 199 * a) < 0.5);
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

/* A paragraph that no set fits within the body's limit unless its last
 * word is hyphenated (never in the first passes) takes that set: over a
 * sweep of measures some end on a piece of the last word, and every such
 * set keeps its lines within a stretch ratio of 2. */
static void test_last_word(void)
{
    bg_inline run =
        bg_inline_plain("Seoul examined the peace process across the region for forward-looking "
                        "denuclearization.",
                        0);
    bg_para_style st = body(true);
    int pieces = 0;
    for (double w = 150; w <= 450; w += 0.5) {
        tc.stats.worst_ratio = 0;
        bg_set_para p;
        if (bg_para_set(&tc, &run, 1, &st, w, &p) != 0 || p.line_count < 2) {
            bg_para_release(&tc);
            continue;
        }
        /* the last line's text: a piece of the last word */
        const bg_set_line *last = &p.lines[p.line_count - 1];
        char text[64];
        size_t n = 0;
        for (size_t f = 0; f < last->frag_count && n + last->frags[f].len < sizeof text; f++) {
            memcpy(text + n, last->frags[f].text, last->frags[f].len);
            n += last->frags[f].len;
        }
        text[n] = '\0';
        const char *word = "denuclearization.";
        if (n > 0 && n < strlen(word) && !strcmp(word + strlen(word) - n, text)) {
            pieces++;
            CHECK(tc.stats.worst_ratio <= BG_BODY_STRETCH + 1e-9);
        }
        bg_para_release(&tc);
    }
    CHECK(pieces > 0);
}

/* A line the breaker can only set looser than the body's limit (words,
 * then one that cannot break and barely fits a line alone) keeps its
 * spaces at the limit and is letter-spaced (BG_TRACK_MAX em at most, the
 * same on every frag); over a sweep of measures, every justified line is
 * flush at the measure, its frags one after the other, its spaces within
 * the limit unless the letter-spacing is at its most, and letter-spaced
 * only where its spaces are at the limit. */
static void test_tracking(void)
{
    bg_inline run = bg_inline_plain("one two three four five six 1234567890123456789012345", 0);
    bg_para_style st = body(true);
    double space = bg_text_width(&tc, "a b", &st) - bg_text_width(&tc, "ab", &st);
    double most = BG_TRACK_MAX * st.size;
    int tracked = 0;
    for (double w = 120; w <= 260; w += 0.5) {
        bg_set_para p;
        if (bg_para_set(&tc, &run, 1, &st, w, &p) != 0) {
            bg_para_release(&tc);
            continue;
        }
        for (size_t l = 0; l + 1 < p.line_count; l++) {
            const bg_set_line *line = &p.lines[l];
            if (line->frag_count < 2) continue;
            double track = line->frags[0].track;
            CHECK(track >= 0 && track <= most + 1e-9);
            CHECK(fabs(line->width - w) < 1e-6);
            double ratio = 0;
            for (size_t f = 0; f + 1 < line->frag_count; f++) {
                const bg_frag *a = &line->frags[f], *b = &line->frags[f + 1];
                CHECK(b->track == track);
                double gap = b->x - (a->x + a->width);
                CHECK(gap > -1e-9);
                /* an interword space: its width, and half of it to stretch */
                double r = (gap / space - 1) * 2;
                if (r > ratio) ratio = r;
            }
            if (track < most) CHECK(ratio <= BG_BODY_STRETCH + 1e-3);
            if (track > 0) {
                tracked++;
                CHECK(ratio >= BG_BODY_STRETCH - 1e-3);
            }
        }
        bg_para_release(&tc);
    }
    CHECK(tracked > 0);
}

/* The bytes of all the frags of P's lines, in order, into OUT (CAP). */
static size_t frags_text(const bg_set_para *p, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t l = 0; l < p->line_count; l++)
        for (size_t f = 0; f < p->lines[l].frag_count; f++) {
            const bg_frag *fr = &p->lines[l].frags[f];
            if (n + fr->len <= cap) memcpy(out + n, fr->text, fr->len);
            n += fr->len;
        }
    return n;
}

/* A run with no break opportunity, ragged: each line is the longest head of
 * what is left whose own shaping fits the measure (cut by the advances of
 * one shaping, then checked), kerned pairs included, and nothing is lost. */
static void test_long_run(void)
{
    enum { LEN = 6000 };
    static char text[LEN + 1], got[LEN + 64];
    const char *pattern = "AVATAVWAVaToTeVoWaYoLTPaFAr.";
    for (size_t i = 0; i < LEN; i++)
        text[i] = pattern[i % strlen(pattern)];
    bg_inline run = bg_inline_plain(text, 0);
    bg_para_style st = body(false);
    double width = 150;
    bg_set_para p;
    CHECK_INT(bg_para_set(&tc, &run, 1, &st, width, &p), 0);
    CHECK(p.line_count > 20);
    CHECK_INT(frags_text(&p, got, sizeof got), LEN);
    CHECK(memcmp(got, text, LEN) == 0);
    size_t at = 0;
    for (size_t l = 0; l < p.line_count; l++) {
        const bg_frag *fr = &p.lines[l].frags[0];
        CHECK_INT(p.lines[l].frag_count, 1);
        CHECK(p.lines[l].width <= width + 0.01);
        /* the head one character longer would not fit */
        if (l + 1 < p.line_count) {
            double longer =
                bg_shape_width(tc.fonts, fr->font.face, text + at, fr->len + 1) * st.size;
            CHECK(longer > width);
        }
        at += fr->len;
    }
    bg_para_release(&tc);
}

/* A paragraph under 32 KiB is set in one piece: its stream gives the lines
 * of bg_para_set. One longer is set window by window, every word kept,
 * every line within the measure. */
static void test_windows(void)
{
    enum { WORDS = 12000 };
    static char text[WORDS * 12], got[WORDS * 12];
    const char *words[] = {"the",   "delegations", "agreed", "to",      "expand",
                           "wider", "cooperation", "in",     "energy.", "railways"};
    for (size_t pass = 0; pass < 2; pass++) {
        size_t count = pass == 0 ? 300 : WORDS, n = 0;
        for (size_t w = 0; w < count; w++)
            n += (size_t)sprintf(text + n, "%s%s", w ? " " : "", words[w % 10]);
        bg_inline run = bg_inline_plain(text, 0);
        bg_para_style st = body(true);
        bg_set_para whole;
        CHECK_INT(bg_para_set(&tc, &run, 1, &st, 300, &whole), 0);
        size_t whole_lines = whole.line_count;
        double first_width = whole.lines[0].width;
        bg_para_release(&tc);
        bg_para_stream *ps = bg_para_open(&tc, &run, 1, &st, 300);
        CHECK(ps != NULL);
        size_t lines = 0, windows = 0, letters = 0, want = 0;
        bool more = ps != NULL;
        while (more) {
            bg_set_para part;
            CHECK_INT(bg_para_next(ps, &part, &more), 0);
            if (lines == 0 && part.line_count) CHECK(part.lines[0].width == first_width);
            for (size_t l = 0; l < part.line_count; l++)
                CHECK(part.lines[l].width <= 300 + 3); /* (a hanging stop protrudes) */
            size_t len = frags_text(&part, got, sizeof got);
            for (size_t i = 0; i < len && i < sizeof got; i++)
                letters += got[i] != ' ' && got[i] != '-';
            lines += part.line_count;
            windows++;
            bg_para_release(&tc);
        }
        bg_para_close(ps);
        for (size_t i = 0; i < n; i++)
            want += text[i] != ' ';
        CHECK_INT(letters, want);
        if (pass == 0) {
            CHECK_INT(windows, 1);
            CHECK_INT(lines, whole_lines);
        } else {
            CHECK(windows > 2);
            CHECK(lines > whole_lines * 9 / 10 && lines < whole_lines * 11 / 10);
        }
    }
}

/* A page keeps its runs packed: read back, they are the runs added (their
 * letter-spacing too, beside a faked bold or alone), and their kerning is
 * that of each piece shaped alone. */
static void test_packed_runs(void)
{
    bg_page page;
    memset(&page, 0, sizeof page);
    bg_font_ref font = bg_fonts_lookup(tc.fonts, BG_ROLE_BODY, 0, 'A');
    /* "AV" "To" and two spaces, measured as three pieces */
    const uint8_t pieces[] = {2 * 2, 2 * 2 + 1, 2 * 2};
    bg_run in[5] = {
        {10, 20, 10, 30, font.face, 0, 0, 0x112233, "AV  To", 6, pieces, sizeof pieces, 0, false,
         0},
        {45.5, 20, 10, 12, font.face, 1, 0, 0x112233, "Kim", 3, NULL, 0, 4, true, 0.1234},
        {60, 20, 10, 12, font.face, 1, 0, 0x112233, "Jong", 4, NULL, 0, 4, false, 0.2},
        {70, 20, 10, 12, font.face, 1, 0, 0x112233, "un", 2, NULL, 0, 4, false, 0},
        {5, 40, 9, 8, font.face, 0, 1, 0, "x", 1, NULL, 0, BG_PAGINATION, false, 0},
    };
    for (int i = 0; i < 5; i++)
        CHECK_INT(bg_page_add_run(&page, &in[i]), 0);
    CHECK_INT(page.run_count, 5);
    bg_run out;
    memset(&out, 0, sizeof out);
    size_t pos = 0;
    for (int i = 0; i < 5; i++) {
        CHECK(bg_page_next_run(&page, &pos, &out));
        CHECK(out.x == in[i].x && out.y == in[i].y && out.size == in[i].size &&
              out.width == in[i].width && out.face == in[i].face &&
              out.fake_bold == in[i].fake_bold && out.fake_italic == in[i].fake_italic &&
              out.color == in[i].color && out.len == in[i].len && out.elem == in[i].elem &&
              out.joined == in[i].joined && out.track == in[i].track);
        CHECK(memcmp(out.text, in[i].text, in[i].len) == 0);
        float got[8], want[8];
        bg_run_adjustments(tc.fonts, &out, got);
        if (i == 0) {
            bg_shape_adjustments(tc.fonts, font.face, "AV", 2, want);
            bg_shape_adjustments(tc.fonts, font.face, " ", 1, want + 2);
            want[3] = want[2];
            bg_shape_adjustments(tc.fonts, font.face, "To", 2, want + 4);
        } else {
            bg_shape_adjustments(tc.fonts, font.face, in[i].text, in[i].len, want);
        }
        CHECK(memcmp(got, want, in[i].len * sizeof *got) == 0);
    }
    CHECK(!bg_page_next_run(&page, &pos, &out));
    bg_page_release_runs(&page);
}

int main(void)
{
    text_fixture_open(&tc);
    test_kp_exact();
    test_kp_total_fit();
    test_kp_infeasible();
    test_tracking();
    test_kp_no_runt();
    test_paragraph_justified();
    test_text_width_memo();
    test_emergency();
    test_korean();
    test_hyphenation();
    test_last_word();
    test_long_run();
    test_windows();
    test_packed_runs();
    text_fixture_close(&tc);
    return harness_report();
}
