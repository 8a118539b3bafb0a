# The running head and foot and the cover with long texts (README "The
# document"): on A5, with a title of 150 characters, a classification
# marking of 64 and theme labels that take two lines, the running head is
# the title cut with an ellipsis clear of the marking at its right; the
# marking at the foot runs into neither the date nor the page number; and
# the cover stays one page, its box of themes whole on it; in both
# languages and in the pack and the retrospective.
. "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/r"
cp -r tests/fixtures/base/. "$TMP/r/"
long="An unusually long briefing title for the interregional intergovernmental commission: preparations, outcomes and follow-up, with a subtitle-like tail"
mark="SECRET // REL TO KOR, RUS // NOFORN // ORCON // EXTRA LONG CAVEAT"
sed -i "s|^title: .*|title: \"$long\"|" "$TMP/r/brief.yaml"
printf 'title_ko: "%s"\nclassification: "%s"\npaper: A5\nsubtitle: "%s"\n' \
  "지역 간 정부 간 위원회를 위한 이례적으로 긴 브리핑 제목: 준비, 결과 및 후속 조치와 꼬리 부분" \
  "$mark" "Prepared for the Minister: second revised edition, incorporating comments from five divisions" \
  >>"$TMP/r/brief.yaml"
# every theme label two lines long on A5
sed -i 's|^\(    label: \)\(.*\)$|\1\2, with a label long enough to take two lines in the box on a cover|' \
  "$TMP/r/themes.yaml"
for layout in pack retrospective; do
  for lang in en ko; do
    pdf=$TMP/r-$layout-$lang.pdf
    render "$pdf" --set layout=$layout --set language=$lang "$TMP/r/brief.yaml"
    expect_eq "$layout $lang: render" "$rc" 0
    out=$(python3 -S - "$pdf" <<'PY'
import re, subprocess, sys
import xml.etree.ElementTree as ET
xml = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
root = ET.fromstring(re.sub(r'xmlns="[^"]*"', "", re.sub(r"<!DOCTYPE[^>]*>", "", xml)))
faults = []
pages = list(root.iter("page"))
for n, page in enumerate(pages, 1):
    h = float(page.get("height"))
    words = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
              w.text or "") for w in page.iter("word")]
    # no two words of a line overlap, at the head or the foot
    band = [w for w in words if w[1] < 60 or w[3] > h - 60]
    for i, a in enumerate(band):
        for b in band[i + 1:]:
            # (boxes hold the ascent and descent: lines 2 pt into each other touch)
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 2 and b[1] < a[3] - 2:
                faults.append("page %d: '%s' overlaps '%s'" % (n, a[4], b[4]))
    if n == 2 and not any(w[4].endswith("\u2026") for w in words if w[1] < 60):
        faults.append("page 2: no running head cut with an ellipsis")
    pw = float(page.get("width"))
    for w in words:
        if w[2] > pw + 0.5:
            faults.append("page %d: '%s' past the page's edge" % (n, w[4]))
text2 = subprocess.run(["pdftotext", "-f", "2", "-l", "2", sys.argv[1], "-"], capture_output=True,
                       text=True).stdout
if re.search(r"\d+ events?,|사건 \d+건,", text2):
    faults.append("page 2: the cover's box of themes goes on")
print("\n".join(faults[:5]))
PY
)
    expect_eq "$layout $lang: head, foot and cover" "$out" ""
  done
done
finish
