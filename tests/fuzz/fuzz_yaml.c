/* fuzz_yaml.c - fuzz target: arbitrary bytes through UTF-8 repair and the
 * positioned YAML reader. */
#include "base/util.h"
#include "load/yamlx.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bg_arena arena = {0};
    bg_diags diags;
    bg_diags_init(&diags);
    size_t len, bad, count;
    char *text = bg_utf8_sanitize(&arena, (const char *)data, size, &len, &bad, &count);
    bg_ynode *root;
    if (text) bg_yaml_parse(&arena, text, len, "fuzz.yaml", 1, &diags, &root);
    bg_diags_free(&diags);
    bg_arena_free(&arena);
    return 0;
}
