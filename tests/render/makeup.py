#!/usr/bin/env python3
"""makeup.py - page make-up checks for tests/render/makeup.sh, read from a
rendered PDF through poppler's `pdftohtml -xml` (each text piece with its
box, size, face and colour). Standard library only.

    makeup.py check PDF LANG     prints one line per page that breaks a rule
    makeup.py gaps PDF LANG      each page's gap to the frame's foot (debug)
    makeup.py keeps PDF LANG     prints each page that ends with a list's
                                 introduction (a line ending in a colon) or
                                 opens with a quote's attribution (a line
                                 starting with a dash)

The rules (what a reader sees at a page turn):
  short   a page in the middle of a section ends more than one body line
          above the foot of the frame: its lowest line's bottom is more than
          a line height (plus the half-leading below a line) above the
          frame's foot; a page followed by a page that opens with a section
          heading (or the contents), and the last page, are left out; the
          page before a section's last page that is less than half full may
          end up to two lines short (it gave that page lines so that it
          holds four at least)
  hyphen  a page's last line ends with a hyphen
  heading a page ends with a heading (heading colour) or a run-in title
          alone (a line all bold) while the document goes on, or with a
          heading and a line in a smaller size under it (an annex entry's
          details, its lead on the next page)
  table   a table's last page holds fewer than 3 rows while the table has
          3 or more, or its first page fewer than 3 while it has 6 or more
  alone   (makeup.py alone PDF LANG) the last page of a section (one followed
          by a section heading, or the document's last) holds two lines or
          fewer, the rest of the section being on the pages before
The frame and type sizes are those of src/layout/parts.c (geometry_init,
styles_init): A4 and Letter 80 pt from the top to 70 pt from the foot, A5
62 and 56; body 10.5 pt (A5 9.5) at leading 1.42 (Korean 1.6).
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HEADING = (0x1F, 0x38, 0x64)  # the theme's heading colour


def near_heading(color):
    c = color.lstrip("#")
    rgb = tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))
    return all(abs(a - b) <= 2 for a, b in zip(rgb, HEADING))


class Page:
    def __init__(self, number, height, width):
        self.number, self.height, self.width = number, height, width
        self.items = []  # (top, left, width, height, size, bold, heading, text)


def read(pdf):
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-zoom", "1", "-stdout", pdf],
                         check=True, capture_output=True).stdout
    root = ET.fromstring(xml)
    fonts, pages = {}, []
    for page in root.iter("page"):
        p = Page(int(page.get("number")), float(page.get("height")), float(page.get("width")))
        for el in page:
            if el.tag == "fontspec":
                fonts[el.get("id")] = (float(el.get("size")), el.get("family"), el.get("color"))
            elif el.tag == "text":
                size, family, color = fonts[el.get("font")]
                text = "".join(el.itertext())
                if not text.strip():
                    continue
                p.items.append((float(el.get("top")), float(el.get("left")), float(el.get("width")),
                                float(el.get("height")), size, "Bold" in family,
                                near_heading(color), text))
        pages.append(p)
    return pages


class Geometry:
    def __init__(self, page, lang):
        a5 = page.height < 700
        self.y0 = 62 if a5 else 80
        self.y1 = page.height - (56 if a5 else 70)
        self.x0 = 46 if a5 else 68
        size = 9.5 if a5 else 10.5
        self.size = size
        self.lh = size * (1.6 if lang == "ko" else 1.42)
        self.half = (self.lh - size) / 2
        self.h1 = 13.5 if a5 else 15  # a section heading's size is this or more
        self.small = 8.5 if a5 else 10  # table text is this or less


def body(page, g):
    """The text inside the frame (no running header or footer)."""
    return [it for it in page.items if it[0] >= g.y0 - 4 and it[0] + it[3] <= g.y1 + 6]


def lines(items):
    """Items grouped into lines by their bottom, top to bottom; each line's
    items left to right."""
    out = []
    for it in sorted(items, key=lambda it: (it[0] + it[3], it[1])):
        bottom = it[0] + it[3]
        if out and abs(out[-1][0] - bottom) <= 1.5:
            out[-1][1].append(it)
        else:
            out.append([bottom, [it]])
    for line in out:
        line[1].sort(key=lambda it: it[1])
    return out


def table_header(items, g):
    """The top of a table's header row among ITEMS, or None."""
    heads = [it for it in items if it[6] and it[4] <= g.small]
    for line in lines(heads):
        if len(line[1]) >= 2:
            return line[1][0][0]
    return None


def opens_section(page, g):
    items = sorted(body(page, g), key=lambda it: it[0])
    if not items:
        return True
    top = items[0][0]
    return any(it[6] and it[4] >= g.h1 for it in items if it[0] <= top + 2)


def runs(line_items):
    """The runs of a line: its pieces joined where they touch."""
    out = []
    for it in line_items:
        if out and it[1] - out[-1][1] <= 2.5:
            out[-1] = (out[-1][0] + it[7], it[1] + it[2])
        else:
            out.append((it[7], it[1] + it[2]))
    return [r[0] for r in out]


def check(pdf, lang, verbose=False, alone=False):
    pages = read(pdf)
    problems = []
    tables = []  # per page: (header top, rows) or None
    for i, page in enumerate(pages):
        g = Geometry(page, lang)
        items = body(page, g)
        ls = lines(items)
        head = table_header(items, g)
        if head is None:
            tables.append(None)
        else:
            rows = {round(it[0] + it[3]) for it in items
                    if it[0] > head + 2 and not it[6] and abs(it[1] - (g.x0 + 4)) <= 2}
            tables.append(len(rows))
        if not ls:
            continue
        last = i == len(pages) - 1
        bottom = ls[-1][0]
        gap = g.y1 - bottom
        followed = last or opens_section(pages[i + 1], g)
        if verbose:
            print("page %d\tgap %.1f\tline %.1f%s" % (page.number, gap, g.lh,
                                                      "\t(section ends)" if followed else ""))
        if alone and followed and i > 0 and not opens_section(page, g) and len(ls) <= 2:
            problems.append("page %d: the end of a section alone: %d line(s)"
                            % (page.number, len(ls)))
        # (the page before a section's last page, less than half full, which
        # it gave lines to)
        before_last = False
        if i + 2 == len(pages) or (i + 2 < len(pages) and opens_section(pages[i + 2], g)):
            ng = Geometry(pages[i + 1], lang)
            nl = lines(body(pages[i + 1], ng))
            before_last = bool(nl) and nl[-1][0] < (ng.y0 + ng.y1) / 2
        if not followed and gap > (2 if before_last else 1) * g.lh + g.half + 1.5:
            problems.append("page %d: ends %.0f pt short of the frame's foot (a line is %.1f)"
                            % (page.number, gap, g.lh))
        if not last:
            for text in runs(ls[-1][1]):
                if re.search(r"[-\u2010\u00ad]$", text.strip()):
                    problems.append("page %d: its last line ends with a hyphen: %s"
                                    % (page.number, text.strip()[-40:]))
            end = ls[-1][1]
            if all(it[6] for it in end) or (head is None and all(it[5] for it in end)):
                problems.append("page %d: ends with a heading: %s"
                                % (page.number, " ".join(it[7] for it in end)[:60]))
            # or with a heading and the small details line under it (an
            # annex entry whose lead starts the next page)
            elif head is None and len(ls) >= 2 and all(it[6] for it in ls[-2][1]) and \
                    all(it[4] < g.size - 0.4 and not it[6] for it in end):
                problems.append("page %d: ends with a heading and its details: %s"
                                % (page.number, " ".join(it[7] for it in ls[-2][1])[:60]))
    # tables: runs of pages with a header row
    i = 0
    while i < len(tables):
        if tables[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(tables) and tables[j + 1] is not None and \
                pages[j + 1].items and table_header(body(pages[j + 1], Geometry(pages[j + 1], lang)),
                                                    Geometry(pages[j + 1], lang)) is not None:
            j += 1
        total = sum(tables[i:j + 1])
        if j > i and tables[j] < 3 and total >= 3:
            problems.append("page %d: a table's last page holds %d row(s) of %d"
                            % (pages[j].number, tables[j], total))
        if j > i and tables[i] < 3 and total >= 6:
            problems.append("page %d: a table's first page holds %d row(s) of %d"
                            % (pages[i].number, tables[i], total))
        i = j + 1
    return problems


def keeps(pdf, lang):
    pages = read(pdf)
    problems = []
    for i, page in enumerate(pages):
        g = Geometry(page, lang)
        ls = lines(body(page, g))
        if not ls:
            continue
        last = " ".join(runs(ls[-1][1])).strip()
        first = " ".join(runs(ls[0][1])).strip()
        if i + 1 < len(pages) and last.endswith(":"):
            problems.append("page %d: ends with a list's introduction: %s" % (page.number, last[-50:]))
        if i > 0 and re.match(r"[\u2014\u2015]", first):
            problems.append("page %d: opens with an attribution: %s" % (page.number, first[:50]))
    return problems


def main(argv):
    if len(argv) != 4 or argv[1] not in ("check", "gaps", "keeps", "alone"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "keeps":
        for p in keeps(argv[2], argv[3]):
            print(p)
        return 0
    problems = check(argv[2], argv[3], verbose=argv[1] == "gaps", alone=argv[1] == "alone")
    if argv[1] == "alone":
        problems = [p for p in problems if "alone" in p]
    if argv[1] in ("check", "alone"):
        for p in problems:
            print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
