/* tags.h - the structure tree and marked content of a tagged PDF
 * (internal to src/pdf/, see tags.c). */
#ifndef BRIEFGEN_TAGS_H
#define BRIEFGEN_TAGS_H

#include <hpdf.h>

#include "layout/layout.h"

typedef struct bg_tags bg_tags;

/* The tagging of PS's structure elements into PDF; NULL without memory. */
bg_tags *bg_tags_new(HPDF_Doc pdf, const bg_pages *ps);
/* Before the document is freed after a failure: what the page being
 * drawn holds that no object owns yet. */
void bg_tags_abandon(bg_tags *tags);
void bg_tags_free(bg_tags *tags);

/* Content of PAGE, the INDEX-th, is drawn from now on. */
void bg_tags_page(bg_tags *tags, HPDF_Page page, size_t index);
/* Writes into OUT (SIZE bytes) the operator that begins the marked content
 * of ELEM (an element of bg_pages, or BG_ARTIFACT, BG_PAGINATION) on the
 * current page, recording its MCID; "EMC" ends it. Returns -1 without
 * memory. */
int bg_tags_begin(bg_tags *tags, int elem, char *out, size_t size);
/* ANNOT, a link in the text of ELEM, becomes a Link element with
 * CONTENTS (UTF-8) as its description. */
void bg_tags_link(bg_tags *tags, HPDF_Annotation annot, int elem, const char *contents);
/* Writes the structure tree, the parent tree and the mark information
 * into the catalog. Returns 0, or -1 without memory. */
int bg_tags_finish(bg_tags *tags);

#endif
