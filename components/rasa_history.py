"""Rasa 3.6's replays of a conversation, carried on instead of started again
(the "history" and "copy" fixes of components/rasa_speedups.py).

Rasa rebuilds a tracker's state by replaying its events from the first one:
for the policies' states (``applied_events``, ``states_for_tracker_history``,
five times a message) and for the copy it hands every action it runs
(``DialogueStateTracker.copy``, three or four times a message). Each costs as
much as the conversation is long. Here each replay is kept on the tracker and
carried on with the events added since, for as long as the tracker's events
still begin with the very objects it replayed; anything else starts afresh.
tests/test_rasa_history.py checks each against Rasa's own after every event
of random conversations.
"""
from __future__ import annotations

import copy
import json
from collections import deque
from itertools import islice, repeat
from operator import is_
from typing import Any, Dict, List, Optional, Set

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


_COPY_MEMO = "_myeloma_copy_memo"


class _CopyMemo:
    """A tracker that has replayed ``events`` (Rasa's way: ``update`` one by one)."""

    def __init__(self, replay: Any, events: List[Any]) -> None:
        self.replay = replay
        self.events = events


def _in(obj: Any, events: Any) -> bool:
    """Whether ``obj`` is one of ``events`` (the latest ones are looked at first)."""
    return any(map(is_, reversed(events), repeat(obj)))


def _copies_its_dict(cls: type) -> bool:
    """Whether ``copy.copy`` of a ``cls`` is a new object with the same
    attributes and nothing else: nothing of the class's own decides how it
    is copied or pickled, and no attribute lives outside ``__dict__``."""
    import copyreg

    own = ("__copy__", "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__")
    return cls not in copyreg.dispatch_table \
        and not any(name in base.__dict__ for base in cls.__mro__[:-1] for name in own) \
        and not any(getattr(base, "__slots__", ()) for base in cls.__mro__[:-1]) \
        and "__dict__" in dir(cls)


_PLAIN: Dict[type, bool] = {}


def _copy_of(obj: Any) -> Any:
    """``copy.copy(obj)``, made directly where that is all it does (a slot:
    41 -> 8 us for our 21, twice a copy)."""
    cls: Any = type(obj)
    plain = _PLAIN.get(cls)
    if plain is None:
        plain = _PLAIN[cls] = _copies_its_dict(cls)
    if not plain:
        return copy.copy(obj)
    new = cls.__new__(cls)  # as copy.copy makes it (copyreg.__newobj__)
    new.__dict__.update(obj.__dict__)
    return new


def _clone(tracker: Any) -> Any:
    """A new tracker in ``tracker``'s state, sharing nothing it could change:
    the same event objects (as a replay shares them), its own events, slots,
    latest action and loop, its own empty latest message where no message
    came yet (as ``_reset`` makes them); none of the memos."""
    from rasa.shared.core.events import BotUttered, UserUttered

    new = object.__new__(type(tracker))
    new.__dict__.update((k, v) for k, v in tracker.__dict__.items()
                        if not k.startswith("_myeloma_"))
    new.events = deque(tracker.events, tracker.events.maxlen)
    slots = type(tracker.slots)()
    slots.update((name, _copy_of(slot)) for name, slot in tracker.slots.items())
    new.slots = slots
    if isinstance(tracker.latest_action, dict):
        new.latest_action = dict(tracker.latest_action)
    new.active_loop = copy.copy(tracker.active_loop)
    if not _in(tracker.latest_message, tracker.events):
        new.latest_message = UserUttered.empty()
    if not _in(tracker.latest_bot_utterance, tracker.events):
        new.latest_bot_utterance = BotUttered.empty()
    return new


def _copy(self: Any) -> Any:
    """Rasa 3.6's ``DialogueStateTracker.copy``: a new tracker that has
    replayed all of this one's events (``travel_back_in_time(inf)``), made
    from a replay kept on this tracker and carried on with the new events.
    The copy keeps a replay of its own, for when it is copied in turn (a
    form's activation copies the copy it was given)."""
    memo = self.__dict__.get(_COPY_MEMO)
    if memo is None or not _same_start(self.events, memo.events):
        memo = self.__dict__[_COPY_MEMO] = _CopyMemo(self.init_copy(), [])
    for event in islice(self.events, len(memo.events), None):
        if not event.timestamp <= float("inf"):  # Rasa's replay stops there (NaN)
            del self.__dict__[_COPY_MEMO]
            return self.travel_back_in_time(float("inf"))  # Rasa's own copy
        memo.replay.update(event)
        memo.events.append(event)
    duplicate = _clone(memo.replay)
    duplicate.__dict__[_COPY_MEMO] = _CopyMemo(_clone(memo.replay), list(memo.events))
    return duplicate

