"""components/safety_intent.py: the safety override, run on a real Rasa message."""

from components.safety_intent import SafetyIntentOverride
from tests.unit.components.messages import intent_after


def test_safety_override_wins_whatever_the_classifier_said():
    assert intent_after(SafetyIntentOverride(), "I'm 70 and have a fever of 39", "inform") == \
        "red_flag"
