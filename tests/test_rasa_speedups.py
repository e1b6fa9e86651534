"""components/rasa_speedups.py: the action server's replies are validated
exactly as Rasa does, with the schema checked once instead of every time."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401 - applies the fix, as loading the model does
from components.rasa_speedups import _validate_action_result

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "age_group", "value": "under_65"}],
     "responses": [{"text": "hello", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]},
    {"events": [{"event": "active_loop", "name": None}], "responses": [{"image": "x.png"}]},
]
INVALID = [
    {"events": "no", "responses": []},
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [], "responses": "text"},
]


def test_the_fix_is_in_place_once_components_are_imported():
    assert RemoteAction._validate_action_result is _validate_action_result


@pytest.mark.parametrize("reply", VALID)
def test_valid_replies_pass_as_with_rasas_own_check(reply):
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert _validate_action_result(RemoteAction("a", None), reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_invalid_replies_fail_as_with_rasas_own_check(reply):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        _validate_action_result(RemoteAction("a", None), reply)


@pytest.mark.parametrize("setting, fixes", [
    (None, ("schema",)), ("", ("schema",)), ("none", ()), ("schema", ("schema",)),
    ("schema, nonsense", ("schema",)),
])
def test_which_fixes_rasa_speedups_turns_on(setting, fixes):
    from components.rasa_speedups import chosen

    assert chosen(setting) == fixes
