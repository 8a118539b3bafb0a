/* diag.h - diagnostics: FILE:LINE:COLUMN: error|warning: message records
 * collected in a list the caller owns, and did-you-mean suggestions. */
#ifndef BRIEFGEN_DIAG_H
#define BRIEFGEN_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { BG_WARNING, BG_ERROR } bg_severity;

typedef struct bg_diag {
    char *file; /* NULL for a problem not tied to a file */
    int line;   /* 1-based; 0 when unknown */
    int col;    /* 1-based; 0 when unknown */
    bg_severity severity;
    char *message;
} bg_diag;

typedef struct bg_diags {
    bg_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
    int oom;           /* set when a diagnostic could not be stored */
    size_t suppressed; /* counted but not stored past BG_DIAGS_MAX */
} bg_diags;

/* Diagnostics kept for one run; later ones are only counted. */
#define BG_DIAGS_MAX 1000

void bg_diags_init(bg_diags *diags);
void bg_diags_free(bg_diags *diags);
/* Appends one diagnostic; the file name and message are copied. */
void bg_diag_add(bg_diags *diags, bg_severity severity, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Writes every diagnostic as "FILE:LINE:COL: severity: message" lines. */
void bg_diags_print(const bg_diags *diags, FILE *out);
/* Formats one diagnostic into BUF (truncating); returns BUF. */
char *bg_diag_format(const bg_diag *diag, char *buf, size_t size);

/* Edit distance (optimal string alignment: a swap of neighbours is one
 * edit) between two strings, by byte; 64 for strings longer than 64. */
size_t bg_edit_distance(const char *a, const char *b);
/* The candidate closest to WORD when it is close enough to be a likely
 * misspelling (distance <= max(1, len/3)), else NULL. */
const char *bg_suggest(const char *word, const char *const *candidates, size_t n);

#endif
