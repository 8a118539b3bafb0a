/* render.c - a composed brief to a PDF file (briefgen.h): fonts, layout,
 * the PDF back end, and the atomic write (temporary file beside the
 * target, renamed when complete). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "base/util.h"

const char *bg_render_default_path(bg_session *s)
{
    if (s->brief.output) return s->brief.output;
    return bg_arena_printf(&s->arena, "output/%s.pdf", s->brief.stem);
}

/* SOURCE_DATE_EPOCH as seconds, or -1 when unset or malformed. */
static long long source_date_epoch(void)
{
    const char *v = getenv("SOURCE_DATE_EPOCH");
    if (!v || !*v) return -1;
    char *end;
    errno = 0;
    long long t = strtoll(v, &end, 10);
    return errno || *end || t < 0 ? -1 : t;
}

/* Creates the folder of PATH when it is missing (one level). */
static int ensure_dir(bg_arena *arena, const char *path, bg_diags *diags)
{
    const char *dir = bg_path_dirname(arena, path);
    struct stat st;
    if (!dir || stat(dir, &st) == 0) return 0;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        bg_diag_add(diags, BG_ERROR, dir, 0, 0, "cannot create the output folder: %s",
                    strerror(errno));
        return -1;
    }
    return 0;
}

bg_status bg_render(bg_session *s, const char *path, bg_diags *diags)
{
    if (!s->composed) return BG_INPUT;
    const bg_brief *b = &s->brief;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "is a directory; give a file name for the PDF");
        return BG_SYSTEM;
    }
    if (ensure_dir(&s->arena, path, diags) != 0) return BG_SYSTEM;
    const char *families[BG_ROLE_COUNT] = {b->font_body, b->font_heading, b->font_mono};
    /* the hyphenation patterns load while fontconfig starts */
    bg_hyphenator *hyphenator = bg_hyphenator_new();
    bg_fonts *fonts;
    if (bg_fonts_open(&fonts, bg_fonts_default_conf(), families, b->path, diags) != 0) {
        bg_hyphenator_free(hyphenator);
        return BG_SYSTEM;
    }
    bg_pages pages;
    bg_status status = BG_SYSTEM;
    if (bg_layout_document(&s->doc, fonts, hyphenator, &s->arena, diags, &pages) == 0) {
        pages.epoch = source_date_epoch();
        s->info.pages = pages.count;
        s->info.justified_lines = pages.stats.justified_lines;
        s->info.hyphenated_lines = pages.stats.hyphenated_lines;
        s->info.syllable_breaks = pages.stats.syllable_breaks;
        s->info.worst_ratio = pages.stats.worst_ratio;
        char *tmp = bg_arena_printf(&s->arena, "%s.XXXXXX", path);
        int fd = tmp ? mkstemp(tmp) : -1;
        if (fd < 0) {
            bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        } else {
            close(fd);
            if (bg_pdf_write(&pages, fonts, tmp, diags) == 0 && chmod(tmp, 0644) == 0 &&
                rename(tmp, path) == 0) {
                status = BG_OK;
            } else {
                if (!diags->errors)
                    bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
                unlink(tmp);
            }
        }
        bg_pages_free(&pages);
    }
    bg_fonts_free(fonts);
    bg_hyphenator_free(hyphenator);
    return status;
}
