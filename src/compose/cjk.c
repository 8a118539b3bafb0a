/* cjk.c - Markdown parsed by cmark, with emphasis next to Chinese,
 * Japanese and Korean characters (docs/formats.md#markdown).
 *
 * CommonMark decides whether a run of '*' or '_' can open or close
 * emphasis from the characters on either side (spec 0.30, section 6.2,
 * "left-flanking" and "right-flanking"). A closing run after punctuation
 * must be followed by whitespace or punctuation, so in Korean, where a
 * particle follows the word directly, `**"비핵화"**를` keeps its asterisks
 * (commonmark-spec issue 650). The proposal of commonmark-spec pull request
 * 839 (markdown-it-cjk-friendly implements it) counts a CJK character like
 * whitespace or punctuation on the far side of such a run. cmark has no
 * hook for the rule, so this is a pass over cmark's tree: the runs cmark
 * left as text are given their flanking under that rule, and CommonMark's
 * algorithm for emphasis (section 6.2, "process emphasis") pairs them
 * again — but a pair is made only when one of its two runs can open or
 * close by the CJK rule alone, so text with no CJK character next to a
 * delimiter is never changed.
 *
 * Escaped delimiters (`\*`, `\_`) reach the tree as plain characters; they
 * are replaced before parsing by two characters of Supplemental
 * Punctuation (punctuation too, so every flanking cmark computes stays the
 * same) and put back afterwards. A source that already holds one of them
 * is parsed as cmark parses it. */
#include <cmark.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "compose/blocks.h"

/* U+2E3A TWO-EM DASH and U+2E3B THREE-EM DASH stand for \* and \_ */
static const char star_mark[] = "\xE2\xB8\xBA", under_mark[] = "\xE2\xB8\xBB";

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* ASCII punctuation and the Unicode punctuation blocks that matter next
 * to emphasis; the rest of Unicode's P categories are rare there. */
static bool is_punct(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7E);
    return c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB ||
           c == 0xBF || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
           (c >= 0x2E00 && c <= 0x2E4F) || (c >= 0x3001 && c <= 0x3003) ||
           (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301F) || c == 0x30FB ||
           (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

static bool is_cjk(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x2FFF) ||
           (c >= 0x3001 && c <= 0x30FF) || (c >= 0x3100 && c <= 0x31FF) ||
           (c >= 0x3200 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x1B000 && c <= 0x1B16F) ||
           (c >= 0x20000 && c <= 0x3134F);
}

/* The code point ending before S + AT (UTF-8); ' ' at the start. */
static uint32_t before(const char *s, size_t at)
{
    if (at == 0) return ' ';
    size_t i = at - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp;
    bg_utf8_decode(s + i, &cp);
    return cp;
}

/* --- escapes ------------------------------------------------------------ */

/* MARKDOWN with \* and \_ as the marks, in a new string; NULL when it
 * holds a mark already (or without memory). */
static char *hide_escapes(const char *markdown, size_t len, size_t *out_len)
{
    if (strstr(markdown, star_mark) || strstr(markdown, under_mark)) return NULL;
    char *out = malloc(len + len / 2 + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (markdown[i] == '\\' && i + 1 < len && markdown[i + 1] == '\\') { /* a backslash */
            out[o++] = markdown[i++];
            out[o++] = markdown[i];
            continue;
        }
        if (markdown[i] == '\\' && i + 1 < len &&
            (markdown[i + 1] == '*' || markdown[i + 1] == '_')) {
            memcpy(out + o, markdown[i + 1] == '*' ? star_mark : under_mark, 3);
            o += 3;
            i++;
            continue;
        }
        out[o++] = markdown[i];
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* S with each mark as "*" / "_" (ESCAPED: "\*" / "\_"); NULL when S holds
 * none. */
static char *show_escapes(const char *s, bool escaped)
{
    if (!s || (!strstr(s, star_mark) && !strstr(s, under_mark))) return NULL;
    size_t len = strlen(s);
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        bool star = strncmp(s + i, star_mark, 3) == 0, under = strncmp(s + i, under_mark, 3) == 0;
        if (star || under) {
            if (escaped) out[o++] = '\\';
            out[o++] = star ? '*' : '_';
            i += 3;
        } else {
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
    return out;
}

static void restore(cmark_node *node)
{
    cmark_node_type t = cmark_node_get_type(node);
    bool raw = t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_INLINE ||
               t == CMARK_NODE_HTML_BLOCK;
    if (t == CMARK_NODE_TEXT || raw) {
        char *s = show_escapes(cmark_node_get_literal(node), raw);
        if (s) cmark_node_set_literal(node, s);
        free(s);
    } else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
        /* an autolink (<https://x\*y>) takes no escapes: its text, the
         * same as its destination, keeps the backslash there too */
        cmark_node *child = cmark_node_first_child(node);
        const char *url_now = cmark_node_get_url(node);
        bool autolink = t == CMARK_NODE_LINK && child && !cmark_node_next(child) &&
                        cmark_node_get_type(child) == CMARK_NODE_TEXT && url_now &&
                        cmark_node_get_literal(child) &&
                        strcmp(cmark_node_get_literal(child), url_now) == 0;
        if (autolink) {
            char *text = show_escapes(cmark_node_get_literal(child), true);
            if (text) cmark_node_set_literal(child, text);
            free(text);
        }
        char *url = show_escapes(url_now, autolink);
        char *title = show_escapes(cmark_node_get_title(node), false);
        if (url) cmark_node_set_url(node, url);
        if (title) cmark_node_set_title(node, title);
        free(url);
        free(title);
    }
}

/* --- the pass over the tree --------------------------------------------- */

/* A run of delimiters left as text: its own text node once split. */
typedef struct run {
    cmark_node *node;
    char ch;
    size_t len, orig_len;
    bool can_open, can_close;
    bool fresh; /* can open or close by the CJK rule alone */
} run;

typedef struct runs {
    run *items;
    size_t count, cap;
} runs;

/* The last character of NODE's text (' ' for a break, 'a' for other
 * inlines: a letter, neither space nor punctuation). */
static uint32_t edge_char(cmark_node *node, bool last)
{
    for (cmark_node *n = node; n;) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) return ' ';
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            const char *s = cmark_node_get_literal(n);
            if (!s || !*s) return 'a';
            if (last) return before(s, strlen(s));
            uint32_t cp;
            bg_utf8_decode(s, &cp);
            return cp;
        }
        cmark_node *child = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
        if (!child) return 'a';
        n = child;
    }
    return ' ';
}

/* Flanking of a run between PREV and NEXT (spec 6.2), with CJK counting
 * as in pull request 839 when CJK is true. */
static void flanking(uint32_t prev, uint32_t next, bool cjk, bool *left, bool *right)
{
    bool ps = is_space(prev), ns = is_space(next), pp = is_punct(prev), np = is_punct(next);
    bool pc = cjk && is_cjk(prev), nc = cjk && is_cjk(next);
    *left = !ns && (!np || ps || pp || pc);
    *right = !ps && (!pp || ns || np || nc);
}

static void open_close(char ch, uint32_t prev, uint32_t next, bool cjk, bool *open, bool *close)
{
    bool left, right;
    flanking(prev, next, cjk, &left, &right);
    if (ch == '*') {
        *open = left;
        *close = right;
    } else { /* '_' inside a word neither opens nor closes */
        *open = left && (!right || is_punct(prev));
        *close = right && (!left || is_punct(next));
    }
}

static int runs_add(runs *r, const run *item)
{
    run *grown = bg_grow(r->items, r->count, &r->cap, sizeof *r->items, 16);
    if (!grown) return -1;
    r->items = grown;
    r->items[r->count++] = *item;
    return 0;
}

/* Splits the text node N of PARENT's children so that each delimiter run
 * is a node of its own, adding the runs to R. */
static int split_text(cmark_node *n, runs *r, bool apply, bool *fresh)
{
    const char *s = cmark_node_get_literal(n);
    if (!s || (!strchr(s, '*') && !strchr(s, '_'))) return 0;
    size_t len = strlen(s);
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, s, len + 1);
    uint32_t outer_prev = cmark_node_previous(n) ? edge_char(cmark_node_previous(n), true) : ' ';
    uint32_t outer_next = cmark_node_next(n) ? edge_char(cmark_node_next(n), false) : ' ';
    size_t start = 0;
    int status = 0;
    for (size_t i = 0; i < len && status == 0;) {
        if (copy[i] != '*' && copy[i] != '_') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && copy[j] == copy[i])
            j++;
        uint32_t prev = i ? before(copy, i) : outer_prev, next = ' ';
        if (j < len)
            bg_utf8_decode(copy + j, &next);
        else
            next = outer_next;
        run item = {NULL, copy[i], j - i, j - i, false, false, false};
        bool so, sc;
        open_close(item.ch, prev, next, false, &so, &sc);
        open_close(item.ch, prev, next, true, &item.can_open, &item.can_close);
        item.fresh = (item.can_open && !so) || (item.can_close && !sc);
        *fresh = *fresh || item.fresh;
        if (apply && (item.fresh || item.can_open || item.can_close)) {
            /* text before, then the run, as nodes before N */
            if (i > start) {
                cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
                char keep = copy[i];
                copy[i] = '\0';
                if (!t || !cmark_node_set_literal(t, copy + start) ||
                    !cmark_node_insert_before(n, t))
                    status = -1;
                copy[i] = keep;
            }
            cmark_node *d = cmark_node_new(CMARK_NODE_TEXT);
            char keep = copy[j];
            copy[j] = '\0';
            if (!d || !cmark_node_set_literal(d, copy + i) || !cmark_node_insert_before(n, d))
                status = -1;
            copy[j] = keep;
            item.node = d;
            if (status == 0) status = runs_add(r, &item);
            start = j;
        }
        i = j;
    }
    if (status == 0 && start > 0) { /* N keeps the text after the last run */
        if (start < len)
            cmark_node_set_literal(n, copy + start);
        else
            cmark_node_free(n);
    }
    free(copy);
    return status;
}

/* Takes USE delimiters off the run R (from its end for an opener, from its
 * start for a closer: the same characters either way). */
static void run_shorten(run *r, size_t use)
{
    r->len -= use;
    if (r->len == 0) {
        cmark_node_free(r->node);
        r->node = NULL;
        return;
    }
    char buf[64];
    size_t n = r->len < sizeof buf - 1 ? r->len : sizeof buf - 1;
    memset(buf, r->ch, n);
    buf[n] = '\0';
    cmark_node_set_literal(r->node, buf);
}

/* CommonMark's emphasis algorithm over the runs of one sibling list,
 * making only pairs with a fresh run. */
static void pair_runs(runs *r)
{
    size_t *stack = malloc((r->count + 1) * sizeof *stack);
    if (!stack) return;
    size_t top = 0;
    for (size_t c = 0; c < r->count; c++) {
        run *closer = &r->items[c];
        while (closer->can_close && closer->len > 0) {
            size_t k = top;
            run *opener = NULL;
            while (k > 0) {
                run *o = &r->items[stack[k - 1]];
                bool odd = (o->can_close || closer->can_open) &&
                           (o->orig_len + closer->orig_len) % 3 == 0 &&
                           !(o->orig_len % 3 == 0 && closer->orig_len % 3 == 0);
                if (o->len > 0 && o->ch == closer->ch && !odd && (o->fresh || closer->fresh)) {
                    opener = o;
                    break;
                }
                k--;
            }
            if (!opener) break;
            size_t use = opener->len >= 2 && closer->len >= 2 ? 2 : 1;
            cmark_node *em = cmark_node_new(use == 2 ? CMARK_NODE_STRONG : CMARK_NODE_EMPH);
            if (!em) break;
            for (cmark_node *n = cmark_node_next(opener->node); n && n != closer->node;) {
                cmark_node *next = cmark_node_next(n);
                cmark_node_append_child(em, n);
                n = next;
            }
            cmark_node_insert_after(opener->node, em);
            top = k; /* the runs between opener and closer can pair no more */
            run_shorten(opener, use);
            run_shorten(closer, use);
            if (opener->len == 0) top--;
        }
        if (closer->len > 0 && closer->can_open) stack[top++] = c;
    }
    free(stack);
}

static bool has_inlines(cmark_node_type t)
{
    return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_EMPH ||
           t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE;
}

/* The runs of PARENT's children paired under the CJK rule. */
static void cjk_emphasis(cmark_node *parent)
{
    runs r = {NULL, 0, 0};
    bool fresh = false;
    /* first a look: a list of inlines with no run the CJK rule frees is
     * left exactly as cmark made it */
    for (cmark_node *n = cmark_node_first_child(parent); n && !fresh; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_TEXT && split_text(n, &r, false, &fresh) != 0)
            return;
    if (!fresh) return;
    for (cmark_node *n = cmark_node_first_child(parent); n;) {
        cmark_node *next = cmark_node_next(n);
        if (cmark_node_get_type(n) == CMARK_NODE_TEXT && split_text(n, &r, true, &fresh) != 0)
            break;
        n = next;
    }
    pair_runs(&r);
    free(r.items);
}

cmark_node *bg_markdown_parse(const char *markdown, size_t len, int options)
{
    size_t hidden_len = 0;
    char *hidden = hide_escapes(markdown, len, &hidden_len);
    cmark_node *doc = hidden ? cmark_parse_document(hidden, hidden_len, options)
                             : cmark_parse_document(markdown, len, options);
    free(hidden);
    if (!doc || !hidden) return doc;
    /* the nodes first (the tree changes below), then each list of inlines */
    cmark_node **parents = NULL;
    size_t count = 0, cap = 0;
    cmark_iter *iter = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (ev != CMARK_EVENT_ENTER) continue;
        if (has_inlines(cmark_node_get_type(node))) {
            cmark_node **grown = bg_grow(parents, count, &cap, sizeof *parents, 16);
            if (grown) {
                parents = grown;
                parents[count++] = node;
            }
        }
    }
    cmark_iter_free(iter);
    for (size_t i = 0; i < count; i++)
        cjk_emphasis(parents[i]);
    free(parents);
    /* the escaped delimiters back, now that no pass can take them */
    iter = cmark_iter_new(doc);
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER) restore(cmark_iter_get_node(iter));
    cmark_iter_free(iter);
    return doc;
}
