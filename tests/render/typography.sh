# Typographic quality on the sample briefs (README, "Typesetting"): justified body text
# flush right on every line but a paragraph's last, no overfull line, no
# line that ends inside a Korean word, hyphenated English, and a text layer
# that gives back what was written (한·러, dashes, quotes, Cyrillic).
. "$(dirname "$0")/lib.bash"
typo() { python3 -S "$RENDER_TESTS/typography.py" "$@"; }

# flush right and never overfull: A4 frame 68..527.28
# (poppler makes a block of each line of Korean's 160% leading: there only
# the margin is checked)
for brief in briefs/osaka-2019-pre-summit.yaml briefs/anniversary-30-retrospective.yaml \
  briefs/osaka-2019-pre-summit-ko.yaml; do
  render_ok "$brief"
  pdftotext -bbox-layout "$pdf" "$TMP/bbox.html" 2>/dev/null
  height=15.3 # (a line's box: Gentium Plus's ascent and descent, 1.465 em, at the body size)
  [ "$(brief_value "$brief" language)" = ko ] && height=0
  out=$(typo flush "$TMP/bbox.html" 68 527.28 $height)
  expect_eq "$brief: body lines flush right, none overfull" "$out" ""
  pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
  out=$(typo korean "$TMP/plain.txt" briefs/events/*.md briefs/*.yaml)
  expect_eq "$brief: no line ends inside a Korean word" "$out" ""
done

# a measure too narrow for keep-all: Korean words break between syllables
# only as the last resort, and nothing overflows (A5, Korean body text)
mkdir -p "$TMP/narrow/events"
cp briefs/themes.yaml "$TMP/narrow/"
cp briefs/events/*.md "$TMP/narrow/events/"
cat >"$TMP/narrow/brief.yaml" <<'YAML'
title: Narrow
title_ko: 좁은 판형
date: 2020-09-30
language: ko
paper: A5
select: {themes: [trade]}
summary: |
  대한민국과러시아연방의정상은공동성명을통해양국관계를포괄적전략동반자관계로격상하기로합의했다 한·러 관계는
  1990년 수교 이후 정치, 경제, 사회, 문화 등 다양한 분야에서 크게 발전해 왔다.
YAML
render_ok "$TMP/narrow/brief.yaml" narrow
pdftotext -bbox-layout "$pdf" "$TMP/bbox.html" 2>/dev/null
out=$(typo flush "$TMP/bbox.html" 46 373.53 0)
expect_eq "A5 Korean: no line overfull" "$out" ""

# hyphenation happens in English body text, never in headings
render_ok briefs/osaka-2019-pre-summit.yaml
pdftotext -layout "$pdf" "$TMP/layout.txt" 2>/dev/null
hyphenated=$(grep -cE '[a-z]-$' "$TMP/layout.txt")
[ "$hyphenated" -ge 1 ] && ok || fail "no hyphenated line in the pack"

# the text layer
mkdir -p "$TMP/layer/events"
cp briefs/themes.yaml "$TMP/layer/"
cat >"$TMP/layer/events/layer.md" <<'MD'
---
id: layer
date: 2020-01-01
title: Text layer
kind: other
themes: [trade]
sources: [{title: s, publisher: p, date: 2020}]
---
The 한·러 summit — “a new stage” — in Москва and Київ, and ‘quotes’ too.
MD
printf 'title: Layer\ndate: 2020-01-02\nselect: {events: [layer]}\n' >"$TMP/layer/brief.yaml"
render_ok "$TMP/layer/brief.yaml" layer
pdftotext "$pdf" "$TMP/plain.txt" 2>"$TMP/pdftotext.err"
# libharu's own ToUnicode CMap is invalid; briefgen writes a real one
expect_eq "pdftotext reads the ToUnicode CMaps without complaint" "$(cat "$TMP/pdftotext.err")" ""
out=$(typo layer "$TMP/plain.txt" "한·러" "summit — “a new stage” — in" "Москва" "Київ" "‘quotes’")
expect_eq "text layer gives back 한·러, dashes, quotes, Cyrillic" "$out" ""
finish
