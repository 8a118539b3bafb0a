# Standard output that cannot be written (README, "Usage": exit 3, a
# failure of the system): what a command prints there — the events of
# 'list' (text and JSON), the 'fonts' report, a help, the version, the
# path of each PDF 'render' wrote (with -j too, from each child) — going
# to a full disk (/dev/full) or to a closed descriptor ends with exit 3 and
# 'briefgen: error: cannot write to standard output: ...', never exit 0
# with the output lost.
. "$(dirname "$0")/lib.bash"

[ -w /dev/full ] || { fail "/dev/full is missing"; finish; exit; }
cp -r tests/fixtures/base "$TMP/p"
cp "$TMP/p/brief.yaml" "$TMP/p/second.yaml"
cd "$TMP/p" || exit 1

# full WHAT ARGS... : briefgen ARGS... with standard output on /dev/full
full() {
  local what=$1
  shift
  timeout 60 "$BIN" "$@" >/dev/full 2>"$TMP/err"
  expect_eq "$what to /dev/full: exit" "$?" 3
  expect_contains "$what to /dev/full: message" "$(cat "$TMP/err")" \
    "briefgen: error: cannot write to standard output: No space left on device"
}
full list list
full "list --format json" list --format json
full fonts fonts
full --help --help
full --version --version
full "render's path" render brief.yaml
full "render -j 2's paths" render -j 2 brief.yaml second.yaml

"$BIN" list >&- 2>"$TMP/err"
expect_eq "list, standard output closed: exit" "$?" 3
expect_contains "list, standard output closed: message" "$(cat "$TMP/err")" \
  "cannot write to standard output"

"$BIN" list >/dev/null 2>"$TMP/err"
expect_eq "list to /dev/null: exit" "$?" 0
finish
