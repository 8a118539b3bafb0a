/* yamlx.c - libyaml's event stream folded into a positioned tree (yamlx.h).
 * Aliases are reported and never expanded, so an alias bomb costs nothing;
 * depth and scalar size are capped before any structure grows. */
#include "base/arena.h"
#include "base/util.h"
#include "load/yamlx.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct builder {
    bg_arena *arena;
    const char *file;
    int first_line;
    bg_diags *diags;
    /* the open collections, innermost last */
    bg_ynode *stack[BG_YAML_MAX_DEPTH + 1];
    /* growable child arrays of the open collections (heap, moved to the arena on close) */
    bg_ynode **children[BG_YAML_MAX_DEPTH + 1];
    size_t child_count[BG_YAML_MAX_DEPTH + 1];
    size_t child_cap[BG_YAML_MAX_DEPTH + 1];
    int depth;
    bg_ynode *root;
    int oom;
} builder;

static bg_ynode *node_new(builder *b, bg_ynode_kind kind, yaml_mark_t mark)
{
    bg_ynode *node = bg_arena_alloc(b->arena, sizeof *node);
    if (!node) {
        b->oom = 1;
        return NULL;
    }
    node->kind = kind;
    node->line = (int)mark.line + b->first_line;
    node->col = (int)mark.column + 1;
    return node;
}

/* Appends NODE to the innermost open collection, or makes it the root. */
static int attach(builder *b, bg_ynode *node)
{
    if (b->depth == 0) {
        b->root = node;
        return 0;
    }
    int d = b->depth;
    bg_ynode **grown =
        bg_grow(b->children[d], b->child_count[d], &b->child_cap[d], sizeof *grown, 8);
    if (!grown) {
        b->oom = 1;
        return -1;
    }
    b->children[d] = grown;
    b->children[d][b->child_count[d]++] = node;
    return 0;
}

/* Splits a mapping's alternating children into keys and values and reports
 * duplicate or non-scalar keys. */
static void close_map(builder *b, bg_ynode *map, bg_ynode **kids, size_t n)
{
    size_t pairs = n / 2;
    map->keys = bg_arena_alloc(b->arena, (pairs ? pairs : 1) * sizeof *map->keys);
    map->items = bg_arena_alloc(b->arena, (pairs ? pairs : 1) * sizeof *map->items);
    if (!map->keys || !map->items) {
        b->oom = 1;
        return;
    }
    size_t count = 0;
    /* duplicate keys through an open-addressed table of key indexes */
    size_t cap = 16;
    while (cap < pairs * 2)
        cap *= 2;
    size_t *slots = calloc(cap, sizeof *slots); /* index + 1, 0 empty */
    if (!slots) {
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i + 1 < n; i += 2) {
        bg_ynode *key = kids[i], *value = kids[i + 1];
        if (key->kind != BG_Y_SCALAR) {
            if (key->kind != BG_Y_INVALID)
                bg_diag_add(b->diags, BG_ERROR, b->file, key->line, key->col,
                            "a mapping key must be a plain string");
            continue;
        }
        uint64_t h = bg_fnv1a(key->value, strlen(key->value));
        size_t k = (size_t)h & (cap - 1);
        int duplicate = 0;
        while (slots[k]) {
            const bg_ynode *other = map->keys[slots[k] - 1];
            if (strcmp(other->value, key->value) == 0) {
                bg_diag_add(b->diags, BG_ERROR, b->file, key->line, key->col,
                            "duplicate key '%s' (first given on line %d)", key->value, other->line);
                duplicate = 1;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
        if (duplicate) continue;
        slots[k] = count + 1;
        map->keys[count] = key;
        map->items[count] = value;
        count++;
    }
    free(slots);
    map->count = count;
}

static void close_collection(builder *b)
{
    int d = b->depth;
    bg_ynode *node = b->stack[d];
    bg_ynode **kids = b->children[d];
    size_t n = b->child_count[d];
    if (node->kind == BG_Y_MAP) {
        close_map(b, node, kids, n);
    } else {
        node->items = bg_arena_alloc(b->arena, (n ? n : 1) * sizeof *node->items);
        if (node->items) {
            if (n) memcpy(node->items, kids, n * sizeof *kids);
            node->count = n;
        } else {
            b->oom = 1;
        }
    }
    free(kids);
    b->children[d] = NULL;
    b->child_count[d] = b->child_cap[d] = 0;
    b->depth--;
    attach(b, node);
}

/* The character at line LINE, column COL (0-based, in characters) of TEXT. */
static unsigned char char_at(const char *text, size_t len, size_t line, size_t col)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < len; i++)
        if (text[i] == '\n') l++;
    for (size_t c = 0; c < col && i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80 && c++ == col) break;
    while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
        i++;
    return i < len ? (unsigned char)text[i] : 0;
}

/* libyaml's problems (its scanner.c and parser.c) in the project's words:
 * what is wrong and what to write instead. */
static const struct {
    const char *problem, *context; /* substrings; context NULL for any */
    const char *words;
} rewrites[] = {
    {"tab character that violates indentation", NULL,
     "tab character used for indentation; indent with spaces"},
    {"mapping values are not allowed", NULL,
     "unexpected ':'; quote a value that contains ': ', and start each key at its mapping's "
     "indentation"},
    {"did not find expected key", NULL,
     "this line is neither a key of the mapping above nor part of its value; check its "
     "indentation"},
    {"did not find expected '-' indicator", NULL,
     "this line is inside a list but is not an item ('- '); check its indentation"},
    {"did not find expected ',' or ']'", NULL,
     "the list opened with '[' here is not closed with ']' (or lacks a ',' between items)"},
    {"did not find expected ',' or '}'", NULL,
     "the mapping opened with '{' here is not closed with '}' (or lacks a ',' between entries)"},
    {"unexpected end of stream", "quoted scalar", "the quoted text opened here is never closed"},
    {"unexpected end of stream", NULL, "the file ends in the middle of a value"},
    {"unknown escape character", NULL,
     "an unknown escape in double-quoted text; write a backslash as '\\\\', or use single "
     "quotes"},
    {"invalid Unicode character escape", NULL, "an escape '\\u...' that is not a valid character"},
    {"control characters are not allowed", NULL,
     "a control character; the file must be plain text"},
    {"did not find expected node content", NULL, "a value is missing here"},
    {"block sequence entries are not allowed", NULL,
     "a list item ('- ') on the line of its key; start the list on the next line, indented"},
    {"could not find expected ':'", NULL,
     "a key without ':', or a line of a value that lost its indentation"},
    {"tag", NULL, "YAML tags ('!') have no meaning in briefgen's files; remove it"},
    {"directive", NULL, "a YAML directive ('%') has no meaning in briefgen's files; remove it"},
    {"did not find expected <document start>", NULL,
     "more text after the end of the document; remove it or the '...' before it"},
};

static void report_parser_error(builder *b, const yaml_parser_t *parser, const char *text,
                                size_t len)
{
    const char *problem = parser->problem ? parser->problem : "unknown problem";
    yaml_mark_t mark = parser->problem_mark;
    if (parser->error == YAML_MEMORY_ERROR) {
        bg_diag_add(b->diags, BG_ERROR, b->file, 0, 0, "out of memory while reading YAML");
        return;
    }
    int line = (int)mark.line + b->first_line, col = (int)mark.column + 1;
    if (strstr(problem, "cannot start any token")) {
        int c = char_at(text, len, mark.line, mark.column);
        if (c == '\t')
            bg_diag_add(b->diags, BG_ERROR, b->file, line, col,
                        "malformed YAML: tab character used for indentation; indent with spaces");
        else if (c > ' ' && c < 0x7F)
            bg_diag_add(b->diags, BG_ERROR, b->file, line, col,
                        "malformed YAML: '%c' cannot begin a value; put the value in quotes", c);
        else
            bg_diag_add(b->diags, BG_ERROR, b->file, line, col,
                        "malformed YAML: this character cannot begin a value; put the value in "
                        "quotes");
        return;
    }
    /* an unclosed quote or bracket is reported where it was opened */
    if (parser->context &&
        (strstr(parser->context, "quoted scalar") || strstr(parser->context, "flow sequence") ||
         strstr(parser->context, "flow mapping"))) {
        line = (int)parser->context_mark.line + b->first_line;
        col = (int)parser->context_mark.column + 1;
    }
    for (size_t i = 0; i < sizeof rewrites / sizeof rewrites[0]; i++) {
        if (!strstr(problem, rewrites[i].problem)) continue;
        if (rewrites[i].context &&
            !(parser->context && strstr(parser->context, rewrites[i].context)))
            continue;
        bg_diag_add(b->diags, BG_ERROR, b->file, line, col, "malformed YAML: %s",
                    rewrites[i].words);
        return;
    }
    bg_diag_add(b->diags, BG_ERROR, b->file, line, col, "malformed YAML: %s", problem);
}

/* Handles one event; returns 1 at the end of the stream, -1 to stop. */
static int on_event(builder *b, const yaml_event_t *ev, int *documents)
{
    bg_ynode *node;
    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        return 1;
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1) {
            bg_diag_add(b->diags, BG_ERROR, b->file, (int)ev->start_mark.line + b->first_line,
                        (int)ev->start_mark.column + 1,
                        "more than one YAML document; expected exactly one");
            return -1;
        }
        return 0;
    case YAML_ALIAS_EVENT:
        bg_diag_add(b->diags, BG_ERROR, b->file, (int)ev->start_mark.line + b->first_line,
                    (int)ev->start_mark.column + 1,
                    "YAML alias '*%s' is not allowed; write the value out",
                    (const char *)ev->data.alias.anchor);
        node = node_new(b, BG_Y_INVALID, ev->start_mark);
        return node && attach(b, node) == 0 ? 0 : -1;
    case YAML_SCALAR_EVENT:
        if (ev->data.scalar.length > BG_YAML_MAX_SCALAR) {
            bg_diag_add(b->diags, BG_ERROR, b->file, (int)ev->start_mark.line + b->first_line,
                        (int)ev->start_mark.column + 1,
                        "value too large (%zu bytes; the limit is 1 MiB)", ev->data.scalar.length);
            node = node_new(b, BG_Y_INVALID, ev->start_mark);
            return node && attach(b, node) == 0 ? 0 : -1;
        }
        /* an escape ("\0", "\x00", "\u0000") can put a NUL in a value: the
         * C strings it becomes would end there and lose the rest */
        if (memchr(ev->data.scalar.value, 0, ev->data.scalar.length)) {
            bg_diag_add(
                b->diags, BG_ERROR, b->file, (int)ev->start_mark.line + b->first_line,
                (int)ev->start_mark.column + 1,
                "a NUL character (an escape such as '\\0') cannot be in a value; remove it");
            node = node_new(b, BG_Y_INVALID, ev->start_mark);
            return node && attach(b, node) == 0 ? 0 : -1;
        }
        node = node_new(b, BG_Y_SCALAR, ev->start_mark);
        if (!node) return -1;
        node->value =
            bg_arena_strndup(b->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
        if (!node->value) {
            b->oom = 1;
            return -1;
        }
        node->len = ev->data.scalar.length;
        node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        node->block = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                      ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        return attach(b, node);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (b->depth >= BG_YAML_MAX_DEPTH) {
            bg_diag_add(b->diags, BG_ERROR, b->file, (int)ev->start_mark.line + b->first_line,
                        (int)ev->start_mark.column + 1, "nesting deeper than %d levels",
                        BG_YAML_MAX_DEPTH);
            return -1;
        }
        node =
            node_new(b, ev->type == YAML_MAPPING_START_EVENT ? BG_Y_MAP : BG_Y_SEQ, ev->start_mark);
        if (!node) return -1;
        b->depth++;
        b->stack[b->depth] = node;
        return 0;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (b->depth > 0) close_collection(b);
        return b->oom ? -1 : 0;
    default:
        return 0;
    }
}

int bg_yaml_parse(bg_arena *arena, const char *text, size_t len, const char *file, int first_line,
                  bg_diags *diags, bg_ynode **root)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.arena = arena;
    b.file = file;
    b.first_line = first_line;
    b.diags = diags;
    *root = NULL;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        bg_diag_add(diags, BG_ERROR, file, 0, 0, "out of memory while reading YAML");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    int documents = 0, status = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_parser_error(&b, &parser, text, len);
            status = -1;
            break;
        }
        int r = on_event(&b, &ev, &documents);
        yaml_event_delete(&ev);
        if (r == 1) break;
        if (r < 0) {
            status = -1;
            break;
        }
    }
    yaml_parser_delete(&parser);
    for (int d = 0; d <= BG_YAML_MAX_DEPTH; d++)
        free(b.children[d]);
    if (b.oom) {
        bg_diag_add(diags, BG_ERROR, file, 0, 0, "out of memory while reading YAML");
        status = -1;
    }
    if (status == 0) *root = b.root;
    return status;
}

bg_ynode *bg_ymap_get(const bg_ynode *map, const char *key)
{
    if (!map || map->kind != BG_Y_MAP) return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i]->value, key) == 0) return map->items[i];
    return NULL;
}

int bg_ynode_is_null(const bg_ynode *node)
{
    if (!node || node->kind != BG_Y_SCALAR || !node->plain) return 0;
    return node->len == 0 || strcmp(node->value, "~") == 0 || strcmp(node->value, "null") == 0 ||
           strcmp(node->value, "Null") == 0 || strcmp(node->value, "NULL") == 0;
}
