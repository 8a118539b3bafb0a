# Cost that grows with the input and no faster (issue 10, items 14 and 15):
# a code line of 320,000 characters with no break opportunity and a
# paragraph of 200,000 words joined by no-break spaces each render within
# 20 seconds, even under AddressSanitizer. Before, each line of the code
# block shaped and cached the whole rest of the line (an 80,000-character
# line took 4 s and 180 MB, this one some 40 s and 3 GB) and each line of
# the paragraph was cut out of the middle of its items (26 s for 200,000
# words; 66 s on the 2-core machine). Nothing of either is lost: every
# character of the code line is drawn, both ends of the paragraph too. A
# brief title repeated in every page's running head is clipped.
. "$(dirname "$0")/lib.bash"
limit=20

# one unbreakable code line (and the 80,000 of the issue in it); no other
# text of the document has an X
python3 -c 'print("```\n" + "X" * 320000 + "\n```")' | project "$TMP/code"
timed_render $limit "$TMP/code.pdf" "$TMP/code/brief.yaml"
expect_eq "320,000-character code line: exit (124: killed after ${limit} s)" "$rc" 0
if [ "$rc" -eq 0 ]; then
  expect_eq "every character of the code line is drawn (once: the lead stands in the annex)" \
    "$(pdftotext "$TMP/code.pdf" - | tr -cd X | wc -c)" 320000
fi
echo "code line: ${secs} s"

# 200,000 words joined by no-break spaces, set once (the annex: each text
# stands once, docs/formats.md#layouts);
# the words of the paragraph alone have a Q (its first), a Z (its last) and
# a q (every tenth word)
python3 -c '
words = "the delegations agreed to expand quotas in energy and railways".split()
print("\u00a0".join(["QQQ"] + [words[i % len(words)] for i in range(199998)] + ["ZZZ"]))
' | project "$TMP/nbsp"
timed_render $limit "$TMP/nbsp.pdf" "$TMP/nbsp/brief.yaml"
expect_eq "200,000 words joined by no-break spaces: exit (124: killed after ${limit} s)" "$rc" 0
if [ "$rc" -eq 0 ]; then
  text=$(pdftotext "$TMP/nbsp.pdf" -)
  expect_eq "the paragraph's first word" "$(tr -cd Q <<<"$text" | wc -c)" 3
  expect_eq "the paragraph's last word" "$(tr -cd Z <<<"$text" | wc -c)" 3
  expect_eq "every tenth word" "$(tr -cd q <<<"$text" | wc -c)" 20000
fi
echo "no-break paragraph: ${secs} s"

# a brief title of 55 KB (libharu's strings stop at 64 KiB): the running
# head of every page holds its first 512 bytes and an ellipsis, not all of
# it again on each of the hundred pages it fills
mkdir -p "$TMP/title"
echo "More text." | project "$TMP/title"
python3 -c '
import sys
words = " ".join("word%d" % (i % 100) for i in range(8000))
sys.stdout.write("title: \"%s\"\ndate: 2020-01-01\nselect:\n  themes: [t]\n" % words)
' >"$TMP/title/brief.yaml"
timed_render $limit "$TMP/title.pdf" "$TMP/title/brief.yaml"
expect_eq "55 KB brief title: exit" "$rc" 0
if [ "$rc" -eq 0 ]; then
  # (the head runs off the page, out of pdftotext's sight: the content
  # streams, uncompressed, show how much of the title is drawn)
  qpdf --qdf --object-streams=disable "$TMP/title.pdf" "$TMP/title-qdf.pdf"
  size=$(stat -c %s "$TMP/title-qdf.pdf")
  if [ "$size" -lt 3000000 ]; then ok; else
    fail "55 KB brief title: ${size} bytes uncompressed, the title drawn on every page"
  fi
fi
finish
