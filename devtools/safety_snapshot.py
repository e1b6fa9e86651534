"""Write the NLU examples the safety backstop learns from into its own file.

The backstop (bot/safety_model.py) learns "none" from every intent's examples
and alarms from the safety intents'. Read straight from data/nlu, any new NLU
example retrained it and could flip a held-out sentence near its threshold;
so it reads a copy, bot/data/safety_intent_examples.yml, refreshed only on
purpose with this command and then measured (docs/understanding.md, "The
learned backstop"):

    .venv/bin/python -m devtools.safety_snapshot
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import yaml

from bot import safety_model

NLU = safety_model.ROOT / "data" / "nlu"
HEADER = """\
# The NLU examples the learned safety backstop (bot/safety_model.py) learns from:
# each as [label, text], the safety intents' own label (red_flag, crisis,
# distress) and "none" for every other intent, in data/nlu's file order.
# A copy, so that NLU changes do not move the backstop; refreshed on purpose
# with `python -m devtools.safety_snapshot`, then measured.
"""


def from_nlu(folder: Path = NLU) -> List[Tuple[str, str]]:
    """(label, lower-cased text) for every NLU example, in file order."""
    rows: List[Tuple[str, str]] = []
    for path in sorted(folder.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" not in block:
                continue
            label = block["intent"] if block["intent"] in safety_model.ALARMS else safety_model.NONE
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    rows.append((label, line.strip()[2:].strip().lower()))
    return rows


def write(rows: List[Tuple[str, str]], path: Path = safety_model.INTENT_EXAMPLES) -> None:
    body = yaml.safe_dump({"examples": [list(row) for row in rows]}, allow_unicode=True,
                          default_flow_style=None, width=1000, sort_keys=False)
    path.write_text(HEADER + body, encoding="utf-8")


if __name__ == "__main__":
    rows = from_nlu()
    write(rows)
    where = safety_model.INTENT_EXAMPLES.relative_to(safety_model.ROOT)
    print(f"{len(rows)} examples written to {where}")
