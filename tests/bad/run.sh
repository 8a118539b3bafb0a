#!/usr/bin/env bash
# Runs one bad-input case: copies tests/fixtures/base into a fresh folder,
# lays the case's files/ over it, runs its setup (if any) there, then the
# command in 'cmd' (default: check brief.yaml), and compares with 'expect':
#   exit N          the exit status
#   LINE            a line that stderr must contain exactly
#   !TEXT           text that stderr must not contain
#   stdout:TEXT     text that stdout must contain
# Usage: run.sh CASE_DIR BRIEFGEN
set -u
case_dir=$(cd "$1" && pwd)
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
base=$(cd "$(dirname "$0")/../fixtures/base" && pwd)
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$base/." "$work/"
[ -d "$case_dir/files" ] && cp -r "$case_dir/files/." "$work/"
if [ -f "$case_dir/setup" ]; then
  (cd "$work" && bash "$case_dir/setup") || { echo "setup failed"; exit 1; }
fi
cmd="check brief.yaml"
[ -f "$case_dir/cmd" ] && cmd=$(cat "$case_dir/cmd")
# shellcheck disable=SC2086
(cd "$work" && timeout 60 "$bin" $cmd >"$work/.stdout" 2>"$work/.stderr")
status=$?
fail=0
while IFS= read -r want || [ -n "$want" ]; do
  [ -z "$want" ] && continue
  case "$want" in
    "exit "*)
      if [ "$status" -ne "${want#exit }" ]; then
        echo "FAIL: exit status $status, expected ${want#exit }"; fail=1
      fi ;;
    "!"*)
      if grep -qF -- "${want#!}" "$work/.stderr"; then
        echo "FAIL: stderr must not contain: ${want#!}"; fail=1
      fi ;;
    "stdout:"*)
      if ! grep -qF -- "${want#stdout:}" "$work/.stdout"; then
        echo "FAIL: stdout lacks: ${want#stdout:}"; fail=1
      fi ;;
    *)
      if ! grep -qxF -- "$want" "$work/.stderr"; then
        echo "FAIL: stderr lacks the line: $want"; fail=1
      fi ;;
  esac
done <"$case_dir/expect"
if grep -qE 'Sanitizer|runtime error' "$work/.stderr"; then
  echo "FAIL: sanitizer report"; fail=1
fi
if [ $fail -ne 0 ]; then
  echo "--- command: briefgen $cmd (exit $status)"
  echo "--- stderr:"; cat "$work/.stderr"
fi
exit $fail
