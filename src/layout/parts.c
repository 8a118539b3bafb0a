/* parts.c - the parts that document layouts share (parts.h): geometry and
 * styles, cover and title block, contents, headings, summary, talking
 * points, theme sections, the chronology table, sources, and the running
 * header, footer and page references filled in once every page exists. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/i18n.h"
#include "layout/parts.h"
#include "layout/table.h"

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
    /* (ragged: only a word wider than its measure, in a narrow table
     * column, is hyphenated: linebreak.c) */
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

int bg_part_setup(bg_flow *f, bg_pages *pages, const bg_brief *brief)
{
    geometry_init(f, pages, brief->paper);
    styles_init(f, brief);
    /* the structure tree's root: what is drawn belongs to it unless a part
     * says otherwise */
    f->label = f->para_elem = f->link.elem = -1;
    f->elem = bg_pages_add_elem(pages, BG_S_DOCUMENT, -1);
    return f->elem < 0 ? -1 : 0;
}

/* The style of the classification marking (top right and at the foot of
 * every page, the cover's too): bold sans in the accent colour, SIZE
 * points. */
static bg_para_style mark_style(const bg_flow *f, double size)
{
    bg_para_style st = f->small;
    st.role = BG_ROLE_HEADING;
    st.variant = BG_VAR_BOLD;
    st.color = f->color.accent;
    st.size = size;
    return st;
}

/* TEXT as runs in FLAGS, broken at its natural points when it takes more
 * than a line of WIDTH in STYLE: after a colon, at a spaced middle dot (the
 * dot dropped), before a spaced dash; a line as long as the phrases allow,
 * when every line fits. Otherwise one run, for the line breaker alone
 * (Bringhurst, The Elements of Typographic Style, 2.4.8: break titles by
 * sense). *N is the number of runs. */
/* The natural break at byte I of TEXT: the line ends before *END, the next
 * begins at *NEXT. */
static bool natural_break(const char *text, size_t i, size_t *end, size_t *next)
{
    if (text[i] == ':' && text[i + 1] == ' ') {
        *end = i + 1;
        *next = i + 2;
    } else if (text[i] == ' ' && strncmp(text + i + 1, "\u00B7 ", 3) == 0) {
        *end = i;
        *next = i + 4;
    } else if (text[i] == ' ' && (strncmp(text + i + 1, "\u2013 ", 4) == 0 ||
                                  strncmp(text + i + 1, "\u2014 ", 4) == 0)) {
        *end = i;
        *next = i + 1;
    } else {
        return false;
    }
    return true;
}

static bg_inline *phrased(bg_doc_layout *dl, const char *text, unsigned flags,
                          const bg_para_style *style, double width, size_t *n)
{
    bg_flow *f = &dl->f;
    size_t len = strlen(text), breaks = 0, e, x;
    for (size_t i = 1; i < len; i++)
        breaks += natural_break(text, i, &e, &x);
    bg_inline *runs = bg_arena_alloc(f->arena, (2 * breaks + 1) * sizeof *runs);
    if (!runs) return NULL;
    runs[0] = bg_inline_plain(text, flags);
    *n = 1;
    if (!breaks || bg_text_width(f->tc, text, style) <= width) return runs;
    size_t count = 0, start = 0;
    for (;;) {
        const char *rest = text + start;
        if (count) runs[count++] = (bg_inline){"", 0, BG_IN_BREAK, NULL, 0};
        /* the farthest natural break that leaves a line that fits (the
         * pieces tried are at most a line long: a title of any length
         * costs its length, and the rest is measured only once no
         * break is left too far) */
        size_t best_end = 0, best_next = 0;
        bool far = false;
        for (size_t i = start + 1; i < len && !far; i++) {
            if (!natural_break(text, i, &e, &x)) continue;
            const char *piece = bg_arena_printf(f->arena, "%.*s", (int)(e - start), rest);
            if (!piece) return NULL;
            far = bg_text_width(f->tc, piece, style) > width;
            if (far) break;
            best_end = e;
            best_next = x;
            runs[count] = bg_inline_plain(piece, flags);
        }
        if (!far && bg_text_width(f->tc, rest, style) <= width) {
            runs[count++] = bg_inline_plain(rest, flags);
            break;
        }
        if (!best_end) {
            runs[0] = bg_inline_plain(text, flags); /* a phrase wider than a line */
            return runs;
        }
        count++;
        start = best_next;
    }
    *n = count;
    return runs;
}

/* Places a one-line (or wrapped) paragraph of TEXT in STYLE, broken at
 * its natural points. */
static int text_para(bg_doc_layout *dl, const char *text, unsigned flags,
                     const bg_para_style *style)
{
    size_t n;
    bg_inline *runs = phrased(dl, text, flags, style, dl->f.x1 - dl->f.x0, &n);
    if (!runs) return -1;
    return bg_flow_para(&dl->f, runs, n, style, dl->f.x0, dl->f.x1 - dl->f.x0);
}

/* The brief's title in the document's language, balanced (or broken at
 * its natural points), SCALE times the size of a section heading. */
static int place_title(bg_doc_layout *dl, double scale)
{
    bg_flow *f = &dl->f;
    bg_para_style title = f->h1;
    title.size = f->h1.size * scale;
    size_t n;
    bg_inline *runs = phrased(dl, dl->doc->title, 0, &title, f->x1 - f->x0, &n);
    bg_set_para para;
    if (!runs || bg_para_set_balanced(f->tc, runs, n, &title, f->x1 - f->x0, &para) != 0) return -1;
    int saved;
    f->heading_level = 1;
    if (bg_flow_enter(f, BG_S_H1, &saved) != 0) return -1;
    int status = bg_flow_place_para(f, &para, f->x0, title.size, NULL, NULL, NULL, NULL);
    f->elem = saved;
    return status;
}

int bg_part_cover(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    const bg_doc *d = dl->doc;
    const bg_brief *b = d->brief;
    if (bg_flow_break(f) != 0) return -1;
    char buf[256];
    /* the classification marking: top right, as on every page (finish) */
    f->y = f->y0 + (f->y1 - f->y0) * 0.2;
    if (place_title(dl, 1.5) != 0) return -1;
    f->y += 6;
    if (d->second_title) {
        bg_para_style st2 = f->h2;
        st2.variant = 0;
        st2.size = f->h1.size;
        if (text_para(dl, d->second_title, 0, &st2) != 0) return -1;
        f->y += 4;
    }
    if (b->subtitle) {
        bg_para_style st3 = f->body;
        st3.size = f->h2.size;
        st3.color = f->color.muted;
        st3.justify = false;
        if (text_para(dl, b->subtitle, 0, &st3) != 0) return -1;
    }
    f->y += 14;
    bg_rule rule = {f->x0, f->y, f->x0 + 120, f->y, 2, f->color.heading};
    if (bg_page_add_rule(&f->pages->pages[f->page], &rule) != 0) return -1;
    f->y += 14;
    bg_para_style meta = f->body;
    meta.justify = false;
    if (text_para(dl, bg_date_text(dl->lang, b->date, buf, sizeof buf), 0, &meta) != 0) return -1;
    if (b->author && text_para(dl, b->author, 0, &meta) != 0) return -1;

    /* the box of themes covered, near the foot of the page: its height
     * measured (a label may take lines), and, where the list would not
     * fit under what is above, the labels run on in one paragraph, so
     * that the cover stays one page */
    double pad = 14, inner = f->x1 - f->x0 - 2 * pad;
    bg_para_style head = f->h3, range = meta;
    range.color = f->color.muted;
    bg_inline run = bg_inline_plain(bg_string(dl->lang, BG_STR_THEMES_COVERED), 0);
    bg_inline span = bg_inline_plain(
        bg_range_text(dl->lang, d->event_count, d->first_date, d->last_date, buf, sizeof buf), 0);
    double fixed = 2 * pad + 3 + 5;
    bg_set_para para;
    if (bg_para_set(f->tc, &run, 1, &head, inner, &para) != 0) return -1;
    fixed += (double)para.line_count * para.line_height;
    if (bg_para_set(f->tc, &span, 1, &range, inner, &para) != 0) return -1;
    fixed += (double)para.line_count * para.line_height;
    double list_h = 0;
    for (size_t s = 0; s < d->section_count; s++) {
        bg_inline item = bg_inline_plain(d->sections[s].label, 0);
        if (bg_para_set(f->tc, &item, 1, &meta, inner - 14, &para) != 0) return -1;
        list_h += (double)para.line_count * para.line_height;
    }
    const char *joined = NULL;
    if (f->y + 20 + fixed + list_h > f->y1 && d->section_count > 1) {
        joined = "";
        for (size_t s = 0; s < d->section_count && joined; s++)
            joined = bg_arena_printf(f->arena, "%s%s%s", joined, s ? " \u00B7 " : "",
                                     d->sections[s].label);
        if (!joined) return -1;
        bg_inline all = bg_inline_plain(joined, 0);
        if (bg_para_set(f->tc, &all, 1, &meta, inner, &para) != 0) return -1;
        list_h = (double)para.line_count * para.line_height;
    }
    /* and, still too tall, closer to what is above and padded less */
    double gap = 20;
    if (f->y + gap + fixed + list_h > f->y1) {
        gap = 6;
        fixed -= 2 * (pad - 9);
        pad = 9;
        inner = f->x1 - f->x0 - 2 * pad;
    }
    double top = f->y1 - fixed - list_h;
    if (top < f->y + gap) top = f->y + gap;
    f->y = top + pad;
    int box_page = f->page;
    if (bg_flow_para(f, &run, 1, &head, f->x0 + pad, inner) != 0) return -1;
    f->y += 3;
    if (joined) { /* (a paragraph of its own) */
        bg_inline all = bg_inline_plain(joined, 0);
        if (bg_flow_para(f, &all, 1, &meta, f->x0 + pad, inner) != 0) return -1;
    } else {
        int saved;
        if (bg_flow_enter(f, BG_S_L, &saved) != 0) return -1;
        for (size_t s = 0; s < d->section_count; s++) {
            bg_inline item = bg_inline_plain(d->sections[s].label, 0);
            if (bg_para_set(f->tc, &item, 1, &meta, inner - 14, &para) != 0) return -1;
            if (bg_flow_place_para(f, &para, f->x0 + pad + 14, meta.size, "•", &meta, NULL, NULL) !=
                0)
                return -1;
        }
        f->elem = saved;
    }
    f->y += 5;
    if (bg_flow_para(f, &span, 1, &range, f->x0 + pad, inner) != 0) return -1;
    /* the box drawn round what it holds (graphics go under the text) */
    double bottom = f->page == box_page ? f->y + pad * 0.6 : f->y1;
    bg_box box = {f->x0,          top,           f->x1 - f->x0, bottom - top,
                  f->color.shade, f->color.rule, 0.6,           true};
    return bg_page_add_box(&f->pages->pages[box_page], &box);
}

int bg_part_title_block(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    const bg_doc *d = dl->doc;
    const bg_brief *b = d->brief;
    if (bg_flow_new_page(f) != 0) return -1;
    /* the classification marking: top right, as on every page (finish) */
    if (place_title(dl, 1.15) != 0) return -1;
    bg_para_style sub_style = f->body;
    sub_style.justify = false;
    sub_style.color = f->color.muted;
    if (d->second_title && text_para(dl, d->second_title, 0, &sub_style) != 0) return -1;
    char date[64];
    bg_date_text(dl->lang, b->date, date, sizeof date);
    const char *line = b->subtitle
                           ? bg_arena_printf(f->arena, "%s · %s%s%s", b->subtitle, date,
                                             b->author ? " · " : "", b->author ? b->author : "")
                           : bg_arena_printf(f->arena, "%s%s%s", date, b->author ? " · " : "",
                                             b->author ? b->author : "");
    if (line && text_para(dl, line, 0, &sub_style) != 0) return -1;
    f->y += 6;
    bg_rule rule = {f->x0, f->y, f->x1, f->y, 1.2, f->color.heading};
    if (bg_page_add_rule(&f->pages->pages[f->page], &rule) != 0) return -1;
    f->y += 4;
    return 0;
}

long bg_part_toc_add(bg_doc_layout *dl, const char *title, int level)
{
    bg_toc_entry *grown = bg_grow(dl->toc, dl->toc_count, &dl->toc_cap, sizeof *grown, 16);
    if (!grown) return -1;
    dl->toc = grown;
    bg_toc_entry *e = &dl->toc[dl->toc_count];
    memset(e, 0, sizeof *e);
    e->title = title;
    e->level = level;
    e->page = -1;
    e->elem = -1;
    return (long)dl->toc_count++;
}

int bg_part_toc_plan(bg_doc_layout *dl, bool with_points, bg_toc_plan *plan)
{
    const bg_doc *d = dl->doc;
    plan->summary = d->brief->summary.markdown
                        ? bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_SUMMARY), 0)
                        : -2;
    plan->points = with_points && d->talking_point_count
                       ? bg_part_toc_add(dl, bg_string(dl->lang, BG_STR_TALKING_POINTS), 0)
                       : -2;
    if (plan->summary == -1 || plan->points == -1) return -1;
    plan->first_section = (long)dl->toc_count;
    for (size_t s = 0; s < d->section_count; s++)
        if (bg_part_toc_add(dl, d->sections[s].label, 0) < 0) return -1;
    const char *title = d->brief->chronology_title ? d->brief->chronology_title
                                                   : bg_string(dl->lang, BG_STR_CHRONOLOGY);
    plan->chronology = bg_part_toc_add(dl, title, 0);
    return plan->chronology < 0 ? -1 : 0;
}

int bg_part_contents(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    if (bg_flow_break(f) != 0) return -1;
    if (bg_flow_heading(f, bg_string(dl->lang, BG_STR_CONTENTS), &f->h1, -1, NULL, NULL) != 0)
        return -1;
    f->y += 6;
    bg_para_style st = f->body;
    st.justify = false;
    int saved;
    if (bg_flow_enter(f, BG_S_TOC, &saved) != 0) return -1;
    for (size_t i = 0; i < dl->toc_count; i++) {
        bg_toc_entry *e = &dl->toc[i];
        double indent = e->level * 18;
        bg_inline run = bg_inline_plain(e->title, 0);
        bg_set_para para;
        if (bg_para_set(f->tc, &run, 1, &st, f->x1 - f->x0 - indent - 48, &para) != 0) return -1;
        /* each line a TOCI holding a Link: its title and page number and
         * the annotation over them (ISO 32000-1, 14.8.4.3.2; PDF/UA-1,
         * 7.18.5) */
        int toc, link;
        if (bg_flow_enter(f, BG_S_TOCI, &toc) != 0 || bg_flow_enter(f, BG_S_LINK, &link) != 0)
            return -1;
        int page;
        double y;
        int placed = bg_flow_place_para(f, &para, f->x0 + indent, st.size, NULL, NULL, &page, &y);
        f->elem = toc;
        if (placed != 0) return -1;
        e->elem = f->para_elem;
        e->line_page = f->page;
        e->line_h = para.line_height;
        e->line_top = f->y - para.line_height;
        e->end_x = f->x0 + indent + (para.line_count ? para.lines[para.line_count - 1].width : 0);
        f->y += 3;
    }
    f->elem = saved;
    /* the contents are drawn in bg_part_finish once pages are known */
    return 0;
}

int bg_part_section_heading(bg_doc_layout *dl, long toc_index, bool new_page)
{
    bg_flow *f = &dl->f;
    if (toc_index < 0 || (size_t)toc_index >= dl->toc_count) return -1;
    if (new_page && bg_flow_break(f) != 0) return -1;
    bg_toc_entry *e = &dl->toc[toc_index];
    return bg_flow_heading(f, e->title, &f->h1, 0, &e->page, &e->y);
}

int bg_part_md(bg_doc_layout *dl, const bg_md *text, const bg_inline *lead_in, size_t lead_in_count)
{
    bg_flow *f = &dl->f;
    if (text->count == 0 && lead_in_count)
        return bg_flow_para(f, lead_in, lead_in_count, &f->body, f->x0, f->x1 - f->x0);
    return bg_flow_blocks(f, text->blocks, text->count, 0, lead_in, lead_in_count);
}

bg_block *bg_part_blocks_copy(bg_doc_layout *dl, const bg_md *text, size_t *count)
{
    bg_block *copy = bg_arena_alloc(dl->f.arena, (text->count + 1) * sizeof *copy);
    if (!copy) return NULL;
    if (text->count) memcpy(copy, text->blocks, text->count * sizeof *copy);
    *count = text->count;
    return copy;
}

void bg_part_blocks_in_item(bg_block *blocks, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        blocks[k].indent++;
        if (blocks[k].quote) blocks[k].quote_indent++;
    }
}

int bg_part_summary(bg_doc_layout *dl, long toc_index, bool new_page)
{
    if (bg_part_section_heading(dl, toc_index, new_page) != 0) return -1;
    return bg_part_md(dl, &dl->doc->summary, NULL, 0);
}

int bg_part_talking_points(bg_doc_layout *dl, long toc_index, bool new_page)
{
    const bg_doc *d = dl->doc;
    if (bg_part_section_heading(dl, toc_index, new_page) != 0) return -1;
    for (size_t i = 0; i < d->talking_point_count; i++) {
        size_t n;
        bg_block *blocks = bg_part_blocks_copy(dl, &d->talking_points[i], &n);
        if (!blocks) return -1;
        bg_part_blocks_in_item(blocks, n);
        if (n) blocks[0].marker = bg_arena_printf(dl->f.arena, "%zu.", i + 1);
        if (bg_flow_blocks(&dl->f, blocks, n, 0, NULL, 0) != 0) return -1;
    }
    return 0;
}

char *bg_part_event_date(const bg_doc_layout *dl, const bg_event *ev, char *buf, size_t size)
{
    if (ev->has_end) return bg_span_text(dl->lang, ev->date, ev->end, buf, size);
    return bg_date_text(dl->lang, ev->date, buf, size);
}

/* "29 June 2019 — Title. " in bold, run in before an entry's text; Korean
 * titles often hold a dash of their own, so there the date and title make
 * a line of their own. */
static bg_inline run_in(bg_doc_layout *dl, const bg_doc_event *de)
{
    char date[64];
    bg_part_event_date(dl, de->event, date, sizeof date);
    /* (no stop after a title that ends a sentence of its own: "Jeju?") */
    const char *text = dl->lang == BG_LANG_KO
                           ? bg_arena_printf(dl->f.arena, "%s  %s", date, de->title)
                           : bg_arena_printf(dl->f.arena, "%s — %s%s ", date, de->title,
                                             bg_ends_sentence(de->title) ? "" : ".");
    return bg_inline_plain(text ? text : "", BG_IN_BOLD);
}

int bg_part_anchors_init(bg_doc_layout *dl)
{
    const bg_doc *d = dl->doc;
    dl->passage_base = calloc(d->event_count + 1, sizeof *dl->passage_base);
    if (!dl->passage_base) return -1;
    size_t n = d->event_count;
    for (size_t i = 0; i < d->event_count; i++) {
        dl->passage_base[i] = n;
        n += d->events[i].passage_count;
    }
    dl->source_base = n;
    n += d->source_count;
    dl->anchor_count = n;
    dl->anchor_page = calloc(n + 1, sizeof *dl->anchor_page);
    dl->anchor_y = calloc(n + 1, sizeof *dl->anchor_y);
    if (!dl->anchor_page || !dl->anchor_y) return -1;
    for (size_t i = 0; i < n; i++)
        dl->anchor_page[i] = -1;
    return 0;
}

void bg_part_anchors_free(bg_doc_layout *dl)
{
    free(dl->passage_base);
    free(dl->anchor_page);
    free(dl->anchor_y);
    free(dl->refs);
    dl->passage_base = NULL;
    dl->anchor_page = NULL;
    dl->anchor_y = NULL;
    dl->refs = NULL;
}

int bg_part_event_anchor(const bg_doc_layout *dl, const bg_doc_event *de)
{
    (void)dl;
    return (int)de->index + 1;
}

int bg_part_passage_anchor(const bg_doc_layout *dl, const bg_doc_event *de, size_t k)
{
    return (int)(dl->passage_base[de->index] + k) + 1;
}

int bg_part_source_anchor(const bg_doc_layout *dl, size_t source)
{
    return (int)(dl->source_base + source) + 1;
}

int bg_part_heading_anchor(const bg_doc_layout *dl, long toc_index)
{
    return (int)(dl->anchor_count + (size_t)toc_index) + 1;
}

void bg_part_anchor_set(bg_doc_layout *dl, int anchor, int page, double y)
{
    if (anchor <= 0 || (size_t)anchor > dl->anchor_count) return;
    dl->anchor_page[anchor - 1] = page;
    dl->anchor_y[anchor - 1] = y;
    /* on the page being made or the one before, it follows what the flow
     * moves (flow.h) */
    if (page == dl->f.page || (page >= 0 && page == dl->f.page - 1))
        bg_flow_anchor_add(&dl->f, &dl->anchor_page[anchor - 1], &dl->anchor_y[anchor - 1]);
}

/* What is drawn on PAGE so far. */
static size_t drawn(const bg_doc_layout *dl, int page)
{
    if (page < 0 || (size_t)page >= dl->f.pages->count) return 0;
    const bg_page *p = &dl->f.pages->pages[page];
    return p->run_count + p->image_count;
}

bg_anchor_mark bg_part_anchor_mark(bg_doc_layout *dl)
{
    bg_anchor_mark m = {dl->f.page, dl->f.y, drawn(dl, dl->f.page), NULL};
    /* the place follows what the flow moves until the text is placed (a
     * page closed up or filled, a keep carried over) */
    bg_ref_place *at = m.page >= 0 ? bg_arena_alloc(dl->f.arena, sizeof *at) : NULL;
    if (at) {
        *at = (bg_ref_place){m.page, m.y};
        if (bg_flow_anchor_add(&dl->f, &at->page, &at->top) == 0) m.at = at;
    }
    return m;
}

void bg_part_anchor_placed(bg_doc_layout *dl, int anchor, const bg_anchor_mark *mark)
{
    if (mark->page >= 0 && drawn(dl, mark->page) > mark->drawn)
        bg_part_anchor_set(dl, anchor, mark->at ? mark->at->page : mark->page,
                           mark->at ? mark->at->top : mark->y);
    else /* nothing landed there: it went to the top of the next page */
        bg_part_anchor_set(dl, anchor, mark->page + 1, dl->f.y0);
}

/* Where ANCHOR stands: false when it is none or was never placed. */
static bool anchor_where(const bg_doc_layout *dl, int anchor, int *page, double *y)
{
    if (anchor <= 0) return false;
    size_t i = (size_t)anchor - 1;
    if (i < dl->anchor_count) {
        *page = dl->anchor_page[i];
        *y = dl->anchor_y[i];
    } else if (i - dl->anchor_count < dl->toc_count) {
        *page = dl->toc[i - dl->anchor_count].page;
        *y = dl->toc[i - dl->anchor_count].y;
    } else {
        return false;
    }
    return *page >= 0;
}

const char *bg_part_event_ref_text(bg_doc_layout *dl, const bg_doc_event *de)
{
    char date[64];
    const bg_event *ev = de->event;
    if (ev->has_end)
        bg_span_text(dl->lang, ev->date, ev->end, date, sizeof date);
    else
        bg_date_text_opt(dl->lang, ev->date, false, date, sizeof date);
    const char *text =
        bg_arena_printf(dl->f.arena, dl->lang == BG_LANG_KO ? "%s %s" : "%s, %s", date, de->title);
    return text ? text : "";
}

/* The style of a cross-reference line: muted, ragged, the number linked. */
static bg_para_style ref_style(const bg_flow *f)
{
    bg_para_style st = f->body;
    st.justify = false;
    st.hyphenate = false;
    st.color = f->color.muted;
    st.link_color = f->color.muted;
    return st;
}

int bg_part_page_ref(bg_doc_layout *dl, const char *text, int anchor, double x, const char *marker)
{
    bg_flow *f = &dl->f;
    bg_para_style st = ref_style(f);
    /* room for a number of four digits and the space before it: a
     * reference may point forward, to a page not made yet, and a ragged
     * line loses nothing by a digit more of room */
    char widest[32];
    bg_page_ref_text(dl->lang, 8888, widest, sizeof widest);
    /* a space alone measures nothing: "a a" less "aa" */
    double space = bg_text_width(f->tc, "a a", &st) - bg_text_width(f->tc, "aa", &st);
    double room = bg_text_width(f->tc, widest, &st) + space;
    const char *line = bg_arena_printf(f->arena, "%s\u00A0→", text);
    if (!line) return -1;
    bg_inline run = bg_inline_plain(line, BG_IN_LINK);
    run.anchor = anchor;
    double width = f->x1 - x - room;
    if (width < st.size * 4) width = st.size * 4;
    bg_set_para para;
    if (bg_para_set(f->tc, &run, 1, &st, width, &para) != 0) return -1;
    if (bg_flow_place_para(f, &para, x, st.size, marker, &f->body, NULL, NULL) != 0) return -1;
    int elem = f->para_elem;
    bg_page_ref *grown = bg_grow(dl->refs, dl->ref_count, &dl->ref_cap, sizeof *grown, 16);
    if (!grown) return -1;
    dl->refs = grown;
    /* the end of the last line's ink: its natural width leaves out what
     * hangs into the margin (hanging punctuation) */
    double end = 0;
    for (size_t k = 0; para.line_count && k < para.lines[para.line_count - 1].frag_count; k++) {
        const bg_frag *fr = &para.lines[para.line_count - 1].frags[k];
        if (fr->x + fr->width > end) end = fr->x + fr->width;
    }
    bg_ref_place *at = bg_arena_alloc(f->arena, sizeof *at);
    if (!at) return -1;
    *at = (bg_ref_place){f->page, f->y - para.line_height};
    dl->refs[dl->ref_count++] =
        (bg_page_ref){at, x + end + space, para.line_height, anchor, st, elem};
    /* a keep carried over or a page filled moves the line: its number too */
    return bg_flow_anchor_add(f, &at->page, &at->top);
}

/* Starts an entry: room for two lines (a Korean run-in is a line of its
 * own: it keeps with two more). */
static int entry_start(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    bg_flow_space(f, f->body.size * 0.2);
    double lines = dl->lang == BG_LANG_KO ? 3 : 2;
    return bg_flow_need(f, lines * f->body.size * f->body.leading);
}

/* TEXT with the run-in of DE before it (on a line of its own in Korean). */
static int entry_text(bg_doc_layout *dl, const bg_doc_event *de, const bg_md *text)
{
    bg_flow *f = &dl->f;
    bg_inline lead[1] = {run_in(dl, de)};
    size_t n = 1;
    if (dl->lang == BG_LANG_KO) {
        bg_para_style head = f->body;
        head.justify = false;
        /* the run-in line keeps with the entry's text (flow.h) */
        bg_flow_mark mark;
        bg_flow_keep_from(f, &mark);
        if (bg_flow_para(f, lead, n, &head, f->x0, f->x1 - f->x0) != 0) return -1;
        bg_flow_keep(f, &mark);
        n = 0;
    }
    return bg_part_md(dl, text, lead, n);
}

int bg_part_theme_section(bg_doc_layout *dl, const bg_section *sec, long toc_index, bool new_page,
                          bool leads_only, bg_lead_home leads)
{
    bg_flow *f = &dl->f;
    if (bg_part_section_heading(dl, toc_index, new_page) != 0) return -1;
    if (sec->description.count && bg_part_md(dl, &sec->description, NULL, 0) != 0) return -1;
    long here = (long)(sec - dl->doc->sections);
    for (size_t e = 0; e < sec->entry_count; e++) {
        const bg_section_entry *entry = &sec->entries[e];
        const bg_doc_event *de = entry->event;
        const bg_doc_passage *passage = leads_only ? NULL : entry->passage;
        bool lead_here = leads == BG_LEADS_EVERYWHERE ? !passage
                         : leads == BG_LEADS_OWNER    ? de->owner_section == here
                                                      : false;
        int event_anchor = bg_part_event_anchor(dl, de);
        if (!lead_here && !passage) { /* printed elsewhere: its page */
            bg_flow_space(f, f->body.size * 0.2);
            if (bg_part_page_ref(dl, bg_part_event_ref_text(dl, de), event_anchor, f->x0, NULL) !=
                0)
                return -1;
            continue;
        }
        int anchor = passage ? bg_part_passage_anchor(dl, de, (size_t)(passage - de->passages))
                             : event_anchor;
        if (entry_start(dl) != 0) return -1;
        bg_anchor_mark mark = bg_part_anchor_mark(dl);
        if (lead_here && leads != BG_LEADS_EVERYWHERE) {
            if (entry_text(dl, de, &de->lead) != 0) return -1;
            bg_part_anchor_placed(dl, event_anchor, &mark);
            bg_part_anchor_placed(dl, anchor, &mark);
            if (passage && bg_part_md(dl, &passage->body, NULL, 0) != 0) return -1;
            continue;
        }
        if (entry_text(dl, de, passage ? &passage->body : &de->lead) != 0) return -1;
        bg_part_anchor_placed(dl, anchor, &mark);
    }
    return 0;
}

char *bg_part_name(bg_arena *arena, const char *name)
{
    size_t spaces = 0, len = strlen(name);
    for (size_t i = 0; i < len; i++)
        spaces += name[i] == ' ';
    char *out = bg_arena_alloc(arena, len + spaces + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        if (name[i] == ' ') {
            *o++ = (char)0xC2; /* U+00A0 */
            *o++ = (char)0xA0;
        } else {
            *o++ = name[i];
        }
    }
    *o = '\0';
    return out;
}

/* The text of chronology column COLUMN for DE; *ANCHOR set for a link. */
static const char *chronology_cell(bg_doc_layout *dl, const bg_chron_row *row, bg_column column)
{
    bg_arena *arena = dl->f.arena;
    const bg_doc_event *de = row->event;
    const bg_event *ev = de->event;
    char buf[128];
    switch (column) {
    case BG_COL_DATE:
        return bg_arena_strdup(arena, bg_part_event_date(dl, ev, buf, sizeof buf));
    case BG_COL_TITLE:
        return de->title;
    case BG_COL_KIND:
        return bg_kind_label(dl->lang, ev->kind);
    case BG_COL_PLACE:
        return ev->place ? ev->place : "";
    case BG_COL_PARTICIPANTS:
    case BG_COL_THEMES: {
        bool themes = column == BG_COL_THEMES;
        size_t n = themes ? ev->theme_count : ev->participant_count;
        char *joined = bg_arena_strdup(arena, "");
        for (size_t i = 0; i < n && joined; i++) {
            const char *name =
                themes ? de->theme_labels[i] : bg_part_name(arena, ev->participants[i]);
            joined = name ? bg_arena_printf(arena, "%s%s%s", joined, i ? ", " : "", name) : NULL;
        }
        return joined ? joined : "";
    }
    case BG_COL_YEARS_AGO:
        return bg_arena_printf(arena, "%d", row->years_ago);
    default:
        return "";
    }
}

int bg_part_chronology(bg_doc_layout *dl, long toc_index, const bg_chronology_style *style)
{
    bg_flow *f = &dl->f;
    const bg_doc *d = dl->doc;
    const bg_brief *b = d->brief;
    if (bg_part_section_heading(dl, toc_index, style->new_page) != 0) return -1;
    const bg_column *columns = b->column_count ? b->columns : dl->default_columns;
    bg_table t;
    memset(&t, 0, sizeof t);
    t.cols = b->column_count ? b->column_count : dl->default_column_count;
    t.rows = d->chronology_count;
    t.headers = bg_arena_alloc(f->arena, (t.cols + 1) * sizeof *t.headers);
    t.cells = bg_arena_alloc(f->arena, (t.cols * t.rows + 1) * sizeof *t.cells);
    t.bold = bg_arena_alloc(f->arena, (t.rows + 1) * sizeof *t.bold);
    t.right = bg_arena_alloc(f->arena, (t.cols + 1) * sizeof *t.right);
    t.nowrap = bg_arena_alloc(f->arena, (t.cols + 1) * sizeof *t.nowrap);
    bool by_year = style->group_by_year;
    t.group = by_year ? bg_arena_alloc(f->arena, (t.rows + 1) * sizeof *t.group) : NULL;
    t.marked = by_year ? bg_arena_alloc(f->arena, (t.rows + 1) * sizeof *t.marked) : NULL;
    if (!t.headers || !t.cells || !t.bold || !t.right || !t.nowrap || (by_year && !t.group) ||
        (by_year && !t.marked))
        return -1;
    static const bg_str header_of[BG_COL_COUNT] = {
        BG_STR_DATE,         BG_STR_TITLE,  BG_STR_KIND,     BG_STR_PLACE,
        BG_STR_PARTICIPANTS, BG_STR_THEMES, BG_STR_YEARS_AGO};
    for (size_t c = 0; c < t.cols; c++) {
        t.headers[c] = bg_string(dl->lang, header_of[columns[c]]);
        t.right[c] = columns[c] == BG_COL_YEARS_AGO;
        t.nowrap[c] = columns[c] == BG_COL_DATE || columns[c] == BG_COL_KIND ||
                      columns[c] == BG_COL_YEARS_AGO;
    }
    for (size_t r = 0; r < t.rows; r++) {
        const bg_chron_row *row = &d->chronology[r];
        const bg_event *ev = row->event->event;
        t.bold[r] = ev->milestone;
        if (by_year) {
            /* the chronology grouped by year, milestones marked in the margin */
            t.marked[r] = ev->milestone;
            if (r == 0 || d->chronology[r - 1].event->event->date.year != ev->date.year)
                t.group[r] = bg_arena_printf(f->arena, dl->lang == BG_LANG_KO ? "%d년" : "%d",
                                             ev->date.year);
        }
        for (size_t c = 0; c < t.cols; c++) {
            bg_cell *cell = &t.cells[r * t.cols + c];
            cell->runs = bg_arena_alloc(f->arena, sizeof *cell->runs);
            if (!cell->runs) return -1;
            cell->count = 1;
            const char *text = chronology_cell(dl, row, columns[c]);
            if (!text || !*text) text = "—"; /* an empty cell reads as missing data */
            bool link = columns[c] == BG_COL_TITLE && style->link_to_annex;
            cell->runs[0] = bg_inline_plain(text, link ? BG_IN_LINK : 0);
            if (link) cell->runs[0].anchor = (int)row->event->index + 1;
        }
    }
    return bg_flow_table(f, &t);
}

int bg_part_sources(bg_doc_layout *dl, long toc_index)
{
    bg_flow *f = &dl->f;
    const bg_doc *d = dl->doc;
    if (bg_part_section_heading(dl, toc_index, true) != 0) return -1;
    bg_para_style st = f->body;
    st.justify = false;
    /* the numbers right-aligned in a column as wide as the widest, so
     * that none hangs into the margin */
    double indent = 22;
    for (size_t i = 0; i < d->source_count; i++) {
        char label[32];
        snprintf(label, sizeof label, "%zu.", i + 1);
        double w = bg_text_width(f->tc, label, &st) + st.size * 0.5;
        if (w > indent) indent = w;
    }
    int saved;
    if (bg_flow_enter(f, BG_S_L, &saved) != 0) return -1;
    for (size_t i = 0; i < d->source_count; i++) {
        const bg_source *s = d->sources[i].source;
        /* typographic quotes, as in the events' titles */
        const char *title = bg_smart_quotes(f->arena, s->title);
        const char *publisher = bg_smart_quotes(f->arena, s->publisher);
        char date[64] = "";
        if (s->has_date) bg_date_text_opt(dl->lang, s->date, false, date, sizeof date);
        bg_inline runs[4];
        size_t n = 0;
        const char *text[3] = {NULL, NULL, NULL};
        if (dl->lang == BG_LANG_KO) {
            /* 발행처, “제목”, 2019. 6. 29. — no italic for Hangul, no double stop */
            text[0] = bg_arena_printf(f->arena, "%s, “%s”%s%s%s", publisher, title,
                                      *date ? ", " : "", date, s->url ? " " : "");
            if (!text[0]) return -1;
            runs[n++] = bg_inline_plain(text[0], 0);
        } else {
            text[0] = bg_arena_printf(f->arena, "%s%s ", publisher,
                                      bg_ends_sentence(publisher) ? "" : ".");
            text[1] = bg_arena_printf(f->arena, "%s%s", title, bg_ends_sentence(title) ? "" : ".");
            text[2] =
                bg_arena_printf(f->arena, "%s%s%s", *date ? " " : "", date, s->url ? ". " : ".");
            if (!text[0] || !text[1] || !text[2]) return -1;
            runs[n++] = bg_inline_plain(text[0], 0);
            runs[n++] = bg_inline_plain(text[1], BG_IN_ITALIC);
            runs[n++] = bg_inline_plain(text[2], 0);
        }
        if (s->url) {
            runs[n] = bg_inline_plain(s->url, BG_IN_LINK);
            runs[n++].uri = s->url;
        }
        bg_set_para para;
        if (bg_para_set(f->tc, runs, n, &st, f->x1 - f->x0 - indent, &para) != 0) return -1;
        const char *marker = bg_arena_printf(f->arena, "%zu.", i + 1);
        bg_anchor_mark mark = bg_part_anchor_mark(dl);
        if (bg_flow_place_para(f, &para, f->x0 + indent, st.size, marker, &st, NULL, NULL) != 0)
            return -1;
        bg_part_anchor_placed(dl, bg_part_source_anchor(dl, i), &mark);
        bg_para_release(f->tc); /* on its page: the lines of one source at a time */
        bg_flow_space(f, 3);
    }
    f->elem = saved;
    return 0;
}

/* Runs one line of TEXT in STYLE with its left edge (or, when RIGHT_ALIGN,
 * its right edge) at X and its top at TOP on PAGE, in structure element
 * ELEM (or an artifact, layout.h). */
static int put_text(bg_doc_layout *dl, int page, const char *text, const bg_para_style *style,
                    double x, double top, bool right_align, int elem)
{
    bg_inline run = bg_inline_plain(text, 0);
    bg_set_para para;
    if (bg_para_set(dl->f.tc, &run, 1, style, 1e6, &para) != 0 || !para.line_count) return -1;
    int saved = dl->f.page, saved_elem = dl->f.elem;
    dl->f.page = page;
    dl->f.elem = elem;
    double lx = right_align ? x - para.lines[0].width : x;
    int status = bg_flow_draw_line(&dl->f, &para.lines[0], lx, top, para.line_height, style->size);
    dl->f.page = saved;
    dl->f.elem = saved_elem;
    return status;
}

/* The classification marking centred at the foot of PAGE. */
/* TEXT cut to its first 512 bytes (at a character) and an ellipsis: what
 * every page repeats. A line that long overflows the page already, and
 * text of any length set again on every page would cost its length times
 * the pages. */
static const char *running(bg_arena *arena, const char *text)
{
    enum { MOST = 512 };
    size_t len = text ? strlen(text) : 0;
    if (len <= MOST) return text;
    size_t cut = MOST;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    const char *clipped = bg_arena_printf(arena, "%.*s\u2026", (int)cut, text);
    return clipped ? clipped : text;
}

/* TEXT in STYLE cut to fit WIDTH, with an ellipsis, at a space where one
 * leaves most of it (a running head that would run under the marking or
 * off the page); TEXT itself when it fits. */
static const char *fit_width(bg_doc_layout *dl, const char *text, const bg_para_style *style,
                             double width)
{
    bg_flow *f = &dl->f;
    if (!text || bg_text_width(f->tc, text, style) <= width) return text;
    double dots = bg_text_width(f->tc, "\u2026", style);
    /* the longest prefix that fits with the ellipsis, by halving */
    size_t lo = 0, hi = strlen(text);
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > lo && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--; /* (at a character) */
        if (mid == lo) break;
        char *prefix = bg_arena_printf(f->arena, "%.*s", (int)mid, text);
        if (!prefix) return text;
        if (bg_text_width(f->tc, prefix, style) + dots <= width)
            lo = mid;
        else
            hi = mid - 1;
        while (hi > lo && ((unsigned char)text[hi] & 0xC0) == 0x80)
            hi--;
    }
    size_t cut = lo;
    for (size_t k = lo; k > lo * 2 / 3; k--)
        if (text[k - 1] == ' ') {
            cut = k - 1;
            break;
        }
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ':'))
        cut--;
    const char *fitted = bg_arena_printf(f->arena, "%.*s\u2026", (int)cut, text);
    return fitted ? fitted : text;
}

/* The classification marking centred at the foot of PAGE, on a line of
 * its own below the date and page number when it would run into them
 * (SIDE: the wider of the two); a marking is never cut. */
static int foot_mark(bg_doc_layout *dl, int page, const bg_para_style *mark, double top,
                     double side)
{
    bg_flow *f = &dl->f;
    const char *marking = running(f->arena, dl->doc->brief->classification);
    double w = bg_text_width(f->tc, marking, mark);
    if (w / 2 + side + mark->size > (f->x1 - f->x0) / 2) top += mark->size * mark->leading;
    return put_text(dl, page, marking, mark, (f->x0 + f->x1 - w) / 2, top, false, BG_PAGINATION);
}

static int header_footer(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    const bg_brief *b = dl->doc->brief;
    bg_pages *ps = f->pages;
    bg_para_style st = f->small;
    st.color = f->color.muted;
    bg_para_style mark = mark_style(f, st.size);
    char date[64], label[64];
    bg_date_text(dl->lang, b->date, date, sizeof date);
    double head_top = f->y0 - 34, foot_top = f->y1 + 22;
    const char *marking = running(f->arena, b->classification);
    /* the running head clear of the marking at its right, cut to fit */
    double room = f->x1 - f->x0;
    if (marking) room -= bg_text_width(f->tc, marking, &mark) + st.size * 1.5;
    const char *title = fit_width(dl, running(f->arena, dl->doc->title), &st, room);
    /* what stands beside the marking at the foot: the date, the widest
     * page number */
    bg_page_text(dl->lang, (int)ps->count, (int)ps->count, label, sizeof label);
    double side = bg_text_width(f->tc, date, &st), label_w = bg_text_width(f->tc, label, &st);
    if (label_w > side) side = label_w;
    /* the cover carries the marking where every page does, top right and
     * at the foot */
    if (b->classification && ps->count > 0 && dl->has_cover &&
        (put_text(dl, 0, marking, &mark, f->x1, head_top, true, BG_PAGINATION) != 0 ||
         foot_mark(dl, 0, &mark, foot_top, side) != 0))
        return -1;
    for (size_t i = dl->has_cover ? 1 : 0; i < ps->count; i++) {
        int page = (int)i;
        /* a page 1 without a cover has its title block instead of a header */
        bool header = i > 0;
        if (header && put_text(dl, page, title, &st, f->x0, head_top, false, BG_PAGINATION) != 0)
            return -1;
        if (b->classification &&
            put_text(dl, page, marking, &mark, f->x1, head_top, true, BG_PAGINATION) != 0)
            return -1;
        /* the marking at the foot too, centred, as on official documents */
        if (b->classification && foot_mark(dl, page, &mark, foot_top, side) != 0) return -1;
        double rule_y = head_top + st.size * st.leading + 2;
        bg_rule r = {f->x0, rule_y, f->x1, rule_y, 0.4, f->color.rule};
        if (header && bg_page_add_rule(&ps->pages[i], &r) != 0) return -1;
        if (put_text(dl, page, date, &st, f->x0, foot_top, false, BG_PAGINATION) != 0) return -1;
        bg_page_text(dl->lang, page + 1, (int)ps->count, label, sizeof label);
        if (put_text(dl, page, label, &st, f->x1, foot_top, true, BG_PAGINATION) != 0) return -1;
        bg_para_release(f->tc); /* drawn: the lines of one page's at a time */
    }
    return 0;
}

/* Leaders, page numbers and links of the contents lines that were placed. */
static int contents_numbers(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    bg_para_style st = f->body;
    st.justify = false;
    for (size_t i = 0; i < dl->toc_count; i++) {
        const bg_toc_entry *e = &dl->toc[i];
        if (e->page < 0 || e->line_h <= 0) continue; /* not placed, or no contents page */
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
            if (put_text(dl, e->line_page, leader, &ls, to, e->line_top, true, BG_ARTIFACT) != 0)
                return -1;
        }
        if (put_text(dl, e->line_page, number, &st, f->x1, e->line_top, true, e->elem) != 0)
            return -1;
        bg_link link = {f->x0, e->line_top, f->x1 - f->x0, e->line_h, NULL, e->page,
                        e->y,  0,           e->elem};
        if (bg_page_add_link(&f->pages->pages[e->line_page], &link) != 0) return -1;
    }
    return 0;
}

/* Links to anchors inside the document take their anchor's page. */
static void resolve_anchors(bg_doc_layout *dl)
{
    const bg_pages *ps = dl->f.pages;
    for (size_t i = 0; i < ps->count; i++) {
        bg_page *page = &ps->pages[i];
        for (size_t k = 0; k < page->link_count; k++) {
            bg_link *l = &page->links[k];
            int dest;
            double y;
            if (l->anchor > 0 && anchor_where(dl, l->anchor, &dest, &y)) {
                l->dest_page = dest;
                l->dest_y = y;
            }
        }
    }
}

/* The numbers of the page references, linked to their targets. */
static int ref_numbers(bg_doc_layout *dl)
{
    bg_flow *f = &dl->f;
    for (size_t i = 0; i < dl->ref_count; i++) {
        const bg_page_ref *r = &dl->refs[i];
        int dest;
        double y;
        if (!anchor_where(dl, r->anchor, &dest, &y)) continue;
        char number[32];
        bg_page_ref_text(dl->lang, dest + 1, number, sizeof number);
        bg_para_style st = r->style;
        st.color = f->color.link;
        int on = r->at->page;
        double top = r->at->top;
        /* the reference's link reaches over its number, which joins the
         * link's words in their Link element */
        double w = bg_text_width(f->tc, number, &st);
        bg_page *page = &f->pages->pages[on];
        bg_link *own = NULL;
        for (size_t k = page->link_count; k-- > 0 && !own;) {
            bg_link *l = &page->links[k];
            double mid = l->y + l->h / 2;
            if (l->anchor == r->anchor && l->x < r->x && mid > top && mid < top + r->line_h)
                own = l;
        }
        int elem = own ? own->elem : r->elem;
        if (!own && r->elem >= 0) {
            elem = bg_pages_add_elem(f->pages, BG_S_LINK, r->elem);
            if (elem < 0) return -1;
        }
        if (put_text(dl, on, number, &st, r->x, top, false, elem) != 0) return -1;
        if (own) {
            own->w = r->x + w - own->x;
            continue;
        }
        bg_link link = {r->x, top, w, r->line_h, NULL, dest, y, 0, elem};
        if (bg_page_add_link(page, &link) != 0) return -1;
    }
    bg_para_release(f->tc);
    return 0;
}

int bg_part_finish(bg_doc_layout *dl)
{
    if (bg_flow_end_part(&dl->f) != 0 || header_footer(dl) != 0 || contents_numbers(dl) != 0)
        return -1;
    resolve_anchors(dl);
    return ref_numbers(dl);
}
