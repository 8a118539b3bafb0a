/* test_diag.c - diagnostics records and did-you-mean suggestions. */
#include "base/diag.h"
#include "harness.h"

static void test_format(void)
{
    bg_diags d;
    bg_diags_init(&d);
    bg_diag_add(&d, BG_ERROR, "a.yaml", 3, 7, "unknown theme '%s'", "x");
    bg_diag_add(&d, BG_WARNING, "b.md", 0, 0, "empty file");
    bg_diag_add(&d, BG_WARNING, NULL, 0, 0, "no file");
    char buf[256];
    CHECK_INT(d.count, 3);
    CHECK_INT(d.errors, 1);
    CHECK_INT(d.warnings, 2);
    CHECK_STR(bg_diag_format(&d.items[0], buf, sizeof buf), "a.yaml:3:7: error: unknown theme 'x'");
    CHECK_STR(bg_diag_format(&d.items[1], buf, sizeof buf), "b.md: warning: empty file");
    CHECK_STR(bg_diag_format(&d.items[2], buf, sizeof buf), "briefgen: warning: no file");
    bg_diags_free(&d);
    CHECK_INT(d.count, 0);
}

static void test_many(void)
{
    bg_diags d;
    bg_diags_init(&d);
    for (int i = 0; i < 1000; i++)
        bg_diag_add(&d, BG_ERROR, "f", i + 1, 1, "problem %d", i);
    CHECK_INT(d.count, 1000);
    CHECK_INT(d.items[999].line, 1000);
    bg_diags_free(&d);
}

static void test_suggest(void)
{
    const char *themes[] = {"denuclearization", "nine-bridges", "trade"};
    CHECK_INT(bg_edit_distance("kitten", "sitting"), 3);
    CHECK_INT(bg_edit_distance("", "abc"), 3);
    CHECK_INT(bg_edit_distance("same", "same"), 0);
    CHECK_STR(bg_suggest("nine-bridge", themes, 3), "nine-bridges");
    CHECK_STR(bg_suggest("denuclearisation", themes, 3), "denuclearization");
    CHECK_STR(bg_suggest("trad", themes, 3), "trade");
    CHECK(bg_suggest("economy", themes, 3) == NULL);
    CHECK(bg_suggest("x", themes, 3) == NULL);
    const char *kinds[] = {"summit", "phone-call"};
    CHECK_STR(bg_suggest("sumit", kinds, 2), "summit");
    CHECK_STR(bg_suggest("phonecall", kinds, 2), "phone-call");
}

int main(void)
{
    test_format();
    test_many();
    test_suggest();
    return harness_report();
}
