"""A fix to Rasa 3.6's speed, applied when our components are imported (that
is, whenever a Rasa process loads our model: run, shell, test).

``RemoteAction._validate_action_result`` checks every action server reply with
``jsonschema.validate(reply, schema)``, which first checks the *schema itself*
against its meta-schema, every time. Under 200 people at once that was 64% of
the Rasa server's CPU (py-spy). The schema is a constant, so it is checked
once here and its validator kept; replies are validated exactly as before, and
an invalid one raises the same ``ValidationError`` with Rasa's own advice.

Tried and left out (make bench --levers, same run): skipping Rasa's
``action_validate_slot_mappings`` call when the profile reader finds nothing
in a message. It moved the reading into the Rasa server, which is the
bottleneck on 2 cores: 35.1 messages/s became 32.3.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Optional, Text, Tuple

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


FIXES = ("schema",)


def chosen(setting: Optional[str]) -> Tuple[str, ...]:
    """``RASA_SPEEDUPS``: unset means all; "none", or a comma list of FIXES
    (make bench measures each; nobody else needs to set it)."""
    if setting is None or not setting.strip():
        return FIXES
    names = tuple(n.strip() for n in setting.split(",") if n.strip() in FIXES)
    return names


def apply() -> None:
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, "_myeloma_speedups", False):
        return
    fixes = chosen(os.environ.get("RASA_SPEEDUPS"))
    if "schema" in fixes:
        RemoteAction._validate_action_result = _validate_action_result
    RemoteAction._myeloma_speedups = True
