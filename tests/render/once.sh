# Each text once (docs/formats.md#layouts): in every layout, English and
# Korean, over the samples and a generated corpus, no event's lead and no
# passage is printed twice (an event under a theme that does not own its
# lead is a page reference), and every page reference ("→ p. 4", "→ 4쪽")
# names the page that shows its event. once.py reads the PDFs' text.
. "$(dirname "$0")/lib.bash"
once() { python3 -S "$RENDER_TESTS/once.py" "$@"; }

gen_corpus 30 "$TMP/corpus"
refs=0
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
  dir=$(dirname "$brief")
  name=$(basename "$(dirname "$brief")")-$(basename "$brief" .yaml)
  for layout in pack retrospective handout; do
    for lang in en ko; do
      variants=("")
      # annex: brief (the default), and none on the generated corpus
      [ "$layout" = pack ] && [ "$name" = corpus-brief ] && variants=("" none)
      for annex in "${variants[@]}"; do
        sets=(layout=$layout language=$lang)
        [ -n "$annex" ] && sets+=(annex=$annex)
        out="$name-$layout-$lang${annex:+-$annex}"
        brief_with "$brief" "$TMP/$out.yaml" "${sets[@]}"
        render_ok "$TMP/$out.yaml" "$out"
        [ -s "$pdf" ] || continue
        got=$(once "$pdf" "$dir/events" "$dir/themes.yaml" "$brief")
        expect_eq "$out: each text once, page references right" "$(sed '$d' <<<"$got")" ""
        read -r _ texts n <<<"$(tail -n 1 <<<"$got")"
        [ "${texts:-0}" -gt 0 ] && ok || fail "$out: no texts to look for"
        refs=$((refs + ${n:-0}))
      done
    done
  done
done
# the check of references proves something only if there are some
[ "$refs" -ge 20 ] && ok || fail "only $refs page references in all the PDFs"
finish
