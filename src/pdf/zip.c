/* zip.c - FlateDecode data made by libdeflate (zip.h). libdeflate
 * compresses a whole buffer at once: at level 6 it gives what zlib's
 * default level (libharu's) gives within 0.2% in half the time, measured
 * on the page content of bench/gen-corpus 400 (zlib 1,057 KB in 71 ms,
 * libdeflate 1,059 KB in 34 ms); its output depends only on its input
 * and level, so the same inputs still give the same PDF. */
#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/zip.h"

enum { LEVELS = 13 };

struct bg_zip {
    struct libdeflate_compressor *by_level[LEVELS]; /* made when first used */
    unsigned char *joined;                          /* A then B */
    size_t joined_cap;
};

bg_zip *bg_zip_new(void)
{
    return calloc(1, sizeof(bg_zip));
}

void bg_zip_free(bg_zip *z)
{
    if (!z) return;
    for (int i = 0; i < LEVELS; i++)
        if (z->by_level[i]) libdeflate_free_compressor(z->by_level[i]);
    free(z->joined);
    free(z);
}

int bg_zip_deflate(bg_zip *z, int level, const unsigned char *a, size_t alen,
                   const unsigned char *b, size_t blen, unsigned char **out, size_t *cap,
                   size_t *len)
{
    *len = 0;
    if (level < 1 || level >= LEVELS || alen > SIZE_MAX / 2 || blen > SIZE_MAX / 2) return -1;
    if (!z->by_level[level] && !(z->by_level[level] = libdeflate_alloc_compressor(level)))
        return -1;
    struct libdeflate_compressor *c = z->by_level[level];
    const unsigned char *in = a;
    size_t n = alen + blen;
    if (blen) {
        if (z->joined_cap < n) {
            unsigned char *grown = realloc(z->joined, n);
            if (!grown) return -1;
            z->joined = grown;
            z->joined_cap = n;
        }
        if (alen) memcpy(z->joined, a, alen);
        memcpy(z->joined + alen, b, blen);
        in = z->joined;
    }
    size_t bound = libdeflate_zlib_compress_bound(c, n);
    if (*cap < bound) {
        unsigned char *grown = realloc(*out, bound);
        if (!grown) return -1;
        *out = grown;
        *cap = bound;
    }
    *len = libdeflate_zlib_compress(c, n ? in : (const unsigned char *)"", n, *out, *cap);
    return *len ? 0 : -1;
}
