/* date.c - calendar dates, full and partial (docs/formats.md#dates). */
#include <stdio.h>
#include <string.h>

#include "base/date.h"

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
