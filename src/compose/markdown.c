/* markdown.c - cmark's tree flattened into blocks and inline runs
 * (blocks.h), walked with cmark_iter as cmark's own renderers do. Raw HTML
 * becomes plain text (the loader has warned about it). */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/blocks.h"
#include "base/util.h"

#define MAX_LISTS 32

typedef struct list_state {
    bool ordered;
    bool tight;
    int next;
} list_state;

typedef struct walker {
    bg_arena *arena;
    const char *dir;
    /* blocks being built (heap, copied to the arena at the end) */
    bg_block *blocks;
    size_t block_count, block_cap;
    /* inlines of the open paragraph or heading, and their text, each
     * ending in a NUL (heap, copied to the arena when the block closes) */
    bg_inline *inlines;
    size_t inline_count, inline_cap;
    char *text;
    size_t text_len, text_cap;
    bg_block open;
    bool in_block;
    unsigned flags;
    const char *uri;
    list_state lists[MAX_LISTS];
    int list_depth;
    int quote;
    const char *marker; /* for the next block of a list item */
    /* images seen in the open paragraph, placed after it (heap) */
    bg_block *pending;
    size_t pending_count, pending_cap;
    int in_image;
    char *alt; /* the alt text of the open image (heap) */
    size_t alt_len, alt_cap;
    /* flags and link of the enclosing emphasis, strong and links (heap) */
    unsigned *saved_flags;
    const char **saved_uri;
    size_t depth, depth_cap;
    int oom;
} walker;

bg_inline bg_inline_plain(const char *text, unsigned flags)
{
    bg_inline in = {text, strlen(text), flags, NULL, 0};
    return in;
}

static void push_block(walker *w, const bg_block *b)
{
    bg_block *grown = bg_grow(w->blocks, w->block_count, &w->block_cap, sizeof *grown, 16);
    if (!grown) {
        w->oom = 1;
        return;
    }
    w->blocks = grown;
    w->blocks[w->block_count++] = *b;
}

static void push_inline(walker *w, const char *text, size_t len, unsigned flags)
{
    if (w->in_image) {
        if (w->alt_len + len + 1 > w->alt_cap) {
            size_t cap = (w->alt_len + len + 1) * 2;
            char *grown = realloc(w->alt, cap);
            if (!grown) {
                w->oom = 1;
                return;
            }
            w->alt = grown;
            w->alt_cap = cap;
        }
        memcpy(w->alt + w->alt_len, text, len);
        w->alt_len += len;
        return;
    }
    if (!w->in_block) return;
    if (w->text_len + len + 1 > w->text_cap) {
        size_t cap = (w->text_len + len + 1) * 2;
        char *more = realloc(w->text, cap);
        if (!more) {
            w->oom = 1;
            return;
        }
        w->text = more;
        w->text_cap = cap;
    }
    /* text of the same look as the run before joins it (a line and the
     * soft break after it), so that a paragraph of many short lines is
     * a few runs; links and breaks stay runs of their own */
    bg_inline *last = w->inline_count ? &w->inlines[w->inline_count - 1] : NULL;
    if (last && last->flags == flags && !(flags & (BG_IN_LINK | BG_IN_BREAK))) {
        w->text_len--; /* over the NUL of the run before */
        last->len += len;
    } else {
        bg_inline *grown = bg_grow(w->inlines, w->inline_count, &w->inline_cap, sizeof *grown, 16);
        if (!grown) {
            w->oom = 1;
            return;
        }
        w->inlines = grown;
        bg_inline *in = &w->inlines[w->inline_count++];
        in->text = NULL; /* in w->text until the block closes */
        in->len = len;
        in->flags = flags;
        in->uri = flags & BG_IN_LINK ? w->uri : NULL;
        in->anchor = 0;
    }
    memcpy(w->text + w->text_len, text, len);
    w->text_len += len;
    w->text[w->text_len++] = '\0';
}

/* Starts a block of KIND at the current nesting. */
static bg_block block_start(walker *w, bg_block_kind kind)
{
    bg_block b;
    memset(&b, 0, sizeof b);
    b.kind = kind;
    b.indent = w->list_depth;
    b.quote = w->quote;
    b.marker = w->marker;
    b.tight = w->list_depth > 0 && w->lists[w->list_depth - 1].tight;
    w->marker = NULL;
    return b;
}

static void open_inline_block(walker *w, bg_block_kind kind, int level)
{
    w->open = block_start(w, kind);
    w->open.level = level;
    w->in_block = true;
    w->inline_count = 0;
    w->text_len = 0;
}

static void close_inline_block(walker *w)
{
    if (!w->in_block) return;
    w->in_block = false;
    w->open.inlines = bg_arena_alloc(w->arena, (w->inline_count + 1) * sizeof(bg_inline));
    char *text = bg_arena_alloc(w->arena, w->text_len + 1);
    if (!w->open.inlines || !text) {
        w->oom = 1;
        return;
    }
    if (w->text_len) memcpy(text, w->text, w->text_len);
    for (size_t i = 0, at = 0; i < w->inline_count; i++) {
        w->inlines[i].text = text + at;
        at += w->inlines[i].len + 1;
    }
    if (w->inline_count) memcpy(w->open.inlines, w->inlines, w->inline_count * sizeof(bg_inline));
    w->open.inline_count = w->inline_count;
    if (w->inline_count) push_block(w, &w->open);
    for (size_t i = 0; i < w->pending_count; i++)
        push_block(w, &w->pending[i]);
    w->pending_count = 0;
}

/* Pixel size of a PNG or JPEG file; 0 when unreadable. */
static int image_size(const char *path, bool *png, int *width, int *height)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    unsigned char h[32];
    size_t n = fread(h, 1, sizeof h, f);
    int ok = 0;
    if (n >= 24 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0) {
        *png = true;
        *width = (h[16] << 24) | (h[17] << 16) | (h[18] << 8) | h[19];
        *height = (h[20] << 24) | (h[21] << 16) | (h[22] << 8) | h[23];
        ok = *width > 0 && *height > 0;
    } else if (n >= 4 && h[0] == 0xFF && h[1] == 0xD8) {
        *png = false;
        /* walk the segments to a start-of-frame marker */
        long pos = 2;
        for (int guard = 0; guard < 1000 && !ok; guard++) {
            unsigned char seg[9];
            if (fseek(f, pos, SEEK_SET) != 0 || fread(seg, 1, 4, f) != 4 || seg[0] != 0xFF) break;
            int marker = seg[1], len = (seg[2] << 8) | seg[3];
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                marker != 0xCC) {
                if (fread(seg + 4, 1, 5, f) != 5) break;
                *height = (seg[5] << 8) | seg[6];
                *width = (seg[7] << 8) | seg[8];
                ok = *width > 0 && *height > 0;
            }
            pos += 2 + len;
        }
    }
    fclose(f);
    return ok;
}

static void image_exit(walker *w, cmark_node *node)
{
    w->in_image = 0;
    const char *url = cmark_node_get_url(node);
    const char *alt = bg_arena_strndup(w->arena, w->alt ? w->alt : "", w->alt_len);
    bool png = false;
    int width = 0, height = 0;
    const char *path =
        url && *url && !strstr(url, "://") ? bg_path_join(w->arena, w->dir, url) : NULL;
    if (path && image_size(path, &png, &width, &height)) {
        bg_block b = block_start(w, BG_BLK_IMAGE);
        b.path = path;
        b.alt = alt;
        b.png = png;
        b.image_w = width;
        b.image_h = height;
        bg_block *grown = bg_grow(w->pending, w->pending_count, &w->pending_cap, sizeof *grown, 4);
        if (!grown) {
            w->oom = 1;
            return;
        }
        w->pending = grown;
        w->pending[w->pending_count++] = b;
        return;
    }
    /* no usable file: the alt text stands in */
    char *shown = bg_arena_printf(w->arena, "[%s]", alt && *alt ? alt : "image");
    if (shown) push_inline(w, shown, strlen(shown), w->flags | BG_IN_ITALIC);
}

static void on_enter(walker *w, cmark_node *node)
{
    const char *lit;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        open_inline_block(w, BG_BLK_PARA, 0);
        break;
    case CMARK_NODE_HEADING:
        open_inline_block(w, BG_BLK_HEADING, cmark_node_get_heading_level(node));
        break;
    case CMARK_NODE_CODE_BLOCK: {
        bg_block b = block_start(w, BG_BLK_CODE);
        lit = cmark_node_get_literal(node);
        b.code = bg_arena_strdup(w->arena, lit ? lit : "");
        push_block(w, &b);
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
        open_inline_block(w, BG_BLK_PARA, 0);
        lit = cmark_node_get_literal(node);
        if (lit) push_inline(w, lit, strlen(lit), BG_IN_CODE);
        close_inline_block(w);
        break;
    case CMARK_NODE_THEMATIC_BREAK: {
        bg_block b = block_start(w, BG_BLK_RULE);
        push_block(w, &b);
        break;
    }
    case CMARK_NODE_LIST:
        if (w->list_depth < MAX_LISTS) {
            list_state *l = &w->lists[w->list_depth];
            l->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
            l->tight = cmark_node_get_list_tight(node);
            l->next = cmark_node_get_list_start(node);
        }
        w->list_depth++;
        break;
    case CMARK_NODE_ITEM:
        if (w->list_depth > 0 && w->list_depth <= MAX_LISTS) {
            static const char *const bullets[] = {"•", "–", "·"};
            list_state *l = &w->lists[w->list_depth - 1];
            w->marker = l->ordered ? bg_arena_printf(w->arena, "%d.", l->next++)
                                   : bullets[(w->list_depth - 1) % 3];
        }
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        w->quote++;
        break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
        lit = cmark_node_get_literal(node);
        if (lit) push_inline(w, lit, strlen(lit), w->flags);
        break;
    case CMARK_NODE_CODE:
        lit = cmark_node_get_literal(node);
        if (lit) push_inline(w, lit, strlen(lit), w->flags | BG_IN_CODE);
        break;
    case CMARK_NODE_SOFTBREAK:
        push_inline(w, " ", 1, w->flags);
        break;
    case CMARK_NODE_LINEBREAK:
        push_inline(w, "", 0, BG_IN_BREAK);
        break;
    case CMARK_NODE_IMAGE:
        w->in_image = 1;
        w->alt_len = 0;
        break;
    default:
        break;
    }
}

/* Saves the flags and link of the enclosing styling; 0, or -1 without
 * memory (the styling is then not applied). */
static int styling_push(walker *w)
{
    if (w->depth >= w->depth_cap) {
        size_t cap = w->depth_cap ? w->depth_cap * 2 : 16;
        unsigned *flags = realloc(w->saved_flags, cap * sizeof *flags);
        if (flags) w->saved_flags = flags;
        const char **uris = realloc(w->saved_uri, cap * sizeof *uris);
        if (uris) w->saved_uri = uris;
        if (!flags || !uris) {
            w->oom = 1;
            return -1;
        }
        w->depth_cap = cap;
    }
    w->saved_flags[w->depth] = w->flags;
    w->saved_uri[w->depth] = w->uri;
    w->depth++;
    return 0;
}

int bg_markdown_blocks(bg_arena *arena, const bg_text *text, bg_block **blocks, size_t *count)
{
    *blocks = NULL;
    *count = 0;
    if (!text || !text->markdown) return 0;
    walker w;
    memset(&w, 0, sizeof w);
    w.arena = arena;
    w.dir = text->file ? bg_path_dirname(arena, text->file) : ".";
    cmark_node *doc = cmark_parse_document(text->markdown, strlen(text->markdown), CMARK_OPT_SMART);
    if (!doc) return -1;
    cmark_iter *iter = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        bool styling =
            type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK;
        if (ev == CMARK_EVENT_ENTER) {
            if (styling && styling_push(&w) == 0) {
                if (type == CMARK_NODE_EMPH) w.flags |= BG_IN_ITALIC;
                if (type == CMARK_NODE_STRONG) w.flags |= BG_IN_BOLD;
                if (type == CMARK_NODE_LINK) {
                    w.flags |= BG_IN_LINK;
                    w.uri = bg_arena_strdup(arena, cmark_node_get_url(node));
                }
            }
            on_enter(&w, node);
            continue;
        }
        if (styling && w.depth > 0) {
            w.depth--;
            w.flags = w.saved_flags[w.depth];
            w.uri = w.saved_uri[w.depth];
        }
        switch (type) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            close_inline_block(&w);
            break;
        case CMARK_NODE_LIST:
            if (w.list_depth > 0) w.list_depth--;
            if (w.block_count) w.blocks[w.block_count - 1].list_last = true;
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            if (w.quote > 0) w.quote--;
            break;
        case CMARK_NODE_IMAGE:
            image_exit(&w, node);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);
    cmark_node_free(doc);
    free(w.inlines);
    free(w.text);
    free(w.pending);
    free(w.alt);
    free(w.saved_flags);
    free(w.saved_uri);
    if (!w.oom) {
        *blocks = bg_arena_alloc(arena, (w.block_count + 1) * sizeof(bg_block));
        if (*blocks) {
            if (w.block_count) memcpy(*blocks, w.blocks, w.block_count * sizeof(bg_block));
            *count = w.block_count;
        }
    }
    free(w.blocks);
    return w.oom || !*blocks ? -1 : 0;
}
