/* util.c - reading untrusted text files, UTF-8 repair and path helpers. */
#include "base/util.h"
#include "base/arena.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Length of the valid UTF-8 sequence at S (N bytes left), 0 when invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_valid_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (n < need) return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < need; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return need;
}

char *bg_utf8_sanitize(bg_arena *arena, const char *in, size_t len, size_t *out_len,
                       size_t *bad_offset, size_t *bad_count)
{
    const unsigned char *s = (const unsigned char *)in;
    *bad_offset = (size_t)-1;
    *bad_count = 0;
    /* each invalid byte grows to the 3 bytes of U+FFFD */
    size_t need = len;
    for (size_t i = 0; i < len;) {
        size_t k = utf8_valid_length(s + i, len - i);
        need += k ? 0 : 2;
        i += k ? k : 1;
    }
    char *out = bg_arena_alloc(arena, need + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t k = utf8_valid_length(s + i, len - i);
        if (k == 0) {
            if (*bad_offset == (size_t)-1) *bad_offset = i;
            (*bad_count)++;
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

static bool uri_escaped(unsigned char c)
{
    return c <= 0x20 || c >= 0x7F || strchr("\"<>\\()", c);
}

size_t bg_uri_encoded_length(const char *uri)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++)
        n += uri_escaped(*p) ? 3 : 1;
    return n;
}

char *bg_uri_encode(const char *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = malloc(bg_uri_encoded_length(uri) + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)uri; *p; p++) {
        if (uri_escaped(*p)) {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        } else {
            out[o++] = (char)*p;
        }
    }
    out[o] = '\0';
    return out;
}

size_t bg_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t bg_utf8_decode(const char *str, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && s[1]) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

uint64_t bg_fnv1a(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3u;
    return h;
}

uint64_t bg_checksum(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0x9e3779b97f4a7c15u ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    for (; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3u;
    return h;
}

size_t bg_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

size_t bg_utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* 1-based line and column (in characters) of byte OFFSET of TEXT. */
static void position_of(const char *text, size_t offset, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

int bg_read_text_file(bg_arena *arena, const char *path, bg_diags *diags, char **text, size_t *len)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "is a directory, expected a file");
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "not a regular file");
        return -1;
    }
    if ((unsigned long long)st.st_size > BG_MAX_FILE_SIZE) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "file too large (%lld bytes; the limit is 32 MiB)",
                    (long long)st.st_size);
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    char *raw = bg_arena_alloc(arena, (size_t)st.st_size + 1);
    size_t n = raw ? fread(raw, 1, (size_t)st.st_size + 1, f) : 0;
    int read_error = ferror(f);
    fclose(f);
    if (!raw || read_error) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, raw ? "cannot read" : "out of memory");
        return -1;
    }
    if (n > (size_t)st.st_size) n = (size_t)st.st_size; /* grew while reading */
    return bg_text_clean(arena, path, raw, n, diags, text, len);
}

int bg_read_text_stream(bg_arena *arena, FILE *in, const char *name, bg_diags *diags, char **text,
                        size_t *len)
{
    size_t n = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap) {
            size_t want = cap ? cap * 2 : 65536;
            if (want > BG_MAX_FILE_SIZE + 1) want = BG_MAX_FILE_SIZE + 1;
            char *grown = want > cap ? realloc(buf, want) : NULL;
            if (!grown) {
                free(buf);
                if (want <= cap)
                    bg_diag_add(diags, BG_ERROR, name, 0, 0,
                                "too large (more than %zu bytes; the limit is 32 MiB)",
                                BG_MAX_FILE_SIZE);
                else
                    bg_diag_add(diags, BG_ERROR, name, 0, 0, "out of memory");
                return -1;
            }
            buf = grown;
            cap = want;
        }
        size_t got = fread(buf + n, 1, cap - n, in);
        n += got;
        if (got == 0) break;
    }
    if (ferror(in)) {
        free(buf);
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    char *raw = bg_arena_alloc(arena, n + 1);
    if (raw && n) memcpy(raw, buf, n);
    free(buf);
    if (!raw) {
        bg_diag_add(diags, BG_ERROR, name, 0, 0, "out of memory");
        return -1;
    }
    return bg_text_clean(arena, name, raw, n, diags, text, len);
}

int bg_text_clean(bg_arena *arena, const char *path, char *raw, size_t n, bg_diags *diags,
                  char **text, size_t *len)
{
    size_t start = 0;
    if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) start = 3;
    size_t only_space = 1;
    for (size_t i = start; i < n && only_space; i++)
        if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r') only_space = 0;
    if (only_space) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "empty file");
        return -1;
    }
    if (n >= 2 && ((unsigned char)raw[0] == 0xFF && (unsigned char)raw[1] == 0xFE)) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "UTF-16 text: save the file as UTF-8");
        return -1;
    }
    if (n >= 2 && ((unsigned char)raw[0] == 0xFE && (unsigned char)raw[1] == 0xFF)) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "UTF-16 text: save the file as UTF-8");
        return -1;
    }
    const char *nul = memchr(raw + start, '\0', n - start);
    if (nul) {
        int line, col;
        position_of(raw + start, (size_t)(nul - raw) - start, &line, &col);
        bg_diag_add(diags, BG_ERROR, path, line, col,
                    "binary file: NUL byte where text was expected");
        return -1;
    }
    /* CR LF and a lone CR -> LF, in place (cmark and libyaml take both as
     * line ends; positions count LF) */
    const char *cr = memchr(raw + start, '\r', n - start);
    size_t w = cr ? (size_t)(cr - raw) : n; /* (nothing to do before the first CR) */
    for (size_t r = w; r < n; r++) {
        if (raw[r] == '\r' && r + 1 < n && raw[r + 1] == '\n') continue;
        raw[w++] = raw[r] == '\r' ? '\n' : raw[r];
    }
    n = w;
    raw[n] = '\0';
    size_t bad_offset = 0, bad_count = 0, out_len = n - start;
    /* valid UTF-8 (nearly always) is used where it was read; else a copy
     * with U+FFFD for each bad byte */
    size_t valid = start;
    while (valid < n) {
        uint64_t word; /* ASCII eight bytes at a time */
        while (n - valid >= 8 && (memcpy(&word, raw + valid, 8), !(word & 0x8080808080808080u)))
            valid += 8;
        if (valid == n) break;
        size_t k = utf8_valid_length((const unsigned char *)raw + valid, n - valid);
        if (!k) break;
        valid += k;
    }
    char *clean = valid == n ? raw + start
                             : bg_utf8_sanitize(arena, raw + start, n - start, &out_len,
                                                &bad_offset, &bad_count);
    if (!clean) {
        bg_diag_add(diags, BG_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    if (bad_count) {
        int line, col;
        position_of(raw + start, bad_offset, &line, &col);
        bg_diag_add(
            diags, BG_WARNING, path, line, col, "invalid UTF-8 (byte 0x%02X) replaced by U+FFFD%s",
            (unsigned char)raw[start + bad_offset],
            bad_count > 1 ? bg_arena_printf(arena, " (%zu bytes in this file)", bad_count) : "");
    }
    *text = clean;
    *len = out_len;
    return 0;
}

/* Drops "name/../" pairs and "./" from PATH in place, lexically: briefs/../x
 * reads x (a symlinked folder could make that differ, as in most tools). */
static void path_tidy(char *path)
{
    char *out = path, *p = path;
    bool absolute = *p == '/';
    char *base = absolute ? path + 1 : path; /* where components start */
    size_t kept = 0;                         /* components a ".." may remove */
    if (absolute) out = p = base;
    while (*p) {
        char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        char *next = p + len + (slash ? 1 : 0);
        bool dot = len == 1 && p[0] == '.', dotdot = len == 2 && p[0] == '.' && p[1] == '.';
        if (len == 0 || dot) {
            /* nothing to keep */
        } else if (dotdot && kept > 0) {
            while (out > base && out[-1] != '/')
                out--;             /* back over the last kept component ... */
            if (out > base) out--; /* ... and the '/' before it */
            kept--;
        } else {
            if (out > base) *out++ = '/';
            memmove(out, p, len); /* out never passes p: reading stays ahead */
            out += len;
            if (!dotdot) kept++;
        }
        p = next;
    }
    if (out == path) *out++ = '.';
    *out = '\0';
}

char *bg_path_join(bg_arena *arena, const char *dir, const char *path)
{
    char *joined;
    if (!dir || !*dir || path[0] == '/' || strcmp(dir, ".") == 0) {
        joined = bg_arena_strdup(arena, path);
    } else {
        size_t n = strlen(dir);
        joined = bg_arena_printf(arena, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", path);
    }
    if (joined) path_tidy(joined);
    return joined;
}

char *bg_path_dirname(bg_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return bg_arena_strdup(arena, ".");
    if (slash == path) return bg_arena_strdup(arena, "/");
    return bg_arena_strndup(arena, path, (size_t)(slash - path));
}

char *bg_path_stem(bg_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return bg_arena_strndup(arena, base, n);
}

double bg_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct cache_entry {
    char *name;
    time_t used;
} cache_entry;

static int cache_entry_newer(const void *a, const void *b)
{
    const cache_entry *x = a, *y = b;
    if (x->used != y->used) return x->used > y->used ? -1 : 1;
    return strcmp(x->name, y->name);
}

void bg_cache_trim(const char *dir, const char *prefix, const char *keep_name, size_t keep)
{
    DIR *d = opendir(dir);
    if (!d) return;
    int fd = dirfd(d);
    size_t prefix_len = strlen(prefix), count = 0, cap = 0;
    cache_entry *entries = NULL;
    time_t now = time(NULL);
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        if (strncmp(name, prefix, prefix_len) != 0) continue;
        const char *dot = strstr(name + prefix_len, ".cache");
        if (!dot) continue;
        struct stat st;
        if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
        if (dot[6] == '.') { /* a temporary file: left by a process killed while writing */
            if (now - st.st_mtime > 3600) unlinkat(fd, name, 0);
            continue;
        }
        if (dot[6] != '\0' || (keep_name && strcmp(name, keep_name) == 0)) continue;
        cache_entry *grown = bg_grow(entries, count, &cap, sizeof *entries, 16);
        if (!grown) break;
        entries = grown;
        if (!(entries[count].name = strdup(name))) break;
        entries[count].used = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
        count++;
    }
    if (count) qsort(entries, count, sizeof *entries, cache_entry_newer);
    size_t others = keep_name && keep ? keep - 1 : keep; /* beside KEEP_NAME */
    for (size_t i = 0; i < count; i++) {
        if (i >= others) unlinkat(fd, entries[i].name, 0);
        free(entries[i].name);
    }
    free(entries);
    closedir(d);
}
