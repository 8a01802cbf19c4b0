#!/bin/sh
# bench/run.sh BIN - benchmarks that compare clauselint with what users would
# otherwise run, every figure measured in this run on the same inputs.
# Never fails the test suite: a missing peer or corpus is skipped with a line.
#
#   DOCX extraction: clauselint text (one process per file, like the peers,
#   and one process for all files) vs pandoc -t plain vs docx2txt, on DOCX
#   made from the CUAD dev texts with pandoc (into a temporary folder).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=../shared/corpus/cuad-dev/txt
runs=${BENCH_RUNS:-5}
ndocs=${BENCH_DOCX:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median and spread (min-max) of a command's wall time over $runs runs
measure() { # measure NAME CMD...
	name=$1
	shift
	i=0
	: > "$tmp/times"
	while [ $i -lt "$runs" ]; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		e=$(date +%s.%N)
		echo "$e - $s" | bc -l >> "$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk -v name="$name" '
		{ t[NR] = $1 } END {
			m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
			printf "%s %.4f %.4f %.4f\n", name, m, t[1], t[NR] }' >> "$tmp/results"
}

sh "$(dirname "$0")/diff.sh" "$bin"
echo "== DOCX extraction ($runs runs each, median [min-max] seconds)"
if [ ! -d "$corpus" ]; then
	echo "bench: SKIP DOCX extraction: $corpus not found"
	exit 0
fi
if ! command -v pandoc > /dev/null 2>&1; then
	echo "bench: SKIP DOCX extraction: pandoc is needed to make the DOCX files (apt-get install pandoc)"
	exit 0
fi
mkdir -p "$tmp/docx"
ls "$corpus"/*.txt | head -n "$ndocs" | while IFS= read -r f; do
	pandoc -f markdown -t docx "$f" -o "$tmp/docx/$(basename "$f" .txt).docx" 2> /dev/null
done
n=$(ls "$tmp/docx" | wc -l)
mb=$(du -cb "$tmp"/docx/*.docx | tail -1 | awk '{ printf "%.1f", $1 / 1048576 }')
echo "inputs: $n DOCX files made from the first $ndocs CUAD dev texts, $mb MB"
: > "$tmp/results"
measure clauselint sh -c "for f in '$tmp'/docx/*.docx; do '$bin' text \"\$f\"; done"
measure clauselint-batch sh -c "'$bin' text '$tmp'/docx/*.docx"
measure pandoc sh -c "for f in '$tmp'/docx/*.docx; do pandoc -t plain \"\$f\"; done"
if command -v docx2txt > /dev/null 2>&1; then
	measure docx2txt sh -c "for f in '$tmp'/docx/*.docx; do docx2txt < \"\$f\"; done"
else
	echo "bench: SKIP docx2txt: not installed (apt-get install docx2txt)"
fi
base=$(awk '$1 == "clauselint" { print $2 }' "$tmp/results")
awk -v base="$base" '{
	printf "  %-11s %8.3f s  [%.3f-%.3f]  %s\n", $1, $2, $3, $4,
	       $1 ~ /^clauselint/ ? "" : sprintf("clauselint (per file) is %.1fx faster", $2 / base) }' "$tmp/results"
