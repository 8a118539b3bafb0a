# The chronology (docs/formats.md#layouts): one row per event of its range, in date order
# (date, then time, then id; a partial date before the full dates of its
# period), and the header row on every page the table spans. The
# chronology runs from its heading to the next section heading; its Event
# column is read from the words' positions (pdftotext -bbox), so that cells
# wrapped over several lines, or set in bold, read as one title.
. "$(dirname "$0")/lib.bash"

# table_top PAGE : the first line of the table on PAGE of $TMP/pages.txt:
# the line after the heading on the first page, else the line after the
# running header; white space squashed.
table_top() {
  awk -v RS='\n\f\n' -v p="$1" 'NR == p' "$TMP/pages.txt" |
    awk -v h="$heading" -v on_first="$(($1 == first))" '
      { line = $0; gsub(/^ +| +$/, "", line) }
      on_first { if (found && NF) { print; exit } if (line == h) found = 1; next }
      NF { n++; if (n == 2) { print; exit } }' |
    tr -s ' ' ' ' | sed 's/^ //; s/ $//'
}

# check_chronology BRIEF PDF : rows in order, header row on every page;
# sets $first and $last to the pages the chronology spans.
check_chronology() {
  local brief=$1 pdf=$2 heading lang ends=() header columns=()
  heading=$(brief_value "$brief" chronology.title)
  lang=$(brief_value "$brief" language)
  mapfile -t columns < <(brief_value "$brief" chronology.columns)
  [ ${#columns[@]} -gt 0 ] || columns=(date title kind place)
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

  # 4. the rows: exactly the events of the range, in date order
  picked "$brief" --chronology | cut -f3 >"$TMP/chron-titles"
  rows=$(wc -l <"$TMP/chron-titles")
  pdfcheck column "$pdf" "$first" "$last" "$lang" "${columns[@]}" >"$TMP/column.txt"
  problems=$(pdfcheck in-order "$TMP/column.txt" <"$TMP/chron-titles")
  expect_eq "$brief: chronology titles in date order ($rows rows)" "$problems" ""
  problems=$(pdfcheck rows "$TMP/column.txt" <"$TMP/chron-titles")
  expect_eq "$brief: chronology rows are the picked events, nothing between" "$problems" ""

  # 5. the header row on every page of the table, as its first line
  pdfcheck pages "$pdf" >"$TMP/pages.txt"
  header=$(pdfcheck header "$lang" "${columns[@]}")
  for ((p = first; p <= last; p++)); do
    top=$(table_top "$p")
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
# a row taller than a page (a title of 900 words) is split between lines
# over pages, the header row repeated, no word lost or set below the frame
gen_corpus 6 "$TMP/tall"
tall=$(ls "$TMP/tall/events" | sed -n 2p)
long=$(for i in $(seq 900); do printf 'Word%d ' "$i"; done)
sed -i "s/^title: .*/title: ${long% }/" "$TMP/tall/events/$tall"
render_ok "$TMP/tall/brief.yaml" tall
if [ -s "$pdf" ]; then
  check_chronology "$TMP/tall/brief.yaml" "$pdf"
  [ "${last:-0}" -gt "${first:-0}" ] && ok ||
    fail "a chronology row of 900 words spans pages ${first:-?}-${last:-?}, want at least 2 pages"
  got=$(pdftotext -f "$first" -l "$last" "$pdf" - 2>/dev/null | grep -o 'Word[0-9]*' | sort -u | wc -l)
  expect_eq "the split row has every word of its title" "$got" 900
  # no word of the table lower than the top of the footer (the page number)
  low=$(pdftotext -bbox -f "$first" -l "$last" "$pdf" - 2>/dev/null | python3 -c '
import re, sys
bad = 0
for page in re.findall(r"<page .*?</page>", sys.stdin.read(), re.S):
    words = [(float(y), w) for y, w in re.findall(r"yMin=\"[\d.]+\" xMax=\"[\d.]+\" yMax=\"([\d.]+)\">([^<]*)<", page)]
    foot = min(y for y, w in words if w == "Page")  # the footer line: "Page N of M"
    bad += sum(1 for y, w in words if w.startswith("Word") and y > foot - 12)
print(bad)')
  expect_eq "no word of the split row in or below the footer" "$low" 0
fi
finish
