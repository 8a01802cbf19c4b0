#!/usr/bin/env python3
"""hygiene.py - how often each drafting-hygiene check fires on a directory of contracts.

usage: hygiene.py [--bin BIN] [--pack PACK] [--sample RULE] [--n N] [--seed S] DIR

Runs `clauselint --pack drafting` (only the drafting pack) over every *.txt,
*.md, *.docx, *.odt, *.html, *.rtf and *.pdf file in DIR and prints, per
check rule: the number of findings, the findings per contract, the share of
contracts with at least one finding, and the most in one contract.

--sample RULE prints N findings of that rule picked at random (with --seed
for a repeatable pick), each with its file, line, message and excerpt, so a
reader can judge which are real defects. The script knows no file names.
"""
import argparse
import json
import os
import random
import subprocess
import sys

EXTS = (".txt", ".md", ".docx", ".odt", ".html", ".htm", ".rtf", ".pdf")


def run(bin_, pack, files, incomplete):
    """Yields (file, finding) for every finding of the pack, in batches;
    appends to `incomplete` the files whose check stopped at its CPU-time
    limit (their findings are partial)."""
    for i in range(0, len(files), 40):
        batch = files[i:i + 40]
        p = subprocess.run([bin_, "--format", "json", "--fail-on", "none",
                            "--pack", pack] + batch,
                           capture_output=True, text=True, errors="replace")
        if p.returncode not in (0, 1, 2) or not p.stdout.strip():
            sys.exit("hygiene.py: %s failed (%d): %s" % (bin_, p.returncode, p.stderr[:500]))
        for doc in json.loads(p.stdout)["documents"]:
            if doc.get("timed_out"):
                incomplete.append(doc["file"])
            for f in doc.get("findings", []):
                if f.get("kind") == "check":
                    yield doc["file"], f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="build/clauselint")
    ap.add_argument("--pack", default="drafting")
    ap.add_argument("--sample", metavar="RULE")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("dir")
    a = ap.parse_args()
    files = sorted(os.path.join(a.dir, f) for f in os.listdir(a.dir)
                   if f.lower().endswith(EXTS))
    if not files:
        sys.exit("hygiene.py: no contracts in %s" % a.dir)
    per_rule = {}
    per_doc = {}
    found = []
    incomplete = []
    for name, f in run(a.bin, a.pack, files, incomplete):
        per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
        key = (f["rule"], name)
        per_doc[key] = per_doc.get(key, 0) + 1
        found.append((name, f))
    n = len(files)
    print("%d contracts in %s" % (n, a.dir))
    print("%-28s %8s %10s %10s %6s" % ("rule", "findings", "/contract", "contracts", "max"))
    for rule in sorted(per_rule):
        docs = [c for (r, _), c in per_doc.items() if r == rule]
        print("%-28s %8d %10.2f %9.0f%% %6d" % (rule, per_rule[rule], per_rule[rule] / n,
                                               100.0 * len(docs) / n, max(docs)))
    print("%-28s %8d %10.2f" % ("all checks", sum(per_rule.values()),
                                sum(per_rule.values()) / n))
    if incomplete:
        print("incomplete: %d contract(s) stopped at the CPU-time limit, so the "
              "counts above miss their later rules: %s"
              % (len(incomplete), ", ".join(sorted(incomplete)[:10])))
    if a.sample:
        pick = [x for x in found if x[1]["rule"] == a.sample]
        random.Random(a.seed).shuffle(pick)
        print("\n%d of %d %s findings:" % (min(a.n, len(pick)), len(pick), a.sample))
        for name, f in pick[:a.n]:
            print("- %s:%s: %s\n    | %s" % (os.path.basename(name), f.get("line"),
                                             f["message"], f.get("excerpt", "")[:200]))


if __name__ == "__main__":
    main()
