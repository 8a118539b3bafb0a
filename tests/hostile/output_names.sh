# Output names that cannot name a PDF file (README, "Usage";
# docs/formats.md#briefs, 'output'): '-o ""' (render and watch) is a usage
# error (exit 2), not 'cannot replace the file' (exit 3); '-o out/', a name
# that ends in '/', is refused before anything is made and leaves no folder
# behind (before: the folder 'out' was made, then 'Not a directory'); a
# brief's 'output: out/' is an error at its line and column (before: the
# PDF was written to a file named 'out').
. "$(dirname "$0")/lib.bash"

cp -r tests/fixtures/base "$TMP/p"
cd "$TMP/p" || exit 1

"$BIN" render -o '' brief.yaml >/dev/null 2>"$TMP/err"
expect_eq "render -o '': exit" "$?" 2
expect_contains "render -o '': message" "$(cat "$TMP/err")" "render: -o needs a file name"
timeout 20 "$BIN" watch -o '' brief.yaml >/dev/null 2>"$TMP/err"
expect_eq "watch -o '': exit" "$?" 2
expect_contains "watch -o '': message" "$(cat "$TMP/err")" "watch: -o needs a file name"

"$BIN" render -o out/ brief.yaml >/dev/null 2>"$TMP/err"
expect_eq "render -o out/: exit" "$?" 3
expect_eq "render -o out/: message" "$(cat "$TMP/err")" \
  "out/: error: names a folder; give a file name for the PDF"
[ -e out ] && fail "render -o out/ left 'out' behind" || ok

printf 'output: pdfs/\n' >>brief.yaml
"$BIN" render brief.yaml >"$TMP/out" 2>"$TMP/err"
expect_eq "output: pdfs/: exit" "$?" 1
expect_eq "output: pdfs/: message" "$(cat "$TMP/err")" \
  "brief.yaml:5:9: error: 'output' names a folder ('pdfs/'); give a file name for the PDF"
[ -e pdfs ] && fail "output: pdfs/ wrote 'pdfs'" || ok
finish
