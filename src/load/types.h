/* types.h - the loaded inputs as plain data: dates, themes, events, the
 * corpus and brief definitions (docs/formats.md). All strings are UTF-8
 * and owned by the arena they were loaded into. */
#ifndef BRIEFGEN_TYPES_H
#define BRIEFGEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/date.h"

typedef enum {
    BG_KIND_SUMMIT,
    BG_KIND_PHONE_CALL,
    BG_KIND_MEETING,
    BG_KIND_VISIT,
    BG_KIND_DIALOGUE,
    BG_KIND_AGREEMENT,
    BG_KIND_INTERVIEW,
    BG_KIND_STATEMENT,
    BG_KIND_OTHER,
    BG_KIND_COUNT
} bg_kind;

/* The spelling of KIND in the formats ("phone-call"). */
const char *bg_kind_name(bg_kind kind);
/* The kind spelt NAME; returns -1 when there is none. */
int bg_kind_from_name(const char *name, bg_kind *kind);
/* The BG_KIND_COUNT spellings, in enum order. */
const char *const *bg_kind_names(void);

/* A stretch of Markdown taken from a file, with where it starts. */
typedef struct bg_text {
    const char *markdown; /* NULL when absent */
    const char *file;
    int line; /* line of the file where the Markdown's first line is */
} bg_text;

typedef struct bg_theme {
    const char *id;
    const char *label;
    const char *label_ko; /* NULL when absent */
    bg_text description;
    bg_text description_ko; /* markdown NULL when absent */
    int line, col;          /* where the entry is defined */
} bg_theme;

typedef struct bg_themes {
    const char *path;
    bg_theme *items;
    size_t count;
    const bg_theme **by_id;   /* the COUNT items sorted by id, for bg_themes_find */
    const char **invalid_ids; /* ids of entries left out for their errors */
    size_t invalid_count;
} bg_themes;

typedef struct bg_source {
    const char *title;
    const char *publisher;
    bg_date date;
    bool has_date;
    const char *url; /* NULL when absent */
} bg_source;

/* A level-2 section of an event's body: a passage on a theme when THEME_ID
 * is set, else an ordinary subsection under HEADING. */
typedef struct bg_passage {
    const char *theme_id; /* NULL for an ordinary subsection */
    const char *heading;
    bg_text body;
} bg_passage;

typedef struct bg_event {
    const char *id;
    const char *path;
    int id_line, id_col; /* where the id is given */
    bg_date date;
    bg_date end;
    bool has_end;
    const char *time;     /* "HH:MM" or NULL */
    const char *timezone; /* "+HH:MM" or NULL */
    const char *title;
    const char *title_ko; /* NULL when absent */
    bg_kind kind;
    const char *place; /* NULL when absent */
    const char **participants;
    size_t participant_count;
    const char **themes; /* listed themes, then those added by passages */
    size_t theme_count;
    bool milestone;
    bg_source *sources;
    size_t source_count;
    bg_text lead;
    bg_passage *passages;
    size_t passage_count;
    bool invalid; /* had errors; kept only to know its id */
    /* its Korean text, <id>.ko.md beside it (docs/formats.md#korean-text) */
    bool has_ko;
    const char *ko_path;
    const char *place_ko; /* NULL when absent */
    const char **participants_ko;
    size_t participant_ko_count;
    bg_text lead_ko;
    bg_passage *passages_ko;
    size_t passage_ko_count;
} bg_event;

typedef struct bg_corpus {
    const char *dir;
    bg_event **events; /* sorted by date, time, id */
    size_t count;
    const char **invalid_ids; /* ids of events left out for their errors */
    size_t invalid_count;
    /* the events by id, open addressing over BY_ID_CAP slots (a power of
     * two, in the arena); NULL: bg_corpus_find looks through EVENTS */
    bg_event **by_id;
    size_t by_id_cap;
} bg_corpus;

typedef enum { BG_LANG_EN, BG_LANG_KO } bg_language;
typedef enum { BG_LAYOUT_PACK, BG_LAYOUT_RETROSPECTIVE, BG_LAYOUT_HANDOUT } bg_layout;

/* The pack's annex (docs/formats.md#briefs): each event's lead, details,
 * sources by number and its passages' pages; or every text again; or none. */
typedef enum { BG_ANNEX_BRIEF, BG_ANNEX_FULL, BG_ANNEX_NONE } bg_annex;
typedef enum { BG_PAPER_A4, BG_PAPER_LETTER, BG_PAPER_A5 } bg_paper;

typedef enum {
    BG_COL_DATE,
    BG_COL_TITLE,
    BG_COL_KIND,
    BG_COL_PLACE,
    BG_COL_PARTICIPANTS,
    BG_COL_THEMES,
    BG_COL_YEARS_AGO,
    BG_COL_COUNT
} bg_column;

const char *bg_column_name(bg_column column);
/* The BG_COL_COUNT spellings, in enum order. */
const char *const *bg_column_names(void);

/* A list of strings from the brief, each with its position. */
typedef struct bg_strlist {
    const char **items;
    int *lines;
    int *cols;
    size_t count;
    bool present; /* the key was given */
} bg_strlist;

typedef struct bg_selection {
    bg_strlist events;
    bg_strlist themes;
    bg_strlist kinds;
    bg_kind *kind_values;
    bg_strlist participants;
    bg_strlist exclude;
    bg_date from, to;
    bool has_from, has_to;
    int line, col; /* position of the select key, for "empty selection" */
} bg_selection;

typedef struct bg_brief {
    const char *path;
    const char *dir; /* directory of the brief: relative paths start here */
    /* the folder images must stay inside (compose/images.h): DIR unless
     * the caller widens it (a future 'render --root DIR') */
    const char *root;
    const char *stem;
    const char *title;
    const char *title_ko;
    const char *subtitle;
    bg_date date;
    const char *author;
    const char *classification;
    bg_language language;
    bg_layout layout;
    bg_annex annex;
    bg_paper paper;
    const char *corpus_dir;  /* resolved against DIR */
    const char *themes_path; /* resolved against DIR */
    int corpus_line, corpus_col, themes_line, themes_col;
    bg_selection select;
    bg_strlist sections;
    bg_text summary;
    bg_text *talking_points;
    size_t talking_point_count;
    bool has_anniversary;
    bg_date anniversary_date;
    const char *anniversary_label;
    const char *chronology_title;
    bg_column *columns;
    size_t column_count; /* 0: the layout's default columns */
    bg_date chronology_from, chronology_to;
    bool has_chronology_from, has_chronology_to;
    const char *output; /* resolved against DIR, NULL when absent */
    const char *font_body, *font_heading, *font_mono;
    int font_line[3], font_col[3]; /* where each is given: body, heading, mono */
    bool pdf_a;                    /* pdf_standard: a-2b or a-2a (docs/formats.md#briefs) */
    int korean_syllable_penalty;
    /* the --set overrides "KEY=VALUE" applied (their nodes' lines are
     * bg_brief_name_overrides's to rename) */
    const char *const *set;
    const int *set_first_line; /* override K's lines: [K] to [K + 1] - 1 */
    size_t set_count;
} bg_brief;

#endif
