/* names.c - the spellings of the enumerations in the input formats
 * (docs/formats.md): event kinds and chronology columns. */
#include <string.h>

#include "load/types.h"

static const char *const kind_names[BG_KIND_COUNT] = {"summit",    "phone-call", "meeting",
                                                      "visit",     "dialogue",   "agreement",
                                                      "interview", "statement",  "other"};

const char *bg_kind_name(bg_kind kind)
{
    return (unsigned)kind < BG_KIND_COUNT ? kind_names[kind] : "other";
}

int bg_kind_from_name(const char *name, bg_kind *kind)
{
    for (int i = 0; i < BG_KIND_COUNT; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (bg_kind)i;
            return 0;
        }
    }
    return -1;
}

const char *const *bg_kind_names(void)
{
    return kind_names;
}

static const char *const column_names[BG_COL_COUNT] = {
    "date", "title", "kind", "place", "participants", "themes", "years_ago"};

const char *bg_column_name(bg_column column)
{
    return (unsigned)column < BG_COL_COUNT ? column_names[column] : "?";
}

const char *const *bg_column_names(void)
{
    return column_names;
}
