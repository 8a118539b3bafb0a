/* fields.c - typed reads of YAML mapping entries with diagnostics. */
#include "load/fields.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *bg_fields_type_name(const bg_ynode *node)
{
    switch (node->kind) {
    case BG_Y_SEQ:
        return "a list";
    case BG_Y_MAP:
        return "a mapping";
    case BG_Y_SCALAR:
        return "a string";
    default:
        return "an invalid value";
    }
}

const char *bg_node_text(const bg_ynode *node)
{
    return node && node->kind == BG_Y_SCALAR ? node->value : "";
}

void bg_fields_check_keys(bg_fctx *ctx, const bg_ynode *map, const char *const *known, size_t n,
                          const char *where)
{
    for (size_t i = 0; i < map->count; i++) {
        const bg_ynode *key = map->keys[i];
        int found = 0;
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(key->value, known[k]) == 0;
        if (found) continue;
        const char *hint = bg_suggest(key->value, known, n);
        if (hint)
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, key->line, key->col,
                        "unknown key '%s' in %s (did you mean '%s'?)", key->value, where, hint);
        else
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, key->line, key->col,
                        "unknown key '%s' in %s", key->value, where);
    }
}

void bg_fields_missing(bg_fctx *ctx, const bg_ynode *map, const char *key)
{
    bg_diag_add(ctx->diags, BG_ERROR, ctx->file, map ? map->line : 1, map ? map->col : 1,
                "missing required key '%s'", key);
}

/* The key node of KEY in MAP, for positions. */
static const bg_ynode *key_node(const bg_ynode *map, const char *key)
{
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i]->value, key) == 0) return map->keys[i];
    return map;
}

static void wrong_type(bg_fctx *ctx, const bg_ynode *node, const char *key, const char *want)
{
    bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col, "'%s' must be %s, not %s",
                key, want, bg_fields_type_name(node));
}

const char *bg_field_string(bg_fctx *ctx, const bg_ynode *map, const char *key, bool required)
{
    const bg_ynode *node = bg_ymap_get(map, key);
    if (!node || bg_ynode_is_null(node)) {
        if (required) {
            if (node) {
                const bg_ynode *k = key_node(map, key);
                bg_diag_add(ctx->diags, BG_ERROR, ctx->file, k->line, k->col, "'%s' is empty", key);
            } else {
                bg_fields_missing(ctx, map, key);
            }
        }
        return NULL;
    }
    if (node->kind == BG_Y_INVALID) return NULL;
    if (node->kind != BG_Y_SCALAR) {
        wrong_type(ctx, node, key, "a string");
        return NULL;
    }
    if (required && node->len == 0) {
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col, "'%s' is empty", key);
        return NULL;
    }
    return node->value;
}

int bg_field_text(bg_fctx *ctx, const bg_ynode *map, const char *key, bg_text *text)
{
    memset(text, 0, sizeof *text);
    const bg_ynode *node = bg_ymap_get(map, key);
    const char *value = bg_field_string(ctx, map, key, false);
    if (!value) return 0;
    text->markdown = value;
    text->file = ctx->file;
    text->line = node->line + (node->block ? 1 : 0);
    return 1;
}

int bg_node_date(bg_fctx *ctx, const bg_ynode *node, const char *key, bg_date *date)
{
    if (node->kind == BG_Y_INVALID) return -1;
    if (node->kind != BG_Y_SCALAR) {
        wrong_type(ctx, node, key, "a date (YYYY-MM-DD, YYYY-MM or YYYY)");
        return -1;
    }
    if (bg_date_parse(node->value, date) != 0) {
        /* right shape, but no such day or month */
        int y, m, d;
        char tail;
        int fields = sscanf(node->value, "%4d-%2d-%2d%c", &y, &m, &d, &tail);
        if ((fields == 3 && strlen(node->value) == 10) || (fields == 2 && strlen(node->value) == 7))
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                        "bad date '%s' for '%s': no such %s", node->value, key,
                        m < 1 || m > 12 ? "month" : "day");
        else
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                        "bad date '%s' for '%s': expected YYYY-MM-DD, YYYY-MM or YYYY", node->value,
                        key);
        return -1;
    }
    return 0;
}

int bg_field_date(bg_fctx *ctx, const bg_ynode *map, const char *key, bool required, bg_date *date)
{
    const bg_ynode *node = bg_ymap_get(map, key);
    if (!node || bg_ynode_is_null(node)) {
        if (required) {
            if (node) {
                const bg_ynode *k = key_node(map, key);
                bg_diag_add(ctx->diags, BG_ERROR, ctx->file, k->line, k->col, "'%s' is empty", key);
            } else {
                bg_fields_missing(ctx, map, key);
            }
            return -1;
        }
        return 0;
    }
    return bg_node_date(ctx, node, key, date) == 0 ? 1 : -1;
}

int bg_field_bool(bg_fctx *ctx, const bg_ynode *map, const char *key, bool *value)
{
    const bg_ynode *node = bg_ymap_get(map, key);
    if (!node || bg_ynode_is_null(node)) return 0;
    if (node->kind == BG_Y_INVALID) return -1;
    if (node->kind == BG_Y_SCALAR) {
        static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
        static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
            if (strcmp(node->value, yes[i]) == 0) {
                *value = true;
                return 1;
            }
            if (strcmp(node->value, no[i]) == 0) {
                *value = false;
                return 1;
            }
        }
    }
    bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                "'%s' must be true or false, not '%s'", key,
                node->kind == BG_Y_SCALAR ? node->value : bg_fields_type_name(node));
    return -1;
}

int bg_field_int(bg_fctx *ctx, const bg_ynode *map, const char *key, long min, long max,
                 long *value)
{
    const bg_ynode *node = bg_ymap_get(map, key);
    if (!node || bg_ynode_is_null(node)) return 0;
    if (node->kind == BG_Y_INVALID) return -1;
    if (node->kind == BG_Y_SCALAR && node->len > 0) {
        char *end;
        errno = 0;
        long v = strtol(node->value, &end, 10);
        if (errno == 0 && *end == '\0' && v >= min && v <= max) {
            *value = v;
            return 1;
        }
    }
    bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                "'%s' must be a whole number from %ld to %ld, not '%s'", key, min, max,
                node->kind == BG_Y_SCALAR ? node->value : bg_fields_type_name(node));
    return -1;
}

int bg_field_strlist(bg_fctx *ctx, const bg_ynode *map, const char *key, bg_strlist *list)
{
    memset(list, 0, sizeof *list);
    const bg_ynode *node = bg_ymap_get(map, key);
    if (!node) return 0;
    list->present = true;
    if (bg_ynode_is_null(node)) return 0;
    if (node->kind == BG_Y_INVALID) return -1;
    const bg_ynode *const *items;
    size_t n;
    if (node->kind == BG_Y_SCALAR) {
        items = (const bg_ynode *const *)&node;
        n = 1;
        if (node->plain && strchr(node->value, ','))
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, node->line, node->col,
                        "'%s' is one string with commas; for a list write [%s]", key, node->value);
    } else if (node->kind == BG_Y_SEQ) {
        items = (const bg_ynode *const *)node->items;
        n = node->count;
    } else {
        wrong_type(ctx, node, key, "a list of strings");
        return -1;
    }
    list->items = bg_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *list->items);
    list->lines = bg_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *list->lines);
    list->cols = bg_arena_alloc(ctx->arena, (n ? n : 1) * sizeof *list->cols);
    if (!list->items || !list->lines || !list->cols) return -1;
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        const bg_ynode *item = items[i];
        if (item->kind == BG_Y_INVALID) {
            status = -1;
            continue;
        }
        if (item->kind != BG_Y_SCALAR || bg_ynode_is_null(item)) {
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, item->line, item->col,
                        "each item of '%s' must be a string, not %s", key,
                        item->kind == BG_Y_SCALAR ? "empty" : bg_fields_type_name(item));
            status = -1;
            continue;
        }
        list->items[list->count] = item->value;
        list->lines[list->count] = item->line;
        list->cols[list->count] = item->col;
        list->count++;
    }
    return status;
}

int bg_field_choice(bg_fctx *ctx, const bg_ynode *map, const char *key, const char *const *choices,
                    size_t n, int *err)
{
    *err = 0;
    const bg_ynode *node = bg_ymap_get(map, key);
    const char *value = bg_field_string(ctx, map, key, false);
    if (!value) {
        if (node && !bg_ynode_is_null(node)) *err = 1;
        return -1;
    }
    for (size_t i = 0; i < n; i++) /* A4, a4 and Letter, letter alike */
        if (strcasecmp(value, choices[i]) == 0) return (int)i;
    *err = 1;
    const char *hint = bg_suggest(value, choices, n);
    char allowed[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (i) strncat(allowed, ", ", sizeof allowed - strlen(allowed) - 1);
        strncat(allowed, choices[i], sizeof allowed - strlen(allowed) - 1);
    }
    if (hint)
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "unknown %s '%s' (did you mean '%s'?)", key, value, hint);
    else
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "unknown %s '%s'; expected one of: %s", key, value, allowed);
    return -1;
}
