/* fuzz_image.c - fuzz target: arbitrary bytes as an image file (PNG or
 * JPEG, told apart by content), written into a temporary project folder
 * and rendered:
 *
 * - every input goes through compose's image check (compose/images.h:
 *   the path inside the root, the probe) and, when it passes, through the
 *   PDF back end as the one image of a one-page document (bg_pdf_write:
 *   decoding, downsampling, libharu's image objects), which must succeed;
 * - the first input and every 256th after it (every input when the seeds
 *   are replayed) also go the whole way: the image named by the one event
 *   of a handout brief, bg_session_open and bg_render (fonts, layout and
 *   all), which is a hundred times slower.
 *
 * A PNG's chunk CRCs are set right before the file is written, as
 * libpng's own fuzz target ignores them, so that mutations reach the
 * header checks and the decoder instead of stopping at the first CRC. The
 * folder is made on the first input and removed at exit. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "briefgen.h"
#include "compose/images.h"
#include "pdf/pdf.h"
#include "fuzz.h"

static char dir[64];
static char events_dir[96], image_path[128], brief_path[128], pdf_path[128];
static bg_fonts *fonts;

static const char *const files[][2] = {
    {"brief.yaml", "title: Fuzz\ndate: 2020-01-01\nlayout: handout\nselect:\n  events: [e]\n"},
    {"themes.yaml", "themes:\n  - id: t\n    label: T\n"},
    {"events/e.md", "---\nid: e\ndate: 2020-01-01\ntitle: E\nkind: other\n---\n"
                    "Before.\n\n![the picture](pic)\n\nAfter.\n"},
};

static void cleanup(void)
{
    char path[192];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        unlink(path);
    }
    unlink(image_path);
    unlink(pdf_path);
    rmdir(events_dir);
    rmdir(dir);
    bg_fonts_free(fonts);
}

static int setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/briefgen-fuzz-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(dir)) return -1;
    atexit(cleanup);
    snprintf(events_dir, sizeof events_dir, "%s/events", dir);
    if (mkdir(events_dir, 0700) != 0) return -1;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[192];
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        FILE *f = fopen(path, "w");
        if (!f) return -1;
        fputs(files[i][1], f);
        fclose(f);
    }
    snprintf(image_path, sizeof image_path, "%s/pic", events_dir);
    snprintf(brief_path, sizeof brief_path, "%s/brief.yaml", dir);
    snprintf(pdf_path, sizeof pdf_path, "%s/out.pdf", dir);
    bg_diags diags;
    bg_diags_init(&diags);
    const char *families[BG_ROLE_COUNT] = {NULL, NULL, NULL};
    int status = bg_fonts_open(&fonts, bg_fonts_default_conf(), families, "fuzz", &diags);
    bg_diags_free(&diags);
    return status;
}

/* Any failure to render is a bug: an image never fails the render. */
static void must(int ok, bg_diags *diags)
{
    if (ok) return;
    bg_diags_print(diags, stderr);
    abort();
}

/* The image through compose's check, then alone on an A4 page at the
 * size flow_image gives it (96 dpi, within 451 x 315 points). */
static void one_page(void)
{
    bg_arena arena = {0};
    bg_diags diags;
    bg_diags_init(&diags);
    bg_images images;
    bg_images_init(&images, &arena, dir, &diags);
    bg_image_ref ref;
    if (bg_images_use(&images, events_dir, "pic", "fuzz.md", 1, 1, &ref) == 1) {
        double w = ref.width * 0.75, h = ref.height * 0.75;
        if (w > 451) {
            h *= 451 / w;
            w = 451;
        }
        if (h > 315) {
            w *= 315 / h;
            h = 315;
        }
        bg_image image = {72, 72, w, h, ref.path, ref.png, ref.id, "fuzz.md", 1, 1, BG_ARTIFACT};
        bg_page page;
        memset(&page, 0, sizeof page);
        page.images = &image;
        page.image_count = 1;
        bg_pages pages;
        memset(&pages, 0, sizeof pages);
        pages.width = 595.28;
        pages.height = 841.89;
        pages.pages = &page;
        pages.count = 1;
        pages.epoch = 0;
        int fd = open(pdf_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        must(fd >= 0 && bg_pdf_write(&pages, fonts, fd, pdf_path, &diags) == 0, &diags);
        if (fd >= 0) close(fd);
        unlink(pdf_path);
    }
    bg_images_free(&images);
    bg_diags_free(&diags);
    bg_arena_free(&arena);
}

/* The brief rendered the whole way. */
static void whole_brief(void)
{
    bg_diags diags;
    bg_diags_init(&diags);
    bg_session *session;
    if (bg_session_open(&session, brief_path, &diags) == BG_OK)
        must(bg_render(session, pdf_path, &diags) == BG_OK, &diags);
    bg_session_free(session);
    bg_diags_free(&diags);
    unlink(pdf_path);
}

#ifndef BRIEFGEN_FUZZ_REPLAY
/* Sets the CRC of every whole chunk of the PNG in DATA. */
static void fix_crcs(uint8_t *data, size_t size)
{
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (size < 8 || memcmp(data, signature, 8) != 0) return;
    for (size_t pos = 8; size - pos >= 12;) {
        uint32_t len = (uint32_t)data[pos] << 24 | (uint32_t)data[pos + 1] << 16 |
                       (uint32_t)data[pos + 2] << 8 | data[pos + 3];
        if (len > size - pos - 12) return;
        uint32_t crc = (uint32_t)crc32(0L, data + pos + 4, (uInt)len + 4);
        uint8_t *at = data + pos + 8 + len;
        at[0] = (uint8_t)(crc >> 24);
        at[1] = (uint8_t)(crc >> 16);
        at[2] = (uint8_t)(crc >> 8);
        at[3] = (uint8_t)crc;
        pos += 12 + (size_t)len;
    }
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) ready = setup() == 0 ? 1 : -1;
    if (ready < 0) return 0;
    uint8_t *copy = malloc(size ? size : 1);
    FILE *f = copy ? fopen(image_path, "wb") : NULL;
    if (!f) {
        free(copy);
        return 0;
    }
    if (size) memcpy(copy, data, size);
#ifndef BRIEFGEN_FUZZ_REPLAY
    fix_crcs(copy, size); /* the seeds replay as they are: damaged ones stay damaged */
#endif
    fwrite(copy, 1, size, f);
    fclose(f);
    free(copy);
    one_page();
#ifdef BRIEFGEN_FUZZ_REPLAY
    whole_brief();
#else
    static unsigned long inputs;
    if (inputs++ % 256 == 0) whole_brief();
#endif
    return 0;
}
