/* handout.c - the printable handout (docs/formats.md#layouts): a title
 * block on page 1 instead of a cover, summary and talking points, per
 * theme a bullet "date — title: lead" for each event whose lead the theme
 * owns and a bullet "date, title → p. N" for the others, and a compact
 * chronology. No contents, annex or sources list. */
#include "compose/i18n.h"
#include "layouts/layouts.h"

/* "• 29 June 2019 — Title: lead" */
static int bullet(bg_doc_layout *dl, const bg_doc_event *de)
{
    bg_flow *f = &dl->f;
    char date[64];
    bg_part_event_date(dl, de->event, date, sizeof date);
    size_t n;
    bg_block *blocks = bg_part_blocks_copy(dl, &de->lead, &n);
    if (!blocks) return -1;
    /* a colon before the lead, none after a title that ends a sentence
     * ("Jeju?") or where there is no lead */
    const char *run_in = bg_arena_printf(f->arena, "%s — %s%s ", date, de->title,
                                         n == 0 || bg_ends_sentence(de->title) ? "" : ":");
    if (!run_in) return -1;
    bg_inline lead = bg_inline_plain(run_in, BG_IN_BOLD);
    if (n == 0) { /* no lead: the bullet is its run-in alone */
        blocks[0].kind = BG_BLK_PARA;
        n = 1;
    }
    bg_part_blocks_in_item(blocks, n);
    blocks[0].marker = "•";
    blocks[n - 1].list_last = false;
    /* the bullet's place is where references to the event lead */
    bg_anchor_mark mark = bg_part_anchor_mark(dl);
    if (bg_flow_blocks(f, blocks, n, 0, &lead, 1) != 0) return -1;
    bg_part_anchor_placed(dl, bg_part_event_anchor(dl, de), &mark);
    return 0;
}

/* "• 29 June 2019, Title → p. 1": the event under a theme that does not
 * own its lead. */
static int reference(bg_doc_layout *dl, const bg_doc_event *de)
{
    bg_flow *f = &dl->f;
    double x = f->x0 + f->body.size * 1.6; /* a list item's indent (bg_flow_blocks) */
    if (bg_part_page_ref(dl, bg_part_event_ref_text(dl, de), bg_part_event_anchor(dl, de), x,
                         "•") != 0)
        return -1;
    bg_flow_space(f, f->body.size * 0.55);
    return 0;
}

int bg_layout_handout(bg_doc_layout *dl)
{
    const bg_doc *d = dl->doc;
    dl->has_cover = false;
    bg_toc_plan plan;
    if (bg_part_toc_plan(dl, true, &plan) != 0) return -1;

    if (bg_part_title_block(dl) != 0) return -1;
    if (plan.summary >= 0 && bg_part_summary(dl, plan.summary, false) != 0) return -1;
    if (plan.points >= 0 && bg_part_talking_points(dl, plan.points, false) != 0) return -1;
    for (size_t s = 0; s < d->section_count; s++) {
        const bg_section *sec = &d->sections[s];
        if (bg_part_section_heading(dl, plan.first_section + (long)s, false) != 0) return -1;
        int saved; /* the section's bullets: one list */
        if (bg_flow_enter(&dl->f, BG_S_L, &saved) != 0) return -1;
        for (size_t e = 0; e < sec->entry_count; e++) {
            const bg_doc_event *de = sec->entries[e].event;
            int status = de->owner_section == (long)s ? bullet(dl, de) : reference(dl, de);
            if (status != 0) return -1;
        }
        dl->f.elem = saved;
    }
    bg_chronology_style chronology = {.new_page = false};
    return bg_part_chronology(dl, plan.chronology, &chronology);
}
