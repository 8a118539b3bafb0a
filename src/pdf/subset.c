/* subset.c - each face cut down to the characters layout drew with it,
 * with HarfBuzz's subsetter, before libharu sees it: a smaller file to
 * embed and a much faster HPDF_GetFont (about 50 ms to 3 ms on Nanum,
 * whose cmap libharu scans for all 65,536 code points). The subset keeps a
 * Unicode cmap, which libharu needs. */
#include <errno.h>
#include <hb-subset.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/temp.h"
#include "base/util.h"
#include "pdf/subset.h"

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/* A cmap (format 4, Windows Unicode BMP) for the characters of SUB whose
 * segments span whole clusters of code points, unused ones mapped to
 * glyph 0 through the glyph id array. libharu looks glyphs up with a
 * linear scan of the segments, 65,536 times when it loads a font: a
 * subset's cmap with one segment per scattered Hangul syllable made that
 * most of a small render. NULL when the table would not fit format 4. */
static hb_blob_t *dense_cmap(hb_face_t *sub, const hb_set_t *used, unsigned gap)
{
    /* at most one segment per character, and the closing one */
    size_t most = (size_t)hb_set_get_population(used) + 1;
    unsigned *starts = malloc(most * sizeof *starts), *ends = malloc(most * sizeof *ends);
    unsigned char *t = NULL;
    size_t total = 0;
    unsigned nseg = 0, entries = 0;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    if (!starts || !ends) goto fail;
    while (hb_set_next(used, &cp) && cp < 0xFFFF) {
        if (nseg && cp - ends[nseg - 1] <= gap) {
            ends[nseg - 1] = cp;
            continue;
        }
        starts[nseg] = ends[nseg] = cp;
        nseg++;
    }
    for (unsigned i = 0; i < nseg; i++)
        entries += ends[i] - starts[i] + 1;
    starts[nseg] = ends[nseg] = 0xFFFF; /* the closing segment */
    nseg++;
    size_t sub_len = 16 + (size_t)nseg * 8 + (size_t)entries * 2;
    if (sub_len > 0xFFFF) goto fail; /* too big for format 4: the caller keeps HarfBuzz's */
    total = 12 + sub_len;
    t = calloc(1, total);
    if (!t) goto fail;
    hb_font_t *font = hb_font_create(sub);
    put16(t + 2, 1);   /* one encoding record */
    put16(t + 4, 3);   /* Windows */
    put16(t + 6, 1);   /* Unicode BMP */
    put16(t + 10, 12); /* offset of the subtable */
    unsigned char *s = t + 12;
    put16(s, 4);
    put16(s + 2, (unsigned)sub_len);
    put16(s + 6, nseg * 2);
    unsigned range = 1, selector = 0;
    while (range * 2 <= nseg) {
        range *= 2;
        selector++;
    }
    put16(s + 8, range * 2);
    put16(s + 10, selector);
    put16(s + 12, nseg * 2 - range * 2);
    size_t segs = nseg;
    unsigned char *end = s + 14, *start = end + segs * 2 + 2, *delta = start + segs * 2;
    unsigned char *offset = delta + segs * 2, *glyphs = offset + segs * 2;
    size_t at = 0;
    for (size_t i = 0; i < segs; i++) {
        put16(end + 2 * i, ends[i]);
        put16(start + 2 * i, starts[i]);
        if (i == segs - 1) {
            put16(delta + 2 * i, 1); /* 0xFFFF -> glyph 0 */
            continue;
        }
        put16(offset + 2 * i, (unsigned)(2 * (segs - i) + 2 * at));
        for (unsigned c = starts[i]; c <= ends[i]; c++, at++) {
            hb_codepoint_t glyph = 0;
            if (hb_set_has(used, c)) hb_font_get_nominal_glyph(font, c, &glyph);
            put16(glyphs + 2 * at, glyph);
        }
    }
    hb_font_destroy(font);
    free(starts);
    free(ends);
    return hb_blob_create((const char *)t, (unsigned)total, HB_MEMORY_MODE_WRITABLE, t, free);
fail:
    free(starts);
    free(ends);
    return NULL;
}

/* SUB with its cmap replaced by a dense one (a new reference either way). */
static hb_face_t *with_dense_cmap(hb_face_t *built, const hb_set_t *used)
{
    /* the subsetter's face lists no tables: read its serialised form */
    hb_blob_t *whole = hb_face_reference_blob(built);
    hb_face_t *sub = hb_face_create(whole, 0);
    hb_blob_destroy(whole);
    hb_blob_t *cmap = dense_cmap(sub, used, 64);
    if (!cmap) cmap = dense_cmap(sub, used, 4);
    if (!cmap) return sub;
    hb_face_t *builder = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned count = 64;
    hb_face_get_table_tags(sub, 0, &count, tags);
    for (unsigned i = 0; i < count; i++) {
        hb_blob_t *table = tags[i] == HB_TAG('c', 'm', 'a', 'p')
                               ? hb_blob_reference(cmap)
                               : hb_face_reference_table(sub, tags[i]);
        hb_face_builder_add_table(builder, tags[i], table);
        hb_blob_destroy(table);
    }
    hb_blob_destroy(cmap);
    hb_face_destroy(sub);
    return builder;
}

int bg_pdf_subset(const bg_face_info *face, const bg_face_chars *chars, char **path,
                  bg_diags *diags)
{
    *path = NULL;
    if (chars->count == 0) return 0;
    hb_blob_t *file = hb_blob_create_from_file_or_fail(face->path);
    if (!file) {
        bg_diag_add(diags, BG_ERROR, face->path, 0, 0, "cannot read this font");
        return -1;
    }
    hb_face_t *whole = hb_face_create(file, (unsigned)face->index);
    hb_blob_destroy(file);
    hb_set_t *used = hb_set_create();
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input || !hb_set_allocation_successful(used)) {
        hb_subset_input_destroy(input);
        hb_set_destroy(used);
        hb_face_destroy(whole);
        return -1;
    }
    for (size_t i = 0; i < chars->count; i++)
        hb_set_add(used, chars->cps[i]);
    hb_set_add(used, ' ');
    hb_set_union(hb_subset_input_unicode_set(input), used);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(whole, input);
    hb_subset_input_destroy(input);
    hb_face_destroy(whole);
    if (!sub) {
        hb_set_destroy(used);
        bg_diag_add(diags, BG_ERROR, face->path, 0, 0, "cannot subset this font");
        return -1;
    }
    hb_face_t *dense = with_dense_cmap(sub, used);
    hb_set_destroy(used);
    hb_face_destroy(sub);
    sub = dense;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned size;
    const char *data = hb_blob_get_data(blob, &size);
    const char *tmp = getenv("TMPDIR");
    char *name = malloc(4096);
    int status = -1;
    if (name) {
        snprintf(name, 4096, "%s/briefgen-font-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        int fd = bg_temp_create(name, 0600);
        if (fd >= 0) {
            FILE *out = fdopen(fd, "wb");
            if (!out) {
                close(fd);
                bg_temp_remove(name);
            } else {
                bool written = fwrite(data, 1, size, out) == size;
                bool closed = fclose(out) == 0; /* closed once, whatever happened */
                if (written && closed)
                    status = 1;
                else
                    bg_temp_remove(name);
            }
        }
        if (status != 1) {
            bg_diag_add(diags, BG_ERROR, face->path, 0, 0,
                        "cannot write a subset of this font in %s: %s", tmp && *tmp ? tmp : "/tmp",
                        strerror(errno));
            free(name);
            name = NULL;
        }
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    *path = name;
    return status;
}

char *bg_pdf_chars_text(const bg_face_chars *chars)
{
    char *out = malloc((chars->count + 1) * 4 + 1);
    if (!out) return NULL;
    size_t len = 0;
    bool space = false; /* the space that every subset holds, in its place */
    for (size_t i = 0; i < chars->count; i++) {
        if (!space && chars->cps[i] >= ' ') {
            space = true;
            if (chars->cps[i] != ' ') len += bg_utf8_encode(' ', out + len);
        }
        len += bg_utf8_encode(chars->cps[i], out + len);
    }
    if (!space) len += bg_utf8_encode(' ', out + len);
    out[len] = '\0';
    return out;
}
