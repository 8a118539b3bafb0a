/* textfixture.h - a text context over the default fonts (fonts/fonts.conf)
 * for the unit tests of layout: fonts, ICU breaker, hyphenator, scratch and
 * a diagnostics sink, opened once and freed at the end. */
#ifndef BRIEFGEN_TEXTFIXTURE_H
#define BRIEFGEN_TEXTFIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "layout/para.h"

static bg_diags fixture_diags;

static void text_fixture_open(bg_textctx *tc)
{
    const char *families[BG_ROLE_COUNT] = {NULL, NULL, NULL};
    bg_fonts *fonts;
    bg_diags_init(&fixture_diags);
    if (bg_fonts_open(&fonts, bg_fonts_default_conf(), families, "t", &fixture_diags) != 0) exit(1);
    memset(tc, 0, sizeof *tc);
    tc->fonts = fonts;
    tc->breaker = bg_breaker_new();
    tc->hyphenator = bg_hyphenator_new();
    tc->korean_penalty = 1000;
    tc->where = "t";
    tc->diags = &fixture_diags;
}

static void text_fixture_close(bg_textctx *tc)
{
    bg_hyphenator_free(tc->hyphenator);
    bg_breaker_free(tc->breaker);
    bg_arena_free(&tc->scratch);
    bg_fonts_free(tc->fonts);
    bg_diags_free(&fixture_diags);
}

#endif
