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

/* bg_pdf_write in two steps, so that the caller can free what was laid out
 * before the file is saved (when memory peaks). */
typedef struct bg_pdf bg_pdf;

/* Draws PAGES (laid out with FONTS) into a PDF held in memory, *OUT, with
 * TIMES's subset and draw set (save cleared). *OUT refers neither to PAGES
 * nor to FONTS: both may be freed before bg_pdf_save. Returns 0, or -1
 * after a diagnostic naming NAME (*OUT then NULL). */
int bg_pdf_draw(bg_pages *pages, bg_fonts *fonts, const char *name, bg_diags *diags,
                bg_pdf_times *times, bg_pdf **out);
/* Writes PDF to the open descriptor FD, TIMES's save set. Returns 0, or -1
 * after a diagnostic. Once only; free PDF with bg_pdf_free either way. */
int bg_pdf_save(bg_pdf *pdf, int fd, bg_diags *diags, bg_pdf_times *times);
void bg_pdf_free(bg_pdf *pdf);

#endif
