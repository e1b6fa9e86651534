"""Actions that say something with content: all text comes from bot.answers."""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Set, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (is_first_reply, latest_text, own_words, profile_changed_this_turn,
                            profile_from_slots, profile_given_this_turn, recent_bot_texts,
                            send_all,
                            tailored_answer_given)
from bot import answers, decision
from bot.profile import DECISIVE, AgeGroup, read_profile
from bot.answers import Choices
from bot.lines import join, say
from bot.sentences import asks, clauses, is_story, sentences, worries
from bot.topics import (BESIDE_HELP_FIRST, NOT_BESIDE_HELP, TAILORED_COVERS,
                        about_another_cancer, mention_of, registry)
from bot.safety import (WARNING_SIGNS, Alarm, about_someone_else, detect, hard_to_breathe,
                        help_first, red_flag_of_someone_else, support_first, urgent_help)
from bot.symptoms import asks_if_the_drug_caused_it, facts_part, symptom_in

TOPIC_INTENT_PREFIX = "ask_"


class ActionGreet(Action):
    def name(self) -> Text:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        send_all(dispatcher, answers.greeting(), tracker, disclose=False)
        return []


class ActionAnswerTopic(Action):
    """Answers an ``ask_<topic>`` intent with ``bot.answers.topic(<topic>)``."""

    def name(self) -> Text:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        name = intent[len(TOPIC_INTENT_PREFIX):] if intent.startswith(TOPIC_INTENT_PREFIX) else ""
        age_group, transplant = profile_from_slots(tracker)
        about = tracker.get_slot("cared_for")
        if name == "should_i_take" and (age_group or transplant) and (
                profile_given_this_turn(tracker) or not tailored_answer_given(tracker)):
            # "Is it worth it for me, I'm 68 and had an SCT": the facts that fit,
            # ending "I can't decide for you" (once; asked again, the choice itself).
            send_all(dispatcher, answers.tailored_parts(age_group, transplant, about), tracker,
                     title=answers.TAILORED_TITLE, choices=answers.FOLLOW_UPS)
            return [SlotSet("age_problem", None), SlotSet("transplant_problem", None)]
        events: List[Dict[Text, Any]] = []
        if name == "questions":  # their profile, their priorities, their own questions
            parts: List[Any] = decision.questions_list(
                age_group, transplant, tracker.get_slot("priorities") or [],
                tracker.get_slot("unanswered") or [], about)
        elif name == "last_answer":
            said = answers.last_answer_parts(own_words(tracker), recent_bot_texts(tracker),
                                             transplant)
            if said is None:
                # "yes or no?" with nothing said before it to lean on: the likeliest topics.
                return await ActionClarify().run(dispatcher, tracker, domain)
            parts = list(said)
        else:
            parts = answers.topic_parts(name, own_words(tracker), age_group, transplant, about)
        choices = [decision.OFFER] if name == "should_i_take" else None
        if name in decision.NOT_ANSWERED_TOPICS:
            parts, events = _noted_question(parts, tracker)
        if profile_given_this_turn(tracker) and name not in answers.PROFILE_TOPICS \
                and name != OUT_OF_SCOPE_TOPIC:  # not myeloma's figures for another cancer
            # A profile and a question in one message: answer, and say it is noted.
            parts = [*parts, answers.noted_profile(age_group, transplant, about)]
            choices = [answers.SUGGESTIONS["ask_for_me"]]
        # A question about the last answer is about that answer alone ("so is that
        # a yes or no, forever or not" is not a new question on how long).
        lines, more = ([], []) if name == "last_answer" else \
            other_concerns(tracker, answered={name})
        send_all(dispatcher, [*parts, *lines], tracker, choices=[*(choices or []), *more] or None)
        return events


OUT_OF_SCOPE_TOPIC = "other_condition"
# The emergency number as the bot says it: help that leads with it is an emergency.
_EMERGENCY = str(say("{safety.emergency}"))
MAX_MENTIONS = 2


def other_concerns(tracker: Tracker, answered: Iterable[str],
                   beside_help: bool = False) -> Tuple[List[Any], Choices]:
    """One short line for the other concerns the message brought up (at most
    two), each with a button to hear more. Beside help, what this tool covers
    leads, then only what they asked or worried about, not the help's own subject."""
    registered = registry().topics
    found = (tracker.latest_message or {}).get("concerns") or []
    if found[:1] == [OUT_OF_SCOPE_TOPIC]:
        # "I have breast cancer ... can I fly?": not ours to answer at all, but said
        # in a line when the answer was something else (help first, say).
        found = [] if OUT_OF_SCOPE_TOPIC in answered else [OUT_OF_SCOPE_TOPIC]
    if beside_help:  # only what they asked or worried about, not "after the long drive"
        asked = (tracker.latest_message or {}).get("asked_concerns") or []
        found = sorted((t for t in found if t in BESIDE_HELP_FIRST
                        or (t in asked and t not in NOT_BESIDE_HELP)),
                       key=lambda t: t not in BESIDE_HELP_FIRST)
    names = sorted((t for t in found if t not in answered and t in registered
                    and registered[t].mention and registered[t].button),
                   key=lambda t: registered[t].minor)[:MAX_MENTIONS]
    if not names:
        return [], []
    text = latest_text(tracker)
    return ([" ".join(f"{mention_of(t, text)} {answers.topic_gist(t)}" if registered[t].gist
                      else str(mention_of(t, text)) for t in names)],
            [button for t in names if (button := registered[t].button) is not None])


def _noted_question(parts: List[Any], tracker: Tracker) -> Tuple[List[Any], List[Dict]]:
    """A question the bot could not answer goes on their list for the haematologist
    (said the first time only)."""
    kept = tracker.get_slot("unanswered") or []
    words = own_words(tracker)
    if not decision.is_question(words) or len(words.split()) < 4:
        return parts, []  # a button or a statement is not their question
    if not kept:
        parts = [*parts, decision.NOTED_QUESTION]
    return parts, [SlotSet("unanswered", decision.remember_question(kept, own_words(tracker)))]


class ActionNoteQuestion(Action):
    """After the off-topic answer: a real question goes on their list for the
    haematologist; chatter does not."""

    def name(self) -> Text:
        return "action_note_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        parts, events = _noted_question([], tracker)
        send_all(dispatcher, parts, tracker, disclose=False)
        return events


class ActionTailoredAnswer(Action):
    """The findings that match the patient's age group and transplant history."""

    def name(self) -> Text:
        return "action_tailored_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        age_group, transplant = profile_from_slots(tracker)
        about = tracker.get_slot("cared_for")
        lines, more = other_concerns(tracker, answered=TAILORED_COVERS)
        survival = _asks_about_survival(tracker)
        if survival:
            # "will it buy me more time?": yes / no / it depends first; asked
            # again, that and the figures, not the whole block again.
            asked = own_words(tracker)
            direct = answers.survival_direct(transplant, asked)
            parts = answers.survival_parts(
                age_group, transplant, about, again=tailored_answer_given(tracker),
                just_said=any(text.startswith(direct) for text in recent_bot_texts(tracker)[:4]),
                asked=asked)
        else:
            parts = answers.tailored_parts(age_group, transplant, about)
            if str(parts[0]) in recent_bot_texts(tracker)[:6] and \
                    not profile_changed_this_turn(tracker):
                # "so what does that mean for him" straight after it: not the block again
                parts = answers.tailored_again(age_group, transplant, about)
        # A first message has nothing to put right; nor has a correction that changed nothing.
        if (tracker.latest_message or {}).get("correction") and isinstance(parts[0], str) \
                and not is_first_reply(tracker) and profile_changed_this_turn(tracker):
            parts[0] = join(answers.CHANGED, parts[0])  # says what it changed, first
        follow_ups = [answers.SUGGESTIONS["ask_remission"], *answers.FOLLOW_UPS] \
            if survival else answers.FOLLOW_UPS
        send_all(dispatcher, [*parts, *lines], tracker, title=answers.TAILORED_TITLE,
                 choices=[*follow_ups, *more])
        return [SlotSet("age_problem", None), SlotSet("transplant_problem", None)]


def _asks_about_survival(tracker: Tracker) -> bool:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    return intent == "ask_survival" or (message.get("concerns") or [None])[0] == "survival"


class ActionClarify(Action):
    """No dead end: a message the bot could not place gets its likeliest topics
    as buttons, plus "Something else"."""

    def name(self) -> Text:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        question, choices = answers.clarify([r.get("name") or "" for r in ranking])
        send_all(dispatcher, [question], tracker, choices=choices)
        return []


class ActionSafetyAlert(Action):
    """Help first: the action for the red flag found, support for distress,
    the crisis answer for a crisis; then the person's question, if they asked one."""

    def name(self) -> Text:
        return "action_safety_alert"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        words = own_words(tracker)
        parts: List[Any] = help_first(words) or help_first(latest_text(tracker))
        alarm = detect(words) or detect(latest_text(tracker))
        if not parts:  # only the classifier took it for an alarm: the full lists
            alarm = Alarm(intent) if intent in {a.value for a in Alarm} else Alarm.RED_FLAG
            parts = (support_first(others=False) if alarm is Alarm.DISTRESS else
                     list(urgent_help(alarm, someone_else=alarm is Alarm.CRISIS
                                      and about_someone_else(words),
                                      breathing=hard_to_breathe(words))))
        symptom = symptom_in(words) if alarm is Alarm.RED_FLAG else None
        asked = (tracker.latest_message.get("asked_concerns") or [None])[0]
        if symptom is not None and asked in _ABOUT_THE_SYMPTOM and symptom.findings:
            # "I keep getting big bruises, is that normal?": help first, then what the
            # trial found about it; "so sleepy we can't wake him" after the 999 line:
            # never "It can happen. It is common." beside an emergency.
            if symptom.urgent and not about_another_cancer(words):
                parts.append(facts_part(symptom))  # lenalidomide's facts, for those on it
        elif alarm is not Alarm.CRISIS:
            # "my temp is 38.4 tonight. how long do people stay on it?": their question;
            # one the bot cannot place is not dropped without a word.
            # "CML, 8 years on imatinib ... what is the chance if I stop imatinib?":
            # their question is about what this tool does not cover (said after the help)
            question = [] if (symptom is None and asks_if_the_drug_caused_it(words)) \
                or about_another_cancer(words) else _their_question(tracker, alarm)
            if question and alarm is Alarm.RED_FLAG and _EMERGENCY in str(parts[0]):
                # "a tight pressing feeling in my chest ... is this one of the side
                # effects?": after "call 999 now", no block of harms; later, if they wish
                question = [answers.ASK_AGAIN_AFTER_HELP]
            if not question and alarm is Alarm.RED_FLAG and \
                    any(asks(c) for s in sentences(words) for c in clauses(s)):
                question = [answers.ASK_AGAIN_AFTER_HELP]
            parts.extend(question)
        if alarm is Alarm.RED_FLAG and red_flag_of_someone_else(words):
            # after the help: the carer's own load, and where they can turn
            parts.append(join(answers.CARER_LINE, say(answers.CARERS_SUPPORT)))
        more: Choices = []
        if alarm is not Alarm.CRISIS:
            # What this tool does not cover, told in the story ("since last September
            # I've been on tamoxifen"), or hospice care, then the story's other concerns
            # (money, travel): a line each, after the help and the question.
            lines, more = other_concerns(tracker, answered={asked} - {None}, beside_help=True)
            parts.extend(lines)
        choices = [*([WARNING_SIGNS] if alarm is Alarm.RED_FLAG else []), *more] or None
        send_all(dispatcher, parts, tracker, disclose_last=True, choices=choices)
        # actions.profile_actions imports this module: its helper is imported here.
        from actions.profile_actions import profile_beside_an_alarm

        return [SlotSet(name, value) for name, value in profile_beside_an_alarm(tracker).items()]


# A symptom named with these asked (or nothing asked) is asked about as a symptom.
_ABOUT_THE_SYMPTOM = {None, "side_effects", "warning_signs"}
# Below this the classifier's guess for the rest of the message is not taken
# as their question (help has been given either way).
QUESTION_CONFIDENCE = 0.3
_NOT_A_QUESTION = {"red_flag", "crisis", "distress", "nlu_fallback", "out_of_scope", "greet",
                   "goodbye", "thank", "affirm", "deny", "inform", "ask_support",
                   "ask_warning_signs"}


def _their_question(tracker: Tracker, alarm: Optional[Alarm] = None) -> List[Any]:
    """The concern asked beside an alarm ("I'm so low. how long will I be on
    it?"), answered after the help: the one the message asks about or voices
    as a worry (bot.topics), else the classifier's likeliest other topic when
    it is confident enough. A message that asks nothing gets the help alone."""
    message = tracker.latest_message or {}
    words = own_words(tracker)
    if not any(asks(s) or worries(s) for s in sentences(words)):
        return []  # "so tired of all of it ...": help, not a topic they did not ask about
    concerns = message.get("asked_concerns") or []
    age_group, transplant = profile_from_slots(tracker)
    if concerns and concerns[0] in registry().topics and registry().topics[concerns[0]].tailored \
            and (age_group or transplant):
        # "I feel such a burden. what did the trial find for someone like me": theirs
        parts: List[Any] = answers.tailored_parts(age_group, transplant,
                                                  tracker.get_slot("cared_for"))
        parts[0] = join("About your question:", parts[0])
        return parts
    if concerns and concerns[0] == "survival":
        # "im scared of dying before my kids grow up. does it help people live
        # longer": the direct answer by group, and the offer to fit the figures;
        # "He's 66, had a transplant last year ... does it make you live longer?":
        # the direct answer for his group.
        reading = read_profile(words, caring=True)
        told = transplant or reading.transplant
        direct = join("About your question:", answers.survival_direct(told, words))
        if told in DECISIVE:
            return [direct, answers.FIGURES_WHEN_READY]
        # "She's 72 ...": only whether a transplant was possible is still to ask
        aged = age_group or (reading.age.group if reading.age else None)
        return [direct, answers.TAILOR_OFFER_TRANSPLANT if aged in (
            AgeGroup.UNDER_65, AgeGroup.AGE_65_OR_OVER) else answers.TAILOR_OFFER]
    covered = _COVERED_BY_THE_HELP.get(alarm, _NOT_A_QUESTION_TOPIC)
    topic = next((t for t in concerns if t in answers.TOPICS and t not in covered), None)
    if topic is None and not is_story(words):  # a story's own reading is the one to trust
        topic = _likeliest_topic(message.get("intent_ranking") or [])
    if topic is None:  # both ways give only topics bot.answers has
        return []
    parts = answers.topic_parts(topic, words)
    if parts and isinstance(parts[0], str):
        parts[0] = join("About your question:", parts[0])
    return parts


# Topics not answered after urgent help (the help already covers them): support
# covers someone to talk to, and only the red-flag help the warning signs.
_NOT_A_QUESTION_TOPIC = {"warning_signs", "support"}
_COVERED_BY_THE_HELP: Dict[Optional[Alarm], Set[str]] = {
    Alarm.DISTRESS: {"support"}, Alarm.CRISIS: {"support"}}


def _likeliest_topic(ranking: List[Dict[str, Any]]) -> Optional[str]:
    for guess in ranking:
        name = guess.get("name") or ""
        if name in _NOT_A_QUESTION:
            continue
        if (guess.get("confidence") or 0) < QUESTION_CONFIDENCE or \
                not name.startswith(TOPIC_INTENT_PREFIX):
            return None
        topic = name[len(TOPIC_INTENT_PREFIX):]
        return topic if topic in answers.TOPICS else None
    return None
