# Tables and small things (issue 11, items 13, 14 and 16), read from the
# words' positions (pdftotext -bbox):
# - a chronology whose Place column holds "Seoul, Republic of Korea" in
#   every row and whose Event column holds short titles and one long one:
#   no place wraps (the table is shortest with the long title wrapped);
# - Korean ranges take one mark, a tilde with no spaces (the cover's range
#   too), English ranges an en dash; the Korean footer is "N / M";
# - source numbers of three digits, and talking points from 10, stand
#   inside the frame, none in the left margin;
# - the classification marking stands in the same place on the cover as on
#   the other pages;
# - a byline breaks at a middle dot rather than inside the author's name;
# - a word wider than its column (a title and a theme on A5 with all seven
#   columns) breaks at a hyphenation point, with a hyphen.
. "$(dirname "$0")/lib.bash"

# words PDF PAGE : xMin TAB yMin TAB word, one a line
words() {
  pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null |
    sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="[0-9.]*" yMax="[0-9.]*">\(.*\)<\/word>/\1\t\2\t\3/p'
}

# 1. column widths: the places stay whole while the titles have room to give
mkdir -p "$TMP/widths/events"
cp tests/fixtures/base/themes.yaml "$TMP/widths/"
long="Bilateral consultation on the implementation of the joint action plan for economic cooperation in shipbuilding, railways and energy"
for i in 1 2 3 4 5 6 7 8; do
  title="Talks $i"
  [ "$i" = 4 ] && title=$long
  cat >"$TMP/widths/events/e$i.md" <<EOF
---
id: e$i
date: 2019-06-1$i
title: $title
kind: meeting
place: Seoul, Republic of Korea
participants: [Moon Jae-in]
themes: [trade]
---
Text $i.
EOF
done
cat >"$TMP/widths/brief.yaml" <<'EOF'
title: Widths
date: 2019-06-27
layout: handout
select:
  themes: [trade]
chronology:
  columns: [date, title, kind, place]
talking_points:
EOF
for i in $(seq 12); do echo "  - Point number $i of the list." >>"$TMP/widths/brief.yaml"; done
render_ok "$TMP/widths/brief.yaml"
if [ -s "$pdf" ]; then
  for p in $(seq 1 "$(page_count "$pdf")"); do words "$pdf" "$p"; done >"$TMP/widths.txt"
  seoul=$(grep -c $'\tSeoul,$' "$TMP/widths.txt")
  [ "$seoul" -ge 8 ] && ok || fail "column widths: $seoul places in the chronology, want 8"
  # each "Seoul," has its "Korea" on the same line
  wrapped=$(awk -F'\t' '$3 == "Seoul," { s[NR] = $2 } $3 == "Korea" { k[$2] = 1 }
    END { n = 0; for (i in s) if (!(s[i] in k)) n++; print n }' "$TMP/widths.txt")
  expect_eq "column widths: no 'Seoul, Republic of Korea' wraps" "$wrapped" 0
  # talking points 10. to 12. inside the frame, as the sources below
  out=$(awk -F'\t' '$3 ~ /^1[0-2]\.$/ && $1 < 67.9 { print $3 " at " $1 }' "$TMP/widths.txt")
  expect_eq "talking points: no number in the left margin" "$out" ""
  expect_eq "talking points 10 to 12" "$(grep -cE $'\t1[0-2]\\.$' "$TMP/widths.txt")" 3
fi

# 2. one mark for Korean ranges, the Korean footer without 쪽
gen_corpus 24 "$TMP/c24"
render_ok "$TMP/c24/brief-ko.yaml" c24-ko
if [ -s "$pdf" ]; then
  pdftotext "$pdf" "$TMP/ko.txt"
  range=$(grep -c '^사건 [0-9]*건, [0-9. ]*~[0-9. ]*$' "$TMP/ko.txt")
  expect_eq "Korean cover range: FIRST~LAST, no spaces round the tilde" "$range" 1
  dashed=$(grep -c '[0-9]\. *[–—-] *[0-9]' "$TMP/ko.txt")
  expect_eq "Korean dates: no range with a dash" "$dashed" 0
  spans=$(grep -c '[0-9]\.~[0-9]' "$TMP/ko.txt")
  [ "$spans" -ge 2 ] && ok || fail "Korean spans with a tilde: $spans, want the cover's and an event's"
  total=$(page_count "$pdf")
  pdfcheck page-ends "$pdf" >"$TMP/ends"
  last=$(awk -F'\t' -v p="$total" '$1 == p {print $3}' "$TMP/ends")
  case "${last// /}" in
    *"$total/$total") ok ;;
    *) fail "Korean footer [$last] does not end with [$total / $total]" ;;
  esac
  expect_eq "Korean footer: no 쪽" "$(grep -c '[0-9] \?/ \?[0-9]*쪽' "$TMP/ko.txt")" 0
fi
render_ok "$TMP/c24/brief.yaml" c24-en
if [ -s "$pdf" ]; then
  pdftotext "$pdf" "$TMP/en.txt"
  grep -q '^24 events, .* – ' "$TMP/en.txt" && ok || fail "English cover range: an en dash"
  expect_eq "English dates: no tilde" "$(grep -c '~' "$TMP/en.txt")" 0
fi

# 3. source numbers from 100 inside the frame (the left margin: 68 pt on A4)
gen_corpus 70 "$TMP/c70"
render_ok "$TMP/c70/brief.yaml" c70
if [ -s "$pdf" ]; then
  pdfcheck section "$pdf" Sources >"$TMP/section.txt"
  read -r first _ <"$TMP/section.txt"
  total=$(page_count "$pdf")
  for p in $(seq "${first:-1}" "$total"); do words "$pdf" "$p"; done >"$TMP/sources.txt"
  n=$(grep -cE $'\t1[0-9][0-9]\\.$' "$TMP/sources.txt")
  [ "$n" -ge 1 ] && ok || fail "sources: no number from 100 (corpus too small?)"
  out=$(awk -F'\t' '$3 ~ /^[0-9]+\.$/ && $1 < 67.9 { print $3 " at " $1 }' "$TMP/sources.txt")
  expect_eq "sources: no number in the left margin" "$out" ""
fi

# 4. a byline broken at its natural point: on an A5 handout the line
# "subtitle · date · author" breaks at a middle dot, the author whole
brief_with briefs/nine-bridges-handout.yaml "$TMP/a5.yaml" paper=A5
render_ok "$TMP/a5.yaml" a5
if [ -s "$pdf" ]; then
  author=$(brief_value briefs/nine-bridges-handout.yaml author)
  whole=$(pdftotext -l 1 "$pdf" - | grep -cxF "$author")
  expect_eq "A5 handout: the byline breaks at a middle dot, '$author' on a line of its own" "$whole" 1
fi

# 5. the marking in the same place on the cover as on the other pages
brief=briefs/osaka-2019-pre-summit.yaml
render_ok "$brief"
if [ -s "$pdf" ]; then
  mark=$(brief_value "$brief" classification)
  word=${mark%% *}
  at() { words "$pdf" "$1" | awk -F'\t' -v w="$word" '$3 == w { print $1, $2; exit }'; }
  cover=$(at 1)
  [ -n "$cover" ] && ok || fail "no marking on the cover"
  expect_eq "marking on the cover where it is on page 2" "$cover" "$(at 2)"
  expect_eq "marking on the cover where it is on page 3" "$cover" "$(at 3)"
fi
# 5. words wider than their column break with a hyphen
mkdir -p "$TMP/wide"
cp -r tests/fixtures/base/. "$TMP/wide/"
sed -i 's/^title: Alpha summit/title: Alpha summit on intergovernmentalization and counterrevolutionaries, a Reunification-related forum/' \
  "$TMP/wide/events/alpha.md"
printf 'paper: A5\nlayout: handout\nchronology:\n  title: Chronology\n  columns: [date, title, kind, place, participants, themes, years_ago]\n' \
  >>"$TMP/wide/brief.yaml"
render "$TMP/wide.pdf" "$TMP/wide/brief.yaml"
expect_eq "wide words: render" "$rc" 0
# each piece of a long word at a line's end ends in a hyphen; the pieces
# join into the word
out=$(pdftotext -layout "$TMP/wide.pdf" - | python3 -S -c '
import re, sys
text = sys.stdin.read()
faults = []
for word in ("Denuclearization", "intergovernmentalization", "counterrevolutionaries",
             "Reunification"):
    pieces = [t for t in re.findall(r"[A-Za-z]+-?", text) if t.rstrip("-") != word and
              len(t.rstrip("-")) >= 4 and word.lower().startswith(t.rstrip("-").lower())]
    if not pieces:
        faults.append("%s: not broken" % word)
    faults += ["%s: %r without a hyphen" % (word, t) for t in pieces if not t.endswith("-")]
print("; ".join(faults))')
expect_eq "wide words break with a hyphen" "$out" ""
finish
