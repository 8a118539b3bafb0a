/* cmd_check.c - "briefgen check": load and validate briefs and the corpus
 * they use, print every problem, render nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_check(int argc, char **argv)
{
    const char **briefs = calloc((size_t)(argc > 0 ? argc : 1), sizeof *briefs);
    if (!briefs) return EXIT_SYSTEM;
    int count = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-C") == 0) {
            int status = cli_change_dir(argc, argv, &i);
            if (status) {
                free(briefs);
                return status;
            }
        } else if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                briefs[count++] = argv[i];
        } else if (arg[0] == '-' && arg[1]) {
            free(briefs);
            return cli_usage_error("check: unknown option '%s'", arg);
        } else {
            briefs[count++] = arg;
        }
    }
    if (count == 0) {
        free(briefs);
        return cli_usage_error("check: give at least one BRIEF.yaml");
    }
    bg_diags diags;
    bg_diags_init(&diags);
    for (int b = 0; b < count; b++)
        bg_check_file(briefs[b], &diags);
    cli_print_diags(&diags);
    int status = diags.errors ? EXIT_INPUT : EXIT_DONE;
    if (diags.oom) status = EXIT_SYSTEM;
    bg_diags_free(&diags);
    free(briefs);
    return status;
}
