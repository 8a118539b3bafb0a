# The same inputs give the same bytes (docs/formats.md#layouts): two renders of a brief are
# identical, with and without SOURCE_DATE_EPOCH, wherever the output goes;
# the document dates come from SOURCE_DATE_EPOCH when set (0 is 1970),
# else from the brief's date.
. "$(dirname "$0")/lib.bash"

gen_corpus 20 "$TMP/corpus"
mkdir -p "$TMP/a" "$TMP/b"
for brief in "${SAMPLES[@]}" "$TMP/corpus/brief.yaml"; do
  name=$(basename "$brief" .yaml)
  render "$TMP/a/$name.pdf" "$brief"
  expect_eq "$brief: first render" "$rc" 0
  render "$TMP/b/$name.pdf" "$brief"
  expect_eq "$brief: second render" "$rc" 0
  cmp -s "$TMP/a/$name.pdf" "$TMP/b/$name.pdf" && ok || fail "$brief: two renders differ"
  # a third one from another working directory, brief given by absolute path
  abs=$(cd "$(dirname "$brief")" && pwd)/$(basename "$brief")
  (cd "$TMP" && "$BIN" render -o "$TMP/c.pdf" "$abs" >/dev/null 2>&1)
  cmp -s "$TMP/a/$name.pdf" "$TMP/c.pdf" && ok || fail "$brief: a render from another folder differs"

  # no SOURCE_DATE_EPOCH: the brief's date
  want=$(TZ=UTC date -d "$(brief_value "$brief" date)" '+%a %b %e %H:%M:%S %Y UTC')
  created=$(pdfinfo "$TMP/a/$name.pdf" 2>/dev/null | sed -n 's/^CreationDate: *//p')
  expect_eq "$brief: CreationDate without SOURCE_DATE_EPOCH" "$created" "$want"

  # SOURCE_DATE_EPOCH set: twice the same bytes, dates from it
  for epoch in 0 1561593600; do
    SOURCE_DATE_EPOCH=$epoch "$BIN" render -o "$TMP/a/$name-$epoch.pdf" "$brief" >/dev/null 2>&1
    expect_eq "$brief: render with SOURCE_DATE_EPOCH=$epoch" "$?" 0
    SOURCE_DATE_EPOCH=$epoch "$BIN" render -o "$TMP/b/$name-$epoch.pdf" "$brief" >/dev/null 2>&1
    cmp -s "$TMP/a/$name-$epoch.pdf" "$TMP/b/$name-$epoch.pdf" && ok ||
      fail "$brief: two renders with SOURCE_DATE_EPOCH=$epoch differ"
    want=$(TZ=UTC date -d "@$epoch" '+%a %b %e %H:%M:%S %Y UTC')
    for field in CreationDate ModDate; do
      got=$(pdfinfo "$TMP/a/$name-$epoch.pdf" 2>/dev/null | sed -n "s/^$field: *//p")
      expect_eq "$brief: $field with SOURCE_DATE_EPOCH=$epoch" "$got" "$want"
    done
  done
  created=$(pdfinfo "$TMP/a/$name-0.pdf" 2>/dev/null | sed -n 's/^CreationDate: *//p')
  expect_contains "$brief: SOURCE_DATE_EPOCH=0 is 1970" "$created" 1970
  cmp -s "$TMP/a/$name.pdf" "$TMP/a/$name-0.pdf" && fail "$brief: SOURCE_DATE_EPOCH=0 ignored" || ok
done
finish
