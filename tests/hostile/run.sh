#!/bin/sh
# run.sh BIN OUTDIR - the hostile-input suite: every case of
# tests/hostile/cases is run with a time budget and a memory limit
# (ulimit -v) and must end with its exit status (a crash or a hang
# never does), print its message naming the file and the reason, and
# still report the good file given in the same run. The big inputs are
# made by gen.py in OUTDIR first. Then, when valgrind is installed, the
# small inputs run once more under valgrind (no errors, no definite
# leaks).
# The budget is CPU time (ulimit -t), so that it holds on a loaded
# machine; a wall-clock timeout of 30 times the budget (+2 min) catches a process
# that hangs without spinning.
#   HOSTILE_SKIP_BIG=1  skip cases with a budget over 10 s (sanitizer builds)
#   HOSTILE_SLOW=N      multiply budgets by N and drop ulimit -v (ASan)
#   NO_VALGRIND=1       skip the valgrind pass
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
S=tests/hostile/files
B=$out
G=samples/weak-draft-outsourcing.txt
slow=${HOSTILE_SLOW:-1}
cd "$root"
mkdir -p "$B"
if [ ! -f "$B/.stamp" ] || [ "$here/gen.py" -nt "$B/.stamp" ]; then
	python3 "$here/gen.py" "$B" || { echo "hostile: FAIL: gen.py"; exit 1; }
	touch "$B/.stamp"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0
# the cases, one a line, their fields apart by US (\037, which read
# does not merge as it does tabs) and $S, $B, $G put in: one awk for all
# (seven for each case took 10 s of a run)
us=$(printf '\037')
awk -F' [|] ' -v S="$S" -v B="$B" -v G="$G" 'BEGIN { OFS = "\037" }
	/^#/ || /^$/ { next }
	{ for (i = 6; i <= 7; i++) { gsub(/\$S/, S, $i); gsub(/\$B/, B, $i);
	                             gsub(/\$G/, G, $i) }
	  print $1, $2, $3, $4, $5, $6, $7 }' "$here/cases" > "$tmp/cases"
while IFS="$us" read -r name want budget mem check frag args; do
	if [ "$budget" -gt 10 ] && [ -n "${HOSTILE_SKIP_BIG:-}" ]; then
		skip=$((skip + 1))
		continue
	fi
	jit=
	case $args in nojit:*) jit=1; args=${args#nojit:} ;; esac
	limit="ulimit -t $((budget * slow)); ulimit -v $((mem * 1024));"
	[ "$slow" -gt 1 ] && limit="ulimit -t $((budget * slow));"
	start=$(date +%s.%N)
	# shellcheck disable=SC2086
	[ -n "$jit" ] && limit="$limit export CLAUSELINT_NO_JIT=1;"
	sh -c "$limit exec timeout -k 2 $((budget * slow * 30 + 120)) \"\$0\" \"\$@\"" \
		"$bin" $args > "$tmp/out" 2> "$tmp/err" < /dev/null
	status=$?
	took=$(echo "$start $(date +%s.%N)" | awk '{printf "%.2f", $2 - $1}')
	why=
	if grep -q 'libpoppler-glib-dev and rebuild' "$tmp/err"; then
		skip=$((skip + 1))  # a build without PDF support
		continue
	fi
	# over the CPU budget: SIGXCPU (152), or SIGKILL (137) when the
	# process was still running at the hard limit (dumping core); timeout
	# answers 124, or 137 when it had to kill, only after its wall time
	wall=$((budget * slow * 30 + 120))
	if [ "$status" -eq 152 ] || { [ "$status" -eq 137 ] &&
		awk -v t="$took" -v w="$wall" 'BEGIN { exit !(t < w) }'; }; then
		why="used more than ${budget}s of CPU"
	elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
		why="hung: no exit after ${wall}s"
	elif [ "$status" -ge 128 ]; then
		why="killed by signal $((status - 128))"
	elif [ "$status" != "$want" ]; then
		why="exit status $status, expected $want"
	elif [ "$frag" != "-" ] && ! grep -qF -- "$frag" "$tmp/err"; then
		why="stderr lacks: $frag"
	elif [ "$check" = "good" ] && ! grep -q "^$G: .*missing clauses" "$tmp/out"; then
		why="the good file $G was not reported"
	else
		case $check in
		'!'*) if grep -qF -- "${check#!}" "$tmp/out"; then
			why="stdout contains ${check#!}"; fi ;;
		'='*) if ! grep -qF -- "${check#=}" "$tmp/out"; then
			why="stdout lacks ${check#=}"; fi ;;
		esac
	fi
	echo "$took $name" >> "$tmp/times"
	if [ -n "$why" ]; then
		echo "hostile: FAIL $name (${took}s): $why"
		head -5 "$tmp/err" | sed 's/^/    /'
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done < "$tmp/cases"
echo "hostile: $pass passed, $fail failed, $skip skipped (big cases in sanitizer builds, PDF without poppler)"
# where the time goes (wall clock), for the CI log
if [ -s "$tmp/times" ]; then
	echo "hostile: $(awk '{ s += $1 } END { printf "%.0f", s }' "$tmp/times")s in the cases; the slowest: $(sort -rn "$tmp/times" | head -n 5 |
		awk '{ printf "%s%s %ss", (NR > 1 ? ", " : ""), $2, $1 }')"
fi
vg_start=$(date +%s)

if [ -z "${NO_VALGRIND:-}" ] && command -v valgrind > /dev/null 2>&1; then
	vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
	docs=$(ls "$S"/* | grep -v '/pack-')
	# shellcheck disable=SC2086
	CLAUSELINT_NO_JIT=1 $vg "$bin" $docs "$S/no-such-file.txt" $G > /dev/null 2> "$tmp/err"
	status=$?
	if [ "$status" -ne 2 ]; then
		echo "hostile: FAIL valgrind over the small inputs: status $status"
		grep '^==' "$tmp/err" | head -20
		fail=$((fail + 1))
	fi
	for p in "$S"/pack-*.xml; do
		CLAUSELINT_NO_JIT=1 $vg "$bin" --pack "$p" $G > /dev/null 2> "$tmp/err"
		status=$?
		if [ "$status" -ne 1 ] && [ "$status" -ne 2 ]; then
			echo "hostile: FAIL valgrind --pack $p: status $status"
			grep '^==' "$tmp/err" | head -20
			fail=$((fail + 1))
		fi
	done
	echo "hostile: the small inputs under valgrind: done ($(( $(date +%s) - vg_start ))s)"
fi
[ "$fail" -eq 0 ]
