/* images.c - the images of one composed document (images.h).
 *
 * An image resolves against the folder of the file that names it and must
 * stay inside the root folder (the brief's folder by default: the brief's
 * 'root'), as Typst keeps a document inside its project root
 * (https://typst.app/docs/reference/syntax/#paths): checked on the path
 * as written, with '..' taken lexically, then on the file realpath(3)
 * reaches, so that a symbolic link cannot lead out either. Each file is
 * read and probed once, whatever the number of places that show it; the
 * files seen are found again through hash indexes (by path, and by bytes
 * to give a copy under another name the same id), so that a document of
 * many images costs linear time. */
#include <errno.h>
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
    bool first; /* the first file with these bytes: in the index by bytes */
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
    free(images->unusable);
    free(images->items);
    free(images->by_path);
    free(images->by_bytes);
    memset(images, 0, sizeof *images);
}

static uint64_t path_key(const char *path)
{
    return bg_image_hash((const unsigned char *)path, strlen(path));
}

static uint64_t bytes_key(const bg_image_entry *e)
{
    return e->hash ^ (uint64_t)e->len * 0x9E3779B97F4A7C15ull;
}

/* Puts entry I into TABLE at the first free slot from KEY (linear probing). */
static void index_put(size_t *table, size_t slots, uint64_t key, size_t i)
{
    size_t s = (size_t)key & (slots - 1);
    while (table[s])
        s = (s + 1) & (slots - 1);
    table[s] = i + 1;
}

/* Makes room in both indexes for one more entry; -1 without memory. */
static int index_grow(bg_images *images)
{
    if ((images->count + 1) * 2 <= images->slots) return 0;
    size_t slots = images->slots ? images->slots * 2 : 16;
    size_t *by_path = calloc(slots, sizeof *by_path);
    size_t *by_bytes = calloc(slots, sizeof *by_bytes);
    if (!by_path || !by_bytes) {
        free(by_path);
        free(by_bytes);
        return -1;
    }
    for (size_t i = 0; i < images->count; i++) {
        const bg_image_entry *e = &images->items[i];
        index_put(by_path, slots, path_key(e->path), i);
        if (e->first) index_put(by_bytes, slots, bytes_key(e), i);
    }
    free(images->by_path);
    free(images->by_bytes);
    images->by_path = by_path;
    images->by_bytes = by_bytes;
    images->slots = slots;
    return 0;
}

/* The entry of canonical PATH, or NULL. */
static bg_image_entry *find_path(const bg_images *images, const char *path)
{
    if (!images->slots) return NULL;
    for (size_t s = (size_t)path_key(path) & (images->slots - 1); images->by_path[s];
         s = (s + 1) & (images->slots - 1)) {
        bg_image_entry *e = &images->items[images->by_path[s] - 1];
        if (strcmp(e->path, path) == 0) return e;
    }
    return NULL;
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
    if (index_grow(images) != 0) return NULL;
    bg_image_entry *grown =
        bg_grow(images->items, images->count, &images->cap, sizeof *images->items, 8);
    if (!grown) return NULL;
    images->items = grown;
    size_t index = images->count++;
    index_put(images->by_path, images->slots, path_key(path), index);
    bg_image_entry *e = &images->items[index];
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
    uint64_t key = bytes_key(e);
    for (size_t s = (size_t)key & (images->slots - 1); images->by_bytes[s] && e->id < 0;
         s = (s + 1) & (images->slots - 1)) {
        const bg_image_entry *o = &images->items[images->by_bytes[s] - 1];
        if (o->len == e->len && o->hash == e->hash && same_bytes(o->path, data, e->len))
            e->id = o->id;
    }
    if (e->id < 0) {
        e->id = images->ids++;
        e->first = true;
        index_put(images->by_bytes, images->slots, key, index);
    }
    free(data);
    return e;
}

/* Notes PATH as an image that could not be used; -1 without memory. */
static int note_unusable(bg_images *images, const char *path)
{
    const char **grown =
        bg_grow(images->unusable, images->unusable_count, &images->unusable_cap, sizeof *grown, 8);
    if (!grown) return -1;
    images->unusable = grown;
    images->unusable[images->unusable_count++] = path;
    return 0;
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
        return note_unusable(images, lexical);
    }
    if (!inside(path, images->root_real)) {
        bg_diag_add(diags, BG_ERROR, file, line, col,
                    "image '%s' leads to '%s', outside the root folder '%s'", url, path,
                    images->root);
        return 0;
    }
    bg_image_entry *e = find_path(images, path);
    if (!e && !(e = probe(images, path))) return -1;
    if (e->why) {
        bg_diag_add(diags, BG_WARNING, file, line, col,
                    "image '%s' cannot be used: %s; its alt text is shown", url, e->why);
        return note_unusable(images, e->path);
    }
    ref->id = e->id;
    ref->path = e->path;
    ref->png = e->info.format == BG_IMAGE_PNG;
    ref->width = e->info.width;
    ref->height = e->info.height;
    return 1;
}
