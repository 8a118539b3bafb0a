/* compose.c - the composed brief (compose.h): the picked events with
 * their Markdown parsed once into blocks, theme sections in the brief's
 * order, chronology rows in range, numbered sources. Every label and
 * title is chosen here for the brief's language, so layout never looks at
 * the theme catalogue. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compose/compose.h"
#include "compose/i18n.h"
#include "compose/images.h"

const char *bg_title_in(bg_language language, const char *title, const char *title_ko)
{
    return language == BG_LANG_KO && title_ko ? title_ko : title;
}

/* TEXT's Markdown as blocks in *MD (empty when TEXT has none); its images
 * checked through IMAGES. */
static int md_parse(bg_arena *arena, bg_diags *diags, bg_images *images, const bg_text *text,
                    bg_md *md)
{
    bg_block *blocks;
    size_t count;
    if (bg_markdown_blocks(arena, text, diags, images, &blocks, &count) != 0) return -1;
    md->blocks = blocks;
    md->count = count;
    return 0;
}

static const char *theme_label(const bg_doc *doc, const bg_theme *theme)
{
    return bg_title_in(doc->language, theme->label, theme->label_ko);
}

/* EV as a Korean brief shows it: its Korean text (lead, passages, place,
 * participants) in an arena copy when it has one, else EV itself with a
 * warning that its English text is used (docs/formats.md#korean-text). */
static const bg_event *korean_view(bg_arena *arena, const bg_event *ev, bg_diags *diags)
{
    if (!ev->has_ko) {
        bg_diag_add(diags, BG_WARNING, ev->path, ev->id_line, ev->id_col,
                    "'%s' has no Korean text (%s.ko.md); its English text is used", ev->id, ev->id);
        return ev;
    }
    bg_event *ko = bg_arena_alloc(arena, sizeof *ko);
    if (!ko) return ev;
    *ko = *ev;
    ko->lead = ev->lead_ko;
    ko->passages = ev->passages_ko;
    ko->passage_count = ev->passage_ko_count;
    if (ev->place_ko) ko->place = ev->place_ko;
    if (ev->participants_ko) {
        ko->participants = ev->participants_ko;
        ko->participant_count = ev->participant_ko_count;
    }
    return ko;
}

/* The picked events with their texts parsed and labels resolved. */
static int events_build(bg_arena *arena, bg_doc *doc, const bg_themes *themes,
                        const bg_event *const *picked, bg_diags *diags, bg_images *images)
{
    doc->events = bg_arena_alloc(arena, (doc->event_count + 1) * sizeof *doc->events);
    if (!doc->events) return -1;
    for (size_t e = 0; e < doc->event_count; e++) {
        const bg_event *ev =
            doc->language == BG_LANG_KO ? korean_view(arena, picked[e], diags) : picked[e];
        bg_doc_event *de = &doc->events[e];
        de->event = ev;
        de->index = e;
        de->title = bg_smart_quotes(arena, bg_title_in(doc->language, ev->title, ev->title_ko));
        de->theme_labels = bg_arena_alloc(arena, (ev->theme_count + 1) * sizeof *de->theme_labels);
        de->passages = bg_arena_alloc(arena, (ev->passage_count + 1) * sizeof *de->passages);
        de->source_numbers =
            bg_arena_alloc(arena, (ev->source_count + 1) * sizeof *de->source_numbers);
        if (!de->title || !de->theme_labels || !de->passages || !de->source_numbers) return -1;
        de->owner_section = -1;
        for (size_t t = 0; t < ev->theme_count; t++) {
            const bg_theme *th = bg_themes_find(themes, ev->themes[t]);
            de->theme_labels[t] = th ? theme_label(doc, th) : ev->themes[t];
        }
        if (md_parse(arena, diags, images, &ev->lead, &de->lead) != 0) return -1;
        for (size_t k = 0; k < ev->passage_count; k++) {
            const bg_passage *ps = &ev->passages[k];
            bg_doc_passage *dp = &de->passages[de->passage_count++];
            dp->theme = ps->theme_id ? bg_themes_find(themes, ps->theme_id) : NULL;
            dp->label = dp->theme ? theme_label(doc, dp->theme) : ps->heading;
            if (!dp->label) dp->label = "";
            dp->owner_section = -1;
            if (md_parse(arena, diags, images, &ps->body, &dp->body) != 0) return -1;
        }
    }
    return 0;
}

int bg_years_between(bg_date date, bg_date anchor)
{
    bg_date from = bg_date_first_day(date), to = bg_date_first_day(anchor);
    int years = to.year - from.year;
    if (to.month < from.month || (to.month == from.month && to.day < from.day)) years--;
    return years;
}

/* The event's first passage on THEME_ID, or NULL. */
static bg_doc_passage *passage_on(const bg_doc_event *de, const char *theme_id)
{
    const bg_event *ev = de->event;
    for (size_t i = 0; i < ev->passage_count; i++)
        if (ev->passages[i].theme_id && strcmp(ev->passages[i].theme_id, theme_id) == 0 &&
            ev->passages[i].body.markdown)
            return &de->passages[i];
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
static size_t section_ids(bg_arena *arena, const bg_doc *doc, const bg_themes *themes,
                          const char ***ids)
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
    const char **out = bg_arena_alloc(arena, (themes->count + 1) * sizeof *out);
    size_t n = 0;
    for (size_t t = 0; out && t < themes->count; t++) {
        const char *id = themes->items[t].id;
        for (size_t e = 0; e < doc->event_count; e++)
            if (event_on_theme(doc->events[e].event, id)) {
                out[n++] = id;
                break;
            }
    }
    *ids = out;
    return n;
}

static int sections_build(bg_arena *arena, bg_doc *doc, const bg_themes *themes, bg_diags *diags,
                          bg_images *images)
{
    const char **ids;
    size_t n = section_ids(arena, doc, themes, &ids);
    doc->sections = bg_arena_alloc(arena, (n + 1) * sizeof *doc->sections);
    bool *done = bg_arena_alloc(arena, (themes->count + 1) * sizeof *done);
    if (!doc->sections || !done) return -1;
    for (size_t s = 0; s < n; s++) {
        const bg_theme *theme = bg_themes_find(themes, ids[s]);
        if (!theme) continue;                      /* reported by bg_brief_check_refs */
        if (done[theme - themes->items]) continue; /* listed twice */
        done[theme - themes->items] = true;
        bg_section *sec = &doc->sections[doc->section_count++];
        sec->theme = theme;
        sec->label = theme_label(doc, theme);
        const bg_text *description = &theme->description;
        if (doc->language == BG_LANG_KO && theme->description_ko.markdown)
            description = &theme->description_ko;
        else if (doc->language == BG_LANG_KO && theme->description.markdown)
            bg_diag_add(diags, BG_WARNING, theme->description.file, theme->line, theme->col,
                        "theme '%s' has no description_ko; its English description is used",
                        theme->id);
        if (md_parse(arena, diags, images, description, &sec->description) != 0) return -1;
        sec->entries = bg_arena_alloc(arena, (doc->event_count + 1) * sizeof *sec->entries);
        if (!sec->entries) return -1;
        long index = (long)doc->section_count - 1;
        for (size_t e = 0; e < doc->event_count; e++) {
            bg_doc_event *de = &doc->events[e];
            bg_doc_passage *p = passage_on(de, theme->id);
            if (!p && !event_on_theme(de->event, theme->id)) continue;
            bg_section_entry *entry = &sec->entries[sec->entry_count++];
            entry->event = de;
            entry->text = p ? &p->body : &de->lead;
            entry->is_lead = p == NULL;
            entry->passage = p;
            /* each text has one home: the lead in the first section that
             * lists the event, a passage in its theme's section */
            if (de->owner_section < 0) de->owner_section = index;
            if (p) p->owner_section = index;
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
        if (!bg_filter_match(&range, doc->events[e].event)) continue;
        bg_chron_row *row = &doc->chronology[doc->chronology_count++];
        row->event = &doc->events[e];
        int years = bg_years_between(doc->events[e].event->date, anchor);
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

/* FNV-1a over a source's fields, as same_source compares them. */
static uint64_t source_hash(const bg_source *s)
{
    uint64_t h = 1469598103934665603ull;
    const char *fields[3] = {s->title, s->publisher, s->url};
    for (int f = 0; f < 3; f++) {
        for (const char *p = fields[f]; p && *p; p++) {
            h ^= (unsigned char)*p;
            h *= 1099511628211ull;
        }
        h ^= fields[f] ? 0x100u : 0x200u; /* field separator; absent differs from empty */
        h *= 1099511628211ull;
    }
    int date[4] = {s->has_date, s->date.year, s->date.month, s->date.day};
    for (int i = 0; i < 4; i++) {
        h ^= (uint64_t)(unsigned)date[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Every picked event's sources, each distinct one once in order of first
 * use (a hash set of the sources kept so far: linear in their number). */
static int sources_build(bg_arena *arena, bg_doc *doc)
{
    size_t total = 0;
    for (size_t e = 0; e < doc->event_count; e++)
        total += doc->events[e].event->source_count;
    doc->sources = bg_arena_alloc(arena, (total + 1) * sizeof *doc->sources);
    size_t cap = 16;
    while (cap < total * 2)
        cap *= 2;
    size_t *slots = malloc(cap * sizeof *slots); /* index + 1 into doc->sources, 0 free */
    if (!doc->sources || !slots) {
        free(slots);
        return -1;
    }
    memset(slots, 0, cap * sizeof *slots);
    for (size_t e = 0; e < doc->event_count; e++) {
        const bg_event *ev = doc->events[e].event;
        for (size_t s = 0; s < ev->source_count; s++) {
            const bg_source *src = &ev->sources[s];
            size_t k = source_hash(src) & (cap - 1);
            bool seen = false;
            for (; slots[k]; k = (k + 1) & (cap - 1))
                if (same_source(doc->sources[slots[k] - 1].source, src)) {
                    seen = true;
                    break;
                }
            doc->events[e].source_numbers[s] = seen ? slots[k] : doc->source_count + 1;
            if (seen) continue;
            slots[k] = doc->source_count + 1;
            doc->sources[doc->source_count].source = src;
            doc->sources[doc->source_count].first_event = ev;
            doc->source_count++;
        }
    }
    free(slots);
    return 0;
}

/* The summary and talking points as blocks. */
static int brief_texts_build(bg_arena *arena, bg_doc *doc, bg_diags *diags, bg_images *images)
{
    const bg_brief *brief = doc->brief;
    if (md_parse(arena, diags, images, &brief->summary, &doc->summary) != 0) return -1;
    doc->talking_points =
        bg_arena_alloc(arena, (brief->talking_point_count + 1) * sizeof *doc->talking_points);
    if (!doc->talking_points) return -1;
    for (size_t i = 0; i < brief->talking_point_count; i++)
        if (md_parse(arena, diags, images, &brief->talking_points[i], &doc->talking_points[i]) != 0)
            return -1;
    doc->talking_point_count = brief->talking_point_count;
    return 0;
}

int bg_compose(bg_arena *arena, const bg_brief *brief, const bg_themes *themes,
               const bg_corpus *corpus, bg_diags *diags, bg_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->brief = brief;
    doc->language = brief->language;
    doc->title = bg_title_in(brief->language, brief->title, brief->title_ko);
    doc->second_title =
        brief->language == BG_LANG_KO ? (brief->title_ko ? brief->title : NULL) : brief->title_ko;
    const bg_event **picked;
    if (bg_select(arena, brief, corpus, diags, &picked, &doc->event_count) != 0) return -1;
    /* every image is probed here, once, so that its problems are reported
     * at its place in the Markdown (by check too) before layout */
    bg_images images;
    bg_images_init(&images, arena, brief->root, diags);
    if (events_build(arena, doc, themes, picked, diags, &images) != 0) goto oom;
    doc->first_date = picked[0]->date;
    doc->last_date = picked[0]->date;
    for (size_t e = 0; e < doc->event_count; e++) {
        const bg_event *ev = picked[e];
        bg_date last = ev->has_end ? ev->end : ev->date;
        if (bg_date_compare(last, doc->last_date) > 0) doc->last_date = last;
    }
    if (sections_build(arena, doc, themes, diags, &images) != 0 ||
        chronology_build(arena, doc) != 0 || sources_build(arena, doc) != 0 ||
        brief_texts_build(arena, doc, diags, &images) != 0)
        goto oom;
    doc->unusable_images =
        bg_arena_alloc(arena, (images.unusable_count + 1) * sizeof *doc->unusable_images);
    if (!doc->unusable_images) goto oom;
    if (images.unusable_count)
        memcpy(doc->unusable_images, images.unusable,
               images.unusable_count * sizeof *doc->unusable_images);
    doc->unusable_image_count = images.unusable_count;
    bg_images_free(&images);
    /* the themes' labels in the brief's language joined by ", " (built
     * once: joined one by one, many sections cost their square) */
    size_t size = 1;
    for (size_t s = 0; s < doc->section_count; s++) {
        const bg_theme *th = doc->sections[s].theme;
        size += strlen(bg_title_in(doc->language, th->label, th->label_ko)) + 2;
    }
    char *keywords = bg_arena_alloc(arena, size);
    if (!keywords) goto oom;
    char *end = keywords;
    *end = '\0';
    for (size_t s = 0; s < doc->section_count; s++) {
        const bg_theme *th = doc->sections[s].theme;
        const char *label = bg_title_in(doc->language, th->label, th->label_ko);
        size_t len = strlen(label);
        if (s) {
            memcpy(end, ", ", 2);
            end += 2;
        }
        memcpy(end, label, len + 1);
        end += len;
    }
    doc->keywords = keywords;
    return 0;
oom:
    bg_images_free(&images);
    bg_diag_add(diags, BG_ERROR, brief->path, 0, 0, "out of memory while composing");
    return -1;
}
