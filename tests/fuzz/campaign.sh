#!/bin/sh
# campaign.sh BUILD TARGET SECONDS [LIBFUZZER-FLAGS...] - runs one libFuzzer
# campaign of BUILD/fuzz/TARGET for SECONDS, seeded from BUILD/seeds/TARGET,
# the saved corpus and the regression inputs; new inputs go to
# BUILD/corpus/TARGET, a crash to BUILD/crashes/TARGET, the log to
# BUILD/fuzz-TARGET.log (BUILD/fuzz-TARGET.PID.log while it runs). Appends one line to the ledger
# tests/fuzz/executions.tsv (FUZZ_LEDGER overrides) with what libFuzzer
# reported: date, commit, target, seconds, CPU seconds ("-" without GNU
# time), executions, exec/s, crashes, and a note ($FUZZ_NOTE, free text; a note starting with "void" marks a
# campaign whose executions did not exercise the target, which
# report.sh then does not count).
# Exits 1 when the campaign crashed (or the fuzzer failed), else 0.
# campaign.sh --commit prints the commit label of the tree.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
# the commit the fuzzed code comes from; "+dirty" when the library, the
# harnesses or the build differ from it (corpus and ledger aside).
# `make fuzz` takes it before building (FUZZ_COMMIT), so that a commit made
# while its campaigns run does not relabel them.
commit_of_tree() {
	c=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
	if ! git -C "$root" diff --quiet HEAD -- src include Makefile tests/fuzz \
		':(exclude)tests/fuzz/corpus' ':(exclude)tests/fuzz/executions.tsv' \
		2>/dev/null; then
		c=$c+dirty
	fi
	echo "$c"
}
if [ "${1:-}" = --commit ]; then  # campaign.sh --commit: just the label
	commit_of_tree
	exit 0
fi
build=$1 t=$2 secs=$3
shift 3
ledger=${FUZZ_LEDGER:-$root/tests/fuzz/executions.tsv}
# the log and time of this campaign, under names of its own while it runs
# (the PID): two streams may end a campaign of a target and start the next
# of it at the same moment, and the second truncated the log the first was
# still reading its executions from (a pack campaign read as 0 executions)
log=$build/fuzz-$t.$$.log
tfile=$build/fuzz-$t.$$.time
crashes=$build/crashes/$t
mkdir -p "$build/corpus/$t" "$crashes"

# A pack or pdf_layout unit runs up to three passes (test, lint, check;
# or layout and the checks), each of at most 1 s of CPU: 2 to 2.5 s under
# ASan, and four times that in wall time on a loaded machine. libFuzzer's
# -timeout counts wall time, so these two get 30 s (FUZZ_SLOW_TIMEOUT)
# after the caller's flags, where the last -timeout wins; slower than that
# is still reported as a hang.
case $t in
pack|pdf_layout) set -- "$@" -timeout="${FUZZ_SLOW_TIMEOUT:-30}" ;;
esac
# pdf: no leak check after each unit (the caller's flags can turn it on
# again). cairo keeps the fonts of closed documents (its cache of up to
# 256 scaled fonts) and fontconfig its patterns, so a unit often ends with
# more allocations than frees, and libFuzzer then ran it a second time
# under LeakSanitizer: a quarter of the harness's CPU (150 corpus inputs:
# 5.5 s, 4.2 s without). Leaks are still looked for where the inputs that
# matter are, when the merged corpus is replayed under ASan+LSan.
# Nor the check at exit (ASAN_OPTIONS, the caller's after it): cairo
# 1.16 loses a hash table (304 + 344 bytes) for each font it cannot
# scale, a font size poppler takes from the PDF, and two hour-long
# campaigns ended on that report with no input to name (a font face
# scaled 70,000 times, in a program of our own outside the harness,
# leaks the same two blocks from the same two places in libcairo). To
# look for leaks in a campaign: ASAN_OPTIONS=detect_leaks=1 and
# -detect_leaks=1.
case $t in
pdf)
	set -- -detect_leaks=0 "$@"
	ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
	export ASAN_OPTIONS ;;
esac
set -- "$@" -max_total_time="$secs" -artifact_prefix="$crashes/" \
	-print_final_stats=1 "$build/corpus/$t"
[ -d "$build/seeds/$t" ] && set -- "$@" "$build/seeds/$t"
for d in "$root/tests/fuzz/corpus/$t" "$root/tests/fuzz/regressions/$t"; do
	[ -d "$d" ] && set -- "$@" "$d"
done

commit=${FUZZ_COMMIT:-$(commit_of_tree)}

# libFuzzer's artifacts that are failures: not "slow-unit-*", an input
# that took longer than -report_slow_units (10 s of wall time, which a
# loaded machine reaches) and did not stop the run
failures() { ls "$crashes" | grep -vc '^slow-unit-'; }
before=$(failures)
start=$(date -u +%s)
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# CPU seconds too (GNU time, when there is one): the machine is shared,
# and executions per CPU second compare campaigns where exec/s cannot
cpu=-
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%U %S' -o "$tfile" "$build/fuzz/$t" "$@" \
		> "$log" 2>&1
	rc=$?
	cpu=$(awk 'END { if (NF == 2 && $1 ~ /^[0-9.]+$/) printf "%.0f", $1 + $2
	                 else print "-" }' "$tfile")
	rm -f "$tfile"
else
	"$build/fuzz/$t" "$@" > "$log" 2>&1
	rc=$?
fi
seconds=$(($(date -u +%s) - start))
found=$(($(failures) - before))
# a failed run with no artifact (e.g. an abort while loading the seeds)
# still counts as a crash; not one stopped on purpose (SIGINT to the
# fuzzer: it says so, and exits non-zero)
if [ $rc -ne 0 ] && [ $found -eq 0 ] &&
	grep -q '^==[0-9]*== libFuzzer: run interrupted; exiting' "$log"; then
	rc=0
	FUZZ_NOTE="stopped with SIGINT${FUZZ_NOTE:+; $FUZZ_NOTE}"
fi
if [ $rc -ne 0 ] && [ $found -eq 0 ]; then found=1; fi

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if [ -z "$execs" ]; then  # no final stats: the last status line
	execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -1)
fi
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
# read: now under the target's name, the last campaign's log
mv -f "$log" "$build/fuzz-$t.log" && log=$build/fuzz-$t.log
if [ ! -f "$ledger" ]; then
	printf 'date\tcommit\ttarget\tseconds\tcpu_seconds\texecutions\texec_per_sec\tcrashes\tnote\n' \
		> "$ledger"
fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$date" "$commit" "$t" "$seconds" \
	"$cpu" "${execs:-0}" "${rate:-0}" "$found" \
	"$(printf '%s' "${FUZZ_NOTE:-}" | tr '\t\n' '  ')" >> "$ledger"
printf '%s: %s s (%s s CPU), %s executions (%s/s), %s crash(es)\n' "$t" \
	"$seconds" "$cpu" "${execs:-0}" "${rate:-0}" "$found"
if [ $rc -ne 0 ]; then
	tail -40 "$log"
	echo "fuzz: $t crashed: input in $crashes/, log in $log"
	exit 1
fi
exit 0
