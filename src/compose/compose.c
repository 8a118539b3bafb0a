/* compose.c - the composed brief (compose.h): theme sections in the
 * brief's order, chronology rows in range, numbered sources. No I/O. */
#include <string.h>

#include "compose/compose.h"

int bg_years_between(bg_date date, bg_date anchor)
{
    bg_date from = bg_date_first_day(date), to = bg_date_first_day(anchor);
    int years = to.year - from.year;
    if (to.month < from.month || (to.month == from.month && to.day < from.day)) years--;
    return years;
}

/* The event's first passage on THEME_ID, or NULL. */
static const bg_passage *passage_on(const bg_event *ev, const char *theme_id)
{
    for (size_t i = 0; i < ev->passage_count; i++)
        if (ev->passages[i].theme_id && strcmp(ev->passages[i].theme_id, theme_id) == 0 &&
            ev->passages[i].body.markdown)
            return &ev->passages[i];
    return NULL;
}

static bool event_on_theme(const bg_event *ev, const char *theme_id)
{
    for (size_t i = 0; i < ev->theme_count; i++)
        if (strcmp(ev->themes[i], theme_id) == 0) return true;
    return false;
}

/* The theme ids of the sections: the brief's sections, else its selected
 * themes, else every catalogue theme some picked event is on. */
static size_t section_ids(bg_arena *arena, const bg_doc *doc, const char ***ids)
{
    const bg_brief *brief = doc->brief;
    if (brief->sections.present) {
        *ids = brief->sections.items;
        return brief->sections.count;
    }
    if (brief->select.themes.count) {
        *ids = brief->select.themes.items;
        return brief->select.themes.count;
    }
    const char **out = bg_arena_alloc(arena, (doc->themes->count + 1) * sizeof *out);
    size_t n = 0;
    for (size_t t = 0; out && t < doc->themes->count; t++) {
        const char *id = doc->themes->items[t].id;
        for (size_t e = 0; e < doc->event_count; e++)
            if (event_on_theme(doc->events[e], id)) {
                out[n++] = id;
                break;
            }
    }
    *ids = out;
    return n;
}

static int sections_build(bg_arena *arena, bg_doc *doc, bg_diags *diags)
{
    const char **ids;
    size_t n = section_ids(arena, doc, &ids);
    doc->sections = bg_arena_alloc(arena, (n + 1) * sizeof *doc->sections);
    bool *done = bg_arena_alloc(arena, (doc->themes->count + 1) * sizeof *done);
    if (!doc->sections || !done) return -1;
    for (size_t s = 0; s < n; s++) {
        const bg_theme *theme = bg_themes_find(doc->themes, ids[s]);
        if (!theme) continue;                           /* reported by bg_brief_check_refs */
        if (done[theme - doc->themes->items]) continue; /* listed twice */
        done[theme - doc->themes->items] = true;
        bg_section *sec = &doc->sections[doc->section_count++];
        sec->theme = theme;
        sec->entries = bg_arena_alloc(arena, (doc->event_count + 1) * sizeof *sec->entries);
        if (!sec->entries) return -1;
        for (size_t e = 0; e < doc->event_count; e++) {
            const bg_event *ev = doc->events[e];
            const bg_passage *p = passage_on(ev, theme->id);
            if (!p && !event_on_theme(ev, theme->id)) continue;
            bg_section_entry *entry = &sec->entries[sec->entry_count++];
            entry->event = ev;
            entry->text = p ? &p->body : &ev->lead;
            entry->is_lead = p == NULL;
        }
        if (sec->entry_count == 0 && doc->brief->sections.present) {
            const bg_strlist *list = &doc->brief->sections;
            for (size_t i = 0; i < list->count; i++)
                if (strcmp(list->items[i], theme->id) == 0) {
                    bg_diag_add(diags, BG_WARNING, doc->brief->path, list->lines[i], list->cols[i],
                                "section '%s' has no picked event; only its description "
                                "will show",
                                theme->id);
                    break;
                }
        }
    }
    return 0;
}

/* The day years_ago counts to: the anniversary as it falls in the brief's
 * year (an anniversary date names the day commemorated, 1990-09-30 for a
 * 30th anniversary in 2020), else the brief's date. */
static bg_date years_anchor(const bg_brief *brief)
{
    if (!brief->has_anniversary) return brief->date;
    bg_date day = bg_date_first_day(brief->anniversary_date);
    if (day.year < brief->date.year) {
        day.year = brief->date.year;
        if (day.month == 2 && day.day == 29) day.day = 28;
    }
    return day;
}

static int chronology_build(bg_arena *arena, bg_doc *doc)
{
    const bg_brief *brief = doc->brief;
    doc->chronology_from = brief->has_chronology_from ? brief->chronology_from : doc->first_date;
    doc->chronology_to = brief->has_chronology_to ? brief->chronology_to : doc->last_date;
    bg_filter range = {
        .from = doc->chronology_from, .to = doc->chronology_to, .has_from = true, .has_to = true};
    bg_date anchor = years_anchor(brief);
    doc->chronology = bg_arena_alloc(arena, (doc->event_count + 1) * sizeof *doc->chronology);
    if (!doc->chronology) return -1;
    for (size_t e = 0; e < doc->event_count; e++) {
        if (!bg_filter_match(&range, doc->events[e])) continue;
        bg_chron_row *row = &doc->chronology[doc->chronology_count++];
        row->event = doc->events[e];
        int years = bg_years_between(doc->events[e]->date, anchor);
        row->years_ago = years > 0 ? years : 0; /* later the same year, or after it */
    }
    return 0;
}

static bool same_string(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_source(const bg_source *a, const bg_source *b)
{
    return same_string(a->title, b->title) && same_string(a->publisher, b->publisher) &&
           same_string(a->url, b->url) && a->has_date == b->has_date &&
           bg_date_compare(a->date, b->date) == 0;
}

static int sources_build(bg_arena *arena, bg_doc *doc)
{
    size_t total = 0;
    for (size_t e = 0; e < doc->event_count; e++)
        total += doc->events[e]->source_count;
    doc->sources = bg_arena_alloc(arena, (total + 1) * sizeof *doc->sources);
    if (!doc->sources) return -1;
    for (size_t e = 0; e < doc->event_count; e++) {
        const bg_event *ev = doc->events[e];
        for (size_t s = 0; s < ev->source_count; s++) {
            bool seen = false;
            for (size_t k = 0; k < doc->source_count && !seen; k++)
                seen = same_source(doc->sources[k].source, &ev->sources[s]);
            if (seen) continue;
            doc->sources[doc->source_count].source = &ev->sources[s];
            doc->sources[doc->source_count].first_event = ev;
            doc->source_count++;
        }
    }
    return 0;
}

int bg_compose(bg_arena *arena, const bg_brief *brief, const bg_themes *themes,
               const bg_corpus *corpus, bg_diags *diags, bg_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->brief = brief;
    doc->themes = themes;
    if (bg_select(arena, brief, corpus, diags, &doc->events, &doc->event_count) != 0) return -1;
    doc->first_date = doc->events[0]->date;
    doc->last_date = doc->events[0]->date;
    for (size_t e = 0; e < doc->event_count; e++) {
        const bg_event *ev = doc->events[e];
        bg_date last = ev->has_end ? ev->end : ev->date;
        if (bg_date_compare(last, doc->last_date) > 0) doc->last_date = last;
    }
    if (sections_build(arena, doc, diags) != 0 || chronology_build(arena, doc) != 0 ||
        sources_build(arena, doc) != 0) {
        bg_diag_add(diags, BG_ERROR, brief->path, 0, 0, "out of memory while composing");
        return -1;
    }
    return 0;
}
