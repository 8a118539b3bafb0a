# --help, --version, and the exit statuses of docs/formats.md#diagnostics for usage errors.
. "$(dirname "$0")/lib.bash"
out=$("$BIN" --help); status=$?
expect_eq "--help exit" "$status" 0
expect_contains "--help" "$out" "briefgen help [COMMAND]"
out=$("$BIN" --version); status=$?
expect_eq "--version" "$status:$out" "0:briefgen 0.1.0"
"$BIN" >/dev/null 2>&1; expect_eq "no command" "$?" 2
"$BIN" fonts nothing.yaml >/dev/null 2>&1; expect_eq "fonts with a missing brief" "$?" 1
out=$("$BIN" chek briefs/osaka-2019-pre-summit.yaml 2>&1); status=$?
expect_eq "misspelt command exit" "$status" 2
expect_contains "misspelt command" "$out" "unknown command 'chek' (did you mean 'check'?)"
out=$("$BIN" list --kind sumit 2>&1); status=$?
expect_eq "bad kind" "$status" 2
expect_contains "bad kind" "$out" "unknown kind 'sumit' (did you mean 'summit'?)"
out=$("$BIN" list --from 2019-02-30 2>&1); status=$?
expect_eq "bad --from" "$status" 2
"$BIN" check -C /nonexistent x.yaml >/dev/null 2>&1; expect_eq "-C missing dir" "$?" 2
finish
