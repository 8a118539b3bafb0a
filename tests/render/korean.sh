# Korean authoring (docs/formats.md#korean-text): a bilingual corpus gives
# English bodies in an English brief and Korean ones in a Korean brief, with
# the Korean place and participants; an event without a Korean text falls
# back to English with a warning; emphasis next to Hangul is bold without
# asterisks; the Korean retrospective sample reads as a Korean document.
. "$(dirname "$0")/lib.bash"
c=$TMP/corpus
mkdir -p "$c/events"
cp briefs/themes.yaml "$c/"
cat > "$c/events/talks.md" <<'MD'
---
id: talks
date: 2019-06-20
title: Services talks open
title_ko: 서비스 협상 개시
kind: meeting
place: Seoul
participants: [Yoo Myung-hee, Maxim Oreshkin]
themes: [trade]
sources:
  - title: Press release
    publisher: Ministry of Trade
    date: 2019-06-20
---
The English lead of the talks event says what happened in Seoul.

## trade
The English passage on trade names the sectors.
MD
cat > "$c/events/talks.ko.md" <<'MD'
---
place_ko: 서울
participants_ko: [유명희, 막심 오레시킨]
---
양국은 서울에서 **"서비스·투자 FTA"**를 위한 협상을 시작했다.

## trade
통상 분야에서는 **마크다운(Markdown)**을 예로 든 *'우선 분야'*를 정했다.
MD
cat > "$c/events/visit.md" <<'MD'
---
id: visit
date: 2019-07-02
title: A visit without a Korean text
kind: visit
themes: [trade]
sources:
  - title: Note
    publisher: Ministry
    date: 2019-07-02
---
The visit's English lead stays English in every brief.
MD
for lang in en ko; do
  cat > "$c/brief-$lang.yaml" <<YAML
title: Bilingual test
title_ko: 이중 언어 시험
date: 2019-07-10
language: $lang
layout: pack
select:
  themes: [trade]
chronology:
  columns: [date, title, place, participants]
YAML
done
render "$TMP/en.pdf" "$c/brief-en.yaml"; expect_eq "English brief renders" "$rc" 0
en=$(pdftotext "$TMP/en.pdf" - | tr '\n' ' ')
expect_contains "en: English lead" "$en" "The English lead of the talks event"
expect_contains "en: English passage" "$en" "The English passage on trade"
case "$en" in *양국은*) fail "en: no Korean lead" ;; *) ok ;; esac
case "$err" in *"no Korean text"*) fail "en: no fallback warning" ;; *) ok ;; esac
"$BIN" render -v -o "$TMP/ko.pdf" "$c/brief-ko.yaml" 2>"$TMP/ko.err"; expect_eq "Korean brief renders" "$?" 0
ko=$(pdftotext "$TMP/ko.pdf" - | tr '\n' ' ')
expect_contains "ko: Korean lead" "$ko" "양국은 서울에서"
expect_contains "ko: Korean passage" "$ko" "통상 분야에서는"
expect_contains "ko: place_ko in the chronology" "$ko" "서울"
expect_contains "ko: participants_ko" "$ko" "막심 오레시킨"
case "$ko" in *"The English lead of the talks"*|*"Maxim Oreshkin"*) fail "ko: no English text of an event with a Korean text" ;; *) ok ;; esac
expect_contains "ko: the fallback is English" "$ko" "English lead stays English"
expect_contains "ko: a warning names the fallback" "$(cat "$TMP/ko.err")" "'visit' has no Korean text (visit.ko.md); its English text is used"
"$BIN" render -q -o "$TMP/ko-q.pdf" "$c/brief-ko.yaml" 2>"$TMP/ko-q.err"
expect_eq "render -q silences the fallback warning" "$(cat "$TMP/ko-q.err")" ""
# emphasis next to Hangul: bold, no asterisks in the text layer
case "$ko" in *'*'*) fail "ko: literal asterisks in the text" ;; *) ok ;; esac
expect_contains "ko: bold face drawn" "$(pdffonts "$TMP/ko.pdf")" "Bold"
# list: which events have a Korean text
out=$("$BIN" list --corpus "$c/events" --themes "$c/themes.yaml" --format json)
printf '%s' "$out" | python3 -c 'import json,sys; d={e["id"]: e for e in json.load(sys.stdin)}; assert d["talks"]["korean"] and d["talks"]["korean_file"].endswith("talks.ko.md") and not d["visit"]["korean"], d'
expect_eq "list json: korean" "$?" 0

# the sample retrospective is a Korean document
render_ok briefs/anniversary-30-retrospective.yaml retro
txt=$(pdftotext "$pdf" - | tr '\n' ' ' | tr -s ' ')
for ko_file in briefs/events/*.ko.md; do
  en_file=${ko_file%.ko.md}.md
  id=$(basename "$en_file" .md)
  grep -q "^  events:.*$id\|^  themes:" briefs/anniversary-30-retrospective.yaml || continue
  # the first words of the English lead never print
  lead=$(awk 'f==2 && NF {print; exit} /^---$/ {f++}' "$en_file" | cut -c1-40)
  case "$txt" in *"$lead"*) fail "retrospective prints the English lead of $id" ;; *) ok ;; esac
done
case "$txt" in *'*'*) fail "retrospective: literal asterisks" ;; *) ok ;; esac
finish
