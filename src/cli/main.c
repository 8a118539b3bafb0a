/* main.c - briefgen's command line: the options before the command, then
 * one file per command (cmd_*.c) with its options (options.c); the helpers
 * they share are in cli.c. */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

static const char usage[] =
    "Usage: briefgen [-C DIR] COMMAND [OPTION]... [ARG]...\n"
    "       briefgen help [COMMAND] | --help | --version\n"
    "\n"
    "Commands:\n"
    "  render  typeset each brief into a PDF (output/<brief>.pdf by default)\n"
    "  check   load and validate briefs and the corpus they use; render nothing\n"
    "  list    print the corpus events that match, one per line or as JSON\n"
    "  fonts   show which font file serves Latin, Hangul and Cyrillic\n"
    "  help    print the help of a command ('briefgen help render')\n"
    "\n"
    "Options before the command:\n"
    "  -C, --directory=DIR  run as if started in DIR (also an option of every command)\n"
    "  -h, --help           print this help and exit\n"
    "  -V, --version        print the version and exit\n"
    "\n"
    "'briefgen COMMAND --help' prints a command's options.\n"
    "Exit status: 0 done (warnings allowed), 1 a problem in the inputs,\n"
    "2 a usage error, 3 a failure of the system. See briefgen(1).\n";

typedef struct command {
    const cli_command *spec;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {&cli_render_command, cmd_render},
    {&cli_check_command, cmd_check},
    {&cli_list_command, cmd_list},
    {&cli_fonts_command, cmd_fonts},
};
enum { COMMANDS = sizeof commands / sizeof commands[0] };

static const command *find(const char *name)
{
    for (int i = 0; i < COMMANDS; i++)
        if (strcmp(name, commands[i].spec->name) == 0) return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[COMMANDS + 1];
    for (int i = 0; i < COMMANDS; i++)
        names[i] = commands[i].spec->name;
    names[COMMANDS] = "help";
    const char *hint = bg_suggest(name, names, COMMANDS + 1);
    if (hint) return cli_usage_error("unknown command '%s' (did you mean '%s'?)", name, hint);
    return cli_usage_error("unknown command '%s'", name);
}

/* "briefgen help [COMMAND]" */
static int help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stdout);
        return EXIT_DONE;
    }
    if (argc > 2) return cli_usage_error("help: give one command");
    const command *c = find(argv[1]);
    if (!c) return unknown_command(argv[1]);
    cli_print_help(c->spec);
    return EXIT_DONE;
}

int main(int argc, char **argv)
{
    static const struct option longs[] = {{"directory", required_argument, NULL, 'C'},
                                          {"help", no_argument, NULL, 'h'},
                                          {"version", no_argument, NULL, 'V'},
                                          {NULL, 0, NULL, 0}};
    opterr = 0;
    /* '+': the options before the command only; the command parses its own */
    for (int c; (c = getopt_long(argc, argv, "+:C:hV", longs, NULL)) != -1;) {
        switch (c) {
        case 'C':
            if (chdir(optarg) != 0)
                return cli_usage_error("cannot change to directory '%s': %s", optarg,
                                       strerror(errno));
            break;
        case 'h':
            fputs(usage, stdout);
            return EXIT_DONE;
        case 'V':
            printf("briefgen %s\n", bg_version());
            return EXIT_DONE;
        case ':':
            return cli_usage_error("--directory needs DIR");
        default:
            if (optopt) return cli_usage_error("unknown option '-%c' before the command", optopt);
            return cli_usage_error("unknown option '%s' before the command", argv[optind - 1]);
        }
    }
    if (optind >= argc) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[optind];
    if (strcmp(name, "help") == 0) return help(argc - optind, argv + optind);
    const command *c = find(name);
    if (!c) return unknown_command(name);
    return c->run(argc - optind, argv + optind);
}
