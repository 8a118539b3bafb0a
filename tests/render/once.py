#!/usr/bin/env python3
"""Each text once, and page references that are right (docs/formats.md#layouts).

    once.py PDF EVENTS_DIR [FILE...]

Prints one line per problem, then a last line 'checked TEXTS REFS' (how
many lead and passage openings were looked for, how many page references
were read). A problem is:

- the opening (first 60 characters, white space and hyphens left out) of
  an event's lead or of a passage found more often in the PDF's text than
  the corpus has texts that open so (and the FILEs, the theme catalogue
  and the brief, have it: a theme's description may quote an event);
- a page reference ("... → p. 4", "... → 4쪽") whose page does not show
  the event it names: the event title just before the arrow (an event's
  reference), else the title of the annex entry the reference stands in
  (a passage's), outside a reference line;
- a page reference's number that no link covers, or covers with a link
  to another page (the links read through pdfcheck.py, beside this file;
  where the numbers stand, from pdftotext -bbox).

The texts come from the event files themselves (Markdown marks removed);
the PDF's text from pdftotext. Standard library only.
"""
import bisect
import os
import re
import subprocess
import sys

OPENING = 60


def key(text):
    """TEXT as compared: quotes straight, no white space, hyphens or dashes
    that a line break may add or take away."""
    text = re.sub(r"[\u2018\u2019]", "'", re.sub(r"[\u201c\u201d]", '"', text))
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def unquote(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        v = v[1:-1]
    return v


def plain(md):
    """Markdown inline marks removed: links keep their text."""
    md = re.sub(r"!\[([^]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"<https?://[^>]*>", "", md)
    md = re.sub(r"[*_`\\]", "", md)
    return md


def first_paragraph(lines):
    para = []
    for line in lines:
        s = line.strip()
        if not s:
            if para:
                break
            continue
        if not para and (s.startswith(("-", "*", "+", ">", "#", "!", "|", "```", "    "))
                         or re.match(r"\d+[.)] ", s)):
            continue
        para.append(s)
    return " ".join(para)


def event_file(path):
    """(titles, [texts]) of an event file: its title and title_ko, the
    first paragraph of its lead and of each passage."""
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    parts = text.split("\n---\n", 1)
    if not text.startswith("---") or len(parts) < 2:
        return [], []
    titles = []
    for line in parts[0].split("\n"):
        m = re.match(r"(title|title_ko):\s*(.+)$", line)
        if m:
            titles.append(unquote(m.group(2)))
    sections, cur = [], []
    for line in parts[1].split("\n"):
        if line.startswith("## "):
            sections.append(cur)
            cur = []
        else:
            cur.append(line)
    sections.append(cur)
    texts = [plain(first_paragraph(s)) for s in sections]
    return titles, [t for t in texts if t]


def ref_numbers(pdf):
    """(page, number, x, y) of each reference's number: its centre, y up
    from the foot of the page as in PDF."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    pages = re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.S)
    for n, page in enumerate(pages, 1):
        height = float(page.group(1))
        words = word.findall(page.group(2))
        for i, w in enumerate(words):
            if w[4] != "→":
                continue
            nxt = [x[4] for x in words[i + 1:i + 3]]
            if len(nxt) == 2 and nxt[0] == "p." and nxt[1].isdigit():
                hit, number = words[i + 2], int(nxt[1])
            elif nxt and re.fullmatch(r"\d+쪽", nxt[0]):
                hit, number = words[i + 1], int(nxt[0][:-1])
            else:
                continue
            x0, y0, x1, y1 = (float(v) for v in hit[:4])
            yield n, number, (x0 + x1) / 2, height - (y0 + y1) / 2


def link_rects(pdf):
    """(page, x0, y0, x1, y1, destination page) of each link inside the document."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pdfcheck  # noqa: E402
    data = pdfcheck.qpdf_json(pdf)
    objs = data["qpdf"][1]
    page_no = {page["object"]: n for n, page in enumerate(data["pages"], 1)}

    def deref(value):
        while isinstance(value, str) and value.endswith(" R"):
            value = objs.get("obj:" + value, {}).get("value")
        return value

    rects = []
    for page in data["pages"]:
        pobj = deref(page["object"]) or {}
        for annot in deref(pobj.get("/Annots")) or []:
            a = deref(annot) or {}
            dest = a.get("/Dest")
            if dest is None:
                dest = (deref(a.get("/A")) or {}).get("/D")
            dest = deref(dest)
            rect = deref(a.get("/Rect"))
            if a.get("/Subtype") != "/Link" or not isinstance(dest, list) or not rect:
                continue
            x0, y0, x1, y1 = (float(v) for v in rect)
            rects.append((page_no[page["object"]], min(x0, x1), min(y0, y1), max(x0, x1),
                          max(y0, y1), page_no.get(dest[0], 0)))
    return rects


def main(argv):
    pdf, events, others = argv[1], argv[2], argv[3:]
    titles, openings = set(), {}
    for d in [events]:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".md"):
                continue
            ts, texts = event_file(os.path.join(d, name))
            titles.update(k for k in (key(t) for t in ts) if len(k) >= 4)
            for t in texts:
                k = key(t)[:OPENING]
                if len(k) >= 25:  # shorter openings say too little
                    openings[k] = openings.get(k, 0) + 1
    besides = "".join(key(open(f, encoding="utf-8").read()) for f in others)
    out = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True)
    # a reference's number as a token, before white space goes: the
    # footer's date may follow it with no space once keyed
    raw = re.sub(r"→\s*(?:p\.\s*(\d+)|(\d+)\s*쪽)",
                 lambda m: "→⟦" + (m.group(1) or m.group(2)) + "⟧",
                 out.stdout.decode("utf-8"))
    pages = [key(p) for p in raw.split("\f")]
    whole = "".join(pages)
    # where each line of the text begins, keyed: a title at a line's start
    # is a heading (an annex entry's); one inside a line may be a mention
    line_starts, at = [], 0
    for p in raw.split("\f"):
        for line in p.split("\n"):
            line_starts.append(at)
            at += len(key(line))
    line_start_set = set(line_starts)
    problems = []
    for k, allowed in sorted(openings.items()):
        allowed += besides.count(k)
        n = whole.count(k)
        if n > allowed:
            problems.append(f"printed {n} times: {k}")

    # page references, in the text as one stream (a passage's reference
    # may be a page after its annex entry's heading)
    starts, at = [], 0
    for p in pages:
        starts.append(at)
        at += len(p)
    refs = 0
    ref = re.compile(r"→⟦(\d+)⟧")
    ordered = sorted(titles, key=len, reverse=True)
    for m in ref.finditer(whole):
        refs += 1
        number = int(m.group(1))
        base = max(0, m.start() - 4000)
        window = whole[base:m.start()]
        line = line_starts[bisect.bisect_right(line_starts, m.start()) - 1]
        best, best_end = None, -1
        for t in ordered:  # a title on the arrow's line, ending nearest it
            i = window.rfind(t)
            if i >= 0 and base + i >= line and i + len(t) > best_end:
                best, best_end = t, i + len(t)
        if best is None:  # else the nearest title that starts a line
            for t in ordered:
                for mt in re.finditer(re.escape(t), window):
                    i = mt.start()
                    if base + i in line_start_set and i + len(t) > best_end:
                        best, best_end = t, i + len(t)
        if best is None:  # else any, as a last resort
            for t in ordered:
                i = window.rfind(t)
                if i >= 0 and i + len(t) > best_end:
                    best, best_end = t, i + len(t)
        if best is None:
            problems.append(f"a reference to p. {number} names no event: {window[-60:]}")
            continue
        if not 1 <= number <= len(pages):
            problems.append(f"a reference to p. {number} of {len(pages)}: {best}")
            continue
        where = next(n for n in range(len(starts), 0, -1) if starts[n - 1] <= m.start())
        page = pages[number - 1]
        shown = any(not page.startswith("→", i + len(best))
                    for i in (x.start() for x in re.finditer(re.escape(best), page)))
        if not shown:
            problems.append(f"the reference on p. {where} to p. {number}: that page lacks {best}")
    numbers = list(ref_numbers(pdf))
    if len(numbers) != refs:
        problems.append(f"{len(numbers)} reference numbers placed, {refs} references read")
    rects = link_rects(pdf)
    for page, number, x, y in numbers:
        dests = [d for (p, x0, y0, x1, y1, d) in rects if p == page and x0 <= x <= x1 and y0 <= y <= y1]
        if dests != [number]:
            problems.append(f"the number of a reference on p. {page} to p. {number} links to {dests}")
    for p in problems:
        print(p)
    print(f"checked {len(openings)} {refs}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
