#!/usr/bin/env bash
# Runs the CLI under valgrind over the samples and a few bad inputs: any
# memory error or leak fails. The runs go in parallel, one per CPU; each
# writes its report to a file of its own, printed when it fails.
# Usage: tests/valgrind.sh build/briefgen
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=0

# vg DESCRIPTION ARGS...: one run in the background; at most $jobs at once
vg() {
  local what=$1
  shift
  count=$((count + 1))
  local report="$tmp/$count"
  echo "$what" >"$report.what"
  (
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --show-leak-kinds=definite,indirect "$bin" "$@" >/dev/null 2>"$report.log"
    echo $? >"$report.status"
  ) &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n
  done
}

out="$tmp/out"
mkdir -p "$out"
# the font-chain cache: written by the first render (a miss, fontconfig),
# read by the others (a hit)
export XDG_CACHE_HOME="$tmp/xdg"
vg "render the handout, font cache miss" render -q -o "$out/miss.pdf" briefs/nine-bridges-handout.yaml
wait
vg "check samples" check briefs/*.yaml
vg "list" list
vg "list json" list --format json --theme trade
vg "usage error" list --theme nine-bridge
vg "render the pack" render -q -o "$out/pack.pdf" briefs/osaka-2019-pre-summit.yaml
vg "render Korean" render -q -o "$out/ko.pdf" briefs/anniversary-30-retrospective.yaml
vg "render the handout" render -q -o "$out/handout.pdf" briefs/nine-bridges-handout.yaml
vg "render every construct" render -q -o "$out/zoo.pdf" tests/fixtures/zoo/brief.yaml
vg "fonts" fonts
vg "render to standard output" render -q -o - tests/fixtures/base/brief.yaml
jobs_dir="$tmp/jobs"
mkdir -p "$jobs_dir"
cp -r tests/fixtures/base/. "$jobs_dir/"
sed 's/^title: .*/&\noutput: a.pdf/' tests/fixtures/base/brief.yaml >"$jobs_dir/a.yaml"
sed 's/^title: .*/&\noutput: b.pdf/' tests/fixtures/base/brief.yaml >"$jobs_dir/b.yaml"
vg "render -j 2" render -q -j 2 -C "$jobs_dir" a.yaml b.yaml
vg "render refused: an input as output" render -o "$jobs_dir/themes.yaml" "$jobs_dir/brief.yaml"
vg "check missing" check no-such-brief.yaml
for c in tests/bad/*/; do
  [ -f "$c/files/brief.yaml" ] || continue
  work="$tmp/bad-$(basename "$c")"
  mkdir -p "$work"
  cp -r tests/fixtures/base/. "$work/"
  cp -r "$c/files/." "$work/"
  vg "bad input $(basename "$c")" check -C "$work" brief.yaml
done
wait

passed=0 failed=0
for ((i = 1; i <= count; i++)); do
  if [ "$(cat "$tmp/$i.status" 2>/dev/null)" = 99 ]; then
    failed=$((failed + 1))
    echo "FAIL (valgrind): $(cat "$tmp/$i.what")"
    cat "$tmp/$i.log"
  else
    passed=$((passed + 1))
  fi
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
