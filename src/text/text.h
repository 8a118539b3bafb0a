/* text.h - fonts, shaping and break opportunities: everything layout needs
 * to know about text, with no PDF in sight.
 *
 * Fonts come from fontconfig (fonts/fonts.conf), TrueType outlines only,
 * as a fallback chain per role and variant; each character is drawn from
 * the first face of the chain that has it. Widths come from HarfBuzz, in
 * ems (multiply by the size in points). */
#ifndef BRIEFGEN_TEXT_H
#define BRIEFGEN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

typedef enum { BG_ROLE_BODY, BG_ROLE_HEADING, BG_ROLE_MONO, BG_ROLE_COUNT } bg_role;

/* Variant bits. */
enum { BG_VAR_BOLD = 1, BG_VAR_ITALIC = 2, BG_VAR_COUNT = 4 };

/* A face chosen for a character, and what has to be faked because the face
 * lacks it: fill-then-stroke for bold, a slant for italic. */
typedef struct bg_font_ref {
    int16_t face;
    uint8_t fake_bold;
    uint8_t fake_italic;
} bg_font_ref;

typedef struct bg_face_info {
    const char *path;
    int index;
    const char *family;
    const char *style;
    double ascender;   /* in ems, positive */
    double descender;  /* in ems, positive below the baseline */
    double x_height;   /* in ems */
    double cap_height; /* in ems */
} bg_face_info;

typedef struct bg_fonts bg_fonts;

/* The fontconfig file to use: $BRIEFGEN_FONTS_CONF, else
 * $BRIEFGEN_DATA_DIR/fonts.conf, else the one beside the executable
 * (installed: ../share/briefgen; a build folder: the source tree's or its
 * copy). The source tree's path is never compiled in. */
const char *bg_fonts_default_conf(void);

/* Opens fontconfig with CONF_FILE and asks for FAMILIES (NULL entries take
 * the defaults NanumMyeongjo, NanumGothic, NanumGothicCoding). A family that
 * is not installed is a warning (reported against WHERE) and the default
 * is used. Returns -1 when no usable TrueType font exists at all. DIAGS is
 * kept until bg_fonts_free: a face that cannot be embedded (no Unicode
 * cmap, unitsPerEm outside 16-16384, metrics beyond a PDF font's, not
 * subsettable) is found when first chosen for a character, reported there
 * once (a warning naming its file) and skipped. */
int bg_fonts_open(bg_fonts **fonts, const char *conf_file,
                  const char *const families[BG_ROLE_COUNT], const char *where, bg_diags *diags);
/* The same, a family the brief names reported at LINES[role], COLS[role]
 * of WHERE (its value under 'fonts:'; 0 when not given). */
int bg_fonts_open_at(bg_fonts **fonts, const char *conf_file,
                     const char *const families[BG_ROLE_COUNT], const char *where,
                     const int lines[BG_ROLE_COUNT], const int cols[BG_ROLE_COUNT],
                     bg_diags *diags);
/* Frees FONTS; when the chain cache missed (fonts.c), first writes it. */
void bg_fonts_free(bg_fonts *fonts);
/* Where the chains came from: "hit" (the chain cache under
 * $XDG_CACHE_HOME/briefgen), "miss" (fontconfig; the cache is written
 * when FONTS are freed) or "off" (BRIEFGEN_NO_CACHE, no cache folder). */
const char *bg_fonts_cache_state(const bg_fonts *fonts);

/* The face that draws code point CP in ROLE and VARIANT; face -1 when no
 * face of the chain has it. In ROLE's default family the role's Latin face
 * (fonts.conf) draws what it has before the Korean face. Italic Hangul and
 * Hanja (bg_is_cjk) come upright from the other role's chain (body <->
 * heading), never slanted. */
bg_font_ref bg_fonts_lookup(bg_fonts *fonts, bg_role role, int variant, uint32_t cp);
size_t bg_fonts_face_count(const bg_fonts *fonts);
/* (opens FACE's file the first time, from the chain cache: not to be
 * called from two threads at once) */
const bg_face_info *bg_fonts_face(const bg_fonts *fonts, int face);
/* The file of FACE (bg_fonts_face's PATH) without opening it; NULL for no
 * such face. */
const char *bg_fonts_face_path(const bg_fonts *fonts, int face);
/* The family name asked for ROLE after fallbacks. */
const char *bg_fonts_family(const bg_fonts *fonts, bg_role role);

/* Advance width, in ems, of LEN bytes of UTF-8 drawn in FACE (cached
 * when short: see shape.c). */
double bg_shape_width(bg_fonts *fonts, int face, const char *utf8, size_t len);
/* The same, never adding TEXT to the cache: for one-off pieces of text. */
double bg_shape_width_once(bg_fonts *fonts, int face, const char *utf8, size_t len);

/* For each character of TEXT in FACE, into OUT (one float a character):
 * its kerned advance less the width libharu writes for it, in thousandths
 * of an em (from the cache when bg_shape_width has measured TEXT, else
 * shaped anew). */
void bg_shape_adjustments(bg_fonts *fonts, int face, const char *utf8, size_t len, float *out);

/* The kerned advance, in ems, of each character of TEXT in FACE from one
 * shaping of the whole TEXT (not cached): ADV[i] for the character that
 * starts at byte I, 0 at the other bytes (LEN of them). A prefix of TEXT
 * alone differs from the sum only by the kerning of its last character
 * with the next. Returns 0, or -1 when TEXT is too long for HarfBuzz. */
int bg_shape_advances(bg_fonts *fonts, int face, const char *utf8, size_t len, double *adv);

/* Break opportunities (UAX #14 through ICU) for LEN bytes of UTF-8:
 * OK[i] is BG_BREAK_FREE when a line may break before byte i,
 * BG_BREAK_LAST when only as a last resort (after an en dash between
 * words, at the slashes of a code like KR-UZ/IGC/2019-07), else
 * BG_BREAK_NONE. Breaks between two Hangul syllables are dropped
 * (keep-all), so Korean words stay whole. */
enum { BG_BREAK_NONE = 0, BG_BREAK_FREE = 1, BG_BREAK_LAST = 2 };
typedef struct bg_breaker bg_breaker;
bg_breaker *bg_breaker_new(void);
void bg_breaker_free(bg_breaker *breaker);
int bg_breaks_find(bg_breaker *breaker, const char *utf8, size_t len, uint8_t *ok);

/* English hyphenation (libhyphen, hyphen-en-us patterns). NULL when the
 * patterns are not installed: text is then set without hyphens. */
typedef struct bg_hyphenator bg_hyphenator;
bg_hyphenator *bg_hyphenator_new(void);
void bg_hyphenator_free(bg_hyphenator *hyphenator);
/* Whether the patterns came from the cache of their automaton (hyphen.c);
 * waits for them to load. */
bool bg_hyphenator_cached(bg_hyphenator *hyphenator);
/* For a word of LEN ASCII letters (at least 6): POINTS[i] is set when it
 * may break after letter i. Returns how many points. */
int bg_hyphenate(bg_hyphenator *hyphenator, const char *word, size_t len, uint8_t *points);

/* URL break opportunities in LEN bytes of link text, as The Chicago
 * Manual of Style (6.17, 14.18) says: after // or a colon; before / . , -
 * _ ~ # % ?; before or after = and &; never with a hyphen added, never a
 * period or hyphen left at a line end. For every byte i of each URL (from
 * its scheme to the next space) but the first, OK[i] is BG_URL plus the
 * kind of break before it; bytes outside URLs are left alone. */
#define BG_URL 0x80
void bg_breaks_url(const char *utf8, size_t len, uint8_t *ok);

/* True when the space at byte AT of S (LEN bytes) joins the words either
 * side of it: a Korean family name and its given name (Kim Jong-un), the
 * parts of a Korean date (2019년 6월 29일, 2019. 6. 29.). */
bool bg_breaks_keep_space(const char *s, size_t len, size_t at);

/* True when a word of Hangul syllables may break (at a cost) between PREV
 * and CP: all four of PREV2 PREV | CP NEXT are syllables, so that at least
 * two syllables stand on each side (에|너지까지 is no break). */
bool bg_breaks_syllable_ok(uint32_t prev2, uint32_t prev, uint32_t cp, uint32_t next);

/* True for precomposed Hangul syllables (U+AC00-U+D7A3). */
bool bg_is_hangul_syllable(uint32_t cp);
/* True for Hangul syllables and jamo. */
bool bg_is_hangul(uint32_t cp);
/* True for Hangul, Hanja, kana, CJK symbols and full-width forms: the
 * characters drawn upright in italic text and kept at their size beside
 * Latin letters (fonts.c). */
bool bg_is_cjk(uint32_t cp);
/* True for letters of any script (Unicode Alphabetic). */
bool bg_is_letter(uint32_t cp);

#endif
