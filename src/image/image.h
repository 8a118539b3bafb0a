/* image.h - PNG and JPEG files read safely, for the two stages that touch
 * them (README, "Images"):
 *
 * - compose probes each image once, before layout (bg_image_read,
 *   bg_image_probe): the file is a regular file, its structure is sound
 *   (every PNG chunk's CRC, no truncation; a JPEG header libjpeg and
 *   libharu both accept) and its size is within limits. A failure there
 *   is a warning at the image's place in the Markdown, and the alt text is
 *   shown instead;
 * - the PDF back end decodes the pixels at draw time (bg_image_decode),
 *   downsampled to 300 dpi at the placed size while the rows stream past,
 *   so memory follows the placed size, never the file's pixel count. A
 *   JPEG passes through as it is (DCT).
 *
 * libpng and libjpeg report errors through longjmp; nothing here prints,
 * aborts or leaves a file behind. Uses base only. */
#ifndef BRIEFGEN_IMAGE_H
#define BRIEFGEN_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* The largest image file read (a JPEG is embedded whole). */
#define BG_IMAGE_MAX_BYTES ((size_t)64 * 1024 * 1024)
/* The most pixels an image may have, checked from its header before
 * anything is allocated. Memory follows the placed size, not this; the
 * time to decode does follow it: about a second for 400 megapixels. */
#define BG_IMAGE_MAX_PIXELS ((uint64_t)500 * 1000 * 1000)
/* The longest side, in pixels (JPEG's own limit is 65535). */
#define BG_IMAGE_MAX_SIDE 65535u
/* Both limits in words, for messages. */
#define BG_IMAGE_LIMIT_TEXT "500 megapixels or 65535 pixels a side"
/* The resolution images are downsampled to at their placed size. */
#define BG_IMAGE_DPI 300

typedef enum { BG_IMAGE_PNG, BG_IMAGE_JPEG } bg_image_format;

/* What a probe found. */
typedef struct bg_image_info {
    bg_image_format format;
    uint32_t width, height; /* pixels, both at least 1 */
} bg_image_info;

/* Reads the image file PATH whole into a malloc'd buffer (free() it). It is
 * opened with O_NONBLOCK and O_NOCTTY, so a FIFO or a device never blocks,
 * and accepted only when fstat says it is a regular file of at most
 * BG_IMAGE_MAX_BYTES; with NOFOLLOW a symbolic link is refused too (for a
 * path already resolved by realpath, so that a link swapped in since is
 * not followed). Returns 0, or -1 with *WHY set to a reason in words
 * (static storage) and *MISSING set when the file does not exist. */
int bg_image_read(const char *path, int nofollow, unsigned char **data, size_t *len,
                  const char **why, int *missing);

/* Checks the bytes of an image file: a PNG's signature, chunk structure,
 * every CRC and its header (through libpng); a JPEG's header (through
 * libjpeg, and the simpler walk libharu makes to its frame header); both
 * sizes as unsigned 32-bit numbers within BG_IMAGE_MAX_PIXELS. Returns 0
 * with *INFO, or -1 with *WHY (static storage). */
int bg_image_probe(const unsigned char *data, size_t len, bg_image_info *info, const char **why);

/* FNV-1a (64 bits) of DATA: with the length, what tells images with the
 * same bytes apart from the others cheaply. */
uint64_t bg_image_hash(const unsigned char *data, size_t len);

/* The pixel size to embed an image of SRC_W x SRC_H pixels drawn W x H
 * points: BG_IMAGE_DPI at that size, never more than the source. */
void bg_image_target(uint32_t src_w, uint32_t src_h, double w, double h, uint32_t *out_w,
                     uint32_t *out_h);

/* Decoded pixels, 8 bits a sample, rows top to bottom. */
typedef struct bg_pixels {
    uint32_t width, height;
    int channels;         /* of COLOR: 1 gray, 3 RGB */
    unsigned char *color; /* width * height * channels (malloc'd) */
    unsigned char *alpha; /* width * height, or NULL when every pixel is opaque */
} bg_pixels;

/* Decodes the PNG in DATA to OUT_W x OUT_H pixels (at most its own size)
 * with a box filter: 16-bit samples scaled to 8, palettes and gray of 1, 2
 * or 4 bits expanded, transparency (alpha or tRNS) as a separate alpha
 * plane, interlaced images included. Only one source row is held at a
 * time. Returns 0, or -1 with *WHY (static storage); free OUT with
 * bg_pixels_free in every case. */
int bg_image_decode(const unsigned char *data, size_t len, uint32_t out_w, uint32_t out_h,
                    bg_pixels *out, const char **why);
void bg_pixels_free(bg_pixels *pixels);

#endif
