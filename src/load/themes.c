/* themes.c - the theme catalogue, briefs/themes.yaml (docs/formats.md#themes). */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "load/fields.h"
#include "load/loadint.h"

static const char *const theme_keys[] = {"id", "label", "label_ko", "description",
                                         "description_ko"};

/* Reads one catalogue entry into THEME; returns -1 when it cannot be used. */
static int theme_read(bg_fctx *ctx, const bg_ynode *node, bg_theme *theme)
{
    if (node->kind == BG_Y_INVALID) return -1;
    if (node->kind != BG_Y_MAP) {
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "each theme must be a mapping with 'id' and 'label', not %s",
                    bg_fields_type_name(node));
        return -1;
    }
    bg_fields_check_keys(ctx, node, theme_keys, sizeof theme_keys / sizeof theme_keys[0], "theme");
    size_t errors = ctx->diags->errors;
    theme->line = node->line;
    theme->col = node->col;
    theme->id = bg_field_string(ctx, node, "id", true);
    if (theme->id) {
        const bg_ynode *id = bg_ymap_get(node, "id");
        if (!bg_id_valid(theme->id))
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, id->line, id->col,
                        "bad theme id '%s': use lower-case letters, digits and '-'", theme->id);
    }
    theme->label = bg_field_string(ctx, node, "label", true);
    theme->label_ko = bg_field_string(ctx, node, "label_ko", false);
    bg_field_text(ctx, node, "description", &theme->description);
    if (theme->description.markdown) bg_markdown_check(ctx, &theme->description);
    bg_field_text(ctx, node, "description_ko", &theme->description_ko);
    if (theme->description_ko.markdown) bg_markdown_check(ctx, &theme->description_ko);
    /* a required value that is a refused alias or NUL was reported by the
     * YAML reader, not here: the theme is unusable all the same */
    if (!theme->id || !theme->label) return -1;
    return ctx->diags->errors > errors ? -1 : 0;
}

static int compare_themes(const void *a, const void *b)
{
    return strcmp((*(const bg_theme *const *)a)->id, (*(const bg_theme *const *)b)->id);
}

int bg_themes_load(bg_arena *arena, const char *path, bg_diags *diags, bg_themes *themes)
{
    memset(themes, 0, sizeof *themes);
    themes->path = bg_arena_strdup(arena, path);
    char *text;
    size_t len;
    if (bg_read_text_file(arena, path, diags, &text, &len) != 0) return -1;
    bg_ynode *root;
    if (bg_yaml_parse(arena, text, len, path, 1, diags, &root) != 0) return -1;
    bg_fctx ctx = {arena, themes->path, diags};
    if (!root || root->kind != BG_Y_MAP) {
        bg_diag_add(diags, BG_ERROR, path, root ? root->line : 1, root ? root->col : 1,
                    "a theme catalogue must be a mapping with a 'themes' list");
        return -1;
    }
    static const char *const top_keys[] = {"themes"};
    bg_fields_check_keys(&ctx, root, top_keys, 1, "theme catalogue");
    const bg_ynode *list = bg_ymap_get(root, "themes");
    if (!list) {
        bg_fields_missing(&ctx, root, "themes");
        return -1;
    }
    if (list->kind != BG_Y_SEQ) {
        bg_diag_add(diags, BG_ERROR, path, list->line, list->col, "'themes' must be a list, not %s",
                    bg_fields_type_name(list));
        return -1;
    }
    themes->items = bg_arena_alloc(arena, (list->count ? list->count : 1) * sizeof(bg_theme));
    themes->invalid_ids =
        bg_arena_alloc(arena, (list->count ? list->count : 1) * sizeof *themes->invalid_ids);
    if (!themes->items || !themes->invalid_ids) return -1;
    /* the ids seen, in an open-addressed table (index + 1; 0 empty), so
     * that a long catalogue costs its length, not its square */
    size_t cap = 16;
    while (cap < list->count * 2)
        cap *= 2;
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < list->count; i++) {
        bg_theme theme;
        memset(&theme, 0, sizeof theme);
        if (theme_read(&ctx, list->items[i], &theme) != 0) {
            if (theme.id) themes->invalid_ids[themes->invalid_count++] = theme.id;
            continue;
        }
        size_t k = (size_t)bg_fnv1a(theme.id, strlen(theme.id)) & (cap - 1);
        while (slots[k] && strcmp(themes->items[slots[k] - 1].id, theme.id) != 0)
            k = (k + 1) & (cap - 1);
        if (slots[k]) {
            const bg_ynode *id = bg_ymap_get(list->items[i], "id");
            bg_diag_add(diags, BG_ERROR, path, id->line, id->col,
                        "duplicate theme id '%s' (first defined on line %d)", theme.id,
                        themes->items[slots[k] - 1].line);
            continue;
        }
        themes->items[themes->count++] = theme;
        slots[k] = themes->count;
    }
    free(slots);
    themes->by_id = bg_arena_alloc(arena, (themes->count + 1) * sizeof *themes->by_id);
    if (!themes->by_id) return -1;
    for (size_t i = 0; i < themes->count; i++)
        themes->by_id[i] = &themes->items[i];
    qsort(themes->by_id, themes->count, sizeof *themes->by_id, compare_themes);
    return 0;
}

const bg_theme *bg_themes_find(const bg_themes *themes, const char *id)
{
    if (!themes) return NULL;
    if (themes->by_id) {
        size_t lo = 0, hi = themes->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = strcmp(themes->by_id[mid]->id, id);
            if (c == 0) return themes->by_id[mid];
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return NULL;
    }
    for (size_t i = 0; i < themes->count; i++) /* a catalogue made by hand */
        if (strcmp(themes->items[i].id, id) == 0) return &themes->items[i];
    return NULL;
}

const char **bg_themes_ids(bg_arena *arena, const bg_themes *themes)
{
    size_t n = themes ? themes->count : 0;
    const char **ids = bg_arena_alloc(arena, (n + 1) * sizeof *ids);
    if (!ids) return NULL;
    for (size_t i = 0; i < n; i++)
        ids[i] = themes->items[i].id;
    return ids;
}

int bg_themes_known_invalid(const bg_themes *themes, const char *id)
{
    for (size_t i = 0; themes && i < themes->invalid_count; i++)
        if (strcmp(themes->invalid_ids[i], id) == 0) return 1;
    return 0;
}

void bg_unknown_theme(bg_fctx *ctx, const bg_themes *themes, const char *id, int line, int col)
{
    if (bg_themes_known_invalid(themes, id)) return; /* its own error was reported */
    /* (no suggestion for a message that is only counted) */
    const char **ids = ctx->diags->count < BG_DIAGS_MAX ? bg_themes_ids(ctx->arena, themes) : NULL;
    const char *hint = ids ? bg_suggest(id, ids, themes ? themes->count : 0) : NULL;
    if (hint)
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, line, col,
                    "unknown theme '%s' (did you mean '%s'?)", id, hint);
    else
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, line, col, "unknown theme '%s'", id);
}

int bg_id_valid(const char *id)
{
    if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) return 0;
    return 1;
}
