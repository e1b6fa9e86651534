"""rasa_patches/tracker_copy.py ("copy"): every copy of a tracker is in
exactly the state of Rasa's replay, shares nothing changeable with it, and
replays only what was added."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does
from rasa_patches import original
from tests.unit.rasa_patches.conversations import random_events

ROOT = Path(__file__).resolve().parents[3]
COPY = "rasa.shared.core.trackers.DialogueStateTracker.copy"


def _snapshot(tracker) -> dict:
    """Everything a tracker holds, event objects by identity, so two trackers
    compare equal only if they are in the same state with the same events."""
    import dataclasses

    events = list(tracker.events)

    def which(obj):
        found = [i for i, e in enumerate(events) if e is obj]
        if found:
            return ("event", found[-1])
        fresh = {k: v for k, v in obj.as_dict().items() if k != "timestamp"}  # made now
        return ("own", type(obj), fresh)

    out = {}
    for key, value in vars(tracker).items():
        if key.startswith("_myeloma_"):
            continue
        if key == "events":
            value = ([id(e) for e in events], value.maxlen)
        elif key == "slots":
            value = (type(value), {n: (type(v), vars(v)) for n, v in value.items()})
        elif key in ("latest_message", "latest_bot_utterance"):
            value = which(value)
        elif key == "active_loop" and value is not None:
            value = dataclasses.asdict(value)
        out[key] = value
    return out


def _shares_nothing_changeable(a, b) -> bool:
    """Neither tracker's events, slots, latest action or loop is the other's."""
    return (a.events is not b.events and a.slots is not b.slots
            and not any(x is y for x, y in zip(a.slots.values(), b.slots.values(), strict=True))
            and (a.latest_action is not b.latest_action or a.latest_action is None)
            and (a.active_loop is not b.active_loop or a.active_loop is None))


def _change_by_hand(tracker) -> None:
    """Change, in place, what a tracker holds of its own."""
    tracker.latest_action["action_name"] = "changed"
    if tracker.active_loop is not None:
        tracker.active_loop.rejected = not tracker.active_loop.rejected
    for slot in tracker.slots.values():
        slot.value = "changed"
    if not any(e is tracker.latest_message for e in tracker.events):  # no message yet
        tracker.latest_message.parse_data["changed"] = True
    if not any(e is tracker.latest_bot_utterance for e in tracker.events):
        tracker.latest_bot_utterance.data["changed"] = True
    tracker.followup_action = "changed"


@pytest.mark.parametrize("seed", range(12))
def test_copies_are_what_rasas_replay_makes(seed):
    """After every event of random conversations, a copy is in exactly the
    state of Rasa's replay, even when the tracker itself was changed by hand
    as Rasa's processor does (clearing the follow-up action); copies of
    copies, changed in between, too; and changing a copy changes nothing else."""
    import random

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    rnd = random.Random(seed)
    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker("s", domain.slots)
    rasas_copy = original(COPY)
    for event in random_events(rnd):
        tracker.update(event)
        if rnd.random() < .1:
            tracker.clear_followup_action()
        expected = _snapshot(rasas_copy(tracker))
        duplicate = tracker.copy()
        assert _snapshot(duplicate) == expected
        assert _shares_nothing_changeable(duplicate, tracker)
        if rnd.random() < .3:  # what an action could change on the copy it is given
            _change_by_hand(duplicate)
            assert _snapshot(tracker.copy()) == expected
            duplicate = tracker.copy()
        if rnd.random() < .3:  # as a form's activation copies the copy it was given
            duplicate.update_with_events([ActionExecuted("profile_form"),
                                          SlotSet("requested_slot", "age_group")], domain)
            again = duplicate.copy()
            assert _snapshot(again) == _snapshot(rasas_copy(duplicate))
            assert _shares_nothing_changeable(again, duplicate)
            assert _snapshot(rasas_copy(tracker)) == expected  # the tracker is as it was
            assert _snapshot(tracker.copy()) == expected


def test_a_tracker_whose_events_were_replaced_is_copied_afresh():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker.from_events("s", [
        ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"}),
        SlotSet("age_group", "under_65")], domain.slots)
    tracker.copy()
    tracker.events.clear()
    for event in [ActionExecuted("action_listen"), UserUttered("bye", {"name": "goodbye"})]:
        tracker.update(event)
    assert _snapshot(tracker.copy()) == _snapshot(original(COPY)(tracker))


def test_an_event_without_a_time_ends_the_copy_as_rasas_replay_does():
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events("s", [
        ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"})], None)
    tracker.copy()
    tracker.update(ActionExecuted("action_greet", timestamp=float("nan")))
    tracker.update(ActionExecuted("action_listen"))
    duplicate = tracker.copy()
    assert len(duplicate.events) == 2
    assert _snapshot(duplicate) == _snapshot(original(COPY)(tracker))


def test_a_copy_of_a_copy_replays_only_what_was_added_to_it(monkeypatch):
    """A form's activation copies the copy it was given: that copy carries a
    replay of its own, so only the events added since are replayed."""
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events(
        "s", [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"})] * 50, None)
    duplicate = tracker.copy()
    duplicate.update_with_events([ActionExecuted("profile_form"),
                                  SlotSet("requested_slot", "age_group")], None)
    replayed = []
    update = DialogueStateTracker.update
    monkeypatch.setattr(DialogueStateTracker, "update",
                        lambda self, event, domain=None: (replayed.append(event),
                                                          update(self, event, domain)))
    again = duplicate.copy()
    assert len(replayed) == 2 and len(again.events) == 102


def test_a_slot_is_copied_as_copy_copy_copies_it():
    from rasa.shared.core.domain import Domain

    from rasa_patches.tracker_copy import _copy_of

    domain = Domain.load(str(ROOT / "domain.yml"))
    assert len({type(slot) for slot in domain.slots}) >= 4
    for slot in domain.slots:
        slot.value = ["a", "list"] if type(slot).__name__ == "ListSlot" else slot.value
        made, expected = _copy_of(slot), copy.copy(slot)
        assert type(made) is type(slot) and made is not slot
        assert made.__dict__ == expected.__dict__ == slot.__dict__
        assert made.value is slot.value  # shallow, as copy.copy
        made.value = "changed"
        assert slot.value != "changed"  # its own attributes


class _CopiedItsOwnWay:
    def __init__(self) -> None:
        self.copied = False

    def __copy__(self) -> "_CopiedItsOwnWay":
        made = _CopiedItsOwnWay()
        made.copied = True
        return made


class _Slotted:
    __slots__ = ("a",)


def test_what_decides_its_own_copy_is_copied_by_copy_copy():
    from rasa_patches.tracker_copy import _copies_its_dict, _copy_of

    assert _copy_of(_CopiedItsOwnWay()).copied
    slotted = _Slotted()
    slotted.a = 1
    assert not _copies_its_dict(_Slotted) and _copy_of(slotted).a == 1
