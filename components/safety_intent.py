"""An NLU component that turns red-flag and crisis messages into their intents.

Safety must not hang on a classifier's confidence: bot/safety.py spots the
words by rule, and this component, placed last in the pipeline, overrides
whatever intent was predicted (including nlu_fallback) when it fires.
"""
from __future__ import annotations

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import routed_alarm
from bot.vocabulary import ORIGINAL_TEXT
from components.intent_override import IntentOverride


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyIntentOverride(IntentOverride):
    """Sets intent red_flag, crisis or distress (confidence 1.0) when bot.safety
    fires; distress only the backstop guessed at is left to the message's own
    intent, and actions.common.send_all puts a line of support first."""

    def intent_for(self, message: Message) -> Optional[str]:
        # The person's own words first: the vocabulary component may have
        # rewritten "the chemo tablets" before this runs.
        alarm = routed_alarm(message.get(ORIGINAL_TEXT) or "") or \
            routed_alarm(message.get(TEXT) or "")
        return alarm.value if alarm else None
