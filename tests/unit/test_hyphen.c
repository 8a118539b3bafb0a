/* test_hyphen.c - the cache of libhyphen's automaton (src/text/hyphen.c):
 * a first hyphenator builds it with libhyphen and writes the file; the
 * next reads it and finds the same points for every word; a file
 * damaged, cut short, or holding an automaton libhyphen could not walk
 * safely (its checksum made right) is a miss that loads the patterns
 * again and writes the file anew; a cache home not there yet is made;
 * BRIEFGEN_NO_CACHE=1 turns it off. */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/util.h"
#include "text/text.h"
#include "harness.h"

#define WORDS 4000
#define MAX_LEN 24

static char cache_dir[] = "/tmp/briefgen-hyphen-XXXXXX";
static char xdg[64];
static char cache_path[1024];

/* Pseudo-random words of 6 to 23 letters, and some real ones first. */
static void make_words(char words[WORDS][MAX_LEN])
{
    static const char *const real[] = {
        "hyphenation",    "negotiation",   "communique",      "delegation",     "presidential",
        "infrastructure", "commemoration", "representatives", "Reconciliation", "Anniversary"};
    uint32_t seed = 12345;
    for (size_t i = 0; i < WORDS; i++) {
        if (i < sizeof real / sizeof *real) {
            snprintf(words[i], MAX_LEN, "%s", real[i]);
            continue;
        }
        seed = seed * 1103515245u + 12345u;
        size_t len = 6 + (seed >> 16) % 18;
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            words[i][k] = (char)('a' + (seed >> 16) % 26);
        }
        words[i][len] = '\0';
    }
}

/* Every word's points as a string of '0' and '1'. */
static void points_of(bg_hyphenator *h, char words[WORDS][MAX_LEN], char out[WORDS][MAX_LEN])
{
    for (size_t i = 0; i < WORDS; i++) {
        size_t len = strlen(words[i]);
        uint8_t points[MAX_LEN];
        bg_hyphenate(h, words[i], len, points);
        for (size_t k = 0; k < len; k++)
            out[i][k] = points[k] ? '1' : '0';
        out[i][len] = '\0';
    }
}

static bool find_cache_file(void)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/briefgen", xdg);
    DIR *d = opendir(dir);
    if (!d) return false;
    struct dirent *e;
    bool found = false;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "hyphen-", 7) == 0 && strstr(e->d_name, ".cache") &&
            strlen(e->d_name) > 13) {
            snprintf(cache_path, sizeof cache_path, "%s/%s", dir, e->d_name);
            found = true;
        }
    closedir(d);
    return found;
}

static unsigned char *read_all(size_t *len)
{
    FILE *f = fopen(cache_path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc((size_t)n);
    *len = data && fread(data, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
    fclose(f);
    return data;
}

static void write_all(const unsigned char *data, size_t len)
{
    FILE *f = fopen(cache_path, "wb");
    if (!f) return;
    fwrite(data, 1, len, f);
    fclose(f);
}

/* the file's trailer */
static uint64_t trailer_sum(const unsigned char *p, size_t n)
{
    return bg_checksum(p, n);
}

/* A new hyphenator: whether it read the cache, and its points equal WANT. */
static bool check_run(char words[WORDS][MAX_LEN], char want[WORDS][MAX_LEN], bool *cached)
{
    static char got[WORDS][MAX_LEN];
    bg_hyphenator *h = bg_hyphenator_new();
    if (!h) return false;
    *cached = bg_hyphenator_cached(h);
    points_of(h, words, got);
    bg_hyphenator_free(h);
    for (size_t i = 0; i < WORDS; i++)
        if (strcmp(got[i], want[i]) != 0) {
            fprintf(stderr, "%s: %s, want %s\n", words[i], got[i], want[i]);
            return false;
        }
    return true;
}

int main(void)
{
    static char words[WORDS][MAX_LEN], want[WORDS][MAX_LEN];
    if (access("/usr/share/hyphen/hyph_en_US.dic", R_OK) != 0) {
        printf("skipped: no hyphen-en-us patterns\n");
        return 77;
    }
    if (!mkdtemp(cache_dir)) return 1;
    /* (a cache home that is not there yet: made with the folder) */
    snprintf(xdg, sizeof xdg, "%s/xdg", cache_dir);
    setenv("XDG_CACHE_HOME", xdg, 1);
    unsetenv("BRIEFGEN_HYPHEN_PATTERNS");
    make_words(words);

    /* off: libhyphen, no file */
    setenv("BRIEFGEN_NO_CACHE", "1", 1);
    bg_hyphenator *h = bg_hyphenator_new();
    CHECK(h != NULL);
    CHECK(!bg_hyphenator_cached(h));
    points_of(h, words, want);
    bg_hyphenator_free(h);
    CHECK(!find_cache_file());
    CHECK_STR(want[0], "01000100000"); /* hy-phen-ation */
    unsetenv("BRIEFGEN_NO_CACHE");

    bool cached = true;
    CHECK(check_run(words, want, &cached)); /* a miss writes the file */
    CHECK(!cached);
    CHECK(find_cache_file());
    CHECK(check_run(words, want, &cached)); /* a hit: the same points */
    CHECK(cached);

    size_t len = 0;
    unsigned char *good = read_all(&len);
    CHECK(good && len > 1000);
    if (!good || len <= 1000) return harness_report();
    unsigned char *bad = malloc(len);

    /* a byte changed: the checksum says so */
    memcpy(bad, good, len);
    bad[len / 2] ^= 0x40;
    write_all(bad, len);
    CHECK(check_run(words, want, &cached));
    CHECK(!cached);
    CHECK(check_run(words, want, &cached)); /* written anew */
    CHECK(cached);

    /* cut short */
    write_all(good, len / 3);
    CHECK(check_run(words, want, &cached));
    CHECK(!cached);

    /* checksum made right, but the first level's state 0 falls back to
     * itself (libhyphen would loop): after the magic (24 bytes), the key
     * (112), the level count (4), the level's minima (4), character set
     * (20), utf8, nohyphen count and length (12), its nohyphen bytes and
     * its state count (4), state 0's match length (4) comes its fallback */
    memcpy(bad, good, len);
    int32_t nh, zero = 0;
    memcpy(&nh, bad + 24 + 112 + 4 + 4 + 20 + 8, sizeof nh);
    CHECK(nh >= 0 && (size_t)nh < 100);
    size_t fallback = 24 + 112 + 4 + 4 + 20 + 12 + (size_t)nh + 4 + 4;
    int32_t was;
    memcpy(&was, bad + fallback, sizeof was);
    CHECK_INT(was, -1);
    memcpy(bad + fallback, &zero, sizeof zero);
    uint64_t sum = trailer_sum(bad, len - 8);
    memcpy(bad + len - 8, &sum, sizeof sum);
    write_all(bad, len);
    CHECK(check_run(words, want, &cached));
    CHECK(!cached);

    /* and the same file with the fallback left as it was is a hit: the
     * checksum alone is not what refused it */
    memcpy(bad + fallback, &was, sizeof was);
    sum = trailer_sum(bad, len - 8);
    memcpy(bad + len - 8, &sum, sizeof sum);
    write_all(bad, len);
    CHECK(check_run(words, want, &cached));
    CHECK(cached);

    free(bad);
    free(good);
    unlink(cache_path);
    char dir[300];
    snprintf(dir, sizeof dir, "%s/briefgen", xdg);
    rmdir(dir);
    rmdir(xdg);
    rmdir(cache_dir);
    return harness_report();
}
