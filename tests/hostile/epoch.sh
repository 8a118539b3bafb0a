# SOURCE_DATE_EPOCH past what a PDF date holds (briefgen(1), ENVIRONMENT):
# a PDF date has a 4-digit year (ISO 32000-1 7.9.4), so a number of seconds
# past the end of 9999 is taken as a malformed one is: the PDF's dates are
# the brief's date. Before, 253402300800 (10000-01-01) wrote the year 0,
# the largest 64-bit number failed with 'an internal error of the PDF
# library' (exit 3), and 67768036191676799 overflowed an int (UBSan) and
# failed with exit 1. The last second of 9999 is still used as given.
. "$(dirname "$0")/lib.bash"

brief=tests/fixtures/base/brief.yaml # dated 2019-06-27
for epoch in 253402300800 9223372036854775807 67768036191676799; do
  SOURCE_DATE_EPOCH=$epoch render "$TMP/e.pdf" "$brief"
  expect_eq "SOURCE_DATE_EPOCH=$epoch: exit" "$rc" 0
  expect_eq "SOURCE_DATE_EPOCH=$epoch: diagnostics" "$err" ""
  expect_contains "SOURCE_DATE_EPOCH=$epoch: the brief's date" \
    "$(pdfinfo -rawdates "$TMP/e.pdf" 2>&1)" "D:20190627000000"
done
SOURCE_DATE_EPOCH=253402300799 render "$TMP/e.pdf" "$brief"
expect_eq "the last second of 9999: exit" "$rc" 0
expect_contains "the last second of 9999: as given" \
  "$(pdfinfo -rawdates "$TMP/e.pdf" 2>&1)" "D:99991231235959"
finish
