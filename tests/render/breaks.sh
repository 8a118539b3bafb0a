# Breaks inside lines, as a reader sees them (read back from the PDF with
# pdftotext -bbox-layout through lines.py):
# - URLs in text (linked or not) and in the sources break only where The Chicago Manual of
#   Style (6.17, 14.18) allows, never after a period or hyphen;
# - no participant's name is split between lines (chronology column, the
#   details line, running text), nor a Korean date (2019년 6월 29일, 2019. 6. 29.);
# - paragraphs end on a runt (one word under 15% of the measure) only
#   where no set within the body's stretch limit (letter-spaced if need
#   be, or closed up a little) avoids it: none in the samples in every
#   paper and language, one and 1.5% in a generated corpus;
# - no line of the samples in any paper and language is looser than the
#   body's limit (a stretch ratio of 2): a line that ends before a name or
#   a date kept whole is letter-spaced instead (tracking.sh);
# - no Korean word reads as two in pdftotext (the gaps between its
#   syllables in a loose line stay under the 0.1 em at which poppler
#   starts a word; the spaces take the rest): none in the samples in
#   every paper and language, nor in a generated corpus;
# - render -v counts only breaks between Hangul syllables as "broken inside
#   a Korean word"; the handout's talking points stay within the stretch
#   the body allows (a worst ratio of 2).
. "$(dirname "$0")/lib.bash"

lines() { python3 -S "$RENDER_TESTS/lines.py" "$@"; }
NAMES=("Kim Young-sam" "Шавкат Мирзиёев" "Moon Jae-in" "Kang Kyung-wha" "Vladimir Putin"
  "Sergey Lavrov" "Kim Jong-un" "Roh Tae-woo")

# a corpus of six events with long URLs, codes and names, set on A5
mkdir -p "$TMP/u/events"
cat >"$TMP/u/themes.yaml" <<'EOF'
themes:
  - id: trade
    label: Trade and investment
    label_ko: 교역과 투자
    description: Trade in goods and services.
EOF
for lang in en ko; do
  cat >"$TMP/u/brief-$lang.yaml" <<EOF
title: URL and name breaks
title_ko: 주소와 이름의 줄바꿈
date: 2019-06-27
language: $lang
layout: pack
paper: A5
select:
  themes: [trade]
chronology:
  columns: [date, title, participants]
EOF
done
urls=()
for i in 1 2 3 4 5 6; do
  mofa="https://www.mofa.go.kr/eng/brd/m_5674/view.do?seq=31972$i&srchFr=&srchTo=&srchWord=Russia&multi_itm_seq=0&company_nm=&page=$i"
  kremlin="https://en.kremlin.ru/events/president/news/6083$i/print-version_2019-06-29.html#section~summary%20text"
  inline="https://www.mofa.go.kr/eng/brd/m_5674/view.do?seq=31972$i&page=1&srchWord=Russia-Korea_relations~2019#top"
  plain="https://www.korea.net/Government/Briefing-Room/Press-Releases/view?articleId=17328$i&pageIndex=1&lang=en_US"
  urls+=("$mofa" "$kremlin" "$inline" "$plain")
  cat >"$TMP/u/events/event-$i.md" <<EOF
---
id: event-$i
date: 2019-0$i-1$i
title: Working group meeting number $i on trade and investment
title_ko: 제${i}차 통상 투자 실무그룹 회의
kind: meeting
place: Seoul
participants: [Kim Young-sam, Шавкат Мирзиёев, Moon Jae-in, Kang Kyung-wha, Vladimir Putin, Sergey Lavrov]
themes: [trade]
sources:
  - title: Joint press release on the working group meeting number $i
    publisher: Ministry of Foreign Affairs
    date: 2019-0$i-1$i
    url: $mofa
  - title: Statement of the press service
    publisher: Kremlin
    date: 2019-0$i-1$i
    url: $kremlin
---
The delegations met in Seoul, where the reference code KR-UZ/IGC/2019-0$i was agreed and
the talks recalled the meeting of Kim Jong-un and Moon Jae-in, then Kim Young-sam and
Roh Tae-woo before them. The record is at <$inline>
and the full text of the statement, filed as KRUZIGC20190${i}00123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOP,
is published on the website of the ministry for everyone who wants to read it (also,
without a link, at $plain as a press release).
양국은 2019년 ${i}월 2${i}일 회의와 2018. ${i}. 1${i}. 회의에서 Kim Jong-un 위원장과 Moon Jae-in
대통령이 합의한 2019년 ${i}월 후속 조치를 점검했다. 이어서 2020. ${i}. 3. 실무 협의와 2020년 ${i}월
3일 회의 일정을 확정했다.
EOF
done

# and one of Korean dates and names in running text, at many places in the line
python3 - "$TMP/u/events/event-7.md" <<'EOF'
import sys
words = "양국은 회담에서 경제 협력과 교역 확대를 논의하고 합의문에 서명했다 이어서 대표단은 후속 조치를".split()
body = []
for k in range(30):
    filler = " ".join(words[: k % len(words) + 1])
    y, m, d = 2000 + k % 20, k % 12 + 1, k % 28 + 1
    body.append(f"{filler} {y}년 {m}월 {d}일 {filler} {y}. {m}. {d}. 회의에서 Kim Jong-un 위원장과 "
                "Moon Jae-in 대통령이")
open(sys.argv[1], "w").write("""---
id: event-7
date: 2019-07-01
title: Korean dates
title_ko: 날짜 시험
kind: meeting
themes: [trade]
---
""" + "\n".join(body) + "\n")
EOF

for lang in en ko; do
  pdf=$TMP/u-$lang.pdf
  "$BIN" render -v -v -o "$pdf" "$TMP/u/brief-$lang.yaml" >/dev/null 2>"$TMP/u.err"
  if [ $? -eq 0 ] && [ -s "$pdf" ]; then ok; else fail "render brief-$lang: $(cat "$TMP/u.err")"; fi
  faults=$(lines urls "$pdf" "${urls[@]}")
  expect_eq "$lang: URL line ends (Chicago 6.17, 14.18)" "$faults" ""
  faults=$(lines names "$pdf" "${NAMES[@]}")
  expect_eq "$lang: names split between lines" "$faults" ""
  faults=$(lines dates "$pdf")
  expect_eq "$lang: Korean dates split between lines" "$faults" ""
  # the long Latin code is cut in the emergency pass, no Korean word is
  expect_contains "$lang: render -v" "$(cat "$TMP/u.err")" " 0 broken inside a Korean word"
done

# runts: the samples in every paper and language, and a generated corpus.
# A paragraph ends on a runt only when no set of its lines within the
# body's stretch limit (2; a line letter-spaced to come within it counts,
# as does a line closed up by up to 0.01 em a letter), without breaking a
# Korean word, avoids it: none in the samples (the Korean pack's
# '확인했다.' on A4 was one); the generated corpus, whose paragraphs are
# short and end on long Korean words, has 3 in 1,437 paragraph ends at
# N=400 (6 before lines could close up): one and 1.5% allowed.
runts() { # PDF : sets $ends and $count, the runts' lines in $TMP/runts
  lines runts "$1" >"$TMP/runts"
  ends=$(sed -n 's/^\([0-9]*\) paragraph ends$/\1/p' "$TMP/runts")
  count=$(grep -c "runt '" "$TMP/runts")
}
total=0
for brief in "${SAMPLES[@]}"; do
  for lang in en ko; do
    # (the three papers at once)
    name=$(basename "$brief" .yaml)-$lang
    for paper in A4 Letter A5; do
      "$BIN" render -v --set language=$lang --set paper=$paper -o "$TMP/$name-$paper.pdf" \
        "$brief" >/dev/null 2>"$TMP/s-$paper.err" &
    done
    wait
    for paper in A4 Letter A5; do
      pdf=$TMP/$name-$paper.pdf
      [ -s "$pdf" ] || fail "render $brief $lang $paper: $(cat "$TMP/s-$paper.err")"
      runts "$pdf"
      total=$((total + count))
      [ "$count" -eq 0 ] || sed "s|^|$(basename "$brief" .yaml) $lang $paper: |" "$TMP/runts" |
        grep "runt '" >>"$TMP/sample-runts"
      lines syllables "$pdf" briefs/events/*.md briefs/*.yaml >"$TMP/apart"
      grep -v ' pairs checked$' "$TMP/apart" |
        sed "s|^|$(basename "$brief" .yaml) $lang $paper: |" >>"$TMP/sample-apart"
      pairs=$(sed -n 's/^\([0-9]*\) pairs checked$/\1/p' "$TMP/apart")
      [ "$lang" = en ] || [ "${pairs:-0}" -gt 100 ] && ok ||
        fail "$brief $lang $paper: only [${pairs}] Korean word gaps checked"
      # no line looser than the body's limit, not even the first line of
      # an entry that ends before a name or a date kept whole (Kim Jong-un
      # in the English annex on A4, 2019년 6월 29일 in the Korean handout on
      # A5): letter-spaced, its spaces stay at the limit
      worst=$(sed -n 's/.*worst stretch ratio \([0-9.]*\).*/\1/p' "$TMP/s-$paper.err")
      if [ -n "$worst" ] && awk -v w="$worst" 'BEGIN { exit !(w <= 2.0) }'; then ok; else
        fail "$brief $lang $paper: worst stretch ratio [$worst] over 2"
      fi
    done
  done
  render_ok "$brief"
  faults=$(lines dates "$pdf")
  expect_eq "$brief: Korean dates split between lines" "$faults" ""
done
[ "$total" -eq 0 ] && ok || fail "$total runts in the samples: $(cat "$TMP/sample-runts")"
expect_eq "Korean words read apart in the samples" "$(head -n 5 "$TMP/sample-apart")" ""
gen_corpus 30 "$TMP/corpus"
for brief in "$TMP/corpus/brief.yaml" "$TMP/corpus/brief-ko.yaml"; do
  render_ok "$brief"
  [ -s "$pdf" ] || continue
  runts "$pdf"
  if [ "${ends:-0}" -gt 0 ] && [ "$((count * 200))" -le "$((200 + ends * 3))" ]; then ok; else
    fail "$brief: $count runts in ${ends:-0} paragraph ends: $(cat "$TMP/runts")"
  fi
  faults=$(lines dates "$pdf")
  expect_eq "$brief: Korean dates split between lines" "$faults" ""
  for paper in A4 A5; do
    g=$TMP/g-$(basename "$brief" .yaml)-$paper.pdf
    "$BIN" render --set paper=$paper -o "$g" "$brief" >/dev/null 2>&1
    expect_eq "$brief $paper: render" "$?" 0
    out=$(lines syllables "$g" "$TMP/corpus/events/"*.md "$TMP/corpus/"*.yaml)
    expect_eq "$brief $paper: Korean words read apart" "$(grep -v ' pairs checked$' <<<"$out" | head -n 5)" ""
    [[ $out =~ ([0-9]+)\ pairs\ checked && ${BASH_REMATCH[1]} -gt 100 ]] && ok ||
      fail "$brief $paper: too few Korean word gaps checked: ${out##*$'\n'}"
  done
done

# the handout's talking points: no line looser than the body allows
"$BIN" render -v -v -o "$TMP/handout.pdf" briefs/nine-bridges-handout.yaml >/dev/null 2>"$TMP/h.err"
worst=$(sed -n 's/.*worst stretch ratio \([0-9.]*\).*/\1/p' "$TMP/h.err")
if [ -n "$worst" ] && awk -v w="$worst" 'BEGIN { exit !(w <= 2.0) }'; then ok; else
  fail "handout: worst stretch ratio [$worst] over 2"
fi

finish
