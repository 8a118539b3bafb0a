# Signals during 'render' (README, "Usage"): SIGTERM or SIGINT removes every
# temporary file (OUT.pdf.XXXXXX beside the target; nothing is left in
# $TMPDIR) and ends briefgen of that signal (the shell sees 143 or 130). A
# -j parent passes the signal to its children and waits for them: no PDF
# appears after it has gone. Started with SIGCHLD ignored, -j still
# finishes. A child that dies of a signal is reported, and the run fails.
# The signal is sent by signal_run.py the moment a temporary file appears,
# so that it lands while there is something to remove; a try where the
# render ended first is tried again.
. "$(dirname "$0")/../render/lib.bash"
HOSTILE=$(cd "$(dirname "$0")" && pwd)
sigrun() { python3 "$HOSTILE/signal_run.py" "$@"; }

C=$TMP/c
gen_corpus 150 "$C"
export TMPDIR=$TMP/tmpdir # nothing may be left here
mkdir -p "$TMPDIR"

# leftovers : temporary files in the corpus folder (the PDFs' folder) and
# in $TMPDIR
leftovers() { (cd "$C" && ls -A | grep -E '\.pdf\.' ; ls -A "$TMPDIR") | tr '\n' ' '; }

# kill_render SIGNAL GLOB WANT : renders the big brief and sends SIGNAL as
# soon as GLOB matches; up to 5 tries until it lands during the render.
kill_render() {
  local sig=$1 glob=$2 want=$3 try result
  for try in 1 2 3 4 5; do
    rm -f "$C"/*.pdf "$C"/*.pdf.* "$TMPDIR"/*
    result=$(sigrun --signal "$sig" --when "$glob" --timeout 60 -- "$BIN" render -q "$C/brief.yaml")
    case "$result" in seen*) break ;; esac
  done
  expect_eq "SIG$sig when $(basename "$glob") appears: how it ended" "$result" "seen $want"
  expect_eq "SIG$sig when $(basename "$glob") appears: leftovers" "$(leftovers)" ""
  [ ! -e "$C/brief.pdf" ] && ok || fail "SIG$sig: a PDF was completed"
}
kill_render TERM "$C/brief.pdf.*" 143
kill_render INT "$C/brief.pdf.*" 130

# -j: the parent, killed once its children run, passes the signal on and
# waits for them; nothing is completed afterwards
rm -f "$C"/*.pdf "$C"/*.pdf.* "$TMPDIR"/*
result=$(sigrun --signal TERM --when-children 2 --timeout 60 -- \
  "$BIN" render -q -j 2 "$C/brief.yaml" "$C/brief-ko.yaml")
expect_eq "-j parent, SIGTERM: how it ended" "$result" "seen 143"
sleep 1 # a child left running would complete its PDF by now
expect_eq "-j parent, SIGTERM: leftovers" "$(leftovers)" ""
expect_eq "-j parent, SIGTERM: PDFs completed" "$(cd "$C" && ls | grep -c '\.pdf$')" 0

# a child killed by a signal: reported, the run fails (exit 3)
rm -f "$C"/*.pdf "$C"/*.pdf.* "$TMPDIR"/*
result=$( (ulimit -c 0 && sigrun --signal ABRT --child --when-children 2 --timeout 60 -- \
  "$BIN" render -q -j 2 "$C/brief.yaml" "$C/brief-ko.yaml" 2>"$TMP/crash.err"))
expect_eq "-j child, SIGABRT: exit" "$result" "seen 3"
if grep -qxE "\[[12]/2\] $C/brief(-ko)?\.yaml: crashed \(signal 6\)" "$TMP/crash.err"; then ok; else
  fail "-j child, SIGABRT: no 'crashed (signal 6)' line: $(cat "$TMP/crash.err")"
fi
expect_eq "-j child, SIGABRT: leftovers" "$(leftovers)" ""

# started with SIGCHLD ignored, -j finishes
mkdir -p "$TMP/b"
cp -r briefs "$TMP/b/"
result=$(cd "$TMP/b" && sigrun --ignore-chld --timeout 30 -- "$BIN" render -q -j 2 "${SAMPLES[@]}")
expect_eq "-j with SIGCHLD ignored" "$result" "finished 0"
expect_eq "-j with SIGCHLD ignored: PDFs" "$(ls "$TMP/b/output" 2>/dev/null | grep -c '\.pdf$')" 3
finish
