"""The "rules" patch: RulePolicy's rules parsed once and indexed by their last state.

Rasa: ``RulePolicy`` parses every rule back from its JSON key for every turn
of the conversation it compares, at every prediction, and goes on comparing
turns older than its longest rule, which every rule passes: the first
Rasa-server cost (23%) once the tracker store remembered conversations, and
it grew with the conversation.

Here: each key is parsed once; the ~800 rules are indexed by what their last
state asks (previous action, intent), so only those that can match the
latest state are checked; and the comparison stops once no remaining rule is
that long.

Same result: every rule left is still checked turn by turn with Rasa's own
``_does_rule_match_state``; the index only leaves out rules that check would
refuse on the latest state, and the turns no longer compared are those
Rasa's check lets every remaining rule through.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Set

from rasa_patches import replace


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


def apply() -> None:
    from rasa.core.policies.rule_policy import RulePolicy

    replace(RulePolicy, "_is_rule_applicable", _is_rule_applicable)
    replace(RulePolicy, "_get_possible_keys", _get_possible_keys)
