"""An NLU component that lets the classifier read a story's questions on their own.

The classifier learned from short questions. Given a whole story ("my dad has
been on it nearly 5 years ... she said there's some newer data. Does the trial
say anything about how long people should stay on it?") it often settles on
the story, not the question. This component adds each question sentence of a
story (put as a question; at most ``MAX_QUESTIONS``, the last ones) to the
messages the pipeline reads, marked as a sentence of the message before it, so
the same tokenizer, featurizers and classifier read them as the short questions
they are, at no cost of training. components.story_intent takes the surest of
their intents (``question_intent``) and removes the added messages before anything else sees
them. Placed after the vocabulary and before the tokenizer.
"""
from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.sentences import is_story, sentences
from components.stateless import Stateless

# Marks an added sentence: the value is the index of its message in the list.
SENTENCE_OF = "sentence_of_message"
# A story's question sentences read on their own: its last ones, at most this many.
MAX_QUESTIONS = 3
# A question put as one: a question mark, or a question word first. Not "this left me
# wondering what ok was!" (bot.sentences.asks hears a wish to know in that too).
_PUT_AS_A_QUESTION = re.compile(
    r"\?\s*$|^(how|what|why|when|where|who|which|is|are|can|could|does|do|did|will|would|"
    r"should|has|have)\b", re.IGNORECASE)


def question_sentences(text: str) -> List[str]:
    """A story's sentences that ask something, the last ``MAX_QUESTIONS`` of
    them; none for a message that is not a story (it is read whole)."""
    if not is_story(text):
        return []
    found = [s for s in sentences(text) if _PUT_AS_A_QUESTION.search(s)]
    return found[-MAX_QUESTIONS:]


# Registered as a featurizer, like components.vocabulary, to sit before the tokenizer.
@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class QuestionSentences(Stateless):
    """Appends a story's question sentences to the messages, marked."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # the training examples are short: nothing to add

    def process(self, messages: List[Message]) -> List[Message]:
        added: List[Message] = []
        for index, message in enumerate(messages):
            text = message.get(TEXT)
            if message.get(SENTENCE_OF) is not None or not isinstance(text, str):
                continue
            for sentence in question_sentences(text):
                added.append(Message(data={TEXT: sentence, SENTENCE_OF: index}))
        return [*messages, *added]
