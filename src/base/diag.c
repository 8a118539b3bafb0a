/* diag.c - diagnostics list and did-you-mean suggestions; see diag.h. */
#include "base/diag.h"
#include "base/arena.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void bg_diags_init(bg_diags *diags)
{
    memset(diags, 0, sizeof *diags);
}

void bg_diags_free(bg_diags *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        free(diags->items[i].file);
        free(diags->items[i].message);
    }
    free(diags->items);
    memset(diags, 0, sizeof *diags);
}

static char *dup_or_null(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

void bg_diag_add(bg_diags *diags, bg_severity severity, const char *file, int line, int col,
                 const char *fmt, ...)
{
    if (severity == BG_ERROR)
        diags->errors++;
    else
        diags->warnings++;
    if (diags->count >= BG_DIAGS_MAX) {
        diags->suppressed++;
        return;
    }
    bg_diag *items = bg_grow(diags->items, diags->count, &diags->cap, sizeof *items, 16);
    if (!items) {
        diags->oom = 1;
        return;
    }
    diags->items = items;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *message = n >= 0 ? malloc((size_t)n + 1) : NULL;
    char *file_copy = dup_or_null(file);
    if (!message || (file && !file_copy)) {
        free(message);
        free(file_copy);
        diags->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bg_diag *d = &diags->items[diags->count++];
    d->file = file_copy;
    d->line = line;
    d->col = col;
    d->severity = severity;
    d->message = message;
}

char *bg_diag_format(const bg_diag *d, char *buf, size_t size)
{
    const char *sev = d->severity == BG_ERROR ? "error" : "warning";
    if (d->file && d->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", d->file, d->line, d->col > 0 ? d->col : 1, sev,
                 d->message);
    else if (d->file)
        snprintf(buf, size, "%s: %s: %s", d->file, sev, d->message);
    else
        snprintf(buf, size, "briefgen: %s: %s", sev, d->message);
    return buf;
}

char *bg_diag_line(const bg_diag *d)
{
    size_t size = strlen(d->message) + (d->file ? strlen(d->file) : 0) + 64;
    char *line = malloc(size);
    return line ? bg_diag_format(d, line, size) : NULL;
}

void bg_diags_print(const bg_diags *diags, FILE *out)
{
    for (size_t i = 0; i < diags->count; i++) {
        char *line = bg_diag_line(&diags->items[i]);
        if (line) fprintf(out, "%s\n", line);
        free(line);
    }
    if (diags->oom) fprintf(out, "briefgen: error: out of memory; some diagnostics were lost\n");
    if (diags->suppressed)
        fprintf(out, "briefgen: %zu more problems not shown\n", diags->suppressed);
}

size_t bg_edit_distance(const char *a, const char *b)
{
    enum { MAXLEN = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAXLEN || lb > MAXLEN) return MAXLEN;
    /* optimal string alignment: insertions, deletions, substitutions and
     * swaps of two neighbours each cost one edit */
    size_t before[MAXLEN + 1], prev[MAXLEN + 1], cur[MAXLEN + 1];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = before[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            cur[j] = best;
        }
        memcpy(before, prev, (lb + 1) * sizeof prev[0]);
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

const char *bg_suggest(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word);
    size_t limit = len / 3 > 1 ? len / 3 : 1;
    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i]) continue;
        size_t d = bg_edit_distance(word, candidates[i]);
        if (d < best_distance && d > 0) {
            best = candidates[i];
            best_distance = d;
        }
    }
    return best;
}
