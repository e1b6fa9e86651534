"""actions/past_events.py: the events the Rasa server sends give every
action the very same reads as all of the conversation's events."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rasa_sdk import Tracker

from actions import common
from actions.past_events import MARKERS, RECENT_BOT_TEXTS, kept

ROOT = Path(__file__).resolve().parents[3]


def _random_events(rnd: random.Random) -> list:
    texts = ["Hello", "About 88 in 100", f"x {MARKERS[0]} y", f"{MARKERS[1]} z", None, ""]
    kinds = [
        (25, lambda: {"event": "user", "text": "hi",
                      "input_channel": rnd.choice(["rest", "slack"])}),
        (30, lambda: {"event": "bot", "text": rnd.choice(texts)}),
        (20, lambda: {"event": "action", "name": "action_answer_topic"}),
        (20, lambda: {"event": "slot", "name": rnd.choice(["age_group", "transplant", "x"]),
                      "value": rnd.choice([None, "under_65", "had"])}),
        (3, lambda: {"event": "session_started"}),
    ]
    weights = [w for w, _ in kinds]
    return [rnd.choices([k for _, k in kinds], weights)[0]() for _ in range(rnd.randint(0, 90))]


def _reads(events: list) -> tuple:
    """Everything the actions read of past events (actions/common.py, rasa_sdk)."""
    tracker = Tracker("s", {}, {"text": "hi"}, events, False, None, {}, "action_listen")
    return (common.recent_bot_texts(tracker), common.tailored_answer_given(tracker),
            common.is_first_reply(tracker), common.summary_explained(tracker),
            common.profile_given_this_turn(tracker), tracker.get_latest_input_channel(),
            tracker.slots_to_validate())


@pytest.mark.parametrize("seed", range(300))
def test_the_events_sent_give_the_same_reads_as_all_of_them(seed):
    events = _random_events(random.Random(seed))
    positions = kept([(e.get("event"), e.get("text")) for e in events])
    assert positions == sorted(set(positions))
    assert _reads([events[i] for i in positions]) == _reads(events)


def test_a_long_session_sends_a_short_tail():
    events = [{"event": "session_started"}]
    for _ in range(50):
        events += [{"event": "user", "text": "what are the side effects"},
                   {"event": "action", "name": "action_answer_topic"},
                   {"event": "bot", "text": "Tiredness"}, {"event": "bot", "text": "Rashes"}]
    events[3]["text"] = f"... {MARKERS[0]}"  # the first turn's first bot message
    positions = kept([(e.get("event"), e.get("text")) for e in events])
    # the start, the marker, the last 8 of the bot's messages before the latest
    # user message (the last four turns'), and that turn's 4 events
    assert positions == [0, 3, 183, 184, 187, 188, 191, 192, 195, 196, 197, 198, 199, 200]
    assert len(positions) == 1 + 1 + RECENT_BOT_TEXTS + 4


def test_the_actions_read_past_events_only_through_common():
    """Past events reach the actions through actions/common.py's helpers, whose
    reads actions/past_events.py knows; any other read would need it changed."""
    for path in sorted((ROOT / "actions").glob("*.py")):
        text = path.read_text()
        reads = re.findall(r"tracker\.events\b|applied_events|events_after_latest_restart|"
                           r"get_last_event_for|slots_to_validate", text)
        if path.name == "common.py":
            assert len(re.findall(r"tracker\.events", text)) == 2, path
        elif path.name == "decision_actions.py":
            assert reads == ["slots_to_validate"], path
        else:
            assert not reads, path
