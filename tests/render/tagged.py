"""tagged.py PDF - the structure tree and marked content of a tagged PDF
(README "Accessibility and archiving"; ISO 32000-1 14.7-14.8, PDF/UA-1):
every text, image and path-painting operator of every page lies inside
marked content that is an /Artifact or has an MCID the ParentTree maps to
a structure element listing that MCID; every annotation has /StructParent,
mapped to a Link element that refers to it and holds the link's text
(marked content of its own, PDF/UA-1 7.18.5), and /Contents; every Figure
has /Alt; every TH has /Scope; the Catalog has /MarkInfo /Marked true and
/StructTreeRoot, the XMP pdfuaid:part 1; each element's /P is its parent;
marked content in a language of its own names the other one (en, ko).
With --langs, prints how many sequences name a language.
Run with Debian's python3 (python3-pikepdf). Prints one line per failure
(the first few of each kind); exits 1 on any."""
import re
import sys
from collections import Counter

import pikepdf

path = sys.argv[1]
langs = 0
failures = Counter()
shown = []


def check(cond, what):
    if not cond:
        failures[what] += 1
        if failures[what] <= 3:
            shown.append(what)


pdf = pikepdf.open(path)
root = pdf.Root
mark = root.get("/MarkInfo")
check(mark is not None and bool(mark.get("/Marked")), "Catalog /MarkInfo /Marked true")
tree = root.get("/StructTreeRoot")
check(tree is not None, "Catalog /StructTreeRoot")
meta = root.get("/Metadata")
check(meta is not None and b"<pdfuaid:part>1</pdfuaid:part>" in meta.read_bytes(),
      "XMP pdfuaid:part 1")
if tree is None:
    for f in shown:
        print(f"{path}: {f}")
    sys.exit(1)


def same(a, b):
    return a.is_indirect and b.is_indirect and a.objgen == b.objgen


# the parent tree: a number tree, read whole
parents = {}


def read_numbers(node):
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            parents[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        read_numbers(kid)


read_numbers(tree.get("/ParentTree", pikepdf.Dictionary()))

# the structure tree: types, parents, what each element holds (elements
# that group others hold no content of their own)
GROUPING = {"/Document", "/L", "/LI", "/Table", "/THead", "/TBody", "/TR", "/TOC"}
owned = set()  # (page objgen, mcid) listed in an element's /K
objrs = {}     # annotation objgen -> the element referring to it
seen = set()
headings = [0]  # the levels of the headings met, in reading order


def holds_text(elem):
    """True when ELEM (or a Div it overflows into) lists marked content."""
    kids = elem.get("/K")
    if kids is None:
        return False
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for k in kids:
        if isinstance(k, int) or k.get("/Type") == "/MCR":
            return True
        if str(k.get("/S")) == "/Div" and holds_text(k):
            return True
    return False


def walk(elem, parent):
    if elem.objgen in seen:
        check(False, "an element twice in the tree")
        return
    seen.add(elem.objgen)
    kind = str(elem.get("/S"))
    check(same(elem.get("/P"), parent), f"{kind}: /P is its parent")
    if re.fullmatch(r"/H[1-6]", kind):  # PDF/UA-1 7.4.2: no heading level skipped
        level = int(kind[2])
        check(level <= headings[-1] + 1, f"{kind} after H{headings[-1]}: a heading level skipped")
        headings.append(level)
    if kind == "/Figure":
        check("/Alt" in elem and len(str(elem.Alt)) > 0, "Figure with /Alt")
    if kind == "/TH":
        a = elem.get("/A")
        check(a is not None and "/Scope" in a, "TH with /Scope")
    page = elem.get("/Pg")
    kids = elem.get("/K")
    grouping = kind in GROUPING
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for k in kids:
        if isinstance(k, int) or k.get("/Type") == "/MCR":
            check(not grouping, f"{kind}: holds content, not elements")
        if isinstance(k, int):
            check(page is not None, f"{kind}: an MCID with no /Pg")
            if page is not None:
                owned.add((page.objgen, int(k)))
        elif k.get("/Type") == "/MCR":
            pg = k.get("/Pg", page)
            owned.add((pg.objgen, int(k.MCID)))
        elif k.get("/Type") == "/OBJR":
            objrs[k.Obj.objgen] = elem
        else:
            walk(k, elem)


top = tree.get("/K")
check(top is not None and str(top.get("/S")) == "/Document", "the tree's root is a Document")
if top is not None:
    walk(top, tree)

SHOW = {"Tj", "TJ", "'", '"', "Do", "BI", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh"}
for n, page in enumerate(pdf.pages, 1):
    key = page.obj.get("/StructParents")
    marked = parents.get(int(key)) if key is not None else None
    stack = []  # per open BDC/BMC: "artifact", an MCID, "lang" or None
    # an element's content in a row is one marked-content sequence: the
    # element of the last sequence ended, when nothing came after it, and
    # whether a /Lang Span ended it (after which its words go on in a new
    # one, tags.c), as poppler loses what follows a Span in the same one
    last_elem, span_ended, after_span = None, False, False
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        ending_span, after_span = after_span, False
        if op in ("BDC", "BMC") and not stack and not (
                op == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                and "/MCID" in operands[1]):
            last_elem = None
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            if tag == "/Artifact":
                stack.append("artifact")
            elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
                stack.append(mcid)
                if "/Lang" in operands[1]:
                    langs += 1
                    lang = str(operands[1].Lang)
                    check(lang in ("en", "ko") and lang != str(root.get("/Lang")),
                          f"page {n}: /Lang {lang} in a {root.get('/Lang')} document")
                check(marked is not None and mcid < len(marked),
                      f"page {n}: MCID {mcid} not in the ParentTree")
                if marked is not None and mcid < len(marked) and len(stack) == 1:
                    check(last_elem is None or last_elem != marked[mcid].objgen or span_ended,
                          f"page {n}: {tag} split into two marked-content sequences in a row")
                if marked is not None and mcid < len(marked):
                    elem = marked[mcid]
                    check(str(elem.get("/S")) == tag, f"page {n}: MCID {mcid} tagged {tag} "
                          f"but its element is {elem.get('/S')}")
                    check((page.obj.objgen, mcid) in owned,
                          f"page {n}: MCID {mcid} not in its element's /K")
            elif op == "BDC" and tag == "/Span" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/Lang" in operands[1]:
                # words in the other language inside an element's marked
                # content: a Span whose property is /Lang (ISO 32000-1,
                # 14.9.2.2), inside the content of an MCID
                langs += 1
                lang = str(operands[1].Lang)
                check(lang in ("en", "ko") and lang != str(root.get("/Lang")),
                      f"page {n}: /Lang {lang} in a {root.get('/Lang')} document")
                check(any(isinstance(s, int) for s in stack),
                      f"page {n}: a /Lang Span outside an element's marked content")
                stack.append("lang")
            else:
                stack.append(None)
        elif op == "EMC":
            check(len(stack) > 0, f"page {n}: EMC without BDC")
            if stack:
                top = stack.pop()
                after_span = top == "lang"
                if isinstance(top, int) and not stack:
                    ok = marked is not None and top < len(marked)
                    last_elem = marked[top].objgen if ok else None
                    span_ended = ending_span
        elif op in SHOW:
            check(any(s == "artifact" or isinstance(s, int) for s in stack),
                  f"page {n}: {op} outside tagged content or an artifact")
    check(not stack, f"page {n}: marked content left open")
    annots = page.obj.get("/Annots", [])
    if len(annots):
        check(str(page.obj.get("/Tabs")) == "/S", f"page {n}: /Tabs /S")
    for a in annots:
        check("/Contents" in a and len(str(a.Contents)) > 0, f"page {n}: annotation /Contents")
        sp = a.get("/StructParent")
        check(sp is not None, f"page {n}: annotation /StructParent")
        if sp is not None:
            link = parents.get(int(sp))
            check(link is not None and str(link.get("/S")) == "/Link"
                  and a.objgen in objrs and same(objrs[a.objgen], link),
                  f"page {n}: annotation's StructParent is its Link element")
            check(link is not None and holds_text(link),
                  f"page {n}: a Link element holds the link's text")

for f in shown:
    print(f"{path}: {f}" + (f" ({failures[f]} times)" if failures[f] > 1 else ""))
if "--langs" in sys.argv[2:]:
    print(langs)
sys.exit(1 if failures else 0)
