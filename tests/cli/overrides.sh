# --set KEY=VALUE (briefgen(1)): a top-level brief key overridden for one
# run, checked like the file; and the small things users hit: paper and
# layout names in any case, --from after --to, a catalogue given to render,
# a 'fonts' string.
. "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
brief=briefs/nine-bridges-handout.yaml
"$BIN" render -q --set paper=Letter --set language=ko -o "$tmp/a.pdf" "$brief"; expect_eq "--set render" "$?" 0
expect_contains "--set paper=Letter" "$(pdfinfo "$tmp/a.pdf")" "612 x 792 pts (letter)"
pdftotext "$tmp/a.pdf" - | grep -q '목차\|쪽\|출처'; expect_eq "--set language=ko: Korean labels" "$?" 0
"$BIN" render -q -o "$tmp/b.pdf" "$brief"
expect_contains "without --set: A4" "$(pdfinfo "$tmp/b.pdf")" "(A4)"
"$BIN" render -q --set 'title=Set from the command line' -o "$tmp/c.pdf" "$brief"
pdftotext "$tmp/c.pdf" - | grep -q 'Set from the command line'; expect_eq "--set title (a key's value replaced)" "$?" 0
"$BIN" check --set 'author=Someone' "$brief"; expect_eq "--set a key the brief lacks" "$?" 0
out=$("$BIN" check --set paper=Legal "$brief" 2>&1); expect_eq "--set paper=Legal" "$?" 1
expect_contains "--set value checked" "$out" "--set paper=Legal: error: unknown paper 'Legal'"
out=$("$BIN" check --set langauge=ko "$brief" 2>&1); expect_eq "--set unknown key" "$?" 1
expect_contains "--set unknown key" "$out" "--set langauge=ko: error: unknown brief key 'langauge' (did you mean 'language'?)"
out=$("$BIN" check --set paper "$brief" 2>&1); expect_eq "--set without =" "$?" 1
expect_contains "--set without =" "$out" "expected KEY=VALUE"
out=$("$BIN" render --set 'sections=[a' -o "$tmp/d.pdf" "$brief" 2>&1); expect_eq "--set malformed YAML" "$?" 1
test -e "$tmp/d.pdf"; expect_eq "no PDF after a bad --set" "$?" 1
# names in any case
"$BIN" render -q --set paper=letter --set layout=Handout --set language=KO -o "$tmp/e.pdf" "$brief"
expect_eq "paper: letter, layout: Handout, language: KO" "$?" 0
# --from after --to
out=$("$BIN" -C briefs list --from 2020 --to 2018 2>&1); expect_eq "--from after --to" "$?" 2
expect_contains "--from after --to" "$out" "--to 2018 is before --from 2020"
n=$("$BIN" -C briefs list --from 2019-06 --to 2019 | wc -l)
[ "$n" -gt 0 ] && ok || fail "--from 2019-06 --to 2019 lists events"
# a catalogue alone
out=$("$BIN" render briefs/themes.yaml 2>&1); expect_eq "render a catalogue alone" "$?" 2
expect_contains "render a catalogue alone" "$out" "is a theme catalogue, not a brief"
# fonts given as a string
sed '/^fonts:/,/^[^ ]/{/^fonts:/d;/^  /d}' "$brief" > "$tmp/f.yaml"
sed -i 's#^corpus:.*#corpus: '"$PWD"'/briefs/events#; s#^themes_file:.*#themes_file: '"$PWD"'/briefs/themes.yaml#' "$tmp/f.yaml"
echo 'fonts: "DejaVu Serif"' >> "$tmp/f.yaml"
out=$("$BIN" check "$tmp/f.yaml" 2>&1); expect_eq "fonts as a string" "$?" 1
expect_contains "fonts as a string names the keys" "$out" "'fonts' must be a mapping with the keys body, heading, mono"
finish
