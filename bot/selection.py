"""Which findings apply to a patient, given what we know about them.

The paper reports survival by transplant pathway, not by age (see
docs/evidence.md, "Age and transplant"). So transplant history alone picks
the survival figures, and age never overrules it. Age only adds a note: when
age and transplant look unusual together, which figures fit and why; when
transplant history is unknown, which trial group people of that age mostly
belonged to. Unknowns widen the selection: both pathways are shown.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Dict, List, Optional

from bot.facts import Finding, Population, facts
from bot.profile import AgeGroup, Transplant


class Pathway(str, Enum):
    """Which of the trial's transplant pathways a person's figures come from."""

    TRANSPLANT = "transplant"
    NO_TRANSPLANT = "no_transplant"
    BOTH = "both"


class Note(str, Enum):
    """Something the answer must say about who the figures fit."""

    OLDER_WITH_TRANSPLANT = "older_with_transplant"  # 65+, had one: still the transplant figures
    YOUNGER_WITHOUT = "younger_without"  # under 65, could not: still the no-transplant figures
    MOSTLY_TRANSPLANT = "mostly_transplant"  # unknown history: where under-65s mostly were
    MOSTLY_NO_TRANSPLANT = "mostly_no_transplant"  # unknown history: where 65+ mostly were


_PATHWAYS: Dict[Optional[Transplant], Pathway] = {
    Transplant.HAD: Pathway.TRANSPLANT,
    Transplant.PLANNED: Pathway.TRANSPLANT,
    Transplant.COULD_NOT: Pathway.NO_TRANSPLANT,
}
_POPULATIONS = {
    Pathway.TRANSPLANT: [Population.TRANSPLANT],
    Pathway.NO_TRANSPLANT: [Population.NO_TRANSPLANT],
    Pathway.BOTH: [Population.TRANSPLANT, Population.NO_TRANSPLANT],
}


@dataclass(frozen=True)
class Selection:
    """The findings for one profile, grouped the way the answer uses them."""

    pathway: Pathway
    survival: List[Finding]  # survival figures for this person's pathway(s)
    main_harms: List[Finding]  # harms that go with any benefit
    notes: List[Note]

    @property
    def ids(self) -> List[str]:
        return [f.id for f in self.survival + self.main_harms]


def pathway_for(transplant: Optional[Transplant]) -> Pathway:
    return _PATHWAYS.get(transplant, Pathway.BOTH)


def _notes(age_group: Optional[AgeGroup], transplant: Optional[Transplant],
           pathway: Pathway) -> List[Note]:
    older = age_group is AgeGroup.AGE_65_OR_OVER
    younger = age_group is AgeGroup.UNDER_65
    notes: List[Note] = []
    if pathway is Pathway.TRANSPLANT and older:
        notes.append(Note.OLDER_WITH_TRANSPLANT)
    if pathway is Pathway.NO_TRANSPLANT and younger:
        notes.append(Note.YOUNGER_WITHOUT)
    # Where people of this age mostly were, when we don't know which group fits.
    # Someone who chose not to have one could have had one: age says nothing there.
    unknown = pathway is Pathway.BOTH and transplant is not Transplant.CHOSE_NOT
    if unknown and younger:
        notes.append(Note.MOSTLY_TRANSPLANT)
    if unknown and older:
        notes.append(Note.MOSTLY_NO_TRANSPLANT)
    return notes


def select(age_group: Optional[AgeGroup], transplant: Optional[Transplant]) -> Selection:
    """The findings that apply to someone with this (possibly unknown) profile."""
    data = facts()
    pathway = pathway_for(transplant)
    survival = [f for population in _POPULATIONS[pathway] for f in data.trial_findings()
                if f.population is population]
    return Selection(pathway=pathway, survival=survival,
                     main_harms=data.main_harms_findings(),
                     notes=_notes(age_group, transplant, pathway))
