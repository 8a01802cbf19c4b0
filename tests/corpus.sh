#!/bin/sh
# corpus.sh BIN - runs clauselint over the real contracts in ../shared/corpus
# (CUAD dev texts and the Markdown documents) when they are present: every
# file must be read and checked without an input error (exit status 0 or 1,
# never 2), with no crash, and the JSON report must parse.
# Skips with a message when ../shared is absent (a fresh clone elsewhere).
set -u
bin=$1
wrap=${TEST_WRAPPER:-}
corpus=../shared/corpus
if [ ! -d "$corpus/cuad-dev/txt" ]; then
	echo "corpus: SKIP: $corpus/cuad-dev/txt not found (only present in the team's workspace)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

check() { # check NAME STATUS
	if [ "$2" -le 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "corpus: FAIL: $1 (exit status $2)"
		head -5 "$tmp/err"
	fi
}

# all CUAD texts in one run as text, then in one run as JSON
find "$corpus/cuad-dev/txt" -name '*.txt' | sort > "$tmp/list"
n=$(wc -l < "$tmp/list")
set --
while IFS= read -r f; do set -- "$@" "$f"; done < "$tmp/list"
$wrap "$bin" --color never "$@" > "$tmp/out" 2> "$tmp/err"
check "cuad-dev/txt: $n contracts in one run" $?
if grep -v ': note: ' "$tmp/err" | grep -q .; then
	echo "corpus: FAIL: unexpected messages on stderr:"
	grep -v ': note: ' "$tmp/err" | head -5
	fail=$((fail + 1))
fi
$wrap "$bin" --format json "$@" > "$tmp/out.json" 2> "$tmp/err"
check "cuad-dev/txt as JSON" $?
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["documents"] == int(sys.argv[2]), d["summary"]' "$tmp/out.json" "$n"; then
	pass=$((pass + 1))
else
	echo "corpus: FAIL: the JSON report does not parse or lacks documents"
	fail=$((fail + 1))
fi
# every real document in a format this build reads: Markdown, PDF, DOCX, ODT
for f in "$corpus"/docs/*.md "$corpus"/docs/*.pdf "$corpus"/docs/*.docx \
	"$corpus"/docs/pandoc-fixtures/*.docx "$corpus"/docs/pandoc-fixtures/*.odt; do
	[ -f "$f" ] || continue
	$wrap "$bin" --color never "$f" > /dev/null 2> "$tmp/err"
	check "$f" $?
done
# pandoc's tracked-change fixtures: our accept and reject views agree with
# pandoc's expected outputs word for word (read from the *.native files)
for nat in "$corpus"/docs/pandoc-fixtures/*_accept.native "$corpus"/docs/pandoc-fixtures/*_reject.native; do
	[ -f "$nat" ] || continue
	mode=${nat##*_}; mode=${mode%.native}
	docx=${nat%_*}.docx
	$wrap "$bin" text --revisions "$mode" "$docx" > "$tmp/text" 2> "$tmp/err"
	if python3 -c '
import re, sys
nat = open(sys.argv[1], encoding="utf-8").read()
want = [w.encode().decode("unicode_escape") if "\\" in w else w
        for w in re.findall(r"Str \"((?:[^\"\\]|\\.)*)\"", nat)]
got = open(sys.argv[2], encoding="utf-8").read().split()
sys.exit(0 if want == got else 1)' "$nat" "$tmp/text"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "corpus: FAIL: $(basename "$docx") --revisions $mode differs from $(basename "$nat")"
	fi
done
echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
