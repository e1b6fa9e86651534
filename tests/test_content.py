"""Content rules for every message the bot can send: reading grade, numbers
only from the facts module, benefits beside harms, plain words."""
import re

import pytest
import textstat

from bot import answers
from bot.facts import facts, number_key
from bot.profile import AgeGroup, Transplant
from tests.catalogue import PROFILES, domain_button_titles, domain_responses, everything

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
MAX_GRADE = 8.0

_SENTENCES = [
    (source, text) for source, texts in everything().items() for text in texts
    # Buttons and picture captions are labels, not sentences to grade.
    if source != "age_buttons" and not (source.startswith("picture:") and text == texts[-1])
]


@pytest.mark.parametrize("source, text", _SENTENCES, ids=[s for s, _ in _SENTENCES])
def test_reading_grade_at_most_8(source, text):
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{source}: grade {grade}: {text}"


def test_every_number_said_is_in_the_facts_module():
    allowed = facts().sayable_numbers()
    texts = [t for ts in everything().values() for t in ts] + domain_button_titles()
    unknown = {
        (n, t) for t in texts for n in NUMBER.findall(t) if number_key(n.rstrip(",")) not in allowed
    }
    assert not unknown, unknown


def test_domain_responses_type_no_numbers():
    for name, texts in domain_responses().items():
        for text in texts:
            assert not re.search(r"\d", text), f"{name} types a number: {text}"


def test_numbers_check_catches_a_stray_figure():
    assert number_key("50") not in facts().sayable_numbers()
    assert number_key("1,971") in facts().sayable_numbers()


@pytest.mark.parametrize("age, transplant", PROFILES)
def test_tailored_answer_gives_harms_with_benefits_in_the_same_format(age, transplant):
    text = " ".join(answers.tailored(age, transplant))
    assert "about 5 in 100" in text.lower() and "3 in 100" in text  # new cancers
    assert "15 in 100" in text  # stopped
    assert "open trial" in text and "quality of life" in text
    assert "Half of the people" in text and "average" not in text.lower()
    assert "can't tell you whether to take it" in text
    assert not re.search(r"\d+ ?%", text), "percentages instead of natural frequencies"
    assert not re.search(r"\bmg\b", text), "no doses"


@pytest.mark.parametrize("age, transplant, must, must_not", [
    (AgeGroup.UNDER_65, Transplant.HAD, ["88 in 100", "80 in 100", "under 65 lived longer"],
     ["68 in 100", "pull different ways"]),
    (AgeGroup.AGE_65_OR_OVER, Transplant.HAD, ["88 in 100", "did not help people 65 or over",
                                               "pull different ways"], ["68 in 100"]),
    (AgeGroup.UNDER_65, Transplant.COULD_NOT, ["68 in 100", "pull different ways"],
     ["88 in 100"]),
    (AgeGroup.AGE_65_OR_OVER, Transplant.COULD_NOT, ["68 in 100", "did not raise"],
     ["88 in 100", "pull different ways"]),
    (AgeGroup.NOT_GIVEN, Transplant.NOT_SURE, ["88 in 100", "68 in 100", "Here are both groups"],
     ["pull different ways"]),
    (None, Transplant.PLANNED, ["88 in 100", "only once you have had it"], ["68 in 100"]),
])
def test_tailored_answer_picks_the_findings_for_the_person(age, transplant, must, must_not):
    text = " ".join(answers.tailored(age, transplant))
    for phrase in must:
        assert phrase in text, phrase
    for phrase in must_not:
        assert phrase not in text, phrase


def test_greeting_says_automated_tool_evidence_and_date():
    text = " ".join(answers.greeting())
    assert "automated tool" in text and "not medical advice" in text
    assert "Myeloma XI" in text and "The Lancet Oncology" in text and "December 2018" in text


def test_decision_dose_and_results_questions_are_declined():
    assert "can't tell you whether to take" in " ".join(answers.topic("should_i_take"))
    assert "can't give advice about doses" in " ".join(answers.topic("dose"))
    assert "can't read" in " ".join(answers.topic("test_results"))


def test_lay_only_figures_are_attributed():
    text = " ".join(answers.topic("second_relapse"))
    assert "(study summary)" in text and "could not check" in text
    remission = answers.topic("remission")
    assert "(study summary)" not in remission[0]  # the paper confirms 39 vs 20 months


@pytest.mark.parametrize("name", ["remission", "second_relapse"])
def test_benefit_topics_bring_the_harms_with_them(name):
    text = " ".join(answers.topic(name))
    assert "About 5 in 100" in text and "3 in 100" in text and "15 in 100" in text
