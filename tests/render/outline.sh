# The PDF outline (bookmarks, docs/formats.md#layouts) mirrors the contents: one top-level
# entry per section in the layout's order, the annex's events nested under
# the annex, each pointing at the page that carries its heading.
#   pack:          [Contents] Summary, Talking points, themes, Chronology,
#                  Annex (> every picked event), Sources
#   retrospective: Summary, Chronology, themes, Sources
#   handout:       Summary, Talking points, themes, Chronology
. "$(dirname "$0")/lib.bash"

# expected_top BRIEF : the expected top-level titles, one a line.
expected_top() {
  local brief=$1 lang layout chron s_summary s_points s_annex s_sources
  lang=$(brief_value "$brief" language)
  layout=$(brief_value "$brief" layout)
  chron=$(brief_value "$brief" chronology.title)
  if [ "$lang" = ko ]; then
    s_summary=요약 s_points=말씀자료 s_annex=부록 s_sources=출처
    chron=${chron:-주요 일지}
  else
    s_summary=Summary s_points="Talking points" s_annex=Annex s_sources=Sources
    chron=${chron:-Chronology}
  fi
  [ -n "$(brief_value "$brief" summary)" ] && echo "$s_summary"
  case "${layout:-pack}" in
    pack)
      [ -n "$(brief_value "$brief" talking_points)" ] && echo "$s_points"
      pdfcheck labels "$brief"
      printf '%s\n' "$chron" "$s_annex" "$s_sources"
      ;;
    retrospective)
      echo "$chron"
      pdfcheck labels "$brief"
      echo "$s_sources"
      ;;
    handout)
      [ -n "$(brief_value "$brief" talking_points)" ] && echo "$s_points"
      pdfcheck labels "$brief"
      echo "$chron"
      ;;
  esac
}

gen_corpus 20 "$TMP/corpus"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml" "$TMP/corpus/brief-ko.yaml"; do
  render_ok "$brief"
  [ -s "$pdf" ] || continue
  layout=$(brief_value "$brief" layout)
  lang=$(brief_value "$brief" language)
  pdfcheck outline "$pdf" >"$TMP/outline"
  [ -s "$TMP/outline" ] && ok || fail "$brief: no outline"
  qpdf --json=2 --json-key=outlines "$pdf" | grep -q '"title"' && ok ||
    fail "$brief: qpdf --json shows no outlines"

  # top level: the sections in order (a pack may list its Contents first)
  top=$(awk -F'\t' '$1 == 0 {print $2}' "$TMP/outline" | straight_quotes)
  if [ "${layout:-pack}" = pack ]; then
    top=$(grep -v -x 'Contents\|목차' <<<"$top")
  fi
  expect_eq "$brief: top-level bookmarks" "$top" "$(expected_top "$brief")"

  # nothing deeper than the annex's events
  expect_eq "$brief: outline depth" "$(awk -F'\t' '$1 > 1' "$TMP/outline")" ""

  # the annex's events, in order, nested under the annex (pack only)
  if [ "${layout:-pack}" = pack ]; then
    annex=Annex
    [ "$lang" = ko ] && annex=부록
    kids=$(awk -F'\t' -v a="$annex" '$1 == 0 {in_annex = ($2 == a)} $1 == 1 && in_annex {print $2}' "$TMP/outline" |
      straight_quotes)
    expect_eq "$brief: events under $annex" "$kids" "$(picked "$brief" | cut -f3 | straight_quotes)"
    expect_eq "$brief: children elsewhere than under $annex" \
      "$(awk -F'\t' -v a="$annex" '$1 == 0 {in_annex = ($2 == a)} $1 == 1 && !in_annex' "$TMP/outline")" ""
  fi

  # each bookmark leads to a page of the document that shows its title
  expect_eq "$brief: bookmarks to pages without their title" "$(pdfcheck outline-pages "$pdf")" ""
done
finish
