"""rasa_patches/schema.py: the action server's replies validated with the
schema checked once pass and fail exactly as with Rasa's own check, with
Rasa's own advice in the error."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401 - applies the patches, as loading the model does
from rasa_patches.schema import _validate_action_result


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


@pytest.mark.parametrize("reply", VALID)
def test_valid_replies_pass_as_with_rasas_own_check(reply):
    jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    assert _validate_action_result(RemoteAction("a", None), reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_invalid_replies_fail_as_with_rasas_own_check(reply):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    for validate in (_validate_action_result, RemoteAction._validate_action_result):
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
            validate(RemoteAction("a", None), reply)
