"""Normalising patients' spelling (bot/profile/normalise.py)."""
from __future__ import annotations

import re

import pytest

from bot.profile import normalise
from tests.unit.bot.profile.phrasings import params, rows


@pytest.mark.parametrize("text, norm", params("normalised", "norm"))
def test_normal_form(text: str, norm: str) -> None:
    assert normalise(text) == norm


@pytest.mark.parametrize("section", ["age_groups", "transplants", "profiles", "odd_inputs"])
def test_words_and_marks_separated_by_single_spaces(section: str) -> None:
    """The rules, and the one spaCy parse, rely on this shape."""
    for row in rows(section):
        norm = normalise(row["text"])
        assert norm == norm.strip() and "  " not in norm, (row["text"], norm)
        assert norm == norm.lower()
        for word in norm.split(" ") if norm else []:
            assert re.fullmatch(r"[a-z]+(?:'[a-z]+)?|\d+s?|[^\sa-z\d]", word), (norm, word)
