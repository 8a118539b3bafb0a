/* flow.c - the page engine (flow.h): pages as growable lists of drawing
 * items (text runs packed, layout.h), paragraphs placed line by line with
 * no orphan or widow, a window of lines at a time, headings kept with two
 * lines of what follows, Markdown blocks (lists, quotes, code, rules,
 * images) at their indents. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "layout/flow.h"

/* Lists nested deeper than this are tagged as at this depth (markdown.c
 * draws no deeper than 32 either). */
#define MAX_TAG_DEPTH 32

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
 * size, face, colour and faked styles (with the letter-spacing: a third
 * bit in the fake bold byte says its double follows) differ from the run before and
 * whether pieces follow, those fields and the structure element, x and width, the text's length and
 * the text, then the pieces' bytes' length and the pieces. Numbers are
 * copied bytes (doubles exactly as laid out), lengths LEB128 varints; a
 * piece is its length in bytes times two, plus one for a run of spaces
 * (glue, each space kerned alone). Kerning is not kept: it is shaped
 * again, mostly from the width cache, when the page is drawn. */
enum {
    RUN_Y = 1,
    RUN_SIZE = 2,
    RUN_FACE = 4,
    RUN_COLOR = 8,
    RUN_FAKE = 16,
    RUN_PIECES = 32,
    RUN_ELEM = 64,   /* the structure element differs: 4 bytes */
    RUN_JOINED = 128 /* the run continues the word before it */
};

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
    bool pieces = x->pieces && !one_piece(x->pieces, x->pieces_len, x->len);
    unsigned flags = (x->y != last->y ? RUN_Y : 0) | (x->size != last->size ? RUN_SIZE : 0) |
                     (x->face != last->face ? RUN_FACE : 0) |
                     (x->color != last->color ? RUN_COLOR : 0) |
                     (x->fake_bold != last->fake_bold || x->fake_italic != last->fake_italic ||
                              x->track != last->track
                          ? RUN_FAKE
                          : 0) |
                     (pieces ? RUN_PIECES : 0) | (x->elem != last->elem ? RUN_ELEM : 0) |
                     (x->joined ? RUN_JOINED : 0);
    if (runs_reserve(p, 1 + 8 * 4 + 4 + 4 + 4 + 2 + 8 + 10 + x->len + 10 + x->pieces_len) != 0)
        return -1;
    p->runs[p->runs_len++] = (uint8_t)flags;
    if (flags & RUN_Y) put_bytes(p, &x->y, sizeof x->y);
    if (flags & RUN_SIZE) put_bytes(p, &x->size, sizeof x->size);
    if (flags & RUN_FACE) {
        int32_t face = x->face;
        put_bytes(p, &face, sizeof face);
    }
    if (flags & RUN_COLOR) put_bytes(p, &x->color, sizeof x->color);
    if (flags & RUN_FAKE) {
        p->runs[p->runs_len++] = (uint8_t)(x->fake_bold | (x->track != 0 ? 4 : 0));
        p->runs[p->runs_len++] = x->fake_italic;
        if (x->track != 0) put_bytes(p, &x->track, sizeof x->track);
    }
    if (flags & RUN_ELEM) {
        int32_t elem = x->elem;
        put_bytes(p, &elem, sizeof elem);
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
        uint8_t bold = d[(*pos)++];
        run->fake_bold = bold & 3;
        run->fake_italic = d[(*pos)++];
        run->track = 0;
        if (bold & 4) GET(run->track);
    }
    if (flags & RUN_ELEM) {
        int32_t elem;
        GET(elem);
        run->elem = elem;
    }
    run->joined = (flags & RUN_JOINED) != 0;
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
            ch += bg_utf8_count(run->text + at, len);
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

int bg_pages_add_elem(bg_pages *pages, bg_struct_type type, int parent)
{
    if (pages->elem_count >= INT32_MAX) return -1;
    bg_struct_elem *grown =
        bg_grow(pages->elems, pages->elem_count, &pages->elem_cap, sizeof *grown, 64);
    if (!grown) return -1;
    pages->elems = grown;
    pages->elems[pages->elem_count] = (bg_struct_elem){type, parent, NULL};
    return (int)pages->elem_count++;
}

int bg_flow_enter(bg_flow *f, bg_struct_type type, int *saved)
{
    *saved = f->elem;
    int parent = f->elem >= 0 ? f->elem : 0;
    int elem = bg_pages_add_elem(f->pages, type, f->pages->elem_count ? parent : -1);
    if (elem < 0) return -1;
    f->elem = elem;
    return 0;
}

/* True when elements of TYPE hold other elements, not text. */
static bool grouping(bg_struct_type type)
{
    switch (type) {
    case BG_S_DOCUMENT:
    case BG_S_L:
    case BG_S_LI:
    case BG_S_TABLE:
    case BG_S_THEAD:
    case BG_S_TBODY:
    case BG_S_TR:
    case BG_S_TOC:
    case BG_S_BLOCKQUOTE:
        return true;
    default:
        return false;
    }
}

bool bg_flow_in_group(const bg_flow *f)
{
    return f->elem >= 0 && (size_t)f->elem < f->pages->elem_count &&
           grouping(f->pages->elems[f->elem].type);
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
    free(pages->elems);
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
            set[' ' >> 3] |= 1u << (' ' & 7); /* (the PDF writes spaces between words) */
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
        for (uint32_t b = 0; b < PLANE / 8; b++)
            for (unsigned bits = set[b]; bits; bits &= bits - 1)
                n++;
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
        for (uint32_t b = 0; b < PLANE / 8; b++) /* (a byte at a time: most are empty) */
            for (uint32_t bit = 0; set[b] >> bit; bit++)
                if ((set[b] >> bit) & 1) chars->cps[chars->count++] = b * 8 + bit;
        for (size_t i = next; i < end; i++)
            if (i == next || astral[i].cp != astral[i - 1].cp)
                chars->cps[chars->count++] = astral[i].cp;
        next = end;
    }
    free(astral);
    free(seen);
    return status;
}

/* Page make-up. A page is filled as the flow goes (a line is drawn
 * where it stands), so keeps and filling act on a page's items once they
 * are there: what keeps with the next thing moves to the new page, and
 * the page left has its spaces stretched so that its last line stands at
 * the frame's foot (vertical justification, as TeX's \flushbottom with
 * stretchable \parskip: Knuth, The TeXbook, ch. 15). */

static void *arena_grow(bg_flow *f, void *arr, size_t count, size_t *cap, size_t size)
{
    if (count < *cap) return arr;
    size_t more = *cap ? *cap * 2 : 16;
    void *grown = bg_arena_alloc(f->arena, more * size);
    if (!grown) return NULL;
    if (count) memcpy(grown, arr, count * size);
    *cap = more;
    return grown;
}

int bg_flow_glue_add(bg_flow *f, double y, double h, double stretch)
{
    if (f->page < 0 || (stretch <= 0 && h <= 0)) return 0;
    bg_flow_glue *g = arena_grow(f, f->glue, f->glue_count, &f->glue_cap, sizeof *g);
    if (!g) return -1;
    f->glue = g;
    bool held = f->keep.set && f->keep.page == f->page;
    f->glue[f->glue_count++] = (bg_flow_glue){y, h, stretch, h / 3, held, h};
    return 0;
}

int bg_flow_anchor_add(bg_flow *f, int *page, double *y)
{
    bool before = f->prev.set && page && *page == f->prev.page && *page != f->page;
    bg_flow_anchor **list = before ? &f->prev.anchors : &f->anchors;
    size_t *count = before ? &f->prev.anchor_count : &f->anchor_count;
    size_t *cap = before ? &f->prev.anchor_cap : &f->anchor_cap;
    for (size_t i = 0; i < *count; i++)
        if ((*list)[i].page == page && (*list)[i].y == y) return 0; /* (moved once) */
    bg_flow_anchor *a = arena_grow(f, *list, *count, cap, sizeof *a);
    if (!a) return -1;
    *list = a;
    a[(*count)++] = (bg_flow_anchor){page, y};
    return 0;
}

void bg_flow_mark_here(bg_flow *f, bg_flow_mark *m)
{
    memset(m, 0, sizeof *m);
    if (f->page < 0) return;
    const bg_page *p = &f->pages->pages[f->page];
    m->set = true;
    m->page = f->page;
    m->runs_len = p->runs_len;
    m->run_count = p->run_count;
    m->last = p->last;
    m->boxes = p->box_count;
    m->rules = p->rule_count;
    m->links = p->link_count;
    m->images = p->image_count;
    m->outline = f->pages->outline_count;
    m->glues = f->glue_count;
    m->anchors = f->anchor_count;
    m->bottom = m->top = f->y;
}

void bg_flow_keep_from(bg_flow *f, bg_flow_mark *m)
{
    if (f->keep.set && f->keep.page == f->page) {
        *m = f->keep;
        m->chained = true;
        return;
    }
    bg_flow_mark_here(f, m);
}

void bg_flow_keep_top(bg_flow *f, bg_flow_mark *m)
{
    if (m->page != f->page || !m->set) {
        bg_flow_mark_here(f, m); /* a new page came between */
    } else if (!m->chained) {
        m->top = f->y;
    } else if (f->keep.set && f->keep.page == f->page) {
        *m = f->keep; /* as the spaces above may have closed up */
        m->chained = true;
    }
}

void bg_flow_keep(bg_flow *f, const bg_flow_mark *m)
{
    f->keep = *m;
    /* kept at the top of a page already: moving it gains nothing */
    if (m->top <= f->y0 + 0.01 || m->page != f->page) f->keep.set = false;
}

/* How far content at Y moves: CUM[k] where the first K glues of G[0..N)
 * are above Y (CUM[0] = 0, CUM[i + 1] = CUM[i] + how far glue i moves). */
static double shift_at(const bg_flow_glue *g, size_t n, const double *cum, double y)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g[mid].y < y - 0.01)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cum[lo];
}

/* Gives PAGE the runs written anew into MOVED (its old ones freed). */
static void page_replace_runs(bg_page *page, const bg_page *moved)
{
    free(page->runs);
    page->runs = moved->runs;
    page->runs_len = moved->runs_len;
    page->runs_cap = moved->runs_cap;
    page->run_count = moved->run_count;
    page->last = moved->last;
}

/* Moves the items of PAGE and the headings' anchors A[0..NA) on it by
 * what the glues G[0..N) above them move, CUM (see shift_at). */
static int move_items(bg_flow *f, int page, const bg_flow_glue *g, size_t n, const double *cum,
                      const bg_flow_anchor *a, size_t na)
{
    bg_page *p = &f->pages->pages[page];
    /* the runs again, each moved: their y is packed, so the page's runs
     * are written anew */
    bg_page moved;
    memset(&moved, 0, sizeof moved);
    bg_run r;
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(p, &pos, &r);) {
        bg_run copy = r;
        copy.y += shift_at(g, n, cum, r.y);
        if (bg_page_add_run(&moved, &copy) != 0) {
            free(moved.runs);
            return -1;
        }
    }
    page_replace_runs(p, &moved);
    /* a rule's ends on their own: a row's rule at a glue stays above it */
    for (size_t i = 0; i < p->box_count; i++)
        p->boxes[i].y += shift_at(g, n, cum, p->boxes[i].y + 0.02);
    for (size_t i = 0; i < p->rule_count; i++) {
        p->rules[i].y1 += shift_at(g, n, cum, p->rules[i].y1);
        p->rules[i].y2 += shift_at(g, n, cum, p->rules[i].y2);
    }
    for (size_t i = 0; i < p->link_count; i++)
        p->links[i].y += shift_at(g, n, cum, p->links[i].y);
    for (size_t i = 0; i < p->image_count; i++)
        p->images[i].y += shift_at(g, n, cum, p->images[i].y + 0.02);
    /* the outline is in page order: this page's items are at its end (or
     * just before the next page's), found from there in the time they take */
    for (size_t i = f->pages->outline_count; i-- > 0;) {
        bg_outline_item *o = &f->pages->outline[i];
        if (o->page < page) break;
        if (o->page == page) o->y += shift_at(g, n, cum, o->y + 0.02);
    }
    for (size_t i = 0; i < na; i++)
        if (a[i].page && *a[i].page == page && a[i].y)
            *a[i].y += shift_at(g, n, cum, *a[i].y + 0.02);
    return 0;
}

/* Records PAGE, just filled, as the page before the next one: its N
 * glues G as they now stand (CUM and RATIO as fill_page moved them), what
 * each may close up, BOTTOM where its content ends, GAP the space that
 * followed it, and its anchors A[0..NA). */
static int record_prev(bg_flow *f, int page, const bg_flow_glue *g, size_t n, const double *cum,
                       double ratio, double bottom, double gap, const bg_flow_anchor *a, size_t na)
{
    f->prev.set = false;
    f->prev.glue_count = f->prev.anchor_count = 0;
    for (size_t i = 0; i < n; i++) {
        bg_flow_filled *pg =
            arena_grow(f, f->prev.glue, i, &f->prev.glue_cap, sizeof *f->prev.glue);
        if (!pg) return -1;
        f->prev.glue = pg;
        double more = g[i].stretch * ratio;
        pg[i] = (bg_flow_filled){.y = g[i].y + cum[i],
                                 .h = g[i].h + more,
                                 .stretch = g[i].stretch,
                                 .more = more,
                                 .held = g[i].held,
                                 .nat = g[i].nat};
    }
    for (size_t i = 0; i < na; i++) {
        bg_flow_anchor *pa =
            arena_grow(f, f->prev.anchors, i, &f->prev.anchor_cap, sizeof *f->prev.anchors);
        if (!pa) return -1;
        f->prev.anchors = pa;
        pa[i] = a[i];
    }
    f->prev.glue_count = n;
    f->prev.anchor_count = na;
    f->prev.page = page;
    f->prev.bottom = bottom;
    f->prev.gap = gap;
    f->prev.set = true;
    return 0;
}

/* Stretches the N glues of PAGE, whose content ends at BOTTOM, so that it
 * ends at the frame's foot (or as near as they allow), moving the items
 * below each and the headings' anchors A[0..NA). Glue at the foot moves
 * nothing and is left out. The page is then recorded (record_prev). */
static int fill_page(bg_flow *f, int page, double bottom, const bg_flow_glue *g, size_t n,
                     const bg_flow_anchor *a, size_t na)
{
    /* space at the foot of the page ends nothing: the content ends above */
    double end = bottom;
    while (n > 0 && g[n - 1].y + g[n - 1].h >= bottom - 1) {
        if (g[n - 1].y < bottom) bottom = g[n - 1].y;
        n--;
    }
    double room = f->y1 - bottom, capacity = 0;
    for (size_t i = 0; i < n; i++)
        capacity += g[i].stretch;
    /* each space stretches up to STRETCH; on a page that would still
     * end short, up to twice that (a page with few spaces and a large
     * keep after it: the reader sees a looser page, not a gap) */
    double ratio = room > 0.01 && capacity > 0 ? room / capacity : 0;
    if (ratio > 2) ratio = 2;
    double *cum = malloc((n + 1) * sizeof *cum);
    if (!cum) return -1;
    cum[0] = 0;
    for (size_t i = 0; i < n; i++)
        cum[i + 1] = cum[i] + g[i].stretch * ratio;
    int status = ratio > 0 ? move_items(f, page, g, n, cum, a, na) : 0;
    if (status == 0)
        status = record_prev(f, page, g, n, cum, ratio, bottom + cum[n], end - bottom, a, na);
    free(cum);
    return status;
}

/* Lets H more points fit on the current page by shrinking its glues
 * (TeX's shrinkable \parskip): true when they could, and did. */
static bool squeeze(bg_flow *f, double h)
{
    double over = f->y + h - f->y1, capacity = 0;
    if (f->page < 0 || over <= 0.01) return over <= 0.01;
    size_t n = f->glue_count;
    bg_flow_glue *g = f->glue;
    for (size_t i = 0; i < n; i++)
        capacity += g[i].shrink;
    if (capacity < over) return false;
    double *cum = malloc((n + 1) * sizeof *cum);
    if (!cum) return false;
    double ratio = over / capacity;
    cum[0] = 0;
    for (size_t i = 0; i < n; i++)
        cum[i + 1] = cum[i] - g[i].shrink * ratio;
    bool ok = move_items(f, f->page, g, n, cum, f->anchors, f->anchor_count) == 0;
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            g[i].y += cum[i];
            g[i].h -= g[i].shrink * ratio;
            g[i].shrink -= g[i].shrink * ratio;
        }
        f->y += cum[n];
        if (f->keep.set && f->keep.page == f->page) {
            /* (the glues below a mark's top are its own) */
            f->keep.bottom += cum[f->keep.glues];
            f->keep.top += cum[f->keep.glues];
        }
    } else {
        f->failed = true;
    }
    free(cum);
    return ok;
}

static int page_append(bg_flow *f)
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

/* Moves what was placed since F->keep on page FROM to page TO, its top at
 * TOP there. */
static int carry(bg_flow *f, int from, int to, double top)
{
    const bg_flow_mark *m = &f->keep;
    bg_page *old = &f->pages->pages[from], *np = &f->pages->pages[to];
    double dy = top - m->top;
    bg_run r = m->last;
    r.text = NULL;
    r.pieces = NULL;
    for (size_t pos = m->runs_len; bg_page_next_run(old, &pos, &r);) {
        bg_run copy = r;
        copy.y += dy;
        if (bg_page_add_run(np, &copy) != 0) return -1;
    }
    old->runs_len = m->runs_len;
    old->run_count = m->run_count;
    old->last = m->last;
    for (size_t i = m->boxes; i < old->box_count; i++) {
        bg_box b = old->boxes[i];
        b.y += dy;
        if (bg_page_add_box(np, &b) != 0) return -1;
    }
    old->box_count = m->boxes;
    /* a bar drawn down from above what goes (a quote's, beside a quote
     * that keeps with its attribution) is cut there: its upper part stays */
    size_t stay = m->rules;
    for (size_t i = m->rules; i < old->rule_count; i++) {
        bg_rule x = old->rules[i];
        bool bar = fabs(x.x1 - x.x2) < 0.01 && x.y1 < x.y2;
        if (bar && x.y1 < m->top - 0.01) {
            bg_rule up = x;
            up.y2 = fmin(x.y2, m->top);
            old->rules[stay++] = up; /* (STAY <= I: read already) */
            if (x.y2 <= m->top + 0.01) continue;
            x.y1 = m->top;
        }
        x.y1 += dy;
        x.y2 += dy;
        if (bg_page_add_rule(np, &x) != 0) return -1;
    }
    old->rule_count = stay;
    for (size_t i = m->links; i < old->link_count; i++) {
        bg_link x = old->links[i];
        x.y += dy;
        if (bg_page_add_link(np, &x) != 0) return -1;
    }
    old->link_count = m->links;
    for (size_t i = m->images; i < old->image_count; i++) {
        bg_image x = old->images[i];
        x.y += dy;
        if (bg_page_add_image(np, &x) != 0) return -1;
    }
    old->image_count = m->images;
    for (size_t i = m->outline; i < f->pages->outline_count; i++) {
        bg_outline_item *o = &f->pages->outline[i];
        if (o->page != from) continue;
        o->page = to;
        o->y += dy;
    }
    for (size_t i = m->anchors; i < f->anchor_count; i++) {
        const bg_flow_anchor *a = &f->anchors[i];
        if (!a->page || *a->page != from) continue;
        *a->page = to;
        if (a->y) *a->y += dy;
    }
    f->y += dy;
    return 0;
}

/* Ends the current page (filled when FILL) and starts the next; what keeps
 * with the next thing goes with it, below RESERVE points left free at the
 * top (a table's header row). */
static int turn_page(bg_flow *f, bool fill, double reserve)
{
    if (f->failed) return -1;
    if (f->page < 0) return page_append(f);
    int from = f->page;
    double y = f->y;
    bg_flow_mark keep = f->keep;
    bool carried = fill && keep.set && keep.page == from;
    f->keep.set = false;
    if (page_append(f) != 0) return -1;
    f->continued = false;
    double bottom = y;
    size_t glues = f->glue_count, anchors = f->anchor_count;
    if (carried) {
        f->y = y; /* where the carried content ends, on the page left */
        f->page = from;
        f->keep = keep;
        int status = carry(f, from, from + 1, f->y0 + reserve);
        f->keep.set = false;
        f->page = from + 1;
        if (status != 0) return -1;
        /* the page left ends above what went over (the space before it
         * is glue at its foot, left out when it is filled) */
        bottom = keep.top;
        glues = keep.glues;
        while (glues < f->glue_count && f->glue[glues].y < keep.top - 0.01)
            glues++;
        anchors = keep.anchors;
    } else {
        f->y = f->y0 + reserve;
    }
    f->prev.set = false;
    if (fill && fill_page(f, from, bottom, f->glue, glues, f->anchors, anchors) != 0) return -1;
    /* what moved keeps its glue and anchors, now on the new page */
    double dy = carried ? f->y0 + reserve - keep.top : 0;
    size_t k = 0;
    for (size_t i = glues; carried && i < f->glue_count; i++) {
        f->glue[k] = f->glue[i];
        f->glue[k++].y += dy;
    }
    f->glue_count = k;
    k = 0;
    for (size_t i = anchors; carried && i < f->anchor_count; i++)
        f->anchors[k++] = f->anchors[i];
    f->anchor_count = k;
    return 0;
}

int bg_flow_new_page(bg_flow *f)
{
    return turn_page(f, true, 0);
}

int bg_flow_turn(bg_flow *f, double reserve)
{
    return turn_page(f, true, reserve);
}

/* The baselines of PAGE's lowest three lines, highest first (0 where
 * there are fewer); true when it has more lines than those. */
static bool last_lines(const bg_page *p, double *y)
{
    y[0] = y[1] = y[2] = 0;
    bool more = false;
    bg_run r;
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(p, &pos, &r);) {
        if (r.y <= y[0] + 0.01 || fabs(r.y - y[1]) < 0.01 || fabs(r.y - y[2]) < 0.01) {
            more = more || (y[0] != 0 && r.y < y[0] - 0.01); /* (a line above the three) */
            continue;
        }
        more = more || y[0] != 0; /* (the highest of the three goes) */
        if (r.y > y[2]) {
            y[0] = y[1];
            y[1] = y[2];
            y[2] = r.y;
        } else if (r.y > y[1]) {
            y[0] = y[1];
            y[1] = r.y;
        } else {
            y[0] = r.y;
        }
    }
    return more;
}

/* True when the line of PAGE at baseline Y ends in a hyphen. */
static bool hyphen_at(const bg_page *p, double y)
{
    bg_run r, last;
    memset(&r, 0, sizeof r);
    memset(&last, 0, sizeof last);
    for (size_t pos = 0; bg_page_next_run(p, &pos, &r);)
        if (fabs(r.y - y) < 0.01 && (!last.text || r.x >= last.x)) last = r;
    size_t n = last.len;
    while (n > 0 && last.text[n - 1] == ' ')
        n--;
    return n > 0 &&
           (last.text[n - 1] == '-' || (n >= 3 && !memcmp(last.text + n - 3, "\u2010", 3)));
}

/* Where the content of the current page ends: its last line, not the
 * space after it. */
static double content_end(const bg_flow *f)
{
    double end = f->y;
    for (size_t i = f->glue_count; i-- > 0 && f->glue[i].y + f->glue[i].h >= end - 1;)
        if (f->glue[i].y < end) end = f->glue[i].y;
    return end;
}

/* The glues of the page before (F->prev) as move_items takes them, each
 * moving by DELTA[i] (CUM made from them): a new array, or NULL. */
static bg_flow_glue *prev_glues(const bg_flow *f, size_t n, const double *delta, double *cum)
{
    bg_flow_glue *g = calloc(n ? n : 1, sizeof *g);
    if (!g) return NULL;
    cum[0] = 0;
    for (size_t i = 0; i < n; i++) {
        g[i] = (bg_flow_glue){.y = f->prev.glue[i].y};
        cum[i + 1] = cum[i] + delta[i];
    }
    return g;
}

/* Moves the page before's glues [0, N) by DELTA[i] each (bg_flow_filled
 * updated), with the items below them. */
static int move_prev(bg_flow *f, size_t n, const double *delta)
{
    double *cum = malloc((n + 1) * sizeof *cum);
    bg_flow_glue *g = cum ? prev_glues(f, n, delta, cum) : NULL;
    int status = -1;
    if (g) status = move_items(f, f->prev.page, g, n, cum, f->prev.anchors, f->prev.anchor_count);
    for (size_t i = 0; status == 0 && i < n; i++) {
        bg_flow_filled *pg = &f->prev.glue[i];
        pg->y += cum[i];
        pg->h += delta[i];
        pg->more += delta[i];
    }
    free(g);
    free(cum);
    return status;
}

/* What move_tail moves: the items of page FROM at or below CUT go to the
 * top of page TO, DY higher, less what the N glues G inside them had
 * gained when their page was filled (CUM, as shift_at takes it: each
 * item closes up by what the glues above it gave back); what TO held
 * moves DOWN. */
typedef struct tail_move {
    int from, to;
    double cut, dy, down;
    const bg_flow_glue *g;
    size_t n;
    const double *cum;
} tail_move;

static double tail_y(const tail_move *t, double y)
{
    return y + t->dy + shift_at(t->g, t->n, t->cum, y);
}

/* Moves the items as T says, the moved ones first in reading order. */
static int move_tail(bg_flow *f, const tail_move *t)
{
    bg_page *src = &f->pages->pages[t->from], *dst = &f->pages->pages[t->to];
    bg_page keep, moved;
    memset(&keep, 0, sizeof keep);
    memset(&moved, 0, sizeof moved);
    bg_run r;
    memset(&r, 0, sizeof r);
    int status = 0;
    for (size_t pos = 0; status == 0 && bg_page_next_run(src, &pos, &r);) {
        bg_run copy = r;
        if (r.y >= t->cut) copy.y = tail_y(t, r.y);
        status = bg_page_add_run(r.y >= t->cut ? &moved : &keep, &copy);
    }
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; status == 0 && bg_page_next_run(dst, &pos, &r);) {
        bg_run copy = r;
        copy.y += t->down;
        status = bg_page_add_run(&moved, &copy);
    }
    if (status != 0) {
        free(keep.runs);
        free(moved.runs);
        return -1;
    }
    page_replace_runs(src, &keep);
    page_replace_runs(dst, &moved);
    /* links: the moved ones first, as the runs */
    size_t kept = 0, first = dst->link_count;
    for (size_t i = 0; i < dst->link_count; i++)
        dst->links[i].y += t->down;
    for (size_t i = 0; i < src->link_count; i++) {
        bg_link l = src->links[i];
        if (l.y + l.h / 2 >= t->cut) {
            l.y = tail_y(t, l.y + l.h / 2) - l.h / 2;
            if (bg_page_add_link(dst, &l) != 0) return -1;
        } else {
            src->links[kept++] = l;
        }
    }
    src->link_count = kept;
    if (dst->link_count > first) {
        size_t moved_n = dst->link_count - first;
        bg_link *tmp = malloc(moved_n * sizeof *tmp);
        if (!tmp) return -1;
        memcpy(tmp, dst->links + first, moved_n * sizeof *tmp);
        memmove(dst->links + moved_n, dst->links, first * sizeof *tmp);
        memcpy(dst->links, tmp, moved_n * sizeof *tmp);
        free(tmp);
    }
    for (size_t i = 0; i < f->pages->outline_count; i++) {
        bg_outline_item *o = &f->pages->outline[i];
        if (o->page == t->to) o->y += t->down;
        if (o->page == t->from && o->y + 0.02 >= t->cut) {
            o->page = t->to;
            o->y = tail_y(t, o->y + 0.02) - 0.02;
        }
    }
    for (size_t i = 0; i < f->anchor_count; i++) {
        const bg_flow_anchor *a = &f->anchors[i];
        if (a->page && *a->page == t->to && a->y) *a->y += t->down;
    }
    for (size_t i = 0; i < f->prev.anchor_count; i++) {
        const bg_flow_anchor *a = &f->prev.anchors[i];
        if (!a->page || *a->page != t->from || !a->y || *a->y + 0.02 < t->cut) continue;
        *a->page = t->to;
        *a->y = tail_y(t, *a->y + 0.02) - 0.02;
    }
    return 0;
}

/* bg_flow_end_part's first choice, when the part's last page holds less
 * than four lines: whole blocks at the foot of the page before (what
 * follows a space that no keep holds) move over to it, as few as bring it
 * to four lines or as many as the page before can give, and the page
 * before is filled again (the balance of a table's last page, for
 * running text). Spaces that touch count as one: the page before ends
 * above the first, what moves starts below the last. 1 when it did, 0
 * when it cannot, -1 when out of memory. */
static int balance_last(bg_flow *f)
{
    if (f->page < 1 || !f->prev.set || f->prev.page != f->page - 1) return 0;
    const bg_page *cur = &f->pages->pages[f->page], *prev = &f->pages->pages[f->page - 1];
    if (cur->box_count || cur->rule_count || cur->image_count || !cur->run_count) return 0;
    /* HERE: the page's height; TEXT: its lines' (the spaces left out) */
    double lh = f->body.size * f->body.leading, here = content_end(f) - f->y0, text = here;
    for (size_t i = 0; i < f->glue_count; i++)
        if (f->glue[i].y < here + f->y0 - 0.01) text -= f->glue[i].h;
    if (text >= 4 * lh - 0.5) return 0;
    size_t n = f->prev.glue_count;
    const bg_flow_filled *g = f->prev.glue;
    /* nothing below a cut may be a table, a box or an image */
    double lowest = f->y0;
    for (size_t i = 0; i < prev->box_count; i++)
        lowest = fmax(lowest, prev->boxes[i].y + prev->boxes[i].h);
    for (size_t i = 0; i < prev->rule_count; i++)
        lowest = fmax(lowest, fmax(prev->rules[i].y1, prev->rules[i].y2));
    for (size_t i = 0; i < prev->image_count; i++)
        lowest = fmax(lowest, prev->images[i].y + prev->images[i].h);
    /* STRETCH[i], MORE[i]: of the glues above glue i; GAVE[i]: what the
     * glues from i on gained since they were placed (filled, or less
     * closed up) */
    double *sums = malloc((4 * n + 4) * sizeof *sums);
    if (!sums) return -1;
    double *stretch = sums, *more = sums + n + 1, *gave = sums + 2 * n + 2;
    double *nat = sums + 3 * n + 3; /* NAT[i]: the glues' from i on, as placed */
    stretch[0] = more[0] = gave[n] = nat[n] = 0;
    for (size_t i = 0; i < n; i++) {
        stretch[i + 1] = stretch[i] + g[i].stretch;
        more[i + 1] = more[i] + g[i].more;
    }
    for (size_t i = n; i-- > 0;) {
        gave[i] = gave[i + 1] + g[i].h - g[i].nat;
        nat[i] = nat[i + 1] + g[i].nat;
    }
    size_t top = n, bottom = n; /* the run of glues cut at */
    for (size_t k = n; k-- > 1;) {
        size_t a = k; /* the run of touching glues that ends at K */
        bool held = g[k].held;
        while (a > 0 && g[a - 1].y + g[a - 1].h >= g[a].y - 0.01) {
            a--;
            held = held || g[a].held;
        }
        double cut = g[k].y + g[k].h;
        double moved = f->prev.bottom - cut - gave[k + 1];
        if (a == 0) break;
        if (held || moved <= 0.5 || cut < lowest) {
            k = a;
            continue;
        }
        /* the page before, ending at the run's top, must fill to its foot
         * with its spaces stretched no more than twice (fill_page), or,
         * stretched so, end short of it by two lines at most: a page a
         * little short before a part's last is better than a last page of
         * a line or three (TeX's \raggedbottom at a part's end) */
        double need = f->y1 - g[a].y + more[a];
        if (stretch[a] <= 0 || need > 2 * stretch[a] + 2 * lh + 0.01) break;
        if (moved + f->prev.gap + here > f->y1 - f->y0) break;
        top = a;
        bottom = k;
        if (moved - nat[k + 1] + text >= 4 * lh - 0.5) break;
        k = a;
    }
    int status = 1;
    if (top == n) {
        status = 0;
    } else {
        /* what moves has its own glues as they were placed */
        size_t in = n - bottom - 1;
        bg_flow_glue *ig = calloc(in ? in : 1, sizeof *ig);
        double *icum = malloc((in + 1) * sizeof *icum);
        double *delta = malloc((top ? top : 1) * sizeof *delta);
        if (!ig || !icum || !delta) status = -1;
        double cut = g[bottom].y + g[bottom].h;
        double moved = f->prev.bottom - cut - gave[bottom + 1];
        if (status > 0) {
            icum[0] = 0;
            for (size_t i = 0; i < in; i++) {
                ig[i].y = g[bottom + 1 + i].y;
                icum[i + 1] = icum[i] - (g[bottom + 1 + i].h - g[bottom + 1 + i].nat);
            }
            tail_move t = {f->page - 1,         f->page, cut - 0.01, f->y0 - cut,
                           moved + f->prev.gap, ig,      in,         icum};
            if (move_tail(f, &t) != 0) status = -1;
            f->y += t.down;
        }
        /* the page before is filled anew down to its foot */
        if (status > 0) {
            double ratio = fmin((f->y1 - g[top].y + more[top]) / stretch[top], 2);
            for (size_t i = 0; i < top; i++)
                delta[i] = g[i].stretch * ratio - g[i].more;
            if (move_prev(f, top, delta) != 0) status = -1;
        }
        free(ig);
        free(icum);
        free(delta);
    }
    free(sums);
    f->prev.set = false;
    return status;
}

int bg_flow_end_part(bg_flow *f)
{
    int done = balance_last(f);
    if (done != 0) return done < 0 ? -1 : 0;
    if (f->page < 1 || !f->continued) return 0;
    bg_page *cur = &f->pages->pages[f->page], *prev = &f->pages->pages[f->page - 1];
    if (cur->box_count || cur->rule_count || cur->image_count || !cur->run_count) return 0;
    double lh = f->cont_lh;
    /* a last page of fewer than four lines, the end of a paragraph the
     * page before holds SPLIT_TAKE lines of: M of those come over (as many
     * as bring it to four, two at most: the page before ends that many
     * lines short), the page before keeping two at least, its new last
     * line not in a hyphen */
    double below[3], here[3];
    last_lines(prev, below);
    if (last_lines(cur, here)) return 0; /* (four lines or more) */
    int have = here[0] ? 3 : here[1] ? 2 : 1, m = have == 3 ? 1 : 2;
    double first = here[0] ? here[0] : here[1] ? here[1] : here[2];
    if (f->split_take < (size_t)m + 2 || !below[3 - m - 1]) return 0;
    /* (the lines that come over and the one above them, a line apart) */
    if (fabs(below[2] - below[1] - lh) > 0.05 || (m == 2 && fabs(below[1] - below[0] - lh) > 0.05))
        return 0;
    if (hyphen_at(prev, below[2 - m])) return 0;
    double from = below[3 - m]; /* the first line that comes over */
    /* the current page moves down M lines; the lines come to its top */
    bg_page moved;
    memset(&moved, 0, sizeof moved);
    bg_run r;
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(prev, &pos, &r);) {
        if (r.y < from - 0.01) continue;
        bg_run copy = r;
        copy.y = first + (r.y - from);
        if (bg_page_add_run(&moved, &copy) != 0) {
            free(moved.runs);
            return -1;
        }
    }
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(cur, &pos, &r);) {
        bg_run copy = r;
        copy.y += m * lh;
        if (bg_page_add_run(&moved, &copy) != 0) {
            free(moved.runs);
            return -1;
        }
    }
    page_replace_runs(cur, &moved);
    for (size_t i = 0; i < cur->link_count; i++)
        cur->links[i].y += m * lh;
    /* the page before: its last lines' runs and links go */
    memset(&moved, 0, sizeof moved);
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(prev, &pos, &r);) {
        if (r.y >= from - 0.01) continue;
        if (bg_page_add_run(&moved, &r) != 0) {
            free(moved.runs);
            return -1;
        }
    }
    page_replace_runs(prev, &moved);
    size_t kept = 0;
    for (size_t i = 0; i < prev->link_count; i++) {
        bg_link l = prev->links[i];
        if (l.y + l.h > from) {
            l.y += first - from;
            if (bg_page_add_link(cur, &l) != 0) return -1;
        } else {
            prev->links[kept++] = l;
        }
    }
    prev->link_count = kept;
    f->y += m * lh;
    return 0;
}

int bg_flow_break(bg_flow *f)
{
    f->keep.set = false;
    if (bg_flow_end_part(f) != 0) return -1;
    return turn_page(f, false, 0);
}

int bg_flow_need(bg_flow *f, double h)
{
    if (f->page < 0) return bg_flow_new_page(f);
    if (f->y + h <= f->y1 + 0.01 || f->y <= f->y0 + 0.01 || squeeze(f, h)) return 0;
    return bg_flow_new_page(f);
}

void bg_flow_space(bg_flow *f, double h)
{
    if (f->page >= 0 && f->y > f->y0 + 0.01) {
        f->y += h;
        if (bg_flow_glue_add(f, f->y - h, h, h) != 0) f->failed = true;
    }
}

/* True when FR draws nothing but spaces. */
static bool blank_frag(const bg_frag *fr)
{
    for (size_t i = 0; i < fr->len; i++)
        if (fr->text[i] != ' ') return false;
    return true;
}

int bg_flow_link_elem(bg_flow *f, const char *uri, int anchor)
{
    if (f->elem < 0) return f->elem; /* an artifact stays one */
    if (f->link.elem >= 0 && f->link.parent == f->elem && f->link.uri == uri &&
        f->link.anchor == anchor)
        return f->link.elem;
    int elem = bg_pages_add_elem(f->pages, BG_S_LINK, f->elem);
    if (elem < 0) return -1;
    f->link.elem = elem;
    f->link.parent = f->elem;
    f->link.uri = uri;
    f->link.anchor = anchor;
    return elem;
}

int bg_flow_draw_line(bg_flow *f, const bg_set_line *line, double x, double top, double lh,
                      double size)
{
    bg_page *page = &f->pages->pages[f->page];
    double baseline = top + (lh - size) / 2 + size * 0.8;
    f->keep.set = false; /* what kept with the next thing has it on its page */
    for (size_t i = 0; i < line->frag_count; i++) {
        const bg_frag *fr = &line->frags[i];
        /* a link's words go into its Link element; the hyphen that breaks
         * a word is an artifact, so that the structure tree reads the word
         * whole (ISO 32000-1, 14.8.2.2.3), as pdftotext already joins it */
        bool linked = (fr->uri || fr->anchor) && !fr->incidental;
        int elem = fr->incidental && f->elem >= 0 ? BG_ARTIFACT : f->elem;
        if (linked) {
            elem = bg_flow_link_elem(f, fr->uri, fr->anchor);
            if (elem == -1 && f->elem >= 0) return -1;
        } else if (!blank_frag(fr) && !fr->incidental) {
            f->link.elem = -1; /* (a link goes on past the hyphen that breaks it) */
        }
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
                      fr->pieces_len,
                      elem,
                      fr->joined,
                      fr->track};
        if (bg_page_add_run(page, &run) != 0) return -1;
        if (linked) {
            bg_link link = {x + fr->x, baseline - fr->size * 0.85,
                            fr->width, fr->size * 1.1,
                            fr->uri,   -1,
                            0,         fr->anchor,
                            elem};
            /* the words of one link on one line make one annotation */
            bg_link *last = page->link_count ? &page->links[page->link_count - 1] : NULL;
            if (last && last->uri == fr->uri && last->anchor == fr->anchor && last->y == link.y &&
                last->elem == elem && link.x >= last->x) {
                last->w = link.x + link.w - last->x;
                continue;
            }
            if (bg_page_add_link(page, &link) != 0) return -1;
        }
    }
    return 0;
}

/* True when LINE ends with a hyphen (one it breaks at, or one added). */
static bool ends_in_hyphen(const bg_set_line *line)
{
    for (size_t i = line->frag_count; i-- > 0;) {
        const bg_frag *fr = &line->frags[i];
        size_t n = fr->len;
        while (n > 0 && fr->text[n - 1] == ' ')
            n--;
        if (n == 0) continue;
        const unsigned char *t = (const unsigned char *)fr->text;
        if (t[n - 1] == '-') return true;
        /* U+2010 hyphen, U+00AD soft hyphen */
        if (n >= 3 && t[n - 3] == 0xE2 && t[n - 2] == 0x80 && t[n - 1] == 0x90) return true;
        return n >= 2 && t[n - 2] == 0xC2 && t[n - 1] == 0xAD;
    }
    return false;
}

/* bg_flow_place_para for lines of a paragraph set in windows: START when
 * they begin it (no orphan, the marker), END when they end it (no widow).
 * TAIL, when given and END, marks where its last two lines start (all of
 * it when it has three lines or fewer), for bg_flow_keep. */
static int place_lines(bg_flow *f, const bg_set_para *para, double x, double size,
                       const char *marker, const bg_para_style *marker_style, int *first_page,
                       double *first_y, bool start, bool end, bg_flow_mark *tail, bool *rebreak)
{
    size_t tail_line = 0;
    if (rebreak) *rebreak = false;
    if (tail) {
        tail->set = false;
        size_t n = para->line_count;
        if (n >= 2 && !(start && n <= 3)) tail_line = n - 2;
    }
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
        /* the rest fits if the spaces above close up a little: no break */
        if (room < left && end && squeeze(f, (double)left * lh)) room = left;
        if (room < left) {
            take = room;
            if (take == 1 && start) take = 0; /* no orphan: one line alone at the foot */
            if (left - take == 1 && end) take = take >= 3 ? take - 1 : 0; /* no widow on top */
            /* the last line of a page never ends in a hyphen (as TeX's
             * \brokenpenalty): it goes over, with the orphan rule kept */
            size_t fits = take;
            while (take > 0 && ends_in_hyphen(&para->lines[placed + take - 1]))
                take--;
            if (rebreak && start && placed == 0 && take < fits) {
                *rebreak = true; /* the caller may set it again without hyphens */
                return 0;
            }
            if (take == 1 && start) take = 0;
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
            if (tail && end && l == tail_line) bg_flow_keep_from(f, tail);
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
                    int elem = f->elem;
                    if (f->label >= 0) f->elem = f->label; /* a list item's label */
                    int status = bg_flow_draw_line(
                        f, &mp.lines[0], x - f->marker_back - w - size * 0.5, f->y, lh, size);
                    f->elem = elem;
                    if (status != 0) return -1;
                }
            }
            f->y += lh;
        }
        placed += take;
        if (placed < total) {
            if (bg_flow_new_page(f) != 0) return -1;
            f->continued = true;
            f->split_take = take;
            f->cont_lh = lh;
        }
    }
    return 0;
}

int bg_flow_place_para(bg_flow *f, const bg_set_para *para, double x, double size,
                       const char *marker, const bg_para_style *marker_style, int *first_page,
                       double *first_y)
{
    /* a paragraph placed in a group (the document, a list) is a P; with a
     * marker, a list item of its own */
    int saved = f->elem, label = f->label;
    if (bg_flow_in_group(f)) {
        if (marker) {
            int item;
            if ((f->pages->elems[f->elem].type != BG_S_L && bg_flow_enter(f, BG_S_L, &item) != 0) ||
                bg_flow_enter(f, BG_S_LI, &item) != 0 || bg_flow_enter(f, BG_S_LBL, &item) != 0)
                return -1;
            f->label = f->elem;
            f->elem = item;
            if (bg_flow_enter(f, BG_S_LBODY, &item) != 0) return -1;
        } else if (bg_flow_enter(f, f->pages->elems[f->elem].type == BG_S_TOC ? BG_S_TOCI : BG_S_P,
                                 &saved) != 0) {
            return -1;
        }
    }
    f->para_elem = f->elem;
    int status = place_lines(f, para, x, size, marker, marker_style, first_page, first_y, true,
                             true, NULL, NULL);
    f->elem = saved;
    f->label = label;
    return status;
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
    bg_flow_mark mark;
    bg_flow_keep_from(f, &mark);
    bg_flow_space(f, before);
    double need = para.line_count * para.line_height + after + keep;
    if (bg_flow_need(f, need) != 0) return -1;
    bg_flow_keep_top(f, &mark);
    int p = f->page;
    double top = f->y;
    int saved;
    bg_struct_type type = style == &f->h1 ? BG_S_H1 : style == &f->h2 ? BG_S_H2 : BG_S_H3;
    f->heading_level = type == BG_S_H1 ? 1 : type == BG_S_H2 ? 2 : 3;
    if (bg_flow_enter(f, type, &saved) != 0) return -1;
    int status = bg_flow_place_para(f, &para, f->x0, style->size, NULL, NULL, &p, &top);
    f->elem = saved;
    if (status != 0) return -1;
    f->y += after;
    if (outline_level >= 0 && bg_pages_add_outline(f->pages, text, outline_level, p, top) != 0)
        return -1;
    if (page) *page = p;
    if (y) *y = top;
    /* a heading never ends a page: if what follows does not start here,
     * the heading goes over with it (its page and y with it) */
    if (page && bg_flow_anchor_add(f, page, y) != 0) return -1;
    bg_flow_keep(f, &mark);
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
    int saved;
    if (bg_flow_enter(f, BG_S_CODE, &saved) != 0) return -1;
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
    f->elem = saved;
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
    bg_flow_mark mark; /* an image keeps with its caption */
    bg_flow_keep_from(f, &mark);
    /* a Figure described by its alt text; one without is decoration */
    int figure = BG_ARTIFACT;
    if (b->alt && *b->alt) {
        figure = bg_pages_add_elem(f->pages, BG_S_FIGURE, f->elem);
        if (figure < 0) return -1;
        f->pages->elems[figure].alt = b->alt;
    }
    bg_image img = {x, f->y, w, h, b->path, b->png, b->image_id, b->file, b->line, b->col, figure};
    if (bg_page_add_image(&f->pages->pages[f->page], &img) != 0) return -1;
    f->keep.set = false;
    f->y += h + f->body.size * 0.3;
    if (b->alt && *b->alt) {
        bg_flow_keep(f, &mark);
        /* the alt text as a caption */
        bg_para_style st = f->small;
        st.color = f->color.muted;
        bg_inline caption = bg_inline_plain(b->alt, BG_IN_ITALIC);
        int saved;
        if (bg_flow_enter(f, BG_S_CAPTION, &saved) != 0) return -1;
        int status = bg_flow_para(f, &caption, 1, &st, x, f->x1 - x);
        f->elem = saved;
        if (status != 0) return -1;
    }
    bg_flow_space(f, f->body.size * 0.6);
    return 0;
}

/* The text of block B begins with a dash: an attribution. */
static bool attribution(const bg_block *b)
{
    if (b->kind != BG_BLK_PARA || !b->inline_count || !b->inlines[0].text) return false;
    const char *t = b->inlines[0].text;
    size_t len = b->inlines[0].len;
    while (len > 0 && *t == ' ') {
        t++;
        len--;
    }
    return (len >= 3 &&
            (!memcmp(t, "\u2014", 3) || !memcmp(t, "\u2015", 3) || !memcmp(t, "\u2013", 3))) ||
           (len >= 2 && !memcmp(t, "--", 2));
}

/* Block I keeps its last lines with the block after it: a paragraph that
 * ends in a colon before a list (the list's introduction), a quote before
 * its attribution. */
static bool keeps_with_next(const bg_block *blocks, size_t count, size_t i)
{
    const bg_block *b = &blocks[i];
    if (i + 1 >= count || b->kind != BG_BLK_PARA) return false;
    const bg_block *next = &blocks[i + 1];
    if (b->quote && next->quote <= b->quote && attribution(next)) return true;
    if (!next->marker || !b->inline_count) return false;
    const bg_inline *last = &b->inlines[b->inline_count - 1];
    size_t len = last->len;
    while (len > 0 && (last->text[len - 1] == ' ' || last->text[len - 1] == '\n'))
        len--;
    return len > 0 && last->text[len - 1] == ':';
}

static int block_elem(bg_flow *f, const bg_block *b, int *quote, int *lists, int *bodies,
                      int *depth);
static int flow_block(bg_flow *f, const bg_block *blocks, size_t count, size_t i, double indent,
                      double step, const bg_inline *lead_in, size_t lead_in_count);

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
    /* the structure: lists and quotes round the blocks, from the nesting
     * each block records (blocks.h) */
    int base = f->elem, quote = -1;
    int *lists = calloc((size_t)MAX_TAG_DEPTH + 1, 2 * sizeof *lists);
    if (!lists) return -1;
    int *bodies = lists + MAX_TAG_DEPTH + 1;
    int depth = 0; /* lists open */
    int status = 0;
    f->quote.depth = 0; /* (no bar goes on from another passage's quote) */
    for (size_t i = 0; i < count && status == 0; i++) {
        f->elem = base;
        status = block_elem(f, &blocks[i], &quote, lists, bodies, &depth);
        if (status == 0)
            status = flow_block(f, blocks, count, i, indent, step, lead_in, lead_in_count);
    }
    f->elem = base;
    f->label = -1;
    free(lists);
    return status;
}

/* The container of block B (a list item's body, a quote, the flow's
 * element), entered in F; *QUOTE, LISTS and BODIES (the L and LBody at
 * each depth, *DEPTH of them) carry the open ones from block to block.
 * A list item's marker gets a Lbl (F->label). */
static int block_elem(bg_flow *f, const bg_block *b, int *quote, int *lists, int *bodies,
                      int *depth)
{
    int saved;
    f->label = -1;
    if (b->quote > 0 && *quote < 0) {
        if (bg_flow_enter(f, BG_S_BLOCKQUOTE, &saved) != 0) return -1;
        *quote = f->elem;
    } else if (b->quote == 0) {
        *quote = -1;
    }
    int container = *quote >= 0 ? *quote : f->elem;
    f->elem = container;
    int level = b->indent < MAX_TAG_DEPTH ? b->indent : MAX_TAG_DEPTH;
    if (*depth > level) *depth = level; /* deeper lists end */
    if (level == 0) return 0;
    if (!b->marker) {
        /* more of an item: its body (or the deepest list open) */
        if (*depth > 0) f->elem = bodies[*depth - 1];
        return 0;
    }
    if (*depth == 0 && f->pages->elems[container].type == BG_S_L) {
        /* the items of one list placed a block at a time (handout.c) */
        lists[0] = bodies[0] = container;
        *depth = 1;
    }
    while (*depth < level) {
        /* a new list, in the item above it (or the container) */
        f->elem = *depth > 0 ? bodies[*depth - 1] : container;
        if (bg_flow_enter(f, BG_S_L, &saved) != 0) return -1;
        lists[*depth] = bodies[*depth] = f->elem;
        (*depth)++;
    }
    f->elem = lists[level - 1];
    if (bg_flow_enter(f, BG_S_LI, &saved) != 0) return -1;
    int item = f->elem;
    if (bg_flow_enter(f, BG_S_LBL, &saved) != 0) return -1;
    f->label = f->elem;
    f->elem = item;
    if (bg_flow_enter(f, BG_S_LBODY, &saved) != 0) return -1;
    bodies[level - 1] = f->elem;
    return 0;
}

/* The extent on page PAGE of the lines of paragraph element ELEM (its
 * words, and those of the elements in it: links) set at SIZE on lines LH
 * apart: the top of its first line and the foot of its last; false when
 * none of it is there. */
static bool para_extent(const bg_flow *f, int page, int elem, double size, double lh, double *top,
                        double *bottom)
{
    const bg_page *p = &f->pages->pages[page];
    double first = 0, last = 0;
    bool any = false;
    bg_run r;
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(p, &pos, &r);) {
        bool ours = r.elem == elem || (r.elem >= 0 && (size_t)r.elem < f->pages->elem_count &&
                                       f->pages->elems[r.elem].parent == elem);
        if (!ours) continue;
        first = any ? fmin(first, r.y) : r.y;
        last = any ? fmax(last, r.y) : r.y;
        any = true;
    }
    /* (bg_flow_draw_line's baseline in a line LH high from its top) */
    *top = first - (lh - size) / 2 - size * 0.8;
    *bottom = last + (lh - size) / 2 + size * 0.2;
    return any;
}

/* The foot of what page P holds below TOP: its lowest box's bottom or
 * line's descent (a code block's shading and lines, an image); TOP when
 * nothing is there. */
static double page_foot(const bg_page *p, double top)
{
    double foot = top;
    for (size_t i = 0; i < p->box_count; i++)
        foot = fmax(foot, p->boxes[i].y + p->boxes[i].h);
    for (size_t i = 0; i < p->image_count; i++)
        foot = fmax(foot, p->images[i].y + p->images[i].h);
    bg_run r;
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(p, &pos, &r);)
        if (r.elem >= 0) foot = fmax(foot, r.y + r.size * 0.3);
    return foot;
}

/* Adds to page PG the bars of a quote DEPTH deep from TOP to BOTTOM, the
 * K-th at the quote's place BASE plus K levels' indent (no further than
 * MOST). A bar goes on from one at its place that ends no more than GAP
 * above on the page when the block placed before was in the same quote
 * (ID, of its outermost), that deep (F->quote): a quote of several blocks
 * has one bar, two quotes one after the other two. The bars are found
 * where they now stand, as the flow may have moved them. */
static int add_bars(bg_flow *f, int pg, int depth, unsigned id, double base, double step,
                    double most, double top, double bottom, double gap)
{
    bg_page *page = &f->pages->pages[pg];
    size_t count = page->rule_count, look = count > 32 ? count - 32 : 0;
    for (int k = 1; k <= depth; k++) {
        double x = fmin(base + k * step * 0.8, most) - step * 0.5, from = top;
        for (size_t i = count;
             k <= f->quote.depth && f->quote.id == id && f->quote.page == pg && i-- > look;) {
            const bg_rule *r = &page->rules[i];
            if (fabs(r->x1 - x) < 0.01 && fabs(r->x2 - x) < 0.01 && r->y2 <= top + 0.01 &&
                top - r->y2 <= gap) {
                from = r->y2;
                break;
            }
        }
        bg_rule r = {x, from, x, bottom, 1.5, f->color.rule};
        if (bg_page_add_rule(page, &r) != 0) return -1;
    }
    return 0;
}

/* The bars of block quotes beside the lines of block B's paragraph ELEM
 * (add_bars), from FIRST_Y on FIRST_PAGE to the flow's place, over each
 * page it runs on (where it went over, from and to its lines as they now
 * stand: the page before may have been filled since). */
static int quote_bars(bg_flow *f, const bg_block *b, int elem, int first_page, double first_y,
                      double base, double step, double most, double size, double lh, double gap)
{
    for (int pg = first_page; pg >= 0 && pg <= f->page; pg++) {
        double top = first_y, bottom = f->y, t, u;
        if (pg != first_page || pg != f->page) {
            if (!para_extent(f, pg, elem, size, lh, &t, &u)) continue;
            top = t;
            if (pg != f->page) bottom = u;
        }
        if (add_bars(f, pg, b->quote, b->quote_id, base, step, most, top, bottom, gap) != 0)
            return -1;
    }
    return 0;
}

/* Block I of BLOCKS, placed in F's element. */
static int flow_block(bg_flow *f, const bg_block *blocks, size_t count, size_t i, double indent,
                      double step, const bg_inline *lead_in, size_t lead_in_count)
{
    {
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
        int start_page = f->page;
        double start_y = f->y;
        /* a quote's bars: where it stands (blocks.h), and how far a bar
         * goes on from the one of its block before */
        double quote_x = f->x0 + indent + b->quote_indent * step, quote_gap = f->body.size * 1.3;
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
                st.hyphenate = false; /* (a heading never is) */
            }
            if (b->quote) st.color = f->color.muted;
            const bg_inline *runs = b->inlines;
            size_t n = b->inline_count;
            /* a passage's run-in (its event's date and title) begins its
             * first paragraph, or stands as one before any other block,
             * kept with two lines of it: a quote does not take it in,
             * but in a list item (the handout's events) it stays on the
             * item's marker */
            bool own_runin = b->quote && !b->marker && !b->indent;
            if (i == 0 && lead_in_count && b->kind == BG_BLK_PARA && !own_runin) {
                bg_inline *joined = bg_arena_alloc(f->arena, (n + lead_in_count) * sizeof *joined);
                if (!joined) return -1;
                memcpy(joined, lead_in, lead_in_count * sizeof *joined);
                if (n)
                    memcpy(joined + lead_in_count, runs, n * sizeof *joined); /* (none: no lead) */
                runs = joined;
                n += lead_in_count;
            } else if (i == 0 && lead_in_count) {
                /* (beside a quote, not in it) */
                double lx = fmax(f->x0 + indent, x - b->quote * step * 0.8),
                       lh = f->body.size * f->body.leading;
                if (bg_flow_need(f, 4 * lh) != 0 ||
                    bg_flow_para(f, lead_in, lead_in_count, &f->body, lx, f->x1 - lx) != 0)
                    return -1;
            }
            /* set and placed a window at a time: a paragraph of any length
             * holds the lines of one window at most */
            bg_typo_stats stats = f->tc->stats;
            int saved;
            /* a Markdown heading one level below the part's own (PDF/UA-1
             * 7.4.2: no level skipped) */
            bg_struct_type type = BG_S_P;
            if (b->kind == BG_BLK_HEADING && b->level <= 2)
                type = f->heading_level <= 1 ? BG_S_H2 : BG_S_H3;
            if (bg_flow_enter(f, type, &saved) != 0) return -1;
            int elem = f->elem;
            bg_para_stream *ps = bg_para_open(f->tc, runs, n, &st, width);
            if (!ps) return -1;
            bool start = true, more = true, rebreak = false;
            bg_flow_mark mark; /* a heading keeps with what follows */
            memset(&mark, 0, sizeof mark);
            bool keeps = b->kind == BG_BLK_HEADING || keeps_with_next(blocks, count, i);
            /* a list item that opens with a quote: its marker before the
             * quote's bar, where the item's text would begin */
            f->marker_back =
                b->marker && b->quote && b->indent <= b->quote_indent ? b->quote * step * 0.8 : 0;
            while (more) {
                bg_set_para para;
                int status = bg_para_next(ps, &para, &more);
                if (status == 0 && start && b->kind == BG_BLK_HEADING) {
                    bg_flow_keep_from(f, &mark);
                    bg_flow_space(f, st.size * 0.5);
                    status = bg_flow_need(f, para.line_height * (para.line_count + 2));
                    bg_flow_keep_top(f, &mark);
                }
                if (status == 0)
                    status = place_lines(f, &para, x, st.size, b->marker, &f->body,
                                         start ? &first_page : NULL, start ? &first_y : NULL, start,
                                         !more, keeps && b->kind != BG_BLK_HEADING ? &mark : NULL,
                                         st.hyphenate ? &rebreak : NULL);
                if (status == 0 && rebreak) {
                    /* the page would end in a hyphen: the paragraph is set
                     * again without hyphenation (once) */
                    bg_para_close(ps);
                    f->tc->stats = stats;
                    st.hyphenate = false;
                    rebreak = false;
                    ps = bg_para_open(f->tc, runs, n, &st, width);
                    if (!ps) return -1;
                    more = true;
                    continue;
                }
                if (status != 0) {
                    bg_para_close(ps);
                    return -1;
                }
                if (more) bg_para_release(f->tc); /* these lines are on their pages */
                start = false;
            }
            f->marker_back = 0;
            bg_para_close(ps);
            f->elem = saved;
            if (keeps && mark.set) bg_flow_keep(f, &mark);
            if (b->quote && quote_bars(f, b, elem, first_page, first_y, quote_x, step, most,
                                       st.size, st.size * st.leading, quote_gap) != 0)
                return -1;
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
        /* a code block, rule or image in a quote: its bars beside it, over
         * each page it runs on (to the foot of what a page before its last
         * holds) */
        for (int pg = start_page; b->kind != BG_BLK_PARA && b->kind != BG_BLK_HEADING && b->quote &&
                                  pg >= 0 && pg <= f->page;
             pg++) {
            double top = pg == start_page ? start_y : f->y0;
            double bottom = pg == f->page ? f->y : page_foot(&f->pages->pages[pg], top);
            if (bottom > top && add_bars(f, pg, b->quote, b->quote_id, quote_x, step, most, top,
                                         bottom, quote_gap) != 0)
                return -1;
        }
        /* where the next block of this quote goes on from */
        f->quote.depth = b->quote;
        f->quote.id = b->quote_id;
        f->quote.page = f->page;
    }
    return 0;
}
