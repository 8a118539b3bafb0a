/* fuzz_brief.c - fuzz target: arbitrary bytes as a brief definition. */
#include <string.h>

#include "load/load.h"
#include "base/util.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bg_arena arena = {0};
    bg_diags diags;
    bg_diags_init(&diags);
    size_t len, bad, count;
    char *text = bg_utf8_sanitize(&arena, (const char *)data, size, &len, &bad, &count);
    bg_brief brief;
    if (text && strlen(text) == len) bg_brief_parse(&arena, "fuzz.yaml", text, len, &diags, &brief);
    bg_diags_free(&diags);
    bg_arena_free(&arena);
    return 0;
}
