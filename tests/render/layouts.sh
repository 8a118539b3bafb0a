# The three layouts of SPEC 5, page by page:
#   pack:          a cover with classification, titles, subtitle, date,
#                  author, the themes covered and the number of events;
#                  a contents page; the annex has every event's passages.
#   retrospective: cover, summary, the chronology grouped by year with a
#                  years_ago column counted to the anniversary, theme
#                  sections with leads only, sources: no contents, no annex.
#   handout:       no cover, no contents: a title block and the summary on
#                  page 1; per theme 'date — title: lead' bullets; a compact
#                  chronology; two A4 pages for the sample.
. "$(dirname "$0")/lib.bash"

# page N of $TMP/pages.txt, squashed
page_text() { awk -v RS='\n\f\n' -v p="$1" 'NR == p' "$TMP/pages.txt" | squash | straight_quotes; }
# has_line TEXT : a line of $TMP/pages.txt is TEXT (white space trimmed)
has_line() { awk -v t="$1" '{ l = $0; gsub(/^ +| +$/, "", l) } l == t {f = 1} END {exit !f}' "$TMP/pages.txt"; }

# openings KIND BRIEF : the opening words (6 or more) of the leads or
# passages of the picked events
openings() {
  local kind=$1 brief=$2 files
  mapfile -t files < <(picked "$brief" | cut -f4 | sed "s|^|$(dirname "$brief")/|")
  if [ "${3:-}" = sections ]; then
    # only the events on one of the brief's theme sections appear in them
    mapfile -t files < <(on_sections "$brief" "${files[@]}")
  fi
  pdfcheck body "${files[@]}" | awk -F'\t' -v k="$kind" '$1 == k && split($2, w, " ") >= 6 {print $2}'
}

# on_sections BRIEF FILE... : the event files on one of BRIEF's sections
on_sections() {
  local brief=$1
  shift
  brief_value "$brief" sections >"$TMP/sections"
  "$BIN" list -C "$(dirname "$brief")" --format json | python3 -c '
import json, sys
sections = set(open(sys.argv[1]).read().split())
wanted = {e["file"].split("/")[-1] for e in json.load(sys.stdin) if sections & set(e["themes"])}
for f in sys.argv[2:]:
    if f.split("/")[-1] in wanted:
        print(f)' "$TMP/sections" "$@"
}

# ---- pack
brief=briefs/osaka-2019-pre-summit.yaml
render_ok "$brief"
pdfcheck pages "$pdf" >"$TMP/pages.txt"
cover=$(page_text 1)
page_text 1 >"$TMP/cover.txt"
for k in classification title title_ko subtitle author; do
  expect_eq "pack cover: $k" "$(brief_value "$brief" "$k" | pdfcheck contains "$TMP/cover.txt")" ""
done
expect_contains "pack cover: date" "$cover" "$(pdfcheck date en "$(brief_value "$brief" date)")"
while read -r label; do
  expect_contains "pack cover: theme covered" "$cover" "$label"
done < <(pdfcheck labels "$brief")
expect_contains "pack cover: number of events" "$cover" "$(picked "$brief" | wc -l) events"
expect_contains "pack: contents on page 2" "$(page_text 2)" "Contents"
pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
openings passage "$brief" >"$TMP/passages"
expect_eq "pack: every passage is in the annex" "$(pdfcheck contains "$TMP/plain.txt" <"$TMP/passages")" ""

# ---- retrospective
if layout_built retrospective; then
brief=briefs/anniversary-30-retrospective.yaml
render_ok "$brief"
pdfcheck pages "$pdf" >"$TMP/pages.txt"
pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
has_line 목차 && fail "retrospective: has a contents page (목차)" || ok
has_line 부록 && fail "retrospective: has an annex (부록)" || ok
has_line 출처 && ok || fail "retrospective: no sources (출처)"
openings lead "$brief" sections >"$TMP/leads"
[ -s "$TMP/leads" ] && ok || fail "retrospective: no leads to look for"
expect_eq "retrospective: every lead is shown" "$(pdfcheck contains "$TMP/plain.txt" <"$TMP/leads")" ""
openings passage "$brief" >"$TMP/passages"
shown=$(pdfcheck contains "$TMP/plain.txt" <"$TMP/passages" | wc -l)
expect_eq "retrospective: passages shown (leads only)" "$(($(wc -l <"$TMP/passages") - shown))" 0
# the chronology, grouped by year: a heading line per year of its events
mapfile -t labels < <(pdfcheck labels "$brief")
pdfcheck section "$pdf" "주요 일지" 부록 출처 "${labels[@]}" >"$TMP/chron.txt"
read -r first last <"$TMP/chron.txt"
awk -v RS='\n\f\n' -v a="$first" -v b="$last" 'NR >= a && NR <= b' "$TMP/pages.txt" >"$TMP/chron-layout.txt"
for year in $(picked "$brief" | cut -f2 | cut -c1-4 | sort -u); do
  grep -E -q "^ *${year}(년)? *$" "$TMP/chron-layout.txt" && ok ||
    fail "retrospective: no year heading '$year' in the chronology"
done
# years_ago: the last number of each row. SPEC: counted to the anniversary
# (relations established 1990-09-30, the brief dated on the 30th
# anniversary): a count of years is never negative, changes in one
# direction down the date-ordered table, and spans 30 from 1990 to 2020.
grep -E '^ *[0-9]{4}\.' "$TMP/chron-layout.txt" | grep -E ' {2,}-?[0-9]+ *$' |
  awk '{print $NF}' >"$TMP/years-ago"
expect_eq "retrospective: years_ago rows" "$(wc -l <"$TMP/years-ago")" "$(picked "$brief" | wc -l)"
expect_eq "retrospective: negative years_ago values" "$(grep -c '^-' "$TMP/years-ago")" 0
if sort -n -c "$TMP/years-ago" 2>/dev/null || sort -n -r -c "$TMP/years-ago" 2>/dev/null; then ok; else
  fail "retrospective: years_ago not monotonic: $(tr '\n' ' ' <"$TMP/years-ago")"
fi
span=$(($(head -n 1 "$TMP/years-ago") - $(tail -n 1 "$TMP/years-ago")))
expect_eq "retrospective: years_ago from the 1990 row to the 2020 rows" "${span#-}" 30
# exact values: 1990-09-30 is 30 years before the anniversary day in 2020,
# the partial date 2008-09 counts from its first day (12), 2017-05 gives 3
row_years() { grep -E "^ *$1" "$TMP/chron-layout.txt" | head -n 1 | awk '{print $NF}'; }
expect_eq "retrospective: years_ago of 1990. 9. 30." "$(row_years '1990\. 9\. 30\.')" 30
expect_eq "retrospective: years_ago of the partial 2008. 9." "$(row_years '2008\. 9\. ')" 12
expect_eq "retrospective: years_ago of 2017. 5." "$(row_years '2017\. 5\. ')" 3
# milestones: a bar in the margin (a 2.5 pt wide filled box left of the
# frame) for each milestone row, and none for the others
qpdf --qdf --object-streams=disable "$pdf" "$TMP/qdf.pdf" 2>/dev/null
bars=$(grep -a -c -E '^[0-9.]+ [0-9.]+ 2\.5 [0-9.]+ re$' "$TMP/qdf.pdf")
milestones=$("$BIN" list -C briefs --format json | python3 -c '
import json, sys
ids = set(sys.argv[1:])
print(sum(1 for e in json.load(sys.stdin) if e["milestone"] and e["id"] in ids))' \
  $(picked "$brief" | cut -f1))
expect_eq "retrospective: a margin mark per milestone" "$bars" "$milestones"
[ "$milestones" -ge 1 ] && ok || fail "retrospective: the sample has no milestone to mark"

fi

# ---- handout
if layout_built handout; then
brief=briefs/nine-bridges-handout.yaml
render_ok "$brief"
pdfcheck pages "$pdf" >"$TMP/pages.txt"
pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
pages=$(page_count "$pdf")
[ "${pages:-99}" -le 2 ] && ok || fail "handout: $pages pages, want at most 2"
first_page=$(page_text 1)
page_text 1 >"$TMP/first.txt"
expect_eq "handout: title block on page 1" "$(brief_value "$brief" title | pdfcheck contains "$TMP/first.txt")" ""
expect_contains "handout: summary on page 1" "$first_page" "Summary"
has_line Contents && fail "handout: has a contents page" || ok
has_line Annex && fail "handout: has an annex" || ok
# per theme, 'date — title: lead' bullets
picked "$brief" | cut -f3 | sed 's/^/— /; s/$/:/' >"$TMP/bullets"
expect_eq "handout: 'date — title:' bullets" "$(pdfcheck contains "$TMP/plain.txt" <"$TMP/bullets")" ""
fi

finish
