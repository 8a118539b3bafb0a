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

# finish, once every PDF the test made and left in $TMP has been walked by
# tagged.py (walk.py): each is tagged as README "Accessibility and
# archiving" says, whatever the test made it for
finish() {
  local pdfs out
  mapfile -d '' pdfs < <(find "$TMP" -name '*.pdf' -type f -size +0 -print0 | sort -z)
  if [ "${#pdfs[@]}" -gt 0 ]; then
    if out=$(/usr/bin/python3 "$RENDER_TESTS/walk.py" "${pdfs[@]}" 2>&1); then
      ok
      echo "${out##*$'\n'}"
    else
      fail "tagged.py over the PDFs made: $out"
    fi
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# render OUT ARGS... : briefgen render -o OUT ARGS...; sets $rc, and $err to
# what it printed on stderr.
render() {
  local out=$1
  shift
  "$BIN" render -o "$out" "$@" >"$TMP/render.out" 2>"$TMP/render.err"
  rc=$?
  err=$(cat "$TMP/render.err")
  # (kept for finish's walk even if a later render replaces it: briefgen
  # renames a new file into place, so this link keeps the one made here)
  if [ "$rc" -eq 0 ] && [[ $out == *.pdf ]] && [ -f "$out" ]; then
    made_count=$((made_count + 1))
    mkdir -p "$TMP/made" && { ln -f "$out" "$TMP/made/$made_count.pdf" 2>/dev/null ||
      cp "$out" "$TMP/made/$made_count.pdf"; }
  fi
}
made_count=0

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
# the brief's folder, filtered by pdfcheck.py the way
# docs/formats.md#selection selects.
picked() { cached "picked $*" _picked "$@"; }
_picked() { "$BIN" list -C "$(dirname "$1")" --format json | pdfcheck picked "$@"; }

# brief_value BRIEF KEY : a value of the brief (lists one item a line).
brief_value() {
  local value
  value=$(cached "brief $1" pdfcheck brief-all "$1" |
    awk -F'\t' -v k="$2" '$1 == k {print substr($0, length(k) + 2)}')
  # the layout as the brief names it: every layout of
  # docs/formats.md#layouts is typeset in its own form, and a test expects
  # that form, never a pack in its place
  printf '%s\n' "$value"
}

# brief_with BRIEF OUT [KEY=VALUE]... : a copy of BRIEF at OUT with each
# top-level scalar KEY set to VALUE (added when BRIEF lacks it), corpus and
# themes_file as absolute paths into BRIEF's folder (or their defaults,
# events and themes.yaml, there), and no output key, so that OUT renders
# from anywhere, with 'render -o', the corpus BRIEF renders.
brief_with() {
  local brief=$1 out=$2 dir
  shift 2
  dir=$(cd "$(dirname "$brief")" && pwd) || return 1
  awk -v dir="$dir" -v sets="$(printf '%s\n' corpus=events themes_file=themes.yaml "$@")" '
    function unquote(v) {
      if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2)
      return v
    }
    function line(k, v) {
      if (k == "corpus" || k == "themes_file") {
        v = unquote(v)
        if (v !~ /^\//) v = dir "/" v
      }
      print k ": " v
    }
    BEGIN {
      n = split(sets, kv, "\n")
      for (i = 1; i <= n; i++) {
        if (kv[i] == "") continue
        k = substr(kv[i], 1, index(kv[i], "=") - 1)
        if (!(k in want)) order[++m] = k
        want[k] = substr(kv[i], index(kv[i], "=") + 1)
        set[k] = i > 2 # corpus and themes_file: a default only
      }
    }
    match($0, /^[A-Za-z_]+:/) {
      k = substr($0, 1, RLENGTH - 1)
      v = substr($0, RLENGTH + 1)
      sub(/^ +/, "", v)
      sub(/ +#.*$/, "", v)
      skip = 0
      if (k == "output") { skip = 1; next }
      if (k in want) {
        line(k, set[k] ? want[k] : v)
        done[k] = 1
        next
      }
    }
    !skip { print }
    END { for (i = 1; i <= m; i++) if (!(order[i] in done)) line(order[i], want[order[i]]) }
  ' "$brief" >"$out"
}

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
