# Long lists cost their length, not its square (docs/formats.md#briefs,
# #themes): a catalogue of 10,000 themes, all of them the brief's sections
# and one event's themes, and a brief selecting 10,000 participants, are
# checked within 10 seconds (under AddressSanitizer too) and, outside it,
# in 200 MB. Before, the PDF keywords were joined one label at a time, each
# join a new copy (595 MB for 10,000 themes, 5.4 GB for 30,000), every theme
# id was looked up by a walk over the catalogue, and each participant was
# compared by edit distance with every name of the corpus (7 s for 10,000).
. "$(dirname "$0")/lib.bash"

limit=10
n=10000
mkdir -p "$TMP/p/events"
python3 - "$n" "$TMP/p" <<'P'
import sys
n, d = int(sys.argv[1]), sys.argv[2]
with open(d + "/themes.yaml", "w") as f:
    f.write("themes:\n" + "".join(f"  - id: t{i}\n    label: Theme {i}\n" for i in range(n)))
with open(d + "/events/e.md", "w") as f:
    f.write("---\nid: e\ndate: 2019-06-29\ntitle: Event\nkind: summit\n")
    f.write("themes: [" + ", ".join(f"t{i}" for i in range(n)) + "]\n")
    f.write("participants: [" + ", ".join(f"Person {i}" for i in range(n)) + "]\n")
    f.write("sources:\n  - {title: Report, publisher: Ministry, date: 2019-06-29}\n")
    f.write("---\nThe leaders met.\n")
with open(d + "/brief.yaml", "w") as f:
    f.write("title: Scale\ndate: 2020-01-01\nselect:\n  themes: [t0]\n")
    f.write("  participants: [" + ", ".join(f"Person {i}" for i in range(n)) + "]\n")
    f.write("sections: [" + ", ".join(f"t{i}" for i in range(n)) + "]\n")
P
start=$EPOCHREALTIME
/usr/bin/time -f %M -o "$TMP/rss" timeout -k 5 $((limit * 3)) "$BIN" check "$TMP/p/brief.yaml" \
  >"$TMP/out" 2>"$TMP/err"
rc=$?
secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
expect_eq "check: exit" "$rc" 0
expect_eq "check: diagnostics" "$(cat "$TMP/err")" ""
if awk -v s="$secs" -v l="$limit" 'BEGIN { exit !(s <= l) }'; then ok; else
  fail "10,000 themes and participants: $secs s (limit $limit s)"
fi
if ! sanitized; then
  kb=$(tail -1 "$TMP/rss")
  if [ "$kb" -le 204800 ]; then ok; else fail "10,000 themes: peak $kb KB (limit 200 MB)"; fi
fi
finish
