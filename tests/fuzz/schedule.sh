#!/bin/sh
# schedule.sh [--plan] BUILD SECONDS JOBS TARGET... [-- LIBFUZZER-FLAGS...]
#
# Spends SECONDS of wall time on JOBS campaign streams run side by side
# (one core each), shared among the TARGETs by how far each is behind the
# goal of issue 9 (FUZZ_GOAL executions per target, default 10 000 000).
#
# The time is "water-filled": the target with the smallest share of the
# goal gets time first, until it has caught up with the next, and so on,
# so that at the end every target fuzzed stands at the same share of the
# goal (or has reached it), or has a whole stream to itself: a target runs
# in one process at a time (campaign.sh keeps one log per target). What a
# second buys is the target's executions
# per CPU second in its newest campaign with CPU time in the ledger
# (tests/fuzz/executions.tsv; FUZZ_LEDGER overrides), FUZZ_DEFAULT_RATE
# (500) for a target without one. A target whose share would be under
# FUZZ_MIN_CAMPAIGN seconds (300: loading the saved corpus costs a campaign
# up to half a minute) gets none this time. The streams are then filled in
# turn, furthest behind first, each to SECONDS; a share cut by the end of
# one stream goes on at the start of the next, so its two campaigns never
# run at once (were the first piece under the minimum, the stream's last
# campaign runs that much longer and the share moves whole to the next).
#
# FUZZ_STRATEGY=finish plans otherwise: the targets nearest the goal
# first, each given what brings it there (its CPU seconds left, plus
# FUZZ_MARGIN per cent, default 10, for a rate that falls as the corpus
# grows; at most one stream), until the budget is spent; the last target
# gets what is left, if that is at least the minimum; a target needing
# less than the minimum gets the minimum. It brings harnesses to the goal
# one by one instead of all of them up together.
#
# Every campaign goes through campaign.sh, so the ledger gets one line per
# campaign. --plan prints the plan (stream, seconds, target, expected
# executions) and runs nothing. Exits 1 if a campaign crashed.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
plan_only=0
if [ "${1:-}" = --plan ]; then plan_only=1; shift; fi
if [ $# -lt 4 ]; then
	echo "usage: schedule.sh [--plan] BUILD SECONDS JOBS TARGET... [-- FLAGS...]" >&2
	exit 2
fi
build=$1 secs=$2 jobs=$3
shift 3
targets=
while [ $# -gt 0 ] && [ "$1" != -- ]; do targets="$targets $1"; shift; done
[ "${1:-}" = -- ] && shift
case "$secs$jobs" in *[!0-9]*) echo "schedule.sh: SECONDS and JOBS are whole numbers" >&2; exit 2 ;; esac
[ "$jobs" -ge 1 ] || { echo "schedule.sh: JOBS must be at least 1" >&2; exit 2; }
case "${FUZZ_STRATEGY:-level}" in
level|finish) ;;
*) echo "schedule.sh: FUZZ_STRATEGY is level or finish, not '$FUZZ_STRATEGY'" >&2; exit 2 ;;
esac
case "${FUZZ_MARGIN:-10}" in
''|*[!0-9]*) echo "schedule.sh: FUZZ_MARGIN is a whole number of per cent" >&2; exit 2 ;;
esac
ledger=${FUZZ_LEDGER:-$root/tests/fuzz/executions.tsv}
[ -f "$ledger" ] || ledger=/dev/null

plan=$(awk -F '\t' -v goal="${FUZZ_GOAL:-10000000}" -v secs="$secs" \
	-v jobs="$jobs" -v targets="$targets" -v dflt="${FUZZ_DEFAULT_RATE:-500}" \
	-v minc="${FUZZ_MIN_CAMPAIGN:-300}" -v strategy="${FUZZ_STRATEGY:-level}" \
	-v margin="${FUZZ_MARGIN:-10}" '
BEGIN {
	n = split(targets, tl, " ")
	for (i = 1; i <= n; i++) { want[tl[i]] = 1; execs[tl[i]] = 0 }
}
# columns: date commit target seconds cpu_seconds executions exec_per_sec
# crashes note; a "void" campaign did not reach its target
NR > 1 && NF >= 8 && ($3 in want) && $9 !~ /^void/ {
	execs[$3] += $6
	if ($5 != "-" && $5 > 0 && $1 >= when[$3]) {
		when[$3] = $1; rate[$3] = $6 / $5
	}
}
# CPU seconds that bring target t to fraction f of the goal (0 if there),
# at most one stream of it: a target runs in one process at a time
function need(t, f,   x) {
	x = (f * goal - execs[t]) / rate[t]
	return x <= 0 ? 0 : x > secs ? secs : x
}
function fill(f,   i, s) {
	s = 0
	for (i = 1; i <= n; i++) if (active[tl[i]]) s += need(tl[i], f)
	return s
}
# the finish plan: nearest the goal first, each its whole need plus the
# margin, the last what is left of the budget
function finish(   i, t, left, away) {
	for (i = 1; i <= n; i++) {
		t = tl[i]
		# by the whole time left, before the cut at one stream
		away[t] = (goal - execs[t]) / rate[t]
		want_s[t] = away[t] * (1 + margin / 100)
		# a target a few seconds from the goal gets a whole campaign
		if (want_s[t] > 0 && want_s[t] < minc) want_s[t] = minc
		if (want_s[t] > secs) want_s[t] = secs
	}
	sort_order(away)
	left = cap
	for (i = 1; i <= n; i++) {
		t = order[i]
		share[t] = 0
		if (!active[t]) continue
		share[t] = want_s[t] < left ? want_s[t] : left
		if (share[t] < minc) { share[t] = 0; active[t] = 0; continue }
		left -= share[t]
	}
}
END {
	cap = secs * jobs
	for (i = 1; i <= n; i++) {
		t = tl[i]
		if (!(t in rate) || rate[t] <= 0) rate[t] = dflt
		active[t] = execs[t] < goal
	}
	if (strategy == "finish") finish(); else level()
	pack()
}
function level(   round, lo, hi, k, mid, dropped, i, t) {
	# the level f every active target is brought to: fill(f) = cap, by
	# bisection; a target whose share is under minc leaves the set and
	# the level is found again for the others
	for (round = 0; round < n; round++) {
		if (fill(1) <= cap) f = 1
		else {
			lo = 0; hi = 1
			for (k = 0; k < 60; k++) {
				mid = (lo + hi) / 2
				if (fill(mid) <= cap) lo = mid; else hi = mid
			}
			f = lo
		}
		dropped = 0
		for (i = 1; i <= n; i++) {
			t = tl[i]
			if (active[t] && need(t, f) < minc) { active[t] = 0; dropped++ }
		}
		if (!dropped) break
	}
	# furthest behind first
	for (i = 1; i <= n; i++) share[tl[i]] = need(tl[i], f)
	sort_order(execs)
}
# order[] = the targets by key[] ascending, then by name
function sort_order(key,   i, j, s) {
	for (i = 1; i <= n; i++) order[i] = tl[i]
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (key[order[j]] < key[order[i]] ||
			    (key[order[j]] == key[order[i]] && order[j] < order[i])) {
				s = order[i]; order[i] = order[j]; order[j] = s
			}
}
# whole seconds, in order[]; the streams are filled in turn
function pack(   stream, room, np, i, t, left, piece, ps, pl, pt) {
	stream = 1; room = secs
	np = 0
	for (i = 1; i <= n && stream <= jobs; i++) {
		t = order[i]
		if (!active[t]) continue
		left = int(share[t] + 0.5)
		while (left > 0 && stream <= jobs) {
			piece = left < room ? left : room
			# a piece under the minimum at the end of a stream: the
			# stream'"'"'s last campaign runs that much longer instead,
			# and the whole share goes to the next stream
			if (piece < left && piece < minc && np && ps[np] == stream) {
				pl[np] += piece; stream++; room = secs
				continue
			}
			np++; ps[np] = stream; pl[np] = piece; pt[np] = t
			left -= piece; room -= piece
			if (room == 0) { stream++; room = secs }
		}
	}
	for (i = 1; i <= np; i++)
		printf "%d %d %s %d\n", ps[i], pl[i], pt[i], pl[i] * rate[pt[i]]
}' "$ledger")

if [ $plan_only -eq 1 ]; then
	[ -n "$plan" ] && printf '%s\n' "$plan"
	exit 0
fi
[ -n "$plan" ] || { echo "schedule.sh: nothing to fuzz"; exit 0; }
printf 'schedule: %s s on %s streams\n%s\n' "$secs" "$jobs" "$plan" |
	sed 's/^\([0-9]\) \([0-9]*\) \([a-z_]*\) \([0-9]*\)$/  stream \1: \3 for \2 s (about \4 executions)/'

failed=0
j=1
while [ "$j" -le "$jobs" ]; do
	printf '%s\n' "$plan" | awk -v j="$j" '$1 == j { print $2, $3 }' > "$build/fuzz-plan-$j"
	(
		rc=0
		while read -r s t; do
			echo "== fuzz $t for $s s (stream $j)"
			sh "$root/tests/fuzz/campaign.sh" "$build" "$t" "$s" "$@" || {
				echo "fuzz: $t crashed (stream $j)"; rc=1; }
		done < "$build/fuzz-plan-$j"
		exit $rc
	) &
	eval "pid$j=\$!"
	j=$((j + 1))
done
j=1
while [ "$j" -le "$jobs" ]; do
	eval "wait \$pid$j" || failed=1
	j=$((j + 1))
done
exit $failed
