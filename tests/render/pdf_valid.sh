# Every rendered PDF is well-formed (qpdf --check) and its fonts are
# embedded TrueType subsets, with Nanum for Hangul and none of the 14
# standard fonts (README, "Typesetting"). Over the three samples, and the synthetic corpus
# in English and Korean.
. "$(dirname "$0")/lib.bash"

gen_corpus 20 "$TMP/corpus"
briefs=("${SAMPLES[@]}" "$TMP/corpus/brief.yaml" "$TMP/corpus/brief-ko.yaml")
for brief in "${briefs[@]}"; do
  render_ok "$brief"
  [ -s "$pdf" ] || continue

  # 1. qpdf --check: exit 0, no warning, no error
  out=$(qpdf --check "$pdf" 2>&1); status=$?
  expect_eq "$brief: qpdf --check exit" "$status" 0
  bad=$(printf '%s\n' "$out" | grep -i 'warning\|error' |
    grep -v '^No syntax or stream encoding errors found\|^errors that qpdf cannot detect$')
  expect_eq "$brief: qpdf --check warnings" "$bad" ""
  expect_contains "$brief: qpdf --check" "$out" "No syntax or stream encoding errors found"

  # 2. pdffonts: embedded, subset, TrueType, not standard 14, Nanum present
  fonts=$(pdffonts "$pdf" 2>/dev/null | tail -n +3)
  [ -n "$fonts" ] && ok || fail "$brief: pdffonts lists no font"
  while read -r line; do
    [ -n "$line" ] || continue
    name=${line%% *}
    emb=$(awk '{print $(NF-4)}' <<<"$line")
    sub=$(awk '{print $(NF-3)}' <<<"$line")
    expect_eq "$brief: $name embedded" "$emb" yes
    expect_eq "$brief: $name subset" "$sub" yes
    expect_contains "$brief: $name type" "$line" "TrueType"
    base=${name#*+}
    case "$base" in
      Helvetica* | Times* | Courier* | Symbol* | ZapfDingbats* | Arial* | TimesNewRoman*)
        fail "$brief: standard font $name" ;;
      *) ok ;;
    esac
  done <<<"$fonts"
  grep -q 'Nanum' <<<"$fonts" && ok || fail "$brief: no Nanum font in [$fonts]"
  # pdffonts reads the font dictionaries: no Type1 or Type3 font either
  grep -q 'Type 1\|Type 3' <<<"$fonts" && fail "$brief: Type 1/3 font in [$fonts]" || ok

  # the embedded programs are TrueType (FontFile2) and really subset: a
  # whole Nanum face is 2-5 MB, and libharu's full embedding ~700 KB
  while IFS=$'\t' read -r name kind length; do
    expect_eq "$brief: $name font program" "$kind" FontFile2
    if [ "$length" -gt 0 ] && [ "$length" -lt 400000 ]; then ok; else
      fail "$brief: $name embeds $length bytes, not a subset"
    fi
  done < <(pdfcheck fontfiles "$pdf")
done
finish
