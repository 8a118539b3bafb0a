/* fields.h - typed reads of YAML mapping entries with diagnostics: the
 * shared vocabulary of the three loaders (internal). */
#ifndef BRIEFGEN_FIELDS_H
#define BRIEFGEN_FIELDS_H

#include "load/load.h"
#include "load/yamlx.h"

typedef struct bg_fctx {
    bg_arena *arena;
    const char *file;
    bg_diags *diags;
} bg_fctx;

/* Warns once for each key of MAP not in KNOWN (with a did-you-mean). WHERE
 * names the mapping in messages ("brief", "select"). */
void bg_fields_check_keys(bg_fctx *ctx, const bg_ynode *map, const char *const *known, size_t n,
                          const char *where);
/* Reports a missing required KEY of MAP. */
void bg_fields_missing(bg_fctx *ctx, const bg_ynode *map, const char *key);

/* A describing word for the node's type: "a list", "a mapping", "a string". */
const char *bg_fields_type_name(const bg_ynode *node);

/* The string value of KEY; NULL when absent or null. Errors when not a
 * scalar, or when REQUIRED and missing or empty. */
const char *bg_field_string(bg_fctx *ctx, const bg_ynode *map, const char *key, bool required);
/* Markdown text of KEY (block scalars keep their first line right). */
int bg_field_text(bg_fctx *ctx, const bg_ynode *map, const char *key, bg_text *text);
/* A date (docs/formats.md#dates); returns 1 when set, 0 when absent, -1 on error. */
int bg_field_date(bg_fctx *ctx, const bg_ynode *map, const char *key, bool required, bg_date *date);
/* Parses NODE as a date with diagnostics; 0 or -1. */
int bg_node_date(bg_fctx *ctx, const bg_ynode *node, const char *key, bg_date *date);
/* true/false; returns 1 when set, 0 when absent, -1 on error. */
int bg_field_bool(bg_fctx *ctx, const bg_ynode *map, const char *key, bool *value);
/* An integer within [MIN, MAX]; 1 set, 0 absent, -1 error. */
int bg_field_int(bg_fctx *ctx, const bg_ynode *map, const char *key, long min, long max,
                 long *value);
/* A list of strings (a single string is accepted as a list of one). */
int bg_field_strlist(bg_fctx *ctx, const bg_ynode *map, const char *key, bg_strlist *list);
/* One of CHOICES; returns its index, -1 when absent (or on error, with *ERR set). */
int bg_field_choice(bg_fctx *ctx, const bg_ynode *map, const char *key, const char *const *choices,
                    size_t n, int *err);
/* A scalar node's text for a diagnostic about it. */
const char *bg_node_text(const bg_ynode *node);

#endif
