/* options.h - every command's options, parsed with getopt_long(3) as GNU
 * tools parse theirs: long forms, --opt=value and --opt value, -oFILE,
 * clustered flags (-qv), "--" ends the options, options and operands in any
 * order. Each command declares a table of its options; the parser adds
 * the common options (-C/--directory, --color, --diagnostic-format,
 * -W error/--werror, -h/--help) to every one, prints the command's help, and
 * names the command's options when one is unknown (exit 2). */
#ifndef BRIEFGEN_OPTIONS_H
#define BRIEFGEN_OPTIONS_H

#include <stddef.h>

/* One option: its long name, its letter (0 for none), the name of its
 * argument (NULL for a flag) and a line of help. */
typedef struct cli_opt {
    const char *name;
    int letter;
    const char *arg;
    const char *help;
} cli_opt;

/* A command: its name, the forms it is used in (one per line, without
 * "briefgen NAME"), what it does, its options and a closing paragraph
 * (NULL for none). USAGE NULL: the options before the command (parsing
 * stops at the first operand, and -h only returns CLI_HELP). */
typedef struct cli_command {
    const char *name;
    const char *usage;
    const char *summary;
    const cli_opt *opts;
    size_t count;
    const char *more;
} cli_command;

/* The commands, for "briefgen help CMD" and completion of their names. */
extern const cli_command cli_render_command, cli_check_command, cli_list_command, cli_fonts_command,
    cli_init_command, cli_watch_command;

/* What cli_parse returns once it has printed the help: the command stops
 * there with exit status 0. */
enum { CLI_HELP = -1 };

/* Parses ARGV[1..ARGC) for CMD, calling ON_OPTION(INDEX into CMD->opts,
 * VALUE or NULL, CTX) for each option in order; -C changes folder and -h
 * prints the help. On success returns 0 with the operands moved to
 * ARGV[*FIRST..ARGC). Otherwise returns CLI_HELP after the help, an exit
 * status after a message, or whatever ON_OPTION returned that was not 0. */
int cli_parse(const cli_command *cmd, int argc, char **argv, int *first,
              int (*on_option)(int index, const char *value, void *ctx), void *ctx);

/* Prints CMD's help to standard output. */
void cli_print_help(const cli_command *cmd);

#endif
