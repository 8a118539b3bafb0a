/* test_packed.c - streams deflated before libharu saves them: a stream
 * given bytes that bg_pdf_deflate made (bg_packed_adopt) saves to the
 * same file, byte for byte, as the same stream given the raw bytes,
 * which libharu deflates itself when it saves (hpdf_streams.c,
 * HPDF_Stream_WriteToStreamWithDeflate), and so does one deflated on
 * bg_late's thread while the pages are drawn: font files deflated so
 * leave the PDF as it was. */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static void same_as_libharu(size_t len)
{
    unsigned char *data = sample(len), *a = NULL, *b = NULL, *c = NULL;
    size_t na = 0, nb = 0, nc = 0;
    CHECK(data != NULL);
    CHECK_INT(saved(data, len, BY_LIBHARU, &a, &na), 0);
    CHECK_INT(saved(data, len, ADOPTED, &b, &nb), 0);
    CHECK_INT(saved(data, len, LATE, &c, &nc), 0);
    CHECK(na > 0 && na == nb && a && b && memcmp(a, b, na) == 0);
    CHECK(na > 0 && na == nc && a && c && memcmp(a, c, na) == 0);
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
