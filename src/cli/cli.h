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

/* The exit status for a library status. */
int cli_exit(bg_status status);
/* Prints DIAGS to stderr, each distinct line once (briefs sharing a corpus
 * report its problems once). */
void cli_print_diags(const bg_diags *diags);
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

/* JSON string literal of UTF-8 text S. */
void json_string(FILE *out, const char *s);

#endif
