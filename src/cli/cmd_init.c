/* cmd_init.c - "briefgen init [DIR]": a working corpus to start from. */
#include "cli.h"
#include "options.h"

static const cli_opt init_opts[] = {{NULL, 0, NULL, NULL}};

const cli_command cli_init_command = {
    "init",
    "[OPTION]... [DIR]",
    "Creates a corpus to start from in DIR (default: the current folder): themes.yaml with\n"
    "two themes, events/ with two events, and brief.yaml, a pack that uses them. Never\n"
    "overwrites a file: when one exists, nothing is created (exit 2).",
    init_opts,
    0,
    NULL};

static int no_option(int index, const char *value, void *ctx)
{
    (void)index, (void)value, (void)ctx;
    return 0;
}

int cmd_init(int argc, char **argv)
{
    int first = argc;
    int status = cli_parse(&cli_init_command, argc, argv, &first, no_option, NULL);
    if (status) return status == CLI_HELP ? EXIT_DONE : status;
    if (argc - first > 1) return cli_usage_error("init: give at most one folder");
    const char *dir = first < argc ? argv[first] : ".";
    bg_diags diags;
    bg_diags_init(&diags);
    status = cli_exit(bg_init(dir, &diags));
    cli_print_diags(&diags);
    bg_diags_free(&diags);
    if (status == EXIT_DONE)
        printf("created %s/themes.yaml, %s/events/ (2 events) and %s/brief.yaml\n"
               "next: briefgen -C %s render brief.yaml\n",
               dir, dir, dir, dir);
    return status;
}
