/* cli.c - what the commands share: exit statuses, usage errors, -C, and
 * diagnostics printed once each. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
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

cli_config cli_settings = {CLI_COLOR_AUTO, false, false};

/* FNV-1a of a string. */
static unsigned long long hash_line(const char *s)
{
    unsigned long long h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Sorting by file, line and column; problems of no file first, and the
 * order found among equals. */
static int compare_diags(const void *a, const void *b)
{
    const bg_diag *x = *(const bg_diag *const *)a, *y = *(const bg_diag *const *)b;
    if (!x->file != !y->file) return x->file ? 1 : -1;
    int c = x->file ? strcmp(x->file, y->file) : 0;
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The text of the file a source excerpt is taken from: the last one read
 * (diagnostics come sorted by file). */
typedef struct source {
    char *file, *text;
    size_t len;
} source;

static const char *source_line(source *src, const char *file, int line, size_t *len)
{
    if (!src->file || strcmp(src->file, file) != 0) {
        free(src->file);
        free(src->text);
        src->file = strdup(file);
        src->text = NULL;
        src->len = 0;
        FILE *f = strcmp(file, "<stdin>") != 0 ? fopen(file, "rb") : NULL;
        struct stat st;
        if (f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (64 << 20)) {
            src->text = malloc((size_t)st.st_size + 1);
            if (src->text) src->len = fread(src->text, 1, (size_t)st.st_size, f);
        }
        if (f) fclose(f);
    }
    if (!src->text) return NULL;
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = (size_t)((nl ? nl : end) - p);
    if (*len && p[*len - 1] == '\r') --*len;
    return p;
}

/* Columns on a terminal of the character at S: two for East Asian wide
 * ones (UAX #11: Hangul, CJK, full-width forms), one otherwise. */
static int char_columns(const unsigned char *s, size_t *bytes)
{
    uint32_t cp = s[0];
    size_t n = 1;
    if (cp >= 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
        cp = ((cp & 7u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
        n = 4;
    } else if (cp >= 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        cp = ((cp & 15u) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        n = 3;
    } else if (cp >= 0xC0 && (s[1] & 0xC0) == 0x80) {
        cp = ((cp & 31u) << 6) | (s[1] & 0x3Fu);
        n = 2;
    }
    *bytes = n;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

/* The source line of D and a caret under its column, as compilers show:
 *     4 | 	themes: [trade]
 *       | ^ */
static void print_excerpt(FILE *out, source *src, const bg_diag *d, bool color)
{
    size_t len;
    const char *text = d->file && d->line > 0 ? source_line(src, d->file, d->line, &len) : NULL;
    if (!text) return;
    char number[16];
    int width = snprintf(number, sizeof number, "%d", d->line);
    const char *blue = color ? "\033[1;34m" : "", *green = color ? "\033[1;32m" : "",
               *reset = color ? "\033[0m" : "";
    fprintf(out, "%s%*s |%s ", blue, width + 1, number, reset);
    for (size_t i = 0; i < len; i++) { /* control characters (C0, DEL, C1) shown as spaces */
        unsigned char c = (unsigned char)text[i];
        if (c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80 &&
            (unsigned char)text[i + 1] <= 0x9F) {
            fputc(' ', out);
            i++;
        } else {
            fputc((c < 0x20 && c != '\t') || c == 0x7F ? ' ' : c, out);
        }
    }
    fprintf(out, "\n%s%*s |%s ", blue, width + 1, "", reset);
    /* the caret under column D->col (characters), tabs kept so it aligns */
    int col = d->col > 0 ? d->col : 1;
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    for (int c = 1; c < col && p < end; c++) {
        size_t bytes;
        int cols = char_columns(p, &bytes);
        if (*p == '\t')
            fputc('\t', out);
        else
            fprintf(out, "%*s", cols, "");
        p += bytes;
    }
    fprintf(out, "%s^%s\n", green, reset);
}

/* One diagnostic as a JSON object on a line: file, line, column, severity,
 * message, hint (a "did you mean" suggestion, split from the message). */
static void print_json(FILE *out, const bg_diag *d)
{
    const char *hint = strstr(d->message, " (did you mean ");
    size_t mlen =
        hint && hint[strlen(hint) - 1] == ')' ? (size_t)(hint - d->message) : strlen(d->message);
    char *message = malloc(mlen + 1), *h = NULL;
    if (!message) return;
    memcpy(message, d->message, mlen);
    message[mlen] = '\0';
    if (mlen < strlen(d->message)) {
        size_t hlen = strlen(hint) - 3; /* without " (" and ")" */
        h = malloc(hlen + 1);
        if (h) {
            memcpy(h, hint + 2, hlen);
            h[hlen] = '\0';
        }
    }
    fputs("{\"file\": ", out);
    if (d->file)
        json_string(out, d->file);
    else
        fputs("null", out);
    fprintf(out, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"message\": ",
            d->line > 0 ? d->line : 0, d->line > 0 && d->col > 0 ? d->col : 0,
            d->severity == BG_ERROR ? "error" : "warning");
    json_string(out, message);
    fputs(", \"hint\": ", out);
    if (h)
        json_string(out, h);
    else
        fputs("null", out);
    fputs("}\n", out);
    free(message);
    free(h);
}

/* FILE:LINE:COL: severity: message, the place in bold and the severity in
 * red or magenta when COLOR (as GCC colours them). */
void cli_put_clean(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F) {
            fprintf(out, "\\x%02x", *p);
        } else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { /* C1: U+0080 to U+009F */
            fprintf(out, "\\u%04x", p[1]);
            p++;
        } else {
            fputc(*p, out);
        }
    }
}

static void print_text(FILE *out, const bg_diag *d, bool color)
{
    const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
    const char *sev = d->severity == BG_ERROR ? "error" : "warning";
    const char *sev_color = !color ? "" : d->severity == BG_ERROR ? "\033[1;31m" : "\033[1;35m";
    /* the file name and the message may quote the input: its control
     * characters are shown, never sent to the terminal */
    fputs(bold, out);
    cli_put_clean(out, d->file ? d->file : "briefgen");
    if (d->file && d->line > 0) fprintf(out, ":%d:%d", d->line, d->col > 0 ? d->col : 1);
    fprintf(out, ":%s %s%s:%s ", reset, sev_color, sev, reset);
    cli_put_clean(out, d->message);
    fputc('\n', out);
}

bool cli_color(void)
{
    if (cli_settings.color != CLI_COLOR_AUTO) return cli_settings.color == CLI_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDERR_FILENO) && !(no_color && *no_color) &&
           !(term && strcmp(term, "dumb") == 0);
}

void cli_print_diags(const bg_diags *diags)
{
    const bg_diag **order = malloc((diags->count ? diags->count : 1) * sizeof *order);
    if (!order) {
        fputs("briefgen: error: out of memory; diagnostics were lost\n", stderr);
        return;
    }
    for (size_t i = 0; i < diags->count; i++)
        order[i] = &diags->items[i];
    qsort(order, diags->count, sizeof *order, compare_diags);
    bool json = cli_settings.json, color = !json && cli_color();
    bool excerpts = !json && isatty(STDERR_FILENO);
    source src = {NULL, NULL, 0};
    /* distinct lines once, through an open-addressed set of hashes (a
     * collision only prints a line twice) */
    size_t cap = 64;
    while (cap < diags->count * 2)
        cap *= 2;
    unsigned long long *seen = calloc(cap, sizeof *seen);
    for (size_t i = 0; i < diags->count; i++) {
        const bg_diag *d = order[i];
        char *buf = bg_diag_line(d);
        if (!buf) {
            fputs("briefgen: error: out of memory; a diagnostic was lost\n", stderr);
            continue;
        }
        unsigned long long h = hash_line(buf) | 1;
        free(buf);
        bool dup = false;
        if (seen) {
            size_t k = h & (cap - 1);
            while (seen[k] && seen[k] != h)
                k = (k + 1) & (cap - 1);
            dup = seen[k] == h;
            seen[k] = h;
        }
        if (dup) continue;
        if (json) {
            print_json(stderr, d);
            continue;
        }
        print_text(stderr, d, color);
        if (excerpts) print_excerpt(stderr, &src, d, color);
    }
    free(seen);
    free(order);
    free(src.file);
    free(src.text);
    if (diags->oom) fputs("briefgen: error: out of memory; some diagnostics were lost\n", stderr);
    if (diags->suppressed)
        fprintf(stderr, "briefgen: %zu more problems not shown\n", diags->suppressed);
}

int cli_status_of(const bg_diags *diags, int status)
{
    if (status == EXIT_DONE && cli_settings.werror && diags->warnings) return EXIT_INPUT;
    return status;
}

int cli_set_add(bg_open_options *o, const char *value)
{
    const char **grown = realloc((void *)o->set, (o->set_count + 1) * sizeof *grown);
    if (!grown) {
        fputs("briefgen: error: out of memory\n", stderr);
        return EXIT_SYSTEM;
    }
    grown[o->set_count++] = value;
    o->set = grown;
    return 0;
}

void cli_set_free(bg_open_options *o)
{
    free((void *)o->set);
    o->set = NULL;
    o->set_count = 0;
}

int cli_flush_stdout(int status)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return status;
    int err = errno ? errno : EIO;
    fprintf(stderr, "briefgen: error: cannot write to standard output: %s\n", strerror(err));
    return status > EXIT_SYSTEM ? status : EXIT_SYSTEM;
}

int cli_stdin_once(const char *command, char *const *briefs, int count)
{
    int seen = 0;
    for (int b = 0; b < count; b++)
        if (strcmp(briefs[b], "-") == 0 && ++seen == 2)
            return cli_usage_error("%s: '-' (standard input) is given twice; it is read once",
                                   command);
    return 0;
}
