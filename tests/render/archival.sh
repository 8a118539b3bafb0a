# The document-level parts of accessible and archival PDFs (README
# "Accessibility and archiving", tests/render/archival.py): every sample in
# both languages, and pdf_standard: a-2b, which also gives the same bytes
# twice.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi
for b in "${SAMPLES[@]}"; do
  render_ok "$b"
  out=$($PY "$RENDER_TESTS/archival.py" "$pdf"); expect_eq "$b: document parts" "$?:$out" "0:"
done
mkdir -p "$TMP/a"
sed -e '/^output:/d' -e "s#^corpus:.*#corpus: $PWD/briefs/events#" -e "s#^themes_file:.*#themes_file: $PWD/briefs/themes.yaml#" \
  briefs/osaka-2019-pre-summit.yaml > "$TMP/a/pack.yaml"
echo "pdf_standard: [pdf/a-2b]" >> "$TMP/a/pack.yaml"
render "$TMP/a/one.pdf" "$TMP/a/pack.yaml"; expect_eq "a-2b renders" "$rc:$err" "0:"
out=$($PY "$RENDER_TESTS/archival.py" "$TMP/a/one.pdf" a-2b); expect_eq "a-2b: document parts" "$?:$out" "0:"
render "$TMP/a/two.pdf" "$TMP/a/pack.yaml"
cmp -s "$TMP/a/one.pdf" "$TMP/a/two.pdf"; expect_eq "a-2b: the same bytes twice" "$?" 0
qpdf --check "$TMP/a/one.pdf" >/dev/null 2>&1; expect_eq "a-2b: qpdf --check" "$?" 0
# --pdf-standard on the command line, as the brief key
sed '/^pdf_standard:/d' "$TMP/a/pack.yaml" > "$TMP/a/plain.yaml"
"$BIN" render -q --pdf-standard=a-2b -o "$TMP/a/cli.pdf" "$TMP/a/plain.yaml"; expect_eq "--pdf-standard=a-2b" "$?" 0
cmp -s "$TMP/a/one.pdf" "$TMP/a/cli.pdf"; expect_eq "--pdf-standard gives the brief key's bytes" "$?" 0
"$BIN" render -q --pdf-standard=b-9 -o "$TMP/a/bad.pdf" "$TMP/a/plain.yaml" 2>/dev/null; expect_eq "--pdf-standard=b-9" "$?" 2
sed -i 's#^pdf_standard:.*#pdf_standard: a-2a#' "$TMP/a/pack.yaml"
render "$TMP/a/three.pdf" "$TMP/a/pack.yaml"
expect_eq "a-2a: made, no warning" "$rc:$err" "0:"
sed -i 's#^pdf_standard:.*#pdf_standard: a-3u#' "$TMP/a/pack.yaml"
render "$TMP/a/four.pdf" "$TMP/a/pack.yaml"; expect_eq "an unknown standard" "$rc" 1
expect_contains "an unknown standard" "$err" "unknown PDF standard 'a-3u'"
finish
