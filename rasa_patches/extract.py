"""The "extract" patch: no call to the action server when it has nothing to read.

Rasa: after every message it rebuilds the conversation and calls the action
server's ``action_validate_slot_mappings``, which reads the profile from the
message (actions/profile_actions.py); a form's activation calls it again.
That was 16% of the Rasa server's time on a message that states no profile
(py-spy, 20 people at once).

Here: when no form waits for an answer, Rasa itself extracted no slot and the
NLU pipeline's profile reader found nothing in the message (``profile_stated``
is False, components/profile_intent.py), the call is left out.

Same result: in that case the action sets nothing: its test runs the action
on every message we know whose reading is empty, in every slot state the
answer could depend on, and gets no event. (Tried once before the rules were
indexed, with the reading done a second time in the Rasa server, it bought
nothing; the NLU pipeline reads it now.)
"""
from __future__ import annotations

from typing import Any, List

from rasa_patches import replace


def nothing_to_extract(tracker: Any) -> bool:
    """Whether ``action_validate_slot_mappings`` has nothing to read this turn:
    no form is waiting for an answer (none active, or one just activated) and
    the profile reader found nothing in the message."""
    from rasa.shared.core.constants import REQUESTED_SLOT

    from components.profile_intent import PROFILE_STATED

    message = tracker.latest_message
    asking = tracker.active_loop_name is not None and tracker.get_slot(REQUESTED_SLOT) is not None
    return not asking and message is not None and message.parse_data.get(PROFILE_STATED) is False


def _execute_validation_action(original: Any) -> Any:
    async def execute(self: Any, extraction_events: List[Any], output_channel: Any, nlg: Any,
                      tracker: Any, domain: Any) -> List[Any]:
        from rasa.shared.core.events import SlotSet

        if not any(isinstance(e, SlotSet) for e in extraction_events) \
                and nothing_to_extract(tracker):
            return []
        return await original(self, extraction_events, output_channel, nlg, tracker, domain)

    return execute


def apply() -> None:
    from rasa.core.actions.action import ActionExtractSlots

    replace(ActionExtractSlots, "_execute_validation_action",
            _execute_validation_action(ActionExtractSlots._execute_validation_action))
