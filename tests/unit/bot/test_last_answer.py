"""bot/last_answer.py and its answers (bot.answers.last_answer_parts): a short
question about the last answer gets the direct sentence, the gist, the main
harms or the time frame, never the block of figures again."""
import pytest

from bot import answers
from bot.last_answer import MAX_WORDS, Asked, Said, asked_about_it, what_was_said
from bot.profile import AgeGroup, Transplant


@pytest.mark.parametrize("text, kind", [
    ("so is that a yes?", Asked.YES_OR_NO),
    ("Is that a yes or a no", Asked.YES_OR_NO),
    ("yes or no?", Asked.YES_OR_NO),
    ("so no extra time for him then?", Asked.YES_OR_NO),
    ("so it does help then?", Asked.YES_OR_NO),
    ("so does it work or not", Asked.YES_OR_NO),
    ("i dont understand", Asked.PLAINER),
    ("sorry you lost me", Asked.PLAINER),
    ("can you say that more simply", Asked.PLAINER),
    ("what does that mean", Asked.PLAINER),
    ("just the worst one", Asked.WORST),
    ("which is the worst", Asked.WORST),
    ("in months?", Asked.TIME),
    ("how many years is that", Asked.TIME),
    ("which is worse", Asked.WORST),
    ("is that good?", Asked.PLAINER),
    ("so why would they take it then", Asked.WHY_TAKE_IT),
])
def test_the_kinds_of_question_about_the_last_answer(text, kind):
    assert asked_about_it(text) is kind


@pytest.mark.parametrize("text", [
    "yes", "no", "thanks", "what does median mean",
    "i dont understand why this is happening to me",
    "what does that mean for me",  # the tailored answer, not a plainer one
    "so is that a yes " + "and " * MAX_WORDS,  # long: a question of its own
])
def test_other_messages_are_not(text):
    assert asked_about_it(text) is None


def _recent(age=None, tx=None):
    """The bot's messages after the tailored answer, newest first."""
    return [str(p) for p in reversed(answers.tailored_parts(age, tx)) if isinstance(p, str)]


def test_what_was_said_is_read_from_the_bots_own_words():
    markers = answers._last_answer_markers()
    assert set(what_was_said(_recent(AgeGroup.UNDER_65, Transplant.HAD), markers)) == \
        set(Said) - {Said.DURATION}  # the tailored answer does not say how long
    assert what_was_said(["Hello."], markers) == []


def test_a_yes_or_no_after_the_survival_answer_is_its_direct_sentence_alone():
    recent = [str(p) for p in reversed(answers.survival_parts(
        AgeGroup.AGE_65_OR_OVER, Transplant.COULD_NOT))]
    (reply,) = answers.last_answer_parts("so is that a yes?", recent, Transplant.COULD_NOT)
    assert reply.startswith("No. In the trial, people who could not have a transplant")
    assert answers.FIGURES_ABOVE in reply and "in 100" not in reply


def test_a_yes_or_no_after_the_tailored_answer_says_both_findings_directly():
    reply, above = answers.last_answer_parts("so it does help then?",
                                             _recent(None, Transplant.HAD), Transplant.HAD)
    assert reply.startswith(answers.REMISSION_DIRECT) and above == answers.FIGURES_ABOVE
    assert "Living longer: yes, in the trial." in reply


def test_plainer_has_no_figures_and_keeps_the_harms():
    (reply,) = answers.last_answer_parts("i dont understand", _recent(), None)
    assert not any(ch.isdigit() for ch in reply)
    assert "harms" in reply and "new cancer" in reply


def test_the_worst_after_the_harms_is_the_main_harms_with_figures():
    recent = [str(p) for p in answers.topic_parts("side_effects")][::-1]
    (reply,) = answers.last_answer_parts("just the worst one", recent, None)
    assert "new cancer" in reply and "in 100" in reply


def test_nothing_to_lean_on_gives_none_and_the_topic_says_so():
    assert answers.last_answer_parts("yes or no", ["Hello."], None) is None
    assert answers.last_answer_parts("what are the side effects", _recent(), None) is None
    assert answers.topic_parts("last_answer", "yes or no") == [answers.NOT_SURE_WHICH_ANSWER]


def test_a_yes_or_no_after_how_long_says_no_set_end_and_whose_choice_stopping_is():
    """Fifth session's review: "so is that a yes or no, forever or not" after the
    answer on how long people take it fell back to topic buttons."""
    recent = [answers.facts().finding("no_end_date").wording]
    parts = answers.last_answer_parts("so is that a yes or no, forever or not", recent, None)
    text = " ".join(str(p) for p in parts)
    assert text.startswith("Not forever by a set rule") and "haematologist" in text
    assert not any(ch.isdigit() for ch in text)


def test_a_yes_or_no_after_the_choice_answer_says_there_is_no_simple_one():
    """A second review: "so yes or no?" after "should i take it" fell back."""
    recent = ["I can't tell you whether to take lenalidomide. There are two choices."]
    (reply,) = answers.last_answer_parts("so yes or no?", recent, None)
    assert reply == answers.NO_SIMPLE_ANSWER
