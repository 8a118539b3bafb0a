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

/* Seconds that bg_pdf_write_timed spent in each stage. */
typedef struct bg_pdf_times {
    double subset; /* font subsets and font objects */
    double draw;   /* the content streams of the pages */
    double save;   /* libharu's deflating and writing of the whole PDF */
} bg_pdf_times;

/* bg_pdf_write, with the time of each stage in *TIMES. */
int bg_pdf_write_timed(bg_pages *pages, bg_fonts *fonts, int fd, const char *name, bg_diags *diags,
                       bg_pdf_times *times);

#endif
