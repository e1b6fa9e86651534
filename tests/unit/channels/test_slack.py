"""channels/slack.py: the Slack replay memory."""
from channels.slack import SeenEvents


def test_seen_events_answer_once_and_stay_bounded():
    seen = SeenEvents(limit=3, ttl=3600)
    assert seen.first_time("a") and not seen.first_time("a")
    for key in "bcde":
        assert seen.first_time(key)
    assert len(seen._seen) <= 3
    assert seen.first_time("a")  # forgotten once the memory is full
