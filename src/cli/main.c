/* main.c - briefgen's command line: the options before the command, then
 * one file per command (cmd_*.c) with its options (options.c); the helpers
 * they share are in cli.c. */
#include <string.h>

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
    "  watch   render, then render again whenever an input changes\n"
    "  init    create a corpus to start from: themes, two events, a brief\n"
    "  help    print the help of a command ('briefgen help render')\n"
    "\n"
    "Options before the command (and of every command):\n"
    "  -C, --directory=DIR        run as if started in DIR\n"
    "      --color=WHEN           colour diagnostics: auto, always, never (NO_COLOR)\n"
    "      --diagnostic-format=F  text, or json: an object a line\n"
    "  -W error, --werror         warnings fail the run (exit 1)\n"
    "  -h, --help                 print this help and exit\n"
    "  -V, --version              print the version and exit\n"
    "\n"
    "'briefgen COMMAND --help' prints a command's options.\n"
    "Exit status: 0 done (warnings allowed), 1 a problem in the inputs,\n"
    "2 a usage error, 3 a failure of the system. See briefgen(1).\n";

typedef struct command {
    const cli_command *spec;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {&cli_render_command, cmd_render}, {&cli_check_command, cmd_check},
    {&cli_list_command, cmd_list},     {&cli_fonts_command, cmd_fonts},
    {&cli_init_command, cmd_init},     {&cli_watch_command, cmd_watch},
};
/* what on_global returns after --version */
enum { CLI_VERSION = -2 };

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
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        fputs(usage, stdout);
        return EXIT_DONE;
    }
    if (argc > 2) return cli_usage_error("help: give one command");
    const command *c = find(argv[1]);
    if (!c) return unknown_command(argv[1]);
    cli_print_help(c->spec);
    return EXIT_DONE;
}

static int on_global(int index, const char *value, void *ctx)
{
    (void)index, (void)value, (void)ctx;
    printf("briefgen %s\n", bg_version()); /* the one option of its own: --version */
    return CLI_VERSION;
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    return cli_flush_stdout(run(argc, argv));
}

static int run(int argc, char **argv)
{
    static const cli_opt version[] = {{"version", 'V', NULL, "print the version and exit"}};
    static const cli_command global = {"briefgen", NULL, NULL, version, 1, NULL};
    int first = argc;
    int status = cli_parse(&global, argc, argv, &first, on_global, NULL);
    if (status == CLI_HELP) {
        fputs(usage, stdout);
        return EXIT_DONE;
    }
    if (status) return status == CLI_VERSION ? EXIT_DONE : status;
    if (first >= argc) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[first];
    if (strcmp(name, "help") == 0) return help(argc - first, argv + first);
    const command *c = find(name);
    if (!c) return unknown_command(name);
    return c->run(argc - first, argv + first);
}
