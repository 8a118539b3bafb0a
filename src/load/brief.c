/* brief.c - brief definitions, briefs/<name>.yaml (docs/formats.md#briefs): every key
 * checked for type and value, paths resolved against the brief's folder,
 * references to themes and events checked against what the brief uses. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "load/loadint.h"

static const char *const brief_keys[] = {
    "title",    "title_ko",   "subtitle",       "date",        "author",      "classification",
    "language", "layout",     "paper",          "corpus",      "themes_file", "select",
    "sections", "summary",    "talking_points", "anniversary", "chronology",  "output",
    "fonts",    "typography", "annex",          "pdf_standard"};
static const char *const select_keys[] = {"events", "themes", "kinds",  "participants",
                                          "from",   "to",     "exclude"};
static const char *const anniversary_keys[] = {"date", "label"};
static const char *const chronology_keys[] = {"title", "columns", "from", "to"};
static const char *const font_keys[] = {"body", "heading", "mono"};
static const char *const typography_keys[] = {"korean_syllable_penalty"};
static const char *const languages[] = {"en", "ko"};
static const char *const layouts[] = {"pack", "retrospective", "handout"};
static const char *const papers[] = {"A4", "Letter", "A5"};
static const char *const annexes[] = {"brief", "full", "none"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A sub-mapping KEY of MAP, or NULL (with an error when it is not a mapping). */
static const bg_ynode *submap(bg_fctx *ctx, const bg_ynode *map, const char *key,
                              const char *const *known, size_t n)
{
    const bg_ynode *node = bg_ymap_get(map, key);
    if (!node || bg_ynode_is_null(node) || node->kind == BG_Y_INVALID) return NULL;
    if (node->kind != BG_Y_MAP) {
        char keys[160] = "";
        for (size_t i = 0; i < n; i++) {
            size_t used = strlen(keys);
            snprintf(keys + used, sizeof keys - used, "%s%s", i ? ", " : "", known[i]);
        }
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "'%s' must be a mapping with the keys %s ('%s: {%s: ...}'), not %s", key, keys,
                    key, known[0], bg_fields_type_name(node));
        return NULL;
    }
    bg_fields_check_keys(ctx, node, known, n, key);
    return node;
}

static void range_check(bg_fctx *ctx, const bg_ynode *map, bool has_from, bg_date from, bool has_to,
                        bg_date to)
{
    if (!has_from || !has_to) return;
    if (bg_date_compare(bg_date_first_day(from), bg_date_last_day(to)) > 0) {
        const bg_ynode *node = bg_ymap_get(map, "to");
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "'to' (%s) is before 'from'", node->value);
    }
}

/* pdf_standard: a standard or a list of them, as Typst spells them
 * ("a-2b", "pdf/a-2b"; "ua-1" is every PDF's aim and may be named). */
static void standards_read(bg_fctx *ctx, const bg_ynode *root, bg_brief *brief)
{
    static const char *const known[] = {"a-2a", "a-2b", "ua-1"};
    bg_strlist list;
    if (!bg_ymap_get(root, "pdf_standard") ||
        bg_field_strlist(ctx, root, "pdf_standard", &list) != 0)
        return;
    for (size_t i = 0; i < list.count; i++) {
        const char *v = list.items[i];
        if (strncasecmp(v, "pdf/", 4) == 0) v += 4;
        size_t k = 0;
        while (k < COUNT(known) && strcasecmp(v, known[k]) != 0)
            k++;
        if (k == COUNT(known)) {
            const char *hint = bg_suggest(v, known, COUNT(known));
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, list.lines[i], list.cols[i],
                        "unknown PDF standard '%s'; expected a-2a, a-2b or ua-1%s%s%s",
                        list.items[i], hint ? " (did you mean '" : "", hint ? hint : "",
                        hint ? "'?)" : "");
            continue;
        }
        if (k <= 1) brief->pdf_a = true; /* (every PDF is tagged: a-2a, ua-1) */
    }
}

static void select_read(bg_fctx *ctx, const bg_ynode *root, bg_selection *sel)
{
    const bg_ynode *key = NULL;
    for (size_t i = 0; i < root->count; i++)
        if (strcmp(root->keys[i]->value, "select") == 0) key = root->keys[i];
    if (!key) {
        bg_fields_missing(ctx, root, "select");
        return;
    }
    sel->line = key->line;
    sel->col = key->col;
    const bg_ynode *map = submap(ctx, root, "select", select_keys, COUNT(select_keys));
    if (!map) {
        const bg_ynode *value = bg_ymap_get(root, "select");
        if (bg_ynode_is_null(value))
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, key->line, key->col,
                        "'select' is empty: give 'events' or at least one filter");
        return;
    }
    bg_field_strlist(ctx, map, "events", &sel->events);
    bg_field_strlist(ctx, map, "themes", &sel->themes);
    bg_field_strlist(ctx, map, "participants", &sel->participants);
    bg_field_strlist(ctx, map, "exclude", &sel->exclude);
    bg_field_strlist(ctx, map, "kinds", &sel->kinds);
    sel->kind_values = bg_arena_alloc(ctx->arena, (sel->kinds.count + 1) * sizeof(bg_kind));
    size_t good = 0;
    for (size_t i = 0; i < sel->kinds.count && sel->kind_values; i++) {
        if (bg_kind_from_name(sel->kinds.items[i], &sel->kind_values[good]) == 0) {
            sel->kinds.items[good] = sel->kinds.items[i];
            sel->kinds.lines[good] = sel->kinds.lines[i];
            sel->kinds.cols[good] = sel->kinds.cols[i];
            good++;
            continue;
        }
        const char *hint = bg_suggest(sel->kinds.items[i], bg_kind_names(), BG_KIND_COUNT);
        if (hint)
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, sel->kinds.lines[i], sel->kinds.cols[i],
                        "unknown kind '%s' (did you mean '%s'?)", sel->kinds.items[i], hint);
        else
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, sel->kinds.lines[i], sel->kinds.cols[i],
                        "unknown kind '%s'; expected summit, phone-call, meeting, visit, "
                        "dialogue, agreement, interview, statement or other",
                        sel->kinds.items[i]);
    }
    sel->kinds.count = good;
    sel->has_from = bg_field_date(ctx, map, "from", false, &sel->from) == 1;
    sel->has_to = bg_field_date(ctx, map, "to", false, &sel->to) == 1;
    range_check(ctx, map, sel->has_from, sel->from, sel->has_to, sel->to);
    if (map->count == 0)
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, key->line, key->col,
                    "'select' is empty: give 'events' or at least one filter");
}

static void chronology_read(bg_fctx *ctx, const bg_ynode *root, bg_brief *brief)
{
    const bg_ynode *map = submap(ctx, root, "chronology", chronology_keys, COUNT(chronology_keys));
    bg_strlist cols = {0};
    if (map) {
        brief->chronology_title = bg_field_string(ctx, map, "title", false);
        bg_field_strlist(ctx, map, "columns", &cols);
        brief->has_chronology_from =
            bg_field_date(ctx, map, "from", false, &brief->chronology_from) == 1;
        brief->has_chronology_to = bg_field_date(ctx, map, "to", false, &brief->chronology_to) == 1;
        range_check(ctx, map, brief->has_chronology_from, brief->chronology_from,
                    brief->has_chronology_to, brief->chronology_to);
    }
    brief->columns = bg_arena_alloc(ctx->arena, (cols.count + 5) * sizeof(bg_column));
    if (!brief->columns) return;
    if (cols.count == 0) return; /* the layout's own columns */
    for (size_t i = 0; i < cols.count; i++) {
        int found = -1;
        for (int c = 0; c < BG_COL_COUNT; c++)
            if (strcmp(cols.items[i], bg_column_name((bg_column)c)) == 0) found = c;
        if (found < 0) {
            const char *hint = bg_suggest(cols.items[i], bg_column_names(), BG_COL_COUNT);
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, cols.lines[i], cols.cols[i],
                        hint ? "unknown column '%s' (did you mean '%s'?)"
                             : "unknown column '%s'%s; expected date, title, kind, place, "
                               "participants, themes or years_ago",
                        cols.items[i], hint ? hint : "");
            continue;
        }
        int twice = 0;
        for (size_t k = 0; k < brief->column_count; k++)
            twice |= brief->columns[k] == (bg_column)found;
        if (twice) {
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, cols.lines[i], cols.cols[i],
                        "column '%s' is listed twice", cols.items[i]);
            continue;
        }
        brief->columns[brief->column_count++] = (bg_column)found;
    }
}

static void talking_points_read(bg_fctx *ctx, const bg_ynode *root, bg_brief *brief)
{
    const bg_ynode *node = bg_ymap_get(root, "talking_points");
    if (!node || bg_ynode_is_null(node) || node->kind == BG_Y_INVALID) return;
    if (node->kind != BG_Y_SEQ) {
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "'talking_points' must be a list of Markdown strings, not %s",
                    bg_fields_type_name(node));
        return;
    }
    brief->talking_points = bg_arena_alloc(ctx->arena, (node->count + 1) * sizeof(bg_text));
    if (!brief->talking_points) return;
    for (size_t i = 0; i < node->count; i++) {
        const bg_ynode *item = node->items[i];
        if (item->kind == BG_Y_INVALID) continue;
        if (item->kind != BG_Y_SCALAR || bg_ynode_is_null(item)) {
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, item->line, item->col,
                        "each talking point must be a string, not %s",
                        item->kind == BG_Y_SCALAR ? "empty" : bg_fields_type_name(item));
            continue;
        }
        bg_text *t = &brief->talking_points[brief->talking_point_count++];
        t->markdown = item->value;
        t->file = ctx->file;
        t->line = item->line + (item->block ? 1 : 0);
        bg_markdown_check(ctx, t);
    }
}

/* A path-valued key resolved against the brief's folder. */
static const char *path_field(bg_fctx *ctx, const bg_ynode *root, const char *key,
                              const char *fallback, const char *dir, int *line, int *col)
{
    const char *value = bg_field_string(ctx, root, key, false);
    const bg_ynode *node = bg_ymap_get(root, key);
    *line = node ? node->line : 0;
    *col = node ? node->col : 0;
    if (value && !*value) value = NULL;
    if (!value) value = fallback;
    return value ? bg_path_join(ctx->arena, dir, value) : NULL;
}

int bg_brief_load(bg_arena *arena, const char *path, bg_diags *diags, bg_brief *brief)
{
    return bg_brief_load_set(arena, path, NULL, 0, diags, brief);
}

int bg_brief_load_set(bg_arena *arena, const char *path, const char *const *set, size_t set_count,
                      bg_diags *diags, bg_brief *brief)
{
    char *text;
    size_t len;
    /* "-": standard input, named <stdin>; its relative paths are taken from
     * the current folder, and its default output is output/stdin.pdf */
    bool from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "<stdin>" : path;
    if ((from_stdin ? bg_read_text_stream(arena, stdin, name, diags, &text, &len)
                    : bg_read_text_file(arena, path, diags, &text, &len)) != 0) {
        memset(brief, 0, sizeof *brief);
        brief->path = bg_arena_strdup(arena, name);
        return -1;
    }
    int status = bg_brief_parse_set(arena, name, text, len, set, set_count, diags, brief);
    if (from_stdin) brief->stem = "stdin";
    return status;
}

/* --set: the value nodes of the overrides get lines from SET_LINE on, each
 * override after the lines of the one before, so that their diagnostics
 * can be told from the file's and named after the option
 * (bg_brief_name_overrides); FIRST[K] is override K's first line, FIRST[COUNT]
 * the line after the last. */
#define SET_LINE 1000000000

/* "--set KEY=VALUE" as diagnostics name an override: a value of several
 * lines by its first line and "..." (a diagnostic is one line); NULL
 * without memory. The caller frees it. */
static char *set_where(const char *set)
{
    size_t len = strcspn(set, "\n");
    const char *more = set[len] ? "..." : "";
    size_t size = len + strlen(more) + sizeof "--set ";
    char *where = malloc(size);
    if (where) snprintf(where, size, "--set %.*s%s", (int)len, set, more);
    return where;
}

/* Puts the overrides into ROOT, replacing a key's value or adding the key;
 * a malformed one is reported and skipped. Returns -1 only without
 * memory. */
static int set_apply(bg_arena *arena, const char *path, bg_ynode *root, const char *const *set,
                     size_t count, int *first, bg_diags *diags)
{
    int line = SET_LINE;
    for (size_t k = 0; k < count; k++) {
        first[k] = line;
        const char *eq = strchr(set[k], '=');
        char *held = set_where(set[k]);
        const char *where = bg_arena_strdup(arena, held ? held : "--set");
        free(held);
        size_t lines = 1;
        for (const char *c = set[k]; *c; c++)
            lines += *c == '\n';
        if (lines >= (size_t)(INT_MAX - line)) {
            bg_diag_add(diags, BG_ERROR, where, 0, 0, "too many lines in --set");
            first[k + 1] = line;
            return 0;
        }
        line += (int)lines;
        first[k + 1] = line;
        size_t key_len = eq ? (size_t)(eq - set[k]) : 0;
        if (!eq || key_len == 0) {
            bg_diag_add(diags, BG_ERROR, where, 0, 0, "expected KEY=VALUE (--set paper=Letter)");
            continue;
        }
        char *key = bg_arena_strndup(arena, set[k], key_len);
        size_t known = 0;
        while (known < COUNT(brief_keys) && strcmp(brief_keys[known], key) != 0)
            known++;
        if (known == COUNT(brief_keys)) {
            const char *hint = bg_suggest(key, brief_keys, COUNT(brief_keys));
            if (hint)
                bg_diag_add(diags, BG_ERROR, where, 0, 0,
                            "unknown brief key '%s' (did you mean '%s'?)", key, hint);
            else
                bg_diag_add(diags, BG_ERROR, where, 0, 0, "unknown brief key '%s'", key);
            continue;
        }
        bg_ynode *value = NULL;
        if (bg_yaml_parse(arena, eq + 1, strlen(eq + 1), path, first[k], diags, &value) != 0)
            continue;
        if (!value) { /* KEY= : null, as "key:" in the file */
            value = bg_arena_alloc(arena, sizeof *value);
            if (!value) return -1;
            memset(value, 0, sizeof *value);
            value->kind = BG_Y_SCALAR;
            value->value = "";
            value->plain = 1;
            value->line = first[k];
            value->col = 1;
        }
        size_t i = 0;
        while (i < root->count && strcmp(root->keys[i]->value, key) != 0)
            i++;
        /* the key is the override's too (a problem reported at the key,
         * "'title' is empty", names the option, not the file's line) */
        bg_ynode *name = bg_arena_alloc(arena, sizeof *name);
        if (!name) return -1;
        memset(name, 0, sizeof *name);
        name->kind = BG_Y_SCALAR;
        name->value = key;
        name->len = key_len;
        name->line = value->line;
        name->col = 1;
        if (i == root->count) { /* a key the file lacks: added */
            bg_ynode **keys = bg_arena_alloc(arena, (root->count + 1) * sizeof *keys);
            bg_ynode **items = bg_arena_alloc(arena, (root->count + 1) * sizeof *items);
            if (!keys || !items) return -1;
            if (root->count) {
                memcpy(keys, root->keys, root->count * sizeof *keys);
                memcpy(items, root->items, root->count * sizeof *items);
            }
            root->keys = keys;
            root->items = items;
            root->count++;
        }
        root->keys[i] = name;
        root->items[i] = value;
    }
    return 0;
}

void bg_brief_name_overrides(const bg_brief *brief, bg_diags *diags, size_t first)
{
    if (!brief->set_count || !brief->path) return;
    for (size_t i = first; i < diags->count; i++) {
        bg_diag *d = &diags->items[i];
        if (!d->file || strcmp(d->file, brief->path) != 0 || d->line < SET_LINE) continue;
        size_t k = 0;
        while (k < brief->set_count && d->line >= brief->set_first_line[k + 1])
            k++;
        if (k >= brief->set_count) continue;
        char *copy = set_where(brief->set[k]);
        if (!copy) continue;
        free(d->file);
        d->file = copy;
        d->line = 0;
        d->col = 0;
    }
}

static int brief_parse(bg_arena *arena, const char *path, const char *text, size_t len,
                       const char *const *set, size_t set_count, bg_diags *diags, bg_brief *brief);

int bg_brief_parse(bg_arena *arena, const char *path, const char *text, size_t len, bg_diags *diags,
                   bg_brief *brief)
{
    return brief_parse(arena, path, text, len, NULL, 0, diags, brief);
}

int bg_brief_parse_set(bg_arena *arena, const char *path, const char *text, size_t len,
                       const char *const *set, size_t set_count, bg_diags *diags, bg_brief *brief)
{
    size_t first = diags->count;
    int status = brief_parse(arena, path, text, len, set, set_count, diags, brief);
    bg_brief_name_overrides(brief, diags, first);
    return status;
}

static int brief_parse(bg_arena *arena, const char *path, const char *text, size_t len,
                       const char *const *set, size_t set_count, bg_diags *diags, bg_brief *brief)
{
    memset(brief, 0, sizeof *brief);
    brief->path = bg_arena_strdup(arena, path);
    brief->dir = bg_path_dirname(arena, path);
    brief->root = brief->dir;
    brief->stem = bg_path_stem(arena, path);
    brief->korean_syllable_penalty = -1;
    bg_ynode *root;
    if (bg_yaml_parse(arena, text, len, brief->path, 1, diags, &root) != 0) return -1;
    bg_fctx ctx = {arena, brief->path, diags};
    if (!root || root->kind != BG_Y_MAP) {
        bg_diag_add(diags, BG_ERROR, brief->path, root ? root->line : 1, root ? root->col : 1,
                    "a brief definition must be a mapping with 'title', 'date' and 'select'");
        return -1;
    }
    /* a bad override is reported and skipped; the rest of the brief is checked */
    if (set_count) {
        /* kept for the stages after this one */
        const char **copy = bg_arena_alloc(arena, set_count * sizeof *copy);
        int *first = bg_arena_alloc(arena, (set_count + 1) * sizeof *first);
        if (!copy || !first) return -1;
        for (size_t k = 0; k < set_count; k++)
            if (!(copy[k] = bg_arena_strdup(arena, set[k]))) return -1;
        brief->set = copy;
        brief->set_first_line = first;
        brief->set_count = set_count;
        if (set_apply(arena, brief->path, root, set, set_count, first, diags) != 0) return -1;
    }
    bg_fields_check_keys(&ctx, root, brief_keys, COUNT(brief_keys), "brief");
    brief->title = bg_field_string(&ctx, root, "title", true);
    brief->title_ko = bg_field_string(&ctx, root, "title_ko", false);
    brief->subtitle = bg_field_string(&ctx, root, "subtitle", false);
    bg_field_date(&ctx, root, "date", true, &brief->date);
    brief->author = bg_field_string(&ctx, root, "author", false);
    brief->classification = bg_field_string(&ctx, root, "classification", false);
    int err, v;
    v = bg_field_choice(&ctx, root, "language", languages, COUNT(languages), &err);
    brief->language = v >= 0 ? (bg_language)v : BG_LANG_EN;
    v = bg_field_choice(&ctx, root, "layout", layouts, COUNT(layouts), &err);
    brief->layout = v >= 0 ? (bg_layout)v : BG_LAYOUT_PACK;
    v = bg_field_choice(&ctx, root, "annex", annexes, COUNT(annexes), &err);
    brief->annex = v >= 0 ? (bg_annex)v : BG_ANNEX_BRIEF;
    v = bg_field_choice(&ctx, root, "paper", papers, COUNT(papers), &err);
    brief->paper = v >= 0 ? (bg_paper)v : BG_PAPER_A4;
    brief->corpus_dir = path_field(&ctx, root, "corpus", "events", brief->dir, &brief->corpus_line,
                                   &brief->corpus_col);
    brief->themes_path = path_field(&ctx, root, "themes_file", "themes.yaml", brief->dir,
                                    &brief->themes_line, &brief->themes_col);
    int line, col;
    brief->output = path_field(&ctx, root, "output", NULL, brief->dir, &line, &col);
    const char *output = bg_field_string(&ctx, root, "output", false);
    if (output && *output && output[strlen(output) - 1] == '/')
        bg_diag_add(diags, BG_ERROR, brief->path, line, col,
                    "'output' names a folder ('%s'); give a file name for the PDF", output);
    standards_read(&ctx, root, brief);
    select_read(&ctx, root, &brief->select);
    bg_field_strlist(&ctx, root, "sections", &brief->sections);
    bg_field_text(&ctx, root, "summary", &brief->summary);
    bg_markdown_check(&ctx, &brief->summary);
    talking_points_read(&ctx, root, brief);
    const bg_ynode *ann =
        submap(&ctx, root, "anniversary", anniversary_keys, COUNT(anniversary_keys));
    if (ann) {
        brief->has_anniversary =
            bg_field_date(&ctx, ann, "date", true, &brief->anniversary_date) == 1;
        brief->anniversary_label = bg_field_string(&ctx, ann, "label", false);
    }
    chronology_read(&ctx, root, brief);
    const bg_ynode *fonts = submap(&ctx, root, "fonts", font_keys, COUNT(font_keys));
    if (fonts) {
        brief->font_body = bg_field_string(&ctx, fonts, "body", false);
        brief->font_heading = bg_field_string(&ctx, fonts, "heading", false);
        brief->font_mono = bg_field_string(&ctx, fonts, "mono", false);
        for (int r = 0; r < 3; r++) {
            static const char *const role[] = {"body", "heading", "mono"};
            const bg_ynode *at = bg_ymap_get(fonts, role[r]);
            brief->font_line[r] = at ? at->line : 0;
            brief->font_col[r] = at ? at->col : 0;
        }
    }
    const bg_ynode *typo =
        submap(&ctx, root, "typography", typography_keys, COUNT(typography_keys));
    long penalty;
    if (typo && bg_field_int(&ctx, typo, "korean_syllable_penalty", 0, 10000, &penalty) == 1)
        brief->korean_syllable_penalty = (int)penalty;
    return 0;
}

/* Reports each id of LIST that is not an event of CORPUS. */
static void check_event_ids(bg_fctx *ctx, const bg_strlist *list, const bg_corpus *corpus)
{
    const char **ids = bg_arena_alloc(ctx->arena, (corpus->count + 1) * sizeof *ids);
    if (!ids) return;
    for (size_t i = 0; i < corpus->count; i++)
        ids[i] = corpus->events[i]->id;
    for (size_t i = 0; i < list->count; i++) {
        if (bg_corpus_find(corpus, list->items[i])) continue;
        int invalid = 0; /* left out for its own errors, already reported */
        for (size_t k = 0; k < corpus->invalid_count && !invalid; k++)
            invalid = strcmp(corpus->invalid_ids[k], list->items[i]) == 0;
        if (invalid) continue;
        /* (no suggestion for a message that is only counted) */
        const char *hint = ctx->diags->count < BG_DIAGS_MAX
                               ? bg_suggest(list->items[i], ids, corpus->count)
                               : NULL;
        if (hint)
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, list->lines[i], list->cols[i],
                        "unknown event '%s' (did you mean '%s'?)", list->items[i], hint);
        else
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, list->lines[i], list->cols[i],
                        "unknown event '%s'", list->items[i]);
    }
}

/* Reports each theme id of LIST not in THEMES, and ids given twice. */
static void check_theme_ids(bg_fctx *ctx, const bg_strlist *list, const bg_themes *themes)
{
    bool *seen = bg_arena_alloc(ctx->arena, (themes->count + 1) * sizeof *seen);
    for (size_t i = 0; i < list->count; i++) {
        const bg_theme *theme = bg_themes_find(themes, list->items[i]);
        if (!theme) {
            bg_unknown_theme(ctx, themes, list->items[i], list->lines[i], list->cols[i]);
            continue;
        }
        size_t index = (size_t)(theme - themes->items);
        if (seen && seen[index])
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, list->lines[i], list->cols[i],
                        "theme '%s' is listed twice", list->items[i]);
        if (seen) seen[index] = true;
    }
}

/* strcasecmp, for names that are never NULL (said so to the analyzer) */
static int name_order(const char *a, const char *b)
{
    return strcasecmp(a ? a : "", b ? b : "");
}

static int compare_names(const void *a, const void *b)
{
    return name_order(*(const char *const *)a, *(const char *const *)b);
}

/* Reports each participant of the brief's selection that no event of
 * CORPUS names (in any case): it is likely misspelt. The corpus's names are
 * sorted once and searched, and suggestions stop where messages are only
 * counted, so that many participants cost n log n, not n times the
 * corpus's names. */
static void check_participants(bg_fctx *ctx, const bg_brief *brief, const bg_corpus *corpus)
{
    const bg_strlist *parts = &brief->select.participants;
    if (!parts->count) return;
    const char **names = NULL;
    size_t n = 0, cap = 0;
    for (size_t e = 0; e < corpus->count; e++)
        for (size_t p = 0; p < corpus->events[e]->participant_count; p++) {
            const char **grown = bg_grow(names, n, &cap, sizeof *names, 64);
            if (!grown) {
                free(names);
                return;
            }
            names = grown;
            names[n++] = corpus->events[e]->participants[p];
        }
    if (n) qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < parts->count; i++) {
        const char *name = parts->items[i];
        size_t lo = 0, hi = n;
        while (lo < hi) { /* the first name not before NAME */
            size_t mid = lo + (hi - lo) / 2;
            if (name_order(names[mid], name) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && name_order(names[lo], name) == 0) continue;
        const char *best = NULL;
        size_t best_d = (size_t)-1;
        for (size_t k = 0; k < n && ctx->diags->count < BG_DIAGS_MAX; k++) {
            size_t d = bg_edit_distance(names[k], name);
            if (d < best_d) {
                best_d = d;
                best = names[k];
            }
        }
        size_t len = strlen(name);
        if (best && best_d <= (len / 3 > 1 ? len / 3 : 1))
            bg_diag_add(ctx->diags, BG_WARNING, brief->path, parts->lines[i], parts->cols[i],
                        "no event names participant '%s' (did you mean '%s'?)", name, best);
        else
            bg_diag_add(ctx->diags, BG_WARNING, brief->path, parts->lines[i], parts->cols[i],
                        "no event names participant '%s'", name);
    }
    free(names);
}

void bg_brief_check_refs(const bg_brief *brief, const bg_themes *themes, const bg_corpus *corpus,
                         bg_diags *diags)
{
    bg_arena scratch = {0};
    bg_fctx ctx = {&scratch, brief->path, diags};
    if (themes) {
        check_theme_ids(&ctx, &brief->select.themes, themes);
        check_theme_ids(&ctx, &brief->sections, themes);
    }
    if (corpus) {
        check_event_ids(&ctx, &brief->select.events, corpus);
        check_event_ids(&ctx, &brief->select.exclude, corpus);
        check_participants(&ctx, brief, corpus);
    }
    bg_arena_free(&scratch);
}
