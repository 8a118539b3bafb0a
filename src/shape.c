/* shape.c - advance widths from HarfBuzz, each distinct (face, text)
 * shaped once. Kerning and ligatures are off for now: libharu draws each
 * character at its nominal advance, and widths must match what it draws. */
#include <stdlib.h>
#include <string.h>

#include "briefgen/util.h"
#include "fontsint.h"

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
    for (size_t i = 0; i < c->cap; i++)
        free(c->slots[i].text);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

/* Shapes TEXT in FACE; returns the advance in font units. */
static double shape(bg_fonts *f, bg_face *face, const char *text, size_t len)
{
    static const hb_feature_t features[] = {
        {HB_TAG('k', 'e', 'r', 'n'), 0, 0, (unsigned)-1},
        {HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
        {HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
    };
    hb_buffer_t *buf = f->buffer;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(face->hb_font, buf, features, 3);
    unsigned n;
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    double width = 0;
    for (unsigned i = 0; i < n; i++)
        width += pos[i].x_advance;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += bg_utf8_decode(text + i, &cp);
        hb_set_add(face->used, cp);
    }
    return width;
}

double bg_shape_width(bg_fonts *f, int face_index, const char *text, size_t len)
{
    if (face_index < 0 || (size_t)face_index >= f->face_count || len == 0) return 0;
    bg_face *face = &f->faces[face_index];
    bg_width_cache *c = &f->widths;
    if ((c->count + 1) * 2 > c->cap && cache_grow(c) != 0)
        return shape(f, face, text, len) / face->upem;
    uint64_t h = hash_text(face_index, text, len);
    size_t k = h & (c->cap - 1);
    while (c->slots[k].text) {
        bg_width_entry *e = &c->slots[k];
        if (e->hash == h && e->face == face_index && e->len == len &&
            memcmp(e->text, text, len) == 0)
            return e->width;
        k = (k + 1) & (c->cap - 1);
    }
    double width = shape(f, face, text, len) / face->upem;
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
        c->slots[k] = (bg_width_entry){copy, len, h, face_index, width};
        c->count++;
    }
    return width;
}
