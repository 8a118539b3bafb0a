/* cmd_check.c - "briefgen check": load and validate briefs and the corpus
 * they use, print every problem, render nothing. */
#include "cli.h"
#include "options.h"

static const cli_opt check_opts[] = {
    {"set", 0, "KEY=VALUE", "override a top-level key of each brief (repeatable)"},
    {"korean", 0, NULL, "check each brief as a Korean one: name the events without a Korean text"}};

const cli_command cli_check_command = {
    "check",
    "[OPTION]... BRIEF.yaml...",
    "Loads and validates each brief and the corpus and catalogue it uses, prints every\n"
    "problem, and renders nothing.",
    check_opts,
    sizeof check_opts / sizeof check_opts[0],
    "Exit status: 0 no errors (warnings allowed), 1 an error in the inputs, 2 a usage\n"
    "error, 3 a failure of the system.\n"};

static int on_option(int index, const char *value, void *ctx)
{
    return cli_set_add(ctx, index == 0 ? value : "language=ko");
}

int cmd_check(int argc, char **argv)
{
    int first = 0;
    bg_open_options open = {NULL, 0};
    int status = cli_parse(&cli_check_command, argc, argv, &first, on_option, &open);
    if (status == 0 && first >= argc)
        status = cli_usage_error("check: give at least one BRIEF.yaml");
    if (status == 0) status = cli_stdin_once("check", argv + first, argc - first);
    if (status) {
        cli_set_free(&open);
        return status == CLI_HELP ? EXIT_DONE : status;
    }
    bg_diags diags;
    bg_diags_init(&diags);
    for (int b = first; b < argc; b++)
        bg_check_file_with(argv[b], &open, &diags);
    cli_set_free(&open);
    cli_print_diags(&diags);
    status = cli_status_of(&diags, diags.errors ? EXIT_INPUT : EXIT_DONE);
    if (diags.oom) status = EXIT_SYSTEM;
    bg_diags_free(&diags);
    return status;
}
