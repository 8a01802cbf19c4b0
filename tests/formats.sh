#!/bin/sh
# formats.sh BIN - the checker reports the same findings on every format of
# the same sample: samples/NAME.txt against NAME.md and
# samples/formats/NAME.{docx,odt,html,rtf,pdf} (made by samples/generate.sh).
# Same rules, same number of findings of each, same missing clauses;
# positions differ by format and are not compared.
set -u
bin=$1
here=$(cd "$(dirname "$0")/.." && pwd)
pass=0
fail=0
signature() {
	"$bin" --format json --fail-on none "$1" | python3 -c '
import json, sys, collections
d = json.load(sys.stdin)["documents"][0]
if "error" in d:
    print("error:", d["error"]); sys.exit()
c = collections.Counter(f["rule"] for f in d["findings"])
print(sorted(m["rule"] for m in d["missing"]), sorted(c.items()))'
}
for name in weak-draft-outsourcing sound-outsourcing-agreement; do
	want=$(signature "$here/samples/$name.txt")
	for f in "$here/samples/$name.md" "$here"/samples/formats/$name.*; do
		[ -f "$f" ] || continue
		got=$(signature "$f")
		if [ "$got" = "$want" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "formats: FAIL: $(basename "$f") differs from $name.txt"
			echo "  want: $want" | cut -c1-300
			echo "  got:  $got" | cut -c1-300
		fi
	done
done
echo "formats: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
