# Letter-spacing (issue 11): a line the breaker can only set looser than
# the body's limit (a stretch ratio of 2: the line before a name or date
# kept whole) has its spaces at the limit and the rest spread between its
# letters, at most 0.02 em a gap (tests/render/tracking.py reads the Tc
# operators), and still reads as its words and ends flush at the measure
# (the run widths and the spaces drawn between words count the Tc). A
# line closed up so that a paragraph does not end on a runt has its
# letters closer by at most 0.01 em. A document with no such line has no
# Tc at all.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi

worst_ok() { # NAME ERRFILE
  local worst
  worst=$(sed -n 's/.*worst stretch ratio \([0-9.]*\).*/\1/p' "$2")
  if [ -n "$worst" ] && awk -v w="$worst" 'BEGIN { exit !(w <= 2.0) }'; then ok; else
    fail "$1: worst stretch ratio [$worst] over 2"
  fi
}

# ends_at NAME LINE LOW HIGH : LINE (tracking.py's "line: WORDS|XMIN|XMAX|
# PAGE_WIDTH") ends between LOW and HIGH points from the right margin (the
# page's width less the left one)
ends_at() {
  if awk -F'|' -v lo="$3" -v hi="$4" '{ e = $4 - $2 - $3; exit !(e > lo && e < hi) }' <<<"$2" &&
    [ -n "$2" ]; then ok; else
    fail "$1 does not end at the measure: [$2]"
  fi
}

# tracked NAME OUT ARGS... : renders ARGS (render -v) to $TMP/OUT.pdf, its
# stderr in $TMP/OUT.err, reads it with tracking.py into $TMP/OUT.tc, and
# asserts no letter-spacing fault
tracked() {
  local name=$1 out=$2
  shift 2
  "$BIN" render -v "$@" -o "$TMP/$out.pdf" >/dev/null 2>"$TMP/$out.err" ||
    fail "render $name: $(cat "$TMP/$out.err")"
  $PY "$RENDER_TESTS/tracking.py" "$TMP/$out.pdf" >"$TMP/$out.tc"
  expect_eq "$name: letter-spacing faults" "$(grep '^fault' "$TMP/$out.tc")" ""
}

# the pack in English on A4: the title line before 'Kim Jong-un.'
tracked pack pack briefs/osaka-2019-pre-summit.yaml
worst_ok pack "$TMP/pack.err"
expect_eq "pack: letter-spaced text" "$(grep -c '^page ' "$TMP/pack.tc")" 1
line=$(grep '^line: 31 May 2018 .* invitation to|' "$TMP/pack.tc")
expect_eq "pack: the letter-spaced line's words" "${line%%|*}" \
  "line: 31 May 2018 — Foreign Minister Lavrov visits North Korea and delivers Putin’s invitation to"
# flush with the right margin
ends_at "pack: the letter-spaced line" "$line" -0.1 0.1

# the handout in Korean on A5: the line before '2019년 6월 29일'
tracked "handout ko A5" handout --set language=ko --set paper=A5 briefs/nine-bridges-handout.yaml
worst_ok "handout ko A5" "$TMP/handout.err"
grep -q '^page ' "$TMP/handout.tc" && ok || fail "handout ko A5: no letter-spaced line"

# the retrospective in English on A4: the same title, whose paragraph
# would end on a runt, has its first line closed up instead (a negative
# Tc, at most 0.01 em), which takes 'Kim Jong-un.' whole
tracked retrospective retro --set language=en --set paper=A4 \
  briefs/anniversary-30-retrospective.yaml
expect_eq "retrospective: closed-up text" "$(grep -c '^page .*Tc -' "$TMP/retro.tc")" 1
line=$(grep '^line: 31 May 2018 .* Jong-un\.|' "$TMP/retro.tc")
expect_eq "retrospective: the closed-up line's words" "${line%%|*}" \
  "line: 31 May 2018 — Foreign Minister Lavrov visits North Korea and delivers Putin’s invitation to Kim Jong-un."
# (its period hangs into the margin: hanging punctuation, up to 0.3 em)
ends_at "retrospective: the closed-up line" "$line" -3.2 -0.5

# the pack on Letter has no line past the limit: no Tc
tracked "pack Letter" letter --set paper=Letter briefs/osaka-2019-pre-summit.yaml
worst_ok "pack Letter" "$TMP/letter.err"
expect_eq "pack Letter: letter-spaced text" "$(cat "$TMP/letter.tc")" ""
finish
