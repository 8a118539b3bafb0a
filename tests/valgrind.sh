#!/usr/bin/env bash
# Runs the CLI under valgrind over the samples and a few bad inputs: any
# memory error or leak fails. Usage: tests/valgrind.sh build/briefgen
set -u
bin=$1
cd "$(dirname "$0")/.."
passed=0
failed=0
vg() { # vg DESCRIPTION ARGS...
  local what=$1; shift
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
       --show-leak-kinds=definite,indirect "$bin" "$@" >/dev/null 2>/tmp/briefgen-vg.$$; [ $? -eq 99 ]; then
    failed=$((failed + 1)); echo "FAIL (valgrind): $what"; cat /tmp/briefgen-vg.$$
  else
    passed=$((passed + 1))
  fi
  rm -f /tmp/briefgen-vg.$$
}
vg "check samples" check briefs/*.yaml
vg "list" list
vg "list json" list --format json --theme trade
vg "usage error" list --theme nine-bridge
out=$(mktemp -d)
vg "render the pack" render -q -o "$out/pack.pdf" briefs/osaka-2019-pre-summit.yaml
vg "render Korean" render -q -o "$out/ko.pdf" briefs/anniversary-30-retrospective.yaml
vg "render every construct" render -q -o "$out/zoo.pdf" tests/fixtures/zoo/brief.yaml
vg "fonts" fonts
rm -rf "$out"
vg "check missing" check no-such-brief.yaml
for c in tests/bad/*/; do
  [ -f "$c/files/brief.yaml" ] || continue
  work=$(mktemp -d)
  cp -r tests/fixtures/base/. "$work/"; cp -r "$c/files/." "$work/"
  vg "bad input $(basename "$c")" check -C "$work" brief.yaml
  rm -rf "$work"
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
