"""objstm.py PDF - the file structure of a briefgen PDF (README "Known
limits", ISO 32000-1 7.5.7 and 7.5.8): a PDF 1.7 header with a binary
comment; startxref pointing at a cross-reference stream that is also the
trailer (Root, Info, a two-string /ID); every object that is not a stream
inside an object stream; and, per object, less than what a classic file
spends on any object before its content: a 20-byte cross-reference line
plus "N 0 obj" and "endobj" with their end-of-line marks (16 bytes), 36 in
all. The bytes counted are the whole file less the data of the document's
own streams (pages, fonts, images, metadata), so dictionaries, object
streams and the cross-reference stream are all in; the objects counted are
all of the document's, streams included. Run with Debian's python3
(python3-pikepdf). Prints one line per failure; exits 1 on any."""
import os
import re
import subprocess
import sys

import pikepdf

path = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


data = open(path, "rb").read()
check(data.startswith(b"%PDF-1.7\n%") and all(b >= 128 for b in data[10:14]),
      "a %PDF-1.7 header and a binary comment")
tail = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
check(tail is not None, "startxref and %%EOF at the end")

pdf = pikepdf.open(path)
if tail:
    head = re.match(rb"(\d+) 0 obj\s*<<", data[int(tail.group(1)):])
    check(head is not None, "startxref points at an object")
    if head:
        xref = pdf.get_object((int(head.group(1)), 0))
        check(isinstance(xref, pikepdf.Stream) and xref.get("/Type") == "/XRef",
              "startxref points at a /Type /XRef stream")
trailer = pdf.trailer
check("/Root" in trailer and "/Info" in trailer, "the trailer has /Root and /Info")
check(len(trailer.get("/ID", [])) == 2, "the trailer has a two-string /ID")

# qpdf's view of the cross-reference entries: "N/0: compressed; stream = S, ..."
xref = subprocess.run(["qpdf", "--show-xref", path], capture_output=True, text=True).stdout
packed = loose = 0
for line in xref.splitlines():
    m = re.match(r"(\d+)/(\d+): (compressed|uncompressed)", line)
    if not m:
        continue
    obj = pdf.get_object((int(m.group(1)), int(m.group(2))))
    if m.group(3) == "compressed":
        packed += 1
    else:
        loose += 1
        check(isinstance(obj, pikepdf.Stream), f"object {m.group(1)} is not a stream, not packed")
check(packed > 0, "objects in object streams")

own = 0  # data bytes of the document's streams
count = 0  # the document's objects
for obj in pdf.objects:
    if isinstance(obj, pikepdf.Stream):
        if obj.get("/Type") in ("/ObjStm", "/XRef"):
            continue
        own += len(obj.read_raw_bytes())
    count += 1
per = (os.path.getsize(path) - own) / max(count, 1)
check(per < 36, f"{per:.1f} bytes per object besides stream data (fewer than 36)")

for f in failures:
    print(f)
sys.exit(1 if failures else 0)
