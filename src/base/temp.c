/* temp.c - the registry of temporary files (temp.h). A singly linked list
 * of nodes, each holding its path; a node is linked only once complete and
 * freed only once unlinked, and every change is made with all signals
 * blocked in the calling thread, so a handler that interrupts this thread
 * always walks a consistent list. The list is shared by the threads of the
 * process (a mutex orders their changes); the library's own thread (the
 * hyphenation loader) blocks every signal, so handlers run on the threads
 * that render. No fixed capacity: a file that cannot be registered (no
 * memory) is not created.
 *
 * bg_temp_cleanup_now only reads the list and calls unlink(2), which
 * POSIX lists as async-signal-safe (signal-safety(7)). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "briefgen.h"
#include "base/temp.h"

typedef struct temp_node {
    struct temp_node *next;
    char path[]; /* NUL-terminated */
} temp_node;

static temp_node *head;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void block_signals(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, old);
}

static void restore_signals(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Six characters of [A-Za-z0-9] at OUT, from getrandom(2), else from the
 * clock, the process id and a counter. */
static void fill_random(char *out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char bytes[6];
    if (getrandom(bytes, sizeof bytes, GRND_NONBLOCK) != (ssize_t)sizeof bytes) {
        static unsigned long counter;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
                     ((uint64_t)getpid() << 40) ^ (++counter * 0x9E3779B97F4A7C15u);
        for (size_t i = 0; i < sizeof bytes; i++, x >>= 8)
            bytes[i] = (unsigned char)x;
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        out[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
}

int bg_temp_create(char *template, mode_t mode)
{
    size_t len = strlen(template);
    if (len < 6 || strcmp(template + len - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    temp_node *node = malloc(sizeof *node + len + 1);
    if (!node) {
        errno = ENOMEM;
        return -1;
    }
    sigset_t old;
    block_signals(&old);
    pthread_mutex_lock(&lock);
    int fd = -1;
    for (int tries = 0; tries < 100 && fd < 0; tries++) {
        fill_random(template + len - 6);
        fd = open(template, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST) break;
    }
    int saved = errno;
    if (fd >= 0) {
        memcpy(node->path, template, len + 1);
        node->next = head;
        head = node; /* linked complete: the handler sees it whole or not at all */
        node = NULL;
    }
    pthread_mutex_unlock(&lock);
    restore_signals(&old);
    free(node);
    errno = saved;
    return fd;
}

void bg_temp_release(const char *path)
{
    sigset_t old;
    block_signals(&old);
    pthread_mutex_lock(&lock);
    temp_node *found = NULL;
    for (temp_node **p = &head; *p; p = &(*p)->next) {
        if (strcmp((*p)->path, path) == 0) {
            found = *p;
            *p = found->next;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    restore_signals(&old);
    free(found);
}

void bg_temp_remove(const char *path)
{
    /* removed first: a signal in between only removes it again */
    int saved = errno;
    unlink(path);
    bg_temp_release(path);
    errno = saved;
}

void bg_temp_cleanup_now(void)
{
    int saved = errno;
    for (const temp_node *n = head; n; n = n->next)
        unlink(n->path);
    errno = saved;
}

void bg_block_signals(sigset_t *old)
{
    sigset_t set;
    sigfillset(&set);
    static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++)
        sigdelset(&set, faults[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}
