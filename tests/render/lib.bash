# lib.bash - helpers for the render tests (tests/render/*.sh): each script
# sources this (it sources ../cli/lib.bash for ok/fail/expect_*/finish),
# renders into a temporary folder removed on exit, never into output/, and
# reads the PDFs with qpdf, poppler-utils and pdfcheck.py. Run from the
# repository root with the briefgen binary as $1.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.bash"
case "$BIN" in /*) ;; *) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;; esac
RENDER_TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/briefgen-render.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
unset SOURCE_DATE_EPOCH # set only by the tests that need it
export TZ=UTC LC_ALL=C.UTF-8

SAMPLES=(briefs/osaka-2019-pre-summit.yaml briefs/anniversary-30-retrospective.yaml
  briefs/nine-bridges-handout.yaml)

pdfcheck() { python3 -S "$RENDER_TESTS/pdfcheck.py" "$@"; }

# render OUT ARGS... : briefgen render -o OUT ARGS...; sets $rc, and $err to
# what it printed on stderr.
render() {
  local out=$1
  shift
  "$BIN" render -o "$out" "$@" >"$TMP/render.out" 2>"$TMP/render.err"
  rc=$?
  err=$(cat "$TMP/render.err")
}

# render_ok BRIEF [NAME] : renders BRIEF to $TMP/NAME.pdf (NAME defaults to
# the brief's stem), asserts exit 0 and a PDF; sets $pdf.
render_ok() {
  local name=${2:-$(basename "$1" .yaml)}
  pdf=$TMP/$name.pdf
  render "$pdf" "$1"
  if [ "$rc" -eq 0 ] && [ -s "$pdf" ]; then ok; else fail "render $1: exit $rc, stderr [$err]"; fi
}

# page_count PDF
page_count() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# gen_corpus N DIR : the synthetic corpus of bench/gen-corpus (DIR/brief.yaml).
gen_corpus() {
  python3 bench/gen-corpus "$1" "$2" >/dev/null || fail "bench/gen-corpus $1 $2"
}

# picked BRIEF : the picked events, in order: id TAB date TAB title TAB file
# (title in the brief's language), from 'briefgen list --format json' over
# the brief's folder, filtered by pdfcheck.py the way SPEC 4 selects.
picked() { cached "picked $*" _picked "$@"; }
_picked() { "$BIN" list -C "$(dirname "$1")" --format json | pdfcheck picked "$@"; }

# brief_value BRIEF KEY : a value of the brief (lists one item a line).
brief_value() {
  local value
  value=$(cached "brief $1" pdfcheck brief-all "$1" |
    awk -F'\t' -v k="$2" '$1 == k {print substr($0, length(k) + 2)}')
  # the layouts briefgen builds so far; the others come out as packs
  if [ "$2" = layout ] && ! layout_built "${value:-pack}"; then value=pack; fi
  printf '%s\n' "$value"
}

# LAYOUTS_BUILT: the layouts of SPEC 5 that briefgen typesets in their own
# form (README.md); a brief asking for another is rendered as a pack.
LAYOUTS_BUILT="pack retrospective handout"
layout_built() { case " $LAYOUTS_BUILT " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# cached KEY CMD... : the output of CMD, run once per script and KEY (the
# briefs and the corpus do not change once read).
cached() {
  local file
  file="$TMP/cache/$(printf '%s' "$1" | md5sum | cut -c1-32)"
  shift
  if [ ! -f "$file" ]; then
    mkdir -p "$TMP/cache"
    "$@" >"$file.new" && mv "$file.new" "$file"
  fi
  cat "$file" 2>/dev/null
}

# squash : text with white space runs as one space, and a line that ends
# with a dash or hyphen joined to the next without one ("Korea–" "Russia"
# is "Korea–Russia": UAX #14 allows a break after a dash).
squash() {
  sed -e ':a' -e '/[–-]$/{N;s/\n[[:space:]]*//;ba' -e '}' | tr -s ' \n\t\f' '    '
}

# straight_quotes : curly quotes as straight ones (titles are typeset with
# typographic quotes; the corpus has straight ones).
straight_quotes() { sed "s/[‘’]/'/g; s/[“”]/\"/g"; }
