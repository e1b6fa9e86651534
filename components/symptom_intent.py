"""An NLU component that keeps a symptom question out of the fallback.

"Can lenalidomide make your ankles swell up?" may be worded unlike anything
the classifier learned. When it falls back (nlu_fallback), or is taken for
off-topic (out_of_scope: "is it normal for her to be so tired?"), but names a
symptom from bot/data/symptoms.yml, it is a side-effect question: the intent
becomes ``ask_side_effects``, whose answer speaks to that symptom and gives
its safety line. Red flags are still caught first by the safety override,
which comes after this component.
"""
from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.symptoms import symptom_in
from components.intent_override import IntentOverride

SIDE_EFFECTS = "ask_side_effects"
OFF_TOPIC = "out_of_scope"
# Fallbacks, and "off-topic" guesses for what is really a symptom question.
UNPLACED = ("nlu_fallback", OFF_TOPIC)
# An "off-topic" guess is overruled only when the message ties the symptom to
# the treatment ("on len", "is it normal"); "ibuprofen for a headache" stays off-topic.
_ABOUT_TREATMENT = re.compile(
    r"\b(lenalidomide|tablets?|capsules?|pills?|maintenance|treatment|normal|side effects?|"
    r"on it|from it)\b", re.IGNORECASE)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SymptomIntentHint(IntentOverride):
    """Sets intent ``ask_side_effects`` on a fallback message naming a symptom."""

    def intent_for(self, message: Message) -> Optional[str]:
        intent = (message.get(INTENT) or {}).get("name")
        text = message.get(TEXT) or ""
        if intent not in UNPLACED or (intent == OFF_TOPIC and not _ABOUT_TREATMENT.search(text)):
            return None
        return SIDE_EFFECTS if symptom_in(text) else None
