"""walk.py PDF... - tagged.py over every PDF a render test made, in one
process (tests/render/lib.bash runs it from finish over the PDFs left in
the test's folder): the PDFs briefgen wrote (its name in /Producer), not a
test's stand-in file or a render cut short on purpose. Prints tagged.py's
failures and a last line "N tagged PDFs walked"; exits 1 on any failure.
Run with Debian's python3 (python3-pikepdf)."""
import os
import runpy
import sys

import pikepdf

tagged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tagged.py")
walked = bad = 0
files = set()
for path in sys.argv[1:]:
    st = os.stat(path)
    if (st.st_dev, st.st_ino) in files:  # (a hard link to one walked)
        continue
    files.add((st.st_dev, st.st_ino))
    try:
        with pikepdf.open(path) as pdf:
            producer = str(pdf.docinfo.get("/Producer", ""))
    except Exception:  # not a PDF, or not a whole one: what the test made it for
        continue
    if not producer.startswith("briefgen "):
        continue
    walked += 1
    sys.argv = [tagged, path]
    try:
        runpy.run_path(tagged, run_name="__main__")
    except SystemExit as e:
        bad += 1 if e.code else 0
print("%d tagged PDFs walked" % walked)
sys.exit(1 if bad else 0)
