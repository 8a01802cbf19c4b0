#!/usr/bin/env python3
"""check.py - validates clauselint reports.

  check.py json SCHEMA FILE...        JSON reports against docs/report.schema.json
  check.py jsonl SCHEMA FILE...       every line against the schema's $defs/entry
  check.py sarif OFFICIAL FILE...     SARIF 2.1.0: structure GitHub code scanning
                                      needs (always), and the official schema
                                      when OFFICIAL exists (else a SKIP line)
  check.py gitlab FILE...             GitLab Code Quality structure
  check.py junit FILE...              JUnit XML structure and counts
  check.py checkstyle FILE...         Checkstyle XML structure
  check.py self-test SCHEMA OFFICIAL SARIF JSON
                                      the checks reject broken reports

Exit 0 when every file passes, 1 otherwise (each problem printed).
"""
import copy
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:  # pragma: no cover
    jsonschema = None

HEX16 = re.compile(r"^[0-9a-f]{16}$")


def validator(schema, ref=None):
    if ref:
        schema = dict(schema)
        schema = {"$ref": ref, "$defs": schema["$defs"],
                  "$schema": schema["$schema"]}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(v, doc):
    return ["%s at /%s" % (e.message[:200], "/".join(map(str, e.absolute_path)))
            for e in sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.path)))]


def sarif_structure(log):
    """Problems with what code scanning needs from a SARIF log."""
    p = []
    if log.get("version") != "2.1.0":
        p.append("version is not 2.1.0")
    runs = log.get("runs") or []
    if len(runs) != 1:
        return p + ["expected exactly one run"]
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "clauselint":
        p.append("tool.driver.name is not clauselint")
    rules = driver.get("rules") or []
    ids = [r.get("id") for r in rules]
    if len(set(ids)) != len(ids):
        p.append("rule ids are not unique")
    for r in rules:
        for path in (("name",), ("shortDescription", "text"), ("fullDescription", "text"),
                     ("help", "text"), ("help", "markdown"), ("helpUri",),
                     ("defaultConfiguration", "level")):
            v = r
            for k in path:
                v = v.get(k) if isinstance(v, dict) else None
            if not isinstance(v, str) or not v:
                p.append("rule %s: no %s" % (r.get("id"), ".".join(path)))
        if not str(r.get("helpUri", "")).startswith(("https://", "file:///")) or \
                "#" + str(r.get("id")) not in str(r.get("helpUri")):
            p.append("rule %s: helpUri is not an https or file URL to its anchor" % r.get("id"))
        if r.get("defaultConfiguration", {}).get("level") not in ("error", "warning", "note"):
            p.append("rule %s: bad defaultConfiguration.level" % r.get("id"))
    if run.get("columnKind") != "unicodeCodePoints":
        p.append("columnKind is not unicodeCodePoints")
    # every uriBaseId an artifact location uses is declared by the run
    bases = run.get("originalUriBaseIds") or {}
    used = set()

    def base_ids(o):
        if isinstance(o, dict):
            if isinstance(o.get("uriBaseId"), str):
                used.add(o["uriBaseId"])
            for k, v in o.items():
                if k != "originalUriBaseIds":
                    base_ids(v)
        elif isinstance(o, list):
            for v in o:
                base_ids(v)
    base_ids(run)
    for u in sorted(used - set(bases)):
        p.append("uriBaseId %s is not in originalUriBaseIds" % u)
    for i, res in enumerate(run.get("results", [])):
        where = "result %d (%s)" % (i, res.get("ruleId"))
        idx = res.get("ruleIndex")
        if not isinstance(idx, int) or not 0 <= idx < len(rules) or \
                rules[idx].get("id") != res.get("ruleId"):
            p.append(where + ": ruleIndex does not point at ruleId")
        if res.get("level") not in ("error", "warning", "note"):
            p.append(where + ": bad level")
        if not res.get("message", {}).get("text"):
            p.append(where + ": no message")
        locs = res.get("locations") or []
        if len(locs) != 1:
            p.append(where + ": expected one location")
            continue
        phys = locs[0].get("physicalLocation", {})
        uri = phys.get("artifactLocation", {}).get("uri", "")
        if not uri or (uri.startswith("/") or ("://" in uri and not uri.startswith("file://"))):
            p.append(where + ": artifactLocation.uri %r is not relative" % uri)
        if re.search(r"[ <>\"\\^`{|}]", uri):
            p.append(where + ": uri %r is not percent-encoded" % uri)
        reg = phys.get("region", {})
        sl, sc = reg.get("startLine", 0), reg.get("startColumn", 0)
        el, ec = reg.get("endLine", sl), reg.get("endColumn", sc)
        if not (sl >= 1 and sc >= 1 and el >= sl and (el > sl or ec >= sc)):
            p.append(where + ": bad region %r" % reg)
        fp = res.get("partialFingerprints", {}).get("clauselint/v1", "")
        if not HEX16.match(fp):
            p.append(where + ": no partialFingerprints clauselint/v1")
    inv = run.get("invocations") or []
    if len(inv) != 1 or not isinstance(inv[0].get("executionSuccessful"), bool):
        p.append("expected one invocation with executionSuccessful")
    else:
        for n in inv[0].get("toolExecutionNotifications", []):
            if n.get("level") != "error" or not n.get("message", {}).get("text"):
                p.append("toolExecutionNotification without level or message")
    return p


def gitlab_structure(issues):
    p = []
    if not isinstance(issues, list):
        return ["not a JSON array"]
    seen = set()
    for i, it in enumerate(issues):
        where = "issue %d" % i
        for k in ("description", "check_name", "fingerprint"):
            if not isinstance(it.get(k), str) or not it.get(k):
                p.append("%s: no %s" % (where, k))
        if it.get("fingerprint") in seen:
            p.append("%s: duplicate fingerprint %s" % (where, it.get("fingerprint")))
        seen.add(it.get("fingerprint"))
        if it.get("severity") not in ("info", "minor", "major", "critical", "blocker"):
            p.append(where + ": bad severity")
        loc = it.get("location", {})
        path = loc.get("path")
        if not isinstance(path, str) or not path or path.startswith("./"):
            p.append(where + ": bad location.path")
        begin = loc.get("lines", {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            p.append(where + ": bad location.lines.begin")
    return p


def junit_structure(root):
    p = []
    if root.tag != "testsuites":
        return ["root is not <testsuites>"]
    for s in root.findall("testsuite"):
        cases = s.findall("testcase")
        fails = [c for c in cases if c.find("failure") is not None]
        errs = [c for c in cases if c.find("error") is not None]
        if int(s.get("tests", -1)) != len(cases):
            p.append("testsuite %s: tests=%s but %d testcases" % (s.get("name"), s.get("tests"), len(cases)))
        if int(s.get("failures", -1)) != len(fails):
            p.append("testsuite %s: failures=%s but %d failed" % (s.get("name"), s.get("failures"), len(fails)))
        if int(s.get("errors", -1)) != len(errs):
            p.append("testsuite %s: errors=%s but %d errors" % (s.get("name"), s.get("errors"), len(errs)))
        skips = [c for c in cases if c.find("skipped") is not None]
        if int(s.get("skipped", -1)) != len(skips):
            p.append("testsuite %s: skipped=%s but %d skipped" % (s.get("name"), s.get("skipped"), len(skips)))
        for c in cases:
            if not c.get("name") or not c.get("classname"):
                p.append("testcase without name or classname")
            f = c.find("failure")
            if f is not None and (not f.get("message") or not f.get("type")):
                p.append("failure without message or type in %s" % c.get("name"))
    return p


def checkstyle_structure(root):
    p = []
    if root.tag != "checkstyle":
        return ["root is not <checkstyle>"]
    for f in root.findall("file"):
        if not f.get("name"):
            p.append("<file> without name")
        for e in f.findall("error"):
            if int(e.get("line", 0)) < 1:
                p.append("error without line in %s" % f.get("name"))
            if e.get("severity") not in ("error", "warning", "info"):
                p.append("bad severity in %s" % f.get("name"))
            if not e.get("message") or not str(e.get("source", "")).startswith("clauselint."):
                p.append("error without message or source in %s" % f.get("name"))
    return p


def check(kind, args):
    problems = {}
    skip = None
    if kind in ("json", "jsonl", "sarif") and jsonschema is None:
        print("SKIP: python3-jsonschema not installed: %s reports checked as JSON only" % kind)
    if kind in ("json", "jsonl"):
        schema = json.load(open(args[0], encoding="utf-8"))
        v = validator(schema, "#/$defs/entry" if kind == "jsonl" else None) if jsonschema else None
        for f in args[1:]:
            text = open(f, encoding="utf-8").read()
            docs = [json.loads(l) for l in text.splitlines()] if kind == "jsonl" else [json.loads(text)]
            if kind == "jsonl" and not text.endswith("\n"):
                problems.setdefault(f, []).append("last line not terminated")
            for d in docs:
                if v:
                    problems.setdefault(f, []).extend(schema_errors(v, d))
    elif kind == "sarif":
        official = args[0]
        v = None
        if jsonschema and os.path.exists(official):
            v = validator(json.load(open(official, encoding="utf-8")))
        else:
            skip = "SKIP: %s not found: SARIF checked structurally only" % official
        for f in args[1:]:
            d = json.load(open(f, encoding="utf-8"))
            problems[f] = sarif_structure(d) + (schema_errors(v, d) if v else [])
    elif kind == "gitlab":
        for f in args:
            problems[f] = gitlab_structure(json.load(open(f, encoding="utf-8")))
    elif kind in ("junit", "checkstyle"):
        for f in args:
            try:
                root = ET.parse(f).getroot()
            except ET.ParseError as e:
                problems[f] = ["not well-formed XML: %s" % e]
                continue
            problems[f] = (junit_structure if kind == "junit" else checkstyle_structure)(root)
    else:
        print("check.py: unknown kind %s" % kind, file=sys.stderr)
        return 2
    if skip:
        print(skip)
    bad = 0
    for f, ps in problems.items():
        for p in ps[:10]:
            print("%s: %s: %s" % (kind, f, p))
        bad += bool(ps)
    print("%s: %d checked, %d failed" % (kind, len(problems), bad))
    return 1 if bad else 0


def self_test(schema_path, official, sarif_file, json_file):
    """Every check must reject a report broken on purpose."""
    schema = json.load(open(schema_path, encoding="utf-8"))
    log = json.load(open(sarif_file, encoding="utf-8"))
    rep = json.load(open(json_file, encoding="utf-8"))
    fails = 0

    def expect(name, problems):
        nonlocal fails
        if not problems:
            print("self-test: FAIL: %s was accepted" % name)
            fails += 1

    assert not sarif_structure(log), sarif_structure(log)[:3]
    for name, mutate in [
        ("a ruleIndex off by one", lambda l: l["runs"][0]["results"][0].__setitem__(
            "ruleIndex", l["runs"][0]["results"][0]["ruleIndex"] + 1)),
        ("a region at line 0", lambda l: l["runs"][0]["results"][0]["locations"][0]
         ["physicalLocation"]["region"].__setitem__("startLine", 0)),
        ("a rule without help", lambda l: l["runs"][0]["tool"]["driver"]["rules"][0].pop("help")),
        ("an absolute uri", lambda l: l["runs"][0]["results"][0]["locations"][0]
         ["physicalLocation"]["artifactLocation"].__setitem__("uri", "/etc/passwd")),
        ("an undeclared uriBaseId", lambda l: l["runs"][0].pop("originalUriBaseIds")),
    ]:
        bad = copy.deepcopy(log)
        mutate(bad)
        expect("SARIF with " + name, sarif_structure(bad))
    if jsonschema:
        v = validator(schema)
        assert not schema_errors(v, rep)
        for name, mutate in [
            ("a finding without fingerprint", lambda r: r["documents"][0]["findings"][0].pop("fingerprint")),
            ("an unknown severity", lambda r: r["documents"][0]["findings"][0].__setitem__("severity", "fatal")),
            ("an extra member", lambda r: r["documents"][0].__setitem__("extra", 1)),
            ("a negative count", lambda r: r["summary"].__setitem__("error", -1)),
        ]:
            bad = copy.deepcopy(rep)
            mutate(bad)
            expect("JSON report with " + name, schema_errors(v, bad))
        if os.path.exists(official):
            vo = validator(json.load(open(official, encoding="utf-8")))
            bad = copy.deepcopy(log)
            bad["runs"][0]["results"][0]["level"] = "fatal"
            expect("SARIF with level fatal (official schema)", schema_errors(vo, bad))
    expect("GitLab issues with a duplicate fingerprint",
           gitlab_structure([{"description": "d", "check_name": "c", "fingerprint": "f",
                              "severity": "major", "location": {"path": "a", "lines": {"begin": 1}}}] * 2))
    expect("JUnit with a wrong failure count", junit_structure(ET.fromstring(
        '<testsuites><testsuite name="a" tests="1" failures="0" errors="0">'
        '<testcase classname="a" name="r"><failure type="t" message="m"/></testcase>'
        '</testsuite></testsuites>')))
    print("self-test: %s" % ("the checks reject every broken report" if not fails else "%d not rejected" % fails))
    return 1 if fails else 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "self-test":
        return self_test(*argv[2:6])
    return check(argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
