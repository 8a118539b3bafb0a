/* flow.h - the page engine shared by the document layouts and tables
 * (internal): a frame that text and blocks flow into, page by page, with
 * orphan and widow control and headings kept with what follows. */
#ifndef BRIEFGEN_FLOW_H
#define BRIEFGEN_FLOW_H

#include "layout/para.h"

typedef struct bg_theme_colors {
    uint32_t text, heading, link, rule, muted, shade, accent;
} bg_theme_colors;

/* A place in the flow: the items of the current page so far and the y
 * there (BOTTOM, where what stands above ends; TOP, where what follows
 * starts, below any space between). See bg_flow_keep. */
typedef struct bg_flow_mark {
    bool set;
    int page;
    size_t runs_len, run_count, boxes, rules, links, images, outline, glues, anchors;
    bg_run last;
    double bottom, top;
    bool chained; /* (bg_flow_keep_from) */
} bg_flow_mark;

/* Space on the current page that may stretch or shrink (vertical
 * justification): H points from Y down; what is below Y moves down by up
 * to STRETCH points more, or up by SHRINK points at most. */
typedef struct bg_flow_glue {
    double y, h, stretch, shrink;
    bool held;  /* placed while a keep was open: no place to divide a page */
    double nat; /* H as placed, before any closing up */
} bg_flow_glue;

/* A glue of a page already filled: where it stands and its height now,
 * its STRETCH, and how much filling added (MORE). */
typedef struct bg_flow_filled {
    double y, h, stretch, more;
    bool held;
    double nat; /* its height as placed */
} bg_flow_filled;

/* Where a heading's page and y were handed out, moved with it. */
typedef struct bg_flow_anchor {
    int *page;
    double *y;
} bg_flow_anchor;

typedef struct bg_flow {
    bg_textctx *tc;
    bg_pages *pages;
    bg_arena *arena;
    double x0, x1, y0, y1; /* the content frame */
    int page;              /* current page index, -1 before the first */
    double y;              /* next free y on the page */
    bool korean;
    bg_para_style body, h1, h2, h3, small, mono;
    bg_theme_colors color;
    /* page make-up of the current page: its stretchable spaces, the
     * headings placed on it, and what keeps with the next thing placed
     * (arrays in the arena, reused from page to page) */
    bg_flow_glue *glue;
    size_t glue_count, glue_cap;
    bg_flow_anchor *anchors;
    size_t anchor_count, anchor_cap;
    bg_flow_mark keep;
    /* the page before the current one, when the flow turned it (not the
     * document): its spaces as filled, where its content ends, the space
     * that followed it, and the anchors on it (bg_flow_end_part balances
     * a part's short last page with it; a break or the end follows that,
     * so the current page's own spaces and anchors are not kept up) */
    struct {
        bool set;
        int page;
        bg_flow_filled *glue;
        size_t glue_count, glue_cap;
        bg_flow_anchor *anchors;
        size_t anchor_count, anchor_cap;
        double bottom, gap;
    } prev;
    bool failed;       /* out of memory in a step that returns nothing */
    bool continued;    /* the current page began inside a paragraph, */
    size_t split_take; /* which left this many lines on the page before */
    double cont_lh;    /* (its line height) */
    /* the structure element what is drawn belongs to (layout.h), the Lbl
     * a paragraph's marker belongs to (-1 for the element), and the
     * element the last paragraph placed became (bg_flow_place_para) */
    int elem, label, para_elem;
    /* the Link element the last linked words drawn went into, the element
     * that holds it and where it leads (-1 for none): the words of one
     * link, over lines or not, make one element */
    struct {
        int elem, parent, anchor;
        const char *uri;
    } link;
    /* the level of the last heading placed (1-3; 0 before any): a
     * Markdown heading goes one below it, so no level is skipped */
    int heading_level;
    /* the last block placed, when it was in a block quote DEPTH deep (0:
     * it was not) whose outermost is ID (blocks.h), ended on PAGE: the
     * next block of that quote has its bars go on from its */
    struct {
        int depth, page;
        unsigned id;
    } quote;
    /* how far left of its paragraph a list item's marker goes (past the
     * indent of a quote the item opens with) */
    double marker_back;
} bg_flow;

/* Appending drawing items to a page (growable arrays). */
int bg_page_add_run(bg_page *page, const bg_run *run);
int bg_page_add_box(bg_page *page, const bg_box *box);
int bg_page_add_rule(bg_page *page, const bg_rule *rule);
int bg_page_add_link(bg_page *page, const bg_link *link);
int bg_page_add_image(bg_page *page, const bg_image *image);
int bg_pages_add_outline(bg_pages *pages, const char *title, int level, int page, double y);

/* Enters a new structure element of TYPE inside the current one: the
 * current one goes to *SAVED (put it back in FLOW->elem when done). */
int bg_flow_enter(bg_flow *flow, bg_struct_type type, int *saved);
/* True when the current element holds elements, not text: a paragraph
 * placed there becomes a P of its own (bg_flow_place_para). */
bool bg_flow_in_group(const bg_flow *flow);

/* Starts a new page because the current one is full: what keeps with
 * the next thing (bg_flow_keep) moves over with it, and the spaces of the
 * page left stretch so that its last line stands at the frame's foot. */
int bg_flow_new_page(bg_flow *flow);
/* Starts a new page where the document asks for one (a new part): the
 * page left is not stretched. */
int bg_flow_break(bg_flow *flow);
/* The same, leaving RESERVE points free at the top of the new page for
 * the caller to fill (what moves over goes below). */
int bg_flow_turn(bg_flow *flow, double reserve);
/* Ends a part of the document (before a new part's page, or the end).
 * A part's last page does not stand nearly empty: when it holds less than
 * four lines, whole blocks from the foot of the page before move over to
 * it (not across a keep or a table) and the page before is justified
 * again; else, when it holds no more than two lines of a paragraph begun
 * on the page before, a line of that page moves over to them. */
int bg_flow_end_part(bg_flow *flow);
/* Where a target's PAGE and Y (its top) were recorded, on the current
 * page: they follow it if it moves (a keep carried over, a page filled).
 * Headings record theirs; a page reference to anything else must too.
 * A place on the page before (an entry that ran over, recorded once it
 * is placed from a place that the flow kept up to date) follows what
 * moves there too; a place registered twice is moved once. The storage must
 * last as long as the layout (the page after may still move it:
 * bg_flow_end_part). */
int bg_flow_anchor_add(bg_flow *flow, int *page, double *y);
/* The current place in the flow. */
void bg_flow_mark_here(bg_flow *flow, bg_flow_mark *mark);
/* Where something that keeps with what follows starts: the current place,
 * or where a keep still open on this page starts (a heading after a
 * heading keeps both with the text); bg_flow_keep_top once any space
 * before it is placed. */
void bg_flow_keep_from(bg_flow *flow, bg_flow_mark *mark);
void bg_flow_keep_top(bg_flow *flow, bg_flow_mark *mark);
/* What was placed since MARK keeps with what comes next: if that starts a
 * new page, this goes over with it (a heading, a run-in title, a list's
 * introduction, a quote before its attribution never ends a page). The
 * next line placed on the same page ends the keep. */
void bg_flow_keep(bg_flow *flow, const bg_flow_mark *mark);
/* Space of H points at Y that may stretch up to STRETCH points more when
 * the page is filled, and shrink by a third of itself when that lets what
 * follows end on this page. */
int bg_flow_glue_add(bg_flow *flow, double y, double h, double stretch);
/* Starts a new page unless H points still fit (or the page is empty). */
int bg_flow_need(bg_flow *flow, double h);
/* Vertical space, dropped at the top of a page; it may stretch to twice
 * itself to fill a page. */
void bg_flow_space(bg_flow *flow, double h);

/* The Link element for words that lead to URI or ANCHOR (bg_inline) in
 * the current element: the one the last linked words went into when they
 * lead there too, else a new one; the current element when that is an
 * artifact; -1 without memory. */
int bg_flow_link_elem(bg_flow *flow, const char *uri, int anchor);
/* Draws one set line with its left edge at X and its top at TOP. */
int bg_flow_draw_line(bg_flow *flow, const bg_set_line *line, double x, double top,
                      double line_height, double size);
/* Places a set paragraph at X (width from the set), splitting it across
 * pages with no orphan or widow. MARKER, if any, is drawn left of the first
 * line. Returns the page and y of its first line through *PAGE, *Y. */
int bg_flow_place_para(bg_flow *flow, const bg_set_para *para, double x, double size,
                       const char *marker, const bg_para_style *marker_style, int *page, double *y);
/* Sets and places inline runs at X in WIDTH. */
int bg_flow_para(bg_flow *flow, const bg_inline *runs, size_t n, const bg_para_style *style,
                 double x, double width);
/* A heading kept with the two lines that follow; adds an outline item at
 * OUTLINE_LEVEL (-1 for none). Returns its page and top through *PAGE, *Y. */
int bg_flow_heading(bg_flow *flow, const char *text, const bg_para_style *style, int outline_level,
                    int *page, double *y);
/* The same, kept with KEEP points of what follows. */
int bg_flow_heading_keep(bg_flow *flow, const char *text, const bg_para_style *style,
                         int outline_level, double keep, int *page, double *y);
/* Markdown blocks at the frame's left edge plus INDENT. LEAD_IN, if given,
 * is prepended in bold to the first paragraph (a run-in heading). */
int bg_flow_blocks(bg_flow *flow, const bg_block *blocks, size_t count, double indent,
                   const bg_inline *lead_in, size_t lead_in_count);
#endif
