/* packed.h - page content streams kept deflated in memory while the
 * document is built (internal to src/pdf/, see packed.c). */
#ifndef BRIEFGEN_PACKED_H
#define BRIEFGEN_PACKED_H

#include <hpdf.h>

typedef struct bg_packer bg_packer;

/* The deflater the pages share (one page is drawn at a time); NULL
 * without memory. */
bg_packer *bg_packer_new(void);
void bg_packer_free(bg_packer *packer);

/* From now on what is written to PAGE's content (a page just added, with
 * nothing written yet) is deflated into memory. Returns 0, or -1 when the
 * page keeps libharu's own stream. */
int bg_packer_start(bg_packer *packer, HPDF_Page page);
/* PAGE's content is complete: the deflater is free for the next page.
 * Returns 0, or -1 when deflating failed (the PDF cannot be written). */
int bg_packer_finish(bg_packer *packer, HPDF_Page page);

/* LEN bytes of DATA deflated as libharu deflates a stream when it saves
 * (zlib's deflate at Z_DEFAULT_COMPRESSION, hpdf_streams.c), into *OUT
 * (malloc'd, *OUT_LEN bytes). Returns 0, or -1 (nothing allocated). */
int bg_pdf_deflate(const unsigned char *data, size_t len, unsigned char **out, size_t *out_len);

/* DICT's stream (a stream libharu would deflate when saving, nothing
 * written to it yet) made DATA: LEN bytes that bg_pdf_deflate made of
 * RAW_LEN bytes. The stream takes DATA and returns 0; -1 leaves DICT and
 * DATA as they were. */
int bg_packed_adopt(HPDF_Dict dict, unsigned char *data, size_t len, size_t raw_len);

/* Streams whose content is deflated on a thread of their own while the
 * pages are drawn: bg_late_add each (DICT as for bg_packed_adopt; its
 * LEN raw bytes DATA taken, 0; -1 leaves DICT and DATA as they were),
 * then bg_late_start, and bg_late_finish before the document is saved
 * (it frees L; -1 when a stream could not be deflated: the PDF cannot be
 * written). */
typedef struct bg_late bg_late;
bg_late *bg_late_new(void);
int bg_late_add(bg_late *l, HPDF_Dict dict, unsigned char *data, size_t len);
void bg_late_start(bg_late *l);
int bg_late_finish(bg_late *l);

#endif
