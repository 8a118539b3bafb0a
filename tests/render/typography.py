"""typography.py - checks of the set text on the PDF (issue: typographic
quality), read from pdftotext -bbox-layout:

  flush BBOX.html X0 X1 H (H 0: overfull lines only) body paragraphs (blocks of three lines or more of
                          body text, H to 1.15 H high, starting at X0) end within
                          1 pt of X1 on every line but the last; no line
                          passes X1 + 1
  korean PLAIN.txt SRC... every line of the text that ends in Hangul ends
                          with a whole Korean word of the sources
  layer PLAIN.txt TEXT... each TEXT appears in the text layer as written
Prints one line per problem; exit status 1 when there is any."""
import html, re, sys


def lines_of(path):
    data = open(path, encoding="utf-8").read()
    for block in re.findall(r"<block [^>]*>(.*?)</block>", data, re.S):
        lines = []
        for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", block, re.S):
            a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
            words = [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", body)]
            height = float(a["yMax"]) - float(a["yMin"])
            lines.append((float(a["xMin"]), float(a["xMax"]), " ".join(words), height))
        yield lines


# a final hyphen or stop hangs into the margin (optical margin alignment):
# by at most 70% of its width, under 3 pt at these sizes
HANGING = "-.,:;–—"


def limit(x1, text):
    return x1 + (3.0 if text[-1:] in HANGING else 0)


def flush(path, x0, x1, height):
    bad = checked = 0
    for lines in lines_of(path):
        for _, xmax, text, _ in lines:
            if xmax > limit(x1, text) + 1:
                print(f"overfull ({xmax:.2f} > {x1}): {text}")
                bad += 1
        if height <= 0 or len(lines) < 3 or any(abs(l[0] - x0) > 1 or not height <= l[3] <= height * 1.15
                                 for l in lines):
            continue
        checked += len(lines) - 1
        for i, (xmin, xmax, text, _) in enumerate(lines[:-1]):
            # a page reference ("… → p. 4") is a ragged line of its own,
            # and the line before it ends a paragraph
            if "→" in text or "→" in lines[i + 1][2]:
                continue
            if not x1 - 1 <= xmax <= limit(x1, text) + 1 or (
                text[-1:] in HANGING and xmax < x1 + 0.3):
                print(f"not flush right ({xmax:.2f}, margin {x1}): {text}")
                bad += 1
    if height > 0 and checked < 10:
        print(f"only {checked} justified lines found: the check would prove nothing")
        bad += 1
    return bad


HANGUL = re.compile("[\uac00-\ud7a3]")
# what briefgen writes itself: labels, weekdays in dates, page numbers
GENERATED = re.compile(r"^(목차|요약|말씀자료|주요|일지|부록|출처|다루는|주제|날짜|사건|유형|장소|"
                       r"참석자|경과|연수|정상회담|전화통화|회담|방문|대화|합의|인터뷰|성명|기타|"
                       r"\d+쪽|\d+년|.*\([일월화수목금토]\)?|\d+건)$")


def korean(plain, sources):
    words = set()
    for path in sources:
        # emphasis marks inside a word (`**300억 달러**를`) are not letters
        text = open(path, encoding="utf-8").read().replace("*", "").replace("_", "")
        for token in text.split():
            words.add(token.strip(".,;:!?()[]“”‘’\"'·«»—–-*"))
    bad = 0
    for line in open(plain, encoding="utf-8").read().splitlines():
        if not line.strip():
            continue
        last = line.split()[-1].strip(".,;:!?()[]“”‘’\"'·«»—–-*")
        if not HANGUL.search(last[-1:] or " ") or GENERATED.match(last):
            continue
        # the word may have started on the line before only if that line ended it
        if last not in words and not any(w.endswith(last) for w in words if HANGUL.search(w)):
            print(f"line ends inside a Korean word: {line.strip()}")
            bad += 1
    return bad


def layer(plain, texts):
    data = open(plain, encoding="utf-8").read()
    bad = 0
    for t in texts:
        if t not in data:
            print(f"not in the text layer: {t}")
            bad += 1
    return bad


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "flush":
        bad = flush(args[0], float(args[1]), float(args[2]), float(args[3]))
    elif cmd == "korean":
        bad = korean(args[0], args[1:])
    else:
        bad = layer(args[0], args[1:])
    sys.exit(1 if bad else 0)


main()
