/* fonts.c - fontconfig resolution of the three roles (body, heading, mono)
 * into fallback chains of TrueType faces, per-character face look-up, and
 * the HarfBuzz faces behind them. See text.h. Each default chain starts
 * with the role's Latin face (fonts.conf: Gentium Plus, PT Sans), then the
 * Korean family; italic Hangul and Hanja come upright from the other
 * role's chain (README, "Faces").
 *
 * A face is checked the first time it is chosen for a character (its
 * tables read as the OpenType specification lays them out,
 * https://learn.microsoft.com/typography/opentype/spec/): one that the
 * PDF back end could not embed is skipped with one warning naming its
 * file, and the chains are built again without it, so that the next face
 * that has the character draws it. */
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/arena.h"
#include "text/text.h"
#include "text/fontsint.h"

#define BMP 0x10000

static const char *const default_family[BG_ROLE_COUNT] = {"NanumMyeongjo", "NanumGothic",
                                                          "NanumGothicCoding"};
static const char *const role_name[BG_ROLE_COUNT] = {"body", "heading", "mono"};

const char *bg_fonts_default_conf(void)
{
    /* beside the executable: installed (bin/../share/briefgen), a build
     * folder inside the source tree (build/../fonts, build/tests/../../fonts:
     * the live file), a build folder elsewhere (its copy in share/briefgen) */
    static const char *const candidates[] = {"../share/briefgen/fonts.conf", "../fonts/fonts.conf",
                                             "../../fonts/fonts.conf", "share/briefgen/fonts.conf"};
    const char *env = getenv("BRIEFGEN_FONTS_CONF");
    if (env && *env) return env;
    static _Thread_local char found[PATH_MAX];
    const char *data = getenv("BRIEFGEN_DATA_DIR");
    if (data && *data) {
        int n = snprintf(found, sizeof found, "%s/fonts.conf", data);
        return n > 0 && (size_t)n < sizeof found ? found : data;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return "fonts.conf"; /* no /proc: named in the error */
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        int n_written = snprintf(found, sizeof found, "%s/%s", exe, candidates[i]);
        if (n_written > 0 && (size_t)n_written < sizeof found && access(found, R_OK) == 0)
            return found;
    }
    /* the installed place, named in the error */
    int len = snprintf(found, sizeof found, "%s/../share/briefgen/fonts.conf", exe);
    return len > 0 && (size_t)len < sizeof found ? found : "fonts.conf";
}

/* The face of FILE and INDEX, added to the table on first use; -1 when
 * HarfBuzz cannot read it. */
static int face_intern(bg_fonts *f, FcPattern *pat)
{
    FcChar8 *file = NULL, *family = NULL, *style = NULL;
    int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
    FcCharSet *charset = NULL;
    if (FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetCharSet(pat, FC_CHARSET, 0, &charset) != FcResultMatch)
        return -1;
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    FcPatternGetInteger(pat, FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(pat, FC_SLANT, 0, &slant);
    FcPatternGetString(pat, FC_FAMILY, 0, &family);
    FcPatternGetString(pat, FC_STYLE, 0, &style);
    /* the file itself, not a link to it (Debian's alternative
     * fonts-japanese-mincho.ttf is HanaMinA.ttf): one face, named by its file */
    char *path = realpath((const char *)file, NULL);
    if (!path) return -1;
    for (size_t i = 0; i < f->face_count; i++)
        if (f->faces[i].index == index && strcmp(f->faces[i].path, path) == 0) {
            free(path);
            return (int)i;
        }
    bg_face *grown = bg_grow(f->faces, f->face_count, &f->face_cap, sizeof *grown, 8);
    hb_blob_t *blob = grown ? hb_blob_create_from_file_or_fail(path) : NULL;
    if (grown) f->faces = grown;
    if (!blob) {
        free(path);
        return -1;
    }
    bg_face *face = &f->faces[f->face_count];
    memset(face, 0, sizeof *face);
    face->path = path;
    face->hb_face = hb_face_create(blob, (unsigned)index);
    hb_blob_destroy(blob);
    face->hb_font = hb_font_create(face->hb_face);
    face->upem = hb_face_get_upem(face->hb_face);
    if (face->upem == 0) face->upem = 1000;
    face->family = strdup(family ? (const char *)family : "");
    face->style = strdup(style ? (const char *)style : "");
    face->index = index;
    face->bold = weight >= FC_WEIGHT_DEMIBOLD;
    face->italic = slant != FC_SLANT_ROMAN;
    face->charset = FcCharSetCopy(charset);
    hb_font_extents_t ext;
    double em = face->upem;
    if (hb_font_get_h_extents(face->hb_font, &ext)) {
        face->info.ascender = ext.ascender / em;
        face->info.descender = -ext.descender / em;
    } else {
        face->info.ascender = 0.8;
        face->info.descender = 0.2;
    }
    hb_position_t pos;
    face->info.x_height =
        hb_ot_metrics_get_position(face->hb_font, HB_OT_METRICS_TAG_X_HEIGHT, &pos) ? pos / em
                                                                                    : 0.5;
    face->info.cap_height =
        hb_ot_metrics_get_position(face->hb_font, HB_OT_METRICS_TAG_CAP_HEIGHT, &pos) ? pos / em
                                                                                      : 0.7;
    face->info.path = face->path;
    face->info.index = index;
    face->info.family = face->family;
    face->info.style = face->style;
    if (!face->path || !face->family || !face->style) {
        bg_face_release(face);
        return -1;
    }
    return (int)f->face_count++;
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* The length of FACE's table TAG (0 when absent); *DATA its bytes, valid
 * while *BLOB is referenced. */
static unsigned table_of(hb_face_t *face, const char *tag, hb_blob_t **blob,
                         const unsigned char **data)
{
    *blob = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    unsigned len = 0;
    *data = (const unsigned char *)hb_blob_get_data(*blob, &len);
    return *data ? len : 0;
}

/* True when the cmap table of LEN bytes has a Unicode subtable: platform 0,
 * or Windows (3) with encoding 1 (BMP) or 10 (full repertoire). */
static bool cmap_has_unicode(const unsigned char *cmap, unsigned len)
{
    if (len < 4) return false;
    size_t count = be16(cmap + 2);
    for (size_t i = 0; i < count && 4 + 8 * (i + 1) <= len; i++) {
        unsigned platform = be16(cmap + 4 + 8 * i), encoding = be16(cmap + 6 + 8 * i);
        if (platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))) return true;
    }
    return false;
}

/* What keeps FACE out of a PDF, written to WHY (false), or true when it can
 * be embedded: the tables libharu 2.3 reads (it fails on a font without
 * one of them), a Unicode cmap (libharu maps characters to glyphs through
 * it; fontconfig still lists a font without one, from its glyph names),
 * unitsPerEm within 16-16384 (the specification's range; HarfBuzz takes
 * 1000 for any other, libharu divides by it: 0 is SIGFPE), metrics that
 * libharu can write in thousandths of an em (its font box is a number of
 * at most 32767, HPDF_LIMIT_MAX_REAL, or the PDF fails with 0x1057; its
 * widths and ascent are 16-bit), and a subset of CP that HarfBuzz's
 * subsetter makes, as the PDF back end's is. */
static bool face_check(const bg_face *face, uint32_t cp, char *why, size_t size)
{
    static const char *const needed[] = {"cmap", "head", "hhea", "hmtx", "maxp",
                                         "glyf", "loca", "name", "OS/2"};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
        hb_blob_t *blob;
        const unsigned char *data;
        unsigned len = table_of(face->hb_face, needed[i], &blob, &data);
        hb_blob_destroy(blob);
        if (len == 0) {
            snprintf(why, size, "it has no '%s' table", needed[i]);
            return false;
        }
    }
    hb_blob_t *cmap, *head, *hhea;
    const unsigned char *c, *h, *hh;
    unsigned cmap_len = table_of(face->hb_face, "cmap", &cmap, &c);
    unsigned head_len = table_of(face->hb_face, "head", &head, &h);
    unsigned hhea_len = table_of(face->hb_face, "hhea", &hhea, &hh);
    bool ok = false;
    if (!cmap_has_unicode(c, cmap_len)) {
        snprintf(why, size, "its character map (cmap) has no Unicode subtable");
    } else if (head_len < 54 || hhea_len < 36) {
        snprintf(why, size, "its 'head' or 'hhea' table is cut short");
    } else {
        unsigned upem = be16(h + 18);
        /* the font box (head), ascender, descender, widest advance (hhea) */
        long values[] = {(int16_t)be16(h + 36), (int16_t)be16(h + 38), (int16_t)be16(h + 40),
                         (int16_t)be16(h + 42), (int16_t)be16(hh + 4), (int16_t)be16(hh + 6),
                         (long)be16(hh + 10)};
        long most = 0;
        for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
            if (labs(values[i]) > most) most = labs(values[i]);
        if (upem < 16 || upem > 16384)
            snprintf(why, size, "its unitsPerEm, %u, is outside 16-16384", upem);
        else if (most * 1000 / upem > 32767)
            snprintf(why, size,
                     "its metrics (up to %ld units at %u units per em) exceed what a PDF font "
                     "can hold (32767 thousandths of an em)",
                     most, upem);
        else
            ok = true;
    }
    hb_blob_destroy(cmap);
    hb_blob_destroy(head);
    hb_blob_destroy(hhea);
    if (!ok) return false;
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input) return true; /* (out of memory: the PDF back end will say so) */
    hb_set_add(hb_subset_input_unicode_set(input), cp);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(face->hb_face, input);
    hb_subset_input_destroy(input);
    if (!sub) {
        snprintf(why, size, "HarfBuzz's subsetter cannot cut it down");
        return false;
    }
    hb_face_destroy(sub);
    return true;
}

/* Whether FACE can draw: checked once; a face that cannot is reported the
 * first time (the warning names its file). */
static bool face_usable(bg_fonts *f, bg_face *face, uint32_t cp)
{
    if (face->usable == 0) {
        char why[160];
        face->usable = face_check(face, cp, why, sizeof why) ? 1 : -1;
        if (face->usable < 0 && f->diags)
            bg_diag_add(f->diags, BG_WARNING, face->path, 0, 0,
                        "this font is skipped: %s; the next font of the fallback chain is used",
                        why);
    }
    return face->usable > 0;
}

/* True when one of PAT's family names is FAMILY (fontconfig lists Nanum
 * under its English and Korean names). */
static bool pattern_has_family(FcPattern *pat, const char *family)
{
    FcChar8 *name;
    for (int i = 0; FcPatternGetString(pat, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (strcasecmp((const char *)name, family) == 0) return true;
    return false;
}

static bool is_truetype(FcPattern *pat)
{
    FcChar8 *format;
    return FcPatternGetString(pat, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
           strcmp((const char *)format, "TrueType") == 0;
}

/* Appends FONT to CHAIN when it is TrueType and draws characters the chain
 * does not have yet. */
static void chain_add(bg_fonts *f, bg_chain *chain, FcPattern *font, FcCharSet *covered,
                      int variant)
{
    FcCharSet *cs;
    if (!is_truetype(font) || FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) != FcResultMatch)
        return;
    if (chain->count > 0 && FcCharSetSubtractCount(cs, covered) == 0) return;
    int face = face_intern(f, font);
    if (face < 0 || f->faces[face].usable < 0) return; /* (a skipped face covers nothing) */
    for (int i = 0; i < chain->count; i++)
        if (chain->faces[i] == face) return;
    if ((size_t)chain->count >= chain->cap) {
        size_t cap = chain->cap ? chain->cap * 2 : 8;
        int *faces = realloc(chain->faces, cap * sizeof *faces);
        if (faces) chain->faces = faces;
        uint8_t *bold = realloc(chain->fake_bold, cap);
        if (bold) chain->fake_bold = bold;
        uint8_t *italic = realloc(chain->fake_italic, cap);
        if (italic) chain->fake_italic = italic;
        if (!faces || !bold || !italic) return; /* without memory the chain ends here */
        chain->cap = cap;
    }
    const bg_face *fc = &f->faces[face];
    chain->faces[chain->count] = face;
    chain->fake_bold[chain->count] = (variant & BG_VAR_BOLD) && !fc->bold;
    chain->fake_italic[chain->count] = (variant & BG_VAR_ITALIC) && !fc->italic;
    chain->count++;
    FcCharSetMerge(covered, cs, NULL);
}

static FcPattern *style_pattern(const char *family, int variant)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat) return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, variant & BG_VAR_BOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, variant & BG_VAR_ITALIC ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    return pat;
}

/* Appends to CHAIN the best face of FAMILY for VARIANT, when fontconfig
 * has that family. Returns whether the chain grew. */
static bool family_add(bg_fonts *f, bg_chain *chain, const char *family, FcCharSet *covered,
                       int variant)
{
    FcPattern *want = style_pattern(family, variant);
    if (!want) return false;
    FcDefaultSubstitute(want);
    FcResult result;
    FcPattern *match = FcFontMatch(f->config, want, &result);
    FcPatternDestroy(want);
    if (!match) return false;
    int before = chain->count;
    if (pattern_has_family(match, family)) chain_add(f, chain, match, covered, variant);
    FcPatternDestroy(match);
    return chain->count > before;
}

static bool is_last_resort(const bg_fonts *f, FcPattern *font)
{
    for (size_t i = 0; i < f->last_resort_count; i++)
        if (pattern_has_family(font, f->last_resort[i])) return true;
    return false;
}

/* Builds the chain of FAMILY for VARIANT: first LATIN, the role's Latin
 * face (when not NULL: it has no Hangul, so Hangul still comes from
 * FAMILY), then the family and the fallbacks fonts.conf names for it, each in its own best style
 * (so bold text falls back to DejaVu Serif Bold, not to a regular face made bold), then whatever
 * else fontconfig sorts for the pattern, and last the families fonts.conf names as the last resort
 * (so that a face installed for rare characters never takes one that another face drew); TrueType
 * faces only, each kept when it adds characters. Returns whether the first
 * face is of FAMILY. */
static bool chain_build(bg_fonts *f, bg_chain *chain, const char *latin, const char *family,
                        int variant)
{
    chain->built = true;
    FcPattern *pat = style_pattern(family, variant);
    FcCharSet *covered = FcCharSetCreate();
    if (!pat || !covered) {
        if (pat) FcPatternDestroy(pat);
        if (covered) FcCharSetDestroy(covered);
        return false;
    }
    FcConfigSubstitute(f->config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    bool first_matches = false;
    if (latin) family_add(f, chain, latin, covered, variant);
    FcChar8 *name;
    for (int k = 0; k < 3 && FcPatternGetString(pat, FC_FAMILY, k, &name) == FcResultMatch; k++)
        if (family_add(f, chain, (const char *)name, covered, variant) && k == 0)
            first_matches = true;
    FcResult result;
    FcFontSet *set = FcFontSort(f->config, pat, FcFalse, NULL, &result);
    FcPatternDestroy(pat);
    for (int i = 0; set && i < set->nfont; i++)
        if (!is_last_resort(f, set->fonts[i])) chain_add(f, chain, set->fonts[i], covered, variant);
    chain->primary = chain->count;
    for (size_t i = 0; i < f->last_resort_count; i++)
        family_add(f, chain, f->last_resort[i], covered, variant);
    for (int i = 0; !first_matches && i < chain->count && i < 2; i++)
        first_matches = strcasecmp(f->faces[chain->faces[i]].family, family) == 0;
    FcCharSetDestroy(covered);
    if (set) FcFontSetDestroy(set);
    return first_matches;
}

/* The families that fonts.conf lists for the family briefgen-last-resort,
 * in its order (those before the name itself: fontconfig's rules append
 * generic ones after it). */
static void last_resort_load(bg_fonts *f)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat) return;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"briefgen-last-resort");
    FcConfigSubstitute(f->config, pat, FcMatchPattern);
    FcChar8 *name;
    for (int k = 0; FcPatternGetString(pat, FC_FAMILY, k, &name) == FcResultMatch; k++) {
        if (strcmp((const char *)name, "briefgen-last-resort") == 0) break;
        char **grown =
            bg_grow(f->last_resort, f->last_resort_count, &f->last_resort_cap, sizeof *grown, 4);
        char *copy = grown ? strdup((const char *)name) : NULL;
        if (grown) f->last_resort = grown;
        if (!copy) break; /* (without memory, no last resort) */
        f->last_resort[f->last_resort_count++] = copy;
    }
    FcPatternDestroy(pat);
}

/* The Latin face of ROLE: the first family fonts.conf lists for
 * briefgen-latin-body (-heading, -mono), or NULL when it lists none. */
static char *latin_load(bg_fonts *f, bg_role role)
{
    char alias[32];
    snprintf(alias, sizeof alias, "briefgen-latin-%s", role_name[role]);
    FcPattern *pat = FcPatternCreate();
    if (!pat) return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)alias);
    FcConfigSubstitute(f->config, pat, FcMatchPattern);
    FcChar8 *name;
    char *latin = NULL;
    if (FcPatternGetString(pat, FC_FAMILY, 0, &name) == FcResultMatch &&
        strcmp((const char *)name, alias) != 0)
        latin = strdup((const char *)name);
    FcPatternDestroy(pat);
    return latin;
}

/* Whether a face of FAMILY is in CHAIN. */
static bool chain_has_family(const bg_fonts *f, const bg_chain *chain, const char *family)
{
    for (int i = 0; i < chain->count; i++)
        if (strcasecmp(f->faces[chain->faces[i]].family, family) == 0) return true;
    return false;
}

/* CHAIN emptied, to be built again (without the faces skipped since). */
static void chain_reset(bg_chain *chain)
{
    free(chain->bmp);
    free(chain->faces);
    free(chain->fake_bold);
    free(chain->fake_italic);
    memset(chain, 0, sizeof *chain);
}

static bg_chain *chain_get(bg_fonts *f, bg_role role, int variant)
{
    bg_chain *chain = &f->chains[role][variant];
    if (!chain->built) chain_build(f, chain, f->latin[role], f->family[role], variant);
    return chain;
}

int bg_fonts_open(bg_fonts **out, const char *conf_file, const char *const families[BG_ROLE_COUNT],
                  const char *where, bg_diags *diags)
{
    return bg_fonts_open_at(out, conf_file, families, where, NULL, NULL, diags);
}

int bg_fonts_open_at(bg_fonts **out, const char *conf_file,
                     const char *const families[BG_ROLE_COUNT], const char *where,
                     const int lines[BG_ROLE_COUNT], const int cols[BG_ROLE_COUNT], bg_diags *diags)
{
    *out = NULL;
    bg_fonts *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->diags = diags;
    f->config = FcConfigCreate();
    /* (a missing file is checked first: fontconfig would print about it) */
    if (!f->config || access(conf_file, R_OK) != 0 ||
        !FcConfigParseAndLoad(f->config, (const FcChar8 *)conf_file, FcTrue) ||
        !FcConfigBuildFonts(f->config)) {
        bg_diag_add(diags, BG_WARNING, conf_file, 0, 0,
                    "cannot load this fontconfig file; using the system configuration");
        if (f->config) FcConfigDestroy(f->config);
        f->config = FcInitLoadConfigAndFonts();
    }
    if (!f->config) {
        bg_diag_add(diags, BG_ERROR, where, 0, 0, "fontconfig cannot be initialised");
        bg_fonts_free(f);
        return -1;
    }
    /* the folder of the configuration holds the user's fonts (added here:
     * a relative <dir> leaks in fontconfig 2.14's parser) */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", conf_file);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        FcConfigAppFontAddDir(f->config, (const FcChar8 *)dir);
    }
    f->buffer = hb_buffer_create();
    last_resort_load(f);
    bool usable = true;
    for (int role = 0; role < BG_ROLE_COUNT; role++) {
        const char *want = families && families[role] ? families[role] : default_family[role];
        f->family[role] = strdup(want);
        /* a family the brief names draws every character it has: the Latin
         * face goes with the default family only */
        bool named = strcasecmp(want, default_family[role]) != 0;
        if (!named) f->latin[role] = latin_load(f, (bg_role)role);
        bg_chain *chain = &f->chains[role][0];
        bool found = chain_build(f, chain, f->latin[role], want, 0);
        if (!found && named) {
            bg_diag_add(diags, BG_WARNING, where, lines ? lines[role] : 0, cols ? cols[role] : 0,
                        "font family '%s' (%s) is not installed as TrueType; using '%s'", want,
                        role_name[role], default_family[role]);
            free(f->family[role]);
            f->family[role] = strdup(default_family[role]);
            chain_reset(chain);
            f->latin[role] = latin_load(f, (bg_role)role);
            found = chain_build(f, chain, f->latin[role], default_family[role], 0);
        }
        if (f->latin[role] && !chain_has_family(f, chain, f->latin[role])) {
            bg_diag_add(diags, BG_WARNING, where, 0, 0,
                        "the Latin face '%s' (%s) is not installed as TrueType; Latin is drawn "
                        "from '%s' (install fonts-sil-gentiumplus and fonts-paratype)",
                        f->latin[role], role_name[role], f->family[role]);
            free(f->latin[role]);
            f->latin[role] = NULL;
        }
        if (!found && chain->count > 0)
            bg_diag_add(diags, BG_WARNING, where, 0, 0,
                        "font family '%s' (%s) is not installed; using '%s' (install "
                        "fonts-nanum)",
                        f->family[role], role_name[role], f->faces[chain->faces[0]].family);
        if (chain->count == 0 || !f->family[role]) usable = false;
    }
    if (!usable || !f->buffer) {
        bg_diag_add(diags, BG_ERROR, where, 0, 0,
                    "no usable TrueType font found through fontconfig (install fonts-nanum)");
        bg_fonts_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

void bg_face_release(bg_face *face)
{
    free(face->path);
    free(face->family);
    free(face->style);
    if (face->charset) FcCharSetDestroy(face->charset);
    hb_font_destroy(face->hb_font);
    hb_face_destroy(face->hb_face);
    memset(face, 0, sizeof *face);
}

void bg_fonts_free(bg_fonts *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->face_count; i++)
        bg_face_release(&f->faces[i]);
    free(f->faces);
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        free(f->family[r]);
        free(f->latin[r]);
        for (int v = 0; v < BG_VAR_COUNT; v++)
            chain_reset(&f->chains[r][v]);
    }
    for (size_t i = 0; i < f->last_resort_count; i++)
        free(f->last_resort[i]);
    free(f->last_resort);
    bg_width_cache_free(&f->widths);
    hb_buffer_destroy(f->buffer);
    if (f->config) FcConfigDestroy(f->config);
    free(f);
}

/* Advance of CP in FACE in ems; 0 when the face lacks it. */
static double advance_em(const bg_face *face, uint32_t cp)
{
    hb_codepoint_t glyph;
    if (!hb_font_get_nominal_glyph(face->hb_font, cp, &glyph)) return 0;
    return hb_font_get_glyph_h_advance(face->hb_font, glyph) / (double)face->upem;
}

/* Korean fonts inherit full-width Greek, Cyrillic and punctuation from KS X
 * 1001 (NanumMyeongjo draws "Москва", "–" and "«" a whole em wide, and its
 * hyphen and colon wide too): for these a later face of the chain with
 * proportional glyphs is preferred. */
static bool wants_proportional(uint32_t cp)
{
    /* (the em dash, bar, ellipses and per-mille are an em wide anyway) */
    if (cp == 0x2014 || cp == 0x2015 || cp == 0x2025 || cp == 0x2026 || cp == 0x2030 ||
        cp == 0x2031)
        return false;
    return cp == '-' || cp == ':' || cp == ';' || (cp >= 0x00A0 && cp <= 0x052F) ||
           (cp >= 0x2000 && cp <= 0x206F);
}

/* A letter whose width tells a face's Cyrillic or Greek from full-width:
 * a whole script comes from one face, not letter by letter. */
static uint32_t width_probe(uint32_t cp)
{
    if (cp >= 0x0400 && cp <= 0x052F) return 0x043E; /* о */
    if (cp >= 0x0370 && cp <= 0x03FF) return 0x03BF; /* ο */
    return cp;
}

/* The widest a proportional form of CP is: NanumMyeongjo's hyphen (0.64
 * em, wider than its n) and colon are Korean-sized too. */
static double proportional_limit(uint32_t cp)
{
    if (cp == '-') return 0.5;
    if (cp == ':' || cp == ';') return 0.36;
    return 0.9;
}

static int proportional_slot(const bg_fonts *f, const bg_chain *chain, int slot, uint32_t cp)
{
    uint32_t probe = width_probe(cp);
    double limit = proportional_limit(cp);
    double first = advance_em(&f->faces[chain->faces[slot]], probe);
    if (first > 0 && first < limit) return slot;
    for (int i = slot + 1; i < chain->primary; i++) {
        const bg_face *face = &f->faces[chain->faces[i]];
        if (!FcCharSetHasChar(face->charset, cp)) continue;
        double adv = advance_em(face, probe);
        if (adv > 0 && adv < limit) return i;
    }
    return slot;
}

/* The slot of CHAIN that draws CP, -1 for none. */
static int chain_slot(bg_fonts *f, bg_chain *chain, bg_role role, uint32_t cp)
{
    /* BMP cache: 0 unknown, NO_FACE none, else chain slot + 1 */
    enum { NO_FACE = -1 };
    if (cp < BMP && !chain->bmp) chain->bmp = calloc(BMP, sizeof *chain->bmp);
    if (cp < BMP && chain->bmp && chain->bmp[cp])
        return chain->bmp[cp] == NO_FACE ? -1 : chain->bmp[cp] - 1;
    int slot = -1;
    for (int i = 0; i < chain->count && slot < 0; i++)
        if (FcCharSetHasChar(f->faces[chain->faces[i]].charset, cp)) slot = i;
    /* Korean fonts draw U+005C as a won sign (KS X 1003): a face
     * without Hangul draws a backslash */
    if (slot >= 0 && cp == '\\' && FcCharSetHasChar(f->faces[chain->faces[slot]].charset, 0xAC00))
        for (int i = slot + 1; i < chain->primary; i++)
            if (!FcCharSetHasChar(f->faces[chain->faces[i]].charset, 0xAC00) &&
                FcCharSetHasChar(f->faces[chain->faces[i]].charset, cp)) {
                slot = i;
                break;
            }
    /* (a monospaced face keeps its widths) */
    if (slot >= 0 && role != BG_ROLE_MONO && wants_proportional(cp))
        slot = proportional_slot(f, chain, slot, cp);
    if (cp < BMP && chain->bmp) chain->bmp[cp] = (int16_t)(slot < 0 ? NO_FACE : slot + 1);
    return slot;
}

bool bg_is_cjk(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) || /* Hangul jamo */
           (cp >= 0x2E80 && cp <= 0x2FDF) || /* CJK and Kangxi radicals */
           (cp >= 0x3000 && cp <= 0x33FF) || /* CJK symbols, kana, compatibility jamo */
           (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK Extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified ideographs */
           (cp >= 0xA960 && cp <= 0xA97F) || /* Hangul jamo extended A */
           (cp >= 0xAC00 && cp <= 0xD7FF) || /* Hangul syllables, jamo extended B */
           (cp >= 0xF900 && cp <= 0xFAFF) || /* CJK compatibility ideographs */
           (cp >= 0xFF00 && cp <= 0xFFEF) || /* half- and full-width forms */
           (cp >= 0x20000 && cp <= 0x3FFFF); /* CJK Extensions B-H */
}

bg_font_ref bg_fonts_lookup(bg_fonts *f, bg_role role, int variant, uint32_t cp)
{
    bg_font_ref none = {-1, 0, 0};
    /* Hangul and Hanja are never slanted (Korean typography has no italic;
     * a slanted Hangul face is a fake): emphasis in them is the other
     * Korean face, upright: Gothic in body text, Myeongjo in a heading
     * (README, "Faces"). Latin letters of the same span keep their
     * italic face. */
    if ((variant & BG_VAR_ITALIC) && bg_is_cjk(cp)) {
        variant &= ~BG_VAR_ITALIC;
        role = role == BG_ROLE_BODY      ? BG_ROLE_HEADING
               : role == BG_ROLE_HEADING ? BG_ROLE_BODY
                                         : role;
    }
    for (;;) {
        bg_chain *chain = chain_get(f, role, variant & 3);
        int slot = chain_slot(f, chain, role, cp);
        if (slot < 0) return none;
        if (face_usable(f, &f->faces[chain->faces[slot]], cp)) {
            bg_font_ref ref = {(int16_t)chain->faces[slot], chain->fake_bold[slot],
                               chain->fake_italic[slot]};
            return ref;
        }
        /* built again without the face, the chain has the faces that fill
         * its place (a face adding nothing to the chain is left out) */
        chain_reset(chain);
    }
}

size_t bg_fonts_face_count(const bg_fonts *f)
{
    return f->face_count;
}

const bg_face_info *bg_fonts_face(const bg_fonts *f, int face)
{
    return face >= 0 && (size_t)face < f->face_count ? &f->faces[face].info : NULL;
}

const char *bg_fonts_family(const bg_fonts *f, bg_role role)
{
    return f->family[role];
}
