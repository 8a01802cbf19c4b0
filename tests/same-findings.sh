#!/bin/sh
# same-findings.sh BIN VAR WHAT - findings must be identical with and
# without WHAT, which VAR=1 in the environment turns off
# (CLAUSELINT_NO_PREFILTER: the literal prefilter; CLAUSELINT_NO_PRECOMPILED:
# the patterns compiled at build time): the JSON reports and the messages
# of one run over the samples, and over every CUAD dev text when ../shared
# is present (skipped with a message otherwise).
set -u
bin=$1
var=$2
what=$3
wrap=${TEST_WRAPPER:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

compare() { # compare NAME FILE...
	name=$1
	shift
	$wrap "$bin" --format json --fail-on none "$@" > "$tmp/on.json" 2> "$tmp/on.err"
	on=$?
	env "$var=1" $wrap "$bin" --format json --fail-on none "$@" \
		> "$tmp/off.json" 2> "$tmp/off.err"
	off=$?
	if [ $on -ne $off ] || ! cmp -s "$tmp/on.json" "$tmp/off.json" ||
	   ! cmp -s "$tmp/on.err" "$tmp/off.err"; then
		echo "$what: FAIL: $name: findings differ with and without the $what"
		diff "$tmp/off.json" "$tmp/on.json" | head -20
		fail=1
	else
		echo "$what: ok: $name ($# files, $(grep -c '"rule"' "$tmp/on.json") findings, the same)"
	fi
}

compare samples samples/*.txt samples/*.md samples/formats/*
cuad=../shared/corpus/cuad-dev/txt
if [ -d "$cuad" ]; then
	find "$cuad" -name '*.txt' | sort > "$tmp/list"
	set --
	while IFS= read -r f; do set -- "$@" "$f"; done < "$tmp/list"
	compare "cuad-dev" "$@"
else
	echo "$what: SKIP: $cuad not found (only present in the team's workspace)"
fi
exit $fail
