/* pdf.h - the PDF back end: laid-out pages to a file through libharu, with
 * fonts subset before libharu loads them. The only module that calls
 * libharu. */
#ifndef BRIEFGEN_PDF_H
#define BRIEFGEN_PDF_H

#include "layout/layout.h"

/* Writes PAGES to PATH (directly; the caller handles atomic replacement),
 * releasing each page's text runs once drawn. FONTS are those PAGES were
 * laid out with. Returns 0, or -1 after adding a diagnostic. */
int bg_pdf_write(bg_pages *pages, bg_fonts *fonts, const char *path, bg_diags *diags);

#endif
