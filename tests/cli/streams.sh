# Standard streams (briefgen(1)): "-o -" writes the PDF alone to standard
# output, the same bytes as a file; "render -" and "check -" read the brief
# from standard input, its relative paths resolved against -C or the
# current folder.
. "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
brief=briefs/nine-bridges-handout.yaml
"$BIN" render -q -o "$tmp/file.pdf" "$brief"; expect_eq "render to a file" "$?" 0
"$BIN" render -q -o - "$brief" > "$tmp/stdout.pdf"; expect_eq "render -o -" "$?" 0
cmp -s "$tmp/file.pdf" "$tmp/stdout.pdf"; expect_eq "-o - gives the file's bytes" "$?" 0
"$BIN" -C briefs render -o - - < "$brief" > "$tmp/stdin.pdf"; expect_eq "render - with -C" "$?" 0
cmp -s "$tmp/file.pdf" "$tmp/stdin.pdf"; expect_eq "render - reads the brief from stdin" "$?" 0
(cd briefs && "$BIN" render -q -o "$tmp/cwd.pdf" - < nine-bridges-handout.yaml); expect_eq "render - from the brief's folder" "$?" 0
cmp -s "$tmp/file.pdf" "$tmp/cwd.pdf"; expect_eq "render - resolves against the current folder" "$?" 0
out=$("$BIN" render -o "$tmp/x.pdf" - < "$brief" 2>&1); expect_eq "render - from the wrong folder" "$?" 1
expect_contains "render -: diagnostics name <stdin>" "$out" "<stdin>:11:14: error: theme catalogue 'themes.yaml' not found"
"$BIN" -C briefs check - < "$brief"; expect_eq "check -" "$?" 0
out=$(printf 'title: x\n\tdate: y\n' | "$BIN" check - 2>&1); expect_eq "check - of a broken brief" "$?" 1
expect_contains "check -: position in <stdin>" "$out" "<stdin>:2:1: error"
out=$("$BIN" check - </dev/null 2>&1); expect_eq "check - of nothing" "$?" 1
expect_contains "check - of nothing" "$out" "<stdin>: error: empty file"
# default output of a brief read from stdin: output/stdin.pdf (when the brief names none)
sed '/^output:/d' "$brief" > "$tmp/noout.yaml"
(cd briefs && "$BIN" render -q - < "$tmp/noout.yaml" && test -s output/stdin.pdf && rm -r output); expect_eq "default output of render -" "$?" 0
finish
