"""rasa_patches/history.py: Rasa's replays of a conversation into states,
carried on, give exactly what Rasa's own replays from the first event give,
after every event of random conversations."""
from __future__ import annotations

import pytest

import components  # noqa: F401 - applies the patches, as loading the model does
from rasa_patches import original
from tests.unit.rasa_patches.conversations import random_events

APPLIED_EVENTS = "rasa.shared.core.trackers.DialogueStateTracker.applied_events"
STATES_FOR_TRACKER_HISTORY = "rasa.shared.core.domain.Domain.states_for_tracker_history"


RULE_ONLY = [None, {"rule_only_slots": ["cared_for"], "rule_only_loops": ["decision_form"]}]


@pytest.mark.parametrize("seed", range(12))
def test_history_is_carried_on_exactly_as_rasa_replays_it(seed, monkeypatch):
    """After every event of random conversations, the carried-on applied events
    and states equal Rasa's own, for each way the policies call it; the last
    state is edited between calls as Rasa's featurizers edit it."""
    import random

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_patches.history import _applied_events, _states_for_tracker_history

    rnd = random.Random(seed)
    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker("s", domain.slots)
    ways = [(o, i, r) for o in (False, True) for i in (False, True) for r in RULE_ONLY]
    for event in random_events(rnd):
        tracker.update(event)
        expected_applied = original(APPLIED_EVENTS)(tracker)
        assert _applied_events(tracker) == expected_applied
        omit, ignore, rule_only = rnd.choice(ways)
        with monkeypatch.context() as rasas_own:
            rasas_own.setattr(DialogueStateTracker, "applied_events", original(APPLIED_EVENTS))
            fresh = DialogueStateTracker.from_events("s", list(tracker.events), domain.slots)
            expected = original(STATES_FOR_TRACKER_HISTORY)(domain, fresh, omit, ignore,
                                                               rule_only)
        states = _states_for_tracker_history(domain, tracker, omit, ignore, rule_only)
        assert states == expected
        if states and "user" in states[-1]:
            states[-1]["user"].pop("text", None)  # as _choose_last_user_input does


def test_a_tracker_whose_events_were_replaced_is_replayed_afresh():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_patches.history import _states_for_tracker_history

    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker.from_events("s", [
        ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"})], domain.slots)
    _states_for_tracker_history(domain, tracker)
    tracker.events.clear()
    for event in [ActionExecuted("action_listen"), UserUttered("bye", {"name": "goodbye"})]:
        tracker.update(event)
    assert _states_for_tracker_history(domain, tracker) == \
        original(STATES_FOR_TRACKER_HISTORY)(domain, tracker)
