/* json.c - JSON string escaping for "briefgen list --format json" and
 * --diagnostic-format=json. */
#include "cli.h"

/* The length of the well-formed UTF-8 sequence at P (RFC 3629: no
 * overlong form, no surrogate, nothing past U+10FFFF), or 0. */
static int utf8_sequence(const unsigned char *p)
{
    int n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || p[0] > 0xF4) return 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80) return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return n;
}

void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        case '\b':
            fputs("\\b", out);
            break;
        case '\f':
            fputs("\\f", out);
            break;
        default:
            if (*p < 0x20 || *p == 0x7F) {
                fprintf(out, "\\u%04x", *p);
            } else if (*p < 0x80) {
                fputc(*p, out);
            } else {
                /* JSON is UTF-8 (RFC 8259 8.1): a byte that is not (a file
                 * name is any bytes) becomes U+FFFD */
                int n = utf8_sequence(p);
                if (n == 0) {
                    fputs("\\ufffd", out);
                } else {
                    fwrite(p, 1, (size_t)n, out);
                    p += n - 1;
                }
            }
        }
    }
    fputc('"', out);
}
