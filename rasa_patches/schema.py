"""The "schema" patch: the action reply schema checked once, not on every reply.

Rasa: ``RemoteAction._validate_action_result`` checks every action server
reply with ``jsonschema.validate(reply, schema)``, which first checks the
*schema itself* against its meta-schema, every time. Under 200 people at once
that was 64% of the Rasa server's CPU (py-spy).

Here: the schema is a constant, so it is checked once and its validator kept.

Same result: replies are validated exactly as before, and an invalid one
raises the same ``ValidationError`` with Rasa's own advice.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa_patches import replace

_validator: Optional[Any] = None


def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    from jsonschema import exceptions, validators
    from rasa.shared.constants import DOCS_BASE_URL

    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    error = exceptions.best_match(_validator.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def apply() -> None:
    from rasa.core.actions.action import RemoteAction

    replace(RemoteAction, "_validate_action_result", _validate_action_result)
