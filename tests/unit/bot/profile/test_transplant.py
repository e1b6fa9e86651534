"""The transplant rules (bot/profile/transplant.py): the phrasing tables in
tests/data/profile_phrasings.yml, and which named rule gives each answer."""
from __future__ import annotations

from typing import Optional, Tuple

import pytest

from bot.profile import ProfileReader, Transplant, normalise, read_transplant
from bot.profile.parsed import Parsed
from bot.profile.transplant import RULES
from tests.unit.bot.profile.phrasings import enum, params, rows

# What stops a message before the rules, and the name when no rule holds.
GATES = ("no_mention", "someone_else", "a_question", "asks_what_it_is", "supposed", "no_rule")


def explain_transplant(text: str, *, expecting: bool) -> Tuple[Optional[Transplant], str]:
    """The transplant reading and the name of the gate or rule that gave it."""
    reader = ProfileReader()
    return reader._transplant(Parsed(text), expecting, reader.today)


@pytest.mark.parametrize("text, expecting, expected",
                         params("transplants", "expecting", "transplant"))
def test_transplant(text: str, expecting: bool, expected: Optional[str]) -> None:
    assert read_transplant(text, expecting=expecting) is enum(Transplant, expected), \
        normalise(text)


@pytest.mark.parametrize("text, expecting", params("not_a_transplant", "expecting"))
def test_not_a_transplant(text: str, expecting: bool) -> None:
    assert read_transplant(text, expecting=expecting) is None, normalise(text)


@pytest.mark.parametrize("expecting", [False, True])
@pytest.mark.parametrize("text", params("never_had_from_a_question"))
def test_question_never_reads_as_had(text: str, expecting: bool) -> None:
    assert read_transplant(text, expecting=expecting) is not Transplant.HAD, text


@pytest.mark.parametrize("text, expecting, rule, expected",
                         params("transplant_rules", "expecting", "rule", "transplant"))
def test_which_rule_gives_the_answer(text: str, expecting: bool, rule: str,
                                     expected: Optional[str]) -> None:
    reading, fired = explain_transplant(text, expecting=expecting)
    assert (fired, reading) == (rule, enum(Transplant, expected)), normalise(text)


def test_every_rule_and_gate_has_an_example() -> None:
    names = [r.name for r in RULES]
    assert len(set(names)) == len(names), "rule names must be unique"
    assert not set(names) & set(GATES)
    shown = {row["rule"] for row in rows("transplant_rules")}
    assert shown == set(names) | set(GATES)


def test_a_rule_gives_what_the_table_says() -> None:
    for row in rows("transplant_rules"):
        rule = next((r for r in RULES if r.name == row["rule"]), None)
        if rule is not None:
            assert rule.then.value == row["transplant"], row


def test_more_specific_rules_come_first() -> None:
    """"collected but not given back" must be read before "given back", and a
    cancelled transplant before the plan it cancelled."""
    order = [r.name for r in RULES]
    assert order.index("stored_not_given_back") < order.index("given_back")
    assert order.index("cancelled") < order.index("planned")
    assert order.index("after_mine") < order.index("could_not")
    assert order[-1] == "declined_to_say"
