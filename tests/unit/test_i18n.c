/* test_i18n.c - dates and fixed strings in English and Korean (docs/formats.md#briefs):
 * weekdays computed from the date, partial dates, spans, page labels. */
#include "harness.h"
#include "compose/i18n.h"

#define NB "\u00A0" /* dates are tied with no-break spaces */

static void test_weekdays(void)
{
    /* 0 Sunday .. 6 Saturday */
    CHECK_INT(bg_weekday((bg_date){2019, 6, 29}), 6);
    CHECK_INT(bg_weekday((bg_date){1990, 9, 30}), 0);
    CHECK_INT(bg_weekday((bg_date){2020, 9, 30}), 3);
    CHECK_INT(bg_weekday((bg_date){2000, 2, 29}), 2);
    CHECK_INT(bg_weekday((bg_date){2008, 12, 1}), 1);
}

static void test_dates(void)
{
    char buf[64];
    CHECK_STR(bg_date_text(BG_LANG_KO, (bg_date){2019, 6, 29}, buf, sizeof buf),
              "2019." NB "6." NB "29.(토)");
    CHECK_STR(bg_date_text(BG_LANG_KO, (bg_date){2020, 9, 30}, buf, sizeof buf),
              "2020." NB "9." NB "30.(수)");
    CHECK_STR(bg_date_text(BG_LANG_KO, (bg_date){2019, 6, 0}, buf, sizeof buf), "2019." NB "6.");
    CHECK_STR(bg_date_text(BG_LANG_KO, (bg_date){2019, 0, 0}, buf, sizeof buf), "2019.");
    CHECK_STR(bg_date_text_opt(BG_LANG_KO, (bg_date){2019, 6, 29}, false, buf, sizeof buf),
              "2019." NB "6." NB "29.");
    CHECK_STR(bg_date_text(BG_LANG_EN, (bg_date){2019, 6, 29}, buf, sizeof buf),
              "29" NB "June" NB "2019");
    CHECK_STR(bg_date_text(BG_LANG_EN, (bg_date){2019, 6, 0}, buf, sizeof buf), "June" NB "2019");
    CHECK_STR(bg_date_text(BG_LANG_EN, (bg_date){1990, 0, 0}, buf, sizeof buf), "1990");
}

static void test_spans(void)
{
    char buf[96];
    CHECK_STR(
        bg_span_text(BG_LANG_EN, (bg_date){2019, 6, 28}, (bg_date){2019, 6, 29}, buf, sizeof buf),
        "28–29" NB "June" NB "2019");
    CHECK_STR(
        bg_span_text(BG_LANG_EN, (bg_date){2019, 6, 30}, (bg_date){2019, 7, 2}, buf, sizeof buf),
        "30" NB "June – 2" NB "July" NB "2019");
    CHECK_STR(
        bg_span_text(BG_LANG_KO, (bg_date){2019, 6, 28}, (bg_date){2019, 6, 29}, buf, sizeof buf),
        "2019." NB "6." NB "28.~29.");
    /* one mark for Korean ranges: a tilde, no spaces (the cover's too) */
    CHECK_STR(
        bg_span_text(BG_LANG_KO, (bg_date){1992, 0, 0}, (bg_date){2024, 0, 0}, buf, sizeof buf),
        "1992.~2024.");
    CHECK_STR(
        bg_range_text(BG_LANG_KO, 3, (bg_date){1992, 0, 0}, (bg_date){2024, 0, 0}, buf, sizeof buf),
        "사건 3건, 1992.~2024.");
    CHECK_STR(
        bg_range_text(BG_LANG_EN, 3, (bg_date){1992, 0, 0}, (bg_date){2024, 0, 0}, buf, sizeof buf),
        "3 events, 1992 – 2024");
    /* one day is no range (a one-event brief's cover) */
    CHECK_STR(bg_range_text(BG_LANG_EN, 1, (bg_date){1994, 11, 26}, (bg_date){1994, 11, 26}, buf,
                            sizeof buf),
              "1 event, 26" NB "November" NB "1994");
    CHECK_STR(bg_range_text(BG_LANG_KO, 1, (bg_date){1994, 11, 26}, (bg_date){1994, 11, 26}, buf,
                            sizeof buf),
              "사건 1건, 1994." NB "11." NB "26.");
    /* across months of one year the year once, as in English */
    CHECK_STR(
        bg_span_text(BG_LANG_KO, (bg_date){2018, 5, 30}, (bg_date){2018, 6, 2}, buf, sizeof buf),
        "2018." NB "5." NB "30.~6. 2.");
}

static void test_sentences(void)
{
    CHECK_INT(bg_ends_sentence("A meeting in Jeju?"), 1);
    CHECK_INT(bg_ends_sentence("Talks, again!"), 1);
    CHECK_INT(bg_ends_sentence("Kim Jong-un’s visit…"), 1);
    CHECK_INT(bg_ends_sentence("The \"freeze.\""), 1);
    CHECK_INT(bg_ends_sentence("Summit (part 2.)"), 1);
    CHECK_INT(bg_ends_sentence("정상회담인가？"), 1);
    CHECK_INT(bg_ends_sentence("Summit in Osaka"), 0);
    CHECK_INT(bg_ends_sentence("G20 \"summit\""), 0);
    CHECK_INT(bg_ends_sentence(""), 0);
    CHECK_INT(bg_ends_sentence(NULL), 0);
}

static void test_strings(void)
{
    char buf[64];
    CHECK_STR(bg_page_text(BG_LANG_EN, 3, 12, buf, sizeof buf), "Page 3 of 12");
    CHECK_STR(bg_page_text(BG_LANG_KO, 3, 12, buf, sizeof buf), "3 / 12");
    CHECK_STR(bg_page_ref_text(BG_LANG_EN, 4, buf, sizeof buf), "p.\u00A04");
    CHECK_STR(bg_page_ref_text(BG_LANG_KO, 4, buf, sizeof buf), "4쪽");
    CHECK_STR(bg_string(BG_LANG_KO, BG_STR_CONTENTS), "목차");
    CHECK_STR(bg_string(BG_LANG_KO, BG_STR_SUMMARY), "요약");
    CHECK_STR(bg_string(BG_LANG_KO, BG_STR_TALKING_POINTS), "말씀자료");
    CHECK_STR(bg_string(BG_LANG_KO, BG_STR_CHRONOLOGY), "주요 일지");
    CHECK_STR(bg_string(BG_LANG_KO, BG_STR_ANNEX), "부록");
    CHECK_STR(bg_string(BG_LANG_KO, BG_STR_SOURCES), "출처");
    CHECK_STR(bg_kind_label(BG_LANG_KO, BG_KIND_PHONE_CALL), "전화통화");
    bg_arena a = {0};
    CHECK_STR(bg_smart_quotes(&a, "the \"dual freeze\" and Korea's"),
              "the “dual freeze” and Korea’s");
    bg_arena_free(&a);
}

int main(void)
{
    test_sentences();
    test_weekdays();
    test_dates();
    test_spans();
    test_strings();
    return harness_report();
}
