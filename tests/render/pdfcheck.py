#!/usr/bin/env python3
"""pdfcheck.py - what the render tests (tests/render/*.sh) read out of a
brief definition, the corpus and a rendered PDF. Standard library only; the
PDF is read through poppler-utils (pdftotext) and qpdf --json.

    pdfcheck.py brief BRIEF.yaml KEY          a brief's value (select.themes ...)
    pdfcheck.py picked BRIEF.yaml [--chronology] < LIST.json
                                              the picked events (those in the
                                              chronology's range), in order:
                                              id TAB date TAB title (in the
                                              brief's language) TAB file
    pdfcheck.py brief-all BRIEF.yaml          every value: KEY TAB value lines
    pdfcheck.py labels BRIEF.yaml             the labels of its sections
    pdfcheck.py body EVENT.md...              lead|passage TAB the opening
                                              words of each part of the bodies
    pdfcheck.py sources BRIEF.yaml FILE...    distinct source titles and URLs
                                              of event files: url TAB title
    pdfcheck.py pages PDF                     each page's layout text, pages
                                              separated by a line "\\f"
    pdfcheck.py section PDF HEADING END...    "FIRST LAST" pages of the part of
                                              the document that starts at the
                                              line HEADING and ends before the
                                              first END line (or at the end),
                                              then its plain text
    pdfcheck.py column PDF FIRST LAST LANG COLUMN...
                                              the text of a table's title
                                              column on pages FIRST..LAST
                                              (from word positions)
    pdfcheck.py rows COLUMNFILE < TITLES      checks that a title column holds
                                              these titles in this order and
                                              nothing between them
    pdfcheck.py header LANG COLUMN...         the header row of a chronology
    pdfcheck.py in-order TEXTFILE < TITLES    checks that each title occurs in
                                              the text after the one before;
                                              prints the problems
    pdfcheck.py contains TEXTFILE < TITLES    prints the titles not in the text
    pdfcheck.py outline PDF                   depth TAB title TAB page TAB y
    pdfcheck.py fontfiles PDF                 name TAB FontFile2|... TAB decoded
                                              length of each embedded font
    pdfcheck.py page-ends PDF                 page TAB its first line TAB its
                                              last line TAB how many lines have
                                              a page number
    pdfcheck.py outline-pages PDF             bookmarks whose page does not
                                              show their title
    pdfcheck.py links PDF                     page TAB dest|goto|uri|other TAB
                                              target page TAB y, or the URI
    pdfcheck.py date LANG YYYY-MM-DD          a date as the footer shows it

Titles are compared on a key without white space and hyphens, and with
straight quotes for curly ones, so that a title wrapped (or hyphenated)
across lines, or typeset with typographic quotes, still matches.
"""
import calendar
import datetime
import json
import re
import subprocess
import sys


# ---------------------------------------------------------------- briefs

def parse_scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def parse_flow_list(text):
    inner = text.strip()[1:-1]
    return [parse_scalar(x) for x in inner.split(",") if x.strip()]


def load_brief(path):
    """A small reader for the brief files of this repository: mappings by
    indentation, flow and block lists of scalars; a block scalar's value is
    True (present)."""
    root = {}
    stack = [(-1, root)]  # (indent of the key that opened it, mapping)
    lines = open(path, encoding="utf-8").read().split("\n")

    def indent_of(line):
        return len(line) - len(line.lstrip(" "))

    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = indent_of(line)
        while indent <= stack[-1][0]:
            stack.pop()
        parent = stack[-1][1]
        key, _, value = line.strip().partition(":")
        key, value = key.strip(), value.strip()
        if value in ("|", ">", "|-", ">-"):
            parent[key] = True
            while i < len(lines) and (not lines[i].strip() or indent_of(lines[i]) > indent):
                i += 1
        elif value == "":
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and lines[j].strip().startswith("- "):
                items = []
                while j < len(lines) and lines[j].strip().startswith("- "):
                    items.append(parse_scalar(lines[j].strip()[2:]))
                    j += 1
                parent[key] = items
                i = j
            else:
                parent[key] = {}
                stack.append((indent, parent[key]))
        elif value.startswith("["):
            parent[key] = parse_flow_list(value)
        else:
            parent[key] = parse_scalar(value)
    return root


def brief_get(brief, dotted):
    node = brief
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def period(date):
    """First and last day (YYYY-MM-DD) of a full or partial date."""
    parts = date.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return date, date


def picked(brief, events):
    sel = brief.get("select") or {}
    listed = set(sel.get("events") or [])
    exclude = set(sel.get("exclude") or [])
    themes = sel.get("themes")
    kinds = sel.get("kinds")
    participants = sel.get("participants")
    from_ = sel.get("from")
    to = sel.get("to")
    filtered = any(x is not None for x in (themes, kinds, participants, from_, to))
    out = []
    for ev in events:
        keep = ev["id"] in listed
        if not keep and filtered:
            first, last = period(ev["date"])
            if ev.get("end"):
                last = period(ev["end"])[1]
            keep = True
            if themes is not None and not set(themes) & set(ev.get("themes") or []):
                keep = False
            if kinds is not None and ev["kind"] not in kinds:
                keep = False
            if participants is not None and not set(participants) & set(ev.get("participants") or []):
                keep = False
            if from_ is not None and last < period(from_)[0]:
                keep = False
            if to is not None and first > period(to)[1]:
                keep = False
        if keep and ev["id"] not in exclude:
            out.append(ev)
    # date (a partial date sorts before the full dates of its period), time, id
    out.sort(key=lambda ev: (ev["date"], ev.get("time") or "", ev["id"]))
    return out


def in_chronology(brief, events):
    """The picked events in the chronology's range (default: all)."""
    chron = brief.get("chronology") or {}
    from_, to = chron.get("from"), chron.get("to")
    out = []
    for ev in events:
        first, last = period(ev["date"])
        if ev.get("end"):
            last = period(ev["end"])[1]
        if from_ and last < period(from_)[0]:
            continue
        if to and first > period(to)[1]:
            continue
        out.append(ev)
    return out


def event_title(brief, ev):
    if brief.get("language") == "ko" and ev.get("title_ko"):
        return ev["title_ko"]
    return ev["title"]


def event_sources(path):
    """(title, url) of the sources in an event file's front matter."""
    text = open(path, encoding="utf-8").read()
    front = text.split("\n---", 1)[0]
    out = []
    in_sources = False
    current = None
    for line in front.split("\n"):
        if re.match(r"^sources:", line):
            in_sources = True
            continue
        if in_sources and re.match(r"^\S", line):
            in_sources = False
        if not in_sources:
            continue
        m = re.match(r"^\s*(-\s+)?(\w+):\s*(.*)$", line)
        if not m:
            continue
        if m.group(1):
            current = {}
            out.append(current)
        if current is not None:
            current[m.group(2)] = parse_scalar(m.group(3))
    return [(s.get("title", ""), s.get("url", "")) for s in out]


def theme_labels(brief_path, brief):
    """Labels of the brief's sections, in order, in the brief's language."""
    import os
    themes_file = os.path.join(os.path.dirname(brief_path), brief.get("themes_file") or "themes.yaml")
    themes = {}
    current = None
    for line in open(themes_file, encoding="utf-8"):
        m = re.match(r"^\s*(-\s+)?(id|label|label_ko):\s*(.*)$", line)
        if not m:
            continue
        if m.group(2) == "id":
            current = themes.setdefault(parse_scalar(m.group(3)), {})
        elif current is not None:
            current[m.group(2)] = parse_scalar(m.group(3))
    ids = brief.get("sections") or (brief.get("select") or {}).get("themes") or []
    ko = brief.get("language") == "ko"
    out = []
    for tid in ids:
        t = themes.get(tid, {})
        out.append((ko and t.get("label_ko")) or t.get("label") or tid)
    return out


def body_parts(path, words=8):
    """('lead' | 'passage', the first WORDS words of its first paragraph,
    Markdown marks removed) of an event file's body."""
    text = open(path, encoding="utf-8").read()
    if text.startswith("---\n"):  # front matter (optional in a Korean text)
        parts = text.split("\n---\n", 1)
        body = parts[1] if len(parts) > 1 else ""
    else:
        body = text
    out = []
    kind, para = "lead", []
    for line in body.split("\n") + ["## end"]:
        if line.startswith("## "):
            if para:
                out.append((kind, para))
            kind, para = "passage", []
            continue
        if not para and line.strip() and not line.lstrip().startswith(("-", "*", "1.", ">")):
            para = line.split()
    rows = []
    for kind, para in out:
        opening = " ".join(para[:words])
        opening = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", opening)
        opening = re.sub(r"[*_`]", "", opening)
        rows.append((kind, opening))
    return rows


# ---------------------------------------------------------------- PDFs

def run(args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def page_texts(pdf, layout):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [pdf, "-"]
    pages = run(args).split("\f")
    if pages and pages[-1].strip() == "":
        pages.pop()
    return pages


def is_heading_line(line, heading):
    return line.strip() == heading


def section(pdf, heading, ends):
    """Pages (1-based, first and last) and plain text of the part that
    starts at the line HEADING (not a contents line: those carry leaders
    and a page number in layout text) and ends before an END line."""
    layout = page_texts(pdf, True)
    plain = page_texts(pdf, False)
    start = None
    for n, text in enumerate(layout):
        if any(is_heading_line(l, heading) for l in text.split("\n")):
            start = n
            break
    if start is None:
        return None, None, ""
    last = len(layout) - 1
    text_parts = []
    for n in range(start, len(plain)):
        lines = plain[n].split("\n")
        if n == start:
            k = next((i for i, l in enumerate(lines) if is_heading_line(l, heading)), 0)
            lines = lines[k + 1:]
        cut = next((i for i, l in enumerate(lines) if any(is_heading_line(l, e) for e in ends)), None)
        if cut is not None:
            text_parts.append("\n".join(lines[:cut]))
            # the part ends on this page unless the END heading opens it:
            # in layout text, nothing but the running header line before it
            last = n
            if n > start:
                llines = layout[n].split("\n")
                k = next((i for i, l in enumerate(llines)
                          if any(is_heading_line(l, e) for e in ends)), len(llines))
                if len([l for l in llines[:k] if l.strip()]) <= 1:
                    last = n - 1
            break
        text_parts.append("\n".join(lines))
    return start + 1, last + 1, "\n".join(text_parts)


COLUMN_LABELS = {
    "en": {"date": "Date", "title": "Event", "kind": "Kind", "place": "Place",
           "participants": "Participants", "themes": "Themes", "years_ago": "Years ago"},
    "ko": {"date": "날짜", "title": "사건", "kind": "유형", "place": "장소",
           "participants": "참석자", "themes": "주제", "years_ago": "경과 연수"},
}


def page_words(pdf, page):
    """(xMin, yMin, xMax, text) of the words of PAGE, from pdftotext -bbox."""
    import html
    out = run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"])
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="[\d.]+">(.*?)</word>', out):
        words.append((float(m.group(1)), float(m.group(2)), float(m.group(3)),
                      html.unescape(m.group(4))))
    return words


def column_text(pdf, first, last, label, next_label):
    """The words of the table column headed LABEL (up to the column headed
    NEXT_LABEL, or the page's right edge) on pages FIRST..LAST, below the
    header row and above the footer line, in reading order; a page without
    a header row uses the previous page's columns."""
    lines = []
    x0 = x1 = None
    label = label.split()[0]
    next_label = next_label.split()[0] if next_label else None
    for page in range(first, last + 1):
        words = page_words(pdf, page)
        header_y = None
        for (x, y, _, text) in sorted(words, key=lambda w: (w[1], w[0])):
            if text != label:
                continue
            nxt = [w for w in words if next_label and w[3] == next_label
                   and abs(w[1] - y) < 1 and w[0] > x]
            if next_label is None or nxt:
                header_y = y
                x0 = x
                x1 = min(w[0] for w in nxt) if nxt else 1e9
                break
        if x0 is None:
            continue
        top = header_y + 1 if header_y is not None else -1
        # the footer line: the one with the page number ('Page' N of M, N / M)
        foot = [w[1] for w in words if w[1] > top and w[3] in ("Page", "/")]
        bottom = max(foot) - 2 if foot else 1e9
        col = [w for w in words if x0 - 0.5 <= w[0] < x1 - 0.5 and top < w[1] < bottom]
        # a line's words by x: words whose tops lie within 3 pt (faces of
        # one line differ in ascent: Gentium's words stand 1.6 pt above Nanum's)
        col.sort(key=lambda w: w[1])
        rows = []
        for w in col:
            if rows and w[1] - rows[-1][0][1] < 3:
                rows[-1].append(w)
            else:
                rows.append([w])
        lines.append(" ".join(w[3] for row in rows for w in sorted(row, key=lambda w: w[0])))
    return "\n".join(lines)


def key(text):
    text = re.sub(r"[\u2018\u2019]", "'", re.sub(r"[\u201c\u201d]", '"', text))
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def in_order(text, titles):
    hay = key(text)
    pos = 0
    problems = []
    for title in titles:
        k = key(title)
        at = hay.find(k, pos)
        if at < 0:
            if hay.find(k) >= 0:
                problems.append(f"out of order: {title}")
            else:
                problems.append(f"missing: {title}")
            continue
        pos = at + len(k)
    return problems


def fmt_y(y):
    return f"{y:.1f}" if isinstance(y, (int, float)) else ""


def qpdf_json(pdf):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-key=pages",
                          "--json-key=outlines", pdf], capture_output=True)
    return json.loads(out.stdout.decode("utf-8"))


def outline(pdf):
    data = qpdf_json(pdf)
    rows = []

    def walk(items, depth):
        for item in items:
            dest = item.get("dest")
            y = dest[3] if isinstance(dest, list) and len(dest) > 3 and dest[1] == "/XYZ" else ""
            rows.append((depth, item.get("title", ""), item.get("destpageposfrom1", 0), fmt_y(y)))
            walk(item.get("kids", []), depth + 1)

    walk(data.get("outlines", []), 0)
    return rows


def links(pdf):
    data = qpdf_json(pdf)
    objs = data["qpdf"][1]
    page_no = {}
    for n, page in enumerate(data["pages"], 1):
        page_no[page["object"]] = n

    def deref(value):
        while isinstance(value, str) and value.endswith(" R"):
            value = objs.get("obj:" + value, {}).get("value")
        return value

    def dest_page(dest):
        """'PAGE<TAB>Y' of an explicit destination (Y empty unless /XYZ)."""
        dest = deref(dest)
        if isinstance(dest, list) and dest:
            y = dest[3] if len(dest) > 3 and dest[1] == "/XYZ" else ""
            return f"{page_no.get(dest[0], 0)}\t{fmt_y(y)}"
        return "0\t"

    rows = []
    for page in data["pages"]:
        n = page_no[page["object"]]
        pobj = deref(page["object"]) or {}
        for annot in deref(pobj.get("/Annots")) or []:
            a = deref(annot) or {}
            if a.get("/Subtype") != "/Link":
                continue
            if "/Dest" in a:
                rows.append((n, "dest", dest_page(a["/Dest"])))
                continue
            action = deref(a.get("/A")) or {}
            if action.get("/S") == "/GoTo":
                rows.append((n, "goto", dest_page(action.get("/D"))))
            elif action.get("/S") == "/URI":
                uri = action.get("/URI", "")
                if isinstance(uri, str) and uri[:2] in ("u:", "b:"):
                    uri = uri[2:] if uri[0] == "u" else bytes.fromhex(uri[2:]).decode("latin-1")
                rows.append((n, "uri", uri))
            else:
                rows.append((n, "other", str(action.get("/S"))))
    return rows


def font_files(pdf):
    """(font name, FontFile key, decoded length) of every font descriptor."""
    data = qpdf_json(pdf)
    objs = data["qpdf"][1]
    rows = []
    for entry in objs.values():
        desc = entry.get("value")
        if not isinstance(desc, dict) or desc.get("/Type") != "/FontDescriptor":
            continue
        kind, length = "none", 0
        for k in ("/FontFile2", "/FontFile3", "/FontFile"):
            ref = desc.get(k)
            if isinstance(ref, str):
                stream = objs.get("obj:" + ref, {}).get("stream", {}).get("dict", {})
                kind = k[1:]
                length = stream.get("/Length1", -1)
                if not isinstance(length, int):
                    length = -1
                break
        rows.append((str(desc.get("/FontName", "")).lstrip("/"), kind, length))
    return rows


# ---------------------------------------------------------------- main

def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "brief":
        value = brief_get(load_brief(argv[2]), argv[3])
        if isinstance(value, list):
            print("\n".join(value))
        elif value is not None:
            print(value)
        return 0
    if cmd == "brief-all":  # every key: dotted.key TAB value (a list: one line an item)
        def walk(node, prefix):
            for k, v in node.items():
                name = prefix + k
                if isinstance(v, dict):
                    walk(v, name + ".")
                elif isinstance(v, list):
                    for item in v:
                        print(f"{name}\t{item}")
                else:
                    print(f"{name}\t{v}")
        walk(load_brief(argv[2]), "")
        return 0
    if cmd == "picked":
        brief = load_brief(argv[2])
        events = picked(brief, json.load(sys.stdin))
        if "--chronology" in argv[3:]:
            events = in_chronology(brief, events)
        for ev in events:
            print("\t".join([ev["id"], ev["date"], event_title(brief, ev), ev["file"]]))
        return 0
    if cmd == "labels":
        for label in theme_labels(argv[2], load_brief(argv[2])):
            print(label)
        return 0
    if cmd == "body":
        for path in argv[2:]:
            for kind, opening in body_parts(path):
                print(f"{kind}\t{opening}")
        return 0
    if cmd == "sources":
        seen = set()
        for path in argv[3:]:
            for title, url in event_sources(path):
                if (title, url) not in seen:
                    seen.add((title, url))
                    print(f"{url}\t{title}")
        return 0
    if cmd == "pages":
        print("\n\f\n".join(page_texts(argv[2], True)))
        return 0
    if cmd == "section":
        first, last, text = section(argv[2], argv[3], argv[4:])
        print(f"{first or 0} {last or 0}")
        print(text)
        return 0
    if cmd == "column":  # column PDF FIRST LAST LANG COLUMNS... : the title column's text
        first, last, lang, columns = int(argv[3]), int(argv[4]), argv[5], argv[6:]
        labels = COLUMN_LABELS["ko" if lang == "ko" else "en"]
        k = columns.index("title")
        nxt = labels.get(columns[k + 1], columns[k + 1]) if k + 1 < len(columns) else None
        print(column_text(argv[2], first, last, labels["title"], nxt))
        return 0
    if cmd == "header":  # header LANG COLUMNS... : the header row's text
        labels = COLUMN_LABELS["ko" if argv[2] == "ko" else "en"]
        print(" ".join(labels.get(c, c) for c in argv[3:]))
        return 0
    if cmd == "rows":  # rows COLUMNFILE < TITLES : the column is these titles, in order
        col = key(open(argv[2], encoding="utf-8").read())
        titles = [t for t in sys.stdin.read().split("\n") if t.strip()]
        want = key("".join(titles))
        if not col.startswith(want):
            n = next((i for i in range(min(len(col), len(want))) if col[i] != want[i]),
                     min(len(col), len(want)))
            print(f"rows differ at [{col[max(0, n - 30):n + 30]}], want [{want[max(0, n - 30):n + 30]}]")
        return 0
    if cmd in ("in-order", "contains"):
        text = open(argv[2], encoding="utf-8").read()
        titles = [t for t in sys.stdin.read().split("\n") if t.strip()]
        if cmd == "in-order":
            problems = in_order(text, titles)
        else:
            hay = key(text)
            problems = [f"missing: {t}" for t in titles if key(t) not in hay]
        for p in problems:
            print(p)
        return 0
    if cmd == "outline":
        for row in outline(argv[2]):
            print("\t".join(str(x) for x in row))
        return 0
    if cmd == "fontfiles":
        for name, kind, length in font_files(argv[2]):
            print(f"{name}\t{kind}\t{length}")
        return 0
    if cmd == "page-ends":  # page TAB first line TAB last line TAB page numbers
        for n, text in enumerate(page_texts(argv[2], True), 1):
            lines = [" ".join(l.split()) for l in text.split("\n") if l.strip()]
            numbers = sum(1 for l in lines if re.search(r"Page \d+ of \d+|(?:^|[\s)])\d+ ?/ ?\d+$", l))
            print(f"{n}\t{lines[0] if lines else ''}\t{lines[-1] if lines else ''}\t{numbers}")
        return 0
    if cmd == "outline-pages":  # each bookmark's page shows its title
        pages = page_texts(argv[2], True)
        for depth, title, page, _ in outline(argv[2]):
            if not 1 <= page <= len(pages):
                print(f"'{title}' leads to page {page} of {len(pages)}")
            elif key(title) not in key(pages[page - 1]):
                print(f"'{title}' leads to page {page}, which does not show it")
        return 0
    if cmd == "links":
        for row in links(argv[2]):
            print("\t".join(str(x) for x in row))
        return 0
    if cmd == "date":  # date LANG YYYY-MM-DD: the brief date as the footer shows it
        d = datetime.date.fromisoformat(argv[3])
        if argv[2] == "ko":
            print(f"{d.year}. {d.month}. {d.day}.({'월화수목금토일'[d.weekday()]})")
        else:
            print(f"{d.day} {calendar.month_name[d.month]} {d.year}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
