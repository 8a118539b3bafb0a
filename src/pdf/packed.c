/* packed.c - page content streams kept deflated in memory (packed.h).
 *
 * libharu holds the content of every page in memory until the file is
 * saved, uncompressed: for a long document that is its text several times
 * over. Each page's stream therefore takes over the callbacks of libharu's
 * memory stream (hpdf_streams.h): what is written is deflated at once
 * (zlib, fastest level) into a buffer of the page's own, and when libharu
 * saves the file it reads the stream back, inflated, and deflates it as it
 * does any content stream. It reads the same bytes that were written, so
 * the PDF is byte for byte the one libharu makes from its own streams. */
#include <hpdf.h>
#include <hpdf_error.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pdf/packed.h"

struct bg_packer {
    z_stream z; /* deflating the page being drawn */
    struct packed *open;
};

/* One page's stream. */
typedef struct packed {
    unsigned char *data; /* the deflated content */
    size_t len, cap;
    bg_packer *packer; /* while the page is drawn */
    bool failed;
    z_stream in; /* inflating, while libharu reads it */
    bool reading;
    size_t pos; /* inflated bytes read */
} packed;

/* Deflates what Z holds into P's buffer with FLUSH; 0 or -1. */
static int deflate_into(packed *p, z_stream *z, int flush)
{
    for (;;) {
        if (p->cap - p->len < 1024) {
            size_t cap = p->cap + (p->cap / 2 > 4096 ? p->cap / 2 : 4096);
            unsigned char *grown = realloc(p->data, cap);
            if (!grown) return -1;
            p->data = grown;
            p->cap = cap;
        }
        z->next_out = p->data + p->len;
        z->avail_out = (uInt)(p->cap - p->len);
        int r = deflate(z, flush);
        p->len = p->cap - z->avail_out;
        if (r == Z_STREAM_END) return 0;
        if (r != Z_OK && r != Z_BUF_ERROR) return -1;
        if (flush == Z_NO_FLUSH && z->avail_in == 0) return 0;
    }
}

static HPDF_STATUS packed_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    packed *p = s->attr;
    if (!p->packer) p->failed = true; /* written after the page was finished */
    if (!p->failed) {
        z_stream *z = &p->packer->z;
        z->next_in = (Bytef *)ptr;
        z->avail_in = size;
        if (deflate_into(p, z, Z_NO_FLUSH) != 0) p->failed = true;
    }
    return p->failed ? HPDF_SetError(s->error, HPDF_ZLIB_ERROR, 0) : HPDF_OK;
}

static HPDF_STATUS packed_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    packed *p = s->attr;
    if (mode == HPDF_SEEK_SET && pos >= 0 && (size_t)pos == p->pos) return HPDF_OK;
    if (mode != HPDF_SEEK_SET || pos != 0)
        return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
    if (p->reading) inflateEnd(&p->in);
    p->reading = false;
    p->pos = 0;
    return HPDF_OK;
}

static HPDF_STATUS packed_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    packed *p = s->attr;
    if (!p->reading) {
        if (p->packer || p->failed || p->pos != 0) {
            *size = 0;
            return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
        }
        memset(&p->in, 0, sizeof p->in);
        if (inflateInit2(&p->in, -15) != Z_OK) return HPDF_SetError(s->error, HPDF_ZLIB_ERROR, 0);
        p->in.next_in = p->data;
        p->in.avail_in = (uInt)p->len;
        p->reading = true;
    }
    p->in.next_out = ptr;
    p->in.avail_out = *size;
    int r = Z_OK;
    while (p->in.avail_out > 0 && r == Z_OK)
        r = inflate(&p->in, Z_NO_FLUSH);
    *size -= p->in.avail_out;
    p->pos += *size;
    if (r == Z_STREAM_END) {
        inflateEnd(&p->in);
        p->reading = false;
        return HPDF_STREAM_EOF;
    }
    if (r != Z_OK) return HPDF_SetError(s->error, HPDF_ZLIB_ERROR, (HPDF_STATUS)r);
    return HPDF_OK;
}

static HPDF_INT32 packed_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((packed *)s->attr)->pos;
}

static HPDF_UINT32 packed_size(HPDF_Stream s)
{
    return s->size;
}

static void packed_free(HPDF_Stream s)
{
    packed *p = s->attr;
    if (!p) return;
    if (p->packer) p->packer->open = NULL;
    if (p->reading) inflateEnd(&p->in);
    free(p->data);
    free(p);
    s->attr = NULL;
}

bg_packer *bg_packer_new(void)
{
    bg_packer *pk = calloc(1, sizeof *pk);
    if (!pk) return NULL;
    /* raw deflate (no checksum: the data never leaves memory), fastest
     * level, a small hash table (it is cleared for every page) */
    if (deflateInit2(&pk->z, Z_BEST_SPEED, Z_DEFLATED, -15, 5, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(pk);
        return NULL;
    }
    return pk;
}

void bg_packer_free(bg_packer *pk)
{
    if (!pk) return;
    if (pk->open) pk->open->packer = NULL;
    deflateEnd(&pk->z);
    free(pk);
}

int bg_packer_start(bg_packer *pk, HPDF_Page page)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Stream s = attr ? attr->stream : NULL;
    if (!pk || pk->open || !s || s->type != HPDF_STREAM_MEMORY || s->size != 0 || !s->free_fn)
        return -1;
    packed *p = calloc(1, sizeof *p);
    if (!p || deflateReset(&pk->z) != Z_OK) {
        free(p);
        return -1;
    }
    s->free_fn(s); /* libharu's memory stream, empty yet */
    s->type = HPDF_STREAM_CALLBACK;
    s->attr = p;
    s->write_fn = packed_write;
    s->read_fn = packed_read;
    s->seek_fn = packed_seek;
    s->tell_fn = packed_tell;
    s->size_fn = packed_size;
    s->free_fn = packed_free;
    p->packer = pk;
    pk->open = p;
    return 0;
}

int bg_packer_finish(bg_packer *pk, HPDF_Page page)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Stream s = attr ? attr->stream : NULL;
    if (!pk || !s || s->free_fn != packed_free) return 0; /* not packed */
    packed *p = s->attr;
    if (p->packer != pk) return -1;
    pk->z.next_in = NULL;
    pk->z.avail_in = 0;
    if (!p->failed && deflate_into(p, &pk->z, Z_FINISH) != 0) p->failed = true;
    p->packer = NULL;
    pk->open = NULL;
    /* no slack kept: every page's buffer stays until the file is saved */
    unsigned char *fit = p->len ? realloc(p->data, p->len) : NULL;
    if (fit) {
        p->data = fit;
        p->cap = p->len;
    }
    return p->failed ? -1 : 0;
}
