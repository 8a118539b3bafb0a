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
page=$(pdfcheck pages "$TMP/a.pdf" | awk '/^\f/ {n++} /Rare Hanja/ && !p {p = n + 1} END {print p}')
pdftoppm -r 60 -gray -f "$page" -l "$page" "$TMP/a.pdf" "$TMP/a-page"
pdftoppm -r 60 -gray -f "$page" -l "$page" "$TMP/q.pdf" "$TMP/q-page"
if cmp -s "$TMP"/a-page*.pgm "$TMP"/q-page*.pgm; then fail "the page is drawn as with '?'"; else ok; fi
pdftotext -f "$page" -l "$page" -bbox "$TMP/a.pdf" "$TMP/words.html"
pdftoppm -r 144 -gray -f "$page" -l "$page" "$TMP/a.pdf" "$TMP/glyphs"
# the dark pixels in the word box of each (a word of its own)
ink=$(python3 -S - "$TMP/words.html" "$TMP"/glyphs*.pgm "$hanja" "$hanja_b" "$grin" "$rocket" <<'PY'
import re, sys
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                   open(sys.argv[1], encoding="utf-8", errors="replace").read())
magic, width, height, _, pixels = open(sys.argv[2], "rb").read().split(maxsplit=4)  # PGM (P5)
width = int(width)
for ch in sys.argv[3:]:
    dark = -1
    for *box, word in words:
        if word == ch:
            x0, y0, x1, y1 = (int(float(v) * 2) for v in box)  # 144 dpi: 2 pixels a point
            dark = sum(1 for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)
                       if pixels[y * width + x] < 160)
            break
    print("U+%X %d" % (ord(ch), dark))
PY
)
while read -r cp dark; do
  [ "$dark" -gt 8 ] && ok || fail "$cp has no ink in its box ($dark dark pixels; -1: no box)"
done <<<"$ink"
expect_eq "four glyphs looked at" "$(wc -l <<<"$ink")" 4

# thousands of them: U+20000-U+2176F (5,498 from HanaMinB, where HarfBuzz
# 6.0 cannot subset the cmap) all drawn and given back
many=$(python3 -S -c 'print(" ".join("".join(map(chr, range(c, c + 8))) for c in range(0x20000, 0x21770, 8)))')
make_brief "$TMP/m" "$many" "Many"
render "$TMP/m.pdf" "$TMP/m/brief.yaml"
expect_eq "6,000 of them: exit" "$rc" 0
expect_eq "6,000 of them: no message" "$err" ""
got=$(pdftotext "$TMP/m.pdf" - 2>/dev/null | python3 -S -c '
import sys
print(len({c for c in sys.stdin.buffer.read().decode() if 0x20000 <= ord(c) < 0x21770}))')
expect_eq "6,000 of them: pdftotext gives each back" "$got" 6000
finish
