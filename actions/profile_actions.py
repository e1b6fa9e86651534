"""Filling the profile slots from what the patient types, at any turn."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction, ValidationAction
from rasa_sdk.types import DomainDict

from actions.answer_actions import other_concerns
from actions.common import (buttons, latest_text, own_words, profile_changed_this_turn,
                            profile_from_slots,
                            recent_bot_texts, said_this_turn, summary_explained,
                            tailored_answer_given, with_disclosure, with_safety_net_line)
from bot import answers
from bot.profile import DECISIVE as DECISIVE_TRANSPLANTS
from bot.profile import (SOMEONE, AgeGroup, Asked, ProfileReading, TransplantProblem,
                         named_and_asked_for, read_profile, settle_transplant,
                         story_about)
from bot.safety import Alarm, detect
from bot.sentences import is_story
from bot.topics import TAILORED_COVERS
from bot.symptoms import symptom_in

PROFILE_FORM = "profile_form"
# The form's slot names, as the profile reader's questions (it knows no slots).
ASKED_BY_SLOT: Dict[str, Asked] = {"age_group": Asked.AGE, "transplant": Asked.TRANSPLANT}


# Slot values of the transplant answers that settle the trial group (bot.profile.DECISIVE):
# with one of these, the form does not ask the age.
DECISIVE = frozenset(t.value for t in DECISIVE_TRANSPLANTS)


class ValidateProfileForm(FormValidationAction):
    """The profile form asks the age only when the transplant answer leaves the
    trial group open: "I had my transplant in the spring" gets the figures at once."""

    def name(self) -> Text:
        return "validate_profile_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        if tracker.get_slot("transplant") in DECISIVE:
            return [slot for slot in domain_slots if slot != "age_group"]
        return domain_slots


def asked_for(requested_slot: Optional[str]) -> Optional[Asked]:
    """The question the form has just asked; None for any other slot."""
    return ASKED_BY_SLOT.get(requested_slot or "")


@lru_cache(maxsize=128)
def _parse(text: str, asked: Optional[Asked], today: dt.date,
           caring: bool = False) -> Optional[ProfileReading]:
    """One parse per message, shared by both extract methods (readings are frozen).

    A red-flag or crisis message fills nothing, so that an active form
    rejects and the safety rule answers first (distress: see ``_reading``).
    """
    if not text or text.startswith("/") or detect(text) in (Alarm.RED_FLAG, Alarm.CRISIS):
        return None
    return read_profile(text, asked, today, caring)


def _reading(tracker: Tracker, beside_an_alarm: bool = False) -> Optional[ProfileReading]:
    """This turn's reading; None when the message must not fill slots.
    ``beside_an_alarm``: read even a red-flag message (after its help)."""
    asked = None
    if tracker.active_loop_name == PROFILE_FORM:
        asked = asked_for(tracker.get_slot("requested_slot"))
    text = latest_text(tracker)
    caring = tracker.get_slot("cared_for") is not None or \
        _story_subject(own_words(tracker)) is not None
    if beside_an_alarm:
        return read_profile(text, asked, dt.date.today(), caring)
    if tracker.active_loop_name and _routed_to_help(tracker):
        # Nor, while a form waits, does any message the help goes to first (distress,
        # as the NLU routed it): a form that could take the answer ("Rather not say.
        # I'm just overwhelmed, everything is too much right now", to the age question)
        # asked on with no help at all (the ninth session's psychologist review); the
        # help keeps the profile told (profile_beside_an_alarm). With no form, the
        # safety rule answers first anyway, and the profile filled now lets the help
        # answer their question after it ("About your question: You are under 65 ...").
        return None
    return _parse(text, asked, dt.date.today(), caring)


def _routed_to_help(tracker: Tracker) -> bool:
    """Whether this message's intent takes it to the help first (actions.answer_actions
    .ActionSafetyAlert): red flag, crisis or distress."""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return intent in {alarm.value for alarm in Alarm}


def profile_beside_an_alarm(tracker: Tracker) -> Dict[str, Any]:
    """The age or transplant told in a red-flag message ("im 67 and ive had a
    temp of 38.5 since last night", to the age question): kept, after the help
    (actions.answer_actions.ActionSafetyAlert), so the form asks on instead of
    asking again. ``_parse`` fills nothing for such a message, so that the form
    rejects it and the safety rule answers first. A crisis keeps nothing: the
    form ends there."""
    if detect(own_words(tracker)) is Alarm.CRISIS:
        return {}
    reading = _reading(tracker, beside_an_alarm=True)
    if reading is None:
        return {}
    slots: Dict[str, Any] = {}
    if reading.age is not None and reading.age.problem is None and reading.age.group:
        slots["age_group"] = reading.age.group.value
    if reading.transplant is not None:
        status, problem = settle_transplant(reading.transplant, False)
        if status is not None and problem is None:
            slots["transplant"] = status.value
    if slots and reading.about not in (None, SOMEONE) and not reading.own:
        slots["cared_for"] = reading.about
    return slots


def _story_subject(text: str) -> Optional[str]:
    """Whom a carer's story is about ("My dad ... he underwent a transplant"),
    or None for a message that is not such a story."""
    return story_about(text) if is_story(text) else None


class ActionValidateSlotMappings(ValidationAction):
    """Runs after every user message, in or out of the form, so a patient can
    give or correct their age and transplant history at any point."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def extract_age_group(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        reading = _reading(tracker)
        if reading is None or reading.age is None:
            return {}
        if reading.age.problem is not None:
            # Clearing the slot makes the form ask again, explaining why.
            return {"age_group": None, "age_problem": reading.age.problem.value}
        group = reading.age.group
        if group is AgeGroup.NOT_GIVEN and tracker.get_slot("age_group") and \
                asked_for(tracker.get_slot("requested_slot")) is not Asked.AGE:
            return {}  # "rather not say" to another question keeps the age they gave
        return {"age_group": group.value if group else None, "age_problem": None}

    async def extract_transplant(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        reading = _reading(tracker)
        if reading is None or reading.transplant is None:
            return {}
        asked_why = tracker.get_slot("transplant_problem") == TransplantProblem.NO_REASON.value
        status, problem = settle_transplant(reading.transplant, asked_why)
        # Clearing the slot makes the form ask the one follow-up question.
        return {"transplant": status and status.value,
                "transplant_problem": problem and problem.value}

    async def extract_cared_for(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """A carer's profile names who it is about; a later "he"/"she" keeps the
        name. A carer's story that states no profile ("My mum ... she might
        start len") names them too, so the questions ask about her."""
        reading = _reading(tracker)
        if reading is not None and reading.about in (None, SOMEONE) and not reading.own \
                and not tracker.get_slot("cared_for"):
            # a story of one relative, or one asked for by name with no profile yet ("im
            # asking for my husband he has myeloma, the doctors are talking about maintenance")
            words = own_words(tracker)
            subject = _story_subject(words) or named_and_asked_for(words)
            if subject:
                return {"cared_for": subject}
        if reading is not None and reading.own and tracker.get_slot("cared_for"):
            return {"cared_for": None}  # "I'm 68 and had one": the speaker's own profile now
        if reading is None or reading.about is None:
            return {}
        if reading.about == SOMEONE and tracker.get_slot("cared_for"):
            return {}
        return {"cared_for": reading.about}


# Intents with which a story that asks nothing starts the profile form
# (components/story_intent.py).
_STORY_STARTS = ("ask_for_me", "inform", "ask_survival")


def story_first(tracker: Tracker) -> bool:
    """Whether the trial in brief goes before this profile question: the
    person told a story (whatever it asks that no topic answers), or asked what
    the trial found, and this session has shown neither the brief nor the
    tailored answer yet."""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    text = own_words(tracker)
    return intent in _STORY_STARTS and (is_story(text) or answers.asks_what_it_found(text)) \
        and not tailored_answer_given(tracker) \
        and not any(answers.STORY_BRIEF in said for said in recent_bot_texts(tracker))


def _asked_and_unanswered(tracker: Tracker) -> Optional[str]:
    """A topic the latest message asked about that nothing has answered yet this
    turn (its age or transplant filled the form, so no rule answered it)."""
    if said_this_turn(tracker):
        return None
    asked = (tracker.latest_message or {}).get("asked_concerns") or []
    return next((topic for topic in asked if topic in answers.TOPICS
                 and topic not in TAILORED_COVERS), None)


def _asks_to_live_longer_now(tracker: Tracker) -> bool:
    """This turn's message asked whether it helps people live longer, and nothing
    has answered it yet (the form asks for the profile first)."""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return intent == "ask_survival" and not said_this_turn(tracker)


def _ask(dispatcher: CollectingDispatcher, tracker: Tracker, question: str,
         choices: List, about: Optional[str]) -> None:
    """A profile question with quick replies (after the notice, if first);
    after a story that asks nothing, the trial in brief comes before it."""
    brief: List[Any] = []
    unanswered = _asked_and_unanswered(tracker)
    if (tracker.latest_message or {}).get("correction") and profile_changed_this_turn(tracker):
        # "sorry I meant 66, typo!" while the transplant is asked: said, then asked on
        brief = [answers.CHANGED]
    elif unanswered:
        # "im 38 and want kids one day, can i?" to the age question: the age is
        # taken, and the question is answered before the next one.
        brief = answers.topic_parts(unanswered, own_words(tracker))
    elif story_first(tracker):
        # The story's other concerns ("my insurance refused it"): a line each,
        # and their buttons after the question's own.
        mentions, more = other_concerns(tracker, answered=())
        brief = answers.mark_first_summary_figure(
            answers.story_overview(*profile_from_slots(tracker), about, mentions,
                                   symptom_in(own_words(tracker)), own_words(tracker)),
            summary_explained(tracker))
        choices = [*choices, *more]
    elif _asks_to_live_longer_now(tracker):
        # "does it make you live longer? yes or no please": yes, no or it depends,
        # before the question that tailors the figures.
        brief = [answers.survival_direct(profile_from_slots(tracker)[1], own_words(tracker))]
    *before, last = with_disclosure(with_safety_net_line([*brief, question], dispatcher, tracker),
                                    tracker)
    for text in before:
        dispatcher.utter_message(text=str(text))
    dispatcher.utter_message(text=str(last), buttons=buttons(choices))


class ActionAskAgeGroup(Action):
    """The form's age question, with buttons, and a reason when re-asking."""

    def name(self) -> Text:
        return "action_ask_age_group"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        about = tracker.get_slot("cared_for")
        _ask(dispatcher, tracker, answers.ask_age(tracker.get_slot("age_problem"), about),
             answers.age_choices(about), about)
        return []


class ActionAskTransplant(Action):
    """The form's transplant question, with buttons."""

    def name(self) -> Text:
        return "action_ask_transplant"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        problem = tracker.get_slot("transplant_problem")
        about = tracker.get_slot("cared_for")
        _ask(dispatcher, tracker, answers.ask_transplant(problem, about),
             answers.transplant_choices(problem, about), about)
        return []
