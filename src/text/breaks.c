/* breaks.c - line-break opportunities: ICU's UAX #14 iterator, then
 * Korean keep-all (no break between two Hangul syllables, as browsers do for
 * word-break: keep-all; ICU 72 ignores ko@lw=keepall), the rules for
 * dashes, slashes and middle dots, URLs (The Chicago Manual of Style, 17th
 * ed., 6.17 and 14.18), spaces that join a Korean name or date, and the
 * costly break inside a long Korean word. */
#include <ctype.h>
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

/* A break after a dash inside a word: after an en dash between letters
 * or digits (Korea–Russia, 1990–2020) only as a last resort; after a
 * hyphen only when four characters or more stand on each side (not
 * Kyung-wha, Pre-summit; head-of-|government). */
static uint8_t dash_break(const UChar *u, int32_t n, int32_t p)
{
    UChar dash = u[p - 1];
    if (p < 2 || !u_isalnum(u[p - 2]) || !u_isalnum(u[p])) return BG_BREAK_FREE;
    if (dash == 0x2013) return BG_BREAK_LAST;
    if (dash == '-' || dash == 0x2010)
        return run_length(u, n, p - 1, -1) >= 4 && run_length(u, n, p, 1) >= 4 ? BG_BREAK_FREE
                                                                               : BG_BREAK_NONE;
    return BG_BREAK_FREE;
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
        if ((unsigned char)s[i] < 0x80) { /* ASCII: one unit */
            b->to_byte[n] = (int32_t)i;
            b->u16[n++] = (UChar)(unsigned char)s[i++];
            continue;
        }
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
        /* nor before an opening bracket or quote that follows Hangul, nor
         * after a closing one followed by Hangul: 협정(FTA), (FTA)를 */
        int8_t after_type = u_charType(after), before_type = u_charType(before);
        if (bg_is_hangul(before) &&
            (after_type == U_START_PUNCTUATION || after_type == U_INITIAL_PUNCTUATION))
            continue;
        if (bg_is_hangul(after) &&
            (before_type == U_END_PUNCTUATION || before_type == U_FINAL_PUNCTUATION))
            continue;
        uint8_t kind = dash_break(b->u16, n, p);
        if (kind == BG_BREAK_NONE) continue;
        /* 한·러, 정치·경제: a middle dot between words joins them */
        if (before == 0x00B7 && p >= 2 && u_isalnum(b->u16[p - 2]) && u_isalnum(after)) continue;
        if (after == 0x00B7 && p + 1 < (int32_t)n && u_isalnum(before) && u_isalnum(b->u16[p + 1]))
            continue;
        /* a code like KR-UZ/IGC/2019-07 breaks at its slashes last */
        if (before == '/' && p >= 2 && u_isalnum(b->u16[p - 2]) && u_isalnum(after))
            kind = BG_BREAK_LAST;
        ok[b->to_byte[p]] = kind;
    }
    return 0;
}

bool bg_is_letter(uint32_t cp)
{
    return u_isalpha((UChar32)cp) != 0;
}

/* Characters a URL breaks before (Chicago 6.17): the break leaves them
 * at the start of the next line, never a period or hyphen at a line end. */
static bool url_before(char c)
{
    return c != '\0' && strchr("/.,-_~#%?", c) != NULL;
}

static bool url_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

/* The kind of break before byte I of the URL T (I > 0): after "//" or a
 * colon; before / . , - _ ~ # % ?; before or after = and &. */
static uint8_t url_break(const char *t, size_t i)
{
    char c = t[i - 1], d = t[i];
    if ((d & 0xC0) == 0x80) return BG_BREAK_NONE; /* inside a character */
    if (c == '/' && d == '/') return BG_BREAK_NONE;
    if (c == '/' && i >= 2 && t[i - 2] == '/') return BG_BREAK_FREE; /* after // */
    if (c == ':' && d != '/') return BG_BREAK_FREE;
    if (c == ':' || url_before(c) || c == '=' || c == '&') {
        /* after = and & (not before a character that breaks before) */
        return (c == '=' || c == '&') && !url_before(d) && d != '=' && d != '&' ? BG_BREAK_FREE
                                                                                : BG_BREAK_NONE;
    }
    return url_before(d) || d == '=' || d == '&' ? BG_BREAK_FREE : BG_BREAK_NONE;
}

void bg_breaks_url(const char *t, size_t n, uint8_t *ok)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(t + i, "://", 3) != 0) continue;
        /* the URL: from its scheme's first letter to the next space */
        size_t a = i;
        while (a > 0 && (isalnum((unsigned char)t[a - 1]) || t[a - 1] == '+' || t[a - 1] == '.' ||
                         t[a - 1] == '-'))
            a--;
        size_t e = i + 3;
        while (e < n && !url_space(t[e]))
            e++;
        for (size_t k = a + 1; k < e; k++)
            ok[k] = (uint8_t)(BG_URL | (k > i + 2 ? url_break(t, k) : BG_BREAK_NONE));
        i = e;
    }
}

static size_t digits(const char *s, size_t at, size_t end)
{
    size_t k = at;
    while (k < end && isdigit((unsigned char)s[k]))
        k++;
    return k - at;
}

/* True when S[A..E) is a number of MIN to MAX digits then the bytes of TAIL. */
static bool number_then(const char *s, size_t a, size_t e, size_t min, size_t max, const char *tail)
{
    size_t d = digits(s, a, e), t = strlen(tail);
    return d >= min && d <= max && e - a >= d + t && memcmp(s + a + d, tail, t) == 0;
}

/* Korean family names of one syllable, as romanised (Statistics Korea's
 * most common surnames, in their usual spellings). */
static const char *const family_names[] = {
    "Ahn",   "An",    "Bae",  "Baek",  "Ban",  "Byun",  "Cha",  "Chae", "Chang", "Cho",  "Choe",
    "Choi",  "Chon",  "Chun", "Chung", "Do",   "Gang",  "Go",   "Ha",   "Han",   "Heo",  "Hong",
    "Hwang", "Hyun",  "Im",   "Jang",  "Jeon", "Jeong", "Jin",  "Jo",   "Ju",    "Jung", "Kang",
    "Ko",    "Kwak",  "Kwon", "Kim",   "Koo",  "Lee",   "Lim",  "Ma",   "Min",   "Moon", "Mun",
    "Na",    "Nam",   "Noh",  "Oh",    "Paik", "Pak",   "Park", "Rhee", "Ro",    "Roh",  "Ryu",
    "Seo",   "Seong", "Shin", "Sim",   "Sohn", "Son",   "Song", "Suh",  "Sung",  "Won",  "Woo",
    "Yang",  "Yi",    "Yim",  "Yoo",   "Yoon", "Yu",    "Yun"};

static bool family_name(const char *s, size_t a, size_t e)
{
    if (e - a < 2 || e - a > 5 || !isupper((unsigned char)s[a])) return false;
    for (size_t k = 0; k < sizeof family_names / sizeof *family_names; k++)
        if (family_names[k][0] == s[a] && strlen(family_names[k]) == e - a &&
            memcmp(family_names[k], s + a, e - a) == 0)
            return true;
    return false;
}

/* A romanised Korean given name: Jong-un, Young-sam, Jae-in. */
static bool given_name(const char *s, size_t a, size_t n)
{
    if (a >= n || !isupper((unsigned char)s[a])) return false;
    size_t k = a + 1;
    while (k < n && islower((unsigned char)s[k]))
        k++;
    if (k == a + 1 || k >= n || s[k] != '-') return false;
    size_t b = ++k;
    while (k < n && islower((unsigned char)s[k]))
        k++;
    return k > b && (k == n || !isalpha((unsigned char)s[k]));
}

bool bg_breaks_keep_space(const char *s, size_t n, size_t at)
{
    if (at == 0 || at + 1 >= n || s[at] != ' ') return false;
    /* (called at every space: most fail here) */
    if (!isupper((unsigned char)s[at + 1]) && !isdigit((unsigned char)s[at + 1])) return false;
    /* the words either side, as far as the rules look (8 bytes: 2019년) */
    enum { LOOK = 8 };
    size_t a = at, b = at + 1, e = b;
    while (a > 0 && at - a <= LOOK && s[a - 1] != ' ' && s[a - 1] != '\n')
        a--;
    if (at - a > LOOK) return false;
    while (e < n && e - b < LOOK && s[e] != ' ' && s[e] != '\n')
        e++;
    /* Kim Jong-un, Moon Jae-in */
    if (family_name(s, a, at) && given_name(s, b, n)) return true;
    /* 2019년 6월 29일 */
    if ((number_then(s, a, at, 1, 4, "\xEB\x85\x84") &&
         number_then(s, b, e, 1, 2, "\xEC\x9B\x94")) ||
        (number_then(s, a, at, 1, 2, "\xEC\x9B\x94") && number_then(s, b, e, 1, 2, "\xEC\x9D\xBC")))
        return true;
    /* 2019. 6. 29.: a year, then a month and day */
    if (!number_then(s, b, e, 1, 2, ".")) return false;
    if (number_then(s, a, at, 4, 4, ".") && at - a == 5) return true;
    if (!number_then(s, a, at, 1, 2, ".") || at - a > 3 || a < 2 || s[a - 1] != ' ') return false;
    size_t y = a - 1;
    while (y > 0 && a - 1 - y < 5 && s[y - 1] != ' ' && s[y - 1] != '\n')
        y--;
    return number_then(s, y, a - 1, 4, 4, ".") && a - 1 - y == 5 && (y == 0 || s[y - 1] == ' ');
}

bool bg_breaks_syllable_ok(uint32_t prev2, uint32_t prev, uint32_t cp, uint32_t next)
{
    return bg_is_hangul_syllable(prev2) && bg_is_hangul_syllable(prev) &&
           bg_is_hangul_syllable(cp) && bg_is_hangul_syllable(next);
}
