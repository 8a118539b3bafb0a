/* test_yamlx.c - the positioned YAML tree and its limits. */
#include <stdlib.h>

#include "load/yamlx.h"
#include "harness.h"

static bg_ynode *parse(bg_arena *a, bg_diags *d, const char *text, int first_line)
{
    bg_ynode *root = NULL;
    bg_yaml_parse(a, text, strlen(text), "t.yaml", first_line, d, &root);
    return root;
}

static void test_positions(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    bg_ynode *root =
        parse(&a, &d, "title: Hello\nlist:\n  - one\n  - \"two\"\nblock: |\n  text\n", 1);
    CHECK(root && root->kind == BG_Y_MAP);
    CHECK_INT(d.count, 0);
    bg_ynode *title = bg_ymap_get(root, "title");
    CHECK_STR(title->value, "Hello");
    CHECK_INT(title->line, 1);
    CHECK_INT(title->col, 8);
    CHECK(title->plain);
    bg_ynode *list = bg_ymap_get(root, "list");
    CHECK_INT(list->kind, BG_Y_SEQ);
    CHECK_INT(list->count, 2);
    CHECK_INT(list->items[1]->line, 4);
    CHECK_INT(list->items[1]->col, 5);
    CHECK(!list->items[1]->plain);
    bg_ynode *block = bg_ymap_get(root, "block");
    CHECK(block->block);
    CHECK_STR(block->value, "text\n");
    CHECK(bg_ymap_get(root, "missing") == NULL);
    bg_arena_free(&a);
    bg_diags_free(&d);
}

static void test_offset_and_errors(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    /* front matter starts on line 2 of its file */
    bg_ynode *root = parse(&a, &d, "id: x\ndate: [2019\n", 2);
    CHECK(root == NULL);
    CHECK_INT(d.errors, 1);
    CHECK(d.count && d.items[0].line >= 3);
    CHECK(d.count && strstr(d.items[0].message, "malformed YAML") != NULL);
    bg_diags_free(&d);

    bg_diags_init(&d);
    root = parse(&a, &d, "a: 1\na: 2\n", 1);
    CHECK(root != NULL);
    CHECK_INT(d.errors, 1);
    CHECK_INT(d.items[0].line, 2);
    CHECK_STR(d.items[0].message, "duplicate key 'a' (first given on line 1)");
    CHECK_INT(root->count, 1);
    bg_diags_free(&d);

    bg_diags_init(&d);
    root = parse(&a, &d, "a: &x 1\nb: *x\nc: *x\n", 1);
    CHECK(root != NULL);
    CHECK_INT(d.errors, 2);
    CHECK_INT(bg_ymap_get(root, "b")->kind, BG_Y_INVALID);
    bg_diags_free(&d);

    bg_diags_init(&d);
    root = parse(&a, &d, "", 1);
    CHECK(root == NULL);
    CHECK_INT(d.errors, 0);
    bg_diags_free(&d);

    bg_diags_init(&d);
    root = parse(&a, &d, "a: 1\n---\nb: 2\n", 1);
    CHECK(root == NULL);
    CHECK_INT(d.errors, 1);
    bg_diags_free(&d);
    bg_arena_free(&a);
}

static void test_depth(void)
{
    bg_arena a = {0};
    bg_diags d;
    char text[256];
    for (int depth = 63; depth <= 66; depth++) {
        bg_diags_init(&d);
        int n = 0;
        for (int i = 0; i < depth; i++)
            text[n++] = '[';
        for (int i = 0; i < depth; i++)
            text[n++] = ']';
        text[n] = '\0';
        parse(&a, &d, text, 1);
        CHECK_INT(d.errors, depth > BG_YAML_MAX_DEPTH ? 1 : 0);
        bg_diags_free(&d);
    }
    bg_arena_free(&a);
}

static void test_huge_scalar(void)
{
    bg_arena a = {0};
    bg_diags d;
    bg_diags_init(&d);
    size_t n = BG_YAML_MAX_SCALAR + 10;
    char *text = malloc(n + 8);
    memcpy(text, "k: ", 3);
    memset(text + 3, 'x', n);
    strcpy(text + 3 + n, "\n");
    bg_ynode *root = parse(&a, &d, text, 1);
    CHECK_INT(d.errors, 1);
    CHECK(root && bg_ymap_get(root, "k")->kind == BG_Y_INVALID);
    free(text);
    bg_diags_free(&d);
    bg_arena_free(&a);
}

int main(void)
{
    test_positions();
    test_offset_and_errors();
    test_depth();
    test_huge_scalar();
    return harness_report();
}
