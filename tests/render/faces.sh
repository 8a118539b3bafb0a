# Faces (README, "Faces"; issue 11, items 3-6), read from the content
# streams (pdfruns.py): italic Latin and Cyrillic come from a face whose
# name says Italic and are never slanted by the text matrix; Hangul is never
# slanted (emphasis in Hangul is the Gothic face, upright); Cyrillic does
# not come from UnBatang; every en dash outside code is drawn from a face
# whose en dash is a quarter wider than its hyphen at least; code sets Latin
# and Cyrillic in PT Mono and Hangul in NanumGothicCoding.
. "$(dirname "$0")/lib.bash"
pdfruns() { python3 -S "$RENDER_TESTS/pdfruns.py" "$@"; }

# a corpus with emphasis in English, Russian and Korean, and a title with an en dash
cp -r tests/fixtures/base "$TMP/f"
cat >"$TMP/f/events/alpha.md" <<'MD'
---
id: alpha
date: 2019-06-29
title: Korea–Russia co-operation summit, Osaka
title_ko: 한·러 정상회담
kind: summit
themes: [denuclearization, nine-bridges]
---
The leaders met *after midnight* and named the *Северный морской путь*,
with ***Москва*** in bold italic. 양국 정상은 *비핵화 협상을* 논의하고
*Primorye Bridges 전략의* 이행을 **점검했다**.

Inline code `mono_latin(x) != 0` and `Кириллица_код` and `코드한글_k`, then a block:

```
block_latin = "Гостиница_блок"; 블록한글 = 1
```

## denuclearization
Putin relayed the results of his *April summit* with Kim Jong-un.
MD
render_ok "$TMP/f/brief.yaml" fixture
pdfruns runs "$pdf" "$TMP/fixture.widths" >"$TMP/fixture.runs"
gen_corpus 12 "$TMP/c12"
render_ok "$TMP/c12/brief.yaml" corpus
pdfruns runs "$pdf" "$TMP/corpus.widths" >"$TMP/corpus.runs"
for brief in "${SAMPLES[@]}"; do
  render_ok "$brief"
  name=$(basename "$brief" .yaml)
  pdfruns runs "$pdf" "$TMP/$name.widths" >"$TMP/$name.runs"
done

# the runs (page TAB font TAB skew TAB text) whose text matches a pattern
runs_with() { # FILE PYTHON-REGEX [skewed]
  python3 -S - "$@" <<'PY'
import re, sys
pat = re.compile(sys.argv[2])
for line in open(sys.argv[1], encoding="utf-8"):
    page, font, skew, text = line.rstrip("\n").split("\t", 3)
    if pat.search(text) and (len(sys.argv) < 4 or float(skew) != 0):
        print(line, end="")
PY
}

# italic Latin and Cyrillic: an Italic face, upright matrix
for word in midnight 'Северный' 'Москва' Primorye April; do
  fonts=$(runs_with "$TMP/fixture.runs" "$word" | cut -f2 | sort -u)
  if [ -n "$fonts" ] && ! printf '%s\n' "$fonts" | grep -qv Italic; then
    ok
  else
    fail "italic '$word' drawn from [$fonts], not an Italic face"
  fi
done
case "$(runs_with "$TMP/fixture.runs" 'Москва' | cut -f2)" in
  *Bold*Italic* | *BoldItalic*) ok ;;
  *) fail "bold italic 'Москва' not from a bold italic face" ;;
esac
for f in fixture corpus osaka-2019-pre-summit anniversary-30-retrospective nine-bridges-handout; do
  slanted=$(runs_with "$TMP/$f.runs" '[A-Za-z\u0400-\u04FF]' skewed | head -3)
  [ -z "$slanted" ] && ok || fail "$f: Latin or Cyrillic slanted by the text matrix: $slanted"
  slanted=$(runs_with "$TMP/$f.runs" '[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3\u4E00-\u9FFF]' skewed | head -3)
  [ -z "$slanted" ] && ok || fail "$f: Hangul or Hanja slanted by the text matrix: $slanted"
  unbatang=$(runs_with "$TMP/$f.runs" '[\u0400-\u04FF]' | awk -F'\t' '$2 ~ /UnBatang/' | head -3)
  [ -z "$unbatang" ] && ok || fail "$f: Cyrillic from UnBatang: $unbatang"
  # every font that draws an en dash (and a hyphen: widths come from the
  # subset's W array) has a real one, a quarter wider than its hyphen at
  # least; code keeps the widths of its monospaced face
  for font in $(runs_with "$TMP/$f.runs" '\u2013' | cut -f2 | grep -v -e Coding -e Mono | sort -u); do
    dash=$(awk -F'\t' -v f="$font" '$1 == f && $2 == "2013" {print $3}' "$TMP/$f.widths")
    hyphen=$(awk -F'\t' -v f="$font" '$1 == f && $2 == "002D" {print $3}' "$TMP/$f.widths")
    [ -n "$hyphen" ] || continue
    echo "$font" >>"$TMP/dash-checked"
    if [ -n "$dash" ] && [ "$((dash * 4))" -ge "$((hyphen * 5))" ]; then
      ok
    else
      fail "$f: the en dash of $font is $dash/1000 em beside a hyphen of $hyphen"
    fi
  done
done
# the headings' en dash was among those checked (the heading has a hyphen too)
heading_font=$(runs_with "$TMP/fixture.runs" 'Korea\u2013Russia' | cut -f2 | sort -u | head -1)
grep -qxF "$heading_font" "$TMP/dash-checked" && ok || fail "the heading's en dash ($heading_font) went unchecked"
# code: Latin and Cyrillic from PT Mono, Hangul from NanumGothicCoding
for word in 'mono_latin' 'Кириллица_код' 'block_latin' 'Гостиница_блок'; do
  fonts=$(runs_with "$TMP/fixture.runs" "$word" | cut -f2 | sort -u)
  expect_eq "code '$word' drawn from" "$fonts" "PTMono-Regular"
done
for word in '코드한글' '블록한글'; do
  fonts=$(runs_with "$TMP/fixture.runs" "$word" | cut -f2 | sort -u)
  expect_eq "code '$word' drawn from" "$fonts" "NanumGothicCoding"
done
# Korean emphasis is the Gothic face, upright; a Latin word in it keeps its italic
fonts=$(runs_with "$TMP/fixture.runs" '비핵화' | cut -f2,3 | sort -u)
expect_eq "emphasised Hangul: NanumGothic, upright" "$fonts" "NanumGothic	0.0000"
fonts=$(runs_with "$TMP/fixture.runs" '점검했다' | cut -f2 | sort -u)
case "$fonts" in *Bold*) ok ;; *) fail "strong Hangul drawn from [$fonts]" ;; esac
finish
