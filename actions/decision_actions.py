"""The decision-support steps as Rasa forms: where you are in deciding (the
SURE test), what matters most, the knowledge check, and My summary.

The words are bot.decision's and bot.summary's; this module only reads
slots, fills them from what the person typed, and sends the replies.
"""
from __future__ import annotations

import datetime as dt
import os
from abc import abstractmethod
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (latest_text, own_words, profile_from_slots, recent_bot_texts,
                            send_all)
from bot import decision
from bot.sentences import asks_anything
from bot.answers import Choices, Message
from bot.safety import detect, safety_check
from bot.summary import SummaryRecord, as_messages
from bot.summary_store import default_store

DECISION_SLOTS = ("decision_lean", "decision_how", *decision.SURE_IDS)
QUIZ_SLOTS = decision.QUIZ_IDS
PRIORITIES = "priorities"
PRIORITIES_DONE = "priorities_done"
UNANSWERED = "unanswered"
# Answers in a row a step could not read; after MAX_MISSES it moves on.
MISSES = "step_misses"
MAX_MISSES = 2
# Intents that count as a missed answer; any other has its own rule in a step
# (a topic question, another step, stop, urgent help, a greeting).
_ALARM_INTENTS = {"red_flag", "crisis"}
_MISS_INTENTS = {"nlu_fallback", "inform", "affirm", "deny", "out_of_scope", "ask_for_me",
                 "ask_survival", "ask_should_i_take", "ask_priorities"}
SUMMARY_BASE_URL_ENV = "SUMMARY_BASE_URL"
DEFAULT_SUMMARY_BASE_URL = "/summary"
# Channels that show the summary as text rather than a link to the page.
_SUMMARY_AS_TEXT = {"slack", "cmdline"}
_DAYS = ["", "one day", "two days", "three days", "four days", "five days", "six days",
         "seven days"]

Reader = Callable[[str], Optional[str]]
MAX_WORDS_OF_A_STATED_PRIORITY = 15


def _usable_text(tracker: Tracker) -> Optional[str]:
    """The message, unless it is a button payload like "/greet" or raises an alarm
    (then nothing is filled, the form rejects, and the safety rule answers)."""
    text = own_words(tracker)
    if not text or text.startswith("/") or detect(text) or detect(latest_text(tracker)):
        return None
    return text


class StepFormValidation(FormValidationAction):
    """Base for the decision-support forms: reads only the slot just asked for,
    with that slot's reader, and lets a subclass add feedback once it is filled."""

    readers: Dict[str, Reader] = {}
    # Slots outside the form's required slots that reading may set (rasa-sdk
    # would otherwise drop them).
    also_sets: Tuple[str, ...] = ("step_misses",)

    @abstractmethod
    def name(self) -> Text:
        """validate_<form name> (rasa-sdk registers only concrete subclasses)."""

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[Dict]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        recent = tracker.slots_to_validate()
        return events + [SlotSet(slot, recent[slot]) for slot in self.also_sets
                         if slot in recent]

    async def get_extraction_events(self, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> List[Dict]:
        slot = tracker.get_slot("requested_slot")
        text = _usable_text(tracker)
        if slot not in self.readers or text is None:
            return []
        return self.read(slot, text, dispatcher, tracker)

    def read(self, slot: str, text: str, dispatcher: CollectingDispatcher,
             tracker: Tracker) -> List[Dict]:
        value = self.readers[slot](text)
        if value is None:
            worry = self.worry_on_the_way(text, dispatcher, tracker)
            return worry or self.missed(slot, text, dispatcher, tracker)
        return [SlotSet(slot, value), SlotSet(MISSES, None)]

    @staticmethod
    def worry_on_the_way(text: str, dispatcher: CollectingDispatcher,
                         tracker: Tracker) -> List[Dict]:
        """"I'm worried about years of hospital visits" when asked which way they
        lean: kept for the summary and said in one line; the question is asked again."""
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        if decision.is_question(text) or intent not in _MISS_INTENTS:
            return []  # a question or another topic: the rules answer it
        chosen = list(tracker.get_slot(PRIORITIES) or [])
        new = [p for p in decision.read_priorities(text) if p not in chosen]
        if not new:
            return []
        send_all(dispatcher, [decision.noted_on_the_way(new)], tracker)
        return [SlotSet(PRIORITIES, chosen + new)]

    def missed(self, slot: str, text: str, dispatcher: CollectingDispatcher,
               tracker: Tracker, given_up: str = decision.NOT_SAID) -> List[Dict]:
        """No dead end: a question or a request for another topic is left to the
        rules (the form is rejected); anything else gets the hint once, then the
        step moves on with the question left unanswered."""
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        alarm_guess = intent in _ALARM_INTENTS  # the classifier's guess; no rule fired
        if decision.is_question(text) or (intent not in _MISS_INTENTS and not alarm_guess):
            return []
        if alarm_guess:
            # "i have my wife and the nurse" as an answer is not an emergency: the
            # safety rules found nothing, so a short safety line, then the step goes on.
            send_all(dispatcher, [safety_check()], tracker)
        misses = int(tracker.get_slot(MISSES) or 0) + 1
        if misses < MAX_MISSES:
            dispatcher.utter_message(response="utter_step_not_understood")
            return [SlotSet(MISSES, misses)]
        send_all(dispatcher, [decision.LEFT_UNANSWERED], tracker)
        return [SlotSet(slot, given_up), SlotSet(MISSES, None)]


class ValidateDecisionForm(StepFormValidation):
    also_sets = (PRIORITIES, "step_misses")
    readers = {"decision_lean": decision.read_lean, "decision_how": decision.read_decide_how,
               **{sid: decision.read_answer for sid in decision.SURE_IDS}}

    def name(self) -> Text:
        return "validate_decision_form"


class ValidateQuizForm(StepFormValidation):
    also_sets = (PRIORITIES, "step_misses")
    readers = {qid: decision.read_answer for qid in decision.QUIZ_IDS}

    def name(self) -> Text:
        return "validate_quiz_form"

    def read(self, slot: str, text: str, dispatcher: CollectingDispatcher,
             tracker: Tracker) -> List[Dict]:
        events = super().read(slot, text, dispatcher, tracker)
        answer = next((e["value"] for e in events if e.get("name") == slot), None)
        if answer is not None:  # feedback only for a real answer, never for a miss
            send_all(dispatcher, decision.quiz_feedback(slot, answer), tracker)
        return events


class ValidateValuesForm(StepFormValidation):
    """Each message either names what matters (reflected back, kept, and the form
    asks again), says that's all (the form ends), or is another question."""

    readers = {PRIORITIES_DONE: lambda text: None}
    also_sets = (PRIORITIES, "step_misses")

    def name(self) -> Text:
        return "validate_values_form"

    def read(self, slot: str, text: str, dispatcher: CollectingDispatcher,
             tracker: Tracker) -> List[Dict]:
        chosen = list(tracker.get_slot(PRIORITIES) or [])
        if asks_anything(text) and \
                not any(decision.VALUES_ASKED in said for said in recent_bot_texts(tracker)):
            # A question that started the step ("these car park charges are killing me
            # lol. anyway what are the side effects") answers nothing yet asked: never
            # quoted back as a value ("my main worry is the side effects" may start it).
            return []
        if decision.read_done(text):
            return [SlotSet(PRIORITIES_DONE, "yes"), SlotSet(MISSES, None)]
        if decision.read_distress(text):
            send_all(dispatcher, decision.distress_reply(), tracker)
            return [SlotSet(MISSES, None)]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        found = [] if text.strip().endswith("?") else decision.read_priorities(text)
        if not found and intent in _ALARM_INTENTS:  # only the classifier's guess
            return self.missed(slot, text, dispatcher, tracker, given_up="yes")
        if not found and (intent not in _FREE_TEXT_INTENTS or decision.is_question(text)):
            return []  # another question or step: the rules answer it
        if not found and len(text.split()) < 3:  # "hmm"
            return self.missed(slot, text, dispatcher, tracker, given_up="yes")
        _, offered = decision.ask_priorities(chosen)
        age_group, transplant = profile_from_slots(tracker)
        send_all(dispatcher, decision.reflect(found, text, decision.is_button(text, offered),
                                              age_group, transplant), tracker)
        return [SlotSet(PRIORITIES, chosen + [p for p in found if p not in chosen]),
                SlotSet(MISSES, None)]


# What a "what matters to me" message may be classified as when it names
# nothing the bot knows: then it says so kindly rather than answer a topic.
_FREE_TEXT_INTENTS = {"ask_priorities", "nlu_fallback", "out_of_scope", "inform", "affirm",
                      "deny", "ask_for_me", "ask_survival", "ask_should_i_take"}


class _Ask(Action):
    """One question of a decision-support form, with its quick replies."""

    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    @abstractmethod
    def question(self, tracker: Tracker, again: bool = False) -> Tuple[Message, Choices]:
        """The question and its quick replies; ``again`` drops the introduction."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        short, _ = self.question(tracker, again=True)
        asked = any(str(short) in said for said in recent_bot_texts(tracker))
        text, choices = self.question(tracker, again=asked)
        send_all(dispatcher, [text], tracker, choices=choices)
        return []


class ActionAskDecisionLean(_Ask):
    slot = "decision_lean"

    def question(self, tracker: Tracker, again: bool = False) -> Tuple[Message, Choices]:
        return decision.ask_lean(tracker.get_slot("cared_for"), again)


class ActionAskDecisionHow(_Ask):
    slot = "decision_how"

    def question(self, tracker: Tracker, again: bool = False) -> Tuple[Message, Choices]:
        return decision.ask_decide_how(tracker.get_slot("cared_for"), again)


class ActionAskPrioritiesDone(_Ask):
    slot = PRIORITIES_DONE

    def question(self, tracker: Tracker, again: bool = False) -> Tuple[Message, Choices]:
        return decision.ask_priorities(tracker.get_slot(PRIORITIES) or [],
                                       tracker.get_slot("cared_for"))


def _sure_asker(sid: str) -> type:
    def question(self: _Ask, tracker: Tracker, again: bool = False) -> Tuple[Message, Choices]:
        return decision.ask_sure(sid, tracker.get_slot("cared_for"), again)
    return type(f"ActionAsk_{sid}", (_Ask,), {"slot": sid, "question": question})


def _quiz_asker(qid: str) -> type:
    def question(self: _Ask, tracker: Tracker, again: bool = False) -> Tuple[Message, Choices]:
        return decision.ask_quiz(qid, again)
    return type(f"ActionAsk_{qid}", (_Ask,), {"slot": qid, "question": question})


# rasa-sdk registers every Action subclass it can find: one per question.
SURE_ASKERS = [_sure_asker(sid) for sid in decision.SURE_IDS]
QUIZ_ASKERS = [_quiz_asker(qid) for qid in decision.QUIZ_IDS]


class _Reset(Action):
    """Clears a step's answers so that asking again starts it afresh."""

    slots: Tuple[str, ...] = ()

    @abstractmethod
    def name(self) -> Text:
        """action_reset_<step>."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        return [SlotSet(slot, None) for slot in self.slots]


class ActionResetDecision(_Reset):
    """Starts afresh; "we'll decide with the consultant" in the asking message
    answers that question at once."""

    slots = (*DECISION_SLOTS, MISSES)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        # Which way they lean is always asked, never guessed from the asking message;
        # "we'll decide with the consultant" does answer how they want to decide.
        how = decision.read_decide_how(_usable_text(tracker) or "")
        return events + ([SlotSet("decision_how", how)]
                         if how not in (None, decision.NOT_SAID) else [])

    def name(self) -> Text:
        return "action_reset_decision"


class ActionResetQuiz(_Reset):
    slots = (*QUIZ_SLOTS, MISSES)

    def name(self) -> Text:
        return "action_reset_quiz"


class ActionResetValues(_Reset):
    """Starts the values exchange; "my main worry is the side effects" is
    reflected at once. What they chose before is kept, and added to."""

    slots = (PRIORITIES_DONE, MISSES)

    def name(self) -> Text:
        return "action_reset_values"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        text = _usable_text(tracker) or ""
        # Free text is a value only right after the bot asked what matters: the
        # message that starts the step is reflected only when it is a short
        # statement of a priority ("my main worry is the side effects"), never a story.
        if len(text.split()) > MAX_WORDS_OF_A_STATED_PRIORITY or decision.is_question(text):
            return events
        found = decision.read_priorities(text)
        if not found:
            return events
        chosen = list(tracker.get_slot(PRIORITIES) or [])
        age_group, transplant = profile_from_slots(tracker)
        send_all(dispatcher, decision.reflect(found, text, False, age_group, transplant),
                 tracker)
        return events + [SlotSet(PRIORITIES, chosen + [p for p in found if p not in chosen])]


class ActionSureResult(Action):
    def name(self) -> Text:
        return "action_sure_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        messages, choices = decision.sure_result(
            tracker.get_slot("decision_lean"), tracker.get_slot("decision_how"),
            {sid: tracker.get_slot(sid) for sid in decision.SURE_IDS},
            tracker.get_slot("cared_for"))
        send_all(dispatcher, messages, tracker, choices=choices)
        return []


class ActionValuesDone(Action):
    def name(self) -> Text:
        return "action_values_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        messages, choices = decision.priorities_done(tracker.get_slot(PRIORITIES) or [],
                                                     tracker.get_slot("cared_for"))
        send_all(dispatcher, messages, tracker, choices=choices)
        return []


class ActionQuizResult(Action):
    def name(self) -> Text:
        return "action_quiz_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        messages, choices = decision.quiz_result({q: tracker.get_slot(q) for q in QUIZ_SLOTS})
        send_all(dispatcher, messages, tracker, choices=choices)
        return []


def summary_record(tracker: Tracker, today: Optional[dt.date] = None) -> SummaryRecord:
    """The person's own choices from the slots; nothing else from the conversation."""
    age_group, transplant = profile_from_slots(tracker)
    return SummaryRecord(
        made_on=today or dt.date.today(), age_group=age_group, transplant=transplant,
        cared_for=tracker.get_slot("cared_for"), lean=tracker.get_slot("decision_lean"),
        decide_how=tracker.get_slot("decision_how"),
        sure={sid: tracker.get_slot(sid) for sid in decision.SURE_IDS},
        priorities=list(tracker.get_slot(PRIORITIES) or []),
        questions=list(tracker.get_slot(UNANSWERED) or []))


def summary_url(token: str) -> str:
    base = os.environ.get(SUMMARY_BASE_URL_ENV, DEFAULT_SUMMARY_BASE_URL).rstrip("/")
    return f"{base}/{token}"


class ActionSummary(Action):
    """My summary: a link to the printable page on the web, text elsewhere."""

    def name(self) -> Text:
        return "action_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        record = summary_record(tracker)
        channel = tracker.get_latest_input_channel() or ""
        if channel in _SUMMARY_AS_TEXT:
            # A long text: no quick replies after it, so the shell is back at its prompt.
            send_all(dispatcher, [*as_messages(record), decision.SUMMARY_AFTER_TEXT], tracker)
            return []
        store = default_store()
        try:
            token = store.save(record)
        except Exception:  # noqa: BLE001 - a full disk must not silence the bot
            send_all(dispatcher, [decision.SUMMARY_FAILED], tracker)
            return []
        days = max(1, round(store.ttl_seconds / 86400))
        send_all(dispatcher, [decision.summary_ready(_DAYS[days] if days < len(_DAYS)
                                                     else "a week")], tracker)
        payload = {"link": {"href": summary_url(token), "label": decision.SUMMARY_LINK_LABEL}}
        dispatcher.utter_message(
            json_message={"data": payload} if channel == "socketio" else payload)
        send_all(dispatcher, [decision.SUMMARY_AFTER_LINK], tracker, disclose=False,
                 choices=decision.next_steps("summary"))
        return []
