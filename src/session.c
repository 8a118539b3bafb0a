/* api.c - the library's public entry points (briefgen.h): a brief opened
 * with its theme catalogue and corpus, checked and composed. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "briefgen.h"
#include "base/util.h"
#include "load/yamlx.h"

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

int bg_session_open(bg_session *s, const char *path, bg_diags *diags)
{
    memset(s, 0, sizeof *s);
    size_t errors = diags->errors;
    if (bg_brief_load(&s->arena, path, diags, &s->brief) != 0) return -1;
    const bg_brief *b = &s->brief;
    int themes_ok = check_path(b, b->themes_path, false, b->themes_line, b->themes_col,
                               "theme catalogue", diags) == 0 &&
                    bg_themes_load(&s->arena, b->themes_path, diags, &s->themes) == 0;
    int corpus_ok = check_path(b, b->corpus_dir, true, b->corpus_line, b->corpus_col,
                               "corpus directory", diags) == 0 &&
                    bg_corpus_load(&s->arena, b->corpus_dir, themes_ok ? &s->themes : NULL, diags,
                                   &s->corpus) == 0;
    s->loaded = true;
    bg_brief_check_refs(b, themes_ok ? &s->themes : NULL, corpus_ok ? &s->corpus : NULL, diags);
    if (!themes_ok || !corpus_ok || diags->errors > errors) return -1;
    if (bg_compose(&s->arena, b, &s->themes, &s->corpus, diags, &s->doc) != 0) return -1;
    s->composed = true;
    return diags->errors > errors ? -1 : 0;
}

void bg_session_free(bg_session *s)
{
    bg_arena_free(&s->arena);
    memset(s, 0, sizeof *s);
}

bool bg_is_catalogue(const char *path)
{
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
    bg_event_load(&arena, path, have ? &themes : NULL, diags);
    bg_arena_free(&arena);
}

int bg_check_file(const char *path, bg_diags *diags)
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
        bg_session_open(&session, path, diags);
        bg_session_free(&session);
    }
    return diags->errors > errors ? -1 : 0;
}
