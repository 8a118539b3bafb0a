# Threads that cannot be started (a process at its thread limit, a
# container's pids.max): every piece of work briefgen does beside the
# main thread (the hyphenation patterns, the font subsets, deflating font
# files and pages: README, "Speed") is then done on the calling thread,
# and the PDF is the same byte for byte. A shim preloaded into the
# process makes every pthread_create fail with EAGAIN.
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1700000000

cat >"$TMP/nothreads.c" <<'C'
#include <errno.h>
#include <pthread.h>
int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg)
{
    (void)t, (void)a, (void)f, (void)arg;
    return EAGAIN;
}
C
if ! cc -shared -fPIC -o "$TMP/nothreads.so" "$TMP/nothreads.c" 2>"$TMP/cc.err"; then
  fail "cannot build the shim: $(cat "$TMP/cc.err")"
  finish
  exit
fi
# (an AddressSanitizer build wants its runtime first in the list)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

gen_corpus 40 "$TMP/c40"
for brief in "${SAMPLES[@]}" "$TMP/c40/brief.yaml" "$TMP/c40/brief-ko.yaml"; do
  name=$(basename "$(dirname "$brief")")-$(basename "$brief" .yaml)
  # each with a cache folder of its own, empty: the patterns are loaded,
  # not read back, and the fonts resolved
  mkdir -p "$TMP/cache-$name-a" "$TMP/cache-$name-b"
  XDG_CACHE_HOME=$TMP/cache-$name-a render "$TMP/$name-threads.pdf" "$brief"
  expect_eq "$name: exit" "$rc" 0
  said=$err
  XDG_CACHE_HOME=$TMP/cache-$name-b LD_PRELOAD=$TMP/nothreads.so \
    render "$TMP/$name-none.pdf" "$brief"
  expect_eq "$name, no thread: exit" "$rc" 0
  expect_eq "$name, no thread: the same diagnostics" "$err" "$said"
  if cmp -s "$TMP/$name-threads.pdf" "$TMP/$name-none.pdf"; then ok; else
    fail "$name: the PDF made with no thread differs"
  fi
done
# the shim works: a program that starts a thread is refused
cat >"$TMP/probe.c" <<'C'
#include <pthread.h>
static void *run(void *arg) { return arg; }
int main(void) { pthread_t t; return pthread_create(&t, 0, run, 0) != 0 ? 0 : 1; }
C
if cc -o "$TMP/probe" "$TMP/probe.c" -pthread 2>/dev/null; then
  LD_PRELOAD=$TMP/nothreads.so "$TMP/probe" && ok || fail "the shim does not refuse threads"
fi
finish
