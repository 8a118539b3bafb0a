/* image.h - the images of a PDF (internal to the PDF back end): one image
 * XObject for each distinct image (bg_image.id), decoded on first use. */
#ifndef BRIEFGEN_PDF_IMAGE_H
#define BRIEFGEN_PDF_IMAGE_H

#include <hpdf.h>

#include "base/arena.h" /* before layout.h, which uses it */
#include "base/diag.h"
#include "layout/layout.h"

typedef struct bg_pdf_images {
    size_t count;  /* ids */
    double *w, *h; /* the largest size each is drawn at, in points */
    HPDF_Image *xobjects;
    unsigned char *state; /* 0 not loaded yet, 1 loaded, 2 left out */
} bg_pdf_images;

/* The images drawn on PAGES; 0, or -1 without memory. */
int bg_pdf_images_init(bg_pdf_images *images, const bg_pages *pages);
void bg_pdf_images_free(bg_pdf_images *images);

/* The XObject of IMAGE in PDF, loaded on first use: a PNG decoded at
 * 300 dpi of its largest size (image/image.h), its transparency as a soft
 * mask; a JPEG passed through. NULL when it cannot be drawn, with a
 * warning the first time: the caller then clears libharu's error. */
HPDF_Image bg_pdf_image(bg_pdf_images *images, HPDF_Doc pdf, const bg_image *image,
                        bg_diags *diags);

#endif
