#!/bin/sh
# run.sh BIN - every output format on real inputs, checked by machine:
#
#  - one run over the samples, the DOCX/ODT/PDF fixtures, a hostile
#    contract (markup, quotes, "<script>") under a hostile file name, and a
#    missing file, in every format (exit status 2: the missing file);
#  - json against docs/report.schema.json, jsonl line by line against its
#    entry definition (one line per input, the same object as the json
#    entry, each line out while later inputs are still read), sarif against the structure
#    code scanning needs and the official SARIF 2.1.0 schema from
#    ../shared/schemas when present, gitlab/junit/checkstyle structure
#    (tests/report/check.py), and a self-test that the checks reject
#    reports broken on purpose;
#  - the HTML report in headless Chromium (tests/browser/render.sh): no
#    script error, no blocked load, a screenshot; a click on a highlight
#    opens the explanation panel, the last entry of the table of contents
#    brings its section to the top; the hostile text ran no script; and a
#    page that throws is caught (the check itself works).
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wrap=${TEST_WRAPPER:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 2
fail=0
say_fail() { echo "reports: FAIL $*"; fail=1; }

if ! command -v python3 >/dev/null 2>&1; then
	echo "reports: SKIP: python3 not installed (formats not validated)"
	exit 0
fi

hostile="$tmp/odd <b>&\"name'@x.txt"
cp tests/cli/fixtures/hostile.txt "$hostile"
set -- samples/weak-draft-outsourcing.txt samples/sound-outsourcing-agreement.md \
	samples/mutual-nda.txt tests/cli/fixtures/weak-draft.docx \
	tests/cli/fixtures/hosting-tracked.odt tests/cli/fixtures/weak-draft.pdf \
	"$hostile" "$tmp/no-such-file.txt"
inputs=$#

for fmt in json jsonl sarif markdown html junit gitlab checkstyle; do
	$wrap "$bin" --format "$fmt" "$@" > "$tmp/all.$fmt" 2> "$tmp/$fmt.err"
	status=$?
	if [ "$status" -ne 2 ]; then
		say_fail "$fmt: exit status $status, expected 2 (a missing input)"
		head -5 "$tmp/$fmt.err"
	fi
	[ -s "$tmp/all.$fmt" ] || say_fail "$fmt: no output"
done
lines=$(wc -l < "$tmp/all.jsonl")
[ "$lines" -eq "$inputs" ] || say_fail "jsonl: $lines lines for $inputs inputs"
"$bin" --format jsonl samples/weak-draft-outsourcing.txt > "$tmp/one.jsonl"
"$bin" --format json samples/weak-draft-outsourcing.txt > "$tmp/one.json"
python3 - "$tmp/one.jsonl" "$tmp/one.json" <<'PY' || say_fail "jsonl: a line differs from the json document entry"
import json, sys
line = json.loads(open(sys.argv[1]).read())
entry = json.load(open(sys.argv[2]))["documents"][0]
sys.exit(0 if line == entry else 1)
PY

# jsonl streams: the first document's line (far smaller than a stdio
# buffer) arrives while the next input, a pipe that stays open, is read
mkfifo "$tmp/in"
printf '1. Fees. The price is fixed.\n' > "$tmp/tiny.txt"
(sleep 20) > "$tmp/in" &
holder=$!
"$bin" --format jsonl --pack hidden-costs "$tmp/tiny.txt" - < "$tmp/in" > "$tmp/stream.out" 2>/dev/null &
reader=$!
n=0
while [ $n -lt 100 ] && ! grep -q 'tiny.txt' "$tmp/stream.out" 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
grep -q 'tiny.txt' "$tmp/stream.out" ||
	say_fail "jsonl: the first document was not written before the run ended"
kill "$holder" "$reader" 2>/dev/null
wait "$holder" "$reader" 2>/dev/null

check="python3 $here/check.py"
sarif_schema="$root/../shared/schemas/sarif-schema-2.1.0.json"
$check json docs/report.schema.json "$tmp/all.json" "$tmp/one.json" || fail=1
$check jsonl docs/report.schema.json "$tmp/all.jsonl" || fail=1
$check sarif "$sarif_schema" "$tmp/all.sarif" || fail=1
$check gitlab "$tmp/all.gitlab" || fail=1
$check junit "$tmp/all.junit" || fail=1
$check checkstyle "$tmp/all.checkstyle" || fail=1
$check self-test docs/report.schema.json "$sarif_schema" "$tmp/all.sarif" "$tmp/all.json" || fail=1

# a check stopped by its CPU-time limit (one so small that no rule runs):
# every format says the document is incomplete; json marks the document,
# sarif says so in an execution notification
for fmt in text json jsonl sarif markdown html junit gitlab checkstyle; do
	"$bin" --max-check-seconds 1e-9 --format $fmt samples/mutual-nda.txt \
		> "$tmp/timed.$fmt" 2> "$tmp/timed.err"
	status=$?
	[ "$status" -eq 2 ] || say_fail "$fmt: a timed-out check: exit status $status, expected 2"
	grep -q 'CPU-time limit\|"timed_out": true' "$tmp/timed.$fmt" ||
		say_fail "$fmt: a timed-out check does not say it is incomplete"
done
$check json docs/report.schema.json "$tmp/timed.json" || fail=1
$check jsonl docs/report.schema.json "$tmp/timed.jsonl" || fail=1
$check sarif "$sarif_schema" "$tmp/timed.sarif" || fail=1
$check gitlab "$tmp/timed.gitlab" || fail=1
$check junit "$tmp/timed.junit" || fail=1
$check checkstyle "$tmp/timed.checkstyle" || fail=1
python3 - "$tmp/timed.json" "$tmp/timed.sarif" <<'PY' || say_fail "json/sarif: a timed-out check is not marked"
import json, sys
doc = json.load(open(sys.argv[1]))["documents"][0]
inv = json.load(open(sys.argv[2]))["runs"][0]["invocations"][0]
ids = [n["descriptor"]["id"] for n in inv["toolExecutionNotifications"]]
ok = doc.get("timed_out") is True and inv["executionSuccessful"] is False \
	and doc["rules_checked"] == 0 and doc["rules"] > 0 \
	and ids == ["check-timed-out"] \
	and json.load(open(sys.argv[1]))["summary"].get("timed_out") == 1
sys.exit(0 if ok else 1)
PY
"$bin" --format json samples/mutual-nda.txt 2>/dev/null | grep -q '"timed_out"' &&
	say_fail "json: timed_out written for a complete check"

# docs/rules.md is current and has an anchor for every SARIF helpUri
python3 tools/rules-doc.py clausepacks/*.xml > "$tmp/rules.md"
cmp -s "$tmp/rules.md" docs/rules.md || say_fail "docs/rules.md is out of date: run make rules-doc"
"$bin" --format sarif --pack outsourcing --pack hidden-costs --pack ambiguity \
	--pack commercial-terms --pack drafting --pack gdpr-art28 --pack eba-outsourcing \
	--pack dora-art30 samples/weak-draft-outsourcing.txt > "$tmp/allrules.sarif"
python3 - "$tmp/allrules.sarif" docs/rules.md <<'PY' || say_fail "sarif: a helpUri has no anchor in docs/rules.md"
import json, sys
rules = json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]
doc = open(sys.argv[2], encoding="utf-8").read()
missing = [r["id"] for r in rules if '<a id="%s"></a>' % r["helpUri"].split("#")[1] not in doc]
print("sarif: %d rules, %d helpUri anchors missing %s" % (len(rules), len(missing), missing[:5]))
sys.exit(1 if missing or len(rules) < 100 else 0)
PY

# ---- HTML in a real browser ----
sh tests/browser/render.sh "$tmp/all.html" "$tmp/all.png"
status=$?
if [ "$status" -eq 77 ]; then
	echo "reports: SKIP: chromium not installed: HTML not rendered"
	[ $fail -eq 0 ] && echo "reports: all formats valid"
	exit $fail
fi
[ "$status" -eq 0 ] || say_fail "html: render.sh exit status $status"

# a click on the first highlight must open the panel with its explanation;
# the hostile contract must not have run any of its markup
sed 's|</body>|<script>(function(){var d=document.documentElement,m=document.querySelector("mark.f");m.click();var p=document.getElementById("panel");if(!p.hidden\&\&p.textContent.indexOf("Why:")>=0)d.setAttribute("data-click-ok","1");var l=document.querySelectorAll("nav.toc a"),a=l[l.length-1];a.click();setTimeout(function(){var t=document.getElementById(a.getAttribute("href").slice(1)).getBoundingClientRect().top;if(t>-5\&\&t<60\&\&window.scrollY>0)d.setAttribute("data-toc-ok","1");},50);})();</script></body>|' \
	"$tmp/all.html" > "$tmp/click.html"
sh tests/browser/render.sh "$tmp/click.html" "$tmp/click.png" > "$tmp/click.out" || {
	cat "$tmp/click.out"; say_fail "html: the click test page did not render"; }
timeout 120 chromium --headless --no-sandbox --disable-gpu --proxy-server=127.0.0.1:9 \
	--user-data-dir="$tmp/profile" --virtual-time-budget=3000 --dump-dom \
	"file://$tmp/click.html" > "$tmp/click.dom" 2>/dev/null
grep -q 'data-click-ok="1"' "$tmp/click.dom" || say_fail "html: a click on a highlight did not open its explanation"
grep -q 'data-toc-ok="1"' "$tmp/click.dom" || say_fail "html: the table of contents did not jump to its section"
grep -q 'data-pwned="' "$tmp/click.dom" && say_fail "html: the hostile contract ran a script"
grep -q 'data-clauselint-ready="1"' "$tmp/click.dom" || say_fail "html: the report's script did not run"
grep -c '<mark class="f' "$tmp/all.html" > "$tmp/marks"
[ "$(cat "$tmp/marks")" -gt 20 ] || say_fail "html: only $(cat "$tmp/marks") highlights"

# the check must catch a page that throws
printf '<!DOCTYPE html><html><head><title>t</title></head><body><script>null.x();</script></body></html>\n' \
	> "$tmp/broken.html"
if sh tests/browser/render.sh "$tmp/broken.html" "$tmp/broken.png" > "$tmp/broken.out"; then
	say_fail "render.sh accepted a page with a script error"
fi

[ $fail -eq 0 ] && echo "reports: all formats valid; HTML rendered in Chromium without errors"
exit $fail
