# briefgen init (briefgen(1)): a corpus that check accepts and render
# renders; never overwrites a file.
. "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=$("$BIN" init "$tmp/new"); expect_eq "init a new folder" "$?" 0
expect_contains "init says what it made" "$out" "brief.yaml"
for f in themes.yaml brief.yaml; do test -s "$tmp/new/$f"; expect_eq "made $f" "$?" 0; done
expect_eq "two events" "$(ls "$tmp/new/events" | grep -c '\.md$')" 2
out=$("$BIN" check "$tmp/new/brief.yaml" 2>&1); expect_eq "check accepts it, silently" "$?:$out" "0:"
out=$("$BIN" -C "$tmp/new" render -q brief.yaml 2>&1); expect_eq "render renders it" "$?:$out" "0:"
qpdf --check "$tmp/new/output/brief.pdf" >/dev/null 2>&1; expect_eq "a valid PDF" "$?" 0
txt=$(pdftotext "$tmp/new/output/brief.pdf" -)
expect_contains "the events are in it" "$txt" "Trade ministers open talks"
expect_contains "a passage is in it" "$txt" "mutual recognition of qualifications"
# never overwrites
before=$(cat "$tmp/new/brief.yaml")
out=$("$BIN" init "$tmp/new" 2>&1); expect_eq "init over a corpus" "$?" 2
expect_contains "init names the file" "$out" "brief.yaml: error: exists"
expect_eq "brief.yaml untouched" "$(cat "$tmp/new/brief.yaml")" "$before"
mkdir "$tmp/half"; echo "mine" > "$tmp/half/themes.yaml"
"$BIN" init "$tmp/half" >/dev/null 2>&1; expect_eq "init beside one existing file" "$?" 2
expect_eq "nothing created beside it" "$(ls "$tmp/half")" "themes.yaml"
expect_eq "the existing file untouched" "$(cat "$tmp/half/themes.yaml")" "mine"
ln -s /nonexistent "$tmp/link"; mkdir "$tmp/l"; ln -s "$tmp/elsewhere" "$tmp/l/brief.yaml"
"$BIN" init "$tmp/l" >/dev/null 2>&1; expect_eq "a dangling symlink counts as a file" "$?" 2
test -e "$tmp/elsewhere"; expect_eq "the link's target not created" "$?" 1
(cd "$tmp" && mkdir here && cd here && "$BIN" init >/dev/null); expect_eq "init in the current folder" "$?" 0
test -s "$tmp/here/brief.yaml"; expect_eq "init . made brief.yaml" "$?" 0
echo x > "$tmp/file"; "$BIN" init "$tmp/file" >/dev/null 2>&1; expect_eq "init on a file" "$?" 2
finish
