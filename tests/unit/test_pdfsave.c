/* test_pdfsave.c - bg_pdf_draw and bg_pdf_save (pdf/pdf.h): a PDF drawn,
 * then everything it was made from freed (the pages, the fonts, the
 * session's document and corpus), then saved, is the same file byte for
 * byte as bg_pdf_write makes with all of it still there; under the
 * sanitizers and valgrind, a PDF that still referred to what was freed
 * would be reported. Also: a session renders once (bg_session_release). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "session.h" /* before layout.h: bg_arena */
#include "pdf/pdf.h"

static const char *const brief = "fixtures/base/brief.yaml";

/* The whole of the file behind F, malloc'd, its size in *LEN. */
static unsigned char *slurp(FILE *f, size_t *len)
{
    fflush(f);
    long n = ftell(f);
    unsigned char *buf = n > 0 ? malloc((size_t)n) : NULL;
    *len = 0;
    if (!buf) return NULL;
    rewind(f);
    *len = fread(buf, 1, (size_t)n, f);
    return buf;
}

/* Opens BRIEF and lays it out with new fonts into *PAGES. */
static bg_session *laid_out(bg_fonts **fonts, bg_pages *pages, bg_diags *diags)
{
    bg_session *s;
    if (bg_session_open(&s, brief, diags) != BG_OK) {
        bg_session_free(s);
        return NULL;
    }
    const char *families[BG_ROLE_COUNT] = {s->brief.font_body, s->brief.font_heading,
                                           s->brief.font_mono};
    bg_hyphenator *h = bg_hyphenator_new();
    int ok = bg_fonts_open(fonts, bg_fonts_default_conf(), families, brief, diags) == 0 &&
             bg_layout_document(&s->doc, *fonts, h, &s->content, diags, pages) == 0;
    bg_hyphenator_free(h);
    if (!ok) {
        bg_session_free(s);
        return NULL;
    }
    pages->epoch = 0;
    return s;
}

int main(void)
{
    bg_diags diags;
    bg_diags_init(&diags);
    bg_fonts *fonts_a = NULL, *fonts_b = NULL;
    bg_pages a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    bg_session *sa = laid_out(&fonts_a, &a, &diags);
    bg_session *sb = laid_out(&fonts_b, &b, &diags);
    CHECK(sa && sb);
    FILE *fa = tmpfile(), *fb = tmpfile();
    CHECK(fa && fb);
    if (sa && sb && fa && fb) {
        CHECK_INT(bg_pdf_write(&a, fonts_a, fileno(fa), "x.pdf", &diags), 0);
        bg_pdf_times times;
        bg_pdf *pdf = NULL;
        CHECK_INT(bg_pdf_draw(&b, fonts_b, "x.pdf", &diags, &times, &pdf), 0);
        CHECK(pdf != NULL);
        /* all that it was drawn from, freed and scribbled over */
        bg_pages_free(&b);
        bg_fonts_free(fonts_b);
        fonts_b = NULL;
        bg_session_release(sb);
        void *junk = malloc(1 << 20);
        if (junk) memset(junk, 0xA5, 1 << 20);
        CHECK(pdf && bg_pdf_save(pdf, fileno(fb), &diags, &times) == 0);
        free(junk);
        bg_pdf_free(pdf);
        size_t la, lb;
        unsigned char *ba = slurp(fa, &la), *bb = slurp(fb, &lb);
        CHECK(la > 1000);
        CHECK_INT(lb, la);
        CHECK(ba && bb && la == lb && memcmp(ba, bb, la) == 0);
        free(ba);
        free(bb);
        /* released: what watch asks for is kept, a second render refused */
        bg_dependencies deps;
        bg_session_dependencies(sb, &deps);
        CHECK(deps.file_count >= 2);
        CHECK(deps.corpus_dir != NULL);
        CHECK(bg_session_is_input(sb, brief));
        CHECK_INT(bg_render(sb, "never.pdf", &diags), BG_INPUT);
        CHECK(access("never.pdf", F_OK) != 0);
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    bg_pages_free(&a);
    bg_pages_free(&b);
    bg_fonts_free(fonts_a);
    bg_fonts_free(fonts_b);
    bg_session_free(sa);
    bg_session_free(sb);
    if (diags.errors) bg_diags_print(&diags, stderr);
    CHECK_INT(diags.errors, 0);
    bg_diags_free(&diags);
    return harness_report();
}
