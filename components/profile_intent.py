"""An NLU component that keeps a profile-bearing message out of the fallback.

Patients often tell their story before the question ("I'm 52 and having my
stem cells collected next week, what would len do for me?"). When the
classifier cannot place such a message (nlu_fallback) but bot.profile reads
an age or a transplant history in it, it is an answer to the profile
questions: the intent becomes ``inform``, so the form starts or goes on and
the person gets their tailored answer instead of "not sure what you mean".
Placed after the FallbackClassifier and before the safety override.

It also says in the parse data whether the message states anything the
profile reader uses (``profile_stated``): when it states nothing and no form
is asking, ``action_validate_slot_mappings`` would set nothing, so the Rasa
server can leave the action server out of that turn (the "extract" patch,
rasa_patches/extract.py). One read serves both. A carer's story that names
whom it is about ("My mum ... she") states something too.
"""
from __future__ import annotations

from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.profile import AgeGroup, ProfileReading, named_and_asked_for, read_profile, story_about
from bot.sentences import is_story
from components.intent_override import IntentOverride

FALLBACK = "nlu_fallback"
# Parse-data key: False when bot.profile reads nothing at all in the message.
PROFILE_STATED = "profile_stated"
INFORM = "inform"
_STATED_AGES = (AgeGroup.UNDER_65, AgeGroup.AGE_65_OR_OVER)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ProfileIntentHint(IntentOverride):
    """Sets intent ``inform`` on a fallback message that states a profile."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            stated = profile_stated(message.get(TEXT) or "")
            message.set(PROFILE_STATED, stated, add_to_output=True)
        return super().process(messages)

    def intent_for(self, message: Message) -> Optional[str]:
        if (message.get(INTENT) or {}).get("name") != FALLBACK or not message.get(PROFILE_STATED):
            return None
        return INFORM if states_profile(message.get(TEXT) or "") else None


def profile_stated(text: str) -> bool:
    """Whether the profile slots could get anything from this message, in any
    conversation: read as it stands, as a carer's whose person is already
    named ("she's 74" is theirs; actions/profile_actions.py reads it so), or a
    carer's story that names one person ("My mum ... she")."""
    return states_anything(read_profile(text)) or \
        states_anything(read_profile(text, caring=True)) or \
        (is_story(text) and story_about(text) is not None) or \
        named_and_asked_for(text) is not None  # "im asking for my husband he has myeloma"


def states_profile(text: str) -> bool:
    """An age group or a transplant history stated: the message answers the
    profile questions (here and in components/story_intent.py)."""
    reading = read_profile(text)
    age_group = reading.age.group if reading.age else None
    return reading.transplant is not None or age_group in _STATED_AGES


def states_anything(reading: ProfileReading) -> bool:
    """Whether a reading (no question pending) gives the profile slots anything:
    an age, a transplant history, who it is about, or "I" (the speaker's own)."""
    return reading.age is not None or reading.transplant is not None \
        or reading.about is not None or reading.own
