/* options.c - command options through getopt_long(3) (see options.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

/* the options every command has, after its own */
static const cli_opt common[] = {
    {"directory", 'C', "DIR", "run as if started in DIR"},
    {"color", 0, "WHEN", "colour diagnostics: auto (a terminal, no NO_COLOR), always, never"},
    {"diagnostic-format", 0, "FORMAT", "text (default) or json (an object a line)"},
    {"warnings", 'W', "error", "-W error: warnings fail the run (exit 1)"},
    {"werror", 0, NULL, "the same as -W error"},
    {"help", 'h', NULL, "print this help and exit"},
};
enum { OPT_DIRECTORY, OPT_COLOR, OPT_FORMAT, OPT_WARNINGS, OPT_WERROR, OPT_HELP };
enum { COMMON = sizeof common / sizeof common[0] };

static const cli_opt *option_at(const cli_command *cmd, size_t i)
{
    return i < cmd->count ? &cmd->opts[i] : &common[i - cmd->count];
}

/* "-o, --output=FILE" into BUF. */
static void option_form(const cli_opt *o, char *buf, size_t size)
{
    char letter[8] = "    ";
    if (o->letter) snprintf(letter, sizeof letter, "-%c, ", o->letter);
    snprintf(buf, size, "%s--%s%s%s", letter, o->name, o->arg ? "=" : "", o->arg ? o->arg : "");
}

void cli_print_help(const cli_command *cmd)
{
    const char *line = cmd->usage;
    fputs("Usage:", stdout);
    while (*line) { /* one "briefgen NAME ..." per line of USAGE */
        size_t n = strcspn(line, "\n");
        printf("%s briefgen %s %.*s\n", line == cmd->usage ? "" : "      ", cmd->name, (int)n,
               line);
        line += n + (line[n] == '\n');
    }
    printf("%s\n\nOptions:\n", cmd->summary);
    for (size_t i = 0; i < cmd->count + COMMON; i++) {
        const cli_opt *o = option_at(cmd, i);
        char form[64];
        option_form(o, form, sizeof form);
        if (strlen(form) > 24)
            printf("  %s\n  %24s  %s\n", form, "", o->help);
        else
            printf("  %-24s  %s\n", form, o->help);
    }
    if (cmd->more) printf("\n%s", cmd->more);
    fputs("\nSee briefgen(1) for the whole manual.\n", stdout);
}

/* "unknown option" with the command's options named; returns EXIT_USAGE. */
static int unknown(const cli_command *cmd, const char *arg)
{
    const char *names[32];
    size_t n = 0;
    for (size_t i = 0; i < cmd->count + COMMON && n < 32; i++)
        names[n++] = option_at(cmd, i)->name;
    fprintf(stderr, "briefgen: error: %s: unknown option '%s'", cmd->name, arg);
    if (arg[0] == '-' && arg[1] == '-') { /* a misspelt long name: the nearest one */
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
        const char *hint = bg_suggest(word, names, n);
        if (hint) fprintf(stderr, " (did you mean '--%s'?)", hint);
    }
    fprintf(stderr, "\n%s takes:", cmd->name);
    for (size_t i = 0; i < cmd->count + COMMON; i++) {
        const cli_opt *o = option_at(cmd, i);
        if (o->letter)
            fprintf(stderr, "%s -%c/--%s", i ? "," : "", o->letter, o->name);
        else
            fprintf(stderr, "%s --%s", i ? "," : "", o->name);
    }
    fprintf(stderr, "\nTry 'briefgen %s --help'.\n", cmd->name);
    return EXIT_USAGE;
}

/* Handles common option INDEX with VALUE; 0, CLI_HELP or EXIT_USAGE. */
static int common_option(int index, const char *value)
{
    switch (index) {
    case OPT_DIRECTORY:
        if (chdir(value) != 0)
            return cli_usage_error("cannot change to directory '%s': %s", value, strerror(errno));
        return 0;
    case OPT_COLOR:
        if (strcmp(value, "auto") == 0)
            cli_settings.color = CLI_COLOR_AUTO;
        else if (strcmp(value, "always") == 0)
            cli_settings.color = CLI_COLOR_ALWAYS;
        else if (strcmp(value, "never") == 0)
            cli_settings.color = CLI_COLOR_NEVER;
        else
            return cli_usage_error("--color takes auto, always or never, not '%s'", value);
        return 0;
    case OPT_FORMAT:
        if (strcmp(value, "json") == 0)
            cli_settings.json = true;
        else if (strcmp(value, "text") == 0)
            cli_settings.json = false;
        else
            return cli_usage_error("--diagnostic-format takes text or json, not '%s'", value);
        return 0;
    case OPT_WARNINGS:
        if (strcmp(value, "error") != 0)
            return cli_usage_error("-W takes 'error' (warnings fail the run), not '%s'", value);
        cli_settings.werror = true;
        return 0;
    case OPT_WERROR:
        cli_settings.werror = true;
        return 0;
    default:
        return CLI_HELP;
    }
}

int cli_parse(const cli_command *cmd, int argc, char **argv, int *first,
              int (*on_option)(int index, const char *value, void *ctx), void *ctx)
{
    size_t total = cmd->count + COMMON;
    struct option *longs = calloc(total + 1, sizeof *longs);
    char *shorts = malloc(total * 2 + 3);
    if (!longs || !shorts) {
        free(longs);
        free(shorts);
        fputs("briefgen: error: out of memory\n", stderr);
        return EXIT_SYSTEM;
    }
    size_t k = 0;
    if (!cmd->usage) shorts[k++] = '+'; /* before the command: stop at the command */
    shorts[k++] = ':';                  /* a missing argument returns ':' */
    for (size_t i = 0; i < total; i++) {
        const cli_opt *o = option_at(cmd, i);
        longs[i].name = o->name;
        longs[i].has_arg = o->arg ? required_argument : no_argument;
        longs[i].val = o->letter ? o->letter : 256 + (int)i;
        if (o->letter) {
            shorts[k++] = (char)o->letter;
            if (o->arg) shorts[k++] = ':';
        }
    }
    shorts[k] = '\0';
    int status = 0;
    opterr = 0;
    optind = 0; /* glibc: start over (each command parses its own argv) */
    for (;;) {
        int c = getopt_long(argc, argv, shorts, longs, NULL);
        if (c == -1) break;
        if (c == '?') {
            char arg[8];
            snprintf(arg, sizeof arg, "-%c", optopt);
            status = cmd->usage ? unknown(cmd, optopt ? arg : argv[optind - 1])
                                : cli_usage_error("unknown option '%s' before the command",
                                                  optopt ? arg : argv[optind - 1]);
            break;
        }
        if (c == ':') {
            size_t i = 0;
            while (i < total && longs[i].val != optopt)
                i++;
            const cli_opt *o = option_at(cmd, i < total ? i : 0);
            if (cmd->usage)
                fprintf(stderr, "briefgen: error: %s: --%s needs %s\nTry 'briefgen %s --help'.\n",
                        cmd->name, o->name, o->arg, cmd->name);
            else
                fprintf(stderr, "briefgen: error: --%s needs %s\nTry 'briefgen --help'.\n", o->name,
                        o->arg);
            status = EXIT_USAGE;
            break;
        }
        size_t i = 0;
        while (i < total && longs[i].val != c)
            i++;
        if (i >= cmd->count) { /* one of the common options */
            status = common_option((int)(i - cmd->count), optarg);
            if (status == CLI_HELP && cmd->usage) cli_print_help(cmd);
            if (status) break;
            continue;
        }
        status = on_option((int)i, optarg, ctx);
        if (status) break;
    }
    *first = optind;
    free(longs);
    free(shorts);
    return status;
}
