#!/bin/sh
# test_schedule.sh - checks schedule.sh (the planner that shares a fuzzing
# budget among the targets by how far each is behind the goal) on made-up
# ledgers, and runs one plan with stand-in fuzz programs that print what
# libFuzzer prints, to check that every campaign lands in the ledger
# (and that campaign.sh tells a campaign stopped on purpose from a crash).
# Needs nothing but sh and awk; `make test` runs it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

head='date\tcommit\ttarget\tseconds\tcpu_seconds\texecutions\texec_per_sec\tcrashes\tnote\n'
ledger() {  # ledger FILE LINE... (LINE: "target executions exec/cpu-s [note]")
	f=$1; shift
	printf "$head" > "$f"
	i=10
	for l in "$@"; do
		set -- $l
		t=$1 ex=$2 cpu=$(($2 / $3))
		shift 3
		printf '2026-01-01T00:00:%sZ\tc0ffee\t%s\t%s\t%s\t%s\t0\t0\t%s\n' \
			"$i" "$t" "$cpu" "$cpu" "$ex" "$*" >> "$f"
		i=$((i + 1))
	done
}
plan() {  # plan LEDGER SECONDS JOBS TARGET...
	l=$1; shift
	FUZZ_LEDGER=$l FUZZ_MIN_CAMPAIGN=${MINC:-300} sh "$here/schedule.sh" --plan "$tmp/b" "$@"
}
total() { awk -v t="${2:-}" 't == "" || $3 == t { s += $2 } END { print s + 0 }' "$1"; }

# 1. the target furthest behind gets time first; every stream is filled
#    to the second; no target gets more than one stream's worth. At 1000
#    executions a second, far (1M) is capped at one stream (4.6M), mid
#    (3M) fills the other (6.6M), near (9M) is never the lowest.
ledger "$tmp/l1" "far 1000000 1000" "near 9000000 1000" "mid 3000000 1000"
plan "$tmp/l1" 3600 2 far near mid > "$tmp/p1"
[ "$(total "$tmp/p1")" -eq 7200 ] || fail "1: plan is $(total "$tmp/p1") s, not 7200"
for j in 1 2; do
	s=$(awk -v j=$j '$1 == j { s += $2 } END { print s + 0 }' "$tmp/p1")
	[ "$s" -eq 3600 ] || fail "1: stream $j has $s s, not 3600"
done
[ "$(total "$tmp/p1" far)" -eq 3600 ] && [ "$(total "$tmp/p1" mid)" -eq 3600 ] &&
	[ "$(total "$tmp/p1" near)" -eq 0 ] || { cat "$tmp/p1"; fail "1: not far 3600, mid 3600, near 0"; }
[ "$(head -1 "$tmp/p1" | cut -d' ' -f3)" = far ] ||
	fail "1: the plan does not start with the target furthest behind"

# 2. the water level: two targets at the same rate end at the same count
ledger "$tmp/l2" "a 1000000 1000" "b 2000000 1000"
plan "$tmp/l2" 2000 1 a b > "$tmp/p2"
a=$(total "$tmp/p2" a) b=$(total "$tmp/p2" b)
[ $((1000000 + a * 1000)) -eq $((2000000 + b * 1000)) ] ||
	fail "2: a ends at $((1000000 + a * 1000)), b at $((2000000 + b * 1000))"
[ $((a + b)) -eq 2000 ] || fail "2: $((a + b)) s planned, not 2000"
# a share cut by the end of stream 1 goes on at the start of stream 2,
# and the two pieces fit in one stream (they never run at once): a 967 s,
# b 667 s (33 + 634), c 366 s (the last second is over the budget)
ledger "$tmp/l2b" "a 1000000 1000" "b 1300000 1000" "c 1600000 1000"
MINC=10 plan "$tmp/l2b" 1000 2 a b c > "$tmp/p2b"
[ "$(awk '$3 == "b"' "$tmp/p2b" | wc -l)" -eq 2 ] || { cat "$tmp/p2b"; fail "2: b is not split"; }
[ "$(total "$tmp/p2b")" -eq 2000 ] || fail "2: split plan is $(total "$tmp/p2b") s, not 2000"
awk '{ n[$3]++; s[$3] += $2 } END { for (t in n) if (n[t] > 1 && s[t] > 1000) exit 1 }' \
	"$tmp/p2b" || fail "2: a split share is longer than a stream"

# with the 300 s minimum, b's 33 s at the end of stream 1 would be a
# campaign spent loading its corpus: a runs 33 s longer, b moves whole
plan "$tmp/l2b" 1000 2 a b c > "$tmp/p2c"
[ "$(cat "$tmp/p2c")" = "1 1000 a 1000000
2 667 b 667000
2 333 c 333000" ] || { cat "$tmp/p2c"; fail "2: a piece under the minimum was planned"; }

# 3. a target at the goal, a void campaign, a share under the minimum
ledger "$tmp/l3" "done 10000000 1000" "v 5000000 1000 void: not reached" "v 100000 100"
plan "$tmp/l3" 1000 1 done v > "$tmp/p3"
[ "$(total "$tmp/p3" done)" -eq 0 ] || fail "3: a target at the goal got time"
[ "$(total "$tmp/p3" v)" -eq 1000 ] || fail "3: void executions counted toward the goal"
ledger "$tmp/l3b" "x 9999000 9999" "y 1000000 1000"
plan "$tmp/l3b" 1000 2 x y > "$tmp/p3b"
[ "$(total "$tmp/p3b" x)" -eq 0 ] || fail "3: a 1 s share was planned (minimum 300 s)"
# every target at the goal: nothing to do
ledger "$tmp/l3c" "x 10000000 1000"
[ -z "$(plan "$tmp/l3c" 1000 2 x)" ] || fail "3: a plan for targets all at the goal"
# a target with no campaign yet is planned at the default rate
ledger "$tmp/l3d"
[ "$(plan "$tmp/l3d" 600 1 new | cut -d' ' -f2-)" = "600 new 300000" ] ||
	fail "3: a new target: '$(plan "$tmp/l3d" 600 1 new)'"

# 3b. FUZZ_STRATEGY=finish: nearest the goal first, each its whole need
#     plus the margin, the last what is left. At 1000 a second with no
#     margin: near needs 1000 s, mid 3000 s (cut at one stream, 2000 s),
#     far 9000 s and gets the 1000 s left of 4000
ledger "$tmp/l3e" "far 1000000 1000" "near 9000000 1000" "mid 7000000 1000"
FUZZ_STRATEGY=finish FUZZ_MARGIN=0 plan "$tmp/l3e" 2000 2 far near mid > "$tmp/p3e"
[ "$(cat "$tmp/p3e")" = "1 1000 near 1000000
1 1000 mid 1000000
2 1000 mid 1000000
2 1000 far 1000000" ] || { cat "$tmp/p3e"; fail "3b: not near, mid, far"; }
# the split share of mid: its two pieces must not overlap in time
awk '$3 == "mid" { s += $2 } END { exit !(s <= 2000) }' "$tmp/p3e" ||
	fail "3b: a split share is longer than a stream"
# the default 10 % margin: near gets 1100 s
FUZZ_STRATEGY=finish plan "$tmp/l3e" 2000 2 near > "$tmp/p3f"
[ "$(cat "$tmp/p3f")" = "1 1100 near 1100000" ] || { cat "$tmp/p3f"; fail "3b: margin"; }
# a target 50 s from the goal gets a whole campaign (the 300 s minimum)
ledger "$tmp/l3h" "close 9950000 1000" "far 1000000 1000"
FUZZ_STRATEGY=finish FUZZ_MARGIN=0 MINC=300 plan "$tmp/l3h" 1000 1 close far > "$tmp/p3h"
[ "$(cat "$tmp/p3h")" = "1 300 close 300000
1 700 far 700000" ] || { cat "$tmp/p3h"; fail "3b: a target near the goal"; }
# a remainder under the minimum is not planned
FUZZ_STRATEGY=finish FUZZ_MARGIN=0 MINC=300 plan "$tmp/l3e" 1100 1 near mid > "$tmp/p3g"
[ "$(cat "$tmp/p3g")" = "1 1000 near 1000000" ] || { cat "$tmp/p3g"; fail "3b: remainder under the minimum"; }

# 4. bad arguments
FUZZ_STRATEGY=fastest FUZZ_LEDGER=/dev/null sh "$here/schedule.sh" --plan "$tmp/b" 10 1 a 2>/dev/null
[ $? -eq 2 ] || fail "4: FUZZ_STRATEGY 'fastest' accepted"
FUZZ_MARGIN=-5 FUZZ_LEDGER=/dev/null sh "$here/schedule.sh" --plan "$tmp/b" 10 1 a 2>/dev/null
[ $? -eq 2 ] || fail "4: FUZZ_MARGIN -5 accepted"
FUZZ_LEDGER=/dev/null sh "$here/schedule.sh" --plan "$tmp/b" 10 x a 2>/dev/null
[ $? -eq 2 ] || fail "4: JOBS 'x' accepted"
FUZZ_LEDGER=/dev/null sh "$here/schedule.sh" --plan "$tmp/b" 10 0 a 2>/dev/null
[ $? -eq 2 ] || fail "4: JOBS 0 accepted"

# 5. a run, with stand-ins for the fuzz programs: each campaign is one
#    ledger line, the two streams run side by side, a crash fails the run
mkdir -p "$tmp/b/fuzz"
for t in p q r; do
	cat > "$tmp/b/fuzz/$t" <<EOF
#!/bin/sh
sleep 1
echo "stat::number_of_executed_units: 4242"
echo "stat::average_exec_per_sec: 42"
[ $t = r ] && exit 1
exit 0
EOF
	chmod +x "$tmp/b/fuzz/$t"
done
ledger "$tmp/l5" "p 1000 10" "q 2000 20"
start=$(date +%s)
FUZZ_LEDGER=$tmp/l5 FUZZ_MIN_CAMPAIGN=1 FUZZ_COMMIT=test \
	sh "$here/schedule.sh" "$tmp/b" 30 2 p q -- -runs=1 > "$tmp/run5" 2>&1
rc=$?
[ $rc -eq 0 ] || { cat "$tmp/run5"; fail "5: the run exited $rc"; }
[ $(($(date +%s) - start)) -le 3 ] || fail "5: the streams did not run side by side"
n=$(awk -F '\t' 'NR > 3 && $2 == "test" && $6 == 4242' "$tmp/l5" | wc -l)
[ "$n" -eq "$(grep -c '^== fuzz' "$tmp/run5")" ] && [ "$n" -ge 2 ] ||
	fail "5: $n ledger lines for $(grep -c '^== fuzz' "$tmp/run5") campaigns"
ledger "$tmp/l5b" "p 1000 10"
FUZZ_LEDGER=$tmp/l5b FUZZ_MIN_CAMPAIGN=1 FUZZ_COMMIT=test \
	sh "$here/schedule.sh" "$tmp/b" 10 1 r > "$tmp/run5b" 2>&1
[ $? -eq 1 ] || fail "5: a crashing campaign did not fail the run"

# 6. a campaign stopped with SIGINT (libFuzzer says so and exits 72) is
#    not a crash: 0 crashes and a note in the ledger, exit status 0; a
#    stand-in that exits 72 without saying so still is one
for t in s u; do
	cat > "$tmp/b/fuzz/$t" <<EOF
#!/bin/sh
echo "stat::number_of_executed_units: 99"
[ $t = s ] && echo "==123== libFuzzer: run interrupted; exiting"
exit 72
EOF
	chmod +x "$tmp/b/fuzz/$t"
done
printf "$head" > "$tmp/l6"
FUZZ_LEDGER=$tmp/l6 FUZZ_COMMIT=test FUZZ_NOTE=why \
	sh "$here/campaign.sh" "$tmp/b" s 10 > "$tmp/run6" 2>&1
[ $? -eq 0 ] || fail "6: a stopped campaign failed"
FUZZ_LEDGER=$tmp/l6 FUZZ_COMMIT=test \
	sh "$here/campaign.sh" "$tmp/b" u 10 > "$tmp/run6u" 2>&1
[ $? -eq 1 ] || fail "6: an exit status of 72 unexplained was not a crash"
awk -F '\t' '$3 == "s" && $6 == 99 && $8 == 0 && $9 == "stopped with SIGINT; why"' \
	"$tmp/l6" | grep -q . || { cat "$tmp/l6"; fail "6: the stopped campaign's ledger line"; }
awk -F '\t' '$3 == "u" && $8 == 1' "$tmp/l6" | grep -q . ||
	fail "6: the failed campaign's ledger line"

if [ $fails -ne 0 ]; then
	echo "fuzz schedule: $fails failed"
	exit 1
fi
echo "fuzz schedule: all passed"
