"""components/profile_intent.py: the hint that rescues a fallback stating a
profile, run on real Rasa messages."""
import pytest
from rasa.shared.nlu.constants import INTENT_RANKING_KEY

from components.profile_intent import ProfileIntentHint
from tests.unit.components.messages import intent_after, unsure_message


@pytest.mark.parametrize("text, intent, expected", [
    # a story with a profile in it is an answer to the profile questions
    ("I'm 52 and having my stem cells collected next week, what would len do for me?",
     "nlu_fallback", "inform"),
    ("my husband is 61 and decided against a transplant, what now", "nlu_fallback", "inform"),
    ("I'm 77", "nlu_fallback", "inform"),
    # nothing about the profile: the fallback stays
    ("qwerty uiop", "nlu_fallback", "nlu_fallback"),
    ("I'd rather not say", "nlu_fallback", "nlu_fallback"),
    # a confident classifier is left alone
    ("I'm 70, what are the side effects", "ask_side_effects", "ask_side_effects"),
])
def test_profile_hint_only_rescues_fallbacks_that_state_a_profile(text, intent, expected):
    assert intent_after(ProfileIntentHint(), text, intent) == expected


def test_profile_hint_puts_inform_first_in_the_ranking_once():
    (message,) = ProfileIntentHint().process([unsure_message("I'm 77", "nlu_fallback")])
    names = [r["name"] for r in message.get(INTENT_RANKING_KEY)]
    assert names[0] == "inform" and names.count("inform") == 1


@pytest.mark.parametrize("text, stated", [
    ("what are the side effects", False),
    ("thanks", False),
    ("I'm 70, what are the side effects", True),
    ("my husband is 70 and could not have a transplant", True),
    ("I could not have a transplant", True),
])
def test_profile_hint_says_whether_the_message_states_anything(text, stated):
    from components.profile_intent import PROFILE_STATED

    (message,) = ProfileIntentHint().process([unsure_message(text, "ask_side_effects")])
    assert message.get(PROFILE_STATED) is stated
    assert PROFILE_STATED in message.as_dict(only_output_properties=True)  # in parse data
