/* cmd_fonts.c - "briefgen fonts": which font file serves Latin, Hangul and
 * Cyrillic in each style, and which characters no font has. */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "cli.h"

typedef struct probe {
    const char *script;
    uint32_t cp;
} probe;

static const probe probes[] = {{"Latin", 'A'},
                               {"Hangul", 0xD55C},
                               {"Cyrillic", 0x0414},
                               {"Cyrillic Ukrainian", 0x0407},
                               {"Cyrillic Serbian", 0x0402},
                               {"punctuation", 0x201C},
                               {"middle dot", 0x00B7}};

static const char *const styles[BG_VAR_COUNT] = {"regular", "bold", "italic", "bold italic"};
static const char *const roles[BG_ROLE_COUNT] = {"body", "heading", "mono"};

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
    bg_session s;
    memset(&s, 0, sizeof s);
    const char *families[BG_ROLE_COUNT] = {NULL, NULL, NULL};
    if (brief) {
        bg_arena arena = {0};
        if (bg_brief_load(&arena, brief, &diags, &s.brief) != 0 || diags.errors) {
            cli_print_diags(&diags);
            bg_diags_free(&diags);
            bg_arena_free(&arena);
            return EXIT_INPUT;
        }
        s.arena = arena;
        families[0] = s.brief.font_body;
        families[1] = s.brief.font_heading;
        families[2] = s.brief.font_mono;
    }
    const char *conf = bg_fonts_default_conf();
    bg_fonts *fonts;
    if (bg_fonts_open(&fonts, conf, families, brief ? brief : conf, &diags) != 0) {
        cli_print_diags(&diags);
        bg_diags_free(&diags);
        bg_arena_free(&s.arena);
        return EXIT_SYSTEM;
    }
    printf("fontconfig: %s\n", conf);
    int gaps = 0;
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        printf("\n%s (%s)\n", roles[r], bg_fonts_family(fonts, (bg_role)r));
        for (int v = 0; v < BG_VAR_COUNT; v++) {
            printf("  %s\n", styles[v]);
            for (size_t p = 0; p < sizeof probes / sizeof probes[0]; p++) {
                bg_font_ref ref = bg_fonts_lookup(fonts, (bg_role)r, v, probes[p].cp);
                const bg_face_info *face = bg_fonts_face(fonts, ref.face);
                if (!face) {
                    printf("    %-20s U+%04X  no font has it\n", probes[p].script,
                           (unsigned)probes[p].cp);
                    gaps++;
                    continue;
                }
                printf("    %-20s %s (%s %s)%s%s\n", probes[p].script, face->path, face->family,
                       face->style, ref.fake_bold ? " +synthetic bold" : "",
                       ref.fake_italic ? " +synthetic slant" : "");
            }
        }
    }
    if (gaps) printf("\n%d gap%s: install a font that covers them\n", gaps, gaps == 1 ? "" : "s");
    cli_print_diags(&diags);
    bg_fonts_free(fonts);
    bg_diags_free(&diags);
    bg_arena_free(&s.arena);
    return EXIT_DONE;
}
