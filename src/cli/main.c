/* main.c - briefgen's command line: dispatches to one file per command
 * (cmd_*.c); the helpers they share are in cli.c. */
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage:\n"
    "  briefgen render [-o FILE|-] [-C DIR] [-j N] [-q|-v] BRIEF.yaml...\n"
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
    "  -o -    (render) write the PDF to standard output\n"
    "\n"
    "Exit status: 0 done (warnings allowed), 1 a problem in the inputs,\n"
    "2 a usage error, 3 a failure of the system.\n";

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
