/* session.c - the library's public entry points (briefgen.h) before
 * rendering: a brief opened with its theme catalogue and corpus, checked
 * and composed; files checked alone; the fonts report. */
#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "load/yamlx.h"
#include "session.h"
#include "text/text.h"

const char *bg_version(void)
{
    return BRIEFGEN_VERSION;
}

/* Reports at the brief key that names PATH when PATH is missing or of the
 * wrong type; returns -1 then. */
static int check_path(const bg_brief *brief, const char *path, bool want_dir, int line, int col,
                      const char *what, bg_diags *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        bg_diag_add(diags, BG_ERROR, brief->path, line ? line : 1, line ? col : 1,
                    "%s '%s' not found: %s", what, path, strerror(errno));
        return -1;
    }
    if (want_dir != (S_ISDIR(st.st_mode) != 0)) {
        bg_diag_add(diags, BG_ERROR, brief->path, line ? line : 1, line ? col : 1, "%s '%s' is %s",
                    what, path, want_dir ? "not a directory" : "a directory, expected a file");
        return -1;
    }
    return 0;
}

static int session_load_named(bg_session *s, const char *path, const bg_open_options *o,
                              bg_diags *diags);

/* Loads and composes PATH into S; 0 when usable. Diagnostics at a --set
 * override's value name the option. */
static int session_load(bg_session *s, const char *path, const bg_open_options *o, bg_diags *diags)
{
    size_t first = diags->count;
    int status = session_load_named(s, path, o, diags);
    bg_brief_name_overrides(&s->brief, diags, first);
    return status;
}

static int session_load_named(bg_session *s, const char *path, const bg_open_options *o,
                              bg_diags *diags)
{
    size_t errors = diags->errors;
    double start = bg_seconds();
    if (bg_brief_load_set(&s->arena, path, o ? o->set : NULL, o ? o->set_count : 0, diags,
                          &s->brief) != 0)
        return -1;
    const bg_brief *b = &s->brief;
    int themes_ok = check_path(b, b->themes_path, false, b->themes_line, b->themes_col,
                               "theme catalogue", diags) == 0 &&
                    bg_themes_load(&s->content, b->themes_path, diags, &s->themes) == 0;
    int corpus_ok = check_path(b, b->corpus_dir, true, b->corpus_line, b->corpus_col,
                               "corpus directory", diags) == 0 &&
                    bg_corpus_load(&s->content, b->corpus_dir, themes_ok ? &s->themes : NULL, diags,
                                   &s->corpus) == 0;
    s->loaded = true;
    bg_brief_check_refs(b, themes_ok ? &s->themes : NULL, corpus_ok ? &s->corpus : NULL, diags);
    double loaded = bg_seconds();
    s->info.times.load = loaded - start;
    if (!themes_ok || !corpus_ok || diags->errors > errors) return -1;
    if (bg_compose(&s->content, b, &s->themes, &s->corpus, diags, &s->doc) != 0) return -1;
    s->info.times.compose = bg_seconds() - loaded;
    s->composed = true;
    return diags->errors > errors ? -1 : 0;
}

bg_status bg_session_open(bg_session **session, const char *path, bg_diags *diags)
{
    return bg_session_open_with(session, path, NULL, diags);
}

/* Sessions holding patterns that are loading or loaded (at most one). */
static atomic_int prefetching;

bg_status bg_session_open_with(bg_session **session, const char *path,
                               const bg_open_options *options, bg_diags *diags)
{
    bg_session *s = calloc(1, sizeof *s);
    *session = s;
    if (!s) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "out of memory");
        return BG_SYSTEM;
    }
    s->path = bg_arena_strdup(&s->arena, path);
    /* a session is opened to be rendered: the hyphenation patterns load
     * on their own thread while the brief, the catalogue and the corpus
     * are read; one session at a time holds them so (a run over many
     * briefs opens them all first) */
    if (atomic_fetch_add(&prefetching, 1) == 0) s->hyphenator = bg_hyphenator_new();
    if (!s->hyphenator) atomic_fetch_sub(&prefetching, 1);
    return session_load(s, path, options, diags) == 0 ? BG_OK : BG_INPUT;
}

bg_hyphenator *bg_session_take_hyphenator(bg_session *s)
{
    bg_hyphenator *h = s->hyphenator;
    s->hyphenator = NULL;
    if (h) atomic_fetch_sub(&prefetching, 1);
    return h;
}

/* The files a session reads, as device and inode pairs, for
 * bg_session_is_input: a growing array. */
typedef struct id_list {
    bg_file_id *items;
    size_t count, cap;
} id_list;

static void add_input(id_list *list, const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) return;
    bg_file_id *grown = bg_grow(list->items, list->count, &list->cap, sizeof *list->items, 64);
    if (!grown) return;
    list->items = grown;
    list->items[list->count++] =
        (bg_file_id){(unsigned long long)st.st_dev, (unsigned long long)st.st_ino};
}

/* Every event file of the corpus folder, as the corpus loader lists them
 * (names ending in .md, not hidden), whether or not it loaded. */
static void add_corpus(id_list *list, bg_arena *arena, const char *dir)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        size_t len = strlen(entry->d_name);
        if (entry->d_name[0] == '.' || len < 4 || strcmp(entry->d_name + len - 3, ".md") != 0)
            continue;
        add_input(list, bg_path_join(arena, dir, entry->d_name));
    }
    closedir(d);
}

/* The images that Markdown MD shows. */
static void add_images(id_list *list, const bg_md *md)
{
    for (size_t i = 0; i < md->count; i++)
        if (md->blocks[i].kind == BG_BLK_IMAGE) add_input(list, md->blocks[i].path);
}

static int compare_ids(const void *a, const void *b)
{
    const bg_file_id *x = a, *y = b;
    if (x->dev != y->dev) return x->dev < y->dev ? -1 : 1;
    return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Lists, once, the files S read: the brief, the catalogue, the corpus
 * folder's event files and, when composed, the images of the document. An
 * image module that reads more files adds them here. */
static void list_inputs(bg_session *s)
{
    if (s->inputs_known) return;
    s->inputs_known = true;
    id_list list = {NULL, 0, 0};
    bg_arena scratch = {0};
    add_input(&list, s->path);
    if (s->loaded) {
        add_input(&list, s->brief.themes_path);
        add_corpus(&list, &scratch, s->brief.corpus_dir);
    }
    if (s->composed) {
        const bg_doc *doc = &s->doc;
        add_images(&list, &doc->summary);
        for (size_t i = 0; i < doc->talking_point_count; i++)
            add_images(&list, &doc->talking_points[i]);
        for (size_t i = 0; i < doc->section_count; i++)
            add_images(&list, &doc->sections[i].description);
        for (size_t i = 0; i < doc->event_count; i++) {
            add_images(&list, &doc->events[i].lead);
            for (size_t p = 0; p < doc->events[i].passage_count; p++)
                add_images(&list, &doc->events[i].passages[p].body);
        }
    }
    bg_arena_free(&scratch);
    if (list.count) qsort(list.items, list.count, sizeof *list.items, compare_ids);
    s->inputs = bg_arena_alloc(&s->arena, list.count * sizeof *list.items + 1);
    if (s->inputs && list.count) memcpy(s->inputs, list.items, list.count * sizeof *list.items);
    s->input_count = s->inputs ? list.count : 0;
    free(list.items);
}

/* Adds the image paths of MD to the growing array *FILES, copied into
 * ARENA (they outlive the document: bg_session_release). */
static void add_image_paths(bg_arena *arena, const bg_md *md, const char ***files, size_t *count,
                            size_t *cap)
{
    for (size_t i = 0; i < md->count; i++) {
        if (md->blocks[i].kind != BG_BLK_IMAGE || !md->blocks[i].path) continue;
        const char **grown = bg_grow(*files, *count, cap, sizeof **files, 16);
        const char *path = bg_arena_strdup(arena, md->blocks[i].path);
        if (!grown || !path) return;
        *files = grown;
        (*files)[(*count)++] = path;
    }
}

void bg_session_dependencies(bg_session *s, bg_dependencies *out)
{
    memset(out, 0, sizeof *out);
    if (!s) return;
    if (s->released) {
        *out = s->deps;
        return;
    }
    const char **files = NULL;
    size_t count = 0, cap = 0;
    const char *first[2] = {strcmp(s->path, "-") != 0 ? s->path : NULL,
                            s->loaded ? s->brief.themes_path : NULL};
    for (int i = 0; i < 2; i++) {
        if (!first[i]) continue;
        const char **grown = bg_grow(files, count, &cap, sizeof *files, 16);
        if (!grown) break;
        files = grown;
        files[count++] = first[i];
    }
    if (s->composed) {
        const bg_doc *doc = &s->doc;
        add_image_paths(&s->arena, &doc->summary, &files, &count, &cap);
        for (size_t i = 0; i < doc->talking_point_count; i++)
            add_image_paths(&s->arena, &doc->talking_points[i], &files, &count, &cap);
        for (size_t i = 0; i < doc->section_count; i++)
            add_image_paths(&s->arena, &doc->sections[i].description, &files, &count, &cap);
        for (size_t i = 0; i < doc->event_count; i++) {
            add_image_paths(&s->arena, &doc->events[i].lead, &files, &count, &cap);
            for (size_t p = 0; p < doc->events[i].passage_count; p++)
                add_image_paths(&s->arena, &doc->events[i].passages[p].body, &files, &count, &cap);
        }
        /* an image shown as its alt text: drawn once it appears or is mended */
        for (size_t i = 0; i < doc->unusable_image_count; i++) {
            const char **grown = bg_grow(files, count, &cap, sizeof *files, 16);
            const char *path = bg_arena_strdup(&s->arena, doc->unusable_images[i]);
            if (!grown || !path) break;
            files = grown;
            files[count++] = path;
        }
    }
    /* a copy in the session's arena: one owner */
    out->files = bg_arena_alloc(&s->arena, count * sizeof *files + 1);
    if (out->files && count) memcpy(out->files, files, count * sizeof *files);
    out->file_count = out->files ? count : 0;
    free(files);
    out->corpus_dir = s->loaded ? s->brief.corpus_dir : NULL;
}

bool bg_session_reads(bg_session *s, const bg_file_id *id)
{
    list_inputs(s);
    return s->inputs && bsearch(id, s->inputs, s->input_count, sizeof *s->inputs, compare_ids);
}

bool bg_session_is_input(bg_session *s, const char *path)
{
    struct stat st;
    if (!s || !path || stat(path, &st) != 0) return false;
    bg_file_id id = {(unsigned long long)st.st_dev, (unsigned long long)st.st_ino};
    return bg_session_reads(s, &id);
}

void bg_session_release(bg_session *s)
{
    if (!s || s->released) return;
    list_inputs(s);
    bg_session_dependencies(s, &s->deps);
    s->released = true;
    s->composed = false;
    bg_arena_free(&s->content);
    memset(&s->themes, 0, sizeof s->themes);
    memset(&s->corpus, 0, sizeof s->corpus);
    memset(&s->doc, 0, sizeof s->doc);
}

void bg_session_free(bg_session *s)
{
    if (!s) return;
    bg_hyphenator_free(bg_session_take_hyphenator(s));
    bg_arena_free(&s->content);
    bg_arena_free(&s->arena);
    free(s);
}

const bg_render_info *bg_session_info(const bg_session *s)
{
    return &s->info;
}

bool bg_is_catalogue(const char *path)
{
    if (strcmp(path, "-") == 0) return false; /* standard input is read once, as a brief */
    bg_arena arena = {0};
    bg_diags quiet;
    bg_diags_init(&quiet);
    char *text;
    size_t len;
    bg_ynode *root = NULL;
    bool yes = false;
    if (bg_read_text_file(&arena, path, &quiet, &text, &len) == 0 &&
        bg_yaml_parse(&arena, text, len, path, 1, &quiet, &root) == 0 && root)
        yes = bg_ymap_get(root, "themes") && !bg_ymap_get(root, "title") &&
              !bg_ymap_get(root, "select");
    bg_diags_free(&quiet);
    bg_arena_free(&arena);
    return yes;
}

/* An event file checked alone, against the catalogue beside its folder
 * (events/../themes.yaml) when there is one. */
static void check_event_file(const char *path, bg_diags *diags)
{
    bg_arena arena = {0};
    const char *dir = bg_path_dirname(&arena, path);
    const char *themes_path =
        dir ? bg_path_join(&arena, bg_path_dirname(&arena, dir), "themes.yaml") : NULL;
    bg_themes themes;
    struct stat st;
    bool have = themes_path && stat(themes_path, &st) == 0 &&
                bg_themes_load(&arena, themes_path, diags, &themes) == 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!bg_is_korean_text(base)) {
        bg_event_load(&arena, path, have ? &themes : NULL, diags);
        bg_arena_free(&arena);
        return;
    }
    /* a Korean text: checked against its event file, <id>.md beside it */
    char *main_path = bg_arena_strndup(&arena, path, strlen(path) - 6);
    main_path = main_path ? bg_arena_printf(&arena, "%s.md", main_path) : NULL;
    bg_event *ev = NULL;
    if (main_path && stat(main_path, &st) != 0)
        bg_diag_add(diags, BG_ERROR, path, 1, 1, "a Korean text without its event: no %s",
                    main_path);
    else if (main_path)
        ev = bg_event_load(&arena, main_path, have ? &themes : NULL, diags);
    char *text;
    size_t len;
    if (ev && bg_read_text_file(&arena, path, diags, &text, &len) == 0)
        bg_event_korean_parse(&arena, path, text, ev, have ? &themes : NULL, diags);
    bg_arena_free(&arena);
}

bg_status bg_check_file(const char *path, bg_diags *diags)
{
    return bg_check_file_with(path, NULL, diags);
}

bg_status bg_check_file_with(const char *path, const bg_open_options *options, bg_diags *diags)
{
    size_t errors = diags->errors;
    size_t len = strlen(path);
    if (len > 3 && strcmp(path + len - 3, ".md") == 0) {
        check_event_file(path, diags);
    } else if (bg_is_catalogue(path)) {
        bg_arena arena = {0};
        bg_themes themes;
        bg_themes_load(&arena, path, diags, &themes);
        bg_arena_free(&arena);
    } else {
        bg_session session;
        memset(&session, 0, sizeof session);
        session_load(&session, path, options, diags);
        bg_arena_free(&session.content);
        bg_arena_free(&session.arena);
    }
    return diags->errors > errors ? BG_INPUT : BG_OK;
}

/* The characters "briefgen fonts" looks up in every role and style. */
static const struct {
    const char *script;
    uint32_t cp;
} probes[BG_REPORT_PROBES] = {{"Latin", 'A'},
                              {"Hangul", 0xD55C},
                              {"Cyrillic", 0x0414},
                              {"Cyrillic Ukrainian", 0x0407},
                              {"Cyrillic Serbian", 0x0402},
                              {"punctuation", 0x201C},
                              {"middle dot", 0x00B7},
                              {"Hanja (Ext. B)", 0x20B9F},
                              {"emoji", 0x1F600}};

bg_status bg_fonts_report_make(const char *brief_path, bg_fonts_report *report, bg_diags *diags)
{
    static const char *const roles[BG_REPORT_ROLES] = {"body", "heading", "mono"};
    static const char *const styles[BG_REPORT_STYLES] = {"regular", "bold", "italic",
                                                         "bold italic"};
    memset(report, 0, sizeof *report);
    report->arena = calloc(1, sizeof *report->arena);
    if (!report->arena) {
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "out of memory");
        return BG_SYSTEM;
    }
    bg_arena *arena = report->arena;
    const char *families[BG_ROLE_COUNT] = {NULL, NULL, NULL};
    int lines[BG_ROLE_COUNT] = {0}, cols[BG_ROLE_COUNT] = {0};
    if (brief_path) {
        bg_brief brief;
        size_t errors = diags->errors;
        if (bg_brief_load(arena, brief_path, diags, &brief) != 0 || diags->errors > errors)
            return BG_INPUT;
        families[BG_ROLE_BODY] = brief.font_body;
        families[BG_ROLE_HEADING] = brief.font_heading;
        families[BG_ROLE_MONO] = brief.font_mono;
        for (int r = 0; r < BG_ROLE_COUNT; r++) {
            lines[r] = brief.font_line[r];
            cols[r] = brief.font_col[r];
        }
    }
    const char *conf = bg_fonts_default_conf();
    report->conf = bg_arena_strdup(arena, conf);
    bg_fonts *fonts;
    if (bg_fonts_open_at(&fonts, conf, families, brief_path ? brief_path : conf, lines, cols,
                         diags) != 0)
        return BG_SYSTEM;
    for (int r = 0; r < BG_REPORT_ROLES; r++) {
        report->role_names[r] = roles[r];
        report->families[r] = bg_arena_strdup(arena, bg_fonts_family(fonts, (bg_role)r));
        for (int v = 0; v < BG_REPORT_STYLES; v++) {
            report->style_names[v] = styles[v];
            for (int p = 0; p < BG_REPORT_PROBES; p++) {
                bg_font_use *use = &report->uses[r][v][p];
                bg_font_ref ref = bg_fonts_lookup(fonts, (bg_role)r, v, probes[p].cp);
                const bg_face_info *face = bg_fonts_face(fonts, ref.face);
                use->script = probes[p].script;
                use->cp = probes[p].cp;
                if (!face) {
                    report->gaps++;
                    continue;
                }
                use->path = bg_arena_strdup(arena, face->path);
                use->family = bg_arena_strdup(arena, face->family);
                use->style = bg_arena_strdup(arena, face->style);
                use->synthetic_bold = ref.fake_bold;
                use->synthetic_slant = ref.fake_italic;
            }
        }
    }
    bg_fonts_free(fonts);
    return BG_OK;
}

void bg_fonts_report_free(bg_fonts_report *report)
{
    if (report->arena) bg_arena_free(report->arena);
    free(report->arena);
    memset(report, 0, sizeof *report);
}
