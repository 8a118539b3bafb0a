# The sample briefs pass 'check' with no diagnostic at all, and 'list'
# shows the curated corpus.
. "$(dirname "$0")/lib.bash"
out=$("$BIN" check briefs/*.yaml 2>&1); status=$?
expect_eq "check briefs/*.yaml exit" "$status" 0
expect_eq "check briefs/*.yaml prints nothing" "$out" ""
for brief in briefs/*.yaml; do
  out=$("$BIN" check "$brief" 2>&1); status=$?
  expect_eq "check $brief" "$status:$out" "0:"
done
# -C runs as if started in the folder
out=$(cd /tmp && "$BIN" check -C "$OLDPWD/briefs" osaka-2019-pre-summit.yaml 2>&1); status=$?
expect_eq "check -C" "$status:$out" "0:"
count=$(ls briefs/events/*.md | grep -vc '\.ko\.md$')
[ "$count" -ge 20 ] && ok || fail "corpus has $count events, want at least 20"
lines=$("$BIN" list | wc -l)
expect_eq "list shows every event" "$lines" "$count"
for f in briefs/events/*.md; do
  case "$f" in *.ko.md) continue ;; esac
  grep -q '^title_ko: ' "$f" && grep -q '^sources:' "$f" && grep -q '^place: \|^kind: phone-call\|^kind: statement\|^kind: agreement\|^kind: other' "$f" \
    && ok || fail "$f lacks title_ko, sources or place"
done
finish
