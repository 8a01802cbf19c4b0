#!/bin/sh
# bench/run.sh BIN - benchmarks that compare clauselint with what users would
# otherwise run, every figure measured in this run on the same inputs, in one
# table: wall time (median [min-max] over BENCH_RUNS runs), CPU time (user +
# sys, median), throughput per core (MiB / CPU s), peak RSS (largest of the
# runs), and ratios computed run by run (pair by pair) on CPU time.
#
#   lint          every .txt in ../shared/corpus/cuad-dev/txt, all default
#                 packs, JSON report; and on a subset: with and without the
#                 literal prefilter (CLAUSELINT_NO_PREFILTER=1), against
#                 rg -j1 -i -c -f with
#                 the exact patterns of the packs (clauselint packs patterns),
#                 the first BENCH_RG_FILES (20) texts: rg is slow on them
#   100 KB        one contract of about 100 KB end to end, start-up and pack
#                 compilation included
#   -j2 / -j1     when the binary has -j; diff when it has a diff command
#   growth        one document of 1x, 4x and 16x a contract; 1x, 4x, 16x
#                 documents
#   DOCX          extraction: clauselint text vs pandoc -t plain vs docx2txt
#                 on DOCX made from the CUAD dev texts with pandoc
#
# Never fails the test suite: a missing peer or corpus is skipped with a line.
# Wall-clock figures depend on the machine's load; CPU time much less so.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
corpus=${BENCH_CORPUS:-../shared/corpus/cuad-dev/txt}
runs=${BENCH_RUNS:-3}
ndocs=${BENCH_DOCX:-40}
nrg=${BENCH_RG_FILES:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/raw"
: > "$tmp/table"
: > "$tmp/notes"

have() { command -v "$1" > /dev/null 2>&1; }
note() { echo "$*" >> "$tmp/notes"; }

# once NAME CMD... : one run; appends "NAME wall cpu rss_kb" to raw
once() {
	name=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" > /dev/null 2>&1
		awk -v n="$name" '{ printf "%s %s %.3f %s\n", n, $1, $2 + $3, $4 }' "$tmp/t" >> "$tmp/raw"
	else
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		e=$(date +%s.%N)
		echo "$name $(echo "$e - $s" | bc -l) $(echo "$e - $s" | bc -l) 0" >> "$tmp/raw"
	fi
}

# row NAME LABEL INPUT MB [COMPARE_TO] : one table line from the raw runs
row() {
	awk -v n="$1" -v label="$2" -v input="$3" -v mb="$4" -v base="${5:-}" '
	function median(a, k,   i, j, t) {
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
			if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	$1 == n { w[++k] = $2; c[k] = $3; if ($4 > rss) rss = $4 }
	$1 == base { bc[++b] = $3 }
	END {
		if (!k) exit
		for (i = 1; i <= k; i++) { ww[i] = w[i]; cc[i] = c[i] }
		mw = median(ww, k); mc = median(cc, k)
		lo = w[1]; hi = w[1]
		for (i = 1; i <= k; i++) { if (w[i] < lo) lo = w[i]; if (w[i] > hi) hi = w[i] }
		cmp = ""
		if (base != "" && b == k) {
			for (i = 1; i <= k; i++) r[i] = (bc[i] > 0) ? c[i] / bc[i] : 0
			rl = r[1]; rh = r[1]
			for (i = 1; i <= k; i++) { if (r[i] < rl) rl = r[i]; if (r[i] > rh) rh = r[i] }
			cmp = sprintf("%s / %s = %.2f [%.2f-%.2f]", n, base, median(r, k), rl, rh)
		}
		printf "%-30s %-24s %7.3f [%.3f-%.3f] %8.3f %9s %8.1f  %s\n", label, input, mw, lo, hi, mc,
		       (mb > 0 && mc > 0) ? sprintf("%.2f", mb / mc) : "-", rss / 1024, cmp
	}' "$tmp/raw" >> "$tmp/table"
}

mbof() { du -cb "$@" | tail -1 | awk '{ printf "%.2f", $1 / 1048576 }'; }

# ---- lint throughput against ripgrep ----------------------------------------
if [ -d "$corpus" ]; then
	set --
	for f in "$corpus"/*.txt; do set -- "$@" "$f"; done
	nf=$#
	mb=$(mbof "$@")
	in="$nf files, $mb MiB"
	"$bin" packs patterns > "$tmp/patterns"
	have_rg=0
	if have rg; then
		have_rg=1
		# rg's default engine has no look-around, \K or \G: those patterns
		# go to its PCRE2 engine (-P), in groups small enough to compile
		: > "$tmp/rg-default"
		: > "$tmp/rg-pcre"
		while IFS= read -r p; do
			if [ -z "$(printf '' | rg -i -e "$p" 2>&1 > /dev/null)" ]; then
				printf '%s\n' "$p" >> "$tmp/rg-default"
			else
				printf '%s\n' "$p" >> "$tmp/rg-pcre"
			fi
		done < "$tmp/patterns"
		# groups: 16 default-engine patterns (rg's Unicode -i automata of
		# all of them at once take gigabytes), and PCRE2 patterns greedily
		# as many as rg -P compiles in one go
		split -l 16 "$tmp/rg-default" "$tmp/rg-dgroup."
		g=0
		: > "$tmp/rg-group.$g"
		while IFS= read -r p; do
			cp "$tmp/rg-group.$g" "$tmp/try"
			printf '%s\n' "$p" >> "$tmp/try"
			if printf '' | rg -P -i -f "$tmp/try" > /dev/null 2>&1 || [ $? -eq 1 ]; then
				mv "$tmp/try" "$tmp/rg-group.$g"
			else
				g=$((g + 1))
				printf '%s\n' "$p" > "$tmp/rg-group.$g"
			fi
		done < "$tmp/rg-pcre"
		{
			for x in "$tmp"/rg-dgroup.*; do
				[ -s "$x" ] && printf "rg -j1 -i -c -f '%s' \"\$@\"\n" "$x"
			done
			for x in "$tmp"/rg-group.*; do
				[ -s "$x" ] && printf "rg -P -j1 -i -c -f '%s' \"\$@\"\n" "$x"
			done
			echo 'exit 0'
		} > "$tmp/rg.sh"
		npcre=$(wc -l < "$tmp/rg-pcre")
		ngroups=$(ls "$tmp"/rg-group.* | wc -l)
		ndg=$(ls "$tmp"/rg-dgroup.* | wc -l)
		note "rg: the $(wc -l < "$tmp/patterns") patterns of 'clauselint packs patterns'; $(wc -l < "$tmp/rg-default") in $ndg rg runs of 16 (all at once, rg's automata take gigabytes); $npcre need PCRE2 (look-around, \\K, \\G): rg -P in $ngroups runs (as many as rg -P compiles at once); rg time = all these runs, on the first $nrg files (BENCH_RG_FILES), as is the lint run it is paired with"
	else
		note "bench: SKIP rg: not installed (apt-get install ripgrep)"
	fi
	i=0
	while [ $i -lt "$runs" ]; do
		once lint "$bin" --format json --fail-on none "$@"
		i=$((i + 1))
	done
	row lint "lint (all default packs)" "$in" "$mb"
	ls "$corpus"/*.txt | head -n "$nrg" > "$tmp/rgfiles"
	rgmb=$(mbof $(cat "$tmp/rgfiles"))
	rgin="$(wc -l < "$tmp/rgfiles") files, $rgmb MiB"
	# the subset: lint, lint without the prefilter, rg - run by run
	i=0
	while [ $i -lt "$runs" ]; do
		once lint-sub sh -c "tr '\\n' '\\0' < '$tmp/rgfiles' | xargs -0 '$bin' --format json --fail-on none"
		once lint-noprefilter sh -c "tr '\\n' '\\0' < '$tmp/rgfiles' | CLAUSELINT_NO_PREFILTER=1 xargs -0 '$bin' --format json --fail-on none"
		[ $have_rg -eq 0 ] || once rg sh -c "tr '\\n' '\\0' < '$tmp/rgfiles' | xargs -0 sh '$tmp/rg.sh'"
		i=$((i + 1))
	done
	row lint-sub "lint (all default packs)" "$rgin" "$rgmb"
	row lint-noprefilter "lint, prefilter off" "$rgin" "$rgmb" lint-sub
	if [ $have_rg -eq 1 ]; then
		row rg "rg -j1 -i -c -f PATTERNS" "$rgin" "$rgmb" lint-sub
	fi

	# -j2 against -j1, when the binary has -j
	if "$bin" --help 2>&1 | grep -q -- '-j'; then
		i=0
		while [ $i -lt "$runs" ]; do
			once j1 "$bin" -j1 --format json --fail-on none "$@"
			once j2 "$bin" -j2 --format json --fail-on none "$@"
			i=$((i + 1))
		done
		row j1 "lint -j1" "$in" "$mb"
		row j2 "lint -j2" "$in" "$mb" j1
		note "-j2 vs -j1: compare the wall columns (CPU time adds up over both cores)"
	else
		note "bench: SKIP -j2 vs -j1: this clauselint has no -j option yet"
	fi

	# one contract of about 100 KB, end to end
	one=$(ls -l "$corpus" | awk '$5 > 90000 && $5 < 115000 { print $9; exit }')
	if [ -n "$one" ]; then
		i=0
		while [ $i -lt $((runs * 3)) ]; do
			once one "$bin" --fail-on none "$corpus/$one"
			once startup "$bin" packs list
			i=$((i + 1))
		done
		kb=$(du -b "$corpus/$one" | awk '{ printf "%.0f", $1 / 1024 }')
		row one "one contract, end to end" "1 file, $kb KB" "$(mbof "$corpus/$one")"
		row startup "start-up + packs (no input)" "packs list" 0
	fi

	# growth: one document 1x/4x/16x, and 1x/4x/16x documents
	base=$(ls -l "$corpus" | awk '$5 > 40000 && $5 < 60000 { print $9; exit }')
	if [ -n "$base" ]; then
		for k in 1 4 16; do
			j=0
			: > "$tmp/big$k.txt"
			while [ $j -lt $k ]; do cat "$corpus/$base" >> "$tmp/big$k.txt"; j=$((j + 1)); done
		done
		i=0
		while [ $i -lt "$runs" ]; do
			for k in 1 4 16; do once "size$k" "$bin" --format json --fail-on none "$tmp/big$k.txt"; done
			i=$((i + 1))
		done
		for k in 1 4 16; do
			row "size$k" "one document ${k}x" "$(mbof "$tmp/big$k.txt") MiB" "$(mbof "$tmp/big$k.txt")"
		done
		ls "$corpus"/*.txt | head -n 10 > "$tmp/docs"
		for k in 1 4 16; do
			: > "$tmp/docs$k"
			j=0
			while [ $j -lt $k ]; do cat "$tmp/docs" >> "$tmp/docs$k"; j=$((j + 1)); done
		done
		i=0
		while [ $i -lt "$runs" ]; do
			for k in 1 4 16; do
				once "docs$k" sh -c "tr '\\n' '\\0' < '$tmp/docs$k' | xargs -0 '$bin' --format json --fail-on none"
			done
			i=$((i + 1))
		done
		d1=$(mbof $(cat "$tmp/docs"))
		for k in 1 4 16; do
			row "docs$k" "$((10 * k)) documents" "$(echo "$d1 * $k" | bc) MiB" "$(echo "$d1 * $k" | bc)"
		done
		note "growth: linear when MB/s/core stays flat from 1x to 16x (start-up and pack compilation weigh most at 1x)"
	fi

	# diff of two large revisions (bench/diff.sh, by the diff engineer)
	if "$bin" --help 2>&1 | grep -q 'clauselint diff' && [ -f "$here/diff.sh" ]; then
		sh "$here/diff.sh" "$bin" | sed 's/^/diff: /' >> "$tmp/notes"
	else
		note "bench: SKIP diff: this clauselint has no 'diff' command (or bench/diff.sh) yet"
	fi
else
	note "bench: SKIP lint, 100 KB, -j and growth: $corpus not found"
fi

# ---- DOCX extraction ------------------------------------------------------------
if [ ! -d "$corpus" ]; then
	note "bench: SKIP DOCX extraction: $corpus not found"
elif ! have pandoc; then
	note "bench: SKIP DOCX extraction: pandoc is needed to make the DOCX files (apt-get install pandoc)"
else
	mkdir -p "$tmp/docx"
	ls "$corpus"/*.txt | head -n "$ndocs" | while IFS= read -r f; do
		pandoc -f markdown -t docx "$f" -o "$tmp/docx/$(basename "$f" .txt).docx" 2> /dev/null
	done
	n=$(ls "$tmp/docx" | wc -l)
	dmb=$(mbof "$tmp"/docx/*.docx)
	din="$n DOCX, $dmb MiB"
	i=0
	while [ $i -lt "$runs" ]; do
		once docx sh -c "for f in '$tmp'/docx/*.docx; do '$bin' text \"\$f\"; done"
		once docx-batch sh -c "'$bin' text '$tmp'/docx/*.docx"
		once pandoc sh -c "for f in '$tmp'/docx/*.docx; do pandoc -t plain \"\$f\"; done"
		have docx2txt && once docx2txt sh -c "for f in '$tmp'/docx/*.docx; do docx2txt < \"\$f\"; done"
		i=$((i + 1))
	done
	row docx "DOCX text, one process each" "$din" "$dmb"
	row docx-batch "DOCX text, one process" "$din" "$dmb" docx
	row pandoc "pandoc -t plain, each" "$din" "$dmb" docx
	row pandoc "pandoc vs one process" "$din" "$dmb" docx-batch
	if have docx2txt; then
		row docx2txt "docx2txt, each" "$din" "$dmb" docx
		row docx2txt "docx2txt vs one process" "$din" "$dmb" docx-batch
	else
		note "bench: SKIP docx2txt: not installed (apt-get install docx2txt)"
	fi
	note "DOCX: made from the first $ndocs CUAD dev texts with pandoc; 'each' rows compare one process per file for every tool, 'vs one process' rows compare the peers' one process per file with one clauselint process for all files (how a repository is linted; pandoc and docx2txt cannot write one output per input in one run)"
fi

echo "== clauselint bench: $runs runs each (BENCH_RUNS), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-30s %-24s %7s %-13s %8s %9s %8s  %s\n" benchmark input "wall s" "[min-max]" "CPU s" "MiB/s/core" "RSS MB" "pairwise (CPU)"
cat "$tmp/table"
sed 's/^/  /' "$tmp/notes"
exit 0
