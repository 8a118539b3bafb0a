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
# the faces the first render used were cut by HarfBuzz's subsetter once
# (fonts.c, face_check): the file says so ("bold italic subset" after
# each face's style), so that a hit does not cut them again
# (a face: its path, index, family and style lines, then that one)
subset=$(awk 'p && NR == p + 4 && NF == 3 && $3 == 1 { n++ } /[.](ttf|otf|ttc)$/ { p = NR } END { print n + 0 }' "$file")
[ "$subset" -ge 1 ] && ok || fail "the cache records no face as subset"
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
broken() { # broken NAME [untraced]: also once without strace (leaks), as it is
  if [ -n "${2:-}" ]; then
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
broken truncated untraced
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
broken "cut short, checksum right" untraced
sed 's/^[0-9][0-9]*$/99999999999999999/' "$TMP/good.cache" >"$file"
checksum "$file"
broken "huge counts" untraced
sed 's|/dejavu/DejaVuSans.ttf|/dejavu/DejaVuSerif.ttf|' "$TMP/good.cache" >"$file"
checksum "$file"
cmp -s "$file" "$TMP/good.cache" && fail "the face swap changed nothing" || ok
broken "a face file swapped" untraced
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

# families that are not installed: the warnings and the faces (numbered as
# fontconfig found them, the discarded chain's too) as without the cache
brief_with "$brief" "$TMP/missing.yaml" "fonts={body: No Such Serif, mono: No Such Mono}"
BRIEFGEN_NO_CACHE=1 "$BIN" render -o "$TMP/missing_plain.pdf" "$TMP/missing.yaml" >/dev/null 2>"$TMP/missing_plain.err"
expect_contains "a missing family: warned" "$(cat "$TMP/missing_plain.err")" "'No Such Serif' (body) is not installed"
for run in miss hit; do
  "$BIN" render -o "$TMP/missing_$run.pdf" "$TMP/missing.yaml" >/dev/null 2>"$TMP/missing_$run.err"
  expect_eq "a missing family, $run: the warnings" "$(cat "$TMP/missing_$run.err")" "$(cat "$TMP/missing_plain.err")"
  cmp -s "$TMP/missing_$run.pdf" "$TMP/missing_plain.pdf" && ok || fail "a missing family, $run: the PDF differs from the one made without the cache"
done

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
# the fontconfig file edited, a font added: read again
sed -i 's|</fontconfig>|<alias binding="strong"><family>NanumMyeongjo</family><prefer><family>DejaVu Sans</family></prefer></alias></fontconfig>|' \
  "$BRIEFGEN_FONTS_CONF"
traced own_edited_ref BRIEFGEN_NO_CACHE=1
cmp -s "$TMP/own_edited_ref.pdf" "$TMP/ref.pdf" && fail "the edit of fonts.conf changed nothing" || ok
cp "$TMP/own_edited_ref.pdf" "$TMP/ref.pdf"
traced own_edited
miss "fonts.conf edited"
same_pdf own_edited
cp /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf "$TMP/fonts/faces/"
traced own_added
miss "a font added"
traced own_added_hit
hit "a font added, then"
touch -m -d '2001-01-01' "$TMP/fonts/faces/NanumGothic.ttf"
traced own_touched
miss "a face file with another time"
same_pdf own_touched
traced own_touched_hit
hit "a face file with another time, then"
grep -q 'DejaVuSans.ttf' "$TMP/own_touched_hit.trace" && ok || fail "DejaVu Sans is not in the chains"
# a face changed in place, its time restored (fontconfig's cache is fooled
# too, but not the change time): as without the cache
brief_with "$brief" "$TMP/dejavu.yaml" "fonts={body: DejaVu Sans, heading: DejaVu Sans}"
"$BIN" render -o "$TMP/dv1.pdf" "$TMP/dejavu.yaml" >/dev/null 2>&1
python3 -S tests/hostile/badfont.py upem "$TMP/fonts/faces/DejaVuSans.ttf" "$TMP/upem0.ttf" 0
cp "$TMP/fonts/faces/DejaVuSans.ttf" "$TMP/DejaVuSans.good.ttf"
python3 -c 'import os, sys
f, bad = sys.argv[1], sys.argv[2]
st = os.stat(f)
data = open(bad, "rb").read()
assert len(data) == st.st_size, "badfont.py changed the size"
open(f, "r+b").write(data)
os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))' "$TMP/fonts/faces/DejaVuSans.ttf" "$TMP/upem0.ttf"
"$BIN" render -o "$TMP/dv_cached.pdf" "$TMP/dejavu.yaml" >/dev/null 2>"$TMP/dv_cached.err"
expect_eq "a face changed in place: exit" "$?" 0
BRIEFGEN_NO_CACHE=1 "$BIN" render -o "$TMP/dv_plain.pdf" "$TMP/dejavu.yaml" >/dev/null 2>"$TMP/dv_plain.err"
expect_eq "a face changed in place: the warnings made without the cache" \
  "$(cat "$TMP/dv_cached.err")" "$(cat "$TMP/dv_plain.err")"
cmp -s "$TMP/dv_cached.pdf" "$TMP/dv_plain.pdf" && ok || fail "a face changed in place: the PDF differs from the one made without the cache"
cp "$TMP/DejaVuSans.good.ttf" "$TMP/fonts/faces/DejaVuSans.ttf"

# a face reached through a link from outside the font folders (as
# Debian's alternatives are): only the check of the face file itself sees
# it change
mkdir -p "$TMP/elsewhere"
cp /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf "$TMP/elsewhere/linked.ttf"
ln -s "$TMP/elsewhere/linked.ttf" "$TMP/fonts/faces/linked.ttf"
brief_with "$brief" "$TMP/linked.yaml" "fonts={body: DejaVu Sans Mono}"
"$BIN" render -o "$TMP/linked1.pdf" "$TMP/linked.yaml" >/dev/null 2>&1
brief=$TMP/linked.yaml
traced linked_hit
hit "a linked face"
grep -q "$TMP/elsewhere/linked.ttf" "$TMP/linked_hit.trace" && ok || fail "the linked face is not in the chains"
printf 'x' >>"$TMP/elsewhere/linked.ttf"
traced linked_changed
miss "a linked face changed outside the font folders"
brief=briefs/nine-bridges-handout.yaml

# a face that is skipped only when a later render draws it: the cache
# written by a render that never drew it, then a hit that finds it
# unusable, warns and has fontconfig (opened then) build the chain again,
# as without the cache
mkdir -p "$TMP/bad/faces"
cp "$TMP/fonts/faces/Nanum"*.ttf "$TMP/bad/faces/"
python3 -S tests/hostile/badfont.py upem /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf "$TMP/bad/faces/Bad.ttf" 16
cat >"$TMP/bad/fonts.conf" <<XML
<?xml version="1.0"?>
<fontconfig><dir>$TMP/bad/faces</dir><cachedir>$TMP/bad/fccache</cachedir></fontconfig>
XML
cp -r tests/fixtures/base "$TMP/rare"
printf '\nThe letters \xc5\x8a \xc6\x8f \xc9\x99 appear here.\n' >>"$TMP/rare/events/alpha.md"
BRIEFGEN_FONTS_CONF=$TMP/bad/fonts.conf BRIEFGEN_NO_CACHE=1 \
  "$BIN" render -o "$TMP/rare_plain.pdf" "$TMP/rare/brief.yaml" >/dev/null 2>"$TMP/rare_plain.err"
expect_contains "the rare letters come from the bad face" "$(cat "$TMP/rare_plain.err")" "Bad.ttf: warning: this font is skipped"
BRIEFGEN_FONTS_CONF=$TMP/bad/fonts.conf "$BIN" render -o "$TMP/common.pdf" tests/fixtures/base/brief.yaml >/dev/null 2>"$TMP/common.err"
expect_eq "a brief that never draws the bad face: no warning" "$(cat "$TMP/common.err")" ""
mkdir -p "$TMP/bad/before" && cp "$cache"/*.cache "$TMP/bad/before/" # (the hyphenation cache too: hyphen.c)
BRIEFGEN_FONTS_CONF=$TMP/bad/fonts.conf ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  strace -f -qq $seccomp -e trace=open,openat -o "$TMP/rare.trace" \
  "$BIN" render -o "$TMP/rare_cached.pdf" "$TMP/rare/brief.yaml" >/dev/null 2>"$TMP/rare_cached.err"
expect_eq "a face skipped after a hit: the warnings made without the cache" \
  "$(cat "$TMP/rare_cached.err")" "$(cat "$TMP/rare_plain.err")"
cmp -s "$TMP/rare_cached.pdf" "$TMP/rare_plain.pdf" && ok || fail "a face skipped after a hit: the PDF differs from the one made without the cache"
grep -v ENOENT "$TMP/rare.trace" | grep -q "$TMP/bad/fonts.conf" && ok || fail "a face skipped after a hit: fontconfig was not opened"
diff -r "$TMP/bad/before" "$cache" >/dev/null && ok || fail "a face skipped after a hit: the cache was rewritten"
BRIEFGEN_FONTS_CONF=$TMP/bad/fonts.conf "$BIN" render -o "$TMP/rare_leaks.pdf" "$TMP/rare/brief.yaml" >/dev/null 2>"$TMP/rare_leaks.err"
expect_eq "a face skipped after a hit, untraced" "$(cat "$TMP/rare_leaks.err")" "$(cat "$TMP/rare_plain.err")"

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
# render -v says whether the font chains came from the cache
fresh=$TMP/verbose-cache
"$BIN" render -v -o "$TMP/v1.pdf" briefs/nine-bridges-handout.yaml 2>/dev/null >/dev/null
XDG_CACHE_HOME=$fresh "$BIN" render -v -o "$TMP/v1.pdf" briefs/nine-bridges-handout.yaml 2>"$TMP/v1.err" >/dev/null
XDG_CACHE_HOME=$fresh "$BIN" render -v -o "$TMP/v2.pdf" briefs/nine-bridges-handout.yaml 2>"$TMP/v2.err" >/dev/null
expect_contains "render -v: a miss first" "$(cat "$TMP/v1.err")" "font cache miss"
expect_contains "render -v: then a hit" "$(cat "$TMP/v2.err")" "font cache hit"
BRIEFGEN_NO_CACHE=1 "$BIN" render -v -o "$TMP/v3.pdf" briefs/nine-bridges-handout.yaml 2>"$TMP/v3.err" >/dev/null
expect_contains "render -v: off" "$(cat "$TMP/v3.err")" "font cache off"
finish
