/* cmd_watch.c - "briefgen watch BRIEF... [-o FILE]": renders, then watches
 * what each brief depends on (bg_session_dependencies: the brief, its
 * catalogue, the images, and the corpus folder, where any event file
 * written, added, removed or renamed counts) with inotify(7), and renders
 * again shortly after a change. Folders are watched rather than files, so
 * an editor that saves by writing a new file and renaming it over the old
 * one is seen. A failed render leaves the last good PDF in place (render
 * writes a temporary file and renames it when complete). SIGINT, SIGTERM
 * or SIGHUP end the watch with status 0; they are blocked while a brief
 * renders and taken only while waiting (ppoll), so a render is never cut
 * short and leaves no temporary file. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

/* changes closer together than this are one change; a render starts at
 * most DEBOUNCE_MAX_MS after the first */
enum { DEBOUNCE_QUIET_MS = 40, DEBOUNCE_MAX_MS = 150 };

typedef struct watch_opts {
    bg_open_options open;
    const char *output;
    bool quiet;
} watch_opts;

static const cli_opt watch_opts_table[] = {
    {"output", 'o', "FILE", "write the PDF to FILE (one brief only)"},
    {"quiet", 'q', NULL, "print failed renders only"},
    {"set", 0, "KEY=VALUE", "override a top-level key of each brief (repeatable)"},
};

const cli_command cli_watch_command = {
    "watch",
    "[OPTION]... BRIEF.yaml...",
    "Renders each brief, then renders it again whenever the brief, its theme catalogue, an\n"
    "event file of its corpus folder (new and deleted ones too) or an image it shows\n"
    "changes. A line per render gives its time and result; a render that fails prints its\n"
    "diagnostics and keeps the last good PDF. Ends with status 0 on Ctrl-C.",
    watch_opts_table,
    sizeof watch_opts_table / sizeof watch_opts_table[0],
    NULL};

static int on_option(int index, const char *value, void *ctx)
{
    watch_opts *o = ctx;
    switch (index) {
    case 0:
        if (!*value) return cli_usage_error("watch: -o needs a file name");
        o->output = value;
        return 0;
    case 1:
        o->quiet = true;
        return 0;
    default:
        return cli_set_add(&o->open, value);
    }
}

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

/* A watched folder and the names in it that count (NULL names: every
 * event file, "*.md"). */
typedef struct folder {
    char *path;
    int wd;
    bool events;
    char **names;
    size_t name_count, name_cap;
} folder;

typedef struct watch_set {
    folder *folders;
    size_t count, cap;
} watch_set;

static void set_clear(watch_set *w, int fd)
{
    for (size_t i = 0; i < w->count; i++) {
        if (w->folders[i].wd >= 0) inotify_rm_watch(fd, w->folders[i].wd);
        free(w->folders[i].path);
        for (size_t k = 0; k < w->folders[i].name_count; k++)
            free(w->folders[i].names[k]);
        free(w->folders[i].names);
    }
    free(w->folders);
    memset(w, 0, sizeof *w);
}

static folder *folder_of(watch_set *w, const char *dir)
{
    for (size_t i = 0; i < w->count; i++)
        if (strcmp(w->folders[i].path, dir) == 0) return &w->folders[i];
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 8;
        folder *grown = realloc(w->folders, cap * sizeof *grown);
        if (!grown) return NULL;
        w->folders = grown;
        w->cap = cap;
    }
    folder *f = &w->folders[w->count];
    memset(f, 0, sizeof *f);
    f->path = strdup(dir);
    f->wd = -1;
    if (!f->path) return NULL;
    w->count++;
    return f;
}

/* Watches PATH's folder for PATH's name. */
static void watch_file(watch_set *w, const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    folder *f = folder_of(w, dir);
    if (!f) return;
    if (f->name_count == f->name_cap) {
        size_t cap = f->name_cap ? f->name_cap * 2 : 4;
        char **grown = realloc(f->names, cap * sizeof *grown);
        if (!grown) return;
        f->names = grown;
        f->name_cap = cap;
    }
    char *name = strdup(slash ? slash + 1 : path);
    if (name) f->names[f->name_count++] = name;
}

static bool counts(const folder *f, const char *name)
{
    size_t len = strlen(name);
    if (f->events && name[0] != '.' && len > 3 && strcmp(name + len - 3, ".md") == 0) return true;
    for (size_t i = 0; i < f->name_count; i++)
        if (strcmp(f->names[i], name) == 0) return true;
    return false;
}

static void clock_line(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm) || !strftime(buf, size, "%H:%M:%S", &tm)) snprintf(buf, size, "--");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Renders BRIEF, prints its line, and adds what it depends on to W. */
static void render_one(const char *brief, const watch_opts *o, watch_set *w)
{
    double start = now();
    bg_diags diags;
    bg_diags_init(&diags);
    bg_session *s = NULL;
    bg_status status = bg_session_open_with(&s, brief, &o->open, &diags);
    const char *out = NULL;
    bg_session_warnings_fatal(s, cli_settings.werror);
    if (status == BG_OK) {
        out = o->output ? o->output : bg_render_default_path(s);
        status = out ? bg_render(s, out, &diags) : BG_SYSTEM;
    }
    bg_dependencies deps;
    bg_session_dependencies(s, &deps);
    for (size_t i = 0; i < deps.file_count; i++)
        watch_file(w, deps.files[i]);
    if (deps.corpus_dir) {
        folder *f = folder_of(w, deps.corpus_dir);
        if (f) f->events = true;
        watch_file(w, deps.corpus_dir); /* the folder itself moved, deleted or made */
    }
    if (deps.file_count == 0) watch_file(w, brief);
    char clock[16];
    clock_line(clock, sizeof clock);
    if (status == BG_OK) {
        if (!o->quiet) {
            cli_print_diags(&diags);
            fprintf(stderr, "%s %s → %s  %.2f s\n", clock, brief, out, now() - start);
        }
    } else {
        cli_print_diags(&diags);
        fprintf(stderr, "%s %s: not rendered; the last good PDF is kept\n", clock, brief);
    }
    bg_session_free(s);
    bg_diags_free(&diags);
}

/* Renders every brief and watches what they depend on. */
static void render_all(char **briefs, int count, const watch_opts *o, watch_set *w, int fd)
{
    /* the watches stay while a render runs (a folder watched again keeps
     * its descriptor), so a change made during the render is still queued
     * after it; only folders no longer needed lose theirs */
    watch_set next = {NULL, 0, 0};
    for (int b = 0; b < count; b++)
        render_one(briefs[b], o, &next);
    /* a folder that is not there (a corpus folder deleted, or not made
     * yet) is watched for in the folder above it, up to one that is: its
     * coming back is a change (the list grows as the loop goes) */
    for (size_t i = 0; i < next.count; i++) {
        struct stat st;
        if (stat(next.folders[i].path, &st) == 0 || errno != ENOENT) continue;
        char *path = strdup(next.folders[i].path);
        if (path) watch_file(&next, path);
        free(path);
    }
    for (size_t i = 0; i < next.count; i++) {
        next.folders[i].wd = inotify_add_watch(fd, next.folders[i].path,
                                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                                                   IN_CREATE | IN_DELETE | IN_ONLYDIR);
        if (next.folders[i].wd < 0 && errno != ENOENT) /* (missing: watched for above) */
            fprintf(stderr, "briefgen: warning: watch: cannot watch %s: %s\n", next.folders[i].path,
                    strerror(errno));
    }
    for (size_t i = 0; i < w->count; i++) {
        bool kept = false;
        for (size_t k = 0; k < next.count && !kept; k++)
            kept = next.folders[k].wd == w->folders[i].wd;
        if (kept) w->folders[i].wd = -1; /* not removed by set_clear */
    }
    set_clear(w, fd);
    *w = next;
}

/* Reads the pending events of FD; true when one concerns a file of W. A
 * full queue counts as a change. */
static bool read_events(int fd, const watch_set *w)
{
    bool changed = false;
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & IN_Q_OVERFLOW) changed = true;
            for (size_t i = 0; i < w->count && !changed; i++)
                if (w->folders[i].wd == ev->wd && ev->len && counts(&w->folders[i], ev->name))
                    changed = true;
            p += sizeof *ev + ev->len;
        }
    }
    return changed;
}

/* Waits up to MS milliseconds (-1: for ever) for FD, with the stop signals
 * let through; 1 readable, 0 timed out, -1 stopped. */
static int wait_for(int fd, int ms, const sigset_t *open_mask)
{
    struct pollfd p = {fd, POLLIN, 0};
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    int n = ppoll(&p, 1, ms < 0 ? NULL : &ts, open_mask);
    if (stop_signal) return -1;
    if (n < 0) return errno == EINTR ? 0 : -1;
    return n > 0;
}

int cmd_watch(int argc, char **argv)
{
    watch_opts o = {{NULL, 0}, NULL, false};
    int first = argc;
    int status = cli_parse(&cli_watch_command, argc, argv, &first, on_option, &o);
    if (status == 0 && first >= argc)
        status = cli_usage_error("watch: give at least one BRIEF.yaml");
    if (status == 0 && o.output && argc - first > 1)
        status = cli_usage_error("watch: -o names one file; give one brief with it");
    if (status == 0 && o.output && strcmp(o.output, "-") == 0)
        status = cli_usage_error("watch: -o - cannot be watched; give a file");
    for (int b = first; b < argc && status == 0; b++)
        if (strcmp(argv[b], "-") == 0)
            status = cli_usage_error("watch: standard input cannot be watched; give a file");
    if (status) {
        cli_set_free(&o.open);
        return status == CLI_HELP ? EXIT_DONE : status;
    }
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "briefgen: error: watch: inotify: %s\n", strerror(errno));
        cli_set_free(&o.open);
        return EXIT_SYSTEM;
    }
    /* the stop signals: blocked but while waiting */
    sigset_t stops, open_mask;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    sigprocmask(SIG_BLOCK, &stops, &open_mask);
    sigdelset(&open_mask, SIGINT);
    sigdelset(&open_mask, SIGTERM);
    sigdelset(&open_mask, SIGHUP);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    for (int s = 0; s < 3; s++) {
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
        struct sigaction before;
        /* a signal ignored at start (nohup) stays ignored */
        if (sigaction(sigs[s], NULL, &before) == 0 && before.sa_handler != SIG_IGN)
            sigaction(sigs[s], &sa, NULL);
    }
    watch_set w = {NULL, 0, 0};
    render_all(argv + first, argc - first, &o, &w, fd);
    if (!o.quiet) fputs("watching; Ctrl-C to stop\n", stderr);
    for (;;) {
        int r = wait_for(fd, -1, &open_mask);
        if (r < 0) break;
        if (r == 0 || !read_events(fd, &w)) continue;
        /* debounce: until quiet, within DEBOUNCE_MAX_MS of the first change */
        double first_change = now();
        while (now() - first_change < DEBOUNCE_MAX_MS / 1000.0) {
            r = wait_for(fd, DEBOUNCE_QUIET_MS, &open_mask);
            if (r <= 0) break;
            read_events(fd, &w);
        }
        if (r < 0) break;
        render_all(argv + first, argc - first, &o, &w, fd);
    }
    set_clear(&w, fd);
    close(fd);
    cli_set_free(&o.open);
    return EXIT_DONE;
}
