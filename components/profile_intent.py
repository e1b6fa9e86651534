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

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.profile import AgeGroup, read_profile
from components.intent_override import IntentOverride

FALLBACK = "nlu_fallback"
INFORM = "inform"
_STATED_AGES = (AgeGroup.UNDER_65, AgeGroup.AGE_65_OR_OVER)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ProfileIntentHint(IntentOverride):
    """Sets intent ``inform`` on a fallback message that states a profile."""

    def intent_for(self, message: Message) -> Optional[str]:
        if (message.get(INTENT) or {}).get("name") != FALLBACK:
            return None
        reading = read_profile(message.get(TEXT) or "")
        age_group = reading.age.group if reading.age else None
        stated = reading.transplant is not None or age_group in _STATED_AGES
        return INFORM if stated else None
