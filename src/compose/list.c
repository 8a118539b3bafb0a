/* list.c - "briefgen list" as a library call (briefgen.h): the events of a
 * corpus that pass a query's filters, in corpus order (date, time, id),
 * as plain strings for the caller to print. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "compose/compose.h"

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bg_status out_of_memory(bg_diags *diags)
{
    bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "out of memory while listing events");
    return BG_SYSTEM;
}

/* A query problem: no file, usage status. */
static bg_status usage(bg_diags *diags, const char *message, const char *value, const char *hint)
{
    if (hint)
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "%s '%s' (did you mean '%s'?)", message, value,
                    hint);
    else
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "%s '%s'", message, value);
    return BG_USAGE;
}

/* The query's kinds and dates as a filter (arena memory). */
static bg_status query_filter(bg_arena *arena, const bg_list_query *q, bg_filter *filter,
                              bg_diags *diags)
{
    memset(filter, 0, sizeof *filter);
    bg_kind *kinds = bg_arena_alloc(arena, (q->kind_count + 1) * sizeof *kinds);
    if (!kinds) return out_of_memory(diags);
    for (size_t i = 0; i < q->kind_count; i++)
        if (bg_kind_from_name(q->kinds[i], &kinds[i]) != 0)
            return usage(diags, "unknown kind", q->kinds[i],
                         bg_suggest(q->kinds[i], bg_kind_names(), BG_KIND_COUNT));
    filter->kinds = kinds;
    filter->kind_count = q->kind_count;
    const char *const dates[2] = {q->from, q->to};
    bg_date *values[2] = {&filter->from, &filter->to};
    bool *present[2] = {&filter->has_from, &filter->has_to};
    for (int k = 0; k < 2; k++) {
        if (!dates[k]) continue;
        if (bg_date_parse(dates[k], values[k]) != 0) {
            bg_diag_add(diags, BG_ERROR, NULL, 0, 0,
                        "bad date '%s' for --%s: expected YYYY-MM-DD, YYYY-MM or YYYY", dates[k],
                        k ? "to" : "from");
            return BG_USAGE;
        }
        *present[k] = true;
    }
    if (filter->has_from && filter->has_to &&
        bg_date_compare(bg_date_first_day(filter->from), bg_date_last_day(filter->to)) > 0) {
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "--to %s is before --from %s: no event can match",
                    q->to, q->from);
        return BG_USAGE;
    }
    filter->themes = q->themes;
    filter->theme_count = q->theme_count;
    return BG_OK;
}

/* EV as a list item of ISO strings (arena memory). */
static int item_fill(bg_arena *arena, const bg_event *ev, bg_list_item *item)
{
    char date[16];
    item->id = ev->id;
    item->date = bg_arena_strdup(arena, bg_date_format_iso(ev->date, date, sizeof date));
    item->end =
        ev->has_end ? bg_arena_strdup(arena, bg_date_format_iso(ev->end, date, sizeof date)) : NULL;
    item->time = ev->time;
    item->timezone = ev->timezone;
    item->title = ev->title;
    item->title_ko = ev->title_ko;
    item->korean_file = ev->has_ko ? ev->ko_path : NULL;
    item->kind = bg_kind_name(ev->kind);
    item->place = ev->place;
    item->file = ev->path;
    item->participants = ev->participants;
    item->participant_count = ev->participant_count;
    item->themes = ev->themes;
    item->theme_count = ev->theme_count;
    item->milestone = ev->milestone;
    item->source_count = ev->source_count;
    return item->date && (!ev->has_end || item->end) ? 0 : -1;
}

bg_status bg_list_events(const bg_list_query *q, bg_event_list *list, bg_diags *diags)
{
    memset(list, 0, sizeof *list);
    list->arena = calloc(1, sizeof *list->arena);
    if (!list->arena) return out_of_memory(diags);
    bg_arena *arena = list->arena;
    bg_filter filter;
    bg_status status = query_filter(arena, q, &filter, diags);
    if (status != BG_OK) return status;

    const char *corpus_dir = q->corpus                 ? q->corpus
                             : is_dir("briefs/events") ? "briefs/events"
                                                       : "events";
    char *dir = bg_arena_strdup(arena, corpus_dir);
    if (!dir) return out_of_memory(diags);
    for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    const char *themes_path = q->themes_file;
    if (!themes_path) {
        /* the catalogue beside the corpus folder */
        const char *slash = strrchr(dir, '/');
        themes_path = slash ? bg_arena_printf(arena, "%.*s/themes.yaml", (int)(slash - dir), dir)
                            : "themes.yaml";
    }
    /* the catalogue is needed to check theme ids; without it events are
     * listed unchecked */
    size_t errors = diags->errors; /* the catalogue's and the corpus's */
    bg_themes themes;
    bool want = q->themes_file || q->theme_count > 0 || access(themes_path, F_OK) == 0;
    bool have = want && bg_themes_load(arena, themes_path, diags, &themes) == 0;
    if (!have && q->theme_count) {
        /* a catalogue that was given, or is there, and failed to load: its
         * own diagnostics say why (a problem of the input) */
        if (q->themes_file || access(themes_path, F_OK) == 0) return BG_INPUT;
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0,
                    "--theme needs the theme catalogue; give --themes FILE");
        return BG_USAGE;
    }
    for (size_t i = 0; have && i < q->theme_count; i++) {
        if (bg_themes_find(&themes, q->themes[i])) continue;
        const char **ids = bg_arena_alloc(arena, (themes.count + 1) * sizeof *ids);
        for (size_t t = 0; ids && t < themes.count; t++)
            ids[t] = themes.items[t].id;
        return usage(diags, "unknown theme", q->themes[i],
                     ids ? bg_suggest(q->themes[i], ids, themes.count) : NULL);
    }
    bg_corpus corpus;
    if (bg_corpus_load(arena, dir, have ? &themes : NULL, diags, &corpus) != 0) return BG_INPUT;
    bg_list_item *items = bg_arena_alloc(arena, (corpus.count + 1) * sizeof *items);
    if (!items) return out_of_memory(diags);
    size_t n = 0;
    for (size_t i = 0; i < corpus.count; i++)
        if (bg_filter_match(&filter, corpus.events[i]) &&
            item_fill(arena, corpus.events[i], &items[n++]) != 0)
            return out_of_memory(diags);
    list->items = items;
    list->count = n;
    return diags->errors > errors ? BG_INPUT : BG_OK;
}

void bg_event_list_free(bg_event_list *list)
{
    if (list->arena) bg_arena_free(list->arena);
    free(list->arena);
    memset(list, 0, sizeof *list);
}
