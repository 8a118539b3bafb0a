/* objstm.c - the document saved with object streams and a cross-reference
 * stream (objstm.h): ISO 32000-1 7.5.7 (object streams), 7.5.8
 * (cross-reference streams) and 7.4.4.4 (FlateDecode's PNG predictors;
 * the "Sub" and "Up" filters of the PNG specification, RFC 2083 6.3).
 *
 * libharu's HPDF_SaveToStream (hpdf_doc.c InternalSaveToStream,
 * hpdf_xref.c HPDF_Xref_WriteToStream) writes each object of the
 * document's cross-reference table in turn as "N 0 obj ... endobj" and
 * ends with a table of 20-byte lines. A tagged document is mostly small
 * dictionaries (structure elements, annotations, outline items, the
 * indirect /Length of every stream), each written out uncompressed. Here
 * the same objects are written in the same order by the same function
 * (HPDF_Obj_WriteValue: each dictionary's before-write hook and each
 * stream's filters run as in libharu), but only streams, and any object
 * of another generation than 0, go to the file as they are. Every other
 * object is minified (no white space but between tokens that would run
 * together, literal strings escaped only where they must be: libharu's
 * line per entry and its escaped "/" cost some 20 % of the bytes) and
 * goes into the body of an object stream of its kind (its libharu class
 * and subclass, and a dictionary's write callback: structure elements
 * deflate best with structure elements, links with links), which is
 * deflated and written once it holds OBJECTS_PER_STREAM objects or
 * BODY_BYTES bytes, so what is held at once is bounded whatever the
 * document (beyond one object, which goes in whole). Kinds of fewer than
 * KIND_LEAST objects share streams: a small document would pay for many
 * small streams.
 *
 * An object stream begins with a pair of numbers for each object, its
 * number and its offset. Written as decimal text, deflate makes little of
 * them: in the bench's 400-event PDF, 5.4 bytes a structure element, as
 * much as half of the element itself. So the pairs are written at one
 * width (zero-padded: "00123 04567 "), as one row of "pixels" a pair wide
 * that PNG's Sub filter turns into each pair's difference to the one
 * before, bytes mostly 0 (/DecodeParms /Predictor 15, /Colors the pair's
 * width, at most CELL_MOST: poppler takes 32 colours at most; /Columns
 * the pairs, or more to make a row of ROW_LEAST bytes); the objects
 * follow in rows as wide, unfiltered (the last one padded with spaces).
 * poppler, qpdf, pikepdf, MuPDF and Ghostscript read them; a pair too
 * wide for CELL_MOST is written as plain text, unfiltered.
 *
 * A number tree's leaf whose values are references or arrays of them
 * (the structure tree's parent tree: for each page, the element of each
 * of its MCIDs; ISO 32000-1 7.9.7, 14.7.4.4) goes to an object stream of
 * its own, laid out in narrow rows: a reference a row, right-aligned, so
 * that PNG's Up filter turns each into its difference to the one above
 * (the elements of a page's MCIDs are mostly consecutive objects: bytes
 * mostly 0). Its pairs take a row each, filtered the same way. In the
 * bench's 400-event PDF the parent tree deflates to 7 KB instead of 40.
 *
 * Each object stream takes the next number of libharu's table (a null
 * object added to it, which the loop skips when it reaches it), so any
 * object libharu adds while saving keeps its number and is written too.
 * The file ends with the cross-reference stream, which is also the
 * trailer (Root, Info and the /ID of meta.c), deflated over rows filtered
 * with PNG's Up predictor: consecutive entries of one object stream
 * differ by the index only, and deflate makes almost nothing of such rows.
 *
 * An object stream is deflated on a thread of its own, when the machine
 * has a second core, while the next objects are minified and gathered;
 * it is written to the file before anything after it is (settle), so the
 * file is the one made with no thread, byte for byte (the stream's offset
 * is taken when it is written). On the bench's 400-event PDF saving took
 * 100 ms, 46 ms so.
 *
 * The output depends only on the document (libdeflate's output is fixed by its
 * input and parameters), so two renders stay byte-identical. There is no
 * encryption (briefgen never encrypts; PDF/A forbids it), so a document
 * with encryption on, or with an incremental table, is refused. */
#include <hpdf.h>
#include <hpdf_consts.h>
#include <hpdf_doc.h>
#include <hpdf_error.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/temp.h"
#include "pdf/objstm.h"
#include "pdf/zip.h"

/* An object stream is closed at 2,000 objects or 256 KB of body, so that
 * deflate's 32 KB window is full for most of it (at 1,000 objects and
 * 128 KB the bench's 400-event PDF is 4.4 KB larger, at 200 objects
 * some 25 KB larger) while what is held and what a reader inflates to
 * get one object stays small.
 *
 * Deflated by libdeflate (zip.c) at BG_ZIP_LEVEL; the parent tree's rows
 * at BG_ZIP_BEST (9: level 12, libdeflate's slowest, took 1 G instructions
 * on them in the bench's 400-event PDF for a few KB). */
enum { OBJECTS_PER_STREAM = 2000, BODY_BYTES = 1 << 18, KINDS = 16, KIND_LEAST = 100 };
enum { CELL_MOST = 16, ROW_LEAST = 4096 };

/* One entry of the cross-reference stream (ISO 32000-1, table 18). */
typedef struct where {
    uint32_t f2;        /* type 1: byte offset; type 2: the object stream */
    uint16_t f3;        /* type 1: generation; type 2: index in its stream */
    unsigned char type; /* 0 free, 1 in the file, 2 in an object stream */
    bool ours;          /* an object stream or the cross-reference stream */
} where;

typedef struct bytes {
    unsigned char *p;
    size_t len, cap;
} bytes;

/* An open object stream, taking the objects of one kind. */
typedef struct ostream {
    bool used;
    unsigned kind;               /* the objects' libharu class and subclass, */
    HPDF_Dict_OnWriteFunc write; /* and their dictionaries' write callback */
    bytes head;                  /* the stream's data, filtered, when written */
    bytes body;                  /* the objects */
    uint32_t *members;           /* their numbers */
    uint32_t *offsets;           /* where each begins in body */
    size_t nmembers;
} ostream;

/* An object stream being deflated (beside the main thread when a second
 * core is there), written before anything else is: its number N, its
 * dictionary but /Length, A then B to deflate (B may be empty), OUT
 * deflated, STATUS 0, -1 (zlib) or -2 (memory). */
typedef struct job {
    bool pending, threaded;
    pthread_t thread;
    uint32_t n;
    char dict[256];
    bytes a, b, out;
    bg_zip *z;
    bool best; /* at BG_ZIP_BEST (the rows of flush_refs) */
    int status;
} job;

typedef struct saver {
    HPDF_Doc pdf;
    HPDF_Stream out;
    HPDF_Stream body_out; /* a libharu stream writing into the body of cur */
    where *table;         /* by object number */
    size_t ntable;
    ostream open[KINDS];
    ostream refs; /* number-tree leaves of references, laid out in rows */
    ostream *cur;
    struct kind_count {
        unsigned kind;
        HPDF_Dict_OnWriteFunc write;
        size_t count;
    } * kinds; /* how many objects of each kind there are to pack */
    size_t nkinds;
    unsigned next_evicted;
    bytes rows;   /* the cross-reference stream's rows */
    bytes packed; /* deflated */
    bytes mini;   /* an object minified */
    bg_zip *z;
    job job;           /* the last object stream, until written */
    bool threads;      /* a second core to deflate on */
    HPDF_STATUS error; /* a failure of ours: memory, zlib */
} saver;

/* Room for N more bytes in B: 0, or -1 without memory. */
static int grow(bytes *b, size_t n)
{
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n) {
            if (cap > SIZE_MAX / 2) return -1;
            cap *= 2;
        }
        unsigned char *grown = realloc(b->p, cap);
        if (!grown) return -1;
        b->p = grown;
        b->cap = cap;
    }
    return 0;
}

static int reserve(saver *sv, bytes *b, size_t n)
{
    if (grow(b, n) == 0) return 0;
    sv->error = HPDF_FAILD_TO_ALLOC_MEM;
    return -1;
}

static int put(saver *sv, bytes *b, const void *data, size_t n)
{
    if (!n) return 0;
    if (b->cap - b->len < n && reserve(sv, b, n) != 0) return -1;
    memcpy(b->p + b->len, data, n);
    b->len += n;
    return 0;
}

static HPDF_STATUS body_write(HPDF_Stream s, const HPDF_BYTE *data, HPDF_UINT size)
{
    saver *sv = s->attr;
    return put(sv, &sv->cur->body, data, size) ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

/* The entry of object N, the table grown to hold it; NULL without memory. */
static where *slot(saver *sv, size_t n)
{
    if (n >= sv->ntable) {
        size_t count = sv->ntable ? sv->ntable : 1024;
        while (count <= n)
            count *= 2;
        where *grown = realloc(sv->table, count * sizeof *grown);
        if (!grown) {
            sv->error = HPDF_FAILD_TO_ALLOC_MEM;
            return NULL;
        }
        memset(grown + sv->ntable, 0, (count - sv->ntable) * sizeof *grown);
        sv->table = grown;
        sv->ntable = count;
    }
    return &sv->table[n];
}

static int out_str(saver *sv, const char *s)
{
    return HPDF_Stream_WriteStr(sv->out, s) == HPDF_OK ? 0 : -1;
}

/* Deflates A then B (B may be NULL) into OUT with *Z (made when first
 * used), at BG_ZIP_BEST with BEST: 0, or -2 without memory.
 * Touches nothing else, so that it may run beside the main thread. */
static int deflate_parts(bg_zip **z, bytes *out, const bytes *a, const bytes *b, bool best)
{
    if (!*z && !(*z = bg_zip_new())) return -2;
    return bg_zip_deflate(*z, best ? BG_ZIP_BEST : BG_ZIP_LEVEL, a->p, a->len, b ? b->p : NULL,
                          b ? b->len : 0, &out->p, &out->cap, &out->len) == 0
               ? 0
               : -2;
}

/* Deflates A then B (B may be NULL) into sv->packed. */
static int squeeze(saver *sv, const bytes *a, const bytes *b)
{
    int r = deflate_parts(&sv->z, &sv->packed, a, b, false);
    if (r != 0) sv->error = r == -2 ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_ZLIB_ERROR;
    return r != 0 ? -1 : 0;
}

static void *job_run(void *arg)
{
    job *j = arg;
    j->status = deflate_parts(&j->z, &j->out, &j->a, j->b.len ? &j->b : NULL, j->best);
    return NULL;
}

/* Waits for the pending object stream's deflate, if any. */
static void job_wait(saver *sv)
{
    job *j = &sv->job;
    if (j->pending && j->threaded) pthread_join(j->thread, NULL);
    j->threaded = false;
}

/* Writes the pending object stream, if any, at the current end of the
 * file: done before anything else is written, so that the file is the
 * one made with no thread, byte for byte. */
static int settle(saver *sv)
{
    job *j = &sv->job;
    if (!j->pending) return 0;
    job_wait(sv);
    j->pending = false;
    if (j->status != 0) {
        sv->error = j->status == -2 ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_ZLIB_ERROR;
        return -1;
    }
    sv->table[j->n].f2 = sv->out->size;
    char len[64];
    snprintf(len, sizeof len, "/Length %zu>>\nstream\r\n", j->out.len);
    if (HPDF_Stream_WriteStr(sv->out, j->dict) != HPDF_OK ||
        HPDF_Stream_WriteStr(sv->out, len) != HPDF_OK ||
        HPDF_Stream_Write(sv->out, j->out.p, (HPDF_UINT)j->out.len) != HPDF_OK ||
        HPDF_Stream_WriteStr(sv->out, "\nendstream\nendobj\n") != HPDF_OK)
        return -1;
    return 0;
}

/* Starts deflating the job set up (on a thread of its own, every signal
 * but faults blocked there, when there is a second core; else here). */
static void job_start(saver *sv)
{
    job *j = &sv->job;
    j->pending = true;
    j->threaded = false;
    if (sv->threads) {
        sigset_t old;
        bg_block_signals(&old);
        j->threaded = pthread_create(&j->thread, NULL, job_run, j) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
    if (!j->threaded) job_run(j);
}

static void swap_bytes(bytes *x, bytes *y)
{
    bytes t = *x;
    *x = *y;
    *y = t;
}

/* The next object number of libharu's table, taken for one of ours (an
 * object stream, the cross-reference stream) placed at the current end
 * of the file; 0 on failure. */
static uint32_t take_number(saver *sv)
{
    HPDF_Null holder = HPDF_Null_New(sv->pdf->mmgr);
    if (!holder || HPDF_Xref_Add(sv->pdf->xref, holder) != HPDF_OK) return 0;
    uint32_t n = (uint32_t)(sv->pdf->xref->entries->count - 1);
    where *w = slot(sv, n);
    if (!w) return 0;
    *w = (where){.f2 = sv->out->size, .type = 1, .ours = true};
    return n;
}

/* The decimal digits of V. */
static int digits(uint32_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

/* Object stream N of OS's objects, whose data is OS's head (then, with
 * APART, its body), its objects from byte FIRST, its DecodeParms entry
 * PARMS (or ""): the stream before it written, this one deflated while
 * the next objects are written; OS emptied. */
static int start_stream(saver *sv, ostream *os, uint32_t n, size_t first, const char *parms,
                        bool apart)
{
    if (settle(sv) != 0) return -1;
    job *j = &sv->job;
    j->n = n;
    int used = snprintf(j->dict, sizeof j->dict,
                        "%u 0 obj\n<</Type/ObjStm/N %zu/First %zu/Filter/FlateDecode%s",
                        (unsigned)n, os->nmembers, first, parms);
    if (used < 0 || (size_t)used >= sizeof j->dict) { /* (numbers of 20 digits at most) */
        sv->error = HPDF_INVALID_PARAMETER;
        return -1;
    }
    swap_bytes(&j->a, &os->head);
    j->b.len = 0;
    j->best = os == &sv->refs;
    if (apart) swap_bytes(&j->b, &os->body);
    job_start(sv);
    os->nmembers = 0;
    os->head.len = 0;
    os->body.len = 0;
    return 0;
}

/* Writes the object stream OS and empties it. */
static int flush(saver *sv, ostream *os)
{
    if (!os->nmembers) return 0;
    uint32_t n = take_number(sv);
    if (!n) return -1;
    size_t count = os->nmembers, first, cols = 0;
    uint32_t most = 0;
    for (size_t k = 0; k < count; k++) {
        sv->table[os->members[k]] = (where){.f2 = n, .f3 = (uint16_t)k, .type = 2};
        if (os->members[k] > most) most = os->members[k];
    }
    int wn = digits(most), wo = digits(os->offsets[count - 1]), cell = wn + wo + 2;
    os->head.len = 0;
    if (cell <= CELL_MOST) {
        /* the pairs zero-padded to one width, a row of them filtered by
         * PNG's Sub predictor with a "pixel" a pair wide, so that each
         * pair is written as its difference to the one before (the
         * next number, an offset a few dozen bytes on: bytes mostly 0);
         * the objects in rows as wide, unfiltered */
        cols = count * (size_t)cell < ROW_LEAST ? (ROW_LEAST + (size_t)cell - 1) / (size_t)cell
                                                : count;
        size_t row = cols * (size_t)cell;
        if (reserve(sv, &os->head, row + 1) != 0) return -1;
        unsigned char *h = os->head.p;
        h[0] = 1; /* (Sub) */
        memset(h + 1, ' ', row);
        for (size_t k = 0; k < count; k++) {
            char pair[32];
            snprintf(pair, sizeof pair, "%0*u %0*u ", wn, (unsigned)os->members[k], wo,
                     (unsigned)os->offsets[k]);
            memcpy(h + 1 + k * (size_t)cell, pair, (size_t)cell);
        }
        for (size_t k = row; k-- > (size_t)cell;)
            h[1 + k] = (unsigned char)(h[1 + k] - h[1 + k - (size_t)cell]);
        os->head.len = row + 1;
        first = row;
        size_t pad = (row - os->body.len % row) % row;
        if (reserve(sv, &os->body, pad) != 0) return -1;
        memset(os->body.p + os->body.len, ' ', pad);
        os->body.len += pad;
        for (size_t at = 0; at < os->body.len; at += row) {
            if (put(sv, &os->head, "", 1) != 0 || put(sv, &os->head, os->body.p + at, row) != 0)
                return -1;
        }
    } else {
        for (size_t k = 0; k < count; k++) {
            char pair[32];
            int len = snprintf(pair, sizeof pair, "%u %u ", (unsigned)os->members[k],
                               (unsigned)os->offsets[k]);
            if (put(sv, &os->head, pair, (size_t)len) != 0) return -1;
        }
        first = os->head.len;
    }
    char parms[128] = "";
    if (cols)
        snprintf(parms, sizeof parms,
                 "/DecodeParms<</Predictor 15/Colors %d/BitsPerComponent 8/Columns %zu>>", cell,
                 cols);
    return start_stream(sv, os, n, first, parms, !cols);
}

static bool is_stream(void *obj)
{
    const HPDF_Obj_Header *h = obj;
    return (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && ((HPDF_Dict)obj)->stream;
}

/* Object N written to the file as libharu writes it. */
static int write_direct(saver *sv, uint32_t n, HPDF_XrefEntry e)
{
    if (settle(sv) != 0) return -1;
    sv->table[n] = (where){.f2 = sv->out->size, .f3 = e->gen_no, .type = 1};
    char buf[48];
    snprintf(buf, sizeof buf, "%u %u obj\n", (unsigned)n, (unsigned)e->gen_no);
    if (out_str(sv, buf) != 0 || HPDF_Obj_WriteValue(e->obj, sv->out, NULL) != HPDF_OK ||
        out_str(sv, "\nendobj\n") != 0)
        return -1;
    return 0;
}

/* PDF's white-space and delimiter characters (ISO 32000-1, 7.2.2). */
static bool is_space(unsigned char c)
{
    return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
}

/* A regular character: neither white space nor a delimiter (7.2.2), as
 * a switch rather than a search of the delimiters (minify reads every
 * byte of every object). */
static bool is_regular(unsigned char c)
{
    switch (c) {
    case 0:
    case 9:
    case 10:
    case 12:
    case 13:
    case 32:
    case '(':
    case ')':
    case '<':
    case '>':
    case '[':
    case ']':
    case '{':
    case '}':
    case '/':
    case '%':
        return false;
    default:
        return true;
    }
}

/* The literal string at IN[*I] (its opening parenthesis) read to its
 * closing one and put into OUT escaped only where it must be: a
 * parenthesis, a backslash and a byte below 32 (a line end in a string
 * reads as a line feed, 7.3.4.2); what libharu escapes besides (every
 * delimiter, so "/" as \057) costs three bytes each. */
static int put_literal(saver *sv, bytes *out, const unsigned char *in, size_t end, size_t *i)
{
    int depth = 0;
    size_t k = *i + 1;
    if (put(sv, out, "(", 1) != 0) return -1;
    for (; k < end; k++) {
        unsigned char c = in[k];
        if (c == ')' && depth == 0) break;
        if (c == '(') depth++;
        if (c == ')') depth--;
        if (c == '\\' && k + 1 < end) {
            unsigned char e = in[++k];
            const char *from = "nrtbf", *to = "\n\r\t\b\f";
            if (e >= '0' && e <= '7') {
                int v = 0;
                for (int d = 0; d < 3 && k < end && in[k] >= '0' && in[k] <= '7'; d++, k++)
                    v = v * 8 + (in[k] - '0');
                k--;
                c = (unsigned char)v;
            } else if (e == '\r' || e == '\n') { /* a line continued */
                if (e == '\r' && k + 1 < end && in[k + 1] == '\n') k++;
                continue;
            } else {
                const char *f = strchr(from, e);
                c = f && e ? (unsigned char)to[f - from] : e;
            }
            if (c == '(' || c == ')' || c == '\\') {
                char esc[2] = {'\\', (char)c};
                if (put(sv, out, esc, 2) != 0) return -1;
                continue;
            }
        }
        if (c < 32 || c == 127) {
            char esc[5];
            snprintf(esc, sizeof esc, "\\%03o", c);
            if (put(sv, out, esc, 4) != 0) return -1;
        } else if (put(sv, out, &c, 1) != 0) {
            return -1;
        }
    }
    *i = k + 1;
    return put(sv, out, ")", 1);
}

/* The object libharu wrote into the body from byte START on, written
 * again with no white space but where two tokens would run together and
 * literal strings escaped only where they must be; at its start, a space
 * when the object before ends where this one's first token would run on.
 * libharu writes each entry of a dictionary on a line of its own, and
 * "[ " and " ]" around an array's items: in an object stream, some 20 %
 * of the bytes. */
static int minify(saver *sv, size_t start)
{
    bytes *out = &sv->mini, *body = &sv->cur->body;
    out->len = 0;
    const unsigned char *in = body->p;
    size_t end = body->len;
    bool gap = start > 0 && is_regular(in[start - 1]);
    for (size_t i = start; i < end;) {
        unsigned char c = in[i];
        if (is_space(c)) {
            gap = out->len ? is_regular(out->p[out->len - 1]) : gap;
            i++;
            continue;
        }
        if (c == '(') {
            if (put_literal(sv, out, in, end, &i) != 0) return -1;
        } else if (c == '<' && i + 1 < end && in[i + 1] == '<') {
            if (put(sv, out, "<<", 2) != 0) return -1;
            i += 2;
        } else if (c == '<') {
            size_t k = i;
            while (k < end && in[k] != '>')
                if (!is_space(in[k++]) && put(sv, out, &in[k - 1], 1) != 0) return -1;
            if (put(sv, out, ">", 1) != 0) return -1;
            i = k + 1;
        } else if (c == '%') { /* a comment, to its line's end (libharu writes none) */
            while (i < end && in[i] != '\r' && in[i] != '\n')
                if (put(sv, out, &in[i++], 1) != 0) return -1;
            if (put(sv, out, "\n", 1) != 0) return -1;
        } else if (!is_regular(c)) {
            if (put(sv, out, &c, 1) != 0) return -1;
            i++;
        } else {
            if (gap && put(sv, out, " ", 1) != 0) return -1;
            while (i < end && is_regular(in[i]))
                if (put(sv, out, &in[i++], 1) != 0) return -1;
        }
        gap = false;
    }
    body->len = start;
    return put(sv, body, out->p, out->len);
}

/* A token of a minified object at T[*I] (white space before it
 * skipped): its kind ('<' for <<, '>' for >>, '[', ']', '/' for a name,
 * '0' for an unsigned integer; 0 for anything else or the end), its text
 * at *AT, *LEN bytes. */
static char token(const unsigned char *t, size_t end, size_t *i, size_t *at, size_t *len)
{
    while (*i < end && is_space(t[*i]))
        (*i)++;
    *at = *i;
    if (*i >= end) return 0;
    unsigned char c = t[*i];
    char kind = 0;
    if ((c == '<' || c == '>') && *i + 1 < end && t[*i + 1] == c) {
        *i += 2;
        kind = (char)c;
    } else if (c == '[' || c == ']') {
        (*i)++;
        kind = (char)c;
    } else if (c == '/' || (c >= '0' && c <= '9')) {
        size_t k = *i + 1;
        while (k < end && is_regular(t[k]))
            k++;
        kind = c == '/' ? '/' : '0';
        for (size_t d = *i; kind == '0' && d < k; d++)
            if (t[d] < '0' || t[d] > '9') kind = 0;
        *i = k;
    } else if (c == 'R' && (*i + 1 >= end || !is_regular(t[*i + 1]))) {
        (*i)++;
        kind = 'R';
    }
    *len = *i - *at;
    return kind;
}

/* True when T (LEN bytes, minified) is a number tree's leaf whose values
 * are references of generation 0 or arrays of them:
 * <</Limits[a b]/Nums[k n 0 R k[n 0 R ...] ...]>> (ISO 32000-1, 7.9.7),
 * with numbers of at most 9 digits. */
static bool ref_leaf(const unsigned char *t, size_t len)
{
    size_t i = 0, at, n;
    char k = token(t, len, &i, &at, &n);
    if (k != '<') return false;
    k = token(t, len, &i, &at, &n);
    if (k == '/' && n == 7 && memcmp(t + at, "/Limits", 7) == 0) {
        if (token(t, len, &i, &at, &n) != '[' || token(t, len, &i, &at, &n) != '0' || n > 9 ||
            token(t, len, &i, &at, &n) != '0' || n > 9 || token(t, len, &i, &at, &n) != ']')
            return false;
        k = token(t, len, &i, &at, &n);
    }
    if (k != '/' || n != 5 || memcmp(t + at, "/Nums", 5) != 0 || token(t, len, &i, &at, &n) != '[')
        return false;
    /* key, then a reference or an array of them, until the closing ] */
    for (;;) {
        k = token(t, len, &i, &at, &n);
        if (k == ']') break;
        if (k != '0' || n > 9) return false;
        k = token(t, len, &i, &at, &n);
        bool array = k == '[';
        if (array) k = token(t, len, &i, &at, &n);
        while (k == '0') {
            if (n > 9 || token(t, len, &i, &at, &n) != '0' || n != 1 || t[at] != '0' ||
                token(t, len, &i, &at, &n) != 'R')
                return false;
            if (!array) break;
            k = token(t, len, &i, &at, &n);
        }
        if (array ? k != ']' : k != '0') return false;
    }
    return token(t, len, &i, &at, &n) == '>' && token(t, len, &i, &at, &n) == 0;
}

/* Puts the unsigned integer of text T (LEN digits) right-aligned in a
 * field of WIDTH bytes at OUT. */
static void put_right(unsigned char *out, int width, const unsigned char *t, size_t len)
{
    memset(out, ' ', (size_t)width);
    memcpy(out + (size_t)width - len, t, len);
}

/* " 0 R" at ROW: a reference's generation and keyword. */
static void put_ref_end(unsigned char *row)
{
    row[0] = ' ';
    row[1] = '0';
    row[2] = ' ';
    row[3] = 'R';
}

/* Lays out the leaf T (LEN bytes, ref_leaf) in rows of W bytes at the
 * end of OUT, numbers right-aligned to NW digits: what comes before the
 * entries (<</Limits[a b]/Nums[) as it is, in as many rows as it takes;
 * a key with a reference in one row; a key with an array, "[" in a row,
 * then a reference a row, "]" after the last; the closing "]>>" in a
 * row. Each row is padded with spaces; OUT holds whole rows. */
static int lay_leaf(saver *sv, bytes *out, const unsigned char *t, size_t len, size_t w, int nw)
{
    size_t i = 0, at, n;
    while (token(t, len, &i, &at, &n) != '/' || n != 5 || memcmp(t + at, "/Nums", 5) != 0) {
    }
    token(t, len, &i, &at, &n); /* ([) */
    size_t rows = (i + w - 1) / w;
    if (reserve(sv, out, rows * w) != 0) return -1;
    memset(out->p + out->len, ' ', rows * w);
    memcpy(out->p + out->len, t, i);
    out->len += rows * w;
    for (;;) {
        char k = token(t, len, &i, &at, &n);
        if (reserve(sv, out, w) != 0) return -1;
        unsigned char *row = out->p + out->len;
        memset(row, ' ', w);
        out->len += w;
        if (k == ']') {
            row[0] = ']';
            row[1] = row[2] = '>';
            return 0;
        }
        put_right(row, nw, t + at, n);
        k = token(t, len, &i, &at, &n);
        if (k == '0') { /* key n 0 R */
            put_right(row + nw + 1, nw, t + at, n);
            put_ref_end(row + 2 * (size_t)nw + 1);
            token(t, len, &i, &at, &n);
            token(t, len, &i, &at, &n);
            continue;
        }
        row[nw] = '[';
        for (k = token(t, len, &i, &at, &n); k == '0'; k = token(t, len, &i, &at, &n)) {
            if (reserve(sv, out, w) != 0) return -1;
            row = out->p + out->len;
            memset(row, ' ', w);
            out->len += w;
            put_right(row, nw, t + at, n);
            put_ref_end(row + nw);
            token(t, len, &i, &at, &n);
            token(t, len, &i, &at, &n);
        }
        row[nw + 4] = ']'; /* (after the last reference, or the key's "[") */
        if (row[nw] == '[') row[nw + 1] = ']', row[nw + 4] = ' ';
    }
}

/* Writes the object stream of number-tree leaves OS in rows (see the
 * file's comment) and empties it: the rows of the pairs and of the
 * objects, all W bytes, each filtered by PNG's Up predictor. */
static int flush_refs(saver *sv, ostream *os)
{
    if (!os->nmembers) return 0;
    uint32_t n = take_number(sv);
    if (!n) return -1;
    size_t count = os->nmembers;
    uint32_t most = 0;
    for (size_t k = 0; k < count; k++) {
        sv->table[os->members[k]] = (where){.f2 = n, .f3 = (uint16_t)k, .type = 2};
        if (os->members[k] > most) most = os->members[k];
    }
    /* the widest number of the leaves (keys and references) */
    int nw = 1;
    for (size_t k = 0, run = 0; k < os->body.len; k++) {
        run = os->body.p[k] >= '0' && os->body.p[k] <= '9' ? run + 1 : 0;
        if ((int)run > nw) nw = (int)run;
    }
    /* rows wide enough for a key and its reference, and for a pair of
     * numbers (an offset of as many digits as the body's size) */
    int wn = digits(most);
    size_t w = 2 * (size_t)nw + 6;
    uint32_t *laid = malloc(count * sizeof *laid); /* where each begins in the rows */
    if (!laid) {
        sv->error = HPDF_FAILD_TO_ALLOC_MEM;
        return -1;
    }
    for (;;) {
        os->head.len = 0;
        for (size_t k = 0; k < count; k++) {
            size_t from = os->offsets[k], to = k + 1 < count ? os->offsets[k + 1] : os->body.len;
            laid[k] = (uint32_t)os->head.len;
            if (lay_leaf(sv, &os->head, os->body.p + from, to - from, w, nw) != 0) {
                free(laid);
                return -1;
            }
        }
        size_t cell = (size_t)wn + (size_t)digits((uint32_t)os->head.len) + 2;
        if (cell <= w) break;
        w = cell; /* (wider rows, a longer body: until a pair fits) */
    }
    memcpy(os->offsets, laid, count * sizeof *laid);
    free(laid);
    /* the pairs, a row each, then the objects; each row then filtered */
    swap_bytes(&os->body, &os->head); /* (the objects' rows) */
    os->head.len = 0;
    size_t first = count * w, total = first + os->body.len, rows = total / w;
    if (reserve(sv, &os->head, rows * (w + 1)) != 0) return -1;
    unsigned char *h = os->head.p;
    int wo = digits((uint32_t)os->body.len);
    for (size_t k = 0; k < count; k++) {
        unsigned char *row = h + k * (w + 1);
        char pair[32];
        int len = snprintf(pair, sizeof pair, "%0*u %0*u ", wn, (unsigned)os->members[k], wo,
                           (unsigned)os->offsets[k]);
        row[0] = 2; /* (Up) */
        memset(row + 1, ' ', w);
        memcpy(row + 1, pair, (size_t)len);
    }
    for (size_t r = count; r < rows; r++) {
        h[r * (w + 1)] = 2;
        memcpy(h + r * (w + 1) + 1, os->body.p + (r - count) * w, w);
    }
    for (size_t r = rows; r-- > 1;)
        for (size_t c = 1; c <= w; c++)
            h[r * (w + 1) + c] = (unsigned char)(h[r * (w + 1) + c] - h[(r - 1) * (w + 1) + c]);
    os->head.len = rows * (w + 1);
    os->body.len = 0;
    char parms[64];
    snprintf(parms, sizeof parms, "/DecodeParms<</Predictor 15/Columns %zu>>", w);
    return start_stream(sv, os, n, first, parms, false);
}

/* Object N, just written at START of the body of OS, moved to the stream
 * of number-tree leaves when it is one (ref_leaf). */
static int move_leaf(saver *sv, ostream *os, uint32_t n, size_t start)
{
    const unsigned char *t = os->body.p + start;
    size_t len = os->body.len - start;
    /* (most objects are not: a structure element begins <</S) */
    if (len < 10 || (memcmp(t, "<</Limits", 9) != 0 && memcmp(t, "<</Nums", 7) != 0) ||
        !ref_leaf(t, len))
        return 0;
    ostream *r = &sv->refs;
    if (!r->members) {
        r->members = malloc(OBJECTS_PER_STREAM * sizeof *r->members);
        r->offsets = malloc(OBJECTS_PER_STREAM * sizeof *r->offsets);
        if (!r->members || !r->offsets) {
            sv->error = HPDF_FAILD_TO_ALLOC_MEM;
            return -1;
        }
    }
    r->members[r->nmembers] = n;
    r->offsets[r->nmembers++] = (uint32_t)r->body.len;
    if (put(sv, &r->body, os->body.p + start, os->body.len - start) != 0) return -1;
    os->body.len = start;
    os->nmembers--;
    if (r->nmembers >= OBJECTS_PER_STREAM || r->body.len >= BODY_BYTES) return flush_refs(sv, r);
    return 0;
}

/* The open object stream for objects of OBJ's kind: its libharu class
 * and subclass and, for a dictionary, its write callback (tags.c's
 * elements and parent tree, annot.c's links), made when there is none;
 * with every one in use, the one made longest ago is written and takes
 * this kind. NULL without memory. */
static struct kind_count *kind_of(saver *sv, void *obj, bool add)
{
    const HPDF_Obj_Header *h = obj;
    unsigned kind = h->obj_class;
    HPDF_Dict_OnWriteFunc write = NULL;
    if ((kind & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT) write = ((HPDF_Dict)obj)->write_fn;
    for (size_t k = 0; k < sv->nkinds; k++)
        if (sv->kinds[k].kind == kind && sv->kinds[k].write == write) return &sv->kinds[k];
    if (!add) return NULL;
    struct kind_count *grown = realloc(sv->kinds, (sv->nkinds + 1) * sizeof *grown);
    if (!grown) {
        sv->error = HPDF_FAILD_TO_ALLOC_MEM;
        return NULL;
    }
    sv->kinds = grown;
    sv->kinds[sv->nkinds] = (struct kind_count){kind, write, 0};
    return &sv->kinds[sv->nkinds++];
}

static ostream *stream_for(saver *sv, void *obj)
{
    const struct kind_count *c = kind_of(sv, obj, false);
    unsigned kind = 0; /* (a kind of few objects: with the others of few) */
    HPDF_Dict_OnWriteFunc write = NULL;
    if (c && c->count >= KIND_LEAST) {
        kind = c->kind;
        write = c->write;
    }
    ostream *os = NULL;
    for (size_t k = 0; k < KINDS && !os; k++)
        if (sv->open[k].used && sv->open[k].kind == kind && sv->open[k].write == write)
            os = &sv->open[k];
    for (size_t k = 0; k < KINDS && !os; k++)
        if (!sv->open[k].used) os = &sv->open[k];
    if (!os) {
        os = &sv->open[sv->next_evicted];
        sv->next_evicted = (sv->next_evicted + 1) % KINDS;
        if (flush(sv, os) != 0) return NULL;
    }
    if (!os->members) {
        os->members = malloc(OBJECTS_PER_STREAM * sizeof *os->members);
        os->offsets = malloc(OBJECTS_PER_STREAM * sizeof *os->offsets);
        if (!os->members || !os->offsets) {
            sv->error = HPDF_FAILD_TO_ALLOC_MEM;
            return NULL;
        }
    }
    os->used = true;
    os->kind = kind;
    os->write = write;
    return os;
}

/* Object N written into the object stream of its kind. */
static int pack(saver *sv, uint32_t n, void *obj)
{
    ostream *os = stream_for(sv, obj);
    if (!os) return -1;
    sv->cur = os;
    size_t start = os->body.len;
    if (start > UINT32_MAX / 2) { /* (an object of gigabytes) */
        sv->error = HPDF_FAILD_TO_ALLOC_MEM;
        return -1;
    }
    os->members[os->nmembers] = n;
    os->offsets[os->nmembers++] = (uint32_t)start;
    if (HPDF_Obj_WriteValue(obj, sv->body_out, NULL) != HPDF_OK || minify(sv, start) != 0 ||
        move_leaf(sv, os, n, start) != 0)
        return -1;
    if (os->nmembers >= OBJECTS_PER_STREAM || os->body.len >= BODY_BYTES) return flush(sv, os);
    return 0;
}

/* Bytes to hold V big-endian (at least 1). */
static int width(uint32_t v)
{
    int w = 1;
    while (w < 4 && v >> (8 * w))
        w++;
    return w;
}

/* The cross-reference stream, the trailer's entries in its dictionary,
 * then startxref. */
static int write_xref(saver *sv)
{
    if (settle(sv) != 0) return -1;
    uint32_t x = take_number(sv);
    if (!x) return -1;
    uint32_t size = x + 1;
    sv->table[0] = (where){.f3 = 65535}; /* the head of the free list */
    uint32_t max2 = 0, max3 = 0;
    for (uint32_t i = 0; i < size; i++) {
        if (sv->table[i].f2 > max2) max2 = sv->table[i].f2;
        if (sv->table[i].f3 > max3) max3 = sv->table[i].f3;
    }
    int w2 = width(max2), w3 = width(max3), cols = 1 + w2 + w3;
    /* rows, each filtered by its difference to the one above (PNG Up) */
    unsigned char prev[9] = {0}, row[9];
    sv->rows.len = 0;
    for (uint32_t i = 0; i < size; i++) {
        const where *w = &sv->table[i];
        unsigned char line[10];
        row[0] = w->type;
        for (int k = 0; k < w2; k++)
            row[1 + k] = (unsigned char)(w->f2 >> (8 * (w2 - 1 - k)));
        for (int k = 0; k < w3; k++)
            row[1 + w2 + k] = (unsigned char)(w->f3 >> (8 * (w3 - 1 - k)));
        line[0] = 2;
        for (int k = 0; k < cols; k++)
            line[1 + k] = (unsigned char)(row[k] - prev[k]);
        memcpy(prev, row, (size_t)cols);
        if (put(sv, &sv->rows, line, (size_t)cols + 1) != 0) return -1;
    }
    if (squeeze(sv, &sv->rows, NULL) != 0) return -1;

    HPDF_MMgr mmgr = sv->pdf->mmgr;
    HPDF_Dict trailer = sv->pdf->trailer;
    HPDF_Array ws = HPDF_Array_New(mmgr), index = HPDF_Array_New(mmgr);
    HPDF_Dict parms = HPDF_Dict_New(mmgr);
    if (!ws || !index || !parms) return -1;
    if (HPDF_Dict_AddName(trailer, "Type", "XRef") != HPDF_OK ||
        HPDF_Dict_AddNumber(trailer, "Size", (HPDF_INT32)size) != HPDF_OK ||
        HPDF_Dict_Add(trailer, "W", ws) != HPDF_OK || HPDF_Array_AddNumber(ws, 1) != HPDF_OK ||
        HPDF_Array_AddNumber(ws, w2) != HPDF_OK || HPDF_Array_AddNumber(ws, w3) != HPDF_OK ||
        HPDF_Dict_Add(trailer, "Index", index) != HPDF_OK ||
        HPDF_Array_AddNumber(index, 0) != HPDF_OK ||
        HPDF_Array_AddNumber(index, (HPDF_INT32)size) != HPDF_OK ||
        HPDF_Dict_AddName(trailer, "Filter", "FlateDecode") != HPDF_OK ||
        HPDF_Dict_Add(trailer, "DecodeParms", parms) != HPDF_OK ||
        HPDF_Dict_AddNumber(parms, "Columns", cols) != HPDF_OK ||
        HPDF_Dict_AddNumber(parms, "Predictor", 12) != HPDF_OK ||
        HPDF_Dict_AddNumber(trailer, "Length", (HPDF_INT32)sv->packed.len) != HPDF_OK)
        return -1;
    char buf[64];
    snprintf(buf, sizeof buf, "%u 0 obj\n", (unsigned)x);
    if (out_str(sv, buf) != 0 || HPDF_Dict_Write(trailer, sv->out, NULL) != HPDF_OK ||
        out_str(sv, "\nstream\r\n") != 0 ||
        HPDF_Stream_Write(sv->out, sv->packed.p, (HPDF_UINT)sv->packed.len) != HPDF_OK)
        return -1;
    snprintf(buf, sizeof buf, "\nendstream\nendobj\nstartxref\n%u\n%%%%EOF\n",
             (unsigned)sv->table[x].f2);
    return out_str(sv, buf);
}

static int save(saver *sv)
{
    HPDF_Doc pdf = sv->pdf;
    HPDF_Xref xref = pdf->xref;
    if (pdf->encrypt_on || !xref || xref->prev || xref->start_offset != 0) {
        sv->error = HPDF_INVALID_OPERATION;
        return -1;
    }
    /* the header (a comment of bytes above 127 marks the file binary,
     * ISO 32000-1 7.5.2), and the trailer's entries as libharu's
     * PrepareTrailer adds them */
    if (out_str(sv, "%PDF-1.7\n%\267\276\255\252\n") != 0 ||
        HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog) != HPDF_OK ||
        (pdf->info && HPDF_Dict_Add(pdf->trailer, "Info", pdf->info) != HPDF_OK))
        return -1;
    sv->body_out = HPDF_CallbackWriter_New(pdf->mmgr, body_write, sv);
    if (!sv->body_out) return -1;
    for (HPDF_UINT i = 1; i < xref->entries->count; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, i);
        if (!e || !e->obj || is_stream(e->obj) || e->gen_no != 0) continue;
        struct kind_count *c = kind_of(sv, e->obj, true);
        if (!c) return -1;
        c->count++;
    }
    /* (the count is read anew: a hook may add objects while they are written) */
    for (HPDF_UINT i = 1; i < xref->entries->count; i++) {
        where *w = slot(sv, i);
        if (!w) return -1;
        if (w->ours) continue;
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(xref, i);
        if (!e || !e->obj) {
            sv->error = HPDF_INVALID_OBJECT;
            return -1;
        }
        int r = is_stream(e->obj) || e->gen_no != 0 ? write_direct(sv, i, e) : pack(sv, i, e->obj);
        if (r != 0) return -1;
    }
    for (size_t k = 0; k < KINDS; k++)
        if (flush(sv, &sv->open[k]) != 0) return -1;
    if (flush_refs(sv, &sv->refs) != 0) return -1;
    return write_xref(sv);
}

int bg_pdf_save_packed(HPDF_Doc pdf, HPDF_Stream out)
{
    saver sv;
    memset(&sv, 0, sizeof sv);
    sv.pdf = pdf;
    sv.out = out;
    sv.threads = sysconf(_SC_NPROCESSORS_ONLN) > 1;
    int status = save(&sv);
    job_wait(&sv); /* (a failure may leave one deflating) */
    bg_zip_free(sv.job.z);
    free(sv.job.a.p);
    free(sv.job.b.p);
    free(sv.job.out.p);
    if (sv.body_out) HPDF_Stream_Free(sv.body_out);
    bg_zip_free(sv.z);
    free(sv.table);
    for (size_t k = 0; k < KINDS; k++) {
        free(sv.open[k].head.p);
        free(sv.open[k].body.p);
        free(sv.open[k].members);
        free(sv.open[k].offsets);
    }
    free(sv.refs.head.p);
    free(sv.refs.body.p);
    free(sv.refs.members);
    free(sv.refs.offsets);
    free(sv.rows.p);
    free(sv.kinds);
    free(sv.packed.p);
    free(sv.mini.p);
    if (status != 0) {
        if (sv.error && HPDF_Error_GetCode(&pdf->error) == HPDF_OK)
            HPDF_SetError(&pdf->error, sv.error, 0);
        HPDF_CheckError(&pdf->error);
    }
    return status;
}
