/* util.h - reading untrusted input files and small text helpers shared by
 * the loaders. */
#ifndef BRIEFGEN_UTIL_H
#define BRIEFGEN_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"

#define BG_MAX_FILE_SIZE ((size_t)32 * 1024 * 1024)

/* Reads PATH into the arena as NUL-terminated valid UTF-8: a BOM is dropped,
 * invalid sequences become U+FFFD (one warning naming the first), CR LF
 * becomes LF. Errors (added to DIAGS, return -1): cannot open, a directory,
 * empty, larger than BG_MAX_FILE_SIZE, a NUL byte (binary). */
int bg_read_text_file(bg_arena *arena, const char *path, bg_diags *diags, char **text, size_t *len);
/* The same from the open stream IN (standard input), NAME in diagnostics;
 * more than BG_MAX_FILE_SIZE bytes is an error. */
int bg_read_text_stream(bg_arena *arena, FILE *in, const char *name, bg_diags *diags, char **text,
                        size_t *len);
/* The checks and clean-up of bg_read_text_file on RAW (N bytes, room for
 * one more), read from PATH. */
int bg_text_clean(bg_arena *arena, const char *path, char *raw, size_t n, bg_diags *diags,
                  char **text, size_t *len);

/* Replaces invalid UTF-8 in IN (LEN bytes) by U+FFFD into a new arena
 * string; *BAD_OFFSET is the byte offset of the first invalid byte or
 * (size_t)-1 when IN was valid. */
char *bg_utf8_sanitize(bg_arena *arena, const char *in, size_t len, size_t *out_len,
                       size_t *bad_offset, size_t *bad_count);

/* FNV-1a over the N bytes at DATA (Fowler, Noll and Vo; for hash tables
 * and cache file names, not against an adversary): the same bytes give
 * the same value on every run and machine. */
uint64_t bg_fnv1a(const void *data, size_t n);
/* A 64-bit hash of LEN bytes of DATA, eight at a time (a cache file's
 * checksum: it finds a file damaged or cut short, not an adversary's;
 * what a hostile file claims is checked as used). The same bytes give
 * the same value on every run. */
uint64_t bg_checksum(const void *data, size_t len);

/* Decodes one UTF-8 code point at S (valid UTF-8 assumed); returns bytes used. */
size_t bg_utf8_decode(const char *s, uint32_t *cp);
/* Writes CP as UTF-8 at OUT (room for 4 bytes); returns the bytes written. */
size_t bg_utf8_encode(uint32_t cp, char *out);
/* Number of code points in S. */
size_t bg_utf8_length(const char *s);
/* Number of code points in the LEN bytes at S. */
size_t bg_utf8_count(const char *s, size_t len);

/* The longest URI a PDF string holds once percent-encoded (libharu's
 * HPDF_LIMIT_MAX_STRING_LEN); a longer link is shown as plain text. */
#define BG_MAX_URI 65534
/* URI as ASCII for a PDF: spaces, controls, non-ASCII bytes and the
 * characters " < > \ ( ) percent-encoded (RFC 3986, 2.1). malloc'd; NULL
 * without memory. */
char *bg_uri_encode(const char *uri);
/* The length of bg_uri_encode(URI) without making it. */
size_t bg_uri_encoded_length(const char *uri);

/* Joins DIR and PATH (PATH kept when absolute) into the arena. */
char *bg_path_join(bg_arena *arena, const char *dir, const char *path);
/* The directory part of PATH ("." when none). */
char *bg_path_dirname(bg_arena *arena, const char *path);
/* The last component of PATH without its extension. */
char *bg_path_stem(bg_arena *arena, const char *path);

/* Keeps at most KEEP cache files DIR/PREFIX*.cache: those used last (the
 * later of their access and modification times) and always the one named
 * KEEP_NAME (just written); removes the others, and temporary files
 * (PREFIX*.cache.XXXXXX) an hour old that a killed process left. Each
 * configuration or set of families has a file of its own, so that without
 * this the folder would grow without bound. Failures are ignored. */
void bg_cache_trim(const char *dir, const char *prefix, const char *keep_name, size_t keep);

/* Seconds on the monotonic clock, for timing the stages of a render. */
double bg_seconds(void);

#endif
