/* cmd_list.c - "briefgen list": the corpus events that match the filters,
 * one line each (date  id  title) or a JSON array. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

typedef struct list_opts {
    const char **themes;
    size_t theme_count;
    bg_kind *kinds;
    size_t kind_count;
    bg_date from, to;
    bool has_from, has_to;
    bool json;
    const char *corpus;
    const char *themes_path;
} list_opts;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Parses the options into OPTS; returns 0 or an exit status. */
static int parse_options(int argc, char **argv, list_opts *o)
{
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
            o->themes[o->theme_count++] = value;
            break;
        case 1:
            if (bg_kind_from_name(value, &o->kinds[o->kind_count]) != 0) {
                const char *hint = bg_suggest(value, bg_kind_names(), BG_KIND_COUNT);
                return hint ? cli_usage_error("unknown kind '%s' (did you mean '%s'?)", value, hint)
                            : cli_usage_error("unknown kind '%s'", value);
            }
            o->kind_count++;
            break;
        case 2:
        case 3:
            if (bg_date_parse(value, known == 2 ? &o->from : &o->to) != 0)
                return cli_usage_error("bad date '%s' for %s: expected YYYY-MM-DD, YYYY-MM or "
                                       "YYYY",
                                       value, arg);
            if (known == 2)
                o->has_from = true;
            else
                o->has_to = true;
            break;
        case 4:
            if (strcmp(value, "json") == 0)
                o->json = true;
            else if (strcmp(value, "text") != 0)
                return cli_usage_error("unknown format '%s': expected text or json", value);
            break;
        case 5:
            o->corpus = value;
            break;
        default:
            o->themes_path = value;
            break;
        }
    }
    return 0;
}

static void print_text(const bg_event *const *events, size_t n)
{
    int id_width = 0;
    for (size_t i = 0; i < n; i++) {
        int w = (int)strlen(events[i]->id);
        if (w > id_width) id_width = w;
    }
    char date[16];
    for (size_t i = 0; i < n; i++)
        printf("%-10s  %-*s  %s\n", bg_date_format_iso(events[i]->date, date, sizeof date),
               id_width, events[i]->id, events[i]->title);
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

static void print_json(const bg_event *const *events, size_t n)
{
    char date[16];
    fputs("[", stdout);
    for (size_t i = 0; i < n; i++) {
        const bg_event *ev = events[i];
        fputs(i ? ",\n  {\n" : "\n  {\n", stdout);
        json_field("id", ev->id, true);
        json_field("date", bg_date_format_iso(ev->date, date, sizeof date), true);
        json_field("end", ev->has_end ? bg_date_format_iso(ev->end, date, sizeof date) : NULL,
                   true);
        json_field("time", ev->time, true);
        json_field("timezone", ev->timezone, true);
        json_field("title", ev->title, true);
        json_field("title_ko", ev->title_ko, true);
        json_field("kind", bg_kind_name(ev->kind), true);
        json_field("place", ev->place, true);
        json_list("participants", ev->participants, ev->participant_count);
        json_list("themes", ev->themes, ev->theme_count);
        printf("    \"milestone\": %s,\n", ev->milestone ? "true" : "false");
        printf("    \"sources\": %zu,\n", ev->source_count);
        json_field("file", ev->path, false);
        fputs("  }", stdout);
    }
    fputs(n ? "\n]\n" : "]\n", stdout);
}

int cmd_list(int argc, char **argv)
{
    list_opts o;
    memset(&o, 0, sizeof o);
    o.themes = calloc((size_t)argc + 1, sizeof *o.themes);
    o.kinds = calloc((size_t)argc + 1, sizeof *o.kinds);
    bg_arena arena = {0};
    bg_diags diags;
    bg_diags_init(&diags);
    int status = !o.themes || !o.kinds ? EXIT_SYSTEM : parse_options(argc, argv, &o);
    if (status) goto done;
    if (!o.corpus) o.corpus = is_dir("briefs/events") ? "briefs/events" : "events";
    char *corpus_dir = bg_arena_strdup(&arena, o.corpus);
    for (size_t n = corpus_dir ? strlen(corpus_dir) : 0; n > 1 && corpus_dir[n - 1] == '/'; n--)
        corpus_dir[n - 1] = '\0';
    if (corpus_dir) o.corpus = corpus_dir;
    bool explicit_themes = o.themes_path != NULL;
    if (!o.themes_path) {
        /* the catalogue beside the corpus folder */
        const char *slash = strrchr(o.corpus, '/');
        o.themes_path =
            slash ? bg_arena_printf(&arena, "%.*s/themes.yaml", (int)(slash - o.corpus), o.corpus)
                  : "themes.yaml";
    }
    bg_themes themes;
    /* the catalogue is needed to check --theme; without it events are
     * listed unchecked */
    bool want_themes = explicit_themes || o.theme_count > 0 || access(o.themes_path, F_OK) == 0;
    bool have_themes = want_themes && bg_themes_load(&arena, o.themes_path, &diags, &themes) == 0;
    if (!have_themes && o.theme_count) {
        cli_print_diags(&diags);
        status = cli_usage_error("--theme needs the theme catalogue; give --themes FILE");
        goto done;
    }
    for (size_t i = 0; have_themes && i < o.theme_count; i++) {
        if (bg_themes_find(&themes, o.themes[i])) continue;
        const char **ids = calloc(themes.count + 1, sizeof *ids);
        for (size_t t = 0; ids && t < themes.count; t++)
            ids[t] = themes.items[t].id;
        const char *hint = ids ? bg_suggest(o.themes[i], ids, themes.count) : NULL;
        status = hint
                     ? cli_usage_error("unknown theme '%s' (did you mean '%s'?)", o.themes[i], hint)
                     : cli_usage_error("unknown theme '%s'", o.themes[i]);
        free(ids);
        goto done;
    }
    bg_corpus corpus;
    if (bg_corpus_load(&arena, o.corpus, have_themes ? &themes : NULL, &diags, &corpus) != 0) {
        cli_print_diags(&diags);
        status = EXIT_INPUT;
        goto done;
    }
    bg_filter filter = {.themes = o.themes,
                        .theme_count = o.theme_count,
                        .kinds = o.kinds,
                        .kind_count = o.kind_count,
                        .from = o.from,
                        .to = o.to,
                        .has_from = o.has_from,
                        .has_to = o.has_to};
    const bg_event **matched = calloc(corpus.count + 1, sizeof *matched);
    size_t n = 0;
    for (size_t i = 0; matched && i < corpus.count; i++)
        if (bg_filter_match(&filter, corpus.events[i])) matched[n++] = corpus.events[i];
    cli_print_diags(&diags);
    if (!matched) {
        status = EXIT_SYSTEM;
        goto done;
    }
    if (o.json)
        print_json(matched, n);
    else
        print_text(matched, n);
    free(matched);
    status = diags.errors ? EXIT_INPUT : EXIT_DONE;
done:
    bg_diags_free(&diags);
    bg_arena_free(&arena);
    free(o.themes);
    free(o.kinds);
    return status;
}
