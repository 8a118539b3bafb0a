/* test_compose.c - Selection (docs/formats.md#selection) and the composed brief. */
#include <stdlib.h>
#include <string.h>

#include "compose/compose.h"
#include "harness.h"

typedef struct fixture {
    bg_arena arena;
    bg_diags diags;
    bg_themes themes;
    bg_corpus corpus;
    bg_event *events[16];
} fixture;

static bg_event *add_event(fixture *f, const char *id, const char *date, const char *kind,
                           const char *themes, const char *participants, const char *body)
{
    char *text = bg_arena_printf(&f->arena,
                                 "---\nid: %s\ndate: %s\ntitle: Event %s\nkind: %s\n"
                                 "themes: [%s]\nparticipants: [%s]\n"
                                 "sources:\n  - {title: S %s, publisher: P, date: 2019}\n"
                                 "  - {title: Shared, publisher: Q, date: 2019}\n---\n%s\n",
                                 id, date, id, kind, themes, participants, id, body);
    const char *path = bg_arena_printf(&f->arena, "events/%s.md", id);
    bg_event *ev = bg_event_parse(&f->arena, path, text, strlen(text), &f->themes, &f->diags);
    CHECK(ev != NULL);
    if (ev) f->events[f->corpus.count++] = ev;
    return ev;
}

static int compare(const void *a, const void *b)
{
    return bg_event_compare(*(bg_event *const *)a, *(bg_event *const *)b);
}

static void fixture_init(fixture *f)
{
    memset(f, 0, sizeof *f);
    bg_diags_init(&f->diags);
    bg_themes_load(&f->arena, "fixtures/base/themes.yaml", &f->diags, &f->themes);
    f->corpus.events = f->events;
    f->corpus.dir = "events";
    add_event(f, "e-2019-06-29", "2019-06-29", "summit", "denuclearization, nine-bridges",
              "Moon Jae-in, Vladimir Putin", "Lead A.\n\n## nine-bridges\nPassage A.");
    add_event(f, "e-2019-06", "2019-06", "meeting", "trade", "Lim Sung-nam", "Lead B.");
    add_event(f, "e-2019", "2019", "statement", "trade", "", "Lead C.");
    add_event(f, "e-2019-06-01", "2019-06-01", "phone-call", "denuclearization", "Moon Jae-in",
              "Lead D.");
    add_event(f, "e-2018-04-27", "2018-04-27", "summit", "denuclearization", "Kim Jong-un",
              "Lead E.");
    add_event(f, "e-1990-09-30", "1990-09-30", "agreement", "", "", "Lead F.");
    qsort(f->events, f->corpus.count, sizeof f->events[0], compare);
}

static bg_strlist list_of(bg_arena *a, const char *const *items, size_t n)
{
    bg_strlist l = {0};
    l.items = bg_arena_alloc(a, (n + 1) * sizeof *l.items);
    l.lines = bg_arena_alloc(a, (n + 1) * sizeof *l.lines);
    l.cols = bg_arena_alloc(a, (n + 1) * sizeof *l.cols);
    for (size_t i = 0; i < n; i++)
        l.items[i] = items[i];
    l.count = n;
    l.present = true;
    return l;
}

#define LIST(f, ...)                                                                               \
    list_of(&(f)->arena, (const char *const[]){__VA_ARGS__},                                       \
            sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static bg_brief brief_new(void)
{
    bg_brief b;
    memset(&b, 0, sizeof b);
    b.path = "brief.yaml";
    b.title = "T";
    b.date = (bg_date){2020, 9, 30};
    b.select.line = 3;
    b.select.col = 1;
    return b;
}

/* Ids picked by BRIEF, joined by spaces. */
static const char *picked(fixture *f, const bg_brief *brief)
{
    const bg_event **events;
    size_t n;
    if (bg_select(&f->arena, brief, &f->corpus, &f->diags, &events, &n) != 0) return "(empty)";
    char *out = bg_arena_strdup(&f->arena, "");
    for (size_t i = 0; i < n; i++)
        out = bg_arena_printf(&f->arena, "%s%s%s", out, i ? " " : "", events[i]->id);
    return out;
}

static void test_filters(void)
{
    fixture f;
    fixture_init(&f);
    bg_diags_print(&f.diags, stderr);
    CHECK_INT(f.diags.count, 0);
    bg_brief b = brief_new();
    /* partial dates before the full dates of their period */
    b.select.themes = LIST(&f, "trade", "denuclearization");
    CHECK_STR(picked(&f, &b), "e-2018-04-27 e-2019 e-2019-06 e-2019-06-01 e-2019-06-29");
    b = brief_new();
    b.select.themes = LIST(&f, "nine-bridges");
    CHECK_STR(picked(&f, &b), "e-2019-06-29");
    b = brief_new();
    b.select.kinds = LIST(&f, "summit");
    bg_kind summit = BG_KIND_SUMMIT;
    b.select.kind_values = &summit;
    CHECK_STR(picked(&f, &b), "e-2018-04-27 e-2019-06-29");
    b = brief_new();
    b.select.participants = LIST(&f, "moon jae-in", "Lim Sung-nam");
    CHECK_STR(picked(&f, &b), "e-2019-06 e-2019-06-01 e-2019-06-29");
    /* from/to: a partial date is in when its period overlaps the range */
    b = brief_new();
    b.select.has_from = true;
    b.select.from = (bg_date){2019, 6, 15};
    CHECK_STR(picked(&f, &b), "e-2019 e-2019-06 e-2019-06-29");
    b = brief_new();
    b.select.has_to = true;
    b.select.to = (bg_date){2019, 5, 31};
    CHECK_STR(picked(&f, &b), "e-1990-09-30 e-2018-04-27 e-2019");
    /* combined: every present filter must pass */
    b = brief_new();
    b.select.themes = LIST(&f, "denuclearization");
    b.select.kinds = LIST(&f, "summit");
    b.select.kind_values = &summit;
    b.select.has_from = true;
    b.select.from = (bg_date){2019, 0, 0};
    CHECK_STR(picked(&f, &b), "e-2019-06-29");
    /* explicit events beside filters, and exclude */
    b.select.events = LIST(&f, "e-1990-09-30");
    CHECK_STR(picked(&f, &b), "e-1990-09-30 e-2019-06-29");
    b.select.exclude = LIST(&f, "e-2019-06-29");
    CHECK_STR(picked(&f, &b), "e-1990-09-30");
    /* with no filter present only the listed events are picked */
    b = brief_new();
    b.select.events = LIST(&f, "e-2019", "e-1990-09-30");
    CHECK_STR(picked(&f, &b), "e-1990-09-30 e-2019");
    /* an empty selection is an error at the select key */
    size_t errors = f.diags.errors;
    b = brief_new();
    b.select.themes = LIST(&f, "nine-bridges");
    b.select.exclude = LIST(&f, "e-2019-06-29");
    CHECK_STR(picked(&f, &b), "(empty)");
    CHECK_INT(f.diags.errors, errors + 1);
    CHECK_INT(f.diags.items[f.diags.count - 1].line, 3);
    bg_diags_free(&f.diags);
    bg_arena_free(&f.arena);
}

static void test_compose_doc(void)
{
    fixture f;
    fixture_init(&f);
    bg_brief b = brief_new();
    b.select.themes = LIST(&f, "denuclearization", "nine-bridges", "trade");
    b.sections = LIST(&f, "nine-bridges", "trade", "denuclearization");
    b.has_anniversary = true;
    b.anniversary_date = (bg_date){2020, 9, 30};
    b.has_chronology_from = true;
    b.chronology_from = (bg_date){2019, 1, 1};
    bg_doc doc;
    CHECK_INT(bg_compose(&f.arena, &b, &f.themes, &f.corpus, &f.diags, &doc), 0);
    CHECK_INT(doc.event_count, 5);
    /* sections in the brief's order */
    CHECK_INT(doc.section_count, 3);
    CHECK_STR(doc.sections[0].theme->id, "nine-bridges");
    CHECK_STR(doc.sections[2].theme->id, "denuclearization");
    /* the passage where there is one, else the lead */
    CHECK_INT(doc.sections[0].entry_count, 1);
    CHECK_STR(doc.sections[0].entries[0].text->blocks[0].inlines[0].text, "Passage A.");
    CHECK(!doc.sections[0].entries[0].is_lead);
    CHECK_INT(doc.sections[2].entry_count, 3);
    CHECK_STR(doc.sections[2].entries[0].text->blocks[0].inlines[0].text, "Lead E.");
    CHECK(doc.sections[2].entries[0].is_lead);
    /* each text has one home (docs/formats.md#layouts): the lead in the
     * first section the event is on, a passage in its theme's section */
    for (size_t e = 0; e < doc.event_count; e++) {
        const bg_doc_event *de = &doc.events[e];
        const char *id = de->event->id;
        if (strcmp(id, "e-2019-06-29") == 0) { /* denuclearization, nine-bridges */
            CHECK_INT(de->owner_section, 0);
            CHECK_INT(de->passages[0].owner_section, 0);
        } else if (strcmp(id, "e-2019-06") == 0) {
            CHECK_INT(de->owner_section, 1);
        } else if (strcmp(id, "e-2018-04-27") == 0) {
            CHECK_INT(de->owner_section, 2);
        }
        /* the shared source has one number, the same for every event */
        CHECK_INT(de->source_numbers[1], doc.events[0].source_numbers[1]);
        CHECK_STR(doc.sources[de->source_numbers[0] - 1].source->title,
                  de->event->sources[0].title);
    }
    CHECK(doc.sections[0].entries[0].passage == &doc.sections[0].entries[0].event->passages[0]);
    CHECK(doc.sections[2].entries[0].passage == NULL);
    /* the chronology range cuts the 2018 event */
    CHECK_INT(doc.chronology_count, 4);
    CHECK_STR(doc.chronology[0].event->event->id, "e-2019");
    CHECK_INT(doc.chronology[0].years_ago, 1);
    CHECK_INT(doc.chronology[3].years_ago, 1);
    CHECK_INT(doc.first_date.year, 2018);
    CHECK_INT(doc.last_date.day, 29);
    /* sources numbered once: 5 own sources and one shared by all */
    CHECK_INT(doc.source_count, 6);
    bg_diags_free(&f.diags);
    bg_arena_free(&f.arena);
}

static void test_years(void)
{
    bg_date anchor = {2020, 9, 30};
    CHECK_INT(bg_years_between((bg_date){1990, 9, 30}, anchor), 30);
    CHECK_INT(bg_years_between((bg_date){1990, 10, 1}, anchor), 29);
    CHECK_INT(bg_years_between((bg_date){1990, 0, 0}, anchor), 30);
    CHECK_INT(bg_years_between((bg_date){2019, 12, 0}, anchor), 0);
    CHECK_INT(bg_years_between((bg_date){2008, 9, 0}, anchor), 12);
}

int main(void)
{
    test_filters();
    test_compose_doc();
    test_years();
    return harness_report();
}
