/* subset.c - each face cut down to the characters layout drew with it,
 * with HarfBuzz's subsetter, before libharu sees it: a smaller file to
 * embed and a much faster HPDF_GetFont (about 50 ms to 3 ms on Nanum,
 * whose cmap libharu scans for all 65,536 code points). The subset keeps a
 * Unicode cmap, which libharu needs, and maps there the two-byte codes
 * given to characters past U+FFFF (bg_pdf_codes). */
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

enum { PLANE = 0x10000 };

void bg_pdf_codes_free(bg_pdf_codes *codes)
{
    free(codes->code);
    free(codes->by_code);
    memset(codes, 0, sizeof *codes);
}

int bg_pdf_codes_make(const bg_face_chars *chars, bg_pdf_codes *codes)
{
    memset(codes, 0, sizeof *codes);
    size_t first = chars->count; /* (the characters are in ascending order) */
    while (first > 0 && chars->cps[first - 1] >= PLANE)
        first--;
    if (first == chars->count) return 0;
    codes->astral = chars->cps + first;
    codes->count = chars->count - first;
    codes->code = calloc(codes->count, sizeof *codes->code);
    codes->by_code = malloc(codes->count * sizeof *codes->by_code);
    uint8_t *used = calloc(PLANE / 8, 1);
    if (!codes->code || !codes->by_code || !used) {
        free(used);
        bg_pdf_codes_free(codes);
        return -1;
    }
    for (size_t i = 0; i < first; i++)
        used[chars->cps[i] >> 3] |= (uint8_t)(1u << (chars->cps[i] & 7));
    used[' ' >> 3] |= 1u << (' ' & 7); /* every subset holds the space */
    /* codes the face does not use: the Private Use Area and what follows
     * it, then below it; never a control, a surrogate (no UTF-8 for
     * libharu's encoder) or U+FFFE-U+FFFF (format 4 ends at U+FFFF) */
    static const uint32_t ranges[][2] = {{0xE000, 0xFFFD}, {0x0020, 0xD7FF}};
    size_t range = 0, high = 0; /* HIGH: the astral characters coded from the first range */
    uint32_t next = ranges[0][0];
    for (size_t i = 0; i < codes->count; i++) {
        while (range < 2 && (next > ranges[range][1] || (used[next >> 3] >> (next & 7)) & 1)) {
            if (next > ranges[range][1]) {
                if (++range < 2) next = ranges[range][0];
            } else {
                next++;
            }
        }
        if (range == 2) break; /* none left: drawn as '?' */
        codes->code[i] = (uint16_t)next++;
        if (range == 0) high++;
        codes->coded++;
    }
    /* code order: those from below the Private Use Area, then the others */
    size_t k = 0;
    for (size_t i = high; i < codes->coded; i++)
        codes->by_code[k++] = i;
    for (size_t i = 0; i < high; i++)
        codes->by_code[k++] = i;
    free(used);
    return 0;
}

uint32_t bg_pdf_code(const bg_pdf_codes *codes, uint32_t cp)
{
    if (cp < PLANE) return cp;
    size_t lo = 0, hi = codes->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (codes->astral[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < codes->count && codes->astral[lo] == cp ? codes->code[lo] : 0;
}

size_t bg_pdf_identity_ranges(const bg_pdf_codes *codes, unsigned first, unsigned last,
                              uint32_t (*ranges)[2])
{
    size_t n = 0, next = 0; /* NEXT: the next code cut out, in code order */
    while (next < codes->coded && codes->code[codes->by_code[next]] < first << 8)
        next++;
    for (uint32_t hi = first; hi <= last; hi++) {
        uint32_t from = hi << 8, end = from | 0xFF;
        for (; next < codes->coded && codes->code[codes->by_code[next]] <= end; next++) {
            uint32_t code = codes->code[codes->by_code[next]];
            if (code > from) {
                ranges[n][0] = from;
                ranges[n++][1] = code - 1;
            }
            from = code + 1;
        }
        if (from <= end) {
            ranges[n][0] = from;
            ranges[n++][1] = end;
        }
    }
    return n;
}

/* The character whose glyph CODE draws: CODE itself, or the character
 * past U+FFFF that CODES gave it. */
static uint32_t code_source(const bg_pdf_codes *codes, uint32_t code)
{
    size_t lo = 0, hi = codes->coded;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (codes->code[codes->by_code[mid]] < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < codes->coded && codes->code[codes->by_code[lo]] == code)
        return codes->astral[codes->by_code[lo]];
    return code;
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/* The glyph of CP in SUB: through its cmap, or without one through PLAN's
 * glyph mappings. 0 when it has none. */
static hb_codepoint_t glyph_of(hb_font_t *sub, const hb_subset_plan_t *plan, hb_codepoint_t cp)
{
    hb_codepoint_t glyph = 0;
    if (!plan) {
        hb_font_get_nominal_glyph(sub, cp, &glyph);
        return glyph;
    }
    hb_codepoint_t old = hb_map_get(hb_subset_plan_unicode_to_old_glyph_mapping(plan), cp);
    if (old == HB_MAP_VALUE_INVALID) return 0;
    glyph = hb_map_get(hb_subset_plan_old_to_new_glyph_mapping(plan), old);
    return glyph == HB_MAP_VALUE_INVALID ? 0 : glyph;
}

/* A cmap (format 4, Windows Unicode BMP) for the characters of SUB in
 * USED (those past U+FFFF at their CODES) whose segments span whole
 * clusters of code points, unused ones mapped to glyph 0 through the glyph
 * id array. libharu looks glyphs up with a linear scan of the segments,
 * 65,536 times when it loads a font: a subset's cmap with one segment per
 * scattered Hangul syllable made that most of a small render. Glyphs come
 * from SUB's cmap, or from PLAN when SUB has none. NULL when the table
 * would not fit format 4. */
static hb_blob_t *dense_cmap(hb_face_t *sub, const hb_subset_plan_t *plan, const hb_set_t *used,
                             const bg_pdf_codes *codes, unsigned gap)
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
            if (hb_set_has(used, c))
                glyph = glyph_of(font, plan, codes->coded ? code_source(codes, c) : c);
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

/* SUB with its cmap replaced by a dense one (a new reference either way):
 * the characters of USED, those past U+FFFF at their CODES; with PLAN, SUB
 * has no cmap and gets one (NULL when it cannot). */
static hb_face_t *with_dense_cmap(hb_face_t *built, const hb_subset_plan_t *plan,
                                  const hb_set_t *used, const bg_pdf_codes *codes)
{
    /* the subsetter's face lists no tables: read its serialised form */
    hb_blob_t *whole = hb_face_reference_blob(built);
    hb_face_t *sub = hb_face_create(whole, 0);
    hb_blob_destroy(whole);
    hb_set_t *coded = hb_set_copy(used); /* (the loops end at U+FFFF) */
    for (size_t i = 0; i < codes->coded; i++)
        hb_set_add(coded, codes->code[i]);
    hb_blob_t *cmap = NULL;
    if (hb_set_allocation_successful(coded)) {
        cmap = dense_cmap(sub, plan, coded, codes, 64);
        if (!cmap) cmap = dense_cmap(sub, plan, coded, codes, 4);
    }
    hb_set_destroy(coded);
    if (!cmap && plan) {
        hb_face_destroy(sub);
        return NULL;
    }
    if (!cmap) return sub;
    hb_face_t *builder = hb_face_builder_create();
    /* every table, 64 tags at a time (a font may have more) */
    hb_tag_t tags[64];
    unsigned count = 64;
    for (unsigned start = 0; count == 64; start += count) {
        count = 64;
        hb_face_get_table_tags(sub, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            hb_blob_t *table = tags[i] == HB_TAG('c', 'm', 'a', 'p')
                                   ? hb_blob_reference(cmap)
                                   : hb_face_reference_table(sub, tags[i]);
            hb_face_builder_add_table(builder, tags[i], table);
            hb_blob_destroy(table);
        }
    }
    if (plan) hb_face_builder_add_table(builder, HB_TAG('c', 'm', 'a', 'p'), cmap);
    hb_blob_destroy(cmap);
    hb_face_destroy(sub);
    return builder;
}

int bg_pdf_subset(const bg_face_info *face, const bg_face_chars *chars, const bg_pdf_codes *codes,
                  char **path, bg_diags *diags)
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
    hb_subset_plan_t *plan = NULL;
    if (!sub) {
        /* HarfBuzz 6.0 fails on the cmap of some sets (5,368 scattered
         * characters of HanaMinB): the subset is then made without one,
         * and the dense cmap from the plan's glyph mappings */
        hb_set_add(hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG),
                   HB_TAG('c', 'm', 'a', 'p'));
        plan = hb_subset_plan_create_or_fail(whole, input);
        sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    }
    hb_subset_input_destroy(input);
    hb_face_t *dense = sub ? with_dense_cmap(sub, plan, used, codes) : NULL;
    hb_subset_plan_destroy(plan);
    hb_face_destroy(whole);
    hb_set_destroy(used);
    hb_face_destroy(sub);
    if (!dense) {
        bg_diag_add(diags, BG_ERROR, face->path, 0, 0, "cannot subset this font");
        return -1;
    }
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

char *bg_pdf_chars_text(const bg_face_chars *chars, const bg_pdf_codes *codes)
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
        uint32_t code = bg_pdf_code(codes, chars->cps[i]);
        if (code) len += bg_utf8_encode(code, out + len);
    }
    if (!space) len += bg_utf8_encode(' ', out + len);
    out[len] = '\0';
    return out;
}
