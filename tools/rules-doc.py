#!/usr/bin/env python3
"""rules-doc.py PACK.xml... - writes docs/rules.md (to stdout): every rule of
the given clause packs, grouped by pack, each under an anchor named by its
id, so that SARIF helpUri links (docs/rules.md#RULE-ID) land on it.

  python3 tools/rules-doc.py clausepacks/*.xml > docs/rules.md   (make rules-doc)
"""
import sys
import xml.etree.ElementTree as ET


def text(el, tag):
    e = el.find(tag)
    return " ".join((e.text or "").split()) if e is not None else ""


def md(s):
    """Plain text as Markdown that renders literally."""
    for c in "\\`*_[]<>|":
        s = s.replace(c, "\\" + c)
    return s


def main(paths):
    packs = []
    for p in paths:
        root = ET.parse(p).getroot()
        title = text(root, "title")
        if root.get("default") == "no":
            title += " (opt-in)"
        packs.append((root.get("name"), title, text(root, "description"),
                      root.findall("rule")))
    out = ["# Rules", "",
           "Every rule of the clause packs shipped with clauselint, generated from",
           "`clausepacks/*.xml` by `make rules-doc` (do not edit by hand). SARIF reports",
           "link each rule here (`helpUri`: `docs/rules.md#RULE-ID`). Packs marked",
           "*opt-in* load only when named with `--pack`.", ""]
    for name, title, _, rules in packs:
        out.append("- [%s](#pack-%s) — %s (%d rules)" % (md(title), name, name, len(rules)))
    out.append("")
    for name, title, desc, rules in packs:
        out += ['<a id="pack-%s"></a>' % name, "", "## %s (`%s`)" % (md(title), name), "",
                md(desc), ""]
        for r in rules:
            rid = r.get("id")
            kind = r.get("kind")
            out += ['<a id="%s"></a>' % rid, "",
                    "### %s" % rid, "",
                    "**%s** — %s, severity `%s`, category `%s`" % (
                        md(text(r, "title")),
                        {"require": "required clause", "flag": "risky wording",
                         "check": "structural check"}.get(kind, kind),
                        r.get("severity"), r.get("category")), "",
                    md(text(r, "message")), "",
                    "- **Why:** " + md(text(r, "rationale")),
                    "- **Fix:** " + md(text(r, "suggestion"))]
            if text(r, "ref"):
                out.append("- **Reference:** " + md(text(r, "ref")))
            out.append("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
