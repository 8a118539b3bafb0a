# lib.bash - helpers for the hostile-input tests (tests/hostile/*.sh): the
# render tests' helpers (../render/lib.bash: ok/fail, render, a temporary
# folder), plus a project of one event whose body or title a test writes.
. "$(dirname "${BASH_SOURCE[0]}")/../render/lib.bash"

# project DIR : DIR/brief.yaml, DIR/themes.yaml and DIR/events/e.md, whose
# body is read from stdin (after a lead sentence) and whose title is $TITLE
# (default "Event"). A pack: the body is set twice, in the theme section
# and in the annex.
project() {
  mkdir -p "$1/events"
  printf 'themes:\n  - id: t\n    label: Theme\n' >"$1/themes.yaml"
  printf 'title: Hostile input\ndate: 2020-01-01\nlayout: pack\nselect:\n  themes: [t]\n' \
    >"$1/brief.yaml"
  {
    printf -- '---\nid: e\ndate: 2019-06-29\ntitle: %s\nkind: summit\nthemes: [t]\n' \
      "${TITLE:-Event}"
    printf 'sources:\n  - {title: Report, publisher: Ministry, date: 2019-06-29}\n---\n'
    printf 'The leaders met.\n\n'
    cat
  } >"$1/events/e.md"
}

# timed_render SECONDS OUT BRIEF : render under a time limit; sets $rc (124
# when killed at the limit), $err, and $secs (wall seconds taken).
timed_render() {
  local limit=$1 out=$2 brief=$3 start=$EPOCHREALTIME
  timeout -k 5 "$limit" "$BIN" render -q -o "$out" "$brief" >"$TMP/render.out" 2>"$TMP/render.err"
  rc=$?
  err=$(cat "$TMP/render.err")
  secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
}

# sanitized : true when $BIN is built with AddressSanitizer (its memory is
# not briefgen's own, and it runs several times slower).
sanitized() { ldd "$BIN" 2>/dev/null | grep -q 'libasan'; }
