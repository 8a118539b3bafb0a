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
  (a passage's), outside a reference line.

The texts come from the event files themselves (Markdown marks removed);
the PDF's text from pdftotext. Standard library only.
"""
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
        window = whole[max(0, m.start() - 4000):m.start()]
        best, best_end = None, -1
        for t in ordered:  # the title ending nearest the arrow (the longest on a tie)
            i = window.rfind(t)
            if i >= 0 and i + len(t) > best_end:
                best, best_end = t, i + len(t)
        if best is None:
            problems.append(f"a reference to p. {number} names no event: {window[-60:]}")
            continue
        if not 1 <= number <= len(pages):
            problems.append(f"a reference to p. {number} of {len(pages)}: {best}")
            continue
        page = pages[number - 1]
        shown = any(not page.startswith("→", i + len(best))
                    for i in (x.start() for x in re.finditer(re.escape(best), page)))
        if not shown:
            where = next(n for n in range(len(starts), 0, -1) if starts[n - 1] <= m.start())
            problems.append(f"the reference on p. {where} to p. {number}: that page lacks {best}")
    for p in problems:
        print(p)
    print(f"checked {len(openings)} {refs}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
