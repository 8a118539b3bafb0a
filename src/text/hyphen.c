/* hyphen.c - English hyphenation points from libhyphen with Debian's
 * hyphen-en-us patterns (Liang's TeX patterns), at least two letters before
 * a break and three after, as TeX's \lefthyphenmin and \righthyphenmin.
 * The patterns load on a thread of their own while fonts and layout start:
 * libhyphen needs ~12 ms for them, a quarter of a small brief's render. */
#include <ctype.h>
#include <stdbool.h>
#include <hyphen.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define PATTERNS "/usr/share/hyphen/hyph_en_US.dic"
#define MAX_WORD 64

/* Words recur: their points are kept, a bit per letter. */
typedef struct cached_word {
    char word[MAX_WORD];
    uint64_t points;
    bool used;
} cached_word;

#define CACHE_SLOTS 8192

struct bg_hyphenator;
static bool patterns_ready_or_loading(const struct bg_hyphenator *h);

struct bg_hyphenator {
    HyphenDict *dict;
    cached_word *cache;
    pthread_t loader; /* loading the patterns takes ~12 ms: done beside the layout */
    bool loading;
    char path[4096];
};

static void *load_patterns(void *arg)
{
    bg_hyphenator *h = arg;
    h->dict = hnj_hyphen_load(h->path);
    return NULL;
}

/* The patterns, once the loader has finished. */
static HyphenDict *patterns(bg_hyphenator *h)
{
    if (h->loading) {
        pthread_join(h->loader, NULL);
        h->loading = false;
    }
    return h->dict;
}

static bool patterns_ready_or_loading(const bg_hyphenator *h)
{
    return h->loading || h->dict;
}

bg_hyphenator *bg_hyphenator_new(void)
{
    const char *path = getenv("BRIEFGEN_HYPHEN_PATTERNS");
    if (!path || !*path) path = PATTERNS;
    if (access(path, R_OK) != 0) return NULL;
    bg_hyphenator *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    snprintf(h->path, sizeof h->path, "%s", path);
    h->cache = calloc(CACHE_SLOTS, sizeof *h->cache);
    /* the loader starts with every signal blocked: handlers (the command
     * line's, which remove temporary files) run on the rendering thread */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    h->loading = pthread_create(&h->loader, NULL, load_patterns, h) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!h->loading) h->dict = hnj_hyphen_load(h->path);
    if (!patterns_ready_or_loading(h)) {
        bg_hyphenator_free(h);
        return NULL;
    }
    return h;
}

void bg_hyphenator_free(bg_hyphenator *h)
{
    if (!h) return;
    if (patterns(h)) hnj_hyphen_free(h->dict);
    free(h->cache);
    free(h);
}

int bg_hyphenate(bg_hyphenator *h, const char *word, size_t len, uint8_t *points)
{
    memset(points, 0, len);
    if (!h || len < 6 || len >= MAX_WORD) return 0;
    if (!patterns(h)) return 0;
    char lower[MAX_WORD];
    for (size_t i = 0; i < len; i++) {
        if (!isalpha((unsigned char)word[i])) return 0; /* ASCII letters only */
        lower[i] = (char)tolower((unsigned char)word[i]);
    }
    lower[len] = '\0';
    uint64_t hash = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ (unsigned char)lower[i]) * 1099511628211ull;
    cached_word *slot = h->cache ? &h->cache[hash & (CACHE_SLOTS - 1)] : NULL;
    if (slot && slot->used && strcmp(slot->word, lower) == 0) {
        int found = 0;
        for (size_t i = 0; i < len; i++)
            if (slot->points >> i & 1) {
                points[i] = 1;
                found++;
            }
        return found;
    }
    char hyphens[MAX_WORD + 5], hyphword[MAX_WORD * 3];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int found = 0;
    if (hnj_hyphen_hyphenate3(h->dict, lower, (int)len, hyphens, hyphword, &rep, &pos, &cut, 2, 3,
                              2, 3) == 0) {
        for (size_t i = 0; i + 1 < len; i++)
            if (hyphens[i] & 1) {
                points[i] = 1;
                found++;
            }
    }
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    if (slot) {
        memcpy(slot->word, lower, len + 1);
        slot->points = 0;
        for (size_t i = 0; i < len; i++)
            if (points[i]) slot->points |= (uint64_t)1 << i;
        slot->used = true;
    }
    return found;
}
