# The chronology (SPEC 5): one row per event of its range, in date order
# (date, then time, then id; a partial date before the full dates of its
# period), and the header row on every page the table spans. The
# chronology is read from its heading to the next section heading.
. "$(dirname "$0")/lib.bash"

# check_chronology BRIEF PDF : rows in order, header row on every page;
# sets $first and $last to the pages the chronology spans.
check_chronology() {
  local brief=$1 pdf=$2 heading lang ends=() header
  heading=$(brief_value "$brief" chronology.title)
  lang=$(brief_value "$brief" language)
  if [ "$lang" = ko ]; then
    heading=${heading:-주요 일지}
    ends=(부록 출처)
  else
    heading=${heading:-Chronology}
    ends=(Annex Sources)
  fi
  # a theme section after the chronology (retrospective) ends it too
  mapfile -t labels < <(pdfcheck labels "$brief")
  ends+=("${labels[@]}")
  pdfcheck section "$pdf" "$heading" "${ends[@]}" >"$TMP/chron.txt"
  read -r first last <"$TMP/chron.txt"
  if [ "$first" -gt 0 ]; then ok; else
    fail "$brief: no chronology heading '$heading'"
    return
  fi

  # 4. the rows in date order
  picked "$brief" --chronology | cut -f3 >"$TMP/chron-titles"
  problems=$(pdfcheck in-order "$TMP/chron.txt" <"$TMP/chron-titles")
  expect_eq "$brief: chronology rows in date order ($(wc -l <"$TMP/chron-titles") rows)" "$problems" ""

  # 5. the header row on every page of the table, first after the running
  # header. English headers come from the columns; Korean ones from page 1.
  pdfcheck pages "$pdf" >"$TMP/pages.txt"
  if [ "$lang" = ko ]; then
    header=$(awk -v RS='\n\f\n' -v p="$first" -v h="$heading" 'NR == p' "$TMP/pages.txt" |
      awk -v h="$heading" 'found && NF {print; exit} $0 ~ "^ *" h " *$" {found = 1}' | squash)
    header=${header# }
    header=${header% }
  else
    header=""
    while read -r col; do
      case "$col" in
        date) header+="Date " ;; title) header+="Event " ;; kind) header+="Kind " ;;
        place) header+="Place " ;; participants) header+="Participants " ;;
        themes) header+="Themes " ;; *) header+="$col " ;;
      esac
    done < <(brief_value "$brief" chronology.columns)
    header=${header% }
  fi
  [ -n "$header" ] && ok || fail "$brief: no chronology header found"
  for ((p = first; p <= last; p++)); do
    top=$(awk -v RS='\n\f\n' -v p="$p" 'NR == p' "$TMP/pages.txt" |
      awk -v h="$heading" 'NF && $0 !~ "^ *" h " *$" {n++; if (n >= 2) {print; exit}}' | squash)
    top=${top# }
    top=${top% }
    expect_eq "$brief: chronology header row on page $p" "$top" "$header"
  done
}

for brief in "${SAMPLES[@]}"; do
  render_ok "$brief"
  [ -s "$pdf" ] && check_chronology "$brief" "$pdf"
done

# a chronology of 60 events spans several pages
gen_corpus 60 "$TMP/corpus"
render_ok "$TMP/corpus/brief.yaml" corpus60
if [ -s "$pdf" ]; then
  check_chronology "$TMP/corpus/brief.yaml" "$pdf"
  [ "${last:-0}" -gt "${first:-0}" ] && ok ||
    fail "60-event chronology spans pages ${first:-?}-${last:-?}, want at least 2 pages"
fi
finish
