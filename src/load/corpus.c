/* corpus.c - the event corpus, briefs/events/<id>.md (docs/formats.md#events): YAML front
 * matter between two '---' lines, then a CommonMark body whose text before
 * the first level-2 heading is the lead and whose level-2 headings named
 * after a theme open that theme's passage. */
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load/load.h"
#include "base/util.h"
#include "load/loadint.h"

static const char *const event_keys[] = {
    "id",   "date",  "time",         "timezone", "end",       "title",  "title_ko",
    "kind", "place", "participants", "themes",   "milestone", "sources"};
static const char *const source_keys[] = {"title", "publisher", "date", "url"};

/* True when the line at P (up to a newline) is exactly MARK, trailing blanks allowed. */
static int is_fence_line(const char *p, const char *mark)
{
    size_t n = strlen(mark);
    if (strncmp(p, mark, n) != 0) return 0;
    p += n;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '\n' || *p == '\0';
}

/* Where each line of a text starts: LINE[l - 1] is the offset of line l
 * (1-based), COUNT lines, END the text's length (found once: a body is
 * sliced once per passage). */
typedef struct line_index {
    size_t *line;
    size_t count, end;
} line_index;

static int line_index_make(line_index *ix, const char *text)
{
    size_t n = 1, len = 0;
    for (; text[len]; len++)
        if (text[len] == '\n') n++;
    ix->line = malloc(n * sizeof *ix->line);
    ix->count = n;
    ix->end = len;
    if (!ix->line) return -1;
    size_t l = 0;
    ix->line[l++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') ix->line[l++] = i + 1;
    return 0;
}

/* Pointer to the start of line LINE (1-based) of TEXT, or the end. */
static const char *line_start(const line_index *ix, const char *text, int line)
{
    if (line < 1) line = 1;
    return (size_t)line <= ix->count ? text + ix->line[line - 1] : text + ix->end;
}

/* Copies lines FIRST..LAST (inclusive, 1-based) of BODY, trimmed of blank
 * lines at both ends; NULL when nothing but blanks. *START_LINE gets the
 * line of the first kept line. */
static const char *slice_lines(bg_arena *arena, const line_index *ix, const char *body, int first,
                               int last, int *start_line)
{
    if (last < first) return NULL;
    const char *a = line_start(ix, body, first);
    const char *b = line_start(ix, body, last + 1);
    int line = first;
    while (a < b) {
        const char *eol = memchr(a, '\n', (size_t)(b - a));
        const char *q = a;
        while (q < b && (*q == ' ' || *q == '\t'))
            q++;
        if (eol && q == eol) {
            a = eol + 1;
            line++;
            continue;
        }
        if (!eol && q == b) a = b;
        break;
    }
    while (b > a && (b[-1] == '\n' || b[-1] == ' ' || b[-1] == '\t'))
        b--;
    if (b <= a) return NULL;
    *start_line = line;
    return bg_arena_strndup(arena, a, (size_t)(b - a));
}

/* The plain text of a heading node (text and code spans). */
static char *heading_text(bg_arena *arena, cmark_node *heading)
{
    size_t cap = 256, len = 0;
    char *buf = bg_arena_alloc(arena, cap);
    if (!buf) return NULL;
    cmark_iter *iter = cmark_iter_new(heading);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node_type t = cmark_node_get_type(node);
        const char *lit = NULL;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) lit = cmark_node_get_literal(node);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) lit = " ";
        if (!lit) continue;
        size_t n = strlen(lit);
        if (len + n + 1 > cap) {
            size_t grown = (len + n + 1) * 2;
            char *p = bg_arena_alloc(arena, grown);
            if (!p) break;
            memcpy(p, buf, len);
            buf = p;
            cap = grown;
        }
        memcpy(buf + len, lit, n);
        len += n;
    }
    buf[len] = '\0';
    cmark_iter_free(iter);
    return buf;
}

/* The theme a passage heading names: its id, or its label (any case). */
static const bg_theme *heading_theme(const bg_themes *themes, const char *text)
{
    if (!themes) return NULL;
    for (size_t i = 0; i < themes->count; i++)
        if (strcasecmp(themes->items[i].id, text) == 0 ||
            strcasecmp(themes->items[i].label, text) == 0 ||
            (themes->items[i].label_ko && strcmp(themes->items[i].label_ko, text) == 0))
            return &themes->items[i];
    return NULL;
}

static int event_has_theme(const bg_event *ev, const char *id)
{
    for (size_t i = 0; i < ev->theme_count; i++)
        if (strcmp(ev->themes[i], id) == 0) return 1;
    return 0;
}

/* Splits BODY (starting on line BODY_LINE of the file) into lead and passages. */
static void body_read(bg_fctx *ctx, bg_event *ev, const char *body, int body_line,
                      const bg_themes *themes)
{
    cmark_node *doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
    if (!doc) return;
    bg_markdown_check_tree(ctx, doc, body_line);
    size_t headings = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2)
            headings++;
    ev->passages = bg_arena_alloc(ctx->arena, (headings ? headings : 1) * sizeof(bg_passage));
    const char **grown =
        bg_arena_alloc(ctx->arena, (ev->theme_count + headings + 1) * sizeof(char *));
    if (!ev->passages || !grown) {
        cmark_node_free(doc);
        return;
    }
    if (ev->theme_count) memcpy(grown, ev->themes, ev->theme_count * sizeof(char *));
    ev->themes = grown;
    line_index lines;
    if (line_index_make(&lines, body) != 0) {
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, body_line, 1, "out of memory");
        free(lines.line);
        cmark_node_free(doc);
        return;
    }

    int lead_end = 1 << 30;
    bg_passage *open = NULL;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) != 2)
            continue;
        int start = cmark_node_get_start_line(n), end = cmark_node_get_end_line(n);
        if (open) {
            int first = open->body.line;
            open->body.markdown = slice_lines(ctx->arena, &lines, body, first, start - 1, &first);
            open->body.line = body_line + first - 1;
        } else {
            lead_end = start - 1;
        }
        bg_passage *p = &ev->passages[ev->passage_count++];
        p->heading = heading_text(ctx->arena, n);
        p->body.file = ctx->file;
        /* cmark 0.30 ends a setext heading a line past its underline */
        cmark_node *next = cmark_node_next(n);
        if (next && cmark_node_get_start_line(next) <= end)
            end = cmark_node_get_start_line(next) - 1;
        p->body.line = end + 1; /* body-relative until sliced */
        const bg_theme *theme = p->heading ? heading_theme(themes, p->heading) : NULL;
        int file_line = body_line + start - 1, col = cmark_node_get_start_column(n);
        if (theme) {
            for (size_t i = 0; i + 1 < ev->passage_count; i++)
                if (ev->passages[i].theme_id && strcmp(ev->passages[i].theme_id, theme->id) == 0) {
                    bg_diag_add(ctx->diags, BG_WARNING, ctx->file, file_line, col,
                                "another passage on theme '%s': the theme section shows only "
                                "the first; the annex shows them all",
                                theme->id);
                    break;
                }
            p->theme_id = theme->id;
            if (!event_has_theme(ev, theme->id)) ev->themes[ev->theme_count++] = theme->id;
        } else if (p->heading && themes && bg_id_valid(p->heading)) {
            const char **ids = bg_themes_ids(ctx->arena, themes);
            const char *hint = ids ? bg_suggest(p->heading, ids, themes->count) : NULL;
            if (hint)
                bg_diag_add(ctx->diags, BG_WARNING, ctx->file, file_line, col,
                            "heading '%s' is not a theme (did you mean '%s'?); kept as an "
                            "ordinary subsection",
                            p->heading, hint);
        }
        open = p;
    }
    int total_lines = (int)lines.count;
    if (open) {
        int first = open->body.line;
        open->body.markdown = slice_lines(ctx->arena, &lines, body, first, total_lines, &first);
        open->body.line = body_line + first - 1;
    }
    int lead_line = 1;
    ev->lead.file = ctx->file;
    ev->lead.markdown = slice_lines(ctx->arena, &lines, body, 1,
                                    lead_end < total_lines ? lead_end : total_lines, &lead_line);
    ev->lead.line = body_line + lead_line - 1;
    free(lines.line);
    cmark_node_free(doc);
}

/* Checks "HH:MM" (SIGN false) or "+HH:MM"/"-HH:MM" (SIGN true). */
static int clock_valid(const char *s, bool sign)
{
    if (sign) {
        if (*s != '+' && *s != '-') return 0;
        s++;
    }
    if (strlen(s) != 5 || s[2] != ':') return 0;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9')) return 0;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h <= (sign ? 14 : 23) && m <= 59;
}

static void sources_read(bg_fctx *ctx, const bg_ynode *fm, bg_event *ev)
{
    const bg_ynode *list = bg_ymap_get(fm, "sources");
    if (!list || bg_ynode_is_null(list) || (list->kind == BG_Y_SEQ && list->count == 0)) {
        const bg_ynode *at = list ? list : fm;
        bg_diag_add(ctx->diags, BG_WARNING, ctx->file, at->line, at->col,
                    "event '%s' has no source", ev->id ? ev->id : "?");
        return;
    }
    if (list->kind == BG_Y_INVALID) return;
    if (list->kind != BG_Y_SEQ) {
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, list->line, list->col,
                    "'sources' must be a list of {title, publisher, date, url}, not %s",
                    bg_fields_type_name(list));
        return;
    }
    ev->sources = bg_arena_alloc(ctx->arena, list->count * sizeof(bg_source));
    if (!ev->sources) return;
    for (size_t i = 0; i < list->count; i++) {
        const bg_ynode *item = list->items[i];
        if (item->kind == BG_Y_INVALID) continue;
        if (item->kind != BG_Y_MAP) {
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, item->line, item->col,
                        "each source must be a mapping with title, publisher and date, not %s",
                        bg_fields_type_name(item));
            continue;
        }
        bg_fields_check_keys(ctx, item, source_keys, 4, "source");
        bg_source *s = &ev->sources[ev->source_count];
        s->title = bg_field_string(ctx, item, "title", true);
        s->publisher = bg_field_string(ctx, item, "publisher", true);
        s->has_date = bg_field_date(ctx, item, "date", true, &s->date) == 1;
        s->url = bg_field_string(ctx, item, "url", false);
        if (s->url && strncmp(s->url, "http://", 7) != 0 && strncmp(s->url, "https://", 8) != 0) {
            const bg_ynode *u = bg_ymap_get(item, "url");
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, u->line, u->col,
                        "bad url '%s': expected an http:// or https:// address", s->url);
        } else if (s->url && bg_uri_encoded_length(s->url) > BG_MAX_URI) {
            const bg_ynode *u = bg_ymap_get(item, "url");
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, u->line, u->col,
                        "a url longer than %d bytes is shown without a link", BG_MAX_URI);
        }
        if (s->title && s->publisher) ev->source_count++;
    }
}

/* Validates the front matter mapping FM into EV. */
static void front_matter_read(bg_fctx *ctx, const bg_ynode *fm, bg_event *ev, const char *path,
                              const bg_themes *themes)
{
    bg_fields_check_keys(ctx, fm, event_keys, sizeof event_keys / sizeof event_keys[0],
                         "event front matter");
    ev->id = bg_field_string(ctx, fm, "id", true);
    if (ev->id) {
        const bg_ynode *id = bg_ymap_get(fm, "id");
        const char *stem = bg_path_stem(ctx->arena, path);
        ev->id_line = id->line;
        ev->id_col = id->col;
        if (!bg_id_valid(ev->id))
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, id->line, id->col,
                        "bad event id '%s': use lower-case letters, digits and '-'", ev->id);
        else if (stem && strcmp(stem, ev->id) != 0)
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, id->line, id->col,
                        "id '%s' differs from the file name '%s.md'", ev->id, stem);
    }
    bg_field_date(ctx, fm, "date", true, &ev->date);
    if (bg_field_date(ctx, fm, "end", false, &ev->end) == 1) {
        ev->has_end = true;
        const bg_ynode *end = bg_ymap_get(fm, "end");
        if (ev->date.year &&
            bg_date_compare(bg_date_last_day(ev->end), bg_date_first_day(ev->date)) < 0)
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, end->line, end->col,
                        "'end' (%s) precedes 'date'", end->value);
    }
    static const char *const clock_keys[] = {"time", "timezone"};
    for (int k = 0; k < 2; k++) {
        const char *v = bg_field_string(ctx, fm, clock_keys[k], false);
        if (v && !clock_valid(v, k == 1)) {
            const bg_ynode *n = bg_ymap_get(fm, clock_keys[k]);
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, n->line, n->col,
                        k == 1     ? "bad timezone '%s': expected +HH:MM or -HH:MM"
                        : n->plain ? "bad time '%s': expected HH:MM (quote it: \"09:30\")"
                                   : "bad time '%s': expected HH:MM from 00:00 to 23:59",
                        v);
        }
        if (k == 0)
            ev->time = v;
        else
            ev->timezone = v;
    }
    ev->title = bg_field_string(ctx, fm, "title", true);
    ev->title_ko = bg_field_string(ctx, fm, "title_ko", false);
    int err;
    int kind = bg_field_choice(ctx, fm, "kind", bg_kind_names(), BG_KIND_COUNT, &err);
    if (kind >= 0)
        ev->kind = (bg_kind)kind;
    else if (!err)
        bg_fields_missing(ctx, fm, "kind");
    ev->place = bg_field_string(ctx, fm, "place", false);
    bg_strlist list;
    bg_field_strlist(ctx, fm, "participants", &list);
    ev->participants = list.items;
    ev->participant_count = list.count;
    bg_field_strlist(ctx, fm, "themes", &list);
    ev->themes = list.items;
    ev->theme_count = 0;
    for (size_t i = 0; i < list.count; i++) {
        if (themes && !bg_themes_find(themes, list.items[i])) {
            bg_unknown_theme(ctx, themes, list.items[i], list.lines[i], list.cols[i]);
            continue;
        }
        if (event_has_theme(ev, list.items[i])) {
            bg_diag_add(ctx->diags, BG_WARNING, ctx->file, list.lines[i], list.cols[i],
                        "theme '%s' is listed twice", list.items[i]);
            continue;
        }
        ev->themes[ev->theme_count++] = list.items[i];
    }
    bool milestone = false;
    if (bg_field_bool(ctx, fm, "milestone", &milestone) == 1) ev->milestone = milestone;
    sources_read(ctx, fm, ev);
}

/* TEXT starts with a '---' line: the closing '---' or '...' line of its
 * front matter (NULL when there is none), the front matter's first
 * character in *FM_START and the closing line's number in *LINE. */
static const char *front_matter_end(const char *text, const char **fm_start, int *line)
{
    const char *p = strchr(text, '\n');
    p = p ? p + 1 : text + strlen(text);
    *fm_start = p;
    *line = 2;
    while (*p) {
        if (is_fence_line(p, "---") || is_fence_line(p, "...")) return p;
        const char *eol = strchr(p, '\n');
        if (!eol) break;
        p = eol + 1;
        ++*line;
    }
    return NULL;
}

/* Parses an event; returns it with INVALID set when it had errors, NULL
 * when not even its front matter could be read. */
static bg_event *event_parse_any(bg_arena *arena, const char *path, char *text,
                                 const bg_themes *themes, bg_diags *diags)
{
    const char *file = bg_arena_strdup(arena, path);
    bg_fctx ctx = {arena, file, diags};
    size_t errors = diags->errors;
    if (!is_fence_line(text, "---")) {
        bg_diag_add(diags, BG_ERROR, file, 1, 1,
                    "missing front matter: an event file starts with a '---' line");
        return NULL;
    }
    int line;
    const char *fm_start, *close = front_matter_end(text, &fm_start, &line);
    if (!close) {
        bg_diag_add(diags, BG_ERROR, file, 1, 1,
                    "front matter is not closed: no second '---' line");
        return NULL;
    }
    bg_ynode *fm;
    if (bg_yaml_parse(arena, fm_start, (size_t)(close - fm_start), file, 2, diags, &fm) != 0)
        return NULL;
    if (!fm || fm->kind != BG_Y_MAP) {
        bg_diag_add(diags, BG_ERROR, file, fm ? fm->line : 2, fm ? fm->col : 1,
                    "front matter must be a mapping of keys (id, date, title, kind, ...)");
        return NULL;
    }
    bg_event *ev = bg_arena_alloc(arena, sizeof *ev);
    if (!ev) return NULL;
    ev->path = file;
    front_matter_read(&ctx, fm, ev, path, themes);
    const char *body = strchr(close, '\n');
    body = body ? body + 1 : close + strlen(close);
    body_read(&ctx, ev, body, line + 1, themes);
    if (!ev->lead.markdown)
        bg_diag_add(diags, BG_WARNING, file, line + 1, 1,
                    "event '%s' has no lead: write two or three sentences before the first "
                    "'##' heading",
                    ev->id ? ev->id : "?");
    ev->invalid = diags->errors > errors;
    return ev;
}

static const char *const korean_keys[] = {"id",       "date",     "themes",
                                          "title_ko", "place_ko", "participants_ko"};

/* A key of the Korean file that the event file gives: the two must agree. */
static void korean_agrees(bg_fctx *ctx, const bg_ynode *fm, const char *key, bool same,
                          const char *event_path)
{
    const bg_ynode *node = bg_ymap_get(fm, key);
    if (node && !same)
        bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                    "'%s' contradicts the event file %s; '%s' is taken from there (leave it out "
                    "here)",
                    key, event_path, key);
}

/* Reads the front matter FM of a Korean text into EV. */
static void korean_front_matter(bg_fctx *ctx, const bg_ynode *fm, bg_event *ev)
{
    bg_fields_check_keys(ctx, fm, korean_keys, sizeof korean_keys / sizeof korean_keys[0],
                         "Korean text front matter");
    const char *id = bg_field_string(ctx, fm, "id", false);
    korean_agrees(ctx, fm, "id", !id || strcmp(id, ev->id) == 0, ev->path);
    bg_date date;
    if (bg_field_date(ctx, fm, "date", false, &date) == 1)
        korean_agrees(ctx, fm, "date", bg_date_compare(date, ev->date) == 0, ev->path);
    bg_strlist list;
    if (bg_ymap_get(fm, "themes") && bg_field_strlist(ctx, fm, "themes", &list) == 0) {
        bool same = true; /* every theme listed is one of the event's, and as many */
        for (size_t i = 0; i < list.count && same; i++)
            same = event_has_theme(ev, list.items[i]);
        korean_agrees(ctx, fm, "themes", same && list.count <= ev->theme_count, ev->path);
    }
    const char *title_ko = bg_field_string(ctx, fm, "title_ko", false);
    if (title_ko) {
        korean_agrees(ctx, fm, "title_ko", !ev->title_ko || strcmp(ev->title_ko, title_ko) == 0,
                      ev->path);
        ev->title_ko = title_ko;
    }
    ev->place_ko = bg_field_string(ctx, fm, "place_ko", false);
    if (bg_ymap_get(fm, "participants_ko") &&
        bg_field_strlist(ctx, fm, "participants_ko", &list) == 0) {
        const bg_ynode *node = bg_ymap_get(fm, "participants_ko");
        if (list.count != ev->participant_count)
            bg_diag_add(ctx->diags, BG_ERROR, ctx->file, node->line, node->col,
                        "'participants_ko' names %zu participant%s and the event file's "
                        "'participants' %zu: give the same people in the same order",
                        list.count, list.count == 1 ? "" : "s", ev->participant_count);
        else {
            ev->participants_ko = list.items;
            ev->participant_ko_count = list.count;
        }
    }
}

int bg_event_korean_parse(bg_arena *arena, const char *path, char *text, bg_event *ev,
                          const bg_themes *themes, bg_diags *diags)
{
    const char *file = bg_arena_strdup(arena, path);
    bg_fctx ctx = {arena, file, diags};
    size_t errors = diags->errors;
    const char *body = text;
    int body_line = 1;
    if (is_fence_line(text, "---")) { /* front matter is optional here */
        int line;
        const char *fm_start, *close = front_matter_end(text, &fm_start, &line);
        if (!close) {
            bg_diag_add(diags, BG_ERROR, file, 1, 1,
                        "front matter is not closed: no second '---' line");
            return -1;
        }
        bg_ynode *fm;
        if (bg_yaml_parse(arena, fm_start, (size_t)(close - fm_start), file, 2, diags, &fm) != 0)
            return -1;
        if (fm && fm->kind != BG_Y_MAP) {
            bg_diag_add(diags, BG_ERROR, file, fm->line, fm->col,
                        "front matter must be a mapping of keys (place_ko, participants_ko)");
            return -1;
        }
        if (fm) korean_front_matter(&ctx, fm, ev);
        body = strchr(close, '\n');
        body = body ? body + 1 : close + strlen(close);
        body_line = line + 1;
    }
    /* lead and passages as in the event file, read into a scratch event so
     * that the event's own themes stay as they are */
    bg_event ko;
    memset(&ko, 0, sizeof ko);
    ko.themes = ev->themes;
    ko.theme_count = ev->theme_count;
    body_read(&ctx, &ko, body, body_line, themes);
    for (size_t i = 0; i < ko.passage_count; i++) {
        bg_passage *p = &ko.passages[i];
        if (p->theme_id && !event_has_theme(ev, p->theme_id)) {
            bg_diag_add(diags, BG_WARNING, file, p->body.line > 1 ? p->body.line - 1 : 1, 1,
                        "a Korean passage on theme '%s', which the event file does not list; "
                        "kept as an ordinary subsection",
                        p->theme_id);
            p->theme_id = NULL;
        }
    }
    if (!ko.lead.markdown)
        bg_diag_add(diags, BG_WARNING, file, body_line, 1,
                    "the Korean text of '%s' has no lead: write it before the first '##' heading",
                    ev->id);
    if (diags->errors > errors) return -1;
    ev->lead_ko = ko.lead;
    ev->passages_ko = ko.passages;
    ev->passage_ko_count = ko.passage_count;
    ev->ko_path = file;
    ev->has_ko = true;
    return 0;
}

bool bg_is_korean_text(const char *name)
{
    size_t len = strlen(name);
    return len > 6 && strcmp(name + len - 6, ".ko.md") == 0;
}

bg_event *bg_event_parse(bg_arena *arena, const char *path, char *text, size_t len,
                         const bg_themes *themes, bg_diags *diags)
{
    (void)len;
    bg_event *ev = event_parse_any(arena, path, text, themes, diags);
    return ev && !ev->invalid ? ev : NULL;
}

bg_event *bg_event_load(bg_arena *arena, const char *path, const bg_themes *themes, bg_diags *diags)
{
    char *text;
    size_t len;
    if (bg_read_text_file(arena, path, diags, &text, &len) != 0) return NULL;
    return bg_event_parse(arena, path, text, len, themes, diags);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int bg_event_compare(const bg_event *a, const bg_event *b)
{
    int c = bg_date_compare(a->date, b->date);
    if (c) return c;
    /* an event without a time sorts before the timed events of its day */
    const char *ta = a->time ? a->time : "", *tb = b->time ? b->time : "";
    c = strcmp(ta, tb);
    if (c) return c < 0 ? -1 : 1;
    c = strcmp(a->id, b->id);
    return c < 0 ? -1 : c > 0;
}

static int compare_events(const void *a, const void *b)
{
    return bg_event_compare(*(const bg_event *const *)a, *(const bg_event *const *)b);
}

/* The slot of ID in the corpus's index by id: the event's, or the free
 * slot it would take (NULL without an index, or when it is full). */
static bg_event **id_slot(const bg_corpus *corpus, const char *id)
{
    if (!corpus->by_id) return NULL;
    uint64_t h = 1469598103934665603ull;
    for (const char *p = id; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 1099511628211ull;
    }
    size_t mask = corpus->by_id_cap - 1;
    for (size_t k = h & mask, probes = 0; probes <= mask; k = (k + 1) & mask, probes++) {
        bg_event **slot = &corpus->by_id[k];
        if (!*slot || strcmp((*slot)->id, id) == 0) return slot;
    }
    return NULL;
}

/* Reads the Korean text NAME (<id>.ko.md) of DIR into its event. */
static void korean_attach(bg_arena *arena, bg_arena *scratch, bg_corpus *corpus, const char *dir,
                          const char *name, const bg_themes *themes, bg_diags *diags)
{
    const char *path = bg_path_join(arena, dir, name);
    char *id = bg_arena_strndup(arena, name, strlen(name) - 6);
    if (!path || !id) return;
    bg_event **slot = id_slot(corpus, id);
    bg_event *ev = slot ? *slot : NULL;
    if (!ev) {
        for (size_t k = 0; k < corpus->invalid_count; k++)
            if (strcmp(corpus->invalid_ids[k], id) == 0) return; /* its event had errors */
        bg_diag_add(diags, BG_ERROR, path, 1, 1,
                    "a Korean text without its event: no event '%s' (%s.md) in the corpus", id, id);
        return;
    }
    char *text;
    size_t len;
    if (bg_read_text_file(scratch, path, diags, &text, &len) != 0) return;
    bg_event_korean_parse(arena, path, text, ev, themes, diags);
    bg_arena_reset(scratch);
}

int bg_corpus_load(bg_arena *arena, const char *dir, const bg_themes *themes, bg_diags *diags,
                   bg_corpus *corpus)
{
    memset(corpus, 0, sizeof *corpus);
    corpus->dir = bg_arena_strdup(arena, dir);
    DIR *d = opendir(dir);
    if (!d) {
        bg_diag_add(diags, BG_ERROR, dir, 0, 0, "cannot open the corpus directory: %s",
                    strerror(errno));
        return -1;
    }
    size_t cap = 64, n = 0;
    char **names = malloc(cap * sizeof *names);
    if (!names) {
        closedir(d);
        return -1;
    }
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        size_t len = strlen(entry->d_name);
        if (entry->d_name[0] == '.' || len < 4 || strcmp(entry->d_name + len - 3, ".md") != 0)
            continue;
        char **grown = bg_grow(names, n, &cap, sizeof *grown, 64);
        if (!grown) break;
        names = grown;
        names[n] = bg_arena_strdup(arena, entry->d_name);
        if (!names[n]) break;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    /* the Korean texts (<id>.ko.md) after the event files, moved to the end */
    size_t event_files = 0;
    for (size_t i = 0; i < n; i++)
        if (!bg_is_korean_text(names[i])) {
            char *keep = names[event_files];
            names[event_files++] = names[i];
            names[i] = keep;
        }
    qsort(names, event_files, sizeof *names, compare_names);
    qsort(names + event_files, n - event_files, sizeof *names, compare_names);
    corpus->events = bg_arena_alloc(arena, (n ? n : 1) * sizeof *corpus->events);
    corpus->invalid_ids = bg_arena_alloc(arena, (n ? n : 1) * sizeof *corpus->invalid_ids);
    corpus->by_id_cap = 16;
    while (corpus->by_id_cap < 2 * n)
        corpus->by_id_cap *= 2;
    corpus->by_id = bg_arena_alloc(arena, corpus->by_id_cap * sizeof *corpus->by_id);
    if (!corpus->events || !corpus->invalid_ids || !corpus->by_id) {
        free(names);
        return -1;
    }
    if (event_files == 0)
        bg_diag_add(diags, BG_WARNING, dir, 0, 0, "no event files (*.md) in the corpus");
    /* each file's text, dropped once parsed (what is kept is copied out) */
    bg_arena texts = {0};
    for (size_t i = 0; i < event_files; i++) {
        const char *path = bg_path_join(arena, dir, names[i]);
        if (!path) break;
        char *text;
        size_t len;
        const char *stem = bg_path_stem(arena, names[i]);
        if (bg_read_text_file(&texts, path, diags, &text, &len) != 0) {
            if (stem) corpus->invalid_ids[corpus->invalid_count++] = stem;
            continue;
        }
        bg_event *ev = event_parse_any(arena, path, text, themes, diags);
        bg_arena_reset(&texts);
        if (!ev) {
            /* its own errors are reported; references to it are not "unknown" */
            if (stem) corpus->invalid_ids[corpus->invalid_count++] = stem;
            continue;
        }
        if (ev->invalid) {
            if (ev->id) corpus->invalid_ids[corpus->invalid_count++] = ev->id;
            continue;
        }
        const bg_event *twin = bg_corpus_find(corpus, ev->id);
        if (twin) {
            bg_diag_add(diags, BG_ERROR, ev->path, ev->id_line, ev->id_col,
                        "duplicate event id '%s' (also in %s)", ev->id, twin->path);
            continue;
        }
        corpus->events[corpus->count++] = ev;
        bg_event **slot = id_slot(corpus, ev->id);
        if (slot) *slot = ev;
    }
    for (size_t i = event_files; i < n; i++)
        korean_attach(arena, &texts, corpus, dir, names[i], themes, diags);
    bg_arena_free(&texts);
    free(names);
    qsort(corpus->events, corpus->count, sizeof *corpus->events, compare_events);
    return 0;
}

const bg_event *bg_corpus_find(const bg_corpus *corpus, const char *id)
{
    if (!corpus) return NULL;
    if (corpus->by_id) {
        bg_event *const *slot = id_slot(corpus, id);
        return slot ? *slot : NULL;
    }
    for (size_t i = 0; i < corpus->count; i++)
        if (strcmp(corpus->events[i]->id, id) == 0) return corpus->events[i];
    return NULL;
}
