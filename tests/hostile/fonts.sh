# Broken fonts (issue 10, item 8; docs/formats.md#fonts-and-typography): a
# TrueType face without a cmap, with unitsPerEm 16 (its font box then
# exceeds what a PDF font holds), or rewritten with unitsPerEm 0 after
# fontconfig cached it (FreeType refuses 0, libharu divides by it: SIGFPE),
# made here from DejaVu Sans and named first by the brief, is skipped with
# one warning naming its file: 'fonts' does not list it and the render
# succeeds with the next face of the chain.
. "$(dirname "$0")/../render/lib.bash"
HOSTILE=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -r "$src" ] || { fail "$src is missing (scripts/install-deps installs fonts-dejavu-core)"; finish; exit; }

mkdir -p "$TMP/fonts"
python3 -S "$HOSTILE/badfont.py" drop "$src" "$TMP/fonts/nocmap.ttf" cmap
python3 -S "$HOSTILE/badfont.py" upem "$src" "$TMP/fonts/upem16.ttf" 16
cp "$src" "$TMP/fonts/stale.ttf"
# each under a family of its own; briefgen adds the folder of its
# fontconfig file to the fonts
{
  printf '<?xml version="1.0"?>\n<fontconfig>\n'
  printf '  <include ignore_missing="yes">%s/fonts/fonts.conf</include>\n' "$PWD"
  printf '  <cachedir>%s/cache</cachedir>\n' "$TMP"
  for f in nocmap upem16 stale; do
    printf '  <match target="scan"><test name="file"><string>%s</string></test>' "$TMP/fonts/$f.ttf"
    printf '<edit name="family" mode="assign_replace"><string>Broken %s</string></edit></match>\n' "$f"
  done
  printf '</fontconfig>\n'
} >"$TMP/fonts/fonts.conf"
export BRIEFGEN_FONTS_CONF=$TMP/fonts/fonts.conf
"$BIN" fonts >/dev/null 2>&1 # fontconfig caches the folder: stale.ttf is a good font
python3 -S "$HOSTILE/badfont.py" upem "$src" "$TMP/upem0.ttf" 0
cat "$TMP/upem0.ttf" >"$TMP/fonts/stale.ttf" # in place: the folder and its cache stay

for f in nocmap upem16 stale; do
  file=$(readlink -f "$TMP/fonts/$f.ttf") # (briefgen names the file, not a link to it)
  brief_with briefs/nine-bridges-handout.yaml "$TMP/$f.yaml" "fonts={body: Broken $f, heading: Broken $f}"
  "$BIN" fonts "$TMP/$f.yaml" >"$TMP/fonts.out" 2>"$TMP/fonts.err"
  expect_eq "$f: fonts exit" "$?" 0
  expect_eq "$f: fonts lists no character from it" "$(grep -c "^    .*$file" "$TMP/fonts.out")" 0
  expect_eq "$f: fonts warns once, naming it" "$(grep -c "^$file: warning: this font is skipped" "$TMP/fonts.err")" 1
  render "$TMP/$f.pdf" "$TMP/$f.yaml"
  expect_eq "$f: render exit" "$rc" 0
  expect_eq "$f: render warns once, naming it" "$(grep -c "^$file: warning: this font is skipped" <<<"$err")" 1
  expect_eq "$f: no other message" "$(grep -vc "^$file: warning" <<<"$err")" 0
  text=$(pdftotext "$TMP/$f.pdf" - 2>/dev/null | squash)
  expect_contains "$f: the text is drawn by the next face" "$text" "Nine Bridges and Korea"
done

# why each was skipped
"$BIN" fonts "$TMP/nocmap.yaml" 2>&1 >/dev/null | grep -q "no 'cmap' table" && ok || fail "nocmap: the reason"
"$BIN" fonts "$TMP/upem16.yaml" 2>&1 >/dev/null | grep -q "at 16 units per em" && ok || fail "upem16: the reason"
"$BIN" fonts "$TMP/stale.yaml" 2>&1 >/dev/null | grep -q "unitsPerEm, 0, is outside 16-16384" && ok || fail "stale: the reason"
finish
