"""Telling a question from a statement, for the profile reader and for safety.

"What about people over 65?" asks about a group; "I'm 70" answers. "What is
the risk of bleeding?" asks for information; "is my fever a side effect?"
says the person has one. Each reader needs the same two tests: is this a
question (an opening word, or a question mark), and does it speak of the
speaker. They differ in which words open a question, where the mark may
stand and which words mean the speaker, so one rule type takes those as
parameters rather than each module keeping its own regex.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Iterable, Pattern, Sequence, Tuple

from bot.profile.loader import words


class Mark(str, Enum):
    """Where a question mark makes a question."""

    ANYWHERE = "anywhere"  # "I'm 70. would a transplant have helped?"
    AT_END = "at_end"  # "? thanks" is not enough for safety


def any_of(phrases: Iterable[str]) -> str:
    """Word-list phrases as regex alternatives (the phrases may be patterns)."""
    return "|".join(phrases)


@dataclass(frozen=True)
class QuestionRule:
    """One reader's idea of a question: the words that open one, where the
    mark counts, and the words or phrases by which the speaker speaks of
    themselves (so that "is my fever a side effect?" is not a general question)."""

    openers: Tuple[str, ...]
    mark: Mark
    speaker: Tuple[str, ...] = ()
    _opening: Pattern[str] = field(init=False, repr=False, compare=False)
    _self: Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # "can't keep anything down" tells: "can" opens a question, "can't" does not.
        object.__setattr__(self, "_opening",
                           re.compile(rf"^(?:{any_of(self.openers)})\b(?!')"))
        speaker = any_of(self.speaker) or r"(?!)"  # no speaker words: never matches
        object.__setattr__(self, "_self", re.compile(rf"\b(?:{speaker})\b"))

    def is_question(self, text: str) -> bool:
        """Opens with a question word, or carries the mark where it counts."""
        return bool(self._opening.match(text)) or self._marked(text)

    def _marked(self, text: str) -> bool:
        if self.mark is Mark.ANYWHERE:
            return "?" in text
        return bool(re.search(r"\?\s*$", text))

    def asks_in_general(self, text: str) -> bool:
        """A question that does not speak of the speaker."""
        return self.is_question(text) and not self._self.search(text)

    def is_question_words(self, tokens: Sequence[str]) -> bool:
        """The same test over parser tokens (lower case): the first token opens
        the question. Not the same as over text: "can't" is "ca" + "n't"."""
        if not tokens:
            return False
        marked = "?" in tokens if self.mark is Mark.ANYWHERE else tokens[-1] == "?"
        return tokens[0] in self.openers or marked

    def asks_in_general_words(self, tokens: Sequence[str]) -> bool:
        """A question over parser tokens with no speaker word as a whole token
        ("'m" of "i'm", "my")."""
        return self.is_question_words(tokens) and not any(t in self.speaker for t in tokens)


@lru_cache(maxsize=1)
def message_question() -> QuestionRule:
    """A whole message asked as a question ("what's ASCT?", "ASCT 2019?")."""
    return QuestionRule(tuple(words().questions.message), Mark.ANYWHERE)


@lru_cache(maxsize=1)
def clause_question() -> QuestionRule:
    """One clause that asks rather than tells ("will it help her?")."""
    q = words().questions
    return QuestionRule(tuple(q.clause), Mark.AT_END, tuple(q.speaker))


@lru_cache(maxsize=1)
def group_question() -> QuestionRule:
    """A question about a group of people, word by word ("and for the under 65s")."""
    q = words().questions
    return QuestionRule(tuple(q.group), Mark.ANYWHERE, tuple(q.speaker_words))


@lru_cache(maxsize=1)
def _question_inside() -> Pattern[str]:
    # Not before a negated modal: "and could not have a transplant" reports.
    return re.compile(rf"\s(?=(?:{any_of(words().questions.inside)})\b(?!\s*(?:not|n't)\b))")


def split_at_questions(clause: str) -> Sequence[str]:
    """A clause cut where a question starts inside it: "has been offered it
    will it help her" -> "has been offered it", "will it help her"."""
    return _question_inside().split(clause)
