# briefgen watch (briefgen(1)): renders, re-renders after an event changes,
# keeps the last good PDF while an event is broken, renders again once it is
# fixed or removed, sees a new event file and a changed image, and ends
# with 0 on SIGINT.
. "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$BIN" init "$tmp/c" >/dev/null
ev="$tmp/c/events/trade-talks-opened.md"
pdf="$tmp/c/out.pdf"
# waits up to 10 s for a condition
until_true() { for _ in $(seq 100); do eval "$1" && return 0; sleep 0.1; done; return 1; }
text() { pdftotext "$pdf" - 2>/dev/null; }
set -m # a job of its own: SIGINT is not ignored in it
"$BIN" watch -o "$pdf" "$tmp/c/brief.yaml" 2>"$tmp/log" &
pid=$!
set +m
until_true 'test -s "$pdf"'; expect_eq "first render" "$?" 0
until_true 'grep -q "watching" "$tmp/log"'; expect_eq "watching" "$?" 0
expect_contains "a line per render" "$(cat "$tmp/log")" "$tmp/c/brief.yaml → $pdf"
# an edit, written in place
sed -i 's/Trade ministers open talks/Trade ministers resume talks/' "$ev"
until_true 'text | grep -q "resume talks"'; expect_eq "an edit is rendered" "$?" 0
# an edit saved as editors do: a new file renamed over the old one
sed 's/resume talks/conclude talks/' "$ev" > "$tmp/c/events/.tmp" && mv "$tmp/c/events/.tmp" "$ev"
until_true 'text | grep -q "conclude talks"'; expect_eq "an edit by rename is rendered" "$?" 0
# broken: the old PDF stays, a diagnostic is printed
good=$(md5sum < "$pdf")
cp "$ev" "$tmp/good.md"
printf -- '---\nid: trade-talks-opened\ndate: [\n---\nx\n' > "$ev"
until_true 'grep -q "trade-talks-opened.md:.*error" "$tmp/log"'; expect_eq "a diagnostic for a broken event" "$?" 0
until_true 'grep -q "not rendered; the last good PDF is kept" "$tmp/log"'; expect_eq "a failed render said" "$?" 0
expect_eq "the last good PDF is kept" "$(md5sum < "$pdf")" "$good"
# fixed
sed 's/conclude talks/reopen talks/' "$tmp/good.md" > "$ev"
until_true 'text | grep -q "reopen talks"'; expect_eq "fixed: rendered again" "$?" 0
# a new event file counts
sed -e 's/^id: trade-talks-opened/id: trade-talks-second/' -e 's/^title: .*/title: A second round of talks/' \
    -e 's/^date: 2024-03-12/date: 2024-04-02/' "$ev" > "$tmp/c/events/trade-talks-second.md"
until_true 'text | grep -q "A second round of talks"'; expect_eq "a new event is rendered" "$?" 0
rm "$tmp/c/events/trade-talks-second.md"
until_true '! text | grep -q "A second round of talks"'; expect_eq "a deleted event leaves" "$?" 0
# the brief itself
sed -i 's/^title: .*/title: "A retitled briefing"/' "$tmp/c/brief.yaml"
until_true 'text | grep -q "A retitled briefing"'; expect_eq "an edit of the brief is rendered" "$?" 0
# an image the document shows: watched through a render that frees the
# document before the PDF is saved (its path kept by then)
mkdir "$tmp/c/img"
cp tests/fixtures/zoo/events/images/cover.png "$tmp/c/img/map.png"
printf '\n![A map](../img/map.png)\n' >> "$ev"
until_true 'pdfimages -list "$pdf" 2>/dev/null | grep -q image'; expect_eq "an image is rendered" "$?" 0
renders=$(grep -c "→" "$tmp/log")
cp tests/fuzz/seeds/image/wide.png "$tmp/c/img/map.png"
until_true '[ "$(grep -c "→" "$tmp/log")" -gt "$renders" ]'; expect_eq "a changed image is rendered" "$?" 0
kill -INT "$pid"
wait "$pid"; expect_eq "SIGINT: exit 0" "$?" 0
pid=
ls "$tmp/c" | grep -q 'out.pdf\.' && fail "a temporary file left" || ok
finish
