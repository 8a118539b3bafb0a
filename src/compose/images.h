/* images.h - the images of one composed document (internal to compose):
 * each Markdown image resolved against its file's folder, kept inside the
 * project's root folder, and probed once, before layout, so that a
 * problem is reported at its place in the Markdown and the alt text can
 * stand in (image/image.h has the checks). The same file, or the same
 * bytes under another name, gets the same id: the PDF embeds it once. */
#ifndef BRIEFGEN_COMPOSE_IMAGES_H
#define BRIEFGEN_COMPOSE_IMAGES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

/* An image that can be drawn. */
typedef struct bg_image_ref {
    int id;           /* 0, 1, ...: one for each distinct image of the document */
    const char *path; /* canonical (realpath) */
    bool png;         /* else JPEG */
    uint32_t width, height;
} bg_image_ref;

struct bg_image_entry;

typedef struct bg_images {
    bg_arena *arena;
    bg_diags *diags;
    const char *root;             /* as given (for messages) */
    const char *root_real;        /* canonical; NULL when it cannot be resolved */
    struct bg_image_entry *items; /* each file probed (heap) */
    size_t count, cap;
    int ids;
    /* hash indexes of ITEMS (1 + an index, 0 for none; heap): by canonical
     * path, and by bytes for the first file of each distinct image */
    size_t *by_path, *by_bytes;
    size_t slots; /* of each: a power of two, at least twice COUNT */
    /* the paths (in ARENA) of images inside the root that could not be
     * used, missing or damaged (heap array): what 'watch' waits for */
    const char **unusable;
    size_t unusable_count, unusable_cap;
} bg_images;

/* Starts the images of a document whose images must stay under ROOT. */
void bg_images_init(bg_images *images, bg_arena *arena, const char *root, bg_diags *diags);
void bg_images_free(bg_images *images);

/* The image URL of Markdown in a file of folder DIR, named at
 * FILE:LINE:COL. Returns 1 with *REF when it can be drawn; 0 when its alt
 * text stands in: a URL with a scheme or none, or after a diagnostic (an
 * error when it lies outside the root folder, else a warning: missing,
 * not a regular file, damaged, too large); -1 without memory. */
int bg_images_use(bg_images *images, const char *dir, const char *url, const char *file, int line,
                  int col, bg_image_ref *ref);

#endif
