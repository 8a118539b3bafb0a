/* test_breaks.c - breaks inside lines: URLs break as The Chicago Manual of
 * Style (6.17, 14.18) says, codes at their slashes and words at an en dash
 * only as a last resort, Korean names and dates keep their spaces, a name
 * wider than the line still breaks (between its words), a paragraph avoids
 * a last line of one short word (a runt) through its demerits, and the
 * count of breaks inside Korean words counts Hangul only. */
#include <stdlib.h>

#include "harness.h"
#include "layout/items.h"
#include "textfixture.h"

static bg_textctx tc;

/* The break kind before byte AT of URL (as bg_breaks_url marks it). */
static int url_kind(const char *text, const char *at)
{
    size_t n = strlen(text);
    uint8_t *ok = calloc(n + 1, 1);
    if (!ok) return -1;
    bg_breaks_url(text, n, ok);
    const char *p = strstr(text, at);
    int kind = p ? ok[p - text] : -1;
    free(ok);
    return kind;
}

static void test_url(void)
{
    const char *u = "see https://www.example.org/a_b/c-d.html?x=1&y=2#top~z%20 now";
    size_t n = strlen(u);
    uint8_t *ok = calloc(n + 1, 1);
    CHECK(ok != NULL);
    if (!ok) return;
    bg_breaks_url(u, n, ok);
    size_t a = strlen("see "),
           e = strlen("see https://www.example.org/a_b/c-d.html?x=1&y=2#top~z%20");
    for (size_t i = 0; i <= n; i++) {
        /* every byte of the URL but its first is marked, nothing else */
        CHECK(((ok[i] & BG_URL) != 0) == (i > a && i < e));
        int kind = ok[i] & ~BG_URL;
        if (kind == BG_BREAK_NONE) continue;
        /* never a period or a hyphen left at a line end, never inside :// */
        char c = u[i - 1];
        if (c == '.' || c == '-' || (c == '/' && u[i] == '/') || (c == ':' && u[i] == '/'))
            fprintf(stderr, "bad URL break: %.*s|%s\n", (int)i, u, u + i);
        CHECK(c != '.' && c != '-');
        CHECK(!(c == '/' && u[i] == '/') && !(c == ':' && u[i] == '/'));
    }
    free(ok);
    /* after //; before / . _ - ? # ~ %; before and after = and & */
    const char *breaks[] = {"www.", ".example", ".org", "/a_b", "_b", "/c-d", "-d", ".html",
                            "?x=",  "=1",       "1&",   "&y",   "=2", "#top", "~z", "%20"};
    for (size_t k = 0; k < sizeof breaks / sizeof *breaks; k++) {
        int kind = url_kind(u, breaks[k]);
        if (kind != (BG_URL | BG_BREAK_FREE))
            fprintf(stderr, "no URL break before %s\n", breaks[k]);
        CHECK_INT(kind, BG_URL | BG_BREAK_FREE);
    }
    /* =1: the break is before the 1 (after =), not before = too when & follows */
    CHECK_INT(url_kind(u, "x=1") & ~BG_URL, BG_BREAK_NONE);
    CHECK_INT(url_kind(u, "ttps") & ~BG_URL, BG_BREAK_NONE);
    CHECK_INT(url_kind(u, "//www") & ~BG_URL, BG_BREAK_NONE);
    CHECK_INT(url_kind(u, "/www"), BG_URL | BG_BREAK_NONE);
    /* a colon not before // (a port, mailto-like): a break after it */
    CHECK_INT(url_kind("https://example.org:8080/x", "8080"), BG_URL | BG_BREAK_FREE);
    /* text without :// is left alone */
    CHECK_INT(url_kind("the page. Next", "Next"), 0);
}

static bool keep(const char *s, const char *before)
{
    return bg_breaks_keep_space(s, strlen(s), strlen(before));
}

static void test_keep_space(void)
{
    CHECK(keep("met Kim Jong-un today", "met Kim"));
    CHECK(keep("Moon Jae-in.", "Moon"));
    CHECK(keep("with Kang Kyung-wha's team", "with Kang"));
    CHECK(!keep("met Kim today", "met Kim"));
    CHECK(!keep("Kimberly Jong-un", "Kimberly"));
    CHECK(!keep("Kim jong-un", "Kim"));
    /* Korean dates */
    CHECK(keep("2019년 6월 29일에", "2019년"));
    CHECK(keep("2019년 6월 29일에", "2019년 6월"));
    CHECK(keep("회담 2019. 6. 29. 오사카", "회담 2019."));
    CHECK(keep("회담 2019. 6. 29. 오사카", "회담 2019. 6."));
    CHECK(keep("2019. 12. 1.", "2019. 12."));
    CHECK(!keep("회담 2019. 6. 29. 오사카", "회담 2019. 6. 29."));
    CHECK(!keep("in 2019. 6 members", "in 2019."));
    CHECK(!keep("see note 12. 3. Next", "see note 12."));
    CHECK(!keep("6월 회담", "6월"));
    CHECK(!keep("Kim  Jong-un", "Kim")); /* a run of spaces is no name's */
}

static void test_codes(void)
{
    const char *s = "code KR-UZ/IGC/2019-07 and Korea\xE2\x80\x93"
                    "EAEU talks on head-of-government level";
    size_t n = strlen(s);
    uint8_t *ok = calloc(n + 1, 1);
    CHECK(ok != NULL);
    if (!ok) return;
    CHECK_INT(bg_breaks_find(tc.breaker, s, n, ok), 0);
    CHECK_INT(ok[strstr(s, "IGC") - s], BG_BREAK_LAST);
    CHECK_INT(ok[strstr(s, "2019") - s], BG_BREAK_LAST);
    CHECK_INT(ok[strstr(s, "UZ") - s], BG_BREAK_NONE);
    CHECK_INT(ok[strstr(s, "EAEU") - s], BG_BREAK_LAST);
    CHECK_INT(ok[strstr(s, "government") - s], BG_BREAK_FREE);
    CHECK_INT(ok[strstr(s, "and") - s], BG_BREAK_FREE);
    free(ok);
}

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

/* Three words fill a line of 100 exactly and leave a word of 8 alone on
 * the last line; two words on the first line (stretch 1.75) avoid it. */
static void test_runt(void)
{
    item v[] = {box(30), glue(5, 20, 2), box(30), glue(5, 20, 2), box(30), glue(5, 20, 2), box(8)};
    line_range *lines;
    size_t n;
    CHECK_INT(bg_kp_break(v, 7, 100, 2, &lines, &n, NULL), 0);
    CHECK_INT(n, 2);
    if (n == 2) CHECK_INT(lines[0].end, 3); /* broken before the third word */
    free(lines);
    /* a last word of 15% of the measure or more is no runt */
    v[6] = box(16);
    CHECK_INT(bg_kp_break(v, 7, 100, 2, &lines, &n, NULL), 0);
    CHECK_INT(n, 2);
    if (n == 2) CHECK_INT(lines[0].end, 5);
    free(lines);
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

static bg_para_style style(bool justify)
{
    bg_para_style st;
    memset(&st, 0, sizeof st);
    st.role = BG_ROLE_BODY;
    st.size = 10;
    st.leading = 1.4;
    st.justify = justify;
    st.hyphenate = justify;
    return st;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* A paragraph set at every measure from 300 to 470 pt: no line runs past
 * the measure (a full line may hang a stop or hyphen into the margin, by
 * less than 0.3 em; a last line none), and lines closed up to keep a
 * paragraph from ending on a runt close up by 0.01 em a letter at most
 * (BG_TRACK_SHRINK) - some do, in the Korean text. */
static void test_closed_up(void)
{
    static const char *const texts[] = {
        "우리 정부는 대화를 통해 한반도의 완전한 비핵화와 항구적 평화를 이루는 것을 목표로 "
        "하고 있다. 유엔 안전보장이사회 상임이사국이자 북한과 국경을 맞댄 이웃인 러시아는 "
        "협상을 통한 비핵화를 지지하면서, 안전보장이 필요하다는 북한의 주장에 힘을 실어 "
        "왔다. 러시아는 2017년 7월 중국과 함께 이른바 ‘쌍중단’ 구상을 제시하기도 했다. "
        "양국 정부는 한반도 평화와 비핵화라는 목표를 공유한다는 점을 여러 차례 확인했다.",
        "Russian Foreign Minister Sergey Lavrov visited North Korea on 31 May 2018 and handed "
        "Kim Jong-un a letter from President Putin inviting him to Russia. The visit came five "
        "days after the second inter-Korean summit, as preparations went ahead for the planned "
        "US-North Korea summit.",
        "남북은 판문점 선언에서 “완전한 비핵화”를 통해 “핵 없는 한반도”를 실현한다는 목표를 "
        "공동으로 확인했다."};
    size_t over = 0, closed = 0, too_close = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        for (int w = 300; w <= 470; w++) {
            bg_para_style st = style(true);
            st.size = 10.5;
            st.leading = t == 1 ? 1.42 : 1.6;
            bg_inline run = bg_inline_plain(texts[t], 0);
            bg_set_para p;
            if (bg_para_set(&tc, &run, 1, &st, w, &p) != 0) {
                CHECK(0);
                continue;
            }
            for (size_t l = 0; l < p.line_count; l++) {
                const bg_set_line *line = &p.lines[l];
                double most = l + 1 < p.line_count ? w + 0.3 * st.size : w + 0.01;
                if (line->width > most) {
                    over++;
                    fprintf(stderr, "width %d, line %zu of %zu: %.2f past the measure: %s\n", w,
                            l + 1, p.line_count, line->width - w, line_text(&p, l));
                }
                for (size_t f = 0; f < line->frag_count; f++) {
                    closed += line->frags[f].track < 0;
                    too_close += line->frags[f].track < -0.01 * st.size - 1e-9;
                }
            }
            bg_para_release(&tc);
        }
    }
    CHECK_INT(over, 0);
    CHECK(closed > 0);
    CHECK_INT(too_close, 0);
}

/* Names joined by no-break spaces stay whole, unless one alone is wider
 * than the line: then it breaks between its words, not inside them. */
static void test_names(void)
{
    for (int justify = 0; justify < 2; justify++) {
        bg_para_style st = style(justify);
        bg_inline run =
            bg_inline_plain("Participants: Kim\xC2\xA0Young-sam, Vladimir\xC2\xA0Putin, "
                            "Kang\xC2\xA0Kyung-wha and Moon\xC2\xA0Jae-in met",
                            0);
        bg_set_para p;
        for (double w = 90; w <= 200; w += 7) {
            CHECK_INT(bg_para_set(&tc, &run, 1, &st, w, &p), 0);
            for (size_t l = 0; l < p.line_count; l++) {
                const char *t = line_text(&p, l);
                bool split = ends_with(t, "Kim") || ends_with(t, "Vladimir") ||
                             ends_with(t, "Kang") || ends_with(t, "Moon");
                if (split) fprintf(stderr, "width %.0f: name split after [%s]\n", w, t);
                CHECK(!split);
            }
            bg_para_release(&tc);
        }
        /* wider than the line: broken between its words */
        bg_inline wide = bg_inline_plain("Kim\xC2\xA0Young-sam", 0);
        double whole = bg_text_width(&tc, "Kim\xC2\xA0Young-sam", &st);
        CHECK_INT(bg_para_set(&tc, &wide, 1, &st, whole * 0.8, &p), 0);
        CHECK_INT(p.line_count, 2);
        if (p.line_count == 2) {
            CHECK_STR(line_text(&p, 0), "Kim");
            CHECK_STR(line_text(&p, 1), "Young-sam");
        }
        bg_para_release(&tc);
        /* the narrowest a table column may be holds the whole name */
        double lo, hi;
        CHECK_INT(bg_para_measure(&tc, &wide, 1, &st, &lo, &hi), 0);
        CHECK(lo > whole * 0.99);
        bg_para_release(&tc);
    }
    /* in running text a Korean family name keeps its given name */
    bg_para_style st = style(true);
    bg_inline run = bg_inline_plain("The letter from President Putin was handed to Kim Jong-un by "
                                    "the foreign minister, and Moon Jae-in welcomed it",
                                    0);
    for (double w = 120; w <= 300; w += 9) {
        bg_set_para p;
        CHECK_INT(bg_para_set(&tc, &run, 1, &st, w, &p), 0);
        for (size_t l = 0; l < p.line_count; l++) {
            const char *t = line_text(&p, l);
            CHECK(!ends_with(t, "Kim") && !ends_with(t, "Moon"));
        }
        bg_para_release(&tc);
    }
}

/* render -v's "broken inside a Korean word": a Latin code cut in the
 * emergency pass is not one; a Korean word cut between syllables is. */
static void test_korean_count(void)
{
    bg_para_style st = style(true);
    tc.stats.syllable_breaks = 0;
    /* codes a little wider than the line, among words */
    for (double w = 100; w <= 160; w += 15) {
        bg_inline code = bg_inline_plain("The reference KRUZIGC2019070012345678XYZ was filed "
                                         "with the ministry as KRUZIGC2019070012345678XYZ",
                                         0);
        bg_set_para p;
        CHECK_INT(bg_para_set(&tc, &code, 1, &st, w, &p), 0);
        bg_para_release(&tc);
    }
    CHECK_INT(tc.stats.syllable_breaks, 0);
    bg_set_para p;
    bg_inline korean = bg_inline_plain("양국은 대한민국러시아연방정상회담공동성명서를 채택했다 "
                                       "양국은 대한민국러시아연방정상회담공동성명서를 채택했다",
                                       0);
    CHECK_INT(bg_para_set(&tc, &korean, 1, &st, 110, &p), 0);
    CHECK(tc.stats.syllable_breaks > 0);
    bg_para_release(&tc);
}

int main(void)
{
    text_fixture_open(&tc);
    test_url();
    test_keep_space();
    test_codes();
    test_runt();
    test_names();
    test_closed_up();
    test_korean_count();
    text_fixture_close(&tc);
    return harness_report();
}
