/* subset.h - font subsets for the PDF back end (internal to pdf/): each
 * face cut down to the characters layout drew with it. */
#ifndef BRIEFGEN_SUBSET_H
#define BRIEFGEN_SUBSET_H

#include "base/diag.h"
#include "layout/layout.h"

/* Writes a subset of FACE holding CHARS (and the space) to a new temporary
 * file; *PATH gets its name (free() it, remove the file). Returns 1 when
 * written, 0 when CHARS is empty, -1 on failure (after a diagnostic). */
int bg_pdf_subset(const bg_face_info *face, const bg_face_chars *chars, char **path,
                  bg_diags *diags);

/* CHARS and the space, in code point order, as one UTF-8 string (malloc'd;
 * NULL without memory). */
char *bg_pdf_chars_text(const bg_face_chars *chars);

#endif
