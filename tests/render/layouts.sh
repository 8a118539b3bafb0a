# The three layouts (docs/formats.md#layouts), page by page:
#   pack:          a cover with classification, titles, subtitle, date,
#                  author, the themes covered and the number of events;
#                  a contents page; the annex has every event's lead and
#                  the pages of its passages.
#   retrospective: cover, summary, the chronology grouped by year with a
#                  years_ago column counted to the anniversary, theme
#                  sections with leads only, sources: no contents, no annex.
#   handout:       no cover, no contents: a title block and the summary on
#                  page 1; per theme 'date — title: lead' bullets; a compact
#                  chronology; two A4 pages for the sample.
# Each layout is checked for what it alone has (and the others lack), so a
# layout that comes out as another one, a pack in its place above all,
# fails here rather than passing as a pack; and a retrospective and a
# handout differ from the same brief rendered with 'layout: pack'.
. "$(dirname "$0")/lib.bash"

# each sample names the layout it is the test of (as the brief says it,
# not as lib.bash or the renderer reads it)
declare -A SAMPLE=([pack]=briefs/osaka-2019-pre-summit.yaml
  [retrospective]=briefs/anniversary-30-retrospective.yaml
  [handout]=briefs/nine-bridges-handout.yaml)
for layout in pack retrospective handout; do
  expect_eq "${SAMPLE[$layout]}: layout" "$(brief_value "${SAMPLE[$layout]}" layout)" "$layout"
done

# as_pack BRIEF NAME : BRIEF with 'layout: pack' rendered to $TMP/NAME.pdf,
# its plain text in $TMP/NAME.txt ($pdf is left as it was)
as_pack() {
  local keep=$pdf
  brief_with "$1" "$TMP/$2.yaml" layout=pack
  render_ok "$TMP/$2.yaml" "$2"
  pdftotext "$TMP/$2.pdf" "$TMP/$2.txt" 2>/dev/null
  pdf=$keep
}
# differs NAME PDF TEXT : the layout's PDF and text are not those of the
# same brief as a pack ($TMP/NAME-pack.pdf and .txt)
differs() {
  cmp -s "$2" "$TMP/$1-pack.pdf" && fail "$1: the PDF is byte for byte the pack's" || ok
  cmp -s "$3" "$TMP/$1-pack.txt" && fail "$1: the text is the pack's" || ok
}
# line_in FILE TEXT : a line of FILE is TEXT (white space trimmed)
line_in() { awk -v t="$2" '{ l = $0; gsub(/^ +| +$/, "", l) } l == t {f = 1} END {exit !f}' "$1"; }
# between FROM TO : the lines of $TMP/pages.txt from the line FROM up to
# the line TO (white space trimmed; a contents entry has leaders and page)
between() {
  awk -v a="$1" -v b="$2" '{ l = $0; gsub(/^ +| +$/, "", l) } l == b {on = 0} l == a {on = 1} on' "$TMP/pages.txt"
}

# page N of $TMP/pages.txt, squashed
page_text() { awk -v RS='\n\f\n' -v p="$1" 'NR == p' "$TMP/pages.txt" | squash | straight_quotes; }
# has_line TEXT : a line of $TMP/pages.txt is TEXT (white space trimmed)
has_line() { line_in "$TMP/pages.txt" "$1"; }

# openings KIND BRIEF : the opening words (6 or more) of the leads or
# passages of the picked events
openings() {
  local kind=$1 brief=$2 files
  mapfile -t files < <(picked "$brief" | cut -f4 | sed "s|^|$(dirname "$brief")/|")
  if [ "${3:-}" = sections ]; then
    # only the events on one of the brief's theme sections appear in them
    mapfile -t files < <(on_sections "$brief" "${files[@]}")
  fi
  # a Korean brief prints an event's Korean text where it has one
  if [ "$(brief_value "$brief" language)" = ko ]; then
    for i in "${!files[@]}"; do
      [ -f "${files[$i]%.md}.ko.md" ] && files[$i]=${files[$i]%.md}.ko.md
    done
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
brief=${SAMPLE[pack]}
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
# a cover alone on page 1: the summary starts after it
case "$cover" in *Summary*) fail "pack: page 1 (the cover) has the summary" ;; *) ok ;; esac
expect_contains "pack: contents on page 2" "$(page_text 2)" "Contents"
has_line Annex && ok || fail "pack: no annex heading (Annex)"
openings passage "$brief" >"$TMP/passages"
[ -s "$TMP/passages" ] && ok || fail "pack: no passages to look for"
# every passage is shown: in its theme's section, else in the annex; the
# annex gives the pages of those in the sections (tests/render/once.sh:
# none twice, the pages right)
between Contents Sources >"$TMP/body.txt"
expect_eq "pack: every passage is shown" "$(pdfcheck contains "$TMP/body.txt" <"$TMP/passages")" ""
between Annex Sources >"$TMP/annex.txt"
grep -q -E '→ p\. [0-9]+' "$TMP/annex.txt" && ok || fail "pack: no page references in the annex"
# the chronology in one table: no year headings, no years ago column
between Chronology Annex >"$TMP/chron-layout.txt"
grep -q -E '^ *Date +Event +Kind' "$TMP/chron-layout.txt" && ok || fail "pack: no chronology table"
grep -q -E '^ *[0-9]{4} *$' "$TMP/chron-layout.txt" && fail "pack: year headings in the chronology" || ok
grep -q 'Years ago' "$TMP/chron-layout.txt" && fail "pack: a years ago column" || ok

# ---- retrospective
brief=${SAMPLE[retrospective]}
render_ok "$brief"
pdfcheck pages "$pdf" >"$TMP/pages.txt"
pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
has_line 목차 && fail "retrospective: has a contents page (목차)" || ok
has_line 부록 && fail "retrospective: has an annex (부록)" || ok
# a cover: the summary (요약) starts on page 2
case "$(page_text 1)" in *요약*) fail "retrospective: page 1 (the cover) has the summary" ;; *) ok ;; esac
line_in <(awk -v RS='\n\f\n' 'NR == 2' "$TMP/pages.txt") 요약 && ok ||
  fail "retrospective: the summary (요약) does not start on page 2"
# the same brief as a pack has what the retrospective lacks, and another PDF
as_pack "$brief" retrospective-pack
line_in "$TMP/retrospective-pack.txt" 목차 && ok || fail "retrospective as a pack: no contents (목차)"
line_in "$TMP/retrospective-pack.txt" 부록 && ok || fail "retrospective as a pack: no annex (부록)"
differs retrospective "$TMP/anniversary-30-retrospective.pdf" "$TMP/plain.txt"
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
years=$(picked "$brief" | cut -f2 | cut -c1-4 | sort -u)
[ "$(wc -w <<<"$years")" -ge 2 ] && ok || fail "retrospective: the sample spans one year: [$years]"
for year in $years; do
  grep -E -q "^ *${year}(년)? *$" "$TMP/chron-layout.txt" && ok ||
    fail "retrospective: no year heading '$year' in the chronology"
done
# years_ago: the last number of each row (docs/formats.md#chronology):
# counted to the anniversary (relations established 1990-09-30, the brief
# dated on the 30th anniversary): a count of years is never negative,
# changes in one direction down the date-ordered table, and spans 30 from
# 1990 to 2020.
grep -E '^ *[0-9]{4}\.' "$TMP/chron-layout.txt" | grep -E ' {2,}-?[0-9]+ *$' |
  awk '{print $NF}' >"$TMP/years-ago"
expect_eq "retrospective: years ago column heading" "$(grep -c '경과 연수' "$TMP/chron-layout.txt")" 1
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

# ---- handout
brief=${SAMPLE[handout]}
render_ok "$brief"
pdfcheck pages "$pdf" >"$TMP/pages.txt"
pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
pages=$(page_count "$pdf")
[ "${pages:-99}" -le 2 ] && ok || fail "handout: $pages pages, want at most 2"
first_page=$(page_text 1)
page_text 1 >"$TMP/first.txt"
expect_eq "handout: title block on page 1" "$(brief_value "$brief" title | pdfcheck contains "$TMP/first.txt")" ""
expect_contains "handout: summary on page 1" "$first_page" "Summary"
# no cover: the first theme section starts on page 1 as well
mapfile -t labels < <(pdfcheck labels "$brief")
expect_contains "handout: first theme section on page 1" "$first_page" "${labels[0]:-(no section)}"
has_line Contents && fail "handout: has a contents page" || ok
has_line Annex && fail "handout: has an annex" || ok
# per theme, 'date — title: lead' bullets
picked "$brief" | cut -f3 | sed 's/^/— /; s/$/:/' >"$TMP/bullets"
expect_eq "handout: 'date — title:' bullets" "$(pdfcheck contains "$TMP/plain.txt" <"$TMP/bullets")" ""
# the same brief as a pack has a contents page and an annex, and another PDF
as_pack "$brief" handout-pack
line_in "$TMP/handout-pack.txt" Contents && ok || fail "handout as a pack: no contents"
line_in "$TMP/handout-pack.txt" Annex && ok || fail "handout as a pack: no annex"
differs handout "$TMP/nine-bridges-handout.pdf" "$TMP/plain.txt"

finish
