"""walk.py PDF... - tagged.py and archival.py over every PDF a render test
made, in one process (tests/render/lib.bash runs it from finish over the
PDFs left in the test's folder): the PDFs briefgen wrote (its name in
/Producer), not a test's stand-in file or a render cut short on purpose.
archival.py checks a PDF/A's parts when the PDF has either its
identification in the XMP or an output intent (so one without the other
fails). Prints the checkers' failures and a last line "N tagged PDFs
walked"; exits 1 on any failure.
Run with Debian's python3 (python3-pikepdf)."""
import os
import runpy
import sys

import pikepdf

here = os.path.dirname(os.path.abspath(__file__))
tagged, archival = os.path.join(here, "tagged.py"), os.path.join(here, "archival.py")


def run(script, *args):
    """0 when SCRIPT passes on ARGS, else 1."""
    sys.argv = [script, *args]
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as e:
        return 1 if e.code else 0
    return 0

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
            meta = pdf.Root.get("/Metadata")
            pdfa = "/OutputIntents" in pdf.Root or (
                meta is not None and b"pdfaid:part" in meta.read_bytes())
    except Exception:  # not a PDF, or not a whole one: what the test made it for
        producer = None
    # (what lib.bash's render kept, a render that succeeded, must be walked)
    if producer is None or not producer.startswith("briefgen "):
        if os.sep + "made" + os.sep in path:
            print(f"{path}: a render's PDF that is not briefgen's, or not whole")
            bad += 1
        continue
    walked += 1
    bad += run(tagged, path)
    bad += run(archival, path, *(["a-2b"] if pdfa else []))
print("%d tagged PDFs walked" % walked)
sys.exit(1 if bad else 0)
