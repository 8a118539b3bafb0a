"""tagbytes.py PDF [BOUND] - what the tagging of a briefgen PDF costs in
bytes (README "Tagged PDF"; src/pdf/objstm.c, tags.c, annot.c): every
object stream's number-offset pairs filtered by a PNG predictor
(/DecodeParms /Predictor 10 or more; ISO 32000-1 7.4.4.4, 7.5.7); no
object in an object stream written as libharu writes it (a line per
entry, "[ " and " ]" round an array's items, "/" escaped as \\057 in a
string); the structure elements in object streams of their own, which
take fewer than BOUND bytes an element (12 unless told: 9 to 10.5 in the
samples and synthetic corpora; written as libharu writes them, in
streams of their own with plain pairs, 13.5 in the 400-event corpus); the
parent tree's leaves in an object stream of their own, laid out a
reference a row under PNG's Up filter (/Columns 32 at most), in fewer
than 200 bytes and 1.5 a reference (0.7 a reference in the 400-event
corpus; 2.3 written as text among the other objects); each link annotation's /Rect in hundredths of
a point at most, and no /P. Run with Debian's python3
(python3-pikepdf). Prints one line per failure; exits 1 on any."""
import sys

import pikepdf

path = sys.argv[1]
bound = float(sys.argv[2]) if len(sys.argv) > 2 else 12.0
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


pdf = pikepdf.open(path)
elements = set()
root = pdf.Root.get("/StructTreeRoot")
todo = [root.K] if root is not None and "/K" in root else []
while todo:
    e = todo.pop()
    if not isinstance(e, pikepdf.Dictionary) or e.objgen in elements:
        continue
    elements.add(e.objgen)
    k = e.get("/K")
    kids = list(k) if isinstance(k, pikepdf.Array) else [k]
    todo.extend(x for x in kids if isinstance(x, pikepdf.Dictionary) and "/S" in x)
check(elements, "a structure tree")

# the parent tree's leaves and how many references they hold
leaves, refs = set(), 0
tree = root.get("/ParentTree") if root is not None else None
todo = [tree] if tree is not None else []
while todo:
    node = todo.pop()
    todo.extend(node.get("/Kids", []))
    nums = node.get("/Nums")
    if nums is not None:
        leaves.add(node.objgen)
        for v in list(nums)[1::2]:
            refs += len(v) if isinstance(v, pikepdf.Array) else 1
check(leaves, "a parent tree")
leaf_bytes = 0

elem_bytes = elem_count = 0
for obj in pdf.objects:
    if not isinstance(obj, pikepdf.Stream) or obj.get("/Type") != "/ObjStm":
        continue
    n = int(obj.N)
    data = obj.read_bytes()
    first = int(obj.First)
    parms = obj.get("/DecodeParms")
    check(parms is not None and int(parms.get("/Predictor", 1)) >= 10,
          f"object stream {obj.objgen[0]} ({n} objects): no PNG predictor")
    body = data[first:]
    # (a stream of rows, the parent tree's, is padded with spaces on purpose)
    rows = parms is not None and int(parms.get("/Columns", 1)) <= 32 and "/Colors" not in parms
    check(b"<<\n" not in body and b"\n>>" not in body and (rows or b"[ " not in body),
          f"object stream {obj.objgen[0]}: objects written a line an entry")
    check(b"\\057" not in body, f"object stream {obj.objgen[0]}: '/' escaped as \\057")
    numbers = [int(x) for x in data[:first].split()[0::2]]
    held = sum(1 for x in numbers if (x, 0) in elements)
    check(held in (0, n), f"object stream {obj.objgen[0]}: {held} elements among {n} objects")
    if held == n:
        elem_bytes += len(obj.read_raw_bytes())
        elem_count += n
    in_tree = sum(1 for x in numbers if (x, 0) in leaves)
    check(in_tree in (0, n), f"object stream {obj.objgen[0]}: parent tree leaves among others")
    if in_tree == n:
        check(rows, f"object stream {obj.objgen[0]}: parent tree leaves not in narrow rows")
        leaf_bytes += len(obj.read_raw_bytes())
check(refs and leaf_bytes < 200 + 1.5 * refs,
      f"the parent tree: {leaf_bytes} bytes in leaf streams for {refs} references "
      "(under 200 and 1.5 each)")
per = elem_bytes / max(elem_count, 1)
check(elem_count == len(elements), f"{elem_count} of {len(elements)} elements in object streams")
check(per < bound, f"{per:.1f} bytes a structure element (fewer than {bound:g})")

for page in pdf.pages:
    for annot in page.get("/Annots", []):
        if annot.get("/Subtype") != "/Link":
            continue
        check("/P" not in annot, "a link with /P")
        rect = [float(v) for v in annot.Rect]
        check(all(abs(v * 100 - round(v * 100)) < 1e-6 for v in rect),
              f"a link's /Rect {rect}: finer than hundredths of a point")

for f in failures[:20]:
    print(f)
sys.exit(1 if failures else 0)
