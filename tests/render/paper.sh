# paper: A4 | Letter | A5 (docs/formats.md#briefs; README, "The document":
# every layout honours paper): every page of the PDF has the paper's size
# (pdfinfo, page by page: A4 595.28 x 841.89 pt, Letter 612 x 792, A5
# 419.53 x 595.28), in every layout; the text is set for that paper (every
# word inside the page, and more pages on A5 than on A4), not an A4 layout
# on another page size.
. "$(dirname "$0")/lib.bash"

declare -A SIZE=([A4]="595.28 841.89" [Letter]="612 792" [A5]="419.53 595.28")
brief=briefs/osaka-2019-pre-summit.yaml

# sizes PDF : "W H" of each page, one line a page, as pdfinfo prints them
sizes() {
  local n
  n=$(page_count "$1")
  pdfinfo -f 1 -l "${n:-1}" "$1" 2>/dev/null | awk '/^Page +[0-9]+ size:/ {print $4, $6}'
}

for layout in pack retrospective handout; do
  declare -A pages=()
  for paper in A4 Letter A5; do
    name=$layout-$paper
    brief_with "$brief" "$TMP/$name.yaml" layout="$layout" paper="$paper"
    render_ok "$TMP/$name.yaml" "$name"
    [ -s "$pdf" ] || continue
    pages[$paper]=$(page_count "$pdf")
    sizes "$pdf" >"$TMP/sizes"
    expect_eq "$name: a size per page" "$(wc -l <"$TMP/sizes")" "${pages[$paper]}"
    [ "${pages[$paper]:-0}" -ge 2 ] && ok || fail "$name: ${pages[$paper]} pages"
    # every page within 0.01 pt of the paper's size
    wrong=$(awk -v want="${SIZE[$paper]}" '
      BEGIN { split(want, s, " ") }
      { d1 = $1 - s[1]; d2 = $2 - s[2] }
      d1 > 0.01 || d1 < -0.01 || d2 > 0.01 || d2 < -0.01 {printf "page %d: %s x %s; ", NR, $1, $2}
    ' "$TMP/sizes")
    expect_eq "$name: pages not ${SIZE[$paper]// / x } pt" "$wrong" ""
    # every word on its page (pdftotext's boxes: y down from the top)
    pdftotext -bbox "$pdf" "$TMP/bbox.html" 2>/dev/null
    outside=$(awk -F'"' '
      /<page / { for (i = 1; i < NF; i++) { if ($i ~ /width=$/) w = $(i + 1); if ($i ~ /height=$/) h = $(i + 1) } }
      /<word / {
        for (i = 1; i < NF; i++) {
          if ($i ~ /xMin=$/) x0 = $(i + 1); if ($i ~ /yMin=$/) y0 = $(i + 1)
          if ($i ~ /xMax=$/) x1 = $(i + 1); if ($i ~ /yMax=$/) y1 = $(i + 1)
        }
        if (x0 < 0 || y0 < 0 || x1 > w + 0.01 || y1 > h + 0.01) n++
        words++
      }
      END { print (words ? n + 0 : "no words") }' "$TMP/bbox.html")
    expect_eq "$name: words outside the page" "$outside" 0
  done
  if [ -n "${pages[A4]:-}" ] && [ -n "${pages[A5]:-}" ]; then
    [ "${pages[A5]}" -gt "${pages[A4]}" ] && ok ||
      fail "$layout: ${pages[A5]} pages on A5, ${pages[A4]} on A4 (the text not set for A5)"
  fi
  unset pages
done
finish
