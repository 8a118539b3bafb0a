/* paraitems.c - a paragraph's runs cut into Knuth and Plass's items
 * (items.h): runs cleaned (control characters dropped, characters no font
 * has replaced and reported once), break opportunities from UAX #14 with
 * Korean keep-all and URL rules, boxes at breaks and font changes, glue
 * for spaces (no-break inside names and Korean dates) and between Hangul
 * syllables, penalties, hyphenation points, and the emergency split of
 * words and names wider than the line. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "layout/items.h"

int bg_items_push(items *it, item x)
{
    if (it->v && it->n < it->cap) {
        it->v[it->n++] = x;
        return 0;
    }
    item *grown = bg_grow(it->v, it->n, &it->cap, sizeof *grown, 64);
    if (!grown) return -1;
    it->v = grown;
    it->v[it->n++] = x;
    return 0;
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
    enum { CODE_POINTS = 0x110000 };
    if (cp >= CODE_POINTS) cp = 0xFFFD;
    if (!ctx->missing) ctx->missing = calloc(CODE_POINTS / 8, 1);
    if (ctx->missing) { /* without memory a character is reported again */
        if (ctx->missing[cp >> 3] & (1u << (cp & 7))) return;
        ctx->missing[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    }
    bg_diag_add(ctx->diags, BG_WARNING, ctx->where, 0, 0,
                "no font has U+%04X; it is shown as '?' (install a font that covers it)",
                (unsigned)cp);
}

/* True when run R takes the span of the run before it: the same look,
 * neither a link (each keeps a span of its own) nor a break. */
static bool joins(const bg_inline *runs, size_t r)
{
    if (r == 0) return false;
    const bg_inline *a = &runs[r - 1], *b = &runs[r];
    return a->flags == b->flags && !(b->flags & (BG_IN_LINK | BG_IN_BREAK)) && a->uri == b->uri &&
           a->anchor == b->anchor;
}

/* The faces of one style's characters, each looked up once per style
 * rather than once per character (build_items asks for every character of
 * a paragraph, and for 'x' beside each letter): a direct-mapped cache, so
 * ASCII always hits and a Korean text mostly does. bg_fonts_lookup caches
 * by chain too; this saves its calls (a repeated lookup has no effect). */
enum { STYLE_SLOTS = 256 };
typedef struct style_faces {
    bg_role role;
    int variant;              /* -1: nothing looked up yet */
    uint32_t cp[STYLE_SLOTS]; /* the character in each slot; 0: none */
    bg_font_ref ref[STYLE_SLOTS];
} style_faces;

static void style_faces_init(style_faces *sf)
{
    sf->role = BG_ROLE_BODY;
    sf->variant = -1;
    memset(sf->cp, 0, sizeof sf->cp);
}

static bg_font_ref face_miss(bg_textctx *ctx, style_faces *sf, bg_role role, int variant,
                             uint32_t cp)
{
    if (sf->variant != variant || sf->role != role) {
        sf->role = role;
        sf->variant = variant;
        memset(sf->cp, 0, sizeof sf->cp);
    }
    size_t k = cp & (STYLE_SLOTS - 1);
    if (sf->cp[k] != cp || cp == 0) {
        sf->ref[k] = bg_fonts_lookup(ctx->fonts, role, variant, cp);
        sf->cp[k] = cp;
    }
    return sf->ref[k];
}

static inline bg_font_ref face_for(bg_textctx *ctx, style_faces *sf, bg_role role, int variant,
                                   uint32_t cp)
{
    size_t k = cp & (STYLE_SLOTS - 1);
    if (sf->variant == variant && sf->role == role && sf->cp[k] == cp && cp != 0) return sf->ref[k];
    return face_miss(ctx, sf, role, variant, cp);
}

/* The cleaned text of the runs (in ARENA) and their spans, one for
 * each stretch of runs of the same look. */
static char *clean_runs(bg_textctx *ctx, bg_arena *arena, const bg_inline *runs, size_t n,
                        const bg_para_style *st, span **spans_out, size_t *nspans, size_t *len_out)
{
    size_t cap = 1, count = 0;
    for (size_t r = 0; r < n; r++) {
        cap += runs[r].len * 1 + 1;
        count += !joins(runs, r);
    }
    span *spans = bg_arena_alloc(arena, (count + 1) * sizeof *spans);
    char *buf = bg_arena_alloc(arena, cap + 1);
    if (!buf || !spans) return NULL;
    *spans_out = spans;
    *nspans = count;
    size_t len = 0, sp = 0;
    style_faces sf;
    style_faces_init(&sf);
    for (size_t r = 0; r < n; r++) {
        if (!joins(runs, r)) {
            sp = r == 0 ? 0 : sp + 1;
            spans[sp].start = len;
            spans[sp].flags = runs[r].flags;
            spans[sp].uri = runs[r].uri;
            spans[sp].anchor = runs[r].anchor;
        }
        if (runs[r].flags & BG_IN_BREAK) {
            buf[len++] = '\n';
            spans[sp].end = len;
            continue;
        }
        bg_role role;
        int variant;
        double size;
        uint32_t color;
        span_style(st, &spans[sp], &role, &variant, &size, &color);
        const char *s = runs[r].text;
        for (size_t i = 0; i < runs[r].len;) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x20 && c < 0x7F) { /* printable ASCII: kept as it is */
                buf[len++] = (char)c;
                i++;
                continue;
            }
            uint32_t cp;
            size_t k = bg_utf8_decode(s + i, &cp);
            if (k > runs[r].len - i) k = runs[r].len - i;
            if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
                buf[len++] = ' ';
            } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0xFEFF) {
                /* control characters and invisible hyphens are dropped */
            } else if (cp != 0xA0 && /* (a no-break space is glue, never drawn) */
                       cp >= 0x80 && face_for(ctx, &sf, role, variant, cp).face < 0) {
                /* (ASCII is checked as boxes are built: every text face has it) */
                report_missing(ctx, cp);
                buf[len++] = '?';
            } else {
                memcpy(buf + len, s + i, k);
                len += k;
            }
            i += k;
        }
        spans[sp].end = len;
    }
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

/* The size that gives a fallback face the x-height of the role's own face
 * (README, "Typesetting": mixed scripts at matching visual size), within 15%. */
static double fallback_scale(bg_textctx *ctx, bg_font_ref primary, bg_font_ref font)
{
    if (font.face < 0 || primary.face < 0 || font.face == primary.face) return 1;
    const bg_face_info *a = bg_fonts_face(ctx->fonts, primary.face);
    const bg_face_info *b = bg_fonts_face(ctx->fonts, font.face);
    if (!a || !b || a->x_height <= 0 || b->x_height <= 0) return 1;
    double scale = a->x_height / b->x_height;
    return scale < 0.85 ? 0.85 : scale > 1.15 ? 1.15 : scale;
}

/* A letter of a script with an x-height (bg_is_letter and not CJK). */
static bool scaled_letter(uint32_t cp)
{
    if (cp < 0x80) return (cp | 0x20) - 'a' < 26;
    return bg_is_letter(cp) && !bg_is_cjk(cp);
}

static uint32_t cp_at(const char *s)
{
    uint32_t cp;
    bg_utf8_decode(s, &cp);
    return cp;
}

/* The first span that ends after byte AT (spans are in order). */
static size_t span_at(const span *spans, size_t nspans, size_t at)
{
    size_t lo = 0, hi = nspans ? nspans - 1 : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (spans[mid].end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The character before byte AT of the current word (0 at its start). */
static uint32_t cp_before(const char *buf, size_t *at)
{
    if (*at == 0) return 0;
    size_t i = *at - 1;
    while (i > 0 && ((unsigned char)buf[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp = cp_at(buf + i);
    if (cp == ' ' || cp == '\n' || cp == 0xA0) return 0;
    *at = i;
    return cp;
}

/* Cuts bytes FROM to TO of the cleaned text into boxes, glue, penalties
 * and forced breaks. */
static int build_items(bg_textctx *ctx, const para_text *pt, size_t from, size_t to,
                       const bg_para_style *st, items *out)
{
    const char *buf = pt->buf;
    const uint8_t *ok = pt->ok;
    const span *spans = pt->spans;
    size_t nspans = pt->nspans, len = to;
    size_t s = span_at(spans, nspans, from);
    bool open = false;
    /* the word the text starts in (a paragraph cut into windows) */
    size_t back = from;
    uint32_t prev_cp = cp_before(buf, &back);
    uint32_t prev2_cp = prev_cp ? cp_before(buf, &back) : 0;
    item box;
    memset(&box, 0, sizeof box);
    style_faces sf;
    style_faces_init(&sf);
    /* the style of span S, worked out again when S changes */
    size_t styled = (size_t)-1;
    bg_role role = BG_ROLE_BODY;
    int variant = 0;
    double size = 0;
    uint32_t color = 0;
    const char *uri = NULL;
    int anchor = 0;
    for (size_t i = from; i < len;) {
        while (s + 1 < nspans && i >= spans[s].end)
            s++;
        if (s != styled) {
            span_style(st, &spans[s], &role, &variant, &size, &color);
            uri = spans[s].flags & BG_IN_LINK ? spans[s].uri : NULL;
            anchor = spans[s].flags & BG_IN_LINK ? spans[s].anchor : 0;
            styled = s;
        }
        uint32_t cp;
        size_t k;
        if ((unsigned char)buf[i] < 0x80) {
            cp = (unsigned char)buf[i];
            k = 1;
        } else {
            k = bg_utf8_decode(buf + i, &cp);
        }
        if (cp == '\n' || cp == ' ' || cp == 0xA0) {
            /* a space inside a Korean name or date is a no-break space */
            bool keep = cp == 0xA0 || (cp == ' ' && bg_breaks_keep_space(buf, pt->len, i));
            prev_cp = prev2_cp = 0; /* a word starts after a space */
            if (open && bg_items_push(out, box) != 0) return -1;
            open = false;
            item x;
            memset(&x, 0, sizeof x);
            x.start = i;
            if (cp == '\n') {
                x.kind = IT_BREAK;
                x.len = 1;
                i++;
            } else {
                /* a no-break space, or a run of spaces: one glue */
                x.kind = IT_GLUE;
                x.nobreak = keep;
                x.font = face_for(ctx, &sf, role, variant, ' ');
                x.size = size;
                x.color = color;
                x.uri = uri;
                x.anchor = anchor;
                double spaces = 1;
                if (x.nobreak) {
                    i += k;
                } else {
                    while (i < len && buf[i] == ' ')
                        i++;
                    spaces = (double)(i - x.start);
                }
                x.len = i - x.start;
                x.width = bg_shape_width(ctx->fonts, x.font.face, " ", 1) * size * spaces;
                /* an interword space stretches by half and shrinks by a third
                 * (TeX's 1/6 and 1/9 em on a 1/3 em space) */
                x.stretch = x.width * 0.5;
                x.shrink = x.width / 3;
            }
            if (bg_items_push(out, x) != 0) return -1;
            continue;
        }
        bg_font_ref font = face_for(ctx, &sf, role, variant, cp);
        if (font.face < 0) report_missing(ctx, cp); /* an ASCII character: never dropped silently */
        /* letters from a fallback face match the x-height (not punctuation:
         * a dash keeps the size of the text round it; nor Hangul and Hanja,
         * which have none) */
        double char_size =
            scaled_letter(cp)
                ? size * fallback_scale(ctx, face_for(ctx, &sf, role, variant, 'x'), font)
                : size;
        /* between two Hangul syllables of a word: a little stretch, and a
         * costly break taken by the total-fit breaker only where the
         * paragraph would be very loose, with two syllables at least on
         * each side (에|너지까지 is no break) */
        bool gap = st->justify && open && !ok[i] && cp >= 0xAC00 && bg_is_hangul_syllable(cp) &&
                   bg_is_hangul_syllable(prev_cp);
        if (gap) {
            if (bg_items_push(out, box) != 0) return -1;
            open = false;
            uint32_t next = i + k < len ? cp_at(buf + i + k) : 0;
            if (bg_breaks_syllable_ok(prev2_cp, prev_cp, cp, next)) {
                item p;
                memset(&p, 0, sizeof p);
                p.kind = IT_PENALTY;
                p.start = i;
                p.penalty = ctx->korean_penalty;
                if (bg_items_push(out, p) != 0) return -1;
            }
            /* Korean justifies between syllables too: a little stretch in
             * every gap of a word, so loose lines spread over the syllables
             * rather than break a word */
            item g;
            memset(&g, 0, sizeof g);
            g.kind = IT_GLUE;
            g.start = i;
            g.nobreak = true;
            g.syllable = true;
            g.stretch = size * 0.1;
            g.font = font;
            g.size = size;
            if (bg_items_push(out, g) != 0) return -1;
        }
        bool same = open && font.face == box.font.face && font.fake_bold == box.font.fake_bold &&
                    font.fake_italic == box.font.fake_italic && char_size == box.size &&
                    color == box.color && uri == box.uri && anchor == box.anchor;
        if (open && (!same || ok[i])) {
            if (bg_items_push(out, box) != 0) return -1;
            open = false;
            if (ok[i]) {
                item p;
                memset(&p, 0, sizeof p);
                p.kind = IT_PENALTY;
                p.start = i;
                p.penalty = ok[i] == BG_BREAK_LAST ? BG_PENALTY_LAST : 0;
                if (bg_items_push(out, p) != 0) return -1;
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
            box.anchor = anchor;
            open = true;
        }
        i += k;
        box.len = i - box.start;
        prev2_cp = prev_cp;
        prev_cp = cp;
    }
    if (open && bg_items_push(out, box) != 0) return -1;
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].kind == IT_BOX)
            out->v[i].width = bg_shape_width(ctx->fonts, out->v[i].font.face, buf + out->v[i].start,
                                             out->v[i].len) *
                              out->v[i].size;
    return 0;
}

/* A no-break space (a glue that joins a name, len > 0; the glue between
 * Hangul syllables has none). */
static bool nbsp_glue(const item *x)
{
    return x->kind == IT_GLUE && x->nobreak && x->len > 0;
}

/* True when item X is a break opportunity of the line breaker. */
static bool breaks_at(const item *it, size_t i)
{
    const item *x = &it[i];
    return x->kind == IT_BREAK || (x->kind == IT_PENALTY && x->penalty < BG_PENALTY_INF) ||
           (x->kind == IT_GLUE && !x->nobreak && i > 0 && it[i - 1].kind == IT_BOX);
}

/* Marks in WIDE the no-break spaces of every stretch between two break
 * opportunities wider than WIDTH: a name that alone is wider than the
 * line may break between its words. Returns how many. */
static size_t wide_names(const items *it, double width, uint8_t *wide)
{
    size_t count = 0, from = 0;
    double w = 0;
    for (size_t i = 0; i <= it->n; i++) {
        if (i < it->n && !breaks_at(it->v, i)) {
            if (it->v[i].kind == IT_BOX || it->v[i].kind == IT_GLUE) w += it->v[i].width;
            continue;
        }
        for (size_t k = from; w > width && k < i; k++)
            if (nbsp_glue(&it->v[k])) {
                wide[k] = 1;
                count++;
            }
        from = i + 1;
        w = 0;
    }
    return count;
}

/* Splits every box wider than WIDTH into characters with a costly break
 * between each, and lets a name wider than WIDTH break at its no-break
 * spaces (at a cost): the emergency pass that never lets a line overflow.
 * The items are rebuilt into a new vector in one pass. */
int bg_items_split_wide(bg_textctx *ctx, const char *buf, items *it, double width)
{
    items out = {0};
    uint8_t *wide = calloc(it->n + 1, 1);
    if (!wide) return -1;
    wide_names(it, width, wide);
    for (size_t i = 0; i < it->n; i++) {
        const item *b = &it->v[i];
        if (wide[i]) {
            item p;
            memset(&p, 0, sizeof p);
            p.kind = IT_PENALTY;
            p.start = b->start;
            p.penalty = BG_PENALTY_LAST;
            if (bg_items_push(&out, p) != 0) goto fail;
        }
        if (b->kind != IT_BOX || b->width <= width) {
            if (bg_items_push(&out, *b) != 0) goto fail;
            continue;
        }
        for (size_t used = 0; used < b->len;) {
            uint32_t cp;
            size_t k = bg_utf8_decode(buf + b->start + used, &cp);
            item piece = *b;
            piece.start = b->start + used;
            piece.len = k;
            piece.width = bg_shape_width(ctx->fonts, b->font.face, buf + piece.start, k) * b->size;
            if (used > 0) {
                item p;
                memset(&p, 0, sizeof p);
                p.kind = IT_PENALTY;
                p.start = piece.start;
                p.penalty = BG_PENALTY_LAST;
                if (bg_items_push(&out, p) != 0) goto fail;
            }
            if (bg_items_push(&out, piece) != 0) goto fail;
            used += k;
        }
    }
    free(wide);
    free(it->v);
    *it = out;
    return 0;
fail:
    free(wide);
    free(out.v);
    return -1;
}

/* Breaks English words of six letters or more at their hyphenation points:
 * a flagged penalty (the hyphen's width) between the pieces. The words
 * WHICH says (items.h), not links, not words with digits or other
 * scripts. The items are rebuilt into a new vector in one pass. */
int bg_items_hyphenate(bg_textctx *ctx, const char *buf, items *it, bg_hyph_which which)
{
    size_t last_box = it->n;
    for (size_t i = it->n; i-- > 0;)
        if (it->v[i].kind == IT_BOX) {
            last_box = i;
            break;
        }
    items out = {0};
    /* (room for a hyphenation point in every other item, grown if need be) */
    out.v = malloc((it->n + it->n / 2 + 16) * sizeof *out.v);
    if (out.v) out.cap = it->n + it->n / 2 + 16;
    for (size_t i = 0; i < it->n; i++) {
        const item *b = &it->v[i];
        bool word =
            b->kind == IT_BOX && !b->uri && b->len >= 6 &&
            (which == BG_HYPH_ALL ||
             ((which == BG_HYPH_LAST ? i == last_box : i < last_box) &&
              (i == 0 || it->v[i - 1].kind == IT_GLUE || it->v[i - 1].kind == IT_BREAK) &&
              (i + 1 >= it->n || it->v[i + 1].kind == IT_GLUE || it->v[i + 1].kind == IT_BREAK)));
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
            if (bg_items_push(&out, *b) != 0) goto fail;
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
            if (bg_items_push(&out, piece) != 0 || bg_items_push(&out, pen) != 0) goto fail;
            from = cut;
        }
        item tail = *b;
        tail.start = b->start + from;
        tail.len = b->len - from;
        tail.width = bg_shape_width(ctx->fonts, b->font.face, buf + tail.start, tail.len) * b->size;
        if (bg_items_push(&out, tail) != 0) goto fail;
    }
    free(it->v);
    *it = out;
    return 0;
fail:
    free(out.v);
    return -1;
}

int bg_items_text(bg_textctx *ctx, bg_arena *arena, const bg_inline *runs, size_t n,
                  const bg_para_style *st, para_text *pt)
{
    memset(pt, 0, sizeof *pt);
    pt->buf = clean_runs(ctx, arena, runs, n, st, &pt->spans, &pt->nspans, &pt->len);
    if (!pt->buf) return -1;
    pt->ok = bg_arena_alloc(arena, pt->len + 1);
    pt->url = bg_arena_alloc(arena, pt->len + 1);
    if (!pt->ok || !pt->url) return -1;
    /* URLs, linked or not, break by their own rules */
    memset(pt->url, 0, pt->len + 1);
    bg_breaks_url(pt->buf, pt->len, pt->url);
    return 0;
}

int bg_items_window(bg_textctx *ctx, para_text *pt, const bg_para_style *st, size_t from, size_t to,
                    items *it)
{
    if (bg_breaks_find(ctx->breaker, pt->buf + from, to - from, pt->ok + from) != 0) return -1;
    /* inside a URL its own rules replace UAX #14's */
    for (size_t i = from; i < to; i++)
        if (pt->url[i] & BG_URL) pt->ok[i] = (uint8_t)(pt->url[i] & ~BG_URL);
    /* room for the items of most texts at once (about one for every two
     * bytes of English), rather than grown from 64 a doubling at a time */
    if (it->cap == 0 && it->n == 0) {
        size_t guess = (to - from) / 2 + 16;
        it->v = malloc(guess * sizeof *it->v);
        if (it->v) it->cap = guess;
    }
    return build_items(ctx, pt, from, to, st, it);
}
