"""The "copy" patch: Rasa's copy of the tracker made from a replay kept on it.

Rasa: before running each action (three or four a message) it copies the
tracker by replaying all its events into a new one
(``DialogueStateTracker.copy``, that is ``travel_back_in_time(inf)``), and a
form's activation copies that copy again: 6% of the Rasa server's time in a
long conversation, growing with it.

Here: the replay is kept on the tracker and carried on with the new events,
like "history", and the copy is made from it: its own events, slots, latest
action and loop, the same event objects; slots are copied directly where
``copy.copy`` does nothing more (41 -> 8 us a copy).

Same result: the copy is in exactly the state of Rasa's replay and shares
nothing changeable with it; its test checks that after every event of random
conversations, copies of copies and trackers changed by hand included. A
tracker whose events no longer begin with those replayed is replayed afresh,
and an event without a time ends the copy where Rasa's replay stops.
"""
from __future__ import annotations

import copy
from collections import deque
from itertools import islice, repeat
from operator import is_
from typing import Any, Dict, List

from rasa_patches import replace
from rasa_patches.history import _same_start

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


def apply() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    replace(DialogueStateTracker, "copy", _copy)
