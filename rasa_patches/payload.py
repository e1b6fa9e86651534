"""The "payload" patch: the action server gets only the events the actions read.

Rasa: ``RemoteAction._action_call_format`` sends the whole conversation, every
event of every session, with each call to the action server: 206 kB by turn
50, and half of the action server's time spent parsing it.

Here: the request is Rasa's own, its tracker state made without events
(``EventVerbosity.NONE``) and given only those actions/past_events.py keeps:
since the latest message, the session start, the bot's last 8 messages and
the latest with each marker the actions look for.

Same result: every read the actions make gives the same on 300 random
conversations (tests/unit/actions/test_past_events.py), a test keeps other reads out of
actions/, and the rest of the request equals Rasa's own.
"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_patches import replace


def _action_call_format(self: Any, tracker: Any, domain: Any) -> Dict[Text, Any]:
    """Rasa 3.6's ``RemoteAction._action_call_format``, with only the events
    the actions read (actions/past_events.py)."""
    import rasa
    from rasa.shared.core.trackers import EventVerbosity

    from actions.past_events import kept

    events = list(tracker.events)
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [events[i].as_dict()
                       for i in kept([(e.type_name, getattr(e, "text", None)) for e in events])]
    result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
              "version": rasa.__version__}
    if not self._is_selective_domain_enabled() \
            or domain.does_custom_action_explicitly_need_domain(self.name()):
        result["domain"] = domain.as_dict()
    return result


def apply() -> None:
    from rasa.core.actions.action import RemoteAction

    replace(RemoteAction, "_action_call_format", _action_call_format)
