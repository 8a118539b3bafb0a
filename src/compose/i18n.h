/* i18n.h - the fixed strings and date formats of docs/formats.md#language in English
 * and Korean (internal). */
#ifndef BRIEFGEN_I18N_H
#define BRIEFGEN_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "load/types.h"

typedef enum {
    BG_STR_CONTENTS,
    BG_STR_SUMMARY,
    BG_STR_TALKING_POINTS,
    BG_STR_CHRONOLOGY,
    BG_STR_ANNEX,
    BG_STR_SOURCES,
    BG_STR_THEMES_COVERED,
    BG_STR_DATE,
    BG_STR_TITLE,
    BG_STR_KIND,
    BG_STR_PLACE,
    BG_STR_PARTICIPANTS,
    BG_STR_THEMES,
    BG_STR_YEARS_AGO,
    BG_STR_COUNT
} bg_str;

const char *bg_string(bg_language lang, bg_str id);
const char *bg_kind_label(bg_language lang, bg_kind kind);
/* "29 June 2019", "June 2019", "2019"; or "2019. 6. 29.(토)", "2019. 6.", "2019." */
char *bg_date_text(bg_language lang, bg_date date, char *buf, size_t size);
/* The same, with the Korean weekday only when WEEKDAY. */
char *bg_date_text_opt(bg_language lang, bg_date date, bool weekday, char *buf, size_t size);
/* A multi-day span: "29–30 June 2019", "2019. 6. 29.~30.". */
char *bg_span_text(bg_language lang, bg_date from, bg_date to, char *buf, size_t size);
/* "N events, FIRST – LAST" / "사건 N건, FIRST~LAST" */
char *bg_range_text(bg_language lang, size_t events, bg_date first, bg_date last, char *buf,
                    size_t size);
/* "Page 3 of 12" / "3 / 12" */
char *bg_page_text(bg_language lang, int page, int total, char *buf, size_t size);
/* A page reference: "p. 4" / "4쪽" (no-break space in English). */
char *bg_page_ref_text(bg_language lang, int page, char *buf, size_t size);
/* TEXT with straight quotes made typographic (“ ” ‘ ’), as cmark's smart
 * punctuation does for Markdown; for plain strings from YAML (titles).
 * Returns TEXT itself when it has none; else a copy in ARENA. */
const char *bg_smart_quotes(bg_arena *arena, const char *text);

/* True when TEXT ends a sentence of its own (its last character, past
 * closing quotes and brackets, is . ? ! or an ellipsis, or their
 * full-width forms), so that no stop or colon is added after it. */
bool bg_ends_sentence(const char *text);
/* Day of the week, 0 Sunday, of a full date (Zeller/Sakamoto). */
int bg_weekday(bg_date date);

#endif
