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

from bot.facts import number_key
from channels.contract import NO_REPLY
from devtools.message_catalogue import sayable_numbers
from devtools.servers import Servers, running

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "test-output" / "transcripts"

# What every first tailored answer carries: the remission gain, survival for
# their group, the main harms in the same format with every other harm named,
# and no decision made for them.
TAILORED_COMMON = ["39 months", "20 months", "or died", "alive 3 years later",
                   "About 5 in 100", "3 in 100", "15 in 100",
                   "Low blood counts and infections", "blood clots", "harm to unborn babies",
                   "regular blood tests and visits", "I can't decide for you",
                   "(from the study's summary, not the paper)"]
NEVER = ["pull different ways", "You are in both groups"]
TX, NO_TX = ["88 in 100", "80 in 100"], ["68 in 100"]


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
    ], TAILORED_COMMON + TX + ["transplant group's figures fit you"],
        NO_TX + NEVER + ["did not help over-65s"],
        [(0, "automated tool"), (0, "December 2018"), (0, "no maintenance, with regular"),
         (2, "stem cell transplant?")]),
    # Asked "will it help me live longer?" with the profile: the direct answer
    # first, then the survival figures with the harms (issue 20); how long it
    # kept the myeloma away is a button away.
    Persona("65plus_transplant", [
        "Hi, I'm 67 and had my auto SCT in 2023. Consultant has offered me Revlimid. "
        "Will it help me live longer??",
    ], [t for t in TAILORED_COMMON if t not in ("39 months", "20 months", "or died")]
        + TX + ["Yes, in the trial. People who had a transplant lived longer on it.",
                "Most in that group were younger", "likely because most could not have"],
        NO_TX + NEVER, [(0, "Please note: I am an automated tool")]),
    Persona("under65_no_transplant", [
        "my doctors said I'm not fit for a transplant. what does the trial mean for me",
        "forty-nine",
    ], TAILORED_COMMON + NO_TX + ["could not have one fit you",
                                  "Most in that group were older"],
        TX + NEVER),
    Persona("65plus_no_transplant", [
        "what does this mean for me",
        "I was born in 1948",
        "too old for one",
    ], TAILORED_COMMON + NO_TX, TX + NEVER + ["were older"]),
    Persona("chose_not", [
        "my husband is 61. he was offered a stem cell transplant but decided against it. "
        "what would the maintenance tablets do for him?",
    ], TAILORED_COMMON + TX + NO_TX + ["Your husband is under 65 and chose not to have a "
                                       "transplant", "no such group"],
        NEVER + ["You are"]),
    Persona("carer_wife_revlimid", [
        "My wife is 74, had her transplant in 2022 and has been offered Revlimid - will it "
        "help her?",
    ], TAILORED_COMMON + TX + ["Your wife is 65 or over and has had a transplant",
                               "figures fit her"], NO_TX + NEVER + ["You are"]),
    Persona("bare_no_gets_one_follow_up", [
        "what does it mean for me",
        "I'm 55",
        "no",
        "I chose not to",
    ], TAILORED_COMMON + TX + NO_TX + ["no such group"], NEVER,
        [(2, "Which fits best?")]),
    Persona("two_bare_noes", [
        "what does it mean for me",
        "72",
        "nope",
        "no",
    ], TAILORED_COMMON + TX + NO_TX + ["have not had a transplant",
                                       "Most over-65s were in the no-transplant"],
        NEVER, [(2, "Which fits best?")]),
    Persona("stem_cells_being_collected", [
        "I'm 52 and I'm having my stem cells collected next week, what would len do for me?",
    ], TAILORED_COMMON + TX + ["fit you once you have had it"], NO_TX + NEVER),
    Persona("not_given_not_sure", [
        "hello",
        "is it worth it for someone like me",
        "I'd rather not say",
        "not sure",
    ], TAILORED_COMMON + TX + NO_TX + ["both trial groups"],
        NEVER + ["Most under-65s", "Most over-65s"]),
    Persona("impossible_age_then_fixed", [
        "what does it mean for me",
        "7",
        "sorry I meant 70",
        "they said I was too frail for one",
    ], TAILORED_COMMON + NO_TX, TX, [(1, "can't use that as an adult's age")]),
    Persona("ambiguous_then_button", [
        "what does it mean for me",
        "in my sixties",
        "I am under 65",
        "I had a transplant",
    ], TAILORED_COMMON + TX, NO_TX, [(1, "which side of 65")]),
    Persona("correction_updates_answer", [
        "I'm 60 and had a bone marow tranplant, what does it mean for me?",
        "actually I'm 66",
    ], TAILORED_COMMON + TX, NO_TX + NEVER,
        [(0, "You are under 65 and have had a transplant"),
         (1, "You are 65 or over and have had"), (1, "Most in that group were younger")]),
    Persona("transplant_correction", [
        "I'm 70 and couldn't have a transplant, what would len do for me?",
        "actually I did have one, sorry, in 2021",
    ], TAILORED_COMMON + TX + NO_TX, NEVER,
        [(0, "could not have one fit you"), (1, "You are 65 or over and have had a transplant"),
         (1, "88 in 100")]),
    Persona("quick_replies", [
        "I'm 70 and had a stem cell transplant",
        "Tell me more about the harms",
        "How sure is this evidence?",
        "What questions should I ask my haematologist?",
        "Show me the numbers as pictures",
        "who made you? is a drug company paying for this?",
    ], TX + ["blood clots", "pregnancy prevention programme", "no fixed end date",
             "responded to their first treatment", "transplant group's results fit someone like me",
             "Each picture shows 100 people",
             "No drug company paid for it", "6 December 2026"], NO_TX + NEVER,
        [(1, "blood clots"), (2, "open trial"), (3, "How long would I take it"),
         (4, "Each picture"), (5, "last checked")]),
    Persona("safety_interrupts_form", [
        "what does it mean for me",
        "my left calf is swollen and really painful",
        "what is myeloma",
    ], ["24-hour", "999", "bone marrow"], TX + NO_TX,
        [(1, "can be a blood clot"), (1, "24-hour advice line now")]),
    Persona("crisis", ["I don't want to live anymore"], ["Samaritans", "116 123", "988"],
            TX, [(0, "automated tool")]),
    Persona("general_questions", [
        "how many people were in the study?",
        "was it blinded",
        "does lenalidomide cause other cancers",
        "how many people had to stop taking it",
        "what does median mean",
        "should I take it?",
        "what dose should I take",
        "can you look at my blood test results",
        "be honest with me, how long have i got left?",
        "who won the football last night",
        "where was the study published",
    ], ["1,971", "1,137", "834", "open trial", "About 5 in 100", "15 in 100", "middle value",
        "can't tell you whether to take", "can't give advice about doses", "can't read",
        "can't say how long",
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
    allowed = sayable_numbers()
    for number in re.findall(r"\d[\d,]*(?:\.\d+)?", everything):
        assert number_key(number.rstrip(",")) in allowed, f"{number} is not in the facts module"
    for user, bot in transcript:
        assert bot.strip(), f"{persona.name}: silence after {user!r}"


@pytest.mark.parametrize("first", ["I'm 70 and I've had a fever of 39 since last night",
                                   "I want to end it all"])
def test_safety_comes_first_in_the_reply(servers, first):
    replies = servers.say(f"safety-first-{len(first)}", first)
    if "fever" in first:
        assert "24-hour advice line now" in replies[0]["text"] and "999" in replies[1]["text"]
    else:
        assert "You matter" in replies[0]["text"] and "Samaritans" in replies[1]["text"]
        assert "24-hour" in _texts(replies)
    assert "automated tool" in replies[-1]["text"]


@pytest.mark.parametrize("odd", ["", "   ", "a" * 5000, "😀😀😀", "你好吗", "/restart",
                                 "qwerty uiop", "'; DROP TABLE trackers; --", "²", "/inform"])
def test_bad_input_gets_a_clear_answer(servers, odd):
    sender = f"odd-{abs(hash(odd))}"
    servers.say(sender, "what does it mean for me")
    replies = servers.say(sender, odd)
    assert _texts(replies).strip(), f"silence after {odd!r}"


@pytest.mark.parametrize("turns", [
    ["hello", "what does it mean for me", "68", "yes I had one"],
    ["I'm 45 and had a transplant in 2022, is lenalidomide worth it?"],
    ["what does it mean for me", "I'm 77", "no", "I could not have one"],
])
def test_first_answer_is_short_with_quick_replies_and_one_notice(servers, turns):
    sender = f"short-{abs(hash(tuple(turns)))}"
    replies = [servers.say(sender, turn) for turn in turns]
    answer = [r for r in replies[-1] if r.get("text") and not r["text"].startswith("Please note")]
    words = sum(len(r["text"].split()) for r in answer)
    assert len(answer) <= 4 and words <= 180, (len(answer), words)
    assert [b["title"] for b in answer[-1]["buttons"]] == [
        "More about harms", "How sure is this evidence?", "Questions to ask my haematologist",
        "Show me as pictures", "Help me think it through"]
    said = " ".join(r.get("text") or "" for turn in replies for r in turn)
    assert said.count("I am an automated tool") == 1, said
    more = _texts(servers.say(sender, "how sure is this evidence?"))
    assert "I am an automated tool" not in more


def test_an_unclear_message_is_never_a_dead_end(servers):
    sender = "unclear-patient"
    servers.say(sender, "hello")
    replies = servers.say(sender, "qwerty uiop asdf")
    (asked,) = [r for r in replies if r.get("buttons")]
    titles = [b["title"] for b in asked["buttons"]]
    assert "Did you mean" in asked["text"] and titles[-1] == "Something else"
    assert 3 <= len(titles) <= 4
    chosen = next(b for b in asked["buttons"] if b["title"] == "Something else")
    assert "I can tell you what the Myeloma XI trial found" in _texts(
        servers.say(sender, chosen["payload"]))


def test_conversation_survives_a_restart(servers):
    sender = "restart-patient"
    servers.say(sender, "I'm 72 and had a stem cell transplant")
    servers.stop_rasa()
    servers.start_rasa()
    after = _texts(servers.say(sender, "what does this mean for me?"))
    assert "You are 65 or over and have had a transplant" in after
    assert "Are you under" not in after


def test_urgent_help_still_reaches_the_person_if_the_action_server_is_down(tmp_path):
    alone = Servers(tmp_path)  # a Rasa server with no action server behind it
    try:
        alone.start_rasa()
        replies = alone.say("no-actions", "I'm on lenalidomide and have a fever of 39")
        # The channel reads the message for safety itself: the specific help
        # first, then the apology.
        assert "24-hour advice line now" in replies[0]["text"] and "38 C" in replies[0]["text"]
        assert "999" in _texts(replies) and NO_REPLY == replies[-1]["text"]
    finally:
        alone.stop()


def test_the_rasa_server_answers_without_loading_tensorflow(servers):
    """rasa_patches/without_tensorflow.py: our model needs none of it (400 MB, 2 s)."""
    replies = _texts(servers.say("no-tf", "my dad is 74, no transplant, what does len do"))
    assert "68 in 100" in replies
    assert servers.rasa is not None
    assert "libtensorflow" not in Path(f"/proc/{servers.rasa.pid}/maps").read_text()
