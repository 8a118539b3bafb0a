/* target.h - naming and writing an output file: a path with its symbolic
 * links followed, a spelling-independent name for a file that may not
 * exist yet, and writing a buffer to a descriptor whole. */
#ifndef BRIEFGEN_TARGET_H
#define BRIEFGEN_TARGET_H

#include <stddef.h>

#include "base/arena.h"

/* PATH with the symbolic links of its last component followed (a relative
 * link resolves against the link's folder), into ARENA: the file a write
 * through PATH reaches, whether or not it exists. PATH itself when it is not
 * a link. NULL with errno set: ELOOP after 40 links, ENOMEM. */
char *bg_path_follow(bg_arena *arena, const char *path);

/* An absolute name for PATH that does not depend on how PATH is spelt:
 * links followed (bg_path_follow), its folder resolved by realpath(3) as
 * far as it exists, the rest tidied lexically. Into ARENA; NULL with errno
 * set. */
char *bg_path_canonical(bg_arena *arena, const char *path);

/* Writes LEN bytes of DATA to FD: short writes are continued, EINTR
 * retried, EAGAIN waited for (poll). 0, or -1 with errno set. */
int bg_write_all(int fd, const void *data, size_t len);

#endif
