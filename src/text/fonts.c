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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/temp.h"
#include "base/util.h"
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

/* A growing string (the cache file's coverage strings). */
typedef struct text_buf {
    char *data;
    size_t len, cap;
    bool failed;
} text_buf;

static void buf_hex(text_buf *b, uint32_t v, char after)
{
    char tmp[12];
    int n = 0;
    do
        tmp[n++] = "0123456789abcdef"[v & 15];
    while ((v >>= 4) != 0);
    if (b->failed) return;
    if (b->len + (size_t)n + 2 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    while (n > 0)
        b->data[b->len++] = tmp[--n];
    b->data[b->len++] = after;
}

/* Writes the code points of [FIRST, LAST] ranges, in order, to B as
 * cover_decode reads them: for each range its distance from the end of the
 * one before and its length less one, in hex ("0 7e 21 7f" for
 * U+0000-U+007E, U+00A0-U+011F). */
typedef struct range_writer {
    text_buf *b;
    uint32_t next;       /* one past the last range written */
    uint32_t first, end; /* the range being gathered, [FIRST, END) */
    bool open;
} range_writer;

static void range_add(range_writer *w, uint32_t first, uint32_t end)
{
    if (w->open && w->end == first) {
        w->end = end;
        return;
    }
    if (w->open) {
        buf_hex(w->b, w->first - w->next, ' ');
        buf_hex(w->b, w->end - 1 - w->first, ' ');
        w->next = w->end;
    }
    w->first = first;
    w->end = end;
    w->open = true;
}

/* CS's code points, a run of set bits at a time. */
static void ranges_of_charset(const FcCharSet *cs, range_writer *w)
{
    FcChar32 map[FC_CHARSET_MAP_SIZE], next;
    for (FcChar32 page = FcCharSetFirstPage(cs, map, &next); page != FC_CHARSET_DONE;
         page = FcCharSetNextPage(cs, map, &next))
        for (int k = 0; k < FC_CHARSET_MAP_SIZE; k++) {
            uint64_t bits = map[k];
            uint32_t base = page + 32u * (uint32_t)k;
            while (bits) {
                int from = __builtin_ctzll(bits);
                int to = __builtin_ctzll(~(bits >> from)) + from; /* (bit 32 is clear) */
                range_add(w, base + (uint32_t)from, base + (uint32_t)to);
                bits &= ~(((UINT64_C(1) << to) - 1) & ~((UINT64_C(1) << from) - 1));
            }
        }
}

static void cover_decode(bg_face *face);

/* Whether FACE has a glyph for CP (fontconfig's coverage of the face). */
static bool face_has(bg_face *face, uint32_t cp)
{
    if (face->charset) return FcCharSetHasChar(face->charset, cp);
    if (face->cover_text) cover_decode(face);
    size_t lo = 0, hi = face->cover_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < face->cover[2 * mid])
            hi = mid;
        else if (cp > face->cover[2 * mid + 1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* The face at PATH (a real path) and INDEX, or -1. */
static int face_find(const bg_fonts *f, const char *path, int index)
{
    for (size_t i = 0; i < f->face_count; i++)
        if (f->faces[i].index == index && strcmp(f->faces[i].path, path) == 0) return (int)i;
    return -1;
}

bool bg_face_ready(bg_face *face)
{
    if (face->hb_font) return !face->unreadable;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(face->path);
    /* (unreadable: an empty face, which has no glyph and no width) */
    face->unreadable = blob == NULL;
    face->hb_face = blob ? hb_face_create(blob, (unsigned)face->index) : hb_face_get_empty();
    hb_blob_destroy(blob);
    face->hb_font = hb_font_create(face->hb_face);
    face->upem = hb_face_get_upem(face->hb_face);
    if (face->upem == 0) face->upem = 1000;
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
    return !face->unreadable;
}

/* Adds a face to the table, taking PATH and COVER (freed on failure);
 * -1 when HarfBuzz cannot read it. A LAZY face (one the chain cache
 * names, its file as recorded) is opened when it is first needed
 * (bg_face_ready): most faces of the chains never draw a character. */
static int face_make(bg_fonts *f, char *path, int index, const char *family, const char *style,
                     bool bold, bool italic, FcCharSet *charset, const char *cover_text,
                     size_t cover_text_len, bool lazy)
{
    bg_face *grown = bg_grow(f->faces, f->face_count, &f->face_cap, sizeof *grown, 8);
    if (!grown) {
        free(path);
        return -1;
    }
    f->faces = grown;
    bg_face *face = &f->faces[f->face_count];
    memset(face, 0, sizeof *face);
    face->path = path;
    face->family = strdup(family);
    face->style = strdup(style);
    face->index = index;
    face->bold = bold;
    face->italic = italic;
    face->charset = charset ? FcCharSetCopy(charset) : NULL;
    face->cover_text = cover_text;
    face->cover_text_len = cover_text_len;
    face->info.path = face->path;
    face->info.index = face->index;
    face->info.family = face->family;
    face->info.style = face->style;
    if (!face->path || !face->family || !face->style || (!lazy && !bg_face_ready(face))) {
        bg_face_release(face);
        return -1;
    }
    return (int)f->face_count++;
}

/* The face of PAT's file and index, added to the table on first use; -1
 * when HarfBuzz cannot read it. */
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
    int found = face_find(f, path, index);
    if (found >= 0) {
        free(path);
        return found;
    }
    return face_make(f, path, index, family ? (const char *)family : "",
                     style ? (const char *)style : "", weight >= FC_WEIGHT_DEMIBOLD,
                     slant != FC_SLANT_ROMAN, charset, NULL, 0, false);
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
static bool face_check(bg_face *face, uint32_t cp, char *why, size_t size)
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
    /* the trial subset (a fifth of a one-page render's instructions for
     * five faces) is what the chain cache records: a face it made before
     * is not cut again while its file is unchanged */
    if (face->subset_ok) return true;
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
    face->subset_ok = true;
    return true;
}

/* Whether FACE can draw: checked once; a face that cannot is reported the
 * first time (the warning names its file). */
static bool face_usable(bg_fonts *f, bg_face *face, uint32_t cp)
{
    if (face->usable == 0) {
        char why[160];
        snprintf(why, sizeof why, "HarfBuzz cannot read it");
        face->usable = bg_face_ready(face) && face_check(face, cp, why, sizeof why) ? 1 : -1;
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

/* Appends FACE to CHAIN; false without memory (the chain ends there). */
static bool chain_push(bg_chain *chain, int face, bool fake_bold, bool fake_italic)
{
    if ((size_t)chain->count >= chain->cap) {
        size_t cap = chain->cap ? chain->cap * 2 : 8;
        int *faces = realloc(chain->faces, cap * sizeof *faces);
        if (faces) chain->faces = faces;
        uint8_t *bold = realloc(chain->fake_bold, cap);
        if (bold) chain->fake_bold = bold;
        uint8_t *italic = realloc(chain->fake_italic, cap);
        if (italic) chain->fake_italic = italic;
        if (!faces || !bold || !italic) return false;
        chain->cap = cap;
    }
    chain->faces[chain->count] = face;
    chain->fake_bold[chain->count] = fake_bold;
    chain->fake_italic[chain->count] = fake_italic;
    chain->count++;
    return true;
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
    const bg_face *fc = &f->faces[face];
    if (chain_push(chain, face, (variant & BG_VAR_BOLD) && !fc->bold,
                   (variant & BG_VAR_ITALIC) && !fc->italic))
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

/* ---- The chain cache ----
 *
 * Loading fontconfig's configuration (its XML files and the caches of
 * every font folder) and sorting the fonts for twelve chains is most of
 * the time a small brief takes. What the chains resolve to is kept in
 * $XDG_CACHE_HOME/briefgen (~/.cache/briefgen), one file for each
 * configuration file, set of families and briefgen version, with what
 * the result depends on: the state (kind, size, inode, modification and
 * change times) of every configuration file fontconfig read and the
 * folders that hold them, of the font folders it lists (a font added or removed changes its
 * folder's time, as fontconfig's own caches assume), of the per-user
 * places it would read when they appear, and of each face file. When all
 * of them are as recorded, the chains are rebuilt from the file without
 * fontconfig; else fontconfig resolves them and the file is written anew
 * (a temporary file renamed over it) when the fonts are freed.
 *
 * The file is read as untrusted: anything malformed, foreign or out of
 * range makes it a miss; what it names is only used after the same stat
 * says the file is still there unchanged. A face found unusable while
 * drawing (face_usable) sends its chain back to fontconfig, opened then.
 * BRIEFGEN_NO_CACHE=1 turns the cache off; a folder that cannot be
 * written only means the next run misses too. */

#define CACHE_MAGIC "briefgen-font-cache 3\n"
/* files kept (a file is some 200 KB): those used last (bg_cache_trim) */
#define CACHE_KEEP 16
#define CACHE_MAX_BYTES (64u << 20)
#define CACHE_MAX_ITEMS 100000
#define TRAILER_LEN 21 /* "end " and 16 hex digits of its checksum, a newline */

enum { DEP_MISSING, DEP_FILE, DEP_DIR, DEP_OTHER };

typedef struct dep {
    char *path;
    long long kind, sec, nsec, size, ino, csec, cnsec; /* (c: the inode change time) */
} dep;

typedef struct cached_face {
    char *path, *family, *style;
    long long index, bold, italic, subset_ok;
    const char *cover; /* in the cache's DATA: see cover_decode */
    size_t cover_len;
} cached_face;

typedef struct cached_chain {
    size_t count, primary;
    long long *slots; /* face, fake bold, fake italic: COUNT triples */
} cached_chain;

struct bg_font_cache {
    char *dir, *file;
    char *data; /* the file as read (the faces' coverage is decoded from it when first needed) */
    char *key;
    size_t key_len;
    bool hit;   /* the chains come from the file */
    bool write; /* write the file when the fonts are freed */
    dep *deps;
    size_t dep_count, dep_cap;
    /* what bg_fonts_open found for each role besides the chains */
    char *family[BG_ROLE_COUNT], *latin[BG_ROLE_COUNT], *dropped[BG_ROLE_COUNT];
    long long named_missing[BG_ROLE_COUNT], found[BG_ROLE_COUNT];
    cached_face *faces;
    size_t face_count, opened;
    cached_chain chains[BG_ROLE_COUNT][BG_VAR_COUNT];
};

static void cache_free(bg_font_cache *c)
{
    if (!c) return;
    free(c->dir);
    free(c->file);
    free(c->data);
    free(c->key);
    for (size_t i = 0; i < c->dep_count; i++)
        free(c->deps[i].path);
    free(c->deps);
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        free(c->family[r]);
        free(c->latin[r]);
        free(c->dropped[r]);
        for (int v = 0; v < BG_VAR_COUNT; v++)
            free(c->chains[r][v].slots);
    }
    for (size_t i = 0; i < c->face_count; i++) {
        free(c->faces[i].path);
        free(c->faces[i].family);
        free(c->faces[i].style);
    }
    free(c->faces);
    free(c);
}

static void dep_stat(const char *path, dep *d)
{
    struct stat st;
    memset(d, 0, sizeof *d);
    if (stat(path, &st) != 0) return; /* DEP_MISSING */
    d->kind = S_ISREG(st.st_mode) ? DEP_FILE : S_ISDIR(st.st_mode) ? DEP_DIR : DEP_OTHER;
    d->sec = (long long)st.st_mtim.tv_sec;
    d->nsec = (long long)st.st_mtim.tv_nsec;
    d->size = (long long)st.st_size;
    d->ino = (long long)st.st_ino;
    d->csec = (long long)st.st_ctim.tv_sec;
    d->cnsec = (long long)st.st_ctim.tv_nsec;
}

static bool dep_same(const dep *a, const dep *b)
{
    return a->kind == b->kind && a->sec == b->sec && a->nsec == b->nsec && a->size == b->size &&
           a->ino == b->ino && a->csec == b->csec && a->cnsec == b->cnsec;
}

/* Records PATH's state now (once). */
static void dep_add(bg_font_cache *c, const char *path)
{
    if (!path || path[0] != '/') return;
    for (size_t i = 0; i < c->dep_count; i++)
        if (strcmp(c->deps[i].path, path) == 0) return;
    dep *grown = bg_grow(c->deps, c->dep_count, &c->dep_cap, sizeof *grown, 64);
    char *copy = grown ? strdup(path) : NULL;
    if (grown) c->deps = grown;
    if (!copy) {
        c->write = false; /* (an incomplete record is never written) */
        return;
    }
    dep_stat(copy, &c->deps[c->dep_count]);
    c->deps[c->dep_count++].path = copy;
}

/* Records PATH and the folder that holds it (a file added beside it, as in
 * conf.d, changes the folder's time). */
static void dep_add_with_folder(bg_font_cache *c, const char *path)
{
    dep_add(c, path);
    char *copy = strdup(path);
    char *slash = copy ? strrchr(copy, '/') : NULL;
    if (slash && slash != copy) {
        *slash = '\0';
        dep_add(c, copy);
    }
    free(copy);
}

static void dep_add_list(bg_font_cache *c, FcStrList *list, bool folders)
{
    FcChar8 *s;
    while (list && (s = FcStrListNext(list)))
        if (folders)
            dep_add_with_folder(c, (const char *)s);
        else
            dep_add(c, (const char *)s);
    if (list) FcStrListDone(list);
}

/* What the loaded configuration of F depends on (see above). */
static void deps_collect(bg_fonts *f, bg_font_cache *c)
{
    dep_add_with_folder(c, f->conf_file);
    dep_add_list(c, FcConfigGetConfigFiles(f->config), true);
    dep_add_list(c, FcConfigGetConfigDirs(f->config), false);
    dep_add_list(c, FcConfigGetFontDirs(f->config), false);
    /* the per-user places fontconfig's default configuration includes when
     * they exist (/etc/fonts/conf.d/50-user.conf) */
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    char path[PATH_MAX];
    static const char *const user[] = {"fontconfig", "fontconfig/conf.d", "fontconfig/fonts.conf"};
    for (size_t i = 0; i < sizeof user / sizeof user[0]; i++) {
        int n = xdg && xdg[0] == '/' ? snprintf(path, sizeof path, "%s/%s", xdg, user[i])
                : home               ? snprintf(path, sizeof path, "%s/.config/%s", home, user[i])
                                     : -1;
        if (n > 0 && (size_t)n < sizeof path) dep_add(c, path);
    }
    if (home && snprintf(path, sizeof path, "%s/.fonts.conf", home) < (int)sizeof path)
        dep_add(c, path);
    if (home && snprintf(path, sizeof path, "%s/.fonts.conf.d", home) < (int)sizeof path)
        dep_add(c, path);
}

static void put_str(FILE *out, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    fprintf(out, "%zu:", len);
    if (len) fwrite(s, 1, len, out);
    fputc('\n', out);
}

/* The identity of a cache file: briefgen's version, the configuration
 * file, the families asked for and the environment fontconfig reads. */
static char *cache_key(const char *conf_file, const char *const want[BG_ROLE_COUNT], size_t *len)
{
    static const char *const env[] = {"FONTCONFIG_FILE",    "FONTCONFIG_PATH",
                                      "FONTCONFIG_SYSROOT", "HOME",
                                      "XDG_CONFIG_HOME",    "XDG_DATA_HOME"};
    char *key = NULL;
    FILE *out = open_memstream(&key, len);
    if (!out) return NULL;
    put_str(out, "briefgen " BRIEFGEN_VERSION);
    char *real = realpath(conf_file, NULL);
    put_str(out, real ? real : conf_file);
    free(real);
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        put_str(out, want[r]);
    for (size_t i = 0; i < sizeof env / sizeof env[0]; i++) {
        const char *v = getenv(env[i]);
        fprintf(out, "%d", v != NULL);
        put_str(out, v);
    }
    if (fclose(out) != 0) {
        free(key);
        return NULL;
    }
    return key;
}

/* The cache for CONF_FILE and WANT, or NULL when it is off. */
static bg_font_cache *cache_new(const char *conf_file, const char *const want[BG_ROLE_COUNT])
{
    const char *off = getenv("BRIEFGEN_NO_CACHE");
    if (off && *off && strcmp(off, "0") != 0) return NULL;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX];
    int n = xdg && xdg[0] == '/'     ? snprintf(dir, sizeof dir, "%s/briefgen", xdg)
            : home && home[0] == '/' ? snprintf(dir, sizeof dir, "%s/.cache/briefgen", home)
                                     : -1;
    if (n <= 0 || (size_t)n >= sizeof dir - 32) return NULL;
    bg_font_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->key = cache_key(conf_file, want, &c->key_len);
    c->dir = strdup(dir);
    if (!c->key || !c->dir) {
        cache_free(c);
        return NULL;
    }
    uint64_t hash = bg_fnv1a(c->key, c->key_len);
    char file[PATH_MAX + 32];
    snprintf(file, sizeof file, "%s/fonts-%016llx.cache", c->dir, (unsigned long long)hash);
    c->file = strdup(file);
    if (!c->file) {
        cache_free(c);
        return NULL;
    }
    return c;
}

/* A reader of the cache file: numbers end in a space or a newline,
 * strings are LENGTH:BYTES and a newline. Any surprise sets BAD. */
typedef struct reader {
    const char *p, *end;
    bool bad;
} reader;

static long long rd_digits(reader *r, long long lo, long long hi)
{
    bool neg = r->p < r->end && *r->p == '-';
    if (neg) r->p++;
    long long v = 0;
    const char *start = r->p;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && r->p - start < 18)
        v = v * 10 + (*r->p++ - '0');
    if (r->p == start) r->bad = true;
    if (neg) v = -v;
    if (v < lo || v > hi) r->bad = true;
    return r->bad ? lo : v;
}

static long long rd_num(reader *r, long long lo, long long hi)
{
    long long v = rd_digits(r, lo, hi);
    if (r->p >= r->end || (*r->p != ' ' && *r->p != '\n'))
        r->bad = true;
    else
        r->p++;
    return r->bad ? lo : v;
}

/* The next string, or NULL (empty strings too) without ALLOC: then *AT
 * and *LEN say where it is. */
static char *rd_str_at(reader *r, bool alloc, const char **at, size_t *len)
{
    size_t n = (size_t)rd_digits(r, 0, CACHE_MAX_BYTES);
    if (r->bad || r->p >= r->end || *r->p != ':' || (size_t)(r->end - r->p) < n + 2) {
        r->bad = true;
        return NULL;
    }
    const char *s = r->p + 1;
    r->p = s + n;
    if (*r->p++ != '\n' || memchr(s, '\0', n)) {
        r->bad = true;
        return NULL;
    }
    if (at) *at = s;
    if (len) *len = n;
    if (!alloc || n == 0) return NULL;
    char *copy = malloc(n + 1);
    if (!copy) {
        r->bad = true;
        return NULL;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

static char *rd_str(reader *r)
{
    return rd_str_at(r, true, NULL, NULL);
}

static void rd_stat(reader *r, dep *d)
{
    d->kind = rd_num(r, DEP_MISSING, DEP_OTHER);
    d->sec = rd_num(r, LLONG_MIN / 2, LLONG_MAX / 2);
    d->nsec = rd_num(r, 0, 999999999);
    d->size = rd_num(r, 0, LLONG_MAX / 2);
    d->ino = rd_num(r, 0, LLONG_MAX / 2);
    d->csec = rd_num(r, LLONG_MIN / 2, LLONG_MAX / 2);
    d->cnsec = rd_num(r, 0, 999999999);
}

/* Whether what R holds still describes this system (the paths it names
 * are as recorded); fills C. */
static bool cache_parse(reader *r, bg_font_cache *c)
{
    size_t magic = sizeof CACHE_MAGIC - 1;
    if ((size_t)(r->end - r->p) < magic || memcmp(r->p, CACHE_MAGIC, magic) != 0) return false;
    r->p += magic;
    const char *key;
    size_t key_len;
    rd_str_at(r, false, &key, &key_len);
    if (r->bad || key_len != c->key_len || memcmp(key, c->key, key_len) != 0) return false;
    size_t deps = (size_t)rd_num(r, 0, CACHE_MAX_ITEMS);
    for (size_t i = 0; i < deps && !r->bad; i++) {
        const char *at;
        size_t len;
        char path[PATH_MAX];
        rd_str_at(r, false, &at, &len);
        dep was, now;
        rd_stat(r, &was);
        if (r->bad || len == 0 || len >= sizeof path || at[0] != '/') return false;
        memcpy(path, at, len);
        path[len] = '\0';
        dep_stat(path, &now);
        if (!dep_same(&was, &now)) return false;
    }
    for (int k = 0; k < BG_ROLE_COUNT && !r->bad; k++) {
        c->family[k] = rd_str(r);
        c->latin[k] = rd_str(r);
        c->dropped[k] = rd_str(r);
        c->named_missing[k] = rd_num(r, 0, 1);
        c->found[k] = rd_num(r, 0, 1);
        if (!c->family[k]) r->bad = true;
    }
    size_t faces = (size_t)rd_num(r, 0, CACHE_MAX_ITEMS);
    c->opened = (size_t)rd_num(r, 0, (long long)faces);
    if (r->bad || !(c->faces = calloc(faces ? faces : 1, sizeof *c->faces))) return false;
    c->face_count = faces;
    for (size_t i = 0; i < faces && !r->bad; i++) {
        cached_face *cf = &c->faces[i];
        cf->path = rd_str(r);
        cf->index = rd_num(r, 0, INT_MAX);
        cf->family = rd_str(r);
        cf->style = rd_str(r);
        cf->bold = rd_num(r, 0, 1);
        cf->italic = rd_num(r, 0, 1);
        cf->subset_ok = rd_num(r, 0, 1);
        dep was, now;
        rd_stat(r, &was);
        if (r->bad || !cf->path || cf->path[0] != '/' || was.kind != DEP_FILE) return false;
        dep_stat(cf->path, &now);
        if (!dep_same(&was, &now)) return false;
        rd_str_at(r, false, &cf->cover, &cf->cover_len);
    }
    for (int k = 0; k < BG_ROLE_COUNT && !r->bad; k++)
        for (int v = 0; v < BG_VAR_COUNT && !r->bad; v++) {
            cached_chain *cc = &c->chains[k][v];
            cc->count = (size_t)rd_num(r, v == 0 ? 1 : 0, INT16_MAX);
            cc->primary = (size_t)rd_num(r, 0, (long long)cc->count);
            if (r->bad ||
                !(cc->slots = malloc((cc->count ? cc->count : 1) * 3 * sizeof *cc->slots)))
                return false;
            for (size_t i = 0; i < cc->count && !r->bad; i++) {
                cc->slots[3 * i] = rd_num(r, 0, (long long)faces - 1);
                cc->slots[3 * i + 1] = rd_num(r, 0, 1);
                cc->slots[3 * i + 2] = rd_num(r, 0, 1);
            }
        }
    return !r->bad && r->p == r->end;
}

/* Reads C's file; true when its chains can be used. */
static bool cache_read(bg_font_cache *c)
{
    int fd = open(c->file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st;
    char *data = NULL;
    bool ok = false;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= CACHE_MAX_BYTES && (data = malloc((size_t)st.st_size))) {
        size_t got = 0, want = (size_t)st.st_size;
        while (got < want) {
            ssize_t n = read(fd, data + got, want - got);
            if (n <= 0) break;
            got += (size_t)n;
        }
        size_t body = want - TRAILER_LEN;
        char trailer[TRAILER_LEN + 1];
        snprintf(
            trailer, sizeof trailer, "end %016llx\n",
            (unsigned long long)bg_checksum(data, got == want && want > TRAILER_LEN ? body : 0));
        reader r = {data, data + body, false};
        ok = got == want && want > TRAILER_LEN && memcmp(data + body, trailer, TRAILER_LEN) == 0 &&
             cache_parse(&r, c);
    }
    c->data = data;
    close(fd);
    return ok;
}

/* Creates DIR and its parents (mode 0700); true when it is a folder. */
static bool make_folder(char *dir)
{
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    struct stat st;
    return (mkdir(dir, 0700) == 0 || errno == EEXIST) && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* FACE's coverage as one string (range_writer). */
static bool cover_encode(FILE *out, bg_face *face)
{
    text_buf b = {NULL, 0, 0, false};
    range_writer w = {&b, 0, 0, 0, false};
    if (face->charset) {
        ranges_of_charset(face->charset, &w);
    } else {
        if (face->cover_text) cover_decode(face);
        for (size_t k = 0; k < face->cover_count; k++)
            range_add(&w, face->cover[2 * k], face->cover[2 * k + 1] + 1);
    }
    range_add(&w, UINT32_MAX, UINT32_MAX); /* (writes the last range) */
    bool ok = !b.failed;
    if (ok) {
        /* the sentinel's own numbers are not written: the string is what
         * was written before it, without its last space */
        size_t len = b.len > 0 ? b.len - 1 : 0;
        fprintf(out, "%zu:", len);
        if (len) fwrite(b.data, 1, len, out);
        fputc('\n', out);
    }
    free(b.data);
    return ok;
}

/* The coverage of a face from the cache, read from its string on first
 * use; a string that does not read as cover_encode writes leaves the face
 * covering nothing. */
static void cover_decode(bg_face *face)
{
    const char *p = face->cover_text, *end = p + face->cover_text_len;
    face->cover_text = NULL;
    size_t cap = 1;
    for (const char *q = p; q < end; q++)
        cap += *q == ' ';
    uint32_t *cover = malloc((cap / 2 + 1) * 2 * sizeof *cover);
    if (!cover) return;
    size_t n = 0;
    uint64_t next = 0;
    bool bad = false;
    while (p < end && !bad) {
        uint64_t v[2] = {0, 0};
        for (int k = 0; k < 2 && !bad; k++) {
            const char *start = p;
            while (p < end && p - start < 7 &&
                   ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
                v[k] = v[k] * 16 + (uint64_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10), p++;
            if (p == start || (p < end && *p++ != ' ')) bad = true;
            if (k == 0 && p >= end) bad = true;
        }
        uint64_t first = next + v[0], last = first + v[1];
        if (bad || last > 0x10FFFF || n >= cap / 2 + 1)
            bad = true;
        else {
            cover[2 * n] = (uint32_t)first;
            cover[2 * n + 1] = (uint32_t)last;
            n++;
            next = last + 1;
        }
    }
    if (bad) n = 0;
    free(face->cover);
    face->cover = cover;
    face->cover_count = n;
}

static void put_stat(FILE *out, const dep *d)
{
    fprintf(out, "%lld %lld %lld %lld %lld %lld %lld\n", d->kind, d->sec, d->nsec, d->size, d->ino,
            d->csec, d->cnsec);
}

/* Writes F's chains to the cache file: a temporary file beside it, renamed
 * over it. Failures are silent (the next run resolves the chains again). */
static void cache_write(bg_fonts *f, bg_font_cache *c)
{
    if (!make_folder(c->dir)) return;
    char tmp[PATH_MAX + 64];
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", c->file) >= (int)sizeof tmp) return;
    char *text = NULL;
    size_t text_len = 0;
    FILE *out = open_memstream(&text, &text_len);
    if (!out) return;
    fputs(CACHE_MAGIC, out);
    fprintf(out, "%zu:", c->key_len);
    fwrite(c->key, 1, c->key_len, out);
    fputc('\n', out);
    fprintf(out, "%zu\n", c->dep_count);
    for (size_t i = 0; i < c->dep_count; i++) {
        put_str(out, c->deps[i].path);
        put_stat(out, &c->deps[i]);
    }
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        put_str(out, f->family[r]);
        put_str(out, f->latin[r]);
        put_str(out, c->dropped[r]);
        fprintf(out, "%lld %lld\n", c->named_missing[r], c->found[r]);
    }
    fprintf(out, "%zu %zu\n", f->face_count, f->opened_faces);
    bool ok = true;
    for (size_t i = 0; i < f->face_count; i++) {
        bg_face *face = &f->faces[i];
        dep d;
        dep_stat(face->path, &d);
        ok = ok && d.kind == DEP_FILE;
        put_str(out, face->path);
        fprintf(out, "%d\n", face->index);
        put_str(out, face->family);
        put_str(out, face->style);
        fprintf(out, "%d %d %d\n", face->bold, face->italic, face->subset_ok);
        put_stat(out, &d);
        ok = ok && cover_encode(out, face);
    }
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        for (int v = 0; v < BG_VAR_COUNT; v++) {
            const bg_chain *chain = &f->chains[r][v];
            fprintf(out, "%d %d\n", chain->count, chain->primary);
            for (int i = 0; i < chain->count; i++)
                fprintf(out, "%d %d %d\n", chain->faces[i], chain->fake_bold[i],
                        chain->fake_italic[i]);
        }
    ok = !ferror(out) && ok;
    if (fclose(out) != 0 || !ok) {
        free(text);
        return;
    }
    char trailer[TRAILER_LEN + 1];
    snprintf(trailer, sizeof trailer, "end %016llx\n",
             (unsigned long long)bg_checksum(text, text_len));
    /* registered (base/temp.h), so that a signal's handler removes it */
    int fd = bg_temp_create(tmp, 0600);
    FILE *file = fd < 0 ? NULL : fdopen(fd, "w");
    if (!file) {
        if (fd >= 0) close(fd);
        if (fd >= 0) bg_temp_remove(tmp);
        free(text);
        return;
    }
    ok = fwrite(text, 1, text_len, file) == text_len && fputs(trailer, file) >= 0;
    free(text);
    if (fclose(file) != 0 || !ok || rename(tmp, c->file) != 0) {
        bg_temp_remove(tmp);
    } else {
        bg_temp_release(tmp);
        const char *slash = strrchr(c->file, '/');
        bg_cache_trim(c->dir, "fonts-", slash ? slash + 1 : c->file, CACHE_KEEP);
    }
}

/* The live face of the cache's face I, added to the table on first use;
 * -1 when HarfBuzz cannot read it. */
static int cached_face_live(bg_fonts *f, size_t i)
{
    const cached_face *cf = &f->cache->faces[i];
    int found = face_find(f, cf->path, (int)cf->index);
    if (found >= 0) return found;
    char *path = strdup(cf->path);
    if (!path) return -1;
    int face = face_make(f, path, (int)cf->index, cf->family ? cf->family : "",
                         cf->style ? cf->style : "", cf->bold != 0, cf->italic != 0, NULL,
                         cf->cover ? cf->cover : "", cf->cover_len, true);
    if (face >= 0) f->faces[face].subset_ok = cf->subset_ok != 0;
    return face;
}

/* CHAIN of ROLE and VARIANT from the cache, its faces added in its order
 * (the order chain_build adds them, so that faces are numbered as without
 * the cache); false, and CHAIN left empty, when a face is unreadable or was
 * found unusable (then fontconfig builds it without that face). */
static bool chain_restore(bg_fonts *f, bg_chain *chain, bg_role role, int variant)
{
    const cached_chain *cc = &f->cache->chains[role][variant];
    for (size_t i = 0; i < cc->count; i++) {
        int face = cached_face_live(f, (size_t)cc->slots[3 * i]);
        if (face < 0 || !f->faces || f->faces[face].usable < 0 ||
            !chain_push(chain, face, cc->slots[3 * i + 1] != 0, cc->slots[3 * i + 2] != 0)) {
            chain_reset(chain);
            return false;
        }
    }
    chain->primary = (int)cc->primary;
    chain->built = true;
    return true;
}

/* True when DIR holds only regular files and folders (DEPTH levels down
 * at most 8): fontconfig may scan it. FreeType opens every file it meets,
 * and the open of a FIFO waits for a writer for ever. */
static bool font_folder_plain(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) return true; /* (fontconfig finds nothing there either) */
    bool plain = true;
    struct dirent *e;
    while (plain && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path) continue;
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode))
            plain = depth >= 8 || font_folder_plain(path, depth + 1);
        else
            plain = S_ISREG(st.st_mode);
    }
    closedir(d);
    return plain;
}

/* Adds the regular files of DIR and its folders (DEPTH levels down at most
 * 8) one by one, with a warning for each other kind of file (a FIFO, a
 * device), which is left out. */
static void font_folder_add(bg_fonts *f, const char *dir, int depth, bg_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path) continue;
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth < 8) font_folder_add(f, path, depth + 1, diags);
        } else if (S_ISREG(st.st_mode)) {
            FcConfigAppFontAddFile(f->config, (const FcChar8 *)path);
        } else if (diags) {
            bg_diag_add(diags, BG_WARNING, path, 0, 0,
                        "not a regular file; left out of the fonts (a FIFO or device would "
                        "make fontconfig wait for ever)");
        }
    }
    closedir(d);
}

/* Loads CONF_FILE into F->config, else the system configuration (with a
 * warning); true when CONF_FILE itself loaded. */
static bool config_load(bg_fonts *f, bg_diags *diags)
{
    const char *conf_file = f->conf_file;
    bool own = true;
    f->config = FcConfigCreate();
    /* (a missing file is checked first: fontconfig would print about it;
     * and only a regular file: fontconfig reads a FIFO or /dev/zero until
     * it has all, that is for ever) */
    struct stat st;
    if (!f->config || stat(conf_file, &st) != 0 || !S_ISREG(st.st_mode) ||
        access(conf_file, R_OK) != 0 ||
        !FcConfigParseAndLoad(f->config, (const FcChar8 *)conf_file, FcTrue) ||
        !FcConfigBuildFonts(f->config)) {
        bg_diag_add(diags, BG_WARNING, conf_file, 0, 0,
                    "cannot load this fontconfig file; using the system configuration");
        if (f->config) FcConfigDestroy(f->config);
        f->config = FcInitLoadConfigAndFonts();
        own = false;
    }
    if (!f->config) return false;
    /* the folder of the configuration holds the user's fonts (added here:
     * a relative <dir> leaks in fontconfig 2.14's parser); only that of a
     * file that loaded ('/dev' of a BRIEFGEN_FONTS_CONF=/dev/zero is not
     * a font folder) */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", conf_file);
    char *slash = strrchr(dir, '/');
    if (slash && own) {
        *slash = '\0';
        if (font_folder_plain(dir, 0))
            FcConfigAppFontAddDir(f->config, (const FcChar8 *)dir);
        else
            font_folder_add(f, dir, 0, diags);
    }
    last_resort_load(f);
    return own;
}

/* Whether fontconfig is open, opening it now when the chains came from the
 * cache. */
static bool config_ready(bg_fonts *f)
{
    if (!f->config) config_load(f, f->diags);
    return f->config != NULL;
}

static bg_chain *chain_get(bg_fonts *f, bg_role role, int variant)
{
    bg_chain *chain = &f->chains[role][variant];
    if (chain->built) return chain;
    if (f->cache && f->cache->hit && chain_restore(f, chain, role, variant)) return chain;
    if (config_ready(f)) chain_build(f, chain, f->latin[role], f->family[role], variant);
    chain->built = true;
    return chain;
}

/* On a miss, the rest of the chains built and written to the cache, unless
 * a face was found unusable (chains built without it are not what a fresh
 * run starts from). */
static void cache_save(bg_fonts *f)
{
    bg_font_cache *c = f->cache;
    if (!c || !c->write || c->hit || !f->config) return;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < f->face_count; i++)
            if (f->faces[i].usable < 0) return;
        for (int r = 0; pass == 0 && r < BG_ROLE_COUNT; r++)
            for (int v = 0; v < BG_VAR_COUNT; v++)
                chain_get(f, (bg_role)r, v);
    }
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        if (f->chains[r][0].count == 0) return;
    cache_write(f, c);
}

const char *bg_fonts_cache_state(const bg_fonts *f)
{
    return !f->cache ? "off" : f->cache->hit ? "hit" : "miss";
}

int bg_fonts_open(bg_fonts **out, const char *conf_file, const char *const families[BG_ROLE_COUNT],
                  const char *where, bg_diags *diags)
{
    return bg_fonts_open_at(out, conf_file, families, where, NULL, NULL, diags);
}

/* F's faces, chains and families released (F itself kept). */
static void fonts_clear(bg_fonts *f)
{
    for (size_t i = 0; i < f->face_count; i++)
        bg_face_release(&f->faces[i]);
    f->face_count = 0;
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        free(f->family[r]);
        free(f->latin[r]);
        f->family[r] = f->latin[r] = NULL;
        for (int v = 0; v < BG_VAR_COUNT; v++)
            chain_reset(&f->chains[r][v]);
    }
}

/* The first chain of each role from the cache, and the warnings the run
 * that wrote it gave; false (F cleared) when a face cannot be read. */
static bool open_cached(bg_fonts *f, const char *const want[BG_ROLE_COUNT], const char *where,
                        const int lines[BG_ROLE_COUNT], const int cols[BG_ROLE_COUNT],
                        bg_diags *diags)
{
    bg_font_cache *c = f->cache;
    c->hit = true;
    bool ok = true;
    for (int r = 0; r < BG_ROLE_COUNT && ok; r++) {
        f->family[r] = strdup(c->family[r]);
        f->latin[r] = c->latin[r] ? strdup(c->latin[r]) : NULL;
        ok = f->family[r] && (f->latin[r] || !c->latin[r]);
    }
    for (size_t i = 0; i < c->opened && ok; i++)
        ok = cached_face_live(f, i) == (int)i;
    for (int r = 0; r < BG_ROLE_COUNT && ok; r++)
        ok = chain_restore(f, &f->chains[r][0], (bg_role)r, 0) && f->chains[r][0].count > 0;
    if (!ok) {
        c->hit = false;
        fonts_clear(f);
        return false;
    }
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        if (c->named_missing[r])
            bg_diag_add(diags, BG_WARNING, where, lines ? lines[r] : 0, cols ? cols[r] : 0,
                        "font family '%s' (%s) is not installed as TrueType; using '%s'", want[r],
                        role_name[r], default_family[r]);
        if (c->dropped[r])
            bg_diag_add(diags, BG_WARNING, where, 0, 0,
                        "the Latin face '%s' (%s) is not installed as TrueType; Latin is drawn "
                        "from '%s' (install fonts-sil-gentiumplus and fonts-paratype)",
                        c->dropped[r], role_name[r], f->family[r]);
        if (!c->found[r])
            bg_diag_add(diags, BG_WARNING, where, 0, 0,
                        "font family '%s' (%s) is not installed; using '%s' (install "
                        "fonts-nanum)",
                        f->family[r], role_name[r], f->faces[f->chains[r][0].faces[0]].family);
    }
    return true;
}

int bg_fonts_open_at(bg_fonts **out, const char *conf_file,
                     const char *const families[BG_ROLE_COUNT], const char *where,
                     const int lines[BG_ROLE_COUNT], const int cols[BG_ROLE_COUNT], bg_diags *diags)
{
    *out = NULL;
    bg_fonts *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->diags = diags;
    f->conf_file = strdup(conf_file);
    f->buffer = hb_buffer_create();
    if (!f->conf_file) {
        bg_fonts_free(f);
        return -1;
    }
    const char *want[BG_ROLE_COUNT];
    for (int role = 0; role < BG_ROLE_COUNT; role++)
        want[role] = families && families[role] ? families[role] : default_family[role];
    f->cache = cache_new(conf_file, want);
    if (f->cache && cache_read(f->cache) && open_cached(f, want, where, lines, cols, diags)) {
        f->opened_faces = f->face_count;
        *out = f;
        return 0;
    }
    if (f->cache) { /* (a file that was read in part is forgotten) */
        cache_free(f->cache);
        f->cache = cache_new(conf_file, want);
    }
    bool own = config_load(f, diags);
    if (!f->config) {
        bg_diag_add(diags, BG_ERROR, where, 0, 0, "fontconfig cannot be initialised");
        bg_fonts_free(f);
        return -1;
    }
    bg_font_cache *c = f->cache;
    if (c) {
        c->write = own;
        if (own) deps_collect(f, c);
    }
    bool usable = true;
    for (int role = 0; role < BG_ROLE_COUNT; role++) {
        f->family[role] = strdup(want[role]);
        /* a family the brief names draws every character it has: the Latin
         * face goes with the default family only */
        bool named = strcasecmp(want[role], default_family[role]) != 0;
        if (!named) f->latin[role] = latin_load(f, (bg_role)role);
        bg_chain *chain = &f->chains[role][0];
        bool found = chain_build(f, chain, f->latin[role], want[role], 0);
        if (!found && named) {
            bg_diag_add(diags, BG_WARNING, where, lines ? lines[role] : 0, cols ? cols[role] : 0,
                        "font family '%s' (%s) is not installed as TrueType; using '%s'",
                        want[role], role_name[role], default_family[role]);
            if (c) c->named_missing[role] = 1;
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
            if (c && !(c->dropped[role] = strdup(f->latin[role]))) c->write = false;
            free(f->latin[role]);
            f->latin[role] = NULL;
        }
        if (!found && chain->count > 0)
            bg_diag_add(diags, BG_WARNING, where, 0, 0,
                        "font family '%s' (%s) is not installed; using '%s' (install "
                        "fonts-nanum)",
                        f->family[role], role_name[role], f->faces[chain->faces[0]].family);
        if (c) c->found[role] = found || chain->count == 0;
        if (chain->count == 0 || !f->family[role]) usable = false;
    }
    if (!usable || !f->buffer) {
        bg_diag_add(diags, BG_ERROR, where, 0, 0,
                    "no usable TrueType font found through fontconfig (install fonts-nanum)");
        if (c) c->write = false;
        bg_fonts_free(f);
        return -1;
    }
    f->opened_faces = f->face_count;
    *out = f;
    return 0;
}

void bg_face_release(bg_face *face)
{
    free(face->path);
    free(face->family);
    free(face->style);
    free(face->cover);
    if (face->charset) FcCharSetDestroy(face->charset);
    hb_font_destroy(face->hb_font);
    hb_face_destroy(face->hb_face);
    memset(face, 0, sizeof *face);
}

void bg_fonts_free(bg_fonts *f)
{
    if (!f) return;
    cache_save(f);
    fonts_clear(f);
    free(f->faces);
    for (size_t i = 0; i < f->last_resort_count; i++)
        free(f->last_resort[i]);
    free(f->last_resort);
    bg_width_cache_free(&f->widths);
    hb_buffer_destroy(f->buffer);
    if (f->config) FcConfigDestroy(f->config);
    cache_free(f->cache);
    free(f->conf_file);
    free(f);
}

/* Advance of CP in FACE in ems; 0 when the face lacks it. */
static double advance_em(bg_face *face, uint32_t cp)
{
    hb_codepoint_t glyph;
    bg_face_ready(face);
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

static int proportional_slot(bg_fonts *f, const bg_chain *chain, int slot, uint32_t cp)
{
    uint32_t probe = width_probe(cp);
    double limit = proportional_limit(cp);
    double first = advance_em(&f->faces[chain->faces[slot]], probe);
    if (first > 0 && first < limit) return slot;
    for (int i = slot + 1; i < chain->primary; i++) {
        bg_face *face = &f->faces[chain->faces[i]];
        if (!face_has(face, cp)) continue;
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
        if (face_has(&f->faces[chain->faces[i]], cp)) slot = i;
    /* Korean fonts draw U+005C as a won sign (KS X 1003): a face
     * without Hangul draws a backslash */
    if (slot >= 0 && cp == '\\' && face_has(&f->faces[chain->faces[slot]], 0xAC00))
        for (int i = slot + 1; i < chain->primary; i++)
            if (!face_has(&f->faces[chain->faces[i]], 0xAC00) &&
                face_has(&f->faces[chain->faces[i]], cp)) {
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
    if (face < 0 || (size_t)face >= f->face_count) return NULL;
    bg_face_ready(&f->faces[face]); /* (its metrics) */
    return &f->faces[face].info;
}

const char *bg_fonts_face_path(const bg_fonts *f, int face)
{
    return face >= 0 && (size_t)face < f->face_count ? f->faces[face].path : NULL;
}

const char *bg_fonts_family(const bg_fonts *f, bg_role role)
{
    return f->family[role];
}
