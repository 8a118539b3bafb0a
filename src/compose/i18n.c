/* i18n.c - fixed strings and dates in English and Korean (docs/formats.md#briefs). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "load/load.h"
#include "compose/i18n.h"

static const char *const en[BG_STR_COUNT] = {
    "Contents", "Summary",        "Talking points", "Chronology", "Annex",
    "Sources",  "Themes covered", "Date",           "Event",      "Kind",
    "Place",    "Participants",   "Themes",         "Years ago"};
static const char *const ko[BG_STR_COUNT] = {"목차", "요약",        "말씀자료", "주요 일지", "부록",
                                             "출처", "다루는 주제", "날짜",     "사건",      "유형",
                                             "장소", "참석자",      "주제",     "경과 연수"};

const char *bg_string(bg_language lang, bg_str id)
{
    if ((unsigned)id >= BG_STR_COUNT) return "";
    return lang == BG_LANG_KO ? ko[id] : en[id];
}

const char *bg_kind_label(bg_language lang, bg_kind kind)
{
    static const char *const en_kinds[BG_KIND_COUNT] = {"Summit",    "Phone call", "Meeting",
                                                        "Visit",     "Dialogue",   "Agreement",
                                                        "Interview", "Statement",  "Other"};
    static const char *const ko_kinds[BG_KIND_COUNT] = {
        "정상회담", "전화통화", "회담", "방문", "대화", "합의", "인터뷰", "성명", "기타"};
    if ((unsigned)kind >= BG_KIND_COUNT) kind = BG_KIND_OTHER;
    return lang == BG_LANG_KO ? ko_kinds[kind] : en_kinds[kind];
}

int bg_weekday(bg_date d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = d.year - (d.month < 3);
    return (y + y / 4 - y / 100 + y / 400 + t[d.month - 1] + d.day) % 7;
}

char *bg_date_text(bg_language lang, bg_date d, char *buf, size_t size)
{
    return bg_date_text_opt(lang, d, true, buf, size);
}

char *bg_date_text_opt(bg_language lang, bg_date d, bool weekday, char *buf, size_t size)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    static const char *const days_ko[] = {"일", "월", "화", "수", "목", "금", "토"};
    if (lang == BG_LANG_KO) {
        if (d.month == 0)
            snprintf(buf, size, "%d.", d.year);
        else if (d.day == 0) /* no-break spaces: a date never splits across lines */
            snprintf(buf, size, "%d.\u00A0%d.", d.year, d.month);
        else if (weekday)
            snprintf(buf, size, "%d.\u00A0%d.\u00A0%d.(%s)", d.year, d.month, d.day,
                     days_ko[bg_weekday(d)]);
        else
            snprintf(buf, size, "%d.\u00A0%d.\u00A0%d.", d.year, d.month, d.day);
    } else {
        if (d.month == 0)
            snprintf(buf, size, "%d", d.year);
        else if (d.day == 0)
            snprintf(buf, size, "%s\u00A0%d", months[d.month - 1], d.year);
        else
            snprintf(buf, size, "%d\u00A0%s\u00A0%d", d.day, months[d.month - 1], d.year);
    }
    return buf;
}

char *bg_span_text(bg_language lang, bg_date from, bg_date to, char *buf, size_t size)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    char a[64], b[64];
    bool full = from.day && to.day;
    if (bg_date_compare(from, to) >= 0) return bg_date_text_opt(lang, from, false, buf, size);
    if (lang == BG_LANG_KO) {
        bg_date_text_opt(lang, from, false, a, sizeof a);
        if (full && from.year == to.year && from.month == to.month)
            snprintf(buf, size, "%s~%d.", a, to.day);
        else if (full && from.year == to.year) /* 2018. 5. 30.~6. 2. */
            snprintf(buf, size, "%s~%d. %d.", a, to.month, to.day);
        else
            snprintf(buf, size, "%s~%s", a, bg_date_text_opt(lang, to, false, b, sizeof b));
        return buf;
    }
    if (full && from.year == to.year && from.month == to.month)
        snprintf(buf, size, "%d–%d\u00A0%s\u00A0%d", from.day, to.day, months[to.month - 1],
                 to.year);
    else if (full && from.year == to.year)
        snprintf(buf, size, "%d\u00A0%s – %d\u00A0%s\u00A0%d", from.day, months[from.month - 1],
                 to.day, months[to.month - 1], to.year);
    else
        snprintf(buf, size, "%s – %s", bg_date_text_opt(lang, from, false, a, sizeof a),
                 bg_date_text_opt(lang, to, false, b, sizeof b));
    return buf;
}

char *bg_range_text(bg_language lang, size_t events, bg_date first, bg_date last, char *buf,
                    size_t size)
{
    char a[64], b[64];
    bg_date_text_opt(lang, first, false, a, sizeof a);
    bg_date_text_opt(lang, last, false, b, sizeof b);
    if (bg_date_compare(first, last) == 0) { /* (one day: no range) */
        if (lang == BG_LANG_KO)
            snprintf(buf, size, "사건 %zu건, %s", events, a);
        else
            snprintf(buf, size, "%zu event%s, %s", events, events == 1 ? "" : "s", a);
        return buf;
    }
    if (lang == BG_LANG_KO)
        snprintf(buf, size, "사건 %zu건, %s~%s", events, a, b); /* one mark for ranges */
    else
        snprintf(buf, size, "%zu event%s, %s – %s", events, events == 1 ? "" : "s", a, b);
    return buf;
}

char *bg_page_ref_text(bg_language lang, int page, char *buf, size_t size)
{
    if (lang == BG_LANG_KO)
        snprintf(buf, size, "%d쪽", page);
    else
        snprintf(buf, size, "p.\u00A0%d", page);
    return buf;
}

char *bg_page_text(bg_language lang, int page, int total, char *buf, size_t size)
{
    if (lang == BG_LANG_KO)
        snprintf(buf, size, "%d / %d", page, total);
    else
        snprintf(buf, size, "Page %d of %d", page, total);
    return buf;
}

bool bg_ends_sentence(const char *text)
{
    size_t n = text ? strlen(text) : 0;
    while (n > 0) {
        const unsigned char *t = (const unsigned char *)text;
        size_t start = n - 1;
        while (start > 0 && (t[start] & 0xC0) == 0x80)
            start--;
        uint32_t cp;
        bg_utf8_decode(text + start, &cp);
        /* past spaces and closing quotes and brackets: "Jeju?" ends one */
        if (cp == ' ' || cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
            cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0x3009 || cp == 0x300B) {
            n = start;
            continue;
        }
        return cp == '.' || cp == '?' || cp == '!' || cp == 0x2026 || cp == 0x3002 ||
               cp == 0xFF1F || cp == 0xFF01 || cp == 0xFF0E;
    }
    return false;
}

const char *bg_smart_quotes(bg_arena *arena, const char *text)
{
    if (!text || (!strchr(text, '"') && !strchr(text, '\''))) return text;
    size_t n = strlen(text);
    char *out = bg_arena_alloc(arena, n * 3 + 1);
    if (!out) return text;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c != '"' && c != '\'') {
            out[o++] = c;
            continue;
        }
        /* opening after the start, a space or an opening bracket */
        char before = i ? text[i - 1] : ' ';
        bool opening = before == ' ' || before == '(' || before == '[' || before == '\n';
        const char *q =
            c == '"' ? (opening ? "\u201C" : "\u201D") : (opening ? "\u2018" : "\u2019");
        memcpy(out + o, q, 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}
