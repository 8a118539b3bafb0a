# The chain cache (README, "Environment"; src/text/fonts.c): a second render
# reads no fontconfig file and makes the same PDF; a cache file that is cut
# short, damaged, foreign, hostile or not a file is ignored and written
# anew; a face file that changed or went away sends the chains back to
# fontconfig; an unwritable cache folder and BRIEFGEN_NO_CACHE still render.
# Which files a render opens is seen with strace.
. "$(dirname "$0")/lib.bash"
command -v strace >/dev/null || { fail "strace is needed (scripts/install-deps)"; finish; exit; }
seccomp=--seccomp-bpf # (only the traced calls stop: faster)
strace -f -qq $seccomp -e trace=openat -o /dev/null true 2>/dev/null || seccomp=
export XDG_CACHE_HOME=$TMP/xdg SOURCE_DATE_EPOCH=1700000000
unset BRIEFGEN_NO_CACHE
brief=briefs/nine-bridges-handout.yaml
cache=$XDG_CACHE_HOME/briefgen

# traced NAME [ENV...]: renders $brief to $TMP/NAME.pdf under strace; sets
# $opened to the fontconfig files it opened (empty: the chains came from
# the cache) and fails unless it exits 0 with nothing on stderr.
traced() {
  local name=$1
  shift
  # (LeakSanitizer cannot work under ptrace: the leaks of these paths are
  # looked for by the untraced renders of broken and the other tests)
  env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@" \
    strace -f -qq $seccomp -e trace=open,openat -o "$TMP/$name.trace" \
    "$BIN" render -o "$TMP/$name.pdf" "$brief" >/dev/null 2>"$TMP/$name.err"
  local code=$?
  opened=$(grep -v ENOENT "$TMP/$name.trace" | grep -o '"[^"]*fonts\.conf"' | sort -u)
  if [ "$code" -eq 0 ] && [ ! -s "$TMP/$name.err" ]; then ok; else
    fail "$name: exit $code, stderr [$(cat "$TMP/$name.err")]"
  fi
}
same_pdf() { # same_pdf NAME: byte-identical to the render without the cache
  cmp -s "$TMP/ref.pdf" "$TMP/$1.pdf" && ok || fail "$1: the PDF differs from the one made without the cache"
}
hit() { [ -z "$opened" ] && ok || fail "$1: fontconfig's files were read: $opened"; }
miss() { [ -n "$opened" ] && ok || fail "$1: fontconfig's files were not read"; }

traced ref BRIEFGEN_NO_CACHE=1
miss "BRIEFGEN_NO_CACHE"
[ ! -e "$cache" ] && ok || fail "BRIEFGEN_NO_CACHE=1 wrote $cache"

traced first
miss "first render"
files=("$cache"/fonts-*.cache)
expect_eq "one cache file" "${#files[@]}" 1
file=${files[0]}
[ -s "$file" ] && ok || { fail "no cache file in $cache"; finish; exit; }
same_pdf first
cp "$file" "$TMP/good.cache"

traced second
hit "second render"
same_pdf second
cmp -s "$file" "$TMP/good.cache" && ok || fail "a hit rewrote the cache"
traced second_no_cache BRIEFGEN_NO_CACHE=1
miss "BRIEFGEN_NO_CACHE with a cache"

# checksum FILE: the file's last line made right again for what comes
# before it (fonts.c, checksum), so that what is tested is the parser
python_fix='import sys
p = sys.argv[1]
d = open(p, "rb").read()
body = d[: d.rindex(b"end ")]
M = (1 << 64) - 1
h = 0x9E3779B97F4A7C15 ^ len(body)
i = 0
while i + 8 <= len(body):
    h = ((h ^ int.from_bytes(body[i : i + 8], "little")) * 0xFF51AFD7ED558CCD) & M
    h ^= h >> 32
    i += 8
for b in body[i:]:
    h = ((h ^ b) * 0x100000001B3) & M
open(p, "wb").write(body + b"end %016x\n" % h)'
checksum() { python3 -c "$python_fix" "$1"; }

# broken NAME: renders with the cache file as the case left it: read
# fontconfig, made the same PDF, wrote the cache again (as it was)
broken() {
  if [ -f "$file" ] && [ ! -L "$file" ]; then # once without strace, as it is
    cp "$file" "$TMP/bad.cache"
    "$BIN" render -o "$TMP/plain.pdf" "$brief" >/dev/null 2>"$TMP/plain.err"
    expect_eq "$1, untraced: exit" "$?" 0
    expect_eq "$1, untraced: stderr" "$(cat "$TMP/plain.err")" ""
    cp "$TMP/bad.cache" "$file"
  fi
  traced "$1"
  miss "$1"
  same_pdf "$1"
  cmp -s "$file" "$TMP/good.cache" && ok || fail "$1: the cache was not written again"
}
head -c 3000 "$TMP/good.cache" >"$file"
broken truncated
traced "truncated.again"
hit "truncated, then"
head -c "$(($(stat -c %s "$TMP/good.cache") - 30))" "$TMP/good.cache" >"$file"
broken "truncated near the end"
python3 -c 'import sys; d = bytearray(open(sys.argv[1], "rb").read()); d[len(d) // 2] ^= 1; open(sys.argv[2], "wb").write(d)' \
  "$TMP/good.cache" "$file"
broken "one bit flipped"
head -c 100000 /dev/urandom >"$file"
broken "random bytes"
: >"$file"
broken empty
# hostile, with a right checksum: a structure cut short, counts out of
# range, a face file swapped for another
python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(d[: len(d) // 3] + b"end 0\n")' \
  "$TMP/good.cache" "$file"
checksum "$file"
broken "cut short, checksum right"
sed 's/^[0-9][0-9]*$/99999999999999999/' "$TMP/good.cache" >"$file"
checksum "$file"
broken "huge counts"
sed 's|/dejavu/DejaVuSans.ttf|/dejavu/DejaVuSerif.ttf|' "$TMP/good.cache" >"$file"
checksum "$file"
cmp -s "$file" "$TMP/good.cache" && fail "the face swap changed nothing" || ok
broken "a face file swapped"
# foreign: the cache of other families under this name
cp -r tests/fixtures/base "$TMP/named"
printf 'fonts:\n  body: UnBatang\n' >>"$TMP/named/brief.yaml"
"$BIN" render -o "$TMP/named.pdf" "$TMP/named/brief.yaml" >/dev/null 2>&1
foreign=$(ls "$cache"/fonts-*.cache | grep -v "$(basename "$file")" | head -n 1)
[ -n "$foreign" ] && ok || fail "no cache for other families"
cp "$foreign" "$file"
broken foreign
# not a regular file: a link to /dev/zero, a FIFO, a folder
rm -f "$file" && ln -s /dev/zero "$file"
broken "a symbolic link"
rm -f "$file" && mkfifo "$file"
broken "a FIFO"
rm -f "$file" && mkdir "$file"
traced folder
miss "a folder in its place"
same_pdf folder
rm -rf "$file" && cp "$TMP/good.cache" "$file"

# an unwritable cache folder: renders the same, silently
printf 'not a folder\n' >"$TMP/plain"
traced unwritable XDG_CACHE_HOME="$TMP/plain"
same_pdf unwritable
traced relative XDG_CACHE_HOME=relative/path HOME="$TMP/home"
ls "$TMP"/home/.cache/briefgen/fonts-*.cache >/dev/null 2>&1 && ok ||
  fail "a relative XDG_CACHE_HOME is not ignored for ~/.cache"
[ ! -e relative ] && ok || { fail "a relative XDG_CACHE_HOME was used"; rm -rf relative; }

# a face file changed or gone (its folder's time kept, so that only the face
# check can see it): fontconfig again, as without the cache
mkdir -p "$TMP/fonts/faces"
cp /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf /usr/share/fonts/truetype/nanum/NanumGothic.ttf \
  /usr/share/fonts/truetype/nanum/NanumGothicCoding.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
  "$TMP/fonts/faces/"
cat >"$TMP/fonts/fonts.conf" <<XML
<?xml version="1.0"?>
<fontconfig><dir>$TMP/fonts/faces</dir><cachedir>$TMP/fonts/fccache</cachedir></fontconfig>
XML
export BRIEFGEN_FONTS_CONF=$TMP/fonts/fonts.conf
traced own_ref BRIEFGEN_NO_CACHE=1
cp "$TMP/own_ref.pdf" "$TMP/ref.pdf"
traced own_first
traced own_hit
hit "own fonts.conf"
same_pdf own_hit
touch -m -d '2001-01-01' "$TMP/fonts/faces/NanumGothic.ttf"
traced own_touched
miss "a face file with another time"
same_pdf own_touched
traced own_touched_hit
hit "a face file with another time, then"
grep -q 'DejaVuSans.ttf' "$TMP/own_touched_hit.trace" && ok || fail "DejaVu Sans is not in the chains"
python3 -c 'import os, sys
d = sys.argv[1]
st = os.stat(d)
os.unlink(os.path.join(d, "DejaVuSans.ttf"))
os.utime(d, ns=(st.st_atime_ns, st.st_mtime_ns))' "$TMP/fonts/faces"
traced own_gone_ref BRIEFGEN_NO_CACHE=1
cp "$TMP/own_gone_ref.pdf" "$TMP/ref.pdf"
traced own_gone
miss "a face file gone"
same_pdf own_gone
finish
