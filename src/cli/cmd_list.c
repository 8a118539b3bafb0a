/* cmd_list.c - "briefgen list": the corpus events that match the filters,
 * one line each (date  id  title) or a JSON array. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct list_opts {
    bg_list_query query;
    const char **themes; /* the query's, filled here */
    const char **kinds;
    bool json;
} list_opts;

/* Parses the options into O; returns 0 or an exit status. */
static int parse_options(int argc, char **argv, list_opts *o)
{
    bg_list_query *q = &o->query;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "-C") == 0) {
            int status = cli_change_dir(argc, argv, &i);
            if (status) return status;
            continue;
        }
        static const char *const with_value[] = {"--theme",  "--kind",   "--from",  "--to",
                                                 "--format", "--corpus", "--themes"};
        int known = -1;
        for (int k = 0; k < 7; k++)
            if (strcmp(arg, with_value[k]) == 0) known = k;
        if (known < 0) {
            const char *hint = bg_suggest(arg, with_value, 7);
            if (hint)
                return cli_usage_error("list: unknown option '%s' (did you mean '%s'?)", arg, hint);
            return cli_usage_error("list: unknown option '%s'", arg);
        }
        if (!value) return cli_usage_error("list: %s needs a value", arg);
        i++;
        switch (known) {
        case 0:
            o->themes[q->theme_count++] = value;
            break;
        case 1:
            o->kinds[q->kind_count++] = value;
            break;
        case 2:
            q->from = value;
            break;
        case 3:
            q->to = value;
            break;
        case 4:
            if (strcmp(value, "json") == 0)
                o->json = true;
            else if (strcmp(value, "text") != 0)
                return cli_usage_error("unknown format '%s': expected text or json", value);
            break;
        case 5:
            q->corpus = value;
            break;
        default:
            q->themes_file = value;
            break;
        }
    }
    return 0;
}

static void print_text(const bg_event_list *list)
{
    int id_width = 0;
    for (size_t i = 0; i < list->count; i++) {
        int w = (int)strlen(list->items[i].id);
        if (w > id_width) id_width = w;
    }
    for (size_t i = 0; i < list->count; i++)
        printf("%-10s  %-*s  %s\n", list->items[i].date, id_width, list->items[i].id,
               list->items[i].title);
}

static void json_field(const char *key, const char *value, bool comma)
{
    printf("    \"%s\": ", key);
    if (value)
        json_string(stdout, value);
    else
        fputs("null", stdout);
    fputs(comma ? ",\n" : "\n", stdout);
}

static void json_list(const char *key, const char *const *items, size_t n)
{
    printf("    \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", stdout);
        json_string(stdout, items[i]);
    }
    fputs("],\n", stdout);
}

static void print_json(const bg_event_list *list)
{
    fputs("[", stdout);
    for (size_t i = 0; i < list->count; i++) {
        const bg_list_item *ev = &list->items[i];
        fputs(i ? ",\n  {\n" : "\n  {\n", stdout);
        json_field("id", ev->id, true);
        json_field("date", ev->date, true);
        json_field("end", ev->end, true);
        json_field("time", ev->time, true);
        json_field("timezone", ev->timezone, true);
        json_field("title", ev->title, true);
        json_field("title_ko", ev->title_ko, true);
        printf("    \"korean\": %s,\n", ev->korean_file ? "true" : "false");
        json_field("kind", ev->kind, true);
        json_field("place", ev->place, true);
        json_list("participants", ev->participants, ev->participant_count);
        json_list("themes", ev->themes, ev->theme_count);
        printf("    \"milestone\": %s,\n", ev->milestone ? "true" : "false");
        printf("    \"sources\": %zu,\n", ev->source_count);
        json_field("korean_file", ev->korean_file, true);
        json_field("file", ev->file, false);
        fputs("  }", stdout);
    }
    fputs(list->count ? "\n]\n" : "]\n", stdout);
}

int cmd_list(int argc, char **argv)
{
    list_opts o;
    memset(&o, 0, sizeof o);
    o.themes = calloc((size_t)argc + 1, sizeof *o.themes);
    o.kinds = calloc((size_t)argc + 1, sizeof *o.kinds);
    int status = !o.themes || !o.kinds ? EXIT_SYSTEM : parse_options(argc, argv, &o);
    if (status) {
        free(o.themes);
        free(o.kinds);
        return status;
    }
    o.query.themes = o.themes;
    o.query.kinds = o.kinds;
    bg_diags diags;
    bg_diags_init(&diags);
    bg_event_list list;
    bg_status listed = bg_list_events(&o.query, &list, &diags);
    cli_print_diags(&diags);
    if (listed == BG_USAGE) {
        fputs("Try 'briefgen --help'.\n", stderr);
    } else if (list.items) { /* the valid events, even when others have errors */
        if (o.json)
            print_json(&list);
        else
            print_text(&list);
    }
    status = cli_exit(listed);
    bg_event_list_free(&list);
    bg_diags_free(&diags);
    free(o.themes);
    free(o.kinds);
    return status;
}
