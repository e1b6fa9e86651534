"""Faults, tried for real: the action server is stopped in the middle of a
conversation, then started again, over REST and over socket.io (the web page).
The database and Redis are stopped for real in tests/scale/test_scale.py."""
from __future__ import annotations

import time


from channels.contract import NO_REPLY
from devtools.servers import running



def _texts(replies) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def test_action_server_down_gets_an_apology_then_the_conversation_goes_on(tmp_path):
    with running(tmp_path) as servers:
        assert "88 in 100" in _texts(servers.say("fault-1", "I'm 58 and had a transplant"))
        actions = servers.procs[0]  # started first (devtools/servers.py)
        actions.terminate()
        actions.wait(timeout=30)
        servers.procs.remove(actions)
        down = servers.say("fault-1", "what are the side effects?")
        assert _texts(down) == NO_REPLY  # a short apology and a try-again hint, not silence
        urgent = servers.say("fault-1", "I have a fever of 39")
        assert "24-hour advice line now" in urgent[0]["text"]  # the channel's own safety read
        servers.start_actions()
        back = servers.say("fault-1", "what does it mean for me")
        assert "You are under 65 and have had a transplant" in _texts(back)  # nothing lost


def test_over_socketio_too_a_turn_without_a_reply_gets_the_apology(tmp_path):
    import socketio

    with running(tmp_path) as servers:
        client = socketio.Client(reconnection=False)
        heard: list = []
        client.on("bot_uttered", lambda data: heard.append(data.get("text") or ""))
        client.connect(servers.url, transports=["polling"], socketio_path="/socket.io")
        try:
            client.emit("session_request", {"session_id": "faultsio0001"})
            time.sleep(1)

            def send(text: str, until: str) -> str:
                heard.clear()
                client.emit("user_uttered", {"message": text, "session_id": "faultsio0001"})
                end = time.monotonic() + 60
                while time.monotonic() < end and not any(until in h for h in heard):
                    time.sleep(0.1)
                time.sleep(0.5)  # anything else of the same reply
                return " ".join(heard)

            assert "88 in 100" in send("I'm 58 and had a transplant", "88 in 100")
            actions = servers.procs[0]
            actions.terminate()
            actions.wait(timeout=30)
            servers.procs.remove(actions)
            assert send("what are the side effects?", "Sorry") == NO_REPLY
            servers.start_actions()
            back = send("what does it mean for me", "under 65")
            assert "You are under 65 and have had a transplant" in back
        finally:
            client.disconnect()
