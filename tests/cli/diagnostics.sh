# Diagnostics (briefgen(1) DIAGNOSTICS): sorted by file, line and column;
# the source line and a caret when stderr is a terminal; colour unless
# NO_COLOR or --color=never; --diagnostic-format=json; -W error.
. "$(dirname "$0")/lib.bash"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r tests/fixtures/base/. "$tmp/"
cd "$tmp"
# an unknown theme on line 4 (found after loading the catalogue) and an
# unknown key on line 5 (found first, while reading the brief)
cat > bad.yaml <<'YAML'
title: Test brief
date: 2019-06-27
select:
  themes: [denuclearisation]
colour: blue
YAML
out=$("$BIN" check bad.yaml 2>&1); expect_eq "check exit" "$?" 1
first=$(printf '%s\n' "$out" | head -1); second=$(printf '%s\n' "$out" | sed -n 2p)
expect_contains "sorted: line 4 first" "$first" "bad.yaml:4:"
expect_contains "sorted: line 5 second" "$second" "bad.yaml:5:1: warning: unknown key 'colour'"
case "$out" in *$'\033'*) fail "no colour when stderr is not a terminal" ;; *) ok ;; esac
case "$out" in *" | "*) fail "no excerpt when stderr is not a terminal" ;; *) ok ;; esac

# JSON lines
out=$("$BIN" --diagnostic-format=json check bad.yaml 2>&1 >/dev/null); expect_eq "json exit" "$?" 1
printf '%s\n' "$out" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
assert len(rows) == 2, rows
a, b = rows
assert (a["file"], a["line"], a["column"], a["severity"]) == ("bad.yaml", 4, 12, "error"), a
assert a["hint"] == "did you mean '"'"'denuclearization'"'"'?", a
assert "did you mean" not in a["message"], a
assert (b["line"], b["column"], b["severity"], b["hint"]) == (5, 1, "warning", None), b
assert set(a) == {"file", "line", "column", "severity", "message", "hint"}
'
expect_eq "json lines parse, with fields and hint" "$?" 0
out=$("$BIN" check --diagnostic-format json bad.yaml 2>&1 >/dev/null)
expect_contains "json as an option of the command" "$out" '"severity": "warning"'

# a terminal: run under script(1) for a pty
tty_run() { script -qec "$*" /dev/null </dev/null | tr -d '\r'; }
plain() { sed 's/\x1b\[[0-9;]*m//g'; }
has_line() { # has_line WHAT TEXT LINE: LINE is a whole line of TEXT
  if printf '%s\n' "$2" | grep -qxF -- "$3"; then ok; else fail "$1: [$2] lacks the line [$3]"; fi
}
out=$(tty_run "env -u NO_COLOR TERM=xterm '$BIN' check bad.yaml")
has_line "tty: the source line" "$(printf '%s' "$out" | plain)" " 4 |   themes: [denuclearisation]"
has_line "tty: a caret under column 12" "$(printf '%s' "$out" | plain)" "   |            ^"
expect_contains "tty: red error" "$out" $'\033[1;31merror:'
out=$(tty_run "env NO_COLOR=1 TERM=xterm '$BIN' check bad.yaml")
case "$out" in *$'\033'*) fail "NO_COLOR: no escape sequences" ;; *) ok ;; esac
has_line "NO_COLOR: the caret stays" "$out" "   |            ^"
out=$(tty_run "env -u NO_COLOR TERM=xterm '$BIN' --color=never check bad.yaml")
case "$out" in *$'\033'*) fail "--color=never: no escape sequences" ;; *) ok ;; esac
out=$("$BIN" --color=always check bad.yaml 2>&1)
expect_contains "--color=always without a terminal" "$out" $'\033[1;35mwarning:'
# a Hangul line: the caret counts two columns a syllable
printf 'title: 한국 브리핑: x\ndate: 2019-06-27\nselect:\n  themes: [denuclearization]\n' > ko.yaml
out=$(tty_run "env NO_COLOR=1 '$BIN' check ko.yaml")
has_line "caret after Hangul (two columns a syllable)" "$out" "   | $(printf '%18s' '')^"
"$BIN" --color=sometimes check bad.yaml >/dev/null 2>&1; expect_eq "--color=sometimes" "$?" 2

# -W error: warnings fail the run, and no PDF is written
sed -e '/^colour:/d' -e 's/denuclearisation/denuclearization/' bad.yaml > warn.yaml
echo "colour: blue" >> warn.yaml
"$BIN" check warn.yaml 2>/dev/null; expect_eq "a warning alone: exit 0" "$?" 0
"$BIN" check -W error warn.yaml 2>/dev/null; expect_eq "check -W error" "$?" 1
"$BIN" --werror check warn.yaml 2>/dev/null; expect_eq "--werror before the command" "$?" 1
"$BIN" -Werror list >/dev/null 2>&1; expect_eq "-Werror list without warnings" "$?" 0
echo old > out.pdf
out=$("$BIN" render -W error -o out.pdf warn.yaml 2>&1); expect_eq "render -W error" "$?" 1
expect_contains "render -W error shows the warning" "$out" "warning: unknown key 'colour'"
expect_eq "render -W error leaves the old file" "$(cat out.pdf)" "old"
"$BIN" render -q -o out.pdf warn.yaml; expect_eq "render with a warning" "$?" 0
"$BIN" check -W warn warn.yaml 2>/dev/null; expect_eq "-W with another word" "$?" 2
finish
