"""The topic registry, and the concerns a message brings up, sentence by sentence.

One record per topic (``bot/data/topics.yml``, checked at load): the intent that
asks for it, the words that bring it up inside a story, the short line said when
it comes up beside another concern and its button. Stories carry several
concerns ("two years since my transplant ... worried about second cancers ...
so why stop?"); the one in a question leads, the others get a line each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Tuple

from pydantic import validator

from bot.datafile import StrictModel, load_model
from bot.sentences import asks, sentences, worries

TOPICS_FILE = Path(__file__).parent / "data" / "topics.yml"
# Topics the tailored first answer already speaks to: not mentioned again
# beside it, and a story asking two of them gets that answer.
TAILORED_COVERS = frozenset({"survival", "new_cancers", "side_effects", "stopping", "remission"})
INTENT_PREFIX = "ask_"
# What this tool covers, and who the trial was in: in a short message, whether or not
# asked about, alone or beside a request for the figures ("i have smouldering myeloma,
# what would it mean for me"), they come first (components/story_intent.py); beside
# urgent help, a line after it (actions/answer_actions.py).
SCOPE_FIRST = ("other_condition", "who_was_studied")
# Said first in a line beside urgent help or support when a story brings them up: what
# this tool covers, and that treatment has stopped working (palliative care, hospice).
# Any other concern of the story gets its line after them ("can't afford to drive to
# all these appointments" beside a leg alarm), but not the side effects, infections or
# warning signs the help itself is about.
BESIDE_HELP_FIRST = (*SCOPE_FIRST, "end_of_life")
NOT_BESIDE_HELP = frozenset({"side_effects", "infection_risk", "warning_signs"})


class TopicsError(ValueError):
    """bot/data/topics.yml is missing or malformed."""


class Topic(StrictModel):
    intent: Optional[str] = None
    cues: List[str] = []
    mention: Optional[str] = None
    # The mention saying back the words that brought the topic up ("You also mentioned
    # darzalex ..."), when they are short enough (``named_in``); ``{named}`` marks them.
    mention_named: Optional[str] = None
    button: Optional[Tuple[str, str]] = None
    for_haematologist: bool = False
    tailored: bool = False
    # Said in passing in a story that does not ask about it ("it put a dent in my
    # travelling plans"), the topic is mentioned beside the story's answer, not given.
    in_passing: bool = False
    # A mention said only where no other concern needs the room (dex, told in so
    # many stories, never crowds out a pregnancy or the cost).
    minor: bool = False
    # The mention goes on with the first sentence of the topic's own answer, its gist
    # (bot.answers.topic_gist): one short line per other concern, as issue 20 asks,
    # kept in one place, the answer itself.
    gist: bool = False

    @validator("cues", each_item=True)
    def _a_regex(cls, cue: str) -> str:
        try:
            re.compile(cue)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {cue!r}: {exc}") from exc
        return cue

    @validator("mention_named")
    def _names_them(cls, line: Optional[str]) -> Optional[str]:
        if line is not None and "{named}" not in line:
            raise ValueError("mention_named must say {named}")
        return line

    @validator("button", always=True)
    def _mention_has_a_button(cls, button: Optional[Tuple[str, str]], values: Dict) -> Optional[
            Tuple[str, str]]:
        if values.get("mention") and not button:
            raise ValueError("a topic with a mention needs a button to hear more")
        return button


class Registry(StrictModel):
    topics: Dict[str, Topic]

    def intent(self, name: str) -> str:
        return self.topics[name].intent or f"{INTENT_PREFIX}{name}"


def load_registry(path: Path = TOPICS_FILE) -> Registry:
    return load_model(path, Registry, "topics", TopicsError)


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_registry()


@lru_cache(maxsize=1)
def _cues() -> List[Tuple[str, Pattern[str]]]:
    return [(name, re.compile("|".join(f"(?:{c})" for c in topic.cues)))
            for name, topic in registry().topics.items() if topic.cues]


@lru_cache(maxsize=1)
def _cue_by_topic() -> Dict[str, Pattern[str]]:
    return dict(_cues())


@dataclass(frozen=True)
class Concern:
    topic: str
    sentence: str
    asked: bool  # brought up in a sentence that asks something or voices a worry
    # asked only as what a question points back at ("a DVT after a long flight ... Does it
    # raise the risk of clots?"): after the question's own topics
    pointed: bool = False


# A question that points back at the sentence before ("is that even possible?").
_POINTS_BACK = re.compile(r"^\W*((so|and|but|ok|okay)\W+)?((is|was|would|will|does|can|could) "
                          r"(that|this|it)\b|"
                          # "we want to try for a baby ... what do we need to know?"
                          r"what (do|should|would|must) (i|we) (need to |have to )?(know|do)\b|"
                          r"any (advice|tips|thoughts)\b|"
                          # "how much does that weaken the results?", "which of us is right?"
                          r"how (much|far|badly) (does|did|would|will) (that|this|it)\b|"
                          r"which (one )?of us is (right|correct)\b)")


_BY_IT = re.compile(r"\bit\b")


NEW_CANCERS, OTHER_CONDITION = "new_cancers", "other_condition"


@lru_cache(maxsize=512)
def concerns(text: str) -> Tuple[Concern, ...]:
    """The topics a message brings up, each once: those asked about first (the
    last question first, as people end a story with it), then the rest in order."""
    found: Dict[str, Concern] = {}
    norm = text.lower().replace("\u2019", "'")
    before: List[str] = []  # the topics of the last sentence before that had any
    for sentence in sentences(norm):
        asked = asks(sentence) or worries(sentence)
        here = [name for name, pattern in _cues() if pattern.search(sentence)]
        if NEW_CANCERS in here and OTHER_CONDITION in here:
            # "my increased risk of skin cancer as well as melanoma": a cancer named
            # beside the risk of new ones is the new cancer feared, not their own
            here.remove(OTHER_CONDITION)
        for name in here:
            if name not in found or asked and not found[name].asked:
                found[name] = Concern(name, sentence, asked)
        points_back = _POINTS_BACK.search(sentence) if asked else None
        if points_back:
            # "we want to try for a baby. is that even possible?": the question asks
            # about the sentence before it ("My paraprotein went from 4 to 7. Does that
            # mean it has stopped working?": the result, as well as what it names)
            for name in before:
                if name not in here:
                    # "does it ...?" with a topic of its own: "it" is likely the drug
                    found[name] = Concern(name, sentence, True, pointed=bool(here) and bool(
                        _BY_IT.search(points_back.group())))
        before = here or before  # "... go to Tenerife. I am 77. Is it alright to go?"
    ordered = list(found.values())
    questions = [c for c in ordered if c.asked]
    last_question = questions[-1].sentence if questions else None
    return tuple(sorted(ordered, key=lambda c: (c.sentence != last_question, not c.asked,
                                                c.pointed)))


# A name longer than this is a phrase ("ixazomib maintenance not lenalidomide"), not a name.
_MAX_NAME_WORDS = 3


def topic_said(topic: str, norm: str) -> bool:
    """Whether lower-cased ``norm`` says one of ``topic``'s words (its cues)."""
    pattern = _cue_by_topic().get(topic)
    return bool(pattern and pattern.search(norm))


def named_in(topic: str, text: str) -> Optional[str]:
    """The words that brought ``topic`` up in ``text`` ("lymphoma", "breast cancer",
    "rituxan"), if short enough to say back."""
    pattern = _cue_by_topic().get(topic)
    norm = text.lower().replace("\u2019", "'")
    found = pattern.search(norm) if pattern else None
    if not found or len(found.group().split()) > _MAX_NAME_WORDS:
        return None
    # as they wrote it ("MGUS", "Darzalex"), where lower-casing kept the length
    return text[found.start():found.end()] if len(norm) == len(text) else found.group()


_A_QUESTION_WORD = re.compile(r"(who|what|which|how|when|why)\b")


def mention_of(topic: str, text: str) -> Optional[str]:
    """The line that mentions ``topic`` beside another answer: with the words that
    brought it up said back when the topic has such a line and they are short."""
    record = registry().topics[topic]
    named = named_in(topic, text) if record.mention_named else None
    if named and _A_QUESTION_WORD.match(named.lower()):
        named = None  # "who took part": a question about it, not a thing to name back
    return record.mention_named.format(named=named) if named and record.mention_named \
        else record.mention


_MYELOMA = re.compile(r"\b(myeloma|mm|lenalidomide|revlimid|len|maintenance)\b")


def about_another_cancer(text: str) -> bool:
    """A message whose first sentence names another cancer or its drug, and not
    myeloma ("CML, 8 years on imatinib now ..."), or that names one and never
    myeloma: the writer's own illness, which this tool does not cover."""
    norm = text.lower().replace("\u2019", "'")
    parts = sentences(norm)
    first = parts[0] if parts else ""

    def theirs(words: str) -> bool:
        # "my increased risk of skin cancer as well as melanoma": a new cancer feared
        return topic_said(OTHER_CONDITION, words) and not _MYELOMA.search(words) \
            and not topic_said(NEW_CANCERS, words)
    return theirs(first) or theirs(norm)


def main_concern(text: str) -> Optional[Concern]:
    found = concerns(text)
    return found[0] if found else None


__all__ = ["TAILORED_COVERS", "Concern", "about_another_cancer", "Registry", "Topic",
           "TopicsError", "concerns",
           "load_registry", "main_concern", "mention_of", "registry", "topic_said"]
