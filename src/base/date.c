/* date.c - calendar dates (full and partial) and the enumerations' names. */
#include <stdio.h>
#include <string.h>

#include "load/load.h"

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* Reads exactly N digits at S into *VALUE. */
static int digits(const char *s, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return 0;
}

int bg_date_parse(const char *text, bg_date *date)
{
    bg_date d = {0, 0, 0};
    size_t n = strlen(text);
    if (n != 4 && n != 7 && n != 10) return -1;
    if (digits(text, 4, &d.year) != 0 || d.year < 1000) return -1;
    if (n >= 7) {
        if (text[4] != '-' || digits(text + 5, 2, &d.month) != 0) return -1;
        if (d.month < 1 || d.month > 12) return -1;
    }
    if (n == 10) {
        if (text[7] != '-' || digits(text + 8, 2, &d.day) != 0) return -1;
        if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return -1;
    }
    *date = d;
    return 0;
}

int bg_date_compare(bg_date a, bg_date b)
{
    if (a.year != b.year) return a.year < b.year ? -1 : 1;
    if (a.month != b.month) return a.month < b.month ? -1 : 1; /* 0 (partial) first */
    if (a.day != b.day) return a.day < b.day ? -1 : 1;
    return 0;
}

bg_date bg_date_first_day(bg_date date)
{
    if (date.month == 0) date.month = 1;
    if (date.day == 0) date.day = 1;
    return date;
}

bg_date bg_date_last_day(bg_date date)
{
    if (date.month == 0) date.month = 12;
    if (date.day == 0) date.day = days_in_month(date.year, date.month);
    return date;
}

char *bg_date_format_iso(bg_date date, char *buf, size_t size)
{
    if (date.month == 0)
        snprintf(buf, size, "%04d", date.year);
    else if (date.day == 0)
        snprintf(buf, size, "%04d-%02d", date.year, date.month);
    else
        snprintf(buf, size, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

static const char *const kind_names[BG_KIND_COUNT] = {"summit",    "phone-call", "meeting",
                                                      "visit",     "dialogue",   "agreement",
                                                      "interview", "statement",  "other"};

const char *bg_kind_name(bg_kind kind)
{
    return (unsigned)kind < BG_KIND_COUNT ? kind_names[kind] : "other";
}

int bg_kind_from_name(const char *name, bg_kind *kind)
{
    for (int i = 0; i < BG_KIND_COUNT; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (bg_kind)i;
            return 0;
        }
    }
    return -1;
}

const char *const *bg_kind_names(void)
{
    return kind_names;
}

static const char *const column_names[BG_COL_COUNT] = {
    "date", "title", "kind", "place", "participants", "themes", "years_ago"};

const char *bg_column_name(bg_column column)
{
    return (unsigned)column < BG_COL_COUNT ? column_names[column] : "?";
}

const char *const *bg_column_names(void)
{
    return column_names;
}
