# A PDF is written beside its target and renamed into place only when
# complete (README, "Usage"): a failed render leaves an existing output byte for byte
# as it was, creates no output, and leaves no temporary file. Exit status 1
# for a problem in the inputs, 3 when the output cannot be written.
. "$(dirname "$0")/lib.bash"

brief=briefs/osaka-2019-pre-summit.yaml
out=$TMP/out/osaka.pdf
mkdir -p "$TMP/out"

# a good render: the PDF and nothing else in the folder
render "$out" "$brief"
expect_eq "render into an empty folder" "$rc" 0
expect_eq "after a good render the folder holds" "$(ls -A "$TMP/out")" "osaka.pdf"
cp "$out" "$TMP/reference.pdf"

# a brief with a misspelt theme id: exit 1, the old PDF untouched
cp -r briefs "$TMP/broken"
sed -i 's/^  themes: \[denuclearization,/  themes: [denuclearisation,/' "$TMP/broken/osaka-2019-pre-summit.yaml"
grep -q denuclearisation "$TMP/broken/osaka-2019-pre-summit.yaml" && ok || fail "could not break the brief"
render "$out" "$TMP/broken/osaka-2019-pre-summit.yaml"
expect_eq "broken brief: exit" "$rc" 1
expect_contains "broken brief: diagnostic" "$err" "error:"
expect_contains "broken brief: suggestion" "$err" "did you mean 'denuclearization'?"
cmp -s "$out" "$TMP/reference.pdf" && ok || fail "broken brief: the existing PDF changed"
expect_eq "broken brief: the folder holds" "$(ls -A "$TMP/out")" "osaka.pdf"

# a broken event file (a bad date) fails the same way
cp -r briefs "$TMP/broken-event"
sed -i 's/^date: 2018-06-21$/date: 2018-06-31/' "$TMP/broken-event/events/state-visit-russia-2018-06-21.md"
render "$out" "$TMP/broken-event/osaka-2019-pre-summit.yaml"
expect_eq "broken event: exit" "$rc" 1
expect_contains "broken event: diagnostic names the file" "$err" "state-visit-russia-2018-06-21.md:"
cmp -s "$out" "$TMP/reference.pdf" && ok || fail "broken event: the existing PDF changed"
expect_eq "broken event: the folder holds" "$(ls -A "$TMP/out")" "osaka.pdf"

# a failed render with no previous output creates none
render "$TMP/out/new.pdf" "$TMP/broken/osaka-2019-pre-summit.yaml"
expect_eq "broken brief, new output: exit" "$rc" 1
expect_eq "broken brief, new output: the folder holds" "$(ls -A "$TMP/out")" "osaka.pdf"

# an output folder that cannot be created: exit 3, a message
render /proc/x/y.pdf "$brief"
expect_eq "-o /proc/x/y.pdf: exit" "$rc" 3
[ -n "$err" ] && ok || fail "-o /proc/x/y.pdf: no message"
expect_contains "-o /proc/x/y.pdf: message names the folder" "$err" "/proc/x"

# the parent is a regular file: exit 3
touch "$TMP/plain-file"
render "$TMP/plain-file/y.pdf" "$brief"
expect_eq "-o under a regular file: exit" "$rc" 3
[ -f "$TMP/plain-file" ] && [ ! -s "$TMP/plain-file" ] && ok || fail "-o under a regular file: the file changed"

# the target is a folder: exit 3, the folder intact, nothing left beside it
mkdir -p "$TMP/target/dir.pdf"
render "$TMP/target/dir.pdf" "$brief"
expect_eq "-o onto a folder: exit" "$rc" 3
[ -d "$TMP/target/dir.pdf" ] && ok || fail "-o onto a folder: the folder is gone"
expect_eq "-o onto a folder: leftovers" "$(ls -A "$TMP/target")" "dir.pdf"
expect_eq "-o onto a folder: folder contents" "$(ls -A "$TMP/target/dir.pdf")" ""

# the good PDF is still the one of the first render, and a new good render
# replaces it in place
cmp -s "$out" "$TMP/reference.pdf" && ok || fail "the PDF changed along the way"
render "$out" "$brief"
expect_eq "render over an existing PDF" "$rc" 0
cmp -s "$out" "$TMP/reference.pdf" && ok || fail "render over an existing PDF: different bytes"
expect_eq "render over an existing PDF: the folder holds" "$(ls -A "$TMP/out")" "osaka.pdf"
finish
