/* subset.h - font subsets for the PDF back end (internal to pdf/): each
 * face cut down to the characters layout drew with it. */
#ifndef BRIEFGEN_SUBSET_H
#define BRIEFGEN_SUBSET_H

#include "base/diag.h"
#include "layout/layout.h"

/* The two-byte codes of a face's characters in the PDF. libharu's codes
 * are the characters themselves (CID = code point, two bytes): each
 * character past U+FFFF gets instead a code that the face does not use in
 * the document (from the Private Use Area, U+E000, up), which the subset's
 * cmap maps to its glyph and the ToUnicode CMap back to the character. */
typedef struct bg_pdf_codes {
    const uint32_t *astral; /* the face's characters past U+FFFF, ascending */
    uint16_t *code;         /* the code of each; 0 when none was left */
    size_t *by_code;        /* indexes of ASTRAL with a code, in code order */
    size_t count, coded;    /* of ASTRAL; of BY_CODE */
} bg_pdf_codes;

/* Codes for the characters of CHARS past U+FFFF (CODES refers to CHARS).
 * Returns 0, or -1 without memory. */
int bg_pdf_codes_make(const bg_face_chars *chars, bg_pdf_codes *codes);
void bg_pdf_codes_free(bg_pdf_codes *codes);
/* The code of CP: CP itself in the BMP, its code past it; 0 for none. */
uint32_t bg_pdf_code(const bg_pdf_codes *codes, uint32_t cp);

/* The ranges of codes, each drawing its own character, of the high bytes
 * FIRST..LAST (a ToUnicode CMap's bfranges: one may vary only its last
 * byte): one per high byte, with the codes CODES gave cut out. RANGES has
 * room for LAST - FIRST + 1 + CODES->coded; returns how many. */
size_t bg_pdf_identity_ranges(const bg_pdf_codes *codes, unsigned first, unsigned last,
                              uint32_t (*ranges)[2]);

/* Writes a subset of FACE holding CHARS (and the space), its cmap mapping
 * CODES too, to a new temporary file; *PATH gets its name (free() it,
 * remove the file). Returns 1 when written, 0 when CHARS is empty, -1 on
 * failure (after a diagnostic). */
int bg_pdf_subset(const bg_face_info *face, const bg_face_chars *chars, const bg_pdf_codes *codes,
                  char **path, bg_diags *diags);

/* The codes of CHARS and the space, in code point order, as one UTF-8
 * string (malloc'd; NULL without memory). */
char *bg_pdf_chars_text(const bg_face_chars *chars, const bg_pdf_codes *codes);

#endif
