# Punctuation a reader would see doubled or stranded (README "Choices made
# where the formats leave room"): a title that ends a sentence of its own
# ("Jeju?") gets no stop after it in a run-in, nor a colon in the
# handout; an entry with no lead no colon; a source's title and publisher
# the typographic quotes the events' titles have; a one-event brief's
# cover no range from a day to itself; in every layout and both languages.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/p"
cp -r tests/fixtures/base/. "$TMP/p/"
sed -i 's/^title: Alpha summit$/title: Alpha summit in Jeju?/; s/^title_ko: .*/title_ko: 알파 정상회담인가?/' \
  "$TMP/p/events/alpha.md"
sed -i "s/^  - title: Summit report$/  - title: Summit report on Kim's \"visit\"/" "$TMP/p/events/alpha.md"
# bravo: no lead at all
sed -i '/^An action plan was signed.$/d' "$TMP/p/events/bravo.md"
for layout in pack retrospective handout; do
  for lang in en ko; do
    render "$TMP/p-$layout-$lang.pdf" --set layout=$layout --set language=$lang "$TMP/p/brief.yaml"
    expect_eq "$layout $lang: render" "$rc" 0
    text=$(pdftotext "$TMP/p-$layout-$lang.pdf" - 2>/dev/null | tr '\n' ' ')
    [[ $text == *"Jeju?"* || $text == *"회담인가?"* ]] && ok || fail "$layout $lang: no title"
    [[ $text != *"Jeju?."* && $text != *"Jeju?:"* && $text != *"인가?."* && $text != *"인가?:"* ]] &&
      ok || fail "$layout $lang: a stop or colon after a title that ends in '?'"
    [[ $text != *"action plan:"* ]] && ok || fail "$layout $lang: a colon before no lead"
    if [ $layout != handout ]; then # (the handout lists no sources)
      [[ $text == *"Kim’s “visit”"* ]] && ok || fail "$layout $lang: straight quotes in a source"
    fi
  done
done
# one event: its day, not a range from it to itself
sed -i 's/^  themes: \[denuclearization, nine-bridges\]$/  events: [charlie]/' "$TMP/p/brief.yaml"
for lang in en ko; do
  render "$TMP/one-$lang.pdf" --set language=$lang "$TMP/p/brief.yaml"
  expect_eq "one event $lang: render" "$rc" 0
  text=$(pdftotext -f 1 -l 1 "$TMP/one-$lang.pdf" - 2>/dev/null | tr '\n' ' ')
  case $lang in
    en) want="1 event, 10 February 2019" ;;
    ko) want="사건 1건, 2019. 2. 10." ;;
  esac
  [[ $text == *"$want"* && $text != *"$want –"* && $text != *"$want~"* ]] && ok ||
    fail "one event $lang: cover [$text] lacks [$want] alone"
done
finish
