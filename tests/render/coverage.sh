# A character that no font has is reported once per brief as a warning
# naming its code point, never silently dropped, and the brief still
# renders (README, "Typesetting"). Ethiopic (U+12A0) and private use (U+E000) are in no
# installed font; U+1F600 is outside the BMP, past libharu's two-byte
# codes: it must be drawn (tests/hostile/astral.sh) or warned about, not lost.
. "$(dirname "$0")/lib.bash"

cp -r briefs "$TMP/b"
# insert TEXT at the start of the lead of an event file
prepend_lead() {
  python3 - "$1" "$2" <<'EOF'
import sys
path, text = sys.argv[1], sys.argv[2]
src = open(path, encoding="utf-8").read()
head, sep, body = src.partition("\n---\n")
open(path, "w", encoding="utf-8").write(head + sep + text + " " + body)
EOF
}
prepend_lead "$TMP/b/events/state-visit-russia-2018-06-21.md" \
  $'Ethiopic \u12a0 and \u12a0\u12a0 again, a grin \U0001F600 and \U0001F600, private \ue000 and \ue000 use.'
prepend_lead "$TMP/b/events/tass-interview-2018-06-20.md" $'Once more \u12a0 and \ue000 and \U0001F600 here.'

render "$TMP/osaka.pdf" "$TMP/b/osaka-2019-pre-summit.yaml"
expect_eq "uncovered characters: exit" "$rc" 0
[ -s "$TMP/osaka.pdf" ] && ok || fail "uncovered characters: no PDF"
text=$(pdftotext "$TMP/osaka.pdf" - 2>/dev/null | squash)
expect_contains "the text around them is kept" "$text" "Ethiopic"
expect_contains "the lead goes on" "$text" "President Moon began a state visit"

for cp in 12A0 E000; do
  if [ -n "$(fc-list ":charset=$(tr 'A-F' 'a-f' <<<"$cp")" file 2>/dev/null)" ]; then
    echo "note: a font on this machine has U+$cp; not checking its warning" >&2
    continue
  fi
  lines=$(grep -c "U+$cp" <<<"$err")
  expect_eq "one diagnostic names U+$cp" "$lines" 1
  expect_contains "U+$cp is a warning" "$(grep "U+$cp" <<<"$err")" "warning:"
done

# U+1F600: in the PDF's text, or exactly one warning names it
grin=$'\U0001F600'
case "$text" in
  *"$grin"*) ok ;;
  *)
    lines=$(grep -c "U+1F600" <<<"$err")
    expect_eq "U+1F600 is neither drawn (pdftotext) nor named by one warning" "$lines" 1
    ;;
esac

# nothing else is warned about, and no error
expect_eq "no error" "$(grep -c 'error:' <<<"$err")" 0
expect_eq "no other warning" "$(grep 'warning:' <<<"$err" | grep -v 'U+12A0\|U+E000\|U+1F600')" ""

# 'check' renders nothing and exits 0 on the same brief
out=$("$BIN" check "$TMP/b/osaka-2019-pre-summit.yaml" 2>&1); status=$?
expect_eq "check exit" "$status" 0
finish
