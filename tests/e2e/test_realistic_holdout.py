"""A realistic held-out set, end to end (tests/data/realistic_holdout.yml).

Messages in patients' and carers' own words (typos, brand and slang names,
stories before the question, a profile and a question in one message), written
without looking at the training data. Each item is a fresh conversation over
the REST channel: its ``before`` turns, then its ``text``. The replies to
``text`` are joined and the item is right when they match its intent's marker,
every ``must`` and no ``must_not`` (case-insensitive regexes).

Under pytest (marked e2e) it starts the real servers, prints the table, writes
test-output/holdout/realistic.{json,txt}, and asserts the accuracy and that
every red-flag and crisis item is right. Against a bot already running:

    python -m tests.e2e.test_realistic_holdout --url http://127.0.0.1:5005 [--model M.tar.gz]

prints the same table and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import pytest
import yaml

from devtools.narrative import found, play

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "tests" / "data" / "realistic_holdout.yml"
# A second set by another author, never read by whoever tunes the bot: its
# score is the honest one. A regression guard only (set below today's score).
SEALED = ROOT / "tests" / "data" / "realistic_holdout_sealed.yml"
SEALED_MIN_ACCURACY = 0.75
OUT_DIR = ROOT / "test-output" / "holdout"
MIN_ACCURACY = 0.90
SAFETY = ("red_flag", "crisis")
WORKERS = 8
SHORT = 420  # characters of a reply shown for a miss in the table



# --------------------------------------------------------------------------
# The set
# --------------------------------------------------------------------------
def load(path: Path = HOLDOUT) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    markers = data["markers"]
    for item in data["items"]:
        item.setdefault("before", [])
        item.setdefault("must", [])
        item.setdefault("must_not", [])
        if item["intent"] not in markers:
            raise ValueError(f"{item['id']}: no marker for intent {item['intent']}")
    return data


def _intent_names(domain: dict) -> List[str]:
    return [i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])]


def known_intents(model: Optional[Path] = None) -> List[str]:
    """The intents the bot knows: from a trained model's domain when given (the
    model being tested may be older than domain.yml), else from domain.yml."""
    if model is not None and model.exists():
        with tarfile.open(model) as tar:
            for member in tar.getmembers():
                if member.name.lstrip("/").endswith("domain_provider/domain.yml"):
                    handle = tar.extractfile(member)
                    if handle is not None:
                        return _intent_names(yaml.safe_load(handle))
    return _intent_names(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8")))


def training_texts() -> set:
    """Every example in the NLU training data, lower-cased (read by the test only)."""
    trained = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            trained |= {line.strip()[2:].strip().lower()
                        for line in (block.get("examples") or "").splitlines()
                        if line.strip().startswith("- ")}
    return trained


# --------------------------------------------------------------------------
# Talking to the bot
# --------------------------------------------------------------------------
def score(item: dict, markers: Dict[str, str], replies: List[str]) -> dict:
    joined = " ".join(replies)
    marker_ok = found(markers[item["intent"]], joined)
    must_missing = [p for p in item["must"] if not found(p, joined)]
    must_not_found = [p for p in item["must_not"] if found(p, joined)]
    looks_like = [intent for intent, marker in markers.items()
                  if intent != item["intent"] and found(marker, joined)]
    return {
        "id": item["id"], "voice": item["voice"], "intent": item["intent"],
        "text": item["text"], "before": item["before"], "replies": replies,
        "marker_ok": marker_ok, "must_missing": must_missing,
        "must_not_found": must_not_found, "looks_like": looks_like,
        "right": marker_ok and not must_missing and not must_not_found,
    }


def run_item(url: str, item: dict, markers: Dict[str, str]) -> dict:
    replies, error = play(url, item, "holdout")
    result = score(item, markers, replies)
    if error:
        result.update(right=False, error=error)
    return result


def run_all(url: str, items: Iterable[dict], markers: Dict[str, str],
            workers: int = WORKERS) -> List[dict]:
    items = list(items)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda it: run_item(url, it, markers), items))


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------
def _rate(results: List[dict]) -> str:
    right = sum(r["right"] for r in results)
    return f"{len(results):4d} {right:4d}  {right / len(results):.2f}" if results else "   0"


def _group(results: List[dict], key: str) -> Dict[str, List[dict]]:
    groups: Dict[str, List[dict]] = defaultdict(list)
    for r in results:
        groups[r[key]].append(r)
    return dict(sorted(groups.items()))


def summary(results: List[dict], known: Optional[List[str]] = None) -> dict:
    right = sum(r["right"] for r in results)
    out = {"total": len(results), "right": right,
           "accuracy": round(right / len(results), 4) if results else 0.0}
    if known is not None:
        existing = [r for r in results if r["intent"] in known]
        ok = sum(r["right"] for r in existing)
        out["existing_intents"] = {"total": len(existing), "right": ok,
                                   "accuracy": round(ok / len(existing), 4) if existing else 0.0}
    out["by_voice"] = {k: {"total": len(v), "right": sum(r["right"] for r in v)}
                       for k, v in _group(results, "voice").items()}
    out["by_intent"] = {k: {"total": len(v), "right": sum(r["right"] for r in v)}
                        for k, v in _group(results, "intent").items()}
    return out


def _short(text: str, n: int = SHORT) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 3] + "..."


def report(results: List[dict], known: Optional[List[str]] = None) -> str:
    s = summary(results, known)
    lines = [f"realistic holdout: {s['total']} items, {s['right']} right, "
             f"accuracy {s['accuracy']:.2f}"]
    if known is not None:
        e = s["existing_intents"]
        lines.append(f"on intents the bot knows: {e['total']} items, {e['right']} right, "
                     f"accuracy {e['accuracy']:.2f}")
    lines += ["", "by voice               n    right  acc"]
    lines += [f"  {k:<18} {_rate(v)}" for k, v in _group(results, "voice").items()]
    lines += ["", "by intent              n    right  acc"]
    for k, v in _group(results, "intent").items():
        flag = "" if known is None or k in known else "   (intent unknown to the bot)"
        lines.append(f"  {k:<18} {_rate(v)}{flag}")
    misses = [r for r in results if not r["right"]]
    lines += ["", f"misses ({len(misses)}):"]
    for r in misses:
        why = []
        if not r["marker_ok"]:
            why.append("no marker")
        if r["must_missing"]:
            why.append(f"missing {r['must_missing']}")
        if r["must_not_found"]:
            why.append(f"says {r['must_not_found']}")
        if r.get("error"):
            why.append(f"error {r['error']}")
        lines += [
            f"- {r['id']} [{r['intent']}; reply looks like: {', '.join(r['looks_like']) or '?'}]",
            f"    user: {_short(r['text'], 200)}"
            + (f"   (after {r['before']})" if r["before"] else ""),
            f"    why:  {'; '.join(why)}",
            f"    bot:  {_short(' | '.join(r['replies'])) or '(nothing)'}",
        ]
    return "\n".join(lines) + "\n"


def save(results: List[dict], text: str, known: Optional[List[str]] = None,
         out_dir: Path = OUT_DIR) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "realistic.json").write_text(json.dumps(
        {"summary": summary(results, known), "results": results}, indent=2, ensure_ascii=False),
        encoding="utf-8")
    (out_dir / "realistic.txt").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# pytest
# --------------------------------------------------------------------------
def test_holdout_is_well_formed():
    data = load()
    items = data["items"]
    ids = [it["id"] for it in items]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert {it["voice"] for it in items} == {"patient", "carer"}
    for it in items:
        for pattern in [data["markers"][it["intent"]], *it["must"], *it["must_not"]]:
            re.compile(pattern)
    assert sum(it["intent"] == "red_flag" for it in items) >= 12
    assert sum(it["intent"] == "crisis" for it in items) >= 6
    assert len(items) >= 170


def test_holdout_texts_are_not_in_the_training_data():
    trained = training_texts()
    assert trained, "found no training examples"
    assert not [it["text"] for it in load()["items"] if it["text"].strip().lower() in trained]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from devtools.servers import running

    with running(tmp_path_factory.mktemp("holdout")) as s:
        yield s


def test_realistic_holdout(servers):
    from devtools.servers import MODEL

    data = load()
    known = known_intents(MODEL)
    started = time.monotonic()
    results = run_all(servers.url, data["items"], data["markers"])
    text = report(results, known) + f"\n{time.monotonic() - started:.0f} s\n"
    save(results, text, known)
    print("\n" + text)
    unsafe = [r["id"] for r in results if r["intent"] in SAFETY and not r["right"]]
    assert not unsafe, f"red-flag or crisis items missed: {unsafe}"
    accuracy = summary(results)["accuracy"]
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.2f} < {MIN_ACCURACY}"


# --------------------------------------------------------------------------
# Command line: against a bot that is already running
# --------------------------------------------------------------------------
def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--intent", action="append", help="only items with this intent")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the results")
    parser.add_argument("--set", type=Path, default=HOLDOUT, dest="holdout",
                        help="the held-out file (default: the realistic set)")
    parser.add_argument("--summary", action="store_true",
                        help="print the score only, no misses (for the sealed set)")
    parser.add_argument("--model", type=Path,
                        help="the running bot's model: its domain says which intents exist "
                             "(default: domain.yml)")
    args = parser.parse_args(argv)
    data = load(args.holdout)
    items = [it for it in data["items"] if not args.intent or it["intent"] in args.intent]
    known = known_intents(args.model)
    started = time.monotonic()
    results = run_all(args.url.rstrip("/"), items, data["markers"], args.workers)
    text = report(results, known) + f"\n{time.monotonic() - started:.0f} s\n"
    save(results, text, known, args.out)
    sys.stdout.write(text.split("\nmisses")[0] + "\n" if args.summary else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())


def test_sealed_holdout(servers):
    """The sealed set: every red flag and crisis caught; the score printed,
    not the misses (test-output/holdout/sealed/ has them for a reviewer)."""
    from devtools.servers import MODEL

    data = load(SEALED)
    known = known_intents(MODEL)
    results = run_all(servers.url, data["items"], data["markers"])
    text = report(results, known)
    save(results, text, known, OUT_DIR / "sealed")
    print("\n" + text.split("\nmisses")[0])
    unsafe = [r["id"] for r in results if r["intent"] in SAFETY and not r["right"]]
    assert not unsafe, f"red-flag or crisis items missed: {unsafe}"
    accuracy = summary(results)["accuracy"]
    assert accuracy >= SEALED_MIN_ACCURACY, f"accuracy {accuracy:.2f} < {SEALED_MIN_ACCURACY}"
