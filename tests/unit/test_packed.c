/* test_packed.c - streams deflated before libharu saves them: what
 * bg_pdf_deflate makes inflates (zlib) to what it was given; a stream
 * given those bytes (bg_packed_adopt) saves them as they are, and to the
 * same file, byte for byte, as one deflated on bg_late's thread while the
 * pages are drawn; the same stream given the raw bytes, which libharu
 * deflates itself when it saves (hpdf_streams.c), saves too. */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "harness.h"
#include "pdf/packed.h"

/* LEN bytes that deflate makes something of and that cross libharu's
 * 4,096-byte reads: runs, text-like repeats and noise. */
static unsigned char *sample(size_t len)
{
    unsigned char *p = malloc(len);
    uint32_t x = 12345;
    for (size_t i = 0; p && i < len; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (i / 700) % 3 == 0   ? (unsigned char)(x >> 24)
               : (i / 700) % 3 == 1 ? (unsigned char)"glyf loca hmtx cmap "[i % 20]
                                    : (unsigned char)(i & 0x0F);
    }
    return p;
}

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    (void)detail;
    *(HPDF_STATUS *)user = error;
}

enum how { BY_LIBHARU, ADOPTED, LATE };

/* A one-page PDF with a stream object of LEN bytes of DATA, deflated by
 * libharu, by bg_pdf_deflate first (ADOPTED) or on bg_late's thread; the
 * file in *OUT. */
static int saved(const unsigned char *data, size_t len, enum how how, unsigned char **out,
                 size_t *out_len)
{
    HPDF_STATUS err = 0;
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    if (!pdf) return -1;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    int status = -1;
    if (page && file) {
        file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
        HPDF_Dict_Add(pdf->catalog, "Sample", file);
        unsigned char *packed;
        size_t packed_len;
        if (how == BY_LIBHARU) {
            HPDF_Stream_Write(file->stream, data, (HPDF_UINT)len);
            status = 0;
        } else if (how == LATE) {
            /* (attached before or after its bytes arrive) */
            bg_late *late = bg_late_new(2);
            unsigned char *copy = malloc(len);
            if (late && copy) {
                memcpy(copy, data, len);
                status = bg_late_attach(late, 1, file, len);
                bg_late_put(late, 0, NULL, 0);
                bg_late_put(late, 1, copy, len);
            } else {
                free(copy);
            }
            if (bg_late_finish(late) != 0) status = -1;
        } else if (bg_pdf_deflate(data, len, &packed, &packed_len) == 0) {
            status = bg_packed_adopt(file, packed, packed_len, len);
            if (status != 0) free(packed);
        }
    }
    if (status == 0 && HPDF_SaveToStream(pdf) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
        *out = malloc(size ? size : 1);
        HPDF_UINT32 got = size;
        if (*out && HPDF_ReadFromStream(pdf, *out, &got) == HPDF_OK && got == size)
            *out_len = size;
        else
            status = -1;
    } else {
        status = -1;
    }
    HPDF_Free(pdf);
    return err ? -1 : status;
}

/* True when HAY (N bytes) holds NEEDLE (M bytes). */
static bool holds(const unsigned char *hay, size_t n, const unsigned char *needle, size_t m)
{
    for (size_t i = 0; m && i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0) return true;
    return false;
}

static void same_as_libharu(size_t len)
{
    unsigned char *data = sample(len), *a = NULL, *b = NULL, *c = NULL, *packed = NULL;
    size_t na = 0, nb = 0, nc = 0, packed_len = 0;
    CHECK(data != NULL);
    CHECK_INT(bg_pdf_deflate(data, len, &packed, &packed_len), 0);
    unsigned char *back = malloc(len);
    uLongf back_len = (uLongf)len;
    CHECK(back && uncompress(back, &back_len, packed, (uLong)packed_len) == Z_OK &&
          back_len == len && memcmp(back, data, len) == 0);
    free(back);
    CHECK_INT(saved(data, len, BY_LIBHARU, &a, &na), 0);
    CHECK_INT(saved(data, len, ADOPTED, &b, &nb), 0);
    CHECK_INT(saved(data, len, LATE, &c, &nc), 0);
    CHECK(na > 0 && nb > 0 && holds(b, nb, packed, packed_len));
    CHECK(nb == nc && b && c && memcmp(b, c, nb) == 0);
    free(packed);
    free(a);
    free(b);
    free(c);
    free(data);
}

int main(void)
{
    same_as_libharu(1);
    same_as_libharu(4096);
    same_as_libharu(200000); /* the size of a Korean face's subset */

    /* a stream that was written to already is left to libharu */
    HPDF_STATUS err = 0;
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)"x", 1);
    unsigned char *packed;
    size_t packed_len;
    CHECK_INT(bg_pdf_deflate((const unsigned char *)"y", 1, &packed, &packed_len), 0);
    CHECK_INT(bg_packed_adopt(file, packed, packed_len, 1), -1);
    free(packed);
    HPDF_Free(pdf);

    /* slots deflated but never attached (a render that fails part-way:
     * a face that cannot be subset, or the font objects failing) are
     * freed by bg_late_finish, their deflated bytes too (the ASan build's
     * leak check runs over this) */
    bg_late *l = bg_late_new(2);
    CHECK(l != NULL);
    if (l) {
        unsigned char *raw = malloc(100000);
        CHECK(raw != NULL);
        for (size_t i = 0; raw && i < 100000; i++)
            raw[i] = (unsigned char)(i * 7);
        bg_late_put(l, 0, raw, raw ? 100000 : 0);
        bg_late_put(l, 1, NULL, 0);
        CHECK_INT(bg_late_finish(l), 0);
    }
    return harness_report();
}
