# BRIEFGEN_HYPHEN_PATTERNS that is no patterns file (README, "Environment"):
# /dev/zero or a FIFO renders promptly, without hyphenation, as a missing
# file does. Before, libhyphen read either until it ended: for ever.
. "$(dirname "$0")/lib.bash"
brief=tests/fixtures/base/brief.yaml
mkfifo "$TMP/fifo.dic"
for patterns in /dev/zero "$TMP/fifo.dic"; do
  for cache in 1 0; do # (the cache's key reads the file's state too)
    BRIEFGEN_NO_CACHE=$cache XDG_CACHE_HOME=$TMP/xdg BRIEFGEN_HYPHEN_PATTERNS=$patterns \
      timeout -k 5 60 "$BIN" render -q -o "$TMP/p.pdf" "$brief" 2>"$TMP/err"
    expect_eq "BRIEFGEN_HYPHEN_PATTERNS=$patterns, BRIEFGEN_NO_CACHE=$cache: exit (124: hung)" "$?" 0
    expect_eq "BRIEFGEN_HYPHEN_PATTERNS=$patterns: diagnostics" "$(cat "$TMP/err")" ""
  done
done
finish
