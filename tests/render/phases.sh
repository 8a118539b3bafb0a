# render -v (README, Usage; bench/README.md): after the page statistics, one
# line with the time of each stage in milliseconds and its share, and the
# peak resident set size; the shares add up to about 100 and the stages
# are the ones bench/run reads.
. "$(dirname "$0")/lib.bash"

"$BIN" render -v -o "$TMP/h.pdf" briefs/nine-bridges-handout.yaml >/dev/null 2>"$TMP/err"
rc=$?
expect_eq "render -v exits 0" "$rc" 0
line=$(grep '^  phases: ' "$TMP/err")
expect_eq "one phases line" "$(grep -c '^  phases: ' "$TMP/err")" 1
for stage in load compose fonts layout subset draw save; do
  [[ $line =~ \ $stage\ [0-9]+\.[0-9]\ ms\ \([0-9]+%\) ]] && ok || fail "no '$stage N.N ms (N%)' in [$line]"
done
[[ $line =~ peak\ RSS\ ([0-9]+)\.[0-9]\ MB\;\ font\ cache\ (hit|miss|off)$ ]] && ok || fail "no peak RSS in [$line]"
mb=${BASH_REMATCH[1]:-0}
((mb >= 1 && mb < 4096)) && ok || fail "peak RSS $mb MB"
# the shares add up to 100, give or take rounding
sum=$(grep -o '([0-9]*%)' <<<"$line" | tr -d '(%)' | awk '{ s += $1 } END { print s + 0 }')
((sum >= 96 && sum <= 104)) && ok || fail "shares add up to $sum"
# layout and save take time on any brief
[[ $line =~ layout\ 0\.0\ ms ]] && fail "layout took no time: [$line]" || ok
# without -v, no phases line
"$BIN" render -o "$TMP/h.pdf" briefs/nine-bridges-handout.yaml >/dev/null 2>"$TMP/err2"
expect_eq "no phases without -v" "$(grep -c 'phases:' "$TMP/err2")" 0
finish
