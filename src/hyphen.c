/* hyphen.c - English hyphenation points from libhyphen with Debian's
 * hyphen-en-us patterns (Liang's TeX patterns), at least two letters before
 * a break and three after, as TeX's \lefthyphenmin and \righthyphenmin. */
#include <ctype.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#include "briefgen/text.h"

#define PATTERNS "/usr/share/hyphen/hyph_en_US.dic"
#define MAX_WORD 64

struct bg_hyphenator {
    HyphenDict *dict;
};

bg_hyphenator *bg_hyphenator_new(void)
{
    const char *path = getenv("BRIEFGEN_HYPHEN_PATTERNS");
    HyphenDict *dict = hnj_hyphen_load(path && *path ? path : PATTERNS);
    if (!dict) return NULL;
    bg_hyphenator *h = malloc(sizeof *h);
    if (!h) {
        hnj_hyphen_free(dict);
        return NULL;
    }
    h->dict = dict;
    return h;
}

void bg_hyphenator_free(bg_hyphenator *h)
{
    if (!h) return;
    hnj_hyphen_free(h->dict);
    free(h);
}

int bg_hyphenate(bg_hyphenator *h, const char *word, size_t len, uint8_t *points)
{
    memset(points, 0, len);
    if (!h || len < 6 || len >= MAX_WORD) return 0;
    char lower[MAX_WORD];
    for (size_t i = 0; i < len; i++) {
        if (!isalpha((unsigned char)word[i])) return 0; /* ASCII letters only */
        lower[i] = (char)tolower((unsigned char)word[i]);
    }
    lower[len] = '\0';
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
    return found;
}
