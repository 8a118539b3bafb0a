/* shape.c - advance widths from HarfBuzz with kerning, each distinct
 * (face, text) shaped once. Ligatures stay off: libharu's codes are
 * characters, not glyphs. For each character the cache also keeps how far
 * the kerned advance is from the width libharu writes for it (its per-mille
 * width, truncated): the PDF back end puts that difference into its TJ
 * arrays, so glyphs land where HarfBuzz placed them.
 *
 * The cache holds words, not one-off runs: a text longer than
 * CACHED_TEXT_MAX bytes is shaped each time it is asked for (in time linear
 * in its length), and once the entries hold CACHED_BYTES_MAX bytes new
 * texts are no longer kept, so that memory stays bounded whatever the
 * input. Results are the same either way. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/fontsint.h"

#define CACHED_TEXT_MAX 256
#define CACHED_BYTES_MAX ((size_t)16 << 20)

/* A hash of (FACE, TEXT), eight bytes at a time (words are short: this is
 * most of a look-up). */
static uint64_t hash_text(int face, const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = ((uint64_t)(unsigned)face << 32 ^ n) * k;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    /* the last 0 to 7 bytes: two overlapping 4-byte reads, or the first,
     * middle and last byte (the length is in the hash already) */
    size_t rest = n - i;
    const char *t = s + i;
    uint64_t w = 0;
    if (rest >= 4) {
        uint32_t a, b;
        memcpy(&a, t, 4);
        memcpy(&b, t + rest - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (rest > 0) {
        w = (uint64_t)(unsigned char)t[0] << 16 | (uint64_t)(unsigned char)t[rest / 2] << 8 |
            (unsigned char)t[rest - 1];
    }
    h = (h ^ w) * k;
    return h ^ (h >> 32);
}

static const char *entry_text(const bg_width_entry *e)
{
    return (const char *)(e->adjust + e->chars);
}

static int cache_grow(bg_width_cache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 1024;
    bg_width_entry **slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < c->cap; i++) {
        bg_width_entry *e = c->slots[i];
        if (!e) continue;
        size_t k = e->hash & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = e;
    }
    free(c->slots);
    c->bytes += (cap - c->cap) * sizeof *slots;
    c->slots = slots;
    c->cap = cap;
    return 0;
}

void bg_width_cache_free(bg_width_cache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->slots[i]);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

/* Ligatures off (see the top of this file). */
static const hb_feature_t shape_features[] = {
    {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
    {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
};

/* Shapes LEN bytes of TEXT in FACE into F's buffer; its N glyphs' positions
 * and infos (cluster = byte offset) through *POS and *INFO. */
static unsigned shape_run(bg_fonts *f, bg_face *face, const char *text, size_t len,
                          const hb_glyph_position_t **pos, const hb_glyph_info_t **info)
{
    hb_buffer_t *buf = f->buffer;
    bg_face_ready(face);
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(face->hb_font, buf, shape_features, 2);
    unsigned n;
    *pos = hb_buffer_get_glyph_positions(buf, &n);
    *info = hb_buffer_get_glyph_infos(buf, &n);
    return n;
}

/* Shapes TEXT in FACE; returns the advance in font units and, when ADJUST
 * is given, each character's kerned advance less libharu's truncated
 * per-mille width (thousandths of an em). */
static double shape(bg_fonts *f, bg_face *face, const char *text, size_t len, float *adjust,
                    size_t chars)
{
    const hb_glyph_position_t *pos;
    const hb_glyph_info_t *info;
    unsigned n = shape_run(f, face, text, len, &pos, &info);
    double width = 0;
    for (unsigned i = 0; i < n; i++)
        width += pos[i].x_advance;
    if (adjust) {
        memset(adjust, 0, chars * sizeof *adjust);
        /* clusters are byte offsets: map each glyph to its character */
        size_t ch = 0, byte = 0;
        for (unsigned g = 0; g < n; g++) {
            while (byte < info[g].cluster && byte < len) {
                uint32_t cp;
                byte += bg_utf8_decode(text + byte, &cp);
                ch++;
            }
            if (ch >= chars) break;
            double desired = pos[g].x_advance * 1000.0 / face->upem;
            hb_position_t nominal = hb_font_get_glyph_h_advance(face->hb_font, info[g].codepoint);
            /* libharu's width: per mille, truncated */
            unsigned drawn_permille = (unsigned)nominal * 1000u / face->upem;
            double drawn = drawn_permille;
            adjust[ch] += (float)(desired - drawn);
        }
    }
    return width;
}

/* The cache entry of (FACE, TEXT), shaped on first use when INSERT; NULL
 * when TEXT is not cached (not inserted, too long, the cache full, or no
 * memory). */
static bg_width_entry *entry_of(bg_fonts *f, int face_index, const char *text, size_t len,
                                bool insert)
{
    if (len > CACHED_TEXT_MAX) return NULL;
    bg_face *face = &f->faces[face_index];
    bg_width_cache *c = &f->widths;
    /* at most half full; a full cache (or one that cannot grow) is only
     * looked in */
    bool room = (c->count + 1) * 2 <= c->cap;
    if (!room && c->bytes <= CACHED_BYTES_MAX && cache_grow(c) == 0) room = true;
    if (c->cap == 0) return NULL;
    uint64_t h = hash_text(face_index, text, len);
    size_t k = h & (c->cap - 1);
    while (c->slots[k]) {
        bg_width_entry *e = c->slots[k];
        if (e->hash == h && e->face == face_index && e->len == len &&
            memcmp(entry_text(e), text, len) == 0)
            return e;
        k = (k + 1) & (c->cap - 1);
    }
    if (!insert || !room || c->bytes > CACHED_BYTES_MAX) return NULL;
    size_t chars = bg_utf8_count(text, len);
    size_t size = sizeof(bg_width_entry) + chars * sizeof(float) + len;
    bg_width_entry *e = malloc(size);
    if (!e) return NULL;
    e->hash = h;
    e->len = (uint32_t)len;
    e->chars = (uint32_t)chars;
    e->face = face_index;
    double units = shape(f, face, text, len, e->adjust, chars); /* (opens FACE: then UPEM) */
    e->width = units / face->upem;
    memcpy(e->adjust + chars, text, len);
    c->slots[k] = e;
    c->count++;
    c->bytes += size;
    return e;
}

double bg_shape_width(bg_fonts *f, int face_index, const char *text, size_t len)
{
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) return 0;
    const bg_width_entry *e = entry_of(f, face_index, text, len, true);
    if (e) return e->width;
    double units = shape(f, &f->faces[face_index], text, len, NULL, 0);
    return units / f->faces[face_index].upem;
}

double bg_shape_width_once(bg_fonts *f, int face_index, const char *text, size_t len)
{
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) return 0;
    const bg_width_entry *e = entry_of(f, face_index, text, len, false);
    if (e) return e->width;
    double units = shape(f, &f->faces[face_index], text, len, NULL, 0);
    return units / f->faces[face_index].upem;
}

void bg_shape_adjustments(bg_fonts *f, int face_index, const char *text, size_t len, float *out)
{
    size_t chars = bg_utf8_count(text, len);
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) {
        memset(out, 0, chars * sizeof *out);
        return;
    }
    const bg_width_entry *e = entry_of(f, face_index, text, len, false);
    if (e)
        memcpy(out, e->adjust, chars * sizeof *out);
    else
        shape(f, &f->faces[face_index], text, len, out, chars);
}

int bg_shape_advances(bg_fonts *f, int face_index, const char *text, size_t len, double *adv)
{
    memset(adv, 0, len * sizeof *adv);
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) return 0;
    if (len > (size_t)INT32_MAX) return -1;
    bg_face *face = &f->faces[face_index];
    const hb_glyph_position_t *pos;
    const hb_glyph_info_t *info;
    unsigned n = shape_run(f, face, text, len, &pos, &info);
    for (unsigned g = 0; g < n; g++)
        if (info[g].cluster < len) adv[info[g].cluster] += pos[g].x_advance / (double)face->upem;
    return 0;
}
