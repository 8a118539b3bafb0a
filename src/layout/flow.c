/* flow.c - the page engine (flow.h): pages as growable lists of drawing
 * items (text runs packed, layout.h), paragraphs placed line by line with
 * no orphan or widow, a window of lines at a time, headings kept with two
 * lines of what follows, Markdown blocks (lists, quotes, code, rules,
 * images) at their indents. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "layout/flow.h"

/* (a page holds a few of each: arrays start small) */
#define GROW(arr, count, cap, item)                                                                \
    do {                                                                                           \
        void *g_ = bg_grow((arr), (count), &(cap), sizeof *(arr), 4);                              \
        if (!g_) return -1;                                                                        \
        (arr) = g_;                                                                                \
        (arr)[(count)++] = *(item);                                                                \
        return 0;                                                                                  \
    } while (0)

/* Packed runs (layout.h): each run is a byte of flags saying which of y,
 * size, face, colour and faked styles differ from the run before and
 * whether pieces follow, those fields, x and width, the text's length and
 * the text, then the pieces' bytes' length and the pieces. Numbers are
 * copied bytes (doubles exactly as laid out), lengths LEB128 varints; a
 * piece is its length in bytes times two, plus one for a run of spaces
 * (glue, each space kerned alone). Kerning is not kept: it is shaped
 * again, mostly from the width cache, when the page is drawn. */
enum { RUN_Y = 1, RUN_SIZE = 2, RUN_FACE = 4, RUN_COLOR = 8, RUN_FAKE = 16, RUN_PIECES = 32 };

/* Room for MORE bytes of runs; grows by a quarter, so that a page holds
 * little slack (its runs are kept until the PDF is written). */
static int runs_reserve(bg_page *p, size_t more)
{
    if (more > SIZE_MAX / 2 - p->runs_len) return -1;
    if (p->runs_len + more <= p->runs_cap) return 0;
    size_t cap = p->runs_cap + p->runs_cap / 4 + 256;
    if (cap < p->runs_len + more) cap = p->runs_len + more + 256;
    uint8_t *grown = realloc(p->runs, cap);
    if (!grown) return -1;
    p->runs = grown;
    p->runs_cap = cap;
    return 0;
}

static void put_bytes(bg_page *p, const void *data, size_t n)
{
    memcpy(p->runs + p->runs_len, data, n);
    p->runs_len += n;
}

static void put_varint(bg_page *p, size_t v)
{
    do {
        uint8_t byte = (uint8_t)(v & 0x7F);
        v >>= 7;
        p->runs[p->runs_len++] = (uint8_t)(byte | (v ? 0x80 : 0));
    } while (v);
}

static size_t get_varint(const uint8_t *data, size_t *pos)
{
    size_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        uint8_t byte = data[(*pos)++];
        v |= (size_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
    }
    return v;
}

/* True when PIECES are one piece of text covering LEN bytes. */
static bool one_piece(const uint8_t *pieces, size_t pieces_len, size_t len)
{
    if (!pieces_len) return true;
    size_t pos = 0, v = get_varint(pieces, &pos);
    return pos == pieces_len && v == len * 2;
}

int bg_page_add_run(bg_page *p, const bg_run *x)
{
    const bg_run *last = &p->last;
    bool pieces = !one_piece(x->pieces, x->pieces_len, x->len);
    unsigned flags =
        (x->y != last->y ? RUN_Y : 0) | (x->size != last->size ? RUN_SIZE : 0) |
        (x->face != last->face ? RUN_FACE : 0) | (x->color != last->color ? RUN_COLOR : 0) |
        (x->fake_bold != last->fake_bold || x->fake_italic != last->fake_italic ? RUN_FAKE : 0) |
        (pieces ? RUN_PIECES : 0);
    if (runs_reserve(p, 1 + 8 * 4 + 4 + 4 + 1 + 10 + x->len + 10 + x->pieces_len) != 0) return -1;
    p->runs[p->runs_len++] = (uint8_t)flags;
    if (flags & RUN_Y) put_bytes(p, &x->y, sizeof x->y);
    if (flags & RUN_SIZE) put_bytes(p, &x->size, sizeof x->size);
    if (flags & RUN_FACE) {
        int32_t face = x->face;
        put_bytes(p, &face, sizeof face);
    }
    if (flags & RUN_COLOR) put_bytes(p, &x->color, sizeof x->color);
    if (flags & RUN_FAKE) {
        p->runs[p->runs_len++] = x->fake_bold;
        p->runs[p->runs_len++] = x->fake_italic;
    }
    put_bytes(p, &x->x, sizeof x->x);
    put_bytes(p, &x->width, sizeof x->width);
    put_varint(p, x->len);
    put_bytes(p, x->text, x->len);
    if (pieces) {
        put_varint(p, x->pieces_len);
        put_bytes(p, x->pieces, x->pieces_len);
    }
    p->last = *x;
    p->last.text = NULL;
    p->last.pieces = NULL;
    p->run_count++;
    return 0;
}

bool bg_page_next_run(const bg_page *p, size_t *pos, bg_run *run)
{
    if (*pos >= p->runs_len) return false;
    const uint8_t *d = p->runs;
    unsigned flags = d[(*pos)++];
#define GET(field)                                                                                 \
    do {                                                                                           \
        memcpy(&(field), d + *pos, sizeof(field));                                                 \
        *pos += sizeof(field);                                                                     \
    } while (0)
    if (flags & RUN_Y) GET(run->y);
    if (flags & RUN_SIZE) GET(run->size);
    if (flags & RUN_FACE) {
        int32_t face;
        GET(face);
        run->face = face;
    }
    if (flags & RUN_COLOR) GET(run->color);
    if (flags & RUN_FAKE) {
        run->fake_bold = d[(*pos)++];
        run->fake_italic = d[(*pos)++];
    }
    GET(run->x);
    GET(run->width);
#undef GET
    run->len = get_varint(d, pos);
    run->text = (const char *)d + *pos;
    *pos += run->len;
    run->pieces = NULL;
    run->pieces_len = 0;
    if (flags & RUN_PIECES) {
        run->pieces_len = get_varint(d, pos);
        run->pieces = d + *pos;
        *pos += run->pieces_len;
    }
    return true;
}

void bg_run_adjustments(bg_fonts *fonts, const bg_run *run, float *out)
{
    if (!run->pieces_len) {
        bg_shape_adjustments(fonts, run->face, run->text, run->len, out);
        return;
    }
    size_t pos = 0, at = 0, ch = 0;
    while (pos < run->pieces_len && at < run->len) {
        size_t v = get_varint(run->pieces, &pos), len = v >> 1;
        if (len > run->len - at) len = run->len - at;
        if (v & 1) { /* spaces: each kerned as a space alone */
            float space;
            bg_shape_adjustments(fonts, run->face, " ", 1, &space);
            for (size_t i = 0; i < len; i++)
                out[ch++] = space;
        } else {
            bg_shape_adjustments(fonts, run->face, run->text + at, len, out + ch);
            for (size_t i = at; i < at + len; i++)
                ch += ((unsigned char)run->text[i] & 0xC0) != 0x80;
        }
        at += len;
    }
}

void bg_page_release_runs(bg_page *p)
{
    free(p->runs);
    p->runs = NULL;
    p->runs_len = p->runs_cap = p->run_count = 0;
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
        bg_page_release_runs(p);
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
        bg_run r;
        memset(&r, 0, sizeof r);
        for (size_t pos = 0; status == 0 && bg_page_next_run(page, &pos, &r);) {
            const bg_run *run = &r;
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
                      fr->pieces,
                      fr->pieces_len};
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

/* bg_flow_place_para for lines of a paragraph set in windows: START when
 * they begin it (no orphan, the marker), END when they end it (no widow). */
static int place_lines(bg_flow *f, const bg_set_para *para, double x, double size,
                       const char *marker, const bg_para_style *marker_style, int *first_page,
                       double *first_y, bool start, bool end)
{
    double lh = para->line_height;
    size_t placed = 0, total = para->line_count;
    if (first_page) *first_page = -1;
    if (first_y) *first_y = f->y;
    if (!start) marker = NULL;
    if (f->page < 0 && bg_flow_new_page(f) != 0) return -1;
    while (placed < total) {
        size_t room = (size_t)((f->y1 - f->y + 0.01) / lh);
        size_t left = total - placed;
        size_t take = left;
        if (room < left) {
            take = room;
            if (take == 1 && start) take = 0; /* no orphan: one line alone at the foot */
            if (left - take == 1 && end) take = take >= 3 ? take - 1 : 0; /* no widow on top */
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
                if (bg_para_set(f->tc, &m, 1, marker_style, 1e6, &mp) != 0) return -1;
                if (mp.line_count) {
                    double w = mp.lines[0].width;
                    if (bg_flow_draw_line(f, &mp.lines[0], x - w - size * 0.5, f->y, lh, size) != 0)
                        return -1;
                }
            }
            f->y += lh;
        }
        placed += take;
        if (placed < total && bg_flow_new_page(f) != 0) return -1;
    }
    return 0;
}

int bg_flow_place_para(bg_flow *f, const bg_set_para *para, double x, double size,
                       const char *marker, const bg_para_style *marker_style, int *first_page,
                       double *first_y)
{
    return place_lines(f, para, x, size, marker, marker_style, first_page, first_y, true, true);
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

/* A code block: monospace lines, not justified, wrapped, on a shaded box
 * (one a page). Source lines are independent paragraphs between hard
 * breaks, so a long block is set some 32 KiB of source lines at a time
 * (the same lines as all at once) and placed as they come. */
typedef struct code_place {
    double x, width, pad, lh, size;
    size_t box;  /* the open box on the current page, */
    size_t rows; /* and how many lines it holds */
    size_t room; /* how many it can hold */
    bool open, full;
} code_place;

/* Closes the open box: its height, and the frame below it. */
static void code_close(bg_flow *f, code_place *cp)
{
    if (!cp->open) return;
    f->pages->pages[f->page].boxes[cp->box].h = cp->rows * cp->lh + 2 * cp->pad;
    f->y += cp->rows * cp->lh + 2 * cp->pad;
    cp->open = false;
}

static int code_line(bg_flow *f, code_place *cp, const bg_set_line *line)
{
    if (cp->full) {
        if (bg_flow_new_page(f) != 0) return -1;
        cp->full = false;
    }
    if (!cp->open) {
        if (bg_flow_need(f, 2 * cp->lh + 2 * cp->pad) != 0) return -1;
        size_t room = (size_t)((f->y1 - f->y - 2 * cp->pad) / cp->lh);
        bg_box box = {cp->x, f->y, cp->width, 2 * cp->pad, f->color.shade, 0, 0, true};
        bg_page *page = &f->pages->pages[f->page];
        if (bg_page_add_box(page, &box) != 0) return -1;
        cp->box = page->box_count - 1;
        cp->rows = 0;
        cp->room = room ? room : 1;
        cp->open = true;
    }
    if (bg_flow_draw_line(f, line, cp->x + cp->pad, f->y + cp->pad + cp->rows * cp->lh, cp->lh,
                          cp->size) != 0)
        return -1;
    if (++cp->rows == cp->room) {
        code_close(f, cp);
        cp->full = true; /* a new page before the next line, if any */
    }
    return 0;
}

static int flow_code(bg_flow *f, const bg_block *b, double x)
{
    enum { CHUNK = 32 * 1024 };
    const char *code = b->code ? b->code : "";
    size_t len = strlen(code);
    while (len > 0 && code[len - 1] == '\n')
        len--;
    bg_para_style st = f->mono;
    code_place cp = {x, f->x1 - x, 6, st.size * st.leading, st.size, 0, 0, 0, false, false};
    bg_inline *runs = NULL;
    size_t cap = 0;
    bg_flow_space(f, f->body.size * 0.3);
    for (size_t from = 0; from <= len;) {
        /* the source lines from FROM, about CHUNK bytes of them, each a
         * paragraph with hard breaks between */
        size_t n = 0, start = from, i = from;
        for (; i <= len; i++) {
            if (i < len && code[i] != '\n') continue;
            bg_inline *grown = bg_grow(runs, n + 1, &cap, sizeof *grown, 16);
            if (!grown) {
                free(runs);
                return -1;
            }
            runs = grown;
            if (n) runs[n++] = (bg_inline){"", 0, BG_IN_BREAK, NULL, 0};
            runs[n++] = (bg_inline){code + start, i - start, 0, NULL, 0};
            start = i + 1;
            if (i - from >= CHUNK) break;
        }
        from = i + 1;
        bg_set_para para;
        int status = bg_para_set(f->tc, runs, n, &st, cp.width - 2 * cp.pad, &para);
        for (size_t l = 0; l < para.line_count && status == 0; l++)
            status = code_line(f, &cp, &para.lines[l]);
        bg_para_release(f->tc); /* these lines are on their pages */
        if (status != 0) {
            free(runs);
            return -1;
        }
    }
    free(runs);
    code_close(f, &cp);
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
    /* a level's indent holds the widest list label and a gap (a label of
     * three digits would otherwise hang into the margin) */
    double step = f->body.size * 1.6;
    for (size_t i = 0; i < count; i++)
        if (blocks[i].marker && blocks[i].marker[1]) {
            double w = bg_text_width(f->tc, blocks[i].marker, &f->body) + f->body.size * 0.5;
            if (w > step) step = w;
        }
    for (size_t i = 0; i < count; i++) {
        const bg_block *b = &blocks[i];
        double x = f->x0 + indent + b->indent * step + b->quote * step * 0.8;
        /* deep nesting indents no further than two thirds of the measure:
         * a column narrower than a word sets a character a line, a page
         * for every few dozen characters */
        double most = f->x0 + (f->x1 - f->x0) * 2 / 3;
        if (x > most) x = most;
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
            /* set and placed a window at a time: a paragraph of any length
             * holds the lines of one window at most */
            bg_para_stream *ps = bg_para_open(f->tc, runs, n, &st, width);
            if (!ps) return -1;
            bool start = true, more = true;
            while (more) {
                bg_set_para para;
                int status = bg_para_next(ps, &para, &more);
                if (status == 0 && start && b->kind == BG_BLK_HEADING) {
                    bg_flow_space(f, st.size * 0.5);
                    status = bg_flow_need(f, para.line_height * (para.line_count + 2));
                }
                if (status == 0)
                    status = place_lines(f, &para, x, st.size, b->marker, &f->body,
                                         start ? &first_page : NULL, start ? &first_y : NULL, start,
                                         !more);
                if (status != 0) {
                    bg_para_close(ps);
                    return -1;
                }
                if (more) bg_para_release(f->tc); /* these lines are on their pages */
                start = false;
            }
            bg_para_close(ps);
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
