"""Safety on every sentence of a story: red flags told in the past or in passing,
distress, negation and supposing, and the short, specific help that comes first."""
from pathlib import Path

import pytest
import yaml

from bot.safety import (Alarm, detect, findings, help_first,
                        support_first, warning_signs)
from bot.sentences import clauses, last_clause, sentences

# Written for this module (not from any held-out set): stories, run-ons, typos.
# In tests/data, where devtools/compare_context.py reads them too.
CASES = yaml.safe_load((Path(__file__).resolve().parents[2] / "data" / "safety_story_cases.yml")
                       .read_text(encoding="utf-8"))
STORY_RED_FLAGS = [(case["text"], case["kind"]) for case in CASES["red_flags"]]
STORY_DISTRESS = CASES["distress"]
NOT_ALARMS = CASES["not_alarms"]


@pytest.mark.parametrize("text, kind", STORY_RED_FLAGS, ids=[t for t, _ in STORY_RED_FLAGS])
def test_a_red_flag_told_as_a_story_is_found(text, kind):
    assert detect(text) is Alarm.RED_FLAG
    assert kind in {f.kind for f in findings(text) if f.alarm is Alarm.RED_FLAG}


@pytest.mark.parametrize("text", STORY_DISTRESS)
def test_distress_is_found(text):
    assert detect(text) is Alarm.DISTRESS
    assert any(f.alarm is Alarm.DISTRESS for f in findings(text))


@pytest.mark.parametrize("text", NOT_ALARMS)
def test_negated_supposed_and_general_are_not_alarms(text):
    assert detect(text) is None, findings(text)


def test_a_symptom_in_one_sentence_is_not_cancelled_by_a_question_in_another():
    assert detect("My calf is swollen. What is the risk of clots?") is Alarm.RED_FLAG
    assert detect("no fever but my calf is swollen") is Alarm.RED_FLAG


def test_crisis_outranks_a_red_flag_which_outranks_distress():
    assert [f.alarm for f in findings("I'm so low. I have a fever. I want to end it all")] == [
        Alarm.CRISIS, Alarm.RED_FLAG, Alarm.DISTRESS]


def test_sentences_and_clauses():
    assert sentences("temp 38.5 tonight. what now?\nalso my leg") == [
        "temp 38.5 tonight.", "what now?", "also my leg"]
    assert sentences("   ") == []
    assert clauses("no fever, but my leg hurts") == ["no fever", "my leg hurts"]
    assert last_clause("no fever, but my ") == "my "


def test_a_fever_gets_its_action_first_in_two_messages_without_crisis_lines():
    said = help_first("my husband had a temp of 38.2 last night, he's on len")
    assert len(said) == 2
    assert "38 C" in said[0] and "their hospital's 24-hour advice line now" in said[0]
    assert "If this is happening now" in said[1] and "999" in said[1]
    assert "Samaritans" not in " ".join(said)


def test_chest_pain_puts_the_emergency_number_first():
    said = help_first("I've had chest pain since this morning")
    assert "999" in said[0] and "24-hour" in said[1]


def test_a_red_flag_with_distress_adds_one_line_of_support():
    said = help_first("I'm so low and now my leg is swollen")
    assert len(said) == 2 and "clot" in said[0] and "Samaritans" in said[1]


def test_pregnancy_says_stop_and_call_and_never_do_not_stop():
    own = " ".join(help_first("I think I might be pregnant, I'm on lenalidomide"))
    assert "stop taking lenalidomide and call your haematology team" in own
    partner = " ".join(help_first("my wife might be pregnant and I take revlimid"))
    assert "she should call her doctor now" in partner and "tell your haematology team" in partner
    for said in (own, partner):
        assert "do not stop" not in said.lower() and "don't stop" not in said.lower()


def test_distress_gets_support_first_warm_and_short():
    said = help_first("i cant do this anymore")
    assert said == support_first()
    text = " ".join(said)
    assert "do not have to face this alone" in text and "116 123" in text and "988" in text
    assert "Myeloma UK Infoline" in text and "Monday to Friday" in text and "care team" in text
    carer = " ".join(help_first("my wife is falling apart since the diagnosis"))
    assert "Caring for someone" in carer and "their care team" in carer


def test_the_full_list_of_warning_signs_is_there_when_asked():
    text = " ".join(warning_signs())
    for sign in ("38 C", "Shivers", "swollen, painful leg", "Bleeding", "Back pain",
                 "confusion", "pregnant", "999", "chest pain"):
        assert sign in text


def _development_set():
    import yaml
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "bot" / "data" / "safety_examples.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


DEVELOPMENT = _development_set()


@pytest.mark.parametrize("item", DEVELOPMENT, ids=[i["text"][:50] for i in DEVELOPMENT])
def test_the_safety_development_set(item):
    """260 messages a helper wrote without seeing these rules (red flags in every
    kind, crisis, distress and hard near-misses): each raises what it should."""
    raised = {f.alarm.value for f in findings(item["text"])}
    if item["expect"] == "none":
        assert not raised
    elif item["expect"] == "crisis":
        assert "crisis" in raised
    else:  # a crisis reading also puts help first
        assert item["expect"] in raised or "crisis" in raised
