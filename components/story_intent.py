"""An NLU component that reads a story for what it asks.

People tell a story, then ask ("two years since my transplant ... the cost is
mostly covered, so why stop?"), or tell a story and ask nothing. The
classifier, trained on short questions, often misplaces both. This component
reads the message sentence by sentence (bot.topics): the concern in the last
question leads; a story that asks nothing but states an age or a transplant is
an answer to the profile questions (``inform``: the tailored answer follows);
otherwise its first concern; a story whose question and another it asks are
both covered by the tailored answer (living longer, new cancers ...) gets it.
A short message keeps the classifier's intent unless it fell back, or is unsure
and the concern is asked about.

Every concern found goes into the parse data (``concerns``, topic names, the
leading one first), so the answer can mention the others, and those asked
about or voiced as a worry into ``asked_concerns``. Placed after the
FallbackClassifier and before the profile, symptom and safety components.
"""
from __future__ import annotations

from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.profile import DECISIVE, read_profile
from bot.profile.transplant import CORRECTION_CUE
from bot.sentences import asks_anything, is_story
from bot.topics import (INTENT_PREFIX, SCOPE_FIRST, TAILORED_COVERS, about_another_cancer,
                        concerns, registry, topic_said)
from components.intent_override import IntentOverride
from components.profile_intent import states_profile
from components.question_sentence import SENTENCE_OF

CONCERNS = "concerns"
# Parse-data key: the concerns asked about or voiced as a worry, leading first
# (what is answered after urgent help; the rest are only mentioned).
ASKED = "asked_concerns"
# Parse-data key: the message puts right an age or a transplant said before.
CORRECTION = "correction"
INFORM = "inform"
FOR_ME = "ask_for_me"
# "What did the trial find for someone her age and what are the downsides?": asked
# beside what the tailored answer covers, the tailored answer speaks to both.
FOR_ME_TOPIC = "for_me"
# Steps a person starts by asking for them, not by telling a story or by
# asking about a topic ("do I really have to keep taking it?").
# The decision tools' steps (components/safety_intent.py knows them too).
DECISION_STEPS = ("ask_priorities", "ask_decision_help", "ask_knowledge_check", "ask_summary")
UNPLACED = ("nlu_fallback", "out_of_scope")
NOT_FOR_A_STORY = (*DECISION_STEPS, *UNPLACED)
# Asked, these lead whatever the classifier thought: "im 58, had transplant, how
# long have i got" is a question about one life, not a request for the figures.
# So does a group ("does it help people who couldnt have a transplant live longer?":
# that group's findings, not the person's age). What this tool covers comes first
# in a short message too (bot.topics.SCOPE_FIRST).
# So does "why take it if there's no myeloma left?" (what maintenance is for).
ALWAYS_LEADS = ("prognosis", "group", "maintenance", "test_results")
# Asked anywhere in a message, this leads it: their own result, which only the team reads.
READ_FIRST = ("test_results",)
# Below this the classifier's guess gives way to a concern asked about.
SURE = 0.6
# Below this, a topic the classifier chose none of whose words were said gives way to
# the topic asked ("is tiredness a normal thing with it?" taken for travel, at 0.67);
# above it the classifier's reading stands ("been on it for three years, is that
# safe?" as taking it for years, at 0.99, not how long people take it).
WORDLESS_SURE = 0.9
OTHER_CANCER = "other_condition"
GROUP = "group"
# Message key: the intent the classifier is surest of for the story's question
# sentences read on their own (components.question_sentence), or None.
QUESTION_INTENT = "question_intent"
# A question sentence's intent leads a story the classifier took for a profile or a
# request for the figures when the classifier is at least this sure of it.
QUESTION_SURE = 0.8
# Not taken from a question sentence: what a story already gets, or what only
# makes sense said alone ("why do you ask?", "does that change what you said?").
NOT_FROM_A_QUESTION = (FOR_ME, "ask_why_profile", "ask_last_answer", "ask_pictures",
                       "ask_capabilities", *DECISION_STEPS)


def corrects_profile(text: str) -> bool:
    """"sorry, I meant 66", "oh sorry, I got that wrong, I did have one": a
    correction cue near the start and an age or a transplant after it."""
    if not CORRECTION_CUE.search(text.lower().replace("\u2019", "'")):
        return False
    # Read as a carer's too: "sorry, i meant she is 63" puts right the age of
    # the person they asked about.
    reading = read_profile(text, caring=True)
    return reading.age is not None or reading.transplant is not None


def _a_topic_its_words_lack(intent: Optional[str], text: Optional[str] = None) -> bool:
    """The classifier put a message down to a registry topic with words of its own
    (cues), none of which it says (a wish that it had all been a bad dream read
    as a question about infections): the message's own reading is trusted.
    Without ``text``, only whether the intent is such a topic (a story that asks
    nothing has no concern to say its words)."""
    topics = registry().topics
    norm = (text or "").lower().replace("\u2019", "'")
    return any(registry().intent(name) == intent and topic.cues and not topic.tailored
               and not (text and topic_said(name, norm)) for name, topic in topics.items())


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class StoryIntentHint(IntentOverride):
    """Sets the intent of a story from what it asks; lists its concerns."""

    def process(self, messages: List[Message]) -> List[Message]:
        added = [m for m in messages if m.get(SENTENCE_OF) is not None]
        messages = [m for m in messages if m.get(SENTENCE_OF) is None]
        for index, message in enumerate(messages):
            message.set(QUESTION_INTENT, question_intent(
                [m for m in added if m.get(SENTENCE_OF) == index]))
        for message in messages:
            text = message.get(TEXT) or ""
            found = concerns(text)
            message.set(CONCERNS, [c.topic for c in found], add_to_output=True)
            message.set(ASKED, [c.topic for c in found if c.asked], add_to_output=True)
            message.set(CORRECTION, corrects_profile(text), add_to_output=True)
        return super().process(messages)

    def intent_for(self, message: Message) -> Optional[str]:
        text = message.get(TEXT) or ""
        if message.get(CORRECTION):
            return INFORM  # "oh sorry, I got that wrong, I did have one": it wins
        guess = message.get(INTENT) or {}
        name, confidence = guess.get("name"), guess.get("confidence") or 0.0
        found = concerns(text)
        # "His paraprotein has gone from 4 to 7 ... what does that mean? Is it coming
        # back?": a result of their own asked about leads whatever else is asked
        main = next((c for c in found if c.topic in READ_FIRST and c.asked),
                    found[0] if found else None)
        story = is_story(text)
        tailored = TAILORED_COVERS | {FOR_ME_TOPIC}
        if story and main and main.topic in tailored \
                and len({c.topic for c in found if c.asked} & tailored) >= 2:
            # "Will it prolong time to relapse? ... life expectancy? ... the risk of
            # secondary cancers?": the tailored answer speaks to them all at once.
            return INFORM if states_profile(text) else FOR_ME
        scope = next((c for c in found if c.topic in SCOPE_FIRST), None)
        if scope and not story and main and (
                main is scope or registry().topics[main.topic].tailored):
            return registry().intent(scope.topic)
        if main and main.topic == GROUP and _whole_profile(text):
            # "I'm 69 and had a transplant ... I read that over 65s didn't live any
            # longer. Does that mean it won't help me?": their own group, with why
            return INFORM
        if story and about_another_cancer(text):
            # "CML, 8 years on imatinib now ... What is the chance of staying in
            # remission if I stop imatinib?": their own illness is not this tool's
            return registry().intent(OTHER_CANCER)
        if main and main.asked and (story or name in UNPLACED or name in NOT_FOR_A_STORY
                                    or confidence < SURE or main.topic in ALWAYS_LEADS
                                    or name == INFORM):  # "im 38, want kids one day, can i?"
            return registry().intent(main.topic)
        if main and main.asked and confidence < WORDLESS_SURE \
                and _a_topic_its_words_lack(name, text):
            # "so tired on revlimid ... is tiredness a normal thing with it?" taken for
            # travel: a topic none of whose words were said gives way to one asked
            return registry().intent(main.topic)
        if not story:
            return registry().intent(main.topic) if main and name in UNPLACED else None
        asked = message.get(QUESTION_INTENT)
        if asked and scope is None and (name in (INFORM, FOR_ME, *NOT_FOR_A_STORY)
                                        or confidence < SURE or states_profile(text)):
            # "... Does the trial say anything about MRD?": the question, read alone,
            # before the story's profile ("She's 67, had transplant") or its whole guess
            return asked
        if states_profile(text):
            return INFORM
        if main and not registry().topics[main.topic].in_passing:
            return registry().intent(main.topic)
        # A story with no question, concern or profile in it: what the trial
        # found for someone like them, never a decision step they did not ask for.
        if name in NOT_FOR_A_STORY or confidence < SURE or (
                _a_topic_its_words_lack(name) and not asks_anything(text)):
            return FOR_ME
        return None


def _whole_profile(text: str) -> bool:
    """Both an age and a transplant history (one that settles the group) are told:
    an age in years, or a group said of the one a carer asks for ("the over 70s
    like my mum"), not the group word alone ("does it help over 65s?")."""
    reading = read_profile(text)
    return reading.age is not None and (reading.age.years is not None or bool(reading.about)) \
        and reading.transplant in DECISIVE


def question_intent(sentences: List[Message]) -> Optional[str]:
    """The intent the classifier is surest of for a story's question sentences
    read on their own, when sure enough and one a question alone can lead."""
    guesses = [(m.get(INTENT) or {}) for m in sentences]
    sure = [g for g in guesses if str(g.get("name")).startswith(INTENT_PREFIX)
            and g.get("name") not in NOT_FROM_A_QUESTION
            and (g.get("confidence") or 0.0) >= QUESTION_SURE]
    best = max(sure, key=lambda g: g.get("confidence") or 0.0, default=None)
    return best.get("name") if best else None
