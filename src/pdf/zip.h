/* zip.h - FlateDecode data (ISO 32000-1 7.4.4: a zlib stream, RFC 1950
 * and 1951) made by libdeflate, for the PDF back end (internal to pdf/). */
#ifndef BRIEFGEN_ZIP_H
#define BRIEFGEN_ZIP_H

#include <stddef.h>

/* The level of every deflated stream, and a longer search (for the
 * parent tree's rows, objstm.c). */
enum { BG_ZIP_LEVEL = 6, BG_ZIP_BEST = 9 };

/* A deflater: libdeflate's compressors of the levels used so far and a
 * buffer to join input in. One thread at a time. */
typedef struct bg_zip bg_zip;

bg_zip *bg_zip_new(void);
void bg_zip_free(bg_zip *z);

/* Deflates A (ALEN bytes) then B (BLEN bytes; B may be NULL) at LEVEL as
 * one zlib stream into *OUT (grown as needed, *CAP its size), *LEN its
 * length. Returns 0, or -1 without memory or when the input is too large
 * for libdeflate. */
int bg_zip_deflate(bg_zip *z, int level, const unsigned char *a, size_t alen,
                   const unsigned char *b, size_t blen, unsigned char **out, size_t *cap,
                   size_t *len);

#endif
