/* linebreak.c - a paragraph set into lines (para.h): its items
 * (paraitems.c) broken by total fit (knuthplass.c) when justified, greedily
 * when ragged, then placed as fragments with the glue set, the hyphen
 * added, the pieces kept for the kerning and the last stop hung into the
 * margin. Every pass is linear in the paragraph: a run too wide for a line
 * is cut by the prefix sums of one shaping, items are rebuilt rather than
 * inserted into, and a paragraph over 32 KiB is set a window at a time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "layout/items.h"
#include "layout/para.h"

/* Greedy filling rebuilds the items as it goes: a box too wide for a line
 * is cut where the line ends, the head committed to OUT and the tail left
 * in its place among the items still to come (IN from SRC on), so nothing
 * is ever inserted in the middle of a vector. Index V names OUT's item V
 * below out.n, else IN's item SRC + V - out.n: the indices are those the
 * items would have if each tail were inserted after its head. */
typedef struct greedy {
    bg_textctx *ctx;
    const char *buf;
    items *in;
    size_t src;
    items out;
    /* the advances of the box being cut, as prefix sums by byte from
     * cut_start (one shaping of it, so a long run costs linear time) */
    double *sums;
    size_t cut_start, cut_end;
    int cut_face;
    double cut_size;
} greedy;

static item *g_at(greedy *g, size_t v)
{
    return v < g->out.n ? &g->out.v[v] : &g->in->v[g->src + (v - g->out.n)];
}

static size_t g_count(const greedy *g)
{
    return g->out.n + (g->in->n - g->src);
}

/* Moves the items before V to OUT. */
static int g_commit(greedy *g, size_t v)
{
    while (g->out.n < v)
        if (bg_items_push(&g->out, g->in->v[g->src++]) != 0) return -1;
    return 0;
}

/* The prefix sums of box B's advances (reused for the tails of one box). */
static int g_sums(greedy *g, const item *b)
{
    if (g->sums && b->font.face == g->cut_face && b->size == g->cut_size &&
        b->start >= g->cut_start && b->start + b->len == g->cut_end)
        return 0;
    free(g->sums);
    g->sums = malloc((b->len + 1) * sizeof *g->sums);
    if (!g->sums) return -1;
    if (bg_shape_advances(g->ctx->fonts, b->font.face, g->buf + b->start, b->len, g->sums + 1) !=
        0) {
        free(g->sums);
        g->sums = NULL;
        return -1;
    }
    g->sums[0] = 0;
    for (size_t i = 1; i <= b->len; i++)
        g->sums[i] += g->sums[i - 1];
    g->cut_start = b->start;
    g->cut_end = b->start + b->len;
    g->cut_face = b->font.face;
    g->cut_size = b->size;
    return 0;
}

/* The byte after the character that starts at byte AT of the buffer. */
static size_t next_char(const char *buf, size_t at)
{
    uint32_t cp;
    return at + bg_utf8_decode(buf + at, &cp);
}

/* The start of the character before byte AT (not before FLOOR). */
static size_t prev_char(const char *buf, size_t floor, size_t at)
{
    while (at > floor && ((unsigned char)buf[--at] & 0xC0) == 0x80)
        ;
    return at;
}

/* Splits box V so that its head fits in ROOM (at least one character when
 * FORCE): the longest head, by characters, whose shaped width is at most
 * ROOM (prefixes grow with their length). Returns 1 when split, 0 when not
 * even one character fits, -1 out of memory. The head's width is its own
 * shaping's; the tail's too when it may fit a line of WIDTH, else the sum of
 * its advances (it is cut again before it is drawn). */
static int split_box(greedy *g, size_t v, double room, bool force, double width)
{
    item *b = g_at(g, v);
    const char *buf = g->buf;
    bg_fonts *fonts = g->ctx->fonts;
    if (g_sums(g, b) != 0) return -1;
    size_t s = b->start, e = b->start + b->len;
    const double *sum = g->sums + (s - g->cut_start);
    double size = b->size;
#define SHAPED(end) (bg_shape_width_once(fonts, b->font.face, buf + s, (end)-s) * size)
    /* the last character boundary the advances say fits, then checked
     * against the shaping of the head alone, a character at a time */
    size_t lo = s, hi = e; /* the head to LO fits, to HI does not */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((sum[mid - s] - sum[0]) * size <= room)
            lo = mid;
        else
            hi = mid;
    }
    size_t cut = lo;
    while (cut > s && ((unsigned char)buf[cut] & 0xC0) == 0x80)
        cut--;
    while (cut > s && SHAPED(cut) > room)
        cut = prev_char(buf, s, cut);
    for (;;) {
        size_t next = next_char(buf, cut);
        if (next >= e || SHAPED(next) > room) break;
        cut = next;
    }
    if (cut == s) {
        if (!force) return 0;
        cut = next_char(buf, s);
    }
    if (cut >= e) return 1;
    double head = SHAPED(cut);
    item tail = *b;
    tail.start = cut;
    tail.len = e - cut;
    double estimate = (sum[e - s] - sum[cut - s]) * size;
    tail.width = estimate > 2 * width + 4 * size
                     ? estimate
                     : bg_shape_width_once(fonts, b->font.face, buf + cut, e - cut) * size;
#undef SHAPED
    if (g_commit(g, v) != 0) return -1;
    item first = *b;
    first.len = cut - s;
    first.width = head;
    if (bg_items_push(&g->out, first) != 0) return -1;
    g->in->v[g->src] = tail; /* now item V + 1 */
    return 1;
}

/* Greedy line filling for ragged text: the first break that fits. */
static int break_greedy(bg_textctx *ctx, const char *buf, items *it, double width,
                        line_range **lines, size_t *count)
{
    size_t cap = 16, n = 0;
    line_range *out = malloc(cap * sizeof *out);
    if (!out) return -1;
    greedy g = {ctx, buf, it, 0, {NULL, 0, 0}, NULL, 0, 0, -1, 0};
    size_t start = 0;
    bool fresh = true; /* at the paragraph's start or after a forced break */
    int status = -1;
    while (start < g_count(&g)) {
        /* spaces at a soft break vanish; after a hard one they indent (code) */
        while (start < g_count(&g) && (g_at(&g, start)->kind == IT_PENALTY ||
                                       (!fresh && g_at(&g, start)->kind == IT_GLUE)))
            start++;
        if (start >= g_count(&g)) break;
        double w = 0;
        size_t brk = 0, i = start;
        size_t end = g_count(&g); /* the line's items end here */
        size_t next = end;        /* and the next line starts here */
        bool have_brk = false, forced = false, ends_hyphen = false;
        /* a last resort before a word is cut anywhere: between the words
         * of a name, at the slash of a code, after an en dash; then a
         * hyphenation point of a word wider than the measure, where the
         * line still holds the hyphen (break_lines puts them there) */
        size_t last_resort = 0, hyph = 0;
        bool have_last_resort = false, have_hyph = false;
        for (; i < g_count(&g); i++) {
            const item *x = g_at(&g, i);
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
                } else if (i > start &&
                           ((x->kind == IT_GLUE && x->nobreak && x->len > 0) ||
                            (x->kind == IT_PENALTY && !x->flagged &&
                             x->penalty >= BG_PENALTY_LAST && x->penalty < BG_PENALTY_INF))) {
                    last_resort = i;
                    have_last_resort = true;
                } else if (i > start && x->kind == IT_PENALTY && x->flagged &&
                           w + x->width <= width + 0.01) {
                    hyph = i;
                    have_hyph = true;
                }
                /* (a penalty's width is the hyphen's, drawn only at a break) */
                if (x->kind == IT_GLUE) w += x->width;
                continue;
            }
            if (w + x->width <= width + 0.01) {
                w += x->width;
                continue;
            }
            if (!have_brk && (have_last_resort || have_hyph)) {
                brk = have_last_resort ? last_resort : hyph;
                ends_hyphen = !have_last_resort;
                have_brk = true;
            }
            int split = have_brk ? 0 : split_box(&g, i, width - w, w == 0, width);
            if (split < 0) goto done;
            if (have_brk) {
                end = brk;
                next = brk + 1;
            } else if (split) {
                end = i + 1;
                next = i + 1;
            } else {
                end = i;
                next = i;
            }
            break;
        }
        line_range *grown = bg_grow(out, n, &cap, sizeof *grown, 16);
        if (!grown) goto done;
        out = grown;
        memset(&out[n], 0, sizeof out[n]);
        out[n].first = start;
        out[n].end = end;
        out[n].last = forced || i >= g_count(&g);
        out[n].hyphen = ends_hyphen;
        n++;
        start = next;
        fresh = forced;
    }
    if (g_commit(&g, g_count(&g)) != 0) goto done;
    status = 0;
done:
    free(g.sums);
    if (status != 0) {
        free(g.out.v);
        free(out);
        return -1;
    }
    free(it->v);
    *it = g.out;
    *lines = out;
    *count = n;
    return 0;
}

/* True when line R ends at a costly break: a penalty that is no
 * hyphenation point (inside a Korean word, a last resort), a name's
 * no-break space, or a word cut in two. */
static bool costly_end(const items *it, line_range r)
{
    if (r.end >= it->n) return false;
    const item *x = &it->v[r.end];
    return (x->kind == IT_PENALTY && x->penalty > 0 && !x->flagged) ||
           (x->kind == IT_GLUE && x->nobreak) || x->kind == IT_BOX;
}

/* True when a paragraph's last line holds one word narrower than 15% of
 * WIDTH (knuthplass.c avoids it when it can). */
static bool runt(const items *it, const line_range *lines, size_t count, double width)
{
    if (count < 2) return false;
    line_range r = lines[count - 1];
    double natural = 0;
    for (size_t i = r.first; i < r.end && i < it->n; i++) {
        const item *x = &it->v[i];
        if (x->kind == IT_GLUE && !x->nobreak && i > r.first && i + 1 < r.end) return false;
        if (x->kind == IT_BOX || x->kind == IT_GLUE) natural += x->width;
    }
    return natural < BG_RUNT_SHARE * width;
}

/* True when a set of lines could be better with hyphenation or looser
 * lines: a costly break, or a runt. */
static bool could_be_better(const items *it, const line_range *lines, size_t count, double width)
{
    for (size_t l = 0; l < count; l++)
        if (costly_end(it, lines[l])) return true;
    return runt(it, lines, count, width);
}

static double protrusion(bg_textctx *ctx, const char *buf, const item *last, const item *hyphen);

/* How far a line ending at each break of IT hangs into the margin, as
 * emit_line sets it (in each break's hang), so that the breaker's ratios
 * are those of the lines drawn. */
static void set_hangs(bg_textctx *ctx, const char *buf, items *it)
{
    const item *box = NULL;
    for (size_t i = 0; i < it->n; i++) {
        item *x = &it->v[i];
        x->hang = 0;
        if (x->kind == IT_BOX) {
            box = x;
        } else if (x->kind == IT_PENALTY && x->flagged) {
            x->hang = protrusion(ctx, buf, box, x);
        } else if (box && (x->kind == IT_GLUE || x->kind == IT_PENALTY)) {
            x->hang = protrusion(ctx, buf, box, NULL);
        }
    }
}

/* The loosest line of a set (its last line is set at its natural width). */
static double loosest(const line_range *lines, size_t count)
{
    double worst = 0;
    for (size_t l = 0; l + 1 < count; l++)
        if (lines[l].ratio > worst) worst = lines[l].ratio;
    return worst;
}

/* Lines that end at a costly break (see costly_end). */
static size_t costly_count(const items *it, const line_range *lines, size_t count)
{
    size_t n = 0;
    for (size_t l = 0; l < count; l++)
        n += costly_end(it, lines[l]);
    return n;
}

/* The characters of the items [FIRST, END) of IT (BUF's text), the
 * hyphen added after them when HYPHEN: the glyphs the PDF draws for them
 * (one code a character, pdf.c), each followed by a line's
 * letter-spacing. */
static size_t line_chars(const char *buf, const items *it, size_t first, size_t end, bool hyphen)
{
    size_t chars = hyphen ? 1 : 0;
    for (size_t i = first; i < end; i++)
        if (it->v[i].kind == IT_BOX) chars += bg_utf8_count(buf + it->v[i].start, it->v[i].len);
    return chars;
}

/* True when every line of a set is within the body's limit once
 * letter-spaced as emit_line does (BG_TRACK_MAX em at SIZE a gap between
 * its characters). */
static bool fit_tracked(const char *buf, const items *it, const line_range *lines, size_t count,
                        double size)
{
    for (size_t l = 0; l + 1 < count; l++) {
        line_range r = lines[l];
        if (r.ratio <= BG_BODY_STRETCH) continue;
        size_t end = r.end;
        while (end > r.first && it->v[end - 1].kind != IT_BOX)
            end--;
        double stretch = 0;
        for (size_t i = r.first; i < end; i++)
            if (it->v[i].kind == IT_GLUE) stretch += it->v[i].stretch;
        size_t chars = line_chars(buf, it, r.first, end, r.hyphen);
        if (chars < 2 ||
            (r.ratio - BG_BODY_STRETCH) * stretch > (double)(chars - 1) * BG_TRACK_MAX * size)
            return false;
    }
    return true;
}

/* A copy of IT in OUT whose spaces each shrink by what the letters of
 * the word before them may close up as well (BG_TRACK_SHRINK em at SIZE a
 * letter; see avoid_runt). */
static int tight_items(const char *buf, const items *it, double size, items *out)
{
    out->v = malloc((it->n ? it->n : 1) * sizeof *out->v);
    if (!out->v) return -1;
    if (it->n) memcpy(out->v, it->v, it->n * sizeof *out->v);
    out->n = out->cap = it->n;
    size_t chars = 0;
    for (size_t i = 0; i < out->n; i++) {
        item *x = &out->v[i];
        if (x->kind == IT_BOX) chars += bg_utf8_count(buf + x->start, x->len);
        if (x->kind == IT_PENALTY) chars = 0; /* (a line may start after it) */
        if (x->kind != IT_GLUE) continue;
        x->shrink += (double)chars * BG_TRACK_SHRINK * size;
        chars = 0;
    }
    return 0;
}

/* When the least demerits still end the paragraph on a runt: the best set
 * that does not, if there is one with no more costly breaks and no line
 * looser than the body's limit (BG_BODY_STRETCH) or the set it replaces;
 * failing that, the best with lines up to a ratio of 3 if each of them
 * comes within the limit letter-spaced (fit_tracked). The demerits weigh
 * a runt against looser lines; this takes any set within the limits that
 * avoids it. */
static int avoid_runt(const char *buf, const items *it, double width, double tolerance, double size,
                      line_range **lines, size_t *count)
{
    if (!runt(it, *lines, *count, width)) return 0;
    double limit = loosest(*lines, *count);
    if (limit < BG_BODY_STRETCH) limit = BG_BODY_STRETCH;
    if (limit > tolerance) limit = tolerance;
    line_range *other = NULL;
    size_t n = 0;
    size_t costly = costly_count(it, *lines, *count);
    int r = bg_kp_break_only(it->v, it->n, width, limit,
                             BG_KP_NO_RUNT | (costly ? 0 : BG_KP_NO_COSTLY), &other, &n);
    if (r < 0) return -1;
    if (r == 0 && costly_count(it, other, n) <= costly) {
        free(*lines);
        *lines = other;
        *count = n;
        return 0;
    }
    free(other);
    other = NULL;
    if (limit != BG_BODY_STRETCH) return 0;
    r = bg_kp_break_only(it->v, it->n, width, 3, BG_KP_NO_RUNT | (costly ? 0 : BG_KP_NO_COSTLY),
                         &other, &n);
    if (r < 0) return -1;
    if (r == 0 && costly_count(it, other, n) <= costly && fit_tracked(buf, it, other, n, size)) {
        free(*lines);
        *lines = other;
        *count = n;
        return 0;
    }
    free(other);
    /* failing that, lines may close up letter-spaced (BG_TRACK_SHRINK):
     * the breaker sees each space shrink by what the word before it may
     * close up too (less than emit_line gives the line: the last word's
     * share is left out) */
    items tight = {0};
    if (tight_items(buf, it, size, &tight) != 0) return -1;
    r = bg_kp_break_only(tight.v, tight.n, width, BG_BODY_STRETCH,
                         BG_KP_NO_RUNT | (costly ? 0 : BG_KP_NO_COSTLY), &other, &n);
    free(tight.v);
    if (r < 0) return -1;
    if (r == 0 && costly_count(it, other, n) <= costly) {
        free(*lines);
        *lines = other;
        *count = n;
        return 0;
    }
    free(other);
    return 0;
}

/* When no set is within the body's limit: one with the paragraph's last
 * word hyphenated too, if that gives a set within it that breaks no Korean
 * word, its last line no runt if it can be (a piece of a word alone on the
 * last line is the lesser fault than a line looser than the limit); the
 * items then keep those hyphenation points. 1 when there is none (IT as it
 * was). */
static int last_word(bg_textctx *ctx, const char *buf, items *it, double width, double size,
                     line_range **lines, size_t *count)
{
    items more = {0};
    if (it->n) {
        more.v = malloc(it->n * sizeof *more.v);
        if (!more.v) return -1;
        memcpy(more.v, it->v, it->n * sizeof *more.v);
        more.n = more.cap = it->n;
    }
    if (bg_items_hyphenate(ctx, buf, &more, BG_HYPH_LAST) != 0) {
        free(more.v);
        return -1;
    }
    set_hangs(ctx, buf, &more);
    int r = 1;
    /* no runt; no runt with lines closed up letter-spaced (avoid_runt);
     * the word whole and no runt with lines that come within the limit
     * letter-spaced (fit_tracked); then a runt */
    for (int k = 0; k < 4 && r == 1 && more.n > it->n; k++) {
        if (k == 2) {
            r = bg_kp_break_only(it->v, it->n, width, 3, BG_KP_NO_RUNT | BG_KP_NO_COSTLY, lines,
                                 count);
            if (r == 0 && !fit_tracked(buf, it, *lines, *count, size)) {
                free(*lines);
                *lines = NULL;
                *count = 0;
                r = 1;
            }
            if (r != 1) {
                free(more.v);
                return r;
            }
            continue;
        }
        items tight = {0};
        if (k == 1 && tight_items(buf, &more, size, &tight) != 0) r = -1;
        const items *use = k == 1 ? &tight : &more;
        if (r == 1)
            r = bg_kp_break_only(use->v, use->n, width, BG_BODY_STRETCH,
                                 k < 2 ? BG_KP_NO_RUNT | BG_KP_NO_COSTLY : BG_KP_NO_COSTLY, lines,
                                 count);
        free(tight.v);
    }
    if (r == 0) {
        free(it->v);
        *it = more;
        return 0;
    }
    free(more.v);
    return r;
}

/* True when a word of IT (its boxes from one space to the next) is wider
 * than WIDTH. */
static bool wider_word(const items *it, double width)
{
    double w = 0;
    for (size_t i = 0; i < it->n; i++) {
        const item *x = &it->v[i];
        if (x->kind == IT_BOX) {
            w += x->width;
            if (w > width + 0.01) return true;
        } else if (x->kind != IT_PENALTY || !x->flagged) {
            w = 0;
        }
    }
    return false;
}

static int break_lines(bg_textctx *ctx, const char *buf, items *it, const bg_para_style *st,
                       double width, line_range **lines, size_t *count)
{
    if (st->justify) {
        /* as TeX: first without hyphens, spaces within their natural
         * stretch (\pretolerance 100); then with hyphenation points, also
         * when the first pass had to break inside a word or end on a runt */
        set_hangs(ctx, buf, it);
        int r = bg_kp_break(it->v, it->n, width, 1, lines, count, NULL);
        if (r < 0) return r;
        if (r == 0) {
            if (!could_be_better(it, *lines, *count, width)) return 0;
            free(*lines); /* the next pass can find these lines too */
            *lines = NULL;
            *count = 0;
        }
        bool hyphens = st->hyphenate && ctx->hyphenator;
        if (hyphens && bg_items_hyphenate(ctx, buf, it, BG_HYPH_BUT_LAST) != 0) return -1;
        set_hangs(ctx, buf, it);
        static const double tolerances[] = {BG_BODY_STRETCH, 10};
        for (size_t t = 0; t < 2; t++) {
            r = bg_kp_break(it->v, it->n, width, tolerances[t], lines, count, NULL);
            if (r < 0) return r;
            if (r == 0) return avoid_runt(buf, it, width, tolerances[t], st->size, lines, count);
            if (t == 0 && hyphens) {
                r = last_word(ctx, buf, it, width, st->size, lines, count);
                if (r <= 0) return r;
            }
        }
        if (bg_items_split_wide(ctx, buf, it, width) != 0) return -1;
        set_hangs(ctx, buf, it);
        r = bg_kp_break(it->v, it->n, width, 1e9, lines, count, NULL);
        if (r <= 0) return r;
    } else if (st->hyphenate && ctx->hyphenator && wider_word(it, width)) {
        /* ragged text breaks a word only when it is wider than the
         * measure (a narrow table column): at a hyphenation point, with
         * its hyphen, before anywhere */
        if (bg_items_hyphenate(ctx, buf, it, BG_HYPH_ALL) != 0) return -1;
    }
    return break_greedy(ctx, buf, it, width, lines, count);
}

static bool same_look(const bg_frag *f, const item *x)
{
    return f->font.face == x->font.face && f->font.fake_bold == x->font.fake_bold &&
           f->font.fake_italic == x->font.fake_italic && f->size == x->size &&
           f->color == x->color && f->uri == x->uri && f->anchor == x->anchor;
}

/* Appends a piece of LEN bytes (GLUE: spaces) to the frag whose pieces
 * end at *AT (bg_run's packed form: LEN times two, plus one for glue). */
static void add_piece(bg_frag *f, uint8_t **at, size_t len, bool glue)
{
    size_t v = len * 2 + (glue ? 1 : 0);
    do {
        uint8_t byte = (uint8_t)(v & 0x7F);
        v >>= 7;
        *(*at)++ = (uint8_t)(byte | (v ? 0x80 : 0));
        f->pieces_len++;
    } while (v);
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

/* True when byte AT of BUF stands between two Hangul syllables (a break
 * inside a Korean word, not one inside a Latin code or a URL). */
static bool between_syllables(const char *buf, size_t at)
{
    if (at == 0) return false;
    uint32_t before, after;
    bg_utf8_decode(buf + prev_char(buf, 0, at), &before);
    bg_utf8_decode(buf + at, &after);
    return bg_is_hangul_syllable(before) && bg_is_hangul_syllable(after);
}

/* Room for one line's frags and pieces, reused from line to line of a
 * paragraph (heap; each line's are copied to the scratch arena). */
typedef struct emit_room {
    bg_frag *frags;
    uint8_t *pieces;
    size_t cap; /* frags; pieces has ten bytes for each */
} emit_room;

static void emit_room_free(emit_room *room)
{
    free(room->frags);
    free(room->pieces);
    memset(room, 0, sizeof *room);
}

/* Positions the items of one line into fragments: glue set by the line's
 * adjustment ratio when justified, a hyphen after a hyphenated line. A
 * line looser than the body's limit is letter-spaced (BG_TRACK_MAX). */
static int emit_line(bg_textctx *ctx, const char *buf, const items *it, line_range r,
                     const bg_para_style *st, double width, emit_room *room, bg_set_line *line)
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
    /* a line the breaker had to set looser than the body's limit: its
     * spaces at the limit and the rest after each of its characters but
     * the last (the last one's falls past the line's end), at most
     * BG_TRACK_MAX em, in whole ten-thousandths of a point (as the PDF's Tc
     * says it: rounded up, so that the spaces stay within the limit, but
     * never past the most); what that leaves goes back to the spaces */
    double track = 0;
    if (st->justify && !r.last && ratio > BG_BODY_STRETCH) {
        size_t chars = line_chars(buf, it, r.first, end, hyphen != NULL);
        if (chars > 1) {
            double gaps = (double)(chars - 1);
            double most = floor(BG_TRACK_MAX * st->size * 10000) / 10000;
            track = ceil((ratio - BG_BODY_STRETCH) * stretch / gaps * 10000) / 10000;
            if (track > most) track = most;
            ratio = (width - full - track * gaps) / stretch;
        }
    }
    /* a line wider than its spaces' shrink allows (avoid_runt's lines
     * closed up, its last line among them, or a line the breaker could
     * only set overfull): its letters close up by the rest, at most
     * BG_TRACK_SHRINK em a gap, rounded as above */
    if (st->justify && full - shrink > width + 0.0001) {
        size_t chars = line_chars(buf, it, r.first, end, hyphen != NULL);
        if (chars > 1) {
            double gaps = (double)(chars - 1);
            double most = floor(BG_TRACK_SHRINK * st->size * 10000) / 10000;
            track = -ceil((full - shrink - width) / gaps * 10000) / 10000;
            if (track < -most) track = -most;
            if (shrink > 0) ratio = (width - full - track * gaps) / shrink;
            if (ratio < -1) ratio = -1;
        }
    }
    bool merge_glue = ratio == 0;
    if (st->justify && !r.last && ratio != 0) {
        ctx->stats.justified_lines++;
        if (r.hyphen) ctx->stats.hyphenated_lines++;
        if (ratio > ctx->stats.worst_ratio) ctx->stats.worst_ratio = ratio;
        if (r.end < it->n && it->v[r.end].kind == IT_PENALTY && it->v[r.end].penalty > 0 &&
            !it->v[r.end].flagged && between_syllables(buf, it->v[r.end].start))
            ctx->stats.syllable_breaks++;
    }
    /* a loose line's gaps between Korean syllables kept under
     * BG_SYLLABLE_GAP (with the letter-spacing), what they would take past
     * it given to the spaces, up to BG_SYLLABLE_SPACES (items.h) */
    double syl_ratio = ratio;
    if (ratio > 0) {
        double syl = 0, cap = -1;
        for (size_t i = r.first; i < end; i++) {
            const item *e = &it->v[i];
            if (e->kind != IT_GLUE || !e->syllable || e->stretch <= 0) continue;
            syl += e->stretch;
            double c = (BG_SYLLABLE_GAP * e->size - track) / e->stretch;
            if (cap < 0 || c < cap) cap = c > 0 ? c : 0;
        }
        double other = stretch - syl;
        double limit = ratio > BG_SYLLABLE_SPACES ? ratio : BG_SYLLABLE_SPACES;
        if (syl > 0 && ratio > cap && other > syl * 1e-9) {
            double moved = (ratio - cap) * syl;
            if (moved > (limit - ratio) * other) moved = (limit - ratio) * other;
            syl_ratio = ratio - moved / syl;
            ratio += moved / other;
        }
    }
    /* frags and their pieces are built in room for the worst case, then
     * copied to the scratch arena at their size; the pieces of every frag
     * of the line are sliced among its frags (they are built left to right
     * and only the last one grows), ten bytes at most a piece */
    size_t most = end - r.first + 2;
    if (most > room->cap) {
        emit_room_free(room);
        room->frags = malloc(most * sizeof *room->frags);
        room->pieces = malloc(most * 10);
        if (!room->frags || !room->pieces) {
            emit_room_free(room);
            return -1;
        }
        room->cap = most;
    }
    line->frags = room->frags;
    uint8_t *first_piece = room->pieces, *pieces = first_piece;
    double x = 0;
    bg_frag *prev = NULL;
    bool glue_between = false, space_between = false;
    for (size_t i = r.first; i < end; i++) {
        const item *e = &it->v[i];
        if (e->kind == IT_GLUE) {
            space_between = space_between || e->len > 0 || !e->nobreak;
            double w = e->width + (ratio > 0 ? (e->syllable ? syl_ratio : ratio) * e->stretch
                                             : ratio * e->shrink);
            if (prev && merge_glue && !e->nobreak && same_look(prev, e)) {
                prev->len += e->len;
                prev->width += w;
                add_piece(prev, &pieces, e->len, true);
            } else {
                prev = NULL;
            }
            x += w;
            glue_between = true;
            continue;
        }
        if (e->kind != IT_BOX) continue;
        double w = track != 0 ? e->width + track * (double)bg_utf8_count(buf + e->start, e->len)
                              : e->width;
        if (prev && same_look(prev, e) && (!glue_between || merge_glue) &&
            prev->text + prev->len == buf + e->start) {
            prev->len += e->len;
            prev->width += w;
            add_piece(prev, &pieces, e->len, false);
        } else {
            bg_frag *f = &line->frags[line->frag_count++];
            memset(f, 0, sizeof *f);
            f->x = x;
            f->width = w;
            f->track = track;
            f->text = buf + e->start;
            f->len = e->len;
            f->font = e->font;
            f->size = e->size;
            f->color = e->color;
            f->uri = e->uri;
            f->anchor = e->anchor;
            f->pieces = pieces;
            f->joined = glue_between && !space_between;
            add_piece(f, &pieces, e->len, false);
            prev = f;
            const bg_face_info *face = bg_fonts_face(ctx->fonts, e->font.face);
            double asc = face ? face->ascender * e->size : e->size * 0.8;
            double desc = face ? face->descender * e->size : e->size * 0.2;
            if (asc > line->ascent) line->ascent = asc;
            if (desc > line->descent) line->descent = desc;
        }
        x += w;
        glue_between = space_between = false;
    }
    if (hyphen) {
        bg_frag *f = &line->frags[line->frag_count++];
        memset(f, 0, sizeof *f);
        f->x = x;
        f->width = hyphen->width + track;
        f->track = track;
        f->text = "-";
        f->len = 1;
        f->incidental = true;
        f->font = hyphen->font;
        f->size = hyphen->size;
        f->color = hyphen->color;
        f->uri = NULL;
        f->anchor = 0;
        f->pieces = pieces;
        add_piece(f, &pieces, 1, false);
        x += hyphen->width + track;
    }
    line->width = x - track; /* (the last character's spacing is past its end) */
    /* to the scratch arena, at their size */
    bg_frag *frags = bg_arena_alloc(&ctx->scratch, (line->frag_count + 1) * sizeof *frags);
    size_t used = (size_t)(pieces - first_piece);
    uint8_t *kept = bg_arena_alloc(&ctx->scratch, used + 1);
    if (frags && kept) {
        memcpy(frags, line->frags, line->frag_count * sizeof *frags);
        memcpy(kept, first_piece, used);
        for (size_t i = 0; i < line->frag_count; i++)
            frags[i].pieces = kept + (frags[i].pieces - first_piece);
    }
    line->frags = frags;
    return frags && kept ? 0 : -1;
}

/* Paragraphs longer than this are set a window of text at a time, so that
 * the memory for their items and breaks stays bounded: each window is
 * broken whole and its lines kept up to fifteen sixteenths of it (never its
 * last line, which ends where the window is cut); the next window starts
 * at the first line not kept. No paragraph of a normal document comes
 * near it, and one shorter is set in one piece. */
#define WINDOW ((size_t)32 * 1024)

/* The end of a window of SIZE bytes from A: a character boundary, or the
 * end of the text. */
static size_t window_end(const para_text *pt, size_t a, size_t size)
{
    if (size >= pt->len - a) return pt->len;
    size_t b = a + size;
    while (b > a + 1 && ((unsigned char)pt->buf[b] & 0xC0) == 0x80)
        b--;
    return b;
}

/* Where line R ends in the text (B: the window's end). */
static size_t line_end(const items *it, line_range r, size_t b)
{
    return r.end < it->n ? it->v[r.end].start : b;
}

/* A paragraph being set window by window (para.h). */
struct bg_para_stream {
    bg_textctx *ctx;
    bg_para_style style;
    double width;
    bg_arena own; /* the text of a stream that outlives the scratch arena */
    para_text pt;
    size_t at;     /* where the next window starts */
    size_t window; /* and its size */
    bool started;
    size_t costly; /* lines kept that end at a costly break */
    emit_room room;
};

static int stream_init(struct bg_para_stream *ps, bg_textctx *ctx, bg_arena *arena,
                       const bg_inline *runs, size_t n, const bg_para_style *st, double width)
{
    memset(ps, 0, sizeof *ps);
    ps->ctx = ctx;
    ps->style = *st;
    ps->width = width;
    ps->window = WINDOW;
    return bg_items_text(ctx, arena ? arena : &ps->own, runs, n, st, &ps->pt);
}

static bool stream_more(const struct bg_para_stream *ps)
{
    return !ps->started || ps->at < ps->pt.len;
}

/* Appends LINE to *SET (heap, *CAP entries). */
static int push_line(bg_set_line **set, size_t count, size_t *cap, const bg_set_line *line)
{
    bg_set_line *grown = bg_grow(*set, count, cap, sizeof *grown, 16);
    if (!grown) return -1;
    *set = grown;
    grown[count] = *line;
    return 0;
}

/* Breaks windows until one gives lines to keep: emits them onto *SET (when
 * EMIT) and counts them in *COUNT. */
static int stream_lines(struct bg_para_stream *ps, bool emit, bg_set_line **set, size_t *count,
                        size_t *cap)
{
    bg_textctx *ctx = ps->ctx;
    const para_text *pt = &ps->pt;
    while (stream_more(ps)) {
        ps->started = true;
        size_t a = ps->at, b = window_end(pt, a, ps->window);
        items it = {0};
        line_range *lines = NULL;
        size_t nlines = 0;
        if (bg_items_window(ctx, &ps->pt, &ps->style, a, b, &it) != 0 ||
            break_lines(ctx, pt->buf, &it, &ps->style, ps->width, &lines, &nlines) != 0) {
            free(it.v);
            free(lines);
            return -1;
        }
        size_t keep = nlines, next = b;
        if (b < pt->len) {
            size_t limit = a + (b - a) / 16 * 15;
            keep = 0;
            while (keep + 1 < nlines && line_end(&it, lines[keep], b) <= limit)
                keep++;
            if (keep > 0 && lines[keep].first < it.n) next = it.v[lines[keep].first].start;
            if (next <= a) next = b;
        }
        int status = 0;
        if (keep == 0 && b < pt->len) {
            ps->window *= 2; /* not one whole line in the window: a wider one */
        } else {
            ps->window = WINDOW;
            ps->at = next;
            for (size_t l = 0; l < keep && emit && status == 0; l++) {
                bg_set_line line;
                memset(&line, 0, sizeof line);
                status =
                    emit_line(ctx, pt->buf, &it, lines[l], &ps->style, ps->width, &ps->room, &line);
                if (status == 0) status = push_line(set, *count + l, cap, &line);
            }
            *count += keep;
            for (size_t l = 0; l < keep; l++)
                ps->costly += costly_end(&it, lines[l]);
        }
        free(it.v);
        free(lines);
        if (status != 0 || keep > 0 || !stream_more(ps)) return status;
    }
    return 0;
}

/* OUT: the COUNT lines of SET (freed) in the scratch arena. */
static int lines_out(bg_textctx *ctx, bg_set_line *set, size_t count, bool emit, bg_set_para *out)
{
    int status = 0;
    if (emit) {
        out->lines = bg_arena_alloc(&ctx->scratch, (count + 1) * sizeof *out->lines);
        if (!out->lines)
            status = -1;
        else if (count)
            memcpy(out->lines, set, count * sizeof *out->lines);
    }
    if (status == 0) out->line_count = count;
    free(set);
    return status;
}

/* bg_para_set; with EMIT false only the lines are counted (OUT->lines is
 * NULL). The text lives in the scratch arena with the lines. */
static int set_para(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                    double width, bool emit, bg_set_para *out)
{
    memset(out, 0, sizeof *out);
    out->line_height = st->size * st->leading;
    struct bg_para_stream ps;
    if (stream_init(&ps, ctx, &ctx->scratch, runs, n, st, width) != 0) return -1;
    bg_set_line *set = NULL;
    size_t count = 0, cap = 0;
    int status = 0;
    while (status == 0 && stream_more(&ps))
        status = stream_lines(&ps, emit, &set, &count, &cap);
    emit_room_free(&ps.room);
    if (status != 0) {
        free(set);
        return -1;
    }
    out->costly_breaks = ps.costly;
    return lines_out(ctx, set, count, emit, out);
}

bg_para_stream *bg_para_open(bg_textctx *ctx, const bg_inline *runs, size_t n,
                             const bg_para_style *st, double width)
{
    bg_para_stream *ps = malloc(sizeof *ps);
    if (!ps) return NULL;
    if (stream_init(ps, ctx, NULL, runs, n, st, width) != 0) {
        bg_para_close(ps);
        return NULL;
    }
    return ps;
}

int bg_para_next(bg_para_stream *ps, bg_set_para *out, bool *more)
{
    memset(out, 0, sizeof *out);
    out->line_height = ps->style.size * ps->style.leading;
    bg_set_line *set = NULL;
    size_t count = 0, cap = 0;
    if (stream_lines(ps, true, &set, &count, &cap) != 0) {
        free(set);
        return -1;
    }
    *more = stream_more(ps);
    return lines_out(ps->ctx, set, count, true, out);
}

void bg_para_close(bg_para_stream *ps)
{
    if (!ps) return;
    emit_room_free(&ps->room);
    bg_arena_free(&ps->own);
    free(ps);
}

int bg_para_set(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                double width, bg_set_para *out)
{
    return set_para(ctx, runs, n, st, width, true, out);
}

/* The width of TEXT set on one line, without the memo; -1 when it cannot
 * be set (no memory). */
static double text_width(bg_textctx *ctx, const char *text, const bg_para_style *style)
{
    bg_inline run = bg_inline_plain(text, 0);
    bg_set_para p;
    if (bg_para_set(ctx, &run, 1, style, 1e9, &p) != 0) return -1;
    return p.line_count == 0 ? 0 : p.lines[0].width;
}

/* True when two styles set text alike: every member equal. */
static bool same_style(const bg_para_style *a, const bg_para_style *b)
{
    return a->role == b->role && a->variant == b->variant && a->size == b->size &&
           a->leading == b->leading && a->color == b->color && a->link_color == b->link_color &&
           a->justify == b->justify && a->code_scale == b->code_scale &&
           a->hyphenate == b->hyphenate;
}

/* A text's width depends on nothing but the text, the style and the fonts
 * (a character no font has is reported the first time), so a short text
 * measured again (a page number, a marker, a label: most calls) is
 * answered from a direct-mapped memo of its last answers. */
double bg_text_width(bg_textctx *ctx, const char *text, const bg_para_style *style)
{
    size_t len = strlen(text);
    if (len >= BG_WIDTH_MEMO_TEXT) {
        double w = text_width(ctx, text, style);
        return w < 0 ? 0 : w;
    }
    uint64_t h = bg_fnv1a(text, len);
    uint64_t bits;
    memcpy(&bits, &style->size, sizeof bits);
    h = (h ^ bits ^ (uint64_t)style->role << 8 ^ (uint64_t)(unsigned)style->variant << 12) *
        1099511628211ull;
    bg_width_memo *m = &ctx->widths[(h ^ h >> 32) % BG_WIDTH_MEMO];
    if (m->fonts == ctx->fonts && m->fonts && same_style(&m->style, style) &&
        strcmp(m->text, text) == 0)
        return m->width;
    double w = text_width(ctx, text, style);
    if (w < 0) return 0; /* (not kept) */
    m->fonts = ctx->fonts;
    m->style = *style;
    memcpy(m->text, text, len + 1);
    m->width = w;
    return w;
}

void bg_para_release(bg_textctx *ctx)
{
    bg_arena_reset(&ctx->scratch);
}

int bg_para_measure(bg_textctx *ctx, const bg_inline *runs, size_t n, const bg_para_style *st,
                    double *min_width, double *max_width)
{
    *min_width = *max_width = 0;
    para_text pt;
    if (bg_items_text(ctx, &ctx->scratch, runs, n, st, &pt) != 0) return -1;
    double word = 0, line = 0;
    for (size_t a = 0; a < pt.len;) {
        /* a long text a window at a time, cut after a space when one is
         * in the window's second half */
        size_t b = window_end(&pt, a, WINDOW);
        for (size_t k = b; b < pt.len && k > a + WINDOW / 2; k--)
            if (pt.buf[k - 1] == ' ' || pt.buf[k - 1] == '\n') {
                b = k;
                break;
            }
        items it = {0};
        if (bg_items_window(ctx, &pt, st, a, b, &it) != 0) {
            free(it.v);
            return -1;
        }
        for (size_t i = 0; i < it.n; i++) {
            const item *x = &it.v[i];
            if (x->kind == IT_BOX) {
                word += x->width;
                line += x->width;
                if (word > *min_width) *min_width = word;
                continue;
            }
            if (x->kind == IT_GLUE && x->nobreak && x->len > 0) {
                word += x->width; /* a name's no-break space */
                line += x->width;
                continue;
            }
            word = 0;
            if (x->kind == IT_GLUE) line += x->width;
            if (x->kind == IT_BREAK) line = 0;
            if (line > *max_width) *max_width = line;
        }
        free(it.v);
        a = b;
    }
    if (line > *max_width) *max_width = line;
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
        if (set_para(ctx, runs, n, style, mid, false, &trial) != 0) return -1;
        if (trial.line_count <= lines && trial.costly_breaks <= out->costly_breaks)
            hi = mid;
        else
            lo = mid;
    }
    return bg_para_set(ctx, runs, n, style, hi + 0.01, out);
}
