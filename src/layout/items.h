/* items.h - a paragraph as Knuth and Plass's boxes, glue and penalties
 * (internal to linebreak.c and knuthplass.c). */
#ifndef BRIEFGEN_ITEMS_H
#define BRIEFGEN_ITEMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"
#include "layout/para.h"

typedef enum { IT_BOX, IT_GLUE, IT_PENALTY, IT_BREAK } item_kind;

/* Penalties at or above this are never a break. */
#define BG_PENALTY_INF 10000
/* A break taken only when nothing else fits: inside a word too wide for
 * the line, between the words of a name, at the slash of a code, after an
 * en dash between words. */
#define BG_PENALTY_LAST 5000
/* A paragraph's last line should hold two words or this share of the
 * measure (no runts). */
#define BG_RUNT_SHARE 0.15
/* The loosest a line of running text is set by choice (its spaces at twice
 * their stretch); looser only when no set of breaks fits otherwise. */
#define BG_BODY_STRETCH 2.0
/* A line the breaker chose looser than that (no other set of breaks
 * exists: the line before a name or date kept whole) has its spaces set at
 * the limit and the rest spread over the gaps between its letters, up to
 * this much of an em a gap (as microtype's tracking and InDesign's letter
 * spacing do), and only then beyond the limit. 0.02 em (0.2 pt at 10 pt)
 * is a fifth of the gap at which a reader takes two letters for two words
 * (poppler's TextOutputDev starts a new word past 0.1 of the size), and of
 * the order of microtype's default font expansion (glyphs up to 2% wider,
 * about 0.01 em a letter): enough for a line at 2.6 times its spaces'
 * stretch, not enough to show as spaced letters. */
#define BG_TRACK_MAX 0.02
/* A paragraph that would otherwise end on a runt may have lines closed up
 * past their spaces' shrink, the rest taken from the gaps between their
 * letters, up to this much of an em a gap (microtype's default font
 * expansion lets glyphs shrink by 2%, about 0.01 em a letter; tightening
 * shows more than spacing, so half of BG_TRACK_MAX). */
#define BG_TRACK_SHRINK 0.01
/* The widest gap set between two syllables of a Korean word, in em:
 * under the 0.1 em at which poppler's TextOutputDev starts a new word, so
 * that search, copying and screen readers read the word whole. What a
 * loose line's syllables would take past it goes to its spaces, as Korean
 * justification prefers (Korean text is justified at its word spaces:
 * CSS Text Module Level 3, text-justify; W3C, Requirements for Hangul
 * Text Layout and Typography), up to BG_SYLLABLE_SPACES times their
 * stretch; only then do the syllables take more. */
#define BG_SYLLABLE_GAP 0.09
#define BG_SYLLABLE_SPACES 6.0

typedef struct item {
    item_kind kind;
    size_t start, len; /* bytes of the paragraph buffer */
    bg_font_ref font;
    uint8_t role, variant; /* the style the font was looked up in */
    double size;
    uint32_t color;
    const char *uri;
    int anchor;     /* see bg_inline */
    double width;   /* box, glue; for a flagged penalty the hyphen's width */
    double stretch; /* glue */
    double shrink;  /* glue */
    int penalty;    /* penalty items: cost of breaking here */
    bool flagged;   /* a hyphenation point: breaking adds a hyphen */
    bool nobreak;   /* a no-break space: glue that is no break opportunity */
    bool syllable;  /* glue between two Hangul syllables of a word */
    double hang;    /* at a break: how far the line ending there hangs into
                     * the margin (its hyphen or final stop, linebreak.c) */
} item;

typedef struct line_range {
    size_t first, end; /* items [first, end) */
    bool last;         /* last line or ended by a forced break: not justified */
    bool hyphen;       /* ends at a hyphenation point */
    double ratio;      /* adjustment ratio of its glue (Knuth-Plass), 0 when ragged */
} line_range;

typedef struct span {
    size_t start, end;
    unsigned flags;
    const char *uri;
    int anchor;
} span;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

/* Appends X (passes that cut items rebuild the vector rather than insert
 * into its middle); 0 or -1 out of memory. */
int bg_items_push(items *it, item x);
/* A paragraph's runs cleaned into one text, with the break opportunities
 * its items are cut at. */
typedef struct para_text {
    char *buf;
    size_t len;
    span *spans; /* one per run, in order */
    size_t nspans;
    uint8_t *ok;  /* OK[i]: a break may come before byte i (window by window) */
    uint8_t *url; /* inside URLs, BG_URL and their own break kinds (bg_breaks_url) */
} para_text;

/* RUNS cleaned into PT, in ARENA (the characters no font has reported
 * once). */
int bg_items_text(bg_textctx *ctx, bg_arena *arena, const bg_inline *runs, size_t n,
                  const bg_para_style *style, para_text *pt);
/* Bytes FROM to TO of PT (a paragraph, or a window of a long one) cut into
 * items (IT, heap; offsets into PT's text); a word the window starts in
 * carries on from the text before FROM. */
int bg_items_window(bg_textctx *ctx, para_text *pt, const bg_para_style *style, size_t from,
                    size_t to, items *it);
/* Which words bg_items_hyphenate breaks: every word but the paragraph's
 * last, that word alone, or every box of letters, a compound's parts
 * (Denuclearization-related) too, for ragged text whose word is wider
 * than its measure. */
typedef enum { BG_HYPH_BUT_LAST, BG_HYPH_LAST, BG_HYPH_ALL } bg_hyph_which;
/* Hyphenation points of English words as flagged penalties (rebuilds IT),
 * of the words WHICH says. */
int bg_items_hyphenate(bg_textctx *ctx, const char *buf, items *it, bg_hyph_which which);
/* Boxes wider than WIDTH split into characters with costly breaks between,
 * and names wider than WIDTH breakable (at a cost) at their no-break spaces. */
int bg_items_split_wide(bg_textctx *ctx, const char *buf, items *it, double width);

/* Knuth-Plass 1981 total-fit breaking of N items into lines WIDTH wide,
 * with adjustment ratios up to TOLERANCE. Returns 0 with the lines (heap,
 * free() them), 1 when no set of breaks is feasible, -1 out of memory. */
int bg_kp_break(const item *items, size_t n, double width, double tolerance, line_range **lines,
                size_t *count, double *total_demerits);
/* The same among the sets FLAGS allow: with BG_KP_NO_RUNT none whose last
 * line is a runt (one word narrower than BG_RUNT_SHARE of WIDTH, after
 * another line), with BG_KP_NO_COSTLY none that breaks at a costly penalty
 * (one that is no hyphenation point: inside a Korean word, a last resort).
 * 1 when no such set is feasible. */
#define BG_KP_NO_RUNT 1u
#define BG_KP_NO_COSTLY 2u
int bg_kp_break_only(const item *items, size_t n, double width, double tolerance, unsigned flags,
                     line_range **lines, size_t *count);

#endif
