/* packed.h - page content streams kept deflated in memory while the
 * document is built (internal to src/pdf/, see packed.c). */
#ifndef BRIEFGEN_PACKED_H
#define BRIEFGEN_PACKED_H

#include <hpdf.h>

typedef struct bg_packer bg_packer;

/* The deflater the pages share (one page is drawn at a time); NULL
 * without memory. With two processors each finished page is deflated on
 * a thread of its own while the next are drawn (a few pages at most wait
 * for it); bg_packer_close waits for them (0, or -1 when one could not be
 * deflated: the PDF cannot be written), bg_packer_free too. */
bg_packer *bg_packer_new(void);
int bg_packer_close(bg_packer *packer);
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

/* COUNT font files deflated on a thread of their own as they become
 * ready, while other work goes on: bg_late_put gives slot I its LEN raw
 * bytes DATA (taken; NULL: the slot has none), from any thread, once;
 * bg_late_attach makes slot I DICT's content (DICT as for
 * bg_packed_adopt, RAW_LEN its raw bytes; 0, or -1 leaving DICT as it
 * was); bg_late_finish, before the document is saved or freed, waits for
 * the thread and frees L (-1 when an attached stream could not be
 * deflated: the PDF cannot be written). NULL without memory. */
typedef struct bg_late bg_late;
bg_late *bg_late_new(size_t count);
void bg_late_put(bg_late *l, size_t i, unsigned char *data, size_t len);
int bg_late_attach(bg_late *l, size_t i, HPDF_Dict dict, size_t raw_len);
int bg_late_finish(bg_late *l);

#endif
