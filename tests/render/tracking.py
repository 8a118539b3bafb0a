"""tracking.py - the letter-spaced lines of a PDF (issue 11): a line the
line breaker had to set looser than the body's limit has its spaces at
the limit and the rest between its letters, one Tc (ISO 32000-1, 9.3.2)
before its text and 0 again after. Prints, for each letter-spaced text
operator, "page N: Tc T at size S"; then for each line of `pdftotext
-bbox-layout` drawn by one: "line: WORDS|XMIN|XMAX|PAGE_WIDTH"; with a
fault, "fault: ..." (letter-spacing over 0.02 em, closing up over 0.01
em, or left set at the end of a page's content).

usage: tracking.py PDF"""
import sys

import pikepdf

from lines import layout  # (pdftotext -bbox-layout, read as a tree)


def main():
    path = sys.argv[1]
    pdf = pikepdf.open(path)
    pages = set()
    for n, page in enumerate(pdf.pages, 1):
        tc = size = 0.0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "Tf":
                size = float(operands[1])
            elif op == "Tc":
                tc = float(operands[0])
            elif op in ("TJ", "Tj") and tc:
                print(f"page {n}: Tc {tc} at size {size}")
                pages.add(n)
                if tc > 0.02 * size + 1e-9:
                    print(f"fault: page {n}: Tc {tc} over 0.02 em at {size}")
                if tc < -0.01 * size - 1e-9:
                    print(f"fault: page {n}: Tc {tc} closes up more than 0.01 em at {size}")
        if tc:
            print(f"fault: page {n}: Tc left at {tc}")
    for n, page in enumerate(layout(path).iter("page"), 1):
        if n not in pages:
            continue
        for line in page.iter("line"):
            words = " ".join(w.text or "" for w in line.iter("word"))
            print(f"line: {words}|{line.get('xMin')}|{line.get('xMax')}|{page.get('width')}")


if __name__ == "__main__":
    main()
