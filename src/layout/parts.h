/* parts.h - the parts that every document layout is built from (internal):
 * page geometry and type styles from the brief's paper and language, the
 * cover or a title block, the contents, section headings, the summary and
 * talking points, a theme section, the chronology table, the sources, the
 * running header and footer, and the page references filled in once every
 * page exists. A layout (src/layouts/) calls these in its own order; what
 * each layout prints is described in docs/formats.md#layouts. */
#ifndef BRIEFGEN_PARTS_H
#define BRIEFGEN_PARTS_H

#include "compose/compose.h"
#include "layout/flow.h"

/* A line of the contents: its title now, its page once laid out. */
typedef struct bg_toc_entry {
    const char *title;
    int level;
    int page; /* target; -1 until the section is placed */
    double y;
    int line_page; /* where the contents line is */
    double line_top, line_h, end_x;
    int elem; /* its TOCI */
} bg_toc_entry;

/* A page reference placed in the text whose number is drawn once every
 * page exists: "p. 4" / "4쪽" at X on the line at TOP on PAGE. */
typedef struct bg_ref_place {
    int page;
    double top;
} bg_ref_place;
typedef struct bg_page_ref {
    bg_ref_place *at; /* in the arena: the flow moves it with its line */
    double x, line_h;
    int anchor; /* see bg_inline */
    bg_para_style style;
    int elem; /* the structure element of its line */
} bg_page_ref;

/* One document being laid out: the flow, the composed brief, the contents
 * and the anchors that links and page references point to. */
typedef struct bg_doc_layout {
    bg_flow f;
    const bg_doc *doc;
    bg_language lang;
    bg_toc_entry *toc;
    size_t toc_count, toc_cap;
    /* where each anchor stands, -1 until placed: doc->events[i] (its entry
     * where its lead stands: the pack's annex entry) at i, then each
     * event's passages from passage_base[i], then the sources from
     * source_base; anchors past those are the contents lines (headings) */
    int *anchor_page;
    double *anchor_y;
    size_t *passage_base;
    size_t source_base, anchor_count;
    bg_page_ref *refs; /* waiting for their numbers */
    size_t ref_count, ref_cap;
    bool has_cover;                   /* the first page is a cover: no header or footer on it */
    const bg_column *default_columns; /* the chronology's when the brief names none */
    size_t default_column_count;
} bg_doc_layout;

/* How a layout wants its chronology. */
typedef struct bg_chronology_style {
    bool new_page;      /* start on a new page */
    bool link_to_annex; /* each title links to its event's anchor */
    bool group_by_year; /* a year heading before each year's rows, milestones marked */
} bg_chronology_style;

/* Where a theme section's entries show an event's lead. */
typedef enum {
    BG_LEADS_OWNER,     /* in the section that owns it (bg_doc_event.owner_section),
                           elsewhere a page reference */
    BG_LEADS_ELSEWHERE, /* not in the sections (the pack's annex): a page reference */
    BG_LEADS_EVERYWHERE /* in every section (annex: full, an opt-out of "each text once") */
} bg_lead_home;

/* Page size and frame from PAPER, type styles from BRIEF's paper and
 * language. */
int bg_part_setup(bg_flow *flow, bg_pages *pages, const bg_brief *brief);

/* Adds a contents line; returns its index, or -1 out of memory. */
long bg_part_toc_add(bg_doc_layout *dl, const char *title, int level);

/* The contents lines that layouts share, in order: the summary (when the
 * brief has one), the talking points (when WITH_POINTS and the brief has
 * some), a line per theme section, the chronology. -2 for a part left out. */
typedef struct bg_toc_plan {
    long summary, points, first_section, chronology;
} bg_toc_plan;
/* Adds those lines; 0, or -1 out of memory. */
int bg_part_toc_plan(bg_doc_layout *dl, bool with_points, bg_toc_plan *plan);

/* The cover page: marking, titles, subtitle, date, author, the box of
 * themes covered. */
int bg_part_cover(bg_doc_layout *dl);
/* A title block at the head of page 1 in place of a cover. */
int bg_part_title_block(bg_doc_layout *dl);
/* The contents page(s): titles now, leaders and numbers in bg_part_finish. */
int bg_part_contents(bg_doc_layout *dl);
/* The heading of contents line TOC_INDEX, on a new page when NEW_PAGE. */
int bg_part_section_heading(bg_doc_layout *dl, long toc_index, bool new_page);

/* The summary under contents line TOC_INDEX. */
int bg_part_summary(bg_doc_layout *dl, long toc_index, bool new_page);
/* The talking points, numbered, under contents line TOC_INDEX. */
int bg_part_talking_points(bg_doc_layout *dl, long toc_index, bool new_page);
/* A theme section: its heading, description and, for each entry, a run-in
 * "date — title" and the entry's text: its passage on the theme (unless
 * LEADS_ONLY) and, where LEADS says the lead stands, the lead; an entry
 * with nothing to print there is a page reference to the event. */
int bg_part_theme_section(bg_doc_layout *dl, const bg_section *section, long toc_index,
                          bool new_page, bool leads_only, bg_lead_home leads);

/* Anchors (allocated for DL->doc by bg_part_anchors_init, freed by
 * bg_part_anchors_free): the value for bg_inline.anchor and
 * bg_page_ref.anchor of an event's entry, a passage, a source, a heading. */
int bg_part_anchors_init(bg_doc_layout *dl);
void bg_part_anchors_free(bg_doc_layout *dl);
int bg_part_event_anchor(const bg_doc_layout *dl, const bg_doc_event *event);
int bg_part_passage_anchor(const bg_doc_layout *dl, const bg_doc_event *event, size_t passage);
int bg_part_source_anchor(const bg_doc_layout *dl, size_t source);
int bg_part_heading_anchor(const bg_doc_layout *dl, long toc_index);
/* Records that ANCHOR stands on PAGE at Y (a heading's comes from the contents). */
void bg_part_anchor_set(bg_doc_layout *dl, int anchor, int page, double y);
/* Where the flow stands before something is placed, for
 * bg_part_anchor_placed: the anchor goes where its first line landed,
 * which is the next page when the flow moved it there whole. */
typedef struct bg_anchor_mark {
    int page;
    double y;
    size_t drawn;     /* runs and images on PAGE */
    bg_ref_place *at; /* PAGE and Y as the flow moves them (NULL: none) */
} bg_anchor_mark;
bg_anchor_mark bg_part_anchor_mark(bg_doc_layout *dl);
void bg_part_anchor_placed(bg_doc_layout *dl, int anchor, const bg_anchor_mark *mark);
/* A cross-reference: TEXT, an arrow and the page where ANCHOR stands
 * ("29 June 2019, Osaka summit → p. 4"), linked to it, at X to the right
 * margin with MARKER (or NULL) left of it. Room for the number is kept on
 * the line; the number is drawn by bg_part_finish. */
int bg_part_page_ref(bg_doc_layout *dl, const char *text, int anchor, double x, const char *marker);
/* "29 June 2019, Title" / "2019. 6. 29. Title": an event as a reference names it. */
const char *bg_part_event_ref_text(bg_doc_layout *dl, const bg_doc_event *event);
/* The chronology table under contents line TOC_INDEX. */
int bg_part_chronology(bg_doc_layout *dl, long toc_index, const bg_chronology_style *style);
/* The numbered sources under contents line TOC_INDEX, on a new page. */
int bg_part_sources(bg_doc_layout *dl, long toc_index);

/* An event's date, or its span when it lasted several days. */
char *bg_part_event_date(const bg_doc_layout *dl, const bg_event *event, char *buf, size_t size);
/* NAME (a participant) with no-break spaces between its words, in ARENA:
 * lines break between names, inside one only when it alone is wider than
 * the line. NULL without memory. */
char *bg_part_name(bg_arena *arena, const char *name);
/* Blocks TEXT as a run-in paragraph (LEAD_IN first) or, when TEXT is
 * empty, the lead-in alone. */
int bg_part_md(bg_doc_layout *dl, const bg_md *text, const bg_inline *lead_in,
               size_t lead_in_count);
/* A copy of TEXT's blocks, in the arena, that a layout may re-indent. */
bg_block *bg_part_blocks_copy(bg_doc_layout *dl, const bg_md *text, size_t *count);
/* BLOCKS[0..N) one list level deeper, the lists and quotes in them too:
 * the body of a list item that a layout makes of them. */
void bg_part_blocks_in_item(bg_block *blocks, size_t n);

/* Once every page exists: running header and footer, contents leaders,
 * page numbers and links, links to anchors and the numbers of page
 * references. */
int bg_part_finish(bg_doc_layout *dl);

#endif
