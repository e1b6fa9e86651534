"""What the profile reader can say about a patient, as plain types.

Kept apart from the rules (and from spaCy) so that the actions, the answers
and the tests can speak of a reading without loading a parser.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Optional, Tuple


class AgeGroup(str, Enum):
    UNDER_65 = "under_65"
    AGE_65_OR_OVER = "65_or_over"
    NOT_GIVEN = "not_given"


class Transplant(str, Enum):
    HAD = "had"
    COULD_NOT = "could_not"
    CHOSE_NOT = "chose_not"
    NOT_HAD = "not_had"  # has not had one, and did not say why (after one follow-up)
    NOT_SURE = "not_sure"
    PLANNED = "planned"


# Transplant answers that settle which trial group's survival figures fit
# (docs/evidence.md: survival is chosen by transplant history, and age does not overrule it).
DECISIVE = frozenset({Transplant.HAD, Transplant.PLANNED, Transplant.COULD_NOT,
                      Transplant.CHOSE_NOT})


class Asked(str, Enum):
    """The profile question the bot has just asked: it lets a bare "yes",
    "58" or "skip" answer it. The core knows nothing of the slots behind it."""

    AGE = "age"
    TRANSPLANT = "transplant"


class TransplantProblem(str, Enum):
    NO_REASON = "no_reason"  # "no": could not, chose not to, or not yet? Ask once.


def settle_transplant(reading: Transplant, asked_why: bool
                      ) -> Tuple[Optional[Transplant], Optional[TransplantProblem]]:
    """The slot value and problem for a reading. A "no" with no reason gets one
    follow-up question; a second one is kept as "has not had one"."""
    if reading is Transplant.NOT_HAD and not asked_why:
        return None, TransplantProblem.NO_REASON
    return reading, None


class AgeProblem(str, Enum):
    IMPOSSIBLE = "impossible"  # not a plausible adult age (e.g. 7, 150)
    AMBIGUOUS = "ambiguous"  # a range that straddles the cut-off (e.g. "in my sixties")


@dataclass(frozen=True)
class AgeReading:
    """What a message says about age: a group, or a problem to ask about."""

    group: Optional[AgeGroup] = None
    years: Optional[int] = None
    problem: Optional[AgeProblem] = None


DECLINED = AgeReading(group=AgeGroup.NOT_GIVEN)  # "I'd rather not say"
SOMEONE = "them"  # a carer's person named only by "he" or "she"


@dataclass(frozen=True)
class ProfileReading:
    """Both readings from one message; None where the message says nothing."""

    age: Optional[AgeReading]
    transplant: Optional[Transplant]
    # Set when a carer describes the person they ask for: "wife", "dad", ...,
    # or "them" when only "he"/"she" names them.
    about: Optional[str] = None
    # The speaker gave their own profile ("I'm 68 and had an SCT"): after a
    # carer's messages, answers speak to the speaker again.
    own: bool = False
