"""components/safety_intent.py: the safety override, run on a real Rasa message."""
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.safety_intent import SafetyIntentOverride


def _message(text: str, intent: str) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.3})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.3},
                                     {"name": "inform", "confidence": 0.2}])
    return message


def _intent(component, text: str, intent: str) -> str:
    (message,) = component.process([_message(text, intent)])
    return message.get(INTENT)["name"]


def test_safety_override_wins_whatever_the_classifier_said():
    assert _intent(SafetyIntentOverride(), "I'm 70 and have a fever of 39", "inform") == \
        "red_flag"
