"""components/last_answer_intent.py: a short question about the last answer
overrules a weak guess, on real Rasa messages."""
import pytest

from components.last_answer_intent import LAST_ANSWER, LastAnswerIntentHint
from tests.unit.components.messages import intent_after


@pytest.mark.parametrize("text, intent, expected", [
    ("so is that a yes?", "affirm", LAST_ANSWER),
    ("yes or no", "affirm", LAST_ANSWER),
    ("in months?", "nlu_fallback", LAST_ANSWER),
    ("i dont understand", "nlu_fallback", LAST_ANSWER),
    ("what does that mean", "ask_glossary", LAST_ANSWER),
    ("just the worst one", "nlu_fallback", LAST_ANSWER),
    # a plain yes stays a yes; a glossary question about a word stays one
    ("yes", "affirm", "affirm"),
    ("what does median mean", "ask_glossary", "ask_glossary"),
    # a confident topic is left alone, even in the same form
    ("is it worth it, yes or no?", "ask_should_i_take", "ask_should_i_take"),
    ("what is the worst side effect", "ask_side_effects", "ask_side_effects"),
])
def test_only_a_weak_guess_is_overruled(text, intent, expected):
    assert intent_after(LastAnswerIntentHint(), text, intent) == expected
