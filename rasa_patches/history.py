"""The "history" patch: each policy's replay of the conversation carried on.

Rasa: to predict each next action, each policy turns the conversation into
states by replaying it from its first event (``applied_events``, then
``Domain.states_for_tracker_history``): five replays a message, each as long
as the conversation, half of a turn's time by turn 100.

Here: each replay is kept on the tracker and carried on from where the last
one stopped, for as long as the tracker's events still begin with the very
events it replayed; a revert, a restart or a loop's undone turn that changes
them starts it afresh, as does a loop name never seen before (Rasa reads
those from the whole conversation).

Same result: each step is one step of Rasa's own loop, on the same events;
the last state is made afresh each time and handed out as a copy, because
the featurizers edit it. Its test checks both against Rasa's own after every
event of random conversations (forms, reverts, restarts, rule-only turns).
"""
from __future__ import annotations

import copy
import json
from itertools import islice
from operator import is_
from typing import Any, Dict, List, Optional, Set

from rasa_patches import replace

_APPLIED_MEMO = "_myeloma_applied_memo"
_STATES_MEMO = "_myeloma_states_memo"


class _AppliedMemo:
    """``applied_events`` as far as ``events`` go, with the loop names seen."""

    def __init__(self) -> None:
        self.events: List[Any] = []
        self.loop_names: Set[str] = set()
        self.applied: List[Any] = []


def _same_start(items: Any, start: List[Any]) -> bool:
    """Whether ``items`` begins with exactly the objects in ``start``."""
    return len(items) >= len(start) and all(map(is_, items, start))


def _apply(tracker: Any, event: Any, applied: List[Any], loop_names: Set[str]) -> List[Any]:
    """One step of Rasa 3.6's ``DialogueStateTracker.applied_events`` loop."""
    from rasa.shared.core.events import (ActionExecuted, ActionReverted, Restarted,
                                         SessionStarted, UserUttered, UserUtteranceReverted)

    if isinstance(event, (Restarted, SessionStarted)):
        return []
    if isinstance(event, ActionReverted):
        tracker._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, UserUtteranceReverted):
        tracker._undo_till_previous(UserUttered, applied)
        tracker._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, ActionExecuted) and event.action_name in loop_names \
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied):
        tracker._undo_till_previous_loop_execution(event.action_name, applied)
    else:
        applied.append(event)
    return applied


def _loop_names(events: Any) -> Set[str]:
    from rasa.shared.core.events import ActiveLoop

    return {e.name for e in events if isinstance(e, ActiveLoop) and e.name}


def _applied_events(self: Any) -> List[Any]:
    """Rasa 3.6's ``applied_events``, carried on from the events it saw last
    time. Rasa's loop treats a loop's actions by every loop name in the whole
    conversation, so a new loop name starts it again from the beginning."""
    memo = self.__dict__.get(_APPLIED_MEMO)
    if memo is None or not _same_start(self.events, memo.events):
        memo = self.__dict__[_APPLIED_MEMO] = _AppliedMemo()
    new = list(islice(self.events, len(memo.events), None))
    if not _loop_names(new) <= memo.loop_names:
        memo = self.__dict__[_APPLIED_MEMO] = _AppliedMemo()
        new = list(self.events)
        memo.loop_names = _loop_names(new)
    for event in new:
        memo.applied = _apply(self, event, memo.applied, memo.loop_names)
    memo.events.extend(new)
    return list(memo.applied)


class _StatesMemo:
    """Rasa's state-by-state replay of a conversation, kept where it stopped."""

    def __init__(self, domain: Any, tracker: Any) -> None:
        self.domain = domain
        self.replay = tracker.init_copy()
        self.applied: List[Any] = []
        self.states: List[Dict[str, Any]] = []
        self.last_ml_action: Any = None
        self.turn_was_hidden = False


def _add_state(domain: Any, memo: Any, states: List[Dict[str, Any]], hide_rule_turn: bool,
               omit_unset_slots: bool, ignore_rule_only_turns: bool,
               rule_only_data: Optional[Dict[str, Any]]) -> None:
    """One turn of Rasa 3.6's ``Domain.states_for_tracker_history`` loop, on
    ``memo.replay`` as it stands; ``memo`` carries the loop's two variables."""
    from rasa.shared.core.constants import PREVIOUS_ACTION as PREVIOUS

    tr = memo.replay
    if ignore_rule_only_turns:
        if not memo.turn_was_hidden:
            memo.last_ml_action = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and not tr.latest_action_name == tr.active_loop_name:
            memo.turn_was_hidden = hide_rule_turn
        if memo.turn_was_hidden:
            return
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if states:
            domain._substitute_rule_only_user_input(state, states[-1])
        if memo.last_ml_action:
            state[PREVIOUS] = memo.last_ml_action
    states.append(domain._clean_state(state))


def _states_for_tracker_history(self: Any, tracker: Any, omit_unset_slots: bool = False,
                                ignore_rule_only_turns: bool = False,
                                rule_only_data: Optional[Dict[str, Any]] = None
                                ) -> List[Dict[str, Any]]:
    """Rasa 3.6's ``Domain.states_for_tracker_history``, replaying only the
    events added since the last call (for each way of calling it)."""
    from rasa.shared.core.events import ActionExecuted

    applied = tracker.applied_events()
    key = (omit_unset_slots, ignore_rule_only_turns, json.dumps(rule_only_data, sort_keys=True))
    memos = tracker.__dict__.setdefault(_STATES_MEMO, {})
    memo = memos.get(key)
    if memo is None or memo.domain is not self or not _same_start(applied, memo.applied):
        memo = memos[key] = _StatesMemo(self, tracker)
    flags = (omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    for event in applied[len(memo.applied):]:
        if isinstance(event, ActionExecuted):
            _add_state(self, memo, memo.states, event.hide_rule_turn, *flags)
        memo.replay.update(event)
        memo.applied.append(event)
    # The state after the last event changes with the next one: made afresh,
    # with the loop's variables as they stand.
    states = list(memo.states)
    _add_state(self, copy.copy(memo), states, False, *flags)
    if states:  # callers edit the last state (featurizers' _choose_last_user_input)
        states[-1] = {k: dict(v) if isinstance(v, dict) else v for k, v in states[-1].items()}
    return states


def apply() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    replace(DialogueStateTracker, "applied_events", _applied_events)
    replace(Domain, "states_for_tracker_history", _states_for_tracker_history)
