# Page make-up (README, "Page make-up"): over the sample briefs in every
# layout, in English and Korean, on A4 and A5, and over a generated corpus,
# no page in the middle of a section ends more than one line short of the
# frame's foot, no page's last line ends with a hyphen, no page ends with a
# heading or a run-in title alone, and no table's last page holds fewer
# than three rows when the table has three or more. makeup.py reads the
# pages (pdftohtml -xml) and says what it measures.
. "$(dirname "$0")/lib.bash"
makeup() { python3 -S "$RENDER_TESTS/makeup.py" "$@"; }

# check NAME PDF LANG : one assertion per rule, so that a failure names it
# (the pages read by makeup.py beforehand, two PDFs at a time, into NAME.mk)
check() {
  local out
  out=$(cat "$TMP/$1.mk") || fail "$1: makeup.py failed"
  expect_eq "$1: no short page in a section" "$(grep 'short of' <<<"$out")" ""
  expect_eq "$1: no page ends with a hyphen" "$(grep 'hyphen' <<<"$out")" ""
  expect_eq "$1: no page ends with a heading" "$(grep 'heading' <<<"$out")" ""
  expect_eq "$1: a table's last page holds 3 rows" "$(grep 'table' <<<"$out")" ""
}

# the samples in each language and paper, rendered two at a time
jobs=()
for brief in "${SAMPLES[@]}"; do
  for lang in en ko; do
    for paper in A4 A5; do
      name=$(basename "$brief" .yaml)-$lang-$paper
      brief_with "$brief" "$TMP/$name.yaml" language=$lang paper=$paper
      "$BIN" render -q -o "$TMP/$name.pdf" "$TMP/$name.yaml" 2>"$TMP/$name.err" &
      jobs+=("$name")
      [ "$(jobs -rp | wc -l)" -ge 2 ] && wait -n
    done
  done
done
# a generated corpus: many entries, passages, long tables, on A5 (the
# smallest page, where keeps cost the most)
python3 bench/gen-corpus 30 "$TMP/corpus" --seed 3 >/dev/null || fail "bench/gen-corpus"
brief_with "$TMP/corpus/brief.yaml" "$TMP/corpus/a5.yaml" paper=A5
"$BIN" render -q -o "$TMP/corpus-en-A5.pdf" "$TMP/corpus/a5.yaml" 2>"$TMP/corpus-en-A5.err"
jobs+=(corpus-en-A5)
wait
for name in "${jobs[@]}"; do
  [ -s "$TMP/$name.pdf" ] && makeup check "$TMP/$name.pdf" "${name: -5:2}" >"$TMP/$name.mk" &
  [ "$(jobs -rp | wc -l)" -ge 2 ] && wait -n
done
wait
for name in "${jobs[@]}"; do
  if [ -s "$TMP/$name.pdf" ]; then ok; else fail "render $name: $(cat "$TMP/$name.err")"; fi
  check "$name"
done

finish
