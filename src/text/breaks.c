/* breaks.c - line-break opportunities: ICU's UAX #14 iterator, then
 * Korean keep-all (no break between two Hangul syllables, as browsers do for
 * word-break: keep-all; ICU 72 ignores ko@lw=keepall), the rules for
 * dashes and middle dots, URLs, and the
 * costly break inside a long Korean word. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "text/text.h"
#include "base/util.h"

struct bg_breaker {
    UBreakIterator *it;
    UChar *u16;
    int32_t *to_byte; /* UTF-16 index -> byte offset */
    size_t cap;
};

bool bg_is_hangul_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

bool bg_is_hangul(uint32_t cp)
{
    return bg_is_hangul_syllable(cp) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xD7B0 && cp <= 0xD7FF);
}

/* Letters and digits next to position P, going back (DIR -1) or on;
 * going back, earlier parts of a compound count too (head-of-). */
static int32_t run_length(const UChar *u, int32_t n, int32_t p, int dir)
{
    int32_t count = 0;
    for (int32_t i = dir < 0 ? p - 1 : p;
         i >= 0 && i < n && (u_isalnum(u[i]) || (dir < 0 && u[i] == '-')); i += dir)
        count++;
    return count;
}

/* A break after a dash inside a word: never after an en dash between
 * letters or digits (Korea–Russia, 1990–2020); after a hyphen only when
 * four characters or more stand on each side (not Kyung-wha, Pre-summit;
 * head-of-|government). */
static bool dash_break_ok(const UChar *u, int32_t n, int32_t p)
{
    UChar dash = u[p - 1];
    if (p < 2 || !u_isalnum(u[p - 2]) || !u_isalnum(u[p])) return true;
    if (dash == 0x2013) return false;
    if (dash == '-' || dash == 0x2010)
        return run_length(u, n, p - 1, -1) >= 4 && run_length(u, n, p, 1) >= 4;
    return true;
}

bg_breaker *bg_breaker_new(void)
{
    bg_breaker *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    b->it = ubrk_open(UBRK_LINE, "en", NULL, 0, &status);
    if (U_FAILURE(status)) {
        free(b);
        return NULL;
    }
    return b;
}

void bg_breaker_free(bg_breaker *b)
{
    if (!b) return;
    ubrk_close(b->it);
    free(b->u16);
    free(b->to_byte);
    free(b);
}

int bg_breaks_find(bg_breaker *b, const char *s, size_t len, uint8_t *ok)
{
    memset(ok, 0, len + 1);
    if (len == 0) return 0;
    if (len + 1 > b->cap) {
        size_t cap = (len + 1) * 2;
        UChar *u16 = realloc(b->u16, cap * sizeof *u16);
        if (u16) b->u16 = u16;
        int32_t *map = realloc(b->to_byte, cap * sizeof *map);
        if (map) b->to_byte = map;
        if (!u16 || !map) return -1;
        b->cap = cap;
    }
    /* UTF-8 -> UTF-16 by hand, keeping the byte offset of every unit */
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = bg_utf8_decode(s + i, &cp);
        if (cp >= 0x10000) {
            b->to_byte[n] = (int32_t)i;
            b->u16[n++] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
            b->to_byte[n] = (int32_t)i;
            b->u16[n++] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            b->to_byte[n] = (int32_t)i;
            b->u16[n++] = (UChar)cp;
        }
        i += k;
    }
    b->to_byte[n] = (int32_t)len;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(b->it, b->u16, (int32_t)n, &status);
    if (U_FAILURE(status)) return -1;
    for (int32_t p = ubrk_next(b->it); p != UBRK_DONE; p = ubrk_next(b->it)) {
        if (p <= 0 || p >= (int32_t)n) continue;
        /* keep-all (CSS word-break): no break between letters or digits
         * when one side is Hangul, so 정상회담에서 and 6월 stay whole */
        UChar before = b->u16[p - 1], after = b->u16[p];
        bool hangul = bg_is_hangul(before) || bg_is_hangul(after);
        if (hangul && u_isalnum(before) && u_isalnum(after)) continue;
        if (!dash_break_ok(b->u16, n, p)) continue;
        /* 한·러, 정치·경제: a middle dot between words joins them */
        if (before == 0x00B7 && p >= 2 && u_isalnum(b->u16[p - 2]) && u_isalnum(after)) continue;
        if (after == 0x00B7 && p + 1 < (int32_t)n && u_isalnum(before) && u_isalnum(b->u16[p + 1]))
            continue;
        ok[b->to_byte[p]] = 1;
    }
    return 0;
}

bool bg_is_letter(uint32_t cp)
{
    return u_isalpha((UChar32)cp) != 0;
}

void bg_breaks_url(const char *t, size_t n, uint8_t *ok)
{
    const char *scheme = NULL;
    for (size_t i = 0; i + 3 <= n && !scheme; i++)
        if (memcmp(t + i, "://", 3) == 0) scheme = t + i + 3;
    if (!scheme) return;
    for (size_t i = (size_t)(scheme - t) + 1; i < n; i++)
        if (strchr("/.-?&=", t[i - 1]) && !strchr("/.-?&=", t[i])) ok[i] = 1;
}

bool bg_breaks_syllable_ok(uint32_t prev2, uint32_t prev, uint32_t cp, uint32_t next)
{
    return bg_is_hangul_syllable(prev2) && bg_is_hangul_syllable(prev) &&
           bg_is_hangul_syllable(cp) && bg_is_hangul_syllable(next);
}
