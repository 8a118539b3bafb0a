# Output safety (README, "Usage"; docs/formats.md#diagnostics): where
# 'render -o' writes and what it refuses. '-o -' writes the PDF alone to
# standard output; a symbolic link is followed and the file it names
# replaced, the link kept; a FIFO or a character device is written in place
# (never replaced by a file); a replaced file keeps its permission bits; an
# input of the run is never overwritten (exit 2), nor one output shared by
# two briefs (exit 2, nothing rendered); an unwritable target is exit 3 with
# a message that names it and says why, and leaves nothing behind; no
# message names a temporary file or shows a bare libharu error number.
# The signals are in output_signals.sh.
. "$(dirname "$0")/../render/lib.bash"
cleanup() {
  for m in "$TMP"/mnt-*; do [ -d "$m" ] && umount "$m" 2>/dev/null; done
  chmod -R u+rwx "$TMP" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

W=$TMP/w
mkdir -p "$W"
cp -r tests/fixtures/base/. "$W/"
cd "$W" || exit 1
cp -r "$W" "$TMP/pristine"
# nothing beside the target but the expected names
only() { # only WHAT DIR NAMES... (sorted)
  local what=$1 dir=$2 want="" name
  shift 2
  for name in "$@"; do want="$want$name "; done
  expect_eq "$what: the folder holds" "$(ls -A "$dir" | sort | tr '\n' ' ')" "$want"
}
run() { # run ARGS... : briefgen in $W; sets rc, out (stdout file), err
  "$BIN" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  err=$(cat "$TMP/stderr")
}
qpdf_ok() { qpdf --check "$1" >/dev/null 2>&1; }
# puts the fixture back, so that one section's damage (on a broken build)
# does not fail the next
reset() { cp -r "$TMP/pristine/." "$W/"; }

# --- -o -: the PDF on standard output, nothing else there -----------------
run render -o - brief.yaml
expect_eq "-o -: exit" "$rc" 0
qpdf_ok "$TMP/stdout" && ok || fail "-o -: standard output is not a valid PDF"
expect_eq "-o -: starts as a PDF" "$(head -c 5 "$TMP/stdout")" "%PDF-"
expect_eq "-o -: ends with the PDF's end" "$(tail -c 6 "$TMP/stdout" | od -An -c | tr -s ' ')" \
  " % % E O F \n"
[ ! -e ./- ] && ok || fail "-o -: a file named '-' was created"
[ ! -e output ] && ok || fail "-o -: an output folder was created"

reset
# a terminal is no place for a PDF: a usage error, nothing written
on_tty() { # on_tty ARGS...: briefgen with standard output on a terminal; its exit status
  python3 -c 'import pty, subprocess, sys
m, s = pty.openpty()
sys.exit(subprocess.run(sys.argv[1:], stdout=s, stderr=sys.stderr).returncode)' "$BIN" "$@"
}
on_tty render -o - brief.yaml 2>"$TMP/stderr"
expect_eq "-o - on a terminal: exit" "$?" 2
expect_contains "-o - on a terminal: message" "$(cat "$TMP/stderr")" \
  "briefgen: error: render: standard output is a terminal; redirect it, or give -o FILE"

reset
# --- a symbolic link: the file it names is replaced, the link stays ---------
mkdir -p target links
ln -s ../target/real.pdf links/dangling.pdf
run render -o links/dangling.pdf brief.yaml
expect_eq "dangling link: exit" "$rc" 0
[ -L links/dangling.pdf ] && ok || fail "dangling link: no longer a link"
qpdf_ok target/real.pdf && ok || fail "dangling link: the file it names is not the PDF"
chmod 640 target/real.pdf
echo old >target/old.pdf
ln -s ../target/old.pdf links/existing.pdf
run render -o links/existing.pdf brief.yaml
expect_eq "link to a file: exit" "$rc" 0
[ -L links/existing.pdf ] && ok || fail "link to a file: no longer a link"
expect_eq "link to a file: it still names" "$(readlink links/existing.pdf)" "../target/old.pdf"
qpdf_ok target/old.pdf && ok || fail "link to a file: the file it names was not replaced"
only "links" links dangling.pdf existing.pdf
only "link targets" target old.pdf real.pdf
run render -o links/dangling.pdf brief.yaml
expect_eq "a replaced file through a link keeps its mode" "$(stat -c %a target/real.pdf)" 640

reset
# --- an existing file keeps its permission bits ------------------------------
for mode in 600 640 604; do
  echo old >"kept-$mode.pdf"
  chmod "$mode" "kept-$mode.pdf"
  run render -o "kept-$mode.pdf" brief.yaml
  expect_eq "mode $mode: exit" "$rc" 0
  expect_eq "mode $mode kept" "$(stat -c %a "kept-$mode.pdf")" "$mode"
done
(umask 027 && "$BIN" render -q -o new-umask.pdf brief.yaml)
expect_eq "a new file: 0666 less the umask" "$(stat -c %a new-umask.pdf)" 640

reset
# --- a FIFO is written in place ----------------------------------------------
mkfifo fifo
timeout 30 cat fifo >"$TMP/from-fifo.pdf" &
reader=$!
run render -o fifo brief.yaml
wait "$reader"
expect_eq "FIFO: exit" "$rc" 0
[ -p fifo ] && ok || fail "FIFO: no longer a FIFO"
qpdf_ok "$TMP/from-fifo.pdf" && ok || fail "FIFO: the reader did not get the PDF"
rm -f fifo

reset
# --- a character device is written in place ---------------------------------
# As root a regression would replace the device node: private nodes then
# (/dev/null is 1,3; /dev/full 1,7), never the system's.
devnull=/dev/null devfull=/dev/full
if [ "$(id -u)" = 0 ]; then
  devnull=$TMP/null devfull=$TMP/full
  mknod "$devnull" c 1 3 2>/dev/null && mknod "$devfull" c 1 7 2>/dev/null || devnull= devfull=
fi
if [ -n "$devnull" ]; then
  run render -o "$devnull" brief.yaml
  expect_eq "null device: exit" "$rc" 0
  [ -c "$devnull" ] && ok || fail "null device: no longer a character device"
  run render -o "$devfull" brief.yaml
  expect_eq "full device: exit" "$rc" 3
  expect_eq "full device: message" "$err" \
    "$devfull: error: cannot write the PDF: No space left on device"
  [ -c "$devfull" ] && ok || fail "full device: no longer a character device"
  if ls "$(dirname "$devnull")" | grep -qE '^(null|full)\.'; then
    fail "a temporary file beside a device"
  else ok; fi
else
  echo "note: root without mknod: the device cases are skipped"
fi

# --- the run's inputs are refused, and left as they were ---------------------
for input in brief.yaml themes.yaml events/alpha.md; do
  run render -o "$input" brief.yaml
  expect_eq "-o $input: exit" "$rc" 2
  expect_eq "-o $input: message" "$err" \
    "briefgen: error: render: output '$input' is an input of brief.yaml; the PDF would overwrite it"
  cmp -s "$input" "$TMP/pristine/$input" && ok || fail "-o $input: the input changed"
  reset
done
# another spelling, a symbolic link, a hard link: the same file
ln -s events/bravo.md bravo-link.md
ln events/charlie.md charlie-hard.md
for other in ./events/../events/delta.md bravo-link.md charlie-hard.md "$W/brief.yaml"; do
  run render -o "$other" brief.yaml
  expect_eq "-o $other: exit" "$rc" 2
  for f in brief.yaml themes.yaml events/*.md; do
    cmp -s "$f" "$TMP/pristine/$f" && ok || fail "-o $other: $f changed"
  done
  reset
done
# an output: key that names an input of another brief of the run
reset
mkdir -p other
cp -r "$TMP/pristine/." other/
sed 's/^title: .*/&\noutput: ..\/events\/alpha.md/' brief.yaml >other/b.yaml
run render brief.yaml other/b.yaml
expect_eq "output: onto another brief's input: exit" "$rc" 2
expect_contains "output: onto another brief's input: message" "$err" \
  "output 'events/alpha.md' of other/b.yaml is an input of brief.yaml"
cmp -s events/alpha.md "$TMP/pristine/events/alpha.md" && ok || fail "alpha.md changed"
[ ! -e output ] && [ ! -e other/output ] && ok || fail "a refused run rendered something"
# an event file that does not load is an input all the same
reset
printf -- '---\nid: broken\n' >other/events/broken.md
cp other/events/broken.md "$TMP/broken.md"
sed 's/^title: .*/&\noutput: other\/events\/broken.md/' brief.yaml >c.yaml
run render c.yaml other/brief.yaml
expect_eq "output: onto a broken event: exit" "$rc" 2
expect_contains "output: onto a broken event: message" "$err" \
  "output 'other/events/broken.md' of c.yaml is an input of other/brief.yaml"
cmp -s other/events/broken.md "$TMP/broken.md" && ok || fail "the broken event changed"
rm -f c.yaml

reset
# --- two briefs, one output ----------------------------------------------------
sed 's/^title: .*/&\noutput: same.pdf/' brief.yaml >a.yaml
cp a.yaml b.yaml
run render -q a.yaml b.yaml brief.yaml
expect_eq "one output for two briefs: exit" "$rc" 2
expect_eq "one output for two briefs: message" "$err" \
  "briefgen: error: render: a.yaml and b.yaml would both write 'same.pdf'"
[ ! -e same.pdf ] && [ ! -e output ] && ok || fail "one output for two briefs: something was rendered"
# spelt differently, in a folder that does not exist yet
sed 's/^title: .*/&\noutput: new\/x.pdf/' brief.yaml >a.yaml
sed "s|^title: .*|&\noutput: $W/./new/x.pdf|" brief.yaml >b.yaml
run render -q -j 2 a.yaml b.yaml
expect_eq "one output spelt twice: exit" "$rc" 2
[ ! -e new ] && ok || fail "one output spelt twice: something was rendered"
rm -f a.yaml b.yaml

reset
# --- an unwritable target: exit 3, named, why, nothing left -----------------
ro=$TMP/mnt-ro
mkdir -p "$ro"
if [ "$(id -u)" = 0 ]; then
  mount -t tmpfs -o ro,size=64k tmpfs "$ro" 2>/dev/null && why="Read-only file system" || why=
else
  chmod 555 "$ro" && why="Permission denied"
fi
if [ -n "$why" ]; then
  run render -o "$ro/x.pdf" brief.yaml
  expect_eq "read-only folder: exit" "$rc" 3
  expect_eq "read-only folder: message" "$err" "$ro/x.pdf: error: cannot write the PDF: $why"
  only "read-only folder" "$ro"
else
  echo "note: cannot make a read-only folder here: skipped"
fi
full=$TMP/mnt-full
mkdir -p "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=16k tmpfs "$full" 2>/dev/null; then
  run render -o "$full/x.pdf" brief.yaml
  expect_eq "full disk: exit" "$rc" 3
  expect_eq "full disk: message" "$err" "$full/x.pdf: error: cannot write the PDF: No space left on device"
  only "full disk" "$full"
  echo old >"$full/y.pdf"
  run render -o "$full/y.pdf" brief.yaml
  expect_eq "full disk, existing file: exit" "$rc" 3
  expect_eq "full disk, existing file: kept" "$(cat "$full/y.pdf")" old
  only "full disk, existing file" "$full" y.pdf
else
  echo "note: no small tmpfs here: the full disk is tested with the full device only"
fi

reset
# --- messages: the target, never a temporary file; libharu's codes in words --
# An empty link destination made libharu fail (issue 10, item 2); once
# links render it succeeds, and the message checks below hold trivially.
printf '\nSee [a link]() here.\n' >>events/alpha.md
run render -o msg.pdf brief.yaml
if printf '%s\n' "$err" | grep -qE '\.pdf\.[A-Za-z0-9]{6}'; then
  fail "a message names a temporary file: $err"
else ok; fi
if printf '%s\n' "$err" | grep 'libharu error' | grep -qvE '^msg\.pdf: error: cannot make the PDF: [a-z].* \(libharu error 0x[0-9A-F]{4}, detail [0-9]+\)$'; then
  fail "a libharu error without words: $err"
else ok; fi
if ls -A | grep -qE '^msg\.pdf\.'; then fail "a temporary file left"; else ok; fi
cp "$TMP/pristine/events/alpha.md" events/alpha.md
finish
