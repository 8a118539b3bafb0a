/* packed.c - page content streams deflated once each page is drawn, on
 * a thread of their own when there is a second core (packed.h).
 *
 * libharu holds the content of every page in memory, uncompressed, until
 * the file is saved, and deflates each stream then: for a long document
 * that is its text several times over. Here each page's stream takes over
 * the callbacks of libharu's memory stream (hpdf_streams.h), keeps what
 * is written until the page is drawn, then deflates it (zip.c, libdeflate
 * at the level of zlib's default, which libharu uses). The stream's
 * dictionary is set to no filter, so that libharu copies the deflated
 * bytes as they are, and writes the "/Filter [ /FlateDecode ]" line
 * libharu would have written, in the same place (hpdf_dict.c,
 * HPDF_Dict_Write). What is held in memory is one page's content and the
 * deflated content of the others, some five times smaller. */
#include <hpdf.h>
#include <hpdf_error.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pdf/packed.h"
#include "base/temp.h"
#include "pdf/zip.h"

/* Pages waiting for the background thread at most: a page drawn when as
 * many wait is deflated on the drawing thread (what is held stays small). */
enum { QUEUE_MAX = 4 };

struct bg_packer {
    bg_zip *z; /* deflating a page on the drawing thread */
    struct packed *open;
    /* the background thread, when there is one: each finished page's
     * content, kept as it was written, is deflated there */
    bool running;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t more;
    struct packed *head, *tail; /* waiting pages, in order */
    size_t queued;
    bool closing;
    bool failed_pages; /* a page the thread could not deflate */
    bg_zip *bz;        /* the thread's */
};

/* One page's stream. */
typedef struct packed {
    unsigned char *data; /* the deflated content */
    size_t len, cap;
    bg_packer *packer; /* while the page is drawn */
    bool failed;
    size_t pos; /* deflated bytes read by libharu */
    /* the content as written, deflated once the page is drawn (with a
     * background thread there: PENDING until it is, a read is refused) */
    unsigned char *raw;
    size_t raw_len, raw_cap;
    bool pending;
    struct packed *next;
} packed;

static HPDF_STATUS packed_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    packed *p = s->attr;
    if (!p->packer) p->failed = true; /* written after the page was finished */
    if (!p->failed) {
        if (p->raw_cap - p->raw_len < size) {
            size_t cap = p->raw_cap ? p->raw_cap : 16384;
            while (cap - p->raw_len < size)
                cap *= 2;
            unsigned char *grown = realloc(p->raw, cap);
            if (!grown) {
                p->failed = true;
                return HPDF_SetError(s->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
            } else {
                p->raw = grown;
                p->raw_cap = cap;
            }
        }
        if (!p->failed) {
            memcpy(p->raw + p->raw_len, ptr, size);
            p->raw_len += size;
        }
    }
    return p->failed ? HPDF_SetError(s->error, HPDF_ZLIB_ERROR, 0) : HPDF_OK;
}

static HPDF_STATUS packed_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    packed *p = s->attr;
    if (mode == HPDF_SEEK_CUR) pos += (HPDF_INT)p->pos;
    if (mode == HPDF_SEEK_END) pos = (HPDF_INT)p->len - pos;
    if (pos < 0 || (size_t)pos > p->len) return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    p->pos = (size_t)pos;
    return HPDF_OK;
}

/* libharu reads the deflated bytes to copy them into the file. */
static HPDF_STATUS packed_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    packed *p = s->attr;
    if (p->packer || p->failed || p->pending) {
        *size = 0;
        return HPDF_SetError(s->error, HPDF_INVALID_OPERATION, 0);
    }
    size_t n = p->len - p->pos < *size ? p->len - p->pos : *size;
    memcpy(ptr, p->data + p->pos, n);
    p->pos += n;
    bool end = n < *size;
    *size = (HPDF_UINT)n;
    return end ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_INT32 packed_tell(HPDF_Stream s)
{
    return (HPDF_INT32)((packed *)s->attr)->pos;
}

/* (libharu asks only whether anything was written: HPDF_Stream_Size
 * gives the bytes written while a stream has a write function) */
static HPDF_UINT32 packed_size(HPDF_Stream s)
{
    return s->size;
}

static void packed_free(HPDF_Stream s)
{
    packed *p = s->attr;
    if (!p) return;
    if (p->packer) p->packer->open = NULL;
    free(p->data);
    free(p->raw);
    free(p);
    s->attr = NULL;
}

/* The dictionary's line that libharu writes for a deflated stream. */
static HPDF_STATUS filter_line(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/* Deflates P's kept content with Z into its buffer, then drops it; 0 or
 * -1. */
static int deflate_raw(packed *p, bg_zip *z)
{
    int r =
        bg_zip_deflate(z, BG_ZIP_LEVEL, p->raw, p->raw_len, NULL, 0, &p->data, &p->cap, &p->len);
    free(p->raw);
    p->raw = NULL;
    p->raw_len = p->raw_cap = 0;
    unsigned char *fit = r == 0 && p->len ? realloc(p->data, p->len) : NULL;
    if (fit) {
        p->data = fit;
        p->cap = p->len;
    }
    return r;
}

static void *pages_work(void *arg)
{
    bg_packer *pk = arg;
    pthread_mutex_lock(&pk->lock);
    for (;;) {
        packed *p = pk->head;
        if (p) {
            pk->head = p->next;
            if (!pk->head) pk->tail = NULL;
            pthread_mutex_unlock(&pk->lock);
            bool failed = deflate_raw(p, pk->bz) != 0;
            pthread_mutex_lock(&pk->lock);
            if (failed) p->failed = pk->failed_pages = true;
            p->pending = false;
            pk->queued--;
            pthread_cond_broadcast(&pk->more);
        } else if (pk->closing) {
            break;
        } else {
            pthread_cond_wait(&pk->more, &pk->lock);
        }
    }
    pthread_mutex_unlock(&pk->lock);
    return NULL;
}

bg_packer *bg_packer_new(void)
{
    bg_packer *pk = calloc(1, sizeof *pk);
    if (!pk) return NULL;
    if (!(pk->z = bg_zip_new())) {
        free(pk);
        return NULL;
    }
    /* a second processor deflates the pages while the next are drawn */
    if (sysconf(_SC_NPROCESSORS_ONLN) > 1 && (pk->bz = bg_zip_new())) {
        pthread_mutex_init(&pk->lock, NULL);
        pthread_cond_init(&pk->more, NULL);
        sigset_t old; /* (signals are handled on the drawing thread) */
        bg_block_signals(&old);
        pk->running = pthread_create(&pk->thread, NULL, pages_work, pk) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (!pk->running) {
            bg_zip_free(pk->bz);
            pk->bz = NULL;
            pthread_mutex_destroy(&pk->lock);
            pthread_cond_destroy(&pk->more);
        }
    }
    return pk;
}

/* Tells the worker THREAD that waits on MORE under LOCK to finish (*DONE,
 * read under LOCK) and waits for it: the shutdown of the page packer and
 * of the late font deflate alike. */
static void stop_worker(pthread_mutex_t *lock, pthread_cond_t *more, bool *done, pthread_t thread)
{
    pthread_mutex_lock(lock);
    *done = true;
    pthread_cond_broadcast(more);
    pthread_mutex_unlock(lock);
    pthread_join(thread, NULL);
}

int bg_packer_close(bg_packer *pk)
{
    if (!pk || !pk->running) return 0;
    stop_worker(&pk->lock, &pk->more, &pk->closing, pk->thread);
    bg_zip_free(pk->bz);
    pk->bz = NULL;
    pthread_mutex_destroy(&pk->lock);
    pthread_cond_destroy(&pk->more);
    pk->running = false;
    return pk->failed_pages ? -1 : 0;
}

void bg_packer_free(bg_packer *pk)
{
    if (!pk) return;
    bg_packer_close(pk);
    if (pk->open) pk->open->packer = NULL;
    bg_zip_free(pk->z);
    free(pk);
}

int bg_pdf_deflate(const unsigned char *data, size_t len, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    bg_zip *z = bg_zip_new();
    size_t cap = 0;
    int r = z ? bg_zip_deflate(z, BG_ZIP_LEVEL, data, len, NULL, 0, out, &cap, out_len) : -1;
    bg_zip_free(z);
    if (r != 0) {
        free(*out);
        *out = NULL;
        *out_len = 0;
        return -1;
    }
    unsigned char *fit = realloc(*out, *out_len);
    if (fit) *out = fit;
    return 0;
}

/* True when DICT (may be NULL) has a stream libharu would deflate when
 * saving, nothing written to it yet: one become_packed may take. */
static bool untouched(HPDF_Dict dict)
{
    HPDF_Stream s = dict ? dict->stream : NULL;
    return s && s->type == HPDF_STREAM_MEMORY && s->size == 0 && s->free_fn &&
           dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !dict->write_fn &&
           !HPDF_Dict_GetItem(dict, "Filter", HPDF_OCLASS_ARRAY);
}

/* DICT's stream, libharu's empty memory stream, freed and made one that
 * reads P (deflated content: written while P's packer is open, refused
 * once it is complete), DICT written with /Filter /FlateDecode and not
 * deflated again. */
static void become_packed(HPDF_Dict dict, packed *p)
{
    HPDF_Stream s = dict->stream;
    s->free_fn(s); /* libharu's memory stream, empty yet */
    s->type = HPDF_STREAM_CALLBACK;
    s->attr = p;
    s->write_fn = packed_write;
    s->read_fn = packed_read;
    s->seek_fn = packed_seek;
    s->tell_fn = packed_tell;
    s->size_fn = packed_size;
    s->free_fn = packed_free;
    dict->filter = HPDF_STREAM_FILTER_NONE; /* deflated already */
    dict->write_fn = filter_line;
}

/* Makes DICT's stream (one libharu would deflate when saving, nothing
 * written to it yet) read P's bytes, deflated already, as its content:
 * RAW_LEN is what HPDF_Stream_Size gives (not empty). 0, or -1 leaving
 * DICT as it was. */
static int adopt(HPDF_Dict dict, packed *p, size_t raw_len)
{
    if (!untouched(dict) || !raw_len || raw_len > UINT32_MAX) return -1;
    become_packed(dict, p);
    dict->stream->size = (HPDF_UINT32)raw_len;
    return 0;
}

int bg_packed_adopt(HPDF_Dict dict, unsigned char *data, size_t len, size_t raw_len)
{
    if (!data || !len) return -1;
    packed *p = calloc(1, sizeof *p);
    if (!p) return -1;
    if (adopt(dict, p, raw_len) != 0) {
        free(p);
        return -1;
    }
    p->data = data;
    p->len = p->cap = len;
    return 0;
}

/* ---- Streams deflated in the background ----
 *
 * A font file is complete once its face is subset and is not read until
 * the document is saved: it is deflated on a thread of its own from then
 * on, while other faces are subset and the pages are drawn, into a
 * stream buffer that the saving thread reads only after bg_late_finish
 * has joined that thread. Slots are taken in the order their bytes
 * arrive. */

typedef struct late_item {
    packed *p;           /* the buffer; the stream's once attached */
    unsigned char *data; /* the raw bytes (bg_late_put), freed once deflated */
    size_t len;
    bool ready, taken, attached;
} late_item;

struct bg_late {
    late_item *items;
    size_t count;
    size_t waiting; /* slots neither put nor given up yet */
    bool closed;    /* bg_late_finish: no more will be put */
    pthread_mutex_t lock;
    pthread_cond_t more;
    pthread_t thread;
    bool running;
};

static void late_deflate(late_item *it)
{
    unsigned char *out;
    size_t out_len;
    if (bg_pdf_deflate(it->data, it->len, &out, &out_len) == 0) {
        it->p->data = out;
        it->p->len = it->p->cap = out_len;
        it->p->failed = false;
    }
    free(it->data);
    it->data = NULL;
}

static void *late_work(void *arg)
{
    bg_late *l = arg;
    pthread_mutex_lock(&l->lock);
    for (;;) {
        late_item *next = NULL;
        for (size_t i = 0; i < l->count && !next; i++)
            if (l->items[i].ready && !l->items[i].taken) next = &l->items[i];
        if (next) {
            next->taken = true;
            pthread_mutex_unlock(&l->lock);
            late_deflate(next);
            pthread_mutex_lock(&l->lock);
        } else if (l->closed || l->waiting == 0) {
            break;
        } else {
            pthread_cond_wait(&l->more, &l->lock);
        }
    }
    pthread_mutex_unlock(&l->lock);
    return NULL;
}

bg_late *bg_late_new(size_t count)
{
    bg_late *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->items = calloc(count ? count : 1, sizeof *l->items);
    l->count = count;
    l->waiting = count;
    for (size_t i = 0; l->items && i < count; i++)
        if (!(l->items[i].p = calloc(1, sizeof(packed))))
            break;
        else
            l->items[i].p->failed = true; /* (until deflated: a read is refused) */
    bool whole = l->items && (count == 0 || l->items[count - 1].p);
    if (whole) {
        pthread_mutex_init(&l->lock, NULL);
        pthread_cond_init(&l->more, NULL);
        /* signals but faults blocked on it (bg_block_signals): handlers
         * run on the calling thread */
        sigset_t old;
        bg_block_signals(&old);
        l->running = count > 0 && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
                     pthread_create(&l->thread, NULL, late_work, l) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return l;
    }
    for (size_t i = 0; l->items && i < count; i++)
        free(l->items[i].p);
    free(l->items);
    free(l);
    return NULL;
}

void bg_late_put(bg_late *l, size_t i, unsigned char *data, size_t len)
{
    pthread_mutex_lock(&l->lock);
    late_item *it = &l->items[i];
    it->data = data;
    it->len = len;
    it->ready = data != NULL;
    it->taken = data == NULL || !l->running; /* (one thread: deflated here) */
    l->waiting--;
    pthread_cond_signal(&l->more);
    pthread_mutex_unlock(&l->lock);
    if (data && !l->running) late_deflate(it);
}

int bg_late_attach(bg_late *l, size_t i, HPDF_Dict dict, size_t raw_len)
{
    late_item *it = &l->items[i];
    if (it->attached || adopt(dict, it->p, raw_len) != 0) return -1;
    it->attached = true; /* (the stream frees it) */
    return 0;
}

int bg_late_finish(bg_late *l)
{
    if (!l) return 0;
    if (l->running) {
        stop_worker(&l->lock, &l->more, &l->closed, l->thread);
    }
    pthread_mutex_destroy(&l->lock);
    pthread_cond_destroy(&l->more);
    int status = 0;
    for (size_t i = 0; i < l->count; i++) {
        late_item *it = &l->items[i];
        free(it->data); /* (put after the thread was told to stop) */
        if (it->attached && it->p->failed) status = -1;
        if (!it->attached) { /* (its bytes deflated, never handed on) */
            if (it->p) free(it->p->data);
            free(it->p);
        }
    }
    free(l->items);
    free(l);
    return status;
}

int bg_packer_start(bg_packer *pk, HPDF_Page page)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    HPDF_Dict dict = attr ? attr->contents : NULL;
    if (!pk || pk->open || !untouched(dict) || dict->stream != attr->stream) return -1;
    packed *p = calloc(1, sizeof *p);
    if (!p) return -1;
    become_packed(dict, p);
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
    p->packer = NULL;
    pk->open = NULL;
    if (pk->running && !p->failed) {
        pthread_mutex_lock(&pk->lock);
        bool queue = pk->queued < QUEUE_MAX;
        if (queue) {
            p->pending = true;
            p->next = NULL;
            if (pk->tail)
                pk->tail->next = p;
            else
                pk->head = p;
            pk->tail = p;
            pk->queued++;
            pthread_cond_broadcast(&pk->more);
        }
        pthread_mutex_unlock(&pk->lock);
        if (queue) return 0;
        if (deflate_raw(p, pk->z) != 0) p->failed = true; /* (the thread is behind) */
        return p->failed ? -1 : 0;
    }
    if (!p->failed && deflate_raw(p, pk->z) != 0) p->failed = true;
    return p->failed ? -1 : 0;
}
