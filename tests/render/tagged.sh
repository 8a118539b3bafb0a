# The structure tree and marked content of every PDF (README "Accessibility
# and archiving", tests/render/tagged.py): the samples in both languages
# and a brief with every kind of Markdown block (nested list, quote, code,
# image, a Korean span), the chronology table, contents, sources and
# links. pdfinfo -struct-text (poppler) reads the tree: it holds the body
# text, each title once, and none of the running header, footer, page
# numbers, classification markings or leader dots.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi

# the text of the structure tree, all whitespace removed
struct_text() { pdfinfo -struct-text "$1" 2>/dev/null | sed -n 's/^ *"\(.*\)"$/\1/p' | tr -d ' \n\t'; }
count() { local hay=$1 needle=$2 n=0; while [[ $hay == *"$needle"* ]]; do hay=${hay#*"$needle"}; n=$((n + 1)); done; echo $n; }

# tagged BRIEF BODY TITLE [ABSENT...]: BRIEF renders to a tagged PDF whose
# tree holds BODY, TITLE once, and no ABSENT (whitespace ignored)
tagged() {
  local brief=$1 body=${2// /} title=${3// /}
  shift 3
  render_ok "$brief"
  out=$($PY "$RENDER_TESTS/tagged.py" "$pdf"); expect_eq "$brief: tagged" "$?:$out" "0:"
  qpdf --check "$pdf" >/dev/null 2>&1; expect_eq "$brief: qpdf --check" "$?" 0
  local text
  text=$(struct_text "$pdf")
  expect_contains "$brief: the tree holds the body" "$text" "$body"
  expect_eq "$brief: the title in the tree once" "$(count "$text" "$title")" 1
  local absent
  for absent in "$@"; do
    absent=${absent// /}
    expect_eq "$brief: [$absent] is an artifact" "$(count "$text" "$absent")" 0
    # (and on the page: what is left out is there)
    [[ $(pdftotext "$pdf" - | tr -d ' \n\t') == *"$absent"* ]] || fail "$brief: [$absent] not on the page"
  done
}

tagged briefs/osaka-2019-pre-summit.yaml "President Moon is expected to meet President Putin" \
  "Pre-summit briefing:Korea–Russia summit, Osaka" "FOR OFFICIAL USE ONLY" "Page 2 of 13" ". . . . ."
# the words of a justified line, across a change of face and a line's end,
# and of a Korean line spread between its syllables, read with their spaces
# (and none inside a word)
in_tree() { pdfinfo -struct-text "$pdf" 2>/dev/null | grep -qF "$2"; expect_eq "$1: [$2]" "$?" 0; }
in_tree "spaces between words" "opportunity to hear directly from Putin about his April summit"
in_tree "a space at a line's end" "a year after the state visit"
# a word broken at a line's end by the hyphen it is given reads whole in the
# tree (the hyphen an artifact, ISO 32000-1 14.8.2.2.3); a hyphen of its own stays
hyphens() {
  local out
  out=$(python3 -S "$RENDER_TESTS/lines.py" hyphens "$pdf" briefs/events/*.md briefs/*.yaml)
  expect_eq "$1: broken words in the tree" "$(grep -v 'words broken at a hyphen$' <<<"$out")" ""
  [[ $out =~ ([0-9]+)\ words\ broken && ${BASH_REMATCH[1]} -gt 0 ]] && ok ||
    fail "$1: no word broken at a hyphen to check: $out"
}
hyphens "pack"
tagged briefs/osaka-2019-pre-summit-ko.yaml "문재인 대통령은" "오사카 G20 계기 한·러 정상회담 사전 브리핑" \
  "대외비" ". . . . ."
langs=$($PY "$RENDER_TESTS/tagged.py" "$pdf" --langs)
[ "$langs" -gt 0 ] && ok || fail "English words in Korean: $langs marked en"
tagged briefs/anniversary-30-retrospective.yaml "1990년 9월 30일" "Thirty years of Korea–Russia relations, 1990–2020" "2/9" "3/9"
in_tree "Korean words, spread" "한국과 러시아(당시 소련)는 1990년 9월 30일 외교관계를"
tagged briefs/nine-bridges-handout.yaml "The Nine Bridges initiative, proposed by President Moon" \
  "Nine Bridges and Korea–Russia economic cooperation" "FOR OFFICIAL USE ONLY" "Page 2 of"
hyphens "handout"

# every kind of block, in a pack with contents, chronology, annex, sources
mkdir -p "$TMP/b"
cp -r tests/fixtures/base/. "$TMP/b/"
$PY - "$TMP/b" <<'PYEOF'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + bytes([200, 80, 40]) * 40 for _ in range(30))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open(sys.argv[1] + "/events/map.png", "wb").write(png)
open(sys.argv[1] + "/events/deco.png", "wb").write(png)
PYEOF
cat >> "$TMP/b/events/alpha.md" <<'MD'

The agenda, as agreed in 한국어 그대로:

1. Gas and railways
   - the Rajin–Khasan link
   - a pipeline study
2. Ports, with [the plan](https://example.org/plan)

> The two leaders agreed to meet again.
>
> — a participant

```
tonnage: 1200
```

![A map of the Rajin–Khasan railway](map.png)

![](deco.png)
MD
echo "layout: pack" >> "$TMP/b/brief.yaml"
# a Markdown heading under the Summary heading (H1): H2, no level skipped
printf 'summary: |\n  ## Background\n\n  The background in a paragraph.\n' >> "$TMP/b/brief.yaml"
tagged "$TMP/b/brief.yaml" "They discussed the peace process" "Test brief" "Page 2 of"
text=$(struct_text "$pdf")
for s in "Gas and railways" "the Rajin–Khasan link" "The two leaders agreed" "tonnage: 1200" \
  "A map of the Rajin–Khasan railway" "한국어 그대로"; do
  expect_contains "blocks: [$s] in the tree" "$text" "${s// /}"
done
tree=$(pdfinfo -struct-text "$pdf" 2>/dev/null | sed -n 's/^ *\([A-Za-z0-9]*\).*/\1/p' | sort -u | tr '\n' ' ')
for kind in Document H1 H2 P L LI Lbl LBody Table THead TBody TR TH TD TOC TOCI Link Figure \
  BlockQuote Code Caption; do
  expect_contains "blocks: a $kind element" " $tree" " $kind "
done
# the Korean words inside English are marked as Korean
expect_eq "blocks: Korean marked ko" "$($PY "$RENDER_TESTS/tagged.py" "$pdf" --langs)" 1
# the image without alt text is decoration: one Figure, the described one
expect_eq "blocks: one Figure" "$(pdfinfo -struct-text "$pdf" 2>/dev/null | grep -c '^ *Figure')" 1
finish
