# 'watch' when a folder it depends on goes away and comes back (briefgen(1),
# watch: "new, deleted and renamed ones too"): the corpus folder deleted
# (rm -rf events) fails the render, and made again with its event files it
# is rendered again with no other file touched; so is an image whose folder
# did not exist when the brief was first rendered, and a damaged image
# mended. Before, a folder that was not there could not be watched
# ('cannot watch events'), moving the corpus folder away went unseen, and
# an image shown as its alt text was no dependency at all: each change went
# unseen until some other input changed.
. "$(dirname "$0")/lib.bash"
pid=
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cp -r tests/fixtures/base "$TMP/c"
pdf=$TMP/c/out.pdf
log=$TMP/log
# waits up to 10 s for a condition
until_true() { for _ in $(seq 100); do eval "$1" && return 0; sleep 0.1; done; return 1; }
renders() { grep -c "→" "$log"; }
set -m
"$BIN" watch -o "$pdf" "$TMP/c/brief.yaml" 2>"$log" &
pid=$!
set +m
until_true 'grep -q watching "$log"'
expect_eq "first render" "$(renders)" 1

mv "$TMP/c/events" "$TMP/events.away"
until_true 'grep -q "not rendered" "$log"'
expect_eq "the corpus folder gone: a failed render" "$?" 0
sleep 0.5 # (the failed render's watches are set)
mkdir "$TMP/c/events.new" && cp "$TMP/events.away"/*.md "$TMP/c/events.new/"
mv "$TMP/c/events.new" "$TMP/c/events"
until_true '[ "$(renders)" -ge 2 ]'
expect_eq "the corpus folder back: rendered again" "$(renders)" 2

# an image in a folder that is not there yet
printf '\n![A map](../img/map.png)\n' >>"$TMP/c/events/alpha.md"
until_true '[ "$(renders)" -ge 3 ]'
expect_eq "an image that is missing: rendered with its alt text" "$(renders)" 3
sleep 0.5
mkdir "$TMP/c/img.new" && cp tests/fixtures/zoo/events/images/cover.png "$TMP/c/img.new/map.png"
mv "$TMP/c/img.new" "$TMP/c/img"
until_true '[ "$(renders)" -ge 4 ]'
expect_eq "the image's folder made: rendered again" "$(renders)" 4
# a damaged image mended
printf 'not a PNG\n' >"$TMP/c/img/bad.png"
printf '\n![Damaged](../img/bad.png)\n' >>"$TMP/c/events/bravo.md"
until_true '[ "$(renders)" -ge 5 ]'
expect_eq "a damaged image: rendered with its alt text" "$(renders)" 5
sleep 0.5
cp tests/fixtures/zoo/events/images/cover.png "$TMP/c/img/bad.png.new"
mv "$TMP/c/img/bad.png.new" "$TMP/c/img/bad.png"
until_true '[ "$(renders)" -ge 6 ]'
expect_eq "the damaged image mended: rendered again" "$(renders)" 6
case "$(cat "$log")" in *"cannot watch"*) fail "a warning: $(grep 'cannot watch' "$log")" ;; *) ok ;; esac
kill -INT "$pid"
wait "$pid"
expect_eq "SIGINT: exit 0" "$?" 0
pid=
finish
