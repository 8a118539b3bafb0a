/* shape.c - advance widths from HarfBuzz with kerning, each distinct
 * (face, text) shaped once. Ligatures stay off: libharu's codes are
 * characters, not glyphs. For each character the cache also keeps how far
 * the kerned advance is from the width libharu writes for it (its per-mille
 * width, truncated): the PDF back end puts that difference into its TJ
 * arrays, so glyphs land where HarfBuzz placed them. */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/fontsint.h"

static uint64_t hash_text(int face, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)face;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int cache_grow(bg_width_cache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 1024;
    bg_width_entry *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < c->cap; i++) {
        bg_width_entry *e = &c->slots[i];
        if (!e->text) continue;
        size_t k = e->hash & (cap - 1);
        while (slots[k].text)
            k = (k + 1) & (cap - 1);
        slots[k] = *e;
    }
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
    return 0;
}

void bg_width_cache_free(bg_width_cache *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        free(c->slots[i].text);
        free(c->slots[i].adjust);
    }
    free(c->slots);
    memset(c, 0, sizeof *c);
}

/* Shapes TEXT in FACE; returns the advance in font units and, when ADJUST
 * is given, each character's kerned advance less libharu's truncated
 * per-mille width (thousandths of an em). */
static double shape(bg_fonts *f, bg_face *face, const char *text, size_t len, float *adjust,
                    size_t chars)
{
    static const hb_feature_t features[] = {
        {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
        {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
    };
    hb_buffer_t *buf = f->buffer;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(face->hb_font, buf, features, 2);
    unsigned n;
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
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

/* The cache entry of (FACE, TEXT), shaped on first use; NULL without memory. */
static bg_width_entry *entry_of(bg_fonts *f, int face_index, const char *text, size_t len)
{
    bg_face *face = &f->faces[face_index];
    bg_width_cache *c = &f->widths;
    if ((c->count + 1) * 2 > c->cap && cache_grow(c) != 0) return NULL;
    uint64_t h = hash_text(face_index, text, len);
    size_t k = h & (c->cap - 1);
    while (c->slots[k].text) {
        bg_width_entry *e = &c->slots[k];
        if (e->hash == h && e->face == face_index && e->len == len &&
            memcmp(e->text, text, len) == 0)
            return e;
        k = (k + 1) & (c->cap - 1);
    }
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    char *copy = malloc(len + 1);
    float *adjust = malloc((chars ? chars : 1) * sizeof *adjust);
    if (!copy || !adjust) {
        free(copy);
        free(adjust);
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    double width = shape(f, face, text, len, adjust, chars) / face->upem;
    c->slots[k] = (bg_width_entry){copy, len, h, face_index, width, adjust, chars};
    c->count++;
    return &c->slots[k];
}

double bg_shape_width(bg_fonts *f, int face_index, const char *text, size_t len)
{
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) return 0;
    const bg_width_entry *e = entry_of(f, face_index, text, len);
    if (!e) return shape(f, &f->faces[face_index], text, len, NULL, 0) / f->faces[face_index].upem;
    return e->width;
}

const float *bg_shape_adjustments(bg_fonts *f, int face_index, const char *text, size_t len)
{
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) return NULL;
    const bg_width_entry *e = entry_of(f, face_index, text, len);
    return e ? e->adjust : NULL;
}
