/* main.c - briefgen's command line: dispatches to one file per command. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "Usage:\n"
    "  briefgen render [-o FILE] [-C DIR] [-j N] [-q|-v] BRIEF.yaml...\n"
    "  briefgen check  [-C DIR] BRIEF.yaml...\n"
    "  briefgen list   [-C DIR] [--theme T]... [--kind K]... [--from D] [--to D]\n"
    "                  [--format text|json] [--corpus DIR] [--themes FILE]\n"
    "  briefgen fonts  [BRIEF.yaml]\n"
    "  briefgen --help | --version\n"
    "\n"
    "Commands:\n"
    "  render  typeset each brief into a PDF (output/<brief>.pdf by default)\n"
    "  check   load and validate briefs and the corpus they use; render nothing\n"
    "  list    print the corpus events that match, one per line or as JSON\n"
    "  fonts   show which font file serves Latin, Hangul and Cyrillic\n"
    "\n"
    "Options:\n"
    "  -C DIR  run as if started in DIR\n"
    "\n"
    "Exit status: 0 done (warnings allowed), 1 a problem in the inputs,\n"
    "2 a usage error, 3 a failure of the system.\n";

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

int cli_change_dir(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) return cli_usage_error("-C needs a directory");
    const char *dir = argv[++*i];
    if (chdir(dir) != 0)
        return cli_usage_error("cannot change to directory '%s': %s", dir, strerror(errno));
    return 0;
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
    char buf[2048];
    for (size_t i = 0; i < diags->count; i++) {
        bg_diag_format(&diags->items[i], buf, sizeof buf);
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
    }
    free(seen);
    if (diags->oom) fputs("briefgen: error: out of memory; some diagnostics were lost\n", stderr);
    if (diags->suppressed)
        fprintf(stderr, "briefgen: %zu more problems not shown\n", diags->suppressed);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 ||
        strcmp(command, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_DONE;
    }
    if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
        printf("briefgen %s\n", bg_version());
        return EXIT_DONE;
    }
    if (strcmp(command, "check") == 0) return cmd_check(argc - 1, argv + 1);
    if (strcmp(command, "list") == 0) return cmd_list(argc - 1, argv + 1);
    if (strcmp(command, "render") == 0) return cmd_render(argc - 1, argv + 1);
    if (strcmp(command, "fonts") == 0) return cmd_fonts(argc - 1, argv + 1);
    static const char *const commands[] = {"render", "check", "list", "fonts"};
    const char *hint = bg_suggest(command, commands, 4);
    if (hint) return cli_usage_error("unknown command '%s' (did you mean '%s'?)", command, hint);
    return cli_usage_error("unknown command '%s'", command);
}
