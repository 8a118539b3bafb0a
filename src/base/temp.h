/* temp.h - the temporary files of a render (the PDF beside its target),
 * created and registered here so that a signal handler can
 * remove them: bg_temp_cleanup_now (public, briefgen.h) is
 * async-signal-safe. The library installs no handler; the command line
 * does. */
#ifndef BRIEFGEN_TEMP_H
#define BRIEFGEN_TEMP_H

#include <signal.h>

#include <sys/types.h>

/* Creates a new file from TEMPLATE, whose last six characters "XXXXXX" are
 * replaced in place by random ones (as mkstemp does), with permission bits
 * MODE less the umask, open for writing; and registers it. Returns the
 * descriptor, or -1 with errno set (ENOMEM when the registry cannot hold
 * one more file: no file is created then). Signals are blocked while the
 * file is created and registered, so a handler never misses it. */
int bg_temp_create(char *template, mode_t mode);

/* Forgets PATH (renamed into place or removed by the caller). */
void bg_temp_release(const char *path);

/* Removes the temporary file PATH and forgets it. */
void bg_temp_remove(const char *path);

/* Blocks, on the calling thread, every signal but those a fault raises
 * on the thread that faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
 * SIGTRAP, SIGSYS), the mask before in *OLD: a helper thread started
 * in between inherits it, so that the stop signals (SIGINT, SIGTERM,
 * SIGHUP) are handled on the rendering thread, whose handlers remove the
 * temporary files, while a crash on the helper still reaches the
 * command line's crash handler (a blocked fault signal kills the process
 * without it). Restore with pthread_sigmask(SIG_SETMASK, OLD, NULL). */
void bg_block_signals(sigset_t *old);

#endif
