"""The age rules (bot/profile/age.py), over the phrasing tables in
tests/data/profile_phrasings.yml."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from bot.profile import AgeGroup, AgeProblem, normalise, read_age
from bot.profile.age import READERS
from bot.profile.loader import profile_data
from tests.unit.bot.profile.phrasings import TODAY, enum, params


@pytest.mark.parametrize("expecting", [False, True])
@pytest.mark.parametrize("text, group", params("age_groups", "group"))
def test_age_group(text: str, group: str, expecting: bool) -> None:
    reading = read_age(text, expecting=expecting, today=TODAY)
    assert reading is not None, normalise(text)
    assert (reading.group, reading.problem) == (AgeGroup(group), None), normalise(text)


@pytest.mark.parametrize("text, group, problem", params("age_when_asked", "group", "problem"))
def test_age_when_asked(text: str, group: Optional[str], problem: Optional[str]) -> None:
    reading = read_age(text, expecting=True, today=TODAY)
    assert reading is not None, normalise(text)
    assert (reading.group, reading.problem) == (enum(AgeGroup, group), enum(AgeProblem, problem))


@pytest.mark.parametrize("text, expecting", params("not_an_age", each_expecting=True))
def test_not_an_age(text: str, expecting: bool) -> None:
    assert read_age(text, expecting=expecting, today=TODAY) is None, normalise(text)


@pytest.mark.parametrize("text, years", params("years_kept", "years"))
def test_years_kept(text: str, years: int) -> None:
    reading = read_age(text, today=TODAY)
    assert reading is not None and reading.years == years


@pytest.mark.parametrize("text, expecting, group", params("declining_age", "expecting", "group"))
def test_declining_age(text: str, expecting: bool, group: Optional[str]) -> None:
    reading = read_age(text, expecting=expecting, today=TODAY)
    assert (reading.group if reading else None) is enum(AgeGroup, group)


def test_every_matcher_label_is_read() -> None:
    """A label in profile_matcher.yml with no reader would be matched and ignored."""
    labels = set(profile_data().spacy_patterns())
    assert labels - {label for label, _ in READERS} == {"DECLINE"}


def test_the_day_decides_a_birth_year() -> None:
    """Born in March 1961: 64 in February 2026, 65 in April."""
    assert read_age("born in March 1961", today=dt.date(2026, 2, 1)).group is AgeGroup.UNDER_65
    assert read_age("born in March 1961", today=dt.date(2026, 4, 1)).group is \
        AgeGroup.AGE_65_OR_OVER
