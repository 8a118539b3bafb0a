"""The operators of a PDF's page content streams are written without waste
(ISO 32000-1, 8.4, 9.4): no operator sets a font, size, colour or line
width the graphics state holds already, a line's origin moves with Td where the line
matrix stays a translation (a Tm is written only from a slanted matrix or
to a slanted one, or where a reader adding the Td's numbers as doubles
would not land on the double the Tm gives it: Python's float, correctly
rounded, and poppler's lexer, which adds each decimal digit times 0.1,
0.01, ... in turn), a TJ array has no two strings side by side, no 0, and
no number after its last string (which moves only the pen, which no later
operator reads). The letter-spacing (Tc, a letter-spaced line's) is set
only when it changes, and is 0 again when a page's content ends (text
state outlives BT and ET: ISO 32000-1, 9.3.1). A font of at most 256 codes has codes of one byte,
through an embedded CMap (ISO 32000-1, 9.7.5.3) whose CIDSystemInfo is
the CIDFont's and whose code space is one byte (ISO 19005-2, 6.2.11.3),
its ToUnicode CMap's too. q and Q save and restore the state; BT resets the line
matrix. Prints one line for each fault (page, operator) and exits 1.

usage: content.py PDF"""
import re
import sys
from decimal import Decimal

import pikepdf


def digit_sum(text):
    """A number as poppler's lexer (Lexer.cc) reads it."""
    neg = text.startswith("-")
    whole, _, frac = text.lstrip("-").partition(".")
    v = float(int(whole or "0"))
    scale = 0.1
    for d in frac:
        v = v + scale * int(d)
        scale *= 0.1
    return -v if neg else v


def shortest(d):
    """Decimal D as the shortest text with at most 2 decimals."""
    t = f"{d:.2f}".rstrip("0").rstrip(".")
    return "0" if t in ("-0", "") else t


READERS = (float, digit_sum)


def td_lands(lines, origin, x, y):
    """Whether a Td from ORIGIN to X, Y (texts) lands every reader (its
    line offset in LINES, from a translation matrix E F) on the Tm's double."""
    dx, dy = shortest(Decimal(x) - origin[0]), shortest(Decimal(y) - origin[1])
    for k, parse in enumerate(READERS):
        lx, ly, e, f = lines[k]
        lx, ly = lx + parse(dx), ly + parse(dy)
        if (1 * lx + 0 * ly + e, 0 * lx + 1 * ly + f) != (parse(x), parse(y)):
            return False
    return True


def font_faults(pdf):
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            if font.objgen in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(font.objgen)
            unicode = font.ToUnicode.read_bytes().decode("latin-1")
            space, _, body = unicode.partition("endcodespacerange")
            codes = [int(c, 16) for c in re.findall(r"^<([0-9A-F]+)>", body, re.M)]
            codes += [int(c, 16) for c in re.findall(r"^<[0-9A-F]+> <([0-9A-F]+)> <", body, re.M)]
            enc = font.Encoding
            cid = font.DescendantFonts[0]
            if codes and max(codes) < 256 and enc == "/Identity-H":
                yield f"{font.BaseFont}: codes under 256 in two bytes (Identity-H)"
            if isinstance(enc, pikepdf.Stream):
                cmap = enc.read_bytes().decode("latin-1")
                info = lambda d: tuple(str(d.CIDSystemInfo[k]) for k in ("/Registry", "/Ordering"))
                if enc.get("/Type") != "/CMap" or info(enc) != info(cid):
                    yield f"{font.BaseFont}: the CMap's dictionary"
                one = "<00> <FF>" in cmap and "<00> <FF>" in space
                if not one or int(enc.get("/WMode", 0)) != 0:
                    yield f"{font.BaseFont}: a one-byte CMap without a one-byte code space"


def faults(path):
    pdf = pikepdf.open(path)
    yield from font_faults(pdf)
    for n, page in enumerate(pdf.pages, 1):
        state = {"font": None, "rg": None, "RG": None, "w": None, "Tc": (0.0,)}
        saved = []
        linear = (1, 0, 0, 1)
        origin = (Decimal(0), Decimal(0))
        lines = [(0.0, 0.0, 0.0, 0.0) for _ in READERS]
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            nums = lambda: tuple(round(float(x), 6) for x in operands)
            if op == "q":
                saved.append(dict(state))
            elif op == "Q" and saved:
                state = saved.pop()
            elif op == "BT":
                linear = (1, 0, 0, 1)
                origin = (Decimal(0), Decimal(0))
                lines = [(0.0, 0.0, 0.0, 0.0) for _ in READERS]
            elif op == "Td":
                x, y = str(operands[0]), str(operands[1])
                origin = (origin[0] + Decimal(x), origin[1] + Decimal(y))
                lines = [(lx + p(x), ly + p(y), e, f) for (lx, ly, e, f), p in zip(lines, READERS)]
            elif op in ("rg", "RG", "w", "Tf", "Tc"):
                key = "font" if op == "Tf" else op
                value = (str(operands[0]), float(operands[1])) if op == "Tf" else nums()
                if state[key] == value:
                    yield f"page {n}: {op} {value} sets what the state holds"
                state[key] = value
            elif op in ("g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"):
                state["rg" if op.islower() else "RG"] = None
            elif op == "Tm":
                m = nums()
                x, y = str(operands[4]), str(operands[5])
                translation = m[:4] == (1, 0, 0, 1) and linear == (1, 0, 0, 1)
                if translation and td_lands(lines, origin, x, y):
                    yield f"page {n}: Tm {m} where Td would do"
                linear = m[:4]
                origin = (Decimal(x), Decimal(y))
                lines = [(0.0, 0.0, p(x), p(y)) for p in READERS]
            elif op == "TJ":
                items = list(operands[0])
                for a, b in zip(items, items[1:]):
                    if isinstance(a, pikepdf.String) and isinstance(b, pikepdf.String):
                        yield f"page {n}: TJ with two strings side by side"
                        break
                if any(not isinstance(x, pikepdf.String) and float(x) == 0 for x in items):
                    yield f"page {n}: TJ with a 0"
                if items and not isinstance(items[-1], pikepdf.String):
                    yield f"page {n}: TJ ending in a number"
        if state["Tc"] != (0.0,):
            yield f"page {n}: Tc {state['Tc']} left set"


def main():
    found = 0
    for fault in faults(sys.argv[1]):
        found += 1
        if found <= 20:
            print(fault)
    if found > 20:
        print(f"... {found} faults")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
