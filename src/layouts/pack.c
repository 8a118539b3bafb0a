/* pack.c - the documents of SPEC 5 laid out into pages. Pack: cover,
 * contents, summary and talking points, theme sections, chronology, annex
 * and sources. Retrospective: cover, summary, the chronology by year with
 * milestones marked, theme sections with leads only, sources. Handout: a
 * title block, summary, talking points, a bullet per event under each
 * theme, a compact chronology. Running header, "Page X of Y" footer and
 * the outline on all; page numbers in the contents and footers are filled
 * in once every page exists. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "layout/layouts.h"
#include "compose/i18n.h"
#include "layout/table.h"

#define MAX_TOC 256
#define EVENT_LINK "#event:"

typedef struct toc_entry {
    const char *title;
    int level;
    int page; /* target */
    double y;
    int line_page; /* where the contents line is */
    double line_top, line_h, end_x;
} toc_entry;

typedef struct pack {
    bg_flow f;
    const bg_doc *doc;
    bg_language lang;
    toc_entry toc[MAX_TOC];
    size_t toc_count;
    int *event_page; /* annex position of doc->events[i] */
    double *event_y;
    bg_layout layout;
    bool has_cover; /* pack, retrospective: else a title block on page 1 */
    bool has_contents;
} pack;

static const char *event_title(const pack *p, const bg_event *ev)
{
    return bg_smart_quotes(p->f.arena,
                           p->lang == BG_LANG_KO && ev->title_ko ? ev->title_ko : ev->title);
}

static const char *theme_label(const pack *p, const bg_theme *t)
{
    return p->lang == BG_LANG_KO && t->label_ko ? t->label_ko : t->label;
}

static void styles_init(bg_flow *f, const bg_brief *brief)
{
    bool a5 = brief->paper == BG_PAPER_A5;
    bool ko = brief->language == BG_LANG_KO;
    f->color =
        (bg_theme_colors){0x1A1A1A, 0x1F3864, 0x1A4F9C, 0xB4B9C2, 0x555B66, 0xEEF1F5, 0xA4262C};
    bg_para_style body = {
        BG_ROLE_BODY, 0,   a5 ? 9.5 : 10.5, ko ? 1.6 : 1.42, f->color.text, f->color.link, true,
        0.88,         true};
    f->body = body;
    f->h1 = body;
    f->h1.hyphenate = false; /* headings are never hyphenated */
    f->h1.role = BG_ROLE_HEADING;
    f->h1.variant = BG_VAR_BOLD;
    f->h1.size = a5 ? 14 : 17;
    f->h1.leading = 1.25;
    f->h1.color = f->color.heading;
    f->h1.justify = false;
    f->h2 = f->h1;
    f->h2.size = a5 ? 11 : 12.5;
    f->h3 = f->h1;
    f->h3.size = body.size;
    f->small = body;
    f->small.hyphenate = false;
    f->small.size = a5 ? 8 : 8.8;
    f->small.leading = ko ? 1.45 : 1.3;
    f->small.justify = false;
    f->mono = body;
    f->mono.hyphenate = false;
    f->mono.role = BG_ROLE_MONO;
    f->mono.size = a5 ? 7.8 : 8.6;
    f->mono.leading = 1.35;
    f->mono.justify = false;
}

static void geometry_init(bg_flow *f, bg_pages *pages, bg_paper paper)
{
    static const double sizes[][2] = {{595.28, 841.89}, {612, 792}, {419.53, 595.28}};
    pages->width = sizes[paper][0];
    pages->height = sizes[paper][1];
    double side = paper == BG_PAPER_A5 ? 46 : 68;
    f->x0 = side;
    f->x1 = pages->width - side;
    f->y0 = paper == BG_PAPER_A5 ? 62 : 80;
    f->y1 = pages->height - (paper == BG_PAPER_A5 ? 56 : 70);
    f->page = -1;
}

void bg_pack_setup(bg_flow *f, bg_pages *pages, const bg_brief *brief)
{
    geometry_init(f, pages, brief->paper);
    styles_init(f, brief);
}

/* Places a one-line (or wrapped) paragraph of TEXT in STYLE. */
static int text_para(pack *p, const char *text, unsigned flags, const bg_para_style *style)
{
    bg_inline run = bg_inline_plain(text, flags);
    return bg_flow_para(&p->f, &run, 1, style, p->f.x0, p->f.x1 - p->f.x0);
}

/* The brief's title in the document's language, balanced, SCALE times the
 * size of a section heading; *SECOND gets the title in the other language. */
static int place_title(pack *p, double scale, const char **second)
{
    bg_flow *f = &p->f;
    const bg_brief *b = p->doc->brief;
    bg_para_style title = f->h1;
    title.size = f->h1.size * scale;
    const char *main_title = p->lang == BG_LANG_KO && b->title_ko ? b->title_ko : b->title;
    *second = p->lang == BG_LANG_KO ? (b->title_ko ? b->title : NULL) : b->title_ko;
    bg_inline run = bg_inline_plain(main_title, 0);
    bg_set_para para;
    if (bg_para_set_balanced(f->tc, &run, 1, &title, f->x1 - f->x0, &para) != 0) return -1;
    return bg_flow_place_para(f, &para, f->x0, title.size, NULL, NULL, NULL, NULL);
}

static int cover(pack *p)
{
    bg_flow *f = &p->f;
    const bg_brief *b = p->doc->brief;
    if (bg_flow_new_page(f) != 0) return -1;
    char buf[256];
    bg_para_style st = f->small;
    if (b->classification) {
        st.role = BG_ROLE_HEADING;
        st.variant = BG_VAR_BOLD;
        st.color = f->color.accent;
        st.size = f->body.size;
        if (text_para(p, b->classification, 0, &st) != 0) return -1;
    }
    f->y = f->y0 + (f->y1 - f->y0) * 0.2;
    const char *second;
    if (place_title(p, 1.5, &second) != 0) return -1;
    f->y += 6;
    if (second) {
        bg_para_style st2 = f->h2;
        st2.variant = 0;
        st2.size = f->h1.size;
        if (text_para(p, second, 0, &st2) != 0) return -1;
        f->y += 4;
    }
    if (b->subtitle) {
        bg_para_style st3 = f->body;
        st3.size = f->h2.size;
        st3.color = f->color.muted;
        st3.justify = false;
        if (text_para(p, b->subtitle, 0, &st3) != 0) return -1;
    }
    f->y += 14;
    bg_rule rule = {f->x0, f->y, f->x0 + 120, f->y, 2, f->color.heading};
    if (bg_page_add_rule(&f->pages->pages[f->page], &rule) != 0) return -1;
    f->y += 14;
    bg_para_style meta = f->body;
    meta.justify = false;
    if (text_para(p, bg_date_text(p->lang, b->date, buf, sizeof buf), 0, &meta) != 0) return -1;
    if (b->author && text_para(p, b->author, 0, &meta) != 0) return -1;

    /* the box of themes covered, near the foot of the page */
    const bg_doc *d = p->doc;
    double lh = f->body.size * f->body.leading;
    double pad = 14;
    double box_h = 2 * pad + 3 + 5 + f->h3.size * f->h3.leading + lh * (double)d->section_count +
                   f->small.size * f->small.leading * 1.2;
    double top = f->y1 - box_h;
    if (top < f->y + 20) top = f->y + 20;
    f->y = top + pad;
    int box_page = f->page;
    bg_para_style head = f->h3;
    bg_inline run = bg_inline_plain(bg_string(p->lang, BG_STR_THEMES_COVERED), 0);
    if (bg_flow_para(f, &run, 1, &head, f->x0 + pad, f->x1 - f->x0 - 2 * pad) != 0) return -1;
    f->y += 3;
    for (size_t s = 0; s < d->section_count; s++) {
        bg_inline item = bg_inline_plain(theme_label(p, d->sections[s].theme), 0);
        bg_set_para para;
        if (bg_para_set(f->tc, &item, 1, &meta, f->x1 - f->x0 - 2 * pad - 14, &para) != 0)
            return -1;
        if (bg_flow_place_para(f, &para, f->x0 + pad + 14, meta.size, "•", &meta, NULL, NULL) != 0)
            return -1;
    }
    f->y += 5;
    bg_para_style range = meta;
    range.color = f->color.muted;
    run = bg_inline_plain(
        bg_range_text(p->lang, d->event_count, d->first_date, d->last_date, buf, sizeof buf), 0);
    if (bg_flow_para(f, &run, 1, &range, f->x0 + pad, f->x1 - f->x0 - 2 * pad) != 0) return -1;
    /* the box drawn round what it holds (graphics go under the text) */
    double bottom = f->page == box_page ? f->y + pad * 0.6 : f->y1;
    bg_box box = {f->x0,          top,           f->x1 - f->x0, bottom - top,
                  f->color.shade, f->color.rule, 0.6,           true};
    return bg_page_add_box(&f->pages->pages[box_page], &box);
}

/* A handout's title block at the head of page 1: marking, titles,
 * subtitle, date and author, a rule. */
static int title_block(pack *p)
{
    bg_flow *f = &p->f;
    const bg_brief *b = p->doc->brief;
    if (bg_flow_new_page(f) != 0) return -1;
    if (b->classification) {
        bg_para_style st = f->small;
        st.role = BG_ROLE_HEADING;
        st.variant = BG_VAR_BOLD;
        st.color = f->color.accent;
        if (text_para(p, b->classification, 0, &st) != 0) return -1;
        f->y += 4;
    }
    const char *second;
    if (place_title(p, 1.15, &second) != 0) return -1;
    bg_para_style sub_style = f->body;
    sub_style.justify = false;
    sub_style.color = f->color.muted;
    if (second && text_para(p, second, 0, &sub_style) != 0) return -1;
    char date[64];
    bg_date_text(p->lang, b->date, date, sizeof date);
    const char *line = b->subtitle
                           ? bg_arena_printf(f->arena, "%s · %s%s%s", b->subtitle, date,
                                             b->author ? " · " : "", b->author ? b->author : "")
                           : bg_arena_printf(f->arena, "%s%s%s", date, b->author ? " · " : "",
                                             b->author ? b->author : "");
    if (line && text_para(p, line, 0, &sub_style) != 0) return -1;
    f->y += 6;
    bg_rule rule = {f->x0, f->y, f->x1, f->y, 1.2, f->color.heading};
    if (bg_page_add_rule(&f->pages->pages[f->page], &rule) != 0) return -1;
    f->y += 4;
    return 0;
}

static int toc_add(pack *p, const char *title, int level)
{
    if (p->toc_count >= MAX_TOC) return 0;
    toc_entry *e = &p->toc[p->toc_count++];
    memset(e, 0, sizeof *e);
    e->title = title;
    e->level = level;
    e->page = -1;
    return 0;
}

/* The contents page(s): titles now, leaders and numbers once known. */
static int contents(pack *p)
{
    bg_flow *f = &p->f;
    if (bg_flow_new_page(f) != 0) return -1;
    if (bg_flow_heading(f, bg_string(p->lang, BG_STR_CONTENTS), &f->h1, -1, NULL, NULL) != 0)
        return -1;
    f->y += 6;
    bg_para_style st = f->body;
    st.justify = false;
    for (size_t i = 0; i < p->toc_count; i++) {
        toc_entry *e = &p->toc[i];
        double indent = e->level * 18;
        bg_inline run = bg_inline_plain(e->title, 0);
        bg_set_para para;
        if (bg_para_set(f->tc, &run, 1, &st, f->x1 - f->x0 - indent - 48, &para) != 0) return -1;
        int page;
        double y;
        if (bg_flow_place_para(f, &para, f->x0 + indent, st.size, NULL, NULL, &page, &y) != 0)
            return -1;
        e->line_page = f->page;
        e->line_h = para.line_height;
        e->line_top = f->y - para.line_height;
        e->end_x = f->x0 + indent + (para.line_count ? para.lines[para.line_count - 1].width : 0);
        f->y += 3;
    }
    return 0;
}

/* Records where the section of toc entry I starts. */
static void toc_mark(pack *p, size_t i, int page, double y)
{
    if (i < p->toc_count) {
        p->toc[i].page = page;
        p->toc[i].y = y;
    }
}

static int section_heading(pack *p, size_t toc_index, bool new_page)
{
    bg_flow *f = &p->f;
    if (new_page && bg_flow_new_page(f) != 0) return -1;
    int page;
    double y;
    if (bg_flow_heading(f, p->toc[toc_index].title, &f->h1, 0, &page, &y) != 0) return -1;
    toc_mark(p, toc_index, page, y);
    return 0;
}

/* An event's date, or its span when it lasted several days. */
static char *event_date(const pack *p, const bg_event *ev, char *buf, size_t size)
{
    if (ev->has_end) return bg_span_text(p->lang, ev->date, ev->end, buf, size);
    return bg_date_text(p->lang, ev->date, buf, size);
}

/* "29 June 2019 — Title. " in bold, run in before an entry's text; Korean
 * titles often hold a dash of their own, so there the date and title make
 * a line of their own. */
static size_t run_in(pack *p, const bg_event *ev, bg_inline *out)
{
    char date[64];
    event_date(p, ev, date, sizeof date);
    const char *text = p->lang == BG_LANG_KO
                           ? bg_arena_printf(p->f.arena, "%s  %s", date, event_title(p, ev))
                           : bg_arena_printf(p->f.arena, "%s — %s. ", date, event_title(p, ev));
    out[0] = bg_inline_plain(text ? text : "", BG_IN_BOLD);
    return 1;
}

/* "• 29 June 2019 — Title: lead" for the handout. */
static int handout_bullet(pack *p, const bg_event *ev)
{
    bg_flow *f = &p->f;
    char date[64];
    event_date(p, ev, date, sizeof date);
    bg_inline lead = bg_inline_plain(
        bg_arena_printf(f->arena, "%s — %s: ", date, event_title(p, ev)), BG_IN_BOLD);
    bg_block *blocks;
    size_t n;
    if (bg_markdown_blocks(f->arena, &ev->lead, &blocks, &n) != 0) return -1;
    if (n == 0) {
        blocks = bg_arena_alloc(f->arena, sizeof *blocks);
        if (!blocks) return -1;
        blocks[0].kind = BG_BLK_PARA;
        n = 1;
    }
    for (size_t k = 0; k < n; k++)
        blocks[k].indent++;
    blocks[0].marker = "•";
    blocks[n - 1].list_last = false;
    return bg_flow_blocks(f, blocks, n, 0, &lead, 1);
}

static int theme_sections(pack *p, size_t *toc_index)
{
    bg_flow *f = &p->f;
    const bg_doc *d = p->doc;
    for (size_t s = 0; s < d->section_count; s++) {
        const bg_section *sec = &d->sections[s];
        if (section_heading(p, (*toc_index)++, s == 0 && p->layout != BG_LAYOUT_HANDOUT) != 0)
            return -1;
        if (p->layout == BG_LAYOUT_HANDOUT) {
            /* a bullet per event: date — title: lead */
            for (size_t e = 0; e < sec->entry_count; e++)
                if (handout_bullet(p, sec->entries[e].event) != 0) return -1;
            continue;
        }
        if (sec->theme->description.markdown &&
            bg_flow_markdown(f, &sec->theme->description, 0, NULL, 0) != 0)
            return -1;
        for (size_t e = 0; e < sec->entry_count; e++) {
            /* a retrospective shows each event's lead only */
            const bg_text *text = p->layout == BG_LAYOUT_RETROSPECTIVE
                                      ? &sec->entries[e].event->lead
                                      : sec->entries[e].text;
            bg_inline lead[1];
            size_t n = run_in(p, sec->entries[e].event, lead);
            bg_flow_space(f, f->body.size * 0.2);
            if (bg_flow_need(f, 2 * f->body.size * f->body.leading) != 0) return -1;
            if (p->lang == BG_LANG_KO) {
                bg_para_style head = f->body;
                head.justify = false;
                if (bg_flow_need(f, 3 * f->body.size * f->body.leading) != 0 ||
                    bg_flow_para(f, lead, n, &head, f->x0, f->x1 - f->x0) != 0)
                    return -1;
                n = 0;
            }
            if (bg_flow_markdown(f, text, 0, lead, n) != 0) return -1;
        }
    }
    return 0;
}

static int chronology(pack *p, size_t toc_index)
{
    bg_flow *f = &p->f;
    const bg_doc *d = p->doc;
    const bg_brief *b = d->brief;
    if (section_heading(p, toc_index, p->layout != BG_LAYOUT_HANDOUT) != 0) return -1;
    bg_table t;
    memset(&t, 0, sizeof t);
    t.cols = b->column_count;
    t.rows = d->chronology_count;
    t.headers = bg_arena_alloc(f->arena, (t.cols + 1) * sizeof *t.headers);
    t.cells = bg_arena_alloc(f->arena, (t.cols * t.rows + 1) * sizeof *t.cells);
    t.bold = bg_arena_alloc(f->arena, (t.rows + 1) * sizeof *t.bold);
    t.right = bg_arena_alloc(f->arena, (t.cols + 1) * sizeof *t.right);
    t.nowrap = bg_arena_alloc(f->arena, (t.cols + 1) * sizeof *t.nowrap);
    bool retro = p->layout == BG_LAYOUT_RETROSPECTIVE;
    t.group = retro ? bg_arena_alloc(f->arena, (t.rows + 1) * sizeof *t.group) : NULL;
    t.marked = retro ? bg_arena_alloc(f->arena, (t.rows + 1) * sizeof *t.marked) : NULL;
    if (!t.headers || !t.cells || !t.bold || !t.right || !t.nowrap || (retro && !t.group) ||
        (retro && !t.marked))
        return -1;
    static const bg_str header_of[BG_COL_COUNT] = {
        BG_STR_DATE,         BG_STR_TITLE,  BG_STR_KIND,     BG_STR_PLACE,
        BG_STR_PARTICIPANTS, BG_STR_THEMES, BG_STR_YEARS_AGO};
    for (size_t c = 0; c < t.cols; c++) {
        t.headers[c] = bg_string(p->lang, header_of[b->columns[c]]);
        t.right[c] = b->columns[c] == BG_COL_YEARS_AGO;
        t.nowrap[c] = b->columns[c] == BG_COL_DATE || b->columns[c] == BG_COL_KIND ||
                      b->columns[c] == BG_COL_YEARS_AGO;
    }
    for (size_t r = 0; r < t.rows; r++) {
        const bg_chron_row *row = &d->chronology[r];
        const bg_event *ev = row->event;
        t.bold[r] = ev->milestone;
        if (retro) {
            /* the chronology grouped by year, milestones marked in the margin */
            t.marked[r] = ev->milestone;
            if (r == 0 || d->chronology[r - 1].event->date.year != ev->date.year)
                t.group[r] =
                    bg_arena_printf(f->arena, p->lang == BG_LANG_KO ? "%d년" : "%d", ev->date.year);
        }
        size_t index = 0;
        for (size_t k = 0; k < d->event_count; k++)
            if (d->events[k] == ev) index = k;
        for (size_t c = 0; c < t.cols; c++) {
            bg_cell *cell = &t.cells[r * t.cols + c];
            cell->runs = bg_arena_alloc(f->arena, sizeof *cell->runs);
            if (!cell->runs) return -1;
            cell->count = 1;
            char buf[128];
            const char *text = "";
            unsigned flags = 0;
            const char *uri = NULL;
            switch (b->columns[c]) {
            case BG_COL_DATE:
                text = bg_arena_strdup(f->arena, event_date(p, ev, buf, sizeof buf));
                break;
            case BG_COL_TITLE:
                text = event_title(p, ev);
                if (p->layout == BG_LAYOUT_PACK) { /* the annex entry */
                    flags = BG_IN_LINK;
                    uri = bg_arena_printf(f->arena, EVENT_LINK "%zu", index);
                }
                break;
            case BG_COL_KIND:
                text = bg_kind_label(p->lang, ev->kind);
                break;
            case BG_COL_PLACE:
                text = ev->place ? ev->place : "";
                break;
            case BG_COL_PARTICIPANTS:
            case BG_COL_THEMES: {
                size_t n = b->columns[c] == BG_COL_THEMES ? ev->theme_count : ev->participant_count;
                char *joined = bg_arena_strdup(f->arena, "");
                for (size_t i = 0; i < n && joined; i++) {
                    const char *item;
                    if (b->columns[c] == BG_COL_THEMES) {
                        const bg_theme *th = bg_themes_find(d->themes, ev->themes[i]);
                        item = th ? theme_label(p, th) : ev->themes[i];
                    } else {
                        item = ev->participants[i];
                    }
                    joined = bg_arena_printf(f->arena, "%s%s%s", joined, i ? ", " : "", item);
                }
                text = joined ? joined : "";
                break;
            }
            case BG_COL_YEARS_AGO:
                text = bg_arena_printf(f->arena, "%d", row->years_ago);
                break;
            default:
                break;
            }
            if (!text || !*text) text = "—"; /* an empty cell reads as missing data */
            cell->runs[0] = bg_inline_plain(text, flags);
            cell->runs[0].uri = uri;
        }
    }
    return bg_flow_table(f, &t);
}

static int annex(pack *p, size_t toc_index)
{
    bg_flow *f = &p->f;
    const bg_doc *d = p->doc;
    if (section_heading(p, toc_index, true) != 0) return -1;
    for (size_t i = 0; i < d->event_count; i++) {
        const bg_event *ev = d->events[i];
        int page;
        double y;
        /* the heading keeps with its detail line and two lines of the lead */
        double keep = f->small.size * f->small.leading + 4 + 2 * f->body.size * f->body.leading;
        if (bg_flow_heading_keep(f, event_title(p, ev), &f->h2, 1, keep, &page, &y) != 0) return -1;
        p->event_page[i] = page;
        p->event_y[i] = y;
        /* date, time, kind, place, participants */
        char date[64];
        char *meta = bg_arena_strdup(f->arena, event_date(p, ev, date, sizeof date));
        if (ev->time)
            meta =
                bg_arena_printf(f->arena, "%s%s%s%s%s%s", meta, p->lang == BG_LANG_KO ? " " : ", ",
                                ev->time, ev->timezone ? "\u00A0(UTC" : "",
                                ev->timezone ? ev->timezone : "", ev->timezone ? ")" : "");
        meta = bg_arena_printf(f->arena, "%s · %s", meta, bg_kind_label(p->lang, ev->kind));
        if (ev->place) meta = bg_arena_printf(f->arena, "%s · %s", meta, ev->place);
        for (size_t k = 0; k < ev->participant_count && meta; k++)
            meta = bg_arena_printf(f->arena, "%s%s%s", meta, k ? ", " : " · ", ev->participants[k]);
        if (!meta) return -1;
        bg_para_style st = f->small;
        st.color = f->color.muted;
        if (text_para(p, meta, BG_IN_ITALIC, &st) != 0) return -1;
        f->y += 4;
        if (ev->lead.markdown && bg_flow_markdown(f, &ev->lead, 0, NULL, 0) != 0) return -1;
        for (size_t k = 0; k < ev->passage_count; k++) {
            const bg_passage *ps = &ev->passages[k];
            const bg_theme *th = ps->theme_id ? bg_themes_find(d->themes, ps->theme_id) : NULL;
            const char *label = th ? theme_label(p, th) : ps->heading;
            if (bg_flow_heading(f, label ? label : "", &f->h3, -1, NULL, NULL) != 0) return -1;
            if (ps->body.markdown && bg_flow_markdown(f, &ps->body, 0, NULL, 0) != 0) return -1;
        }
        f->y += 6;
    }
    return 0;
}

static int sources(pack *p, size_t toc_index)
{
    bg_flow *f = &p->f;
    const bg_doc *d = p->doc;
    if (section_heading(p, toc_index, true) != 0) return -1;
    bg_para_style st = f->body;
    st.justify = false;
    double indent = 22;
    for (size_t i = 0; i < d->source_count; i++) {
        const bg_source *s = d->sources[i].source;
        char date[64] = "";
        if (s->has_date) bg_date_text_opt(p->lang, s->date, false, date, sizeof date);
        bg_inline runs[4];
        size_t n = 0;
        if (p->lang == BG_LANG_KO) {
            /* 발행처, “제목”, 2019. 6. 29. — no italic for Hangul, no double stop */
            runs[n++] =
                bg_inline_plain(bg_arena_printf(f->arena, "%s, “%s”%s%s%s", s->publisher, s->title,
                                                *date ? ", " : "", date, s->url ? " " : ""),
                                0);
        } else {
            runs[n++] = bg_inline_plain(bg_arena_printf(f->arena, "%s. ", s->publisher), 0);
            runs[n++] = bg_inline_plain(bg_arena_printf(f->arena, "%s.", s->title), BG_IN_ITALIC);
            runs[n++] = bg_inline_plain(
                bg_arena_printf(f->arena, "%s%s%s", *date ? " " : "", date, s->url ? ". " : "."),
                0);
        }
        if (s->url) {
            runs[n] = bg_inline_plain(s->url, BG_IN_LINK);
            runs[n++].uri = s->url;
        }
        bg_set_para para;
        if (bg_para_set(f->tc, runs, n, &st, f->x1 - f->x0 - indent, &para) != 0) return -1;
        const char *marker = bg_arena_printf(f->arena, "%zu.", i + 1);
        if (bg_flow_place_para(f, &para, f->x0 + indent, st.size, marker, &st, NULL, NULL) != 0)
            return -1;
        f->y += 3;
    }
    return 0;
}

/* Runs one line of TEXT in STYLE with its left edge at X and baseline at Y. */
static int put_text(pack *p, int page, const char *text, const bg_para_style *style, double x,
                    double top, bool right_align)
{
    bg_inline run = bg_inline_plain(text, 0);
    bg_set_para para;
    if (bg_para_set(p->f.tc, &run, 1, style, 1e6, &para) != 0 || !para.line_count) return -1;
    int saved = p->f.page;
    p->f.page = page;
    double lx = right_align ? x - para.lines[0].width : x;
    int status = bg_flow_draw_line(&p->f, &para.lines[0], lx, top, para.line_height, style->size);
    p->f.page = saved;
    return status;
}

static int header_footer(pack *p)
{
    bg_flow *f = &p->f;
    const bg_brief *b = p->doc->brief;
    bg_pages *ps = f->pages;
    bg_para_style st = f->small;
    st.color = f->color.muted;
    const char *title = p->lang == BG_LANG_KO && b->title_ko ? b->title_ko : b->title;
    char date[64], label[64];
    bg_date_text(p->lang, b->date, date, sizeof date);
    double head_top = f->y0 - 34, foot_top = f->y1 + 22;
    if (b->classification && ps->count > 0 && p->has_cover) {
        /* the cover carries the marking at its foot as well */
        bg_para_style mark = st;
        mark.role = BG_ROLE_HEADING;
        mark.variant = BG_VAR_BOLD;
        mark.color = f->color.accent;
        double w = bg_text_width(f->tc, b->classification, &mark);
        if (put_text(p, 0, b->classification, &mark, (f->x0 + f->x1 - w) / 2, foot_top, false) != 0)
            return -1;
    }
    for (size_t i = p->has_cover ? 1 : 0; i < ps->count; i++) {
        int page = (int)i;
        /* a handout's first page has its title block instead of a header */
        bool header = i > 0;
        if (header && put_text(p, page, title, &st, f->x0, head_top, false) != 0) return -1;
        bg_para_style mark = st;
        mark.role = BG_ROLE_HEADING;
        mark.variant = BG_VAR_BOLD;
        mark.color = f->color.accent;
        if (header && b->classification &&
            put_text(p, page, b->classification, &mark, f->x1, head_top, true) != 0)
            return -1;
        if (b->classification) {
            /* the marking at the foot too, centred, as on official documents */
            double w = bg_text_width(f->tc, b->classification, &mark);
            if (put_text(p, page, b->classification, &mark, (f->x0 + f->x1 - w) / 2, foot_top,
                         false) != 0)
                return -1;
        }
        double rule_y = head_top + st.size * st.leading + 2;
        bg_rule r = {f->x0, rule_y, f->x1, rule_y, 0.4, f->color.rule};
        if (header && bg_page_add_rule(&ps->pages[i], &r) != 0) return -1;
        if (put_text(p, page, date, &st, f->x0, foot_top, false) != 0) return -1;
        bg_page_text(p->lang, page + 1, (int)ps->count, label, sizeof label);
        if (put_text(p, page, label, &st, f->x1, foot_top, true) != 0) return -1;
    }
    return 0;
}

/* Leaders, page numbers and links of the contents, and the annex links of
 * the chronology, now that every page exists. */
static int resolve(pack *p)
{
    bg_flow *f = &p->f;
    bg_para_style st = f->body;
    st.justify = false;
    for (size_t i = 0; p->has_contents && i < p->toc_count; i++) {
        const toc_entry *e = &p->toc[i];
        if (e->page < 0) continue;
        char number[16];
        snprintf(number, sizeof number, "%d", e->page + 1);
        double num_w = bg_text_width(f->tc, number, &st);
        /* a space and a dot: ". ." less "." (a lone " ." loses its space) */
        double dot_w = bg_text_width(f->tc, ". .", &st) - bg_text_width(f->tc, ".", &st);
        double from = e->end_x + 4, to = f->x1 - num_w - 4;
        size_t dots = dot_w > 0 && to > from ? (size_t)((to - from) / dot_w) : 0;
        if (dots) {
            char *leader = bg_arena_alloc(f->arena, dots * 2 + 1);
            if (!leader) return -1;
            for (size_t k = 0; k < dots; k++)
                memcpy(leader + 2 * k, " .", 2);
            bg_para_style ls = st;
            ls.color = f->color.rule;
            if (put_text(p, e->line_page, leader, &ls, to, e->line_top, true) != 0) return -1;
        }
        if (put_text(p, e->line_page, number, &st, f->x1, e->line_top, true) != 0) return -1;
        bg_link link = {f->x0, e->line_top, f->x1 - f->x0, e->line_h, NULL, e->page, e->y};
        if (bg_page_add_link(&f->pages->pages[e->line_page], &link) != 0) return -1;
    }
    size_t prefix = strlen(EVENT_LINK);
    for (size_t i = 0; i < f->pages->count; i++) {
        bg_page *page = &f->pages->pages[i];
        for (size_t k = 0; k < page->link_count; k++) {
            bg_link *l = &page->links[k];
            if (!l->uri || strncmp(l->uri, EVENT_LINK, prefix) != 0) continue;
            size_t index = (size_t)strtoul(l->uri + prefix, NULL, 10);
            l->uri = NULL;
            if (index < p->doc->event_count && p->event_page[index] >= 0) {
                l->dest_page = p->event_page[index];
                l->dest_y = p->event_y[index];
            }
        }
    }
    return 0;
}

/* Lays out the pack; the outline follows reading order, so the annex's
 * events come under the annex. */
int bg_layout_pack(bg_flow *f, const bg_doc *d)
{
    pack *p = calloc(1, sizeof *p);
    if (!p) return -1;
    p->f = *f;
    p->doc = d;
    p->lang = d->brief->language;
    p->event_page = calloc(d->event_count + 1, sizeof *p->event_page);
    p->event_y = calloc(d->event_count + 1, sizeof *p->event_y);
    p->layout = d->brief->layout;
    p->has_cover = p->layout != BG_LAYOUT_HANDOUT;
    p->has_contents = p->layout == BG_LAYOUT_PACK;
    bool pack_layout = p->layout == BG_LAYOUT_PACK, retro = p->layout == BG_LAYOUT_RETROSPECTIVE;
    int status = -1;
    if (!p->event_page || !p->event_y) goto done;
    for (size_t i = 0; i < d->event_count; i++)
        p->event_page[i] = -1;
    const bg_brief *b = d->brief;
    size_t summary = SIZE_MAX, points = SIZE_MAX;
    if (b->summary.markdown) {
        summary = p->toc_count;
        toc_add(p, bg_string(p->lang, BG_STR_SUMMARY), 0);
    }
    if (b->talking_point_count && !retro) {
        points = p->toc_count;
        toc_add(p, bg_string(p->lang, BG_STR_TALKING_POINTS), 0);
    }
    size_t first_section = p->toc_count;
    for (size_t s = 0; s < d->section_count; s++)
        toc_add(p, theme_label(p, d->sections[s].theme), 0);
    size_t chron = p->toc_count;
    toc_add(p,
            d->brief->chronology_title ? d->brief->chronology_title
                                       : bg_string(p->lang, BG_STR_CHRONOLOGY),
            0);
    size_t annex_i = p->toc_count;
    if (pack_layout) toc_add(p, bg_string(p->lang, BG_STR_ANNEX), 0);
    size_t sources_i = p->toc_count;
    bool with_sources = d->source_count && p->layout != BG_LAYOUT_HANDOUT;
    if (with_sources) toc_add(p, bg_string(p->lang, BG_STR_SOURCES), 0);

    if (p->has_cover ? cover(p) != 0 : title_block(p) != 0) goto done;
    if (p->has_contents && contents(p) != 0) goto done;
    if (summary != SIZE_MAX) {
        if (section_heading(p, summary, p->has_cover) != 0 ||
            bg_flow_markdown(&p->f, &b->summary, 0, NULL, 0) != 0)
            goto done;
    }
    if (points != SIZE_MAX) {
        if (section_heading(p, points, summary == SIZE_MAX && p->has_cover) != 0) goto done;
        for (size_t i = 0; i < b->talking_point_count; i++) {
            bg_block *blocks;
            size_t n;
            if (bg_markdown_blocks(p->f.arena, &b->talking_points[i], &blocks, &n) != 0) goto done;
            for (size_t k = 0; k < n; k++)
                blocks[k].indent++;
            if (n) blocks[0].marker = bg_arena_printf(p->f.arena, "%zu.", i + 1);
            if (bg_flow_blocks(&p->f, blocks, n, 0, NULL, 0) != 0) goto done;
        }
    }
    /* pack: themes, chronology, annex; retrospective: the chronology first,
     * then the themes (leads only); handout: themes as bullets, then a
     * compact chronology */
    size_t toc_index = first_section;
    if (retro) {
        if (chronology(p, chron) != 0 || theme_sections(p, &toc_index) != 0) goto done;
    } else {
        if (theme_sections(p, &toc_index) != 0 || chronology(p, chron) != 0) goto done;
    }
    if (pack_layout && annex(p, annex_i) != 0) goto done;
    if (with_sources && sources(p, sources_i) != 0) goto done;
    if (header_footer(p) != 0 || resolve(p) != 0) goto done;
    status = 0;
done:
    *f = p->f;
    free(p->event_page);
    free(p->event_y);
    free(p);
    return status;
}
