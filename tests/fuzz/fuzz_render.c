/* fuzz_render.c - fuzz target: arbitrary bytes as the one event file of a
 * corpus, through the whole pipeline (load, compose, layout, PDF) with
 * the public API, as "briefgen render" runs it. Each input gets a private
 * folder under $TMPDIR holding the event, a theme catalogue and a brief;
 * the folder is removed afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefgen.h"
#include "fuzz.h"

static const char themes[] = "themes:\n"
                             "  - id: denuclearization\n"
                             "    label: Denuclearization\n"
                             "  - id: nine-bridges\n"
                             "    label: Nine Bridges\n"
                             "  - id: trade\n"
                             "    label: Trade\n"
                             "  - id: inter-korean\n"
                             "    label: Inter Korean\n"
                             "  - id: far-east\n"
                             "    label: Far East\n"
                             "  - id: people-exchange\n"
                             "    label: People Exchange\n"
                             "  - id: summitry\n"
                             "    label: Summitry\n"
                             "  - id: energy\n"
                             "    label: Energy\n"
                             "  - id: culture\n"
                             "    label: Culture\n"
                             "  - id: security\n"
                             "    label: Security\n";
static const char brief[] = "title: Fuzz brief\n"
                            "date: 2019-06-27\n"
                            "select:\n"
                            "  from: 1900-01-01\n";

static int write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/briefgen-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) return 0;
    snprintf(path, sizeof path, "%s/events", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/events/fuzz.md", dir);
    int ready = write_file(path, data, size) == 0;
    snprintf(path, sizeof path, "%s/themes.yaml", dir);
    ready = ready && write_file(path, themes, sizeof themes - 1) == 0;
    snprintf(path, sizeof path, "%s/brief.yaml", dir);
    ready = ready && write_file(path, brief, sizeof brief - 1) == 0;
    if (ready) {
        bg_diags diags;
        bg_diags_init(&diags);
        bg_session *session;
        if (bg_session_open(&session, path, &diags) == BG_OK) {
            char out[4200];
            snprintf(out, sizeof out, "%s/out.pdf", dir);
            bg_render(session, out, &diags);
            unlink(out);
        }
        bg_session_free(session);
        bg_diags_free(&diags);
    }
    const char *const files[] = {"events/fuzz.md", "themes.yaml", "brief.yaml"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/events", dir);
    rmdir(path);
    rmdir(dir);
    return 0;
}
