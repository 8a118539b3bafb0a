/* hyphen.c - English hyphenation points from libhyphen with Debian's
 * hyphen-en-us patterns (Liang's TeX patterns), at least two letters before
 * a break and three after, as TeX's \lefthyphenmin and \righthyphenmin.
 * The patterns load on a thread of their own while fonts and layout start:
 * libhyphen needs ~12 ms (39 M instructions) to build its automaton, a
 * quarter of a small brief's render. The automaton it built is kept in
 * $XDG_CACHE_HOME/briefgen (~/.cache/briefgen, as the font chains:
 * fonts.c), keyed by the state of the patterns file and of libhyphen, and
 * read back in one block when both are unchanged (0.2 M instructions).
 * The file is read as untrusted: it is used only when its checksum
 * matches and the automaton it holds is one libhyphen can walk without
 * leaving its arrays (a tree of transitions from state 0, fallbacks to
 * shallower states, matches no longer than their state's depth allows);
 * else the patterns load through libhyphen and the file is written anew.
 * BRIEFGEN_NO_CACHE=1 turns it off. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <ctype.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <hyphen.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "base/temp.h"
#include "base/util.h"
#include "text/text.h"

#define PATTERNS "/usr/share/hyphen/hyph_en_US.dic"
#define MAX_WORD 64

/* Words recur: their points are kept, a bit per letter. */
typedef struct cached_word {
    char word[MAX_WORD];
    uint64_t points;
    bool used;
} cached_word;

#define CACHE_SLOTS 8192

struct bg_hyphenator;
static bool patterns_ready_or_loading(const struct bg_hyphenator *h);

/* What the automaton depends on: the patterns file and the library that
 * built it. */
typedef struct cache_key {
    int64_t v[14];
} cache_key;

struct bg_hyphenator {
    HyphenDict *dict;
    bool cached; /* DICT is the cache's: levels of one block each (free_levels) */
    cached_word *cache;
    pthread_t loader; /* loading the patterns takes ~12 ms: done beside the layout */
    bool loading;     /* (loaders_mu) */
    bool listed;      /* in LOADERS: only the owning thread changes it */
    struct bg_hyphenator *next;
    char path[4096];
    /* the cache file to write once the loader is joined: written on the
     * calling thread, whose signal handlers remove temporary files (the
     * list they walk is safe only against its own thread: base/temp.h) */
    bool write_cache;
    cache_key key;
    char dir[PATH_MAX], file[PATH_MAX + 64];
};

/* ---- The cache of the automaton ---- */

#define CACHE_MAGIC "briefgen-hyphen-cache 2\n"
#define CACHE_MAX_BYTES (16u << 20)
#define MAX_STATES (1 << 22)

static void key_stat(int64_t *v, const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) return;
    v[0] = (int64_t)st.st_dev;
    v[1] = (int64_t)st.st_ino;
    v[2] = (int64_t)st.st_size;
    v[3] = (int64_t)st.st_mtim.tv_sec;
    v[4] = (int64_t)st.st_mtim.tv_nsec;
    v[5] = (int64_t)st.st_ctim.tv_sec;
    v[6] = (int64_t)st.st_ctim.tv_nsec;
}

/* Finds the file of the libhyphen this process loaded (dl_iterate_phdr's
 * callback): its name into DATA. */
static int find_libhyphen(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    const char *base = info->dlpi_name ? strrchr(info->dlpi_name, '/') : NULL;
    if (!base || strncmp(base + 1, "libhyphen.so", 12) != 0) return 0;
    snprintf(data, PATH_MAX, "%s", info->dlpi_name);
    return 1;
}

static void make_key(const char *patterns, cache_key *key)
{
    memset(key, 0, sizeof *key);
    key_stat(key->v, patterns);
    char lib[PATH_MAX] = "";
    if (dl_iterate_phdr(find_libhyphen, lib) && lib[0]) key_stat(key->v + 7, lib);
}

/* The cache file for PATTERNS, or false when the cache is off. */
static bool cache_file(const char *patterns, char *dir, size_t dir_size, char *file, size_t size)
{
    const char *off = getenv("BRIEFGEN_NO_CACHE");
    if (off && *off && strcmp(off, "0") != 0) return false;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n = xdg && xdg[0] == '/'     ? snprintf(dir, dir_size, "%s/briefgen", xdg)
            : home && home[0] == '/' ? snprintf(dir, dir_size, "%s/.cache/briefgen", home)
                                     : -1;
    if (n <= 0 || (size_t)n >= dir_size) return false;
    /* named after the format too: another version of briefgen beside this
     * one keeps a file of its own instead of writing over this one's */
    char name[PATH_MAX + sizeof CACHE_MAGIC];
    int k = snprintf(name, sizeof name, "%s%s", CACHE_MAGIC, patterns);
    if (k <= 0 || (size_t)k >= sizeof name) return false;
    n = snprintf(file, size, "%s/hyphen-%016llx.cache", dir,
                 (unsigned long long)bg_fnv1a(name, (size_t)k));
    return n > 0 && (size_t)n < size;
}

/* A growing buffer the cache file is written into. */
typedef struct wbuf {
    unsigned char *p;
    size_t len, cap;
    bool bad;
} wbuf;

static void put(wbuf *w, const void *data, size_t n)
{
    if (w->bad) return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 1 << 16;
        while (cap < w->len + n)
            cap *= 2;
        unsigned char *grown = realloc(w->p, cap);
        if (!grown) {
            w->bad = true;
            return;
        }
        w->p = grown;
        w->cap = cap;
    }
    memcpy(w->p + w->len, data, n);
    w->len += n;
}

static void put_i32(wbuf *w, int32_t v)
{
    put(w, &v, sizeof v);
}

/* The length of a level's list of nohyphen strings (COUNT + 1 of them,
 * each ending in a NUL, as hnj_hyphen_hyphenate2 walks it). */
static size_t nohyphen_len(const HyphenDict *d)
{
    if (!d->nohyphen || d->nohyphenl < 0) return 0;
    size_t len = 0;
    for (int i = 0; i <= d->nohyphenl; i++)
        len += strlen(d->nohyphen + len) + 1;
    return len;
}

/* ---- Checking an automaton ----
 * What hnj_hyphen_hyphenate2 relies on: every transition leads to a state
 * in range, each state but 0 is reached by one transition (a tree rooted
 * at 0), a fallback is -1 or a shallower state (so that the fallbacks
 * end), and a match of the state reached at letter I of ".word." starts at
 * I + 1 - strlen(match) >= 0: no longer than the state's depth, or one
 * more when its letters cannot begin at the word's start (the first is
 * not the '.'). No replacements (non-standard hyphenation), which the
 * cache does not hold. */
static bool level_ok(const HyphenDict *d)
{
    int n = d->num_states;
    if (n < 1 || n > MAX_STATES || !d->states) return false;
    int *depth = malloc((size_t)n * sizeof *depth), *queue = malloc((size_t)n * sizeof *queue);
    char *dot = malloc((size_t)n);
    bool ok = depth && queue && dot;
    for (int i = 0; ok && i < n; i++)
        depth[i] = -1;
    int head = 0, tail = 0;
    if (ok) {
        depth[0] = 0;
        dot[0] = 0;
        queue[tail++] = 0;
    }
    while (ok && head < tail) {
        int st = queue[head++];
        const HyphenState *hs = &d->states[st];
        if (hs->num_trans < 0 || (hs->num_trans > 0 && !hs->trans)) ok = false;
        for (int k = 0; ok && k < hs->num_trans; k++) {
            int next = hs->trans[k].new_state;
            if (next <= 0 || next >= n || depth[next] >= 0) {
                ok = false;
                break;
            }
            depth[next] = depth[st] + 1;
            dot[next] = st == 0 ? hs->trans[k].ch == '.' : dot[st];
            queue[tail++] = next;
        }
    }
    ok = ok && tail == n;
    for (int i = 0; ok && i < n; i++) {
        const HyphenState *hs = &d->states[i];
        int fb = hs->fallback_state;
        if (hs->repl || (fb != -1 && (fb < 0 || fb >= n || depth[fb] >= depth[i]))) ok = false;
        if (ok && hs->match) {
            size_t len = strlen(hs->match);
            if (len > (size_t)depth[i] + (dot[i] ? 0 : 1)) ok = false;
        }
    }
    free(depth);
    free(queue);
    free(dot);
    return ok;
}

/* Makes DIR and, when it is missing too, its parent ($XDG_CACHE_HOME or
 * ~/.cache); true when DIR is there. */
static bool make_folder(char *dir)
{
    if (mkdir(dir, 0700) == 0 || errno == EEXIST) return true;
    char *slash = strrchr(dir, '/');
    if (errno != ENOENT || !slash || slash == dir) return false;
    *slash = '\0';
    bool parent = mkdir(dir, 0700) == 0 || errno == EEXIST;
    *slash = '/';
    return parent && (mkdir(dir, 0700) == 0 || errno == EEXIST);
}

/* Writes the automaton D (every level checked) to FILE, through a
 * temporary file renamed over it. */
static void cache_write(const HyphenDict *d, const cache_key *key, char *dir, const char *file)
{
    for (const HyphenDict *l = d; l; l = l->nextlevel)
        if (!level_ok(l)) return;
    wbuf w = {NULL, 0, 0, false};
    put(&w, CACHE_MAGIC, sizeof CACHE_MAGIC - 1);
    put(&w, key, sizeof *key);
    int32_t levels = 0;
    for (const HyphenDict *l = d; l; l = l->nextlevel)
        levels++;
    put_i32(&w, levels);
    for (const HyphenDict *l = d; l; l = l->nextlevel) {
        char mins[4] = {l->lhmin, l->rhmin, l->clhmin, l->crhmin};
        put(&w, mins, sizeof mins);
        put(&w, l->cset, sizeof l->cset);
        put_i32(&w, l->utf8);
        size_t nh = nohyphen_len(l);
        put_i32(&w, l->nohyphen ? l->nohyphenl : -1);
        put_i32(&w, (int32_t)nh);
        if (nh) put(&w, l->nohyphen, nh);
        put_i32(&w, l->num_states);
        for (int i = 0; i < l->num_states; i++) {
            const HyphenState *hs = &l->states[i];
            put_i32(&w, hs->match ? (int32_t)strlen(hs->match) : -1);
            put_i32(&w, hs->fallback_state);
            put_i32(&w, hs->num_trans);
            if (hs->match) put(&w, hs->match, strlen(hs->match));
            for (int k = 0; k < hs->num_trans; k++) {
                put_i32(&w, (unsigned char)hs->trans[k].ch);
                put_i32(&w, hs->trans[k].new_state);
            }
        }
    }
    uint64_t sum = w.bad ? 0 : bg_checksum(w.p, w.len);
    put(&w, &sum, sizeof sum);
    char tmp[PATH_MAX + 16];
    if (!w.bad && (size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", file) < sizeof tmp &&
        make_folder(dir)) {
        int fd = bg_temp_create(tmp, 0600);
        if (fd >= 0) {
            bool written = write(fd, w.p, w.len) == (ssize_t)w.len;
            if (close(fd) != 0 || !written || rename(tmp, file) != 0) {
                bg_temp_remove(tmp);
            } else {
                bg_temp_release(tmp);
                /* one file per patterns file and libhyphen: the 4 used last kept */
                const char *slash = strrchr(file, '/');
                bg_cache_trim(dir, "hyphen-", slash ? slash + 1 : file, 4);
            }
        }
    }
    free(w.p);
}

/* A reader of the cache file: any surprise sets BAD. */
typedef struct rbuf {
    const unsigned char *p, *end;
    bool bad;
} rbuf;

static const unsigned char *take(rbuf *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *at = r->p;
    r->p += n;
    return at;
}

static int32_t get_i32(rbuf *r, int32_t lo, int32_t hi)
{
    int32_t v = 0;
    const unsigned char *at = take(r, sizeof v);
    if (at) memcpy(&v, at, sizeof v);
    if (v < lo || v > hi) r->bad = true;
    return r->bad ? lo : v;
}

/* The levels of a cached automaton: each one block (the dictionary, its
 * states, transitions and strings), freed here. */
static void free_levels(HyphenDict *d)
{
    while (d) {
        HyphenDict *next = d->nextlevel;
        free(d);
        d = next;
    }
}

/* One level read from R: the block that holds it, or NULL. */
static HyphenDict *read_level(rbuf *r)
{
    const unsigned char *mins = take(r, 4), *cset = take(r, MAX_NAME);
    int32_t utf8 = get_i32(r, 0, 1);
    int32_t nohyphenl = get_i32(r, -1, 1 << 20);
    int32_t nh = get_i32(r, 0, 1 << 20);
    const unsigned char *nohyphen = take(r, (size_t)nh);
    int32_t n = get_i32(r, 1, MAX_STATES);
    if (r->bad || (size_t)(r->end - r->p) < (size_t)n * 12) return NULL;
    /* a first pass sizes the block: transitions and match bytes */
    rbuf scan = *r;
    size_t trans = 0, chars = (size_t)nh + 1;
    for (int32_t i = 0; i < n && !scan.bad; i++) {
        int32_t mlen = get_i32(&scan, -1, 1 << 16);
        get_i32(&scan, -1, n - 1);
        int32_t t = get_i32(&scan, 0, 256);
        take(&scan, mlen > 0 ? (size_t)mlen : 0);
        take(&scan, (size_t)t * 8);
        trans += (size_t)t;
        chars += mlen >= 0 ? (size_t)mlen + 1 : 0;
    }
    if (scan.bad) {
        r->bad = true;
        return NULL;
    }
    size_t size =
        sizeof(HyphenDict) + (size_t)n * sizeof(HyphenState) + trans * sizeof(HyphenTrans) + chars;
    unsigned char *block = calloc(1, size);
    if (!block) {
        r->bad = true;
        return NULL;
    }
    HyphenDict *d = (HyphenDict *)block;
    HyphenState *states = (HyphenState *)(block + sizeof *d);
    HyphenTrans *tr = (HyphenTrans *)(states + n);
    char *text = (char *)(tr + trans);
    d->lhmin = (char)mins[0];
    d->rhmin = (char)mins[1];
    d->clhmin = (char)mins[2];
    d->crhmin = (char)mins[3];
    memcpy(d->cset, cset, MAX_NAME);
    d->cset[MAX_NAME - 1] = '\0';
    d->utf8 = utf8;
    d->num_states = n;
    d->states = states;
    if (nohyphenl >= 0) {
        memcpy(text, nohyphen, (size_t)nh);
        d->nohyphen = text;
        d->nohyphenl = nohyphenl;
        text += nh + 1; /* (a NUL after the list, whatever it holds) */
    }
    for (int32_t i = 0; i < n; i++) {
        HyphenState *hs = &states[i];
        int32_t mlen = get_i32(r, -1, 1 << 16);
        hs->fallback_state = get_i32(r, -1, n - 1);
        hs->num_trans = get_i32(r, 0, 256);
        hs->replindex = hs->replcut = 0;
        if (mlen >= 0) {
            memcpy(text, take(r, (size_t)mlen), (size_t)mlen);
            hs->match = text;
            text += mlen + 1;
        }
        hs->trans = hs->num_trans ? tr : NULL;
        for (int32_t k = 0; k < hs->num_trans; k++, tr++) {
            tr->ch = (char)get_i32(r, 0, 255);
            tr->new_state = get_i32(r, 0, n - 1);
        }
    }
    /* the list of nohyphen strings must hold NOHYPHENL + 1 of them, none
     * empty: libhyphen finds each in a word with strstr, which finds an
     * empty one everywhere, past the word's end and before its start */
    size_t at = 0;
    for (int32_t i = 0; d->nohyphen && i <= d->nohyphenl && !r->bad; i++) {
        const char *end = at < (size_t)nh ? memchr(d->nohyphen + at, '\0', (size_t)nh - at) : NULL;
        if (!end || end == d->nohyphen + at)
            r->bad = true;
        else
            at = (size_t)(end - d->nohyphen) + 1;
    }
    if (r->bad || !level_ok(d)) {
        free(block);
        r->bad = true;
        return NULL;
    }
    return d;
}

/* The automaton in FILE when it was built from what KEY describes. */
static HyphenDict *cache_read(const char *file, const cache_key *key)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK); /* a FIFO: no wait */
    if (fd < 0) return NULL;
    struct stat st;
    unsigned char *data = NULL;
    size_t size = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= CACHE_MAX_BYTES) {
        size = (size_t)st.st_size;
        data = malloc(size);
        if (data && read(fd, data, size) != (ssize_t)size) {
            free(data);
            data = NULL;
        }
    }
    close(fd);
    HyphenDict *first = NULL, **tail = &first;
    uint64_t sum;
    size_t head = sizeof CACHE_MAGIC - 1 + sizeof *key;
    if (data && size >= head + sizeof sum + 4 &&
        memcmp(data, CACHE_MAGIC, sizeof CACHE_MAGIC - 1) == 0 &&
        memcmp(data + sizeof CACHE_MAGIC - 1, key, sizeof *key) == 0) {
        memcpy(&sum, data + size - sizeof sum, sizeof sum);
        rbuf r = {data + head, data + size - sizeof sum, false};
        int32_t levels = bg_checksum(data, size - sizeof sum) == sum ? get_i32(&r, 1, 8) : 0;
        for (int32_t i = 0; i < levels && !r.bad; i++) {
            *tail = read_level(&r);
            if (*tail) tail = &(*tail)->nextlevel;
        }
        if (r.bad || r.p != r.end || !first) {
            free_levels(first);
            first = NULL;
        }
    }
    free(data);
    return first;
}

static void *load_patterns(void *arg)
{
    bg_hyphenator *h = arg;
    bool cache = cache_file(h->path, h->dir, sizeof h->dir, h->file, sizeof h->file);
    if (cache) {
        make_key(h->path, &h->key);
        h->dict = cache_read(h->file, &h->key);
        h->cached = h->dict != NULL;
        if (h->cached) return NULL;
    }
    h->dict = hnj_hyphen_load(h->path);
    h->write_cache = h->dict && cache;
    return NULL;
}

/* The hyphenators whose loader was started and not yet joined by their
 * owner. A process that forks while a loader runs (the command line's
 * `render -j` opens every session, then forks a child for each brief)
 * would give the child a copy of the hyphenator without the thread, and
 * joining it there is undefined (glibc returns at once, the patterns not
 * loaded). So the parent joins every running loader before it forks
 * (pthread_atfork), and a child finds the patterns there. LOADERS_MU
 * guards the list and each one's LOADING. */
static pthread_mutex_t loaders_mu = PTHREAD_MUTEX_INITIALIZER;
static bg_hyphenator *loaders;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void loaders_prepare(void)
{
    pthread_mutex_lock(&loaders_mu);
    for (bg_hyphenator *h = loaders; h; h = h->next)
        if (h->loading) {
            pthread_join(h->loader, NULL);
            h->loading = false;
        }
}

static void loaders_release(void)
{
    pthread_mutex_unlock(&loaders_mu);
}

static void atfork_register(void)
{
    pthread_atfork(loaders_prepare, loaders_release, loaders_release);
}

/* The patterns, once the loader has finished (and the cache written, on
 * this thread). */
static HyphenDict *patterns(bg_hyphenator *h)
{
    if (h->listed) {
        pthread_mutex_lock(&loaders_mu);
        if (h->loading) {
            pthread_join(h->loader, NULL);
            h->loading = false;
        }
        for (bg_hyphenator **at = &loaders; *at; at = &(*at)->next)
            if (*at == h) {
                *at = h->next;
                break;
            }
        h->listed = false;
        pthread_mutex_unlock(&loaders_mu);
    }
    if (h->write_cache) {
        h->write_cache = false;
        cache_write(h->dict, &h->key, h->dir, h->file);
    }
    return h->dict;
}

static bool patterns_ready_or_loading(const bg_hyphenator *h)
{
    return h->listed || h->dict;
}

bg_hyphenator *bg_hyphenator_new(void)
{
    const char *path = getenv("BRIEFGEN_HYPHEN_PATTERNS");
    if (!path || !*path) path = PATTERNS;
    /* a regular file of at most 64 MiB (English's is 100 KB): libhyphen
     * reads /dev/zero or a FIFO until it ends, that is for ever */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (64 << 20) ||
        access(path, R_OK) != 0)
        return NULL;
    bg_hyphenator *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    snprintf(h->path, sizeof h->path, "%s", path);
    h->cache = calloc(CACHE_SLOTS, sizeof *h->cache);
    /* the loader starts with the signals but faults blocked (bg_block_signals): handlers (the
     * command line's, which remove temporary files) run on the rendering thread */
    sigset_t old;
    pthread_once(&atfork_once, atfork_register);
    bg_block_signals(&old);
    pthread_mutex_lock(&loaders_mu);
    h->loading = h->listed = pthread_create(&h->loader, NULL, load_patterns, h) == 0;
    if (h->listed) {
        h->next = loaders;
        loaders = h;
    }
    pthread_mutex_unlock(&loaders_mu);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!h->listed) load_patterns(h);
    if (!patterns_ready_or_loading(h)) {
        bg_hyphenator_free(h);
        return NULL;
    }
    return h;
}

bool bg_hyphenator_cached(bg_hyphenator *h)
{
    return h && patterns(h) && h->cached;
}

void bg_hyphenator_free(bg_hyphenator *h)
{
    if (!h) return;
    if (patterns(h)) {
        if (h->cached)
            free_levels(h->dict);
        else
            hnj_hyphen_free(h->dict);
    }
    free(h->cache);
    free(h);
}

int bg_hyphenate(bg_hyphenator *h, const char *word, size_t len, uint8_t *points)
{
    memset(points, 0, len);
    if (!h || len < 6 || len >= MAX_WORD) return 0;
    if (!patterns(h)) return 0;
    char lower[MAX_WORD];
    for (size_t i = 0; i < len; i++) {
        if (!isalpha((unsigned char)word[i])) return 0; /* ASCII letters only */
        lower[i] = (char)tolower((unsigned char)word[i]);
    }
    lower[len] = '\0';
    uint64_t hash = bg_fnv1a(lower, len);
    cached_word *slot = h->cache ? &h->cache[hash & (CACHE_SLOTS - 1)] : NULL;
    if (slot && slot->used && strcmp(slot->word, lower) == 0) {
        int found = 0;
        for (size_t i = 0; i < len; i++)
            if (slot->points >> i & 1) {
                points[i] = 1;
                found++;
            }
        return found;
    }
    char hyphens[MAX_WORD + 5], hyphword[MAX_WORD * 3];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int found = 0;
    if (hnj_hyphen_hyphenate3(h->dict, lower, (int)len, hyphens, hyphword, &rep, &pos, &cut, 2, 3,
                              2, 3) == 0) {
        for (size_t i = 0; i + 1 < len; i++)
            if (hyphens[i] & 1) {
                points[i] = 1;
                found++;
            }
    }
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    if (slot) {
        memcpy(slot->word, lower, len + 1);
        slot->points = 0;
        for (size_t i = 0; i < len; i++)
            if (points[i]) slot->points |= (uint64_t)1 << i;
        slot->used = true;
    }
    return found;
}
