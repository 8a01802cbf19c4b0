#!/bin/sh
# scale.sh BIN - running at scale:
#  - -j N gives byte-identical stdout and stderr to -j 1 (the samples in
#    every format; the CUAD texts in ../shared/corpus when present);
#  - --output FILE is replaced atomically: a failed run leaves the old
#    report and no temporary file;
#  - a baseline survives inserting a section and renumbering;
#  - the GNU parallel recipe of docs/scale-out.md: the concatenated
#    jsonl of per-file runs equals one run's.
set -u
bin=$1
wrap=${TEST_WRAPPER:-}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "scale: FAIL: $*"; fail=$((fail + 1)); }

# ---- -j identity ----------------------------------------------------------
same_jobs() { # same_jobs LABEL N ARGS... : -j 1 and -j N agree byte for byte
	label=$1
	jobs=$2
	shift 2
	$wrap "$bin" -j 1 "$@" > "$tmp/j1.out" 2> "$tmp/j1.err"
	s1=$?
	$wrap "$bin" -j "$jobs" "$@" > "$tmp/jn.out" 2> "$tmp/jn.err"
	sn=$?
	if [ "$s1" = "$sn" ] && cmp -s "$tmp/j1.out" "$tmp/jn.out" &&
		cmp -s "$tmp/j1.err" "$tmp/jn.err"; then
		ok
	else
		bad "$label: -j $jobs differs from -j 1 (status $sn vs $s1)"
		diff "$tmp/j1.out" "$tmp/jn.out" | head -5
	fi
}
same_jobs "samples text" 4 samples
same_jobs "samples json" 4 --format json samples tests/cli/fixtures/no-such-file.txt
# every fixture, hostile ones included (errors, refusals, notes on stderr)
same_jobs "fixtures json" 3 --format json --include '*' tests/cli/fixtures
n=$(sed -n 's/.*"summary": {"documents": \([0-9]*\).*/\1/p' "$tmp/j1.out" | head -1)
[ "${n:-0}" -gt 20 ] && ok || bad "fixtures walk found only ${n:-0} documents"

cuad=${SCALE_CORPUS:-../shared/corpus/cuad-dev/txt}
if [ -d "$cuad" ]; then
	same_jobs "CUAD dev texts" 2 --format json "$cuad"
	echo "scale: -j identity checked on $(ls "$cuad" | wc -l) CUAD texts"
else
	echo "scale: SKIP: $cuad not found (the -j identity test on the CUAD texts needs ../shared)"
fi

# ---- --output atomic -----------------------------------------------------------
out=$tmp/report.json
echo previous > "$out"
$wrap "$bin" --format json --output "$out" samples/mutual-nda.txt > "$tmp/stdout" 2>&1
[ ! -s "$tmp/stdout" ] && grep -q '"documents": 1' "$out" && ok ||
	bad "--output did not write the report to the file only"
# a run that fails before the report is complete leaves the old report
echo previous > "$out"
$wrap "$bin" --format json --output "$out" --pack tests/cli/fixtures/bad-pack.xml \
	samples/mutual-nda.txt > /dev/null 2>&1
[ "$(cat "$out")" = previous ] && ok || bad "a failed run replaced the report"
# a report that cannot be written leaves neither half a file nor a temp file
if [ -w /dev/full ] && [ -d /proc/self ]; then
	mkdir "$tmp/ro" && echo previous > "$tmp/ro/report.txt" &&
		echo previous > "$tmp/ro/linked.json" &&
		ln "$tmp/ro/linked.json" "$tmp/ro/linked2.json" && chmod a-w "$tmp/ro"
	if ! touch "$tmp/ro/x" 2>/dev/null; then
		$wrap "$bin" --output "$tmp/ro/report.txt" samples/mutual-nda.txt > /dev/null 2>&1
		st=$?
		[ "$st" = 2 ] && [ "$(cat "$tmp/ro/report.txt")" = previous ] &&
			[ "$(ls -A "$tmp/ro" | wc -l)" = 3 ] && ok ||
			bad "unwritable --output directory: status $st, $(ls -A "$tmp/ro")"
		# a file of several hard links is copied into, not renamed over:
		# written there, as it was before the copy, whatever its directory
		$wrap "$bin" --format json --output "$tmp/ro/linked.json" \
			samples/mutual-nda.txt > /dev/null 2> "$tmp/ro.err"
		grep -q '"documents": 1' "$tmp/ro/linked2.json" &&
			[ "$(ls -A "$tmp/ro" | wc -l)" = 3 ] && ok ||
			bad "--output to a file of two hard links in a read-only directory: $(cat "$tmp/ro.err")"
	else
		echo "scale: SKIP: running as root, a read-only directory is writable"
	fi
	chmod u+w "$tmp/ro"
fi
# the target is a directory: refused before any input is checked (the
# final rename failed, after the whole run), no temp file is left
mkdir -p "$tmp/target.json/keep"
$wrap "$bin" --output "$tmp/target.json" samples/mutual-nda.txt > /dev/null 2> "$tmp/err"
st=$?
left=$(ls -A "$tmp" | grep -c '^\.target\.json\.' || true)
[ "$st" = 2 ] && [ -d "$tmp/target.json/keep" ] && [ "$left" = 0 ] &&
	grep -q "^clauselint: $tmp/target.json: Is a directory\$" "$tmp/err" && ok ||
	bad "--output to a directory: status $st, $left temp files left, $(cat "$tmp/err")"
# a target that is not a regular file (a FIFO here; /dev/null alike) is
# written to, not renamed over: a rename made /dev/null a regular file
mkfifo "$tmp/out.fifo"
timeout 60 cat "$tmp/out.fifo" > "$tmp/from-fifo" &
reader=$!
$wrap "$bin" --format json --output "$tmp/out.fifo" samples/mutual-nda.txt \
	> /dev/null 2>&1
st=$?
wait "$reader"
left=$(ls -A "$tmp" | grep -c '^\.out\.fifo\.' || true)
[ "$st" = 1 ] && [ -p "$tmp/out.fifo" ] && [ "$left" = 0 ] &&
	grep -q '"documents": 1' "$tmp/from-fifo" && ok ||
	bad "--output to a FIFO: status $st, FIFO kept: $([ -p "$tmp/out.fifo" ] && echo yes || echo no), $left temp files"
# a symbolic link is written through, not replaced (/dev/stdout with
# stdout redirected to a file is one: the rename replaced the link)
echo previous > "$tmp/link-target.json"
ln -s link-target.json "$tmp/link.json"
$wrap "$bin" --format json --output "$tmp/link.json" samples/mutual-nda.txt \
	> /dev/null 2>&1
[ -L "$tmp/link.json" ] && grep -q '"documents": 1' "$tmp/link-target.json" &&
	ok || bad "--output through a symbolic link replaced the link"
# through a link to a regular file, the target is replaced atomically;
# a link to an input is refused, the input left as it was (a report once
# replaced the contract it was of)
cp samples/mutual-nda.txt "$tmp/link-input.txt"
ln -s link-input.txt "$tmp/link-in.json"
$wrap "$bin" --format json --output "$tmp/link-in.json" \
	"$tmp/link-input.txt" > /dev/null 2> "$tmp/link-in.err"
st=$?
[ "$st" = 2 ] && [ -L "$tmp/link-in.json" ] &&
	cmp -s samples/mutual-nda.txt "$tmp/link-input.txt" &&
	grep -q 'which this run reads' "$tmp/link-in.err" && ok ||
	bad "--output through a link to the input: exit $st, $(cat "$tmp/link-in.err")"
echo previous > "$tmp/link-target.json"
$wrap "$bin" --format json --output "$tmp/link.json" --pack tests/cli/fixtures/bad-pack.xml \
	samples/mutual-nda.txt > /dev/null 2>&1
[ -L "$tmp/link.json" ] && [ "$(cat "$tmp/link-target.json")" = previous ] &&
	[ "$(ls -A "$tmp" | grep -c '^\.link-target\.json\.')" = 0 ] && ok ||
	bad "a failed run through a symbolic link did not leave its target as it was"
# a report that replaces a file keeps its mode; a file of two hard links
# is written through, not split from its other name
echo previous > "$tmp/private.json" && chmod 600 "$tmp/private.json"
$wrap "$bin" --format json --output "$tmp/private.json" samples/mutual-nda.txt \
	> /dev/null 2>&1
[ "$(stat -c %a "$tmp/private.json")" = 600 ] &&
	grep -q '"documents": 1' "$tmp/private.json" && ok ||
	bad "--output changed the mode of the report it replaced to $(stat -c %a "$tmp/private.json")"
echo previous > "$tmp/hard.json" && ln "$tmp/hard.json" "$tmp/hard2.json"
$wrap "$bin" --format json --output "$tmp/hard.json" samples/mutual-nda.txt \
	> /dev/null 2>&1
grep -q '"documents": 1' "$tmp/hard2.json" && ok ||
	bad "--output split a file of two hard links"
# ... but not when its other name is an input: refused, the input left
# as it was
cp samples/weak-draft-outsourcing.txt "$tmp/hard-input.txt"
ln "$tmp/hard-input.txt" "$tmp/hard-in.json"
$wrap "$bin" --format json --output "$tmp/hard-in.json" \
	"$tmp/hard-input.txt" > /dev/null 2> "$tmp/hard-in.err"
st=$?
[ "$st" = 2 ] && cmp -s samples/weak-draft-outsourcing.txt "$tmp/hard-input.txt" &&
	grep -q 'which this run reads' "$tmp/hard-in.err" &&
	[ "$(stat -c %h "$tmp/hard-input.txt")" = 2 ] && ok ||
	bad "--output to a hard link of the input: exit $st, $(cat "$tmp/hard-in.err")"
echo previous > "$tmp/hard.json"
$wrap "$bin" --format json --output "$tmp/hard.json" --pack tests/cli/fixtures/bad-pack.xml \
	samples/mutual-nda.txt > /dev/null 2>&1
[ "$(cat "$tmp/hard2.json")" = previous ] &&
	[ "$(ls -A "$tmp" | grep -c '^\.hard\.json\.')" = 0 ] && ok ||
	bad "a failed run left a file of two hard links as '$(head -c 40 "$tmp/hard2.json")'"
# --baseline B --write-baseline B renews B (read whole first, replaced at
# the end): not refused as a file the run reads
"$bin" --write-baseline "$tmp/renew.base" samples/weak-draft-outsourcing.txt \
	> /dev/null 2>&1
$wrap "$bin" --baseline "$tmp/renew.base" --write-baseline "$tmp/renew.base" \
	samples/weak-draft-outsourcing.txt > /dev/null 2> "$tmp/renew.err"
st=$?
[ "$st" = 0 ] && grep -q 'known findings suppressed' "$tmp/renew.err" &&
	[ -s "$tmp/renew.base" ] && ok ||
	bad "--baseline B --write-baseline B: exit $st, $(cat "$tmp/renew.err")"
# -o through a dangling link to the --write-baseline file: refused (both
# were written to that file, the report lost), also through a link in
# another directory and a chain of two
ln -s dangle-base.json "$tmp/dangle.json"
mkdir -p "$tmp/dsub" && ln -s ../dangle.json "$tmp/dsub/dangle2.json"
# and a chain of relative links whose targets joined pass PATH_MAX
pad=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf "./" }')
ln -s "${pad}dchain2" "$tmp/dchain1" && ln -s "${pad}dchain3" "$tmp/dchain2" &&
	ln -s "${pad}dangle-base.json" "$tmp/dchain3"
for o in "$tmp/dangle.json" "$tmp/dsub/dangle2.json" "$tmp/dchain1"; do
	rm -f "$tmp/dangle-base.json"
	$wrap "$bin" --output "$o" --write-baseline "$tmp/dangle-base.json" \
		samples/mutual-nda.txt > /dev/null 2> "$tmp/dangle.err"
	st=$?
	[ "$st" = 2 ] && [ ! -e "$tmp/dangle-base.json" ] &&
		grep -q 'named by both --output and --write-baseline' "$tmp/dangle.err" &&
		ok || bad "-o $o (dangling link) --write-baseline its target: exit $st, $(cat "$tmp/dangle.err")"
done
# a report written into a directory it lints is left out of that walk:
# the second run checks the same one document (its last report was read
# as a contract, then refused as an input the report would replace)
mkdir -p "$tmp/walked"
cp samples/mutual-nda.txt "$tmp/walked/"
"$bin" --format json --include '*' --output "$tmp/walked/report.json" \
	"$tmp/walked" > /dev/null 2>&1
$wrap "$bin" --format json --include '*' --output "$tmp/walked/report.json" \
	"$tmp/walked" > /dev/null 2> "$tmp/walked.err"
st=$?
[ "$st" = 1 ] && grep -q '"documents": 1' "$tmp/walked/report.json" && ok ||
	bad "--output into the walked directory: exit $st, $(cat "$tmp/walked.err")"
# a name of 250 bytes, valid, has no room for ".NAME.XXXXXX": the
# temporary file takes a short name beside it
long=$(printf '%0250d' 0)
$wrap "$bin" --format json --output "$tmp/$long" samples/mutual-nda.txt \
	> /dev/null 2> "$tmp/long.err"
grep -q '"documents": 1' "$tmp/$long" && [ ! -s "$tmp/long.err" ] &&
	[ "$(ls -A "$tmp" | grep -c '^\.clauselint\.')" = 0 ] && ok ||
	bad "--output to a name of 250 bytes: $(cat "$tmp/long.err")"
rm -f "$tmp/$long"
# interrupted: SIGTERM while reading standard input leaves no temp file
mkfifo "$tmp/fifo"
echo previous > "$out"
"$bin" --output "$out" - < "$tmp/fifo" > /dev/null 2>&1 &
pid=$!
exec 3> "$tmp/fifo"
sleep 1
kill -TERM "$pid"
exec 3>&-
wait "$pid" 2>/dev/null
left=$(ls -A "$tmp" | grep -c '^\.report\.json\.' || true)
[ "$(cat "$out")" = previous ] && [ "$left" = 0 ] && ok ||
	bad "an interrupted run left '$(cat "$out" | head -c 40)' and $left temp files"

# ---- baseline: insert a section and renumber ---------------------------------
cp samples/weak-draft-outsourcing.txt "$tmp/contract.txt"
$wrap "$bin" --write-baseline "$tmp/base" "$tmp/contract.txt" > /dev/null 2>&1
known=$(grep -vc '^#' "$tmp/base")
cp tests/cli/fixtures/weak-draft-renumbered.txt "$tmp/contract.txt"
$wrap "$bin" --format json --fail-on info --baseline "$tmp/base" "$tmp/contract.txt" \
	> "$tmp/new.json" 2> "$tmp/new.err"
st=$?
if [ "$st" = 0 ] && grep -q '"findings": \[\]' "$tmp/new.json" &&
	grep -q 'known findings suppressed' "$tmp/new.err"; then
	ok
else
	bad "after renumbering, the baseline ($known entries) let new findings through (status $st)"
	grep '"rule"' "$tmp/new.json" | head -5
fi
# without the baseline the same document has findings
$wrap "$bin" --fail-on info "$tmp/contract.txt" > /dev/null 2>&1
[ $? = 1 ] && ok || bad "the renumbered sample has no findings without a baseline"

# ---- GNU parallel recipe (docs/scale-out.md) ------------------------------------
find samples tests/cli/fixtures/tree -type f \( -name '*.txt' -o -name '*.md' -o -name '*.docx' \) \
	| LC_ALL=C sort > "$tmp/files"
if ! command -v parallel > /dev/null 2>&1; then
	echo "scale: SKIP: GNU parallel not installed (the scale-out recipe is not tested)"
elif ! "$bin" --format jsonl samples/mutual-nda.txt > /dev/null 2>&1; then
	# no jsonl renderer in this build: the same recipe with one JSON report
	# per file, whose documents must be the single run's, in order
	parallel --will-cite -k -j 2 "$bin" --format json --fail-on none {} \
		< "$tmp/files" > "$tmp/parallel.json" 2> /dev/null
	tr '\n' '\0' < "$tmp/files" | xargs -0 "$bin" --format json --fail-on none \
		> "$tmp/single.json" 2> /dev/null
	if python3 - "$tmp/parallel.json" "$tmp/single.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
dec, docs, i = json.JSONDecoder(), [], 0
while i < len(text):
    if text[i].isspace():
        i += 1
        continue
    obj, i = dec.raw_decode(text, i)
    docs += obj["documents"]
single = json.load(open(sys.argv[2]))["documents"]
sys.exit(0 if docs == single and len(docs) > 5 else 1)
PY
	then
		ok
		echo "scale: GNU parallel recipe checked with --format json (no jsonl renderer in this build)"
	else
		bad "GNU parallel's per-file JSON documents differ from a single run's"
	fi
else
	# the recipe, on this host: one clauselint per file, output kept in input order
	parallel --will-cite -k -j 2 "$bin" --format jsonl --fail-on none {} \
		< "$tmp/files" > "$tmp/parallel.jsonl" 2> /dev/null
	tr '\n' '\0' < "$tmp/files" | xargs -0 "$bin" --format jsonl --fail-on none \
		> "$tmp/single.jsonl" 2> /dev/null
	if [ -s "$tmp/single.jsonl" ] && cmp -s "$tmp/parallel.jsonl" "$tmp/single.jsonl"; then
		ok
	else
		bad "GNU parallel's combined jsonl differs from a single run's"
	fi
fi

# ---- directory walk ------------------------------------------------------
# links back to an ancestor and to a sibling: each directory is walked
# once, so the one file is reported once; and 3,000 directories are
# walked (first_visit() keeps a hash set of the ones seen)
mkdir -p "$tmp/tree/a/b" "$tmp/tree/c"
cp samples/weak-draft-outsourcing.txt "$tmp/tree/a/b/x.txt"
ln -s ../.. "$tmp/tree/a/b/up"
ln -s ../a "$tmp/tree/c/a2"
i=0
while [ $i -lt 3000 ]; do mkdir "$tmp/tree/c/d$i"; i=$((i + 1)); done
cp samples/weak-draft-outsourcing.txt "$tmp/tree/c/d2999/y.txt"
$wrap "$bin" --no-config "$tmp/tree" > "$tmp/walk.out" 2> "$tmp/walk.err"
if [ "$(grep -c 'missing clauses' "$tmp/walk.out")" = 3 ] &&
	grep -q '/a/b/x.txt: 12 missing clauses' "$tmp/walk.out" &&
	grep -q '/c/d2999/y.txt: 12 missing clauses' "$tmp/walk.out"; then
	ok
else
	bad "directory walk: each file once (links to an ancestor and a sibling, 3,000 directories)"
	cat "$tmp/walk.out" "$tmp/walk.err" | head -5
fi

echo "scale: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
