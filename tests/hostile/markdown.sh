# Hostile Markdown (issue 10, items 1, 2 and 17): nesting 10,000 deep,
# empty and odd link destinations, and strings past libharu's 65,535-byte
# limit all render a valid PDF, with a warning where something could not be
# drawn as written, and never a crash. Run from the repository root with
# the briefgen binary as $1.
. "$(dirname "$0")/../render/lib.bash"

# case_dir NAME : a copy of tests/fixtures/base in $TMP/NAME
case_dir() {
  mkdir -p "$TMP/$1"
  cp -r tests/fixtures/base/. "$TMP/$1/"
  dir=$TMP/$1
}

# render_case NAME : renders $dir/brief.yaml; asserts exit 0 and a valid PDF
render_case() {
  pdf=$TMP/$1.pdf
  timeout 120 "$BIN" render -o "$pdf" "$dir/brief.yaml" >/dev/null 2>"$TMP/$1.err"
  rc=$?
  err=$(cat "$TMP/$1.err")
  expect_eq "$1: exit status" "$rc" 0
  if qpdf --check "$pdf" >/dev/null 2>&1; then ok; else fail "$1: qpdf --check"; fi
}

# 1. nesting 10,000 deep: lists flattened past 32 levels, quotes past 8,
# emphasis and links to any depth, with one warning each at their line
case_dir deep
python3 - "$dir/events/alpha.md" <<'PY'
import sys
path = sys.argv[1]
with open(path, "a") as f:
    f.write("\n" + "- " * 10000 + "deepest item\n\n")
    f.write("> " * 10000 + "deepest quote\n\n")
    f.write("*a " * 10000 + "emphasised" + "*" * 10000 + "\n\n")
    f.write("[" * 10000 + "linked" + "](u)" * 10000 + "\n")
PY
line=$(grep -n '^- - - ' "$dir/events/alpha.md" | cut -d: -f1)
render_case deep
text=$(pdftotext "$pdf" - 2>/dev/null)
expect_contains "deep: the deepest list item is drawn" "$text" "deepest item"
expect_contains "deep: the deepest quote is drawn" "$text" "deepest quote"
expect_contains "deep: nested emphasis is drawn" "$text" "emphasised"
expect_contains "deep: nested links are drawn" "$text" "linked"
expect_contains "deep: a warning at the list's line" "$err" \
  "alpha.md:$line:65: warning: lists nested deeper than 32 levels are flattened"
expect_contains "deep: a warning for the quotes" "$err" \
  "warning: block quotes nested deeper than 8 levels are flattened"
# the deepest item stays on the page: its x within the text frame
x=$(pdftotext -bbox "$pdf" - 2>/dev/null | awk -F'"' '/>deepest</ { print int($2); exit }')
if [ -n "$x" ] && [ "$x" -lt 400 ]; then ok; else fail "deep: the deepest item at x=$x, off the measure"; fi

# 2. link destinations: empty ones give plain text, odd ones render
case_dir links
cat >>"$dir/events/alpha.md" <<'MD'

Empty [first]() and [second](<>) and [third][foo] and [fourth](relative/page.html)
and [fifth](https://example.org/한국어 "title") and <https://example.org/a b>.

[foo]: <>
MD
render_case links
text=$(pdftotext "$pdf" - 2>/dev/null)
for word in first second third fourth fifth; do
  expect_contains "links: '$word' is drawn" "$text" "$word"
done
# every /URI string, read through qpdf (the objects are in object streams):
# one line each, "u:" and the text (qpdf's JSON, version 2)
uris=$(qpdf --json=2 --json-key=qpdf "$pdf" | python3 -c '
import json, sys
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "/URI" and isinstance(x, str):
                print(x)
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
walk(json.load(sys.stdin)["qpdf"][1])')
expect_contains "links: a relative destination is kept" "$uris" "u:relative/page.html"
expect_contains "links: non-ASCII is percent-encoded" "$uris" "%ED%95%9C"
if grep -qx 'u:' <<<"$uris"; then fail "links: an empty URI was written"; else ok; fi

# 17. strings past 65,535 bytes: a title (outline, information) and a URL
case_dir long
python3 - "$dir/events/alpha.md" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace("title: Alpha summit", "title: \"Alpha " + "summit " * 9500 + "end\"")
text = text.replace("url: https://example.org/a", "url: https://example.org/" + "s" * 70000)
text += "\n[a long link](https://example.org/" + "l" * 70000 + ")\n"
open(path, "w").write(text)
PY
render_case long
expect_contains "long: a warning for the long link" "$err" \
  "warning: a link destination longer than 65534 bytes is shown as plain text"
expect_contains "long: a warning for the long source url" "$err" \
  "warning: a url longer than 65534 bytes is shown without a link"
text=$(pdftotext "$pdf" - 2>/dev/null)
expect_contains "long: the link's text is drawn" "$text" "a long link"
expect_contains "long: the title is drawn" "$text" "summit summit"

finish
