"""Fixes to Rasa 3.6's speed, applied when our components are imported (that
is, whenever a Rasa process loads our model: run, shell, test). Each gives
the same answers as Rasa's own code, and each can be switched off
(``RASA_SPEEDUPS``) so make bench --levers shows what it bought.

"schema": ``RemoteAction._validate_action_result`` checks every action server reply with
``jsonschema.validate(reply, schema)``, which first checks the *schema itself*
against its meta-schema, every time. Under 200 people at once that was 64% of
the Rasa server's CPU (py-spy). The schema is a constant, so it is checked
once here and its validator kept; replies are validated exactly as before, and
an invalid one raises the same ``ValidationError`` with Rasa's own advice.

"rules": ``RulePolicy`` parses every rule back from its JSON key for every
turn of the conversation it compares, at every prediction, and goes on
comparing turns older than its longest rule, which every rule passes: the
first Rasa-server cost (23%) once the tracker store remembered conversations,
and it grew with the conversation. Here each key is parsed once; the ~800
rules are indexed by what their last state asks (previous action, intent),
so only those that can match the latest state are checked (as Rasa checks
them); and the comparison stops once no remaining rule is that long.

"json": Rasa sends the action server the whole conversation as JSON twice a
message (reading the profile, then answering), encoded by the standard
library's ``json``: the first Rasa-server cost (13%) once the rules were
indexed. ujson (installed with Sanic) encodes the same JSON three times as
fast; anything it cannot encode goes to ``json`` as before.

"classifier": ``LogisticRegressionClassifier`` multiplies each message by
the transposed weights; stored row by row, scipy copies all of them first
(55 intents x 12,212 features, every message). They are stored column by
column once at load: the same numbers, without the copy.

Tried and left out (make bench --levers, same run): skipping Rasa's
``action_validate_slot_mappings`` call when the profile reader finds nothing
in a message. It moved the reading into the Rasa server, which is the
bottleneck on 2 cores: 35.1 messages/s became 32.3.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Set, Text, Tuple

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


def _reversed_rule_states(policy: Any, rule_key: str) -> List[Dict[str, Any]]:
    memo: Dict[str, List[Dict[str, Any]]] = policy.__dict__.setdefault("_rule_states_memo", {})
    states = memo.get(rule_key)
    if states is None:
        states = memo[rule_key] = list(reversed(json.loads(rule_key)))
    return states


PREVIOUS_ACTION, USER, SHOULD_NOT_BE_SET = "prev_action", "user", "should_not_be_set"
_ANY = object()  # a rule that does not ask for a particular value
_START = "start"  # rules that begin a conversation: Rasa lets them through unchecked


def _is_rule_applicable(self: Any, rule_key: str, turn_index: int,
                        conversation_state: Dict[str, Any]) -> bool:
    """Rasa 3.6's ``RulePolicy._is_rule_applicable``, with the key parsed once."""
    reversed_rule_states = _reversed_rule_states(self, rule_key)
    if turn_index >= len(reversed_rule_states):
        return True
    current_previous_action = conversation_state.get(PREVIOUS_ACTION)
    rule_previous_action = reversed_rule_states[turn_index].get(PREVIOUS_ACTION)
    if not rule_previous_action and not current_previous_action:
        return True
    if not rule_previous_action or not current_previous_action:
        return False
    return bool(self._does_rule_match_state(reversed_rule_states[turn_index],
                                            conversation_state))


def _asked(sub_state: Any, key: str) -> Any:
    """The value a rule's state requires for ``key``, or _ANY when Rasa's
    match would accept several (unset, empty, "should not be set", a list)."""
    value = sub_state.get(key) if isinstance(sub_state, dict) else None
    return value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else _ANY


def _rule_index(policy: Any, lookup: Dict[str, str]) -> Dict[Any, List[str]]:
    """Rules by what their last state asks of the latest one: the previous
    action and the intent (a rule whose last state has no previous action is
    a conversation start, which Rasa's check lets through)."""
    memo = policy.__dict__.setdefault("_rule_index_memo", {})
    cached = memo.get(id(lookup))
    if cached is not None and cached[0] is lookup and cached[1] == len(lookup):
        return cached[2]
    index: Dict[Any, List[str]] = {}
    for key in lookup:
        last = _reversed_rule_states(policy, key)[0]
        bucket = (_asked(last[PREVIOUS_ACTION], "action_name"), _asked(last.get(USER), "intent")) \
            if last.get(PREVIOUS_ACTION) else _START
        index.setdefault(bucket, []).append(key)
    memo[id(lookup)] = (lookup, len(lookup), index)
    return index


def _candidates(policy: Any, lookup: Dict[str, str], latest: Dict[str, Any]) -> Set[str]:
    """The rules that can pass Rasa's check of the latest state (a superset:
    each is still checked); the others would fail it on the previous action
    or the intent."""
    index = _rule_index(policy, lookup)
    found = set(index.get(_START, ()))
    if not latest.get(PREVIOUS_ACTION):
        return found  # only conversation-start rules pass a state without one
    action = latest[PREVIOUS_ACTION].get("action_name")
    intent = (latest.get(USER) or {}).get("intent")
    for bucket in ((action, intent), (action, _ANY), (_ANY, intent), (_ANY, _ANY)):
        found.update(index.get(bucket, ()))
    return found


def _get_possible_keys(self: Any, lookup: Dict[str, str],
                       states: List[Dict[str, Any]]) -> Set[str]:
    """Rasa 3.6's ``RulePolicy._get_possible_keys``: the same rules, found
    from an index of their last state instead of by checking all 800, and
    no longer compared once every remaining rule is shorter than the turns."""
    if not states:
        return set(lookup.keys())
    possible_keys = _candidates(self, lookup, states[-1])
    for i, state in enumerate(reversed(states)):
        if i >= max((len(_reversed_rule_states(self, k)) for k in possible_keys), default=0):
            break
        possible_keys = {k for k in possible_keys if self._is_rule_applicable(k, i, state)}
    return possible_keys


def _load_classifier(original: Any) -> Any:
    def load(cls: Any, *args: Any, **kwargs: Any) -> Any:
        import numpy as np

        component = original.__func__(cls, *args, **kwargs)
        clf = getattr(component, "clf", None)
        if clf is not None and hasattr(clf, "coef_"):
            clf.coef_ = np.asfortranarray(clf.coef_)  # so coef_.T is C-ordered: no copy
        return component

    return classmethod(load)


def _dumps(value: Any) -> str:
    """JSON text for a request body: ujson, or the standard library's json."""
    try:
        import ujson

        return str(ujson.dumps(value, escape_forward_slashes=False))
    except (ImportError, TypeError, OverflowError, ValueError):
        return json.dumps(value)


def _session(self: Any) -> Any:
    """Rasa 3.6's ``EndpointConfig.session``, encoding request bodies with _dumps."""
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) \
        if self.basic_auth else None
    return aiohttp.ClientSession(headers=self.headers, auth=auth, json_serialize=_dumps,
                                 timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT))


FIXES = ("schema", "rules", "classifier", "json")
# Rasa's own versions of what apply() replaced, for the tests that compare them.
ORIGINALS: Dict[str, Any] = {}


def chosen(setting: Optional[str]) -> Tuple[str, ...]:
    """``RASA_SPEEDUPS``: unset means all; "none", or a comma list of FIXES
    (make bench measures each; nobody else needs to set it)."""
    if setting is None or not setting.strip():
        return FIXES
    names = tuple(n.strip() for n in setting.split(",") if n.strip() in FIXES)
    return names


def apply() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.nlu.classifiers.logistic_regression_classifier import (
        LogisticRegressionClassifier,
    )

    if getattr(RemoteAction, "_myeloma_speedups", False):
        return
    fixes = chosen(os.environ.get("RASA_SPEEDUPS"))
    if "schema" in fixes:
        RemoteAction._validate_action_result = _validate_action_result
    ORIGINALS.update(is_rule_applicable=RulePolicy._is_rule_applicable,
                     get_possible_keys=RulePolicy._get_possible_keys)
    if "rules" in fixes:
        RulePolicy._is_rule_applicable = _is_rule_applicable
        RulePolicy._get_possible_keys = _get_possible_keys
    if "classifier" in fixes:
        LogisticRegressionClassifier.load = _load_classifier(
            LogisticRegressionClassifier.load)
    if "json" in fixes:
        from rasa.utils.endpoints import EndpointConfig

        EndpointConfig.session = _session
    RemoteAction._myeloma_speedups = True
