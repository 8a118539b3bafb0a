# The cache folder stays bounded ($XDG_CACHE_HOME/briefgen; README,
# "Environment"): each set of font families a brief names, and each
# hyphenation patterns file, has a cache file of its own (some 200 KB and
# 350 KB), so that a brief tried with many families would fill it without
# end. At most 16 font-chain files and 4 hyphenation files are kept (those
# used last, the one just written always); temporary files an hour old
# (left by a process killed while writing) are removed; other files are
# left alone.
. "$(dirname "$0")/lib.bash"

export XDG_CACHE_HOME=$TMP/xdg
unset BRIEFGEN_NO_CACHE
cache=$XDG_CACHE_HOME/briefgen
mkdir -p "$cache"
touch -d '2 hours ago' "$cache/fonts-0000000000000000.cache.AbCdEf"
touch "$cache/fonts-0000000000000001.cache.GhIjKl" "$cache/notes.txt"
for i in 1 2 3 4 5 6; do
  printf 'stale\n' >"$cache/hyphen-000000000000000$i.cache"
  touch -d "$i days ago" "$cache/hyphen-000000000000000$i.cache"
done

for i in $(seq 20); do
  printf 'title: T\ndate: 2020-01-01\nselect: {themes: [trade]}\nfonts: {body: Family%s}\n' "$i" \
    >"$TMP/f.yaml"
  "$BIN" fonts "$TMP/f.yaml" >/dev/null 2>"$TMP/err" || fail "fonts $i: $(cat "$TMP/err")"
done
fonts=$(find "$cache" -name 'fonts-*.cache' | wc -l)
[ "$fonts" -le 16 ] && ok || fail "$fonts font-chain cache files after 20 family sets (at most 16)"
[ "$fonts" -ge 1 ] && ok || fail "no font-chain cache file kept"
[ -e "$cache/fonts-0000000000000000.cache.AbCdEf" ] &&
  fail "a temporary file two hours old is left" || ok
[ -e "$cache/fonts-0000000000000001.cache.GhIjKl" ] && ok ||
  fail "a temporary file being written (new) was removed"
[ -e "$cache/notes.txt" ] && ok || fail "a file not briefgen's was removed"

render "$TMP/a.pdf" tests/fixtures/base/brief.yaml
expect_eq "render: exit" "$rc" 0
hyphen=$(find "$cache" -name 'hyphen-*.cache' | wc -l)
expect_eq "hyphenation cache files" "$hyphen" 4
[ -e "$cache/hyphen-0000000000000006.cache" ] && fail "the oldest hyphenation file is kept" || ok
finish
