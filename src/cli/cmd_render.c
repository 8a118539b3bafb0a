/* cmd_render.c - "briefgen render": each brief typeset into its PDF. With
 * -j N up to N briefs render at once, each in a process of its own (no
 * fontconfig, HarfBuzz or libharu state is shared). The exit status is the
 * worst of all briefs; one brief's failure neither stops nor damages the
 * others. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct render_opts {
    const char *output;
    int jobs;
    int verbosity; /* 0 quiet, 1 normal, 2 verbose */
} render_opts;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Renders one brief; returns its exit status. */
static int render_one(const char *brief, const render_opts *o, int index, int total)
{
    double start = now();
    bg_diags diags;
    bg_diags_init(&diags);
    bg_session *s;
    const char *out = NULL;
    bg_status opened = bg_session_open(&s, brief, &diags);
    int status = cli_exit(opened);
    if (opened == BG_OK) {
        out = o->output ? o->output : bg_render_default_path(s);
        status = cli_exit(bg_render(s, out, &diags));
    }
    if (o->verbosity > 0 || diags.errors) cli_print_diags(&diags);
    if (status == EXIT_DONE && o->verbosity > 0) {
        if (isatty(STDERR_FILENO) || o->verbosity > 1)
            fprintf(stderr, "[%d/%d] %s → %s  %.2f s\n", index, total, brief, out, now() - start);
        if (o->verbosity > 1) {
            const bg_render_info *in = bg_session_info(s);
            fprintf(stderr,
                    "  %zu pages; %zu justified lines, %zu hyphenated (%.1f%%), %zu broken "
                    "inside a Korean word; worst stretch ratio %.2f\n",
                    in->pages, in->justified_lines, in->hyphenated_lines,
                    in->justified_lines
                        ? 100.0 * (double)in->hyphenated_lines / (double)in->justified_lines
                        : 0.0,
                    in->syllable_breaks, in->worst_ratio);
        }
        printf("%s\n", out);
    }
    bg_session_free(s);
    bg_diags_free(&diags);
    return status;
}

int cmd_render(int argc, char **argv)
{
    render_opts o = {NULL, 0, 1}; /* jobs 0: one per CPU */
    const char **briefs = calloc((size_t)argc + 1, sizeof *briefs);
    if (!briefs) return EXIT_SYSTEM;
    int count = 0, status = 0;
    for (int i = 1; i < argc && status == 0; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-C") == 0) {
            status = cli_change_dir(argc, argv, &i);
        } else if (strcmp(arg, "-o") == 0) {
            if (i + 1 >= argc)
                status = cli_usage_error("render: -o needs a file name");
            else
                o.output = argv[++i];
        } else if (strcmp(arg, "-j") == 0) {
            char *end = NULL;
            long jobs = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (i + 1 >= argc || *end || jobs < 1 || jobs > 256)
                status = cli_usage_error("render: -j needs a number of jobs from 1 to 256");
            o.jobs = (int)jobs;
            i++;
        } else if (strcmp(arg, "-q") == 0) {
            o.verbosity = 0;
        } else if (strcmp(arg, "-v") == 0) {
            o.verbosity = 2;
        } else if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                briefs[count++] = argv[i];
        } else if (arg[0] == '-' && arg[1]) {
            status = cli_usage_error("render: unknown option '%s'", arg);
        } else {
            briefs[count++] = arg;
        }
    }
    if (status == 0 && count == 0) status = cli_usage_error("render: give at least one BRIEF.yaml");
    if (status == 0 && o.output && count > 1)
        status = cli_usage_error("render: -o names one file; give one brief with it");
    if (status != 0) {
        free(briefs);
        return status;
    }
    /* a glob over briefs/ passes the theme catalogue too: not a brief */
    int kept = 0;
    for (int b = 0; b < count; b++) {
        if (count > 1 && bg_is_catalogue(briefs[b])) {
            if (o.verbosity > 1)
                fprintf(stderr, "%s: a theme catalogue, not a brief; skipped\n", briefs[b]);
            continue;
        }
        briefs[kept++] = briefs[b];
    }
    count = kept;
    if (o.jobs == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        o.jobs = cpus > 0 ? (int)cpus : 1;
    }
    int worst = EXIT_DONE, failed = 0;
    double start = now();
    if (o.jobs == 1 || count == 1) {
        for (int b = 0; b < count; b++) {
            int s = render_one(briefs[b], &o, b + 1, count);
            if (s > worst) worst = s;
            failed += s != EXIT_DONE;
        }
    } else {
        int running = 0, next = 0;
        while (next < count || running > 0) {
            while (running < o.jobs && next < count) {
                fflush(stdout);
                fflush(stderr);
                pid_t pid = fork();
                if (pid == 0) {
                    int s = render_one(briefs[next], &o, next + 1, count);
                    fflush(stdout);
                    fflush(stderr);
                    _exit(s);
                }
                if (pid < 0) { /* no process to spare: render it here */
                    int s = render_one(briefs[next], &o, next + 1, count);
                    if (s > worst) worst = s;
                    failed += s != EXIT_DONE;
                } else {
                    running++;
                }
                next++;
            }
            int wstatus;
            if (running > 0 && wait(&wstatus) > 0) {
                running--;
                int s = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : EXIT_SYSTEM;
                if (s > worst) worst = s;
                failed += s != EXIT_DONE;
            }
        }
    }
    if (count > 1 && o.verbosity > 0 && (isatty(STDERR_FILENO) || o.verbosity > 1))
        fprintf(stderr, "%d briefs: %d rendered, %d failed  %.2f s\n", count, count - failed,
                failed, now() - start);
    free(briefs);
    return worst;
}
