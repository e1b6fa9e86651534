"""The plain types of bot/profile/model.py."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from bot.profile import (AgeGroup, AgeReading, Asked, ProfileReading, Transplant,
                         TransplantProblem, settle_transplant)

MODEL = Path(__file__).resolve().parents[4] / "bot" / "profile" / "model.py"


def test_a_no_with_no_reason_is_asked_about_once() -> None:
    assert settle_transplant(Transplant.NOT_HAD, asked_why=False) == \
        (None, TransplantProblem.NO_REASON)
    assert settle_transplant(Transplant.NOT_HAD, asked_why=True) == (Transplant.NOT_HAD, None)


@pytest.mark.parametrize("reading", [t for t in Transplant if t is not Transplant.NOT_HAD])
def test_other_answers_settle_at_once(reading: Transplant) -> None:
    for asked_why in (False, True):
        assert settle_transplant(reading, asked_why) == (reading, None)


def test_values_are_the_slot_values() -> None:
    """The slots (domain.yml) store these strings; renaming one loses profiles."""
    assert [g.value for g in AgeGroup] == ["under_65", "65_or_over", "not_given"]
    assert [t.value for t in Transplant] == [
        "had", "could_not", "chose_not", "not_had", "not_sure", "planned"]
    assert [a.value for a in Asked] == ["age", "transplant"]


def test_readings_are_frozen() -> None:
    """Readings are cached per message (actions/profile_actions.py): they must not change."""
    reading = ProfileReading(age=AgeReading(group=AgeGroup.UNDER_65), transplant=None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.about = "wife"  # type: ignore[misc]


def test_the_model_needs_no_parser() -> None:
    """Only the standard library: the types load without spaCy or the word lists."""
    imported = set()
    for node in ast.walk(ast.parse(MODEL.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= {"__future__", "dataclasses", "enum", "typing"}, imported
