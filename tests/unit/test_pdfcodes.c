/* test_pdfcodes.c - the codes text is written with (subset.h): each
 * character's glyph id in its face's subset, so the CIDFont maps codes to
 * glyphs with /CIDToGIDMap /Identity; a character whose glyph an earlier
 * character has gets a code past the last glyph; a character the face did
 * not draw is code 0. */
#include <stdlib.h>

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

int main(void)
{
    test_codes_are_glyph_ids();
    test_shared_glyph_gets_code_past_glyphs();
    test_font_code_lookup();
    return harness_report();
}
