/* cmd_fonts.c - "briefgen fonts": which font file serves Latin, Hangul and
 * Cyrillic in each style, and which characters no font has. */
#include "cli.h"
#include "options.h"

static const cli_opt fonts_opts[] = {{NULL, 0, NULL, NULL}};

const cli_command cli_fonts_command = {
    "fonts",
    "[OPTION]... [BRIEF.yaml]",
    "Shows which font file serves Latin, Hangul, Cyrillic and the other scripts probed, in\n"
    "each role (body, heading, mono) and style, with the fonts a brief names, and which\n"
    "characters no font has.",
    fonts_opts,
    0,
    NULL};

static int no_option(int index, const char *value, void *ctx)
{
    (void)index, (void)value, (void)ctx;
    return 0;
}

int cmd_fonts(int argc, char **argv)
{
    int first = 0;
    int parsed = cli_parse(&cli_fonts_command, argc, argv, &first, no_option, NULL);
    if (parsed) return parsed == CLI_HELP ? EXIT_DONE : parsed;
    if (argc - first > 1) return cli_usage_error("fonts: give at most one BRIEF.yaml");
    const char *brief = first < argc ? argv[first] : NULL;
    bg_diags diags;
    bg_diags_init(&diags);
    bg_fonts_report r;
    bg_status status = bg_fonts_report_make(brief, &r, &diags);
    if (status != BG_OK) {
        cli_print_diags(&diags);
        bg_fonts_report_free(&r);
        bg_diags_free(&diags);
        return cli_exit(status);
    }
    printf("fontconfig: %s\n", r.conf);
    for (int role = 0; role < BG_REPORT_ROLES; role++) {
        printf("\n%s (%s)\n", r.role_names[role], r.families[role]);
        for (int style = 0; style < BG_REPORT_STYLES; style++) {
            printf("  %s\n", r.style_names[style]);
            for (int p = 0; p < BG_REPORT_PROBES; p++) {
                const bg_font_use *u = &r.uses[role][style][p];
                if (!u->path) {
                    printf("    %-20s U+%04lX  no font has it\n", u->script, u->cp);
                    continue;
                }
                printf("    %-20s %s (%s %s)%s%s\n", u->script, u->path, u->family, u->style,
                       u->synthetic_bold ? " +synthetic bold" : "",
                       u->synthetic_slant ? " +synthetic slant" : "");
            }
        }
    }
    if (r.gaps)
        printf("\n%zu gap%s: install a font that covers them\n", r.gaps, r.gaps == 1 ? "" : "s");
    cli_print_diags(&diags);
    int exit_status = cli_status_of(&diags, EXIT_DONE);
    bg_fonts_report_free(&r);
    bg_diags_free(&diags);
    return exit_status;
}
