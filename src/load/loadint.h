/* loadint.h - helpers shared by the loaders (internal). */
#ifndef BRIEFGEN_LOADINT_H
#define BRIEFGEN_LOADINT_H

#include "load/fields.h"

/* docs/formats.md#ids: [a-z0-9][a-z0-9-]* */
int bg_id_valid(const char *id);
/* The catalogue's ids as an array for suggestions (arena memory). */
const char **bg_themes_ids(bg_arena *arena, const bg_themes *themes);
/* True when ID names a catalogue entry that was left out for its errors. */
int bg_themes_known_invalid(const bg_themes *themes, const char *id);
/* Reports an unknown theme id with a did-you-mean (nothing when the theme
 * exists but was left out for its own errors). */
void bg_unknown_theme(bg_fctx *ctx, const bg_themes *themes, const char *id, int line, int col);
/* Parses TEXT's Markdown and warns about raw HTML (shown as text, README, "Typesetting"). */
void bg_markdown_check(bg_fctx *ctx, const bg_text *text);
/* The same over an already parsed cmark document (a cmark_node *) whose
 * first line is FIRST_LINE of the file. */
void bg_markdown_check_tree(bg_fctx *ctx, void *doc, int first_line);

#endif
