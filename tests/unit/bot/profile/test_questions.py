"""The one question detector (bot/profile/questions.py), as the profile reader
uses it and as bot/safety.py does."""
from __future__ import annotations

from typing import Optional

import pytest

from bot.profile.parsed import Parsed
from bot.profile.questions import (Mark, QuestionRule, clause_question, group_question,
                                   message_question, split_at_questions)
from tests.unit.bot.profile.phrasings import params

RULES = {"message": message_question, "clause": clause_question, "group": group_question}


@pytest.mark.parametrize("text, rule, question, general",
                         params("questions", "rule", "question", "general"))
def test_profile_questions(text: str, rule: str, question: bool,
                           general: Optional[bool]) -> None:
    detector = RULES[rule]()
    if rule == "group":  # word by word, over the one parse
        words = Parsed(text).tokens
        assert detector.is_question_words(words) is question
        assert detector.asks_in_general_words(words) is general
        return
    assert detector.is_question(text) is question
    if general is not None:
        assert detector.asks_in_general(text) is general


def test_a_negated_modal_opens_no_question_in_text_or_in_words() -> None:
    """"can't keep anything down" tells. Over text "can't" once opened with
    "can" (the parser splits it into "ca" + "n't"), and safety read such a
    message as a general question: it raised no alarm."""
    rule = group_question()
    assert rule.is_question("can't say") is False
    assert rule.is_question_words(Parsed("can't say").tokens) is False
    assert rule.is_question("can i say") is True


def test_where_the_mark_counts() -> None:
    anywhere = QuestionRule(("what",), Mark.ANYWHERE)
    at_end = QuestionRule(("what",), Mark.AT_END)
    assert anywhere.is_question("i'm 70. would it help? thanks")
    assert not at_end.is_question("i'm 70. would it help? thanks")
    assert at_end.is_question("would it help?  ")
    assert at_end.is_question("what now") and anywhere.is_question("what now")
    assert not at_end.is_question("whatever")  # a whole word opens it


def test_speaker_words_are_whole_words_or_phrases() -> None:
    rule = QuestionRule(("is",), Mark.AT_END, ("my", "i have"))
    assert rule.asks_in_general("is it common?")
    assert not rule.asks_in_general("is my fever a side effect?")
    assert not rule.asks_in_general("is it normal that i have a rash?")
    assert rule.asks_in_general("is myeloma common?")  # "my" in "myeloma" is not "my"
    assert QuestionRule(("is",), Mark.AT_END).asks_in_general("is my fever normal?")


def test_a_question_inside_a_clause() -> None:
    assert split_at_questions("has been offered revlimid will it help her ?") == [
        "has been offered revlimid", "will it help her ?"]
    assert split_at_questions("i had one") == ["i had one"]


def test_safety_shares_the_detector() -> None:
    """bot/safety.py keeps its own words but asks the same kind of rule."""
    from bot import safety
    rule = safety._GENERAL_QUESTION
    assert isinstance(rule, QuestionRule) and rule.mark is Mark.AT_END
    assert rule.asks_in_general("what is the risk of bleeding?")
    assert not rule.asks_in_general("is my fever a side effect?")
