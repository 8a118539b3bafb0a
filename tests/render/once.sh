# Each text once (docs/formats.md#layouts): in every layout, English and
# Korean, over the samples and a generated corpus, no event's lead and no
# passage is printed twice (an event under a theme that does not own its
# lead is a page reference), and every page reference ("→ p. 4", "→ 4쪽")
# names the page that shows its event. once.py reads the PDFs' text.
. "$(dirname "$0")/lib.bash"

gen_corpus 30 "$TMP/corpus"
mkdir -p "$TMP/once"
names=()
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
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
        brief_with "$brief" "$TMP/once/$out.yaml" "${sets[@]}"
        # the texts the document may print besides the events'
        printf '%s\n' "$(dirname "$brief")/events" "$(dirname "$brief")/themes.yaml" "$brief" \
          >"$TMP/once/$out.inputs"
        names+=("$out")
      done
    done
  done
done
# all at once, two at a time, into $TMP/once/output/NAME.pdf
(cd "$TMP/once" && "$BIN" render -q -j 2 "${names[@]/%/.yaml}" >/dev/null 2>"$TMP/once/render.err")
expect_eq "render: exit" "$?" 0
printf '%s\n' "${names[@]}" | xargs -P 2 -I{} sh -c \
  'xargs -a "$1/once/$2.inputs" -d "\n" python3 -S "$0" "$1/once/output/$2.pdf" >"$1/once/$2.out" 2>&1' \
  "$RENDER_TESTS/once.py" "$TMP" {}
refs=0
for out in "${names[@]}"; do
  got=$(cat "$TMP/once/$out.out")
  expect_eq "$out: each text once, page references right" "$(sed '$d' <<<"$got")" ""
  read -r word texts n <<<"$(tail -n 1 <<<"$got")"
  [ "$word" = checked ] && [ "${texts:-0}" -gt 0 ] && ok || fail "$out: no texts looked for"
  refs=$((refs + ${n:-0}))
done
# the check of references proves something only if there are some
[ "$refs" -ge 20 ] && ok || fail "only $refs page references in all the PDFs"
finish
