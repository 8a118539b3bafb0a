/* yamlx.h - libyaml events turned into a small tree that keeps the line and
 * column of every node, with limits for untrusted input: aliases are an
 * error (never expanded), nesting is capped, scalars are capped. */
#ifndef BRIEFGEN_YAMLX_H
#define BRIEFGEN_YAMLX_H

#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

#define BG_YAML_MAX_DEPTH 64
#define BG_YAML_MAX_SCALAR ((size_t)1024 * 1024)

typedef enum {
    BG_Y_SCALAR,
    BG_Y_SEQ,
    BG_Y_MAP,
    BG_Y_INVALID /* stands in for a node already reported (alias, oversize scalar) */
} bg_ynode_kind;

typedef struct bg_ynode bg_ynode;
struct bg_ynode {
    bg_ynode_kind kind;
    int line; /* 1-based line in the file */
    int col;  /* 1-based column in the file */
    /* scalars */
    const char *value; /* NUL-terminated */
    size_t len;
    int plain; /* unquoted flow scalar: may be null/bool/number */
    int block; /* literal or folded block scalar: text starts on the next line */
    /* sequences (items) and mappings (keys[i] -> items[i]) */
    bg_ynode **items;
    bg_ynode **keys;
    size_t count;
};

/* Parses TEXT (LEN bytes of valid UTF-8) of FILE, whose first line is line
 * FIRST_LINE of the file. On success returns 0 and sets *ROOT (NULL for an
 * empty document). Returns -1 after adding diagnostics when the YAML is
 * malformed; problems that leave the tree usable (aliases, oversize scalars,
 * duplicate keys) are reported and the node replaced by BG_Y_INVALID. */
int bg_yaml_parse(bg_arena *arena, const char *text, size_t len, const char *file, int first_line,
                  bg_diags *diags, bg_ynode **root);

/* The value of KEY in mapping MAP, or NULL. */
bg_ynode *bg_ymap_get(const bg_ynode *map, const char *key);
/* A plain scalar spelling null (~, null, empty). */
int bg_ynode_is_null(const bg_ynode *node);

#endif
