/* linebreak.c - a paragraph set into lines (para.h). Runs are cleaned
 * (control characters dropped, characters no font has replaced and
 * reported once), cut into boxes at break opportunities (UAX #14 with
 * Korean keep-all, breaks.c) and at font changes, with glue for spaces.
 * Lines are filled greedily; a word wider than the line is split between
 * characters rather than overflow the margin. */
#include <ctype.h>
#include <unicode/uchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefgen/util.h"
#include "items.h"
#include "para.h"

typedef struct span {
    size_t start, end;
    unsigned flags;
    const char *uri;
} span;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

static int items_insert(items *it, size_t at, item x)
{
    if (it->n == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 64;
        item *grown = realloc(it->v, cap * sizeof *grown);
        if (!grown) return -1;
        it->v = grown;
        it->cap = cap;
    }
    memmove(it->v + at + 1, it->v + at, (it->n - at) * sizeof *it->v);
    it->v[at] = x;
    it->n++;
    return 0;
}

static int items_push(items *it, item x)
{
    return items_insert(it, it->n, x);
}

/* Role, variant, size and colour of a span. */
static void span_style(const bg_para_style *st, const span *s, bg_role *role, int *variant,
                       double *size, uint32_t *color)
{
    *role = s->flags & BG_IN_CODE ? BG_ROLE_MONO : st->role;
    *variant = st->variant | (s->flags & BG_IN_BOLD ? BG_VAR_BOLD : 0) |
               (s->flags & BG_IN_ITALIC ? BG_VAR_ITALIC : 0);
    *size =
        s->flags & BG_IN_CODE ? st->size * (st->code_scale > 0 ? st->code_scale : 0.9) : st->size;
    *color = s->flags & BG_IN_LINK ? st->link_color : st->color;
}

static void report_missing(bg_textctx *ctx, uint32_t cp)
{
    for (size_t i = 0; i < ctx->missing_count; i++)
        if (ctx->missing[i] == cp) return;
    if (ctx->missing_count < sizeof ctx->missing / sizeof ctx->missing[0])
        ctx->missing[ctx->missing_count++] = cp;
    if (cp > 0xFFFF)
        bg_diag_add(ctx->diags, BG_WARNING, ctx->where, 0, 0,
                    "U+%04X is outside the Basic Multilingual Plane, which libharu cannot "
                    "draw; it is shown as '?'",
                    (unsigned)cp);
    else
        bg_diag_add(ctx->diags, BG_WARNING, ctx->where, 0, 0,
                    "no font has U+%04X; it is shown as '?' (install a font that covers it)",
                    (unsigned)cp);
}

/* Appends the cleaned text of the runs to BUF and their spans to SPANS. */
static char *clean_runs(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                        span *spans, size_t *len_out)
{
    size_t cap = 1;
    for (size_t r = 0; r < n; r++)
        cap += runs[r].len * 1 + 1;
    char *buf = bg_arena_alloc(ctx->arena, cap + 1);
    if (!buf) return NULL;
    size_t len = 0;
    for (size_t r = 0; r < n; r++) {
        spans[r].start = len;
        spans[r].flags = runs[r].flags;
        spans[r].uri = runs[r].uri;
        if (runs[r].flags & BG_IN_BREAK) {
            buf[len++] = '\n';
            spans[r].end = len;
            continue;
        }
        bg_role role;
        int variant;
        double size;
        uint32_t color;
        span_style(st, &spans[r], &role, &variant, &size, &color);
        const char *s = runs[r].text;
        for (size_t i = 0; i < runs[r].len;) {
            uint32_t cp;
            size_t k = bg_utf8_decode(s + i, &cp);
            if (k > runs[r].len - i) k = runs[r].len - i;
            if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
                buf[len++] = ' ';
            } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0xFEFF) {
                /* control characters and invisible hyphens are dropped */
            } else if (cp != 0xA0 && /* (a no-break space is glue, never drawn) */
                       (cp > 0xFFFF ||
                        (cp >= 0x80 && bg_fonts_lookup(ctx->fonts, role, variant, cp).face < 0))) {
                /* libharu's codes are two bytes: nothing past U+FFFF can be drawn */
                /* (ASCII is checked as boxes are built: every text face has it) */
                report_missing(ctx, cp);
                buf[len++] = '?';
            } else {
                memcpy(buf + len, s + i, k);
                len += k;
            }
            i += k;
        }
        spans[r].end = len;
    }
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

/* The size that gives a fallback face the x-height of the role's own face
 * (SPEC 6: mixed scripts at matching visual size), within 15%. */
static double fallback_scale(bg_textctx *ctx, bg_role role, int variant, bg_font_ref font)
{
    bg_font_ref primary = bg_fonts_lookup(ctx->fonts, role, variant, 'x');
    if (font.face < 0 || primary.face < 0 || font.face == primary.face) return 1;
    const bg_face_info *a = bg_fonts_face(ctx->fonts, primary.face);
    const bg_face_info *b = bg_fonts_face(ctx->fonts, font.face);
    if (!a || !b || a->x_height <= 0 || b->x_height <= 0) return 1;
    double scale = a->x_height / b->x_height;
    return scale < 0.85 ? 0.85 : scale > 1.15 ? 1.15 : scale;
}

/* URLs break after / . - ? & = (never inside the scheme, never with a
 * hyphen added): extra opportunities in link text that looks like a URL. */
static void url_breaks(const char *buf, const span *spans, size_t nspans, uint8_t *ok)
{
    for (size_t s = 0; s < nspans; s++) {
        if (!(spans[s].flags & BG_IN_LINK)) continue;
        const char *t = buf + spans[s].start;
        size_t n = spans[s].end - spans[s].start;
        const char *scheme = NULL;
        for (size_t i = 0; i + 3 <= n && !scheme; i++)
            if (memcmp(t + i, "://", 3) == 0) scheme = t + i + 3;
        if (!scheme) continue;
        for (size_t i = (size_t)(scheme - t) + 1; i < n; i++)
            if (strchr("/.-?&=", t[i - 1]) && !strchr("/.-?&=", t[i])) ok[spans[s].start + i] = 1;
    }
}

static bool is_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

static uint32_t cp_at(const char *s)
{
    uint32_t cp;
    bg_utf8_decode(s, &cp);
    return cp;
}

/* Cuts the cleaned text into boxes, glue, penalties and forced breaks. */
static int build_items(bg_textctx *ctx, const char *buf, size_t len, const uint8_t *ok,
                       const span *spans, size_t nspans, const bg_para_style *st, items *out)
{
    size_t s = 0;
    bool open = false;
    uint32_t prev_cp = 0, prev2_cp = 0;
    item box;
    memset(&box, 0, sizeof box);
    for (size_t i = 0; i < len;) {
        while (s + 1 < nspans && i >= spans[s].end)
            s++;
        bg_role role;
        int variant;
        double size;
        uint32_t color;
        span_style(st, &spans[s], &role, &variant, &size, &color);
        const char *uri = spans[s].flags & BG_IN_LINK ? spans[s].uri : NULL;
        uint32_t cp;
        size_t k = bg_utf8_decode(buf + i, &cp);
        if (cp == '\n' || cp == ' ' || cp == 0xA0) {
            prev_cp = prev2_cp = 0; /* a word starts after a space */
            if (open && items_push(out, box) != 0) return -1;
            open = false;
            item x;
            memset(&x, 0, sizeof x);
            x.start = i;
            if (cp == '\n') {
                x.kind = IT_BREAK;
                x.len = 1;
                i++;
            } else if (cp == 0xA0) {
                x.kind = IT_GLUE;
                x.nobreak = true;
                x.font = bg_fonts_lookup(ctx->fonts, role, variant, ' ');
                x.size = size;
                x.color = color;
                x.uri = uri;
                x.len = k;
                i += k;
                x.width = bg_shape_width(ctx->fonts, x.font.face, " ", 1) * size;
                x.stretch = x.width * 0.5;
                x.shrink = x.width / 3;
            } else {
                x.kind = IT_GLUE;
                x.font = bg_fonts_lookup(ctx->fonts, role, variant, ' ');
                x.size = size;
                x.color = color;
                x.uri = uri;
                while (i < len && buf[i] == ' ')
                    i++;
                x.len = i - x.start;
                x.width = bg_shape_width(ctx->fonts, x.font.face, " ", 1) * size * (double)x.len;
                /* an interword space stretches by half and shrinks by a third
                 * (TeX's 1/6 and 1/9 em on a 1/3 em space) */
                x.stretch = x.width * 0.5;
                x.shrink = x.width / 3;
            }
            if (items_push(out, x) != 0) return -1;
            continue;
        }
        bg_font_ref font = bg_fonts_lookup(ctx->fonts, role, variant, cp);
        if (font.face < 0) report_missing(ctx, cp); /* an ASCII character: never dropped silently */
        /* letters from a fallback face match the x-height (not punctuation:
         * a dash keeps the size of the text round it) */
        double char_size =
            u_isalpha((UChar32)cp) ? size * fallback_scale(ctx, role, variant, font) : size;
        /* between two Hangul syllables of a word: a little stretch, and a
         * costly break taken by the total-fit breaker only where the
         * paragraph would be very loose, with two syllables at least on
         * each side (에|너지까지 is no break) */
        bool gap = st->justify && open && !ok[i] && is_syllable(cp) && is_syllable(prev_cp);
        if (gap) {
            if (items_push(out, box) != 0) return -1;
            open = false;
            if (is_syllable(prev2_cp) && i + k < len && is_syllable(cp_at(buf + i + k))) {
                item p;
                memset(&p, 0, sizeof p);
                p.kind = IT_PENALTY;
                p.start = i;
                p.penalty = ctx->korean_penalty;
                if (items_push(out, p) != 0) return -1;
            }
            /* Korean justifies between syllables too: a little stretch in
             * every gap of a word, so loose lines spread over the syllables
             * rather than break a word */
            item g;
            memset(&g, 0, sizeof g);
            g.kind = IT_GLUE;
            g.start = i;
            g.nobreak = true;
            g.stretch = size * 0.1;
            g.font = font;
            g.size = size;
            if (items_push(out, g) != 0) return -1;
        }
        bool same = open && font.face == box.font.face && font.fake_bold == box.font.fake_bold &&
                    font.fake_italic == box.font.fake_italic && char_size == box.size &&
                    color == box.color && uri == box.uri;
        if (open && (!same || ok[i])) {
            if (items_push(out, box) != 0) return -1;
            open = false;
            if (ok[i]) {
                item p;
                memset(&p, 0, sizeof p);
                p.kind = IT_PENALTY;
                p.start = i;
                if (items_push(out, p) != 0) return -1;
            }
        }
        if (!open) {
            memset(&box, 0, sizeof box);
            box.kind = IT_BOX;
            box.start = i;
            box.font = font;
            box.role = (uint8_t)role;
            box.variant = (uint8_t)variant;
            box.size = char_size;
            box.color = color;
            box.uri = uri;
            open = true;
        }
        i += k;
        box.len = i - box.start;
        prev2_cp = prev_cp;
        prev_cp = cp;
    }
    if (open && items_push(out, box) != 0) return -1;
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].kind == IT_BOX)
            out->v[i].width = bg_shape_width(ctx->fonts, out->v[i].font.face, buf + out->v[i].start,
                                             out->v[i].len) *
                              out->v[i].size;
    return 0;
}

/* Splits box AT so that its head fits in ROOM (at least one character when
 * FORCE); returns 1 when split, 0 when not even one character fits. */
static int split_box(bg_textctx *ctx, const char *buf, items *it, size_t at, double room,
                     bool force)
{
    item *b = &it->v[at];
    size_t cut = 0;
    double head = 0;
    for (size_t i = 0; i < b->len;) {
        uint32_t cp;
        size_t k = bg_utf8_decode(buf + b->start + i, &cp);
        double w = bg_shape_width(ctx->fonts, b->font.face, buf + b->start, i + k) * b->size;
        if (w > room && !(force && cut == 0)) break;
        cut = i + k;
        head = w;
        i += k;
    }
    if (cut == 0 || cut >= b->len) return cut != 0;
    item tail = *b;
    tail.start = b->start + cut;
    tail.len = b->len - cut;
    tail.width = bg_shape_width(ctx->fonts, tail.font.face, buf + tail.start, tail.len) * tail.size;
    b->len = cut;
    b->width = head;
    return items_insert(it, at + 1, tail) == 0;
}

/* Greedy line filling for ragged text: the first break that fits. */
static int break_greedy(bg_textctx *ctx, const char *buf, items *it, double width,
                        line_range **lines, size_t *count)
{
    size_t cap = 16, n = 0;
    line_range *out = malloc(cap * sizeof *out);
    if (!out) return -1;
    size_t start = 0;
    bool fresh = true; /* at the paragraph's start or after a forced break */
    while (start < it->n) {
        /* spaces at a soft break vanish; after a hard one they indent (code) */
        while (start < it->n &&
               (it->v[start].kind == IT_PENALTY || (!fresh && it->v[start].kind == IT_GLUE)))
            start++;
        if (start >= it->n) break;
        double w = 0;
        size_t brk = 0, i = start;
        size_t end = it->n; /* the line's items end here */
        size_t next = end;  /* and the next line starts here */
        bool have_brk = false, forced = false;
        for (; i < it->n; i++) {
            const item *x = &it->v[i];
            if (x->kind == IT_BREAK) {
                end = i;
                next = i + 1;
                forced = true;
                break;
            }
            if (x->kind == IT_GLUE || x->kind == IT_PENALTY) {
                /* ragged text breaks at spaces and free opportunities only:
                 * not inside Korean words, not at hyphenation points */
                if (!x->nobreak && (x->kind == IT_GLUE || (x->penalty == 0 && !x->flagged))) {
                    brk = i;
                    have_brk = true;
                }
                w += x->width;
                continue;
            }
            if (w + x->width <= width + 0.01) {
                w += x->width;
                continue;
            }
            if (have_brk) {
                end = brk;
                next = brk + 1;
            } else if (split_box(ctx, buf, it, i, width - w, w == 0)) {
                end = i + 1;
                next = i + 1;
            } else {
                end = i;
                next = i;
            }
            break;
        }
        if (n == cap) {
            line_range *grown = realloc(out, cap * 2 * sizeof *out);
            if (!grown) {
                free(out);
                return -1;
            }
            out = grown;
            cap *= 2;
        }
        memset(&out[n], 0, sizeof out[n]);
        out[n].first = start;
        out[n].end = end;
        out[n].last = forced || i >= it->n;
        n++;
        start = next;
        fresh = forced;
    }
    *lines = out;
    *count = n;
    return 0;
}

/* Splits every box wider than WIDTH into characters with a costly break
 * between each: the emergency pass that never lets a line overflow. */
static int split_wide_boxes(bg_textctx *ctx, const char *buf, items *it, double width)
{
    for (size_t i = 0; i < it->n; i++) {
        item *b = &it->v[i];
        if (b->kind != IT_BOX || b->width <= width) continue;
        item whole = *b;
        size_t at = i, used = 0;
        while (used < whole.len) {
            uint32_t cp;
            size_t k = bg_utf8_decode(buf + whole.start + used, &cp);
            item piece = whole;
            piece.start = whole.start + used;
            piece.len = k;
            piece.width =
                bg_shape_width(ctx->fonts, whole.font.face, buf + piece.start, k) * whole.size;
            if (used == 0) {
                it->v[at] = piece;
            } else {
                item p;
                memset(&p, 0, sizeof p);
                p.kind = IT_PENALTY;
                p.start = piece.start;
                p.penalty = 5000;
                if (items_insert(it, ++at, p) != 0 || items_insert(it, ++at, piece) != 0) return -1;
            }
            used += k;
        }
        i = at;
    }
    return 0;
}

/* The one place that chooses breaks: total-fit (Knuth-Plass) for justified
 * text, first with a tolerance of 2, then 10, then with every character of
 * an over-wide word breakable; greedy for ragged text and as the last
 * resort. */
static int hyphenate_items(bg_textctx *ctx, const char *buf, items *it);

static int break_lines(bg_textctx *ctx, const char *buf, items *it, const bg_para_style *st,
                       double width, line_range **lines, size_t *count)
{
    if (st->justify) {
        /* as TeX: first without hyphens, spaces within their natural
         * stretch (\pretolerance 100); then with hyphenation points */
        int r = bg_kp_break(it->v, it->n, width, 1, lines, count, NULL);
        if (r <= 0) return r;
        if (st->hyphenate && ctx->hyphenator && hyphenate_items(ctx, buf, it) != 0) return -1;
        static const double tolerances[] = {2, 10};
        for (size_t t = 0; t < 2; t++) {
            r = bg_kp_break(it->v, it->n, width, tolerances[t], lines, count, NULL);
            if (r <= 0) return r;
        }
        if (split_wide_boxes(ctx, buf, it, width) != 0) return -1;
        r = bg_kp_break(it->v, it->n, width, 1e9, lines, count, NULL);
        if (r <= 0) return r;
    }
    return break_greedy(ctx, buf, it, width, lines, count);
}

/* Breaks English words of six letters or more at their hyphenation points:
 * a flagged penalty (the hyphen's width) between the pieces. Not the last
 * word of a paragraph, not links, not words with digits or other scripts.
 * The items are rebuilt into a new vector in one pass. */
static int hyphenate_items(bg_textctx *ctx, const char *buf, items *it)
{
    size_t last_box = it->n;
    for (size_t i = it->n; i-- > 0;)
        if (it->v[i].kind == IT_BOX) {
            last_box = i;
            break;
        }
    items out = {0};
    for (size_t i = 0; i < it->n; i++) {
        const item *b = &it->v[i];
        bool word =
            i < last_box && b->kind == IT_BOX && !b->uri && b->len >= 6 &&
            (i == 0 || it->v[i - 1].kind == IT_GLUE || it->v[i - 1].kind == IT_BREAK) &&
            (i + 1 >= it->n || it->v[i + 1].kind == IT_GLUE || it->v[i + 1].kind == IT_BREAK);
        /* the letter runs of the word (each part of a compound like
         * head-of-government on its own), between its punctuation */
        const char *w = buf + b->start;
        uint8_t cuts[64]; /* cuts[k]: may break after byte k of the word */
        size_t len = b->len;
        if (word) {
            word = false;
            if (len >= sizeof cuts) len = 0;
            memset(cuts, 0, sizeof cuts);
            for (size_t a = 0; a < len;) {
                if (!isalpha((unsigned char)w[a])) {
                    a++;
                    continue;
                }
                size_t e = a;
                while (e < len && isalpha((unsigned char)w[e]))
                    e++;
                uint8_t points[64];
                if (e - a >= 6 && bg_hyphenate(ctx->hyphenator, w + a, e - a, points) > 0) {
                    for (size_t k = 0; k + 1 < e - a; k++)
                        if (points[k]) {
                            cuts[a + k] = 1;
                            word = true;
                        }
                }
                a = e;
            }
        }
        if (!word) {
            if (items_push(&out, *b) != 0) goto fail;
            continue;
        }
        /* the hyphen comes from whichever face draws '-' in the word's style */
        bg_font_ref hyphen_font = bg_fonts_lookup(ctx->fonts, (bg_role)b->role, b->variant, '-');
        if (hyphen_font.face < 0) hyphen_font = b->font;
        double hyphen = bg_shape_width(ctx->fonts, hyphen_font.face, "-", 1) * b->size;
        size_t from = 0;
        for (size_t k = 0; k + 1 < len; k++) {
            if (!cuts[k]) continue;
            size_t cut = k + 1;
            item piece = *b;
            piece.start = b->start + from;
            piece.len = cut - from;
            piece.width =
                bg_shape_width(ctx->fonts, b->font.face, buf + piece.start, piece.len) * b->size;
            item pen;
            memset(&pen, 0, sizeof pen);
            pen.kind = IT_PENALTY;
            pen.start = b->start + cut;
            /* TeX's \hyphenpenalty; names (capitalised) only as a last resort */
            pen.penalty = isupper((unsigned char)w[0]) ? 1000 : 50;
            pen.flagged = true;
            pen.width = hyphen;
            pen.font = hyphen_font;
            pen.size = b->size;
            pen.color = b->color;
            if (items_push(&out, piece) != 0 || items_push(&out, pen) != 0) goto fail;
            from = cut;
        }
        item tail = *b;
        tail.start = b->start + from;
        tail.len = b->len - from;
        tail.width = bg_shape_width(ctx->fonts, b->font.face, buf + tail.start, tail.len) * b->size;
        if (items_push(&out, tail) != 0) goto fail;
    }
    free(it->v);
    *it = out;
    return 0;
fail:
    free(out.v);
    return -1;
}

static bool same_look(const bg_frag *f, const item *x)
{
    return f->font.face == x->font.face && f->font.fake_bold == x->font.fake_bold &&
           f->font.fake_italic == x->font.fake_italic && f->size == x->size &&
           f->color == x->color && f->uri == x->uri;
}

/* Copies the kerning of TEXT (REPEAT times, for runs of spaces) to OUT;
 * returns the characters written. */
static size_t copy_adjust(bg_textctx *ctx, int face, const char *text, size_t len, size_t repeat,
                          float *out)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    const float *adj = bg_shape_adjustments(ctx->fonts, face, text, len);
    for (size_t r = 0; r < repeat; r++) {
        if (adj)
            memcpy(out + r * chars, adj, chars * sizeof *adj);
        else
            memset(out + r * chars, 0, chars * sizeof *out);
    }
    return chars * repeat;
}

/* How far a justified line's last character hangs into the right margin
 * (optical margin alignment, as microtype's protrusion): most of a hyphen
 * or a stop, half a colon, a little of a dash, so the edge looks straight. */
static double protrusion(bg_textctx *ctx, const char *buf, const item *last, const item *hyphen)
{
    if (hyphen) return 0.7 * hyphen->width;
    if (!last->len) return 0;
    /* the box's last character */
    const char *end = buf + last->start + last->len, *p = end - 1;
    while (p > buf + last->start && ((unsigned char)*p & 0xC0) == 0x80)
        p--;
    uint32_t cp;
    bg_utf8_decode(p, &cp);
    double share = 0;
    if (cp == '-' || cp == 0x2010 || cp == '.' || cp == ',') share = 0.7;
    if (cp == ':' || cp == ';') share = 0.5;
    if (cp == 0x2013 || cp == 0x2014) share = 0.3;
    if (share == 0) return 0;
    return share * bg_shape_width(ctx->fonts, last->font.face, p, (size_t)(end - p)) * last->size;
}

/* Positions the items of one line into fragments: glue set by the line's
 * adjustment ratio when justified, a hyphen after a hyphenated line. */
static int emit_line(bg_textctx *ctx, const char *buf, const items *it, line_range r,
                     const bg_para_style *st, double width, bg_set_line *line)
{
    if (!it->v) return 0;
    size_t end = r.end;
    while (end > r.first && it->v[end - 1].kind != IT_BOX)
        end--;
    double natural = 0, stretch = 0, shrink = 0;
    for (size_t i = r.first; i < end; i++) {
        const item *e = &it->v[i];
        if (e->kind == IT_BOX || e->kind == IT_GLUE) natural += e->width;
        if (e->kind == IT_GLUE) {
            stretch += e->stretch;
            shrink += e->shrink;
        }
    }
    const item *hyphen = r.hyphen && r.end < it->n ? &it->v[r.end] : NULL;
    double full = natural + (hyphen ? hyphen->width : 0);
    if (st->justify && !r.last && end > r.first)
        width += protrusion(ctx, buf, &it->v[end - 1], hyphen);
    /* the ratio that makes this line exactly WIDTH (greedy lines have none) */
    double ratio = 0;
    if (st->justify && (!r.last || full > width)) {
        /* (a last line is set loose, unless it had to shrink to fit) */
        if (full < width && stretch > 0) ratio = (width - full) / stretch;
        if (full > width && shrink > 0) ratio = (width - full) / shrink;
        if (ratio < -1) ratio = -1;
        if (ratio > 12) ratio = 0; /* a line that would gape is left ragged */
    }
    bool merge_glue = ratio == 0;
    if (st->justify && !r.last && ratio != 0) {
        ctx->stats.justified_lines++;
        if (r.hyphen) ctx->stats.hyphenated_lines++;
        if (ratio > ctx->stats.worst_ratio) ctx->stats.worst_ratio = ratio;
        if (r.end < it->n && it->v[r.end].kind == IT_PENALTY && it->v[r.end].penalty > 0 &&
            !it->v[r.end].flagged)
            ctx->stats.syllable_breaks++;
    }
    line->frags = bg_arena_alloc(&ctx->scratch, (end - r.first + 2) * sizeof(bg_frag));
    /* the kerning of every character of the line, sliced among its frags
     * (they are built left to right and only the last one grows) */
    size_t bytes = 2;
    for (size_t i = r.first; i < end; i++)
        bytes += it->v[i].len;
    float *adjust = bg_arena_alloc(ctx->arena, bytes * sizeof *adjust);
    size_t used = 0;
    if (!line->frags || !adjust) return -1;
    double x = 0;
    bg_frag *prev = NULL;
    bool glue_between = false;
    for (size_t i = r.first; i < end; i++) {
        const item *e = &it->v[i];
        if (e->kind == IT_GLUE) {
            double w = e->width + (ratio > 0 ? ratio * e->stretch : ratio * e->shrink);
            if (prev && merge_glue && !e->nobreak && same_look(prev, e)) {
                prev->len += e->len;
                prev->width += w;
                used += copy_adjust(ctx, e->font.face, " ", 1, e->len, adjust + used);
            } else {
                prev = NULL;
            }
            x += w;
            glue_between = true;
            continue;
        }
        if (e->kind != IT_BOX) continue;
        if (prev && same_look(prev, e) && (!glue_between || merge_glue) &&
            prev->text + prev->len == buf + e->start) {
            prev->len += e->len;
            prev->width += e->width;
            used += copy_adjust(ctx, e->font.face, buf + e->start, e->len, 1, adjust + used);
        } else {
            bg_frag *f = &line->frags[line->frag_count++];
            f->x = x;
            f->width = e->width;
            f->text = buf + e->start;
            f->len = e->len;
            f->font = e->font;
            f->size = e->size;
            f->color = e->color;
            f->uri = e->uri;
            f->adjust = adjust + used;
            used += copy_adjust(ctx, e->font.face, buf + e->start, e->len, 1, adjust + used);
            prev = f;
            const bg_face_info *face = bg_fonts_face(ctx->fonts, e->font.face);
            double asc = face ? face->ascender * e->size : e->size * 0.8;
            double desc = face ? face->descender * e->size : e->size * 0.2;
            if (asc > line->ascent) line->ascent = asc;
            if (desc > line->descent) line->descent = desc;
        }
        x += e->width;
        glue_between = false;
    }
    if (hyphen) {
        bg_frag *f = &line->frags[line->frag_count++];
        f->x = x;
        f->width = hyphen->width;
        f->text = "-";
        f->len = 1;
        f->font = hyphen->font;
        f->size = hyphen->size;
        f->color = hyphen->color;
        f->uri = NULL;
        f->adjust = adjust + used;
        copy_adjust(ctx, hyphen->font.face, "-", 1, 1, adjust + used);
        x += hyphen->width;
    }
    line->width = x;
    return 0;
}

/* The runs cleaned into *BUF and cut into items (the heap vector IT). */
static int prepare(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                   char **buf, items *it)
{
    span *spans = bg_arena_alloc(&ctx->scratch, (n + 1) * sizeof *spans);
    if (!spans) return -1;
    size_t len;
    *buf = clean_runs(ctx, runs, n, st, spans, &len);
    if (!*buf) return -1;
    uint8_t *ok = bg_arena_alloc(&ctx->scratch, len + 1);
    if (!ok || bg_breaks_find(ctx->breaker, *buf, len, ok) != 0) return -1;
    url_breaks(*buf, spans, n, ok);
    return build_items(ctx, *buf, len, ok, spans, n, st, it);
}

int bg_para_set(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                double width, bg_set_para *out)
{
    memset(out, 0, sizeof *out);
    out->line_height = st->size * st->leading;
    char *buf = NULL;
    items it = {0};
    line_range *lines = NULL;
    size_t count = 0;
    int status = -1;
    if (prepare(ctx, runs, n, st, &buf, &it) == 0 &&
        break_lines(ctx, buf, &it, st, width, &lines, &count) == 0) {
        out->lines = bg_arena_alloc(&ctx->scratch, (count + 1) * sizeof *out->lines);
        if (out->lines) {
            status = 0;
            for (size_t l = 0; l < count && status == 0; l++)
                status = emit_line(ctx, buf, &it, lines[l], st, width, &out->lines[l]);
            out->line_count = count;
        }
    }
    free(it.v);
    free(lines);
    return status;
}

double bg_text_width(bg_textctx *ctx, const char *text, const bg_para_style *style)
{
    bg_inline run = bg_inline_plain(text, 0);
    bg_set_para p;
    if (bg_para_set(ctx, &run, 1, style, 1e9, &p) != 0 || p.line_count == 0) return 0;
    return p.lines[0].width;
}

void bg_para_release(bg_textctx *ctx)
{
    bg_arena_reset(&ctx->scratch);
}

int bg_para_measure(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                    double *min_width, double *max_width)
{
    *min_width = *max_width = 0;
    char *buf = NULL;
    items it = {0};
    if (prepare(ctx, runs, n, st, &buf, &it) != 0) {
        free(it.v);
        return -1;
    }
    double word = 0, line = 0;
    for (size_t i = 0; i < it.n; i++) {
        const item *x = &it.v[i];
        if (x->kind == IT_BOX) {
            word += x->width;
            line += x->width;
            if (word > *min_width) *min_width = word;
            continue;
        }
        word = 0;
        if (x->kind == IT_GLUE) line += x->width;
        if (x->kind == IT_BREAK) line = 0;
        if (line > *max_width) *max_width = line;
    }
    if (line > *max_width) *max_width = line;
    free(it.v);
    return 0;
}

int bg_para_set_balanced(bg_textctx *ctx, const bg_inline *runs, size_t n,
                         const bg_para_style *style, double width, bg_set_para *out)
{
    if (bg_para_set(ctx, runs, n, style, width, out) != 0) return -1;
    size_t lines = out->line_count;
    if (lines < 2) return 0;
    /* the narrowest measure that needs no more lines evens them out */
    double lo = width * 0.4, hi = width;
    bg_set_para trial;
    for (int i = 0; i < 10; i++) {
        double mid = (lo + hi) / 2;
        if (bg_para_set(ctx, runs, n, style, mid, &trial) != 0) return -1;
        if (trial.line_count <= lines)
            hi = mid;
        else
            lo = mid;
    }
    return bg_para_set(ctx, runs, n, style, hi + 0.01, out);
}
