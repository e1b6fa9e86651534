"""Real Rasa messages as the classifier leaves them, for the components' tests."""
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def unsure_message(text: str, intent: str) -> Message:
    """``text`` with the classifier's unsure guess ``intent`` (then ``inform``)."""
    made = Message(data={TEXT: text})
    made.set(INTENT, {"name": intent, "confidence": 0.3})
    made.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.3},
                                  {"name": "inform", "confidence": 0.2}])
    return made


def intent_after(component, text: str, intent: str) -> str:
    """The intent ``component`` leaves on such a message."""
    (processed,) = component.process([unsure_message(text, intent)])
    return processed.get(INTENT)["name"]
