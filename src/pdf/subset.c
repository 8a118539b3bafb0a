/* subset.c - each face cut down to the characters layout drew with it,
 * with HarfBuzz's subsetter, and what the PDF's font objects need of it:
 * the font file, each glyph's width, the code each character is written
 * with, a few metrics for the font descriptor. Codes are the subset's
 * glyph ids (the subsetter numbers the glyphs it keeps from 0, in their
 * old order), so the PDF needs no CIDToGIDMap stream (ISO 32000-1,
 * 9.7.4.2), and libharu never reads the font: its Type0 fonts build a
 * 65,536-entry map and scan the cmap for every code point. */
#include <hb-ot.h>
#include <hb-subset.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/packed.h"
#include "base/temp.h"
#include "pdf/subset.h"

enum { PLANE = 0x10000 };

void bg_pdf_font_free(bg_pdf_font *font)
{
    free(font->code);
    free(font->extra_gid);
    free(font->widths);
    free(font->data);
    for (size_t i = 0; i < 256; i++)
        free(font->bmp[i]);
    memset(font, 0, sizeof *font);
}

int bg_pdf_codes_assign(const uint16_t *gids, size_t n, size_t glyph_count, uint16_t *code,
                        uint16_t **extra_gid, size_t *extra)
{
    *extra_gid = NULL;
    *extra = 0;
    uint8_t *taken = calloc(glyph_count / 8 + 1, 1);
    if (!taken) return -1;
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t g = gids[i];
        code[i] = g;
        if (g >= glyph_count || !((taken[g >> 3] >> (g & 7)) & 1)) {
            if (g < glyph_count) taken[g >> 3] |= (uint8_t)(1u << (g & 7));
            continue;
        }
        /* the glyph is another character's: a code of its own past the glyphs */
        if (glyph_count + *extra > 0xFFFF) continue;
        if (*extra == cap) {
            cap = cap ? cap * 2 : 16;
            uint16_t *grown = realloc(*extra_gid, cap * sizeof *grown);
            if (!grown) {
                free(taken);
                free(*extra_gid);
                *extra_gid = NULL;
                *extra = 0;
                return -1;
            }
            *extra_gid = grown;
        }
        code[i] = (uint16_t)(glyph_count + *extra);
        (*extra_gid)[(*extra)++] = g;
    }
    free(taken);
    return 0;
}

int bg_pdf_font_index(bg_pdf_font *font)
{
    for (size_t i = 0; i < font->count && font->cps[i] < PLANE; i++) {
        uint16_t **block = &font->bmp[font->cps[i] >> 8];
        if (!*block && !(*block = calloc(256, sizeof **block))) return -1;
        (*block)[font->cps[i] & 0xFF] = font->code[i];
    }
    return 0;
}

uint16_t bg_pdf_font_code(const bg_pdf_font *font, uint32_t cp)
{
    if (cp < PLANE) {
        const uint16_t *block = font->bmp[cp >> 8];
        return block ? block[cp & 0xFF] : 0;
    }
    size_t lo = 0, hi = font->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (font->cps[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < font->count && font->cps[lo] == cp ? font->code[lo] : 0;
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
    return glyph == HB_MAP_VALUE_INVALID || glyph > 0xFFFF ? 0 : glyph;
}

/* V font units in thousandths of an em, truncated as libharu had them. */
static int permille(long v, unsigned upem)
{
    return (int)(v * 1000 / (long)upem);
}

static int int16_at(const char *p)
{
    return (int16_t)(uint16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* The font descriptor's metrics and name, from the whole face. */
static void describe(hb_face_t *whole, bg_pdf_font *font)
{
    unsigned upem = hb_face_get_upem(whole);
    if (!upem) upem = 1000;
    hb_font_t *f = hb_font_create(whole);
    hb_position_t v;
    if (hb_ot_metrics_get_position(f, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v))
        font->ascent = permille(v, upem);
    if (hb_ot_metrics_get_position(f, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v))
        font->descent = permille(v, upem);
    if (hb_ot_metrics_get_position(f, HB_OT_METRICS_TAG_CAP_HEIGHT, &v))
        font->cap_height = permille(v, upem);
    font->italic_angle = hb_style_get_value(f, HB_STYLE_TAG_SLANT_ANGLE);
    hb_font_destroy(f);
    hb_blob_t *head = hb_face_reference_table(whole, HB_TAG('h', 'e', 'a', 'd'));
    unsigned len;
    const char *h = hb_blob_get_data(head, &len);
    if (len >= 44) /* xMin, yMin, xMax, yMax at 36 (OpenType, 'head') */
        for (int i = 0; i < 4; i++)
            font->bbox[i] = permille(int16_at(h + 36 + (size_t)2 * (size_t)i), upem);
    hb_blob_destroy(head);
    char name[64];
    unsigned size = sizeof name;
    if (!hb_ot_name_get_utf8(whole, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size,
                             name))
        name[0] = '\0';
    /* a PDF name of letters, digits and '-' (PostScript names are ASCII) */
    size_t n = 0;
    for (const char *p = name; *p && n + 1 < sizeof font->name; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-')
            font->name[n++] = *p;
    if (n == 0) memcpy(font->name, "Font", (n = 4));
    font->name[n] = '\0';
}

/* Fills FONT's glyph widths and codes from the subset face SUB (its
 * glyphs from PLAN when SUB has no cmap). */
static int measure(hb_face_t *sub, const hb_subset_plan_t *plan, bg_pdf_font *font)
{
    unsigned upem = hb_face_get_upem(sub);
    if (!upem) upem = 1000;
    font->glyph_count = hb_face_get_glyph_count(sub);
    font->widths = malloc((font->glyph_count + 1) * sizeof *font->widths);
    font->code = malloc((font->count + 1) * sizeof *font->code);
    uint16_t *gids = malloc((font->count + 1) * sizeof *gids);
    hb_font_t *f = hb_font_create(sub);
    int status = -1;
    if (font->widths && font->code && gids) {
        for (size_t g = 0; g < font->glyph_count; g++) {
            hb_position_t adv = hb_font_get_glyph_h_advance(f, (hb_codepoint_t)g);
            /* per mille, truncated: what layout measured the pen against */
            font->widths[g] = (uint16_t)((unsigned)(adv < 0 ? 0 : adv) * 1000u / upem);
        }
        for (size_t i = 0; i < font->count; i++)
            gids[i] = (uint16_t)glyph_of(f, plan, font->cps[i]);
        status = bg_pdf_codes_assign(gids, font->count, font->glyph_count, font->code,
                                     &font->extra_gid, &font->extra);
        if (status == 0) status = bg_pdf_font_index(font);
    }
    hb_font_destroy(f);
    free(gids);
    return status;
}

int bg_pdf_font_make(const bg_face_info *face, hb_blob_t *open, const bg_face_chars *chars,
                     bg_pdf_font *font, bg_diags *diags)
{
    memset(font, 0, sizeof *font);
    if (chars->count == 0) return 0;
    font->cps = chars->cps;
    font->count = chars->count;
    hb_blob_t *file = open ? hb_blob_reference(open) : hb_blob_create_from_file_or_fail(face->path);
    if (!file) {
        bg_diag_add(diags, BG_ERROR, face->path, 0, 0, "cannot read this font");
        return -1;
    }
    hb_face_t *whole = hb_face_create(file, (unsigned)face->index);
    hb_blob_destroy(file);
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input) {
        hb_face_destroy(whole);
        bg_diag_add(diags, BG_ERROR, face->path, 0, 0, "out of memory");
        return -1;
    }
    hb_set_t *unicodes = hb_subset_input_unicode_set(input);
    for (size_t i = 0; i < chars->count; i++)
        hb_set_add(unicodes, chars->cps[i]);
    hb_set_add(unicodes, ' ');
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    /* the PDF draws each character's own glyph, placed by the content
     * stream: the OpenType layout tables are not needed, and without GSUB
     * the subsetter keeps no glyph that only a substitution reaches
     * (ligatures, alternates): a smaller file, made in less time */
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_face_t *built = hb_subset_or_fail(whole, input);
    hb_subset_plan_t *plan = NULL;
    if (!built) {
        /* HarfBuzz 6.0 fails on the cmap of some sets (5,368 scattered
         * characters of HanaMinB): the subset is then made without one
         * (the PDF does not need it), its glyphs from the plan's mappings */
        hb_set_add(hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG),
                   HB_TAG('c', 'm', 'a', 'p'));
        plan = hb_subset_plan_create_or_fail(whole, input);
        built = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    }
    hb_subset_input_destroy(input);
    int status = -1;
    if (built) {
        describe(whole, font);
        /* the subsetter's face lists no tables: read its serialised form */
        hb_blob_t *blob = hb_face_reference_blob(built);
        unsigned size;
        const char *data = hb_blob_get_data(blob, &size);
        hb_face_t *sub = hb_face_create(blob, 0);
        font->data = size ? malloc(size) : NULL;
        if (font->data) {
            memcpy(font->data, data, size);
            font->size = size;
            status = measure(sub, plan, font) == 0 ? 1 : -1;
        }
        hb_face_destroy(sub);
        hb_blob_destroy(blob);
        hb_face_destroy(built);
    }
    hb_subset_plan_destroy(plan);
    hb_face_destroy(whole);
    if (status < 0)
        bg_diag_add(diags, BG_ERROR, face->path, 0, 0,
                    built ? "out of memory" : "cannot subset this font");
    return status;
}

/* ---- Every face at once ----
 *
 * The faces are independent (each subset reads its own font file), so
 * they are made on two threads when the machine has two processors: a
 * shared counter hands out the faces, most characters first. Each face's
 * diagnostics are kept apart and added in face order afterwards, up to
 * the first face that failed, as one thread would have given them. */

typedef struct subset_job {
    const bg_face_info *face; /* NULL: nothing to make */
    hb_blob_t *open;          /* its file */
    bg_late *late;            /* where the font file goes (slot: the face), or NULL */
    size_t slot;
    const bg_face_chars *chars;
    bg_pdf_font *font;
    bg_diags diags;
    int result;
} subset_job;

typedef struct subset_pool {
    subset_job *jobs;
    size_t *order; /* job indices, most characters first */
    size_t count, next;
    pthread_mutex_t lock;
} subset_pool;

static void job_run(subset_job *job)
{
    job->result = bg_pdf_font_make(job->face, job->open, job->chars, job->font, &job->diags);
    hb_blob_destroy(job->open); /* (unmapped: the pages it read leave memory) */
    job->open = NULL;
    if (!job->late) return;
    /* the font file deflated from now on (bg_late) */
    bg_pdf_font *font = job->font;
    bg_late_put(job->late, job->slot, job->result == 1 ? font->data : NULL, font->size);
    if (job->result == 1) font->data = NULL;
}

static void *pool_work(void *arg)
{
    subset_pool *pool = arg;
    for (;;) {
        pthread_mutex_lock(&pool->lock);
        size_t k = pool->next < pool->count ? pool->order[pool->next++] : SIZE_MAX;
        pthread_mutex_unlock(&pool->lock);
        if (k == SIZE_MAX) return NULL;
        job_run(&pool->jobs[k]);
    }
}

int bg_pdf_fonts_make(bg_fonts *faces, const bg_face_chars *chars, size_t n, bg_pdf_font *fonts,
                      int *results, bg_late *late, bg_diags *diags)
{
    subset_job *jobs = calloc(n ? n : 1, sizeof *jobs);
    size_t *order = calloc(n ? n : 1, sizeof *order);
    size_t *keys = calloc(n ? 2 * n : 1, sizeof *keys);
    if (!jobs || !order || !keys) {
        free(jobs);
        free(order);
        free(keys);
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "out of memory");
        return -1;
    }
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        memset(&fonts[i], 0, sizeof fonts[i]);
        jobs[i].chars = &chars[i];
        jobs[i].font = &fonts[i];
        jobs[i].late = late;
        jobs[i].slot = i;
        if (i < bg_fonts_face_count(faces) && chars[i].count) {
            jobs[i].face = bg_fonts_face(faces, (int)i);
            /* each file opened here, in face order (a trace of this
             * thread is the same whichever thread subsets which face):
             * mapped apart from the face layout read, so that the pages
             * the subset reads leave memory with it */
            jobs[i].open = hb_blob_create_from_file_or_fail(jobs[i].face->path);
            keys[2 * count] = chars[i].count;
            keys[2 * count + 1] = i;
            count++;
        } else if (late) {
            bg_late_put(late, i, NULL, 0); /* (no font file) */
        }
    }
    /* (characters, face) pairs in order: most characters first, ties by face */
    for (size_t a = 1; a < count; a++)
        for (size_t b = a; b > 0 && keys[2 * (b - 1)] < keys[2 * b]; b--) {
            size_t t0 = keys[2 * b], t1 = keys[2 * b + 1];
            keys[2 * b] = keys[2 * (b - 1)];
            keys[2 * b + 1] = keys[2 * (b - 1) + 1];
            keys[2 * (b - 1)] = t0;
            keys[2 * (b - 1) + 1] = t1;
        }
    for (size_t k = 0; k < count; k++)
        order[k] = keys[2 * k + 1];
    free(keys);
    subset_pool pool = {jobs, order, count, 0, PTHREAD_MUTEX_INITIALIZER};
    pthread_t helper;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    /* signals but faults blocked on the helper (bg_block_signals): handlers (the command line's,
     * which remove temporary files) run on the calling thread */
    sigset_t old;
    bg_block_signals(&old);
    bool helped = count > 1 && cpus > 1 && pthread_create(&helper, NULL, pool_work, &pool) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pool_work(&pool);
    if (helped) pthread_join(helper, NULL);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        subset_job *job = &jobs[i];
        results[i] = job->face && chars[i].count ? job->result : 0;
        if (status == 0)
            for (size_t d = 0; d < job->diags.count; d++) {
                const bg_diag *g = &job->diags.items[d];
                bg_diag_add(diags, g->severity, g->file, g->line, g->col, "%s", g->message);
            }
        if (results[i] < 0) status = -1;
        bg_diags_free(&job->diags);
    }
    free(jobs);
    free(order);
    return status;
}
