"""The reader (bot/profile/reader.py): whole messages, one parse each, the
injected day and the question just asked."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest
import spacy.language

from bot.profile import (AgeGroup, AgeProblem, Asked, ProfileReader, Transplant, normalise,
                         read_profile, someone_else)
from tests.unit.bot.profile.phrasings import TODAY, enum, params, rows


@pytest.mark.parametrize("text, asked, group, problem, transplant",
                         params("profiles", "asked", "group", "problem", "transplant"))
def test_profile(text: str, asked: Optional[str], group: Optional[str],
                 problem: Optional[str], transplant: Optional[str]) -> None:
    reading = read_profile(text, enum(Asked, asked), today=TODAY)
    age = (reading.age.group, reading.age.problem) if reading.age else (None, None)
    assert (age, reading.transplant) == (
        (enum(AgeGroup, group), enum(AgeProblem, problem)), enum(Transplant, transplant)
    ), normalise(text)


@pytest.mark.parametrize("asked", [None, Asked.AGE, Asked.TRANSPLANT])
def test_no_input_raises(asked: Optional[Asked]) -> None:
    for row in rows("odd_inputs"):
        read_profile(row["text"], asked, today=TODAY)  # must not raise


@pytest.mark.parametrize("text, about", params("carers", "about"))
def test_a_carers_profile_is_about_the_person_they_ask_for(text: str,
                                                           about: Optional[str]) -> None:
    assert read_profile(text).about == about


@pytest.mark.parametrize("text, expected", params("corrections", "transplant"))
def test_corrections_of_transplant_history(text: str, expected: Optional[str]) -> None:
    """Like "actually I'm 66" for age: a correction answers the question again."""
    assert read_profile(text).transplant is enum(Transplant, expected)


def test_someone_else_alone() -> None:
    assert someone_else("I'm asking for my dad, he is 80") == "dad"
    assert someone_else("she is 70 and had an auto sct") == "them"
    assert someone_else("I'm 70") is None


def test_one_parse_per_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Age, transplant and the carer check share one spaCy parse."""
    calls = []
    parse = spacy.language.Language.__call__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return parse(self, *args, **kwargs)

    monkeypatch.setattr(spacy.language.Language, "__call__", counting)
    for text in ("I'm asking for my dad, he's 80 and couldn't have a transplant",
                 "rather not say", "skip", "58, no transplant", "hello"):
        for asked in (None, Asked.AGE, Asked.TRANSPLANT):
            calls.clear()
            read_profile(text, asked, today=TODAY)
            assert len(calls) == 1, (text, asked, calls)


def test_the_reader_owns_today() -> None:
    before, after = ProfileReader(dt.date(2026, 2, 1)), ProfileReader(dt.date(2026, 4, 1))
    text = "born in March 1961"
    assert before.read_profile(text).age.group is AgeGroup.UNDER_65
    assert after.read_profile(text).age.group is AgeGroup.AGE_65_OR_OVER
    assert ProfileReader().today == dt.date.today()


def test_the_form_slots_map_to_questions() -> None:
    """Slot names live with the actions; the reader knows only Asked."""
    from actions.profile_actions import asked_for
    assert asked_for("age_group") is Asked.AGE
    assert asked_for("transplant") is Asked.TRANSPLANT
    assert asked_for("something_else") is None and asked_for(None) is None


@pytest.mark.parametrize("text, own", [
    # the writer's own muddle, about him: his profile, not the writer's (fourth session)
    ("sorry, i got confused, he didnt have one, they said he was too old", False),
    ("oh sorry, I got that wrong, she did have one", False),
    # the writer's own profile
    ("sorry, I did have one after all", True),
    ("sorry i meant im 63", True),
])
def test_a_correction_about_him_or_her_is_not_the_writers_own(text, own):
    assert read_profile(text).own is own


def test_a_carers_correction_with_the_writers_own_muddle_stays_theirs():
    """Seventh session's second review: "sorry, she's 76 not 67, I always get that the
    wrong way round" was taken for the writer's own age ("You are 65 or over")."""
    reading = read_profile("sorry, she's 76 not 67, I always get that the wrong way round",
                           caring=True)
    assert reading.age is not None and reading.age.years == 76 and not reading.own


def test_a_relative_named_and_asked_for_with_no_profile_yet():
    """A second advocate's review: "im asking for my husband he has myeloma" named him,
    and "hes 63" next was then not read as his age."""
    from bot.profile import named_and_asked_for

    assert named_and_asked_for("im asking for my husband he has myeloma, the doctors in "
                               "Beaumont are talking about maintenance") == "husband"
    assert named_and_asked_for("he has myeloma") is None
    assert named_and_asked_for("what is myeloma") is None
