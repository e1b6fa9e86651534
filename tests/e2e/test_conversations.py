"""Whole conversations in patients' own words against the real servers.

Each persona's exchange is checked for the figures that must appear and the
ones that must not (another group's numbers would mislead), and every number
the bot sends is checked against the facts module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Tuple

import pytest

from bot.facts import facts, number_key
from tests.e2e.servers import Servers, running

pytestmark = pytest.mark.e2e
TRANSCRIPTS = Path(__file__).resolve().parents[2] / "test-output" / "transcripts"

TAILORED_COMMON = ["39 months", "20 months", "About 5 in 100", "3 in 100", "15 in 100",
                   "79 in 100", "76 in 100", "open trial", "quality of life",
                   "can't tell you whether to take it"]


@dataclass
class Persona:
    name: str
    turns: List[str]
    must: List[str]
    must_not: List[str] = field(default_factory=list)
    # (turn index, phrase) that must be in the reply to that very turn
    at_turn: List[Tuple[int, str]] = field(default_factory=list)


PERSONAS = [
    Persona("under65_transplant", [
        "hi there",
        "what would lenalidomide maintenance mean for someone like me?",
        "I'm 58",
        "yes, I had my stem cells harvested and given back last spring",
    ], TAILORED_COMMON + ["88 in 100", "80 in 100", "under 65 lived longer"],
        ["68 in 100", "pull different ways", "did not help people 65"],
        [(0, "automated tool"), (0, "December 2018"), (2, "stem cell transplant?")]),
    Persona("65plus_transplant", [
        "I'm sixty seven and had an autologous transplant in 2023. will it help me live longer?",
    ], TAILORED_COMMON + ["88 in 100", "80 in 100", "did not help people 65 or over",
                          "pull different ways"],
        ["68 in 100", "under 65 lived longer"], [(0, "Please note: I am an automated tool")]),
    Persona("under65_no_transplant", [
        "my doctors said I'm not fit for a transplant. what does the trial mean for me",
        "forty-nine",
    ], TAILORED_COMMON + ["68 in 100", "did not raise", "under 65 lived longer",
                          "pull different ways"],
        ["88 in 100", "80 in 100"]),
    Persona("65plus_no_transplant", [
        "what does this mean for me",
        "I was born in 1948",
        "too old for one",
    ], TAILORED_COMMON + ["68 in 100", "did not help people 65 or over"],
        ["88 in 100", "pull different ways"]),
    Persona("not_given_not_sure", [
        "hello",
        "is it worth it for someone like me",
        "I'd rather not say",
        "not sure",
    ], TAILORED_COMMON + ["88 in 100", "68 in 100", "Here are both groups",
                          "under 65 lived longer", "did not help people 65 or over"],
        ["pull different ways"]),
    Persona("planned_late_sixties", [
        "in my late sixties and my transplant is planned for next month, what are my chances",
    ], TAILORED_COMMON + ["88 in 100", "only once you have had it", "pull different ways"],
        ["68 in 100"]),
    Persona("impossible_age_then_fixed", [
        "what does it mean for me",
        "7",
        "sorry I meant 70",
        "never had one",
    ], TAILORED_COMMON + ["68 in 100", "did not help people 65 or over"],
        ["88 in 100"], [(1, "can't use that as an adult's age")]),
    Persona("ambiguous_then_button", [
        "what does it mean for me",
        "in my sixties",
        "I am under 65",
        "I had a transplant",
    ], TAILORED_COMMON + ["88 in 100", "under 65 lived longer"],
        ["68 in 100"], [(1, "which side you are on")]),
    Persona("correction_updates_answer", [
        "I'm 60 and had a bone marow tranplant, what does it mean for me?",
        "actually I'm 66",
    ], TAILORED_COMMON + ["88 in 100", "pull different ways"], ["68 in 100"],
        [(0, "under 65 lived longer"), (1, "You told me you are 65 or over")]),
    Persona("safety_interrupts_form", [
        "what does it mean for me",
        "my left calf is swollen and really painful",
        "what is myeloma",
    ], ["24-hour", "999", "bone marrow"], ["88 in 100", "68 in 100"],
        [(1, "Please get help now"), (1, "24-hour")]),
    Persona("crisis", ["I don't want to live anymore"], ["Samaritans", "116 123", "988"],
            ["88 in 100"], [(0, "automated tool")]),
    Persona("general_questions", [
        "how many people were in the study?",
        "was it blinded",
        "does lenalidomide cause other cancers",
        "how many people had to stop taking it",
        "what does median mean",
        "should I take it?",
        "what dose should I take",
        "can you look at my blood test results",
        "who won the football last night",
        "where was the study published",
    ], ["1,971", "1,137", "834", "open trial", "About 5 in 100", "15 in 100", "middle value",
        "can't tell you whether to take", "can't give advice about doses", "can't read",
        "one trial", "The Lancet Oncology"],
        ["mg", "10 mg", "88 in 100"]),
]


def _texts(replies: List[dict]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def _talk(servers: Servers, persona: Persona) -> List[Tuple[str, str]]:
    transcript = []
    for turn in persona.turns:
        transcript.append((turn, _texts(servers.say(persona.name, turn))))
    return transcript


def _save(name: str, transcript: List[Tuple[str, str]]) -> None:
    TRANSCRIPTS.mkdir(parents=True, exist_ok=True)
    lines = [f"USER: {u}\nBOT:  {b}\n" for u, b in transcript]
    (TRANSCRIPTS / f"{name}.txt").write_text("\n".join(lines))


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Servers:
    with running(tmp_path_factory.mktemp("e2e")) as s:
        print(f"start-up seconds: {s.startup_seconds}")
        yield s


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_persona_conversation(servers, persona):
    transcript = _talk(servers, persona)
    _save(persona.name, transcript)
    everything = " ".join(b for _, b in transcript)
    for phrase in persona.must:
        assert phrase in everything, f"{persona.name}: missing {phrase!r}"
    for phrase in persona.must_not:
        assert not re.search(rf"(?<![\d,]){re.escape(phrase)}\b", everything), \
            f"{persona.name}: must not say {phrase!r}"
    for index, phrase in persona.at_turn:
        assert phrase in transcript[index][1], f"{persona.name} turn {index}: no {phrase!r}"
    allowed = facts().sayable_numbers()
    for number in re.findall(r"\d[\d,]*(?:\.\d+)?", everything):
        assert number_key(number.rstrip(",")) in allowed, f"{number} is not in the facts module"
    for user, bot in transcript:
        assert bot.strip(), f"{persona.name}: silence after {user!r}"


@pytest.mark.parametrize("first", ["I'm 70 and I've had a fever of 39 since last night",
                                   "I want to end it all"])
def test_safety_comes_first_in_the_reply(servers, first):
    replies = servers.say(f"safety-first-{len(first)}", first)
    assert "Please get help now" in replies[0]["text"]
    assert "24-hour" in _texts(replies) and "Samaritans" in _texts(replies)
    assert "automated tool" in replies[-1]["text"]


@pytest.mark.parametrize("odd", ["", "   ", "a" * 5000, "😀😀😀", "你好吗", "/restart",
                                 "qwerty uiop", "'; DROP TABLE trackers; --", "²", "/inform"])
def test_bad_input_gets_a_clear_answer(servers, odd):
    sender = f"odd-{abs(hash(odd))}"
    servers.say(sender, "what does it mean for me")
    replies = servers.say(sender, odd)
    assert _texts(replies).strip(), f"silence after {odd!r}"


def test_conversation_survives_a_restart(servers):
    sender = "restart-patient"
    servers.say(sender, "I'm 72 and had a stem cell transplant")
    servers.stop_rasa()
    servers.start_rasa()
    after = _texts(servers.say(sender, "what does this mean for me?"))
    assert "You told me you are 65 or over and you have had a stem cell transplant" in after
    assert "Are you under" not in after


def test_urgent_help_still_reaches_the_person_if_the_action_server_is_down(tmp_path):
    alone = Servers(tmp_path)  # a Rasa server with no action server behind it
    try:
        alone.start_rasa()
        replies = alone.say("no-actions", "I'm on lenalidomide and have a fever of 39")
        assert "Please get help now" in _texts(replies)
        assert "emergency number" in _texts(replies)
    finally:
        alone.stop()
