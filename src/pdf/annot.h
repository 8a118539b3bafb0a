/* annot.h - link annotations written from a compact record (internal to
 * src/pdf/, see annot.c). */
#ifndef BRIEFGEN_ANNOT_H
#define BRIEFGEN_ANNOT_H

#include <hpdf.h>

/* A link annotation on PAGE over RECT to DEST (an indirect destination)
 * or, when DEST is NULL, to URI (ASCII), added to the page's /Annots with
 * no border, printed (/F 4); NULL without memory. */
HPDF_Annotation bg_annot_link(HPDF_Doc pdf, HPDF_Page page, HPDF_Rect rect, HPDF_Destination dest,
                              const char *uri);
/* ANNOT's /StructParent KEY and /Contents CONTENTS (a libharu string
 * object that ANNOT owns from now on, or NULL). */
void bg_annot_describe(HPDF_Annotation annot, int key, void *contents);

#endif
