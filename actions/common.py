"""Small helpers shared by the actions: reading the profile, sending replies
in the shape each channel shows best."""
from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import past_events
from actions.slack_blocks import answer_blocks
from bot import answers
from bot.answers import Choices, Part
from bot.pictures import Picture
from bot.safety import safety_net
from bot.profile import AgeGroup, Transplant
from bot.vocabulary import ORIGINAL_TEXT

# Where the web server (web/serve.py) serves the icon arrays. Relative by
# default, so the web page loads them from its own origin (its CSP allows
# only that). Slack fetches images itself, so a Slack deployment sets this to
# a public HTTPS address.
PICTURES_BASE_URL_ENV = "PICTURES_BASE_URL"
DEFAULT_PICTURES_BASE_URL = "/pictures"
# Channels that cannot show a picture; the text already carries the figures.
_TEXT_ONLY = {"cmdline"}


def profile_from_slots(tracker: Tracker) -> Tuple[Optional[AgeGroup], Optional[Transplant]]:
    """The profile as the core understands it; unknown or odd slot values are None."""
    def as_enum(enum, value):
        try:
            return enum(value) if value is not None else None
        except ValueError:
            return None

    return (
        as_enum(AgeGroup, tracker.get_slot("age_group")),
        as_enum(Transplant, tracker.get_slot("transplant")),
    )


def picture_url(picture: Picture) -> str:
    base = os.environ.get(PICTURES_BASE_URL_ENV, DEFAULT_PICTURES_BASE_URL).rstrip("/")
    return f"{base}/{picture.finding_id}.png"


def _bot_texts_this_session(tracker: Tracker) -> List[str]:
    """What the bot has said since the conversation session started, newest first."""
    return past_events.bot_texts_this_session(
        [(e.get("event"), e.get("text")) for e in tracker.events or []])


def recent_bot_texts(tracker: Tracker) -> List[str]:
    """The bot's last few messages this session, newest first (as many as
    the Rasa server sends, actions/past_events.py)."""
    return _bot_texts_this_session(tracker)[:past_events.RECENT_BOT_TEXTS]


def tailored_answer_given(tracker: Optional[Tracker]) -> bool:
    """Whether this session already showed the tailored first answer."""
    return tracker is not None and any(
        answers.CANT_DECIDE in text for text in _bot_texts_this_session(tracker))


def is_first_reply(tracker: Optional[Tracker]) -> bool:
    """True when the bot has said nothing yet in this conversation session."""
    return tracker is not None and not _bot_texts_this_session(tracker)


def summary_explained(tracker: Optional[Tracker]) -> bool:
    """Whether this session has already said where summary-only figures come from."""
    return tracker is not None and any(
        answers.SUMMARY_TAG_FIRST in text for text in _bot_texts_this_session(tracker))


def with_disclosure(messages: List[Part], tracker: Optional[Tracker],
                    last: bool = False) -> List[Part]:
    """Add the automated-tool notice to the session's first reply.

    It goes first, except after urgent-help messages, which must lead.
    """
    if not is_first_reply(tracker):
        return messages
    return messages + [answers.disclosure()] if last else [answers.disclosure()] + messages


def send_all(dispatcher: CollectingDispatcher, parts: Iterable[Part],
             tracker: Optional[Tracker] = None, title: Optional[str] = None,
             disclose: bool = True, disclose_last: bool = False,
             choices: Optional[Choices] = None) -> None:
    """Send an answer: Block Kit in Slack, separate bubbles elsewhere.

    ``parts`` are messages and icon arrays in the order they should appear.
    Pictures go as a custom payload ``{"picture": {src, alt, caption}}`` that
    the web widget renders as an image with its text alternative. ``choices``
    become quick replies on the last message. The session's first figure
    from the study summary says in plain words where it comes from.
    """
    parts = answers.mark_first_summary_figure(list(parts), summary_explained(tracker))
    if tracker is not None:
        parts = with_safety_net_line(parts, dispatcher, tracker)
    if disclose:
        parts = with_disclosure(parts, tracker, last=disclose_last)
    channel = (tracker.get_latest_input_channel() if tracker else None) or ""
    if channel == "slack":
        # Slack fetches images itself and refuses the whole message if it
        # cannot: only public HTTPS pictures go in (see docs/channels.md, Slack).
        shown = [str(p) if isinstance(p, str) else (picture_url(p), p) for p in parts
                 if isinstance(p, str) or picture_url(p).startswith("https://")]
        dispatcher.utter_message(json_message=answer_blocks(shown, title, buttons(choices or [])))
        return
    last_text = max((i for i, p in enumerate(parts) if isinstance(p, str)), default=-1)
    for i, part in enumerate(parts):
        if isinstance(part, str):
            extra = {"buttons": buttons(choices)} if choices and i == last_text else {}
            dispatcher.utter_message(text=str(part), **extra)
        elif channel not in _TEXT_ONLY:
            payload = {"picture": {"src": picture_url(part), "alt": part.alt,
                                   "caption": part.caption}}
            # Rasa's socket.io channel passes a custom message's keys to
            # ``sio.emit`` as arguments: the body must travel as ``data``.
            dispatcher.utter_message(
                json_message={"data": payload} if channel == "socketio" else payload)


def with_safety_net_line(parts: List[Part], dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> List[Part]:
    """A message with distress only the backstop guessed at, or with a doubt it
    did not raise an alarm for, goes its own way (bot.safety.routed_alarm): its
    turn's first reply starts with the safety-net line (bot.safety.safety_net).
    Every reply that may come first in a turn is sent through here."""
    line = safety_net(own_words(tracker))
    if line is None or str(line) in map(str, parts) or said_this_turn(tracker) or \
            dispatcher.messages:
        return parts
    return [line, *parts]


def buttons(choices: Choices) -> List[dict]:
    """Quick replies whose payload is plain text, so every channel and the
    same profile parser handle a click exactly like typing."""
    return [{"title": str(title), "payload": str(payload)} for title, payload in choices]


def latest_text(tracker: Tracker) -> str:
    """The latest message as NLU read it (patients' words made canonical)."""
    return (tracker.latest_message or {}).get("text") or ""


def own_words(tracker: Tracker) -> str:
    """The latest message as the person typed it (before components.vocabulary)."""
    message = tracker.latest_message or {}
    return message.get(ORIGINAL_TEXT) or message.get("text") or ""


PROFILE_SLOTS = ("age_group", "transplant")


def _at_the_latest_message(tracker: Tracker) -> Tuple[List[dict], List[dict]]:
    """(the events up to and with the latest user message, those since it)."""
    events = list(tracker.events or [])
    turn = next((i + 1 for i in range(len(events) - 1, -1, -1)
                 if events[i].get("event") == "user"), 0)
    return events[:turn], events[turn:]


def _events_this_turn(tracker: Tracker) -> List[dict]:
    """The events since the latest user message, newest first."""
    return list(reversed(_at_the_latest_message(tracker)[1]))


def profile_changed_this_turn(tracker: Tracker) -> bool:
    """Whether the latest message changed the age group, transplant history or
    whom it is about from what they were before it: only then may the bot say
    "I have changed that"."""
    earlier, since = _at_the_latest_message(tracker)
    slots = (*PROFILE_SLOTS, "cared_for")
    before: Dict[str, Any] = {}
    for event in earlier:
        if event.get("event") == "slot" and event.get("name") in slots:
            before[event["name"]] = event.get("value")
    return any(event.get("event") == "slot" and event.get("name") in slots
               and event.get("value") != before.get(event["name"]) for event in since)


def profile_given_this_turn(tracker: Tracker) -> bool:
    """Whether the latest message itself set the age group or transplant history
    ("I'm 68 and had an SCT, what's the risk of a new cancer?")."""
    return any(event.get("event") == "slot" and event.get("name") in PROFILE_SLOTS
               and event.get("value") is not None for event in _events_this_turn(tracker))


def said_this_turn(tracker: Tracker) -> bool:
    """Whether the bot has already said something since the latest message
    (a topic answered before the form asks on)."""
    return any(event.get("event") == "bot" for event in _events_this_turn(tracker))
