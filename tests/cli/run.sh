#!/bin/sh
# run.sh [--update] BIN - golden CLI tests. Each case is tests/cli/cases/NAME.cmd:
# one line of arguments (shell syntax, run from the repository root, with
# "clauselint" standing for BIN). Expected results sit beside it:
# NAME.out (stdout, exact), NAME.status (exit status) and, when present,
# NAME.err (stderr, exact). --update rewrites them from the current
# binary: read every regenerated file before committing it.
set -u
update=0
if [ "${1:-}" = "--update" ]; then
	update=1
	shift
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
wrap=${TEST_WRAPPER:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for cmdfile in "$here"/cases/*.cmd; do
	name=$(basename "$cmdfile" .cmd)
	base=${cmdfile%.cmd}
	args=$(cat "$cmdfile")
	(cd "$root" && NO_COLOR= CLINT="$wrap $bin" \
		sh -c "clauselint() { \$CLINT \"\$@\"; }; clauselint $args") \
		> "$tmp/out" 2> "$tmp/err" < /dev/null
	status=$?
	if [ "$update" -eq 1 ]; then
		cp "$tmp/out" "$base.out"
		echo "$status" > "$base.status"
		if [ -s "$tmp/err" ] || [ -f "$base.err" ]; then cp "$tmp/err" "$base.err"; fi
		echo "updated $name (status $status)"
		continue
	fi
	ok=1
	if [ "$status" != "$(cat "$base.status" 2>/dev/null)" ]; then
		echo "cli: FAIL $name: exit status $status, expected $(cat "$base.status" 2>/dev/null)"
		ok=0
	fi
	if ! cmp -s "$tmp/out" "$base.out"; then
		echo "cli: FAIL $name: stdout differs:"
		diff -u "$base.out" "$tmp/out" | head -20
		ok=0
	fi
	if [ -f "$base.err" ] && ! cmp -s "$tmp/err" "$base.err"; then
		echo "cli: FAIL $name: stderr differs:"
		diff -u "$base.err" "$tmp/err" | head -20
		ok=0
	fi
	if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ "$update" -eq 1 ] && exit 0
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
