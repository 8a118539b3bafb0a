# Fonts (README, "Typesetting"; docs/formats.md#diagnostics): the default chain serves Latin, Hangul and Cyrillic;
# with no usable font a render fails with exit 3 and leaves no PDF; a
# missing fontconfig file is a warning and the system configuration serves.
. "$(dirname "$0")/lib.bash"
out=$("$BIN" fonts 2>&1)
expect_eq "fonts exit" "$?" 0
expect_contains "Latin from NanumMyeongjo" "$out" "Latin                /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"
expect_contains "Hangul from NanumMyeongjo" "$out" "Hangul               /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"
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
finish
