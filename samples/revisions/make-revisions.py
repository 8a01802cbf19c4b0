#!/usr/bin/env python3
"""make-revisions.py - writes the negotiation rounds of the team's weak and
sound samples as plain text (samples/revisions/*.txt) and the Markdown that
pandoc turns into DOCX: every revision as *.md, and one redline
(weak-v2-tracked.md) whose word-level changes from v1 to v2 are tracked
changes (pandoc writes [..]{.insertion}/[..]{.deletion} spans as w:ins/w:del).

Each edit is (old, new) applied exactly once, so a drift in the base
samples fails loudly. The edits are chosen so that the revisions exercise
every change class of `clauselint diff`: unchanged, modified, added,
removed, moved, renumbered, cosmetic only, value changes, risks introduced
and resolved, and a required clause gone.
"""
import difflib
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.dirname(here)


def apply(text, edits, name):
    for old, new in edits:
        n = text.count(old)
        if n != 1:
            sys.exit(f"make-revisions: {name}: {old[:60]!r} occurs {n} times")
        text = text.replace(old, new)
    return text


WEAK_V2 = [  # the Client's comments on the Supplier's draft
    ("DRAFT FOR DISCUSSION - Supplier's draft v0.3, not for signature",
     "DRAFT FOR DISCUSSION - Client's comments v0.4, not for signature"),
    # value change without a judgement (term)
    ("initial term of three (3) years from", "initial term of two (2) years from"),
    # risk resolved
    ("4.1 The Client shall pay the Charges for the Services at the Supplier's then-current rates.",
     "4.1 The Client shall pay the Charges for the Services at the rates set out in Schedule 3."),
    # removed, and the clause after it renumbered and modified
    ("4.6 Support provided outside normal business hours, and assistance with incidents which the "
     "Supplier considers to have been caused by the Client or by matters outside the Supplier's "
     "control, shall be charged on a time-and-materials basis.\n\n", ""),
    ("4.7 All sums due to the Supplier shall be paid promptly by bank transfer",
     "4.6 All sums due to the Supplier shall be paid within thirty (30) days of receipt of a valid invoice by bank transfer"),
    # added: the penalty clause appears
    ("5.4 The Supplier shall ensure that the availability of the Client's systems is adequate for "
     "the Client's normal business operations.\n",
     "5.4 The Supplier shall ensure that the availability of the Client's systems is adequate for "
     "the Client's normal business operations.\n\n"
     "5.5 If the Supplier fails to meet a Service Level, the Supplier shall pay the Client service "
     "credits of five per cent (5%) of the monthly Charges for each failure, as liquidated damages "
     "and not as a penalty.\n"),
    # moved (7.3 becomes 8.3)
    ("7.3 The Supplier may process Client Data at any of its own facilities and/or those of its "
     "group companies and subcontractors.\n\n", ""),
    ("8.2 The Supplier may subcontract any part of the Services without the consent of the Client.\n",
     "8.2 The Supplier may subcontract any part of the Services without the consent of the Client.\n\n"
     "8.3 The Supplier may process Client Data at any of its own facilities and/or those of its "
     "group companies and subcontractors.\n"),
    # cosmetic only: number formatting, case
    ("for two (2) years after the termination", "for 2 years after the termination"),
    ("constitutes the entire agreement between", "constitutes the Entire Agreement between"),
    # value changes with a judgement
    ("in the three (3) months before the event", "in the twelve (12) months before the event"),
    ("giving not less than six (6) months' written notice",
     "giving not less than ninety (90) days' written notice"),
]

WEAK_V3 = [  # the Supplier's reply to the Client's comments
    ("DRAFT FOR DISCUSSION - Client's comments v0.4, not for signature",
     "DRAFT FOR DISCUSSION - Supplier's reply v0.5, not for signature"),
    # the penalty clause is gone again
    ("\n5.5 If the Supplier fails to meet a Service Level, the Supplier shall pay the Client service "
     "credits of five per cent (5%) of the monthly Charges for each failure, as liquidated damages "
     "and not as a penalty.\n", ""),
    # risk introduced again
    ("4.1 The Client shall pay the Charges for the Services at the rates set out in Schedule 3.",
     "4.1 The Client shall pay the Charges for the Services at the Supplier's then-current rates."),
    # payment terms shortened
    ("paid within thirty (30) days of receipt", "paid within fourteen (14) days of receipt"),
]

SOUND_V2 = [  # the Supplier's mark-up of the Client's sound draft
    # availability lowered, in two places
    ("available for at least 99.9% of each Service Period",
     "available for at least 99.5% of each Service Period"),
    ("6.1 If Availability in a Service Period is below 99.9%",
     "6.1 If Availability in a Service Period is below 99.5%"),
    # breach notification later
    ("within twenty-four (24) hours of becoming aware", "within seventy-two (72) hours of becoming aware"),
    # price increase cap raised
    ("no increase shall exceed three per cent (3%) per year",
     "no increase shall exceed five per cent (5%) per year"),
    # payment terms longer (the Client's counter-proposal, accepted)
    ("pay each valid invoice within thirty (30) days of receipt",
     "pay each valid invoice within forty-five (45) days of receipt"),
    # a hidden cost introduced
    ("8.6 The Charges exclude VAT, which the Client shall pay against a valid VAT invoice.",
     "8.6 The Charges exclude VAT, which the Client shall pay against a valid VAT invoice. "
     "Additional fees may apply for work requested outside Service Hours."),
    # cosmetic: thousands separator
    ("or GBP 765,000 if greater", "or GBP 765000 if greater"),
    # a longer notice to terminate for convenience (over the 90-day threshold)
    ("on at least ninety (90) days' written notice, by paying",
     "on at least six (6) months' written notice, by paying"),
]


def move_governing_law(text):
    """Sound v2 moves clause 24 before clause 22 and renumbers 22-23."""
    m = re.search(r"24\. Governing Law and Jurisdiction\n\n24\.1 [^\n]*\n\n", text)
    if not m:
        sys.exit("make-revisions: sound: clause 24 not found")
    block = m.group(0)
    text = text.replace(block, "")
    text = re.sub(r"^23(\.\d*)? ", lambda x: "24" + (x.group(1) or "") + " ", text, flags=re.M)
    text = re.sub(r"^22(\.\d*)? ", lambda x: "23" + (x.group(1) or "") + " ", text, flags=re.M)
    block = block.replace("24. Governing", "22. Governing").replace("24.1 ", "22.1 ")
    return text.replace("23. Dispute Resolution", block + "23. Dispute Resolution", 1)


def to_markdown(text):
    """The plain-text style of the samples as Markdown for pandoc: the title
    a heading, clause and schedule headings '##', line breaks kept."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i == 0 and line:
            out.append("# " + line)
        elif re.match(r"^(\d+\. [A-Z][^.]*|Schedule \d+ - .*)$", line):
            out.append("## " + line)
        else:
            out.append(line)
    return "\n".join(out)


ATTRS = 'author="Kestrel Vale Legal" date="2026-11-30T09:00:00Z"'


def span(text, cls):
    """text as one tracked change, Markdown heading marks kept outside."""
    m = re.match(r"^(#+ )?(.*)$", text, re.S)
    return (m.group(1) or "") + f"[{m.group(2)}]{{.{cls} {ATTRS}}}" if m.group(2) else text


def redline_para(old, new):
    """One paragraph: NEW with the word changes from OLD tracked."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(b[j1:j2]))
            continue
        dele, ins = "".join(a[i1:i2]), "".join(b[j1:j2])
        for part, cls in ((dele, "deletion"), (ins, "insertion")):
            if not part.strip():
                if cls == "insertion":
                    out.append(part)
                continue
            lead = part[: len(part) - len(part.lstrip())]
            trail = part[len(part.rstrip()):]
            out.append(f"{lead}[{part.strip()}]{{.{cls} {ATTRS}}}{trail}")
    return "".join(out)


def redline(old, new):
    """Markdown of NEW with the changes from OLD as tracked changes:
    paragraphs aligned first, then words within a changed paragraph."""
    a, b = old.split("\n\n"), new.split("\n\n")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(b[j1:j2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            out.extend(redline_para(x, y) for x, y in zip(a[i1:i2], b[j1:j2]))
        else:
            out.extend(span(x, "deletion") for x in a[i1:i2])
            out.extend(span(y, "insertion") for y in b[j1:j2])
    return "\n\n".join(out)


def main():
    weak = open(os.path.join(samples, "weak-draft-outsourcing.txt"), encoding="utf-8").read()
    sound = open(os.path.join(samples, "sound-outsourcing-agreement.txt"), encoding="utf-8").read()
    revs = {
        "weak-v1": weak,
        "weak-v2": apply(weak, WEAK_V2, "weak-v2"),
    }
    revs["weak-v3"] = apply(revs["weak-v2"], WEAK_V3, "weak-v3")
    revs["sound-v1"] = sound
    revs["sound-v2"] = move_governing_law(apply(sound, SOUND_V2, "sound-v2"))
    for name, text in revs.items():
        with open(os.path.join(here, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(here, name + ".md"), "w", encoding="utf-8") as f:
            f.write(to_markdown(text))
    with open(os.path.join(here, "weak-v2-tracked.md"), "w", encoding="utf-8") as f:
        f.write(redline(to_markdown(revs["weak-v1"]), to_markdown(revs["weak-v2"])))


main()
