/* cli.h - the commands of the briefgen command line and the helpers they
 * share (cli.c); only this layer prints and chooses exit statuses, and it
 * sees the library through briefgen.h alone. */
#ifndef BRIEFGEN_CLI_H
#define BRIEFGEN_CLI_H

#include <stdio.h>

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
/* Handles "-C DIR" at argv[*i]; returns 0, or an exit status on failure. */
int cli_change_dir(int argc, char **argv, int *i);

/* JSON string literal of UTF-8 text S. */
void json_string(FILE *out, const char *s);

#endif
