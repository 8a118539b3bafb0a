# Option forms of getopt_long (README "Usage", briefgen(1)): long and short
# forms, --opt=value and --opt value, -oFILE, -j4, clustered flags, "--",
# options before the command, per-command help, and unknown options naming
# the command's options (exit 2).
. "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
brief=briefs/nine-bridges-handout.yaml

# the same PDF whatever form names the output
export SOURCE_DATE_EPOCH=1700000000
"$BIN" render -q -o "$tmp/a.pdf" "$brief" >/dev/null; expect_eq "-o FILE" "$?" 0
"$BIN" render -q -o"$tmp/b.pdf" "$brief" >/dev/null; expect_eq "-oFILE" "$?" 0
"$BIN" render --quiet --output="$tmp/c.pdf" "$brief" >/dev/null; expect_eq "--output=FILE" "$?" 0
"$BIN" render --output "$tmp/d.pdf" -qj1 "$brief" >/dev/null; expect_eq "--output FILE -qj1" "$?" 0
"$BIN" render "$brief" -j1 -o "$tmp/e.pdf" >/dev/null 2>&1; expect_eq "options after the brief" "$?" 0
for f in b c d e; do
  cmp -s "$tmp/a.pdf" "$tmp/$f.pdf"; expect_eq "same PDF ($f)" "$?" 0
done
out=$("$BIN" render -qv -o "$tmp/f.pdf" "$brief" 2>&1); expect_eq "-qv exit" "$?" 0
expect_contains "-qv: the last flag wins (verbose)" "$out" "pages;"
"$BIN" render --jobs=2 -o "$tmp/g.pdf" -- "$brief" >/dev/null; expect_eq "-- ends the options" "$?" 0
cp "$brief" "$tmp/-dash.yaml"; sed -i 's#^corpus:.*#corpus: '"$PWD"'/briefs/events#; s#^themes_file:.*#themes_file: '"$PWD"'/briefs/themes.yaml#' "$tmp/-dash.yaml"
(cd "$tmp" && "$BIN" check -- -dash.yaml >/dev/null 2>&1); expect_eq "a brief named -dash.yaml after --" "$?" 0

# options before the command, and --directory
out=$("$BIN" -C briefs list --kind=summit); expect_eq "-C before the command" "$?" 0
expect_contains "-C before: summits listed" "$out" "osaka-summit-2019"
out2=$("$BIN" --directory=briefs list -ksummit); expect_eq "--directory=DIR, -kKIND" "$out2" "$out"
out3=$("$BIN" list --directory briefs --kind summit); expect_eq "--directory after the command" "$out3" "$out"
out=$("$BIN" list -C briefs -fjson --from=2019 --to 2019); expect_eq "-fjson exit" "$?" 0
printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d and all(e["date"].startswith("2019") for e in d)'
expect_eq "-fjson --from=2019 --to 2019 gives 2019's events as JSON" "$?" 0

# help: CMD --help, CMD -h, help CMD, all the same, on stdout, exit 0
for cmd in render check list fonts; do
  a=$("$BIN" "$cmd" --help); sa=$?
  b=$("$BIN" "$cmd" -h); sb=$?
  c=$("$BIN" help "$cmd"); sc=$?
  expect_eq "$cmd --help exit" "$sa$sb$sc" 000
  expect_contains "$cmd --help" "$a" "Usage: briefgen $cmd"
  expect_eq "$cmd -h = --help" "$b" "$a"
  expect_eq "help $cmd = $cmd --help" "$c" "$a"
  expect_contains "$cmd --help names --directory" "$a" "--directory=DIR"
done
expect_contains "render --help names --jobs" "$("$BIN" render --help)" "-j, --jobs=N"
out=$("$BIN" help); expect_eq "help alone exit" "$?" 0
expect_contains "help alone" "$out" "Commands:"
"$BIN" help rendr >/dev/null 2>&1; expect_eq "help of an unknown command" "$?" 2
for h in help --help -h; do "$BIN" help "$h" | grep -q "Commands:"; expect_eq "help $h" "$?" 0; done

# unknown options: the command's options named, exit 2, nothing on stdout
out=$("$BIN" render --outpt=x.pdf "$brief" 2>&1 >/dev/null); expect_eq "unknown long option" "$?" 2
expect_contains "unknown long option: suggestion" "$out" "did you mean '--output'?"
expect_contains "unknown long option: the options" "$out" "-o/--output, -j/--jobs, -q/--quiet, -v/--verbose"
out=$("$BIN" list -x 2>&1); expect_eq "unknown short option" "$?" 2
expect_contains "unknown short option" "$out" "list: unknown option '-x'"
expect_contains "unknown short option: the options" "$out" "--from, --to"
out=$("$BIN" check --jobs 2 "$brief" 2>&1); expect_eq "an option of another command" "$?" 2
out=$("$BIN" render -o 2>&1); expect_eq "missing argument" "$?" 2
expect_contains "missing argument" "$out" "--output needs FILE"
out=$("$BIN" render -j0 "$brief" 2>&1); expect_eq "-j0" "$?" 2
out=$("$BIN" render -jx "$brief" 2>&1); expect_eq "-jx" "$?" 2
out=$("$BIN" --bogus list 2>&1); expect_eq "unknown option before the command" "$?" 2
out=$("$BIN" list stray 2>&1); expect_eq "list takes no operands" "$?" 2
finish
