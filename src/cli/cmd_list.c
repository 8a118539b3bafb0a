/* cmd_list.c - "briefgen list": the corpus events that match the filters,
 * one line each (date  id  title) or a JSON array. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"

typedef struct list_opts {
    bg_list_query query;
    const char **themes; /* the query's, filled here */
    const char **kinds;
    bool json;
} list_opts;

static const cli_opt list_opts_table[] = {
    {"theme", 't', "THEME", "events of THEME (a catalogue id); repeatable"},
    {"kind", 'k', "KIND", "events of KIND (summit, phone-call, visit...); repeatable"},
    {"from", 0, "DATE", "events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)"},
    {"to", 0, "DATE", "events on or before DATE"},
    {"format", 'f', "FORMAT", "text (date, id, title a line; the default) or json"},
    {"corpus", 0, "DIR", "the folder of event files (default: events)"},
    {"themes", 0, "FILE", "the theme catalogue (default: themes.yaml)"},
};

const cli_command cli_list_command = {
    "list",
    "[OPTION]...",
    "Prints the events of the corpus that match every filter given (any of the themes,\n"
    "any of the kinds, within the dates), in date order.",
    list_opts_table,
    sizeof list_opts_table / sizeof list_opts_table[0],
    NULL};

static int on_option(int index, const char *value, void *ctx)
{
    list_opts *o = ctx;
    bg_list_query *q = &o->query;
    switch (index) {
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
        else if (strcmp(value, "text") == 0)
            o->json = false;
        else
            return cli_usage_error("list: unknown format '%s': expected text or json", value);
        break;
    case 5:
        q->corpus = value;
        break;
    default:
        q->themes_file = value;
        break;
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
    for (size_t i = 0; i < list->count; i++) { /* (a title's control characters shown) */
        printf("%-10s  %-*s  ", list->items[i].date, id_width, list->items[i].id);
        cli_put_clean(stdout, list->items[i].title);
        putchar('\n');
    }
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
    int first = argc;
    int status = !o.themes || !o.kinds
                     ? EXIT_SYSTEM
                     : cli_parse(&cli_list_command, argc, argv, &first, on_option, &o);
    if (status == 0 && first < argc)
        status =
            cli_usage_error("list: '%s' is not an option; list takes no operands", argv[first]);
    if (status) {
        if (status == CLI_HELP) status = EXIT_DONE;
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
    status = cli_status_of(&diags, cli_exit(listed));
    bg_event_list_free(&list);
    bg_diags_free(&diags);
    free(o.themes);
    free(o.kinds);
    return status;
}
