/* pdf.h - the PDF back end: laid-out pages to a file through libharu, with
 * fonts subset before libharu loads them. The only module that calls
 * libharu. */
#ifndef BRIEFGEN_PDF_H
#define BRIEFGEN_PDF_H

#include "layout/layout.h"

/* Writes PAGES as a PDF to the open descriptor FD, as libharu produces it
 * (the caller handles atomic replacement), releasing each page's text runs
 * once drawn; FONTS are those PAGES were laid out with. Diagnostics name
 * NAME, the target the user gave. Returns 0, or -1 after a diagnostic. */
int bg_pdf_write(bg_pages *pages, bg_fonts *fonts, int fd, const char *name, bg_diags *diags);

#endif
