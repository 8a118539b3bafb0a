# Link destinations a hostile corpus could plant (docs/formats.md#markdown):
# only http, https and mailto links, and relative ones, become clickable in
# the PDF; a link of any other scheme (javascript:, file:, data:,
# vbscript:, in any case, with the spaces, tabs and line ends a viewer
# would skip) is drawn as its text with a warning at its place. Before,
# each was written as a URI action a reader's click would follow.
. "$(dirname "$0")/lib.bash"

cp -r tests/fixtures/base "$TMP/p"
printf '\n%s\n%s\n' \
  '[j1](javascript:alert(1)) [j2](< JavaScript:x>) [j3](<java	script:x>) [f](file:///etc/passwd)' \
  '[d](data:text/html,hi) <vbscript:msgbox> [ok1](HTTPS://ok.example/) [ok2](mailto:a@b.example) [ok3](page.html)' \
  >>"$TMP/p/events/alpha.md"
render "$TMP/l.pdf" "$TMP/p/brief.yaml"
expect_eq "exit" "$rc" 0
qpdf --qdf --object-streams=disable "$TMP/l.pdf" "$TMP/q.pdf"
uris=$(grep -a -o '/URI (.*)' "$TMP/q.pdf" | sort)
expect_eq "the clickable destinations" "$uris" "/URI (HTTPS://ok.example/)
/URI (https://example.org/a)
/URI (mailto:a@b.example)
/URI (page.html)"
warnings=$(grep -c "is shown as plain text: only http, https and mailto links" <<<"$err")
expect_eq "a warning for each link refused" "$warnings" 6
expect_contains "the warning's place" "$err" \
  "events/alpha.md:27:1: warning: the link to 'javascript:alert(1)' is shown as plain text"
text=$(pdftotext "$TMP/l.pdf" - | tr '\n' ' ')
for word in j1 j2 j3 f d vbscript:msgbox ok1; do expect_contains "'$word' is drawn" "$text" "$word"; done
finish
