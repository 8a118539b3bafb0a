/* images.c - the images of one composed document (images.h).
 *
 * An image resolves against the folder of the file that names it and must
 * stay inside the root folder (the brief's folder by default: the brief's
 * 'root'), as Typst keeps a document inside its project root
 * (https://typst.app/docs/reference/syntax/#paths): checked on the path
 * as written, with '..' taken lexically, then on the file realpath(3)
 * reaches, so that a symbolic link cannot lead out either. Each file is
 * read and probed once, whatever the number of places that show it. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "compose/images.h"
#include "image/image.h"

typedef struct bg_image_entry {
    const char *path; /* canonical */
    const char *why;  /* NULL when usable, else why not */
    bg_image_info info;
    size_t len;
    uint64_t hash;
    int id;
} bg_image_entry;

/* realpath(3) of PATH into the arena, or NULL (errno set). */
static char *real_path(bg_arena *arena, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real) return NULL;
    char *copy = bg_arena_strdup(arena, real);
    free(real);
    if (!copy) errno = ENOMEM;
    return copy;
}

void bg_images_init(bg_images *images, bg_arena *arena, const char *root, bg_diags *diags)
{
    memset(images, 0, sizeof *images);
    images->arena = arena;
    images->diags = diags;
    images->root = root ? root : ".";
    images->root_real = real_path(arena, images->root);
}

void bg_images_free(bg_images *images)
{
    free(images->items);
    memset(images, 0, sizeof *images);
}

/* True when canonical PATH is ROOT or inside it. */
static bool inside(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/') return path[0] == '/';
    return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* True for a URL with a scheme ("https://", "data:"): not a file here. */
static bool has_scheme(const char *url)
{
    const char *p = url;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > url + 1 && *p == ':'; /* one letter: a Windows drive, still a path */
}

/* True when the files at A and B hold the same bytes (B is DATA, LEN). */
static bool same_bytes(const char *a, const unsigned char *data, size_t len)
{
    unsigned char *other;
    size_t other_len;
    const char *why;
    int missing;
    if (bg_image_read(a, 1, &other, &other_len, &why, &missing) != 0) return false;
    bool same = other_len == len && memcmp(other, data, len) == 0;
    free(other);
    return same;
}

/* Reads and probes the file at canonical PATH into a new entry. */
static bg_image_entry *probe(bg_images *images, const char *path)
{
    bg_image_entry *grown =
        bg_grow(images->items, images->count, &images->cap, sizeof *images->items, 8);
    if (!grown) return NULL;
    images->items = grown;
    bg_image_entry *e = &images->items[images->count++];
    memset(e, 0, sizeof *e);
    e->path = path;
    e->id = -1;
    unsigned char *data;
    int missing;
    const char *why;
    if (bg_image_read(path, 1, &data, &e->len, &why, &missing) != 0) {
        e->why = bg_arena_strdup(images->arena, why);
        return e->why ? e : NULL;
    }
    if (bg_image_probe(data, e->len, &e->info, &why) != 0) {
        e->why = why;
        free(data);
        return e;
    }
    e->hash = bg_image_hash(data, e->len);
    for (size_t i = 0; i + 1 < images->count && e->id < 0; i++) {
        const bg_image_entry *o = &images->items[i];
        if (!o->why && o->len == e->len && o->hash == e->hash && same_bytes(o->path, data, e->len))
            e->id = o->id;
    }
    if (e->id < 0) e->id = images->ids++;
    free(data);
    return e;
}

int bg_images_use(bg_images *images, const char *dir, const char *url, const char *file, int line,
                  int col, bg_image_ref *ref)
{
    memset(ref, 0, sizeof *ref);
    if (!url || !*url || has_scheme(url)) return 0;
    bg_arena *arena = images->arena;
    bg_diags *diags = images->diags;
    if (!images->root_real) {
        bg_diag_add(diags, BG_ERROR, file, line, col,
                    "image '%s' cannot be checked: the root folder '%s' cannot be resolved", url,
                    images->root);
        return 0;
    }
    /* as written, '..' taken lexically from the real folder of the file */
    const char *real_dir = real_path(arena, dir ? dir : ".");
    const char *lexical = bg_path_join(arena, real_dir ? real_dir : dir, url);
    if (!lexical) return -1;
    if (!inside(lexical, images->root_real)) {
        bg_diag_add(diags, BG_ERROR, file, line, col, "image '%s' is outside the root folder '%s'",
                    url, images->root);
        return 0;
    }
    errno = 0;
    const char *path = real_path(arena, lexical);
    if (!path) {
        if (errno == ENOMEM) return -1;
        if (errno == ENOENT || errno == ENOTDIR)
            bg_diag_add(diags, BG_WARNING, file, line, col,
                        "image '%s' not found; its alt text is shown", url);
        else
            bg_diag_add(diags, BG_WARNING, file, line, col,
                        "image '%s' cannot be read: %s; its alt text is shown", url,
                        strerror(errno));
        return 0;
    }
    if (!inside(path, images->root_real)) {
        bg_diag_add(diags, BG_ERROR, file, line, col,
                    "image '%s' leads to '%s', outside the root folder '%s'", url, path,
                    images->root);
        return 0;
    }
    bg_image_entry *e = NULL;
    for (size_t i = 0; i < images->count && !e; i++)
        if (strcmp(images->items[i].path, path) == 0) e = &images->items[i];
    if (!e && !(e = probe(images, path))) return -1;
    if (e->why) {
        bg_diag_add(diags, BG_WARNING, file, line, col,
                    "image '%s' cannot be used: %s; its alt text is shown", url, e->why);
        return 0;
    }
    ref->id = e->id;
    ref->path = e->path;
    ref->png = e->info.format == BG_IMAGE_PNG;
    ref->width = e->info.width;
    ref->height = e->info.height;
    return 1;
}
