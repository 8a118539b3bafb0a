# lib.bash - helpers for the CLI tests: each test script sources this, calls
# ok/fail per assertion and ends with 'finish' ("N passed, N failed").
set -u
BIN=$1
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
expect_eq() { # expect_eq WHAT GOT WANT
  if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], want [$3]"; fi
}
expect_contains() { # expect_contains WHAT HAYSTACK NEEDLE
  case "$2" in *"$3"*) ok ;; *) fail "$1: [$2] lacks [$3]" ;; esac
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
