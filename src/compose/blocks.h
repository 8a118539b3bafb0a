/* blocks.h - Markdown as a flat list of blocks with inline runs: nesting
 * (lists, block quotes) becomes an indent level and a quote depth on each
 * block, which is all layout needs. Built by markdown.c from cmark. */
#ifndef BRIEFGEN_BLOCKS_H
#define BRIEFGEN_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "load/types.h"

enum {
    BG_IN_BOLD = 1,
    BG_IN_ITALIC = 2,
    BG_IN_CODE = 4,
    BG_IN_LINK = 8,
    BG_IN_BREAK = 16 /* a hard line break; TEXT is empty */
};

typedef struct bg_inline {
    const char *text;
    size_t len;
    unsigned flags;
    const char *uri; /* for BG_IN_LINK: an external target */
    int anchor;      /* for BG_IN_LINK: 1 + a target inside the document that
                        layout places (an event's annex entry); 0 for none */
} bg_inline;

typedef enum { BG_BLK_PARA, BG_BLK_HEADING, BG_BLK_CODE, BG_BLK_RULE, BG_BLK_IMAGE } bg_block_kind;

typedef struct bg_block {
    bg_block_kind kind;
    int level;          /* heading level */
    int indent;         /* list nesting depth */
    int quote;          /* block quote depth */
    int quote_indent;   /* in a quote: the list depth its outermost quote opened at */
    unsigned quote_id;  /* in a quote: its outermost quote's, one a quote (from 1) */
    const char *marker; /* list marker on the first line ("•", "3."), or NULL */
    bool tight;         /* paragraph of a tight list: no space after */
    bool list_last;     /* the last block of a list: space after it */
    bg_inline *inlines;
    size_t inline_count;
    const char *code;          /* code block text */
    const char *path;          /* image file, canonical */
    const char *alt;           /* image alt text */
    uint32_t image_w, image_h; /* pixels */
    bool png;
    int image_id;     /* the same for the same image file or bytes (compose/images.h) */
    const char *file; /* an image: where the Markdown names it */
    int line, col;
} bg_block;

struct bg_images;
/* Converts the Markdown of TEXT into blocks. Image paths are resolved
 * against the folder of TEXT->file and checked through IMAGES, which
 * reports their problems; with IMAGES NULL every image shows its alt
 * text. What cannot be drawn as written (lists nested past 32 levels,
 * block quotes past 8, a link destination too long for a PDF) is drawn as
 * near as it can be, with a warning in DIAGS (which may be NULL). */
int bg_markdown_blocks(bg_arena *arena, const bg_text *text, bg_diags *diags,
                       struct bg_images *images, bg_block **blocks, size_t *count);

/* Appends inline runs for plain TEXT with FLAGS. */
bg_inline bg_inline_plain(const char *text, unsigned flags);

/* cmark_parse_document with emphasis next to CJK characters as
 * commonmark-spec pull request 839 proposes (cjk.c); free with
 * cmark_node_free. */
struct cmark_node;
struct cmark_node *bg_markdown_parse(const char *markdown, size_t len, int options);

#endif
