/* retrospective.c - the anniversary retrospective (docs/formats.md#layouts):
 * cover, summary, the chronology grouped by year with a years-ago column
 * and milestones marked, the theme sections with each event's lead (in
 * the section that owns it; a page reference in the others), and the
 * sources. No contents, talking points or annex. */
#include "compose/i18n.h"
#include "layouts/layouts.h"

int bg_layout_retrospective(bg_doc_layout *dl)
{
    const bg_doc *d = dl->doc;
    dl->has_cover = true;
    bg_toc_plan plan;
    if (bg_part_toc_plan(dl, false, &plan) != 0) return -1;
    long sources_i =
        d->source_count ? bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_SOURCES), 0) : 0;
    if (sources_i < 0) return -1;

    if (bg_part_cover(dl) != 0) return -1;
    if (plan.summary >= 0 && bg_part_summary(dl, plan.summary, true) != 0) return -1;
    bg_chronology_style chronology = {.new_page = true, .group_by_year = true};
    if (bg_part_chronology(dl, plan.chronology, &chronology) != 0) return -1;
    for (size_t s = 0; s < d->section_count; s++)
        if (bg_part_theme_section(dl, &d->sections[s], plan.first_section + (long)s, s == 0, true,
                                  BG_LEADS_OWNER) != 0)
            return -1;
    if (d->source_count && bg_part_sources(dl, sources_i) != 0) return -1;
    return 0;
}
