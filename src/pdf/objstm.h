/* objstm.h - saving a libharu document with object streams and a
 * cross-reference stream (internal to src/pdf/, see objstm.c). */
#ifndef BRIEFGEN_OBJSTM_H
#define BRIEFGEN_OBJSTM_H

#include <hpdf.h>

/* Writes PDF to OUT as PDF 1.7: every stream object as libharu writes
 * it, every other object packed into deflated object streams, and a
 * deflated cross-reference stream for a trailer. Returns 0, or -1 with
 * the error raised on PDF's error handler (a failed write of OUT keeps
 * the code its write function returned). */
int bg_pdf_save_packed(HPDF_Doc pdf, HPDF_Stream out);

#endif
