# The text of each PDF (pdftotext, layout and plain) holds the brief's
# title, its Korean title character for character (한·러 with its middle
# dot), and the title of every picked event in the brief's language
# (docs/formats.md#selection, #layouts). The picked events are computed here from 'list --format json'
# by the selection rules, not taken from the PDF.
. "$(dirname "$0")/lib.bash"

gen_corpus 30 "$TMP/corpus"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
  render_ok "$brief"
  [ -s "$pdf" ] || continue
  pdftotext -layout "$pdf" "$TMP/layout.txt" 2>/dev/null
  pdftotext "$pdf" "$TMP/plain.txt" 2>/dev/null
  title=$(brief_value "$brief" title)
  title_ko=$(brief_value "$brief" title_ko)
  picked "$brief" | cut -f3 >"$TMP/titles"
  n=$(wc -l <"$TMP/titles")
  [ "$n" -gt 0 ] && ok || fail "$brief: no picked event computed"
  for mode in layout plain; do
    text=$(squash <"$TMP/$mode.txt" | straight_quotes)
    expect_contains "$brief ($mode): title" "$text" "$title"
    expect_contains "$brief ($mode): title_ko" "$text" "$title_ko"
    # U+FFFD would be a character lost on the way
    case "$text" in *$'\xef\xbf\xbd'*) fail "$brief ($mode): U+FFFD in the text" ;; *) ok ;; esac
    missing=$(pdfcheck contains "$TMP/$mode.txt" <"$TMP/titles")
    expect_eq "$brief ($mode): picked event titles ($n)" "$missing" ""
  done
done

# the middle dot itself, in the Korean title of the English pack
text=$(pdftotext "$TMP/osaka-2019-pre-summit.pdf" - 2>/dev/null | squash)
expect_contains "osaka: 한·러 with U+00B7" "$text" "오사카 G20 계기 한·러 정상회담"

# an event that is not picked is not in the pack: the Osaka summit of 29
# June 2019 falls after 'to: 2019-06-20'
pdftotext "$TMP/osaka-2019-pre-summit.pdf" "$TMP/osaka.txt" 2>/dev/null
unpicked="Korea–Russia summit on the sidelines of the G20, Osaka"
expect_eq "osaka: the 2019-06-29 summit is not picked" \
  "$(printf '%s\n' "$unpicked" | pdfcheck contains "$TMP/osaka.txt")" "missing: $unpicked"
finish
