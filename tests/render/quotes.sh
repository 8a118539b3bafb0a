# Block quotes (README "Formats"): a quote of several paragraphs, with a
# list and a nested quote in it, has one bar beside all its lines, the gaps
# between its paragraphs included, on every page it runs over (its long
# first paragraph goes from one page to the next on A5); a nested quote has
# a second bar; a code block in a quote that goes over pages has its bar on
# each; a list in a quote keeps the quote's bar where it is, not at the
# list's labels, and a quote in a list item stands after the item's bullet;
# two quotes one after the other have a bar each (in a passage: the pack); a bar neither starts nor ends away from the quoted
# lines (not off the page when the quote's end goes over); and the event's
# run-in title before a quote that opens a passage stands outside the
# quote, but in the handout, whose events are list items, the quote's bar
# stands right of the item's bullet. In both languages, in the pack, the
# retrospective and the handout.
. "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
if ! $PY -c 'import pikepdf' 2>/dev/null; then fail "python3-pikepdf is missing (scripts/install-deps)"; finish; exit; fi
mkdir -p "$TMP/q"
cp -r tests/fixtures/base/. "$TMP/q/"
long=$(for _ in $(seq 40); do printf 'Lorem ipsum dolor sit amet, sed quoted words run on. '; done)
python3 -S - "$TMP/q/events/alpha.md" "$long" <<'PY'
import sys
path, long = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
quote = ("> %s\n>\n> Lorem ipsum second paragraph of the quote, dolor sit amet again.\n>\n"
         "> - Lorem ipsum item one\n> - Lorem ipsum item two\n>\n"
         "> > %s\n>\n> ```\n%s> ```\n>\n> Lorem ipsum back at the first level.\n"
         % (long.strip(), " ".join(["Lorem nested ipsum dolor"] * 8),
            "".join("> lorem code %d\n" % k for k in range(70))))
# as the lead (the retrospective's text of an event) and as a passage
text = text.replace("---\nThe leaders met after midnight.\n", "---\n" + quote)
text = text.replace("## denuclearization\nThey discussed the peace process.\n",
                    "## denuclearization\n" + quote)
assert text.count(quote) == 2
# two quotes one after the other, quotes in list items
text = text.replace("## nine-bridges\nThey reviewed the action plan.\n",
                    "## nine-bridges\n> Zeta one.\n\n> Zeta two.\n\n- > Omega item one.\n"
                    "- > Omega item two.\n")
assert "Omega" in text
open(path, "w", encoding="utf-8").write(text)
PY
printf 'paper: A5\n' >>"$TMP/q/brief.yaml"
for layout in pack retrospective handout; do
  for lang in en ko; do
    pdf=$TMP/q-$layout-$lang.pdf
    render "$pdf" --set layout=$layout --set language=$lang "$TMP/q/brief.yaml"
    expect_eq "$layout $lang: render" "$rc" 0
    out=$($PY - "$pdf" "$layout" <<'PY'
import re, subprocess, sys
import xml.etree.ElementTree as ET
import pikepdf

QUOTE = {"lorem", "ipsum", "dolor", "amet", "nested"}
words_text = lambda ws: " ".join(w.text or "" for w in ws)
# the event's run-in: its date, a dash, its title
runin = lambda text: "2019" in text and "\u2014" in text
pdf = pikepdf.open(sys.argv[1])
handout = sys.argv[2] == "handout"
xml = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
root = ET.fromstring(re.sub(r'xmlns="[^"]*"', "", re.sub(r"<!DOCTYPE[^>]*>", "", xml)))
faults, quoted, pages, omega = [], 0, set(), []
for n, page in enumerate(root.iter("page")):
    h = float(page.get("height"))
    # the page's vertical rules of 1.5 pt, top-down: (x, top, bottom)
    bars, width, at = [], None, None
    for operands, op in pikepdf.parse_content_stream(pdf.pages[n]):
        op = str(op)
        if op == "w":
            width = float(operands[0])
        elif op == "m":
            at = [float(v) for v in operands]
        elif op == "l" and at and width == 1.5:
            x2, y2 = [float(v) for v in operands]
            if abs(x2 - at[0]) < 0.01:
                bars.append((at[0], h - max(at[1], y2), h - min(at[1], y2)))
    # the page's lines: words of one baseline
    lines = {}
    for w in page.iter("word"):
        key = round(float(w.get("yMax")))
        lines.setdefault(key, []).append(w)
    rows = []
    for key in sorted(lines):
        ws = lines[key]
        words = {re.sub(r"\W", "", (w.text or "").lower()) for w in ws}
        ws.sort(key=lambda w: float(w.get("xMin")))
        # (the handout's event: its bullet, then the quote's bar, then its text)
        first = 1 if len(ws) > 1 and ws[0].text == "\u2022" and handout and runin(words_text(ws)) else 0
        rows.append((float(ws[first].get("xMin")), min(float(w.get("yMin")) for w in ws),
                     max(float(w.get("yMax")) for w in ws), bool(words & QUOTE), "nested" in words,
                     " ".join(w.text or "" for w in ws)))
    # runs of quoted lines, one after the other
    runs, cur = [], []
    for r in rows:
        if r[3]:
            cur.append(r)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    def covered(x_lo, x_hi, top, bottom):
        """True when the bars between X_LO and X_HI cover TOP to BOTTOM."""
        spans = sorted((b[1], b[2]) for b in bars if x_lo <= b[0] < x_hi)
        y = top
        for a, b in spans:
            if a > y + 0.5:
                break
            y = max(y, b)
        return y >= bottom - 0.5
    for run in runs:
        quoted += len(run)
        left = min(r[0] for r in run)
        # one bar beside the whole run, the gaps between paragraphs included
        if not covered(left - 20, left, run[0][1] + 1, run[-1][2] - 1):
            faults.append("page %d: the bar beside '%s' ... '%s' is broken or missing"
                          % (n + 1, run[0][5][:30], run[-1][5][:30]))
        pages.add(n)
        for r in run:
            if r[4] and sum(1 for b in bars if b[0] < r[0] and b[1] <= r[1] + 1 and b[2] >= r[2] - 1) < 2:
                faults.append("page %d: nested quote '%s' without two bars" % (n + 1, r[5][:30]))
            # a list's label in a quote: the bar stays left of the quote's text
            if r[5].startswith("\u2022") and any(abs(b[0] - r[0]) < 4 for b in bars
                                                   if b[1] <= r[1] + 1 and b[2] >= r[2] - 1):
                faults.append("page %d: a bar through the label of '%s'" % (n + 1, r[5][:30]))
    # two quotes, a bar each; a quote in a list item after its bullet
    zeta = [r for r in rows if r[5].startswith("Zeta")]
    if len(zeta) == 2:
        a, b = zeta
        if not (covered(a[0] - 20, a[0], a[1] + 1, a[2] - 1) and
                covered(b[0] - 20, b[0], b[1] + 1, b[2] - 1)):
            faults.append("page %d: a quote of two without its bar" % (n + 1))
        elif covered(a[0] - 20, a[0], a[2] - 1, b[1] + 1):
            faults.append("page %d: two quotes one after the other share a bar" % (n + 1))
    words_all = list(page.iter("word"))
    for w in words_all:
        if w.text != "Omega":
            continue
        # (its bullet on the same line, to its left)
        x, top, bottom = float(w.get("xMin")), float(w.get("yMin")), float(w.get("yMax"))
        bullets = [float(v.get("xMax")) for v in words_all if v.text == "\u2022" and
                   float(v.get("yMin")) < (top + bottom) / 2 < float(v.get("yMax")) and
                   float(v.get("xMax")) < x]
        if not bullets or not covered(max(bullets) + 0.5, x, top + 1, bottom - 1):
            faults.append("page %d: no bar between the bullet and its quote 'Omega'" % (n + 1))
        omega.append(w)
    # each bar's ends are at quoted lines (or the gap between two)
    # (a code block's shading reaches a little past its lines)
    quoted_rows = [r for r in rows if r[3] or "Zeta" in r[5] or "Omega" in r[5]]
    spans = []  # the bars, those that touch at one place as one
    for b in sorted(bars):
        if spans and abs(spans[-1][0] - b[0]) < 0.01 and b[1] <= spans[-1][2] + 0.01:
            spans[-1] = (b[0], spans[-1][1], max(spans[-1][2], b[2]))
        else:
            spans.append(b)
    for b in spans:
        near_top = any(r[1] - 24 <= b[1] <= r[1] + 1 for r in quoted_rows)
        near_end = any(r[2] - 1 <= b[2] <= r[2] + 12 for r in quoted_rows)
        if not (near_top and near_end):
            faults.append("page %d: a bar from %.1f to %.1f, away from the quoted lines"
                          % (n + 1, b[1], b[2]))
    for r in rows:
        if not runin(r[5]):
            continue
        if handout and r[5].startswith("\u2022") and r[3]:
            # the handout's event: the bar right of its bullet, left of its text
            if not covered(r[0] - 20, r[0], r[1] + 1, r[2] - 1):
                faults.append("page %d: no bar right of the bullet of '%s'" % (n + 1, r[5][:40]))
        elif not handout and not r[3] and covered(r[0] - 20, r[0], r[1] + 1, r[2] - 1):
            # the run-in title stands outside the quote: no bar beside it
            faults.append("page %d: the run-in '%s' inside the quote" % (n + 1, r[5][:40]))
if quoted < 20:
    faults.append("only %d quoted lines found" % quoted)
if sys.argv[2] == "pack" and len(omega) < 2: # (the retrospective and handout show leads only)
    faults.append("the quotes in list items not found")
if not any(n + 1 in pages for n in pages):
    faults.append("no quote runs from one page to the next")
print("\n".join(faults[:5]))
PY
)
    expect_eq "$layout $lang: quote bars" "$out" ""
  done
done
finish
