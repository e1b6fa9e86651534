"""Our context rules against medspaCy's ConText, on the same red-flag words.

Issue 20 asks for one context mechanism (negated, hypothetical, historical,
someone else) and to adopt medspaCy's ConText if it measures better than ours.
medspaCy 1.3 needs spaCy 3.7; Rasa 3.6.21 pins spaCy below 3.5, so ConText runs
in a side environment. Two steps:

    .venv/bin/python -m devtools.compare_context export results/context/cases.json
    python3 -m venv /tmp/mv && /tmp/mv/bin/pip install medspacy
    /tmp/mv/bin/python -m devtools.compare_context run results/context/cases.json

``export`` (the project's environment) finds every red-flag word our rules
know in each labelled message (safety examples, the held-out 170, the new real
posts, the story tests) and records whether our rules, with their context
exceptions, raise the alarm. ``run`` (medspaCy's environment) marks the same
words as entities, runs ConText with its default rules, and counts an alarm
when one of them is neither negated nor hypothetical (nor historical, in the
second variant); a carer's report of someone else's sign still counts.
"""
from __future__ import annotations

import collections
import json
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (("examples", "bot/data/safety_examples.yml"),
           ("held_out170", "tests/data/safety_stories_held_out.yml"),
           ("real_posts_2", "tests/data/safety_real_posts_2.yml"))
# The story tests' red flags and non-alarms (tests/unit/bot/test_safety_stories.py).
STORY_CASES = "tests/data/safety_story_cases.yml"


def export(out: Path) -> None:
    import yaml

    from bot import safety

    cases: List[Tuple[str, str, bool]] = []
    for name, path in SOURCES:
        for item in yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))["items"]:
            if item["expect"] in ("red_flag", "none"):
                cases.append((name, item["text"], item["expect"] == "red_flag"))
    stories = yaml.safe_load((ROOT / STORY_CASES).read_text(encoding="utf-8"))
    cases += [("tests", case["text"], True) for case in stories["red_flags"]]
    cases += [("tests", t, False) for t in stories["not_alarms"]]
    rows: List[Dict[str, Any]] = []
    for source, text, alarm in cases:
        norm = safety._normalise(text)
        spans = [[m.start(), m.end(), kind] for kind, pattern in safety._RED_FLAG_RULES.items()
                 for m in pattern.finditer(norm)]
        if spans:
            ours = any(f.alarm is safety.Alarm.RED_FLAG and f.kind != safety.LEARNED
                       for f in safety.findings(text))
            rows.append({"source": source, "text": norm, "alarm": alarm, "spans": spans,
                         "ours": ours})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows), encoding="utf-8")
    print(f"{len(rows)} messages with a red-flag word -> {out}")


def run(path: Path) -> None:
    import medspacy  # a side environment (see the docstring)

    nlp = medspacy.load(enable=["medspacy_pyrush", "medspacy_context"])
    context = nlp.get_pipe("medspacy_context")
    rows = json.loads(path.read_text(encoding="utf-8"))
    counts: collections.Counter = collections.Counter()
    start = time.perf_counter()
    for row in rows:
        doc = nlp.make_doc(row["text"])
        for name, step in nlp.pipeline:
            if name != "medspacy_context":
                doc = step(doc)
        ents: List[Any] = []
        for s, e, kind in row["spans"]:
            span = doc.char_span(s, e, label=kind, alignment_mode="expand")
            if span is not None and not any(span.start < x.end and x.start < span.end
                                            for x in ents):
                ents.append(span)
        doc.ents = ents
        doc = context(doc)
        verdicts = {
            "ours": row["ours"],
            "context": any(not (x._.is_negated or x._.is_hypothetical) for x in doc.ents),
            "context+historical": any(not (x._.is_negated or x._.is_hypothetical
                                           or x._.is_historical) for x in doc.ents)}
        for name, said in verdicts.items():
            outcome = ("found" if said else "missed") if row["alarm"] else \
                ("false" if said else "quiet")
            for source in ("all", row["source"]):
                counts[name, source, outcome] += 1
    per_case = (time.perf_counter() - start) / max(len(rows), 1) * 1000
    for name in ("ours", "context", "context+historical"):
        for source in ("all", *[s for s, _ in SOURCES], "tests"):
            c = {k: counts[name, source, k] for k in ("found", "missed", "false", "quiet")}
            print(f"{name:19s} {source:13s} red flags kept {c['found']}/{c['found'] + c['missed']}"
                  f", non-alarms kept quiet {c['quiet']}/{c['quiet'] + c['false']}")
    print(f"ConText: {per_case:.2f} ms a message")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("export", "run"):
        sys.exit(__doc__)
    (export if sys.argv[1] == "export" else run)(Path(sys.argv[2]))
