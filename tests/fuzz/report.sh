#!/bin/sh
# report.sh [TARGET...] - totals per fuzz target from the ledger
# tests/fuzz/executions.tsv (FUZZ_LEDGER overrides): campaigns, seconds,
# executions and crashes, and how far each is from the goal of issue 9
# (FUZZ_GOAL executions per target, default 10 000 000), and executions
# per CPU second where the ledger has CPU time, and the CPU hours still
# needed at the rate of the target's newest campaign. A campaign whose
# note starts with "void" (its inputs never reached the target) is listed
# in its own column and not counted toward the goal. Targets named on the
# command line are listed even when they have no campaign yet.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
ledger=${FUZZ_LEDGER:-$root/tests/fuzz/executions.tsv}
goal=${FUZZ_GOAL:-10000000}
[ -f "$ledger" ] || ledger=/dev/null
awk -F '\t' -v goal="$goal" -v targets="$*" '
BEGIN {
	n = split(targets, tl, " ")
	for (i = 1; i <= n; i++) { seen[tl[i]] = 1; order[++count] = tl[i] }
}
# columns: date commit target seconds cpu_seconds executions exec_per_sec
# crashes note
NR > 1 && NF >= 8 {
	t = $3
	if (!(t in seen)) { seen[t] = 1; order[++count] = t }
	runs[t]++; secs[t] += $4; crashes[t] += $8
	if ($9 ~ /^void/) void[t] += $6
	else {
		execs[t] += $6
		if ($5 != "-") { cpu[t] += $5; cpuexecs[t] += $6 }
		if ($5 != "-" && $5 > 0 && $1 >= when[t]) { when[t] = $1; newest[t] = $6 / $5 }
	}
	if (first == "" || $1 < first) first = $1
	if ($1 > last) last = $1
}
END {
	printf "%-10s %9s %8s %13s %10s %8s %10s %8s %9s\n", "target", "campaigns",
	       "seconds", "executions", "exec/cpu-s", "crashes", "void", "goal",
	       "cpu-h left"
	for (i = 1; i <= count; i++)   # by name
		for (j = i + 1; j <= count; j++)
			if (order[j] < order[i]) { s = order[i]; order[i] = order[j]; order[j] = s }
	for (i = 1; i <= count; i++) {
		t = order[i]
		rate = cpu[t] > 0 ? sprintf("%d", cpuexecs[t] / cpu[t]) : "-"
		if (execs[t] >= goal) left = "0"
		else if (newest[t] > 0) {
			left = sprintf("%.1f", (goal - execs[t]) / newest[t] / 3600)
			hours += left
		} else left = "-"
		printf "%-10s %9d %8d %13d %10s %8d %10d %7.1f%% %9s\n", t, runs[t],
		       secs[t], execs[t], rate, crashes[t], void[t],
		       100 * execs[t] / goal, left
		tr += runs[t]; ts += secs[t]; te += execs[t]; tc += crashes[t]
		tv += void[t]
	}
	printf "%-10s %9d %8d %13d %10s %8d %10d %8s %9.1f\n", "total", tr, ts, te, "", tc, tv, "", hours
	if (first != "")
		printf "ledger: %s to %s; exec/cpu-s over the campaigns with CPU time; crashes: found, fixed or not;\ncpu-h left: CPU hours to the goal at the exec/cpu-s of the target'"'"'s newest campaign\n", first, last
}' "$ledger"
