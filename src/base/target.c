/* target.c - output paths (target.h): symbolic links followed by hand, so
 * that the file a link names is what gets replaced and the link stays a
 * link; a canonical name to tell whether two outputs are one; and whole
 * writes to a descriptor (a pipe or a terminal may take a little at a
 * time). */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/target.h"
#include "base/util.h"

/* The target of the link PATH (readlink(2), which gives no size for the
 * links of /proc), into ARENA; NULL with errno set. */
static char *read_link(bg_arena *arena, const char *path)
{
    for (size_t size = 256; size <= (size_t)1 << 20; size *= 2) {
        char *buf = bg_arena_alloc(arena, size);
        if (!buf) {
            errno = ENOMEM;
            return NULL;
        }
        ssize_t n = readlink(path, buf, size);
        if (n < 0) return NULL;
        if ((size_t)n < size) {
            buf[n] = '\0';
            return buf;
        }
    }
    errno = ENAMETOOLONG;
    return NULL;
}

char *bg_path_follow(bg_arena *arena, const char *path)
{
    char *cur = bg_arena_strdup(arena, path);
    for (int hops = 0; cur; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
        if (hops == 40) {
            errno = ELOOP;
            return NULL;
        }
        char *link = read_link(arena, cur);
        if (!link) return NULL;
        cur = link[0] == '/' ? link : bg_path_join(arena, bg_path_dirname(arena, cur), link);
    }
    errno = ENOMEM;
    return NULL;
}

char *bg_path_canonical(bg_arena *arena, const char *path)
{
    char *file = bg_path_follow(arena, path);
    if (!file) return NULL;
    if (file[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        if (!cwd) return NULL;
        file = bg_arena_printf(arena, "%s/%s", cwd, file);
        free(cwd);
        if (!file) goto oom;
    }
    /* the longest leading part of the folder that exists, resolved; the
     * missing rest cannot hold links and is tidied lexically */
    char *dir = bg_path_dirname(arena, file);
    const char *slash = strrchr(file, '/');
    const char *rest = slash + 1;
    if (!dir) goto oom;
    for (;;) {
        char *real = realpath(dir, NULL);
        if (real) {
            char *name = bg_path_join(arena, real, rest);
            free(real);
            if (!name) goto oom;
            return name;
        }
        if (errno != ENOENT && errno != ENOTDIR) return NULL;
        char *cut = strrchr(dir, '/');
        if (!cut || cut == dir) return bg_path_join(arena, "/", file); /* nothing exists */
        *cut = '\0';
        rest = file + (cut - dir) + 1;
    }
oom:
    errno = ENOMEM;
    return NULL;
}

int bg_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd pfd = {fd, POLLOUT, 0};
                if (poll(&pfd, 1, -1) < 0 && errno != EINTR) return -1;
                continue;
            }
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}
