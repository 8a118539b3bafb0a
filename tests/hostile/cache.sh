# The hyphenation automaton's cache under $XDG_CACHE_HOME/briefgen
# (src/text/hyphen.c; the font chains' cache has render/fontcache.sh):
# whatever stands in place of the cache file or its folder, the render ends
# promptly with the PDF it makes without the cache, silently. A FIFO in
# place of the file (an open for reading would wait for a writer), a file
# that is empty, garbage, cut short or huge, a folder that is a file, a
# read-only folder, a full file system, HOME and XDG_CACHE_HOME unset or
# relative, 8 renders writing the cache at once, and a file whose checksum
# is right but whose contents would lead libhyphen out of its strings.
. "$(dirname "$0")/lib.bash"
cleanup() {
  [ -n "${MNT:-}" ] && umount "$MNT" 2>/dev/null
  chmod -R u+rwx "$TMP" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

BRIEF=$PWD/tests/fixtures/base/brief.yaml
REF=$TMP/ref.pdf
BRIEFGEN_NO_CACHE=1 "$BIN" render -q -o "$REF" "$BRIEF" || fail "the render without the cache"

# attempt NAME : renders with $XDG_CACHE_HOME as it is, within 10 s:
# exit 0, nothing on stderr, the PDF made without the cache
n=0
attempt() {
  n=$((n + 1))
  timed_render 10 "$TMP/try$n.pdf" "$BRIEF"
  if [ "$rc" -ne 0 ] || [ -n "$err" ]; then
    fail "$1: exit $rc after $secs s, stderr [$err]"
  elif ! cmp -s "$REF" "$TMP/try$n.pdf"; then
    fail "$1: the PDF differs from the one made without the cache"
  else ok; fi
}

export XDG_CACHE_HOME=$TMP/xdg
attempt "first, writing the cache"
HFILE=$(ls "$XDG_CACHE_HOME"/briefgen/hyphen-*.cache 2>/dev/null | head -1)
[ -f "$HFILE" ] && ok || fail "no hyphenation cache file was written"
attempt "a hit"

# in place of the cache file (the file is written anew where it can be)
rm -f "$HFILE" && mkfifo "$HFILE"
attempt "a FIFO in place of the cache file"
[ -f "$HFILE" ] && [ ! -p "$HFILE" ] && ok || fail "a FIFO: the cache file not written anew"
rm -f "$HFILE" && : >"$HFILE"
attempt "an empty cache file"
rm -f "$HFILE" && head -c 300000 /dev/urandom >"$HFILE"
attempt "a garbage cache file"
attempt "a garbage cache file, written anew"
head -c 100000 "$HFILE" >"$TMP/cut" && cp "$TMP/cut" "$HFILE"
attempt "a cache file cut short"
truncate -s 100M "$HFILE"
attempt "a huge cache file"
rm -f "$HFILE" && ln -s /dev/zero "$HFILE"
attempt "a link to /dev/zero"
rm -f "$HFILE" && mkdir "$HFILE"
attempt "a folder in place of the cache file"
rm -rf "$HFILE"

# hostile contents under a right checksum (hyphen.c's trailer, bg_checksum,
# made right again): the first level's list of nohyphen strings (Debian's
# patterns have 4) replaced by one empty string, which libhyphen's strstr
# finds everywhere (it wrote before the word and read past it, a crash).
# A project of long words, so that the render hyphenates.
fix_python='
import struct, sys
path, strings = sys.argv[1], sys.argv[2].encode().split(b",")
d = bytearray(open(path, "rb").read()[:-8])
at = len(b"briefgen-hyphen-cache 2\n") + 14 * 8 + 4 + 4 + 20 + 4  # nohyphenl
nl, nh = struct.unpack("<ii", d[at:at + 8])
blob = b"".join(s + b"\0" for s in strings)
d[at:at + 8 + nh] = struct.pack("<ii", len(strings) - 1, len(blob)) + blob
M = 0xffffffffffffffff
h, i = 0x9e3779b97f4a7c15 ^ len(d), 0
while i + 8 <= len(d):
    h = ((h ^ struct.unpack("<Q", d[i:i + 8])[0]) * 0xff51afd7ed558ccd) & M
    h ^= h >> 32
    i += 8
for x in d[i:]:
    h = ((h ^ x) * 0x100000001b3) & M
open(path, "wb").write(bytes(d) + struct.pack("<Q", h))'
P=$TMP/long
for i in $(seq 60); do printf 'institutionalization counterproliferation extraordinarily '; done | project "$P"
BRIEF=$P/brief.yaml
BRIEFGEN_NO_CACHE=1 "$BIN" render -q -o "$REF" "$BRIEF" || fail "the long words without the cache"
export XDG_CACHE_HOME=$TMP/xdg-nh
attempt "long words, writing the cache"
HFILE=$(ls "$XDG_CACHE_HOME"/briefgen/hyphen-*.cache 2>/dev/null | head -1)
for list in "" "a,,b" "-,"; do
  python3 -c "$fix_python" "$HFILE" "$list" || fail "the cache file could not be edited"
  attempt "a nohyphen list [$list] with an empty string"
done
BRIEF=$PWD/tests/fixtures/base/brief.yaml
BRIEFGEN_NO_CACHE=1 "$BIN" render -q -o "$REF" "$BRIEF" || fail "the render without the cache"

# the folder: a file, read-only, on a full file system
export XDG_CACHE_HOME=$TMP/xdg-file
mkdir -p "$XDG_CACHE_HOME" && : >"$XDG_CACHE_HOME/briefgen"
attempt "the cache folder a file"
export XDG_CACHE_HOME=$TMP/xdg-ro
mkdir -p "$XDG_CACHE_HOME/briefgen" && chmod 0500 "$XDG_CACHE_HOME/briefgen"
attempt "a read-only cache folder"
if [ "$(id -u)" = 0 ]; then
  MNT=$TMP/full && mkdir -p "$MNT"
  if mount -t tmpfs -o size=64k tmpfs "$MNT" 2>/dev/null; then
    head -c 60000 /dev/zero >"$MNT/filler" 2>/dev/null
    export XDG_CACHE_HOME=$MNT
    attempt "a full file system"
    expect_eq "a full file system: left behind" "$(ls -A "$MNT/briefgen" 2>/dev/null)" ""
    umount "$MNT" && MNT=
  fi
fi

# no usable cache home: rendered without a cache, nothing written here
SAVED_HOME=$HOME
unset XDG_CACHE_HOME HOME
cd "$TMP" || exit 1
attempt "HOME and XDG_CACHE_HOME unset"
export XDG_CACHE_HOME=rel HOME=rel
attempt "relative HOME and XDG_CACHE_HOME"
[ ! -e "$TMP/rel" ] && ok || fail "a relative cache home was written into"
export HOME=$SAVED_HOME

# 8 renders at once, with no cache yet: every PDF the one without the cache
export XDG_CACHE_HOME=$TMP/xdg-par
pids=()
for i in 1 2 3 4 5 6 7 8; do
  "$BIN" render -q -o "$TMP/par$i.pdf" "$BRIEF" 2>"$TMP/par$i.err" &
  pids+=($!)
done
for i in 1 2 3 4 5 6 7 8; do
  wait "${pids[$((i - 1))]}" || fail "parallel render $i: exit $?"
  cmp -s "$REF" "$TMP/par$i.pdf" && [ ! -s "$TMP/par$i.err" ] && ok || fail "parallel render $i differs"
done
expect_eq "parallel: the cache folder holds" \
  "$(ls -A "$XDG_CACHE_HOME/briefgen" | sed 's/-[0-9a-f]*\.cache$//' | sort | tr '\n' ' ')" "fonts hyphen "
attempt "after the parallel renders, a hit"
# a signal while a cache file is written: the temporary file beside it is
# removed with the render's own. strace delivers SIGTERM just after the
# temporary file is created (the Nth openat of the thread that made it in
# a traced run); the hyphenation cache is there already, so only the font
# chains' is written.
if command -v strace >/dev/null; then
  export XDG_CACHE_HOME=$TMP/xdg-sig
  attempt "writing the caches before a signal"
  rm -f "$XDG_CACHE_HOME"/briefgen/fonts-*
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 # (LeakSanitizer: no ptrace)
  strace -f -o "$TMP/trace" -e trace=openat "$BIN" render -q -o "$TMP/sig.pdf" "$BRIEF"
  tid=$(grep 'briefgen/fonts-[0-9a-f]*\.cache\.[A-Za-z0-9]\{6\}"' "$TMP/trace" | awk '{print $1}')
  nth=$(grep "^$tid " "$TMP/trace" | grep 'openat(' |
    grep -n 'briefgen/fonts-[0-9a-f]*\.cache\.[A-Za-z0-9]\{6\}"' | cut -d: -f1)
  if [ -n "$nth" ]; then
    rm -f "$XDG_CACHE_HOME"/briefgen/fonts-* "$TMP/sig.pdf"
    (strace -f -o "$TMP/trace2" -e trace=openat -e inject=openat:signal=SIGTERM:when="$nth" \
      "$BIN" render -q -o "$TMP/sig.pdf" "$BRIEF" || true) >/dev/null 2>&1
    grep -B1 SIGTERM "$TMP/trace2" | grep -q 'briefgen/fonts-[0-9a-f]*\.cache\.[A-Za-z0-9]\{6\}"' &&
      ok || fail "a signal: not delivered where the font cache's temporary file is made"
    expect_eq "a signal while the font cache is written: left behind" \
      "$(ls -A "$XDG_CACHE_HOME/briefgen" | grep -v '^[a-z]*-[0-9a-f]*\.cache$')" ""
  else
    fail "a traced render: no temporary file of the font cache"
  fi
fi
finish
