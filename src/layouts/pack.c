/* pack.c - the pre-summit pack (docs/formats.md#layouts): cover, contents,
 * summary and talking points, a section per theme with each event's
 * passage on the theme (a page reference to the annex for an event with
 * none), the chronology linked to the annex, the annex with each event's
 * details, lead, sources by number and its passages' pages, and the
 * sources. Each text stands once; 'annex: full' prints every text again
 * in the annex, 'annex: none' drops it and puts the leads in the theme
 * sections. */
#include <string.h>

#include "compose/i18n.h"
#include "layouts/layouts.h"

/* "Sources: 3, 7" with each number linked to its source. */
static int source_numbers(bg_doc_layout *dl, const bg_doc_event *de)
{
    bg_flow *f = &dl->f;
    size_t count = de->event->source_count;
    if (count == 0) return 0;
    bg_inline *runs = bg_arena_alloc(f->arena, (2 * count + 1) * sizeof *runs);
    const char *label = bg_arena_printf(f->arena, "%s: ", bg_string(dl->lang, BG_STR_SOURCES));
    if (!runs || !label) return -1;
    size_t n = 0;
    runs[n++] = bg_inline_plain(label, 0);
    for (size_t k = 0; k < count; k++) {
        const char *number = bg_arena_printf(f->arena, "%zu", de->source_numbers[k]);
        if (!number) return -1;
        if (k) runs[n++] = bg_inline_plain(", ", 0);
        runs[n] = bg_inline_plain(number, BG_IN_LINK);
        runs[n++].anchor = bg_part_source_anchor(dl, de->source_numbers[k] - 1);
    }
    bg_para_style st = f->small;
    st.color = f->color.muted;
    if (bg_flow_para(f, runs, n, &st, f->x0, f->x1 - f->x0) != 0) return -1;
    f->y += 3;
    return 0;
}

/* The annex: every picked event with its details line, lead, sources by
 * number and its passages: each one's page where a theme section prints
 * it, the text of the others (or of all when FULL); each entry is the
 * anchor that the chronology links to. */
static int annex(bg_doc_layout *dl, long toc_index, bool full)
{
    bg_flow *f = &dl->f;
    const bg_doc *d = dl->doc;
    if (bg_part_section_heading(dl, toc_index, true) != 0) return -1;
    for (size_t i = 0; i < d->event_count; i++) {
        const bg_doc_event *de = &d->events[i];
        const bg_event *ev = de->event;
        /* date, time, kind, place, participants */
        char date[64];
        char *meta = bg_arena_strdup(f->arena, bg_part_event_date(dl, ev, date, sizeof date));
        if (ev->time)
            meta =
                bg_arena_printf(f->arena, "%s%s%s%s%s%s", meta, dl->lang == BG_LANG_KO ? " " : ", ",
                                ev->time, ev->timezone ? "\u00A0(UTC" : "",
                                ev->timezone ? ev->timezone : "", ev->timezone ? ")" : "");
        meta = bg_arena_printf(f->arena, "%s · %s", meta, bg_kind_label(dl->lang, ev->kind));
        if (ev->place) meta = bg_arena_printf(f->arena, "%s · %s", meta, ev->place);
        for (size_t k = 0; k < ev->participant_count && meta; k++) {
            const char *name = bg_part_name(f->arena, ev->participants[k]);
            meta = name ? bg_arena_printf(f->arena, "%s%s%s", meta, k ? ", " : " · ", name) : NULL;
        }
        if (!meta) return -1;
        /* the heading keeps with its details (set here: they may take
         * lines) and three lines of the lead (a lead of three lines, no
         * widow and no orphan, goes over whole: two would leave the
         * heading and its details at the foot) */
        bg_para_style st = f->small;
        st.color = f->color.muted;
        bg_inline run = bg_inline_plain(meta, BG_IN_ITALIC);
        bg_set_para details;
        if (bg_para_set(f->tc, &run, 1, &st, f->x1 - f->x0, &details) != 0) return -1;
        double keep = (double)details.line_count * details.line_height + 4 +
                      3 * f->body.size * f->body.leading;
        /* (where the heading stands, kept where the flow can move it
         * until the layout ends: flow.h, bg_flow_anchor_add) */
        bg_ref_place *at = bg_arena_alloc(f->arena, sizeof *at);
        if (!at || bg_flow_heading_keep(f, de->title, &f->h2, 1, keep, &at->page, &at->top) != 0)
            return -1;
        bg_part_anchor_set(dl, bg_part_event_anchor(dl, de), at->page, at->top);
        if (bg_flow_para(f, &run, 1, &st, f->x0, f->x1 - f->x0) != 0) return -1;
        f->y += 4;
        if (bg_part_md(dl, &de->lead, NULL, 0) != 0) return -1;
        if (!full && source_numbers(dl, de) != 0) return -1;
        /* the passages printed in their themes' sections, by reference in
         * the sections' order (so in page order), then the others */
        for (long sec = 0; !full && sec < (long)d->section_count; sec++)
            for (size_t k = 0; k < de->passage_count; k++)
                if (de->passages[k].owner_section == sec &&
                    bg_part_page_ref(dl, de->passages[k].label, bg_part_passage_anchor(dl, de, k),
                                     f->x0, NULL) != 0)
                    return -1;
        for (size_t k = 0; k < de->passage_count; k++) {
            const bg_doc_passage *ps = &de->passages[k];
            int anchor = bg_part_passage_anchor(dl, de, k);
            if (!full && ps->owner_section >= 0) continue; /* (above) */
            at = bg_arena_alloc(f->arena, sizeof *at);
            if (!at || bg_flow_heading(f, ps->label, &f->h3, -1, &at->page, &at->top) != 0)
                return -1;
            if (!full) bg_part_anchor_set(dl, anchor, at->page, at->top);
            if (bg_part_md(dl, &ps->body, NULL, 0) != 0) return -1;
        }
        bg_flow_space(f, 6); /* (stretches to fill a page) */
    }
    return 0;
}

int bg_layout_pack(bg_doc_layout *dl)
{
    const bg_doc *d = dl->doc;
    dl->has_cover = true;
    bg_toc_plan plan;
    if (bg_part_toc_plan(dl, true, &plan) != 0) return -1;
    bg_annex kind = d->brief->annex;
    long annex_i =
        kind == BG_ANNEX_NONE ? 0 : bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_ANNEX), 0);
    long sources_i =
        d->source_count ? bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_SOURCES), 0) : 0;
    if (annex_i < 0 || sources_i < 0) return -1;

    if (bg_part_cover(dl) != 0 || bg_part_contents(dl) != 0) return -1;
    if (plan.summary >= 0 && bg_part_summary(dl, plan.summary, true) != 0) return -1;
    if (plan.points >= 0 && bg_part_talking_points(dl, plan.points, plan.summary < 0) != 0)
        return -1;
    /* where the leads stand: the annex, or the sections without one */
    bg_lead_home leads = kind == BG_ANNEX_NONE   ? BG_LEADS_OWNER
                         : kind == BG_ANNEX_FULL ? BG_LEADS_EVERYWHERE
                                                 : BG_LEADS_ELSEWHERE;
    for (size_t s = 0; s < d->section_count; s++)
        if (bg_part_theme_section(dl, &d->sections[s], plan.first_section + (long)s, s == 0, false,
                                  leads) != 0)
            return -1;
    bg_chronology_style chronology = {.new_page = true, .link_to_annex = true};
    if (bg_part_chronology(dl, plan.chronology, &chronology) != 0) return -1;
    if (kind != BG_ANNEX_NONE && annex(dl, annex_i, kind == BG_ANNEX_FULL) != 0) return -1;
    if (d->source_count && bg_part_sources(dl, sources_i) != 0) return -1;
    return 0;
}
