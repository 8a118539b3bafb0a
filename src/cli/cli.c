/* cli.c - what the commands share: exit statuses, usage errors, -C, and
 * diagnostics printed once each. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_exit(bg_status status)
{
    switch (status) {
    case BG_OK:
        return EXIT_DONE;
    case BG_INPUT:
        return EXIT_INPUT;
    case BG_USAGE:
        return EXIT_USAGE;
    default:
        return EXIT_SYSTEM;
    }
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("briefgen: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    va_end(ap);
    fputs("Try 'briefgen --help'.\n", stderr);
    return EXIT_USAGE;
}

/* FNV-1a of a string. */
static unsigned long long hash_line(const char *s)
{
    unsigned long long h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void cli_print_diags(const bg_diags *diags)
{
    /* distinct lines once, through an open-addressed set of hashes (a
     * collision only prints a line twice) */
    size_t cap = 64;
    while (cap < diags->count * 2)
        cap *= 2;
    unsigned long long *seen = calloc(cap, sizeof *seen);
    for (size_t i = 0; i < diags->count; i++) {
        char *buf = bg_diag_line(&diags->items[i]);
        if (!buf) {
            fputs("briefgen: error: out of memory; a diagnostic was lost\n", stderr);
            continue;
        }
        unsigned long long h = hash_line(buf) | 1;
        bool dup = false;
        if (seen) {
            size_t k = h & (cap - 1);
            while (seen[k] && seen[k] != h)
                k = (k + 1) & (cap - 1);
            dup = seen[k] == h;
            seen[k] = h;
        }
        if (!dup) fprintf(stderr, "%s\n", buf);
        free(buf);
    }
    free(seen);
    if (diags->oom) fputs("briefgen: error: out of memory; some diagnostics were lost\n", stderr);
    if (diags->suppressed)
        fprintf(stderr, "briefgen: %zu more problems not shown\n", diags->suppressed);
}
