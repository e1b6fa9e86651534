"""The profile reader's word lists, as a checked schema.

The words live in ``bot/data/profile_words.yml`` so that adding "nan" to the
relatives or "middle-aged" to a cue is a data change, reviewed as such. These
models check the file hard, like ``bot/facts.py`` does for the figures: an
unknown key, a missing or empty list, a word in capitals or listed twice, a
number word with the wrong value stops start-up (see loader.py) instead of
quietly misreading patients.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List

from pydantic import BaseModel, ConstrainedStr, Extra, StrictInt, root_validator, validator


class Word(ConstrainedStr):
    """A lower-case word or phrase: the reader lower-cases messages first."""

    strict = True
    min_length = 1
    regex = re.compile(r"^\S(?:.*\S)?$")

    @classmethod
    def validate(cls, value: Any) -> Any:
        value = super().validate(value)
        if value != value.lower():
            raise ValueError(f"'{value}' must be lower case")
        return value


WordList = List[Word]


class Checked(BaseModel):
    """A strict, read-only model: an unknown key is an error, not ignored."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False

    @validator("*", allow_reuse=True)
    def _no_empty_or_repeated_list(cls, value: Any) -> Any:
        if isinstance(value, list) and value and isinstance(value[0], str):
            repeated = sorted({w for w in value if value.count(w) > 1})
            if repeated:
                raise ValueError(f"words listed twice: {', '.join(repeated)}")
        if isinstance(value, list) and not value:
            raise ValueError("must not be empty")
        return value


def _exactly(values: Dict[str, int], wanted: List[int], what: str) -> Dict[str, int]:
    if sorted(values.values()) != wanted:
        raise ValueError(f"{what} must be the words for {wanted[0]} to {wanted[-1]}, "
                         f"each once; got {sorted(values.values())}")
    return values


class Numbers(Checked):
    units: Dict[Word, StrictInt]
    tens: Dict[Word, StrictInt]
    decades: Dict[Word, StrictInt]
    unit_cues: WordList

    @validator("units")
    def _units(cls, v: Dict[str, int]) -> Dict[str, int]:
        return _exactly(v, list(range(20)), "units")

    @validator("tens", "decades")
    def _tens(cls, v: Dict[str, int]) -> Dict[str, int]:
        return _exactly(v, list(range(20, 100, 10)), "tens and decades")


class Spelling(Checked):
    mends: Dict[Word, Word]
    fuzzy: WordList
    keep: WordList


class AgeWords(Checked):
    cues: WordList
    not_units: WordList
    after_duration: WordList
    next_birthday: WordList
    filler: WordList
    refusals: WordList
    polite: WordList


class People(Checked):
    pronouns: WordList
    relatives: WordList
    own_illness: WordList
    groups: WordList
    me: WordList

    @root_validator(skip_on_failure=True)
    def _apart(cls, values: Dict[str, List[str]]) -> Dict[str, List[str]]:
        names = list(values)
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                both = sorted(set(values[first]) & set(values[second]))
                if both:
                    raise ValueError(f"{first} and {second} share {', '.join(both)}")
        return values


class Hypothetical(Checked):
    conditions: WordList
    subjects: WordList
    verbs: WordList


class Negation(Checked):
    words: WordList
    suffixes: WordList
    reach: StrictInt

    @validator("reach")
    def _small(cls, v: int) -> int:
        if not 0 <= v <= 5:
            raise ValueError("reach must be 0 to 5 words")
        return v


class Context(Checked):
    clause_marks: WordList
    clause_words: WordList
    present: WordList
    speaks_now: WordList
    past_before: WordList
    past_within: WordList
    past_after: WordList
    hypothetical: Hypothetical
    negation: Negation

    @validator("clause_marks")
    def _marks(cls, v: List[str]) -> List[str]:
        bad = [m for m in v if len(m) != 1 or m.isalnum()]
        if bad:
            raise ValueError(f"clause marks are single punctuation marks, not {bad}")
        return v


class Questions(Checked):
    message: WordList
    clause: WordList
    inside: WordList
    group: WordList
    speaker: WordList
    speaker_words: WordList


class CarerCues(Checked):
    """Words that tell a carer asking for someone from a speaker talking to the bot."""

    to_the_bot: WordList  # before "you": "thank you", "can you", "do you think"
    you_then: WordList  # after "you": "do you think"
    your_then: WordList  # after "your": "in your view"
    tell: WordList  # before "me": "tell me" is no "me" in the story
    on_behalf_verbs: WordList  # "for him", "help her", "want him on len"
    their_people: WordList  # "his team", "her consultant"
    like_them: WordList  # after a group word: "people his age", "men like him" mean the one
    kin: WordList  # peers ("groups") unless asked for: "my brother ... for people like him"


class Corrections(Checked):
    """How people put right what they said (one list for age, context and transplant)."""

    words: WordList
    meaning: WordList
    openings: WordList


class Words(Checked):
    numbers: Numbers
    spelling: Spelling
    age: AgeWords
    months: List[WordList]
    people: People
    carer_cues: CarerCues
    context: Context
    questions: Questions
    corrections: Corrections

    @validator("months")
    def _twelve(cls, v: List[List[str]]) -> List[List[str]]:
        if len(v) != 12:
            raise ValueError(f"months must list 12 months, January first; got {len(v)}")
        return v

    def lists(self) -> Dict[str, List[str]]:
        """The word lists a Matcher pattern may name as "<name>"."""
        return {
            "age_cues": list(self.age.cues),
            "cared_for": [*self.people.pronouns, *self.people.relatives],
            "relatives": list(self.people.relatives),
            "kin": list(self.carer_cues.kin),
            "months": [name for names in self.months for name in names],
        }
