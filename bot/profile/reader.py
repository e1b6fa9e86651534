"""The profile reader: age group, transplant history and whom a carer asks for.

Each message is normalised once and parsed once (``Parsed``); the age and
transplant rules and the carer check all read that one parse. The reader
owns "today" (for "born in 1961"), injected so tests and replays do not
depend on the clock. What the bot has just asked comes in as ``Asked``: the
core knows nothing of Rasa's slot names (see actions/profile_actions.py).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional, Tuple

from bot.profile import age as age_rules
from bot.profile import transplant as transplant_rules
from bot.profile.context import INTRODUCES_SOMEONE, Context
from bot.profile.model import (DECLINED, SOMEONE, AgeGroup, AgeReading, Asked, ProfileReading,
                               Transplant)
from bot.profile.parsed import Parsed


# An age or history the speaker states ("I'm 68"), not "rather not say" or "not sure".
_STATED_AGES = (AgeGroup.UNDER_65, AgeGroup.AGE_65_OR_OVER)
# "hubby 68 me 61, i have the myeloma not him": the writer is the patient, whoever
# else's age is given.
_SPEAKER_HAS_IT = re.compile(
    r"\b(?:i have|i've got|ive got|i have got|i'm the one with|im the one with|"
    r"it's me (?:who|that) has|its me (?:who|that) has)(?: got)? (?:the |my )?"
    r"(?:myeloma|cancer)\b(?! (?:too|as well))|"
    # "I'm 66 and had the transplant, my wife is 64": the transplant is the writer's
    r"\b(?:i|i've|i have|i'm \d+ and|i am \d+ and|im \d+ and) (?:had|have had|'ve had) "
    r"(?:the|my|a) (?:stem cell )?transplant\b")


# "sorry, i got confused, he didnt have one": the "i" is the writer putting it right;
# the profile is his.
_WRITERS_CORRECTION = re.compile(
    r"^\W*(?:(?:oh|ah|oops|whoops|sorry|my mistake|my bad|no)\W+)*(?:i\W+(?:got|was|am|'m|get)"
    r"\s+(?:a bit |so |all )?(?:confused|muddled|mixed up)|i\s+(?:meant|mean)|"
    r"i\s+got\s+(?:that|it)\s+wrong)?\W*")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|myself|mine)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|he's|she's|hes|shes|him|her|his)\b")


# "... I always get that the wrong way round": the writer's muddle, said after the fact.
_WRITERS_MUDDLE = re.compile(
    r"\bi (?:always |keep |often |sometimes )?(?:get|got|mix|mixed|muddle|muddled|swap|swapped)"
    r" (?:that|it|them|those|these|the (?:numbers|ages|digits))(?: up| round| around| the wrong "
    r"way(?: round| around)?| wrong| mixed up)*\b|"
    # "no wait he DID have one in 2021, I got mixed up with his brother"
    r"\bi (?:got|get|was|am|'m) (?:a bit |all |so )?(?:mixed up|muddled|confused)"
    r"(?: with (?:his|her|my|the) \w+)?")


# A profile told in the third person: "had his transplant", "she's 69 and couldn't have a
# transplant", "he's 65, had his transplant"; and the writer's own ("i'm 61", "my transplant").
_THIRD_PERSON_PROFILE = re.compile(
    r"\b(?:his|her) (?:stem cell )?(?:transplant|sct|auto)\b|"
    r"\b(?:he|she)(?:'s| is| was| has| had)? (?:[\w']+ ){0,3}(?:transplant|sct)\b|"
    r"\b(?:he|she)(?:'s| is) (?:only |now |just )?\d\d\b")
_WRITERS_OWN_PROFILE = re.compile(
    r"\b(?:i'm|im|i am) (?:only |now |just )?\d\d\b|\bmy (?:stem cell )?(?:transplant|sct)\b|"
    r"\b(?:i|i've|ive) (?:had|have had|couldn't have|could not have|can't have) (?:a |the |my )?"
    r"(?:stem cell )?(?:transplant|sct)\b")
_FIRST_PERSON_ILLNESS = re.compile(r"\bmy (?:myeloma|cancer|diagnosis|treatment|maintenance)\b|"
                                   r"\bi (?:was|got) diagnosed\b|\bi have myeloma\b")


def _corrects_for_someone(norm: str) -> bool:
    """A correction whose only "I" is the writer's own muddle, about "he" or "she"."""
    if not transplant_rules.CORRECTION_CUE.search(norm):
        return False
    rest = _WRITERS_MUDDLE.sub(" ", _WRITERS_CORRECTION.sub("", norm, count=1))
    return bool(_THIRD_PERSON.search(rest)) and not _FIRST_PERSON.search(rest)



class ProfileReader:
    """Reads messages as of ``today`` (by default the day of each reading)."""

    def __init__(self, today: Optional[dt.date] = None) -> None:
        self._today = today

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def read_profile(self, text: str, asked: Optional[Asked] = None,
                     caring: bool = False) -> ProfileReading:
        """Both readings from one message. A correction ("actually I did have
        one") answers the transplant question again, as if it had just been asked.
        ``caring``: the conversation is already about the person a carer looks
        after, so "she had a transplant in March" is theirs, whatever was asked."""
        p = Parsed(text)
        today = self.today
        correcting = transplant_rules.corrects_transplant(p.norm)
        both = asked is Asked.AGE and transplant_rules.answers_both(p.norm)
        transplant = self._transplant(p, asked is Asked.TRANSPLANT or correcting or both,
                                      today, caring)[0]
        # "my husband is 69" as a message of its own tells the age of the one cared for
        age = self._age(p, asked is Asked.AGE, today,
                        caring or p.context.tells_of_a_relative_alone())
        if transplant is not None and asked is not Asked.AGE and age is not None \
                and age.group is AgeGroup.NOT_GIVEN and age.years is None:
            age = None  # "rather not say" answers the question that was asked, not both
        about = self._someone_else(p) if (age or transplant) else None
        if age is not None:
            age, about = self._whose_age(p, today, age, about)
        if about is None and (age or transplant):
            about = self._whose_story(p)
        stated = (age is not None and age.group in _STATED_AGES) or \
            (transplant is not None and transplant is not Transplant.NOT_SURE)
        own = about is None and stated and p.context.speaks_of_self() and \
            not _corrects_for_someone(p.norm)
        return ProfileReading(age=age, transplant=transplant, about=about, own=own)

    @staticmethod
    def _whose_story(p: Parsed) -> Optional[str]:
        """"My father is 63 and had his transplant in June ... I've promised to get them
        for him": the profile told in the third person, in a story whose "I" is only the
        carer writing (no age, transplant or myeloma of the writer's own), is theirs:
        the relative named, or SOMEONE for "Alan ... He's 65, had his transplant"."""
        if _SPEAKER_HAS_IT.search(p.norm) or _WRITERS_OWN_PROFILE.search(p.norm) \
                or not _THIRD_PERSON_PROFILE.search(p.norm):
            return None
        return p.context.story_about() or (
            SOMEONE if not _FIRST_PERSON_ILLNESS.search(p.norm) else None)

    @staticmethod
    def _whose_age(p: Parsed, today: dt.date, age: AgeReading, about: Optional[str]
                   ) -> Tuple[Optional[AgeReading], Optional[str]]:
        """Two ages in one message ("im 40, its my dad who has myeloma, hes 75"):
        the patient's is the one that counts. The writer's own, when they say
        the myeloma is theirs; else the relative's, when the message is about
        one relative (whom it then is about)."""
        mine = age_rules.age_readings(p, today, others=False, expecting=False)
        if _SPEAKER_HAS_IT.search(p.norm):
            return (age_rules.clearest(mine) if mine else None), None
        everyone = age_rules.age_readings(p, today, others=True, expecting=False)
        theirs = [r for r in everyone if r not in mine]
        relative = about or p.context.story_about()
        if mine and theirs and relative:
            return age_rules.clearest(theirs), relative
        if theirs and not mine and relative and about is None:
            # "My father is 82 ... I want to understand, at his age will it help?": the
            # only age is the relative's, so the profile is theirs, whatever "I" says
            return age_rules.clearest(theirs), relative
        return age, about

    def read_age(self, text: str, *, expecting: bool = False) -> Optional[AgeReading]:
        """The age reading alone; ``expecting``: the bot has just asked for the age."""
        return self._age(Parsed(text), expecting, self.today)

    def read_transplant(self, text: str, *, expecting: bool = False) -> Optional[Transplant]:
        """The transplant reading alone; ``expecting``: the bot has just asked."""
        return self._transplant(Parsed(text), expecting, self.today)[0]

    def someone_else(self, text: str) -> Optional[str]:
        """Who a carer's message is about ("wife", "dad", or SOMEONE), or None
        when the speaker writes about themselves or about several people."""
        return self._someone_else(Parsed(text))

    @staticmethod
    def _age(p: Parsed, expecting: bool, today: dt.date,
             caring: bool = False) -> Optional[AgeReading]:
        return age_rules.read_age(
            p, today, expecting=expecting,
            transplant_too=lambda: caring or transplant_rules.mentions_transplant(p.norm))

    def _transplant(self, p: Parsed, expecting: bool, today: dt.date, caring: bool = False
                    ) -> Tuple[Optional[Transplant], str]:
        return transplant_rules.explain(
            p, expecting=expecting,
            someone_has_age=lambda: caring or bool(
                age_rules.age_readings(p, today, others=True, expecting=False)),
            declined=lambda: self._age(p, True, today) == DECLINED)

    @staticmethod
    def _someone_else(p: Parsed) -> Optional[str]:
        # "I'm asking for my dad": that "I" only introduces him.
        return Context(p.tokens_without(INTRODUCES_SOMEONE)).carer_for()


def read_profile(text: str, asked: Optional[Asked] = None,
                 today: Optional[dt.date] = None, caring: bool = False) -> ProfileReading:
    """Age, transplant and whom a carer asks for, from one message."""
    return ProfileReader(today).read_profile(text, asked, caring)


def read_age(text: str, *, expecting: bool = False,
             today: Optional[dt.date] = None) -> Optional[AgeReading]:
    """Read an age group from a message, or None if it says nothing about age.

    The most reliable clear reading wins; a problem (impossible, ambiguous) is
    reported only when nothing clearer was said. With ``expecting`` (the bot
    has just asked for the age) a bare "no thanks" or "skip" declines, and a
    carer's "he is 70" answers for the patient.
    """
    return ProfileReader(today).read_age(text, expecting=expecting)


def read_transplant(text: str, *, expecting: bool = False,
                    today: Optional[dt.date] = None) -> Optional[Transplant]:
    """Read the patient's transplant history from a message, or None if it says nothing.

    Without ``expecting`` (the bot did not just ask) the message must mention
    a transplant; with it, "yes", "no", "too old for one" are enough.
    """
    return ProfileReader(today).read_transplant(text, expecting=expecting)


@lru_cache(maxsize=256)
def story_about(text: str) -> Optional[str]:
    """Whom a carer's story is about though it states no profile ("My mum ...
    she"), or None."""
    return Context(Parsed(text).tokens).story_about()


def someone_else(text: str) -> Optional[str]:
    """Who a carer's message is about ("wife", "dad", or "them"), or None."""
    return ProfileReader().someone_else(text)


def named_and_asked_for(text: str) -> Optional[str]:
    """The relative a carer names and asks for with no profile yet ("im asking for my
    husband he has myeloma, the doctors are talking about maintenance"), or None (a
    "he" or "she" alone is not enough to name them)."""
    if not _ASKS_FOR_SOMEONE.search(text.lower()):
        return None  # read on every message (components.profile_intent): parse only if named
    asked_for = someone_else(text)
    return asked_for if asked_for not in (None, SOMEONE) else None


# "asking for my husband", "for our mum", "on behalf of my dad".
_ASKS_FOR_SOMEONE = re.compile(r"\bfor (my|our)\b|\bon behalf of\b")
