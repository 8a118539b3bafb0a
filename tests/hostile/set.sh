# --set KEY=VALUE (README, "Usage"; briefgen(1)): every diagnostic about an
# override's value names the option ('--set K=V: error: ...'), whichever
# stage finds it: the brief's own checks, the references to the catalogue
# and the corpus (an unknown theme or event, a participant no event names,
# the empty selection), the corpus folder and catalogue paths, the fonts
# at render time. Before, the later stages printed the line briefgen
# numbers an override with internally ('brief.yaml:1000000000:11'), and a
# value of more than 1,000 lines had its diagnostics put on the next
# override. A value of several lines is named by its first line and '...'.
. "$(dirname "$0")/lib.bash"

cp -r tests/fixtures/base "$TMP/p"
cd "$TMP/p" || exit 1

# run ARGS... : briefgen render -o o.pdf ARGS... brief.yaml; sets $rc, $err
run() {
  "$BIN" render -o o.pdf "$@" brief.yaml >/dev/null 2>"$TMP/err"
  rc=$?
  err=$(cat "$TMP/err")
}

run --set 'select={themes: [tradee]}'
expect_eq "unknown theme: exit" "$rc" 1
expect_eq "unknown theme" "$err" \
  "--set select={themes: [tradee]}: error: unknown theme 'tradee' (did you mean 'trade'?)"

run --set 'select={events: [alfa]}'
expect_eq "unknown event" "$err" "--set select={events: [alfa]}: error: unknown event 'alfa'"

run --set 'select={themes: [trade], participants: [Putn]}'
expect_eq "participant and empty selection" "$err" \
  "--set select={themes: [trade], participants: [Putn]}: warning: no event names participant 'Putn'
--set select={themes: [trade], participants: [Putn]}: error: the selection is empty: no event in the corpus (events) matches 'select'"

run --set corpus=nowhere
expect_eq "corpus folder" "$err" \
  "--set corpus=nowhere: error: corpus directory 'nowhere' not found: No such file or directory"
run --set themes_file=nowhere.yaml
expect_eq "catalogue" "$err" \
  "--set themes_file=nowhere.yaml: error: theme catalogue 'nowhere.yaml' not found: No such file or directory"

run --set 'title=~'
expect_eq "an empty title given by --set" "$err" "--set title=~: error: 'title' is empty"

run --set 'fonts={body: No Such Family}'
expect_eq "font family: exit" "$rc" 0
expect_eq "font family" "$err" \
  "--set fonts={body: No Such Family}: warning: font family 'No Such Family' (body) is not installed as TrueType; using 'NanumMyeongjo'"

# 1,200 lines, the unknown theme on the last; then a second override
value=$(printf '[trade,'; for _ in $(seq 1200); do printf '\n'; done; printf 'tradee]')
run --set "sections=$value" --set title=Second
expect_contains "a long value's diagnostics" "$err" \
  "--set sections=[trade,...: error: unknown theme 'tradee' (did you mean 'trade'?)"
case "$err" in *"--set title=Second"*) fail "a long value's diagnostics named the next override: $err" ;; *) ok ;; esac
case "$err" in *brief.yaml:1000*) fail "an internal line number: $err" ;; *) ok ;; esac
finish
