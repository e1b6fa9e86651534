"""A base for NLU components that overrule the classifier by rule.

Subclasses say which intent a message must have (or None to leave it); this
class sets it with confidence 1.0 and puts it first in the ranking, once.
"""
from __future__ import annotations

from typing import List, Optional

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from components.stateless import Stateless


class IntentOverride(Stateless):
    """Sets the intent that ``intent_for`` names, whatever was predicted."""

    def intent_for(self, message: Message) -> Optional[str]:
        raise NotImplementedError

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            name = self.intent_for(message)
            if name is None:
                continue
            intent = {"name": name, "confidence": 1.0}
            ranking = [intent] + [r for r in (message.get(INTENT_RANKING_KEY) or [])
                                  if r["name"] != name]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
