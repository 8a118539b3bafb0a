# render of several briefs: -j 2 gives the same bytes as -j 1, with no
# cache too; a bad brief
# among good ones gives exit 1, and the good PDFs complete.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/b/briefs"
cp -r briefs/. "$TMP/b/briefs/"
set_of() { ls "$TMP/b/briefs"/*.yaml | grep -v themes.yaml; }
mapfile -t all < <(set_of)
(cd "$TMP/b" && "$BIN" render -q -j 1 "${all[@]}") && ok || fail "render -j 1 of the samples"
mkdir -p "$TMP/one"
mv "$TMP/b/output/"*.pdf "$TMP/one/"
(cd "$TMP/b" && "$BIN" render -q -j 2 "${all[@]}") && ok || fail "render -j 2 of the samples"
for f in "$TMP/one/"*.pdf; do
  cmp -s "$f" "$TMP/b/output/$(basename "$f")" && ok || fail "-j 2 and -j 1 differ: $(basename "$f")"
done
# (twice, with no cache: the hyphenation patterns load on a thread from the
# moment a brief's session opens, and -j forks after opening them all; a
# child must still find them loaded)
for cold in 1 2; do
  mkdir -p "$TMP/cold$cold"
  two=(nine-bridges-handout osaka-2019-pre-summit) # (two: forked soon after the first opens)
  (cd "$TMP/b" && XDG_CACHE_HOME="$TMP/cold$cold" "$BIN" render -q -j 2 \
    "briefs/${two[0]}.yaml" "briefs/${two[1]}.yaml") && ok || fail "render -j 2 of two samples"
  for name in "${two[@]}"; do
    cmp -s "$TMP/one/$name.pdf" "$TMP/b/output/$name.pdf" && ok ||
      fail "-j 2 and -j 1 differ (no cache, run $cold): $name.pdf"
  done
done
expect_eq "one PDF per brief" "$(ls "$TMP/one" | wc -l)" "${#all[@]}"

# a bad brief in the middle
rm -f "$TMP/b/output/"*.pdf
sed 's/nine-bridges, trade/nine-bridge, trade/' "$TMP/b/briefs/nine-bridges-handout.yaml" \
  >"$TMP/b/briefs/broken.yaml"
(cd "$TMP/b" && "$BIN" render -j 2 briefs/osaka-2019-pre-summit.yaml briefs/broken.yaml \
  briefs/anniversary-30-retrospective.yaml >"$TMP/out" 2>"$TMP/err")
expect_eq "exit status with one bad brief" "$?" 1
expect_contains "the bad brief's diagnostic" "$(cat "$TMP/err")" \
  "unknown theme 'nine-bridge' (did you mean 'nine-bridges'?)"
for good in osaka-2019-pre-summit anniversary-30-retrospective; do
  qpdf --check "$TMP/b/output/$good.pdf" >/dev/null 2>&1 && ok || fail "$good.pdf incomplete"
done
[ ! -e "$TMP/b/output/nine-bridges-handout.pdf" ] && ok || fail "the bad brief left a PDF"
leftovers=$(ls "$TMP/b/output" | grep -v '\.pdf$' || true)
expect_eq "no temporary file left" "$leftovers" ""
finish
