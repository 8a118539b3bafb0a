/* test_flow.c - page make-up in the flow (README, "Page make-up"): a
 * part's last page that would hold fewer than four lines takes whole
 * blocks from the foot of the page before, which is justified to the
 * frame's foot again, and every place recorded there (a heading's, a page
 * reference's target) follows what moved (layout/flow.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "layout/flow.h"
#include "textfixture.h"

static bg_textctx tc;

enum { MAX_PARAS = 400 };

typedef struct doc {
    bg_flow f;
    bg_pages pages;
    bg_arena arena;
    int page[MAX_PARAS], late_page[MAX_PARAS];
    double y[MAX_PARAS], late_y[MAX_PARAS];
    char text[MAX_PARAS][32];
} doc;

static void doc_open(doc *d)
{
    memset(d, 0, sizeof *d);
    d->f.tc = &tc;
    d->f.pages = &d->pages;
    d->f.arena = &d->arena;
    d->f.x0 = 68;
    d->f.x1 = 527.28;
    d->f.y0 = 80;
    d->f.y1 = 771.89;
    d->f.page = -1;
    d->f.label = d->f.para_elem = d->f.link.elem = -1;
    bg_para_style body = {BG_ROLE_BODY, 0, 10.5, 1.42, 0, 0, true, 0.9, false};
    d->f.body = body;
    d->f.elem = bg_pages_add_elem(&d->pages, BG_S_DOCUMENT, -1);
}

static void doc_close(doc *d)
{
    bg_pages_free(&d->pages);
    bg_arena_free(&d->arena);
}

/* Places paragraph I, one short line, after a space of SPACES glues (two
 * that touch, as a block's space after and a heading's before), records
 * where it starts as an anchor (as a heading does), and records again
 * where paragraph I - 1 started, as an entry's place is once the entry is
 * placed (parts.c, bg_part_anchor_placed): the last on a page is recorded
 * when the page after has begun. */
/* Records again where paragraph I stands, in storage of its own, as
 * parts.c records an entry's place once the entry is placed. */
static int late(doc *d, int i)
{
    d->late_page[i] = d->page[i];
    d->late_y[i] = d->y[i];
    return bg_flow_anchor_add(&d->f, &d->late_page[i], &d->late_y[i]);
}

static int place(doc *d, int i, int spaces)
{
    bg_flow *f = &d->f;
    for (int s = 0; s < spaces; s++)
        bg_flow_space(f, 4);
    snprintf(d->text[i], sizeof d->text[i], "Paragraph %d.", i);
    bg_inline run = bg_inline_plain(d->text[i], 0);
    bg_set_para para;
    if (bg_para_set(f->tc, &run, 1, &f->body, f->x1 - f->x0, &para) != 0) return -1;
    if (bg_flow_place_para(f, &para, f->x0, f->body.size, NULL, NULL, &d->page[i], &d->y[i]) != 0)
        return -1;
    if (bg_flow_anchor_add(f, &d->page[i], &d->y[i]) != 0) return -1;
    return i ? late(d, i - 1) : 0;
}

/* The page and line top of paragraph I as drawn (-1 when not found). */
static int drawn_at(const doc *d, int i, double *top)
{
    double lh = d->f.body.size * d->f.body.leading, size = d->f.body.size;
    for (size_t p = 0; p < d->pages.count; p++) {
        bg_run r;
        memset(&r, 0, sizeof r);
        for (size_t pos = 0; bg_page_next_run(&d->pages.pages[p], &pos, &r);)
            if (r.len == strlen(d->text[i]) && !memcmp(r.text, d->text[i], r.len)) {
                *top = r.y - (lh - size) / 2 - size * 0.8;
                return (int)p;
            }
    }
    return -1;
}

/* The lines (baselines) on page P, and the lowest line's foot. */
static size_t lines_on(const doc *d, size_t p, double *foot)
{
    double lh = d->f.body.size * d->f.body.leading, size = d->f.body.size;
    double seen[256];
    size_t n = 0;
    *foot = 0;
    bg_run r;
    memset(&r, 0, sizeof r);
    for (size_t pos = 0; bg_page_next_run(&d->pages.pages[p], &pos, &r);) {
        bool again = false;
        for (size_t k = 0; k < n; k++)
            again = again || fabs(seen[k] - r.y) < 0.01;
        if (!again && n < 256) seen[n++] = r.y;
        double bottom = r.y - (lh - size) / 2 - size * 0.8 + lh;
        if (bottom > *foot) *foot = bottom;
    }
    return n;
}

/* How many paragraphs go on the first page, SPACES glues apart. */
static int first_page_holds(int spaces)
{
    doc *d = calloc(1, sizeof *d);
    if (!d) return -1;
    doc_open(d);
    int n = 0;
    for (int i = 0; i < MAX_PARAS; i++) {
        if (place(d, i, i ? spaces : 0) != 0) break;
        if (d->page[i] > 0) break;
        n++;
    }
    doc_close(d);
    free(d);
    return n;
}

static void balanced(int spaces)
{
    int k = first_page_holds(spaces);
    CHECK(k > 10 && k < MAX_PARAS - 1);
    if (k <= 10 || k >= MAX_PARAS - 1) return;
    doc *d = calloc(1, sizeof *d);
    if (!d) return;
    doc_open(d);
    /* one paragraph more than the first page holds: alone on the second */
    bool ok = true;
    for (int i = 0; i <= k && ok; i++)
        ok = place(d, i, i ? spaces : 0) == 0;
    ok = ok && late(d, k) == 0;
    CHECK(ok);
    CHECK(d->pages.count == 2);
    CHECK(bg_flow_end_part(&d->f) == 0);
    CHECK(d->pages.count == 2);
    double foot0, foot1;
    size_t before = lines_on(d, 0, &foot0), last = lines_on(d, 1, &foot1);
    /* the last page holds four lines now, the page before the rest */
    CHECK(last == 4);
    CHECK(before + last == (size_t)k + 1);
    /* the page before ends at the frame's foot (no space left below its
     * last line, not even the space that touched the cut) */
    CHECK(fabs(foot0 - d->f.y1) < 0.05);
    if (fabs(foot0 - d->f.y1) >= 0.05)
        fprintf(stderr, "spaces %d: the page before ends at %.2f, the foot is %.2f\n", spaces,
                foot0, d->f.y1);
    /* the last page starts at the frame's top, its paragraphs as far
     * apart as the spaces between them */
    double top;
    CHECK(drawn_at(d, k - 3, &top) == 1 && fabs(top - d->f.y0) < 0.05);
    double top2;
    CHECK(drawn_at(d, k - 2, &top2) == 1);
    double lh = d->f.body.size * d->f.body.leading;
    CHECK(fabs(top2 - top - lh - 4.0 * spaces) < 0.05);
    /* every anchor is where its paragraph is drawn, one recorded once the
     * next paragraph is placed (on the page before) too */
    int wrong = 0, lates = 0;
    for (int i = 0; i <= k; i++) {
        double at;
        int p = drawn_at(d, i, &at);
        if (p != d->page[i] || fabs(at - d->y[i]) > 0.05) wrong++;
        if (p != d->late_page[i] || fabs(at - d->late_y[i]) > 0.05) lates++;
    }
    CHECK(wrong == 0);
    CHECK(lates == 0);
    if (wrong || lates)
        fprintf(stderr, "spaces %d: %d anchors, %d late ones, not where their paragraph is\n",
                spaces, wrong, lates);
    doc_close(d);
    free(d);
}

int main(void)
{
    text_fixture_open(&tc);
    balanced(1);
    balanced(2);
    text_fixture_close(&tc);
    return harness_report();
}
