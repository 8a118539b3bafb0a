/* compose.h - selection (SPEC 4) and the composed brief: which events, in
 * what order, under which theme sections, which chronology rows and which
 * sources. Plain data over the loaded inputs; no I/O and no geometry. */
#ifndef BRIEFGEN_COMPOSE_H
#define BRIEFGEN_COMPOSE_H

#include "base/diag.h"
#include "load/load.h"
#include "load/types.h"

/* One event's contribution to a theme section: its passage on the theme, or
 * its lead where it has none. */
typedef struct bg_section_entry {
    const bg_event *event;
    const bg_text *text;
    bool is_lead;
} bg_section_entry;

typedef struct bg_section {
    const bg_theme *theme;
    bg_section_entry *entries;
    size_t entry_count;
} bg_section;

typedef struct bg_chron_row {
    const bg_event *event;
    int years_ago; /* counted to the anniversary (else the brief's date) */
} bg_chron_row;

/* A source cited by the picked events, numbered once however many events cite it. */
typedef struct bg_cited_source {
    const bg_source *source;
    const bg_event *first_event;
} bg_cited_source;

typedef struct bg_doc {
    const bg_brief *brief;
    const bg_themes *themes;
    const bg_event **events; /* picked, by date, time, id */
    size_t event_count;
    bg_date first_date, last_date; /* range of the picked events */
    bg_section *sections;
    size_t section_count;
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

/* Orders events by date, then time, then id. */
int bg_event_compare(const bg_event *a, const bg_event *b);

/* SPEC 4 selection over CORPUS; the picked events in order. Returns -1 and
 * reports at the brief's select key when the selection is empty. */
int bg_select(bg_arena *arena, const bg_brief *brief, const bg_corpus *corpus, bg_diags *diags,
              const bg_event ***events, size_t *count);

/* Builds the composed brief. Returns -1 (after diagnostics) on an empty
 * selection or out of memory. */
int bg_compose(bg_arena *arena, const bg_brief *brief, const bg_themes *themes,
               const bg_corpus *corpus, bg_diags *diags, bg_doc *doc);

/* Whole years from DATE to ANCHOR (a partial date counts from its first day). */
int bg_years_between(bg_date date, bg_date anchor);

#endif
