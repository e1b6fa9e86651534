"""Patients' words put into the bot's own words (bot/vocabulary.py, and the NLU
component that applies it before the classifier)."""
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.safety import detect
from bot.vocabulary import VocabularyError, canonical, load_vocabulary
from components.vocabulary import ORIGINAL_TEXT, PatientVocabulary

ROOT = Path(__file__).resolve().parents[3]

REWRITES = [
    ("is Revlimid worth it", "is lenalidomide worth it"),
    ("is len worth it after ASCT?", "is lenalidomide worth it after stem cell transplant?"),
    ("My wife had her SCT in 2022", "My wife had her stem cell transplant in 2022"),
    ("had my auto last year", "had my stem cell transplant last year"),
    ("after his stem cell rescue", "after his stem cell transplant"),
    ("what about BMT", "what about stem cell transplant"),
    ("lenalidamide and myloma", "lenalidomide and myeloma"),
    ("revlamid side effects", "lenalidomide side effects"),
    ("revlimd", "lenalidomide"),
    ("the chemo tablets make me tired", "lenalidomide make me tired"),
    ("is it worth it after an auto sct?", "is it worth it after a stem cell transplant?"),
    ("mum had her auto stem cell in march", "mum had her stem cell transplant in march"),
    ("MM patient here", "myeloma patient here"),
    ("multiple myeloma maintenance", "myeloma maintenance"),
    ("whats the risk of SPM", "whats the risk of new cancer"),
    ("second primary malignancies", "new cancer"),
    ("my para-protein went up", "my paraprotein went up"),
    ("maintainance after transplnt", "maintenance after stem cell transplant"),
    ("my hematologist said", "my haematologist said"),
    ("Revlimid's side effects", "lenalidomide side effects"),
]
UNCHANGED = [
    "lenalidomide", "I maintained my weight", "lymphoma and melanoma are different",
    "she is lenient", "what is remission", "haematology clinic", "Leonard is my husband",
    "relapse", "what does median mean", "I'm 68 and had a transplant", "auto",
    "the auto-injector",
]


@pytest.mark.parametrize("text, expected", REWRITES)
def test_patients_words_become_the_bots_words(text, expected):
    assert canonical(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_words_are_left_alone(text):
    assert canonical(text) == text


@pytest.mark.parametrize("text", [t for t, _ in REWRITES] + UNCHANGED)
def test_canonical_is_idempotent(text):
    assert canonical(canonical(text)) == canonical(text)


def _safety_wordings():
    data = yaml.safe_load((ROOT / "tests" / "data" / "safety_wordings.yml").read_text())
    for alarm, groups in data.items():
        for wordings in (groups.values() if isinstance(groups, dict) else [groups]):
            for text in wordings:
                yield alarm, text


@pytest.mark.parametrize("alarm, text", list(_safety_wordings()))
def test_every_safety_wording_still_alarms_after_rewriting(alarm, text):
    assert detect(canonical(text)) is not None, text


def _broken(tmp_path, mutate):
    raw = yaml.safe_load((ROOT / "bot" / "data" / "vocabulary.yml").read_text())
    mutate(raw)
    path = tmp_path / "vocabulary.yml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r["terms"]["myeloma"].append("len"), "listed under both"),
    (lambda r: r["terms"].update(myeloma=[]), "has no variants"),
    (lambda r: r["terms"]["myeloma"].append("Myeloma"), "lists itself"),
    (lambda r: r["fuzzy"].update(cancer={"ratio": 0.8, "min_length": 6}), "not a term"),
    (lambda r: r["fuzzy"]["myeloma"].update(ratio=2), "ratio"),
    (lambda r: r.update(extra=1), "extra"),
])
def test_a_malformed_vocabulary_fails_loudly_at_load(tmp_path, mutate, message):
    with pytest.raises(VocabularyError, match=message):
        load_vocabulary(_broken(tmp_path, mutate))


def test_the_component_rewrites_training_data_and_messages_and_keeps_the_own_words():
    component = PatientVocabulary()
    data = TrainingData([Message(data={TEXT: "is revlimid worth it", "intent": "x"})])
    (trained,) = component.process_training_data(data).training_examples
    assert trained.get(TEXT) == "is lenalidomide worth it"
    (message,) = component.process([Message(data={TEXT: "had my SCT, is len worth it"})])
    assert message.get(TEXT) == "had my stem cell transplant, is lenalidomide worth it"
    assert message.get(ORIGINAL_TEXT) == "had my SCT, is len worth it"
    (plain,) = component.process([Message(data={TEXT: "hello"})])
    assert plain.get(TEXT) == "hello" and plain.get(ORIGINAL_TEXT) is None
