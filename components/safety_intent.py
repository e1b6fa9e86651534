"""An NLU component that turns red-flag and crisis messages into their intents.

Safety must not hang on a classifier's confidence: bot/safety.py spots the
words by rule, and this component, placed last in the pipeline, overrides
whatever intent was predicted (including nlu_fallback) when it fires.
"""
from __future__ import annotations

from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import (Alarm, denies_a_crisis, only_a_guess_of_distress, routed_alarm,
                        told_as_no_sign)
from bot.vocabulary import ORIGINAL_TEXT
from components.intent_override import IntentOverride
from components.profile_intent import FALLBACK
from components.story_intent import DECISION_STEPS, INFORM


# Intents whose replies go through actions.common.with_safety_net_line; not the
# decision tools' steps (DECISION_STEPS), some of whose replies are the domain's own.
ANSWERED = "ask_"
# A classifier's red flag the rules read as none gives way to its next guess
# when that guess is at least this sure, else to the fallback (topics as buttons).
NEXT_GUESS = 0.3


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
        own, text = message.get(ORIGINAL_TEXT) or "", message.get(TEXT) or ""
        alarm = routed_alarm(own) or routed_alarm(text)
        name = (message.get(INTENT) or {}).get("name") or ""
        if alarm is None and (only_a_guess_of_distress(own) or only_a_guess_of_distress(text)):
            # Distress only the backstop guessed at keeps its way when that way is an
            # answer (a topic, the tailored answer, a profile), which puts a line of
            # support first (actions.common.with_safety_net_line); any other way (small
            # talk, "not sure what you mean") would give none, so it gets the support.
            answered = (name.startswith(ANSWERED) and name not in DECISION_STEPS) or name == INFORM
            return None if answered else Alarm.DISTRESS.value
        if alarm is None and (
                name == Alarm.RED_FLAG.value and (told_as_no_sign(own) or told_as_no_sign(text))
                or name == Alarm.CRISIS.value and (denies_a_crisis(own) or denies_a_crisis(text))):
            # "my son has a temp of 39, hes 6", "temp is 36.8 so i think hes ok", "I'm not
            # suicidal or anything": the classifier heard an alarm the rules read as none
            # (or denied): its next guess that is no alarm (a line of the safety net still
            # comes first where the backstop doubts).
            alarms = {a.value for a in Alarm}
            guess = next((r for r in message.get(INTENT_RANKING_KEY) or []
                          if r["name"] not in alarms), None)
            return guess["name"] if guess and guess["confidence"] >= NEXT_GUESS else FALLBACK
        return alarm.value if alarm else None
