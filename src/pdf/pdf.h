/* pdf.h - the PDF back end: laid-out pages to a file through libharu, with
 * fonts subset before libharu loads them. The only module that calls
 * libharu. */
#ifndef BRIEFGEN_PDF_H
#define BRIEFGEN_PDF_H

#include "layout/layout.h"

/* Writes PAGES as a PDF to the open descriptor FD, as libharu produces it
 * (the caller handles atomic replacement); diagnostics name NAME, the
 * target the user gave. Returns 0, or -1 after adding a diagnostic. */
int bg_pdf_write(const bg_pages *pages, bg_fonts *fonts, int fd, const char *name, bg_diags *diags);

#endif
