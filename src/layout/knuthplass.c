/* knuthplass.c - total-fit line breaking (D. E. Knuth and M. F. Plass,
 * "Breaking paragraphs into lines", 1981): every feasible break is a node;
 * each line between two nodes costs demerits from its badness, the
 * penalty broken at, consecutive hyphens and a change of tightness; the
 * paragraph takes the path of least total demerits; a last line of one
 * short word (a runt) costs extra demerits, so the paragraph rather sets
 * its lines a little looser or tighter to avoid it, as TeX users get with
 * \parfillskip tuning (and linebreak.c asks for a set with no runt at
 * all, bg_kp_break_only, when the demerits still chose one). The line width is the
 * same for every line, so nodes differ only by position, fitness class and
 * the run of hyphenated lines before them (at most two in a row). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "layout/items.h"

#define LINE_PENALTY 10.0
#define FLAGGED_DEMERITS 10000.0 /* TeX's \doublehyphendemerits: hyphens in a row */
#define FITNESS_DEMERITS 100.0   /* gamma: a tight line next to a loose one */
#define MAX_HYPHEN_RUN 2
/* a runt: what a penalty of 950 costs, just under a break inside a Korean
 * word (1000), so that no word is broken to avoid one */
#define RUNT_DEMERITS 9e5

typedef struct node {
    size_t pos;      /* the item broken at; the paragraph's start is 0 */
    size_t next;     /* the first item of the line after it */
    int fitness;     /* 0 tight, 1 decent, 2 loose, 3 very loose */
    int hyphens;     /* hyphenated lines ending here in a row */
    double demerits; /* total from the paragraph's start */
    double ratio;    /* of the line ending here */
    int prev;        /* node of the previous break, -1 at the start */
    bool flagged;    /* this break adds a hyphen */
} node;

typedef struct pool {
    node *v;
    size_t n, cap;
} pool;

static int pool_add(pool *p, node x)
{
    node *grown = bg_grow(p->v, p->n, &p->cap, sizeof *grown, 256);
    if (!grown) return -1;
    p->v = grown;
    p->v[p->n] = x;
    return (int)p->n++;
}

/* The first item of the line that follows a break at POS: glue and
 * penalties after a break vanish. */
static size_t after_break(const item *it, size_t n, size_t pos)
{
    size_t i = pos + 1;
    while (i < n && (it[i].kind == IT_GLUE || it[i].kind == IT_PENALTY))
        i++;
    return i;
}

static int fitness_of(double r)
{
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1) return 2;
    return 3;
}

static int kp_break(const item *it, size_t n, double width, double tolerance, unsigned flags,
                    line_range **lines, size_t *count, double *total_demerits)
{
    *lines = NULL;
    *count = 0;
    /* prefix sums of width, stretch and shrink */
    double *W = malloc((n + 1) * sizeof *W), *Y = malloc((n + 1) * sizeof *Y),
           *Z = malloc((n + 1) * sizeof *Z);
    size_t *G = malloc((n + 1) * sizeof *G); /* spaces a line may break at */
    int *active = malloc((n + 2) * 4 * (MAX_HYPHEN_RUN + 1) * sizeof *active);
    pool nodes = {NULL, 0, 0};
    int status = -1;
    if (!W || !Y || !Z || !G || !active) goto done;
    W[0] = Y[0] = Z[0] = 0;
    G[0] = 0;
    for (size_t i = 0; i < n; i++) {
        bool counts = it[i].kind == IT_BOX || it[i].kind == IT_GLUE;
        W[i + 1] = W[i] + (counts ? it[i].width : 0);
        Y[i + 1] = Y[i] + (it[i].kind == IT_GLUE ? it[i].stretch : 0);
        Z[i + 1] = Z[i] + (it[i].kind == IT_GLUE ? it[i].shrink : 0);
        G[i + 1] = G[i] + (it[i].kind == IT_GLUE && !it[i].nobreak && i > 0 &&
                           it[i - 1].kind == IT_BOX && i + 1 < n);
    }
    node start = {0, 0, 1, 0, 0, 0, -1, false};
    size_t first = 0;
    while (first < n && (it[first].kind == IT_GLUE || it[first].kind == IT_PENALTY))
        first++;
    start.next = first;
    int nactive = 0;
    int s = pool_add(&nodes, start);
    if (s < 0) goto done;
    active[nactive++] = s;
    for (size_t b = 0; b <= n && nactive > 0; b++) {
        /* b == n is the paragraph's end: a forced break with infinite stretch */
        bool end = b == n;
        const item *x = end ? NULL : &it[b];
        int penalty = 0;
        bool forced = end, flagged = false;
        if (!end) {
            if (x->kind == IT_BREAK) {
                forced = true;
            } else if (x->kind == IT_GLUE) {
                if (x->nobreak || b == 0 || it[b - 1].kind != IT_BOX) continue;
            } else if (x->kind == IT_PENALTY) {
                if (x->penalty >= BG_PENALTY_INF) continue;
                if ((flags & BG_KP_NO_COSTLY) && x->penalty > 0 && !x->flagged) continue;
                penalty = x->penalty;
                flagged = x->flagged;
            } else {
                continue;
            }
        }
        /* the best new node per fitness class and hyphen run */
        node best[4][MAX_HYPHEN_RUN + 1];
        bool have[4][MAX_HYPHEN_RUN + 1];
        memset(have, 0, sizeof have);
        bool any = false;
        for (int a = 0; a < nactive;) {
            const node *from = &nodes.v[active[a]];
            double natural = W[b] - W[from->next] + (flagged ? x->width : 0);
            /* (a line that ends in a hyphen or a stop is that much wider:
             * the mark hangs into the margin) */
            double room = width + (forced ? 0 : x->hang);
            double ratio;
            if ((forced && natural <= room) || natural == room) {
                ratio = 0; /* the last line: \parfillskip takes the rest */
            } else if (natural < room) {
                double stretch = Y[b] - Y[from->next];
                ratio = stretch > 0 ? (room - natural) / stretch : 1e6;
            } else {
                double shrink = Z[b] - Z[from->next];
                ratio = shrink > 0 ? (room - natural) / shrink : -1e6;
            }
            bool retire = ratio < -1 || forced; /* too long already, or a forced break */
            int hyphens = flagged ? from->hyphens + 1 : 0;
            /* the paragraph's last line: one word under 15% of the measure */
            bool runt =
                end && from->prev >= 0 && G[n] == G[from->next] && natural < BG_RUNT_SHARE * width;
            if (ratio >= -1 && ratio <= tolerance && hyphens <= MAX_HYPHEN_RUN &&
                !(runt && (flags & BG_KP_NO_RUNT))) {
                double badness = 100 * pow(fabs(ratio), 3);
                if (badness > BG_PENALTY_INF) badness = BG_PENALTY_INF;
                double d = (LINE_PENALTY + badness) * (LINE_PENALTY + badness);
                if (!forced && penalty > 0) d += (double)penalty * penalty;
                if (!forced && penalty < 0) d -= (double)penalty * penalty;
                if (flagged && from->flagged) d += FLAGGED_DEMERITS;
                int fit = fitness_of(ratio);
                if (abs(fit - from->fitness) > 1) d += FITNESS_DEMERITS;
                if (runt) d += RUNT_DEMERITS;
                d += from->demerits;
                node cand = {
                    b, end ? n : after_break(it, n, b), fit, hyphens, d, ratio, active[a], flagged};
                if (!have[fit][hyphens] || d < best[fit][hyphens].demerits) {
                    best[fit][hyphens] = cand;
                    have[fit][hyphens] = true;
                    any = true;
                }
            }
            if (retire)
                active[a] = active[--nactive];
            else
                a++;
        }
        for (int f = 0; any && f < 4; f++)
            for (int h = 0; h <= MAX_HYPHEN_RUN; h++) {
                if (!have[f][h]) continue;
                int k = pool_add(&nodes, best[f][h]);
                if (k < 0) goto done;
                if (!end) active[nactive++] = k;
            }
        if (end) break;
    }
    /* the cheapest node at the paragraph's end */
    int final = -1;
    for (size_t k = 0; k < nodes.n; k++)
        if (nodes.v[k].pos == n && (final < 0 || nodes.v[k].demerits < nodes.v[final].demerits))
            final = (int)k;
    if (final < 0) {
        status = 1;
        goto done;
    }
    size_t nlines = 0;
    for (int k = final; nodes.v[k].prev >= 0; k = nodes.v[k].prev)
        nlines++;
    line_range *out = calloc(nlines ? nlines : 1, sizeof *out);
    if (!out) goto done;
    size_t l = nlines;
    for (int k = final; nodes.v[k].prev >= 0; k = nodes.v[k].prev) {
        const node *to = &nodes.v[k], *from = &nodes.v[to->prev];
        l--;
        out[l].first = from->next;
        out[l].end = to->pos;
        out[l].hyphen = to->flagged;
        out[l].ratio = to->ratio;
        out[l].last = to->pos == n || it[to->pos].kind == IT_BREAK;
    }
    *lines = out;
    *count = nlines;
    if (total_demerits) *total_demerits = nodes.v[final].demerits;
    status = 0;
done:
    free(W);
    free(Y);
    free(Z);
    free(G);
    free(active);
    free(nodes.v);
    return status;
}

int bg_kp_break(const item *it, size_t n, double width, double tolerance, line_range **lines,
                size_t *count, double *total_demerits)
{
    return kp_break(it, n, width, tolerance, 0, lines, count, total_demerits);
}

int bg_kp_break_only(const item *it, size_t n, double width, double tolerance, unsigned flags,
                     line_range **lines, size_t *count)
{
    return kp_break(it, n, width, tolerance, flags, lines, count, NULL);
}
