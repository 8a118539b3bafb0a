/* diag.h - diagnostics: FILE:LINE:COLUMN: error|warning: message records
 * collected in a list the caller owns (the types are public, in
 * briefgen.h), and did-you-mean suggestions. */
#ifndef BRIEFGEN_DIAG_H
#define BRIEFGEN_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "briefgen.h"

/* Appends one diagnostic; the file name and message are copied. */
void bg_diag_add(bg_diags *diags, bg_severity severity, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Edit distance (optimal string alignment: a swap of neighbours is one
 * edit) between two strings, by byte; 64 for strings longer than 64. */
size_t bg_edit_distance(const char *a, const char *b);

#endif
