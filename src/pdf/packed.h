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

/* DICT's stream (a stream libharu would deflate when saving, nothing
 * written to it yet) made DATA: LEN bytes that are already what libharu
 * would write for RAW_LEN bytes (zlib's deflate at Z_DEFAULT_COMPRESSION,
 * as bg_pdf_deflate makes them). The stream takes DATA and returns 0;
 * -1 leaves DICT and DATA as they were. */
int bg_packed_adopt(HPDF_Dict dict, unsigned char *data, size_t len, size_t raw_len);

#endif
