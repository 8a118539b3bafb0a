/* load.h - loading and validating the three input formats: the theme
 * catalogue, the event corpus and brief definitions. Every problem found is
 * appended to DIAGS; the functions return -1 only when nothing usable could
 * be loaded, so a caller decides on errors by counting DIAGS->errors. */
#ifndef BRIEFGEN_LOAD_H
#define BRIEFGEN_LOAD_H

#include "base/diag.h"
#include "load/types.h"

/* docs/formats.md#themes: the theme catalogue at PATH. */
int bg_themes_load(bg_arena *arena, const char *path, bg_diags *diags, bg_themes *themes);
const bg_theme *bg_themes_find(const bg_themes *themes, const char *id);

/* docs/formats.md#events: every *.md file of DIR, validated against THEMES (which may be
 * NULL to skip theme checks). Events with errors are left out. */
int bg_corpus_load(bg_arena *arena, const char *dir, const bg_themes *themes, bg_diags *diags,
                   bg_corpus *corpus);
/* One event file; returns NULL (after diagnostics) when it has errors. */
bg_event *bg_event_load(bg_arena *arena, const char *path, const bg_themes *themes,
                        bg_diags *diags);
/* One event from TEXT already in memory (used by the fuzz target). */
bg_event *bg_event_parse(bg_arena *arena, const char *path, char *text, size_t len,
                         const bg_themes *themes, bg_diags *diags);
/* The Korean text of EV (docs/formats.md#korean-text) from TEXT, read from
 * PATH: optional front matter (title_ko, place_ko, participants_ko; id,
 * date and themes only to agree with the event file), a Korean lead and
 * passages. 0, or -1 after errors (EV then has no Korean text). */
int bg_event_korean_parse(bg_arena *arena, const char *path, char *text, bg_event *ev,
                          const bg_themes *themes, bg_diags *diags);
/* True for a file name of a Korean text, "<id>.ko.md". */
bool bg_is_korean_text(const char *name);

/* Orders events by date, then time, then id (a partial date before the
 * full dates of its period, an event without a time before timed ones). */
int bg_event_compare(const bg_event *a, const bg_event *b);
const bg_event *bg_corpus_find(const bg_corpus *corpus, const char *id);

/* docs/formats.md#briefs: the brief definition at PATH ("-": standard
 * input), its own fields only. */
int bg_brief_load(bg_arena *arena, const char *path, bg_diags *diags, bg_brief *brief);
/* The same with SET_COUNT overrides "KEY=VALUE" of top-level keys (VALUE
 * in YAML, checked as if the file said it; "briefgen --set"). */
int bg_brief_load_set(bg_arena *arena, const char *path, const char *const *set, size_t set_count,
                      bg_diags *diags, bg_brief *brief);
/* The same from TEXT (LEN bytes of valid UTF-8) already in memory. */
int bg_brief_parse(bg_arena *arena, const char *path, const char *text, size_t len, bg_diags *diags,
                   bg_brief *brief);
int bg_brief_parse_set(bg_arena *arena, const char *path, const char *text, size_t len,
                       const char *const *set, size_t set_count, bg_diags *diags, bg_brief *brief);
/* Diagnostics from FIRST on that point into a --set override's value
 * (any stage reports at the brief's lines: a theme id, a font family, the
 * corpus folder) name the option instead of the file: '--set K=V: ...'. */
void bg_brief_name_overrides(const bg_brief *brief, bg_diags *diags, size_t first);
/* Checks the brief's theme and event references against the catalogue and
 * corpus it uses (unknown ids with did-you-mean suggestions). */
void bg_brief_check_refs(const bg_brief *brief, const bg_themes *themes, const bg_corpus *corpus,
                         bg_diags *diags);

#endif
