/* pack.c - the pre-summit pack (docs/formats.md#layouts): cover, contents,
 * summary and talking points, a section per theme with each event's
 * passage (or lead), the chronology linked to the annex, the annex with
 * every event in full, and the sources. */
#include <string.h>

#include "compose/i18n.h"
#include "layouts/layouts.h"

/* The annex: every picked event with its details line, lead and passages;
 * each entry is the anchor that the chronology links to. */
static int annex(bg_doc_layout *dl, long toc_index)
{
    bg_flow *f = &dl->f;
    const bg_doc *d = dl->doc;
    if (bg_part_section_heading(dl, toc_index, true) != 0) return -1;
    for (size_t i = 0; i < d->event_count; i++) {
        const bg_doc_event *de = &d->events[i];
        const bg_event *ev = de->event;
        /* the heading keeps with its detail line and two lines of the lead */
        double keep = f->small.size * f->small.leading + 4 + 2 * f->body.size * f->body.leading;
        if (bg_flow_heading_keep(f, de->title, &f->h2, 1, keep, &dl->event_page[i],
                                 &dl->event_y[i]) != 0)
            return -1;
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
        for (size_t k = 0; k < ev->participant_count && meta; k++)
            meta = bg_arena_printf(f->arena, "%s%s%s", meta, k ? ", " : " · ", ev->participants[k]);
        if (!meta) return -1;
        bg_para_style st = f->small;
        st.color = f->color.muted;
        bg_inline run = bg_inline_plain(meta, BG_IN_ITALIC);
        if (bg_flow_para(f, &run, 1, &st, f->x0, f->x1 - f->x0) != 0) return -1;
        f->y += 4;
        if (bg_part_md(dl, &de->lead, NULL, 0) != 0) return -1;
        for (size_t k = 0; k < de->passage_count; k++) {
            const bg_doc_passage *ps = &de->passages[k];
            if (bg_flow_heading(f, ps->label, &f->h3, -1, NULL, NULL) != 0) return -1;
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
    long annex_i = bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_ANNEX), 0);
    long sources_i =
        d->source_count ? bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_SOURCES), 0) : 0;
    if (annex_i < 0 || sources_i < 0) return -1;

    if (bg_part_cover(dl) != 0 || bg_part_contents(dl) != 0) return -1;
    if (plan.summary >= 0 && bg_part_summary(dl, plan.summary, true) != 0) return -1;
    if (plan.points >= 0 && bg_part_talking_points(dl, plan.points, plan.summary < 0) != 0)
        return -1;
    for (size_t s = 0; s < d->section_count; s++)
        if (bg_part_theme_section(dl, &d->sections[s], plan.first_section + (long)s, s == 0,
                                  false) != 0)
            return -1;
    bg_chronology_style chronology = {.new_page = true, .link_to_annex = true};
    if (bg_part_chronology(dl, plan.chronology, &chronology) != 0 || annex(dl, annex_i) != 0)
        return -1;
    if (d->source_count && bg_part_sources(dl, sources_i) != 0) return -1;
    return 0;
}
