/* cmd_render.c - "briefgen render": each brief typeset into its PDF. Every
 * brief is opened first, and the run is refused (exit 2) before anything
 * is rendered when an output is one of the run's inputs or two briefs
 * share one. With -j N up to N briefs then render at once, each in a
 * process of its own (no fontconfig, HarfBuzz or libharu state is shared).
 * The exit status is the worst of all briefs; one brief's failure neither
 * stops nor damages the others. Signals: signals.c. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

typedef struct render_opts {
    bg_open_options open; /* --set */
    const char *output;   /* -o; "-" for standard output */
    int jobs;
    int verbosity; /* 0 quiet, 1 normal, 2 verbose */
} render_opts;

/* One brief of the run: opened first, rendered once every output has been
 * checked against the others and against every input. */
typedef struct job {
    const char *brief;
    bg_session *session;
    bg_diags diags;
    int status;      /* the exit status so far */
    const char *out; /* where the PDF goes; NULL for standard output */
    double seconds;  /* spent opening */
} job;

static const char stdout_name[] = "standard output";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void open_job(job *j, const render_opts *o)
{
    double start = now();
    bg_diags_init(&j->diags);
    bg_status opened = bg_session_open_with(&j->session, j->brief, &o->open, &j->diags);
    j->status = cli_status_of(&j->diags, cli_exit(opened)); /* -W error: not rendered */
    bg_session_warnings_fatal(j->session, cli_settings.werror);
    if (opened == BG_OK && !(o->output && strcmp(o->output, "-") == 0)) {
        j->out = o->output ? o->output : bg_render_default_path(j->session);
        if (!j->out) { /* never standard output by accident */
            fputs("briefgen: error: out of memory\n", stderr);
            j->status = EXIT_SYSTEM;
        }
    }
    j->seconds = now() - start;
}

/* Refuses, before anything is rendered, outputs that are inputs of the run
 * or that two briefs share. Returns 0 or EXIT_USAGE. */
static int check_outputs(job *jobs, int count)
{
    int status = 0;
    for (int i = 0; i < count; i++) {
        if (jobs[i].status != EXIT_DONE || !jobs[i].out) continue;
        for (int k = 0; k < count; k++) {
            if (bg_session_is_input(jobs[k].session, jobs[i].out)) {
                if (k == i)
                    fprintf(stderr,
                            "briefgen: error: render: output '%s' is an input of %s; the PDF "
                            "would overwrite it\n",
                            jobs[i].out, jobs[k].brief);
                else
                    fprintf(stderr,
                            "briefgen: error: render: output '%s' of %s is an input of %s; the "
                            "PDF would overwrite it\n",
                            jobs[i].out, jobs[i].brief, jobs[k].brief);
                status = EXIT_USAGE;
                break;
            }
        }
        for (int k = 0; k < i; k++) {
            if (jobs[k].status == EXIT_DONE && jobs[k].out &&
                bg_same_output(jobs[k].out, jobs[i].out)) {
                fprintf(stderr, "briefgen: error: render: %s and %s would both write '%s'\n",
                        jobs[k].brief, jobs[i].brief, jobs[i].out);
                status = EXIT_USAGE;
                break;
            }
        }
    }
    return status;
}

/* The -v line of where the time went: each stage in milliseconds and its
 * share of their sum, then the peak resident set size. */
static void print_phases(const bg_render_info *in)
{
    const bg_phase_times *t = &in->times;
    const struct {
        const char *name;
        double s;
    } phases[] = {{"load", t->load},     {"compose", t->compose}, {"fonts", t->fonts},
                  {"layout", t->layout}, {"subset", t->subset},   {"draw", t->draw},
                  {"save", t->save}};
    size_t n = sizeof phases / sizeof *phases;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += phases[i].s;
    fputs("  phases:", stderr);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %s %.1f ms (%.0f%%)%s", phases[i].name, phases[i].s * 1000.0,
                sum > 0 ? 100.0 * phases[i].s / sum : 0.0, i + 1 < n ? "," : ";");
    fprintf(stderr, " peak RSS %.1f MB; font cache %s\n", (double)in->peak_rss_kb / 1024.0,
            in->font_cache ? in->font_cache : "off");
}

/* Renders an opened brief, prints what there is to print and frees the
 * job; returns its exit status. */
static int finish_job(job *j, const render_opts *o, int index, int total)
{
    double start = now();
    if (j->status == EXIT_DONE) {
        bg_status rendered = j->out
                                 ? bg_render(j->session, j->out, &j->diags)
                                 : bg_render_fd(j->session, STDOUT_FILENO, stdout_name, &j->diags);
        j->status = cli_status_of(&j->diags, cli_exit(rendered));
    }
    if (o->verbosity > 0 || j->status != EXIT_DONE) cli_print_diags(&j->diags);
    if (j->status == EXIT_DONE && o->verbosity > 0) {
        if (isatty(STDERR_FILENO) || o->verbosity > 1)
            fprintf(stderr, "[%d/%d] %s → %s  %.2f s\n", index, total, j->brief,
                    j->out ? j->out : stdout_name, j->seconds + now() - start);
        if (o->verbosity > 1) {
            const bg_render_info *in = bg_session_info(j->session);
            fprintf(stderr,
                    "  %zu pages; %zu justified lines, %zu hyphenated (%.1f%%), %zu broken "
                    "inside a Korean word; worst stretch ratio %.2f\n",
                    in->pages, in->justified_lines, in->hyphenated_lines,
                    in->justified_lines
                        ? 100.0 * (double)in->hyphenated_lines / (double)in->justified_lines
                        : 0.0,
                    in->syllable_breaks, in->worst_ratio);
            print_phases(in);
        }
        if (j->out) printf("%s\n", j->out); /* with -o -, stdout holds the PDF alone */
    }
    bg_session_free(j->session);
    j->session = NULL;
    bg_diags_free(&j->diags);
    return j->status;
}

/* Drops a job without rendering it. */
static void drop_job(job *j)
{
    bg_session_free(j->session);
    j->session = NULL;
    bg_diags_free(&j->diags);
}

typedef struct tally {
    int worst, failed;
} tally;

static void count_status(tally *t, int status)
{
    if (status > t->worst) t->worst = status;
    t->failed += status != EXIT_DONE;
}

/* -j: up to O->JOBS briefs at once, each in a child process, which
 * inherits the opened session. A stop signal is passed to the children;
 * once they have ended, the parent dies of it. */
static void run_parallel(job *jobs, int count, const render_opts *o, tally *t)
{
    pid_t *pids = calloc((size_t)o->jobs, sizeof *pids);
    int *which = calloc((size_t)o->jobs, sizeof *which);
    if (!pids || !which) {
        free(pids);
        free(which);
        for (int b = 0; b < count; b++)
            count_status(t, finish_job(&jobs[b], o, b + 1, count));
        return;
    }
    cli_signals_parent(pids, (size_t)o->jobs);
    int running = 0, next = 0, stop = 0;
    while (next < count || running > 0) {
        while (!stop && running < o->jobs && next < count) {
            job *j = &jobs[next];
            if (j->status != EXIT_DONE) { /* did not open: its diagnostics only */
                count_status(t, finish_job(j, o, next + 1, count));
                next++;
                continue;
            }
            fflush(stdout);
            fflush(stderr);
            pid_t pid = fork();
            if (pid == 0) {
                cli_signals_parent(NULL, 0);
                free(pids);
                free(which);
                int s = cli_flush_stdout(finish_job(j, o, next + 1, count));
                fflush(stderr);
                _exit(s);
            }
            if (pid < 0) { /* no process to spare: render it here */
                cli_signals_rendering_here(true);
                count_status(t, finish_job(j, o, next + 1, count));
                cli_signals_rendering_here(false);
            } else {
                int slot = 0;
                while (pids[slot] != 0)
                    slot++;
                which[slot] = next;
                pids[slot] = pid;
                running++;
                drop_job(j); /* the child has its own copy */
            }
            next++;
            stop = cli_signals_pending();
        }
        if (!stop) stop = cli_signals_pending();
        if (stop) { /* the handler passed it on; a child started since may have missed it */
            for (int k = 0; k < o->jobs; k++)
                if (pids[k] > 0) kill(pids[k], stop);
            for (; next < count; next++) /* opened, never to be rendered */
                drop_job(&jobs[next]);
        }
        if (running == 0) break;
        int wstatus;
        pid_t pid = wait(&wstatus);
        int werr = errno;
        if (pid < 0 && werr == EINTR) continue;
        for (int k = 0; k < o->jobs; k++) {
            if (pid > 0 ? pids[k] != pid : pids[k] == 0) continue;
            /* pid < 0 (ECHILD): every child is gone unseen; each counts as failed */
            const job *j = &jobs[which[k]];
            int s = EXIT_SYSTEM;
            if (pid > 0 && WIFEXITED(wstatus)) {
                s = WEXITSTATUS(wstatus);
            } else if (pid > 0 && WIFSIGNALED(wstatus)) {
                if (WTERMSIG(wstatus) != stop)
                    fprintf(stderr, "[%d/%d] %s: crashed (signal %d)\n", which[k] + 1, count,
                            j->brief, WTERMSIG(wstatus));
            } else if (pid < 0) {
                fprintf(stderr, "[%d/%d] %s: its status is lost: %s\n", which[k] + 1, count,
                        j->brief, strerror(werr));
            }
            pids[k] = 0;
            running--;
            count_status(t, s);
        }
    }
    cli_signals_parent(NULL, 0);
    free(pids);
    free(which);
    if (stop) cli_signals_die(stop);
}

static const cli_opt render_opts_table[] = {
    {"output", 'o', "FILE", "write the PDF to FILE (- for standard output)"},
    {"jobs", 'j', "N", "render N briefs at once (default: one per processor)"},
    {"quiet", 'q', NULL, "print errors only"},
    {"verbose", 'v', NULL, "print warnings, times and typesetting figures"},
    {"set", 0, "KEY=VALUE", "override a top-level key of each brief (repeatable)"},
    {"pdf-standard", 0, "STD", "a-2b (archival PDF/A-2b), a-2a or ua-1, as pdf_standard"},
};

const cli_command cli_render_command = {
    "render",
    "[OPTION]... BRIEF.yaml...",
    "Typesets each brief into a PDF: the brief's 'output', else output/NAME.pdf under the\n"
    "current folder (NAME: the brief's file name without .yaml).\n"
    "Each PDF is written whole or not at all; the name of each PDF written is printed.",
    render_opts_table,
    sizeof render_opts_table / sizeof render_opts_table[0],
    "Exit status: 0 every brief rendered (warnings allowed), 1 a problem in the inputs,\n"
    "2 a usage error, 3 a failure of the system; the worst of all briefs.\n"};

static int on_option(int index, const char *value, void *ctx)
{
    render_opts *o = ctx;
    switch (index) {
    case 0:
        if (!*value) return cli_usage_error("render: -o needs a file name (- for standard output)");
        o->output = value;
        break;
    case 1: {
        char *end = NULL;
        long jobs = strtol(value, &end, 10);
        if (end == value || *end || jobs < 1 || jobs > 256)
            return cli_usage_error("render: --jobs needs a number from 1 to 256, not '%s'", value);
        o->jobs = (int)jobs;
        break;
    }
    case 2:
        o->verbosity = 0;
        break;
    case 3:
        o->verbosity = 2;
        break;
    case 4:
        return cli_set_add(&o->open, value);
    default: { /* --pdf-standard: the brief key, checked there too */
        static const char *const sets[] = {"pdf_standard=a-2b", "pdf_standard=a-2a",
                                           "pdf_standard=ua-1"};
        const char *v = strncasecmp(value, "pdf/", 4) == 0 ? value + 4 : value;
        for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
            if (strcasecmp(v, sets[k] + 13) == 0) return cli_set_add(&o->open, sets[k]);
        return cli_usage_error("render: --pdf-standard takes a-2b, a-2a or ua-1, not '%s'", value);
    }
    }
    return 0;
}

int cmd_render(int argc, char **argv)
{
    render_opts o = {{NULL, 0}, NULL, 0, 1}; /* jobs 0: one per CPU */
    int first = argc;
    int status = cli_parse(&cli_render_command, argc, argv, &first, on_option, &o);
    if (status) {
        cli_set_free(&o.open);
        return status == CLI_HELP ? EXIT_DONE : status;
    }
    const char **briefs = (const char **)argv + first;
    int count = argc - first;
    if (count == 0) status = cli_usage_error("render: give at least one BRIEF.yaml");
    if (status == 0) status = cli_stdin_once("render", argv + first, count);
    if (status == 0 && o.output && count > 1)
        status = cli_usage_error("render: -o names one file; give one brief with it");
    if (status == 0 && o.output && strcmp(o.output, "-") == 0 && isatty(STDOUT_FILENO))
        status =
            cli_usage_error("render: standard output is a terminal; redirect it, or give -o FILE");
    if (status != 0) {
        cli_set_free(&o.open);
        return status;
    }
    cli_signals_init();
    /* a glob over briefs/ passes the theme catalogue too: not a brief */
    int kept = 0;
    for (int b = 0; b < count; b++) {
        if (bg_is_catalogue(briefs[b])) {
            if (count == 1) {
                fprintf(stderr,
                        "briefgen: error: render: %s is a theme catalogue, not a brief; render "
                        "a brief that uses it ('briefgen check %s' validates it)\n",
                        briefs[b], briefs[b]);
                cli_set_free(&o.open);
                return EXIT_USAGE;
            }
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
    job *jobs = calloc((size_t)count + 1, sizeof *jobs);
    if (!jobs) {
        cli_set_free(&o.open);
        return EXIT_SYSTEM;
    }
    double start = now();
    for (int b = 0; b < count; b++) {
        jobs[b].brief = briefs[b];
        open_job(&jobs[b], &o);
    }
    tally t = {EXIT_DONE, 0};
    if (check_outputs(jobs, count) != 0) {
        /* nothing is rendered; the briefs that did not open say why */
        t.worst = EXIT_USAGE;
        for (int b = 0; b < count; b++) {
            if (jobs[b].diags.errors) cli_print_diags(&jobs[b].diags);
            if (jobs[b].status > t.worst) t.worst = jobs[b].status;
            drop_job(&jobs[b]);
        }
    } else if (o.jobs == 1 || count == 1) {
        for (int b = 0; b < count; b++)
            count_status(&t, finish_job(&jobs[b], &o, b + 1, count));
    } else {
        run_parallel(jobs, count, &o, &t);
    }
    if (count > 1 && o.verbosity > 0 && (isatty(STDERR_FILENO) || o.verbosity > 1))
        fprintf(stderr, "%d briefs: %d rendered, %d failed  %.2f s\n", count, count - t.failed,
                t.failed, now() - start);
    free(jobs);
    cli_set_free(&o.open);
    return t.worst;
}
