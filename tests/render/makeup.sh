# Page make-up (README, "Page make-up"): over the sample briefs in every
# layout, in English and Korean, on A4 and A5, and over a generated corpus,
# no page in the middle of a section ends more than one line short of the
# frame's foot, no page's last line ends with a hyphen, no page ends with a
# heading or a run-in title alone (nor with its details line under it), no
# table starts with fewer than three rows on a page, and no table's last page holds fewer
# than three rows when the table has three or more, and no section's end of
# two lines or fewer stands alone on a page (the Korean A5 pack's last
# talking point did). makeup.py reads the pages (pdftohtml -xml) and says
# what it measures.
. "$(dirname "$0")/lib.bash"
makeup() { python3 -S "$RENDER_TESTS/makeup.py" "$@"; }

# check NAME PDF LANG : one assertion per rule, so that a failure names it
# (the pages read by makeup.py beforehand, two PDFs at a time, into NAME.mk)
check() {
  local out
  out=$(cat "$TMP/$1.mk") || fail "$1: makeup.py failed"
  expect_eq "$1: no short page in a section" "$(grep 'short of' <<<"$out")" ""
  expect_eq "$1: no page ends with a hyphen" "$(grep 'hyphen' <<<"$out")" ""
  expect_eq "$1: no page ends with a heading" "$(grep 'heading' <<<"$out")" ""
  expect_eq "$1: a table's last page holds 3 rows" "$(grep 'table' <<<"$out")" ""
  expect_eq "$1: no section's end alone on a page" "$(grep 'alone' <<<"$out")" ""
}

# the samples in each language and paper, rendered two at a time
jobs=()
for brief in "${SAMPLES[@]}"; do
  for lang in en ko; do
    for paper in A4 A5; do
      name=$(basename "$brief" .yaml)-$lang-$paper
      brief_with "$brief" "$TMP/$name.yaml" language=$lang paper=$paper
      "$BIN" render -q -o "$TMP/$name.pdf" "$TMP/$name.yaml" 2>"$TMP/$name.err" &
      jobs+=("$name")
      [ "$(jobs -rp | wc -l)" -ge 2 ] && wait -n
    done
  done
done
# a generated corpus: many entries, passages, long tables, on A5 (the
# smallest page, where keeps cost the most)
python3 bench/gen-corpus 30 "$TMP/corpus" --seed 3 >/dev/null || fail "bench/gen-corpus"
brief_with "$TMP/corpus/brief.yaml" "$TMP/corpus/a5.yaml" paper=A5
"$BIN" render -q -o "$TMP/corpus-en-A5.pdf" "$TMP/corpus/a5.yaml" 2>"$TMP/corpus-en-A5.err"
jobs+=(corpus-en-A5)
wait
for name in "${jobs[@]}"; do
  [ -s "$TMP/$name.pdf" ] && {
    makeup check "$TMP/$name.pdf" "${name: -5:2}"
    makeup alone "$TMP/$name.pdf" "${name: -5:2}"
  } >"$TMP/$name.mk" &
  [ "$(jobs -rp | wc -l)" -ge 2 ] && wait -n
done
wait
for name in "${jobs[@]}"; do
  if [ -s "$TMP/$name.pdf" ]; then ok; else fail "render $name: $(cat "$TMP/$name.err")"; fi
  check "$name"
done

# a generated corpus whose handout's chronology began with one row at a
# page's foot (Letter) and whose pack's annex left an entry's heading and
# details at a page's foot with its lead of three lines on the next (A4)
python3 bench/gen-corpus 30 "$TMP/c7" --seed 7 >/dev/null || fail "bench/gen-corpus --seed 7"
for layout in handout pack; do
  brief_with "$TMP/c7/brief.yaml" "$TMP/c7/$layout.yaml" layout=$layout paper=Letter
  render "$TMP/c7-$layout.pdf" "$TMP/c7/$layout.yaml"
  expect_eq "c7 $layout: render" "$rc" 0
  out=$(makeup check "$TMP/c7-$layout.pdf" en)
  expect_eq "c7 $layout Letter: no table starts with fewer than 3 rows" "$(grep "table's first" <<<"$out")" ""
  expect_eq "c7 $layout Letter: no page ends with a heading" "$(grep 'heading' <<<"$out")" ""
done
# an annex entry's references to its passages' pages run in page order
out=$(pdftotext "$TMP/c7-pack.pdf" - | python3 -S -c '
import re, sys
bad = 0
for block in sys.stdin.read().split("\n\n"):
    pages = [int(p) for p in re.findall(r"\u2192 p.\s*(\d+)$", block, re.M)]
    bad += pages != sorted(pages)
print(bad)')
expect_eq "c7 pack: annex references in page order" "$out" 0

# a list's introduction stays with the list's first item, a quote with its
# attribution: a summary of 70 paragraphs of growing length, each followed
# by an introduction and a list or by a quote and its attribution, so that
# some of each fall at a page's foot
python3 - "$TMP/keeps.yaml" "$PWD/briefs" <<'PY' || fail "the keeps brief"
import sys
words = ("The delegations reviewed the progress made since the last meeting and agreed "
         "on the next steps for cooperation in energy, transport and trade").split()
parts = []
for i in range(70):
    n = 8 + (i * 13) % 61
    parts.append(" ".join(words[k % len(words)] for k in range(n)) + ".")
    if i % 2 == 0:
        parts.append("The two sides agreed on the following points:")
        parts.append("- first, a working group on energy;\n- second, a review of the plan.")
    else:
        parts.append("> The relationship has entered a new stage, and both governments intend"
                     " to build on it.\n>\n> \u2014 Joint statement, %d" % (2000 + i))
summary = "\n\n".join(parts).replace("\n", "\n  ")
with open(sys.argv[1], "w") as out:
    out.write("title: Keeps\ndate: 2020-09-30\nlayout: handout\nlanguage: en\n"
              "corpus: %s/events\nthemes_file: %s/themes.yaml\nselect: {themes: [trade]}\n"
              "summary: |\n  %s\n" % (sys.argv[2], sys.argv[2], summary))
PY
for paper in A5; do
  brief_with "$TMP/keeps.yaml" "$TMP/keeps-$paper.yaml" paper=$paper
  render_ok "$TMP/keeps-$paper.yaml" "keeps-$paper"
  expect_eq "keeps $paper: introductions and attributions kept" "$(makeup keeps "$pdf" en)" ""
  out=$(makeup check "$pdf" en)
  expect_eq "keeps $paper: no short page, hyphen or heading at a foot" "$out" ""
done


# a part's last page holds four lines at least: where only fewer would go
# over, the page before gives it more and ends short of its foot by two
# lines at most (the A5 retrospective's page 11 and two generated packs
# held three lines alone); the end of a paragraph that went over, so too
# (a generated A5 pack's page 25 held its last three lines)
gen_last() {
  python3 bench/gen-corpus 30 "$TMP/last$1" --seed "$1" >/dev/null || fail "gen-corpus --seed $1"
}
gen_last 1
gen_last 3
gen_last 4
check_last() { # PDF NAME
  python3 -S - "$1" <<'PY'
import re, subprocess, sys
pdf = sys.argv[1]
n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                      text=True).stdout).group(1))
short = []
for p in range(2, n + 1):
    text = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
                          capture_output=True, text=True).stdout
    lines = [l for l in text.split("\n") if l.strip()][1:-1]  # (the running head and foot)
    if len(lines) < 4:
        short.append("page %d: %d lines" % (p, len(lines)))
print("; ".join(short))
PY
}
# (the last: its page 37 ends 29 pt short, a residue of README's known limits)
for c in "briefs/anniversary-30-retrospective.yaml retrospective en A5 all" \
  "$TMP/last3/brief.yaml pack ko A4 all" "$TMP/last4/brief.yaml pack ko A4 all" \
  "$TMP/last1/brief.yaml pack ko A5 last"; do
  read -r brief layout lang paper which <<<"$c"
  render "$TMP/last.pdf" --set layout=$layout --set language=$lang --set paper=$paper "$brief"
  expect_eq "$(basename "$(dirname "$brief")") $layout $lang $paper: render" "$rc" 0
  expect_eq "$(basename "$(dirname "$brief")") $layout $lang $paper: no page of fewer than four lines" \
    "$(check_last "$TMP/last.pdf")" ""
  [[ $which == all ]] &&
    expect_eq "$(basename "$(dirname "$brief")") $layout $lang $paper: no page short but before a last" \
      "$(makeup check "$TMP/last.pdf" "$lang")" ""
done

finish
