/* select.c - which events a brief picks (docs/formats.md#briefs) and the filters that
 * "briefgen list" shares with it. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compose/compose.h"

bool bg_filter_present(const bg_filter *f)
{
    return f->theme_count || f->kind_count || f->participant_count || f->has_from || f->has_to;
}

static bool has_theme(const bg_event *ev, const char *id)
{
    for (size_t i = 0; i < ev->theme_count; i++)
        if (strcmp(ev->themes[i], id) == 0) return true;
    return false;
}

static bool has_participant(const bg_event *ev, const char *name)
{
    for (size_t i = 0; i < ev->participant_count; i++)
        if (strcasecmp(ev->participants[i], name) == 0) return true;
    return false;
}

bool bg_filter_match(const bg_filter *f, const bg_event *ev)
{
    if (f->theme_count) {
        bool any = false;
        for (size_t i = 0; i < f->theme_count && !any; i++)
            any = has_theme(ev, f->themes[i]);
        if (!any) return false;
    }
    if (f->kind_count) {
        bool any = false;
        for (size_t i = 0; i < f->kind_count && !any; i++)
            any = f->kinds[i] == ev->kind;
        if (!any) return false;
    }
    if (f->participant_count) {
        bool any = false;
        for (size_t i = 0; i < f->participant_count && !any; i++)
            any = has_participant(ev, f->participants[i]);
        if (!any) return false;
    }
    /* the event's period [first day of date, last day of end or date] must
     * overlap the range */
    bg_date first = bg_date_first_day(ev->date);
    bg_date last = bg_date_last_day(ev->has_end ? ev->end : ev->date);
    if (f->has_from && bg_date_compare(last, bg_date_first_day(f->from)) < 0) return false;
    if (f->has_to && bg_date_compare(first, bg_date_last_day(f->to)) > 0) return false;
    return true;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* LIST's items sorted (in ARENA), for bsearch: a long list of ids costs
 * a logarithm an event, not its length. */
static const char **sorted(bg_arena *arena, const bg_strlist *list)
{
    const char **ids = bg_arena_alloc(arena, (list->count + 1) * sizeof *ids);
    if (!ids) return NULL;
    if (list->count) memcpy(ids, list->items, list->count * sizeof *ids);
    qsort(ids, list->count, sizeof *ids, compare_strings);
    return ids;
}

static bool listed(const char **ids, size_t count, const char *id)
{
    return count && bsearch(&id, ids, count, sizeof *ids, compare_strings);
}

int bg_select(bg_arena *arena, const bg_brief *brief, const bg_corpus *corpus, bg_diags *diags,
              const bg_event ***events, size_t *count)
{
    const bg_selection *sel = &brief->select;
    bg_filter filter = {
        .themes = sel->themes.items,
        .theme_count = sel->themes.count,
        .kinds = sel->kind_values,
        .kind_count = sel->kinds.count,
        .participants = sel->participants.items,
        .participant_count = sel->participants.count,
        .from = sel->from,
        .to = sel->to,
        .has_from = sel->has_from,
        .has_to = sel->has_to,
    };
    bool filtering = bg_filter_present(&filter);
    const bg_event **picked = bg_arena_alloc(arena, (corpus->count + 1) * sizeof *picked);
    const char **wanted = sorted(arena, &sel->events), **unwanted = sorted(arena, &sel->exclude);
    if (!picked || !wanted || !unwanted) return -1;
    size_t n = 0;
    for (size_t i = 0; i < corpus->count; i++) {
        const bg_event *ev = corpus->events[i];
        bool take = listed(wanted, sel->events.count, ev->id) ||
                    (filtering && bg_filter_match(&filter, ev));
        if (take && !listed(unwanted, sel->exclude.count, ev->id)) picked[n++] = ev;
    }
    /* the corpus is sorted already; events are kept in its order */
    *events = picked;
    *count = n;
    if (n == 0) {
        bg_diag_add(
            diags, BG_ERROR, brief->path, sel->line ? sel->line : 1, sel->col ? sel->col : 1,
            "the selection is empty: no event in the corpus (%s) matches 'select'", corpus->dir);
        return -1;
    }
    return 0;
}
