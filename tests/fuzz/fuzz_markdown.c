/* fuzz_markdown.c - fuzz target: arbitrary bytes as Markdown through
 * cmark into briefgen's blocks and inline runs (image paths resolved under
 * the current folder, the files probed). */
#include <string.h>

#include "compose/blocks.h"
#include "compose/images.h"
#include "base/util.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bg_arena arena = {0};
    size_t len, bad, count;
    char *text = bg_utf8_sanitize(&arena, (const char *)data, size, &len, &bad, &count);
    if (text && strlen(text) == len) {
        bg_text t = {text, "fuzz/fuzz.md", 1};
        bg_block *blocks;
        size_t n;
        bg_diags diags;
        bg_diags_init(&diags);
        bg_images images;
        bg_images_init(&images, &arena, ".", &diags);
        bg_markdown_blocks(&arena, &t, &diags, &images, &blocks, &n);
        bg_images_free(&images);
        bg_diags_free(&diags);
    }
    bg_arena_free(&arena);
    return 0;
}
