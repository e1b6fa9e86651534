"""The "replies" patch: each event of a reply checked against its own type only.

Rasa: every event in an action server reply is checked against the schema's
``oneOf`` of all 23 event types, each tried and its failures collected: 5% of
the Rasa server's time (py-spy, 20 people at once).

Here: each type's schema names its own ``event`` value, so at most one can
ever match: each event is checked against that one alone (with what all
events share), and the rest of the reply as before.

Same result: a reply passes here only if the whole schema passes it; one that
does not pass goes on to the check this wraps ("schema", or Rasa's own), so
its error is exactly Rasa's.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa_patches import replace


class _ReplyCheck:
    """Whether a reply passes the action response schema, each event checked
    against its own type's schema only ("replies"). ``passes`` is True only
    for replies the whole schema passes; None if the schema is not one event
    type per ``oneOf`` entry (then nothing is checked this way)."""

    def __init__(self, schema: Dict[Text, Any]) -> None:
        import copy

        from jsonschema import validators

        cls = validators.validator_for(schema)
        items = schema.get("properties", {}).get("events", {}).get("items", {})
        types = [entry.get("properties", {}).get("event", {}).get("const")
                 for entry in items.get("oneOf", [])]
        self.by_type: Optional[Dict[str, Any]] = None
        if not types or not all(isinstance(t, str) for t in types) \
                or len(set(types)) != len(types) or "event" not in items.get("required", []):
            return
        shared = {key: value for key, value in items.items() if key != "oneOf"}
        rest = copy.deepcopy(schema)
        rest["properties"]["events"]["items"] = {}
        own = {t: {"allOf": [shared, entry]}
               for t, entry in zip(types, items["oneOf"], strict=True)}
        for each in [rest, *own.values()]:
            cls.check_schema(each)
        self.rest = cls(rest)
        self.by_type = {t: cls(each) for t, each in own.items()}

    def passes(self, reply: Any) -> bool:
        if self.by_type is None or not self.rest.is_valid(reply):
            return False
        for event in reply.get("events", []):
            name = event.get("event") if isinstance(event, dict) else None
            check = self.by_type.get(name) if isinstance(name, str) else None
            if check is None or not check.is_valid(event):
                return False
        return True


_reply_check: Optional[_ReplyCheck] = None


def _checked_by_event_type(validate: Any) -> Any:
    """``_validate_action_result`` that passes a reply at once when its events
    pass their own types' schemas, and otherwise validates it as ``validate``."""

    def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
        global _reply_check
        if _reply_check is None:
            _reply_check = _ReplyCheck(self.action_response_format_spec())
        if _reply_check.passes(result):
            return True
        return bool(validate(self, result))

    return _validate_action_result


def apply() -> None:
    """After "schema" (registry order): a reply that fails goes on to it."""
    from rasa.core.actions.action import RemoteAction

    replace(RemoteAction, "_validate_action_result",
            _checked_by_event_type(RemoteAction._validate_action_result))
