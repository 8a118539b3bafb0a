/* signals.c - what "briefgen render" does on a signal (cli.h). SIGINT,
 * SIGTERM or SIGHUP: remove the render's temporary files
 * (bg_temp_cleanup_now) and die of the same signal, so that the shell sees
 * 130, 143 or 129 and a calling loop stops as it would for any program. A
 * -j parent first passes the signal to its children, which clean up for
 * themselves, and waits for them. A signal ignored when briefgen starts
 * (nohup, a background job of a non-interactive shell) stays ignored. A
 * crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) removes the temporary
 * files too, then takes its previous action (the default, or a
 * sanitizer's report). Handlers call only async-signal-safe functions
 * (signal-safety(7)). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
enum { CRASHES = sizeof crash_signals / sizeof crash_signals[0] };
static struct sigaction crash_before[CRASHES]; /* the actions replaced */

/* The -j parent's state, read by the handler. */
static volatile pid_t leader;                /* the parent's pid, 0 without -j */
static pid_t *volatile children;             /* its running children, 0 for none */
static volatile size_t child_slots;          /* entries of CHILDREN */
static volatile sig_atomic_t rendering_here; /* the parent renders a brief itself */
static volatile sig_atomic_t pending;        /* the stop signal the parent got */

/* Dies of SIG with its default action. */
_Noreturn static void die(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* cppcheck-suppress unreachableCode ; reached if the signal cannot kill */
    _exit(128 + sig);
}

static void forward(int sig)
{
    pid_t *table = children;
    for (size_t i = 0; table && i < child_slots; i++)
        if (table[i] > 0) kill(table[i], sig);
}

static void on_stop(int sig)
{
    int saved = errno;
    if (leader && getpid() == leader) {
        forward(sig);
        if (!rendering_here) {
            pending = sig; /* the parent's loop waits for the children */
            errno = saved;
            return;
        }
        pid_t *table = children;
        for (size_t i = 0; table && i < child_slots; i++)
            if (table[i] > 0) waitpid(table[i], NULL, 0);
    }
    bg_temp_cleanup_now();
    die(sig);
}

static void on_crash(int sig, siginfo_t *info, void *context)
{
    (void)context;
    bg_temp_cleanup_now();
    for (int i = 0; i < CRASHES; i++)
        if (crash_signals[i] == sig) sigaction(sig, &crash_before[i], NULL);
    /* a fault happens again on return, under the previous action; a signal
     * sent (kill, abort) is sent again */
    if (info->si_code <= 0 || sig == SIGABRT) raise(sig);
}

void cli_signals_init(void)
{
    /* started with SIGCHLD ignored, children are reaped unseen and wait()
     * fails with ECHILD: the -j loop needs the default */
    signal(SIGCHLD, SIG_DFL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
        sigaddset(&sa.sa_mask, stop_signals[i]);
    for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++) {
        struct sigaction before;
        if (sigaction(stop_signals[i], NULL, &before) == 0 && before.sa_handler != SIG_IGN)
            sigaction(stop_signals[i], &sa, NULL);
    }
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_sigaction = on_crash;
    crash.sa_flags = SA_SIGINFO;
    sigemptyset(&crash.sa_mask);
    for (int i = 0; i < CRASHES; i++)
        sigaction(crash_signals[i], &crash, &crash_before[i]);
}

void cli_signals_parent(pid_t *table, size_t slots)
{
    children = table;
    child_slots = slots;
    leader = table ? getpid() : 0;
}

void cli_signals_rendering_here(bool yes)
{
    rendering_here = yes;
}

int cli_signals_pending(void)
{
    return pending;
}

void cli_signals_die(int sig)
{
    bg_temp_cleanup_now();
    die(sig);
}
