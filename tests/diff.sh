#!/bin/sh
# diff.sh BIN - checks of `clauselint diff` beyond the golden outputs:
#  - every JSON diff of the sample revisions validates against
#    docs/diff-json.schema.json (python3-jsonschema);
#  - SARIF is 2.1.0, carries exactly the introduced risks and clauses gone,
#    and passes the check SARIF's checks (tests/report/check.py: the official
#    schema when ../shared has it, URIs, regions, rule help);
#  - the redline (weak-v2-tracked.docx, rejected vs accepted) finds the same
#    changes as diffing the two DOCX revisions;
#  - the HTML side-by-side renders in headless Chromium with no script error
#    (tests/browser/render.sh; SKIP without chromium);
#  - every pandoc tracked-change fixture in ../shared/corpus/docs/pandoc-fixtures
#    diffs in redline mode without error (SKIP when absent).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
wrap=${TEST_WRAPPER:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fixtures=$root/../shared/corpus/docs/pandoc-fixtures
sarif_schema=$root/../shared/schemas/sarif-schema-2.1.0.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
cd "$root" || exit 2
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "diff: FAIL: $*"; }

# exit 0 or 1 (findings) is fine, 2 is an error
run() { # run OUT ARGS...
	out=$1
	shift
	$wrap "$bin" diff "$@" > "$out" 2> "$tmp/err"
	st=$?
	if [ $st -gt 1 ]; then
		bad "clauselint diff $* exited $st: $(head -3 "$tmp/err")"
		return 1
	fi
	return 0
}

schema=docs/diff-json.schema.json
validate() { # validate JSON-FILE WHAT
	if python3 -c '
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit(77)
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' "$1" "$schema" 2> "$tmp/verr"; then
		ok
	elif [ $? -eq 77 ]; then
		echo "diff: SKIP schema check: python3-jsonschema not installed"
	else
		bad "$2: JSON does not validate: $(tail -3 "$tmp/verr")"
	fi
}

r=samples/revisions
n=0
for pair in "$r/weak-v1.txt $r/weak-v2.txt" "$r/weak-v2.txt $r/weak-v3.txt" \
	"$r/sound-v1.txt $r/sound-v2.txt" "$r/weak-v1.docx $r/weak-v2.docx" \
	"$r/weak-v2-tracked.docx" "samples/formats/sound-outsourcing-agreement.docx samples/formats/sound-outsourcing-agreement.pdf"; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	run "$tmp/$n.json" --format json $pair && validate "$tmp/$n.json" "$pair"
	# shellcheck disable=SC2086
	run "$tmp/$n.s.json" --format json --substantive-only $pair && validate "$tmp/$n.s.json" "$pair (substantive only)"
	# shellcheck disable=SC2086
	if run "$tmp/$n.sarif" --format sarif $pair; then
		if python3 -c '
import json, sys
s, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert s["version"] == "2.1.0"
res = s["runs"][0]["results"]
want = d["summary"]["introduced"] + d["summary"]["clauses_gone"]
assert len(res) == want, (len(res), want)
rules = [x["id"] for x in s["runs"][0]["tool"]["driver"]["rules"]]
for x in res:
    assert rules[x["ruleIndex"]] == x["ruleId"]
    assert len(x["partialFingerprints"]["clauselint/v1"]) == 16' "$tmp/$n.sarif" "$tmp/$n.json"; then ok; else bad "$pair: SARIF"; fi
		# what code scanning needs, as of the check's SARIF (URIs
		# percent-encoded against %SRCROOT%, regions, rule help, unique
		# artifacts), and the official schema when ../shared has it
		if python3 "$here/report/check.py" sarif "$sarif_schema" \
			"$tmp/$n.sarif" > "$tmp/sarif.out" 2>&1; then
			ok
		else
			bad "$pair: SARIF for code scanning: $(grep -v ' checked, ' "$tmp/sarif.out" | head -3)"
		fi
	fi
done

# a revision stopped at its CPU-time limit: exit 2, and every format says
# the diff is incomplete; the JSON validates, the SARIF run failed
for fmt in text json markdown html sarif; do
	$wrap "$bin" diff --max-check-seconds 1e-9 --format $fmt $r/weak-v1.txt \
		$r/weak-v2.txt > "$tmp/timed.$fmt" 2> "$tmp/err"
	st=$?
	if [ $st -ne 2 ]; then
		bad "diff --max-check-seconds 1e-9 --format $fmt exited $st, not 2"
	elif grep -q 'Incomplete: the checks of OLD and NEW stopped' "$tmp/timed.$fmt"; then
		ok
	else
		bad "diff --format $fmt: a timed-out check is not said"
	fi
done
validate "$tmp/timed.json" "timed-out diff"
if python3 "$here/report/check.py" sarif "$sarif_schema" "$tmp/timed.sarif" \
	> "$tmp/sarif.out" 2>&1; then
	ok
else
	bad "timed-out diff: SARIF for code scanning: $(grep -v ' checked, ' "$tmp/sarif.out" | head -3)"
fi
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
inv = json.load(open(sys.argv[2]))["runs"][0]["invocations"][0]
assert d["timed_out"] == dict(d["timed_out"], old=True, new=True, rules_compared=0)
assert inv["executionSuccessful"] is False
assert inv["toolExecutionNotifications"][0]["descriptor"]["id"] == "check-timed-out"
assert d["summary"]["introduced"] == d["summary"]["resolved"] == 0' "$tmp/timed.json" "$tmp/timed.sarif"; then
	ok
else
	bad "timed-out diff: JSON timed_out or SARIF invocation wrong"
fi

# the redline finds what the two revisions' diff finds
if run "$tmp/red.json" --format json $r/weak-v2-tracked.docx &&
	run "$tmp/pair.json" --format json $r/weak-v1.docx $r/weak-v2.docx &&
	python3 -c '
import json, sys
a, b = (json.load(open(f))["summary"] for f in sys.argv[1:3])
sys.exit(0 if a == b else 1)' "$tmp/red.json" "$tmp/pair.json"; then
	ok
else
	bad "redline summary differs from the DOCX pair's"
fi

# HTML in headless Chromium
for pair in "$r/weak-v1.txt $r/weak-v2.txt" "$r/sound-v1.docx $r/sound-v2.docx"; do
	# shellcheck disable=SC2086
	run "$tmp/d.html" --format html $pair || continue
	sh "$here/browser/render.sh" "$tmp/d.html" "$tmp/d.png"
	case $? in
	0) ok ;;
	77) echo "diff: SKIP HTML rendering: chromium not installed" ;;
	*) bad "$pair: HTML did not render" ;;
	esac
done

# pandoc's tracked-change fixtures, in redline mode
if [ -d "$fixtures" ]; then
	for f in "$fixtures"/*.docx "$fixtures"/*.odt; do
		[ -f "$f" ] || continue
		if run "$tmp/fx.json" --format json "$f"; then
			validate "$tmp/fx.json" "$(basename "$f")"
		fi
	done
else
	echo "diff: SKIP pandoc fixtures: $fixtures not found"
fi
echo "diff: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
