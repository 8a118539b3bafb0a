/* subset.h - font subsets for the PDF back end (internal to pdf/): each
 * face cut down to the characters layout drew with it, with what the
 * PDF's font objects need of it. */
#ifndef BRIEFGEN_SUBSET_H
#define BRIEFGEN_SUBSET_H

#include "base/arena.h"
#include <hb.h>

#include "base/diag.h"
#include "layout/layout.h"
#include "pdf/packed.h"

/* One face's subset. Text is written in codes equal to the subset's glyph
 * ids, so the CIDFont maps codes to glyphs with /CIDToGIDMap /Identity
 * (ISO 32000-1, 9.7.4.2); a character whose glyph an earlier character
 * already drew (two characters, one glyph) gets a code past the last
 * glyph, and the font then needs a CIDToGIDMap stream of its codes
 * (EXTRA_GID gives their glyphs). The ToUnicode CMap maps each code back to
 * its character. */
typedef struct bg_pdf_font {
    const uint32_t *cps;             /* the face's characters, ascending (bg_face_chars) */
    size_t count;                    /* of CPS */
    uint16_t *code;                  /* the code of each character */
    uint16_t *extra_gid;             /* the glyph of code GLYPH_COUNT + i */
    size_t extra;                    /* codes past the glyphs */
    size_t glyph_count;              /* glyphs in the subset */
    uint16_t *widths;                /* each glyph's advance, thousandths of an em, truncated */
    unsigned char *data;             /* the subset, a TrueType font file */
    size_t size;                     /* of DATA */
    char name[64];                   /* the face's PostScript name, PDF name characters only */
    int ascent, descent, cap_height; /* thousandths of an em */
    int bbox[4];                     /* the font's bounding box, thousandths of an em */
    double italic_angle;             /* degrees, counter-clockwise from vertical */
    uint16_t *bmp[256]; /* the codes of U+XX00-U+XXFF at bmp[0xXX] (NULL: none drawn) */
} bg_pdf_font;

/* Subsets FACE (its file OPEN when it is open already, else read now)
 * to CHARS (and the space) into *FONT. Returns 1 when made, 0
 * when CHARS is empty (FONT then holds nothing), -1 on failure (after a
 * diagnostic). Free FONT with bg_pdf_font_free in every case. */
int bg_pdf_font_make(const bg_face_info *face, hb_blob_t *open, const bg_face_chars *chars,
                     bg_pdf_font *font, bg_diags *diags);
void bg_pdf_font_free(bg_pdf_font *font);

/* bg_pdf_font_make for each of the first N faces of FACES and its
 * characters CHARS[i]
 * into FONTS[i], on two threads when there are two processors; with LATE
 * (NULL: none) each font file goes to its slot I there (bg_late_put) as
 * soon as it is made, DATA then NULL. RESULTS[i] is
 * bg_pdf_font_make's. The diagnostics are those the faces made in turn
 * give, up to the first that failed. Returns 0, or -1 when a face failed.
 * Free each of FONTS with bg_pdf_font_free in every case. */
int bg_pdf_fonts_make(bg_fonts *faces, const bg_face_chars *chars, size_t n, bg_pdf_font *fonts,
                      int *results, bg_late *late, bg_diags *diags);

/* The code of CP in FONT; 0 (the .notdef glyph) for a character the face
 * did not draw. A table lookup in the BMP (bg_pdf_font_index), a binary
 * search past it. */
uint16_t bg_pdf_font_code(const bg_pdf_font *font, uint32_t cp);

/* Fills FONT's BMP table from its CPS and CODE (bg_pdf_font_make does).
 * Returns 0, or -1 without memory. */
int bg_pdf_font_index(bg_pdf_font *font);

/* Gives each of N characters whose glyphs are GIDS its code in CODE: its
 * glyph id, or for a glyph an earlier character already has the next code
 * past GLYPH_COUNT, whose glyph goes into *EXTRA_GID (malloc'd, *EXTRA of
 * them). Codes stop at 0xFFFF: a character past that keeps its glyph's
 * code. Returns 0, or -1 without memory. */
int bg_pdf_codes_assign(const uint16_t *gids, size_t n, size_t glyph_count, uint16_t *code,
                        uint16_t **extra_gid, size_t *extra);

#endif
