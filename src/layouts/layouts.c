/* layouts.c - the entry point of layout (layout.h): the text context and
 * page frame for a composed brief, handed to its layout through the one
 * table that names the layouts. Adding a layout is a file in this folder
 * and a row here (and its spelling in the brief's 'layout' key). */
#include <stdlib.h>
#include <string.h>

#include "layouts/layouts.h"

static const bg_layout_ops layouts[] = {
    [BG_LAYOUT_PACK] = {bg_layout_pack, {BG_COL_DATE, BG_COL_TITLE, BG_COL_KIND, BG_COL_PLACE}, 4},
    [BG_LAYOUT_RETROSPECTIVE] = {bg_layout_retrospective,
                                 {BG_COL_DATE, BG_COL_TITLE, BG_COL_KIND, BG_COL_YEARS_AGO},
                                 4},
    [BG_LAYOUT_HANDOUT] = {bg_layout_handout, {BG_COL_DATE, BG_COL_TITLE, BG_COL_KIND}, 3},
};

/* Lays out DOC through its layout's operations into DL's pages. */
static int lay_out(bg_doc_layout *dl, const bg_doc *doc)
{
    size_t kind = (size_t)doc->brief->layout;
    if (kind >= sizeof layouts / sizeof layouts[0] || !layouts[kind].lay_out) return -1;
    const bg_layout_ops *ops = &layouts[kind];
    dl->default_columns = ops->default_columns;
    dl->default_column_count = ops->default_column_count;
    int status = -1;
    if (bg_part_anchors_init(dl) == 0)
        status = ops->lay_out(dl) == 0 && bg_part_finish(dl) == 0 ? 0 : -1;
    bg_part_anchors_free(dl);
    free(dl->toc);
    return status;
}

int bg_layout_document(const bg_doc *doc, bg_fonts *fonts, bg_hyphenator *hyphenator,
                       bg_arena *arena, bg_diags *diags, bg_pages *pages)
{
    memset(pages, 0, sizeof *pages);
    bg_textctx tc;
    memset(&tc, 0, sizeof tc);
    tc.fonts = fonts;
    tc.diags = diags;
    tc.where = doc->brief->path;
    tc.breaker = bg_breaker_new();
    tc.hyphenator = hyphenator;
    /* a break inside a Korean word costs what a line stretched to twice its
     * spaces' stretch does (badness 800): only very loose lines take it */
    tc.korean_penalty =
        doc->brief->korean_syllable_penalty >= 0 ? doc->brief->korean_syllable_penalty : 1000;
    if (!tc.breaker) {
        bg_diag_add(diags, BG_ERROR, NULL, 0, 0, "cannot open ICU's line-break iterator");
        return -1;
    }
    bg_doc_layout dl;
    memset(&dl, 0, sizeof dl);
    dl.f.tc = &tc;
    dl.f.pages = pages;
    dl.f.arena = arena;
    dl.f.korean = doc->language == BG_LANG_KO;
    dl.doc = doc;
    dl.lang = doc->language;
    int status = bg_part_setup(&dl.f, pages, doc->brief);
    if (status == 0) status = lay_out(&dl, doc);
    if (status == 0) status = bg_pages_collect_chars(pages, bg_fonts_face_count(fonts));
    pages->stats = tc.stats;
    bg_breaker_free(tc.breaker);
    free(tc.missing);
    bg_arena_free(&tc.scratch);
    if (status != 0) {
        bg_diag_add(diags, BG_ERROR, doc->brief->path, 0, 0, "out of memory during layout");
        return -1;
    }
    const bg_brief *b = doc->brief;
    pages->title = doc->title;
    pages->author = b->author;
    pages->subject = b->subtitle;
    pages->keywords = doc->keywords;
    pages->date = b->date;
    pages->epoch = -1;
    pages->lang = doc->language == BG_LANG_KO ? "ko" : "en";
    pages->pdf_a = b->pdf_a;
    /* every part records the structure element of what it draws (flow.h):
     * the PDF is tagged (tags.c), PDF/UA-1 and with PDF/A, level A */
    pages->tagged = true;
    return 0;
}
