"""Which findings apply to a patient, given what we know about them.

Unknowns widen the selection rather than narrow it: if we do not know
whether someone had a transplant, both transplant findings apply. When two
findings that apply pull different ways (over 65 *and* had a transplant),
the selection says so, so the answer can name both instead of picking one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Set, Tuple

from bot.facts import Direction, Finding, Population, facts
from bot.profile import AgeGroup, Transplant

_EVERYONE_HEADLINES = ("pfs", "pfs2")


@dataclass(frozen=True)
class Selection:
    """The findings for one profile, grouped the way the answer uses them."""

    headlines: List[Finding]  # apply to everyone: remission, second relapse
    survival: List[Finding]  # apply to this person's transplant or age group
    caveats: List[Finding]  # harms and limits that go with any benefit
    tensions: List[Tuple[Finding, Finding]] = field(default_factory=list)

    @property
    def ids(self) -> List[str]:
        return [f.id for f in self.headlines + self.survival + self.caveats]


def _transplant_populations(status: Optional[Transplant]) -> Set[Population]:
    if status in (Transplant.HAD, Transplant.PLANNED):
        return {Population.TRANSPLANT}
    if status is Transplant.COULD_NOT:
        return {Population.NO_TRANSPLANT}
    return {Population.TRANSPLANT, Population.NO_TRANSPLANT}


def _age_populations(group: Optional[AgeGroup]) -> Set[Population]:
    if group is AgeGroup.UNDER_65:
        return {Population.UNDER_65}
    if group is AgeGroup.AGE_65_OR_OVER:
        return {Population.AGE_65_OR_OVER}
    return {Population.UNDER_65, Population.AGE_65_OR_OVER}


def select(age_group: Optional[AgeGroup], transplant: Optional[Transplant]) -> Selection:
    """The findings that apply to someone with this (possibly unknown) profile."""
    data = facts()
    wanted = _transplant_populations(transplant) | _age_populations(age_group)
    caveat_ids = set(data.always_with_benefit)
    survival = [
        f for f in data.findings
        if f.population in wanted and f.population is not Population.EVERYONE
        and f.id not in caveat_ids
    ]
    tensions: List[Tuple[Finding, Finding]] = []
    known_transplant = transplant in (Transplant.HAD, Transplant.PLANNED, Transplant.COULD_NOT)
    known_age = age_group in (AgeGroup.UNDER_65, AgeGroup.AGE_65_OR_OVER)
    if known_transplant and known_age:
        helps = [f for f in survival if f.direction is Direction.BENEFIT]
        does_not = [f for f in survival if f.direction is Direction.NO_BENEFIT]
        tensions = [(a, b) for a in helps for b in does_not]
    return Selection(
        headlines=[data.finding(i) for i in _EVERYONE_HEADLINES],
        survival=survival,
        caveats=data.caveats(),
        tensions=tensions,
    )
