"""bot/glossary.py: a word asked about gets its plain meaning, with no figures."""
import pytest

from bot.glossary import _entries, define


@pytest.mark.parametrize("text, starts", [
    ("what does median mean", "The median is the middle value"),
    # a second review's dead ends: a clot, DVT, the trial's medians by their figures
    ("what is a blood clot? the leaflet keeps mentioning them", "A blood clot is blood"),
    ("what does DVT mean?", "A blood clot is blood"),
    ("what does 39 months vs 20 months actually mean", "The median is the middle value"),
    ("what do you mean by half of people?", "The median is the middle value"),
    ("is lenalidomide a chemotherapy", "Chemotherapy means"),
    ("difference between remission and being cured", "Remission means"),
])
def test_a_word_asked_about_gets_its_meaning(text, starts):
    assert any(meaning.startswith(starts) for meaning in define(text)), define(text)


def test_meanings_carry_no_figures():
    """Figures belong in the facts module, with their source."""
    for term, entry in _entries().items():
        assert not any(ch.isdigit() for ch in entry["means"]), term


def test_the_term_a_story_asks_about_comes_first():
    """A sixth review: "... median progression free survival 39 months vs 20 months.
    does that mean I'll definitely get 39 months before it comes back?" explained a
    relapse and a transplant before the median."""
    story = ("the leaflet says median progression free survival 39 months vs 20 months after "
             "a stem cell transplant. does that mean I'll definitely get 39 months before it "
             "comes back if i take it?")
    assert define(story)[0].startswith("The median is the middle value")
