#!/bin/sh
# bench/diff.sh BIN - how long `clauselint diff` takes on two ~100-page
# contracts. OLD is the team's sound sample repeated with its clauses
# renumbered (Part 1 clauses 1-24, Part 2 clauses 25-48, ...), NEW the same
# built from sound-v2 (values changed, a risk added, a clause moved), with
# one part removed and one part's clauses shuffled, so alignment, moves and
# word diffs all have work. Prints the median [min-max] wall time of
# $BENCH_RUNS runs and the time of checking the two files alone (the diff
# checks both revisions, so that is its floor).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-5}
parts=${BENCH_DIFF_PARTS:-17}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$here/../samples/revisions" "$tmp" "$parts" <<'PY'
import random, re, sys
src, out, parts = sys.argv[1], sys.argv[2], int(sys.argv[3])

def body(name):
    t = open(f"{src}/{name}.txt", encoding="utf-8").read()
    return t[t.index("\n1. Definitions"):t.index("\nSchedule 1")]

def renumber(text, k):
    f = lambda m: str(int(m.group(1)) + 24 * k) + m.group(2)
    return re.sub(r"^(\d+)(\.\d*)", f, text, flags=re.M)

def doc(name, drop=None, shuffle=None):
    chunks = []
    for k in range(parts):
        if k == drop:
            continue
        b = renumber(body(name), k)
        if k == shuffle:
            cl = re.split(r"\n(?=\d+\. )", b.strip("\n"))
            random.Random(7).shuffle(cl)
            b = "\n" + "\n".join(cl) + "\n"
        chunks.append(f"\nPart {k + 1}\n" + b)
    return "Managed IT Services Agreement\n" + "".join(chunks)

open(f"{out}/old.txt", "w").write(doc("sound-v1"))
open(f"{out}/new.txt", "w").write(doc("sound-v2", drop=3, shuffle=6))
PY
words_old=$(wc -w < "$tmp/old.txt")
words_new=$(wc -w < "$tmp/new.txt")
echo "== clauselint diff: two revisions of $words_old and $words_new words (~$((words_old / 500)) pages each), $runs runs, median [min-max] seconds"

measure() { # measure NAME CMD...
	name=$1
	shift
	i=0
	: > "$tmp/times"
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		e=$(date +%s.%N)
		echo "$e - $s" | bc -l >> "$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk -v name="$name" '
		{ t[NR] = $1 } END {
			m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
			printf "  %-22s %8.3f s  [%.3f-%.3f]\n", name, m, t[1], t[NR] }'
}

"$bin" diff --fail-on none "$tmp/old.txt" "$tmp/new.txt" | sed -n 2p | sed 's/^/  /'
measure "diff (text)" "$bin" diff --fail-on none "$tmp/old.txt" "$tmp/new.txt"
measure "diff (json)" "$bin" diff --fail-on none --format json "$tmp/old.txt" "$tmp/new.txt"
measure "check both (floor)" "$bin" --fail-on none "$tmp/old.txt" "$tmp/new.txt"
