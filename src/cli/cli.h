/* cli.h - the commands of the briefgen command line and the helpers they
 * share (cli.c); only this layer prints and chooses exit statuses, and it
 * sees the library through briefgen.h alone. */
#ifndef BRIEFGEN_CLI_H
#define BRIEFGEN_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "briefgen.h"

enum { EXIT_DONE = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

int cmd_check(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_fonts(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_watch(int argc, char **argv);

/* The exit status for a library status. */
int cli_exit(bg_status status);
/* How diagnostics are shown: --color, --diagnostic-format, -W error. */
typedef enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color_mode;
typedef struct cli_config {
    cli_color_mode color;
    bool json;   /* one JSON object a line */
    bool werror; /* warnings fail the run */
} cli_config;
extern cli_config cli_settings;

/* Prints DIAGS to stderr sorted by file, line and column, each distinct
 * line once (briefs sharing a corpus report its problems once): as text,
 * with the source line and a caret when stderr is a terminal, coloured
 * when cli_color(); or as JSON lines. */
void cli_print_diags(const bg_diags *diags);
/* Whether diagnostics are coloured: --color, else a terminal without
 * NO_COLOR (https://no-color.org) or TERM=dumb. */
bool cli_color(void);
/* STATUS, or EXIT_INPUT when it is EXIT_DONE, DIAGS has warnings and -W
 * error is on. */
int cli_status_of(const bg_diags *diags, int status);
/* S on OUT with its control characters (C0, DEL, C1) written as \xHH or
 * \u00HH: text from the input never reaches a terminal as commands. */
void cli_put_clean(FILE *out, const char *s);
/* STATUS, or EXIT_SYSTEM (with a message) when what was printed on
 * standard output could not all be written (a full disk, a closed
 * descriptor): an output lost is a failure, never silent. */
int cli_flush_stdout(int status);
/* 0, or a usage error (EXIT_USAGE) when '-' (standard input, read once)
 * is among the COUNT briefs more than once. */
int cli_stdin_once(const char *command, char *const *briefs, int count);
/* "briefgen: error: ..." on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Signals (signals.c): installs the handlers of "render" (SIGINT, SIGTERM,
 * SIGHUP remove the temporary files and end the process of the same
 * signal; crashes remove them too) and resets SIGCHLD to the default. */
void cli_signals_init(void);
/* Makes this process a -j parent whose running children are in TABLE
 * (SLOTS entries, 0 for an empty one; NULL: no longer a parent): a stop
 * signal is passed to them and noted for cli_signals_pending. */
void cli_signals_parent(pid_t *table, size_t slots);
/* The parent renders a brief itself (no process to spare): a stop signal
 * then ends it, after its children, as it ends a child. */
void cli_signals_rendering_here(bool yes);
/* The stop signal the parent received, or 0. */
int cli_signals_pending(void);
/* Removes the temporary files and dies of SIG. */
void cli_signals_die(int sig) __attribute__((noreturn));

/* Adds a --set VALUE to O; 0, or EXIT_SYSTEM without memory. */
int cli_set_add(bg_open_options *o, const char *value);
void cli_set_free(bg_open_options *o);

/* JSON string literal of UTF-8 text S. */
void json_string(FILE *out, const char *s);

#endif
