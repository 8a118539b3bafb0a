# Page content streams without waste (issue 15; tests/render/content.py):
# no font, colour or line width set again unchanged, Td where a Tm would
# only translate, no two strings side by side in a TJ array, no 0 in one
# and no number ending one. The samples in both languages, a corpus with
# tables, and emphasis in English, Russian and Korean.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi

lean() { # PDF NAME
  local out
  out=$($PY "$RENDER_TESTS/content.py" "$1")
  expect_eq "$2: content without waste" "$?:$out" "0:"
  qpdf --check "$1" >/dev/null 2>&1
  expect_eq "$2: qpdf --check" "$?" 0
}
for brief in "${SAMPLES[@]}" briefs/osaka-2019-pre-summit-ko.yaml; do
  render_ok "$brief"
  lean "$pdf" "$brief"
done
gen_corpus 12 "$TMP/c12"
render_ok "$TMP/c12/brief.yaml" corpus
lean "$pdf" corpus
cp -r tests/fixtures/base "$TMP/f"
cat >>"$TMP/f/events/alpha.md" <<'MD'

The leaders met *after midnight* and named the *Северный морской путь*,
with ***Москва*** in bold italic. 양국 정상은 *비핵화 협상을* 논의하고
*Primorye Bridges 전략의* 이행을 **점검했다**, [a link](https://example.org).
MD
render_ok "$TMP/f/brief.yaml" faces
lean "$pdf" faces
finish
