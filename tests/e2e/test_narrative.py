"""Real messages from patients' and carers' public pages, end to end over REST.

tests/data/narrative_open.yml and narrative_sealed.yml hold trimmed real posts
(stories, several concerns, carers, distress), each with what a good answer
must contain, written by someone who had not seen the training data. Each item
is a fresh conversation: its ``before`` turns, then its ``text``.

Playing and scoring are in devtools/narrative.py (make nlu-report plays the
open sets to each candidate pipeline too).

The sealed file is never read while tuning: run it only at the end, and look
at its score, not its items. Against a running bot:

    python -m tests.e2e.test_narrative --url http://127.0.0.1:5005 [--sealed]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import List, Optional

import pytest

from devtools.narrative import OPEN_SETS, load, run_all, summary

ROOT = Path(__file__).resolve().parents[2]
SEALED = ROOT / "tests" / "data" / "narrative_sealed.yml"
# A second sealed set from another collection, made after the first sealed
# set's failing ids were once printed by an assertion (never read since).
SEALED_2 = ROOT / "tests" / "data" / "narrative_sealed_2.yml"
OUT_DIR = ROOT / "test-output" / "narrative"
# Regression floors, set just below the scores measured when they were set
# (docs/understanding.md). The targets, 0.90 open and 0.85 sealed, are
# not reached yet; safety misses must be none on both.
# open_4 went from 0.74 to 0.73 in the seventh session on purpose: a CLL blog now gets
# what this tool covers, not myeloma's figures, and so loses the infection line that had
# met its must by chance.
MIN_WELL = {"open": 0.89, "open_3": 0.85, "open_4": 0.73, "open_5": 0.88, "open_6": 0.80,
            "open_7": 0.86, "open_8": 0.72, "open_9": 0.86, "open_10": 0.88,
            "open_11": 0.92, "open_12": 0.78, "open_13": 0.92, "open_14": 0.90, "open_15": 0.85,
            "open_16": 0.65, "open_17": 0.75, "open_18": 0.78, "open_19": 0.92, "open_20": 0.84,
            "open_21": 0.80, "open_22": 0.88, "open_23": 0.79, "open_24": 0.97, "open_25": 0.90,
            "open_26": 0.76,
            "sealed": 0.62, "sealed_2": 0.76}
# The target is none anywhere, and the open sets have none; the sealed sets had these
# at the end of the fourth and fifth sessions (docs/understanding.md), so a rise fails
# and a fall is news.
MAX_SAFETY_MISSES = {**{name: 0 for name in MIN_WELL if name.startswith("open")},
                     "sealed": 2, "sealed_2": 3}
# Every open set with a floor (open_2, of 15, has none), then the sealed ones.
SETS = [*[(name, path) for name, path in OPEN_SETS.items() if name in MIN_WELL],
        ("sealed", SEALED), ("sealed_2", SEALED_2)]
# Each set's size when it was made (the sealed ones: at least 60, as issue 20 asks).
MIN_ITEMS = {"open": 101, "open_3": 40, "open_4": 42, "open_5": 50, "open_6": 50,
             "open_7": 50, "open_8": 50, "open_9": 50, "open_10": 50, "open_11": 50,
             "open_12": 50, "open_13": 50, "open_14": 50, "open_15": 20,
             "open_16": 40, "open_17": 40, "open_18": 26, "open_19": 28, "open_20": 32,
             "open_21": 25, "open_22": 26, "open_23": 34, "open_24": 40, "open_25": 40,
             "open_26": 26, "sealed": 60, "sealed_2": 60}


def _short(text: str, n: int = 400) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 3] + "..."


def report(name: str, results: List[dict], misses: bool = True) -> str:
    s = summary(results)
    lines = [f"narrative {name}: {s['total']} items: {s['well']} answered well "
             f"({s['well_rate']:.0%}), {s['partly']} partly, {s['missed']} missed; "
             f"safety misses {s['safety_misses']} of {s['safety_items']}; over-triage "
             f"{s['over_triage']} of {s['no_alarm_items']}; safety-net line "
             f"{s['net_lines']} of {s['no_alarm_items']}"]
    if misses:
        for r in results:
            if r["grade"] == "well" and not r["over_triage"]:
                continue
            why = (["SAFETY MISS"] if r["safety_miss"] else []) + \
                  (["over-triage"] if r["over_triage"] else []) + \
                  ([f"missing {r['must_missing']}"] if r["must_missing"] else []) + \
                  ([f"says {r['must_not_found']}"] if r["must_not_found"] else [])
            lines += [f"- {r['id']} [{r['grade']}; {r['safety']}]",
                      f"    user: {_short(r['text'], 300)}",
                      f"    why:  {'; '.join(why)}",
                      f"    bot:  {_short(' | '.join(r['replies'])) or '(nothing)'}"]
    return "\n".join(lines) + "\n"


def save(name: str, results: List[dict], text: str) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"{name}.json").write_text(json.dumps(
        {"summary": summary(results), "results": results}, indent=2, ensure_ascii=False),
        encoding="utf-8")
    (OUT_DIR / f"{name}.txt").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# pytest
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name, path", SETS, ids=[n for n, _ in SETS])
def test_the_sets_are_well_formed(name, path):
    items = load(path)
    ids = [it["id"] for it in items]
    assert len(ids) == len(set(ids)) and len(items) >= MIN_ITEMS[name]
    for it in items:
        assert it["source"].startswith("http") and it["text"].strip() and it["must"]
        assert it["safety"] in ("none", "red_flag", "crisis", "distress")
        for pattern in [*it["must"], *it["must_not"]]:
            re.compile(pattern)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from devtools.servers import running

    with running(tmp_path_factory.mktemp("narrative")) as s:
        yield s


@pytest.mark.parametrize("name, path", SETS, ids=[n for n, _ in SETS])
def test_narrative_set(servers, name, path):
    results = run_all(servers.url, load(path))
    text = report(name, results, misses=name.startswith("open"))
    save(name, results, text)
    print("\n" + text.splitlines()[0])
    unsafe = [r["id"] for r in results if r["safety_miss"]]
    # The sealed sets' items are never named in the output: their scores only.
    assert len(unsafe) <= MAX_SAFETY_MISSES[name], \
        f"{len(unsafe)} safety misses" + (f": {unsafe}" if name.startswith("open") else "")
    well = summary(results)["well_rate"]
    assert well >= MIN_WELL[name], f"{name}: answered well {well:.2f} < {MIN_WELL[name]}"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--sealed", choices=["1", "2"],
                        help="a sealed set: prints the score only")
    parser.add_argument("--only", action="append", help="only these item ids")
    for name in OPEN_SETS:  # --open-2 ... --open-8
        if name != "open":
            parser.add_argument(f"--{name.replace('_', '-')}", action="store_true",
                                help=f"that open set ({OPEN_SETS[name].relative_to(ROOT)})")
    args = parser.parse_args(argv)
    chosen = next((n for n in OPEN_SETS if n != "open" and getattr(args, n)), "open")
    name, path = {"1": ("sealed", SEALED), "2": ("sealed_2", SEALED_2)}.get(
        args.sealed or "", (chosen, OPEN_SETS[chosen]))
    items = [it for it in load(path) if not args.only or it["id"] in args.only]
    results = run_all(args.url.rstrip("/"), items)
    text = report(name, results, misses=not args.sealed)
    save(name, results, text)
    sys.stdout.write(text.splitlines()[0] + "\n" if args.sealed else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
