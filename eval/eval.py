#!/usr/bin/env python3
"""eval.py - document-level detection quality of clauselint on a labelled corpus.

usage: eval.py [--bin BIN] [--map MAP] [--pack FILE ...] [--detail CATEGORY]
               [--split tune|check] DIR LABELS

DIR holds the contracts (*.txt); LABELS is a TSV with columns
file, category, present (0/1) — the CUAD labels.tsv format. A contracts.tsv
beside LABELS (columns file, ..., services_like) is used when present to
report how many services-type contracts are said to miss each core clause.

MAP (eval/cuad-map.tsv) maps each evaluated category to the rule ids whose
firing means "this clause is present": a require rule counts when the clause
is present, a flag rule when it has at least one finding. The script knows
no file names: it evaluates whatever directory it is given.

--split tune|check evaluates one half of the directory, chosen by a hash of
each file name (SHA-1, first byte even = tune, odd = check), so that rules can
be tuned on one half and checked on the other: a change that helps only the
tuning half is over-fitting.
"""
import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys

csv.field_size_limit(sys.maxsize)
HERE = os.path.dirname(os.path.abspath(__file__))
CORE = ["clause-penalty", "clause-confidentiality", "clause-scope", "clause-pricing"]


def read_map(path):
    cats = []
    with open(path, newline="") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cat, _, rules = line.partition("\t")
            cats.append((cat, [r.strip() for r in rules.split(",") if r.strip()]))
    return cats


def half(name):
    """The half ("tune" or "check") a file belongs to, from a hash of its name."""
    return "tune" if hashlib.sha1(name.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def run(bin_, files, packs):
    """Returns {basename: (set of fired rule ids, set of missing rule ids)}."""
    out = {}
    batch = 50
    for i in range(0, len(files), batch):
        cmd = [bin_, "--format", "json", "--fail-on", "none", "--color", "never"]
        for p in packs:
            cmd += ["--pack", p]
        cmd += files[i:i + batch]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr.decode(errors="replace"))
            sys.exit("eval: clauselint failed with status %d" % proc.returncode)
        report = json.loads(proc.stdout)
        for d in report["documents"]:
            if "error" in d:
                sys.exit("eval: %s: %s" % (d["file"], d["error"]))
            fired = {f["rule"] for f in d["findings"]} | {p["rule"] for p in d["present"]}
            missing = {m["rule"] for m in d["missing"]}
            out[os.path.basename(d["file"])] = (fired, missing)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "clauselint"))
    ap.add_argument("--map", default=os.path.join(HERE, "cuad-map.tsv"))
    ap.add_argument("--pack", action="append", default=[])
    ap.add_argument("--detail", help="list false positives and negatives of a category")
    ap.add_argument("--split", choices=["tune", "check"],
                    help="evaluate only one half of the files (split by a hash of the file name)")
    ap.add_argument("dir")
    ap.add_argument("labels")
    a = ap.parse_args()

    files = sorted(os.path.join(a.dir, n) for n in os.listdir(a.dir) if n.endswith(".txt"))
    if a.split:
        files = [f for f in files if half(os.path.basename(f)) == a.split]
    if not files:
        sys.exit("eval: no .txt files in %s" % a.dir)
    if a.split:
        print("split %s: %d files" % (a.split, len(files)))
    names = {os.path.basename(f) for f in files}
    truth = {}
    with open(a.labels, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["file"] in names:
                truth[(row["file"], row["category"])] = row["present"] == "1"
    cats = read_map(a.map)
    results = run(a.bin, files, a.pack)

    print("%-36s %4s %4s %4s %6s %6s %6s  rules" % ("category", "tp", "fp", "fn", "P", "R", "F1"))
    f1s = []
    for cat, rules in cats:
        tp = fp = fn = 0
        fps, fns = [], []
        for name in sorted(names):
            if (name, cat) not in truth:
                continue
            pred = bool(results[name][0] & set(rules))
            gold = truth[(name, cat)]
            if pred and gold:
                tp += 1
            elif pred:
                fp += 1
                fps.append(name)
            elif gold:
                fn += 1
                fns.append(name)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f1)
        print("%-36s %4d %4d %4d %6.3f %6.3f %6.3f  %s" % (cat, tp, fp, fn, p, r, f1, ",".join(rules) or "-"))
        if a.detail == cat:
            for n in fps:
                print("    FP", n)
            for n in fns:
                print("    FN", n)
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    print("macro-F1 over %d categories: %.3f (lowest %.3f)" % (len(f1s), macro, min(f1s) if f1s else 0))

    contracts = os.path.join(os.path.dirname(a.labels), "contracts.tsv")
    if os.path.exists(contracts):
        services = set()
        with open(contracts, newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row.get("services_like") == "1" and row["file"] in names:
                    services.add(row["file"])
        print("core clauses reported missing in %d services-type contracts:" % len(services))
        for rule in CORE:
            n = sum(1 for s in services if rule in results[s][1])
            print("  %-24s %3d of %d" % (rule, n, len(services)))


if __name__ == "__main__":
    main()
