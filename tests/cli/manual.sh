# The manual pages and the shell completions (issue 12): both pages lint
# clean; every option that 'briefgen CMD --help' prints is in briefgen(1),
# in CMD's subsection, and nothing there is an option CMD lacks; every
# environment variable the program reads is in ENVIRONMENT; every key of
# docs/formats.md's key tables and of the loaders' key tables is in
# briefgen-formats(5), in the section of its kind of file, with every
# choice; the bash completion loads and completes commands, every option
# and the values of --kind and --format; zsh and fish completions parse
# (and fish's completes). A tool that is not installed is skipped, not
# failed: mandoc or groff for the lint, zsh, fish, bash-completion.
. "$(dirname "$0")/lib.bash"
man1=man/briefgen.1
man5=man/briefgen-formats.5
bashcomp=completions/briefgen.bash
skip() { echo "SKIP: $*"; }

# --- lint ----------------------------------------------------------------
linted=
for page in "$man1" "$man5"; do
  if command -v mandoc >/dev/null 2>&1; then
    out=$(mandoc -Tlint -Wwarning "$page" 2>&1); status=$?
    expect_eq "mandoc -Tlint -Wwarning $page" "$status:$out" "0:"
    linted=1
  fi
  if command -v groff >/dev/null 2>&1; then
    out=$(groff -mdoc -ww -z "$page" 2>&1); status=$?
    expect_eq "groff -mdoc -ww -z $page" "$status:$out" "0:"
    linted=1
  fi
done
[ -n "$linted" ] || skip "neither mandoc nor groff is installed: the pages are not linted"

# --- helpers ---------------------------------------------------------------
# section PAGE MACRO TITLE: the source lines of the section (.Sh) or
# subsection (.Ss) TITLE, up to the next one of its level or above
section() {
  awk -v head="$2 $3" -v macro="$2" '
    $0 == head { inside = 1; next }
    inside && macro == ".Sh" && /^\.Sh / { exit }
    inside && macro == ".Ss" && /^\.S[hs] / { exit }
    inside { print }' "$1"
}
# the help of command CMD ('help --help' is the general usage: help has no options of its own)
cmd_help() { [ "$1" = help ] || "$BIN" "$1" --help 2>/dev/null; }
# options HELP: "LONG SHORT ARG" per option line of a --help text
# ("  -o, --output=FILE  ...", "      --from=DATE  ...", "  -W error, --werror");
# "-" when absent; ARG is the first word of the argument (KEY of KEY=VALUE);
# a short form that shows a value of its own ("-W error") is not the long
# form's and is left out
options() {
  local line short re='^ +(-([[:alnum:]])( [a-z]+)?, +)?--([a-z][a-z-]*)(=([[:alpha:]]+)[^ ]*)?( |$)'
  while IFS= read -r line; do
    [[ $line =~ $re ]] || continue
    short=${BASH_REMATCH[2]:--}
    [ -n "${BASH_REMATCH[3]}" ] && short=-
    echo "${BASH_REMATCH[4]} $short ${BASH_REMATCH[6]:--}"
  done <<<"$1"
}
# documented TEXT LONG SHORT ARG: whether an item (.It line) of TEXT
# documents --LONG, with -SHORT and the argument ARG (any case; .Ar, or .Cm
# for a literal value) when given
documented() {
  local item
  item=$(grep -E "^\.It .*Fl -$2( |$)" <<<"$1" | head -n 1)
  [ -n "$item" ] || return 1
  [ "$3" = - ] || grep -qE "Fl $3( |$)" <<<"$item" || return 1
  [ "$4" = - ] || grep -qiE "(Ar|Cm) $4( |$)" <<<"$item" || return 1
}
# c_strings FILE NAMES: the string literals of the arrays named NAMES
# (an extended regular expression) in the C file FILE, one a line
c_strings() {
  tr '\n' ' ' <"$1" |
    grep -oE "char \*const ($2)\[[A-Z_]*\] = \{[^}]*\}" |
    grep -oE '"[^"]*"' | tr -d '"'
}

# --- briefgen(1): commands and options ---------------------------------------
top=$("$BIN" --help)
commands=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' <<<"$top")
for cmd in render check list fonts help; do
  expect_contains "commands listed by --help" " ${commands//$'\n'/ } " " $cmd "
done
global=$(section "$man1" .Ss "Options before the command")
every=$(section "$man1" .Ss "Options of every command")
# the options before the command: in their subsection, or among the
# options of every command
n=0
while read -r long short arg; do
  n=$((n + 1))
  if documented "$global" "$long" "$short" - || documented "$every" "$long" "$short" -; then ok; else
    fail "$man1: option --$long (-$short) before the command is not an item of 'Options before the command' or 'Options of every command'"
  fi
done < <(options "$(sed -n '/^Options before the command/,/^$/p' <<<"$top")")
if [ "$n" -ge 3 ]; then ok; else fail "briefgen --help: $n options before the command parsed, expected -C, -h, -V"; fi
for cmd in $commands; do
  sub=$(section "$man1" .Ss "$cmd")
  if [ -n "$sub" ]; then ok; else fail "$man1: no subsection '.Ss $cmd'"; fi
  help=$(cmd_help "$cmd")
  longs=
  n=0
  while read -r long short arg; do
    n=$((n + 1))
    longs="$longs $long "
    if documented "$sub" "$long" "$short" "$arg" || documented "$every" "$long" "$short" "$arg"; then
      ok
    else
      fail "$man1: option --$long (-$short $arg) of '$cmd' is not an item of '.Ss $cmd' or 'Options of every command'"
    fi
  done < <(options "$help")
  # every command but help prints its options (at least -C and -h)
  if [ "$cmd" != help ]; then
    if [ "$n" -ge 2 ]; then ok; else fail "briefgen $cmd --help: $n options parsed"; fi
  fi
  # and the subsection documents no option the command lacks
  for long in $(grep -E '^\.It ' <<<"$sub" | grep -oE 'Fl -[a-z][a-z-]*' | sed 's/^Fl --//; s/^Fl -//' | sort -u); do
    case "$longs" in
    *" $long "*) ok ;;
    *) fail "$man1: '.Ss $cmd' documents --$long, which 'briefgen $cmd --help' does not print" ;;
    esac
  done
done

# --- briefgen(1): environment ------------------------------------------------
# every variable the program reads, but the debugging knobs of src/pdf/pdf.c
environment=$(section "$man1" .Sh ENVIRONMENT)
for var in $(grep -rhoE 'getenv\("[A-Z_]+"\)' src | sed 's/getenv("//; s/")//' | sort -u); do
  case $var in BRIEFGEN_DEBUG_PDF | BRIEFGEN_PDF_PACK_AFTER) continue ;; esac
  if grep -qE "^\.It Ev $var( |$)" <<<"$environment"; then ok; else
    fail "$man1: ENVIRONMENT lacks $var, which src/ reads"
  fi
done

# --- briefgen-formats(5): keys and choices -------------------------------------
# key_in SECTION KEY WHERE: KEY is an item (.It Ic KEY) of the .Sh SECTION
key_in() {
  if grep -qE "^\.It Ic $2( |$)" <<<"$(section "$man5" .Sh "$1")"; then ok; else
    fail "$man5: key '$2' ($3) is not an item of section $1"
  fi
}
# the key tables of docs/formats.md: tables whose first column is "key",
# under "## Events", "## Themes" and "## Briefs"
n=0
while read -r part key; do
  n=$((n + 1))
  case $part in
  Events) key_in "EVENT FILES" "$key" "docs/formats.md" ;;
  Themes) key_in "THEME CATALOGUES" "$key" "docs/formats.md" ;;
  Briefs) key_in "BRIEFS" "$key" "docs/formats.md" ;;
  *) fail "docs/formats.md: a key table under '## $part'" ;;
  esac
done < <(awk '
  /^```/ { fenced = !fenced; next }
  fenced { next }
  /^## / { part = $2; table = 0; next }
  /^\| *key *\|/ { table = 1; next }
  table && /^\|/ { if (match($0, /^\| *`[^`]+`/)) { k = substr($0, RSTART, RLENGTH); sub(/^\| *`/, "", k); sub(/`$/, "", k); print part, k } next }
  { table = 0 }' docs/formats.md)
if [ "$n" -ge 40 ]; then ok; else fail "docs/formats.md: only $n keys found in its key tables"; fi
# the key tables of the loaders
for spec in "src/load/brief.c:BRIEFS" "src/load/corpus.c:EVENT FILES" "src/load/themes.c:THEME CATALOGUES"; do
  file=${spec%%:*}
  n=0
  for key in $(c_strings "$file" '[a-z_]*_keys'); do
    n=$((n + 1))
    key_in "${spec#*:}" "$key" "$file"
  done
  if [ "$n" -ge 1 ]; then ok; else fail "$file: no key table found"; fi
done
# the choices: languages, layouts, papers, kinds, chronology columns
choices=$( (c_strings src/load/brief.c 'languages|layouts|papers'; c_strings src/load/names.c 'kind_names|column_names') | sort -u)
if [ "$(wc -l <<<"$choices")" -ge 20 ]; then ok; else fail "src/load: the choices were not found"; fi
for choice in $choices; do
  # ".Cm A4 | Letter | A5": every word after .Cm
  if grep -qE "Cm (.* )?$choice( |$)" "$man5"; then ok; else fail "$man5: the choice '$choice' is not named (.Cm)"; fi
done

# --- bash completion -------------------------------------------------------------
out=$(bash -c ". $bashcomp && complete -p briefgen" 2>&1); status=$?
expect_eq "bash: complete -p briefgen" "$status" 0
expect_contains "bash: complete -F" "$out" "-F "
# complete_bash [--bc] WORD...: what the completion function gives for the
# last word, sorted, one a line (--bc: with bash-completion loaded first)
complete_bash() {
  bash -c '
    if [ "$1" = --bc ]; then shift; . /usr/share/bash-completion/bash_completion; fi
    . "$0" || exit 1
    fn=$(complete -p briefgen | sed -n "s/.*-F \([^ ]*\).*/\1/p")
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$fn" briefgen "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' "$bashcomp" "$@" | sort
}
expect_eq "bash: briefgen re" "$(complete_bash briefgen re)" "render"
expect_eq "bash: briefgen render --ou" "$(complete_bash briefgen render --ou)" "--output"
expect_eq "bash: briefgen (the commands)" "$(complete_bash briefgen '')" "$(sort <<<"$commands")"
expect_eq "bash: briefgen help (the commands)" "$(complete_bash briefgen help '')" "$(sort <<<"$commands")"
expect_eq "bash: list --kind (src/load/names.c)" "$(complete_bash briefgen list --kind '')" \
  "$(c_strings src/load/names.c kind_names | sort)"
expect_eq "bash: list --kind=ph" "$(complete_bash briefgen list --kind = ph)" "phone-call"
expect_eq "bash: list --format" "$(complete_bash briefgen list --format '')" "$(printf 'json\ntext')"
expect_eq "bash: list -f j" "$(complete_bash briefgen list -f j)" "json"
# the briefs on disk: every briefs/osaka*.yaml (the English pack and its Korean version)
expect_eq "bash: render brief" "$(complete_bash briefgen render briefs/osaka)" "$(printf '%s\n' briefs/osaka*.yaml | sort)"
expect_eq "bash: -C folder" "$(complete_bash briefgen -C briefs/ev)" "briefs/events"
expect_eq "bash: -C then a brief" "$(complete_bash briefgen -C briefs render osaka)" "$(cd briefs && printf '%s\n' osaka*.yaml | sort)"
# every option of every command, long and short
for cmd in $commands; do
  while read -r long short arg; do
    got=$(complete_bash briefgen "$cmd" "--$long")
    if grep -qx -- "--$long" <<<"$got"; then ok; else fail "bash: 'briefgen $cmd --$long' does not complete to --$long"; fi
    if [ "$short" != - ]; then
      if grep -qx -- "-$short" <<<"$(complete_bash briefgen "$cmd" -)"; then ok; else
        fail "bash: 'briefgen $cmd -' does not offer -$short"
      fi
    fi
  done < <(options "$(cmd_help "$cmd")")
done
if [ -r /usr/share/bash-completion/bash_completion ]; then
  expect_eq "bash with bash-completion: briefgen re" "$(complete_bash --bc briefgen re)" "render"
  expect_eq "bash with bash-completion: briefgen render --ou" "$(complete_bash --bc briefgen render --ou)" "--output"
else
  skip "bash-completion is not installed"
fi

# --- zsh and fish ------------------------------------------------------------------
if command -v zsh >/dev/null 2>&1; then
  out=$(zsh -n completions/_briefgen 2>&1); expect_eq "zsh -n completions/_briefgen" "$?:$out" "0:"
  expect_eq "zsh: #compdef" "$(head -n 1 completions/_briefgen)" "#compdef briefgen"
else
  skip "zsh is not installed"
fi
if command -v fish >/dev/null 2>&1; then
  out=$(fish -n completions/briefgen.fish 2>&1); expect_eq "fish -n completions/briefgen.fish" "$?:$out" "0:"
  # complete_fish LINE: the candidates fish gives for LINE, one a line
  complete_fish() {
    fish --no-config -c 'source completions/briefgen.fish; complete -C $argv[1]' "$1" | cut -f 1 | sort
  }
  expect_eq "fish: briefgen re" "$(complete_fish 'briefgen re')" "render"
  expect_eq "fish: briefgen render --ou" "$(complete_fish 'briefgen render --ou')" "--output"
  expect_eq "fish: list --kind" "$(complete_fish 'briefgen list --kind ')" "$(c_strings src/load/names.c kind_names | sort)"
  for cmd in $commands; do
    got=$(complete_fish "briefgen $cmd -")
    while read -r long short arg; do
      if grep -qx -- "--$long" <<<"$got"; then ok; else fail "fish: 'briefgen $cmd -' does not offer --$long"; fi
      if [ "$short" = - ] || grep -qx -- "-$short" <<<"$got"; then ok; else fail "fish: 'briefgen $cmd -' does not offer -$short"; fi
    done < <(options "$(cmd_help "$cmd")")
  done
else
  skip "fish is not installed"
fi
finish
