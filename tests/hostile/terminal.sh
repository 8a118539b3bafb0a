# Control characters from the input never reach the terminal as commands
# (docs/formats.md#diagnostics): a key written with YAML escapes
# ("\e]0;...\a", "\e[31m"), an event file whose name holds an ESC, and an
# event title with ESC, BEL and the C1 control U+009B (CSI) are shown in
# diagnostics and in 'list' as \xHH and \u00HH; JSON keeps its own
# escapes. Before, they were written raw: a corpus could retitle the
# reader's terminal window, recolour it or worse.
. "$(dirname "$0")/lib.bash"

cp -r tests/fixtures/base "$TMP/p"
cd "$TMP/p" || exit 1
printf '"\\e]0;PWNED\\a\\e[31mRED": 1\n' >>brief.yaml
cp events/bravo.md "events/$(printf 'x\033[31mred.md')"
sed -i 's/^title: Alpha summit/title: "Alpha\\e]0;PWN\\a\\u009b31m summit"/' events/alpha.md

# raw FILE : true when FILE holds ESC, BEL or a UTF-8 C1 control
raw() { LC_ALL=C grep -q "$(printf '[\033\007]')\|$(printf '\302')[$(printf '\200-\237')]" "$1"; }

"$BIN" check brief.yaml >/dev/null 2>"$TMP/err"
raw "$TMP/err" && fail "check wrote control characters: $(cat -v "$TMP/err")" || ok
expect_contains "the key shown" "$(cat "$TMP/err")" \
  "brief.yaml:5:1: warning: unknown key '\\x1b]0;PWNED\\x07\\x1b[31mRED' in brief"
expect_contains "the file name shown" "$(cat "$TMP/err")" \
  "events/x\\x1b[31mred.md:2:5: error: duplicate event id 'bravo'"

rm "events/$(printf 'x\033[31mred.md')"
"$BIN" list >"$TMP/out" 2>"$TMP/err"
raw "$TMP/out" && fail "list wrote control characters: $(cat -v "$TMP/out")" || ok
expect_contains "the title shown" "$(cat "$TMP/out")" 'alpha    Alpha\x1b]0;PWN\x07\u009b31m summit'
"$BIN" list --format json >"$TMP/out"
expect_contains "JSON keeps its escapes" "$(cat "$TMP/out")" '"title": "Alpha\u001b]0;PWN\u0007'
finish
