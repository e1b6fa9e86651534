"""Reading a patient's age group and transplant history from their own words.

The package in reading order: ``model`` (what a reading can say); ``words``,
``patterns`` and ``loader`` (the word lists and Matcher patterns, checked data
in bot/data/profile_*.yml); ``normalise``; ``context`` (someone else, the
past, supposing, negation); ``questions`` (shared with bot/safety.py);
``parsed`` (one parse per message); ``age``; ``transplant`` (an ordered table
of named rules); and ``reader``, which puts them together. Callers use the
names below.

The reader (and spaCy, which takes seconds to import) loads on first use, so
that modules that only need the model's names, such as the printable
summary in the web server, start quickly.
"""
import importlib
from typing import TYPE_CHECKING, Any

from bot.profile.model import (
    DECISIVE,
    SOMEONE,
    AgeGroup,
    AgeProblem,
    AgeReading,
    Asked,
    ProfileReading,
    Transplant,
    TransplantProblem,
    settle_transplant,
)
from bot.profile.normalise import normalise

if TYPE_CHECKING:
    from bot.profile.reader import (
        ProfileReader,
        named_and_asked_for,
        read_age,
        read_profile,
        read_transplant,
        someone_else,
        story_about,
    )

_LAZY = frozenset({"ProfileReader", "read_age", "read_profile", "read_transplant",
                   "someone_else", "story_about", "named_and_asked_for"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module("bot.profile.reader"), name)
    raise AttributeError(f"module 'bot.profile' has no attribute {name!r}")

__all__ = [
    "DECISIVE", "SOMEONE", "AgeGroup", "AgeProblem", "AgeReading", "Asked", "ProfileReader",
    "ProfileReading", "Transplant", "TransplantProblem", "normalise", "read_age",
    "read_profile", "read_transplant", "settle_transplant", "someone_else",
    "story_about", "named_and_asked_for",
]
