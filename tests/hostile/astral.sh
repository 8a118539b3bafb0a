# Characters past U+FFFF (issue 10, item 9; docs/formats.md#fonts-and-typography):
# rare Hanja of CJK Extension B (U+20B9F from HanaMinA, U+2A6D6 from
# HanaMinB) and emoji (U+1F600, U+1F680) are drawn from the fonts that have
# them, not as '?': the fonts are embedded, pdftotext gives back the same
# code points (the ToUnicode CMap maps each two-byte code back), each glyph
# has ink and the page differs from the same brief with '?' in their
# place; outline and document titles keep them. A code point no font has
# (U+3FFFD, unassigned) is still '?' with one warning.
. "$(dirname "$0")/../render/lib.bash"

for cp in 20b9f 2a6d6 1f600 1f680; do
  [ -n "$(fc-list ":charset=$cp" file 2>/dev/null)" ] ||
    fail "no installed font has U+$cp (scripts/install-deps installs fonts-hanazono and fonts-symbola)"
done

# BRIEF.yaml in DIR with TEXT before the lead of one event, its title and
# the brief's title starting with TITLE
make_brief() {
  local dir=$1 text=$2 title=$3
  cp -r briefs "$dir"
  python3 - "$dir/events/state-visit-russia-2018-06-21.md" "$text" "$title" <<'PY'
import sys
path, text, title = sys.argv[1:4]
src = open(path, encoding="utf-8").read()
head, sep, body = src.partition("\n---\n")
head = head.replace("\ntitle: ", "\ntitle: " + title + " ", 1)
open(path, "w", encoding="utf-8").write(head + sep + text + " " + body)
PY
  brief_with "$dir/osaka-2019-pre-summit.yaml" "$dir/brief.yaml" \
    "title=\"$title Pre-summit briefing\""
}
hanja=$'\U00020B9F' hanja_b=$'\U0002A6D6' grin=$'\U0001F600' rocket=$'\U0001F680' none=$'\U0003FFFD'
line="Rare Hanja $hanja and $hanja_b here, a grin $grin and a rocket $rocket here, nothing $none here."
make_brief "$TMP/a" "$line" "$hanja$grin"
make_brief "$TMP/q" "${line//[$hanja$hanja_b$grin$rocket]/?}" "??"

render "$TMP/a.pdf" "$TMP/a/brief.yaml"
expect_eq "astral: exit" "$rc" 0
expect_eq "astral: the only message is one warning for U+3FFFD" "$err" \
  "$TMP/a/brief.yaml: warning: no font has U+3FFFD; it is shown as '?' (install a font that covers it)"

fonts=$(pdffonts "$TMP/a.pdf" 2>/dev/null)
for name in HanaMinA HanaMinB Symbola; do
  expect_eq "$name embedded (emb sub uni)" "$(awk -v n="$name" '$1 ~ "\\+" n "$" {print $(NF-4), $(NF-3), $(NF-2)}' <<<"$fonts")" "yes yes yes"
done

text=$(pdftotext "$TMP/a.pdf" - 2>/dev/null | squash)
expect_contains "pdftotext gives the code points back" "$text" "${line/$none/?}"
expect_contains "in the heading too" "$text" "$hanja$grin President Moon"
outline=$(pdfcheck outline "$TMP/a.pdf" | cut -f2)
expect_contains "the outline keeps them" "$outline" "$hanja$grin President Moon’s state visit to Russia"
expect_contains "the document title keeps them" "$(pdfinfo "$TMP/a.pdf" | sed -n 's/^Title: *//p')" "$hanja$grin Pre-summit"

# the page of the line, drawn: not the page with '?' in their places, and
# each glyph's box has ink
render "$TMP/q.pdf" "$TMP/q/brief.yaml"
page=$(pdfcheck pages "$TMP/a.pdf" | awk '/^\f/ {n++} /Rare Hanja/ {print n + 1; exit}')
pdftoppm -r 60 -gray -f "$page" -l "$page" "$TMP/a.pdf" "$TMP/a-page"
pdftoppm -r 60 -gray -f "$page" -l "$page" "$TMP/q.pdf" "$TMP/q-page"
if cmp -s "$TMP"/a-page*.pgm "$TMP"/q-page*.pgm; then fail "the page is drawn as with '?'"; else ok; fi
pdftotext -f "$page" -l "$page" -bbox "$TMP/a.pdf" "$TMP/words.html"
for ch in "$hanja" "$hanja_b" "$grin" "$rocket"; do
  box=$(python3 -S - "$TMP/words.html" "$ch" <<'PY'
import re, sys
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                     open(sys.argv[1], encoding="utf-8", errors="replace").read()):
    if m.group(5) == sys.argv[2]:
        x0, y0, x1, y1 = (float(v) * 200 / 72 for v in m.groups()[:4])
        print(int(x0), int(y0), int(x1 - x0) + 1, int(y1 - y0) + 1)
        break
PY
  )
  if [ -z "$box" ]; then
    fail "no word box for U+$(printf '%X' "'$ch")"
    continue
  fi
  read -r x y w h <<<"$box"
  pdftoppm -r 200 -gray -f "$page" -l "$page" -x "$x" -y "$y" -W "$w" -H "$h" "$TMP/a.pdf" "$TMP/glyph"
  ink=$(python3 -S - "$TMP"/glyph*.pgm <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
fields = data.split(maxsplit=4)  # P5 width height maxval pixels
print(sum(1 for b in fields[4] if b < 128))
PY
  )
  rm -f "$TMP"/glyph*.pgm
  [ "$ink" -gt 20 ] && ok || fail "U+$(printf '%X' "'$ch") has no ink ($ink dark pixels in its box)"
done
finish
