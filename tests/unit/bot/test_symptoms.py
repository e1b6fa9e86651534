"""Symptoms asked as questions: the answer and its safety line (bot/symptoms.py)."""
import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import answers
from bot.symptoms import (SymptomsError, facts_part, load_symptoms, symptom_answer, symptom_in,
                          symptoms)
from components.symptom_intent import SymptomIntentHint

ROOT = Path(__file__).resolve().parents[3]

ASKED = [
    ("can lenalidomide make your ankles swell up?", "swelling"),
    ("my feet are puffing up on revlimid, is that the drug", "swelling"),
    ("does len make you short of breath", "breathless"),
    ("I keep getting big bruises, is that normal?", "bruising"),
    ("are nosebleeds a side effect", "bruising"),
    ("do you get more infections on it", "infection"),
    ("is it normal to feel so tired on len", "tiredness"),
    ("my husband gets the runs on the chemo tablets", "diarrhoea"),
    ("can it cause an itchy rash", "rash"),
    ("I took my tablets before I knew I was pregnant, what now?", "pregnancy"),
]


@pytest.mark.parametrize("text, expected", ASKED)
def test_the_symptom_asked_about_is_found(text, expected):
    found = symptom_in(text)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("text", ["what is myeloma", "how long did people take it",
                                  "is it worth it", "what are the pregnancy rules",
                                  "I'm exhausted caring for her",
                                  "my other numbers were pretty stable"])
def test_no_symptom_no_symptom_answer(text):
    assert symptom_in(text) is None


@pytest.mark.parametrize("symptom", symptoms().symptoms, ids=lambda s: s.id)
def test_every_symptom_answer_says_what_to_do(symptom):
    first, second = symptom_answer(symptom)
    safety_line, facts_line = (first, second) if symptom.urgent else (second, first)
    assert facts_part(symptom) == facts_line
    # what the facts say, or plainly that they say nothing about it
    assert facts_line.sources or re.search(r"no (facts|figures) about this", facts_line), \
        symptom.id
    assert "call" in safety_line.lower() or "tell your team" in safety_line.lower()


def test_a_side_effect_question_naming_a_symptom_gets_that_answer():
    parts = answers.topic("side_effects", "can lenalidomide make your ankles swell up?")
    # a swollen leg can be a clot: what to do comes first
    assert "24-hour advice line now" in parts[0] and "clots" in parts[1]
    assert parts[-1] == answers.SIDE_EFFECTS_MORE
    assert "most common serious" in " ".join(answers.topic("side_effects", "any side effects"))


def test_a_fallback_naming_a_symptom_becomes_a_side_effect_question():
    def intent(text, guess):
        message = Message(data={TEXT: text})
        message.set(INTENT, {"name": guess, "confidence": 0.3})
        (out,) = SymptomIntentHint().process([message])
        return out.get(INTENT)["name"]

    assert intent("can it make your ankles swell up?", "nlu_fallback") == "ask_side_effects"
    assert intent("qwerty", "nlu_fallback") == "nlu_fallback"
    assert intent("is it normal for her to be so tired", "out_of_scope") == "ask_side_effects"
    assert intent("what's the weather like", "out_of_scope") == "out_of_scope"
    assert intent("is ibuprofen good for a headache", "out_of_scope") == "out_of_scope"
    assert intent("is it making me tired", "ask_dose") == "ask_dose"


def test_a_malformed_symptoms_file_fails_loudly(tmp_path):
    raw = yaml.safe_load((ROOT / "bot" / "data" / "symptoms.yml").read_text())
    raw["symptoms"][0]["findings"] = ["no_such_finding"]
    raw["symptoms"][1]["words"] = "(unclosed"
    path = tmp_path / "symptoms.yml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(SymptomsError, match="no_such_finding") as err:
        load_symptoms(path)
    assert "not a regular expression" in str(err.value)


def test_a_sign_denied_is_not_the_symptom_asked_about():
    """A second review: "No fever, no bleeding, no swelling ... just more tired"
    got the clot line; the symptom is the tiredness."""
    from bot.symptoms import symptom_in

    found = symptom_in("Im 73. No fever, no bleeding, no swelling, nothing like that. Just more "
                       "tired than I used to be. Is that the lenalidomide?")
    assert found is not None and found.id == "tiredness"
