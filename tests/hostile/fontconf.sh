# BRIEFGEN_FONTS_CONF that is no fontconfig file, and a FIFO among the
# user's fonts (README, "Environment"; docs/formats.md#fonts-and-typography):
# /dev/zero, a FIFO or a folder named as the file is warned about and the
# system configuration used, promptly; a FIFO (or device) in the folder of
# the fontconfig file is left out with a warning naming it, the fonts
# beside it still used. Before, /dev/zero was read without end (an
# allocation of 16 EiB under ASan, memory exhausted without), its folder
# /dev had every device opened by FreeType, and a FIFO in either place
# blocked the render for ever.
. "$(dirname "$0")/lib.bash"
export BRIEFGEN_NO_CACHE=1
brief=tests/fixtures/base/brief.yaml
mkfifo "$TMP/fifo.conf"

# conf WHAT CONF WANT : renders with BRIEFGEN_FONTS_CONF=CONF within 60 s,
# expects exit 0 and WANT among the diagnostics
conf() {
  BRIEFGEN_FONTS_CONF=$2 timeout -k 5 60 "$BIN" render -o "$TMP/c.pdf" "$brief" >/dev/null 2>"$TMP/err"
  expect_eq "$1: exit (124: hung)" "$?" 0
  expect_contains "$1: warning" "$(cat "$TMP/err")" "$3"
}
conf /dev/zero /dev/zero \
  "/dev/zero: warning: cannot load this fontconfig file; using the system configuration"
conf "a FIFO" "$TMP/fifo.conf" "fifo.conf: warning: cannot load this fontconfig file"
conf "a folder" "$TMP" "warning: cannot load this fontconfig file"

mkdir -p "$TMP/fonts/more"
cp fonts/fonts.conf "$TMP/fonts/"
mkfifo "$TMP/fonts/more/pipe.ttf"
conf "a FIFO among the fonts" "$TMP/fonts/fonts.conf" \
  "$TMP/fonts/more/pipe.ttf: warning: not a regular file; left out of the fonts"
finish
