/* test_cjk.c - emphasis next to CJK characters (src/compose/cjk.c,
 * docs/formats.md#markdown): the Korean cases of commonmark-spec pull
 * request 839 and of markdown-it-cjk-friendly's fixtures, written anew, and
 * proof that text without CJK next to a delimiter parses exactly as cmark
 * parses it (random strings of delimiters, letters, punctuation, spaces and
 * escapes). */
#include <cmark.h>
#include <stdlib.h>

#include "compose/blocks.h"
#include "harness.h"

/* The HTML of MD's first paragraph, without <p> and the newline. */
static char *html(const char *md, bool cjk)
{
    cmark_node *doc = cjk ? bg_markdown_parse(md, strlen(md), CMARK_OPT_DEFAULT)
                          : cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    char *out = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    cmark_node_free(doc);
    size_t len = strlen(out);
    if (len > 8 && strncmp(out, "<p>", 3) == 0 && strcmp(out + len - 5, "</p>\n") == 0) {
        memmove(out, out + 3, len - 8);
        out[len - 8] = '\0';
    }
    return out;
}

static void check(const char *md, const char *want)
{
    char *got = html(md, true);
    CHECK_STR(got, want);
    free(got);
}

int main(void)
{
    /* the two lines */
    check("**\"한반도 비핵화\"**를 강조했다.",
          "<strong>&quot;한반도 비핵화&quot;</strong>를 강조했다.");
    check("**마크다운(Markdown)**을 쓴다.", "<strong>마크다운(Markdown)</strong>을 쓴다.");
    /* a closing run after punctuation, before a particle */
    check("*'교류의 해'*를 열었다", "<em>'교류의 해'</em>를 열었다");
    check("**「합의」**에 따라", "<strong>「합의」</strong>에 따라");
    check("**“완전한 비핵화”**와 평화", "<strong>“완전한 비핵화”</strong>와 평화");
    /* an opening run after a Hangul letter, before punctuation */
    check("이것은**\"중요\"**하다", "이것은<strong>&quot;중요&quot;</strong>하다");
    check("정상은*(가칭)*협정을", "정상은<em>(가칭)</em>협정을");
    /* what CommonMark already does next to Hangul stays */
    check("**비핵화**를 논의했다", "<strong>비핵화</strong>를 논의했다");
    check("*강조*와 **굵게**", "<em>강조</em>와 <strong>굵게</strong>");
    check("(*한국*)", "(<em>한국</em>)");
    /* nested, and mixed with emphasis cmark made */
    check("**\"*비핵화*\"**를", "<strong>&quot;<em>비핵화</em>&quot;</strong>를");
    check("*강조* 그리고 **\"인용\"**을",
          "<em>강조</em> 그리고 <strong>&quot;인용&quot;</strong>을");
    /* Latin inside Korean text */
    check("**\"Nine Bridges\"**를 추진", "<strong>&quot;Nine Bridges&quot;</strong>를 추진");
    /* Japanese and Chinese too */
    check("**「日本語」**は", "<strong>「日本語」</strong>は");
    /* escaped delimiters stay literal, in text and in code */
    check("\\*\\*\"비핵화\"\\*\\*를", "**&quot;비핵화&quot;**를");
    check("`\\*코드\\*`를", "<code>\\*코드\\*</code>를");
    check("\\_밑줄\\_", "_밑줄_");
    /* an escaped backslash before a delimiter, and an autolink, which
     * takes no escapes (spec 0.31, examples 15 and 20) */
    check("\\\\*emphasis*", "\\<em>emphasis</em>");
    check("<https://example.com?find=\\*>",
          "<a href=\"https://example.com?find=%5C*\">https://example.com?find=\\*</a>");
    /* a run with nothing to pair stays text */
    check("**\"비핵화\"를", "**&quot;비핵화&quot;를");
    /* without CJK: cmark's result, even where the CJK rule would differ */
    check("**\"foo\"**bar", "**&quot;foo&quot;**bar");
    check("*\"a\"*b", "*&quot;a&quot;*b");

    /* random text without CJK: the same HTML as cmark's */
    static const char *const parts[] = {"*",   "**", "_", "__", "a",    "b",         " ",
                                        "\"",  "(",  ")", ".",  "\\*",  "\\_",       "`",
                                        "x y", "é",  "-", "\n", "\\\\", "<http://a", ">"};
    enum { PARTS = sizeof parts / sizeof parts[0] };
    unsigned seed = 12345;
    size_t same = 0, tries = 20000;
    char md[256];
    for (size_t t = 0; t < tries; t++) {
        size_t len = 0;
        int n = 2 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int k = 0; k < n; k++) {
            const char *p = parts[((seed = seed * 1103515245u + 12345u) >> 16) % PARTS];
            size_t pl = strlen(p);
            if (len + pl + 1 >= sizeof md) break;
            memcpy(md + len, p, pl);
            len += pl;
        }
        md[len] = '\0';
        char *a = html(md, false), *b = html(md, true);
        if (strcmp(a, b) == 0)
            same++;
        else if (t + 1 - same <= 5) /* the first few that differ */
            fprintf(stderr, "differs: [%s]: [%s] vs [%s]\n", md, a, b);
        free(a);
        free(b);
    }
    CHECK_INT(same, tries);
    return harness_report();
}
