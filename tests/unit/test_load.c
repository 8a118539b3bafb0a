/* test_load.c - dates, UTF-8 repair and the three loaders. */
#include <stdlib.h>

#include "load/load.h"
#include "base/util.h"
#include "harness.h"

static void test_dates(void)
{
    bg_date d;
    CHECK_INT(bg_date_parse("2019-06-29", &d), 0);
    CHECK(d.year == 2019 && d.month == 6 && d.day == 29);
    CHECK_INT(bg_date_parse("2019-06", &d), 0);
    CHECK(d.month == 6 && d.day == 0);
    CHECK_INT(bg_date_parse("1990", &d), 0);
    CHECK(d.year == 1990 && d.month == 0);
    CHECK_INT(bg_date_parse("2020-02-29", &d), 0);
    CHECK_INT(bg_date_parse("2019-02-29", &d), -1);
    CHECK_INT(bg_date_parse("2019-13-01", &d), -1);
    CHECK_INT(bg_date_parse("2019-6-1", &d), -1);
    CHECK_INT(bg_date_parse("19-06-29", &d), -1);
    CHECK_INT(bg_date_parse("2019-06-29x", &d), -1);
    CHECK_INT(bg_date_parse("", &d), -1);
    bg_date y = {2019, 0, 0}, ym = {2019, 6, 0}, ymd = {2019, 6, 1}, jan = {2019, 1, 1};
    CHECK(bg_date_compare(y, jan) < 0);  /* a year sorts before its first day */
    CHECK(bg_date_compare(ym, ymd) < 0); /* a month sorts before its first day */
    CHECK(bg_date_compare(jan, ym) < 0);
    CHECK(bg_date_compare(ymd, ymd) == 0);
    char buf[16];
    CHECK_STR(bg_date_format_iso(ym, buf, sizeof buf), "2019-06");
    CHECK_STR(bg_date_format_iso(bg_date_last_day(ym), buf, sizeof buf), "2019-06-30");
    CHECK_STR(bg_date_format_iso(bg_date_last_day((bg_date){2020, 2, 0}), buf, sizeof buf),
              "2020-02-29");
    CHECK_STR(bg_date_format_iso(bg_date_first_day(y), buf, sizeof buf), "2019-01-01");
}

static void test_utf8(void)
{
    bg_arena a = {0};
    size_t out_len, bad, count;
    char *s = bg_utf8_sanitize(&a,
                               "a\xFF"
                               "b\xC3\xA9\xED\xA0\x80",
                               8, &out_len, &bad, &count);
    CHECK_INT(bad, 1);
    CHECK_INT(count, 4); /* 0xFF and the three bytes of a surrogate */
    CHECK_STR(s, "a\xEF\xBF\xBD"
                 "b\xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    s = bg_utf8_sanitize(&a, "\xC0\xAF", 2, &out_len, &bad, &count); /* overlong '/' */
    CHECK_INT(count, 2);
    CHECK_INT(out_len, 6);
    CHECK_STR(s, "\xEF\xBF\xBD\xEF\xBF\xBD");
    s = bg_utf8_sanitize(&a, "한·러", strlen("한·러"), &out_len, &bad, &count);
    CHECK_INT(count, 0);
    CHECK_STR(s, "한·러");
    CHECK_INT(bg_utf8_length("한·러"), 3);
    bg_arena_free(&a);
}

static void test_themes(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    bg_themes themes;
    CHECK_INT(bg_themes_load(&a, "fixtures/base/themes.yaml", &d, &themes), 0);
    CHECK_INT(d.count, 0);
    CHECK_INT(themes.count, 3);
    CHECK_STR(themes.items[1].id, "nine-bridges");
    CHECK_STR(themes.items[0].label_ko, "한반도 비핵화와 평화");
    CHECK_INT(themes.items[0].description.line, 6);
    CHECK(bg_themes_find(&themes, "trade") != NULL);
    CHECK(bg_themes_find(&themes, "nope") == NULL);
    bg_diags_free(&d);
    bg_arena_free(&a);
}

static bg_event *parse_event(bg_arena *a, bg_diags *d, const bg_themes *themes, const char *text)
{
    char *copy = bg_arena_strdup(a, text);
    return bg_event_parse(a, "events/e.md", copy, strlen(copy), themes, d);
}

static void test_event_body(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    bg_themes themes;
    bg_themes_load(&a, "fixtures/base/themes.yaml", &d, &themes);
    bg_event *ev = parse_event(&a, &d, &themes,
                               "---\n"
                               "id: e\n"
                               "date: 2019-06\n"
                               "title: T\n"
                               "kind: meeting\n"
                               "themes: [trade]\n"
                               "sources:\n"
                               "  - {title: S, publisher: P, date: 2019}\n"
                               "---\n"
                               "\n"
                               "Lead line one\n"
                               "continues.\n"
                               "\n"
                               "## trade\n"
                               "Trade passage.\n"
                               "\n"
                               "## Nine Bridges\n"
                               "Nine passage.\n"
                               "\n"
                               "## Background\n"
                               "Other text.\n");
    CHECK(ev != NULL);
    CHECK_INT(d.count, 0);
    if (!ev) goto done;
    CHECK_STR(ev->lead.markdown, "Lead line one\ncontinues.");
    CHECK_INT(ev->lead.line, 11);
    CHECK_INT(ev->passage_count, 3);
    CHECK_STR(ev->passages[0].theme_id, "trade");
    CHECK_STR(ev->passages[0].body.markdown, "Trade passage.");
    CHECK_INT(ev->passages[0].body.line, 15);
    /* a heading naming a theme's label opens that theme's passage */
    CHECK_STR(ev->passages[1].theme_id, "nine-bridges");
    CHECK(ev->passages[2].theme_id == NULL);
    CHECK_STR(ev->passages[2].heading, "Background");
    CHECK_STR(ev->passages[2].body.markdown, "Other text.");
    /* the passage adds its theme implicitly */
    CHECK_INT(ev->theme_count, 2);
    CHECK_STR(ev->themes[1], "nine-bridges");
    CHECK_INT(ev->source_count, 1);
    CHECK_INT(ev->sources[0].date.year, 2019);
done:
    bg_diags_free(&d);
    bg_arena_free(&a);
}

static void test_event_errors(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    bg_themes themes;
    bg_themes_load(&a, "fixtures/base/themes.yaml", &d, &themes);
    /* every problem of the file is reported, not just the first */
    bg_event *ev = parse_event(&a, &d, &themes,
                               "---\n"
                               "id: Bad_Id\n"
                               "date: 2019-02-30\n"
                               "kind: sumit\n"
                               "themes: [nine-bridge]\n"
                               "titel: x\n"
                               "---\n"
                               "Lead.\n");
    CHECK(ev == NULL);
    CHECK_INT(d.errors, 5);   /* id, date, kind, theme, missing title */
    CHECK_INT(d.warnings, 2); /* unknown key, no source */
    int found_theme = 0, found_kind = 0;
    for (size_t i = 0; i < d.count; i++) {
        if (strcmp(d.items[i].message, "unknown theme 'nine-bridge' (did you mean "
                                       "'nine-bridges'?)") == 0 &&
            d.items[i].line == 5 && d.items[i].col == 10)
            found_theme = 1;
        if (strstr(d.items[i].message, "did you mean 'summit'") && d.items[i].line == 4)
            found_kind = 1;
    }
    CHECK(found_theme);
    CHECK(found_kind);
    bg_diags_free(&d);
    bg_arena_free(&a);
}

static void test_corpus_order(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    bg_themes themes;
    bg_corpus corpus;
    bg_themes_load(&a, "fixtures/base/themes.yaml", &d, &themes);
    CHECK_INT(bg_corpus_load(&a, "fixtures/base/events", &themes, &d, &corpus), 0);
    CHECK_INT(d.count, 0);
    CHECK_INT(corpus.count, 4);
    if (corpus.count == 4) {
        CHECK_STR(corpus.events[0]->id, "delta");   /* 2019 */
        CHECK_STR(corpus.events[1]->id, "bravo");   /* 2019-02 */
        CHECK_STR(corpus.events[2]->id, "charlie"); /* 2019-02-10 */
        CHECK_STR(corpus.events[3]->id, "alpha");   /* 2019-06-29 */
    }
    CHECK(bg_corpus_find(&corpus, "alpha") != NULL);
    const bg_event *alpha = bg_corpus_find(&corpus, "alpha");
    CHECK(alpha && alpha->milestone);
    CHECK(alpha && alpha->time && strcmp(alpha->time, "00:36") == 0);
    bg_diags_free(&d);
    bg_arena_free(&a);
}

static void test_brief_defaults(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    bg_brief brief;
    CHECK_INT(bg_brief_load(&a, "fixtures/base/brief.yaml", &d, &brief), 0);
    CHECK_INT(d.count, 0);
    CHECK_STR(brief.title, "Test brief");
    CHECK_INT(brief.language, BG_LANG_EN);
    CHECK_INT(brief.layout, BG_LAYOUT_PACK);
    CHECK_INT(brief.paper, BG_PAPER_A4);
    CHECK_STR(brief.corpus_dir, "fixtures/base/events");
    CHECK_STR(brief.themes_path, "fixtures/base/themes.yaml");
    CHECK_STR(brief.stem, "brief");
    CHECK_INT(brief.column_count, 0); /* no chronology columns given: the layout's own */
    CHECK_INT(brief.select.themes.count, 2);
    CHECK_INT(brief.select.themes.lines[1], 4);
    CHECK(brief.output == NULL);
    CHECK_INT(brief.korean_syllable_penalty, -1);
    bg_diags_free(&d);
    bg_arena_free(&a);
}

static void test_paths(void)
{
    bg_arena a = {0};
    CHECK_STR(bg_path_join(&a, "briefs", "../output/x.pdf"), "output/x.pdf");
    CHECK_STR(bg_path_join(&a, "briefs", "events"), "briefs/events");
    CHECK_STR(bg_path_join(&a, ".", "a/./b"), "a/b");
    CHECK_STR(bg_path_join(&a, "/w/briefs/", "../out/x.pdf"), "/w/out/x.pdf");
    CHECK_STR(bg_path_join(&a, "a", "../../x"), "../x");
    CHECK_STR(bg_path_join(&a, "../a", "../b"), "../b");
    CHECK_STR(bg_path_join(&a, "d", "/abs/x"), "/abs/x");
    CHECK_STR(bg_path_dirname(&a, "briefs/x.yaml"), "briefs");
    CHECK_STR(bg_path_stem(&a, "briefs/osaka.yaml"), "osaka");
    bg_arena_free(&a);
}

int main(void)
{
    test_paths();
    test_dates();
    test_utf8();
    test_themes();
    test_event_body();
    test_event_errors();
    test_corpus_order();
    test_brief_defaults();
    return harness_report();
}
