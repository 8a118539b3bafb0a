/* compose.h - selection (docs/formats.md#briefs) and the composed brief: which events, in
 * what order, under which theme sections, which chronology rows and which
 * sources. Plain data over the loaded inputs and no geometry; the only
 * files read are the images the Markdown names (compose/images.h). */
#ifndef BRIEFGEN_COMPOSE_H
#define BRIEFGEN_COMPOSE_H

#include "base/diag.h"
#include "compose/blocks.h"
#include "load/load.h"
#include "load/types.h"

/* Markdown parsed once, by compose, into the blocks layout draws. */
typedef struct bg_md {
    const bg_block *blocks;
    size_t count;
} bg_md;

/* A level-2 section of a picked event, its label already resolved: the
 * theme's label in the document's language, or the subsection's heading. */
typedef struct bg_doc_passage {
    const bg_theme *theme; /* NULL for an ordinary subsection */
    const char *label;
    bg_md body;
    long owner_section; /* the section that prints it (bg_doc.sections), -1 for none */
} bg_doc_passage;

/* A picked event as the document shows it. */
typedef struct bg_doc_event {
    const bg_event *event;
    size_t index;              /* in bg_doc.events: the anchor of its annex entry */
    const char *title;         /* in the document's language, with typographic quotes */
    const char **theme_labels; /* EVENT->themes as labels in the document's language */
    bg_md lead;
    bg_doc_passage *passages;
    size_t passage_count;
    /* the section whose entry prints the lead: the first of the brief's
     * sections that the event is on, -1 when it is in none (docs/formats.md#layouts) */
    long owner_section;
    size_t *source_numbers; /* of EVENT->sources in bg_doc.sources, from 1 */
} bg_doc_event;

/* One event's contribution to a theme section: its passage on the theme, or
 * its lead where it has none. */
typedef struct bg_section_entry {
    const bg_doc_event *event;
    const bg_md *text;
    bool is_lead;
    const bg_doc_passage *passage; /* the passage TEXT is, NULL for the lead */
} bg_section_entry;

typedef struct bg_section {
    const bg_theme *theme;
    const char *label; /* in the document's language */
    bg_md description;
    bg_section_entry *entries;
    size_t entry_count;
} bg_section;

typedef struct bg_chron_row {
    const bg_doc_event *event;
    int years_ago; /* counted to the anniversary (else the brief's date) */
} bg_chron_row;

/* A source cited by the picked events, numbered once however many events cite it. */
typedef struct bg_cited_source {
    const bg_source *source;
    const bg_event *first_event;
} bg_cited_source;

typedef struct bg_doc {
    const bg_brief *brief;
    bg_language language;
    const char *title;            /* the brief's title in the document's language */
    const char *second_title;     /* the title in the other language, or NULL */
    const char *keywords;         /* the sections' theme labels, for the PDF's information */
    const char **unusable_images; /* paths of images shown as their alt text (missing, damaged) */
    size_t unusable_image_count;
    bg_doc_event *events; /* picked, by date, time, id */
    size_t event_count;
    bg_date first_date, last_date; /* range of the picked events */
    bg_section *sections;
    size_t section_count;
    bg_md summary;
    bg_md *talking_points;
    size_t talking_point_count;
    bg_chron_row *chronology;
    size_t chronology_count;
    bg_date chronology_from, chronology_to;
    bg_cited_source *sources;
    size_t source_count;
} bg_doc;

/* Filters shared by briefs and "briefgen list". */
typedef struct bg_filter {
    const char *const *themes;
    size_t theme_count;
    const bg_kind *kinds;
    size_t kind_count;
    const char *const *participants;
    size_t participant_count;
    bg_date from, to;
    bool has_from, has_to;
} bg_filter;

/* True when EVENT passes every filter present in FILTER. A partial date
 * passes a range when its period overlaps the range. */
bool bg_filter_match(const bg_filter *filter, const bg_event *event);
/* True when FILTER has at least one filter present. */
bool bg_filter_present(const bg_filter *filter);

/* Selection (docs/formats.md#selection) over CORPUS; the picked events in order. Returns -1 and
 * reports at the brief's select key when the selection is empty. */
int bg_select(bg_arena *arena, const bg_brief *brief, const bg_corpus *corpus, bg_diags *diags,
              const bg_event ***events, size_t *count);

/* Builds the composed brief: the picked events in order, with every
 * Markdown text they show parsed once into blocks and every theme label
 * and title chosen for the brief's language. Returns -1 (after
 * diagnostics) on an empty selection or out of memory. */
int bg_compose(bg_arena *arena, const bg_brief *brief, const bg_themes *themes,
               const bg_corpus *corpus, bg_diags *diags, bg_doc *doc);

/* TITLE, or TITLE_KO in a Korean document when there is one: the one
 * choice of a title's language. */
const char *bg_title_in(bg_language language, const char *title, const char *title_ko);

/* Whole years from DATE to ANCHOR (a partial date counts from its first day). */
int bg_years_between(bg_date date, bg_date anchor);

#endif
