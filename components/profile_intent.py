"""An NLU component that keeps a profile-bearing message out of the fallback.

Patients often tell their story before the question ("I'm 52 and having my
stem cells collected next week, what would len do for me?"). When the
classifier cannot place such a message (nlu_fallback) but bot.profile reads
an age or a transplant history in it, it is an answer to the profile
questions: the intent becomes ``inform``, so the form starts or goes on and
the person gets their tailored answer instead of "not sure what you mean".
Placed after the FallbackClassifier and before the safety override.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.profile import AgeGroup, read_profile

FALLBACK = "nlu_fallback"
INFORM = "inform"
_STATED_AGES = (AgeGroup.UNDER_65, AgeGroup.AGE_65_OR_OVER)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ProfileIntentHint(GraphComponent):
    """Sets intent ``inform`` on a fallback message that states a profile."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ProfileIntentHint":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") != FALLBACK:
                continue
            reading = read_profile(message.get(TEXT) or "")
            age_group = reading.age.group if reading.age else None
            if reading.transplant is None and age_group not in _STATED_AGES:
                continue
            intent = {"name": INFORM, "confidence": 1.0}
            ranking = [intent] + [r for r in (message.get(INTENT_RANKING_KEY) or [])
                                  if r["name"] != INFORM]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
