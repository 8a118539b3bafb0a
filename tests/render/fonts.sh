# Fonts (README, "Typesetting"; docs/formats.md#diagnostics): the default chain serves Latin, Hangul and Cyrillic;
# with no usable font a render fails with exit 3 and leaves no PDF; a
# missing fontconfig file is a warning and the system configuration serves.
. "$(dirname "$0")/lib.bash"
out=$("$BIN" fonts 2>&1)
expect_eq "fonts exit" "$?" 0
expect_contains "Latin from the Latin face" "$out" "Latin                /usr/share/fonts/truetype/gentiumplus/GentiumPlus-Regular.ttf"
expect_contains "Latin italic from its italic" "$out" "Latin                /usr/share/fonts/truetype/gentiumplus/GentiumPlus-Italic.ttf (Gentium Plus Italic)"
expect_contains "Hangul from NanumMyeongjo" "$out" "Hangul               /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"
expect_contains "heading Latin from PT Sans" "$out" "Latin                /usr/share/fonts/truetype/paratype/PTS55F.ttf"
expect_contains "Hanja of CJK Extension B from the last resort" "$out" "Hanja (Ext. B)       /usr/share/fonts/truetype/hanazono/HanaMinA.ttf"
case "$out" in *"no font has it"*) fail "a gap in the default chain: $out" ;; *) ok ;; esac

mkdir -p "$TMP/nofonts/dir"
cat >"$TMP/nofonts/fonts.conf" <<XML
<?xml version="1.0"?>
<fontconfig><dir>$TMP/nofonts/dir</dir><cachedir>$TMP/nofonts/cache</cachedir></fontconfig>
XML
BRIEFGEN_FONTS_CONF="$TMP/nofonts/fonts.conf" "$BIN" render -o "$TMP/none.pdf" \
  briefs/osaka-2019-pre-summit.yaml >/dev/null 2>"$TMP/err"
expect_eq "no usable font: exit 3" "$?" 3
expect_contains "no usable font: message" "$(cat "$TMP/err")" "no usable TrueType font"
[ ! -e "$TMP/none.pdf" ] && ok || fail "a PDF was left without fonts"

BRIEFGEN_FONTS_CONF="$TMP/missing.conf" "$BIN" render -o "$TMP/sys.pdf" \
  briefs/osaka-2019-pre-summit.yaml >/dev/null 2>"$TMP/err"
expect_eq "missing fontconfig file: exit 0" "$?" 0
expect_eq "missing fontconfig file: one warning, nothing from fontconfig itself" \
  "$(cat "$TMP/err")" "$TMP/missing.conf: warning: cannot load this fontconfig file; using the system configuration"

# a brief that names a body family gets that family for all it has (no
# Latin face); italic Hangul stays upright
cp -r tests/fixtures/base "$TMP/named"
printf 'fonts:\n  body: UnBatang\n' >>"$TMP/named/brief.yaml"
out=$("$BIN" fonts "$TMP/named/brief.yaml" 2>&1)
expect_contains "named body family: Latin from it" "$out" "Latin                /usr/share/fonts/truetype/unfonts-core/UnBatang.ttf (UnBatang Regular)"
expect_eq "named body family: no slanted Hangul" "$(printf '%s\n' "$out" | grep "Hangul " | grep -c "synthetic slant")" 0

# a Latin face that is not installed: one warning, Latin from Nanum
sed 's|<family>PT Sans</family>|<family>No Such Sans</family>|' fonts/fonts.conf >"$TMP/nolatin.conf"
BRIEFGEN_FONTS_CONF="$TMP/nolatin.conf" "$BIN" render -o "$TMP/nolatin.pdf" \
  tests/fixtures/base/brief.yaml >/dev/null 2>"$TMP/err"
expect_eq "missing Latin face: exit 0" "$?" 0
expect_eq "missing Latin face: one warning" "$(cat "$TMP/err")" \
  "tests/fixtures/base/brief.yaml: warning: the Latin face 'No Such Sans' (heading) is not installed as TrueType; Latin is drawn from 'NanumGothic' (install fonts-sil-gentiumplus and fonts-paratype)"
finish
