"""Symptoms asked as questions: answer the question and give the safety line.

"Can lenalidomide make your ankles swell up?" is a question about a side
effect, and also a moment to say what needs help now. The words, the facts
that answer each symptom and its safety line live in ``bot/data/symptoms.yml``
(checked at load). The urgent-help answer (bot.safety) still comes first when
a message reports a red flag; this answer follows it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Pattern

from pydantic import BaseModel, Extra, validator
from bot.datafile import load_model

from bot.facts import facts
from bot.lines import Line, finding_line, join, say
from bot.safety import without_denials
from bot.sentences import sentences

SYMPTOMS_FILE = Path(__file__).parent / "data" / "symptoms.yml"


class SymptomsError(ValueError):
    pass


class Symptom(BaseModel):
    id: str
    words: str
    lead: str
    findings: List[str] = []  # none: the facts file says nothing about it, and the lead says so
    safety: str
    urgent: bool = False  # the safety line comes first
    not_if: Optional[str] = None  # words that show the message is about something else

    class Config:
        extra = Extra.forbid

    @validator("words", "not_if")
    def _a_regex(cls, words: Optional[str]) -> Optional[str]:
        try:
            re.compile(words or "")
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from exc
        return words

    @validator("findings")
    def _known_findings(cls, findings: List[str]) -> List[str]:
        known = {f.id for f in facts().findings}
        unknown = [f for f in findings if f not in known]
        if unknown:
            raise ValueError(f"unknown findings: {unknown}")
        return findings

    @property
    def pattern(self) -> Pattern[str]:
        return re.compile(self.words)


class Symptoms(BaseModel):
    symptoms: List[Symptom]

    class Config:
        extra = Extra.forbid


def load_symptoms(path: Path = SYMPTOMS_FILE) -> Symptoms:
    """Read and check the symptoms file, failing with one clear message."""
    return load_model(path, Symptoms, "symptoms", SymptomsError)


@lru_cache(maxsize=1)
def symptoms() -> Symptoms:
    return load_symptoms()


def symptom_in(text: str) -> Optional[Symptom]:
    """The first symptom (in file order: the most serious first) a message names,
    not counting the signs it denies ("no fever, no swelling, just tired")."""
    norm = " ".join(without_denials(s) for s in sentences(text.lower().replace("\u2019", "'")))
    return next((s for s in symptoms().symptoms if s.pattern.search(norm)
                 and not (s.not_if and re.search(s.not_if, norm))), None)


# "Is this from the medicine?" after telling a sign: whether the sign is the drug's.
_FROM_THE_DRUG = re.compile(
    r"\b(is|could|can|might|would) (this|that|it|these) (be )?(from|because of|caused by|due to|"
    r"down to|a side effect of) (the |his |her |my )?(medicine|medication|tablets?|capsules?|"
    r"pills?|drug|lenalidomide|revlimid|len|maintenance)\b")


def asks_if_the_drug_caused_it(text: str) -> bool:
    """Whether a message asks if what it tells of comes from the drug: after
    urgent help for a sign the bot has no facts on, that question is for the
    team, not an answer about another topic the classifier guessed."""
    return bool(_FROM_THE_DRUG.search(text.lower().replace("\u2019", "'")))


def safety_line(symptom_id: str) -> Line:
    """What to do about one symptom ("infection": the fever rule), as its answer says it."""
    return say(next(s for s in symptoms().symptoms if s.id == symptom_id).safety)


def facts_part(symptom: Symptom) -> Line:
    """What the facts say about it (alone after urgent help, which already said
    what to do)."""
    return join(symptom.lead, *[finding_line(facts().finding(f)) for f in symptom.findings])


def symptom_answer(symptom: Symptom) -> List[Line]:
    """What the facts say about it and what to do: two short messages, what to
    do first when the symptom can be serious."""
    facts_line, safety_line = facts_part(symptom), say(symptom.safety)
    return [safety_line, facts_line] if symptom.urgent else [facts_line, safety_line]


__all__ = ["Symptom", "SymptomsError", "facts_part", "load_symptoms", "safety_line",
           "symptom_answer", "symptom_in", "symptoms"]
