/* image.c - PNG and JPEG files read safely (image.h).
 *
 * PNG (ISO/IEC 15948, https://www.w3.org/TR/png/): the probe walks the
 * chunks itself (length, type, data, CRC-32 of type and data; IHDR first,
 * IDAT present, IEND last) so that a truncated or damaged file is refused
 * before layout, then lets libpng read the header. Decoding goes through
 * libpng row by row (png_read_row); an interlaced image through
 * png_set_interlace_handling, each pass's pixels taken at their places
 * (PNG_PASS_START_COL, PNG_PASS_COL_SHIFT). Every source pixel lands in
 * one output pixel (a box filter), colour weighted by alpha so that
 * transparent pixels do not darken the edges.
 *
 * JPEG (ITU-T T.81): libjpeg reads the header (jpeg_read_header); the
 * PDF back end passes the file through as DCTDecode, so nothing more is
 * decoded. libharu finds the frame header with a walk of its own
 * (hpdf_image.c, LoadJpegHeader) that stops at fill bytes and loops
 * forever on a segment length below 2: the probe makes the same walk and
 * refuses what it would not read.
 *
 * Errors: libpng's and libjpeg's handlers longjmp back here (their
 * defaults print, and libharu's returned into libpng and aborted). The
 * work between setjmp and longjmp changes only memory reached through a
 * pointer, never a local variable of the function that called setjmp. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE and size_t */
#include <stdlib.h>
#include <jpeglib.h>
#include <png.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/util.h"
#include "image/image.h"

int bg_image_read(const char *path, int nofollow, unsigned char **data, size_t *len,
                  const char **why, int *missing)
{
    *data = NULL;
    *len = 0;
    *missing = 0;
    struct stat st;
    /* the type first, so that a device is not even opened */
    if ((nofollow ? lstat(path, &st) : stat(path, &st)) != 0) {
        *missing = errno == ENOENT || errno == ENOTDIR;
        *why = strerror(errno);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode)   ? "a folder, not a file"
               : S_ISLNK(st.st_mode) ? "a symbolic link"
                                     : "not a regular file";
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
    if (fd < 0) {
        *why = errno == ELOOP ? "a symbolic link" : strerror(errno);
        return -1;
    }
    /* what was opened, which may not be what was looked at */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = "not a regular file";
        close(fd);
        return -1;
    }
    if (st.st_size <= 0 || (unsigned long long)st.st_size > BG_IMAGE_MAX_BYTES) {
        *why = st.st_size <= 0 ? "an empty file" : "larger than 64 MB";
        close(fd);
        return -1;
    }
    size_t size = (size_t)st.st_size, got = 0;
    unsigned char *buf = malloc(size);
    if (!buf) {
        *why = "out of memory";
        close(fd);
        return -1;
    }
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *why = strerror(errno);
            free(buf);
            close(fd);
            return -1;
        }
        if (n == 0) break; /* shrank since fstat: what is there */
        got += (size_t)n;
    }
    close(fd);
    if (got == 0) {
        free(buf);
        *why = "an empty file";
        return -1;
    }
    *data = buf;
    *len = got;
    return 0;
}

uint64_t bg_image_hash(const unsigned char *data, size_t len)
{
    return bg_fnv1a(data, len);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

/* Width and height within the limits; else -1 with *WHY. */
static int size_ok(uint32_t width, uint32_t height, const char **why)
{
    if (width == 0 || height == 0) {
        *why = "an image of no pixels";
        return -1;
    }
    if (width > BG_IMAGE_MAX_SIDE || height > BG_IMAGE_MAX_SIDE ||
        (uint64_t)width * height > BG_IMAGE_MAX_PIXELS) {
        *why = "too large: more than " BG_IMAGE_LIMIT_TEXT;
        return -1;
    }
    return 0;
}

/* The chunk structure of a PNG: sizes, CRCs, IHDR first, IEND last. */
static int png_walk(const unsigned char *d, size_t len, uint32_t *width, uint32_t *height,
                    const char **why)
{
    size_t pos = sizeof png_signature;
    bool idat = false;
    for (size_t n = 0;; n++) {
        if (len - pos < 12) {
            *why = "truncated PNG";
            return -1;
        }
        uint32_t size = be32(d + pos);
        const unsigned char *type = d + pos + 4;
        if (size > 0x7FFFFFFFu) {
            *why = "damaged PNG: a chunk length over 2^31 - 1";
            return -1;
        }
        if (len - pos - 12 < size) {
            *why = "truncated PNG";
            return -1;
        }
        bool ihdr = memcmp(type, "IHDR", 4) == 0;
        if ((n == 0) != ihdr || (ihdr && size != 13)) {
            *why = "damaged PNG: no header chunk first";
            return -1;
        }
        if (crc32(0L, type, (uInt)size + 4) != be32(type + 4 + size)) {
            *why = ihdr ? "damaged PNG: bad CRC in its header" : "damaged PNG: bad CRC in a chunk";
            return -1;
        }
        if (ihdr) {
            *width = be32(type + 4);
            *height = be32(type + 8);
        }
        if (memcmp(type, "IDAT", 4) == 0) idat = true;
        pos += 12 + (size_t)size;
        if (memcmp(type, "IEND", 4) == 0) break;
    }
    if (!idat) {
        *why = "a PNG without image data";
        return -1;
    }
    return 0;
}

/* --- libpng ------------------------------------------------------------ */

/* Samples an output pixel takes along each axis, at most: evenly spaced
 * over the source pixels it covers (all of them when they are fewer). */
#define SAMPLES 4

/* One libpng read: the bytes, the reader and what the work builds. */
typedef struct png_job {
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t len, pos;
    const char *why;
    /* decoding */
    uint32_t sw, sh;             /* source size */
    uint32_t ow, oh;             /* output size */
    int bytes;                   /* of a source pixel in a row */
    int ch;                      /* summed samples of a pixel: gray, gray+alpha, RGB, RGBA */
    bool palette;                /* rows hold indexes into TABLE */
    unsigned char table[256][4]; /* a palette as RGBA */
    bool interlaced;
    unsigned char *row;    /* one source row */
    uint32_t *acc;         /* sums: ow * ch a row, one row (or oh rows when interlaced) */
    uint32_t *xs;          /* the source columns sampled, SAMPLES for each output column */
    unsigned char *xn;     /* how many of them */
    uint32_t *oy_of;       /* output row of each source row */
    unsigned char *y_used; /* 1 for a source row that is sampled */
    uint32_t *ys;          /* the source rows sampled, SAMPLES for each output row */
    unsigned char *yn;     /* how many of them */
    bg_pixels *out;
    bool transparent;
} png_job;

static void png_on_error(png_structp png, png_const_charp message)
{
    png_job *job = png_get_error_ptr(png);
    (void)message; /* libpng's words are for its developers */
    if (!job->why) job->why = "damaged PNG";
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

static void png_on_read(png_structp png, png_bytep out, size_t n)
{
    png_job *job = png_get_io_ptr(png);
    if (job->len - job->pos < n) {
        job->why = "truncated PNG";
        png_error(png, "truncated");
    }
    memcpy(out, job->data + job->pos, n);
    job->pos += n;
}

static int png_start(png_job *job, const unsigned char *data, size_t len)
{
    memset(job, 0, sizeof *job);
    job->data = data;
    job->len = len;
    job->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, job, png_on_error, png_on_warning);
    job->info = job->png ? png_create_info_struct(job->png) : NULL;
    if (!job->info) {
        job->why = "out of memory";
        return -1;
    }
    png_set_read_fn(job->png, job, png_on_read);
    png_set_user_limits(job->png, BG_IMAGE_MAX_SIDE, BG_IMAGE_MAX_SIDE);
    return 0;
}

static void png_finish(png_job *job)
{
    png_destroy_read_struct(job->png ? &job->png : NULL, job->info ? &job->info : NULL, NULL);
    free(job->row);
    free(job->acc);
    free(job->xs);
    free(job->xn);
    free(job->oy_of);
    free(job->y_used);
    free(job->ys);
    free(job->yn);
}

/* Runs WORK on JOB with libpng's errors caught; 0, or -1 with JOB->why. */
static int png_guarded(png_job *job, void (*work)(png_job *))
{
    if (setjmp(png_jmpbuf(job->png))) {
        if (!job->why) job->why = "damaged PNG";
        return -1;
    }
    work(job);
    return 0;
}

static void png_header_work(png_job *job)
{
    png_read_info(job->png, job->info);
    job->sw = png_get_image_width(job->png, job->info);
    job->sh = png_get_image_height(job->png, job->info);
}

static int png_probe(const unsigned char *data, size_t len, bg_image_info *info, const char **why)
{
    uint32_t width = 0, height = 0;
    if (png_walk(data, len, &width, &height, why) != 0 || size_ok(width, height, why) != 0)
        return -1;
    png_job job;
    int status = png_start(&job, data, len);
    if (status == 0) status = png_guarded(&job, png_header_work);
    if (status == 0 && (job.sw != width || job.sh != height)) {
        job.why = "damaged PNG";
        status = -1;
    }
    *why = job.why;
    png_finish(&job);
    if (status != 0) return -1;
    info->format = BG_IMAGE_PNG;
    info->width = width;
    info->height = height;
    return 0;
}

/* The source pixels sampled along an axis of SRC pixels drawn as N:
 * output pixel o covers sources [o * SRC / N, (o + 1) * SRC / N) and takes
 * up to SAMPLES of them, evenly spaced, into PICK[o * SAMPLES ...], their
 * count into COUNT[o]. */
static void axis_samples(uint32_t src, uint32_t n, uint32_t *pick, unsigned char *count)
{
    for (uint32_t o = 0; o < n; o++) {
        uint64_t first = (uint64_t)o * src / n, end = (uint64_t)(o + 1) * src / n;
        uint64_t cover = end > first ? end - first : 1;
        int k = cover < SAMPLES ? (int)cover : SAMPLES;
        for (int j = 0; j < k; j++)
            pick[(size_t)o * SAMPLES + (size_t)j] =
                (uint32_t)(first + (2 * (uint64_t)j + 1) * cover / (2 * (uint64_t)k));
        count[o] = (unsigned char)k;
    }
}

/* Adds the sampled pixels of the row just read into the sums of output row
 * ACC_ROW; the row holds pixels at START, START + STEP, ... only. */
static void png_add_row(png_job *job, uint32_t acc_row, uint32_t start, uint32_t step)
{
    const int ch = job->ch;
    const bool alpha = ch == 2 || ch == 4;
    uint32_t *acc = job->acc + (size_t)acc_row * job->ow * (size_t)ch;
    for (uint32_t ox = 0; ox < job->ow; ox++, acc += ch) {
        const uint32_t *pick = job->xs + (size_t)ox * SAMPLES;
        for (int j = 0; j < job->xn[ox]; j++) {
            uint32_t x = pick[j];
            if (x < start || (x - start) % step) continue; /* in another pass */
            const unsigned char *px = job->row + (size_t)x * (size_t)job->bytes;
            if (job->palette) px = job->table[*px];
            if (alpha) {
                unsigned a = px[ch - 1];
                for (int c = 0; c < ch - 1; c++)
                    acc[c] += (px[c] * a + 127) / 255;
                acc[ch - 1] += a;
            } else {
                for (int c = 0; c < ch; c++)
                    acc[c] += px[c];
            }
        }
    }
}

/* Output row OY from the sums of ACC_ROW. */
static void png_put_row(png_job *job, uint32_t acc_row, uint32_t oy)
{
    const int ch = job->ch, cc = job->out->channels;
    const bool alpha = ch == 2 || ch == 4;
    const uint32_t *acc = job->acc + (size_t)acc_row * job->ow * (size_t)ch;
    unsigned char *color = job->out->color + (size_t)oy * job->ow * (size_t)cc;
    unsigned char *opacity = alpha ? job->out->alpha + (size_t)oy * job->ow : NULL;
    for (uint32_t ox = 0; ox < job->ow; ox++, acc += ch) {
        uint32_t n = (uint32_t)job->xn[ox] * job->yn[oy];
        if (n == 0) n = 1;
        if (!alpha) {
            for (int c = 0; c < cc; c++)
                *color++ = (unsigned char)((acc[c] + n / 2) / n);
            continue;
        }
        uint32_t a = acc[ch - 1];
        for (int c = 0; c < cc; c++) {
            uint32_t v = a ? (acc[c] * 255 + a / 2) / a : 0;
            *color++ = (unsigned char)(v > 255 ? 255 : v);
        }
        unsigned char o = (unsigned char)((a + n / 2) / n);
        opacity[ox] = o;
        if (o != 255) job->transparent = true;
    }
}

/* Sets libpng's transformations: 8-bit samples, a palette left as indexes
 * (looked up only for the pixels sampled) into JOB->table. */
static void png_setup(png_job *job)
{
    png_structp png = job->png;
    png_infop info = job->info;
    int color = png_get_color_type(png, info);
    png_set_scale_16(png); /* 16 bits to 8 */
    if (color == PNG_COLOR_TYPE_PALETTE) {
        png_colorp plte = NULL;
        int count = 0;
        if (!png_get_PLTE(png, info, &plte, &count) || !plte) count = 0;
        png_bytep trans = NULL;
        int trans_count = 0;
        if (!png_get_tRNS(png, info, &trans, &trans_count, NULL) || !trans) trans_count = 0;
        for (int i = 0; i < 256; i++) {
            job->table[i][0] = i < count ? plte[i].red : 0;
            job->table[i][1] = i < count ? plte[i].green : 0;
            job->table[i][2] = i < count ? plte[i].blue : 0;
            job->table[i][3] = i < trans_count ? trans[i] : 255;
        }
        png_set_packing(png); /* 1, 2 and 4-bit indexes to a byte each */
        job->palette = true;
        job->bytes = 1;
        job->ch = trans_count ? 4 : 3;
        return;
    }
    png_set_expand(png); /* gray to 8 bits, tRNS to alpha */
}

static void png_decode_work(png_job *job)
{
    png_structp png = job->png;
    png_infop info = job->info;
    png_read_info(png, info);
    job->sw = png_get_image_width(png, info);
    job->sh = png_get_image_height(png, info);
    const char *why = NULL;
    if (size_ok(job->sw, job->sh, &why) != 0) {
        job->why = why;
        png_error(png, "size");
    }
    job->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    png_setup(job);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (!job->palette) job->bytes = job->ch = png_get_channels(png, info);
    if (job->ch < 1 || job->ch > 4 || png_get_bit_depth(png, info) != 8 ||
        png_get_rowbytes(png, info) != (size_t)job->sw * (size_t)job->bytes) {
        job->why = "a PNG of an unexpected kind";
        png_error(png, "unexpected");
    }
    if (job->ow > job->sw) job->ow = job->sw;
    if (job->oh > job->sh) job->oh = job->sh;
    bg_pixels *out = job->out;
    out->width = job->ow;
    out->height = job->oh;
    out->channels = job->ch >= 3 ? 3 : 1;
    size_t pixels = (size_t)job->ow * job->oh;
    size_t acc_rows = job->interlaced ? job->oh : 1;
    bool alpha = job->ch == 2 || job->ch == 4;
    job->row = malloc((size_t)job->sw * (size_t)job->bytes);
    job->acc = calloc(acc_rows * job->ow * (size_t)job->ch, sizeof *job->acc);
    job->xs = malloc((size_t)job->ow * SAMPLES * sizeof *job->xs);
    job->xn = malloc(job->ow);
    job->ys = malloc((size_t)job->oh * SAMPLES * sizeof *job->ys);
    job->yn = malloc(job->oh);
    job->oy_of = calloc(job->sh, sizeof *job->oy_of);
    job->y_used = calloc(job->sh, 1);
    out->color = malloc(pixels * (size_t)out->channels);
    out->alpha = alpha ? malloc(pixels) : NULL;
    if (!job->row || !job->acc || !job->xs || !job->xn || !job->ys || !job->yn || !job->oy_of ||
        !job->y_used || !out->color || (alpha && !out->alpha)) {
        job->why = "out of memory";
        png_error(png, "memory");
    }
    axis_samples(job->sw, job->ow, job->xs, job->xn);
    axis_samples(job->sh, job->oh, job->ys, job->yn);
    for (uint32_t oy = 0; oy < job->oh; oy++) {
        uint64_t first = (uint64_t)oy * job->sh / job->oh,
                 end = (uint64_t)(oy + 1) * job->sh / job->oh;
        for (uint64_t y = first; y < end; y++)
            job->oy_of[y] = oy;
        for (int j = 0; j < job->yn[oy]; j++)
            job->y_used[job->ys[(size_t)oy * SAMPLES + (size_t)j]] = 1;
    }
    if (!job->interlaced) {
        uint32_t oy = 0;
        for (uint32_t y = 0; y < job->sh; y++) {
            png_read_row(png, job->row, NULL);
            if (job->oy_of[y] != oy) { /* the output row is complete */
                png_put_row(job, 0, oy);
                memset(job->acc, 0, job->ow * (size_t)job->ch * sizeof *job->acc);
                oy = job->oy_of[y];
            }
            if (job->y_used[y]) png_add_row(job, 0, 0, 1);
        }
        png_put_row(job, 0, oy);
        return;
    }
    for (int pass = 0; pass < passes; pass++) {
        bool columns = PNG_PASS_COLS(job->sw, pass) > 0;
        for (uint32_t y = 0; y < job->sh; y++) {
            png_read_row(png, job->row, NULL);
            if (columns && job->y_used[y] && PNG_ROW_IN_INTERLACE_PASS(y, pass))
                png_add_row(job, job->oy_of[y], PNG_PASS_START_COL(pass),
                            1u << PNG_PASS_COL_SHIFT(pass));
        }
    }
    for (uint32_t oy = 0; oy < job->oh; oy++)
        png_put_row(job, oy, oy);
}

int bg_image_decode(const unsigned char *data, size_t len, uint32_t out_w, uint32_t out_h,
                    bg_pixels *out, const char **why)
{
    memset(out, 0, sizeof *out);
    png_job job;
    int status = png_start(&job, data, len);
    job.out = out;
    job.ow = out_w ? out_w : 1;
    job.oh = out_h ? out_h : 1;
    if (status == 0) status = png_guarded(&job, png_decode_work);
    *why = job.why;
    png_finish(&job);
    if (status == 0 && !job.transparent) {
        free(out->alpha);
        out->alpha = NULL;
    }
    return status;
}

void bg_pixels_free(bg_pixels *pixels)
{
    free(pixels->color);
    free(pixels->alpha);
    memset(pixels, 0, sizeof *pixels);
}

/* --- libjpeg ----------------------------------------------------------- */

typedef struct jpeg_job {
    struct jpeg_error_mgr err; /* first: libjpeg hands this back */
    struct jpeg_decompress_struct cinfo;
    jmp_buf jump;
    const unsigned char *data;
    size_t len;
    const char *why;
} jpeg_job;

static void jpeg_on_error(j_common_ptr cinfo)
{
    jpeg_job *job = (jpeg_job *)(void *)cinfo->err;
    if (!job->why) job->why = "damaged JPEG";
    longjmp(job->jump, 1);
}

static void jpeg_on_message(j_common_ptr cinfo, int level)
{
    (void)cinfo;
    (void)level; /* warnings (corrupt data) are the reader's business */
}

static void jpeg_header_work(jpeg_job *job)
{
    struct jpeg_decompress_struct *cinfo = &job->cinfo;
    jpeg_mem_src(cinfo, job->data, (unsigned long)job->len);
    if (jpeg_read_header(cinfo, TRUE) != JPEG_HEADER_OK) {
        job->why = "a JPEG without an image";
        return;
    }
    if (cinfo->data_precision != 8 || cinfo->arith_code ||
        (cinfo->num_components != 1 && cinfo->num_components != 3 && cinfo->num_components != 4))
        job->why = "a JPEG of a kind PDF does not show: 12-bit, arithmetic coding or 2 components";
}

static int jpeg_guarded(jpeg_job *job)
{
    if (setjmp(job->jump)) return -1;
    jpeg_header_work(job);
    return job->why ? -1 : 0;
}

/* The walk of libharu's LoadJpegHeader to the first SOF0, SOF1, SOF2 or
 * SOF9 marker: every marker read as a two-byte tag and a two-byte length.
 * Returns 0 with the frame's size and components when it gets there. */
static int libharu_jpeg_walk(const unsigned char *d, size_t len, uint32_t *width, uint32_t *height,
                             int *components)
{
    if (len < 2 || d[0] != 0xFF || d[1] != 0xD8) return -1;
    size_t pos = 2;
    for (;;) {
        if (len - pos < 4) return -1;
        unsigned tag = (unsigned)d[pos] << 8 | d[pos + 1];
        unsigned size = (unsigned)d[pos + 2] << 8 | d[pos + 3];
        if (tag == 0xFFC0 || tag == 0xFFC1 || tag == 0xFFC2 || tag == 0xFFC9) {
            if (len - pos < 10) return -1;
            *height = (uint32_t)d[pos + 5] << 8 | d[pos + 6];
            *width = (uint32_t)d[pos + 7] << 8 | d[pos + 8];
            *components = d[pos + 9];
            return d[pos + 4] == 8 ? 0 : -1; /* its BitsPerComponent */
        }
        if ((tag | 0x00FF) != 0xFFFF || size < 2) return -1; /* lost marker; a seek backwards */
        pos += 2 + (size_t)size;
        if (pos > len) return -1;
    }
}

static int jpeg_probe(const unsigned char *data, size_t len, bg_image_info *info, const char **why)
{
    jpeg_job job;
    memset(&job, 0, sizeof job);
    job.data = data;
    job.len = len;
    job.cinfo.err = jpeg_std_error(&job.err);
    job.err.error_exit = jpeg_on_error;
    job.err.emit_message = jpeg_on_message;
    jpeg_create_decompress(&job.cinfo);
    job.cinfo.mem->max_memory_to_use = 16L * 1024 * 1024;
    int status = jpeg_guarded(&job);
    uint32_t width = job.cinfo.image_width, height = job.cinfo.image_height;
    int components = job.cinfo.num_components;
    jpeg_destroy_decompress(&job.cinfo);
    *why = job.why ? job.why : "damaged JPEG";
    if (status != 0 || size_ok(width, height, why) != 0) return -1;
    uint32_t hw = 0, hh = 0;
    int hc = 0;
    if (libharu_jpeg_walk(data, len, &hw, &hh, &hc) != 0 || hw != width || hh != height ||
        hc != components) {
        *why = "a JPEG header libharu cannot read: stray bytes between its markers";
        return -1;
    }
    info->format = BG_IMAGE_JPEG;
    info->width = width;
    info->height = height;
    return 0;
}

int bg_image_probe(const unsigned char *data, size_t len, bg_image_info *info, const char **why)
{
    memset(info, 0, sizeof *info);
    if (len >= sizeof png_signature && memcmp(data, png_signature, sizeof png_signature) == 0)
        return png_probe(data, len, info, why);
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return jpeg_probe(data, len, info, why);
    *why = "neither PNG nor JPEG";
    return -1;
}

void bg_image_target(uint32_t src_w, uint32_t src_h, double w, double h, uint32_t *out_w,
                     uint32_t *out_h)
{
    /* rounded down: never above BG_IMAGE_DPI at the placed size */
    double dw = w / 72.0 * BG_IMAGE_DPI, dh = h / 72.0 * BG_IMAGE_DPI;
    *out_w = dw >= src_w ? src_w : dw < 1 ? 1 : (uint32_t)dw;
    *out_h = dh >= src_h ? src_h : dh < 1 ? 1 : (uint32_t)dh;
}
