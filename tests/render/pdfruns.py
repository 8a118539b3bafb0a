#!/usr/bin/env python3
"""pdfruns.py - the text runs of a PDF as drawn: for each text-showing
operator (Tj, TJ, ', ") of every page, the font it uses and the text
matrix it is drawn with, for the face tests (tests/render/faces.sh).
Standard library only; the PDF is read through qpdf --json (content
streams decoded). Text is decoded as briefgen writes it: codes of two
bytes (Identity-H), or of one where the ToUnicode CMap's code space is one
byte (a subset of at most 256 glyphs), through each font's ToUnicode CMap.

    pdfruns.py runs PDF [WIDTHS]
                            one line a run: page TAB font TAB skew TAB text
                            (font: the BaseFont without its subset tag;
                            skew: the text matrix's c / d, 0 when upright);
                            with WIDTHS, what 'widths' prints goes to that
                            file (the PDF is read once)
    pdfruns.py widths PDF   font TAB code (hex) TAB width (thousandths of
                            an em) for the en dash and the hyphen of every
                            font (from the CID font's W array)
"""
import base64
import json
import re
import subprocess
import sys

TOKEN = re.compile(rb"\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+)",
                   re.S)


def load(pdf):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-key=pages",
                          "--json-stream-data=inline", "--decode-level=generalized", pdf],
                         capture_output=True, check=False)
    data = json.loads(out.stdout.decode("utf-8"))
    return data["qpdf"][1], data["pages"]


def deref(objs, value):
    while isinstance(value, str) and value.endswith(" R"):
        entry = objs.get("obj:" + value, {})
        value = entry.get("value", entry.get("stream", {}).get("dict"))
    return value


def stream_data(objs, ref):
    entry = objs.get("obj:" + ref, {})
    return base64.b64decode(entry.get("stream", {}).get("data", "") or "")


def literal(tok):
    """The bytes of a PDF literal string (...)."""
    body, out, i = tok[1:-1], bytearray(), 0
    esc = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(body):
        c = body[i]
        if c == 0x5C and i + 1 < len(body):
            n = body[i + 1]
            if n in esc:
                out.append(esc[n])
                i += 2
            elif 0x30 <= n <= 0x37:
                j = i + 1
                while j < len(body) and j < i + 4 and 0x30 <= body[j] <= 0x37:
                    j += 1
                out.append(int(body[i + 1:j], 8) & 0xFF)
                i = j
            else:
                out.append(n)
                i += 2
        else:
            out.append(c)
            i += 1
    return bytes(out)


def string_bytes(tok):
    if tok.startswith(b"("):
        return literal(tok)
    return bytes.fromhex(re.sub(rb"\s", b"", tok[1:-1]).decode())


def to_unicode(objs, font):
    """A Type0 font's ToUnicode CMap as {code: text} (bfchar and bfrange)."""
    ref = font.get("/ToUnicode")
    if not isinstance(ref, str):
        return {}
    data = stream_data(objs, ref).decode("latin-1")
    cmap = {}
    hexes = lambda t: [int(h, 16) for h in re.findall(r"<([0-9A-Fa-f]+)>", t)]
    text = lambda h: bytes.fromhex(h).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            cmap[int(src, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for k, dst in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", rest)):
                    cmap[lo + k] = text(dst)
            else:
                start = bytes.fromhex(rest[1:-1])
                first = int.from_bytes(start, "big")
                for k in range(hi - lo + 1):
                    cmap[lo + k] = text((first + k).to_bytes(len(start), "big").hex())
    return cmap


def code_bytes(objs, font):
    """1 when the font's ToUnicode CMap has a one-byte code space, else 2."""
    ref = font.get("/ToUnicode")
    if not isinstance(ref, str):
        return 2
    data = stream_data(objs, ref).decode("latin-1")
    space = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    return 1 if space and len(space.group(1)) == 2 else 2


def decode(raw, cmap, width=2):
    if width == 1:
        return "".join(cmap.get(c, chr(c)) for c in raw)
    return "".join(cmap.get(raw[i] << 8 | raw[i + 1], chr(raw[i] << 8 | raw[i + 1]))
                   for i in range(0, len(raw) - 1, 2))


def font_names(objs, page):
    """{resource name: (BaseFont without its subset tag, ToUnicode map, bytes a code)}"""
    res = deref(objs, deref(objs, page).get("/Resources")) or {}
    fonts = deref(objs, res.get("/Font")) or {}
    names = {}
    for name, ref in fonts.items():
        font = deref(objs, ref) or {}
        base = str(font.get("/BaseFont", "")).lstrip("/")
        names[name.lstrip("/")] = (re.sub(r"^[A-Z]{6}\+", "", base), to_unicode(objs, font),
                                   code_bytes(objs, font))
    return names


def runs(pdf, loaded=None):
    objs, pages = loaded or load(pdf)
    for n, page in enumerate(pages, 1):
        pobj = deref(objs, page["object"])
        contents = pobj.get("/Contents")
        refs = contents if isinstance(contents, list) else [contents]
        data = b"\n".join(stream_data(objs, r) for r in refs if isinstance(r, str))
        names = font_names(objs, page["object"])
        font, cmap, width, matrix, stack = "", {}, 2, (1, 0, 0, 1), []
        for m in TOKEN.finditer(data):
            tok = m.group(1)
            if tok == b"]":
                at = len(stack) - 1 - stack[::-1].index(b"[") if b"[" in stack else 0
                items, stack = stack[at + 1:], stack[:at]
                stack.append(items)
                continue
            if tok == b"[" or tok[:1] in (b"(", b"<", b"/") or re.fullmatch(rb"[-+.0-9]+", tok):
                stack.append(tok)
                continue
            op = tok.decode("latin-1")
            if op == "Tf" and len(stack) >= 2:
                font, cmap, width = names.get(stack[-2].decode().lstrip("/"),
                                              (stack[-2].decode(), {}, 2))
            elif op == "Tm" and len(stack) >= 6:
                matrix = tuple(float(x) for x in stack[-6:-2])
            elif op in ("Tj", "'", '"', "TJ") and stack:
                arg = stack[-1]
                parts = arg if isinstance(arg, list) else [arg]
                text = "".join(decode(string_bytes(p), cmap, width) for p in parts
                               if isinstance(p, bytes) and p[:1] in (b"(", b"<"))
                a, b, c, d = matrix
                skew = c / d if d else 0.0
                yield n, font, skew, text
            stack = []


def widths(pdf, loaded=None):
    objs, _ = loaded or load(pdf)
    for entry in objs.values():
        font = entry.get("value")
        if not isinstance(font, dict) or font.get("/Subtype") != "/Type0":
            continue
        base = re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont", "")).lstrip("/"))
        for ref in deref(objs, font.get("/DescendantFonts")) or []:
            cid = deref(objs, ref) or {}
            w = deref(objs, cid.get("/W")) or []
            default = cid.get("/DW", 1000)
            found, i = {}, 0
            while i < len(w):  # c [w1 w2 ...] or c_first c_last w
                first = w[i]
                nxt = deref(objs, w[i + 1]) if i + 1 < len(w) else None
                if isinstance(nxt, list):
                    for k, width in enumerate(nxt):
                        found[first + k] = width
                    i += 2
                else:
                    for code in range(first, (w[i + 1] if i + 1 < len(w) else first) + 1):
                        found[code] = w[i + 2] if i + 2 < len(w) else default
                    i += 3
            # the codes of the hyphen and the en dash, through ToUnicode
            codes = {ch: c for c, ch in to_unicode(objs, font).items()}
            for char in ("-", "\u2013"):
                code = codes.get(char)
                if code is not None:  # a code the W array leaves out has /DW
                    yield base, f"{ord(char):04X}", found.get(code, default)


def main(argv):
    if len(argv) in (3, 4) and argv[1] == "runs":
        loaded = load(argv[2])
        for n, font, skew, text in runs(argv[2], loaded):
            print(f"{n}\t{font}\t{skew:.4f}\t{text}")
        if len(argv) == 4:
            with open(argv[3], "w", encoding="utf-8") as out:
                for row in widths(argv[2], loaded):
                    print("\t".join(str(x) for x in row), file=out)
        return 0
    if len(argv) == 3 and argv[1] == "widths":
        for row in widths(argv[2]):
            print("\t".join(str(x) for x in row))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
