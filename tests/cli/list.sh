# 'briefgen list': filters, date order, text and JSON output.
. "$(dirname "$0")/lib.bash"
out=$("$BIN" list --theme nine-bridges); status=$?
expect_eq "list --theme exit" "$status" 0
[ -n "$out" ] && ok || fail "list --theme nine-bridges is empty"
# every line is "date  id  title" and the dates are in order
dates=$(printf '%s\n' "$out" | awk '{print $1}')
expect_eq "date order" "$dates" "$(printf '%s\n' "$dates" | LC_ALL=C sort -s)"
while read -r date id rest; do
  grep -q "^id: $id\$" "briefs/events/$id.md" 2>/dev/null && ok || fail "list line for unknown id $id"
  grep -qE '^themes: .*nine-bridges|^## nine-bridges' "briefs/events/$id.md" && ok || fail "$id is not on nine-bridges"
done <<<"$out"
# the events not listed are not on the theme
all=$("$BIN" list | awk '{print $2}')
for id in $all; do
  if ! printf '%s\n' "$out" | awk '{print $2}' | grep -qx "$id"; then
    grep -qE '^themes: .*nine-bridges|^## nine-bridges' "briefs/events/$id.md" && fail "$id is on nine-bridges but not listed" || ok
  fi
done
# kinds and dates
out=$("$BIN" list --kind summit --from 2019-01-01 --to 2019-12-31)
expect_contains "list --kind summit 2019" "$out" "osaka-summit-2019"
case "$out" in *"2018-"*) fail "2018 event in a 2019 range" ;; *) ok ;; esac
# JSON is valid and keeps Korean text
"$BIN" list --format json | python3 -m json.tool >/dev/null && ok || fail "list --format json is not valid JSON"
n=$("$BIN" list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "json count" "$n" "$("$BIN" list | wc -l)"
ko=$("$BIN" list --format json | python3 -c 'import json,sys; print([e["title_ko"] for e in json.load(sys.stdin) if e["id"]=="osaka-summit-2019"][0])')
expect_eq "json Korean title" "$ko" "오사카 G20 계기 한·러 정상회담"
# escaping: quotes, backslashes, control characters and non-BMP text survive
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/events"
printf 'themes:\n  - {id: t, label: T}\n' >"$tmp/themes.yaml"
printf -- '---\nid: q\ndate: 2020\ntitle: "Say \\"hi\\" \\\\ back\\tslash \\u0001 😀 Ї"\nkind: other\nsources: [{title: s, publisher: p, date: 2020}]\n---\nLead.\n' >"$tmp/events/q.md"
title=$("$BIN" list -C "$tmp" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["title"])')
expect_eq "json escaping" "$title" "$(printf 'Say "hi" \\ back\tslash \001 😀 Ї')"
# empty result: an empty array
expect_eq "json empty" "$("$BIN" list --from 2100 --format json)" "[]"
finish
