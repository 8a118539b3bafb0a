/* date.h - calendar dates, full or partial (YYYY-MM-DD, YYYY-MM, YYYY),
 * as docs/formats.md#dates describes them. */
#ifndef BRIEFGEN_DATE_H
#define BRIEFGEN_DATE_H

#include <stddef.h>

/* A calendar date; month and day are 0 when the date is partial
 * (YYYY or YYYY-MM). */
typedef struct bg_date {
    int year;
    int month;
    int day;
} bg_date;

/* Dates: "YYYY-MM-DD", "YYYY-MM" or "YYYY"; returns -1 when malformed or
 * not a real calendar date. */
int bg_date_parse(const char *text, bg_date *date);
/* Orders partial dates before the full dates of their period. */
int bg_date_compare(bg_date a, bg_date b);
/* First and last day covered by a possibly partial date. */
bg_date bg_date_first_day(bg_date date);
bg_date bg_date_last_day(bg_date date);
/* ISO spelling of DATE into BUF (at least 11 bytes). */
char *bg_date_format_iso(bg_date date, char *buf, size_t size);

#endif
