# The running header and footer (docs/formats.md#layouts): on every page but the cover, the
# last line is the footer with the brief's date and 'Page N of M' (Korean:
# 'N / M'), N the page's index and M the page count from pdfinfo; the
# first line is the running header with the classification. The cover (the
# first page of a pack or retrospective) has neither; a handout has no
# cover, so its first page has them too.
. "$(dirname "$0")/lib.bash"

gen_corpus 20 "$TMP/corpus"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml" "$TMP/corpus/brief-ko.yaml"; do
  render_ok "$brief"
  [ -s "$pdf" ] || continue
  lang=$(brief_value "$brief" language)
  layout=$(brief_value "$brief" layout)
  classification=$(brief_value "$brief" classification)
  date=$(pdfcheck date "${lang:-en}" "$(brief_value "$brief" date)")
  total=$(page_count "$pdf")
  [ "${total:-0}" -ge 2 ] && ok || fail "$brief: $total pages"
  cover=1
  [ "$layout" = handout ] && cover=0
  pdfcheck page-ends "$pdf" >"$TMP/ends"
  expect_eq "$brief: pages of text = pdfinfo Pages" "$(wc -l <"$TMP/ends")" "$total"
  while IFS=$'\t' read -r p head foot numbers; do
    if [ "$p" -le "$cover" ]; then
      expect_eq "$brief: no page footer on the cover" "$numbers" 0
      continue
    fi
    if [ "$lang" = ko ]; then want="$p / $total"; else want="Page $p of $total"; fi
    # pdftotext may drop the narrow spaces around the slash
    case "${foot// /}" in
      *"${want// /}") ok ;;
      *) fail "$brief: page $p footer [$foot] does not end with [$want]" ;;
    esac
    expect_contains "$brief: page $p footer date" "$foot" "$date"
    expect_eq "$brief: page $p has one page number" "$numbers" 1
    if [ -n "$classification" ]; then
      expect_contains "$brief: page $p running header" "$head" "$classification"
    fi
  done <"$TMP/ends"
done
finish
