/* markdown.c - cmark's tree flattened into blocks and inline runs
 * (blocks.h), walked with cmark_iter as cmark's own renderers do. Raw HTML
 * becomes plain text (the loader has warned about it); each image is
 * resolved and checked through compose/images.h, and its alt text stands
 * in when it cannot be drawn. */
#include <cmark.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/blocks.h"
#include "compose/images.h"
#include "base/util.h"

/* Deeper nesting is drawn at these depths, with one warning per text. */
#define MAX_LISTS 32
#define MAX_QUOTES 8

typedef struct list_state {
    bool ordered;
    bool tight;
    int next;
} list_state;

typedef struct walker {
    bg_arena *arena;
    bg_diags *diags;
    const bg_text *source; /* the Markdown and where it stands */
    const char *dir;
    bg_images *images; /* NULL: images show their alt text */
    /* the open paragraph or heading: where it starts, line ends so far */
    int block_line, block_col, breaks;
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
    int list_depth;     /* the real nesting, drawn as at most MAX_LISTS */
    int quote;          /* the same for block quotes and MAX_QUOTES */
    int quote_indent;   /* the list depth the outermost open quote opened at */
    unsigned quote_ids; /* outermost quotes opened so far */
    bool warned_lists, warned_quotes, warned_uri;
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
    if (!text) text = ""; /* callers check their own allocations */
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
    int lists = w->list_depth < MAX_LISTS ? w->list_depth : MAX_LISTS;
    b.indent = lists;
    b.quote = w->quote < MAX_QUOTES ? w->quote : MAX_QUOTES;
    if (b.quote) {
        b.quote_indent = w->quote_indent;
        b.quote_id = w->quote_ids;
    }
    b.marker = w->marker;
    b.tight = lists > 0 && w->lists[lists - 1].tight;
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

/* An image, probed once through W->images: a block placed after its
 * paragraph, or its alt text in the paragraph when it cannot be drawn. */
static void image_exit(walker *w, cmark_node *node)
{
    w->in_image = 0;
    const char *url = cmark_node_get_url(node);
    const char *alt = bg_arena_strndup(w->arena, w->alt ? w->alt : "", w->alt_len);
    /* cmark gives inline nodes no position: the paragraph's line, plus the
     * line ends met in it before the image */
    const char *file = w->source->file;
    int line = w->source->line + (w->block_line > 0 ? w->block_line - 1 : 0) + w->breaks;
    int col = w->block_col > 0 ? w->block_col : 1;
    bg_image_ref ref;
    int usable = w->images ? bg_images_use(w->images, w->dir, url, file, line, col, &ref) : 0;
    if (usable < 0) w->oom = 1;
    if (usable > 0) {
        bg_block b = block_start(w, BG_BLK_IMAGE);
        b.path = ref.path;
        b.alt = alt;
        b.png = ref.png;
        b.image_w = ref.width;
        b.image_h = ref.height;
        b.image_id = ref.id;
        b.file = file;
        b.line = line;
        b.col = col;
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

/* A warning at NODE's position in the file (inline nodes carry none in
 * cmark 0.30: their block's is used). */
static void warn_at(walker *w, cmark_node *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn_at(walker *w, cmark_node *node, const char *fmt, ...)
{
    if (!w->diags) return;
    int line = 0, col = 0;
    for (cmark_node *n = node; n && line <= 0; n = cmark_node_parent(n)) {
        line = cmark_node_get_start_line(n);
        col = cmark_node_get_start_column(n);
    }
    char message[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    bg_diag_add(w->diags, BG_WARNING, w->source->file, w->source->line + (line > 0 ? line - 1 : 0),
                col > 0 ? col : 1, "%s", message);
}

/* True for a destination a reader may follow from a briefing: http,
 * https or mailto (RFC 3986 3.1: schemes compare without case), or one
 * with no scheme (a relative reference, kept as written). Other schemes
 * (javascript:, file:, data:) would run or open something on the reader's
 * machine. */
static bool followable(const char *url)
{
    /* the scheme as a viewer reads it (WHATWG URL, "basic URL parser"):
     * leading controls and spaces dropped, tabs and line ends ignored */
    char scheme[16];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)url;
    while (*p && *p <= ' ')
        p++;
    for (; *p && *p != ':'; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r') continue;
        /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 3.1) */
        bool ok = n ? isalnum(*p) || *p == '+' || *p == '-' || *p == '.' : isalpha(*p);
        if (!ok) return true; /* no scheme: a relative reference */
        if (n + 1 < sizeof scheme) scheme[n] = (char)tolower(*p);
        n++;
    }
    if (!*p || n == 0) return true;
    if (n >= sizeof scheme) return false;
    scheme[n] = '\0';
    return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
           strcmp(scheme, "mailto") == 0;
}

/* Starts the link NODE: its destination becomes the runs' URI; an empty
 * destination, one of another scheme than http, https or mailto, or one
 * too long for a PDF string leaves plain text. */
static void link_enter(walker *w, cmark_node *node)
{
    const char *url = cmark_node_get_url(node);
    if (!url || !*url) return;
    if (!followable(url)) {
        warn_at(w, node,
                "the link to '%.80s' is shown as plain text: only http, https and mailto "
                "links, and relative ones, are made clickable",
                url);
        return;
    }
    if (bg_uri_encoded_length(url) > BG_MAX_URI) {
        if (!w->warned_uri)
            warn_at(w, node, "a link destination longer than %d bytes is shown as plain text",
                    BG_MAX_URI);
        w->warned_uri = true;
        return;
    }
    w->flags |= BG_IN_LINK;
    w->uri = bg_arena_strdup(w->arena, url);
}

static void on_enter(walker *w, cmark_node *node)
{
    const char *lit;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        w->block_line = cmark_node_get_start_line(node);
        w->block_col = cmark_node_get_start_column(node);
        w->breaks = 0;
        if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH)
            open_inline_block(w, BG_BLK_PARA, 0);
        else
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
        } else if (!w->warned_lists) {
            w->warned_lists = true;
            warn_at(w, node, "lists nested deeper than %d levels are flattened", MAX_LISTS);
        }
        if (w->list_depth < INT_MAX) w->list_depth++;
        break;
    case CMARK_NODE_ITEM:
        if (w->list_depth > 0) {
            static const char *const bullets[] = {"•", "–", "·"};
            int level = w->list_depth < MAX_LISTS ? w->list_depth : MAX_LISTS;
            list_state *l = &w->lists[level - 1];
            w->marker =
                l->ordered ? bg_arena_printf(w->arena, "%d.", l->next++) : bullets[(level - 1) % 3];
        }
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        if (w->quote == MAX_QUOTES && !w->warned_quotes) {
            w->warned_quotes = true;
            warn_at(w, node, "block quotes nested deeper than %d levels are flattened", MAX_QUOTES);
        }
        if (w->quote == 0) {
            w->quote_indent = w->list_depth < MAX_LISTS ? w->list_depth : MAX_LISTS;
            w->quote_ids++;
        }
        if (w->quote < INT_MAX) w->quote++;
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
        w->breaks++;
        push_inline(w, " ", 1, w->flags);
        break;
    case CMARK_NODE_LINEBREAK:
        w->breaks++;
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

int bg_markdown_blocks(bg_arena *arena, const bg_text *text, bg_diags *diags, bg_images *images,
                       bg_block **blocks, size_t *count)
{
    *blocks = NULL;
    *count = 0;
    if (!text || !text->markdown) return 0;
    walker w;
    memset(&w, 0, sizeof w);
    w.arena = arena;
    w.diags = diags;
    w.source = text;
    w.images = images;
    w.dir = text->file ? bg_path_dirname(arena, text->file) : ".";
    cmark_node *doc = bg_markdown_parse(text->markdown, strlen(text->markdown), CMARK_OPT_SMART);
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
                if (type == CMARK_NODE_LINK) link_enter(&w, node);
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
