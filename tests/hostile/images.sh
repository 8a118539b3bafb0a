#!/usr/bin/env bash
# images.sh - hostile and unusual images (README, "Images"): broken or
# oversized files are a warning at their place in the Markdown, the alt
# text shows and the PDF is made (never an abort, a hang or a temporary
# file left); interlaced, 16-bit, palette and transparent PNGs are
# embedded at no more than 300 dpi of their placed size, transparency as a
# soft mask; one image used many times is embedded once; FIFOs and devices
# are refused without blocking; images must stay inside the brief's
# folder. Images are written at run time by mkpng.py. Run from the
# repository root with the briefgen binary as $1.
. "$(dirname "$0")/../render/lib.bash"
HOSTILE=$(cd "$(dirname "$0")" && pwd)

# every PNG once, in one run of Python, into $TMP/png/KIND.png; 1960 pixels
# across the column (about 450 pt) is more than 300 dpi
PNG=$TMP/png
mkdir -p "$PNG"
kinds=(interlaced rgb16 palette palette-trns rgba gray-alpha gray)
specs=()
for kind in truncated bad-crc huge-header wide; do specs+=("$kind" "$PNG/$kind.png" 120 80); done
for kind in "${kinds[@]}"; do specs+=("$kind" "$PNG/$kind.png" 1960 24); done
specs+=(bad-zlib "$PNG/bad-zlib.png" 40 30 rgb "$PNG/rgb.png" 300 200 big "$PNG/big.png" 20000 20000)
python3 -S "$HOSTILE/mkpng.py" "${specs[@]}" || fail "mkpng.py"

# project NAME BODY : a copy of tests/fixtures/base at $TMP/NAME whose event
# alpha has BODY (Markdown) as its text, its first line on line 19 of
# events/alpha.md; images go in $TMP/NAME/events/img. Sets $dir.
project() {
  dir=$TMP/$1
  rm -rf "$dir"
  cp -r tests/fixtures/base "$dir"
  mkdir -p "$dir/events/img"
  head -n 18 tests/fixtures/base/events/alpha.md >"$dir/events/alpha.md"
  printf '%s\n' "$2" >>"$dir/events/alpha.md"
}

# run_render [TIMEOUT] : renders $dir/brief.yaml to $dir/out.pdf within
# TIMEOUT seconds (default 20); sets $rc and $err.
run_render() {
  timeout "${1:-20}" "$BIN" render -o "$dir/out.pdf" "$dir/brief.yaml" >/dev/null 2>"$TMP/err"
  rc=$?
  err=$(cat "$TMP/err")
}

# made WHAT : exit 0, a PDF, no temporary file beside it, no sanitizer report
made() {
  expect_eq "$1: exit status" "$rc" 0
  [ -s "$dir/out.pdf" ] || fail "$1: no PDF"
  local left
  left=$(find "$dir" -name 'out.pdf.*' | head -n 1)
  [ -z "$left" ] || fail "$1: temporary file left: $left"
  case "$err" in *Sanitizer* | *"runtime error"*) fail "$1: sanitizer report: $err" ;; esac
}

# images_of PDF : pdfimages -list without its two heading lines
images_of() { pdfimages -list "$1" 2>/dev/null | tail -n +3; }
# objects PDF TYPE : how many distinct objects of TYPE (image, smask)
objects() { images_of "$1" | awk -v t="$2" '$3 == t {print $11}' | sort -u | wc -l; }
# max_ppi PDF : the highest x-ppi or y-ppi of any image drawn
max_ppi() { images_of "$1" | awk '{if ($13 > m) m = $13; if ($14 > m) m = $14} END {print m + 0}'; }

# --- broken files: a warning with the position, the alt text, a PDF ----
for kind in truncated bad-crc huge-header wide; do
  project "broken-$kind" "Before the picture.

![broken $kind picture](img/b.png)"
  cp "$PNG/$kind.png" "$dir/events/img/b.png"
  run_render
  made "$kind PNG"
  case $kind in
    truncated) why="truncated PNG" ;;
    bad-crc) why="damaged PNG: bad CRC in its header" ;;
    *) why="too large: more than 500 megapixels or 65535 pixels a side" ;;
  esac
  expect_contains "$kind PNG: warning" "$err" \
    "events/alpha.md:21:1: warning: image 'img/b.png' cannot be used: $why; its alt text is shown"
  expect_contains "$kind PNG: alt text" "$(pdftotext "$dir/out.pdf" - 2>/dev/null | squash)" \
    "[broken $kind picture]"
done

# a PNG whose chunks are sound but whose data does not inflate: found only
# when decoded, at draw time: left out with a warning, never a failed render
project bad-zlib "![undecodable](img/z.png)"
cp "$PNG/bad-zlib.png" "$dir/events/img/z.png"
run_render
made "undecodable PNG"
expect_contains "undecodable PNG: warning" "$err" "events/alpha.md:19:1: warning: image '"
expect_contains "undecodable PNG: left out" "$err" "z.png' cannot be drawn: damaged PNG; it is left out"
expect_eq "undecodable PNG: nothing embedded" "$(objects "$dir/out.pdf" image)" 0

# --- JPEG: passed through; a header libharu would loop on is refused ----
jpeg=tests/fixtures/zoo/events/images/chron.jpg
project jpeg "![a JPEG](img/ok.jpg) ![cut](img/cut.jpg) ![zero length](img/zero.jpg)"
cp "$jpeg" "$dir/events/img/ok.jpg"
head -c 100 "$jpeg" >"$dir/events/img/cut.jpg"
# an APP1 segment of length 0 after SOI: libharu's header walk seeks back
# two bytes and reads it again, forever
{ printf '\377\330\377\341\000\000'; tail -c +3 "$jpeg"; } >"$dir/events/img/zero.jpg"
run_render 20
made "JPEG"
expect_contains "cut JPEG" "$err" "warning: image 'img/cut.jpg' cannot be used: damaged JPEG;"
expect_contains "zero-length JPEG segment" "$err" "warning: image 'img/zero.jpg' cannot be used: "
expect_eq "JPEG: passed through as DCT, once" "$(images_of "$dir/out.pdf" | awk '$9 == "jpeg" {print $11}' | sort -u | wc -l)" 1

# --- kinds of PNG, embedded at no more than 300 dpi ---------------------
for kind in "${kinds[@]}"; do
  project "kind-$kind" "![a $kind PNG](img/k.png)"
  cp "$PNG/$kind.png" "$dir/events/img/k.png"
  run_render
  made "$kind PNG"
  expect_eq "$kind PNG: no warning" "$err" ""
  expect_eq "$kind PNG: embedded once" "$(objects "$dir/out.pdf" image)" 1
  ppi=$(max_ppi "$dir/out.pdf")
  [ "${ppi:-0}" -gt 0 ] && [ "$ppi" -le 300 ] || fail "$kind PNG: $ppi ppi at its placed size, expected 1 to 300"
  case $kind in
    palette-trns | rgba | gray-alpha) want=1 ;;
    *) want=0 ;;
  esac
  expect_eq "$kind PNG: soft masks" "$(objects "$dir/out.pdf" smask)" "$want"
done

# --- 20000 x 20000 pixels in about 1 MB: fast, small, downsampled --------
project big "![a huge picture](img/big.png)"
cp "$PNG/big.png" "$dir/events/img/big.png"
# CPU seconds, not elapsed ones: the tests run side by side
TIMEFORMAT='%U %S'
{ time run_render 60; } 2>"$TMP/time"
cpu=$(awk '{printf "%d", $1 + $2}' "$TMP/time")
made "20000 x 20000 PNG"
[ "$cpu" -lt 10 ] || fail "20000 x 20000 PNG: $cpu s of CPU time (expected a few)"
ppi=$(max_ppi "$dir/out.pdf")
[ "${ppi:-0}" -gt 0 ] && [ "$ppi" -le 300 ] || fail "20000 x 20000 PNG: $ppi ppi, expected at most 300"
size=$(stat -c %s "$dir/out.pdf")
[ "$size" -lt 3000000 ] || fail "20000 x 20000 PNG: a PDF of $size bytes"

# --- one image 50 times, and a copy under another name: embedded once ---
body=""
for i in $(seq 1 50); do body+="![copy $i](img/one.png)
"; done
project fifty "$body
![the same bytes](img/same.png)"
cp "$PNG/rgb.png" "$dir/events/img/one.png"
cp "$dir/events/img/one.png" "$dir/events/img/same.png"
run_render
made "50 uses"
expect_eq "50 uses: embedded once" "$(objects "$dir/out.pdf" image)" 1
[ "$(images_of "$dir/out.pdf" | wc -l)" -ge 51 ] || fail "50 uses: fewer than 51 placements"

# --- a FIFO or a device named as an image: a warning, no hang -----------
project fifo "![a pipe](img/pipe.png)"
mkfifo "$dir/events/img/pipe.png"
run_render 10
made "FIFO"
expect_contains "FIFO: warning" "$err" \
  "events/alpha.md:19:1: warning: image 'img/pipe.png' cannot be used: not a regular file;"
if [ "$(id -u)" -eq 0 ]; then
  project device "![zeros](img/zero.png)"
  mknod "$dir/events/img/zero.png" c 1 5 # /dev/zero
  run_render 10
  made "device"
  expect_contains "device: warning" "$err" "image 'img/zero.png' cannot be used: not a regular file;"
fi
project dev-zero "![zeros](/dev/zero)"
run_render 10
expect_eq "/dev/zero: exit status" "$rc" 1
expect_contains "/dev/zero: error" "$err" "events/alpha.md:19:1: error: image '/dev/zero' is outside the root folder"

# --- outside the brief's folder: an error naming the path ---------------
cp "$PNG/rgb.png" "$TMP/outside.png"
project passwd "Text.

![secrets](/etc/passwd)"
run_render
expect_eq "/etc/passwd: exit status" "$rc" 1
expect_contains "/etc/passwd: error" "$err" "events/alpha.md:21:1: error: image '/etc/passwd' is outside the root folder"
[ ! -e "$dir/out.pdf" ] || fail "/etc/passwd: a PDF was written"
project escape "![up](../../outside.png)"
run_render
expect_eq "../ escape: exit status" "$rc" 1
expect_contains "../ escape: error" "$err" "error: image '../../outside.png' is outside the root folder"
project symlink "![link](img/link.png)"
ln -s "$TMP/outside.png" "$dir/events/img/link.png"
run_render
expect_eq "symlink escape: exit status" "$rc" 1
expect_contains "symlink escape: error" "$err" "error: image 'img/link.png' leads to '$(cd "$TMP" && pwd -P)/outside.png', outside the root folder"
"$BIN" check "$dir/brief.yaml" >/dev/null 2>"$TMP/err"
expect_eq "symlink escape: check exit status" "$?" 1

# --- missing: a warning from check and from render, with its position ---
project missing "A paragraph
that names a missing image on its second line: ![gone](img/nope.png)"
"$BIN" check "$dir/brief.yaml" >/dev/null 2>"$TMP/err"
expect_eq "missing: check exit status" "$?" 0
expect_contains "missing: check" "$(cat "$TMP/err")" \
  "events/alpha.md:20:1: warning: image 'img/nope.png' not found; its alt text is shown"
run_render
made "missing"
expect_contains "missing: render" "$err" \
  "events/alpha.md:20:1: warning: image 'img/nope.png' not found; its alt text is shown"

finish
