"""Faults, tried for real: the action server is stopped in the middle of a
conversation, then started again."""
from __future__ import annotations

import pytest

from channels.contract import NO_REPLY
from tests.e2e.servers import running

pytestmark = pytest.mark.e2e


def _texts(replies) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def test_action_server_down_gets_an_apology_then_the_conversation_goes_on(tmp_path):
    with running(tmp_path) as servers:
        assert "88 in 100" in _texts(servers.say("fault-1", "I'm 58 and had a transplant"))
        actions = servers.procs[0]  # started first (tests/e2e/servers.py)
        actions.terminate()
        actions.wait(timeout=30)
        servers.procs.remove(actions)
        down = servers.say("fault-1", "what are the side effects?")
        assert _texts(down) == NO_REPLY  # a short apology and a try-again hint, not silence
        urgent = servers.say("fault-1", "I have a fever of 39")
        assert "Please get help now" in _texts(urgent)  # Rasa's own words still reach them
        servers.start_actions()
        back = servers.say("fault-1", "what does it mean for me")
        assert "You are under 65 and have had a transplant" in _texts(back)  # nothing lost
