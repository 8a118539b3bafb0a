# Page content is deflated once each page is drawn (libdeflate) and copied
# into the file as it is (src/pdf/packed.c): the PDF must be the one
# libharu makes from its own streams (deflated by zlib), object for object
# and stream for stream once inflated (qpdf --decode-level=generalized).
# BRIEFGEN_PDF_PACK_AFTER (bytes of content before packing starts) set
# past any document's size gives libharu's own; the samples and a
# 40-event corpus are compared.
. "$(dirname "$0")/lib.bash"
export SOURCE_DATE_EPOCH=1700000000

gen_corpus 40 "$TMP/c40"
for brief in "${SAMPLES[@]}" "$TMP/c40/brief.yaml" "$TMP/c40/brief-ko.yaml"; do
  name=$(basename "$(dirname "$brief")")-$(basename "$brief" .yaml)
  render "$TMP/$name-packed.pdf" "$brief"
  expect_eq "$name: exit" "$rc" 0
  BRIEFGEN_PDF_PACK_AFTER=999999999999 render "$TMP/$name-libharu.pdf" "$brief"
  expect_eq "$name, libharu's streams: exit" "$rc" 0
  for f in packed libharu; do
    qpdf --qdf --static-id --object-streams=disable --decode-level=generalized \
      --normalize-content=n "$TMP/$name-$f.pdf" "$TMP/$name-$f.qdf" || fail "$name: qpdf $f"
  done
  if cmp -s "$TMP/$name-packed.qdf" "$TMP/$name-libharu.qdf"; then ok; else
    fail "$name: deflated as drawn differs from libharu's own streams"
  fi
done
finish
