/* mdcheck.c - load-time checks of Markdown fields: raw HTML is shown as
 * text by the renderer (README, "Typesetting"), so it is warned about here, where its
 * line is known. */
#include <cmark.h>
#include <string.h>

#include "load/loadint.h"

void bg_markdown_check(bg_fctx *ctx, const bg_text *text)
{
    if (!text->markdown) return;
    cmark_node *doc =
        cmark_parse_document(text->markdown, strlen(text->markdown), CMARK_OPT_DEFAULT);
    if (!doc) return;
    bg_markdown_check_tree(ctx, doc, text->line);
    cmark_node_free(doc);
}

void bg_markdown_check_tree(bg_fctx *ctx, void *tree, int first_line)
{
    cmark_node *doc = tree;
    cmark_iter *iter = cmark_iter_new(doc);
    int warned = 0;
    cmark_event_type ev;
    while (!warned && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE) continue;
        int line = cmark_node_get_start_line(node);
        int col = cmark_node_get_start_column(node);
        if (line <= 0) {
            /* inline nodes carry no position in cmark 0.30: use the paragraph's */
            cmark_node *parent = cmark_node_parent(node);
            line = parent ? cmark_node_get_start_line(parent) : 1;
            col = parent ? cmark_node_get_start_column(parent) : 1;
        }
        bg_diag_add(ctx->diags, BG_WARNING, ctx->file, first_line + line - 1, col > 0 ? col : 1,
                    "raw HTML is not rendered; it will be shown as text");
        warned = 1; /* once per field is enough */
    }
    cmark_iter_free(iter);
}
