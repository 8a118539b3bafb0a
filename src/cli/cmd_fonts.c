/* cmd_fonts.c - "briefgen fonts": which font file serves Latin, Hangul and
 * Cyrillic in each style, and which characters no font has. */
#include "cli.h"

int cmd_fonts(int argc, char **argv)
{
    const char *brief = NULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("fonts: unknown option '%s'", argv[i]);
        if (brief) return cli_usage_error("fonts: give at most one BRIEF.yaml");
        brief = argv[i];
    }
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
    bg_fonts_report_free(&r);
    bg_diags_free(&diags);
    return EXIT_DONE;
}
