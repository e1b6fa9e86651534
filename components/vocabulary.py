"""An NLU component that puts patients' words into the bot's own words.

"Revlimid", "len", "SCT", "stem cell rescue", "myloma" and "SPM" become
"lenalidomide", "stem cell transplant", "myeloma" and "new cancer" before the
tokenizer sees them (bot.vocabulary.canonical), in training and at run time,
so the classifier learns and reads one word for one thing. First in the
pipeline. The user's own text is kept under ``original_text`` for anything
that wants it.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.vocabulary import ORIGINAL_TEXT, canonical
from components.stateless import Stateless


# Registered as a featurizer so Rasa also runs it over the training data.
@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class PatientVocabulary(Stateless):
    """Rewrites each message's text with ``bot.vocabulary.canonical``."""

    @staticmethod
    def _rewrite(message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str) or not text:
            return
        new = canonical(text)
        if new != text:
            message.set(ORIGINAL_TEXT, text, add_to_output=True)
            message.set(TEXT, new)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._rewrite(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._rewrite(message)
        return messages
