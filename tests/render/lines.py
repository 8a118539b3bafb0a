"""lines.py - where a PDF's lines break, read from `pdftotext -bbox-layout`
(poppler's words with their boxes, grouped into blocks and lines), for
tests/render/breaks.sh. Each check prints one line per fault and nothing
when the PDF is right:

  urls PDF URL...     every URL is found, and breaks only where The Chicago
                      Manual of Style (6.17, 14.18) allows: after // or a
                      colon; before / . , - _ ~ # % ?; before or after = and
                      &; never after a period or hyphen
  names PDF NAME...   no name ends one line of a block and goes on in the next
  dates PDF           no Korean date (2019년 6월 29일, 2019. 6. 29.) is broken
  syllables PDF MD... no Korean word of the Markdown files MD is read as two
                      (a gap between two of its syllables taken for a space);
                      then "N pairs checked"
  hyphens PDF MD...   a word broken at a line's end by a hyphen it does not
                      have in the Markdown files MD reads whole in the
                      structure tree (pdfinfo -struct-text): the hyphen is
                      an artifact (ISO 32000-1, 14.8.2.2.3); one it has
                      stays
  runts PDF           the justified paragraphs that end in a line of one word
                      narrower than 15% of its measure, then a last line
                      "N paragraph ends": how many were seen
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def layout(pdf):
    """`pdftotext -bbox-layout` of PDF as an element tree (pages, blocks,
    lines, words with their boxes)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = re.sub(r'xmlns="[^"]*"', "", xml)
    return ET.fromstring(xml)


def pages(pdf):
    """The lines of every page in reading order: (x_min, x_max, y_min,
    [words]). (Poppler puts each line of widely leaded text in a block of
    its own, so blocks do not tell paragraphs apart.)"""
    root = layout(pdf)
    out = []
    for page_no, page in enumerate(root.iter("page"), 1):
        lines = []
        for line in page.iter("line"):
            words = [w.text or "" for w in line.iter("word")]
            if words:
                lines.append((float(line.get("xMin")), float(line.get("xMax")),
                              float(line.get("yMin")), words))
        out.append((page_no, lines))
    return out


def wrapped(pdf):
    """Pairs of lines (page, line, next line) where the text of one line
    goes on in the next: below it, starting in the same column."""
    for page, lines in pages(pdf):
        for a, b in zip(lines, lines[1:]):
            if b[2] > a[2] and abs(b[0] - a[0]) < 30:
                yield page, a, b


def url_break_ok(u, k):
    """True when URL U may break before its character K (0 < K < len(U))."""
    c, d = u[k - 1], u[k]
    if c == "." or c == "-":
        return False
    if c == "/" and d == "/":
        return False
    if c == "/" and k >= 2 and u[k - 2] == "/":
        return True
    if c == ":" and d != "/":
        return True
    if c in "=&":
        return True
    return d in "/.,-_~#%?=&"


def check_urls(pdf, urls):
    # the text of each block, lines joined with no character between them
    # (URLs hold no spaces) and the offsets where lines ended
    faults = []
    found = {u: 0 for u in urls}
    for page, lines in pages(pdf):
        text, ends = "", set()
        for line in lines:
            text += " ".join(line[3])
            ends.add(len(text))
        for u in urls:
            for m in re.finditer(re.escape(u), text):
                found[u] += 1
                for k in range(1, len(u)):
                    if m.start() + k in ends and not url_break_ok(u, k):
                        faults.append("page %d: %s | %s" % (page, u[:k], u[k:]))
    # (a URL broken across a page is not found: at least half must be)
    missing = [u for u, n in found.items() if n == 0]
    if len(missing) * 2 > len(urls):
        faults.append("not found whole: %s" % " ".join(missing))
    return faults


def check_names(pdf, names):
    faults = []
    for page, a, b in wrapped(pdf):
        if True:
            for name in names:
                parts = name.split()
                for i in range(1, len(parts)):
                    head = " ".join(parts[:i])
                    line = " ".join(a[3])
                    if (line == head or line.endswith(" " + head)) and \
                            " ".join(b[3]).startswith(" ".join(parts[i:])):
                        faults.append("page %d: %s | %s" % (page, head, " ".join(parts[i:])))
    return faults


YEAR, MONTH, DAY = r"\d{4}년", r"\d{1,2}월", r"\d{1,2}일"


def check_dates(pdf):
    faults = []
    for page, a, b in wrapped(pdf):
        if True:
            last, first = a[3][-1], b[3][0]
            prev = a[3][-2] if len(a[3]) > 1 else ""
            split = (re.fullmatch(YEAR, last) and re.match(MONTH, first)) or \
                (re.fullmatch(MONTH, last) and re.match(DAY, first)) or \
                (re.fullmatch(r"\d{4}\.", last) and re.match(r"\d{1,2}\.", first)) or \
                (re.fullmatch(r"\d{1,2}\.", last) and re.fullmatch(r"\d{4}\.", prev) and
                 re.match(r"\d{1,2}\.", first))
            if split:
                faults.append("page %d: %s | %s" % (page, " ".join(a[3][-2:]), first))
    return faults


def check_runts(pdf):
    faults, ends = [], [0]
    for page, lines in pages(pdf):
        # the measure: the widest line of the page in the same column
        widest = {}
        for l in lines:
            widest[round(l[0])] = max(widest.get(round(l[0]), 0), l[1] - l[0])
        for i in range(1, len(lines)):
            (x0, x1, y, words), prev = lines[i], lines[i - 1]
            measure = widest[round(x0)]
            if measure < 150 or prev[2] >= y or abs(prev[0] - x0) >= 1:
                continue
            # (not the end of a URL in a ragged list of sources; not a
            # table cell or a contents entry: text beside it on its row)
            if "://" in " ".join(prev[3]):
                continue
            if any(abs(o[2] - l[2]) < 2 and o is not l for l in (lines[i], prev) for o in lines):
                continue
            # a line after a full one that is not full ends a justified
            # paragraph: a runt when one word under 15% of the measure
            if prev[1] - prev[0] < 0.99 * measure or x1 - x0 >= 0.99 * measure:
                continue
            ends[0] += 1
            if len(words) == 1 and x1 - x0 < 0.15 * measure:
                faults.append("page %d: runt '%s' (%.0f of %.0f pt)" %
                              (page, words[0], x1 - x0, measure))
    return faults + ["%d paragraph ends" % ends[0]]


def hangul(c):
    return "\uac00" <= c <= "\ud7a3"


def check_syllables(pdf, sources):
    """Korean words that poppler reads as two (the gap between two of their
    syllables taken for a space), so that search, copying and a screen
    reader read them apart: two neighbouring words of a line of `pdftotext
    -bbox-layout`, closer than half the line's height (not two cells of a
    table), whose facing letters are Hangul syllables that stand together
    inside a word of the SOURCES (the Markdown the PDF was made from) and
    never on either side of a space there. A last line "N pairs checked"
    counts the neighbours with Hangul on both sides."""
    inside, across = set(), set()
    for path in sources:
        text = open(path, encoding="utf-8").read()
        for w in re.findall(r"[\uac00-\ud7a3]+", text):
            inside.update(zip(w, w[1:]))
        toks = [t for t in (t.strip("*_`~[](){}<>\"'") for t in text.split()) if t]
        for x, y in zip(toks, toks[1:]):
            if hangul(x[-1]) and hangul(y[0]):
                across.add((x[-1], y[0]))
    faults, seen = [], 0
    for page_no, page in enumerate(layout(pdf).iter("page"), 1):
        for line in page.iter("line"):
            words = list(line.iter("word"))
            for a, b in zip(words, words[1:]):
                x, y = a.text or "", b.text or ""
                if not (x and y and hangul(x[-1]) and hangul(y[0])):
                    continue
                height = float(a.get("yMax")) - float(a.get("yMin"))
                if float(b.get("xMin")) - float(a.get("xMax")) > 0.5 * height:
                    continue
                seen += 1
                pair = (x[-1], y[0])
                if pair in inside and pair not in across:
                    faults.append("page %d: %s|%s read apart" % (page_no, x, y))
    return faults + ["%d pairs checked" % seen]


def check_hyphens(pdf, sources):
    text = "".join(open(p, encoding="utf-8").read() for p in sources)
    tree = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True, capture_output=True,
                          text=True).stdout
    # (an MCID's text a quoted line: a word broken at a hyphen artifact
    # runs on into the next; spaces kept, as one)
    tree = "".join(re.findall(r'^\s*"(.*)"$', tree, re.M))
    tree = " " + re.sub(r"\s+", " ", tree) + " "
    faults, seen = [], 0
    for page, a, b in wrapped(pdf):
        m = re.search(r"(\w+)-$", a[3][-1])
        n = re.match(r"\w+", b[3][0])
        if not m or not n:
            continue
        seen += 1
        head, tail = m.group(1), n.group(0)
        real = head + "-" + tail in text
        want = head + ("-" if real else "") + tail
        wrong = head + ("" if real else "-") + tail
        found = lambda w: re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", tree)
        if not found(want) or (found(wrong) and wrong not in text):
            faults.append("page %d: %s-|%s reads as %s in the tree" %
                          (page, head, tail, wrong if found(wrong) else "neither"))
    return faults + ["%d words broken at a hyphen" % seen]


def main():
    what, pdf, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    faults = {"urls": lambda: check_urls(pdf, rest),
              "names": lambda: check_names(pdf, rest),
              "dates": lambda: check_dates(pdf),
              "syllables": lambda: check_syllables(pdf, rest),
              "hyphens": lambda: check_hyphens(pdf, rest),
              "runts": lambda: check_runts(pdf)}[what]()
    try:
        for f in faults:
            print(f)
    except BrokenPipeError:  # (a caller that reads only the first few)
        sys.stderr.close()


if __name__ == "__main__":
    main()
