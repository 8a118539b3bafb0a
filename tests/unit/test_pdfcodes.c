/* test_pdfcodes.c - the codes text is written with (subset.h): each
 * character's glyph id in its face's subset, so the CIDFont maps codes to
 * glyphs with /CIDToGIDMap /Identity; a character whose glyph an earlier
 * character has gets a code past the last glyph; a character the face did
 * not draw is code 0; a subset keeps no OpenType layout tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "harness.h"
#include "pdf/subset.h"

/* distinct glyphs: the codes are the glyph ids, nothing past the glyphs */
static void test_codes_are_glyph_ids(void)
{
    const uint16_t gids[] = {3, 1, 7, 2};
    uint16_t code[4];
    uint16_t *extra_gid;
    size_t extra;
    CHECK_INT(bg_pdf_codes_assign(gids, 4, 8, code, &extra_gid, &extra), 0);
    CHECK_INT(extra, 0);
    CHECK_INT(code[0], 3);
    CHECK_INT(code[1], 1);
    CHECK_INT(code[2], 7);
    CHECK_INT(code[3], 2);
    free(extra_gid);
}

/* two characters, one glyph (a no-break space drawn with the space's
 * glyph): the second gets the first code past the glyphs, mapped to that
 * glyph, so that each code still stands for one character */
static void test_shared_glyph_gets_code_past_glyphs(void)
{
    const uint16_t gids[] = {1, 5, 1, 5, 1, 0};
    uint16_t code[6];
    uint16_t *extra_gid;
    size_t extra;
    CHECK_INT(bg_pdf_codes_assign(gids, 6, 10, code, &extra_gid, &extra), 0);
    CHECK_INT(extra, 3);
    CHECK_INT(code[0], 1);
    CHECK_INT(code[1], 5);
    CHECK_INT(code[2], 10);
    CHECK_INT(code[3], 11);
    CHECK_INT(code[4], 12);
    CHECK_INT(code[5], 0); /* .notdef stays 0 */
    CHECK_INT(extra_gid[0], 1);
    CHECK_INT(extra_gid[1], 5);
    CHECK_INT(extra_gid[2], 1);
    free(extra_gid);
}

/* a character's code: from a table in the BMP, by binary search past it;
 * 0 for one the face did not draw */
static void test_font_code_lookup(void)
{
    uint32_t cps[] = {' ', 'A', 0xAC00, 0x1F600, 0x20B9F};
    uint16_t codes[] = {1, 2, 3, 4, 5};
    bg_pdf_font font;
    memset(&font, 0, sizeof font);
    font.cps = cps;
    font.count = 5;
    font.code = codes;
    CHECK_INT(bg_pdf_font_index(&font), 0);
    CHECK_INT(bg_pdf_font_code(&font, 'A'), 2);
    CHECK_INT(bg_pdf_font_code(&font, ' '), 1);
    CHECK_INT(bg_pdf_font_code(&font, 0xAC00), 3);
    CHECK_INT(bg_pdf_font_code(&font, 0xAC01), 0);
    CHECK_INT(bg_pdf_font_code(&font, 0x1F600), 4);
    CHECK_INT(bg_pdf_font_code(&font, 0x20B9F), 5);
    CHECK_INT(bg_pdf_font_code(&font, 'B'), 0);
    CHECK_INT(bg_pdf_font_code(&font, 0x1F601), 0);
    font.code = NULL; /* (not the font's to free) */
    bg_pdf_font_free(&font);
}

/* a face subset for the PDF keeps no OpenType layout table, nor the
 * glyphs only a substitution reaches (Gentium's "fi" ligature, its small
 * capitals): the PDF draws each character's own glyph */
static void test_subset_without_layout(void)
{
    const char *path = "/usr/share/fonts/truetype/gentiumplus/GentiumPlus-Regular.ttf";
    hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
    if (!file) {
        fprintf(stderr, "test_subset_without_layout: no %s (fonts-sil-gentiumplus)\n", path);
        CHECK(file != NULL);
        return;
    }
    uint32_t cps[] = {'f', 'i'};
    bg_face_chars chars = {cps, 2};
    bg_face_info info;
    memset(&info, 0, sizeof info);
    info.path = path;
    bg_pdf_font font;
    bg_diags diags;
    bg_diags_init(&diags);
    CHECK_INT(bg_pdf_font_make(&info, file, &chars, &font, &diags), 1);
    CHECK_INT(diags.count, 0);
    /* .notdef, the space, f and i */
    CHECK_INT(font.glyph_count, 4);
    hb_blob_t *data = hb_blob_create((const char *)font.data, (unsigned)font.size,
                                     HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *sub = hb_face_create(data, 0);
    static const char *const dropped[] = {"GSUB", "GPOS", "GDEF"};
    for (size_t i = 0; i < 3; i++) {
        hb_blob_t *table = hb_face_reference_table(sub, hb_tag_from_string(dropped[i], 4));
        CHECK_INT(hb_blob_get_length(table), 0);
        hb_blob_destroy(table);
    }
    hb_blob_t *glyf = hb_face_reference_table(sub, HB_TAG('g', 'l', 'y', 'f'));
    CHECK(hb_blob_get_length(glyf) > 0);
    hb_blob_destroy(glyf);
    hb_face_destroy(sub);
    hb_blob_destroy(data);
    bg_pdf_font_free(&font);
    bg_diags_free(&diags);
    hb_blob_destroy(file);
}

int main(void)
{
    test_subset_without_layout();
    test_codes_are_glyph_ids();
    test_shared_glyph_gets_code_past_glyphs();
    test_font_code_lookup();
    return harness_report();
}
