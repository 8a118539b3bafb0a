/* fuzz_image.c - fuzz target: arbitrary bytes as an image file (PNG or
 * JPEG, told apart by content), named by the one event of a handout brief
 * and rendered to a PDF: the probe before layout, the decoding and
 * downsampling at draw time, libharu's image objects. Everything lives in
 * a temporary folder made on the first input and removed at exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefgen.h"
#include "fuzz.h"

static char dir[64];
static char image_path[128], brief_path[128], pdf_path[128];

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
    snprintf(path, sizeof path, "%s/events", dir);
    rmdir(path);
    rmdir(dir);
}

static int setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/briefgen-fuzz-XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(dir)) return -1;
    atexit(cleanup);
    char path[192];
    snprintf(path, sizeof path, "%s/events", dir);
    if (mkdir(path, 0700) != 0) return -1;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        FILE *f = fopen(path, "w");
        if (!f) return -1;
        fputs(files[i][1], f);
        fclose(f);
    }
    snprintf(image_path, sizeof image_path, "%s/events/pic", dir);
    snprintf(brief_path, sizeof brief_path, "%s/brief.yaml", dir);
    snprintf(pdf_path, sizeof pdf_path, "%s/out.pdf", dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) ready = setup() == 0 ? 1 : -1;
    if (ready < 0) return 0;
    FILE *f = fopen(image_path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    bg_diags diags;
    bg_diags_init(&diags);
    bg_session *session;
    if (bg_session_open(&session, brief_path, &diags) == BG_OK) {
        bg_status status = bg_render(session, pdf_path, &diags);
        /* an image never fails the render */
        if (status != BG_OK) {
            bg_diags_print(&diags, stderr);
            abort();
        }
    }
    bg_session_free(session);
    bg_diags_free(&diags);
    unlink(pdf_path);
    return 0;
}
