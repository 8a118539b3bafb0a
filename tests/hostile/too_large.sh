# Inputs past 32 MiB (docs/formats.md#diagnostics, "larger than 32 MiB"):
# a brief file and a brief on standard input are refused with a message
# that says the limit (before, the second read 'too large (more than
# 33554432 bytes; the limit)').
. "$(dirname "$0")/lib.bash"
truncate -s 33554433 "$TMP/big.yaml"
"$BIN" check "$TMP/big.yaml" 2>"$TMP/err"
expect_eq "a file: exit" "$?" 1
expect_eq "a file: message" "$(cat "$TMP/err")" \
  "$TMP/big.yaml: error: file too large (33554433 bytes; the limit is 32 MiB)"
head -c 33554433 /dev/zero | tr '\0' a | "$BIN" check - 2>"$TMP/err"
expect_eq "standard input: exit" "$?" 1
expect_eq "standard input: message" "$(cat "$TMP/err")" \
  "<stdin>: error: too large (more than 33554432 bytes; the limit is 32 MiB)"
finish
