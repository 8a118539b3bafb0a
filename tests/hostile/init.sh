# 'init' is all or nothing (README, "Usage": "if one of them exists,
# nothing is created (exit 2)"): an 'events' that is a file, not a folder,
# is refused before anything is made (exit 2); a failure part way (a full
# disk) removes what the run made, the folders too (exit 3). Before, the
# first left themes.yaml behind with exit 3, the second themes.yaml and
# the folders.
. "$(dirname "$0")/lib.bash"
cleanup() {
  [ -n "${MNT:-}" ] && umount "$MNT" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/a"
touch "$TMP/a/events"
"$BIN" init "$TMP/a" >/dev/null 2>"$TMP/err"
expect_eq "events is a file: exit" "$?" 2
expect_eq "events is a file: message" "$(cat "$TMP/err")" \
  "$TMP/a/events: error: exists and is not a folder; init never overwrites a file"
expect_eq "events is a file: nothing made" "$(ls "$TMP/a")" "events"

if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/full" && mount -t tmpfs -o size=4k tmpfs "$TMP/full" 2>/dev/null; then
  MNT=$TMP/full
  "$BIN" init "$TMP/full/p" >/dev/null 2>"$TMP/err"
  expect_eq "a full disk: exit" "$?" 3
  expect_contains "a full disk: message" "$(cat "$TMP/err")" "No space left on device"
  expect_eq "a full disk: nothing left" "$(ls -A "$TMP/full")" ""
else
  echo "(a full disk not tried: needs root to mount a tmpfs)"
fi
finish
