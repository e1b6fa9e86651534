"""An NLU component for short questions about the bot's last answer.

"so is that a yes?", "yes or no", "i dont understand", "just the worst one",
"in years?": the classifier takes them for a yes or a no, a glossary question,
or falls back, and the person gets "Okay" or "not sure what you mean". When
bot.last_answer reads the message as such a question, the intent becomes
``ask_last_answer``, whose answer leans on what the bot has just said
(actions.answer_actions). A classifier's confident topic is left alone, and the
safety override, which comes after this component, still wins.
"""
from __future__ import annotations

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.last_answer import asked_about_it
from bot.vocabulary import ORIGINAL_TEXT
from components.intent_override import IntentOverride

LAST_ANSWER = "ask_last_answer"
# The guesses such a question gets, which it overrules.
WEAK_GUESSES = frozenset({"nlu_fallback", "affirm", "deny", "out_of_scope", "ask_glossary",
                          "inform", "thank"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class LastAnswerIntentHint(IntentOverride):
    """Sets intent ``ask_last_answer`` on a short question about the last answer."""

    def intent_for(self, message: Message) -> Optional[str]:
        intent = (message.get(INTENT) or {}).get("name")
        if intent not in WEAK_GUESSES:
            return None
        words = message.get(ORIGINAL_TEXT) or message.get(TEXT) or ""
        return LAST_ANSWER if asked_about_it(words) else None
