"""archival.py PDF [a-2b] - the document-level parts of an accessible and
archival PDF (README "Accessibility and archiving"): /Lang,
DisplayDocTitle, an XMP packet that parses and agrees with the Info
dictionary, a trailer /ID, /F 4 on every link; with a-2b the output intent
with its sRGB profile and the PDF/A identification. Run with Debian's
python3 (python3-pikepdf). Prints one line per failure; exits 1 on any."""
import sys
import xml.etree.ElementTree as ET

import pikepdf

path = sys.argv[1]
archival = len(sys.argv) > 2
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


pdf = pikepdf.open(path)
root = pdf.Root
check(str(root.get("/Lang", "")) in ("en", "ko"), "/Lang is en or ko")
prefs = root.get("/ViewerPreferences")
check(prefs is not None and bool(prefs.get("/DisplayDocTitle")), "DisplayDocTitle true")
meta = root.get("/Metadata")
check(meta is not None, "a /Metadata stream")
if meta is not None:
    check("/Filter" not in meta, "metadata not filtered")
    raw = meta.read_bytes()
    start, end = raw.find(b"<x:xmpmeta"), raw.find(b"</x:xmpmeta>")
    tree = ET.fromstring(raw[start:end + len("</x:xmpmeta>")])
    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "dc": "http://purl.org/dc/elements/1.1/",
          "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}
    desc = tree.find(".//rdf:Description", ns)
    title = desc.find("dc:title/rdf:Alt/rdf:li", ns)
    info = pdf.docinfo
    check(title is not None and title.text == str(info.get("/Title")), "dc:title equals /Title")
    created = desc.find("xmp:CreateDate", ns).text  # 2019-06-27T00:00:00Z
    info_date = str(info.get("/CreationDate"))      # D:20190627000000Z...
    digits = created.replace("-", "").replace("T", "").replace(":", "").rstrip("Z")
    check(info_date.startswith("D:" + digits), f"xmp:CreateDate {created} equals {info_date}")
    lang = desc.find("dc:language/rdf:Bag/rdf:li", ns)
    check(lang is not None and lang.text == str(root.get("/Lang")), "dc:language equals /Lang")
    part = desc.find("pdfaid:part", ns)
    check((part is not None) == archival, "pdfaid:part only for PDF/A")
    if archival:
        check(part.text == "2", "pdfaid:part 2")
ids = pdf.trailer.get("/ID")
check(ids is not None and len(ids) == 2 and len(bytes(ids[0])) == 16, "a trailer /ID of 16 bytes")
for n, page in enumerate(pdf.pages, 1):
    for annot in page.obj.get("/Annots", []):
        check(int(annot.get("/F", 0)) & 4 == 4, f"page {n}: a link without /F 4")
intents = root.get("/OutputIntents")
check((intents is not None) == archival, "an output intent only for PDF/A")
if archival and intents is not None:
    oi = intents[0]
    check(str(oi.get("/S")) == "/GTS_PDFA1", "output intent /S /GTS_PDFA1")
    profile = oi.get("/DestOutputProfile")
    check(profile is not None and int(profile.get("/N")) == 3, "an RGB profile (/N 3)")
    check(profile is not None and profile.read_bytes()[36:40] == b"acsp", "an ICC profile")
for f in failures:
    print(f"{path}: {f}")
sys.exit(1 if failures else 0)
