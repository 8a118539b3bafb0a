# Object streams and a cross-reference stream (ISO 32000-1 7.5.7, 7.5.8;
# README "Known limits"): every sample, a synthetic corpus and a PDF/A-2b
# one have the structure tests/render/objstm.py checks, pass qpdf --check,
# and are read by poppler (pdfinfo's page count, a page drawn by pdftoppm)
# and by pikepdf.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi
gen_corpus 30 "$TMP/corpus"
brief_with briefs/osaka-2019-pre-summit.yaml "$TMP/a2b.yaml" pdf_standard=a-2b
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml" "$TMP/a2b.yaml"; do
  name=$(basename "$brief" .yaml)
  render_ok "$brief" "$name"
  out=$($PY "$RENDER_TESTS/objstm.py" "$pdf"); expect_eq "$name: structure" "$?:$out" "0:"
  qpdf --check "$pdf" >/dev/null 2>&1; expect_eq "$name: qpdf --check" "$?" 0
  pages=$($PY -c 'import sys, pikepdf; print(len(pikepdf.open(sys.argv[1]).pages))' "$pdf")
  expect_eq "$name: poppler and pikepdf count the same pages" "$(page_count "$pdf")" "$pages"
  rm -f "$TMP"/page-*.png
  pdftoppm -r 20 -f 1 -l 1 -png "$pdf" "$TMP/page" 2>/dev/null
  png=$(ls "$TMP"/page-*.png 2>/dev/null)
  [ -n "$png" ] && [ -s "$png" ] && ok || fail "$name: pdftoppm draws page 1"
done
finish
