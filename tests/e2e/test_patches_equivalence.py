"""Our patches to Rasa change how fast it answers, never what it says.

The canonical conversations (tests/e2e/test_conversations.py's personas) are
played against real servers with every patch on (the default) and with none
(``RASA_PATCHES=none``: Rasa 3.6.21 as shipped, TensorFlow and all); each
reply, with its buttons and pictures, must be the same, turn by turn
(docs/rasa-patches.md; each patch's own test checks it against Rasa's code).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from devtools.servers import Servers, running
from tests.e2e.test_conversations import PERSONAS, Persona

OUT = Path(__file__).resolve().parents[2] / "test-output" / "patches"


def _transcript(servers: Servers, persona: Persona, sender: str) -> List[Dict]:
    """Each turn and the replies to it, without the sender id they carry."""
    turns = []
    for text in persona.turns:
        replies = [{k: v for k, v in r.items() if k != "recipient_id"}
                   for r in servers.say(sender, text)]
        turns.append({"user": text, "bot": replies})
    return turns


@pytest.fixture(scope="module")
def patched(tmp_path_factory) -> Iterator[Servers]:
    with running(tmp_path_factory.mktemp("patched"),
                 extra_env={"RASA_PATCHES": "all"}) as s:
        yield s


@pytest.fixture(scope="module")
def unpatched(tmp_path_factory) -> Iterator[Servers]:
    with running(tmp_path_factory.mktemp("unpatched"),
                 extra_env={"RASA_PATCHES": "none"}) as s:
        yield s


def test_the_canonical_conversations_are_identical_with_and_without_the_patches(
        patched, unpatched):
    OUT.mkdir(parents=True, exist_ok=True)
    differ = []
    for persona in PERSONAS:
        with_patches = _transcript(patched, persona, f"all-{persona.name}")
        without = _transcript(unpatched, persona, f"none-{persona.name}")
        for name, transcript in (("all", with_patches), ("none", without)):
            (OUT / f"{persona.name}.{name}.json").write_text(
                json.dumps(transcript, indent=1, ensure_ascii=False), encoding="utf-8")
        if with_patches != without:
            differ.append(persona.name)
    assert len(PERSONAS) >= 10
    assert not differ, f"patched and unpatched replies differ for {differ} ({OUT})"
