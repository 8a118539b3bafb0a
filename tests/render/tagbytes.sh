# What tagging costs in bytes (tests/render/tagbytes.py): in the samples
# and a synthetic corpus, object streams whose number-offset pairs are
# filtered by a PNG predictor, objects minified, structure elements in
# object streams of their own at fewer than 12 bytes each, links'
# rectangles in hundredths of a point with no /P; and strings that
# objstm.c writes again (parentheses, backslashes, bytes below 32 in a
# UTF-16 title) read back as they were.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi
gen_corpus 60 "$TMP/corpus"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
  name=$(basename "$brief" .yaml)
  render_ok "$brief" "$name"
  out=$($PY "$RENDER_TESTS/tagbytes.py" "$pdf"); expect_eq "$name: tagging's bytes" "$?:$out" "0:"
done
cp -r tests/fixtures/zoo "$TMP/zoo"
sed -i 's|\[the site\](https://example.org)|[the (odd) site](<https://example.org/a_(b)\\c%28d)?x=(1)>)|' \
  "$TMP/zoo/events/zoo.md"
sed -i 's|^title: .*|title: Zoo (odd) \\\\ title|' "$TMP/zoo/brief.yaml"
render_ok "$TMP/zoo/brief.yaml" zoo
out=$($PY - "$pdf" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
annots = [a for p in pdf.pages for a in p.get("/Annots", []) if "/A" in a]
print(any(str(a.Contents) == r"https://example.org/a_(b)\c%28d)?x=(1)" and
          str(a.A.URI) == r"https://example.org/a_%28b%29%5Cc%28d%29?x=%281%29" for a in annots),
      str(pdf.docinfo.Title) == r"Zoo (odd) \\ title")
PY
)
expect_eq "strings with parentheses and backslashes read back" "$out" "True True"
finish
