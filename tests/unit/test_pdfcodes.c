/* test_pdfcodes.c - two-byte codes for characters past U+FFFF (subset.h):
 * each gets a code its face does not use in the document, from U+E000 up,
 * then below it; the ToUnicode ranges of the other codes leave them out. */
#include <stdlib.h>

#include "base/arena.h"
#include "harness.h"
#include "pdf/subset.h"

static bg_face_chars chars_of(uint32_t *cps, size_t n)
{
    bg_face_chars c = {cps, n};
    return c;
}

/* a face drawing A, U+E000, U+E001 and U+E003 besides three characters past
 * U+FFFF: they get U+E002, U+E004 and U+E005 */
static void test_private_use_skips_used_codes(void)
{
    uint32_t cps[] = {'A', 0xE000, 0xE001, 0xE003, 0x1F600, 0x1F680, 0x20B9F};
    bg_face_chars chars = chars_of(cps, 7);
    bg_pdf_codes codes;
    CHECK_INT(bg_pdf_codes_make(&chars, &codes), 0);
    CHECK_INT(codes.count, 3);
    CHECK_INT(codes.coded, 3);
    CHECK_INT(bg_pdf_code(&codes, 0x1F600), 0xE002);
    CHECK_INT(bg_pdf_code(&codes, 0x1F680), 0xE004);
    CHECK_INT(bg_pdf_code(&codes, 0x20B9F), 0xE005);
    CHECK_INT(bg_pdf_code(&codes, 'A'), 'A');   /* the BMP is itself */
    CHECK_INT(bg_pdf_code(&codes, 0x1F601), 0); /* not drawn by the face */
    /* ranges of E0xx: E000-E001, E003, E006-E0FF */
    uint32_t ranges[256 + 3][2];
    size_t n = bg_pdf_identity_ranges(&codes, 0xE0, 0xE1, ranges);
    CHECK_INT(n, 4);
    CHECK_INT(ranges[0][0], 0xE000);
    CHECK_INT(ranges[0][1], 0xE001);
    CHECK_INT(ranges[1][0], 0xE003);
    CHECK_INT(ranges[1][1], 0xE003);
    CHECK_INT(ranges[2][0], 0xE006);
    CHECK_INT(ranges[2][1], 0xE0FF);
    CHECK_INT(ranges[3][0], 0xE100);
    CHECK_INT(ranges[3][1], 0xE1FF);
    /* a block without codes: one range per high byte, as without any */
    n = bg_pdf_identity_ranges(&codes, 0x00, 0xD7, ranges);
    CHECK_INT(n, 0xD8);
    CHECK_INT(ranges[0x41][0], 0x4100);
    CHECK_INT(ranges[0x41][1], 0x41FF);
    bg_pdf_codes_free(&codes);
}

/* a face without characters past U+FFFF needs no codes */
static void test_bmp_only(void)
{
    uint32_t cps[] = {' ', 'A', 0xAC00};
    bg_face_chars chars = chars_of(cps, 3);
    bg_pdf_codes codes;
    CHECK_INT(bg_pdf_codes_make(&chars, &codes), 0);
    CHECK_INT(codes.count, 0);
    CHECK_INT(bg_pdf_code(&codes, 0xAC00), 0xAC00);
    bg_pdf_codes_free(&codes);
}

/* a face that uses every code from U+E000 to U+FFFD: the codes come from
 * below, never a control (under U+0020), never a surrogate; past the last
 * free code a character has none (it is drawn as '?') */
static void test_codes_from_below_and_none_left(void)
{
    size_t bmp = 0xFFFD - 0xE000 + 1, extra = 3;
    uint32_t *cps = malloc((bmp + 2 + extra) * sizeof *cps);
    if (!cps) return;
    size_t n = 0;
    cps[n++] = 0x20;
    cps[n++] = 0x21;
    for (uint32_t c = 0xE000; c <= 0xFFFD; c++)
        cps[n++] = c;
    for (size_t i = 0; i < extra; i++)
        cps[n++] = 0x20000 + (uint32_t)i;
    bg_face_chars chars = chars_of(cps, n);
    bg_pdf_codes codes;
    CHECK_INT(bg_pdf_codes_make(&chars, &codes), 0);
    CHECK_INT(codes.coded, 3);
    CHECK_INT(bg_pdf_code(&codes, 0x20000), 0x22);
    CHECK_INT(bg_pdf_code(&codes, 0x20002), 0x24);
    bg_pdf_codes_free(&codes);
    free(cps);

    /* every code of the BMP but the surrogates and controls in use */
    size_t all = 0x10000;
    cps = malloc((all + 2) * sizeof *cps);
    if (!cps) return;
    n = 0;
    for (uint32_t c = 0x20; c <= 0xFFFD; c++)
        if (c < 0xD800 || c > 0xDFFF) cps[n++] = c;
    cps[n++] = 0x1F600;
    chars = chars_of(cps, n);
    CHECK_INT(bg_pdf_codes_make(&chars, &codes), 0);
    CHECK_INT(codes.count, 1);
    CHECK_INT(codes.coded, 0);
    CHECK_INT(bg_pdf_code(&codes, 0x1F600), 0);
    bg_pdf_codes_free(&codes);
    free(cps);
}

int main(void)
{
    test_private_use_skips_used_codes();
    test_bmp_only();
    test_codes_from_below_and_none_left();
    return harness_report();
}
