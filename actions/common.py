"""Small helpers shared by the actions: reading the profile, sending messages."""
from __future__ import annotations

from typing import Iterable, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.profile import AgeGroup, Transplant


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


def send_all(dispatcher: CollectingDispatcher, messages: Iterable[str]) -> None:
    for text in messages:
        dispatcher.utter_message(text=text)


def buttons(choices: List[Tuple[str, str]]) -> List[dict]:
    """Quick replies whose payload is plain text, so every channel and the
    same profile parser handle a click exactly like typing."""
    return [{"title": title, "payload": payload} for title, payload in choices]


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""
