# The PDF's font objects (src/pdf/pdf.c, subset.c): text is written in
# codes equal to the subset's glyph ids, so every CIDFont maps codes to
# glyphs with /CIDToGIDMap /Identity, where libharu wrote and deflated a
# 131,070-byte CIDToGIDMap stream for each face. Every font is embedded
# with a ToUnicode CMap. A face that draws two characters with one glyph
# (NanumGothic Bold has one glyph for U+2014 and U+2015) gives the second a
# code of its own, with a CIDToGIDMap of two bytes a glyph, and both still
# come back from pdftotext.
. "$(dirname "$0")/lib.bash"

# qdf FILE: the PDF with its streams uncompressed, one object at a time, in $TMP/q.pdf
qdf() { qpdf --qdf --object-streams=disable "$1" "$TMP/q.pdf"; }
count() { grep -ac "$1" "$TMP/q.pdf"; }

render_ok briefs/nine-bridges-handout.yaml
qdf "$pdf"
cids=$(count '/Subtype /CIDFontType2')
((cids >= 2)) && ok || fail "handout: $cids CIDFontType2 fonts"
expect_eq "handout: every CIDFont has /CIDToGIDMap /Identity" "$(count '/CIDToGIDMap /Identity')" "$cids"
expect_eq "handout: no CIDToGIDMap stream" "$(count '/CIDToGIDMap [0-9]')" 0
expect_eq "handout: every font embedded, with ToUnicode" \
  "$(pdffonts "$pdf" | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-2) != "yes")')" ""

# U+2014 and U+2015 in the title, set in NanumBarunGothic (named as the
# heading family, it draws the Latin and the dashes too; like NanumGothic
# Bold, it draws two characters of the title with one glyph)
dash=$'\u2014' bar=$'\u2015'
brief_with briefs/nine-bridges-handout.yaml "$TMP/dash.yaml" \
  "title=\"Nine bridges ${dash} and ${bar} handout\"" "fonts={heading: NanumBarunGothic}"
render_ok "$TMP/dash.yaml" dash
pdftotext -layout "$pdf" "$TMP/dash.txt"
expect_contains "dashes: both characters come back" "$(cat "$TMP/dash.txt")" "${dash} and ${bar}"
qdf "$pdf"
maps=$(count '/CIDToGIDMap [0-9]')
expect_eq "dashes: one CIDToGIDMap stream, for the font with the shared glyph" "$maps" 1
# its length: two bytes for each glyph of the subset and each extra code, far
# under libharu's 131,070
ref=$(grep -ao '/CIDToGIDMap [0-9]* 0 R' "$TMP/q.pdf" | awk '{print $2; exit}')
length=$(python3 - "$TMP/q.pdf" "$ref" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
m = re.search(rb"\n%s 0 obj\n<<\n  /Length (\d+)( 0 R)?" % sys.argv[2].encode(), d)
n = int(m.group(1))
if m.group(2):
    n = int(re.search(rb"\n%d 0 obj\n(\d+)\n" % n, d).group(1))
print(n)
PY
)
((length > 0 && length < 8192 && length % 2 == 0)) && ok || fail "dashes: CIDToGIDMap of $length bytes"
finish
