/* layout.c - the entry point of layout (layout.h): the text context and
 * page frame for a composed brief, handed to the layout of its kind. */
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "layout/layouts.h"

/* Theme labels joined by ", ", for the document's keywords. */
static const char *keywords(bg_arena *arena, const bg_doc *doc)
{
    char *out = bg_arena_strdup(arena, "");
    for (size_t s = 0; s < doc->section_count && out; s++)
        out = bg_arena_printf(arena, "%s%s%s", out, s ? ", " : "", doc->sections[s].theme->label);
    return out;
}

int bg_layout_document(const bg_doc *doc, bg_fonts *fonts, bg_hyphenator *hyphenator,
                       bg_arena *arena, bg_diags *diags, bg_pages *pages)
{
    memset(pages, 0, sizeof *pages);
    bg_textctx tc;
    memset(&tc, 0, sizeof tc);
    tc.fonts = fonts;
    tc.arena = arena;
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
    bg_flow flow;
    memset(&flow, 0, sizeof flow);
    flow.tc = &tc;
    flow.pages = pages;
    flow.arena = arena;
    flow.korean = doc->brief->language == BG_LANG_KO;
    bg_pack_setup(&flow, pages, doc->brief);
    int status = bg_layout_pack(&flow, doc);
    pages->stats = tc.stats;
    bg_breaker_free(tc.breaker);
    bg_arena_free(&tc.scratch);
    if (status != 0) {
        bg_diag_add(diags, BG_ERROR, doc->brief->path, 0, 0, "out of memory during layout");
        return -1;
    }
    const bg_brief *b = doc->brief;
    pages->title = b->language == BG_LANG_KO && b->title_ko ? b->title_ko : b->title;
    pages->author = b->author;
    pages->subject = b->subtitle;
    pages->keywords = keywords(arena, doc);
    pages->date = b->date;
    pages->epoch = -1;
    return 0;
}
