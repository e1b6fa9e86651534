"""Intent recognition on messages the model never saw (tests/nlu_holdout.yml).

A regression guard, not a benchmark: it prints the accuracy and the misses,
requires most new wordings to land, and every safety message to land.
"""
from __future__ import annotations

import asyncio

import yaml

from devtools.servers import MODEL, ROOT

MIN_ACCURACY = 0.8
SAFETY = {"red_flag", "crisis"}


def _examples():
    data = yaml.safe_load((ROOT / "tests" / "nlu_holdout.yml").read_text())
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                yield block["intent"], line.strip()[2:]


def test_holdout_examples_are_not_in_the_training_data():
    trained = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            trained |= {line.strip()[2:].lower() for line in block["examples"].splitlines()
                        if line.strip().startswith("- ")}
    assert not [text for _, text in _examples() if text.lower() in trained]


def test_new_wordings_are_understood():
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    results = [(want, text, asyncio.run(agent.parse_message(text))["intent"]["name"])
               for want, text in _examples()]
    misses = [(w, t, got) for w, t, got in results if got != w]
    accuracy = 1 - len(misses) / len(results)
    print(f"\nholdout intent accuracy: {accuracy:.2f} ({len(results)} messages)")
    for miss in misses:
        print("  miss:", miss)
    assert not [m for m in misses if m[0] in SAFETY], "a safety message was missed"
    assert accuracy >= MIN_ACCURACY, misses
