/* flow.c - the page engine (flow.h): pages as growable lists of drawing
 * items, paragraphs placed line by line with no orphan or widow, headings
 * kept with two lines of what follows, Markdown blocks (lists, quotes,
 * code, rules, images) at their indents. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "layout/flow.h"

#define GROW(arr, count, cap, item)                                                                \
    do {                                                                                           \
        void *g_ = bg_grow((arr), (count), &(cap), sizeof *(arr), 32);                             \
        if (!g_) return -1;                                                                        \
        (arr) = g_;                                                                                \
        (arr)[(count)++] = *(item);                                                                \
        return 0;                                                                                  \
    } while (0)

int bg_page_add_run(bg_page *p, const bg_run *x)
{
    GROW(p->runs, p->run_count, p->run_cap, x);
}

int bg_page_add_box(bg_page *p, const bg_box *x)
{
    GROW(p->boxes, p->box_count, p->box_cap, x);
}

int bg_page_add_rule(bg_page *p, const bg_rule *x)
{
    GROW(p->rules, p->rule_count, p->rule_cap, x);
}

int bg_page_add_link(bg_page *p, const bg_link *x)
{
    GROW(p->links, p->link_count, p->link_cap, x);
}

int bg_page_add_image(bg_page *p, const bg_image *x)
{
    GROW(p->images, p->image_count, p->image_cap, x);
}

int bg_pages_add_outline(bg_pages *pages, const char *title, int level, int page, double y)
{
    bg_outline_item item = {title, level, page, y};
    GROW(pages->outline, pages->outline_count, pages->outline_cap, &item);
}

void bg_pages_free(bg_pages *pages)
{
    for (size_t i = 0; i < pages->count; i++) {
        bg_page *p = &pages->pages[i];
        free(p->runs);
        free(p->boxes);
        free(p->rules);
        free(p->links);
        free(p->images);
    }
    free(pages->pages);
    free(pages->outline);
    for (size_t i = 0; i < pages->face_count; i++)
        free(pages->faces[i].cps);
    free(pages->faces);
    memset(pages, 0, sizeof *pages);
}

/* A character past U+FFFF drawn by a face. */
typedef struct astral_use {
    uint32_t face, cp;
} astral_use;

static int astral_order(const void *a, const void *b)
{
    const astral_use *x = a, *y = b;
    if (x->face != y->face) return x->face < y->face ? -1 : 1;
    return x->cp < y->cp ? -1 : x->cp > y->cp;
}

int bg_pages_collect_chars(bg_pages *pages, size_t face_count)
{
    /* the BMP as a bit set per face; characters past it (rare: CJK
     * Extension B, emoji) as a list, sorted at the end */
    enum { PLANE = 0x10000 };
    pages->faces = calloc(face_count + 1, sizeof *pages->faces);
    uint8_t *seen = calloc(face_count + 1, PLANE / 8);
    astral_use *astral = NULL;
    size_t nastral = 0, astral_cap = 0;
    int status = 0;
    if (!pages->faces || !seen) status = -1;
    if (status == 0) pages->face_count = face_count;
    for (size_t p = 0; p < pages->count && status == 0; p++) {
        const bg_page *page = &pages->pages[p];
        for (size_t r = 0; r < page->run_count && status == 0; r++) {
            const bg_run *run = &page->runs[r];
            if (run->face < 0 || (size_t)run->face >= face_count) continue;
            uint8_t *set = seen + (size_t)run->face * (PLANE / 8);
            for (size_t i = 0; i < run->len;) {
                uint32_t cp;
                i += bg_utf8_decode(run->text + i, &cp);
                if (cp < PLANE) {
                    set[cp >> 3] |= (uint8_t)(1u << (cp & 7));
                    continue;
                }
                astral_use *grown = bg_grow(astral, nastral, &astral_cap, sizeof *grown, 16);
                if (!grown) {
                    status = -1;
                    break;
                }
                astral = grown;
                astral[nastral++] = (astral_use){(uint32_t)run->face, cp};
            }
        }
    }
    if (nastral) qsort(astral, nastral, sizeof *astral, astral_order);
    size_t next = 0; /* the first astral use of the face */
    for (size_t face = 0; face < face_count && status == 0; face++) {
        const uint8_t *set = seen + face * (PLANE / 8);
        size_t n = 0, end = next;
        for (uint32_t cp = 0; cp < PLANE; cp++)
            n += (set[cp >> 3] >> (cp & 7)) & 1;
        while (end < nastral && astral[end].face == face)
            end++;
        n += end - next; /* (at most: repeats are dropped below) */
        if (n == 0) continue;
        bg_face_chars *chars = &pages->faces[face];
        chars->cps = malloc(n * sizeof *chars->cps);
        if (!chars->cps) {
            status = -1;
            break;
        }
        for (uint32_t cp = 0; cp < PLANE; cp++)
            if ((set[cp >> 3] >> (cp & 7)) & 1) chars->cps[chars->count++] = cp;
        for (size_t i = next; i < end; i++)
            if (i == next || astral[i].cp != astral[i - 1].cp)
                chars->cps[chars->count++] = astral[i].cp;
        next = end;
    }
    free(astral);
    free(seen);
    return status;
}

int bg_flow_new_page(bg_flow *f)
{
    bg_pages *ps = f->pages;
    bg_page *grown = bg_grow(ps->pages, ps->count, &ps->cap, sizeof *grown, 16);
    if (!grown) return -1;
    ps->pages = grown;
    memset(&ps->pages[ps->count], 0, sizeof(bg_page));
    f->page = (int)ps->count++;
    f->y = f->y0;
    return 0;
}

int bg_flow_need(bg_flow *f, double h)
{
    if (f->page < 0) return bg_flow_new_page(f);
    if (f->y + h <= f->y1 + 0.01 || f->y <= f->y0 + 0.01) return 0;
    return bg_flow_new_page(f);
}

void bg_flow_space(bg_flow *f, double h)
{
    if (f->page >= 0 && f->y > f->y0 + 0.01) f->y += h;
}

int bg_flow_draw_line(bg_flow *f, const bg_set_line *line, double x, double top, double lh,
                      double size)
{
    bg_page *page = &f->pages->pages[f->page];
    double baseline = top + (lh - size) / 2 + size * 0.8;
    for (size_t i = 0; i < line->frag_count; i++) {
        const bg_frag *fr = &line->frags[i];
        bg_run run = {x + fr->x,
                      baseline,
                      fr->size,
                      fr->width,
                      fr->font.face,
                      fr->font.fake_bold,
                      fr->font.fake_italic,
                      fr->color,
                      fr->text,
                      fr->len,
                      fr->adjust};
        if (bg_page_add_run(page, &run) != 0) return -1;
        if (fr->uri || fr->anchor) {
            bg_link link = {
                x + fr->x, baseline - fr->size * 0.85, fr->width, fr->size * 1.1, fr->uri, -1, 0,
                fr->anchor};
            /* the words of one link on one line make one annotation */
            bg_link *last = page->link_count ? &page->links[page->link_count - 1] : NULL;
            if (last && last->uri == fr->uri && last->anchor == fr->anchor && last->y == link.y &&
                link.x >= last->x) {
                last->w = link.x + link.w - last->x;
                continue;
            }
            if (bg_page_add_link(page, &link) != 0) return -1;
        }
    }
    return 0;
}

int bg_flow_place_para(bg_flow *f, const bg_set_para *para, double x, double size,
                       const char *marker, const bg_para_style *marker_style, int *first_page,
                       double *first_y)
{
    double lh = para->line_height;
    size_t placed = 0, total = para->line_count;
    if (first_page) *first_page = -1;
    if (first_y) *first_y = f->y;
    if (f->page < 0 && bg_flow_new_page(f) != 0) return -1;
    while (placed < total) {
        size_t room = (size_t)((f->y1 - f->y + 0.01) / lh);
        size_t left = total - placed;
        size_t take = left;
        if (room < left) {
            take = room;
            if (take == 1) take = 0; /* no orphan: one line alone at the foot */
            if (left - take == 1) take = take >= 3 ? take - 1 : 0; /* no widow on top */
        }
        if (take == 0) {
            if (f->y <= f->y0 + 0.01) {
                take = 1; /* a line taller than the frame still goes somewhere */
            } else {
                if (bg_flow_new_page(f) != 0) return -1;
                continue;
            }
        }
        for (size_t l = placed; l < placed + take; l++) {
            if (first_page && *first_page < 0) {
                *first_page = f->page;
                *first_y = f->y;
            }
            if (bg_flow_draw_line(f, &para->lines[l], x, f->y, lh, size) != 0) return -1;
            if (l == 0 && marker && marker_style) {
                bg_inline m = bg_inline_plain(marker, 0);
                bg_set_para mp;
                if (bg_para_set(f->tc, &m, 1, marker_style, 1e6, &mp) == 0 && mp.line_count) {
                    double w = mp.lines[0].width;
                    bg_flow_draw_line(f, &mp.lines[0], x - w - size * 0.5, f->y, lh, size);
                }
            }
            f->y += lh;
        }
        placed += take;
        if (placed < total && bg_flow_new_page(f) != 0) return -1;
    }
    return 0;
}

int bg_flow_para(bg_flow *f, const bg_inline *runs, size_t n, const bg_para_style *style, double x,
                 double width)
{
    bg_set_para para;
    if (bg_para_set(f->tc, runs, n, style, width, &para) != 0) return -1;
    return bg_flow_place_para(f, &para, x, style->size, NULL, NULL, NULL, NULL);
}

int bg_flow_heading(bg_flow *f, const char *text, const bg_para_style *style, int outline_level,
                    int *page, double *y)
{
    return bg_flow_heading_keep(f, text, style, outline_level, 2 * f->body.size * f->body.leading,
                                page, y);
}

int bg_flow_heading_keep(bg_flow *f, const char *text, const bg_para_style *style,
                         int outline_level, double keep, int *page, double *y)
{
    bg_inline run = bg_inline_plain(text, 0);
    bg_set_para para;
    if (bg_para_set_balanced(f->tc, &run, 1, style, f->x1 - f->x0, &para) != 0) return -1;
    double before = style->size * 0.9, after = style->size * 0.45;
    bg_flow_space(f, before);
    double need = para.line_count * para.line_height + after + keep;
    if (bg_flow_need(f, need) != 0) return -1;
    int p = f->page;
    double top = f->y;
    if (bg_flow_place_para(f, &para, f->x0, style->size, NULL, NULL, &p, &top) != 0) return -1;
    f->y += after;
    if (outline_level >= 0 && bg_pages_add_outline(f->pages, text, outline_level, p, top) != 0)
        return -1;
    if (page) *page = p;
    if (y) *y = top;
    return 0;
}

/* A code block: monospace lines, not justified, wrapped, on a shaded box. */
static int flow_code(bg_flow *f, const bg_block *b, double x)
{
    double width = f->x1 - x, pad = 6;
    const char *code = b->code ? b->code : "";
    size_t len = strlen(code);
    while (len > 0 && code[len - 1] == '\n')
        len--;
    /* every source line is a paragraph; hard breaks between them */
    bg_inline *runs = bg_arena_alloc(f->arena, (len + 2) * sizeof *runs);
    if (!runs) return -1;
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && code[i] != '\n') continue;
        if (n) runs[n++] = (bg_inline){"", 0, BG_IN_BREAK, NULL, 0};
        runs[n++] = (bg_inline){code + start, i - start, 0, NULL, 0};
        start = i + 1;
    }
    bg_para_style st = f->mono;
    bg_set_para para;
    if (bg_para_set(f->tc, runs, n, &st, width - 2 * pad, &para) != 0) return -1;
    bg_flow_space(f, f->body.size * 0.3);
    size_t placed = 0;
    double lh = para.line_height;
    while (placed < para.line_count) {
        if (bg_flow_need(f, 2 * lh + 2 * pad) != 0) return -1;
        size_t room = (size_t)((f->y1 - f->y - 2 * pad) / lh);
        if (room == 0) room = 1;
        size_t take = para.line_count - placed < room ? para.line_count - placed : room;
        bg_box box = {x, f->y, width, take * lh + 2 * pad, f->color.shade, 0, 0, true};
        if (bg_page_add_box(&f->pages->pages[f->page], &box) != 0) return -1;
        for (size_t l = placed; l < placed + take; l++)
            if (bg_flow_draw_line(f, &para.lines[l], x + pad, f->y + pad + (l - placed) * lh, lh,
                                  st.size) != 0)
                return -1;
        f->y += take * lh + 2 * pad;
        placed += take;
        if (placed < para.line_count && bg_flow_new_page(f) != 0) return -1;
    }
    bg_flow_space(f, f->body.size * 0.5);
    return 0;
}

static int flow_image(bg_flow *f, const bg_block *b, double x)
{
    double width = f->x1 - x, max_h = (f->y1 - f->y0) * 0.45;
    double w = (double)b->image_w * 0.75,
           h = (double)b->image_h * 0.75; /* 96 dpi pixels to points */
    if (w > width) {
        h *= width / w;
        w = width;
    }
    if (h > max_h) {
        w *= max_h / h;
        h = max_h;
    }
    if (bg_flow_need(f, h + 6) != 0) return -1;
    bg_image img = {x, f->y, w, h, b->path, b->png, b->image_id, b->file, b->line, b->col};
    if (bg_page_add_image(&f->pages->pages[f->page], &img) != 0) return -1;
    f->y += h + f->body.size * 0.3;
    if (b->alt && *b->alt) {
        /* the alt text as a caption */
        bg_para_style st = f->small;
        st.color = f->color.muted;
        bg_inline caption = bg_inline_plain(b->alt, BG_IN_ITALIC);
        if (bg_flow_para(f, &caption, 1, &st, x, f->x1 - x) != 0) return -1;
    }
    f->y += f->body.size * 0.6;
    return 0;
}

int bg_flow_blocks(bg_flow *f, const bg_block *blocks, size_t count, double indent,
                   const bg_inline *lead_in, size_t lead_in_count)
{
    double step = f->body.size * 1.6;
    for (size_t i = 0; i < count; i++) {
        const bg_block *b = &blocks[i];
        /* nesting indents at most half the measure: deep lists and quotes
         * stay on the page, readable */
        double nest = b->indent * step + b->quote * step * 0.8;
        double most = (f->x1 - f->x0 - indent) * 0.5;
        double x = f->x0 + indent + (nest < most ? nest : most);
        double width = f->x1 - x;
        int first_page = -1;
        double first_y = 0;
        bg_para_release(f->tc); /* the previous block is on its page */
        if (f->page < 0 && bg_flow_new_page(f) != 0) return -1;
        switch (b->kind) {
        case BG_BLK_PARA:
        case BG_BLK_HEADING: {
            /* headings inside a passage sit below the passage's own label:
             * levels 1-2 as sub-headings, deeper ones as bold text */
            bg_para_style st = f->body;
            if (b->kind == BG_BLK_HEADING && b->level <= 2) st = f->h3;
            if (b->kind == BG_BLK_HEADING && b->level > 2) {
                st.variant = BG_VAR_BOLD;
                st.justify = false;
            }
            if (b->quote) st.color = f->color.muted;
            const bg_inline *runs = b->inlines;
            size_t n = b->inline_count;
            if (i == 0 && lead_in_count && b->kind == BG_BLK_PARA) {
                bg_inline *joined = bg_arena_alloc(f->arena, (n + lead_in_count) * sizeof *joined);
                if (!joined) return -1;
                memcpy(joined, lead_in, lead_in_count * sizeof *joined);
                memcpy(joined + lead_in_count, runs, n * sizeof *joined);
                runs = joined;
                n += lead_in_count;
            } else if (i == 0 && lead_in_count) {
                if (bg_flow_para(f, lead_in, lead_in_count, &f->body, x, width) != 0) return -1;
            }
            bg_set_para para;
            if (bg_para_set(f->tc, runs, n, &st, width, &para) != 0) return -1;
            if (b->kind == BG_BLK_HEADING) {
                bg_flow_space(f, st.size * 0.5);
                if (bg_flow_need(f, para.line_height * (para.line_count + 2)) != 0) return -1;
            }
            if (bg_flow_place_para(f, &para, x, st.size, b->marker, &f->body, &first_page,
                                   &first_y) != 0)
                return -1;
            if (b->quote && first_page == f->page) {
                bg_rule r = {x - step * 0.5, first_y, x - step * 0.5, f->y, 1.5, f->color.rule};
                if (bg_page_add_rule(&f->pages->pages[f->page], &r) != 0) return -1;
            }
            bool next_in_list = i + 1 < count && blocks[i + 1].indent > 0 && !b->list_last;
            bg_flow_space(f, b->tight && next_in_list ? st.size * 0.15
                             : b->list_last           ? st.size * 0.8
                                                      : st.size * 0.55);
            break;
        }
        case BG_BLK_CODE:
            if (flow_code(f, b, x) != 0) return -1;
            break;
        case BG_BLK_RULE: {
            bg_flow_space(f, f->body.size * 0.4);
            if (bg_flow_need(f, f->body.size) != 0) return -1;
            double mid = f->y + f->body.size * 0.4;
            bg_rule r = {x + width * 0.25, mid, x + width * 0.75, mid, 0.6, f->color.rule};
            if (bg_page_add_rule(&f->pages->pages[f->page], &r) != 0) return -1;
            f->y += f->body.size * 1.2;
            break;
        }
        case BG_BLK_IMAGE:
            if (flow_image(f, b, x) != 0) return -1;
            break;
        }
    }
    return 0;
}
