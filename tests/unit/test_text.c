/* test_text.c - typesetting (README, "Typesetting") through text.h: the font fallback chain (which
 * face draws Latin, Hangul, Cyrillic, Armenian that neither Gentium nor Nanum has, bold and italic,
 * a code point no face has), HarfBuzz widths, and break opportunities with Korean keep-all. Needs
 * fonts-nanum, fonts-unfonts-core, fonts-sil-gentiumplus and fonts-paratype, like the program. */
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#include "text/text.h"
#include "harness.h"

/* Decodes one UTF-8 sequence of S at *I (input is valid: written here). */
static uint32_t next_cp(const char *s, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    uint32_t cp;
    size_t n;
    if (u[0] < 0x80) {
        cp = u[0];
        n = 1;
    } else if (u[0] < 0xE0) {
        cp = u[0] & 0x1F;
        n = 2;
    } else if (u[0] < 0xF0) {
        cp = u[0] & 0x0F;
        n = 3;
    } else {
        cp = u[0] & 0x07;
        n = 4;
    }
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (u[k] & 0x3F);
    *i += n;
    return cp;
}

static bool contains_ci(const char *haystack, const char *needle)
{
    if (!haystack) return false;
    size_t n = strlen(needle);
    for (const char *p = haystack; *p; p++)
        if (strncasecmp(p, needle, n) == 0) return true;
    return false;
}

static const bg_face_info *face_of(bg_fonts *fonts, bg_font_ref ref)
{
    return ref.face >= 0 ? bg_fonts_face(fonts, ref.face) : NULL;
}

static bool is_family(bg_fonts *fonts, bg_font_ref ref, const char *family)
{
    const bg_face_info *info = face_of(fonts, ref);
    return info && info->family && strcasecmp(info->family, family) == 0;
}

static bool is_bold_face(bg_fonts *fonts, bg_font_ref ref)
{
    const bg_face_info *info = face_of(fonts, ref);
    return info && (contains_ci(info->style, "bold") || contains_ci(info->path, "bold"));
}

/* A serif face of the body chain (fonts/fonts.conf: the Latin face Gentium
 * Plus, then NanumMyeongjo, UnBatang, DejaVu Serif): never a sans or
 * monospaced face in the middle of serif text. */
static bool is_body_serif(bg_fonts *fonts, bg_font_ref ref)
{
    return is_family(fonts, ref, "Gentium Plus") || is_family(fonts, ref, "NanumMyeongjo") ||
           is_family(fonts, ref, "UnBatang") || is_family(fonts, ref, "DejaVu Serif");
}

static bool is_italic_face(bg_fonts *fonts, bg_font_ref ref)
{
    const bg_face_info *info = face_of(fonts, ref);
    return info && (contains_ci(info->style, "italic") || contains_ci(info->style, "oblique"));
}

static void report(bg_fonts *fonts, const char *what, uint32_t cp, int variant, bg_font_ref ref)
{
    const bg_face_info *info = face_of(fonts, ref);
    fprintf(stderr, "%s: U+%04X variant %d: face %d (%s %s) fake bold %d italic %d\n", what,
            (unsigned)cp, variant, ref.face, info ? info->family : "none", info ? info->style : "",
            ref.fake_bold, ref.fake_italic);
}

/* In the body role of a mixed string (README, "Faces"): Hangul comes from
 * NanumMyeongjo, everything else (Latin, Cyrillic, digits, spaces,
 * punctuation, the middle dot) from the Latin face, Gentium Plus: one face
 * for all of it, never letter by letter. */
static void test_body_chain(bg_fonts *fonts)
{
    const char *mixed = "Summit 정상회담 Владимир Путин Жуков, 2019 (한·러)";
    for (size_t i = 0; mixed[i];) {
        uint32_t cp = next_cp(mixed, &i);
        bg_font_ref ref = bg_fonts_lookup(fonts, BG_ROLE_BODY, 0, cp);
        const char *want = bg_is_hangul(cp) ? "NanumMyeongjo" : "Gentium Plus";
        if (!is_family(fonts, ref, want)) report(fonts, want, cp, 0, ref);
        CHECK(is_family(fonts, ref, want));
        CHECK_INT(ref.fake_bold, 0);
        CHECK_INT(ref.fake_italic, 0);
    }
    CHECK_STR(bg_fonts_family(fonts, BG_ROLE_BODY), "NanumMyeongjo");
    CHECK_STR(bg_fonts_family(fonts, BG_ROLE_HEADING), "NanumGothic");
    CHECK_STR(bg_fonts_family(fonts, BG_ROLE_MONO), "NanumGothicCoding");

    /* the heading role draws Hangul from NanumGothic, Latin and the en
     * dash from PT Sans; code draws Latin and Cyrillic from PT Mono,
     * Hangul from NanumGothicCoding */
    CHECK(is_family(fonts, bg_fonts_lookup(fonts, BG_ROLE_HEADING, 0, 0xD55C), "NanumGothic"));
    CHECK(is_family(fonts, bg_fonts_lookup(fonts, BG_ROLE_HEADING, 0, 'A'), "PT Sans"));
    CHECK(is_family(fonts, bg_fonts_lookup(fonts, BG_ROLE_HEADING, 0, 0x2013), "PT Sans"));
    CHECK(is_family(fonts, bg_fonts_lookup(fonts, BG_ROLE_MONO, 0, 'x'), "PT Mono"));
    CHECK(is_family(fonts, bg_fonts_lookup(fonts, BG_ROLE_MONO, 0, 0x0416), "PT Mono"));
    CHECK(is_family(fonts, bg_fonts_lookup(fonts, BG_ROLE_MONO, 0, 0xD55C), "NanumGothicCoding"));
}

/* Cyrillic of Russian, Ukrainian and Serbian names in every variant of
 * the body: the Latin face (never UnBatang, heavier and larger), bold from
 * a bold face and italic from an italic face, never faked. */
static void test_cyrillic_variants(bg_fonts *fonts)
{
    const uint32_t cps[] = {0x0412,         0x0430,         0x0416 /* Ж */, 0x0436,
                            0x0407 /* Ї */, 0x0404 /* Є */, 0x0402 /* Ђ */, 0x040B /* Ћ */,
                            0x0409 /* Љ */, 0x045A /* њ */};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        for (int variant = 0; variant < BG_VAR_COUNT; variant++) {
            bg_font_ref ref = bg_fonts_lookup(fonts, BG_ROLE_BODY, variant, cps[i]);
            bool serif = is_body_serif(fonts, ref);
            bool bold_ok = !(variant & BG_VAR_BOLD) || (is_bold_face(fonts, ref) && !ref.fake_bold);
            bool upright_ok = (variant & BG_VAR_BOLD) || !is_bold_face(fonts, ref);
            bool italic_ok =
                !(variant & BG_VAR_ITALIC) || (!ref.fake_italic && is_italic_face(fonts, ref));
            serif = serif && is_family(fonts, ref, "Gentium Plus");
            if (!serif || !bold_ok || !upright_ok || !italic_ok)
                report(fonts, "Cyrillic variant", cps[i], variant, ref);
            CHECK(ref.face >= 0);
            CHECK(serif);
            CHECK(bold_ok);
            CHECK(upright_ok);
            CHECK(italic_ok);
        }
    }
}

/* Armenian (U+0531) is in neither Gentium Plus nor Nanum: the chain falls
 * back to a TrueType face of the system (DejaVu), bold to a bold face. */
static void test_fallback(bg_fonts *fonts)
{
    bg_font_ref ayb = bg_fonts_lookup(fonts, BG_ROLE_BODY, 0, 0x0531);
    const bg_face_info *info = face_of(fonts, ayb);
    CHECK(ayb.face >= 0);
    CHECK(info != NULL && !contains_ci(info->family, "nanum") &&
          !contains_ci(info->family, "gentium"));
    if (info) CHECK(contains_ci(info->path, ".ttf"));
    bg_font_ref ayb_bold = bg_fonts_lookup(fonts, BG_ROLE_BODY, BG_VAR_BOLD, 0x0531);
    CHECK(ayb_bold.face >= 0 && is_bold_face(fonts, ayb_bold) && !ayb_bold.fake_bold);
}

/* Bold and italic (README, "Faces"): Latin from the Latin face's real bold,
 * italic and bold italic; Hangul bold from NanumMyeongjo Bold, and Hangul
 * in italic upright, never slanted: the other Korean face (NanumGothic in
 * the body, NanumMyeongjo in a heading). */
static void test_variants(bg_fonts *fonts)
{
    const uint32_t cps[] = {'A', 'g', 0xD55C /* 한 */, 0xAC00 /* 가 */};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        bool korean = bg_is_cjk(cps[i]);
        bg_font_ref regular = bg_fonts_lookup(fonts, BG_ROLE_BODY, 0, cps[i]);
        bg_font_ref bold = bg_fonts_lookup(fonts, BG_ROLE_BODY, BG_VAR_BOLD, cps[i]);
        bg_font_ref italic = bg_fonts_lookup(fonts, BG_ROLE_BODY, BG_VAR_ITALIC, cps[i]);
        bg_font_ref both =
            bg_fonts_lookup(fonts, BG_ROLE_BODY, BG_VAR_BOLD | BG_VAR_ITALIC, cps[i]);
        /* bold: a real bold face of the same family, not fill-and-stroke */
        CHECK(bold.face >= 0 && bold.face != regular.face);
        CHECK(is_family(fonts, bold, korean ? "NanumMyeongjo" : "Gentium Plus"));
        CHECK(is_bold_face(fonts, bold));
        CHECK_INT(bold.fake_bold, 0);
        CHECK(!is_bold_face(fonts, regular));
        /* italic: never a synthetic slant */
        CHECK_INT(italic.fake_italic, 0);
        CHECK_INT(italic.fake_bold, 0);
        CHECK_INT(both.fake_italic, 0);
        CHECK(is_bold_face(fonts, both));
        if (korean) {
            CHECK(is_family(fonts, italic, "NanumGothic") && !is_italic_face(fonts, italic));
            CHECK(is_family(fonts, both, "NanumGothic"));
        } else {
            CHECK(is_family(fonts, italic, "Gentium Plus") && is_italic_face(fonts, italic));
            CHECK(is_italic_face(fonts, both));
        }
        /* the heading role */
        bg_font_ref h_bold = bg_fonts_lookup(fonts, BG_ROLE_HEADING, BG_VAR_BOLD, cps[i]);
        CHECK(is_family(fonts, h_bold, korean ? "NanumGothic" : "PT Sans") &&
              is_bold_face(fonts, h_bold));
        bg_font_ref h_italic = bg_fonts_lookup(fonts, BG_ROLE_HEADING, BG_VAR_ITALIC, cps[i]);
        CHECK_INT(h_italic.fake_italic, 0);
        CHECK(is_family(fonts, h_italic, korean ? "NanumMyeongjo" : "PT Sans"));
    }
    /* Hanja are never slanted either, whichever face has them */
    for (int role = 0; role < BG_ROLE_COUNT; role++)
        for (int variant = BG_VAR_ITALIC; variant < BG_VAR_COUNT; variant++) {
            bg_font_ref han = bg_fonts_lookup(fonts, (bg_role)role, variant, 0x97D3 /* 韓 */);
            CHECK(han.face >= 0);
            CHECK_INT(han.fake_italic, 0);
        }
}

/* Private use and Ethiopic: no installed face has them; asking twice
 * (the second answer comes from the cache) gives the same -1. */
static void test_missing(bg_fonts *fonts)
{
    const uint32_t missing[] = {0xE000, 0x12A0, 0x10FFFD};
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        for (int variant = 0; variant < BG_VAR_COUNT; variant++) {
            CHECK_INT(bg_fonts_lookup(fonts, BG_ROLE_BODY, variant, missing[i]).face, -1);
            CHECK_INT(bg_fonts_lookup(fonts, BG_ROLE_BODY, variant, missing[i]).face, -1);
        }
        CHECK_INT(bg_fonts_lookup(fonts, BG_ROLE_HEADING, 0, missing[i]).face, -1);
        CHECK_INT(bg_fonts_lookup(fonts, BG_ROLE_MONO, 0, missing[i]).face, -1);
    }
}

static void test_width(bg_fonts *fonts)
{
    bg_font_ref ref = bg_fonts_lookup(fonts, BG_ROLE_BODY, 0, 'A');
    CHECK(ref.face >= 0);
    if (ref.face < 0) return;
    double first = bg_shape_width(fonts, ref.face, "AVATAR", 6);
    double second = bg_shape_width(fonts, ref.face, "AVATAR", 6);
    CHECK(first > 0);
    CHECK(first < 6.0); /* ems: six capitals are less than six ems wide */
    CHECK(first == second);
    /* a prefix is narrower; the width of a string grows with it */
    double ava = bg_shape_width(fonts, ref.face, "AVATAR", 3);
    CHECK(ava > 0 && ava < first);
    CHECK(bg_shape_width(fonts, ref.face, "AVATAR", 0) == 0);
    /* a Hangul syllable is about one em */
    bg_font_ref han = bg_fonts_lookup(fonts, BG_ROLE_BODY, 0, 0xD55C);
    double w = bg_shape_width(fonts, han.face, "한", strlen("한"));
    CHECK(w > 0.7 && w < 1.2);
    CHECK(bg_fonts_face_count(fonts) >= 2);
    const bg_face_info *info = bg_fonts_face(fonts, ref.face);
    CHECK(info && info->ascender > 0 && info->descender > 0);
    CHECK(bg_fonts_face(fonts, -1) == NULL);
    CHECK(bg_fonts_face(fonts, (int)bg_fonts_face_count(fonts)) == NULL);
}

static void test_breaks(void)
{
    bg_breaker *breaker = bg_breaker_new();
    CHECK(breaker != NULL);
    if (!breaker) return;
    const char *text = "한국 러시아 relations";
    size_t len = strlen(text);
    uint8_t *ok = calloc(len + 1, 1);
    CHECK(ok != NULL);
    if (!ok) {
        bg_breaker_free(breaker);
        return;
    }
    CHECK_INT(bg_breaks_find(breaker, text, len, ok), 0);
    /* byte offsets: 한(0) 국(3) ' '(6) 러(7) 시(10) 아(13) ' '(16) r(17) */
    size_t after_first_space = strlen("한국 ");
    size_t after_second_space = strlen("한국 러시아 ");
    for (size_t i = 0; i < len; i++) {
        bool want = i == after_first_space || i == after_second_space;
        if ((ok[i] != 0) != want) fprintf(stderr, "break before byte %zu: %d\n", i, ok[i]);
        CHECK((ok[i] != 0) == want);
    }
    /* a second call on other text resets the answer */
    const char *two = "서울에서 Moscow";
    size_t len2 = strlen(two);
    uint8_t *ok2 = calloc(len2 + 1, 1);
    if (ok2) {
        CHECK_INT(bg_breaks_find(breaker, two, len2, ok2), 0);
        for (size_t i = 0; i < len2; i++)
            CHECK((ok2[i] != 0) == (i == strlen("서울에서 ")));
        free(ok2);
    }
    free(ok);
    bg_breaker_free(breaker);

    CHECK(bg_is_hangul(0xAC00)); /* 가 */
    CHECK(bg_is_hangul(0xD7A3)); /* 힣 */
    CHECK(bg_is_hangul(0xD55C)); /* 한 */
    CHECK(bg_is_hangul(0x1100)); /* a leading jamo */
    CHECK(!bg_is_hangul('A'));
    CHECK(!bg_is_hangul(0x0416)); /* Ж */
    CHECK(!bg_is_hangul(0x00B7)); /* the middle dot of 한·러 */
    CHECK(!bg_is_hangul(0x4E00)); /* a Han ideograph */
    CHECK(!bg_is_hangul(0xD7A4));
}

int main(void)
{
    bg_diags diags;
    bg_diags_init(&diags);
    bg_fonts *fonts = NULL;
    int rc = bg_fonts_open(&fonts, bg_fonts_default_conf(), NULL, "t", &diags);
    CHECK_INT(rc, 0);
    CHECK(fonts != NULL);
    CHECK_INT(diags.errors, 0);
    CHECK_INT(diags.warnings, 0);
    if (diags.count) bg_diags_print(&diags, stderr);
    if (fonts) {
        test_body_chain(fonts);
        test_cyrillic_variants(fonts);
        test_fallback(fonts);
        test_variants(fonts);
        test_missing(fonts);
        test_width(fonts);
        bg_fonts_free(fonts);
    }
    test_breaks();
    bg_diags_free(&diags);
    return harness_report();
}
