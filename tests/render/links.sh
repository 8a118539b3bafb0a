# Links (docs/formats.md#layouts): in a pack each chronology title links inside the document
# to its event's annex entry (/Dest or a /GoTo action), each contents line
# to its section's page; every source URL is a /URI action. Every link
# annotation is one of these and points at a page of the document.
. "$(dirname "$0")/lib.bash"

# near PAGE Y FILE : FILE (page TAB y lines) has a target on PAGE within 36
# points of Y.
near() {
  awk -F'\t' -v p="$1" -v y="$2" '$1 == p && ($2 == "" || y == "" || (y - $2 <= 36 && $2 - y <= 36)) {f = 1} END {exit !f}' "$3"
}

gen_corpus 30 "$TMP/corpus"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
  render_ok "$brief"
  [ -s "$pdf" ] || continue
  layout=$(brief_value "$brief" layout)
  layout=${layout:-pack}
  lang=$(brief_value "$brief" language)
  total=$(page_count "$pdf")
  pdfcheck links "$pdf" >"$TMP/links"
  pdfcheck outline "$pdf" >"$TMP/outline"

  # every link is internal (to a page of the document) or a URI
  expect_eq "$brief: links of another kind" "$(awk -F'\t' '$2 != "dest" && $2 != "goto" && $2 != "uri"' "$TMP/links")" ""
  expect_eq "$brief: internal links to no page" \
    "$(awk -F'\t' -v n="$total" '($2 == "dest" || $2 == "goto") && ($3 < 1 || $3 > n)' "$TMP/links")" ""

  # every source URL of the picked events is a /URI action
  if [ "$layout" != handout ]; then
    picked "$brief" | cut -f4 | sed "s|^|$(dirname "$brief")/|" >"$TMP/files"
    mapfile -t files <"$TMP/files"
    pdfcheck sources "$brief" "${files[@]}" | cut -f1 | grep -v '^$' | sort -u >"$TMP/urls"
    [ -s "$TMP/urls" ] && ok || fail "$brief: the picked events have no source URL"
    awk -F'\t' '$2 == "uri" {print $3}' "$TMP/links" | sort -u >"$TMP/uris"
    expect_eq "$brief: source URLs without a /URI link" "$(comm -23 "$TMP/urls" "$TMP/uris")" ""
  fi

  [ "$layout" = pack ] || continue
  annex=Annex contents=Contents
  [ "$lang" = ko ] && annex=부록 contents=목차

  # the chronology's title links: one target per row, each its event's
  # annex entry (the annex bookmark of that event), on the annex's pages
  chron=$(brief_value "$brief" chronology.title)
  [ "$lang" = ko ] && chron=${chron:-주요 일지} || chron=${chron:-Chronology}
  pdfcheck section "$pdf" "$chron" "$annex" >"$TMP/chron.txt"
  read -r first last <"$TMP/chron.txt"
  awk -F'\t' -v a="$first" -v b="$last" '$1 >= a && $1 <= b && ($2 == "dest" || $2 == "goto") {print $3 "\t" $4}' \
    "$TMP/links" | sort -u >"$TMP/chron-targets"
  awk -F'\t' -v a="$annex" '$1 == 0 {in_annex = ($2 == a)} $1 == 1 && in_annex {print $3 "\t" $4}' \
    "$TMP/outline" >"$TMP/annex-entries"
  rows=$(picked "$brief" --chronology | wc -l)
  expect_eq "$brief: distinct chronology link targets" "$(wc -l <"$TMP/chron-targets")" "$rows"
  [ -s "$TMP/annex-entries" ] && ok || fail "$brief: no annex entries in the outline"
  while IFS=$'\t' read -r page y; do
    near "$page" "$y" "$TMP/chron-targets" && ok ||
      fail "$brief: no chronology link to the annex entry on page $page at y=$y"
  done <"$TMP/annex-entries"
  while IFS=$'\t' read -r page y; do
    near "$page" "$y" "$TMP/annex-entries" && ok ||
      fail "$brief: a chronology link leads to page $page y=$y, no annex entry there"
  done <"$TMP/chron-targets"

  # the contents page links each section to its page
  contents_page=$(awk -F'\t' -v c="$contents" '$1 == 0 && $2 == c {print $3}' "$TMP/outline")
  contents_page=${contents_page:-2}
  awk -F'\t' -v p="$contents_page" '$1 == p && ($2 == "dest" || $2 == "goto") {print $3 "\t" $4}' \
    "$TMP/links" | sort -u >"$TMP/contents-targets"
  while IFS=$'\t' read -r depth title page y; do
    [ "$depth" = 0 ] && [ "$title" != "$contents" ] || continue
    near "$page" "$y" "$TMP/contents-targets" && ok ||
      fail "$brief: no contents link to '$title' (page $page)"
  done <"$TMP/outline"
done
finish
