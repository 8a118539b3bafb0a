# What tagging costs in bytes (tests/render/tagbytes.py): in the samples
# and a synthetic corpus, object streams whose number-offset pairs are
# filtered by a PNG predictor, objects minified, structure elements in
# object streams of their own at fewer than 12 bytes each, links'
# rectangles in hundredths of a point with no /P.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi
gen_corpus 60 "$TMP/corpus"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
  name=$(basename "$brief" .yaml)
  render_ok "$brief" "$name"
  out=$($PY "$RENDER_TESTS/tagbytes.py" "$pdf"); expect_eq "$name: tagging's bytes" "$?:$out" "0:"
done
finish
