"""Reading a patient's age group and transplant history from their own words.

The package in reading order: ``model`` (what a reading can say); ``words``,
``patterns`` and ``loader`` (the word lists and Matcher patterns, checked data
in bot/data/profile_*.yml); ``normalise``; ``context`` (someone else, the
past, supposing, negation); ``questions`` (shared with bot/safety.py);
``parsed`` (one parse per message); ``age``; ``transplant`` (an ordered table
of named rules); and ``reader``, which puts them together. Callers use the
names below.
"""
from bot.profile.model import (
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
from bot.profile.reader import (
    ProfileReader,
    read_age,
    read_profile,
    read_transplant,
    someone_else,
)

__all__ = [
    "SOMEONE", "AgeGroup", "AgeProblem", "AgeReading", "Asked", "ProfileReader",
    "ProfileReading", "Transplant", "TransplantProblem", "normalise", "read_age",
    "read_profile", "read_transplant", "settle_transplant", "someone_else",
]
